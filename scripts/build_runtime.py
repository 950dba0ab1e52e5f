"""Build the live calculators' browser runtime into ``book/_static/live/`` (git-ignored).

From the package registries only (npm and PyPI, through what ``scripts/setup.sh`` installed):

1. ``npm pack pyodide@PYODIDE_VERSION``: the Pyodide runtime (``pyodide.mjs``, ``pyodide.asm.mjs``,
   ``pyodide.asm.wasm``). Its full standard library is used only here, at build time.
2. ``runtime/src/page.js``, bundled with esbuild from the ``@jupyter-widgets`` npm packages
   (``runtime/package-lock.json``): the page's widget manager and its stylesheet; and
   ``runtime/src/worker.js``, the Web Worker that runs Python.
3. ``runtime/pack.py``, run by Pyodide's own Python under Node: ``stdlib.zip`` (only the
   standard-library modules the calculators import, traced) and ``app.zip`` (the engine with its
   policy bundle, ipywidgets, traitlets, comm, the IPython stand-in and ``runtime/doudi_host.py``),
   both byte-compiled and stored uncompressed so that the server's gzip works on them.
4. Every file goes into a folder named after a hash of the files (``live/<hash>/``), so its
   address changes whenever its content does and it may be cached for a year; each gets a
   ``.gz`` beside it for servers that send precompressed files (``scripts/serve.py``, nginx
   ``gzip_static``). ``manifest.json`` tells the handbook's extension (``book/_ext/doudi_live.py``)
   the folder and the sizes.

A stamp records the inputs; a second run with the same inputs does nothing.

    python scripts/build_runtime.py [--force]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache"
WORK = CACHE / "runtime-build"
RUNTIME = ROOT / "runtime"
OUT = ROOT / "book" / "_static" / "live"
STAMP = CACHE / "runtime-stamp.json"
sys.path.insert(0, str(ROOT))   # the engine, for the shared link the trace opens

PYODIDE_VERSION = "314.0.6"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"]
# Pure-Python distributions the calculators import in the browser, at the versions installed here
# (the same ipywidgets as Jupyter and Voila run, so one UI code serves all three hosts).
DISTRIBUTIONS = ["ipywidgets", "traitlets", "comm"]
# What the pages embed, started once while tracing the standard library (see runtime/pack.py),
# with the arguments a page may pass: the questionnaire also from a shared link (its result,
# plain words and 估算单 import more than its first question does).
ENTRIES = [
    ("calculators.ui.questionnaire:dibao_questionnaire", {}),
    ("calculators.ui.questionnaire:dibao_questionnaire", {"size": 3, "monthly_income": "600"}),
    ("calculators.widgets:dibao_calculator", {}),
    ("calculators.widgets:tier_explorer", {}),
    ("calculators.widgets:tekun_check", {}),
    ("calculators.widgets:left_behind_check", {}),
    ("calculators.widgets:review_check", {}),
    ("calculators.widgets:policy_chooser", {}),
]
# Households assessed while tracing, bad ones included, so error paths' imports are shipped too.
HOUSEHOLDS = [
    {"size": 3, "income": {"amount": 600, "per": "month"}},
    {"members": [{"id": "本人", "relation": "head", "age": 200}]},
    {"size": 2, "income": {"amount": -5, "per": "year"}},
]


def run(command: list[str], cwd: Path = ROOT) -> None:
    subprocess.run(command, cwd=cwd, check=True)


def pyodide_package() -> Path:
    """The unpacked npm package of Pyodide (downloaded once into .cache/npm)."""
    folder = CACHE / f"pyodide-{PYODIDE_VERSION}" / "package"
    if not (folder / "pyodide.asm.wasm").is_file():
        tarball = CACHE / "npm" / f"pyodide-{PYODIDE_VERSION}.tgz"
        if not tarball.is_file():
            tarball.parent.mkdir(parents=True, exist_ok=True)
            run(["npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}"], cwd=tarball.parent)
        with tarfile.open(tarball) as tar:
            tar.extractall(folder.parent, filter="data")
    return folder


def node_modules() -> None:
    """The widget packages and esbuild, exactly as runtime/package-lock.json says."""
    lock = RUNTIME / "package-lock.json"
    seen = RUNTIME / "node_modules" / ".package-lock.json"
    if not seen.is_file() or seen.stat().st_mtime < lock.stat().st_mtime:
        run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=RUNTIME)


def bundle_scripts(dest: Path) -> None:
    esbuild = str(RUNTIME / "node_modules" / ".bin" / "esbuild")
    run([esbuild, "src/page.js", "--bundle", "--minify", "--format=iife", "--target=es2019",
         "--loader:.woff=file", "--loader:.woff2=file", "--loader:.svg=dataurl", "--legal-comments=none",
         "--alias:sanitize-html=./src/no-sanitize-html.js",
         f"--outfile={dest / 'page.js'}", "--log-level=warning"], cwd=RUNTIME)
    run([esbuild, "src/worker.js", "--minify", "--format=esm", "--target=es2020", f"--outfile={dest / 'worker.js'}",
         "--log-level=warning"], cwd=RUNTIME)


def stage_site(site: Path) -> None:
    """What goes into site-packages in the browser, as sources (runtime/pack.py compiles them)."""
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(ROOT / "calculators", site / "calculators",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "policies_bundle.json"))
    subprocess.run([sys.executable, "-m", "calculators", "policies", "--bundle",
                    str(site / "calculators" / "policies_bundle.json")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for name in DISTRIBUTIONS:
        dist = importlib.metadata.distribution(name)
        for file in dist.files or []:
            parts = file.parts
            if file.suffix != ".py" or ".dist-info" in parts[0] or "tests" in parts or parts[0] == "..":
                continue
            target = site / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(dist.locate_file(file), target)
    shutil.copytree(RUNTIME / "stand-ins", site, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(RUNTIME / "doudi_host.py", site / "doudi_host.py")


NODE_RUNNER = """
import { loadPyodide } from "%(mjs)s";
globalThis.doudiSend = () => {};   // the page is absent: what the host posts goes nowhere
const py = await loadPyodide({ indexURL: "%(index)s" });
py.FS.mkdirTree("/build");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "%(work)s" }, "/build");
py.runPython(%(script)s, { filename: "runtime/pack.py" });
"""


def shared_link_entry() -> tuple[str, dict]:
    """The questionnaire opened from a shared link to a three-person household's result."""
    from calculators.ui.share import encode

    household = {"members": [
        {"id": "本人", "relation": "head", "age": 62, "sex": "male"},
        {"id": "配偶", "relation": "spouse", "age": 58, "sex": "female",
         "incomes": [{"kind": "wage", "amount": 300, "per": "month"}]},
        {"id": "孙子", "relation": "grandchild", "age": 9, "sex": "male", "in_school": True}]}
    return ENTRIES[0][0], {"fragment": encode(household, "laifeng-2017"), "page_url": "http://doudi.intranet/"}


