"""The CISO Assistant libraries read back as CISO Assistant reads them (``yaml.safe_load``) and
match our schema of the subset we emit, checked with an independent validator (jsonschema):
every framework, every mapping both with our framework URNs and with CISO Assistant's shipped
frameworks."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml  # type: ignore[import-untyped]

import nis2
from conftest import REPO as ROOT

SCHEMA = json.loads((ROOT / "schemas" / "ciso-assistant-library.schema.json").read_text("utf-8"))
URN = re.compile(
    r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:"
    r"([0-9A-Za-z\[\]\(\)\-\._:]+)$"
)
LISTED = nis2.frameworks()
FRAMEWORKS = [f.id for f in LISTED.frameworks]
MAPPINGS = [m.id for m in LISTED.mappings]


def _urns(v: Any) -> list[str]:
    out: list[str] = []
    if isinstance(v, dict):
        for k, x in v.items():
            if k.endswith("urn") and isinstance(x, str):
                out.append(x)
            if k == "dependencies":
                out.extend(x)
            out.extend(_urns(x))
    elif isinstance(v, list):
        for x in v:
            out.extend(_urns(x))
    return out


def _load(text: str) -> dict[str, Any]:
    doc = yaml.safe_load(text)
    assert isinstance(doc, dict)
    jsonschema.validate(doc, SCHEMA)
    for u in _urns(doc):
        assert URN.match(u), u
        assert u == u.lower(), u
    return doc


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_framework_library_loads(framework: str) -> None:
    assert "ciso_assistant" in next(f for f in LISTED.frameworks if f.id == framework).exports
    doc = _load(nis2.export(framework=framework, format="ciso_assistant"))
    nodes = doc["objects"]["framework"]["requirement_nodes"]
    shown = nis2.framework(framework)
    refs = [n["ref_id"] for n in nodes]
    assert len(set(refs)) == len(refs), "unique: CISO Assistant matches audit rows by ref_id"
    assert all(r.startswith(n.label) for r, n in zip(refs, shown.framework.nodes))
    # Numbers that look like numbers stay strings ("5", "1.10").
    assert all(isinstance(n["ref_id"], str) for n in nodes)
    assert doc["packager"] == "nis2" and doc["locale"] == "en" and "da" in doc["translations"]
    seen: set[str] = set()
    for n in nodes:
        assert n.get("parent_urn") is None or n["parent_urn"] in seen
        seen.add(n["urn"])


@pytest.mark.parametrize("mapping", MAPPINGS)
@pytest.mark.parametrize("shipped", [False, True])
def test_mapping_library_loads(mapping: str, shipped: bool) -> None:
    text = nis2.export(mapping=mapping, format="ciso_assistant", ciso_assistant_frameworks=shipped)
    doc = _load(text)
    forward, reverse = doc["objects"]["requirement_mapping_sets"]
    assert len(forward["requirement_mappings"]) == len(reverse["requirement_mappings"]) > 0
    assert forward["source_framework_urn"] == reverse["target_framework_urn"]
    flip = {"subset": "superset", "superset": "subset"}
    for f, r in zip(forward["requirement_mappings"], reverse["requirement_mappings"]):
        assert f["source_requirement_urn"] == r["target_requirement_urn"]
        assert r["relationship"] == flip.get(f["relationship"], f["relationship"])
    if shipped and mapping.endswith("iso27001-2022"):
        assert "urn:intuitem:risk:library:iso27001-2022" in doc["dependencies"]


def test_the_same_bytes_every_time() -> None:
    a = nis2.export(mapping="nis2--iso27001-2022", format="ciso_assistant")
    assert a == nis2.export(mapping="nis2--iso27001-2022", format="ciso_assistant")
