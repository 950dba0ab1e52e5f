"""Run every readable worked case in tests/cases/*.yaml against the engine."""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators import InputError, assess, load_policy
from calculators.review import check_review, publicity_schedule
from calculators.standards import check_standard
from calculators.temporary_aid import check_temporary_aid
from calculators.trace import json_value

CASES_DIR = Path(__file__).resolve().parent.parent / "cases"


def load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield pytest.param(case, id=f"{path.stem}-{number + 1}-{case['name']}")


def resolve(data, path: str):
    for part in path.split("."):
        if part == "codes" and isinstance(data, list):
            data = [item["code"] for item in data]
        elif isinstance(data, list):
            data = data[int(part)]
        else:
            data = data[part]
    return data


def same(expected, actual) -> bool:
    if isinstance(expected, bool) or expected is None:
        return expected is actual
    if isinstance(expected, (int, float)):
        return actual is not None and not isinstance(actual, bool) and Decimal(str(expected)) == Decimal(str(actual))
    if isinstance(expected, date):
        return expected.isoformat() == actual
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            same(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, dict):
        return all(same(v, actual.get(k)) for k, v in expected.items())
    return expected == actual


def run(case) -> dict:
    kind = case.get("kind", "assess")
    given = case.get("input", {})
    if kind == "review":
        result = check_review(given["members"], given["representatives"], given["present"])
        return {"valid": result.valid, "failed_conditions": [c.to_dict() for c in result.failed_conditions]}
    if kind == "publicity":
        return {"periods": [{"stage": p.stage, "start": p.start.isoformat(), "end": p.end.isoformat(),
                             "days": p.days} for p in publicity_schedule(given["start"])]}
    if kind == "standard":
        check = check_standard(given["proposed"], given["consumption"], given["kind"])
        return {"ok": check.ok, "minimum_annual": json_value(check.minimum_annual)}
    if kind == "temporary_aid":
        check = check_temporary_aid(case.get("policy"), **given)
        return {"ok": check.ok, "failed_conditions": [c.to_dict() for c in check.failed_conditions],
                "aid_before_approval": check.aid_before_approval}
    policy = load_policy(case.get("policy"), case.get("as_of"))
    if kind == "error":
        with pytest.raises(InputError) as error:
            assess(case["household"], policy)
        assert error.value.message, "an error must carry a Chinese message"
        return {"field": error.value.field}
    return assess(case["household"], policy, case.get("as_of")).to_dict()


@pytest.mark.parametrize("case", load_cases())
def test_worked_case(case):
    output = run(case)
    for path, expected in case["expect"].items():
        actual = resolve(output, path)
        assert same(expected, actual), f"{case['name']}: {path} expected {expected!r}, got {actual!r}"
