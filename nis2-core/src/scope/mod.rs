//! Applicability and classification under Articles 2, 3, 4 and 6(35) of Directive (EU) 2022/2555.
//!
//! The engine validates the profile, computes the size class (Recommendation 2003/361/EC), then
//! evaluates every activity against the rules in [`rules`]. Facts that are missing are handled
//! without guessing: a missing fact about the organisation (a figure, whether a trust service
//! provider is qualified) is expanded into every value it could take, and the outcome is
//! reported as undetermined where those values disagree; a decision by an authority that is not
//! stated (identification as a critical entity, say) is presumed not taken, and the result lists
//! it as a presumption with the outcome a different answer would give.

pub mod profile;
pub mod result;
pub(crate) mod rules;
pub(crate) mod size;

mod attention;
mod validate;

use std::borrow::Cow;

use serde_json::Value;

use crate::entity_types::{self, Annex, EntityType, RuleGroup};
use crate::error::Result;
use crate::overlay::{self, MemberStateOverlay, OptionChoice};
use crate::text::Text;
use profile::{Identification, Profile, SecurityExemption};
use result::{
    ActivityResult, AnswerEffect, Classification, InScope, OpenQuestion, QuestionKind, RuleOutcome,
    ScopeResult, SizeClass, Supervision, SupervisionRegime, TraceStep, RESULT_SCHEMA_VERSION,
};
use rules::Rule;

/// Decide whether NIS2 applies to the organisation and in which class, with the full trace.
pub fn scope(profile: &Profile) -> Result<ScopeResult> {
    let catalog = entity_types::catalog()?;
    let overlays = overlay::data()?;
    let types = validate::validate(profile, catalog, overlays)?;
    let overlay = profile
        .member_state
        .as_deref()
        .and_then(|c| overlays.overlay(c));
    let size = size::compute(profile.size.as_ref());
    let ctx = Ctx::new(profile, types, overlay, &size.possible_classes);
    let base = Facts::from_profile(profile, &ctx);

    let mut hits_per_scenario: Vec<Vec<Hit>> = Vec::new();
    let mut evals: Vec<(Scenario, Eval)> = Vec::new();
    for sc in ctx.scenarios(&base) {
        let mut hits = Vec::with_capacity(24);
        let e = evaluate(&ctx, &base, sc, Some(&mut hits));
        hits_per_scenario.push(hits);
        evals.push((sc, e));
    }
    let outcome = merge_outcomes(evals.iter().map(|(_, e)| e.outcome));
    let mut trace_steps = merge_trace(&hits_per_scenario);
    for s in &mut trace_steps {
        s.entity_type = s
            .activity
            .and_then(|i| ctx.types.get(i))
            .map(|t| Cow::Borrowed(t.id.as_str()));
    }

    let activities = activity_results(&ctx, &evals, &trace_steps);
    let open_questions = questions(&ctx, &base, &evals, outcome, &size);
    let mut trace = size_trace(&ctx, &size);
    trace.extend(
        trace_steps
            .into_iter()
            .filter(|s| keep_step(s, &activities))
            .map(|s| s.into_step()),
    );
    let attention_points = attention::points(&ctx, outcome, &activities);

    Ok(ScopeResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        name: profile.name.clone(),
        member_state: profile.member_state.clone(),
        in_scope: outcome.in_scope,
        classification: outcome.class,
        summary: summary(outcome),
        size,
        supervision: supervision(outcome),
        activities,
        attention_points,
        open_questions,
        trace,
    })
}

/// Everything the evaluation needs that does not change between scenarios.
pub(crate) struct Ctx<'a> {
    pub(crate) profile: &'a Profile,
    pub(crate) types: Vec<&'static EntityType>,
    pub(crate) overlay: Option<&'static MemberStateOverlay>,
    sizes: Vec<SizeClass>,
    has_pa: bool,
    has_tsp: bool,
    has_financial: bool,
    has_annex: bool,
    tsp_index: Option<usize>,
    regional_index: Option<usize>,
}

impl<'a> Ctx<'a> {
    fn new(
        profile: &'a Profile,
        types: Vec<&'static EntityType>,
        overlay: Option<&'static MemberStateOverlay>,
        sizes: &[SizeClass],
    ) -> Self {
        let has = |f: &dyn Fn(&EntityType) -> bool| types.iter().any(|t| f(t));
        let has_pa = has(&|t| {
            matches!(
                t.rule_group,
                RuleGroup::CentralPublicAdministration
                    | RuleGroup::RegionalPublicAdministration
                    | RuleGroup::LocalPublicAdministration
            )
        });
        let has_tsp = has(&|t| t.rule_group == RuleGroup::TrustService);
        let has_financial = has(&|t| t.lex_specialis.is_some());
        let has_annex = has(&|t| t.annex.is_some());
        let tsp_index = types
            .iter()
            .position(|t| t.rule_group == RuleGroup::TrustService);
        let regional_index = types
            .iter()
            .position(|t| t.rule_group == RuleGroup::RegionalPublicAdministration);
        Ctx {
            profile,
            types,
            overlay,
            sizes: sizes.to_vec(),
            has_pa,
            has_tsp,
            has_financial,
            has_annex,
            tsp_index,
            regional_index,
        }
    }

    /// Every combination of the values that missing facts about the organisation could take.
    fn qualified_values(&self, facts: &Facts) -> &'static [Option<bool>] {
        match (self.tsp_index, facts.qualified) {
            (Some(_), None) => &[Some(false), Some(true)],
            (_, Some(true)) => &[Some(true)],
            (_, Some(false)) => &[Some(false)],
            (_, None) => &[None],
        }
    }

    fn scenarios(&self, facts: &Facts) -> Vec<Scenario> {
        let qualified = self.qualified_values(facts);
        let mut out = Vec::with_capacity(self.sizes.len() * qualified.len());
        for &size in &self.sizes {
            for &q in qualified {
                out.push(Scenario { size, qualified: q });
            }
        }
        out
    }

    fn option(
        &self,
        pick: impl Fn(&'a MemberStateOverlay) -> Option<&'a OptionChoice>,
    ) -> Option<&'a OptionChoice> {
        self.overlay.and_then(pick)
    }
}

