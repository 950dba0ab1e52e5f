"""The calculators in-process: every figure shown equals the engine's CLI; bad input is caught."""
import html
import json
import re
from datetime import date
from decimal import Decimal

from calculators import load_policy
from calculators.payment import monthly_payment
from calculators.widgets import (DibaoCalculator, LeftBehindCheck, PolicyChooser, ReviewCheck, TekunCheck,
                                 TierExplorer)

from widget_helpers import data_value, number


def shown_household(calc) -> dict:
    """The household JSON the page itself shows (what a cadre could paste into the CLI)."""
    found = re.search(r'<pre class="doudi-json"[^>]*>(.*?)</pre>', calc.result.value, re.S)
    return json.loads(html.unescape(found.group(1)))


def test_dibao_example_household_matches_cli(cli):
    calc = DibaoCalculator()
    expected = cli(calc.last_household)["dibao"]
    assert shown_household(calc) == calc.last_household
    assert number(data_value(calc.result.value, "doudi-total")) == expected["total_monthly"]
    assert number(data_value(calc.result.value, "doudi-per-capita")) == expected["per_capita_monthly_income"]
    assert number(data_value(calc.result.value, "doudi-key-aid")) == expected["key_aid_monthly"]
    assert data_value(calc.result.value, "doudi-eligible") == str(expected["eligible"]).lower()


def test_member_inputs_reach_the_engine_as_the_cli_form(cli):
    calc = DibaoCalculator()
    head, spouse = calc.members.items
    head.disability.value = ""          # no longer disabled
    head.age.value = 45
    spouse.wage.value = 2000            # now earns enough to leave 低保
    spouse.migrant_months.value = 3
    hand_written = {"hukou": "rural", "assets_ok": True, "pure_daughter_family": False, "still_in_difficulty": True,
                    "members": [{"id": "户主", "relation": "head", "sex": "male", "age": 45,
                                 "incomes": [{"kind": "farm", "mu": 3, "crop": "rice"}]},
                                {"id": "配偶", "relation": "spouse", "sex": "female", "age": 58,
                                 "incomes": [{"kind": "wage", "amount": 2000, "per": "month"},
                                             {"kind": "migrant_work", "months": 3}]}]}
    expected = cli(hand_written)["dibao"]
    assert expected["eligible"] is False
    assert data_value(calc.result.value, "doudi-eligible") == "false"
    assert number(data_value(calc.result.value, "doudi-per-capita")) == expected["per_capita_monthly_income"]
    for condition in expected["failed_conditions"]:
        assert condition["text"] in calc.result.value


def test_each_members_deduction_and_reason_are_shown(cli):
    calc = DibaoCalculator()
    expected = cli(calc.last_household)["dibao"]["members"]
    shown = re.findall(r'doudi-member-deduction" data-value="([^"]*)"', calc.result.value)
    assert [number(v) for v in shown] == [m["deduction_annual"] for m in expected]
    assert "重度残疾人或重特大疾病患者" in calc.result.value and "老年人" in calc.result.value


def test_quick_mode_uses_the_engine_summary_form(cli):
    calc = DibaoCalculator()
    calc.mode.value = "quick"
    calc.size.value = 4
    calc.income.value = 1000
    calc.of.value = "household"
    expected = cli({"size": 4, "income": {"amount": 1000, "per": "month", "of": "household"}})["dibao"]
    assert calc.last_household == {"size": 4, "income": {"amount": 1000, "per": "month", "of": "household"}}
    assert number(data_value(calc.result.value, "doudi-total")) == expected["total_monthly"]


def test_age_200_shows_the_engine_message_beside_the_age_and_keeps_the_last_result_stale():
    calc = DibaoCalculator()
    good = calc.result.value
    calc.members.items[0].age.value = 200
    assert "130" in calc.members.items[0].slots["age"].value
    assert calc.is_stale and calc.result.value == good
    assert "过时" in calc.stale_note.value
    calc.members.items[0].age.value = 62
    assert not calc.is_stale and calc.members.items[0].slots["age"].value == ""


