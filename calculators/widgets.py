"""Live calculators: ipywidgets forms over the rules engine.

Every number shown comes from the engine (``assess``, ``monthly_payment``, ``check_review``,
``publicity_schedule``, ``load_policy``, ``list_policies``); this module only builds the
household JSON from the form, calls the engine and lays the answer out in Chinese. Bad input
raises the engine's ``InputError``: its message is shown beside the field it names, and the
last valid result stays on screen, greyed and marked as out of date.

The same code runs in Jupyter, in Voila and in the browser (JupyterLite / Pyodide), so it
imports nothing beyond ``ipywidgets`` and the engine; charts are inline SVG drawn from the
engine's numbers (Altair is too heavy for the in-browser kernel).

    from calculators.widgets import dibao_calculator
    dibao_calculator()          # returns a widget; the last expression of a cell displays it
"""
import base64
import json
import re
from datetime import date
from decimal import Decimal

import ipywidgets as W

from . import InputError, assess, list_policies, load_policy
from .assessment import CATEGORY_NAMES, METHOD_NAMES
from .deductions import GROUP_NAMES as DEDUCTION_NAMES
from .household import (DISABILITY_TYPES, EXCLUDED_INCOME, HUKOU, RELATIONS, SEXES, SUPPORTER_CATEGORIES,
                        TEKUN_CARE)
from .markup import esc
from .money import yuan
from .payment import monthly_payment
from .review import check_review, publicity_schedule
from .trace import json_value

FULL = W.Layout(width="100%")
LABEL_STYLE = {"description_width": "8.5em"}
ESTIMATE_NOTE = "本估算单按公开的政策规则计算，只是估算，不是审批决定；结果以乡镇审核、县级民政部门审批为准。"
STALE_NOTE = "输入有误，下面是上一次有效输入的结果（已过时）"

CSS = """
<style>
.doudi-calc { font-size: 16px; max-width: 960px; }
.doudi-calc .widget-label, .doudi-calc .widget-checkbox label { font-size: 15px; }
.doudi-calc input, .doudi-calc select, .doudi-calc .widget-button, .doudi-calc .widget-toggle-button {
  min-height: 40px; font-size: 16px; }
.doudi-calc .widget-inline-hbox, .doudi-calc .widget-checkbox { min-height: 40px; }
.doudi-calc .widget-slider .slider-container { min-height: 40px; }
.doudi-calc .widget-inline-hbox { box-sizing: border-box; max-width: 100%; margin-left: 0; margin-right: 0;
  height: auto !important; min-height: 40px; }
.doudi-calc .widget-inline-hbox > input, .doudi-calc .widget-inline-hbox > select,
.doudi-calc .widget-inline-hbox > .widget-datepicker input { flex: 1 1 auto; min-width: 0; width: auto; }
.doudi-calc .widget-inline-hbox > label { white-space: normal; line-height: 1.25 !important; height: auto !important;
  align-self: center; overflow: visible !important; }
.doudi-calc .widget-box, .doudi-calc .widget-gridbox { box-sizing: border-box; max-width: 100%; }
.doudi-calc .doudi-style { display: none !important; }
/* A checkbox and its words on one line (the 40 px minimum height is for text fields). */
.doudi-calc .widget-checkbox .widget-label-basic { display: flex; align-items: center; gap: 8px; }
.doudi-calc input[type="checkbox"] { min-height: 0; width: 20px; height: 20px; margin: 0; flex: none; }
/* Toggle buttons (详细填写 / 简易估算) share the width side by side. */
.doudi-calc .widget-toggle-buttons > div { display: flex; width: 100%; }
.doudi-calc .widget-toggle-buttons .widget-toggle-button { flex: 1 1 0; }
/* In the handbook's JupyterLite REPL the calculator is all there is: no prompts, no input cell
   below it; the page sets the frame's height to the calculator's (book/_ext/doudi_ui.py). */
#single-widget-panel .jp-CodeConsole:has(.doudi-calc) :is(.jp-OutputPrompt, .jp-InputPrompt,
  .jp-CodeConsole-input, .lm-SplitPanel-handle) { display: none !important; }
#single-widget-panel .jp-CodeConsole:has(.doudi-calc) .jp-CodeConsole-content { height: 100% !important; }
@media (max-width: 600px) {
  .doudi-calc .widget-inline-hbox { flex-wrap: wrap; height: auto !important; }
  .doudi-calc .widget-inline-hbox > input, .doudi-calc .widget-inline-hbox > select { flex: 1 1 100%; }
  .doudi-calc .widget-inline-hbox > label { width: 100% !important; max-width: 100% !important;
    text-align: left !important; padding-left: 2px; }
  .doudi-calc .widget-slider .widget-readout { min-width: 4em; }
}
.doudi-card { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px; margin: 6px 0; }
.doudi-err { color: #b00020; font-size: 14px; line-height: 1.3; }
.doudi-err:empty { display: none; }
.doudi-result { transition: opacity .2s; overflow-x: auto; }
.doudi-stale { opacity: .45; filter: grayscale(1); }
.doudi-stale-note { color: #b00020; font-weight: bold; }
.doudi-big { font-size: 22px; font-weight: bold; }
.doudi-ok { color: #116329; font-weight: bold; }
.doudi-no { color: #b00020; font-weight: bold; }
table.doudi-table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0; }
table.doudi-table th, table.doudi-table td { border: 1px solid #d0d7de; padding: 4px 6px;
  vertical-align: top; text-align: left; overflow-wrap: break-word; word-break: normal; }
table.doudi-table th { background: #f3f5f7; white-space: nowrap; }
.doudi-source { color: #57606a; font-size: 12px; }
/* The tier chart is drawn twice: wide, and narrow for a phone (labels readable at either size). */
.doudi-chart-narrow { display: none; }
@media screen and (max-width: 600px) {
  .doudi-chart-wide { display: none; }
  .doudi-chart-narrow { display: block; }
}
/* On a phone a table of three or more columns stacks each row into a card: the first cell as its
   title, the others after their column names (data-label). */
@media screen and (max-width: 600px) {
  table.doudi-stack, table.doudi-stack tbody, table.doudi-stack tr, table.doudi-stack td { display: block; }
  table.doudi-stack thead { display: none; }
  table.doudi-stack tr { border: 1px solid #d0d7de; border-radius: 4px; margin: 0 0 6px; padding: 4px 6px; }
  table.doudi-stack td { border: 0; padding: 1px 0; }
  table.doudi-stack td:empty { display: none; }
  table.doudi-stack td:first-child { font-weight: bold; }
  table.doudi-stack td[data-label]:not(:first-child)::before { content: attr(data-label) "："; color: #57606a;
    font-weight: normal; }
  /* a trace step's title: "3．收入核减" */
  table.doudi-stack.doudi-trace td:nth-child(-n+2) { display: inline; font-weight: bold; }
  table.doudi-stack.doudi-trace td:first-child::after { content: "．"; }
  table.doudi-stack.doudi-trace td:nth-child(2)::before { content: none; }
}
.doudi-note { background: #fff8c5; border: 1px solid #d4a72c; padding: 6px; margin: 6px 0; }
.doudi-sheet-actions button, .doudi-sheet-actions a { font-size: 16px; min-height: 40px; padding: 6px 14px;
  margin: 4px 8px 4px 0; display: inline-block; }
@media print {
  body *:not(:has(.doudi-sheet)):not(.doudi-sheet):not(.doudi-sheet *) { display: none !important; }
  html, body { height: auto !important; overflow: visible !important; }
  body *:has(.doudi-sheet) { contain: none !important; display: block !important; position: static !important; overflow: visible !important; height: auto !important;
    min-height: 0 !important; max-height: none !important; width: auto !important; margin: 0 !important;
    padding: 0 !important; border: 0 !important; box-shadow: none !important; transform: none !important; }
  .doudi-sheet { display: block !important; opacity: 1 !important; filter: none !important; }
  .doudi-sheet-actions { display: none !important; }
  .doudi-sheet { font-size: 12px; } .doudi-sheet table.doudi-table { font-size: 10.5px; }
  .doudi-sheet table.doudi-table th, .doudi-sheet table.doudi-table td { padding: 2px 4px; }
  @page { size: A4; margin: 12mm; }
}
</style>
"""


