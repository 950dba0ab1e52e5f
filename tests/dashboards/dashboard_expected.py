"""Expected dashboard figures computed independently: plain pandas on the roster's own columns plus
engine calls per household (not through calculators.charts or the screening)."""
from functools import lru_cache
from pathlib import Path

import pandas as pd

from calculators import assess, load_policy
from calculators.roster.households import rows_to_household

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "roster" / "sample.csv"


@lru_cache(maxsize=1)
def roster() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def assessed() -> pd.DataFrame:
    """One row per household: head columns + the engine's verdicts."""
    policy = load_policy()
    crops = policy.income.crops
    rows = []
    for key, members in roster().groupby("户编号", sort=False):
        records = members.to_dict("records")
        head = next(r for r in records if r["与户主关系"] == "户主")
        household = rows_to_household(records, crops)
        for m, r in zip(household["members"], [head] + [r for r in records if r is not head]):
            if r["特困供养方式"] == "集中":
                m["tekun_care"] = "centralized"
        a = assess(household, policy)
        cats = [x.category for x in a.left_behind]
        rows.append({"户编号": key, "乡镇": head["乡镇"], "村": head["村"], "保障类别": head["保障类别"] or "无",
                     "纳入日期": head["纳入日期"], "人数": len(records), "eligible": a.dibao.eligible,
                     "household_size": a.dibao.household_size,
                     "tekun_flag": any(f.code == "tekun_instead_of_dibao" for f in a.flags),
                     "child": cats.count("child"), "elderly": cats.count("elderly"), "woman": cats.count("woman")})
    return pd.DataFrame(rows)


def dibao_as_of(month: str) -> pd.DataFrame:
    h = assessed()
    end = pd.Period(month, "M").end_time.normalize()
    enrolled = pd.to_datetime(h["纳入日期"].replace("", None), errors="coerce")
    return h[(h["保障类别"] == "低保") & (enrolled.isna() | (enrolled <= end))]


def caseload_by_village(township: str, month: str) -> dict:
    """village -> (低保 households, 低保 persons as the engine counts them, 特困 persons)."""
    d = dibao_as_of(month)
    d = d[d["乡镇"] == township]
    h = assessed()
    end = pd.Period(month, "M").end_time.normalize()
    enrolled = pd.to_datetime(h["纳入日期"].replace("", None), errors="coerce")
    t = h[(h["保障类别"] == "特困") & (h["乡镇"] == township) & (enrolled.isna() | (enrolled <= end))]
    villages = sorted(h.loc[h["乡镇"] == township, "村"].unique())
    return {v: (int((d["村"] == v).sum()), int(d.loc[d["村"] == v, "household_size"].sum()),
                int(t.loc[t["村"] == v, "人数"].sum())) for v in villages}


def left_behind_by_village(township: str) -> dict:
    h = assessed()
    h = h[h["乡镇"] == township]
    return {v: tuple(int(h.loc[h["村"] == v, c].sum()) for c in ("child", "elderly", "woman"))
            for v in sorted(h["村"].unique())}


def coverage_by_township() -> pd.DataFrame:
    h = assessed()
    return pd.DataFrame({
        "应保未保": (h["eligible"] & (h["保障类别"] == "无")).groupby(h["乡镇"]).sum(),
        "保而不应": (~h["eligible"] & (h["保障类别"] == "低保")).groupby(h["乡镇"]).sum(),
        "特困候选": (h["tekun_flag"] & (h["保障类别"] == "低保")).groupby(h["乡镇"]).sum(),
    }).astype(int)
