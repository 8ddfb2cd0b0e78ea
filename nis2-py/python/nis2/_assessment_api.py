"""The assessment functions of ``nis2``: :func:`assessment` (any request) and the conveniences
(:func:`assess`, :func:`assessment_report`, :func:`requirements`, :func:`infer`,
:func:`remediation_plan`, :func:`assessment_scales`, :func:`assessment_prerequisites`).
Re-exported by ``nis2``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, Optional, TypeVar, Union

from . import _nis2
from ._convert import Record, call, engine_document, load_json
from ._inputs import compact_json, document as _document
from .assessment_types import (
    AssessmentDocument,
    Evaluation,
    InferenceReport,
    Plan,
    PrerequisiteTable,
    Report,
    ReportFormat,
    RequirementSet,
    ScaleCatalog,
)
from .errors import DataError, invalid_input
from .scope_types import Profile, ScopeResult
from .text import Lang

__all__ = [
    "AssessmentInput",
    "AssessmentRequest",
    "AssessmentResponse",
    "assess",
    "assessment",
    "assessment_prerequisites",
    "assessment_report",
    "assessment_scales",
    "infer",
    "remediation_plan",
    "requirements",
]

AssessmentRequest = Union[Mapping[str, Any], str]
"""What :func:`assessment` accepts: a request as a dict (``{"op": "score", "assessment":
{...}}``, see the ``assessment-request`` JSON Schema; its fields may be typed documents: an
:class:`AssessmentDocument`, a :class:`~nis2.Profile`, a :class:`~nis2.ScopeResult`) or as JSON
text."""

AssessmentResponse = Union[
    ScaleCatalog,
    PrerequisiteTable,
    RequirementSet,
    Evaluation,
    InferenceReport,
    Plan,
    Report,
]
"""What :func:`assessment` returns, by ``op``: ``scales`` → :class:`ScaleCatalog`,
``prerequisites`` → :class:`PrerequisiteTable`, ``requirements`` → :class:`RequirementSet`,
``score`` → :class:`Evaluation`, ``infer`` → :class:`InferenceReport`, ``plan`` →
:class:`~nis2.assessment_types.Plan`, ``report`` → :class:`~nis2.assessment_types.Report`."""

AssessmentInput = Union[AssessmentDocument, Mapping[str, Any], str, os.PathLike[str]]
"""An assessment document: an :class:`AssessmentDocument`, a dict shaped as the ``assessment``
JSON Schema, its JSON text, or the path of a JSON file."""

R = TypeVar("R", bound=Record)

_RESPONSES: dict[str, type[Record]] = {
    "scales": ScaleCatalog,
    "prerequisites": PrerequisiteTable,
    "requirements": RequirementSet,
    "score": Evaluation,
    "infer": InferenceReport,
    "plan": Plan,
    "report": Report,
}


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A request field as JSON: typed documents as their dicts."""
    return value.to_dict() if isinstance(value, Record) else value


# ------------------------------------------------------------------------------------------------
# Calls
# ------------------------------------------------------------------------------------------------


def _ask(cls: type[R], request: dict[str, Any]) -> R:
    text = call(_nis2.assessment_obj, request)
    return engine_document(cls, load_json(text, f"an assessment {request['op']} response"), text)


def _attach(result: Record, request: Mapping[str, Any]) -> None:
    """Give an evaluation the document it scores (for ``report``)."""
    if isinstance(result, Evaluation):
        text = compact_json(request.get("assessment"))
        if text is not None:  # else not JSON as Python sees it: no reports
            object.__setattr__(result, "_document", text)


def assessment(request: AssessmentRequest) -> AssessmentResponse:
    """Run any assessment request: ``{"op": "scales" | "prerequisites" | "requirements" |
    "score" | "infer" | "plan" | "report", ...}`` (see ``docs/scoring.md``).

    Args:
        request: the request as a dict or as JSON text.

    Returns:
        The typed response of the ``op`` asked (see :data:`AssessmentResponse`); ``to_dict()``
        is the engine's document and ``to_json()`` its exact bytes (the same as ``nis2
        assessment FILE``).

    Raises:
        InvalidInputError: a malformed request (unknown field, a field the op does not use…),
            naming the JSON path (``$.assessment.results[0].status``).
        UnknownIdError: an unknown op, requirement, scale, framework… with ``suggestions``.
        MultipleErrors: an assessment with several problems: every one, with its path.
    """
    parsed: Any = request
    if isinstance(request, Mapping):
        parsed = {k: _plain(v) for k, v in request.items()}
        text = call(_nis2.assessment_obj, parsed)
    elif isinstance(request, str):
        text = call(_nis2.assessment_json, request)
        try:
            parsed = json.loads(request)
        except ValueError:  # not reachable: the engine read it as JSON
            parsed = None
    else:  # the engine names the problem (`$`: expected a request object)
        text = call(_nis2.assessment_obj, request)
    if not isinstance(parsed, Mapping):
        raise DataError(
            f"the engine answered an assessment request that is not an object: {request!r}"
        )
    op = parsed.get("op")
    cls = _RESPONSES.get(op) if isinstance(op, str) else None
    if cls is None:
        raise DataError(f"the engine answered an unknown assessment op {op!r}")
    result = engine_document(cls, load_json(text, f"an assessment {op} response"), text)
    _attach(result, parsed)
    return result  # type: ignore[return-value]  # one of AssessmentResponse, by construction


