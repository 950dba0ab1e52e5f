"""The applicant's 低保 calculator on a phone (390 px), in the built site, offline, served as the
README's command serves it (gzip, cache headers), under a county intranet's host name.

- The quick estimate answers from the engine's build-time table before the runtime is ready.
- The runtime's files come from the site itself and carry a year's caching; a second visit
  downloads none of them again.
"""
from decimal import Decimal

import pytest

from browser import INTRANET_HOST, chromium, serve
from calculators import assess
from calculators.estimate_table import quick_household

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
