"""Audit tables both ways with CISO Assistant: an exported table read back changes nothing, an
edit comes back with the stated mapping, a bad cell is a typed error naming its row and column,
and the XLSX table has the column names CISO Assistant's wizard expects."""

from __future__ import annotations

import base64
import csv
import io

import openpyxl  # type: ignore[import-untyped]
import pytest

import nis2
from conftest import example

ASSESSMENT = example("msp-assessment.json")
HEADER = [
    "urn",
    "assessable",
    "ref_id",
    "name",
    "description",
    "compliance_result",
    "requirement_progress",
    "score",
    "observations",
]


@pytest.mark.parametrize("framework", ["nis2", "cir-2024-2690"])
def test_export_then_import_changes_nothing(framework: str) -> None:
    table = nis2.audit_export(ASSESSMENT, framework)
    assert table.media_type == "text/csv" and table.framework == framework
    rows = list(csv.reader(io.StringIO(table.content)))
    assert rows[0] == HEADER and len(rows) == table.rows + 1
    back = nis2.audit_import(ASSESSMENT, framework, table.content)
    assert back.imported == 0 and len(back.skipped) == back.rows
    assert [r.to_dict() for r in back.results] == ASSESSMENT["results"]


def test_an_edit_comes_back() -> None:
    table = nis2.audit_export(ASSESSMENT, "nis2")
    rows = list(csv.reader(io.StringIO(table.content)))
    for row in rows:
        if row[2] == "20(2) management":
            row[5], row[6], row[8] = "compliant", "done", "Board training held 2026-05-04"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    back = nis2.audit_import(ASSESSMENT, "nis2", out.getvalue())
    assert back.imported == 1 and back.replaced == 1
    result = next(r for r in back.results if r.requirement == "NIS2:20.2.management")
    assert result.status == "fully_implemented"
    assert result.notes is not None and "Board training held" in result.notes
    assert {m.compliance_result for m in back.status_mapping} >= {"compliant", "non_compliant"}


def test_a_bad_cell_names_its_row_and_column() -> None:
    table = nis2.audit_export(ASSESSMENT, "nis2").content
    bad = table.replace(",non_compliant,", ",failed,", 1)
    with pytest.raises(nis2.InvalidInputError) as e:
        nis2.audit_import(ASSESSMENT, "nis2", bad)
    assert e.value.path == "$.content"
    assert "column `compliance_result`: `failed` is not accepted" in str(e.value)


def test_xlsx_table_has_the_wizards_columns() -> None:
    table = nis2.audit_export(ASSESSMENT, "cir-2024-2690", "xlsx", ciso_assistant_frameworks=True)
    assert table.encoding == "base64"
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(table.content)))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.auto_filter.ref == f"A1:I{table.rows + 1}"
    urns = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(str(u).startswith("urn:intuitem:risk:req_node:annex-technical") for u in urns)


def test_xlsx_table_comes_back() -> None:
    table = nis2.audit_export(ASSESSMENT, "nis2", "xlsx")
    back = nis2.audit_import(ASSESSMENT, "nis2", table.content, "xlsx")
    assert back.imported == 0 and back.rows == table.rows
    assert [r.to_dict() for r in back.results] == ASSESSMENT["results"]