def _money(value) -> str:
    return "—" if value is None else yuan(value)


def _num(value) -> str:
    """A machine-readable number for data-value attributes (what the tests read)."""
    shown = json_value(value) if isinstance(value, Decimal) else value
    return esc(shown)


def _field_box(widget, error: W.HTML) -> W.VBox:
    return W.VBox([widget, error], layout=W.Layout(width="100%"))


def _grid(children) -> W.GridBox:
    """Responsive columns: one on a phone, two or three on a desktop."""
    return W.GridBox(children, layout=W.Layout(
        width="100%", grid_template_columns="repeat(auto-fill, minmax(min(290px, 100%), 1fr))", grid_gap="2px 12px"))


def _err() -> W.HTML:
    """An error slot: hidden until the engine has something to say about its field."""
    return W.HTML("", layout=W.Layout(width="100%", display="none")).add_class("doudi-err")


def _say(slot: W.HTML, text: str):
    slot.value = text
    slot.layout.display = "" if text else "none"


def _text(description, value="", placeholder="") -> W.Text:
    return W.Text(value=value, description=description, placeholder=placeholder, layout=FULL, style=LABEL_STYLE)


def _int(description, value=0) -> W.IntText:
    return W.IntText(value=value, description=description, layout=FULL, style=LABEL_STYLE)


def _float(description, value=0.0) -> W.FloatText:
    return W.FloatText(value=value, description=description, layout=FULL, style=LABEL_STYLE)


def _drop(description, options, value=None) -> W.Dropdown:
    options = list(options)
    return W.Dropdown(options=options, value=value if value is not None else options[0][1],
                      description=description, layout=FULL, style=LABEL_STYLE)


def _check(description, value=False) -> W.Checkbox:
    return W.Checkbox(value=value, description=description, indent=False, layout=FULL)


def _choices(mapping: dict, none_label: str | None = None) -> list:
    items = [(label, key) for key, label in mapping.items()]
    return ([(none_label, "")] if none_label else []) + items


def _amount(value) -> float | int:
    """A widget number as JSON: whole numbers stay integers (the engine reads both)."""
    return int(value) if float(value).is_integer() else float(value)


def _table(headers, rows, cls="doudi-table") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    labels = [f' data-label="{esc(h)}"' if h and h != "#" else "" for h in headers]
    body = "".join("<tr>" + "".join(f"<td{label}>{c}</td>" for label, c in zip(labels, row)) + "</tr>"
                   for row in rows)
    if len(headers) > 2:
        cls += " doudi-stack"
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def trace_table(steps) -> str:
    """The step-by-step explanation: what, how, result, clause."""
    rows = []
    for i, step in enumerate(steps, 1):
        value = step.value
        shown = "是" if value is True else "否" if value is False else "" if value is None else \
            (yuan(value) if isinstance(value, Decimal) else value)
        rows.append([str(i), esc(step.label), esc(step.formula), esc(shown),
                     f'<span class="doudi-source">{esc(step.source)}</span>'])
    return _table(["#", "步骤", "计算", "结果", "依据"], rows, "doudi-table doudi-trace")


class ErrorSlots:
    """Where each field's error message goes: the engine names a field path, we find its slot."""

    def __init__(self, general: W.HTML):
        self.general = general
        self.slots: dict = {}

    def reset(self):
        self.slots = {}

    def add(self, path: str, slot: W.HTML):
        self.slots[path] = slot

    def clear(self):
        for slot in {self.general, *self.slots.values()}:
            if slot.value:
                _say(slot, "")

    def show(self, error: InputError) -> W.HTML:
        """Put the message beside the deepest field on the error's path; return that slot."""
        path = error.field
        while path:
            if path in self.slots:
                slot = self.slots[path]
                break
            path = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path) if re.search(r"(\.[^.\[\]]+|\[\d+\])$", path) else ""
        else:
            slot = self.general
        _say(slot, f"⚠ {esc(error.message)}" if slot is not self.general else f"⚠ {esc(str(error))}")
        return slot


class Calculator:
    """A form, a result area and the stale-result handling shared by every calculator."""

    title = ""
    heading = ""     # shown above the form when the calculator is a part of another

    def __init__(self):
        self.error = _err()
        self.errors = ErrorSlots(self.error)
        self.result = W.HTML("").add_class("doudi-result")
        self.stale_note = W.HTML("", layout=W.Layout(display="none"))
        self.summary = W.HTML("").add_class("doudi-result-summary")   # a one-line answer near the top
        self.last_good = None
        self._busy = False

    def observe_all(self, widgets):
        for widget in widgets:
            widget.observe(self._changed, names="value")

    def _changed(self, _change=None):
        self.refresh()

    def refresh(self):
        """Recompute; on bad input show the message and mark the last result stale."""
        if self._busy:
            return
        self._busy = True
        try:
            self.errors.clear()
            try:
                self.result.value = self.compute()
            except InputError as error:
                self.errors.show(error)
                _say(self.stale_note, f'<div class="doudi-stale-note">{esc(STALE_NOTE)}</div>'
                     if self.last_good is not None else "")
                self.result.add_class("doudi-stale")
                self.summary.add_class("doudi-stale")
                return error
            self.last_good = self.result.value
            if self.stale_note.value:
                _say(self.stale_note, "")
            self.result.remove_class("doudi-stale")
            self.summary.remove_class("doudi-stale")
        finally:
            self._busy = False
        return None

    @property
    def is_stale(self) -> bool:
        return "doudi-stale" in self.result._dom_classes

    def compute(self) -> str:
        raise NotImplementedError

    def box(self, *parts) -> W.VBox:
        head = W.HTML(CSS + (f"<h4>{esc(self.heading)}</h4>" if self.heading else ""))
        if not self.heading:
            head.add_class("doudi-style")   # only the stylesheet: takes no room (a hidden <style> still applies)
        return W.VBox([head, *parts, self.error, self.stale_note, self.result],
                      layout=W.Layout(width="100%")).add_class("doudi-calc")


# -- policy choice ---------------------------------------------------------------------------

def _jurisdictions() -> list:
    """(label, jurisdiction) for every county with a parameter file, newest version's name."""
    latest = {}
    for policy in list_policies():
        if policy.jurisdiction not in latest or policy.valid_from > latest[policy.jurisdiction].valid_from:
            latest[policy.jurisdiction] = policy
    label = lambda p: p.raw.get("jurisdiction_name") or p.name   # noqa: E731
    return [(label(p), j) for j, p in sorted(latest.items(), key=lambda kv: (kv[0] != "laifeng", kv[0]))]


