//! The view of `reference` op `labels`: the provenance of the catalog, then one row per label
//! with its key as written and its words in English and Danish (the keys are data, not fields
//! with a heading of their own).

use super::doc::Doc;
use super::generic;
use super::model::{Block, Table, View};
use super::words::Words;
use crate::error::Result;

/// The label catalog (explained or verdict: the verdict has no labels).
pub(crate) fn catalog(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(w.op("reference.labels"), w.lang);
    if let Some(p) = doc.opt_obj("provenance")? {
        v.heading(w.field("provenance"));
        generic::section(&mut v, &p, w, 1);
    }
    if let Some(labels) = doc.opt_obj("labels")? {
        let mut t = Table::new(
            w.field("labels"),
            &[&w.field("key"), &w.field("en"), &w.field("da")],
        );
        for (key, text) in labels.members() {
            let word = |lang: &str| text.get(lang).and_then(|x| x.as_str()).unwrap_or_default();
            t.rows.push(vec![
                key.clone(),
                word("en").to_owned(),
                word("da").to_owned(),
            ]);
        }
        v.push(Block::Table(t));
    }
    Ok(v)
}
