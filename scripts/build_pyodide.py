"""Build the self-hosted Pyodide distribution that JupyterLite serves from the site.

From the package registries only (npm and PyPI), into ``lite/static/pyodide/`` (git-ignored):

1. ``npm pack pyodide@<PYODIDE_VERSION>`` (the version ``jupyterlite_pyodide_kernel`` expects):
   the runtime files, without source maps, consoles or type definitions.
2. Pure wheels from PyPI, at the exact versions of Pyodide's lock, for what the kernel needs
   (micropip, packaging, ipython, jedi and their dependencies), plus ``comm`` and ``ipywidgets``
   at the versions installed here (so the widget protocol matches the JupyterLab manager that
   ``jupyter lite build`` ships).
3. A pure wheel of ``calculators`` built from ``pyproject.toml``, carrying every policy file as
   ``calculators/policies_bundle.json`` (``python -m calculators policies --bundle``).
4. The PyPI wheels byte-compiled by Pyodide's own CPython (run under Node): each ``.py`` is
   replaced by its ``.pyc``, as Pyodide's own distribution does, so the browser does not compile
   IPython at every start. The engine wheel keeps its sources (readable tracebacks).
5. ``pyodide-lock.json`` pruned to what is shipped, each sha256 recomputed from the file shipped.

Also writes ``lite/jupyter-lite.json`` (no PyPI fallback) and ``lite/jupyter_lite_config.json``
(only the lab extensions the calculators use).
A stamp file records the inputs; a second run with the same inputs does nothing.

    python scripts/build_pyodide.py [--force]
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache"
LITE = ROOT / "lite"
OUT = LITE / "static" / "pyodide"
STAMP = CACHE / "pyodide-stamp.json"

# Runtime files kept from the npm package (no source maps, consoles or .d.ts).
RUNTIME_FILES = ["pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "package.json"]
# What the Pyodide kernel installs at start (see the kernel worker's initKernel), and what the
# calculators need. Their dependencies are followed through the lock.
LOCK_ROOTS = ["micropip", "packaging", "ipython", "jedi", "traitlets"]
# The JupyterLab extensions the live calculators need (widgets, the Pyodide kernel). Others in the
# environment (anywidget, Voila's preview, pygments theming) would add bytes to every live page.
LITE_EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension"]
# Not in Pyodide's lock: added at the versions installed in this environment.
EXTRA = {
    "comm": {"depends": [], "imports": ["comm"]},
    "ipywidgets": {"depends": ["comm", "ipython", "traitlets"], "imports": ["ipywidgets"]},
}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pyodide_version() -> str:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def npm_pack(spec: str, dest: Path) -> Path:
    """The tarball of an npm package (downloaded once into ``dest``)."""
    dest.mkdir(parents=True, exist_ok=True)
    name, version = spec.rsplit("@", 1)
    tarball = dest / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.is_file():
        subprocess.run(["npm", "pack", "--silent", spec], cwd=dest, check=True, stdout=subprocess.DEVNULL)
    return tarball


def pip_download(requirements: list[str], dest: Path) -> None:
    """Pure wheels only (py3-none-any), without dependencies: the lock says what depends on what."""
    dest.mkdir(parents=True, exist_ok=True)
    missing = [r for r in requirements if not find_wheel(dest, *r.split("=="))]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "--platform", "any", "--implementation", "py", "--abi", "none", "--python-version", "3.13",
                        "--dest", str(dest), *missing], check=True)


def find_wheel(folder: Path, name: str, version: str) -> Path | None:
    for path in folder.glob("*.whl"):
        dist, dist_version = path.name.split("-")[:2]
        if norm(dist) == norm(name) and dist_version == version:
            return path
    return None


def build_calculators_wheel(dest: Path) -> Path:
    """A pure wheel of the engine with the policy bundle inside, built from a staging copy
    (the repository's ``calculators/`` is not written to)."""
    stage = CACHE / "calculators-src"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", stage / "pyproject.toml")
    shutil.copytree(ROOT / "calculators", stage / "calculators",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "policies_bundle.json"))
    subprocess.run([sys.executable, "-m", "calculators", "policies", "--bundle",
                    str(stage / "calculators" / "policies_bundle.json")], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    for old in dest.glob("calculators-*.whl"):
        old.unlink()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(dest), str(stage)], check=True)
    shutil.rmtree(stage)
    (wheel,) = dest.glob("calculators-*.whl")
    return wheel


PY_COMPILE = r"""
import importlib._bootstrap_external as bootstrap
import os
import sys
import warnings
import zipfile

warnings.simplefilter("ignore")  # invalid escapes etc. in third-party code: not ours to fix


def compile_wheel(path):
    temp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        record = next((n for n in names if n.endswith(".dist-info/RECORD")), None)
        compiled, dropped = set(), set()
        for info in src.infolist():
            data = src.read(info)
            name = info.filename
            if "/tests/" in name and ".dist-info/" not in name:
                dropped.add(name)  # test suites are not shipped (Pyodide unvendors them too)
                continue
            if name.endswith(".py") and ".dist-info/" not in name and ".data/" not in name:
                try:
                    code = compile(data, name, "exec", dont_inherit=True)
                except SyntaxError:
                    dst.writestr(name, data)  # e.g. Python 2 examples shipped as data
                    continue
                dst.writestr(name + "c", bytes(bootstrap._code_to_timestamp_pyc(code, 0, len(data))))
                compiled.add(name)
            elif name != record:
                dst.writestr(info, data)
        if record:
            lines = []
            for line in src.read(record).decode("utf-8").splitlines():
                file = line.split(",")[0]
                if file not in dropped:
                    lines.append(f"{file}c,," if file in compiled else line)
            dst.writestr(record, "\n".join(lines) + "\n")
    os.replace(temp, path)
    return len(compiled)


for wheel in sys.argv[1:]:
    print(wheel.rsplit("/", 1)[-1], compile_wheel(wheel))
"""

