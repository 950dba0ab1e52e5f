"""Presentation helpers for the handbook (``book/``): tables, traces and rule listings as HTML.

Nothing here decides policy. Every number comes from the engine (``assess``, ``load_policy``
and the helpers in ``review``, ``standards`` and ``payment``); this module only lays it out.

A worked example writes the call it made into the page (a ``<pre class="doudi-call">`` block
holding JSON) and wraps every number it shows in ``<span class="doudi-num" data-call=…
data-path=…>``. ``tests/handbook`` reads the built HTML, replays each call with
:func:`run_call` and checks that every shown number equals what the engine returns now.
"""
from __future__ import annotations

import html
import importlib
import inspect
import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .assessment import CATEGORY_NAMES as CATEGORIES
from .assessment import METHOD_NAMES as METHODS
from .household import DISABILITY_TYPES, INCOME_KINDS, RELATIONS, SEXES, STATUSES, SUPPORTER_CATEGORIES, TEKUN_CARE
from .money import ROUNDING_MODE_NAMES, cents

REPO_ROOT = Path(__file__).resolve().parent.parent

# How the handbook names the source documents in its citations (see book/guide/citations.md).
DOC_NAMES = {
    "000": "文件000《来凤县社会保障兜底与农村三留守工作介绍》",
    "002": "文件002《全县民政领域决战决胜脱贫攻坚工作方案》（阳民发〔2020〕4号）",
    "003": "文件003《关于做好农村留守老年人、留守儿童、留守妇女主动发现工作的通知》",
    "004": "文件004《寿县人民政府关于加强农村“三留守”人员关爱保护工作的实施意见》（寿政秘〔2016〕278号）",
}



COMBINE = {"highest": "按最高一类", "sum": "多类累加"}
WORDS = {**ROUNDING_MODE_NAMES, **COMBINE, **TEKUN_CARE, **METHODS, **CATEGORIES}


# -- values ------------------------------------------------------------------------------

