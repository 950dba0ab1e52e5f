"""How fast is one assessment? Prints assessments per second for the detailed and summary forms.

    python benchmarks/engine_bench.py [--seconds 3]

A benchmark, not a test: it prints figures and asserts nothing.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # run from anywhere in the repo

from calculators import assess, load_policy
from calculators.household import parse_household

DETAILED = {
    "hukou": "rural", "assets_ok": True, "still_in_difficulty": True,
    "members": [
        {"id": "m1", "relation": "head", "sex": "male", "age": 67, "disability": {"type": "physical", "grade": 1},
         "incomes": [{"kind": "wage", "amount": 2000}, {"kind": "pension_basic", "amount": 1200},
                     {"kind": "farm", "mu": 2.5, "crop": "rice"}]},
        {"id": "m2", "relation": "spouse", "sex": "female", "age": 63},
        {"id": "m3", "relation": "child", "sex": "male", "age": 38, "away_months": 10,
         "incomes": [{"kind": "migrant_work", "months": 10, "min_wage_monthly": 1380}]},
        {"id": "m4", "relation": "grandchild", "sex": "female", "age": 9, "father": "m3"},
    ],
    "supporters": [{"family_size": 3, "family_income_annual": 15000}],
}
SUMMARY = {"size": 3, "income": {"amount": 600, "per": "month"}}


def rate(label: str, work, seconds: float):
    work()   # warm the policy cache
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(100):
            work()
        count += 100
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {count / elapsed:>9,.0f} per second   {elapsed / count * 1e6:8.1f} µs each")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    seconds = parser.parse_args().seconds
    policy = load_policy("laifeng-2017")
    parsed = parse_household(DETAILED)
    rate("detailed form (4 members, parse + assess)", lambda: assess(DETAILED, policy), seconds)
    rate("detailed form, already parsed", lambda: assess(parsed, policy), seconds)
    rate("summary form", lambda: assess(SUMMARY, policy), seconds)
    rate("detailed form + to_dict (JSON-ready)", lambda: assess(DETAILED, policy).to_dict(), seconds)


if __name__ == "__main__":
    main()
