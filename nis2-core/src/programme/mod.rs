//! The compliance programme: governance, the implementation plan, suppliers, the årshjul (annual
//! compliance calendar), the Art 23 incident clocks, the significant-incident thresholds of
//! Implementing Regulation (EU) 2024/2690, and the obligation facts (Art 34 fine ceilings,
//! supervision, registration) that follow from a scope result.
//!
//! Everything is computed from the input alone: there is no clock. Operations that depend on
//! "today" take a reference date (or, for incident clocks, an `as_of` time) as input.
//!
//! * [`model::Programme`] is the programme document (people, governance, plan, suppliers,
//!   årshjul activities), validated by every operation that reads it: every problem is listed at
//!   once with its field path.
//! * [`plan::plan`], [`governance::governance`], [`suppliers::suppliers`] and [`wheel::wheel`]
//!   report on it; [`ics::to_ics`] renders the årshjul as iCalendar (RFC 5545).
//! * [`incident::deadlines`] computes the Art 23(4) clocks; [`significance::assess`] applies
//!   Articles 3 to 14 of Regulation (EU) 2024/2690.
//! * [`obligations::obligations`] derives the Art 34 fine ceilings, the Art 32/33 supervision
//!   regime and the registration duties from a scope profile.
//! * [`ops`] declares the operations the bindings reach through [`crate::api::call`].

pub mod cadence;
pub mod governance;
pub mod ics;
pub mod incident;
pub mod model;
pub mod obligations;
pub mod ops;
pub mod plan;
pub mod significance;
pub mod steps;
pub mod suppliers;
pub mod wheel;

mod check;
mod time;

pub(crate) use crate::date;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::VerificationStatus;
use crate::text::{Str, Text};

pub use check::validate;
pub use model::Programme;

/// The version of programme documents this engine reads.
pub const PROGRAMME_SCHEMA_VERSION: &str = "1";

/// The version of the documents the programme operations write.
pub const RESULT_SCHEMA_VERSION: &str = "1";

/// A person, as referenced in a report: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRef {
    /// The person's id in `people`.
    pub id: String,
    /// The person's name.
    pub name: String,
}

/// A fact or caveat that goes with a result, with its legal basis and how far it is verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Stable id.
    pub id: Str,
    /// The legal basis.
    pub citation: Str,
    /// What it says.
    pub text: Text,
    /// How far the underlying fact has been verified.
    pub status: VerificationStatus,
}

pub use crate::finding::{Finding, Severity};

impl Note {
    pub(crate) const fn new(
        id: &'static str,
        citation: &'static str,
        text: Text,
        status: VerificationStatus,
    ) -> Self {
        Note {
            id: Str::Borrowed(id),
            citation: Str::Borrowed(citation),
            text,
            status,
        }
    }
}
