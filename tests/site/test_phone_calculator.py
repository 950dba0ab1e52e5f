"""The applicant's 低保 calculator on a phone (390 px), in the built site, offline, served as the
README's command serves it (gzip, cache headers), under a county intranet's host name.

- The quick estimate answers from the engine's build-time table before the runtime is ready.
- The runtime's files come from the site itself and carry a year's caching; a second visit
  downloads none of them again, and starts Python from the memory snapshot the first visit kept
  in the browser (a snapshot that cannot be used is dropped, and Python starts afresh).
- The questionnaire, answered by taps, gives the engine's amount; bad answers are explained
  beside the question and kept; a shared link restores the family and its result; the 估算单
  prints on one A4 page with the amount and the materials to bring.
"""
from decimal import Decimal

import pytest

from browser import INTRANET_HOST, chromium, damage_kept_starts, kept_starts, serve
from calculators import assess
from calculators.estimate_table import quick_household
from calculators.ui.share import encode

PAGE = "book/calculators/dibao.html"
PHONE = {"width": 390, "height": 844}
COLD_START_MS = 180_000


@pytest.fixture(scope="module")
def site_server(built_site):
    with serve(built_site) as server:
        yield server


def quick_answer(page, size: int, income: str) -> str:
    form = page.locator(".doudi-quick")
    form.locator("[name=size]").select_option(str(size))
    form.locator("[name=income]").fill(income)
    return form.locator(".doudi-quick-answer").inner_text()


def test_the_quick_estimate_answers_with_the_engines_numbers_before_the_runtime_has_arrived(site_server):
    with chromium(site_server, host=INTRANET_HOST, viewport=PHONE) as session:
        page = session.page
        held = []
        page.context.route("**/_static/live/*/worker.js", lambda route: held.append(route))  # never answered
        page.goto(session.url(PAGE))
        for size, income in [(3, 600), (1, 0), (5, 1234), (2, 583)]:
            text = quick_answer(page, size, str(income))
            dibao = assess(quick_household(size, income)).dibao
            answer = page.locator(".doudi-quick-answer")
            if dibao.eligible:
                assert Decimal(answer.get_attribute("data-value")) == dibao.total_monthly, (size, income)
                assert "元" in text
            else:
                assert answer.get_attribute("data-value") == "none"
                assert dibao.failed_conditions[0].text in text
        assert page.locator(".doudi-live-ready").count() == 0, "the runtime was held back: the answers came first"
        assert "正在下载" in page.locator(".doudi-live-status").inner_text()
        session.screenshot("phone-quick-estimate")
        assert session.external_requests() == []