def show(value) -> str:
    """A value as a reader sees it: money without trailing zeros, 是/否 for booleans."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = f"{cents(value):f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, Fraction):
        digits = "零一二三四五六七八九十"
        if value.denominator <= 10 and value.numerator <= 10:
            return f"{digits[value.denominator]}分之{digits[value.numerator]}"
        return str(value)
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, str):
        return WORDS.get(value, value)
    return str(value)


def lookup(data, path: str):
    """``lookup(d, "dibao.members.0.deduction_annual")``: dotted path through dicts, lists, attributes."""
    node = data
    for part in path.split("."):
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, (list, tuple)):
            node = node[int(part)]
        else:
            node = getattr(node, part)
    return node


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


class Html:
    """An HTML fragment that myst-nb displays and glues (inline or as a block)."""

    def __init__(self, markup: str, plain: str | None = None):
        self.markup, self.plain = markup, plain if plain is not None else markup

    def _repr_html_(self):
        return self.markup

    def __repr__(self):
        return self.plain

    def __str__(self):
        return self.plain


def _jsonable(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


# -- replayable engine calls -------------------------------------------------------------

def _result_dict(value):
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_result_dict(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _result_dict(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def _policy_arg(policy):
    from . import load_policy
    return load_policy(policy) if policy else load_policy()


def run_call(record: dict):
    """Run one recorded engine call and return its result as plain data (dicts and lists).

    ``record`` is what a worked example wrote into the page: ``{"call": name, "args": {...},
    "policy": id or None, "as_of": "YYYY-MM-DD" or None}``. Supported calls: ``assess``,
    ``check_review``, ``publicity_schedule``, ``check_standard``, ``check_investigation``,
    ``check_temporary_aid``,
    ``monthly_payment``, ``policy`` (the parameter file itself), ``propose_policy`` (a proposed new
    standard, in memory) and ``compare_roster`` (a roster of the repository compared under the policy
    and a proposal, ``roster.compare.compare``: its totals and its townships by name).
    """
    from . import assess
    name, args = record["call"], dict(record.get("args") or {})
    policy_id = record.get("policy")
    as_of = date.fromisoformat(record["as_of"]) if record.get("as_of") else None
    if name == "assess":
        return assess(args["household"], policy=policy_id, as_of=as_of).to_dict()
    policy = _policy_arg(policy_id)
    if name == "policy":
        return policy
    if name == "check_review":
        from .review import check_review
        return _result_dict(check_review(policy=policy, **args))
    if name == "publicity_schedule":
        from .review import publicity_schedule
        return _result_dict(publicity_schedule(date.fromisoformat(args["start_date"]), policy=policy))
    if name == "check_standard":
        from .standards import check_standard
        return _result_dict(check_standard(Decimal(str(args["proposed_annual"])),
                                           Decimal(str(args["consumption_last_year"])),
                                           kind=args.get("kind", "dibao"), policy=policy))
    if name == "check_investigation":
        from .investigation import check_investigation
        return _result_dict(check_investigation(policy=policy, **args))
    if name == "check_temporary_aid":
        from .temporary_aid import check_temporary_aid
        return _result_dict(check_temporary_aid(policy, **args))
    if name in ("propose_policy", "compare_roster"):
        from .proposal import propose_policy
        proposed = propose_policy(policy, Decimal(str(args["standard_annual"])), tiers=args.get("tiers"))
        return proposed if name == "propose_policy" else _roster_comparison(args["roster"], policy, proposed)
    if name == "monthly_payment":
        from .payment import monthly_payment
        return _result_dict(monthly_payment(policy, args["household_size"],
                                            Decimal(str(args["per_capita_monthly_income"]))))
    raise ValueError(f"unknown call {name!r}")


def _roster_comparison(roster: str, policy, proposed) -> dict:
    from .roster.cli import import_roster
    from .roster.compare import compare
    c = compare(import_roster(REPO_ROOT / roster, policy=policy), policy, proposed)
    return {"standard_annual": proposed.dibao.standard_annual, "totals": c.totals(),
            "by_township": {row["township"]: row for row in c.by_township().to_dict("records")}}


class Call:
    """One engine call shown on a page: its record, its result, and spans for its numbers."""

    def __init__(self, key: str, call: str, args: dict | None = None, policy: str | None = None,
                 as_of: str | None = None):
        self.key = key
        self.record = {"call": call, "args": _jsonable(args or {}), "policy": policy, "as_of": as_of}
        self.result = run_call(self.record)

    def get(self, path: str):
        return lookup(self.result, path)

    def num(self, path: str, unit: str = "") -> Html:
        """The value at ``path`` as an inline span the tests can check."""
        text = show(self.get(path))
        # A parameter span carries its (small) record, so it can be checked on a page without a record block.
        record = (f' data-record="{_esc(json.dumps(self.record, ensure_ascii=False))}"'
                  if self.record["call"] == "policy" else "")
        markup = (f'<span class="doudi-num" data-call="{_esc(self.key)}" data-path="{_esc(path)}"{record}>'
                  f'{_esc(text)}</span>{_esc(unit)}')
        return Html(markup, text + unit)

    def glue(self, name: str, path: str, unit: str = "", prefix: bool = True) -> Html:
        """Glue the value at ``path`` under ``<key>-<name>`` for ``{glue:}`` in the prose."""
        from myst_nb import glue
        value = self.num(path, unit)
        glue(f"{self.key}-{name}" if prefix else name, value, display=False)
        return value

    def answer(self) -> Html:
        """The call's own trace (if it has one) and its recorded input: the worked answer of an exercise."""
        steps = (self.result.get("trace") or {}).get("steps") if isinstance(self.result, dict) else None
        markup = trace_table(steps).markup if steps else ""
        return Html(markup + self.record_block().markup, f"answer {self.key}")

    def glue_answer(self) -> Html:
        """Glue :meth:`answer` under ``<key>-answer`` for a ``{glue}`` directive inside a dropdown."""
        from myst_nb import glue
        value = self.answer()
        glue(f"{self.key}-answer", value, display=False)
        return value

    def record_block(self, title: str = "本例的输入数据（JSON）") -> Html:
        body = json.dumps(self.record, ensure_ascii=False, indent=1)
        markup = (f'<details class="doudi-call-box"><summary>{_esc(title)}</summary>'
                  f'<pre class="doudi-call" data-call="{_esc(self.key)}">{_esc(body)}</pre></details>')
        return Html(markup, body)


