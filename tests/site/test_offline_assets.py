"""The built site fetches nothing from another host: no page, stylesheet or script points a
browser at an absolute http(s) address (plain links in the text are fine), the in-browser Python
runs from the site's own Pyodide with PyPI switched off, and the engine wheel it ships is pure.
"""
import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ABSOLUTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_FETCH = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
JS_FETCH = re.compile(
    r"""(?:\bimport\s*\(\s*|\bfrom\s*|\bimportScripts\s*\(\s*|\bfetch\s*\(\s*|\bnew\s+(?:Shared)?Worker\s*\(\s*"""
    r"""|\.src\s*=\s*|\bloadScript\s*\(\s*)[`'"]((?:https?:)?//[^`'"\s]+)""")
# Attributes through which a browser fetches something by itself.
FETCHING = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
            "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "embed": ["src"],
            "object": ["data"], "track": ["src"], "input": ["src"], "image": ["href", "xlink:href"],
            "use": ["href", "xlink:href"]}
NOT_FETCHED_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev", "search", "index"}


def site_files(site: Path, *suffixes: str) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes]


def html_problems(path: Path) -> list[str]:
    doc = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
    problems = []
    for tag, attrs in FETCHING.items():
        for element in doc.find_all(tag):
            for attr in attrs:
                for value in str(element.get(attr) or "").split(","):
                    if ABSOLUTE.match(value):
                        problems.append(f"<{tag} {attr}={value.strip()}>")
    for link in doc.find_all("link"):
        rels = set(link.get("rel") or [])
        if ABSOLUTE.match(str(link.get("href") or "")) and not rels <= NOT_FETCHED_LINK_RELS:
            problems.append(f"<link rel={' '.join(rels)} href={link['href']}>")
    for style in doc.find_all("style"):
        problems += [f"<style> {m}" for m in CSS_FETCH.findall(style.get_text())]
    for element in doc.find_all(style=True):
        problems += [f"style= {m}" for m in CSS_FETCH.findall(element["style"])]
    for script in doc.find_all("script", src=False):
        problems += [f"<script> {m}" for m in JS_FETCH.findall(script.get_text())]
    for meta in doc.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        if ABSOLUTE.search(str(meta.get("content", "")).split("url=")[-1]):
            problems.append(f"<meta refresh {meta['content']}>")
    return problems


def test_the_site_is_built_with_pages_search_and_the_in_browser_python(built_site):
    for path in ["book/index.html", "search.html", "searchindex.js", "lite/repl/index.html",
                 "lite/static/pyodide/pyodide.mjs", "lite/static/pyodide/pyodide-lock.json"]:
        assert (built_site / path).is_file(), f"missing from the build: {path}"


def test_no_html_page_makes_the_browser_fetch_from_another_host(built_site):
    problems = {}
    for path in site_files(built_site, ".html", ".htm"):
        found = html_problems(path)
        if found:
            problems[str(path.relative_to(built_site))] = sorted(set(found))[:5]
    assert not problems, f"pages that fetch from outside the site: {json.dumps(problems, ensure_ascii=False, indent=1)}"


def test_no_stylesheet_loads_fonts_or_styles_from_another_host(built_site):
    problems = {}
    for path in site_files(built_site, ".css"):
        found = CSS_FETCH.findall(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            problems[str(path.relative_to(built_site))] = sorted(set(found))[:5]
    assert not problems, f"stylesheets that fetch from outside the site: {problems}"


def test_no_script_imports_or_fetches_an_absolute_address(built_site):
    problems = {}
    for path in site_files(built_site, ".js", ".mjs"):
        found = JS_FETCH.findall(path.read_text(encoding="utf-8", errors="replace"))
        if found:
            problems[str(path.relative_to(built_site))] = sorted(set(found))[:5]
    assert not problems, f"scripts that fetch from outside the site: {problems}"


def test_the_google_fonts_link_of_jupyterlite_sphinx_is_removed(built_site):
    pages = site_files(built_site, ".html")
    assert pages
    offending = [str(p.relative_to(built_site)) for p in pages if "fonts.googleapis" in p.read_text(errors="replace")]
    assert not offending, f"Google Fonts still linked from {offending[:5]}"


def test_in_browser_python_loads_pyodide_from_the_site_with_pypi_switched_off(built_site):
    config = json.loads((built_site / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert not ABSOLUTE.match(kernel["pyodideUrl"]), kernel["pyodideUrl"]
    assert (built_site / "lite" / kernel["pyodideUrl"]).resolve().is_file()


def test_the_live_site_loads_only_the_widget_and_kernel_lab_extensions(built_site):
    """Other lab extensions installed for Jupyter and Voila (anywidget …) would only add bytes."""
    config = json.loads((built_site / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))
    names = {e["name"] for e in config["jupyter-config-data"]["federated_extensions"]}
    assert names == {"@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"}


def test_every_package_in_the_pyodide_lock_is_shipped_with_its_checksum(built_site):
    import hashlib

    folder = built_site / "lite" / "static" / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    for name, entry in lock["packages"].items():
        wheel = folder / entry["file_name"]
        assert wheel.is_file(), f"{name}: {entry['file_name']} is in the lock but not shipped"
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], f"{name}: sha256 differs"
    assert {"calculators", "ipywidgets", "comm", "ipython", "micropip"} <= set(lock["packages"])


def test_the_engine_wheel_is_pure_and_carries_every_policy_file(built_site):
    from calculators import list_policies

    folder = built_site / "lite" / "static" / "pyodide"
    entry = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]["calculators"]
    assert entry["file_name"].endswith("-py3-none-any.whl")
    with zipfile.ZipFile(folder / entry["file_name"]) as wheel:
        bundle = json.loads(wheel.read("calculators/policies_bundle.json"))
        shipped_modules = {n for n in wheel.namelist() if n.startswith("calculators/") and n.endswith(".py")}
    assert set(bundle["policies"]) == {p.id for p in list_policies()}
    repo_modules = {f"calculators/{p.name}" for p in (Path(__file__).parents[2] / "calculators").glob("*.py")}
    assert repo_modules <= shipped_modules


@pytest.mark.parametrize("address, fetched", [
    ('<script src="https://cdn.example.org/x.js"></script>', True),
    ('<link rel="stylesheet" href="//fonts.example.org/css">', True),
    ('<link rel="canonical" href="https://example.org/page.html">', False),
    ('<a href="https://www.mca.gov.cn/">民政部</a>', False),
    ('<img src="../_static/logo.png">', False),
    ('<script>import("https://cdn.example.org/m.mjs")</script>', True),
    ('<div style="background: url(https://example.org/a.png)"></div>', True),
])
def test_the_scan_tells_fetched_addresses_from_links(tmp_path, address, fetched):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head></head><body>{address}</body></html>", encoding="utf-8")
    assert bool(html_problems(page)) is fetched
