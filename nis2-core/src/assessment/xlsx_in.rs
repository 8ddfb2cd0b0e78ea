//! Reading workbooks back (calamine, pure Rust): the audit tables of `audit_import` and the
//! filled-in questionnaires of `questionnaire_import`. A sheet is read as rows of text, the
//! header on row 1; a merged cell, a formula or an error value is an error naming the sheet and
//! the cell, never a guess.

use calamine::{Data, Reader, Xlsx};

use crate::error::{Error, Result};
use crate::limits::{Limit, MAX_SHEET_CELLS as MAX_CELLS};

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

/// The most rows a sheet may have (`limits::MAX_SHEET_ROWS`).
const MAX_ROWS: u32 = 100_001;
/// The most columns a sheet may have (`limits::MAX_SHEET_COLUMNS`).
const MAX_COLUMNS: u32 = 256;
const _: () = assert!(
    MAX_ROWS as usize == crate::limits::MAX_SHEET_ROWS
        && MAX_COLUMNS as usize == crate::limits::MAX_SHEET_COLUMNS
);

fn offset(base: u32, i: usize) -> u32 {
    base.saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
}

impl Book {
    /// The rows of sheet `name` as text (row 1 first; a blank leading column is kept as blank
    /// cells so that column letters stay right).
    pub(crate) fn rows(&mut self, name: &str, dates: Dates) -> Result<Vec<Vec<String>>> {
        self.check_extent(name)?;
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

impl Book {
    /// Stream the sheet's cells once, before anything is built from them, and stop at the first
    /// one past the limits: a hostile workbook (a cell at the far corner, millions of cells)
    /// costs time proportional to what is read up to the limit, never a sheet-sized grid.
    fn check_extent(&mut self, name: &str) -> Result<()> {
        let mut reader = self.wb.worksheet_cells_reader(name).map_err(not_readable)?;
        let mut count = 0usize;
        while let Some(cell) = reader.next_cell().map_err(not_readable)? {
            count += 1;
            let (r, c) = cell.get_position();
            let (limit, problem) = if count > MAX_CELLS {
                (
                    Limit::SheetCells,
                    format!("more than {MAX_CELLS} cells (limit max_cells = {MAX_CELLS})"),
                )
            } else if r >= MAX_ROWS {
                (Limit::SheetRows, format!("a cell on row {} (limit max_rows = {MAX_ROWS}: a header and max_items = {} rows)", u64::from(r) + 1, MAX_ROWS - 1))
            } else if c >= MAX_COLUMNS {
                (
                    Limit::SheetColumns,
                    format!(
                        "a cell in column {} (limit max_columns = {MAX_COLUMNS})",
                        super::xlsx::column_name(c)
                    ),
                )
            } else {
                continue;
            };
            return Err(Error::limit(
                "$.content",
                limit,
                format!("sheet `{name}`: {problem}"),
            ));
        }
        Ok(())
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
