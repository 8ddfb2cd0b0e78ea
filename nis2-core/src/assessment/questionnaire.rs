//! The Excel questionnaire round trip: `questionnaire` writes a fillable workbook for an
//! organisation's scope (one row per requirement that binds it, with its citation, short text,
//! why it binds and the ISO/IEC 27001 and D-mærket evidence hints; drop-down lists for status
//! and maturity; columns for justification, weight, effort, evidence, owner, due date, source
//! and comment; an instructions sheet; English or Danish), and `questionnaire_import` reads the
//! filled-in workbook back into the assessment document.
//!
//! The workbook keeps the assessment it was written from (on the hidden sheet `nis2`), so that
//! the import needs nothing else; a request may give the document to import into instead.
//! Rows are matched by requirement id, so they may be sorted, filtered and reordered. A cell
//! that still says what the template wrote keeps the document's value exactly as it was (so
//! an unchanged workbook gives the same document back, byte for byte); a changed cell is read
//! strictly, and a bad one is a typed error naming the sheet, the row, the column and the
//! accepted values. Nothing is half-imported: any error, and no document comes back. Every
//! row is accounted for: the response lists the results added, changed and removed, and the
//! requirements that have no row.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::data::{catalogs, Catalogs};
use crate::catalog::model::{NodeKind, Relationship};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::text::{Str, Text};

use super::model::{AssessmentDocument, RequirementResult, Scale, Status};
use super::report::Encoding;

/// The format of a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionnaireFormat {
    /// An XLSX workbook (base64).
    Xlsx,
}

/// `{"op": "questionnaire", "assessment": …, "format": "xlsx", "lang": "da"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRequest {
    /// The assessment: its scope (or frameworks) selects the rows; its results fill them in
    /// (a new assessment has `"results": []`).
    pub assessment: Box<AssessmentDocument>,
    /// `xlsx` (base64 in the response).
    pub format: QuestionnaireFormat,
    /// The language of the workbook (default `en`).
    #[serde(default)]
    pub lang: Lang,
}

/// `{"op": "questionnaire_import", "format": "xlsx", "content": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireImportRequest {
    /// `xlsx`.
    pub format: QuestionnaireFormat,
    /// The filled-in workbook, in base64.
    pub content: String,
    /// The document to import into, instead of the one the workbook keeps.
    #[serde(default)]
    pub assessment: Option<Box<AssessmentDocument>>,
}

/// The workbook (the response of `questionnaire`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Questionnaire {
    /// The format.
    pub format: QuestionnaireFormat,
    /// The language.
    pub lang: Lang,
    /// The media type.
    pub media_type: Str,
    /// A suggested file name.
    pub file_name: String,
    /// `base64`.
    pub encoding: Encoding,
    /// Rows: the requirements that bind, then the document's other results.
    pub rows: usize,
    /// Of those, the requirements of the requirement set.
    pub requirements: usize,
    /// The workbook.
    pub content: String,
}

/// The response of `questionnaire_import`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionnaireImport {
    /// The assessment document with the workbook's answers: every field but `results` as it
    /// was; each result kept in place (changed where the workbook changes it), new results
    /// after them in the order of the rows.
    pub assessment: AssessmentDocument,
    /// The language the workbook was written in.
    pub lang: Lang,
    /// Data rows read (blank rows are not counted).
    pub rows: usize,
    /// Rows that say what the document already said.
    pub unchanged: usize,
    /// Requirements that got a result.
    pub added: Vec<String>,
    /// Requirements whose result changed.
    pub changed: Vec<String>,
    /// Requirements whose row was emptied: their result is removed.
    pub removed: Vec<String>,
    /// Requirements of the requirement set, and results of the document, with no row in the
    /// workbook: kept as they were.
    pub not_in_workbook: Vec<String>,
}

/// The verdict of `questionnaire_import`: what the workbook changes, without the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct QuestionnaireImportVerdict {
    /// The language the workbook was written in.
    pub lang: Lang,
    /// Data rows read.
    pub rows: usize,
    /// Rows that say what the document already said.
    pub unchanged: usize,
    /// Requirements that got a result.
    pub added: Vec<String>,
    /// Requirements whose result changed.
    pub changed: Vec<String>,
    /// Requirements whose result is removed.
    pub removed: Vec<String>,
    /// Requirements and results with no row in the workbook (kept as they were).
    pub not_in_workbook: Vec<String>,
}

