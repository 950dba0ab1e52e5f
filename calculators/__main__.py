"""Command line: ``python -m calculators assess HOUSEHOLD.json`` and friends.

Bad input exits with status 2 and one Chinese line naming the field on stderr; stdout then
stays empty, so a script can trust whatever it reads there.
"""
import argparse
import json
import sys
from datetime import date

from .assessment import assess
from .command_line import ChineseArgumentParser
from .errors import InputError, shorten
from .input_files import decode, parse_json, read_file
from .policy import bundle_policies, list_policies, load_policy
from .proposal import write_proposal
from .review import check_review, publicity_schedule
from .investigation import check_investigation
from .sources import cite
from .standards import calendar_warnings, check_standard, publication_deadline
from .temporary_aid import check_temporary_aid
from .trace import json_value


FIRST_YEAR, LAST_YEAR = 1949, 2100     # dates outside these years are typing errors


def _date(text: str, field: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"“{shorten(text)}”不是有效日期（格式 YYYY-MM-DD）") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(field, f"“{text}”不在{FIRST_YEAR}年到{LAST_YEAR}年之间")
    return day


def _read_household(path: str) -> dict:
    if path == "-":
        text = decode(sys.stdin.buffer.read(), "household")
    else:
        text = read_file(path, "household")
    return parse_json(text, "household")


def _print(data, fmt: str, text: str):
    print(text if fmt == "text" else json.dumps(data, ensure_ascii=False, indent=2, default=json_value))


def cmd_assess(args) -> int:
    household = _read_household(args.household)
    as_of = _date(args.as_of, "as_of") if args.as_of is not None else None
    result = assess(household, args.policy, as_of)
    _print(result.to_dict(), args.format, result.to_text())
    return 0


def cmd_policies(args) -> int:
    if args.bundle:
        print(bundle_policies(args.bundle))
        return 0
    policies = list_policies()
    rows = [{"id": p.id, "name": p.name, "jurisdiction": p.jurisdiction, "valid_from": p.valid_from.isoformat(),
             "valid_until": p.valid_until.isoformat() if p.valid_until else None,
             "method": p.dibao.payment.method, "standard_annual": json_value(p.dibao.standard_annual),
             "warnings": calendar_warnings(p)}
            for p in policies]
    text = "\n".join(f"{r['id']}\t{r['name']}\t{r['valid_from']}—{r['valid_until'] or '至今'}" for r in rows)
    _print(rows, args.format, text)
    for row in rows:
        for warning in row["warnings"]:
            print(f"提示：{warning}", file=sys.stderr)
    return 0


def cmd_investigation(args) -> int:
    check = check_investigation(args.team, args.township, args.village, args.signatures, load_policy(args.policy))
    data = {"valid": check.valid, "failed_conditions": [c.to_dict() for c in check.failed_conditions],
            "trace": [s.to_dict() for s in check.trace.steps]}
    text = ("入户调查符合规定" if check.valid else "入户调查不符合规定：" + "；".join(c.text for c in check.failed_conditions))
    _print(data, args.format, text + "\n" + "\n".join(f"- {s.label}：{s.formula}" for s in check.trace.steps))
    return 0


def cmd_review(args) -> int:
    result = check_review(args.members, args.representatives, args.present, load_policy(args.policy))
    data = {"valid": result.valid, "failed_conditions": [c.to_dict() for c in result.failed_conditions],
            "trace": [s.to_dict() for s in result.trace.steps]}
    text = ("评议有效" if result.valid else "评议无效：" + "；".join(c.text for c in result.failed_conditions))
    _print(data, args.format, text + "\n" + "\n".join(f"- {s.label}：{s.formula}" for s in result.trace.steps))
    return 0


def cmd_publicity(args) -> int:
    county = _date(args.county_start, "county_start") if args.county_start is not None else None
    periods = publicity_schedule(_date(args.start, "start"), load_policy(args.policy), county)
    data = [{"stage": p.stage, "label": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(),
             "days": p.days, "source": p.source} for p in periods]
    _print(data, args.format, "\n".join(f"{p.label}：{p.start}至{p.end}（{p.days}天）" for p in periods))
    return 0