def policy_summary(policy) -> str:
    d = policy.dibao
    rows = [["政策文件", f"{esc(policy.name)}（{esc(policy.id)}）"],
            ["有效期", f"{policy.valid_from.isoformat()} 起" +
             (f"，至 {policy.valid_until.isoformat()}" if policy.valid_until else "")],
            ["农村低保标准", f'<span class="doudi-standard" data-value="{_num(d.standard_annual)}">'
                          f"{yuan(d.standard_annual)}/人·年</span>（{yuan(d.standard_monthly)}/人·月）"],
            ["补差方式", esc(METHOD_NAMES[d.payment.method])]]
    if d.payment.tiers:
        bands, low = [], "0元"
        for tier in d.payment.tiers:
            high = f"{yuan(tier.up_to)}" if tier.up_to is not None else "标准"
            bands.append(f"{low}–{high}：每人每月{yuan(tier.amount)}")
            low = high
        rows.append(["收入档次（月人均）", "；".join(esc(b) for b in bands)])
    if d.payment.classes:
        rows.append(["户类别定额", "；".join(f"{esc(k)}类户每人每月{yuan(Decimal(str(v)))}"
                                      for k, v in d.payment.classes.items())])
    if policy.tekun is not None:
        rows.append(["特困供养标准", f"集中供养{yuan(policy.tekun.centralized_annual)}/人·年，"
                                f"分散供养{yuan(policy.tekun.dispersed_annual)}/人·年"])
    return _table(["项目", "内容"], rows)


class PolicyChooser(Calculator):
    """Pick the county parameter file and, optionally, the day (the version in force then)."""

    title = "政策选择：县（市）参数文件与日期"
    heading = title

    def __init__(self, on_change=None):
        super().__init__()
        self.county = _drop("县（市）", _jurisdictions())
        self.use_date = _check("按日期选择当时有效的文件", False)
        self.day = W.DatePicker(description="日期", value=None, layout=FULL, style=LABEL_STYLE)
        self.day_error = _err()
        self.errors.add("as_of", self.day_error)
        self.errors.add("policy", self.error)
        self.policy = load_policy(self.county.value)
        self._listeners = [on_change] if on_change else []
        self.observe_all([self.county, self.use_date, self.day])
        self.widget = self.box(_grid([self.county, self.use_date, _field_box(self.day, self.day_error)]))
        self.refresh()

    def listen(self, callback):
        self._listeners.append(callback)

    def compute(self) -> str:
        as_of = self.day.value if self.use_date.value and self.day.value else None
        self.policy = load_policy(self.county.value, as_of)
        for callback in self._listeners:
            callback(self.policy)
        return policy_summary(self.policy)


# -- household members -------------------------------------------------------------------------

class MemberForm:
    """One household member: circumstances and incomes by source, as the engine's JSON."""

    def __init__(self, index: int, policy, on_remove, parts=("dibao", "income", "left_behind"), **values):
        self.parts = parts
        self.name = _text("姓名/编号", values.get("id", f"成员{index + 1}"))
        self.relation = _drop("与户主关系", _choices(RELATIONS), values.get("relation", "head" if index == 0 else "spouse"))
        self.sex = _drop("性别", _choices(SEXES), values.get("sex", "male"))
        self.age = _int("年龄（周岁）", values.get("age", 40))
        self.disability = _drop("残疾类别", _choices(DISABILITY_TYPES, "无残疾"), values.get("disability_type", ""))
        self.grade = _drop("残疾等级", [("一级", 1), ("二级", 2), ("三级", 3), ("四级", 4)], values.get("grade", 1))
        self.illness = _check("患重特大疾病", values.get("serious_illness", False))
        self.student = _check("16周岁以上全日制在校学生", values.get("full_time_student", False))
        self.single_parent = _check("单亲家庭（或事实无人抚养）的未成年人", values.get("single_parent_minor", False))
        self.placed = _check("被安置就业的残疾人", values.get("placed_employment_disabled", False))
        self.co_resident = _check("与家庭共同生活", values.get("co_resident", True))
        self.away = _int("外出务工月数（全年）", values.get("away_months", 0))
        self.guardian = _check("有监护/照料能力", values.get("guardian_capable", True))
        # Relations by member id (姓名/编号), when the relation to the head leaves more than one reading.
        self.relatives = {key: _text(label, values.get(key) or "", "可不填")
                          for key, label in (("spouse", "配偶（填其姓名/编号）"), ("father", "父亲（填其姓名/编号）"),
                                             ("mother", "母亲（填其姓名/编号）"))}
        self.wage = _float("工资（元/月）", values.get("wage", 0))
        self.migrant_months = _int("外出务工月数（计收入）", values.get("migrant_months", 0))
        default_wage = policy.income.min_wage_monthly
        self.min_wage = _float("当地最低工资（元/月）", float(default_wage) if default_wage is not None else 0)
        crops = [(c.get("name", k), k) for k, c in policy.income.crops.items()]
        self.crop = _drop("作物", crops + [("自填每亩收入和成本", "")], values.get("crop", crops[0][1] if crops else ""))
        self.mu = _float("耕种面积（亩）", values.get("mu", 0))
        self.revenue_per_mu = _float("每亩收入（元）", 0)
        self.cost_per_mu = _float("每亩成本（元）", 0)
        self.business = _float("经营净收入（元/年）", values.get("business", 0))
        self.property = _float("财产净收入（元/年）", values.get("property", 0))
        self.transfer = _float("转移净收入（元/年）", values.get("transfer", 0))
        self.support_payment = _float("赡（抚、扶）养费（元/年）", values.get("support_payment", 0))
        self.excluded_kind = _drop("不计入的收入", _choices(EXCLUDED_INCOME))
        self.excluded = _float("其金额（元/年）", values.get("excluded", 0))
        self.remove = W.Button(description="删除此成员", button_style="warning", icon="",
                               layout=W.Layout(width="100%", height="40px"))
        self.remove.on_click(lambda _b: on_remove(self))
        self.slots = {key: _err() for key in ("id", "age", "sex", "relation", "disability", "away_months",
                                              "spouse", "father", "mother",
                                              "wage", "migrant", "farm", "business", "property", "transfer",
                                              "support_payment", "excluded")}
        self.header = W.HTML("")
        basic = [_field_box(self.name, self.slots["id"]), _field_box(self.relation, self.slots["relation"]),
                 _field_box(self.sex, self.slots["sex"]), _field_box(self.age, self.slots["age"])]
        rows = [self.header, _grid(basic)]
        if "dibao" in parts:
            rows += [W.HTML("<b>身体状况与身份</b>"),
                     _grid([self.disability, _field_box(self.grade, self.slots["disability"]), self.illness,
                            self.student, self.single_parent, self.placed, self.co_resident])]
        if "left_behind" in parts:
            rows += [W.HTML("<b>外出与照料</b>"),
                     _grid([_field_box(self.away, self.slots["away_months"]), self.guardian]
                           + [_field_box(w, self.slots[k]) for k, w in self.relatives.items()])]
        if "income" in parts:
            rows += [W.HTML("<b>收入（按来源；0 表示没有）</b>"),
                     _grid([_field_box(self.wage, self.slots["wage"]),
                            self.migrant_months, _field_box(self.min_wage, self.slots["migrant"]),
                            self.mu, self.crop, self.revenue_per_mu, _field_box(self.cost_per_mu, self.slots["farm"]),
                            _field_box(self.business, self.slots["business"]),
                            _field_box(self.property, self.slots["property"]),
                            _field_box(self.transfer, self.slots["transfer"]),
                            _field_box(self.support_payment, self.slots["support_payment"]),
                            self.excluded_kind, _field_box(self.excluded, self.slots["excluded"])])]
        rows.append(self.remove)
        self.widget = W.VBox(rows, layout=W.Layout(width="100%")).add_class("doudi-card")

    @property
    def inputs(self) -> list:
        return [self.name, self.relation, self.sex, self.age, self.disability, self.grade, self.illness,
                self.student, self.single_parent, self.placed, self.co_resident, self.away, self.guardian,
                self.wage, self.migrant_months, self.min_wage, self.crop, self.mu, self.revenue_per_mu,
                self.cost_per_mu, self.business, self.property, self.transfer, self.support_payment,
                self.excluded_kind, self.excluded, *self.relatives.values()]

    def to_json(self, path: str, errors: ErrorSlots) -> dict:
        """The member's JSON; registers where each field's error message goes."""
        member = {"id": self.name.value.strip() or None, "relation": self.relation.value, "sex": self.sex.value,
                  "age": self.age.value}
        for key in ("id", "relation", "sex", "age"):
            errors.add(f"{path}.{key}", self.slots[key])
        if "dibao" in self.parts:
            if self.disability.value:
                member["disability"] = {"type": self.disability.value, "grade": self.grade.value}
            errors.add(f"{path}.disability", self.slots["disability"])
            member.update(serious_illness=self.illness.value, full_time_student=self.student.value,
                          single_parent_minor=self.single_parent.value,
                          placed_employment_disabled=self.placed.value, co_resident=self.co_resident.value)
        if "left_behind" in self.parts:
            member.update(away_months=self.away.value, guardian_capable=self.guardian.value)
            errors.add(f"{path}.away_months", self.slots["away_months"])
            for key, field in self.relatives.items():
                if field.value.strip():
                    member[key] = field.value.strip()
                errors.add(f"{path}.{key}", self.slots[key])
        if "income" in self.parts:
            incomes = []

            def add(slot, item):
                errors.add(f"{path}.incomes[{len(incomes)}]", self.slots[slot])
                incomes.append(item)

            if self.wage.value:
                add("wage", {"kind": "wage", "amount": _amount(self.wage.value), "per": "month"})
            if self.migrant_months.value:
                item = {"kind": "migrant_work", "months": self.migrant_months.value}
                if self.min_wage.value:
                    item["min_wage_monthly"] = _amount(self.min_wage.value)
                add("migrant", item)
            if self.mu.value:
                item = {"kind": "farm", "mu": _amount(self.mu.value)}
                if self.crop.value:
                    item["crop"] = self.crop.value
                else:
                    item.update(revenue_per_mu=_amount(self.revenue_per_mu.value),
                                cost_per_mu=_amount(self.cost_per_mu.value))
                add("farm", item)
            for kind in ("business", "property", "transfer", "support_payment"):
                value = getattr(self, kind).value
                if value:
                    add(kind, {"kind": kind, "amount": _amount(value), "per": "year"})
            if self.excluded.value:
                add("excluded", {"kind": self.excluded_kind.value, "amount": _amount(self.excluded.value), "per": "year"})
            if incomes:
                member["incomes"] = incomes
        return {k: v for k, v in member.items() if v is not None}


