//! Gap assessment and scoring (step 5 of the Danish NIS2 guide): a maturity assessment and gap
//! analysis against the requirements that bind the organisation, turned into a ranked
//! remediation plan and reports the management body can approve (Art. 20(1)).
//!
//! - [`model`]: the assessment document (input), its statuses, maturity scales and settings.
//! - [`requirements`]: the scope-aware requirement set, with a reason per requirement.
//! - [`score`]: scoring with declared maths: status and maturity scores as worst/best-case
//!   intervals, rolled up to the measures, the frameworks and overall.
//! - [`infer`]: results inferred from other frameworks through the typed mappings.
//! - [`plan`]: the remediation plan, ranked and scheduled into quarters.
//! - [`report`]: board summary (Markdown, self-contained HTML), the full result as JSON, an
//!   XLSX workbook for auditors (feature `xlsx`), and OSCAL 1.2.1 assessment results.
//! - [`audit`]: CISO Assistant's audit table, out and back in.
//! - [`questionnaire`]: the Excel questionnaire for an organisation's scope, out and back in.
//! - [`ops`]: the operations, declared in the registry ([`crate::api`]).
//!
//! See `docs/scoring.md` for every formula and a worked example.

pub mod audit;
pub mod big;
pub mod data;
pub mod infer;
pub mod model;
pub mod num;
pub mod ops;
mod oscal;
pub mod plan;
// Without the `xlsx` feature the workbook parts are unused: the ops answer a typed error.
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub mod questionnaire;
#[cfg(feature = "xlsx")]
mod questionnaire_xlsx;
pub mod report;
pub mod requirements;
pub mod score;
mod validate;
#[cfg(feature = "xlsx")]
mod xlsx;
#[cfg(feature = "xlsx")]
mod xlsx_in;

use std::borrow::Cow;
use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{catalogs, Confidence};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::scope::profile::Profile;
use crate::scope::result::ScopeResult;
use crate::text::{Str, Text};

pub use data::{prerequisites, scales, PrerequisiteRule, PrerequisiteTable, ScaleCatalog};
pub use infer::{InferenceSource, Inferred};
pub use model::{AssessmentDocument, RequirementResult, Scale, ScaleRef, Settings, Status};
pub use plan::Plan;
pub use report::{Report, ReportFormat};
pub use requirements::RequirementSet;
pub use score::Evaluation;

use model::ScopeInput;
use requirements::{ScopeBasis, ScopeCtx};

/// A validated, scored document, for the plan and the reports.
pub(crate) struct Run<'d> {
    pub(crate) doc: &'d AssessmentDocument,
    pub(crate) set: RequirementSet,
    pub(crate) computed: score::Computed,
    pub(crate) risk: Option<crate::risk::Assessment<'d>>,
}

impl std::fmt::Debug for Run<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run").field("name", &self.doc.name).finish()
    }
}

pub(crate) fn run<'d>(doc: &'d AssessmentDocument, base: &str) -> Result<Run<'d>> {
    let cat = catalogs()?;
    let checked = validate::check(doc, base)?;
    let (set, reqs) = requirements::select(cat, &checked.ctx, doc.frameworks.as_deref());
    let computed = score::compute(cat, doc, checked.scale, &set, &reqs);
    Ok(Run {
        doc,
        set,
        computed,
        risk: checked.risk,
    })
}

/// The requirement set of a scope profile, a scope result or a list of frameworks (problems
/// have paths under `base`).
pub fn requirements_at(
    profile: Option<&Profile>,
    scope_result: Option<&ScopeResult>,
    frameworks: Option<&[String]>,
    base: &str,
) -> Result<RequirementSet> {
    let cat = catalogs()?;
    let mut errors = Vec::new();
    let owned_fw: Option<Vec<String>> = frameworks.map(<[String]>::to_vec);
    validate::check_frameworks(
        cat,
        owned_fw.as_ref(),
        &format!("{base}.frameworks"),
        &mut errors,
    );
    let ctx = match (profile, scope_result) {
        (Some(p), _) => {
            let input = ScopeInput::Profile(Box::new(p.clone()));
            // Problems are reported under `<base>.profile` (the request's `profile` field).
            let mut ctx = validate::scope_ctx(Some(&input), base, &mut errors);
            ctx.basis = ScopeBasis::Profile;
            ctx
        }
        (None, Some(r)) => ScopeCtx {
            basis: ScopeBasis::Result,
            result: Some(r.clone()),
        },
        (None, None) => ScopeCtx {
            basis: ScopeBasis::None,
            result: None,
        },
    };
    Error::from_list(errors)?;
    Ok(requirements::select(cat, &ctx, frameworks).0)
}

/// The requirement set of a scope profile.
pub fn requirements_for(profile: &Profile) -> Result<RequirementSet> {
    requirements_at(Some(profile), None, None, "$")
}

/// Score an assessment (problems have paths under `base`).
pub fn evaluate_at(doc: &AssessmentDocument, base: &str) -> Result<Evaluation> {
    Ok(run(doc, base)?.computed.eval)
}

/// Score an assessment (problems have paths under `$`).
pub fn evaluate(doc: &AssessmentDocument) -> Result<Evaluation> {
    evaluate_at(doc, "$")
}

/// The remediation plan of an assessment (problems have paths under `base`).
pub fn plan_at(doc: &AssessmentDocument, base: &str) -> Result<Plan> {
    let r = run(doc, base)?;
    plan::plan(catalogs()?, doc, &r.computed, r.risk.as_ref())
}

