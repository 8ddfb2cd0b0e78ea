//! The operations of the programme capability, declared in the registry ([`OPS`]): a request
//! tagged by `op` in, the operation's response out.
//!
//! | `op` | request | result |
//! |---|---|---|
//! | `deadlines` | [`DeadlinesRequest`] | [`IncidentClock`] |
//! | `significant_incident` | [`SignificanceRequest`] | [`SignificanceResult`] |
//! | `wheel` | [`WheelRequest`] | [`WheelResult`] |
//! | `wheel_ics` | [`WheelRequest`] | [`WheelIcs`] |
//! | `plan` | [`PlanRequest`] | [`PlanReport`] |
//! | `governance` | [`GovernanceRequest`] | [`GovernanceReport`] |
//! | `suppliers` | [`SuppliersRequest`] | [`SupplierReport`] |
//! | `obligations` | [`ObligationsRequest`] | [`ObligationsResult`] |
//! | `validate` | [`ValidateRequest`] | [`ValidateResult`] |
//!
//! Error paths are those of the request document (`$.programme.plan[3].owner`). The scoping
//! build (without the feature `full`) has only `obligations`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Programme;
use super::obligations::{obligations, ObligationsRequest, ObligationsResult};
#[cfg(feature = "full")]
use super::{
    governance::{governance, GovernanceReport, GovernanceRequest},
    incident::{deadlines, DeadlinesRequest, IncidentClock},
    plan::{plan, PlanReport, PlanRequest},
    significance::{assess, SignificanceRequest, SignificanceResult},
    suppliers::{suppliers, SupplierReport, SuppliersRequest},
    wheel::{wheel, WheelIcs, WheelRequest, WheelResult},
    RESULT_SCHEMA_VERSION,
};
use crate::api::registry::{Op, OpSpec};
use crate::api::Body;
#[cfg(feature = "full")]
use crate::error::Result;

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

/// Validate a programme and count its records.
#[cfg(feature = "full")]
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

#[cfg(feature = "full")]
fn wheel_ics(r: &WheelRequest) -> Result<WheelIcs> {
    let w = wheel(r)?;
    Ok(WheelIcs {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        year: w.year,
        reference_date: w.reference_date.clone(),
        media_type: "text/calendar".to_owned(),
        events: u32::try_from(w.tasks.len()).unwrap_or(u32::MAX),
        ics: super::ics::to_ics(&w, r.lang.unwrap_or_default()),
    })
}

macro_rules! programme_op {
    ($name:literal, $summary:literal, $req:literal, $kind:literal, $handler:expr) => {
        OpSpec {
            id: concat!("programme.", $name),
            capability: "programme",
            name: $name,
            summary: $summary,
            request_type: $req,
            response_kind: $kind,
            verdict_kind: concat!($kind, "-verdict"),
            handler: $handler,
        }
    };
}

const OBLIGATIONS: OpSpec = programme_op!(
    "obligations",
    "The obligations that follow from a profile's scope: Art 34 fine ceilings, Art 32/33 supervision, registration, Art 23 reporting clocks.",
    "ProgrammeObligationsRequest",
    "obligations-result",
    &Op::<ObligationsRequest, ObligationsResult>::new(|r| obligations(&r).map(Body::typed))
);

/// The operations of the programme capability.
#[cfg(feature = "full")]
pub(crate) static OPS: [OpSpec; 9] = [
    programme_op!("deadlines", "The Art 23(4) clocks of an incident: early warning, notification, final report.", "ProgrammeDeadlinesRequest", "incident-clock",
        &Op::<DeadlinesRequest, IncidentClock>::new(|r| deadlines(&r.incident).map(Body::typed))),
    programme_op!("significant_incident", "Whether an incident is significant under Implementing Regulation (EU) 2024/2690, Arts 3 to 14.", "ProgrammeSignificantIncidentRequest", "significance-result",
        &Op::<SignificanceRequest, SignificanceResult>::new(|r| assess(&r).map(Body::typed))),
    programme_op!("wheel", "The årshjul for a year: the dated tasks of the annual compliance cycle.", "ProgrammeWheelRequest", "wheel-result",
        &Op::<WheelRequest, WheelResult>::new(|r| wheel(&r).map(Body::typed))),
    programme_op!("wheel_ics", "The årshjul for a year as iCalendar (RFC 5545) text.", "ProgrammeWheelIcsRequest", "wheel-ics",
        &Op::<WheelRequest, WheelIcs>::new(|r| wheel_ics(&r).map(Body::typed))),
    programme_op!("plan", "Progress of the implementation plan, per step and overall, with overdue tasks.", "ProgrammePlanRequest", "plan-report",
        &Op::<PlanRequest, PlanReport>::new(|r| plan(&r).map(Body::typed))),
    programme_op!("governance", "The governance register: management body, training, decisions (Art 20).", "ProgrammeGovernanceRequest", "governance-report",
        &Op::<GovernanceRequest, GovernanceReport>::new(|r| governance(&r).map(Body::typed))),
    programme_op!("suppliers", "The supplier register: clauses, ratings, reviews due, gaps per supplier (Art 21(2)(d), 21(3)).", "ProgrammeSuppliersRequest", "supplier-report",
        &Op::<SuppliersRequest, SupplierReport>::new(|r| suppliers(&r).map(Body::typed))),
    OBLIGATIONS,
    programme_op!("validate", "Validate a programme document: every problem with its path, or the record counts.", "ProgrammeValidateRequest", "programme-validation",
        &Op::<ValidateRequest, ValidateResult>::new(|r| validate(&r).map(Body::typed))),
];

/// The operations of the scoping build: `obligations` only.
#[cfg(not(feature = "full"))]
pub(crate) static OPS: [OpSpec; 1] = [OBLIGATIONS];
