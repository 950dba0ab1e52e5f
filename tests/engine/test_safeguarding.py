"""Safeguarding alerts from 寿政秘〔2016〕278号, for staff only."""
from calculators import assess, load_policy

LAIFENG = load_policy("laifeng-2017")


def person(id, relation, sex, age, **fields):
    return {"id": id, "relation": relation, "sex": sex, "age": age, **fields}


def alerts(household) -> list:
    return [(a.code, a.member) for a in assess(household, LAIFENG).alerts]


def away_parents(**child):
    return {"members": [person("父", "head", "male", 38, away_months=10), person("母", "spouse", "female", 36, away_months=10),
                        person("孩", "child", "male", 12, **child)]}


def test_a_child_buman_shiliu_zhousui_alone_at_home_raises_the_mandatory_report_alert():
    result = assess(away_parents(), LAIFENG)
    assert [(a.code, a.member) for a in result.alerts] == [("child_without_guardian", "孩")]
    assert "第一时间向公安机关报告" in result.alerts[0].text
    assert result.alerts[0].source == "寿政秘〔2016〕278号 三（一）1、4、5"


def test_a_child_of_exactly_16_alone_is_not_under_the_16_rule():
    assert alerts(away_parents() | {"members": away_parents()["members"][:2] + [person("孩", "child", "male", 16)]}) == []


def test_a_capable_grandparent_at_home_means_no_alert():
    household = away_parents()
    household["members"].append(person("奶奶", "parent", "female", 66))
    assert alerts(household) == []


def test_an_incapable_grandparent_at_home_does_not_count_as_a_guardian():
    household = away_parents()
    household["members"].append(person("奶奶", "parent", "female", 80, guardian_capable=False))
    assert ("child_without_guardian", "孩") in alerts(household)


def test_a_seriously_ill_elder_whose_children_are_all_away_raises_the_004_alert():
    household = {"members": [person("爷爷", "head", "male", 78, serious_illness=True),
                             person("儿子", "child", "male", 50, away_months=12),
                             person("儿媳", "child_in_law", "female", 48, away_months=12)]}
    result = assess(household, LAIFENG)
    assert [(a.code, a.member) for a in result.alerts] == [("ill_elder_children_away", "爷爷")]
    assert result.alerts[0].source == "寿政秘〔2016〕278号 三（二）1"


def test_one_child_at_home_is_the_zhishao_one_the_text_asks_for():
    household = {"members": [person("爷爷", "head", "male", 78, disability={"type": "physical", "grade": 1}),
                             person("儿子", "child", "male", 50, away_months=12),
                             person("女儿", "child", "female", 45)]}
    assert alerts(household) == []


def test_parents_away_six_months_without_entrusted_guardianship_raise_the_six_month_alert():
    household = away_parents(guardian_arranged=False)
    household["members"].append(person("奶奶", "parent", "female", 66))
    for months, alerted in ((6, True), (5, False)):
        for m in household["members"][:2]:
            m["away_months"] = months
        assert (("guardianship_not_arranged", "孩") in alerts(household)) is alerted


def test_guardianship_entrusted_or_not_asked_raises_no_six_month_alert():
    for arranged in (True, None):
        household = away_parents(guardian_arranged=arranged)
        household["members"].append(person("奶奶", "parent", "female", 66))
        assert alerts(household) == []


def test_alerts_stay_out_of_the_trace_that_public_pages_show():
    result = assess(away_parents(), LAIFENG)
    assert result.alerts and not any("安全提示" in s.label or "公安" in s.formula for s in result.trace.steps)
    assert "安全提示（仅供工作人员）" in result.to_text()
