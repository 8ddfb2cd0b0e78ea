"""The conveniences an auditor uses from a notebook: each builds one request and runs it through
:func:`nis2.call`, returning the typed explained response of its operation. For a verdict, or
for a field a convenience does not take, call the capability with the request itself
(``nis2.catalog({"op": "map", …}, detail="verdict")``)."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

from ._api import ask
from ._record import Record
from ._requests import DateInput, DocumentInput, date, document, plain
from .model import (
    Assessment, AuditImport, AuditTable, CoverageResponse, CsvExport, EvidenceResponse,
    ExportFormat, ExportResponse, FullResult, GovernanceReport, HeatMap, HeatMapSvg,
    IncidentClock, InferenceReport, Lang, ListResponse, MapResponse, MatrixReport, NodeResponse,
    ObligationsResult, Plan, PlanReport, PrerequisiteTable, PresetCatalog, Questionnaire,
    QuestionnaireImport, RegisterCheck, Report, ReportFormat, Reprojection, RequirementSet,
    RiskStage, ScaleCatalog, ShowResponse, SignificanceResult, SupplierReport, TableFormat,
    ThreatCatalog, ValidateResult, WheelIcs, WheelResult,
)

__all__ = [
    "MatrixInput",
    "RatingInput",
    "assess",
    "assess_risks",
    "assessment_prerequisites",
    "assessment_report",
    "audit_export",
    "audit_import",
    "questionnaire",
    "questionnaire_import",
    "assessment_scales",
    "coverage",
    "deadlines",
    "evidence",
    "export",
    "framework",
    "frameworks",
    "governance",
    "heatmap",
    "heatmap_svg",
    "infer",
    "map",
    "node",
    "obligations",
    "plan",
    "remediation_plan",
    "reproject",
    "requirements",
    "risk_csv",
    "risk_presets",
    "significant_incident",
    "suppliers",
    "threats",
    "validate_matrix",
    "validate_programme",
    "validate_register",
    "wheel",
    "wheel_ics",
]

MatrixInput = Union[str, DocumentInput]
"""A risk matrix: a preset id (``"iso27005-style-5x5"``, see :func:`risk_presets`), a typed
:class:`RiskMatrix`, a dict, or the path of a JSON file."""

RatingInput = Union[Record, Mapping[str, Any], Sequence[int]]
"""A rating on a matrix: a :class:`Rating`, ``{"likelihood": 4, "impact": 2}`` or ``(4, 2)``."""


def _ids(value: Union[str, Iterable[str]]) -> Any:
    """One id or several, as a list (anything else as given: the engine names the problem)."""
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, Iterable) else value


def _given(request: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The request with the fields that were given (not ``None``)."""
    request.update({k: plain(v) for k, v in fields.items() if v is not None})
    return request


# -- catalog ------------------------------------------------------------------------------------


def frameworks() -> ListResponse:
    """Every framework (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish programme)
    and every mapping between them, with counts, licence, status and export formats."""
    return ask(ListResponse, "catalog", {"op": "list"})


def framework(id: str) -> ShowResponse:
    """A whole framework with every node (``.framework``).

    Raises:
        UnknownIdError: an unknown framework id (``$.framework``), with ``suggestions``.
    """
    return ask(ShowResponse, "catalog", {"op": "show", "framework": id})


def node(id: str) -> NodeResponse:
    """One node (``"ISO27001:A.5.19"``, ``"NIS2:21.2.d"``) with its ancestors, children, the
    nodes it implements or that implement it, and every mapping pair that names it."""
    return ask(NodeResponse, "catalog", {"op": "node", "id": id})


def map(from_id: str, to_framework: str, via: Optional[str] = None) -> MapResponse:
    """What a node covers in another framework, and how strongly: ``nis2.map("ISO27001:A.5.19",
    "nis2")`` answers "which NIS2 requirements does ISO/IEC 27001 A.5.19 help with?". Each
    result names the node reached, the relationship of the subject to it, the weakest confidence
    along the chain, the provenance and the strongest chain step by step.

    Args:
        from_id: the node to start from (request field ``from``).
        to_framework: the framework to map into (``to``).
        via: a pivot framework; without it the direct mappings, or every single pivot.
    """
    request = {"op": "map", "from": from_id, "to": to_framework}
    return ask(MapResponse, "catalog", _given(request, via=via))


