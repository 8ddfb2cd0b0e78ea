//! Applicability and classification under Articles 2, 3, 4 and 6(35) of Directive (EU) 2022/2555.
//!
//! The engine validates the profile, computes the size class (Recommendation 2003/361/EC), then
//! evaluates every activity against the rules in [`rules`]. Facts that are missing are handled
//! without guessing: a missing fact about the organisation (a figure, whether a trust service
//! provider is qualified) is expanded into every value it could take, and the outcome is
//! reported as undetermined where those values disagree; a decision by an authority that is not
//! stated (identification as a critical entity, say) is presumed not taken, and the result lists
//! it as a presumption with the outcome a different answer would give.

/// Every subset of four values, each in the order given, indexed by a bit mask (the first
/// value 1, the second 2, the third 4, the fourth 8): a verdict's list from a fixed set of four
/// borrows one of these instead of allocating.
macro_rules! subsets_of_four {
    ($a:expr, $b:expr, $c:expr, $d:expr) => {
        [
            &[],
            &[$a],
            &[$b],
            &[$a, $b],
            &[$c],
            &[$a, $c],
            &[$b, $c],
            &[$a, $b, $c],
            &[$d],
            &[$a, $d],
            &[$b, $d],
            &[$a, $b, $d],
            &[$c, $d],
            &[$a, $c, $d],
            &[$b, $c, $d],
            &[$a, $b, $c, $d],
        ]
    };
}

mod nace_codes;
pub mod profile;
pub mod result;
pub(crate) mod rules;
pub(crate) mod size;

mod attention;
pub(crate) mod displacement;
pub(crate) mod jurisdiction;
mod national;
pub(crate) mod ops;
pub(crate) mod questions;
mod validate;
pub mod verdict;

pub use questions::QUESTION_IDS;

use std::borrow::Cow;

use crate::entity_types::{self, Annex, EntityType, RuleGroup};
use crate::error::Result;
use crate::overlay::{MemberState, OptionChoice};
use crate::text::Text;
use profile::{Identification, Profile, SecurityActivities, SecurityExemption};
use questions::Question;
use result::{
    ActivityResult, Classification, InScope, RuleOutcome, ScopeResult, SizeClass, Supervision,
    SupervisionRegime, TraceStep, RESULT_SCHEMA_VERSION,
};
use rules::Rule;

/// Decide whether NIS2 applies to the organisation and in which class, with the full trace.
pub fn scope(profile: &Profile) -> Result<ScopeResult> {
    #[cfg(feature = "full")]
    if let Some((expanded, derived)) = nace_codes::expand(profile)? {
        let mut r = with_scratch(|scratch| explain(&expanded, decide(&expanded, scratch, true)?))?;
        nace_codes::explain(&mut r, &expanded, &derived)?;
        return Ok(r);
    }
    #[cfg(not(feature = "full"))]
    nace_codes::refuse(profile)?;
    with_scratch(|scratch| explain(profile, decide(profile, scratch, true)?))
}

fn explain(profile: &Profile, d: Decision<'_, '_>) -> Result<ScopeResult> {
    let size = size::compute(profile.size.as_ref());
    let activities = activity_results(&d.ctx, d.activities, d.steps);
    let mut trace = size_trace(&d.ctx, size.class);
    trace.extend(
        d.steps
            .iter()
            .filter(|s| keep_step(s, d.activities))
            .map(|s| s.to_step(&d.ctx)),
    );
    let live = |i: usize| activities.get(i).is_some_and(|a| a.in_scope != InScope::No);
    let displacements = displacement::compute(&d.ctx, &live);
    let attention_points = attention::points(&d.ctx, d.outcome, &activities, &displacements);
    Ok(ScopeResult {
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        name: profile.name.clone(),
        member_state: profile.member_state.clone(),
        in_scope: d.outcome.in_scope,
        classification: d.outcome.class,
        possible_classifications: d.possible.classes().collect(),
        summary: summary(d.outcome),
        size,
        supervision: supervision(d.outcome, &displacements),
        displacements,
        activities,
        jurisdiction: jurisdiction::explained(&d.ctx),
        attention_points,
        open_questions: d.questions.iter().map(|q| q.explain(profile)).collect(),
        trace,
    })
}

/// The verdict of `scope`: the decision and its machine-readable reasons, without prose (the
/// same decision as [`scope`], made without writing any text).
pub fn verdict(profile: &Profile) -> Result<verdict::ScopeVerdict> {
    #[cfg(feature = "full")]
    if let Some((expanded, derived)) = nace_codes::expand(profile)? {
        let mut v = with_scratch(|scratch| {
            Ok(verdict::ScopeVerdict::of(decide(
                &expanded, scratch, false,
            )?))
        })?;
        nace_codes::verdict(&mut v, &expanded, &derived)?;
        return Ok(v);
    }
    #[cfg(not(feature = "full"))]
    nace_codes::refuse(profile)?;
    with_scratch(|scratch| Ok(verdict::ScopeVerdict::of(decide(profile, scratch, false)?)))
}

