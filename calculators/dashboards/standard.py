"""标准调整测算: what a proposed new 低保 standard costs and whom it moves, over a county roster.

The dashboard ``book/dashboards/standard.ipynb``, and the suppression of the worked comparison on
the handbook page ``book/dibao/setting-the-standard.md``. Nothing here decides eligibility, an
amount or a floor:

* the proposal is ``proposal.propose_policy`` (the current file with the new standard, in memory; a
  tier table is the officer's, or scaled with the standard by ``propose_policy`` itself);
* each screening is the roster engine's ``screen_frame``;
* the household-by-household comparison is ``roster.compare.compare_results``;
* the 40% / 80% floors are ``standards.floor_checks``.

What does not depend on the proposal is done once per roster and current file (``Baseline``): the
roster read and checked, its people as arrays (``roster_people``) and its screening under the
current file. A proposal then costs one more screening, without the 三留守 classification (the
standard does not change it), and the comparison. For 40 000 households on 2 cores shared with other
jobs (load 3 to 4): about 0.9 s in the kernel and 1.0 s (0.8 to 1.3 s) from Enter to the redrawn
charts in the browser, where calling ``compare`` (read, check, screen twice) would take 3.6 s
(``benchmarks/standard_dashboard_bench.py --browser``). Comparisons are kept per proposal, so
going back to one of the last eight figures drawn is immediate.

Two renderings, as in ``calculators.charts``: the public one (the handbook) states aggregates only,
its counts suppressed by ``charts.protect`` over every sum a reader can form on the page
(``standard_counts``); the staff one (Voila, ``DOUDI_DASHBOARD=staff``) states exact counts, redraws
on each change of its inputs and lists the households that enter, leave or get less (户编号 and
户主姓名, never an ID number).
"""
from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import charts
from ..errors import InputError
from ..money import MONTHS_PER_YEAR, yuan
from ..policy import Policy, list_policies, load_policy
from ..proposal import propose_policy
from ..roster.cli import import_roster
from ..roster.columns import KEY
from ..roster.compare import CHANGE_NAMES, CHANGES, COST_COUNTED, Comparison, compare_results
from ..roster.households import roster_people
from ..roster.screen import ScreenResult, screen_frame
from ..standards import floor_checks

# The first drawing raises the current standard by this much (a starting point for the officer to
# move, not a policy figure).
FIRST_RAISE = 300
KEPT_COMPARISONS = 8             # each holds a row per household: about 17 MB at 40 000 households

SHOWN = ("entering", "leaving", "gaining", "losing", "unchanged")      # "outside" is not shown
HOUSEHOLDS = {c: f"{CHANGE_NAMES[c]}（户）" for c in SHOWN}
PERSONS = {c: f"{CHANGE_NAMES[c]}（人）" for c in ("entering", "leaving")}
CHART_LEGEND = {HOUSEHOLDS[c]: CHANGE_NAMES[c] for c in ("entering", "leaving", "gaining", "losing")}
CHART_COLORS = ["#1f5f9e", "#c0504d", "#5a8f5a", "#e39b3a"]
BAND = "现行每人每月补助"
COSTS = {"before_monthly": "现行每月支出（元）", "after_monthly": "拟定每月支出（元）",
         "difference_monthly": "每月差额（元）"}
COST_LEGEND = {COSTS["before_monthly"]: "现行标准", COSTS["after_monthly"]: "拟定标准"}
LISTED = {"entering": "新纳入的户", "leaving": "退出的户", "losing": "补助减少的户"}
LIST_LIMIT = 300
SMALL_NOTE = "“<5”表示0至4。"


# -- what does not depend on the proposal ----------------------------------------------------------

