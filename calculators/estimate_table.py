"""The quick estimate as a table the engine writes at build time.

A phone page answers "about how much?" before Python has arrived in the browser: for a household
known only by its size and its monthly income in whole yuan, the answer is looked up in this table.
Every entry is the engine's own answer (``assess`` on the same quick household), so the page
retypes no rule. The table is stored as runs: from each listed income up to the next, the answer
is the same.

    quick_table("laifeng-2017")["sizes"]["3"]
    # [[0, "880"], [5, "870"], [15, "860"], ..., [875, None, "家庭月人均收入不低于低保标准"]]
"""
from __future__ import annotations

from datetime import date

from .assessment import assess
from .money import MONTHS_PER_YEAR
from .policy import load_policy
from .trace import json_value

SIZES = range(1, 11)


def quick_household(size: int, monthly_income: int) -> dict:
    """The household the quick estimate asks about: its size and its income per month, nothing else."""
    return {"size": size, "income": {"amount": monthly_income, "per": "month"}}


def quick_answer(size: int, monthly_income: int, policy) -> tuple[str | None, str | None]:
    """(monthly payment, None) when eligible; (None, the failed conditions) when not."""
    dibao = assess(quick_household(size, monthly_income), policy).dibao
    if dibao.eligible:
        return str(json_value(dibao.total_monthly)), None
    return None, "；".join(c.text for c in dibao.failed_conditions)


def income_limit(size: int, policy) -> int:
    """A whole-yuan income past which no quick household of this size is eligible: the standard
    for the whole household, plus a margin so that the table shows the engine's own refusal."""
    return int(policy.dibao.standard_annual * size / MONTHS_PER_YEAR) + 2


def runs_for_size(size: int, policy) -> list[list]:
    """The engine's answers for every whole-yuan monthly income, as runs of equal answers."""
    runs = []
    for income in range(income_limit(size, policy) + 1):
        answer = list(quick_answer(size, income, policy))
        if not runs or runs[-1][1:] != answer:
            runs.append([income, *answer])
    if runs[-1][1] is not None:
        raise ValueError(f"{size}人户在月收入{income}元时仍符合条件：快速估算表无法覆盖")
    return [run if run[2] is not None else run[:2] for run in runs]


def quick_table(policy=None, as_of: date | None = None) -> dict:
    """The quick-estimate table of a policy: its name, period and standard, and the runs by size."""
    policy = load_policy(policy, as_of)
    return {
        "policy": {"id": policy.id, "name": policy.name, "valid_from": policy.valid_from.isoformat(),
                   "valid_until": policy.valid_until.isoformat() if policy.valid_until else None,
                   "standard_annual": str(json_value(policy.dibao.standard_annual))},
        "sizes": {str(size): runs_for_size(size, policy) for size in SIZES},
    }
