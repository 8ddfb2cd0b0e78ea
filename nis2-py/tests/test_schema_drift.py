"""The dataclasses and Literal aliases match the JSON Schemas the engine generates (and the
checked-in `schemas/*.json` when present), and engine output validates against its schema."""

from __future__ import annotations

import json
from typing import Any, get_args

import jsonschema
import pytest

import nis2
from nis2 import reference
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
        "Relationship": scope.Relationship,
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
