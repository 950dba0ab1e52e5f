"""The calculators in Voila, in headless Chromium with no route to any host but the loopback."""
import os
import sys
from pathlib import Path

import pytest

from calculator_driver import RequestLog, browser, free_port, server
from scenarios import SCENARIOS
from widget_helpers import ROOT

SCREENSHOTS = Path(os.environ.get("DOUDI_SCREENSHOTS", "/tmp/doudi-screenshots"))


@pytest.fixture(scope="module")
def voila_url():
    port = free_port()
    command = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=doudi-offline", "--show_tracebacks=True", "notebooks"]
    env = {"JUPYTER_PATH": str(ROOT / "notebooks" / "voila_template")}
    with server(command, port, ROOT, env):
        yield f"http://127.0.0.1:{port}/voila/render"


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_calculator_runs_in_voila_and_agrees_with_the_cli(name, voila_url, chromium, cli):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests = RequestLog(page)
    page.goto(f"{voila_url}/{name}.ipynb", timeout=120000)
    page.locator(".doudi-calc").first.wait_for(timeout=120000)
    SCENARIOS[name](page, cli)
    assert requests.outside == []
    page.close()


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
def test_dibao_calculator_screenshots(width, height, voila_url, chromium):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(f"{voila_url}/dibao.ipynb", timeout=120000)
    page.locator(".doudi-result .doudi-total").first.wait_for(timeout=120000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / f"voila-dibao-{width}.png"), full_page=True)
    assert overflow <= 2, f"the page scrolls sideways by {overflow}px at {width}px"
    page.close()


def test_printing_shows_only_the_estimate_sheet(voila_url, chromium):
    page = chromium.new_page(viewport={"width": 800, "height": 1100})
    page.goto(f"{voila_url}/dibao.ipynb", timeout=120000)
    page.locator(".doudi-result .doudi-total").first.wait_for(timeout=120000)
    page.emulate_media(media="print")
    assert page.locator(".doudi-sheet").is_visible()
    assert "不是审批决定" in page.locator(".doudi-sheet").inner_text()
    assert not page.locator(".doudi-card").first.is_visible()
    assert not page.locator(".doudi-sheet-actions").first.is_visible()
    page.emulate_media(media="screen")
    assert not page.locator(".doudi-sheet").is_visible()
    page.close()