/// A value and whether it was presumed rather than given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fact<T> {
    value: T,
    presumed: bool,
}

impl<T: Copy> Fact<T> {
    fn from(given: Option<T>, presumption: T) -> Self {
        match given {
            Some(value) => Fact {
                value,
                presumed: false,
            },
            None => Fact {
                value: presumption,
                presumed: true,
            },
        }
    }

    fn given(value: T) -> Self {
        Fact {
            value,
            presumed: false,
        }
    }
}

/// The facts an evaluation runs on, presumptions applied.
#[derive(Debug, Clone, Copy)]
struct Facts {
    union: Fact<bool>,
    public_security: Fact<bool>,
    cer: Fact<bool>,
    identification: Fact<Identification>,
    nis1: Fact<bool>,
    exemption: Option<SecurityExemption>,
    dora_exempted: Fact<bool>,
    qualified: Option<bool>,
    regional_assessed: Option<bool>,
}

impl Facts {
    fn from_profile(p: &Profile, ctx: &Ctx) -> Self {
        let d = p.designations.clone().unwrap_or_default();
        let union = match (p.provides_services_in_union, &p.member_state) {
            (Some(v), _) => Fact::given(v),
            (None, Some(_)) => Fact::given(true),
            (None, None) => Fact::from(None, true),
        };
        Facts {
            union,
            public_security: Fact::from(p.public_security_activities, false),
            cer: Fact::from(d.critical_entity_cer, false),
            identification: Fact::from(d.member_state_identification, Identification::None),
            nis1: Fact::from(d.nis1_operator_of_essential_services, false),
            exemption: d.security_exemption,
            dora_exempted: Fact::from(d.dora_exempted, false),
            qualified: ctx
                .tsp_index
                .and_then(|i| p.activities.get(i))
                .and_then(|a| a.qualified_trust_service_provider),
            regional_assessed: ctx
                .regional_index
                .and_then(|i| p.activities.get(i))
                .and_then(|a| a.significant_impact_assessed),
        }
    }
}

/// Values of the missing organisation facts in one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scenario {
    size: SizeClass,
    qualified: Option<bool>,
}

/// An activity's verdict in one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Out,
    /// Scope depends on the Member State.
    Ms,
    /// In scope; class set by national law.
    InMs,
    In(Classification),
}

impl Verdict {
    fn outcome(self) -> Outcome {
        match self {
            Verdict::Out => Outcome::NONE,
            Verdict::Ms => Outcome {
                in_scope: InScope::DependsOnMemberState,
                class: Classification::DependsOnMemberState,
            },
            Verdict::InMs => Outcome {
                in_scope: InScope::Yes,
                class: Classification::DependsOnMemberState,
            },
            Verdict::In(c) => Outcome {
                in_scope: InScope::Yes,
                class: c,
            },
        }
    }
}

/// In scope and class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) in_scope: InScope,
    pub(crate) class: Classification,
}

impl Outcome {
    const NONE: Outcome = Outcome {
        in_scope: InScope::No,
        class: Classification::None,
    };
    const UNDETERMINED: Outcome = Outcome {
        in_scope: InScope::Undetermined,
        class: Classification::Undetermined,
    };
}

/// The result of one rule in one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    Yes,
    No,
    Ms,
    Note,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    rule: &'static Rule,
    activity: Option<usize>,
    res: Res,
    presumed: bool,
}

struct Eval {
    verdicts: Vec<Verdict>,
    outcome: Outcome,
}

fn push(
    hits: &mut Option<&mut Vec<Hit>>,
    rule: &'static Rule,
    activity: Option<usize>,
    res: Res,
    presumed: bool,
) {
    if let Some(h) = hits.as_deref_mut() {
        h.push(Hit {
            rule,
            activity,
            res,
            presumed,
        });
    }
}

fn yn(b: bool) -> Res {
    if b {
        Res::Yes
    } else {
        Res::No
    }
}

/// How a Member State option applies: taken (with the class national law gives), not taken,
/// or not settled.
fn option_verdict(choice: Option<&OptionChoice>) -> (Res, Verdict) {
    match choice.and_then(OptionChoice::settled) {
        Some(true) => {
            let class = match choice.and_then(|c| c.classification.as_deref()) {
                Some("essential") => Verdict::In(Classification::Essential),
                Some("important") => Verdict::In(Classification::Important),
                _ => Verdict::InMs,
            };
            (Res::Yes, class)
        }
        Some(false) => (Res::No, Verdict::Out),
        None => (Res::Ms, Verdict::Ms),
    }
}

