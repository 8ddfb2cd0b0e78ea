//! Validation of a register beyond its JSON shape: ids, references, cycles, ratings on the
//! matrix's scales, dates, treatments, appetite. Every problem is listed at once with its path;
//! nothing is assessed from a broken register.

use std::collections::HashMap;

use crate::entity_types;
use crate::error::{Error, Result};

use super::catalog::{self, ThreatCatalog};
use super::matrix::{self, id_error, out_of_scale, valid_id, Matrix, MatrixRef};
use super::register::{
    Appetite, Property, Register, StageRating, Treatment, TreatmentOption, REGISTER_SCHEMA_VERSION,
};

/// A threat as resolved: from the built-in catalogue or the register.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ThreatRef<'r> {
    BuiltIn(&'static catalog::CatalogThreat),
    Register(&'r super::register::Threat),
}

impl<'r> ThreatRef<'r> {
    pub(crate) fn category(&self) -> &'r str {
        match self {
            ThreatRef::BuiltIn(t) => &t.category,
            ThreatRef::Register(t) => &t.category,
        }
    }
}

/// A register whose references are resolved to indices.
#[derive(Debug)]
pub(crate) struct Resolved<'r> {
    pub(crate) matrix: Matrix<'r>,
    /// Per scenario: the asset index.
    pub(crate) scenario_asset: Vec<usize>,
    /// Per scenario: the threat.
    pub(crate) scenario_threat: Vec<ThreatRef<'r>>,
    /// Per scenario: a dense index of the threat (built-in first, then the register's).
    pub(crate) scenario_threat_ix: Vec<usize>,
    /// The number of threats indexed.
    pub(crate) threat_count: usize,
    /// Per asset: the service indices it supports (in the order given).
    pub(crate) asset_services: Vec<Vec<usize>>,
    /// Per service: the indices of its direct dependants.
    pub(crate) dependants: Vec<Vec<usize>>,
    /// Appetite thresholds as level indices: overall, then C, I, A.
    pub(crate) appetite: Option<[Option<usize>; 4]>,
}

pub use crate::date::is_date;

fn date(errors: &mut Vec<Error>, v: Option<&String>, path: impl FnOnce() -> String) {
    crate::date::check(errors, v.map(String::as_str), path);
}

fn non_empty(errors: &mut Vec<Error>, v: &str, path: impl FnOnce() -> String) {
    if v.trim().is_empty() {
        errors.push(Error::invalid(path(), "must not be empty"));
    }
}

fn opt_non_empty(errors: &mut Vec<Error>, v: Option<&String>, path: impl FnOnce() -> String) {
    if let Some(s) = v {
        non_empty(errors, s, path);
    }
}

/// Index ids, reporting invalid and duplicate ones.
fn index_ids<'a>(
    errors: &mut Vec<Error>,
    base: &str,
    list: &str,
    what: &str,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> HashMap<&'a str, usize> {
    let mut map: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (k, id) in ids.enumerate() {
        let path = || format!("{base}.{list}[{k}].id");
        if !valid_id(id) {
            errors.push(id_error(path(), id, what));
        }
        match map.entry(id) {
            std::collections::hash_map::Entry::Occupied(first) => errors.push(Error::invalid(
                path(),
                format!(
                    "duplicate {what} id `{id}` (first at {list}[{}])",
                    first.get()
                ),
            )),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(k);
            }
        }
    }
    map
}

