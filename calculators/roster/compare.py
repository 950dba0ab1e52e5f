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

from ..money import MONTHS_PER_YEAR, ZERO
from ..policy import Policy, load_policy
from ..standards import floor_checks
from .columns import KEY
from .screen import ScreenResult, screen

CHANGES = ("entering", "leaving", "gaining", "losing", "unchanged", "outside")
CHANGE_NAMES = {"entering": "新纳入", "leaving": "退出", "gaining": "增加", "losing": "减少",
                "unchanged": "不变", "outside": "均不符合"}
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

__all__ = ["BANDS", "CHANGES", "CHANGE_NAMES", "COST_COUNTED", "Comparison", "compare", "compare_results",
           "floor_checks"]


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
        per_person = amount / people
        out.append(BANDS[1 + sum(per_person >= e for e in edges)])
    return out


def _paid(result: ScreenResult) -> pd.DataFrame:
    """One screening's households: eligibility and the monthly cost counted (0 when not eligible)."""
    h = result.households
    eligible = h["eligible"].to_numpy(dtype=bool)
    return pd.DataFrame({KEY: h[KEY].to_numpy(), "eligible": eligible,
                         "monthly": np.where(eligible, h["total_monthly"].to_numpy(dtype=object), ZERO),
                         "failed": h["failed_text"].to_numpy(dtype=object)})


def compare_results(before: ScreenResult, after: ScreenResult, before_policy, after_policy) -> Comparison:
    """Line two screenings of one roster up household by household; households assessed in only
    one of them (the engine refused the other) are left out, and ``compare`` rejects them."""
    b, a = _paid(before), _paid(after)
    if b[KEY].equals(a[KEY]):       # one roster screened twice, no household refused: already in line
        base = before.households
    else:                           # (isin on a column of text takes about 0.3 s for 40 000 households)
        keep = before.households[KEY].isin(a[KEY]).to_numpy()
        base = before.households[keep]
        b = b[keep]
        a = a.set_index(KEY).loc[b[KEY]]
    b_ok, a_ok = b["eligible"].to_numpy(), a["eligible"].to_numpy()
    b_paid, a_paid = b["monthly"].to_numpy(), a["monthly"].to_numpy()
    size = base["household_size"].to_numpy(dtype=np.int64)
    households = pd.DataFrame({
        KEY: base[KEY].to_numpy(), "township": base["township"].to_numpy(), "village": base["village"].to_numpy(),
        "head_name": base["head_name"].to_numpy(), "household_size": size,
        "before_eligible": b_ok, "after_eligible": a_ok, "before_monthly": b_paid, "after_monthly": a_paid,
        "change": classify(b_ok, a_ok, b_paid, a_paid), "band": payment_band(b_paid, size, b_ok),
        "before_failed": b["failed"].to_numpy(), "after_failed": a["failed"].to_numpy(),
    }, columns=COMPARISON_COLUMNS)
    return Comparison(households, load_policy(before_policy), load_policy(after_policy))


def compare(validated, before_policy, after_policy, processes: int = 1, show_progress: bool | None = None
            ) -> Comparison:
    """Screen the accepted rows of a checked roster (``check.validate``) under both policies and compare.

    Households the engine refuses under either policy are rejected in ``validated`` (with the
    engine's words), so that rows in = rows accepted + rows rejected still holds.

    中文：同一份花名册（只读入、核查一次）按现行和拟定两套参数各筛查一次，逐户比较。
    """
    before_policy, after_policy = load_policy(before_policy), load_policy(after_policy)
    before = screen(validated.frame, before_policy, processes, show_progress)
    after = screen(validated.frame, after_policy, processes, show_progress)
    refused = list(dict.fromkeys(before.rejected_keys + after.rejected_keys))
    if refused:
        issues = pd.concat([before.engine_issues, after.engine_issues], ignore_index=True)
        validated.reject_households(refused, issues)
        kept = validated.frame[KEY]
        before = ScreenResult(before.households[before.households[KEY].isin(kept)], before.left_behind,
                              before.engine_issues, before.rejected_keys)
    return compare_results(before, after, before_policy, after_policy)
