#!/usr/bin/env python3
"""Generates ``nis2-py/python/nis2/model.py``: the typed views of every document of the engine,
from the JSON Schemas in ``schemas/*.schema.json`` and the op registry.

- One class per schema definition (a subclass of ``nis2._record.Record``: a lazy, read-only
  view), with a typed annotation per field and the field's description as its docstring. A
  definition that several schemas carry (a response's root is also a part of another response)
  is one class; a field only some of them have (``op`` on a response's root) is optional.
- Enumerations are ``Literal`` aliases; unions and maps are aliases too.
- The op tables: op id → the class of its explained response (``EXPLAINED``) and of its verdict
  (``VERDICT``), which ``nis2.call`` uses to type a response; and per capability the union of
  its results (``CatalogResponse``, ``CatalogResponseVerdict``).

The registry comes from the CLI of this checkout (``$NIS2_CLI ops``, or ``cargo run -p
nis2-cli -- ops``), made from the same core as ``schemas/``. The test suite regenerates the
module in memory with the installed engine's registry and fails when the file differs.

    python nis2-py/scripts/gen_types.py           write model.py
    python nis2-py/scripts/gen_types.py --check   exit 1 when model.py is stale
"""

from __future__ import annotations

import json
import keyword
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from collections.abc import Iterable
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
OUTPUT = REPO / "nis2-py" / "python" / "nis2" / "model.py"