@dataclass
class Baseline:
    """A roster read, checked and screened under the current file, once; proposals compared to it."""
    path: Path
    policy: Policy
    validated: object
    people: object                 # roster_people(validated.frame); None for a roster with no household
    before: ScreenResult
    comparisons: dict = field(default_factory=dict)

    def compare(self, standard, tiers=None) -> Comparison:
        """The roster under the proposal (``propose_policy``) against the current file."""
        key = (Decimal(standard), None if tiers is None else tuple(tuple(t) for t in tiers))
        if key not in self.comparisons:
            proposed = propose_policy(self.policy, standard, tiers=tiers)
            after = self.screen(proposed)
            if len(self.comparisons) >= KEPT_COMPARISONS:
                self.comparisons.pop(next(iter(self.comparisons)))
            self.comparisons[key] = compare_results(self.before, after, self.policy, proposed)
        return self.comparisons[key]

    def screen(self, policy: Policy) -> ScreenResult:
        return screen_again(self.validated.frame, policy, self.people)


def baseline(path=None, policy=None) -> Baseline:
    path = Path(path or charts.roster_path()).resolve()
    return _baseline(str(path), path.stat().st_mtime, policy)


@lru_cache(maxsize=4)
def _baseline(path: str, mtime: float, policy_ref) -> Baseline:
    policy = load_policy(policy_ref)
    validated = import_roster(path, policy=policy)
    people = roster_people(validated.frame) if len(validated.frame) else None
    return Baseline(Path(path), policy, validated, people, screen_again(validated.frame, policy, people))


def screen_again(frame: pd.DataFrame, policy: Policy, people) -> ScreenResult:
    """The roster's households under one policy: its people built once, no 三留守 classification."""
    return screen_frame(frame, policy, people=people, with_left_behind=False)


def first_standard(policy: Policy) -> int:
    return int(policy.dibao.standard_annual.to_integral_value()) + FIRST_RAISE


# -- one proposal: the tables a page shows ----------------------------------------------------------

def summary(c: Comparison) -> dict:
    """Totals, the counts and the costs by township, the counts by current payment band."""
    towns, bands = c.by_township(), c.by_band()
    counts = pd.DataFrame({"地区": towns["township"]})
    for change in SHOWN:
        counts[HOUSEHOLDS[change]] = towns[f"{change}_households"].astype(int)
        if change in PERSONS:
            counts[PERSONS[change]] = towns[f"{change}_persons"].astype(int)
    costs = pd.DataFrame({"地区": towns["township"], **{head: towns[col] for col, head in COSTS.items()}})
    by_band = pd.DataFrame({BAND: bands["band"], **{HOUSEHOLDS[c]: bands[f"{c}_households"].astype(int)
                                                   for c in SHOWN}})
    return {"totals": c.totals(), "by_township": counts, "costs": costs, "by_band": by_band}


COUNT_FIGURES = [figure for c in SHOWN for figure in [(f"{c}_households", CHANGE_NAMES[c], "户")]
                 + ([(f"{c}_persons", f"{CHANGE_NAMES[c]}人数", "人")] if c in PERSONS else [])]
COST_FIGURES = [("before_monthly", "现行标准每月支出", "元"), ("after_monthly", "拟定标准每月支出", "元"),
                ("difference_monthly", "每月差额（拟定−现行）", "元"),
                ("difference_annual", "全年差额（×12）", "元")]


def standard_counts(s: dict) -> charts.Counts:
    """What a page of one proposal publishes and how it adds up: each township column and each band
    column to its county figure. (The page does not state how many households are eligible before
    and after: with them, one household entering would hide every other figure of the county.)"""
    counts = charts.Counts()
    for key, _, _ in COUNT_FIGURES:
        counts.figure(key, s["totals"][key])
    columns = {**{HOUSEHOLDS[c]: f"{c}_households" for c in SHOWN}, **{PERSONS[c]: f"{c}_persons" for c in PERSONS}}
    counts.column_sums("by_township", s["by_township"], columns)
    counts.column_sums("by_band", s["by_band"], {HOUSEHOLDS[c]: f"{c}_households" for c in SHOWN}, key=BAND)
    return counts



def published(s: dict) -> dict:
    """Each count of the summary as a public page states it: the count, or its ``Hidden`` mark."""
    return charts.protect(standard_counts(s))