/// Evaluate every rule for one scenario. The rules pushed depend only on the profile, never on
/// the scenario, so traces of different scenarios line up step by step.
fn evaluate(ctx: &Ctx, f: &Facts, sc: Scenario, mut hits: Option<&mut Vec<Hit>>) -> Eval {
    let h = &mut hits;
    // Entity-level conditions and exclusions.
    push(h, &rules::UNION, None, yn(f.union.value), f.union.presumed);
    let mut excluded_all = !f.union.value;
    if ctx.has_financial || !f.dora_exempted.presumed {
        push(
            h,
            &rules::DORA_EXEMPT,
            None,
            yn(f.dora_exempted.value),
            f.dora_exempted.presumed,
        );
        excluded_all |= f.dora_exempted.value;
    }
    let mut excluded_non_tsp = false;
    match f.exemption {
        Some(SecurityExemption::Full) => {
            push(h, &rules::SECURITY_EXEMPTION_FULL, None, Res::Yes, false);
            excluded_non_tsp = true;
        }
        Some(SecurityExemption::FromArt21And23) => {
            push(h, &rules::SECURITY_EXEMPTION_PARTIAL, None, Res::Yes, false);
        }
        Some(SecurityExemption::None) | None => {}
    }
    if ctx.has_pa {
        push(
            h,
            &rules::PUBLIC_SECURITY,
            None,
            yn(f.public_security.value),
            f.public_security.presumed,
        );
        excluded_non_tsp |= f.public_security.value;
    }
    if excluded_non_tsp && ctx.has_tsp {
        push(h, &rules::TRUST_SERVICE_OVERRIDE, None, Res::Yes, false);
    }

    let ident = f.identification;
    let ident_in = matches!(
        ident.value,
        Identification::Essential | Identification::Important
    );
    let ident_essential = ident.value == Identification::Essential;

    // Verdicts are kept only when a trace is collected (the base evaluation); re-evaluations for
    // open questions need just the outcome.
    let mut verdicts = Vec::with_capacity(if h.is_some() { ctx.types.len() } else { 0 });
    let mut acc = Combiner::default();
    for (i, t) in ctx.types.iter().enumerate() {
        let a = Some(i);
        let v = match t.rule_group {
            RuleGroup::ExcludedPublicBody => {
                push(h, &rules::EXCLUDED_BODY, a, Res::Yes, false);
                Verdict::Out
            }
            RuleGroup::DomainNameRegistration => {
                push(h, &rules::DOMAIN_REGISTRATION, a, Res::Yes, false);
                Verdict::In(Classification::RegistrationOnly)
            }
            RuleGroup::LocalPublicAdministration => {
                let (res, v) =
                    option_verdict(ctx.option(|o| o.options.local_public_administration.as_ref()));
                push(h, &rules::LOCAL_PA, a, res, false);
                v
            }
            RuleGroup::EducationInstitution => {
                let (res, v) =
                    option_verdict(ctx.option(|o| o.options.education_institutions.as_ref()));
                push(h, &rules::EDUCATION, a, res, false);
                v
            }
            RuleGroup::CentralPublicAdministration => {
                push(h, &rules::CENTRAL_PA, a, Res::Yes, false);
                push(h, &rules::CENTRAL_PA_ESSENTIAL, a, Res::Yes, false);
                Verdict::In(Classification::Essential)
            }
            RuleGroup::RegionalPublicAdministration => {
                let assessed = match f.regional_assessed {
                    Some(b) => yn(b),
                    None => Res::Ms,
                };
                push(h, &rules::REGIONAL_PA, a, assessed, false);
                push(h, &rules::IDENTIFIED, a, yn(ident_in), ident.presumed);
                push(
                    h,
                    &rules::IDENTIFIED_ESSENTIAL,
                    a,
                    yn(ident_essential),
                    ident.presumed,
                );
                let class = if ident_essential {
                    Classification::Essential
                } else {
                    Classification::Important
                };
                match (assessed, ident_in) {
                    (_, true) | (Res::Yes, _) => {
                        push(h, &rules::IMPORTANT, a, yn(!ident_essential), false);
                        Verdict::In(class)
                    }
                    (Res::Ms, false) => {
                        push(h, &rules::IMPORTANT, a, Res::Ms, false);
                        Verdict::Ms
                    }
                    _ => {
                        push(h, &rules::IMPORTANT, a, Res::No, false);
                        Verdict::Out
                    }
                }
            }
            RuleGroup::General
            | RuleGroup::Telecom
            | RuleGroup::TrustService
            | RuleGroup::DnsTld => {
                let size_ok = matches!(sc.size, SizeClass::Medium | SizeClass::Large);
                push(h, &rules::SIZE_CAP, a, yn(size_ok), false);
                let exempt_rule = match t.rule_group {
                    RuleGroup::Telecom => Some(&rules::SIZE_INDEPENDENT_TELECOM),
                    RuleGroup::TrustService => Some(&rules::SIZE_INDEPENDENT_TSP),
                    RuleGroup::DnsTld => Some(&rules::SIZE_INDEPENDENT_DNS),
                    _ => None,
                };
                if let Some(r) = exempt_rule {
                    push(h, r, a, Res::Yes, false);
                }
                push(h, &rules::IDENTIFIED, a, yn(ident_in), ident.presumed);
                let in_scope = size_ok || exempt_rule.is_some() || ident_in;

                let e_a = t.annex == Some(Annex::I) && sc.size == SizeClass::Large;
                if t.annex == Some(Annex::I) {
                    push(h, &rules::LARGE_ANNEX_I, a, yn(e_a), false);
                }
                let e_b = match t.rule_group {
                    RuleGroup::TrustService => sc.qualified.unwrap_or(false),
                    RuleGroup::DnsTld => true,
                    _ => false,
                };
                if matches!(t.rule_group, RuleGroup::TrustService | RuleGroup::DnsTld) {
                    push(h, &rules::QTSP_DNS_TLD, a, yn(e_b), false);
                }
                let e_c = t.rule_group == RuleGroup::Telecom && sc.size == SizeClass::Medium;
                if t.rule_group == RuleGroup::Telecom {
                    push(h, &rules::MEDIUM_TELECOM, a, yn(e_c), false);
                }
                push(
                    h,
                    &rules::IDENTIFIED_ESSENTIAL,
                    a,
                    yn(ident_essential),
                    ident.presumed,
                );
                let essential = e_a || e_b || e_c || ident_essential;
                push(h, &rules::IMPORTANT, a, yn(in_scope && !essential), false);
                match (in_scope, essential) {
                    (false, _) => Verdict::Out,
                    (true, true) => Verdict::In(Classification::Essential),
                    (true, false) => Verdict::In(Classification::Important),
                }
            }
        };
        let excluded =
            excluded_all || (excluded_non_tsp && t.rule_group != RuleGroup::TrustService);
        let v = if excluded { Verdict::Out } else { v };
        acc.add(v);
        if h.is_some() {
            verdicts.push(v);
        }
    }

    // Entity-level routes that do not depend on an activity.
    // Art 2(9): an entity that acts as a trust service provider keeps the Directive; only its
    // other activities fall under the Art 2(7)/2(8) exclusion.
    let entity_excluded = excluded_all || (excluded_non_tsp && !ctx.has_tsp);
    let mut cer_verdict: Option<Verdict> = None;
    let mut nis1_verdict: Option<Verdict> = None;
    push(h, &rules::CER, None, yn(f.cer.value), f.cer.presumed);
    if f.cer.value && !entity_excluded {
        cer_verdict = Some(Verdict::In(Classification::Essential));
    }
    if ctx.has_annex || !f.nis1.presumed {
        let (res, v) = if f.nis1.value {
            let choice = ctx.option(|o| o.options.nis1_operators_essential.as_ref());
            match choice.and_then(OptionChoice::settled) {
                Some(true) => (Res::Yes, Verdict::In(Classification::Essential)),
                Some(false) => (Res::No, Verdict::Out),
                None => (Res::Ms, Verdict::Ms),
            }
        } else {
            (Res::No, Verdict::Out)
        };
        push(h, &rules::NIS1_OES, None, res, f.nis1.presumed);
        if !entity_excluded {
            nis1_verdict = Some(v);
        }
    }
    if ctx.types.len() > 1 {
        push(h, &rules::STRICTEST, None, Res::Note, false);
    }
    for v in cer_verdict.into_iter().chain(nis1_verdict) {
        acc.add(v);
    }
    let outcome = acc.outcome();
    Eval { verdicts, outcome }
}

