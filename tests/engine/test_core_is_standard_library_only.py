"""The core runs in the browser (Pyodide): it may import only the standard library."""
import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "calculators"
# Modules at the edges: UI, charts, batch, book helpers. Everything else is the core.
EDGES = {"widgets", "charts", "roster", "handbook", "dashboards"}
ALLOWED_LAZY = {"yaml"}   # read only when policy files come from disk; the browser reads JSON


def imports_of(path: Path) -> set:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_import_only_the_standard_library():
    for path in PACKAGE.glob("*.py"):
        if path.stem in EDGES:
            continue
        outside = imports_of(path) - set(sys.stdlib_module_names) - ALLOWED_LAZY
        assert not outside, f"{path.name} imports {outside}"