impl QuestionnaireImport {
    /// The verdict: the same accounting, without the document.
    pub fn verdict(self) -> QuestionnaireImportVerdict {
        QuestionnaireImportVerdict {
            lang: self.lang,
            rows: self.rows,
            unchanged: self.unchanged,
            added: self.added,
            changed: self.changed,
            removed: self.removed,
            not_in_workbook: self.not_in_workbook,
        }
    }
}

/// The `questionnaire_import` operation: its verdict leaves the document out.
pub(crate) struct ImportOp;

impl crate::api::registry::Handler for ImportOp {
    fn run(
        &self,
        request: serde_json::Value,
        detail: crate::api::Detail,
    ) -> Result<crate::api::Body> {
        let r: QuestionnaireImportRequest = crate::json::typed(&request)?;
        answer(r, detail)
    }

    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (serde_json::Value, serde_json::Value) {
        (
            crate::schema::gen::<QuestionnaireImportRequest>(),
            crate::schema::gen::<QuestionnaireImport>(),
        )
    }

    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<serde_json::Value> {
        Some(crate::schema::gen::<QuestionnaireImportVerdict>())
    }
}

#[cfg(feature = "xlsx")]
fn answer(r: QuestionnaireImportRequest, detail: crate::api::Detail) -> Result<crate::api::Body> {
    let out = import(r)?;
    Ok(match detail {
        crate::api::Detail::Explained => crate::api::Body::typed(out),
        crate::api::Detail::Verdict => crate::api::Body::typed(out.verdict()),
    })
}

/// Without the XLSX reader the request is checked, then answered with the typed error (the
/// document is never written back, so its writer stays out of the WebAssembly packages).
#[cfg(not(feature = "xlsx"))]
fn answer(_r: QuestionnaireImportRequest, _detail: crate::api::Detail) -> Result<crate::api::Body> {
    Err(no_xlsx())
}

/// A column of the questionnaire: its field (the machine name, also accepted as a header),
/// its header in English and Danish, whether the organisation fills it in, and its width.
pub(crate) struct QCol {
    pub(crate) field: &'static str,
    pub(crate) en: &'static str,
    pub(crate) da: &'static str,
    pub(crate) editable: bool,
    pub(crate) width: u16,
}

const fn qc(
    field: &'static str,
    en: &'static str,
    da: &'static str,
    editable: bool,
    width: u16,
) -> QCol {
    QCol {
        field,
        en,
        da,
        editable,
        width,
    }
}

/// The columns, in order. The first six describe the requirement; the others are answers.
pub(crate) const COLUMNS: [QCol; 18] = [
    qc("requirement", "Requirement id", "Krav-id", false, 16),
    qc("framework", "Framework", "Rammeværk", false, 14),
    qc("citation", "Citation", "Henvisning", false, 22),
    qc("title", "Short text", "Kort tekst", false, 40),
    qc("reason", "Why it applies", "Hvorfor det gælder", false, 30),
    qc(
        "hints",
        "Evidence hints (ISO/IEC 27001, D-mærket)",
        "Hint til dokumentation (ISO/IEC 27001, D-mærket)",
        false,
        28,
    ),
    qc("status", "Status", "Status", true, 22),
    qc(
        "justification",
        "Justification (if not applicable)",
        "Begrundelse (hvis ikke relevant)",
        true,
        28,
    ),
    qc(
        "implementation_maturity",
        "Implementation maturity",
        "Implementeringsmodenhed",
        true,
        20,
    ),
    qc(
        "documentation_maturity",
        "Documentation maturity",
        "Dokumentationsmodenhed",
        true,
        20,
    ),
    qc(
        "target_maturity",
        "Target maturity",
        "Målmodenhed",
        true,
        20,
    ),
    qc("weight", "Weight (1-100)", "Vægt (1-100)", true, 10),
    qc("effort", "Effort (1-5)", "Indsats (1-5)", true, 10),
    qc(
        "evidence",
        "Evidence (one per line)",
        "Dokumentation (én pr. linje)",
        true,
        30,
    ),
    qc("owner", "Owner", "Ansvarlig", true, 16),
    qc(
        "due_date",
        "Due date (YYYY-MM-DD)",
        "Frist (ÅÅÅÅ-MM-DD)",
        true,
        14,
    ),
    qc("source", "Source", "Kilde", true, 12),
    qc("notes", "Comment", "Kommentar", true, 40),
];

/// The editable fields, in column order.
pub(crate) const FIELDS: [&str; 12] = [
    "status",
    "justification",
    "implementation_maturity",
    "documentation_maturity",
    "target_maturity",
    "weight",
    "effort",
    "evidence",
    "owner",
    "due_date",
    "source",
    "notes",
];