fn unknown<'a>(
    path: String,
    what: &str,
    value: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Error {
    let mut unique: Vec<&str> = Vec::new();
    for c in candidates {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    Error::UnknownId {
        accepted: Vec::new(),
        path,
        what: what.to_owned(),
        value: value.to_owned(),
        suggestions: crate::suggest::nearest(value, unique.into_iter(), 3),
    }
}

fn rating(
    errors: &mut Vec<Error>,
    r: &StageRating,
    n: Option<u32>,
    m: Option<u32>,
    path: &dyn Fn() -> String,
) {
    if let Some(n) = n {
        if r.likelihood == 0 || r.likelihood > n {
            errors.push(out_of_scale(
                &format!("{}.likelihood", path()),
                r.likelihood,
                n,
                "likelihood",
            ));
        }
    }
    if r.impact.max().is_none() {
        errors.push(Error::invalid(
            format!("{}.impact", path()),
            "rates no property: give the impact on confidentiality, integrity or availability (at least one)",
        ));
    }
    if let Some(m) = m {
        for p in Property::ALL {
            if let Some(v) = r.impact.get(p) {
                if v == 0 || v > m {
                    errors.push(out_of_scale(
                        &format!("{}.impact.{}", path(), p.as_str()),
                        v,
                        m,
                        "impact",
                    ));
                }
            }
        }
    }
}

/// Resolve the register's matrix, pushing problems (paths under `{base}.matrix`).
fn resolve_matrix<'r>(
    errors: &mut Vec<Error>,
    base: &str,
    r: &'r MatrixRef,
) -> Result<Option<Matrix<'r>>> {
    let path = format!("{base}.matrix");
    Ok(match r {
        MatrixRef::Preset(id) => match catalog::preset(id)? {
            Some(m) => Some(m.clone()),
            None => {
                errors.push(unknown(
                    path,
                    "risk matrix preset",
                    id,
                    catalog::preset_ids()?.into_iter(),
                ));
                None
            }
        },
        MatrixRef::Inline(def) => matrix::check_into(def, &path, errors),
    })
}

/// Resolve a matrix reference on its own (for `validate_matrix` and `reproject`).
pub(crate) fn matrix_ref<'r>(r: &'r MatrixRef, path: &str) -> Result<Matrix<'r>> {
    match r {
        MatrixRef::Preset(id) => match catalog::preset(id)? {
            Some(m) => Ok(m.clone()),
            None => Err(unknown(
                path.to_owned(),
                "risk matrix preset",
                id,
                catalog::preset_ids()?.into_iter(),
            )),
        },
        MatrixRef::Inline(def) => matrix::check(def, path),
    }
}

fn appetite(
    errors: &mut Vec<Error>,
    base: &str,
    a: &Appetite,
    m: Option<&Matrix<'_>>,
) -> [Option<usize>; 4] {
    let path = format!("{base}.appetite");
    let mut out = [None; 4];
    let fields = [
        ("overall", a.overall.as_deref()),
        ("confidentiality", a.confidentiality.as_deref()),
        ("integrity", a.integrity.as_deref()),
        ("availability", a.availability.as_deref()),
    ];
    if fields.iter().all(|(_, v)| v.is_none()) {
        errors.push(Error::invalid(
            &path,
            "states no threshold: give the highest acceptable level overall and/or per property (confidentiality, integrity, availability)",
        ));
    }
    for ((name, v), slot) in fields.into_iter().zip(out.iter_mut()) {
        let (Some(v), Some(m)) = (v, m) else { continue };
        match m.level_index(v) {
            Some(ix) => *slot = Some(ix),
            None => errors.push(unknown(
                format!("{path}.{name}"),
                "risk level",
                v,
                m.def().levels.iter().map(|l| l.id.as_str()),
            )),
        }
    }
    out
}

