"""Roster screening (应保尽保, 不漏一户): assess every household of a roster, report who is left out.

Each accepted household of an imported roster (``calculators.roster``) is assessed with
``calculators.assess`` and the chosen county policy: the same code the handbook, the widgets and
the CLI use, so there is one source of truth. The screening then compares what the rules give with
what the roster records (enrolment, the amount paid, the left-behind ledger) and writes reports:

* 应保未保   eligible for 低保 but not enrolled (neither 低保 nor 特困);
* 保而不应   enrolled in 低保 but not eligible, with the failed conditions;
* 金额差异   enrolled and eligible, but paid a different monthly amount;
* 特困候选   single-person 低保 households whose member meets the 特困 conditions (文件002);
* 留守走访   left-behind people (as the engine classifies them) missing from the ledger, or whose
             last village visit / township check is older than the policy's cadence
             (``policy.left_behind.village_visit_days`` / ``township_check_days``, 文件003);
* 乡镇汇总   counts by township; plus the import problems and the rejected rows.

``screen_frame`` is the whole screening of one chunk of rows (text cells, households complete);
it is what the CLI, the multiprocessing path, the benchmark and the Dask path all call. It assesses
the households in column form (``roster_assessment``: the same rules over arrays, about a hundred
times faster) and leaves to ``assess``, one by one, the few households that form does not cover;
the parity tests show both give the same result for every household.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from . import assess, load_policy
from .dibao import FAILED
from .errors import InputError
from .roster import KEY, ROW, RosterError, Validated, as_text, issue_from_input_error, iter_households, \
    parse_dates, read_table, roster_people, validate
from .roster_assessment import NotExact, assess_roster, object_array

# Columns of the per-household result table (English keys; Chinese headers are added in reports).
HOUSEHOLD_RESULT_COLUMNS = [
    KEY, "township", "village", "head_name", "head_row", "size_rows", "enrolment", "dibao_mode", "paid_monthly",
    "eligible", "failed_codes", "failed_text", "household_size", "per_capita_monthly_income", "method", "tier",
    "gap_monthly", "key_aid_monthly", "total_monthly", "tekun_members", "tekun_candidate", "left_behind_count",
]
PERSON_RESULT_COLUMNS = [
    KEY, "township", "village", "row", "member", "name", "category", "why", "in_ledger", "ledger_category",
    "last_village_visit", "last_township_check",
]
CATEGORY_NAMES = {"child": "儿童", "elderly": "老人", "woman": "妇女"}
METHOD_NAMES = {"gap": "补差", "income_tiers": "按档补差", "class_amounts": "按户类别定额",
                "single_application": "单人保（按标准全额）"}
ENROLMENT_NAMES = {"无": "none", "": "none", "低保": "dibao", "特困": "tekun"}


@dataclass
class ScreenResult:
    households: pd.DataFrame                 # one row per assessed household (HOUSEHOLD_RESULT_COLUMNS)
    left_behind: pd.DataFrame                # one row per left-behind person (PERSON_RESULT_COLUMNS)
    engine_issues: pd.DataFrame              # households the engine refused: 行号, 户编号, 列, 问题
    rejected_keys: list = field(default_factory=list)


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _tekun_candidate(assessment, household: dict, enrolment: str) -> bool:
    """A single-person 低保 household whose member meets the 特困 conditions (the engine decides)."""
    if enrolment != "dibao":
        return False
    return any(f.code == "tekun_instead_of_dibao" for f in assessment.flags)


def screen_frame(frame: pd.DataFrame, policy=None, progress=None) -> ScreenResult:
    """Assess every household of accepted rows (text cells, as ``validate`` leaves them).

    Households come out in order of first appearance, as ``iter_households`` yields them.

    中文：对名册里的每一户逐户用规则引擎评估，按名册中首次出现的顺序列出（文件001 二（二）2 比对摸排）。
    """
    policy = load_policy(policy)
    if not len(frame):
        return screen_one_by_one(frame, policy, progress)
    people = roster_people(frame)
    try:
        assessed = assess_roster(people, policy)
    except NotExact:
        return screen_one_by_one(frame, policy, progress)
    households, persons = column_results(people, assessed)
    by_engine = assessed.by_engine
    if progress is not None:
        progress(int((~by_engine).sum()))
    if not by_engine.any():
        return ScreenResult(households, persons, pd.DataFrame(columns=["行号", KEY, "列", "问题"]), [])
    keys = people.cells(people.heads[by_engine], [KEY])[KEY]
    rest = screen_one_by_one(frame[frame[KEY].isin(keys)], policy, progress)
    order = {key: n for n, key in enumerate(pd.unique(frame[KEY]))}

    def in_file_order(*tables) -> pd.DataFrame:
        joined = pd.concat(tables, ignore_index=True)
        return joined.iloc[np.argsort(joined[KEY].map(order).to_numpy(), kind="stable")].reset_index(drop=True)

    return ScreenResult(in_file_order(households, rest.households), in_file_order(persons, rest.left_behind),
                        rest.engine_issues, rest.rejected_keys)


def _decimal_yuan(fen: np.ndarray) -> np.ndarray:
    """Fen as Decimal yuan; amounts repeat, so each distinct one is made once."""
    distinct, where = np.unique(fen, return_inverse=True)
    return object_array([Decimal(int(v)).scaleb(-2) for v in distinct])[where]


HEAD_COLUMNS = [KEY, "乡镇", "村", "姓名", ROW, "保障类别", "低保方式", "月发放金额(元)"]
LEDGER_COLUMNS = [KEY, "姓名", ROW, "是否在留守台账", "留守类别", "最近村级走访日期", "最近乡镇核查日期"]


def column_results(people, assessed) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The households ``assess_roster`` assessed, as ``screen_one_by_one`` tables them."""
    keep = ~assessed.by_engine
    h = np.flatnonzero(keep)
    heads = people.cells(people.heads[h], HEAD_COLUMNS)
    texts = {codes: "；".join(FAILED[c] for c in codes.split("、")) if codes else ""
             for codes in set(assessed.failed[keep])}
    paid = {text: _money(text) if text else None for text in heads["月发放金额(元)"].unique()}
    enrolment = heads["保障类别"].map(lambda v: ENROLMENT_NAMES.get(v, "none")).to_numpy(dtype=object)
    eligible_tekun = np.flatnonzero(assessed.tekun_eligible)
    tekun_names = people.cells(eligible_tekun, ["姓名"])["姓名"]
    tekun = tekun_names.groupby(people.household[eligible_tekun]).agg("、".join).to_dict()
    person = assessed.left_behind["person"].to_numpy(dtype=np.int64)
    lb_count = np.bincount(people.household[person], minlength=len(keep))
    households = pd.DataFrame({
        KEY: heads[KEY].to_numpy(), "township": heads["乡镇"].to_numpy(), "village": heads["村"].to_numpy(),
        "head_name": heads["姓名"].to_numpy(), "head_row": heads[ROW].to_numpy(),
        "size_rows": np.diff(people.starts)[keep], "enrolment": enrolment,
        "dibao_mode": heads["低保方式"].to_numpy(),
        "paid_monthly": heads["月发放金额(元)"].map(paid).to_numpy(dtype=object),
        "eligible": assessed.eligible[keep], "failed_codes": assessed.failed[keep],
        "failed_text": [texts[c] for c in assessed.failed[keep]],
        "household_size": assessed.household_size[keep],
        "per_capita_monthly_income": assessed.per_capita_monthly_income(h),
        "method": assessed.method[keep], "tier": assessed.tier[keep],
        "gap_monthly": _decimal_yuan(assessed.gap[keep]), "key_aid_monthly": _decimal_yuan(assessed.key_aid[keep]),
        "total_monthly": _decimal_yuan(assessed.total[keep]),
        "tekun_members": [tekun.get(i, "") for i in h.tolist()],
        "tekun_candidate": assessed.tekun_instead_of_dibao[keep] & (enrolment == "dibao"),
        "left_behind_count": lb_count[keep],
    }, columns=HOUSEHOLD_RESULT_COLUMNS)
    lb = assessed.left_behind[keep[people.household[person]]]
    person = lb["person"].to_numpy(dtype=np.int64)
    who = people.cells(person, LEDGER_COLUMNS)
    head = people.cells(people.heads[people.household[person]], ["乡镇", "村"])
    persons = pd.DataFrame({
        KEY: who[KEY].to_numpy(), "township": head["乡镇"].to_numpy(), "village": head["村"].to_numpy(),
        "row": who[ROW].to_numpy(), "member": [f"m{n}" for n in people.number[person]],
        "name": who["姓名"].to_numpy(), "category": lb["category"].to_numpy(), "why": lb["why"].to_numpy(),
        "in_ledger": (who["是否在留守台账"] == "是").to_numpy(), "ledger_category": who["留守类别"].to_numpy(),
        "last_village_visit": who["最近村级走访日期"].to_numpy(),
        "last_township_check": who["最近乡镇核查日期"].to_numpy(),
    }, columns=PERSON_RESULT_COLUMNS)
    return households, persons