NODE_RUNNER = """
import { loadPyodide } from "%(mjs)s";
const py = await loadPyodide({ indexURL: "%(index)s" });
py.FS.mkdirTree("/out");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "%(index)s" }, "/out");
py.runPython(%(argv)s);
py.runPython(%(script)s);
"""


def py_compile_wheels(names: list[str]) -> None:
    """Byte-compile wheels in OUT with the CPython of the Pyodide release itself (under Node)."""
    with tempfile.TemporaryDirectory() as tmp:
        runner = Path(tmp) / "compile.mjs"
        runner.write_text(NODE_RUNNER % {"mjs": (OUT / "pyodide.mjs").as_posix(), "index": OUT.as_posix() + "/",
                                         "argv": json.dumps(f"import sys; sys.argv = {['compile'] + [f'/out/{n}' for n in names]!r}"),
                                         "script": json.dumps(PY_COMPILE)}, "utf-8")
        subprocess.run(["node", str(runner)], check=True)


def inputs_fingerprint(version: str) -> str:
    digest = hashlib.sha256(version.encode())
    files = [Path(__file__), ROOT / "pyproject.toml", *sorted((ROOT / "calculators").glob("*.py")),
             *sorted((ROOT / "data" / "policies").glob("*.yaml"))]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    for name in EXTRA:
        digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()


def write_lite_config() -> None:
    LITE.mkdir(exist_ok=True)
    lite_json = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "兜底手册 · 在线计算",
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True},
            },
        },
    }
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    build_config = {"LiteBuildConfig": {
        "no_sourcemaps": True, "no_unused_shared_packages": True,
        "ignore_sys_prefix": ["federated_extensions"],
        "federated_extensions": [str(labextensions / name) for name in LITE_EXTENSIONS],
    }}
    write_if_changed(LITE / "jupyter-lite.json", json.dumps(lite_json, ensure_ascii=False, indent=2) + "\n")
    write_if_changed(LITE / "jupyter_lite_config.json", json.dumps(build_config, indent=2) + "\n")


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone: its time tells scripts/site_freshness.py whether to rebuild."""
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def build(force: bool = False) -> None:
    version = pyodide_version()
    fingerprint = inputs_fingerprint(version)
    write_lite_config()
    if (not force and STAMP.is_file() and (OUT / "pyodide-lock.json").is_file()
            and json.loads(STAMP.read_text())["inputs"] == fingerprint):
        print(f"pyodide {version}: up to date in {OUT.relative_to(ROOT)}")
        return

    tarball = npm_pack(f"pyodide@{version}", CACHE / "npm")
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    with tarfile.open(tarball) as tar, tempfile.TemporaryDirectory() as tmp:
        tar.extractall(tmp, filter="data")
        for name in RUNTIME_FILES + ["pyodide-lock.json"]:
            shutil.copy2(Path(tmp) / "package" / name, OUT / name)
    lock = json.loads((OUT / "pyodide-lock.json").read_text("utf-8"))
    packages = {norm(k): v for k, v in lock["packages"].items()}

    keep, todo = {}, [norm(n) for n in LOCK_ROOTS]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        entry = packages[name]
        if not entry["file_name"].endswith("-none-any.whl"):
            raise SystemExit(f"{name} is not a pure wheel in Pyodide's lock: {entry['file_name']}")
        keep[name] = entry
        todo += [norm(d) for d in entry["depends"]]
    for name, extra in EXTRA.items():
        keep[name] = {"name": name, "version": importlib.metadata.version(name), "file_name": "",
                      "install_dir": "site", "package_type": "package", "unvendored_tests": False,
                      "sha256": "", **extra}

    wheels = CACHE / "wheels"
    pip_download([f"{e['name']}=={e['version']}" for e in keep.values()], wheels)
    for entry in keep.values():
        wheel = find_wheel(wheels, entry["name"], entry["version"])
        if wheel is None:
            raise SystemExit(f"no pure wheel of {entry['name']}=={entry['version']} downloaded")
        shutil.copy2(wheel, OUT / wheel.name)
        entry["file_name"] = wheel.name

    py_compile_wheels([entry["file_name"] for entry in keep.values()])

    engine = build_calculators_wheel(CACHE / "dist")
    shutil.copy2(engine, OUT / engine.name)
    keep["calculators"] = {"name": "calculators", "version": engine.name.split("-")[1], "file_name": engine.name,
                           "install_dir": "site", "package_type": "package", "unvendored_tests": False,
                           "imports": ["calculators"], "depends": [], "sha256": ""}

    for entry in keep.values():
        entry["sha256"] = sha256(OUT / entry["file_name"])
    lock["packages"] = {norm(k): keep[norm(k)] for k in sorted(keep)}
    (OUT / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", "utf-8")
    STAMP.write_text(json.dumps({"pyodide": version, "inputs": fingerprint,
                                 "packages": {k: v["file_name"] for k, v in sorted(keep.items())}}, indent=1))
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"pyodide {version}: {len(keep)} packages, {size / 1e6:.1f} MB in {OUT.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if the inputs are unchanged")
    build(parser.parse_args().force)


if __name__ == "__main__":
    main()
