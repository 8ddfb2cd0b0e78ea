//! Audit results both ways with CISO Assistant: an assessment as the audit table CISO
//! Assistant's data import wizard reads (`audit_export`, CSV or XLSX), and such a table (or
//! CISO Assistant's own audit export as CSV) read back into an assessment document
//! (`audit_import`, CSV or XLSX), with the mapping between the two status scales stated in the
//! output.
//!
//! The table has one row per node of one framework, in display order: `urn`, `assessable`,
//! `ref_id`, `name`, `description`, `compliance_result`, `requirement_progress`, `score`,
//! `observations`. CISO Assistant matches a row by `ref_id`, then by `urn`; rows that are not
//! assessable are skipped. The import matches the same way (our URNs, or CISO Assistant's for
//! the frameworks it ships), rejects unknown columns, unknown ids, duplicated requirements and
//! values outside the accepted ones with a typed error naming the row and the column, and lists
//! every row it does not import with the reason. Nothing is half-imported: any error, and no
//! document comes back.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::data::{catalogs, Catalogs};
use crate::catalog::model::{Framework, Node, NodeKind};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::text::{Str, Text};

use super::model::{AssessmentDocument, RequirementResult, Status};
use super::report::{w, Encoding};
use super::score::RequirementScore;

/// CISO Assistant's compliance results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceResult {
    /// Not assessed.
    NotAssessed,
    /// Partially compliant.
    PartiallyCompliant,
    /// Non-compliant.
    NonCompliant,
    /// Compliant.
    Compliant,
    /// Not applicable.
    NotApplicable,
}

impl ComplianceResult {
    const ALL: [(&'static str, ComplianceResult); 5] = [
        ("not_assessed", ComplianceResult::NotAssessed),
        ("partially_compliant", ComplianceResult::PartiallyCompliant),
        ("non_compliant", ComplianceResult::NonCompliant),
        ("compliant", ComplianceResult::Compliant),
        ("not_applicable", ComplianceResult::NotApplicable),
    ];

    fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(s, _)| s)
    }
}

/// The format of the audit table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    /// CSV (RFC 4180, CRLF line ends; the import also reads `;` as the separator).
    Csv,
    /// XLSX (base64; the import reads the first sheet).
    Xlsx,
}

/// `{"op": "audit_export", "assessment": …, "framework": "cir-2024-2690", "format": "csv"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditExportRequest {
    /// The assessment.
    pub assessment: Box<AssessmentDocument>,
    /// The framework whose audit the table fills (one of the scored frameworks; may be left
    /// out when only one is scored).
    #[serde(default)]
    pub framework: Option<String>,
    /// `csv` or `xlsx` (base64 in the response).
    pub format: TableFormat,
    /// Name CISO Assistant's own shipped framework in `urn` where one exists (CIR 2024/2690,
    /// ISO/IEC 27001:2022) instead of our framework library. Default `false`.
    #[serde(default)]
    pub ciso_assistant_frameworks: bool,
    /// The language of the observations (default `en`).
    #[serde(default)]
    pub lang: Lang,
}

/// `{"op": "audit_import", "assessment": …, "framework": "nis2", "format": "csv", "content": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditImportRequest {
    /// The assessment the results go into (its other results are kept).
    pub assessment: Box<AssessmentDocument>,
    /// The framework the table is an audit of.
    pub framework: String,
    /// `csv` or `xlsx` (the first sheet; base64 in `content`).
    pub format: TableFormat,
    /// The table: CSV text, or an XLSX workbook in base64.
    pub content: String,
}

/// The audit table (the response of `audit_export`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AuditTable {
    /// The framework.
    pub framework: Str,
    /// The format.
    pub format: TableFormat,
    /// The media type.
    pub media_type: Str,
    /// A suggested file name.
    pub file_name: String,
    /// `utf8` (CSV) or `base64` (XLSX).
    pub encoding: Encoding,
    /// How our statuses became CISO Assistant's compliance results.
    pub status_mapping: Vec<StatusMapping>,
    /// The number of rows (nodes), and of assessable rows.
    pub rows: usize,
    /// Rows CISO Assistant will import (assessable).
    pub assessable_rows: usize,
    /// The table.
    pub content: String,
}

