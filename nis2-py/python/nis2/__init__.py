"""nis2: an exact, explained engine for the EU NIS2 Directive (2022/2555).

>>> import nis2
>>> result = nis2.scope({"member_state": "DK", "activities": [{"entity_type": "NIS2-I-06-01"}],
...                      "size": {"staff_headcount": 300}})
>>> result.in_scope, result.classification
('yes', 'essential')
>>> nis2.scope({"activities": [{"entity_type": "NIS2-I-06-01"}]}, detail="verdict").in_scope
'undetermined'

One call path: :func:`call` runs any request of a capability (``scope``, ``catalog``, ``risk``,
``programme``, ``assessment``, ``reference``) through the engine's single boundary, at the
detail level ``explained`` (the full document with its prose, the default) or ``verdict`` (the
decision and its machine-readable reasons). The capability functions (:func:`scope`,
:func:`catalog`, :func:`risk`, :func:`programme`, :func:`assessment`, :func:`reference`) and the
conveniences are requests over it:

- catalogs and mappings: :func:`frameworks`, :func:`framework`, :func:`node`, :func:`map`,
  :func:`evidence`, :func:`coverage`, :func:`export`;
- risk: :func:`risk_presets`, :func:`threats`, :func:`validate_matrix`,
  :func:`validate_register`, :func:`assess_risks`, :func:`heatmap`, :func:`heatmap_svg`,
  :func:`reproject`, :func:`risk_csv`;
- the programme: :func:`deadlines` (Art 23 clocks), :func:`significant_incident`,
  :func:`wheel` and :func:`wheel_ics` (the årshjul), :func:`plan`, :func:`governance`,
  :func:`suppliers`, :func:`obligations`, :func:`validate_programme`;
- gap assessment: :func:`assess` (the full evaluation), :func:`assessment_report`,
  :func:`audit_export` and :func:`audit_import` (audit tables for CISO Assistant),
  :func:`questionnaire` and :func:`questionnaire_import` (the Excel questionnaire),
  :func:`requirements`, :func:`infer`, :func:`remediation_plan`, :func:`assessment_scales`,
  :func:`assessment_prerequisites`;
- screening: :func:`screen`, :func:`scope_many`; reference data: :func:`entity_types`, :func:`nace`,
  :func:`nace_table`, :func:`member_states`, :func:`labels`, :func:`ops` (the op registry),
  :func:`schema`, :func:`schema_kinds`.

Results are typed, read-only views of the engine's document (``nis2.model``, generated from the
JSON Schemas): fields are attributes, ``to_dict()`` is the document and ``to_json()`` its exact
bytes (the same as the CLI's and the WebAssembly package's). ``render(format, lang)`` and the
notebook views (``_repr_html_``, ``_repr_svg_``) are the core's own views, in English or Danish;
:func:`render` and :func:`load` do the same for a stored document. Every failure is a
:class:`Nis2Error` naming the JSON path concerned.
"""

from __future__ import annotations

from . import _nis2, model
from ._api import (
    Detail,
    Document,
    Request,
    assessment,
    call,
    catalog,
    entity_types,
    labels,
    load,
    member_states,
    ops,
    programme,
    reference,
    render,
    risk,
    schema,
    schema_kinds,
    scope,
)
from ._conveniences import (
    MatrixInput,
    RatingInput,
    assess,
    assess_risks,
    assessment_prerequisites,
    assessment_report,
    audit_export,
    audit_import,
    questionnaire,
    questionnaire_import,
    assessment_scales,
    coverage,
    deadlines,
    evidence,
    export,
    framework,
    frameworks,
    governance,
    heatmap,
    heatmap_svg,
    infer,
    map,
    node,
    obligations,
    plan,
    remediation_plan,
    reproject,
    requirements,
    risk_csv,
    risk_presets,
    significant_incident,
    suppliers,
    threats,
    validate_matrix,
    validate_programme,
    validate_register,
    wheel,
    wheel_ics,
)
from ._record import Record
from ._requests import DateInput, DocumentInput
from ._screen import nace, nace_table, scope_many, screen
from .errors import (
    DataError,
    InvalidInputError,
    LimitExceededError,
    MultipleErrors,
    Nis2Error,
    UnknownIdError,
    error_from_report,
)
from .model import *  # noqa: F403  (the document model, as nis2.ScopeResult, …)

__version__: str = _nis2.version()
"""The version of the package and of the engine it embeds."""

__all__ = [
    "DataError",
    "DateInput",
    "Detail",
    "Document",
    "DocumentInput",
    "InvalidInputError",
    "LimitExceededError",
    "MatrixInput",
    "MultipleErrors",
    "Nis2Error",
    "RatingInput",
    "Record",
    "Request",
    "UnknownIdError",
    "__version__",
    "assess",
    "assess_risks",
    "assessment",
    "assessment_prerequisites",
    "assessment_report",
    "audit_export",
    "audit_import",
    "questionnaire",
    "questionnaire_import",
    "assessment_scales",
    "call",
    "catalog",
    "coverage",
    "deadlines",
    "entity_types",
    "error_from_report",
    "evidence",
    "export",
    "framework",
    "frameworks",
    "governance",
    "heatmap",
    "heatmap_svg",
    "infer",
    "labels",
    "load",
    "map",
    "member_states",
    "model",
    "nace",
    "nace_table",
    "node",
    "obligations",
    "ops",
    "plan",
    "programme",
    "reference",
    "remediation_plan",
    "render",
    "reproject",
    "requirements",
    "risk",
    "risk_csv",
    "risk_presets",
    "schema",
    "schema_kinds",
    "scope",
    "scope_many",
    "screen",
    "significant_incident",
    "suppliers",
    "threats",
    "validate_matrix",
    "validate_programme",
    "validate_register",
    "wheel",
    "wheel_ics",
]
"""The functions, aliases and exceptions; the classes of the document model are also here by
name (``nis2.ScopeResult``) and listed in ``nis2.model.__all__``."""
