"""Dashboards over a roster and the published national statistics: aggregation, suppression, Altair charts.

Nothing here decides who is eligible or left behind: every such fact comes from the screening of
``calculators.roster`` (which calls ``calculators.assess`` for each household). This module only
counts, bands amounts for display, suppresses small counts and draws.

Two renderings of the same dashboards:

* public (the handbook, the default): aggregates only; any count from 1 to 4 is shown as "<5";
  charts are static SVG made offline by vl-convert, so the page loads nothing from a CDN;
* staff (Voila, ``DOUDI_DASHBOARD=staff``, set by ``scripts/dashboards.sh``): exact counts, filters,
  charts drawn by ``alt.JupyterChart`` in offline mode; never an ID number.
"""
from __future__ import annotations

import html
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from . import load_policy
from .roster.cli import import_roster
from .roster.columns import KEY
from .roster.report import build_reports, left_behind_status
from .roster.screen import CATEGORY_NAMES, screen

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ROSTER = ROOT / "data" / "roster" / "sample.csv"
NATIONAL_STATS = ROOT / "data" / "national" / "national_stats.csv"

ALL = "全部"
SMALL = "<5"
FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
CATEGORIES = CATEGORY_NAMES      # left-behind categories: child -> 儿童 …
# Display bands of the monthly amount paid (presentation only: not a policy figure).
AMOUNT_BANDS = [(0, 200), (200, 400), (400, 600), (600, 800), (800, None)]


# -- privacy -----------------------------------------------------------------------------------

def is_public() -> bool:
    """Public rendering unless the staff server says otherwise (safe by default)."""
    return os.environ.get("DOUDI_DASHBOARD", "public") != "staff"


HIDDEN = "×"
HIDDEN_NOTE = ("“<5”表示0至4；“×”表示为防止由合计或其他表格推算出小于5的数而不公布的数"
               "（统计部门的“补充隐藏”做法）。")
BIG = 10 ** 9       # no count on a page is larger


@dataclass(frozen=True)
class Hidden:
    """A count a public page does not state: ``<5`` (it is 0 to 4: counts 1 to 4, and the zeros of any sum
    holding one, so that a reader cannot tell which are 0) or ``×`` (it is 5 or more, hidden so that no
    total, margin or other table on the page gives a ``<5`` back)."""
    label: str
    low: int
    high: int


PRIMARY = Hidden(SMALL, 0, 4)
SECONDARY = Hidden(HIDDEN, 5, BIG)
UNPUBLISHED = Hidden("", 0, BIG)      # a sum the page implies but never states (no secret to keep)


def suppress(count) -> str:
    """A count as shown on a public page: 1 to 4 become "<5"; a hidden count shows its mark."""
    if isinstance(count, Hidden):
        return count.label
    n = int(count)
    return SMALL if 1 <= n <= 4 else str(n)


def shown(count, public: bool) -> str:
    return suppress(count) if public or isinstance(count, Hidden) else str(int(count))


@dataclass
class Counts:
    """The counts one page publishes, each by a reference, and the sums that tie them together
    (``total = part + part + …``, across tables and figures): what a reader could add up."""
    values: dict = field(default_factory=dict)     # reference -> count
    sums: list = field(default_factory=list)       # (total reference, [part references])

    def column(self, table: str, frame: pd.DataFrame, column: str, key="地区") -> list:
        refs = [(table, str(k), column) for k in frame[key]]
        self.values.update({r: int(v) for r, v in zip(refs, frame[column])})
        return refs

    def figure(self, key: str, value) -> tuple:
        self.values[("figure", key)] = int(value)
        return ("figure", key)

    def column_sums(self, table: str, frame: pd.DataFrame, columns_to_figures: dict, key="地区") -> None:
        for column, figure in columns_to_figures.items():
            self.sums.append((("figure", figure), self.column(table, frame, column, key)))

    def unstated(self, name: str, value) -> tuple:
        """A sum the page implies (two tables adding up to the same thing) without stating it."""
        self.values[("unstated", name)] = int(value)
        return ("unstated", name)


def _implied(total, parts, counts: Counts, hidden: dict) -> dict:
    """For each hidden cell of one sum, the range the other cells of that sum leave it (an unstated
    total counts as known as far as its other sums tell it)."""
    def low(r):
        return _range(r, counts, hidden)[0]

    def high(r):
        return _range(r, counts, hidden)[1]

    ranges = {}
    for ref in [total] + parts:
        if ref not in hidden:
            continue
        others = [p for p in parts if p != ref]
        if ref == total:
            ranges[ref] = (sum(low(p) for p in parts), sum(high(p) for p in parts))
        else:
            ranges[ref] = (low(total) - sum(high(p) for p in others), high(total) - sum(low(p) for p in others))
    return ranges


def _range(ref, counts: Counts, hidden: dict) -> tuple:
    if ref not in hidden:
        return counts.values[ref], counts.values[ref]
    if hidden[ref] is not UNPUBLISHED:
        return hidden[ref].low, hidden[ref].high
    low, high = 0, BIG
    for total, parts in counts.sums:
        if total == ref:
            spans = [_range(p, counts, hidden) for p in parts]
            low, high = max(low, sum(s[0] for s in spans)), min(high, sum(s[1] for s in spans))
    return low, high


def _exposed(ref, span, hidden) -> bool:
    """A "<5" must keep its whole range 0–4; an "×" must not be pinned to one value."""
    if hidden[ref] is UNPUBLISHED:
        return False
    low, high = max(span[0], hidden[ref].low), min(span[1], hidden[ref].high)
    if hidden[ref] is PRIMARY:
        return low > 0 or high < 4
    return low >= high


