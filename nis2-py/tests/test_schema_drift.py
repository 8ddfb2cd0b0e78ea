"""The dataclasses and Literal aliases match the JSON Schemas the engine generates (and the
checked-in `schemas/*.json` when present), and engine output validates against its schema."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, get_args

import jsonschema
import pytest

import nis2
from nis2 import assessment_types, catalog_types, programme_types, reference, risk_types
from nis2 import scope_types as scope
from nis2._convert import Record
from conftest import SCHEMAS, load_vectors

# JSON Schema `$defs` name (the root when None) -> dataclass, per schema kind.
RECORDS: dict[str, dict[str, type[Record]]] = {
    "scope-profile": {
        "": scope.Profile,
        "Activity": scope.Activity,
        "SizeInput": scope.SizeInput,
        "PeriodFigures": scope.PeriodFigures,
        "RelatedEnterprise": scope.RelatedEnterprise,
        "Designations": scope.Designations,
    },
    "scope-result": {
        "": scope.ScopeResult,
        "Text": nis2.Text,
        "SizeResult": scope.SizeResult,
        "PeriodComputation": scope.PeriodComputation,
        "Contribution": scope.Contribution,
        "Figures": scope.Figures,
        "CeilingTest": scope.CeilingTest,
        "Supervision": scope.Supervision,
        "ActivityResult": scope.ActivityResult,
        "AttentionPoint": scope.AttentionPoint,
        "OpenQuestion": scope.OpenQuestion,
        "AnswerEffect": scope.AnswerEffect,
        "TraceStep": scope.TraceStep,
    },
    "entity-types": {
        "": reference.EntityTypeCatalog,
        "Provenance": reference.Provenance,
        "Sector": reference.Sector,
        "LexSpecialis": reference.LexSpecialis,
        "EntityType": reference.EntityType,
        "Text": nis2.Text,
    },
}

LITERALS: dict[str, dict[str, Any]] = {
    "scope-profile": {
        "EnterpriseRelationship": scope.Relationship,
        "Identification": scope.Identification,
        "SecurityExemption": scope.SecurityExemption,
    },
    "scope-result": {
        "InScope": scope.InScope,
        "Classification": scope.Classification,
        "SizeClass": scope.SizeClass,
        "SupervisionRegime": scope.SupervisionRegime,
        "QuestionKind": scope.QuestionKind,
        "RuleOutcome": scope.RuleOutcome,
        "JurisdictionRule": reference.JurisdictionRule,
        "VerificationStatus": reference.VerificationStatus,
    },
    "entity-types": {
        "Annex": reference.Annex,
        "RuleGroup": reference.RuleGroup,
        "JurisdictionRule": reference.JurisdictionRule,
        "VerificationStatus": reference.VerificationStatus,
    },
}


def schemas(kind: str) -> list[tuple[str, dict[str, Any]]]:
    """The engine's schema, and the checked-in file when it exists."""
    out = [("engine", nis2.schema(kind))]
    f = SCHEMAS / f"{kind}.schema.json"
    if f.exists():
        out.append((str(f), json.loads(f.read_text(encoding="utf-8"))))
    return out


def definition(schema: dict[str, Any], name: str) -> dict[str, Any]:
    d: dict[str, Any] = schema if name == "" else schema["$defs"][name]
    return d


def enum_values(d: dict[str, Any]) -> set[str]:
    if "enum" in d:
        return set(d["enum"])
    return {o["const"] for o in d["oneOf"]}


@pytest.mark.parametrize("kind", list(RECORDS))
def test_dataclass_fields_match_schema(kind: str) -> None:
    for source, schema in schemas(kind):
        for name, cls in RECORDS[kind].items():
            d = definition(schema, name)
            keys = set(cls.json_keys())
            assert keys == set(d["properties"]), f"{cls.__name__} vs {source} {name or 'root'}"
            required = {
                key
                for (f, key) in zip(cls.__dataclass_fields__.values(), cls.json_keys())  # type: ignore[attr-defined]
                if f.default is f.default_factory  # both MISSING: no default
            }
            assert required == set(d.get("required", [])), f"required of {cls.__name__} ({source})"