/// Depth-first search for cycles in the dependants graph; one error per back edge.
fn cycles(errors: &mut Vec<Error>, base: &str, reg: &Register, edges: &[Vec<(usize, usize)>]) {
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let n = edges.len();
    let mut state = vec![0u8; n];
    let mut stack: Vec<usize> = Vec::new();
    let name = |i: usize| reg.services.get(i).map_or("", |s| s.id.as_str());
    for start in 0..n {
        if state.get(start) != Some(&0) {
            continue;
        }
        // Iterative DFS: (node, next edge position).
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        stack.push(start);
        while let Some(&mut (node, ref mut pos)) = work.last_mut() {
            let next = edges.get(node).and_then(|e| e.get(*pos)).copied();
            *pos += 1;
            match next {
                Some((to, j)) => match state.get(to).copied() {
                    Some(0) => {
                        if let Some(s) = state.get_mut(to) {
                            *s = 1;
                        }
                        stack.push(to);
                        work.push((to, 0));
                    }
                    Some(1) => {
                        let from = stack.iter().position(|&x| x == to).unwrap_or(0);
                        let mut path: Vec<&str> =
                            stack.iter().skip(from).map(|&x| name(x)).collect();
                        path.push(name(to));
                        errors.push(Error::invalid(
                            format!("{base}.services[{node}].dependants[{j}]"),
                            format!(
                                "dependency cycle: {} (each service is listed as a dependant of the one before); a service cannot depend on itself, directly or through others",
                                path.join(" → ")
                            ),
                        ));
                    }
                    _ => {}
                },
                None => {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    stack.pop();
                    work.pop();
                }
            }
        }
    }
}

/// Validate a register, paths under `base` (`$` for a register document, `$.register` inside
/// a request).
pub(crate) fn validate<'r>(reg: &'r Register, base: &str) -> Result<Resolved<'r>> {
    let threat_catalog: &'static ThreatCatalog = catalog::threats()?;
    let entity_catalog = entity_types::catalog()?;
    let mut errors = Vec::new();
    check_header(&mut errors, reg, base);

    let matrix = resolve_matrix(&mut errors, base, &reg.matrix)?;
    let (n, m) = scale_sizes(matrix.as_ref(), &reg.matrix);
    let appetite_ix = reg
        .appetite
        .as_ref()
        .map(|a| appetite(&mut errors, base, a, matrix.as_ref()));
    let (service_ix, dependants) = check_services(&mut errors, reg, base, entity_catalog);
    let (asset_ix, asset_services) = check_assets(&mut errors, reg, base, &service_ix);
    let threat_ix = check_threats(&mut errors, reg, base, threat_catalog);
    let vuln_ix = check_vulnerabilities(&mut errors, reg, base);
    let x = Lookup {
        threat_catalog,
        asset_ix,
        threat_ix,
        vuln_ix,
        n,
        m,
    };
    let ScenarioLinks {
        asset: scenario_asset,
        threat: scenario_threat,
        threat_ix: scenario_threat_ix,
    } = check_scenarios(&mut errors, reg, base, &x);

    Error::from_list(errors)?;
    let matrix = matrix.ok_or_else(|| Error::invalid(format!("{base}.matrix"), "unresolved"))?;
    Ok(Resolved {
        matrix,
        scenario_asset,
        scenario_threat,
        scenario_threat_ix,
        threat_count: threat_catalog.threats.len() + reg.threats.len(),
        asset_services,
        dependants,
        appetite: appetite_ix,
    })
}

/// The version, name and assessment date.
fn check_header(errors: &mut Vec<Error>, reg: &Register, base: &str) {
    if reg.schema_version != REGISTER_SCHEMA_VERSION {
        errors.push(Error::invalid(
            format!("{base}.schema_version"),
            format!(
                "unsupported version `{}`; this engine reads version `{REGISTER_SCHEMA_VERSION}`",
                reg.schema_version
            ),
        ));
    }
    non_empty(errors, &reg.name, || format!("{base}.name"));
    date(errors, reg.assessment_date.as_ref(), || {
        format!("{base}.assessment_date")
    });
}

