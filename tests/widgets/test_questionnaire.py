"""The applicant's phone questionnaire (calculators.ui), driven in-process like a user would.

Each answer is typed into the same widgets a phone shows, the buttons are pressed, and the
result is compared with the engine (``assess`` and the CLI) on the same household JSON.
The 估算单 is printed by a real Chromium to a PDF and read back with poppler.
"""
import ast
import base64
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import ipywidgets as W
import pytest

from calculators import assess, list_policies, load_policy
from calculators.glossary import term
from calculators.review import publicity_schedule
from calculators.trace import json_value
from calculators.ui import share
from calculators.ui.questionnaire import Questionnaire, dibao_questionnaire
from calculators.ui.sheet import MATERIALS, standalone_page
from calculators.widgets import DibaoCalculator

from widget_helpers import ROOT, data_value

THREE = {"assets_ok": True, "still_in_difficulty": True,
         "members": [{"id": "户主", "relation": "head", "sex": "male", "age": 62,
                      "incomes": [{"kind": "farm", "mu": 3, "crop": "rice"}]},
                     {"id": "配偶", "relation": "spouse", "sex": "female", "age": 50,
                      "incomes": [{"kind": "wage", "amount": 600, "per": "month"}]},
                     {"id": "孙子女", "relation": "grandchild", "sex": "female", "age": 9}]}
IN_FORCE = date(2017, 6, 1)     # inside laifeng-2017's period
SCREENSHOTS = Path(os.environ.get("DOUDI_SCREENSHOTS", "/tmp/doudi-screenshots"))


def answer(q: Questionnaire, key: str, **values):
    """On screen ``key``, set the answers (attribute path -> value), then press 下一步."""
    assert q.key == key, f"expected the screen {key}, the questionnaire shows {q.key}"
    for path, value in values.items():
        target = q
        *parents, last = path.split("__")
        for part in parents:
            if part.startswith("m") and part[1:].isdigit():
                target = target.members[int(part[1:])]
            elif part.isdigit():
                target = target[int(part)]
            else:
                target = getattr(target, part)
        widget = target[last] if isinstance(target, dict) else getattr(target, last)
        widget.value = value
    q.next_button.click()


def fill_three(q: Questionnaire):
    """The three-person family of ``THREE``, answered screen by screen."""
    answer(q, "county")
    answer(q, "size", size="3")
    answer(q, "m0.who", m0__sex="male", m0__age="62")
    answer(q, "m0.health")
    answer(q, "m0.work", m0__work__farm=True)
    answer(q, "m0.farm", m0__mu="3", m0__crop="rice")
    answer(q, "m1.who", m1__relation="spouse", m1__sex="female", m1__age="50")
    answer(q, "m1.health")
    answer(q, "m1.work", m1__work__wage=True)
    answer(q, "m1.wage", m1__wage="600")
    answer(q, "m2.who", m2__relation="grandchild", m2__sex="female", m2__age="9")
    answer(q, "m2.health")
    answer(q, "m2.child", m2__single_parent=False)
    answer(q, "assets", assets=True)
    answer(q, "supporters", supporter_count=0)
    answer(q, "difficulty", difficulty=True)


def keys(q: Questionnaire) -> list:
    return [s.key for s in q.screens()]


def shown_errors(q: Questionnaire) -> list:
    screen = q.screen
    return [s.value for s in [*screen.slots.values(), screen.general] if s.value]


# -- the flow ---------------------------------------------------------------------------------------

def test_three_person_family_gets_the_engines_amount_for_the_same_household(cli):
    q = Questionnaire(today=IN_FORCE)
    fill_three(q)
    assert q.key == "summary"
    assert "孙子女" in q.summary_html.value and "本地打工每月600元" in q.summary_html.value
    q.next_button.click()
    assert q.key == "result"
    assert q.household_json == THREE
    expected = assess(THREE, "laifeng-2017").dibao
    assert expected.eligible and expected.key_aid_monthly > 0
    assert data_value(q.result.value, "doudi-q-amount") == str(json_value(expected.total_monthly))
    assert cli(THREE)["dibao"]["total_monthly"] == json_value(expected.total_monthly)


