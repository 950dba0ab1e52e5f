"""One test per clause, named after the rule; the YAML cases hold the worked numbers."""
from decimal import Decimal

import pytest

from calculators import InputError, assess, load_policy
from calculators.household import parse_household
from calculators.payment import monthly_payment
from calculators.standards import in_force_from, publication_deadline

LAIFENG = load_policy("laifeng-2017")


def member(**fields):
    return {"relation": "head", "sex": "male", "age": 40, **fields}


def test_every_trace_step_cites_a_clause_or_parameter():
    household = {"still_in_difficulty": True, "members": [
        member(age=67, disability={"type": "physical", "grade": 1},
               incomes=[{"kind": "wage", "amount": 1000}, {"kind": "pension_basic", "amount": 1200}]),
        member(relation="grandchild", age=9, sex="female")]}
    for step in assess(household).to_dict()["trace"]:
        assert step["source"], step["label"]


def test_not_eligible_names_each_failed_condition_in_chinese():
    data = assess({"size": 2, "hukou": "urban", "assets_ok": False,
                   "income": {"amount": 9000, "per": "month"}}).to_dict()["dibao"]
    codes = {c["code"]: c["text"] for c in data["failed_conditions"]}
    assert set(codes) == {"hukou_not_rural", "income_not_below_standard", "assets_not_compliant"}
    assert all(codes.values())


def test_tier_payment_stops_at_the_standard():
    policy = load_policy("example-tiers-2020")
    assert monthly_payment(policy, 1, 399).gap_monthly == 60   # band 4 reaches the 400 standard
    assert monthly_payment(policy, 1, 400).gap_monthly == 0


def test_eligible_with_zero_payment_differs_from_not_eligible(tmp_path):
    path = tmp_path / "zero-band.yaml"
    path.write_text("id: zero-band\nvalid_from: 2020-01-01\ndibao:\n  standard: {amount: 300, per: month}\n"
                    "  payment:\n    method: income_tiers\n    tiers:\n      - {up_to: 100, amount: 50}\n"
                    "      - {amount: 0}\n", encoding="utf-8")
    eligible = assess({"size": 1, "income": {"amount": 200, "per": "month"}}, str(path)).dibao
    refused = assess({"size": 1, "income": {"amount": 300, "per": "month"}}, str(path)).dibao
    assert (eligible.eligible, eligible.tier, eligible.total_monthly) == (True, 2, 0)
    assert eligible.failed_conditions == []
    assert (refused.eligible, [c.code for c in refused.failed_conditions]) == (False, ["income_not_below_standard"])


def test_money_in_json_has_at_most_two_decimals():
    data = assess({"size": 3, "income": {"amount": 1001, "per": "year"}}).to_dict()["dibao"]
    for key in ("per_capita_monthly_income", "standard_monthly", "gap_monthly", "total_monthly"):
        assert Decimal(str(data[key])).as_tuple().exponent >= -2


def test_gap_rounding_is_exact_at_a_multiple_of_ten():
    # (3500*3 - 7020)/12 = 290 exactly: 逢一进十 must leave it at 290, not 300
    result = assess({"size": 3, "income": {"amount": 7020, "per": "year"}})
    assert result.dibao.gap_monthly == 290


def test_summary_form_assumes_rural_hukou_and_compliant_assets_and_says_so():
    result = assess({"size": 2, "income": {"amount": 100, "per": "month"}})
    notes = [s.formula for s in result.trace.steps if s.label == "未填写的项按常规假定"]
    assert notes and "农村户籍" in notes[0] and "财产符合规定" in notes[0]


def test_summary_per_capita_income_is_multiplied_by_size():
    a = assess({"size": 4, "income": {"amount": 100, "per": "month", "of": "per_capita"}})
    b = assess({"size": 4, "income": {"amount": 400, "per": "month", "of": "household"}})
    assert a.dibao.counted_income_annual == b.dibao.counted_income_annual == 4800


def test_members_and_size_together_are_rejected():
    with pytest.raises(InputError) as error:
        parse_household({"size": 2, "members": [member()]})
    assert error.value.field == "size"


