"""Every failure is a typed ``nis2.Nis2Error`` with the engine's report: problems of the request,
of the Python objects given (lone surrogates, deep nesting, types JSON has not), of JSON text,
of the arguments, and of files."""

from __future__ import annotations

import json
import math
import pickle
from pathlib import Path
from typing import Any

import pytest

import nis2
from conftest import example

PROFILE = example("manufacturer-40-staff.json")


def raises(kind: type[nis2.Nis2Error], capability: Any, request: Any, **kw: Any) -> nis2.Nis2Error:
    with pytest.raises(kind) as info:
        nis2.call(capability, request, **kw)
    error = info.value
    assert type(error) is kind and isinstance(error, nis2.Nis2Error)
    assert error.report["kind"] == error.kind and error.report["message"] == str(error)
    return error


def test_classes_follow_the_kind() -> None:
    assert issubclass(nis2.InvalidInputError, ValueError)
    assert issubclass(nis2.UnknownIdError, LookupError)
    assert issubclass(nis2.MultipleErrors, ValueError)
    for kind, cls in nis2.errors._CLASSES.items():
        error = nis2.error_from_report({"kind": kind, "message": "m", "path": "$.a"})
        assert type(error) is cls and error.kind == kind and error.path == "$.a"
    unknown = nis2.error_from_report({"kind": "other"})
    assert type(unknown) is nis2.Nis2Error and unknown.message == "nis2 error (other)"


def test_unknown_operation_lists_suggestions_and_accepted() -> None:
    error = raises(nis2.UnknownIdError, "catalog", {"op": "mapp"})
    assert isinstance(error, nis2.UnknownIdError)
    assert error.path == "$.op" and error.suggestions[0] == "map"
    assert error.accepted == ["list", "show", "node", "map", "evidence", "coverage", "export"]
    assert raises(nis2.UnknownIdError, "scoop", {}).path == "capability"


def test_several_problems() -> None:
    error = raises(
        nis2.MultipleErrors,
        "catalog",
        {"op": "coverage", "target": "NIS2:21.2.d", "controls": ["ISO27001:X", "ISO27001:Y"]},
    )
    assert [e.path for e in error.errors] == ["$.controls[0]", "$.controls[1]"]
    assert all(type(e) is nis2.UnknownIdError for e in error.errors)


def test_errors_pickle() -> None:
    error = raises(nis2.UnknownIdError, "catalog", {"op": "mapp"})
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is nis2.UnknownIdError and again.report == error.report


def test_lone_surrogates() -> None:
    assert raises(nis2.InvalidInputError, "scope", {"name": "\ud800"}).path == "$.name"
    assert raises(nis2.InvalidInputError, "scope", {"\udc00": 1}).path == "$"
    assert raises(nis2.InvalidInputError, "scope", '{"name": "\ud800"}').path == "$"
    assert raises(nis2.InvalidInputError, "scope\ud800", {}).path == "capability"


def test_deep_nesting() -> None:
    deep: list[Any] = []
    inner = deep
    for _ in range(200):
        inner.append([])
        inner = inner[0]
    error = raises(nis2.LimitExceededError, "scope", {"name": deep})
    assert "more than 64 arrays and objects deep" in error.message and error.path is not None
    assert error.path.startswith("$.name[0][0]")
    assert error.kind == "limit_exceeded" and error.limit == {"name": "max_depth", "value": 64}
    loop: list[Any] = []
    loop.append(loop)
    # An object that contains itself is a cycle, as JavaScript reports it, not a limit.
    cycle = raises(nis2.InvalidInputError, "scope", {"name": loop})
    assert cycle.path == "$.name[0]" and "contains itself (a cycle)" in cycle.message
    outer: dict[str, Any] = {"a": [{"b": None}]}
    outer["a"][0]["b"] = outer["a"]
    assert raises(nis2.InvalidInputError, "scope", {"name": outer}).path == "$.name.a[0].b"
    text = raises(nis2.LimitExceededError, "scope", '{"name":' + "[" * 5000 + "]" * 5000 + "}")
    assert (text.path, text.limit) == (error.path, error.limit)


def test_json_text_that_is_not_json() -> None:
    for text in ["", "not json", "{", '{"name": "a",}', '{"a": 1} {}', "[]", '"x"']:
        raises(nis2.InvalidInputError, "scope", text)
    error = raises(nis2.InvalidInputError, "scope", '{"name": "a", "name": "b"}')
    assert error.path == "$.name"


