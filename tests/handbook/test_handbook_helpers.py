"""The presentation helpers: they lay out engine results and never change them."""
from datetime import date
from decimal import Decimal
from fractions import Fraction

from calculators import assess, handbook, load_policy
from calculators.review import check_review


def test_show_writes_money_without_trailing_zeros_and_booleans_in_chinese():
    assert handbook.show(Decimal("291.666")) == "291.67"
    assert handbook.show(Decimal("300.00")) == "300"
    assert handbook.show(Decimal("0.50")) == "0.5"
    assert handbook.show(True) == "是" and handbook.show(False) == "否"
    assert handbook.show(Fraction(2, 3)) == "三分之二"
    assert handbook.show(date(2017, 5, 9)) == "2017年5月9日"
    assert handbook.show("child") == "留守儿童"


def test_lookup_walks_dicts_lists_and_attributes():
    policy = load_policy()
    assert handbook.lookup(policy, "dibao.standard_annual") == policy.dibao.standard_annual
    assert handbook.lookup({"a": [{"b": 5}]}, "a.0.b") == 5


def test_a_worked_example_shows_exactly_what_assess_returns():
    household = {"size": 3, "income": {"amount": 250, "per": "month", "of": "household"}}
    example = handbook.Example("t", household)
    expected = assess(household).to_dict()["dibao"]["total_monthly"]
    span = example.num("dibao.total_monthly")
    assert f'data-path="dibao.total_monthly">{handbook.show(expected)}<' in span.markup
    assert 'class="doudi-call"' in example.show().markup


def test_a_replayed_review_call_gives_the_engine_answer():
    record = {"call": "check_review", "args": {"members": 9, "representatives": 6, "present": 5},
              "policy": None, "as_of": None}
    assert handbook.run_call(record)["valid"] is check_review(9, 6, 5).valid is False


def test_a_parameter_table_names_the_source_of_every_value():
    params = handbook.Params()
    table = params.table([("低保标准", "dibao.standard_annual", " 元", "dibao.standard")]).markup
    assert handbook.show(params.policy.dibao.standard_annual) in table
    assert params.policy.source("dibao.standard") in table.replace("&amp;", "&")


def test_rule_listing_shows_the_function_name_docstring_and_file():
    from calculators import deductions
    markup = handbook.rule(deductions.member_deduction).markup
    assert "calculators.deductions.member_deduction" in markup and "calculators/deductions.py" in markup


def test_a_rule_box_leads_with_the_chinese_summary_and_keeps_the_code_behind_a_toggle():
    from calculators import deductions
    markup = handbook.rule(deductions.member_deduction).markup
    summary = handbook.chinese_summary(deductions.member_deduction)
    assert summary.endswith("（一（四）3.3 末段）。")
    lead, code = markup.split('<details class="doudi-rule-code">', 1)
    assert f'<p class="doudi-rule-zh">{summary}</p>' in lead and "member_deduction" not in lead
    assert "<summary>查看实现这一条的函数和源代码</summary>" in code and "def member_deduction" in code
    docstring = code.split('<blockquote class="doudi-docstring">', 1)[1].split("</blockquote>", 1)[0]
    assert "中文：" not in docstring, "the English docstring repeats the Chinese summary"


def test_every_rule_function_the_handbook_shows_has_a_chinese_summary_with_its_clause():
    """One source: the line 中文：… of the function's docstring (calculators/handbook.py)."""
    import importlib
    import re
    from pathlib import Path

    book = Path(handbook.REPO_ROOT) / "book"
    shown = sorted({m for path in book.rglob("*.md")
                    for m in re.findall(r"hb\.rule\((\w+\.\w+)", path.read_text(encoding="utf-8"))})
    assert len(shown) >= 20
    missing = []
    for name in shown:
        module, function = name.split(".")
        try:
            found = importlib.import_module(f"calculators.{module}")
        except ModuleNotFoundError:                      # the roster pipeline's steps
            found = importlib.import_module(f"calculators.roster.{module}")
        func = getattr(found, function)
        summary = handbook.chinese_summary(func)
        if not re.search(r"[\u4e00-\u9fff]{4}", summary) or not re.search(r"（[^（）]*[一二三四五六七八九十]（", summary):
            missing.append(name)
    assert missing == [], f"rule functions without a Chinese summary citing a clause: {missing}"

def test_a_worked_example_never_shows_safeguarding_alerts_which_are_for_staff_only():
    household = {"members": [{"id": "父", "relation": "head", "sex": "male", "age": 38, "away_months": 10},
                             {"id": "母", "relation": "spouse", "sex": "female", "age": 36, "away_months": 10},
                             {"id": "孩", "relation": "child", "sex": "male", "age": 12, "guardian_arranged": False}]}
    example = handbook.Example("alert", household)
    assert example.result["alerts"]                      # the engine found them
    shown = example.show().markup + example.answer().markup
    assert "公安机关" not in shown and "安全提示" not in shown and "委托监护" not in shown


def test_the_interpretations_register_is_shown_with_every_reading():
    table = handbook.interpretations_table().markup
    assert all(entry["reading"].split("。")[0][:12] in table for entry in handbook.interpretations())
