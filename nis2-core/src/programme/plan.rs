//! The implementation plan report: progress per programme step and overall, overdue and
//! due-soon tasks against a reference date, blocked dependencies, requirement coverage, and the
//! governance register.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::check::Checked;
use super::governance::{both, person_ref, reference_date, GovernanceReport};
use super::model::{PlanTask, Programme, TaskStatus};
use super::steps::{self, StepId};
use super::{date, Finding, PersonRef, Severity, RESULT_SCHEMA_VERSION};
use crate::error::Result;
use crate::text::{Str, Text};

/// `plan`: report on the implementation plan as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// The programme.
    pub programme: Programme,
    /// The date the report is made as of (`YYYY-MM-DD`); there is no clock.
    #[schemars(extend("format" = "date"))]
    pub reference_date: String,
}

/// Task counts and progress.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// All tasks, cancelled ones included.
    pub tasks: u32,
    /// Not started.
    pub not_started: u32,
    /// In progress.
    pub in_progress: u32,
    /// Blocked.
    pub blocked: u32,
    /// Done.
    pub done: u32,
    /// Cancelled (not counted in the percentage).
    pub cancelled: u32,
    /// Overdue on the reference date.
    pub overdue: u32,
    /// Done as a whole percentage of the tasks not cancelled (rounded down); null when there
    /// are none.
    pub percent_done: Option<u32>,
}

impl Progress {
    fn add(&mut self, status: TaskStatus, overdue: bool) {
        self.tasks += 1;
        match status {
            TaskStatus::NotStarted => self.not_started += 1,
            TaskStatus::InProgress => self.in_progress += 1,
            TaskStatus::Blocked => self.blocked += 1,
            TaskStatus::Done => self.done += 1,
            TaskStatus::Cancelled => self.cancelled += 1,
        }
        if overdue {
            self.overdue += 1;
        }
    }

    fn finish(&mut self) {
        let active = self.tasks - self.cancelled;
        self.percent_done = (active > 0)
            .then(|| u32::try_from(u64::from(self.done) * 100 / u64::from(active)).unwrap_or(100));
    }
}

/// Progress of one programme step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepProgress {
    /// `step-1` … `step-8`.
    pub step: StepId,
    /// The same step in the requirement catalog `dk-programme`.
    pub catalog_node: String,
    /// Its title.
    pub label: Text,
    /// The Articles it mainly serves.
    pub citations: Vec<String>,
    /// Its tasks' progress.
    pub progress: Progress,
    /// Its tasks (ids, in plan order).
    pub tasks: Vec<String>,
}

/// One task as of the reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    /// Its id.
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// Its step.
    pub step: StepId,
    /// Who does it.
    pub owner: PersonRef,
    /// Where it stands.
    pub status: TaskStatus,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Not done (nor cancelled) and due before the reference date.
    pub overdue: bool,
    /// How many days overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// Not done and due within the programme's due-soon window.
    pub due_soon: bool,
    /// The requirements it serves.
    pub requirements: Vec<String>,
    /// Dependencies not yet done (task ids).
    pub waiting_for: Vec<String>,
}

/// The tasks that serve one requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequirementCoverage {
    /// The requirement id.
    pub requirement: String,
    /// The tasks that serve it (not cancelled).
    pub tasks: Vec<String>,
    /// How many of those are done.
    pub done: u32,
}

/// The result of `plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanReport {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The date the report is made as of.
    pub reference_date: String,
    /// Progress over the whole plan.
    pub overall: Progress,
    /// Progress per programme step, step 1 to 8.
    pub steps: Vec<StepProgress>,
    /// Every task, in plan order.
    pub tasks: Vec<TaskReport>,
    /// Overdue tasks, most overdue first.
    pub overdue: Vec<String>,
    /// Tasks due soon, soonest first.
    pub due_soon: Vec<String>,
    /// Requirement coverage, by requirement id.
    pub requirements: Vec<RequirementCoverage>,
    /// What is missing or late in the plan.
    pub findings: Vec<Finding>,
    /// The governance register.
    pub governance: GovernanceReport,
}