/// One line of the mapping between the two scales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StatusMapping {
    /// Our status.
    pub status: Status,
    /// CISO Assistant's compliance result.
    pub compliance_result: ComplianceResult,
    /// What the mapping loses or keeps.
    pub note: Text,
}

/// The response of `audit_import`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AuditImport {
    /// The framework.
    pub framework: Str,
    /// The document's `results` after the import, in order: the request's results, replaced for
    /// the requirements the table changes, then the new ones. Put them in the document's
    /// `results` (every other field of the document is unchanged).
    pub results: Vec<RequirementResult>,
    /// How CISO Assistant's compliance results became our statuses.
    pub status_mapping: Vec<StatusMapping>,
    /// Data rows read.
    pub rows: usize,
    /// Results imported (new or replacing one of the document's).
    pub imported: usize,
    /// Of those, results that replaced one the document had.
    pub replaced: usize,
    /// Rows not imported, with why (none is dropped without a reason).
    pub skipped: Vec<SkippedRow>,
}

/// A row the import did not turn into a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SkippedRow {
    /// The row number in the table (the header is row 1).
    pub row: usize,
    /// Its `ref_id`.
    pub ref_id: String,
    /// Why.
    pub reason: Text,
}

fn t(en: &str, da: &str) -> Text {
    Text {
        en: Cow::Owned(en.to_owned()),
        da: Cow::Owned(da.to_owned()),
    }
}

/// Our statuses → CISO Assistant's results (the export).
fn export_mapping() -> Vec<StatusMapping> {
    use ComplianceResult as C;
    vec![
        StatusMapping { status: Status::FullyImplemented, compliance_result: C::Compliant, note: t("exact", "præcis") },
        StatusMapping { status: Status::LargelyImplemented, compliance_result: C::PartiallyCompliant, note: t("CISO Assistant has no 'largely': the observation says 'Largely implemented.' and the score (the status score, 0-100) is higher than for partially implemented", "CISO Assistant har ikke 'i høj grad': bemærkningen siger 'I høj grad implementeret.', og scoren (statusscoren, 0-100) er højere end for delvis implementeret") },
        StatusMapping { status: Status::PartiallyImplemented, compliance_result: C::PartiallyCompliant, note: t("the score is the status score, 0-100", "scoren er statusscoren, 0-100") },
        StatusMapping { status: Status::NotImplemented, compliance_result: C::NonCompliant, note: t("exact", "præcis") },
        StatusMapping { status: Status::NotApplicable, compliance_result: C::NotApplicable, note: t("the justification goes into the observations; so does the reason a requirement is not in the requirement set", "begrundelsen står i bemærkningerne; det samme gør grunden til, at et krav ikke er i kravsættet") },
        StatusMapping { status: Status::NotAssessed, compliance_result: C::NotAssessed, note: t("exact; no score", "præcis; ingen score") },
    ]
}

/// CISO Assistant's results → our statuses (the import).
fn import_mapping() -> Vec<StatusMapping> {
    use ComplianceResult as C;
    vec![
        StatusMapping { status: Status::FullyImplemented, compliance_result: C::Compliant, note: t("exact", "præcis") },
        StatusMapping { status: Status::PartiallyImplemented, compliance_result: C::PartiallyCompliant, note: t("a result the document already had as largely or partially implemented keeps its status (CISO Assistant cannot tell them apart); otherwise partially implemented", "et resultat, som dokumentet allerede havde som i høj grad eller delvis implementeret, beholder sin status (CISO Assistant skelner ikke); ellers delvis implementeret") },
        StatusMapping { status: Status::NotImplemented, compliance_result: C::NonCompliant, note: t("exact", "præcis") },
        StatusMapping { status: Status::NotApplicable, compliance_result: C::NotApplicable, note: t("the observations are the justification (required)", "bemærkningerne er begrundelsen (påkrævet)") },
        StatusMapping { status: Status::NotAssessed, compliance_result: C::NotAssessed, note: t("exact", "præcis") },
    ]
}