/// The sheet names.
pub(crate) const SHEET_QUESTIONS: (&str, &str) = ("Questionnaire", "Spørgeskema");
pub(crate) const SHEET_INSTRUCTIONS: (&str, &str) = ("Instructions", "Vejledning");
pub(crate) const SHEET_LISTS: (&str, &str) = ("Lists", "Lister");
/// The hidden sheet that keeps the document.
pub(crate) const SHEET_META: &str = "nis2";
/// The marker in cell A1 of the hidden sheet, and the version in B1.
pub(crate) const MARKER: &str = "nis2-questionnaire";
pub(crate) const VERSION: &str = "1";
/// The longest text an Excel cell holds (the document is split into parts this long).
pub(crate) const CELL_CHARS: usize = 32_000;

/// The statuses, in the order of the drop-down list.
pub(crate) const STATUSES: [Status; 6] = [
    Status::NotAssessed,
    Status::NotApplicable,
    Status::NotImplemented,
    Status::PartiallyImplemented,
    Status::LargelyImplemented,
    Status::FullyImplemented,
];

/// One row of the template: the requirement's description and the document's answers.
pub(crate) struct TemplateRow {
    pub(crate) info: [String; 6],
    pub(crate) answers: [String; 12],
}

/// A maturity level as the drop-down list writes it: `3 – Defined`.
pub(crate) fn level_text(v: i64, scale: &Scale, lang: Lang) -> String {
    match scale.levels.iter().find(|l| l.value == v) {
        Some(l) => format!("{v} – {}", lang.pick(&l.name)),
        None => v.to_string(),
    }
}

/// The answers of a result as the template writes them (empty cells for no result).
pub(crate) fn answers(r: Option<&RequirementResult>, scale: &Scale, lang: Lang) -> [String; 12] {
    let Some(r) = r else {
        return Default::default();
    };
    let level = |v: Option<i64>| v.map(|v| level_text(v, scale, lang)).unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        lang.pick(&r.status.text()).to_owned(),
        text(&r.justification),
        level(r.implementation_maturity),
        level(r.documentation_maturity),
        level(r.target_maturity),
        r.weight.map(|x| x.to_string()).unwrap_or_default(),
        r.effort.map(|x| x.to_string()).unwrap_or_default(),
        r.evidence
            .as_ref()
            .map(|e| e.join("\n"))
            .unwrap_or_default(),
        text(&r.owner),
        text(&r.due_date),
        text(&r.source),
        text(&r.notes),
    ]
}

/// The ISO/IEC 27001 controls and D-mærket criteria mapped to a requirement (both ways, every
/// relationship but "no relationship"), by citation, in catalog order.
pub(crate) fn hints(cat: &Catalogs, id: &str, own: &str) -> String {
    const HINTED: [&str; 2] = ["iso27001-2022", "dmaerket"];
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for (mi, m) in cat.mappings.iter().enumerate() {
        let related = |e: &&crate::catalog::model::MappingEntry| {
            e.relationship != Relationship::NoRelationship
        };
        if m.to != own && HINTED.contains(&m.to.as_str()) {
            found.extend(
                cat.entries_from(mi, id)
                    .filter(related)
                    .map(|e| e.to.as_str()),
            );
        }
        if m.from != own && HINTED.contains(&m.from.as_str()) {
            found.extend(
                cat.entries_to(mi, id)
                    .filter(related)
                    .map(|e| e.from.as_str()),
            );
        }
    }
    let mut list: Vec<&str> = cat
        .node_ids()
        .filter(|n| found.contains(n))
        .filter_map(|n| cat.node(n).map(|(_, node)| node.citation.as_str()))
        .collect();
    list.dedup();
    list.join("; ")
}

