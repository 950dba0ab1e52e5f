"""Open built pages in a real, offline headless Chromium and see every request they make.

Small shared helper for the site, widget and dashboard tests. Two context managers::

    from browser import serve, chromium

    with serve("_build/html") as server:                       # http://127.0.0.1:<free port>/
        with chromium(server) as b:                            # or chromium(server, host=INTRANET_HOST)
            b.page.goto(b.url("book/index.html"))
            b.page.get_by_text("低保").first.wait_for()
            b.screenshot("home")                               # -> _build/screenshots/home.png
            assert b.external_requests() == []                 # nothing left 127.0.0.1 / the mapped host

- ``serve(directory)`` serves a folder over plain http on 127.0.0.1, on a free port, from a thread
  (``server.port``, ``server.url(path, host=None)``), with the README's server
  (``scripts/serve.py``: precompressed gzip, cache headers). Pass ``port=`` to use a fixed one.
- ``chromium(server=None, host=None)`` launches Debian's ``/usr/bin/chromium`` through Playwright
  (never ``playwright install``) with every non-loopback host unresolvable
  (``--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"``). With ``host`` (e.g.
  ``INTRANET_HOST = "doudi.intranet"``) that name is mapped to 127.0.0.1 too, so a page can be
  tested as a county intranet serves it: plain http, not localhost, hence no service worker and
  no secure context. The yielded object has:

  ``page``                 the Playwright page (``new_page()`` opens more in the same context);
  ``url(path)``            the address of ``path`` on the server, under ``host`` if given;
  ``requests``             every URL requested so far (pages, frames and workers);
  ``failed``               ``(url, error)`` of requests that failed;
  ``console``              ``(type, text)`` of console messages, for failure reports;
  ``external_requests()``  the requested URLs whose host is neither 127.0.0.1 nor ``host``
                           (``data:``, ``blob:`` and ``about:`` URLs are not requests);
  ``bytes_received()``     response body bytes the server sent since this session started;
  ``screenshot(name)``     saves ``_build/screenshots/<name>.png`` and returns its path.

Set ``DOUDI_HEADFUL=1`` to watch the browser (needs a display).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from serve import SiteHandler  # noqa: E402  (scripts/serve.py: what the README's command serves with)

CHROMIUM = "/usr/bin/chromium"
INTRANET_HOST = "doudi.intranet"
SCREENSHOTS = ROOT / "_build" / "screenshots"
LOOPBACK = "127.0.0.1"
NOT_REQUESTS = ("data", "blob", "about", "chrome", "chrome-error", "devtools")


def chromium_args(host: str | None = None) -> list[str]:
    """Debian Chromium flags for an honest offline test (see STACK-NOTES)."""
    rules = f"MAP {host} {LOOPBACK}, " if host else ""
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-proxy-server", f"--host-resolver-rules={rules}MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}"]
    if not os.environ.get("DOUDI_HEADFUL"):
        args.insert(0, "--headless")
    return args


class _QuietHandler(SiteHandler):
    """The site's handler, counting the body bytes it sends (on the wire: gzip where sent)."""

    def end_headers(self):
        self.server.bytes_sent += int(self._headers_length())
        super().end_headers()

    def _headers_length(self) -> int:
        for line in getattr(self, "_headers_buffer", []):
            text = line.decode("latin-1", "replace")
            if text.lower().startswith("content-length:"):
                return int(text.split(":", 1)[1].strip() or 0)
        return 0


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    bytes_sent = 0

    def handle_error(self, request, client_address):
        """A browser that closes a connection early (page navigated away) is not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class StaticServer:
    """A folder served over plain http on 127.0.0.1 (see ``serve``)."""

    def __init__(self, directory, port: int = 0):
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(self.directory))
        self._httpd = _Server((LOOPBACK, port), handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str = "", host: str | None = None) -> str:
        return f"http://{host or LOOPBACK}:{self.port}/{path.lstrip('/')}"

    @property
    def bytes_sent(self) -> int:
        """Response body bytes sent so far (from Content-Length headers)."""
        return self._httpd.bytes_sent

    def start(self) -> "StaticServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextlib.contextmanager
def serve(directory, port: int = 0):
    """Serve ``directory`` on http://127.0.0.1:<port>/ for the duration of the block."""
    server = StaticServer(directory, port).start()
    try:
        yield server
    finally:
        server.stop()


class BrowserSession:
    """What ``chromium`` yields: the page, the addresses it requested and a few helpers."""

    def __init__(self, context, server: StaticServer | None, host: str | None):
        self.context = context
        self.server = server
        self.host = host
        self.requests: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.console: list[tuple[str, str]] = []
        self._bytes_at_start = server.bytes_sent if server else 0
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", lambda request: self.failed.append((request.url, request.failure or "")))
        context.on("page", self._watch)
        self.page = context.new_page()

    def _watch(self, page) -> None:
        page.on("console", lambda message: self.console.append((message.type, message.text)))
        page.on("worker", lambda worker: worker.on("console", lambda m: self.console.append((m.type, m.text))))

    def url(self, path: str = "") -> str:
        if self.server is None:
            raise ValueError("no server: pass one to chromium(server) or use full URLs")
        return self.server.url(path, self.host)

    def allowed_hosts(self) -> set[str]:
        return {LOOPBACK} | ({self.host} if self.host else set())

    def external_requests(self) -> list[str]:
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in NOT_REQUESTS:
                continue
            if parts.hostname not in self.allowed_hosts():
                outside.append(url)
        return outside

    def bytes_received(self) -> int:
        return self.server.bytes_sent - self._bytes_at_start if self.server else 0

    def screenshot(self, name: str, page=None, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        (page or self.page).screenshot(path=str(path), full_page=full_page)
        return path


@contextlib.contextmanager
def chromium(server: StaticServer | None = None, host: str | None = None, *,
             viewport: dict | None = None, locale: str = "zh-CN"):
    """Headless Debian Chromium with non-loopback hosts unresolvable (``host`` mapped to 127.0.0.1)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args(host),
                                             headless=not os.environ.get("DOUDI_HEADFUL"))
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale=locale,
                                      service_workers="allow")
        try:
            yield BrowserSession(context, server, host)
        finally:
            context.close()
            browser.close()


# The worker keeps its snapshot in IndexedDB (runtime/src/worker.js), under the runtime's address.
KEPT_STARTS_JS = """async ([replacement]) => {
  const db = await new Promise((ok, fail) => {
    const request = indexedDB.open("doudi-runtime", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("snapshots");
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  });
  const done = (request) => new Promise((ok) => { request.onsuccess = () => ok(request.result); });
  const store = db.transaction("snapshots", "readwrite").objectStore("snapshots");
  const keys = await done(store.getAllKeys());
  if (replacement !== null) for (const key of keys) await done(store.put(new Uint8Array(replacement), key));
  const sizes = await Promise.all(keys.map(async (key) => (await done(store.get(key))).byteLength));
  db.close();
  return keys.map((key, i) => [key, sizes[i]]);
}"""


def kept_starts(page) -> list:
    """[(address, bytes)] of the snapshots the live calculators' runtime kept in this browser, once
    one is whole (over 1 MB), waiting up to 30 s for it."""
    for _ in range(60):
        kept = page.evaluate(KEPT_STARTS_JS, [None])
        if kept and all(size > 1_000_000 for _, size in kept):
            return kept
        page.wait_for_timeout(500)
    return kept


def damage_kept_starts(page) -> None:
    """Overwrite every kept snapshot with 4 kB of nonsense, as damaged storage might."""
    page.evaluate(KEPT_STARTS_JS, [[7] * 4096])
