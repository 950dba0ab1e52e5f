"""The rules over a whole roster at once: what ``assess`` decides, column by column.

Roster screening (应保尽保) assesses every household of a county, a province, a nation. One
household at a time the engine takes about 0.4 ms; here each rule runs once over arrays that hold
every person (or every household) of the roster. Each function below mirrors one rule of the
engine and names it. The amounts a policy file gives are worked out by the engine's own functions
(``deduction_amount``, ``group_amount``, ``floor_minimum``, ``single_application_each``,
``ability_threshold``), so no number is retyped here, and the reasons for 三留守 are worded by
``left_behind``'s own functions.

Money is exact: incomes in integer micro-yuan (10⁻⁶ 元), payments in integer fen. A household
this form does not reproduce exactly is marked in ``RosterAssessment.by_engine`` and left to
``assess`` (``households_for_the_engine`` says which); a policy it cannot hold exactly (a gap left
unrounded, an amount finer than a fen) raises ``NotExact`` and the caller uses ``assess`` for all.

``tests/screening/test_roster_assessment.py`` assesses rosters both ways, household by household,
and compares every result.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

from ..deductions import age_limit, deduction_amount
from ..dibao import single_application_each
from ..family_members import NOT_COUNTED
from ..household import MAX_MEMBERS
from ..key_aid import group_amount
from ..left_behind import child_why, elderly_why, woman_why
from ..money import MONTHS_PER_YEAR
from ..payment import floor_minimum
from ..policy import Policy
from ..support import ability_threshold
from ..thresholds import AT_MOST, MORE_THAN
from .households import DISABILITY_CODES, MEMBER_NUMBER_LIMIT, RELATION_CODES, RosterPeople

MICRO = 1_000_000
MONTHS = int(MONTHS_PER_YEAR)        # for integer money
REL = {name: code for code, name in enumerate(RELATION_CODES)}
INTELLECTUAL_OR_MENTAL = [DISABILITY_CODES.index("intellectual"), DISABILITY_CODES.index("mental")]
PHYSICAL = DISABILITY_CODES.index("physical")
# The order of dibao.conditions_failed
FAILED_ORDER = ("hukou_not_rural", "income_not_below_standard", "assets_not_compliant", "supporter_able")


class NotExact(Exception):
    """A policy amount this form cannot hold exactly: the roster goes to the engine instead."""


def micro(amount: Decimal) -> int:
    exact = amount * MICRO
    if exact != exact.to_integral_value():
        raise NotExact(f"{amount} 元 is finer than a micro-yuan")
    return int(exact)


def fen(amount: Decimal) -> int:
    exact = amount * 100
    if exact != exact.to_integral_value():
        raise NotExact(f"{amount} 元 is finer than a fen")
    return int(exact)


# -- helpers over households ---------------------------------------------------------------------

def household_sum(people: RosterPeople, values) -> np.ndarray:
    return np.add.reduceat(np.asarray(values, dtype=np.int64), people.heads)


def household_any(people: RosterPeople, values) -> np.ndarray:
    return np.logical_or.reduceat(np.asarray(values, dtype=bool), people.heads)


def member_index(people: RosterPeople, numbers: np.ndarray) -> np.ndarray:
    """The person whose 成员序号 is ``numbers[i]`` in person i's household (-1: blank or none)."""
    known = np.flatnonzero(people.number > 0)
    codes = people.household[known] * MEMBER_NUMBER_LIMIT + people.number[known]
    order = np.argsort(codes, kind="stable")
    codes, who = codes[order], known[order]
    if not len(codes):
        return np.full(len(numbers), -1)
    wanted = people.household * MEMBER_NUMBER_LIMIT + numbers
    at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    return np.where((numbers > 0) & (codes[at] == wanted), who[at], -1)


def exactly(values: np.ndarray, fraction: Fraction) -> tuple[np.ndarray, np.ndarray]:
    """``values × fraction`` as integers, and where that is not a whole number."""
    scaled = values * fraction.numerator
    return scaled // fraction.denominator, scaled % fraction.denominator != 0