def protect(counts: Counts) -> dict:
    """Primary and complementary suppression: counts 1–4 are hidden, and with them the zeros of every sum
    that holds one (else "the other parts are 0" would give it back); then, while some sum would give a
    hidden count back (or narrow a "<5" below 0–4), one more count of that sum is hidden: its smallest
    part of 5 or more, else its total. Returns each reference's count, or its ``Hidden`` mark."""
    hidden = {r: UNPUBLISHED for r in counts.values if r[0] == "unstated"}
    hidden.update({r: PRIMARY for r, v in counts.values.items() if 1 <= v <= 4 and r not in hidden})
    changed = True
    while changed:
        changed = False
        for total, parts in counts.sums:
            if any(hidden.get(r) is PRIMARY for r in [total] + parts):
                zeros = [r for r in [total] + parts if r not in hidden and counts.values[r] == 0]
                hidden.update({r: PRIMARY for r in zeros})
                changed = changed or bool(zeros)
            spans = _implied(total, parts, counts, hidden)
            if not any(_exposed(r, s, hidden) for r, s in spans.items()):
                continue
            candidates = sorted((counts.values[p], p) for p in parts if p not in hidden and counts.values[p] >= 5)
            if candidates:
                hidden[candidates[0][1]] = SECONDARY
            elif total not in hidden and counts.values[total] >= 5 and total[0] != "unstated":
                hidden[total] = SECONDARY
            else:
                continue            # nothing left to hide in this sum
            changed = True
    return {r: hidden.get(r, v) for r, v in counts.values.items() if r[0] != "unstated"}


def secondary_note(published: dict) -> str:
    return HIDDEN_NOTE if any(v is SECONDARY for v in published.values()) else ""


def protected_figures(figures: list, published: dict) -> list:
    return [(key, label, published.get(("figure", key), value), unit) for key, label, value, unit in figures]


def protected_frame(frame: pd.DataFrame, table: str, columns, published: dict, key="地区") -> pd.DataFrame:
    """A copy of a table whose hidden counts are ``Hidden`` marks (rendered as "<5" or "×", drawn as no bar)."""
    out = frame.copy()
    for column in columns:
        out[column] = [published.get((table, str(k), column), v) for k, v in zip(frame[key], frame[column])]
    return out


def _number(value) -> int:
    return value.low if isinstance(value, Hidden) else int(value)


def suppress_frame(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """A copy with the count columns as text, 1 to 4 replaced by "<5"."""
    out = frame.copy()
    for c in columns:
        out[c] = out[c].map(suppress)
    return out


def bar_lengths(counts, public: bool) -> list:
    """How long each bar is drawn: a hidden count, or on a public page a count from 1 to 4, draws no bar."""
    return [None if isinstance(v, Hidden) or (public and 1 <= int(v) <= 4) else int(v) for v in counts]


def nothing_to_draw(lengths) -> dict:
    """Chart metadata marking a chart whose bars are all zero or suppressed (``chart_html`` says so in words)."""
    return {"doudi_nothing_to_draw": not any(v for v in lengths if v is not None)}


# -- roster view --------------------------------------------------------------------------------

@dataclass
class RosterView:
    """A screened roster: households (engine results + enrolment), left-behind people with ledger status."""
    path: Path
    policy: object
    reference_date: date
    households: pd.DataFrame
    left_behind: pd.DataFrame
    reports: dict

    @property
    def townships(self) -> list:
        return sorted(self.households["township"].unique())

    def villages(self, township: str | None) -> list:
        h = self.households
        if township and township != ALL:
            h = h[h["township"] == township]
        return sorted(h["village"].unique())

    def months(self) -> list:
        """The twelve months of the statistics year, as YYYY-MM (the month filter)."""
        y = self.reference_date.year
        return [f"{y}-{m:02d}" for m in range(1, self.reference_date.month + 1)]


def roster_path() -> Path:
    return Path(os.environ.get("DOUDI_ROSTER", SAMPLE_ROSTER))


def load_roster(path=None, policy=None) -> RosterView:
    path = Path(path or roster_path()).resolve()
    return _load(str(path), path.stat().st_mtime, policy)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float, policy_id) -> RosterView:
    policy = load_policy(policy_id)
    validated = import_roster(path, policy=policy)
    result = screen(validated.frame, policy, show_progress=False)
    if len(result.engine_issues):
        validated.reject_households(result.rejected_keys, result.engine_issues)
    reports = build_reports(result, validated, policy)
    heads = validated.frame[validated.frame["与户主关系"] == "户主"].set_index(KEY)
    h = result.households.copy()
    h["enrolled_on"] = pd.to_datetime(h[KEY].map(heads["纳入日期"]), errors="coerce")
    h["tekun_mode"] = h[KEY].map(heads["特困供养方式"]).fillna("")
    h["paid"] = [float(v) if v is not None else 0.0 for v in h["paid_monthly"]]
    h["key_aid"] = [float(v) if v is not None else 0.0 for v in h["key_aid_monthly"]]
    people = left_behind_status(result.left_behind, policy, validated.reference_date)
    return RosterView(Path(path), policy, validated.reference_date, h, people, reports)


def _month_end(month: str | None) -> pd.Timestamp | None:
    if not month:
        return None
    return pd.Period(month, "M").end_time.normalize()


def _area(frame: pd.DataFrame, township: str | None, village: str | None):
    """Rows of the chosen area and the level to group by (township for the county, village below)."""
    if township and township != ALL:
        frame = frame[frame["township"] == township]
        if village and village != ALL:
            frame = frame[frame["village"] == village]
        return frame, "village"
    return frame, "township"


# -- aggregations --------------------------------------------------------------------------------

def amount_band(amount: float) -> str:
    for low, high in AMOUNT_BANDS:
        if high is None and amount >= low:
            return f"{low}元以上"
        if low <= amount < high:
            return f"{low}–{high}元"
    return "未填"