def evidence(requirement: str, from_framework: str, via: Optional[str] = None) -> EvidenceResponse:
    """Which nodes of a framework evidence a requirement, and how strongly:
    ``nis2.evidence("NIS2:21.2.d", "iso27001-2022")`` answers "which ISO controls evidence
    Art 21(2)(d)?"."""
    request = {"op": "evidence", "requirement": requirement, "from": from_framework}
    return ask(EvidenceResponse, "catalog", _given(request, via=via))


def coverage(
    target: str, controls: Union[str, Iterable[str]], via: Optional[str] = None
) -> CoverageResponse:
    """How much of a requirement a set of controls reaches: per leaf requirement of ``target``
    the strongest relationship of any control to it, and totals.

    Args:
        target: the requirement or group to cover (``"NIS2:21.2.d"``).
        controls: the controls in place, node ids of any framework (one id or several).
        via: count the leaves of this framework that detail the target (``"cir-2024-2690"``).
    """
    request = {"op": "coverage", "target": target, "controls": _ids(controls)}
    return ask(CoverageResponse, "catalog", _given(request, via=via))


def export(
    *,
    framework: Optional[str] = None,
    mapping: Optional[str] = None,
    format: ExportFormat = "json",
    ciso_assistant_frameworks: bool = False,
) -> str:
    """A framework or a mapping (give exactly one) as a document: ``json`` (the data model),
    ``oscal`` (OSCAL 1.2.1 JSON), ``csv`` (RFC 4180) or ``ciso_assistant`` (a CISO Assistant
    library, YAML; ``ciso_assistant_frameworks=True`` makes a mapping name CISO Assistant's own
    shipped frameworks where one exists). The file name and media type are in the full
    response: ``nis2.catalog({"op": "export", …})``."""
    request = _given({"op": "export"}, framework=framework, mapping=mapping, format=format)
    if ciso_assistant_frameworks:
        request["ciso_assistant_frameworks"] = True
    return ask(ExportResponse, "catalog", request).content


# -- risk -----------------------------------------------------------------------------------------


def _matrix(matrix: MatrixInput, path: str) -> Any:  # a str is a preset id, as for the engine
    return matrix if isinstance(matrix, str) else document(matrix, path)


def _rating(rating: RatingInput) -> Any:
    if isinstance(rating, (tuple, list)) and len(rating) == 2:
        return {"likelihood": rating[0], "impact": rating[1]}
    return plain(rating)


def risk_presets() -> PresetCatalog:
    """The embedded matrix presets (3×3, 4×4 and 5×5 in the style of ISO/IEC 27005)."""
    return ask(PresetCatalog, "risk", {"op": "presets"})


def threats() -> ThreatCatalog:
    """The built-in threat catalogue: categories and threats, with the properties each
    affects."""
    return ask(ThreatCatalog, "risk", {"op": "threats"})


def validate_matrix(matrix: MatrixInput) -> MatrixReport:
    """Validate a risk matrix: the level of every cell and what each level covers; every
    problem at once (``MultipleErrors``, paths under ``$.matrix``)."""
    return ask(
        MatrixReport, "risk", {"op": "validate_matrix", "matrix": _matrix(matrix, "$.matrix")}
    )


def validate_register(register: DocumentInput) -> RegisterCheck:
    """Validate a risk register (``valid`` with counts); an invalid one raises, listing every
    problem with its path under ``$.register``."""
    request = {"op": "validate_register", "register": document(register, "$.register")}
    return ask(RegisterCheck, "risk", request)


def assess_risks(register: DocumentInput) -> Assessment:
    """Assess a register: each scenario's inherent, current and residual risk, what assets and
    services inherit, the scenarios above the appetite, findings and a summary."""
    return ask(Assessment, "risk", {"op": "assess", "register": document(register, "$.register")})