def test_the_questionnaire_starts_from_an_empty_family_not_an_example():
    q = Questionnaire()
    assert q.size.value == "" and q.members == [] and q.assessment is None
    assert q.result.value == "" and "元" not in q.question.value
    answer(q, "county")
    answer(q, "size", size="2")
    head = q.members[0]
    assert (head.sex.value, head.age.value, head.wage.value) == (None, "", "")


def test_the_entry_point_returns_the_root_box_with_its_classes():
    root = dibao_questionnaire()
    assert isinstance(root, W.VBox) and "doudi-q" in root._dom_classes
    nav = [w for w in root.children if "doudi-q-nav" in w._dom_classes][0]
    assert [b._dom_classes[-1] for b in nav.children] == ["doudi-q-back", "doudi-q-next"]


def test_a_quick_estimate_prefills_the_size_and_is_recalled():
    q = Questionnaire(size=4, monthly_income="800")
    assert q.size.value == "4"
    answer(q, "county")
    assert q.key == "size" and "800元" in q.question.value


# -- only the questions that matter -------------------------------------------------------------

def test_a_child_is_not_asked_about_work_and_an_adult_not_about_single_parents():
    q = Questionnaire(today=IN_FORCE)
    answer(q, "county")
    answer(q, "size", size="2")
    answer(q, "m0.who", m0__sex="female", m0__age="35")
    assert "m0.work" in keys(q) and "m0.child" not in keys(q)
    q.members[1].age.value = "7"
    assert "m1.child" in keys(q)
    assert not [k for k in keys(q) if k.startswith("m1.") and k.split(".")[1] in
                ("work", "wage", "migrant", "farm", "business", "transfer", "property")]


def test_no_disability_grade_is_asked_without_a_disability():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    assert "m0.disability" not in keys(q)
    q.members[0].disabled.value = True
    assert "m0.disability" in keys(q)


def test_an_amount_is_asked_only_for_an_income_the_member_has():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="45")
    answer(q, "m0.health")
    assert [k for k in keys(q) if k.startswith("m0.")] == ["m0.who", "m0.health", "m0.work"]
    answer(q, "m0.work", m0__work__migrant=True)
    assert q.key == "m0.migrant"


def test_the_pure_daughter_question_only_for_a_family_whose_children_are_all_daughters():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="3")
    child, other = q.members[1], q.members[2]
    child.relation.value, child.sex.value = "child", "female"
    other.relation.value, other.sex.value = "spouse", "male"
    assert "daughters" in keys(q)
    other.relation.value = "child"
    assert "daughters" not in keys(q)


def test_the_hardship_question_is_skipped_when_the_engine_would_pay_no_key_aid():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="40")
    assert "difficulty" not in keys(q)          # a healthy 40-year-old: no key-aid group
    q.members[0].age.value = "70"
    assert "difficulty" in keys(q)


# -- back and forward ----------------------------------------------------------------------------------

def test_back_and_forward_keep_every_answer():
    q = Questionnaire(today=IN_FORCE)
    fill_three(q)
    before = q.household()[0]
    while q.key != "size":
        q.back_button.click()
    assert q.size.value == "3"
    while q.key != "summary":
        q.next_button.click()
    assert q.household()[0] == before == THREE


def test_shrinking_the_family_and_growing_it_again_keeps_the_members_answers():
    q = Questionnaire(today=IN_FORCE)
    fill_three(q)
    q.size.value = "2"
    assert len(q.current_members()) == 2
    q.size.value = "3"
    assert q.household()[0] == THREE


# -- bad answers -------------------------------------------------------------------------------------

