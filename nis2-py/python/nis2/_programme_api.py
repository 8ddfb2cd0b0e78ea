"""The programme functions of ``nis2``: :func:`programme` (any request) and the conveniences
(:func:`deadlines`, :func:`significant_incident`, :func:`wheel`, :func:`wheel_ics`,
:func:`plan`, :func:`governance`, :func:`suppliers`, :func:`obligations`,
:func:`validate_programme`). Re-exported by ``nis2``."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Optional, TypeVar, Union, overload

from . import _nis2
from ._convert import Record, call, engine_document, load_json
from ._inputs import compact_json, document as _document
from .errors import DataError, invalid_input
from .programme_types import (
    GovernanceReport,
    IncidentClock,
    IncidentFacts,
    IncidentInput,
    Language,
    ObligationsResult,
    PlanReport,
    Programme,
    SignificanceResult,
    SupplierReport,
    ValidateResult,
    WheelFormat,
    WheelIcs,
    WheelResult,
)
from .scope_types import Profile

__all__ = [
    "DateInput",
    "FactsInput",
    "IncidentArg",
    "ProfileArg",
    "ProgrammeInput",
    "ProgrammeRequest",
    "ProgrammeResponse",
    "deadlines",
    "governance",
    "obligations",
    "plan",
    "programme",
    "significant_incident",
    "suppliers",
    "validate_programme",
    "wheel",
    "wheel_ics",
]

ProgrammeRequest = Union[Mapping[str, Any], str]
"""What :func:`programme` accepts: a request as a dict (``{"op": "deadlines", "incident":
{...}}``, see the ``programme-request`` JSON Schema; its fields may be typed documents: a
:class:`Programme`, an :class:`IncidentInput`, :class:`IncidentFacts`, a :class:`~nis2.Profile`)
or as JSON text."""

ProgrammeResponse = Union[
    IncidentClock,
    SignificanceResult,
    WheelResult,
    WheelIcs,
    PlanReport,
    GovernanceReport,
    SupplierReport,
    ObligationsResult,
    ValidateResult,
]
"""What :func:`programme` returns, by ``op``: ``deadlines`` → :class:`IncidentClock`,
``significant_incident`` → :class:`SignificanceResult`, ``wheel`` → :class:`WheelResult` (or
:class:`WheelIcs` for ``"format": "ics"``), ``plan`` → :class:`PlanReport`, ``governance`` →
:class:`GovernanceReport`, ``suppliers`` → :class:`SupplierReport`, ``obligations`` →
:class:`ObligationsResult`, ``validate`` → :class:`ValidateResult`."""

ProgrammeInput = Union[Programme, Mapping[str, Any], str, os.PathLike[str]]
"""A programme: a :class:`Programme`, a dict shaped as the ``programme`` JSON Schema, its JSON
text, or the path of a JSON file."""

IncidentArg = Union[IncidentInput, Mapping[str, Any], str, os.PathLike[str]]
"""An incident: an :class:`IncidentInput`, a dict shaped as the ``incident`` JSON Schema, its
JSON text, or the path of a JSON file."""

FactsInput = Union[IncidentFacts, Mapping[str, Any]]
"""What is known about an incident: :class:`IncidentFacts` or a dict of the same fields."""

ProfileArg = Union[Profile, Mapping[str, Any], str, os.PathLike[str]]
"""A scope profile: a :class:`~nis2.Profile`, a dict shaped as the ``scope-profile`` JSON Schema,
its JSON text, or the path of a JSON file."""

DateInput = Union[str, datetime.date]
"""A date: ``YYYY-MM-DD`` text or a :class:`datetime.date`."""

R = TypeVar("R", bound=Record)

_RESPONSES: dict[str, type[Record]] = {
    "deadlines": IncidentClock,
    "significant_incident": SignificanceResult,
    "wheel": WheelResult,
    "plan": PlanReport,
    "governance": GovernanceReport,
    "suppliers": SupplierReport,
    "obligations": ObligationsResult,
    "validate": ValidateResult,
}


# ------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------


def _date(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value  # text, or anything else: the engine names the problem


def _plain(value: Any) -> Any:
    """A request field as JSON: typed documents as their dicts, dates as ``YYYY-MM-DD``."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, datetime.date):
        return _date(value)
    return value


# ------------------------------------------------------------------------------------------------
# Calls
# ------------------------------------------------------------------------------------------------


def _ask(cls: type[R], request: dict[str, Any]) -> R:
    text = call(_nis2.programme_obj, request)
    return engine_document(cls, load_json(text, f"a programme {request['op']} response"), text)


