"""The risk functions of ``nis2``: :func:`risk` (any request) and the conveniences
(:func:`risk_presets`, :func:`threats`, :func:`validate_matrix`, :func:`validate_register`,
:func:`assess_risks`, :func:`heatmap`, :func:`reproject`, :func:`risk_csv`). Re-exported by
``nis2``."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Optional, TypeVar, Union, overload

from . import _nis2
from ._convert import Record, call, engine_document, load_json
from ._inputs import compact_json, document, plain_document, read_json_file
from .errors import DataError, Nis2Error, invalid_input
from .risk_types import (
    Assessment,
    CsvExport,
    HeatMap,
    HeatmapFormat,
    HeatMapSvg,
    MatrixReport,
    PresetCatalog,
    Rating,
    RegisterCheck,
    Register,
    Reprojection,
    RiskMatrix,
    RiskStage,
    ThreatCatalog,
)
from .text import Lang

__all__ = [
    "MatrixInput",
    "RatingInput",
    "RegisterInput",
    "RiskRequest",
    "RiskResponse",
    "assess_risks",
    "heatmap",
    "reproject",
    "risk",
    "risk_csv",
    "risk_presets",
    "threats",
    "validate_matrix",
    "validate_register",
]

RiskRequest = Union[Mapping[str, Any], str]
"""What :func:`risk` accepts: a request as a dict (``{"op": "assess", "register": {...}}``, see
the ``risk-request`` JSON Schema; its fields may be typed documents: a :class:`Register`, a
:class:`RiskMatrix`, a list of :class:`Rating`) or as JSON text."""

RiskResponse = Union[
    PresetCatalog,
    ThreatCatalog,
    MatrixReport,
    RegisterCheck,
    Assessment,
    HeatMap,
    HeatMapSvg,
    Reprojection,
    CsvExport,
]
"""What :func:`risk` returns, by ``op``: ``presets`` → :class:`PresetCatalog`, ``threats`` →
:class:`ThreatCatalog`, ``validate_matrix`` → :class:`MatrixReport`, ``validate_register`` →
:class:`RegisterCheck`, ``assess`` → :class:`Assessment`, ``heatmap`` → :class:`HeatMap` (or
:class:`HeatMapSvg` for ``"format": "svg"``), ``reproject`` → :class:`Reprojection`, ``csv`` →
:class:`CsvExport`."""

RegisterInput = Union[Register, Mapping[str, Any], str, os.PathLike[str]]
"""A register: a :class:`Register`, a dict shaped as the ``risk-register`` JSON Schema, its JSON
text, or the path of a JSON file."""

MatrixInput = Union[RiskMatrix, Mapping[str, Any], str, os.PathLike[str]]
"""A matrix: a preset id (``"iso27005-style-5x5"``, see :func:`risk_presets`), a
:class:`RiskMatrix`, a dict shaped as the ``risk-matrix`` JSON Schema, or the path of a JSON
file."""

RatingInput = Union[Rating, Mapping[str, Any], Sequence[int]]
"""A rating on a matrix: a :class:`Rating`, ``{"likelihood": 4, "impact": 2}`` or ``(4, 2)``."""

R = TypeVar("R", bound=Record)

_RESPONSES: dict[str, type[Record]] = {
    "presets": PresetCatalog,
    "threats": ThreatCatalog,
    "validate_matrix": MatrixReport,
    "validate_register": RegisterCheck,
    "assess": Assessment,
    "heatmap": HeatMap,
    "reproject": Reprojection,
    "csv": CsvExport,
}


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def _register(register: RegisterInput, field: str = "$.register") -> Any:
    return document(register, field)


def _matrix(matrix: MatrixInput, field: str) -> Any:
    if isinstance(matrix, os.PathLike):
        return read_json_file(matrix, field)
    return plain_document(matrix)  # a str is a preset id, as for the engine


def _rating(rating: RatingInput) -> Any:
    if isinstance(rating, (Record, Mapping)):
        return plain_document(rating)
    if isinstance(rating, (tuple, list)) and len(rating) == 2:
        return {"likelihood": rating[0], "impact": rating[1]}
    return rating  # the engine names the problem


# ------------------------------------------------------------------------------------------------
# Calls
# ------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A request field as JSON: typed documents (a :class:`Register`, a :class:`RiskMatrix`, a
    list of :class:`Rating`) as their dicts."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)) and any(isinstance(v, Record) for v in value):
        return [v.to_dict() if isinstance(v, Record) else v for v in value]
    return value


def _run(request: Any) -> str:
    if isinstance(request, str):
        return call(_nis2.risk_json, request)
    return call(_nis2.risk_obj, request)


def _ask(cls: type[R], request: dict[str, Any]) -> R:
    text = call(_nis2.risk_obj, request)
    return engine_document(cls, load_json(text, f"a risk {request['op']} response"), text)


def _attach(result: Record, request: Mapping[str, Any]) -> None:
    """Give a result what its notebook views need: the matrix a report was made for, and the
    request of a heat map's SVG."""
    if isinstance(result, MatrixReport):
        object.__setattr__(result, "_matrix", _matrix_of(request.get("matrix")))
    elif isinstance(result, HeatMap):
        svg = {k: v for k, v in request.items() if k not in ("format", "lang")}
        svg["format"] = "svg"
        svg["lang"] = request.get("lang", "en")
        text = compact_json(svg)
        if text is not None:  # else not JSON as Python sees it: no SVG view
            object.__setattr__(result, "_request", text)


