"""The built site fetches nothing from another host: no page, stylesheet or script points a
browser at an absolute http(s) address (plain links in the text are fine). The live calculators'
runtime (``_static/live/<version>/``) is the site's own, carries only what the calculators import,
and its Python is byte-compiled and stored so that the server's gzip works on it.
"""
import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
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


def runtime_manifest(site: Path) -> dict:
    return json.loads((site / "_static" / "live" / "manifest.json").read_text(encoding="utf-8"))


def runtime_folder(site: Path) -> Path:
    return site / "_static" / "live" / runtime_manifest(site)["version"]


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


def test_the_site_is_built_with_pages_search_and_the_live_runtime(built_site):
    for path in ["book/index.html", "search.html", "searchindex.js", "_static/live/manifest.json"]:
        assert (built_site / path).is_file(), f"missing from the build: {path}"
    for name in runtime_manifest(built_site)["files"]:
        assert (runtime_folder(built_site) / name).is_file(), f"runtime file missing: {name}"


def test_the_site_has_no_jupyterlite(built_site):
    assert not (built_site / "lite").exists(), "_build/html/lite/ is still there"
    pages = [str(p.relative_to(built_site)) for p in site_files(built_site, ".html")
             if re.search(r"jupyterlite|replite", p.read_text(errors="replace"), re.I)]
    assert pages == []


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


def test_no_page_links_google_fonts(built_site):
    pages = site_files(built_site, ".html")
    assert pages
    offending = [str(p.relative_to(built_site)) for p in pages if "fonts.googleapis" in p.read_text(errors="replace")]
    assert not offending, f"Google Fonts still linked from {offending[:5]}"


def test_the_runtime_ships_no_kernel_ide_or_package_installer(built_site):
    """Only what the calculators import: no IPython, jedi, pygments, prompt_toolkit, micropip, JupyterLab."""
    with zipfile.ZipFile(runtime_folder(built_site) / "app.zip") as app:
        packages = {name.split("/")[0] for name in app.namelist()}
    assert {"calculators", "ipywidgets", "traitlets", "comm"} <= packages
    assert not packages & {"jedi", "parso", "pygments", "prompt_toolkit", "micropip", "ipykernel", "jupyterlab"}
    with zipfile.ZipFile(runtime_folder(built_site) / "app.zip") as app:
        stand_in = app.read("IPython/__init__.pyc")
    assert len(stand_in) < 2000, "IPython is the small stand-in (runtime/stand-ins), not IPython itself"


def test_the_runtime_carries_every_policy_file(built_site):
    from calculators import list_policies

    with zipfile.ZipFile(runtime_folder(built_site) / "app.zip") as app:
        bundle = json.loads(app.read("calculators/policies_bundle.json"))
    assert set(bundle["policies"]) == {p.id for p in list_policies()}


def test_the_runtime_python_is_byte_compiled_and_stored_uncompressed_for_http_gzip(built_site):
    for name in ["stdlib.zip", "app.zip"]:
        with zipfile.ZipFile(runtime_folder(built_site) / name) as archive:
            infos = archive.infolist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos), name
        assert not [i.filename for i in infos if i.filename.endswith(".py")], f"{name} ships sources"


def test_every_standard_library_module_the_shipped_engine_imports_is_in_the_trimmed_standard_library(built_site):
    """Imports inside functions too: a rarely taken path must not fail in the browser."""
    full = ROOT / ".cache" / f"pyodide-{runtime_manifest(built_site)['pyodide']}" / "package" / "python_stdlib.zip"
    if not full.is_file():
        pytest.skip("Pyodide's full standard library is not in .cache (scripts/build_runtime.py unpacks it)")
    with zipfile.ZipFile(full) as archive:
        in_full = set(archive.namelist())
    with zipfile.ZipFile(runtime_folder(built_site) / "stdlib.zip") as archive:
        shipped = set(archive.namelist())
    with zipfile.ZipFile(runtime_folder(built_site) / "app.zip") as app:
        engine = [n[:-1] for n in app.namelist() if n.startswith("calculators/") and n.endswith(".pyc")]
    missing = set()
    for module in engine:
        for name in stdlib_imports(ROOT / module):
            path = name.replace(".", "/")
            for candidate in (f"{path}.py", f"{path}/__init__.py"):
                if candidate in in_full and candidate + "c" not in shipped:
                    missing.add(f"{module}: {name}")
    assert not missing, sorted(missing)


def stdlib_imports(path: Path) -> set[str]:
    import ast
    import sys

    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return {n for n in names if n.split(".")[0] in sys.stdlib_module_names}


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
