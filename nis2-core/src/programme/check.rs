//! Validation of a programme document beyond its JSON shape: ids, references between records,
//! dates, cadences, requirement ids. Every problem is listed at once with its field path; no
//! report is computed from an invalid programme.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::cadence::{Cadence, Frequency, Resolved};
use super::date;
use super::model::{Clause, Person, PlanTask, Programme, Supplier, TaskStatus, TrainingKind};
use super::PROGRAMME_SCHEMA_VERSION;
use crate::error::{Error, Result};

/// Check a requirement id: `FRAMEWORK:REFERENCE`, e.g. `NIS2:21.2.d`, `CIR-2690:5.1.4`,
/// `ISO27001:A.5.19`, `DKPROG:6`. The framework is upper-case letters, digits and `-`; the
/// reference is letters, digits and `.`, `-`, `(`, `)`. An id whose prefix is that of an
/// embedded requirement catalog (`NIS2`, `CIR-2690`, `ISO27001`, `DMAERKET`, `DKPROG`) must name
/// a node of that catalog; other prefixes are the organisation's own frameworks and are accepted
/// as written.
pub(crate) fn requirement(
    path: String,
    id: &str,
    catalogs: &crate::catalog::Catalogs,
    errors: &mut Vec<Error>,
) {
    let Some((framework, reference)) = id.split_once(':') else {
        errors.push(Error::invalid(
            path,
            format!("`{id}` is not a requirement id; write FRAMEWORK:REFERENCE, e.g. NIS2:21.2.d"),
        ));
        return;
    };
    let framework_ok = framework
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase())
        && framework
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    let reference_ok = !reference.is_empty()
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '(' | ')'));
    if !framework_ok || !reference_ok {
        errors.push(Error::invalid(
            path,
            format!("`{id}` is not a requirement id; write FRAMEWORK:REFERENCE with an upper-case framework and a reference of letters, digits and . - ( ), e.g. NIS2:21.2.d"),
        ));
        return;
    }
    if let Some(fw) = catalogs
        .frameworks
        .iter()
        .find(|f| f.id_prefix == framework)
    {
        if catalogs.node(id).is_none() {
            errors.push(Error::UnknownId {
                accepted: Vec::new(),
                path,
                what: format!("requirement of the {} catalog", fw.short_name),
                value: id.to_owned(),
                suggestions: catalogs.nearest_nodes(id, 3),
            });
        }
    }
}

/// Check a record id.
fn id_token(path: String, id: &str, errors: &mut Vec<Error>) {
    let ok = id.len() <= 64
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        errors.push(Error::invalid(
            path,
            format!("`{id}` is not an id: use letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 characters"),
        ));
    }
}

/// Check a list of ids for syntax and duplicates.
fn ids<'a>(
    base: &str,
    list: impl Iterator<Item = &'a str>,
    what: &str,
    errors: &mut Vec<Error>,
) -> HashMap<&'a str, usize> {
    let mut seen: HashMap<&'a str, usize> = HashMap::new();
    for (i, id) in list.enumerate() {
        let path = format!("{base}[{i}].id");
        id_token(path.clone(), id, errors);
        if let Some(first) = seen.get(id) {
            errors.push(Error::invalid(
                path,
                format!(
                    "{what} id `{id}` is used twice (first at {base}[{first}]); ids must be unique"
                ),
            ));
        } else {
            seen.insert(id, i);
        }
    }
    seen
}

/// Parse an optional date field.
pub(crate) fn opt_date(
    path: String,
    v: Option<&str>,
    errors: &mut Vec<Error>,
) -> Option<NaiveDate> {
    v.and_then(|s| req_date(path, s, errors))
}

/// Parse a required date field.
pub(crate) fn req_date(path: String, s: &str, errors: &mut Vec<Error>) -> Option<NaiveDate> {
    let d = date::parse(s);
    if d.is_none() {
        errors.push(Error::invalid(path, date::problem(s)));
    }
    d
}

/// The dates of a plan task.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TaskDates {
    pub(crate) start: Option<NaiveDate>,
    pub(crate) due: Option<NaiveDate>,
    pub(crate) completed: Option<NaiveDate>,
}