def _attach(result: Record, request: Mapping[str, Any]) -> None:
    """Give an årshjul its request (for ``to_ics``)."""
    if isinstance(result, WheelResult):
        text = compact_json(request)
        if text is not None:  # else not JSON as Python sees it: no iCalendar view
            object.__setattr__(result, "_request", text)


def programme(request: ProgrammeRequest) -> ProgrammeResponse:
    """Run any programme request: ``{"op": "deadlines" | "significant_incident" | "wheel" |
    "plan" | "governance" | "suppliers" | "obligations" | "validate", ...}`` (see
    ``docs/programme.md``).

    Args:
        request: the request as a dict or as JSON text.

    Returns:
        The typed response of the ``op`` asked (see :data:`ProgrammeResponse`); ``to_dict()`` is
        the engine's document and ``to_json()`` its exact bytes (the same as ``nis2 programme
        FILE``).

    Raises:
        InvalidInputError: a malformed request (unknown field, a time without a zone, a
            notification before awareness…), naming the JSON path (``$.incident.aware_at``).
        UnknownIdError: an unknown op, time zone, person, entity type… with ``suggestions``.
        MultipleErrors: a programme or incident with several problems: every one, with its path
            (``$.programme.plan[3].owner``).
    """
    parsed: Any = request
    if isinstance(request, Mapping):
        parsed = {k: _plain(v) for k, v in request.items()}
        text = call(_nis2.programme_obj, parsed)
    elif isinstance(request, str):
        text = call(_nis2.programme_json, request)
        try:
            parsed = json.loads(request)
        except ValueError:  # not reachable: the engine read it as JSON
            parsed = None
    else:  # the engine names the problem (`$`: expected a request object)
        text = call(_nis2.programme_obj, request)
    if not isinstance(parsed, Mapping):
        raise DataError(
            f"the engine answered a programme request that is not an object: {request!r}"
        )
    op = parsed.get("op")
    cls = _RESPONSES.get(op) if isinstance(op, str) else None
    if cls is WheelResult and parsed.get("format") == "ics":
        cls = WheelIcs
    if cls is None:
        raise DataError(f"the engine answered an unknown programme op {op!r}")
    result = engine_document(cls, load_json(text, f"a programme {op} response"), text)
    _attach(result, parsed)
    return result  # type: ignore[return-value]  # one of ProgrammeResponse, by construction


def deadlines(incident: IncidentArg) -> IncidentClock:
    """The Art 23 clocks of an incident: early warning (24 h), incident notification (72 h, or
    24 h for a trust service provider), intermediate and final reports, each with its due time
    in the incident's time zone and in UTC, its status as of ``as_of`` and the rule applied.

    ``nis2.deadlines({"aware_at": "2026-01-29T08:00", "time_zone": "Europe/Copenhagen"})``

    Args:
        incident: an :class:`IncidentInput`, a dict, its JSON text, or the path of a JSON file.

    Raises:
        InvalidInputError, UnknownIdError, MultipleErrors: an invalid incident (paths under
            ``$.incident``).
    """
    return _ask(IncidentClock, {"op": "deadlines", "incident": _document(incident, "$.incident")})


def significant_incident(
    entity_types: Union[str, Iterable[str]], facts: Optional[FactsInput] = None
) -> SignificanceResult:
    """Whether an incident is significant under Implementing Regulation (EU) 2024/2690
    (Art 3–14): each criterion of the entity's types, met, not met or undetermined for want of
    a fact, with its citation; a fact left out is unknown, not "no".

    ``nis2.significant_incident("NIS2-I-08-04", {"direct_financial_loss_eur": 600_000})``

    Args:
        entity_types: the entity's types (catalog ids), or one id.
        facts: what is known (:class:`IncidentFacts` or a dict); nothing when omitted.

    Raises:
        InvalidInputError, UnknownIdError: an entity type the Regulation does not cover, or a
            malformed fact (paths under ``$.entity_types``, ``$.facts``).
    """
    types = [entity_types] if isinstance(entity_types, str) else list(entity_types)
    request: dict[str, Any] = {"op": "significant_incident", "entity_types": types}
    if facts is not None:
        request["facts"] = _document(facts, "$.facts")
    return _ask(SignificanceResult, request)


def _wheel_request(
    programme: ProgrammeInput,
    year: int,
    format: WheelFormat,
    reference_date: Optional[DateInput],
    language: Language,
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "op": "wheel",
        "programme": _document(programme, "$.programme"),
        "year": year,
        "format": format,
        "language": language,
    }
    if reference_date is not None:
        request["reference_date"] = _date(reference_date)
    return request