def heatmap(register: DocumentInput, stage: RiskStage = "residual") -> HeatMap:
    """The heat map of one stage (``inherent``, ``current``, ``residual``): per cell its level
    and scenarios. It shows as the core's SVG in a notebook (``render("svg", lang)``)."""
    request = {"op": "heatmap", "register": document(register, "$.register"), "stage": stage}
    return ask(HeatMap, "risk", request)


def heatmap_svg(register: DocumentInput, stage: RiskStage = "residual", lang: Lang = "en") -> str:
    """The heat map of one stage as the engine's accessible SVG document (op ``heatmap_svg``)."""
    request = {"op": "heatmap_svg", "register": document(register, "$.register")}
    return ask(HeatMapSvg, "risk", {**request, "stage": stage, "lang": lang}).svg


def reproject(
    from_matrix: MatrixInput, to_matrix: MatrixInput, ratings: Iterable[RatingInput]
) -> Reprojection:
    """Move ratings from one matrix to another, never understating a risk:
    ``nis2.reproject("iso27005-style-5x5", "iso27005-style-3x3", [(4, 2), (5, 5)])``."""
    request = {
        "op": "reproject",
        "from": _matrix(from_matrix, "$.from"),
        "to": _matrix(to_matrix, "$.to"),
        "ratings": [_rating(r) for r in ratings] if isinstance(ratings, Iterable) else ratings,
    }
    return ask(Reprojection, "risk", request)


def risk_csv(register: DocumentInput, lang: Lang = "en") -> str:
    """The register as CSV (RFC 4180, CRLF, a header row), one row per scenario."""
    request = {"op": "csv", "register": document(register, "$.register"), "lang": lang}
    return ask(CsvExport, "risk", request).csv


# -- programme ------------------------------------------------------------------------------------


def deadlines(incident: DocumentInput) -> IncidentClock:
    """The Art 23 clocks of an incident (early warning, notification, intermediate and final
    reports), each with its due time, status and rule:
    ``nis2.deadlines({"aware_at": "2026-01-29T08:00", "time_zone": "Europe/Copenhagen"})``."""
    request = {"op": "deadlines", "incident": document(incident, "$.incident")}
    return ask(IncidentClock, "programme", request)


def significant_incident(
    entity_types: Union[str, Iterable[str]],
    facts: Optional[DocumentInput] = None,
    *,
    services: Optional[Iterable[DocumentInput]] = None,
) -> SignificanceResult:
    """Whether an incident is significant under Implementing Regulation (EU) 2024/2690: each
    criterion met, not met or undetermined for want of a fact (a fact left out is unknown).
    An entity whose types fall under different Articles gives each service's own figures in
    ``services`` (each with its ``entity_type``).
    ``nis2.significant_incident("NIS2-I-08-04", {"direct_financial_loss_eur": 600_000})``"""
    request: dict[str, Any] = {"op": "significant_incident", "entity_types": _ids(entity_types)}
    if facts is not None:
        request["facts"] = document(facts, "$.facts")
    if services is not None:
        request["services"] = [
            document(s, f"$.services[{i}]") for i, s in enumerate(services)
        ]
    return ask(SignificanceResult, "programme", request)


def _wheel(
    op: str,
    programme: DocumentInput,
    year: int,
    reference_date: Optional[DateInput],
    lang: Optional[Lang],
) -> dict[str, Any]:
    request = {"op": op, "programme": document(programme, "$.programme"), "year": year}
    return _given(request, reference_date=reference_date, lang=lang)


def wheel(
    programme: DocumentInput,
    year: int,
    *,
    reference_date: Optional[DateInput] = None,
    lang: Optional[Lang] = None,
) -> WheelResult:
    """The årshjul (annual compliance calendar) of a programme for ``year``: every recurring
    activity and supplier review on its dates, with owner, requirements and citation.

    Args:
        reference_date: the date the calendar is made as of (default 1 January of ``year``).
        lang: of the entries (``en`` or ``da``; default the engine's).
    """
    request = _wheel("wheel", programme, year, reference_date, lang)
    return ask(WheelResult, "programme", request)


