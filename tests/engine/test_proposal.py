"""``calculators.proposal``: next year's parameter file drawn from this year's (文件000 一（四）5)."""
from datetime import date
from decimal import Decimal

import pytest

from calculators import InputError, assess, load_policy
from calculators.proposal import TO_FILL, propose_policy, write_proposal


def test_proposal_file_round_trips_through_the_strict_policy_check(tmp_path):
    path, written = write_proposal("laifeng-2017", tmp_path / "laifeng-2018.yaml", standard_annual=3800,
                                   valid_from="2018-04-01")
    policy = load_policy(str(path))            # read strictly: an unknown key would be refused
    assert (policy.id, policy.jurisdiction, policy.valid_from, policy.valid_until) == \
        ("laifeng-2018", "laifeng", date(2018, 4, 1), None)
    assert policy.dibao.standard_annual == Decimal(3800) == written.dibao.standard_annual
    assert policy.changes == ("由 laifeng-2017 调整：低保标准 3500 → 3800 元/人·年",)
    assert policy.source("dibao.standard").startswith(TO_FILL)
    assert "2018年" in policy.name
    base = load_policy("laifeng-2017")
    assert policy.dibao.deductions == base.dibao.deductions and policy.income == base.income


def test_the_in_memory_proposal_equals_the_written_file(tmp_path):
    path, _ = write_proposal("laifeng-2017", tmp_path / "p.yaml", standard_annual=3800)
    household = {"size": 1, "income": {"amount": 300, "per": "month"}, "still_in_difficulty": True}
    in_memory = assess(household, propose_policy("laifeng-2017", 3800)).to_dict()["dibao"]
    from_file = assess(household, str(path)).to_dict()["dibao"]
    assert in_memory["total_monthly"] == from_file["total_monthly"] == Decimal(30)


def test_a_proposal_starts_the_day_after_the_base_file_ends():
    assert propose_policy("laifeng-2017", 3800).valid_from == date(2018, 4, 1)


def test_a_proposal_refuses_to_overwrite_a_file_without_force(tmp_path):
    target = tmp_path / "laifeng-2018.yaml"
    write_proposal("laifeng-2017", target, standard_annual=3800)
    with pytest.raises(InputError) as error:
        write_proposal("laifeng-2017", target, standard_annual=3900)
    assert "--force" in error.value.message
    write_proposal("laifeng-2017", target, force=True, standard_annual=3900)
    assert load_policy(str(target)).dibao.standard_annual == Decimal(3900)


def test_a_proposal_beside_an_open_ended_file_of_its_county_is_refused(tmp_path, monkeypatch):
    import calculators.proposal as proposal

    monkeypatch.setattr(proposal, "REPO_POLICY_DIR", tmp_path)    # as if written into data/policies
    with pytest.raises(InputError) as error:
        write_proposal("example-tiers-2021", None, standard_annual=5400, valid_from="2022-04-01")
    assert error.value.field.startswith("valid_from") and "重叠" in error.value.message
    assert not list(tmp_path.iterdir())


def test_tiers_scale_with_the_standard_when_not_redrawn():
    # example-tiers-2020: 400 元/月; tiers 100/330, 200/240, 300/150, 400/60. At 440 元/月 (× 1.1):
    policy = propose_policy("example-tiers-2020", 5280, new_id="example-tiers-proposed")
    assert [(t.up_to, t.amount) for t in policy.dibao.payment.tiers] == \
        [(110, 363), (220, 264), (330, 165), (440, 66)]
    assert "同比例" in policy.changes[1]


def test_tiers_can_be_redrawn_tier_by_tier_and_are_checked_as_a_file_is():
    policy = propose_policy("example-tiers-2020", 5280, tiers=[(150, 350), (300, 200), (440, 80)],
                            new_id="example-tiers-proposed")
    assert [(t.up_to, t.amount) for t in policy.dibao.payment.tiers] == [(150, 350), (300, 200), (440, 80)]
    with pytest.raises(InputError) as error:
        propose_policy("example-tiers-2020", 5280, tiers=[(300, 200), (150, 350)], new_id="x")
    assert "tiers[1]" in error.value.field


def test_tekun_amounts_change_where_the_file_fixes_them_and_follow_a_multiple_where_it_does_not():
    policy = propose_policy("laifeng-2017", 3800, tekun_dispersed=7000, tekun_centralized=7200)
    assert (policy.tekun.dispersed_annual, policy.tekun.centralized_annual) == (7000, 7200)
    assert any("特困分散供养标准 5700 → 7000" in line for line in policy.changes)
    assert propose_policy("example-tiers-2020", 5280, new_id="x").tekun.dispersed_annual == Decimal("6864.0")
    with pytest.raises(InputError) as error:
        propose_policy("example-tiers-2020", 5280, tekun_standard=7000, new_id="x")
    assert error.value.field == "tekun_standard" and "倍" in error.value.message


