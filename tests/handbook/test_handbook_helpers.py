"""The presentation helpers: they lay out engine results and never change them."""
from datetime import date
from decimal import Decimal
from fractions import Fraction

from calculators import assess, handbook, load_policy
from calculators.review import check_review


def test_show_writes_money_without_trailing_zeros_and_booleans_in_chinese():
    assert handbook.show(Decimal("291.666")) == "291.67"
    assert handbook.show(Decimal("300.00")) == "300"
    assert handbook.show(Decimal("0.50")) == "0.5"
    assert handbook.show(True) == "是" and handbook.show(False) == "否"
    assert handbook.show(Fraction(2, 3)) == "三分之二"
    assert handbook.show(date(2017, 5, 9)) == "2017年5月9日"
    assert handbook.show("child") == "留守儿童"


def test_lookup_walks_dicts_lists_and_attributes():
    policy = load_policy()
    assert handbook.lookup(policy, "dibao.standard_annual") == policy.dibao.standard_annual
    assert handbook.lookup({"a": [{"b": 5}]}, "a.0.b") == 5


def test_a_worked_example_shows_exactly_what_assess_returns():
    household = {"size": 3, "income": {"amount": 250, "per": "month", "of": "household"}}
    example = handbook.Example("t", household)
    expected = assess(household).to_dict()["dibao"]["total_monthly"]
    span = example.num("dibao.total_monthly")
    assert f'data-path="dibao.total_monthly">{handbook.show(expected)}<' in span.markup
    assert 'class="doudi-call"' in example.show().markup


def test_a_replayed_review_call_gives_the_engine_answer():
    record = {"call": "check_review", "args": {"members": 9, "representatives": 6, "present": 5},
              "policy": None, "as_of": None}
    assert handbook.run_call(record)["valid"] is check_review(9, 6, 5).valid is False


def test_a_parameter_table_names_the_source_of_every_value():
    params = handbook.Params()
    table = params.table([("低保标准", "dibao.standard_annual", " 元", "dibao.standard")]).markup
    assert handbook.show(params.policy.dibao.standard_annual) in table
    assert params.policy.source("dibao.standard") in table.replace("&amp;", "&")


def test_rule_listing_shows_the_function_name_docstring_and_file():
    from calculators import deductions
    markup = handbook.rule(deductions.member_deduction).markup
    assert "calculators.deductions.member_deduction" in markup and "calculators/deductions.py" in markup


def test_a_worked_example_never_shows_safeguarding_alerts_which_are_for_staff_only():
    household = {"members": [{"id": "父", "relation": "head", "sex": "male", "age": 38, "away_months": 10},
                             {"id": "母", "relation": "spouse", "sex": "female", "age": 36, "away_months": 10},
                             {"id": "孩", "relation": "child", "sex": "male", "age": 12, "guardian_arranged": False}]}
    example = handbook.Example("alert", household)
    assert example.result["alerts"]                      # the engine found them
    shown = example.show().markup + example.answer().markup
    assert "公安机关" not in shown and "安全提示" not in shown and "委托监护" not in shown


def test_the_interpretations_register_is_shown_with_every_reading():
    table = handbook.interpretations_table().markup
    assert all(entry["reading"].split("。")[0][:12] in table for entry in handbook.interpretations())