def caseload(view: RosterView, township=None, village=None, month=None) -> dict:
    """低保 and 特困 caseload of an area at the end of a month (households enrolled by then)."""
    h, level = _area(view.households, township, village)
    end = _month_end(month)
    if end is not None:
        h = h[h["enrolled_on"].isna() | (h["enrolled_on"] <= end)]
    dibao = h[h["enrolment"] == "dibao"]
    tekun = h[h["enrolment"] == "tekun"]
    areas = sorted(set(_area(view.households, township, village)[0][level]))
    by_area = pd.DataFrame({
        "地区": areas,
        "低保户数": [int((dibao[level] == a).sum()) for a in areas],
        "低保人数": [int(dibao.loc[dibao[level] == a, "household_size"].sum()) for a in areas],
        "特困人数": [int(tekun.loc[tekun[level] == a, "size_rows"].sum()) for a in areas],
    })
    band_names = [amount_band(lo) for lo, _ in AMOUNT_BANDS]
    bands = dibao["paid"].map(amount_band).value_counts()
    by_band = pd.DataFrame({"金额段": band_names, "户数": [int(bands.get(b, 0)) for b in band_names]})
    months = view.months()
    all_h, _ = _area(view.households, township, village)
    outlay = []
    for m in months:
        e = _month_end(m)
        live = all_h[(all_h["enrolment"] != "none") & (all_h["enrolled_on"].isna() | (all_h["enrolled_on"] <= e))]
        for kind, name in (("dibao", "低保"), ("tekun", "特困")):
            outlay.append({"月份": m, "类别": name, "金额": float(live.loc[live["enrolment"] == kind, "paid"].sum())})
    figures = {
        "dibao_households": len(dibao),
        "dibao_persons": int(dibao["household_size"].sum()),
        "key_aid_households": int((dibao["key_aid"] > 0).sum()),
        "single_application": int((dibao["dibao_mode"] == "单人保").sum()),
        "tekun_persons": int(tekun["size_rows"].sum()),
        "tekun_centralised": int(tekun.loc[tekun["tekun_mode"] == "集中", "size_rows"].sum()),
        "tekun_dispersed": int(tekun.loc[tekun["tekun_mode"] != "集中", "size_rows"].sum()),
        "outlay_dibao": float(dibao["paid"].sum()),
        "outlay_tekun": float(tekun["paid"].sum()),
    }
    return {"level": level, "by_area": by_area, "by_band": by_band, "outlay": pd.DataFrame(outlay),
            "figures": figures}


def left_behind_counts(view: RosterView, township=None, village=None) -> dict:
    """Left-behind people (as the engine classifies them) by area and category, and ledger follow-up."""
    p, level = _area(view.left_behind, township, village)
    areas = sorted(set(_area(view.households, township, village)[0][level]))
    people = pd.crosstab(p[level], p["category"]).reindex(index=areas, columns=list(CATEGORIES), fill_value=0)
    by_area = pd.DataFrame({"地区": areas, **{name: [int(n) for n in people[cat]] for cat, name in CATEGORIES.items()}})
    flags = {"未入台账": "not_in_ledger", "村级走访逾期": "visit_overdue", "乡镇核查逾期": "check_overdue"}
    flagged = p.groupby(level)[list(flags.values())].sum().reindex(areas, fill_value=0)
    overdue = pd.DataFrame({"地区": areas, **{name: [int(n) for n in flagged[col]] for name, col in flags.items()}})
    checks = pd.to_datetime(p["last_township_check"].replace("", None), errors="coerce")
    quarters = checks.dt.to_period("Q").astype(str).where(checks.notna(), "无记录")
    q = quarters.value_counts()
    by_quarter = pd.DataFrame({"季度": sorted(q.index), "人数": [int(q[k]) for k in sorted(q.index)]})
    figures = {"children": int((p["category"] == "child").sum()), "elderly": int((p["category"] == "elderly").sum()),
               "women": int((p["category"] == "woman").sum()), "total": len(p),
               "not_in_ledger": int(p["not_in_ledger"].sum()), "visit_overdue": int(p["visit_overdue"].sum()),
               "check_overdue": int(p["check_overdue"].sum())}
    return {"level": level, "by_area": by_area, "overdue": overdue, "by_quarter": by_quarter, "figures": figures}


def coverage(view: RosterView, township=None) -> dict:
    """应保未保, 保而不应 and 特困候选 by area, with reasons (the screening reports, counted)."""
    r = view.reports
    level = "村" if township and township != ALL else "乡镇"
    frames = {"应保未保": r["应保未保"], "保而不应": r["保而不应"], "特困候选": r["特困候选"]}
    if level == "村":
        frames = {k: v[v["乡镇"] == township] for k, v in frames.items()}
    areas = view.villages(township) if level == "村" else view.townships
    by_area = pd.DataFrame({"地区": areas})
    for name, f in frames.items():
        by_area[name] = [int((f[level] == a).sum()) for a in areas]
    reasons = frames["保而不应"]["不符合的条件"].str.split("；").explode().str.strip()
    reasons = reasons[reasons != ""].value_counts()
    reason_table = pd.DataFrame({"不符合的条件": list(reasons.index), "户数": [int(v) for v in reasons]})
    figures = {k: len(v) for k, v in frames.items()}
    lists = {k: v[["户编号", "乡镇", "村", "户主姓名"]] for k, v in frames.items()}
    if len(frames["保而不应"]):
        lists["保而不应"] = frames["保而不应"][["户编号", "乡镇", "村", "户主姓名", "不符合的条件"]]
    return {"level": level, "by_area": by_area, "reasons": reason_table, "figures": figures, "lists": lists}


# -- national statistics ------------------------------------------------------------------------

def national() -> pd.DataFrame:
    """The published figures we chart (data/national/national_stats.csv), one row per figure."""
    return pd.read_csv(NATIONAL_STATS, dtype={"year": int, "value": float})


# -- charts -------------------------------------------------------------------------------------

def _alt():
    _skip_iri_format_checks()
    import altair as alt
    return alt


def _skip_iri_format_checks() -> None:
    # jsonschema, which altair imports, imports rfc3987_syntax when it is installed (jupyter-events
    # asks for jsonschema[format-nongpl]) to check the "iri" formats; that import compiles a grammar
    # for about 1.3 s, in every new kernel (python-jsonschema/jsonschema#1521 measures 2.2 s). Vega-Lite's schema
    # has no "iri" format. A None entry in sys.modules makes that import fail, and jsonschema then
    # leaves the two "iri" formats unchecked.
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


# Total width of a chart, axes and legends included: the handbook's text column (688 px when the
# window is 1280 px wide) and a phone (390 px wide, less the page margins).
WIDE = 680
NARROW = 340


def styled(chart, width=WIDE):
    """Projector-readable (large CJK font), the whole chart exactly ``width`` px wide."""
    alt = _alt()
    narrow = width < 500
    label, heading, marks = (14, 15, 13) if narrow else (17, 18, 15)
    config = alt.Config(
        font=FONT,
        title=alt.TitleConfig(fontSize=24, anchor="start", font=FONT, subtitleFontSize=label, subtitleFont=FONT,
                              subtitleColor="#444"),
        axis=alt.AxisConfig(labelFontSize=label, titleFontSize=heading, labelFont=FONT, titleFont=FONT,
                            labelLimit=260),
        # on a phone a row of three legend entries is wider than the chart: two per row
        legend=alt.LegendConfig(labelFontSize=label, titleFontSize=heading, labelFont=FONT, titleFont=FONT,
                                labelLimit=320, columns=2 if narrow else 0),
        text=alt.MarkConfig(fontSize=marks),
        view=alt.ViewConfig(strokeWidth=0))
    # one properties() call: each configure_*() would copy the whole chart again, for every chart
    # at every filter change
    return chart.properties(width=width, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
                            config=config)


