//! The views of an assessment: the board summary of the full result (`assessment.evaluate`,
//! also the Markdown and HTML reports), the scores (`assessment.score`) and the remediation plan
//! (`assessment.plan`). The top gaps are the plan's items by rank, as many as `top_gaps` says:
//! every surface and the reports list the same ones in the same order.

use serde_json::Value;

use super::doc::Doc;
use super::model::{Block, Table, View};
use super::words::Words;
use crate::error::Result;

/// An interval of scores (`{low, high}`), two decimals (a decimal comma in Danish);
/// `low–high` when they differ.
fn interval(d: Option<Doc<'_>>, w: &Words) -> Result<String> {
    let Some(d) = d else {
        return Ok("—".to_owned());
    };
    let (lo, hi) = (d.num("low")?.unwrap_or(0.0), d.num("high")?.unwrap_or(0.0));
    Ok(w.lang.number(if lo == hi {
        format!("{lo:.2}")
    } else {
        format!("{lo:.2}–{hi:.2}")
    }))
}

/// An interval as a percentage.
fn percent(d: Option<Doc<'_>>) -> Result<String> {
    let Some(d) = d else {
        return Ok("—".to_owned());
    };
    let (lo, hi) = (d.num("low")?.unwrap_or(0.0), d.num("high")?.unwrap_or(0.0));
    Ok(if lo == hi {
        format!("{:.0} %", lo * 100.0)
    } else {
        format!("{:.0}–{:.0} %", lo * 100.0, hi * 100.0)
    })
}

fn text(d: &Doc<'_>, key: &str, w: &Words) -> String {
    d.get(key).and_then(|t| w.text(t)).unwrap_or_default()
}

/// The heading facts of an evaluation: organisation, dates, class, frameworks.
fn evaluation_facts(v: &mut View, e: &Doc<'_>, set: Option<&Doc<'_>>, w: &Words) -> Result<()> {
    let scope = e.obj("scope")?;
    let class = match scope.opt_str("classification")? {
        Some(c) => w.value("classification", c),
        None => w.word("no_scope_given"),
    };
    let mut facts = vec![
        (
            w.field("organisation"),
            e.opt_str("organisation")?.unwrap_or_default().to_owned(),
        ),
        (
            w.field("assessment_date"),
            e.str("assessment_date")?.to_owned(),
        ),
        (
            w.field("target_date"),
            e.opt_str("target_date")?.unwrap_or_default().to_owned(),
        ),
        (w.field("classification"), class),
    ];
    if let Some(set) = set {
        let selected: Vec<String> = set
            .objs("frameworks")?
            .iter()
            .filter(|f| f.get("selected").and_then(Value::as_bool) == Some(true))
            .map(|f| -> Result<String> {
                Ok(format!(
                    "{} ({} {})",
                    f.str("short_name")?,
                    f.num("requirements")?.unwrap_or(0.0),
                    w.word("requirements")
                ))
            })
            .collect::<Result<_>>()?;
        facts.push((
            w.field("frameworks"),
            if selected.is_empty() {
                w.word("none")
            } else {
                selected.join(", ")
            },
        ));
    }
    v.facts(facts);
    let summary = text(&scope, "summary", w);
    if !summary.is_empty() {
        v.push(Block::Paragraph(summary));
    }
    Ok(())
}