/// The rows of the template: the requirement set in catalog order, then the document's other
/// results in document order.
pub(crate) fn template_rows(
    run: &super::Run<'_>,
    scale: &Scale,
    lang: Lang,
) -> Result<Vec<TemplateRow>> {
    let cat = catalogs()?;
    let doc = run.doc;
    let by_id: BTreeMap<&str, &RequirementResult> = doc
        .results
        .iter()
        .map(|r| (r.requirement.as_str(), r))
        .collect();
    let excluded: BTreeMap<&str, &Text> = run
        .set
        .excluded
        .iter()
        .map(|x| (x.id.as_ref(), &x.reason))
        .collect();
    let mut rows = Vec::with_capacity(run.set.requirements.len() + doc.results.len());
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    for item in &run.set.requirements {
        listed.insert(item.id.as_ref());
        rows.push(TemplateRow {
            info: [
                item.id.to_string(),
                item.framework.to_string(),
                item.citation.to_string(),
                lang.pick(&item.title).to_owned(),
                lang.pick(&item.reason).to_owned(),
                hints(cat, &item.id, &item.framework),
            ],
            answers: answers(by_id.get(item.id.as_ref()).copied(), scale, lang),
        });
    }
    for r in &doc.results {
        if listed.contains(r.requirement.as_str()) {
            continue;
        }
        let Some((fw, node)) = cat.node(&r.requirement) else {
            continue;
        };
        let reason = match excluded.get(r.requirement.as_str()) {
            Some(t) => format!("{} {}", lang.w("Not in the requirement set:", "Ikke i kravsættet:"), lang.pick(t)),
            None => lang
                .w(
                    "Not in the requirement set: a result of another framework, used to infer coverage through the mappings.",
                    "Ikke i kravsættet: et resultat fra et andet rammeværk, der bruges til at udlede dækning gennem mappingerne.",
                )
                .to_owned(),
        };
        rows.push(TemplateRow {
            info: [
                node.id.clone(),
                fw.id.clone(),
                node.citation.clone(),
                lang.pick(&node.title).to_owned(),
                reason,
                hints(cat, &node.id, &fw.id),
            ],
            answers: answers(Some(r), scale, lang),
        });
    }
    Ok(rows)
}

/// The scale the document uses (it is valid: `run` checked it).
fn scale_of(doc: &AssessmentDocument, base: &str) -> Result<Scale> {
    let mut errors = Vec::new();
    let s =
        super::validate::resolve_scale(doc.scale.as_ref(), &format!("{base}.scale"), &mut errors)
            .cloned();
    Error::from_list(errors)?;
    s.ok_or_else(|| Error::invalid(format!("{base}.scale"), "no scale"))
}

/// `questionnaire`.
pub(crate) fn template(r: &QuestionnaireRequest, base: &str) -> Result<Questionnaire> {
    let run = super::run(&r.assessment, base)?;
    build(r, &run, base)
}

/// Without the XLSX writer the document is checked, then the request is answered with the
/// typed error.
#[cfg(not(feature = "xlsx"))]
fn build(_r: &QuestionnaireRequest, _run: &super::Run<'_>, _base: &str) -> Result<Questionnaire> {
    Err(no_xlsx())
}

#[cfg(feature = "xlsx")]
fn build(r: &QuestionnaireRequest, run: &super::Run<'_>, base: &str) -> Result<Questionnaire> {
    let scale = scale_of(&r.assessment, base)?;
    super::xlsx::check_date(&r.assessment.assessment_date, base)?;
    let rows = template_rows(run, &scale, r.lang)?;
    let requirements = run.set.requirements.len();
    let bytes = super::questionnaire_xlsx::workbook(run, &scale, &rows, r.lang)?;
    Ok(Questionnaire {
        format: r.format,
        lang: r.lang,
        media_type: std::borrow::Cow::Borrowed(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        file_name: format!(
            "{}-{}.xlsx",
            super::report::slug(&r.assessment.name),
            r.lang.w("questionnaire", "spoergeskema")
        ),
        encoding: Encoding::Base64,
        rows: rows.len(),
        requirements,
        content: crate::view::render::base64(&bytes),
    })
}

#[cfg(not(feature = "xlsx"))]
fn no_xlsx() -> Error {
    Error::invalid(
        "$.format",
        "this build of nis2 has no XLSX support (cargo feature `xlsx`); use the CLI or the Python package",
    )
}

// --- import --------------------------------------------------------------------------------

/// A filled-in workbook, read: the sheets the import needs, as text.
pub(crate) struct Filled {
    /// The questionnaire sheet's name and rows (the header is row 1).
    pub(crate) sheet: String,
    pub(crate) rows: Vec<Vec<String>>,
    /// The language it was written in.
    pub(crate) lang: Lang,
    /// The document it keeps (JSON).
    pub(crate) document: String,
}

/// `questionnaire_import`.
pub(crate) fn import(r: QuestionnaireImportRequest) -> Result<QuestionnaireImport> {
    let filled = read_workbook(&r.content)?;
    let base: AssessmentDocument = match r.assessment {
        Some(doc) => {
            super::run(&doc, "$.assessment")?;
            *doc
        }
        None => {
            let doc: AssessmentDocument =
                crate::json::from_str(&filled.document, "the document").map_err(|e| damaged(&e))?;
            super::run(&doc, "$").map_err(|e| damaged(&e))?;
            doc
        }
    };
    let scale = scale_of(&base, "$.assessment")?;
    let sheet = filled.sheet.clone();
    read_rows(&filled, base, &scale).map_err(|e| on_sheet(e, &sheet))
}

fn damaged(e: &Error) -> Error {
    Error::invalid(
        "$.content",
        format!("sheet `{SHEET_META}`: the assessment the workbook keeps is damaged ({e}); give the document to import into in `assessment`"),
    )
}

/// Name the sheet in each problem with a row.
fn on_sheet(e: Error, sheet: &str) -> Error {
    match e {
        Error::InvalidInput { path, message }
            if path == "$.content" && message.starts_with("row ") =>
        {
            Error::InvalidInput {
                path,
                message: format!("sheet `{sheet}`, {message}"),
            }
        }
        Error::Multiple(list) => {
            Error::Multiple(list.into_iter().map(|x| on_sheet(x, sheet)).collect())
        }
        other => other,
    }
}

fn cell_error(row: usize, col: &QCol, lang: Lang, message: impl std::fmt::Display) -> Error {
    Error::invalid(
        "$.content",
        format!("row {row}, column `{}`: {message}", lang.w(col.en, col.da)),
    )
}

/// The column of a field.
fn column(field: &str) -> &'static QCol {
    const NONE: QCol = qc("", "", "", false, 0);
    COLUMNS.iter().find(|c| c.field == field).unwrap_or(&NONE)
}

