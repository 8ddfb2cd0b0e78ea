//! The view of any response document, read from its shape: scalars as facts, texts as
//! paragraphs, objects as sections, arrays of objects as tables. Operations with a view of their
//! own (`scope`, …) use it for the parts they do not shape themselves.

use serde_json::Value;

use super::doc::Doc;
use super::model::{Block, Table, View};
use super::words::Words;
use crate::error::Result;

/// Members that are about the document, not its content.
const SKIP: &[&str] = &["op", "detail", "schema_version"];

/// Members that hold a whole document (an export, a report, a calendar, a drawing): the view
/// says what it is and how long, rather than printing it in a cell.
const DOCUMENTS: &[&str] = &["content", "csv", "ics", "svg"];

/// The generic view of a document.
pub(crate) fn view(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let op = doc.str("op")?;
    let mut v = View::new(w.op(op), w.lang);
    section(&mut v, doc, w, 0);
    Ok(v)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_)) || crate::api::strip::is_text(v)
}

fn is_scalar_list(v: &Value) -> bool {
    matches!(v, Value::Array(items) if items.iter().all(|i| !matches!(i, Value::Object(_) | Value::Array(_))))
}

/// The facts, sections and tables of one object.
pub(crate) fn section(v: &mut View, doc: &Doc<'_>, w: &Words, depth: usize) {
    let mut facts = Vec::new();
    let mut rest = Vec::new();
    for (k, val) in doc.members() {
        if depth == 0 && SKIP.contains(&k.as_str()) {
            continue;
        }
        if DOCUMENTS.contains(&k.as_str()) {
            if let Some(text) = val.as_str() {
                facts.push((
                    w.field(k),
                    format!("{} {}", text.len(), w.key("unit.bytes")),
                ));
            }
        } else if crate::api::strip::is_text(val) {
            if let Some(t) = w.text(val) {
                facts.push((w.field(k), t));
            }
        } else if is_scalar(val) || is_scalar_list(val) {
            facts.push((w.field(k), w.cell(k, val)));
        } else {
            rest.push((k, val));
        }
    }
    v.facts(facts);
    for (k, val) in rest {
        match val {
            Value::Object(map) if depth < 3 => {
                v.heading(w.field(k));
                let sub = Doc::root(val);
                if let Ok(sub) = sub {
                    let _ = map;
                    section(v, &sub, w, depth + 1);
                }
            }
            Value::Array(items) => {
                if let Some(t) = table(w, k, items) {
                    v.push(Block::Table(t));
                }
            }
            _ => {}
        }
    }
}

/// An array of objects as a table: a column per scalar member (in order of first appearance),
/// nested arrays and objects summarised.
pub(crate) fn table(w: &Words, field: &str, items: &[Value]) -> Option<Table> {
    let mut keys: Vec<&str> = Vec::new();
    for item in items {
        if let Value::Object(m) = item {
            for (k, val) in m {
                let shown = is_scalar(val) || is_scalar_list(val);
                if shown && !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
        }
    }
    if keys.is_empty() {
        return None;
    }
    let columns: Vec<String> = keys.iter().map(|k| w.field(k)).collect();
    let numeric: Vec<bool> = keys
        .iter()
        .map(|k| {
            items
                .iter()
                .filter_map(|i| i.get(*k))
                .all(|v| v.is_number() || v.is_null())
        })
        .collect();
    let rows = items
        .iter()
        .map(|item| {
            keys.iter()
                .map(|k| item.get(*k).map(|v| w.cell(k, v)).unwrap_or_default())
                .collect()
        })
        .collect();
    Some(Table {
        caption: w.field(field),
        columns,
        numeric,
        rows,
    })
}
