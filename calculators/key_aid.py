"""Key aid (重点救助), the 低保 payment's second part (文件000 一（四）5.3).

When the township finds a 低保 household still in difficulty, each elderly, minor, severely
disabled or seriously ill member gets at least 20% of the standard a month more. Groups, rates,
age limits, rounding and whether several groups stack are parameters.
"""
from decimal import Decimal

from .household import Household, Member
from .money import ZERO, cents, round_amount, rounding_label, yuan
from .policy import KeyAidGroup, Policy
from .trace import Trace

GROUP_NAMES = {"elderly": "老年人", "minor": "未成年人", "severe_disability": "重度残疾人",
               "serious_illness": "重病患者"}


def in_key_group(member: Member, group: KeyAidGroup, policy: Policy) -> bool:
    if group.group in ("elderly", "minor"):
        return group.age.admits(member.age)
    if group.group == "severe_disability":
        return member.is_severely_disabled(policy.definitions.severe_disability_max_grade)
    return member.serious_illness


def group_amount(group: KeyAidGroup, policy: Policy) -> Decimal:
    """Rate × monthly standard, rounded as the county says (to the fen if it says nothing)."""
    rounding = policy.dibao.key_aid.rounding
    amount = group.rate * policy.dibao.standard_monthly
    return cents(amount) if rounding.mode == "none" else round_amount(amount, rounding.unit, rounding.mode)


def member_key_aid(member: Member, policy: Policy, trace: Trace) -> Decimal:
    """One member's key aid: the highest group amount, or the sum where the county stacks them.

    中文：一位成员的重点救助金：属于几类时按金额最高的一类发，县里规定可以叠加的就相加（一（四）5.3）。
    """
    key_aid = policy.dibao.key_aid
    groups = [g for g in key_aid.groups if in_key_group(member, g, policy)]
    if not groups:
        return ZERO
    amounts = [(g, group_amount(g, policy)) for g in groups]
    if key_aid.combine == "sum":
        total = sum((a for _, a in amounts), ZERO)
        how = "多类累加"
    else:
        total = max(a for _, a in amounts)
        how = "按最高一类" if len(amounts) > 1 else ""
    parts = "；".join(f"{GROUP_NAMES[g.group]} {g.rate * 100:.0f}% × 月标准{yuan(policy.dibao.standard_monthly)}"
                      f" → {rounding_label(key_aid.rounding.unit, key_aid.rounding.mode)} = {yuan(a)}"
                      for g, a in amounts)
    trace.add(f"重点救助：{member.id}", parts + (f"（{how}）" if how else ""), total,
              policy.source("dibao.key_aid"))
    return total


def household_key_aid(members: list, household: Household, policy: Policy, trace: Trace) -> dict:
    """Key aid per counted member of an eligible household ({member id: monthly amount})."""
    if policy.dibao.key_aid is None:
        trace.note("重点救助", "本政策文件未设重点救助，此项不适用", f"参数 {policy.id}")
        return {}
    if household.is_summary:
        trace.add("重点救助", "简易估算未逐人填写，无法确定老年人、未成年人、重残、重病成员，重点救助按0元计", ZERO,
                  policy.source("dibao.key_aid"))
        return {}
    if not household.still_in_difficulty:
        trace.add("重点救助", "乡镇未认定该户纳入低保后生活仍有困难，不发重点救助金", ZERO,
                  policy.source("dibao.key_aid"))
        return {}
    return {m.id: member_key_aid(m, policy, trace) for m in members}
