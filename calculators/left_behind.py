"""三留守: left-behind children, elderly and women (文件000 二（四）).

Child: under 16, rural hukou, both parents away for work, or one away and the other unable to
guard. Elderly: 60+, rural hukou, all children (in-laws included) away half a year or more, or
some away and those at home unable to care. Woman: 20–59, married, husband away for work,
living at her hukou place. "Away" means away for work at least the months the policy sets.
"""
from dataclasses import dataclass

from .household import Household, Member
from .policy import Policy
from .sources import cite
from .trace import Trace


@dataclass
class LeftBehind:
    member: str
    category: str      # child | elderly | woman
    why: str


def is_migrant(member: Member, policy: Policy) -> bool:
    return member.away_months >= policy.left_behind.migrant_min_months


def by_id(household: Household) -> dict:
    return {m.id: m for m in household.members}


def with_relation(household: Household, *relations) -> list:
    return [m for m in household.members if m.relation in relations]


def parents_of(child: Member, household: Household) -> list:
    """Named father/mother, else the couple one generation up from the child's relation."""
    members = by_id(household)
    named = [members[i] for i in (child.father, child.mother) if i]
    if named:
        return named
    if child.relation == "child":
        return with_relation(household, "head", "spouse")
    if child.relation == "grandchild":
        return with_relation(household, "child", "child_in_law")
    if child.relation in ("head", "spouse"):
        return with_relation(household, "parent" if child.relation == "head" else "parent_in_law")
    return []


def children_of(elder: Member, household: Household) -> list:
    """Children and children-in-law: named through father/mother, else by relation to the head."""
    named = [m for m in household.members if elder.id in (m.father, m.mother)]
    if named:
        members = by_id(household)
        spouses = [members[m.spouse] for m in named if m.spouse]
        return named + [s for s in spouses if s not in named]
    if elder.relation in ("head", "spouse"):
        return with_relation(household, "child", "child_in_law")
    if elder.relation in ("parent", "parent_in_law"):
        return with_relation(household, "head", "spouse")
    return []


def spouse_of(woman: Member, household: Household):
    members = by_id(household)
    if woman.spouse:
        return members[woman.spouse]
    partner = {"head": ("spouse",), "spouse": ("head",)}.get(woman.relation, ())
    found = with_relation(household, *partner)
    return found[0] if len(found) == 1 else None


def names(people: list) -> str:
    return "、".join(p.id for p in people)


def child_reason(member: Member, household: Household, policy: Policy) -> str | None:
    """Why a minor is a left-behind child (parents away, none capable at home), or None.

    中文：父母一方或双方外出务工、在家的一方也没有监护能力的未成年人，是留守儿童，并说明理由（二（四）1）。
    """
    if member.age >= policy.left_behind.child_age_below:
        return None
    parents = parents_of(member, household)
    away = [p for p in parents if is_migrant(p, policy)]
    if not away:
        return None
    home = [p for p in parents if p not in away]
    if any(p.guardian_capable for p in home):
        return None
    return child_why(names(away), names(home), len(parents))


def child_why(away: str, home: str, parents: int) -> str:
    """The reason given for a left-behind child: who is away, who is home unable to guard."""
    if not home and parents >= 2:
        return f"父母（{away}）均外出务工"
    if home:
        return f"父母一方（{away}）外出务工，另一方（{home}）无监护能力"
    return f"父母一方（{away}）外出务工，另一方不在户内、无法共同生活"


def elderly_reason(member: Member, household: Household, policy: Policy) -> str | None:
    """Why an older person is left behind (children away, none capable at home), or None.

    中文：子女外出务工、在家的子女也没有照料能力的老人，是留守老人，并说明理由（二（四）2）。
    """
    if member.age < policy.left_behind.elderly_age_from:
        return None
    children = children_of(member, household)
    away = [c for c in children if is_migrant(c, policy)]
    if not away:
        return None
    home = [c for c in children if c not in away]
    if home and any(c.guardian_capable for c in home):
        return None
    return elderly_why(names(away), names(home))


def elderly_why(away: str, home: str) -> str:
    """The reason given for a left-behind elder: children away, and those at home unable to care."""
    if not home:
        return f"子女（含媳、婿）{away}均外出务工半年以上"
    return f"子女{away}外出务工，留在家的{home}无照料能力"


def woman_reason(member: Member, household: Household, policy: Policy) -> str | None:
    """Why a woman is left behind (husband away, she lives at her hukou place), or None.

    中文：丈夫外出务工、本人在户籍地生活的规定年龄段妇女，是留守妇女，并说明理由（二（四）3）。
    """
    rules = policy.left_behind
    if member.sex != "female" or not rules.woman_age_from <= member.age <= rules.woman_age_to:
        return None
    husband = spouse_of(member, household)
    if husband is None or not is_migrant(husband, policy) or not member.lives_at_hukou_place:
        return None
    return woman_why(husband.id)


def woman_why(husband: str) -> str:
    return f"丈夫{husband}外出务工，本人在户籍地留守"


CATEGORIES = (("child", child_reason, "left_behind.child", "留守儿童"),
              ("elderly", elderly_reason, "left_behind.elderly", "留守老人"),
              ("woman", woman_reason, "left_behind.woman", "留守妇女"))


def classify(household: Household, policy: Policy, trace: Trace) -> list:
    """Every left-behind member of the household, with the category and why."""
    found = []
    for member in household.members:
        hukou = member.hukou or household.hukou
        if hukou != "rural" or is_migrant(member, policy) or not member.co_resident:
            continue
        for category, reason_of, clause, name in CATEGORIES:
            reason = reason_of(member, household, policy)
            if reason:
                found.append(LeftBehind(member.id, category, reason))
                trace.add(f"{name}：{member.id}", reason, category, cite(clause))
    return found
