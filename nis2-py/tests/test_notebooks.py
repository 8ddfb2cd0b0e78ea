"""The example notebooks (examples/notebooks), run on a real Jupyter kernel with nbclient, and
what they show: the auditor's portfolio screening (pandas and polars) and the organisation's
assessment (the heat map as SVG, the Danish board report, the XLSX workbook). They are also
checked to be what `make_notebooks.py` writes (no stale or hand-edited copy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOKS = REPO / "examples" / "notebooks"


def run(name: str) -> Any:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return nb


def texts(nb: Any) -> str:
    """Every text output of the executed notebook (streams and plain results), joined."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                out.append(o.get("text", ""))
            data = o.get("data", {})
            out.append(data.get("text/plain", ""))
    return "\n".join(out)


def mimes(nb: Any) -> set[str]:
    return {m for c in nb.cells for o in c.get("outputs", []) for m in o.get("data", {})}


def test_notebooks_are_generated() -> None:
    for name in ("portfolio-screening.ipynb", "assessment-report.ipynb"):
        before = (NOTEBOOKS / name).read_text(encoding="utf-8")
        subprocess.run([sys.executable, str(NOTEBOOKS / "make_notebooks.py")], check=True)
        assert (NOTEBOOKS / name).read_text(encoding="utf-8") == before, f"{name} is stale"


def test_portfolio_screening_notebook() -> None:
    nb = run("portfolio-screening.ipynb")
    text = texts(nb)
    assert "undetermined:" in text and "errors: 1" in text
    assert "essential" in text and "important" in text
    assert "size_range" in text  # the staff band across 50 asks for the exact figure
    assert "text/html" in mimes(nb)  # the data frames


def test_assessment_notebook() -> None:
    nb = run("assessment-report.ipynb")
    text = texts(nb)
    assert "requirements:" in text and "status between" in text
    assert "image/svg+xml" in mimes(nb)  # the heat map, drawn by the core
    assert "# Ledelsesresumé" in text  # the board report, in Danish
    assert ".xlsx True True" in text  # the workbook saved
