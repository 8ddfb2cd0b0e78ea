"""What the request APIs (`risk`, `programme`, `assessment`) share: reading a document argument
(typed, a mapping, JSON text or a file) as the plain JSON value the engine reads, and writing a
request back as compact JSON for a result's later views."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, Optional

from ._convert import Record
from .errors import invalid_input


def parse_json(text: str, field: str, where: str = "") -> Any:
    """JSON text as a value; bad JSON is an `invalid_input` error at `field`."""
    try:
        return json.loads(text)
    except ValueError as e:
        raise invalid_input(field, f"is not valid JSON{where}: {e}") from None


def read_json_file(path: os.PathLike[str], field: str) -> Any:
    """A JSON file's value; an unreadable file or bad JSON is an error at `field`."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise invalid_input(field, f"cannot read `{os.fspath(path)}`: {e.strerror or e}") from None
    return parse_json(text, field, f" (in `{os.fspath(path)}`)")


def plain_document(value: Any) -> Any:
    """A typed document or a mapping as a dict; anything else unchanged."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Mapping) and not isinstance(value, dict):
        return dict(value)
    return value


def document(value: Any, field: str) -> Any:
    """A document argument as the plain JSON value the engine reads: a typed document or a
    mapping as a dict, JSON text parsed, a path's file read; anything else unchanged (the
    engine names the problem)."""
    if isinstance(value, str):
        return parse_json(value, field)
    if isinstance(value, os.PathLike):
        return read_json_file(value, field)
    return plain_document(value)


def compact_json(value: Any) -> Optional[str]:
    """`value` as compact JSON text, or None when Python cannot write it as JSON (the engine
    accepted it: the view that needs it is then not offered)."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None