def _matrix_of(matrix: Any) -> Optional[RiskMatrix]:
    if isinstance(matrix, RiskMatrix):
        return matrix
    if isinstance(matrix, str):
        return _preset(matrix)
    try:
        return RiskMatrix.from_dict(matrix)
    except Nis2Error:
        return None


_PRESETS: dict[str, RiskMatrix] = {}
_PRESETS_LOCK = threading.Lock()


def _preset(id: str) -> Optional[RiskMatrix]:
    with _PRESETS_LOCK:
        if not _PRESETS:
            for m in risk_presets().presets:
                _PRESETS[m.id] = m
        return _PRESETS.get(id)


def risk(request: RiskRequest) -> RiskResponse:
    """Run any risk request: ``{"op": "presets" | "threats" | "validate_matrix" |
    "validate_register" | "assess" | "heatmap" | "reproject" | "csv", ...}`` (see
    ``docs/risk.md``).

    Args:
        request: the request as a dict or as JSON text.

    Returns:
        The typed response of the ``op`` asked (see :data:`RiskResponse`); ``to_dict()`` is the
        engine's document and ``to_json()`` its exact bytes (the same as ``nis2 risk request
        FILE``).

    Raises:
        InvalidInputError: a malformed request (unknown field, a field the op does not use…).
        UnknownIdError: an unknown preset, threat, asset, entity type… with ``suggestions``.
        MultipleErrors: a matrix or register with several problems: every one, with its path
            (``$.matrix.grid[2][3]``, ``$.register.scenarios[0].asset``).
    """
    if isinstance(request, Mapping):
        request = {k: _plain(v) for k, v in request.items()}
    text = _run(request)
    try:
        parsed = json.loads(request) if isinstance(request, str) else request
    except ValueError:  # not reachable: the engine read it as JSON
        parsed = None
    if not isinstance(parsed, Mapping):
        raise DataError(f"the engine answered a risk request that is not an object: {request!r}")
    op = parsed.get("op")
    cls = _RESPONSES.get(op) if isinstance(op, str) else None
    if cls is HeatMap and parsed.get("format") == "svg":
        cls = HeatMapSvg
    if cls is None:
        raise DataError(f"the engine answered an unknown risk op {op!r}")
    result = engine_document(cls, load_json(text, f"a risk {op} response"), text)
    _attach(result, parsed)
    return result  # type: ignore[return-value]  # one of RiskResponse, by construction


def risk_presets() -> PresetCatalog:
    """The embedded matrix presets (3×3, 4×4 and 5×5 in the style of ISO/IEC 27005), each with
    its provenance (``{"op": "presets"}``)."""
    return _ask(PresetCatalog, {"op": "presets"})


def threats() -> ThreatCatalog:
    """The built-in threat catalogue: categories and threats, each naming the properties it
    affects (``{"op": "threats"}``)."""
    return _ask(ThreatCatalog, {"op": "threats"})