class Example(Call):
    """A worked example household, assessed under a policy (default: the default county)."""

    def __init__(self, key: str, household: dict, policy: str | None = None, as_of: str | None = None):
        super().__init__(key, "assess", {"household": household}, policy, as_of)
        self.household = household

    # -- tables --
    def household_table(self) -> Html:
        members = self.household.get("members")
        if not members:
            rows = [("家庭人口", self.household.get("size")),
                    ("收入", _income_summary(self.household.get("income") or {}))]
            return _table(["项目", "内容"], rows, cls="doudi-household-table")
        from . import load_policy
        crops = load_policy(self.record["policy"]).income.crops
        head = ["成员", "关系", "性别", "年龄", "情况", "收入"]
        rows = []
        for m in members:
            rows.append((m.get("id", ""), RELATIONS.get(m.get("relation"), m.get("relation", "")),
                         SEXES.get(m.get("sex"), m.get("sex", "")), m.get("age", ""),
                         _member_notes(m), "；".join(_income_text(i, crops) for i in m.get("incomes") or []) or "无"))
        table = _table(head, rows, cls="doudi-household-table")
        extra = _household_notes(self.household)
        return Html(table.markup + (f'<p class="doudi-household-notes">{_esc(extra)}</p>' if extra else ""))

    def result_table(self) -> Html:
        d = self.result["dibao"]
        rows = [("是否符合低保条件", self.num("dibao.eligible"))]
        if d.get("failed_conditions"):
            rows.append(("不符合的条件", "；".join(c["text"] for c in d["failed_conditions"])))
        for label, path, unit in (("共同生活家庭成员人数", "dibao.household_size", "人"),
                                  ("计入的家庭年收入", "dibao.counted_income_annual", "元"),
                                  ("核减额（年）", "dibao.deduction_annual", "元"),
                                  ("家庭月人均收入", "dibao.per_capita_monthly_income", "元"),
                                  ("补差金额（月）", "dibao.gap_monthly", "元"),
                                  ("重点救助金（月）", "dibao.key_aid_monthly", "元"),
                                  ("每月低保金合计", "dibao.total_monthly", "元")):
            if d.get(path.split(".")[-1]) is not None:
                rows.append((label, self.num(path, unit)))
        for i, t in enumerate(self.result.get("tekun") or []):
            if t["eligible"]:
                rows.append((f"特困供养：{t['member']}", Html(
                    f"符合，{_esc(show(t['care']))}标准 {self.num(f'tekun.{i}.standard_annual').markup} 元/年")))
        for flag in self.result.get("flags") or []:
            rows.append(("提示", flag["text"]))
        for i, x in enumerate(self.result.get("left_behind") or []):
            rows.append((f"三留守：{x['member']}", Html(
                f"{self.num(f'left_behind.{i}.category').markup}（{_esc(x['why'])}）")))
        for i, x in enumerate(self.result.get("ambiguities") or []):
            rows.append((f"待确认：{x['member']}", Html(
                f"{_esc(x['question'])}；请填写{self.num(f'ambiguities.{i}.field').markup}栏")))
        return _table(["项目", "结果"], rows, cls="doudi-result-table")

    def trace_table(self, contains: str | None = None) -> Html:
        return trace_table(self.result["trace"], contains)

    def answer(self) -> Html:
        """Result, trace and input JSON: the worked answer of an exercise."""
        return Html(self.result_table().markup + '<details class="doudi-trace-box" open><summary>计算过程</summary>'
                    + self.trace_table().markup + "</details>" + self.record_block().markup,
                    f"answer {self.key}")

    def show(self, trace: bool = True) -> Html:
        """Household, result, the trace (collapsible) and the input JSON: one block."""
        parts = ['<div class="doudi-example">', "<p><strong>家庭情况</strong></p>",
                 self.household_table().markup, "<p><strong>计算结果</strong></p>",
                 self.result_table().markup]
        if trace:
            parts += ['<details class="doudi-trace-box"><summary>计算过程（每一步及其依据）</summary>',
                      self.trace_table().markup, "</details>"]
        parts += [self.record_block().markup, "</div>"]
        return Html("".join(parts), f"worked example {self.key}")


