//! The label catalog (`data/labels.json`, completed on load with the rule and question words) is
//! complete and well formed:
//! - every operation of the registry has a title (`op.<id>`);
//! - every member name of every response and verdict schema has a heading (`field.<name>`);
//! - every enum or const string of those schemas has a word, `value.<code>` or, for each field
//!   it appears in, `value.<field>.<code>`;
//! - every label has an English and a Danish word, different unless the word is the same in
//!   both languages (listed below);
//! - the data file is sorted, uses the known key families, and leaves the rule and question
//!   words to the engine;
//! - the catalog round-trips, matches its JSON Schema and is what `reference` op `labels`
//!   returns;
//! - rendering every conformance vector (explained and verdict, English and Danish, Markdown,
//!   HTML and text) shows no raw key; the conformance suite checks the same per vector.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use nis2_core::api::{self, Detail, Format, Input};
use nis2_core::labels::{self, LabelCatalog};
use nis2_core::Lang;
use serde_json::{Map, Value};

/// Labels whose Danish word is the English one: acronyms, formats, units, proper names and
/// words Danish borrows as they are.
const SAME_IN_BOTH: &[&str] = &[
    "field.csv",
    "field.data",
    "field.format",
    "field.gap",
    "field.ics",
    "field.id",
    "field.lex_specialis",
    "field.matrix",
    "field.min",
    "field.nace",
    "field.op",
    "field.organisation",
    "field.person",
    "field.plan",
    "field.register",
    "field.score",
    "field.status",
    "field.svg",
    "field.uid",
    "field.version",
    "field.via",
    "unit.eur",
    "unit.percent",
    "value.base64",
    "value.csirt",
    "value.ciso_assistant",
    "value.csv",
    "value.enisa",
    "value.eu",
    "value.hardware",
    "value.html",
    "value.json",
    "value.md",
    "value.minimum",
    "value.oscal",
    "value.ot",
    "value.software",
    "value.sum",
    "value.utf8",
    "value.xlsx",
];

/// The key families of the catalog.
const FAMILIES: &[&str] = &[
    "op", "field", "value", "heading", "word", "unit", "rule", "question",
];

fn catalog() -> &'static LabelCatalog {
    labels::catalog().unwrap()
}

fn has(key: &str) -> bool {
    catalog().get(key).is_some()
}

/// The response and verdict schemas of every operation, by kind.
fn response_schemas() -> BTreeMap<&'static str, Value> {
    let mut out = BTreeMap::new();
    for op in api::registry::all_ops() {
        for kind in [op.response_kind, op.verdict_kind] {
            out.entry(kind)
                .or_insert_with(|| nis2_core::schema::schema_for(kind).unwrap());
        }
    }
    out
}

/// Every string an `enum` or a `const` allows in a schema, following `$ref`s, the members of
/// `oneOf`/`anyOf`/`allOf`, array items and map values, but not into the properties of an
/// object (they are other fields).
fn codes(node: &Value, root: &Value, out: &mut BTreeSet<String>, depth: usize) {
    let Some(m) = node.as_object() else { return };
    assert!(depth < 32, "schema too deep");
    if let Some(list) = m.get("enum").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    if let Some(c) = m.get("const").and_then(Value::as_str) {
        out.insert(c.to_owned());
    }
    if let Some(r) = m.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        codes(&root["$defs"][name], root, out, depth + 1);
    }
    for key in ["oneOf", "anyOf", "allOf", "prefixItems"] {
        for sub in m.get(key).and_then(Value::as_array).into_iter().flatten() {
            codes(sub, root, out, depth + 1);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(sub) = m.get(key) {
            codes(sub, root, out, depth + 1);
        }
    }
}

/// Every property of every object in a schema: (member name, the codes it allows).
fn members(node: &Value, root: &Value, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match node {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                for (name, sub) in props {
                    let mut set = BTreeSet::new();
                    codes(sub, root, &mut set, 0);
                    out.entry(name.clone()).or_default().extend(set);
                    members(sub, root, out);
                }
            }
            m.iter()
                .filter(|(k, _)| *k != "properties")
                .for_each(|(_, v)| members(v, root, out));
        }
        Value::Array(items) => items.iter().for_each(|v| members(v, root, out)),
        _ => {}
    }
}