/// The parsed fields of a supplier.
#[derive(Debug, Clone, Default)]
pub(crate) struct SupplierFacts {
    pub(crate) expires: Option<NaiveDate>,
    pub(crate) last_review: Option<NaiveDate>,
    pub(crate) cadence: Option<Resolved>,
    /// The review period in months (given or the policy's default).
    pub(crate) review_months: u32,
    /// Whether the cadence was the policy's default.
    pub(crate) review_defaulted: bool,
}

/// The programme's policy with defaults applied.
#[derive(Debug, Clone)]
pub(crate) struct PolicyValues {
    pub(crate) management_training_months: u32,
    pub(crate) staff_training_months: u32,
    pub(crate) due_soon_days: u32,
    pub(crate) clauses_critical: Vec<Clause>,
    pub(crate) clauses_other: Vec<Clause>,
    pub(crate) supplier_review_months: u32,
}

/// A validated programme with its dates parsed and its references resolved.
#[derive(Debug)]
pub(crate) struct Checked<'p> {
    pub(crate) p: &'p Programme,
    people: HashMap<&'p str, usize>,
    pub(crate) member_since: Vec<Option<NaiveDate>>,
    pub(crate) training: Vec<NaiveDate>,
    pub(crate) decisions: Vec<NaiveDate>,
    pub(crate) tasks: Vec<TaskDates>,
    pub(crate) task_index: HashMap<&'p str, usize>,
    pub(crate) suppliers: Vec<SupplierFacts>,
    pub(crate) activities: Vec<Resolved>,
    pub(crate) policy: PolicyValues,
}

impl<'p> Checked<'p> {
    /// A person by id (references are checked, so this finds every referenced id).
    pub(crate) fn person(&self, id: &str) -> Option<&'p Person> {
        self.people.get(id).and_then(|&i| self.p.people.get(i))
    }
}

/// The prefix reserved for the supplier reviews the årshjul generates.
pub(crate) const SUPPLIER_REVIEW_PREFIX: &str = "supplier-review.";

/// Validate a programme (paths start at `$`).
pub fn validate(p: &Programme) -> Result<()> {
    check(p, "$").map(|_| ())
}

/// Validate a programme; paths start at `base` (e.g. `$.programme`).
pub(crate) fn check<'p>(p: &'p Programme, base: &str) -> Result<Checked<'p>> {
    let catalogs = crate::catalog::catalogs()?;
    let mut errors = Vec::new();
    let e = &mut errors;
    check_header(p, base, e)?;
    let people = check_people(p, base, e);
    let x = Refs {
        p,
        people: &people,
        catalogs,
    };
    let policy = policy(p, base, e);
    let GovernanceDates {
        member_since,
        training,
        decisions,
    } = check_governance(&x, base, e);
    let (task_index, tasks) = check_plan(&x, base, e);
    let suppliers = check_suppliers(&x, base, &policy, e);
    let activities = check_wheel(&x, base, e);

    Error::from_list(errors)?;
    Ok(Checked {
        p,
        people,
        member_since,
        training,
        decisions,
        tasks,
        task_index,
        suppliers,
        activities,
        policy,
    })
}

/// The schema version, and the Member State (one with an overlay).
fn check_header(p: &Programme, base: &str, e: &mut Vec<Error>) -> Result<()> {
    if let Some(v) = &p.schema_version {
        if v != PROGRAMME_SCHEMA_VERSION {
            e.push(Error::invalid(
                format!("{base}.schema_version"),
                format!("unsupported version `{v}`; this engine reads version `{PROGRAMME_SCHEMA_VERSION}`"),
            ));
        }
    }
    if let Some(ms) = &p.member_state {
        e.extend(crate::overlay::unknown(ms, format!("{base}.member_state")));
    }
    Ok(())
}

/// The people: ids unique, each with a name. Person id → index.
fn check_people<'p>(p: &'p Programme, base: &str, e: &mut Vec<Error>) -> HashMap<&'p str, usize> {
    let people = ids(
        &format!("{base}.people"),
        p.people.iter().map(|x| x.id.as_str()),
        "person",
        e,
    );
    for (i, person) in p.people.iter().enumerate() {
        if person.name.trim().is_empty() {
            e.push(Error::invalid(
                format!("{base}.people[{i}].name"),
                "a person needs a name",
            ));
        }
    }
    people
}

