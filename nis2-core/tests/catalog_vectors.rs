//! Conformance vectors for the catalog entry point (`tests/vectors/catalog/*.json`): a
//! request in, a response out, compared exactly by the shared runner in
//! `common/request_vectors.rs`, with catalog's own `assert` kinds below. The Rust, Python and WebAssembly suites run
//! the same files.
//!
//! File format (as `tests/vectors/scope`): `description`, `input` (the request), `expected`
//! (the response) or, for errors, `assert.error` (`kind`, `path`) and `expected_error` (the
//! error report). Independent checks written from the sources may be added under `assert`:
//! `pointers` (JSON Pointer → exact value) and `results_include` (entries of `results` by
//! node `id`, with their `relationship`).
//!
//! `NIS2_BLESS=1 cargo test -p nis2-core --test catalog_vectors` writes the engine's output
//! into `expected` / `expected_error` (review the diff); the `assert` block is always checked.
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
    if let Some(ptrs) = asserts.get("pointers").and_then(Value::as_object) {
        for (ptr, want) in ptrs {
            match out.pointer(ptr) {
                Some(got) if got == want => {}
                got => failures.push(format!(
                    "{name}: {ptr}: expected {want}, engine gives {got:?}"
                )),
            }
        }
    }
    if let Some(list) = asserts.get("results_include").and_then(Value::as_array) {
        let results = out["results"].as_array().cloned().unwrap_or_default();
        for want in list {
            let id = want["id"].as_str().unwrap();
            match results.iter().find(|r| r["node"]["id"] == id) {
                None => failures.push(format!("{name}: {id} missing from results")),
                Some(r) => {
                    for key in ["relationship", "confidence"] {
                        if let Some(w) = want.get(key) {
                            if &r[key] != w {
                                failures.push(format!("{name}: {id}: {key} {} (want {w})", r[key]));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn catalog_vectors() {
    request_vectors::run_with_asserts(
        "catalog",
        nis2_core::catalog::catalog_json,
        20,
        check_asserts,
    );
}

#[test]
fn catalog_output_is_deterministic() {
    request_vectors::deterministic("catalog", nis2_core::catalog::catalog_json);
}

/// The same request through `catalog_value` (already-parsed JSON) gives the same bytes.
#[test]
fn value_entry_point_agrees() {
    for path in request_vectors::vector_files("catalog") {
        let vector: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = serde_json::to_string(&vector["input"]).unwrap();
        let a = nis2_core::catalog::catalog_json(&input);
        let b = nis2_core::catalog::catalog_value(vector["input"].clone());
        match (a, b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("{}: entry points disagree", path.display()),
        }
    }
}
