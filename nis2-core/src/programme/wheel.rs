//! The årshjul: the annual compliance calendar generated from the programme's recurring
//! activities and from the supplier register's review cadences, as a dated task list for one
//! year (and, through [`super::ics`], as iCalendar).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::check::{Checked, SUPPLIER_REVIEW_PREFIX};
use super::governance::{both, person_ref, reference_date};
use super::model::{ActivityKind, Programme};
use super::{date, PersonRef, RESULT_SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::text::{Str, Text};

/// `wheel`: the årshjul for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WheelRequest {
    /// The programme.
    pub programme: Programme,
    /// The calendar year.
    #[schemars(range(min = 1000, max = 9999))]
    pub year: i32,
    /// The date the calendar is generated as of (`YYYY-MM-DD`): it sets the iCalendar DTSTAMP.
    /// Default: 1 January of `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub reference_date: Option<String>,
    /// The language of the iCalendar entries (`wheel_ics`; default `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::lang::Lang>,
}

/// Where a calendar task comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskSource {
    /// A recurring activity of the årshjul.
    Wheel,
    /// A supplier's review cadence in the supplier register.
    SupplierRegister,
}

/// One dated task of the årshjul.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WheelTask {
    /// Stable id of this occurrence: `<activity>-<YYYYMMDD>@nis2.invalid` (the iCalendar UID).
    pub uid: String,
    /// The date (`YYYY-MM-DD`).
    pub date: String,
    /// How many days it spans.
    pub duration_days: u32,
    /// The activity id (`supplier-review.<supplier id>` for supplier reviews).
    pub activity: String,
    /// The kind of activity.
    pub kind: ActivityKind,
    /// Its title.
    pub title: Text,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonRef>,
    /// The requirements it serves.
    pub requirements: Vec<String>,
    /// The legal basis of the kind of activity.
    pub citation: Str,
    /// Where it comes from.
    pub source: TaskSource,
    /// Its number among this activity's occurrences in the year (1-based).
    pub occurrence: u32,
    /// How many times this activity occurs in the year.
    pub occurrences: u32,
    /// More detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// How many tasks fall in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthLoad {
    /// 1–12.
    pub month: u32,
    /// Tasks starting that month.
    pub tasks: u32,
}

/// The result of `wheel`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WheelResult {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The calendar year.
    pub year: i32,
    /// The date the calendar is generated as of.
    pub reference_date: String,
    /// Every task of the year, by date (then activity id).
    pub tasks: Vec<WheelTask>,
    /// Tasks per month, January to December.
    pub months: Vec<MonthLoad>,
}

/// The result of `wheel_ics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WheelIcs {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The calendar year.
    pub year: i32,
    /// The date the calendar is generated as of (its DTSTAMP).
    pub reference_date: String,
    /// `text/calendar`.
    pub media_type: String,
    /// How many VEVENTs it contains.
    pub events: u32,
    /// The iCalendar text (CRLF line ends, folded at 75 octets).
    pub ics: String,
}

