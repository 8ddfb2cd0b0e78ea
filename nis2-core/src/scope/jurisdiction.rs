//! Jurisdiction (Art 26): which Member States' national law applies to which activities, and so
//! whose overlays the result shows.
//!
//! - Providers of public electronic communications networks or services fall under each State
//!   where they provide their services (Art 26(1)(a)): the State of establishment
//!   (`member_state`) and every State in `member_states_of_service`.
//! - The digital types of Art 26(1)(b) fall under the State of their main establishment in the
//!   Union (Art 26(2)), which the profile gives as `member_state`.
//! - Public administration entities fall under the State that established them (Art 26(1)(c)).
//! - Every other type falls under the State where it is established (Art 26(1), first
//!   subparagraph).
//!
//! The options are settled by the State of establishment alone; the other States' overlays
//! add their national rules, authorities and procedures for the activities under them.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::entity_types::JurisdictionRule;
use crate::error::Result;
use crate::overlay::{canonical, MemberState};
use crate::scope::profile::Profile;
use crate::scope::result::{ActivityJurisdiction, AppliedMemberState, Jurisdiction};
use crate::scope::verdict::{ActivityJurisdictionVerdict, JurisdictionVerdict, StateVerdict};
use crate::scope::Ctx;
use crate::text::{Str, Text};

/// The overlays a profile names.
pub(crate) struct States {
    /// The State of establishment (`member_state`).
    pub(crate) home: Option<&'static MemberState>,
    /// The other States where services are provided, in the profile's order, without the
    /// State of establishment.
    pub(crate) service: Vec<&'static MemberState>,
}

impl States {
    /// The overlays of a validated profile (each State's file read on first use; a defect in
    /// one is an error, not a State without an overlay).
    pub(crate) fn of(profile: &Profile) -> Result<Self> {
        let home = match profile.member_state.as_deref() {
            Some(c) => crate::overlay::state(c)?,
            None => None,
        };
        let mut service: Vec<&'static MemberState> = Vec::new();
        for code in &profile.member_states_of_service {
            let Some(s) = crate::overlay::state(canonical(code))? else {
                continue;
            };
            let seen =
                home.is_some_and(|h| h.code == s.code) || service.iter().any(|x| x.code == s.code);
            if !seen {
                service.push(s);
            }
        }
        Ok(States { home, service })
    }
}

/// A State whose overlay applies, with the activities under its jurisdiction. It is computed
/// without allocating: the activities and the rules follow from the context.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Applied {
    pub(crate) state: &'static MemberState,
    /// Whether it is the State of establishment (its overlay settles the options and concerns
    /// the whole organisation).
    pub(crate) home: bool,
    /// The jurisdiction rules that make it apply.
    pub(crate) basis: Basis,
}

impl Applied {
    /// The activities (indices) under its jurisdiction: every activity with a jurisdiction
    /// rule for the State of establishment, the providers of Art 26(1)(a) for another State.
    pub(crate) fn activities<'c>(&self, ctx: &'c Ctx) -> impl Iterator<Item = usize> + 'c {
        let home = self.home;
        ctx.types
            .iter()
            .enumerate()
            .filter(move |(_, t)| {
                if home {
                    t.jurisdiction != JurisdictionRule::None
                } else {
                    t.jurisdiction == JurisdictionRule::ServiceProvision
                }
            })
            .map(|(i, _)| i)
    }
}

/// A set of jurisdiction rules, listed in a stable order (the order of Art 26(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Basis(u8);

impl Basis {
    fn bit(rule: JurisdictionRule) -> u8 {
        ORDER
            .iter()
            .position(|r| *r == rule)
            .map_or(0, |k| 1u8 << k)
    }

    /// The rules, in order.
    pub(crate) fn rules(self) -> impl Iterator<Item = JurisdictionRule> {
        ORDER
            .into_iter()
            .enumerate()
            .filter(move |(k, _)| self.0 & (1u8 << k) != 0)
            .map(|(_, r)| r)
    }

    /// The rules, in order, as a list.
    pub(crate) fn to_vec(self) -> Vec<JurisdictionRule> {
        self.rules().collect()
    }