def test_age_200_gets_the_engines_message_beside_the_age_and_the_typed_text_stays():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="200")
    assert q.key == "m0.who"
    slot = q.screen.slots["members[0].age"]
    assert "0到130岁" in slot.value and "200" in slot.value and "doudi-q-error" in slot._dom_classes
    assert q.members[0].age.value == "200" and q.members[0].sex.value == "male"
    q.members[0].age.value = "62"
    q.next_button.click()
    assert q.key == "m0.health" and shown_errors(q) == []


def test_a_negative_income_gets_a_chinese_message_beside_the_amount():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="female", m0__age="45")
    answer(q, "m0.health")
    answer(q, "m0.work", m0__work__wage=True)
    answer(q, "m0.wage", m0__wage="-500")
    assert q.key == "m0.wage" and q.members[0].wage.value == "-500"
    assert shown_errors(q) == ["⚠ 不能为负数"]


def test_an_unanswered_question_is_asked_again_in_chinese():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="")
    assert q.key == "size" and "必须填写" in q.screen.slots["size"].value
    answer(q, "size", size="2")
    answer(q, "m0.who", m0__sex="male", m0__age="50")
    answer(q, "m0.health")
    answer(q, "m0.work")
    answer(q, "m1.who", m1__sex="female", m1__age="48")
    assert q.key == "m1.who" and "户主的什么人" in q.screen.slots["members[1].relation"].value


# -- the result ------------------------------------------------------------------------------------

def result_of(today=IN_FORCE) -> Questionnaire:
    q = Questionnaire(today=today)
    fill_three(q)
    q.next_button.click()
    return q


def test_the_applicants_result_has_no_codes_file_names_or_json():
    q = result_of()
    shown = q.result.value + q.share_box.value + q.actions.value.split("<a", 1)[0]
    for machine in ("laifeng", ".yaml", "gap", "dibao.", "{", "data/policies", "参数"):
        assert machine not in shown, machine
    assert q.trace.layout.display == "none"


def test_terms_explain_themselves_on_tap_from_the_glossary():
    html = result_of().result.value
    for name in ("计入", "核减", "补差", "重点救助"):
        assert (f'<details class="doudi-term"><summary>{name}</summary>'
                f'<span class="doudi-term-text">{name}：{term(name).plain}</span></details>') in html


def test_the_cadres_trace_is_behind_a_toggle():
    q = result_of()
    assert q.trace.value == "" and "doudi-q-cadre" in q.cadre._dom_classes
    q.cadre.value = True
    assert q.trace.layout.display == "" and "来凤县兜底材料" in q.trace.value and "laifeng-2017" in q.trace.value


def test_the_result_names_the_county_standard_and_its_period():
    html = result_of().result.value
    assert "湖北省恩施州来凤县" in html and "2017年1月1日至2018年3月31日" in html
    assert "doudi-q-warning" not in html


def test_a_period_that_does_not_cover_today_is_warned_about():
    q = result_of(today=date(2026, 12, 1))
    assert 'class="doudi-q-warning"' in q.result.value and "2026年12月1日" in q.result.value
    assert "doudi-q-warning" in q.sheet.value


# -- the share link ------------------------------------------------------------------------------------

def test_a_share_fragment_decodes_to_the_same_household():
    fragment = share.encode(THREE, "laifeng-2017")
    assert fragment.startswith("#dq1=") and re.fullmatch(r"#dq1=[A-Za-z0-9_-]+", fragment)
    shared = share.decode(fragment)
    assert (shared.policy_id, shared.household) == ("laifeng-2017", THREE)


def test_opening_a_share_link_restores_the_answers_and_the_result():
    q = result_of()
    assert f'href="{q.share_text.value}"' in q.share_box.value
    opened = Questionnaire(fragment=q.share_text.value, today=IN_FORCE)
    assert opened.key == "result" and opened.household_json == THREE
    assert data_value(opened.result.value, "doudi-q-amount") == data_value(q.result.value, "doudi-q-amount")
    while opened.key != "size":
        opened.back_button.click()
    assert opened.size.value == "3" and opened.members[1].wage.value == "600"


