"""The types of :func:`nis2.scope`: does the NIS2 Directive apply to an organisation, and in
which class?

The input is a :class:`Profile` (or the same document as a dict or JSON text), the output a
:class:`ScopeResult` with the outcome, the size computation, every rule evaluated (``trace``)
with its citation, and the open questions whose answers could change the outcome.

The field names, types and enumerated values mirror the JSON Schemas ``scope-profile`` and
``scope-result`` (see :func:`nis2.schema`); the test suite checks that they do not drift.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, Optional, Union, get_args

from ._convert import Record, build, load_json, reader
from .errors import DataError, InvalidInputError
from .reference import JurisdictionRule, VerificationStatus
from .text import Lang, Text

__all__ = [
    "Activity",
    "ActivityResult",
    "AnswerEffect",
    "AttentionPoint",
    "CeilingTest",
    "Classification",
    "Contribution",
    "Designations",
    "Figures",
    "Identification",
    "InScope",
    "OpenQuestion",
    "PeriodComputation",
    "PeriodFigures",
    "Profile",
    "ProfileInput",
    "QuestionKind",
    "RelatedEnterprise",
    "Relationship",
    "RuleOutcome",
    "ScopeResult",
    "SecurityExemption",
    "SizeClass",
    "SizeInput",
    "SizeResult",
    "Supervision",
    "SupervisionRegime",
    "TraceStep",
]

# --------------------------------------------------------------------------------------------
# Enumerated values
# --------------------------------------------------------------------------------------------

Relationship = Literal["partner", "linked"]
"""How another enterprise is related (Annex Art 3 of Recommendation 2003/361/EC)."""

Identification = Literal["none", "essential", "important"]
"""A Member State identification under Art 2(2)(b)–(e)."""

SecurityExemption = Literal["none", "from_art_21_and_23", "full"]
"""An Art 2(8) exemption decided by a Member State."""

InScope = Literal["yes", "no", "depends_on_member_state", "undetermined"]
"""Whether the Directive applies."""

Classification = Literal[
    "essential",
    "important",
    "registration_only",
    "none",
    "depends_on_member_state",
    "undetermined",
]
"""The class under Art 3."""

SizeClass = Literal["micro", "small", "medium", "large", "undetermined"]
"""Size class under the Annex to Recommendation 2003/361/EC."""

SupervisionRegime = Literal["ex_ante_and_ex_post", "ex_post", "none", "not_settled"]
"""The supervision regime that follows from the class (Art 32, 33)."""

QuestionKind = Literal["missing_fact", "presumption"]
"""Whether an open question blocks the outcome (``missing_fact``) or states a presumption."""

RuleOutcome = Literal[
    "applies", "does_not_apply", "unknown", "depends_on_member_state", "presumed", "note"
]
"""The result of one rule in the trace."""

_RELATIONSHIP = get_args(Relationship)
_IDENTIFICATION = get_args(Identification)
_SECURITY_EXEMPTION = get_args(SecurityExemption)
_IN_SCOPE = get_args(InScope)
_CLASSIFICATION = get_args(Classification)
_SIZE_CLASS = get_args(SizeClass)
_REGIME = get_args(SupervisionRegime)
_QUESTION_KIND = get_args(QuestionKind)
_RULE_OUTCOME = get_args(RuleOutcome)
_JURISDICTION = get_args(JurisdictionRule)
_VERIFICATION = get_args(VerificationStatus)


def _tuple(value: Optional[Sequence[Any]]) -> Optional[tuple[Any, ...]]:
    return None if value is None else tuple(value)


# --------------------------------------------------------------------------------------------
# Input: the profile
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity(Record):
    """One activity of the organisation: an entity type of the catalog (``NIS2-I-06-01``)."""

    entity_type: str
    qualified_trust_service_provider: Optional[bool] = None
    """For ``NIS2-I-08-07`` (trust service providers) only: qualified (eIDAS Art 3(20))?"""
    significant_impact_assessed: Optional[bool] = None
    """For ``NIS2-I-10-02`` (regional public administration) only: Art 2(2)(f)(ii) assessment."""
    note: Optional[str] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Activity:
        """Read the JSON object; an unknown key or a wrong type raises
        :class:`~nis2.InvalidInputError` naming its path."""
        r = reader(cls, data, path)
        return cls(
            entity_type=r.req_str("entity_type"),
            qualified_trust_service_provider=r.opt_bool("qualified_trust_service_provider"),
            significant_impact_assessed=r.opt_bool("significant_impact_assessed"),
            note=r.opt_str("note"),
        )


@dataclass(frozen=True)
class RelatedEnterprise(Record):
    """A partner or linked enterprise with its own figures (Annex Art 3, 6)."""

    relationship: Relationship
    name: Optional[str] = None
    share_percent: Optional[float] = None
    staff_headcount: Optional[float] = None
    annual_turnover_eur: Optional[float] = None
    balance_sheet_total_eur: Optional[float] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> RelatedEnterprise:
        """Read the JSON object (see :meth:`Activity.from_dict`)."""
        r = reader(cls, data, path)
        return cls(
            name=r.opt_str("name"),
            relationship=r.req_literal("relationship", _RELATIONSHIP),
            share_percent=r.opt_num("share_percent"),
            staff_headcount=r.opt_num("staff_headcount"),
            annual_turnover_eur=r.opt_num("annual_turnover_eur"),
            balance_sheet_total_eur=r.opt_num("balance_sheet_total_eur"),
        )


@dataclass(frozen=True)
class PeriodFigures(Record):
    """Figures of an earlier accounting period (for the two-period rule, Annex Art 4(2))."""

    period: Optional[str] = None
    staff_headcount: Optional[float] = None
    annual_turnover_eur: Optional[float] = None
    balance_sheet_total_eur: Optional[float] = None
    related_enterprises: Optional[Sequence[RelatedEnterprise]] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "related_enterprises", _tuple(self.related_enterprises))

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> PeriodFigures:
        """Read the JSON object (see :meth:`Activity.from_dict`)."""
        r = reader(cls, data, path)
        return cls(
            period=r.opt_str("period"),
            staff_headcount=r.opt_num("staff_headcount"),
            annual_turnover_eur=r.opt_num("annual_turnover_eur"),
            balance_sheet_total_eur=r.opt_num("balance_sheet_total_eur"),
            related_enterprises=r.opt_list("related_enterprises", RelatedEnterprise.from_dict),
        )


@dataclass(frozen=True)
class SizeInput(Record):
    """Size figures per Recommendation 2003/361/EC, for the latest approved accounting period.

    ``related_enterprises=None`` means "not stated" (the figures are taken as those of an
    autonomous enterprise, and the result says so); an empty sequence states there are none.
    """

    staff_headcount: Optional[float] = None
    annual_turnover_eur: Optional[float] = None
    balance_sheet_total_eur: Optional[float] = None
    related_enterprises: Optional[Sequence[RelatedEnterprise]] = None
    previous_periods: Optional[Sequence[PeriodFigures]] = None
    public_bodies_control_percent: Optional[float] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "related_enterprises", _tuple(self.related_enterprises))
        object.__setattr__(self, "previous_periods", _tuple(self.previous_periods))

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> SizeInput:
        """Read the JSON object (see :meth:`Activity.from_dict`)."""
        r = reader(cls, data, path)
        return cls(
            staff_headcount=r.opt_num("staff_headcount"),
            annual_turnover_eur=r.opt_num("annual_turnover_eur"),
            balance_sheet_total_eur=r.opt_num("balance_sheet_total_eur"),
            related_enterprises=r.opt_list("related_enterprises", RelatedEnterprise.from_dict),
            previous_periods=r.opt_list("previous_periods", PeriodFigures.from_dict),
            public_bodies_control_percent=r.opt_num("public_bodies_control_percent"),
        )


@dataclass(frozen=True)
class Designations(Record):
    """Decisions by authorities that change the outcome; ``None`` means "not taken" (presumed,
    and reported as a presumption)."""

    critical_entity_cer: Optional[bool] = None
    member_state_identification: Optional[Identification] = None
    nis1_operator_of_essential_services: Optional[bool] = None
    security_exemption: Optional[SecurityExemption] = None
    dora_exempted: Optional[bool] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Designations:
        """Read the JSON object (see :meth:`Activity.from_dict`)."""
        r = reader(cls, data, path)
        return cls(
            critical_entity_cer=r.opt_bool("critical_entity_cer"),
            member_state_identification=r.opt_literal(
                "member_state_identification", _IDENTIFICATION
            ),
            nis1_operator_of_essential_services=r.opt_bool("nis1_operator_of_essential_services"),
            security_exemption=r.opt_literal("security_exemption", _SECURITY_EXEMPTION),
            dora_exempted=r.opt_bool("dora_exempted"),
        )


@dataclass(frozen=True)
class Profile(Record):
    """An organisation's profile: what it does, how big it is, and what authorities decided.

    Every fact is optional except ``activities``; a missing fact that could change the outcome
    is reported as an open question, never guessed.
    """

    activities: Sequence[Activity]
    schema_version: Optional[str] = None
    name: Optional[str] = None
    member_state: Optional[str] = None
    """ISO 3166-1 alpha-2 code of the EU/EEA Member State whose transposition applies."""
    provides_services_in_union: Optional[bool] = None
    size: Optional[SizeInput] = None
    public_security_activities: Optional[bool] = None
    designations: Optional[Designations] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "activities", tuple(self.activities))

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Profile:
        """Read a profile document (a dict as in the ``scope-profile`` JSON Schema).

        Raises:
            InvalidInputError: an unknown key, a missing ``activities``, a wrong type or a
                non-finite number, naming its JSON path (``$.size.staff_headcount``). Whether
                the entity types and the Member State exist is checked by :func:`scope`.
        """
        r = reader(cls, data, path)
        return cls(
            schema_version=r.opt_str("schema_version"),
            name=r.opt_str("name"),
            member_state=r.opt_str("member_state"),
            provides_services_in_union=r.opt_bool("provides_services_in_union"),
            activities=r.req_list("activities", Activity.from_dict),
            size=r.opt_obj("size", SizeInput.from_dict),
            public_security_activities=r.opt_bool("public_security_activities"),
            designations=r.opt_obj("designations", Designations.from_dict),
        )

    @classmethod
    def from_json(cls, text: str) -> Profile:
        """Read a profile from JSON text."""
        try:
            data = json.loads(text)
        except ValueError as e:
            raise InvalidInputError(
                f"invalid input at `$`: {e}", kind="invalid_input", path="$"
            ) from None
        return cls.from_dict(data)

    def to_json(self) -> str:
        """This profile as compact JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


