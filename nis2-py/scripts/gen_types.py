#!/usr/bin/env python3
"""Generates the typed dataclasses of the catalog, risk, programme and assessment capabilities
from the engine's JSON Schemas (``<repo>/schemas/*.schema.json``): ``python/nis2/catalog_types.py``,
``risk_types.py``, ``programme_types.py`` and ``assessment_types.py``. The counterpart of
``nis2-wasm/scripts/gen-types.mjs``.

    python3 nis2-py/scripts/gen_types.py           write the modules
    python3 nis2-py/scripts/gen_types.py --check   exit 1 when a committed module is stale

Each object ``$def`` (and each object root) becomes a frozen dataclass deriving from
``nis2._convert.Record`` with a strict ``from_dict`` (unknown keys, wrong types and missing
fields raise ``InvalidInputError`` naming the JSON path); each enumeration (``oneOf`` of
``const`` strings) a ``Literal`` alias; a root tagged by ``op`` (``CatalogResponse``) a ``Union``
of its variants, each variant class carrying its ``op``; a ``oneOf`` of one-key objects (the
assessment's ``ScopeInput``: ``{"profile": …}`` or ``{"result": …}``) a class that reads and
writes exactly one of its keys. Numbers are ``float``, maps (``additionalProperties``)
``dict[str, …]``. The definitions of the schemas of one module are merged by name: a name
defined differently by two schemas is an error. Whole documents (the roots and the ``op``
variants) keep the engine's exact JSON text.

Names shared across modules are not repeated: a definition that is a hand-written type
(``EXTERNAL``: ``Text``, ``Provenance``, the scope ``Profile`` and ``ScopeResult``…; checked to be
defined as in the schemas that type implements) or that a module generated before defines
identically (``Module.shares``: the assessment's risk ``Register``) is imported from there.

What the schemas do not say is configured below: which optional fields the engine writes as
``null`` rather than omitting (``KEEP_NULL``), which types are inputs (their sequences are typed
``Sequence`` and accept lists), and the notebook views and methods (``VIEWS``, implemented in
``nis2/_*_html.py``). Needs only the standard library.
"""

from __future__ import annotations

import argparse
import json
import keyword
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "python" / "nis2"
SCHEMAS = Path(os.environ.get("NIS2_SCHEMAS") or HERE.parents[1] / "schemas")

Schema = dict[str, Any]


@dataclass(frozen=True)
class Module:
    name: str
    kinds: tuple[str, ...]
    doc: str
    html: str
    """The hand-written module of notebook views (``nis2/<html>.py``)."""
    inputs: frozenset[str] = frozenset()
    """Classes the caller builds and sends (and every class they contain): their sequence
    fields are typed ``Sequence`` and turned into tuples."""
    shares: tuple[str, ...] = ()
    """Modules generated before this one whose definitions this module imports rather than
    repeats, when its schemas define them identically (the risk register of an assessment is
    ``nis2.risk_types.Register``). A definition of the same name that differs stays this
    module's own class."""


MODULES = (
    Module(
        name="catalog_types",
        kinds=("catalog-response", "catalog", "catalog-mapping", "catalog-request"),
        doc=(
            "The types of :func:`nis2.catalog`: requirement catalogs (NIS2, CIR 2024/2690,\n"
            "ISO/IEC 27001:2022, D-mærket, the Danish programme), typed mappings between them and\n"
            "the answers to ``list``, ``show``, ``node``, ``map``, ``evidence``, ``coverage`` and\n"
            "``export`` requests. See ``docs/catalogs.md``."
        ),
        html="_catalog_html",
    ),
    Module(
        name="risk_types",
        kinds=(
            "risk-request",
            "risk-register",
            "risk-matrix",
            "risk-presets",
            "risk-threats",
            "risk-matrix-report",
            "risk-register-check",
            "risk-assessment",
            "risk-heatmap",
            "risk-heatmap-svg",
            "risk-reprojection",
            "risk-csv",
        ),
        doc=(
            "The types of :func:`nis2.risk`: risk matrices, the service → asset → risk register\n"
            "(inputs), and the assessment, heat map, matrix report, re-projection and CSV export\n"
            "the engine returns. See ``docs/risk.md``."
        ),
        html="_risk_html",
        inputs=frozenset({"Register", "RiskMatrix", "Rating"}),
    ),
    Module(
        name="programme_types",
        kinds=(
            "programme-request",
            "programme",
            "incident",
            "incident-clock",
            "significance-result",
            "wheel-result",
            "wheel-ics",
            "plan-report",
            "governance-report",
            "supplier-report",
            "obligations-result",
            "programme-validation",
        ),
        doc=(
            "The types of :func:`nis2.programme`: the programme document, incidents and the facts\n"
            "of a significant incident (inputs), and the incident clock, significance assessment,\n"
            "årshjul (data or iCalendar), plan, governance, supplier, obligations and validation\n"
            "reports the engine returns. See ``docs/programme.md``."
        ),
        html="_programme_html",
        inputs=frozenset({"Programme", "IncidentInput", "IncidentFacts"}),
    ),
    Module(
        name="assessment_types",
        kinds=(
            "assessment-request",
            "assessment",
            "assessment-requirements",
            "assessment-evaluation",
            "assessment-inference",
            "assessment-plan",
            "assessment-report",
            "assessment-full-result",
            "assessment-scales",
            "assessment-prerequisites",
        ),
        doc=(
            "The types of :func:`nis2.assessment`: the assessment document (input), and the\n"
            "requirement set, evaluation (scores with their declared maths), inference,\n"
            "remediation plan, report, scales and prerequisites the engine returns. See\n"
            "``docs/scoring.md``."
        ),
        html="_assessment_html",
        inputs=frozenset({"AssessmentDocument"}),
        shares=("catalog_types", "risk_types"),
    ),
)