def wheel_ics(
    programme: DocumentInput,
    year: int,
    *,
    reference_date: Optional[DateInput] = None,
    lang: Optional[Lang] = None,
) -> str:
    """The årshjul of ``year`` as iCalendar (RFC 5545) text (op ``wheel_ics``): one all-day
    VEVENT per task, CRLF line ends, folded lines."""
    request = _wheel("wheel_ics", programme, year, reference_date, lang)
    return ask(WheelIcs, "programme", request).ics


def _report(op: str, programme: DocumentInput, reference_date: DateInput) -> dict[str, Any]:
    request = {"op": op, "programme": document(programme, "$.programme")}
    return {**request, "reference_date": date(reference_date)}


def plan(programme: DocumentInput, reference_date: DateInput) -> PlanReport:
    """The implementation plan as of ``reference_date``: progress per step and overall, overdue
    and due-soon tasks, the requirements covered and the governance report (Art 20)."""
    return ask(PlanReport, "programme", _report("plan", programme, reference_date))


def governance(programme: DocumentInput, reference_date: DateInput) -> GovernanceReport:
    """The governance register as of ``reference_date`` (Art 20): the management body and its
    training, accountable executives, decisions, staff training and findings."""
    return ask(GovernanceReport, "programme", _report("governance", programme, reference_date))


def suppliers(programme: DocumentInput, reference_date: DateInput) -> SupplierReport:
    """The supplier register as of ``reference_date`` (Art 21(2)(d), 21(3)): clauses present
    and missing, risk band, review due, gaps."""
    return ask(SupplierReport, "programme", _report("suppliers", programme, reference_date))


def obligations(
    profile: DocumentInput, worldwide_turnover_eur: Optional[float] = None
) -> ObligationsResult:
    """The obligations that follow from an organisation's class: the Art 34 fine ceilings, the
    supervision regime (Art 32, 33), registration (Art 3(4), 27) and reporting facts."""
    request = {"op": "obligations", "profile": document(profile, "$.profile")}
    return ask(
        ObligationsResult,
        "programme",
        _given(request, worldwide_turnover_eur=worldwide_turnover_eur),
    )


def validate_programme(programme: DocumentInput) -> ValidateResult:
    """Validate a programme document; an invalid one raises, listing every problem."""
    request = {"op": "validate", "programme": document(programme, "$.programme")}
    return ask(ValidateResult, "programme", request)


# -- assessment -----------------------------------------------------------------------------------


def assessment_scales() -> ScaleCatalog:
    """The embedded maturity scales, each level with its meaning, and the default."""
    return ask(ScaleCatalog, "assessment", {"op": "scales"})


def assessment_prerequisites() -> PrerequisiteTable:
    """The embedded prerequisites of the remediation plan: which requirements come first, and
    why."""
    return ask(PrerequisiteTable, "assessment", {"op": "prerequisites"})


def requirements(
    profile: Optional[DocumentInput] = None,
    *,
    scope_result: Optional[DocumentInput] = None,
    frameworks: Optional[Union[str, Iterable[str]]] = None,
) -> RequirementSet:
    """The requirement set that binds an organisation, with the reason for each requirement and
    framework: from a scope ``profile``, a ``scope_result`` computed before, and/or a list of
    ``frameworks`` to score instead of selecting by scope."""
    request: dict[str, Any] = {"op": "requirements"}
    if profile is not None:
        request["profile"] = document(profile, "$.profile")
    if scope_result is not None:
        request["scope_result"] = document(scope_result, "$.scope_result")
    if frameworks is not None:
        request["frameworks"] = _ids(frameworks)
    return ask(RequirementSet, "assessment", request)


def _assessment(op: str, doc: DocumentInput) -> dict[str, Any]:
    return {"op": op, "assessment": document(doc, "$.assessment")}


def assess(document: DocumentInput) -> FullResult:
    """Evaluate an assessment (op ``evaluate``): the requirement set, the evaluation (status and
    maturity per requirement, aggregates with their formula and exact fractions, gaps,
    findings), the remediation plan and the top gaps, in one result.

    ``nis2.assess(Path("examples/msp-assessment.json")).evaluation.overall``
    """
    return ask(FullResult, "assessment", _assessment("evaluate", document))