def screen_one_by_one(frame: pd.DataFrame, policy, progress=None) -> ScreenResult:
    """Assess each household of accepted rows with ``assess``, the engine itself."""
    crops = policy.income.crops
    house_rows, person_rows, issues, rejected = [], [], [], []
    done = 0
    for key, household, rows in iter_households(frame, crops):
        head = next(r for r in rows if r["与户主关系"] == "户主")
        for member, row in zip(household["members"], [head] + [r for r in rows if r is not head]):
            if row.get("特困供养方式") == "集中":
                member["tekun_care"] = "centralized"
        try:
            a = assess(household, policy)
        except InputError as error:
            issues.append(issue_from_input_error(error, household, rows))
            rejected.append(key)
            continue
        enrolment = ENROLMENT_NAMES.get(head["保障类别"], "none")
        d = a.dibao
        ordered = [head] + [r for r in rows if r is not head]
        by_id = {m["id"]: r for m, r in zip(household["members"], ordered)}
        tekun_ok = [t.member for t in (a.tekun or []) if t.eligible]
        house_rows.append({
            KEY: key, "township": head["乡镇"], "village": head["村"], "head_name": head["姓名"],
            "head_row": head[ROW], "size_rows": len(rows), "enrolment": enrolment,
            "dibao_mode": head["低保方式"],
            "paid_monthly": _money(head["月发放金额(元)"]) if head["月发放金额(元)"] else None,
            "eligible": bool(d.eligible),
            "failed_codes": "、".join(c.code for c in d.failed_conditions),
            "failed_text": "；".join(c.text for c in d.failed_conditions),
            "household_size": d.household_size,
            "per_capita_monthly_income": d.per_capita_monthly_income,
            "method": d.method, "tier": "" if d.tier is None else str(d.tier),
            "gap_monthly": d.gap_monthly, "key_aid_monthly": d.key_aid_monthly, "total_monthly": d.total_monthly,
            "tekun_members": "、".join(by_id[m]["姓名"] for m in tekun_ok),
            "tekun_candidate": _tekun_candidate(a, household, enrolment),
            "left_behind_count": len(a.left_behind),
        })
        for item in a.left_behind:
            row = by_id[item.member]
            person_rows.append({
                KEY: key, "township": head["乡镇"], "village": head["村"], "row": row[ROW],
                "member": item.member, "name": row["姓名"], "category": item.category,
                "why": _with_names(item.why, by_id),
                "in_ledger": row["是否在留守台账"] == "是", "ledger_category": row["留守类别"],
                "last_village_visit": row["最近村级走访日期"], "last_township_check": row["最近乡镇核查日期"],
            })
        done += 1
        if progress is not None:
            progress(1)
    return ScreenResult(pd.DataFrame(house_rows, columns=HOUSEHOLD_RESULT_COLUMNS),
                        pd.DataFrame(person_rows, columns=PERSON_RESULT_COLUMNS),
                        pd.DataFrame(issues, columns=["行号", KEY, "列", "问题"]), rejected)