/// "1 day", "2 days".
pub(crate) fn days_en(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// "1 dag", "2 dage".
pub(crate) fn days_da(n: i64) -> String {
    if n == 1 {
        "1 dag".to_owned()
    } else {
        format!("{n} dage")
    }
}

/// Report on the implementation plan.
pub fn plan(request: &PlanRequest) -> Result<PlanReport> {
    let reference = reference_date(&request.reference_date, "$.reference_date");
    let checked = super::check::check(&request.programme, "$.programme");
    let (checked, reference) = both(checked, reference)?;
    report(&checked, reference)
}

fn report(c: &Checked, reference: NaiveDate) -> Result<PlanReport> {
    let step_data = steps::data()?;
    let p = c.p;
    let Tally {
        mut overall,
        per_step,
        tasks,
        mut overdue,
        mut due_soon,
        coverage,
        mut findings,
    } = tally_tasks(c, reference);
    overall.finish();
    overdue_findings(&tasks, &mut findings);
    let steps_out = step_progress(step_data, p, per_step, &mut findings);

    // Most overdue first; soonest first; ties in plan order.
    overdue.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    due_soon.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let ids_of = |v: Vec<(i64, usize)>| -> Vec<String> {
        v.into_iter()
            .filter_map(|(_, i)| p.plan.get(i).map(|t| t.id.clone()))
            .collect()
    };

    Ok(PlanReport {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        organisation: p.organisation.clone(),
        reference_date: date::fmt(reference),
        overall,
        steps: steps_out,
        tasks,
        overdue: ids_of(overdue),
        due_soon: ids_of(due_soon),
        requirements: coverage
            .into_iter()
            .map(|(r, (tasks, done))| RequirementCoverage {
                requirement: r.to_owned(),
                tasks,
                done,
            })
            .collect(),
        findings,
        governance: super::governance::report(c, reference),
    })
}

/// The tasks as reported, with what the report sums up from them.
struct Tally<'p> {
    overall: Progress,
    per_step: Vec<(Progress, Vec<String>)>,
    tasks: Vec<TaskReport>,
    /// Days overdue (more than 0) and task index.
    overdue: Vec<(i64, usize)>,
    /// Days overdue (0 or less) and task index.
    due_soon: Vec<(i64, usize)>,
    /// Per requirement: the tasks on it and how many are done.
    coverage: BTreeMap<&'p str, (Vec<String>, u32)>,
    findings: Vec<Finding>,
}

/// Go through the tasks in plan order: their state on the reference date, progress overall and
/// per step, requirement coverage, and the findings on each task.
fn tally_tasks<'p>(c: &Checked<'p>, reference: NaiveDate) -> Tally<'p> {
    let p = c.p;
    let soon = i64::from(c.policy.due_soon_days);
    let mut x = Tally {
        overall: Progress::default(),
        per_step: vec![Default::default(); StepId::ALL.len()],
        tasks: Vec::with_capacity(p.plan.len()),
        overdue: Vec::new(),
        due_soon: Vec::new(),
        coverage: BTreeMap::new(),
        findings: Vec::new(),
    };
    for (i, (t, d)) in p.plan.iter().zip(&c.tasks).enumerate() {
        let open = !matches!(t.status, TaskStatus::Done | TaskStatus::Cancelled);
        let days = d.due.map(|due| (reference - due).num_days());
        let is_overdue = open && days.is_some_and(|n| n > 0);
        let is_soon = open && days.is_some_and(|n| n <= 0 && -n <= soon);
        if is_overdue {
            x.overdue.push((days.unwrap_or(0), i));
        }
        if is_soon {
            x.due_soon.push((days.unwrap_or(0), i));
        }
        x.overall.add(t.status, is_overdue);
        if let Some((prog, ids)) = x.per_step.get_mut(t.step.index()) {
            prog.add(t.status, is_overdue);
            ids.push(t.id.clone());
        }
        if t.status != TaskStatus::Cancelled {
            for r in &t.requirements {
                let entry = x.coverage.entry(r.as_str()).or_default();
                entry.0.push(t.id.clone());
                if t.status == TaskStatus::Done {
                    entry.1 += 1;
                }
            }
        }
        let waiting_for = waiting_for(c, t);
        task_findings(t, open && d.due.is_none(), &waiting_for, &mut x.findings);
        x.tasks.push(TaskReport {
            id: t.id.clone(),
            title: t.title.clone(),
            step: t.step,
            owner: person_ref(c, &t.owner),
            status: t.status,
            due: d.due.map(date::fmt),
            overdue: is_overdue,
            days_overdue: if is_overdue { days } else { None },
            due_soon: is_soon,
            requirements: t.requirements.clone(),
            waiting_for,
        });
    }
    x
}

