//! The one JSON-shaped entry point of the assessment capability: a request tagged by `op`, a
//! compact JSON response. The CLI, Python and WebAssembly bindings call only this, so every
//! surface gives the same bytes for the same input.
//!
//! | `op` | fields | response |
//! |---|---|---|
//! | `scales` | — | [`ScaleCatalog`](super::data::ScaleCatalog) |
//! | `prerequisites` | — | [`PrerequisiteTable`](super::data::PrerequisiteTable) |
//! | `requirements` | `profile` or `scope_result`, and/or `frameworks` | [`RequirementSet`] |
//! | `score` | `assessment` | [`Evaluation`] |
//! | `infer` | `assessment` | [`InferenceReport`] |
//! | `plan` | `assessment` | [`Plan`] |
//! | `report` | `assessment`, `format` (`md`\|`html`\|`xlsx`\|`json`), `lang` (`en`\|`da`) | [`Report`] |

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json;
use crate::risk::Lang;
use crate::scope::profile::Profile;
use crate::scope::result::ScopeResult;

use super::model::AssessmentDocument;
use super::report::ReportFormat;
#[allow(unused_imports)]
use super::{Evaluation, InferenceReport, Plan, Report, RequirementSet};

/// A request to [`assessment_json`], tagged by `op`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum AssessmentRequest {
    /// The embedded maturity scales.
    Scales,
    /// The embedded prerequisites table of the plan.
    Prerequisites,
    /// The requirement set that binds an organisation, with the reasons.
    Requirements {
        /// A scope profile (evaluated here).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<Box<Profile>>,
        /// A scope result computed before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scope_result: Option<Box<ScopeResult>>,
        /// Frameworks to score instead of selecting by scope.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        frameworks: Option<Vec<String>>,
    },
    /// Score an assessment.
    Score {
        /// The assessment.
        assessment: Box<AssessmentDocument>,
    },
    /// Infer results through the mappings.
    Infer {
        /// The assessment.
        assessment: Box<AssessmentDocument>,
    },
    /// The remediation plan.
    Plan {
        /// The assessment.
        assessment: Box<AssessmentDocument>,
    },
    /// A report.
    Report {
        /// The assessment.
        assessment: Box<AssessmentDocument>,
        /// `md`, `html`, `xlsx` (base64 in the response) or `json`.
        format: ReportFormat,
        /// The language (default `en`).
        #[serde(default)]
        lang: Lang,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Op {
    Scales,
    Prerequisites,
    Requirements,
    Score,
    Infer,
    Plan,
    Report,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Scales => "scales",
            Op::Prerequisites => "prerequisites",
            Op::Requirements => "requirements",
            Op::Score => "score",
            Op::Infer => "infer",
            Op::Plan => "plan",
            Op::Report => "report",
        }
    }

    /// The fields each op accepts (required ones first, with the count required).
    fn fields(self) -> (&'static [&'static str], usize) {
        match self {
            Op::Scales | Op::Prerequisites => (&[], 0),
            Op::Requirements => (&["profile", "scope_result", "frameworks"], 0),
            Op::Score | Op::Infer | Op::Plan => (&["assessment"], 1),
            Op::Report => (&["assessment", "format", "lang"], 2),
        }
    }
}

/// The operations, as written in `op` (an unknown one is reported with the nearest).
pub const OPS: &[&str] = &[
    "scales",
    "prerequisites",
    "requirements",
    "score",
    "infer",
    "plan",
    "report",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    op: Op,
    #[serde(default)]
    profile: Option<Box<Profile>>,
    #[serde(default)]
    scope_result: Option<Box<ScopeResult>>,
    #[serde(default)]
    frameworks: Option<Vec<String>>,
    #[serde(default)]
    assessment: Option<Box<AssessmentDocument>>,
    #[serde(default)]
    format: Option<ReportFormat>,
    #[serde(default)]
    lang: Option<Lang>,
}

