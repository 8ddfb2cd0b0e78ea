//! The Danish of the error messages a screening's rows carry (`data/messages/errors.json`, shown
//! by the Danish views): every error of the scope and screen conformance vectors, and of a table
//! of bad rows screened here (one fault per row, from every reader: the flat layout's cells, the
//! NACE codes, a profile's JSON, the profile's checks), has its Danish with no English left, and
//! every pattern of the file is used by one of them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;
use std::path::Path;

use nis2_core::api::{self, Detail};
use nis2_core::view::messages::{danish_with_patterns, pattern_count};
use serde_json::{json, Value};

/// The error reports in a document (at any depth).
fn reports(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(o) => {
            if o.get("kind").is_some_and(Value::is_string)
                && o.get("message").is_some_and(Value::is_string)
            {
                out.push(v.clone());
            }
            o.values().for_each(|x| reports(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| reports(x, out)),
        _ => {}
    }
}

fn vector_reports() -> Vec<Value> {
    let mut out = Vec::new();
    for kind in ["scope", "screen"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors")
            .join(kind);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            reports(&v["expected"], &mut out);
        }
    }
    out
}

/// One fault per row, from each reader of a screening row.
const BAD_ROWS: &str = "\
id,entity_types,nace_codes,member_state,member_states_of_service,provides_services_in_union,staff_headcount,annual_turnover_eur,staff_headcount_min,staff_headcount_max,qualified_trust_service_provider,significant_impact_assessed,security_activities,member_state_identification,security_exemption
r1,NIS2-I-06-01,,DK,,,many,,,,,,,,
r2,NIS2-I-06-01,,XX,,,10,,,,,,,,
r3,NIS2-I-6-01,,DK,,,10,,,,,,,,
r4,NIS2-I-06-01,,DK,,,-1,,,,,,,,
r5,NIS2-I-06-01,,DK,,,10,,5,9,,,,,
r6,,X1,DK,,,10,,,,,,,,
r7,NIS2-I-06-01,,DK,,maybe,10,,,,,,,,
r8,NIS2-I-06-01,,DK,,,,,,,yes,,,,
r9,NIS2-I-06-01,,DK,,,,,,,,,sometimes,,
r10,NIS2-I-06-01,,DK,,,,,,,,,,critical,
r11,NIS2-I-06-01;NIS2-I-06-01,,DK,,,,,,,,,,,
r12,NIS2-I-06-01,,DK,DK;DK,,,,,,,,,,
r13,NIS2-I-06-01,,DK,,,,,20,10,,,,,
r14,NIS2-I-06-01,,DK,,,1e400,,,,,,,,
r15,NIS2-I-06-01,,DK,SE,false,,,,,,,,,
r16,,Q28,DK,,,,,,,,,,,
r17,NIS2-I-06-01,,DK,,,,,,,,,,,bogus
r18,NIS2-I-06-01,,UK,,,,,,,,,,,
r19,,,DK,,,,,,,,,,,
r20,none,,DK,,,,,,,,,,,
r21,NIS2-I-08-04,,DK,,,,,,,,yes,,,
r22,NIS2-I-06-01,,DK,,,-1,-2,,,,,,,
r23,,C99,DK,,,,,,,,,,,
r24,NIS2-I-06-01,,DK,,,,,,,,,,,full
r25,NIS2-I-06-01,,DK,,,,,,,,,partly,,full
r26,NIS2-I-06-01,,DK,,,,,,,,,,,
r27,NIS2-I-06-01,,DK
r28,NIS2-I-06-01,,RE,,,,,,,,,,,
r29,NIS2-I-06-01,,EU,,,,,,,,,,,
r30,NIS2-I-06-01,,DK,GB,,,,,,,,,,
";