@pytest.mark.parametrize(
    "value, message",
    [
        ({1, 2}, "unsupported type `set`"),
        (b"x", "unsupported type `bytes`"),
        (math.nan, "finite"),
        (math.inf, "finite"),
        (10**400, "out of range"),
        ({1: "a"}, "keys must be strings"),
    ],
)
def test_python_values_json_has_not(value: Any, message: str) -> None:
    error = raises(nis2.InvalidInputError, "scope", {"name": value})
    assert message in error.message and error.path in ("$.name", "$")


def test_tuples_are_arrays() -> None:
    request = {"op": "coverage", "target": "NIS2:21.2.d", "controls": ["ISO27001:A.5.19"]}
    want = nis2.call("catalog", request).to_json()
    assert nis2.call("catalog", {**request, "controls": ("ISO27001:A.5.19",)}).to_json() == want
    error = raises(nis2.InvalidInputError, "risk", {"op": "reproject", "ratings": 5})
    assert error.path is not None
    with pytest.raises(nis2.Nis2Error):
        nis2.reproject("iso27005-style-5x5", "iso27005-style-3x3", 5)  # type: ignore[arg-type]


def test_big_integers_read_as_json_reads_them() -> None:
    """An int beyond 64 bits is the nearest float, as the engine reads such a literal."""
    big = {"op": "show", "framework": "nis2", "x": 2**70}
    a = raises(nis2.InvalidInputError, "catalog", big)
    b = raises(nis2.InvalidInputError, "catalog", json.dumps(big))
    assert a.path == b.path == "$.x"


def test_arguments_of_the_wrong_type() -> None:
    assert raises(nis2.InvalidInputError, 1, {}).path == "capability"
    assert raises(nis2.InvalidInputError, "scope", PROFILE, detail=None).path == "detail"
    detail = raises(nis2.UnknownIdError, "scope", PROFILE, detail="full")
    assert detail.path == "detail" and detail.accepted == ["verdict", "explained"]
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.scope(PROFILE).render(format=3)  # type: ignore[arg-type]
    assert info.value.path == "format"
    with pytest.raises(nis2.UnknownIdError) as kind:
        nis2.schema("scope-profil")
    assert kind.value.suggestions[0] == "scope-profile"


def test_files_and_document_text(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.assess_risks(missing)
    assert info.value.path == "$.register" and "cannot read" in info.value.message
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    with pytest.raises(nis2.InvalidInputError) as dup:
        nis2.assess_risks(bad)
    # Read by the engine's parser, as a request is: the repeated key at its own path, and the
    # file named.
    assert dup.value.path == "$.register.a" and "duplicate key" in dup.value.message
    assert str(bad) in dup.value.message
    with pytest.raises(nis2.InvalidInputError):
        nis2.deadlines("{not json")


def test_the_native_error_never_escapes() -> None:
    try:
        nis2.call("catalog", {"op": "node", "id": "NIS2:nope"})
    except nis2._nis2.NativeError:  # pragma: no cover
        pytest.fail("a NativeError escaped")
    except nis2.UnknownIdError as e:
        assert e.path == "$.id"


def test_figures_at_the_ceilings_decide_alike_as_dict_and_text() -> None:
    """A Python int or float decides as its shortest text (``repr``) does through the engine's
    JSON reader, at and around every size ceiling (issue 13, hardening 1); a decimal written
    with more digits than a float holds is decided exactly only as JSON text."""
    ceilings = [10, 50, 250, 2_000_000, 10_000_000, 43_000_000, 50_000_000]
    for c in ceilings:
        for v in [c, float(c), math.nextafter(c, 0), math.nextafter(c, math.inf), -0.0]:
            for field in ["staff_headcount", "annual_turnover_eur", "balance_sheet_total_eur"]:
                profile = {"activities": [{"entity_type": "NIS2-I-06-01"}], "size": {field: v}}
                by_dict = nis2.call("scope", profile, detail="verdict").to_json()
                by_text = nis2.call("scope", json.dumps(profile), detail="verdict").to_json()
                assert by_dict == by_text, (field, v)
    text = '{"activities":[{"entity_type":"NIS2-I-06-01"}],"size":{"staff_headcount":60,'
    text += '"balance_sheet_total_eur":60000000,'
    exact = nis2.call(
        "scope", text + '"annual_turnover_eur":50000000.0000000001}}', detail="verdict"
    )
    assert exact.to_dict()["size_class"] == "large"
    as_float = json.loads(text + '"annual_turnover_eur":50000000.0000000001}}')
    rounded = nis2.call("scope", as_float)
    assert rounded.to_dict()["size"]["class"] != "large"  # Python's float is already 50 m