def test_a_broken_share_link_says_so_in_chinese_and_starts_empty():
    q = Questionnaire(fragment="#dq1=bm90IGpzb24")
    assert q.key == "county" and q.assessment is None
    assert "分享链接不完整或已损坏" in q.screen.general.value
    bad_age = share.encode({"members": [{"relation": "head", "sex": "male", "age": 500}]}, "laifeng-2017")
    with pytest.raises(share.ShareError, match="130"):
        share.decode(bad_age)


def test_an_unrelated_fragment_such_as_a_section_anchor_is_ignored():
    q = Questionnaire(fragment="#结果")
    assert q.key == "county" and q.screen.general.value == ""


# -- the 估算单 --------------------------------------------------------------------------------------

def standalone(q: Questionnaire) -> str:
    link = re.search(r'href="data:text/html;charset=utf-8;base64,([^"]+)"', q.actions.value)
    return base64.b64decode(link.group(1)).decode("utf-8")


def test_the_sheet_has_a_phone_viewport_the_family_the_amount_and_what_to_bring():
    q = result_of()
    page = standalone(q)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "doudi-q-sheet" in page and "孙子女" in page and "女，9岁" in page
    assert data_value(page, "doudi-q-amount") == data_value(q.result.value, "doudi-q-amount")
    for item in MATERIALS:
        assert item in page
    assert "户籍所在地的乡镇人民政府" in page and "来凤县兜底材料 一（四）1.1" in page


def test_the_sheets_publicity_days_come_from_the_policy():
    q = result_of()
    township, county = publicity_schedule(IN_FORCE, load_policy("laifeng-2017"))
    assert f"公示{township.days}天" in q.sheet.value and f"再公示{county.days}天" in q.sheet.value
    assert "入户调查" in q.sheet.value and "民主评议" in q.sheet.value


def print_to_pdf(page: str, tmp_path: Path) -> tuple:
    """(pages, text) of a page printed by headless Chromium."""
    for tool in ("chromium", "pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is not installed")
    source, pdf = tmp_path / "sheet.html", tmp_path / "sheet.pdf"
    source.write_text(page, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.as_uri()], capture_output=True, timeout=120, check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert "A4" in info
    return pages, re.sub(r"\s+", "", text)


def test_the_downloaded_sheet_prints_on_one_a4_page_with_the_amount_and_materials(tmp_path):
    q = result_of(today=date(2026, 12, 1))
    pages, text = print_to_pdf(standalone(q), tmp_path)
    assert pages == 1
    amount = re.search(r'doudi-q-amount" data-value="[^"]*">([^<]+)<', q.result.value).group(1)
    assert amount in text
    for item in MATERIALS:
        assert re.sub(r"\s+", "", item) in text


def test_a_large_family_sheet_still_prints_on_one_page(tmp_path):
    members = [{"id": f"子女{i}", "relation": "child", "sex": "male", "age": 20 + i,
                "incomes": [{"kind": "wage", "amount": 100, "per": "month"}]} for i in range(1, 7)]
    household = {"members": [{"id": "户主", "relation": "head", "sex": "male", "age": 70}] + members}
    q = Questionnaire(fragment=share.encode(household, "laifeng-2017"))
    assert q.key == "result"
    pages, text = print_to_pdf(standalone(q), tmp_path)
    assert pages == 1 and "子女6" in text


def test_the_cadre_forms_downloaded_sheet_has_a_viewport_and_prints_its_content(tmp_path):
    calc = DibaoCalculator()
    link = re.search(r'href="data:text/html;charset=utf-8;base64,([^"]+)"', calc.result.value)
    page = base64.b64decode(link.group(1)).decode("utf-8")
    assert 'name="viewport"' in page
    pages, text = print_to_pdf(page, tmp_path)
    assert "农村低保估算单" in text and "审核人" in text