impl RawRequest {
    fn present(&self) -> [(&'static str, bool); 6] {
        [
            ("profile", self.profile.is_some()),
            ("scope_result", self.scope_result.is_some()),
            ("frameworks", self.frameworks.is_some()),
            ("assessment", self.assessment.is_some()),
            ("format", self.format.is_some()),
            ("lang", self.lang.is_some()),
        ]
    }

    fn into_request(self) -> Result<AssessmentRequest> {
        let (accepted, required) = self.op.fields();
        let op = self.op.name();
        let mut errors = Vec::new();
        for (name, there) in self.present() {
            let pos = accepted.iter().position(|a| *a == name);
            match (pos, there) {
                (None, true) => errors.push(Error::invalid(
                    format!("$.{name}"),
                    format!(
                        "not used by op `{op}`{}",
                        if accepted.is_empty() {
                            ", which takes no other field".to_owned()
                        } else {
                            format!(" (it takes: {})", accepted.join(", "))
                        }
                    ),
                )),
                (Some(p), false) if p < required => errors.push(Error::invalid(
                    format!("$.{name}"),
                    format!("required by op `{op}`"),
                )),
                _ => {}
            }
        }
        if self.op == Op::Requirements {
            if self.profile.is_some() && self.scope_result.is_some() {
                errors.push(Error::invalid(
                    "$.scope_result",
                    "give either `profile` or `scope_result`, not both",
                ));
            }
            if self.profile.is_none() && self.scope_result.is_none() && self.frameworks.is_none() {
                errors.push(Error::invalid(
                    "$.profile",
                    "op `requirements` needs a scope `profile`, a `scope_result`, or a list of `frameworks`",
                ));
            }
        }
        Error::from_list(errors)?;
        let missing = |f: &str| Error::invalid(format!("$.{f}"), format!("required by op `{op}`"));
        Ok(match self.op {
            Op::Scales => AssessmentRequest::Scales,
            Op::Prerequisites => AssessmentRequest::Prerequisites,
            Op::Requirements => AssessmentRequest::Requirements {
                profile: self.profile,
                scope_result: self.scope_result,
                frameworks: self.frameworks,
            },
            Op::Score => AssessmentRequest::Score {
                assessment: self.assessment.ok_or_else(|| missing("assessment"))?,
            },
            Op::Infer => AssessmentRequest::Infer {
                assessment: self.assessment.ok_or_else(|| missing("assessment"))?,
            },
            Op::Plan => AssessmentRequest::Plan {
                assessment: self.assessment.ok_or_else(|| missing("assessment"))?,
            },
            Op::Report => AssessmentRequest::Report {
                assessment: self.assessment.ok_or_else(|| missing("assessment"))?,
                format: self.format.ok_or_else(|| missing("format"))?,
                lang: self.lang.unwrap_or_default(),
            },
        })
    }
}

impl AssessmentRequest {
    /// Parse a request (JSON text), naming the field path of any problem.
    pub fn parse(input: &str) -> Result<Self> {
        Self::from_value(json::parse_object(input, "an assessment request")?)
    }

    /// Parse a request from an already-parsed JSON value.
    pub fn from_value(input: serde_json::Value) -> Result<Self> {
        json::check_op(&input, OPS)?;
        json::from_value::<RawRequest>(input, "an assessment request")?.into_request()
    }

    /// Parse a request from any serde deserializer (e.g. over a JavaScript object).
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self> {
        Self::from_value(json::from_deserializer::<serde_json::Value, D>(d)?)
    }

    /// Run the request: the response as compact JSON text.
    pub fn run(&self) -> Result<String> {
        let base = "$.assessment";
        match self {
            AssessmentRequest::Scales => json::to_string(super::data::scales()?),
            AssessmentRequest::Prerequisites => json::to_string(super::data::prerequisites()?),
            AssessmentRequest::Requirements {
                profile,
                scope_result,
                frameworks,
            } => json::to_string(&super::requirements_at(
                profile.as_deref(),
                scope_result.as_deref(),
                frameworks.as_deref(),
                "$",
            )?),
            AssessmentRequest::Score { assessment } => {
                json::to_string(&super::evaluate_at(assessment, base)?)
            }
            AssessmentRequest::Infer { assessment } => {
                json::to_string(&super::infer_at(assessment, base)?)
            }
            AssessmentRequest::Plan { assessment } => {
                json::to_string(&super::plan_at(assessment, base)?)
            }
            AssessmentRequest::Report {
                assessment,
                format,
                lang,
            } => json::to_string(&super::report_at(assessment, *format, *lang, base)?),
        }
    }
}

/// `assessment`: a request (JSON text) to a response (compact JSON text).
pub fn assessment_json(request: &str) -> Result<String> {
    AssessmentRequest::parse(request)?.run()
}

/// `assessment` on an already-parsed JSON value.
pub fn assessment_value(request: serde_json::Value) -> Result<String> {
    AssessmentRequest::from_value(request)?.run()
}

/// `assessment` from any serde deserializer (e.g. `serde_wasm_bindgen::Deserializer`).
pub fn assessment_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    AssessmentRequest::from_deserializer(deserializer)?.run()
}

/// An assessment document (JSON text) to a report (the response of `report`, compact JSON);
/// problems have paths under `$`. For the CLI's `nis2 assess FILE --report FORMAT`.
pub fn report_document_json(document: &str, format: ReportFormat, lang: Lang) -> Result<String> {
    let doc: AssessmentDocument = json::from_str(document, "an assessment")?;
    json::to_string(&super::report_at(&doc, format, lang, "$")?)
}

/// An assessment document (JSON text) to its evaluation (compact JSON); problems have paths
/// under `$`. For the CLI's `nis2 assess FILE`.
pub fn evaluate_document_json(document: &str) -> Result<String> {
    let doc: AssessmentDocument = json::from_str(document, "an assessment")?;
    json::to_string(&super::evaluate_at(&doc, "$")?)
}

#[cfg(test)]
mod ops_tests {
    #![allow(clippy::unwrap_used)]

    /// `OPS` (what an unknown op is checked against) names exactly the ops serde reads.
    #[test]
    fn ops_are_the_op_names() {
        for name in super::OPS {
            let op: super::Op = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(op.name(), *name);
        }
        let mut names: Vec<&str> = super::OPS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), super::OPS.len());
    }
}