/// The scores: overall, counts, method, and one row per measure.
fn scores(v: &mut View, e: &Doc<'_>, w: &Words) -> Result<()> {
    v.heading(w.heading("scores"));
    let overall = e.opt_obj("overall")?;
    let counts = e.obj("counts")?;
    let n = |k: &str| -> Result<String> {
        Ok(super::words::number(
            &serde_json::Number::from_f64(counts.num(k)?.unwrap_or(0.0))
                .unwrap_or_else(|| serde_json::Number::from(0)),
        ))
    };
    let method = e.obj("method")?;
    v.facts(vec![
        (
            w.field("overall_status"),
            match &overall {
                Some(o) => format!(
                    "{} ({})",
                    interval(o.opt_obj("status")?, w)?,
                    percent(o.opt_obj("status")?)?
                ),
                None => "—".to_owned(),
            },
        ),
        (
            w.field("overall_maturity"),
            match &overall {
                Some(o) => interval(o.opt_obj("maturity")?, w)?,
                None => "—".to_owned(),
            },
        ),
        (w.field("direct"), n("direct")?),
        (w.field("inferred"), n("inferred")?),
        (w.field("not_assessed"), n("not_assessed")?),
        (w.field("not_applicable"), n("not_applicable")?),
        (
            w.field("aggregation"),
            format!(
                "{} ({})",
                w.value("aggregation", method.str("aggregation")?),
                method.str("aggregation_formula")?
            ),
        ),
    ]);
    v.push(Block::Paragraph(w.word("interval_note")));
    let mut t = Table::new(
        w.heading("measures"),
        &[
            &w.field("measure"),
            &format!("#{}", w.field("status_score")),
            &format!("#{}", w.field("maturity")),
            &format!("#{}", w.field("requirements")),
        ],
    );
    for m in e.objs("measures")? {
        let citation = w.cite(m.opt_str("citation")?.unwrap_or_default());
        t.row(vec![
            format!("{citation} {}", text(&m, "title", w))
                .trim()
                .to_owned(),
            interval(m.opt_obj("status")?, w)?,
            interval(m.opt_obj("maturity")?, w)?,
            m.obj("counts")?
                .num("requirements")?
                .map(|x| format!("{x}"))
                .unwrap_or_default(),
        ]);
    }
    v.table(t);
    Ok(())
}