/// The sizes of the likelihood and impact scales, even from a broken inline matrix, so that
/// ratings are still checked.
fn scale_sizes(matrix: Option<&Matrix<'_>>, r: &MatrixRef) -> (Option<u32>, Option<u32>) {
    match (matrix, r) {
        (Some(mx), _) => (Some(mx.likelihood_levels()), Some(mx.impact_levels())),
        (None, MatrixRef::Inline(def)) => (
            u32::try_from(def.likelihood.len()).ok().filter(|&x| x > 0),
            u32::try_from(def.impact.len()).ok().filter(|&x| x > 0),
        ),
        (None, MatrixRef::Preset(_)) => (None, None),
    }
}

/// The services: ids, names, owners, entity types, dependants (known, not themselves, once),
/// no dependency cycle. Service id → index, and each service's dependants.
fn check_services<'r>(
    errors: &mut Vec<Error>,
    reg: &'r Register,
    base: &str,
    entity_catalog: &entity_types::EntityTypeCatalog,
) -> (HashMap<&'r str, usize>, Vec<Vec<usize>>) {
    let service_ix = index_ids(
        errors,
        base,
        "services",
        "service",
        reg.services.iter().map(|s| s.id.as_str()),
    );
    let service_ids = || reg.services.iter().map(|s| s.id.as_str());
    let mut dependants: Vec<Vec<usize>> = Vec::with_capacity(reg.services.len());
    let mut edges: Vec<Vec<(usize, usize)>> = Vec::with_capacity(reg.services.len());
    for (k, s) in reg.services.iter().enumerate() {
        let p = || format!("{base}.services[{k}]");
        non_empty(errors, &s.name, || format!("{}.name", p()));
        opt_non_empty(errors, s.owner.as_ref(), || format!("{}.owner", p()));
        if let Some(t) = &s.entity_type {
            if entity_catalog.get(t).is_none() {
                errors.push(Error::UnknownId {
                    accepted: Vec::new(),
                    path: format!("{}.entity_type", p()),
                    what: "entity type".to_owned(),
                    value: t.clone(),
                    suggestions: entity_catalog.nearest(t, 3),
                });
            }
        }
        let mut deps = Vec::with_capacity(s.dependants.len());
        let mut es = Vec::with_capacity(s.dependants.len());
        for (j, d) in s.dependants.iter().enumerate() {
            let dp = || format!("{}.dependants[{j}]", p());
            match service_ix.get(d.as_str()) {
                None => errors.push(unknown(dp(), "service", d, service_ids())),
                Some(&ix) if ix == k => errors.push(Error::invalid(
                    dp(),
                    format!("`{d}` lists itself as a dependant: a service cannot depend on itself"),
                )),
                Some(&ix) => {
                    if deps.contains(&ix) {
                        errors.push(Error::invalid(dp(), format!("`{d}` is listed twice")));
                    } else {
                        deps.push(ix);
                        es.push((ix, j));
                    }
                }
            }
        }
        dependants.push(deps);
        edges.push(es);
    }
    cycles(errors, base, reg, &edges);
    (service_ix, dependants)
}

/// The assets: ids, names, owners, services (known, once). Asset id → index, and each
/// asset's services.
fn check_assets<'r>(
    errors: &mut Vec<Error>,
    reg: &'r Register,
    base: &str,
    service_ix: &HashMap<&str, usize>,
) -> (HashMap<&'r str, usize>, Vec<Vec<usize>>) {
    let service_ids = || reg.services.iter().map(|s| s.id.as_str());
    let asset_ix = index_ids(
        errors,
        base,
        "assets",
        "asset",
        reg.assets.iter().map(|a| a.id.as_str()),
    );
    let mut asset_services = Vec::with_capacity(reg.assets.len());
    for (k, a) in reg.assets.iter().enumerate() {
        let p = || format!("{base}.assets[{k}]");
        non_empty(errors, &a.name, || format!("{}.name", p()));
        opt_non_empty(errors, a.owner.as_ref(), || format!("{}.owner", p()));
        let mut sv = Vec::with_capacity(a.services.len());
        for (j, s) in a.services.iter().enumerate() {
            let sp = || format!("{}.services[{j}]", p());
            match service_ix.get(s.as_str()) {
                None => errors.push(unknown(sp(), "service", s, service_ids())),
                Some(&ix) if sv.contains(&ix) => {
                    errors.push(Error::invalid(sp(), format!("`{s}` is listed twice")));
                }
                Some(&ix) => sv.push(ix),
            }
        }
        asset_services.push(sv);
    }
    (asset_ix, asset_services)
}

