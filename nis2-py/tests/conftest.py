"""Shared helpers for the nis2 Python tests: the repository layout and the conformance vectors."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any, Callable, Optional

import pytest

import nis2

REPO = Path(__file__).resolve().parents[2]
VECTORS = Path(os.environ.get("NIS2_VECTORS") or REPO / "tests" / "vectors")
SCHEMAS = REPO / "schemas"


@dataclass(frozen=True)
class Vector:
    """One conformance vector file (`tests/vectors/<capability>/*.json`)."""

    capability: str
    path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def input(self) -> Any:
        return self.data["input"]

    @property
    def asserts(self) -> dict[str, Any]:
        a = self.data.get("assert")
        return a if isinstance(a, dict) else {}

    @property
    def error(self) -> Optional[dict[str, Any]]:
        e = self.asserts.get("error")
        return e if isinstance(e, dict) else None

    @property
    def expected(self) -> Optional[dict[str, Any]]:
        e = self.data.get("expected")
        return e if isinstance(e, dict) else None

    @property
    def expected_error(self) -> Optional[dict[str, Any]]:
        e = self.data.get("expected_error")
        return e if isinstance(e, dict) else None

    def input_json(self) -> str:
        """The input as the engine's own tests serialise it (compact, key order kept)."""
        return json.dumps(self.input, ensure_ascii=False, separators=(",", ":"))


def load_vectors(capability: str) -> list[Vector]:
    directory = VECTORS / capability
    if not directory.is_dir():
        return []
    return [
        Vector(capability, p, json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(directory.glob("*.json"))
    ]


def cli_path() -> Path:
    """The CLI used for the byte-identity checks (`NIS2_CLI`, default target/debug/nis2)."""
    return Path(os.environ.get("NIS2_CLI") or REPO / "target" / "debug" / "nis2")


CLI = cli_path()

needs_cli = pytest.mark.skipif(
    not (CLI.is_file() and os.access(CLI, os.X_OK)),
    reason=f"CLI binary {CLI} not found (build it with `cargo build -p nis2-cli`, or set NIS2_CLI)",
)
"""Skips a test when the CLI binary is absent, saying so."""


def cli_stdout(args: list[str]) -> str:
    """The CLI's standard output for ``args`` (it must succeed), without the final newline."""
    run = subprocess.run([str(CLI), *args], capture_output=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")
    return out[:-1] if out.endswith("\n") else out


def cli_stdin_stdout(args: list[str], stdin: str) -> str:
    """The CLI's standard output for ``args`` with ``stdin`` as its input (it must succeed),
    without the final newline."""
    run = subprocess.run(
        [str(CLI), *args], input=stdin.encode("utf-8"), capture_output=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")
    return out[:-1] if out.endswith("\n") else out


def canonical(document: Any) -> str:
    """A JSON document as the engine writes it (compact, keys in order, UTF-8 unescaped)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def ids(vectors: list[Vector]) -> list[str]:
    return [v.name for v in vectors]


_AT_LINE = re.compile(r" at line \d+ column \d+")


def without_position(report: Any) -> Any:
    """An error report without serde's ` at line L column C` (which only JSON text has)."""
    if isinstance(report, dict):
        return {k: without_position(v) for k, v in report.items()}
    if isinstance(report, list):
        return [without_position(v) for v in report]
    if isinstance(report, str):
        return _AT_LINE.sub("", report)
    return report


EXCEPTION_CLASS: dict[str, type[nis2.Nis2Error]] = {
    "invalid_input": nis2.InvalidInputError,
    "unknown_id": nis2.UnknownIdError,
    "multiple": nis2.MultipleErrors,
    "data": nis2.DataError,
}


def pointer(doc: Any, ptr: str) -> Any:
    """The value at a JSON Pointer (RFC 6901); KeyError/IndexError when absent."""
    if ptr == "":
        return doc
    for raw in ptr.lstrip("/").split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def error_paths(report: dict[str, Any]) -> set[str]:
    """The paths an error report names: its own, and those of its individual errors."""
    out = {report["path"]} if isinstance(report.get("path"), str) else set()
    for sub in report.get("errors") or []:
        out |= error_paths(sub)
    return out


def vector_cases(
    vectors: list[Vector], modes: Iterable[str], typed: Callable[[Any], Optional[Any]]
) -> list[Any]:
    """(vector, mode) for each mode that can express the vector's request: `typed` only where
    `typed(request)` gives the convenience call."""
    return [
        pytest.param(v, mode, id=f"{v.name}-{mode}")
        for v in vectors
        for mode in modes
        if mode != "typed" or typed(v.input) is not None
    ]


def check_error_vector(
    vector: Vector, mode: str, err: nis2.Nis2Error, typed_layer: Optional[nis2.Nis2Error]
) -> None:
    """An error vector's error as raised through `mode`: its `assert.error` (`kind`, `path`,
    `paths` in order), `assert.errors` (problems a `multiple` error lists), the exception class,
    and the engine's report (`expected_error`; exact for JSON text, without the text positions
    otherwise). `typed_layer`: what the typed inputs raised when built, if anything (they read
    shapes and types only and stop at the first problem, one the engine names too)."""
    want = vector.error
    expected = vector.expected_error
    assert want is not None and expected is not None
    if mode == "typed" and typed_layer is not None:
        assert isinstance(err, nis2.InvalidInputError), err.report
        assert err.path in error_paths(expected), (err.report, expected)
        return
    assert err.kind == want["kind"], err.report
    if "path" in want:
        assert err.path == want["path"], err.report
    if "paths" in want:
        got = [e.path for e in err.errors] if err.kind == "multiple" else [err.path]
        assert got == want["paths"], err.report
    assert isinstance(err, EXCEPTION_CLASS[want["kind"]])
    listed = [(e.kind, e.path) for e in err.errors]
    if vector.asserts.get("errors"):
        assert isinstance(err, nis2.MultipleErrors), err.report
    for sub in vector.asserts.get("errors", []):
        assert (sub["kind"], sub.get("path")) in listed, (sub, listed)
    assert err.report["kind"] == err.kind and err.report["message"] == str(err)
    if mode == "json":
        assert err.report == expected
    else:
        assert without_position(err.report) == without_position(expected)
