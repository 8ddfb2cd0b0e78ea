//! Validation of an assessment document beyond its JSON shape: every problem is listed at once
//! with its path (`Error::Multiple`), and nothing is scored from an invalid document.

use std::collections::HashMap;

use crate::catalog::{catalogs, Catalogs, NodeKind};
use crate::date::is_date;
use crate::error::{Error, Result};

use super::data;
use super::model::{
    AssessmentDocument, RequirementResult, Scale, ScaleRef, ScopeInput, Status,
    DOCUMENT_SCHEMA_VERSION,
};
use super::requirements::{ScopeBasis, ScopeCtx};

/// Problems of a scale (inline or embedded), with paths under `base`.
pub(crate) fn scale_problems(s: &Scale, base: &str) -> Vec<Error> {
    let mut e = Vec::new();
    if s.id.trim().is_empty() {
        e.push(Error::invalid(format!("{base}.id"), "must not be empty"));
    }
    if s.max <= s.min || s.max - s.min > 10 {
        e.push(Error::invalid(
            format!("{base}.max"),
            format!(
                "the scale must have 2 to 11 levels (max above min by 1 to 10); got min {} and max {}",
                s.min, s.max
            ),
        ));
        return e;
    }
    if !(s.min..=s.max).contains(&s.default_target) {
        e.push(Error::invalid(
            format!("{base}.default_target"),
            format!(
                "{} is outside the scale {}–{}",
                s.default_target, s.min, s.max
            ),
        ));
    }
    let want = usize::try_from(s.max - s.min + 1).unwrap_or(0);
    if s.levels.len() != want {
        e.push(Error::invalid(
            format!("{base}.levels"),
            format!(
                "expected {want} levels ({} to {}), got {}",
                s.min,
                s.max,
                s.levels.len()
            ),
        ));
    }
    for (k, l) in s.levels.iter().enumerate() {
        let expect = s.min + i64::try_from(k).unwrap_or(i64::MAX);
        if l.value != expect {
            e.push(Error::invalid(
                format!("{base}.levels[{k}].value"),
                format!("expected {expect}: levels run from min to max in steps of 1"),
            ));
        }
    }
    e
}

/// Move every path of an error (`$…`) under `base`.
pub(crate) fn rebase(e: Error, base: &str) -> Error {
    e.map_paths(&|p| match p.strip_prefix('$') {
        Some(rest) => format!("{base}{rest}"),
        None => p,
    })
}

/// Add an error to the list, flattening `Multiple`.
pub(crate) fn push_flat(errors: &mut Vec<Error>, e: Error) {
    match e {
        Error::Multiple(list) => errors.extend(list),
        other => errors.push(other),
    }
}

fn date(errors: &mut Vec<Error>, v: Option<&str>, path: impl FnOnce() -> String) {
    crate::date::check(errors, v, path);
}

fn unknown_node(cat: &Catalogs, path: String, id: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path,
        what: "catalog requirement".to_owned(),
        value: id.to_owned(),
        suggestions: cat.nearest_nodes(id, 3),
    }
}

fn unknown_framework(cat: &Catalogs, path: String, id: &str) -> Error {
    Error::UnknownId {
        accepted: Vec::new(),
        path,
        what: "framework".to_owned(),
        value: id.to_owned(),
        suggestions: cat.nearest_frameworks(id, 3),
    }
}