impl ActivityKind {
    /// The default title.
    pub fn label(self) -> Text {
        match self {
            ActivityKind::RiskAssessmentReview => {
                Text::st("Risk assessment review", "Gennemgang af risikovurderingen")
            }
            ActivityKind::PolicyReview => Text::st(
                "Security policy review",
                "Gennemgang af sikkerhedspolitikkerne",
            ),
            ActivityKind::ManagementReporting => Text::st(
                "Report to the management body",
                "Rapportering til ledelsesorganet",
            ),
            ActivityKind::InternalAudit => Text::st("Internal audit", "Intern audit"),
            ActivityKind::ContinuityTest => Text::st(
                "Business continuity and crisis plan test",
                "Test af beredskabs- og kontinuitetsplaner",
            ),
            ActivityKind::RecoveryTest => Text::st(
                "Backup restore and recovery test",
                "Test af gendannelse og reetablering",
            ),
            ActivityKind::SupplierReview => Text::st("Supplier review", "Leverandørgennemgang"),
            ActivityKind::ManagementTraining => Text::st(
                "Management body cybersecurity training",
                "Cybersikkerhedskursus for ledelsesorganet",
            ),
            ActivityKind::StaffTraining => Text::st(
                "Staff cybersecurity training",
                "Cybersikkerhedsuddannelse af medarbejdere",
            ),
            ActivityKind::IncidentExercise => Text::st(
                "Incident response and reporting exercise",
                "Øvelse i hændelseshåndtering og -rapportering",
            ),
            ActivityKind::RegistrationCheck => Text::st(
                "Check the registration data is current",
                "Kontrol af, at registreringsoplysningerne er ajourførte",
            ),
            ActivityKind::VulnerabilityReview => Text::st(
                "Vulnerability and patch review",
                "Gennemgang af sårbarheder og opdateringer",
            ),
            ActivityKind::AccessReview => {
                Text::st("Access rights review", "Gennemgang af adgangsrettigheder")
            }
            ActivityKind::Other => Text::st("Compliance activity", "Compliance-aktivitet"),
        }
    }

    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::RiskAssessmentReview => "risk_assessment_review",
            ActivityKind::PolicyReview => "policy_review",
            ActivityKind::ManagementReporting => "management_reporting",
            ActivityKind::InternalAudit => "internal_audit",
            ActivityKind::ContinuityTest => "continuity_test",
            ActivityKind::RecoveryTest => "recovery_test",
            ActivityKind::SupplierReview => "supplier_review",
            ActivityKind::ManagementTraining => "management_training",
            ActivityKind::StaffTraining => "staff_training",
            ActivityKind::IncidentExercise => "incident_exercise",
            ActivityKind::RegistrationCheck => "registration_check",
            ActivityKind::VulnerabilityReview => "vulnerability_review",
            ActivityKind::AccessReview => "access_review",
            ActivityKind::Other => "other",
        }
    }

    /// The legal basis.
    pub fn citation(self) -> &'static str {
        match self {
            ActivityKind::RiskAssessmentReview => "Art. 21(1); Art. 21(2)(a)",
            ActivityKind::PolicyReview => "Art. 21(2)(a)",
            ActivityKind::ManagementReporting => "Art. 20(1)",
            ActivityKind::InternalAudit => "Art. 21(2)(f)",
            ActivityKind::ContinuityTest | ActivityKind::RecoveryTest => "Art. 21(2)(c)",
            ActivityKind::SupplierReview => "Art. 21(2)(d); Art. 21(3)",
            ActivityKind::ManagementTraining => "Art. 20(2)",
            ActivityKind::StaffTraining => "Art. 20(2); Art. 21(2)(g)",
            ActivityKind::IncidentExercise => "Art. 21(2)(b); Art. 23",
            ActivityKind::RegistrationCheck => "Art. 3(4); Art. 27(3)",
            ActivityKind::VulnerabilityReview => "Art. 21(2)(e)",
            ActivityKind::AccessReview => "Art. 21(2)(i)",
            ActivityKind::Other => "programme policy",
        }
    }
}

/// Generate the årshjul for the year of the request.
pub fn wheel(request: &WheelRequest) -> Result<WheelResult> {
    let year = check_year(request.year);
    let reference = match &request.reference_date {
        Some(s) => reference_date(s, "$.reference_date").map(Some),
        None => Ok(None),
    };
    let checked = super::check::check(&request.programme, "$.programme");
    let (checked, (year, reference)) = both(checked, both(year, reference))?;
    let reference = match reference {
        Some(r) => r,
        None => NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| Error::invalid("$.year", "not a calendar year"))?,
    };
    Ok(generate(&checked, year, reference))
}

fn check_year(y: i32) -> Result<i32> {
    if (date::MIN_YEAR..=date::MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(Error::invalid(
            "$.year",
            format!(
                "a calendar year from {} to {}, got {y}",
                date::MIN_YEAR,
                date::MAX_YEAR
            ),
        ))
    }
}

struct Pending<'a> {
    date: NaiveDate,
    activity: std::borrow::Cow<'a, str>,
    make: usize,
    occurrence: u32,
    occurrences: u32,
}

pub(crate) fn generate(c: &Checked, year: i32, reference: NaiveDate) -> WheelResult {
    let p = c.p;
    let pending = pending_occurrences(c, year);
    let operational_owner = p
        .governance
        .as_ref()
        .and_then(|g| g.operational_owner.as_deref());
    let mut months = vec![0u32; 12];
    let mut tasks = Vec::with_capacity(pending.len());
    for t in pending {
        if let Some(m) =
            months.get_mut(usize::try_from(chrono::Datelike::month0(&t.date)).unwrap_or(0))
        {
            *m += 1;
        }
        if let Some(task) = wheel_task(c, t, operational_owner) {
            tasks.push(task);
        }
    }
    WheelResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        organisation: p.organisation.clone(),
        year,
        reference_date: date::fmt(reference),
        tasks,
        months: months
            .into_iter()
            .zip(1u32..)
            .map(|(tasks, month)| MonthLoad { month, tasks })
            .collect(),
    }
}