fn to_result(s: Status) -> ComplianceResult {
    match s {
        Status::FullyImplemented => ComplianceResult::Compliant,
        Status::LargelyImplemented | Status::PartiallyImplemented => {
            ComplianceResult::PartiallyCompliant
        }
        Status::NotImplemented => ComplianceResult::NonCompliant,
        Status::NotApplicable => ComplianceResult::NotApplicable,
        Status::NotAssessed | Status::Invalid => ComplianceResult::NotAssessed,
    }
}

fn progress(s: Status) -> &'static str {
    match s {
        Status::FullyImplemented | Status::NotApplicable => "done",
        Status::LargelyImplemented | Status::PartiallyImplemented => "in_progress",
        Status::NotImplemented | Status::NotAssessed | Status::Invalid => "to_do",
    }
}

/// The scored frameworks of an evaluation, in order.
fn scored(reqs: &[RequirementScore]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for r in reqs {
        if !out.contains(&r.framework.as_ref()) {
            out.push(r.framework.as_ref());
        }
    }
    out
}

fn framework_of<'c>(cat: &'c Catalogs, path: &str, id: &str) -> Result<&'c Framework> {
    cat.framework(id).ok_or_else(|| {
        let ids: Vec<&str> = cat.frameworks.iter().map(|f| f.id.as_str()).collect();
        Error::unknown_choice(path, "framework", id, &ids)
    })
}

/// A node's URN in the table.
fn urn(fw: &Framework, node: &Node, shipped: bool) -> String {
    let (prefix, _) = crate::catalog::ciso::node_urn_prefix(fw, shipped);
    format!("{prefix}{}", crate::catalog::ciso::local(&node.id))
}

const COLUMNS: [&str; 9] = [
    "urn",
    "assessable",
    "ref_id",
    "name",
    "description",
    "compliance_result",
    "requirement_progress",
    "score",
    "observations",
];

/// `audit_export`.
/// The framework to export: the one named, or the only one scored.
fn pick<'c>(
    cat: &'c Catalogs,
    r: &AuditExportRequest,
    frameworks: &[&str],
) -> Result<&'c Framework> {
    let id = match (&r.framework, frameworks) {
        (Some(f), _) => f.clone(),
        (None, [only]) => (*only).to_owned(),
        (None, _) => {
            return Err(Error::invalid(
                "$.framework",
                format!(
                    "the assessment scores {} frameworks; name the one to export: {}",
                    frameworks.len(),
                    frameworks.join(", ")
                ),
            ))
        }
    };
    let fw = framework_of(cat, "$.framework", &id)?;
    if !frameworks.contains(&fw.id.as_str()) {
        return Err(Error::invalid(
            "$.framework",
            format!(
                "`{}` is not scored by this assessment; scored: {}",
                fw.id,
                if frameworks.is_empty() {
                    "none".to_owned()
                } else {
                    frameworks.join(", ")
                }
            ),
        ));
    }
    Ok(fw)
}

