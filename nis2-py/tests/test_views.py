"""The typed views (``nis2.Record`` and the generated ``nis2.model``): lazy, read-only, typed by
the op tables, the engine's document unchanged."""

from __future__ import annotations

import copy
import json
import pickle
import typing
from collections.abc import Mapping
from typing import Any

import pytest

import nis2
from conftest import example

PROFILE = example("manufacturer-40-staff.json")


def test_a_response_is_typed_by_its_op() -> None:
    result = nis2.scope(PROFILE)
    assert type(result) is nis2.ScopeResult
    assert type(nis2.scope(PROFILE, detail="verdict")) is nis2.ScopeVerdict
    assert type(nis2.call("catalog", {"op": "list"})) is nis2.ListResponse
    assert type(nis2.call("catalog", {"op": "list"}, detail="verdict")) is nis2.ListResponseVerdict


def test_the_op_tables_cover_the_registry() -> None:
    ids = [op.id for cap in nis2.ops().capabilities for op in cap.ops]
    assert list(nis2.EXPLAINED) == ids and list(nis2.VERDICT) == ids
    kinds = {
        op.id: (op.response_kind, op.verdict_kind) for c in nis2.ops().capabilities for op in c.ops
    }
    for op, (explained, verdict) in kinds.items():
        assert nis2.EXPLAINED[op].__name__ == nis2.schema(explained)["title"]
        assert nis2.VERDICT[op].__name__ == nis2.schema(verdict)["title"]


def test_fields_read_the_document() -> None:
    result = nis2.scope(PROFILE)
    data = result.to_dict()
    assert result.op == "scope" and result.in_scope == data["in_scope"] == "yes"
    assert result.classification == "important"
    assert type(result.summary) is nis2.Text and result.summary.en == data["summary"]["en"]
    assert type(result.size) is nis2.SizeResult
    assert result.size.class_ == data["size"]["class"]  # a keyword field, renamed
    assert isinstance(result.activities, tuple)
    assert type(result.activities[0]) is nis2.ActivityResult
    assert result.activities[0].entity_type == "NIS2-II-05d-01"
    assert result.size.possible_classes == tuple(data["size"]["possible_classes"])
    assert result.activities[0].to_dict() == data["activities"][0]


def test_a_view_is_lazy_and_cached() -> None:
    result = nis2.scope(PROFILE)
    assert "_data" not in vars(result)  # nothing converted yet
    first = result.size
    # Only the member read is converted (not the whole document), and kept.
    assert "_data" not in vars(result) and result.size is first
    assert result.to_dict()["size"]["class"] == first.class_


def test_a_view_is_read_only() -> None:
    result = nis2.scope(PROFILE)
    with pytest.raises(AttributeError, match="read-only"):
        result.in_scope = "no"  # a view is read-only at run time
    with pytest.raises(AttributeError, match="no field"):
        getattr(result, "in_scop")
    data = result.to_dict()
    data["in_scope"] = "no"
    assert result.in_scope == "yes" and result.to_dict()["in_scope"] == "yes"
    labels = nis2.labels().labels
    with pytest.raises(TypeError):
        labels["x"] = labels["value.no"]  # type: ignore[index]


def test_absent_fields() -> None:
    """An absent optional field is None, an absent list empty; nothing is checked."""
    profile = nis2.Profile({"activities": [{"entity_type": "NIS2-I-06-01"}]})
    assert profile.name is None and profile.size is None
    assert len(profile.activities) == 1 and profile.size is None
    assert nis2.Profile({}).activities == ()
    odd = nis2.ScopeResult({"in_scope": 3})
    assert getattr(odd, "in_scope") == 3  # a view reads what is there


def test_free_form_values_are_copies() -> None:
    hints = typing.get_type_hints(nis2.AnswerEffect)
    assert hints["value"] is Any
    raw = {"answer": "yes", "value": {"a": [1]}}
    effect = nis2.AnswerEffect(raw)
    effect.value["a"].append(2)
    assert raw["value"] == {"a": [1]}


def test_to_json_is_the_engines_bytes() -> None:
    result = nis2.scope(PROFILE)
    native = nis2._nis2.call("scope", PROFILE)
    assert result.to_json() == native.to_json()
    stored = nis2.ScopeResult(json.loads(result.to_json()))
    assert stored.to_json() == result.to_json() and stored == result


def test_views_of_stored_documents() -> None:
    doc = nis2.scope(PROFILE).to_dict()
    loaded = nis2.load(doc)
    assert type(loaded) is nis2.ScopeResult and loaded.to_dict() == doc
    assert type(nis2.load(json.dumps(doc))) is nis2.ScopeResult
    verdict = nis2.scope(PROFILE, detail="verdict").to_dict()
    assert type(nis2.load(verdict)) is nis2.ScopeVerdict
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.load({"op": "nope"})
    assert info.value.path == "$.op" and "scope" in info.value.accepted
    with pytest.raises(nis2.InvalidInputError):
        nis2.load("{")


def test_equality_pickle_repr_dir() -> None:
    result = nis2.scope(PROFILE)
    again = pickle.loads(pickle.dumps(result))
    assert again == result and type(again) is nis2.ScopeResult
    assert again.to_dict() == result.to_dict()
    assert result != nis2.ScopeVerdict(result.to_dict())
    assert repr(result).startswith("ScopeResult(op='scope'")
    assert {"in_scope", "classification", "to_json"} <= set(dir(result))
    with pytest.raises(TypeError):
        hash(result)


def test_to_dict_of_a_part_is_a_copy() -> None:
    result = nis2.scope(PROFILE)
    part = result.size.to_dict()
    part["class"] = "x"
    assert result.size.class_ == "medium"
    assert copy.deepcopy(result.size) == result.size


def test_maps() -> None:
    labels = nis2.labels()
    assert isinstance(labels.labels, Mapping)
    key, text = next(iter(labels.labels.items()))
    assert type(text) is nis2.Text and text.en and text.da


def test_request_views_and_mappings_are_accepted() -> None:
    from types import MappingProxyType

    want = nis2.scope(PROFILE).to_json()
    assert nis2.scope(nis2.Profile(PROFILE)).to_json() == want
    assert nis2.scope(MappingProxyType(PROFILE)).to_json() == want
    assert nis2.scope(json.dumps(PROFILE)).to_json() == want


def test_every_model_class_resolves_its_annotations() -> None:
    """Every annotation of the generated classes evaluates (on the oldest Python too)."""
    for name in nis2.model.__all__:
        value = getattr(nis2.model, name)
        if isinstance(value, type) and issubclass(value, nis2.Record):
            assert nis2._record._readers(value) is not None


def test_calls_from_threads() -> None:
    """The engine runs without the GIL: calls from several threads give the same bytes."""
    from concurrent.futures import ThreadPoolExecutor

    want = nis2.scope(PROFILE).to_json()
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: nis2.scope(PROFILE).to_json(), range(200)))
    assert got == [want] * 200
