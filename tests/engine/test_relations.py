"""Relations are read from the form, inferred only where the household leaves one reading.

文件000 二（四）: a left-behind child's parents, a left-behind woman's husband. The form's
``spouse``, ``father`` and ``mother`` fields settle them; without them the engine pairs people
only when one pairing is possible, and otherwise says what is open and which field settles it.
"""
from calculators import assess, load_policy

LAIFENG = load_policy("laifeng-2017")


def found(result) -> set:
    return {(x.member, x.category) for x in result.left_behind}


def person(id, relation, sex, age, **fields):
    return {"id": id, "relation": relation, "sex": sex, "age": age, **fields}


HEAD, WIFE = person("爷爷", "head", "male", 66), person("奶奶", "spouse", "female", 63)


def test_in_law_couple_the_daughter_in_law_of_the_only_son_is_a_left_behind_woman():
    household = {"members": [HEAD, WIFE, person("儿子", "child", "male", 38, away_months=12),
                             person("儿媳", "child_in_law", "female", 36)]}
    result = assess(household, LAIFENG)
    assert ("儿媳", "woman") in found(result) and result.ambiguities == []
    assert next(x.why for x in result.left_behind if x.member == "儿媳") == "丈夫儿子外出务工，本人在户籍地留守"


def test_in_law_couple_a_son_in_law_away_leaves_the_daughter_left_behind():
    household = {"members": [HEAD, person("女儿", "child", "female", 34),
                             person("女婿", "child_in_law", "male", 35, away_months=8)]}
    assert ("女儿", "woman") in found(assess(household, LAIFENG))


def test_in_law_couple_two_sons_and_one_daughter_in_law_is_asked_when_only_one_son_is_away():
    household = {"members": [HEAD, person("大儿子", "child", "male", 40, away_months=12),
                             person("二儿子", "child", "male", 36),
                             person("儿媳", "child_in_law", "female", 37)]}
    result = assess(household, LAIFENG)
    assert ("儿媳", "woman") not in found(result)
    assert [(x.member, x.field) for x in result.ambiguities] == [("儿媳", "spouse")]
    assert "大儿子" in result.ambiguities[0].question and "二儿子" in result.ambiguities[0].question
    assert any("儿媳（关系不明）" in s.label for s in result.trace.steps)


def test_in_law_couple_named_spouse_settles_it():
    household = {"members": [HEAD, person("大儿子", "child", "male", 40, away_months=12),
                             person("二儿子", "child", "male", 36),
                             person("儿媳", "child_in_law", "female", 37, spouse="大儿子")]}
    result = assess(household, LAIFENG)
    assert ("儿媳", "woman") in found(result) and result.ambiguities == []


def test_in_law_couple_every_possible_husband_away_needs_no_question():
    household = {"members": [HEAD, person("大儿子", "child", "male", 40, away_months=12),
                             person("二儿子", "child", "male", 36, away_months=7),
                             person("儿媳", "child_in_law", "female", 37)]}
    result = assess(household, LAIFENG)
    assert ("儿媳", "woman") in found(result) and result.ambiguities == []


def two_couples(**grandchild):
    return {"members": [HEAD, WIFE,
                        person("大儿子", "child", "male", 40, away_months=12, spouse=None),
                        person("大儿媳", "child_in_law", "female", 38, away_months=12, spouse="大儿子"),
                        person("二儿子", "child", "male", 35),
                        person("二儿媳", "child_in_law", "female", 33, spouse="二儿子"),
                        person("孙子", "grandchild", "male", 9, **grandchild)]}


def test_two_couple_household_a_grandchild_without_named_parents_is_asked_not_guessed():
    result = assess(two_couples(), LAIFENG)
    assert ("孙子", "child") not in found(result)
    assert [(x.member, x.field) for x in result.ambiguities] == [("孙子", "father, mother")]
    assert "大儿子、大儿媳" in result.ambiguities[0].question and "二儿子、二儿媳" in result.ambiguities[0].question
    assert result.to_dict()["ambiguities"][0]["field"] == "father, mother"
    assert "待确认" in result.to_text()


def test_two_couple_household_named_parents_away_make_a_left_behind_child():
    result = assess(two_couples(father="大儿子", mother="大儿媳"), LAIFENG)
    assert ("孙子", "child") in found(result) and result.ambiguities == []


def test_two_couple_household_named_parents_at_home_make_no_left_behind_child():
    result = assess(two_couples(father="二儿子", mother="二儿媳"), LAIFENG)
    assert ("孙子", "child") not in found(result) and result.ambiguities == []


def test_two_couple_household_grandparents_still_find_their_children_away_and_at_home():
    result = assess(two_couples(father="二儿子", mother="二儿媳"), LAIFENG)
    assert ("爷爷", "elderly") not in found(result)   # the second son and his wife are at home and able


def test_one_couple_household_a_grandchild_s_parents_are_inferred():
    household = {"members": [HEAD, WIFE, person("儿子", "child", "male", 36, away_months=12),
                             person("儿媳", "child_in_law", "female", 34, away_months=12),
                             person("孙女", "grandchild", "female", 7)]}
    result = assess(household, LAIFENG)
    assert ("孙女", "child") in found(result) and result.ambiguities == []
