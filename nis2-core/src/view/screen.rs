//! The view of `screen` (ops `rows` and `csv`, explained or verdict): the counts, then one
//! line per row with its outcome, class, size class and supervision, or its error; and the CSV
//! of a verdict-level screening (the columns `nis2 screen` writes).

use super::doc::Doc;
use super::messages::danish;
use super::model::{Table, View};
use super::words::Words;
use serde_json::Value;

use crate::error::{Error, Result, PROBLEMS};
use crate::lang::Lang;
use crate::screen::columns::text_cells;
use crate::screen::csv::write_record;
use crate::screen::flat::{VerdictCells, VERDICT_COLUMNS};

/// The counts and the rows of a screening.
pub(crate) fn view(doc: &Doc<'_>, op: &str, w: &Words) -> Result<View> {
    let mut v = View::new(w.op(op), w.lang);
    let s = doc.obj("summary")?;
    let n =
        |k: &str| -> Result<String> { Ok(s.num(k)?.map(|x| format!("{x}")).unwrap_or_default()) };
    v.facts(vec![
        (w.field("rows"), n("rows")?),
        (w.field("screened"), n("screened")?),
        (w.field("errors"), n("errors")?),
    ]);
    for field in ["in_scope", "classification", "size_class"] {
        let mut t = Table::new(w.field(field), &[&w.field(field), &w.field("rows")]);
        for c in s.objs(field)? {
            t.row(vec![w.value(field, c.str(field)?), n_of(&c)?]);
        }
        v.table(t);
    }
    let rows = doc.objs("rows")?;
    if rows.is_empty() {
        return Ok(v);
    }
    let mut t = Table::new(
        w.field("rows"),
        &[
            &w.field("index"),
            &w.field("id"),
            &w.field("in_scope"),
            &w.field("classification"),
            &w.field("size_class"),
            &w.field("supervision"),
            &w.field("error"),
        ],
    );
    for r in rows {
        let outcome = match r.opt_obj("verdict")? {
            Some(x) => Some(x),
            None => r.opt_obj("result")?,
        };
        let mut cells = vec![
            r.num("index")?.map(|x| format!("{x}")).unwrap_or_default(),
            r.opt_str("id")?.unwrap_or_default().to_owned(),
        ];
        match outcome {
            Some(o) => {
                let size = match o.opt_str("size_class")? {
                    Some(c) => c,
                    None => o.obj("size")?.str("class")?,
                };
                let supervision = match o.get("supervision") {
                    Some(serde_json::Value::Object(_)) => o.obj("supervision")?.str("regime")?,
                    _ => o.str("supervision")?,
                };
                cells.push(w.value("in_scope", o.str("in_scope")?));
                cells.push(w.value("classification", o.str("classification")?));
                cells.push(w.value("size_class", size));
                cells.push(w.value("supervision", supervision));
                cells.push(String::new());
            }
            None => {
                cells.extend(std::iter::repeat_n(String::new(), 4));
                cells.push(match r.opt_obj("error")? {
                    Some(e) => error_text(&e, w.lang)?,
                    None => String::new(),
                });
            }
        }
        t.row(cells);
    }
    v.table(t);
    Ok(v)
}

/// A row's error as the view shows it: its message, in Danish in a Danish view (the document
/// keeps the English; `super::messages`). The problems of a `multiple` error are each put
/// into Danish and listed again under its count.
fn error_text(e: &Doc<'_>, lang: Lang) -> Result<String> {
    let message = e.str("message")?;
    if lang != Lang::Da {
        return Ok(message.to_owned());
    }
    let listed = match e.get("errors") {
        Some(_) => e.objs("errors")?,
        None => Vec::new(),
    };
    let count = message.split_once(PROBLEMS).map(|(n, _)| n);
    match count {
        Some(n) if !listed.is_empty() => {
            let each = listed
                .iter()
                .map(|p| Ok(danish(p.str("message")?)?.into_owned()))
                .collect::<Result<Vec<_>>>()?;
            Ok(danish(&format!("{n}{PROBLEMS}{}", each.join("; ")))?.into_owned())
        }
        _ => Ok(danish(message)?.into_owned()),
    }
}

fn n_of(c: &Doc<'_>) -> Result<String> {
    Ok(c.num("rows")?.map(|x| format!("{x}")).unwrap_or_default())
}

/// The CSV of a screening at the verdict level: [`VERDICT_COLUMNS`], one line per row, written
/// as `nis2 screen` writes them (byte for byte: the same cells, the same writer).
pub(crate) fn csv(document: &Value) -> Result<String> {
    let doc = Doc::root(document)?;
    let op = doc.str("op")?;
    if !op.starts_with("screen.") || doc.opt_str("detail")? != Some("verdict") {
        return Err(Error::invalid(
            "format",
            "csv is the table of a screening's verdicts: render a `screen` result called at the verdict level (detail `verdict`), or choose md, html, svg or table",
        ));
    }
    let mut out = String::new();
    write_record(&mut out, &VERDICT_COLUMNS, b',');
    for (i, row) in doc.objs("rows")?.iter().enumerate() {
        let index = row
            .num("index")?
            .map(|x| format!("{x}"))
            .unwrap_or_default();
        let id = row.opt_str("id")?.unwrap_or_default();
        let cells = match (row.opt_obj("verdict")?, row.opt_obj("error")?) {
            (Some(v), _) => cells_of_verdict(&v)?,
            (None, Some(e)) => VerdictCells {
                error: Some((
                    e.str("kind")?,
                    e.opt_str("path")?,
                    e.str("message")?.to_owned(),
                )),
                ..VerdictCells::default()
            },
            (None, None) => {
                return Err(Error::invalid(
                    format!("$.rows[{i}]"),
                    "a screened row has a `verdict` or an `error`",
                ))
            }
        };
        write_record(&mut out, &text_cells(&index, id, cells), b',');
    }
    Ok(out)
}

/// The columns of a row's verdict read back from the document: its codes as written, the
/// reasons by rule id, the open questions and displacements by id.
fn cells_of_verdict<'a>(v: &Doc<'a>) -> Result<VerdictCells<'a>> {
    let ids = |field: &str, key: &str| -> Result<Vec<&'a str>> {
        match v.get(field) {
            None => Ok(Vec::new()),
            Some(_) => v.objs(field)?.iter().map(|item| item.str(key)).collect(),
        }
    };
    Ok(VerdictCells {
        in_scope: Some(v.str("in_scope")?),
        classification: Some(v.str("classification")?),
        possible_classifications: v.strs("possible_classifications")?,
        size_class: Some(v.str("size_class")?),
        possible_size_classes: v.strs("possible_size_classes")?,
        supervision: Some(v.str("supervision")?),
        reasons: ids("reasons", "rule")?,
        open_questions: ids("open_questions", "id")?,
        displacements: ids("displacements", "id")?,
        error: None,
    })
}
