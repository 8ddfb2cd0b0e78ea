#!/usr/bin/env python3
"""Writes the example notebooks of this folder (without outputs) from the cells below, so that
they stay reviewable as code: `python examples/notebooks/make_notebooks.py`. The Python test
suite runs them on a real Jupyter kernel (nis2-py/tests/test_notebooks.py) and checks what they
show."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

PORTFOLIO = [
    new_markdown_cell(
        "# Screening a supplier portfolio\n\n"
        "An auditor has a CSV of suppliers (entity types, Member State, size figures) and wants to "
        "know which of them NIS2 covers, and as what. `nis2.screen` takes the table as pandas or "
        "polars reads it and returns one verdict row per supplier, each exactly as a single "
        "`nis2.scope` call decides it; a bad row gets its error in its own row."
    ),
    new_code_cell(
        "import nis2\nimport pandas as pd\nimport polars as pl\n\n"
        "suppliers = pd.read_csv('../screening/portfolio.csv')\nsuppliers.head()"
    ),
    new_code_cell(
        "verdicts = nis2.screen(suppliers).to_pandas()\n"
        "verdicts[['id', 'in_scope', 'classification', 'size_class', 'open_questions', 'error_path']]"
    ),
    new_markdown_cell("Counts per outcome and class, then the rows that need an answer or a fix."),
    new_code_cell("verdicts.groupby(['in_scope', 'classification']).size()"),
    new_code_cell(
        "open_rows = verdicts[verdicts['in_scope'] == 'undetermined']\n"
        "print(len(open_rows), 'undetermined:', ', '.join(open_rows['id']))\n"
        "print('errors:', verdicts['error_path'].notna().sum())"
    ),
    new_markdown_cell("The same table through polars gives the same verdicts."),
    new_code_cell(
        "frame = pl.read_csv('../screening/portfolio.csv')\n"
        "same = pl.from_arrow(nis2.screen(frame))\n"
        "# (a null is None in polars, NaN in a pandas string column)\n"
        "assert same['in_scope'].fill_null('-').to_list() == verdicts['in_scope'].fillna('-').tolist()\n"
        "same.select(['id', 'in_scope', 'classification']).head()"
    ),
    new_markdown_cell(
        "One supplier explained: the core's view of its result (Danish here), with every rule "
        "that decided it and its citation."
    ),
    new_code_cell(
        "profile = {'member_state': 'DK', 'activities': [{'entity_type': 'NIS2-II-05d-01'}],\n"
        "           'size': {'staff_headcount': [40, 60], 'annual_turnover_eur': 8e6,\n"
        "                    'balance_sheet_total_eur': 8e6}}\n"
        "result = nis2.scope(profile)\n"
        "print(result.in_scope, result.size.possible_classes, [q.id for q in result.open_questions][:1])\n"
        "result.render('md', 'da')[:400]"
    ),
]

ASSESSMENT = [
    new_markdown_cell(
        "# An organisation's assessment: gaps, the heat map, the board report and the workbook\n\n"
        "A managed service provider's assessment (`examples/msp-assessment.json`) and a water "
        "utility's risk register (`examples/water-utility-risk-register.json`), as the Danish "
        "guide's steps 4, 5 and 8 ask for them."
    ),
    new_code_cell(
        "import base64\nimport tempfile\nfrom pathlib import Path\n\nimport nis2\n\n"
        "assessment = Path('../msp-assessment.json')\n"
        "result = nis2.assess(assessment)\n"
        "overall = result.evaluation.overall\n"
        "print('requirements:', len(result.requirement_set.requirements))\n"
        "print('status between', overall.status.low, 'and', overall.status.high)\n"
        "print('plan items:', len(result.plan.items), '- top gaps shown:', result.top_gaps)"
    ),
    new_markdown_cell("The residual-risk heat map of the register, drawn by the core (SVG)."),
    new_code_cell("nis2.heatmap(Path('../water-utility-risk-register.json'))"),
    new_markdown_cell("The report for the management body (Art 20), in Danish, as Markdown."),
    new_code_cell(
        "report = nis2.assessment_report(assessment, 'md', lang='da')\nprint(report.content[:600])"
    ),
    new_markdown_cell("The same report as an Excel workbook, saved where the auditor wants it."),
    new_code_cell(
        "xlsx = nis2.assessment_report(assessment, 'xlsx')\n"
        "out = Path(tempfile.mkdtemp()) / xlsx.file_name\n"
        "out.write_bytes(base64.b64decode(xlsx.content))\n"
        "print(out.name, out.stat().st_size > 1000, out.read_bytes()[:2] == b'PK')"
    ),
]


def write(name: str, cells: list) -> None:
    for i, cell in enumerate(cells):
        cell["id"] = f"{Path(name).stem}-{i:02d}"  # stable ids: the same file on every run
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / name)
    print(f"wrote {HERE / name}")


if __name__ == "__main__":
    write("portfolio-screening.ipynb", PORTFOLIO)
    write("assessment-report.ipynb", ASSESSMENT)