MONEY_RESULT_COLUMNS = ("paid_monthly", "per_capita_monthly_income", "gap_monthly", "key_aid_monthly",
                        "total_monthly")


def screen_partition(frame: pd.DataFrame, policy=None, reference_date: date | None = None) -> pd.DataFrame:
    """Validate and screen one partition of whole households; one plain-typed row per household.

    This is the unit of work for ``dask.dataframe.map_partitions`` over a folder of Parquet parts
    (a household must not span two parts). Money is returned as exact decimal strings. Households
    refused by the validation or by the engine appear with ``rejected`` = True and their row count,
    so that rows in = rows accepted + rows rejected still holds when the partitions are summed.
    """
    if ROW not in frame.columns:
        frame = frame.assign(**{ROW: range(2, len(frame) + 2)})
    validated = validate(as_text(frame), reference_date)
    result = screen_frame(validated.frame, policy)
    if len(result.engine_issues):
        validated.reject_households(result.rejected_keys, result.engine_issues)
    out = result.households.assign(rejected=False)
    for name in MONEY_RESULT_COLUMNS:
        out[name] = [None if v is None else f"{v:f}" for v in out[name]]
    rejected = validated.rejected_rows.groupby(KEY, sort=False).size()
    if len(rejected):
        gone = pd.DataFrame({KEY: rejected.index, "size_rows": rejected.to_numpy(), "rejected": True})
        out = pd.concat([out, gone], ignore_index=True)
    return out.astype(PARTITION_DTYPES)