def test_the_quick_estimate_explains_an_answer_it_cannot_read_and_keeps_it(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        for typed in ["-5", "12.5", "六百"]:
            text = quick_answer(page, 3, typed)
            assert "整数" in text
            assert page.locator(".doudi-quick [name=income]").input_value() == typed


def test_the_quick_estimate_says_its_standard_and_warns_when_the_period_is_over(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        basis = page.locator(".doudi-quick-basis").inner_text()
        assert "3500元/人·年" in basis and "2017-01-01至2018-03-31" in basis
        assert page.locator(".doudi-quick-period").is_visible(), "the 2017 standard ended on 2018-03-31"


def test_when_the_browser_asks_to_save_data_the_runtime_waits_for_a_tap(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
        page.goto(session.url(PAGE))
        quick_answer(page, 3, "600")
        assert page.locator(".doudi-quick-answer").get_attribute("data-value"), "the quick estimate still answers"
        page.wait_for_timeout(1000)
        assert not [url for url in session.requests if "/_static/live/" in url and "worker.js" in url]
        page.locator(".doudi-live-load").first.click()
        page.locator(".doudi-live-ready").wait_for(timeout=COLD_START_MS)


def test_the_runtime_is_served_from_the_site_compressed_and_a_second_visit_fetches_none_of_it(site_server):
    with chromium(site_server, host=INTRANET_HOST, viewport=PHONE) as session:
        page = session.page
        responses = []
        page.on("response", lambda r: responses.append((r.url, r.headers)))
        page.goto(session.url(PAGE))
        page.locator(".doudi-live-ready").wait_for(timeout=COLD_START_MS)
        runtime = {url: headers for url, headers in responses if "/_static/live/" in url}
        assert any(url.endswith("pyodide.asm.wasm") for url in runtime)
        for url, headers in runtime.items():
            assert "immutable" in headers.get("cache-control", ""), url
        wasm = next(h for u, h in runtime.items() if u.endswith("pyodide.asm.wasm"))
        assert wasm.get("content-encoding") == "gzip"

        before = session.bytes_received()
        page.goto(session.url(PAGE))
        page.locator(".doudi-live-ready").wait_for(timeout=COLD_START_MS)
        again = session.bytes_received() - before
        assert again < 300_000, f"the second visit downloaded {again} bytes"
        assert session.external_requests() == []


# -- the questionnaire, drawn in the page by the site's own runtime ----------------------------------

class Questionnaire:
    """Taps and types on the live questionnaire as a person would, waiting for each screen."""

    def __init__(self, page):
        self.page = page
        self.root = page.locator(".doudi-live-slot .doudi-q")
        self.root.wait_for(timeout=COLD_START_MS)

    def question(self) -> str:
        return self.root.locator(".doudi-q-question").inner_text()

    def caught_up(self) -> None:
        self.page.wait_for_function("() => window.doudiLive.unanswered() === 0", timeout=30_000)

    def on(self, text: str) -> None:
        self.root.locator(".doudi-q-question", has_text=text).wait_for(timeout=30_000)

    def input(self, label: str):
        box = self.root.locator(".doudi-q-body .widget-text", has=self.page.locator(f"label:text-is('{label}')"))
        return box.locator("input")

    def type(self, label: str, value: str) -> None:
        self.input(label).fill(value)

    def tap(self, text: str) -> None:
        self.root.locator(f".doudi-q-body button:text-is('{text}')").click()

    def tick(self, text: str) -> None:
        self.root.locator(".doudi-q-body .widget-checkbox", has_text=text).locator("input").check()

    def choose(self, option: str) -> None:
        self.root.locator(".doudi-q-body select").select_option(label=option)

    def next(self) -> None:
        self.caught_up()
        self.root.locator("button.doudi-q-next").click()
        self.caught_up()


THREE_PERSONS = {"assets_ok": True, "still_in_difficulty": True, "members": [
    {"id": "户主", "relation": "head", "sex": "female", "age": 70,
     "incomes": [{"kind": "wage", "amount": 300, "per": "month"}]},
    {"id": "子女", "relation": "child", "sex": "male", "age": 12},
    {"id": "子女2", "relation": "child", "sex": "female", "age": 9}]}


def answer_three_persons(q: Questionnaire) -> None:
    """A grandmother of 70 earning 300 元 a month locally, with two children of 12 and 9."""
    q.on("哪个县")
    q.next()
    q.on("几口人")
    q.type("家里一共几口人", "3")
    q.next()
    q.on("第1位")
    q.tap("女")
    q.type("年龄（周岁）", "70")
    q.next()
    q.on("有残疾或重病")
    q.next()
    q.on("平时做什么")
    q.tick("本地打工")
    q.next()
    q.on("每月工资")
    q.type("每月工资大约多少元", "300")
    q.next()
    for sex, age in (("男", "12"), ("女", "9")):
        q.on("这位家人的基本情况")
        q.choose("子女")
        q.tap(sex)
        q.type("年龄（周岁）", age)
        q.next()
        q.on("有残疾或重病")
        q.next()
        q.on("单亲")
        q.next()
    for text, choice in (("财产", "没有超过"), ("赡养或抚养", "没有"), ("仍然有困难", "是")):
        q.on(text)
        q.tap(choice)
        q.next()
    q.on("请核对")
    q.next()
    q.root.locator(".doudi-q-result .doudi-q-amount").wait_for(timeout=30_000)


def test_a_three_person_family_answered_by_taps_on_a_phone_gets_the_engines_amount(site_server):
    with chromium(site_server, host=INTRANET_HOST, viewport=PHONE) as session:
        session.page.goto(session.url(PAGE))
        q = Questionnaire(session.page)
        answer_three_persons(q)
        amount = q.root.locator(".doudi-q-result .doudi-q-amount")
        assert Decimal(amount.get_attribute("data-value")) == assess(THREE_PERSONS).dibao.total_monthly
        result = q.root.locator(".doudi-q-result").inner_text()
        for machine_text in ("laifeng", ".yaml", "gap", "{", "dibao."):
            assert machine_text not in result, f"the applicant's result shows {machine_text!r}"
        overflow = session.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 2, f"the page scrolls sideways by {overflow}px"
        session.screenshot("phone-questionnaire-result", full_page=True)
        assert session.external_requests() == []


def test_a_second_visit_starts_from_the_snapshot_the_first_kept_and_gets_the_engines_amount(site_server):
    with chromium(site_server, host=INTRANET_HOST, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        Questionnaire(page)
        assert page.evaluate("window.doudiLive.restored") is False
        runtime = page.evaluate("new URL(window.doudiRuntime.base, location.href).href")
        [(address, size)] = kept_starts(page)
        assert address == runtime and size > 1_000_000

        page.goto(session.url(PAGE))
        q = Questionnaire(page)
        assert page.evaluate("window.doudiLive.restored") is True
        answer_three_persons(q)
        amount = q.root.locator(".doudi-q-result .doudi-q-amount")
        assert Decimal(amount.get_attribute("data-value")) == assess(THREE_PERSONS).dibao.total_monthly
        assert session.external_requests() == []


def test_a_kept_snapshot_that_cannot_be_used_is_dropped_and_python_starts_afresh(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        Questionnaire(page)
        [(address, _)] = kept_starts(page)
        damage_kept_starts(page)

        page.goto(session.url(PAGE))
        q = Questionnaire(page)
        assert page.evaluate("window.doudiLive.restored") is False
        q.on("哪个县")
        q.next()
        q.on("几口人")
        [(again, size)] = kept_starts(page)
        assert again == address and size > 1_000_000


def test_questions_asking_for_a_number_bring_up_the_phones_number_keyboard(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        session.page.goto(session.url(PAGE))
        q = Questionnaire(session.page)
        q.on("哪个县")
        q.next()
        q.on("几口人")
        assert q.input("家里一共几口人").get_attribute("inputmode") == "decimal"
        q.type("家里一共几口人", "2")
        q.next()
        q.on("第1位")
        assert q.input("年龄（周岁）").get_attribute("inputmode") == "decimal"


def test_an_impossible_age_and_a_negative_income_are_explained_beside_the_question_and_kept(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        session.page.goto(session.url(PAGE))
        q = Questionnaire(session.page)
        q.on("哪个县")
        q.next()
        q.type("家里一共几口人", "1")
        q.next()
        q.tap("男")
        q.type("年龄（周岁）", "200")
        q.next()
        error = q.root.locator(".doudi-q-error", has_text="130")
        error.wait_for(timeout=30_000)
        assert "第1位" in q.question(), "a bad answer does not move on"
        assert q.root.locator(".doudi-q-body .widget-text input").last.input_value() == "200"
        session.screenshot("phone-questionnaire-bad-age")
        q.type("年龄（周岁）", "45")
        q.next()
        q.on("有残疾或重病")
        q.next()
        q.tick("本地打工")
        q.next()
        q.type("每月工资大约多少元", "-5")
        q.next()
        message = q.root.locator(".doudi-q-error").filter(has_text="不能为负数")
        message.wait_for(timeout=30_000)
        assert "每月工资" in q.question()
        assert q.root.locator(".doudi-q-body .widget-text input").last.input_value() == "-5"


def test_a_shared_link_restores_the_family_and_the_result_on_another_phone(site_server):
    with chromium(site_server, host=INTRANET_HOST, viewport=PHONE) as session:
        session.page.goto(session.url(PAGE))
        q = Questionnaire(session.page)
        answer_three_persons(q)
        amount = q.root.locator(".doudi-q-result .doudi-q-amount").get_attribute("data-value")
        link = q.root.locator("a.doudi-q-share-link").get_attribute("href")
        assert link.startswith("#dq1=")

        other = session.context.new_page()
        other.goto(session.url(PAGE) + link)
        restored = Questionnaire(other)
        restored.root.locator(".doudi-q-result .doudi-q-amount").wait_for(timeout=COLD_START_MS)
        assert restored.root.locator(".doudi-q-result .doudi-q-amount").get_attribute("data-value") == amount
        restored.root.locator("button.doudi-q-back").click()
        restored.on("请核对")
        summary = restored.root.locator(".doudi-q-summary").inner_text()
        assert "70" in summary and "300" in summary
        assert session.external_requests() == []


def test_a_shared_link_pasted_into_a_tab_already_showing_the_calculator_opens_that_family(site_server):
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        q = Questionnaire(page)
        q.on("哪个县")
        link = encode(THREE_PERSONS, "laifeng-2017")
        page.evaluate("(link) => { location.hash = link; }", link)
        page.wait_for_load_state("load")
        again = Questionnaire(page)
        again.root.locator(".doudi-q-result .doudi-q-amount").wait_for(timeout=COLD_START_MS)
        amount = again.root.locator(".doudi-q-result .doudi-q-amount").get_attribute("data-value")
        assert Decimal(amount) == assess(THREE_PERSONS).dibao.total_monthly

        page.evaluate("() => { window.stillHere = true; location.hash = '#结果'; }")   # a section anchor
        page.wait_for_timeout(500)
        assert page.evaluate("window.stillHere === true"), "a section anchor reloaded the page"


def test_the_estimate_sheet_prints_from_the_page_on_one_a4_page_with_the_amount_and_what_to_bring(site_server, tmp_path):
    import shutil
    import subprocess

    for tool in ("pdfinfo", "pdftotext"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: scripts/setup.sh installs poppler-utils")
    with chromium(site_server, viewport=PHONE) as session:
        session.page.goto(session.url(PAGE))
        q = Questionnaire(session.page)
        answer_three_persons(q)
        amount = q.root.locator(".doudi-q-result .doudi-q-amount").inner_text()
        pdf = tmp_path / "estimate.pdf"
        session.page.emulate_media(media="print")
        session.page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Pages:           1" in info, info
    assert "".join(amount.split()) in text
    for material in ("书面申请", "身份证", "户口簿", "居民家庭收入及财产状况申明书", "居民家庭经济状况核对授权书"):
        assert material in text, material
    assert "怎么用" not in text and "快速估算" not in text, "only the sheet is printed, not the page around it"


def test_an_error_reported_by_python_after_the_start_is_said_in_chinese_beside_the_calculator(site_server):
    """What the page does with the worker's error message (as doudi_host posts it when a widget
    callback raises): the status line comes back and says so in Chinese."""
    with chromium(site_server, viewport=PHONE) as session:
        page = session.page
        page.goto(session.url(PAGE))
        page.locator(".doudi-live-ready").wait_for(timeout=COLD_START_MS)
        assert page.locator(".doudi-live-status").is_hidden()
        page.evaluate("window.doudiLive.status({type: 'error', message: 'ValueError: from a test'})")
        status = page.locator(".doudi-live-status")
        assert status.is_visible() and "计算时出了错" in status.inner_text()
        assert page.locator(".doudi-quick [name=income]").is_enabled(), "the quick estimate stays usable"
