//! The view of `screen` (ops `rows` and `csv`, explained or verdict): the counts, then one
//! line per row with its outcome, class, size class and supervision, or its error; and the CSV
//! of a verdict-level screening (the columns `nis2 screen` writes).

use super::doc::Doc;
use super::model::{Table, View};
use super::words::Words;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::screen::csv::write_record;
use crate::screen::flat::VERDICT_COLUMNS;

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
                cells.push(
                    r.opt_obj("error")?
                        .map_or(Ok(String::new()), |e| e.str("message").map(str::to_owned))?,
                );
            }
        }
        t.row(cells);
    }
    v.table(t);
    Ok(v)
}

fn n_of(c: &Doc<'_>) -> Result<String> {
    Ok(c.num("rows")?.map(|x| format!("{x}")).unwrap_or_default())
}

/// The CSV of a screening at the verdict level: [`VERDICT_COLUMNS`], one line per row, written
/// as `nis2 screen` writes them (byte for byte).
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
        let at = format!("$.rows[{i}]");
        let index = row
            .num("index")?
            .map(|x| format!("{x}"))
            .unwrap_or_default();
        let id = row.opt_str("id")?.unwrap_or_default();
        let cells = match (row.opt_obj("verdict")?, row.opt_obj("error")?) {
            (Some(v), _) => verdict_cells(&index, id, &v)?,
            (None, Some(e)) => {
                let mut cells: [String; 14] = Default::default();
                let values = [
                    index,
                    id.to_owned(),
                    e.str("kind")?.to_owned(),
                    e.opt_str("path")?.unwrap_or_default().to_owned(),
                    e.str("message")?.to_owned(),
                ];
                for (slot, value) in [0, 1, 11, 12, 13].into_iter().zip(values) {
                    if let Some(cell) = cells.get_mut(slot) {
                        *cell = value;
                    }
                }
                cells
            }
            (None, None) => {
                return Err(Error::invalid(
                    at,
                    "a screened row has a `verdict` or an `error`",
                ))
            }
        };
        write_record(&mut out, &cells, b',');
    }
    Ok(out)
}

/// The cells of a row's verdict, as the core's typed writer fills them (codes as written, lists
/// joined with `;`).
fn verdict_cells(index: &str, id: &str, v: &Doc<'_>) -> Result<[String; 14]> {
    let codes = |field: &str, key: Option<&str>| -> Result<String> {
        let list = match (key, v.get(field)) {
            (_, None) => Vec::new(),
            (None, Some(_)) => v.strs(field)?,
            (Some(k), Some(_)) => v
                .objs(field)?
                .iter()
                .map(|item| item.str(k))
                .collect::<Result<Vec<_>>>()?,
        };
        Ok(list.join(";"))
    };
    Ok([
        index.to_owned(),
        id.to_owned(),
        v.str("in_scope")?.to_owned(),
        v.str("classification")?.to_owned(),
        codes("possible_classifications", None)?,
        v.str("size_class")?.to_owned(),
        codes("possible_size_classes", None)?,
        v.str("supervision")?.to_owned(),
        codes("reasons", Some("rule"))?,
        codes("open_questions", Some("id"))?,
        codes("displacements", Some("id"))?,
        String::new(),
        String::new(),
        String::new(),
    ])
}
