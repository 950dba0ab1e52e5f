"""``calculators.roster.compare``: one roster screened under the current and a proposed standard
(文件000 一（四）5), household by household, and ``python -m calculators compare``."""
import sys
from decimal import Decimal

import pytest
from roster_files import ROOT, SAMPLE_CSV, SAMPLE_XLSX, read_csv_rows, write_csv_rows

sys.path.insert(0, str(ROOT / "data" / "roster"))
from generate import gb11643_check  # noqa: E402

from calculators import load_policy  # noqa: E402
from calculators.__main__ import main  # noqa: E402
from calculators.proposal import propose_policy, write_proposal
from calculators.roster.cli import import_roster, run
from calculators.roster.columns import KEY  # noqa: E402
from calculators.roster.compare import BANDS, CHANGES, compare, floor_checks


@pytest.fixture(scope="module")
def current():
    return load_policy("laifeng-2017")


@pytest.fixture(scope="module")
def raised(current):
    return compare(import_roster(SAMPLE_XLSX, policy=current), current, propose_policy(current, 3800))


@pytest.fixture(scope="module")
def lowered(current):
    return compare(import_roster(SAMPLE_XLSX, policy=current), current, propose_policy(current, 3000))


def one_person_roster(tmp_path, wages_per_year: dict):
    """A roster of one-person households (a man of 40, no deduction or key-aid group), one per wage."""
    header, rows = read_csv_rows(SAMPLE_CSV)
    template = next(r for r in rows if r["与户主关系"] == "户主")
    made = []
    for n, (name, wage) in enumerate(wages_per_year.items(), start=1):
        row = {h: "" for h in header}
        row.update({k: template[k] for k in ("数据来源", "统计日期", "乡镇", "村")})
        first17 = f"42282719770101{n:02d}1"
        row.update({"户编号": f"99{n:010d}", "成员序号": "1", "姓名": name, "身份证号": first17 + gb11643_check(first17), "与户主关系": "户主", "性别": "男",
                    "年龄": "40", "户籍性质": "农业", "是否共同生活": "是", "是否重病": "否", "是否无业": "否",
                    "工资收入(元/年)": str(wage), "财产是否合规": "是", "纯女户": "否", "仍有困难": "是",
                    "保障类别": "无"})
        made.append(row)
    path = tmp_path / "花名册.csv"
    write_csv_rows(path, header, made)
    return path


def test_raising_the_standard_brings_in_a_household_just_above_the_old_line(tmp_path, current):
    # 3600 元/年 = 300 元/月: not below the old monthly standard 3500/12 = 291.67, below the new 3800/12 = 316.67.
    # New gap 316.67 − 300 = 16.67 → 逢一进十 20 元 → floor 30 元/人·月 (一（四）5.2（1）) → 30 元.
    # 3000 元/年 = 250 元/月: old gap 41.67 → 50 元; new gap 66.67 → 70 元.
    roster = one_person_roster(tmp_path, {"甲": 3600, "乙": 3000})
    result = compare(import_roster(roster, policy=current), current, propose_policy(current, 3800))
    h = result.households.set_index("head_name")
    assert h.loc["甲", "change"] == "entering"
    assert (h.loc["甲", "before_monthly"], h.loc["甲", "after_monthly"]) == (Decimal(0), Decimal(30))
    assert h.loc["乙", "change"] == "gaining"
    assert (h.loc["乙", "before_monthly"], h.loc["乙", "after_monthly"]) == (Decimal(50), Decimal(70))
    totals = result.totals()
    assert totals["difference_monthly"] == Decimal(50) and totals["difference_annual"] == Decimal(600)


def test_entrants_leavers_and_stayers_add_up_to_the_households(raised, lowered):
    for result in (raised, lowered):
        totals = result.totals()
        assert sum(totals[f"{c}_households"] for c in CHANGES) == totals["households"] == 400
        assert sum(totals[f"{c}_persons"] for c in CHANGES) == totals["persons"]
        assert set(result.households["change"]) <= set(CHANGES)
    assert raised.totals()["entering_households"] > 0 and raised.totals()["leaving_households"] == 0
    assert lowered.totals()["leaving_households"] > 0 and lowered.totals()["losing_households"] > 0


