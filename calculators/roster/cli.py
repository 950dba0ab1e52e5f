"""``python -m calculators screen``: the roster pipeline end to end."""
from __future__ import annotations

import os
import sys
from datetime import date

from ..errors import ChineseArgumentParser, InputError, shorten
from ..policy import load_policy
from .check import validate
from .columns import RosterError
from .read import read_sheet
from .report import build_reports, write_reports
from .screen import screen

def import_roster(path, reference_date: date | None = None, policy=None):
    """Read and check a roster file (steps 1 to 3); the households are then built with ``iter_households``."""
    return validate(read_sheet(path), reference_date, policy)


# -- CLI --------------------------------------------------------------------------------------

def run(roster_path, policy_id=None, output=None, reference_date=None, processes=1, show_progress=None):
    """Import, validate, screen and (if ``output``) write the reports; returns (validated, result, reports)."""
    policy = load_policy(policy_id)
    validated = validate(read_sheet(roster_path), reference_date, policy)
    result = screen(validated.frame, policy if processes == 1 else policy_id, processes, show_progress)
    if len(result.engine_issues):
        validated.reject_households(result.rejected_keys, result.engine_issues)
    reports = build_reports(result, validated, policy)
    if output:
        write_reports(reports, output)
    return validated, result, reports


def _reference_date(text):
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError("--as-of", f"“{shorten(text)}”不是有效日期（格式 YYYY-MM-DD）") from None
    if not 1949 <= day.year <= 2100:
        raise InputError("--as-of", f"“{text}”不在1949年到2100年之间")
    return day


def main(argv: list[str] | None = None) -> int:
    parser = ChineseArgumentParser(prog="python -m calculators screen",
                                     description="花名册筛查：逐户按政策参数评估，找出应保未保、保而不应、金额差异、特困候选和留守走访问题")
    parser.add_argument("roster", help="花名册文件（.xlsx、.xls、.csv、.parquet 或 Parquet 文件夹）")
    parser.add_argument("--policy", default=None, help="政策参数编号或 YAML 路径（默认 laifeng-2017）")
    parser.add_argument("-o", "--output", default=None, help="报告 Excel 路径（同时写出 <名称>_csv/ 文件夹）")
    parser.add_argument("--as-of", default=None, help="统计（参照）日期 YYYY-MM-DD（默认取花名册的“统计日期”列）")
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1), help="并行进程数")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    args = parser.parse_args(argv)
    try:
        ref = _reference_date(args.as_of)
        if not 1 <= args.processes <= 64:
            raise InputError("--processes", f"进程数应在1到64之间（填写的是{args.processes}）")
        validated, result, reports = run(args.roster, args.policy, args.output, ref, args.processes,
                                         False if args.no_progress else None)
    except RosterError as error:
        print(shorten(error.message, 300), file=sys.stderr)
        return 2
    except InputError as error:
        print(f"输入有误：{shorten(error.field, 60)}：{shorten(error.message, 300)}", file=sys.stderr)
        return 2
    except OSError as error:       # the report could not be written (folder missing, file open in Excel …)
        print(f"无法写出报告 {shorten(args.output, 80)}：{error.strerror or error}", file=sys.stderr)
        return 2
    print(validated.summary_text())
    for note in validated.notes:
        print(note)
    for name in ("应保未保", "保而不应", "金额差异", "特困候选", "留守走访"):
        print(f"{name}：{len(reports[name])}")
    if len(validated.issues):
        print(f"数据问题 {len(validated.issues)} 处，见报告“导入问题”“拒绝行”两页")
    if args.output:
        print(f"报告已写出：{args.output}")
    return 0
