"""Every limit read as the clause words it, tested at its boundary.

Chinese legal drafting: "以上、以下、以内、届满" include the number itself; "不满、超过、低于、高于、
未满" do not (Civil Code art. 1259). Each test below names the rule and the exact words.
"""
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from calculators import InputError, assess, load_policy
from calculators.policy import list_policies, parse_policy
from calculators.review import check_review
from calculators.standards import check_standard
from calculators.thresholds import limits_in, read_threshold, side_of

ROOT = Path(__file__).resolve().parents[2]
LAIFENG = load_policy("laifeng-2017")


def member(**fields):
    return {"relation": "head", "sex": "male", "age": 40, **fields}


def deduction_of(**fields) -> Decimal:
    """The yearly deduction of one member living with a 40-year-old parent."""
    result = assess({"members": [member(), member(relation="child", **fields)]}, LAIFENG)
    return Decimal(str(result.to_dict()["dibao"]["members"][1]["deduction_annual"]))


# -- the convention itself ----------------------------------------------------------------------

@pytest.mark.parametrize("words", ["三分之二以上", "16周岁以下", "半年以内", "任期届满", "年满60周岁",
                                   "不低于40%", "不得少于9人", "不高于1.8倍"])
def test_yishang_yixia_yinei_jieman_nianman_include_the_number(words):
    assert read_threshold({"value": 1, "wording": words}, "x").inclusive is True


@pytest.mark.parametrize("words", ["不满16岁", "未满16周岁", "超过三分之二", "低于标准", "高于标准"])
def test_buman_weiman_chaoguo_diyu_gaoyu_exclude_the_number(words):
    assert read_threshold({"value": 1, "wording": words}, "x").inclusive is False


def test_negated_words_are_read_before_the_words_they_contain():
    assert side_of("不高于低保标准1.8倍") == "at_most" and side_of("不满16岁") == "less_than"
    assert side_of("不低于20%") == "at_least" and side_of("不得少于9人") == "at_least"


def test_a_file_whose_inclusive_flag_contradicts_its_wording_is_rejected():
    with pytest.raises(InputError) as error:
        read_threshold({"value": "2/3", "wording": "三分之二以上", "inclusive": False}, "review.attendance_share")
    assert error.value.field == "review.attendance_share.inclusive"


def test_a_limit_without_a_comparison_word_needs_our_reading_spelled_out():
    with pytest.raises(InputError):
        read_threshold({"value": 20, "wording": "20-59周岁"}, "w")
    assert read_threshold({"value": 20, "wording": "20-59周岁", "reads_as": "20周岁以上"}, "w").admits(20)


def quoted_clauses() -> str:
    """The source text as the handbook quotes it, verbatim, in its 原文 boxes."""
    return "".join(line for page in (ROOT / "book").rglob("*.md")
                   for line in page.read_text(encoding="utf-8").splitlines(keepends=True) if line.startswith(">"))


@pytest.mark.parametrize("policy_id, at_least", [("laifeng-2017", 20), ("yanggu-2020", 3)])
def test_every_limit_of_a_county_file_quotes_words_found_in_the_clause_text(policy_id, at_least):
    text = quoted_clauses()
    found = list(limits_in(load_policy(policy_id)))
    assert len(found) >= at_least
    for path, limit in found:
        assert limit.wording, f"{path} has no wording"
        assert limit.wording in text, f"{path}: “{limit.wording}” is not the clause's own words"


def test_every_shipped_policy_file_writes_each_limit_with_its_words():
    for policy in list_policies():
        for path, limit in limits_in(policy):
            assert limit.wording, f"{policy.id} {path} has no wording"


# -- 民主评议 一（四）4.2 ------------------------------------------------------------------------

def test_review_quorum_sanfenzhier_yishang_six_of_nine_present_is_valid():
    result = check_review(9, 6, 6)
    assert result.valid and result.failed_conditions == []
    assert "“必须有三分之二以上小组成员参加”（含本数及以上）" in result.trace.steps[2].formula


def test_review_quorum_five_of_nine_present_is_not_valid():
    assert [c.code for c in check_review(9, 6, 5).failed_conditions] == ["too_few_present"]


def test_review_quorum_eight_of_twelve_present_is_valid_and_seven_is_not():
    assert check_review(12, 8, 8).valid and not check_review(12, 8, 7).valid


def test_representatives_bude_shaoyu_exactly_two_thirds_are_enough():
    assert check_review(9, 6, 9).valid and check_review(12, 8, 12).valid


def test_representatives_below_two_thirds_are_not_enough():
    assert [c.code for c in check_review(12, 7, 12).failed_conditions] == ["too_few_representatives"]


def test_review_group_bude_shaoyu_nine_members_exactly_nine_is_enough():
    assert check_review(9, 6, 6).valid
    assert [c.code for c in check_review(8, 8, 8).failed_conditions] == ["too_few_members"]


# -- 核减 一（四）3.3（2） -------------------------------------------------------------------------

def test_single_parent_minor_16_zhousui_yixia_exactly_16_is_deducted():
    assert deduction_of(age=16, single_parent_minor=True) == LAIFENG.dibao.standard_annual


