//! JSON Schemas, generated from the core types and the op registry. The top-level `schemas/`
//! of the repository holds the published copy (`nis2 schema --write schemas`); a test fails
//! when it is stale. The crate embeds nothing from outside its folder: the schemas are made
//! from the types when asked (feature `schemas`, on by default; the WebAssembly build leaves it
//! out).
//!
//! Kinds: the documents and reference data ([`DOCUMENTS`]); per capability, its request
//! (`catalog-request`: one of the operations' requests, each with its `op`); per operation, its
//! explained response (`catalog-map`) and its verdict (`catalog-map-verdict`), each with `op`
//! (and `detail`) first; the registry itself (`ops`) and the conformance-vector format
//! (`vector`).

use crate::error::Error;

/// The kinds that are documents rather than responses: (kind, what it describes).
pub const DOCUMENTS: &[(&str, &str)] = &[
    (
        "scope-profile",
        "the profile of an organisation (the request of `scope`)",
    ),
    (
        "entity-types",
        "the entity-type catalog data (Annexes I and II)",
    ),
    (
        "member-states",
        "the Member-State overlay data (every State, with provenance and coverage)",
    ),
    (
        "member-state",
        "one Member State's data file (`data/member_states/<CODE>.json`)",
    ),
    ("labels", "the bilingual label catalog"),
    ("error", "the error report every surface gives"),
    ("catalog", "a framework's data file"),
    ("catalog-mapping", "a mapping's data file"),
    (
        "ciso-assistant-library",
        "the subset of CISO Assistant's library format (YAML) that `catalog.export` emits",
    ),
    (
        "screen-columns",
        "a register's column map for screening (`nis2 screen --columns`)",
    ),
    ("risk-matrix", "a risk matrix"),
    ("risk-register", "a risk register"),
    ("programme", "a programme document"),
    ("incident", "an incident, for the Art 23 clocks"),
    ("assessment", "an assessment document"),
    ("ops", "the op registry"),
    ("vector", "a conformance vector"),
    (
        "malformed-vector",
        "a malformed-request vector (`tests/vectors/malformed/*.json`)",
    ),
];

/// Every kind that has a schema, in a stable order: documents, requests, responses, verdicts.
pub fn kinds() -> Vec<String> {
    let mut out: Vec<String> = DOCUMENTS.iter().map(|(k, _)| (*k).to_owned()).collect();
    for cap in crate::api::capabilities() {
        if !out.iter().any(|k| k == cap.request_kind) {
            out.push(cap.request_kind.to_owned());
        }
        for op in cap.ops {
            out.push(op.response_kind.to_owned());
            out.push(op.verdict_kind.to_owned());
        }
    }
    out
}

/// The file name of a kind's schema in `schemas/`.
pub fn file_name(kind: &str) -> String {
    format!("{kind}.schema.json")
}

/// A kind that has no schema, with the nearest kinds.
fn unknown_kind(kind: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path: "kind".to_owned(),
        what: "schema kind".to_owned(),
        value: kind.to_owned(),
        suggestions: crate::suggest::nearest(kind, kinds().iter().map(String::as_str), 3),
    }
}

/// The schema of a kind: not in a build without the feature `schemas` (the WebAssembly one);
/// an unknown kind is still reported as such.
#[cfg(not(feature = "schemas"))]
pub fn schema_for(kind: &str) -> crate::error::Result<serde_json::Value> {
    if kinds().iter().any(|k| k == kind) {
        Err(Error::invalid(
            "kind",
            format!(
                "this build of nis2 does not carry the JSON Schemas (feature `schemas`); the \
                 schema `{kind}` is in the repository's `schemas/` directory, the Python \
                 package and the CLI (`nis2 schema {kind}`)"
            ),
        ))
    } else {
        Err(unknown_kind(kind))
    }
}

#[cfg(feature = "schemas")]
pub use generate::{gen, schema_for};

#[cfg(feature = "schemas")]
mod generate {
    use std::collections::{BTreeMap, BTreeSet};

    use serde_json::{json, Map, Value};

    use super::unknown_kind;
    use crate::api::registry::{all_ops, capabilities, Capability, OpSpec};
    use crate::error::{Error, Result};