def count_axis(values, title):
    """A count axis: whole numbers only, from 0 to at least 5 (so "<5" labels sit on a real scale)."""
    alt = _alt()
    top = max([5] + [v for v in values if v is not None and v == v])
    return dict(title=title, scale=alt.Scale(domain=[0, top], nice=True),
                axis=alt.Axis(tickMinStep=1, format="d", tickCount=5))


def grouped_bars(frame: pd.DataFrame, columns: list, title: str, public: bool, value_title="数量",
                 colors=None, label=None) -> object:
    """Horizontal bars by area, one bar per measure, each labelled with its (suppressed) value.

    ``label`` writes the bar labels of measures that are not counts (amounts: ``money_label``);
    such a chart is drawn with ``public=False``, as there is no count in it to suppress."""
    alt = _alt()
    if len(frame) > 10:   # many villages: leave out those with nothing to show (the table lists them all)
        kept = frame[frame[columns].map(_number).sum(axis=1) > 0]
        if len(kept):
            frame = kept
            title = alt.TitleParams(title, subtitle="不显示全为0的地区（表中列出全部）")
    long = frame.melt(id_vars="地区", value_vars=columns, var_name="指标", value_name="数值")
    long["标注"] = [label(v) if label else shown(v, public) for v in long["数值"]]
    lengths = long["数值"] = bar_lengths(long["数值"], public)
    long["标注位置"] = long["数值"].fillna(0)
    order = list(frame["地区"])
    scale = alt.Scale(domain=columns, range=colors) if colors else alt.Scale(domain=columns)
    x = count_axis(list(long["数值"]), value_title)
    base = alt.Chart(long).encode(
        y=alt.Y("地区:N", sort=order, title=None),
        yOffset=alt.YOffset("指标:N", sort=columns),
        tooltip=[alt.Tooltip("地区:N", title="地区"), alt.Tooltip("指标:N", title="指标"),
                 alt.Tooltip("标注:N", title=value_title)],
    )
    bars = base.mark_bar().encode(x=alt.X("数值:Q", **x),
                                  color=alt.Color("指标:N", scale=scale, sort=columns, title=None,
                                                  legend=alt.Legend(orient="top")))
    labels = base.mark_text(align="left", dx=4).encode(x=alt.X("标注位置:Q", **x), text="标注:N")
    height = max(160, 26 * len(columns) * len(order))
    return (bars + labels).properties(title=title, height=height, usermeta=nothing_to_draw(lengths))


def money_label(amount) -> str:
    """An amount of yuan as a bar label: 25,333元."""
    return f"{float(amount):,.0f}元"


def simple_bars(frame: pd.DataFrame, category: str, value: str, title: str, public: bool, value_title="数量",
                color="#3b6ea5", sort=None):
    alt = _alt()
    data = frame.copy()
    data["标注"] = [shown(v, public) for v in data[value]]
    lengths = data[value] = bar_lengths(data[value], public)
    data["标注位置"] = data[value].fillna(0)
    x = count_axis(list(data[value]), value_title)
    base = alt.Chart(data).encode(y=alt.Y(f"{category}:N", sort=sort or list(data[category]), title=None),
                                  tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip("标注:N", title=value_title)])
    bars = base.mark_bar(color=color).encode(x=alt.X(f"{value}:Q", **x))
    labels = base.mark_text(align="left", dx=4).encode(x=alt.X("标注位置:Q", **x), text="标注:N")
    return (bars + labels).properties(title=title, height=max(140, 34 * len(data)),
                                      usermeta=nothing_to_draw(lengths))


def outlay_line(frame: pd.DataFrame, title: str):
    alt = _alt()
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=3).encode(
        x=alt.X("月份:O", title="月份", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("金额:Q", title="月支出（元）"),
        color=alt.Color("类别:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("月份:O"), alt.Tooltip("类别:N"), alt.Tooltip("金额:Q", format=",.0f", title="元")],
    ).properties(title=title, height=260)


def year_axis(years):
    """A year axis with a tick on each whole year (Vega would otherwise add 2016.5 and print it as 2017)."""
    alt = _alt()
    ticks = list(range(int(min(years)), int(max(years)) + 1))
    return alt.X("year:Q", title="年份", scale=alt.Scale(zero=False, nice=False, padding=16),
                 axis=alt.Axis(format="d", labelAngle=0, values=ticks))


def ends(years) -> list:
    """True for the first and the last of the years."""
    return [y in (min(years), max(years)) for y in years]


def national_chart(frame: pd.DataFrame, title: str, unit: str):
    """One indicator over the years: year-end bulletin figures joined, other readings as separate hollow points."""
    alt = _alt()
    year_end = frame[frame["kind"] == "年末公报"]
    other = frame[frame["kind"] != "年末公报"]
    tooltip = [alt.Tooltip("year:Q", title="年份", format="d"), alt.Tooltip("series:N", title="口径"),
               alt.Tooltip("value:Q", title=unit), alt.Tooltip("kind:N", title="类型"),
               alt.Tooltip("source_url:N", title="来源")]
    x = year_axis(frame["year"])
    y = alt.Y("value:Q", title=unit)
    palette = {"年末公报": "#1f5f9e", "发布会或会议读数": "#d9822b", "专项摸底排查": "#5a8f5a"}
    kinds = [k for k in palette if k in set(frame["kind"])]
    color = alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=[palette[k] for k in kinds]),
                      legend=alt.Legend(orient="top"))
    # year-end series first (circle, square), then the readings by year; the names are long: listed
    # one per line under the chart, not beside it
    series = list(dict.fromkeys([*year_end.sort_values("year")["series"], *other.sort_values("year")["series"]]))
    shape = alt.Shape("series:N", title=None, scale=alt.Scale(domain=series),
                      legend=alt.Legend(orient="bottom", direction="vertical", columns=1))
    layers = []
    if len(year_end):   # an empty layer gives Vega an empty domain and an infinitely large chart
        layers += [alt.Chart(year_end).mark_line(strokeWidth=3).encode(x=x, y=y, color=color, detail="series:N"),
                   alt.Chart(year_end).mark_point(filled=True, size=110).encode(
                       x=x, y=y, color=color, tooltip=tooltip, shape=shape),
                   alt.Chart(year_end.assign(ends=ends(year_end["year"]))).mark_text(dy=-14).encode(
                       x=x, y=y, text=alt.Text("value:Q", format=",.0f"),
                       # on a phone the labels would overlap: only the first and the last
                       opacity=alt.condition(f"width >= {WIDE // 2} || datum.ends", alt.value(1), alt.value(0)))]
    if len(other):
        layers.append(alt.Chart(other).mark_point(filled=False, size=160, strokeWidth=3).encode(
            x=x, y=y, color=color, tooltip=tooltip, shape=shape))
    return alt.layer(*layers).properties(title=title, height=300)