/// Resolve a scale reference (problems under `path`).
pub(crate) fn resolve_scale<'d>(
    scale: Option<&'d ScaleRef>,
    path: &str,
    errors: &mut Vec<Error>,
) -> Option<&'d Scale>
where
    'static: 'd,
{
    let cat = match data::scales() {
        Ok(c) => c,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    match scale {
        None => cat.default_scale(),
        Some(ScaleRef::Id(id)) => match cat.get(id) {
            Some(s) => Some(s),
            None => {
                errors.push(Error::UnknownId {
                    accepted: Vec::new(),
                    path: path.to_owned(),
                    what: "maturity scale".to_owned(),
                    value: id.clone(),
                    suggestions: crate::suggest::nearest(
                        id,
                        cat.scales.iter().map(|s| s.id.as_str()),
                        3,
                    ),
                });
                None
            }
        },
        Some(ScaleRef::Inline(s)) => {
            let p = scale_problems(s, path);
            if p.is_empty() {
                Some(s)
            } else {
                errors.extend(p);
                None
            }
        }
    }
}

/// Evaluate a scope input (problems under `path`).
pub(crate) fn scope_ctx(
    scope: Option<&ScopeInput>,
    path: &str,
    errors: &mut Vec<Error>,
) -> ScopeCtx {
    match scope {
        None => ScopeCtx {
            basis: ScopeBasis::None,
            result: None,
        },
        Some(ScopeInput::Profile(p)) => match crate::scope::scope(p) {
            Ok(r) => ScopeCtx {
                basis: ScopeBasis::Profile,
                result: Some(r),
            },
            Err(e) => {
                push_flat(errors, rebase(e, &format!("{path}.profile")));
                ScopeCtx {
                    basis: ScopeBasis::Profile,
                    result: None,
                }
            }
        },
        Some(ScopeInput::Result(r)) => {
            if r.schema_version != crate::scope::result::RESULT_SCHEMA_VERSION {
                errors.push(Error::invalid(
                    format!("{path}.result.schema_version"),
                    format!(
                        "unsupported scope result version `{}`; expected `{}`",
                        r.schema_version,
                        crate::scope::result::RESULT_SCHEMA_VERSION
                    ),
                ));
            }
            ScopeCtx {
                basis: ScopeBasis::Result,
                result: Some((**r).clone()),
            }
        }
    }
}

/// Check the `frameworks` override.
pub(crate) fn check_frameworks(
    cat: &Catalogs,
    list: Option<&Vec<String>>,
    path: &str,
    errors: &mut Vec<Error>,
) {
    let Some(list) = list else { return };
    if list.is_empty() {
        errors.push(Error::invalid(
            path,
            "list at least one framework id, or leave `frameworks` out to select by scope",
        ));
    }
    for (i, f) in list.iter().enumerate() {
        if cat.framework(f).is_none() {
            errors.push(unknown_framework(cat, format!("{path}[{i}]"), f));
        } else if list.iter().take(i).any(|x| x == f) {
            errors.push(Error::invalid(
                format!("{path}[{i}]"),
                format!("`{f}` is listed twice"),
            ));
        }
    }
}

/// What validation resolves.
#[derive(Debug)]
pub(crate) struct Checked<'d> {
    pub(crate) scale: &'d Scale,
    pub(crate) ctx: ScopeCtx,
    pub(crate) risk: Option<crate::risk::Assessment<'d>>,
}

fn range(
    errors: &mut Vec<Error>,
    v: Option<i64>,
    scale: Option<&Scale>,
    path: impl FnOnce() -> String,
) {
    if let (Some(x), Some(s)) = (v, scale) {
        if !(s.min..=s.max).contains(&x) {
            errors.push(Error::invalid(
                path(),
                format!("{x} is outside the scale `{}` ({}–{})", s.id, s.min, s.max),
            ));
        }
    }
}

fn weight(errors: &mut Vec<Error>, v: Option<u32>, path: impl FnOnce() -> String) {
    if let Some(w) = v {
        if !(1..=100).contains(&w) {
            errors.push(Error::invalid(
                path(),
                format!("a weight is a whole number from 1 to 100; got {w}"),
            ));
        }
    }
}

/// Validate a document whose root is at `base` (`$` alone, `$.assessment` in a request).
pub(crate) fn check<'d>(doc: &'d AssessmentDocument, base: &str) -> Result<Checked<'d>> {
    let cat = catalogs()?;
    let mut errors: Vec<Error> = Vec::new();
    check_header(doc, base, &mut errors);
    let scale = resolve_scale(doc.scale.as_ref(), &format!("{base}.scale"), &mut errors);
    let ctx = scope_ctx(doc.scope.as_ref(), &format!("{base}.scope"), &mut errors);
    check_frameworks(
        cat,
        doc.frameworks.as_ref(),
        &format!("{base}.frameworks"),
        &mut errors,
    );
    if doc.scope.is_none() && doc.frameworks.is_none() {
        errors.push(Error::invalid(
            format!("{base}.scope"),
            "give the organisation's scope (`{\"profile\": …}` or `{\"result\": …}`), or list the `frameworks` to score",
        ));
    }

    let sources = check_sources(cat, doc, base, &mut errors);
    check_results(cat, doc, base, scale, &sources, &mut errors);
    check_settings(cat, doc, base, scale, &mut errors);

    // Risk register.
    let risk = match &doc.risk_register {
        None => None,
        Some(reg) => match crate::risk::assess::assess_at(reg, &format!("{base}.risk_register")) {
            Ok(a) => Some(a),
            Err(e) => {
                push_flat(&mut errors, e);
                None
            }
        },
    };

    Error::from_list(errors)?;
    let scale = scale.ok_or_else(|| Error::invalid(format!("{base}.scale"), "no scale"))?;
    Ok(Checked { scale, ctx, risk })
}

