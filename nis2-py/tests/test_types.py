"""The typed layer: dataclasses, the exception hierarchy, the HTML view."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

import nis2
from nis2 import _convert, _nis2
from nis2.scope_types import OpenQuestion

EXAMPLE: dict[str, Any] = {
    "name": "Præcisionsmekanik A/S",
    "member_state": "DK",
    "activities": [{"entity_type": "NIS2-II-05d-01", "note": "CNC parts"}],
    "size": {
        "staff_headcount": 40,
        "annual_turnover_eur": 12_000_000,
        "balance_sheet_total_eur": 12_000_000.5,
        "related_enterprises": [
            {"relationship": "partner", "share_percent": 30, "staff_headcount": 10}
        ],
        "previous_periods": [{"period": "2024", "staff_headcount": 38}],
    },
    "designations": {"critical_entity_cer": False, "security_exemption": "none"},
}


def test_profile_round_trip() -> None:
    typed = nis2.Profile.from_dict(EXAMPLE)
    assert typed.to_dict() == EXAMPLE
    assert nis2.Profile.from_dict(typed.to_dict()) == typed
    assert nis2.Profile.from_json(typed.to_json()) == typed
    assert isinstance(typed.activities, tuple)
    assert typed.size is not None and typed.size.related_enterprises is not None
    assert typed.size.related_enterprises[0].relationship == "partner"
    hash(typed)  # frozen, and made of tuples: hashable


def test_profile_built_in_python() -> None:
    typed = nis2.Profile(
        name="Præcisionsmekanik A/S",
        member_state="DK",
        activities=[nis2.Activity("NIS2-II-05d-01", note="CNC parts")],
        size=nis2.SizeInput(
            staff_headcount=40,
            annual_turnover_eur=12_000_000,
            balance_sheet_total_eur=12_000_000.5,
            related_enterprises=[
                nis2.RelatedEnterprise("partner", share_percent=30, staff_headcount=10)
            ],
            previous_periods=[nis2.PeriodFigures(period="2024", staff_headcount=38)],
        ),
        designations=nis2.Designations(critical_entity_cer=False, security_exemption="none"),
    )
    assert typed == nis2.Profile.from_dict(EXAMPLE)
    assert nis2.scope(typed).to_json() == nis2.scope(EXAMPLE).to_json()
    with pytest.raises(dataclasses.FrozenInstanceError):
        typed.name = "x"  # type: ignore[misc]


def test_empty_related_enterprises_differs_from_absent() -> None:
    stated = nis2.SizeInput(staff_headcount=5, related_enterprises=[])
    assert stated.to_dict() == {"staff_headcount": 5, "related_enterprises": []}
    assert nis2.SizeInput(staff_headcount=5).to_dict() == {"staff_headcount": 5}


def test_from_dict_errors_name_the_path() -> None:
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_dict({"activities": [{}]})
    assert info.value.path == "$.activities[0]"
    assert "missing field `entity_type`" in info.value.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_dict([])
    assert info.value.path == "$"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_json("{")
    assert info.value.path == "$"


def test_result_is_typed_and_lossless() -> None:
    r = nis2.scope(EXAMPLE)
    data = json.loads(r.to_json())
    assert r.to_dict() == data
    assert r.to_dict() is not r.to_dict()  # a fresh copy each time
    assert r.name == EXAMPLE["name"]
    assert isinstance(r.summary, nis2.Text) and str(r.summary) == r.summary.en
    assert r.summary.get("da") == data["summary"]["da"]
    assert r.size.class_ == data["size"]["class"]
    assert [p.class_ for p in r.size.periods] == [p["class"] for p in data["size"]["periods"]]
    assert isinstance(r.size.periods[0].tests[0], nis2.CeilingTest)
    assert all(isinstance(s, nis2.TraceStep) for s in r.trace)
    assert all(isinstance(q, OpenQuestion) for q in r.open_questions)
    assert r.missing_facts == tuple(q for q in r.open_questions if q.kind == "missing_fact")
    # The typed objects written back field by field give the same document.
    assert nis2.ScopeResult.from_dict(data).to_dict() == data
    # Read back from JSON text, the text is kept byte for byte.
    again = nis2.ScopeResult.from_json(r.to_json())
    assert again == r and again.to_json() == r.to_json()
    assert "ScopeResult(in_scope=" in repr(r) and len(repr(r)) < 400


def test_result_from_dict_is_strict() -> None:
    data = nis2.scope(EXAMPLE).to_dict()
    data["trace"][0]["extra"] = 1
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.ScopeResult.from_dict(data)
    assert info.value.path == "$.trace[0].extra"


def test_open_questions_and_presumptions() -> None:
    r = nis2.scope({"activities": [{"entity_type": "NIS2-I-08-07"}]})  # TSP, nothing else known
    assert r.open_questions
    q = r.open_questions[0]
    assert q.field and q.citation and q.effects
    kinds = {q.kind for q in r.open_questions}
    assert kinds <= {"missing_fact", "presumption"}


def test_repr_html() -> None:
    r = nis2.scope(EXAMPLE | {"name": "<script>alert(1)</script> & Co"})
    page = r._repr_html_()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert f"In scope: <b>{r.in_scope}</b>" in page
    assert f"class: <b>{r.classification.replace('_', ' ')}</b>" in page
    for step in r.trace:
        assert step.rule in page and json_escape(step.citation) in page
    for q in r.open_questions:
        assert json_escape(q.question.en) in page
    assert r.summary.en in page
    da = r.to_html("da")
    assert json_escape(r.summary.da) in da


def json_escape(s: str) -> str:
    import html

    return html.escape(s)


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------


def test_error_hierarchy() -> None:
    assert issubclass(nis2.InvalidInputError, nis2.Nis2Error)
    assert issubclass(nis2.InvalidInputError, ValueError)
    assert issubclass(nis2.UnknownIdError, nis2.Nis2Error)
    assert issubclass(nis2.UnknownIdError, LookupError)
    assert not issubclass(nis2.UnknownIdError, KeyError)
    assert issubclass(nis2.MultipleErrors, nis2.Nis2Error)
    assert issubclass(nis2.MultipleErrors, ValueError)
    assert issubclass(nis2.DataError, nis2.Nis2Error)
    assert not issubclass(nis2.DataError, ValueError)
    assert issubclass(nis2.Nis2Error, Exception)


def test_error_attributes_and_pickle() -> None:
    with pytest.raises(nis2.Nis2Error) as info:
        nis2.scope({"activities": [{"entity_type": "NIS2-I-06-1"}]})
    err = info.value
    assert type(err) is nis2.UnknownIdError
    assert err.kind == "unknown_id" == err.report["kind"]
    assert err.path == "$.activities[0].entity_type" == err.report["path"]
    assert str(err) == err.message == err.report["message"]
    assert err.suggestions == err.report["suggestions"] and err.errors == []
    assert err.__cause__ is None and err.__suppress_context__  # the native error is hidden
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is nis2.UnknownIdError and copy.report == err.report
    assert "UnknownIdError(" in repr(err)


def test_caught_as_builtin_exceptions() -> None:
    with pytest.raises(ValueError):
        nis2.scope({})
    with pytest.raises(LookupError):
        nis2.schema("no-such-kind")


def test_error_from_report() -> None:
    report = {
        "kind": "multiple",
        "message": "2 problems",
        "errors": [
            {"kind": "invalid_input", "message": "a", "path": "$.a"},
            {"kind": "unknown_id", "message": "b", "path": "$.b", "suggestions": ["c"]},
        ],
    }
    err = nis2.error_from_report(report)
    assert isinstance(err, nis2.MultipleErrors)
    assert [type(e) for e in err.errors] == [nis2.InvalidInputError, nis2.UnknownIdError]
    assert err.errors[1].suggestions == ["c"] and err.report == report
    assert type(nis2.error_from_report({"kind": "data", "message": "m"})) is nis2.DataError
    odd = nis2.error_from_report({"kind": "something_new", "message": "m"})
    assert type(odd) is nis2.Nis2Error and odd.kind == "something_new"


def test_unreadable_native_error_becomes_data_error() -> None:
    def broken() -> str:
        raise _nis2.NativeError("not json")

    with pytest.raises(nis2.DataError) as info:
        _convert.call(broken)
    assert "not json" in info.value.message


def test_python_built_errors_have_reports() -> None:
    err = nis2.InvalidInputError("invalid input at `$.x`: no", path="$.x")
    assert err.kind == "invalid_input"
    assert err.report == {"kind": "invalid_input", "message": "invalid input at `$.x`: no", "path": "$.x"}