@pytest.mark.parametrize("kind", list(LITERALS))
def test_literals_match_schema_enums(kind: str) -> None:
    for source, schema in schemas(kind):
        for name, alias in LITERALS[kind].items():
            assert set(get_args(alias)) == enum_values(schema["$defs"][name]), f"{name} ({source})"


def test_every_object_definition_is_covered() -> None:
    for kind, records in RECORDS.items():
        schema = nis2.schema(kind)
        objects = {n for n, d in schema["$defs"].items() if d.get("type") == "object"}
        assert objects == set(records) - {""}, kind


VECTORS = load_vectors("scope")


def test_results_and_inputs_validate_against_the_schemas() -> None:
    result_schema = nis2.schema("scope-result")
    profile_schema = nis2.schema("scope-profile")
    cls = jsonschema.validators.validator_for(result_schema)
    results = cls(result_schema, format_checker=cls.FORMAT_CHECKER)
    profiles = cls(profile_schema, format_checker=cls.FORMAT_CHECKER)
    checked = 0
    for v in VECTORS:
        if v.error is not None:
            continue
        profiles.validate(v.input)
        results.validate(nis2.scope(v.input).to_dict())
        checked += 1
    assert checked == len([v for v in VECTORS if v.error is None])


# ------------------------------------------------------------------------------------------------
# The generated modules (catalog, risk): every definition of their schemas has its class or
# alias of the same name, with the same fields; engine output validates against the schemas.
# ------------------------------------------------------------------------------------------------

GENERATED: dict[str, Any] = {
    "catalog-response": catalog_types,
    "catalog": catalog_types,
    "catalog-mapping": catalog_types,
    "catalog-request": catalog_types,
    "risk-request": risk_types,
    "risk-register": risk_types,
    "risk-matrix": risk_types,
    "risk-presets": risk_types,
    "risk-threats": risk_types,
    "risk-matrix-report": risk_types,
    "risk-register-check": risk_types,
    "risk-assessment": risk_types,
    "risk-heatmap": risk_types,
    "risk-heatmap-svg": risk_types,
    "risk-reprojection": risk_types,
    "risk-csv": risk_types,
    "programme-request": programme_types,
    "programme": programme_types,
    "incident": programme_types,
    "incident-clock": programme_types,
    "significance-result": programme_types,
    "wheel-result": programme_types,
    "wheel-ics": programme_types,
    "plan-report": programme_types,
    "governance-report": programme_types,
    "supplier-report": programme_types,
    "obligations-result": programme_types,
    "programme-validation": programme_types,
    "assessment-request": assessment_types,
    "assessment": assessment_types,
    "assessment-requirements": assessment_types,
    "assessment-evaluation": assessment_types,
    "assessment-inference": assessment_types,
    "assessment-plan": assessment_types,
    "assessment-report": assessment_types,
    "assessment-full-result": assessment_types,
    "assessment-scales": assessment_types,
    "assessment-prerequisites": assessment_types,
}

# Definitions that are the hand-written types of other modules (the scope types are checked
# against their own schemas in RECORDS and LITERALS above).
SHARED: dict[str, Any] = {
    "Text": nis2.Text,
    "Lang": nis2.text.Lang,
    "Provenance": reference.Provenance,
    "VerificationStatus": reference.VerificationStatus,
}
HAND_WRITTEN = {*RECORDS["scope-profile"].values(), *RECORDS["scope-result"].values()}


def generated_type(kind: str, name: str) -> Any:
    t = SHARED.get(name) or getattr(GENERATED[kind], name, None)
    if t is None:
        # Defined by another module and used only by the types imported from there (the
        # Activity of a scope Profile, the Asset of a risk Register).
        others = (scope, reference, risk_types, catalog_types)
        alias = {"EnterpriseRelationship": "Relationship"}.get(name, name)
        t = next((getattr(m, alias) for m in others if hasattr(m, alias)), None)
    assert t is not None, f"{kind}: no type for `{name}`"
    return t


def is_enum(d: dict[str, Any]) -> bool:
    return "enum" in d or all("const" in o for o in d.get("oneOf", [{}]))


