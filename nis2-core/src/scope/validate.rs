//! Validation of a profile beyond its JSON shape: identifiers, ranges, consistency. Every problem
//! is listed at once, each with its field path; nothing is evaluated from an invalid profile.

use crate::entity_types::{EntityType, EntityTypeCatalog, RuleGroup};
use crate::error::{Error, Result};
use crate::float_text::Plain;
use crate::overlay::canonical;
use crate::scope::profile::{
    PeriodFigures, Profile, RelatedEnterprise, Relationship, SizeFigure, PROFILE_SCHEMA_VERSION,
};

// The paths are made only for an error (`path()`): a valid profile with related enterprises
// would otherwise format a dozen paths on every call.
fn figure(errors: &mut Vec<Error>, path: &dyn Fn() -> String, v: Option<SizeFigure>) {
    let Some(f) = v else { return };
    let (lo, hi) = f.bounds();
    let ends: &[(f64, &str)] = match f {
        SizeFigure::Exact(_) => &[(lo, "")],
        SizeFigure::Range { .. } => &[(lo, "[0]"), (hi, "[1]")],
    };
    let before = errors.len();
    for &(x, end) in ends {
        if !x.is_finite() {
            errors.push(Error::invalid(
                format!("{}{end}", path()),
                "must be a finite number (not NaN or infinite)",
            ));
        } else if x < 0.0 {
            errors.push(Error::invalid(
                format!("{}{end}", path()),
                format!("must be zero or more, got {}", Plain(x)),
            ));
        }
    }
    if errors.len() == before && lo > hi {
        errors.push(Error::invalid(
            format!("{}[1]", path()),
            format!(
                "the end of a range [min, max] must not be below its start, got [{}, {}]",
                Plain(lo),
                Plain(hi)
            ),
        ));
    }
}

fn percent(
    errors: &mut Vec<Error>,
    path: &dyn Fn() -> String,
    v: Option<f64>,
    lo: f64,
    hi: f64,
    what: &str,
) {
    if let Some(x) = v {
        if !x.is_finite() || x < lo || x > hi {
            errors.push(Error::invalid(
                path(),
                format!(
                    "{what} must be between {} and {} (%), got {}",
                    Plain(lo),
                    Plain(hi),
                    Plain(x)
                ),
            ));
        }
    }
}

fn related(
    errors: &mut Vec<Error>,
    base: &dyn Fn() -> String,
    list: Option<&Vec<RelatedEnterprise>>,
) {
    for (j, r) in list.into_iter().flatten().enumerate() {
        let p = || format!("{}.related_enterprises[{j}]", base());
        figure(
            errors,
            &|| format!("{}.staff_headcount", p()),
            r.staff_headcount,
        );
        figure(
            errors,
            &|| format!("{}.annual_turnover_eur", p()),
            r.annual_turnover_eur,
        );
        figure(
            errors,
            &|| format!("{}.balance_sheet_total_eur", p()),
            r.balance_sheet_total_eur,
        );
        match r.relationship {
            Relationship::Partner => match r.share_percent {
                None => errors.push(Error::invalid(
                    format!("{}.share_percent", p()),
                    "required for a partner enterprise: the greater of the capital or voting-rights share, 25 to 50 (%)",
                )),
                Some(_) => percent(
                    errors,
                    &|| format!("{}.share_percent", p()),
                    r.share_percent,
                    25.0,
                    50.0,
                    "a partner enterprise's share (25 % to 50 %; below 25 % it is autonomous, above 50 % linked)",
                ),
            },
            Relationship::Linked => percent(
                errors,
                &|| format!("{}.share_percent", p()),
                r.share_percent,
                0.0,
                100.0,
                "a share",
            ),
        }
    }
}

/// Validate the profile and resolve its entity types (in activity order).
pub(crate) fn validate<'c>(
    p: &Profile,
    catalog: &'c EntityTypeCatalog,
    types: &mut Vec<&'c EntityType>,
) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(v) = &p.schema_version {
        if v != PROFILE_SCHEMA_VERSION {
            errors.push(Error::invalid(
                "$.schema_version",
                format!("unsupported version `{v}`; this engine reads version `{PROFILE_SCHEMA_VERSION}`"),
            ));
        }
    }
    if let Some(ms) = &p.member_state {
        state_code(&mut errors, ms, || "$.member_state".to_owned());
    }
    service_states(&mut errors, &p.member_states_of_service);
    if p.provides_services_in_union == Some(false) && !p.member_states_of_service.is_empty() {
        errors.push(Error::invalid(
            "$.provides_services_in_union",
            "false, but `member_states_of_service` lists Member States where the entity provides services: correct one of them",
        ));
    }
    activities(p, catalog, &mut errors, types);
    let full = p.designations.as_ref().and_then(|d| d.security_exemption)
        == Some(crate::scope::profile::SecurityExemption::Full);
    if full
        && matches!(
            p.security_activities,
            Some(
                crate::scope::profile::SecurityActivities::None
                    | crate::scope::profile::SecurityActivities::Partly
            )
        )
    {
        errors.push(Error::invalid(
            "$.designations.security_exemption",
            "a full exemption (Art 2(8), third sentence) is only for an entity that carries out such activities exclusively; `security_activities` says otherwise",
        ));
    }
    if let Some(s) = &p.size {
        size(s, &mut errors);
    }
    Error::from_list(errors)
}

