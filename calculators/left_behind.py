"""三留守: left-behind children, elderly and women (文件000 二（四）).

Child: under 16, rural hukou, both parents away for work, or one away and the other unable to
guard. Elderly: 60+, rural hukou, all children (in-laws included) away half a year or more, or
some away and those at home unable to care. Woman: 20–59, married, husband away for work,
living at her hukou place. "Away" means away for work at least the months the policy sets.

Relations are read from the form's ``spouse``, ``father`` and ``mother`` fields; without them a
couple or a child's parents are inferred only where the household leaves one reading (or every
reading gives the same answer). Otherwise the result names what is open and the field to fill.
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
    return policy.left_behind.migrant_min_months.admits(member.away_months)


def by_id(household: Household) -> dict:
    return {m.id: m for m in household.members}


def with_relation(household: Household, *relations) -> list:
    return [m for m in household.members if m.relation in relations]


@dataclass
class Ambiguity:
    """A relation the form leaves open, on which the answer depends, and the field that settles it."""
    member: str
    question: str      # Chinese: what cannot be settled, and the possible readings
    field: str         # the member field that settles it: spouse | father, mother

    def to_dict(self) -> dict:
        return {"member": self.member, "question": self.question, "field": self.field}


# Who may be whose spouse, by relation to the head, when the form names no spouse.
SPOUSE_RELATIONS = {"head": ("spouse",), "spouse": ("head",), "child": ("child_in_law",),
                    "child_in_law": ("child",), "parent": ("parent",), "parent_in_law": ("parent_in_law",),
                    "grandparent": ("grandparent",)}


def named_spouse(person: Member, household: Household):
    """The spouse the form names, on either side (A names B, or B names A), or None."""
    if person.spouse:
        return by_id(household)[person.spouse]
    return next((m for m in household.members if m.spouse == person.id), None)


def spouse_candidates(person: Member, household: Household) -> list:
    """Members whose relation and sex allow them to be the person's spouse, not married to another."""
    taken = {m.id for m in household.members if m.spouse} | {m.spouse for m in household.members if m.spouse}
    return [m for m in household.members if m is not person and m.sex != person.sex and m.id not in taken
            and m.relation in SPOUSE_RELATIONS.get(person.relation, ())]


def spouse_readings(person: Member, household: Household) -> list:
    """The possible spouses of a person: one when the form names it or only one pairing is possible.

    A pairing is taken without asking only when each of the two is the other's only candidate
    (the head's one son and one daughter-in-law). ``None`` in the list: the spouse may live elsewhere
    (not for a child-in-law, who is married to one of the head's children, unless they are too few).
    """
    named = named_spouse(person, household)
    if named is not None:
        return [named]
    candidates = spouse_candidates(person, household)
    if len(candidates) == 1 and spouse_candidates(candidates[0], household) == [person]:
        return candidates
    rivals = [m for m in household.members if m.relation == person.relation and m.sex == person.sex
              and not named_spouse(m, household)]
    if person.relation == "child_in_law" and len(candidates) >= len(rivals):
        return candidates   # a child-in-law is married to one of the head's children
    return candidates + [None] if candidates else [None]


def families(members: list, household: Household) -> list:
    """The members grouped into couples (named or the only possible pairing) and single people."""
    groups, placed = [], set()
    for m in members:
        if m.id in placed:
            continue
        readings = spouse_readings(m, household)
        partner = readings[0] if len(readings) == 1 and readings[0] in members else None
        group = [m] + ([partner] if partner is not None and partner is not m and partner.id not in placed else [])
        placed |= {g.id for g in group}
        groups.append(group)
    return groups


def parent_readings(child: Member, household: Household, policy: Policy) -> list:
    """The possible parent sets of a child: one when the form names them or leaves one reading.

    A grandchild's parents are a couple of the head's children and children-in-law; with two
    couples (or more) in that generation, each couple is a reading until father/mother is given.
    """
    members = by_id(household)
    named = [members[i] for i in (child.father, child.mother) if i]
    if named:
        return [named]
    if child.relation == "child":
        return [with_relation(household, "head", "spouse")]
    if child.relation == "grandchild":
        adults = [m for m in with_relation(household, "child", "child_in_law")
                  if policy.definitions.adult_age.admits(m.age)]
        return families(adults, household) or [[]]
    if child.relation in ("head", "spouse"):
        return [with_relation(household, "parent" if child.relation == "head" else "parent_in_law")]
    return [[]]


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


