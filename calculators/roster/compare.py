"""Step 7 of the roster pipeline: one roster screened under two policy files, and the difference.

Each year the county publishes a new rural 低保 standard by the end of March, in force from 1 April
(文件000 一（四）5). Before it does, the officer asks what the proposal costs and whom it moves. This
module answers from one checked roster screened twice by the screening engine (``screen``): it
never decides eligibility or an amount itself, it only lines the two screenings up.

What "cost" counts: the monthly 低保 payment the screening computes for each eligible household,
``total_monthly`` = 补差 + 重点救助 (文件000 一（四）5.1–5.3); a household not eligible costs 0.
特困 support, temporary aid and the outpatient grant are not counted. Annual cost = 12 × monthly.

Every household falls in exactly one change (``CHANGES``):

* entering   not eligible under the current policy, eligible under the proposed one;
* leaving    eligible under the current policy, not under the proposed one;
* gaining    eligible under both, the monthly amount goes up;
* losing     eligible under both, the monthly amount goes down;
* unchanged  eligible under both, the same amount;
* outside    eligible under neither.

Payment bands (``BANDS``) group households by the current per-person monthly payment
(``before_monthly`` ÷ counted household size), so the officer sees where the change falls on
today's recipients; households not eligible today are in the band ``现未享受低保``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from ..money import MONTHS_PER_YEAR, ZERO, amount_text
from ..policy import Policy, load_policy
from ..standards import floor_checks   # the 40% / 80% checks, here for the callers of compare
from .columns import KEY
from .report import _yuan
from .screen import ScreenResult, screen

CHANGES = ("entering", "leaving", "gaining", "losing", "unchanged", "outside")
CHANGE_NAMES = {"entering": "新纳入", "leaving": "退出", "gaining": "补助增加", "losing": "补助减少",
                "unchanged": "补助不变", "outside": "两者均不符合"}
COST_COUNTED = "低保月补助合计（补差＋重点救助，按筛查计算的金额；不含特困供养、临时救助）"

# Current per-person monthly payment, 元: each band includes its lower edge, excludes its upper.
BAND_EDGES = (50, 100, 150, 200, 250, 300)
NOT_RECEIVING = "现未享受低保"
BANDS = (NOT_RECEIVING, f"每人每月不足{BAND_EDGES[0]}元",
         *(f"{low}元至不足{high}元" for low, high in zip(BAND_EDGES, BAND_EDGES[1:])),
         f"{BAND_EDGES[-1]}元及以上")

COMPARISON_COLUMNS = [KEY, "township", "village", "head_name", "household_size", "before_eligible",
                      "after_eligible", "before_monthly", "after_monthly", "change", "band",
                      "before_failed", "after_failed"]

def _decimal_sum(values) -> Decimal:
    return sum(values, ZERO)


@dataclass
class Comparison:
    """Two screenings of one roster, household by household (``COMPARISON_COLUMNS``)."""
    households: pd.DataFrame
    before_policy: Policy
    after_policy: Policy

    def totals(self) -> dict:
        """Households, persons, monthly and annual cost before, after and the difference, and for each
        change its households and persons (``<change>_households``, ``<change>_persons``)."""
        h = self.households
        before, after = _decimal_sum(h["before_monthly"]), _decimal_sum(h["after_monthly"])
        out = {"households": len(h), "persons": int(h["household_size"].sum()),
               "before_households": int(h["before_eligible"].sum()),
               "after_households": int(h["after_eligible"].sum()),
               "before_persons": int(h.loc[h["before_eligible"], "household_size"].sum()),
               "after_persons": int(h.loc[h["after_eligible"], "household_size"].sum()),
               "before_monthly": before, "after_monthly": after, "difference_monthly": after - before,
               "before_annual": before * MONTHS_PER_YEAR, "after_annual": after * MONTHS_PER_YEAR,
               "difference_annual": (after - before) * MONTHS_PER_YEAR}
        for change in CHANGES:
            chosen = h["change"] == change
            out[f"{change}_households"] = int(chosen.sum())
            out[f"{change}_persons"] = int(h.loc[chosen, "household_size"].sum())
        return out

    def by_township(self) -> pd.DataFrame:
        """The change by township (乡镇), in order of first appearance in the roster."""
        return _grouped(self.households, "township", pd.unique(self.households["township"]))

    def by_band(self) -> pd.DataFrame:
        """The change by the current per-person monthly payment band (``BANDS``), every band listed."""
        return _grouped(self.households, "band", BANDS)

    def changed(self) -> pd.DataFrame:
        """The households whose result changes (entering, leaving, gaining, losing)."""
        return self.households[self.households["change"].isin(CHANGES[:4])]


def _grouped(h: pd.DataFrame, by: str, order) -> pd.DataFrame:
    """Households and persons per change, and the monthly cost before, after and its difference."""
    groups = h.groupby(by, sort=False)
    table = pd.DataFrame(index=pd.Index(order, name=by))
    table["households"] = groups.size()
    table["persons"] = groups["household_size"].sum()
    for change in CHANGES:
        chosen = h["change"] == change
        table[f"{change}_households"] = chosen.groupby(h[by], sort=False).sum()
        table[f"{change}_persons"] = h["household_size"].where(chosen, 0).groupby(h[by], sort=False).sum()
    table = table.fillna(0).astype("int64")
    for side in ("before", "after"):
        sums = groups[f"{side}_monthly"].sum()
        table[f"{side}_monthly"] = [Decimal(sums.get(k, ZERO)) for k in table.index]
    table["difference_monthly"] = table["after_monthly"] - table["before_monthly"]
    return table.reset_index()


def classify(before_eligible: np.ndarray, after_eligible: np.ndarray, before_monthly, after_monthly) -> np.ndarray:
    """Each household's change (``CHANGES``): the six cases are exclusive and cover every household."""
    up = np.fromiter((a > b for a, b in zip(after_monthly, before_monthly)), bool, len(before_eligible))
    down = np.fromiter((a < b for a, b in zip(after_monthly, before_monthly)), bool, len(before_eligible))
    both = before_eligible & after_eligible
    return np.select([~before_eligible & after_eligible, before_eligible & ~after_eligible,
                      both & up, both & down, both], list(CHANGES[:5]), default="outside").astype(object)