/// The register's own threats (ids not of the built-in catalogue, names, known categories).
/// Threat id → threat and dense index, the built-in catalogue's first.
fn check_threats<'r>(
    errors: &mut Vec<Error>,
    reg: &'r Register,
    base: &str,
    threat_catalog: &'static ThreatCatalog,
) -> HashMap<&'r str, (ThreatRef<'r>, usize)> {
    let _ = index_ids(
        errors,
        base,
        "threats",
        "threat",
        reg.threats.iter().map(|t| t.id.as_str()),
    );
    let mut threat_ix: HashMap<&str, (ThreatRef<'r>, usize)> =
        HashMap::with_capacity(threat_catalog.threats.len() + reg.threats.len());
    for (k, t) in threat_catalog.threats.iter().enumerate() {
        threat_ix.insert(t.id.as_str(), (ThreatRef::BuiltIn(t), k));
    }
    for (k, t) in reg.threats.iter().enumerate() {
        let p = || format!("{base}.threats[{k}]");
        if threat_catalog.threat(&t.id).is_some() {
            errors.push(Error::invalid(
                format!("{}.id", p()),
                format!("`{}` is a threat of the built-in catalogue: refer to it directly, or choose another id for your own threat", t.id),
            ));
        } else {
            let ix = threat_catalog.threats.len() + k;
            threat_ix
                .entry(t.id.as_str())
                .or_insert((ThreatRef::Register(t), ix));
        }
        non_empty(errors, &t.name, || format!("{}.name", p()));
        if threat_catalog.category(&t.category).is_none() {
            errors.push(unknown(
                format!("{}.category", p()),
                "threat category",
                &t.category,
                threat_catalog.categories.iter().map(|c| c.id.as_str()),
            ));
        }
    }
    threat_ix
}

/// The vulnerabilities: ids and names. Vulnerability id → index.
fn check_vulnerabilities<'r>(
    errors: &mut Vec<Error>,
    reg: &'r Register,
    base: &str,
) -> HashMap<&'r str, usize> {
    let vuln_ix = index_ids(
        errors,
        base,
        "vulnerabilities",
        "vulnerability",
        reg.vulnerabilities.iter().map(|v| v.id.as_str()),
    );
    for (k, v) in reg.vulnerabilities.iter().enumerate() {
        non_empty(errors, &v.name, || {
            format!("{base}.vulnerabilities[{k}].name")
        });
    }
    vuln_ix
}

/// What the scenarios refer to: assets, threats and vulnerabilities by id, and the sizes of
/// the likelihood (`n`) and impact (`m`) scales.
struct Lookup<'r> {
    threat_catalog: &'static ThreatCatalog,
    asset_ix: HashMap<&'r str, usize>,
    threat_ix: HashMap<&'r str, (ThreatRef<'r>, usize)>,
    vuln_ix: HashMap<&'r str, usize>,
    n: Option<u32>,
    m: Option<u32>,
}

/// Per scenario: its asset's index, its threat and the threat's dense index.
struct ScenarioLinks<'r> {
    asset: Vec<usize>,
    threat: Vec<ThreatRef<'r>>,
    threat_ix: Vec<usize>,
}

