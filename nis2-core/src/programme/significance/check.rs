//! Validation of a `significant_incident` request, and the services whose figures the criteria
//! of Arts 5 to 14 read.

use super::{AffectedService, IncidentFacts, SignificanceRequest, COVERED};
use crate::entity_types::EntityTypeCatalog;
use crate::error::{Error, Result};

/// A service the criteria of one Article are measured on.
pub(super) struct Service {
    /// The Article with the criteria (5 to 14).
    pub(super) article: u8,
    /// The entity types it stands for.
    pub(super) entity_types: Vec<String>,
    /// Its name in the result (`None` for the figures of `facts` and for a type without a
    /// service).
    pub(super) label: Option<String>,
    /// Its figures; `None` when `services` holds no service of the type, or when the figures
    /// of several Articles' types cannot be read from `facts`.
    pub(super) figures: Option<AffectedService>,
    /// Where its figures are in the request, as a prefix of a field name (`services[1].`);
    /// empty for `facts`.
    pub(super) prefix: String,
}

/// Validate the request (every problem at once); the services to measure, in Article order.
pub(super) fn check(r: &SignificanceRequest) -> Result<Vec<Service>> {
    let mut e = Vec::new();
    let catalog = crate::entity_types::catalog()?;
    if r.entity_types.is_empty() {
        e.push(Error::invalid(
            "$.entity_types",
            "give at least one entity type covered by Regulation (EU) 2024/2690",
        ));
    }
    let articles = check_entity_types(r, catalog, &mut e);
    check_entity_facts(&r.facts, &mut e);
    check_figures(&r.facts.service(), "$.facts", &mut e);
    for (i, s) in r.services.iter().enumerate() {
        check_figures(s, &format!("$.services[{i}]"), &mut e);
    }
    check_services(r, &mut e);
    check_shared_figures(r, &articles, &mut e);
    Error::from_list(e)?;
    Ok(services(r, articles))
}

/// The Article of a covered entity type.
fn article_of(id: &str) -> Option<u8> {
    COVERED.iter().find(|(t, _)| *t == id).map(|(_, a)| *a)
}

/// Each entity type listed once and covered by the Regulation: the Articles with specific
/// criteria and the types they cover, in the order first listed.
fn check_entity_types(
    r: &SignificanceRequest,
    catalog: &EntityTypeCatalog,
    e: &mut Vec<Error>,
) -> Vec<(u8, Vec<String>)> {
    let mut articles: Vec<(u8, Vec<String>)> = Vec::new();
    for (i, id) in r.entity_types.iter().enumerate() {
        let path = format!("$.entity_types[{i}]");
        if r.entity_types.iter().take(i).any(|x| x == id) {
            e.push(Error::invalid(path, format!("`{id}` is listed twice")));
            continue;
        }
        match article_of(id) {
            Some(art) => match articles.iter_mut().find(|(a, _)| *a == art) {
                Some((_, list)) => list.push(id.clone()),
                None => articles.push((art, vec![id.clone()])),
            },
            None if catalog.get(id).is_some() => e.push(Error::invalid(
                path,
                format!("`{id}` is not covered by Implementing Regulation (EU) 2024/2690 (its Art 1 lists DNS, TLD, cloud, data centre, CDN, MSP, MSSP, online marketplaces, search engines, social networks and trust service providers: {}); for other entities, Art 23(3) of the Directive and national guidance decide significance", COVERED.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ")),
            )),
            None => e.push(Error::UnknownId {
                accepted: Vec::new(),
                path,
                what: "entity type".to_owned(),
                value: id.clone(),
                suggestions: crate::suggest::nearest(id, COVERED.iter().map(|(t, _)| *t), 3),
            }),
        }
    }
    articles
}

/// A finite number, zero or more.
fn non_negative(e: &mut Vec<Error>, path: String, v: Option<f64>) {
    if let Some(x) = v {
        if !x.is_finite() || x < 0.0 {
            e.push(Error::invalid(
                path,
                format!("must be a finite number, zero or more, got {x}"),
            ));
        }
    }
}

/// The entity's facts: amounts finite and not negative, at least one occurrence.
fn check_entity_facts(f: &IncidentFacts, e: &mut Vec<Error>) {
    for (field, v) in [
        ("direct_financial_loss_eur", f.direct_financial_loss_eur),
        ("annual_turnover_eur", f.annual_turnover_eur),
    ] {
        non_negative(e, format!("$.facts.{field}"), v);
    }
    if let Some(rec) = &f.recurring {
        non_negative(
            e,
            "$.facts.recurring.combined_direct_financial_loss_eur".to_owned(),
            Some(rec.combined_direct_financial_loss_eur),
        );
        if rec.occurrences_within_6_months == 0 {
            e.push(Error::invalid(
                "$.facts.recurring.occurrences_within_6_months",
                "count this incident too: at least 1",
            ));
        }
    }
}

/// The figures of a service (at `base`): durations finite and not negative, counts within their
/// totals, a planned window only with scheduled maintenance.
fn check_figures(s: &AffectedService, base: &str, e: &mut Vec<Error>) {
    for (field, v) in [
        ("planned_window_minutes", s.planned_window_minutes),
        (
            "complete_unavailability_minutes",
            s.complete_unavailability_minutes,
        ),
        (
            "limited_availability_minutes",
            s.limited_availability_minutes,
        ),
        ("slow_response_minutes", s.slow_response_minutes),
        ("average_response_seconds", s.average_response_seconds),
        (
            "unavailable_minutes_calendar_week",
            s.unavailable_minutes_calendar_week,
        ),
    ] {
        non_negative(e, format!("{base}.{field}"), v);
    }
    if s.planned_window_minutes.is_some() && s.scheduled_maintenance != Some(true) {
        e.push(Error::invalid(
            format!("{base}.planned_window_minutes"),
            "a planned window belongs to a scheduled interruption or maintenance (Art 3(2)): give it with `scheduled_maintenance: true`, or leave it out",
        ));
    }
    if let Some(total) = s.users_in_union {
        for (field, v) in [
            (
                "users_completely_unavailable",
                s.users_completely_unavailable,
            ),
            ("users_limited_availability", s.users_limited_availability),
            ("users_data_compromise", s.users_data_compromise),
        ] {
            if let Some(a) = v.filter(|a| *a > total) {
                e.push(Error::invalid(
                    format!("{base}.{field}"),
                    format!("{a} users affected is more than the {total} users in the Union (users_in_union)"),
                ));
            }
        }
    }
    if let (Some(a), Some(m)) = (s.domain_names_incorrect, s.domain_names_managed) {
        if a > m {
            e.push(Error::invalid(
                format!("{base}.domain_names_incorrect"),
                format!("{a} incorrect domain names is more than the {m} managed (domain_names_managed)"),
            ));
        }
    }
}

/// The name a service is shown under: its `name`, or its entity type.
fn label(s: &AffectedService) -> &str {
    s.name.as_deref().unwrap_or(&s.entity_type)
}

/// Each service of one of the request's types, and told apart from the others by its name.
fn check_services(r: &SignificanceRequest, e: &mut Vec<Error>) {
    for (i, s) in r.services.iter().enumerate() {
        if !r.entity_types.contains(&s.entity_type) {
            e.push(Error::invalid(
                format!("$.services[{i}].entity_type"),
                format!(
                    "`{}` is not among the request's `entity_types` ({}): give one of those, or list the type there too",
                    s.entity_type,
                    r.entity_types.join(", ")
                ),
            ));
        }
        if s.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            e.push(Error::invalid(
                format!("$.services[{i}].name"),
                "give a name that is not empty, or leave `name` out",
            ));
        } else if r.services.iter().take(i).any(|x| label(x) == label(s)) {
            e.push(Error::invalid(
                format!("$.services[{i}].name"),
                format!(
                    "another service is also called `{}`: give each service of the same type a `name` of its own",
                    label(s)
                ),
            ));
        }
    }
}

