//! The programme document: people, governance register, implementation plan, supplier register
//! and årshjul activities. Dates are written `YYYY-MM-DD`; ids are short tokens
//! (`[A-Za-z0-9][A-Za-z0-9._-]*`, at most 64 characters) so that they can be used in calendar
//! UIDs. Every reference between records is by id and is checked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cadence::Cadence;
use super::steps::StepId;

/// A compliance programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Document format version; `"1"` if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<String>,
    /// The organisation's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The Member State whose law applies (ISO 3166-1 alpha-2, e.g. `DK`); adds national notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    /// Everyone the programme refers to (board members, executives, owners).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// The governance register (Art 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governance: Option<Governance>,
    /// The implementation plan: tasks linked to the eight programme steps and requirements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlanTask>,
    /// The supplier register (Art 21(2)(d), 21(3)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppliers: Vec<Supplier>,
    /// The recurring activities of the årshjul (annual compliance calendar).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wheel: Vec<WheelActivity>,
    /// The programme's own rules (training intervals, contract clauses expected of suppliers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id, referenced from the other registers.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Job title or role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The governance register.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// The members of the management body (Art 20(1)): who approves the risk-management
    /// measures, oversees their implementation and can be held liable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub management_body: Vec<BoardMember>,
    /// Named executives accountable for the programme or parts of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountable_executives: Vec<Accountable>,
    /// The person who runs the programme day to day (person id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational_owner: Option<String>,
    /// Training records: management-body training (Art 20(2), required) and staff
    /// training (Art 20(2), encouraged; Art 21(2)(g)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training: Vec<TrainingRecord>,
    /// What the management body approved, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
}

/// A member of the management body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardMember {
    /// Person id.
    pub person: String,
    /// E.g. `chair`, `member`, `CEO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Member since (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub since: Option<String>,
}

/// An accountable executive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accountable {
    /// Person id.
    pub person: String,
    /// What they are accountable for, e.g. `NIS2 programme`, `supplier security`.
    pub area: String,
}

/// Who a training was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// Training of members of the management body (Art 20(2): required).
    Management,
    /// Training of employees (Art 20(2): encouraged; Art 21(2)(g)).
    Staff,
}

/// A training that took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecord {
    /// Stable id.
    pub id: String,
    /// Management or staff training.
    pub kind: TrainingKind,
    /// When (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// The topic.
    pub topic: String,
    /// The people who attended (person ids); required for management training.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// For staff training, how many employees attended (not all are listed in `people`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<u32>,
    /// Who gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// What a decision of the management body approved.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DecisionSubject {
    /// The cybersecurity risk-management measures (Art 20(1), Art 21).
    RiskManagementMeasures,
    /// A security policy.
    Policy,
    /// The risk assessment or the risk appetite.
    RiskAssessment,
    /// The implementation plan.
    ImplementationPlan,
    /// The budget or resources.
    Budget,
    /// Accepting a residual risk.
    RiskAcceptance,
    /// The incident response or reporting procedure (Art 23).
    IncidentProcedure,
    /// Anything else.
    Other,
}

/// A decision of the management body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Stable id.
    pub id: String,
    /// When it was taken (`YYYY-MM-DD`).
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// What was decided.
    pub title: String,
    /// What it approved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approves: Vec<DecisionSubject>,
    /// The requirements it concerns (e.g. `NIS2:20.1`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Members of the management body present (person ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// Where the minutes are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started.
    NotStarted,
    /// Under way.
    InProgress,
    /// Waiting on something outside the task.
    Blocked,
    /// Finished.
    Done,
    /// Dropped (not counted in progress).
    Cancelled,
}

/// A task of the implementation plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTask {
    /// Stable id.
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// The programme step it belongs to (`step-1` … `step-8`).
    pub step: StepId,
    /// The requirements it serves, e.g. `NIS2:21.2.d` (see the documentation for the form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Who does it (person id).
    pub owner: String,
    /// Where it stands.
    pub status: TaskStatus,
    /// Planned start (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub start: Option<String>,
    /// Due date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub due: Option<String>,
    /// When it was finished (`YYYY-MM-DD`); only for status `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub completed: Option<String>,
    /// Tasks that must be done first (task ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

/// A security clause in a supplier contract.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Clause {
    /// The supplier must notify the entity of incidents affecting it.
    IncidentNotification,
    /// The entity (or its auditor) may audit the supplier.
    AuditRights,
    /// Rules for the supplier's own suppliers (approval, flow-down of the requirements).
    SubSuppliers,
    /// The supplier handles and discloses vulnerabilities in what it delivers.
    VulnerabilityHandling,
    /// Exit: return of data, transition support, termination rights.
    Exit,
}