/// The columns of the header row: field → index. Headers are matched in either language or by
/// the field name; an unknown header is an error listing the accepted ones.
fn header_columns(header: &[String], lang: Lang) -> Result<BTreeMap<&'static str, usize>> {
    let mut errors = Vec::new();
    let mut out: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        let low = h.to_lowercase();
        let hit = COLUMNS.iter().find(|c| {
            [c.field, c.en, c.da]
                .iter()
                .any(|x| x.to_lowercase() == low)
        });
        match hit {
            Some(c) => {
                if out.insert(c.field, i).is_some() {
                    errors.push(Error::invalid(
                        "$.content",
                        format!("row 1, column `{h}`: the column appears twice"),
                    ));
                }
            }
            None => {
                let accepted: Vec<&str> = COLUMNS.iter().map(|c| lang.w(c.en, c.da)).collect();
                errors.push(Error::invalid(
                    "$.content",
                    format!(
                        "row 1, column `{h}`: unknown column; accepted: {}",
                        accepted.join(", ")
                    ),
                ));
            }
        }
    }
    for required in ["requirement", "status"] {
        if !out.contains_key(required) {
            let c = column(required);
            errors.push(Error::invalid(
                "$.content",
                format!(
                    "row 1: the column `{}` is missing (required: {}, {})",
                    lang.w(c.en, c.da),
                    lang.w(column("requirement").en, column("requirement").da),
                    lang.w(column("status").en, column("status").da)
                ),
            ));
        }
    }
    Error::from_list(errors)?;
    Ok(out)
}

