//! `nis2 screen`: a table of organisations (CSV or JSON Lines, in the core's flat layout) in, one
//! verdict row per input row out, streamed in chunks, with a progress line on a terminal and the
//! core's summary view at the end.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::time::Instant;

use nis2_core::api::{self, Format as ViewFormat};
use nis2_core::screen::csv::{write_record, Records};
use nis2_core::screen::flat::{self, Header, VERDICT_COLUMNS};
use nis2_core::screen::memo::{Memo, Outcome};
use nis2_core::screen::{map_rows, Tally};
use nis2_core::Lang;
use serde_json::{json, Value};

use crate::{fail, Failure};

/// Rows screened per chunk (bounded memory whatever the input's length).
const CHUNK: usize = 8192;

/// The table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TableFormat {
    Csv,
    Jsonl,
}

impl TableFormat {
    fn of_path(path: &str) -> Option<TableFormat> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(TableFormat::Csv)
        } else if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            Some(TableFormat::Jsonl)
        } else {
            None
        }
    }
}

/// What `nis2 screen` was asked.
#[derive(Debug)]
pub(crate) struct Screen {
    pub file: String,
    pub output: Option<String>,
    pub input_format: Option<TableFormat>,
    pub output_format: Option<TableFormat>,
    pub strict: bool,
    pub progress: bool,
    pub lang: Lang,
    /// A register's column map (`--columns`).
    pub columns: Option<String>,
}

/// A source of read rows.
enum Rows {
    Csv {
        records: Records<BufReader<Box<dyn Read>>>,
        header: Header,
    },
    Jsonl {
        lines: Lines,
    },
}

impl Rows {
    fn open(file: &str, format: TableFormat, columns: Option<&str>) -> Result<Rows, Failure> {
        let map = match columns {
            None => None,
            Some(_) if format == TableFormat::Jsonl => return Err(fail(
                "usage",
                "--columns maps the columns of a CSV file; JSON Lines rows use the layout's names",
            )),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    fail("io", format!("cannot read the column map at `{path}`: {e}"))
                })?;
                Some(flat::ColumnMap::parse(&text)?)
            }
        };
        let input: Box<dyn Read> = if file == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(
                std::fs::File::open(file)
                    .map_err(|e| fail("io", format!("cannot read the input at `{file}`: {e}")))?,
            )
        };
        match format {
            TableFormat::Csv => {
                let delimiter = map
                    .as_ref()
                    .map_or(Ok(b','), flat::ColumnMap::delimiter_byte)?;
                // The core's reader and header checks: the same as the `screen` op `csv`.
                let mut records = Records::new(BufReader::with_capacity(1 << 16, input), delimiter);
                let header = nis2_core::screen::csv::header(&mut records, map.as_ref())?;
                Ok(Rows::Csv { records, header })
            }
            TableFormat::Jsonl => Ok(Rows::Jsonl {
                lines: Lines {
                    input: BufReader::with_capacity(1 << 16, input),
                    line_no: 0,
                },
            }),
        }
    }

    /// The next chunk of rows (empty at the end), read by the core and answered through the
    /// memo, in parallel: each row's answer and id.
    fn chunk(&mut self, memo: &mut Memo) -> Result<(Vec<Outcome>, Vec<Option<String>>), Failure> {
        match self {
            Rows::Csv { records, header } => {
                let mut batch: Vec<Vec<String>> = Vec::with_capacity(CHUNK);
                let mut cells = Vec::new();
                while batch.len() < CHUNK && records.read(&mut cells)? {
                    batch.push(std::mem::take(&mut cells));
                }
                let header = &*header;
                let row = |i: usize| batch.get(i).map_or(&[][..], Vec::as_slice);
                Ok(memo.read_and_answer_cells(
                    batch.len(),
                    |i, key| header.cell_key(row(i), key),
                    |i| header.id(row(i)),
                    |i| header.read(row(i)),
                ))
            }
            Rows::Jsonl { lines } => {
                let mut batch = Vec::with_capacity(CHUNK);
                while batch.len() < CHUNK {
                    match lines.next()? {
                        Some(line) if line.trim().is_empty() => {}
                        Some(line) => batch.push(line),
                        None => break,
                    }
                }
                Ok(memo.read_and_answer(batch.len(), |i| {
                    flat::read_line(batch.get(i).map_or("", String::as_str))
                }))
            }
        }
    }
}