class SupporterForm:
    """A legal supporter living outside the household (赡养、抚养、扶养义务人)."""

    def __init__(self, on_remove):
        self.size = _int("其家庭人数", 3)
        self.income = _float("其家庭年收入（元）", 0)
        self.category = _drop("特殊情形", _choices(SUPPORTER_CATEGORIES, "无"))
        self.slot = _err()
        self.remove = W.Button(description="删除此赡养人", button_style="warning", layout=W.Layout(width="100%", height="40px"))
        self.remove.on_click(lambda _b: on_remove(self))
        self.widget = W.VBox([_grid([self.size, self.income, self.category]), self.slot, self.remove],
                             layout=W.Layout(width="100%")).add_class("doudi-card")

    @property
    def inputs(self):
        return [self.size, self.income, self.category]

    def to_json(self, path: str, errors: ErrorSlots) -> dict:
        errors.add(path, self.slot)
        item = {"family_size": self.size.value, "family_income_annual": _amount(self.income.value)}
        if self.category.value:
            item["category"] = self.category.value
        return item


class MemberList:
    """Add and remove members (or supporters); every change recomputes."""

    def __init__(self, make, on_change, add_label, initial=()):
        self.make, self.on_change = make, on_change
        self.items = []
        self.box = W.VBox(layout=W.Layout(width="100%"))
        self.add_button = W.Button(description=add_label, button_style="info", layout=W.Layout(width="100%", height="44px"))
        self.add_button.on_click(lambda _b: self.add())
        for values in initial:
            self.add(notify=False, **values)
        self.widget = W.VBox([self.box, self.add_button], layout=W.Layout(width="100%"))

    def add(self, notify=True, **values):
        item = self.make(len(self.items), self.remove, **values)
        for widget in item.inputs:
            widget.observe(lambda _c: self.on_change(), names="value")
        self.items.append(item)
        self._render()
        if notify:
            self.on_change()
        return item

    def remove(self, item):
        self.items.remove(item)
        self._render()
        self.on_change()

    def _render(self):
        for i, item in enumerate(self.items):
            if hasattr(item, "header"):
                item.header.value = f"<b>成员 {i + 1}</b>"
        self.box.children = [item.widget for item in self.items]


# -- 低保 estimate ---------------------------------------------------------------------------------

EXAMPLE_MEMBERS = ({"id": "户主", "relation": "head", "sex": "male", "age": 62, "disability_type": "physical",
                    "grade": 2, "mu": 3},
                   {"id": "配偶", "relation": "spouse", "sex": "female", "age": 58, "wage": 300})


def estimate_sheet(assessment, household: dict) -> str:
    """A one-page printable 估算单: the answer, the members, the explanation, the estimate note."""
    d = assessment.dibao
    verdict = (f'<span class="doudi-ok">符合低保条件</span>' if d.eligible else
               f'<span class="doudi-no">不符合低保条件</span>：' + "；".join(esc(c.text) for c in d.failed_conditions))
    trace = trace_table(assessment.trace.steps)
    body = (f"<h2>农村低保估算单</h2><p>适用政策：{esc(assessment.policy.name)}（{esc(assessment.policy.id)}）"
            f"；估算日期：{date.today().isoformat()}</p>"
            f'<p class="doudi-note"><b>说明：</b>{esc(ESTIMATE_NOTE)}</p>'
            f"<p>结论：{verdict}</p><p>保障人数{d.household_size}人；每月低保金合计{_money(d.total_monthly)}"
            f"（补差{_money(d.gap_monthly)}，重点救助{_money(d.key_aid_monthly)}）；月人均收入"
            f"{_money(d.per_capita_monthly_income)}，月低保标准{_money(d.standard_monthly)}。</p>"
            f"<h3>计算过程与依据</h3>{trace}"
            f"<p>审核人：__________　申请人：__________</p>")
    return body


def _download_link(title: str, body: str) -> str:
    # The sheet sits in its .doudi-sheet wrapper (the print rules show only that), with a phone viewport.
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
            f'{CSS}</head><body class="doudi-calc"><div class="doudi-sheet">{body}</div></body></html>')
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    return f'<a download="{esc(title)}.html" href="data:text/html;charset=utf-8;base64,{data}">下载估算单（HTML）</a>'