# Definitions that are the hand-written types of other modules: name -> (module, name). A
# definition named here is imported (as its schema name) wherever a schema of a generated module
# uses it; the schema kinds in HAND_WRITTEN are checked to define it identically.
EXTERNAL: dict[str, tuple[str, str]] = {
    "Text": ("text", "Text"),
    "Lang": ("text", "Lang"),
    "Provenance": ("reference", "Provenance"),
    "VerificationStatus": ("reference", "VerificationStatus"),
    "JurisdictionRule": ("reference", "JurisdictionRule"),
    # The scope profile (an input of `obligations` and `requirements`) and the scope result.
    "Profile": ("scope_types", "Profile"),
    "Activity": ("scope_types", "Activity"),
    "SizeInput": ("scope_types", "SizeInput"),
    "RelatedEnterprise": ("scope_types", "RelatedEnterprise"),
    "EnterpriseRelationship": ("scope_types", "Relationship"),
    "PeriodFigures": ("scope_types", "PeriodFigures"),
    "Designations": ("scope_types", "Designations"),
    "Identification": ("scope_types", "Identification"),
    "SecurityExemption": ("scope_types", "SecurityExemption"),
    "ScopeResult": ("scope_types", "ScopeResult"),
    "InScope": ("scope_types", "InScope"),
    "Classification": ("scope_types", "Classification"),
    "SizeResult": ("scope_types", "SizeResult"),
    "SizeClass": ("scope_types", "SizeClass"),
    "PeriodComputation": ("scope_types", "PeriodComputation"),
    "Contribution": ("scope_types", "Contribution"),
    "Figures": ("scope_types", "Figures"),
    "CeilingTest": ("scope_types", "CeilingTest"),
    "Supervision": ("scope_types", "Supervision"),
    "SupervisionRegime": ("scope_types", "SupervisionRegime"),
    "ActivityResult": ("scope_types", "ActivityResult"),
    "AttentionPoint": ("scope_types", "AttentionPoint"),
    "OpenQuestion": ("scope_types", "OpenQuestion"),
    "QuestionKind": ("scope_types", "QuestionKind"),
    "AnswerEffect": ("scope_types", "AnswerEffect"),
    "TraceStep": ("scope_types", "TraceStep"),
    "RuleOutcome": ("scope_types", "RuleOutcome"),
}

# The schema kinds whose definitions each hand-written module implements: a generated module
# may import one of them only if its own schema defines it identically.
HAND_WRITTEN: dict[str, tuple[str, ...]] = {
    "text": ("scope-result",),
    "reference": ("entity-types",),
    "scope_types": ("scope-profile", "scope-result"),
}

# Optional fields the engine writes as `null` (no `skip_serializing_if` on the Rust side). The
# schemas cannot say so (a field that may be null is not `required` there); the conformance
# vectors check every field they contain.
KEEP_NULL: dict[str, frozenset[str]] = {
    "Applicability": frozenset({"entity_types"}),
    "Band": frozenset({"max"}),
    "Framework": frozenset({"source_date", "source_url"}),
    "LeafCoverage": frozenset({"best"}),
    "Node": frozenset({"parent"}),
    # programme
    "Deadline": frozenset({"due", "due_utc"}),
    "IncidentClock": frozenset({"ongoing_at_final_deadline"}),
    "FineCeiling": frozenset({"applies", "turnover_based_eur"}),
    "Progress": frozenset({"percent_done"}),
    "CriterionResult": frozenset({"met"}),
}

# Lists the schemas call required but the engine omits when empty (`skip_serializing_if =
# "Vec::is_empty"` without `#[serde(default)]`): read as `()` when absent, and omitted again
# when empty, so that `to_dict` stays the engine's document.
OMIT_EMPTY: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class View:
    """A method of a class that calls a function of the module's view module."""

    method: str
    function: str
    kind: str  # "html", "svg", "rows" or "method"
    own_lang: bool = False
    """For ``html``: the view is given ``None`` when no language is asked for (and uses the
    language of the request that made the object)."""
    params: tuple[tuple[str, str, str], ...] = ()
    """For ``method``: its parameters after ``self`` as (name, annotation, default or "")."""
    returns: str = "None"
    """For ``method``: its return annotation."""
    doc: str = ""
    """For ``method``: its docstring."""


def html(function: str, own_lang: bool = False) -> View:
    return View("to_html", function, "html", own_lang)


def method(
    name: str, function: str, returns: str, doc: str, *params: tuple[str, str, str]
) -> View:
    """A method ``name(self, *params) -> returns`` calling ``_views.function(self, *params)``."""
    return View(name, function, "method", params=params, returns=returns, doc=doc)


