"""The readings the engine takes where the text is silent, ambiguous or leaves a choice.

Each reading is listed in data/policies/interpretations.yaml with the clause, the reading, why,
and the test that pins it; the last test here fails when an entry names a test that does not exist.
"""
import ast
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators import assess, list_policies, load_policy
from calculators.review import check_review

ROOT = Path(__file__).resolve().parents[2]
REGISTER = ROOT / "data" / "policies" / "interpretations.yaml"
LAIFENG = load_policy("laifeng-2017")


def member(**fields):
    return {"relation": "head", "sex": "male", "age": 40, **fields}


def members_of(result) -> dict:
    return {m["id"]: m for m in result.to_dict()["dibao"]["members"]}


def test_severe_disability_is_read_as_grade_one_or_two():
    result = assess({"members": [member(id="a", disability={"type": "physical", "grade": 2}),
                                 member(id="b", relation="sibling", disability={"type": "hearing", "grade": 3})]},
                    LAIFENG)
    assert members_of(result)["a"]["deduction_group"] == "severe_disability_or_illness"
    assert members_of(result)["b"]["deduction_annual"] == 0


def test_pure_daughter_family_deduction_applies_to_every_member():
    household = {"pure_daughter_family": True, "members": [
        member(id="父"), member(id="母", relation="spouse", sex="female", age=38),
        member(id="女", relation="child", sex="female", age=10)]}
    cuts = {k: v["deduction_annual"] for k, v in members_of(assess(household, LAIFENG)).items()}
    half = LAIFENG.dibao.standard_annual / 2
    assert cuts == {"父": half, "母": half, "女": half}


def test_funeral_grant_equals_the_dispersed_standard():
    result = assess({"members": [member(age=80, tekun_care="centralized")]}, LAIFENG)
    assert result.tekun[0].funeral_grant == LAIFENG.tekun.dispersed_annual
    assert LAIFENG.tekun.funeral_grant_basis == "dispersed"


def test_six_month_rule_also_applies_to_left_behind_women():
    def couple(months):
        return {"members": [member(id="夫", away_months=months),
                            member(id="妻", relation="spouse", sex="female", age=35)]}
    assert [x.category for x in assess(couple(6), LAIFENG).left_behind] == ["woman"]
    assert assess(couple(5), LAIFENG).left_behind == []


def test_an_independent_child_is_not_counted_and_the_trace_asks_for_the_support_owed():
    result = assess({"members": [member(age=70), member(id="儿子", relation="child", age=40,
                                                        status="independent_child")]}, LAIFENG)
    assert result.dibao.household_size == 1
    step = next(s for s in result.trace.steps if s.label == "不计入共同生活家庭成员：儿子")
    assert "应核算其应承担的赡（抚、扶）养费" in step.formula


def test_single_application_applies_only_when_income_is_the_only_failed_condition():
    disabled = member(id="残", relation="child", age=25, unemployed=True, disability={"type": "mental", "grade": 1})
    earner = member(incomes=[{"kind": "wage", "amount": 16000}])
    alone = assess({"members": [earner, disabled]}, LAIFENG).dibao
    assert alone.single_application == ["残"] and alone.method == "single_application"
    assert [c.code for c in alone.household_failed_conditions] == ["income_not_below_standard"]
    assert alone.key_aid_monthly == 0
    with_assets = assess({"assets_ok": False, "members": [earner, disabled]}, LAIFENG).dibao
    assert with_assets.single_application == [] and not with_assets.eligible


def test_key_aid_elderly_is_read_as_60_and_over():
    limit = next(g.age for g in LAIFENG.dibao.key_aid.groups if g.group == "elderly")
    assert limit.admits(60) and not limit.admits(59) and limit.reading == "60周岁以上"


def test_adult_is_read_as_18_and_over_for_the_single_application():
    limit = LAIFENG.dibao.single_application.min_age
    assert limit.admits(18) and not limit.admits(17) and limit.reading == "年满18周岁"


def test_key_aid_is_paid_at_exactly_the_minimum_twenty_percent():
    household = {"still_in_difficulty": True, "members": [member(age=70)]}
    aid = assess(household, LAIFENG).dibao.key_aid_monthly
    exact = LAIFENG.dibao.key_aid.rate * LAIFENG.dibao.standard_monthly
    assert exact <= aid < exact + 1


