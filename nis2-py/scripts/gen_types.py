#!/usr/bin/env python3
"""Generates the typed dataclasses of the catalog and risk capabilities from the engine's JSON
Schemas (``<repo>/schemas/*.schema.json``): ``python/nis2/catalog_types.py`` and
``python/nis2/risk_types.py``. The counterpart of ``nis2-wasm/scripts/gen-types.mjs``.

    python3 nis2-py/scripts/gen_types.py           write the modules
    python3 nis2-py/scripts/gen_types.py --check   exit 1 when a committed module is stale

Each object ``$def`` (and each object root) becomes a frozen dataclass deriving from
``nis2._convert.Record`` with a strict ``from_dict`` (unknown keys, wrong types and missing
fields raise ``InvalidInputError`` naming the JSON path); each enumeration (``oneOf`` of
``const`` strings) a ``Literal`` alias; a root tagged by ``op`` (``CatalogResponse``) a ``Union``
of its variants, each variant class carrying its ``op``. The definitions of the schemas of one
module are merged by name: a name defined differently by two schemas is an error. Whole
documents (the roots and the ``op`` variants) keep the engine's exact JSON text.

What the schemas do not say is configured below: which optional fields the engine writes as
``null`` rather than omitting (``KEEP_NULL``), which types are inputs (their sequences are typed
``Sequence`` and accept lists), which definitions are the hand-written types of other modules
(``EXTERNAL``), and the notebook views (``VIEWS``, implemented in ``nis2/_*_html.py``). Needs only
the standard library.
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
)

# Definitions that are the hand-written types of other modules: name -> (module, name).
EXTERNAL: dict[str, tuple[str, str]] = {
    "Text": ("text", "Text"),
    "Lang": ("text", "Lang"),
    "Provenance": ("reference", "Provenance"),
    "VerificationStatus": ("reference", "VerificationStatus"),
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
    kind: str  # "html", "svg" or "rows"
    own_lang: bool = False
    """For ``html``: the view is given ``None`` when no language is asked for (and uses the
    language of the request that made the object)."""


def html(function: str, own_lang: bool = False) -> View:
    return View("to_html", function, "html", own_lang)


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
}

# Private fields (not part of the document; excluded from equality): class -> (name, type).
PRIVATE: dict[str, tuple[tuple[str, str, str], ...]] = {
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
RESERVED |= {"Sequence", "Record", "Text", "Lang"}


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

    def def_kind(self, name: str) -> str:
        d = self.c.defs[name]
        if self.is_enum(name):
            return "literal"
        if d.get("type") == "object":
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
        if name in EXTERNAL:
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
            if n in seen or n in EXTERNAL:
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
    if t.kind in ("str", "int", "bool"):
        return f"r.{req}_{t.kind}({k})"
    if t.kind == "literal":
        return f"r.{req}_literal({k}, {t.literal})"
    if t.kind == "list":
        inner = t.reader.removeprefix("list_reader(")[:-1]
        return f"r.{req}_list({k}, {inner})"
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
        if n in seen or n in EXTERNAL:
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
    ext_by_module: dict[str, list[str]] = {}
    for name in sorted(types.externals | {"Lang"}):
        mod, ext = EXTERNAL[name]
        ext_by_module.setdefault(mod, []).append(ext)
    convert = [
        "Record",
        "keep_json",
        "list_reader",
        "literal_reader",
        "parse_input_json",
        "read_bool",
        "read_int",
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
    if uses_seq:
        head.append("from collections.abc import Sequence")
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
        head.append(f"from .{mod} import {', '.join(sorted(exts))}")
    ext_literals = sorted(n for n in types.externals if types.def_kind(n) == "literal")
    if ext_literals:
        head.append("")
        head += [f"_{snake(n).upper()} = get_args({n})" for n in ext_literals]
    head += ["", "__all__ = ["]
    head += [f"    {json.dumps(n)}," for n in sorted(exported, key=str.lower)]
    head.append("]")
    # Unused helpers would be flagged by nothing, but keep the imports exact for readers.
    text = "\n".join(head + body) + "\n"
    for helper in ("read_bool", "read_int", "read_str", "list_reader", "literal_reader"):
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