def test_single_parent_minor_17_is_not_deducted():
    assert deduction_of(age=17, single_parent_minor=True) == 0


def test_student_16_zhousui_yishang_exactly_16_is_deducted_and_15_is_not():
    assert deduction_of(age=16, full_time_student=True) == LAIFENG.dibao.standard_annual
    assert deduction_of(age=15, full_time_student=True) == 0


@pytest.mark.parametrize("sex, age, deducted", [("male", 60, True), ("male", 59, False),
                                                ("female", 55, True), ("female", 54, False)])
def test_elderly_nianman_60_for_men_and_55_for_women_includes_the_birthday(sex, age, deducted):
    assert (deduction_of(sex=sex, age=age) > 0) is deducted


# -- 特困 一（五）1.1 -------------------------------------------------------------------------------

def tekun_of(**fields) -> bool:
    return assess({"members": [member(**fields)]}, LAIFENG).tekun[0].eligible


def test_tekun_labour_60_zhousui_yishang_exactly_60_has_no_labour_capacity():
    assert tekun_of(age=60) and not tekun_of(age=59)


def test_tekun_labour_weiman_16_zhousui_a_child_of_exactly_16_has_labour_capacity():
    assert tekun_of(relation="head", age=15) and not tekun_of(relation="head", age=16)


# -- 三留守 二（四） --------------------------------------------------------------------------------

def left_behind(household) -> set:
    return {(x.member, x.category) for x in assess(household, LAIFENG).left_behind}


def family(child_age=10, away=12, elder_age=70, wife_age=35):
    return {"members": [
        {"id": "父", "relation": "head", "sex": "male", "age": 38, "away_months": away},
        {"id": "母", "relation": "spouse", "sex": "female", "age": wife_age, "away_months": away},
        {"id": "孩", "relation": "child", "sex": "male", "age": child_age},
        {"id": "祖", "relation": "parent", "sex": "male", "age": elder_age}]}


def test_left_behind_child_buman_16_sui_exactly_16_is_not_a_child():
    assert ("孩", "child") in left_behind(family(child_age=15))
    assert ("孩", "child") not in left_behind(family(child_age=16))


def test_migrant_banian_yishang_exactly_six_months_away_counts_and_five_does_not():
    assert ("孩", "child") in left_behind(family(away=6))
    assert ("孩", "child") not in left_behind(family(away=5))


def test_left_behind_elder_nianman_60_exactly_60_counts():
    assert ("祖", "elderly") in left_behind(family(elder_age=60))
    assert ("祖", "elderly") not in left_behind(family(elder_age=59))


@pytest.mark.parametrize("age, woman", [(19, False), (20, True), (59, True), (60, False)])
def test_left_behind_woman_20_to_59_zhousui_includes_both_ends(age, woman):
    household = {"members": [
        {"id": "夫", "relation": "head", "sex": "male", "age": 40, "away_months": 12},
        {"id": "妻", "relation": "spouse", "sex": "female", "age": age}]}
    assert (("妻", "woman") in left_behind(household)) is woman


# -- money limits ----------------------------------------------------------------------------------

def test_supporter_income_exactly_at_size_times_1_8_standard_is_not_able_because_the_text_says_greater():
    limit = 3 * Decimal("1.8") * LAIFENG.dibao.standard_annual
    for income, able in ((limit, False), (limit + 1, True)):
        household = {"members": [member(age=70)],
                     "supporters": [{"family_size": 3, "family_income_annual": str(income)}]}
        assert (assess(household, LAIFENG).dibao.able_supporters == 1) is able


def test_single_application_bugaoyu_1_8_times_income_exactly_at_the_limit_may_apply_alone():
    def household(wage):
        return {"members": [member(incomes=[{"kind": "wage", "amount": str(wage)}]),
                            member(relation="child", age=25, unemployed=True,
                                   disability={"type": "intellectual", "grade": 1})]}
    # per-capita 1.8 × standard exactly, after the disabled member's 200% deduction
    at_limit = 2 * Decimal("1.8") * LAIFENG.dibao.standard_annual + 2 * LAIFENG.dibao.standard_annual
    assert assess(household(at_limit), LAIFENG).dibao.single_application == ["m2"]
    assert assess(household(at_limit + 1), LAIFENG).dibao.single_application == []


def test_standard_budiyu_40_percent_exactly_40_percent_is_enough():
    assert check_standard(3500, 8750, "dibao").ok and not check_standard(3500, 8751, "dibao").ok


def test_key_aid_minor_reads_weichengnianren_as_under_18():
    limit = next(g.age for g in LAIFENG.dibao.key_aid.groups if g.group == "minor")
    assert limit.admits(17) and not limit.admits(18) and limit.reading == "未满18周岁"


def test_an_older_county_file_with_a_bare_age_below_still_means_under(tmp_path):
    raw = yaml.safe_load((ROOT / "data/policies/example-tiers-2020.yaml").read_text(encoding="utf-8"))
    raw["dibao"]["deductions"][2] = {"group": "single_parent_minor", "rate_of_standard": 1.0, "age_below": 16}
    path = tmp_path / "old.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    limit = load_policy(str(path)).dibao.deductions[2].params["age_below"]
    assert limit.admits(15) and not limit.admits(16)