VIEWS: dict[str, tuple[View, ...]] = {
    # catalog
    "ListResponse": (html("list_response"),),
    "ShowResponse": (html("show_response"),),
    "Framework": (html("framework"),),
    "NodeResponse": (html("node_response"),),
    "MapResponse": (html("map_response"), View("rows", "hit_rows", "rows")),
    "EvidenceResponse": (html("evidence_response"), View("rows", "hit_rows", "rows")),
    "CoverageResponse": (html("coverage_response"), View("rows", "coverage_rows", "rows")),
    "ExportResponse": (html("export_response"),),
    "Mapping": (html("mapping"),),
    # risk
    "PresetCatalog": (html("preset_catalog"),),
    "ThreatCatalog": (html("threat_catalog"),),
    "RiskMatrix": (html("risk_matrix"), View("_repr_svg_", "risk_matrix_svg", "svg")),
    "MatrixReport": (html("matrix_report"), View("_repr_svg_", "matrix_report_svg", "svg")),
    "RegisterCheck": (html("register_check"),),
    "Assessment": (html("assessment"),),
    "HeatMap": (html("heatmap", own_lang=True), View("_repr_svg_", "heatmap_svg", "svg")),
    "HeatMapSvg": (html("heatmap_svg_document"), View("_repr_svg_", "heatmap_svg_text", "svg")),
    "Reprojection": (html("reprojection"),),
    "CsvExport": (html("csv_export"),),
    # programme
    "IncidentClock": (html("incident_clock"), View("rows", "deadline_rows", "rows")),
    "SignificanceResult": (html("significance"), View("rows", "criterion_rows", "rows")),
    "WheelResult": (
        html("wheel"),
        View("rows", "wheel_rows", "rows"),
        method(
            "to_ics",
            "wheel_to_ics",
            "Optional[str]",
            "The same årshjul as iCalendar (RFC 5545) text, asked of the engine (``None`` when "
            "the object was not made by `nis2.wheel` or `nis2.programme`).",
        ),
    ),
    "WheelIcs": (html("wheel_ics"),),
    "PlanReport": (html("plan_report"), View("rows", "task_rows", "rows")),
    "GovernanceReport": (html("governance_report"),),
    "SupplierReport": (html("supplier_report"), View("rows", "supplier_rows", "rows")),
    "ObligationsResult": (html("obligations"),),
    "ValidateResult": (html("validate_result"),),
    # assessment
    "ScaleCatalog": (html("scale_catalog"),),
    "PrerequisiteTable": (html("prerequisite_table"),),
    "RequirementSet": (html("requirement_set"), View("rows", "set_rows", "rows")),
    "Evaluation": (
        html("evaluation"),
        View("rows", "score_rows", "rows"),
        method(
            "report",
            "evaluation_report",
            "Report",
            "The report of the assessment this evaluation scores (`md`, `html`, `xlsx` or "
            "`json`, in `lang`), asked of the engine; `report(...).to_bytes()` is the file. "
            "Raises `nis2.DataError` when the evaluation was not made from a document (read with "
            "`from_dict`): use `nis2.assessment_report` then.",
            ("format", "ReportFormat", '"md"'),
            ("lang", "Lang", '"en"'),
        ),
    ),
    "InferenceReport": (html("inference_report"),),
    "Plan": (html("remediation_plan"), View("rows", "plan_rows", "rows")),
    "Report": (
        html("report"),
        method(
            "to_bytes",
            "report_bytes",
            "bytes",
            "The report file's bytes: the base64 `content` decoded (`xlsx`), or the text in UTF-8.",
        ),
        method(
            "save",
            "report_save",
            "str",
            "Write the report file (`to_bytes()`) to `path`; a directory gets the engine's "
            "`file_name` in it. Returns the path written.",
            ("path", "Union[str, os.PathLike[str]]", ""),
        ),
    ),
    "FullResult": (html("full_result"),),
}

# Private fields (not part of the document; excluded from equality): class -> (name, type).
PRIVATE: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Evaluation": (
        (
            "_document",
            "Optional[str]",
            "The assessment document it scores, as JSON text (set by the API, for ``report``).",
        ),
    ),
    "WheelResult": (
        (
            "_request",
            "Optional[str]",
            "Its request, as JSON text (set by the API, for ``to_ics``).",
        ),
    ),
    "HeatMap": (
        ("_request", "Optional[str]", "The request for its SVG, as JSON text (set by the API)."),
        ("_svg", "Optional[str]", "The engine's SVG, once asked for."),
    ),
    "MatrixReport": (
        ("_matrix", "Optional[RiskMatrix]", "The matrix validated (for colours and labels)."),
    ),
}

HEADER_KEYS = ("$schema", "$id", "title", "$defs")
# Keywords that annotate or constrain values without changing the Python type.
ANNOTATIONS: tuple[str, ...] = ("description", "format", "minimum", "maximum", "pattern")
ANNOTATIONS += ("default", "title", "minItems", "maxItems", "examples")

# Names a field may not take: they are used in annotations, and a dataclass default of that name
# would shadow the type when the annotations are evaluated.
RESERVED = {"str", "int", "bool", "tuple", "dict", "Any", "Optional", "Literal", "Union"}
RESERVED |= {"Sequence", "Mapping", "Record", "Text", "Lang", "float"}


class GenError(Exception):
    pass


# ------------------------------------------------------------------------------------------------
# Reading the schemas
# ------------------------------------------------------------------------------------------------


def load(kind: str) -> Schema:
    path = SCHEMAS / f"{kind}.schema.json"
    if not path.is_file():
        raise GenError(f"no schema {path}")
    data: Schema = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass
class Collected:
    defs: dict[str, Schema] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    """Classes that are whole documents (they keep the engine's text)."""
    unions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Tagged roots: name -> [(op, class)]."""
    tags: dict[str, str] = field(default_factory=dict)
    """Variant class -> its `op`."""
    kinds: dict[str, str] = field(default_factory=dict)
    """Document class -> the schema kind it is the root of."""


def collect(module: Module) -> Collected:
    out = Collected()

    def define(name: str, schema: Schema, where: str) -> None:
        if name in out.defs and out.defs[name] != schema:
            raise GenError(f"`{name}` is defined differently in {out.origin[name]} and {where}")
        out.defs[name] = schema
        out.origin.setdefault(name, where)

    for kind in module.kinds:
        schema = load(kind)
        where = f"{kind}.schema.json"
        for name, d in schema.get("$defs", {}).items():
            define(name, d, where)
        root = {k: v for k, v in schema.items() if k not in HEADER_KEYS}
        title = schema["title"]
        if root.get("type") == "object":
            define(title, root, where)
            if title not in out.documents:
                out.documents.append(title)
                out.kinds[title] = kind
        elif "oneOf" in root and all("$ref" in v for v in root["oneOf"]):
            variants = []
            for v in root["oneOf"]:
                target = v["$ref"].removeprefix("#/$defs/")
                op = v["properties"]["op"]["const"]
                variants.append((op, target))
                out.tags[target] = op
                if target not in out.documents:
                    out.documents.append(target)
            out.unions[title] = variants
        # A request root whose variants are inline objects gives no class: its definitions
        # (Register, RiskMatrix, ...) do.
    return out


# ------------------------------------------------------------------------------------------------
# Types
# ------------------------------------------------------------------------------------------------


def one_of_keys(d: Schema) -> Optional[Schema]:
    """An externally tagged choice (``oneOf`` objects of one required key each, such as
    ``{"profile": …}`` or ``{"result": …}``) as one object schema whose keys are all optional:
    its class reads and writes exactly one of them. None for any other schema."""
    one = d.get("oneOf")
    if not one or d.get("type") is not None:
        return None
    props: dict[str, Schema] = {}
    for v in one:
        keys = list(v.get("properties", {}))
        if v.get("type") != "object" or len(keys) != 1 or v.get("required") != keys:
            return None
        if v.get("additionalProperties") is not False or keys[0] in props:
            return None
        prop = dict(v["properties"][keys[0]])
        if v.get("description") and "description" not in prop:
            prop["description"] = v["description"]
        props[keys[0]] = prop
    out: Schema = {"type": "object", "properties": props, "additionalProperties": False}
    if d.get("description"):
        out["description"] = d["description"]
    return out


def external_types(module: Module, c: Collected) -> dict[str, tuple[str, str]]:
    """The definitions of ``module`` imported rather than generated: the hand-written ones
    (``EXTERNAL``, checked against the schemas of ``HAND_WRITTEN``) and those defined identically
    by the modules it shares with."""
    out: dict[str, tuple[str, str]] = {}
    for name in c.defs:
        if name not in EXTERNAL:
            continue
        mod, ext = EXTERNAL[name]
        for kind in HAND_WRITTEN.get(mod, ()):
            theirs = collected_defs(kind)
            if name in theirs and theirs[name] != c.defs[name]:
                raise GenError(
                    f"`{name}` in {c.origin[name]} differs from {kind}.schema.json, which "
                    f"nis2.{mod}.{ext} implements"
                )
        out[name] = (mod, ext)
    for shared in module.shares:
        other = next((m for m in MODULES if m.name == shared), None)
        if other is None or MODULES.index(other) >= MODULES.index(module):
            raise GenError(f"{module.name} shares with {shared}, which is not generated before it")
        theirs = collect(other).defs
        for name, d in c.defs.items():
            if name not in out and theirs.get(name) == d:
                out[name] = (shared, name)
    return out


def collected_defs(kind: str) -> dict[str, Schema]:
    """The definitions of one schema (its object root under its title)."""
    schema = load(kind)
    defs: dict[str, Schema] = dict(schema.get("$defs", {}))
    if schema.get("type") == "object":
        defs[schema["title"]] = {k: v for k, v in schema.items() if k not in HEADER_KEYS}
    return defs


@dataclass(frozen=True)
class Typ:
    ann: str
    """The annotation of an output field."""
    ann_in: str
    """The annotation of an input field (sequences as ``Sequence``)."""
    reader: str
    """An expression giving ``Callable[[object, str], T]``."""
    kind: str
    """``str``, ``int``, ``bool``, ``literal``, ``object``, ``list``, ``union``."""
    literal: Optional[str] = None
    """For ``literal``: the name of the tuple of its values."""


class Types:
    def __init__(self, module: Module, collected: Collected) -> None:
        self.module = module
        self.c = collected
        self.externals: set[str] = set()
        self.external = external_types(module, collected)
        """The definitions imported from other modules: name -> (module, name)."""

    def def_kind(self, name: str) -> str:
        d = self.c.defs[name]
        if self.is_enum(name):
            return "literal"
        if d.get("type") == "object" or one_of_keys(d) is not None:
            return "object"
        if "anyOf" in d:
            return "union"
        raise GenError(f"unsupported definition `{name}`: {json.dumps(d)[:200]}")

    def is_enum(self, name: str) -> bool:
        d = self.c.defs.get(name, {})
        one = d.get("oneOf")
        if one and all(set(o) - {"description"} == {"type", "const"} for o in one):
            return True
        return "enum" in d

    def ref(self, name: str) -> Typ:
        if name in self.external:
            self.externals.add(name)
        kind = self.def_kind(name)
        if kind == "literal":
            values = f"_{snake(name).upper()}"
            return Typ(name, name, f"literal_reader({values})", "literal", values)
        if kind == "object":
            return Typ(name, name, f"{name}.from_dict", "object")
        return Typ(name, name, f"_read_{snake(name)}", "union")

    def of(self, schema: Schema, where: str) -> tuple[Typ, bool]:
        """The type of a property schema and whether it is nullable."""
        s = {k: v for k, v in schema.items() if k not in ANNOTATIONS}
        if set(s) == {"$ref"}:
            return self.ref(s["$ref"].removeprefix("#/$defs/")), False
        if "anyOf" in s and set(s) == {"anyOf"}:
            alts = s["anyOf"]
            non_null = [a for a in alts if a.get("type") != "null"]
            if len(alts) == 2 and len(non_null) == 1:
                inner, _ = self.of(non_null[0], where)
                return inner, True
            raise GenError(f"unsupported anyOf at {where}")
        t = s.get("type")
        nullable = False
        if isinstance(t, list):
            rest = [x for x in t if x != "null"]
            if len(rest) != 1 or len(t) != 2:
                raise GenError(f"unsupported type list {t} at {where}")
            nullable = True
            t = rest[0]
        if t == "string" and set(s) <= {"type"}:
            return Typ("str", "str", "read_str", "str"), nullable
        if t == "integer" and set(s) <= {"type"}:
            return Typ("int", "int", "read_int", "int"), nullable
        if t == "number" and set(s) <= {"type"}:
            return Typ("float", "float", "read_num", "num"), nullable
        if t == "boolean" and set(s) <= {"type"}:
            return Typ("bool", "bool", "read_bool", "bool"), nullable
        if t == "array" and set(s) <= {"type", "items"}:
            item, item_null = self.of(s["items"], where + "[]")
            if item_null:
                raise GenError(f"nullable array items at {where}")
            return (
                Typ(
                    f"tuple[{item.ann}, ...]",
                    f"Sequence[{item.ann_in}]",
                    f"list_reader({item.reader})",
                    "list",
                ),
                nullable,
            )
        if t == "object" and set(s) == {"type", "additionalProperties"}:
            value, value_null = self.of(s["additionalProperties"], where + "{}")
            if value_null or value.kind not in ("str", "int", "bool", "num"):
                raise GenError(f"unsupported map values at {where}")
            return (
                Typ(
                    f"dict[str, {value.ann}]",
                    f"Mapping[str, {value.ann_in}]",
                    f"dict_reader({value.reader})",
                    "dict",
                ),
                nullable,
            )
        raise GenError(f"unsupported schema at {where}: {json.dumps(schema)[:200]}")

    def refs(self, schema: Any) -> set[str]:
        out: set[str] = set()
        if isinstance(schema, dict):
            for k, v in schema.items():
                if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                    out.add(v.removeprefix("#/$defs/"))
                else:
                    out |= self.refs(v)
        elif isinstance(schema, list):
            for v in schema:
                out |= self.refs(v)
        return out

    def input_closure(self) -> set[str]:
        todo = [n for n in self.module.inputs if n in self.c.defs]
        seen: set[str] = set()
        while todo:
            n = todo.pop()
            if n in seen or n in self.external:
                continue
            seen.add(n)
            todo.extend(self.refs(self.c.defs[n]))
        return seen


# ------------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------------


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


_LINK = re.compile(r"\[`([^`]+)`\](\([^)]*\))?")
_TICK = re.compile(r"(?<!`)`([^`]+)`(?!`)")


def prose(text: str) -> str:
    """A schema description as reStructuredText prose (one paragraph per blank line)."""
    text = _LINK.sub(r"``\1``", text)
    text = _TICK.sub(r"``\1``", text)
    return text.replace("\\", "\\\\").replace('"""', "'''")