def object_array(values: list) -> np.ndarray:
    """A one-dimensional array of Python objects (Decimals stay Decimals, even for an empty list)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def divide(numerator: np.ndarray, denominator, mode: str) -> np.ndarray:
    """Non-negative integer division rounded as ``money.round_amount`` names the mode."""
    if mode == "up":
        return -(-numerator // denominator)
    if mode == "half_up":
        return (2 * numerator + denominator) // (2 * denominator)
    return numerator // denominator


# -- who counts, what they earn ----------------------------------------------------------------------

@dataclass
class Facts:
    """What the rules read, derived once from the roster columns."""
    counted: np.ndarray           # person: a co-resident family member
    severe: np.ndarray            # person: Member.is_severely_disabled
    income: np.ndarray            # person: yearly counted income, micro-yuan
    migrant: np.ndarray           # person: left_behind.is_migrant
    able_supporters: np.ndarray   # household
    hard: np.ndarray              # household: left to the engine


def counted_members(people: RosterPeople) -> np.ndarray:
    """family_members.counted_members: not away for a reason the text names, and co-resident."""
    return ~np.isin(people.status, list(NOT_COUNTED)) & people.co_resident


def person_incomes(people: RosterPeople, policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    """income.account_incomes over the roster's income columns: each person's counted yearly income.

    The only excluded kind a roster carries is the basic pension, which 特困 leaves out too, so one
    total serves both. Second value: households where an amount is not whole in micro-yuan.
    """
    rules = policy.income
    total = sum(people.amounts[kind] for kind in ("wage", "business", "property", "transfer"))
    default_wage = micro(rules.min_wage_monthly) if rules.min_wage_monthly is not None else 0
    wage = people.migrant_months * np.where(people.min_wage >= 0, people.min_wage, default_wage)
    regular, odd_regular = exactly(wage, Fraction(rules.migrant_rate))
    sporadic, odd_sporadic = exactly(wage, Fraction(rules.migrant_rate * rules.sporadic_rate))
    working = people.migrant_months > 0
    total = total + np.where(working, np.where(people.sporadic, sporadic, regular), 0)
    inexact = working & np.where(people.sporadic, odd_sporadic, odd_regular)
    net = {text: micro(max(crop["revenue_per_mu"] - crop["cost_per_mu"], Decimal(0)))
           for code, crop in rules.crops.items() for text in (code, crop["name"])}
    codes, texts = pd.factorize(people.crop)
    per_mu = np.array([net.get(text, 0) for text in texts] + [0], dtype=np.int64)[codes]
    farm, odd_farm = exactly(people.mu * per_mu, Fraction(1, MICRO))
    total = total + farm
    inexact |= (people.mu > 0) & odd_farm
    return total, household_any(people, inexact)


def whole_limit(limit, exact) -> int:
    """The whole number a whole micro-yuan amount is compared with, giving the same answer as ``exact``.

    x > t ⟺ x > ⌊t⌋ and x ≤ t ⟺ x ≤ ⌊t⌋; x ≥ t ⟺ x ≥ ⌈t⌉ and x < t ⟺ x < ⌈t⌉ (x whole).
    """
    return math.floor(exact) if limit.side in (MORE_THAN, AT_MOST) else math.ceil(exact)


def supporters_able(people: RosterPeople, policy: Policy) -> np.ndarray:
    """support.able_supporters: how many supporters' family income > size × multiple × standard."""
    able = np.zeros(len(people.heads), dtype=np.int64)
    if policy.dibao.supporter_multiple is None:
        return able
    limit = policy.dibao.supporter_multiple
    limits = np.array([0] + [whole_limit(limit, ability_threshold(n, policy) * MICRO) for n in range(1, MAX_MEMBERS + 1)])
    for given, size, income in people.supporters:
        valid = given & (size >= 1) & (size <= MAX_MEMBERS)
        able += valid & limit.admits(income, limits[np.where(valid, size, 0)])
    return able


