//! The Excel questionnaire round trip (`assessment` ops `questionnaire` and
//! `questionnaire_import`): a template read back unchanged gives the same document, byte for
//! byte (property-tested on generated assessments, in English and Danish); the workbook has the
//! sheets, drop-downs and columns the guide describes; a workbook that is not ours is a typed
//! error naming what is missing.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::Path;

use proptest::prelude::*;
use serde_json::{json, Value};

fn example() -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/msp-assessment.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn call(req: &Value) -> nis2_core::Result<Value> {
    let out = nis2_core::api::call_json(
        "assessment",
        &req.to_string(),
        nis2_core::api::Detail::Explained,
    )?;
    Ok(serde_json::from_str(&out).unwrap())
}

/// The same JSON numbers written one way (the engine writes the profile's figures as floats:
/// `38` comes back as `38.0`, the same number).
fn norm(v: &Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => json!(x as i64),
            _ => v.clone(),
        },
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), norm(v))).collect()),
        _ => v.clone(),
    }
}

fn template(doc: &Value, lang: &str) -> Value {
    call(&json!({"op": "questionnaire", "assessment": doc, "format": "xlsx", "lang": lang}))
        .unwrap()
}

fn import(content: &str) -> nis2_core::Result<Value> {
    call(&json!({"op": "questionnaire_import", "format": "xlsx", "content": content}))
}