PARTITION_DTYPES = {**{c: object for c in HOUSEHOLD_RESULT_COLUMNS}, "size_rows": "int64", "rejected": bool}


def screen_parquet_folder(folder, policy=None, reference_date: date | None = None) -> "dd.DataFrame":
    """The lazy Dask screening of a folder of Parquet parts: one partition per file.

    Each part is validated alone; ``cross_part_problems`` finds what spans two parts."""
    import dask.dataframe as dd

    parts = dd.read_parquet(str(folder), split_row_groups=False)
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in PARTITION_DTYPES.items()})
    return parts.map_partitions(screen_partition, policy, reference_date, meta=meta)


PART_PROBLEM_COLUMNS = ["文件", "行号", KEY, "列", "问题"]


def _first_rows(path: str) -> pd.DataFrame:
    """Each household key and each ID number of one Parquet part, with the first row it is on."""
    frame = as_text(pd.read_parquet(path, columns=[KEY, "身份证号"]))
    name = Path(path).name
    keys = frame.drop_duplicates(KEY).assign(kind=KEY, value=lambda f: f[KEY])
    ids = frame[frame["身份证号"] != ""].assign(value=lambda f: f["身份证号"].str.upper())
    ids = ids.drop_duplicates("value").assign(kind="身份证号")
    both = pd.concat([keys, ids], ignore_index=True)
    return pd.DataFrame({"kind": both["kind"], "value": both["value"], "文件": name, "行号": both[ROW],
                         KEY: both[KEY]}).astype({"行号": "int64"})


