"""Property tests over random households: the rules hold for every household, not just examples."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import assess, load_policy

POLICIES = ["laifeng-2017", "example-tiers-2020", "example-tiers-2021", "example-gap-person-2018",
            "example-classes-2019"]
MONEY = st.integers(min_value=0, max_value=40000).map(Decimal) | st.decimals(
    min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)

income = st.one_of(
    st.fixed_dictionaries({"kind": st.sampled_from(["wage", "business", "property", "transfer", "pension_basic",
                                                    "elderly_allowance", "fuxu"]),
                           "amount": MONEY.map(str), "per": st.sampled_from(["year", "month"])}),
    st.fixed_dictionaries({"kind": st.just("migrant_work"), "months": st.integers(0, 12),
                           "min_wage_monthly": st.integers(800, 2500), "sporadic": st.booleans()}),
    st.fixed_dictionaries({"kind": st.just("farm"), "mu": st.integers(0, 20), "revenue_per_mu": st.integers(0, 3000),
                           "cost_per_mu": st.integers(0, 2000)}),
)
disability = st.none() | st.fixed_dictionaries({"type": st.sampled_from(["physical", "intellectual", "mental", "visual"]),
                                                "grade": st.integers(1, 4)})
member = st.fixed_dictionaries({
    "sex": st.sampled_from(["male", "female"]), "age": st.integers(0, 100),
    "relation": st.sampled_from(["spouse", "child", "parent", "grandchild", "child_in_law", "other"]),
    "status": st.none() | st.sampled_from(["in_prison", "military_service", "married_out", "serving_outside_prison"]),
    "co_resident": st.booleans(), "disability": disability, "serious_illness": st.booleans(),
    "full_time_student": st.booleans(), "single_parent_minor": st.booleans(), "unemployed": st.booleans(),
    "placed_employment_disabled": st.booleans(), "away_months": st.integers(0, 12),
    "guardian_capable": st.booleans(), "tekun_care": st.sampled_from(["centralized", "dispersed"]),
    "incomes": st.lists(income, max_size=3)})
household = st.fixed_dictionaries({
    "hukou": st.sampled_from(["rural", "rural", "urban"]), "assets_ok": st.booleans(),
    "pure_daughter_family": st.booleans(), "still_in_difficulty": st.booleans(),
    "class": st.sampled_from(["A", "B", "C"]),
    # a possible family: the first member is the one head
    "members": st.lists(member, min_size=1, max_size=7).map(lambda ms: [{**ms[0], "relation": "head"}] + ms[1:]),
    "supporters": st.lists(st.fixed_dictionaries({"family_size": st.integers(1, 6),
                                                  "family_income_annual": st.integers(0, 80000)}), max_size=2)})

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(household, st.sampled_from(POLICIES))
def test_any_household_is_assessed_without_crash_and_no_amount_is_negative(data, policy):
    result = assess(data, policy)
    d = result.dibao
    for amount in (d.gross_income_annual, d.deduction_annual, d.counted_income_annual, d.gap_monthly,
                   d.key_aid_monthly, d.total_monthly):
        assert amount >= 0
    assert d.total_monthly == d.gap_monthly + d.key_aid_monthly
    assert d.counted_income_annual == max(d.gross_income_annual - d.deduction_annual, 0)
    assert (d.total_monthly == 0) or d.eligible
    assert d.eligible == (not d.failed_conditions)
    assert [t.member for t in result.tekun] == ([m["id"] for m in result.to_dict()["dibao"]["members"]]
                                                if load_policy(policy).tekun else [])


@SETTINGS
@given(household, st.sampled_from(POLICIES))
def test_per_capita_arithmetic_holds(data, policy):
    d = assess(data, policy).dibao
    if d.household_size and not d.single_application:
        assert d.per_capita_monthly_income * d.household_size * 12 - d.counted_income_annual < Decimal("1e-20")


@SETTINGS
@given(st.integers(1, 12), st.integers(0, 60000), st.integers(1, 5000), st.sampled_from(POLICIES[:4]))
def test_more_counted_income_never_raises_the_payment(size, income, extra, policy):
    def paid(amount):
        return assess({"size": size, "income": {"amount": amount, "per": "year"}}, policy).dibao.gap_monthly
    assert paid(income + extra) <= paid(income)


@SETTINGS
@given(st.integers(1, 8), st.lists(st.integers(0, 20000), min_size=8, max_size=8), st.booleans(),
       st.sampled_from(POLICIES))
def test_detailed_and_summary_forms_agree_for_the_same_household(size, incomes, difficulty, policy):
    """Working-age members with no deduction group: the summary form describes the same household."""
    members = [{"sex": "male", "age": 30, "relation": "head" if i == 0 else "sibling",
                "incomes": [{"kind": "wage", "amount": incomes[i]}]} for i in range(size)]
    common = {"class": "B", "still_in_difficulty": difficulty}
    detailed = assess({**common, "members": members}, policy).to_dict()["dibao"]
    summary = assess({**common, "size": size, "income": {"amount": sum(incomes[:size]), "per": "year"}},
                     policy).to_dict()["dibao"]
    for key in ("eligible", "household_size", "counted_income_annual", "per_capita_monthly_income", "method",
                "tier", "gap_monthly", "key_aid_monthly", "total_monthly"):
        assert detailed[key] == summary[key], key



@pytest.mark.parametrize("policy_id", ["laifeng-2017", "example-gap-person-2018"])
def test_gap_rounding_is_exact_when_the_gap_is_a_whole_number_of_rounding_units(policy_id):
    """Every household size and every income at which the exact gap is whole units: no extra unit."""
    policy = load_policy(policy_id)
    rounding, floor = policy.dibao.payment.rounding, policy.dibao.payment.floor
    wrong = []
    for size in range(1, 11):
        per = size if rounding.on == "person" else 1
        minimum = floor.monthly_amount * (size if floor.on == "person" else 1)
        steps = 1
        while (income := policy.dibao.standard_annual * size - rounding.unit * 12 * per * steps) > 0:
            exact = rounding.unit * per * steps
            if exact >= minimum:
                household = {"size": size, "income": {"amount": str(income), "per": "year"}}
                gap = assess(household, policy).dibao.gap_monthly
                if gap != exact:
                    wrong.append((size, income, exact, gap))
            steps += 1
    assert wrong == []