ProfileInput = Union[Mapping[str, Any], Profile, str]
"""What :func:`scope` accepts: a :class:`Profile`, a dict, or JSON text."""

# --------------------------------------------------------------------------------------------
# Output: the result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures(Record):
    """Staff headcount (AWU), turnover and balance sheet total (EUR); ``None`` when unknown."""

    _KEEP_NULL = frozenset({"staff_headcount", "annual_turnover_eur", "balance_sheet_total_eur"})

    staff_headcount: Optional[float] = None
    annual_turnover_eur: Optional[float] = None
    balance_sheet_total_eur: Optional[float] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Figures:
        r = reader(cls, data, path)
        return cls(
            staff_headcount=r.opt_num("staff_headcount"),
            annual_turnover_eur=r.opt_num("annual_turnover_eur"),
            balance_sheet_total_eur=r.opt_num("balance_sheet_total_eur"),
        )


@dataclass(frozen=True)
class Contribution(Record):
    """One enterprise's contribution to the aggregated figures (Annex Art 6)."""

    source: str
    """``own``, ``partner`` or ``linked``."""
    weight_percent: float
    added: Figures
    citation: str
    name: Optional[str] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Contribution:
        r = reader(cls, data, path)
        return cls(
            source=r.req_str("source"),
            name=r.opt_str("name"),
            weight_percent=r.req_num("weight_percent"),
            added=r.req_obj("added", Figures.from_dict),
            citation=r.req_str("citation"),
        )