/// The document's version, name and dates (the target date not before the assessment date).
fn check_header(doc: &AssessmentDocument, base: &str, errors: &mut Vec<Error>) {
    if doc.schema_version != DOCUMENT_SCHEMA_VERSION {
        errors.push(Error::invalid(
            format!("{base}.schema_version"),
            format!(
                "unsupported version `{}`; expected `{DOCUMENT_SCHEMA_VERSION}`",
                doc.schema_version
            ),
        ));
    }
    if doc.name.trim().is_empty() {
        errors.push(Error::invalid(format!("{base}.name"), "must not be empty"));
    }
    date(errors, Some(&doc.assessment_date), || {
        format!("{base}.assessment_date")
    });
    date(errors, doc.target_date.as_deref(), || {
        format!("{base}.target_date")
    });
    if let Some(t) = &doc.target_date {
        if is_date(t) && is_date(&doc.assessment_date) && t.as_str() < doc.assessment_date.as_str()
        {
            errors.push(Error::invalid(
                format!("{base}.target_date"),
                format!(
                    "the target date {t} is before the assessment date {}",
                    doc.assessment_date
                ),
            ));
        }
    }
}

/// The sources: ids given and unique, frameworks known, dates valid. Each source id with its
/// framework.
fn check_sources<'d>(
    cat: &'static Catalogs,
    doc: &'d AssessmentDocument,
    base: &str,
    errors: &mut Vec<Error>,
) -> Sources<'d> {
    let mut source_fw: HashMap<&str, &str> = HashMap::new();
    let mut ids = Vec::new();
    for (i, s) in doc.sources.iter().flatten().enumerate() {
        let p = |f: &str| format!("{base}.sources[{i}].{f}");
        if s.id.trim().is_empty() {
            errors.push(Error::invalid(p("id"), "must not be empty"));
        }
        if source_fw.insert(&s.id, &s.framework).is_some() {
            errors.push(Error::invalid(
                p("id"),
                format!("duplicate source id `{}`", s.id),
            ));
        } else {
            ids.push(s.id.as_str());
        }
        if cat.framework(&s.framework).is_none() {
            errors.push(unknown_framework(cat, p("framework"), &s.framework));
        }
        date(errors, s.date.as_deref(), || p("date"));
    }
    Sources {
        framework: source_fw,
        ids,
    }
}

/// The document's sources: each id's framework, and the ids in the document's order, each
/// once: the candidates of a "did you mean" (a map's order would differ between calls, and
/// with it the order of equally near ones).
struct Sources<'d> {
    framework: HashMap<&'d str, &'d str>,
    ids: Vec<&'d str>,
}

/// The results: each on a known requirement, from a source on its framework, given once,
/// with a valid status, maturities on the scale, weight, effort and due date.
fn check_results(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    base: &str,
    scale: Option<&Scale>,
    sources: &Sources<'_>,
    errors: &mut Vec<Error>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(doc.results.len());
    for (i, r) in doc.results.iter().enumerate() {
        let p = |f: &str| format!("{base}.results[{i}].{f}");
        check_result_node(cat, r, &p, sources, errors);
        if let Some(&first) = seen.get(r.requirement.as_str()) {
            errors.push(Error::invalid(
                p("requirement"),
                format!(
                    "duplicate result for `{}` (first at {base}.results[{first}])",
                    r.requirement
                ),
            ));
        } else {
            seen.insert(&r.requirement, i);
        }
        check_result_values(r, scale, &p, errors);
    }
}

