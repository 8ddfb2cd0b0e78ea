//! The XLSX workbook for auditors (`rust_xlsxwriter`, pure Rust). Sheets (named in the
//! report's language): summary, requirements, status, evidence, gaps, plan, and a columns sheet
//! that gives each column's machine name. Each table has human headers in the report's
//! language, a frozen header row, an autofilter, number formats (scores as percentages, dates
//! as dates) and column widths that follow the content. Deterministic: the document
//! properties are fixed and their creation date is the assessment date (never the clock);
//! the ZIP entries carry the fixed DOS date 1980-01-01 that `rust_xlsxwriter` writes.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::error::{Error, Result};
use crate::risk::Lang;

use super::plan::Plan;
use super::report::{basis_word, status_word, w};
use super::score::{Evaluation, Interval};
use super::Run;

fn xerr(e: XlsxError) -> Error {
    Error::Data {
        file: "<xlsx>".to_owned(),
        message: e.to_string(),
    }
}

/// How a column's cells are written and formatted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Short text (ids, codes, words).
    Text,
    /// Long text, wrapped in a wider column.
    Prose,
    /// A whole number (counts, weights, maturities, order).
    Int,
    /// A score or a gap in [0, 1], shown as a percentage (the cell holds the fraction).
    Score,
    /// A decimal that is not a share (a priority).
    Decimal,
    /// A date `YYYY-MM-DD`, written as an Excel date.
    Date,
}

/// A column: its field name (the machine id, listed on the columns sheet), its header in
/// English and Danish, and its kind.
struct Col {
    field: &'static str,
    en: &'static str,
    da: &'static str,
    kind: Kind,
}

const fn col(field: &'static str, en: &'static str, da: &'static str, kind: Kind) -> Col {
    Col {
        field,
        en,
        da,
        kind,
    }
}

/// The formats of a workbook, made once.
struct Formats {
    header: Format,
    prose: Format,
    int: Format,
    score: Format,
    decimal: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0x00DD_E6F0))
                .set_border_bottom(FormatBorder::Thin),
            prose: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            int: Format::new().set_num_format("0"),
            score: Format::new().set_num_format("0.0%"),
            decimal: Format::new().set_num_format("0.0000"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// The narrowest and widest column, in characters.
const MIN_WIDTH: usize = 8;
const MAX_TEXT_WIDTH: usize = 40;
const MAX_PROSE_WIDTH: usize = 60;

/// A table on its own worksheet: a header row of human headers (frozen, with an autofilter
/// over the whole table), then one row per item; column widths follow the content.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    cols: &'static [Col],
    widths: Vec<usize>,
    row: u32,
}