def test_each_change_is_what_its_name_says(lowered):
    h = lowered.households
    for change, rows in h.groupby("change"):
        before, after = rows["before_eligible"], rows["after_eligible"]
        if change == "entering":
            assert (~before & after).all()
        elif change == "leaving":
            assert (before & ~after).all() and (rows["after_monthly"] == 0).all()
        elif change == "outside":
            assert (~before & ~after).all()
        else:
            assert (before & after).all()
            sign = {"gaining": 1, "losing": -1, "unchanged": 0}[change]
            assert all((a > b) - (a < b) == sign for a, b in zip(rows["after_monthly"], rows["before_monthly"]))


def test_compare_totals_equal_the_two_screening_reports_totals(tmp_path, raised, current):
    path, _ = write_proposal(current, tmp_path / "laifeng-2018.yaml", standard_annual=3800)
    totals = raised.totals()
    for policy, side in ((current.id, "before"), (str(path), "after")):
        _, result, reports = run(SAMPLE_XLSX, policy)
        h = result.households
        assert sum(h.loc[h["eligible"], "total_monthly"], Decimal(0)) == totals[f"{side}_monthly"]
        assert int(h["eligible"].sum()) == totals[f"{side}_households"]
    assert totals["after_annual"] == 12 * totals["after_monthly"]


def test_township_and_band_tables_add_up_to_the_totals(raised):
    totals = raised.totals()
    for table in (raised.by_township(), raised.by_band()):
        assert table["households"].sum() == totals["households"]
        assert sum(table["difference_monthly"], Decimal(0)) == totals["difference_monthly"]
        for change in CHANGES:
            assert table[f"{change}_households"].sum() == totals[f"{change}_households"]
    assert list(raised.by_band()["band"]) == list(BANDS)


def test_a_household_the_engine_refuses_under_one_policy_is_rejected_and_rows_still_balance(current):
    # example-gap-person-2018 publishes no crop figures: households farming are refused under it only.
    validated = import_roster(SAMPLE_XLSX, policy=current)
    result = compare(validated, current, load_policy("example-gap-person-2018"))
    assert validated.rows_read == 1277 == validated.rows_accepted + validated.rows_rejected
    assert 0 < len(result.households) == validated.households_accepted < 400
    assert validated.issues["问题"].str.startswith("规则引擎不能评估此户").all()
    assert not validated.issues.duplicated().any()


def test_floor_checks_use_the_standards_rule_40_and_80_percent(current):
    checks = {c.label: c.check for c in floor_checks(current, Decimal(8750))}
    assert checks["低保标准"].ok and checks["低保标准"].minimum_annual == Decimal(3500)   # 不低于: 3500 itself passes
    assert not checks["特困供养标准（分散供养）"].ok                                     # 5700 < 0.8 × 8750 = 7000
    assert checks["特困供养标准（集中供养）"].minimum_annual == Decimal(7000)


# -- python -m calculators compare ------------------------------------------------------------

SHEETS = ["概况", "乡镇变化", "补助档次变化", "变化户明细", "标准核对", "导入问题", "拒绝行"]


@pytest.fixture(scope="module")
def proposal_file(tmp_path_factory, current):
    path, _ = write_proposal(current, tmp_path_factory.mktemp("p") / "laifeng-2018.yaml", standard_annual=3800)
    return str(path)


def test_compare_prints_a_chinese_summary_and_writes_every_sheet(tmp_path, capsys, proposal_file):
    from openpyxl import load_workbook

    out = tmp_path / "测算.xlsx"
    assert main(["compare", str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", proposal_file,
                 "-o", str(out), "--consumption", "9000", "--processes", "1"]) == 0
    printed = capsys.readouterr().out
    assert "读入 1277 行 = 接受 1277 行 + 拒绝 0 行" in printed
    assert "每月：现行 25333 元，拟定 28078 元，增加 2745 元" in printed
    assert "每年（每月×12）：现行 303996 元，拟定 336936 元，增加 32940 元" in printed
    assert "新纳入 1 户 1 人" in printed and "计入的费用：低保月补助合计" in printed
    assert "标准核对（拟定）：低保标准：达到" in printed and "特困供养标准（分散供养）：未达到" in printed
    assert load_workbook(out, read_only=True).sheetnames == SHEETS