/// The strictest outcome over several verdicts (Art 2 and 3 applied per activity).
#[derive(Debug, Default, Clone, Copy)]
struct Combiner {
    any_in: bool,
    any_ms_scope: bool,
    any_ms_class: bool,
    best: Option<Classification>,
}

impl Combiner {
    fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Out => {}
            Verdict::Ms => self.any_ms_scope = true,
            Verdict::InMs => {
                self.any_in = true;
                self.any_ms_class = true;
            }
            Verdict::In(c) => {
                self.any_in = true;
                self.best = Some(match self.best {
                    None => c,
                    Some(b) => stricter(b, c),
                });
            }
        }
    }

    fn outcome(self) -> Outcome {
        if self.any_in {
            let class = match self.best {
                Some(Classification::Essential) => Classification::Essential,
                Some(b) if !(self.any_ms_class || self.any_ms_scope) => b,
                _ => Classification::DependsOnMemberState,
            };
            Outcome {
                in_scope: InScope::Yes,
                class,
            }
        } else if self.any_ms_scope {
            Outcome {
                in_scope: InScope::DependsOnMemberState,
                class: Classification::DependsOnMemberState,
            }
        } else {
            Outcome::NONE
        }
    }
}

fn rank(c: Classification) -> u8 {
    match c {
        Classification::Essential => 3,
        Classification::Important => 2,
        Classification::RegistrationOnly => 1,
        _ => 0,
    }
}

