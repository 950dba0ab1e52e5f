"""Serve the built site as a real web server would: precompressed gzip and long-lived caching.

    python scripts/serve.py [--port 8000] [--bind 127.0.0.1] [--directory _build/html]

- A request that accepts gzip gets ``file.gz`` when it lies beside ``file`` and is not older
  (``scripts/precompress.py`` writes them after each build), with ``Content-Encoding: gzip``.
- Files in a versioned folder (``_static/live/<hash>/``: the name changes whenever the content
  does) are cached for a year (``immutable``); everything else is revalidated on each visit
  (``no-cache``, answered ``304 Not Modified`` when unchanged).
- ``.mjs`` is JavaScript and ``.wasm`` is ``application/wasm`` (browsers require both).

Plain http, no service worker: it behaves as a county intranet server does. The same handler
serves the site in the browser tests (``tests/browser.py``). ``scripts/nginx-doudi.conf`` is the
equivalent nginx configuration for county IT.
"""
from __future__ import annotations

import argparse
import email.utils
import http.server
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSIONED = re.compile(r"/_static/live/[0-9a-f]{12}/")
YEAR = 365 * 24 * 3600
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".svg": "image/svg+xml", ".zip": "application/zip",
         ".css": "text/css", ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with precompressed gzip, cache headers and 304s."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format, *args):  # noqa: A002 - the terminal stays readable
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            return super().send_head()   # directory redirects and index.html
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return None
        packed = path + ".gz"
        use_gzip = ("gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(packed)
                    and os.stat(packed).st_mtime >= os.stat(path).st_mtime)   # never a stale .gz
        served = packed if use_gzip else path
        stat = os.stat(served)
        if self._not_modified(stat.st_mtime):
            self.send_response(304)
            self._cache_headers()
            self.end_headers()
            return None
        handle = open(served, "rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self._cache_headers()
        self.end_headers()
        return handle

    def copyfile(self, source, outputfile):
        """The kernel copies the file to the socket (sendfile), so a big runtime download does not
        hold up a page's small stylesheets behind Python's own copying."""
        outputfile.flush()
        self.connection.sendfile(source)

    def _cache_headers(self) -> None:
        if VERSIONED.search(self.path):
            self.send_header("Cache-Control", f"public, max-age={YEAR}, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")

    def _not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False


def main() -> None:
    parser = argparse.ArgumentParser(description="兜底手册：以 gzip 和缓存头提供已构建的网站")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--directory", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args()
    handler = lambda *a, **k: SiteHandler(*a, directory=args.directory, **k)  # noqa: E731
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as server:
        server.verbose = args.verbose
        print(f"兜底手册: http://{args.bind}:{args.port}/book/index.html   (Ctrl+C 停止)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
