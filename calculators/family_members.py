"""Who counts as a co-resident family member (共同生活家庭成员).

文件000 一（四）2: spouses, parents and minor children, adult children who cannot live
independently, and others with a legal duty of support living together long-term count;
religious staff living apart 3+ years, conscripts in service and prisoners in prison do not.
The text also settles four special cases, each handled here with its reason.
"""
from .household import STATUSES, Household, Member
from .sources import cite
from .trace import Trace

NOT_COUNTED = {
    "religious_apart_3y": "family.members",
    "military_service": "family.members",
    "in_prison": "family.members",
    "independent_child": "family.special_cases",
    "married_out": "family.special_cases",
}


def exclusion_reason(member: Member) -> str | None:
    """Why a member is not a co-resident family member, or None if they count.

    中文：说明某人为什么不算共同生活家庭成员；算的话不返回理由（一（四）2）。
    """
    if member.status in NOT_COUNTED:
        reason = STATUSES[member.status]
        if member.status == "independent_child":
            reason += "，不计入，但应核算其应承担的赡（抚、扶）养费"
        return reason
    if not member.co_resident:
        return "不与家庭长期共同居住"
    return None


def special_case_note(member: Member) -> str | None:
    """The special cases where the text says a member counts although one might doubt it.

    中文：文件写明要算、但容易被漏算的几种特殊情况，给出提示（一（四）2）。
    """
    if member.status == "serving_outside_prison":
        return "监外执行的服刑人员实际与家人共同生活，应计入"
    if member.relation == "child_in_law" and not member.hukou_moved_in:
        return "儿媳（女婿）户口虽未迁入，但有法定义务关系并长期共同居住，应计入"
    return None


def counted_members(household: Household, trace: Trace) -> list:
    """The members who count, with a trace line for each one left out or specially let in."""
    counted = []
    for member in household.members:
        reason = exclusion_reason(member)
        if reason:
            clause = NOT_COUNTED.get(member.status, "family.members")
            trace.add(f"不计入共同生活家庭成员：{member.id}", reason, False, cite(clause))
            continue
        note = special_case_note(member)
        if note:
            trace.add(f"计入共同生活家庭成员：{member.id}", note, True, cite("family.special_cases"))
        counted.append(member)
    return counted