def cross_part_problems(folder) -> pd.DataFrame:
    """What no single partition can see: a household key in two parts (each part must hold whole
    households, or both pieces are screened as smaller households) and one ID number in two parts
    (the same person registered twice). One row per place, with file and row; no ID number is shown.

    Run it over the folder before (or beside) ``screen_parquet_folder``; it reads two columns.
    """
    import dask.dataframe as dd

    files = sorted(str(p) for p in Path(folder).glob("*.parquet"))
    if not files:
        return pd.DataFrame(columns=PART_PROBLEM_COLUMNS)
    meta = pd.DataFrame({"kind": pd.Series(dtype=object), "value": pd.Series(dtype=object),
                         "文件": pd.Series(dtype=object), "行号": pd.Series(dtype="int64"),
                         KEY: pd.Series(dtype=object)})
    places = dd.from_map(_first_rows, files, meta=meta)
    spread = places.groupby(["kind", "value"])["文件"].nunique()
    shared = spread[spread > 1].compute()
    if shared.empty:
        return pd.DataFrame(columns=PART_PROBLEM_COLUMNS)
    found = places[places["value"].isin(list(shared.index.get_level_values("value")))].compute()
    found = found[pd.MultiIndex.from_frame(found[["kind", "value"]]).isin(shared.index)]
    found = found.sort_values(["kind", "value", "文件", "行号"], kind="stable")
    rows = []
    for (kind, _), one in found.groupby(["kind", "value"], sort=False):
        places_of_one = list(zip(one["文件"], one["行号"], one[KEY]))
        for file, row, key in places_of_one:
            others = "、".join(f"{f} 第{r}行" for f, r, _ in places_of_one if (f, r) != (file, row))
            problem = (f"同一户编号也出现在 {others}：一户的成员须在同一个分片文件中" if kind == KEY
                       else f"与 {others} 的身份证号重复（同一人在两个分片中登记）")
            rows.append({"文件": file, "行号": row, KEY: key, "列": kind, "问题": problem})
    return pd.DataFrame(rows, columns=PART_PROBLEM_COLUMNS)


def _with_names(text: str, by_id: dict) -> str:
    """The engine names members by id (m3); staff read names: 刘海龙（m3）."""
    ids = "|".join(re.escape(i) for i in sorted(by_id, key=len, reverse=True))
    pattern = rf"(?<![A-Za-z0-9_])({ids})(?![A-Za-z0-9_])"
    return re.sub(pattern, lambda m: f"{by_id[m.group(1)]['姓名']}（{m.group(1)}）", text)


def _screen_chunk(args):
    frame, policy_ref = args
    return screen_frame(frame, policy_ref)