/// The tasks a task depends on that are neither done nor cancelled.
fn waiting_for(c: &Checked, t: &PlanTask) -> Vec<String> {
    let p = c.p;
    t.depends_on
        .iter()
        .filter(|dep| {
            c.task_index
                .get(dep.as_str())
                .and_then(|&j| p.plan.get(j))
                .is_some_and(|x| !matches!(x.status, TaskStatus::Done | TaskStatus::Cancelled))
        })
        .cloned()
        .collect()
}

/// The findings on one task: open without a due date (`undated`), done before its
/// dependencies.
fn task_findings(t: &PlanTask, undated: bool, waiting_for: &[String], findings: &mut Vec<Finding>) {
    if undated {
        findings.push(Finding {
            path: None,
            code: Str::Borrowed("task_without_due_date"),
            subject: Some(t.id.clone()),
            severity: Some(Severity::Low),
            citation: Some(Str::Borrowed("programme policy")),
            message: Text::new(
                format!("Task `{}` has no due date.", t.id),
                format!("Opgaven `{}` har ingen forfaldsdato.", t.id),
            ),
        });
    }
    if t.status == TaskStatus::Done && !waiting_for.is_empty() {
        findings.push(Finding {
            path: None,
            code: Str::Borrowed("done_before_dependencies"),
            subject: Some(t.id.clone()),
            severity: Some(Severity::Low),
            citation: Some(Str::Borrowed("programme policy")),
            message: Text::new(
                format!(
                    "Task `{}` is done but depends on tasks that are not: {}.",
                    t.id,
                    waiting_for.join(", ")
                ),
                format!(
                    "Opgaven `{}` er udført, men afhænger af opgaver, der ikke er: {}.",
                    t.id,
                    waiting_for.join(", ")
                ),
            ),
        });
    }
}

/// A finding for each overdue task.
fn overdue_findings(tasks: &[TaskReport], findings: &mut Vec<Finding>) {
    for t in tasks {
        if t.overdue {
            findings.push(Finding {
                path: None,
                code: Str::Borrowed("task_overdue"),
                subject: Some(t.id.clone()),
                severity: Some(Severity::Medium),
                citation: Some(Str::Borrowed("programme policy")),
                message: Text::new(
                    format!(
                        "Task `{}` ({}) was due {} and is {} overdue.",
                        t.id,
                        t.owner.name,
                        t.due.as_deref().unwrap_or(""),
                        days_en(t.days_overdue.unwrap_or(0))
                    ),
                    format!(
                        "Opgaven `{}` ({}) skulle være udført {} og er {} forsinket.",
                        t.id,
                        t.owner.name,
                        t.due.as_deref().unwrap_or(""),
                        days_da(t.days_overdue.unwrap_or(0))
                    ),
                ),
            });
        }
    }
}

/// The progress of each step of the programme, with a finding for each step without tasks
/// (when the plan has any).
fn step_progress(
    step_data: &steps::StepData,
    p: &Programme,
    per_step: Vec<(Progress, Vec<String>)>,
    findings: &mut Vec<Finding>,
) -> Vec<StepProgress> {
    let mut steps_out = Vec::with_capacity(StepId::ALL.len());
    for (id, (mut prog, ids)) in StepId::ALL.into_iter().zip(per_step) {
        prog.finish();
        let Some(step) = step_data.get(id) else {
            continue;
        };
        if prog.tasks == prog.cancelled && !p.plan.is_empty() {
            findings.push(Finding {
                path: None,
                code: Str::Borrowed("step_without_tasks"),
                subject: Some(id.as_str().to_owned()),
                severity: Some(Severity::Low),
                citation: Some(Str::Borrowed("programme policy")),
                message: Text::new(
                    format!(
                        "No tasks are planned for {} ({}).",
                        id.as_str(),
                        step.label.en
                    ),
                    format!(
                        "Der er ikke planlagt opgaver for {} ({}).",
                        id.as_str(),
                        step.label.da
                    ),
                ),
            });
        }
        steps_out.push(StepProgress {
            step: id,
            catalog_node: step.catalog_node.clone(),
            label: step.label.clone(),
            citations: step.citations.clone(),
            progress: prog,
            tasks: ids,
        });
    }
    steps_out
}