# The conformance-vector formats describe test files, not documents of the engine.
SKIPPED_KINDS = {"vector", "malformed-vector"}
# Attribute names a field may not take (the methods of Record).
RESERVED = {"to_dict", "to_json", "render"}
# Keys that describe a schema rather than shape its values.
ANNOTATIONS = {"description", "title", "default", "examples", "format", "$schema", "$id", "$defs"}
ANNOTATIONS |= {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"}
ANNOTATIONS |= {"uniqueItems", "pattern", "exclusiveMinimum", "exclusiveMaximum"}

Schema = dict[str, Any]


class GenError(Exception):
    """A schema the generator cannot express (fix the schema or teach the generator)."""


def load_schemas(directory: Path) -> dict[str, Schema]:
    """Every schema by kind (the file name without ``.schema.json``), in kind order."""
    out: dict[str, Schema] = {}
    for path in sorted(directory.glob("*.schema.json")):
        kind = path.name[: -len(".schema.json")]
        if kind not in SKIPPED_KINDS:
            schema = json.loads(path.read_text(encoding="utf-8"))
            out[kind] = root_refs(schema, f"#/$defs/{schema.get('title')}")
    return out


def root_refs(schema: Any, to: str) -> Any:
    """A schema whose references to its own root (``#``) name its title instead."""
    if isinstance(schema, dict):
        return {k: to if k == "$ref" and v == "#" else root_refs(v, to) for k, v in schema.items()}
    if isinstance(schema, list):
        return [root_refs(v, to) for v in schema]
    return schema


def shape(schema: Any) -> Any:
    """A schema without its annotations (to compare two definitions of one name)."""
    if isinstance(schema, dict):
        return {k: shape(v) for k, v in schema.items() if k not in ANNOTATIONS}
    if isinstance(schema, list):
        return [shape(v) for v in schema]
    return schema


def ref_name(schema: Schema) -> str:
    ref = schema["$ref"]
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        raise GenError(f"unsupported $ref {ref!r}")
    return ref[len("#/$defs/") :]


def literal(values: list[Any]) -> str:
    return "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def enum_values(schema: Schema) -> list[Any] | None:
    """The values of an enumeration (``enum``, ``const``, or a ``oneOf`` of ``const``s)."""
    if "enum" in schema:
        return list(schema["enum"])
    if "const" in schema:
        return [schema["const"]]
    alts = schema.get("oneOf")
    if isinstance(alts, list) and alts and all(isinstance(a, dict) and "const" in a for a in alts):
        return [a["const"] for a in alts]
    return None


def annotation(schema: Any) -> str:
    """The Python annotation of a value schema."""
    if schema is True or schema == {} or (isinstance(schema, dict) and not shape(schema)):
        return "Any"
    if not isinstance(schema, dict):
        raise GenError(f"unsupported schema {schema!r}")
    if "$ref" in schema:
        return ref_name(schema)
    values = enum_values(schema)
    if values is not None:
        if None in values:
            # A nullable enumeration: the values, or None.
            return union([literal([v for v in values if v is not None]), "None"])
        return literal(values)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return union([annotation(a) for a in schema[key]])
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return union([annotation({**schema, "type": k}) for k in kinds])
    if kinds == "array":
        return f"tuple[{annotation(schema.get('items', True))}, ...]"
    if kinds == "object":
        if "properties" in schema:
            raise GenError("an object with properties inside a property: give it a definition")
        extra = schema.get("additionalProperties", True)
        return f"abc.Mapping[str, {annotation(extra if extra is not False else True)}]"
    scalars = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
    if kinds in scalars:
        return scalars[kinds]
    if kinds == "null":
        return "None"
    raise GenError(f"unsupported schema {schema!r}")


def union(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    optional = "None" in unique
    rest = [p for p in unique if p != "None"]
    inner = rest[0] if len(rest) == 1 else "Union[" + ", ".join(rest) + "]"
    if not rest:
        return "None"
    return f"Optional[{inner}]" if optional else inner


def object_alternatives(schema: Schema) -> list[Schema] | None:
    """The objects of a definition that is an object (one), or a union of inline objects."""
    if "properties" in schema or (
        schema.get("type") == "object" and not isinstance(schema.get("additionalProperties"), dict)
    ):
        return [schema]
    alts = schema.get("oneOf") or schema.get("anyOf")
    if (
        isinstance(alts, list)
        and alts
        and all(isinstance(a, dict) and "properties" in a for a in alts)
    ):
        return alts
    return None


class Definition:
    """One name, as every schema that carries it defines it: a class (an object with
    properties, or a union of inline objects) or an alias."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.variants: list[Schema] = []
        self.description = ""
        self.properties: dict[str, Schema] = {}
        self.required: set[str] = set()
        self.alias: str | None = None

    def finish(self) -> None:
        self.description = next(
            (v["description"] for v in self.variants if v.get("description")), ""
        )
        objects = [object_alternatives(v) for v in self.variants]
        if all(o is None for o in objects):
            aliases = {annotation(v) for v in self.variants}
            if len(aliases) != 1:
                raise GenError(f"`{self.name}` has several definitions: {sorted(aliases)}")
            self.alias = aliases.pop()
            return
        required: set[str] | None = None
        for alts in objects:
            if alts is None:
                raise GenError(f"`{self.name}` is defined as an object and as something else")
            for alt in alts:
                for key, prop in alt.get("properties", {}).items():
                    old = self.properties.setdefault(key, prop)
                    if shape(old) != shape(prop):
                        raise GenError(f"`{self.name}.{key}` has two different schemas")
            # A field is required when every variant requires it (a union's fields never are).
            here = set(alts[0].get("required", [])) if len(alts) == 1 else set()
            required = here if required is None else required & here
        self.required = required or set()


def attribute(key: str) -> str:
    if not key.isidentifier():
        raise GenError(f"field `{key}` is not a Python identifier")
    name = key + "_" if keyword.iskeyword(key) else key
    if name in RESERVED or name.startswith("_"):
        raise GenError(f"field `{key}` would hide a method of Record")
    return name


def field_annotation(definition: Definition, key: str) -> str:
    ann = annotation(definition.properties[key])
    if (
        key in definition.required
        or ann == "Any"
        or ann.startswith(("Optional[", "tuple[", "abc.Mapping["))
    ):
        return ann
    return f"Optional[{ann}]"


def split_top(text: str) -> list[str]:
    """The comma-separated parts of a bracket's content, at its own level."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c == "[") - (c == "]")
        if c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    return parts + [text[start:].strip()]


def fit(head: str, expr: str, indent: str = "", tail: str = "") -> list[str]:
    """``head + expr + tail`` on lines of at most 100 characters (a long subscript one part a
    line)."""
    line = f"{indent}{head}{expr}{tail}"
    if len(line) <= 100 or not expr.endswith("]"):
        return [line]
    at = expr.index("[")
    parts = split_top(expr[at + 1 : -1])
    inner = indent + "    "
    body = fit("", parts[0], inner) if len(parts) == 1 else [f"{inner}{p}," for p in parts]
    return [f"{indent}{head}{expr[: at + 1]}", *body, f"{indent}]{tail}"]


def docstring(text: str, indent: str) -> list[str]:
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if not text:
        return []
    width = 100 - len(indent)
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines += textwrap.wrap(" ".join(paragraph.split()), width - 3) or [""]
    if len(lines) == 1 and len(lines[0]) + 6 <= width:
        return [f'{indent}"""{lines[0]}"""']
    return (
        [f'{indent}"""{lines[0]}']
        + [f"{indent}{x}" if x else "" for x in lines[1:]]
        + [f'{indent}"""']
    )


def collect(schemas: dict[str, Schema]) -> dict[str, Definition]:
    """Every definition by name: the roots (by title) first, then the ``$defs``."""
    definitions: dict[str, Definition] = {}

    def add(name: str, schema: Schema) -> None:
        definitions.setdefault(name, Definition(name)).variants.append(schema)

    for kind, schema in schemas.items():
        title = schema.get("title")
        if not isinstance(title, str):
            raise GenError(f"the schema `{kind}` has no title")
        add(title, schema)
    for schema in schemas.values():
        for name, definition in schema.get("$defs", {}).items():
            add(name, definition)
    for definition in definitions.values():
        definition.finish()
    return definitions


def capability_unions(registry: Schema, titles: dict[str, str]) -> dict[str, list[str]]:
    """Per capability of more than one operation, the classes of its results."""
    out: dict[str, list[str]] = {}
    for cap in registry["capabilities"]:
        name = "".join(w.capitalize() for w in cap["name"].split("_"))
        for suffix, field in (("Response", "response_kind"), ("ResponseVerdict", "verdict_kind")):
            classes = list(dict.fromkeys(titles[op[field]] for op in cap["ops"]))
            if len(classes) > 1:
                out[name + suffix] = classes
    return out


def generate(schemas: dict[str, Schema], registry: Schema) -> str:
    """The text of ``model.py``."""
    definitions = collect(schemas)
    titles = {kind: schema["title"] for kind, schema in schemas.items()}
    unions = capability_unions(registry, titles)
    clash = set(unions) & set(definitions)
    if clash:
        raise GenError(f"capability unions named like definitions: {sorted(clash)}")
    classes = sorted(n for n, d in definitions.items() if d.alias is None)
    aliases = sorted(n for n, d in definitions.items() if d.alias is not None)
    late = [n for n in aliases if refers(definitions[n].alias or "", definitions)]
    plain = [n for n in aliases if n not in late]
    out = [
        "# Generated by nis2-py/scripts/gen_types.py from schemas/*.schema.json and the registry.",
        "# Do not edit: regenerate with `python nis2-py/scripts/gen_types.py` (a test fails when",
        "# this file is stale).",
        '"""The documents of the engine as typed, read-only views (generated).',
        "",
        "One class per JSON Schema definition (see ``nis2.schema(kind)``), each a",
        ":class:`nis2.Record`: a lazy view over the engine's document, with a typed attribute per",
        "field (a list is a tuple; an absent optional field is ``None``, an absent list empty).",
        "``EXPLAINED`` and ``VERDICT`` give the class of each operation's response.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import collections.abc as abc",
        "from typing import Any, Literal, Optional, Union",
        "",
        "from ._record import Record",
        "",
        "__all__ = [",
    ]
    public = sorted([*definitions, *unions, "EXPLAINED", "VERDICT"])
    out += [f"    {json.dumps(n)}," for n in public] + ["]", ""]
    for name in plain:
        out += ["", *fit(f"{name} = ", definitions[name].alias or "")]
        out += docstring(definitions[name].description, "")
    for name in classes:
        d = definitions[name]
        out += ["", "", f"class {name}(Record):"]
        out += docstring(d.description, "    ") or [f'    """{name}."""']
        keys = {attribute(k): k for k in d.properties}
        renamed = {a: k for a, k in keys.items() if a != k}
        if renamed:
            out += ["", f"    _keys = {json.dumps(renamed)}"]
        for attr, key in keys.items():
            out += ["", *fit(f"{attr}: ", field_annotation(d, key), "    ")]
            out += docstring(d.properties[key].get("description", ""), "    ")
    out += [""]
    for name in late:
        out += ["", *fit(f"{name} = ", definitions[name].alias or "")]
        out += docstring(definitions[name].description, "")
    for name, members in unions.items():
        out += ["", *fit(f"{name} = ", f"Union[{', '.join(members)}]")]
        out += docstring(f"What the capability returns, by operation: {', '.join(members)}.", "")
    for table, field in (("EXPLAINED", "response_kind"), ("VERDICT", "verdict_kind")):
        what = "explained response" if table == "EXPLAINED" else "verdict"
        out += ["", f"{table}: dict[str, type[Record]] = {{"]
        for cap in registry["capabilities"]:
            for op in cap["ops"]:
                out += [f"    {json.dumps(op['id'])}: {titles[op[field]]},"]
        out += ["}", f'"""The class of each operation\'s {what}, by op id."""']
    return "\n".join(out) + "\n"


def refers(alias: str, names: Iterable[str]) -> bool:
    """Whether an alias names a definition (so it must come after the classes)."""
    words = re.findall(r"[A-Za-z_]\w*", re.sub(r'"(?:[^"\\]|\\.)*"', "", alias))
    return not set(words).isdisjoint(names)


def cli_registry() -> Schema:
    """The registry of this checkout, from its CLI."""
    cli = os.environ.get("NIS2_CLI")
    cmd = [cli, "ops"] if cli else ["cargo", "run", "-q", "-p", "nis2-cli", "--", "ops"]
    data: Schema = json.loads(subprocess.run(cmd, cwd=REPO, check=True, capture_output=True).stdout)
    return data


def main(argv: list[str]) -> int:
    check = "--check" in argv
    text = generate(load_schemas(SCHEMAS), cli_registry())
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if check:
        if current != text:
            print(f"{OUTPUT} is stale: run python nis2-py/scripts/gen_types.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is fresh")
        return 0
    if current != text:
        OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
