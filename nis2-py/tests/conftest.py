"""Shared helpers for the nis2 Python tests: the repository layout and the conformance vectors."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

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
