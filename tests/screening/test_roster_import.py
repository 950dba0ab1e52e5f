"""Roster import: every kind of bad row is reported by row, column and a Chinese message, the
household of a bad row is set aside whole, and no row is lost (read = accepted + rejected)."""
import copy
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from roster_files import SAMPLE_CSV, SAMPLE_XLSX, households_of, read_csv_rows, write_csv_rows

from calculators.roster.cells import numbers
from calculators.roster.check import id_check_digit, validate
from calculators.roster.cli import import_roster, run
from calculators.roster.columns import COLUMN_BY_NAME, RosterError
from calculators.roster.read import read_table

REF = date(2017, 12, 31)


def _id_with_birth(original: str, birth: str) -> str:
    first17 = original[:6] + birth + original[14:17]
    return first17 + id_check_digit(first17)


def _wrong_check(original: str) -> str:
    right = original[17]
    return original[:17] + ("0" if right != "0" else "1")


def build_bad_roster(rows):
    """Mutate a copy of the sample: one mistake per household, each with what the report must say.

    Returns (rows, expectations) where an expectation is (row number, column, message fragment).
    Rows keep their sample row numbers, except rows added at the end.
    """
    rows = copy.deepcopy(rows)
    groups = list(households_of(rows).values())
    multi = iter([g for g in groups if len(g) >= 3])
    single = iter([g for g in groups if len(g) == 1])
    expectations = []

    def other(group):            # a member who is not the head
        return next(r for r in group if r["与户主关系"] != "户主")

    def expect(row, column, fragment):
        expectations.append((row["_row"], column, fragment))

    r = other(next(multi)); r["姓名"] = ""; expect(r, "姓名", "不能为空")
    r = other(next(multi)); r["年龄"] = "三十"; expect(r, "年龄", "不是数字")
    r = other(next(multi)); r["年龄"] = "131"; expect(r, "年龄", "超出合理范围")
    r = other(next(multi)); r["外出务工月数"] = "2.5"; expect(r, "外出务工月数", "应为整数")
    r = other(next(multi)); r["工资收入(元/年)"] = "-100"; expect(r, "工资收入(元/年)", "不能小于0")
    r = other(next(multi)); r["性别"] = "M"; expect(r, "性别", "不是可选值")
    r = other(next(multi)); r["是否重病"] = "可能"; expect(r, "是否重病", "应填“是”或“否”")
    r = other(next(multi)); r["纳入日期"] = ""; r["最近村级走访日期"] = "2017-13-45"
    expect(r, "最近村级走访日期", "不是有效日期")
    r = other(next(multi)); r["身份证号"] = r["身份证号"][:17]; expect(r, "身份证号", "不是18位")
    r = other(next(multi)); r["身份证号"] = _wrong_check(r["身份证号"]); expect(r, "身份证号", "校验位不正确")
    r = other(next(multi)); r["身份证号"] = _id_with_birth(r["身份证号"], "19990231")
    expect(r, "身份证号", "出生日期无效")
    r = other(next(multi)); r["身份证号"] = _id_with_birth(r["身份证号"], "20180501"); r["年龄"] = "0"
    expect(r, "身份证号", "晚于统计日期")
    r = other(next(multi)); r["年龄"] = str(int(r["年龄"]) + 3); expect(r, "年龄", "与身份证号中的出生日期不符")
    r = other(next(multi)); r["性别"] = "女" if r["性别"] == "男" else "男"; expect(r, "性别", "第17位")
    # The same person entered twice: a copy of a member appended to another household.
    source = other(next(multi))
    target = next(single)
    twin = dict(source, 户编号=target[0]["户编号"], 乡镇=target[0]["乡镇"], 村=target[0]["村"],
                成员序号="2", 与户主关系="子女", 父亲序号="", 母亲序号="", 配偶序号="", _row=len(rows) + 2)
    for key in ("户籍性质", "财产是否合规", "纯女户", "仍有困难", "户类别", "保障类别", "低保方式", "低保档次",
                "月发放金额(元)", "纳入日期", "特困供养方式", "赡养人1家庭人口", "赡养人1家庭年收入(元)",
                "赡养人2家庭人口", "赡养人2家庭年收入(元)"):
        twin[key] = target[0][key]
    rows.append(twin)
    expect(twin, "身份证号", f"与第{source['_row']}行身份证号重复")
    group = next(multi); head = group[0]; head["与户主关系"] = "其他"
    expect(head, "与户主关系", "没有户主")
    group = next(multi); r = other(group); r["与户主关系"] = "户主"; expect(r, "与户主关系", "多名户主")
    group = next(multi); r = other(group); r["户籍性质"] = "非农业"; expect(r, "户籍性质", "不一致")
    group = next(multi); r = other(group); r["父亲序号"] = "9"; expect(r, "父亲序号", "没有成员序号为9")
    group = next(multi); r = group[2]; r["成员序号"] = group[1]["成员序号"]
    for x in group:   # references to the renumbered member would also (rightly) be reported
        for key in ("父亲序号", "母亲序号", "配偶序号"):
            if x[key] == group[2]["成员序号"]:
                x[key] = ""
    expect(r, "成员序号", "重复")
    return rows, expectations


