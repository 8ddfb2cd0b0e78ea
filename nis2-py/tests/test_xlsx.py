"""The XLSX report reads as an auditor expects (checked with openpyxl, an independent reader):
human headers in the report's language, an autofilter over every table, percentages for
scores, real dates, column widths that follow the content, and the machine names of the
columns on their own sheet."""

from __future__ import annotations

import base64
import datetime
import io
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

import nis2
from conftest import example

ASSESSMENT = example("msp-assessment.json")

SHEETS = {
    "en": ["Summary", "Requirements", "Status", "Evidence", "Gaps", "Plan", "Columns"],
    "da": ["Oversigt", "Krav", "Status", "Dokumentation", "Mangler", "Handlingsplan", "Kolonner"],
}


def _workbook(lang: nis2.Lang) -> Any:
    report = nis2.assessment_report(ASSESSMENT, "xlsx", lang)
    assert report.encoding == "base64"
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.content)))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_table_has_human_headers_an_autofilter_and_a_frozen_header(lang: nis2.Lang) -> None:
    wb = _workbook(lang)
    assert wb.sheetnames == SHEETS[lang]
    legend = wb.worksheets[-1]
    fields = {(row[0], row[2]): row[3] for row in legend.iter_rows(min_row=2, values_only=True)}
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        assert all(isinstance(h, str) and h for h in headers)
        # No machine name as a header (they are on the columns sheet instead).
        assert not any("_" in h for h in headers), headers
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}{ws.max_row}"
        assert ws.freeze_panes == "A2"
        for c in range(1, len(headers) + 1):
            width = ws.column_dimensions[ws.cell(1, c).column_letter].width
            assert 8 <= width <= 62
        if ws is not legend:
            for h in headers:
                assert (ws.title, h) in fields


def test_scores_are_percentages_dates_are_dates_and_ids_stay() -> None:
    wb = _workbook("en")
    status = wb["Status"]
    headers = [c.value for c in status[1]]
    row = [c for c in status[2]]
    score = row[headers.index("Status score (worst case)")]
    assert score.number_format == "0.0%" and 0 <= score.value <= 1
    ids = [r[0] for r in status.iter_rows(min_row=2, values_only=True)]
    full = nis2.assess(ASSESSMENT)
    assert ids == [r.id for r in full.evaluation.requirements]
    plan = wb["Plan"]
    headers = [c.value for c in plan[1]]
    due = [r[headers.index("Due date")] for r in plan.iter_rows(min_row=2)]
    dated = [c for c in due if c.value is not None]
    assert dated, "the example's plan has due dates"
    for c in dated:
        assert isinstance(c.value, datetime.datetime) and c.number_format == "yyyy-mm-dd"
    by_id = {it.requirement: it for it in full.plan.items}
    for r in plan.iter_rows(min_row=2, values_only=True):
        item = by_id[r[headers.index("Requirement")]]
        if item.due_date is not None:
            assert r[headers.index("Due date")].date().isoformat() == item.due_date


def test_the_columns_sheet_names_every_field() -> None:
    wb = _workbook("da")
    legend = wb["Kolonner"]
    rows = list(legend.iter_rows(min_row=2, values_only=True))
    assert ("Status", "H", "Statusscore (værste tilfælde)", "status_score_low") in rows
    assert ("Handlingsplan", "N", "Frist", "due_date") in rows
