"""What each calculator must do in a browser, whatever serves it (Voila or the static site).

Each scenario sets inputs through the page, reads the result and compares it with the engine's
CLI (``python -m calculators assess``) on the same household, or with the engine's functions.
"""
from datetime import date
from decimal import Decimal

from calculators import load_policy
from calculators.payment import monthly_payment
from calculators.review import publicity_schedule
from calculator_driver import (changed_value, choose, click_button, error_text, failed_codes, members_shown,
                               set_value, shown_household, value_of, wait_until)


def dibao(scope, cli):
    first = value_of(scope, "doudi-total")
    expected = cli(shown_household(scope))["dibao"]
    assert float(first) == expected["total_monthly"]
    # the spouse earns more: the household leaves 低保, for the same reason the CLI gives
    set_value(scope, "工资（元/月）", 2500, nth=1)
    changed_value(scope, "doudi-eligible", "true")
    household = shown_household(scope)
    assert {"kind": "wage", "amount": 2500, "per": "month"} in household["members"][1]["incomes"]
    expected = cli(household)["dibao"]
    assert expected["eligible"] is False
    assert float(value_of(scope, "doudi-per-capita")) == expected["per_capita_monthly_income"]
    assert expected["failed_conditions"][0]["text"] in scope.locator(".doudi-answer").first.inner_text()
    # an impossible age: the engine's message beside the field, the old result greyed
    set_value(scope, "年龄（周岁）", 200, nth=0)
    wait_until(scope, lambda: "130" in error_text(scope))
    assert scope.locator(".doudi-result.doudi-stale").count() == 1
    assert "过时" in scope.locator(".doudi-stale-note").first.inner_text()
    set_value(scope, "年龄（周岁）", 62, nth=0)
    wait_until(scope, lambda: scope.locator(".doudi-result.doudi-stale").count() == 0)
    # quick mode: household size and income only (the engine's summary form)
    click_button(scope, "简易估算")
    set_value(scope, "家庭人数", 4)
    set_value(scope, "家庭收入（元）", 1000)
    summary = {"size": 4, "income": {"amount": 1000, "per": "month", "of": "household"}}
    expected = cli(summary)["dibao"]
    wait_until(scope, lambda: shown_household(scope) == summary)
    assert float(value_of(scope, "doudi-total")) == expected["total_monthly"]


def tiers(scope, cli):
    value_of(scope, "doudi-gap")
    choose(scope, "县（市）", load_policy("example-tiers").raw.get("jurisdiction_name") or load_policy("example-tiers").name)
    wait_until(scope, lambda: "按档补差" in scope.locator(".doudi-result").last.inner_text())
    set_value(scope, "或直接输入（元）", 150)
    policy = load_policy("example-tiers")
    expected = monthly_payment(policy, 3, Decimal(150)).gap_monthly
    wait_until(scope, lambda: scope.locator(f".doudi-result .doudi-gap[data-value='{int(expected)}']").count() == 1)
    # the static site draws inline SVG; Jupyter and Voila an offline Altair chart
    scope.locator(".doudi-result svg.doudi-chart, .doudi-calc .vega-embed").first.wait_for(timeout=90000)


def tekun(scope, cli):
    value_of(scope, "doudi-eligible")
    set_value(scope, "年龄（周岁）", 75)
    person = {"assets_ok": True, "members": [{"id": "本人", "relation": "head", "sex": "male", "age": 75,
                                              "tekun_care": "dispersed"}]}
    expected = cli(person)["tekun"][0]
    wait_until(scope, lambda: scope.locator(".doudi-result .doudi-centralized").count() == 1)
    assert value_of(scope, "doudi-eligible") == str(expected["eligible"]).lower()
    assert float(value_of(scope, "doudi-centralized")) == expected["standards"]["centralized"]
    assert float(value_of(scope, "doudi-dispersed")) == expected["standards"]["dispersed"]


def left_behind(scope, cli):
    wait_until(scope, lambda: len(members_shown(scope)) > 0)
    household = {"members": [{"id": "爷爷", "relation": "parent", "sex": "male", "age": 68},
                             {"id": "户主", "relation": "head", "sex": "male", "age": 40, "away_months": 10},
                             {"id": "妻子", "relation": "spouse", "sex": "female", "age": 38, "away_months": 0},
                             {"id": "孩子", "relation": "child", "sex": "female", "age": 9}]}
    set_value(scope, "外出务工月数（全年）", 0, nth=2)
    expected = [(x["member"], x["category"]) for x in cli(household)["left_behind"]]
    wait_until(scope, lambda: members_shown(scope) == expected)


def review(scope, cli):
    value_of(scope, "doudi-valid")
    set_value(scope, "到会人数", 5)
    wait_until(scope, lambda: value_of(scope, "doudi-valid") == "false")
    assert failed_codes(scope) == ["too_few_present"]
    start = scope.locator(".doudi-period").first.get_attribute("data-start")
    periods = publicity_schedule(date.fromisoformat(start), load_policy(None))
    assert scope.locator(".doudi-period").nth(1).get_attribute("data-end") == periods[1].end.isoformat()


def policy(scope, cli):
    value_of(scope, "doudi-standard")
    target = load_policy("example-tiers")
    choose(scope, "县（市）", target.raw.get("jurisdiction_name") or target.name)
    wait_until(scope, lambda: value_of(scope, "doudi-standard") == str(int(target.dibao.standard_annual)))


SCENARIOS = {"dibao": dibao, "tiers": tiers, "tekun": tekun, "left_behind": left_behind, "review": review,
             "policy": policy}