@pytest.fixture(scope="module")
def bad(tmp_path_factory, sample_rows):
    header, rows = sample_rows
    bad_rows, expectations = build_bad_roster(rows)
    path = tmp_path_factory.mktemp("bad") / "bad_roster.csv"
    write_csv_rows(path, header, bad_rows)
    return path, bad_rows, expectations


def test_each_bad_row_is_named_with_its_row_column_and_message(bad):
    path, _, expectations = bad
    validated = import_roster(path)
    issues = validated.issues
    for row, column, fragment in expectations:
        found = issues[(issues["行号"] == row) & (issues["列"] == column)]
        assert len(found), f"row {row} column {column} not reported"
        assert any(fragment in m for m in found["问题"]), (row, column, list(found["问题"]))


def test_no_row_is_lost_rows_read_equal_accepted_plus_rejected(bad):
    path, rows, _ = bad
    validated = import_roster(path)
    assert validated.rows_read == len(rows)
    assert validated.rows_read == validated.rows_accepted + validated.rows_rejected
    assert validated.households_read == len(households_of(rows))
    assert validated.households_read == validated.households_accepted + validated.households_rejected
    assert "读入" in validated.summary_text() and "拒绝" in validated.summary_text()


def test_a_household_with_a_bad_row_is_set_aside_whole_and_the_others_are_kept(bad):
    path, rows, expectations = bad
    validated = import_roster(path)
    by_row = {r["_row"]: r for r in rows}
    bad_keys = {by_row[row]["户编号"] for row, _, _ in expectations}
    # The household that received the duplicate keeps the original member's household too:
    bad_keys |= {by_row[row]["户编号"] for row in validated.issues["行号"]}
    expected_rejected = sorted(r["_row"] for r in rows if r["户编号"] in bad_keys)
    assert sorted(validated.rejected_rows["行号"]) == expected_rejected
    assert set(validated.frame["户编号"]) == {r["户编号"] for r in rows} - bad_keys
    reasons = validated.rejected_rows.set_index("行号")["原因"]
    for row, _, _ in expectations:
        assert reasons[row] == "见本行问题"
    others = [r["_row"] for r in rows if r["户编号"] in bad_keys and r["_row"] not in set(validated.issues["行号"])]
    assert others and all(reasons[row].startswith("同户第") for row in others)


def test_the_original_of_a_duplicated_person_is_kept_and_the_repeat_is_rejected(bad):
    path, rows, expectations = bad
    validated = import_roster(path)
    row, _, fragment = next(e for e in expectations if "重复" in e[2] and e[1] == "身份证号")
    original_row = int(fragment.split("第")[1].split("行")[0])
    assert row in set(validated.rejected_rows["行号"])
    assert original_row not in set(validated.issues["行号"])


def test_a_household_the_engine_refuses_is_rejected_with_the_row_and_column(tmp_path, sample_rows):
    header, rows = sample_rows
    rows = copy.deepcopy(rows)
    target = next(r for r in rows if r["与户主关系"] == "子女")
    target["耕地亩数"], target["作物"] = "1.5", "火龙果"
    path = tmp_path / "crop.csv"
    write_csv_rows(path, header, rows)
    validated, result, reports = run(path, "laifeng-2017")
    issue = validated.issues[validated.issues["行号"] == target["_row"]]
    assert list(issue["列"]) == ["作物"] and "火龙果" in issue["问题"].iloc[0]
    household = [r["_row"] for r in rows if r["户编号"] == target["户编号"]]
    assert sorted(validated.rejected_rows["行号"]) == sorted(household)
    assert validated.rows_read == validated.rows_accepted + validated.rows_rejected == len(rows)
    assert target["户编号"] not in set(result.households["户编号"])
    assert reports["导入问题"]["问题"].str.contains("火龙果").any()


def test_a_missing_required_column_stops_the_import_with_its_name(tmp_path, sample_rows):
    header, rows = sample_rows
    path = tmp_path / "no_id.csv"
    write_csv_rows(path, [h for h in header if h != "身份证号"], rows)
    with pytest.raises(RosterError, match="身份证号"):
        import_roster(path)


def test_an_empty_roster_is_refused(tmp_path, sample_rows):
    header, _ = sample_rows
    path = tmp_path / "empty.csv"
    write_csv_rows(path, header, [])
    with pytest.raises(RosterError, match="没有数据行"):
        import_roster(path)