/// Reads the rows of a questionnaire into the document.
struct RowReader<'a> {
    cat: &'static Catalogs,
    scale: &'a Scale,
    lang: Lang,
    cols: BTreeMap<&'static str, usize>,
    sources: Vec<&'a str>,
    old: BTreeMap<&'a str, &'a RequirementResult>,
    errors: Vec<Error>,
    seen: BTreeMap<String, usize>,
    /// (row, requirement, the new result or none when the row is emptied).
    found: Vec<(usize, String, Option<RequirementResult>)>,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r [String], field: &str) -> Option<&'r str> {
        self.cols
            .get(field)
            .map(|&i| row.get(i).map_or("", String::as_str))
    }

    /// Read data row `n` (the header is row 1).
    fn row(&mut self, n: usize, row: &[String]) {
        let id = self
            .cell(row, "requirement")
            .unwrap_or("")
            .trim()
            .to_owned();
        if id.is_empty() {
            self.errors.push(cell_error(
                n,
                column("requirement"),
                self.lang,
                "no requirement id; every answered row needs the id it answers",
            ));
            return;
        }
        let Some((_, node)) = self.cat.node(&id) else {
            self.errors.push(cell_error(
                n,
                column("requirement"),
                self.lang,
                format!(
                    "`{id}` is not a requirement of the catalogs; nearest: {}",
                    self.cat.nearest_nodes(&id, 3).join(", ")
                ),
            ));
            return;
        };
        if node.kind != NodeKind::Requirement {
            self.errors.push(cell_error(
                n,
                column("requirement"),
                self.lang,
                format!("`{id}` is a group of requirements; answer its requirements"),
            ));
            return;
        }
        if let Some(first) = self.seen.insert(id.clone(), n) {
            self.errors.push(cell_error(
                n,
                column("requirement"),
                self.lang,
                format!("`{id}` has two rows ({first} and {n}); keep one"),
            ));
            return;
        }
        let old = self.old.get(id.as_str()).copied();
        let was = answers(old, self.scale, self.lang);
        let mut result = old
            .cloned()
            .unwrap_or_else(|| RequirementResult::new(id.as_str(), Status::NotAssessed));
        let mut status_given = old.is_some();
        for (k, field) in FIELDS.iter().enumerate() {
            let Some(text) = self.cell(row, field) else {
                continue; // The column was removed: the document's value stays.
            };
            if was.get(k).is_some_and(|w| w == text) {
                continue; // Unchanged: the document's value stays exactly as it was.
            }
            if *field == "status" {
                status_given = !text.trim().is_empty();
            }
            self.set(n, &mut result, field, text);
        }
        let answered = status_given || has_answers(&result);
        if !answered {
            // Empty, as for a requirement not assessed yet: a result it had is removed.
            if old.is_some() {
                self.found.push((n, id, None));
            }
            return;
        }
        if !status_given {
            self.errors.push(cell_error(
                n,
                column("status"),
                self.lang,
                format!("empty; choose one of: {}", self.status_words()),
            ));
            return;
        }
        if result.status == Status::NotApplicable && result.justification.is_none() {
            self.errors.push(cell_error(
                n,
                column("justification"),
                self.lang,
                "a requirement that is not applicable needs a justification",
            ));
            return;
        }
        if old != Some(&result) {
            self.found.push((n, id, Some(result)));
        }
    }

    fn status_words(&self) -> String {
        STATUSES
            .iter()
            .map(|s| self.lang.pick(&s.text()).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Set one field from a changed cell.
    fn set(&mut self, n: usize, r: &mut RequirementResult, field: &str, raw: &str) {
        let text = raw.replace("\r\n", "\n");
        let v = text.trim();
        let opt = || (!v.is_empty()).then(|| v.to_owned());
        match field {
            "status" => {
                if v.is_empty() {
                    return;
                }
                let low = v.to_lowercase();
                match STATUSES.iter().find(|s| {
                    let t = s.text();
                    s.as_str() == low || t.en.to_lowercase() == low || t.da.to_lowercase() == low
                }) {
                    Some(s) => r.status = *s,
                    None => {
                        let e = cell_error(
                            n,
                            column(field),
                            self.lang,
                            format!("`{v}` is not accepted; accepted: {}", self.status_words()),
                        );
                        self.errors.push(e);
                    }
                }
            }
            "justification" => r.justification = opt(),
            "owner" => r.owner = opt(),
            "notes" => r.notes = opt(),
            "implementation_maturity" => r.implementation_maturity = self.level(n, field, v),
            "documentation_maturity" => r.documentation_maturity = self.level(n, field, v),
            "target_maturity" => r.target_maturity = self.level(n, field, v),
            "weight" => r.weight = self.whole(n, field, v, 1, 100),
            "effort" => r.effort = self.whole(n, field, v, 1, 5),
            "evidence" => {
                let items: Vec<String> = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
                r.evidence = (!items.is_empty()).then_some(items);
            }
            "due_date" => {
                if !v.is_empty() && !crate::date::is_date(v) {
                    let e = cell_error(n, column(field), self.lang, format!("`{v}` is not a date; accepted: a date written YYYY-MM-DD (e.g. 2027-03-31)"));
                    self.errors.push(e);
                }
                r.due_date = opt();
            }
            "source" => {
                if !v.is_empty() && !self.sources.contains(&v) {
                    let accepted = if self.sources.is_empty() {
                        "none (the assessment has no sources)".to_owned()
                    } else {
                        self.sources.join(", ")
                    };
                    let e = cell_error(
                        n,
                        column(field),
                        self.lang,
                        format!("`{v}` is not a source of the assessment; accepted: {accepted}"),
                    );
                    self.errors.push(e);
                }
                r.source = opt();
            }
            _ => {}
        }
    }

    /// A maturity level: `3`, or `3 – Defined` as the list writes it.
    fn level(&mut self, n: usize, field: &str, v: &str) -> Option<i64> {
        if v.is_empty() {
            return None;
        }
        let digits_end = v
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
            .map_or(v.len(), |(i, _)| i);
        let (num, rest) = v.split_at(digits_end);
        let rest_ok = rest.is_empty() || rest.starts_with([' ', '–', '-']);
        match num.parse::<i64>() {
            Ok(x) if rest_ok && (self.scale.min..=self.scale.max).contains(&x) => Some(x),
            _ => {
                let accepted: Vec<String> = self
                    .scale
                    .levels
                    .iter()
                    .map(|l| level_text(l.value, self.scale, self.lang))
                    .collect();
                let e = cell_error(
                    n,
                    column(field),
                    self.lang,
                    format!(
                        "`{v}` is not a level of the scale `{}`; accepted: {}",
                        self.scale.id,
                        accepted.join(", ")
                    ),
                );
                self.errors.push(e);
                None
            }
        }
    }

    fn whole(&mut self, n: usize, field: &str, v: &str, min: u32, max: u32) -> Option<u32> {
        if v.is_empty() {
            return None;
        }
        match v.parse::<u32>() {
            Ok(x) if (min..=max).contains(&x) => Some(x),
            _ => {
                let e = cell_error(
                    n,
                    column(field),
                    self.lang,
                    format!("`{v}` is not accepted; accepted: a whole number from {min} to {max}"),
                );
                self.errors.push(e);
                None
            }
        }
    }
}

/// Whether a result has any answer besides its status.
fn has_answers(r: &RequirementResult) -> bool {
    r.justification.is_some()
        || r.implementation_maturity.is_some()
        || r.documentation_maturity.is_some()
        || r.target_maturity.is_some()
        || r.weight.is_some()
        || r.effort.is_some()
        || r.evidence.is_some()
        || r.owner.is_some()
        || r.due_date.is_some()
        || r.source.is_some()
        || r.notes.is_some()
}

/// Read the questionnaire's rows into the document.
fn read_rows(
    filled: &Filled,
    base: AssessmentDocument,
    scale: &Scale,
) -> Result<QuestionnaireImport> {
    let lang = filled.lang;
    let Some((header, body)) = filled.rows.split_first() else {
        return Err(Error::invalid(
            "$.content",
            "row 1: the sheet is empty; expected the header row",
        ));
    };
    if body.len() > crate::limits::MAX_ITEMS {
        return Err(Error::limit(
            "$.content",
            crate::limits::Limit::Items,
            crate::limits::too_many("rows"),
        ));
    }
    let cols = header_columns(header, lang)?;
    let cat = catalogs()?;
    let sources: Vec<&str> = base
        .sources
        .iter()
        .flatten()
        .map(|s| s.id.as_str())
        .collect();
    let mut reader = RowReader {
        cat,
        scale,
        lang,
        cols,
        sources,
        old: base
            .results
            .iter()
            .map(|r| (r.requirement.as_str(), r))
            .collect(),
        errors: Vec::new(),
        seen: BTreeMap::new(),
        found: Vec::new(),
    };
    let width = header.len();
    let mut read = 0;
    for (k, row) in body.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some((j, _)) = row
            .iter()
            .enumerate()
            .skip(width)
            .find(|(_, c)| !c.trim().is_empty())
        {
            reader.errors.push(Error::invalid(
                "$.content",
                format!(
                    "row {}, column {}: a value in a column without a header",
                    k + 2,
                    super::report::column_letter(j)
                ),
            ));
            continue;
        }
        read += 1;
        reader.row(k + 2, row);
    }
    let RowReader {
        errors,
        seen,
        found,
        ..
    } = reader;
    Error::from_list(errors)?;
    apply(base, found, &seen, read, lang)
}