/// Whether a profile without NACE codes is in scope, and its class: the verdict's
/// `in_scope` and `classification`, without the rest of the verdict (the what-if of a NACE
/// code's indicative activity).
#[cfg(feature = "full")]
pub(crate) fn outcome(profile: &Profile) -> Result<(InScope, Classification)> {
    with_scratch(|scratch| {
        let d = decide(profile, scratch, false)?;
        Ok((d.outcome.in_scope, d.outcome.class))
    })
}

/// Everything decided about a profile, before any text is written.
pub(crate) struct Decision<'a, 's> {
    pub(crate) ctx: Ctx<'a>,
    pub(crate) outcome: Outcome,
    /// Every outcome still possible (over the scenarios of missing facts and the open Member
    /// State choices).
    pub(crate) possible: Verdict,
    /// The rules evaluated (merged over scenarios), in order.
    pub(crate) steps: &'s [MergedStep],
    /// Each activity's outcome, in input order.
    pub(crate) activities: &'s [Outcome],
    pub(crate) questions: &'s mut Vec<Question>,
}

/// The working buffers of a decision, kept per thread and reused, so that deciding allocates
/// only what it returns.
#[derive(Default)]
pub(crate) struct Scratch {
    types: Vec<&'static EntityType>,
    hits: Vec<Hit>,
    verdicts: Vec<Verdict>,
    evals: Vec<(Scenario, Eval)>,
    steps: Vec<MergedStep>,
    activities: Vec<Outcome>,
    questions: Vec<Question>,
}

impl Scratch {
    fn clear(&mut self) {
        self.types.clear();
        self.hits.clear();
        self.verdicts.clear();
        self.evals.clear();
        self.steps.clear();
        self.activities.clear();
        self.questions.clear();
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Run `f` with this thread's scratch buffers (fresh ones if they are in use or gone).
fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    let mut f = Some(f);
    let mut out = None;
    let _ = SCRATCH.try_with(|cell| {
        if let (Ok(mut s), Some(f)) = (cell.try_borrow_mut(), f.take()) {
            s.clear();
            out = Some(f(&mut s));
        }
    });
    match (out, f) {
        (Some(out), _) => out,
        (None, Some(f)) => f(&mut Scratch::default()),
        // Not reachable: `f` is either taken (and `out` set) or still here.
        (None, None) => unreachable_scratch(),
    }
}

#[allow(clippy::panic)]
#[cold]
fn unreachable_scratch() -> ! {
    // `with_scratch` either ran `f` or still holds it; nothing else can happen.
    panic!("scope: scratch closure lost")
}

/// `effects`: the open questions carry what each answer leads to (the explained result), not
/// only which questions are open (the verdict, which may stop at the first answer that changes
/// the outcome).
fn decide<'a, 's: 'a>(
    profile: &'a Profile,
    scratch: &'s mut Scratch,
    effects: bool,
) -> Result<Decision<'a, 's>> {
    // One buffer of rule hits and one of activity verdicts for every scenario (each scenario's
    // are a range of it).
    let Scratch {
        types,
        hits,
        verdicts,
        evals,
        steps,
        activities,
        questions,
    } = scratch;
    let catalog = entity_types::catalog()?;
    validate::validate(profile, catalog, types)?;
    let states = jurisdiction::States::of(profile)?;
    let sizes = size::possible(profile.size.as_ref());
    let mut ctx = Ctx::new(profile, types, states, sizes);
    ctx.effects = effects;
    let base = Facts::from_profile(profile, &ctx);
    let mut ranges: [(usize, usize); MAX_SCENARIOS] = [(0, 0); MAX_SCENARIOS];
    for (k, sc) in ctx.scenarios(&base).enumerate() {
        let start = hits.len();
        let e = evaluate(&ctx, &base, sc, Some(hits), Some(verdicts));
        if let Some(r) = ranges.get_mut(k) {
            *r = (start, hits.len());
        }
        evals.push((sc, e));
    }
    let outcome = merge_outcomes(evals.iter().map(|(_, e)| e.outcome));
    let possible = evals.iter().fold(Verdict(0), |acc, (_, e)| acc.or(e.set));
    merge_trace(hits, ranges.get(..evals.len()).unwrap_or(&[]), steps);
    activities.extend((0..ctx.types.len()).map(|i| {
        merge_outcomes(evals.iter().map(|(_, e)| {
            verdicts
                .get(e.verdicts.0 + i)
                .filter(|_| e.verdicts.0 + i < e.verdicts.1)
                .copied()
                .unwrap_or(Verdict::OUT)
                .outcome()
        }))
    }));
    questions::questions(&ctx, &base, evals, outcome, questions);
    Ok(Decision {
        ctx,
        outcome,
        possible,
        steps,
        activities,
        questions,
    })
}

