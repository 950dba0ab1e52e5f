"""Safeguarding alerts for staff (寿政秘〔2016〕278号): a child or an elder who may be at risk.

These are duties to act, not benefits: the alert names the person, the clause and what staff
must do. They are for staff only (the CLI, the staff calculators, the screening report) and never
appear on a public page.

- 三（一）1: "不得让不满十六周岁的儿童脱离监护单独居住生活"; 三（一）4 强制报告: whoever finds a
  child living alone without guardianship "应当在第一时间向公安机关报告"; 三（一）5: the emergency flow.
- 三（二）1: "对患有严重疾病、已经丧失自理能力老年人，家庭内部应协商至少留下1名子女在家照料".
- 三（一）1、7: parents away must entrust guardianship; "拒不履行监护职责六个月以上、导致农村留守儿童
  生活无着的" leads to a petition to revoke guardianship.
"""
from dataclasses import dataclass

from .household import Household, Member
from .left_behind import children_of, is_migrant, parent_readings
from .policy import Policy
from .sources import cite

ACTIONS = {
    "child_without_guardian": "强制报告：发现后应当第一时间向公安机关报告；按应急处置，责令父母立即返回或确定受委托监护人，"
                              "联系不上父母的，就近护送至近亲属、村（居）民委员会或救助管理机构、福利机构临时监护照料",
    "ill_elder_children_away": "子女均外出：督促家庭协商至少留下子女在家照料，或委托有能力的人代为照顾，并向村（居）委会报告去向；"
                               "乡镇组织风险评估、实施关爱救助",
    "guardianship_not_arranged": "父母外出已满六个月仍未委托监护：村（居）委会督促落实受委托监护人、签订委托监护协议；"
                                 "拒不履行监护职责六个月以上、致使儿童生活无着的，可依法申请撤销监护人资格",
}


@dataclass
class Alert:
    code: str
    member: str
    text: str          # what was found and what staff must do
    source: str

    def to_dict(self) -> dict:
        return {"code": self.code, "member": self.member, "text": self.text, "source": self.source}


def at_home(m: Member, policy: Policy) -> bool:
    return m.co_resident and not is_migrant(m, policy)


def child_without_guardian(child: Member, household: Household, policy: Policy) -> Alert | None:
    """A child under 16 at home with no capable adult at home (三（一）1、4、5)."""
    rules = policy.safeguarding
    if not rules.child_alone_age.admits(child.age) or not at_home(child, policy):
        return None
    adults = [m for m in household.members if m is not child and policy.definitions.adult_age.admits(m.age)
              and at_home(m, policy) and m.guardian_capable]
    if adults:
        return None
    return Alert("child_without_guardian", child.id, f"{child.id}（{child.age}岁）家中没有有监护能力的成年人。"
                 + ACTIONS["child_without_guardian"], cite("safeguarding.alone"))


def ill_elder_children_away(elder: Member, household: Household, policy: Policy) -> Alert | None:
    """A seriously ill or severely disabled elder whose children are all away (三（二）1)."""
    if not policy.left_behind.elderly_age_from.admits(elder.age) or not at_home(elder, policy):
        return None
    if not (elder.serious_illness or elder.is_severely_disabled(policy.definitions.severe_disability_max_grade)):
        return None
    children = children_of(elder, household)
    home = [c for c in children if at_home(c, policy)]
    if not children or policy.safeguarding.elder_children_home_min.admits(len(home)):
        return None
    return Alert("ill_elder_children_away", elder.id, f"{elder.id}（{elder.age}岁，重病或重度残疾）的子女"
                 f"{'、'.join(c.id for c in children)}均不在家。" + ACTIONS["ill_elder_children_away"],
                 cite("safeguarding.elder"))


def guardianship_not_arranged(child: Member, household: Household, policy: Policy) -> Alert | None:
    """Parents away six months or more and no guardianship entrusted (三（一）1、7)."""
    rules = policy.safeguarding
    if child.guardian_arranged is not False or not rules.child_alone_age.admits(child.age):
        return None
    readings = parent_readings(child, household, policy)
    if len(readings) != 1 or not readings[0]:
        return None
    parents = readings[0]
    if not all(rules.guardianship_months.admits(p.away_months) for p in parents):
        return None
    months = min(p.away_months for p in parents)
    return Alert("guardianship_not_arranged", child.id, f"{child.id}的父母（{'、'.join(p.id for p in parents)}）外出"
                 f"已{months}个月，未委托监护。" + ACTIONS["guardianship_not_arranged"], cite("safeguarding.six_months"))


CHECKS = (child_without_guardian, ill_elder_children_away, guardianship_not_arranged)


def safeguarding_alerts(household: Household, policy: Policy) -> list:
    """Every alert for the household's members, each with its clause. Staff only: kept out of the
    assessment's trace, which the handbook shows."""
    if policy.safeguarding is None or household.is_summary:
        return []
    return [alert for m in household.members for check in CHECKS if (alert := check(m, household, policy)) is not None]
