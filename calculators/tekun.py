"""特困 (extreme poverty) support, formerly 五保 (文件000 一（五）).

A rural resident qualifies who has no labour capacity, no livelihood, and no legal supporter
or none able to fulfil the duty. A supporter is unable only in the cases 一（五）1.3 lists
(the closed list in ``UNABLE_CASES``; the province's other cases are a county parameter).
Standards differ for centralised and dispersed support.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .conditions import Condition
from .errors import InputError
from .household import SUPPORTER_CATEGORIES, TEKUN_CARE, Household, Member, Supporter
from .money import ZERO, yuan
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
    obligors: list = field(default_factory=list)   # Obligor per legal obligor (一（五）1.3)


def lacks_labour_capacity(member: Member, policy: Policy) -> bool:
    """60+, under 16, grade 1–2 intellectual or mental disability, or grade 1 physical (一（五）1.1).

    中文：无劳动能力：60周岁以上、未满16周岁，或一、二级智力、精神残疾，或一级肢体残疾（一（五）1.1）。
    """
    d = policy.definitions
    if d.tekun_elderly_age_from.admits(member.age) or d.tekun_minor_age_below.admits(member.age):
        return True
    grade = member.disability_grade
    if grade is None:
        return False
    if member.disability_type in ("intellectual", "mental"):
        return grade <= d.tekun_intellectual_mental_max_grade
    return member.disability_type == "physical" and grade <= d.tekun_physical_max_grade


# 一（五）1.3: the only cases in which a legal obligor is unable to fulfil the duty.
UNABLE_CASES = {
    "meets_tekun": "一（五）1.3（1）本人具备特困人员条件",
    "elderly_or_disabled_on_dibao": "一（五）1.3（2）60周岁以上或者重度残疾的最低生活保障对象，且财产符合规定",
    "incapable_missing_or_in_prison": "一（五）1.3（3）无民事行为能力、被宣告失踪或者在监狱服刑，且财产符合规定",
    "province_case": "一（五）1.3（4）省人民政府规定的其他情形",
}


@dataclass
class Obligor:
    id: str
    able: bool
    case: str | None = None      # the UNABLE_CASES code that makes the obligor unable
    why: str = ""

    def to_dict(self) -> dict:
        return {"id": self.id, "able": self.able, "case": self.case, "why": self.why}


@dataclass
class TekunFacts:
    """What the 特困 test needs beyond the household: each member's own 特困 income, and who is on 低保."""
    income: dict                 # member id -> yearly income counted for 特困 (一（五）1.2)
    dibao_recipients: set        # member ids taken as 最低生活保障对象 (from the 低保 assessment)
    meeting: set = field(default_factory=set)   # member ids who meet the 特困 conditions (see meeting_tekun)


def legal_obligors(member: Member, household: Household, policy: Policy) -> list:
    """The person's legal obligors among the members: every other adult listed on the form.

    Spouse, adult children (in-laws included, 一（四）2), parents, grandchildren and siblings
    can all owe 赡养、抚养、扶养; whether they live with the person does not change the duty.
    """
    return [o for o in household.members if o is not member and policy.definitions.adult_age.admits(o.age)]


def province_case(code, policy: Policy, where: str):
    """A province-set case (1.3（4）) named by its code, checked against the county parameter."""
    cases = policy.definitions.tekun_obligor_other_cases
    if code not in cases:
        known = "、".join(cases) or "本县未规定其他情形"
        raise InputError(where, f"“{code}”不是本县规定的其他情形（{known}）")
    return cases[code]


def member_other_case(o: Member, household: Household, facts: TekunFacts, policy: Policy) -> tuple:
    """Cases 1.3（2）–（4） for a member-obligor: (case code or None, the facts that decide it).

    中文：家庭成员作为法定义务人时，看是否属于“视为无履行义务能力”的第（2）至（4）种情形（一（五）1.3（2）—（4））。
    """
    d = policy.definitions
    on_dibao = o.id in facts.dibao_recipients if o.dibao_recipient is None else o.dibao_recipient
    old = d.tekun_obligor_elderly_age_from.admits(o.age)
    severe = o.is_severely_disabled(d.severe_disability_max_grade)
    if (old or severe) and on_dibao and household.assets_ok:
        return "elderly_or_disabled_on_dibao", f"{o.age}岁{'、重度残疾' if severe else ''}，是低保对象"
    if (o.no_civil_capacity or o.declared_missing or o.status == "in_prison") and household.assets_ok:
        what = "无民事行为能力" if o.no_civil_capacity else "被宣告失踪" if o.declared_missing else "在监狱服刑"
        return "incapable_missing_or_in_prison", what
    if o.obligor_case:
        return "province_case", province_case(o.obligor_case, policy, f"members.{o.id}.obligor_case")
    if old or severe:
        return None, f"{o.age}岁{'、重度残疾' if severe else ''}，但不是低保对象，不属于一（五）1.3所列情形"
    return None, "不属于一（五）1.3所列情形"


