"""The calculators live in the built static site (JupyterLite + self-hosted Pyodide), offline.

Served by a plain static http server on 127.0.0.1 and opened in headless Chromium with every
other host unresolvable; then again under a non-localhost name mapped to 127.0.0.1 over plain
http (a county intranet: no secure context, no service worker). Each calculator page is driven
through its widgets and its answers compared with the engine's CLI.
"""
import pytest

from browser import INTRANET_HOST, chromium, serve
from scenarios import SCENARIOS

PAGES = {"dibao": "dibao", "tiers": "tiers", "tekun": "tekun", "left_behind": "left-behind", "review": "review",
         "policy": "policy"}
COLD_START_MS = 180000


def open_calculator(session, slug: str):
    """Open a calculator page and return the frame its live widget runs in, once it has rendered."""
    session.page.goto(session.url(f"book/calculators/{slug}.html"))
    frame = session.page.frame_locator("iframe").first
    frame.locator(".doudi-calc").first.wait_for(timeout=COLD_START_MS)
    return frame


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
        frame = open_calculator(session, "dibao")
        frame.locator(".doudi-total").first.wait_for(timeout=COLD_START_MS)
        frame.locator(".doudi-card").first.scroll_into_view_if_needed()
        path = session.screenshot(f"site-dibao-{width}")
        assert path.stat().st_size > 10000
        overflow = session.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 2, f"the page scrolls sideways by {overflow}px at {width}px"
