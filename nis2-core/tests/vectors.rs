//! Conformance vectors of the scope capability (`tests/vectors/scope/*.json`): a profile in, the
//! scope result out, run by the shared runner in `common/request_vectors.rs` with scope's own
//! `assert` kinds (`in_scope`, `classification`, `size_class`, `open_question_ids`). The Rust,
//! Python and WebAssembly suites all run them and compare the output exactly.
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test vectors` writes the engine's output into each
//! vector's `expected` (review the diff before committing); the independent `assert` block,
//! written from the legal text, is always checked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use serde_json::Value;

#[path = "common/request_vectors.rs"]
mod request_vectors;

fn check_asserts(name: &str, asserts: &Value, out: &Value, failures: &mut Vec<String>) {
    let pairs = [
        ("in_scope", &out["in_scope"]),
        ("classification", &out["classification"]),
        ("size_class", &out["size"]["class"]),
    ];
    for (key, got) in pairs {
        if let Some(want) = asserts.get(key) {
            if want != got {
                failures.push(format!(
                    "{name}: assert {key}: expected {want}, engine gives {got}"
                ));
            }
        }
    }
    if let Some(ids) = asserts.get("open_question_ids").and_then(Value::as_array) {
        let have: Vec<&str> = out["open_questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["id"].as_str().unwrap())
            .collect();
        for id in ids {
            if !have.contains(&id.as_str().unwrap()) {
                failures.push(format!(
                    "{name}: open question {id} expected, engine gives {have:?}"
                ));
            }
        }
    }
}

#[test]
fn scope_vectors() {
    request_vectors::run_with_asserts("scope", nis2_core::ffi::scope_json, 60, check_asserts);
}

#[test]
fn output_is_deterministic() {
    request_vectors::deterministic("scope", nis2_core::ffi::scope_json);
}
