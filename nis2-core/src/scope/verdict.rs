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
#[cfg(feature = "full")]
use crate::error::Result;
#[cfg(feature = "full")]
use crate::json::Writer;
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

#[cfg(feature = "full")]
impl ScopeVerdict {
    /// The verdict as compact JSON: the bytes its derived `Serialize` writes, with the field
    /// names and punctuation written as constants instead of through serde's calls for each
    /// field (a third fewer instructions for writing a verdict; the values still go through
    /// `Serialize`, so an enum's names are the derive's). Every field is taken apart by name,
    /// so a field added to a type does not compile here until it is written; a test compares
    /// the bytes with the derive's on every scope vector.
    pub(crate) fn write_json(&self, w: &mut Writer) -> Result<()> {
        let ScopeVerdict {
            schema_version,
            in_scope,
            classification,
            possible_classifications,
            size_class,
            possible_size_classes,
            supervision,
            displacements,
            activities,
            reasons,
            open_questions,
            jurisdiction,
        } = self;
        w.put_raw(b"{\"schema_version\":");
        w.put_str(schema_version);
        w.put_raw(b",\"in_scope\":");
        name(w, *in_scope);
        w.put_raw(b",\"classification\":");
        name(w, *classification);
        w.put_raw(b",\"possible_classifications\":");
        names(w, possible_classifications)?;
        w.put_raw(b",\"size_class\":");
        name(w, *size_class);
        w.put_raw(b",\"possible_size_classes\":");
        names(w, possible_size_classes)?;
        w.put_raw(b",\"supervision\":");
        name(w, *supervision);
        // Mostly empty: written by the derive.
        w.put_raw(b",\"displacements\":");
        put(w, displacements)?;
        w.put_raw(b",\"activities\":");
        list(w, activities, ActivityVerdict::write_json)?;
        w.put_raw(b",\"reasons\":");
        list(w, reasons, Reason::write_json)?;
        w.put_raw(b",\"open_questions\":");
        list(w, open_questions, QuestionRef::write_json)?;
        w.put_raw(b",\"jurisdiction\":");
        jurisdiction.write_json(w)?;
        w.put_raw(b"}");
        Ok(())
    }
}

#[cfg(feature = "full")]
impl ActivityVerdict {
    fn write_json(&self, w: &mut Writer) -> Result<()> {
        let ActivityVerdict {
            entity_type,
            in_scope,
            classification,
        } = self;
        w.put_raw(b"{\"entity_type\":");
        w.put_str(entity_type);
        w.put_raw(b",\"in_scope\":");
        name(w, *in_scope);
        w.put_raw(b",\"classification\":");
        name(w, *classification);
        w.put_raw(b"}");
        Ok(())
    }
}

#[cfg(feature = "full")]
impl Reason {
    fn write_json(&self, w: &mut Writer) -> Result<()> {
        let Reason {
            rule,
            citation,
            entity_type,
            outcome,
        } = self;
        w.put_raw(b"{\"rule\":");
        w.put_str(rule);
        w.put_raw(b",\"citation\":");
        w.put_str(citation);
        if let Some(t) = entity_type {
            w.put_raw(b",\"entity_type\":");
            w.put_str(t);
        }
        w.put_raw(b",\"outcome\":");
        name(w, *outcome);
        w.put_raw(b"}");
        Ok(())
    }
}

#[cfg(feature = "full")]
impl QuestionRef {
    fn write_json(&self, w: &mut Writer) -> Result<()> {
        let QuestionRef { id, kind, field } = self;
        w.put_raw(b"{\"id\":");
        w.put_str(id);
        w.put_raw(b",\"kind\":");
        name(w, *kind);
        w.put_raw(b",\"field\":");
        w.put_str(field);
        w.put_raw(b"}");
        Ok(())
    }
}

#[cfg(feature = "full")]
impl JurisdictionVerdict {
    fn write_json(&self, w: &mut Writer) -> Result<()> {
        let JurisdictionVerdict {
            activities,
            member_states,
        } = self;
        w.put_raw(b"{\"activities\":");
        list(w, activities, |a, w| {
            let ActivityJurisdictionVerdict {
                entity_type,
                rule,
                member_states,
            } = a;
            w.put_raw(b"{\"entity_type\":");
            w.put_str(entity_type);
            w.put_raw(b",\"rule\":");
            name(w, *rule);
            w.put_raw(b",\"member_states\":");
            list(w, member_states, |s, w| {
                w.put_str(s);
                Ok(())
            })?;
            w.put_raw(b"}");
            Ok(())
        })?;
        w.put_raw(b",\"member_states\":");
        list(w, member_states, |s, w| {
            let StateVerdict {
                code,
                transposition,
                basis,
            } = s;
            w.put_raw(b"{\"code\":");
            w.put_str(code);
            w.put_raw(b",\"transposition\":");
            name(w, *transposition);
            w.put_raw(b",\"basis\":");
            names(w, basis)?;
            w.put_raw(b"}");
            Ok(())
        })?;
        w.put_raw(b"}");
        Ok(())
    }
}

/// A value written by its `Serialize`.
#[cfg(feature = "full")]
fn put<T: Serialize + ?Sized>(w: &mut Writer, value: &T) -> Result<()> {
    crate::json::serialize_into(w, value)
}

