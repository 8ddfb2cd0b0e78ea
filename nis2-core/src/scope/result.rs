//! The output document of `scope`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::{JurisdictionRule, VerificationStatus};
use crate::overlay::{Membership, TranspositionStatus};
use crate::scope::profile::SizeFigure;
use crate::text::{Str, Text};

/// The schema version of scope results.
pub const RESULT_SCHEMA_VERSION: &str = "1";

/// Whether the Directive applies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum InScope {
    /// In scope.
    Yes,
    /// Not in scope.
    No,
    /// Depends on a choice or decision of the Member State (an option of Art 2(5), 3(1)(g), or
    /// the risk-based assessment of Art 2(2)(f)(ii)) that the overlay does not settle.
    DependsOnMemberState,
    /// A fact about the organisation is missing; see `open_questions` (kind `missing_fact`).
    Undetermined,
}

/// The class under Art 3.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Essential entity (Art 3(1)).
    Essential,
    /// Important entity (Art 3(2)).
    Important,
    /// In scope for registration only: domain name registration services (Art 2(4)), which
    /// Art 3 does not classify.
    RegistrationOnly,
    /// Not in scope.
    None,
    /// The class is set by national law or a Member State decision not settled by the overlay.
    DependsOnMemberState,
    /// A fact about the organisation is missing; see `open_questions`.
    Undetermined,
}

/// Size class under the Annex to Recommendation 2003/361/EC.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    /// Microenterprise (Annex Art 2(3)).
    Micro,
    /// Small enterprise (Annex Art 2(2)).
    Small,
    /// Medium-sized enterprise (Annex Art 2(1)).
    Medium,
    /// Exceeds the ceilings for medium-sized enterprises.
    Large,
    /// The figures given do not settle the class; see `possible_classes`.
    Undetermined,
}

/// The supervision regime that follows from the class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupervisionRegime {
    /// Essential entities: ex ante and ex post supervision (Art 32).
    ExAnteAndExPost,
    /// Important entities: ex post supervision only (Art 33).
    ExPost,
    /// No Art 32/33 regime (not in scope, or registration only).
    None,
    /// Follows the class, which is not settled yet.
    NotSettled,
    /// Chapter VII does not apply: a sector-specific Union act (Art 4(1)) or a Member State's
    /// exemption (Art 2(8)) governs supervision and enforcement for every activity in scope.
    Displaced,
}

/// A group of the Directive's provisions that another act can displace.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Provision {
    /// Art 20: the management body approves and oversees the measures and follows training.
    Governance,
    /// Art 21 (with the Annex of Implementing Regulation (EU) 2024/2690 where it applies): the
    /// cybersecurity risk-management measures.
    RiskManagement,
    /// Art 23 (with Arts 3 to 14 of that Regulation): incident reporting.
    Reporting,
    /// Chapter VII (Art 31 to 37): supervision and enforcement, the fines of Art 34 included.
    SupervisionAndEnforcement,
    /// A Member State's transposing act as a whole: its registration, reporting, supervision
    /// and penalties (the Directive's own duties may still apply through another national act).
    NationalAct,
}

/// Provisions that do not apply to the organisation, or to some of its activities, because
/// another act governs instead: a sector-specific Union act (Art 4), a Member State's
/// exemption (Art 2(8)) or the national act's own scope (a national carve-out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Displacement {
    /// Stable id: `art4_sector_act`, `art4_sector_act_governance`, `art2_8_exemption`, or the
    /// id of a national rule.
    pub id: Str,
    /// The legal basis.
    pub citation: Str,
    /// What does not apply, in a stable order.
    pub provisions: Vec<Provision>,
    /// What applies instead.
    pub governed_by: Text,
    /// The activities concerned (entity type ids; empty: activities the profile does not type,
    /// such as those of Art 2(8)).
    pub entity_types: Vec<Str>,
    /// Every activity in scope is concerned (for a national carve-out: every activity under
    /// that State's law), so the provisions do not apply to the organisation at all.
    pub whole_entity: bool,
    /// The Member State whose law it comes from (absent: the Directive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<Str>,
    /// How far it is verified.
    pub status: VerificationStatus,
    /// What it means, what remains.
    pub text: Text,
    /// A limit of the displacement the engine cannot check (e.g. "to the extent" the other act
    /// covers the entity); absent: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Text>,
}

