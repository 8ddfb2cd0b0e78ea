//! The evaluated assessment as OSCAL 1.2.1 assessment results (JSON): one result with a
//! finding per requirement of the set (its status as the objective's state and the
//! implementation status, the scores as props), an observation per requirement with a result
//! (direct evidence as relevant evidence, the sources of an inferred result each an
//! observation of its own), and a risk per plan item whose remediation is the planned
//! response. Deterministic: UUIDs are version-5 UUIDs (the catalog exports' namespace) of
//! names derived from the assessment document itself, and every timestamp is the assessment
//! date (or a source's date) at 00:00:00 UTC, never a clock. See `docs/oscal.md`.

use serde_json::{json, Map, Value};

use crate::catalog::export::{catalog_href, oscal_id, uuid_for, OSCAL_NS, OSCAL_VERSION};
use crate::catalog::Catalogs;
use crate::error::{Error, Result};

use super::infer::InferenceSource;
use super::model::Status;
use super::plan::{Plan, PlanItem};
use super::score::{Basis, Interval, RequirementScore};
use super::Run;

/// An OSCAL timestamp for a `YYYY-MM-DD` date: midnight UTC. `None` when the date is not one
/// the OSCAL date-time pattern accepts (years 1900–2999).
pub(crate) fn stamp(date: &str) -> Option<String> {
    let year: u32 = date.get(0..4)?.parse().ok()?;
    (crate::date::is_date(date) && (1900..=2999).contains(&year))
        .then(|| format!("{date}T00:00:00Z"))
}

/// The assessment date as an OSCAL timestamp, or a typed error at its path.
pub(crate) fn check_date(date: &str, base: &str) -> Result<String> {
    stamp(date).ok_or_else(|| {
        Error::invalid(
            format!("{base}.assessment_date"),
            "the OSCAL export needs an assessment date between 1900-01-01 and 2999-12-31 \
             (OSCAL timestamps are limited to those years)",
        )
    })
}

/// One line, trimmed, never empty (OSCAL `markup-line` and `string`).
fn line(s: &str) -> String {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        "-".to_owned()
    } else {
        t
    }
}

fn ns_prop(name: &str, value: &str) -> Value {
    json!({"name": name, "ns": OSCAL_NS, "value": line(value)})
}

fn num(x: f64) -> String {
    format!("{x}")
}

fn interval_props(props: &mut Vec<Value>, name: &str, i: Option<&Interval>) {
    if let Some(i) = i {
        props.push(ns_prop(&format!("{name}-low"), &num(i.low)));
        props.push(ns_prop(&format!("{name}-high"), &num(i.high)));
    }
}

fn basis_str(b: Basis) -> &'static str {
    match b {
        Basis::Direct => "direct",
        Basis::Inferred => "inferred",
        Basis::NotAssessed => "not_assessed",
        Basis::NotApplicable => "not_applicable",
    }
}

/// The names every UUID of one export is derived from: the document's own content, so that a
/// changed assessment gets new UUIDs and the same one always the same.
struct Names {
    root: String,
    stamp: String,
}

impl Names {
    fn uuid(&self, what: &str) -> String {
        uuid_for(&format!("assessment-results/{}/{what}", self.root))
    }
}

