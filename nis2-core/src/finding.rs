//! Findings: the points for attention a result raises (not input errors: the input is valid),
//! in one shape for the risk register, the gap assessment and the programme.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::{Str, Text};

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A legal obligation is not evidenced (e.g. no management-body approval).
    High,
    /// Something is late or missing against the organisation's own policy.
    Medium,
    /// Worth a look.
    Low,
}

/// A point for attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// A stable code, e.g. `asset_without_owner`, `supplier_review_overdue` (its words: label
    /// `value.<code>`).
    pub code: Str,
    /// How much it matters, where the result ranks its findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The path it concerns in the input document (`$` is the document's root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The record it concerns (a person, task, supplier or activity id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The legal basis, or `programme policy` where the rule is the organisation's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<Str>,
    /// In words.
    pub message: Text,
}

impl Finding {
    /// A finding about a place in the input document.
    pub(crate) fn at(code: impl Into<Str>, path: String, message: Text) -> Self {
        Finding {
            code: code.into(),
            severity: None,
            path: Some(path),
            subject: None,
            citation: None,
            message,
        }
    }
}