def standard_page(b: Baseline, standard, tiers=None, public=True) -> charts.Page:
    """Figures, the two charts and the tables of one proposal (public: suppressed; staff: with lists)."""
    c = b.compare(standard, tiers)
    s = summary(c)
    t = s["totals"]
    counts = [(key, label, t[key], unit) for key, label, unit in COUNT_FIGURES]
    costs = [(key, label, float(t[key]), unit) for key, label, unit in COST_FIGURES]
    note = f"支出按{COST_COUNTED}。"
    if public:
        shown = published(s)
        towns = c.by_township()
        s = {**s, "by_township": charts.protected_frame(s["by_township"], "by_township",
                                                        [*HOUSEHOLDS.values(), *PERSONS.values()], shown),
             "by_band": charts.protected_frame(s["by_band"], "by_band", list(HOUSEHOLDS.values()), shown, key=BAND),
             "costs": protected_costs(s["costs"], towns)}
        counts = charts.protected_figures(counts, shown)
        if few_paid(pd.DataFrame([t])).any():       # the county's own total sums too few payments
            costs = []
        note += (charts.secondary_note(shown) or SMALL_NOTE) + AMOUNTS_NOTE
    left_out = int(b.validated.households_read) - len(c.households)      # rejected rows, engine refusals
    if left_out:
        note += f"名册中有{charts.shown(left_out, public)}户未能评估（导入时被拒绝或规则引擎不能评估），不在测算之内。"
    proposed = c.after_policy.dibao.standard_annual
    charts_ = [
        charts.grouped_bars(s["by_township"].rename(columns=CHART_LEGEND), list(CHART_LEGEND.values()),
                            f"按乡镇：标准调到{yuan(proposed)}后各户的变化", public, "户数", CHART_COLORS),
    ]
    if not public:      # a public page states the amounts in its table, where some are not published
        charts_.append(charts.grouped_bars(s["costs"].rename(columns=COST_LEGEND), list(COST_LEGEND.values()),
                                           "按乡镇：每月低保支出（元），现行与拟定", False, "元",
                                           ["#999999", "#1f5f9e"], label=charts.money_label))
    tables = [
        charts.table_html(s["by_township"].rename(columns={"地区": "乡镇"}), [*HOUSEHOLDS.values(), *PERSONS.values()],
                          public, "按乡镇的户数和人数"),
        charts.table_html(money_frame(s["costs"]).rename(columns={"地区": "乡镇"}), (), False, "按乡镇的每月支出"),
        charts.table_html(s["by_band"], list(HOUSEHOLDS.values()), public,
                          "按现行每人每月补助分段：标准调整落在哪些户上"),
    ]
    if not public:
        tables += household_lists(c)
    return charts.Page(costs + counts, charts_, tables, note)


