"""The Excel questionnaire round trip (``nis2.questionnaire`` / ``nis2.questionnaire_import``),
checked with openpyxl as a spreadsheet user would edit the workbook: the sheets, drop-downs and
headers are there in the chosen language; answers typed in either language, rows reordered,
dates entered as dates come back; every bad cell is a typed error naming the sheet, row and
column; a workbook that is not ours is refused."""

from __future__ import annotations

import base64
import datetime
import io
import json
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

import nis2
from nis2.model import Lang

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "msp-assessment.json"


def example() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return doc


def workbook(lang: Lang = "en") -> Any:
    q = nis2.questionnaire(EXAMPLE, lang=lang)
    assert q.encoding == "base64" and q.file_name.endswith(".xlsx")
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(q.content)))


def to_bytes(wb: Any) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def header(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value}


def row_of(ws: Any, requirement: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == requirement:
            return int(r)
    raise AssertionError(requirement)


def test_the_workbook_has_its_sheets_lists_and_headers() -> None:
    wb = workbook("da")
    assert wb.sheetnames == ["Vejledning", "Spørgeskema", "Lister", "nis2"]
    assert [wb[s].sheet_state for s in wb.sheetnames] == ["visible", "visible", "hidden", "hidden"]
    ws = wb["Spørgeskema"]
    h = header(ws)
    assert {"Krav-id", "Henvisning", "Status", "Implementeringsmodenhed", "Kommentar"} <= set(h)
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert "'Lister'!$A$2:$A$7" in lists and "'Lister'!$B$2:$B$7" in lists
    statuses = [wb["Lister"].cell(r, 1).value for r in range(2, 8)]
    assert "delvist implementeret" in statuses
    assert ws.auto_filter.ref and ws.freeze_panes == "B2"
    # The evidence hints name ISO/IEC 27001 controls by identifier only.
    hint = ws.cell(row_of(ws, "CIR-2690:6.7.1"), h["Hint til dokumentation (ISO/IEC 27001, D-mærket)"]).value
    assert hint.startswith("ISO/IEC 27001:2022 A.")


@pytest.mark.parametrize("lang", ["en", "da"])
def test_an_unchanged_workbook_gives_the_same_document(lang: Lang) -> None:
    q = nis2.questionnaire(EXAMPLE, lang=lang)
    back = nis2.questionnaire_import(q.content)
    assert back.assessment.to_dict() == example()
    assert back.unchanged == back.rows == q.rows
    assert back.added == back.changed == back.removed == back.not_in_workbook == ()
    # Bytes work as well as base64.
    assert nis2.questionnaire_import(base64.b64decode(q.content)).to_json() == back.to_json()


def test_answers_come_back_in_either_language_and_any_row_order() -> None:
    wb = workbook("en")
    ws = wb["Questionnaire"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    ws.delete_rows(2, ws.max_row)
    for r in reversed(rows):
        ws.append(r)
    h = header(ws)
    r = row_of(ws, "CIR-2690:13.3.3")
    ws.cell(r, h["Status"]).value = "Delvist implementeret"
    ws.cell(r, h["Implementation maturity"]).value = 2
    ws.cell(r, h["Due date (YYYY-MM-DD)"]).value = datetime.date(2027, 3, 31)
    ws.cell(r, h["Evidence (one per line)"]).value = "Policy v2\nTicket 42"
    r = row_of(ws, "CIR-2690:3.4.2")
    ws.cell(r, h["Status"]).value = "fully_implemented"
    r = row_of(ws, "NIS2:23.4.e")
    for c in range(h["Status"], len(h) + 1):
        ws.cell(r, c).value = None
    ws.delete_rows(row_of(ws, "NIS2:27.3"))
    back = nis2.questionnaire_import(to_bytes(wb))
    assert back.added == ("CIR-2690:13.3.3",)
    assert back.changed == ("CIR-2690:3.4.2",)
    assert back.removed == ("NIS2:23.4.e",)
    assert back.not_in_workbook == ("NIS2:27.3",)
    results = {r["requirement"]: r for r in back.assessment.to_dict()["results"]}
    assert results["CIR-2690:13.3.3"] == {
        "requirement": "CIR-2690:13.3.3",
        "status": "partially_implemented",
        "implementation_maturity": 2,
        "evidence": ["Policy v2", "Ticket 42"],
        "due_date": "2027-03-31",
    }
    # The changed result keeps its other fields; the document's order is kept.
    assert results["CIR-2690:3.4.2"]["owner"] == "SOC lead"
    ids = [r["requirement"] for r in example()["results"] if r["requirement"] != "NIS2:23.4.e"]
    assert [r["requirement"] for r in back.assessment.to_dict()["results"]][: len(ids)] == ids
    # The imported document is a valid assessment.
    assert nis2.assess(back.assessment.to_dict()).evaluation is not None


def test_bad_cells_are_typed_errors_naming_sheet_row_and_column() -> None:
    wb = workbook("da")
    ws = wb["Spørgeskema"]
    h = header(ws)
    ws.cell(3, h["Status"]).value = "færdig"
    ws.cell(4, h["Vægt (1-100)"]).value = 500
    ws.cell(5, 1).value = "ISO27001:A.99"
    with pytest.raises(nis2.MultipleErrors) as info:
        nis2.questionnaire_import(to_bytes(wb))
    text = str(info.value)
    assert "sheet `Spørgeskema`, row 3, column `Status`: `færdig` is not accepted; accepted: ikke vurderet" in text
    assert "row 4, column `Vægt (1-100)`" in text
    assert "row 5, column `Krav-id`: `ISO27001:A.99`" in text
    assert info.value.report["kind"] == "multiple"


@pytest.mark.parametrize(
    "damage, message",
    [
        ("formula", "a formula where a value belongs"),
        ("merge", "a merged cell"),
        ("rename", "the sheet `Questionnaire` is missing"),
        ("meta", "the hidden sheet `nis2` is missing"),
        ("column", "unknown column"),
        ("far", "limit max_rows = 100001"),
        ("wide", "limit max_columns = 256"),
    ],
)
def test_a_damaged_workbook_is_refused(damage: str, message: str) -> None:
    wb = workbook("en")
    ws = wb["Questionnaire"]
    if damage == "formula":
        ws.cell(3, header(ws)["Status"]).value = "=A1"
    elif damage == "merge":
        ws.merge_cells("Q3:R3")
    elif damage == "rename":
        ws.title = "Answers"
    elif damage == "meta":
        del wb["nis2"]
    elif damage == "far":
        ws.cell(1_000_000, 1).value = "x"
    elif damage == "wide":
        ws.cell(2, 16_000).value = "x"
    else:
        ws.cell(1, 19).value = "Remarks"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.questionnaire_import(to_bytes(wb))
    assert message in str(info.value)
    assert info.value.path == "$.content"
    if damage in ("far", "wide"):
        # A limit on input: its own kind (still an InvalidInputError), naming the limit.
        assert isinstance(info.value, nis2.LimitExceededError) and info.value.kind == "limit_exceeded"
        name = {"far": "max_rows", "wide": "max_columns"}[damage]
        assert info.value.limit == {"name": name, "value": {"far": 100_001, "wide": 256}[damage]}
    else:
        assert info.value.kind == "invalid_input" and info.value.limit is None


def test_the_verdict_is_the_accounting_without_the_document() -> None:
    q = nis2.questionnaire(EXAMPLE)
    v = nis2.assessment({"op": "questionnaire_import", "format": "xlsx", "content": q.content}, detail="verdict")
    d = v.to_dict()
    assert d["unchanged"] == q.rows and "assessment" not in d
