"""Setting the standards (文件000 一（四）5 and 一（五）5).

The 低保 standard is at least 40% and the 特困 standard at least 80% of last year's rural
per-capita consumption; standards are published by the end of March and apply from 1 April.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import to_decimal, yuan
from .policy import Policy, load_policy
from .sources import cite
from .trace import Trace

KINDS = {"dibao": ("低保", "standard.dibao"), "tekun": ("特困供养", "standard.tekun")}


@dataclass
class StandardCheck:
    kind: str
    ok: bool
    proposed_annual: Decimal
    minimum_annual: Decimal
    share: Decimal
    trace: Trace


def check_standard(proposed_annual, consumption_last_year, kind: str = "dibao",
                   policy: Policy | None = None) -> StandardCheck:
    """Is a proposed yearly standard at least the required share of last year's consumption?

    中文：检查拟定的年标准是否达到上年农村居民人均消费支出的规定比例（一（四）5；一（五）5）。
    """
    from .errors import InputError

    if kind not in KINDS:
        raise InputError("kind", "应为 dibao（低保）或 tekun（特困）")
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    proposed = to_decimal(proposed_annual, "proposed_annual", minimum=0)
    consumption = to_decimal(consumption_last_year, "consumption_last_year", minimum=0)
    limit = policy.standards.dibao_share if kind == "dibao" else policy.standards.tekun_share
    share = limit.value
    minimum = consumption * share
    ok = limit.admits(proposed, minimum)
    name, clause = KINDS[kind]
    trace = Trace()
    trace.add(f"{name}标准是否达到下限", f"拟定{yuan(proposed)}/年 {limit.sign(ok)} 上年农村居民人均消费支出"
              f"{yuan(consumption)} × {share * 100:.0f}% = {yuan(minimum)}；{limit.quoted()}", ok, cite(clause))
    return StandardCheck(kind, ok, proposed, minimum, share, trace)


def publication_deadline(year: int, policy: Policy | None = None) -> date:
    """The last day to publish the year's standards (end of March)."""
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    return date(year, *policy.standards.publish_by)


def in_force_from(year: int, policy: Policy | None = None) -> date:
    """The day the year's standards take effect (1 April)."""
    policy = policy if isinstance(policy, Policy) else load_policy(policy)
    return date(year, *policy.standards.in_force_from)


def calendar_warnings(policy: Policy) -> list:
    """Where a parameter file's period differs from the standards' calendar (一（四）5: "每年3月底前
    ……公开发布，从当年4月1日起执行"), a Chinese warning for each; an empty list when it agrees.

    A file may rightly start on another day (a standard published off-calendar, as 来凤县's of
    December 2016); the warning asks a person to check, it does not reject the file.
    """
    month, day = policy.standards.in_force_from
    start = policy.valid_from
    if (start.month, start.day) == (month, day):
        return []
    return [f"参数文件 {policy.id} 的生效日期是{start.isoformat()}，不是{month}月{day}日：标准一般每年3月底前公布、"
            f"{month}月{day}日起执行（{cite('standard.dibao')}），请核对生效日期"]


@dataclass
class FloorCheck:
    """One standard of a policy file checked against its floor (``check_standard``)."""
    label: str                # 低保标准, 特困供养标准（分散供养） …
    check: StandardCheck


def floor_checks(policy: Policy, consumption_per_person_year) -> list:
    """The file's 低保 standard against 40%, and each 特困 standard it sets against 80%, of last
    year's rural per-capita consumption (文件000 一（四）5; 一（五）5). A file without a 特困 section
    has only the 低保 check.

    中文：逐项核对参数文件的低保标准不低于上年农村居民人均消费支出的40%、特困供养标准不低于80%（一（四）5；一（五）5）。
    """
    checks = [FloorCheck("低保标准", check_standard(policy.dibao.standard_annual, consumption_per_person_year,
                                                 "dibao", policy))]
    if policy.tekun is None:
        return checks
    tekun = {"集中供养": policy.tekun.centralized_annual, "分散供养": policy.tekun.dispersed_annual}
    if len(set(tekun.values())) == 1:
        tekun = {"": policy.tekun.dispersed_annual}
    for care, amount in tekun.items():
        checks.append(FloorCheck(f"特困供养标准（{care}）" if care else "特困供养标准",
                                 check_standard(amount, consumption_per_person_year, "tekun", policy)))
    return checks
