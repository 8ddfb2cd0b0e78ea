//! The views of a scope result and of a scope verdict.

use super::doc::Doc;
use super::model::{Table, View};
use super::words::Words;
use crate::error::Result;

fn title(doc: &Doc<'_>, w: &Words) -> Result<String> {
    Ok(match doc.opt_str("name")? {
        Some(name) => format!("{}: {name}", w.op("scope")),
        None => w.op("scope"),
    })
}

fn entity_label(id: &str, w: &Words) -> String {
    crate::entity_types::catalog()
        .ok()
        .and_then(|c| c.get(id))
        .map(|t| w.lang.pick(&t.label).to_owned())
        .unwrap_or_default()
}

/// The explained result: the decision, the activities, the trace, the open questions and the
/// attention points.
pub(crate) fn explained(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(title(doc, w)?, w.lang);
    decision(&mut v, doc, w)?;
    displacements(&mut v, doc, w, true)?;
    activities(&mut v, doc, w)?;
    jurisdiction(&mut v, doc, w)?;
    trace(&mut v, doc, w)?;
    questions(&mut v, doc, w)?;
    attention(&mut v, doc, w)?;
    Ok(v)
}

/// The decision: scope, class, size, supervision, Member State and the summary.
fn decision(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    let size = doc.obj("size")?;
    let supervision = doc.obj("supervision")?;
    v.facts(vec![
        (
            w.field("in_scope"),
            w.value("in_scope", doc.str("in_scope")?),
        ),
        (
            w.field("classification"),
            w.value("classification", doc.str("classification")?),
        ),
        (
            w.field("size_class"),
            w.value("size_class", size.str("class")?),
        ),
        (
            w.field("supervision"),
            format!(
                "{} ({})",
                w.value("regime", supervision.str("regime")?),
                w.cite(supervision.str("citation")?)
            ),
        ),
        (
            w.field("member_state"),
            doc.opt_str("member_state")?.unwrap_or_default().to_owned(),
        ),
    ]);
    if let Some(summary) = doc.get("summary").and_then(|s| w.text(s)) {
        v.push(super::Block::Paragraph(summary));
    }
    Ok(())
}

/// The provisions other acts displace (a table only when there are any): what, for which
/// activities, whether for the whole organisation, and (explained) what applies instead.
fn displacements(v: &mut View, doc: &Doc<'_>, w: &Words, explained: bool) -> Result<()> {
    let list = doc.objs("displacements")?;
    if list.is_empty() {
        return Ok(());
    }
    let national = list.iter().any(|d| d.get("member_state").is_some());
    let mut columns = vec![
        w.field("citation"),
        w.field("provisions"),
        w.field("entity_types"),
        w.field("whole_entity"),
        w.field("status"),
    ];
    if national {
        columns.insert(0, w.field("member_state"));
    }
    if explained {
        columns.push(w.field("text"));
    }
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut t = Table::new(w.heading("displacements"), &columns);
    for d in list {
        let cell = |k: &str| d.get(k).map(|x| w.cell(k, x)).unwrap_or_default();
        let mut row = vec![
            w.cite(d.str("citation")?),
            cell("provisions"),
            cell("entity_types"),
            cell("whole_entity"),
            w.value("status", d.str("status")?),
        ];
        if national {
            row.insert(0, d.opt_str("member_state")?.unwrap_or_default().to_owned());
        }
        if explained {
            let mut text = d.get("text").and_then(|x| w.text(x)).unwrap_or_default();
            if let Some(c) = d.get("condition").and_then(|c| w.text(c)) {
                text = format!("{text} {}: {c}", w.word("only_if"));
            }
            row.push(text);
        }
        t.row(row);
    }
    v.table(t);
    Ok(())
}

