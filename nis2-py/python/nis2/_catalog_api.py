"""The catalog functions of ``nis2``: :func:`catalog` (any request) and the conveniences an
auditor uses from a notebook (:func:`frameworks`, :func:`framework`, :func:`node`, :func:`map`,
:func:`evidence`, :func:`coverage`, :func:`export`). Re-exported by ``nis2``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional, TypeVar, Union

from . import _nis2
from ._convert import Record, call, engine_document, load_json
from .errors import DataError
from .catalog_types import (
    CatalogResponse,
    CoverageResponse,
    EvidenceResponse,
    ExportFormat,
    ListResponse,
    MapResponse,
    NodeResponse,
    ShowResponse,
    _catalog_response_from_engine,
)

__all__ = [
    "CatalogRequest",
    "catalog",
    "coverage",
    "evidence",
    "export",
    "framework",
    "frameworks",
    "map",
    "node",
]

CatalogRequest = Union[Mapping[str, Any], str]
"""What :func:`catalog` accepts: a request as a dict (``{"op": "map", "from": ..., "to": ...}``,
see the ``catalog-request`` JSON Schema) or as JSON text."""

R = TypeVar("R", bound=Record)


def catalog(request: CatalogRequest) -> CatalogResponse:
    """Run any catalog request: ``{"op": "list" | "show" | "node" | "map" | "evidence" |
    "coverage" | "export", ...}`` (see ``docs/catalogs.md``).

    Args:
        request: the request as a dict or as JSON text.

    Returns:
        The typed response of the ``op`` asked (:class:`ListResponse`, :class:`MapResponse`,
        …); ``to_dict()`` is the engine's document and ``to_json()`` its exact bytes (the same
        as ``nis2 catalog request FILE``).

    Raises:
        InvalidInputError: a malformed request (unknown field, missing ``op``…), with its path.
        UnknownIdError: an unknown framework, mapping, node or operation, with ``suggestions``.
        MultipleErrors: several problems at once (e.g. several unknown ``controls``).
    """
    if isinstance(request, str):
        text = call(_nis2.catalog_json, request)
    elif isinstance(request, Mapping) and not isinstance(request, dict):
        text = call(_nis2.catalog_obj, dict(request))
    else:
        text = call(_nis2.catalog_obj, request)
    return _catalog_response_from_engine(text)


def _ask(cls: type[R], request: dict[str, Any]) -> R:
    text = call(_nis2.catalog_obj, request)
    return engine_document(cls, load_json(text, f"a catalog {request['op']} response"), text)


def _with_via(request: dict[str, Any], via: Optional[str]) -> dict[str, Any]:
    if via is not None:
        request["via"] = via
    return request


def frameworks() -> ListResponse:
    """Every framework (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish
    programme) and every mapping between them, with counts, licence, status and export formats
    (``{"op": "list"}``)."""
    return _ask(ListResponse, {"op": "list"})


def framework(id: str) -> ShowResponse:
    """A whole framework with every node (``{"op": "show", "framework": id}``); the framework
    itself is ``.framework``.

    Raises:
        UnknownIdError: an unknown framework id (path ``$.framework``), with ``suggestions``.
    """
    return _ask(ShowResponse, {"op": "show", "framework": id})


def node(id: str) -> NodeResponse:
    """One node (``"ISO27001:A.5.19"``, ``"NIS2:21.2.d"``) with its ancestors, children, the
    nodes it implements or that implement it, and every mapping pair that names it
    (``{"op": "node", "id": id}``).

    Raises:
        UnknownIdError: an unknown node id (path ``$.id``), with ``suggestions``.
    """
    return _ask(NodeResponse, {"op": "node", "id": id})


def map(from_id: str, to_framework: str, via: Optional[str] = None) -> MapResponse:
    """What a node covers in another framework, and how strongly.

    ``nis2.map("ISO27001:A.5.19", "nis2")`` answers "which NIS2 requirements does ISO/IEC 27001
    A.5.19 help with?": each result names the node reached (with its citation), the
    relationship *of the subject to it* (``intersects``: they overlap; ``subset``: the subject
    is part of it; …), the weakest confidence along the chain, every provenance behind it, and
    the strongest chain step by step with each pair's rationale.

    Args:
        from_id: the node to start from (request field ``from``).
        to_framework: the framework to map into (``to``).
        via: a pivot framework to go through; without it the direct mappings are used, or
            every single pivot when there is none.

    Raises:
        UnknownIdError: an unknown node (``$.from``) or framework (``$.to``, ``$.via``).
        InvalidInputError: ``to`` is the node's own framework, or the pivot joins nothing.
    """
    return _ask(MapResponse, _with_via({"op": "map", "from": from_id, "to": to_framework}, via))


def evidence(requirement: str, from_framework: str, via: Optional[str] = None) -> EvidenceResponse:
    """Which nodes of a framework evidence a requirement, and how strongly.

    ``nis2.evidence("NIS2:21.2.d", "iso27001-2022")`` answers "which ISO controls evidence
    Art 21(2)(d)?"; each result's relationship is *that node's relationship to the
    requirement* (``superset``: it contains the whole requirement; ``intersects``: an
    overlap).

    Args:
        requirement: the requirement to evidence.
        from_framework: the framework whose nodes may evidence it (request field ``from``).
        via: a pivot framework, as for :func:`map`.

    Raises:
        UnknownIdError: an unknown node (``$.requirement``) or framework (``$.from``,
            ``$.via``).
    """
    request = {"op": "evidence", "requirement": requirement, "from": from_framework}
    return _ask(EvidenceResponse, _with_via(request, via))


def coverage(
    target: str, controls: Union[str, Iterable[str]], via: Optional[str] = None
) -> CoverageResponse:
    """How much of a requirement a set of controls reaches: for each leaf requirement of
    ``target`` the strongest relationship of any control to it, and totals (reached whole, in
    part, not at all).

    Args:
        target: the requirement or group to cover (``"NIS2:21.2.d"``).
        controls: the controls in place, node ids of any framework (one id or several).
        via: count the leaves of this framework that detail the target (``"cir-2024-2690"``
            for an Art 21(2) point) instead of the target's own.

    Raises:
        UnknownIdError: an unknown target or control (``$.controls[1]``), or framework.
        MultipleErrors: several unknown controls at once.
    """
    listed: Any = controls
    if isinstance(controls, str):
        listed = [controls]
    elif isinstance(controls, Iterable):
        listed = list(controls)  # else: sent as it is, and the engine names `$.controls`
    request = {"op": "coverage", "target": target, "controls": listed}
    return _ask(CoverageResponse, _with_via(request, via))


def export(
    *,
    framework: Optional[str] = None,
    mapping: Optional[str] = None,
    format: ExportFormat = "json",
) -> str:
    """A framework or a mapping exported as a document: ``json`` (the data model), ``oscal``
    (OSCAL 1.2.1 JSON: a catalog, or a mapping collection) or ``csv`` (RFC 4180, CRLF).

    Give exactly one of ``framework`` and ``mapping``. The file name and media type the engine
    suggests are in the full response: ``nis2.catalog({"op": "export", ...})``.

    Raises:
        UnknownIdError: an unknown framework or mapping id.
        InvalidInputError: both or neither given; ``oscal`` for a framework not offered as an
            OSCAL catalog (ISO/IEC 27001, D-mærket).
    """
    request: dict[str, Any] = {"op": "export"}
    if framework is not None:
        request["framework"] = framework
    if mapping is not None:
        request["mapping"] = mapping
    request["format"] = format
    text = call(_nis2.catalog_obj, request)
    data = load_json(text, "a catalog export response")
    content = data.get("content") if isinstance(data, dict) else None
    if not isinstance(content, str):
        raise DataError(f"the engine returned an export without content: {text[:200]!r}")
    return content
