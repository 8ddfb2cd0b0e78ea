//! Reading workbooks back (calamine, pure Rust): the audit tables of `audit_import` and the
//! filled-in questionnaires of `questionnaire_import`. A sheet is read as rows of text, the
//! header on row 1; a merged cell, a formula or an error value is an error naming the sheet and
//! the cell, never a guess.

use calamine::{Data, Reader, Xlsx};

use crate::error::{Error, Result};

/// An open workbook.
pub(crate) struct Book {
    wb: Xlsx<std::io::Cursor<Vec<u8>>>,
    /// Its sheets, in order (hidden ones included).
    pub(crate) names: Vec<String>,
}

/// What a date cell becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dates {
    /// An error: only text belongs here.
    Reject,
    /// `YYYY-MM-DD` (a date with a time of day is an error).
    Iso,
}

/// Decode base64 (RFC 4648, with or without padding; whitespace ignored).
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xFF).unwrap_or(0));
        }
    }
    Some(out)
}

fn not_readable(e: calamine::XlsxError) -> Error {
    Error::invalid(
        "$.content",
        format!("not an XLSX workbook that can be read: {e}"),
    )
}

/// Open a workbook given in base64 (problems at `$.content`).
pub(crate) fn open(content: &str) -> Result<Book> {
    let bytes = decode_base64(content).ok_or_else(|| {
        Error::invalid(
            "$.content",
            "not base64 (an XLSX workbook is given in base64)",
        )
    })?;
    let wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(not_readable)?;
    let names = wb.sheet_names().clone();
    Ok(Book { wb, names })
}

fn offset(base: u32, i: usize) -> u32 {
    base.saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
}

impl Book {
    /// The rows of sheet `name` as text (row 1 first; a blank leading column is kept as blank
    /// cells so that column letters stay right).
    pub(crate) fn rows(&mut self, name: &str, dates: Dates) -> Result<Vec<Vec<String>>> {
        let at = |row: u32, col: u32, what: &str| {
            Error::invalid(
                "$.content",
                format!(
                    "sheet `{name}`, cell {}{}: {what}",
                    super::xlsx::column_name(col),
                    u64::from(row) + 1
                ),
            )
        };
        let merged = self
            .wb
            .merge_cells_by_sheet_name(name)
            .map_err(not_readable)?;
        if let Some(m) = merged.first() {
            return Err(at(
                m.start.0,
                m.start.1,
                "a merged cell; unmerge it so that every row has its own values",
            ));
        }
        let formulas = self.wb.worksheet_formula(name).map_err(not_readable)?;
        if let Some((r, c, _)) = formulas.used_cells().find(|(_, _, f)| !f.is_empty()) {
            let (r0, c0) = formulas.start().unwrap_or((0, 0));
            return Err(at(
                offset(r0, r),
                offset(c0, c),
                "a formula where a value belongs; paste it as a value",
            ));
        }
        let range = self.wb.worksheet_range(name).map_err(not_readable)?;
        if range.is_empty() {
            return Ok(Vec::new());
        }
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); usize::try_from(r0).unwrap_or(0)];
        for (i, row) in range.rows().enumerate() {
            let mut cells: Vec<String> = vec![String::new(); usize::try_from(c0).unwrap_or(0)];
            for (j, cell) in row.iter().enumerate() {
                let here = |what: &str| at(offset(r0, i), offset(c0, j), what);
                cells.push(text_of(cell, dates).map_err(|m| here(&m))?);
            }
            rows.push(cells);
        }
        Ok(rows)
    }
}

/// A cell as text.
fn text_of(cell: &Data, dates: Dates) -> std::result::Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) if dates == Dates::Iso && d.is_datetime() => {
            let (y, m, day, hh, mm, ss, ms) = d.to_ymd_hms_milli();
            if (hh, mm, ss, ms) != (0, 0, 0, 0) {
                return Err("a date with a time of day; give the date alone (YYYY-MM-DD)".into());
            }
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(_) => return Err("a date where text belongs".into()),
        Data::Error(e) => return Err(format!("an error value ({e})")),
    })
}