/// Everything the evaluation needs that does not change between scenarios.
pub(crate) struct Ctx<'a> {
    pub(crate) profile: &'a Profile,
    pub(crate) types: &'a [&'static EntityType],
    /// The overlay of the State of establishment (`member_state`): it settles the options.
    pub(crate) overlay: Option<&'static MemberState>,
    /// The overlays of the other States where services are provided (`member_states_of_service`,
    /// without the State of establishment): they apply to the activities of Art 26(1)(a).
    pub(crate) service_states: Vec<&'static MemberState>,
    pub(crate) sizes: &'static [SizeClass],
    pub(crate) has_pa: bool,
    pub(crate) has_tsp: bool,
    pub(crate) has_financial: bool,
    pub(crate) has_annex: bool,
    pub(crate) has_education: bool,
    pub(crate) tsp_index: Option<usize>,
    pub(crate) regional_index: Option<usize>,
    /// Whether the open questions carry every answer's effect (the explained result) or only
    /// need to be found (the verdict).
    pub(crate) effects: bool,
}

impl<'a> Ctx<'a> {
    fn new(
        profile: &'a Profile,
        types: &'a [&'static EntityType],
        states: jurisdiction::States,
        sizes: &'static [SizeClass],
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
        let has_education = has(&|t| t.rule_group == RuleGroup::EducationInstitution);
        let tsp_index = types
            .iter()
            .position(|t| t.rule_group == RuleGroup::TrustService);
        let regional_index = types
            .iter()
            .position(|t| t.rule_group == RuleGroup::RegionalPublicAdministration);
        Ctx {
            profile,
            types,
            overlay: states.home,
            service_states: states.service,
            sizes,
            has_pa,
            has_tsp,
            has_financial,
            has_annex,
            has_education,
            tsp_index,
            regional_index,
            effects: true,
        }
    }

    /// Every combination of the values that missing facts about the organisation could take.
    pub(crate) fn qualified_values(&self, facts: &Facts) -> &'static [Option<bool>] {
        match (self.tsp_index, facts.qualified) {
            (Some(_), None) => &[Some(false), Some(true)],
            (_, Some(true)) => &[Some(true)],
            (_, Some(false)) => &[Some(false)],
            (_, None) => &[None],
        }
    }

    /// Every scenario: each size class the figures allow, with each value a missing fact could
    /// take.
    fn scenarios(&self, facts: &Facts) -> impl Iterator<Item = Scenario> + '_ {
        let qualified = self.qualified_values(facts);
        self.sizes.iter().flat_map(move |&size| {
            qualified
                .iter()
                .map(move |&q| Scenario { size, qualified: q })
        })
    }

    fn option(
        &self,
        pick: impl Fn(&'a MemberState) -> Option<&'a OptionChoice>,
    ) -> Option<&'a OptionChoice> {
        // Without a national NIS2 act there is no national choice to apply (the data records
        // every option of such a State as unknown; this holds even if it did not).
        self.overlay
            .filter(|o| o.transposition.status.adopted())
            .and_then(pick)
    }
}

/// A value and whether it was presumed rather than given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fact<T> {
    pub(crate) value: T,
    pub(crate) presumed: bool,
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

    pub(crate) fn given(value: T) -> Self {
        Fact {
            value,
            presumed: false,
        }
    }
}

/// The facts an evaluation runs on, presumptions applied.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts {
    pub(crate) union: Fact<bool>,
    pub(crate) public_security: Fact<bool>,
    pub(crate) cer: Fact<bool>,
    pub(crate) identification: Fact<Identification>,
    pub(crate) nis1: Fact<bool>,
    pub(crate) exemption: Option<SecurityExemption>,
    pub(crate) security: SecurityActivities,
    pub(crate) dora_exempted: Fact<bool>,
    pub(crate) qualified: Option<bool>,
    pub(crate) regional_assessed: Option<bool>,
}

