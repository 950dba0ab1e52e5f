"""``python -m calculators screen`` and ``compare``: the roster pipeline end to end."""
from __future__ import annotations

import os
import sys
from datetime import date

from ..command_line import ChineseArgumentParser
from ..errors import InputError, shorten
from ..money import positive_amount
from ..policy import load_policy
from .check import validate
from .columns import RosterError
from .compare import build_comparison_reports, compare, summary_lines
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


def _handled(body, output):
    """Run a command's body; bad input is one Chinese line on stderr and exit status 2."""
    try:
        return body()
    except RosterError as error:
        print(shorten(error.message, 300), file=sys.stderr)
    except InputError as error:
        print(f"输入有误：{shorten(error.field, 60)}：{shorten(error.message, 300)}", file=sys.stderr)
    except OSError as error:       # the report could not be written (folder missing, file open in Excel …)
        print(f"无法写出报告 {shorten(output, 80)}：{error.strerror or error}", file=sys.stderr)
    return 2


def _processes(value: int) -> int:
    if not 1 <= value <= 64:
        raise InputError("--processes", f"进程数应在1到64之间（填写的是{value}）")
    return value


def roster_parser(command: str, description: str, **policy) -> ChineseArgumentParser:
    """The arguments the roster commands share: the roster, ``--policy`` (as ``policy`` says), the
    report, the reference date, processes and progress."""
    parser = ChineseArgumentParser(prog=f"python -m calculators {command}", description=description)
    parser.add_argument("roster", help="花名册文件（.xlsx、.xls、.csv、.parquet 或 Parquet 文件夹）")
    parser.add_argument("--policy", **policy)
    parser.add_argument("-o", "--output", default=None, help="报告 Excel 路径（同时写出 <名称>_csv/ 文件夹）")
    parser.add_argument("--as-of", default=None, help="统计（参照）日期 YYYY-MM-DD（默认取花名册的“统计日期”列）")
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1), help="并行进程数")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = roster_parser("screen", "花名册筛查：逐户按政策参数评估，找出应保未保、保而不应、金额差异、特困候选和留守走访问题",
                           default=None, help="政策参数编号或 YAML 路径（默认 laifeng-2017）")
    args = parser.parse_args(argv)
    return _handled(lambda: _screen_and_say(args), args.output)


def _screen_and_say(args) -> int:
    validated, result, reports = run(args.roster, args.policy, args.output, _reference_date(args.as_of),
                                     _processes(args.processes), False if args.no_progress else None)
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


# -- python -m calculators compare ------------------------------------------------------------

def policy_pair(ids: list) -> tuple:
    """The current and the proposed policy (two different files); a warning when their counties differ."""
    if len(ids or []) != 2:
        raise InputError("--policy", f"须给出两次：先现行、后拟定（给出了{len(ids or [])}个）")
    before, after = (load_policy(i) for i in ids)
    if before.id == after.id:
        raise InputError("--policy", f"现行和拟定是同一个政策文件（{before.id}），请给出两个不同的文件")
    warnings = []
    if before.jurisdiction != after.jurisdiction:
        warnings.append(f"提示：两个政策文件属于不同地区（{before.jurisdiction}、{after.jurisdiction}），"
                        "比较的是两地参数用在同一份花名册上的结果")
    return before, after, warnings


def _consumption(text):
    return None if text is None else positive_amount(text, "--consumption")


def run_compare(roster_path, policy_ids, output=None, reference_date=None, processes=1, consumption=None,
                show_progress=None):
    """Read and check the roster once, screen it under both files, compare, and (if ``output``) write
    the report; returns (validated, comparison, reports, warnings)."""
    before, after, warnings = policy_pair(policy_ids)
    validated = validate(read_sheet(roster_path), reference_date, before)
    comparison = compare(validated, before, after, processes, show_progress)
    reports = build_comparison_reports(comparison, validated, consumption)
    if output:
        write_reports(reports, output)
    return validated, comparison, reports, warnings


def compare_main(argv: list[str] | None = None) -> int:
    parser = roster_parser("compare", "新标准测算：同一份花名册按现行和拟定两个政策文件各筛查一次，"
                                      "比较费用、新纳入和退出的户、增减，并核对标准下限",
                           action="append", help="政策参数编号或 YAML 路径：给两次，先现行、后拟定")
    parser.add_argument("--consumption", default=None, help="上年农村居民人均消费支出（元/人·年），用于核对40%%/80%%下限")
    args = parser.parse_args(argv)
    return _handled(lambda: _compare_and_say(args), args.output)


def _compare_and_say(args) -> int:
    consumption = _consumption(args.consumption)
    validated, comparison, _, warnings = run_compare(
        args.roster, args.policy, args.output, _reference_date(args.as_of), _processes(args.processes),
        consumption, False if args.no_progress else None)
    for warning in warnings:
        print(warning, file=sys.stderr)
    for line in summary_lines(comparison, validated, consumption) + validated.notes:
        print(line)
    if len(validated.issues):
        print(f"数据问题 {len(validated.issues)} 处，见报告“导入问题”“拒绝行”两页")
    if args.output:
        print(f"报告已写出：{args.output}（“变化户明细”含姓名，仅供工作人员使用，不得公开）")
    return 0