def validate_matrix(matrix: MatrixInput) -> MatrixReport:
    """Validate a risk matrix: the level of every cell (derived for a formula) and how many
    cells and which scores each level covers. The report renders as a coloured grid in a
    notebook.

    Args:
        matrix: a preset id, a :class:`RiskMatrix`, a dict or the path of a JSON file.

    Raises:
        MultipleErrors: every problem of the matrix at once, each with its path
            (``$.matrix.grid[2][3]``: a cell below its neighbour; ``$.matrix.thresholds[1].min``
            …).
        InvalidInputError: one problem (the path is under ``$.matrix``).
        UnknownIdError: an unknown preset id, with ``suggestions``.
    """
    request = {"op": "validate_matrix", "matrix": _matrix(matrix, "$.matrix")}
    report = _ask(MatrixReport, request)
    typed = matrix if isinstance(matrix, RiskMatrix) else _matrix_of(request["matrix"])
    object.__setattr__(report, "_matrix", typed)
    return report


def validate_register(register: RegisterInput) -> RegisterCheck:
    """Validate a register (``valid`` with counts); an invalid one raises, listing every
    problem with its path under ``$.register``.

    Raises:
        MultipleErrors: several problems (unknown assets, threats, cycles, ratings outside the
            scales…), each with its path.
        InvalidInputError, UnknownIdError: one problem.
    """
    return _ask(RegisterCheck, {"op": "validate_register", "register": _register(register)})


def assess_risks(register: RegisterInput) -> Assessment:
    """Assess a register: each scenario's inherent, current and residual risk on the matrix,
    what each asset and service inherits (with the trace), the scenarios above the appetite
    ranked, findings an auditor would ask about, and a summary.

    Args:
        register: a :class:`Register`, a dict, its JSON text, or the path of a JSON file.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid register (paths under
            ``$.register``).
    """
    return _ask(Assessment, {"op": "assess", "register": _register(register)})


@overload
def heatmap(
    register: RegisterInput,
    stage: RiskStage = ...,
    *,
    format: Literal["data"] = ...,
    lang: Lang = ...,
) -> HeatMap: ...
@overload
def heatmap(
    register: RegisterInput,
    stage: RiskStage = ...,
    *,
    format: Literal["svg"],
    lang: Lang = ...,
) -> HeatMapSvg: ...
def heatmap(
    register: RegisterInput,
    stage: RiskStage = "residual",
    *,
    format: HeatmapFormat = "data",
    lang: Lang = "en",
) -> Union[HeatMap, HeatMapSvg]:
    """The heat map of one stage (``inherent``, ``current`` or ``residual``): per cell its level,
    the number of scenarios and their ids.

    A :class:`HeatMap` shows in a notebook as the engine's accessible SVG (asked for when first
    shown, in ``lang``); ``format="svg"`` returns that document at once
    (:class:`HeatMapSvg`, ``.svg``).

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid register.
    """
    request: dict[str, Any] = {
        "op": "heatmap",
        "register": _register(register),
        "stage": stage,
        "format": format,
        "lang": lang,
    }
    if format == "svg":
        return _ask(HeatMapSvg, request)
    result = _ask(HeatMap, request)
    _attach(result, request)
    return result


def reproject(
    from_matrix: MatrixInput, to_matrix: MatrixInput, ratings: Iterable[RatingInput]
) -> Reprojection:
    """Move ratings from one matrix to another, never understating a risk: position k of n maps
    to ⌈k × n′ / n⌉ (the rule is stated in the response); the target's grid gives the level.

    ``nis2.reproject("iso27005-style-5x5", "iso27005-style-3x3", [(4, 2), (5, 5)])``

    Raises:
        MultipleErrors: problems of either matrix and of the ratings, all at once (paths under
            ``$.from``, ``$.to``, ``$.ratings``).
        InvalidInputError, UnknownIdError: one problem.
    """
    request = {
        "op": "reproject",
        "from": _matrix(from_matrix, "$.from"),
        "to": _matrix(to_matrix, "$.to"),
        "ratings": [_rating(r) for r in ratings],
    }
    return _ask(Reprojection, request)


def risk_csv(register: RegisterInput, lang: Lang = "en") -> str:
    """The register as CSV (RFC 4180, CRLF, a header row): one row per scenario with the
    ratings and levels of the three stages, treatment, controls, owner, review date and
    whether it is above appetite. Threat names in ``lang``. The full response (with the row
    count) is ``nis2.risk({"op": "csv", ...})``.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid register.
    """
    return _ask(CsvExport, {"op": "csv", "register": _register(register), "lang": lang}).csv