def names(people: list) -> str:
    return "、".join(p.id for p in people)


def settled(member: Member, readings: list, reason_of, unsettled: list, question, field: str):
    """The reason under every reading; if the readings disagree, record what to ask and give None."""
    reasons = [reason_of(r) for r in readings]
    if all(r is None for r in reasons):
        return None
    if all(r is not None for r in reasons):
        return reasons[0] if len(set(reasons)) == 1 else "；或".join(reasons)
    unsettled.append(Ambiguity(member.id, question, field))
    return None


def child_reason(member: Member, household: Household, policy: Policy, unsettled: list) -> str | None:
    """Under 16, parents away (both, or one with the other unable to guard), under every reading.

    中文：未满16周岁、父母双方外出务工或一方外出另一方无监护能力的，是留守儿童，并说明理由（二（四）1）。
    """
    if not policy.left_behind.child_age_below.admits(member.age):
        return None
    readings = parent_readings(member, household, policy)
    choices = "；".join("、".join(p.id for p in r) or "不在户内" for r in readings)
    return settled(member, readings, lambda parents: reason_with_parents(parents, policy), unsettled,
                   f"{member.id}的父母是户内哪一对不能确定（可能是：{choices}），结论因此不同", "father, mother")


def reason_with_parents(parents: list, policy: Policy) -> str | None:
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


def elderly_reason(member: Member, household: Household, policy: Policy, unsettled: list) -> str | None:
    """Why an older person is left behind (children away, none capable at home), or None.

    中文：子女外出务工、在家的子女也没有照料能力的老人，是留守老人，并说明理由（二（四）2）。
    """
    if not policy.left_behind.elderly_age_from.admits(member.age):
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


def woman_reason(member: Member, household: Household, policy: Policy, unsettled: list) -> str | None:
    """20–59, married, husband away for work, living at her hukou place, under every reading.

    中文：20至59周岁、丈夫外出务工、本人在户籍地生活的已婚妇女，是留守妇女，并说明理由（二（四）3）。
    """
    rules = policy.left_behind
    if member.sex != "female" or not (rules.woman_age_from.admits(member.age) and rules.woman_age_to.admits(member.age)):
        return None
    if not member.lives_at_hukou_place:
        return None
    readings = spouse_readings(member, household)
    choices = "、".join(h.id if h else "户外的人" for h in readings)
    return settled(member, readings,
                   lambda husband: woman_why(husband.id) if husband and is_migrant(husband, policy) else None,
                   unsettled, f"{member.id}的丈夫是谁不能确定（可能是：{choices}），结论因此不同", "spouse")


def woman_why(husband: str) -> str:
    return f"丈夫{husband}外出务工，本人在户籍地留守"


CATEGORIES = (("child", child_reason, "left_behind.child", "留守儿童"),
              ("elderly", elderly_reason, "left_behind.elderly", "留守老人"),
              ("woman", woman_reason, "left_behind.woman", "留守妇女"))


def classify(household: Household, policy: Policy, trace: Trace, unsettled: list | None = None) -> list:
    """Every left-behind member of the household, with the category and why.

    Relations the form leaves open are read only where one reading is possible, or where every
    reading gives the same answer; otherwise ``unsettled`` receives what to ask (an Ambiguity).
    """
    unsettled = [] if unsettled is None else unsettled
    found = []
    for member in household.members:
        hukou = member.hukou or household.hukou
        if hukou != "rural" or is_migrant(member, policy) or not member.co_resident:
            continue
        for category, reason_of, clause, name in CATEGORIES:
            before = len(unsettled)
            reason = reason_of(member, household, policy, unsettled)
            for ambiguity in unsettled[before:]:
                trace.note(f"{name}：{member.id}（关系不明）", f"{ambiguity.question}；请填写{member.id}的"
                           f" {ambiguity.field} 栏（成员编号）", cite(clause))
            if reason:
                found.append(LeftBehind(member.id, category, reason))
                trace.add(f"{name}：{member.id}", reason, category, cite(clause))
    return found