impl Clause {
    /// Every clause, in a fixed order.
    pub const ALL: [Clause; 5] = [
        Clause::IncidentNotification,
        Clause::AuditRights,
        Clause::SubSuppliers,
        Clause::VulnerabilityHandling,
        Clause::Exit,
    ];
}

/// A service a supplier provides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierService {
    /// What it is.
    pub name: String,
    /// Whether a critical service of the entity depends on it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
}

/// A supplier contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Contract number or document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Signed (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub signed: Option<String>,
    /// Expires or comes up for renewal (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub expires: Option<String>,
    /// The security clauses the contract contains.
    #[serde(default)]
    pub clauses: Vec<Clause>,
}

/// A supplier risk rating on a 5 × 5 grid: likelihood and impact from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierRiskRating {
    /// Likelihood, 1 (rare) to 5 (almost certain).
    #[schemars(range(min = 1, max = 5))]
    pub likelihood: u8,
    /// Impact, 1 (negligible) to 5 (severe).
    #[schemars(range(min = 1, max = 5))]
    pub impact: u8,
}

/// How often a supplier is reviewed, and when it last was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierReview {
    /// The review cadence. Without an anchor, the cycle runs from `last_review`.
    pub cadence: Cadence,
    /// The last review (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub last_review: Option<String>,
}

/// A supplier or service provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Stable id.
    pub id: String,
    /// The supplier's name.
    pub name: String,
    /// Whether it is a critical supplier (a critical service depends on it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
    /// The services it provides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<SupplierService>,
    /// Who owns the relationship (person id); reviews in the årshjul are assigned to them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The contract, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// The risk rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<SupplierRiskRating>,
    /// The review cadence and the last review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<SupplierReview>,
    /// The requirements the relationship serves (e.g. `NIS2:21.2.d`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
}

/// The kind of an årshjul activity (sets its default title and legal basis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Review and update the risk assessment (Art 21(2)(a)).
    RiskAssessmentReview,
    /// Review the security policies (Art 21(2)(a), 21(2)(f)).
    PolicyReview,
    /// Report to the management body (Art 20(1)).
    ManagementReporting,
    /// Internal audit of the measures' effectiveness (Art 21(2)(f)).
    InternalAudit,
    /// Test the business continuity and crisis plans (Art 21(2)(c)).
    ContinuityTest,
    /// Test backup restore and disaster recovery (Art 21(2)(c)).
    RecoveryTest,
    /// Review a supplier (Art 21(2)(d), 21(3)).
    SupplierReview,
    /// Training of the management body (Art 20(2)).
    ManagementTraining,
    /// Staff training and awareness (Art 20(2), 21(2)(g)).
    StaffTraining,
    /// Incident response and reporting exercise (Art 21(2)(b), Art 23).
    IncidentExercise,
    /// Check the registration data is current (Art 3(4), Art 27).
    RegistrationCheck,
    /// Review vulnerabilities and patching (Art 21(2)(e)).
    VulnerabilityReview,
    /// Review access rights (Art 21(2)(i)).
    AccessReview,
    /// Anything else.
    Other,
}

/// A recurring activity of the årshjul.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WheelActivity {
    /// Stable id (used in the calendar UIDs).
    pub id: String,
    /// The kind (sets the default title and the legal basis).
    pub kind: ActivityKind,
    /// A title of your own (defaults to the kind's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// How often and when.
    pub cadence: Cadence,
    /// Who does it (person id).
    pub owner: String,
    /// The requirements it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// How many days the calendar entry spans (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 31))]
    pub duration_days: Option<u32>,
    /// More detail, copied into the calendar entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The programme's own rules. Every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// How often each management-body member should be trained, in months (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_training_every_months: Option<u32>,
    /// How often staff training should take place, in months (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_training_every_months: Option<u32>,
    /// Tasks due within this many days are flagged as due soon (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_soon_days: Option<u32>,
    /// Clauses expected in the contract of a critical supplier (default: all five).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_clauses_critical: Option<Vec<Clause>>,
    /// Clauses expected in the contract of any other supplier (default: incident notification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_clauses_other: Option<Vec<Clause>>,
    /// Review cadence in months for a supplier that has no `review` (default 12 for critical
    /// suppliers, 24 for others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_supplier_review_months: Option<u32>,
}
