"""Write a ``.gz`` beside every compressible file of the built site, for servers that send
precompressed files (``scripts/serve.py``; nginx ``gzip_static on``).

    python scripts/precompress.py [_build/html]

Text (HTML, CSS, JavaScript, JSON, SVG) and the runtime's wasm and uncompressed zips, from
1 KB up; a ``.gz`` newer than its file is kept. Run by ``scripts/build_site.sh`` after each build.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".wasm", ".zip", ".xml", ".map", ".ttf", ".eot"}
SMALLEST = 1024


def precompress(site: Path) -> tuple[int, int]:
    written = kept = 0
    for path in site.rglob("*"):
        if path.suffix not in SUFFIXES or not path.is_file() or path.stat().st_size < SMALLEST:
            continue
        packed = path.with_name(path.name + ".gz")
        if packed.is_file() and packed.stat().st_mtime >= path.stat().st_mtime:
            kept += 1
            continue
        packed.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        written += 1
    return written, kept


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    written, kept = precompress(site)
    print(f"precompress: {written} .gz written, {kept} up to date in {site}")


if __name__ == "__main__":
    main()