def dibao_result_html(assessment, household: dict) -> str:
    """The 低保 answer: verdict, amounts, members' deductions, 特困 and 三留守, the trace."""
    d = assessment.dibao
    if d.eligible:
        verdict = '<span class="doudi-ok doudi-eligible" data-value="true">符合低保条件</span>'
    else:
        failed = "；".join(f'<span data-code="{esc(c.code)}">{esc(c.text)}</span>' for c in d.failed_conditions)
        verdict = f'<span class="doudi-no doudi-eligible" data-value="false">不符合低保条件</span>：{failed}'
    tier = ""
    if isinstance(d.tier, int):
        tier = f"，第{d.tier}档"
    elif d.tier:
        tier = f"，{esc(d.tier)}类户"
    summary = _table(["项目", "结果"], [
        ["结论", verdict],
        ["保障人数", f'<span class="doudi-size" data-value="{d.household_size}">{d.household_size}人</span>'],
        ["家庭年收入（计入）", _money(d.gross_income_annual)],
        ["收入核减（年）", _money(d.deduction_annual)],
        ["核算后家庭年收入", f'<span class="doudi-counted" data-value="{_num(d.counted_income_annual)}">'
                     f"{_money(d.counted_income_annual)}</span>"],
        ["月人均收入 / 月低保标准", f'<span class="doudi-per-capita" data-value="{_num(d.per_capita_monthly_income)}">'
                           f"{_money(d.per_capita_monthly_income)}</span> / {_money(d.standard_monthly)}"],
        ["补差方式", esc(METHOD_NAMES.get(d.method, d.method)) + tier],
        ["补差（月）", f'<span class="doudi-gap" data-value="{_num(d.gap_monthly)}">{_money(d.gap_monthly)}</span>'
                   + ("（已按下限补足）" if d.floor_applied else "")],
        ["重点救助（月）", f'<span class="doudi-key-aid" data-value="{_num(d.key_aid_monthly)}">'
                     f"{_money(d.key_aid_monthly)}</span>"],
        ["每月低保金合计", f'<span class="doudi-total doudi-big" data-value="{_num(d.total_monthly)}">'
                     f"{_money(d.total_monthly)}</span>"],
    ])
    why = {}
    for step in assessment.trace.steps:
        if step.label == "收入核减" and "：" in step.formula:
            who, _, rest = step.formula.partition("：")
            why[who] = rest
    member_rows = []
    for m in d.members:
        if not m.counted:
            status = "不计入：" + esc(m.not_counted_reason)
        else:
            status = "计入"
        group = DEDUCTION_NAMES.get(m.deduction_group, "") if m.deduction_group else "无"
        member_rows.append([esc(m.id), status, _money(m.gross_income_annual), _money(m.excluded_income_annual),
                            f'<span class="doudi-member-deduction" data-value="{_num(m.deduction_annual)}">'
                            f"{_money(m.deduction_annual)}</span>", esc(group) + (
                                f'<br><span class="doudi-source">{esc(why[m.id])}</span>' if m.id in why else ""),
                            _money(m.key_aid_monthly)])
    members = _table(["成员", "是否计入", "计入收入（年）", "不计入收入（年）", "核减（年）", "核减原因", "重点救助（月）"],
                     member_rows) if member_rows else ""
    extras = ""
    if assessment.tekun:
        rows = [[esc(t.member), "符合" if t.eligible else "不符合：" + "；".join(esc(c.text) for c in t.failed_conditions),
                 _money(t.standards.get("centralized")), _money(t.standards.get("dispersed"))] for t in assessment.tekun]
        extras += "<h4>特困供养（逐人）</h4>" + _table(["成员", "特困供养", "集中供养（年）", "分散供养（年）"], rows)
    if assessment.left_behind:
        extras += "<h4>三留守</h4><ul>" + "".join(
            f"<li>{esc(CATEGORY_NAMES[x.category])}：{esc(x.member)}（{esc(x.why)}）</li>"
            for x in assessment.left_behind) + "</ul>"
    for flag in assessment.flags:
        extras += f'<p class="doudi-note">{esc(flag.text)}</p>'
    sheet = estimate_sheet(assessment, household)
    actions = ('<div class="doudi-sheet-actions"><button type="button" onclick="window.print()">打印估算单</button>'
               + _download_link("低保估算单", sheet) + "</div>")
    return (f'<div class="doudi-answer">{summary}<h4>成员收入与核减</h4>{members}{extras}'
            f"<details><summary><b>计算过程与依据（逐步）</b></summary>{trace_table(assessment.trace.steps)}</details>"
            f"<details><summary>输入数据（JSON，可用 python -m calculators assess 核对）</summary>"
            f'<pre class="doudi-json" style="white-space:pre-wrap">{esc(json.dumps(household, ensure_ascii=False))}</pre></details>'
            f'<p class="doudi-note">{esc(ESTIMATE_NOTE)}</p></div>{actions}'
            f'<div class="doudi-sheet" style="display:none">{sheet}</div>'
            f"<style>@media print {{ .doudi-sheet {{ display: block !important; }} }}</style>")


class DibaoCalculator(Calculator):
    """低保 estimate: detailed household (members, incomes, facts) or quick mode (size + income)."""

    title = "农村低保估算"

    def __init__(self, policy_chooser: PolicyChooser | None = None, members=EXAMPLE_MEMBERS):
        super().__init__()
        self.chooser = policy_chooser or PolicyChooser()
        self.policy = self.chooser.policy
        self.mode = W.ToggleButtons(options=[("详细填写", "detailed"), ("简易估算", "quick")], value="detailed",
                                    layout=FULL, style={"button_width": "50%"})
        # quick mode: the engine's summary form
        self.size = _int("家庭人数", 3)
        self.income = _float("家庭收入（元）", 600)
        self.per = _drop("收入按", [("每月", "month"), ("每年", "year")], "month")
        self.of = _drop("收入是", [("全家合计", "household"), ("人均", "per_capita")], "household")
        self.size_error, self.income_error = _err(), _err()
        self.quick = W.VBox([_grid([_field_box(self.size, self.size_error), _field_box(self.income, self.income_error),
                                    self.per, self.of])], layout=FULL)
        # detailed mode
        self.members_error = _err()
        self.members = MemberList(lambda i, remove, **v: MemberForm(i, self.policy, remove, **v),
                                  self.refresh, "＋ 添加家庭成员", members)
        self.hukou = _drop("户籍", _choices(HUKOU), "rural")
        self.assets_ok = _check("家庭财产符合规定", True)
        self.pure_daughter = _check("计划生育纯女户", False)
        self.difficulty = _check("纳入低保后仍有困难（乡镇认定）", True)
        self.household_class = _drop("户类别", [("（本县不按户类别）", "")])
        self.facts_error = _err()
        self.supporters = MemberList(lambda i, remove, **v: SupporterForm(remove), self.refresh,
                                     "＋ 添加户外赡（抚、扶）养义务人")
        self.detailed = W.VBox([
            W.HTML("<b>家庭成员</b>"), self.members_error, self.members.widget,
            W.HTML("<b>家庭情况</b>"),
            _grid([self.hukou, self.assets_ok, self.pure_daughter, self.difficulty,
                   _field_box(self.household_class, self.facts_error)]),
            W.HTML("<b>户外的法定赡（抚、扶）养义务人</b>"), self.supporters.widget], layout=FULL)
        self.form = W.VBox([self.detailed], layout=FULL)
        self.observe_all([self.mode, self.size, self.income, self.per, self.of, self.hukou, self.assets_ok,
                          self.pure_daughter, self.difficulty, self.household_class])
        self.chooser.listen(self._policy_changed)
        self.widget = self.box(self.chooser.widget, self.summary, self.mode, self.form)
        self._policy_changed(self.chooser.policy)

    def _policy_changed(self, policy):
        self.policy = policy
        classes = list(policy.dibao.payment.classes)
        options = [(f"{c}类户", c) for c in classes] if classes else [("（本县不按户类别）", "")]
        if [o[1] for o in self.household_class.options] != [o[1] for o in options]:
            self._busy = True
            try:
                self.household_class.options = options
                self.household_class.value = options[0][1]
            finally:
                self._busy = False
        for member in self.members.items:   # crop list and minimum wage follow the county
            crops = [(c.get("name", k), k) for k, c in policy.income.crops.items()] + [("自填每亩收入和成本", "")]
            if list(member.crop.options) != crops:
                self._busy = True
                try:
                    member.crop.options = crops
                    member.crop.value = crops[0][1]
                finally:
                    self._busy = False
        self.refresh()

    def household(self) -> dict:
        """The household JSON (issue 2 form) the form stands for; registers error slots."""
        self.errors.reset()
        if self.mode.value == "quick":
            self.errors.add("size", self.size_error)
            self.errors.add("income", self.income_error)
            return {"size": self.size.value,
                    "income": {"amount": _amount(self.income.value), "per": self.per.value, "of": self.of.value}}
        self.errors.add("members", self.members_error)
        self.errors.add("class", self.facts_error)
        data = {"hukou": self.hukou.value, "assets_ok": self.assets_ok.value,
                "pure_daughter_family": self.pure_daughter.value, "still_in_difficulty": self.difficulty.value,
                "members": [m.to_json(f"members[{i}]", self.errors) for i, m in enumerate(self.members.items)]}
        if self.household_class.value:
            data["class"] = self.household_class.value
        supporters = [s.to_json(f"supporters[{i}]", self.errors) for i, s in enumerate(self.supporters.items)]
        if supporters:
            data["supporters"] = supporters
        return data

    def compute(self) -> str:
        wanted = [self.quick] if self.mode.value == "quick" else [self.detailed]
        if list(self.form.children) != wanted:
            self.form.children = wanted
        household = self.household()
        self.assessment = assess(household, self.policy)
        self.last_household = household
        d = self.assessment.dibao
        self.summary.value = (f'<div class="doudi-note">当前估算：{"符合" if d.eligible else "不符合"}低保条件'
                              + (f"，每月低保金 <b>{_money(d.total_monthly)}</b>" if d.eligible else "")
                              + "（计算过程见下方）</div>")
        return dibao_result_html(self.assessment, household)