@dataclass(frozen=True)
class CeilingTest(Record):
    """A ceiling test for one size class; the ``*_within`` flags are ``None`` when unknown."""

    _KEEP_NULL = frozenset({"staff_within", "turnover_within", "balance_sheet_within", "within"})

    ceiling: SizeClass
    staff_below: float
    turnover_at_most_eur: float
    balance_sheet_at_most_eur: float
    citation: str
    staff_within: Optional[bool] = None
    turnover_within: Optional[bool] = None
    balance_sheet_within: Optional[bool] = None
    within: Optional[bool] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> CeilingTest:
        r = reader(cls, data, path)
        return cls(
            ceiling=r.req_literal("ceiling", _SIZE_CLASS),
            staff_below=r.req_num("staff_below"),
            turnover_at_most_eur=r.req_num("turnover_at_most_eur"),
            balance_sheet_at_most_eur=r.req_num("balance_sheet_at_most_eur"),
            staff_within=r.opt_bool("staff_within"),
            turnover_within=r.opt_bool("turnover_within"),
            balance_sheet_within=r.opt_bool("balance_sheet_within"),
            within=r.opt_bool("within"),
            citation=r.req_str("citation"),
        )


@dataclass(frozen=True)
class PeriodComputation(Record):
    """The size computation for one accounting period (``current``, or the label given)."""

    period: str
    contributions: tuple[Contribution, ...]
    aggregated: Figures
    tests: tuple[CeilingTest, ...]
    class_: SizeClass
    """The class these figures alone give (JSON key ``class``)."""

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> PeriodComputation:
        r = reader(cls, data, path)
        return cls(
            period=r.req_str("period"),
            contributions=r.req_list("contributions", Contribution.from_dict),
            aggregated=r.req_obj("aggregated", Figures.from_dict),
            tests=r.req_list("tests", CeilingTest.from_dict),
            class_=r.req_literal("class", _SIZE_CLASS),
        )