/// One row per activity.
fn activities(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    let mut acts = Table::new(
        w.heading("activities"),
        &[
            &w.field("entity_type"),
            &w.field("label"),
            &w.field("in_scope"),
            &w.field("classification"),
            &w.field("basis"),
        ],
    );
    for a in doc.objs("activities")? {
        acts.row(vec![
            a.str("entity_type")?.to_owned(),
            a.get("label").and_then(|l| w.text(l)).unwrap_or_default(),
            w.value("in_scope", a.str("in_scope")?),
            w.value("classification", a.str("classification")?),
            w.cite(&a.strs("basis")?.join("; ")),
        ]);
    }
    v.table(acts);
    Ok(())
}

/// Every rule evaluated, in order.
fn trace(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    let mut trace = Table::new(
        w.heading("decision_trace"),
        &[
            &w.field("outcome"),
            &w.field("citation"),
            &w.field("entity_type"),
            &w.field("text"),
        ],
    );
    for s in doc.objs("trace")? {
        trace.row(vec![
            w.value("outcome", s.str("outcome")?),
            w.cite(s.str("citation")?),
            s.opt_str("entity_type")?.unwrap_or_default().to_owned(),
            s.get("text").and_then(|t| w.text(t)).unwrap_or_default(),
        ]);
    }
    v.table(trace);
    Ok(())
}

/// The open questions with what each answer would lead to.
fn questions(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    let mut qs = Table::new(
        w.heading("open_questions"),
        &[
            &w.field("kind"),
            &w.field("question"),
            &w.field("citation"),
            &w.field("effects"),
        ],
    );
    for q in doc.objs("open_questions")? {
        let effects = q
            .objs("effects")?
            .iter()
            .map(|e| -> Result<String> {
                Ok(format!(
                    "{} → {} / {}",
                    e.get("answer").and_then(|a| w.text(a)).unwrap_or_default(),
                    w.value("in_scope", e.str("in_scope")?),
                    w.value("classification", e.str("classification")?)
                ))
            })
            .collect::<Result<Vec<_>>>()?
            .join("; ");
        qs.row(vec![
            w.value("kind", q.str("kind")?),
            q.get("question")
                .and_then(|t| w.text(t))
                .unwrap_or_default(),
            w.cite(q.str("citation")?),
            effects,
        ]);
    }
    v.table(qs);
    Ok(())
}

/// Jurisdiction (Art 26): the rule for each activity, then the States whose overlays apply
/// (explained or verdict).
fn jurisdiction(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    // A result stored before the section existed has none.
    let Some(j) = doc.opt_obj("jurisdiction")? else {
        return Ok(());
    };
    v.heading(w.heading("jurisdiction"));
    if let Some(text) = j.get("text").and_then(|t| w.text(t)) {
        v.push(super::Block::Paragraph(text));
    }
    let mut rules = Table::new(
        w.heading("jurisdiction_rules"),
        &[
            &w.field("entity_type"),
            &w.field("rule"),
            &w.field("citation"),
            &w.field("member_states"),
        ],
    );
    for a in j.objs("activities")? {
        let rule = a.str("rule")?;
        let citation = match a.opt_str("citation")? {
            Some(c) => c.to_owned(),
            None => crate::scope::jurisdiction::citation_of(rule).to_owned(),
        };
        rules.row(vec![
            a.str("entity_type")?.to_owned(),
            w.value("jurisdiction", rule),
            w.cite(&citation),
            a.strs("member_states")?.join(", "),
        ]);
    }
    v.table(rules);
    let mut states = Table::new(
        w.heading("member_states_applied"),
        &[
            &w.field("code"),
            &w.field("name"),
            &w.field("transposition"),
            &w.field("act"),
            &w.field("in_force"),
            &w.field("read_on"),
            &w.field("basis"),
            &w.field("entity_types"),
        ],
    );
    for s in j.objs("member_states")? {
        let status = s
            .opt_str("status")?
            .map(|st| format!(" ({})", w.value("status", st)))
            .unwrap_or_default();
        let in_force = match (s.opt_str("in_force")?, s.opt_str("in_force_status")?) {
            (Some(d), Some(st)) => format!("{d} ({})", w.value("status", st)),
            (Some(d), None) => d.to_owned(),
            _ => String::new(),
        };
        let basis: Vec<String> = s
            .strs("basis")?
            .iter()
            .map(|b| w.value("jurisdiction", b))
            .collect();
        states.row(vec![
            s.str("code")?.to_owned(),
            s.get("name").and_then(|n| w.text(n)).unwrap_or_default(),
            format!(
                "{}{status}",
                w.value("transposition_status", s.str("transposition")?)
            ),
            s.opt_str("act")?.unwrap_or_default().to_owned(),
            in_force,
            s.opt_str("read_on")?.unwrap_or_default().to_owned(),
            basis.join(", "),
            s.strs("entity_types")?.join(", "),
        ]);
    }
    v.table(states);
    Ok(())
}

