"""Every conformance vector (``tests/vectors/<capability>/*.json``), one named test per file and
check (``test_vector[scope/001-annex1-large-water-essential.json]``), through the one call path:

- the request as JSON text and as a dict gives the exact bytes of ``expected`` (``to_json()``), or
  the error report of ``expected_error``, typed as the op tables say;
- the verdict agrees with the explained result (the explained document without its prose; for
  ``scope``, its own shape, field by field), and fails as the explained call fails;
- the CLI of the same checkout (``NIS2_CLI``) gives the same bytes for ``nis2 call CAP -``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import nis2
from conftest import Vector, canonical, cli, load_vectors, needs_cli

VECTORS = load_vectors()
IDS = [v.id for v in VECTORS]
CAPABILITIES = {"scope", "screen", "catalog", "risk", "programme", "assessment", "reference"}


def test_inventory() -> None:
    """Vectors of every capability exist, each with `expected` or `expected_error`."""
    assert {v.capability for v in VECTORS} == CAPABILITIES
    assert all((v.expected is None) != (v.expected_error is None) for v in VECTORS)


def run(vector: Vector, request: Any, detail: nis2.Detail = "explained") -> nis2.Record:
    return nis2.call(vector.capability, request, detail=detail)


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_vector(vector: Vector) -> None:
    for request in (vector.input_json(), vector.input):
        if vector.expected_error is not None:
            with pytest.raises(nis2.Nis2Error) as info:
                run(vector, request)
            assert info.value.report == vector.expected_error
            assert info.value.kind == vector.expected_error["kind"]
            assert type(info.value) is nis2.errors._CLASSES[info.value.kind]
            continue
        expected = vector.expected
        assert expected is not None
        result = run(vector, request)
        assert result.to_json() == canonical(expected)
        assert type(result) is nis2.EXPLAINED[expected["op"]]
        assert result.to_dict() == expected
    if vector.capability == "scope" and vector.expected is not None:
        check_scope_asserts(vector)


def check_scope_asserts(vector: Vector) -> None:
    """The vector's hand-written checks, read through the typed view."""
    result = nis2.scope(vector.input)
    checks = vector.data["assert"]
    if "in_scope" in checks:
        assert result.in_scope == checks["in_scope"]
    if "classification" in checks:
        assert result.classification == checks["classification"]
    if "size_class" in checks:
        assert result.size.class_ == checks["size_class"]
    for qid in checks.get("open_question_ids", []):
        assert qid in [q.id for q in result.open_questions]


def strip(value: Any) -> Any:
    """A document without its bilingual texts (``{"en", "da"}`` members), at any depth."""
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if not is_text(v)}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def is_text(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"en", "da"}
        and all(isinstance(v, str) for v in value.values())
    )


def scope_verdict_of(e: dict[str, Any]) -> dict[str, Any]:
    """What the scope verdict must say, read from the explained result."""
    return {
        "in_scope": e["in_scope"],
        "classification": e["classification"],
        "size_class": e["size"]["class"],
        "possible_size_classes": e["size"]["possible_classes"],
        "supervision": e["supervision"]["regime"],
        "activities": [
            {k: a[k] for k in ("entity_type", "in_scope", "classification")}
            for a in e["activities"]
        ],
        "reasons": [
            {
                "rule": s["rule"],
                "citation": s["citation"],
                **({"entity_type": s["entity_type"]} if "entity_type" in s else {}),
                "outcome": s["outcome"],
            }
            for s in e["trace"]
            if s["outcome"] not in ("does_not_apply", "note")
        ],
        "open_questions": [{k: q[k] for k in ("id", "kind", "field")} for q in e["open_questions"]],
    }


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_verdict(vector: Vector) -> None:
    if vector.expected_error is not None:
        with pytest.raises(nis2.Nis2Error) as info:
            run(vector, vector.input, "verdict")
        assert info.value.report == vector.expected_error
        return
    explained = vector.expected
    assert explained is not None
    verdict = run(vector, vector.input_json(), "verdict")
    assert type(verdict) is nis2.VERDICT[explained["op"]]
    got = verdict.to_dict()
    assert json.loads(verdict.to_json()) == got
    assert got.pop("op") == explained["op"] and got.pop("detail") == "verdict"
    if vector.capability == "scope":
        assert {k: got[k] for k in scope_verdict_of(explained)} == scope_verdict_of(explained)
    elif vector.capability == "screen":
        assert got["summary"] == explained["summary"]
        assert len(explained["rows"]) == len(got["rows"])
        for e, v in zip(explained["rows"], got["rows"]):
            assert {k: e.get(k) for k in ("index", "id", "error")} == {
                k: v.get(k) for k in ("index", "id", "error")
            }
            if "result" in e:
                want = scope_verdict_of(e["result"])
                assert {k: v["verdict"][k] for k in want} == want
    else:
        want = strip(explained)
        del want["op"]
        if explained["op"] == "assessment.questionnaire_import":
            del want["assessment"]  # its verdict is the accounting without the document
        assert got == want


@needs_cli
@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_cli_bytes(vector: Vector) -> None:
    """`nis2 call CAPABILITY -` prints the same bytes (or fails with the same report)."""
    done = cli(["call", vector.capability, "-"], vector.input_json())
    report = vector.expected_error
    if report is None:
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert done.stdout.decode("utf-8") == run(vector, vector.input).to_json() + "\n"
        return
    with pytest.raises(nis2.Nis2Error) as info:
        run(vector, vector.input)
    subs = "".join(f"\n  - {e.message}" for e in info.value.errors)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == f"error ({report['kind']}): {report['message']}{subs}\n"