fn stricter(a: Classification, b: Classification) -> Classification {
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Merge outcomes of several scenarios: equal parts stay, differing parts are undetermined.
fn merge_outcomes(mut outcomes: impl Iterator<Item = Outcome>) -> Outcome {
    let Some(first) = outcomes.next() else {
        return Outcome::UNDETERMINED;
    };
    let mut acc = first;
    for o in outcomes {
        if o.in_scope != acc.in_scope {
            return Outcome::UNDETERMINED;
        }
        if o.class != acc.class {
            acc.class = Classification::Undetermined;
        }
    }
    acc
}

/// A merged trace step (before text selection).
struct MergedStep {
    rule: &'static Rule,
    activity: Option<usize>,
    entity_type: Option<crate::text::Str>,
    outcome: RuleOutcome,
}

impl MergedStep {
    fn into_step(self) -> TraceStep {
        let text = match self.outcome {
            RuleOutcome::DoesNotApply => self.rule.no.clone(),
            RuleOutcome::Presumed => Text {
                en: Cow::Owned(format!("{} (Presumed: not stated in the profile; see open questions.)", self.rule.no.en)),
                da: Cow::Owned(format!("{} (Antaget: ikke oplyst i profilen; se åbne spørgsmål.)", self.rule.no.da)),
            },
            RuleOutcome::Unknown => Text {
                en: Cow::Owned(format!("Unknown until the open questions are answered. If it applies: {}", self.rule.yes.en)),
                da: Cow::Owned(format!("Ukendt, indtil de åbne spørgsmål er besvaret. Hvis reglen gælder: {}", self.rule.yes.da)),
            },
            RuleOutcome::DependsOnMemberState => Text {
                en: Cow::Owned(format!("Depends on the Member State (not settled by the overlay). If it applies: {}", self.rule.yes.en)),
                da: Cow::Owned(format!("Afhænger af medlemsstaten (ikke afklaret i landeoplysningerne). Hvis reglen gælder: {}", self.rule.yes.da)),
            },
            RuleOutcome::Applies | RuleOutcome::Note => self.rule.yes.clone(),
        };
        TraceStep {
            rule: Cow::Borrowed(self.rule.id),
            citation: Cow::Borrowed(self.rule.citation),
            entity_type: self.entity_type,
            outcome: self.outcome,
            text,
        }
    }
}

fn step_outcome(res: Res, presumed: bool) -> RuleOutcome {
    match (res, presumed) {
        (Res::No, true) => RuleOutcome::Presumed,
        (Res::Yes, _) => RuleOutcome::Applies,
        (Res::No, false) => RuleOutcome::DoesNotApply,
        (Res::Ms, _) => RuleOutcome::DependsOnMemberState,
        (Res::Note, _) => RuleOutcome::Note,
    }
}

fn merge_trace(per_scenario: &[Vec<Hit>]) -> Vec<MergedStep> {
    let Some((first, rest)) = per_scenario.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .enumerate()
        .map(|(pos, hit)| {
            let same = rest.iter().all(|hits| {
                hits.get(pos)
                    .is_some_and(|o| o.res == hit.res && o.rule.id == hit.rule.id)
            });
            MergedStep {
                rule: hit.rule,
                activity: hit.activity,
                entity_type: None,
                outcome: if same {
                    step_outcome(hit.res, hit.presumed)
                } else {
                    RuleOutcome::Unknown
                },
            }
        })
        .collect()
}

/// Drop class rules of activities that are certainly out of scope (they would only add noise).
fn keep_step(s: &MergedStep, activities: &[ActivityResult]) -> bool {
    let class_rule = matches!(
        s.rule.id,
        "art3_1_a_large_annex_i"
            | "art3_1_b_qtsp_tld_dns"
            | "art3_1_c_medium_telecom"
            | "art3_1_e_identified_essential"
            | "art3_2_important"
    );
    match (class_rule, s.activity.and_then(|i| activities.get(i))) {
        (true, Some(a)) => a.in_scope != InScope::No,
        _ => true,
    }
}

fn activity_results(
    ctx: &Ctx,
    evals: &[(Scenario, Eval)],
    steps: &[MergedStep],
) -> Vec<ActivityResult> {
    ctx.types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let outcome = merge_outcomes(
                evals
                    .iter()
                    .map(|(_, e)| e.verdicts.get(i).copied().unwrap_or(Verdict::Out).outcome()),
            );
            // The rules that decided this activity: its own rules that applied (or are open), and,
            // when it is out, the entity-level exclusion that put it out; a trust service kept by
            // Art 2(9) names that rule.
            let is_tsp = t.rule_group == RuleGroup::TrustService;
            let mut basis: Vec<crate::text::Str> = Vec::new();
            let mut add = |c: &'static str| {
                if !basis.iter().any(|b| b == c) {
                    basis.push(Cow::Borrowed(c));
                }
            };
            for s in steps {
                let open_or_applies = matches!(
                    s.outcome,
                    RuleOutcome::Applies | RuleOutcome::DependsOnMemberState | RuleOutcome::Unknown
                );
                match (s.activity, s.rule.id) {
                    (Some(a), _) if a == i && open_or_applies => add(s.rule.citation),
                    (None, "art2_1_union")
                        if s.outcome != RuleOutcome::Applies
                            && outcome.in_scope != InScope::Yes =>
                    {
                        add(s.rule.citation)
                    }
                    (None, "art2_7_public_security" | "art2_8_full_exemption")
                        if open_or_applies && !is_tsp && outcome.in_scope != InScope::Yes =>
                    {
                        add(s.rule.citation)
                    }
                    (None, "art2_10_dora_exemption")
                        if open_or_applies && outcome.in_scope != InScope::Yes =>
                    {
                        add(s.rule.citation)
                    }
                    (None, "art2_9_trust_service") if is_tsp && open_or_applies => {
                        add(s.rule.citation)
                    }
                    _ => {}
                }
            }
            ActivityResult {
                entity_type: Cow::Borrowed(t.id.as_str()),
                label: Text::borrowed(&t.label),
                citation: Cow::Borrowed(t.citation.as_str()),
                in_scope: outcome.in_scope,
                classification: outcome.class,
                basis,
                jurisdiction: t.jurisdiction,
            }
        })
        .collect()
}

fn size_trace(ctx: &Ctx, size: &result::SizeResult) -> Vec<TraceStep> {
    let mut out = Vec::with_capacity(3);
    if let Some(s) = &ctx.profile.size {
        let outcome = if size.class == SizeClass::Undetermined {
            RuleOutcome::Unknown
        } else {
            RuleOutcome::Applies
        };
        out.push(TraceStep {
            rule: Cow::Borrowed(rules::SIZE_CLASS.id),
            citation: Cow::Borrowed(rules::SIZE_CLASS.citation),
            entity_type: None,
            outcome,
            text: rules::SIZE_CLASS.yes.clone(),
        });
        if s.related_enterprises.is_none() {
            out.push(TraceStep {
                rule: Cow::Borrowed(rules::NO_RELATED.id),
                citation: Cow::Borrowed(rules::NO_RELATED.citation),
                entity_type: None,
                outcome: RuleOutcome::Presumed,
                text: rules::NO_RELATED.yes.clone(),
            });
        }
        if s.public_bodies_control_percent.is_some_and(|p| p >= 25.0) {
            out.push(TraceStep {
                rule: Cow::Borrowed(rules::PUBLIC_CONTROL.id),
                citation: Cow::Borrowed(rules::PUBLIC_CONTROL.citation),
                entity_type: None,
                outcome: RuleOutcome::Note,
                text: rules::PUBLIC_CONTROL.yes.clone(),
            });
        }
    }
    out
}

fn summary(o: Outcome) -> Text {
    match (o.in_scope, o.class) {
        (InScope::Yes, Classification::Essential) => Text::st(
            "In scope of NIS2 as an essential entity.",
            "Omfattet af NIS2 som væsentlig enhed.",
        ),
        (InScope::Yes, Classification::Important) => Text::st(
            "In scope of NIS2 as an important entity.",
            "Omfattet af NIS2 som vigtig enhed.",
        ),
        (InScope::Yes, Classification::RegistrationOnly) => Text::st(
            "In scope of NIS2 as a provider of domain name registration services: registration duties, no essential or important class.",
            "Omfattet af NIS2 som udbyder af domænenavnsregistreringstjenester: registreringspligter, ingen klasse som væsentlig eller vigtig.",
        ),
        (InScope::Yes, Classification::DependsOnMemberState) => Text::st(
            "In scope of NIS2; the class depends on national law or a Member State decision.",
            "Omfattet af NIS2; klassen afhænger af national lovgivning eller en afgørelse i medlemsstaten.",
        ),
        (InScope::Yes, _) => Text::st(
            "In scope of NIS2; the class depends on facts still missing (see the open questions).",
            "Omfattet af NIS2; klassen afhænger af oplysninger, der mangler (se de åbne spørgsmål).",
        ),
        (InScope::No, _) => Text::st(
            "Not in scope of NIS2 on the facts given.",
            "Ikke omfattet af NIS2 ud fra de oplyste forhold.",
        ),
        (InScope::DependsOnMemberState, _) => Text::st(
            "Whether NIS2 applies depends on a Member State's choice or decision.",
            "Om NIS2 finder anvendelse, afhænger af et valg eller en afgørelse i medlemsstaten.",
        ),
        (InScope::Undetermined, _) => Text::st(
            "Whether NIS2 applies depends on facts still missing (see the open questions).",
            "Om NIS2 finder anvendelse, afhænger af oplysninger, der mangler (se de åbne spørgsmål).",
        ),
    }
}