@dataclass(frozen=True)
class SizeResult(Record):
    """The size class and how it was computed."""

    class_: SizeClass
    """The class, or ``undetermined`` (JSON key ``class``)."""
    possible_classes: tuple[SizeClass, ...]
    figures_given: bool
    periods: tuple[PeriodComputation, ...]
    two_period_rule: Text
    citations: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> SizeResult:
        r = reader(cls, data, path)
        return cls(
            class_=r.req_literal("class", _SIZE_CLASS),
            possible_classes=r.req_list("possible_classes", _size_class),
            figures_given=r.req_bool("figures_given"),
            periods=r.req_list("periods", PeriodComputation.from_dict),
            two_period_rule=r.req_obj("two_period_rule", Text.from_dict),
            citations=r.str_list("citations"),
        )


def _size_class(value: object, path: str) -> SizeClass:
    if isinstance(value, str) and value in _SIZE_CLASS:
        return value  # type: ignore[return-value]
    raise InvalidInputError(
        f"invalid input at `{path}`: expected one of {', '.join(_SIZE_CLASS)}",
        kind="invalid_input",
        path=path,
    )


@dataclass(frozen=True)
class Supervision(Record):
    """The supervision regime that follows from the class."""

    regime: SupervisionRegime
    citation: str
    text: Text

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Supervision:
        r = reader(cls, data, path)
        return cls(
            regime=r.req_literal("regime", _REGIME),
            citation=r.req_str("citation"),
            text=r.req_obj("text", Text.from_dict),
        )


@dataclass(frozen=True)
class ActivityResult(Record):
    """The outcome for one activity, in input order."""

    entity_type: str
    label: Text
    citation: str
    in_scope: InScope
    classification: Classification
    basis: tuple[str, ...]
    """The rules that decided it (citations)."""
    jurisdiction: JurisdictionRule

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> ActivityResult:
        r = reader(cls, data, path)
        return cls(
            entity_type=r.req_str("entity_type"),
            label=r.req_obj("label", Text.from_dict),
            citation=r.req_str("citation"),
            in_scope=r.req_literal("in_scope", _IN_SCOPE),
            classification=r.req_literal("classification", _CLASSIFICATION),
            basis=r.str_list("basis"),
            jurisdiction=r.req_literal("jurisdiction", _JURISDICTION),
        )


@dataclass(frozen=True)
class AttentionPoint(Record):
    """Something that matters alongside the class (sector-specific acts, registration, …)."""

    id: str
    citation: str
    text: Text
    entity_types: tuple[str, ...]
    """The activities it concerns (empty: the whole organisation)."""
    status: VerificationStatus

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> AttentionPoint:
        r = reader(cls, data, path)
        return cls(
            id=r.req_str("id"),
            citation=r.req_str("citation"),
            text=r.req_obj("text", Text.from_dict),
            entity_types=r.str_list("entity_types"),
            status=r.req_literal("status", _VERIFICATION),
        )


@dataclass(frozen=True)
class AnswerEffect(Record):
    """What a given answer to an open question would lead to."""

    answer: Text
    in_scope: InScope
    classification: Classification
    value: Any = None
    """The JSON value to put at the question's ``field`` for this answer, where one expresses it."""

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> AnswerEffect:
        r = reader(cls, data, path)
        return cls(
            answer=r.req_obj("answer", Text.from_dict),
            value=r.raw("value"),
            in_scope=r.req_literal("in_scope", _IN_SCOPE),
            classification=r.req_literal("classification", _CLASSIFICATION),
        )


