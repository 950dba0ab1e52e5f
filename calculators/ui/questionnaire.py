"""The 低保 questionnaire for phones (问答式): one question a screen, in plain words.

It starts from the applicant's own family (nothing filled in), asks only what matters for that
family (a disability grade only after a disability, work only for someone old enough to work,
the single-parent question only for a minor, and so on), goes back and forward without losing
an answer, shows a summary to check, then the result in plain words, the 估算单 and a share
link. It builds the engine's household JSON and calls ``assess``; it decides no rule itself.
Bad answers get the engine's own Chinese message beside the question, and what was typed stays.

Entry point::

    from calculators.ui.questionnaire import dibao_questionnaire
    dibao_questionnaire(fragment="", size=None, monthly_income=None)   # the root widget

``fragment`` is the page's ``location.hash``: a share link (``#dq1=…``) restores the answers
and opens on the result; any other fragment (a section anchor) is ignored.

CSS classes (stable, for styling and browser tests):

- ``doudi-q``           the root box
- ``doudi-q-progress``  "第 3 步" line
- ``doudi-q-question``  the question of the current screen (HTML)
- ``doudi-q-body``      the inputs of the current screen
- ``doudi-q-error``     a Chinese message beside an input (hidden when empty)
- ``doudi-q-next``, ``doudi-q-back``   forward and back buttons
- ``doudi-q-summary``   the answers to check before the result; ``doudi-q-edit`` its buttons
  straight back to a part of the family
- ``doudi-q-result``    the result (HTML) in plain words; inside it ``doudi-q-amount`` with
  ``data-value`` = the exact monthly amount, ``doudi-q-warning`` when the standard's period
  does not cover today, ``doudi-term`` (a tap-to-explain ``<details>``)
- ``doudi-q-share``     the share box: ``<a class="doudi-q-share-link" href="#dq1=…">`` and
  ``doudi-q-share-text`` (a text box holding the fragment to copy)
- ``doudi-q-sheet``     the 估算单 (hidden on screen, the only thing printed);
  ``doudi-q-print`` and ``doudi-q-download`` its actions
- ``doudi-q-cadre``     the toggle for the cadre's view; ``doudi-q-trace`` that view
- ``doudi-q-restart``   "重新填一户": an empty questionnaire for the next family
- ``doudi-term``, ``doudi-term-text``   a glossary term and its explanation (``<details>``)
"""
import json
from dataclasses import dataclass, field
from datetime import date
from collections.abc import Callable

import ipywidgets as W

from .. import InputError, assess, load_policy
from ..household import DISABILITY_TYPES, RELATIONS, SUPPORTER_CATEGORIES, parse_household
from ..widgets import _jurisdictions, trace_table
from . import share
from ..markup import esc
from .plain import plain_result
from .sheet import SHEET_CSS, FamilyRow, download_link, sheet_html, standalone_page

# Which questions are asked (never a rule of the policy: the engine applies those).
WORKING_AGE = 16     # 劳动法第十五条: under 16 nobody is asked about work or earnings
ADULT_AGE = 18       # 民法典第十七条: the single-parent question is for minors
MAX_SUPPORTERS = 5

_SHARED_LAYOUT: list = []


def _full(own: bool = True) -> W.Layout:
    """A full-width layout. ``own=False`` shares one (fewer widgets to open in the browser) and is
    only for widgets whose layout is never changed: hiding one would hide them all."""
    if own:
        return W.Layout(width="100%")
    if not _SHARED_LAYOUT:
        _SHARED_LAYOUT.append(W.Layout(width="100%"))
    return _SHARED_LAYOUT[0]