/// The attention points: the Member State a national one comes from, and the condition a
/// national rule depends on.
fn attention(v: &mut View, doc: &Doc<'_>, w: &Words) -> Result<()> {
    let points = doc.objs("attention_points")?;
    let national = points.iter().any(|a| a.get("member_state").is_some());
    let mut columns = vec![w.field("citation"), w.field("text"), w.field("status")];
    if national {
        columns.insert(0, w.field("member_state"));
    }
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut att = Table::new(w.heading("attention_points"), &columns);
    for a in points {
        let mut text = a.get("text").and_then(|t| w.text(t)).unwrap_or_default();
        if let Some(c) = a.get("condition").and_then(|c| w.text(c)) {
            text = format!("{text} {}: {c}", w.word("only_if"));
        }
        let mut row = vec![
            w.cite(a.str("citation")?),
            text,
            w.value("status", a.str("status")?),
        ];
        if national {
            row.insert(0, a.opt_str("member_state")?.unwrap_or_default().to_owned());
        }
        att.row(row);
    }
    v.table(att);
    Ok(())
}

/// The verdict: the decision, the activities, the reasons and the open questions, in the
/// words of the label catalog.
pub(crate) fn verdict(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(w.op("scope"), w.lang);
    let possible: Vec<String> = doc
        .strs("possible_size_classes")?
        .iter()
        .map(|c| w.value("size_class", c))
        .collect();
    v.facts(vec![
        (
            w.field("in_scope"),
            w.value("in_scope", doc.str("in_scope")?),
        ),
        (
            w.field("classification"),
            w.value("classification", doc.str("classification")?),
        ),
        (
            w.field("size_class"),
            w.value("size_class", doc.str("size_class")?),
        ),
        (w.field("possible_size_classes"), possible.join(", ")),
        (
            w.field("supervision"),
            w.value("regime", doc.str("supervision")?),
        ),
    ]);
    displacements(&mut v, doc, w, false)?;
    let mut acts = Table::new(
        w.heading("activities"),
        &[
            &w.field("entity_type"),
            &w.field("label"),
            &w.field("in_scope"),
            &w.field("classification"),
        ],
    );
    for a in doc.objs("activities")? {
        let id = a.str("entity_type")?;
        acts.row(vec![
            id.to_owned(),
            entity_label(id, w),
            w.value("in_scope", a.str("in_scope")?),
            w.value("classification", a.str("classification")?),
        ]);
    }
    v.table(acts);
    let mut reasons = Table::new(
        w.heading("reasons"),
        &[
            &w.field("outcome"),
            &w.field("citation"),
            &w.field("entity_type"),
            &w.field("rule"),
        ],
    );
    for r in doc.objs("reasons")? {
        reasons.row(vec![
            w.value("outcome", r.str("outcome")?),
            w.cite(r.str("citation")?),
            r.opt_str("entity_type")?.unwrap_or_default().to_owned(),
            w.key(&format!("rule.{}", r.str("rule")?)),
        ]);
    }
    v.table(reasons);
    let mut qs = Table::new(
        w.heading("open_questions"),
        &[&w.field("kind"), &w.field("question"), &w.field("field")],
    );
    for q in doc.objs("open_questions")? {
        qs.row(vec![
            w.value("kind", q.str("kind")?),
            w.key(&format!("question.{}", q.str("id")?)),
            q.str("field")?.to_owned(),
        ]);
    }
    v.table(qs);
    jurisdiction(&mut v, doc, w)?;
    Ok(v)
}