@dataclass(frozen=True)
class OpenQuestion(Record):
    """A fact that could change the outcome: ``missing_fact`` (the outcome is undetermined
    without it) or ``presumption`` (the outcome presumes ``presumed``)."""

    id: str
    kind: QuestionKind
    field: str
    """The profile field that answers it (a path)."""
    question: Text
    citation: str
    effects: tuple[AnswerEffect, ...]
    presumed: Any = None
    """For a presumption: the JSON value presumed."""

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> OpenQuestion:
        r = reader(cls, data, path)
        return cls(
            id=r.req_str("id"),
            kind=r.req_literal("kind", _QUESTION_KIND),
            field=r.req_str("field"),
            question=r.req_obj("question", Text.from_dict),
            citation=r.req_str("citation"),
            presumed=r.raw("presumed"),
            effects=r.req_list("effects", AnswerEffect.from_dict),
        )


@dataclass(frozen=True)
class TraceStep(Record):
    """One evaluated rule, with its citation and result."""

    rule: str
    """Stable rule id, e.g. ``art2_1_size_cap``."""
    citation: str
    outcome: RuleOutcome
    text: Text
    entity_type: Optional[str] = None
    """The activity it was evaluated for, if any."""

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> TraceStep:
        r = reader(cls, data, path)
        return cls(
            rule=r.req_str("rule"),
            citation=r.req_str("citation"),
            entity_type=r.opt_str("entity_type"),
            outcome=r.req_literal("outcome", _RULE_OUTCOME),
            text=r.req_obj("text", Text.from_dict),
        )


@dataclass(frozen=True, repr=False)
class ScopeResult(Record):
    """The result of :func:`scope`.

    ``to_dict()`` is the engine's JSON document and ``to_json()`` its exact text (byte-identical
    to the CLI's ``nis2 scope FILE --format json`` and to the WebAssembly package).
    """

    schema_version: str
    in_scope: InScope
    classification: Classification
    """The strictest outcome over all activities."""
    summary: Text
    size: SizeResult
    supervision: Supervision
    activities: tuple[ActivityResult, ...]
    attention_points: tuple[AttentionPoint, ...]
    open_questions: tuple[OpenQuestion, ...]
    trace: tuple[TraceStep, ...]
    """Every rule evaluated, in order, with its citation and result."""
    name: Optional[str] = None
    member_state: Optional[str] = None
    _json: Optional[str] = dataclasses.field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> ScopeResult:
        """Read a result document (a dict as in the ``scope-result`` JSON Schema)."""
        r = reader(cls, data, path)
        return cls(
            schema_version=r.req_str("schema_version"),
            name=r.opt_str("name"),
            member_state=r.opt_str("member_state"),
            in_scope=r.req_literal("in_scope", _IN_SCOPE),
            classification=r.req_literal("classification", _CLASSIFICATION),
            summary=r.req_obj("summary", Text.from_dict),
            size=r.req_obj("size", SizeResult.from_dict),
            supervision=r.req_obj("supervision", Supervision.from_dict),
            activities=r.req_list("activities", ActivityResult.from_dict),
            attention_points=r.req_list("attention_points", AttentionPoint.from_dict),
            open_questions=r.req_list("open_questions", OpenQuestion.from_dict),
            trace=r.req_list("trace", TraceStep.from_dict),
        )

    @classmethod
    def from_json(cls, text: str) -> ScopeResult:
        """Read a result from JSON text; :meth:`to_json` then returns ``text`` unchanged."""
        try:
            data = json.loads(text)
        except ValueError as e:
            raise InvalidInputError(
                f"invalid input at `$`: {e}", kind="invalid_input", path="$"
            ) from None
        result = cls.from_dict(data)
        object.__setattr__(result, "_json", text)
        return result

    @classmethod
    def _from_engine(cls, text: str) -> ScopeResult:
        """The engine's own output: built without re-validation (see ``_convert.build``)."""
        data = load_json(text, "a scope result")
        if not isinstance(data, dict):
            raise DataError(f"the engine returned a scope result that is not an object: {text!r}")
        result = build(cls, data)
        object.__setattr__(result, "_json", text)
        return result

    def to_dict(self) -> dict[str, Any]:
        """The result document as a dict: exactly the engine's JSON, parsed (a fresh copy)."""
        if self._json is not None:
            data: dict[str, Any] = json.loads(self._json)
            return data
        return super().to_dict()

    def to_json(self) -> str:
        """The result document as compact JSON text: the engine's exact bytes."""
        if self._json is not None:
            return self._json
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @property
    def missing_facts(self) -> tuple[OpenQuestion, ...]:
        """The open questions that leave the outcome undetermined (kind ``missing_fact``)."""
        return tuple(q for q in self.open_questions if q.kind == "missing_fact")

    def __repr__(self) -> str:
        return (
            f"ScopeResult(in_scope={self.in_scope!r}, classification={self.classification!r}, "
            f"name={self.name!r}, member_state={self.member_state!r}, "
            f"size={self.size.class_!r}, activities={len(self.activities)}, "
            f"open_questions={len(self.open_questions)}, trace={len(self.trace)} steps)"
        )

    def to_html(self, lang: Lang = "en") -> str:
        """A compact HTML summary: outcome, activities, the trace with citations, and the open
        questions (used by notebooks through ``_repr_html_``)."""
        return _html(self, lang)

    def _repr_html_(self) -> str:
        return self.to_html()


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _label(value: str) -> str:
    return value.replace("_", " ")


