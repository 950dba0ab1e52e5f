"""Procedure checks the text states: the investigation team (文件000 一（四）3) and the standards'
calendar (一（四）5: "每年3月底前……公开发布，从当年4月1日起执行")."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from calculators import InputError, load_policy
from calculators.investigation import check_investigation
from calculators.standards import calendar_warnings

ROOT = Path(__file__).resolve().parents[2]


def codes(check) -> list:
    return [c.code for c in check.failed_conditions]


def test_investigation_team_bushaoyu_2_people_exactly_two_with_one_of_each_and_three_signatures_is_valid():
    check = check_investigation(2, 1, 1, 3)
    assert check.valid and codes(check) == []
    assert all(s.source == "来凤县兜底材料 一（四）3" for s in check.trace.steps)


def test_investigation_team_of_one_is_too_small():
    assert codes(check_investigation(1, 1, 0, 3)) == ["team_too_small", "no_village_staff"]


def test_investigation_needs_at_least_one_township_and_one_village_worker():
    assert codes(check_investigation(3, 0, 3, 3)) == ["no_township_staff"]
    assert codes(check_investigation(3, 3, 0, 3)) == ["no_village_staff"]


def test_investigation_signatures_bushaoyu_3_two_are_not_enough():
    assert codes(check_investigation(2, 1, 1, 2)) == ["too_few_signatures"]
    assert "不足3人" in check_investigation(2, 1, 1, 2).failed_conditions[0].text


def test_investigation_staff_cannot_outnumber_the_team():
    with pytest.raises(InputError) as error:
        check_investigation(2, 2, 1, 3)
    assert error.value.field == "team"


def test_investigation_command_prints_json_and_text():
    run = subprocess.run([sys.executable, "-m", "calculators", "investigation", "--team", "2", "--township", "1",
                          "--village", "0", "--signatures", "3"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and json.loads(run.stdout)["failed_conditions"][0]["code"] == "no_village_staff"


def test_a_parameter_file_in_force_from_1_april_gets_no_calendar_warning():
    assert calendar_warnings(load_policy("example-tiers-2021")) == []
    assert calendar_warnings(load_policy("yanggu-2020")) == []


def test_a_parameter_file_in_force_from_another_day_is_warned_not_rejected(tmp_path):
    assert "不是4月1日" in calendar_warnings(load_policy("laifeng-2017"))[0]   # the 2016-12 standard
    raw = yaml.safe_load((ROOT / "data/policies/example-tiers-2021.yaml").read_text(encoding="utf-8"))
    raw["valid_from"] = "2021-03-15"
    path = tmp_path / "county.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert "2021-03-15" in calendar_warnings(load_policy(str(path)))[0]


def test_the_policies_command_lists_calendar_warnings():
    run = subprocess.run([sys.executable, "-m", "calculators", "policies"], capture_output=True, text=True, cwd=ROOT)
    rows = {r["id"]: r for r in json.loads(run.stdout)}
    assert rows["laifeng-2017"]["warnings"] and rows["yanggu-2020"]["warnings"] == []
    assert "laifeng-2017" in run.stderr