    /// The rules, in order, borrowed from a table of every set (a verdict lists them without
    /// allocating).
    pub(crate) fn as_slice(self) -> &'static [JurisdictionRule] {
        use JurisdictionRule::{
            EstablishingState as C, Establishment as E, MainEstablishment as M,
            ServiceProvision as S,
        };
        // The bits follow `ORDER`: establishment 1, service provision 2, main establishment 4,
        // establishing State 8.
        const SETS: [&[JurisdictionRule]; 16] = subsets_of_four!(E, S, M, C);
        SETS.get(usize::from(self.0)).copied().unwrap_or_default()
    }
}

/// The rules in a stable order (the order of Art 26(1)).
const ORDER: [JurisdictionRule; 4] = [
    JurisdictionRule::Establishment,
    JurisdictionRule::ServiceProvision,
    JurisdictionRule::MainEstablishment,
    JurisdictionRule::EstablishingState,
];

/// The States an activity falls under, from what the profile gives.
pub(crate) fn states_of<'c>(
    ctx: &'c Ctx,
    rule: JurisdictionRule,
) -> impl Iterator<Item = &'static MemberState> + 'c {
    let home = ctx.overlay.filter(|_| rule != JurisdictionRule::None);
    let service = if rule == JurisdictionRule::ServiceProvision {
        ctx.service_states.as_slice()
    } else {
        &[]
    };
    home.into_iter().chain(service.iter().copied())
}

/// The States whose overlays apply: the State of establishment (whenever given), then each
/// other State where a provider of Art 26(1)(a) provides its services.
pub(crate) fn applied<'c>(ctx: &'c Ctx) -> impl Iterator<Item = Applied> + 'c {
    let home = ctx.overlay.map(|state| {
        let mut basis = ctx
            .types
            .iter()
            .filter(|t| t.jurisdiction != JurisdictionRule::None)
            .fold(0u8, |acc, t| acc | Basis::bit(t.jurisdiction));
        if basis == 0 {
            basis = Basis::bit(JurisdictionRule::Establishment);
        }
        Applied {
            state,
            home: true,
            basis: Basis(basis),
        }
    });
    let telecoms = ctx
        .types
        .iter()
        .any(|t| t.jurisdiction == JurisdictionRule::ServiceProvision);
    let service: &[&'static MemberState] = if telecoms {
        ctx.service_states.as_slice()
    } else {
        &[]
    };
    home.into_iter().chain(service.iter().map(|&state| Applied {
        state,
        home: false,
        basis: Basis(Basis::bit(JurisdictionRule::ServiceProvision)),
    }))
}

/// The activities that have a jurisdiction rule (the excluded bodies of Art 2(7) have none).
fn ruled<'c>(ctx: &'c Ctx) -> impl Iterator<Item = &'static crate::entity_types::EntityType> + 'c {
    ctx.types
        .iter()
        .copied()
        .filter(|t| t.jurisdiction != JurisdictionRule::None)
}

/// Per State (in the order of the overlay data): its code as a one-item list, its
/// `StateVerdict` for each of the 16 sets of jurisdiction rules, as one-item lists, and the
/// explained texts that name only this State: each rule's text with this State as its list
/// ([`rule_text`], in the order of [`RULES`]) and the jurisdiction section's text with this
/// State as the State of establishment ([`home_section_text`], by whether more than one
/// State applies and whether States of service are given). Built on first use, so that the
/// result of an organisation under one State's law borrows its lists and texts instead of
/// writing them again on every call.
struct OneState {
    code: [Str; 1],
    verdicts: [[StateVerdict; 1]; 16],
    rule_texts: [Text; 5],
    /// `[many][served]`: see [`home_section_text`].
    sections: [[Text; 2]; 2],
}

/// The jurisdiction rules, in the order of [`OneState::rule_texts`].
const RULES: [JurisdictionRule; 5] = [
    JurisdictionRule::Establishment,
    JurisdictionRule::ServiceProvision,
    JurisdictionRule::MainEstablishment,
    JurisdictionRule::EstablishingState,
    JurisdictionRule::None,
];

/// Where a rule is in [`RULES`] (its text in [`OneState::rule_texts`]).
fn rule_index(rule: JurisdictionRule) -> Option<usize> {
    RULES.iter().position(|r| *r == rule)
}

