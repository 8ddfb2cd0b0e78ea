//! Reports: a board summary for the management body (Art. 20(1): scores per Art. 21 measure,
//! the top gaps, the plan, the risk heat map when a register is given) as Markdown and as one
//! self-contained HTML file; the full result as JSON; an XLSX workbook for auditors (feature
//! `xlsx`, base64 in the response so that it crosses every binding).

use std::borrow::Cow;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::json;
use crate::risk::{Lang, Stage};
use crate::text::Str;

use super::plan::Plan;
use super::requirements::RequirementSet;
use super::score::{AggregateScore, Basis, Evaluation, Interval};
use super::Run;

/// The format of a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// Board summary, Markdown.
    Md,
    /// Board summary, one self-contained HTML file.
    Html,
    /// Workbook for auditors (sheets: summary, requirements, status, evidence, gaps, plan),
    /// base64.
    Xlsx,
    /// The full result (requirement set, evaluation, plan) as JSON.
    Json,
}

impl ReportFormat {
    fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Md => "text/markdown; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ReportFormat::Json => "application/json",
        }
    }

    fn ext(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Html => "html",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Json => "json",
        }
    }
}

/// How `content` is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 text.
    Utf8,
    /// Base64 (RFC 4648, with padding) of the bytes.
    Base64,
}

/// The result of `report`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// The format.
    pub format: ReportFormat,
    /// The language.
    pub lang: Lang,
    /// The media type.
    pub media_type: Str,
    /// A suggested file name.
    pub file_name: String,
    /// `utf8` or `base64` (XLSX).
    pub encoding: Encoding,
    /// The report.
    pub content: String,
}

/// The full result (`report` in format `json`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FullResult {
    /// Data format version.
    pub schema_version: Str,
    /// The requirement set, with reasons.
    pub requirement_set: RequirementSet,
    /// The scores.
    pub evaluation: Evaluation,
    /// The plan.
    pub plan: Plan,
    /// How many plan items the board summary lists as top gaps, by rank (`settings.top_gaps`,
    /// default 10).
    pub top_gaps: u32,
}

impl FullResult {
    pub(crate) fn of(r: &Run<'_>, p: &Plan) -> Self {
        FullResult {
            schema_version: Cow::Borrowed("1"),
            requirement_set: r.set.clone(),
            evaluation: r.computed.eval.clone(),
            plan: p.clone(),
            top_gaps: top_gaps(r),
        }
    }
}

/// `settings.top_gaps`, default 10.
pub(crate) fn top_gaps(r: &Run<'_>) -> u32 {
    r.doc
        .settings
        .as_ref()
        .and_then(|s| s.top_gaps)
        .unwrap_or(10)
}

/// Base64 (RFC 4648 §4, padded).
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |i: u32| -> char { A.get((i & 63) as usize).map_or('=', |b| char::from(*b)) };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

pub(crate) fn slug(name: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !s.is_empty() {
            s.push('-');
            dash = true;
        }
    }
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "assessment".to_owned()
    } else {
        s.chars().take(60).collect()
    }
}

/// Words of the reports.
pub(crate) fn w(lang: Lang, en: &'static str, da: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Da => da,
    }
}

pub(crate) fn interval(i: Option<&Interval>) -> String {
    match i {
        None => "—".to_owned(),
        Some(i) if i.low == i.high => format!("{:.2}", i.low),
        Some(i) => format!("{:.2}–{:.2}", i.low, i.high),
    }
}

fn pct(i: Option<&Interval>) -> String {
    match i {
        None => "—".to_owned(),
        Some(i) if i.low == i.high => format!("{:.0} %", i.low * 100.0),
        Some(i) => format!("{:.0}–{:.0} %", i.low * 100.0, i.high * 100.0),
    }
}

pub(crate) fn status_word(lang: Lang, s: super::Status) -> String {
    lang.pick(&s.text()).to_owned()
}

#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) fn basis_word(lang: Lang, b: Basis) -> &'static str {
    match b {
        Basis::Direct => w(lang, "direct", "direkte"),
        Basis::Inferred => w(lang, "inferred", "afledt"),
        Basis::NotAssessed => w(lang, "not assessed", "ikke vurderet"),
        Basis::NotApplicable => w(lang, "not applicable", "ikke relevant"),
    }
}