/// An enum of the verdict whose values are names (unit variants), by its JSON: the name its
/// derived `Serialize` writes, quoted, as a constant (a fifth of the instructions of going
/// through `Serialize` for each; `every_name_is_the_derives` checks each against the derive).
#[cfg(feature = "full")]
trait Name: Copy {
    fn json(self) -> &'static str;
}

/// `value`'s name, quoted.
#[cfg(feature = "full")]
fn name<T: Name>(w: &mut Writer, value: T) {
    w.put_raw_at_run_time(value.json().as_bytes());
}

/// A JSON array of names ([`list`] of [`name`]).
#[cfg(feature = "full")]
fn names<T: Name>(w: &mut Writer, values: &[T]) -> Result<()> {
    list(w, values, |v, w| {
        name(w, *v);
        Ok(())
    })
}

/// `Name` for enums: each variant and its quoted name.
macro_rules! names {
    ($($t:ident { $($v:ident = $n:literal),* $(,)? })*) => {
        $(
            #[cfg(feature = "full")]
            impl Name for $t {
                fn json(self) -> &'static str {
                    match self {
                        $($t::$v => concat!("\"", $n, "\""),)*
                    }
                }
            }
        )*
        /// Every variant of the enums that `Name` writes, by their derived `Serialize` and by
        /// `Name` (the test's pairs).
        #[cfg(all(test, feature = "full"))]
        fn every_name() -> Vec<(String, &'static str)> {
            vec![$($(
                (serde_json::to_string(&$t::$v).unwrap_or_default(), $t::$v.json()),
            )*)*]
        }
    };
}

names! {
    InScope { Yes = "yes", No = "no", DependsOnMemberState = "depends_on_member_state",
        Undetermined = "undetermined" }
    Classification { Essential = "essential", Important = "important",
        RegistrationOnly = "registration_only", None = "none",
        DependsOnMemberState = "depends_on_member_state", Undetermined = "undetermined" }
    SizeClass { Micro = "micro", Small = "small", Medium = "medium", Large = "large",
        Undetermined = "undetermined" }
    SupervisionRegime { ExAnteAndExPost = "ex_ante_and_ex_post", ExPost = "ex_post",
        None = "none", NotSettled = "not_settled", Displaced = "displaced" }
    RuleOutcome { Applies = "applies", DoesNotApply = "does_not_apply", Unknown = "unknown",
        DependsOnMemberState = "depends_on_member_state", Presumed = "presumed", Note = "note" }
    QuestionKind { MissingFact = "missing_fact", Presumption = "presumption" }
    JurisdictionRule { Establishment = "establishment", ServiceProvision = "service_provision",
        MainEstablishment = "main_establishment", EstablishingState = "establishing_state",
        None = "none" }
    TranspositionStatus { InForce = "in_force", AdoptedNotInForce = "adopted_not_in_force",
        AdoptedInForceUnknown = "adopted_in_force_unknown", NotTransposed = "not_transposed",
        Nis1Only = "nis1_only" }
}

/// A JSON array of `items`, each written by `item`.
#[cfg(feature = "full")]
fn list<T>(
    w: &mut Writer,
    items: &[T],
    mut item: impl FnMut(&T, &mut Writer) -> Result<()>,
) -> Result<()> {
    w.put_raw(b"[");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            w.put_raw(b",");
        }
        item(x, w)?;
    }
    w.put_raw(b"]");
    Ok(())
}

#[cfg(all(test, feature = "full"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use crate::api::{self, Detail, Input};
    use serde_json::Value;

    /// Each enum value a verdict writes by name is written as its derived `Serialize` writes
    /// it (every variant of each, not only those the vectors reach).
    #[test]
    fn every_name_is_the_derives() {
        for (derived, written) in super::every_name() {
            assert_eq!(derived, written);
        }
    }

    /// The hand-written JSON of a verdict is the derive's, byte for byte, on every scope
    /// vector whose profile is valid; and the vectors reach every branch of it.
    #[test]
    fn the_written_verdict_is_the_derived_one_on_every_vector() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scope");
        let (mut checked, mut seen) = (0, [false; 6]);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let vector: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(input) = vector.get("input") else {
                continue;
            };
            let Ok(profile) = crate::json::typed::<crate::Profile>(input) else {
                continue;
            };
            let Ok(verdict) = super::super::verdict(&profile) else {
                continue;
            };
            let text = serde_json::to_string(input).unwrap();
            let written = api::call("scope", Input::Text(&text), Detail::Verdict)
                .unwrap()
                .to_json()
                .unwrap();
            let derived = serde_json::to_string(&verdict).unwrap();
            let expected = format!(
                "{{\"op\":\"scope\",\"detail\":\"verdict\",{}",
                derived.strip_prefix('{').unwrap()
            );
            assert_eq!(written, expected, "{}", path.display());
            checked += 1;
            for (i, hit) in [
                !verdict.displacements.is_empty(),
                verdict.reasons.iter().any(|r| r.entity_type.is_none()),
                verdict.activities.len() > 1,
                verdict.open_questions.is_empty(),
                verdict.jurisdiction.member_states.len() > 1,
                verdict
                    .jurisdiction
                    .activities
                    .iter()
                    .any(|a| a.member_states.len() > 1),
            ]
            .into_iter()
            .enumerate()
            {
                seen[i] |= hit;
            }
        }
        assert!(checked > 150, "{checked}");
        assert_eq!(seen, [true; 6]);
    }
}
