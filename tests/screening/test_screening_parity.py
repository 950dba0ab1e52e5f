"""The batch screener (chunked over worker processes, or over Dask partitions) gives, for every
household, exactly what the scalar engine gives when the household is assessed on its own."""
import sys
from pathlib import Path

import pandas as pd
import pytest
from roster_files import ROOT, SAMPLE_CSV, households_of, read_csv_rows

from calculators import assess
from calculators.roster.check import validate
from calculators.roster.columns import KEY
from calculators.roster.households import rows_to_household
from calculators.roster.read import as_text
from calculators.roster.screen import cross_part_problems, screen, screen_parquet_folder

sys.path.insert(0, str(ROOT / "data" / "roster"))
from generate import generate  # noqa: E402

COMPARED = ["eligible", "failed_codes", "household_size", "per_capita_monthly_income", "method", "tier",
            "gap_monthly", "key_aid_monthly", "total_monthly", "tekun_candidate", "left_behind_count"]


def scalar_results(rows, policy) -> dict:
    """key -> the compared values, each household assessed alone with calculators.assess."""
    out = {}
    for key, group in households_of(rows).items():
        head = next(r for r in group if r["与户主关系"] == "户主")
        household = rows_to_household(group, policy.income.crops)
        for member, row in zip(household["members"], [head] + [r for r in group if r is not head]):
            if row["特困供养方式"] == "集中":
                member["tekun_care"] = "centralized"
        a = assess(household, policy)
        d = a.dibao
        out[key] = {"eligible": d.eligible, "failed_codes": "、".join(c.code for c in d.failed_conditions),
                    "household_size": d.household_size, "per_capita_monthly_income": d.per_capita_monthly_income,
                    "method": d.method, "tier": "" if d.tier is None else str(d.tier),
                    "gap_monthly": d.gap_monthly, "key_aid_monthly": d.key_aid_monthly,
                    "total_monthly": d.total_monthly,
                    "tekun_candidate": head["保障类别"] == "低保" and
                    any(f.code == "tekun_instead_of_dibao" for f in a.flags),
                    "left_behind_count": len(a.left_behind)}
    return out


def batch_results(table: pd.DataFrame, as_text_money=False) -> dict:
    out = {}
    for record in table[[KEY] + COMPARED].to_dict("records"):
        key = record.pop(KEY)
        out[key] = record
    return out


def assert_same(batch: dict, scalar: dict):
    assert batch.keys() == scalar.keys()
    differing = [k for k in scalar if batch[k] != scalar[k]]
    assert not differing, (differing[:3], [(batch[k], scalar[k]) for k in differing[:3]])


def test_batch_screening_of_the_sample_equals_the_scalar_engine_household_by_household(sample_rows, policy):
    _, rows = sample_rows
    validated = validate(as_text(pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)))
    result = screen(validated.frame, "laifeng-2017", processes=2, show_progress=False, chunk_households=60)
    assert_same(batch_results(result.households), scalar_results(rows, policy))


@pytest.fixture(scope="module")
def roster_10k():
    return generate(10_000, seed=11)


def test_batch_screening_of_a_10000_household_roster_equals_the_scalar_engine(roster_10k, policy):
    frame = as_text(roster_10k)
    validated = validate(frame)
    assert validated.rows_rejected == 0
    result = screen(validated.frame, "laifeng-2017", processes=2, show_progress=False)
    rows = [dict(r) for r in frame.to_dict("records")]
    scalar = scalar_results(rows, policy)
    assert len(scalar) == 10_000
    assert_same(batch_results(result.households), scalar)


def test_dask_partitions_over_a_parquet_folder_give_the_scalar_results(tmp_path, sample_rows, policy):
    from decimal import Decimal

    from distributed import Client, LocalCluster

    _, rows = sample_rows
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    folder = tmp_path / "parts"
    folder.mkdir()
    codes = pd.factorize(frame[KEY])[0]
    for part in range(3):                           # households never span two files
        frame[codes % 3 == part].to_parquet(folder / f"part-{part}.parquet", index=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        lazy = screen_parquet_folder(folder, "laifeng-2017")
        assert lazy.npartitions == 3
        table = lazy.compute()
    assert table["size_rows"].sum() == len(frame)
    assert not table["rejected"].any()
    for name in ("per_capita_monthly_income", "gap_monthly", "key_aid_monthly", "total_monthly"):
        table[name] = table[name].map(Decimal)
    assert_same(batch_results(table), scalar_results(rows, policy))


def test_dask_partition_counts_rejected_rows_so_nothing_is_lost(tmp_path, sample_rows):
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    frame.loc[3, "年龄"] = "abc"
    bad_key = frame.loc[3, KEY]
    path = tmp_path / "one.parquet"
    frame.to_parquet(path, index=False)
    from calculators.roster.screen import screen_partition

    table = screen_partition(pd.read_parquet(path))
    assert table["size_rows"].sum() == len(frame)
    rejected = table[table["rejected"]]
    assert list(rejected[KEY]) == [bad_key]
    assert rejected["size_rows"].iloc[0] == (frame[KEY] == bad_key).sum()


def test_folder_check_finds_a_household_split_across_parts_and_a_person_registered_in_two(tmp_path):
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    keys = list(pd.unique(frame[KEY]))
    big = next(k for k in keys if (frame[KEY] == k).sum() >= 2)        # a household of 2 or more
    split_row = frame.index[frame[KEY] == big][-1]                    # its last member goes to part 1
    twice = frame.loc[frame[KEY] == keys[0]].index[0]                 # a person also registered in part 1
    part0 = frame.drop(index=split_row)
    copy = frame.loc[[twice]].assign(**{KEY: "999999999999"})       # in a household of its own
    part1 = pd.concat([frame.loc[[split_row]], copy], ignore_index=True)
    folder = tmp_path / "parts"
    folder.mkdir()
    part0.to_parquet(folder / "part-0.parquet", index=False)
    part1.to_parquet(folder / "part-1.parquet", index=False)

    problems = cross_part_problems(folder)

    split = problems[problems["列"] == KEY]
    assert sorted(zip(split["文件"], split[KEY])) == [("part-0.parquet", big), ("part-1.parquet", big)]
    first_in_part0 = int(part0.index.get_loc(frame.index[frame[KEY] == big][0])) + 2
    assert split.loc[split["文件"] == "part-1.parquet", "问题"].iloc[0] == \
        f"同一户编号也出现在 part-0.parquet 第{first_in_part0}行：一户的成员须在同一个分片文件中"
    dup = problems[problems["列"] == "身份证号"]
    assert sorted(zip(dup["文件"], dup["行号"])) == [("part-0.parquet", int(part0.index.get_loc(twice)) + 2),
                                                     ("part-1.parquet", 3)]
    assert "同一人在两个分片中登记" in dup["问题"].iloc[0]
    id_numbers = set(frame["身份证号"])
    assert not any(i in text for text in problems["问题"] for i in id_numbers), "no ID number is shown"


def test_folder_check_of_whole_households_finds_nothing(tmp_path):
    frame = pd.read_csv(SAMPLE_CSV, dtype=str, keep_default_na=False)
    codes = pd.factorize(frame[KEY])[0]
    for part in range(3):
        frame[codes % 3 == part].to_parquet(tmp_path / f"part-{part}.parquet", index=False)
    assert cross_part_problems(tmp_path).empty