/// What checking a reference needs: the programme, its people and the catalogs.
struct Refs<'a, 'p> {
    p: &'p Programme,
    people: &'a HashMap<&'p str, usize>,
    catalogs: &'static crate::catalog::Catalogs,
}

impl Refs<'_, '_> {
    /// `id` at `path` names a person listed in `people`.
    fn person(&self, path: String, id: &str, e: &mut Vec<Error>) {
        if !self.people.contains_key(id) {
            e.push(Error::UnknownId {
                accepted: Vec::new(),
                path,
                what: "person (an id listed in people)".to_owned(),
                value: id.to_owned(),
                suggestions: crate::suggest::nearest(
                    id,
                    self.p.people.iter().map(|x| x.id.as_str()),
                    3,
                ),
            });
        }
    }
}

/// The dates of the governance register, in register order (`NaiveDate::MIN` for a date that
/// does not parse).
struct GovernanceDates {
    member_since: Vec<Option<NaiveDate>>,
    training: Vec<NaiveDate>,
    decisions: Vec<NaiveDate>,
}

/// The governance register: management body, accountable executives, operational owner,
/// training records and decisions, with their people, dates and requirements.
fn check_governance(x: &Refs<'_, '_>, base: &str, e: &mut Vec<Error>) -> GovernanceDates {
    let p = x.p;
    let mut member_since = Vec::new();
    let mut training = Vec::new();
    let mut decisions = Vec::new();
    if let Some(g) = &p.governance {
        let gb = format!("{base}.governance");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, m) in g.management_body.iter().enumerate() {
            let path = format!("{gb}.management_body[{i}]");
            x.person(format!("{path}.person"), &m.person, e);
            if let Some(&first) = seen.get(m.person.as_str()) {
                e.push(Error::invalid(
                    format!("{path}.person"),
                    format!("`{}` is listed more than once in the management body (first at management_body[{first}])", m.person),
                ));
            } else {
                seen.insert(m.person.as_str(), i);
            }
            member_since.push(opt_date(format!("{path}.since"), m.since.as_deref(), e));
        }
        for (i, a) in g.accountable_executives.iter().enumerate() {
            x.person(
                format!("{gb}.accountable_executives[{i}].person"),
                &a.person,
                e,
            );
        }
        if let Some(o) = &g.operational_owner {
            x.person(format!("{gb}.operational_owner"), o, e);
        }
        ids(
            &format!("{gb}.training"),
            g.training.iter().map(|t| t.id.as_str()),
            "training record",
            e,
        );
        for (i, t) in g.training.iter().enumerate() {
            let path = format!("{gb}.training[{i}]");
            training.push(req_date(format!("{path}.date"), &t.date, e).unwrap_or(NaiveDate::MIN));
            for (j, who) in t.participants.iter().enumerate() {
                x.person(format!("{path}.participants[{j}]"), who, e);
            }
            if t.kind == TrainingKind::Management && t.participants.is_empty() {
                e.push(Error::invalid(
                    format!("{path}.participants"),
                    "a management training record must name who attended (person ids): Art 20(2) requires each member of the management body to follow training",
                ));
            }
        }
        ids(
            &format!("{gb}.decisions"),
            g.decisions.iter().map(|d| d.id.as_str()),
            "decision",
            e,
        );
        for (i, d) in g.decisions.iter().enumerate() {
            let path = format!("{gb}.decisions[{i}]");
            decisions.push(req_date(format!("{path}.date"), &d.date, e).unwrap_or(NaiveDate::MIN));
            for (j, who) in d.attendees.iter().enumerate() {
                x.person(format!("{path}.attendees[{j}]"), who, e);
            }
            for (j, r) in d.requirements.iter().enumerate() {
                requirement(format!("{path}.requirements[{j}]"), r, x.catalogs, e);
            }
        }
    }
    GovernanceDates {
        member_since,
        training,
        decisions,
    }
}

