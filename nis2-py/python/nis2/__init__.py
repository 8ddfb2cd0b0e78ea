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

Reference data: :func:`entity_types`, :func:`member_states`, :func:`schema`. Every error is a
:class:`Nis2Error` naming the JSON path of the field concerned. Results are typed, render in
notebooks (``_repr_html_``), and give the engine's document back (``to_dict()``, and
``to_json()``: its exact bytes).

Each capability is a thin call of the native module and a module of typed frozen dataclasses
for its input and output (``nis2.scope_types``; ``nis2.catalog_types`` and ``nis2.risk_types``,
generated from the JSON Schemas); the common plumbing is in ``nis2._convert`` and the exceptions
in ``nis2.errors``.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import _nis2, catalog_types, risk_types
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
    "AttentionPoint",
    "CatalogRequest",
    "CatalogResponse",
    "CeilingTest",
    "Contribution",
    "CoverageResponse",
    "CsvExport",
    "DataError",
    "Designations",
    "EntityType",
    "EntityTypeCatalog",
    "EvidenceResponse",
    "ExportResponse",
    "Figures",
    "Framework",
    "HeatMap",
    "HeatMapSvg",
    "Hit",
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
    "OpenQuestion",
    "PeriodComputation",
    "PeriodFigures",
    "PresetCatalog",
    "Profile",
    "ProfileInput",
    "Rating",
    "RatingInput",
    "Register",
    "RegisterCheck",
    "RegisterInput",
    "RelatedEnterprise",
    "Reprojection",
    "RiskMatrix",
    "RiskRequest",
    "RiskResponse",
    "Route",
    "ScopeResult",
    "ShowResponse",
    "SizeInput",
    "SizeResult",
    "Step",
    "Supervision",
    "Text",
    "ThreatCatalog",
    "TraceStep",
    "UnknownIdError",
    "__version__",
    "assess_risks",
    "catalog",
    "catalog_types",
    "coverage",
    "entity_type_catalog",
    "entity_types",
    "error_from_report",
    "evidence",
    "export",
    "framework",
    "frameworks",
    "heatmap",
    "map",
    "member_states",
    "node",
    "reproject",
    "risk",
    "risk_csv",
    "risk_presets",
    "risk_types",
    "schema",
    "schema_kinds",
    "scope",
    "threats",
    "validate_matrix",
    "validate_register",
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
