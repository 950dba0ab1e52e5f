"""特困 (extreme poverty) support, formerly 五保 (文件000 一（五）).

A rural resident qualifies who has no labour capacity, no livelihood, and no legal supporter
or none able to fulfil the duty. Standards differ for centralised and dispersed support.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .conditions import Condition
from .household import TEKUN_CARE, Household, Member
from .money import yuan
from .policy import Policy
from .sources import cite
from .trace import Trace

FAILED = {
    "hukou_not_rural": "不是农村户籍",
    "has_labour_capacity": "有劳动能力（未满60周岁、已满16周岁，且不是一、二级智力或精神残疾、一级肢体残疾）",
    "has_livelihood": "有生活来源（个人收入不低于低保标准）",
    "assets_not_compliant": "财产不符合特困人员财产状况规定",
    "has_able_supporter": "有履行义务能力的法定赡（抚、扶）养义务人",
}


@dataclass
class TekunResult:
    member: str
    eligible: bool
    failed_conditions: list = field(default_factory=list)
    care: str = "dispersed"
    standard_annual: Decimal | None = None
    standards: dict = field(default_factory=dict)
    outpatient_aid_annual: Decimal | None = None
    funeral_grant: Decimal | None = None


def lacks_labour_capacity(member: Member, policy: Policy) -> bool:
    """60+, under 16, grade 1–2 intellectual or mental disability, or grade 1 physical (一（五）1.1).

    中文：无劳动能力：60周岁以上、未满16周岁，或一、二级智力、精神残疾，或一级肢体残疾（一（五）1.1）。
    """
    d = policy.definitions
    if member.age >= d.tekun_elderly_age_from or member.age < d.tekun_minor_age_below:
        return True
    grade = member.disability_grade
    if grade is None:
        return False
    if member.disability_type in ("intellectual", "mental"):
        return grade <= d.tekun_intellectual_mental_max_grade
    return member.disability_type == "physical" and grade <= d.tekun_physical_max_grade


def is_able_co_resident_obligor(other: Member, policy: Policy) -> bool:
    """A co-resident adult of working age without severe disability is taken as able to support."""
    d = policy.definitions
    return (d.adult_age <= other.age < d.tekun_elderly_age_from
            and not other.is_severely_disabled(d.severe_disability_max_grade)
            and not other.serious_illness)


def assess_person(member: Member, household: Household, counted: list, income: Decimal,
                  able_outside_supporters: list, policy: Policy, trace: Trace) -> TekunResult:
    """Check one member against the three 特困 conditions and give the standard that applies.

    ``income`` is the member's own yearly income counted for 特困 (basic pension, medical
    insurance and welfare allowances left out, 一（五）1.2).

    中文：按特困的三个条件逐条核对一个人，并给出适用的供养标准（一（五）1）。
    """
    tekun = policy.tekun
    failed = []
    hukou = member.hukou or household.hukou
    if hukou != "rural":
        failed.append("hukou_not_rural")
    if not lacks_labour_capacity(member, policy):
        failed.append("has_labour_capacity")
    if income >= policy.dibao.standard_annual:
        failed.append("has_livelihood")
    if not household.assets_ok:
        failed.append("assets_not_compliant")
    obligors = [o.id for o in counted if o is not member and is_able_co_resident_obligor(o, policy)]
    if able_outside_supporters or obligors:
        failed.append("has_able_supporter")
    standards = {"centralized": tekun.centralized_annual, "dispersed": tekun.dispersed_annual}
    result = TekunResult(member.id, not failed, [Condition(c, FAILED[c]) for c in failed],
                         member.tekun_care, standards=standards)
    why = [f"个人收入（不含基础养老金、高龄津贴等）{yuan(income)}/年 "
           f"{'≥' if 'has_livelihood' in failed else '<'} 低保标准{yuan(policy.dibao.standard_annual)}/年"]
    if obligors:
        why.append(f"同住的{'、'.join(obligors)}为有劳动能力的成年人，视为有履行义务能力")
    if able_outside_supporters:
        why.append("户外有具备支付能力的赡养人")
    if result.eligible:
        result.standard_annual = standards[member.tekun_care]
        result.outpatient_aid_annual = tekun.outpatient_aid_annual
        if tekun.funeral_grant_basis:
            result.funeral_grant = standards[tekun.funeral_grant_basis]
        why.append(f"{TEKUN_CARE[member.tekun_care]}标准{yuan(result.standard_annual)}/年")
    else:
        why.insert(0, "不符合：" + "；".join(FAILED[c] for c in failed))
    trace.add(f"特困供养：{member.id}", "；".join(why), result.eligible, cite("tekun.conditions"))
    return result
