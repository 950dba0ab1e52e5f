"""``calculators.screening.main`` (what ``python -m calculators screen`` calls): exit 0 with a
summary and the reports written, exit 2 with a Chinese message for a roster it cannot read."""
from roster_files import SAMPLE_XLSX, write_csv_rows

from calculators.roster.cli import main


def test_screen_writes_the_workbook_and_csvs_and_prints_the_row_balance(tmp_path, capsys):
    out = tmp_path / "报告.xlsx"
    assert main([str(SAMPLE_XLSX), "--policy", "laifeng-2017", "-o", str(out), "--processes", "1"]) == 0
    printed = capsys.readouterr().out
    assert "读入 1277 行 = 接受 1277 行 + 拒绝 0 行" in printed
    assert out.exists() and (tmp_path / "报告_csv" / "应保未保.csv").exists()


def test_a_missing_roster_file_exits_2_with_a_chinese_message(tmp_path, capsys):
    assert main([str(tmp_path / "无此文件.xlsx")]) == 2
    captured = capsys.readouterr()
    assert "找不到花名册文件" in captured.err and captured.out == ""


def test_a_roster_without_a_required_column_exits_2_naming_the_column(tmp_path, capsys, sample_rows):
    header, rows = sample_rows
    path = tmp_path / "缺列.csv"
    write_csv_rows(path, [h for h in header if h != "年龄"], rows)
    assert main([str(path)]) == 2
    assert "年龄" in capsys.readouterr().err


def test_an_unknown_policy_exits_2(capsys):
    assert main([str(SAMPLE_XLSX), "--policy", "nowhere-1999"]) == 2
    assert "nowhere-1999" in capsys.readouterr().err


def test_a_progress_bar_goes_to_stderr_when_asked(tmp_path, capsys):
    from calculators.roster.cli import run

    run(SAMPLE_XLSX, show_progress=True)
    err = capsys.readouterr().err
    assert "筛查 [" in err and "400/400 户" in err