fn supervision(o: Outcome) -> Supervision {
    match (o.in_scope, o.class) {
        (InScope::Yes, Classification::Essential) => Supervision {
            regime: SupervisionRegime::ExAnteAndExPost,
            citation: Cow::Borrowed("Art. 32"),
            text: Text::st(
                "Essential entities are supervised ex ante and ex post: on-site inspections, random checks, regular and targeted audits, security scans; enforcement includes a monitoring officer and, as a last resort, suspension of authorisations.",
                "Væsentlige enheder er under forudgående og efterfølgende tilsyn: inspektioner, stikprøver, regelmæssige og målrettede audits og sikkerhedsscanninger; håndhævelsen omfatter en tilsynsførende og som sidste udvej suspension af tilladelser.",
            ),
        },
        (InScope::Yes, Classification::Important) => Supervision {
            regime: SupervisionRegime::ExPost,
            citation: Cow::Borrowed("Art. 33"),
            text: Text::st(
                "Important entities are supervised ex post only: the authority acts on evidence or indications of non-compliance, with targeted audits, security scans and information requests.",
                "Vigtige enheder er kun under efterfølgende tilsyn: myndigheden griber ind ved beviser eller indikationer på manglende overholdelse, med målrettede audits, sikkerhedsscanninger og anmodninger om oplysninger.",
            ),
        },
        (InScope::Yes, Classification::RegistrationOnly) => Supervision {
            regime: SupervisionRegime::None,
            citation: Cow::Borrowed("Art. 3(3)-(4); Art. 27; Art. 28"),
            text: Text::st(
                "No Art 32/33 regime: the duties are registration (Art 3(4), 27) and domain registration data (Art 28).",
                "Ingen tilsynsordning efter art. 32/33: pligterne er registrering (art. 3, stk. 4, og 27) og registreringsdata for domænenavne (art. 28).",
            ),
        },
        (InScope::No, _) => Supervision {
            regime: SupervisionRegime::None,
            citation: Cow::Borrowed("Art. 31-33"),
            text: Text::st("Not in scope: no NIS2 supervision.", "Ikke omfattet: intet NIS2-tilsyn."),
        },
        _ => Supervision {
            regime: SupervisionRegime::NotSettled,
            citation: Cow::Borrowed("Art. 32; Art. 33"),
            text: Text::st(
                "Follows the class once settled: Art 32 (ex ante and ex post) for essential, Art 33 (ex post) for important entities.",
                "Følger klassen, når den er afklaret: art. 32 (forudgående og efterfølgende) for væsentlige, art. 33 (efterfølgende) for vigtige enheder.",
            ),
        },
    }
}

/// Evaluate the outcome (merged over scenarios) with some facts changed.
fn outcome_with(ctx: &Ctx, facts: &Facts, sizes: Option<&[SizeClass]>) -> Outcome {
    let qualified = ctx.qualified_values(facts);
    merge_outcomes(
        ctx.sizes
            .iter()
            .filter(|size| sizes.is_none_or(|z| z.contains(size)))
            .flat_map(|&size| {
                qualified
                    .iter()
                    .map(move |&qualified| Scenario { size, qualified })
            })
            .map(|s| evaluate(ctx, facts, s, None).outcome),
    )
}

fn effect(answer: Text, value: Option<Value>, o: Outcome) -> AnswerEffect {
    AnswerEffect {
        answer,
        value,
        in_scope: o.in_scope,
        classification: o.class,
    }
}

fn size_answer(c: SizeClass) -> Text {
    match c {
        SizeClass::Micro => Text::st(
            "The figures make it a microenterprise.",
            "Tallene gør den til en mikrovirksomhed.",
        ),
        SizeClass::Small => Text::st(
            "The figures make it a small enterprise.",
            "Tallene gør den til en lille virksomhed.",
        ),
        SizeClass::Medium => Text::st(
            "The figures make it a medium-sized enterprise.",
            "Tallene gør den til en mellemstor virksomhed.",
        ),
        SizeClass::Large => Text::st(
            "The figures exceed the medium-sized ceilings.",
            "Tallene overstiger lofterne for mellemstore virksomheder.",
        ),
        SizeClass::Undetermined => Text::st(
            "The figures do not settle the class.",
            "Tallene afklarer ikke klassen.",
        ),
    }
}

fn missing_size_field(ctx: &Ctx) -> crate::text::Str {
    let Some(s) = &ctx.profile.size else {
        return Cow::Borrowed("size");
    };
    let mut missing = Vec::new();
    if s.staff_headcount.is_none() {
        missing.push("size.staff_headcount");
    }
    if s.annual_turnover_eur.is_none() {
        missing.push("size.annual_turnover_eur");
    }
    if s.balance_sheet_total_eur.is_none() {
        missing.push("size.balance_sheet_total_eur");
    }
    match missing.as_slice() {
        [one] => Cow::Borrowed(*one),
        _ => Cow::Borrowed("size"),
    }
}