def payment_steps_chart(frame: pd.DataFrame, title: str, subtitle: str = ""):
    """Monthly payment against yearly income, one colour per path (whole household, applying
    alone, not eligible): the engine's answers at each income, drawn as steps."""
    alt = _alt()
    x = alt.X("income:Q", title="户主工资（元/年）", axis=alt.Axis(format="d", tickCount=6))
    y = alt.Y("payment:Q", title="每月低保金（元）", scale=alt.Scale(domainMin=0))
    color = alt.Color("path:N", title="发放方式", sort=list(dict.fromkeys(frame["path"])),
                      legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("income:Q", title="工资"), alt.Tooltip("payment:Q", title="每月"),
               alt.Tooltip("path:N", title="方式")]
    chart = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=3, point=True).encode(
        x=x, y=y, color=color, tooltip=tooltip, detail="segment:N")
    return chart.properties(title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title, height=280)


# -- rendering ----------------------------------------------------------------------------------

def to_svg(chart) -> str:
    """The chart as an inline SVG string, made offline (no script, no CDN)."""
    import vl_convert as vlc
    return vlc.vegalite_to_svg(chart.to_dict())


def figures_html(items: list, public: bool) -> str:
    """Numbers stated beside the charts: [(key, label, value, unit)] as large figures."""
    cells = []
    for key, label, value, unit in items:
        if isinstance(value, Hidden):
            text, raw = value.label, ""
        elif isinstance(value, float):     # an amount or a published statistic, not a roster count
            text = f"{value:,.0f}" if unit == "元" else f"{value:,.10g}"
            raw = f"{value:.2f}"
        else:
            text, raw = shown(value, public), str(int(value))
        attr = "" if public or not raw else f' data-value="{raw}"'
        cells.append(f'<div class="doudi-fig"><div class="doudi-fig-label">{html.escape(label)}</div>'
                     f'<div class="doudi-num" data-key="{key}"{attr}>{html.escape(text)}'
                     f'<span class="doudi-fig-unit">{html.escape(unit)}</span></div></div>')
    return ('<div class="doudi-figures" style="display:flex;flex-wrap:wrap;gap:12px 28px;margin:8px 0 16px">'
            + "".join(cells) + "</div>" + FIGURE_STYLE)


FIGURE_STYLE = """<style>
.doudi-fig-label{font-size:17px;color:#444}
.doudi-num{font-size:34px;font-weight:700;color:#1f3f6e;line-height:1.2}
.doudi-fig-unit{font-size:17px;font-weight:400;margin-left:4px;color:#444}
.doudi-table-wrap{max-width:100%;overflow-x:auto;margin:6px 0 18px}
.doudi-table{border-collapse:collapse;font-size:16px;margin:0}
.doudi-table th,.doudi-table td{border:1px solid #ccc;padding:4px 10px;text-align:left;white-space:nowrap}
.doudi-table a{color:#1f5f9e;text-decoration:underline}
.doudi-table-caption{font-size:17px;font-weight:700;margin:14px 0 4px}
</style>"""


def source_link(url: str) -> str:
    """A source address as a short link: the site's name, the whole address behind it."""
    host = urlparse(url).hostname or url
    return f'<a href="{html.escape(url)}" title="{html.escape(url)}">{html.escape(host)}</a>'


def table_html(frame: pd.DataFrame, counts=(), public=True, caption="", links=()) -> str:
    """A table (count columns suppressed on a public page; ``links`` columns hold addresses).

    Cells never wrap, so a Chinese name is never broken mid-word: a table wider than the page scrolls
    sideways in its own box.
    """
    data = suppress_frame(frame, counts) if public else frame.copy()
    for c in data.columns:
        data[c] = [source_link(v) if c in links else html.escape(str(v)) for v in data[c]]
    data.columns = [html.escape(str(c)) for c in data.columns]
    body = data.to_html(index=False, classes="doudi-table", border=0, escape=False)
    return ((f'<p class="doudi-table-caption">{html.escape(caption)}</p>' if caption else "")
            + f'<div class="doudi-table-wrap">{body}</div>')


def number_text(value: float) -> str:
    """A published figure as written: thousands separated, one decimal only when it has one."""
    return f"{value:,.1f}".removesuffix(".0")


# -- pages: what each dashboard shows for one selection ------------------------------------------

@dataclass
class Page:
    figures: list          # [(key, label, value, unit)]
    charts: list           # Altair charts (unstyled)
    tables: list           # HTML strings
    note: str = ""


def _where(township, village) -> str:
    if township and township != ALL:
        return township + ("" if not village or village == ALL else village)
    return "全县"


# Amounts paid are not published: 特困 support is a fixed sum per person, so its total divided by the
# standard gives back a count hidden as "<5"; and one month's total less the month before is what
# the few households enrolled that month are paid.
NO_AMOUNTS_NOTE = "公开版不列发放金额：特困供养按人定额，金额合计除以标准就能算出写作“<5”的人数；相邻两月之差就是当月新纳入几户的补助。金额见工作人员版。"


