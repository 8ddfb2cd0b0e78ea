"""The one call path of ``nis2``: :func:`call` runs a request of a capability through the
engine's single boundary and types the response by its ``op`` (the tables of ``nis2.model``,
generated from the op registry); the capability functions (:func:`scope`, :func:`catalog`,
:func:`risk`, :func:`programme`, :func:`assessment`, :func:`reference`) and every convenience
are requests over it. Also here: :func:`render` and :func:`load` for stored documents, the
registry (:func:`ops`), the reference data and the JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, Union, cast, overload

from . import _nis2
from ._record import Record
from ._requests import parse_json
from .errors import DataError, UnknownIdError, from_native, native
from .model import (
    EXPLAINED,
    VERDICT,
    AssessmentResponse,
    AssessmentResponseVerdict,
    CatalogResponse,
    CatalogResponseVerdict,
    EntityTypeCatalog,
    LabelCatalog,
    OverlayData,
    ProgrammeResponse,
    ProgrammeResponseVerdict,
    ReferenceResponse,
    ReferenceResponseVerdict,
    Registry,
    RiskResponse,
    RiskResponseVerdict,
    ScopeResult,
    ScopeVerdict,
)

__all__ = [
    "Detail",
    "Document",
    "Request",
    "assessment",
    "call",
    "catalog",
    "entity_types",
    "labels",
    "load",
    "member_states",
    "ops",
    "programme",
    "reference",
    "render",
    "risk",
    "schema",
    "schema_kinds",
    "scope",
]

Request = Union[str, Mapping[str, Any], Record]
"""A request: JSON text, a dict shaped as the capability's request schema (``nis2.schema(
"catalog-request")``), or a typed view of one."""

Document = Union[str, Mapping[str, Any], Record]
"""A response document to render or view: JSON text, a dict, or a typed result."""

Detail = Literal["explained", "verdict"]
"""``explained`` (the full document, the default) or ``verdict`` (the decision and its
machine-readable reasons, no prose)."""

R = TypeVar("R", bound=Record)


def call(capability: str, request: Request, *, detail: Detail = "explained") -> Record:
    """Run a request of a capability (``scope``, ``catalog``, ``risk``, ``programme``,
    ``assessment``, ``reference``) and return the typed view of the response, chosen by its
    ``op`` and detail level (``nis2.model.EXPLAINED`` and ``VERDICT``).

    The engine runs with the GIL released. The result reads the engine's document lazily;
    ``to_json()`` is its exact bytes (the same as ``nis2 call CAPABILITY -``), ``render()`` and
    the notebook views come from the core.

    Raises:
        InvalidInputError: a malformed request (not JSON, unknown field, wrong type, a lone
            surrogate, beyond a limit of `docs/limits.md`), with its JSON path.
        UnknownIdError: an unknown capability, operation or identifier, with ``suggestions``
            (and ``accepted`` for a closed list).
        MultipleErrors: several problems at once, each in ``errors``.
    """
    response = _run(capability, request, detail)
    table = VERDICT if detail == "verdict" else EXPLAINED
    return table.get(response.op, Record)._of(response)


def _run(capability: str, request: Request, detail: str) -> _nis2.Response:
    """The engine's response to a request (the one way to the engine)."""
    if type(request) is not dict and not isinstance(request, str):
        if isinstance(request, Record):
            request = request._data
        if isinstance(request, Mapping) and not isinstance(request, dict):
            request = dict(request)
    try:
        return _nis2.call(capability, request, detail)
    except _nis2.NativeError as e:
        raise from_native(e) from None


def ask(cls: type[R], capability: str, request: Request, detail: Detail = "explained") -> R:
    """:func:`call`, typed as the class the operation answers with."""
    result = call(capability, request, detail=detail)
    if not isinstance(result, cls):
        raise DataError({"kind": "data", "message": f"{result!r} is not a {cls.__name__}"})
    return result


@overload
def scope(profile: Request, *, detail: Literal["explained"] = ...) -> ScopeResult: ...
@overload
def scope(profile: Request, *, detail: Literal["verdict"]) -> ScopeVerdict: ...
def scope(profile: Request, *, detail: Detail = "explained") -> Union[ScopeResult, ScopeVerdict]:
    """Whether NIS2 applies to an organisation and in which class (Art 2, 3, 4, 6(35);
    Rec. 2003/361), with every rule that decided it (``explained``: a :class:`ScopeResult`) or
    the decision and its rule ids only (``verdict``: a :class:`ScopeVerdict`).

    Args:
        profile: a dict shaped as the ``scope-profile`` JSON Schema, its JSON text, or a
            :class:`Profile` view.

    Raises:
        InvalidInputError: malformed input, naming the JSON path (``$.size.staff_headcount``).
        UnknownIdError: an unknown entity type or Member State, with ``suggestions``.
        MultipleErrors: several problems at once, each in ``errors``.
    """
    response = _run("scope", profile, detail)
    if detail == "verdict":
        return ScopeVerdict._of(response)
    return ScopeResult._of(response)


@overload
def catalog(request: Request, *, detail: Literal["explained"] = ...) -> CatalogResponse: ...
@overload
def catalog(request: Request, *, detail: Literal["verdict"]) -> CatalogResponseVerdict: ...
def catalog(
    request: Request, *, detail: Detail = "explained"
) -> Union[CatalogResponse, CatalogResponseVerdict]:
    """Any catalog request (``{"op": "list" | "show" | "node" | "map" | "evidence" |
    "coverage" | "export", …}``): requirement catalogs and the typed mappings between them."""
    return cast(CatalogResponse, call("catalog", request, detail=detail))