def households_for_the_engine(people: RosterPeople, policy: Policy, inexact: np.ndarray) -> np.ndarray:
    """Households this form does not reproduce; ``assess`` takes them (and names any input error,
    such as a crop the policy does not list, by row and column)."""
    crops = [text for code, crop in policy.income.crops.items() for text in (code, crop["name"])]
    person = (people.mu > 0) & ~np.isin(people.crop, crops)                       # unknown crop
    if policy.income.min_wage_monthly is None:
        person |= (people.migrant_months > 0) & (people.min_wage < 0)               # no wage to count
    person |= (people.disability > 0) & (people.grade == 0)                       # grade missing
    person |= people.number == 0                                                  # member ids by row
    hard = household_any(people, person) | inexact | people.inexact
    hard |= np.diff(people.starts) > MAX_MEMBERS
    for given, size, _ in people.supporters:
        hard |= given & ((size < 1) | (size > MAX_MEMBERS))
    if policy.dibao.payment.method == "class_amounts":
        hard |= ~np.isin(people.household_class, list(policy.dibao.payment.classes))
    return hard


def household_facts(people: RosterPeople, policy: Policy) -> Facts:
    severe = (people.disability > 0) & (people.grade >= 1) & \
        (people.grade <= policy.definitions.severe_disability_max_grade)
    income, inexact = person_incomes(people, policy)
    migrant = policy.left_behind.migrant_min_months.admits(people.away_months)
    return Facts(counted_members(people), severe, income, migrant, supporters_able(people, policy),
                 households_for_the_engine(people, policy, inexact) | open_relations(people, policy, migrant))


# -- 低保: deductions, conditions, payment, key aid --------------------------------------------------

def in_deduction_group(group, people: RosterPeople, facts: Facts) -> np.ndarray:
    """deductions.in_group for every person."""
    p = group.params
    if group.group == "severe_disability_or_illness":
        return facts.severe | people.serious_illness
    if group.group == "severe_disability":
        return facts.severe
    if group.group == "serious_illness":
        return people.serious_illness
    if group.group == "elderly":
        return np.where(people.female, p["female_age_from"].admits(people.age), p["male_age_from"].admits(people.age))
    if group.group == "single_parent_minor":
        return people.single_parent_minor & age_limit(p).admits(people.age)
    if group.group == "student":
        return people.full_time_student & age_limit(p).admits(people.age)
    if group.group == "placed_employment_disabled":
        return people.placed_employment_disabled
    return people.pure_daughter_family[people.household]      # pure_daughter_family


def deductions(people: RosterPeople, facts: Facts, policy: Policy) -> np.ndarray:
    """deductions.member_deduction: each counted member's highest group amount (micro-yuan)."""
    best = np.zeros(len(people.age), dtype=np.int64)
    for group in policy.dibao.deductions or ():
        amount = micro(deduction_amount(group, policy))
        best = np.maximum(best, np.where(in_deduction_group(group, people, facts), amount, 0))
    return np.where(facts.counted, best, 0)


def failed_conditions(people: RosterPeople, facts: Facts, size, counted_income, policy: Policy) -> list:
    """dibao.conditions_failed, one boolean array per condition in FAILED_ORDER."""
    standard = micro(policy.dibao.standard_annual)
    return [~people.hukou_rural, counted_income >= size * standard, ~people.assets_ok, facts.able_supporters > 0]


