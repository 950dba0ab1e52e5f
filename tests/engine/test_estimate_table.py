"""The quick-estimate table a phone page answers from before Python has arrived: every answer in
it is the engine's own answer for the same household (size and whole-yuan monthly income)."""
import random
from decimal import Decimal

import pytest

from calculators import assess, load_policy
from calculators.estimate_table import SIZES, quick_household, quick_table


def looked_up(table: dict, size: int, income: int) -> list:
    """What the page does (runtime/src/boot.js): the last run starting at or below the income."""
    runs = table["sizes"][str(size)]
    return [run for run in runs if run[0] <= income][-1]


def engine_says(size: int, income: int, policy) -> Decimal | None:
    dibao = assess(quick_household(size, income), policy).dibao
    return dibao.total_monthly if dibao.eligible else None


@pytest.mark.parametrize("policy_id", ["laifeng-2017", "example-tiers-2021", "example-gap-person-2018"])
def test_every_looked_up_answer_is_the_engines_answer_for_the_same_household(policy_id):
    policy = load_policy(policy_id)
    table = quick_table(policy_id)
    picks = random.Random(7)
    for size in SIZES:
        last_run_start = table["sizes"][str(size)][-1][0]
        incomes = {0, last_run_start - 1, last_run_start, last_run_start + 1, 10 * last_run_start}
        incomes |= {picks.randrange(0, last_run_start + 50) for _ in range(30)}
        for income in sorted(i for i in incomes if i >= 0):
            run = looked_up(table, size, income)
            expected = engine_says(size, income, policy)
            assert (None if run[1] is None else Decimal(run[1])) == expected, (size, income, run)


def test_the_last_run_of_each_size_is_the_engines_refusal_with_its_reason():
    table = quick_table("laifeng-2017")
    for size in SIZES:
        last = table["sizes"][str(size)][-1]
        assert last[1] is None and "低保标准" in last[2]


def test_the_table_names_the_policy_its_period_and_its_standard():
    table = quick_table("laifeng-2017")
    policy = load_policy("laifeng-2017")
    assert table["policy"] == {"id": "laifeng-2017", "name": policy.name, "valid_from": "2017-01-01",
                               "valid_until": "2018-03-31", "standard_annual": "3500"}