def docstring(text: str, indent: str, width: int = 99) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in prose(text).split("\n\n") if p.strip()]
    lines: list[str] = []
    for i, p in enumerate(paragraphs):
        if i:
            lines.append("")
        lines.extend(textwrap.wrap(p, width - len(indent) - 3, break_on_hyphens=False))
    if not lines:
        return []
    if len(lines) == 1 and len(indent) + len(lines[0]) + 6 <= width:
        return [f'{indent}"""{lines[0]}"""']
    out = [f'{indent}"""{lines[0]}']
    out.extend(f"{indent}{line}" if line else "" for line in lines[1:])
    out.append(f'{indent}"""')
    return out


def pyname(key: str) -> str:
    name = key + "_" if keyword.iskeyword(key) or key.endswith("_") else key
    if name in RESERVED or not name.isidentifier():
        raise GenError(f"field name `{key}` cannot be used")
    return name


@dataclass
class FieldSpec:
    key: str
    attr: str
    typ: Typ
    required: bool
    nullable: bool
    doc: str
    omit_empty: bool = False


def fields_of(types: Types, name: str, schema: Schema, tag: Optional[str]) -> list[FieldSpec]:
    props: dict[str, Schema] = schema.get("properties", {})
    required = set(schema.get("required", []))
    out: list[FieldSpec] = []
    if tag is not None:
        lit = f'Literal["{tag}"]'
        out.append(
            FieldSpec(
                "op",
                "op",
                Typ(lit, lit, f'literal_reader(("{tag}",))', "literal", f'("{tag}",)'),
                True,
                False,
                "The operation answered.",
            )
        )
    for key, p in props.items():
        typ, nullable = types.of(p, f"{name}.{key}")
        is_req = key in required
        if is_req and nullable:
            raise GenError(f"{name}.{key}: required and nullable is not supported")
        omit = key in OMIT_EMPTY.get(name, ())
        if omit and (not is_req or typ.kind != "list"):
            raise GenError(f"OMIT_EMPTY names {name}.{key}, which is not a required list")
        out.append(
            FieldSpec(
                key, pyname(key), typ, is_req and not omit, nullable, p.get("description", ""), omit
            )
        )
    for key in KEEP_NULL.get(name, ()):
        if key not in props or key in required:
            raise GenError(f"KEEP_NULL names {name}.{key}, which is not an optional field")
    for key in OMIT_EMPTY.get(name, ()):
        if key not in props:
            raise GenError(f"OMIT_EMPTY names {name}.{key}, which does not exist")
    return out