def payment_band(monthly, size, eligible) -> list:
    """The band (``BANDS``) of each household's current per-person monthly payment."""
    edges = [Decimal(e) for e in BAND_EDGES]
    out = []
    for amount, people, yes in zip(monthly, size, eligible):
        if not yes:
            out.append(NOT_RECEIVING)
            continue
        per_person = amount / max(int(people), 1)
        out.append(BANDS[1 + sum(per_person >= e for e in edges)])
    return out


def _paid(result: ScreenResult) -> pd.DataFrame:
    """One screening's households: eligibility and the monthly cost counted (0 when not eligible)."""
    h = result.households
    eligible = h["eligible"].to_numpy(dtype=bool)
    return pd.DataFrame({KEY: h[KEY].to_numpy(dtype=object), "eligible": eligible,
                         "monthly": np.where(eligible, h["total_monthly"].to_numpy(dtype=object), ZERO),
                         "failed": h["failed_text"].to_numpy(dtype=object)}, copy=False)


def _positions(keys: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Where each key is in ``other`` (-1: absent); the usual case, the same keys in the same order, is fast."""
    if len(keys) == len(other) and (keys == other).all():
        return np.arange(len(keys))
    position = {key: n for n, key in enumerate(other)}
    return np.fromiter((position.get(key, -1) for key in keys), np.int64, len(keys))


def compare_results(before: ScreenResult, after: ScreenResult, before_policy, after_policy) -> Comparison:
    """Line two screenings of one roster up household by household; households assessed in only
    one of them (the engine refused the other) are left out, and ``compare`` rejects them.

    A caller that moves only the proposal (the dashboard's slider) screens the current file once and
    calls this with each new screening of the proposal (``screen(validated.frame, propose_policy(…))``)."""
    b, a = _paid(before), _paid(after)
    where = _positions(b[KEY].to_numpy(dtype=object), a[KEY].to_numpy(dtype=object))
    keep = where >= 0
    base = before.households[keep]
    b, a = b[keep], a.iloc[where[keep]]
    b_ok, a_ok = b["eligible"].to_numpy(), a["eligible"].to_numpy()
    b_paid, a_paid = b["monthly"].to_numpy(), a["monthly"].to_numpy()
    size = base["household_size"].to_numpy(dtype=np.int64)
    households = base[[KEY, "township", "village", "head_name"]].reset_index(drop=True).assign(
        household_size=size, before_eligible=b_ok, after_eligible=a_ok, before_monthly=b_paid,
        after_monthly=a_paid, change=classify(b_ok, a_ok, b_paid, a_paid), band=payment_band(b_paid, size, b_ok),
        before_failed=b["failed"].to_numpy(), after_failed=a["failed"].to_numpy())
    return Comparison(households, load_policy(before_policy), load_policy(after_policy))


def compare(validated, before_policy, after_policy, processes: int = 1, show_progress: bool | None = None
            ) -> Comparison:
    """Screen the accepted rows of a checked roster (``check.validate``) under both policies and compare.

    Households the engine refuses under either policy are rejected in ``validated`` (with the
    engine's words), so that rows in = rows accepted + rows rejected still holds.

    中文：同一份花名册（只读入、核查一次）按现行和拟定两套参数各筛查一次，逐户比较，测算调整标准的影响（一（四）5）。
    """
    before_policy, after_policy = load_policy(before_policy), load_policy(after_policy)
    before = screen(validated.frame, before_policy, processes, show_progress)
    after = screen(validated.frame, after_policy, processes, show_progress)
    refused = list(dict.fromkeys(before.rejected_keys + after.rejected_keys))
    if refused:
        issues = pd.concat([before.engine_issues, after.engine_issues], ignore_index=True).drop_duplicates()
        validated.reject_households(refused, issues)
    return compare_results(before, after, before_policy, after_policy)


# -- reports (Chinese headers; written by ``report.write_reports``) ------------------------------

COUNT_HEADERS = {"households": "户数", "persons": "人数（计入）",
                 **{f"{c}_households": f"{n}（户）" for c, n in CHANGE_NAMES.items()},
                 **{f"{c}_persons": f"{n}（人）" for c, n in CHANGE_NAMES.items()},
                 "before_monthly": "现行月补助合计(元)", "after_monthly": "拟定月补助合计(元)",
                 "difference_monthly": "月增减(元)"}
CHANGED_HEADERS = {KEY: "户编号", "township": "乡镇", "village": "村", "head_name": "户主姓名",
                   "household_size": "保障人口（计入）", "change": "变化", "before_eligible": "现行是否符合",
                   "after_eligible": "拟定是否符合", "before_monthly": "现行月补助(元)",
                   "after_monthly": "拟定月补助(元)", "difference": "月增减(元)",
                   "before_failed": "现行不符合的条件", "after_failed": "拟定不符合的条件"}
NO_CONSUMPTION = "未核对标准下限：没有提供上年农村居民人均消费支出（--consumption，元/人·年）"


def _table(grouped: pd.DataFrame, first: str, total: bool) -> pd.DataFrame:
    """A by-township or by-band table with Chinese headers (and a 合计 row)."""
    table = grouped.rename(columns={grouped.columns[0]: first, **COUNT_HEADERS})
    if total:
        sums = {c: (sum(table[c], ZERO) if c.endswith("(元)") else int(table[c].sum())) for c in table.columns[1:]}
        table = pd.concat([table, pd.DataFrame([{first: "合计", **sums}])], ignore_index=True)
    for column in [c for c in table.columns if c.endswith("(元)")]:
        table[column] = table[column].map(_yuan)
    return table


def changed_households(comparison: Comparison) -> pd.DataFrame:
    """The households whose result changes, for staff: no ID number, never published."""
    h = comparison.changed()
    yes_no = {True: "是", False: "否"}
    table = pd.DataFrame({
        **{c: h[c] for c in (KEY, "township", "village", "head_name", "household_size")},
        "change": h["change"].map(CHANGE_NAMES),
        "before_eligible": h["before_eligible"].map(yes_no), "after_eligible": h["after_eligible"].map(yes_no),
        "before_monthly": h["before_monthly"].map(_yuan), "after_monthly": h["after_monthly"].map(_yuan),
        "difference": [_yuan(a - b) for a, b in zip(h["after_monthly"], h["before_monthly"])],
        "before_failed": h["before_failed"], "after_failed": h["after_failed"]})
    return table.rename(columns=CHANGED_HEADERS)


def floor_table(comparison: Comparison, consumption) -> pd.DataFrame:
    """The 40% / 80% checks of both files' standards, or one line saying they were not made."""
    columns = ["政策", "项目", "标准(元/人·年)", "下限(元/人·年)", "是否达到", "核对"]
    if consumption is None:
        return pd.DataFrame([["", "", None, None, "", NO_CONSUMPTION]], columns=columns)
    rows = []
    for side, policy in (("现行", comparison.before_policy), ("拟定", comparison.after_policy)):
        for item in floor_checks(policy, consumption):
            check = item.check
            rows.append([f"{side}（{policy.id}）", item.label, _yuan(check.proposed_annual),
                         _yuan(check.minimum_annual), "达到" if check.ok else "未达到", check.trace.steps[0].formula])
    return pd.DataFrame(rows, columns=columns)


def overview(comparison: Comparison, validated, consumption) -> pd.DataFrame:
    """项目 / 值: the two files, the row balance, what the cost counts, the totals and the checks."""
    t = comparison.totals()
    before, after = comparison.before_policy, comparison.after_policy
    items = [("现行政策", f"{before.name}（{before.id}），低保标准 {amount_text(before.dibao.standard_annual)} 元/人·年"),
             ("拟定政策", f"{after.name}（{after.id}），低保标准 {amount_text(after.dibao.standard_annual)} 元/人·年"),
             *(("拟定调整", line) for line in after.changes),
             ("统计（参照）日期", validated.reference_date.isoformat()), ("行数核对", validated.summary_text()),
             ("计入的费用", COST_COUNTED)]
    for side, name in (("before", "现行"), ("after", "拟定"), ("difference", "增减")):
        items += [(f"{name}每月(元)", f"{t[f'{side}_monthly']:f}"),
                  (f"{name}每年(元，每月×12)", f"{t[f'{side}_annual']:f}")]
    items += [(f"{CHANGE_NAMES[c]}", f"{t[f'{c}_households']} 户 {t[f'{c}_persons']} 人") for c in CHANGES]
    items += [("合计", f"{t['households']} 户 {t['persons']} 人（各类相加 = 接受户数）")]
    items += [("标准核对", line) for line in floor_lines(after, consumption)]
    items += [("读入说明", note) for note in validated.notes]
    return pd.DataFrame(items, columns=["项目", "值"])


def floor_lines(policy: Policy, consumption) -> list:
    """The proposed file's 40% / 80% checks in one Chinese line each (or why none were made)."""
    if consumption is None:
        return [NO_CONSUMPTION]
    return [f"{c.label}：{'达到' if c.check.ok else '未达到'}。{c.check.trace.steps[0].formula}"
            for c in floor_checks(policy, consumption)]


def build_comparison_reports(comparison: Comparison, validated, consumption=None) -> dict:
    """The report tables (Chinese sheet names and headers), in workbook order."""
    return {"概况": overview(comparison, validated, consumption),
            "乡镇变化": _table(comparison.by_township(), "乡镇", total=True),
            "补助档次变化": _table(comparison.by_band(), "现行每人月补助", total=True),
            "变化户明细": changed_households(comparison),
            "标准核对": floor_table(comparison, consumption),
            "导入问题": validated.issues, "拒绝行": validated.rejected_rows}


def summary_lines(comparison: Comparison, validated, consumption=None) -> list:
    """The terminal summary, in Chinese."""
    t = comparison.totals()
    before, after = comparison.before_policy, comparison.after_policy

    def money(side):
        return f"现行 {amount_text(t[f'before_{side}'])} 元，拟定 {amount_text(t[f'after_{side}'])} 元，" \
               f"{'增加' if t[f'difference_{side}'] >= 0 else '减少'} {amount_text(abs(t[f'difference_{side}']))} 元"

    counts = "；".join(f"{CHANGE_NAMES[c]} {t[f'{c}_households']} 户 {t[f'{c}_persons']} 人" for c in CHANGES)
    return [validated.summary_text(),
            f"现行：{before.name}（{before.id}），低保标准 {amount_text(before.dibao.standard_annual)} 元/人·年",
            f"拟定：{after.name}（{after.id}），低保标准 {amount_text(after.dibao.standard_annual)} 元/人·年",
            f"计入的费用：{COST_COUNTED}",
            f"每月：{money('monthly')}", f"每年（每月×12）：{money('annual')}",
            f"{counts}（合计 {t['households']} 户）",
            *(f"标准核对（拟定）：{line}" for line in floor_lines(after, consumption))]