def _income_summary(income: dict) -> str:
    per = {"month": "月", "year": "年"}.get(income.get("per"), income.get("per", ""))
    of = {"household": "全家", "per_capita": "人均"}.get(income.get("of"), income.get("of", ""))
    return f"{of}每{per} {income.get('amount', '')} 元"


def _income_text(item: dict, crops: dict | None = None) -> str:
    kind = INCOME_KINDS.get(item.get("kind"), item.get("kind", ""))
    if item.get("kind") == "migrant_work":
        text = f"{kind} {item.get('months', '')} 个月"
        if item.get("min_wage_monthly"):
            text += f"（当地最低工资 {item['min_wage_monthly']} 元/月）"
        return text + ("，零星务工" if item.get("sporadic") else "")
    if item.get("kind") == "farm":
        crop = item.get("crop")
        crop_name = (crops or {}).get(crop, {}).get("name", crop) if crop else ""
        text = f"{kind}：{crop_name} {item.get('mu', '')} 亩"
        if item.get("revenue_per_mu") is not None:
            text += f"（每亩收入 {item['revenue_per_mu']} 元、成本 {item.get('cost_per_mu', '')} 元）"
        return text
    per = {"month": "月", "year": "年"}.get(item.get("per"), "")
    return f"{kind} {item.get('amount', '')} 元/{per}" if per else f"{kind} {item.get('amount', '')} 元"


def _member_notes(m: dict) -> str:
    notes = []
    if m.get("status"):
        notes.append(STATUSES.get(m["status"], m["status"]))
    if m.get("co_resident") is False:
        notes.append("不共同居住")
    dis = m.get("disability")
    if dis:
        notes.append(f"{DISABILITY_TYPES.get(dis.get('type'), dis.get('type', ''))}残疾{dis.get('grade', '')}级")
    for key, text in (("serious_illness", "患重特大疾病"), ("full_time_student", "全日制在校学生"),
                      ("single_parent_minor", "单亲家庭抚养"), ("placed_employment_disabled", "被安置就业的残疾人")):
        if m.get(key):
            notes.append(text)
    if m.get("tekun_care"):
        notes.append(TEKUN_CARE.get(m["tekun_care"], m["tekun_care"]) + "意愿")
    if m.get("hukou_moved_in") is False:
        notes.append("户口未迁入")
    if m.get("lives_at_hukou_place") is False:
        notes.append("不在户籍地居住")
    if m.get("away_months"):
        notes.append(f"外出务工 {m['away_months']} 个月")
    for key, text in (("spouse", "配偶"), ("father", "父亲"), ("mother", "母亲")):
        if m.get(key):
            notes.append(f"{text}：{m[key]}")
    if m.get("guardian_capable") is False:
        notes.append("无监护（照料）能力")
    if m.get("unemployed"):
        notes.append("无业")
    return "、".join(notes) or "—"


def _household_notes(h: dict) -> str:
    notes = []
    if h.get("hukou") and h["hukou"] != "rural":
        notes.append("非农村户籍")
    if h.get("assets_ok") is False:
        notes.append("家庭财产不符合规定")
    if h.get("pure_daughter_family"):
        notes.append("计划生育纯女户")
    if h.get("still_in_difficulty"):
        notes.append("乡镇认定纳入低保后生活仍有困难")
    if h.get("on_dibao"):
        notes.append("现为低保户")
    for item in h.get("incomes") or []:
        notes.append("全户收入：" + _income_text(item))
    for s in h.get("supporters") or []:
        cat = SUPPORTER_CATEGORIES.get(s.get("category"), "")
        notes.append(f"家庭外的赡（抚、扶）养义务人：其家庭 {s.get('family_size', '')} 人、年收入 "
                     f"{s.get('family_income_annual', '')} 元" + (f"（{cat}）" if cat else ""))
    return "；".join(notes)


