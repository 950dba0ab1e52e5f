"""Parameter files: each value cited, the version in force chosen by date, bad files named."""
from datetime import date

import pytest
import yaml

from calculators import InputError, assess, list_policies, load_policy
from calculators.policy import REPO_POLICY_DIR, parse_policy

MINIMAL = {"id": "minimal-test", "valid_from": "2020-01-01",
           "dibao": {"standard": {"amount": 300, "per": "month"}, "payment": {"method": "gap"}}}


def write(tmp_path, data, name="county.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_every_shipped_policy_loads_and_names_its_validity():
    policies = list_policies()
    assert {p.id for p in policies} >= {"laifeng-2017", "example-tiers-2020", "example-classes-2019"}
    assert {p.dibao.payment.method for p in policies} == {"gap", "income_tiers", "class_amounts"}
    for policy in policies:
        assert policy.valid_from is not None


def test_every_value_in_the_default_county_file_cites_its_source():
    raw = yaml.safe_load((REPO_POLICY_DIR / "laifeng-2017.yaml").read_text(encoding="utf-8"))
    sections = [raw["dibao"]["standard"], raw["dibao"]["payment"], raw["dibao"]["payment"]["rounding"],
                raw["dibao"]["payment"]["floor"], raw["dibao"]["key_aid"], raw["dibao"]["supporter_test"],
                raw["tekun"]["standard"], raw["income"]["min_wage"], raw["income"]["farm"]]
    sections += raw["dibao"]["deductions"]
    for section in sections:
        assert section.get("source"), section


def test_values_the_text_leaves_to_the_county_are_marked_as_examples():
    policy = load_policy("laifeng-2017")
    for path in ("dibao.payment.floor", "income.min_wage", "income.farm"):
        assert policy.is_example(path), path
    assert not policy.is_example("dibao.standard")


def test_default_policy_is_laifeng_2017():
    assert load_policy().id == "laifeng-2017"
    assert assess({"size": 1}).to_dict()["policy"]["id"] == "laifeng-2017"


def test_jurisdiction_without_date_gives_its_latest_version():
    assert load_policy("example-tiers").id == "example-tiers-2021"


def test_as_of_picks_the_version_in_force_that_day():
    assert load_policy("example-tiers-2021", date(2020, 6, 1)).id == "example-tiers-2020"
    assert load_policy("example-tiers", date(2021, 4, 1)).id == "example-tiers-2021"


def test_as_of_before_any_version_is_an_error_naming_as_of():
    with pytest.raises(InputError) as error:
        load_policy("laifeng", date(2010, 1, 1))
    assert error.value.field == "as_of"


def test_unknown_policy_id_is_an_error_listing_known_ids():
    with pytest.raises(InputError) as error:
        load_policy("atlantis-2020")
    assert error.value.field == "policy" and "laifeng-2017" in error.value.message


def test_minimal_policy_file_from_a_path_works_and_skips_omitted_sections(tmp_path):
    result = assess({"members": [{"sex": "male", "age": 70}], "still_in_difficulty": True},
                    write(tmp_path, MINIMAL))
    data = result.to_dict()
    assert data["policy"]["id"] == "minimal-test"
    assert data["dibao"]["deduction_annual"] == 0 and data["dibao"]["key_aid_monthly"] == 0
    assert data["tekun"] == []
    notes = " ".join(step["formula"] for step in data["trace"])
    for section in ("收入核减", "重点救助", "特困供养"):
        assert f"本政策文件未设{section}" in notes


@pytest.mark.parametrize("path,field", [
    (("dibao", "standard", "amount"), "dibao.standard.amount"),
    (("dibao", "payment", "method"), "dibao.payment.method"),
    (("valid_from",), "valid_from"),
])
def test_policy_file_missing_a_value_is_an_error_naming_it(tmp_path, path, field):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    with pytest.raises(InputError) as error:
        load_policy(write(tmp_path, data))
    assert error.value.field == field
    assert "缺少" in error.value.message


def test_tier_table_must_rise_band_by_band():
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["dibao"]["payment"] = {"method": "income_tiers", "tiers": [{"up_to": 200, "amount": 100},
                                                                    {"up_to": 100, "amount": 50}]}
    merged = {**load_policy().raw, **data}
    with pytest.raises(InputError) as error:
        parse_policy(merged, "test")
    assert error.value.field == "dibao.payment.tiers[1].up_to"


def test_unknown_rounding_mode_is_an_error_listing_choices(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["dibao"]["payment"]["rounding"] = {"unit": 10, "mode": "sideways"}
    with pytest.raises(InputError) as error:
        load_policy(write(tmp_path, data))
    assert error.value.field == "dibao.payment.rounding.mode"


def test_shorthand_deduction_mapping_uses_the_documents_age_limits(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["dibao"]["deductions"] = {"elderly": 1.0}
    result = assess({"members": [{"sex": "female", "age": 55}]}, write(tmp_path, data))
    assert result.dibao.deduction_annual == 3600


def test_a_rounding_on_person_key_is_read_as_written_not_as_a_yaml_boolean():
    from calculators import load_policy

    payment = load_policy("example-gap-person-2018").dibao.payment
    assert payment.rounding.on == "person"      # the file: rounding: {unit: 1, mode: half_up, on: person}
    assert payment.floor.on == "household"      # the file: floor: {rate_of_standard: 0.1, on: household}


def test_a_misspelled_policy_key_is_an_error_naming_it_and_the_nearest_known_key(tmp_path):
    from calculators import InputError, load_policy

    text = (REPO_POLICY_DIR / "laifeng-2017.yaml").read_text(encoding="utf-8")
    path = tmp_path / "typo.yaml"
    path.write_text(text.replace("combine: highest", "combien: highest"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_policy(str(path))
    assert "combien" in error.value.field and "combine" in error.value.message