/// The OSCAL assessment results of a scored run and its plan.
pub(crate) fn assessment_results(r: &Run<'_>, p: &Plan, cat: &Catalogs) -> Result<Value> {
    let stamp = check_date(&r.doc.assessment_date, "$.assessment")?;
    let doc_json = crate::json::to_string(r.doc)?;
    let names = Names {
        root: uuid_for(&format!("assessment-document/{doc_json}")),
        stamp,
    };
    let e = &r.computed.eval;
    let mut observations = Vec::new();
    let mut findings = Vec::new();
    let risks: Vec<Value> = p.items.iter().map(|it| risk(&names, it)).collect();
    for rs in &e.requirements {
        let obs = requirement_observations(&names, r, rs);
        let obs_uuids: Vec<String> = obs
            .iter()
            .filter_map(|o| o["uuid"].as_str().map(str::to_owned))
            .collect();
        observations.extend(obs);
        let risk_uuid = p
            .items
            .iter()
            .find(|it| it.requirement == rs.id)
            .map(|it| names.uuid(&format!("risk/{}", it.requirement)));
        findings.push(finding(&names, rs, &obs_uuids, risk_uuid.as_deref()));
    }
    let mut result = result_head(&names, r, p, cat);
    if !observations.is_empty() {
        result.insert("observations".into(), Value::Array(observations));
    }
    if !risks.is_empty() {
        result.insert("risks".into(), Value::Array(risks));
    }
    if !findings.is_empty() {
        result.insert("findings".into(), Value::Array(findings));
    }
    let mut meta_props = vec![
        ns_prop("assessment-name", &r.doc.name),
        ns_prop("assessment-date", &r.doc.assessment_date),
        ns_prop("schema-version", &r.doc.schema_version),
    ];
    if let Some(o) = &r.doc.organisation {
        meta_props.push(ns_prop("organisation", o));
    }
    if let Some(t) = &r.doc.target_date {
        meta_props.push(ns_prop("target-date", t));
    }
    Ok(json!({
        "assessment-results": {
            "uuid": names.uuid("document"),
            "metadata": {
                "title": line(&r.doc.name),
                "last-modified": names.stamp,
                "version": line(&r.doc.assessment_date),
                "oscal-version": OSCAL_VERSION,
                "props": meta_props,
                "remarks": "Exported by nis2 from an assessment document. UUIDs are derived \
                    from the document's content; every timestamp is the assessment date (or a \
                    source's date) at 00:00:00 UTC.",
            },
            "import-ap": {
                "href": format!("{}-{}.json", super::report::slug(&r.doc.name), r.doc.assessment_date),
                "remarks": "There is no OSCAL assessment plan: the nis2 assessment document \
                    (this file name) is the plan, and the controls are those of the catalogs \
                    linked from the result.",
            },
            "results": [Value::Object(result)],
        }
    }))
}

/// The result without its observations, risks and findings.
fn result_head(names: &Names, r: &Run<'_>, p: &Plan, cat: &Catalogs) -> Map<String, Value> {
    let e = &r.computed.eval;
    let mut props = vec![
        ns_prop("scale", &e.scale.id),
        ns_prop("aggregation", e.method.aggregation.as_str()),
    ];
    if let Some(o) = &e.overall {
        interval_props(&mut props, "status-score", o.status.as_ref());
        interval_props(&mut props, "maturity-score", o.maturity.as_ref());
        props.push(ns_prop("requirements", &o.counts.requirements.to_string()));
        props.push(ns_prop("direct", &o.counts.direct.to_string()));
        props.push(ns_prop("inferred", &o.counts.inferred.to_string()));
        props.push(ns_prop("not-assessed", &o.counts.not_assessed.to_string()));
        props.push(ns_prop(
            "not-applicable",
            &o.counts.not_applicable.to_string(),
        ));
    }
    let mut fws: Vec<&str> = r
        .set
        .requirements
        .iter()
        .map(|i| i.framework.as_ref())
        .collect();
    fws.dedup();
    fws.sort_unstable();
    fws.dedup();
    let links: Vec<Value> = fws
        .iter()
        .filter_map(|id| cat.framework(id))
        .map(|fw| json!({"href": catalog_href(fw), "rel": "reference", "text": line(&fw.title.en)}))
        .collect();
    let selections = if r.set.requirements.is_empty() {
        json!([{"include-all": {}}])
    } else {
        let ids: Vec<Value> = r
            .set
            .requirements
            .iter()
            .map(|i| json!({"control-id": oscal_id(&i.id)}))
            .collect();
        json!([{"include-controls": ids}])
    };
    let mut m = Map::new();
    m.insert("uuid".into(), Value::String(names.uuid("result")));
    m.insert("title".into(), Value::String(line(&r.doc.name)));
    m.insert(
        "description".into(),
        Value::String(line(&format!(
            "Gap assessment of {} requirement(s) on the maturity scale `{}`, assessed on {}.",
            e.requirements.len(),
            e.scale.id,
            r.doc.assessment_date
        ))),
    );
    m.insert("start".into(), Value::String(names.stamp.clone()));
    if let Some(end) = p.target_date.as_deref().and_then(stamp) {
        m.insert("end".into(), Value::String(end));
    }
    m.insert("props".into(), Value::Array(props));
    if !links.is_empty() {
        m.insert("links".into(), Value::Array(links));
    }
    m.insert(
        "reviewed-controls".into(),
        json!({"control-selections": selections}),
    );
    m
}

