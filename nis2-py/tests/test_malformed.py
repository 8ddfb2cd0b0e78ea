"""The malformed-request vectors (``tests/vectors/malformed/*.json``, format ``malformed-vector``),
one named test per file (``test_malformed[scope-utf8-bom.json]``): the raw ``input_text`` sent
with ``nis2.call(capability, input_text)`` fails with a ``Nis2Error`` of the expected kind and
path (and, for ``multiple``, the problems' paths); its message says and leaves out what the
vector says and speaks JSON, not Rust. A vector with ``known_issue`` (the engine's answer is
known to be wrong) is skipped with its note. The Rust and WebAssembly suites run the same files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import nis2
from conftest import MALFORMED

FILES = sorted(MALFORMED.glob("*.json"))

# Words of Rust and serde, not of the request (as nis2-core/tests/malformed.rs checks them).
RUST_WORDS = re.compile(
    r"expected (enum|struct|unit|tuple|map|sequence|newtype)\b|variant identifier|field identifier"
    r"|\b(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)\b|\b(Option|Vec|String)<"
    r"|unit value|(invalid (type|value): |expected a )(map|sequence)\b"
)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def params() -> list[Any]:
    out = []
    for path in FILES:
        note = load(path).get("known_issue")
        marks = [pytest.mark.skip(reason=f"known issue: {note}")] if note else []
        out.append(pytest.param(path, id=path.name, marks=marks))
    return out


def test_inventory() -> None:
    """At least 150 vectors, every capability among them."""
    assert len(FILES) >= 150
    capabilities = {load(p)["capability"] for p in FILES}
    assert {"scope", "catalog", "risk", "programme", "assessment", "reference"} <= capabilities


def call(vector: dict[str, Any], detail: str) -> nis2.Nis2Error:
    with pytest.raises(nis2.Nis2Error) as info:
        nis2.call(vector["capability"], vector["input_text"], detail=detail)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize("path", params())
def test_malformed(path: Path) -> None:
    vector = load(path)
    want = vector["expected_error"]
    detail = vector.get("detail", "explained")
    error = call(vector, detail)
    report = error.report
    assert report["kind"] == want["kind"], report
    assert report.get("path") == want["path"], report
    assert error.kind == want["kind"] and error.path == want["path"]
    assert report.get("limit") == error.limit == want.get("limit"), report
    if "paths" in want:
        assert [e.get("path") for e in report.get("errors", [])] == want["paths"], report
    message = str(error)
    assert message == report["message"]
    for word in want.get("message_contains", []):
        assert word in message, message
    for word in want.get("message_excludes", []):
        assert word not in message, message
    assert not RUST_WORDS.search(message), message
    # The same again, and at the other level when the level is not the case.
    assert call(vector, detail).report == report
    if "detail" not in vector:
        assert call(vector, "verdict").report == report