#[test]
fn the_example_comes_back_unchanged_in_both_languages() {
    let doc = example();
    for lang in ["en", "da"] {
        let t = template(&doc, lang);
        assert_eq!(t["rows"], 302, "{lang}");
        assert_eq!(t["requirements"], 179, "{lang}");
        let back = import(t["content"].as_str().unwrap()).unwrap();
        assert!(
            norm(&back["assessment"]) == norm(&doc),
            "{lang}: the document changed"
        );
        // A second round trip is byte-identical.
        let again = import(
            template(&back["assessment"], lang)["content"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert!(
            again["assessment"] == back["assessment"],
            "{lang}: second round trip"
        );
        assert_eq!(back["unchanged"], 302);
        assert_eq!(back["lang"], lang);
        for k in ["added", "changed", "removed", "not_in_workbook"] {
            assert_eq!(back[k], json!([]), "{lang} {k}");
        }
    }
}

#[test]
fn the_template_is_deterministic() {
    let doc = example();
    assert_eq!(
        template(&doc, "da")["content"],
        template(&doc, "da")["content"]
    );
}

#[test]
fn the_document_to_import_into_may_be_given() {
    let doc = example();
    let t = template(&doc, "en");
    // A document without results: every answered row is a new result, in row order.
    let mut empty = doc.clone();
    empty["results"] = json!([]);
    let back = call(&json!({"op": "questionnaire_import", "format": "xlsx",
        "content": t["content"], "assessment": empty}))
    .unwrap();
    let added = back["added"].as_array().unwrap().len();
    assert_eq!(added, doc["results"].as_array().unwrap().len());
    let mut ids: Vec<&str> = back["assessment"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["requirement"].as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["requirement"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    want.sort_unstable();
    assert_eq!(ids, want);
}

#[test]
fn a_workbook_that_is_not_ours_is_a_typed_error() {
    let doc = example();
    let audit = call(
        &json!({"op": "audit_export", "assessment": doc, "framework": "nis2",
        "format": "xlsx"}),
    )
    .unwrap();
    for (content, want) in [
        (
            audit["content"].as_str().unwrap().to_owned(),
            "the hidden sheet `nis2` is missing",
        ),
        ("not base64!".to_owned(), "not base64"),
        (
            "aGVsbG8gd29ybGQ=".to_owned(),
            "not an XLSX workbook that can be read",
        ),
    ] {
        let e = import(&content).unwrap_err();
        assert_eq!(e.path(), Some("$.content"));
        assert!(e.to_string().contains(want), "{e}");
    }
    let e =
        call(&json!({"op": "questionnaire_import", "format": "csv", "content": ""})).unwrap_err();
    assert_eq!(e.path(), Some("$.format"), "{e}");
}

/// Texts with the characters spreadsheets and XML make hard: quotes, separators, line breaks,
/// leading and trailing spaces, non-ASCII letters, and the empty string.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  padded  ".to_owned()),
        Just("line one\nline two".to_owned()),
        Just("\"quoted\", ; separated".to_owned()),
        Just("Ærø Østergård — ÅÄÖ 😀".to_owned()),
        "[a-zA-Z0-9 ._-]{1,30}",
    ]
}

#[derive(Debug, Clone)]
struct Gen {
    status: usize,
    maturity: [Option<i64>; 3],
    weight: Option<u32>,
    effort: Option<u32>,
    evidence: Option<Vec<String>>,
    owner: Option<String>,
    due: Option<(u32, u32, u32)>,
    notes: Option<String>,
    just: String,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        0usize..6,
        [
            proptest::option::of(0i64..=5),
            proptest::option::of(0i64..=5),
            proptest::option::of(0i64..=5),
        ],
        proptest::option::of(1u32..=100),
        proptest::option::of(1u32..=5),
        proptest::option::of(proptest::collection::vec(text(), 0..3)),
        proptest::option::of(text()),
        proptest::option::of((2026u32..2030, 1u32..=12, 1u32..=28)),
        proptest::option::of(text()),
        "[a-z]{1,20}",
    )
        .prop_map(
            |(status, maturity, weight, effort, evidence, owner, due, notes, just)| Gen {
                status,
                maturity,
                weight,
                effort,
                evidence,
                owner,
                due,
                notes,
                just,
            },
        )
}

const STATUSES: [&str; 6] = [
    "not_assessed",
    "not_applicable",
    "not_implemented",
    "partially_implemented",
    "largely_implemented",
    "fully_implemented",
];

fn result(id: &str, g: &Gen) -> Value {
    let status = STATUSES[g.status];
    let mut r = json!({"requirement": id, "status": status});
    if status == "not_applicable" {
        r["justification"] = json!(g.just);
        return r;
    }
    if status != "not_assessed" {
        for (k, m) in [
            "implementation_maturity",
            "documentation_maturity",
            "target_maturity",
        ]
        .iter()
        .zip(g.maturity)
        {
            if let Some(m) = m {
                r[*k] = json!(m);
            }
        }
    }
    if let Some(w) = g.weight {
        r["weight"] = json!(w);
    }
    if let Some(e) = g.effort {
        r["effort"] = json!(e);
    }
    if let Some(e) = &g.evidence {
        r["evidence"] = json!(e);
    }
    if let Some(o) = &g.owner {
        r["owner"] = json!(o);
    }
    if let Some((y, m, d)) = g.due {
        r["due_date"] = json!(format!("{y:04}-{m:02}-{d:02}"));
    }
    if let Some(n) = &g.notes {
        r["notes"] = json!(n);
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any assessment → template → import → the same assessment.
    #[test]
    fn generated_assessments_round_trip(
        gens in proptest::collection::vec(proptest::option::of(gen()), 31),
        da in any::<bool>(),
    ) {
        let set = call(&json!({"op": "requirements", "frameworks": ["dk-programme"]})).unwrap();
        let reqs: Vec<&str> = set["requirements"].as_array().unwrap().iter()
            .map(|r| r["id"].as_str().unwrap()).collect();
        let mut results = Vec::new();
        for (id, g) in reqs.iter().zip(&gens) {
            if let Some(g) = g {
                results.push(result(id, g));
            }
        }
        let doc = json!({"schema_version": "1", "name": "Generated", "assessment_date": "2026-06-01",
            "frameworks": ["dk-programme"], "results": results});
        let lang = if da { "da" } else { "en" };
        let t = template(&doc, lang);
        let back = import(t["content"].as_str().unwrap()).unwrap();
        prop_assert_eq!(&back["assessment"], &doc);
        prop_assert_eq!(&back["changed"], &json!([]));
    }
}