def test_the_sheet_fits_a_390_px_phone_screen(tmp_path):
    pytest.importorskip("playwright")
    from calculator_driver import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    source = tmp_path / "sheet.html"
    source.write_text(standalone(result_of()), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(source.as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            sizes = page.evaluate("[...document.querySelectorAll('.doudi-q-sheet *')].map("
                                  "e => parseFloat(getComputedStyle(e).fontSize))")
            assert min(sizes) >= 16
        finally:
            browser.close()


# -- what the UI may import ----------------------------------------------------------------------------

ALLOWED = {"ipywidgets", "base64", "binascii", "collections", "dataclasses", "datetime", "html", "json", "re"}


@pytest.mark.parametrize("module", sorted((ROOT / "calculators" / "ui").glob("*.py")), ids=lambda p: p.name)
def test_the_ui_imports_only_ipywidgets_the_engine_and_light_stdlib(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [] if node.level else [node.module.split(".")[0]]
            assert not {"Output", "interact", "interactive"} & {a.name for a in node.names}
        else:
            continue
        assert set(names) <= ALLOWED, (module.name, names)
    assert "W.Output" not in module.read_text(encoding="utf-8")


def test_a_county_without_published_crop_figures_asks_the_net_per_mu_and_the_engine_uses_it():
    q = Questionnaire(today=IN_FORCE)
    answer(q, "county", county="example-tiers")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="45")
    answer(q, "m0.health")
    answer(q, "m0.work", m0__work__farm=True)
    answer(q, "m0.farm", m0__mu="2")
    assert q.key == "m0.farm" and shown_errors(q) == ["⚠ 必须填写：每亩一年净挣多少元"]
    answer(q, "m0.farm", m0__net_per_mu="300")
    farm = {"kind": "farm", "mu": 2, "revenue_per_mu": 300, "cost_per_mu": 0}
    assert q.household()[0]["members"][0]["incomes"] == [farm]
    expected = assess(q.household()[0], load_policy("example-tiers")).dibao
    assert expected.gross_income_annual == 600


def test_printing_the_page_prints_only_the_sheet(tmp_path):
    from calculators.ui.questionnaire import CSS
    q = result_of()
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{CSS}</head><body>'
            f"<nav>手册目录</nav><main><p>手册正文</p><div class=\"doudi-q\"><div>{q.question.value}</div>"
            f"<div>{q.result.value}</div><div>{q.actions.value}</div><div>{q.sheet.value}</div></div></main></body></html>")
    pages, text = print_to_pdf(page, tmp_path)
    assert pages == 1
    assert "农村低保估算单" in text and "申请要带的材料" in text
    assert "手册正文" not in text and "手册目录" not in text and "打印估算单" not in text


def test_the_summary_leads_straight_back_to_a_members_questions():
    q = Questionnaire(today=IN_FORCE)
    fill_three(q)
    edit = {b.description: b for b in q.edit_box.children}
    assert list(edit) == ["修改家庭人口", "修改户主的情况", "修改配偶的情况", "修改孙子女的情况", "修改家庭财产和其他情况"]
    edit["修改配偶的情况"].click()
    assert q.key == "m1.who" and q.members[1].age.value == "50"
    q.members[1].age.value = "56"
    while q.key != "summary":
        q.next_button.click()
    assert "56岁" in q.summary_html.value


def test_a_county_paying_by_household_class_asks_the_class_and_the_engine_pays_it():
    q = Questionnaire(today=IN_FORCE)
    answer(q, "county", county="example-classes")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="female", m0__age="45")
    answer(q, "m0.health")
    answer(q, "m0.work")
    answer(q, "assets", assets=True)
    answer(q, "supporters", supporter_count=0)
    answer(q, "class")
    assert q.key == "class" and shown_errors(q) == ["⚠ 请选择户类别"]
    answer(q, "class", household_class="B")
    answer(q, "summary")
    expected = assess({"assets_ok": True, "class": "B", "members": [
        {"id": "户主", "relation": "head", "sex": "female", "age": 45}]}, load_policy("example-classes")).dibao
    assert q.household_json["class"] == "B"
    assert data_value(q.result.value, "doudi-q-amount") == str(json_value(expected.total_monthly))