def test_a_member_in_several_key_aid_groups_gets_the_highest_once():
    household = {"still_in_difficulty": True,
                 "members": [member(age=70, disability={"type": "physical", "grade": 1})]}
    result = assess(household, LAIFENG)
    assert LAIFENG.dibao.key_aid.combine == "highest"
    assert result.dibao.key_aid_monthly == assess(
        {"still_in_difficulty": True, "members": [member(age=70)]}, LAIFENG).dibao.key_aid_monthly


def test_two_thirds_of_a_group_not_divisible_by_three_rounds_up_to_whole_people():
    assert check_review(10, 7, 7).valid            # 7 ≥ 6.67
    assert not check_review(10, 7, 6).valid        # 6 < 6.67
    assert not check_review(10, 6, 10).valid       # 6 representatives < 6.67


def test_counted_income_after_deductions_is_never_below_zero():
    result = assess({"members": [member(age=70, incomes=[{"kind": "wage", "amount": 1000}])]}, LAIFENG)
    assert result.dibao.counted_income_annual == 0 and result.dibao.deduction_annual > 1000


def test_migrant_work_is_valued_at_half_the_minimum_wage_for_the_months_worked():
    result = assess({"members": [member(incomes=[{"kind": "migrant_work", "months": 4}])]}, LAIFENG)
    assert result.dibao.gross_income_annual == 4 * LAIFENG.income.min_wage_monthly * Decimal("0.5")


# -- the register ----------------------------------------------------------------------------------

def register() -> list:
    return yaml.safe_load(REGISTER.read_text(encoding="utf-8"))["readings"]


def functions_in(path: Path) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_the_register_lists_at_least_fifteen_readings_each_with_clause_reading_reason_and_test():
    readings = register()
    assert len(readings) >= 15
    for entry in readings:
        for key in ("id", "clause", "text_says", "reading", "why", "test"):
            assert entry.get(key), f"{entry.get('id')}: no {key}"
    assert len({e["id"] for e in readings}) == len(readings)


@pytest.mark.parametrize("entry", register(), ids=lambda e: e["id"])
def test_every_register_entry_names_a_test_that_exists(entry):
    for name in entry["test"] if isinstance(entry["test"], list) else [entry["test"]]:
        path, _, function = name.partition("::")
        assert (ROOT / path).is_file(), f"{entry['id']}: no test file {path}"
        assert function in functions_in(ROOT / path), f"{entry['id']}: {path} has no {function}"


def has_path(raw, path: str) -> bool:
    node = raw
    for key in path.split("."):
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return False
    return True


def test_every_register_parameter_is_a_path_of_a_shipped_policy_file():
    policies = list_policies()
    for entry in register():
        if entry.get("parameter"):
            assert any(has_path(p.raw, entry["parameter"]) for p in policies), entry["id"]


def test_single_application_notch_100_yuan_more_wage_moves_a_laifeng_payment_from_60_to_300():
    def household(wage):
        return {"members": [member(id="父亲", age=50, incomes=[{"kind": "wage", "amount": wage}]),
                            member(id="儿子", relation="child", age=25, unemployed=True,
                                   disability={"type": "mental", "grade": 1})]}
    below, above = assess(household(13900), LAIFENG).dibao, assess(household(14000), LAIFENG).dibao
    assert (below.method, below.total_monthly, below.single_application) == ("gap", 60, [])
    assert below.floor_applied                               # the county floor: 30 元 × 2 people (example)
    assert (above.method, above.total_monthly, above.single_application) == ("single_application", 300, ["儿子"])
    assert above.household_size == 1 and above.key_aid_monthly == 0
    assert [c.code for c in above.household_failed_conditions] == ["income_not_below_standard"]


def test_single_application_never_replaces_an_eligible_household_s_gap_payment():
    for wage in range(0, 14000, 500):
        result = assess({"members": [member(incomes=[{"kind": "wage", "amount": wage}]),
                                     member(id="残", relation="child", age=25, unemployed=True,
                                            disability={"type": "mental", "grade": 1})]}, LAIFENG).dibao
        assert result.method == "gap" and result.single_application == []
