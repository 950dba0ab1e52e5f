"""Measure the live calculator's cold start on the built site (prints figures, asserts nothing).

Serves ``_build/html`` on 127.0.0.1 (or the intranet host name mapped to it), opens the probe
page in a fresh headless Chromium with an empty cache, and prints: seconds from navigation to
the first widget output, bytes the server sent, number of requests, and the time of one widget
round trip (a new income recomputed by the engine in the browser).

    python scripts/bench_live_probe.py [--host doudi.intranet] [--page book/calculators/live-probe.html]
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, serve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=None, help="serve under this host name (mapped to 127.0.0.1)")
    parser.add_argument("--page", default="book/calculators/live-probe.html")
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    args = parser.parse_args()
    with serve(args.site) as server, chromium(server, host=args.host) as b:
        start = time.monotonic()
        b.page.goto(b.url(args.page))
        frame = b.page.frame_locator("iframe").first
        result = frame.locator(".doudi-probe-result")
        result.wait_for(timeout=300_000)
        first = time.monotonic() - start
        before = result.get_attribute("data-total")
        field = frame.locator("input[type=number]").first
        tick = time.monotonic()
        field.fill("1")
        field.press("Enter")
        frame.locator(f'.doudi-probe-result:not([data-total="{before}"])').wait_for(timeout=60_000)
        round_trip = time.monotonic() - tick
        print(f"page:                      {args.page} on {b.url('')}")
        print(f"first widget output:       {first:.1f} s (cold, empty cache)")
        print(f"transferred:               {b.bytes_received() / 1e6:.1f} MB in {len(b.requests)} requests")
        print(f"widget round trip:         {round_trip * 1000:.0f} ms (fill + Enter to new result)")
        print(f"external requests:         {len(b.external_requests())}")


if __name__ == "__main__":
    main()
