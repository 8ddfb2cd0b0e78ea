"""Input handling of `nis2.scope`: what is accepted, what is rejected, and the paths named."""

from __future__ import annotations

import collections
import decimal
import json
import math
import threading
import types
from typing import Any

import pytest

import nis2
from nis2 import _nis2


def base(**extra: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "member_state": "DK",
        "activities": [{"entity_type": "NIS2-II-05d-01"}],
        "size": {
            "staff_headcount": 40,
            "annual_turnover_eur": 12_000_000,
            "balance_sheet_total_eur": 12_000_000,
        },
    }
    profile.update(extra)
    return profile


def raises(profile: Any, cls: type[nis2.Nis2Error] = nis2.InvalidInputError) -> nis2.Nis2Error:
    with pytest.raises(cls) as info:
        nis2.scope(profile)
    return info.value


def test_a_valid_profile() -> None:
    r = nis2.scope(base())
    assert (r.in_scope, r.classification, r.size.class_) == ("yes", "important", "medium")
    assert r.member_state == "DK"
    assert r.trace and all(step.citation for step in r.trace)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_rejected_with_their_path(bad: float) -> None:
    p = base()
    p["size"]["staff_headcount"] = bad
    err = raises(p)
    assert err.path == "$.size.staff_headcount"
    assert "must be a finite number" in err.message
    assert err.report == {
        "kind": "invalid_input",
        "message": "invalid input at `$.size.staff_headcount`: must be a finite number",
        "path": "$.size.staff_headcount",
    }


def test_non_finite_numbers_in_lists_are_named_by_index() -> None:
    p = base()
    p["size"]["related_enterprises"] = [
        {"relationship": "linked", "staff_headcount": 1},
        {"relationship": "linked", "staff_headcount": math.nan},
    ]
    assert raises(p).path == "$.size.related_enterprises[1].staff_headcount"


def test_non_finite_numbers_in_typed_profiles() -> None:
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_dict(base(size={"annual_turnover_eur": math.inf}))
    assert info.value.path == "$.size.annual_turnover_eur"
    assert "must be a finite number" in info.value.message
    # Built directly (no from_dict): the engine still rejects it, with the same path.
    typed = nis2.Profile(
        activities=[nis2.Activity("NIS2-II-05d-01")], size=nis2.SizeInput(staff_headcount=math.nan)
    )
    assert raises(typed).path == "$.size.staff_headcount"


def test_nan_in_json_text_is_rejected() -> None:
    err = raises('{"activities": [], "size": {"staff_headcount": NaN}}')
    assert err.kind == "invalid_input"


@pytest.mark.parametrize(
    ("profile", "path"),
    [
        (base(colour="red"), "$.colour"),
        (base(activities=[{"entity_type": "NIS2-II-05d-01", "x": 1}]), "$.activities[0].x"),
        (base(size={"staff": 3}), "$.size.staff"),
        (base(designations={"critical_entity": True}), "$.designations.critical_entity"),
    ],
)
def test_unknown_fields_are_rejected(profile: dict[str, Any], path: str) -> None:
    for form in (profile, json.dumps(profile)):
        err = raises(form)
        assert err.path == path
        assert "unknown field" in err.message
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_dict(profile)
    assert info.value.path == path
    assert "unknown field" in info.value.message


@pytest.mark.parametrize(
    ("profile", "path"),
    [
        (base(activities="NIS2-II-05d-01"), "$.activities"),
        (base(activities=[{"entity_type": 5}]), "$.activities[0].entity_type"),
        (base(size={"staff_headcount": "40"}), "$.size.staff_headcount"),
        (base(size={"staff_headcount": True}), "$.size.staff_headcount"),
        (base(provides_services_in_union="yes"), "$.provides_services_in_union"),
        (base(designations={"member_state_identification": "maybe"}), "$.designations.member_state_identification"),
        (base(size={"related_enterprises": [{"relationship": "friend"}]}), "$.size.related_enterprises[0].relationship"),
        (base(size="large"), "$.size"),
    ],
)
def test_wrong_types_are_rejected(profile: dict[str, Any], path: str) -> None:
    assert raises(profile).path == path
    with pytest.raises(nis2.InvalidInputError) as info:
        nis2.Profile.from_dict(profile)
    assert info.value.path == path


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        ({1, 2}, "set"),
        ((1, 2), "tuple"),
        (decimal.Decimal("1.5"), "Decimal"),
        (object(), "object"),
        (b"bytes", "bytes"),
    ],
)
def test_unsupported_python_types_are_rejected(value: object, type_name: str) -> None:
    err = raises(base(name=value))
    assert err.path == "$.name"
    assert f"unsupported type `{type_name}`" in err.message