fn one_state(s: &'static MemberState) -> Option<&'static OneState> {
    static TABLE: [OnceLock<OneState>; crate::overlay::STATE_COUNT] =
        [const { OnceLock::new() }; crate::overlay::STATE_COUNT];
    Some(
        TABLE
            .get(crate::overlay::index(&s.code)?)?
            .get_or_init(|| OneState {
                code: [Cow::Borrowed(s.code.as_str())],
                verdicts: std::array::from_fn(|bits| [state_verdict(s, Basis(bits as u8))]),
                rule_texts: RULES.map(|rule| rule_text(rule, &s.code)),
                sections: [false, true]
                    .map(|many| [false, true].map(|served| home_section_text(s, many, served))),
            }),
    )
}

/// The codes of the States an activity falls under (`states_of`), borrowed when there is one.
fn codes(ctx: &Ctx, rule: JurisdictionRule) -> Cow<'static, [Str]> {
    if let Some(one) = one_state_of(ctx, rule) {
        return Cow::Borrowed(&one.code);
    }
    Cow::Owned(all_codes(ctx, rule))
}

/// The codes of the States an activity under `rule` falls under, as a new list.
fn all_codes(ctx: &Ctx, rule: JurisdictionRule) -> Vec<Str> {
    states_of(ctx, rule)
        .map(|s| Cow::Borrowed(s.code.as_str()))
        .collect()
}

/// The table entry of the one State an activity under `rule` falls under, if it is one.
fn one_state_of(ctx: &Ctx, rule: JurisdictionRule) -> Option<&'static OneState> {
    let mut states = states_of(ctx, rule);
    match (states.next(), states.next()) {
        (Some(first), None) => one_state(first),
        _ => None,
    }
}

/// The verdict's jurisdiction: codes and rule ids only.
pub(crate) fn verdict(ctx: &Ctx) -> JurisdictionVerdict {
    let mut states = applied(ctx);
    let member_states = match (states.next(), states.next()) {
        (None, _) => Cow::Borrowed(&[][..]),
        (Some(a), None) => {
            match one_state(a.state).and_then(|one| one.verdicts.get(usize::from(a.basis.0))) {
                Some(v) => Cow::Borrowed(&v[..]),
                None => Cow::Owned(vec![state_verdict(a.state, a.basis)]),
            }
        }
        (Some(a), Some(b)) => Cow::Owned(
            [a, b]
                .into_iter()
                .chain(states)
                .map(|a| state_verdict(a.state, a.basis))
                .collect(),
        ),
    };
    JurisdictionVerdict {
        activities: ruled(ctx)
            .map(|t| ActivityJurisdictionVerdict {
                entity_type: Cow::Borrowed(t.id.as_str()),
                rule: t.jurisdiction,
                member_states: codes(ctx, t.jurisdiction),
            })
            .collect(),
        member_states,
    }
}

/// The verdict's form of a State whose overlay applies on `basis`.
fn state_verdict(state: &'static MemberState, basis: Basis) -> StateVerdict {
    StateVerdict {
        code: Cow::Borrowed(state.code.as_str()),
        transposition: state.transposition.status,
        basis: Cow::Borrowed(basis.as_slice()),
    }
}

/// The citation of a jurisdiction rule.
pub(crate) fn citation(rule: JurisdictionRule) -> &'static str {
    match rule {
        JurisdictionRule::Establishment => "Art. 26(1)",
        JurisdictionRule::ServiceProvision => "Art. 26(1)(a)",
        JurisdictionRule::MainEstablishment => "Art. 26(1)(b), 26(2)",
        JurisdictionRule::EstablishingState => "Art. 26(1)(c)",
        JurisdictionRule::None => "Art. 2(7)",
    }
}

/// The citation of a jurisdiction rule given by its code (a verdict carries only the code).
pub(crate) fn citation_of(code: &str) -> &'static str {
    match code {
        "service_provision" => citation(JurisdictionRule::ServiceProvision),
        "main_establishment" => citation(JurisdictionRule::MainEstablishment),
        "establishing_state" => citation(JurisdictionRule::EstablishingState),
        "none" => citation(JurisdictionRule::None),
        _ => citation(JurisdictionRule::Establishment),
    }
}