_STYLE = (
    "<style>.nis2-scope table{border-collapse:collapse;margin:.3em 0}"
    ".nis2-scope th,.nis2-scope td{border:1px solid #ccc;padding:2px 6px;text-align:left;"
    "vertical-align:top}.nis2-scope .o-applies{color:#060}.nis2-scope .o-does_not_apply{color:#888}"
    ".nis2-scope .o-unknown,.nis2-scope .o-depends_on_member_state{color:#a60}</style>"
)


def _html(r: ScopeResult, lang: Lang) -> str:
    def t(text: Text) -> str:
        return _e(text.get(lang))

    who = _e(r.name) if r.name else "Organisation"
    ms = f" ({_e(r.member_state)})" if r.member_state else ""
    parts = [
        _STYLE,
        '<div class="nis2-scope">',
        f"<h4>NIS2 scope: {who}{ms}</h4>",
        "<p>"
        f"In scope: <b>{_e(_label(r.in_scope))}</b> &middot; "
        f"class: <b>{_e(_label(r.classification))}</b> &middot; "
        f"size: {_e(r.size.class_)} &middot; "
        f"supervision: {_e(_label(r.supervision.regime))} ({_e(r.supervision.citation)})"
        "</p>",
        f"<p>{t(r.summary)}</p>",
    ]
    if r.activities:
        parts.append(
            "<table><thead><tr><th>Entity type</th><th>Activity</th><th>In scope</th>"
            "<th>Class</th><th>Basis</th></tr></thead><tbody>"
        )
        for a in r.activities:
            parts.append(
                f"<tr><td><code>{_e(a.entity_type)}</code></td><td>{t(a.label)} "
                f"<small>({_e(a.citation)})</small></td><td>{_e(_label(a.in_scope))}</td>"
                f"<td>{_e(_label(a.classification))}</td><td>{_e('; '.join(a.basis))}</td></tr>"
            )
        parts.append("</tbody></table>")
    if r.open_questions:
        parts.append(f"<p><b>Open questions ({len(r.open_questions)})</b></p><ul>")
        for q in r.open_questions:
            presumed = (
                f" Presumed: <code>{_e(json.dumps(q.presumed, ensure_ascii=False))}</code>."
                if q.presumed is not None
                else ""
            )
            parts.append(
                f"<li><i>{_e(_label(q.kind))}</i>: {t(q.question)} "
                f"<small>({_e(q.citation)}; field <code>{_e(q.field)}</code>)</small>{presumed}</li>"
            )
        parts.append("</ul>")
    parts.append(
        f"<details><summary><b>Trace</b> ({len(r.trace)} rules)</summary>"
        "<table><thead><tr><th>#</th><th>Rule</th><th>Citation</th><th>Activity</th>"
        "<th>Outcome</th><th>Explanation</th></tr></thead><tbody>"
    )
    for i, s in enumerate(r.trace, 1):
        parts.append(
            f"<tr><td>{i}</td><td><code>{_e(s.rule)}</code></td><td>{_e(s.citation)}</td>"
            f"<td>{_e(s.entity_type or '')}</td>"
            f'<td class="o-{_e(s.outcome)}">{_e(_label(s.outcome))}</td><td>{t(s.text)}</td></tr>'
        )
    parts.append("</tbody></table></details></div>")
    return "".join(parts)