    /// The schema of a type (no `$id`; header keys first).
    pub fn gen<T: schemars::JsonSchema>() -> Value {
        let v = schemars::schema_for!(T).to_value();
        let Value::Object(mut obj) = v else {
            return v;
        };
        let mut out = Map::new();
        for key in ["$schema", "title", "description"] {
            if let Some(value) = obj.remove(key) {
                out.insert(key.to_owned(), value);
            }
        }
        out.extend(obj);
        Value::Object(out)
    }

    /// The schema of a kind, as published (with its `$id`).
    pub fn schema_for(kind: &str) -> Result<Value> {
        let schema = document(kind)
            .or_else(|| {
                capabilities()
                    .iter()
                    .find(|c| c.request_kind == kind)
                    .map(request)
            })
            .or_else(|| {
                all_ops().find_map(|o| {
                    if o.response_kind == kind {
                        Some(response(o))
                    } else if o.verdict_kind == kind {
                        Some(verdict(o))
                    } else {
                        None
                    }
                })
            })
            .ok_or_else(|| unknown_kind(kind))??;
        Ok(with_id(kind, schema))
    }

    fn document(kind: &str) -> Option<Result<Value>> {
        Some(Ok(match kind {
            "scope-profile" => gen::<crate::scope::profile::Profile>(),
            "entity-types" => gen::<crate::entity_types::EntityTypeCatalog>(),
            "member-states" => gen::<crate::overlay::OverlayData>(),
            "member-state" => gen::<crate::overlay::MemberState>(),
            "labels" => gen::<crate::labels::LabelCatalog>(),
            "error" => gen::<crate::error::ErrorReport>(),
            "catalog" => gen::<crate::catalog::Framework>(),
            "catalog-mapping" => gen::<crate::catalog::Mapping>(),
            "ciso-assistant-library" => gen::<crate::catalog::ciso::Library>(),
            "screen-columns" => gen::<crate::screen::mapping::ColumnMap>(),
            "risk-matrix" => gen::<crate::risk::matrix::RiskMatrix>(),
            "risk-register" => gen::<crate::risk::register::Register>(),
            "programme" => gen::<crate::programme::model::Programme>(),
            "incident" => gen::<crate::programme::incident::IncidentInput>(),
            "assessment" => gen::<crate::assessment::model::AssessmentDocument>(),
            "ops" => gen::<crate::api::registry::Registry>(),
            "vector" => return Some(vector()),
            "malformed-vector" => return Some(malformed_vector()),
            _ => return None,
        }))
    }

    fn with_id(kind: &str, schema: Value) -> Value {
        let Value::Object(mut obj) = schema else {
            return schema;
        };
        let mut out = Map::new();
        if let Some(s) = obj.remove("$schema") {
            out.insert("$schema".to_owned(), s);
        }
        out.insert(
            "$id".to_owned(),
            Value::String(format!(
                "https://nis2.invalid/schemas/{}",
                super::file_name(kind)
            )),
        );
        out.extend(obj);
        Value::Object(out)
    }

    fn schema_error(op: &str, message: impl Into<String>) -> Error {
        Error::Data {
            file: format!("<schema of {op}>"),
            message: message.into(),
        }
    }

    /// Put `name: {const: value}` first in an object schema's properties, and make it required.
    fn add_const(schema: &mut Value, name: &str, value: &str, description: &str) {
        let Value::Object(obj) = schema else { return };
        let mut props = Map::new();
        props.insert(
            name.to_owned(),
            json!({"description": description, "type": "string", "const": value}),
        );
        if let Some(Value::Object(old)) = obj.remove("properties") {
            props.extend(old);
        }
        let mut required = vec![Value::String(name.to_owned())];
        if let Some(Value::Array(old)) = obj.remove("required") {
            required.extend(old);
        }
        // Keep the usual key order: type, properties, required, then the rest.
        let rest: Vec<(String, Value)> = std::mem::take(obj).into_iter().collect();
        for (k, v) in rest {
            if k == "$defs" {
                obj.insert(
                    "properties".to_owned(),
                    Value::Object(std::mem::take(&mut props)),
                );
                obj.insert(
                    "required".to_owned(),
                    Value::Array(std::mem::take(&mut required)),
                );
            }
            obj.insert(k, v);
        }
        if !props.is_empty() {
            obj.insert("properties".to_owned(), Value::Object(props));
            obj.insert("required".to_owned(), Value::Array(required));
        }
    }