@overload
def risk(request: Request, *, detail: Literal["explained"] = ...) -> RiskResponse: ...
@overload
def risk(request: Request, *, detail: Literal["verdict"]) -> RiskResponseVerdict: ...
def risk(
    request: Request, *, detail: Detail = "explained"
) -> Union[RiskResponse, RiskResponseVerdict]:
    """Any risk request (``{"op": "presets" | "threats" | "validate_matrix" |
    "validate_register" | "assess" | "heatmap" | "heatmap_svg" | "reproject" | "csv", …}``)."""
    return cast(RiskResponse, call("risk", request, detail=detail))


@overload
def programme(request: Request, *, detail: Literal["explained"] = ...) -> ProgrammeResponse: ...
@overload
def programme(request: Request, *, detail: Literal["verdict"]) -> ProgrammeResponseVerdict: ...
def programme(
    request: Request, *, detail: Detail = "explained"
) -> Union[ProgrammeResponse, ProgrammeResponseVerdict]:
    """Any programme request (``{"op": "deadlines" | "significant_incident" | "wheel" |
    "wheel_ics" | "plan" | "governance" | "suppliers" | "obligations" | "validate", …}``)."""
    return cast(ProgrammeResponse, call("programme", request, detail=detail))


@overload
def assessment(request: Request, *, detail: Literal["explained"] = ...) -> AssessmentResponse: ...
@overload
def assessment(request: Request, *, detail: Literal["verdict"]) -> AssessmentResponseVerdict: ...
def assessment(
    request: Request, *, detail: Detail = "explained"
) -> Union[AssessmentResponse, AssessmentResponseVerdict]:
    """Any assessment request (``{"op": "scales" | "prerequisites" | "requirements" | "score" |
    "infer" | "plan" | "evaluate" | "report", …}``)."""
    return cast(AssessmentResponse, call("assessment", request, detail=detail))


@overload
def reference(request: Request, *, detail: Literal["explained"] = ...) -> ReferenceResponse: ...
@overload
def reference(request: Request, *, detail: Literal["verdict"]) -> ReferenceResponseVerdict: ...
def reference(
    request: Request, *, detail: Detail = "explained"
) -> Union[ReferenceResponse, ReferenceResponseVerdict]:
    """Any reference request (``{"op": "entity_types" | "member_states" | "labels"}``)."""
    return cast(ReferenceResponse, call("reference", request, detail=detail))


def entity_types() -> EntityTypeCatalog:
    """The entity-type catalog: the Annex I and II rows and the roles outside the Annexes, with
    provenance (``.entity_types``)."""
    return ask(EntityTypeCatalog, "reference", {"op": "entity_types"})


def member_states() -> OverlayData:
    """The Member States and their national overlays, with provenance."""
    return ask(OverlayData, "reference", {"op": "member_states"})


def labels() -> LabelCatalog:
    """The label catalog: every word the core's views show, in English and Danish
    (``labels().labels["field.in_scope"].da``)."""
    return ask(LabelCatalog, "reference", {"op": "labels"})


def ops() -> Registry:
    """The op registry: every capability and operation, with its request type and the schema
    kinds of its response and verdict."""
    return Registry(json.loads(native(_nis2.registry_json)))


def render(document: Document, format: str = "html", lang: str = "en") -> str:
    """The core's view of a result or of a stored response document (from any surface): ``md``,
    ``html``, ``svg`` (the figure), ``table`` or ``csv`` (screened verdicts), ``en`` or ``da``.

    Raises:
        InvalidInputError: a document that is not a response (no ``op``), or ``svg`` for a
            result without a figure.
        UnknownIdError: an unknown ``op``, format or language.
    """
    if isinstance(document, Record):
        return document.render(format, lang)
    if not isinstance(document, (dict, str)) and isinstance(document, Mapping):
        document = dict(document)
    text: str = native(_nis2.render, document, format, lang)
    return text


def load(document: Union[str, Mapping[str, Any]]) -> Record:
    """The typed view of a stored response document (JSON text or a dict, from any surface),
    chosen by its ``op`` and ``detail``; it renders exactly as the engine's own response.

    Raises:
        InvalidInputError: text that is not a JSON object.
        UnknownIdError: a document whose ``op`` names no operation.
    """
    data: Any = document
    if isinstance(document, str):
        data = parse_json(document, "$")
    data = dict(data) if isinstance(data, Mapping) else data
    op = data.get("op") if isinstance(data, dict) else None
    table = VERDICT if isinstance(data, dict) and data.get("detail") == "verdict" else EXPLAINED
    cls = table.get(op) if isinstance(op, str) else None
    if cls is None:
        message = f"unknown operation `{op}` at `$.op`; a response document names its `op`"
        report = {"kind": "unknown_id", "message": message, "path": "$.op"}
        raise UnknownIdError({**report, "accepted": sorted(table)})
    return cls(data)


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a kind (see :func:`schema_kinds`): a document, a
    capability's request, an operation's response or verdict.

    Raises:
        UnknownIdError: an unknown kind, with ``suggestions``.
    """
    data: dict[str, Any] = json.loads(native(_nis2.schema_json, kind))
    return data


def schema_kinds() -> list[str]:
    """The kinds that have a JSON Schema (``scope-profile``, ``scope-result``, …)."""
    return _nis2.schema_kinds()