/// Profiles (the `profile` column) with one fault each, for the checks a flat row cannot reach.
fn bad_profiles() -> Vec<Value> {
    let rel = |r: Value| json!({ "activities": [{ "entity_type": "NIS2-I-06-01" }], "size": { "staff_headcount": 10, "related_enterprises": [r] } });
    vec![
        json!({ "schema_version": "2", "activities": [] }),
        json!({ "activities": [], "cvr": "1" }),
        json!({ "activities": {} }),
        json!({}),
        json!({ "activities": [{ "entity_type": "NIS2-I-08-04", "qualified_trust_service_provider": 0.5 }] }),
        json!({ "activities": [{ "entity_type": "NIS2-I-08-04", "qualified_trust_service_provider": true }] }),
        json!({ "activities": [{ "entity_type": "NIS2-I-10-01", "significant_impact_assessed": true }] }),
        json!({ "activities": [], "size": { "annual_turnover_eur": "12 mio. kr." } }),
        json!({ "activities": [], "size": [] }),
        json!({ "activities": [], "size": { "staff_headcount": null } }),
        json!({ "activities": [], "designations": { "security_exemption": "full" }, "security_activities": "partly" }),
        json!({ "activities": [], "member_state": "DK", "member_states_of_service": ["SE"], "provides_services_in_union": false }),
        json!({ "activities": [], "size": { "previous_periods": [{ "balance_sheet_total_eur": -2 }] } }),
        rel(json!({ "relationship": "partner", "staff_headcount": 1 })),
        rel(json!({ "relationship": "partner", "share_percent": 60, "staff_headcount": 1 })),
        rel(json!({ "relationship": "linked", "share_percent": 160, "staff_headcount": 1 })),
        rel(json!({ "relationship": "linked", "share_percent": 100, "staff_headcount": -3 })),
        json!({ "activities": [], "size": { "annual_turnover_eur": 1.7e308, "related_enterprises": [{ "relationship": "linked", "share_percent": 100, "annual_turnover_eur": 1.7e308 }] } }),
        json!({ "activities": null }),
        json!({ "activities": [], "member_state": 5 }),
        json!({ "activities": [], "designations": { "security_exemption": 5 } }),
        json!({ "activities": [], "size": { "staff_headcount": [99, 50] } }),
        // More problems than an error lists.
        json!({ "activities": [], "size": { "staff_headcount": 1, "related_enterprises": (0..105)
            .map(|_| json!({ "relationship": "linked", "share_percent": 100, "staff_headcount": -1 }))
            .collect::<Vec<_>>() } }),
        json!({ "activities": [], "size": { "staff_headcount": true } }),
        json!({ "activities": [], "designations": { "critical_entity_cer": "no" } }),
        json!({ "activities": [], "designations": { "member_state_identification": {} } }),
        json!({ "activities": [], "nace_codes": ["C28", "C28"] }),
        json!({ "activities": [], "name": "x".repeat(20_000) }),
        json!({ "activities": [{ "entity_type": "NIS2-I-06-01" }, { "entity_type": "NIS2-I-06-01" }] }),
    ]
}