/// A result's requirement: a known requirement (not a group), and its source, if any, one on
/// the requirement's framework.
fn check_result_node(
    cat: &'static Catalogs,
    r: &RequirementResult,
    p: &dyn Fn(&str) -> String,
    sources: &Sources<'_>,
    errors: &mut Vec<Error>,
) {
    match cat.node(&r.requirement) {
        None => errors.push(unknown_node(cat, p("requirement"), &r.requirement)),
        Some((fw, n)) => {
            if n.kind == NodeKind::Group {
                errors.push(Error::invalid(
                    p("requirement"),
                    format!(
                        "`{}` is a group, not a requirement; give results for the requirements under it ({})",
                        r.requirement,
                        cat.leaves(&r.requirement)
                            .iter()
                            .take(4)
                            .map(|x| x.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if let Some(src) = &r.source {
                match sources.framework.get(src.as_str()) {
                    None => errors.push(Error::UnknownId {
                        accepted: Vec::new(),
                        path: p("source"),
                        what: "source".to_owned(),
                        value: src.clone(),
                        suggestions: crate::suggest::nearest(
                            src,
                            sources.ids.iter().copied(),
                            3,
                        ),
                    }),
                    Some(f) if *f != fw.id => errors.push(Error::invalid(
                        p("source"),
                        format!(
                            "source `{src}` holds results on `{f}`, but `{}` is a requirement of `{}`",
                            r.requirement, fw.id
                        ),
                    )),
                    Some(_) => {}
                }
            }
        }
    }
}

/// A result's status (a not_applicable one justified, a not-assessed or not-applicable one
/// without maturities), maturities on the scale, weight, effort and due date.
fn check_result_values(
    r: &RequirementResult,
    scale: Option<&Scale>,
    p: &dyn Fn(&str) -> String,
    errors: &mut Vec<Error>,
) {
    match r.status {
        Status::Invalid => errors.push(Error::invalid(
            p("status"),
            "not a status; expected one of not_assessed, not_applicable, not_implemented, partially_implemented, largely_implemented, fully_implemented",
        )),
        Status::NotApplicable
            if r.justification.as_deref().is_none_or(|j| j.trim().is_empty()) =>
        {
            errors.push(Error::invalid(
                p("justification"),
                "a not_applicable requirement needs a justification (why it does not apply)",
            ));
        }
        _ => {}
    }
    if matches!(r.status, Status::NotAssessed | Status::NotApplicable) {
        for (f, v) in [
            ("implementation_maturity", r.implementation_maturity),
            ("documentation_maturity", r.documentation_maturity),
        ] {
            if v.is_some() {
                errors.push(Error::invalid(
                    p(f),
                    format!(
                        "a {} requirement has no maturity; give its status first",
                        r.status.as_str()
                    ),
                ));
            }
        }
    }
    range(errors, r.implementation_maturity, scale, || {
        p("implementation_maturity")
    });
    range(errors, r.documentation_maturity, scale, || {
        p("documentation_maturity")
    });
    range(errors, r.target_maturity, scale, || p("target_maturity"));
    weight(errors, r.weight, || p("weight"));
    if let Some(e) = r.effort {
        if !(1..=5).contains(&e) {
            errors.push(Error::invalid(
                p("effort"),
                format!("effort is 1 (days) to 5 (more than a quarter); got {e}"),
            ));
        }
    }
    date(errors, r.due_date.as_deref(), || p("due_date"));
}

/// The settings: target maturity on the scale, weights on known nodes and in range, top_gaps
/// in range.
fn check_settings(
    cat: &'static Catalogs,
    doc: &AssessmentDocument,
    base: &str,
    scale: Option<&Scale>,
    errors: &mut Vec<Error>,
) {
    if let Some(s) = &doc.settings {
        let p = |f: &str| format!("{base}.settings.{f}");
        range(errors, s.target_maturity, scale, || p("target_maturity"));
        for (k, w) in s.weights.iter().flatten() {
            if cat.node(k).is_none() {
                errors.push(unknown_node(cat, format!("{}.{k}", p("weights")), k));
            }
            weight(errors, Some(*w), || format!("{}.{k}", p("weights")));
        }
        for (k, w) in s.measure_weights.iter().flatten() {
            if cat.node(k).is_none() {
                errors.push(unknown_node(
                    cat,
                    format!("{}.{k}", p("measure_weights")),
                    k,
                ));
            }
            weight(errors, Some(*w), || format!("{}.{k}", p("measure_weights")));
        }
        if let Some(t) = s.top_gaps {
            if !(1..=1000).contains(&t) {
                errors.push(Error::invalid(
                    p("top_gaps"),
                    format!("from 1 to 1000; got {t}"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_scales_are_valid_and_problems_have_paths() {
        let cat = data::scales().unwrap();
        for s in &cat.scales {
            assert!(scale_problems(s, "$").is_empty(), "{}", s.id);
            for l in &s.levels {
                assert!(!l.name.en.is_empty() && !l.name.da.is_empty());
                assert!(!l.implementation.en.is_empty() && !l.implementation.da.is_empty());
            }
        }
        let mut bad = cat.default_scale().unwrap().clone();
        bad.max = bad.min;
        let p = scale_problems(&bad, "$.scale");
        assert_eq!(p.first().and_then(|e| e.path()), Some("$.scale.max"));
    }

    #[test]
    fn rebase_moves_paths_under_a_base() {
        let e = Error::Multiple(vec![
            Error::invalid("$.activities[0]", "x"),
            Error::invalid("$", "y"),
        ]);
        let Error::Multiple(list) = rebase(e, "$.scope.profile") else {
            panic!("still multiple")
        };
        assert_eq!(list[0].path(), Some("$.scope.profile.activities[0]"));
        assert_eq!(list[1].path(), Some("$.scope.profile"));
    }
}
