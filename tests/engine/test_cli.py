"""The command line: JSON or Chinese text on stdout, exit 2 with one Chinese line on bad input."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import list_policies

ROOT = Path(__file__).resolve().parents[2]
DETAILED = {"hukou": "rural", "assets_ok": True, "pure_daughter_family": False, "still_in_difficulty": True,
            "class": "B", "members": [{"id": "m1", "relation": "head", "sex": "male", "age": 67,
                                       "co_resident": True, "status": None,
                                       "disability": {"type": "physical", "grade": 1},
                                       "unemployed": True, "away_months": 0, "guardian_capable": True,
                                       "incomes": [{"kind": "wage", "amount": 1200, "per": "year"},
                                                   {"kind": "pension_basic", "amount": 1200, "per": "year"}]}],
            "supporters": [{"family_size": 4, "family_income_annual": 20000}]}


def cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


def write(tmp_path, data, name="household.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_assess_prints_the_required_json_fields(tmp_path):
    run = cli("assess", write(tmp_path, DETAILED))
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["policy"]["id"] == "laifeng-2017"
    for key in ("eligible", "failed_conditions", "household_size", "counted_income_annual", "deduction_annual",
                "per_capita_monthly_income", "method", "tier", "gap_monthly", "key_aid_monthly", "total_monthly"):
        assert key in out["dibao"], key
    assert out["dibao"]["total_monthly"] == 359   # 300 gap + 59 key aid, as in tests/cases
    assert [t["member"] for t in out["tekun"]] == ["m1"]
    assert out["left_behind"] == []
    assert all({"label", "formula", "value", "source"} <= set(step) for step in out["trace"])


def test_assess_text_format_is_a_chinese_explanation(tmp_path):
    run = cli("assess", write(tmp_path, DETAILED), "--format", "text")
    assert run.returncode == 0 and "结论：符合低保条件" in run.stdout and "依据" in run.stdout


def test_assess_reads_stdin_and_takes_policy_and_as_of():
    run = cli("assess", "-", "--policy", "example-tiers", "--as-of", "2020-06-01",
              stdin=json.dumps({"size": 2, "income": {"amount": 200, "per": "month"}}))
    out = json.loads(run.stdout)
    assert out["policy"]["id"] == "example-tiers-2020" and out["dibao"]["tier"] == 1


def test_policy_given_as_a_yaml_path(tmp_path):
    policy = write(tmp_path, "id: my-county\nvalid_from: 2020-01-01\ndibao:\n  standard: {amount: 500, per: month}\n"
                             "  payment:\n    method: class_amounts\n    classes: {A: 400, B: 200}\n", "p.yaml")
    run = cli("assess", "-", "--policy", policy, stdin=json.dumps({"size": 2, "class": "A"}))
    out = json.loads(run.stdout)
    assert (out["policy"]["id"], out["dibao"]["tier"], out["dibao"]["gap_monthly"]) == ("my-county", "A", 800)


@pytest.mark.parametrize("content,field", [
    ("{not json", "household"),
    (json.dumps({"members": [{"sex": "male", "age": 200}]}), "members[0].age"),
    (json.dumps({"members": [{"sex": "male", "age": 30, "incomes": [{"kind": "wage", "amount": -3}]}]}),
     "members[0].incomes[0].amount"),
    (json.dumps({"members": [{"sex": "alien", "age": 30}]}), "members[0].sex"),
    (json.dumps({"members": []}), "members"),
    (json.dumps({"members": [{"sex": "male", "age": 30}] * 50}), "members"),
])
def test_bad_household_exits_2_with_chinese_message_and_empty_stdout(tmp_path, content, field):
    run = cli("assess", write(tmp_path, content))
    assert run.returncode == 2
    assert run.stdout == ""
    assert field in run.stderr and "输入有误" in run.stderr


def test_policy_file_missing_a_value_exits_2_naming_it(tmp_path):
    policy = write(tmp_path, "id: broken\nvalid_from: 2020-01-01\ndibao:\n  standard: {per: month}\n"
                             "  payment: {method: gap}\n", "broken.yaml")
    run = cli("assess", "-", "--policy", policy, stdin='{"size": 1}')
    assert run.returncode == 2 and run.stdout == "" and "dibao.standard.amount" in run.stderr


def test_unknown_policy_and_bad_date_exit_2():
    assert cli("assess", "-", "--policy", "nowhere", stdin='{"size": 1}').returncode == 2
    run = cli("assess", "-", "--as-of", "2017-13-45", stdin='{"size": 1}')
    assert run.returncode == 2 and "as_of" in run.stderr


def test_review_publicity_standard_and_policies_commands():
    review = json.loads(cli("review", "--members", "9", "--representatives", "6", "--present", "5").stdout)
    assert review["valid"] is False and review["failed_conditions"][0]["code"] == "too_few_present"
    assert json.loads(cli("review", "--members", "9", "--representatives", "6", "--present", "6").stdout)["valid"]
    periods = json.loads(cli("publicity", "2017-05-02").stdout)
    assert [p["end"] for p in periods] == ["2017-05-08", "2017-05-15"]
    standard = json.loads(cli("standard", "--proposed", "3000", "--consumption", "8000").stdout)
    assert standard["ok"] is False and standard["minimum_annual"] == 3200
    ids = [p["id"] for p in json.loads(cli("policies").stdout)]
    assert "laifeng-2017" in ids


def test_policies_bundle_lets_the_engine_run_without_the_data_folder(tmp_path):
    bundle = tmp_path / "policies_bundle.json"
    assert cli("policies", "--bundle", str(bundle)).returncode == 0
    package = tmp_path / "site" / "calculators"
    package.mkdir(parents=True)
    for source in (ROOT / "calculators").glob("*.py"):
        (package / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "policies_bundle.json").write_text(bundle.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import json,calculators as c;"
                          "print(json.dumps(c.assess({'size': 3, 'income': {'amount': 600, 'per': 'month'}})"
                          ".to_dict()['dibao']['total_monthly']), ','.join(sorted(p.id for p in c.list_policies())))"],
                         capture_output=True, text=True, cwd=tmp_path / "site")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["280", ",".join(sorted(p.id for p in list_policies()))]
