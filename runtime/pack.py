"""Pack the browser runtime's Python, run by Pyodide's own CPython under Node at build time.

scripts/build_runtime.py mounts its work folder at ``/build`` (``/build/site`` holds the sources
that may go into site-packages) and runs this file. It

1. starts each calculator the handbook embeds, the way the page does (``doudi_host.start``), and
   assesses a few households, bad ones included;
2. imports every module that the engine's modules now loaded name in an import statement, even
   inside a function, so that a rarely taken path finds its module in the browser too;
3. writes ``/build/stdlib.zip`` and ``/build/app.zip`` with exactly the modules now loaded (and
   the engine's policy bundle), byte-compiled by this very Python (sourceless ``.pyc``, without
   docstrings, so that nothing is compiled at each visit) and stored uncompressed, so that the
   server's gzip works on them;
4. writes ``/build/pack.json``: what was shipped, for the build log and the tests.
"""
# Only modules Pyodide loads at its own start are imported before the trace (json, sys), so the
# trace holds what the calculators need and nothing this script needs.
import json
import sys

BUILD = "/build"
SITE = f"{BUILD}/site"
STDLIB_ZIP = next(p for p in sys.path if p.endswith(".zip"))
SITE_PACKAGES = next(p for p in sys.path if p.endswith("site-packages"))
ENGINE = "calculators"
DATA_FILES = ["calculators/policies_bundle.json"]
OPTIMIZE = 2   # no docstrings or asserts: ipywidgets allows it, the engine has no asserts

sys.path.insert(0, SITE)
with open(f"{BUILD}/settings.json", encoding="utf-8") as settings_file:
    settings = json.load(settings_file)


def read_a_zip_like_the_worker() -> None:
    """The worker unpacks app.zip with Pyodide's ``unpackArchive``, that is with ``zipfile``, which
    decodes plain ASCII member names as cp437."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("name.txt", b"")
    zipfile.ZipFile(buffer).namelist()


def exercise() -> None:
    """Run what the pages run: each embedded calculator, and good and bad households."""
    read_a_zip_like_the_worker()
    import doudi_host
    from calculators import InputError, assess

    for entry, kwargs in settings["entries"]:
        doudi_host.start("trace", entry, json.dumps(kwargs))
    for household in settings["households"]:
        try:
            assess(household).to_dict()
        except InputError:
            pass


def imported_names(module) -> set[str]:
    """Absolute names of the modules a module's source imports, at any depth of its code."""
    import ast

    with open(module.__file__, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    package = module.__name__ if module.__file__.endswith("__init__.py") else module.__name__.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_what_the_engine_names() -> dict:
    """Import every module the loaded engine modules name; return those the browser cannot have."""
    import importlib

    done, unavailable = set(), {}
    while True:
        todo = [m for name, m in list(sys.modules.items())
                if (name == ENGINE or name.startswith(ENGINE + ".")) and name not in done]
        if not todo:
            return unavailable
        for module in todo:
            done.add(module.__name__)
            for name in sorted(imported_names(module)):
                if name in sys.modules or name in unavailable:
                    continue
                parent, _, attribute = name.rpartition(".")
                if hasattr(sys.modules.get(parent), attribute):
                    continue   # "from x import function": a name in a module, not a module
                try:
                    importlib.import_module(name)
                except ImportError as error:   # e.g. pandas, which the browser does not have
                    unavailable[name] = str(error)


def loaded_files(prefix: str) -> list[str]:
    names = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(prefix):
            names.add(path[len(prefix):])
    return sorted(names)


def compiled(source: bytes, filename: str) -> bytes:
    import importlib._bootstrap_external as bootstrap

    code = compile(source, filename, "exec", dont_inherit=True, optimize=OPTIMIZE)
    return bytes(bootstrap._code_to_timestamp_pyc(code, 0, len(source)))


def write_zip(path: str, names: list[str], read, where: str) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for name in names:
            data = read(name)
            out.writestr(name + "c" if name.endswith(".py") else name,
                         compiled(data, f"{where}/{name}") if name.endswith(".py") else data)


def read_site(name: str) -> bytes:
    with open(f"{SITE}/{name}", "rb") as handle:
        return handle.read()


def main() -> None:
    exercise()
    unavailable = import_what_the_engine_names()
    stdlib = loaded_files(STDLIB_ZIP + "/")
    app = loaded_files(SITE + "/") + DATA_FILES
    import warnings
    import zipfile

    warnings.simplefilter("ignore")  # invalid escapes etc. in third-party code: not ours to fix
    with zipfile.ZipFile(STDLIB_ZIP) as full:
        write_zip(f"{BUILD}/stdlib.zip", stdlib, full.read, STDLIB_ZIP)
    write_zip(f"{BUILD}/app.zip", app, read_site, SITE_PACKAGES)
    with open(f"{BUILD}/pack.json", "w", encoding="utf-8") as handle:
        json.dump({"stdlib": stdlib, "app": app, "unavailable": unavailable}, handle, ensure_ascii=False, indent=1)


main()