@overload
def wheel(
    programme: ProgrammeInput,
    year: int,
    *,
    format: Literal["data"] = ...,
    reference_date: Optional[DateInput] = ...,
    language: Language = ...,
) -> WheelResult: ...
@overload
def wheel(
    programme: ProgrammeInput,
    year: int,
    *,
    format: Literal["ics"],
    reference_date: Optional[DateInput] = ...,
    language: Language = ...,
) -> WheelIcs: ...
def wheel(
    programme: ProgrammeInput,
    year: int,
    *,
    format: WheelFormat = "data",
    reference_date: Optional[DateInput] = None,
    language: Language = "en",
) -> Union[WheelResult, WheelIcs]:
    """The årshjul (annual compliance calendar) of a programme for ``year``: every recurring
    activity and supplier review on its dates, with its owner, requirements and citation, and
    the load per month. ``format="ics"`` gives the iCalendar document instead
    (:class:`WheelIcs`, ``.ics``); :meth:`WheelResult.to_ics` and :func:`wheel_ics` give the
    text.

    Args:
        programme: a :class:`Programme`, a dict, its JSON text, or the path of a JSON file.
        year: the calendar year.
        reference_date: the date the calendar is made as of (its ``DTSTAMP``; default 1 January
            of ``year``).
        language: of the calendar entries (``en`` or ``da``).

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid programme (paths under
            ``$.programme``) or year.
    """
    request = _wheel_request(programme, year, format, reference_date, language)
    if format == "ics":
        return _ask(WheelIcs, request)
    result = _ask(WheelResult, request)
    _attach(result, request)
    return result


def wheel_ics(
    programme: ProgrammeInput,
    year: int,
    *,
    reference_date: Optional[DateInput] = None,
    language: Language = "en",
) -> str:
    """The årshjul of ``year`` as iCalendar (RFC 5545) text: one all-day VEVENT per task, CRLF
    line ends, lines folded at 75 octets; what ``nis2 wheel FILE --year YEAR --ics`` writes.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid programme or year.
    """
    return wheel(
        programme, year, format="ics", reference_date=reference_date, language=language
    ).ics


def _report(cls: type[R], op: str, programme: ProgrammeInput, reference_date: DateInput) -> R:
    request = {
        "op": op,
        "programme": _document(programme, "$.programme"),
        "reference_date": _date(reference_date),
    }
    return _ask(cls, request)


def plan(programme: ProgrammeInput, reference_date: DateInput) -> PlanReport:
    """The implementation plan as of ``reference_date``: progress per step of the programme and
    overall, overdue and due-soon tasks, tasks waiting for others, the requirements covered, and
    the governance report (Art 20).

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid programme (paths under
            ``$.programme``) or date.
    """
    return _report(PlanReport, "plan", programme, reference_date)


def governance(programme: ProgrammeInput, reference_date: DateInput) -> GovernanceReport:
    """The governance register as of ``reference_date`` (Art 20): the management body and its
    training, the accountable executives, the decisions, staff training, and the findings.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid programme or date.
    """
    return _report(GovernanceReport, "governance", programme, reference_date)


def suppliers(programme: ProgrammeInput, reference_date: DateInput) -> SupplierReport:
    """The supplier register as of ``reference_date`` (Art 21(2)(d), 21(3)): per supplier the
    contract clauses present and missing, the risk band, the review due, and the gaps.

    Raises:
        MultipleErrors, InvalidInputError, UnknownIdError: an invalid programme or date.
    """
    return _report(SupplierReport, "suppliers", programme, reference_date)


def obligations(
    profile: ProfileArg, worldwide_turnover_eur: Optional[float] = None
) -> ObligationsResult:
    """The obligations that follow from an organisation's class: the Art 34 fine ceilings (with
    the turnover-based amount when ``worldwide_turnover_eur`` is given), the supervision regime
    (Art 32, 33), registration (Art 3(4), 27) and reporting facts.

    Args:
        profile: a scope profile (:class:`~nis2.Profile`, a dict, its JSON text or a path).
        worldwide_turnover_eur: the total worldwide annual turnover of the undertaking (EUR).

    Raises:
        InvalidInputError, UnknownIdError, MultipleErrors: an invalid profile (paths under
            ``$.profile``) or turnover.
    """
    request: dict[str, Any] = {"op": "obligations", "profile": _document(profile, "$.profile")}
    if worldwide_turnover_eur is not None:
        request["worldwide_turnover_eur"] = worldwide_turnover_eur
    return _ask(ObligationsResult, request)


def validate_programme(programme: ProgrammeInput) -> ValidateResult:
    """Validate a programme (``valid`` with the record counts); an invalid one raises, listing
    every problem with its path under ``$.programme``.

    Raises:
        MultipleErrors: several problems (unknown people, duplicate ids, dependency cycles…),
            each with its path.
        InvalidInputError, UnknownIdError: one problem.
    """
    return _ask(
        ValidateResult, {"op": "validate", "programme": _document(programme, "$.programme")}
    )
