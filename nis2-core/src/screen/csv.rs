//! CSV tables as every surface reads and writes them: the `screen` op `csv` (a whole table in the
//! request's `content`, as the calculator sends it), the CLI's `nis2 screen` (streamed) and the
//! `csv` rendering of a screening use this reader and writer, so a table reads and writes alike
//! everywhere. RFC 4180: a field in double quotes may hold the delimiter, line breaks and doubled
//! quotes (text after its closing quote is kept, as most readers do); records end at LF or
//! CRLF; blank lines are skipped; a UTF-8 byte-order mark is dropped; rows may have fewer or
//! more cells than the header (the row is then an error of its own, not of the table). A
//! quoted field left open at the end of the input, text that is not UTF-8, or a record longer
//! than [`MAX_RECORD_BYTES`] is an error of the table.

use std::io::BufRead;

use super::flat::{ColumnMap, Header};
use super::ReadRow;
use crate::error::{Error, Result};
use crate::limits::MAX_ITEMS;
pub use crate::limits::MAX_RECORD_BYTES;

/// The records of a CSV table, read one at a time.
#[derive(Debug)]
pub struct Records<R> {
    input: R,
    delimiter: u8,
    line: String,
    /// The line (1-based) where the next record starts.
    line_no: usize,
}

impl<R: BufRead> Records<R> {
    /// A reader over `input`, with fields separated by `delimiter`.
    pub fn new(input: R, delimiter: u8) -> Self {
        Records {
            input,
            delimiter,
            line: String::new(),
            line_no: 1,
        }
    }

    /// The next line (without its line break); `None` at the end.
    fn next_line(&mut self) -> Result<Option<&str>> {
        self.line.clear();
        let n = std::io::Read::take(
            &mut self.input,
            u64::try_from(MAX_RECORD_BYTES + 2).unwrap_or(u64::MAX),
        )
        .read_line(&mut self.line)
        .map_err(|e| self.error(&format!("it does not read: {e}")))?;
        if n == 0 {
            return Ok(None);
        }
        if !self.line.ends_with('\n') && n > MAX_RECORD_BYTES {
            return Err(self.too_long());
        }
        if self.line_no == 1 {
            if let Some(rest) = self.line.strip_prefix('\u{feff}') {
                self.line = rest.to_owned();
            }
        }
        let end = self
            .line
            .trim_end_matches('\n')
            .trim_end_matches('\r')
            .len();
        Ok(self.line.get(..end))
    }

    fn error(&self, message: &str) -> Error {
        Error::invalid(
            "$",
            format!(
                "the CSV table does not read at line {}: {message}",
                self.line_no
            ),
        )
    }

    fn too_long(&self) -> Error {
        Error::limit(
            "$",
            crate::limits::Limit::RecordBytes,
            format!(
                "the CSV table does not read at line {}: a record is longer than {MAX_RECORD_BYTES} bytes (limit max_record_bytes = {MAX_RECORD_BYTES})",
                self.line_no
            ),
        )
    }

    /// The next record's cells into `cells`; `false` at the end of the table.
    pub fn read(&mut self, cells: &mut Vec<String>) -> Result<bool> {
        cells.clear();
        let delimiter = char::from(self.delimiter);
        let (mut field, mut quoted, mut at_start, mut len) = (String::new(), false, true, 0usize);
        let start = self.line_no;
        loop {
            let Some(line) = self.next_line()? else {
                if quoted {
                    self.line_no = start;
                    return Err(self.error("a quoted field is not closed before the end"));
                }
                return Ok(false);
            };
            len += line.len() + 1;
            if !quoted && line.is_empty() {
                self.line_no += 1;
                continue;
            }
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                match (quoted, c) {
                    (true, '"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    (true, '"') => quoted = false,
                    (true, c) => field.push(c),
                    (false, '"') if at_start => quoted = true,
                    (false, c) if c == delimiter => {
                        cells.push(std::mem::take(&mut field));
                        at_start = true;
                        continue;
                    }
                    (false, c) => field.push(c),
                }
                at_start = false;
            }
            self.line_no += 1;
            if len > MAX_RECORD_BYTES {
                return Err(self.too_long());
            }
            if quoted {
                field.push('\n');
                continue;
            }
            cells.push(field);
            return Ok(true);
        }
    }
}

/// The table's header, read and checked (against the column map when there is one).
pub fn header<R: BufRead>(records: &mut Records<R>, map: Option<&ColumnMap>) -> Result<Header> {
    let mut names = Vec::new();
    if !records.read(&mut names)? {
        return Err(Error::invalid(
            "$",
            "the CSV table is empty: it needs a header row naming its columns",
        ));
    }
    match map {
        Some(m) => Header::mapped(m, &names),
        None => Header::new(&names),
    }
}