CSS = """<style>
.doudi-q { font-size: 17px; line-height: 1.5; max-width: 640px; box-sizing: border-box; }
.doudi-q * { box-sizing: border-box; }
.doudi-q .widget-box, .doudi-q .widget-html, .doudi-q .widget-html-content { max-width: 100%; }
.doudi-q .widget-html-content { font-size: 17px; line-height: 1.5; white-space: normal; overflow-wrap: anywhere; }
.doudi-q .doudi-style { display: none !important; }
.doudi-q-progress .widget-html-content { color: #57606a; font-size: 16px; }
.doudi-q-question .widget-html-content { font-size: 20px; font-weight: bold; line-height: 1.4; }
.doudi-q-question small { display: block; font-size: 16px; font-weight: normal; color: #444; margin-top: 4px; }
.doudi-q label, .doudi-q .widget-label { font-size: 17px !important; }
.doudi-q .widget-label { width: auto !important; max-width: 100%; white-space: normal; line-height: 1.3; height: auto !important; }
.doudi-q input[type="text"], .doudi-q select { font-size: 18px !important; min-height: 44px; height: 44px; width: 100%; }
.doudi-q .widget-text, .doudi-q .widget-dropdown { flex-direction: column; align-items: stretch; height: auto !important;
  width: 100% !important; margin: 4px 0; }
.doudi-q .widget-text > input, .doudi-q .widget-dropdown > select { flex: none; }
.doudi-q .widget-text > label, .doudi-q .widget-dropdown > label { text-align: left !important; margin-bottom: 2px; }
.doudi-q .widget-button, .doudi-q .widget-toggle-button { font-size: 17px; min-height: 44px; height: auto; }
.doudi-q .widget-toggle-buttons { flex-wrap: wrap; height: auto !important; width: 100%; }
.doudi-q .widget-toggle-buttons .widget-toggle-button { width: auto !important; min-width: 4.5em; flex: 1 1 auto;
  margin: 3px; white-space: normal; }
.doudi-q .widget-toggle-button.mod-active { background: #0969da; color: #fff; box-shadow: none; }
.doudi-q .widget-checkbox { min-height: 44px; height: auto !important; width: 100% !important; }
.doudi-q .widget-checkbox label { display: flex !important; align-items: center; gap: 10px; min-height: 44px;
  white-space: normal; width: 100%; }
.doudi-q input[type="checkbox"] { width: 24px; height: 24px; flex: none; margin: 0; }
.doudi-q-error .widget-html-content { color: #b00020; font-size: 16px; }
.doudi-q-nav { width: 100%; gap: 8px; margin-top: 12px; }
.doudi-q-nav .widget-button { flex: 1 1 0; min-height: 48px; }
.doudi-q-result h3 { font-size: 18px; margin: 12px 0 4px; }
.doudi-q-result ol, .doudi-q-result ul { padding-left: 1.3em; margin: 4px 0; }
.doudi-q-verdict { font-size: 19px; }
.doudi-q-amount { font-size: 24px; font-weight: bold; color: #116329; }
.doudi-q-no .doudi-q-amount { color: #57606a; }
.doudi-q-warning { background: #fff4e5; border: 1px solid #b35900; color: #7a3d00; padding: 6px 8px; border-radius: 6px; }
.doudi-q-small { color: #57606a; font-size: 16px; }
details.doudi-term { display: inline-block; vertical-align: top; max-width: 100%; }
details.doudi-term[open] { display: block; margin: 2px 0; }
details.doudi-term > summary { display: inline; cursor: pointer; text-decoration: underline dotted; color: #0550ae;
  list-style: none; padding: 8px 0; }
details.doudi-term > summary::-webkit-details-marker { display: none; }
details.doudi-term[open] > .doudi-term-text { display: block; background: #f3f5f7; border-left: 3px solid #0550ae;
  padding: 4px 8px; margin: 4px 0; color: #222; font-size: 16px; }
.doudi-q-summary table { border-collapse: collapse; width: 100%; }
.doudi-q-summary td { border-bottom: 1px solid #d0d7de; padding: 6px 4px; vertical-align: top; }
.doudi-q-summary td:first-child { white-space: nowrap; font-weight: bold; padding-right: 10px; }
.doudi-q-actions a, .doudi-q-actions button { display: inline-block; min-height: 44px; line-height: 44px; padding: 0 14px;
  margin: 4px 8px 4px 0; font-size: 17px; border: 1px solid #0969da; border-radius: 6px; color: #0969da;
  background: #fff; text-decoration: none; }
a.doudi-q-share-link { display: inline-block; min-height: 44px; line-height: 44px; padding: 0 14px; margin: 4px 0;
  font-size: 17px; border: 1px solid #0969da; border-radius: 6px; color: #0969da; text-decoration: none; }
.doudi-q-edit .widget-button { width: 100% !important; margin: 3px 0; }
.doudi-q-trace { overflow-x: auto; font-size: 16px; }
.doudi-q-trace table { border-collapse: collapse; width: 100%; }
.doudi-q-trace td, .doudi-q-trace th { border: 1px solid #d0d7de; padding: 3px 5px; vertical-align: top; }
.doudi-q-trace .doudi-source { color: #57606a; }
/* On a phone each trace step stacks into a card: "3．收入核减", then the formula, result, clause. */
@media screen and (max-width: 600px) {
  .doudi-q-trace table, .doudi-q-trace tbody, .doudi-q-trace tr, .doudi-q-trace td { display: block; }
  .doudi-q-trace thead { display: none; }
  .doudi-q-trace tr { border: 1px solid #d0d7de; border-radius: 4px; margin: 0 0 6px; padding: 4px 6px; }
  .doudi-q-trace td { border: 0; padding: 1px 0; overflow-wrap: anywhere; }
  .doudi-q-trace td:empty { display: none; }
  .doudi-q-trace td:nth-child(-n+2) { display: inline; font-weight: bold; }
  .doudi-q-trace td:first-child::after { content: "．"; }
  .doudi-q-trace td[data-label]:nth-child(n+3)::before { content: attr(data-label) "："; color: #57606a; }
}
@media screen { .doudi-q .doudi-q-sheet { display: none; } }
""" + SHEET_CSS + """
@media print {
  body *:not(:has(.doudi-q-sheet)):not(.doudi-q-sheet):not(.doudi-q-sheet *) { display: none !important; }
  html, body { height: auto !important; overflow: visible !important; }
  body *:has(.doudi-q-sheet) { contain: none !important; display: block !important; position: static !important;
    overflow: visible !important; height: auto !important; min-height: 0 !important; max-height: none !important;
    width: auto !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
    box-shadow: none !important; transform: none !important; }
  .doudi-q .doudi-q-sheet { display: block !important; }
  @page { size: A4; margin: 12mm; }
}
</style>"""


# -- small widget helpers ----------------------------------------------------------------------

_SHARED_STYLES: dict = {}


def _style(widget_class, **traits):
    """One style per kind of widget, shared: styles are never changed after they are made, and
    each widget would otherwise open a style widget of its own in the browser."""
    key = (widget_class.__name__, tuple(sorted(traits.items())))
    if key not in _SHARED_STYLES:
        _SHARED_STYLES[key] = widget_class.style.klass(**traits)
    return _SHARED_STYLES[key]


def _error_slot() -> W.HTML:
    return W.HTML("", layout=W.Layout(width="100%", display="none"),
                  style=_style(W.HTML)).add_class("doudi-q-error")


def _say(slot: W.HTML, text: str):
    slot.value = f"⚠ {esc(text)}" if text else ""
    slot.layout.display = "" if text else "none"


def _text(label: str, placeholder: str = "") -> W.Text:
    return W.Text(value="", description=label, placeholder=placeholder, layout=_full(),
                  style=_style(W.Text, description_width="initial"))


def _number(label: str, placeholder: str = "") -> W.Text:
    """A text box for a number: kept as typed (a bad answer is explained, not lost), but phones
    show their number keyboard for it (the page's widget manager reads the class)."""
    return _text(label, placeholder).add_class("doudi-numeric")


