//! The view of `screen` (ops `profiles` and `rows`, explained or verdict): the counts, then one
//! line per row with its outcome, class, size class and supervision, or its error.

use super::doc::Doc;
use super::model::{Table, View};
use super::words::Words;
use crate::error::Result;

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