def test_negative_income_is_reported_beside_that_income():
    calc = DibaoCalculator()
    calc.members.items[1].wage.value = -100
    assert "负数" in calc.members.items[1].slots["wage"].value
    assert calc.members.items[0].slots["farm"].value == ""
    assert calc.is_stale


def test_an_empty_household_is_an_error_not_a_crash():
    calc = DibaoCalculator()
    for member in list(calc.members.items):
        calc.members.remove(member)
    assert "家庭成员" in calc.members_error.value
    assert calc.is_stale
    calc.members.add(age=30, sex="female")
    assert not calc.is_stale and calc.assessment.dibao.household_size == 1


def test_county_choice_changes_standard_and_method(cli):
    calc = DibaoCalculator()
    calc.chooser.county.value = "example-tiers"
    assert calc.policy.jurisdiction == "example-tiers"
    expected = cli(calc.last_household, "--policy", calc.policy.id)["dibao"]
    assert expected["method"] == "income_tiers"
    assert number(data_value(calc.result.value, "doudi-total")) == expected["total_monthly"]


def test_policy_by_date_picks_the_version_in_force_or_says_none_is():
    chooser = PolicyChooser()
    chooser.county.value = "example-tiers"
    chooser.use_date.value = True
    chooser.day.value = date(2020, 6, 1)
    assert chooser.policy == load_policy("example-tiers", date(2020, 6, 1))
    assert number(data_value(chooser.result.value, "doudi-standard")) == \
        float(load_policy("example-tiers", date(2020, 6, 1)).dibao.standard_annual)
    chooser.day.value = date(1990, 1, 1)
    assert "没有生效" in chooser.day_error.value and chooser.is_stale


def test_estimate_sheet_carries_the_trace_and_the_not_a_decision_note():
    calc = DibaoCalculator()
    sheet = re.search(r'<div class="doudi-sheet".*', calc.result.value, re.S).group(0)
    assert "估算单" in sheet and "不是审批决定" in sheet and "依据" in sheet
    assert "window.print()" in calc.result.value and "data:text/html" in calc.result.value


def test_tier_explorer_marks_the_engine_payment_for_the_slider_income():
    explorer = TierExplorer()
    explorer.chooser.county.value = "example-tiers"
    explorer.size.value = 2
    explorer.income.value = 150
    expected = monthly_payment(explorer.policy, 2, Decimal(150))
    assert number(data_value(explorer.result.value, "doudi-gap")) == float(expected.gap_monthly)
    assert "<svg" in explorer.result.value and "本户" in explorer.result.value


def test_tier_chart_ticks_its_income_axis_at_the_tier_edges_and_the_standard():
    explorer = TierExplorer()
    explorer.chooser.county.value = "example-tiers"
    explorer.size.value = 2
    explorer.income.value = 150
    policy = explorer.policy
    edges = [float(t.up_to) for t in policy.dibao.payment.tiers if t.up_to is not None]
    expected = sorted({0.0, float(policy.dibao.standard_monthly), *edges})
    assert len(expected) >= 3
    for svg in re.findall(r"<svg.*?</svg>", explorer.result.value, re.S):
        ticks = [float(v) for v in re.findall(r'y2="\d+" stroke="#555"/><text x="[\d.]+" y="\d+" font-size="(?:\d+)" '
                                                r'text-anchor="middle">(\d+)</text>', svg)]
        assert ticks == expected, ticks
        sizes = [int(v) for v in re.findall(r'font-size="(\d+)"', svg)]
        assert min(sizes) >= 12