def caseload_page(view: RosterView, township=ALL, village=ALL, month=None, public=True) -> Page:
    month = month or view.months()[-1]
    c = caseload(view, township, village, month)
    f = c["figures"]
    where = _where(township, village)
    unit = "村" if c["level"] == "village" else "乡镇"
    figures = [("dibao_households", "低保户", f["dibao_households"], "户"),
               ("dibao_persons", "低保人数", f["dibao_persons"], "人"),
               ("key_aid_households", "享受重点救助", f["key_aid_households"], "户"),
               ("single_application", "单人保（重残等）", f["single_application"], "户"),
               ("tekun_persons", "特困供养", f["tekun_persons"], "人"),
               ("tekun_centralised", "其中集中供养", f["tekun_centralised"], "人"),
               ("tekun_dispersed", "其中分散供养", f["tekun_dispersed"], "人"),
               ("outlay", f"{month}月发放（低保+特困）", f["outlay_dibao"] + f["outlay_tekun"], "元")]
    note = ""
    if public:
        published = protect(caseload_counts(c))
        c = {**c, "by_area": protected_frame(c["by_area"], "by_area", ["低保户数", "低保人数", "特困人数"], published),
             "by_band": protected_frame(c["by_band"], "by_band", ["户数"], published, key="金额段")}
        figures = [f for f in protected_figures(figures, published) if f[0] != "outlay"]
        note = secondary_note(published) + NO_AMOUNTS_NOTE
    charts = [
        grouped_bars(c["by_area"], ["低保户数", "低保人数", "特困人数"], f"{where}：低保和特困（按{unit}，{month}月末）",
                     public, "户数 / 人数", ["#1f5f9e", "#6fa8dc", "#d9822b"]),
        simple_bars(c["by_band"], "金额段", "户数", f"{where}：低保户按月发放金额分段", public, "户数"),
    ]
    if not public:
        charts.append(outlay_line(c["outlay"], f"{where}：每月发放金额（元）"))
    tables = [table_html(c["by_area"].rename(columns={"地区": unit}), ["低保户数", "低保人数", "特困人数"], public,
                         f"{where}按{unit}的在保户数和人数（{month}月末）")]
    return Page(figures, charts, tables, note)


def caseload_counts(c: dict) -> Counts:
    """What the caseload page publishes and how it adds up: each area column to its figure, the amount
    bands to the households, the centralised and dispersed 特困 to their total."""
    counts = Counts()
    f = c["figures"]
    for key in ("dibao_households", "dibao_persons", "tekun_persons", "key_aid_households", "single_application",
                "tekun_centralised", "tekun_dispersed"):
        counts.figure(key, f[key])
    counts.column_sums("by_area", c["by_area"], {"低保户数": "dibao_households", "低保人数": "dibao_persons",
                                                 "特困人数": "tekun_persons"})
    counts.sums.append((("figure", "dibao_households"), counts.column("by_band", c["by_band"], "户数", key="金额段")))
    counts.sums.append((("figure", "tekun_persons"), [("figure", "tekun_centralised"), ("figure", "tekun_dispersed")]))
    return counts


def left_behind_page(view: RosterView, township=ALL, village=ALL, public=True) -> Page:
    c = left_behind_counts(view, township, village)
    f = c["figures"]
    where = _where(township, village)
    unit = "村" if c["level"] == "village" else "乡镇"
    rules = view.policy.left_behind
    figures = [("children", "留守儿童", f["children"], "人"), ("elderly", "留守老人", f["elderly"], "人"),
               ("women", "留守妇女", f["women"], "人"), ("not_in_ledger", "未入台账", f["not_in_ledger"], "人"),
               ("visit_overdue", f"村级走访逾期（>{rules.village_visit_days}天）", f["visit_overdue"], "人"),
               ("check_overdue", f"乡镇核查逾期（>{rules.township_check_days}天）", f["check_overdue"], "人")]
    hidden_note = ""
    if public:
        published = protect(left_behind_page_counts(c))
        c = {**c, "by_area": protected_frame(c["by_area"], "by_area", list(CATEGORIES.values()), published),
             "overdue": protected_frame(c["overdue"], "overdue", ["未入台账", "村级走访逾期", "乡镇核查逾期"], published),
             "by_quarter": protected_frame(c["by_quarter"], "by_quarter", ["人数"], published, key="季度")}
        figures, hidden_note = protected_figures(figures, published), secondary_note(published)
    charts = [
        grouped_bars(c["by_area"], list(CATEGORIES.values()), f"{where}：留守人员（按{unit}）", public, "人数",
                     ["#1f5f9e", "#8e6c8a", "#d9822b"]),
        grouped_bars(c["overdue"], ["未入台账", "村级走访逾期", "乡镇核查逾期"], f"{where}：主动发现情况（按{unit}）",
                     public, "人数", ["#999999", "#c0504d", "#e39b3a"]),
        simple_bars(c["by_quarter"], "季度", "人数", f"{where}：最近一次乡镇核查所在季度", public, "人数",
                    color="#5a8f5a", sort=list(c["by_quarter"]["季度"])),
    ]
    tables = [table_html(c["by_area"].rename(columns={"地区": unit}), list(CATEGORIES.values()), public,
                         f"{where}按{unit}的留守人员"),
              table_html(c["overdue"].rename(columns={"地区": unit}), ["未入台账", "村级走访逾期", "乡镇核查逾期"], public,
                         f"{where}按{unit}的台账与走访核查情况（统计日期 {view.reference_date}）")]
    note = ("留守人员按规则引擎对花名册的认定统计（不是台账登记数）。花名册是一个时点的快照，"
            "按季度的人数变化需要各季度的花名册；这里按季度统计的是最近一次乡镇核查的时间分布。" + hidden_note)
    return Page(figures, charts, tables, note)


def left_behind_page_counts(c: dict) -> Counts:
    """What the left-behind page publishes and how it adds up: each area column to its figure, and the
    quarters and the three categories to the same (unstated) number of left-behind people."""
    counts = Counts()
    f = c["figures"]
    figures = {"儿童": "children", "老人": "elderly", "妇女": "women"}
    for key in ("children", "elderly", "women", "not_in_ledger", "visit_overdue", "check_overdue"):
        counts.figure(key, f[key])
    counts.column_sums("by_area", c["by_area"], figures)
    counts.column_sums("overdue", c["overdue"], {"未入台账": "not_in_ledger", "村级走访逾期": "visit_overdue",
                                                 "乡镇核查逾期": "check_overdue"})
    total = counts.unstated("left_behind", f["total"])
    counts.sums.append((total, [("figure", key) for key in figures.values()]))
    counts.sums.append((total, counts.column("by_quarter", c["by_quarter"], "人数", key="季度")))
    return counts