def test_no_id_number_appears_anywhere_in_the_comparison_report(tmp_path, proposal_file, sample_rows):
    out = tmp_path / "测算.xlsx"
    assert main(["compare", str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", proposal_file,
                 "-o", str(out), "--processes", "1"]) == 0
    ids = {row["身份证号"] for row in sample_rows[1]}
    for csv_file in (tmp_path / "测算_csv").glob("*.csv"):
        text = csv_file.read_text(encoding="utf-8-sig")
        assert "身份证" not in text.splitlines()[0], csv_file.name
        assert not any(i in text for i in ids), csv_file.name
    changed = (tmp_path / "测算_csv" / "变化户明细.csv").read_text(encoding="utf-8-sig")
    assert changed.count("\n") == 1 + 51           # header + the 51 households whose result changes


def test_without_consumption_the_summary_says_the_floor_check_was_not_made(capsys, proposal_file):
    assert main(["compare", str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", proposal_file,
                 "--processes", "1"]) == 0
    assert "未核对标准下限：没有提供上年农村居民人均消费支出（--consumption" in capsys.readouterr().out


@pytest.mark.parametrize("arguments, named", [
    (["无此文件.xlsx", "--policy", "laifeng-2017", "--policy", "example-gap-person-2018"], "找不到花名册文件"),
    ([str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", "nowhere-1999"], "nowhere-1999"),
    ([str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", "laifeng-2017"], "--policy：现行和拟定是同一个"),
    ([str(SAMPLE_XLSX), "--policy", "laifeng-2017"], "--policy：须给出两次"),
    ([str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", "example-gap-person-2018", "--consumption", "很多"],
     "--consumption"),
    ([str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", "example-gap-person-2018", "--as-of", "2017-13-01"],
     "--as-of"),
])
def test_bad_input_exits_2_with_a_chinese_message_naming_the_field(capsys, arguments, named):
    assert main(["compare", *arguments, "--processes", "1"]) == 2
    captured = capsys.readouterr()
    assert named in captured.err and captured.out == ""


def test_policies_of_two_counties_are_compared_with_a_warning(capsys):
    assert main(["compare", str(SAMPLE_XLSX), "--policy", "laifeng-2017", "--policy", "example-gap-person-2018",
                 "--processes", "1"]) == 0
    assert "提示：两个政策文件属于不同地区" in capsys.readouterr().err


def test_households_are_lined_up_by_key_whatever_the_order_of_the_two_screenings(current):
    from calculators.roster.compare import compare_results
    from calculators.roster.screen import ScreenResult, screen

    validated = import_roster(SAMPLE_XLSX, policy=current)
    proposed = propose_policy(current, 3800)
    before, after = screen(validated.frame, current), screen(validated.frame, proposed)
    missing = after.households[KEY].iloc[-1]
    reversed_less_one = ScreenResult(after.households.iloc[-2::-1], after.left_behind, after.engine_issues, [])
    aligned = compare_results(before, after, current, proposed).households
    reordered = compare_results(before, reversed_less_one, current, proposed).households
    expected = aligned[aligned[KEY] != missing].reset_index(drop=True)
    assert reordered.reset_index(drop=True).equals(expected)


def test_a_proposal_in_memory_is_screened_the_same_in_worker_processes(current):
    from calculators.roster.screen import screen

    validated = import_roster(SAMPLE_XLSX, policy=current)
    proposed = propose_policy(current, 3800)              # no file: the workers receive the Policy itself
    alone = screen(validated.frame, proposed, processes=1)
    spread = screen(validated.frame, proposed, processes=2, chunk_households=150)
    assert spread.households.equals(alone.households)