/// A Member State code that must name an EU or EEA State.
fn state_code(errors: &mut Vec<Error>, code: &str, path: impl FnOnce() -> String) -> bool {
    // The path is written only for an error; the State's file is read later, when its overlay
    // is applied.
    if crate::overlay::index(code).is_some() {
        return true;
    }
    errors.extend(crate::overlay::unknown(code, path()));
    false
}

/// The States of service: each a known code, each once (`EL` and `GR` are the same State).
fn service_states(errors: &mut Vec<Error>, codes: &[String]) {
    for (i, code) in codes.iter().enumerate() {
        let path = || format!("$.member_states_of_service[{i}]");
        if !state_code(errors, code, path) {
            continue;
        }
        let first = codes
            .iter()
            .position(|c| canonical(c) == canonical(code))
            .filter(|&f| f < i);
        if let Some(first) = first {
            errors.push(Error::invalid(
                path(),
                format!(
                    "`{code}` is listed twice (first at member_states_of_service[{first}]); list each Member State once"
                ),
            ));
        }
    }
}

/// Resolve the activities' entity types, listing every problem.
fn activities<'c>(
    p: &Profile,
    catalog: &'c EntityTypeCatalog,
    errors: &mut Vec<Error>,
    types: &mut Vec<&'c EntityType>,
) {
    types.clear();
    types.reserve(p.activities.len());
    for (i, a) in p.activities.iter().enumerate() {
        let base = || format!("$.activities[{i}]");
        let Some(t) = catalog.get(&a.entity_type) else {
            errors.push(Error::UnknownId {
                accepted: Vec::new(),
                path: format!("{}.entity_type", base()),
                what: "entity type".to_owned(),
                value: a.entity_type.clone(),
                suggestions: catalog.nearest(&a.entity_type, 3),
            });
            continue;
        };
        if let Some(first) = p
            .activities
            .iter()
            .position(|o| o.entity_type == a.entity_type)
        {
            if first < i {
                errors.push(Error::invalid(
                    format!("{}.entity_type", base()),
                    format!("`{}` is listed twice (first at activities[{first}]); list each entity type once", a.entity_type),
                ));
            }
        }
        if a.qualified_trust_service_provider.is_some() && t.rule_group != RuleGroup::TrustService {
            errors.push(Error::invalid(
                format!("{}.qualified_trust_service_provider", base()),
                format!(
                    "applies only to trust service providers (NIS2-I-08-07), not to `{}`",
                    t.id
                ),
            ));
        }
        if a.significant_impact_assessed.is_some()
            && t.rule_group != RuleGroup::RegionalPublicAdministration
        {
            errors.push(Error::invalid(
                format!("{}.significant_impact_assessed", base()),
                format!(
                    "applies only to regional public administration entities (NIS2-I-10-02), not to `{}`",
                    t.id
                ),
            ));
        }
        types.push(t);
    }
}

/// Check the size figures of every period and related enterprise.
fn size(s: &crate::scope::profile::SizeInput, errors: &mut Vec<Error>) {
    let at = |path: &'static str| move || path.to_owned();
    figure(errors, &at("$.size.staff_headcount"), s.staff_headcount);
    figure(
        errors,
        &at("$.size.annual_turnover_eur"),
        s.annual_turnover_eur,
    );
    figure(
        errors,
        &at("$.size.balance_sheet_total_eur"),
        s.balance_sheet_total_eur,
    );
    percent(
        errors,
        &at("$.size.public_bodies_control_percent"),
        s.public_bodies_control_percent,
        0.0,
        100.0,
        "a share",
    );
    related(errors, &at("$.size"), s.related_enterprises.as_ref());
    for (
        k,
        PeriodFigures {
            staff_headcount,
            annual_turnover_eur,
            balance_sheet_total_eur,
            related_enterprises,
            ..
        },
    ) in s.previous_periods.iter().enumerate()
    {
        let b = || format!("$.size.previous_periods[{k}]");
        figure(
            errors,
            &|| format!("{}.staff_headcount", b()),
            *staff_headcount,
        );
        figure(
            errors,
            &|| format!("{}.annual_turnover_eur", b()),
            *annual_turnover_eur,
        );
        figure(
            errors,
            &|| format!("{}.balance_sheet_total_eur", b()),
            *balance_sheet_total_eur,
        );
        related(errors, &b, related_enterprises.as_ref());
    }
    if errors.is_empty() {
        for path in crate::scope::size::overflowing(s) {
            errors.push(Error::invalid(
                format!("$.size{path}"),
                format!(
                    "with the partner and linked enterprises added (Annex Art 6), this figure is larger than the engine can compute (at most {}); give the figures in a consistent, realistic unit",
                    crate::float_text::Exp(f64::MAX)
                ),
            ));
        }
    }
}