def single_applicants(people: RosterPeople, facts: Facts, size, counted_income, only_income_failed,
                      policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    """dibao.single_applicants: (applies alone?, applicants) per household."""
    rule = policy.dibao.single_application
    if rule is None:
        zero = np.zeros(len(size), dtype=np.int64)
        return zero.astype(bool), zero
    candidate = facts.counted & rule.min_age.admits(people.age) & people.unemployed & facts.severe
    count = household_sum(people, candidate)
    multiple = rule.multiple_of_standard
    limits = np.array([whole_limit(multiple, n * multiple.value * policy.dibao.standard_annual * MICRO)
                       for n in range(0, MAX_MEMBERS + 1)])
    alone = only_income_failed & (count > 0) & multiple.admits(counted_income, limits[np.minimum(size, MAX_MEMBERS)])
    return alone, count


def gap_payment(size, counted_income, policy: Policy) -> np.ndarray:
    """payment.gap_payment in fen: the shortfall over 12 months, rounded by the county, at least the floor."""
    payment = policy.dibao.payment
    shortfall = np.maximum(size * micro(policy.dibao.standard_annual) - counted_income, 0)
    rounding = payment.rounding
    if rounding is None:                       # to the fen, half up
        amount = divide(shortfall, MONTHS * MICRO // 100, "half_up")
    elif rounding.mode == "none":
        raise NotExact("a gap left unrounded is not a whole number of fen")
    else:
        unit, unit_fen = micro(rounding.unit), fen(rounding.unit)
        if rounding.on == "person":
            amount = divide(shortfall, MONTHS * unit * np.maximum(size, 1), rounding.mode) * unit_fen * size
        else:
            amount = divide(shortfall, MONTHS * unit, rounding.mode) * unit_fen
    if payment.floor is not None:
        minimum = np.array([fen(floor_minimum(policy, n)) for n in range(0, MAX_MEMBERS + 1)])
        amount = np.maximum(amount, minimum[np.minimum(size, MAX_MEMBERS)])
    return amount


def tier_payment(size, counted_income, policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    """payment.tier_payment: the band of the per-capita income and its amount per person (fen)."""
    payment = policy.dibao.payment
    band = np.zeros(len(size), dtype=np.int64)          # 0: above every band
    amount = np.zeros(len(size), dtype=np.int64)
    for number, tier in reversed(list(enumerate(payment.tiers, start=1))):   # the lowest matching band wins
        if tier.up_to is None:
            inside = np.ones(len(size), dtype=bool)
        else:
            edge = micro(tier.up_to) * MONTHS * size
            inside = (counted_income < edge) | (payment.edge_in_lower_band & (counted_income == edge))
        band = np.where(inside, number, band)
        amount = np.where(inside, fen(tier.amount) * size, amount)
    return band, amount


def class_payment(people: RosterPeople, size, policy: Policy) -> np.ndarray:
    """payment.class_payment: the class's amount per person (fen)."""
    classes = {name: fen(value) for name, value in policy.dibao.payment.classes.items()}
    per_person = np.array([classes.get(c, 0) for c in people.household_class], dtype=np.int64)
    return per_person * size


def in_key_aid_group(group, people: RosterPeople, facts: Facts) -> np.ndarray:
    """key_aid.in_key_group for every person."""
    if group.group in ("elderly", "minor"):
        return group.age.admits(people.age)
    if group.group == "severe_disability":
        return facts.severe
    return people.serious_illness


def key_aid(people: RosterPeople, facts: Facts, policy: Policy) -> np.ndarray:
    """key_aid.household_key_aid in fen: each counted member's highest (or summed) group amount."""
    rules = policy.dibao.key_aid
    if rules is None:
        return np.zeros(len(people.heads), dtype=np.int64)
    each = np.zeros(len(people.age), dtype=np.int64)
    for group in rules.groups:
        amount = np.where(in_key_aid_group(group, people, facts), fen(group_amount(group, policy)), 0)
        each = each + amount if rules.combine == "sum" else np.maximum(each, amount)
    return household_sum(people, np.where(facts.counted, each, 0)) * people.still_in_difficulty


# -- 特困 ------------------------------------------------------------------------------------------

def lacks_labour(people: RosterPeople, policy: Policy) -> np.ndarray:
    """tekun.lacks_labour_capacity for every person."""
    d = policy.definitions
    graded = (people.disability > 0) & (people.grade >= 1)
    no_labour = d.tekun_elderly_age_from.admits(people.age) | d.tekun_minor_age_below.admits(people.age)
    no_labour |= graded & np.isin(people.disability, INTELLECTUAL_OR_MENTAL) & \
        (people.grade <= d.tekun_intellectual_mental_max_grade)
    no_labour |= graded & (people.disability == PHYSICAL) & (people.grade <= d.tekun_physical_max_grade)
    return no_labour


def dibao_recipients(people: RosterPeople, facts: Facts, eligible, alone, policy: Policy) -> np.ndarray:
    """Who the assessment takes as a 低保 recipient: the single applicants, or every counted member."""
    h = people.household
    if policy.dibao.single_application is None:
        return eligible[h] & facts.counted
    applicant = facts.counted & policy.dibao.single_application.min_age.admits(people.age) & \
        people.unemployed & facts.severe
    return np.where(alone[h], applicant, eligible[h] & facts.counted)


def tekun_eligible(people: RosterPeople, facts: Facts, on_dibao, policy: Policy) -> np.ndarray:
    """tekun.assess_person for every person: no labour capacity, no livelihood, no able obligor.

    tekun.meeting_tekun column by column: start from everyone whose own conditions hold and drop,
    household by household, anyone with an able obligor, until nobody is dropped. An obligor
    (every other adult member; every supporter) is able unless a case of 一（五）1.3 applies.
    """
    if policy.tekun is None:
        return np.zeros(len(people.age), dtype=bool)
    d, h = policy.definitions, people.household
    own = (people.hukou_rural[h] & lacks_labour(people, policy) & (facts.income < micro(policy.dibao.standard_annual))
           & people.assets_ok[h])
    old_or_severe = d.tekun_obligor_elderly_age_from.admits(people.age) | facts.severe
    other_case = people.assets_ok[h] & ((old_or_severe & on_dibao) | (people.status == "in_prison"))
    outside = np.zeros(len(people.heads), dtype=bool)
    for given, _, _ in people.supporters:
        outside |= given            # a roster names no 1.3 case for a supporter: able
    adult = d.adult_age.admits(people.age)
    meeting = own & ~outside[h]
    while True:
        able = household_sum(people, adult & ~meeting & ~other_case)
        kept = meeting & (able[h] == 0)
        if (kept == meeting).all():
            return meeting
        meeting = kept


# -- 三留守 ------------------------------------------------------------------------------------------

# left_behind.SPOUSE_RELATIONS as (her relation, his relation) pairs.
SPOUSE_RELATION_PAIRS = (("head", "spouse"), ("spouse", "head"), ("child", "child_in_law"),
                         ("child_in_law", "child"), ("parent", "parent"), ("parent_in_law", "parent_in_law"),
                         ("grandparent", "grandparent"))


def open_relations(people: RosterPeople, policy: Policy, migrant: np.ndarray) -> np.ndarray:
    """Households whose relations the column form does not settle (left_behind.parent_readings and
    spouse_readings with more than one reading): ``assess`` weighs every reading and asks."""
    family, h = Family(people, migrant), people.household
    adult = policy.definitions.adult_age.admits(people.age)
    generation = np.isin(people.relation, [REL["child"], REL["child_in_law"]])
    size, adults = household_sum(people, generation), household_sum(people, generation & adult)
    husband = family.husband()
    # one child and one child-in-law, both adults, married to each other: one couple, one reading
    wife = generation & people.female & (husband >= 0)
    couple = household_sum(people, wife & generation[np.maximum(husband, 0)]) == 1
    one_family = (size == adults) & ((size <= 1) | ((size == 2) & couple))
    staying = people.hukou_rural[h] & ~migrant & people.co_resident
    some_away = household_sum(people, generation & adult & migrant) > 0   # else no reading finds a child
    unnamed = staying & (people.relation == REL["grandchild"]) & (family.father < 0) & (family.mother < 0) & \
        policy.left_behind.child_age_below.admits(people.age)
    woman = staying & people.female & policy.left_behind.woman_age_from.admits(people.age) & \
        policy.left_behind.woman_age_to.admits(people.age)
    return household_any(people, unnamed & ~one_family[h] & some_away[h]) | \
        household_any(people, woman & family.open_spouse())


class Family:
    """Who is whose parent, child and spouse, as left_behind.parents_of / children_of / spouse_of read it."""

    GROUPS = {"head_and_spouse": ("head", "spouse"), "children": ("child", "child_in_law"),
              "parents": ("parent",), "parents_in_law": ("parent_in_law",)}
    PARENTS_BY_RELATION = {"child": "head_and_spouse", "grandchild": "children", "head": "parents",
                           "spouse": "parents_in_law"}
    CHILDREN_BY_RELATION = {"head": "children", "spouse": "children", "parent": "head_and_spouse",
                            "parent_in_law": "head_and_spouse"}

    def __init__(self, people: RosterPeople, migrant: np.ndarray):
        self.people, self.migrant = people, migrant
        self.father, self.mother = member_index(people, people.father), member_index(people, people.mother)
        self.spouse = member_index(people, people.spouse)
        home_capable = ~migrant & people.guardian_capable
        self.groups = {}
        for name, relations in self.GROUPS.items():
            inside = np.isin(people.relation, [REL[r] for r in relations])
            self.groups[name] = (household_sum(people, inside), household_sum(people, inside & migrant),
                                 household_sum(people, inside & home_capable))

    def by_relation(self, table: dict) -> tuple:
        """(members, away, at home and capable) of the relation group each person's relation points at."""
        h, n = self.people.household, len(self.people.age)
        counts = [np.zeros(n, dtype=np.int64) for _ in range(3)]
        for relation, group in table.items():
            mine = self.people.relation == REL[relation]
            for count, per_household in zip(counts, self.groups[group]):
                count[mine] = per_household[h[mine]]
        return tuple(counts)

    def named_parents(self) -> tuple:
        """(named?, away, at home and capable) from the 父亲序号 and 母亲序号 columns."""
        home_capable = ~self.migrant & self.people.guardian_capable
        named = (self.father >= 0) | (self.mother >= 0)
        away, capable = np.zeros(len(self.father), dtype=np.int64), np.zeros(len(self.father), dtype=np.int64)
        for ref in (self.father, self.mother):
            at = np.maximum(ref, 0)
            away += (ref >= 0) & self.migrant[at]
            capable += (ref >= 0) & home_capable[at]
        return named, away, capable

    def named_children(self) -> tuple:
        """(named?, away, at home, at home and capable): those naming the person as father or mother,
        and their spouses who do not name the person themselves. Counts may hold someone twice; the
        rules only ask whether any child is away, at home, or able to care."""
        n = len(self.father)
        child = np.arange(n)
        parents = np.concatenate([self.father, self.mother])
        children = np.concatenate([child, child])
        keep = parents >= 0
        parents, children = parents[keep], children[keep]
        spouse = self.spouse[children]
        extra = (spouse >= 0) & ~np.isin(parents * n + spouse, parents * n + children)
        edges_parent = np.concatenate([parents, parents[extra]])
        edges_child = np.concatenate([children, spouse[extra]])
        away = self.migrant[edges_child]
        capable = self.people.guardian_capable[edges_child]
        def count(mask):
            return np.bincount(edges_parent[mask], minlength=n)
        return np.bincount(parents, minlength=n) > 0, count(away), count(~away), count(~away & capable)

    def husband(self) -> np.ndarray:
        """left_behind.spouse_readings where it gives one husband: the spouse named on either side,
        else the only possible pairing (-1: none, or more than one reading; see ``open_spouse``)."""
        return self._spouses()[0]

    def open_spouse(self) -> np.ndarray:
        """Women with more than one possible husband in the household, one of them away (the engine
        weighs the readings; with none away every reading gives the same answer)."""
        return self._spouses()[1]

    def _spouses(self) -> tuple:
        p, n = self.people, len(self.people.age)
        index = np.arange(n)
        named = self.spouse >= 0
        named_by = np.full(n, -1)
        named_by[self.spouse[named][::-1]] = index[named][::-1]   # the first to name someone, as the engine reads
        taken = named | (named_by >= 0)
        partner, many = np.full(n, -1), np.zeros(n, dtype=bool)
        for her, his in SPOUSE_RELATION_PAIRS:
            women = ~taken & p.female & (p.relation == REL[her])
            men = ~taken & ~p.female & (p.relation == REL[his])
            n_women, n_men = household_sum(p, women)[p.household], household_sum(p, men)[p.household]
            last_man = np.maximum.reduceat(np.where(men, index, -1), p.heads)[p.household]
            partner = np.where(women & (n_women == 1) & (n_men == 1), last_man, partner)
            men_away = household_sum(p, men & self.migrant)[p.household]
            many |= women & (men_away >= 1) & ~((n_women == 1) & (n_men == 1))
        return np.where(named, self.spouse, np.where(named_by >= 0, named_by, partner)), many


NO_LEFT_BEHIND = pd.DataFrame({"person": pd.Series(dtype=np.int64), "category": pd.Series(dtype=object),
                               "why": pd.Series(dtype=object)})


def left_behind(people: RosterPeople, facts: Facts, policy: Policy) -> pd.DataFrame:
    """left_behind.classify for every person: (person, category) pairs with the reason in words."""
    rules = policy.left_behind
    family = Family(people, facts.migrant)
    staying = people.hukou_rural[people.household] & ~facts.migrant & people.co_resident
    # parents: named ones if any, else those the relation to the head points at (parents_of)
    named, named_away, named_capable = family.named_parents()
    _, away, capable = family.by_relation(Family.PARENTS_BY_RELATION)
    parents_away, parents_capable = np.where(named, named_away, away), np.where(named, named_capable, capable)
    child = staying & rules.child_age_below.admits(people.age) & (parents_away > 0) & (parents_capable == 0)
    # children and children-in-law, the same way (children_of)
    named, named_away, named_home, named_capable = family.named_children()
    total, away, capable = family.by_relation(Family.CHILDREN_BY_RELATION)
    kids_away = np.where(named, named_away, away)
    kids_home = np.where(named, named_home, total - away)
    kids_capable = np.where(named, named_capable, capable)
    elderly = staying & rules.elderly_age_from.admits(people.age) & (kids_away > 0) & \
        ((kids_home == 0) | (kids_capable == 0))
    husband = family.husband()
    woman = staying & people.female & rules.woman_age_from.admits(people.age) & rules.woman_age_to.admits(people.age) & \
        (husband >= 0) & facts.migrant[np.maximum(husband, 0)]
    found = sorted([(i, 0, "child") for i in np.flatnonzero(child).tolist()] +
                   [(i, 1, "elderly") for i in np.flatnonzero(elderly).tolist()] +
                   [(i, 2, "woman") for i in np.flatnonzero(woman).tolist()])
    words, husbands = Wording(people, family, facts.migrant), husband.tolist()
    rows = [(i, category, words.reason(i, category, husbands[i])) for i, _, category in found]
    return pd.DataFrame(rows, columns=["person", "category", "why"])


class Wording:
    """The reasons of the few people found left behind, from the same lists left_behind builds.

    Python lists, not arrays: this walks a handful of members for each person found.
    """

    def __init__(self, people: RosterPeople, family: Family, migrant: np.ndarray):
        self.names = people.source["姓名"].to_numpy(dtype=object)[people.position].tolist()
        self.numbers, self.relation = people.number.tolist(), people.relation.tolist()
        self.household, self.starts = people.household.tolist(), people.starts.tolist()
        self.father, self.mother = family.father.tolist(), family.mother.tolist()
        self.spouse, self.migrant = family.spouse.tolist(), migrant.tolist()

    def label(self, i: int) -> str:
        return f"{self.names[i]}（m{self.numbers[i]}）"

    def household_of(self, i: int) -> range:
        h = self.household[i]
        return range(self.starts[h], self.starts[h + 1])

    def members(self, i: int, group: str) -> list:
        codes = {REL[r] for r in Family.GROUPS[group]}
        return [j for j in self.household_of(i) if self.relation[j] in codes]

    def parents(self, i: int) -> list:
        named = [j for j in (self.father[i], self.mother[i]) if j >= 0]
        if named:
            return named
        group = Family.PARENTS_BY_RELATION.get(RELATION_CODES[self.relation[i]])
        return self.members(i, group) if group else []

    def children(self, i: int) -> list:
        named = [j for j in self.household_of(i) if i in (self.father[j], self.mother[j])]
        if named:
            spouses = [self.spouse[j] for j in named if self.spouse[j] >= 0]
            return named + [s for s in spouses if s not in named]
        group = Family.CHILDREN_BY_RELATION.get(RELATION_CODES[self.relation[i]])
        return self.members(i, group) if group else []

    def split(self, relatives: list) -> tuple[str, str]:
        away = [j for j in relatives if self.migrant[j]]
        home = [j for j in relatives if not self.migrant[j]]
        return "、".join(map(self.label, away)), "、".join(map(self.label, home))

    def reason(self, i: int, category: str, husband: int) -> str:
        if category == "child":
            parents = self.parents(i)
            return child_why(*self.split(parents), len(parents))
        if category == "elderly":
            return elderly_why(*self.split(self.children(i)))
        return woman_why(self.label(husband))


# -- the whole assessment ------------------------------------------------------------------------------

@dataclass
class RosterAssessment:
    """Per household (index h) and per person (index i, as in ``RosterPeople``)."""
    by_engine: np.ndarray         # households left to ``assess``: their values here mean nothing
    size: np.ndarray              # counted co-resident members
    counted_income: np.ndarray    # yearly, micro-yuan, after deductions
    eligible: np.ndarray
    failed: np.ndarray            # failed condition codes joined with "、" (object)
    household_size: np.ndarray    # as the result states it (the applicants when they apply alone)
    method: np.ndarray            # object
    tier: np.ndarray              # "" or the band number / class letter (object)
    gap: np.ndarray               # fen per month
    key_aid: np.ndarray           # fen per month
    tekun_eligible: np.ndarray    # per person
    tekun_instead_of_dibao: np.ndarray
    left_behind: pd.DataFrame     # person, category, why (names as "姓名（m3）")

    @property
    def total(self) -> np.ndarray:
        return self.gap + self.key_aid

    def per_capita_monthly_income(self, households: np.ndarray) -> np.ndarray:
        """As assess_dibao states it: counted income / size / 12, in the Decimal context (each
        distinct income and size worked out once)."""
        limit = MAX_MEMBERS + 1
        pairs = self.counted_income[households] * limit + self.size[households]
        distinct, where = np.unique(pairs, return_inverse=True)
        values = [Decimal(pair // limit).scaleb(-6) / (pair % limit) / MONTHS_PER_YEAR if pair % limit else Decimal(0)
                  for pair in distinct.tolist()]
        return object_array(values)[where.reshape(-1)]


def assess_roster(people: RosterPeople, policy: Policy, with_left_behind: bool = True) -> RosterAssessment:
    """assessment.assess for every household of the roster (those in ``by_engine`` excepted).

    ``with_left_behind=False`` leaves out the 三留守 classification (``left_behind`` is then empty):
    it does not depend on the 低保 standard, so a roster screened again under a proposed standard
    need not classify its people again (about a third of the time of this function).
    """
    facts = household_facts(people, policy)
    size = household_sum(people, facts.counted)
    gross = household_sum(people, np.where(facts.counted, facts.income, 0))
    counted_income = np.maximum(gross - household_sum(people, deductions(people, facts, policy)), 0)
    failed = failed_conditions(people, facts, size, counted_income, policy)
    nobody = size == 0
    failed = [f & ~nobody for f in failed]
    eligible = ~nobody & ~np.any(failed, axis=0)
    only_income = ~nobody & failed[1] & ~failed[0] & ~failed[2] & ~failed[3]
    alone, applicants = single_applicants(people, facts, size, counted_income, only_income, policy)

    method = policy.dibao.payment.method
    tier = np.full(len(size), "", dtype=object)
    if method == "gap":
        gap = gap_payment(size, counted_income, policy)
    elif method == "income_tiers":
        band, gap = tier_payment(size, counted_income, policy)
        tier = np.where(band > 0, band.astype(str).astype(object), "")
    else:
        gap = class_payment(people, size, policy)
        tier = people.household_class.copy()
    gap = np.where(eligible, gap, 0)
    tier = np.where(eligible, tier, "")
    aid = np.where(eligible, key_aid(people, facts, policy), 0)
    if alone.any():
        gap = np.where(alone, fen(single_application_each(policy)) * applicants, gap)

    codes = np.array([FAILED_ORDER[k] for k in range(4)], dtype=object)
    failed_text = np.full(len(size), "", dtype=object)
    for k, flag in enumerate(failed):
        failed_text = np.where(flag & ~alone, np.where(failed_text == "", codes[k], failed_text + "、" + codes[k]),
                               failed_text)
    failed_text = np.where(nobody, "no_co_resident_members", failed_text)

    tekun = tekun_eligible(people, facts, dibao_recipients(people, facts, eligible, alone, policy), policy)
    one_counted_tekun = household_any(people, tekun & facts.counted)
    return RosterAssessment(
        by_engine=facts.hard, size=size, counted_income=counted_income, eligible=eligible | alone,
        failed=failed_text, household_size=np.where(alone, applicants, size),
        method=np.where(alone, "single_application", method).astype(object), tier=tier, gap=gap, key_aid=aid,
        tekun_eligible=tekun, tekun_instead_of_dibao=(size == 1) & ~alone & one_counted_tekun,
        left_behind=left_behind(people, facts, policy) if with_left_behind else NO_LEFT_BEHIND.copy())
