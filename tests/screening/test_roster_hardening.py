"""Headers written another way, merged cells and empty findings change nothing but the notes."""
from roster_files import SAMPLE_CSV, read_csv_rows, write_csv_rows

from calculators.roster.cli import run

SHEETS = ["概况", "乡镇汇总", "应保未保", "保而不应", "金额差异", "特困候选", "留守走访", "安全提示", "导入问题", "拒绝行"]


def screened(path):
    validated, result, reports = run(path, "laifeng-2017")
    return validated, result.households.to_dict("records"), reports


def test_full_width_header_brackets_give_the_same_result_as_the_template_headers(tmp_path):
    header, rows = read_csv_rows(SAMPLE_CSV)
    wide = [h.replace("(", "（").replace(")", "）") for h in header]
    path = tmp_path / "wide.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(wide) + "\n")
    write_csv_rows(tmp_path / "body.csv", header, rows)
    body = (tmp_path / "body.csv").read_text(encoding="utf-8-sig").split("\n", 1)[1]
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write(body)
    _, template, template_reports = screened(SAMPLE_CSV)
    validated, wide_result, wide_reports = screened(path)
    assert wide_result == template
    for name in SHEETS[1:]:
        assert wide_reports[name].equals(template_reports[name]), name
    assert any("表头按模板理解" in note for note in validated.notes)


def test_a_roster_with_no_left_behind_person_gets_every_report_sheet(tmp_path, sample_rows):
    header, rows = sample_rows
    key = rows[0]["户编号"]
    path = tmp_path / "one.csv"
    write_csv_rows(path, header, [r for r in rows if r["户编号"] == key])
    validated, households, reports = screened(path)
    assert list(reports) == SHEETS and len(reports["留守走访"]) == 0 and len(households) == 1


def test_a_roster_whose_every_row_is_rejected_gets_every_report_sheet(tmp_path, sample_rows):
    header, rows = sample_rows
    bad = [dict(r, 性别="未知") for r in rows[:30]]
    path = tmp_path / "bad.csv"
    write_csv_rows(path, header, bad)
    validated, households, reports = screened(path)
    assert list(reports) == SHEETS and households == []
    assert validated.rows_read == validated.rows_rejected == 30


def test_merged_household_cells_are_filled_and_give_the_same_result(tmp_path, sample_rows):
    import openpyxl

    header, rows = sample_rows
    cut = next(i for i in range(60, len(rows)) if rows[i]["户编号"] != rows[i - 1]["户编号"])
    rows = rows[:cut]                         # whole households only
    plain, merged = openpyxl.Workbook(), openpyxl.Workbook()
    plain.active.append(header)
    merged.active.append(header)
    start = 0
    for i, row in enumerate(rows):
        plain.active.append([row[h] for h in header])
        first = i == start
        merged.active.append([row[h] if first or h not in ("户编号", "乡镇", "村") else None for h in header])
        last = i + 1 == len(rows) or rows[i + 1]["户编号"] != row["户编号"]
        if last:
            if i > start:
                for column in ("户编号", "乡镇", "村"):
                    c = header.index(column) + 1
                    merged.active.merge_cells(start_row=start + 2, start_column=c, end_row=i + 2, end_column=c)
            start = i + 1
    plain.save(tmp_path / "plain.xlsx")
    merged.save(tmp_path / "merged.xlsx")
    _, expected, _ = screened(tmp_path / "plain.xlsx")
    validated, got, _ = screened(tmp_path / "merged.xlsx")
    assert got == expected and validated.rows_rejected == 0
    assert any("合并单元格" in note for note in validated.notes)
