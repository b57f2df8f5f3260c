"""The walkthrough notebook runs top to bottom and ships with its outputs."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def outputs_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        parts.append(str(output.get("data", {}).get("text/plain", "")))
    return "".join(parts)


def test_shipped_notebook_has_outputs_for_every_cell():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code) >= 8 and all(cell.outputs for cell in code)


@pytest.mark.slow
def test_notebook_runs_top_to_bottom():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    text = "\n".join(outputs_text(cell) for cell in code)
    assert "'projects': 5" in text
    assert "org/slup-se" in text or "SLUP.SE" in text
    assert "seeds/000_9812636df7ab152d.txt, line 113" in text
    html = [o for o in code[-3].outputs if "text/html" in o.get("data", {})]
    assert html and "<iframe" in html[0]["data"]["text/html"]