# -- tier explorer ----------------------------------------------------------------------------------

def payment_svg(points, marked, standard, title="", width=640, height=300, narrow=False, edges=()) -> str:
    """A step chart of household 补差 against per-capita monthly income, drawn as inline SVG.

    ``points``: (income, payment) pairs from the engine; ``marked``: the household's pair.
    ``narrow``: the phone version (360 wide, title on two lines), shown instead of the wide one
    on a narrow screen, so its labels are drawn at a readable size.
    ``edges``: the tiers' upper edges (per-capita monthly income); with them the income axis is
    ticked at 0, each edge and the standard, not at even fractions of the range. The wide chart
    may grow to 1.5 × its size on a wide screen (labels about 19 px on a projector).
    """
    if narrow:
        width, height = 360, 300
    left, right, top, bottom = (52, 12, 44, 44) if narrow else (64, 16, 28, 44)
    xs = [p[0] for p in points]
    max_x = max(xs) or 1
    max_y = max([p[1] for p in points] + [marked[1], 1]) * 1.1
    sx = lambda x: left + (width - left - right) * float(x) / float(max_x)     # noqa: E731
    sy = lambda y: height - bottom - (height - top - bottom) * float(y) / float(max_y)  # noqa: E731
    path = []
    for i, (x, y) in enumerate(points):
        if i and y != points[i - 1][1]:   # a cliff: vertical drop at this income
            path.append(f"L{sx(x):.1f},{sy(points[i - 1][1]):.1f}")
        path.append(f"{'M' if i == 0 else 'L'}{sx(x):.1f},{sy(y):.1f}")
    if edges:
        at = sorted({0.0, float(standard), *(float(e) for e in edges)})
        at = [v for v in at if v <= max_x]
    else:
        at = [max_x * k / (3 if narrow else 5) for k in range(4 if narrow else 6)]
    ticks_x, last_label = [], None
    for v in at:
        ticks_x.append(f'<line x1="{sx(v):.1f}" x2="{sx(v):.1f}" y1="{height - bottom}" y2="{height - bottom + 4}" '
                       f'stroke="#555"/>')
        if last_label is None or sx(v) - last_label >= 34:   # labels too close to the last one are left out
            ticks_x.append(f'<text x="{sx(v):.1f}" y="{height - bottom + 18}" font-size="13" '
                           f'text-anchor="middle">{v:.0f}</text>')
            last_label = sx(v)
    ticks_x = "".join(ticks_x)
    ticks_y = "".join(
        f'<line x1="{left - 4}" x2="{width - right}" y1="{sy(v):.1f}" y2="{sy(v):.1f}" stroke="#e5e7eb"/>'
        f'<text x="{left - 6}" y="{sy(v) + 4:.1f}" font-size="13" text-anchor="end">{v:.0f}</text>'
        for v in [max_y / 1.1 * k / 4 for k in range(5)])
    std = (f'<line x1="{sx(standard):.1f}" x2="{sx(standard):.1f}" y1="{top}" y2="{height - bottom}" '
           f'stroke="#999" stroke-dasharray="4 3"/><text x="{sx(standard) - 4:.1f}" y="{top + 12}" font-size="12" '
           f'text-anchor="end" fill="#555">低保标准</text>') if standard <= max_x else ""
    mx, my = sx(marked[0]), sy(marked[1])
    lines = title.split("：", 1) if narrow and "：" in title else [title]
    heading = "".join(f'<text x="{4 if narrow else left}" y="{16 + 17 * i}" font-size="13" font-weight="bold">'
                      f'{esc(line)}{"：" if i < len(lines) - 1 else ""}</text>' for i, line in enumerate(lines))
    kind = "doudi-chart-narrow" if narrow else "doudi-chart-wide"
    return (f'<svg class="doudi-chart {kind}" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" '
            f'style="max-width:{width if narrow else width * 3 // 2}px">'
            f'{heading}{ticks_y}{ticks_x}'
            f'<line x1="{left}" x2="{width - right}" y1="{height - bottom}" y2="{height - bottom}" stroke="#555"/>'
            f'<line x1="{left}" x2="{left}" y1="{top}" y2="{height - bottom}" stroke="#555"/>{std}'
            f'<path d="{" ".join(path)}" fill="none" stroke="#0969da" stroke-width="2"/>'
            f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="6" fill="#cf222e"/>'
            f'<text x="{min(mx + 8, width - right - 90):.1f}" y="{max(my - 8, top + 12):.1f}" font-size="12" '
            f'fill="#cf222e">本户 {marked[1]:.0f}元</text>'
            f'<text x="{(left + width - right) / 2:.1f}" y="{height - 6}" font-size="12" text-anchor="middle">'
            f"月人均收入（元）</text>"
            f'<text x="14" y="{(top + height - bottom) / 2:.1f}" font-size="12" text-anchor="middle" '
            f'transform="rotate(-90 14 {(top + height - bottom) / 2:.1f})">每月补差（元/户）</text></svg>')


def payment_altair(points, marked, standard, title):
    """The same chart as ``payment_svg`` as an Altair chart (Jupyter and Voila; too heavy for Pyodide)."""
    import altair as alt

    income, payment = "月人均收入（元）", "每月补差（元/户）"
    curve = alt.Chart(alt.Data(values=[{income: x, payment: y} for x, y in points])).mark_line().encode(
        x=alt.X(f"{income}:Q"), y=alt.Y(f"{payment}:Q"), tooltip=[f"{income}:Q", f"{payment}:Q"])
    here = alt.Chart(alt.Data(values=[{income: marked[0], payment: marked[1], "标注": "本户"}])).mark_point(
        color="#cf222e", size=120, filled=True).encode(x=f"{income}:Q", y=f"{payment}:Q",
                                                      tooltip=["标注:N", f"{income}:Q", f"{payment}:Q"])
    rule = alt.Chart(alt.Data(values=[{income: standard}])).mark_rule(strokeDash=[4, 3], color="#999").encode(
        x=f"{income}:Q")
    return (curve + rule + here).properties(title=title, width="container", height=280)