/// The plan's items ranked by priority, the first `top` of them.
fn top_gaps(v: &mut View, plan: &Doc<'_>, top: usize, w: &Words) -> Result<()> {
    let mut items = plan.objs("items")?;
    let mut keyed = Vec::with_capacity(items.len());
    for it in items.drain(..) {
        let rank = it.num("rank")?.unwrap_or(f64::MAX);
        keyed.push((rank, it));
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    keyed.truncate(top);
    let mut t = Table::new(
        w.heading("top_gaps"),
        &[
            &format!("#{}", w.field("rank")),
            &w.field("requirement"),
            &w.field("title"),
            &w.field("status"),
            &format!("#{}", w.field("gap")),
            &w.field("risk"),
            &format!("#{}", w.field("priority")),
        ],
    );
    for (rank, it) in &keyed {
        let b = it.obj("breakdown")?;
        let gap = b
            .opt_obj("gap")?
            .and_then(|g| g.num("value").ok().flatten());
        let risk = match b.opt_obj("risk")? {
            Some(r) => r.opt_str("level")?.unwrap_or("—").to_owned(),
            None => "—".to_owned(),
        };
        let priority = it
            .opt_obj("priority")?
            .and_then(|p| p.num("value").ok().flatten());
        t.row(vec![
            format!("{rank}"),
            it.str("requirement")?.to_owned(),
            text(it, "title", w),
            w.value("status", it.str("status")?),
            gap.map(|g| w.lang.number(format!("{g:.2}")))
                .unwrap_or_default(),
            risk,
            priority
                .map(|p| w.lang.number(format!("{p:.2}")))
                .unwrap_or_default(),
        ]);
    }
    v.table(t);
    Ok(())
}

/// The remediation plan: the milestones with their items, or the items in plan order.
fn plan_items(v: &mut View, plan: &Doc<'_>, w: &Words) -> Result<()> {
    v.heading(w.heading("remediation_plan"));
    let items = plan.objs("items")?;
    if items.is_empty() {
        v.push(Block::Paragraph(w.word("no_gaps")));
        return Ok(());
    }
    if let Some(cur) = plan.opt_obj("current_status")? {
        v.facts(vec![(w.field("current_status"), interval(Some(cur), w)?)]);
    }
    let mut t = Table::new(
        w.heading("plan_items"),
        &[
            &format!("#{}", w.field("order")),
            &w.field("requirement"),
            &w.field("title"),
            &w.field("kind"),
            &w.field("due_date"),
            &w.field("quarter"),
            &w.field("owner"),
            &w.field("after"),
        ],
    );
    for it in &items {
        let after: Vec<&str> = it
            .get("after")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.get("requirement").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default();
        t.row(vec![
            it.num("order")?.map(|x| format!("{x}")).unwrap_or_default(),
            it.str("requirement")?.to_owned(),
            text(it, "title", w),
            w.value("kind", it.str("kind")?),
            it.opt_str("due_date")?.unwrap_or_default().to_owned(),
            it.opt_str("quarter")?.unwrap_or_default().to_owned(),
            it.opt_str("owner")?.unwrap_or_default().to_owned(),
            after.join(", "),
        ]);
    }
    v.table(t);
    let mut m = Table::new(
        w.heading("milestones"),
        &[
            &w.field("quarter"),
            &w.field("date"),
            &format!("#{}", w.field("items")),
            &w.field("projected_status"),
        ],
    );
    for ms in plan.objs("milestones")? {
        m.row(vec![
            ms.str("quarter")?.to_owned(),
            ms.str("date")?.to_owned(),
            format!("{}", ms.strs("items")?.len()),
            interval(ms.opt_obj("projected_status")?, w)?,
        ]);
    }
    v.table(m);
    Ok(())
}

fn findings(v: &mut View, lists: &[Vec<Doc<'_>>], w: &Words) {
    let items: Vec<String> = lists
        .iter()
        .flatten()
        .map(|f| text(f, "message", w))
        .filter(|t| !t.is_empty())
        .collect();
    if !items.is_empty() {
        v.heading(w.heading("points_for_attention"));
        v.push(Block::List(items));
    }
}

fn title(e: &Doc<'_>, w: &Words, key: &str) -> Result<String> {
    Ok(format!("{}: {}", w.heading(key), e.str("name")?))
}

/// The board summary of an assessment's full result (`assessment.evaluate`).
pub(crate) fn full(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let e = doc.obj("evaluation")?;
    let plan = doc.obj("plan")?;
    let set = doc.obj("requirement_set")?;
    let mut v = View::new(title(&e, w, "board_summary")?, w.lang);
    v.push(Block::Paragraph(w.word("board_intro")));
    evaluation_facts(&mut v, &e, Some(&set), w)?;
    scores(&mut v, &e, w)?;
    let top = doc.num("top_gaps")?.unwrap_or(10.0).max(0.0) as usize;
    top_gaps(&mut v, &plan, top, w)?;
    plan_items(&mut v, &plan, w)?;
    if let Some(h) = doc.get("heatmap") {
        if let Some(svg) = super::risk::heatmap_svg(h, w.lang) {
            v.heading(w.heading("current_risks"));
            v.push(Block::Figure {
                svg,
                caption: w.heading("risk_heat_map"),
            });
        }
    }
    findings(&mut v, &[e.objs("findings")?, plan.objs("findings")?], w);
    Ok(v)
}

/// The scores of an assessment (`assessment.score`).
pub(crate) fn evaluation(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(title(doc, w, "scores")?, w.lang);
    evaluation_facts(&mut v, doc, None, w)?;
    scores(&mut v, doc, w)?;
    findings(&mut v, &[doc.objs("findings")?], w);
    Ok(v)
}

/// The remediation plan of an assessment (`assessment.plan`).
pub(crate) fn plan(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(w.op("assessment.plan"), w.lang);
    plan_items(&mut v, doc, w)?;
    findings(&mut v, &[doc.objs("findings")?], w);
    Ok(v)
}
