"""The calculator notebooks run in a plain Jupyter kernel, and a widget change recomputes there."""
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from widget_helpers import ROOT, cli_assess

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def run_with_extra_cells(path: Path, *sources: str):
    """Execute the notebook, then extra cells in the same kernel; return the notebook and the extras."""
    nb = nbformat.read(path, as_version=4)
    extras = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.cells.extend(extras)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, extras


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_there_is_a_notebook_per_calculator():
    assert {p.stem for p in NOTEBOOKS} >= {"dibao", "tiers", "tekun", "left_behind", "review", "policy"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_displays_its_calculator_without_errors(path):
    nb, _ = run_with_extra_cells(path)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in outputs)


def test_dibao_notebook_recomputes_after_a_widget_change(tmp_path):
    nb, (before, after, invalid) = run_with_extra_cells(
        ROOT / "notebooks" / "dibao.ipynb",
        "import json; print(json.dumps({'total': str(calc.assessment.dibao.total_monthly)}))",
        "calc.members.items[1].wage.value = 2500\n"
        "import json; print(json.dumps({'household': calc.last_household, 'eligible': calc.assessment.dibao.eligible,"
        " 'html': calc.result.value}, ensure_ascii=False))",
        "calc.members.items[0].age.value = 200\nprint(calc.is_stale, calc.members.items[0].slots['age'].value)")
    first = json.loads(printed(before))
    changed = json.loads(printed(after))
    expected = cli_assess(changed["household"], tmp_path)["dibao"]
    assert first["total"] != "0" and changed["eligible"] is expected["eligible"] is False
    assert {"kind": "wage", "amount": 2500, "per": "month"} in changed["household"]["members"][1]["incomes"]
    assert "不符合低保条件" in changed["html"]
    assert printed(invalid).startswith("True") and "130" in printed(invalid)
