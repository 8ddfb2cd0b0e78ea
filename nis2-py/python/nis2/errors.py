"""The exceptions of the ``nis2`` package.

Every error the engine reports is a :class:`Nis2Error` carrying the engine's structured error
report (the same JSON document the CLI and the WebAssembly package give): a ``kind``, a
human-readable ``message``, the JSON ``path`` of the field concerned (``$.activities[0].entity_type``),
``suggestions`` for an unknown identifier and, for several problems at once, the individual
``errors``.

The subclass says what went wrong and also derives from the matching built-in exception, so
``except ValueError`` keeps working for callers that know nothing of ``nis2``:

==========================  ================  =====================================
class                       ``kind``          also a
==========================  ================  =====================================
:class:`InvalidInputError`  ``invalid_input``  :class:`ValueError`
:class:`UnknownIdError`     ``unknown_id``     :class:`LookupError`
:class:`MultipleErrors`     ``multiple``       :class:`ValueError`
:class:`DataError`          ``data``           (an engine defect: please report it)
==========================  ================  =====================================
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Optional

__all__ = [
    "DataError",
    "InvalidInputError",
    "MultipleErrors",
    "Nis2Error",
    "UnknownIdError",
    "error_from_report",
]


class Nis2Error(Exception):
    """An error reported by the nis2 engine (or by the typed layer, in the same form).

    Attributes:
        kind: ``invalid_input``, ``unknown_id``, ``multiple`` or ``data``.
        message: The human-readable message (also ``str(error)``).
        path: The JSON path of the field concerned (``$`` is the document), where one applies.
        suggestions: The nearest valid identifiers, for ``unknown_id``.
        errors: The individual problems, for ``multiple``.
        report: The engine's error report as a dict (``{kind, message, path?, suggestions?,
            errors?}``; see the ``error`` JSON Schema).
    """

    KIND: ClassVar[str] = ""

    kind: str
    message: str
    path: Optional[str]
    suggestions: list[str]
    errors: list[Nis2Error]
    report: dict[str, Any]

    def __init__(
        self,
        message: str,
        *,
        kind: Optional[str] = None,
        path: Optional[str] = None,
        suggestions: Sequence[str] = (),
        errors: Sequence[Nis2Error] = (),
        report: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind if kind is not None else (self.KIND or "data")
        self.message = message
        self.path = path
        self.suggestions = list(suggestions)
        self.errors = list(errors)
        if report is None:
            built: dict[str, Any] = {"kind": self.kind, "message": message}
            if path is not None:
                built["path"] = path
            if self.suggestions:
                built["suggestions"] = list(self.suggestions)
            if self.errors:
                built["errors"] = [e.report for e in self.errors]
            self.report = built
        else:
            self.report = copy.deepcopy(dict(report))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, kind={self.kind!r}, path={self.path!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructor: pickle through the report.
        return (error_from_report, (self.report,))


class InvalidInputError(Nis2Error, ValueError):
    """The input is not valid JSON, has the wrong shape, an unknown field, or a value outside
    what is accepted (``kind == "invalid_input"``)."""

    KIND = "invalid_input"


class UnknownIdError(Nis2Error, LookupError):
    """An identifier (entity type, Member State, schema kind…) that does not exist; see
    ``suggestions`` (``kind == "unknown_id"``)."""

    KIND = "unknown_id"


class MultipleErrors(Nis2Error, ValueError):
    """Several problems found at once; each is in ``errors`` (``kind == "multiple"``)."""

    KIND = "multiple"


class DataError(Nis2Error):
    """Embedded reference data or an engine result failed to load: a defect of the package, not
    of the input (``kind == "data"``)."""

    KIND = "data"


_CLASSES: dict[str, type[Nis2Error]] = {
    cls.KIND: cls for cls in (InvalidInputError, UnknownIdError, MultipleErrors, DataError)
}


def error_from_report(report: Mapping[str, Any]) -> Nis2Error:
    """The typed exception for an engine error report (a dict as in the ``error`` JSON Schema)."""
    kind = report.get("kind")
    kind = kind if isinstance(kind, str) else "data"
    message = report.get("message")
    message = message if isinstance(message, str) else f"nis2 error ({kind})"
    path = report.get("path")
    suggestions = report.get("suggestions") or []
    sub = report.get("errors") or []
    cls = _CLASSES.get(kind, Nis2Error)
    return cls(
        message,
        kind=kind,
        path=path if isinstance(path, str) else None,
        suggestions=[s for s in suggestions if isinstance(s, str)],
        errors=[error_from_report(e) for e in sub if isinstance(e, Mapping)],
        report=report,
    )


def invalid_input(path: str, message: str) -> InvalidInputError:
    """An ``invalid_input`` error worded as the engine words it."""
    return InvalidInputError(
        f"invalid input at `{path}`: {message}", kind="invalid_input", path=path
    )