def cmd_standard(args) -> int:
    check = check_standard(args.proposed, args.consumption, args.kind, load_policy(args.policy))
    data = {"ok": check.ok, "kind": check.kind, "proposed_annual": json_value(check.proposed_annual),
            "minimum_annual": json_value(check.minimum_annual), "trace": [s.to_dict() for s in check.trace.steps]}
    _print(data, args.format, check.trace.steps[0].formula)
    return 0


def cmd_temporary_aid(args) -> int:
    check = check_temporary_aid(load_policy(args.policy), args.urgent, args.hours, args.raise_amount,
                                args.reserve, args.applying)
    data = {"ok": check.ok, "failed_conditions": [c.to_dict() for c in check.failed_conditions],
            "aid_before_approval": check.aid_before_approval, "trace": [s.to_dict() for s in check.trace.steps]}
    text = ("符合规定" if check.ok else "不符合：" + "；".join(c.text for c in check.failed_conditions))
    _print(data, args.format, text + "\n" + "\n".join(f"- {s.label}：{s.formula}" for s in check.trace.steps))
    return 0


def cmd_screen(argv) -> int:
    from .roster.cli import main   # pandas lives at the edge

    return main(argv)


def cmd_compare(argv) -> int:
    from .roster.cli import compare_main   # pandas lives at the edge

    return compare_main(argv)


def _tier(text: str) -> tuple:
    """``--tier 110:363`` (per-capita monthly income up to 110 元: 363 元 per person per month);
    the last tier may have no upper edge: ``--tier 以上:66``."""
    up_to, sep, amount = text.partition(":")
    if not sep:
        raise InputError("--tier", f"“{shorten(text)}”应写成 上限:金额，如 110:363（最后一档可写 以上:66）")
    return (None if up_to.strip() in ("以上", "-", "") else up_to.strip()), amount.strip()


