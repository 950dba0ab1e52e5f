"""The screening reports on the sample roster hold exactly the households and people they should.

The expected contents are worked out here on their own: the sample is read with the csv module,
each household is assessed directly with ``calculators.assess``, and the report rules (not
enrolled but eligible, enrolled but ineligible, paid ≠ computed, engine's 特困 flag on a 低保
household, left-behind person missing from the ledger or overdue) are applied in plain Python.
"""
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from roster_files import SAMPLE_CSV, households_of
from openpyxl import load_workbook

from calculators import assess
from calculators.roster.households import rows_to_household
from calculators.roster.cli import run, write_reports

REF = date(2017, 12, 31)


@pytest.fixture(scope="module")
def expected(sample_rows, policy):
    _, rows = sample_rows
    out = {"left_out": set(), "wrongly_in": {}, "amount": {}, "tekun": set(), "people": {}, "township": Counter()}
    visit, check = policy.left_behind.village_visit_days, policy.left_behind.township_check_days
    for key, group in households_of(rows).items():
        head = next(r for r in group if r["与户主关系"] == "户主")
        household = rows_to_household(group, policy.income.crops)
        a = assess(household, policy)
        enrolled = head["保障类别"]
        if a.dibao.eligible and enrolled == "无":
            out["left_out"].add(key)
        if enrolled == "低保" and not a.dibao.eligible:
            out["wrongly_in"][key] = [c.text for c in a.dibao.failed_conditions]
        if enrolled == "低保" and a.dibao.eligible and Decimal(head["月发放金额(元)"]) != a.dibao.total_monthly:
            out["amount"][key] = Decimal(head["月发放金额(元)"]) - a.dibao.total_monthly
        if enrolled == "低保" and any(f.code == "tekun_instead_of_dibao" for f in a.flags):
            out["tekun"].add(key)
        ordered = [head] + [r for r in group if r is not head]
        rows_by_id = {m["id"]: r for m, r in zip(household["members"], ordered)}
        for item in a.left_behind:
            row = rows_by_id[item.member]
            problems = []
            if row["是否在留守台账"] != "是":
                problems.append("ledger")
            else:
                if (REF - date.fromisoformat(row["最近村级走访日期"])).days > visit:
                    problems.append("visit")
                if (REF - date.fromisoformat(row["最近乡镇核查日期"])).days > check:
                    problems.append("check")
            if problems:
                out["people"][row["_row"]] = problems
        out["township"][head["乡镇"]] += 1
    return out


@pytest.fixture(scope="module")
def screened():
    return run(SAMPLE_CSV, "laifeng-2017", processes=1, show_progress=False)


def test_the_sample_gives_something_in_every_report(expected):
    assert expected["left_out"] and expected["wrongly_in"] and expected["amount"]
    assert expected["tekun"] and expected["people"]


def test_eligible_but_not_enrolled_lists_exactly_those_households(screened, expected):
    _, _, reports = screened
    assert set(reports["应保未保"]["户编号"]) == expected["left_out"]


def test_enrolled_but_ineligible_lists_the_households_with_the_failed_conditions(screened, expected):
    _, _, reports = screened
    table = reports["保而不应"].set_index("户编号")
    assert set(table.index) == set(expected["wrongly_in"])
    for key, texts in expected["wrongly_in"].items():
        assert table.at[key, "不符合的条件"] == "；".join(texts)


def test_amount_differences_give_paid_minus_computed(screened, expected):
    _, _, reports = screened
    table = reports["金额差异"].set_index("户编号")
    assert set(table.index) == set(expected["amount"])
    for key, diff in expected["amount"].items():
        assert Decimal(str(table.at[key, "差额(实发−计算,元)"])) == diff


def test_tekun_candidates_are_the_single_person_dibao_households_the_engine_flags(screened, expected):
    _, _, reports = screened
    assert set(reports["特困候选"]["户编号"]) == expected["tekun"]
    assert (reports["特困候选"]["保障人口（计入）"] == 1).all()


def test_left_behind_people_missing_from_the_ledger_or_overdue_are_listed_with_the_reason(screened, expected):
    _, _, reports = screened
    table = reports["留守走访"].set_index("行号")
    assert set(table.index) == set(expected["people"])
    words = {"ledger": "未录入留守台账", "visit": "村级走访", "check": "乡镇核查"}
    for row, problems in expected["people"].items():
        for problem in problems:
            assert words[problem] in table.at[row, "问题"]


def test_township_summary_counts_add_up_to_the_reports(screened, expected):
    validated, _, reports = screened
    summary = reports["乡镇汇总"].set_index("乡镇")
    total = summary.loc["合计"]
    assert dict(summary.drop("合计")["户数"]) == dict(expected["township"])
    assert total["户数"] == validated.households_accepted
    assert total["应保未保"] == len(expected["left_out"])
    assert total["保而不应"] == len(expected["wrongly_in"])
    assert total["金额差异"] == len(expected["amount"])
    assert total["特困候选"] == len(expected["tekun"])
    people = expected["people"].values()
    assert total["未入台账"] == sum("ledger" in p for p in people)
    assert total["村级走访逾期"] == sum("visit" in p for p in people)
    assert total["乡镇核查逾期"] == sum("check" in p for p in people)


def test_overview_states_rows_read_equal_accepted_plus_rejected(screened):
    validated, _, reports = screened
    overview = dict(zip(reports["概况"]["项目"], reports["概况"]["值"]))
    assert overview["读入行数"] == str(validated.rows_read)
    assert overview["行数核对"] == "读入 = 接受 + 拒绝"


def test_workbook_has_one_sheet_per_report_with_chinese_frozen_headers_and_csvs(screened, tmp_path):
    _, _, reports = screened
    path = tmp_path / "报告.xlsx"
    written = write_reports(reports, path)
    book = load_workbook(path, read_only=False)
    assert book.sheetnames == list(reports)
    for name in reports:
        ws = book[name]
        assert ws.freeze_panes == "A2"
        headers = [c.value for c in ws[1]]
        assert headers == list(reports[name].columns)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(h)) for h in headers), headers
        assert ws.max_row == len(reports[name]) + 1
    csv_names = sorted(p.stem for p in written if p.suffix == ".csv")
    assert csv_names == sorted(reports)


def test_safeguarding_sheet_lists_exactly_the_engine_alerts_of_the_sample(sample_rows, policy, screened):
    _, rows = sample_rows
    expected = set()
    for key, group in households_of(rows).items():
        head = next(r for r in group if r["与户主关系"] == "户主")
        ordered = [head] + [r for r in group if r is not head]
        household = rows_to_household(group, policy.income.crops)
        rows_by_id = {m["id"]: r for m, r in zip(household["members"], ordered)}
        expected |= {(key, rows_by_id[a.member]["_row"], a.source) for a in assess(household, policy).alerts}
    sheet = screened[2]["安全提示"]
    assert set(zip(sheet["户编号"], sheet["行号"], sheet["依据"])) == expected
    assert list(sheet.columns) == ["户编号", "乡镇", "村", "行号", "姓名", "提示", "依据"]