/// The rows of the table: every node of the framework, in display order.
fn table_rows(run: &super::Run<'_>, fw: &Framework, r: &AuditExportRequest) -> Vec<[String; 9]> {
    let reqs = &run.computed.eval.requirements;
    let lang = r.lang;
    let by_id: BTreeMap<&str, &RequirementScore> =
        reqs.iter().map(|s| (s.id.as_ref(), s)).collect();
    let excluded: BTreeMap<&str, &Text> = run
        .set
        .excluded
        .iter()
        .map(|x| (x.id.as_ref(), &x.reason))
        .collect();
    let mut rows: Vec<[String; 9]> = Vec::with_capacity(fw.nodes.len());
    for (node, ref_id) in fw.nodes.iter().zip(crate::catalog::ciso::ref_ids(fw)) {
        let assessable = node.kind == NodeKind::Requirement;
        let mut row = [
            urn(fw, node, r.ciso_assistant_frameworks),
            if assessable { "true" } else { "false" }.to_owned(),
            ref_id,
            lang.pick(&node.title).to_owned(),
            node.citation.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        if assessable {
            let (result, prog, score, obs) = if let Some(s) = by_id.get(node.id.as_str()) {
                (
                    to_result(s.status),
                    progress(s.status),
                    score_of(s),
                    observations(s, lang),
                )
            } else if let Some(reason) = excluded.get(node.id.as_str()) {
                (
                    ComplianceResult::NotApplicable,
                    "done",
                    String::new(),
                    format!(
                        "{} {}",
                        w(lang, "Not in the requirement set:", "Ikke i kravsættet:"),
                        lang.pick(reason)
                    ),
                )
            } else {
                (
                    ComplianceResult::NotAssessed,
                    "to_do",
                    String::new(),
                    String::new(),
                )
            };
            row[5] = result.as_str().to_owned();
            row[6] = prog.to_owned();
            row[7] = score;
            row[8] = obs;
        }
        rows.push(row);
    }
    rows
}

pub(crate) fn export(r: &AuditExportRequest, base: &str) -> Result<AuditTable> {
    let cat = catalogs()?;
    let run = super::run(&r.assessment, base)?;
    let fw = pick(cat, r, &scored(&run.computed.eval.requirements))?;
    let rows = table_rows(&run, fw, r);
    let assessable_rows = rows.iter().filter(|r| r[1] == "true").count();
    let stem = format!(
        "{}-{}-ciso-assistant-audit",
        super::report::slug(&r.assessment.name),
        fw.id
    );
    let (content, encoding, media_type, file_name) = match r.format {
        TableFormat::Csv => {
            let mut out = String::new();
            crate::catalog::export::csv_line(&mut out, &COLUMNS);
            for row in &rows {
                let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                crate::catalog::export::csv_line(&mut out, &cells);
            }
            (out, Encoding::Utf8, "text/csv", format!("{stem}.csv"))
        }
        TableFormat::Xlsx => (
            crate::view::render::base64(&xlsx(
                &COLUMNS,
                &rows,
                &r.assessment.assessment_date,
                base,
            )?),
            Encoding::Base64,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            format!("{stem}.xlsx"),
        ),
    };
    Ok(AuditTable {
        framework: Cow::Owned(fw.id.clone()),
        format: r.format,
        media_type: Cow::Borrowed(media_type),
        file_name,
        encoding,
        status_mapping: export_mapping(),
        rows: rows.len(),
        assessable_rows,
        content,
    })
}

/// The status score in the worst case, 0–100, for an assessed status.
fn score_of(s: &RequirementScore) -> String {
    match s.status {
        Status::NotAssessed | Status::NotApplicable | Status::Invalid => String::new(),
        _ => s
            .status_score
            .as_ref()
            .map(|i| format!("{}", (i.low * 100.0).round() as i64))
            .unwrap_or_default(),
    }
}

fn observations(s: &RequirementScore, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if s.status == Status::LargelyImplemented {
        parts.push(w(lang, "Largely implemented.", "I høj grad implementeret.").to_owned());
    }
    if let Some(j) = &s.justification {
        parts.push(j.clone());
    }
    if let Some(n) = &s.notes {
        parts.push(n.clone());
    }
    if !s.evidence.is_empty() {
        parts.push(format!(
            "{} {}",
            w(lang, "Evidence:", "Dokumentation:"),
            s.evidence.join("; ")
        ));
    }
    if let Some(inf) = &s.inferred {
        let from: Vec<String> = inf
            .sources
            .iter()
            .map(|src| format!("{} ({})", src.requirement, src.status.as_str()))
            .collect();
        parts.push(format!(
            "{} {}",
            w(lang, "Inferred from", "Afledt af"),
            from.join(", ")
        ));
    }
    parts.join(" ")
}

#[cfg(feature = "xlsx")]
fn xlsx(header: &[&str], rows: &[[String; 9]], date: &str, base: &str) -> Result<Vec<u8>> {
    super::xlsx::check_date(date, base)?;
    super::xlsx::table(header, rows, date)
}

#[cfg(not(feature = "xlsx"))]
fn xlsx(_header: &[&str], _rows: &[[String; 9]], _date: &str, _base: &str) -> Result<Vec<u8>> {
    Err(Error::invalid(
        "$.format",
        "this build of nis2 has no XLSX support (cargo feature `xlsx`); use csv",
    ))
}

// --- import --------------------------------------------------------------------------------

/// Read CSV text (RFC 4180; `,` or, when the header has none, `;`) into rows of cells.
/// A byte-order mark at the start is skipped (spreadsheet programs write one).
fn parse_csv(text: &str) -> std::result::Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if !first.contains(',') && first.contains(';') {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '"' => {
                return Err(format!(
                    "line {line}: a quote inside an unquoted cell (quote the whole cell and double the quote)"
                ))
            }
            c if c == sep => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
                line += 1;
            }
            c => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err(format!("line {line}: a quoted cell is not closed"));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    // Trailing blank lines carry nothing (blank rows inside are skipped, keeping row numbers).
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.iter().all(|c| c.trim().is_empty()))
    {
        rows.pop();
    }
    Ok(rows)
}