fn all_members() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for schema in response_schemas().values() {
        members(schema, schema, &mut out);
    }
    out
}

fn fail_with(what: &str, missing: &[String]) {
    assert!(
        missing.is_empty(),
        "{} {what}:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

#[test]
fn every_op_has_a_title() {
    let missing: Vec<String> = api::registry::all_ops()
        .map(|op| format!("op.{}", op.id))
        .filter(|k| !has(k))
        .collect();
    fail_with("operations without a title", &missing);
}

#[test]
fn every_member_has_a_heading() {
    let members = all_members();
    assert!(members.len() > 400, "the schema walk found too little");
    let missing: Vec<String> = members
        .keys()
        .map(|name| format!("field.{name}"))
        .filter(|k| !has(k))
        .collect();
    fail_with("member names without a `field.` label", &missing);
}

#[test]
fn every_enum_value_has_a_word() {
    let mut missing = Vec::new();
    let mut seen = 0;
    for (field, set) in all_members() {
        for code in set {
            seen += 1;
            if field == "op" {
                // The operation a document answers: its title is `op.<id>`.
                if !has(&format!("op.{code}")) {
                    missing.push(format!("op.{code}"));
                }
                continue;
            }
            if !has(&format!("value.{field}.{code}")) && !has(&format!("value.{code}")) {
                missing.push(format!("value.{code} (or value.{field}.{code})"));
            }
        }
    }
    assert!(seen > 200, "the schema walk found too few codes ({seen})");
    missing.sort();
    missing.dedup();
    fail_with("codes without a word", &missing);
}

#[test]
fn field_specific_words_name_a_field() {
    let members = all_members();
    let wrong: Vec<String> = catalog()
        .labels
        .keys()
        .filter_map(|k| k.strip_prefix("value."))
        .filter_map(|rest| rest.split_once('.'))
        .filter(|(field, _)| !members.contains_key(*field))
        .map(|(field, code)| format!("value.{field}.{code}: no member `{field}`"))
        .collect();
    fail_with("field-specific words for unknown fields", &wrong);
}

#[test]
fn every_label_is_bilingual() {
    let mut bad = Vec::new();
    for (key, text) in &catalog().labels {
        let (en, da) = (text.en.as_ref(), text.da.as_ref());
        if en.trim().is_empty() || da.trim().is_empty() {
            bad.push(format!("{key}: an empty word"));
        }
        if en.trim() != en || da.trim() != da {
            bad.push(format!("{key}: spaces around a word"));
        }
        let same_allowed = SAME_IN_BOTH.contains(&key.as_str());
        if en == da && !same_allowed {
            bad.push(format!(
                "{key}: the Danish word is the English one ({en:?}); translate it, or list the \
                 key in SAME_IN_BOTH"
            ));
        }
        if en != da && same_allowed {
            bad.push(format!("{key}: listed in SAME_IN_BOTH but {en:?} ≠ {da:?}"));
        }
    }
    for key in SAME_IN_BOTH {
        if !has(key) {
            bad.push(format!(
                "{key}: listed in SAME_IN_BOTH but not in the catalog"
            ));
        }
    }
    fail_with("labels that are not bilingual", &bad);
}

#[test]
fn headings_words_and_units_are_there() {
    let want = [
        "heading.activities",
        "heading.attention_points",
        "heading.decision_trace",
        "heading.open_questions",
        "heading.reasons",
        "word.yes",
        "word.no",
        "unit.eur",
        "unit.hours",
        "unit.percent",
        "unit.awu",
    ];
    let missing: Vec<String> = want
        .iter()
        .filter(|k| !has(k))
        .map(|k| (*k).to_owned())
        .collect();
    fail_with("labels missing", &missing);
}

/// The data file as written: its keys in file order.
fn file_keys() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/labels.json");
    let text = std::fs::read_to_string(path).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let n = doc["labels"].as_object().unwrap().len();
    let at = text.find("\"labels\"").unwrap();
    let start = at + text[at..].find('\n').unwrap();
    let re = regex::Regex::new(r#"(?m)^\s*"([^"]+)":\s*\{"#).unwrap();
    let keys: Vec<String> = re
        .captures_iter(&text[start..])
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(
        keys.len(),
        n,
        "one label a line, `\"key\": {{\"en\": …, \"da\": …}}`"
    );
    keys
}

#[test]
fn the_data_file_is_sorted_and_well_formed() {
    let keys = file_keys();
    let mut bad = Vec::new();
    for pair in keys.windows(2) {
        if pair[0] >= pair[1] {
            bad.push(format!(
                "{} before {}: keep the keys sorted",
                pair[0], pair[1]
            ));
        }
    }
    for k in &keys {
        let family = k.split('.').next().unwrap_or("");
        if !FAMILIES.contains(&family) || k.split('.').any(str::is_empty) {
            bad.push(format!(
                "{k}: not `<family>.<id>` with a family of {FAMILIES:?}"
            ));
        }
        if family == "rule" || family == "question" {
            bad.push(format!("{k}: rule and question words come from the engine"));
        }
    }
    fail_with("problems in data/labels.json", &bad);
}

#[test]
fn the_engine_adds_rule_and_question_words() {
    let cat = catalog();
    assert!(cat.labels.keys().any(|k| k.starts_with("rule.")));
    assert!(cat.labels.keys().any(|k| k.starts_with("question.")));
    for k in file_keys() {
        assert!(cat.get(&k).is_some(), "{k} lost on load");
    }
}

#[test]
fn the_catalog_round_trips_and_matches_its_schema() {
    let cat = catalog();
    let value = serde_json::to_value(cat).unwrap();
    let back: LabelCatalog = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(&back, cat);
    let text = serde_json::to_string(cat).unwrap();
    let again: LabelCatalog = serde_json::from_str(&text).unwrap();
    assert_eq!(&again, cat);
    let published: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/labels.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for schema in [published, nis2_core::schema::schema_for("labels").unwrap()] {
        let v = jsonschema::options().build(&schema).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&value)
            .take(5)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        fail_with("schema problems", &errors);
    }
}

#[test]
fn the_reference_op_returns_the_catalog() {
    let out = api::call(
        "reference",
        Input::Text(r#"{"op": "labels"}"#),
        Detail::Explained,
    )
    .unwrap()
    .to_value()
    .unwrap();
    assert_eq!(out["op"], "reference.labels");
    let mut body: Map<String, Value> = out.as_object().unwrap().clone();
    body.remove("op");
    assert_eq!(
        Value::Object(body),
        serde_json::to_value(catalog()).unwrap()
    );
}

/// A key left in a rendering: the view found no word for it.
fn raw_keys(text: &str) -> Vec<String> {
    let re = regex::Regex::new(
        r"\b(?:op|field|value|heading|word|unit|rule|question)\.[A-Za-z0-9_][A-Za-z0-9_.-]*",
    )
    .unwrap();
    re.find_iter(text).map(|m| m.as_str().to_owned()).collect()
}

#[test]
fn the_views_find_every_word() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut rendered = 0;
    for cap in ["scope", "catalog", "risk", "programme", "assessment"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(cap))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(expected) = v.get("expected") else {
                continue;
            };
            let verdict = api::call(cap, Input::Value(v["input"].clone()), Detail::Verdict)
                .unwrap()
                .to_value()
                .unwrap();
            let name = format!("{cap}/{}", path.file_name().unwrap().to_string_lossy());
            for (doc, what) in [(expected, "explained"), (&verdict, "verdict")] {
                for lang in [Lang::En, Lang::Da] {
                    for format in [Format::Table, Format::Md, Format::Html] {
                        let text = api::render(doc, format, lang).unwrap();
                        rendered += 1;
                        for key in raw_keys(&text) {
                            let at = found.entry(key).or_default();
                            if at.len() < 3 {
                                at.insert(format!("{name} ({what})"));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(rendered > 1000, "too few renderings ({rendered})");
    let missing: Vec<String> = found
        .iter()
        .map(|(k, at)| {
            format!(
                "{k}  ({})",
                at.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    fail_with("raw keys in the renderings", &missing);
}
