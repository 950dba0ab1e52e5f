"""The rules of 阳民发〔2020〕4号 (document 002) that change a number, pinned to its words."""
from datetime import date

from calculators import assess, load_policy
from calculators.temporary_aid import check_temporary_aid

YANGGU = load_policy("yanggu-2020")


def worker(*incomes, **household):
    return {**household, "members": [{"id": "户主", "relation": "head", "sex": "male", "age": 45,
                                      "incomes": list(incomes)}]}


def test_employment_cost_is_deducted_from_work_income_and_the_trace_cites_the_plan():
    result = assess(worker({"kind": "migrant_work", "months": 6}, {"kind": "employment_cost", "amount": 600}), YANGGU)
    work = 6 * YANGGU.income.min_wage_monthly / 2
    assert result.dibao.gross_income_annual == work - 600
    step = next(s for s in result.trace.steps if s.label == "户主 扣减就业成本")
    assert "阳民发〔2020〕4号 二（二）2" in step.source and "交通费、培训费等就业成本" in step.source


def test_employment_cost_never_takes_work_income_below_zero():
    result = assess(worker({"kind": "wage", "amount": 500}, {"kind": "employment_cost", "amount": 900}), YANGGU)
    assert result.dibao.gross_income_annual == 0


def test_employment_cost_is_not_deducted_for_tekun_livelihood():
    elder = {"members": [{"id": "老人", "relation": "head", "sex": "male", "age": 62,
                          "incomes": [{"kind": "wage", "amount": 5000}, {"kind": "employment_cost", "amount": 1000}]}]}
    result = assess(elder, YANGGU)
    assert result.dibao.gross_income_annual == 4000
    assert result.tekun == []   # yanggu-2020 sets no 特困 standard: the section is not applied


def test_gradual_exit_months_are_the_county_parameter_marked_as_example():
    result = assess(worker({"kind": "wage", "amount": 9000}, on_dibao=True), YANGGU, date(2020, 9, 1))
    assert result.dibao.gradual_exit_months == YANGGU.dibao.gradual_exit_months
    assert YANGGU.is_example("dibao.gradual_exit")
    assert "渐退期为示例值" in next(s.formula for s in result.trace.steps if s.label == "低保渐退")


def test_exit_pause_is_dated_and_applies_on_its_first_and_last_day_only_to_recipients():
    pause = YANGGU.dibao.exit_pause
    for day, paused in ((pause.start, True), (pause.end, True), (date(2020, 6, 1), False)):
        result = assess(worker({"kind": "wage", "amount": 9000}, on_dibao=True), YANGGU, day)
        assert result.dibao.exit_paused is paused, day
    assert not assess(worker({"kind": "wage", "amount": 9000}), YANGGU, pause.start).dibao.exit_paused


def test_without_an_assessment_day_the_pause_cannot_be_decided_and_the_trace_says_so():
    result = assess(worker({"kind": "wage", "amount": 9000}, on_dibao=True), YANGGU)
    assert not result.dibao.exit_paused
    assert any(s.label == "暂停退出" and "无法判断" in s.formula for s in result.trace.steps)


def test_first_aid_within_24_hours_bugaoyu_1000_raise_and_budiyu_50000_reserve_include_the_number():
    assert check_temporary_aid(YANGGU, urgent=True, hours_to_first_aid=24, raise_amount=1000,
                               township_reserve=50000).ok
    late = check_temporary_aid(YANGGU, urgent=True, hours_to_first_aid="24.5")
    assert [c.code for c in late.failed_conditions] == ["first_aid_late"]


def test_a_case_that_is_not_urgent_is_not_held_to_24_hours():
    assert check_temporary_aid(YANGGU, urgent=False, hours_to_first_aid=72).ok