/// Every occurrence in `year` of the wheel's activities and of the suppliers' reviews, by date
/// and then activity id.
fn pending_occurrences<'p>(c: &Checked<'p>, year: i32) -> Vec<Pending<'p>> {
    let p = c.p;
    let mut pending: Vec<Pending> = Vec::with_capacity(p.wheel.len() * 4 + p.suppliers.len());
    let mut scratch: Vec<NaiveDate> = Vec::with_capacity(12);
    for (i, r) in c.activities.iter().enumerate() {
        let Some(a) = p.wheel.get(i) else { continue };
        scratch.clear();
        scratch.extend(r.occurrences(year));
        let n = u32::try_from(scratch.len()).unwrap_or(u32::MAX);
        for (k, d) in scratch.iter().enumerate() {
            pending.push(Pending {
                date: *d,
                activity: std::borrow::Cow::Borrowed(&a.id),
                make: i,
                occurrence: u32::try_from(k).unwrap_or(0) + 1,
                occurrences: n,
            });
        }
    }
    let base = p.wheel.len();
    for (i, (s, f)) in p.suppliers.iter().zip(&c.suppliers).enumerate() {
        let Some(r) = f.cadence else { continue };
        scratch.clear();
        scratch.extend(r.occurrences(year));
        let n = u32::try_from(scratch.len()).unwrap_or(u32::MAX);
        for (k, d) in scratch.iter().enumerate() {
            pending.push(Pending {
                date: *d,
                activity: std::borrow::Cow::Owned(format!("{SUPPLIER_REVIEW_PREFIX}{}", s.id)),
                make: base + i,
                occurrence: u32::try_from(k).unwrap_or(0) + 1,
                occurrences: n,
            });
        }
    }
    pending.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.activity.cmp(&b.activity))
    });
    pending
}

/// The task of one occurrence: of a wheel activity, or of a supplier's review (whose owner
/// defaults to the operational owner); `None` if it names neither.
fn wheel_task(c: &Checked, t: Pending, operational_owner: Option<&str>) -> Option<WheelTask> {
    let p = c.p;
    let base = p.wheel.len();
    let mut uid = String::with_capacity(t.activity.len() + 24);
    uid.push_str(&t.activity);
    uid.push('-');
    date::push_basic(&mut uid, t.date);
    uid.push_str("@nis2.invalid");
    let task = if let Some(a) = p.wheel.get(t.make) {
        WheelTask {
            uid,
            date: date::fmt(t.date),
            duration_days: a.duration_days.unwrap_or(1),
            activity: t.activity.into_owned(),
            kind: a.kind,
            title: match &a.title {
                Some(s) => Text::new(s.clone(), s.clone()),
                None => a.kind.label(),
            },
            owner: Some(person_ref(c, &a.owner)),
            requirements: a.requirements.clone(),
            citation: Str::Borrowed(a.kind.citation()),
            source: TaskSource::Wheel,
            occurrence: t.occurrence,
            occurrences: t.occurrences,
            description: a.description.clone(),
        }
    } else if let Some(s) = t.make.checked_sub(base).and_then(|j| p.suppliers.get(j)) {
        let owner = s.owner.as_deref().or(operational_owner);
        let services: Vec<&str> = s.services.iter().map(|x| x.name.as_str()).collect();
        WheelTask {
            uid,
            date: date::fmt(t.date),
            duration_days: 1,
            activity: t.activity.into_owned(),
            kind: ActivityKind::SupplierReview,
            title: Text::new(
                format!("Supplier review: {}", s.name),
                format!("Leverandørgennemgang: {}", s.name),
            ),
            owner: owner.map(|o| person_ref(c, o)),
            requirements: s.requirements.clone(),
            citation: Str::Borrowed(ActivityKind::SupplierReview.citation()),
            source: TaskSource::SupplierRegister,
            occurrence: t.occurrence,
            occurrences: t.occurrences,
            description: (!services.is_empty()).then(|| services.join(", ")),
        }
    } else {
        return None;
    };
    Some(task)
}
