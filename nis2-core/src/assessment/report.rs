//! Reports: a board summary for the management body (Art. 20(1): scores per Art. 21 measure,
//! the top gaps, the plan, the risk heat map when a register is given) as Markdown and as one
//! self-contained HTML file; the full result as JSON; an XLSX workbook for auditors (feature
//! `xlsx`, base64 in the response so that it crosses every binding).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::json;
use crate::risk::{Lang, Stage};
use crate::text::Str;

use super::plan::Plan;
use super::requirements::RequirementSet;
use super::score::{Basis, Evaluation};
use super::Run;

/// The format of a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// Board summary, Markdown.
    Md,
    /// Board summary, one self-contained HTML file.
    Html,
    /// Workbook for auditors (sheets: summary, requirements, status, evidence, gaps, plan),
    /// base64.
    Xlsx,
    /// The full result (requirement set, evaluation, plan) as JSON.
    Json,
    /// OSCAL 1.2.1 assessment results (JSON): a finding per requirement, observations,
    /// the plan as risks with planned responses (`docs/oscal.md`).
    Oscal,
}

impl ReportFormat {
    fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Md => "text/markdown; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ReportFormat::Json => "application/json",
            ReportFormat::Oscal => "application/json",
        }
    }

    fn ext(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Html => "html",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Json => "json",
            ReportFormat::Oscal => "oscal-ar.json",
        }
    }
}

/// How `content` is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 text.
    Utf8,
    /// Base64 (RFC 4648, with padding) of the bytes.
    Base64,
}

/// The result of `report`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// The format.
    pub format: ReportFormat,
    /// The language.
    pub lang: Lang,
    /// The media type.
    pub media_type: Str,
    /// A suggested file name.
    pub file_name: String,
    /// `utf8` or `base64` (XLSX).
    pub encoding: Encoding,
    /// The report.
    pub content: String,
}

/// The full result (`report` in format `json`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FullResult {
    /// Data format version.
    pub schema_version: Str,
    /// The requirement set, with reasons.
    pub requirement_set: RequirementSet,
    /// The scores.
    pub evaluation: Evaluation,
    /// The plan.
    pub plan: Plan,
    /// How many plan items the board summary lists as top gaps, by rank (`settings.top_gaps`,
    /// default 10).
    pub top_gaps: u32,
    /// The heat map of the current risks, when the assessment has a risk register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::risk::HeatMap<'static>>")]
    pub heatmap: Option<serde_json::Value>,
}

impl FullResult {
    pub(crate) fn of(r: &Run<'_>, p: &Plan) -> Self {
        FullResult {
            schema_version: Cow::Borrowed("1"),
            requirement_set: r.set.clone(),
            evaluation: r.computed.eval.clone(),
            plan: p.clone(),
            top_gaps: top_gaps(r),
            heatmap: FullResult::heatmap(r),
        }
    }

    /// The full result as the board summary reads it (the Markdown and HTML reports): the
    /// per-requirement lists (`requirement_set.requirements` and `excluded`,
    /// `evaluation.requirements`; three quarters of the document) left empty, as the summary
    /// view reads the aggregates, the plan and the findings only. Not cloned and not written
    /// into a JSON value only to be skipped: the reports take about a third less time, with
    /// the same bytes (the report vectors, the CLI snapshots and
    /// `summary_reads_no_requirement_list` check it).
    pub(crate) fn for_summary(r: &Run<'_>, p: &Plan) -> Self {
        let (set, e) = (&r.set, &r.computed.eval);
        FullResult {
            schema_version: Cow::Borrowed("1"),
            requirement_set: RequirementSet {
                schema_version: set.schema_version.clone(),
                scope: set.scope.clone(),
                frameworks: set.frameworks.clone(),
                requirements: Vec::new(),
                excluded: Vec::new(),
            },
            evaluation: Evaluation {
                schema_version: e.schema_version.clone(),
                name: e.name.clone(),
                organisation: e.organisation.clone(),
                assessment_date: e.assessment_date.clone(),
                target_date: e.target_date.clone(),
                scope: e.scope.clone(),
                scale: e.scale.clone(),
                method: e.method.clone(),
                overall: e.overall.clone(),
                frameworks: e.frameworks.clone(),
                measures: e.measures.clone(),
                requirements: Vec::new(),
                counts: e.counts.clone(),
                findings: e.findings.clone(),
            },
            plan: p.clone(),
            top_gaps: top_gaps(r),
            heatmap: FullResult::heatmap(r),
        }
    }

    fn heatmap(r: &Run<'_>) -> Option<serde_json::Value> {
        r.doc.risk_register.as_deref().and_then(|reg| {
            crate::risk::heatmap(reg, Stage::Current)
                .ok()
                .and_then(|h| serde_json::to_value(h).ok())
        })
    }
}

/// `settings.top_gaps`, default 10.
pub(crate) fn top_gaps(r: &Run<'_>) -> u32 {
    r.doc
        .settings
        .as_ref()
        .and_then(|s| s.top_gaps)
        .unwrap_or(10)
}

pub use crate::view::render::base64;