const ACCEPTED: [&str; 11] = [
    "urn",
    "assessable",
    "ref_id",
    "name",
    "description",
    "compliance_result",
    "requirement_progress",
    "score",
    "implementation_score",
    "documentation_score",
    "observations",
];

fn cell_error(row: usize, column: &str, message: impl std::fmt::Display) -> Error {
    Error::invalid(
        "$.content",
        format!("row {row}, column `{column}`: {message}"),
    )
}

/// The columns of the header row (row 1): each known column once, the required ones present.
fn columns(header: &[String]) -> Result<BTreeMap<&'static str, usize>> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut errors = Vec::new();
    let mut col: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        match ACCEPTED.iter().find(|a| **a == n.as_str()) {
            Some(a) => {
                if col.insert(a, i).is_some() {
                    errors.push(cell_error(1, n, "the column appears twice"));
                }
            }
            None => errors.push(cell_error(
                1,
                n,
                format!("unknown column; accepted: {}", ACCEPTED.join(", ")),
            )),
        }
    }
    for required in ["urn", "ref_id", "compliance_result"] {
        if !col.contains_key(required) {
            errors.push(Error::invalid(
                "$.content",
                format!("row 1: the column `{required}` is missing (required: urn, ref_id, compliance_result)"),
            ));
        }
    }
    Error::from_list(errors)?;
    Ok(col)
}
/// Reads the rows of an audit table against a framework and the document as it stands.
struct Reader<'a> {
    fw: &'a Framework,
    col: BTreeMap<&'static str, usize>,
    by_ref: BTreeMap<String, &'a Node>,
    by_urn: BTreeMap<String, &'a Node>,
    /// The document's evaluation: a row that says what it already says is left alone (so a
    /// table exported and imported again changes nothing).
    now: BTreeMap<&'a str, &'a RequirementScore>,
    /// The nodes outside the requirement set.
    outside: std::collections::BTreeSet<&'a str>,
    /// The document's own results.
    results: &'a [RequirementResult],
    errors: Vec<Error>,
    skipped: Vec<SkippedRow>,
    seen: BTreeMap<&'a str, usize>,
    found: Vec<(usize, &'a Node, ComplianceResult, String)>,
}

impl<'a> Reader<'a> {
    fn get(&self, row: &[String], name: &str) -> String {
        self.col
            .get(name)
            .and_then(|&i| row.get(i))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    }

