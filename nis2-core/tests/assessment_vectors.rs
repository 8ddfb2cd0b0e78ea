//! Conformance vectors of the assessment capability (`tests/vectors/assessment/*.json`), run by the shared
//! runner in `common/request_vectors.rs`. Bless: `NIS2_BLESS=1 cargo test -p nis2-core --test assessment_vectors`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "common/request_vectors.rs"]
mod request_vectors;

#[test]
fn assessment_vectors() {
    request_vectors::run("assessment", nis2_core::assessment::assessment_json, 20);
}

#[test]
fn assessment_output_is_deterministic() {
    request_vectors::deterministic("assessment", nis2_core::assessment::assessment_json);
}