def _check(label: str) -> W.Checkbox:
    return W.Checkbox(value=False, description=label, indent=False, layout=_full(own=False),
                      style=_style(W.Checkbox))


def _toggle(options, label: str = "") -> W.ToggleButtons:
    return W.ToggleButtons(options=options, value=None, description=label, layout=_full(own=False),
                           style=_style(W.ToggleButtons, description_width="initial", button_width="auto"))


def _choice(options, label: str, blank: str = "请选择") -> W.Dropdown:
    return W.Dropdown(options=[(blank, "")] + list(options), value="", description=label, layout=_full(),
                      style=_style(W.Dropdown, description_width="initial"))


def _field(widget) -> tuple:
    """An input with its error slot right below it."""
    slot = _error_slot()
    return W.VBox([widget, slot], layout=_full(own=False)), slot


def _given(text: str):
    """What was typed, for the engine: a whole number as a number, other text as typed (the
    engine reads it or says what is wrong with it), None when empty (the engine says it is
    required)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def _whole(text: str) -> int | None:
    try:
        return int((text or "").strip())
    except ValueError:
        return None


YES_NO = [("是", True), ("否", False)]


@dataclass
class Screen:
    """One question: what it asks, its inputs, and whether this family is asked it."""
    key: str
    question: Callable[[], str]
    parts: list
    applies: Callable[[], bool] = lambda: True
    slots: dict = field(default_factory=dict)     # engine field path -> error slot
    general: W.HTML = field(default_factory=_error_slot)
    required: list = field(default_factory=list)  # (input, message, field path or ""): see ``missing``
    box: W.VBox | None = None                     # made on first show, then kept

    def missing(self):
        """(slot, message) for the first shown input left blank whose blank the engine would
        either assume a value for or answer with JSON names."""
        for widget, message, path in self.required:
            if widget.layout.display != "none" and widget.value in ("", None):
                slot = self.slots.get(path) or (next(iter(self.slots.values())) if len(self.slots) == 1
                                                else self.general)
                return slot, message
        return None

    def widget(self) -> W.VBox:
        if self.box is None:
            self.box = W.VBox(list(self.parts) + [self.general], layout=_full(own=False)).add_class("doudi-q-body")
        return self.box


# -- one member ---------------------------------------------------------------------------------

INCOME_CHOICES = (("farm", "种地（自家承包地）"), ("wage", "在本地打工或上班，领工资"), ("migrant", "外出打工"),
                  ("business", "做生意、跑运输等"), ("student", "全日制在校读书"),
                  ("transfer", "有人给钱（赡养费、亲友资助等）"), ("property", "有租金、利息等收入"))


class MemberQuestions:
    """The questions about one member, and that member as the engine's JSON."""

    def __init__(self, index: int, q: "Questionnaire"):
        self.index, self.q = index, q
        relations = [(v, k) for k, v in RELATIONS.items() if k != "head"]
        self.relation = _choice(relations, "是户主的什么人")
        self.sex = _toggle([("男", "male"), ("女", "female")], "性别")
        self.age = _number("年龄（周岁）", "例如 45")
        self.disabled = _check("有残疾（有残疾证）")
        self.illness = _check("患重特大疾病（如癌症、尿毒症）")
        self.disability_type = _choice([(v, k) for k, v in DISABILITY_TYPES.items()], "残疾类别")
        self.grade = _toggle([("一级", 1), ("二级", 2), ("三级", 3), ("四级", 4)], "残疾等级（看残疾证）")
        self.placed = _check("由政府安置就业")
        self.single_parent = _toggle(YES_NO)
        self.work = {key: _check(label) for key, label in INCOME_CHOICES}
        self.wage = _number("每月工资大约多少元", "例如 1500")
        self.migrant_months = _number("一年在外打工几个月", "例如 6")
        self.min_wage = _number("打工地每月最低工资（元）")
        self.mu = _number("种几亩地", "例如 3")
        self.crop = _choice([], "主要种什么")
        self.net_per_mu = _number("每亩一年净挣多少元（收入减成本）")
        self.business = _number("一年净挣多少元（收入减成本）")
        self.transfer = _number("一年别人给多少元")
        self.property = _number("一年租金、利息等多少元")
        self.screens = self._screens()

    # what the family has said so far
    @property
    def age_value(self) -> int | None:
        return _whole(self.age.value)

    def _age_at_least(self, years: int) -> bool:
        return self.age_value is not None and self.age_value >= years

    def _age_below(self, years: int) -> bool:
        return self.age_value is not None and self.age_value < years

    @property
    def label(self) -> str:
        """How questions and results name this member: 户主, 配偶, 子女2 …"""
        if self.index == 0:
            return "户主"
        if not self.relation.value:
            return f"第{self.index + 1}位家人"
        name = RELATIONS[self.relation.value]
        same = [m for m in self.q.members[:self.index] if m.index and m.relation.value == self.relation.value]
        return f"{name}{len(same) + 1}" if same else name

    def _who(self) -> str:
        return "户主（一般是您自己）" if self.index == 0 else self.label

    def _screens(self) -> list:
        i, who = self.index, self._who
        basics = ([] if i == 0 else [self.relation]) + [self.sex, self.age]
        boxes, slots = [], {}
        for widget, key in zip(basics, (["relation"] if i else []) + ["sex", "age"]):
            box, slots[f"members[{i}].{key}"] = _field(widget)
            boxes.append(box)
        screens = [Screen(f"m{i}.who", lambda: (f"第{i + 1}位：{'户主' if i == 0 else '这位家人'}的基本情况"
                                                 "<small>按户口簿和实际情况填写。</small>"), boxes, slots=slots)]
        if i:    # a blank relation would be taken as 其他
            screens[0].required = [(self.relation, "请选择这位家人是户主的什么人", f"members[{i}].relation")]
        screens.append(Screen(f"m{i}.health", lambda: f"{who()}有残疾或重病吗？<small>都没有就不勾，直接点“下一步”。</small>",
                              [self.disabled, self.illness]))
        grade_box, grade_slot = _field(self.grade)
        screens.append(Screen(f"m{i}.disability", lambda: f"{who()}的残疾情况<small>看残疾证上写的。</small>",
                              [self.disability_type, grade_box, self.placed], applies=lambda: self.disabled.value,
                              slots={f"members[{i}].disability": grade_slot}))
        screens.append(Screen(f"m{i}.child", lambda: f"{who()}是单亲家庭的孩子，或者事实上没有父母抚养吗？",
                              [self.single_parent], applies=lambda: self._age_below(ADULT_AGE)))
        screens.append(Screen(f"m{i}.work", lambda: f"{who()}平时做什么、有哪些收入？<small>可以选几项；都没有就不勾。</small>",
                              list(self.work.values()), applies=lambda: self._age_at_least(WORKING_AGE)))
        amounts = {"wage": ([self.wage], "每月工资"), "migrant": ([self.migrant_months, self.min_wage], "外出打工"),
                   "farm": ([self.mu, self.crop, self.net_per_mu], "种地"), "business": ([self.business], "做生意"),
                   "transfer": ([self.transfer], "别人给的钱"), "property": ([self.property], "租金、利息")}
        for kind, (inputs, title) in amounts.items():
            box, slot = _field(W.VBox(inputs, layout=_full(own=False)))
            screens.append(Screen(f"m{i}.{kind}", lambda t=title: f"{who()}：{t}", [box],
                                  applies=lambda k=kind: self.asks_income(k), slots={f"members[{i}].{kind}": slot}))
        screens[2].required = [(self.disability_type, "请选择残疾类别", f"members[{i}].disability"),
                               (self.grade, "请选择残疾等级", f"members[{i}].disability")]
        farm = next(s for s in screens if s.key == f"m{i}.farm")
        farm.required = [(self.mu, "必须填写：种几亩地", ""), (self.crop, "请选择主要种什么", ""),
                         (self.net_per_mu, "必须填写：每亩一年净挣多少元", "")]
        return screens

    def asks_income(self, kind: str) -> bool:
        return self._age_at_least(WORKING_AGE) and self.work[kind].value

    def follow_policy(self, policy):
        """Crops and the minimum wage come from the county's parameter file."""
        crops = [(c.get("name", k), k) for k, c in policy.income.crops.items()]
        keep = self.crop.value if self.crop.value in [k for _, k in crops] else ""
        self.crop.options = [("请选择", "")] + crops
        self.crop.value = keep
        self.crop.layout.display = "" if crops else "none"
        self.net_per_mu.layout.display = "none" if crops else ""
        self.min_wage.layout.display = "none" if policy.income.min_wage_monthly is not None else ""

    def to_json(self, owners: dict) -> dict:
        """This member as the engine reads it; ``owners`` learns which screen each field is on."""
        i = self.index
        path = f"members[{i}]"
        member = {"id": self.label, "relation": "head" if i == 0 else (self.relation.value or None),
                  "sex": self.sex.value, "age": _given(self.age.value)}
        for key in ("id", "relation", "sex", "age"):
            owners[f"{path}.{key}"] = f"m{i}.who"
        if self.illness.value:
            member["serious_illness"] = True
        owners[f"{path}.serious_illness"] = f"m{i}.health"
        if self.disabled.value:
            member["disability"] = {"type": self.disability_type.value or None, "grade": self.grade.value}
            if self.placed.value and self._age_at_least(WORKING_AGE):
                member["placed_employment_disabled"] = True
        owners[f"{path}.disability"] = owners[f"{path}.placed_employment_disabled"] = f"m{i}.disability"
        if self._age_below(ADULT_AGE) and self.single_parent.value:
            member["single_parent_minor"] = True
        if self._age_at_least(WORKING_AGE):
            if self.work["student"].value:
                member["full_time_student"] = True
            incomes = self._incomes(path, owners)
            if incomes:
                member["incomes"] = incomes
            months = _whole(self.migrant_months.value) if self.work["migrant"].value else None
            if months:
                member["away_months"] = months
        return {k: v for k, v in member.items() if v is not None}

    def _incomes(self, path: str, owners: dict) -> list:
        items = []

        def add(kind: str, item: dict):
            owners[f"{path}.incomes[{len(items)}]"] = f"m{self.index}.{kind}"
            items.append(item)

        if self.work["farm"].value:
            item = {"kind": "farm", "mu": _given(self.mu.value)}
            if self.crop.layout.display == "none":    # the county publishes no crop figures
                item.update(revenue_per_mu=_given(self.net_per_mu.value), cost_per_mu=0)
            else:
                item["crop"] = self.crop.value or None
            add("farm", item)
        if self.work["wage"].value:
            add("wage", {"kind": "wage", "amount": _given(self.wage.value), "per": "month"})
        if self.work["migrant"].value:
            item = {"kind": "migrant_work", "months": _given(self.migrant_months.value)}
            if self.min_wage.layout.display != "none":
                item["min_wage_monthly"] = _given(self.min_wage.value)
            add("migrant", item)
        for kind in ("business", "transfer", "property"):
            if self.work[kind].value:
                add(kind, {"kind": kind, "amount": _given(getattr(self, kind).value), "per": "year"})
        return [{k: v for k, v in item.items() if v is not None or k in ("amount", "months", "mu", "revenue_per_mu")}
                for item in items]

    def load(self, data: dict):
        """Fill the answers from a member's JSON (a share link)."""
        if self.index:
            self.relation.value = data.get("relation", "")
        self.sex.value = data.get("sex")
        self.age.value = str(data.get("age", ""))
        self.illness.value = bool(data.get("serious_illness"))
        disability = data.get("disability")
        self.disabled.value = disability is not None
        if disability:
            self.disability_type.value = disability.get("type", "")
            self.grade.value = disability.get("grade")
        self.placed.value = bool(data.get("placed_employment_disabled"))
        self.single_parent.value = True if data.get("single_parent_minor") else None
        self.work["student"].value = bool(data.get("full_time_student"))
        for item in data.get("incomes") or []:
            self._load_income(item)

    def _load_income(self, item: dict):
        kind = item.get("kind")
        if kind == "farm":
            self.work["farm"].value = True
            self.mu.value, self.crop.value = str(item.get("mu", "")), item.get("crop") or ""
            self.net_per_mu.value = str(item.get("revenue_per_mu", "") or "")
        elif kind == "wage":
            self.work["wage"].value, self.wage.value = True, str(item.get("amount", ""))
        elif kind == "migrant_work":
            self.work["migrant"].value, self.migrant_months.value = True, str(item.get("months", ""))
            self.min_wage.value = str(item.get("min_wage_monthly", "") or "")
        elif kind in ("business", "transfer", "property"):
            self.work[kind].value = True
            getattr(self, kind).value = str(item.get("amount", ""))

    def summary(self) -> str:
        """This member in plain words, for the summary and the 估算单."""
        sex = {"male": "男", "female": "女"}.get(self.sex.value, "性别未填")
        parts = [sex, f"{self.age.value.strip()}岁" if self.age.value.strip() else "年龄未填"]
        if self.disabled.value:
            kind = DISABILITY_TYPES.get(self.disability_type.value, "")
            grade = f"{self.grade.value}级" if self.grade.value else ""
            parts.append(f"{kind}残疾{grade}" + ("，政府安置就业" if self.placed.value and
                                               self._age_at_least(WORKING_AGE) else ""))
        if self.illness.value:
            parts.append("患重特大疾病")
        if self._age_below(ADULT_AGE) and self.single_parent.value:
            parts.append("单亲或事实无人抚养")
        if self._age_at_least(WORKING_AGE):
            parts += self._income_words()
        return "，".join(parts)

    def _income_words(self) -> list:
        words = []
        if self.work["farm"].value:
            crop = dict((k, label) for label, k in self.crop.options).get(self.crop.value, "")
            words.append(f"种地{self.mu.value.strip()}亩" + (f"（{crop}）" if self.crop.value else "")
                         + (f"，每亩净挣{self.net_per_mu.value.strip()}元" if self.net_per_mu.value.strip() else ""))
        if self.work["wage"].value:
            words.append(f"本地打工每月{self.wage.value.strip()}元")
        if self.work["migrant"].value:
            words.append(f"外出打工{self.migrant_months.value.strip()}个月")
        if self.work["business"].value:
            words.append(f"做生意一年净挣{self.business.value.strip()}元")
        if self.work["student"].value:
            words.append("全日制在校读书")
        if self.work["transfer"].value:
            words.append(f"别人给钱一年{self.transfer.value.strip()}元")
        if self.work["property"].value:
            words.append(f"租金利息一年{self.property.value.strip()}元")
        return words