def infer(document: DocumentInput) -> InferenceReport:
    """What the results in other frameworks (ISO/IEC 27001, D-mærket…) say about requirements
    not assessed directly, through the typed mappings."""
    return ask(InferenceReport, "assessment", _assessment("infer", document))


def remediation_plan(document: DocumentInput) -> Plan:
    """The remediation plan: the gaps ranked by priority, ordered by the prerequisites and
    scheduled into quarters up to the target date."""
    return ask(Plan, "assessment", _assessment("plan", document))


def assessment_report(
    document: DocumentInput, format: ReportFormat = "md", lang: Lang = "en"
) -> Report:
    """A report for the management body: ``md``, ``html``, ``xlsx`` (base64 in ``content``,
    ``encoding == "base64"``), ``json`` or ``oscal`` (OSCAL 1.2.1 assessment results), in
    ``lang``; ``file_name`` and ``media_type`` say how to save it."""
    request = {**_assessment("report", document), "format": format, "lang": lang}
    return ask(Report, "assessment", request)


def audit_export(
    document: DocumentInput,
    framework: Optional[str] = None,
    format: TableFormat = "csv",
    *,
    ciso_assistant_frameworks: bool = False,
    lang: Lang = "en",
) -> AuditTable:
    """An assessment as the audit table CISO Assistant's data import wizard reads (``csv``, or
    ``xlsx`` base64 in ``content``), for one scored ``framework``; ``status_mapping`` says how
    our statuses became its compliance results."""
    request = {**_assessment("audit_export", document), "format": format, "lang": lang}
    if framework is not None:
        request["framework"] = framework
    if ciso_assistant_frameworks:
        request["ciso_assistant_frameworks"] = True
    return ask(AuditTable, "assessment", request)


def audit_import(
    document: DocumentInput, framework: str, content: str, format: TableFormat = "csv"
) -> AuditImport:
    """A CISO Assistant audit table (CSV text, or an ``xlsx`` workbook in base64) read into the
    document's results: ``results`` is the document's new ``results`` list; ``skipped`` lists
    every row not imported, with why.

    Raises:
        InvalidInputError: a bad table (``$.content``), naming the row and the column.
    """
    request = {**_assessment("audit_import", document), "framework": framework}
    request.update({"format": format, "content": content})
    return ask(AuditImport, "assessment", request)


def questionnaire(document: DocumentInput, lang: Lang = "en") -> Questionnaire:
    """A fillable Excel questionnaire for the assessment's scope (``content`` is the workbook in
    base64; ``file_name`` suggests a name): one row per requirement that binds, with citation,
    short text, why it applies and the ISO/IEC 27001 and D-mærket evidence hints, drop-down
    lists for status and maturity, an instructions sheet, in ``lang``. The document's results
    are filled in; a new assessment has ``"results": []``."""
    request = {**_assessment("questionnaire", document), "format": "xlsx", "lang": lang}
    return ask(Questionnaire, "assessment", request)


def questionnaire_import(
    workbook: Union[bytes, str], document: Optional[DocumentInput] = None
) -> QuestionnaireImport:
    """A filled-in questionnaire (the workbook's bytes, or base64 as ``questionnaire`` gives it)
    read back: ``assessment`` is the document with the answers (rows matched by requirement
    id); ``added``, ``changed``, ``removed`` and ``not_in_workbook`` account for every row. The
    workbook keeps the document it was written from; give ``document`` to import into another.

    Raises:
        InvalidInputError: a bad cell (``$.content``), naming the sheet, the row, the column and
            the accepted values; nothing is imported.
    """
    if isinstance(workbook, (bytes, bytearray)):
        workbook = base64.b64encode(bytes(workbook)).decode("ascii")
    request: dict[str, Any] = {"op": "questionnaire_import", "format": "xlsx", "content": workbook}
    if document is not None:
        request["assessment"] = _assessment("", document)["assessment"]
    return ask(QuestionnaireImport, "assessment", request)