class TierExplorer(Calculator):
    """Per-capita income on a slider against the county's 补差 schedule, charted from the engine.

    ``chart="svg"`` (default, works everywhere including Pyodide) or ``"altair"`` (an offline
    ``alt.JupyterChart`` in Jupyter and Voila; needs altair, anywidget and vl-convert-python).
    """

    title = "补差档次探索：收入与补差"
    GRID = 120

    @staticmethod
    def tier_edges(policy) -> list:
        """The tiers' upper edges (per-capita monthly income), when the county pays by tier."""
        payment = policy.dibao.payment
        return [tier.up_to for tier in (payment.tiers or ()) if tier.up_to is not None] \
            if payment.method == "income_tiers" else []

    def __init__(self, policy_chooser: PolicyChooser | None = None, chart: str = "svg"):
        super().__init__()
        self.chart_kind = chart
        self.chart = None
        if chart == "altair":
            import altair as alt
            alt.JupyterChart.enable_offline()
            self.chart = alt.JupyterChart(payment_altair([(0, 0)], (0, 0), 0, ""))
            self.chart.layout = W.Layout(width="100%")
        self.chooser = policy_chooser or PolicyChooser()
        self.policy = self.chooser.policy
        self.size = W.IntSlider(value=3, min=1, max=10, description="家庭人数", layout=FULL, style=LABEL_STYLE)
        self.income = W.FloatSlider(value=100, min=0, max=400, step=1, description="月人均收入（元）",
                                    layout=FULL, style=LABEL_STYLE, continuous_update=False)
        self.income_box = _float("或直接输入（元）", 100)
        self.income_error = _err()
        self.household_class = _drop("户类别", [("（本县不按户类别）", "")])
        self.errors.add("per_capita_monthly_income", self.income_error)
        self.observe_all([self.size, self.income, self.household_class])
        self.income_box.observe(self._typed, names="value")
        self.chooser.listen(self._policy_changed)
        self.widget = self.box(self.chooser.widget, _grid([self.size, self.household_class]), self.income,
                               _field_box(self.income_box, self.income_error))
        if self.chart is not None:
            self.widget.children = (*self.widget.children, self.chart)
        self._policy_changed(self.chooser.policy)

    def _typed(self, change):
        value = change["new"]
        if value is not None and 0 <= value <= self.income.max:
            self.income.value = value
        else:
            self.refresh()

    def _policy_changed(self, policy):
        self.policy = policy
        self._busy = True
        try:
            top = float(policy.dibao.standard_monthly) * 1.25
            self.income.max = round(top)
            classes = list(policy.dibao.payment.classes)
            options = [(f"{c}类户", c) for c in classes] if classes else [("（本县不按户类别）", "")]
            self.household_class.options = options
            self.household_class.value = options[0][1]
        finally:
            self._busy = False
        self.refresh()

    def compute(self) -> str:
        typed = self.income_box.value
        if typed is None or typed < 0:
            raise InputError("per_capita_monthly_income", "月人均收入应为不小于0的数")
        self.income_box.unobserve(self._typed, names="value")
        self.income_box.value = self.income.value
        self.income_box.observe(self._typed, names="value")
        policy, size = self.policy, self.size.value
        klass = self.household_class.value or None
        top = self.income.max
        grid = [Decimal(top) * k / self.GRID for k in range(self.GRID + 1)]
        # The tier edges and the standard are points of the curve too, so a step falls exactly there.
        grid = sorted(set(grid) | {Decimal(str(e)) for e in [*self.tier_edges(policy), policy.dibao.standard_monthly]
                                   if 0 <= Decimal(str(e)) <= top})
        points = [(float(x), float(monthly_payment(policy, size, x, klass).gap_monthly)) for x in grid]
        here = monthly_payment(policy, size, Decimal(str(self.income.value)), klass)
        self.payment = here
        tier = f"第{here.tier}档" if isinstance(here.tier, int) else (f"{here.tier}类户" if here.tier else "")
        marked, title = (float(self.income.value), float(here.gap_monthly)), f"{policy.name}：{size}人户的每月补差"
        if self.chart is not None:
            self.chart.chart = payment_altair(points, marked, float(policy.dibao.standard_monthly), title)
            chart = ""
        else:
            standard = float(policy.dibao.standard_monthly)
            edges = self.tier_edges(policy)
            chart = (payment_svg(points, marked, standard, title, edges=edges)
                     + payment_svg(points, marked, standard, title, narrow=True, edges=edges))
        info = (f'<p>月人均收入 {self.income.value:.0f}元 → 每月补差 <span class="doudi-gap doudi-big" '
                f'data-value="{_num(here.gap_monthly)}">{yuan(here.gap_monthly)}</span>'
                f"（{esc(METHOD_NAMES[here.method])}{'，' + tier if tier else ''}"
                f"{'，已按下限补足' if here.floor_applied else ''}）。不含重点救助。</p>")
        return info + chart + '<p class="doudi-source">图中每个点都由规则引擎 monthly_payment 计算。</p>'


# -- 特困 check ---------------------------------------------------------------------------------------

class TekunCheck(Calculator):
    """特困 check for one person: conditions, and the centralised / dispersed amounts."""

    title = "特困供养核对（逐人）"

    def __init__(self, policy_chooser: PolicyChooser | None = None):
        super().__init__()
        self.chooser = policy_chooser or PolicyChooser()
        self.policy = self.chooser.policy
        self.person = MemberForm(0, self.policy, lambda _m: None, parts=("dibao", "income"),
                                 id="本人", age=70, sex="male", relation="head")
        self.person.remove.layout.display = "none"
        self.person.header.value = "<b>本人情况</b>"
        self.care = _drop("供养方式", _choices(TEKUN_CARE), "dispersed")
        self.assets_ok = _check("财产符合特困人员财产状况规定", True)
        self.supporters = MemberList(lambda i, remove, **v: SupporterForm(remove), self.refresh,
                                     "＋ 添加法定赡（抚、扶）养义务人")
        self.observe_all(self.person.inputs + [self.care, self.assets_ok])
        self.chooser.listen(self._policy_changed)
        self.widget = self.box(self.chooser.widget, self.person.widget, _grid([self.care, self.assets_ok]),
                               W.HTML("<b>法定赡（抚、扶）养义务人</b>"), self.supporters.widget)
        self._policy_changed(self.chooser.policy)

    def _policy_changed(self, policy):
        self.policy = policy
        self.refresh()

    def household(self) -> dict:
        self.errors.reset()
        person = self.person.to_json("members[0]", self.errors)
        person["tekun_care"] = self.care.value
        data = {"assets_ok": self.assets_ok.value, "members": [person]}
        supporters = [s.to_json(f"supporters[{i}]", self.errors) for i, s in enumerate(self.supporters.items)]
        if supporters:
            data["supporters"] = supporters
        return data

    def compute(self) -> str:
        household = self.household()
        self.assessment = assess(household, self.policy)
        if not self.assessment.tekun:
            return f'<p class="doudi-note">{esc(self.policy.name)}未设特困供养标准。</p>'
        t = self.assessment.tekun[0]
        verdict = ('<span class="doudi-ok doudi-eligible" data-value="true">符合特困供养条件</span>' if t.eligible else
                   '<span class="doudi-no doudi-eligible" data-value="false">不符合特困供养条件</span>：'
                   + "；".join(esc(c.text) for c in t.failed_conditions))
        rows = [["结论", verdict],
                ["所选供养方式的标准（年）", f'<span class="doudi-tekun-standard" data-value="{_num(t.standard_annual)}">'
                                    f"{_money(t.standard_annual)}</span>"],
                ["集中供养（年）", f'<span class="doudi-centralized" data-value="{_num(t.standards.get("centralized"))}">'
                             f'{_money(t.standards.get("centralized"))}</span>'],
                ["分散供养（年）", f'<span class="doudi-dispersed" data-value="{_num(t.standards.get("dispersed"))}">'
                             f'{_money(t.standards.get("dispersed"))}</span>']]
        if t.outpatient_aid_annual is not None:
            rows.append(["门诊救助（年）", _money(t.outpatient_aid_annual)])
        if t.funeral_grant is not None:
            rows.append(["丧葬补助", _money(t.funeral_grant)])
        steps = [s for s in self.assessment.trace.steps if s.label.startswith("特困")]
        return (_table(["项目", "结果"], rows) +
                f"<details open><summary><b>依据</b></summary>{trace_table(steps)}</details>"
                f'<p class="doudi-note">{esc(ESTIMATE_NOTE)}</p>')