fn class_word(lang: Lang, e: &Evaluation) -> String {
    use crate::scope::result::Classification as C;
    match e.scope.classification {
        Some(C::Essential) => w(lang, "essential entity", "væsentlig enhed").to_owned(),
        Some(C::Important) => w(lang, "important entity", "vigtig enhed").to_owned(),
        Some(C::RegistrationOnly) => w(lang, "registration only", "kun registrering").to_owned(),
        Some(C::None) => w(lang, "not in scope", "ikke omfattet").to_owned(),
        Some(C::DependsOnMemberState) => w(
            lang,
            "depends on the Member State",
            "afhænger af medlemsstaten",
        )
        .to_owned(),
        Some(C::Undetermined) => w(lang, "undetermined", "uafklaret").to_owned(),
        None => w(lang, "no scope given", "intet anvendelsesområde angivet").to_owned(),
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn measure_label(lang: Lang, m: &AggregateScore) -> String {
    format!(
        "{} {}",
        m.citation.as_deref().unwrap_or(&m.id),
        lang.pick(&m.title)
    )
}

/// The heat map SVG of the register's current risks, when there is a register.
fn heatmap(r: &Run<'_>, lang: Lang) -> Option<String> {
    let reg = r.doc.risk_register.as_deref()?;
    crate::risk::heatmap_svg(reg, Stage::Current, lang).ok()
}

struct Summary<'a> {
    e: &'a Evaluation,
    p: &'a Plan,
    set: &'a RequirementSet,
    top: usize,
}

impl<'a> Summary<'a> {
    fn new(r: &'a Run<'_>, p: &'a Plan) -> Self {
        let top = r
            .doc
            .settings
            .as_ref()
            .and_then(|s| s.top_gaps)
            .unwrap_or(10) as usize;
        Summary {
            e: &r.computed.eval,
            p,
            set: &r.set,
            top,
        }
    }

    fn selected(&self, lang: Lang) -> String {
        self.set
            .frameworks
            .iter()
            .filter(|f| f.selected)
            .map(|f| {
                format!(
                    "{} ({} {})",
                    f.short_name,
                    f.requirements,
                    w(lang, "requirements", "krav")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn top_gaps(&self) -> Vec<&'a super::plan::PlanItem> {
        let mut v: Vec<&super::plan::PlanItem> = self.p.items.iter().collect();
        v.sort_by_key(|i| i.rank);
        v.truncate(self.top);
        v
    }
}

fn render_md(r: &Run<'_>, p: &Plan, lang: Lang) -> String {
    let s = Summary::new(r, p);
    let e = s.e;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {}: {}\n",
        w(lang, "Board summary", "Ledelsesresumé"),
        e.name
    );
    let mut meta = Vec::new();
    if let Some(org) = &e.organisation {
        meta.push(org.clone());
    }
    meta.push(format!(
        "{} {}",
        w(lang, "assessed", "vurderet"),
        e.assessment_date
    ));
    if let Some(t) = &e.target_date {
        meta.push(format!("{} {t}", w(lang, "target date", "måldato")));
    }
    let _ = writeln!(o, "{}\n", meta.join(" · "));
    let _ = writeln!(
        o,
        "{}\n",
        w(
            lang,
            "For the management body, which approves the cybersecurity risk-management measures and oversees their implementation (NIS2 Art. 20(1)).",
            "Til ledelsesorganet, som godkender foranstaltningerne til styring af cybersikkerhedsrisici og fører tilsyn med gennemførelsen (NIS2 art. 20, stk. 1)."
        )
    );

    let _ = writeln!(o, "## {}\n", w(lang, "Scope", "Anvendelsesområde"));
    let _ = writeln!(o, "{}\n", lang.pick(&e.scope.summary));
    let _ = writeln!(
        o,
        "- {}: {}",
        w(lang, "Class", "Klasse"),
        class_word(lang, e)
    );
    let _ = writeln!(
        o,
        "- {}: {}\n",
        w(lang, "Requirements that bind", "Krav, der binder"),
        if e.requirements.is_empty() {
            w(lang, "none", "ingen").to_owned()
        } else {
            s.selected(lang)
        }
    );

    let _ = writeln!(o, "## {}\n", w(lang, "Scores", "Scorer"));
    if let Some(ov) = &e.overall {
        let _ = writeln!(
            o,
            "- {}: **{}** ({})",
            w(lang, "Overall status score", "Samlet statusscore"),
            interval(ov.status.as_ref()),
            pct(ov.status.as_ref())
        );
        let _ = writeln!(
            o,
            "- {}: **{}**",
            w(lang, "Overall maturity score", "Samlet modenhedsscore"),
            interval(ov.maturity.as_ref())
        );
    }
    let c = &e.counts;
    let _ = writeln!(
        o,
        "- {}: {} {}, {} {}, {} {}, {} {}",
        w(lang, "Requirements", "Krav"),
        c.direct,
        w(lang, "assessed directly", "vurderet direkte"),
        c.inferred,
        w(
            lang,
            "inferred from other frameworks",
            "afledt fra andre rammer"
        ),
        c.not_assessed,
        w(lang, "not assessed", "ikke vurderet"),
        c.not_applicable,
        w(lang, "not applicable", "ikke relevante")
    );
    let _ = writeln!(
        o,
        "- {}: {} ({}); {}\n",
        w(lang, "Method", "Metode"),
        e.method.aggregation.as_str(),
        e.method.aggregation_formula,
        w(
            lang,
            "a range a–b means: a if every not-assessed requirement fails, b if it is met (docs/scoring.md)",
            "et interval a–b betyder: a, hvis alle ikke-vurderede krav ikke er opfyldt, b, hvis de er (docs/scoring.md)"
        )
    );
    if !e.measures.is_empty() {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            w(lang, "Measure", "Foranstaltning"),
            w(lang, "Status score", "Statusscore"),
            w(lang, "Maturity", "Modenhed"),
            w(lang, "Requirements", "Krav")
        );
        let _ = writeln!(o, "|---|---|---|---|");
        for m in &e.measures {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md_escape(&measure_label(lang, m)),
                interval(m.status.as_ref()),
                interval(m.maturity.as_ref()),
                m.counts.requirements
            );
        }
        let _ = writeln!(o);
    }

    let top = s.top_gaps();
    if !top.is_empty() {
        let _ = writeln!(
            o,
            "## {} ({})\n",
            w(lang, "Top gaps", "Største mangler"),
            top.len()
        );
        let _ = writeln!(
            o,
            "| # | {} | {} | {} | {} | {} |",
            w(lang, "Requirement", "Krav"),
            w(lang, "Status", "Status"),
            w(lang, "Gap", "Mangel"),
            w(lang, "Risk", "Risiko"),
            w(lang, "Priority", "Prioritet")
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|");
        for it in top {
            let _ = writeln!(
                o,
                "| {} | {} {} | {} | {:.2} | {} | {:.2} |",
                it.rank,
                it.requirement,
                md_escape(lang.pick(&it.title)),
                status_word(lang, it.status),
                it.breakdown.gap.value,
                it.breakdown
                    .risk
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |r| r.level.clone()),
                it.priority.value
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## {}\n", w(lang, "Remediation plan", "Handlingsplan"));
    if p.items.is_empty() {
        let _ = writeln!(o, "{}\n", w(lang, "No gaps.", "Ingen mangler."));
    } else if p.milestones.is_empty() {
        let _ = writeln!(
            o,
            "{} {}\n",
            p.items.len(),
            w(
                lang,
                "items, in plan order; no target date, so not scheduled.",
                "punkter i planrækkefølge; ingen måldato, så de er ikke tidsplanlagt."
            )
        );
        for it in &p.items {
            let _ = writeln!(
                o,
                "{}. {} {}",
                it.order,
                it.requirement,
                lang.pick(&it.title)
            );
        }
        let _ = writeln!(o);
    } else {
        if let Some(cur) = &p.current_status {
            let _ = writeln!(
                o,
                "{} {} {}.\n",
                p.items.len(),
                w(
                    lang,
                    "items; overall status score today",
                    "punkter; samlet statusscore i dag"
                ),
                interval(Some(cur))
            );
        }
        for m in &p.milestones {
            let _ = writeln!(
                o,
                "### {} — {} {} ({} {})\n",
                m.quarter,
                w(lang, "milestone", "milepæl"),
                m.date,
                w(lang, "projected status score", "forventet statusscore"),
                interval(m.projected_status.as_ref())
            );
            for id in &m.items {
                if let Some(it) = p.items.iter().find(|i| i.requirement == *id) {
                    let mut line = format!(
                        "- {} {} — {} {}",
                        it.requirement,
                        lang.pick(&it.title),
                        w(lang, "due", "frist"),
                        it.due_date.as_deref().unwrap_or("—")
                    );
                    if let Some(owner) = &it.owner {
                        let _ = write!(line, ", {} {owner}", w(lang, "owner", "ejer"));
                    }
                    if !it.after.is_empty() {
                        let _ = write!(
                            line,
                            " ({} {})",
                            w(lang, "after", "efter"),
                            it.after
                                .iter()
                                .map(|a| a.requirement.as_ref())
                                .collect::<Vec<_>>()
                                .join(", ")
                        );
                    }
                    let _ = writeln!(o, "{line}");
                }
            }
            let _ = writeln!(o);
        }
    }

    if let Some(svg) = heatmap(r, lang) {
        let _ = writeln!(o, "## {}\n", w(lang, "Current risks", "Nuværende risici"));
        let _ = writeln!(
            o,
            "![{}](data:image/svg+xml;base64,{})\n",
            w(lang, "Risk heat map", "Risikovarmekort"),
            base64(svg.as_bytes())
        );
    }
    if !e.findings.is_empty() || !p.findings.is_empty() {
        let _ = writeln!(
            o,
            "## {}\n",
            w(lang, "Points for attention", "Opmærksomhedspunkter")
        );
        for f in e.findings.iter().chain(&p.findings) {
            let _ = writeln!(o, "- {}", lang.pick(&f.message));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "---\n{}",
        w(
            lang,
            "Generated by nis2 from the assessment document; every score, with its inputs and formula, is in the JSON result. Not legal advice.",
            "Dannet af nis2 ud fra vurderingsdokumentet; alle scorer med input og formel findes i JSON-resultatet. Ikke juridisk rådgivning."
        )
    );
    o
}

fn bar(i: Option<&Interval>) -> String {
    match i {
        None => String::new(),
        Some(i) => {
            let lo = (i.low * 100.0).round();
            let hi = (i.high * 100.0).round();
            format!(
                r#"<div class="bar" role="img" aria-label="{lo:.0}–{hi:.0} %"><span class="lo" style="width:{lo:.0}%"></span><span class="hi" style="width:{:.0}%"></span></div>"#,
                (hi - lo).max(0.0)
            )
        }
    }
}

const CSS: &str = "body{font-family:Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}.num{text-align:right;white-space:nowrap}.bar{display:flex;width:8rem;height:.8rem;background:#eee;border:1px solid #bbb}.bar .lo{background:#2e7d32}.bar .hi{background:#a5d6a7}.meta{color:#555}.big{font-size:1.3rem;font-weight:bold}footer{margin-top:2rem;color:#555;font-size:.9rem}";

fn render_html(r: &Run<'_>, p: &Plan, lang: Lang) -> String {
    let s = Summary::new(r, p);
    let e = s.e;
    let h = html_escape;
    let mut o = String::new();
    let code = match lang {
        Lang::En => "en",
        Lang::Da => "da",
    };
    let title = format!("{}: {}", w(lang, "Board summary", "Ledelsesresumé"), e.name);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        h(&title),
        h(&title)
    );
    let mut meta = Vec::new();
    if let Some(org) = &e.organisation {
        meta.push(h(org));
    }
    meta.push(format!(
        "{} {}",
        w(lang, "assessed", "vurderet"),
        h(&e.assessment_date)
    ));
    if let Some(t) = &e.target_date {
        meta.push(format!("{} {}", w(lang, "target date", "måldato"), h(t)));
    }
    let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
    let _ = writeln!(
        o,
        "<p>{}</p>",
        w(
            lang,
            "For the management body, which approves the cybersecurity risk-management measures and oversees their implementation (NIS2 Art. 20(1)).",
            "Til ledelsesorganet, som godkender foranstaltningerne til styring af cybersikkerhedsrisici og fører tilsyn med gennemførelsen (NIS2 art. 20, stk. 1)."
        )
    );
    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<p>{}</p>\n<ul><li>{}: {}</li><li>{}: {}</li></ul>",
        w(lang, "Scope", "Anvendelsesområde"),
        h(lang.pick(&e.scope.summary)),
        w(lang, "Class", "Klasse"),
        h(&class_word(lang, e)),
        w(lang, "Requirements that bind", "Krav, der binder"),
        if e.requirements.is_empty() {
            w(lang, "none", "ingen").to_owned()
        } else {
            h(&s.selected(lang))
        }
    );
    let _ = writeln!(o, "<h2>{}</h2>", w(lang, "Scores", "Scorer"));
    if let Some(ov) = &e.overall {
        let _ = writeln!(
            o,
            "<p>{}: <span class=\"big\">{}</span> {}</p><p>{}: <span class=\"big\">{}</span> {}</p>",
            w(lang, "Overall status score", "Samlet statusscore"),
            interval(ov.status.as_ref()),
            bar(ov.status.as_ref()),
            w(lang, "Overall maturity score", "Samlet modenhedsscore"),
            interval(ov.maturity.as_ref()),
            bar(ov.maturity.as_ref())
        );
    }
    let c = &e.counts;
    let _ = writeln!(
        o,
        "<p>{}: {} {}, {} {}, {} {}, {} {}. {}: {} ({}).</p>",
        w(lang, "Requirements", "Krav"),
        c.direct,
        w(lang, "assessed directly", "vurderet direkte"),
        c.inferred,
        w(
            lang,
            "inferred from other frameworks",
            "afledt fra andre rammer"
        ),
        c.not_assessed,
        w(lang, "not assessed", "ikke vurderet"),
        c.not_applicable,
        w(lang, "not applicable", "ikke relevante"),
        w(lang, "Method", "Metode"),
        e.method.aggregation.as_str(),
        h(&e.method.aggregation_formula)
    );
    if !e.measures.is_empty() {
        let _ = writeln!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th></th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            w(lang, "Measure", "Foranstaltning"),
            w(lang, "Status score", "Statusscore"),
            w(lang, "Maturity", "Modenhed"),
            w(lang, "Requirements", "Krav")
        );
        for m in &e.measures {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                h(&measure_label(lang, m)),
                interval(m.status.as_ref()),
                bar(m.status.as_ref()),
                interval(m.maturity.as_ref()),
                m.counts.requirements
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let top = s.top_gaps();
    if !top.is_empty() {
        let _ = writeln!(
            o,
            "<h2>{} ({})</h2>\n<table><thead><tr><th class=\"num\">#</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
            w(lang, "Top gaps", "Største mangler"),
            top.len(),
            w(lang, "Requirement", "Krav"),
            w(lang, "Status", "Status"),
            w(lang, "Gap", "Mangel"),
            w(lang, "Risk", "Risiko"),
            w(lang, "Priority", "Prioritet")
        );
        for it in top {
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td><b>{}</b> {}</td><td>{}</td><td class=\"num\">{:.2}</td><td>{}</td><td class=\"num\">{:.2}</td></tr>",
                it.rank,
                h(&it.requirement),
                h(lang.pick(&it.title)),
                h(&status_word(lang, it.status)),
                it.breakdown.gap.value,
                it.breakdown
                    .risk
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), |r| h(&r.level)),
                it.priority.value
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(
        o,
        "<h2>{}</h2>",
        w(lang, "Remediation plan", "Handlingsplan")
    );
    if p.items.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", w(lang, "No gaps.", "Ingen mangler."));
    } else {
        if let Some(cur) = &p.current_status {
            let _ = writeln!(
                o,
                "<p>{} {} {}.</p>",
                p.items.len(),
                w(
                    lang,
                    "items; overall status score today",
                    "punkter; samlet statusscore i dag"
                ),
                interval(Some(cur))
            );
        }
        let _ = writeln!(
            o,
            "<table><thead><tr><th class=\"num\">#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            w(lang, "Requirement", "Krav"),
            w(lang, "Due", "Frist"),
            w(lang, "Quarter", "Kvartal"),
            w(lang, "Owner", "Ejer"),
            w(lang, "After", "Efter")
        );
        for it in &p.items {
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td><b>{}</b> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                it.order,
                h(&it.requirement),
                h(lang.pick(&it.title)),
                h(it.due_date.as_deref().unwrap_or("—")),
                h(it.quarter.as_deref().unwrap_or("—")),
                h(it.owner.as_deref().unwrap_or("—")),
                h(&it
                    .after
                    .iter()
                    .map(|a| a.requirement.as_ref())
                    .collect::<Vec<_>>()
                    .join(", "))
            );
        }
        let _ = writeln!(o, "</tbody></table>");
        if !p.milestones.is_empty() {
            let _ = writeln!(
                o,
                "<table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
                w(lang, "Milestone", "Milepæl"),
                w(lang, "Date", "Dato"),
                w(lang, "Items", "Punkter"),
                w(lang, "Projected status score", "Forventet statusscore")
            );
            for m in &p.milestones {
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    h(&m.quarter),
                    h(&m.date),
                    m.items.len(),
                    interval(m.projected_status.as_ref())
                );
            }
            let _ = writeln!(o, "</tbody></table>");
        }
    }
    if let Some(svg) = heatmap(r, lang) {
        let _ = writeln!(
            o,
            "<h2>{}</h2>\n<figure>{}</figure>",
            w(lang, "Current risks", "Nuværende risici"),
            svg.trim()
        );
    }
    if !e.findings.is_empty() || !p.findings.is_empty() {
        let _ = writeln!(
            o,
            "<h2>{}</h2>\n<ul>",
            w(lang, "Points for attention", "Opmærksomhedspunkter")
        );
        for f in e.findings.iter().chain(&p.findings) {
            let _ = writeln!(o, "<li>{}</li>", h(lang.pick(&f.message)));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(
        o,
        "<footer>{}</footer>\n</body>\n</html>",
        w(
            lang,
            "Generated by nis2 from the assessment document; every score, with its inputs and formula, is in the JSON result. Not legal advice.",
            "Dannet af nis2 ud fra vurderingsdokumentet; alle scorer med input og formel findes i JSON-resultatet. Ikke juridisk rådgivning."
        )
    );
    o
}

/// Render a report.
pub(crate) fn render(r: &Run<'_>, p: &Plan, format: ReportFormat, lang: Lang) -> Result<Report> {
    let (content, encoding) = match format {
        ReportFormat::Md => (render_md(r, p, lang), Encoding::Utf8),
        ReportFormat::Html => (render_html(r, p, lang), Encoding::Utf8),
        ReportFormat::Json => (
            json::to_string_pretty(&FullResult::of(r, p))?,
            Encoding::Utf8,
        ),
        ReportFormat::Xlsx => (base64(&xlsx_bytes(r, p, lang)?), Encoding::Base64),
    };
    Ok(Report {
        format,
        lang,
        media_type: Cow::Borrowed(format.media_type()),
        file_name: format!(
            "{}-{}.{}",
            slug(&r.doc.name),
            r.doc.assessment_date,
            format.ext()
        ),
        encoding,
        content,
    })
}

/// The XLSX workbook's bytes.
#[cfg(feature = "xlsx")]
pub(crate) fn xlsx_bytes(r: &Run<'_>, p: &Plan, lang: Lang) -> Result<Vec<u8>> {
    super::xlsx::workbook(r, p, lang)
}

/// The XLSX workbook's bytes (this build has no `xlsx` feature).
#[cfg(not(feature = "xlsx"))]
pub(crate) fn xlsx_bytes(_r: &Run<'_>, _p: &Plan, _lang: Lang) -> Result<Vec<u8>> {
    Err(crate::error::Error::invalid(
        "$.format",
        "this build of nis2 has no XLSX support (cargo feature `xlsx`); use md, html or json",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Nordlys IT ApS — NIS2 2026"),
            "nordlys-it-aps-nis2-2026"
        );
        assert_eq!(slug("—"), "assessment");
    }
}
