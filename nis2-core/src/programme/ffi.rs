//! The JSON-in, JSON-out entry point of the programme capability. A request names its operation
//! in `op`:
//!
//! | `op` | request | result |
//! |---|---|---|
//! | `deadlines` | [`DeadlinesRequest`] | [`IncidentClock`](super::incident::IncidentClock) |
//! | `significant_incident` | [`SignificanceRequest`] | [`SignificanceResult`](super::significance::SignificanceResult) |
//! | `wheel` | [`WheelRequest`] | [`WheelResult`] (`format: data`) or [`WheelIcs`] (`format: ics`) |
//! | `plan` | [`PlanRequest`] | [`PlanReport`](super::plan::PlanReport) |
//! | `governance` | [`GovernanceRequest`] | [`GovernanceReport`](super::governance::GovernanceReport) |
//! | `suppliers` | [`SuppliersRequest`] | [`SupplierReport`](super::suppliers::SupplierReport) |
//! | `obligations` | [`ObligationsRequest`] | [`ObligationsResult`](super::obligations::ObligationsResult) |
//! | `validate` | [`ValidateRequest`] | [`ValidateResult`] |
//!
//! Error paths are those of the request document (`$.programme.plan[3].owner`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::governance::{governance, GovernanceRequest};
use super::incident::{deadlines, DeadlinesRequest};
use super::model::Programme;
use super::obligations::{obligations, ObligationsRequest};
use super::plan::{plan, PlanRequest};
use super::significance::{assess, SignificanceRequest};
use super::suppliers::{suppliers, SuppliersRequest};
use super::wheel::{wheel, WheelFormat, WheelIcs, WheelRequest, WheelResult};
use super::RESULT_SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::json;

/// `validate`: check a programme document and list every problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The programme.
    pub programme: Programme,
}

/// The result of `validate` on a valid programme (an invalid one is an error listing every
/// problem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateResult {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// Always true.
    pub valid: bool,
    /// How many records of each register it holds.
    pub counts: ValidateCounts,
}

/// Record counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateCounts {
    /// People.
    pub people: u32,
    /// Plan tasks.
    pub tasks: u32,
    /// Suppliers.
    pub suppliers: u32,
    /// Årshjul activities.
    pub activities: u32,
    /// Management body members.
    pub management_body: u32,
    /// Training records.
    pub training: u32,
    /// Decisions.
    pub decisions: u32,
}

/// A programme request (for the JSON Schema and Rust callers; [`programme_json`] reads the same
/// documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ProgrammeRequest {
    /// The Art 23 clocks of an incident.
    Deadlines(DeadlinesRequest),
    /// The significant-incident thresholds of Reg. (EU) 2024/2690.
    SignificantIncident(SignificanceRequest),
    /// The årshjul for a year.
    Wheel(WheelRequest),
    /// The implementation plan report.
    Plan(PlanRequest),
    /// The governance register report.
    Governance(GovernanceRequest),
    /// The supplier register report.
    Suppliers(SuppliersRequest),
    /// Obligation facts from a scope profile.
    Obligations(ObligationsRequest),
    /// Validate a programme.
    Validate(ValidateRequest),
}

/// The operations, as written in `op`.
pub const OPS: &[&str] = &[
    "deadlines",
    "significant_incident",
    "wheel",
    "plan",
    "governance",
    "suppliers",
    "obligations",
    "validate",
];

/// Run a request already in memory; the result as compact JSON.
pub fn run(request: &ProgrammeRequest) -> Result<String> {
    match request {
        ProgrammeRequest::Deadlines(r) => json::to_string(&deadlines(&r.incident)?),
        ProgrammeRequest::SignificantIncident(r) => json::to_string(&assess(r)?),
        ProgrammeRequest::Wheel(r) => {
            let w = wheel(r)?;
            match r.format.unwrap_or_default() {
                WheelFormat::Data => json::to_string(&w),
                WheelFormat::Ics => json::to_string(&wheel_ics(&w, r)),
            }
        }
        ProgrammeRequest::Plan(r) => json::to_string(&plan(r)?),
        ProgrammeRequest::Governance(r) => json::to_string(&governance(r)?),
        ProgrammeRequest::Suppliers(r) => json::to_string(&suppliers(r)?),
        ProgrammeRequest::Obligations(r) => json::to_string(&obligations(r)?),
        ProgrammeRequest::Validate(r) => json::to_string(&validate(r)?),
    }
}

fn wheel_ics(w: &WheelResult, r: &WheelRequest) -> WheelIcs {
    WheelIcs {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        year: w.year,
        reference_date: w.reference_date.clone(),
        media_type: "text/calendar".to_owned(),
        events: u32::try_from(w.tasks.len()).unwrap_or(u32::MAX),
        ics: super::ics::to_ics(w, r.language.unwrap_or_default()),
    }
}