/// The lines of a JSON Lines input, each at most `max_record_bytes` long (a longer line is an
/// error of the input naming the line and the limit, as a CSV record is).
struct Lines {
    input: BufReader<Box<dyn Read>>,
    line_no: usize,
}

impl Lines {
    fn next(&mut self) -> Result<Option<String>, Failure> {
        const MAX: usize = nis2_core::limits::MAX_RECORD_BYTES;
        let mut line = String::new();
        let n = Read::take(&mut self.input, u64::try_from(MAX + 2).unwrap_or(u64::MAX))
            .read_line(&mut line)
            .map_err(|e| fail("io", format!("cannot read the input: {e}")))?;
        if n == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        if !line.ends_with('\n') && n > MAX {
            return Err(nis2_core::Error::limit(
                "$",
                nis2_core::limits::Limit::RecordBytes,
                format!(
                    "line {} of the JSON Lines input is longer than {MAX} bytes (limit max_record_bytes = {MAX})",
                    self.line_no
                ),
            )
            .into());
        }
        let end = line.trim_end_matches('\n').trim_end_matches('\r').len();
        line.truncate(end);
        Ok(Some(line))
    }
}

/// The input's format: named, from the extension, or (standard input) from its first byte.
fn input_format(s: &Screen) -> Result<TableFormat, Failure> {
    if let Some(f) = s.input_format.or_else(|| TableFormat::of_path(&s.file)) {
        return Ok(f);
    }
    Err(fail(
        "usage",
        format!(
            "cannot tell the format of `{}`: name it .csv or .jsonl, or pass --input-format",
            s.file
        ),
    ))
}

/// Run `nis2 screen`.
pub(crate) fn run(s: &Screen) -> Result<u8, Failure> {
    let mut rows = Rows::open(&s.file, input_format(s)?, s.columns.as_deref())?;
    let out_format = match (&s.output, s.output_format) {
        (_, Some(f)) => f,
        (Some(path), None) => TableFormat::of_path(path).ok_or_else(|| {
            fail("usage", format!("cannot tell the format of `{path}`: name it .csv or .jsonl, or pass --output-format"))
        })?,
        (None, None) => TableFormat::Csv,
    };
    let sink: Box<dyn Write> = match &s.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| fail("io", format!("cannot write the output at `{path}`: {e}")))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let csv = out_format == TableFormat::Csv;
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, sink);
    if csv {
        let mut header = String::new();
        write_record(&mut header, &VERDICT_COLUMNS, b',');
        writer.write_all(header.as_bytes()).map_err(io_error)?;
    }
    let progress = s.progress && std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut index = 0usize;
    // Verdicts shared by rows with the same decision facts, and each one's output, formatted once.
    let mut memo = Memo::new();
    let mut tails: Vec<String> = Vec::new();
    loop {
        let (outcomes, ids) = rows.chunk(&mut memo)?;
        if outcomes.is_empty() {
            break;
        }
        for (i, o) in outcomes.iter().enumerate() {
            if let (true, Outcome::Error(e)) = (s.strict, o) {
                return Err(nis2_core::screen::in_row("rows", index + i, (**e).clone()).into());
            }
            tally.add_verdict(o.get(&memo));
        }
        let new: Vec<u32> = (u32::try_from(tails.len()).unwrap_or(u32::MAX)
            ..u32::try_from(memo.len()).unwrap_or(u32::MAX))
            .collect();
        for tail in map_rows(&new, |at| shared_tail(csv, &memo, *at)) {
            tails.push(tail?);
        }
        let rows: Vec<(usize, &Outcome, Option<&str>)> = outcomes
            .iter()
            .zip(&ids)
            .enumerate()
            .map(|(i, (o, id))| (index + i, o, id.as_deref()))
            .collect();
        let lines = map_rows(&rows, |(i, o, id)| match o {
            Outcome::Shared(at) => Ok(line_of_shared(csv, *i, *id, tails.get(*at as usize))),
            _ => format_line(csv, *i, *id, o.get(&memo)),
        });
        for line in lines {
            writer.write_all(line?.as_bytes()).map_err(io_error)?;
        }
        index += outcomes.len();
        if progress {
            show_progress(index, started);
        }
    }
    writer.flush().map_err(io_error)?;
    if progress {
        eprintln!();
    }
    let summary = summary_view(&tally, s.lang)?;
    if s.output.is_some() {
        crate::emit(&summary)?;
    } else {
        eprint!("{summary}");
    }
    Ok(0)
}

