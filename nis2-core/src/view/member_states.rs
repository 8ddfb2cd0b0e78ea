//! The view of `reference` op `member_states`: the provenance of the set, then one row per State
//! with its transposition, act, date in force, the date read and how many of its items are
//! verified, secondary or unverified.

use super::doc::Doc;
use super::model::{Table, View};
use super::words::Words;
use crate::error::Result;

/// The overview of every State (explained or verdict: the verdict has no names).
pub(crate) fn overview(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(w.op("reference.member_states"), w.lang);
    if let Some(p) = doc.opt_obj("provenance")? {
        v.heading(w.field("provenance"));
        v.facts(vec![
            (w.field("source"), w.prose(p.str("source")?)),
            (w.field("licence"), w.prose(p.str("licence")?)),
            (w.field("status"), w.value("status", p.str("status")?)),
        ]);
    }
    let coverage = doc.objs("coverage")?;
    let mut t = Table::new(
        w.heading("member_states"),
        &[
            &w.field("code"),
            &w.field("name"),
            &w.field("transposition"),
            &w.field("act"),
            &w.field("in_force"),
            &w.field("read_on"),
            &format!("#{}", w.field("verified")),
            &format!("#{}", w.field("secondary")),
            &format!("#{}", w.field("unverified")),
        ],
    );
    for s in doc.objs("states")? {
        let code = s.str("code")?;
        let tr = s.obj("transposition")?;
        let act = match tr.opt_obj("act")? {
            Some(a) => a
                .opt_str("number")?
                .map_or_else(|| a.str("name").map(str::to_owned), |n| Ok(n.to_owned()))?,
            None => String::new(),
        };
        let in_force = match tr.opt_str("in_force")? {
            Some(d) => format!("{d} ({})", w.value("status", tr.str("in_force_status")?)),
            None => String::new(),
        };
        let transposition = format!(
            "{} ({})",
            w.value("transposition_status", tr.str("status")?),
            w.value("status", tr.str("item_status")?)
        );
        let counts = coverage
            .iter()
            .find(|c| c.str("code").ok() == Some(code))
            .map(|c| -> Result<[String; 3]> {
                let n = |k: &str| -> Result<String> {
                    Ok(c.num(k)?
                        .map(|x| crate::float_text::Plain(x).to_string())
                        .unwrap_or_default())
                };
                Ok([n("verified")?, n("secondary")?, n("unverified")?])
            })
            .transpose()?
            .unwrap_or_default();
        let [verified, secondary, unverified] = counts;
        t.row(vec![
            code.to_owned(),
            s.get("name").and_then(|n| w.text(n)).unwrap_or_default(),
            transposition,
            act,
            in_force,
            tr.str("read_on")?.to_owned(),
            verified,
            secondary,
            unverified,
        ]);
    }
    v.table(t);
    Ok(v)
}