/// Validate a programme and count its records.
pub fn validate(r: &ValidateRequest) -> Result<ValidateResult> {
    super::check::check(&r.programme, "$.programme")?;
    let p = &r.programme;
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    let g = p.governance.as_ref();
    Ok(ValidateResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        valid: true,
        counts: ValidateCounts {
            people: n(p.people.len()),
            tasks: n(p.plan.len()),
            suppliers: n(p.suppliers.len()),
            activities: n(p.wheel.len()),
            management_body: n(g.map_or(0, |g| g.management_body.len())),
            training: n(g.map_or(0, |g| g.training.len())),
            decisions: n(g.map_or(0, |g| g.decisions.len())),
        },
    })
}

/// Parse a request document. The operation is read first, then the rest of the document as
/// that operation's request, so that error paths point into the document
/// (`$.programme.plan[3].owner`).
pub fn parse_request(value: Value) -> Result<ProgrammeRequest> {
    let Value::Object(mut map) = value else {
        // Reuse the standard message for a document that is not an object.
        return json::from_value::<ValidateRequest>(value, "a programme request")
            .map(ProgrammeRequest::Validate);
    };
    let op = match map.remove("op") {
        None => {
            return Err(Error::invalid(
                "$.op",
                format!("missing: name the operation, one of {}", OPS.join(", ")),
            ))
        }
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(Error::invalid(
                "$.op",
                format!(
                    "expected a string naming the operation (one of {}), got {other}",
                    OPS.join(", ")
                ),
            ))
        }
    };
    let v = Value::Object(map);
    Ok(match op.as_str() {
        "deadlines" => ProgrammeRequest::Deadlines(json::from_value(v, "a deadlines request")?),
        "significant_incident" => ProgrammeRequest::SignificantIncident(json::from_value(
            v,
            "a significant_incident request",
        )?),
        "wheel" => ProgrammeRequest::Wheel(json::from_value(v, "a wheel request")?),
        "plan" => ProgrammeRequest::Plan(json::from_value(v, "a plan request")?),
        "governance" => ProgrammeRequest::Governance(json::from_value(v, "a governance request")?),
        "suppliers" => ProgrammeRequest::Suppliers(json::from_value(v, "a suppliers request")?),
        "obligations" => {
            ProgrammeRequest::Obligations(json::from_value(v, "an obligations request")?)
        }
        "validate" => ProgrammeRequest::Validate(json::from_value(v, "a validate request")?),
        other => return Err(json::unknown_op(other, "operation", OPS)),
    })
}

/// The programme entry point: a request document (JSON text) to its result (compact JSON).
pub fn programme_json(request: &str) -> Result<String> {
    let value: Value = json::from_str(request, "a programme request with `op`")?;
    run(&parse_request(value)?)
}

/// The same on an already-parsed JSON value.
pub fn programme_value(request: Value) -> Result<String> {
    run(&parse_request(request)?)
}

/// The same from any serde deserializer (e.g. `serde_wasm_bindgen::Deserializer` over a JS
/// object).
pub fn programme_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    let value: Value = json::from_deserializer(deserializer)?;
    run(&parse_request(value)?)
}

/// For a `wheel` request: the iCalendar text itself (for `nis2 wheel --ics`), whatever its
/// `format`.
pub fn programme_ics(request: &str) -> Result<String> {
    let value: Value = json::from_str(request, "a wheel request")?;
    match parse_request(value)? {
        ProgrammeRequest::Wheel(r) => {
            let w = wheel(&r)?;
            Ok(super::ics::to_ics(&w, r.language.unwrap_or_default()))
        }
        _ => Err(Error::invalid(
            "$.op",
            "iCalendar output is only for the `wheel` operation",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatch_and_errors() {
        let out = programme_json(
            r#"{"op":"deadlines","incident":{"aware_at":"2026-03-28T10:00:00+01:00"}}"#,
        )
        .unwrap();
        assert!(out.contains("\"early_warning\""));
        let e = programme_json(r#"{"op":"deadline"}"#).unwrap_err();
        assert_eq!(e.kind(), "unknown_id");
        assert_eq!(e.path(), Some("$.op"));
        let e = programme_json(r#"{"incident":{}}"#).unwrap_err();
        assert_eq!(e.path(), Some("$.op"));
        let e = programme_json(r#"{"op":"deadlines","incident":{"aware_at":1}}"#).unwrap_err();
        assert_eq!(e.path(), Some("$.incident.aware_at"));
        let e =
            programme_json(r#"{"op":"plan","programme":{},"reference_date":"2026-01-01","x":1}"#)
                .unwrap_err();
        assert_eq!(e.path(), Some("$.x"));
        let e = programme_json("[]").unwrap_err();
        assert_eq!(e.path(), Some("$"));
    }

    #[test]
    fn request_enum_round_trips() {
        let text = r#"{"op":"deadlines","incident":{"aware_at":"2026-03-28T10:00:00+01:00"}}"#;
        let r: ProgrammeRequest = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), text);
        let parsed = parse_request(serde_json::from_str(text).unwrap()).unwrap();
        assert_eq!(parsed, r);
    }
}
