//! Hostile input, bounded: error lists have a ceiling, suggestions are computed for a bounded
//! number of unknown values and on a bounded prefix of each, so the cost of a request is
//! proportional to its size. (Speed is measured by benchmarks, not here: these tests check the
//! bounds themselves.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use nis2_core::api::{self, Detail};
use nis2_core::error::MAX_PROBLEMS;
use nis2_core::Error;
use serde_json::json;

fn call(capability: &str, request: serde_json::Value) -> Error {
    api::call_json(capability, &request.to_string(), Detail::Explained).unwrap_err()
}

#[test]
fn error_lists_are_capped_and_say_how_many_more() {
    // 1,000 unknown controls: at most MAX_PROBLEMS are listed, then one saying how many more.
    let controls: Vec<String> = (0..1000).map(|i| format!("ISO27001:Z.{i}")).collect();
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d", "controls": controls}),
    );
    let Error::Multiple(list) = &e else {
        panic!("expected several problems, got {e}");
    };
    assert_eq!(list.len(), MAX_PROBLEMS + 1);
    let last = list.last().unwrap().to_string();
    assert!(last.contains("900 more problems"), "{last}");
    // The report is bounded too.
    assert!(serde_json::to_string(&e.report()).unwrap().len() < 200_000);
}

#[test]
fn suggestions_are_bounded_by_count_and_length() {
    // A very long unknown id still gets an answer with suggestions from its first characters.
    let long = format!("ISO27001:A.5.19{}", "x".repeat(100_000));
    let e = call("catalog", json!({"op": "map", "from": long, "to": "nis2"}));
    let report = e.report();
    assert_eq!(report.kind, "unknown_id");
    assert!(!report.suggestions.is_empty());
    // Many unknown ids: only the first few dozen get suggestions.
    let controls: Vec<String> = (0..200).map(|i| format!("ISO27001:A.5.{i}x")).collect();
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d", "controls": controls}),
    );
    let Error::Multiple(list) = &e else {
        panic!("expected several problems, got {e}");
    };
    let with = list
        .iter()
        .filter(|p| !p.report().suggestions.is_empty())
        .count();
    assert!(with > 0 && with <= 32, "{with} problems with suggestions");
    // The budget starts again with every request.
    let e = call("catalog", json!({"op": "node", "id": "ISO27001:A.5.1x"}));
    assert!(!e.report().suggestions.is_empty());
}

#[test]
fn repeated_problems_are_listed_once() {
    let e = call(
        "catalog",
        json!({"op": "coverage", "target": "NIS2:21.2.d",
               "controls": ["ISO27001:Q.1", "ISO27001:Q.1", "ISO27001:Q.2"]}),
    );
    let text = e.to_string();
    // Two different paths, so both are listed; the same problem at the same path would not be.
    assert!(
        text.contains("controls[0]") && text.contains("controls[2]"),
        "{text}"
    );
}