    /// Read data row `n` (the header is row 1).
    fn row(&mut self, n: usize, row: &[String]) {
        let ref_id = self.get(row, "ref_id");
        let u = self.get(row, "urn").to_lowercase();
        let node = self
            .by_ref
            .get(ref_id.as_str())
            .copied()
            .or_else(|| self.by_urn.get(&u).copied());
        let Some(node) = node else {
            self.errors.push(cell_error(
                n,
                "ref_id",
                format!(
                    "no node of `{}` has ref_id `{ref_id}` or urn `{u}`",
                    self.fw.id
                ),
            ));
            return;
        };
        let assessable = self.get(row, "assessable").to_lowercase();
        if node.kind != NodeKind::Requirement || matches!(assessable.as_str(), "false" | "no" | "0")
        {
            self.skipped.push(SkippedRow {
                row: n,
                ref_id,
                reason: t("not assessable", "kan ikke vurderes"),
            });
            return;
        }
        if let Some(first) = self.seen.insert(node.id.as_str(), n) {
            self.errors.push(cell_error(
                n,
                "ref_id",
                format!("`{}` is assessed twice (rows {first} and {n})", node.id),
            ));
            return;
        }
        let value = self.get(row, "compliance_result").to_lowercase();
        if value.is_empty() {
            self.skipped.push(SkippedRow {
                row: n,
                ref_id,
                reason: t("no compliance_result", "intet compliance_result"),
            });
            return;
        }
        let Some((_, result)) = ComplianceResult::ALL.iter().find(|(s, _)| *s == value) else {
            self.errors.push(cell_error(
                    n,
                    "compliance_result",
                    format!(
                        "`{value}` is not accepted; accepted: not_assessed, partially_compliant, non_compliant, compliant, not_applicable"
                    ),
                ));
            return;
        };
        let prog = self.get(row, "requirement_progress").to_lowercase();
        if !prog.is_empty()
            && !["to_do", "in_progress", "in_review", "done"].contains(&prog.as_str())
        {
            self.errors.push(cell_error(
                n,
                "requirement_progress",
                format!("`{prog}` is not accepted; accepted: to_do, in_progress, in_review, done"),
            ));
        }
        let scores = self.scores(n, row);
        let obs = self.get(row, "observations");
        if *result == ComplianceResult::NotApplicable && obs.is_empty() {
            self.errors.push(cell_error(
                n,
                "observations",
                "a not_applicable result needs a justification in `observations`",
            ));
            return;
        }
        if let Some(reason) = self.unchanged(node, *result, &obs) {
            self.skipped.push(SkippedRow {
                row: n,
                ref_id,
                reason,
            });
            return;
        }
        let note = import_note(&value, &prog, &scores, *result, &obs);
        self.found.push((
            n,
            node,
            *result,
            if *result == ComplianceResult::NotApplicable {
                obs
            } else {
                note
            },
        ));
    }

    /// The scores of a row (each a whole number 0–100), as words for the notes.
    fn scores(&mut self, n: usize, row: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for c in ["score", "implementation_score", "documentation_score"] {
            let v = self.get(row, c);
            if v.is_empty() {
                continue;
            }
            match v.parse::<u32>() {
                Ok(x) if x <= 100 => out.push(format!("{c} {x}")),
                _ => self.errors.push(cell_error(
                    n,
                    c,
                    format!("`{v}` is not a whole number from 0 to 100"),
                )),
            }
        }
        out
    }