/// The result of `scope`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeResult {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation's name, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Member State whose overlay was applied, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    /// Whether the Directive applies to the organisation.
    pub in_scope: InScope,
    /// Its class; the strictest outcome over all its activities.
    pub classification: Classification,
    /// Every outcome still possible, lowest first (`none` for out of scope): one when settled.
    /// Each ground (an activity, identification as a critical entity, NIS1) gives the outcomes
    /// still possible for it; the entity's are the maximum over its grounds.
    pub possible_classifications: Vec<Classification>,
    /// One sentence stating the outcome.
    pub summary: Text,
    /// The size class and how it was computed.
    pub size: SizeResult,
    /// The supervision regime that follows.
    pub supervision: Supervision,
    /// Provisions displaced by a sector-specific Union act (Art 4), a Member State's exemption
    /// (Art 2(8)) or a national act's own scope, with what applies instead.
    pub displacements: Vec<Displacement>,
    /// The outcome for each activity, in input order.
    pub activities: Vec<ActivityResult>,
    /// Which Member States' national law applies to which activities (Art 26), and the
    /// States whose overlays were applied, each with its transposition status.
    pub jurisdiction: Jurisdiction,
    /// Points that matter but do not change the class: sector-specific acts (Art 4),
    /// the Implementing Regulation, national carve-outs, registration and reporting.
    pub attention_points: Vec<AttentionPoint>,
    /// Facts that could change the outcome. `missing_fact` questions leave the outcome
    /// undetermined; `presumption` questions state what was presumed.
    pub open_questions: Vec<OpenQuestion>,
    /// Every rule that was evaluated, in order, with its citation and result.
    pub trace: Vec<TraceStep>,
}

/// The size class and its computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SizeResult {
    /// The class, or `undetermined`.
    pub class: SizeClass,
    /// Every class the figures allow (one element when settled).
    pub possible_classes: Vec<SizeClass>,
    /// Whether any figures were given at all.
    pub figures_given: bool,
    /// Each accounting period, the latest first.
    pub periods: Vec<PeriodComputation>,
    /// How the two-consecutive-periods rule (Annex Art 4(2)) was applied.
    pub two_period_rule: Text,
    /// The legal basis.
    pub citations: Vec<Str>,
}

/// Staff headcount, turnover and balance sheet total (any may be unknown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Staff headcount in AWU (a range `[min, max]` when given as one).
    pub staff_headcount: Option<SizeFigure>,
    /// Annual turnover in EUR (a range when given as one).
    pub annual_turnover_eur: Option<SizeFigure>,
    /// Annual balance sheet total in EUR (a range when given as one).
    pub balance_sheet_total_eur: Option<SizeFigure>,
}

/// One enterprise's contribution to the aggregated figures (Annex Art 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// `own`, `partner` or `linked`.
    pub source: Str,
    /// The name given, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The percentage of its figures that is added (100 for own and linked, the share for a
    /// partner).
    pub weight_percent: f64,
    /// The figures added (after weighting).
    pub added: Figures,
    /// The legal basis.
    pub citation: Str,
}

/// A ceiling test for one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CeilingTest {
    /// `micro`, `small` or `medium`.
    pub ceiling: SizeClass,
    /// Staff must be below this (AWU).
    pub staff_below: f64,
    /// Turnover must not exceed this (EUR) …
    pub turnover_at_most_eur: f64,
    /// … or the balance sheet total must not exceed this (EUR).
    pub balance_sheet_at_most_eur: f64,
    /// Staff condition met (null: unknown).
    pub staff_within: Option<bool>,
    /// Turnover condition met (null: unknown).
    pub turnover_within: Option<bool>,
    /// Balance sheet condition met (null: unknown).
    pub balance_sheet_within: Option<bool>,
    /// staff_within AND (turnover_within OR balance_sheet_within) (null: unknown).
    pub within: Option<bool>,
    /// The legal basis.
    pub citation: Str,
}

/// The computation for one accounting period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodComputation {
    /// `current`, or the label given.
    pub period: String,
    /// What was added up.
    pub contributions: Vec<Contribution>,
    /// The aggregated figures the ceilings are applied to.
    pub aggregated: Figures,
    /// The three ceiling tests.
    pub tests: Vec<CeilingTest>,
    /// The class these figures alone give (before the two-period rule).
    pub class: SizeClass,
}

/// The supervision regime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supervision {
    /// The regime.
    pub regime: SupervisionRegime,
    /// The legal basis.
    pub citation: Str,
    /// What it means.
    pub text: Text,
}