def coverage_page(view: RosterView, township=ALL, public=True) -> Page:
    c = coverage(view, township)
    f = c["figures"]
    where = _where(township, None)
    unit = c["level"]
    figures = [("left_out", "应保未保", f["应保未保"], "户"), ("wrongly_in", "保而不应", f["保而不应"], "户"),
               ("tekun_candidates", "单人低保户符合特困条件", f["特困候选"], "户")]
    note = ""
    if public:
        published = protect(coverage_counts(c))
        c = {**c, "by_area": protected_frame(c["by_area"], "by_area", ["应保未保", "保而不应", "特困候选"], published),
             "reasons": protected_frame(c["reasons"], "reasons", ["户数"], published, key="不符合的条件")}
        figures, note = protected_figures(figures, published), secondary_note(published)
    charts = [grouped_bars(c["by_area"], ["应保未保", "保而不应", "特困候选"], f"{where}：覆盖核查（按{unit}）", public,
                           "户数", ["#c0504d", "#e39b3a", "#5a8f5a"])]
    tables = [table_html(c["by_area"].rename(columns={"地区": unit}), ["应保未保", "保而不应", "特困候选"], public,
                         f"{where}按{unit}的户数"),
              table_html(c["reasons"], ["户数"], public, "保而不应：引擎认定不符合的条件（一户可有多条）")]
    if not public:
        for name, frame in c["lists"].items():
            tables.append(table_html(frame, (), False, f"{name}名单（内部使用，不含身份证号）"))
    return Page(figures, charts, tables, note)


def coverage_counts(c: dict) -> Counts:
    """What the coverage page publishes and how it adds up: each area column to its figure (the reasons
    are counted per reason, a household may have several: no sum ties them)."""
    counts = Counts()
    for key, name in (("left_out", "应保未保"), ("wrongly_in", "保而不应"), ("tekun_candidates", "特困候选")):
        counts.figure(key, c["figures"][name])
    counts.column_sums("by_area", c["by_area"], {"应保未保": "left_out", "保而不应": "wrongly_in",
                                                 "特困候选": "tekun_candidates"})
    counts.column("reasons", c["reasons"], "户数", key="不符合的条件")
    return counts


NATIONAL_PANELS = [
    ("rural_dibao_persons", "全国农村低保人数", "万人"),
    ("rural_dibao_standard", "全国农村低保平均标准", "元/人·年"),
    ("rural_tekun_persons", "全国农村特困（五保）供养人数", "万人"),
    ("left_behind_children", "全国农村留守儿童（不满16周岁）", "万人"),
]


def national_page() -> Page:
    data = national()
    charts, tables = [], []
    for key, title, unit in NATIONAL_PANELS:
        part = data[data["panel"] == key].sort_values("year")
        charts.append(national_chart(part, title, unit))
        src = pd.DataFrame({"年份": part["year"], "数值": part["value"].map(number_text), "口径": part["series"],
                            "类型": part["kind"], "来源": part["source_url"]})
        tables.append(table_html(src, (), False, f"{title}（{unit}）：数据与来源", links=("来源",)))
    latest = data[(data["panel"] == "rural_dibao_persons") & (data["kind"] == "年末公报")].sort_values("year").iloc[-1]
    figures = [("rural_dibao_persons_latest", f"{latest['year']}年末农村低保", float(latest["value"]), "万人")]
    return Page(figures, charts, tables)


# -- rendering a page ---------------------------------------------------------------------------

def chart_html(chart) -> str:
    """A chart for a static page: its title as text, drawn twice (wide, and narrow for a phone screen).

    CHART_STYLE shows one of the two drawings; the title is HTML so that it wraps on a narrow screen.
    """
    alt = _alt()
    heading = f'<div class="doudi-chart">{chart_heading(chart)}'
    meta = chart.usermeta if chart.usermeta is not alt.Undefined else {}
    if meta.get("doudi_nothing_to_draw"):
        return heading + ('<p class="doudi-note">这里的数都是0或小于5：为保护个人信息，小于5的数只写作“&lt;5”，'
                          '不画图，详见下表。</p></div>')
    chart = chart.copy()
    chart.title = alt.Undefined
    return (heading +
            f'<div class="doudi-chart-wide">{to_svg(styled(chart, WIDE))}</div>'
            f'<div class="doudi-chart-narrow">{to_svg(styled(chart, NARROW))}</div></div>')


def chart_heading(chart) -> str:
    """A chart's title (and subtitle) as an HTML paragraph, which wraps on a narrow screen."""
    alt = _alt()
    title = chart.title
    if isinstance(title, alt.TitleParams):
        title = f'{html.escape(title.text)}<span class="doudi-chart-subtitle">{html.escape(title.subtitle)}</span>'
    else:
        title = html.escape(title)
    return f'<p class="doudi-chart-title">{title}</p>'


CHART_STYLE = f"""<style>
.doudi-chart{{margin:18px 0 8px}}
.doudi-chart-title{{font-size:22px;font-weight:700;margin:0 0 6px;line-height:1.4}}
.doudi-chart-subtitle{{display:block;font-size:16px;font-weight:400;color:#444}}
.doudi-chart svg{{max-width:100%;height:auto}}
.doudi-chart-narrow{{display:none}}
@media (max-width:{WIDE - 80}px){{.doudi-chart-wide{{display:none}}.doudi-chart-narrow{{display:block}}}}
</style>"""


def static_html(page: Page, public=True) -> str:
    parts = [figures_html(page.figures, public), CHART_STYLE]
    if page.note:
        parts.append(f'<p class="doudi-note">{html.escape(page.note)}</p>')
    parts.extend(chart_html(chart) for chart in page.charts)
    parts.extend(page.tables)
    return "\n".join(parts)


def show_static(page: Page) -> None:
    from IPython.display import HTML, display
    display(HTML(static_html(page, public=True)))


# -- offline charts in the browser (staff dashboards) ---------------------------------------------

# The Voila template of the dashboards serves this folder (``/voila/templates/doudi-dashboard/static/``).
# The offline Vega bundle is kept there so that a page imports it once by its address (and the browser
# caches it) rather than receiving it over the websocket once for every chart.
DASHBOARD_TEMPLATE = "doudi-dashboard"
OFFLINE_BUNDLES = ROOT / "voila" / "voila" / "templates" / DASHBOARD_TEMPLATE / "static"