@pytest.mark.parametrize("policy", [p.id for p in list_policies()])
@pytest.mark.parametrize("wage", [0, 5000])
def test_every_county_file_gives_a_plain_words_result(policy, wage):
    household = {"members": [{"id": "户主", "relation": "head", "sex": "female", "age": 45,
                              "incomes": [{"kind": "wage", "amount": wage, "per": "month"}]},
                             {"id": "子女", "relation": "child", "sex": "male", "age": 10}]}
    if load_policy(policy).dibao.payment.classes:
        household["class"] = list(load_policy(policy).dibao.payment.classes)[0]
    q = Questionnaire(fragment=share.encode(household, policy))
    assert q.key == "result" and q.household_json == household
    expected = assess(household, policy).dibao
    assert data_value(q.result.value, "doudi-q-amount") == str(json_value(expected.total_monthly))
    assert policy not in q.result.value and ".yaml" not in q.result.value


# -- in a real browser: Voila at 390 px ------------------------------------------------------------------

@pytest.fixture(scope="module")
def voila_questionnaire():
    pytest.importorskip("voila")
    pytest.importorskip("playwright")
    import sys
    from calculator_driver import browser, free_port, server
    port = free_port()
    command = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=doudi-offline", "notebooks/questionnaire.ipynb"]
    with server(command, port, ROOT, {"JUPYTER_PATH": str(ROOT / "notebooks" / "voila_template")}):
        with browser() as chromium:
            yield chromium, f"http://127.0.0.1:{port}/"


def test_in_voila_at_390_px_a_family_is_answered_by_taps_and_gets_the_engines_amount(voila_questionnaire):
    chromium, url = voila_questionnaire
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(url, timeout=120000)
    root = page.locator(".doudi-q")
    question = root.locator(".doudi-q-question")

    def on(text):
        question.filter(has_text=text).wait_for(timeout=30000)

    def typed(label, value):
        root.locator(".doudi-q-body .widget-text", has=page.locator(f"label:text-is('{label}')")).locator("input").fill(value)

    def tap(text):
        root.locator(f".doudi-q-body button:text-is('{text}')").click()

    def next_screen():
        root.locator(".doudi-q-next").click()

    on("哪个县")
    next_screen()
    on("几口人")
    typed("家里一共几口人", "2")
    next_screen()
    on("第1位")
    tap("女")
    typed("年龄（周岁）", "200")
    next_screen()
    root.locator(".doudi-q-error", has_text="130").wait_for(timeout=30000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "voila-questionnaire-error-390.png"))
    assert root.locator(".doudi-q-body .widget-text input").last.input_value() == "200"
    typed("年龄（周岁）", "70")
    next_screen()
    on("有残疾或重病")
    next_screen()
    on("平时做什么")
    root.locator(".doudi-q-body .widget-checkbox", has_text="本地打工").locator("input").check()
    next_screen()
    on("每月工资")
    typed("每月工资大约多少元", "300")
    next_screen()
    on("第2位")
    root.locator(".doudi-q-body select").select_option(label="子女")
    tap("男")
    typed("年龄（周岁）", "12")
    next_screen()
    for text, choice in (("有残疾或重病", None), ("单亲", None), ("财产", "没有超过"), ("赡养或抚养", "没有"),
                         ("仍然有困难", "是"), ("请核对", None)):
        on(text)
        if choice:
            tap(choice)
        next_screen()
    amount = root.locator(".doudi-q-result .doudi-q-amount")
    amount.wait_for(timeout=30000)
    household = {"assets_ok": True, "still_in_difficulty": True, "members": [
        {"id": "户主", "relation": "head", "sex": "female", "age": 70,
         "incomes": [{"kind": "wage", "amount": 300, "per": "month"}]},
        {"id": "子女", "relation": "child", "sex": "male", "age": 12}]}
    assert amount.get_attribute("data-value") == str(json_value(assess(household).dibao.total_monthly))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    root.locator(".doudi-term summary", has_text="核减").first.click()
    assert root.locator(".doudi-term[open] .doudi-term-text").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "voila-questionnaire-result-390.png"), full_page=True)
    page.emulate_media(media="print")       # 打印估算单 prints the sheet and nothing else
    assert root.locator(".doudi-q-sheet").is_visible() and "申请要带的材料" in root.locator(".doudi-q-sheet").inner_text()
    assert not root.locator(".doudi-q-question").is_visible() and not root.locator(".doudi-q-result").is_visible()
    page.emulate_media(media="screen")
    assert not root.locator(".doudi-q-sheet").is_visible()
    page.close()