def pack_python(package: Path) -> dict:
    entries = ENTRIES + [shared_link_entry()]
    (WORK / "settings.json").write_text(json.dumps({"entries": entries, "households": HOUSEHOLDS},
                                                   ensure_ascii=False), "utf-8")
    runner = WORK / "pack.mjs"
    runner.write_text(NODE_RUNNER % {"mjs": (package / "pyodide.mjs").as_posix(), "index": package.as_posix() + "/",
                                     "work": WORK.as_posix(),
                                     "script": json.dumps((RUNTIME / "pack.py").read_text("utf-8"))}, "utf-8")
    run(["node", str(runner)])
    return json.loads((WORK / "pack.json").read_text("utf-8"))


def inputs_fingerprint() -> str:
    digest = hashlib.sha256(PYODIDE_VERSION.encode())
    files = [Path(__file__), ROOT / "pyproject.toml"]
    for folder, pattern in [(ROOT / "calculators", "*.py"), (ROOT / "data" / "policies", "*.yaml"),
                            (RUNTIME, "*.py"), (RUNTIME / "src", "*"), (RUNTIME / "stand-ins", "*.py")]:
        files += sorted(p for p in folder.rglob(pattern) if "__pycache__" not in p.parts)
    files.append(RUNTIME / "package-lock.json")
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for name in DISTRIBUTIONS:
        digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def gzip_beside(path: Path) -> int:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    path.with_name(path.name + ".gz").write_bytes(packed)
    return len(packed)


def publish(files: dict[str, Path], lock_info: dict) -> dict:
    """Copy the files into runtime/<hash>/ with a .gz beside each; return the manifest."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(files[name].read_bytes())
    version = digest.hexdigest()[:12]
    if OUT.exists():
        shutil.rmtree(OUT)
    folder = OUT / version
    folder.mkdir(parents=True)
    sizes = {}
    for name, source in files.items():
        shutil.copy2(source, folder / name)
        sizes[name] = {"bytes": source.stat().st_size, "gzip": gzip_beside(folder / name)}
    manifest = {"version": version, "pyodide": PYODIDE_VERSION, "lock": lock_info, "files": sizes}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def build(force: bool = False) -> None:
    fingerprint = inputs_fingerprint()
    if (not force and STAMP.is_file() and (OUT / "manifest.json").is_file()
            and json.loads(STAMP.read_text())["inputs"] == fingerprint):
        print(f"runtime: up to date in {OUT.relative_to(ROOT)}")
        return
    package = pyodide_package()
    node_modules()
    WORK.mkdir(parents=True, exist_ok=True)
    bundle_scripts(WORK)
    stage_site(WORK / "site")
    report = pack_python(package)
    files = {name: package / name for name in PYODIDE_FILES}
    files.update({name: WORK / name for name in ["worker.js", "page.js", "page.css", "stdlib.zip", "app.zip"]})
    lock_info = json.loads((package / "pyodide-lock.json").read_text("utf-8"))["info"]
    manifest = publish(files, lock_info)
    STAMP.write_text(json.dumps({"inputs": fingerprint}, indent=1))
    raw = sum(f["bytes"] for f in manifest["files"].values())
    packed = sum(f["gzip"] for f in manifest["files"].values())
    print(f"runtime {manifest['version']}: {len(report['stdlib'])} standard-library files, "
          f"{len(report['app'])} site-packages files; {raw / 1e6:.2f} MB, {packed / 1e6:.2f} MB gzip")
    if report["unavailable"]:
        print("runtime: named by the engine but not in the browser: " + ", ".join(sorted(report["unavailable"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")
    build(parser.parse_args().force)


if __name__ == "__main__":
    main()