/// What a rule says, with the States it gives (`list`, or that none was given).
fn rule_text(rule: JurisdictionRule, list: &str) -> Text {
    let (en, da) = match rule {
        JurisdictionRule::ServiceProvision => (
            "Under the jurisdiction of each Member State where it provides its services (Art 26(1)(a))",
            "Underlagt jurisdiktionen i hver medlemsstat, hvor den leverer sine tjenester (art. 26, stk. 1, litra a)",
        ),
        JurisdictionRule::MainEstablishment => (
            "Under the jurisdiction of the Member State of its main establishment in the Union (Art 26(1)(b) and (2)), whichever other States it serves",
            "Underlagt jurisdiktionen i medlemsstaten for dens hovedforretningssted i Unionen (art. 26, stk. 1, litra b, og stk. 2), uanset hvilke andre medlemsstater den betjener",
        ),
        JurisdictionRule::EstablishingState => (
            "Under the jurisdiction of the Member State that established it (Art 26(1)(c))",
            "Underlagt jurisdiktionen i den medlemsstat, der har oprettet den (art. 26, stk. 1, litra c)",
        ),
        JurisdictionRule::Establishment | JurisdictionRule::None => (
            "Under the jurisdiction of the Member State where it is established (Art 26(1))",
            "Underlagt jurisdiktionen i den medlemsstat, hvor den er etableret (art. 26, stk. 1)",
        ),
    };
    if list.is_empty() {
        Text::new(
            format!("{en}: no Member State given."),
            format!("{da}: ingen medlemsstat angivet."),
        )
    } else {
        Text::new(format!("{en}: {list}."), format!("{da}: {list}."))
    }
}

/// The explained jurisdiction section.
pub(crate) fn explained(ctx: &Ctx) -> Jurisdiction {
    let activities = ruled(ctx)
        .map(|t| {
            let (member_states, text) = match one_state_of(ctx, t.jurisdiction) {
                Some(one) => (
                    one.code.to_vec(),
                    rule_index(t.jurisdiction)
                        .and_then(|k| one.rule_texts.get(k))
                        .map_or_else(|| rule_text(t.jurisdiction, &one.code[0]), Text::borrowed),
                ),
                None => {
                    let member_states = all_codes(ctx, t.jurisdiction);
                    let text = rule_text(t.jurisdiction, &member_states.join(", "));
                    (member_states, text)
                }
            };
            ActivityJurisdiction {
                entity_type: Cow::Borrowed(t.id.as_str()),
                rule: t.jurisdiction,
                citation: Cow::Borrowed(citation(t.jurisdiction)),
                member_states,
                text,
            }
        })
        .collect();
    let member_states: Vec<AppliedMemberState> = applied(ctx)
        .map(|a| {
            let s = a.state;
            let t = &s.transposition;
            AppliedMemberState {
                code: Cow::Borrowed(s.code.as_str()),
                name: Text::borrowed(&s.name),
                membership: s.membership,
                transposition: t.status,
                status: t.item_status,
                act: t
                    .act
                    .as_ref()
                    .map(|a| Cow::Borrowed(a.number.as_deref().unwrap_or(a.name.as_str()))),
                in_force: t.in_force.as_deref().map(Cow::Borrowed),
                in_force_status: t.in_force_status,
                read_on: Cow::Borrowed(t.read_on.as_str()),
                basis: a.basis.to_vec(),
                entity_types: if a.home {
                    Vec::new()
                } else {
                    a.activities(ctx)
                        .filter_map(|i| ctx.types.get(i))
                        .map(|t| Cow::Borrowed(t.id.as_str()))
                        .collect()
                },
            }
        })
        .collect();
    let text = section_text(ctx, member_states.len());
    Jurisdiction {
        activities,
        member_states,
        text,
    }
}

/// What the section means for this profile (`applied`: how many States' overlays apply).
fn section_text(ctx: &Ctx, applied: usize) -> Text {
    match ctx.overlay {
        Some(home) => {
            let (many, served) = (applied > 1, !ctx.service_states.is_empty());
            one_state(home)
                .and_then(|one| one.sections.get(usize::from(many))?.get(usize::from(served)))
                .map_or_else(|| home_section_text(home, many, served), Text::borrowed)
        }
        None if applied > 0 => Text::st(
            "No State of establishment was given (member_state): the Member State options stay open; the States where services are provided apply to the activities of Art 26(1)(a) only.",
            "Der er ikke angivet en etableringsstat (member_state): medlemsstaternes valgmuligheder står åbne; de medlemsstater, hvor der leveres tjenester, gælder kun for aktiviteterne i art. 26, stk. 1, litra a.",
        ),
        None if !ctx.service_states.is_empty() => Text::st(
            "No State of establishment was given (member_state): the Member State options stay open, and the States where services are provided do not change jurisdiction for these types of entity (Art 26(1)).",
            "Der er ikke angivet en etableringsstat (member_state): medlemsstaternes valgmuligheder står åbne, og de medlemsstater, hvor der leveres tjenester, ændrer ikke jurisdiktionen for disse typer af enheder (art. 26, stk. 1).",
        ),
        None => Text::st(
            "No Member State was given: the Directive's rules are shown, and which national law applies follows from the rules below.",
            "Der er ikke angivet nogen medlemsstat: direktivets regler vises, og hvilken national lovgivning der gælder, følger af reglerne nedenfor.",
        ),
    }
}