/// The rate so far and the rows done (the input's length is not known while streaming).
fn show_progress(done: usize, started: Instant) {
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    #[allow(clippy::cast_precision_loss)]
    let rate = done as f64 / secs;
    eprint!("\rscreened {done} rows in {secs:.1} s ({rate:.0} rows/s)");
}

/// The core's view of the counts (a screen verdict without rows).
fn summary_view(tally: &Tally, lang: Lang) -> Result<String, Failure> {
    let summary = serde_json::to_value(tally.summary()).map_err(|e| fail("internal", e))?;
    let doc = json!({
        "op": "screen.rows",
        "detail": "verdict",
        "schema_version": "1",
        "rows": Value::Array(Vec::new()),
        "summary": summary,
    });
    Ok(api::render(&doc, ViewFormat::Table, lang)?)
}

/// One row's output, formatted (in parallel: no writing here): a CSV record or a JSON line,
/// with its line break.
fn format_line(
    csv: bool,
    index: usize,
    id: Option<&str>,
    verdict: Result<&nis2_core::scope::verdict::ScopeVerdict, &nis2_core::Error>,
) -> Result<String, Failure> {
    Ok(if csv {
        let mut text = String::with_capacity(256);
        write_record(&mut text, &flat::verdict_cells(index, id, verdict), b',');
        text
    } else {
        let mut text = flat::verdict_line(index, id, verdict)?;
        text.push('\n');
        text
    })
}

/// The output of the memo's verdict `at` after the row's index and id, formatted once for
/// every row that shares it: the line written for it at index 0 without an id, less its start
/// (`0,,` in CSV, `{"index":0,` in JSON Lines).
fn shared_tail(csv: bool, memo: &Memo, at: u32) -> Result<String, Failure> {
    let verdict = memo
        .verdict(at)
        .ok_or_else(|| fail("internal", "a shared verdict is missing"))?;
    let line = format_line(csv, 0, None, Ok(verdict))?;
    let start = if csv { "0,," } else { "{\"index\":0," };
    line.strip_prefix(start)
        .map(str::to_owned)
        .ok_or_else(|| fail("internal", "a verdict line starts unexpectedly"))
}

/// A row's output from its shared verdict's tail: the same bytes as [`format_line`].
fn line_of_shared(csv: bool, index: usize, id: Option<&str>, tail: Option<&String>) -> String {
    let tail = tail.map_or("", String::as_str);
    let mut line = String::with_capacity(tail.len() + 32);
    if csv {
        write_record(
            &mut line,
            &[index.to_string().as_str(), id.unwrap_or_default()],
            b',',
        );
        line.pop();
        line.push(',');
    } else {
        line.push_str("{\"index\":");
        line.push_str(&index.to_string());
        line.push(',');
        if let Some(id) = id {
            line.push_str("\"id\":");
            line.push_str(&serde_json::Value::String(id.to_owned()).to_string());
            line.push(',');
        }
    }
    line.push_str(tail);
    line
}

fn io_error(e: impl std::fmt::Display) -> Failure {
    fail("io", format!("cannot write the output: {e}"))
}