# -- 三留守 check -------------------------------------------------------------------------------------

LEFT_BEHIND_EXAMPLE = ({"id": "爷爷", "relation": "parent", "sex": "male", "age": 68},
                       {"id": "户主", "relation": "head", "sex": "male", "age": 40, "away_months": 10},
                       {"id": "妻子", "relation": "spouse", "sex": "female", "age": 38, "away_months": 10},
                       {"id": "孩子", "relation": "child", "sex": "female", "age": 9})


RELATIVE_FIELDS = {"spouse": "配偶", "father, mother": "父亲、母亲"}


class LeftBehindCheck(Calculator):
    """Who in a household is left-behind (children, elderly, women) and why.

    ``staff=True`` (Jupyter or Voila on the county intranet) also shows the safeguarding alerts of
    寿政秘〔2016〕278号; the public site's calculator never does.
    """

    title = "三留守识别"

    def __init__(self, policy_chooser: PolicyChooser | None = None, members=LEFT_BEHIND_EXAMPLE, staff: bool = False):
        super().__init__()
        self.staff = staff
        self.chooser = policy_chooser or PolicyChooser()
        self.policy = self.chooser.policy
        self.members_error = _err()
        self.members = MemberList(lambda i, remove, **v: MemberForm(i, self.policy, remove, parts=("left_behind",), **v),
                                  self.refresh, "＋ 添加家庭成员", members)
        self.chooser.listen(self._policy_changed)
        self.widget = self.box(self.chooser.widget, self.members_error, self.members.widget)
        self._policy_changed(self.chooser.policy)

    def _policy_changed(self, policy):
        self.policy = policy
        self.refresh()

    def household(self) -> dict:
        self.errors.reset()
        self.errors.add("members", self.members_error)
        return {"members": [m.to_json(f"members[{i}]", self.errors) for i, m in enumerate(self.members.items)]}

    def compute(self) -> str:
        self.assessment = assess(self.household(), self.policy)
        found = self.assessment.left_behind
        if found:
            rows = [[f'<span class="doudi-left-behind" data-member="{esc(x.member)}" data-category="{x.category}">'
                     f"{esc(x.member)}</span>", esc(CATEGORY_NAMES[x.category]), esc(x.why)] for x in found]
            answer = _table(["成员", "类别", "原因"], rows)
        else:
            answer = '<p class="doudi-none">本户没有留守儿童、留守老人或留守妇女。</p>'
        if self.staff:
            for a in self.assessment.alerts:
                answer += (f'<p class="doudi-alert" data-code="{esc(a.code)}" data-member="{esc(a.member)}">'
                           f"<b>安全提示（仅供工作人员）</b>：{esc(a.text)}（依据：{esc(a.source)}）</p>")
        for x in self.assessment.ambiguities:
            answer += (f'<p class="doudi-ambiguous" data-member="{esc(x.member)}" data-field="{esc(x.field)}">'
                       f"待确认：{esc(x.question)}。请在{esc(x.member)}的“{esc(RELATIVE_FIELDS[x.field])}”栏填写。</p>")
        steps = [s for s in self.assessment.trace.steps if "留守" in s.label]
        return answer + f"<details><summary><b>依据</b></summary>{trace_table(steps)}</details>"


# -- democratic review and publicity ------------------------------------------------------------------

class ReviewCheck(Calculator):
    """Is the democratic review meeting valid? And the publicity dates from a start date."""

    title = "民主评议与公示"

    def __init__(self, policy_chooser: PolicyChooser | None = None):
        super().__init__()
        self.chooser = policy_chooser or PolicyChooser()
        self.policy = self.chooser.policy
        self.members = _int("评议小组人数", 9)
        self.representatives = _int("其中村（居）民代表", 6)
        self.present = _int("到会人数", 7)
        self.start = W.DatePicker(description="公示开始日", value=date.today(), layout=FULL, style=LABEL_STYLE)
        slots = {key: _err() for key in ("members", "representatives", "present", "start")}
        for key, slot in slots.items():
            self.errors.add(key, slot)
        self.observe_all([self.members, self.representatives, self.present, self.start])
        self.chooser.listen(self._policy_changed)
        self.widget = self.box(self.chooser.widget, _grid([
            _field_box(self.members, slots["members"]), _field_box(self.representatives, slots["representatives"]),
            _field_box(self.present, slots["present"]), _field_box(self.start, slots["start"])]))
        self._policy_changed(self.chooser.policy)

    def _policy_changed(self, policy):
        self.policy = policy
        self.refresh()

    def compute(self) -> str:
        review = check_review(self.members.value, self.representatives.value, self.present.value, self.policy)
        self.review = review
        if review.valid:
            verdict = '<span class="doudi-ok doudi-valid" data-value="true">评议会议有效</span>'
        else:
            verdict = ('<span class="doudi-no doudi-valid" data-value="false">评议会议无效</span>：' +
                       "；".join(f'<span data-code="{c.code}">{esc(c.text)}</span>' for c in review.failed_conditions))
        if self.start.value is None:
            raise InputError("start", "请选择公示开始日期")
        periods = publicity_schedule(self.start.value, self.policy)
        rows = [[esc(p.label), f'<span class="doudi-period" data-stage="{p.stage}" data-start="{p.start.isoformat()}" '
                 f'data-end="{p.end.isoformat()}">{p.start.isoformat()} 至 {p.end.isoformat()}</span>',
                 f"{p.days}天", f'<span class="doudi-source">{esc(p.source)}</span>'] for p in periods]
        return (f"<p>{verdict}</p>{trace_table(review.trace.steps)}<h4>公示日期</h4>"
                + _table(["公示", "日期（含首尾）", "天数", "依据"], rows))


# -- entry points ----------------------------------------------------------------------------------------

def policy_chooser():
    return PolicyChooser().widget


def dibao_calculator(**kwargs):
    return DibaoCalculator(**kwargs).widget


def tier_explorer(**kwargs):
    return TierExplorer(**kwargs).widget


def tekun_check(**kwargs):
    return TekunCheck(**kwargs).widget


def left_behind_check(**kwargs):
    return LeftBehindCheck(**kwargs).widget


def review_check(**kwargs):
    return ReviewCheck(**kwargs).widget


CALCULATORS = {"dibao": DibaoCalculator, "tiers": TierExplorer, "tekun": TekunCheck,
               "left_behind": LeftBehindCheck, "review": ReviewCheck, "policy": PolicyChooser}