def supporter_unable_case(s: Supporter, policy: Policy) -> tuple:
    """The 1.3 case of a supporter outside the household, from the facts the form gives about them."""
    on_dibao = s.dibao_recipient or s.category == "dibao_family"
    old = s.age is not None and policy.definitions.tekun_obligor_elderly_age_from.admits(s.age)
    if s.meets_tekun:
        return "meets_tekun", "本人具备特困人员条件"
    if (old or s.severely_disabled) and on_dibao and s.assets_ok:
        return "elderly_or_disabled_on_dibao", "60周岁以上或重度残疾的低保对象"
    if s.category in ("no_civil_capacity", "missing", "in_prison") and s.assets_ok:
        return "incapable_missing_or_in_prison", SUPPORTER_CATEGORIES[s.category]
    if s.obligor_case:
        return "province_case", province_case(s.obligor_case, policy, "supporters.obligor_case")
    return None, "不属于一（五）1.3所列情形"


def own_conditions(member: Member, household: Household, facts: TekunFacts, policy: Policy) -> bool:
    """Rural hukou, no labour capacity, no livelihood, compliant assets: 特困 before the obligors.

    No livelihood: "收入总和低于全州最低生活保障标准" (一（五）1.2); "低于" excludes the number.
    """
    return ((member.hukou or household.hukou) == "rural" and lacks_labour_capacity(member, policy)
            and facts.income.get(member.id, ZERO) < policy.dibao.standard_annual and household.assets_ok)


def meeting_tekun(household: Household, facts: TekunFacts, policy: Policy) -> set:
    """The members who meet the 特困 conditions, obligors included (for case 1.3（1））.

    A member meets them when the member's own conditions hold and every obligor is unable. Two
    members can each be the other's obligor (an old couple): the answer is the largest set in
    which everyone's obligors are unable, found by dropping anyone with an able obligor until
    nobody is dropped.
    """
    meeting = {m.id for m in household.members if own_conditions(m, household, facts, policy)}
    other = {m.id: member_other_case(m, household, facts, policy)[0] for m in household.members}
    outside_able = any(supporter_unable_case(s, policy)[0] is None for s in household.supporters)
    changed = True
    while changed:
        changed = False
        for m in household.members:
            if m.id in meeting and (outside_able or any(
                    o.id not in meeting and other[o.id] is None for o in legal_obligors(m, household, policy))):
                meeting.discard(m.id)
                changed = True
    return meeting


def obligors_able(member: Member, household: Household, facts: TekunFacts, policy: Policy) -> list:
    """Each legal obligor of the person, able or not, with the 1.3 case that makes them unable."""
    found = []
    for o in legal_obligors(member, household, policy):
        if o.id in facts.meeting:
            found.append(Obligor(o.id, False, "meets_tekun", "本人无劳动能力、无生活来源，也没有有能力的义务人"))
            continue
        case, why = member_other_case(o, household, facts, policy)
        found.append(Obligor(o.id, case is None, case, why))
    for i, s in enumerate(household.supporters):
        case, why = supporter_unable_case(s, policy)
        found.append(Obligor(s.name or f"赡养人{i + 1}", case is None, case, why))
    return found


def obligor_line(o: Obligor) -> str:
    if o.able:
        return f"{o.id}：{o.why}，视为有履行义务能力"
    return f"{o.id}：属于{UNABLE_CASES[o.case]}（{o.why}），无履行义务能力"


def assess_person(member: Member, household: Household, facts: TekunFacts, policy: Policy,
                  trace: Trace) -> TekunResult:
    """Check one member against the three 特困 conditions and give the standard that applies.

    The member's own yearly income counted for 特困 (basic pension, medical insurance and welfare
    allowances left out, 一（五）1.2) is in ``facts``. A legal obligor counts as unable only in the
    cases 一（五）1.3 lists; any other obligor is able, and the person is then not 特困.

    中文：按特困的三个条件逐条核对一个人，并给出适用的供养标准（一（五）1）。
    """
    tekun = policy.tekun
    income = facts.income.get(member.id, ZERO)
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
    obligors = obligors_able(member, household, facts, policy)
    if any(o.able for o in obligors):
        failed.append("has_able_supporter")
    standards = {"centralized": tekun.centralized_annual, "dispersed": tekun.dispersed_annual}
    result = TekunResult(member.id, not failed, [Condition(c, FAILED[c]) for c in failed],
                         member.tekun_care, standards=standards, obligors=obligors)
    if obligors:
        trace.add(f"特困义务人：{member.id}", "；".join(obligor_line(o) for o in obligors),
                  not any(o.able for o in obligors), cite("tekun.obligor"))
    why = [f"个人收入（不含基础养老金、高龄津贴等）{yuan(income)}/年 "
           f"{'≥' if 'has_livelihood' in failed else '<'} 低保标准{yuan(policy.dibao.standard_annual)}/年"]
    why.append("有履行义务能力的义务人：" + "、".join(o.id for o in obligors if o.able) if "has_able_supporter" in failed
               else "法定义务人均无履行义务能力" if obligors else "无法定义务人")
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
