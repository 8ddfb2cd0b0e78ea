//! The XLSX workbook for auditors (`rust_xlsxwriter`, pure Rust). Sheets: `summary`,
//! `requirements`, `status`, `evidence`, `gaps`, `plan`. Deterministic: the document
//! properties are fixed and their creation date is the assessment date (never the clock);
//! the ZIP entries carry the fixed DOS date 1980-01-01 that `rust_xlsxwriter` writes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

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

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    bold: Format,
}

impl Sheet<'_> {
    fn header(&mut self, cols: &[&str]) -> Result<()> {
        for (c, h) in cols.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            self.ws
                .write_string_with_format(0, c, *h, &self.bold)
                .map_err(xerr)?;
            self.ws.set_column_width(c, 16).map_err(xerr)?;
        }
        self.ws.set_freeze_panes(1, 0).map_err(xerr)?;
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        for (c, v) in cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match v {
                Cell::S(s) => {
                    if !s.is_empty() {
                        self.ws.write_string(self.row, c, s).map_err(xerr)?;
                    }
                }
                Cell::N(n) => {
                    self.ws.write_number(self.row, c, *n).map_err(xerr)?;
                }
                Cell::None => {}
            }
        }
        self.row += 1;
        Ok(())
    }
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

fn creation_date(date: &str) -> Result<ExcelDateTime> {
    let part = |r: std::ops::Range<usize>| -> Option<u16> { date.get(r)?.parse().ok() };
    let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) else {
        return Err(Error::invalid("$.assessment_date", "not a date"));
    };
    ExcelDateTime::from_ymd(
        y,
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
    .map_err(xerr)
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
        .set_creation_datetime(&creation_date(&e.assessment_date)?);
    wb.set_properties(&props);
    let bold = Format::new().set_bold();
    summary_sheet(&mut wb, &bold, e, lang)?;
    requirements_sheet(&mut wb, &bold, r, lang)?;
    status_sheet(&mut wb, &bold, e, lang)?;
    evidence_sheet(&mut wb, &bold, e)?;
    gaps_sheet(&mut wb, &bold, e, lang)?;
    plan_sheet(&mut wb, &bold, p, lang)?;
    wb.save_to_buffer().map_err(xerr)
}

/// Add a worksheet named `name`, its header row in `bold`.
fn add_sheet<'w>(wb: &'w mut Workbook, name: &str, bold: &Format) -> Result<Sheet<'w>> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    Ok(Sheet {
        ws,
        row: 0,
        bold: bold.clone(),
    })
}

/// The `summary` sheet: the overall, framework and measure aggregates.
fn summary_sheet(wb: &mut Workbook, bold: &Format, e: &Evaluation, lang: Lang) -> Result<()> {
    let mut sh = add_sheet(wb, "summary", bold)?;
    sh.header(&[
        "level",
        "id",
        "citation",
        "title",
        "weight",
        "status_low",
        "status_high",
        "maturity_low",
        "maturity_high",
        "requirements",
        "direct",
        "inferred",
        "not_assessed",
        "not_applicable",
    ])?;
    let rows = e
        .overall
        .iter()
        .map(|a| ("overall", a))
        .chain(e.frameworks.iter().map(|a| ("framework", a)))
        .chain(e.measures.iter().map(|a| ("measure", a)));
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
    Ok(())
}

/// The `requirements` sheet: the requirement set (and the nodes excluded, with why).
fn requirements_sheet(wb: &mut Workbook, bold: &Format, r: &Run<'_>, lang: Lang) -> Result<()> {
    let e = &r.computed.eval;
    let mut sh = add_sheet(wb, "requirements", bold)?;
    sh.header(&[
        "requirement",
        "framework",
        "citation",
        "title",
        "measures",
        "weight",
        "weight_from",
        "reason",
        "basis",
    ])?;
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
    Ok(())
}

/// The `status` sheet: each requirement's status, maturities and scores.
fn status_sheet(wb: &mut Workbook, bold: &Format, e: &Evaluation, lang: Lang) -> Result<()> {
    let mut sh = add_sheet(wb, "status", bold)?;
    sh.header(&[
        "requirement",
        "basis",
        "status",
        "justification",
        "implementation_maturity",
        "documentation_maturity",
        "target_maturity",
        "status_score_low",
        "status_score_high",
        "maturity_score_low",
        "maturity_score_high",
        "owner",
        "due_date",
        "source",
        "notes",
    ])?;
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
    Ok(())
}

/// The `evidence` sheet: evidence given and the sources of inferred results.
fn evidence_sheet(wb: &mut Workbook, bold: &Format, e: &Evaluation) -> Result<()> {
    let mut sh = add_sheet(wb, "evidence", bold)?;
    sh.header(&[
        "requirement",
        "kind",
        "reference",
        "source_status",
        "relationship",
        "confidence",
        "provenance",
        "mappings",
        "carries",
        "document_source",
    ])?;
    for rs in &e.requirements {
        for ev in &rs.evidence {
            sh.row(&[
                s(rs.id.as_ref()),
                s("evidence"),
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
                    s("inferred_from"),
                    s(src.requirement.as_ref()),
                    s(src.status.as_str()),
                    s(src.relationship.as_str()),
                    s(src.confidence.as_str()),
                    s(src
                        .provenance
                        .iter()
                        .map(|p| {
                            serde_json::to_value(p)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        })
                        .collect::<Vec<_>>()
                        .join(", ")),
                    s(src.mappings.join(", ")),
                    s(src.carries.as_str()),
                    s(src.source.clone().unwrap_or_default()),
                ])?;
            }
        }
    }
    Ok(())
}

/// The `gaps` sheet: each requirement with a gap, and its formula.
fn gaps_sheet(wb: &mut Workbook, bold: &Format, e: &Evaluation, lang: Lang) -> Result<()> {
    let mut sh = add_sheet(wb, "gaps", bold)?;
    sh.header(&[
        "requirement",
        "status",
        "basis",
        "status_gap",
        "maturity_gap",
        "gap",
        "worst_case",
        "formula",
    ])?;
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
            s(if g.worst_case { "yes" } else { "no" }),
            s(g.formula.as_str()),
        ])?;
    }
    Ok(())
}

/// The `plan` sheet: the remediation plan's items in order.
fn plan_sheet(wb: &mut Workbook, bold: &Format, p: &Plan, lang: Lang) -> Result<()> {
    let mut sh = add_sheet(wb, "plan", bold)?;
    sh.header(&[
        "order",
        "rank",
        "requirement",
        "title",
        "kind",
        "priority",
        "gap",
        "weight",
        "risk_factor",
        "risk_level",
        "effort",
        "effort_from",
        "formula",
        "due_date",
        "due_from",
        "quarter",
        "owner",
        "after",
    ])?;
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
    Ok(())
}
