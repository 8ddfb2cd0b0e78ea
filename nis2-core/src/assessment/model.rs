//! The assessment document (input): requirement results on a declared maturity scale, the
//! organisation's scope, the sources of results from other frameworks, an optional risk
//! register and the settings of the scoring. It round-trips losslessly: every field given is
//! kept as given.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Confidence;
use crate::risk::register::Register;
use crate::scope::profile::Profile;
use crate::scope::result::ScopeResult;
use crate::text::Text;

/// The schema version of assessment documents.
pub const DOCUMENT_SCHEMA_VERSION: &str = "1";

const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// An assessment: the results of a maturity assessment and gap analysis (step 5 of the Danish
/// NIS2 guide), for the management body to approve (Art. 20(1)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDocument {
    /// Data format version: `1`.
    pub schema_version: String,
    /// The assessment's name (echoed).
    pub name: String,
    /// The organisation (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The date of the assessment, `YYYY-MM-DD`: the start of the plan (the engine has no
    /// clock).
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub assessment_date: String,
    /// The date by which the gaps are to be closed, `YYYY-MM-DD`; without it the plan is ranked
    /// but not scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub target_date: Option<String>,
    /// The maturity scale: the id of an embedded scale (default `cmmi-0-5`, see the `scales`
    /// operation) or a scale given in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<ScaleRef>,
    /// The organisation's scope, which selects the requirements that bind it: a scope profile
    /// (evaluated here) or a scope result computed before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeInput>,
    /// The frameworks to score, overriding the selection by scope (framework ids, e.g.
    /// `iso27001-2022`): every requirement of each is scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frameworks: Option<Vec<String>>,
    /// Where results of other frameworks come from (an ISO/IEC 27001 statement of
    /// applicability, a D-mærket self-evaluation…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<Source>>,
    /// The results, one per requirement (a leaf node of any catalog). Results on requirements
    /// outside the scored set are used to infer coverage through the mappings.
    pub results: Vec<RequirementResult>,
    /// A risk register: its treatments' control ids link risks to requirements and weigh the
    /// remediation plan; its heat map goes into the board summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_register: Option<Box<Register>>,
    /// How to score and plan (every setting has a stated default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
}

/// The state of one requirement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not assessed yet: scored as an interval from worst case (0) to best case (1).
    NotAssessed,
    /// Does not apply to the organisation; needs a justification; excluded from scores.
    NotApplicable,
    /// Not implemented.
    NotImplemented,
    /// Partially implemented.
    PartiallyImplemented,
    /// Largely implemented.
    LargelyImplemented,
    /// Fully implemented.
    FullyImplemented,
    /// Any other value (rejected by validation with its path).
    #[serde(other)]
    #[schemars(skip)]
    Invalid,
}

impl Status {
    /// The assessed statuses, weakest first.
    pub const IMPLEMENTATION: [Status; 4] = [
        Status::NotImplemented,
        Status::PartiallyImplemented,
        Status::LargelyImplemented,
        Status::FullyImplemented,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotAssessed => "not_assessed",
            Status::NotApplicable => "not_applicable",
            Status::NotImplemented => "not_implemented",
            Status::PartiallyImplemented => "partially_implemented",
            Status::LargelyImplemented => "largely_implemented",
            Status::FullyImplemented => "fully_implemented",
            Status::Invalid => "invalid",
        }
    }

    /// The name in English and Danish.
    pub fn text(self) -> Text {
        match self {
            Status::NotAssessed => Text::st("not assessed", "ikke vurderet"),
            Status::NotApplicable => Text::st("not applicable", "ikke relevant"),
            Status::NotImplemented => Text::st("not implemented", "ikke implementeret"),
            Status::PartiallyImplemented => {
                Text::st("partially implemented", "delvist implementeret")
            }
            Status::LargelyImplemented => {
                Text::st("largely implemented", "stort set implementeret")
            }
            Status::FullyImplemented => Text::st("fully implemented", "fuldt implementeret"),
            Status::Invalid => Text::st("invalid", "ugyldig"),
        }
    }

    /// The rank among the implementation statuses (0 = not implemented … 3 = fully), `None`
    /// for the others.
    pub fn rank(self) -> Option<u8> {
        match self {
            Status::NotImplemented => Some(0),
            Status::PartiallyImplemented => Some(1),
            Status::LargelyImplemented => Some(2),
            Status::FullyImplemented => Some(3),
            _ => None,
        }
    }
}

