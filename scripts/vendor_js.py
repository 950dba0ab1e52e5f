"""Serve the ipywidgets embed scripts and the projection mode's reveal.js from the site, not a CDN.

myst-nb loads require.js and ``@jupyter-widgets/html-manager`` on pages that embed widget
state; ``_config.yml`` (``nb_ipywidgets_js``) points at ``_static/vendor/``. This fetches both
with ``npm pack`` (versions myst-nb was written for) into ``book/_static/vendor/`` (git-ignored).
The projection mode (``book/_static/scripts/doudi-projection.js``) loads reveal.js
(``vendor/reveal/reveal.js`` and ``reveal.css``, MIT licence kept beside them), from npm too.

    python scripts/vendor_js.py
"""
from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "npm"
VENDOR = ROOT / "book" / "_static" / "vendor"
PACKAGES = {"requirejs@2.3.4": "requirejs-2.3.4.tgz",
            "@jupyter-widgets/html-manager@1.0.6": "jupyter-widgets-html-manager-1.0.6.tgz"}
REVEAL = ("reveal.js@6.0.2", "reveal.js-6.0.2.tgz")
REVEAL_FILES = {"package/dist/reveal.js": "reveal.js", "package/dist/reveal.css": "reveal.css",
                "package/LICENSE": "LICENSE"}


def npm_pack(spec: str, tarball: str) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / tarball
    if not path.is_file():
        subprocess.run(["npm", "pack", "--silent", spec], cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
    return path


def vendor_reveal() -> None:
    target = VENDOR / "reveal"
    if all((target / name).is_file() for name in REVEAL_FILES.values()):
        return
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(npm_pack(*REVEAL)) as tar:
        for member, name in REVEAL_FILES.items():
            (target / name).write_bytes(tar.extractfile(member).read())
    print(f"reveal.js: written to {target.relative_to(ROOT)}")


def main() -> None:
    vendor_reveal()
    if (VENDOR / "require.js").is_file() and (VENDOR / "html-manager" / "embed-amd.js").is_file():
        print(f"widget embed scripts: up to date in {VENDOR.relative_to(ROOT)}")
        return
    for stale in (VENDOR / "require.js", VENDOR / "html-manager"):
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
    (VENDOR / "html-manager").mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, tarball in PACKAGES.items():
            with tarfile.open(npm_pack(spec, tarball)) as tar:
                tar.extractall(Path(tmp) / tarball, filter="data")
        shutil.copy2(Path(tmp) / PACKAGES["requirejs@2.3.4"] / "package" / "require.js", VENDOR / "require.js")
        dist = Path(tmp) / PACKAGES["@jupyter-widgets/html-manager@1.0.6"] / "package" / "dist"
        for path in dist.iterdir():
            # embed-amd.js defines libembed-amd inline; embed.js and its chunks are the non-AMD build.
            if path.suffix != ".map" and not path.name.startswith(("embed.js", "libembed")) \
                    and not path.name.endswith(".embed.js"):
                shutil.copy2(path, VENDOR / "html-manager" / path.name)
    print(f"widget embed scripts: written to {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
