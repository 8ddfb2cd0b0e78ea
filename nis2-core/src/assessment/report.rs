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
            heatmap: r.doc.risk_register.as_deref().and_then(|reg| {
                crate::risk::heatmap(reg, Stage::Current)
                    .ok()
                    .and_then(|h| serde_json::to_value(h).ok())
            }),
        }
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
    let full =
        serde_json::to_value(FullResult::of(r, p)).map_err(|e| crate::error::Error::Data {
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
mod tests {
    use super::*;

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