/// One requirement's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementResult {
    /// The requirement: a leaf node id of any catalog, e.g. `CIR-2690:12.4.1`,
    /// `ISO27001:A.5.9`, `NIS2:21.2.d`.
    pub requirement: String,
    /// Its status.
    pub status: Status,
    /// Why it does not apply (required with `not_applicable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Implementation maturity, a level of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_maturity: Option<i64>,
    /// Documentation maturity, a level of the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_maturity: Option<i64>,
    /// The target maturity (default: the settings' `target_maturity`, else the scale's
    /// default target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_maturity: Option<i64>,
    /// The weight of the requirement in its measure, 1–100 (default: the settings' `weights`,
    /// else 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub weight: Option<u32>,
    /// The effort to close the gap, 1 (days) – 5 (more than a quarter); default by the stated
    /// rule (see `docs/scoring.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub effort: Option<u32>,
    /// References to the evidence (document names, ticket ids, URLs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<String>>,
    /// The accountable owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When the gap is to be closed, `YYYY-MM-DD` (the plan keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub due_date: Option<String>,
    /// The source the result comes from (an id of `sources`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl RequirementResult {
    /// A result with a status and nothing else.
    pub fn new(requirement: impl Into<String>, status: Status) -> Self {
        RequirementResult {
            requirement: requirement.into(),
            status,
            justification: None,
            implementation_maturity: None,
            documentation_maturity: None,
            target_maturity: None,
            weight: None,
            effort: None,
            evidence: None,
            owner: None,
            due_date: None,
            source: None,
            notes: None,
        }
    }
}

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An ISO/IEC 27001 statement of applicability.
    StatementOfApplicability,
    /// A certification or surveillance audit report.
    CertificationAudit,
    /// An internal audit.
    InternalAudit,
    /// A self-evaluation (e.g. the D-mærket self-evaluation tool).
    SelfEvaluation,
    /// Anything else.
    Other,
}

/// A document that results come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id, referred to by `results[].source`.
    pub id: String,
    /// Its kind.
    pub kind: SourceKind,
    /// The framework its results are on (e.g. `iso27001-2022`).
    pub framework: String,
    /// Title, e.g. `Statement of applicability v7`.
    pub title: String,
    /// Its date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub date: Option<String>,
    /// Notes (e.g. the certification body and certificate number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The organisation's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ScopeInput {
    /// A scope profile, evaluated with `scope`.
    Profile(Box<Profile>),
    /// A scope result computed before.
    Result(Box<ScopeResult>),
}

/// How scores are aggregated from requirements to measures, frameworks and overall.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Σ wᵢ·sᵢ / Σ wᵢ (the default).
    #[default]
    WeightedMean,
    /// Σ sᵢ / n.
    Mean,
    /// min sᵢ: a chain is as strong as its weakest link.
    Minimum,
}

impl Aggregation {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::WeightedMean => "weighted_mean",
            Aggregation::Mean => "mean",
            Aggregation::Minimum => "minimum",
        }
    }

    /// The formula in words.
    pub fn formula(self) -> &'static str {
        match self {
            Aggregation::WeightedMean => "Σ wᵢ·sᵢ / Σ wᵢ",
            Aggregation::Mean => "Σ sᵢ / n",
            Aggregation::Minimum => "min sᵢ",
        }
    }
}

/// The settings of scoring, inference and planning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// How to aggregate (default `weighted_mean`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<Aggregation>,
    /// The default target maturity (default: the scale's `default_target`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_maturity: Option<i64>,
    /// Requirement weights by node id (1–100): a weight given for a group applies to every
    /// requirement under it; the most specific node wins; a result's own `weight` wins over
    /// all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<BTreeMap<String, u32>>,
    /// Measure weights by measure id (1–100, default 1), e.g. `{"NIS2:21.2.i": 2}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_weights: Option<BTreeMap<String, u32>>,
    /// Whether to infer results through the mappings (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inference: Option<bool>,
    /// The lowest mapping confidence used for inference (default `low`: every pair).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<Confidence>,
    /// How many gaps the board summary lists (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1000))]
    pub top_gaps: Option<u32>,
}

/// One level of a maturity scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "MaturityLevel")]
pub struct ScaleLevel {
    /// The level.
    pub value: i64,
    /// Its name.
    pub name: Text,
    /// What it means for the implementation of a requirement.
    pub implementation: Text,
    /// What it means for the documentation, where the scale says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<Text>,
}

/// A maturity scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// What it is.
    pub description: Text,
    /// The lowest level.
    pub min: i64,
    /// The highest level (at most 10 above `min`).
    pub max: i64,
    /// The target used when none is given.
    pub default_target: i64,
    /// Where the level names come from.
    pub source: String,
    /// Every level from `min` to `max`, in order.
    pub levels: Vec<ScaleLevel>,
}

/// A scale given by id (see the `scales` operation) or in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ScaleRef {
    /// The id of an embedded scale, e.g. `cmmi-0-5`.
    Id(String),
    /// A scale given in full.
    Inline(Box<Scale>),
}

// Written by hand (not `untagged`) so that problems inside an inline scale keep their path.
impl<'de> Deserialize<'de> for ScaleRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ScaleRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a scale id (a string) or a maturity scale (an object)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<ScaleRef, E> {
                Ok(ScaleRef::Id(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<ScaleRef, E> {
                Ok(ScaleRef::Id(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<ScaleRef, A::Error> {
                Scale::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|m| ScaleRef::Inline(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}
