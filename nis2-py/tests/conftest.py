"""Shared helpers of the nis2 Python tests: the repository layout, the conformance vectors and
the CLI used as the byte reference."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = Path(os.environ.get("NIS2_VECTORS") or REPO / "tests" / "vectors")
SCHEMAS = REPO / "schemas"
EXAMPLES = REPO / "examples"


@dataclass(frozen=True)
class Vector:
    """One conformance vector file (``tests/vectors/<capability>/*.json``; its format is the
    ``vector`` JSON Schema)."""

    capability: str
    path: Path
    data: dict[str, Any]

    @property
    def id(self) -> str:
        """``scope/001-annex1-large-water-essential.json``: the test's id."""
        return f"{self.capability}/{self.path.name}"

    @property
    def input(self) -> Any:
        return self.data["input"]

    @property
    def expected(self) -> Optional[dict[str, Any]]:
        e = self.data.get("expected")
        return e if isinstance(e, dict) else None

    @property
    def expected_error(self) -> Optional[dict[str, Any]]:
        e = self.data.get("expected_error")
        return e if isinstance(e, dict) else None

    def input_json(self) -> str:
        """The input as JSON text: `input_text` when the vector has it (digits a double cannot
        hold), else the input as compact JSON text (key order kept)."""
        return self.data.get("input_text") or canonical(self.input)


MALFORMED = VECTORS / "malformed"
"""The malformed-request vectors (``tests/vectors/malformed/*.json``, format
``malformed-vector``): raw request text and the error it must give (``test_malformed.py``)."""


def load_vectors() -> list[Vector]:
    """Every conformance vector, capability by capability, in file order (the malformed-request
    vectors, of another format, are not among them)."""
    out = []
    for directory in sorted(p for p in VECTORS.iterdir() if p.is_dir() and p != MALFORMED):
        for path in sorted(directory.glob("*.json")):
            out.append(Vector(directory.name, path, json.loads(path.read_text(encoding="utf-8"))))
    return out


def canonical(document: Any) -> str:
    """A JSON document as the engine writes it (compact, keys in order, UTF-8 unescaped)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


CLI = Path(os.environ.get("NIS2_CLI") or REPO / "target" / "debug" / "nis2")

needs_cli = pytest.mark.skipif(
    not (CLI.is_file() and os.access(CLI, os.X_OK)),
    reason=f"CLI binary {CLI} not found (build it with `cargo build -p nis2-cli`, or set NIS2_CLI)",
)
"""Skips a test when the CLI binary is absent, saying so."""


def cli(args: list[str], stdin: str) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI with ``stdin`` as its standard input."""
    return subprocess.run(
        [str(CLI), *args], input=stdin.encode("utf-8"), capture_output=True, timeout=60, check=False
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """After a timed run, the scope figures against their targets and the comparator."""
    bench = sys.modules.get("test_bench")
    for line in getattr(bench, "summary", lambda: [])():
        terminalreporter.write_line(line)