/// What the columns sheet lists: each sheet's name and its columns.
type Legend = Vec<(String, &'static [Col])>;

impl<'a> Sheet<'a> {
    fn new(
        wb: &'a mut Workbook,
        f: &'a Formats,
        legend: &mut Legend,
        name: &str,
        cols: &'static [Col],
        lang: Lang,
    ) -> Result<Sheet<'a>> {
        legend.push((name.to_owned(), cols));
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xerr)?;
        let mut widths = Vec::with_capacity(cols.len());
        for (c, h) in cols.iter().enumerate() {
            let header = w(lang, h.en, h.da);
            ws.write_string_with_format(0, col_index(c), header, &f.header)
                .map_err(xerr)?;
            widths.push(width_of(header).max(match h.kind {
                Kind::Date => 10,
                Kind::Prose => 24,
                _ => MIN_WIDTH,
            }));
        }
        ws.set_freeze_panes(1, 0).map_err(xerr)?;
        Ok(Sheet {
            ws,
            f,
            cols,
            widths,
            row: 1,
        })
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        for (c, (v, spec)) in cells.iter().zip(self.cols).enumerate() {
            let ci = col_index(c);
            let width = match v {
                Cell::S(s) if s.is_empty() => 0,
                Cell::S(s) => self.text(ci, spec.kind, s)?,
                Cell::N(n) => {
                    let format = match spec.kind {
                        Kind::Score => &self.f.score,
                        Kind::Decimal => &self.f.decimal,
                        _ => &self.f.int,
                    };
                    self.ws
                        .write_number_with_format(self.row, ci, *n, format)
                        .map_err(xerr)?;
                    9
                }
                Cell::None => 0,
            };
            if let Some(slot) = self.widths.get_mut(c) {
                *slot = (*slot).max(width);
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Write a text cell (a date as an Excel date when it is one); its width.
    fn text(&mut self, ci: u16, kind: Kind, s: &str) -> Result<usize> {
        if kind == Kind::Date {
            if let Some(d) = excel_date(s) {
                self.ws
                    .write_datetime_with_format(self.row, ci, &d, &self.f.date)
                    .map_err(xerr)?;
                return Ok(10);
            }
        }
        if kind == Kind::Prose {
            self.ws
                .write_string_with_format(self.row, ci, s, &self.f.prose)
                .map_err(xerr)?;
        } else {
            self.ws.write_string(self.row, ci, s).map_err(xerr)?;
        }
        Ok(width_of(s))
    }

    /// Set the widths and the autofilter over the header and every row.
    fn finish(self) -> Result<()> {
        for (c, (&width, spec)) in self.widths.iter().zip(self.cols).enumerate() {
            let max = if spec.kind == Kind::Prose {
                MAX_PROSE_WIDTH
            } else {
                MAX_TEXT_WIDTH
            };
            let chars = (width + 2).clamp(MIN_WIDTH, max);
            self.ws
                .set_column_width(col_index(c), u16::try_from(chars).unwrap_or(u16::MAX))
                .map_err(xerr)?;
        }
        let last_col = col_index(self.cols.len().saturating_sub(1));
        self.ws
            .autofilter(0, 0, self.row.saturating_sub(1), last_col)
            .map_err(xerr)?;
        Ok(())
    }
}

fn col_index(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// The width of a text in characters (its longest line).
fn width_of(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A `YYYY-MM-DD` date as an Excel date, or `None` (the text is written as it is).
fn excel_date(s: &str) -> Option<ExcelDateTime> {
    let b = s.as_bytes();
    if s.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y: u16 = s.get(0..4)?.parse().ok()?;
    let m: u8 = s.get(5..7)?.parse().ok()?;
    let d: u8 = s.get(8..10)?.parse().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

enum Cell {
    S(String),
    N(f64),
    None,
}

fn s(v: impl Into<String>) -> Cell {
    Cell::S(v.into())
}

fn lo(i: Option<&Interval>) -> Cell {
    i.map_or(Cell::None, |i| Cell::N(i.low))
}

fn hi(i: Option<&Interval>) -> Cell {
    i.map_or(Cell::None, |i| Cell::N(i.high))
}

fn opt_n(v: Option<i64>) -> Cell {
    v.map_or(Cell::None, |x| Cell::N(x as f64))
}

/// The workbook's creation date: the assessment date (`base` is the assessment's path). Excel
/// dates run from 1900-01-01 to 9999-12-31; an assessment date outside them (a valid date, as
/// `1013-06-01` is) is an error at its path, as for the OSCAL export, not a defect.
pub(crate) fn creation_date(date: &str, base: &str) -> Result<ExcelDateTime> {
    let outside = || {
        Error::invalid(
            format!("{base}.assessment_date"),
            "the Excel export needs an assessment date between 1900-01-01 and 9999-12-31 \
             (Excel dates are limited to those years)",
        )
    };
    let part = |r: std::ops::Range<usize>| -> Option<u16> { date.get(r)?.parse().ok() };
    let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) else {
        return Err(outside());
    };
    if !(1900..=9999).contains(&y) {
        return Err(outside());
    }
    ExcelDateTime::from_ymd(
        y,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
    .map_err(|_| outside())
}

/// Check, before any work, that the assessment date (`base` is the assessment's path) is one an
/// Excel workbook can carry.
pub(crate) fn check_date(date: &str, base: &str) -> Result<()> {
    creation_date(date, base).map(|_| ())
}

/// Build the workbook.
pub(crate) fn workbook(r: &Run<'_>, p: &Plan, lang: Lang) -> Result<Vec<u8>> {
    let e = &r.computed.eval;
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!(
            "{}: {}",
            w(lang, "NIS2 gap assessment", "NIS2-gapanalyse"),
            e.name
        ))
        .set_subject(w(
            lang,
            "Requirements, status, evidence, gaps and remediation plan",
            "Krav, status, dokumentation, mangler og handlingsplan",
        ))
        .set_author("nis2")
        .set_company(e.organisation.clone().unwrap_or_default())
        .set_creation_datetime(&creation_date(&e.assessment_date, "$")?);
    wb.set_properties(&props);
    let f = Formats::new();
    let mut legend = Legend::new();
    summary_sheet(&mut wb, &f, &mut legend, e, lang)?;
    requirements_sheet(&mut wb, &f, &mut legend, r, lang)?;
    status_sheet(&mut wb, &f, &mut legend, e, lang)?;
    evidence_sheet(&mut wb, &f, &mut legend, e, lang)?;
    gaps_sheet(&mut wb, &f, &mut legend, e, lang)?;
    plan_sheet(&mut wb, &f, &mut legend, p, lang)?;
    columns_sheet(&mut wb, &f, &legend, lang)?;
    wb.save_to_buffer().map_err(xerr)
}

const SUMMARY: &[Col] = &[
    col("level", "Level", "Niveau", Kind::Text),
    col("id", "Id", "Id", Kind::Text),
    col("citation", "Citation", "Henvisning", Kind::Text),
    col("title", "Title", "Titel", Kind::Prose),
    col("weight", "Weight", "Vægt", Kind::Int),
    col(
        "status_low",
        "Status score (worst case)",
        "Statusscore (værste tilfælde)",
        Kind::Score,
    ),
    col(
        "status_high",
        "Status score (best case)",
        "Statusscore (bedste tilfælde)",
        Kind::Score,
    ),
    col(
        "maturity_low",
        "Maturity score (worst case)",
        "Modenhedsscore (værste tilfælde)",
        Kind::Score,
    ),
    col(
        "maturity_high",
        "Maturity score (best case)",
        "Modenhedsscore (bedste tilfælde)",
        Kind::Score,
    ),
    col("requirements", "Requirements", "Krav", Kind::Int),
    col("direct", "Assessed directly", "Vurderet direkte", Kind::Int),
    col("inferred", "Inferred", "Afledt", Kind::Int),
    col("not_assessed", "Not assessed", "Ikke vurderet", Kind::Int),
    col(
        "not_applicable",
        "Not applicable",
        "Ikke relevant",
        Kind::Int,
    ),
];

/// The summary sheet: the overall, framework and measure aggregates.
fn summary_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    e: &Evaluation,
    lang: Lang,
) -> Result<()> {
    let name = w(lang, "Summary", "Oversigt");
    let mut sh = Sheet::new(wb, f, legend, name, SUMMARY, lang)?;
    let rows = e
        .overall
        .iter()
        .map(|a| (w(lang, "overall", "samlet"), a))
        .chain(
            e.frameworks
                .iter()
                .map(|a| (w(lang, "framework", "ramme"), a)),
        )
        .chain(
            e.measures
                .iter()
                .map(|a| (w(lang, "measure", "foranstaltning"), a)),
        );
    for (level, a) in rows {
        sh.row(&[
            s(level),
            s(a.id.as_ref()),
            s(a.citation.as_deref().unwrap_or("")),
            s(lang.pick(&a.title)),
            Cell::N(f64::from(a.weight)),
            lo(a.status.as_ref()),
            hi(a.status.as_ref()),
            lo(a.maturity.as_ref()),
            hi(a.maturity.as_ref()),
            Cell::N(a.counts.requirements as f64),
            Cell::N(a.counts.direct as f64),
            Cell::N(a.counts.inferred as f64),
            Cell::N(a.counts.not_assessed as f64),
            Cell::N(a.counts.not_applicable as f64),
        ])?;
    }
    sh.finish()
}

const REQUIREMENTS: &[Col] = &[
    col("requirement", "Requirement", "Krav", Kind::Text),
    col("framework", "Framework", "Ramme", Kind::Text),
    col("citation", "Citation", "Henvisning", Kind::Text),
    col("title", "Title", "Titel", Kind::Prose),
    col("measures", "Measures", "Foranstaltninger", Kind::Text),
    col("weight", "Weight", "Vægt", Kind::Int),
    col("weight_from", "Weight from", "Vægt fra", Kind::Text),
    col(
        "reason",
        "Why it applies",
        "Hvorfor det gælder",
        Kind::Prose,
    ),
    col("basis", "Legal basis", "Retsgrundlag", Kind::Prose),
];

/// The requirements sheet: the requirement set (and the nodes excluded, with why).
fn requirements_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    r: &Run<'_>,
    lang: Lang,
) -> Result<()> {
    let e = &r.computed.eval;
    let name = w(lang, "Requirements", "Krav");
    let mut sh = Sheet::new(wb, f, legend, name, REQUIREMENTS, lang)?;
    for (item, rs) in r.set.requirements.iter().zip(&e.requirements) {
        sh.row(&[
            s(item.id.as_ref()),
            s(item.framework.as_ref()),
            s(item.citation.as_ref()),
            s(lang.pick(&item.title)),
            s(item.measures.join(", ")),
            Cell::N(f64::from(rs.weight)),
            s(rs.weight_from.as_ref()),
            s(lang.pick(&item.reason)),
            s(item.basis.join("; ")),
        ])?;
    }
    for x in &r.set.excluded {
        sh.row(&[
            s(x.id.as_ref()),
            Cell::None,
            s(x.citation.as_ref()),
            s(w(lang, "(excluded)", "(udeladt)")),
            Cell::None,
            Cell::None,
            Cell::None,
            s(lang.pick(&x.reason)),
            Cell::None,
        ])?;
    }
    sh.finish()
}

const STATUS: &[Col] = &[
    col("requirement", "Requirement", "Krav", Kind::Text),
    col("basis", "Basis", "Grundlag", Kind::Text),
    col("status", "Status", "Status", Kind::Text),
    col("justification", "Justification", "Begrundelse", Kind::Prose),
    col(
        "implementation_maturity",
        "Implementation maturity",
        "Implementeringsmodenhed",
        Kind::Int,
    ),
    col(
        "documentation_maturity",
        "Documentation maturity",
        "Dokumentationsmodenhed",
        Kind::Int,
    ),
    col(
        "target_maturity",
        "Target maturity",
        "Målmodenhed",
        Kind::Int,
    ),
    col(
        "status_score_low",
        "Status score (worst case)",
        "Statusscore (værste tilfælde)",
        Kind::Score,
    ),
    col(
        "status_score_high",
        "Status score (best case)",
        "Statusscore (bedste tilfælde)",
        Kind::Score,
    ),
    col(
        "maturity_score_low",
        "Maturity score (worst case)",
        "Modenhedsscore (værste tilfælde)",
        Kind::Score,
    ),
    col(
        "maturity_score_high",
        "Maturity score (best case)",
        "Modenhedsscore (bedste tilfælde)",
        Kind::Score,
    ),
    col("owner", "Owner", "Ansvarlig", Kind::Text),
    col("due_date", "Due date", "Frist", Kind::Date),
    col("source", "Source", "Kilde", Kind::Text),
    col("notes", "Notes", "Noter", Kind::Prose),
];

/// The status sheet: each requirement's status, maturities and scores.
fn status_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    e: &Evaluation,
    lang: Lang,
) -> Result<()> {
    let mut sh = Sheet::new(wb, f, legend, "Status", STATUS, lang)?;
    for rs in &e.requirements {
        sh.row(&[
            s(rs.id.as_ref()),
            s(basis_word(lang, rs.basis)),
            s(status_word(lang, rs.status)),
            s(rs.justification.clone().unwrap_or_default()),
            opt_n(rs.implementation_maturity),
            opt_n(rs.documentation_maturity),
            Cell::N(rs.target_maturity as f64),
            lo(rs.status_score.as_ref()),
            hi(rs.status_score.as_ref()),
            lo(rs.maturity_score.as_ref()),
            hi(rs.maturity_score.as_ref()),
            s(rs.owner.clone().unwrap_or_default()),
            s(rs.due_date.clone().unwrap_or_default()),
            s(rs.source.clone().unwrap_or_default()),
            s(rs.notes.clone().unwrap_or_default()),
        ])?;
    }
    sh.finish()
}

const EVIDENCE: &[Col] = &[
    col("requirement", "Requirement", "Krav", Kind::Text),
    col("kind", "Kind", "Art", Kind::Text),
    col(
        "reference",
        "Evidence or source requirement",
        "Dokumentation eller kildekrav",
        Kind::Prose,
    ),
    col(
        "source_status",
        "Source status",
        "Kildens status",
        Kind::Text,
    ),
    col("relationship", "Relationship", "Relation", Kind::Text),
    col("confidence", "Confidence", "Sikkerhed", Kind::Text),
    col("provenance", "Provenance", "Oprindelse", Kind::Text),
    col("mappings", "Mappings", "Tilknytninger", Kind::Text),
    col("carries", "Carries", "Overfører", Kind::Text),
    col(
        "document_source",
        "Document source",
        "Dokumentkilde",
        Kind::Text,
    ),
];

/// The evidence sheet: evidence given and the sources of inferred results.
fn evidence_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    e: &Evaluation,
    lang: Lang,
) -> Result<()> {
    let name = w(lang, "Evidence", "Dokumentation");
    let mut sh = Sheet::new(wb, f, legend, name, EVIDENCE, lang)?;
    for rs in &e.requirements {
        for ev in &rs.evidence {
            sh.row(&[
                s(rs.id.as_ref()),
                s(w(lang, "evidence", "dokumentation")),
                s(ev.as_str()),
                Cell::None,
                Cell::None,
                Cell::None,
                Cell::None,
                Cell::None,
                Cell::None,
                s(rs.source.clone().unwrap_or_default()),
            ])?;
        }
        if let Some(inf) = &rs.inferred {
            for src in &inf.sources {
                sh.row(&[
                    s(rs.id.as_ref()),
                    s(w(lang, "inferred from", "afledt af")),
                    s(src.requirement.as_ref()),
                    s(src.status.as_str()),
                    s(src.relationship.as_str()),
                    s(src.confidence.as_str()),
                    s(src
                        .provenance
                        .iter()
                        .map(|p| p.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")),
                    s(src.mappings.join(", ")),
                    s(src.carries.as_str()),
                    s(src.source.clone().unwrap_or_default()),
                ])?;
            }
        }
    }
    sh.finish()
}

const GAPS: &[Col] = &[
    col("requirement", "Requirement", "Krav", Kind::Text),
    col("status", "Status", "Status", Kind::Text),
    col("basis", "Basis", "Grundlag", Kind::Text),
    col("status_gap", "Status gap", "Statusgab", Kind::Score),
    col("maturity_gap", "Maturity gap", "Modenhedsgab", Kind::Score),
    col("gap", "Gap", "Gab", Kind::Score),
    col("worst_case", "Worst case", "Værste tilfælde", Kind::Text),
    col("formula", "Formula", "Formel", Kind::Prose),
];

/// The gaps sheet: each requirement with a gap, and its formula.
fn gaps_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    e: &Evaluation,
    lang: Lang,
) -> Result<()> {
    let name = w(lang, "Gaps", "Mangler");
    let mut sh = Sheet::new(wb, f, legend, name, GAPS, lang)?;
    for rs in &e.requirements {
        let Some(g) = &rs.gap else { continue };
        if g.gap.value <= 0.0 {
            continue;
        }
        sh.row(&[
            s(rs.id.as_ref()),
            s(status_word(lang, rs.status)),
            s(basis_word(lang, rs.basis)),
            Cell::N(g.status_gap.value),
            g.maturity_gap
                .as_ref()
                .map_or(Cell::None, |m| Cell::N(m.value)),
            Cell::N(g.gap.value),
            s(if g.worst_case {
                w(lang, "yes", "ja")
            } else {
                w(lang, "no", "nej")
            }),
            s(g.formula.as_str()),
        ])?;
    }
    sh.finish()
}

const PLAN: &[Col] = &[
    col("order", "Order", "Rækkefølge", Kind::Int),
    col("rank", "Rank", "Rang", Kind::Int),
    col("requirement", "Requirement", "Krav", Kind::Text),
    col("title", "Title", "Titel", Kind::Prose),
    col("kind", "Kind", "Art", Kind::Text),
    col("priority", "Priority", "Prioritet", Kind::Decimal),
    col("gap", "Gap", "Gab", Kind::Score),
    col("weight", "Weight", "Vægt", Kind::Int),
    col("risk_factor", "Risk factor", "Risikofaktor", Kind::Int),
    col("risk_level", "Risk level", "Risikoniveau", Kind::Text),
    col("effort", "Effort", "Indsats", Kind::Int),
    col("effort_from", "Effort from", "Indsats fra", Kind::Text),
    col("formula", "Formula", "Formel", Kind::Prose),
    col("due_date", "Due date", "Frist", Kind::Date),
    col("due_from", "Due date from", "Frist fra", Kind::Text),
    col("quarter", "Quarter", "Kvartal", Kind::Text),
    col("owner", "Owner", "Ansvarlig", Kind::Text),
    col("after", "After", "Efter", Kind::Text),
];

/// The plan sheet: the remediation plan's items in order.
fn plan_sheet(
    wb: &mut Workbook,
    f: &Formats,
    legend: &mut Legend,
    p: &Plan,
    lang: Lang,
) -> Result<()> {
    let name = w(lang, "Plan", "Handlingsplan");
    let mut sh = Sheet::new(wb, f, legend, name, PLAN, lang)?;
    for it in &p.items {
        let b = &it.breakdown;
        sh.row(&[
            Cell::N(f64::from(it.order)),
            Cell::N(f64::from(it.rank)),
            s(it.requirement.as_ref()),
            s(lang.pick(&it.title)),
            s(it.kind.as_str()),
            Cell::N(it.priority.value),
            Cell::N(b.gap.value),
            Cell::N(f64::from(b.weight)),
            Cell::N(f64::from(b.risk_factor)),
            s(b.risk.as_ref().map(|r| r.level.clone()).unwrap_or_default()),
            Cell::N(f64::from(b.effort)),
            s(b.effort_from.as_ref()),
            s(b.formula.as_str()),
            s(it.due_date.clone().unwrap_or_default()),
            s(it.due_from.as_deref().unwrap_or("")),
            s(it.quarter.clone().unwrap_or_default()),
            s(it.owner.clone().unwrap_or_default()),
            s(it.after
                .iter()
                .map(|a| a.requirement.as_ref())
                .collect::<Vec<_>>()
                .join(", ")),
        ])?;
    }
    sh.finish()
}

const COLUMNS: &[Col] = &[
    col("sheet", "Sheet", "Ark", Kind::Text),
    col("column", "Column", "Kolonne", Kind::Text),
    col("header", "Header", "Overskrift", Kind::Text),
    col(
        "field",
        "Field (machine name)",
        "Felt (maskinnavn)",
        Kind::Text,
    ),
];

/// The columns sheet: every column of the other sheets with its machine name (the field of the
/// JSON result it comes from), for scripts that read the workbook.
fn columns_sheet(wb: &mut Workbook, f: &Formats, legend: &Legend, lang: Lang) -> Result<()> {
    let name = w(lang, "Columns", "Kolonner");
    let mut own = Legend::new();
    let mut sh = Sheet::new(wb, f, &mut own, name, COLUMNS, lang)?;
    for (sheet, cols) in legend {
        for (c, spec) in cols.iter().enumerate() {
            sh.row(&[
                s(sheet.as_str()),
                s(super::report::column_letter(c)),
                s(w(lang, spec.en, spec.da)),
                s(spec.field),
            ])?;
        }
    }
    sh.finish()
}

/// A plain table on one sheet (the CISO Assistant audit table): the header row as given (the
/// machine names the importer expects), frozen, with an autofilter and widths from the content.
pub(crate) fn table<const N: usize>(
    header: &[&str],
    rows: &[[String; N]],
    date: &str,
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_author("nis2")
        .set_creation_datetime(&creation_date(date, "$")?);
    wb.set_properties(&props);
    let f = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name("audit").map_err(xerr)?;
    let mut widths: Vec<usize> = header.iter().map(|h| width_of(h)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col_index(c), *h, &f.header)
            .map_err(xerr)?;
    }
    let mut r = 1u32;
    for row in rows {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, col_index(c), v).map_err(xerr)?;
            }
            if let Some(slot) = widths.get_mut(c) {
                *slot = (*slot).max(width_of(v));
            }
        }
        r += 1;
    }
    for (c, width) in widths.iter().enumerate() {
        let chars = (width + 2).clamp(MIN_WIDTH, MAX_PROSE_WIDTH);
        ws.set_column_width(col_index(c), u16::try_from(chars).unwrap_or(u16::MAX))
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    ws.autofilter(
        0,
        0,
        r.saturating_sub(1),
        col_index(header.len().saturating_sub(1)),
    )
    .map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The spreadsheet letters of a column (0 → A, 26 → AA).
pub(crate) fn column_name(c: u32) -> String {
    super::report::column_letter(usize::try_from(c).unwrap_or(0))
}
