"""Reference data and metadata: entity types, Member States, schemas, version, the stub."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import nis2
from nis2 import _convert, _nis2
from conftest import REPO


def test_entity_types_are_typed_and_lossless() -> None:
    raw = json.loads(_nis2.entity_types_json())
    types = nis2.entity_types()
    assert len(types) == len(raw["entity_types"]) > 50
    assert [t.to_dict() for t in types] == raw["entity_types"]
    catalog = nis2.entity_type_catalog()
    assert catalog.to_dict() == raw
    water = catalog.get("NIS2-I-06-01")
    assert water is not None and water.annex == "I" and water.label.en
    assert catalog.get("nope") is None
    ids = [t.id for t in types]
    assert len(ids) == len(set(ids))
    # The trusted builder (used for engine output) agrees with the strict reader.
    assert _convert.build(nis2.EntityTypeCatalog, raw) == catalog


def test_member_states() -> None:
    data = nis2.member_states()
    assert isinstance(data, dict) and data


@pytest.mark.parametrize("kind", _nis2.schema_kinds())
def test_schemas(kind: str) -> None:
    s = nis2.schema(kind)
    assert s["$id"].endswith(f"{kind}.schema.json")
    f = REPO / "schemas" / f"{kind}.schema.json"
    if f.exists():
        assert json.loads(f.read_text(encoding="utf-8")) == s


def test_unknown_schema_kind() -> None:
    with pytest.raises(nis2.UnknownIdError) as info:
        nis2.schema("scope-resul")
    assert "scope-result" in info.value.suggestions


def test_version() -> None:
    assert nis2.__version__ == _nis2.version()
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    m = re.search(r'^\[workspace\.package\][^\[]*?^version\s*=\s*"([^"]+)"', cargo, re.M | re.S)
    assert m is not None and m.group(1) == nis2.__version__


def test_stub_declares_what_the_module_exports() -> None:
    stub = Path(nis2.__file__).with_name("_nis2.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    declared = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    assert sorted(declared) == sorted(_nis2.__all__)


def test_package_exports() -> None:
    for name in nis2.__all__:
        assert hasattr(nis2, name), name
    assert (Path(nis2.__file__).parent / "py.typed").exists()