/// The plan: task ids unique, each task checked, no dependency cycle. Task id → index, and
/// the tasks' dates.
fn check_plan<'p>(
    x: &Refs<'_, 'p>,
    base: &str,
    e: &mut Vec<Error>,
) -> (HashMap<&'p str, usize>, Vec<TaskDates>) {
    let p = x.p;
    let pb = format!("{base}.plan");
    let task_index = ids(&pb, p.plan.iter().map(|t| t.id.as_str()), "task", e);
    let mut tasks = Vec::with_capacity(p.plan.len());
    for (i, t) in p.plan.iter().enumerate() {
        let path = format!("{pb}[{i}]");
        tasks.push(check_task(x, &path, t, &task_index, e));
    }
    if let Some(cycle) = dependency_cycle(p, &task_index) {
        e.push(Error::invalid(
            format!("{pb}[{}].depends_on", cycle.first().copied().unwrap_or(0)),
            format!(
                "the dependencies form a cycle: {}",
                cycle
                    .iter()
                    .filter_map(|&i| p.plan.get(i).map(|t| t.id.as_str()))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        ));
    }
    (task_index, tasks)
}

/// One task: owner, requirements, dates in order, completion only when done, dependencies on
/// other tasks of the plan.
fn check_task(
    x: &Refs<'_, '_>,
    path: &str,
    t: &PlanTask,
    task_index: &HashMap<&str, usize>,
    e: &mut Vec<Error>,
) -> TaskDates {
    let p = x.p;
    x.person(format!("{path}.owner"), &t.owner, e);
    for (j, r) in t.requirements.iter().enumerate() {
        requirement(format!("{path}.requirements[{j}]"), r, x.catalogs, e);
    }
    let d = TaskDates {
        start: opt_date(format!("{path}.start"), t.start.as_deref(), e),
        due: opt_date(format!("{path}.due"), t.due.as_deref(), e),
        completed: opt_date(format!("{path}.completed"), t.completed.as_deref(), e),
    };
    if let (Some(s), Some(u)) = (d.start, d.due) {
        if u < s {
            e.push(Error::invalid(
                format!("{path}.due"),
                format!(
                    "the due date {} is before the start {}",
                    date::fmt(u),
                    date::fmt(s)
                ),
            ));
        }
    }
    if t.completed.is_some() && t.status != TaskStatus::Done {
        e.push(Error::invalid(
            format!("{path}.completed"),
            "a completion date is given but the status is not `done`",
        ));
    }
    if let (Some(s), Some(c)) = (d.start, d.completed) {
        if c < s {
            e.push(Error::invalid(
                format!("{path}.completed"),
                format!(
                    "completed {} before it started {}",
                    date::fmt(c),
                    date::fmt(s)
                ),
            ));
        }
    }
    for (j, dep) in t.depends_on.iter().enumerate() {
        let dpath = format!("{path}.depends_on[{j}]");
        if dep == &t.id {
            e.push(Error::invalid(dpath, "a task cannot depend on itself"));
        } else if !task_index.contains_key(dep.as_str()) {
            e.push(Error::UnknownId {
                accepted: Vec::new(),
                path: dpath,
                what: "task (an id in plan)".to_owned(),
                value: dep.clone(),
                suggestions: crate::suggest::nearest(dep, p.plan.iter().map(|u| u.id.as_str()), 3),
            });
        }
    }
    d
}

/// The supplier register: ids unique, each supplier checked.
fn check_suppliers(
    x: &Refs<'_, '_>,
    base: &str,
    policy: &PolicyValues,
    e: &mut Vec<Error>,
) -> Vec<SupplierFacts> {
    let p = x.p;
    let sb = format!("{base}.suppliers");
    ids(
        &sb,
        p.suppliers.iter().map(|s| s.id.as_str()),
        "supplier",
        e,
    );
    let mut suppliers = Vec::with_capacity(p.suppliers.len());
    for (i, s) in p.suppliers.iter().enumerate() {
        let path = format!("{sb}[{i}]");
        suppliers.push(check_supplier(x, &path, s, policy, e));
    }
    suppliers
}

/// One supplier: owner, requirements, contract dates and clauses, risk rating, review cadence
/// (the policy's default without one).
fn check_supplier(
    x: &Refs<'_, '_>,
    path: &str,
    s: &Supplier,
    policy: &PolicyValues,
    e: &mut Vec<Error>,
) -> SupplierFacts {
    if let Some(o) = &s.owner {
        x.person(format!("{path}.owner"), o, e);
    }
    for (j, r) in s.requirements.iter().enumerate() {
        requirement(format!("{path}.requirements[{j}]"), r, x.catalogs, e);
    }
    let mut facts = SupplierFacts::default();
    if let Some(c) = &s.contract {
        let signed = opt_date(format!("{path}.contract.signed"), c.signed.as_deref(), e);
        facts.expires = opt_date(format!("{path}.contract.expires"), c.expires.as_deref(), e);
        if let (Some(a), Some(b)) = (signed, facts.expires) {
            if b < a {
                e.push(Error::invalid(
                    format!("{path}.contract.expires"),
                    format!(
                        "the contract expires {} before it was signed {}",
                        date::fmt(b),
                        date::fmt(a)
                    ),
                ));
            }
        }
        let mut seen = HashSet::new();
        for (j, cl) in c.clauses.iter().enumerate() {
            if !seen.insert(*cl) {
                e.push(Error::invalid(
                    format!("{path}.contract.clauses[{j}]"),
                    "this clause is listed twice",
                ));
            }
        }
    }
    if let Some(r) = &s.risk {
        for (field, v) in [("likelihood", r.likelihood), ("impact", r.impact)] {
            if !(1..=5).contains(&v) {
                e.push(Error::invalid(
                    format!("{path}.risk.{field}"),
                    format!("{field} is rated 1 to 5, got {v}"),
                ));
            }
        }
    }
    match &s.review {
        Some(r) => {
            facts.last_review = opt_date(
                format!("{path}.review.last_review"),
                r.last_review.as_deref(),
                e,
            );
            facts.cadence =
                r.cadence
                    .resolve(&format!("{path}.review.cadence"), facts.last_review, e);
            facts.review_months = facts.cadence.map_or(0, |c| c.months);
        }
        None => {
            let months = policy.supplier_review_months;
            let c = Cadence {
                every_months: Some(months),
                ..Cadence::default()
            };
            facts.cadence = c.resolve(&format!("{path}.review"), None, e);
            facts.review_months = months;
            facts.review_defaulted = true;
        }
    }
    facts
}

/// The årshjul: activity ids unique and not reserved, owners, requirements, durations and
/// cadences (yearly where the cadence does not resolve).
fn check_wheel(x: &Refs<'_, '_>, base: &str, e: &mut Vec<Error>) -> Vec<Resolved> {
    let p = x.p;
    let wb = format!("{base}.wheel");
    ids(&wb, p.wheel.iter().map(|a| a.id.as_str()), "activity", e);
    let mut activities = Vec::with_capacity(p.wheel.len());
    for (i, a) in p.wheel.iter().enumerate() {
        let path = format!("{wb}[{i}]");
        if a.id.starts_with(SUPPLIER_REVIEW_PREFIX) {
            e.push(Error::invalid(
                format!("{path}.id"),
                format!("ids starting with `{SUPPLIER_REVIEW_PREFIX}` are reserved for the supplier reviews generated from the supplier register"),
            ));
        }
        x.person(format!("{path}.owner"), &a.owner, e);
        for (j, r) in a.requirements.iter().enumerate() {
            requirement(format!("{path}.requirements[{j}]"), r, x.catalogs, e);
        }
        if let Some(d) = a.duration_days {
            if !(1..=31).contains(&d) {
                e.push(Error::invalid(
                    format!("{path}.duration_days"),
                    format!("an activity spans 1 to 31 days, got {d}"),
                ));
            }
        }
        if let Some(r) = a.cadence.resolve(&format!("{path}.cadence"), None, e) {
            activities.push(r);
        } else {
            activities.push(Resolved {
                months: Frequency::Yearly.months(),
                anchor: 0,
                day: 1,
            });
        }
    }
    activities
}

fn policy(p: &Programme, base: &str, e: &mut Vec<Error>) -> PolicyValues {
    let mut v = PolicyValues {
        management_training_months: 12,
        staff_training_months: 12,
        due_soon_days: 30,
        clauses_critical: Clause::ALL.to_vec(),
        clauses_other: vec![Clause::IncidentNotification],
        supplier_review_months: 12,
    };
    let Some(pol) = &p.policy else {
        return v;
    };
    let pb = format!("{base}.policy");
    let months = |field: &str, x: Option<u32>, slot: &mut u32, e: &mut Vec<Error>| {
        if let Some(n) = x {
            if n == 0 || n > 1200 {
                e.push(Error::invalid(
                    format!("{pb}.{field}"),
                    format!("an interval of 1 to 1200 months, got {n}"),
                ));
            } else {
                *slot = n;
            }
        }
    };
    months(
        "management_training_every_months",
        pol.management_training_every_months,
        &mut v.management_training_months,
        e,
    );
    months(
        "staff_training_every_months",
        pol.staff_training_every_months,
        &mut v.staff_training_months,
        e,
    );
    months(
        "default_supplier_review_months",
        pol.default_supplier_review_months,
        &mut v.supplier_review_months,
        e,
    );
    if let Some(d) = pol.due_soon_days {
        if d > 366 {
            e.push(Error::invalid(
                format!("{pb}.due_soon_days"),
                format!("at most 366 days, got {d}"),
            ));
        } else {
            v.due_soon_days = d;
        }
    }
    for (field, list, slot) in [
        (
            "required_clauses_critical",
            &pol.required_clauses_critical,
            &mut v.clauses_critical,
        ),
        (
            "required_clauses_other",
            &pol.required_clauses_other,
            &mut v.clauses_other,
        ),
    ] {
        if let Some(list) = list {
            let mut seen = HashSet::new();
            for (j, c) in list.iter().enumerate() {
                if !seen.insert(*c) {
                    e.push(Error::invalid(
                        format!("{pb}.{field}[{j}]"),
                        "this clause is listed twice",
                    ));
                }
            }
            *slot = Clause::ALL
                .iter()
                .copied()
                .filter(|c| seen.contains(c))
                .collect();
        }
    }
    v
}

/// A dependency cycle among plan tasks, as task indices, if there is one.
fn dependency_cycle(p: &Programme, index: &HashMap<&str, usize>) -> Option<Vec<usize>> {
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; p.plan.len()];
    let mut stack: Vec<usize> = Vec::new();
    fn visit(
        i: usize,
        p: &Programme,
        index: &HashMap<&str, usize>,
        state: &mut [u8],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        match state.get(i).copied() {
            Some(2) | None => return None,
            Some(1) => {
                let from = stack.iter().position(|&x| x == i)?;
                let mut cycle = stack.get(from..)?.to_vec();
                cycle.push(i);
                return Some(cycle);
            }
            _ => {}
        }
        if let Some(s) = state.get_mut(i) {
            *s = 1;
        }
        stack.push(i);
        for dep in p
            .plan
            .get(i)
            .map(|t| t.depends_on.as_slice())
            .unwrap_or(&[])
        {
            if let Some(&j) = index.get(dep.as_str()) {
                if j != i {
                    if let Some(c) = visit(j, p, index, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        if let Some(s) = state.get_mut(i) {
            *s = 2;
        }
        None
    }
    (0..p.plan.len()).find_map(|i| visit(i, p, index, &mut state, &mut stack))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_ids() {
        let c = crate::catalog::catalogs().unwrap();
        let mut e = Vec::new();
        for ok in [
            "NIS2:21.2.d",
            "NIS2:20.2",
            "CIR-2690:5.1.4",
            "ISO27001:A.5.19",
            "DKPROG:6",
            "INTERNAL:IT-07(3)",
        ] {
            requirement("$".into(), ok, c, &mut e);
        }
        assert!(e.is_empty(), "{e:?}");
        requirement("$.a".into(), "21.2.d", c, &mut e);
        requirement("$.b".into(), "nis2:21.2.d", c, &mut e);
        requirement("$.c".into(), "NIS2:21.2.k", c, &mut e);
        requirement("$.d".into(), "NIS2:", c, &mut e);
        assert_eq!(e.len(), 4);
        match &e[2] {
            Error::UnknownId { suggestions, .. } => {
                assert!(suggestions.iter().any(|s| s.starts_with("NIS2:21.2.")));
            }
            other => panic!("{other:?}"),
        }
    }
}