/// The observations behind one requirement's result: the direct result with its evidence, or
/// one per source of an inferred result.
fn requirement_observations(names: &Names, r: &Run<'_>, rs: &RequirementScore) -> Vec<Value> {
    let mut out = Vec::new();
    if rs.basis == Basis::Direct || rs.basis == Basis::NotApplicable {
        let mut o = Map::new();
        o.insert(
            "uuid".into(),
            Value::String(names.uuid(&format!("observation/{}", rs.id))),
        );
        o.insert("title".into(), Value::String(line(&rs.id)));
        let mut desc = format!("{}: {}.", rs.id, rs.status.text().en);
        for t in [&rs.justification, &rs.notes].into_iter().flatten() {
            desc.push(' ');
            desc.push_str(t);
        }
        o.insert("description".into(), Value::String(desc));
        o.insert("methods".into(), json!(["EXAMINE"]));
        o.insert("types".into(), json!(["control-objective"]));
        if !rs.evidence.is_empty() {
            let ev: Vec<Value> = rs
                .evidence
                .iter()
                .map(|x| json!({"description": line(x)}))
                .collect();
            o.insert("relevant-evidence".into(), Value::Array(ev));
        }
        o.insert(
            "collected".into(),
            Value::String(source_stamp(names, r, rs.source.as_deref())),
        );
        out.push(Value::Object(o));
    }
    if let Some(inf) = &rs.inferred {
        for src in &inf.sources {
            out.push(inferred_observation(names, r, rs, src));
        }
    }
    out
}

/// The date of a source, else the assessment date.
fn source_stamp(names: &Names, r: &Run<'_>, source: Option<&str>) -> String {
    source
        .and_then(|id| r.doc.sources.iter().flatten().find(|s| s.id == id))
        .and_then(|s| s.date.as_deref())
        .and_then(stamp)
        .unwrap_or_else(|| names.stamp.clone())
}

fn inferred_observation(
    names: &Names,
    r: &Run<'_>,
    rs: &RequirementScore,
    src: &InferenceSource,
) -> Value {
    let mut props = vec![
        ns_prop("inferred-from", &src.requirement),
        ns_prop("source-framework", &src.framework),
        ns_prop("source-status", src.status.as_str()),
        ns_prop("relationship", src.relationship.as_str()),
        ns_prop("confidence", src.confidence.as_str()),
        ns_prop("carries", src.carries.as_str()),
    ];
    for m in &src.mappings {
        props.push(ns_prop("mapping", m));
    }
    let mut evidence = format!(
        "Result `{}` on {} ({}), carried as `{}` through the mapping(s) {} ({}, confidence {}).",
        src.status.as_str(),
        src.requirement,
        src.framework,
        src.carries.as_str(),
        src.mappings.join(", "),
        src.relationship.as_str(),
        src.confidence.as_str()
    );
    if let Some(s) = src
        .source
        .as_deref()
        .and_then(|id| r.doc.sources.iter().flatten().find(|s| s.id == id))
    {
        evidence.push_str(&format!(" Source: {}.", s.title));
    }
    json!({
        "uuid": names.uuid(&format!("observation/{}/from/{}", rs.id, src.requirement)),
        "title": line(&format!("{} inferred from {}", rs.id, src.requirement)),
        "description": line(&format!("{}: {}", src.rule, evidence)),
        "props": props,
        "methods": ["EXAMINE"],
        "types": ["historic"],
        "relevant-evidence": [{"description": line(&evidence)}],
        "collected": source_stamp(names, r, src.source.as_deref()),
    })
}

/// The objective's state and the implementation status of a status.
fn states(s: Status) -> (&'static str, &'static str, Option<&'static str>) {
    match s {
        Status::FullyImplemented => ("satisfied", "pass", Some("implemented")),
        Status::NotApplicable => ("satisfied", "other", Some("not-applicable")),
        Status::LargelyImplemented | Status::PartiallyImplemented => {
            ("not-satisfied", "fail", Some("partial"))
        }
        Status::NotImplemented => ("not-satisfied", "fail", None),
        Status::NotAssessed | Status::Invalid => ("not-satisfied", "other", None),
    }
}

fn finding_props(rs: &RequirementScore) -> Vec<Value> {
    let mut props = vec![
        ns_prop("requirement", &rs.id),
        ns_prop("framework", &rs.framework),
        ns_prop("citation", &rs.citation),
        ns_prop("status", rs.status.as_str()),
        ns_prop("basis", basis_str(rs.basis)),
        ns_prop("weight", &rs.weight.to_string()),
        ns_prop("target-maturity", &rs.target_maturity.to_string()),
    ];
    for (name, v) in [
        ("implementation-maturity", rs.implementation_maturity),
        ("documentation-maturity", rs.documentation_maturity),
    ] {
        if let Some(v) = v {
            props.push(ns_prop(name, &v.to_string()));
        }
    }
    interval_props(&mut props, "status-score", rs.status_score.as_ref());
    interval_props(&mut props, "maturity-score", rs.maturity_score.as_ref());
    if let Some(g) = &rs.gap {
        props.push(ns_prop("gap", &num(g.gap.value)));
    }
    for m in &rs.measures {
        props.push(ns_prop("measure", m));
    }
    props
}