/// The outcome for one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityResult {
    /// The entity type id.
    pub entity_type: Str,
    /// Its label.
    pub label: Text,
    /// Its legal reference.
    pub citation: Str,
    /// Whether this activity brings the organisation into scope.
    pub in_scope: InScope,
    /// The class this activity gives.
    pub classification: Classification,
    /// The rules that decided it (citations).
    pub basis: Vec<Str>,
    /// Which Member State has jurisdiction (Art 26(1)).
    pub jurisdiction: JurisdictionRule,
}

/// Something that matters alongside the class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttentionPoint {
    /// Stable id.
    pub id: Str,
    /// The legal basis.
    pub citation: Str,
    /// What it says.
    pub text: Text,
    /// The activities it concerns (empty: the whole organisation).
    pub entity_types: Vec<Str>,
    /// How far the underlying fact has been verified. An `unverified` national item is shown
    /// as such, never as a fact.
    pub status: VerificationStatus,
    /// The Member State whose national law it comes from (absent: the Directive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<Str>,
    /// A further fact the engine cannot know on which a national rule depends: it applies only
    /// if this holds (never assumed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Text>,
}

/// Jurisdiction under Art 26: the rule for each activity and the States whose overlays apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// What it means for this profile.
    pub text: Text,
    /// The rule for each activity the Directive covers, in input order.
    pub activities: Vec<ActivityJurisdiction>,
    /// The States whose overlays apply: the State of establishment first, then each other
    /// State where services of Art 26(1)(a) are provided.
    pub member_states: Vec<AppliedMemberState>,
}

/// The jurisdiction rule of one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityJurisdiction {
    /// The entity type id.
    pub entity_type: Str,
    /// Which rule of Art 26(1) applies.
    pub rule: JurisdictionRule,
    /// The legal basis.
    pub citation: Str,
    /// The States it falls under, from the profile (empty: none given).
    pub member_states: Vec<Str>,
    /// What it says.
    pub text: Text,
}

/// A State whose overlay applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliedMemberState {
    /// ISO 3166-1 alpha-2 code (`GR` for Greece).
    pub code: Str,
    /// Its name.
    pub name: Text,
    /// EU Member State or EEA EFTA State.
    pub membership: Membership,
    /// How far it has transposed NIS2.
    pub transposition: TranspositionStatus,
    /// How far the act and the transposition status were verified.
    pub status: VerificationStatus,
    /// The act's official reference (or its name), if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<Str>,
    /// When it entered into force (partial dates allowed), if established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<Str>,
    /// How far that date was verified.
    pub in_force_status: VerificationStatus,
    /// When the national data was read.
    pub read_on: Str,
    /// The jurisdiction rules that make it apply.
    pub basis: Vec<JurisdictionRule>,
    /// The activities it applies to (empty: the whole organisation).
    pub entity_types: Vec<Str>,
}

/// Whether an open question blocks the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A fact about the organisation is missing and the outcome is undetermined without it.
    MissingFact,
    /// The outcome presumes an answer (stated in `presumed`); a different answer changes it.
    Presumption,
}

/// What a given answer would lead to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerEffect {
    /// The answer, in words.
    pub answer: Text,
    /// The value to put at `field` for this answer, where a single value expresses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// The outcome with that answer.
    pub in_scope: InScope,
    /// The class with that answer.
    pub classification: Classification,
}

/// A fact that could change the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenQuestion {
    /// Stable id.
    pub id: Str,
    /// Blocking or presumed.
    pub kind: QuestionKind,
    /// The profile field that answers it (path).
    pub field: Str,
    /// The question.
    pub question: Text,
    /// The legal basis.
    pub citation: Str,
    /// For a presumption: the value presumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presumed: Option<serde_json::Value>,
    /// The answers that lead to different outcomes.
    pub effects: Vec<AnswerEffect>,
}

/// The result of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleOutcome {
    /// The rule's conditions are met.
    Applies,
    /// The rule's conditions are not met.
    DoesNotApply,
    /// Unknown until an open question is answered.
    Unknown,
    /// Depends on a Member State choice or decision not settled by the overlay.
    DependsOnMemberState,
    /// The result rests on a presumption (see `open_questions`).
    Presumed,
    /// A note: information, no condition.
    Note,
}

/// One evaluated rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraceStep {
    /// Stable rule id, e.g. `art2_1_size_cap`.
    pub rule: Str,
    /// The legal reference, e.g. `Art. 2(1)`.
    pub citation: Str,
    /// The activity it was evaluated for (entity type id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<Str>,
    /// The result.
    pub outcome: RuleOutcome,
    /// What the rule says and why it came out so.
    pub text: Text,
}