fn screened_reports() -> Vec<Value> {
    let mut out = Vec::new();
    let csv = json!({ "op": "csv", "content": BAD_ROWS });
    let doc = api::call("screen", api::Input::Value(csv), Detail::Verdict).unwrap();
    reports(
        &serde_json::from_str(&doc.to_json().unwrap()).unwrap(),
        &mut out,
    );
    let rows: Vec<Value> = bad_profiles()
        .into_iter()
        .map(|p| json!({ "profile": p }))
        .chain([
            json!({ "profile": "{\"activities\": [" }),
            json!({ "profile": "{\"activities\": [], \"activities\": []}" }),
            json!({ "profile": "{\"activities\": [],}" }),
            json!({ "profile": "{\"activities\": []} x" }),
            json!({ "profile": "hello" }),
            json!({ "profile": "{\"activities\"" }),
            json!({ "profile": "{\"name\": \"abc" }),
            json!({ "profile": "{\"name\": " }),
            json!({ "profile": "{\"name\": nope}" }),
            json!({ "profile": "{\"name\": NaN}" }),
            json!({ "profile": "{\"name\": True}" }),
            json!({ "profile": "{\"name\": 'x'}" }),
            json!({ "profile": "{\"name\":\u{a0}1}" }),
            json!({ "profile": "{'name': 1}" }),
            json!({ "profile": "{\"name\" 1}" }),
            json!({ "profile": "{\"name\": 1 \"b\": 2}" }),
            json!({ "profile": "{\"activities\": [1 2]}" }),
            json!({ "profile": "{\"name\": \"\\q\"}" }),
            json!({ "profile": "{\"name\": \"x\u{1}\"}" }),
            json!({ "profile": "{\"size\": {\"staff_headcount\": 1e999}}" }),
            json!({ "profile": "[]" }),
            json!({ "profile": "" }),
            json!({ "profile": format!("{{\"name\": {}{}}}", "[".repeat(70), "]".repeat(70)) }),
            json!({ "entity_types": ["NIS2-I-06-01"], "staff_headcount": "many" }),
            json!({ "entity_types": 5 }),
            json!({ "entity_types": [], "critical_entity_cer": [true] }),
            json!({ "entity_types": [], "staff_headcount": ["1"] }),
            json!({ "entity_types": [], "nace_codes": ["C2811000000000000000"] }),
            json!({ "entity_types": [], "nace_codes": ["04"] }),
            json!({ "entity_types": [], "nace_codes": vec!["C28"; 65] }),
        ])
        .collect();
    let request = json!({ "op": "rows", "rows": rows });
    let doc = api::call("screen", api::Input::Value(request), Detail::Verdict).unwrap();
    reports(
        &serde_json::from_str(&doc.to_json().unwrap()).unwrap(),
        &mut out,
    );
    // A register read through a column map: a staff band that does not read.
    let map: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/screening/dk-register-map.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let register = "CVR-nummer;Navn;Hovedbranche;Bibranche 1;Antal ansatte;Kommune;Status\nA;A;370000;;mange;Aarhus;NORMAL\n";
    let request = json!({ "op": "csv", "content": register, "map": map });
    let doc = api::call("screen", api::Input::Value(request), Detail::Verdict).unwrap();
    reports(
        &serde_json::from_str(&doc.to_json().unwrap()).unwrap(),
        &mut out,
    );
    out
}

/// English words a Danish message must not have left (outside code in backticks, which is the
/// input as written, field names and the engine's ids).
fn english_left(danish: &str) -> Vec<String> {
    let outside_code: String = danish.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let words = regex::Regex::new(
        r"\b(the|is|are|must|expected|got|invalid|unknown|missing|give|applies|listed|not|only|which|required|between|number|string|array|object|field|value|of|or|and|problems|row|cells|columns|limit|more|than|list)\b",
    )
    .unwrap();
    words
        .find_iter(&outside_code)
        .map(|m| m.as_str().to_owned())
        .collect()
}

#[test]
fn every_row_error_has_its_danish_and_every_pattern_is_used() {
    let mut all = vector_reports();
    all.extend(screened_reports());
    let mut messages = BTreeSet::new();
    for r in &all {
        match r["errors"].as_array() {
            // The view puts each problem of a `multiple` error into Danish.
            Some(listed) if r["kind"] == "multiple" => {
                for p in listed {
                    messages.insert(p["message"].as_str().unwrap().to_owned());
                }
                let n = listed.len();
                messages.insert(format!("{n} problems in the input: (Danish)"));
            }
            _ => {
                messages.insert(r["message"].as_str().unwrap().to_owned());
            }
        }
    }
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    for m in &messages {
        let (da, patterns) = danish_with_patterns(m).unwrap();
        if std::env::var_os("NIS2_SHOW_MESSAGES").is_some() {
            eprintln!("{m}\n    -> {da:?}");
        }
        used.extend(patterns);
        match da {
            None => problems.push(format!("no Danish: {m}")),
            Some(da) => {
                let left = english_left(&da);
                if !left.is_empty() {
                    problems.push(format!("English left ({left:?}): {m}\n    -> {da}"));
                }
            }
        }
    }
    let count = pattern_count().unwrap();
    let unused: Vec<usize> = (0..count).filter(|i| !used.contains(i)).collect();
    if !unused.is_empty() {
        problems.push(format!(
            "patterns no message uses (by their place in data/messages/errors.json, from 0): {unused:?}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} messages checked:\n{}",
        messages.len(),
        problems.join("\n")
    );
}