def read_expr(f: FieldSpec) -> str:
    k = json.dumps(f.key)
    if f.omit_empty:
        inner = f.typ.reader.removeprefix("list_reader(")[:-1]
        return f"r.opt_list({k}, {inner}) or ()"
    req = "req" if f.required else "opt"
    t = f.typ
    if t.kind in ("str", "int", "bool", "num"):
        return f"r.{req}_{t.kind}({k})"
    if t.kind == "literal":
        return f"r.{req}_literal({k}, {t.literal})"
    if t.kind == "list":
        inner = t.reader.removeprefix("list_reader(")[:-1]
        return f"r.{req}_list({k}, {inner})"
    if t.kind == "dict":
        return f"r.{req}_obj({k}, {t.reader})"
    return f"r.{req}_obj({k}, {t.reader})"


def tuple_lines(name: str, items: list[str], indent: str) -> list[str]:
    """``name = ("a", "b")``, wrapped one item a line when too long."""
    quoted = [json.dumps(i) for i in items]
    one = f"{indent}{name} = ({', '.join(quoted)}{',' if len(quoted) == 1 else ''})"
    if len(one) <= 99:
        return [one]
    return [f"{indent}{name} = ("] + [f"{indent}    {q}," for q in quoted] + [f"{indent})"]


def gen_enum(name: str, d: Schema) -> list[str]:
    if "oneOf" in d:
        values = [(o["const"], o.get("description", "")) for o in d["oneOf"]]
    else:
        values = [(v, "") for v in d["enum"]]
    lits = ", ".join(json.dumps(v) for v, _ in values)
    head = f"{name} = Literal[{lits}]"
    lines = [head] if len(head) <= 99 else (
        [f"{name} = Literal["] + [f"    {json.dumps(v)}," for v, _ in values] + ["]"]
    )
    doc = d.get("description", "")
    items = "\n\n".join(f"``{v}``: {desc}" if desc else f"``{v}``" for v, desc in values)
    lines.extend(docstring(f"{doc}\n\n{items}" if doc else items, ""))
    lines.append(f"_{snake(name).upper()} = get_args({name})")
    return lines


def gen_union(types: Types, name: str, d: Schema) -> list[str]:
    alts = d["anyOf"]
    scalars: list[str] = []
    records: list[str] = []
    docs: list[str] = []
    for a in alts:
        t, null = types.of(a, name)
        if null:
            raise GenError(f"nullable alternative in {name}")
        if t.kind == "object":
            records.append(t.ann)
        elif t.kind in ("str", "int", "bool"):
            scalars.append(t.ann)
        else:
            raise GenError(f"unsupported alternative {t.ann} in {name}")
        if a.get("description"):
            docs.append(f"``{t.ann}``: {a['description']}")
    if len(records) != 1:
        raise GenError(f"`{name}`: exactly one object alternative is supported")
    doc = d.get("description", "")
    lines = [f"{name} = Union[{', '.join(scalars + records)}]"]
    lines.extend(docstring(doc + ("\n\n" + "\n\n".join(docs) if docs else ""), ""))
    lines.append("")
    lines.append("")
    lines.append(f"def _read_{snake(name)}(value: object, path: str) -> {name}:")
    for s in scalars:
        check = f"isinstance(value, {s})"
        if s == "int":
            check = "isinstance(value, int) and not isinstance(value, bool)"
        lines.append(f"    if {check}:")
        lines.append("        return value")
    lines.append(f"    return {records[0]}.from_dict(value, path)")
    return lines


