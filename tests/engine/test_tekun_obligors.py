"""特困 一（五）1.3: a legal obligor is unable to fulfil the duty only in the cases the clause lists.

"法定义务人符合下列情形之一的，可以认定为无履行义务能力：（1）具备特困人员条件的；（2）60周岁以上
或者重度残疾的最低生活保障对象，且财产符合……规定的；（3）无民事行为能力、被宣告失踪、或者在监狱
服刑的人员，且财产符合……规定的；（4）省人民政府规定的其他情形。"
"""
from pathlib import Path

import pytest
import yaml

from calculators import InputError, assess, load_policy
from calculators.input_files import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
LAIFENG = load_policy("laifeng-2017")


def elder_and_son(son_age=60, son_wage=0, **son):
    incomes = [{"kind": "wage", "amount": son_wage}] if son_wage else []
    return {"members": [{"id": "老人", "relation": "head", "sex": "male", "age": 82},
                        {"id": "儿子", "relation": "child", "sex": "male", "age": son_age, "incomes": incomes, **son}]}


def elder(result):
    return result.tekun[0]


def obligor(result, name="儿子"):
    return next(o for o in elder(result).obligors if o.id == name)


def test_supporter_at_60_who_is_a_dibao_recipient_is_unable_case_2():
    result = assess(elder_and_son(60, 4000), LAIFENG)   # the household's income after deductions is 0: on 低保
    assert result.dibao.eligible
    assert obligor(result).case == "elderly_or_disabled_on_dibao" and not obligor(result).able
    assert elder(result).eligible


def test_supporter_at_60_who_is_not_a_dibao_recipient_is_able_and_the_elder_is_not_tekun():
    result = assess(elder_and_son(60, 40000), LAIFENG)   # a good wage: the household is not on 低保
    assert not result.dibao.eligible
    assert obligor(result).able and obligor(result).case is None
    assert not elder(result).eligible
    assert [c.code for c in elder(result).failed_conditions] == ["has_able_supporter"]


def test_the_form_can_say_a_supporter_is_not_a_dibao_recipient():
    result = assess(elder_and_son(60, 4000, dibao_recipient=False), LAIFENG)
    assert obligor(result).able and not elder(result).eligible


def test_the_trace_names_the_case_that_made_the_supporter_unable():
    result = assess(elder_and_son(60, 4000), LAIFENG)
    line = next(s for s in result.trace.steps if s.label == "特困义务人：老人")
    assert "一（五）1.3（2）60周岁以上或者重度残疾的最低生活保障对象" in line.formula
    assert line.source.endswith("一（五）1.3")
    assert result.to_dict()["tekun"][0]["obligors"][0]["case"] == "elderly_or_disabled_on_dibao"


def test_a_seriously_ill_working_age_son_is_not_on_the_list_and_is_able():
    result = assess(elder_and_son(45, serious_illness=True), LAIFENG)
    assert obligor(result).able and not elder(result).eligible


def test_a_son_in_prison_is_unable_case_3():
    result = assess(elder_and_son(40, status="in_prison"), LAIFENG)
    assert obligor(result).case == "incapable_missing_or_in_prison" and elder(result).eligible


@pytest.mark.parametrize("field", ["no_civil_capacity", "declared_missing"])
def test_a_son_without_civil_capacity_or_declared_missing_is_unable_case_3(field):
    result = assess(elder_and_son(40, **{field: True}), LAIFENG)
    assert obligor(result).case == "incapable_missing_or_in_prison" and elder(result).eligible


def test_case_3_needs_compliant_assets():
    household = {**elder_and_son(40, status="in_prison"), "assets_ok": False}
    assert obligor(assess(household, LAIFENG)).able


def test_an_old_couple_without_income_each_meets_the_tekun_conditions_case_1():
    household = {"members": [{"id": "爷爷", "relation": "head", "sex": "male", "age": 78},
                             {"id": "奶奶", "relation": "spouse", "sex": "female", "age": 75}]}
    result = assess(household, LAIFENG)
    assert [t.eligible for t in result.tekun] == [True, True]
    assert [o.case for t in result.tekun for o in t.obligors] == ["meets_tekun", "meets_tekun"]


def test_a_minor_is_no_legal_obligor():
    household = {"members": [{"id": "奶奶", "relation": "head", "sex": "female", "age": 75},
                             {"id": "孙子", "relation": "grandchild", "sex": "male", "age": 12}]}
    result = assess(household, LAIFENG)
    assert result.tekun[0].eligible and result.tekun[0].obligors == []


def test_an_outside_supporter_from_a_registered_poor_family_is_able_for_tekun_though_unable_for_dibao():
    household = {"members": [{"id": "老人", "relation": "head", "sex": "male", "age": 82}],
                 "supporters": [{"name": "女儿", "family_size": 3, "family_income_annual": 8000,
                                 "category": "registered_poor"}]}
    result = assess(household, LAIFENG)
    assert result.dibao.able_supporters == 0          # 一（四）3.2（5）: deemed unable to pay, for 低保
    assert obligor(result, "女儿").able and not elder(result).eligible   # not on the 1.3 list


def test_an_outside_supporter_at_60_on_dibao_is_unable():
    household = {"members": [{"id": "老人", "relation": "head", "sex": "male", "age": 85}],
                 "supporters": [{"name": "女儿", "family_size": 2, "family_income_annual": 3000, "age": 62,
                                 "dibao_recipient": True}]}
    result = assess(household, LAIFENG)
    assert obligor(result, "女儿").case == "elderly_or_disabled_on_dibao" and elder(result).eligible


def test_province_other_cases_are_empty_by_default_so_a_named_case_is_an_error():
    assert LAIFENG.definitions.tekun_obligor_other_cases == {}
    with pytest.raises(InputError) as error:
        assess(elder_and_son(40, obligor_case="long_term_bedridden"), LAIFENG)
    assert "本县未规定其他情形" in error.value.message


def test_a_county_can_set_the_province_other_cases(tmp_path):
    raw = parse_yaml((ROOT / "data/policies/laifeng-2017.yaml").read_text(encoding="utf-8"), "laifeng-2017.yaml")
    raw["definitions"] = {"tekun_obligor": {"other_cases": [{"code": "long_term_bedridden", "name": "长期卧床"}]}}
    path = tmp_path / "county.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = assess(elder_and_son(40, obligor_case="long_term_bedridden"), str(path))
    assert obligor(result).case == "province_case" and "长期卧床" in obligor(result).why
    assert elder(result).eligible