def test_bad_figures_name_their_field():
    for figures, field in (({"standard_annual": "三千"}, "standard"), ({"standard_annual": 0}, "standard"),
                           ({"standard_annual": 3800, "valid_from": "2016-04-01"}, "valid_from"),
                           ({"standard_annual": 3800, "new_id": "laifeng-2017"}, "id")):
        with pytest.raises(InputError) as error:
            propose_policy("laifeng-2017", **figures)
        assert error.value.field == field


def test_a_change_record_that_is_not_a_list_of_sentences_is_refused(tmp_path):
    path, _ = write_proposal("laifeng-2017", tmp_path / "p.yaml", standard_annual=3800)
    text = path.read_text(encoding="utf-8").replace("changes:\n- ", "changes:\n  amount: ")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_policy(str(path))
    assert error.value.field == "changes"


# -- python -m calculators propose ------------------------------------------------------------

def test_propose_writes_the_file_and_says_what_changed_in_chinese(tmp_path, capsys):
    from calculators.__main__ import main

    out = tmp_path / "laifeng-2018.yaml"
    assert main(["propose", "--from", "laifeng-2017", "--standard", "3800", "--valid-from", "2018-04-01",
                 "--tekun-dispersed", "7000", "-o", str(out), "--format", "text"]) == 0
    printed = capsys.readouterr().out
    assert "已写出" in printed and "低保标准 3500 → 3800 元/人·年" in printed and "特困分散供养标准 5700 → 7000" in printed
    assert main(["policies"]) == 0       # the shipped files still load (nothing was written beside them)
    assert load_policy(str(out)).tekun.dispersed_annual == Decimal(7000)


def test_propose_redraws_tiers_given_on_the_command_line(tmp_path):
    from calculators.__main__ import main

    out = tmp_path / "t.yaml"
    assert main(["propose", "--from", "example-tiers-2020", "--standard", "5280", "--id", "example-tiers-x",
                 "--tier", "150:350", "--tier", "300:200", "--tier", "以上:80", "-o", str(out)]) == 0
    tiers = load_policy(str(out)).dibao.payment.tiers
    assert [(t.up_to, t.amount) for t in tiers] == [(150, 350), (300, 200), (None, 80)]


@pytest.mark.parametrize("arguments, named", [
    (["--from", "nowhere-1999", "--standard", "3800"], "nowhere-1999"),
    (["--from", "laifeng-2017", "--standard", "-5"], "standard"),
    (["--from", "laifeng-2017", "--standard", "3800", "--valid-from", "2018-02-30"], "valid_from"),
    (["--from", "example-tiers-2020", "--standard", "5280", "--id", "x", "--tier", "150"], "--tier"),
    (["--from", "laifeng-2017", "--standard", "3800", "--tier", "150:350"], "tiers"),
])
def test_propose_bad_input_exits_2_naming_the_field(tmp_path, capsys, arguments, named):
    from calculators.__main__ import main

    assert main(["propose", *arguments, "-o", str(tmp_path / "p.yaml")]) == 2
    captured = capsys.readouterr()
    assert named in captured.err and captured.out == "" and not (tmp_path / "p.yaml").exists()


def test_a_proposal_written_beside_the_others_passes_the_policy_checks_and_is_in_force_from_1_april(
        tmp_path, monkeypatch, capsys):
    import shutil

    import calculators.policy as policy_module
    import calculators.proposal as proposal
    from calculators.__main__ import main
    from calculators.policy import REPO_POLICY_DIR

    folder = tmp_path / "policies"
    shutil.copytree(REPO_POLICY_DIR, folder)
    for module in (policy_module, proposal):
        monkeypatch.setattr(module, "REPO_POLICY_DIR", folder)
    monkeypatch.setattr(policy_module, "_cache", {})
    assert main(["propose", "--from", "laifeng-2017", "--standard", "3800"]) == 0
    assert (folder / "laifeng-2018.yaml").exists()
    assert main(["policies", "--format", "text"]) == 0 and "laifeng-2018" in capsys.readouterr().out
    assert load_policy("laifeng", date(2018, 3, 31)).id == "laifeng-2017"
    assert load_policy("laifeng", date(2018, 4, 1)).id == "laifeng-2018"