def test_a_supporter_outside_the_household_is_asked_about_and_reaches_the_engine():
    q = Questionnaire(today=IN_FORCE)
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="75")
    answer(q, "m0.health")
    answer(q, "m0.work")
    answer(q, "assets", assets=True)
    answer(q, "supporters", supporter_count=1)
    answer(q, "s0", supporters__0__size="0")
    assert q.key == "s0" and "1到30" in q.screen.slots["supporters[0].family_size"].value
    assert q.supporters[0].size.value == "0"
    answer(q, "s0", supporters__0__size="3", supporters__0__income="90000")
    household = q.household()[0]
    assert household["supporters"] == [{"family_size": 3, "family_income_annual": 90000}]
    expected = assess(household, "laifeng-2017").dibao
    assert [c.code for c in expected.failed_conditions] == ["supporter_able"]
    while q.key != "result":
        q.next_button.click()
    assert "暂不符合低保条件" in q.result.value and expected.failed_conditions[0].text in q.result.value


def test_starting_over_empties_every_answer_and_the_result():
    q = result_of()
    q.restart.click()
    assert q.key == "size" and q.size.value == "" and q.result.value == "" and q.assessment is None
    answer(q, "size", size="1")
    assert (q.members[0].age.value, q.assets.value) == ("", None)


def test_the_handbook_glossary_renders_from_the_one_glossary_source():
    page = (ROOT / "book" / "appendix" / "glossary.md").read_text(encoding="utf-8")
    assert "table_rows()" in page and not re.search(r"^\|", page, re.M)
    from calculators.glossary import TERMS, table_rows
    assert len({t.zh for t in TERMS}) == len(TERMS) >= 30
    assert all(zh and plain and re.search("[A-Za-z]", en) for zh, plain, en in table_rows())


def test_a_disability_without_its_type_and_grade_is_asked_again():
    q = Questionnaire()
    answer(q, "county")
    answer(q, "size", size="1")
    answer(q, "m0.who", m0__sex="male", m0__age="50")
    answer(q, "m0.health", m0__disabled=True)
    answer(q, "m0.disability", m0__disability_type="physical")
    assert q.key == "m0.disability" and shown_errors(q) == ["⚠ 请选择残疾等级"]
    answer(q, "m0.disability", m0__grade=2)
    assert q.key == "m0.work" and q.household()[0]["members"][0]["disability"] == {"type": "physical", "grade": 2}


def test_a_shared_household_with_facts_the_questionnaire_does_not_ask_says_so():
    household = {"members": [{"id": "户主", "relation": "head", "sex": "male", "age": 50},
                             {"id": "配偶", "relation": "spouse", "sex": "female", "age": 48, "status": "in_prison"}]}
    q = Questionnaire(fragment=share.encode(household, "laifeng-2017"))
    assert q.key == "result" and "没有问到" in q.result_screen.general.value
    same = Questionnaire(fragment=share.encode(THREE, "laifeng-2017"))
    assert same.result_screen.general.value == ""


def test_given_the_pages_address_the_share_text_is_the_whole_link():
    q = Questionnaire(page_url="http://doudi.intranet/calculators/dibao.html#结果", today=IN_FORCE)
    fill_three(q)
    q.next_button.click()
    link = q.share_text.value
    assert link.startswith("http://doudi.intranet/calculators/dibao.html#dq1=")
    assert share.decode(link.split("dibao.html", 1)[1]).household == THREE
    assert q.share_text.description == "分享链接"
