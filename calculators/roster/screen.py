"""Step 5 of the roster pipeline (应保尽保, 不漏一户): assess every household of a roster.

Each accepted household of a checked roster (``check``, built by ``households``) is assessed with
``calculators.assess`` and the chosen county policy: the same code the handbook, the widgets and
the CLI use, so there is one source of truth. The screening then compares what the rules give with
what the roster records (enrolment, the amount paid, the left-behind ledger); ``report`` tables:

* 应保未保   eligible for 低保 but not enrolled (neither 低保 nor 特困);
* 保而不应   enrolled in 低保 but not eligible, with the failed conditions;
* 金额差异   enrolled and eligible, but paid a different monthly amount;
* 特困候选   single-person 低保 households whose member meets the 特困 conditions (文件002);
* 留守走访   left-behind people (as the engine classifies them) missing from the ledger, or whose
             last village visit / township check is older than the policy's cadence
             (``policy.left_behind.village_visit_days`` / ``township_check_days``, 文件003);
* 安全提示   safeguarding alerts of 寿政秘〔2016〕278号 (a child under 16 without an adult guardian at
             home, a seriously ill or severely disabled elder whose children are all away), each from
             the engine's ``safeguarding_alerts`` with its clause: a staff report, never published
             (``report.safeguarding_report``);
* 乡镇汇总   counts by township; plus the import problems and the rejected rows.

``screen_frame`` is the whole screening of one chunk of rows (text cells, households complete);
it is what the CLI, the multiprocessing path, the benchmark and the Dask path all call. It assesses
the households in column form (``columnar``: the same rules over arrays, about a hundred
times faster) and leaves to ``assess``, one by one, the few households that form does not cover;
the parity tests show both give the same result for every household.
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from .. import assess, load_policy
from ..dibao import FAILED
from ..errors import InputError
from .check import validate
from .columnar import NotExact, assess_roster, object_array
from .columns import ENROLMENT_KINDS, KEY, LEFT_BEHIND_KINDS, ROW
from .households import iter_households, roster_people
from .read import as_text

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
CATEGORY_NAMES = {code: name for name, code in LEFT_BEHIND_KINDS.items() if code}   # child: 儿童 …
METHOD_NAMES = {"gap": "补差", "income_tiers": "按档补差", "class_amounts": "按户类别定额",
                "single_application": "单人保（按标准全额）"}
ENROLMENT_NAMES = ENROLMENT_KINDS          # 保障类别 as written -> none | dibao | tekun


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


def screen_frame(frame: pd.DataFrame, policy=None, progress=None, people=None,
                 with_left_behind: bool = True) -> ScreenResult:
    """Assess every household of accepted rows (text cells, as ``validate`` leaves them).

    Households come out in order of first appearance, as ``iter_households`` yields them.
    ``people`` is ``roster_people(frame)`` when the caller already has it: it does not depend on the
    policy, so a roster screened under several policies (the standard dashboard) builds it once.
    ``with_left_behind=False`` skips the 三留守 classification of the column form (it does not depend
    on the 低保 standard): ``left_behind`` is then empty and ``left_behind_count`` 0 for the households
    it assessed.

    中文：对名册里的每一户逐户用规则引擎评估，按名册中首次出现的顺序列出（文件001 二（二）2 比对摸排）。
    """
    policy = load_policy(policy)
    if not len(frame):
        return screen_one_by_one(frame, policy, progress)
    people = roster_people(frame) if people is None else people
    try:
        assessed = assess_roster(people, policy, with_left_behind)
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
    tekun = {}                   # household -> names, in roster order (a groupby-join took 0.1 s at 40 000)
    for household, name in zip(people.household[eligible_tekun].tolist(), tekun_names.tolist()):
        tekun[household] = f"{tekun[household]}、{name}" if household in tekun else name
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
            # ``check`` refuses what the engine would (sizes, crops, numbers); this is a safety net
            # that keeps the run going and says what the engine said, on the head's row.
            issues.append({"行号": head[ROW], KEY: key, "列": "（整户）", "问题": f"规则引擎不能评估此户：{error}"})
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
    validated = validate(as_text(frame), reference_date, load_policy(policy))
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

        policy_ref = policy     # an id, a path or a Policy (pickled: a proposal has no file to load)
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