# -- supporters outside the household -------------------------------------------------------------

class SupporterQuestions:
    """A relative outside the household who must by law support someone in it."""

    def __init__(self, index: int):
        self.index = index
        self.size = _number("他家一共几口人", "例如 4")
        self.income = _number("他家一年收入大约多少元", "例如 30000")
        self.category = _choice([(v, k) for k, v in SUPPORTER_CATEGORIES.items()], "他家有下面的情况吗", "都没有")
        size_box, size_slot = _field(self.size)
        income_box, income_slot = _field(self.income)
        path = f"supporters[{index}]"
        self.screen = Screen(f"s{index}", lambda: (f"第{index + 1}位不在一起生活的赡养（抚养）人"
                                                   "<small>比如已经分家另过的儿女。</small>"),
                             [size_box, income_box, self.category],
                             slots={f"{path}.family_size": size_slot, f"{path}.family_income_annual": income_slot})

    def to_json(self) -> dict:
        item = {"family_size": _given(self.size.value), "family_income_annual": _given(self.income.value)}
        if self.category.value:
            item["category"] = self.category.value
        return item

    def load(self, data: dict):
        self.size.value = str(data.get("family_size", ""))
        self.income.value = str(data.get("family_income_annual", ""))
        self.category.value = data.get("category") or ""

    def summary(self) -> str:
        extra = dict((k, v) for v, k in self.category.options).get(self.category.value, "") if self.category.value else ""
        return f"他家{self.size.value.strip()}口人，一年收入{self.income.value.strip()}元" + (f"，{extra}" if extra else "")