def test_tekun_check_shows_both_standards_and_failed_conditions(cli):
    check = TekunCheck()
    expected = cli(check.household())["tekun"][0]
    assert data_value(check.result.value, "doudi-eligible") == str(expected["eligible"]).lower()
    assert number(data_value(check.result.value, "doudi-centralized")) == expected["standards"]["centralized"]
    assert number(data_value(check.result.value, "doudi-dispersed")) == expected["standards"]["dispersed"]
    check.person.age.value = 40
    failed = cli(check.household())["tekun"][0]
    assert failed["eligible"] is False
    assert all(c["text"] in html.unescape(check.result.value) for c in failed["failed_conditions"])


def test_left_behind_check_names_who_and_why(cli):
    check = LeftBehindCheck()
    expected = cli(check.household())["left_behind"]
    shown = re.findall(r'data-member="([^"]*)" data-category="([^"]*)"', check.result.value)
    assert shown == [(x["member"], x["category"]) for x in expected] and shown
    check.members.items[1].away.value = 0
    check.members.items[2].away.value = 0
    assert "没有留守" in check.result.value


def test_left_behind_check_asks_for_the_parents_in_a_two_couple_household_and_the_named_parents_settle_it(cli):
    members = [{"id": "爷爷", "relation": "head", "sex": "male", "age": 66},
               {"id": "大儿子", "relation": "child", "sex": "male", "age": 40, "away_months": 12, "spouse": "大儿媳"},
               {"id": "大儿媳", "relation": "child_in_law", "sex": "female", "age": 38, "away_months": 12},
               {"id": "二儿子", "relation": "child", "sex": "male", "age": 35, "spouse": "二儿媳"},
               {"id": "二儿媳", "relation": "child_in_law", "sex": "female", "age": 33},
               {"id": "孙子", "relation": "grandchild", "sex": "male", "age": 9}]
    check = LeftBehindCheck(members=members)
    assert 'class="doudi-ambiguous" data-member="孙子" data-field="father, mother"' in check.result.value
    assert cli(check.household())["ambiguities"][0]["member"] == "孙子"
    grandson = check.members.items[5]
    grandson.relatives["father"].value, grandson.relatives["mother"].value = "大儿子", "大儿媳"
    assert 'data-member="孙子" data-category="child"' in check.result.value
    assert "doudi-ambiguous" not in check.result.value
    assert check.household()["members"][5]["father"] == "大儿子"


def test_left_behind_check_shows_safeguarding_alerts_to_staff_only():
    members = [{"id": "父", "relation": "head", "sex": "male", "age": 38, "away_months": 10},
               {"id": "母", "relation": "spouse", "sex": "female", "age": 36, "away_months": 10},
               {"id": "孩", "relation": "child", "sex": "male", "age": 12}]
    assert "doudi-alert" not in LeftBehindCheck(members=members).result.value
    staff = LeftBehindCheck(members=members, staff=True).result.value
    assert 'class="doudi-alert" data-code="child_without_guardian" data-member="孩"' in staff
    assert "寿政秘〔2016〕278号 三（一）1、4、5" in staff


def test_review_check_names_the_failing_rule_and_the_publicity_dates():
    check = ReviewCheck()
    check.start.value = date(2026, 3, 2)
    check.members.value, check.representatives.value, check.present.value = 9, 5, 7
    assert data_value(check.result.value, "doudi-valid") == "false"
    assert 'data-code="too_few_representatives"' in check.result.value
    assert 'data-start="2026-03-02" data-end="2026-03-08"' in check.result.value
    check.present.value = 12
    assert "不能多于" in check.errors.slots["present"].value and check.is_stale


def test_tier_explorer_altair_chart_carries_the_engine_payments():
    explorer = TierExplorer(chart="altair")
    explorer.size.value = 2
    explorer.income.value = 120
    curve, _standard, here = explorer.chart.spec["layer"]
    policy = explorer.policy
    for point in curve["data"]["values"][::20]:
        income, payment = point.values()
        assert payment == float(monthly_payment(policy, 2, Decimal(str(income))).gap_monthly)
    assert list(here["data"]["values"][0].values())[:2] == [120.0, float(explorer.payment.gap_monthly)]
    assert "<svg" not in explorer.result.value