    /// Why a row changes nothing, if it does not: it says what the document already says.
    fn unchanged(&self, node: &Node, result: ComplianceResult, obs: &str) -> Option<Text> {
        let has_result = self.results.iter().any(|x| x.requirement == node.id);
        if let Some(cur) = self.now.get(node.id.as_str()) {
            let same_words = obs.is_empty()
                || obs == observations(cur, Lang::En)
                || obs == observations(cur, Lang::Da);
            (to_result(cur.status) == result && same_words).then(|| {
                t(
                    "unchanged: the document already says this",
                    "uændret: dokumentet siger allerede dette",
                )
            })
        } else if has_result {
            None
        } else if result == ComplianceResult::NotApplicable
            && self.outside.contains(node.id.as_str())
        {
            Some(t(
                "unchanged: not in the requirement set",
                "uændret: ikke i kravsættet",
            ))
        } else if result == ComplianceResult::NotAssessed {
            Some(t(
                "not assessed, and the document has no result to replace",
                "ikke vurderet, og dokumentet har intet resultat at erstatte",
            ))
        } else {
            None
        }
    }
}

/// The note an imported result carries: what the table said.
fn import_note(
    value: &str,
    prog: &str,
    scores: &[String],
    result: ComplianceResult,
    obs: &str,
) -> String {
    let mut note = format!("CISO Assistant: {value}");
    if !prog.is_empty() {
        note.push_str(&format!(", progress {prog}"));
    }
    if !scores.is_empty() {
        note.push_str(&format!(", {}", scores.join(", ")));
    }
    note.push('.');
    if result != ComplianceResult::NotApplicable && !obs.is_empty() {
        note.push(' ');
        note.push_str(obs);
    }
    note
}

/// Put the rows' results into the document; how many, and how many replaced one.
fn apply(
    doc: &mut AssessmentDocument,
    found: Vec<(usize, &Node, ComplianceResult, String)>,
) -> (usize, usize) {
    let mut imported = 0;
    let mut replaced = 0;
    for (_, node, result, text) in found {
        let existing = doc.results.iter().position(|x| x.requirement == node.id);
        let old = existing.and_then(|i| doc.results.get(i)).map(|x| x.status);
        let status = match result {
            ComplianceResult::Compliant => Status::FullyImplemented,
            ComplianceResult::PartiallyCompliant => match old {
                Some(s @ (Status::LargelyImplemented | Status::PartiallyImplemented)) => s,
                _ => Status::PartiallyImplemented,
            },
            ComplianceResult::NonCompliant => Status::NotImplemented,
            ComplianceResult::NotApplicable => Status::NotApplicable,
            ComplianceResult::NotAssessed => Status::NotAssessed,
        };
        let (justification, notes) = if status == Status::NotApplicable {
            (Some(text), None)
        } else {
            (None, Some(text))
        };
        imported += 1;
        match existing.and_then(|i| doc.results.get_mut(i)) {
            Some(x) => {
                replaced += 1;
                x.status = status;
                x.justification = justification;
                x.notes = notes;
            }
            None => doc.results.push(RequirementResult {
                justification,
                notes,
                ..RequirementResult::new(node.id.as_str(), status)
            }),
        }
    }
    (imported, replaced)
}

/// `audit_import`.
pub(crate) fn import(r: AuditImportRequest, base: &str) -> Result<AuditImport> {
    let cat = catalogs()?;
    let fw = framework_of(cat, "$.framework", &r.framework)?;
    let (table, sheet) = match r.format {
        TableFormat::Csv => (
            parse_csv(&r.content).map_err(|m| Error::invalid("$.content", m))?,
            None,
        ),
        TableFormat::Xlsx => {
            let (rows, name) = read_xlsx(&r.content)?;
            (rows, Some(name))
        }
    };
    read_table(r, base, fw, &table).map_err(|e| match &sheet {
        Some(name) => on_sheet(e, name),
        None => e,
    })
}

/// Name the sheet in each problem of an XLSX table.
fn on_sheet(e: Error, sheet: &str) -> Error {
    match e {
        Error::InvalidInput { path, message } if path == "$.content" => Error::InvalidInput {
            path,
            message: format!("sheet `{sheet}`, {message}"),
        },
        Error::Multiple(list) => {
            Error::Multiple(list.into_iter().map(|x| on_sheet(x, sheet)).collect())
        }
        other => other,
    }
}

