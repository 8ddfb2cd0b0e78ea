"""nis2: an exact, explained engine for the EU NIS2 Directive (2022/2555).

>>> import nis2
>>> result = nis2.scope({"member_state": "DK", "activities": [{"entity_type": "NIS2-I-06-01"}],
...                      "size": {"staff_headcount": 300}})
>>> result.in_scope, result.classification  # doctest: +SKIP
('yes', 'essential')

Capabilities:

- :func:`scope`: applicability and class (Art 2, 3, 4, 6(35)).
- :func:`catalog`: requirement catalogs and cross-framework mappings, with the conveniences
  :func:`frameworks`, :func:`framework`, :func:`node`, :func:`map` ("which NIS2 requirements
  does ISO/IEC 27001 A.5.19 help with?"), :func:`evidence` ("which ISO controls evidence
  Art 21(2)(d)?"), :func:`coverage` and :func:`export`.
- :func:`risk`: risk matrices and the service → asset → risk register, with
  :func:`risk_presets`, :func:`threats`, :func:`validate_matrix`, :func:`validate_register`,
  :func:`assess_risks`, :func:`heatmap`, :func:`reproject` and :func:`risk_csv`.
- :func:`programme`: the compliance programme, with :func:`deadlines` (the Art 23 incident
  clocks), :func:`significant_incident` (Implementing Regulation 2024/2690), :func:`wheel` and
  :func:`wheel_ics` (the årshjul, as data or iCalendar), :func:`plan`, :func:`governance`,
  :func:`suppliers`, :func:`obligations` (Art 34 ceilings, supervision, registration) and
  :func:`validate_programme`.
- :func:`assessment`: gap assessment and scoring, with :func:`assess` (the evaluation, with its
  reports), :func:`assessment_report` (md, html, xlsx, json), :func:`requirements`,
  :func:`infer`, :func:`remediation_plan`, :func:`assessment_scales` and
  :func:`assessment_prerequisites`.

Reference data: :func:`entity_types`, :func:`member_states`, :func:`schema`. Every error is a
:class:`Nis2Error` naming the JSON path of the field concerned. Results are typed, render in
notebooks (``_repr_html_``), and give the engine's document back (``to_dict()``, and
``to_json()``: its exact bytes).

Each capability is a thin call of the native module and a module of typed frozen dataclasses
for its input and output (``nis2.scope_types``; ``nis2.catalog_types``, ``nis2.risk_types``,
``nis2.programme_types`` and ``nis2.assessment_types``, generated from the JSON Schemas); the
common plumbing is in ``nis2._convert`` and the exceptions
in ``nis2.errors``.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import _nis2, assessment_types, catalog_types, programme_types, risk_types
from ._assessment_api import (
    AssessmentInput,
    AssessmentRequest,
    AssessmentResponse,
    assess,
    assessment,
    assessment_prerequisites,
    assessment_report,
    assessment_scales,
    infer,
    remediation_plan,
    requirements,
)
from ._catalog_api import (
    CatalogRequest,
    catalog,
    coverage,
    evidence,
    export,
    framework,
    frameworks,
    map,
    node,
)
from ._convert import call
from ._programme_api import (
    DateInput,
    FactsInput,
    IncidentArg,
    ProfileArg,
    ProgrammeInput,
    ProgrammeRequest,
    ProgrammeResponse,
    deadlines,
    governance,
    obligations,
    plan,
    programme,
    significant_incident,
    suppliers,
    validate_programme,
    wheel,
    wheel_ics,
)
from .assessment_types import (
    AssessmentDocument,
    Evaluation,
    FullResult,
    InferenceReport,
    PrerequisiteTable,
    RequirementSet,
    ScaleCatalog,
)
from ._risk_api import (
    MatrixInput,
    RatingInput,
    RegisterInput,
    RiskRequest,
    RiskResponse,
    assess_risks,
    heatmap,
    reproject,
    risk,
    risk_csv,
    risk_presets,
    threats,
    validate_matrix,
    validate_register,
)
from .catalog_types import (
    CatalogResponse,
    CoverageResponse,
    EvidenceResponse,
    ExportResponse,
    Framework,
    Hit,
    ListResponse,
    MapResponse,
    Node,
    NodeRef,
    NodeResponse,
    Route,
    ShowResponse,
    Step,
)
from .errors import (
    DataError,
    InvalidInputError,
    MultipleErrors,
    Nis2Error,
    UnknownIdError,
    error_from_report,
)
from .reference import (
    EntityType,
    EntityTypeCatalog,
    entity_type_catalog,
    entity_types,
    member_states,
    schema,
    schema_kinds,
)
from .programme_types import (
    GovernanceReport,
    IncidentClock,
    IncidentFacts,
    IncidentInput,
    ObligationsResult,
    PlanReport,
    Programme,
    SignificanceResult,
    SupplierReport,
    ValidateResult,
    WheelIcs,
    WheelResult,
)
from .risk_types import (
    Assessment,
    CsvExport,
    HeatMap,
    HeatMapSvg,
    MatrixReport,
    PresetCatalog,
    Rating,
    Register,
    RegisterCheck,
    Reprojection,
    RiskMatrix,
    ThreatCatalog,
)
from .scope_types import (
    Activity,
    ActivityResult,
    AnswerEffect,
    AttentionPoint,
    CeilingTest,
    Contribution,
    Designations,
    Figures,
    OpenQuestion,
    PeriodComputation,
    PeriodFigures,
    Profile,
    RelatedEnterprise,
    ScopeResult,
    SizeInput,
    SizeResult,
    Supervision,
    ProfileInput,
    TraceStep,
)
from .text import Text

__version__: str = _nis2.version()
"""The version of the package and of the engine it embeds."""

__all__ = [
    "Activity",
    "ActivityResult",
    "AnswerEffect",
    "Assessment",
    "AssessmentDocument",
    "AssessmentInput",
    "AssessmentRequest",
    "AssessmentResponse",
    "AttentionPoint",
    "CatalogRequest",
    "CatalogResponse",
    "CeilingTest",
    "Contribution",
    "CoverageResponse",
    "CsvExport",
    "DataError",
    "DateInput",
    "Designations",
    "EntityType",
    "EntityTypeCatalog",
    "Evaluation",
    "EvidenceResponse",
    "ExportResponse",
    "FactsInput",
    "Figures",
    "Framework",
    "FullResult",
    "GovernanceReport",
    "HeatMap",
    "HeatMapSvg",
    "Hit",
    "IncidentArg",
    "IncidentClock",
    "IncidentFacts",
    "IncidentInput",
    "InferenceReport",
    "InvalidInputError",
    "ListResponse",
    "MapResponse",
    "MatrixInput",
    "MatrixReport",
    "MultipleErrors",
    "Nis2Error",
    "Node",
    "NodeRef",
    "NodeResponse",
    "ObligationsResult",
    "OpenQuestion",
    "PeriodComputation",
    "PeriodFigures",
    "PlanReport",
    "PrerequisiteTable",
    "PresetCatalog",
    "Profile",
    "ProfileArg",
    "ProfileInput",
    "Programme",
    "ProgrammeInput",
    "ProgrammeRequest",
    "ProgrammeResponse",
    "Rating",
    "RatingInput",
    "Register",
    "RegisterCheck",
    "RegisterInput",
    "RelatedEnterprise",
    "Reprojection",
    "RequirementSet",
    "RiskMatrix",
    "RiskRequest",
    "RiskResponse",
    "Route",
    "ScaleCatalog",
    "ScopeResult",
    "ShowResponse",
    "SignificanceResult",
    "SizeInput",
    "SizeResult",
    "Step",
    "Supervision",
    "SupplierReport",
    "Text",
    "ThreatCatalog",
    "TraceStep",
    "UnknownIdError",
    "ValidateResult",
    "WheelIcs",
    "WheelResult",
    "__version__",
    "assess",
    "assess_risks",
    "assessment",
    "assessment_prerequisites",
    "assessment_report",
    "assessment_scales",
    "assessment_types",
    "catalog",
    "catalog_types",
    "coverage",
    "deadlines",
    "entity_type_catalog",
    "entity_types",
    "error_from_report",
    "evidence",
    "export",
    "framework",
    "frameworks",
    "governance",
    "heatmap",
    "infer",
    "map",
    "member_states",
    "node",
    "obligations",
    "plan",
    "programme",
    "programme_types",
    "remediation_plan",
    "reproject",
    "requirements",
    "risk",
    "risk_csv",
    "risk_presets",
    "risk_types",
    "schema",
    "schema_kinds",
    "scope",
    "significant_incident",
    "suppliers",
    "threats",
    "validate_matrix",
    "validate_programme",
    "validate_register",
    "wheel",
    "wheel_ics",
]


def scope(profile: ProfileInput) -> ScopeResult:
    """Decide whether NIS2 applies to an organisation and in which class, with the full trace.

    Args:
        profile: a :class:`Profile`, a dict shaped as the ``scope-profile`` JSON Schema, or the
            same document as JSON text.

    Returns:
        The typed result; ``to_dict()`` is the engine's document and ``to_json()`` its exact
        bytes (the same as the CLI's and the WebAssembly package's).

    Raises:
        InvalidInputError: malformed input (unknown field, wrong type, NaN or infinity…),
            naming the JSON path (``$.size.staff_headcount``).
        UnknownIdError: an unknown entity type or Member State, with ``suggestions``.
        MultipleErrors: several problems at once, each in ``errors``.
    """
    if isinstance(profile, str):
        text = call(_nis2.scope_json, profile)
    elif isinstance(profile, Profile):
        text = call(_nis2.scope_obj, profile.to_dict())
    elif isinstance(profile, Mapping) and not isinstance(profile, dict):
        text = call(_nis2.scope_obj, dict(profile))
    else:
        # A dict, or anything else: the engine names the problem (`$`: expected a profile).
        text = call(_nis2.scope_obj, profile)
    return ScopeResult._from_engine(text)
