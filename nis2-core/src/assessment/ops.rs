//! The operations of the assessment capability, declared in the registry ([`OPS`]): a request
//! tagged by `op` in, the operation's response out.
//!
//! | `op` | fields | response |
//! |---|---|---|
//! | `scales` | — | [`ScaleCatalog`](super::data::ScaleCatalog) |
//! | `prerequisites` | — | [`PrerequisiteTable`](super::data::PrerequisiteTable) |
//! | `requirements` | `profile` or `scope_result`, and/or `frameworks` | [`RequirementSet`] |
//! | `score` | `assessment` | [`Evaluation`] |
//! | `infer` | `assessment` | [`InferenceReport`] |
//! | `plan` | `assessment` | [`Plan`] |
//! | `evaluate` | `assessment` | [`FullResult`](super::report::FullResult) |
//! | `report` | `assessment`, `format` (`md`\|`html`\|`xlsx`\|`json`\|`oscal`), `lang` (`en`\|`da`) | [`Report`] |
//! | `audit_export` | `assessment`, `framework`?, `format` (`csv`\|`xlsx`), `ciso_assistant_frameworks`?, `lang`? | [`AuditTable`] |
//! | `audit_import` | `assessment`, `framework`, `format` (`csv`\|`xlsx`), `content` | [`AuditImport`] |
//! | `questionnaire` | `assessment`, `format` (`xlsx`), `lang`? | [`Questionnaire`] |
//! | `questionnaire_import` | `format` (`xlsx`), `content`, `assessment`? | [`QuestionnaireImport`](super::questionnaire::QuestionnaireImport) |

use schemars::JsonSchema;
use serde::Deserialize;

use crate::api::registry::{NoFields, Op, OpSpec};
use crate::api::Body;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::scope::profile::Profile;
use crate::scope::result::ScopeResult;

use super::audit::{AuditExportRequest, AuditImport, AuditImportRequest, AuditTable};
use super::data::{PrerequisiteTable, ScaleCatalog};
use super::model::AssessmentDocument;
use super::questionnaire::{Questionnaire, QuestionnaireRequest};
use super::report::ReportFormat;
use super::{Evaluation, InferenceReport, Plan, Report, RequirementSet};

/// `{"op": "requirements", …}`: the requirement set of a scope profile, a scope result or a
/// list of frameworks.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementsRequest {
    /// A scope profile (evaluated here).
    #[serde(default)]
    pub profile: Option<Box<Profile>>,
    /// A scope result computed before.
    #[serde(default)]
    pub scope_result: Option<Box<ScopeResult>>,
    /// Frameworks to score instead of selecting by scope.
    #[serde(default)]
    pub frameworks: Option<Vec<String>>,
}

/// A request that takes an assessment document: `score`, `infer`, `plan`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDocRequest {
    /// The assessment.
    pub assessment: Box<AssessmentDocument>,
}

/// `{"op": "report", "assessment": …, "format": "md", "lang": "da"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    /// The assessment.
    pub assessment: Box<AssessmentDocument>,
    /// `md`, `html`, `xlsx` (base64 in the response), `json` or `oscal` (OSCAL 1.2.1 assessment
    /// results).
    pub format: ReportFormat,
    /// The language (default `en`).
    #[serde(default)]
    pub lang: Lang,
}

const BASE: &str = "$.assessment";

fn requirements(r: RequirementsRequest) -> Result<Body> {
    let mut errors = Vec::new();
    if r.profile.is_some() && r.scope_result.is_some() {
        errors.push(Error::invalid(
            "$.scope_result",
            "give either `profile` or `scope_result`, not both",
        ));
    }
    if r.profile.is_none() && r.scope_result.is_none() && r.frameworks.is_none() {
        errors.push(Error::invalid(
            "$.profile",
            "op `requirements` needs a scope `profile`, a `scope_result`, or a list of `frameworks`",
        ));
    }
    Error::from_list(errors)?;
    Ok(Body::typed(super::requirements_at(
        r.profile.as_deref(),
        r.scope_result.as_deref(),
        r.frameworks.as_deref(),
        "$",
    )?))
}

