"""The OSCAL 1.2.1 assessment results export loads in a real OSCAL client (compliance-trestle):
every requirement a finding, the plan as risks, and the same bytes on every call."""

from __future__ import annotations

import json
from typing import Any

from trestle.oscal.assessment_results import AssessmentResults

import nis2
from conftest import example

ASSESSMENT = example("msp-assessment.json")


def _export() -> dict[str, Any]:
    report = nis2.assessment_report(ASSESSMENT, "oscal")
    assert report.encoding == "utf8"
    assert report.file_name.endswith(".oscal-ar.json")
    doc: dict[str, Any] = json.loads(report.content)
    return doc


def test_trestle_parses_the_export() -> None:
    doc = _export()
    ar = AssessmentResults.parse_obj(doc["assessment-results"])
    result = ar.results[0]
    full = nis2.assess(ASSESSMENT)
    assert result.findings is not None and result.risks is not None
    assert len(result.findings) == len(full.evaluation.requirements)
    assert len(result.risks) == len(full.plan.items)
    assert ar.metadata.oscal_version.root.root == "1.2.1"
    # Also through keyword arguments, as the trestle documentation shows.
    again = AssessmentResults(**doc["assessment-results"])
    assert str(again.uuid) == str(ar.uuid)


def test_export_is_deterministic() -> None:
    assert _export() == _export()