def _cell(value) -> str:
    if isinstance(value, Html):
        return value.markup
    return _esc(show(value) if not isinstance(value, str) else value)


def nowrap(value) -> Html:
    """A table cell kept on one line (a date, a short code, an amount with its unit)."""
    inner = value if isinstance(value, Html) else Html(_esc(value), str(value))
    return Html(f'<span style="white-space:nowrap">{inner.markup}</span>', inner.plain)


def _table(head, rows, cls: str = "", row_ids=None) -> Html:
    """A table; with the class ``doudi-cards`` it spans the text column and stacks into one card
    per row on a phone (doudi.css). ``row_ids`` gives each row an id (a link target)."""
    width = "100%" if "doudi-cards" in cls else "auto"
    out = [f'<table class="table doudi-table {cls}" style="margin-left:0;width:{width}"><thead><tr>']
    out += [f"<th>{_esc(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    # Each cell names its column (data-label), so a phone-width stylesheet can stack a row into a card.
    labels = [f' data-label="{_esc(h)}"' if h else "" for h in head]
    for n, row in enumerate(rows):
        row_id = f' id="{_esc(row_ids[n])}"' if row_ids else ""
        out.append(f"<tr{row_id}>" + "".join(f"<td{label}>{_cell(v)}</td>" for label, v in zip(labels, row)) + "</tr>")
    out.append("</tbody></table>")
    plain = "\n".join(" | ".join(str(v) for v in row) for row in rows)
    return Html("".join(out), plain)


def table(head, rows, cls: str = "", row_ids=None) -> Html:
    """A plain HTML table (cells may be :class:`Html` spans), optionally with row ids."""
    return _table(head, rows, cls, row_ids)


def trace_table(trace, contains: str | None = None) -> Html:
    """An Assessment's trace (list of dicts or Steps) as a table: step, formula, value, source."""
    rows = []
    for step in trace:
        s = step.to_dict() if hasattr(step, "to_dict") else step
        if contains and contains not in s["label"] and contains not in (s.get("source") or ""):
            continue
        value = s.get("value")
        rows.append((s["label"], s.get("formula") or "", "" if value is None else show(value), s.get("source") or ""))
    return _table(["步骤", "算法与取值", "结果", "依据"], rows, cls="doudi-trace doudi-cards")


# -- parameters --------------------------------------------------------------------------

class Params:
    """Parameter values in force, read from a policy file through ``load_policy``."""

    def __init__(self, policy: str | None = None, as_of: str | None = None, key: str = "policy"):
        self.call = Call(key, "policy", policy=policy, as_of=as_of)
        self.policy = self.call.result

    def num(self, path: str, unit: str = "") -> Html:
        return self.call.num(path, unit)

    def glue(self, name: str, path: str, unit: str = "") -> Html:
        """Glue a parameter value under ``name`` (no prefix) for ``{glue:}`` in the prose."""
        return self.call.glue(name, path, unit, prefix=False)

    def table(self, rows) -> Html:
        """``rows``: (label, attribute path, unit, raw path for the source). Values with sources."""
        out = []
        for label, path, unit, raw_path in rows:
            source = self.policy.source(raw_path) if raw_path else ""
            example = " （示例值）" if raw_path and self.policy.is_example(raw_path) else ""
            out.append((label, nowrap(self.num(path, unit)), source + example))
        header = f'<p class="doudi-params-caption">参数文件：{_esc(self.policy.name)}（{_esc(self.policy.id)}）</p>'
        t = _table(["参数", "现行值", "出处"], out, cls="doudi-params doudi-cards")
        return Html(header + t.markup + self.call.record_block("参数文件编号（JSON）").markup, t.plain)


# -- the readings register -------------------------------------------------------------

def interpretations() -> list:
    """The entries of ``data/policies/interpretations.yaml`` (the readings the engine takes)."""
    import yaml
    path = REPO_ROOT / "data" / "policies" / "interpretations.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["readings"]


def interpretations_table() -> Html:
    """The register as a table, one card per reading on a phone."""
    rows = []
    for entry in interpretations():
        tests = entry["test"] if isinstance(entry["test"], list) else [entry["test"]]
        rows.append((entry["clause"], entry["text_says"], entry["reading"], entry["why"],
                     Html(f"<code>{_esc(entry['parameter'])}</code>") if entry.get("parameter") else "—",
                     Html("<br>".join(f"<code>{_esc(t.split('::')[-1])}</code>" for t in tests))))
    return _table(["条款", "原文怎么说", "本项目的读法", "理由", "县里可改的参数", "对应的测试"], rows,
                  cls="doudi-cards doudi-register")


# -- rules -------------------------------------------------------------------------------

CHINESE_SUMMARY = re.compile(r"^中文：(.+)$", re.M)


def chinese_summary(func) -> str:
    """The line ``中文：…`` of a rule function's docstring: what it does, with its clause, in Chinese.

    The rule modules carry it (one source); the handbook shows it in the rule box.
    """
    found = CHINESE_SUMMARY.search(inspect.getdoc(func) or "")
    return found.group(1).strip() if found else ""


def rule(func, show_source: bool = True) -> Html:
    """A rule function: its Chinese summary, then behind a toggle its name, module, signature,
    English docstring and (optionally) source code."""
    module = inspect.getmodule(func)
    path = Path(inspect.getsourcefile(func)).resolve()
    try:
        where = path.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        where = path.name
    lines, start = inspect.getsourcelines(func)
    # Annotations without their module path: "policy: Policy", not "policy: calculators.policy.Policy".
    signature = re.sub(r"\b(?:calculators\.(?:\w+\.)*|decimal\.|datetime\.)(\w+)", r"\1",
                       f"{func.__name__}{inspect.signature(func)}")
    summary = chinese_summary(func)
    doc = CHINESE_SUMMARY.sub("", inspect.getdoc(func) or "").strip()
    parts = ['<div class="doudi-rule">']
    if summary:
        parts.append(f'<p class="doudi-rule-zh">{_esc(summary)}</p>')
    parts.append(f'<details class="doudi-rule-code"><summary>查看实现这一条的函数'
                 f'{"和源代码" if show_source else ""}</summary>'
                 f'<p><code>{_esc(module.__name__)}.{_esc(func.__name__)}</code>'
                 f'（<code>{_esc(where)}</code> 第 {start} 行）</p>'
                 f'<pre class="doudi-signature">{_esc(signature)}</pre>')
    if doc:
        parts.append(f'<blockquote class="doudi-docstring"><pre>{_esc(doc)}</pre></blockquote>')
    if show_source:
        parts.append(f'<pre class="doudi-source">{_esc("".join(lines))}</pre>')
    parts.append("</details></div>")
    return Html("".join(parts), summary or signature)


# -- diagrams ----------------------------------------------------------------------------

FONT = "WenQuanYi Micro Hei,Noto Sans CJK SC,sans-serif"
DOT_STYLE = (f'graph [rankdir=TB, fontname="{FONT}", nodesep=0.3, ranksep=0.35]; '
             f'node [shape=box, style="rounded,filled", fillcolor="#eef4fb", color="#4a78a8", '
             f'fontname="{FONT}", fontsize=12]; edge [color="#4a78a8", fontname="{FONT}", fontsize=12];')


def graph(dot_source: str) -> Html:
    """Render Graphviz DOT to inline SVG with the system ``dot`` (numbers in labels come from the engine)."""
    import subprocess
    svg = subprocess.run(["dot", "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True,
                         check=True).stdout.decode("utf-8")
    svg = svg[svg.index("<svg"):]
    # Shrink to fit a phone screen, but not below 70% of the drawn size (labels stay about 11 px);
    # a wider diagram scrolls sideways in its box (doudi.css).
    points = re.match(r'<svg width="([\d.]+)pt"', svg)
    least = f"min-width:{round(float(points.group(1)) * 4 / 3 * 0.7)}px;" if points else ""
    svg = f'<svg style="max-width:100%;{least}height:auto"' + svg[len("<svg"):]
    return Html(f'<div class="doudi-graph">{svg}</div>', "diagram")


def module(name: str):
    """Import a calculators module by its short name (``calculators.deductions``)."""
    return importlib.import_module(f"calculators.{name}")