/// Append one record to `out`: fields quoted only where they must be (a delimiter, a quote or
/// a line break inside), a line break after it.
pub fn write_record<S: AsRef<str>>(out: &mut String, cells: &[S], delimiter: u8) {
    let delimiter = char::from(delimiter);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        let cell = cell.as_ref();
        if cell.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    if cells.len() == 1 && cells.first().is_some_and(|c| c.as_ref().is_empty()) {
        out.push_str("\"\"");
    }
    out.push('\n');
}

/// The delimiter of a request: the map's, the request's, or `,`; both given must agree.
pub(crate) fn delimiter(map: Option<&ColumnMap>, given: Option<&str>) -> Result<u8> {
    let given = match given {
        None => None,
        Some(d) if d.len() == 1 && d.is_ascii() && !matches!(d, "\"" | "\n" | "\r") => {
            d.as_bytes().first().copied()
        }
        Some(d) => {
            return Err(Error::invalid(
                "$.delimiter",
                format!("a delimiter is one ASCII character other than a quote or a line break (`,`, `;`, a tab), got `{d}`"),
            ))
        }
    };
    let of_map = map.and_then(|m| m.delimiter.as_ref().map(|_| m.delimiter_byte()));
    match (of_map.transpose()?, given) {
        (Some(m), Some(g)) if m != g => Err(Error::invalid(
            "$.delimiter",
            format!(
                "`{}` differs from the column map's delimiter `{}`: give it once",
                char::from(g),
                char::from(m)
            ),
        )),
        (Some(d), _) | (None, Some(d)) => Ok(d),
        (None, None) => Ok(b','),
    }
}

/// Every row of a whole table given as text, read; at most [`MAX_ITEMS`] rows.
pub(crate) fn read_table(
    content: &str,
    map: Option<&ColumnMap>,
    delimiter: u8,
) -> Result<Vec<ReadRow>> {
    let mut records = Records::new(content.as_bytes(), delimiter);
    let header = header(&mut records, map)?;
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    while records.read(&mut cells)? {
        if rows.len() == MAX_ITEMS {
            return Err(Error::limit(
                "$.content",
                crate::limits::Limit::Items,
                format!("the table has more than {MAX_ITEMS} rows (limit max_items = {MAX_ITEMS}); screen it in parts, or with `nis2 screen`, which streams"),
            ));
        }
        rows.push(header.read(&cells));
    }
    Ok(rows)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn records(text: &str) -> Result<Vec<Vec<String>>> {
        let mut r = Records::new(text.as_bytes(), b',');
        let (mut out, mut cells) = (Vec::new(), Vec::new());
        while r.read(&mut cells)? {
            out.push(cells.clone());
        }
        Ok(out)
    }

    #[test]
    fn quotes_line_breaks_bom_and_blank_lines() {
        let text = "\u{feff}id,entity_types,staff_headcount\r\n\"a,1\",NIS2-I-01a-01,\"1\"\"\"\n\n\"b\r\nc\",NIS2-I-01a-01,300\n";
        let rows = read_table(text, None, b',').unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id.as_deref(), Some("a,1"));
        assert_eq!(rows[1].id.as_deref(), Some("b\nc"));
        assert_eq!(
            records("a,\"b\"c,d\"e\n,\n\"\"").unwrap(),
            vec![
                vec!["a".to_owned(), "bc".to_owned(), "d\"e".to_owned()],
                vec![String::new(), String::new()],
                vec![String::new()],
            ]
        );
        assert!(records("a,\"b\n").is_err());
        assert!(records(&"x".repeat(MAX_RECORD_BYTES + 10)).is_err());
        assert!(read_table("", None, b',').is_err());
    }

    #[test]
    fn written_records_read_back() {
        let cells = ["plain", "a,b", "say \"hi\"", "two\nlines", "", "é"];
        let mut out = String::new();
        write_record(&mut out, &cells, b',');
        write_record(&mut out, &[""], b',');
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,é\n\"\"\n"
        );
        let back = records(&out).unwrap();
        assert_eq!(back[0], cells.map(str::to_owned).to_vec());
        assert_eq!(back[1], vec![String::new()]);
    }

    #[test]
    fn delimiters_agree_or_fail() {
        assert_eq!(delimiter(None, None).unwrap(), b',');
        assert_eq!(delimiter(None, Some(";")).unwrap(), b';');
        assert!(delimiter(None, Some("\"")).is_err());
        assert!(delimiter(None, Some(";;")).is_err());
    }
}