/// The figures of a service in `facts` only when they cannot be read as another service's: not
/// with `services`, and not for an entity whose types fall under different Articles.
fn check_shared_figures(
    r: &SignificanceRequest,
    articles: &[(u8, Vec<String>)],
    e: &mut Vec<Error>,
) {
    let given = r.facts.service().given();
    if given.is_empty() {
        return;
    }
    let message = if !r.services.is_empty() {
        "this request gives the figures of its services in `services`: give this one there too, on the service it belongs to".to_owned()
    } else if articles.len() > 1 {
        let list: Vec<String> = articles
            .iter()
            .flat_map(|(a, types)| types.iter().map(move |t| format!("{t}: Art {a}")))
            .collect();
        format!(
            "the entity's types fall under different Articles of Regulation (EU) 2024/2690 ({}), each measured on the figures of its own service: give this figure per service in `services` (each with its `entity_type` and its own figures), not in `facts`",
            list.join(", ")
        )
    } else {
        return;
    };
    for field in given {
        e.push(Error::invalid(format!("$.facts.{field}"), message.clone()));
    }
}

/// The services to measure, in Article order: the figures of `facts` for an entity whose
/// types fall under one Article; otherwise each service of `services`, and each entity type
/// without one (its criteria undetermined).
fn services(r: &SignificanceRequest, mut articles: Vec<(u8, Vec<String>)>) -> Vec<Service> {
    articles.sort_by_key(|(a, _)| *a);
    let mut out = Vec::new();
    if r.services.is_empty() {
        let single = articles.len() == 1;
        for (article, types) in articles {
            out.push(Service {
                article,
                entity_types: types,
                label: None,
                figures: single.then(|| r.facts.service()),
                prefix: String::new(),
            });
        }
        return out;
    }
    for (i, s) in r.services.iter().enumerate() {
        if let Some(article) = article_of(&s.entity_type) {
            out.push(Service {
                article,
                entity_types: vec![s.entity_type.clone()],
                label: Some(label(s).to_owned()),
                figures: Some(s.clone()),
                prefix: format!("services[{i}]."),
            });
        }
    }
    for t in r.entity_types.iter() {
        if r.services.iter().all(|s| &s.entity_type != t) {
            if let Some(article) = article_of(t) {
                out.push(Service {
                    article,
                    entity_types: vec![t.clone()],
                    label: None,
                    figures: None,
                    prefix: String::new(),
                });
            }
        }
    }
    out.sort_by_key(|s| s.article);
    out
}
