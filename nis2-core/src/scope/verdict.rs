//! The verdict of `scope`: the decision and its machine-readable reasons, without prose. The
//! words for every code (rule ids, question ids, enum values) are in the label catalog
//! ([`crate::labels`]); the explained result ([`super::result::ScopeResult`]) is the same
//! decision with its texts, and a test checks the two agree on every vector.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::result::{
    Classification, InScope, Provision, QuestionKind, RuleOutcome, SizeClass, SupervisionRegime,
    RESULT_SCHEMA_VERSION,
};
use super::{keep_step, size_steps, supervision, Decision};
use crate::entity_types::{JurisdictionRule, VerificationStatus};
use crate::overlay::TranspositionStatus;
use crate::text::Str;

/// The verdict of `scope`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeVerdict {
    /// Document format version (`"1"`).
    pub schema_version: Str,
    /// Whether the Directive applies to the organisation.
    pub in_scope: InScope,
    /// Its class; the strictest outcome over all its activities.
    pub classification: Classification,
    /// Every outcome still possible, lowest first (`none` for out of scope).
    pub possible_classifications: Cow<'static, [Classification]>,
    /// The size class (Rec. 2003/361/EC), or `undetermined`.
    pub size_class: SizeClass,
    /// Every size class the figures allow (one when settled).
    pub possible_size_classes: Cow<'static, [SizeClass]>,
    /// The supervision regime that follows (Art 32/33; `displaced` where Chapter VII does not
    /// apply to any activity in scope).
    pub supervision: SupervisionRegime,
    /// Provisions another act displaces (Art 4, Art 2(8), national carve-outs), by codes.
    pub displacements: Vec<DisplacementVerdict>,
    /// The outcome for each activity, in input order.
    pub activities: Vec<ActivityVerdict>,
    /// The rules that decided the outcome (applied, presumed, unknown or depending on the
    /// Member State), in the order of the explained trace.
    pub reasons: Vec<Reason>,
    /// The facts that could change the outcome.
    pub open_questions: Vec<QuestionRef>,
    /// Which Member States' law applies to which activities (Art 26).
    pub jurisdiction: JurisdictionVerdict,
}

// The verdict's form of a `Displacement` (its codes, without its words). The descriptions are
// the same as those of the stripped `Displacement` in the obligations verdict, so that the
// schemas of every operation define `DisplacementVerdict` alike (gen-types checks it).
/// Provisions that do not apply to the organisation, or to some of its activities, because
/// another act governs instead: a sector-specific Union act (Art 4), a Member State's
/// exemption (Art 2(8)) or the national act's own scope (a national carve-out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisplacementVerdict {
    /// Stable id: `art4_sector_act`, `art4_sector_act_governance`, `art2_8_exemption`, or the
    /// id of a national rule.
    pub id: Str,
    /// The legal basis.
    pub citation: Str,
    /// What does not apply, in a stable order.
    pub provisions: Vec<Provision>,
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
}

/// Jurisdiction under Art 26, by codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionVerdict {
    /// The rule for each activity the Directive covers, in input order.
    pub activities: Vec<ActivityJurisdictionVerdict>,
    /// The States whose overlays apply, the State of establishment first.
    pub member_states: Cow<'static, [StateVerdict]>,
}

/// The jurisdiction rule of one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityJurisdictionVerdict {
    /// The entity type id.
    pub entity_type: Str,
    /// Which rule of Art 26(1) applies.
    pub rule: JurisdictionRule,
    /// The States it falls under, from the profile (empty: none given).
    pub member_states: Cow<'static, [Str]>,
}

/// A State whose overlay applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateVerdict {
    /// Its code.
    pub code: Str,
    /// How far it has transposed NIS2.
    pub transposition: TranspositionStatus,
    /// The jurisdiction rules that make it apply.
    pub basis: Cow<'static, [JurisdictionRule]>,
}

/// The outcome for one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityVerdict {
    /// The entity type id.
    pub entity_type: Str,
    /// Whether this activity brings the organisation into scope.
    pub in_scope: InScope,
    /// The class this activity gives.
    pub classification: Classification,
}

/// A rule that decided the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// The rule id (its words: label `rule.<id>`).
    pub rule: Str,
    /// The citation key, e.g. `Art. 3(2)`.
    pub citation: Str,
    /// The activity it was evaluated for (entity type id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<Str>,
    /// How it came out.
    pub outcome: RuleOutcome,
}

/// An open question, by id (its words: label `question.<id>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionRef {
    /// The question id.
    pub id: Str,
    /// Blocking (`missing_fact`) or presumed (`presumption`).
    pub kind: QuestionKind,
    /// The profile field that answers it (path).
    pub field: Str,
}

/// Whether a step is one of the reasons (not a rule that did not apply, nor a note).
pub(crate) fn is_reason(outcome: RuleOutcome) -> bool {
    !matches!(outcome, RuleOutcome::DoesNotApply | RuleOutcome::Note)
}

impl ScopeVerdict {
    pub(crate) fn of(d: Decision<'_, '_>) -> Self {
        let size_class = match d.ctx.sizes {
            [one] => *one,
            _ => SizeClass::Undetermined,
        };
        let mut reasons = Vec::with_capacity(d.steps.len() + 2);
        reasons.extend(
            size_steps(&d.ctx)
                .filter(|(_, o)| is_reason(*o))
                .map(|(rule, outcome)| Reason {
                    rule: Cow::Borrowed(rule.id),
                    citation: Cow::Borrowed(rule.citation),
                    entity_type: None,
                    outcome,
                }),
        );
        reasons.extend(
            d.steps
                .iter()
                .filter(|s| is_reason(s.outcome) && keep_step(s, d.activities))
                .map(|s| Reason {
                    rule: Cow::Borrowed(s.rule.id),
                    citation: Cow::Borrowed(s.rule.citation),
                    entity_type: s.entity_type(&d.ctx).map(Cow::Borrowed),
                    outcome: s.outcome,
                }),
        );
        let activities = d
            .ctx
            .types
            .iter()
            .zip(d.activities)
            .map(|(t, o)| ActivityVerdict {
                entity_type: Cow::Borrowed(t.id.as_str()),
                in_scope: o.in_scope,
                classification: o.class,
            })
            .collect();
        let open_questions = d
            .questions
            .drain(..)
            .map(|q| QuestionRef {
                id: Cow::Borrowed(q.id),
                kind: q.kind,
                field: q.field,
            })
            .collect();
        let jurisdiction = super::jurisdiction::verdict(&d.ctx);
        let live = |i: usize| {
            d.activities
                .get(i)
                .is_some_and(|a| a.in_scope != InScope::No)
        };
        let displaced = super::displacement::compute(&d.ctx, &live);
        let supervision = supervision(d.outcome, &displaced).regime;
        let displacements = displaced
            .into_iter()
            .map(|x| DisplacementVerdict {
                id: x.id,
                citation: x.citation,
                provisions: x.provisions,
                entity_types: x.entity_types,
                whole_entity: x.whole_entity,
                member_state: x.member_state,
                status: x.status,
            })
            .collect();
        ScopeVerdict {
            jurisdiction,
            schema_version: Cow::Borrowed(RESULT_SCHEMA_VERSION),
            in_scope: d.outcome.in_scope,
            classification: d.outcome.class,
            possible_classifications: Cow::Borrowed(d.possible.class_list()),
            size_class,
            possible_size_classes: Cow::Borrowed(d.ctx.sizes),
            supervision,
            displacements,
            activities,
            reasons,
            open_questions,
        }
    }
}