macro_rules! assessment_op {
    ($name:literal, $summary:literal, $req:literal, $kind:literal, $handler:expr) => {
        OpSpec {
            id: concat!("assessment.", $name),
            capability: "assessment",
            name: $name,
            summary: $summary,
            request_type: $req,
            response_kind: $kind,
            verdict_kind: concat!($kind, "-verdict"),
            handler: $handler,
        }
    };
}

/// The operations of the assessment capability.
pub(crate) static OPS: [OpSpec; 12] = [
    assessment_op!("scales", "The embedded maturity scales.", "AssessmentScalesRequest", "assessment-scales",
        &Op::<NoFields, ScaleCatalog>::new(|_| Body::of(super::data::scales()?))),
    assessment_op!("prerequisites", "The prerequisites table the remediation plan orders by.", "AssessmentPrerequisitesRequest", "assessment-prerequisites",
        &Op::<NoFields, PrerequisiteTable>::new(|_| Body::of(super::data::prerequisites()?))),
    assessment_op!("requirements", "The requirement set that binds an organisation, with the reason for each requirement.", "AssessmentRequirementsRequest", "assessment-requirements",
        &Op::<RequirementsRequest, RequirementSet>::new(requirements)),
    assessment_op!("score", "Score an assessment: status and maturity as worst/best-case intervals, rolled up with declared formulas.", "AssessmentScoreRequest", "assessment-evaluation",
        &Op::<AssessmentDocRequest, Evaluation>::new(|r| Ok(Body::typed(super::evaluate_at(&r.assessment, BASE)?)))),
    assessment_op!("infer", "Results inferred from other frameworks through the typed mappings.", "AssessmentInferRequest", "assessment-inference",
        &Op::<AssessmentDocRequest, InferenceReport>::new(|r| Ok(Body::typed(super::infer_at(&r.assessment, BASE)?)))),
    assessment_op!("plan", "The remediation plan: ranked, with prerequisites, scheduled into quarters.", "AssessmentPlanRequest", "assessment-plan",
        &Op::<AssessmentDocRequest, Plan>::new(|r| Ok(Body::typed(super::plan_at(&r.assessment, BASE)?)))),
    assessment_op!("evaluate", "The full result of an assessment: the requirement set, the scores and the ranked remediation plan (what the board summary shows).", "AssessmentEvaluateRequest", "assessment-full-result",
        &Op::<AssessmentDocRequest, super::report::FullResult>::new(|r| Ok(Body::typed(super::evaluate_full_at(&r.assessment, BASE)?)))),
    assessment_op!("report", "A report of an assessment: Markdown, HTML, XLSX (base64), the full result as JSON, or OSCAL 1.2.1 assessment results.", "AssessmentReportRequest", "assessment-report",
        &Op::<ReportRequest, Report>::new(|r| Ok(Body::typed(super::report_at(&r.assessment, r.format, r.lang, BASE)?)))),
    assessment_op!("audit_export", "An assessment as the audit table CISO Assistant's data import wizard reads (CSV or XLSX), one framework, with the status mapping stated.", "AssessmentAuditExportRequest", "assessment-audit-export",
        &Op::<AuditExportRequest, AuditTable>::new(|r| Ok(Body::typed(super::audit::export(&r, BASE)?)))),
    assessment_op!("audit_import", "A CISO Assistant audit table (CSV or XLSX) read into an assessment document's results: the document's results with the table's changes, the status mapping stated, every row not imported listed with why.", "AssessmentAuditImportRequest", "assessment-audit-import",
        &Op::<AuditImportRequest, AuditImport>::new(|r| Ok(Body::typed(super::audit::import(r, BASE)?)))),
    assessment_op!("questionnaire", "A fillable Excel questionnaire for the assessment's scope: one row per requirement that binds, with its citation, short text, why it applies and the ISO/IEC 27001 and D-mærket evidence hints; drop-down lists for status and maturity; an instructions sheet; English or Danish.", "AssessmentQuestionnaireRequest", "assessment-questionnaire",
        &Op::<QuestionnaireRequest, Questionnaire>::new(|r| Ok(Body::typed(super::questionnaire::template(&r, BASE)?)))),
    assessment_op!("questionnaire_import", "A filled-in questionnaire read back into the assessment document: rows matched by requirement id, every bad cell a typed error naming the sheet, row, column and accepted values, every row accounted for.", "AssessmentQuestionnaireImportRequest", "assessment-questionnaire-import",
        &super::questionnaire::ImportOp),
];
