"""The calculators live in the built static site (Pyodide in a Web Worker, the site's own widget
manager drawing in the page itself), offline.

Served by the README's server (scripts/serve.py) on 127.0.0.1 and opened in headless Chromium with
every other host unresolvable; then again under a non-localhost name mapped to 127.0.0.1 over
plain http (a county intranet: no secure context, no service worker). Each calculator page is
driven through its widgets and its answers compared with the engine's CLI.
"""
import pytest

from browser import INTRANET_HOST, chromium, serve
from scenarios import SCENARIOS

PAGES = {"dibao": "dibao-full", "tiers": "tiers", "tekun": "tekun", "left_behind": "left-behind", "review": "review",
         "policy": "policy"}
COLD_START_MS = 180000


def open_calculator(session, slug: str):
    """Open a calculator page and return it once its live widget has rendered (no frame: the
    widgets are drawn in the page)."""
    session.page.goto(session.url(f"book/calculators/{slug}.html"))
    session.page.locator(".doudi-live-slot .doudi-calc").first.wait_for(timeout=COLD_START_MS)
    return session.page


@pytest.fixture(scope="module")
def site_server(built_site):
    if not (built_site / "book" / "calculators" / "dibao.html").is_file():
        pytest.skip(f"{built_site} has no calculator pages")
    with serve(built_site) as server:
        yield server


@pytest.mark.parametrize("host", [None, INTRANET_HOST], ids=["loopback", "intranet-host"])
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_calculator_runs_live_in_the_static_site_and_agrees_with_the_cli(name, host, site_server, cli):
    with chromium(site_server, host=host) as session:
        frame = open_calculator(session, PAGES[name])
        try:
            SCENARIOS[name](frame, cli)
        except Exception:
            session.screenshot(f"site-{name}-{host or 'loopback'}-failed", full_page=True)
            raise
        assert session.external_requests() == []


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_dibao_page_screenshots(width, height, site_server):
    with chromium(site_server) as session:
        session.page.set_viewport_size({"width": width, "height": height})
        frame = open_calculator(session, "dibao-full")
        frame.locator(".doudi-total").first.wait_for(timeout=COLD_START_MS)
        frame.locator(".doudi-card").first.scroll_into_view_if_needed()
        path = session.screenshot(f"site-dibao-{width}")
        assert path.stat().st_size > 10000
        overflow = session.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 2, f"the page scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_the_live_calculator_is_part_of_the_page_and_hides_its_loading_line_once_ready(width, height, site_server):
    with chromium(site_server, viewport={"width": width, "height": height}) as session:
        page = open_calculator(session, "dibao-full")
        page.locator(".doudi-total").first.wait_for(timeout=COLD_START_MS)
        assert page.locator("iframe").count() == 0
        assert page.locator(".doudi-live-status").first.is_hidden()
        calc = page.locator(".doudi-calc").first
        assert calc.evaluate("c => c.scrollHeight <= c.clientHeight + 2"), "the form scrolls inside itself"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 2, f"the page scrolls sideways by {overflow}px at {width}px"
        # A new member makes the form taller: the page grows with it.
        before = calc.bounding_box()["height"]
        page.get_by_text("添加家庭成员").first.click()
        page.wait_for_function(
            f"() => document.querySelector('.doudi-calc').getBoundingClientRect().height > {before + 100}",
            timeout=30_000)


def test_on_a_phone_a_tap_opens_the_calculation_steps_and_every_result_table_fits_the_screen(site_server):
    with chromium(site_server, viewport={"width": 390, "height": 844}) as session:
        page = open_calculator(session, "dibao-full")
        page.locator(".doudi-total").first.wait_for(timeout=COLD_START_MS)
        steps = page.locator(".doudi-answer details").first
        steps.locator("summary").click()
        assert steps.evaluate("d => d.open"), "the click on 计算过程 was lost"
        too_wide = page.locator(".doudi-answer table").evaluate_all(
            "tables => tables.filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".map(t => t.querySelector('th').textContent)")
        assert too_wide == [], f"tables wider than the screen at 390 px: {too_wide}"
        session.screenshot("site-dibao-390-answer", full_page=True)


def test_the_tier_chart_is_drawn_at_a_readable_size_on_a_phone(site_server):
    with chromium(site_server, viewport={"width": 390, "height": 844}) as session:
        page = open_calculator(session, "tiers")
        charts = page.locator("svg.doudi-chart")
        charts.first.wait_for(state="attached", timeout=COLD_START_MS)
        shown = [c for c in charts.all() if c.is_visible()]
        assert len(shown) == 1, "one chart, for the screen size"
        scale = shown[0].evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
        assert scale >= 0.8, f"the chart's 12 px labels are drawn at {12 * scale:.1f} px"
