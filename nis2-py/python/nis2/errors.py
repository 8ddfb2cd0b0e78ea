"""The exceptions of the ``nis2`` package.

Every failure is a :class:`Nis2Error` carrying the engine's structured error report (the same
JSON document the CLI and the WebAssembly package give): a ``kind``, a human-readable
``message``, the JSON ``path`` of the field concerned (``$.activities[0].entity_type``), for an
unknown identifier the nearest ``suggestions`` (and, for a short closed list such as the
operations, every ``accepted`` value) and, for several problems at once, the individual
``errors``.

The subclass says what went wrong and also derives from the matching built-in exception, so
``except ValueError`` keeps working for callers that know nothing of ``nis2``:

===========================  ==================  ====================================
class                        ``kind``            also a
===========================  ==================  ====================================
:class:`InvalidInputError`   ``invalid_input``   :class:`ValueError`
:class:`LimitExceededError`  ``limit_exceeded``  :class:`InvalidInputError`
:class:`UnknownIdError`      ``unknown_id``      :class:`LookupError`
:class:`MultipleErrors`      ``multiple``        :class:`ValueError`
:class:`DataError`           ``data``            (an engine defect: please report it)
===========================  ==================  ====================================
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any, Callable, ClassVar, Optional, TypeVar

from . import _nis2

__all__ = [
    "DataError",
    "InvalidInputError",
    "LimitExceededError",
    "MultipleErrors",
    "Nis2Error",
    "UnknownIdError",
    "error_from_report",
]

T = TypeVar("T")


class Nis2Error(Exception):
    """An error reported by the nis2 engine.

    Attributes:
        kind: ``invalid_input``, ``unknown_id``, ``limit_exceeded``, ``multiple`` or ``data``.
        message: The human-readable message (also ``str(error)``).
        path: The JSON path of the field concerned (``$`` is the document), where one applies.
        suggestions: The nearest valid identifiers, for ``unknown_id``.
        accepted: Every accepted value, for ``unknown_id`` on a short closed list (operations,
            detail levels, formats, languages).
        errors: The individual problems, for ``multiple``.
        limit: For ``limit_exceeded``, the limit: ``{"name": "max_depth", "value": 64}``.
        report: The engine's error report as a dict (see the ``error`` JSON Schema).
    """

    KIND: ClassVar[str] = "data"

    kind: str
    message: str
    path: Optional[str]
    suggestions: list[str]
    accepted: list[str]
    errors: list[Nis2Error]
    limit: Optional[dict[str, Any]]
    report: dict[str, Any]

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.report = copy.deepcopy(dict(report))
        kind, message, path = report.get("kind"), report.get("message"), report.get("path")
        self.kind = kind if isinstance(kind, str) else self.KIND
        self.message = message if isinstance(message, str) else f"nis2 error ({self.kind})"
        self.path = path if isinstance(path, str) else None
        self.suggestions = _strings(report.get("suggestions"))
        self.accepted = _strings(report.get("accepted"))
        sub = report.get("errors")
        self.errors = [error_from_report(e) for e in sub or () if isinstance(e, Mapping)]
        self.limit = dict(report["limit"]) if isinstance(report.get("limit"), Mapping) else None
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, kind={self.kind!r}, path={self.path!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (error_from_report, (self.report,))


class InvalidInputError(Nis2Error, ValueError):
    """The input is not valid JSON, has the wrong shape, an unknown field, or a value outside
    what is accepted (``kind == "invalid_input"``)."""

    KIND = "invalid_input"


class LimitExceededError(InvalidInputError):
    """The request is beyond a limit on input (``docs/limits.md``), named with its value in
    ``limit`` (``kind == "limit_exceeded"``)."""

    KIND = "limit_exceeded"


class UnknownIdError(Nis2Error, LookupError):
    """An identifier (entity type, Member State, framework, operation, schema kind…) that does
    not exist; see ``suggestions`` and ``accepted`` (``kind == "unknown_id"``)."""

    KIND = "unknown_id"


class MultipleErrors(Nis2Error, ValueError):
    """Several problems found at once; each is in ``errors`` (``kind == "multiple"``)."""

    KIND = "multiple"


class DataError(Nis2Error):
    """Embedded reference data or an engine result failed to load: a defect of the package, not
    of the input (``kind == "data"``)."""

    KIND = "data"


_CLASSES: dict[str, type[Nis2Error]] = {
    c.KIND: c
    for c in (InvalidInputError, LimitExceededError, UnknownIdError, MultipleErrors, DataError)
}


def _strings(value: Any) -> list[str]:
    return [s for s in value if isinstance(s, str)] if isinstance(value, list) else []


def error_from_report(report: Mapping[str, Any]) -> Nis2Error:
    """The typed exception for an engine error report (a dict as in the ``error`` JSON Schema)."""
    return _CLASSES.get(str(report.get("kind")), Nis2Error)(report)


def invalid_input(path: str, message: str) -> InvalidInputError:
    """An ``invalid_input`` error worded as the engine words it."""
    report = {"kind": "invalid_input", "message": f"invalid input at `{path}`: {message}"}
    return InvalidInputError({**report, "path": path})


def native(function: Callable[..., T], *args: Any) -> T:
    """Call a function of the native module; its error becomes the typed :class:`Nis2Error`."""
    try:
        return function(*args)
    except _nis2.NativeError as e:
        raise from_native(e) from None


def from_native(error: _nis2.NativeError) -> Nis2Error:
    """The typed exception of a native error (its argument is the report as JSON text)."""
    try:
        report = json.loads(error.args[0])
    except (IndexError, TypeError, ValueError):
        report = {"kind": "data", "message": f"unreadable engine error: {error!r}"}
    if not isinstance(report, dict):
        report = {"kind": "data", "message": f"unreadable engine error: {error!r}"}
    return error_from_report(report)