# -- the questionnaire -------------------------------------------------------------------------

class Questionnaire:
    """The whole flow; its parts (``screen``, ``next_button``, ``result`` …) are open for tests."""

    def __init__(self, fragment: str = "", size: int | None = None, monthly_income: str | None = None,
                 today: date | None = None, page_url: str = ""):
        self.today = today or date.today()
        self.page_url = page_url.split("#", 1)[0]    # the share text is this page's address + fragment
        self.counties = _jurisdictions()
        self.county = _choice(self.counties, "县（市）", "请选择")
        self.county.value = self.counties[0][1]
        self.policy = load_policy(self.county.value)
        self.size = _number("家里一共几口人", "例如 3")
        if size is not None:
            self.size.value = str(size)
        self.monthly_income = monthly_income
        self.members: list = []
        self.supporter_count = _toggle([("没有", 0)] + [(f"{n}位", n) for n in range(1, MAX_SUPPORTERS + 1)])
        self.supporters: list = []      # made when the family says how many there are
        self.assets = _toggle([("没有超过", True), ("超过了", False), ("不清楚", None)])
        self.daughters = _toggle(YES_NO)
        self.difficulty = _toggle([("是", True), ("否", False), ("不清楚", None)])
        self.household_class = _toggle([])
        self._build_result_parts()
        self._build_fixed_screens()
        self._follow_classes()
        self.progress = W.HTML("").add_class("doudi-q-progress")
        self.question = W.HTML("").add_class("doudi-q-question")
        self.body = W.VBox([], layout=_full())
        self.back_button = W.Button(description="上一步", layout=W.Layout(width="auto")).add_class("doudi-q-back")
        self.next_button = W.Button(description="下一步", button_style="primary",
                                    layout=W.Layout(width="auto")).add_class("doudi-q-next")
        self.back_button.on_click(lambda _b: self.back())
        self.next_button.on_click(lambda _b: self.next())
        self.county.observe(lambda _c: self._county_changed(), names="value")
        nav = W.HBox([self.back_button, self.next_button], layout=_full()).add_class("doudi-q-nav")
        style = W.HTML(CSS).add_class("doudi-style")
        self.widget = W.VBox([style, self.progress, self.question, self.body, nav],
                             layout=W.Layout(width="100%", max_width="640px")).add_class("doudi-q")
        self.assessment = None
        self.household_json = None
        self.key = "county" if len(self.counties) > 1 else "size"
        self._restore(fragment)
        self._render()

    # -- the screens -------------------------------------------------------------------------

    def _build_result_parts(self):
        """The summary and result widgets (filled when the family gets there)."""
        self.summary_html = W.HTML("").add_class("doudi-q-summary")
        self.edit_box = W.VBox([], layout=_full()).add_class("doudi-q-edit")
        self.result = W.HTML("").add_class("doudi-q-result")
        self.share_box = W.HTML("").add_class("doudi-q-share")
        self.share_text = _text("分享链接" if self.page_url else "分享代码").add_class("doudi-q-share-text")
        self.actions = W.HTML("").add_class("doudi-q-actions")
        self.cadre = W.ToggleButton(value=False, description="显示计算过程（给干部核对）",
                                    layout=_full()).add_class("doudi-q-cadre")
        self.trace = W.HTML("", layout=W.Layout(width="100%", display="none")).add_class("doudi-q-trace")
        self.cadre.observe(lambda _c: self._show_trace(), names="value")
        self.restart = W.Button(description="重新填一户", layout=_full()).add_class("doudi-q-restart")
        self.restart.on_click(lambda _b: self.start_over())
        self.sheet = W.HTML("")

    def _build_fixed_screens(self):
        size_box, size_slot = _field(self.size)
        self.county_screen = Screen("county", lambda: "您家在哪个县（市）？<small>按这个县（市）的低保标准估算。</small>",
                                    [self.county], applies=lambda: len(self.counties) > 1)
        self.size_screen = Screen("size", self._size_question, [size_box], slots={"size": size_slot})
        self.assets_screen = Screen("assets", lambda: ("全家的存款、房子、车辆等财产，超过当地低保的规定吗？"
                                                       "<small>不清楚就选“不清楚”，先按没有超过估算，乡镇会核对。</small>"),
                                    [self.assets])
        self.daughters_screen = Screen("daughters", lambda: "您家是实行计划生育的纯女户吗？", [self.daughters],
                                       applies=self._only_daughters)
        self.supporters_screen = Screen("supporters", lambda: (
            "有没有不在一起生活、但依法应当赡养或抚养家里人的亲人？<small>比如已经分家另过的儿女。没有就选“没有”。</small>"),
            [self.supporter_count])
        self.difficulty_screen = Screen("difficulty", lambda: (
            "家里的老人、孩子、重残或重病的人，吃上低保以后生活仍然有困难吗？<small>最后由乡镇认定；不清楚就选“不清楚”。</small>"),
            [self.difficulty], applies=self._key_aid_matters)
        class_box, class_slot = _field(self.household_class)
        self.class_screen = Screen("class", lambda: ("乡镇给您家评的是哪一类户？<small>本县按户类别发低保金。"
                                                     "不知道就问村干部，也可以先选一类看看。</small>"),
                                   [class_box], applies=lambda: bool(self.policy.dibao.payment.classes),
                                   slots={"class": class_slot},
                                   required=[(self.household_class, "请选择户类别", "class")])
        self.summary_screen = Screen("summary", lambda: "请核对您填写的情况<small>不对就点“上一步”回去改。</small>",
                                     [self.summary_html, self.edit_box])
        self.result_screen = Screen("result", lambda: "估算结果", [self.result, self.share_box, self.share_text,
                                                                   self.actions, self.cadre, self.trace, self.restart,
                                                                   self.sheet])

    def _size_question(self) -> str:
        note = ""
        if self.monthly_income:
            note = (f"<small>您刚才估算时填的是全家每月收入{esc(self.monthly_income)}元。"
                    "下面逐个问每个人的情况，结果会更准。</small>")
        return "您家一共几口人？<small>算户口在一起、一起生活的人，包括您自己。</small>" + note

    def screens(self) -> list:
        """The screens this family is asked, in order (recomputed from the answers so far)."""
        out = [self.county_screen, self.size_screen]
        for member in self.current_members():
            out += member.screens
        out += [self.assets_screen, self.daughters_screen, self.supporters_screen]
        out += [s.screen for s in self.current_supporters()]
        out += [self.difficulty_screen, self.class_screen, self.summary_screen, self.result_screen]
        return [s for s in out if s.applies()]

    def current_members(self) -> list:
        count = _whole(self.size.value)
        if count is None or count < 1:
            return []
        count = min(count, 30)
        while len(self.members) < count:
            member = MemberQuestions(len(self.members), self)
            member.follow_policy(self.policy)
            self.members.append(member)
        return self.members[:count]

    def current_supporters(self) -> list:
        count = self.supporter_count.value or 0
        while len(self.supporters) < count:
            self.supporters.append(SupporterQuestions(len(self.supporters)))
        return self.supporters[:count]

    def _only_daughters(self) -> bool:
        children = [m for m in self.current_members() if m.index and m.relation.value == "child"]
        return bool(children) and all(m.sex.value == "female" for m in children)

    def _key_aid_matters(self) -> bool:
        """Ask about continuing hardship only if the engine would pay key aid to this family."""
        try:
            data, _ = self.household(ask_difficulty=False)
            data["still_in_difficulty"] = True
            classes = list(self.policy.dibao.payment.classes)
            if classes and "class" not in data:     # any class will do to learn about key aid
                data["class"] = classes[0]
            return assess(data, self.policy).dibao.key_aid_monthly > 0
        except InputError:
            return False

    @property
    def screen(self) -> Screen:
        return next(s for s in self.screens() if s.key == self.key)

    # -- the household the answers stand for ------------------------------------------------------

    def household(self, ask_difficulty: bool = True) -> tuple:
        """(household JSON, owners): owners maps each engine field path to the screen asking it."""
        owners = {"assets_ok": "assets", "pure_daughter_family": "daughters", "still_in_difficulty": "difficulty",
                  "class": "class"}
        data = {}
        if self.assets.value is not None:
            data["assets_ok"] = self.assets.value
        if self._only_daughters() and self.daughters.value is not None:
            data["pure_daughter_family"] = self.daughters.value
        if ask_difficulty and self.difficulty.value is not None and self.difficulty_screen.applies():
            data["still_in_difficulty"] = self.difficulty.value
        if self.class_screen.applies() and self.household_class.value:
            data["class"] = self.household_class.value
        count = self.supporter_count.value or 0
        if count:
            data["supporters"] = [s.to_json() for s in self.current_supporters()]
            for j in range(count):
                owners[f"supporters[{j}]"] = f"s{j}"
        data["members"] = [m.to_json(owners) for m in self.current_members()]
        return data, owners

    def family_rows(self) -> list:
        rows = [FamilyRow(m.label, m.summary()) for m in self.current_members()]
        facts = {True: "没有超过规定", False: "超过了规定", None: "不清楚（按没有超过估算）"}
        rows.append(FamilyRow("家庭财产", facts[self.assets.value]))
        if self._only_daughters() and self.daughters.value is not None:
            rows.append(FamilyRow("纯女户", "是" if self.daughters.value else "否"))
        for s in self.current_supporters():
            rows.append(FamilyRow(f"户外赡养人{s.index + 1}", s.summary()))
        if self.class_screen.applies() and self.household_class.value:
            rows.append(FamilyRow("户类别", f"{self.household_class.value}类户"))
        if self.difficulty_screen.applies():
            rows.append(FamilyRow("吃低保后仍有困难", {True: "是", False: "否", None: "不清楚"}[self.difficulty.value]))
        return rows

    # -- moving between screens ------------------------------------------------------------------

    def next(self):
        screens = self.screens()
        keys = [s.key for s in screens]
        here = keys.index(self.key)
        if not self._check(screens, here):
            return
        if self.key == "summary":
            self._compute()
        if here + 1 < len(screens) and self.key != "result":
            self.key = screens[here + 1].key
        self._render()

    def back(self):
        keys = [s.key for s in self.screens()]
        here = keys.index(self.key)
        if here > 0:
            self.key = keys[here - 1]
        self._render()

    def go(self, key: str):
        self.key = key
        self._render()

    def _clear_errors(self):
        for s in self.screens():
            for slot in [s.general, *s.slots.values()]:
                _say(slot, "")

    def _check(self, screens: list, here: int) -> bool:
        """Let the engine check the answers up to this screen; show its message beside the question."""
        self._clear_errors()
        if self.key == "size":
            if _given(self.size.value) is None:     # the engine's message here names JSON keys
                _say(self.size_screen.slots["size"], "必须填写：家里一共几口人")
                return False
            try:
                parse_household({"size": _given(self.size.value)})
            except InputError as error:
                _say(self.size_screen.slots["size"], error.message)
                return False
            return True
        if self.key in ("county", "result"):
            return True
        missing = screens[here].missing()
        if missing:
            _say(*missing)
            return False
        data, owners = self.household()
        try:
            parse_household(data)
            assess(data, self.policy)
        except InputError as error:
            return self._place(error, owners, screens, here)
        return True

    def _place(self, error: InputError, owners: dict, screens: list, here: int) -> bool:
        """Show an engine error on its screen; False when it belongs to this screen or an earlier one."""
        key, path = None, error.field
        while path and key is None:
            key = owners.get(path)
            path = path.rsplit("[", 1)[0] if path.endswith("]") else path.rsplit(".", 1)[0] if "." in path else ""
        keys = [s.key for s in screens]
        if key not in keys:
            key = screens[here].key
        where = keys.index(key)
        if where > here and self.key != "summary":
            return True                     # a question still to come: it will be asked there
        screen = screens[where]
        _say(self._slot(screen, error.field), error.message)
        if where != here:
            self.key = key
            self._render()
        return False

    @staticmethod
    def _slot(screen: Screen, field_path: str) -> W.HTML:
        for path, slot in screen.slots.items():
            if field_path == path or field_path.startswith(path + ".") or field_path.startswith(path + "["):
                return slot
        if len(screen.slots) == 1:
            return next(iter(screen.slots.values()))
        return screen.general

    # -- showing -----------------------------------------------------------------------------

    def _render(self):
        screens = self.screens()
        keys = [s.key for s in screens]
        if self.key not in keys:
            self.key = keys[0]
        screen = screens[keys.index(self.key)]
        if self.key == "summary":
            self.summary_html.value = self._summary_html()
            self.edit_box.children = self._edit_buttons()
        self.progress.value = f"第{keys.index(self.key) + 1}步，共{len(keys)}步" if self.key != "result" else ""
        self.question.value = screen.question()
        self.body.children = [screen.widget()]
        self.back_button.description = "返回修改" if self.key == "result" else "上一步"
        self.back_button.layout.visibility = "hidden" if keys.index(self.key) == 0 else "visible"
        self.next_button.description = "看估算结果" if self.key == "summary" else "下一步"
        self.next_button.layout.display = "none" if self.key == "result" else ""

    def _summary_html(self) -> str:
        county = dict((v, k) for k, v in self.counties).get(self.county.value, "")
        rows = [FamilyRow("县（市）", county), FamilyRow("家庭人口", f"{self.size.value.strip()}人")]
        rows += self.family_rows()
        return "<table>" + "".join(f"<tr><td>{esc(r.who)}</td><td>{esc(r.about)}</td></tr>" for r in rows) + "</table>"

    def _edit_buttons(self) -> list:
        """One button a part of the family: straight back to its first question."""
        targets = [("修改家庭人口", "size")] + [(f"修改{m.label}的情况", f"m{m.index}.who") for m in self.current_members()]
        targets.append(("修改家庭财产和其他情况", "assets"))
        buttons = []
        for label, key in targets:
            button = W.Button(description=label, layout=_full(own=False))
            button.on_click(lambda _b, k=key: self.go(k))
            buttons.append(button)
        return buttons

    def _compute(self):
        data, _ = self.household()
        self.household_json = data
        self.assessment = assess(data, self.policy)
        fragment = share.encode(data, self.policy.id)
        self.result.value = plain_result(self.assessment, self.today)
        self.share_box.value = (
            "<h3>分享给家人或村干部</h3>"
            f'<p><a class="doudi-q-share-link" href="{esc(fragment)}">打开分享链接</a></p>'
            "<p>点上面的按钮，再复制浏览器地址栏里的网址发出去，对方打开就能看到同样的问答和结果。"
            "填写的情况只在网址“#”后面，不会传到服务器上。"
            + ("也可以直接复制下面的链接发出去。</p>" if self.page_url else "也可以复制下面的分享代码，加在本页网址后面。</p>"))
        self.share_text.value = self.page_url + fragment
        family = [FamilyRow("家庭人口", f"{self.size.value.strip()}人")] + self.family_rows()
        page = standalone_page(self.assessment, family, self.today)
        self.actions.value = ('<p><button type="button" class="doudi-q-print" onclick="window.print()">打印估算单</button>'
                              f"{download_link(page)}</p>"
                              '<p class="doudi-q-small">估算单一页纸，写明了要带的材料和办理步骤，可以带到乡镇。</p>')
        self.sheet.value = sheet_html(self.assessment, family, self.today)
        self._show_trace()

    def _show_trace(self):
        if self.cadre.value and self.assessment is not None:
            self.trace.value = (trace_table(self.assessment.trace.steps) + "<p>输入数据（JSON，可用 python -m calculators "
                                f"assess 核对）：</p><pre style=\"white-space:pre-wrap\">"
                                f"{esc(json.dumps(self.household_json, ensure_ascii=False))}</pre>")
        self.trace.layout.display = "" if self.cadre.value else "none"

    def _county_changed(self):
        self.policy = load_policy(self.county.value)
        self._follow_classes()
        for member in self.members:
            member.follow_policy(self.policy)

    def _follow_classes(self):
        options = [(f"{c}类户", c) for c in self.policy.dibao.payment.classes]
        if [v for _, v in self.household_class.options] != [v for _, v in options]:
            self.household_class.options = options
            self.household_class.value = None

    def start_over(self):
        """An empty questionnaire again (a cadre helping the next family); the county stays."""
        self.size.value = ""
        self.members = []
        for widget in (self.supporter_count, self.assets, self.daughters, self.difficulty, self.household_class):
            widget.value = None
        self.supporters = []
        self.assessment = self.household_json = None
        for html_part in (self.result, self.share_box, self.actions, self.sheet, self.trace):
            html_part.value = ""
        self.share_text.value = ""
        self.cadre.value = False
        self.key = "size"
        self._render()

    # -- share links ---------------------------------------------------------------------------

    def _restore(self, fragment: str):
        try:
            shared = share.decode(fragment)
        except share.ShareError as error:
            _say(self.screens()[0].general, error.message)
            return
        if shared is None:
            return
        self.load(shared.household, shared.policy_id)
        try:
            self._compute()
        except InputError as error:
            _say(self.screens()[0].general, f"分享链接里的家庭情况有误（{error.message}），请重新填写。")
            return
        self.key = "result"
        if self.household_json != shared.household:
            _say(self.result_screen.general, "分享链接里有些情况本问答没有问到，上面的结果只按本问答能填写的部分计算；"
                                             "要看完整的结果，请用干部版的详细表单。")

    def load(self, household: dict, policy_id: str | None = None):
        """Fill every answer from a household JSON of the form this questionnaire writes."""
        if policy_id:
            self.county.value = load_policy(policy_id).jurisdiction
            self.policy = load_policy(policy_id)
        members = household.get("members") or []
        self.size.value = str(len(members))
        for member, data in zip(self.current_members(), members):
            member.load(data)
        self.assets.value = household.get("assets_ok")
        self.daughters.value = household.get("pure_daughter_family")
        self.difficulty.value = household.get("still_in_difficulty")
        self._follow_classes()
        self.household_class.value = household.get("class")
        supporters = household.get("supporters") or []
        self.supporter_count.value = min(len(supporters), MAX_SUPPORTERS)
        for s, data in zip(self.current_supporters(), supporters):
            s.load(data)


def dibao_questionnaire(fragment: str = "", size: int | None = None, monthly_income: str | None = None,
                        *, page_url: str = "") -> W.Widget:
    """The applicant's 低保 questionnaire as one widget (the root box).

    ``page_url`` (optional, e.g. ``location.href``): when given, the share text to copy is the
    whole link; without it (the widget cannot know where it is shown) it is the fragment.
    """
    return Questionnaire(fragment, size, monthly_income, page_url=page_url).widget