def offline_bundle_path() -> Path:
    """Where the offline JupyterChart bundle of the installed altair and vl-convert versions is kept."""
    from importlib.metadata import version
    return OFFLINE_BUNDLES / f"jupyterchart-altair-{version('altair')}-vl-convert-{version('vl-convert-python')}.js"


def cache_offline_bundle() -> Path:
    """The bundle on disk, made now if it is not there yet (about 2 s; scripts/dashboards.sh runs this)."""
    path = offline_bundle_path()
    if not path.is_file():
        _save(path, _bundle_from_vl_convert())
    return path


def enable_offline_charts() -> None:
    """``alt.JupyterChart.enable_offline()``, without bundling the Vega JavaScript again in each kernel.

    enable_offline() has vl-convert bundle about 900 KB of JavaScript (about 2 s) every time a kernel
    starts, and every chart then sends the whole bundle to the browser. The bundle depends only on
    the altair and vl-convert versions, so it is made once and kept on disk. Under Voila each chart
    only carries a two-line module importing the bundle from the dashboards' template folder;
    elsewhere (Jupyter) the chart carries the bundle read from disk.
    """
    path = cache_offline_bundle()
    if not path.is_file():
        return   # a read-only folder: the bundle made in this kernel is used, as enable_offline() does
    base_url = os.environ.get("VOILA_BASE_URL")
    if base_url is None:
        _use_offline_bundle(path.read_text(encoding="utf-8"))
    else:
        _use_offline_bundle(bundle_import(base_url, path.name))


def bundle_import(base_url: str, name: str) -> str:
    """A module that imports the bundle from this Voila server (the browser loads it once per page)."""
    address = f"{base_url}voila/templates/{DASHBOARD_TEMPLATE}/static/{name}"
    return (f"const bundle = await import(new URL({json.dumps(address)}, location.href));\n"
            "export default bundle.default;\n")


# JupyterChart has no public way to hand over a ready bundle. These two functions are the only
# places that touch its private class attributes, the ones enable_offline() itself reads and sets
# (altair 6.3, altair/jupyter/jupyter_chart.py).

def _bundle_from_vl_convert() -> str:
    alt = _alt()
    alt.JupyterChart.enable_offline()
    return alt.JupyterChart._esm


def _use_offline_bundle(module_source: str) -> None:
    alt = _alt()
    alt.JupyterChart._esm = module_source
    alt.JupyterChart._is_offline = True


def _save(path: Path, text: str) -> None:
    """Write atomically (several kernels may start at once); a read-only folder is no error."""
    try:
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


class LiveDashboard:
    """Filters, stated numbers, offline Altair charts and tables, redrawn on each filter change."""

    def __init__(self, build, filters: dict):
        import ipywidgets as w
        alt = _alt()

        enable_offline_charts()
        self.build = build
        self.filters = filters
        page = build(**{k: d.value for k, d in filters.items()})
        self.figures = w.HTML(figures_html(page.figures, False))
        self.note = w.HTML(f'<p style="font-size:16px">{html.escape(page.note)}</p>' if page.note else "")
        self.charts = [alt.JupyterChart(styled(c), embed_options={"renderer": "svg", "actions": False})
                       for c in page.charts]
        self.tables = w.HTML("\n".join(page.tables))
        for d in filters.values():
            d.observe(self._changed, names="value")
        self.busy = False
        bar = w.HBox(list(filters.values()), layout=w.Layout(flex_flow="row wrap", gap="12px"))
        self.widget = w.VBox([bar, self.figures, self.note, *self.charts, self.tables])
        self.widget.add_class("doudi-dashboard")

    def _changed(self, change):
        if self.busy:
            return
        self.refresh()

    def refresh(self):
        page = self.build(**{k: d.value for k, d in self.filters.items()})
        self.figures.value = figures_html(page.figures, False)
        for live, chart in zip(self.charts, page.charts):
            live.chart = styled(chart)
        self.tables.value = "\n".join(page.tables)


def _dropdown(label, options, value):
    import ipywidgets as w
    d = w.Dropdown(options=options, value=value, description=label,
                   style={"description_width": "initial"}, layout=w.Layout(width="260px"))
    d.add_class("doudi-filter")
    return d


def _village_follows_township(dash: LiveDashboard, view: RosterView):
    town, village = dash.filters["township"], dash.filters["village"]

    def follow(change):
        dash.busy = True
        village.options = [ALL] + (view.villages(town.value) if town.value != ALL else [])
        village.value = ALL
        dash.busy = False
        dash.refresh()

    town.unobserve(dash._changed, names="value")
    town.observe(follow, names="value")


def caseload_dashboard(view: RosterView | None = None):
    """The caseload dashboard: static public HTML, or the live staff one under Voila."""
    view = view or load_roster()
    if is_public():
        return show_static(caseload_page(view))
    filters = {"township": _dropdown("乡镇", [ALL] + view.townships, ALL),
               "village": _dropdown("村", [ALL], ALL),
               "month": _dropdown("月份", view.months(), view.months()[-1])}
    dash = LiveDashboard(lambda **k: caseload_page(view, public=False, **k), filters)
    _village_follows_township(dash, view)
    return dash.widget


def left_behind_dashboard(view: RosterView | None = None):
    view = view or load_roster()
    if is_public():
        return show_static(left_behind_page(view))
    filters = {"township": _dropdown("乡镇", [ALL] + view.townships, ALL), "village": _dropdown("村", [ALL], ALL)}
    dash = LiveDashboard(lambda **k: left_behind_page(view, public=False, **k), filters)
    _village_follows_township(dash, view)
    return dash.widget


def coverage_dashboard(view: RosterView | None = None):
    view = view or load_roster()
    if is_public():
        return show_static(coverage_page(view))
    filters = {"township": _dropdown("乡镇", [ALL] + view.townships, ALL)}
    return LiveDashboard(lambda **k: coverage_page(view, public=False, **k), filters).widget


def national_dashboard():
    """Published figures only (no roster): the same static page in the handbook and in Voila."""
    page = national_page()
    if is_public():
        return show_static(page)
    import ipywidgets as w
    alt = _alt()
    enable_offline_charts()
    charts = [alt.JupyterChart(styled(c), embed_options={"renderer": "svg", "actions": False}) for c in page.charts]
    items = []
    for chart, table in zip(charts, page.tables):
        items += [chart, w.HTML(table)]
    return w.VBox([w.HTML(figures_html(page.figures, False)), *items])
