//! Readable table output.

use std::fmt::Write;

use nis2_core::entity_types::EntityTypeCatalog;
use nis2_core::scope::result::{RuleOutcome, ScopeResult};
use nis2_core::Text;

fn t(text: &Text, da: bool) -> &str {
    if da {
        &text.da
    } else {
        &text.en
    }
}

fn snake(v: &impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn outcome(o: RuleOutcome) -> &'static str {
    match o {
        RuleOutcome::Applies => "applies",
        RuleOutcome::DoesNotApply => "no",
        RuleOutcome::Unknown => "unknown",
        RuleOutcome::DependsOnMemberState => "member state",
        RuleOutcome::Presumed => "presumed",
        RuleOutcome::Note => "note",
    }
}

/// The scope result as text.
pub(crate) fn scope(r: &ScopeResult, da: bool) -> String {
    let mut s = String::new();
    let (l_org, l_scope, l_class, l_size, l_sup, l_act, l_trace, l_q, l_att) = if da {
        (
            "Organisation",
            "Omfattet",
            "Klasse",
            "Størrelse",
            "Tilsyn",
            "Aktiviteter",
            "Beslutningsspor",
            "Åbne spørgsmål",
            "Opmærksomhedspunkter",
        )
    } else {
        (
            "Organisation",
            "In scope",
            "Class",
            "Size",
            "Supervision",
            "Activities",
            "Decision trace",
            "Open questions",
            "Attention points",
        )
    };
    if let Some(n) = &r.name {
        let _ = writeln!(s, "{l_org}: {n}");
    }
    let _ = writeln!(
        s,
        "{l_scope}: {}   {l_class}: {}   {l_size}: {}",
        snake(&r.in_scope),
        snake(&r.classification),
        snake(&r.size.class)
    );
    let _ = writeln!(s, "{}", t(&r.summary, da));
    let _ = writeln!(
        s,
        "{l_sup}: {} ({})",
        snake(&r.supervision.regime),
        r.supervision.citation
    );
    let _ = writeln!(s, "\n{l_act}:");
    for a in &r.activities {
        let _ = writeln!(
            s,
            "  {:<16} {:<24} {:<14} {}  [{}]",
            a.entity_type,
            snake(&a.in_scope),
            snake(&a.classification),
            t(&a.label, da),
            a.basis.join("; ")
        );
    }
    let _ = writeln!(s, "\n{l_trace}:");
    for step in &r.trace {
        let _ = writeln!(
            s,
            "  {:<10} {:<34} {:<16} {}",
            outcome(step.outcome),
            step.citation,
            step.entity_type.as_deref().unwrap_or(""),
            t(&step.text, da)
        );
    }
    if !r.open_questions.is_empty() {
        let _ = writeln!(s, "\n{l_q}:");
        for q in &r.open_questions {
            let _ = writeln!(
                s,
                "  [{}] {} ({}; {})",
                snake(&q.kind),
                t(&q.question, da),
                q.field,
                q.citation
            );
            for e in &q.effects {
                let _ = writeln!(
                    s,
                    "      -> {} => {} / {}",
                    t(&e.answer, da),
                    snake(&e.in_scope),
                    snake(&e.classification)
                );
            }
        }
    }
    if !r.attention_points.is_empty() {
        let _ = writeln!(s, "\n{l_att}:");
        for p in &r.attention_points {
            let _ = writeln!(
                s,
                "  - {} ({}; {})",
                t(&p.text, da),
                p.citation,
                snake(&p.status)
            );
        }
    }
    s
}

/// The entity-type catalog as text.
pub(crate) fn entity_types(c: &EntityTypeCatalog, da: bool) -> String {
    let mut s = String::new();
    for e in &c.entity_types {
        let _ = writeln!(s, "{:<16} {:<44} {}", e.id, e.citation, t(&e.label, da));
    }
    s
}

fn s<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

fn en(v: &serde_json::Value, key: &str) -> String {
    v.get(key)
        .and_then(|t| t.get("en"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or("")
        .to_owned()
}

/// A catalog response as text (generic: lists rows of the main array it contains).
pub(crate) fn catalog(v: &serde_json::Value) -> String {
    let mut out = String::new();
    let op = s(v, "op");
    match op {
        "list" => {
            let _ = writeln!(out, "Frameworks:");
            for f in v["frameworks"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "  {:<16} {:<8} {}",
                    s(f, "id"),
                    s(f, "version"),
                    en(f, "title")
                );
            }
            let _ = writeln!(out, "Mappings:");
            for m in v["mappings"].as_array().into_iter().flatten() {
                let _ = writeln!(out, "  {:<40} {}", s(m, "id"), en(m, "title"));
            }
        }
        "show" => {
            let f = &v["framework"];
            let _ = writeln!(
                out,
                "{} — {} ({})",
                s(f, "id"),
                en(f, "title"),
                s(f, "version")
            );
            for n in f["nodes"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "  {:<28} {:<40} {}",
                    s(n, "id"),
                    s(n, "citation"),
                    en(n, "title")
                );
            }
        }
        _ => {
            // map / evidence / coverage: the subject, then one row per related node.
            let subject = v
                .get("from")
                .filter(|f| f.is_object())
                .or_else(|| v.get("requirement"))
                .or_else(|| v.get("target"));
            if let Some(n) = subject.filter(|n| n.is_object()) {
                let _ = writeln!(
                    out,
                    "{} — {} ({})",
                    s(n, "id"),
                    en(n, "title"),
                    s(n, "citation")
                );
            }
            let rows = v
                .get("results")
                .or_else(|| v.get("evidence"))
                .and_then(serde_json::Value::as_array);
            for r in rows.into_iter().flatten() {
                let n = r.get("node").unwrap_or(r);
                let _ = writeln!(
                    out,
                    "  {:<22} {:<16} {:<7} {:<28} {}",
                    s(n, "id"),
                    s(r, "relationship"),
                    s(r, "confidence"),
                    s(n, "citation"),
                    en(n, "title")
                );
            }
        }
    }
    out
}

/// The årshjul as a dated list.
pub(crate) fn wheel(v: &serde_json::Value, da: bool) -> String {
    let mut out = String::new();
    let lang = if da { "da" } else { "en" };
    let _ = writeln!(
        out,
        "{} — {}",
        s(v, "organisation"),
        v.get("year")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or_default()
    );
    for t in v["tasks"].as_array().into_iter().flatten() {
        let title = t
            .get("title")
            .and_then(|x| x.get(lang))
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let owner = t.get("owner").map(|o| s(o, "name")).unwrap_or("");
        let _ = writeln!(
            out,
            "  {}  {:<52} {:<22} {}",
            s(t, "date"),
            title,
            owner,
            s(t, "citation")
        );
    }
    out
}