/// The spreadsheet letters of a column (0 → A, 25 → Z, 26 → AA).
pub(crate) fn column_letter(c: usize) -> String {
    let mut n = c + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(b'A' + u8::try_from((n - 1) % 26).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

pub(crate) fn slug(name: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !s.is_empty() {
            s.push('-');
            dash = true;
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "assessment".to_owned()
    } else {
        s.chars().take(60).collect()
    }
}

/// Words of the reports.
pub(crate) fn w(lang: Lang, en: &'static str, da: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Da => da,
    }
}

/// A status in words (the XLSX workbook's; a build without `xlsx` has no use for it).
#[cfg(feature = "xlsx")]
pub(crate) fn status_word(lang: Lang, s: super::Status) -> String {
    lang.pick(&s.text()).to_owned()
}

#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn basis_word(lang: Lang, b: Basis) -> &'static str {
    match b {
        Basis::Direct => w(lang, "direct", "direkte"),
        Basis::Inferred => w(lang, "inferred", "afledt"),
        Basis::NotAssessed => w(lang, "not assessed", "ikke vurderet"),
        Basis::NotApplicable => w(lang, "not applicable", "ikke relevant"),
    }
}

/// The board summary of the full result (the view of `assessment.evaluate`), rendered.
fn summary(r: &Run<'_>, p: &Plan, format: crate::api::Format, lang: Lang) -> Result<String> {
    summary_of(FullResult::for_summary(r, p), format, lang)
}

/// The board summary of a full result.
fn summary_of(full: FullResult, format: crate::api::Format, lang: Lang) -> Result<String> {
    let full = serde_json::to_value(full).map_err(|e| crate::error::Error::Data {
        file: "<output>".to_owned(),
        message: e.to_string(),
    })?;
    let mut doc = serde_json::Map::new();
    doc.insert(
        "op".to_owned(),
        serde_json::Value::from("assessment.evaluate"),
    );
    if let serde_json::Value::Object(m) = full {
        doc.extend(m);
    }
    let view = crate::view::view_of(&serde_json::Value::Object(doc), lang)?;
    Ok(match format {
        crate::api::Format::Html => crate::view::render::html_document(&view),
        _ => crate::view::render::markdown(&view),
    })
}

pub(crate) fn render(r: &Run<'_>, p: &Plan, format: ReportFormat, lang: Lang) -> Result<Report> {
    let (content, encoding) = match format {
        ReportFormat::Md => (summary(r, p, crate::api::Format::Md, lang)?, Encoding::Utf8),
        ReportFormat::Html => (
            summary(r, p, crate::api::Format::Html, lang)?,
            Encoding::Utf8,
        ),
        ReportFormat::Json => (
            json::to_string_pretty(&FullResult::of(r, p))?,
            Encoding::Utf8,
        ),
        ReportFormat::Xlsx => (base64(&xlsx_bytes(r, p, lang)?), Encoding::Base64),
        ReportFormat::Oscal => (
            json::to_string_pretty(&super::oscal::assessment_results(
                r,
                p,
                crate::catalog::catalogs()?,
            )?)?,
            Encoding::Utf8,
        ),
    };
    Ok(Report {
        format,
        lang,
        media_type: Cow::Borrowed(format.media_type()),
        file_name: format!(
            "{}-{}.{}",
            slug(&r.doc.name),
            r.doc.assessment_date,
            format.ext()
        ),
        encoding,
        content,
    })
}

/// The XLSX workbook's bytes.
#[cfg(feature = "xlsx")]
pub(crate) fn xlsx_bytes(r: &Run<'_>, p: &Plan, lang: Lang) -> Result<Vec<u8>> {
    super::xlsx::workbook(r, p, lang)
}

/// The XLSX workbook's bytes (this build has no `xlsx` feature).
#[cfg(not(feature = "xlsx"))]
pub(crate) fn xlsx_bytes(_r: &Run<'_>, _p: &Plan, _lang: Lang) -> Result<Vec<u8>> {
    Err(crate::error::Error::invalid(
        "$.format",
        "this build of nis2 has no XLSX support (cargo feature `xlsx`); use md, html or json",
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The reports leave the per-requirement lists out of the document they render: the
    /// summary reads none of them, so it is the same with and without them.
    #[test]
    fn summary_reads_no_requirement_list() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let text = std::fs::read_to_string(root.join("examples/msp-assessment.json")).unwrap();
        let value = crate::json::parse_object(&text, "an assessment").unwrap();
        let doc: super::super::AssessmentDocument =
            crate::json::from_value(value, "an assessment").unwrap();
        let r = super::super::run(&doc, "$").unwrap();
        let cat = crate::catalog::catalogs().unwrap();
        let p = super::super::plan::plan(cat, &doc, &r.computed, r.risk.as_ref()).unwrap();
        let (full, pruned) = (FullResult::of(&r, &p), FullResult::for_summary(&r, &p));
        assert!(!full.evaluation.requirements.is_empty());
        assert!(!full.requirement_set.requirements.is_empty());
        assert!(!full.requirement_set.excluded.is_empty());
        assert!(pruned.evaluation.requirements.is_empty());
        for lang in [Lang::En, Lang::Da] {
            for format in [crate::api::Format::Md, crate::api::Format::Html] {
                assert_eq!(
                    summary_of(full.clone(), format, lang).unwrap(),
                    summary_of(pruned.clone(), format, lang).unwrap(),
                    "{format:?} {lang:?}"
                );
            }
        }
        let mut whole = full.clone();
        whole.evaluation.requirements.clear();
        whole.requirement_set.requirements.clear();
        whole.requirement_set.excluded.clear();
        assert_eq!(whole, pruned, "only the per-requirement lists are left out");
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Nordlys IT ApS — NIS2 2026"),
            "nordlys-it-aps-nis2-2026"
        );
        assert_eq!(slug("—"), "assessment");
    }
}