/// Put the rows' results into the document, and account for every row and requirement.
fn apply(
    mut doc: AssessmentDocument,
    found: Vec<(usize, String, Option<RequirementResult>)>,
    seen: &BTreeMap<String, usize>,
    rows: usize,
    lang: Lang,
) -> Result<QuestionnaireImport> {
    let (mut added, mut changed, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows_of: BTreeMap<String, usize> = BTreeMap::new();
    let index: BTreeMap<String, usize> = doc
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.requirement.clone(), i))
        .collect();
    for (n, id, new) in found {
        rows_of.insert(id.clone(), n);
        let at = index.get(&id).copied();
        match (at, new) {
            (Some(i), Some(r)) => {
                if let Some(slot) = doc.results.get_mut(i) {
                    *slot = r;
                }
                changed.push(id);
            }
            (None, Some(r)) => {
                doc.results.push(r);
                added.push(id);
            }
            (Some(_), None) => removed.push(id),
            (None, None) => {}
        }
    }
    let gone: BTreeSet<&String> = removed.iter().collect();
    doc.results.retain(|r| !gone.contains(&r.requirement));
    // The document must still be valid; a problem of a result is named at its row.
    let set: Vec<String> = {
        let run = super::run(&doc, "$.assessment").map_err(|e| at_rows(e, &doc, &rows_of, lang))?;
        run.set
            .requirements
            .iter()
            .map(|i| i.id.to_string())
            .collect()
    };
    let mut not_in_workbook: Vec<String> = Vec::new();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    for id in set
        .into_iter()
        .chain(doc.results.iter().map(|r| r.requirement.clone()))
    {
        if !seen.contains_key(&id) && listed.insert(id.clone()) {
            not_in_workbook.push(id);
        }
    }
    let unchanged = rows.saturating_sub(added.len() + changed.len() + removed.len());
    Ok(QuestionnaireImport {
        assessment: doc,
        lang,
        rows,
        unchanged,
        added,
        changed,
        removed,
        not_in_workbook,
    })
}

