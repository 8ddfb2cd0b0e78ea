"""Reading the arguments of the conveniences into a request: a document given as a typed view,
a mapping, JSON text or the path of a JSON file becomes the plain JSON value the engine reads;
a date becomes ``YYYY-MM-DD``. Anything else is passed on unchanged, and the engine names the
problem with its path."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from typing import Any, Union

from . import _nis2
from ._record import Record
from .errors import error_from_report, from_native, invalid_input

__all__ = ["DateInput", "DocumentInput", "date", "document", "parse_json", "plain"]

DocumentInput = Union[Record, Mapping[str, Any], str, os.PathLike[str]]
"""A document argument: a typed view, a dict shaped as its JSON Schema, its JSON text, or the
path of a JSON file."""

DateInput = Union[str, datetime.date]
"""A date: ``YYYY-MM-DD`` text or a :class:`datetime.date`."""


def parse_json(text: str, path: str, where: str = "") -> Any:
    """JSON text as a value, read by the engine's own parser, as a request is (no repeated keys,
    the limits of ``docs/limits.md``, positions as JSON paths under ``path``, figures exact at
    the size ceilings); a problem is a :class:`Nis2Error` (``where`` names the file it came
    from)."""
    try:
        return _nis2.parse_document(text, path)
    except _nis2.NativeError as e:
        error = from_native(e)
        if where:
            error = error_from_report({**error.report, "message": error.message + where})
        raise error from None


def plain(value: Any) -> Any:
    """A typed view or a mapping as its dict; a date as ``YYYY-MM-DD``; a list of them as a
    list; anything else unchanged."""
    if isinstance(value, Record):
        return value._data
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, datetime.date):
        return date(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def document(value: DocumentInput, path: str) -> Any:
    """A document argument as the JSON value the engine reads (``path`` names it in errors)."""
    if isinstance(value, str):
        return parse_json(value, path)
    if isinstance(value, os.PathLike):
        name = os.fspath(value)
        try:
            with open(name, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise invalid_input(path, f"cannot read `{name}`: {e}") from None
        return parse_json(text, path, f" (in `{name}`)")
    return plain(value)


def date(value: DateInput) -> Any:
    """A date as ``YYYY-MM-DD`` (a :class:`datetime.datetime` as its date)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