/// The section's text when `home` is the State of establishment (`many`: more than one
/// State's overlay applies; `served`: States of service are given).
fn home_section_text(home: &MemberState, many: bool, served: bool) -> Text {
    match (many, served) {
        (true, _) => Text::new(
            format!("The State of establishment, {} ({}), settles the Member State options; each activity falls under the States listed for it, whose national rules, authorities and procedures are shown for it.", home.name.en, home.code),
            format!("Etableringsstaten, {} ({}), afgør medlemsstaternes valgmuligheder; hver aktivitet er underlagt de medlemsstater, der er angivet for den, og deres nationale regler, myndigheder og procedurer vises for den.", home.name.da, home.code),
        ),
        (false, true) => Text::new(
            format!("The national law of {} ({}) applies to the activities below, and its choices settle the Member State options. Providing services in other Member States does not change jurisdiction for these types of entity (Art 26(1)).", home.name.en, home.code),
            format!("Den nationale lovgivning i {} ({}) gælder for aktiviteterne nedenfor, og dens valg afgør medlemsstaternes valgmuligheder. At levere tjenester i andre medlemsstater ændrer ikke jurisdiktionen for disse typer af enheder (art. 26, stk. 1).", home.name.da, home.code),
        ),
        (false, false) => Text::new(
            format!("The national law of {} ({}) applies to the activities below, and its choices settle the Member State options.", home.name.en, home.code),
            format!("Den nationale lovgivning i {} ({}) gælder for aktiviteterne nedenfor, og dens valg afgør medlemsstaternes valgmuligheder.", home.name.da, home.code),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::Basis;

    /// The texts kept per State are those written for that State alone, each where the
    /// explained result looks it up: every rule's text with the State as its list, and the
    /// section's text for each count of States and States of service.
    #[test]
    fn the_kept_texts_are_each_states_own() {
        use super::{home_section_text, one_state, rule_index, rule_text, RULES};
        let data = crate::overlay::data().expect("overlays");
        assert!(!data.states.is_empty());
        for s in &data.states {
            let one = one_state(s).expect("a table entry for every State");
            for rule in RULES {
                assert_eq!(
                    rule_index(rule).and_then(|k| one.rule_texts.get(k)),
                    Some(&rule_text(rule, &s.code)),
                    "{} {rule:?}",
                    s.code
                );
            }
            for many in [false, true] {
                for served in [false, true] {
                    let kept = one
                        .sections
                        .get(usize::from(many))
                        .and_then(|m| m.get(usize::from(served)));
                    assert_eq!(
                        kept,
                        Some(&home_section_text(s, many, served)),
                        "{}",
                        s.code
                    );
                }
            }
        }
    }

    /// Every set of rules lists the same rules, borrowed or iterated.
    #[test]
    fn the_borrowed_lists_are_the_rules_of_each_set() {
        for bits in 0u8..16 {
            let b = Basis(bits);
            assert_eq!(b.as_slice().to_vec(), b.to_vec(), "{bits:04b}");
        }
    }

    /// The borrowed one-State lists are what the verdict would build for that State.
    #[test]
    fn the_one_state_table_holds_each_states_code_and_verdicts() {
        let data = crate::overlay::data().expect("overlays");
        for state in &data.states {
            let one = super::one_state(state).expect("every State is in the table");
            assert_eq!(one.code[0], state.code.as_str());
            for bits in 0u8..16 {
                assert_eq!(
                    one.verdicts[usize::from(bits)],
                    [super::state_verdict(state, Basis(bits))],
                    "{} {bits:04b}",
                    state.code
                );
            }
        }
    }
}