/// A problem of `$.assessment.results[i].field`, named at the row and column it came from.
fn at_rows(
    e: Error,
    doc: &AssessmentDocument,
    rows_of: &BTreeMap<String, usize>,
    lang: Lang,
) -> Error {
    match e {
        Error::Multiple(list) => Error::Multiple(
            list.into_iter()
                .map(|x| at_rows(x, doc, rows_of, lang))
                .collect(),
        ),
        Error::InvalidInput { path, message } => {
            let located = path
                .strip_prefix("$.assessment.results[")
                .and_then(|rest| rest.split_once(']'))
                .and_then(|(i, field)| {
                    let r = doc.results.get(i.parse::<usize>().ok()?)?;
                    let n = rows_of.get(&r.requirement)?;
                    let col = COLUMNS
                        .iter()
                        .find(|c| c.field == field.trim_start_matches('.'))?;
                    Some(cell_error(*n, col, lang, &message))
                });
            located.unwrap_or(Error::InvalidInput { path, message })
        }
        other => other,
    }
}

/// Read the workbook: the questionnaire sheet, the language and the document it keeps.
#[cfg(feature = "xlsx")]
fn read_workbook(content: &str) -> Result<Filled> {
    use super::xlsx_in::Dates;
    let mut book = super::xlsx_in::open(content)?;
    if !book.names.iter().any(|n| n == SHEET_META) {
        return Err(Error::invalid(
            "$.content",
            format!(
                "not a nis2 questionnaire: the hidden sheet `{SHEET_META}` is missing (sheets: {}); write the workbook with `nis2 assess template`",
                book.names.join(", ")
            ),
        ));
    }
    let meta = book.rows(SHEET_META, Dates::Reject)?;
    let cell = |r: usize, c: usize| {
        meta.get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    if cell(0, 0) != MARKER {
        return Err(Error::invalid(
            "$.content",
            format!(
                "not a nis2 questionnaire: cell A1 of the sheet `{SHEET_META}` is not `{MARKER}`"
            ),
        ));
    }
    if cell(0, 1) != VERSION {
        return Err(Error::invalid("$.content", format!("sheet `{SHEET_META}`: questionnaire version `{}` is not known to this version of nis2 (it reads version {VERSION})", cell(0, 1))));
    }
    let lang = match cell(1, 1) {
        "da" => Lang::Da,
        _ => Lang::En,
    };
    let document: String = meta
        .iter()
        .skip(2)
        .filter(|r| r.first().is_some_and(|a| a == "document"))
        .filter_map(|r| r.get(1))
        .map(String::as_str)
        .collect();
    let wanted = [SHEET_QUESTIONS.0, SHEET_QUESTIONS.1];
    let Some(sheet) = book
        .names
        .iter()
        .find(|n| wanted.contains(&n.as_str()))
        .cloned()
    else {
        return Err(Error::invalid(
            "$.content",
            format!(
                "the sheet `{}` is missing (sheets: {}); do not rename it",
                lang.w(SHEET_QUESTIONS.0, SHEET_QUESTIONS.1),
                book.names.join(", ")
            ),
        ));
    };
    let rows = book.rows(&sheet, Dates::Iso)?;
    Ok(Filled {
        sheet,
        rows,
        lang,
        document,
    })
}

#[cfg(not(feature = "xlsx"))]
fn read_workbook(_content: &str) -> Result<Filled> {
    Err(no_xlsx())
}