def assessment_scales() -> ScaleCatalog:
    """The embedded maturity scales (``{"op": "scales"}``), each level with its meaning for
    implementation and documentation, and the default."""
    return _ask(ScaleCatalog, {"op": "scales"})


def assessment_prerequisites() -> PrerequisiteTable:
    """The embedded prerequisites of the remediation plan (``{"op": "prerequisites"}``): which
    requirements come before which, and why."""
    return _ask(PrerequisiteTable, {"op": "prerequisites"})


def requirements(
    profile: Optional[Union[Profile, Mapping[str, Any], str, os.PathLike[str]]] = None,
    *,
    scope_result: Optional[Union[ScopeResult, Mapping[str, Any]]] = None,
    frameworks: Optional[Iterable[str]] = None,
) -> RequirementSet:
    """The requirement set that binds an organisation, with the reason for each requirement and
    each framework: from a scope ``profile`` (evaluated here), a ``scope_result`` computed
    before, and/or a list of ``frameworks`` to score instead of selecting by scope.

    Raises:
        InvalidInputError: none of the three given, or both a profile and a scope result.
        UnknownIdError, MultipleErrors: an invalid profile or unknown framework.
    """
    request: dict[str, Any] = {"op": "requirements"}
    if profile is not None:
        request["profile"] = _document(profile, "$.profile")
    if scope_result is not None:
        request["scope_result"] = _document(scope_result, "$.scope_result")
    if frameworks is not None:
        request["frameworks"] = [frameworks] if isinstance(frameworks, str) else list(frameworks)
    return _ask(RequirementSet, request)


def assess(document: AssessmentInput) -> Evaluation:
    """Score an assessment: per requirement its status and maturity scores (an interval when
    results are missing), per measure, framework and overall the aggregate with its formula and
    exact fractions, the gaps, and the findings an auditor would ask about. The evaluation shows
    as a summary in a notebook; ``.report("md" | "html" | "xlsx" | "json")`` makes a report of
    the same document.

    ``nis2.assess(Path("examples/msp-assessment.json")).overall.status``

    Args:
        document: an :class:`AssessmentDocument`, a dict, its JSON text, or the path of a JSON
            file.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid assessment (every problem,
            with its path under ``$.assessment``).
    """
    request = {"op": "score", "assessment": _document(document, "$.assessment")}
    result = _ask(Evaluation, request)
    _attach(result, request)
    return result


def infer(document: AssessmentInput) -> InferenceReport:
    """What the assessment's results in other frameworks (ISO/IEC 27001, D-mærket…) say about
    the requirements not assessed directly, through the typed mappings, and which direct results
    override an inferred one.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid assessment.
    """
    return _ask(
        InferenceReport, {"op": "infer", "assessment": _document(document, "$.assessment")}
    )


def remediation_plan(document: AssessmentInput) -> Plan:
    """The remediation plan of an assessment: the gaps ranked by priority (gap × weight × risk
    factor ÷ effort, with its breakdown), in an order that respects the prerequisites, scheduled
    into quarters up to the target date.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid assessment.
    """
    return _ask(Plan, {"op": "plan", "assessment": _document(document, "$.assessment")})


def assessment_report(
    document: AssessmentInput, format: ReportFormat = "md", lang: Lang = "en"
) -> Report:
    """A report of an assessment for the management body: ``md``, ``html``, ``xlsx`` (the
    workbook, base64 in ``content``) or ``json`` (the requirement set, evaluation and plan in
    one document), in ``lang``. ``.to_bytes()`` is the file, ``.save(path)`` writes it.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid assessment.
    """
    request = {
        "op": "report",
        "assessment": _document(document, "$.assessment"),
        "format": format,
        "lang": lang,
    }
    return _ask(Report, request)
