"""Each convenience is one request over ``nis2.call``: it gives the bytes of the request written
out, typed as its operation answers; document arguments may be views, dicts, JSON text or
files, dates ``datetime.date``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Callable

import pytest

import nis2
from conftest import EXAMPLES, example

PROFILE = example("manufacturer-40-staff.json")
REGISTER = example("water-utility-risk-register.json")
PROGRAMME = example("danish-programme.json")
INCIDENT = example("incident.json")
ASSESSMENT = example("msp-assessment.json")

CASES: list[tuple[Callable[[], Any], str, dict[str, Any]]] = [
    (nis2.frameworks, "catalog", {"op": "list"}),
    (lambda: nis2.framework("nis2"), "catalog", {"op": "show", "framework": "nis2"}),
    (lambda: nis2.node("NIS2:21.2.d"), "catalog", {"op": "node", "id": "NIS2:21.2.d"}),
    (
        lambda: nis2.map("ISO27001:A.5.19", "nis2"),
        "catalog",
        {"op": "map", "from": "ISO27001:A.5.19", "to": "nis2"},
    ),
    (
        lambda: nis2.map("ISO27001:A.5.19", "nis2", via="cir-2024-2690"),
        "catalog",
        {"op": "map", "from": "ISO27001:A.5.19", "to": "nis2", "via": "cir-2024-2690"},
    ),
    (
        lambda: nis2.evidence("NIS2:21.2.d", "iso27001-2022"),
        "catalog",
        {"op": "evidence", "requirement": "NIS2:21.2.d", "from": "iso27001-2022"},
    ),
    (
        lambda: nis2.coverage("NIS2:21.2.d", "ISO27001:A.5.19"),
        "catalog",
        {"op": "coverage", "target": "NIS2:21.2.d", "controls": ["ISO27001:A.5.19"]},
    ),
    (nis2.risk_presets, "risk", {"op": "presets"}),
    (nis2.threats, "risk", {"op": "threats"}),
    (
        lambda: nis2.validate_matrix("iso27005-style-5x5"),
        "risk",
        {"op": "validate_matrix", "matrix": "iso27005-style-5x5"},
    ),
    (
        lambda: nis2.validate_register(REGISTER),
        "risk",
        {"op": "validate_register", "register": REGISTER},
    ),
    (
        lambda: nis2.assess_risks(EXAMPLES / "water-utility-risk-register.json"),
        "risk",
        {"op": "assess", "register": REGISTER},
    ),
    (
        lambda: nis2.heatmap(json.dumps(REGISTER), "inherent"),
        "risk",
        {"op": "heatmap", "register": REGISTER, "stage": "inherent"},
    ),
    (
        lambda: nis2.reproject(
            "iso27005-style-5x5", "iso27005-style-3x3", [(4, 2), {"likelihood": 5, "impact": 5}]
        ),
        "risk",
        {
            "op": "reproject",
            "from": "iso27005-style-5x5",
            "to": "iso27005-style-3x3",
            "ratings": [{"likelihood": 4, "impact": 2}, {"likelihood": 5, "impact": 5}],
        },
    ),
    (lambda: nis2.deadlines(INCIDENT), "programme", {"op": "deadlines", "incident": INCIDENT}),
    (
        lambda: nis2.significant_incident("NIS2-I-08-04", {"direct_financial_loss_eur": 600_000}),
        "programme",
        {
            "op": "significant_incident",
            "entity_types": ["NIS2-I-08-04"],
            "facts": {"direct_financial_loss_eur": 600_000},
        },
    ),
    (
        lambda: nis2.significant_incident(
            ["NIS2-I-08-04", "NIS2-I-08-07"],
            services=[{"entity_type": "NIS2-I-08-07", "users_in_union": 100_000}],
        ),
        "programme",
        {
            "op": "significant_incident",
            "entity_types": ["NIS2-I-08-04", "NIS2-I-08-07"],
            "services": [{"entity_type": "NIS2-I-08-07", "users_in_union": 100_000}],
        },
    ),
    (
        lambda: nis2.wheel(PROGRAMME, 2026, lang="da", reference_date=datetime.date(2026, 1, 5)),
        "programme",
        {
            "op": "wheel",
            "programme": PROGRAMME,
            "year": 2026,
            "reference_date": "2026-01-05",
            "lang": "da",
        },
    ),
    (
        lambda: nis2.plan(nis2.Programme(PROGRAMME), datetime.date(2026, 3, 1)),
        "programme",
        {"op": "plan", "programme": PROGRAMME, "reference_date": "2026-03-01"},
    ),
    (
        lambda: nis2.governance(PROGRAMME, "2026-03-01"),
        "programme",
        {"op": "governance", "programme": PROGRAMME, "reference_date": "2026-03-01"},
    ),
    (
        lambda: nis2.suppliers(PROGRAMME, "2026-03-01"),
        "programme",
        {"op": "suppliers", "programme": PROGRAMME, "reference_date": "2026-03-01"},
    ),
    (
        lambda: nis2.obligations(PROFILE, 2e8),
        "programme",
        {"op": "obligations", "profile": PROFILE, "worldwide_turnover_eur": 2e8},
    ),
    (
        lambda: nis2.validate_programme(PROGRAMME),
        "programme",
        {"op": "validate", "programme": PROGRAMME},
    ),
    (nis2.assessment_scales, "assessment", {"op": "scales"}),
    (nis2.assessment_prerequisites, "assessment", {"op": "prerequisites"}),
    (
        lambda: nis2.requirements(PROFILE, frameworks="nis2"),
        "assessment",
        {"op": "requirements", "profile": PROFILE, "frameworks": ["nis2"]},
    ),
    (lambda: nis2.assess(ASSESSMENT), "assessment", {"op": "evaluate", "assessment": ASSESSMENT}),
    (lambda: nis2.infer(ASSESSMENT), "assessment", {"op": "infer", "assessment": ASSESSMENT}),
    (
        lambda: nis2.remediation_plan(ASSESSMENT),
        "assessment",
        {"op": "plan", "assessment": ASSESSMENT},
    ),
    (
        lambda: nis2.assessment_report(ASSESSMENT, "html", "da"),
        "assessment",
        {"op": "report", "assessment": ASSESSMENT, "format": "html", "lang": "da"},
    ),
    (nis2.entity_types, "reference", {"op": "entity_types"}),
    (nis2.member_states, "reference", {"op": "member_states"}),
    (nis2.labels, "reference", {"op": "labels"}),
]


@pytest.mark.parametrize(
    "run, capability, request_",
    CASES,
    ids=[f"{c[1]}.{c[2]['op']}-{i}" for i, c in enumerate(CASES)],
)
def test_convenience_is_its_request(
    run: Callable[[], Any], capability: str, request_: dict[str, Any]
) -> None:
    result = run()
    want = nis2.call(capability, request_)
    assert type(result) is type(want) and result.to_json() == want.to_json()
    assert json.loads(want.to_json())["op"] == f"{capability}.{request_['op']}"


def test_document_texts() -> None:
    """The conveniences that give a document's text give the field of the full response."""
    export = nis2.catalog({"op": "export", "framework": "nis2", "format": "csv"})
    assert isinstance(export, nis2.ExportResponse)
    assert nis2.export(framework="nis2", format="csv") == export.content
    csv = nis2.call("risk", {"op": "csv", "register": REGISTER, "lang": "da"})
    assert nis2.risk_csv(REGISTER, "da") == csv.to_dict()["csv"]
    svg = nis2.heatmap_svg(REGISTER, "current", "da")
    request = {"op": "heatmap_svg", "register": REGISTER, "stage": "current", "lang": "da"}
    assert svg.startswith("<svg") and svg == nis2.call("risk", request).to_dict()["svg"]
    ics = nis2.wheel_ics(PROGRAMME, 2026)
    want = nis2.call("programme", {"op": "wheel_ics", "programme": PROGRAMME, "year": 2026})
    assert ics == want.to_dict()["ics"] and ics.startswith("BEGIN:VCALENDAR\r\n")