def test_gbk_csv_and_excel_read_the_same_as_utf8_csv(tmp_path, sample_rows):
    header, rows = sample_rows
    gbk = tmp_path / "gbk.csv"
    write_csv_rows(gbk, header, rows, encoding="gbk")
    plain = read_table(SAMPLE_CSV)
    pd.testing.assert_frame_equal(read_table(gbk), plain)
    pd.testing.assert_frame_equal(read_table(SAMPLE_XLSX)[plain.columns], plain)


def typed_cell(column: str, text: str):
    """A cell as Excel holds it when staff type it: numbers as numbers, dates as dates."""
    kind = COLUMN_BY_NAME[column].kind if column in COLUMN_BY_NAME else "text"
    if text and kind in ("int", "money", "number"):
        value = float(text)
        return int(value) if value.is_integer() else value
    if text and kind == "date":
        return datetime.strptime(text, "%Y-%m-%d")
    return text


def assert_same_cells(read: pd.DataFrame, plain: pd.DataFrame):
    """Text cells equal; number cells equal in value (a number cell holds 3 where the CSV says 3.0)."""
    for column in plain.columns:
        kind = COLUMN_BY_NAME[column].kind if column in COLUMN_BY_NAME else "text"
        if kind in ("int", "money", "number"):
            np.testing.assert_array_equal(numbers(read[column]), numbers(plain[column]), err_msg=column)
        else:
            assert read[column].tolist() == plain[column].tolist(), column


def test_an_excel_roster_with_number_and_date_cells_reads_as_the_values_staff_typed(tmp_path, sample_rows):
    from openpyxl import Workbook

    header, rows = sample_rows
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([typed_cell(c, row[c]) for c in header])
        for cell, column in zip(sheet[sheet.max_row], header):
            if COLUMN_BY_NAME.get(column) and COLUMN_BY_NAME[column].kind == "date" and cell.value:
                cell.number_format = "yyyy-mm-dd"
    path = tmp_path / "typed.xlsx"
    book.save(path)
    assert isinstance(sheet.cell(row=2, column=header.index("年龄") + 1).value, int)
    assert_same_cells(read_table(path), read_table(SAMPLE_CSV))


def test_an_excel_97_xls_roster_as_wps_saves_it_reads_the_same_as_the_csv(tmp_path, sample_rows):
    import xlwt

    header, rows = sample_rows
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for j, column in enumerate(header):
        sheet.write(0, j, column)
    for i, row in enumerate(rows, start=1):
        for j, column in enumerate(header):
            value = typed_cell(column, row[column])
            sheet.write(i, j, value, dates) if isinstance(value, datetime) else sheet.write(i, j, value)
    path = tmp_path / "roster.xls"
    book.save(str(path))
    assert_same_cells(read_table(path), read_table(SAMPLE_CSV))
    assert import_roster(path).rows_accepted == len(rows)


def test_the_clean_sample_has_no_problem_and_its_reference_date_is_read(sample_rows):
    validated = import_roster(SAMPLE_CSV)
    assert validated.reference_date == REF
    assert validated.issues.empty and validated.rows_rejected == 0
    assert validated.rows_accepted == len(sample_rows[1])


def test_age_written_as_year_difference_is_accepted_but_one_more_is_not(sample_rows):
    header, rows = sample_rows
    frame = read_table(SAMPLE_CSV)
    person = frame.index[frame["与户主关系"] != "户主"][0]
    birth = date(int(frame.at[person, "身份证号"][6:10]), int(frame.at[person, "身份证号"][10:12]),
                 int(frame.at[person, "身份证号"][12:14]))
    nominal = REF.year - birth.year
    frame.at[person, "年龄"] = str(nominal)
    assert validate(frame).issues.empty
    frame.at[person, "年龄"] = str(nominal + 1)
    assert list(validate(frame).issues["列"]) == ["年龄"]


def test_the_template_has_every_column_in_order_holds_no_person_and_keeps_id_numbers_as_text():
    from openpyxl import load_workbook

    from calculators.roster.columns import COLUMN_NAMES

    template = SAMPLE_CSV.parent / "template.xlsx"
    frame = read_table(template)
    assert [c for c in frame.columns if not c.startswith("_")] == COLUMN_NAMES
    assert len(frame) == 0, "the template is published: no person in it"
    with pytest.raises(RosterError, match="没有数据行"):
        validate(frame)
    sheet = load_workbook(template)["花名册"]
    for name in ("户编号", "身份证号"):
        letter = sheet.cell(row=1, column=COLUMN_NAMES.index(name) + 1).column_letter
        assert sheet[f"{letter}2"].number_format == "@" and sheet[f"{letter}500"].number_format == "@"
    notes = load_workbook(template)["列说明"]
    assert [row[0].value for row in notes.iter_rows(min_row=2)] == COLUMN_NAMES


def test_the_readme_documents_every_roster_column():
    from calculators.roster.columns import COLUMNS

    readme = (SAMPLE_CSV.parent / "README.md").read_text(encoding="utf-8")
    missing = [c.name for c in COLUMNS if f"| {c.name} |" not in readme]
    assert not missing