impl Facts {
    fn from_profile(p: &Profile, ctx: &Ctx) -> Self {
        let d = p.designations.clone().unwrap_or_default();
        // Established in a Member State, or providing services in one (Art 2(1)): the third
        // condition is met; only a profile that gives neither leaves it presumed.
        let union = match (p.provides_services_in_union, &p.member_state) {
            (Some(v), _) => Fact::given(v),
            (None, Some(_)) => Fact::given(true),
            (None, None) if !p.member_states_of_service.is_empty() => Fact::given(true),
            (None, None) => Fact::from(None, true),
        };
        Facts {
            union,
            public_security: Fact::from(p.public_security_activities, false),
            cer: Fact::from(d.critical_entity_cer, false),
            identification: Fact::from(d.member_state_identification, Identification::None),
            nis1: Fact::from(d.nis1_operator_of_essential_services, false),
            exemption: d.security_exemption,
            security: p.security_activities.unwrap_or(SecurityActivities::None),
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
pub(crate) struct Scenario {
    pub(crate) size: SizeClass,
    pub(crate) qualified: Option<bool>,
}

/// The outcomes still possible for one ground of applicability (an activity, or an
/// entity-level route such as identification as a critical entity): a set over the order
/// out < registration only < important < essential. A ground that a Member State choice or
/// decision leaves open holds every outcome that choice could give; the entity's outcome is the
/// maximum over its grounds (Art 2 and 3 applied ground by ground), and it is settled when one
/// outcome remains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict(u8);

impl Verdict {
    const OUT_BIT: u8 = 1;
    const REGISTRATION_BIT: u8 = 2;
    const IMPORTANT_BIT: u8 = 4;
    const ESSENTIAL_BIT: u8 = 8;

    /// Out of scope.
    pub(crate) const OUT: Verdict = Verdict(Self::OUT_BIT);
    /// In scope, with a class national law sets (important or essential).
    const IN_NATIONAL_CLASS: Verdict = Verdict(Self::IMPORTANT_BIT | Self::ESSENTIAL_BIT);

    /// Exactly one outcome.
    fn of(c: Classification) -> Verdict {
        Verdict(match c {
            Classification::Essential => Self::ESSENTIAL_BIT,
            Classification::Important => Self::IMPORTANT_BIT,
            Classification::RegistrationOnly => Self::REGISTRATION_BIT,
            _ => Self::OUT_BIT,
        })
    }

    /// Every outcome of either.
    fn or(self, other: Verdict) -> Verdict {
        Verdict(self.0 | other.0)
    }

    /// The outcomes of an entity with both grounds: the maximum of any outcome of one and any
    /// of the other.
    fn max(self, other: Verdict) -> Verdict {
        // An outcome is possible when one set has it and the other has it or a lower one.
        let up_to = |v: u8| v | v << 1 | v << 2 | v << 3;
        Verdict((self.0 & up_to(other.0)) | (other.0 & up_to(self.0)))
    }

    /// The outcomes, lowest first, as classes (`none` for out), borrowed from a table of every
    /// set (a verdict lists them without allocating).
    pub(crate) fn class_list(self) -> &'static [Classification] {
        use Classification::{Essential as E, Important as I, None as N, RegistrationOnly as R};
        const SETS: [&[Classification]; 16] = subsets_of_four!(N, R, I, E);
        SETS.get(usize::from(self.0)).copied().unwrap_or_default()
    }

    /// The outcomes, lowest first, as classes (`none` for out).
    pub(crate) fn classes(self) -> impl Iterator<Item = Classification> {
        [
            (Self::OUT_BIT, Classification::None),
            (Self::REGISTRATION_BIT, Classification::RegistrationOnly),
            (Self::IMPORTANT_BIT, Classification::Important),
            (Self::ESSENTIAL_BIT, Classification::Essential),
        ]
        .into_iter()
        .filter(move |(bit, _)| self.0 & bit != 0)
        .map(|(_, c)| c)
    }

    /// In scope and class: settled when one outcome remains; in scope as soon as out is no
    /// longer possible; otherwise depending on the Member State (the only source of open
    /// outcomes within one scenario).
    fn outcome(self) -> Outcome {
        let mut classes = self.classes();
        match (classes.next(), classes.next()) {
            (Some(Classification::None) | None, None) => Outcome::NONE,
            (Some(c), None) => Outcome {
                in_scope: InScope::Yes,
                class: c,
            },
            _ if self.0 & Self::OUT_BIT != 0 => Outcome {
                in_scope: InScope::DependsOnMemberState,
                class: Classification::DependsOnMemberState,
            },
            _ => Outcome {
                in_scope: InScope::Yes,
                class: Classification::DependsOnMemberState,
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
pub(crate) struct Hit {
    rule: &'static Rule,
    activity: Option<usize>,
    res: Res,
    presumed: bool,
}

pub(crate) struct Eval {
    /// The range of this evaluation's activity verdicts in the shared buffer (empty when
    /// they were not recorded).
    verdicts: (usize, usize),
    /// The entity's outcomes over its activities alone, before the entity-level routes, and
    /// the exclusions they were evaluated under: with these an open question about a route's
    /// fact is answered without evaluating the activities again ([`outcome_with_routes`]).
    acts: Verdict,
    excl: Exclusions,
    pub(crate) outcome: Outcome,
    /// The outcomes still possible in this scenario.
    pub(crate) set: Verdict,
}

fn push(
    hits: &mut Hits<'_>,
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
    let class = match choice.and_then(|c| c.classification.as_deref()) {
        Some("essential") => Verdict::of(Classification::Essential),
        Some("important") => Verdict::of(Classification::Important),
        _ => Verdict::IN_NATIONAL_CLASS,
    };
    match choice.and_then(OptionChoice::settled) {
        Some(true) => (Res::Yes, class),
        Some(false) => (Res::No, Verdict::OUT),
        // Not settled: out, or in with the class national law would give.
        None => (Res::Ms, Verdict::OUT.or(class)),
    }
}

/// Where the rule hits of an evaluation go (nowhere for a re-evaluation).
type Hits<'h> = Option<&'h mut Vec<Hit>>;

/// The entity-level exclusions of Art 2(1), 2(7), 2(8), 2(10).
#[derive(Debug, Clone, Copy)]
struct Exclusions {
    /// Every activity is out (no services in the Union, DORA exemption).
    all: bool,
    /// Every activity but a trust service is out (Art 2(7), 2(8) third sentence; Art 2(9)).
    non_tsp: bool,
    /// Every activity but a trust service may be out: the entity does only Art 2(8) activities
    /// and the Member State's decision on an exemption from Art 3 and 27 is not recorded.
    non_tsp_open: bool,
}

fn exclusions(ctx: &Ctx, f: &Facts, h: &mut Hits<'_>) -> Exclusions {
    push(h, &rules::UNION, None, yn(f.union.value), f.union.presumed);
    let mut all = !f.union.value;
    if ctx.has_financial || !f.dora_exempted.presumed {
        push(
            h,
            &rules::DORA_EXEMPT,
            None,
            yn(f.dora_exempted.value),
            f.dora_exempted.presumed,
        );
        all |= f.dora_exempted.value;
    }
    let mut non_tsp = false;
    match f.exemption {
        Some(SecurityExemption::Full) => {
            push(h, &rules::SECURITY_EXEMPTION_FULL, None, Res::Yes, false);
            non_tsp = true;
        }
        Some(SecurityExemption::FromArt21And23) => {
            push(h, &rules::SECURITY_EXEMPTION_PARTIAL, None, Res::Yes, false);
        }
        Some(SecurityExemption::None) | None => {}
    }
    let non_tsp_open = f.exemption.is_none() && f.security == SecurityActivities::Exclusively;
    if non_tsp_open {
        push(h, &rules::SECURITY_EXEMPTION_OPEN, None, Res::Ms, false);
    }
    if ctx.has_pa {
        push(
            h,
            &rules::PUBLIC_SECURITY,
            None,
            yn(f.public_security.value),
            f.public_security.presumed,
        );
        non_tsp |= f.public_security.value;
    }
    if non_tsp && ctx.has_tsp {
        push(h, &rules::TRUST_SERVICE_OVERRIDE, None, Res::Yes, false);
    }
    Exclusions {
        all,
        non_tsp,
        non_tsp_open,
    }
}

/// A Member State's identification under Art 2(2)(b)-(e), as the rules read it.
#[derive(Debug, Clone, Copy)]
struct Ident {
    in_scope: bool,
    essential: bool,
    presumed: bool,
}

impl Ident {
    fn of(f: &Facts) -> Self {
        let v = f.identification.value;
        Ident {
            in_scope: matches!(v, Identification::Essential | Identification::Important),
            essential: v == Identification::Essential,
            presumed: f.identification.presumed,
        }
    }
}

/// A regional public administration entity (Art 2(2)(f)(ii)).
fn regional(f: &Facts, a: Option<usize>, ident: Ident, h: &mut Hits<'_>) -> Verdict {
    let assessed = match f.regional_assessed {
        Some(b) => yn(b),
        None => Res::Ms,
    };
    push(h, &rules::REGIONAL_PA, a, assessed, false);
    push(h, &rules::IDENTIFIED, a, yn(ident.in_scope), ident.presumed);
    push(
        h,
        &rules::IDENTIFIED_ESSENTIAL,
        a,
        yn(ident.essential),
        ident.presumed,
    );
    let class = if ident.essential {
        Classification::Essential
    } else {
        Classification::Important
    };
    match (assessed, ident.in_scope) {
        (_, true) | (Res::Yes, _) => {
            push(h, &rules::IMPORTANT, a, yn(!ident.essential), false);
            Verdict::of(class)
        }
        // Not assessed: out, or in as an important entity (Art 3(2); Art 3(1)(d) covers
        // central government only).
        (Res::Ms, false) => {
            push(h, &rules::IMPORTANT, a, Res::Ms, false);
            Verdict::OUT.or(Verdict::of(Classification::Important))
        }
        _ => {
            push(h, &rules::IMPORTANT, a, Res::No, false);
            Verdict::OUT
        }
    }
}

/// An Annex I or II type under the size-cap rule (Art 2(1)), its size-independent routes
/// (Art 2(2)(a)) and its class (Art 3(1)(a)-(c), (e); Art 3(2)).
fn sized(
    t: &EntityType,
    sc: Scenario,
    a: Option<usize>,
    ident: Ident,
    h: &mut Hits<'_>,
) -> Verdict {
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
    push(h, &rules::IDENTIFIED, a, yn(ident.in_scope), ident.presumed);
    let in_scope = size_ok || exempt_rule.is_some() || ident.in_scope;

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
        yn(ident.essential),
        ident.presumed,
    );
    let essential = e_a || e_b || e_c || ident.essential;
    push(h, &rules::IMPORTANT, a, yn(in_scope && !essential), false);
    match (in_scope, essential) {
        (false, _) => Verdict::OUT,
        (true, true) => Verdict::of(Classification::Essential),
        (true, false) => Verdict::of(Classification::Important),
    }
}

/// The verdict of one activity, before the entity-level exclusions.
fn activity(
    ctx: &Ctx,
    f: &Facts,
    sc: Scenario,
    (i, t): (usize, &EntityType),
    ident: Ident,
    h: &mut Hits<'_>,
) -> Verdict {
    let a = Some(i);
    match t.rule_group {
        RuleGroup::ExcludedPublicBody => {
            push(h, &rules::EXCLUDED_BODY, a, Res::Yes, false);
            Verdict::OUT
        }
        RuleGroup::DomainNameRegistration => {
            push(h, &rules::DOMAIN_REGISTRATION, a, Res::Yes, false);
            Verdict::of(Classification::RegistrationOnly)
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
            Verdict::of(Classification::Essential)
        }
        RuleGroup::RegionalPublicAdministration => regional(f, a, ident, h),
        // Art 6(41): an education institution is not a research organisation.
        RuleGroup::General if t.id == RESEARCH_ORGANISATION && ctx.has_education => {
            push(h, &rules::RESEARCH_EDUCATION, a, Res::Yes, false);
            Verdict::OUT
        }
        RuleGroup::General | RuleGroup::Telecom | RuleGroup::TrustService | RuleGroup::DnsTld => {
            sized(t, sc, a, ident, h)
        }
    }
}

/// The entity type of research organisations (Annex II, point 7; Art 6(41)).
const RESEARCH_ORGANISATION: &str = "NIS2-II-07-01";

/// The entity-level routes that do not depend on an activity: critical entities (Art 2(3),
/// 3(1)(f)) and operators of essential services under NIS1 (Art 3(1)(g)).
fn entity_routes(ctx: &Ctx, f: &Facts, excl: Exclusions, h: &mut Hits<'_>, acc: &mut Verdict) {
    // Art 2(9): an entity that acts as a trust service provider keeps the Directive; only its
    // other activities fall under the Art 2(7)/2(8) exclusion.
    let entity_excluded = excl.all || (excl.non_tsp && !ctx.has_tsp);
    push(h, &rules::CER, None, yn(f.cer.value), f.cer.presumed);
    let cer_verdict =
        (f.cer.value && !entity_excluded).then_some(Verdict::of(Classification::Essential));
    let mut nis1_verdict = None;
    if ctx.has_annex || !f.nis1.presumed {
        let (res, v) = if f.nis1.value {
            let choice = ctx.option(|o| o.options.nis1_operators_essential.as_ref());
            match choice.and_then(OptionChoice::settled) {
                Some(true) => (Res::Yes, Verdict::of(Classification::Essential)),
                Some(false) => (Res::No, Verdict::OUT),
                // Not settled: this route adds nothing, or makes the entity essential.
                None => (
                    Res::Ms,
                    Verdict::OUT.or(Verdict::of(Classification::Essential)),
                ),
            }
        } else {
            (Res::No, Verdict::OUT)
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
        // An open Art 2(8) exemption from Art 3 and 27 would take these routes away too.
        let v = if excl.non_tsp_open && !ctx.has_tsp {
            v.or(Verdict::OUT)
        } else {
            v
        };
        *acc = acc.max(v);
    }
}

/// Evaluate every rule for one scenario. The rules pushed depend only on the profile, never on
/// the scenario, so traces of different scenarios line up step by step. Activity verdicts are
/// recorded only when asked (the base evaluation); re-evaluations for open questions need just
/// the outcome.
pub(crate) fn evaluate(
    ctx: &Ctx,
    f: &Facts,
    sc: Scenario,
    mut hits: Hits<'_>,
    mut verdicts: Option<&mut Vec<Verdict>>,
) -> Eval {
    let h = &mut hits;
    let excl = exclusions(ctx, f, h);
    let ident = Ident::of(f);
    let verdicts_start = verdicts.as_deref().map_or(0, Vec::len);
    // The entity's outcomes: the maximum over its grounds (out when it has none).
    let mut acc = Verdict::OUT;
    for (i, t) in ctx.types.iter().enumerate() {
        let v = activity(ctx, f, sc, (i, t), ident, h);
        let tsp = t.rule_group == RuleGroup::TrustService;
        let excluded = excl.all || (excl.non_tsp && !tsp);
        let v = if excluded {
            Verdict::OUT
        } else if excl.non_tsp_open && !tsp {
            v.or(Verdict::OUT)
        } else {
            v
        };
        acc = acc.max(v);
        if let Some(vs) = verdicts.as_deref_mut() {
            vs.push(v);
        }
    }
    let acts = acc;
    entity_routes(ctx, f, excl, h, &mut acc);
    let verdicts = (
        verdicts_start,
        verdicts.as_deref().map_or(verdicts_start, Vec::len),
    );
    Eval {
        verdicts,
        acts,
        excl,
        outcome: acc.outcome(),
        set: acc,
    }
}

/// The outcome (merged over scenarios) with only the facts of the entity-level routes changed
/// (`cer`, `nis1`; the scenarios are those of `evals`): the same as evaluating every rule again
/// with those facts, because neither the exclusions nor any activity reads them, so each
/// scenario's activity outcomes are reused and only the routes are evaluated again (a test
/// checks the two agree for every conformance profile).
pub(crate) fn outcome_with_routes(ctx: &Ctx, f: &Facts, evals: &[(Scenario, Eval)]) -> Outcome {
    merge_outcomes(evals.iter().map(|(_, e)| {
        let mut acc = e.acts;
        entity_routes(ctx, f, e.excl, &mut None, &mut acc);
        acc.outcome()
    }))
}

/// Merge outcomes of several scenarios: equal parts stay, differing parts are undetermined.
pub(crate) fn merge_outcomes(mut outcomes: impl Iterator<Item = Outcome>) -> Outcome {
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
pub(crate) struct MergedStep {
    pub(crate) rule: &'static Rule,
    pub(crate) activity: Option<usize>,
    pub(crate) outcome: RuleOutcome,
}

impl MergedStep {
    /// The entity type of the activity it was evaluated for.
    pub(crate) fn entity_type(&self, ctx: &Ctx) -> Option<&'static str> {
        self.activity
            .and_then(|i| ctx.types.get(i))
            .map(|t| t.id.as_str())
    }

    fn to_step(&self, ctx: &Ctx) -> TraceStep {
        let text = match self.outcome {
            RuleOutcome::DoesNotApply => self.rule.no.clone(),
            RuleOutcome::Presumed => Text::borrowed(&self.rule.words().presumed),
            RuleOutcome::Unknown => Text::borrowed(&self.rule.words().unknown),
            RuleOutcome::DependsOnMemberState => Text::borrowed(&self.rule.words().depends),
            RuleOutcome::Applies | RuleOutcome::Note => self.rule.yes.clone(),
        };
        TraceStep {
            rule: Cow::Borrowed(self.rule.id),
            citation: Cow::Borrowed(self.rule.citation),
            entity_type: self.entity_type(ctx).map(Cow::Borrowed),
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

/// The most scenarios a profile has: four size classes times two values of a missing fact.
const MAX_SCENARIOS: usize = 8;

fn merge_trace(hits: &[Hit], ranges: &[(usize, usize)], out: &mut Vec<MergedStep>) {
    let Some(((a, b), rest)) = ranges.split_first() else {
        return;
    };
    let first = hits.get(*a..*b).unwrap_or(&[]);
    out.extend(first.iter().enumerate().map(|(pos, hit)| {
        let same = rest.iter().all(|&(a, b)| {
            hits.get(a..b)
                .and_then(|h| h.get(pos))
                .is_some_and(|o| o.res == hit.res && std::ptr::eq(o.rule, hit.rule))
        });
        MergedStep {
            rule: hit.rule,
            activity: hit.activity,
            outcome: if same {
                step_outcome(hit.res, hit.presumed)
            } else {
                RuleOutcome::Unknown
            },
        }
    }));
}

/// Drop class rules of activities that are certainly out of scope (they would only add noise).
pub(crate) fn keep_step(s: &MergedStep, activities: &[Outcome]) -> bool {
    let class_rule = [
        &rules::LARGE_ANNEX_I,
        &rules::QTSP_DNS_TLD,
        &rules::MEDIUM_TELECOM,
        &rules::IDENTIFIED_ESSENTIAL,
        &rules::IMPORTANT,
    ]
    .into_iter()
    .any(|r| std::ptr::eq(r, s.rule));
    match (class_rule, s.activity.and_then(|i| activities.get(i))) {
        (true, Some(a)) => a.in_scope != InScope::No,
        _ => true,
    }
}

fn activity_results(ctx: &Ctx, outcomes: &[Outcome], steps: &[MergedStep]) -> Vec<ActivityResult> {
    ctx.types
        .iter()
        .zip(outcomes)
        .enumerate()
        .map(|(i, (t, &outcome))| {
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

/// The size steps of the trace: (rule, outcome).
pub(crate) fn size_steps<'a>(
    ctx: &'a Ctx<'a>,
) -> impl Iterator<Item = (&'static Rule, RuleOutcome)> + 'a {
    let s = ctx.profile.size.as_ref();
    let class = if ctx.sizes.len() == 1 {
        RuleOutcome::Applies
    } else {
        RuleOutcome::Unknown
    };
    [
        s.map(|_| (&rules::SIZE_CLASS, class)),
        s.filter(|s| s.related_enterprises.is_none())
            .map(|_| (&rules::NO_RELATED, RuleOutcome::Presumed)),
        s.filter(|s| s.public_bodies_control_percent.is_some_and(|p| p >= 25.0))
            .map(|_| (&rules::PUBLIC_CONTROL, RuleOutcome::Note)),
    ]
    .into_iter()
    .flatten()
}

fn size_trace(ctx: &Ctx, class: SizeClass) -> Vec<TraceStep> {
    let mut out = Vec::with_capacity(3);
    if let Some(s) = &ctx.profile.size {
        let outcome = if class == SizeClass::Undetermined {
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

fn supervision(o: Outcome, displaced: &[result::Displacement]) -> Supervision {
    let whole = |p: result::Provision| displacement::find_whole(displaced, p);
    if let (true, Some(d)) = (
        o.in_scope != InScope::No,
        whole(result::Provision::SupervisionAndEnforcement),
    ) {
        return Supervision {
            regime: SupervisionRegime::Displaced,
            citation: d.citation.clone(),
            text: Text::st(
                "Chapter VII (Art 31 to 37: supervision, enforcement and the fines of Art 34) does not apply to the organisation's activities in scope: the act named in `displacements` governs supervision and enforcement instead.",
                "Kapitel VII (art. 31-37: tilsyn, håndhævelse og bøderne i art. 34) gælder ikke for organisationens omfattede aktiviteter: den retsakt, der er nævnt i `displacements`, regulerer i stedet tilsyn og håndhævelse.",
            ),
        };
    }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod verdict_set_tests {
    use super::*;

    #[test]
    fn max_is_the_set_of_maxima() {
        for a in 0..16u8 {
            for b in 0..16u8 {
                let mut want = 0u8;
                for x in (0..4).filter(|x| a & (1 << x) != 0) {
                    for y in (0..4).filter(|y| b & (1 << y) != 0) {
                        want |= 1 << x.max(y);
                    }
                }
                assert_eq!(Verdict(a).max(Verdict(b)), Verdict(want), "{a:04b} {b:04b}");
            }
        }
    }

    /// Every set of outcomes lists its classes in order, borrowed or iterated.
    #[test]
    fn the_class_lists_are_the_classes_of_each_set() {
        for bits in 0u8..16 {
            let v = Verdict(bits);
            assert_eq!(
                v.class_list().to_vec(),
                v.classes().collect::<Vec<_>>(),
                "{bits:04b}"
            );
        }
    }

    /// Answering a question about a route's fact (`cer`, `nis1`) from the activities already
    /// evaluated gives what evaluating every rule again gives, for the profile of every scope
    /// vector and every value and presumption of the two facts.
    #[test]
    fn reusing_the_activities_gives_the_outcome_of_evaluating_every_rule() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scope");
        let catalog = entity_types::catalog().unwrap();
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let Some(input) = v.get("input") else {
                continue;
            };
            let Ok(profile) = serde_json::from_value::<Profile>(input.clone()) else {
                continue;
            };
            let mut types = Vec::new();
            if validate::validate(&profile, catalog, &mut types).is_err() {
                continue;
            }
            let states = jurisdiction::States::of(&profile).unwrap();
            let sizes = size::possible(profile.size.as_ref());
            let ctx = Ctx::new(&profile, &types, states, sizes);
            let base = Facts::from_profile(&profile, &ctx);
            let evals: Vec<(Scenario, Eval)> = ctx
                .scenarios(&base)
                .map(|sc| (sc, evaluate(&ctx, &base, sc, None, None)))
                .collect();
            let facts = [false, true].into_iter().flat_map(|value| {
                [false, true]
                    .into_iter()
                    .map(move |presumed| Fact { value, presumed })
            });
            for cer in facts.clone() {
                for nis1 in facts.clone() {
                    let mut f = base;
                    f.cer = cer;
                    f.nis1 = nis1;
                    assert_eq!(
                        outcome_with_routes(&ctx, &f, &evals),
                        questions::outcome_with(&ctx, &f),
                        "{} with cer {cer:?}, nis1 {nis1:?}",
                        entry_name(&v),
                    );
                }
            }
            checked += 1;
        }
        assert!(checked > 150, "only {checked} profiles checked");
    }

    fn entry_name(v: &serde_json::Value) -> String {
        v.get("description")
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}