    /// The explained response of an operation, `op` first.
    fn response(op: &OpSpec) -> Result<Value> {
        let (_, mut schema) = op.handler.schemas();
        if schema.get("properties").is_none() {
            return Err(schema_error(op.id, "the response is not an object schema"));
        }
        add_const(&mut schema, "op", op.id, "The operation answered.");
        Ok(schema)
    }

    /// The verdict of an operation: its own type where it has one, otherwise the explained
    /// response without prose; `op` and `detail` first.
    fn verdict(op: &OpSpec) -> Result<Value> {
        let mut schema = match op.handler.verdict_schema() {
            Some(s) => s,
            None => strip(op.handler.schemas().1)?,
        };
        if schema.get("properties").is_none() {
            return Err(schema_error(op.id, "the verdict is not an object schema"));
        }
        add_const(
            &mut schema,
            "detail",
            "verdict",
            "The detail level: a verdict.",
        );
        add_const(&mut schema, "op", op.id, "The operation answered.");
        Ok(schema)
    }

    /// A capability's request: one of its operations' requests, each with its `op`.
    fn request(cap: &Capability) -> Result<Value> {
        if !cap.tagged {
            let op = cap
                .ops
                .first()
                .ok_or_else(|| schema_error(cap.name, "no operation"))?;
            return Ok(op.handler.schemas().0);
        }
        let mut defs: BTreeMap<String, Value> = BTreeMap::new();
        let mut one_of = Vec::new();
        for op in cap.ops {
            let (mut schema, _) = op.handler.schemas();
            let Value::Object(obj) = &mut schema else {
                return Err(schema_error(op.id, "the request is not an object schema"));
            };
            obj.remove("$schema");
            if let Some(Value::Object(inner)) = obj.remove("$defs") {
                for (name, def) in inner {
                    match defs.get(&name) {
                        Some(existing) if existing != &def => {
                            return Err(schema_error(
                                op.id,
                                format!("two different types are named `{name}`"),
                            ))
                        }
                        _ => {
                            defs.insert(name, def);
                        }
                    }
                }
            }
            obj.insert(
                "title".to_owned(),
                Value::String(op.request_type.to_owned()),
            );
            add_const(&mut schema, "op", op.name, "The operation.");
            if defs.contains_key(op.request_type) {
                return Err(schema_error(
                    op.id,
                    format!("`{}` is already a type name", op.request_type),
                ));
            }
            defs.insert(op.request_type.to_owned(), schema);
            one_of.push(json!({"$ref": format!("#/$defs/{}", op.request_type)}));
        }
        let title = format!("{}Request", pascal(cap.name));
        Ok(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            "description": format!("A request to `{}`: {}", cap.name, cap.summary),
            "oneOf": one_of,
            "$defs": defs,
        }))
    }

    fn pascal(s: &str) -> String {
        s.split(['_', '-', '.'])
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect()
    }

    const TEXT: &str = "#/$defs/Text";

    /// Whether a schema (at any depth, not following `$ref`s except to `Text` and to `prose`)
    /// mentions a bilingual text.
    fn mentions(schema: &Value, prose: &BTreeSet<String>) -> bool {
        match schema {
            Value::Object(obj) => obj.iter().any(|(k, v)| match (k.as_str(), v) {
                ("$ref", Value::String(r)) => {
                    r == TEXT
                        || r.strip_prefix("#/$defs/")
                            .is_some_and(|n| prose.contains(n))
                }
                ("$defs", _) => false,
                _ => mentions(v, prose),
            }),
            Value::Array(items) => items.iter().any(|v| mentions(v, prose)),
            _ => false,
        }
    }

    /// Whether a property schema is a text (`Text` or an optional `Text`).
    fn is_text_property(schema: &Value) -> bool {
        if schema.get("$ref").and_then(Value::as_str) == Some(TEXT) {
            return true;
        }
        ["anyOf", "oneOf"].iter().any(|k| {
            schema
                .get(*k)
                .and_then(Value::as_array)
                .is_some_and(|alts| {
                    alts.iter()
                        .any(|a| a.get("$ref").and_then(Value::as_str) == Some(TEXT))
                        && alts.iter().all(|a| {
                            a.get("$ref").and_then(Value::as_str) == Some(TEXT)
                                || a.get("type").and_then(Value::as_str) == Some("null")
                        })
                })
        })
    }

    /// Drop text properties and rename references to the renamed definitions, at any depth.
    fn rewrite(schema: &mut Value, renamed: &BTreeSet<String>) -> Result<()> {
        match schema {
            Value::Object(obj) => {
                if let Some(Value::Object(props)) = obj.get_mut("properties") {
                    let dropped: Vec<String> = props
                        .iter()
                        .filter(|(_, p)| is_text_property(p))
                        .map(|(k, _)| k.clone())
                        .collect();
                    props.retain(|k, _| !dropped.contains(k));
                    if let Some(Value::Array(req)) = obj.get_mut("required") {
                        req.retain(|r| !r.as_str().is_some_and(|r| dropped.iter().any(|d| d == r)));
                    }
                }
                if obj
                    .get("additionalProperties")
                    .and_then(|a| a.get("$ref"))
                    .and_then(Value::as_str)
                    == Some(TEXT)
                {
                    // A map of texts (the label catalog): every member is prose.
                    obj.insert("additionalProperties".to_owned(), Value::Bool(false));
                }
                if let Some(Value::String(r)) = obj.get_mut("$ref") {
                    if r == TEXT {
                        return Err(schema_error(
                            "verdict",
                            "a text that is not an object property (in an array or a union)",
                        ));
                    }
                    if let Some(name) = r.strip_prefix("#/$defs/") {
                        if renamed.contains(name) {
                            *r = format!("#/$defs/{name}Verdict");
                        }
                    }
                }
                obj.values_mut().try_for_each(|v| rewrite(v, renamed))
            }
            Value::Array(items) => items.iter_mut().try_for_each(|v| rewrite(v, renamed)),
            _ => Ok(()),
        }
    }

    /// The schema of a verdict made from an explained schema: every text property dropped, and
    /// every definition that held prose (at any depth) renamed `<Name>Verdict`, so the types of
    /// both levels share one namespace.
    pub(crate) fn strip(mut schema: Value) -> Result<Value> {
        let mut defs: Map<String, Value> = match schema.get_mut("$defs") {
            Some(Value::Object(d)) => std::mem::take(d),
            _ => Map::new(),
        };
        defs.remove("Text");
        let mut prose: BTreeSet<String> = BTreeSet::new();
        loop {
            let more: Vec<String> = defs
                .iter()
                .filter(|(n, d)| !prose.contains(*n) && mentions(d, &prose))
                .map(|(n, _)| n.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            prose.extend(more);
        }
        let mut out_defs = Map::new();
        for (name, mut def) in defs {
            rewrite(&mut def, &prose)?;
            if prose.contains(&name) {
                if let Some(Value::String(t)) = def.get_mut("title") {
                    t.push_str("Verdict");
                }
                out_defs.insert(format!("{name}Verdict"), def);
            } else {
                out_defs.insert(name, def);
            }
        }
        if let Value::Object(obj) = &mut schema {
            obj.remove("$defs");
            if let Some(Value::String(t)) = obj.get_mut("title") {
                t.push_str("Verdict");
            }
        }
        rewrite(&mut schema, &prose)?;
        if let Value::Object(obj) = &mut schema {
            if !out_defs.is_empty() {
                obj.insert("$defs".to_owned(), Value::Object(out_defs));
            }
        }
        Ok(schema)
    }

    /// The malformed-request vector format (`tests/vectors/malformed/*.json`): raw request text
    /// and the error every surface must give for it.
    fn malformed_vector() -> Result<Value> {
        let strings = json!({"type": "array", "items": {"type": "string", "minLength": 1}});
        Ok(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "MalformedVector",
            "description": "A malformed request: its raw text (so that syntax errors, byte-order marks, invalid escapes, repeated keys, deep nesting and huge numbers can be written), the capability and detail level it is sent with, and the error every surface must give for it (the Rust, Python and WebAssembly suites all run it, one named test per file). The expected error is written from what the request is, not from what the engine answers.",
            "type": "object",
            "additionalProperties": false,
            "required": ["description", "capability", "input_text", "expected_error"],
            "properties": {
                "description": {"type": "string", "minLength": 1, "description": "What is wrong with the request, in a sentence."},
                "capability": {"type": "string", "description": "The capability the request is sent to (an unknown one is a case too)."},
                "detail": {"type": "string", "description": "The detail level passed with the call (default `explained`; an unknown one is a case too)."},
                "input_text": {"type": "string", "description": "The request exactly as sent: JSON text, or text that is not JSON."},
                "expected_error": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["kind", "path"],
                    "description": "The error the request must give.",
                    "if": {"properties": {"kind": {"const": "limit_exceeded"}}},
                    "then": {"required": ["limit"]},
                    "else": {"not": {"required": ["limit"]}},
                    "properties": {
                        "kind": {"enum": ["invalid_input", "unknown_id", "limit_exceeded", "multiple"]},
                        "path": {"type": ["string", "null"], "description": "The error's path (`$.size.staff_headcount`; `capability` or `detail` for the call's arguments); null for `multiple`."},
                        "paths": {"type": "array", "items": {"type": "string"}, "description": "The paths of the problems of a `multiple` error, in order."},
                        "limit": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["name", "value"],
                            "description": "For `limit_exceeded`: the limit the error names (its `limit`). Required with that kind, absent otherwise.",
                            "properties": {"name": {"type": "string"}, "value": {"type": "integer", "minimum": 0}}
                        },
                        "message_contains": {"allOf": [strings], "description": "Words the message must contain."},
                        "message_excludes": {"allOf": [strings], "description": "Words the message must not contain."}
                    }
                },
                "known_issue": {"type": "string", "minLength": 1, "description": "Where the engine's answer is known to be wrong: what is wrong. The runners skip the case with this note until the engine is fixed and the member removed."}
            }
        }))
    }

    /// The conformance-vector format (`tests/vectors/<capability>/*.json`).
    fn vector() -> Result<Value> {
        let error_assert = json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["kind"],
            "properties": {
                "kind": {"enum": ["invalid_input", "unknown_id", "limit_exceeded", "multiple", "data"]},
                "path": {"type": "string", "description": "The error's path."},
                "paths": {"type": "array", "items": {"type": "string"}, "description": "The paths of the problems of a `multiple` error, in order."}
            }
        });
        Ok(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Vector",
            "description": "A conformance vector: a request, checks written from the legal text, and the exact response every surface must give (the Rust, Python and WebAssembly suites all run it, one named test per file). The capability is the vector's folder.",
            "type": "object",
            "additionalProperties": false,
            "required": ["description", "input", "assert"],
            "properties": {
                "description": {"type": "string", "minLength": 1, "description": "What the case checks, in a sentence."},
                "citations": {"type": "array", "items": {"type": "string"}, "description": "The legal provisions the case was written from."},
                "references": {"type": "array", "items": {"type": "string"}, "description": "Other sources of the case."},
                "input": {"description": "The request: a scope profile, or a request with `op`."},
                "input_text": {"type": "string", "description": "The request exactly as sent, when its JSON text says more than `input` can (a decimal with more digits than a double holds): every suite sends this text, and `input` (the same document with each number as the engine reads it) as a value."},
                "assert": {
                    "type": "object",
                    "additionalProperties": false,
                    "description": "Checks written independently of the engine.",
                    "properties": {
                        "in_scope": {"type": "string"},
                        "classification": {"type": "string"},
                        "size_class": {"type": "string"},
                        "open_question_ids": {"type": "array", "items": {"type": "string"}},
                        "pointers": {"type": "object", "description": "JSON Pointer → exact value."},
                        "json": {"type": "object", "description": "JSON Pointer → exact value."},
                        "values": {"type": "object", "description": "JSON Pointer → exact value."},
                        "text_contains": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                        "results_include": {"type": "array", "items": {"type": "object", "required": ["id"]}},
                        "request_schema": {"enum": ["accepts", "rejects"], "description": "What the capability's request schema makes of the input (checked by the Rust suite; an input the engine answers must always be accepted)."},
                        "error": error_assert,
                        "errors": {"type": "array", "items": {"type": "object", "required": ["kind"]}}
                    }
                },
                "expected": {"type": "object", "description": "The exact explained response."},
                "expected_error": {"$ref": "#/$defs/ErrorReport"}
            },
            "oneOf": [{"required": ["expected"]}, {"required": ["expected_error"]}],
            "$defs": {"ErrorReport": {
                "type": "object",
                "additionalProperties": false,
                "required": ["kind", "message"],
                "properties": {
                    "kind": {"enum": ["invalid_input", "unknown_id", "limit_exceeded", "multiple", "data"]},
                    "message": {"type": "string"},
                    "path": {"type": "string"},
                    "suggestions": {"type": "array", "items": {"type": "string"}},
                    "accepted": {"type": "array", "items": {"type": "string"}},
                    "errors": {"type": "array", "items": {"$ref": "#/$defs/ErrorReport"}}
                }
            }}
        }))
    }
}
