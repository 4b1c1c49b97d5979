"""The example notebook runs top to bottom and shows what it promises."""

import pathlib

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("matplotlib")
pytest.importorskip("ipykernel")

from conftest import SOURCE_DIR  # noqa: E402

NOTEBOOK = SOURCE_DIR / "bindings" / "examples" / "web-shop.ipynb"


def text_of(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_notebook_runs_and_shows_its_results(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Run from a folder that holds nothing: the notebook needs only the installed package.
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = "\n".join(text_of(cell) for cell in code)
    assert "checkout (journey)" in text_of(code[1])  # the summary of the run
    assert "checkout" in text_of(code[2])  # the availability table
    assert "2027-01" in text_of(code[3])  # month by month, from the scenario's start: 2027-01
    assert "enterprise-checkout" in outputs and "EUR" in outputs  # the SLA, with its currency
    assert "B has less api-requests downtime than A" in outputs  # the comparison's verdict
    assert "buys the most" in outputs  # the sensitivity's advice
    assert "checkout downtime per year, minutes:" in outputs
    images = sum("image/png" in o.get("data", {}) for cell in code for o in cell.get("outputs", []))
    assert images >= 3  # SLA exposure, tornado, the three plots