@pytest.mark.parametrize("household,field", [
    ({"members": [member(age=131)]}, "members[0].age"),
    ({"members": [member(age=-1)]}, "members[0].age"),
    ({"members": [member(age="forty")]}, "members[0].age"),
    ({"members": [member(sex="x")]}, "members[0].sex"),
    ({"members": [member(incomes=[{"kind": "wage", "amount": -1}])]}, "members[0].incomes[0].amount"),
    ({"members": [member(incomes=[{"kind": "migrant_work", "months": 13}])]}, "members[0].incomes[0].months"),
    ({"members": [member(disability={"type": "physical", "grade": 5})]}, "members[0].disability.grade"),
    ({"members": [member(id="a"), member(id="a")]}, "members[1].id"),
    ({"members": [member(father="nobody")]}, "members[0].father"),
    ({"members": [member()] * 50}, "members"),
    ({"members": []}, "members"),
    ({"size": 0}, "size"),
    ({"size": 2, "income": {"amount": 100, "per": "week"}}, "income.per"),
    ({"members": [member()], "supporters": [{"family_size": 0, "family_income_annual": 1}]},
     "supporters[0].family_size"),
    ({"members": [member()], "assets_ok": "yes"}, "assets_ok"),
    ([], "household"),
])
def test_bad_input_is_rejected_with_a_chinese_message_naming_the_field(household, field):
    with pytest.raises(InputError) as error:
        assess(household)
    assert error.value.field == field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.value.message)


def test_farm_loss_counts_as_zero_not_negative():
    result = assess({"members": [member(incomes=[{"kind": "farm", "mu": 3, "revenue_per_mu": 500,
                                                  "cost_per_mu": 800}])]})
    assert result.dibao.gross_income_annual == 0


def test_unknown_crop_without_figures_is_an_error_naming_the_crop():
    with pytest.raises(InputError) as error:
        assess({"members": [member(incomes=[{"kind": "farm", "mu": 1, "crop": "durian"}])]})
    assert error.value.field == "members[0].incomes[0].crop"


def test_migrant_work_without_any_minimum_wage_is_an_error(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: t\nvalid_from: 2020-01-01\ndibao:\n  standard: {amount: 300, per: month}\n"
                    "  payment: {method: gap}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        assess({"members": [member(incomes=[{"kind": "migrant_work", "months": 3}])]}, str(path))
    assert error.value.field == "members[0].incomes[0].min_wage_monthly"


def test_standards_are_published_by_end_of_march_and_apply_from_april():
    assert publication_deadline(2018, LAIFENG).isoformat() == "2018-03-31"
    assert in_force_from(2018, LAIFENG).isoformat() == "2018-04-01"


def test_single_person_dibao_household_meeting_tekun_is_flagged_but_a_couple_is_not():
    alone = assess({"members": [member(age=75)]})
    couple = assess({"members": [member(age=75), member(relation="spouse", sex="female", age=74)]})
    assert [f.code for f in alone.flags] == ["tekun_instead_of_dibao"]
    assert couple.flags == []


def test_text_explanation_states_the_answer_and_cites_clauses():
    text = assess({"size": 3, "income": {"amount": 600, "per": "month"}}).to_text()
    assert "符合低保条件" in text and "280元" in text and "依据：" in text and "估算" in text


def test_county_file_may_split_disability_and_illness_and_use_other_group_names(tmp_path):
    path = tmp_path / "split.yaml"
    path.write_text("id: split\nvalid_from: 2020-01-01\ndibao:\n  standard: {amount: 300, per: month}\n"
                    "  payment: {method: gap}\n  deductions:\n    - {group: severe_disability, rate: 2}\n"
                    "    - {group: major_illness, rate: 1.5}\n", encoding="utf-8")
    ill = assess({"members": [member(serious_illness=True)]}, str(path))
    disabled = assess({"members": [member(disability={"type": "visual", "grade": 1})]}, str(path))
    assert ill.dibao.deduction_annual == 5400 and disabled.dibao.deduction_annual == 7200


def test_summary_form_says_key_aid_needs_members():
    result = assess({"size": 2, "still_in_difficulty": True, "income": {"amount": 0, "per": "month"}})
    assert result.dibao.key_aid_monthly == 0
    assert any("无法确定" in s.formula for s in result.trace.steps if s.label == "重点救助")