def gen_class(
    module: Module, types: Types, name: str, d: Schema, is_input: bool, c: Collected
) -> list[str]:
    tag = c.tags.get(name)
    is_doc = name in c.documents
    choice = one_of_keys(d)
    if choice is not None:
        d = choice
    fields = fields_of(types, name, d, tag)
    views = VIEWS.get(name, ())
    private = PRIVATE.get(name, ())
    repr_flag = ", repr=False" if is_doc else ""
    lines = ["@dataclass(frozen=True" + repr_flag + ")", f"class {name}(Record):"]
    doc = d.get("description", "")
    if is_doc:
        kind = c.kinds.get(name)
        extra = (
            "A whole document: read from JSON text or returned by the engine, ``to_dict()`` is "
            "that document, parsed, and ``to_json()`` its exact text."
        )
        if kind:
            extra += f" JSON Schema: ``{kind}``."
        doc = f"{doc}\n\n{extra}" if doc else extra
    if choice is not None:
        keys = ", ".join(f"``{f.key}``" for f in fields)
        doc = f"{doc}\n\nExactly one of {keys} is given." if doc else f"Exactly one of {keys}."
    lines.extend(docstring(doc, "    ") or ['    """"""'])
    lines.append("")
    keep = sorted(KEEP_NULL.get(name, ()))
    if keep:
        lines.append(f"    _KEEP_NULL = frozenset({{{', '.join(json.dumps(k) for k in keep)}}})")
    omit = sorted(OMIT_EMPTY.get(name, ()))
    if omit:
        lines.append(f"    _OMIT_EMPTY = frozenset({{{', '.join(json.dumps(k) for k in omit)}}})")
    order = [f.key for f in fields]
    lines.extend(tuple_lines("_ORDER", order, "    "))
    lines.append("")
    ordered = [f for f in fields if f.required] + [f for f in fields if not f.required]
    for f in ordered:
        ann = f.typ.ann_in if is_input else f.typ.ann
        if f.required:
            lines.append(f"    {f.attr}: {ann}")
        elif f.omit_empty:
            lines.append(f"    {f.attr}: {ann} = ()")
        else:
            lines.append(f"    {f.attr}: Optional[{ann}] = None")
        if f.doc:
            lines.extend(docstring(f.doc, "    "))
    for attr, ann, pdoc in private:
        lines.append(f"    {attr}: {ann} = dataclasses.field(")
        lines.append("        default=None, init=False, repr=False, compare=False")
        lines.append("    )")
        lines.append(f'    """{pdoc}"""')
    if is_doc:
        lines.append(
            "    _json: Optional[str] = dataclasses.field(default=None, init=False, repr=False, "
            "compare=False)"
        )
    seqs = [f for f in ordered if is_input and f.typ.kind == "list"]
    if seqs:
        lines.append("")
        lines.append("    def __post_init__(self) -> None:")
        for f in seqs:
            lines.append(f'        object.__setattr__(self, "{f.attr}", freeze(self.{f.attr}))')
    lines.append("")
    lines.append("    @classmethod")
    lines.append(f'    def from_dict(cls, data: object, path: str = "$") -> {name}:')
    lines.append(
        '        """Read the JSON object strictly: an unknown key, a missing field or a wrong type'
    )
    lines.append('        raises :class:`~nis2.InvalidInputError` naming its JSON path."""')
    lines.append("        r = reader(cls, data, path)")
    if choice is not None:
        keys = ", ".join(json.dumps(f.key) for f in fields)
        lines.append(f"        r.one_of(({keys}))")
    lines.append("        return cls(")
    for f in ordered:
        lines.append(f"            {f.attr}={read_expr(f)},")
    lines.append("        )")
    if is_doc:
        lines.extend(
            [
                "",
                "    @classmethod",
                f"    def from_json(cls, text: str) -> {name}:",
                '        """Read the document from JSON text; ``to_json()`` then returns ``text`` '
                'unchanged."""',
                "        return keep_json(cls.from_dict(parse_input_json(text)), text)",
                "",
                "    def to_dict(self) -> dict[str, Any]:",
                '        """The document as a dict: exactly the engine\'s JSON, parsed (a fresh '
                'copy)."""',
                "        if self._json is not None:",
                "            data: dict[str, Any] = json.loads(self._json)",
                "            return data",
                "        return super().to_dict()",
                "",
                "    def to_json(self) -> str:",
                '        """The document as JSON text: the engine\'s exact bytes."""',
                "        if self._json is not None:",
                "            return self._json",
                "        return super().to_json()",
                "",
                "    def __repr__(self) -> str:",
                "        return short_repr(self)",
            ]
        )
    for v in views:
        lines.append("")
        if v.kind == "html":
            lang = "lang" if v.own_lang else '"en" if lang is None else lang'
            doc = (
                "in ``lang``, by default the language of the request"
                if v.own_lang
                else "in ``lang`` (default English)"
            )
            lines.extend(
                [
                    "    def to_html(self, lang: Optional[Lang] = None) -> str:",
                    f'        """An HTML view {doc}: what a notebook shows."""',
                    f"        return _views.{v.function}(self, {lang})",
                    "",
                    "    def _repr_html_(self) -> str:",
                    "        return self.to_html()",
                ]
            )
        elif v.kind == "svg":
            lines.extend(
                [
                    f"    def {v.method}(self) -> Optional[str]:",
                    f"        return _views.{v.function}(self)",
                ]
            )
        elif v.kind == "rows":
            lines.extend(
                [
                    f"    def {v.method}(self) -> list[dict[str, Any]]:",
                    '        """One flat dict per row of the HTML table (for ``pandas.DataFrame``)."""',
                    f"        return _views.{v.function}(self)",
                ]
            )
        elif v.kind == "method":
            params = "".join(
                f", {n}: {a}" + (f" = {d}" if d else "") for n, a, d in v.params
            )
            args = "".join(f", {n}" for n, _, _ in v.params)
            lines.append(f"    def {v.method}(self{params}) -> {v.returns}:")
            lines.extend(docstring(v.doc, "        "))
            lines.append(f"        return _views.{v.function}(self{args})")
    return lines


def gen_tagged_union(name: str, variants: list[tuple[str, str]]) -> list[str]:
    fn = snake(name)
    lines = [f"{name} = Union["]
    lines.extend(f"    {cls}," for _, cls in variants)
    lines.append("]")
    lines.append(f'"""Any {name}, told apart by its ``op``."""')
    lines.extend(tuple_lines(f"_{fn.upper()}_OPS", [op for op, _ in variants], ""))
    lines += ["", ""]
    lines.append(f'def {fn}_from_dict(data: object, path: str = "$") -> {name}:')
    lines.append(f'    """Read a {name} (any ``op``) strictly; see the classes\' ``from_dict``."""')
    lines.append("    op = reader_of_op(data, path, _" + fn.upper() + "_OPS)")
    for op, cls in variants:
        lines.append(f"    if op == {json.dumps(op)}:")
        lines.append(f"        return {cls}.from_dict(data, path)")
    lines.append('    raise AssertionError(op)  # reader_of_op accepts only the ops above')
    lines += ["", ""]
    lines.append(f"def {fn}_from_json(text: str) -> {name}:")
    lines.append(
        f'    """Read a {name} from JSON text; ``to_json()`` then returns ``text`` unchanged."""'
    )
    lines.append(f"    return keep_json({fn}_from_dict(parse_input_json(text)), text)")
    lines += ["", ""]
    lines.append(f"def _{fn}_from_engine(text: str) -> {name}:")
    lines.append(f'    """The engine\'s own {name}: built without re-validation."""')
    lines.append(f'    data = load_json(text, "a {snake(name).replace("_", " ")}")')
    lines.append('    op = data.get("op") if isinstance(data, dict) else None')
    for op, cls in variants:
        lines.append(f"    if op == {json.dumps(op)}:")
        lines.append(f"        return engine_document({cls}, data, text)")
    lines.append(
        f'    raise DataError(f"the engine returned a {name} with an unknown op: {{text[:200]!r}}")'
    )
    return lines


