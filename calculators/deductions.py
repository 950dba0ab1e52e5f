"""Income deductions (家庭收入的核减).

文件000 一（四）3.3: part of a member's standing in the household is taken off the counted
income, as a multiple of the standard: 200% for severe disability or major illness; 100% for
men 60+, women 55+, minors of 16 or under raised by a single parent (or de facto without parents)
and full-time students 16+; 50% for disabled people placed in employment and members of a
pure-daughter family. One member gets only the highest; different members' deductions add up.
"""
from dataclasses import dataclass
from decimal import Decimal

from .household import Household, Member
from .money import ZERO, yuan
from .policy import DeductionGroup, Policy
from .sources import cite
from .trace import Trace

GROUP_NAMES = {"severe_disability_or_illness": "重度残疾人或重特大疾病患者", "severe_disability": "重度残疾人",
               "serious_illness": "重特大疾病患者", "elderly": "老年人",
               "single_parent_minor": "单亲家庭（或事实无人抚养）的未成年人", "student": "全日制在校学生",
               "placed_employment_disabled": "被安置就业的残疾人", "pure_daughter_family": "计划生育纯女户成员"}
GROUP_CLAUSES = {"severe_disability_or_illness": "deductions.severe", "severe_disability": "deductions.severe",
                 "serious_illness": "deductions.severe", "elderly": "deductions.full",
                 "single_parent_minor": "deductions.full", "student": "deductions.full",
                 "placed_employment_disabled": "deductions.half", "pure_daughter_family": "deductions.half"}


@dataclass
class MemberDeduction:
    member: str
    group: str | None
    rate: Decimal
    annual: Decimal


def age_limit(params: dict):
    """A group's age limit: ``age`` as the clause words it (an older file's ``age_below``/``age_from``)."""
    return next(params[k] for k in ("age", "age_below", "age_from") if k in params)


def in_group(member: Member, household: Household, group: DeductionGroup, policy: Policy) -> bool:
    """Does the member belong to a deduction group? Age limits come from the policy file.

    The ages are compared as 一（四）3.3（2） words them: "男性年满60周岁、女性年满55周岁" and
    "16周岁以上全日制在校学生" include the age itself, and so does "16周岁以下未成年人": a child of
    exactly 16 raised by a single parent is deducted.
    """
    p = group.params
    severe = member.is_severely_disabled(policy.definitions.severe_disability_max_grade)
    if group.group == "severe_disability_or_illness":
        return severe or member.serious_illness
    if group.group == "severe_disability":
        return severe
    if group.group == "serious_illness":
        return member.serious_illness
    if group.group == "elderly":
        return p["male_age_from" if member.sex == "male" else "female_age_from"].admits(member.age)
    if group.group == "single_parent_minor":
        return member.single_parent_minor and age_limit(p).admits(member.age)
    if group.group == "student":
        return member.full_time_student and age_limit(p).admits(member.age)
    if group.group == "placed_employment_disabled":
        return member.placed_employment_disabled
    return household.pure_daughter_family   # pure_daughter_family


def deduction_amount(group: DeductionGroup, policy: Policy) -> Decimal:
    """The yearly amount a group takes off: its rate × the annual standard."""
    return group.rate * policy.dibao.standard_annual


def member_deduction(member: Member, household: Household, policy: Policy, trace: Trace) -> MemberDeduction:
    """The member's deduction: the highest group they belong to, times the annual standard.

    中文：成员同时属于几类核减对象时，只按倍数最高的一类核减：倍数 × 年低保标准（一（四）3.3 末段）。
    """
    groups = [g for g in policy.dibao.deductions if in_group(member, household, g, policy)]
    if not groups:
        return MemberDeduction(member.id, None, ZERO, ZERO)
    best = max(groups, key=lambda g: g.rate)
    amount = deduction_amount(best, policy)
    also = [GROUP_NAMES[g.group] for g in groups if g is not best]
    formula = f"{GROUP_NAMES[best.group]}：{best.rate * 100:.0f}% × 年标准{yuan(policy.dibao.standard_annual)}"
    if also:
        formula += f"（同时属于{'、'.join(also)}，按核减标准高的一项）"
    trace.add(f"收入核减：{member.id}", formula, amount,
              cite(GROUP_CLAUSES[best.group]) + ("；" + cite("deductions.highest") if also else ""))
    return MemberDeduction(member.id, best.group, best.rate, amount)


def household_deductions(members: list, household: Household, policy: Policy, trace: Trace) -> list:
    """Each counted member's deduction (summed by the caller across members).

    中文：列出每位计入家庭的成员各自核减多少收入，合计后从家庭收入中减去（一（四）3.3）。
    """
    if policy.dibao.deductions is None:
        trace.note("收入核减", "本政策文件未设收入核减，此项不适用", f"参数 {policy.id}")
        return [MemberDeduction(m.id, None, ZERO, ZERO) for m in members]
    return [member_deduction(m, household, policy, trace) for m in members]
