//! Conformance vectors of the risk capability (`tests/vectors/risk/*.json`), run by the shared
//! runner in `common/request_vectors.rs`. Bless: `NIS2_BLESS=1 cargo test -p nis2-core --test risk_vectors`.
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
fn risk_vectors() {
    request_vectors::run("risk", nis2_core::risk::ffi::risk_json, 20);
}

#[test]
fn risk_output_is_deterministic() {
    request_vectors::deterministic("risk", nis2_core::risk::ffi::risk_json);
}