def money_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Amount columns written as money (25,333.00); a mark such as ``NOT_PUBLISHED`` is kept."""
    out = frame.copy()
    for column in out.columns:
        if column.endswith("（元）"):
            out[column] = [v if isinstance(v, str) else f"{Decimal(v):,.2f}" for v in out[column]]
    return out


# -- amounts on a public page ---------------------------------------------------------------------

NOT_PUBLISHED = "不公布"
AMOUNTS_NOTE = ("乡镇的支出由不足5户的补助合计而成时写作“不公布”（否则就是这几户的补助）；"
                "不公布的乡镇合起来仍不足5户时，再多一个乡镇不公布，免得用全县合计减出来。")


def few_paid(towns: pd.DataFrame) -> pd.Series:
    """Rows (townships, or the county's totals) whose amounts sum 1 to 4 households' payments: paid
    under the current file, under the proposal, or changed between them. Like a count under 5, such
    a sum tells about those few households."""
    def households(changes):
        return sum(towns[f"{change}_households"] for change in changes)
    few = [(n > 0) & (n < 5) for n in (households(("leaving", "gaining", "losing", "unchanged")),
                                       households(("entering", "gaining", "losing", "unchanged")),
                                       households(("entering", "leaving", "gaining", "losing")))]
    return few[0] | few[1] | few[2]


def protected_costs(costs: pd.DataFrame, towns: pd.DataFrame) -> pd.DataFrame:
    """A public page's amounts by township (``few_paid`` ones not published). While the townships left
    out together still sum the payments of 1 to 4 households, the one with the smallest current amount
    is left out too: the county's totals less the others would give their sum back."""
    hidden = few_paid(towns).to_numpy().copy()
    columns = [f"{change}_households" for change in CHANGES]
    while hidden.any() and not hidden.all() and few_paid(towns.loc[hidden, columns].sum().to_frame().T).iloc[0]:
        others = costs[COSTS["before_monthly"]].where(~hidden)
        hidden[int(np.nanargmin(others.astype(float).to_numpy()))] = True
    out = costs.astype(object)
    out.loc[hidden, list(COSTS.values())] = NOT_PUBLISHED
    return out


def household_lists(c: Comparison) -> list:
    """Staff only: the households that enter, leave or get less (户编号, 户主姓名; no ID number)."""
    h = c.households
    tables = []
    for change, title in LISTED.items():
        chosen = h[h["change"] == change]
        why = {"entering": ("before_failed", "现行标准下不符合的条件"),
               "leaving": ("after_failed", "拟定标准下不符合的条件")}.get(change)
        frame = pd.DataFrame({"户编号": chosen[KEY], "乡镇": chosen["township"], "村": chosen["village"],
                              "户主姓名": chosen["head_name"], "人数": chosen["household_size"],
                              "现行月补助（元）": chosen["before_monthly"], "拟定月补助（元）": chosen["after_monthly"]})
        if why:
            frame[why[1]] = chosen[why[0]]
        caption = f"{title}：{len(frame)}户（内部使用，不含身份证号）"
        if len(frame) > LIST_LIMIT:
            caption += f"，这里列出前{LIST_LIMIT}户；完整名单用命令行 python -m calculators compare 导出"
        tables.append(charts.table_html(money_frame(frame.head(LIST_LIMIT)), (), False, caption))
    return tables


# -- the proposal and its floors, in words --------------------------------------------------------

def proposal_html(c: Comparison) -> str:
    """The current file, the proposal and the change record ``propose_policy`` wrote."""
    base, new = c.before_policy, c.after_policy
    monthly = new.dibao.standard_annual / MONTHS_PER_YEAR
    items = [f"现行：{base.name}（{base.id}），低保标准{yuan(base.dibao.standard_annual)}/人·年",
             f"拟定：{yuan(new.dibao.standard_annual)}/人·年（每人每月{yuan(monthly)}），"
             f"自{new.valid_from.isoformat()}起", *new.changes[1:]]
    return ('<ul class="doudi-proposal" style="font-size:17px;line-height:1.7;margin:4px 0 10px">'
            + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")


def floors_html(policy: Policy, consumption, public=False) -> str:
    """The 40% / 80% floor checks of the proposal, or how to get them."""
    if not consumption:
        how = "见手册“调整标准：核对下限，测算影响”一章" if public else "填写上年全州（市）农村居民人均消费支出即可核对"
        return ('<p class="doudi-floors" style="font-size:16px">低保标准不低于上年农村居民人均消费支出的40%、'
                f'特困供养标准不低于其80%（文件000 一（四）5、一（五）5）：{how}。</p>')
    rows = []
    for check in floor_checks(policy, consumption):
        f = check.check
        rows.append({"项目": check.label, "拟定标准（元/人·年）": yuan(f.proposed_annual)[:-1],
                     "下限（元/人·年）": f"{yuan(f.minimum_annual)[:-1]}（{float(f.share) * 100:.0f}%）",
                     "是否达到": "达到" if f.ok else "未达到"})
    caption = f"下限核对：上年农村居民人均消费支出{yuan(Decimal(consumption))}"
    return '<div class="doudi-floors">' + charts.table_html(pd.DataFrame(rows), (), False, caption) + "</div>"


# -- the public (static) rendering ------------------------------------------------------------------

def static_html(b: Baseline, standard, tiers=None, consumption=None) -> str:
    c = b.compare(standard, tiers)
    return proposal_html(c) + floors_html(c.after_policy, consumption, public=True) + charts.static_html(
        standard_page(b, standard, tiers, public=True), public=True)


# -- the staff dashboard (Voila) ----------------------------------------------------------------------

def fitted(chart):
    """A staff chart as wide as the page shows it (a projector, a laptop or a phone), not wider: its
    title is drawn above it as text (``chart_heading``), its legend in two columns."""
    alt = charts._alt()
    chart = chart.copy()
    chart.title = alt.Undefined
    drawn = charts.styled(chart).properties(width="container")
    drawn.config.legend.columns = 2
    return drawn


HEADING_STYLE = ('<style>.doudi-chart-title{font-size:22px;font-weight:700;margin:18px 0 4px;line-height:1.4}'
                 '.doudi-chart-subtitle{display:block;font-size:16px;font-weight:400;color:#444}</style>')


def _wrapping(width="100%"):
    """A field's layout: its label beside the box, or above it when the screen is too narrow (a phone)."""
    import ipywidgets as w
    return w.Layout(width=width, max_width="520px", flex_flow="row wrap")


def _int_box(description, value, low, high, width="100%"):
    import ipywidgets as w
    return w.BoundedIntText(value=value, min=low, max=high, description=description, continuous_update=False,
                            style={"description_width": "initial"}, layout=_wrapping(width))


class StandardDashboard:
    """Inputs (current file, proposed standard, tier table, last year's consumption) and the page of
    the proposal, redrawn when an input changes (a typed figure counts when Enter is pressed or the
    box is left; the slider when it is let go)."""

    def __init__(self, path=None, policy=None):
        import ipywidgets as w
        alt = charts._alt()
        charts.enable_offline_charts()
        self.path = path
        self.busy = False
        choices = [p for p in list_policies() if p.dibao.payment.method in ("gap", "income_tiers")]
        policy = load_policy(policy)
        self.base = w.Dropdown(options=[(f"{p.name}（{p.id}）", p.id) for p in choices], value=policy.id,
                               description="现行参数文件", style={"description_width": "initial"},
                               layout=_wrapping())
        self.slider = w.IntSlider(step=10, readout=False, continuous_update=False,
                                  layout=w.Layout(width="100%", max_width="480px"))
        self.standard = _int_box("拟定低保标准（元/人·年）", 1, 1, 10 ** 6)
        w.jslink((self.slider, "value"), (self.standard, "value"))
        self.consumption = _int_box("上年农村居民人均消费支出（元/人·年，可不填）", 0, 0, 10 ** 6)
        self.scale = w.Checkbox(value=True, description="档次随标准同比例调整（取整到元）", indent=False)
        self.tiers = w.VBox([])
        self.tier_boxes = []
        self.status = w.HTML()
        self.intro = w.HTML()
        self.figures = w.HTML()
        self.note = w.HTML()
        self.tables = w.HTML()
        for box, name in ((self.base, "base"), (self.standard, "standard"), (self.consumption, "consumption"),
                          (self.scale, "scale"), (self.slider, "slider")):
            box.add_class(f"doudi-input-{name}")
        self._use_base(policy.id)
        page = self._page()
        self.charts = [alt.JupyterChart(fitted(c), embed_options={"renderer": "svg", "actions": False})
                       for c in page.charts]
        self.headings = [w.HTML() for _ in page.charts]
        self._show(page)
        self.base.observe(self._base_changed, names="value")
        for box in (self.standard, self.consumption, self.scale):
            box.observe(self._changed, names="value")
        inputs = w.VBox([self.base, self.standard, self.slider, self.consumption, self.scale, self.tiers, self.status])
        drawn = [item for pair in zip(self.headings, self.charts) for item in pair]
        self.widget = w.VBox([inputs, self.intro, self.figures, self.note, *drawn, self.tables])
        self.widget.add_class("doudi-dashboard")
        self.widget.add_class("doudi-standard")

    # inputs

    def _use_base(self, policy_id):
        self.baseline = baseline(self.path, policy_id)
        current = self.baseline.policy.dibao.standard_annual
        low, high = int(current * Decimal("0.6")) // 10 * 10, int(current * 2) // 10 * 10
        self.busy = True
        self.slider.min, self.slider.max = 0, high
        self.slider.min = low
        self.standard.value = first_standard(self.baseline.policy)
        self.slider.value = self.standard.value
        self.scale.value = True
        self._tier_rows(self.baseline.policy)
        self.busy = False

    def _tier_rows(self, policy):
        import ipywidgets as w
        tiers = policy.dibao.payment.tiers if policy.dibao.payment.method == "income_tiers" else ()
        self.tier_boxes = []
        rows = []
        for n, tier in enumerate(tiers, start=1):
            edge = None if tier.up_to is None else _int_box(f"第{n}档：月人均收入不超过（元）", 0, 0, 10 ** 6, "auto")
            amount = _int_box("每人每月补助（元）", 0, 0, 10 ** 6, "auto")
            for box in (edge, amount):
                if box is not None:
                    box.disabled = True
                    box.add_class("doudi-input-tier")
                    box.observe(self._changed, names="value")
            self.tier_boxes.append((edge, amount))
            first = edge if edge is not None else w.HTML(f"第{n}档：月人均收入高于上一档")
            rows.append(w.HBox([first, amount], layout=w.Layout(flex_flow="row wrap")))
        self.scale.layout.display = None if tiers else "none"
        self.tiers.children = rows

    def _typed_tiers(self):
        if not self.tier_boxes or self.scale.value:
            return None
        return tuple((None if edge is None else edge.value, amount.value) for edge, amount in self.tier_boxes)

    def _show_tiers(self, policy):
        """The tier table in force in the proposal (scaled, or as typed), in the boxes."""
        for (edge, amount), tier in zip(self.tier_boxes, policy.dibao.payment.tiers):
            if edge is not None:
                edge.value = int(tier.up_to)
                edge.disabled = self.scale.value
            amount.value = int(tier.amount)
            amount.disabled = self.scale.value

    # drawing

    def _page(self):
        standard, tiers = self.standard.value, self._typed_tiers()
        started = time.perf_counter()
        c = self.baseline.compare(standard, tiers)
        page = standard_page(self.baseline, standard, tiers, public=False)
        self.intro.value = proposal_html(c) + floors_html(c.after_policy, self.consumption.value)
        if self.tier_boxes:
            self.busy = True
            self._show_tiers(c.after_policy)
            self.busy = False
        self.seconds = time.perf_counter() - started
        return page

    def _show(self, page):
        self.figures.value = charts.figures_html(page.figures, False)
        self.note.value = f'<p style="font-size:16px">{html.escape(page.note)}</p>'
        for heading, live, chart in zip(self.headings, self.charts, page.charts):
            heading.value = HEADING_STYLE + charts.chart_heading(chart)
            live.chart = fitted(chart)
        self.tables.value = "\n".join(page.tables)
        self.status.value = (f'<p class="doudi-status" data-seconds="{self.seconds:.3f}" style="font-size:15px;'
                             f'color:#555;margin:2px 0">已按拟定标准{self.standard.value}元/人·年测算'
                             f'（{len(self.baseline.before.households)}户，用时{self.seconds:.1f}秒）</p>')

    def refresh(self):
        try:
            page = self._page()
        except InputError as error:
            self.status.value = (f'<p class="doudi-status doudi-error" style="font-size:16px;color:#b00020">'
                                 f'{html.escape(str(error))}（下面仍是上一次的测算）</p>')
            return
        self._show(page)

    def _changed(self, change):
        if not self.busy:
            self.refresh()

    def _base_changed(self, change):
        self.status.value = '<p class="doudi-status" style="font-size:15px">正在按所选参数文件筛查名册……</p>'
        self._use_base(change["new"])
        self.refresh()


def standard_dashboard(path=None, policy=None):
    """The dashboard: static public HTML in the handbook, the live staff one under Voila."""
    if charts.is_public():
        from IPython.display import HTML, display
        b = baseline(path, policy)
        return display(HTML(static_html(b, first_standard(b.policy))))
    return StandardDashboard(path, policy).widget