@pytest.mark.parametrize("kind", list(GENERATED))
def test_generated_types_match_schema(kind: str) -> None:
    for source, schema in schemas(kind):
        defs = dict(schema.get("$defs", {}))
        if schema.get("type") == "object":
            defs[schema["title"]] = schema
        tagged = {
            v["$ref"].removeprefix("#/$defs/")
            for v in schema.get("oneOf", [])
            if "$ref" in v and "op" in v.get("properties", {})
        }
        for name, d in defs.items():
            t = generated_type(kind, name)
            if t in HAND_WRITTEN:
                continue
            if d.get("type") == "object":
                assert isinstance(t, type) and issubclass(t, Record), name
                keys = set(t.json_keys()) - ({"op"} if name in tagged else set())
                assert keys == set(d["properties"]), f"{name} ({source})"
                required = {
                    f.name[:-1] if f.name.endswith("_") else f.name
                    for f in dataclasses.fields(t)  # type: ignore[arg-type]
                    if f.default is f.default_factory and not f.name.startswith("_")
                } - ({"op"} if name in tagged else set())
                # `_OMIT_EMPTY`: lists the schema calls required that the engine omits when empty
                # (a schema defect worked around in the generator; see OMIT_EMPTY there).
                want = set(d.get("required", [])) - t._OMIT_EMPTY
                assert required == want, f"required of {name} ({source})"
                # The engine's key order, for byte-identical `to_json`.
                order = [k for k in t.json_keys() if k != "op" or name not in tagged]
                assert order == list(d["properties"]), f"order of {name} ({source})"
            elif is_enum(d):
                assert set(get_args(t)) == enum_values(d), f"{name} ({source})"
            else:  # a union (MatrixRef)
                assert t is not None, name


def response_schema(v: Any) -> str:
    if v.capability == "catalog":
        return "catalog-response"
    op = v.input["op"]
    if v.capability == "programme":
        if op == "wheel":
            return "wheel-ics" if v.input.get("format") == "ics" else "wheel-result"
        return {
            "deadlines": "incident-clock",
            "significant_incident": "significance-result",
            "plan": "plan-report",
            "governance": "governance-report",
            "suppliers": "supplier-report",
            "obligations": "obligations-result",
            "validate": "programme-validation",
        }[op]
    if v.capability == "assessment":
        return {
            "scales": "assessment-scales",
            "prerequisites": "assessment-prerequisites",
            "requirements": "assessment-requirements",
            "score": "assessment-evaluation",
            "infer": "assessment-inference",
            "plan": "assessment-plan",
            "report": "assessment-report",
        }[op]
    if op == "heatmap":
        return "risk-heatmap-svg" if v.input.get("format") == "svg" else "risk-heatmap"
    return {
        "presets": "risk-presets",
        "threats": "risk-threats",
        "validate_matrix": "risk-matrix-report",
        "validate_register": "risk-register-check",
        "assess": "risk-assessment",
        "reproject": "risk-reprojection",
        "csv": "risk-csv",
    }[op]


def without_omitted_lists(schema: dict[str, Any], module: Any) -> dict[str, Any]:
    """The schema with the lists the engine omits when empty (the classes' ``_OMIT_EMPTY``) no
    longer required: what the engine writes until the schema says so itself."""
    for name, d in schema.get("$defs", {}).items():
        t = getattr(module, name, None)
        omitted: frozenset[str] = getattr(t, "_OMIT_EMPTY", frozenset())
        if omitted and "required" in d:
            d["required"] = [k for k in d["required"] if k not in omitted]
    return schema


RUNS: dict[str, Any] = {
    "catalog": nis2.catalog,
    "risk": nis2.risk,
    "programme": nis2.programme,
    "assessment": nis2.assessment,
}


@pytest.mark.parametrize("capability", list(RUNS))
def test_request_and_response_documents_validate(capability: str) -> None:
    checked = 0
    request_schema = nis2.schema(f"{capability}-request")
    requests = jsonschema.validators.validator_for(request_schema)(request_schema)
    for v in load_vectors(capability):
        if v.error is not None:
            continue
        requests.validate(v.input)
        module = GENERATED[f"{capability}-request"]
        schema = without_omitted_lists(nis2.schema(response_schema(v)), module)
        cls = jsonschema.validators.validator_for(schema)
        cls(schema, format_checker=cls.FORMAT_CHECKER).validate(RUNS[capability](v.input).to_dict())
        checked += 1
    assert checked >= 20