def test_non_string_keys_are_rejected() -> None:
    p: dict[Any, Any] = base()
    p["size"] = {1: 2}
    err = raises(p)
    assert err.path == "$.size"
    assert "keys must be strings" in err.message


def test_integers_beyond_64_bits() -> None:
    r = nis2.scope(base(size={"staff_headcount": 10**30}))  # a float, as serde parses it
    assert r.size.class_ == "large"
    assert raises(base(size={"staff_headcount": 10**400})).path == "$.size.staff_headcount"


def test_deep_nesting_is_rejected_not_a_crash() -> None:
    deep: list[Any] = []
    deep.append(deep)  # a cycle
    err = raises(base(name=deep))
    assert err.kind == "invalid_input" and "levels deep" in err.message


def test_lone_surrogates_are_rejected() -> None:
    err = raises(base(name="\udc80"))
    assert err.path == "$.name"


@pytest.mark.parametrize("empty", [{}, "{}", "", "   ", None])
def test_empty_documents(empty: Any) -> None:
    err = raises(empty)
    assert err.path == "$"
    assert err.kind == "invalid_input"
    if empty in ({}, "{}"):
        assert "missing field `activities`" in err.message


def test_no_activities_is_out_of_scope() -> None:
    r = nis2.scope({"activities": []})
    assert r.in_scope == "no"


@pytest.mark.parametrize("value", [42, "[]", [], "not json", '{"activities": []} trailing'])
def test_non_profiles(value: Any) -> None:
    assert raises(value).path == "$"


def test_mappings_that_are_not_dicts() -> None:
    expected = nis2.scope(base()).to_json()
    assert nis2.scope(types.MappingProxyType(base())).to_json() == expected
    assert nis2.scope(collections.OrderedDict(base())).to_json() == expected


def test_unknown_ids_carry_suggestions() -> None:
    err = raises(base(activities=[{"entity_type": "NIS2-II-05d-1"}]), nis2.UnknownIdError)
    assert err.path == "$.activities[0].entity_type"
    assert "NIS2-II-05d-01" in err.suggestions
    assert isinstance(err, LookupError)


def test_several_problems_are_reported_together() -> None:
    err = raises(base(member_state="XX", activities=[{"entity_type": "NIS2-II-05d-1"}]), nis2.MultipleErrors)
    assert err.path is None
    assert [e.path for e in err.errors] == ["$.member_state", "$.activities[0].entity_type"]
    assert all(isinstance(e, nis2.UnknownIdError) for e in err.errors)
    assert err.report["errors"] == [e.report for e in err.errors]


def test_native_module_directly() -> None:
    text = _nis2.scope_json(nis2.Profile.from_dict(base()).to_json())
    assert text == _nis2.scope_obj(base()) == nis2.scope(base()).to_json()
    with pytest.raises(_nis2.NativeError) as info:
        _nis2.scope_obj({})
    assert isinstance(info.value.args[0], str) and '"kind":"invalid_input"' in info.value.args[0]


def test_concurrent_calls_agree() -> None:
    """The engine runs without the GIL; results from threads are identical."""
    expected = nis2.scope(base()).to_json()
    out: list[str] = []

    def work() -> None:
        for _ in range(50):
            out.append(nis2.scope(base()).to_json())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 200 and set(out) == {expected}
