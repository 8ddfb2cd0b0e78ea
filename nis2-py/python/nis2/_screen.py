"""Screening at scale: :func:`screen` (Arrow in, Arrow verdict columns out), :func:`scope_many`
(a list of profiles) and the NACE table (:func:`nace`, :func:`nace_table`), all from the core."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from . import _nis2
from ._api import Detail, Request, ask
from ._record import Record
from .errors import from_native
from .model import NaceLookup, NaceTable, ScreenResult, ScreenVerdict


def screen(data: Any, *, detail: Detail = "verdict", strict: bool = False, columns: Any = None) -> Any:
    """Screen a table of organisations in the flat layout of ``docs/screening.md``: anything
    with the Arrow PyCapsule stream interface (a pyarrow ``Table`` or ``RecordBatchReader``, a
    pandas or polars ``DataFrame``). Returns a ``pyarrow.Table`` with one row per input row, in
    order: ``index``, ``id``, ``in_scope``, ``classification``, ``possible_classifications``,
    ``size_class``, ``possible_size_classes``, ``supervision``, ``reasons``,
    ``open_questions``, ``displacements``, ``error_kind``, ``error_path``, ``error_message``
    (and ``result``, the explained JSON, with ``detail="explained"``; lists dictionary-encoded).
    ``columns``: a register's column map (a dict or JSON text, as ``nis2 screen --columns``).

    A bad row gets its error in its error columns and null verdict columns; ``strict=True``
    raises on the first instead. A column that is unknown, repeated, missing or of the wrong
    type raises :class:`InvalidInputError` naming it. The GIL is released."""
    explained = _level(detail) == "explained"
    mapped = columns if columns is None or isinstance(columns, str) else json.dumps(columns)
    try:
        return _nis2.screen_arrow(data, strict, explained, mapped)
    except _nis2.NativeError as e:
        raise from_native(e) from None


def scope_many(
    profiles: Sequence[Request], *, detail: Detail = "verdict", strict: bool = False
) -> ScreenVerdict | ScreenResult:
    """Scope a list of profiles (dicts, JSON text or typed views) at once (``screen`` op
    ``rows``): one row per profile, in order, each as :func:`nis2.scope` answers it, bad
    profiles with their error in their row (``strict=True`` raises on the first); the counts."""
    request = {"op": "rows", "rows": [{"profile": _plain(p)} for p in profiles], "strict": strict}
    if _level(detail) == "verdict":
        return ask(ScreenVerdict, "screen", request, "verdict")
    return ask(ScreenResult, "screen", request, "explained")


def nace(code: str) -> NaceLookup:
    """A NACE Rev. 2 code (``C28``, ``28.11``, DB07 ``281100``) and the entity types it suggests."""
    return ask(NaceLookup, "reference", {"op": "nace", "code": code})


def nace_table() -> NaceTable:
    """The NACE table: every row with its entity types, status, citation and note."""
    return ask(NaceTable, "reference", {"op": "nace_table"})


def _plain(profile: Request) -> Any:
    if isinstance(profile, Record):
        return profile._data
    return profile if isinstance(profile, (dict, str)) else dict(profile)


def _level(detail: str) -> Literal["verdict", "explained"]:
    if detail not in ("verdict", "explained"):
        _nis2.call("screen", {}, detail)  # raises the engine's own error for the argument
    return "verdict" if detail == "verdict" else "explained"
