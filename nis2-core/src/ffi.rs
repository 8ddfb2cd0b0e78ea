//! JSON-in, JSON-out entry points: one per capability. The bindings (CLI, Python, WebAssembly)
//! call only these, so every surface gives the same bytes for the same input.

use crate::error::Result;
use crate::json;
use crate::scope::profile::Profile;

/// `scope`: a profile (JSON text) to a scope result (compact JSON text).
pub fn scope_json(input: &str) -> Result<String> {
    let profile: Profile = json::from_str(input, "a scope profile")?;
    json::to_string(&crate::scope::scope(&profile)?)
}

/// `scope` on an already-parsed JSON value.
pub fn scope_value(input: serde_json::Value) -> Result<String> {
    let profile: Profile = json::from_value(input, "a scope profile")?;
    json::to_string(&crate::scope::scope(&profile)?)
}

/// `scope` from any serde deserializer (e.g. `serde_wasm_bindgen::Deserializer` over a JS
/// object), naming the field path of any problem.
pub fn scope_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    let profile: Profile = json::from_deserializer(deserializer)?;
    json::to_string(&crate::scope::scope(&profile)?)
}

/// `catalog`: a catalog request (`{"op": "list" | "show" | "node" | "map" | "evidence" |
/// "coverage" | "export", …}`) to its response (compact JSON text).
pub fn catalog_json(request: &str) -> Result<String> {
    crate::catalog::catalog_json(request)
}

/// `catalog` on an already-parsed JSON value.
pub fn catalog_value(request: serde_json::Value) -> Result<String> {
    crate::catalog::catalog_value(request)
}

/// `catalog` from any serde deserializer (e.g. a JavaScript object), naming field paths.
pub fn catalog_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    let value: serde_json::Value = json::from_deserializer(deserializer)?;
    crate::catalog::catalog_value(value)
}

/// `risk`: a risk request (`{"op": "presets" | "threats" | "validate_matrix" |
/// "validate_register" | "assess" | "heatmap" | "reproject" | "csv", …}`) to its response.
pub fn risk_json(request: &str) -> Result<String> {
    crate::risk::ffi::risk_json(request)
}

/// `risk` on an already-parsed JSON value.
pub fn risk_value(request: serde_json::Value) -> Result<String> {
    crate::risk::ffi::risk_value(request)
}

/// `risk` from any serde deserializer.
pub fn risk_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    crate::risk::ffi::risk_from(deserializer)
}

/// `programme`: a programme request (`{"op": "deadlines" | "significant_incident" | "wheel" |
/// "plan" | "governance" | "suppliers" | "obligations" | "validate", …}`) to its response.
pub fn programme_json(request: &str) -> Result<String> {
    crate::programme::programme_json(request)
}

/// `programme` on an already-parsed JSON value.
pub fn programme_value(request: serde_json::Value) -> Result<String> {
    crate::programme::programme_value(request)
}

/// `programme` from any serde deserializer.
pub fn programme_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    crate::programme::programme_from(deserializer)
}

/// The årshjul of a `wheel` request as iCalendar (RFC 5545) text.
pub fn programme_ics(request: &str) -> Result<String> {
    crate::programme::programme_ics(request)
}

/// `assessment`: an assessment request (`{"op": "scales" | "prerequisites" | "requirements" |
/// "score" | "infer" | "plan" | "report", …}`) to its response.
pub fn assessment_json(request: &str) -> Result<String> {
    crate::assessment::assessment_json(request)
}

/// `assessment` on an already-parsed JSON value.
pub fn assessment_value(request: serde_json::Value) -> Result<String> {
    crate::assessment::assessment_value(request)
}

/// The entity-type catalog (compact JSON text).
pub fn entity_types_json() -> Result<String> {
    json::to_string(crate::entity_types::catalog()?)
}

/// The obligation facts that follow from a scope profile (Art 34 fine ceilings, Art 32/33
/// supervision, registration, Art 23 clocks): an `obligations` request without its `op`
/// (`{"profile": …, "worldwide_turnover_eur": …}`), answered with the bytes of
/// `programme_json` for `{"op": "obligations", …}`. On its own so that a scoping calculator
/// can link it without the rest of the programme.
pub fn obligations_json(request: &str) -> Result<String> {
    let request: crate::programme::obligations::ObligationsRequest =
        json::from_str(request, "an obligations request")?;
    json::to_string(&crate::programme::obligations::obligations(&request)?)
}

/// The Member-State overlay data (compact JSON text).
pub fn member_states_json() -> Result<String> {
    json::to_string(crate::overlay::data()?)
}

/// The JSON Schema of a document kind (see [`crate::schema::KINDS`]), as committed in
/// `schemas/` (pretty JSON, no final newline).
pub fn schema_json(kind: &str) -> Result<String> {
    crate::schema::embedded(kind).map(|s| s.trim_end().to_owned())
}

/// The JSON Schema of a document kind generated from the Rust types now (for `nis2 schema
/// --write` and the freshness test).
pub fn generated_schema_json(kind: &str) -> Result<String> {
    crate::schema::schema_for(kind).and_then(|s| json::to_string_pretty(&s))
}

/// The version of the engine.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