/// Read the rows of a table into results.
fn read_table(
    r: AuditImportRequest,
    base: &str,
    fw: &Framework,
    table: &[Vec<String>],
) -> Result<AuditImport> {
    let Some((header, body)) = table.split_first() else {
        return Err(Error::invalid(
            "$.content",
            "the table is empty; expected a header row with `urn`, `ref_id` and `compliance_result`",
        ));
    };
    if body.len() > crate::limits::MAX_ITEMS {
        return Err(Error::limit(
            "$.content",
            crate::limits::Limit::Items,
            crate::limits::too_many("rows"),
        ));
    }
    let col = columns(header)?;
    let by_ref: BTreeMap<String, &Node> = crate::catalog::ciso::ref_ids(fw)
        .into_iter()
        .zip(&fw.nodes)
        .collect();
    let by_urn: BTreeMap<String, &Node> = fw
        .nodes
        .iter()
        .flat_map(|n| [(urn(fw, n, false), n), (urn(fw, n, true), n)])
        .collect();
    let current = super::run(&r.assessment, base)?;
    let mut reader = Reader {
        fw,
        col,
        by_ref,
        by_urn,
        now: current
            .computed
            .eval
            .requirements
            .iter()
            .map(|s| (s.id.as_ref(), s))
            .collect(),
        outside: current.set.excluded.iter().map(|x| x.id.as_ref()).collect(),
        results: &r.assessment.results,
        errors: Vec::new(),
        skipped: Vec::new(),
        seen: BTreeMap::new(),
        found: Vec::new(),
    };
    let mut read = 0;
    for (k, row) in body.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        read += 1;
        reader.row(k + 2, row);
    }
    let Reader {
        errors,
        skipped,
        found,
        ..
    } = reader;
    Error::from_list(errors)?;
    let mut doc = (*r.assessment).clone();
    let (imported, replaced) = apply(&mut doc, found);
    // The document must still be valid (it is: the statuses and texts come from the table).
    super::run(&doc, base)?;
    Ok(AuditImport {
        framework: Cow::Owned(fw.id.clone()),
        results: doc.results,
        status_mapping: import_mapping(),
        rows: read,
        imported,
        replaced,
        skipped,
    })
}

/// The first sheet of an XLSX workbook (base64) as rows of text, and the sheet's name. The
/// header must be on row 1; a merged cell, a formula or an error value is an error naming the
/// cell, never a guess.
#[cfg(feature = "xlsx")]
fn read_xlsx(content: &str) -> Result<(Vec<Vec<String>>, String)> {
    let mut book = super::xlsx_in::open(content)?;
    let Some(name) = book.names.first().cloned() else {
        return Err(Error::invalid("$.content", "the workbook has no sheet"));
    };
    let rows = book.rows(&name, super::xlsx_in::Dates::Reject)?;
    if rows.first().is_some_and(|r| r.iter().all(String::is_empty)) {
        return Err(Error::invalid(
            "$.content",
            format!("sheet `{name}`, row 1: the header must be on row 1"),
        ));
    }
    Ok((rows, name))
}

#[cfg(not(feature = "xlsx"))]
fn read_xlsx(_content: &str) -> Result<(Vec<Vec<String>>, String)> {
    Err(Error::invalid(
        "$.format",
        "this build of nis2 has no XLSX support (cargo feature `xlsx`); use csv",
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_csv;

    #[test]
    fn csv_reads_quotes_crlf_semicolons_and_a_bom() {
        let rows = parse_csv("\u{feff}a,b\r\n\"x, \"\"y\"\"\",2\r\n\r\n").unwrap_or_default();
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x, \"y\"", "2"]]);
        let rows = parse_csv("a;b\n1;2").unwrap_or_default();
        assert_eq!(rows, vec![vec!["a", "b"], vec!["1", "2"]]);
        assert!(parse_csv("a\n\"open").is_err());
        assert!(parse_csv("a\nx\"y").is_err());
    }
}