def test_capability_functions_answer_every_detail() -> None:
    assert type(nis2.catalog({"op": "list"})) is nis2.ListResponse
    assert type(nis2.risk({"op": "presets"}, detail="verdict")) is nis2.PresetCatalogVerdict
    assert type(nis2.programme({"op": "validate", "programme": PROGRAMME})) is nis2.ValidateResult
    assert type(nis2.assessment({"op": "scales"}, detail="verdict")) is nis2.ScaleCatalogVerdict
    assert type(nis2.reference({"op": "labels"})) is nis2.LabelCatalog


def test_reference_and_registry() -> None:
    registry = nis2.ops()
    assert [c.name for c in registry.capabilities][:3] == ["scope", "screen", "catalog"]
    assert registry.details == ("verdict", "explained") and "svg" in registry.formats
    assert nis2.schema("scope-profile")["title"] == "Profile"
    assert "scope-verdict" in nis2.schema_kinds()
    assert any(t.id == "NIS2-I-06-01" for t in nis2.entity_types().entity_types)


def test_a_file_path(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(ASSESSMENT), encoding="utf-8")
    assert nis2.assess(path).to_json() == nis2.assess(ASSESSMENT).to_json()


def test_document_text_is_read_as_a_request_is() -> None:
    """A document given as JSON text to a convenience is read by the engine's parser: one
    validation path (issue 13, hardening 5 and 6)."""
    text = json.dumps(REGISTER)
    # A repeated key is an error with the JSON path of the key, under the argument's path.
    repeated = text.replace('{"schema_version"', '{"schema_version": "1", "schema_version"', 1)
    with pytest.raises(nis2.InvalidInputError) as e:
        nis2.assess_risks(repeated)
    assert e.value.path == "$.register.schema_version" and "duplicate key" in e.value.message
    # A lone surrogate in the text, and nesting past the limit: a Nis2Error, never
    # UnicodeEncodeError or RecursionError.
    with pytest.raises(nis2.InvalidInputError) as e:
        nis2.assess_risks('{"name": "\ud800"}')
    assert e.value.path == "$.register"
    deep = '{"x": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(nis2.InvalidInputError) as e:
        nis2.assess_risks(deep)
    assert "max_depth = 64" in e.value.message and isinstance(e.value, nis2.LimitExceededError)
    assert (e.value.path or "").startswith("$.register.x[0]")
