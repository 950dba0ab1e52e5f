"""Drive the calculators in a real browser (Voila page or a JupyterLite frame): same widget DOM.

Every non-loopback host is unresolvable (``--host-resolver-rules``), so a page that needs the
internet fails here instead of silently fetching.
"""
import json
import os
import re
import socket
import subprocess
import time
from contextlib import contextmanager
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listening on {port}")


@contextmanager
def server(command: list, port: int, cwd, env=None):
    """Run a server process until the block ends (killed by its own process id)."""
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def browser(extra_args=()):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args))
        try:
            yield chromium
        finally:
            chromium.close()


class RequestLog:
    """Every URL a page asked for; ``outside`` lists those not served from the loopback."""

    def __init__(self, page, allowed_hosts=("127.0.0.1",)):
        self.urls, self.bytes, self.allowed = [], 0, set(allowed_hosts)
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        try:
            self.bytes += request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        except Exception:   # a request whose sizes are gone (page closed): not counted
            pass

    @property
    def outside(self) -> list:
        return [u for u in self.urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).hostname not in self.allowed]


# -- widgets, found by their Chinese labels ---------------------------------------------------------

def field(scope, label: str, nth: int = 0):
    """The input of the text/number widget whose label is ``label`` (nth on the page)."""
    box = scope.locator(".widget-inline-hbox", has=scope.locator(f"label:text-is('{label}')"))
    return box.nth(nth).locator("input, select").first


def set_value(scope, label: str, value, nth: int = 0):
    target = field(scope, label, nth)
    target.fill(str(value))
    target.press("Enter")
    target.blur()


def choose(scope, label: str, option_label: str, nth: int = 0):
    field(scope, label, nth).select_option(label=option_label)


def click_button(scope, text: str):
    scope.locator(f"button:text-is('{text}')").first.click()


def value_of(scope, css_class: str, timeout: float = 30000) -> str:
    node = scope.locator(f".doudi-result:not(.doudi-stale) .{css_class}").first
    node.wait_for(timeout=timeout)
    return node.get_attribute("data-value")


def wait_until(scope, predicate, timeout: float = 30):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    raise TimeoutError("the page did not update")


def changed_value(scope, css_class: str, old: str, timeout: float = 30) -> str:
    """Wait for a result number to differ from ``old`` (the kernel round trip), then return it."""
    holder = {}

    def check():
        node = scope.locator(f".doudi-result:not(.doudi-stale) .{css_class}").first
        if node.count():
            holder["v"] = node.get_attribute("data-value")
            return holder["v"] != old
        return False

    wait_until(scope, check, timeout)
    return holder["v"]


def shown_household(scope) -> dict:
    text = scope.locator(".doudi-result pre.doudi-json").first.text_content()
    return json.loads(text)


def error_text(scope) -> str:
    return " ".join(t for t in scope.locator(".doudi-err").all_text_contents() if t.strip())


def members_shown(scope) -> list:
    nodes = scope.locator(".doudi-result .doudi-left-behind")
    return [(nodes.nth(i).get_attribute("data-member"), nodes.nth(i).get_attribute("data-category"))
            for i in range(nodes.count())]


def failed_codes(scope) -> list:
    return re.findall(r'data-code="([^"]+)"', scope.locator(".doudi-result").last.inner_html())