fn questions(
    ctx: &Ctx,
    base: &Facts,
    evals: &[(Scenario, Eval)],
    outcome: Outcome,
    size: &result::SizeResult,
) -> Vec<OpenQuestion> {
    let mut qs = Vec::new();
    // Missing size figures.
    if ctx.sizes.len() > 1 {
        let effects: Vec<AnswerEffect> = ctx
            .sizes
            .iter()
            .map(|&c| {
                let o = merge_outcomes(
                    evals
                        .iter()
                        .filter(|(s, _)| s.size == c)
                        .map(|(_, e)| e.outcome),
                );
                effect(size_answer(c), None, o)
            })
            .collect();
        if distinct(&effects) {
            qs.push(OpenQuestion {
                id: Cow::Borrowed("size_figures"),
                kind: QuestionKind::MissingFact,
                field: missing_size_field(ctx),
                question: Text::st(
                    "What are the staff headcount (annual work units), annual turnover and annual balance sheet total, including partner and linked enterprises?",
                    "Hvad er antallet af beskæftigede (årsværk), årsomsætningen og den samlede årsbalance, inklusive partnervirksomheder og tilknyttede virksomheder?",
                ),
                citation: Cow::Borrowed("Art. 2(1); Rec. 2003/361/EC, Annex, Art. 2"),
                presumed: None,
                effects,
            });
        }
    }
    // Whether a trust service provider is qualified.
    if let (Some(i), None) = (ctx.tsp_index, base.qualified) {
        let effects: Vec<AnswerEffect> = [true, false]
            .into_iter()
            .map(|q| {
                let o = merge_outcomes(
                    evals
                        .iter()
                        .filter(|(s, _)| s.qualified == Some(q))
                        .map(|(_, e)| e.outcome),
                );
                let answer = if q {
                    Text::st(
                        "Yes, a qualified trust service provider.",
                        "Ja, en kvalificeret tillidstjenesteudbyder.",
                    )
                } else {
                    Text::st(
                        "No, a non-qualified trust service provider.",
                        "Nej, en ikke-kvalificeret tillidstjenesteudbyder.",
                    )
                };
                effect(answer, Some(Value::Bool(q)), o)
            })
            .collect();
        if distinct(&effects) {
            qs.push(OpenQuestion {
                id: Cow::Borrowed("qualified_trust_service_provider"),
                kind: QuestionKind::MissingFact,
                field: Cow::Owned(format!("activities[{i}].qualified_trust_service_provider")),
                question: Text::st(
                    "Is the entity a qualified trust service provider (granted qualified status under Regulation (EU) No 910/2014)?",
                    "Er enheden en kvalificeret tillidstjenesteudbyder (med kvalificeret status efter forordning (EU) nr. 910/2014)?",
                ),
                citation: Cow::Borrowed("Art. 3(1)(b); Art. 6(27)"),
                presumed: None,
                effects,
            });
        }
    }
    // The Member State's risk-based assessment of a regional public administration entity.
    if let (Some(i), None) = (ctx.regional_index, base.regional_assessed) {
        let effects: Vec<AnswerEffect> = [true, false]
            .into_iter()
            .map(|b| {
                let mut f = *base;
                f.regional_assessed = Some(b);
                let answer = if b {
                    Text::st(
                        "Yes, the assessment found a possible significant impact.",
                        "Ja, vurderingen fandt en mulig væsentlig indvirkning.",
                    )
                } else {
                    Text::st(
                        "No, the assessment found no such impact.",
                        "Nej, vurderingen fandt ingen sådan indvirkning.",
                    )
                };
                effect(answer, Some(Value::Bool(b)), outcome_with(ctx, &f, None))
            })
            .collect();
        if distinct(&effects) || effects.iter().any(|e| differs(e, outcome)) {
            qs.push(OpenQuestion {
                id: Cow::Borrowed("regional_risk_assessment"),
                kind: QuestionKind::MissingFact,
                field: Cow::Owned(format!("activities[{i}].significant_impact_assessed")),
                question: Text::st(
                    "Has the Member State's risk-based assessment found that the regional entity provides services whose disruption could significantly affect critical societal or economic activities?",
                    "Har medlemsstatens risikobaserede vurdering fundet, at den regionale enhed leverer tjenester, hvis afbrydelse kan have væsentlig indvirkning på kritiske samfundsmæssige eller økonomiske aktiviteter?",
                ),
                citation: Cow::Borrowed("Art. 2(2)(f)(ii)"),
                presumed: None,
                effects,
            });
        }
    }
    // Presumptions, each asked only when another answer changes the outcome.
    let mut presumption = |id: &'static str,
                           field: &'static str,
                           question: Text,
                           citation: &'static str,
                           presumed: Value,
                           alts: Vec<(Text, Value, Facts)>| {
        let effects: Vec<AnswerEffect> = alts
            .into_iter()
            .map(|(answer, value, f)| effect(answer, Some(value), outcome_with(ctx, &f, None)))
            .filter(|e| differs(e, outcome))
            .collect();
        if !effects.is_empty() {
            qs.push(OpenQuestion {
                id: Cow::Borrowed(id),
                kind: QuestionKind::Presumption,
                field: Cow::Borrowed(field),
                question,
                citation: Cow::Borrowed(citation),
                presumed: Some(presumed),
                effects,
            });
        }
    };
    if base.union.presumed {
        let mut f = *base;
        f.union = Fact::given(false);
        presumption(
            "provides_services_in_union",
            "provides_services_in_union",
            Text::st(
                "Does the entity provide services or carry out activities in the EU?",
                "Leverer enheden tjenester eller udøver den aktiviteter i EU?",
            ),
            "Art. 2(1)",
            Value::Bool(true),
            vec![(Text::st("No.", "Nej."), Value::Bool(false), f)],
        );
    }
    if ctx.has_pa && base.public_security.presumed {
        let mut f = *base;
        f.public_security = Fact::given(true);
        presumption(
            "public_security_activities",
            "public_security_activities",
            Text::st(
                "Does the public administration entity carry out its activities in national security, public security, defence or law enforcement?",
                "Udfører den offentlige forvaltningsenhed sine aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse?",
            ),
            "Art. 2(7)",
            Value::Bool(false),
            vec![(Text::st("Yes.", "Ja."), Value::Bool(true), f)],
        );
    }
    if ctx.has_financial && base.dora_exempted.presumed {
        let mut f = *base;
        f.dora_exempted = Fact::given(true);
        presumption(
            "dora_exempted",
            "designations.dora_exempted",
            Text::st(
                "Has the Member State exempted the entity from DORA (Regulation (EU) 2022/2554) under its Art 2(4)?",
                "Har medlemsstaten undtaget enheden fra DORA (forordning (EU) 2022/2554) efter dens art. 2, stk. 4?",
            ),
            "Art. 2(10)",
            Value::Bool(false),
            vec![(Text::st("Yes.", "Ja."), Value::Bool(true), f)],
        );
    }
    if base.cer.presumed {
        let mut f = *base;
        f.cer = Fact::given(true);
        presumption(
            "critical_entity_cer",
            "designations.critical_entity_cer",
            Text::st(
                "Has the entity been identified as a critical entity under Directive (EU) 2022/2557 (CER)?",
                "Er enheden identificeret som kritisk enhed efter direktiv (EU) 2022/2557 (CER)?",
            ),
            "Art. 2(3); Art. 3(1)(f)",
            Value::Bool(false),
            vec![(Text::st("Yes.", "Ja."), Value::Bool(true), f)],
        );
    }
    if ctx.has_annex && base.identification.presumed {
        let mut fe = *base;
        fe.identification = Fact::given(Identification::Essential);
        let mut fi = *base;
        fi.identification = Fact::given(Identification::Important);
        presumption(
            "member_state_identification",
            "designations.member_state_identification",
            Text::st(
                "Has a Member State identified the entity under Art 2(2)(b)-(e) (sole provider of an essential service, significant impact of a disruption, systemic risk, or specific national or regional importance), and as essential or important?",
                "Har en medlemsstat identificeret enheden efter art. 2, stk. 2, litra b-e (eneste udbyder af en væsentlig tjeneste, væsentlig indvirkning ved afbrydelse, systemisk risiko eller særlig national eller regional betydning), og som væsentlig eller vigtig?",
            ),
            "Art. 2(2)(b)-(e); Art. 3(1)(e); Art. 3(2)",
            Value::String("none".to_owned()),
            vec![
                (Text::st("Yes, as an essential entity.", "Ja, som væsentlig enhed."), Value::String("essential".to_owned()), fe),
                (Text::st("Yes, as an important entity.", "Ja, som vigtig enhed."), Value::String("important".to_owned()), fi),
            ],
        );
    }
    if ctx.has_annex && base.nis1.presumed {
        let mut f = *base;
        f.nis1 = Fact::given(true);
        presumption(
            "nis1_operator_of_essential_services",
            "designations.nis1_operator_of_essential_services",
            Text::st(
                "Was the entity identified before 16 January 2023 as an operator of essential services under Directive (EU) 2016/1148 (NIS1) or national law?",
                "Blev enheden før 16. januar 2023 identificeret som operatør af væsentlige tjenester efter direktiv (EU) 2016/1148 (NIS1) eller national lovgivning?",
            ),
            "Art. 3(1)(g)",
            Value::Bool(false),
            vec![(Text::st("Yes.", "Ja."), Value::Bool(true), f)],
        );
    }
    // Partner or linked enterprises not declared: larger aggregated figures could change the class.
    if let Some(s) = &ctx.profile.size {
        if s.related_enterprises.is_none() {
            let top = size
                .possible_classes
                .iter()
                .copied()
                .max()
                .unwrap_or(SizeClass::Large);
            let larger: Vec<SizeClass> = [SizeClass::Small, SizeClass::Medium, SizeClass::Large]
                .into_iter()
                .filter(|c| *c > top)
                .collect();
            let effects: Vec<AnswerEffect> = larger
                .iter()
                .map(|&c| {
                    let o = outcome_with_sizes(ctx, base, c);
                    let answer = match c {
                        SizeClass::Small => Text::st("Yes, and the aggregated figures make it a small enterprise.", "Ja, og de sammenlagte tal gør den til en lille virksomhed."),
                        SizeClass::Medium => Text::st("Yes, and the aggregated figures make it a medium-sized enterprise.", "Ja, og de sammenlagte tal gør den til en mellemstor virksomhed."),
                        _ => Text::st("Yes, and the aggregated figures exceed the medium-sized ceilings.", "Ja, og de sammenlagte tal overstiger lofterne for mellemstore virksomheder."),
                    };
                    effect(answer, None, o)
                })
                .filter(|e| differs(e, outcome))
                .collect();
            if !effects.is_empty() {
                qs.push(OpenQuestion {
                    id: Cow::Borrowed("related_enterprises"),
                    kind: QuestionKind::Presumption,
                    field: Cow::Borrowed("size.related_enterprises"),
                    question: Text::st(
                        "Does the entity have partner enterprises (25-50 % holdings) or linked enterprises (control) whose figures are not included in those given?",
                        "Har enheden partnervirksomheder (25-50 % ejerandel) eller tilknyttede virksomheder (kontrol), hvis tal ikke er medregnet i de oplyste?",
                    ),
                    citation: Cow::Borrowed("Rec. 2003/361/EC, Annex, Art. 3 and 6"),
                    presumed: Some(Value::Array(Vec::new())),
                    effects,
                });
            }
        }
    }
    qs
}

fn outcome_with_sizes(ctx: &Ctx, facts: &Facts, class: SizeClass) -> Outcome {
    let qualified = ctx.qualified_values(facts);
    merge_outcomes(qualified.iter().map(|&q| {
        evaluate(
            ctx,
            facts,
            Scenario {
                size: class,
                qualified: q,
            },
            None,
        )
        .outcome
    }))
}

fn differs(e: &AnswerEffect, o: Outcome) -> bool {
    e.in_scope != o.in_scope || e.classification != o.class
}

fn distinct(effects: &[AnswerEffect]) -> bool {
    effects.windows(2).any(|w| match w {
        [a, b] => a.in_scope != b.in_scope || a.classification != b.classification,
        _ => false,
    })
}