def household_chunks(frame: pd.DataFrame, size: int) -> list:
    """Split rows into chunks of about ``size`` households, never splitting a household."""
    codes = pd.factorize(frame[KEY])[0]
    if len(codes) == 0 or codes.max() < size:
        return [frame]
    return [part for _, part in frame.groupby(codes // size, sort=True)]


def screen(frame: pd.DataFrame, policy=None, processes: int = 1, show_progress: bool | None = None,
           chunk_households: int = 50_000) -> ScreenResult:
    """Screen accepted rows in chunks of whole households, over ``processes`` worker processes when
    there is more than one chunk, with a progress bar on large rosters."""
    total = int(frame[KEY].nunique())
    show = total >= 20_000 if show_progress is None else show_progress
    bar = ProgressBar(total, "筛查") if show else None
    chunks = household_chunks(frame, chunk_households)
    parts = []
    if processes > 1 and len(chunks) > 1:
        from multiprocessing import get_context

        policy_ref = policy if isinstance(policy, (str, type(None))) else policy.origin
        with get_context("spawn").Pool(processes) as pool:
            for result in pool.imap(_screen_chunk, [(c, policy_ref) for c in chunks]):
                parts.append(result)
                if bar:
                    bar(len(result.households) + len(result.rejected_keys))
    else:
        for chunk in chunks:
            parts.append(screen_frame(chunk, policy, progress=bar))
    if bar:
        bar.close()
    return combine(parts)


def combine(parts: list) -> ScreenResult:
    return ScreenResult(pd.concat([p.households for p in parts], ignore_index=True),
                        pd.concat([p.left_behind for p in parts], ignore_index=True),
                        pd.concat([p.engine_issues for p in parts], ignore_index=True),
                        [k for p in parts for k in p.rejected_keys])


class ProgressBar:
    """A small text progress bar on stderr (no dependency)."""

    def __init__(self, total: int, label: str, stream=None):
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.start = self.last = time.monotonic()
        self.drawn = -1

    def __call__(self, n: int = 1):
        self.done += n
        now = time.monotonic()
        if now - self.last >= 0.5 or self.done >= self.total:
            self.last = now
            self._draw(now)

    def _draw(self, now):
        self.drawn = self.done
        share = min(1.0, self.done / self.total)
        rate = self.done / max(now - self.start, 1e-9)
        bar = "#" * int(share * 30)
        self.stream.write(f"\r{self.label} [{bar:<30}] {self.done}/{self.total} 户 {share:6.1%} {rate:,.0f} 户/秒")
        self.stream.flush()

    def close(self):
        if self.drawn != self.done:
            self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


# -- reports --------------------------------------------------------------------------------

def _days_since(text: pd.Series, ref: date) -> pd.Series:
    return (pd.Timestamp(ref) - parse_dates(text.fillna(""))).dt.days


def left_behind_status(people: pd.DataFrame, policy, ref: date) -> pd.DataFrame:
    """Add the ledger status of each left-behind person: missing, village visit or township check overdue.

    中文：给每位留守人员标出台账状态：未建档、村级走访逾期或乡镇核查逾期（主动发现机制 二（一）；文件004 三（四））。
    """
    rules = policy.left_behind
    out = people.copy()
    visit_age = _days_since(out["last_village_visit"], ref)
    check_age = _days_since(out["last_township_check"], ref)
    out["visit_days"] = visit_age
    out["check_days"] = check_age
    out["not_in_ledger"] = ~out["in_ledger"].astype(bool)
    out["visit_overdue"] = out["in_ledger"].astype(bool) & (visit_age.isna() | (visit_age > rules.village_visit_days))
    out["check_overdue"] = out["in_ledger"].astype(bool) & (check_age.isna() | (check_age > rules.township_check_days))
    return out


def _status_text(row, rules) -> str:
    parts = []
    if row["not_in_ledger"]:
        parts.append("未录入留守台账")
    if row["visit_overdue"]:
        parts.append("无村级走访记录" if pd.isna(row["visit_days"])
                     else f"村级走访已{int(row['visit_days'])}天（超过{rules.village_visit_days}天）")
    if row["check_overdue"]:
        parts.append("无乡镇核查记录" if pd.isna(row["check_days"])
                     else f"乡镇核查已{int(row['check_days'])}天（超过{rules.township_check_days}天）")
    return "；".join(parts)


def _yuan(value) -> float | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else float(value)


def build_reports(result: ScreenResult, validated: Validated, policy) -> dict:
    """The report tables (Chinese headers), keyed by sheet name, in workbook order."""
    policy = load_policy(policy)
    h, ref = result.households, validated.reference_date
    base = {"户编号": h[KEY], "乡镇": h["township"], "村": h["village"], "户主姓名": h["head_name"],
            "户主行号": h["head_row"], "保障人口（计入）": h["household_size"]}
    frame = pd.DataFrame(base)
    amounts = {"人均月收入(元)": h["per_capita_monthly_income"].map(_yuan),
               "计算月补助(元)": h["total_monthly"].map(_yuan),
               "其中补差(元)": h["gap_monthly"].map(_yuan), "其中重点救助(元)": h["key_aid_monthly"].map(_yuan)}

    left_out = h["eligible"] & (h["enrolment"] == "none")
    r_left_out = frame[left_out].assign(**{k: v[left_out] for k, v in amounts.items()})

    wrongly_in = (h["enrolment"] == "dibao") & ~h["eligible"]
    r_wrongly = frame[wrongly_in].assign(**{
        "实发月金额(元)": h.loc[wrongly_in, "paid_monthly"].map(_yuan),
        "不符合的条件": h.loc[wrongly_in, "failed_text"], "条件代码": h.loc[wrongly_in, "failed_codes"],
        "人均月收入(元)": amounts["人均月收入(元)"][wrongly_in]})

    paid = h["paid_monthly"]
    differs = (h["enrolment"] == "dibao") & h["eligible"] & paid.notna() & \
        pd.Series([p is not None and p != t for p, t in zip(paid, h["total_monthly"])], index=h.index, dtype=bool)
    diff = pd.Series([_yuan(p - t) if p is not None else None for p, t in zip(paid, h["total_monthly"])],
                     index=h.index, dtype="float64")
    r_amount = frame[differs].assign(**{"实发月金额(元)": paid[differs].map(_yuan),
                                       "计算月补助(元)": amounts["计算月补助(元)"][differs],
                                       "差额(实发−计算,元)": diff[differs],
                                       "补助方式": h.loc[differs, "method"].map(lambda m: METHOD_NAMES.get(m, m)),
                                       "档次": h.loc[differs, "tier"]})

    candidates = h["tekun_candidate"].astype(bool)
    r_tekun = frame[candidates].assign(**{"符合特困条件的成员": h.loc[candidates, "tekun_members"],
                                         "实发月金额(元)": paid[candidates].map(_yuan),
                                         "说明": "单人低保户符合特困供养条件（该吃五保吃低保），应转为特困供养"})

    people = left_behind_status(result.left_behind, policy, ref)
    flagged = people["not_in_ledger"] | people["visit_overdue"] | people["check_overdue"]
    p = people[flagged]
    r_people = pd.DataFrame({
        "户编号": p[KEY], "乡镇": p["township"], "村": p["village"], "行号": p["row"], "姓名": p["name"],
        "留守类别": p["category"].map(CATEGORY_NAMES), "认定依据": p["why"],
        "是否在留守台账": p["in_ledger"].map({True: "是", False: "否"}),
        "最近村级走访日期": p["last_village_visit"], "最近乡镇核查日期": p["last_township_check"],
        "问题": [_status_text(r, policy.left_behind) for _, r in p.iterrows()]})

    summary = township_summary(h, people, validated, left_out, wrongly_in, differs, candidates)
    overview = pd.DataFrame({"项目": [
        "政策参数", "统计（参照）日期", "读入行数", "接受行数", "拒绝行数", "读入户数", "接受户数", "拒绝户数",
        "行数核对", "应保未保（户）", "保而不应（户）", "金额差异（户）", "特困候选（户）", "留守人员问题（人）",
        "村级走访周期（天）", "乡镇核查周期（天）"], "值": [
        f"{policy.name}（{policy.id}）", ref.isoformat(), validated.rows_read, validated.rows_accepted,
        validated.rows_rejected, validated.households_read, validated.households_accepted,
        validated.households_rejected,
        "读入 = 接受 + 拒绝" if validated.rows_read == validated.rows_accepted + validated.rows_rejected else "不符！",
        int(left_out.sum()), int(wrongly_in.sum()), int(differs.sum()), int(candidates.sum()), len(r_people),
        policy.left_behind.village_visit_days, policy.left_behind.township_check_days]})
    overview["值"] = overview["值"].astype(str)
    return {"概况": overview, "乡镇汇总": summary, "应保未保": r_left_out, "保而不应": r_wrongly,
            "金额差异": r_amount, "特困候选": r_tekun, "留守走访": r_people,
            "导入问题": validated.issues.rename(columns={"户编号": "户编号"}),
            "拒绝行": validated.rejected_rows}


def township_summary(h, people, validated, left_out, wrongly_in, differs, candidates) -> pd.DataFrame:
    by = h["township"]
    g = pd.DataFrame({
        "户数": h.groupby(by).size(),
        "人数": h.groupby(by)["size_rows"].sum(),
        "在保低保户": (h["enrolment"] == "dibao").groupby(by).sum(),
        "在保特困户": (h["enrolment"] == "tekun").groupby(by).sum(),
        "按规则符合低保（户）": h["eligible"].groupby(by).sum(),
        "应保未保": left_out.groupby(by).sum(), "保而不应": wrongly_in.groupby(by).sum(),
        "金额差异": differs.groupby(by).sum(), "特困候选": candidates.groupby(by).sum(),
    })
    pb = people["township"]
    for cat, name in CATEGORY_NAMES.items():
        g[f"留守{name}"] = (people["category"] == cat).groupby(pb).sum()
    g["未入台账"] = people["not_in_ledger"].groupby(pb).sum()
    g["村级走访逾期"] = people["visit_overdue"].groupby(pb).sum()
    g["乡镇核查逾期"] = people["check_overdue"].groupby(pb).sum()
    rejected = validated.rejected_rows.drop_duplicates(KEY)
    g["未评估（数据有误）户数"] = rejected.groupby("乡镇").size() if "乡镇" in rejected else 0
    g = g.fillna(0).astype("int64")
    g.loc["合计"] = g.sum()
    return g.reset_index(names="乡镇")


def write_reports(reports: dict, xlsx_path, csv_dir=None) -> list:
    """One sheet per report (frozen header, sized columns) and one UTF-8 CSV per report."""
    from openpyxl.styles import Font

    xlsx_path = Path(xlsx_path)
    xlsx_path.parent.mkdir(parents=True, exist_ok=True)
    written = [xlsx_path]
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        for name, table in reports.items():
            table.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for i, column in enumerate(table.columns, start=1):
                values = [str(column)] + [str(v) for v in table[column].head(200).tolist()]
                width = max(_display_width(v) for v in values) + 2
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(width, 8), 60)
    csv_dir = Path(csv_dir) if csv_dir else xlsx_path.with_name(xlsx_path.stem + "_csv")
    csv_dir.mkdir(parents=True, exist_ok=True)
    for name, table in reports.items():
        path = csv_dir / f"{name}.csv"
        table.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    return written


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


# -- CLI --------------------------------------------------------------------------------------

def run(roster_path, policy_id=None, output=None, reference_date=None, processes=1, show_progress=None):
    """Import, validate, screen and (if ``output``) write the reports; returns (validated, result, reports)."""
    policy = load_policy(policy_id)
    validated = validate(read_table(roster_path), reference_date)
    result = screen(validated.frame, policy if processes == 1 else policy_id, processes, show_progress)
    if len(result.engine_issues):
        validated.reject_households(result.rejected_keys, result.engine_issues)
    reports = build_reports(result, validated, policy)
    if output:
        write_reports(reports, output)
    return validated, result, reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators screen",
                                     description="花名册筛查：逐户按政策参数评估，找出应保未保、保而不应、金额差异、特困候选和留守走访问题")
    parser.add_argument("roster", help="花名册文件（.xlsx、.xls、.csv、.parquet 或 Parquet 文件夹）")
    parser.add_argument("--policy", default=None, help="政策参数编号或 YAML 路径（默认 laifeng-2017）")
    parser.add_argument("-o", "--output", default=None, help="报告 Excel 路径（同时写出 <名称>_csv/ 文件夹）")
    parser.add_argument("--as-of", default=None, help="统计（参照）日期 YYYY-MM-DD（默认取花名册的“统计日期”列）")
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1), help="并行进程数")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    args = parser.parse_args(argv)
    try:
        ref = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(f"--as-of：“{args.as_of}”不是有效日期（格式 YYYY-MM-DD）", file=sys.stderr)
        return 2
    try:
        validated, result, reports = run(args.roster, args.policy, args.output, ref, args.processes,
                                         False if args.no_progress else None)
    except RosterError as error:
        print(error.message, file=sys.stderr)
        return 2
    except InputError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(validated.summary_text())
    for name in ("应保未保", "保而不应", "金额差异", "特困候选", "留守走访"):
        print(f"{name}：{len(reports[name])}")
    if len(validated.issues):
        print(f"数据问题 {len(validated.issues)} 处，见报告“导入问题”“拒绝行”两页")
    if args.output:
        print(f"报告已写出：{args.output}")
    return 0