def cmd_propose(args) -> int:
    figures = {"standard_annual": args.standard, "valid_from": args.valid_from, "valid_until": args.valid_until,
               "tekun_standard": args.tekun_standard, "tekun_centralized": args.tekun_centralized,
               "tekun_dispersed": args.tekun_dispersed, "new_id": args.id,
               "tiers": [_tier(t) for t in args.tier] if args.tier else None}
    path, policy = write_proposal(args.base, args.output, args.force, **figures)
    data = {"path": str(path), "id": policy.id, "valid_from": policy.valid_from.isoformat(),
            "standard_annual": json_value(policy.dibao.standard_annual), "changes": list(policy.changes)}
    deadline = publication_deadline(policy.valid_from.year, policy)
    text = "\n".join([f"已写出 {path}（{policy.id}，{policy.valid_from} 起）", *policy.changes,
                      "发布前请把文件中的“待填写”换成发布文件的名称和文号；"
                      f"标准应于{deadline.month}月{deadline.day}日前公布（{cite('standard.dibao')}）"])
    _print(data, args.format, text)
    for warning in calendar_warnings(policy):
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    root = ChineseArgumentParser(prog="python -m calculators", description="兜底手册规则引擎：低保、特困、三留守")
    sub = root.add_subparsers(dest="command", required=True, parser_class=ChineseArgumentParser)

    def common(p, policy=True):
        p.add_argument("--format", choices=("json", "text"), default="json", help="输出格式：json 或 text（中文说明）")
        if policy:
            p.add_argument("--policy", help="政策文件编号（如 laifeng-2017）或 YAML 文件路径；默认来凤县")
        return p

    p = common(sub.add_parser("assess", help="评估一户：低保、特困、三留守"))
    p.add_argument("household", help="家庭 JSON 文件路径，- 表示标准输入")
    p.add_argument("--as-of", help="评估日期 YYYY-MM-DD：选用当日有效的政策版本")
    p.set_defaults(run=cmd_assess)
    p = common(sub.add_parser("policies", help="列出政策文件"), policy=False)
    p.add_argument("--bundle", help="把全部政策文件写成一个 JSON（供浏览器使用）")
    p.set_defaults(run=cmd_policies)
    p = common(sub.add_parser("investigation", help="入户调查：调查组人数、乡村两级人员、签字人数"))
    p.add_argument("--team", type=int, required=True, help="调查组人数")
    p.add_argument("--township", type=int, required=True, help="其中乡镇（街道）工作人员人数")
    p.add_argument("--village", type=int, required=True, help="其中村（居）委会工作人员人数")
    p.add_argument("--signatures", type=int, required=True, help="签字确认的调查人员和被调查对象人数")
    p.set_defaults(run=cmd_investigation)
    p = common(sub.add_parser("review", help="民主评议是否有效"))
    p.add_argument("--members", type=int, required=True, help="评议小组人数")
    p.add_argument("--representatives", type=int, required=True, help="其中村（居）民代表人数")
    p.add_argument("--present", type=int, required=True, help="到会人数")
    p.set_defaults(run=cmd_review)
    p = common(sub.add_parser("publicity", help="公示期"))
    p.add_argument("start", help="乡镇公示开始日期 YYYY-MM-DD")
    p.add_argument("--county-start", help="县级公示开始日期（默认乡镇公示期满次日）")
    p.set_defaults(run=cmd_publicity)
    p = common(sub.add_parser("standard", help="核对拟定标准是否达到下限"))
    p.add_argument("--proposed", required=True, help="拟定标准（元/人·年）")
    p.add_argument("--consumption", required=True, help="上年农村居民人均消费支出（元）")
    p.add_argument("--kind", choices=("dibao", "tekun"), default="dibao")
    p.set_defaults(run=cmd_standard)
    p = common(sub.add_parser("temporary-aid", help="临时救助：24小时先行救助、限额上浮、乡镇备用金"))
    p.add_argument("--urgent", action="store_true", help="急难对象")
    p.add_argument("--hours", help="从发现到先行救助用了几小时")
    p.add_argument("--raise", dest="raise_amount", help="疫情期间急难型临时救助限额上浮多少元")
    p.add_argument("--reserve", help="乡镇（街道）临时救助备用金（元）")
    p.add_argument("--applying", action="store_true", help="正在申请低保或特困供养")
    p.set_defaults(run=cmd_temporary_aid)
    p = common(sub.add_parser("propose", help="拟定新标准：由现行参数文件生成新一年的参数文件"), policy=False)
    p.add_argument("--from", dest="base", required=True, help="现行政策文件编号或路径（如 laifeng-2017）")
    p.add_argument("--standard", required=True, help="拟定低保标准（元/人·年）")
    p.add_argument("--valid-from", help="生效日期 YYYY-MM-DD（默认现行文件失效的次日，或次年4月1日）")
    p.add_argument("--valid-until", help="失效日期 YYYY-MM-DD（默认不填：至今有效）")
    p.add_argument("--tekun-standard", help="拟定特困供养标准（元/人·年，集中和分散供养同一金额）")
    p.add_argument("--tekun-centralized", help="拟定特困集中供养标准（元/人·年）")
    p.add_argument("--tekun-dispersed", help="拟定特困分散供养标准（元/人·年）")
    p.add_argument("--tier", action="append", help="按档补差的县：重划一档，上限:金额（元/月），逐档重复；"
                                                   "不给则各档随标准同比例调整")
    p.add_argument("--id", help="新文件编号（默认 <地区>-<生效年份>）")
    p.add_argument("-o", "--output", help="写到此路径（默认 data/policies/<编号>.yaml）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(run=cmd_propose)
    sub.add_parser("compare", help="新标准测算（python -m calculators compare ROSTER --policy 现行 --policy 拟定）",
                   add_help=False)
    sub.add_parser("screen", help="花名册筛查（python -m calculators screen ROSTER --policy ID -o REPORT.xlsx）",
                   add_help=False)
    return root


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["screen"]:
            return cmd_screen(argv[1:])
        if argv[:1] == ["compare"]:
            return cmd_compare(argv[1:])
        args = parser().parse_args(argv)
        return args.run(args)
    except SystemExit as stop:       # argparse: --help (0) or a usage error, already said in Chinese (2)
        return stop.code if isinstance(stop.code, int) else 2
    except InputError as error:
        print(f"输入有误：{shorten(error.field, 60)}：{shorten(error.message, 300)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