def order_definitions(types: Types, c: Collected) -> list[str]:
    """Definitions in a stable order: documents first in schema order, each followed by the
    definitions it uses (depth first), so that the file reads top-down."""
    names: list[str] = []
    seen: set[str] = set()

    def visit(n: str) -> None:
        if n in seen or n in types.external:
            return
        seen.add(n)
        names.append(n)
        for r in sorted(types.refs(c.defs[n]), key=list(c.defs).index):
            visit(r)

    for doc in c.documents:
        visit(doc)
    for n in c.defs:
        visit(n)
    return names


def generate(module: Module) -> str:
    c = collect(module)
    types = Types(module, c)
    inputs = types.input_closure()
    names = order_definitions(types, c)
    body: list[str] = []
    exported: list[str] = []
    # Union aliases are evaluated when the module loads: after the classes they name.
    unions = [n for n in names if types.def_kind(n) == "union"]
    for n in [n for n in names if n not in unions] + unions:
        d = c.defs[n]
        kind = types.def_kind(n)
        body += ["", ""]
        if kind == "literal":
            body += gen_enum(n, d)
        elif kind == "union":
            body += gen_union(types, n, d)
        else:
            body += gen_class(module, types, n, d, n in inputs, c)
        exported.append(n)
    for uname, variants in c.unions.items():
        body += ["", ""]
        body += gen_tagged_union(uname, variants)
        fn = snake(uname)
        exported += [uname, f"{fn}_from_dict", f"{fn}_from_json"]
    # Imports, now that every type is known.
    uses_seq = any("Sequence[" in line for line in body)
    uses_mapping = any("Mapping[" in line for line in body)
    ext_by_module: dict[str, list[str]] = {}
    for name in sorted(types.externals | {"Lang"}):
        mod, ext = types.external.get(name) or EXTERNAL[name]
        ext_by_module.setdefault(mod, []).append(ext if ext == name else f"{ext} as {name}")
    convert = [
        "Record",
        "dict_reader",
        "keep_json",
        "list_reader",
        "literal_reader",
        "parse_input_json",
        "read_bool",
        "read_int",
        "read_num",
        "read_str",
        "reader",
        "short_repr",
    ]
    if c.unions:
        convert += ["engine_document", "load_json", "reader_of_op"]
    if any(n in inputs for n in names):
        convert.append("freeze")
    head = [
        "# Generated by nis2-py/scripts/gen_types.py from schemas/*.schema.json: do not edit.",
        "# Regenerate with `python3 nis2-py/scripts/gen_types.py` after the schemas change.",
        '"""' + module.doc,
        "",
    ]
    head += textwrap.wrap(
        "Generated from the JSON Schemas "
        + ", ".join(f"``{k}``" for k in module.kinds)
        + " (see :func:`nis2.schema`): every object is a frozen dataclass with a strict "
        "``from_dict`` and a ``to_dict`` that gives the document back; every enumeration a "
        "``Literal`` alias.",
        95,
        break_on_hyphens=False,
    )
    head += [
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import dataclasses",
        "import json",
    ]
    if any("os.PathLike" in line for line in body):
        head.append("import os")
    abc = [n for n, used in (("Mapping", uses_mapping), ("Sequence", uses_seq)) if used]
    if abc:
        head.append(f"from collections.abc import {', '.join(abc)}")
    head += [
        "from dataclasses import dataclass",
        "from typing import Any, Literal, Optional, Union, get_args",
        "",
        f"from . import {module.html} as _views",
        "from ._convert import (",
    ]
    head += [f"    {n}," for n in sorted(set(convert))]
    head.append(")")
    if c.unions:
        head.append("from .errors import DataError")
    for mod, exts in sorted(ext_by_module.items()):
        line = f"from .{mod} import {', '.join(sorted(exts))}"
        if len(line) <= 99:
            head.append(line)
        else:
            head += [f"from .{mod} import ("] + [f"    {e}," for e in sorted(exts)] + [")"]
    ext_literals = sorted(n for n in types.externals if types.def_kind(n) == "literal")
    if ext_literals:
        head.append("")
        head += [f"_{snake(n).upper()} = get_args({n})" for n in ext_literals]
    head += ["", "__all__ = ["]
    head += [f"    {json.dumps(n)}," for n in sorted(exported, key=str.lower)]
    head.append("]")
    # Unused helpers would be flagged by nothing, but keep the imports exact for readers.
    text = "\n".join(head + body) + "\n"
    helpers = (
        "read_bool",
        "read_int",
        "read_num",
        "read_str",
        "list_reader",
        "literal_reader",
        "dict_reader",
    )
    for helper in helpers:
        if not re.search(rf"\b{helper}\b", "\n".join(body)):
            text = text.replace(f"    {helper},\n", "", 1)
    if "Union[" not in "\n".join(body):
        text = text.replace("Optional, Union, get_args", "Optional, get_args", 1)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a module is stale")
    args = parser.parse_args()
    stale = []
    for module in MODULES:
        try:
            text = generate(module)
        except GenError as e:
            print(f"gen_types: {module.name}: {e}", file=sys.stderr)
            return 2
        path = PACKAGE / f"{module.name}.py"
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if args.check:
            if current != text:
                stale.append(path)
        elif current != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
        else:
            print(f"{path} is up to date")
    if stale:
        for path in stale:
            print(f"{path} is stale: run `python3 nis2-py/scripts/gen_types.py`", file=sys.stderr)
        return 1
    if args.check:
        print(f"generated types are up to date with {SCHEMAS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