/// The remediation plan of an assessment.
pub fn plan(doc: &AssessmentDocument) -> Result<Plan> {
    plan_at(doc, "$")
}

/// An inferred result, or a direct result that an inference would have given otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct InferenceEntry {
    /// The requirement.
    pub requirement: Str,
    /// Reference to the source.
    pub citation: Str,
    /// Short title.
    pub title: Text,
    /// The direct status, when a direct result wins over the inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_status: Option<Status>,
    /// The inference.
    pub inferred: Inferred,
}

/// Counts of the inference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InferenceCounts {
    /// Requirements in the set.
    pub requirements: usize,
    /// With a direct result (any status but `not_assessed`).
    pub direct: usize,
    /// Inferred (no direct result).
    pub inferred: usize,
    /// With a direct result that wins over an inference.
    pub overridden: usize,
    /// Neither direct nor inferred.
    pub not_assessed: usize,
}

/// The result of `infer`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct InferenceReport {
    /// Data format version.
    pub schema_version: Str,
    /// The rules.
    pub rules: Text,
    /// Whether inference is on in the settings (this operation infers either way).
    pub enabled: bool,
    /// The lowest mapping confidence used.
    pub min_confidence: Confidence,
    /// The frameworks whose results served as sources.
    pub source_frameworks: Vec<Str>,
    /// Counts.
    pub counts: InferenceCounts,
    /// The requirements without a direct result that an inference covers, catalog order.
    pub inferred: Vec<InferenceEntry>,
    /// The requirements whose direct result wins over an inference, catalog order.
    pub overridden: Vec<InferenceEntry>,
}

/// Infer results through the mappings (problems have paths under `base`).
pub fn infer_at(doc: &AssessmentDocument, base: &str) -> Result<InferenceReport> {
    let cat = catalogs()?;
    let checked = validate::check(doc, base)?;
    let (_, reqs) = requirements::select(cat, &checked.ctx, doc.frameworks.as_deref());
    let settings = doc.settings.clone().unwrap_or_default();
    let min_conf = settings.min_confidence.unwrap_or(Confidence::Low);
    let results: HashMap<&str, &RequirementResult> = doc
        .results
        .iter()
        .map(|r| (r.requirement.as_str(), r))
        .collect();
    let source_fws = infer::source_frameworks(cat, doc);
    let mut counts = InferenceCounts {
        requirements: reqs.len(),
        ..InferenceCounts::default()
    };
    let mut inferred = Vec::new();
    let mut overridden = Vec::new();
    for req in &reqs {
        let direct = results
            .get(req.node.id.as_str())
            .filter(|r| r.status != Status::NotAssessed);
        let inf = infer::infer(
            cat,
            &req.node.id,
            &req.fw.id,
            &source_fws,
            &results,
            min_conf,
        );
        let entry = |i: Inferred, d: Option<Status>| InferenceEntry {
            requirement: Cow::Borrowed(req.node.id.as_str()),
            citation: Cow::Borrowed(req.node.citation.as_str()),
            title: Text::borrowed(&req.node.title),
            direct_status: d,
            inferred: i,
        };
        match (direct, inf) {
            (Some(d), Some(i)) => {
                counts.direct += 1;
                counts.overridden += 1;
                overridden.push(entry(i, Some(d.status)));
            }
            (Some(_), None) => counts.direct += 1,
            (None, Some(i)) => {
                counts.inferred += 1;
                inferred.push(entry(i, None));
            }
            (None, None) => counts.not_assessed += 1,
        }
    }
    Ok(InferenceReport {
        schema_version: Cow::Borrowed("1"),
        rules: score::Method::inference_rules(),
        enabled: settings.inference.unwrap_or(true),
        min_confidence: min_conf,
        source_frameworks: source_fws.into_iter().map(Cow::Borrowed).collect(),
        counts,
        inferred,
        overridden,
    })
}

/// Infer results through the mappings.
pub fn infer(doc: &AssessmentDocument) -> Result<InferenceReport> {
    infer_at(doc, "$")
}

/// The full result of an assessment: requirement set, scores and plan (problems have paths
/// under `base`).
pub fn evaluate_full_at(doc: &AssessmentDocument, base: &str) -> Result<report::FullResult> {
    let r = run(doc, base)?;
    let p = plan::plan(catalogs()?, doc, &r.computed, r.risk.as_ref())?;
    Ok(report::FullResult::of(&r, &p))
}

/// A report of an assessment (problems have paths under `base`).
pub fn report_at(
    doc: &AssessmentDocument,
    format: ReportFormat,
    lang: Lang,
    base: &str,
) -> Result<Report> {
    let r = run(doc, base)?;
    if format == ReportFormat::Oscal {
        oscal::check_date(&doc.assessment_date, base)?;
    }
    #[cfg(feature = "xlsx")]
    if format == ReportFormat::Xlsx {
        xlsx::check_date(&doc.assessment_date, base)?;
    }
    let p = plan::plan(catalogs()?, doc, &r.computed, r.risk.as_ref())?;
    report::render(&r, &p, format, lang)
}

/// A report of an assessment.
pub fn report(doc: &AssessmentDocument, format: ReportFormat, lang: Lang) -> Result<Report> {
    report_at(doc, format, lang, "$")
}