fn finding(
    names: &Names,
    rs: &RequirementScore,
    observations: &[String],
    risk: Option<&str>,
) -> Value {
    let (state, reason, implementation) = states(rs.status);
    let words = rs.status.text();
    let mut target = Map::new();
    target.insert("type".into(), Value::String("objective-id".into()));
    target.insert("target-id".into(), Value::String(oscal_id(&rs.id)));
    target.insert(
        "status".into(),
        json!({"state": state, "reason": reason, "remarks": format!("{} ({})", words.en, basis_str(rs.basis))}),
    );
    if let Some(i) = implementation {
        target.insert("implementation-status".into(), json!({"state": i}));
    }
    let mut f = Map::new();
    f.insert(
        "uuid".into(),
        Value::String(names.uuid(&format!("finding/{}", rs.id))),
    );
    f.insert(
        "title".into(),
        Value::String(line(&format!("{}: {}", rs.citation, rs.title.en))),
    );
    f.insert(
        "description".into(),
        Value::String(line(&format!(
            "{} is {} ({}).",
            rs.id,
            words.en,
            basis_str(rs.basis).replace('_', " ")
        ))),
    );
    f.insert("props".into(), Value::Array(finding_props(rs)));
    f.insert("target".into(), Value::Object(target));
    if !observations.is_empty() {
        let rel: Vec<Value> = observations
            .iter()
            .map(|u| json!({"observation-uuid": u}))
            .collect();
        f.insert("related-observations".into(), Value::Array(rel));
    }
    if let Some(u) = risk {
        f.insert("related-risks".into(), json!([{"risk-uuid": u}]));
    }
    Value::Object(f)
}

/// A plan item as a risk (the gap) with its planned response.
fn risk(names: &Names, it: &PlanItem) -> Value {
    let b = &it.breakdown;
    let mut props = vec![
        ns_prop("requirement", &it.requirement),
        ns_prop("kind", it.kind.as_str()),
        ns_prop("rank", &it.rank.to_string()),
        ns_prop("priority", &num(it.priority.value)),
        ns_prop("gap", &num(b.gap.value)),
        ns_prop("weight", &b.weight.to_string()),
        ns_prop("risk-factor", &b.risk_factor.to_string()),
        ns_prop("effort", &b.effort.to_string()),
    ];
    if let Some(rl) = &b.risk {
        props.push(ns_prop("risk-level", &rl.level));
    }
    let mut resp_props = vec![ns_prop("order", &it.order.to_string())];
    for (name, v) in [
        ("quarter", it.quarter.as_deref()),
        ("owner", it.owner.as_deref()),
        ("due-date", it.due_date.as_deref()),
    ] {
        if let Some(v) = v {
            resp_props.push(ns_prop(name, v));
        }
    }
    for a in &it.after {
        resp_props.push(ns_prop("after", &a.requirement));
    }
    let mut risk = Map::new();
    risk.insert(
        "uuid".into(),
        Value::String(names.uuid(&format!("risk/{}", it.requirement))),
    );
    risk.insert(
        "title".into(),
        Value::String(line(&format!("Gap: {} {}", it.citation, it.title.en))),
    );
    risk.insert(
        "description".into(),
        Value::String(line(&format!(
            "{} is {}: {} it (plan order {}, rank {}).",
            it.requirement,
            it.status.text().en,
            it.kind.as_str(),
            it.order,
            it.rank
        ))),
    );
    risk.insert(
        "statement".into(),
        Value::String(line(&format!(
            "Priority {}: {}",
            num(it.priority.value),
            b.formula
        ))),
    );
    risk.insert("props".into(), Value::Array(props));
    risk.insert("status".into(), Value::String("open".into()));
    if let Some(d) = it.due_date.as_deref().and_then(stamp) {
        risk.insert("deadline".into(), Value::String(d));
    }
    risk.insert(
        "remediations".into(),
        json!([{
            "uuid": names.uuid(&format!("response/{}", it.requirement)),
            "lifecycle": "planned",
            "title": line(&format!("{} {}", it.kind.as_str(), it.requirement)),
            "description": line(&format!("{}: {}", it.kind.as_str(), it.title.en)),
            "props": resp_props,
        }]),
    );
    Value::Object(risk)
}