/// The scenarios: ids, titles, their asset, threat and vulnerability known, ratings on the
/// scales, treatment, owner and review date.
fn check_scenarios<'r>(
    errors: &mut Vec<Error>,
    reg: &'r Register,
    base: &str,
    x: &Lookup<'r>,
) -> ScenarioLinks<'r> {
    let _ = index_ids(
        errors,
        base,
        "scenarios",
        "scenario",
        reg.scenarios.iter().map(|s| s.id.as_str()),
    );
    let mut links = ScenarioLinks {
        asset: Vec::with_capacity(reg.scenarios.len()),
        threat: Vec::with_capacity(reg.scenarios.len()),
        threat_ix: Vec::with_capacity(reg.scenarios.len()),
    };
    for (k, s) in reg.scenarios.iter().enumerate() {
        let p = || format!("{base}.scenarios[{k}]");
        non_empty(errors, &s.title, || format!("{}.title", p()));
        match x.asset_ix.get(s.asset.as_str()) {
            Some(&ix) => links.asset.push(ix),
            None => errors.push(unknown(
                format!("{}.asset", p()),
                "asset",
                &s.asset,
                reg.assets.iter().map(|a| a.id.as_str()),
            )),
        }
        match x.threat_ix.get(s.threat.as_str()) {
            Some(&(t, ix)) => {
                links.threat.push(t);
                links.threat_ix.push(ix);
            }
            None => errors.push(unknown(
                format!("{}.threat", p()),
                "threat",
                &s.threat,
                x.threat_catalog
                    .threats
                    .iter()
                    .map(|t| t.id.as_str())
                    .chain(reg.threats.iter().map(|t| t.id.as_str())),
            )),
        }
        if let Some(v) = &s.vulnerability {
            if !x.vuln_ix.contains_key(v.as_str()) {
                errors.push(unknown(
                    format!("{}.vulnerability", p()),
                    "vulnerability",
                    v,
                    reg.vulnerabilities.iter().map(|v| v.id.as_str()),
                ));
            }
        }
        rating(errors, &s.inherent, x.n, x.m, &|| {
            format!("{}.inherent", p())
        });
        if let Some(r) = &s.current {
            rating(errors, r, x.n, x.m, &|| format!("{}.current", p()));
        }
        if let Some(r) = &s.residual {
            rating(errors, r, x.n, x.m, &|| format!("{}.residual", p()));
        }
        if let Some(t) = &s.treatment {
            check_treatment(errors, t, &|| format!("{}.treatment", p()));
        }
        opt_non_empty(errors, s.owner.as_ref(), || format!("{}.owner", p()));
        date(errors, s.review_date.as_ref(), || {
            format!("{}.review_date", p())
        });
    }
    links
}

/// A scenario's treatment: a mitigation names controls, control ids well-formed and listed
/// once, due date and justification.
fn check_treatment(errors: &mut Vec<Error>, t: &Treatment, tp: &dyn Fn() -> String) {
    if t.option == TreatmentOption::Mitigate && t.controls.is_empty() {
        errors.push(Error::invalid(
            format!("{}.controls", tp()),
            "mitigation names no control: list the control ids that reduce the risk (e.g. `ISO27001:A.8.7`, `CIR-2690:6.7.2`)",
        ));
    }
    for (j, c) in t.controls.iter().enumerate() {
        let cp = || format!("{}.controls[{j}]", tp());
        if c.trim().is_empty() || c.trim() != c {
            errors.push(Error::invalid(
                cp(),
                "must be a control id without leading or trailing spaces",
            ));
        } else if t.controls.iter().take(j).any(|o| o == c) {
            errors.push(Error::invalid(cp(), format!("`{c}` is listed twice")));
        }
    }
    date(errors, t.due_date.as_ref(), || format!("{}.due_date", tp()));
    opt_non_empty(errors, t.justification.as_ref(), || {
        format!("{}.justification", tp())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in [
            "2026-03-31",
            "2024-02-29",
            "2000-02-29",
            "1000-01-01",
            "9999-12-31",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2026-3-31",
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0000-01-01",
            "0999-12-31",
            "2026-01-1x",
            "2026/01/10",
            "",
            "+026-01-10",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
