//! Open questions: the facts that could change the outcome. They are decided without text
//! (ids, the profile field, the answers and the outcome each gives), so the verdict and the
//! explained result list the same questions; the text is added for the explained result.

use std::borrow::Cow;

use serde_json::Value;

use super::profile::{
    Identification, Profile, SecurityActivities, SecurityExemption, SizeFigure, SizeInput,
};
use super::result::{AnswerEffect, OpenQuestion, QuestionKind, SizeClass};
use super::{
    evaluate, merge_outcomes, outcome_with_routes, Ctx, Eval, Fact, Facts, Outcome, Scenario,
};
use crate::float_text::Plain;
use crate::lang::dk;
use crate::text::{Str, Text};

/// A value to put at a question's field for an answer (or presumed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Val {
    Bool(bool),
    Str(&'static str),
    EmptyArray,
}

impl Val {
    fn json(self) -> Value {
        match self {
            Val::Bool(b) => Value::Bool(b),
            Val::Str(s) => Value::String(s.to_owned()),
            Val::EmptyArray => Value::Array(Vec::new()),
        }
    }
}

/// An answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The figures make it this class.
    Size(SizeClass),
    /// A qualified (true) or non-qualified trust service provider.
    Qualified(bool),
    /// The regional assessment found a significant impact (true) or not.
    Regional(bool),
    Yes,
    No,
    IdentifiedEssential,
    IdentifiedImportant,
    /// Related enterprises exist and the aggregated figures make it this class.
    Related(SizeClass),
    /// Exempted from Art 3 and 27 as well (Art 2(8), third sentence).
    ExemptFull,
    /// Exempted from Art 21 and 23 for those activities only.
    ExemptPartial,
    /// Not exempted.
    NotExempt,
}

impl Answer {
    fn text(self) -> Text {
        match self {
            Answer::Size(c) => size_answer(c),
            Answer::Qualified(true) => Text::st(
                "Yes, a qualified trust service provider.",
                "Ja, en kvalificeret tillidstjenesteudbyder.",
            ),
            Answer::Qualified(false) => Text::st(
                "No, a non-qualified trust service provider.",
                "Nej, en ikke-kvalificeret tillidstjenesteudbyder.",
            ),
            Answer::Regional(true) => Text::st(
                "Yes, the assessment found a possible significant impact.",
                "Ja, vurderingen fandt en mulig væsentlig indvirkning.",
            ),
            Answer::Regional(false) => Text::st(
                "No, the assessment found no such impact.",
                "Nej, vurderingen fandt ingen sådan indvirkning.",
            ),
            Answer::Yes => Text::st("Yes.", "Ja."),
            Answer::No => Text::st("No.", "Nej."),
            Answer::IdentifiedEssential => {
                Text::st("Yes, as an essential entity.", "Ja, som væsentlig enhed.")
            }
            Answer::IdentifiedImportant => {
                Text::st("Yes, as an important entity.", "Ja, som vigtig enhed.")
            }
            Answer::Related(SizeClass::Small) => Text::st(
                "Yes, and the aggregated figures make it a small enterprise.",
                "Ja, og de sammenlagte tal gør den til en lille virksomhed.",
            ),
            Answer::Related(SizeClass::Medium) => Text::st(
                "Yes, and the aggregated figures make it a medium-sized enterprise.",
                "Ja, og de sammenlagte tal gør den til en mellemstor virksomhed.",
            ),
            Answer::ExemptFull => Text::st(
                "Exempted from Art 3 and 27 as well (Art 2(8), third sentence).",
                "Undtaget også fra art. 3 og 27 (art. 2, stk. 8, 3. pkt.).",
            ),
            Answer::ExemptPartial => Text::st(
                "Exempted from Art 21 and 23 for those activities only.",
                "Kun undtaget fra art. 21 og 23 for de aktiviteter.",
            ),
            Answer::NotExempt => Text::st("Not exempted.", "Ikke undtaget."),
            Answer::Related(_) => Text::st(
                "Yes, and the aggregated figures exceed the medium-sized ceilings.",
                "Ja, og de sammenlagte tal overstiger lofterne for mellemstore virksomheder.",
            ),
        }
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

/// What an answer leads to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Effect {
    pub(crate) answer: Answer,
    pub(crate) value: Option<Val>,
    pub(crate) outcome: Outcome,
}

/// The answers of a question and what each leads to (at most four: one per size class).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Effects {
    items: [Option<Effect>; 4],
}

impl Effects {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Effect> {
        self.items.iter().flatten()
    }

    fn is_empty(&self) -> bool {
        self.items.iter().all(Option::is_none)
    }

    fn distinct(&self) -> bool {
        let mut it = self.iter();
        let Some(first) = it.next() else {
            return false;
        };
        it.any(|e| e.outcome != first.outcome)
    }
}

impl FromIterator<Effect> for Effects {
    fn from_iter<I: IntoIterator<Item = Effect>>(iter: I) -> Self {
        let mut out = Effects::default();
        for (slot, e) in out.items.iter_mut().zip(iter) {
            *slot = Some(e);
        }
        out
    }
}

/// A question, decided.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub(crate) id: &'static str,
    pub(crate) kind: QuestionKind,
    pub(crate) field: Str,
    pub(crate) presumed: Option<Val>,
    pub(crate) effects: Effects,
}

impl Question {
    /// The question with its texts.
    pub(crate) fn explain(&self, profile: &Profile) -> OpenQuestion {
        let (mut question, citation) = wording(self.id);
        if self.id == "size_range" {
            if let Some(given) = profile.size.as_ref().and_then(ranges_given) {
                question.en = Cow::Owned(format!("{} {}", question.en, given.en));
                question.da = Cow::Owned(format!("{} {}", question.da, given.da));
            }
        }
        OpenQuestion {
            id: Cow::Borrowed(self.id),
            kind: self.kind,
            field: self.field.clone(),
            question,
            citation: Cow::Borrowed(citation),
            presumed: self.presumed.map(Val::json),
            effects: self
                .effects
                .iter()
                .map(|e| AnswerEffect {
                    answer: e.answer.text(),
                    value: e.value.map(Val::json),
                    in_scope: e.outcome.in_scope,
                    classification: e.outcome.class,
                })
                .collect(),
        }
    }
}

/// The current period's own figures with the ceilings of Annex Art 2 that apply to each: staff
/// (fewer than), turnover and balance sheet total (not more than), and their paths and names.
fn own_figures(size: &SizeInput) -> [(Option<SizeFigure>, &'static str, Text, &'static [u64]); 3] {
    [
        (
            size.staff_headcount,
            "size.staff_headcount",
            Text::st("staff headcount", "antal beskæftigede"),
            &[10, 50, 250],
        ),
        (
            size.annual_turnover_eur,
            "size.annual_turnover_eur",
            Text::st("annual turnover EUR", "årsomsætning EUR"),
            &[2_000_000, 10_000_000, 50_000_000],
        ),
        (
            size.balance_sheet_total_eur,
            "size.balance_sheet_total_eur",
            Text::st("balance sheet total EUR", "samlet årsbalance EUR"),
            &[2_000_000, 10_000_000, 43_000_000],
        ),
    ]
}

/// The ceilings that a range has values on both sides of (none for an exact figure).
fn spanned(figure: Option<SizeFigure>, ceilings: &[u64], path: &str) -> Vec<u64> {
    let Some(SizeFigure::Range { min, max }) = figure else {
        return Vec::new();
    };
    let how = if path == "size.staff_headcount" {
        crate::scope::size::Meets::Below
    } else {
        crate::scope::size::Meets::AtMost
    };
    #[allow(clippy::cast_precision_loss)]
    ceilings
        .iter()
        .copied()
        .filter(|&c| how.holds(min, c as f64) && !how.holds(max, c as f64))
        .collect()
}

/// The ranges that span a ceiling and the ceilings inside each: what an exact figure is to be
/// compared with (`annual turnover EUR 5000000 to 60000000, across 10000000, 50000000`).
/// Empty when none does (earlier periods or related enterprises keep the class open).
fn ranges_given(size: &SizeInput) -> Option<Text> {
    let mut en = Vec::new();
    let mut da = Vec::new();
    for (figure, path, name, ceilings) in own_figures(size) {
        let inside = spanned(figure, ceilings, path);
        let Some((min, max)) = figure.map(SizeFigure::bounds) else {
            continue;
        };
        if inside.is_empty() {
            continue;
        }
        // An open range (a register's "1000+") ends at the largest figure the engine takes.
        let (to_en, to_da) = if max == f64::MAX {
            ("or more".to_owned(), "eller mere".to_owned())
        } else {
            (
                format!("to {}", Plain(max)),
                format!("til {}", dk(Plain(max))),
            )
        };
        let across = inside
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        en.push(format!(
            "{} {} {to_en}, across the ceiling(s) {across}",
            name.en,
            Plain(min)
        ));
        da.push(format!(
            "{} {} {to_da}, på tværs af loftet/lofterne {across}",
            name.da,
            dk(Plain(min))
        ));
    }
    (!en.is_empty()).then(|| Text {
        en: Cow::Owned(format!("Given as ranges: {}.", en.join("; "))),
        da: Cow::Owned(format!("Angivet som intervaller: {}.", da.join("; "))),
    })
}

/// The question and its legal basis.
fn wording(id: &str) -> (Text, &'static str) {
    match id {
        "nace_indicative" => (Text::st(
            "A NACE code suggests this entity type, which the Annex defines by another act's legal definition; it is presumed not carried out until confirmed: does the entity carry out this activity as the Annex (and the definition it refers to) defines it?",
            "En NACE-kode peger på denne enhedstype, som bilaget definerer ved en anden retsakts definition; den formodes ikke udøvet, før det er bekræftet: udøver enheden denne aktivitet, som bilaget (og den definition, det henviser til) definerer den?",
        ), "Art. 2(1); Annex I; Annex II"),
        "size_range" => (Text::st(
            "The size figures are known only as ranges, and the ranges allow more than one size class: what are the exact figures?",
            "Størrelsestallene kendes kun som intervaller, og intervallerne giver mulighed for mere end én størrelsesklasse: hvad er de præcise tal?",
        ), "Art. 2(1); Rec. 2003/361/EC, Annex, Art. 2"),
        "size_figures" => (Text::st(
            "What are the staff headcount (annual work units), annual turnover and annual balance sheet total, including partner and linked enterprises?",
            "Hvad er antallet af beskæftigede (årsværk), årsomsætningen og den samlede årsbalance, inklusive partnervirksomheder og tilknyttede virksomheder?",
        ), "Art. 2(1); Rec. 2003/361/EC, Annex, Art. 2"),
        "qualified_trust_service_provider" => (Text::st(
            "Is the entity a qualified trust service provider (granted qualified status under Regulation (EU) No 910/2014)?",
            "Er enheden en kvalificeret tillidstjenesteudbyder (med kvalificeret status efter forordning (EU) nr. 910/2014)?",
        ), "Art. 3(1)(b); Art. 6(27)"),
        "regional_risk_assessment" => (Text::st(
            "Has the Member State's risk-based assessment found that the regional entity provides services whose disruption could significantly affect critical societal or economic activities?",
            "Har medlemsstatens risikobaserede vurdering fundet, at den regionale enhed leverer tjenester, hvis afbrydelse kan have væsentlig indvirkning på kritiske samfundsmæssige eller økonomiske aktiviteter?",
        ), "Art. 2(2)(f)(ii)"),
        "provides_services_in_union" => (Text::st(
            "Does the entity provide services or carry out activities in the EU?",
            "Leverer enheden tjenester eller udøver den aktiviteter i EU?",
        ), "Art. 2(1)"),
        "public_security_activities" => (Text::st(
            "Does the public administration entity carry out its activities in national security, public security, defence or law enforcement?",
            "Udfører den offentlige forvaltningsenhed sine aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse?",
        ), "Art. 2(7)"),
        "dora_exempted" => (Text::st(
            "Has the Member State exempted the entity from DORA (Regulation (EU) 2022/2554) under its Art 2(4)?",
            "Har medlemsstaten undtaget enheden fra DORA (forordning (EU) 2022/2554) efter dens art. 2, stk. 4?",
        ), "Art. 2(10)"),
        "critical_entity_cer" => (Text::st(
            "Has the entity been identified as a critical entity under Directive (EU) 2022/2557 (CER)?",
            "Er enheden identificeret som kritisk enhed efter direktiv (EU) 2022/2557 (CER)?",
        ), "Art. 2(3); Art. 3(1)(f)"),
        "member_state_identification" => (Text::st(
            "Has a Member State identified the entity under Art 2(2)(b)-(e) (sole provider of an essential service, significant impact of a disruption, systemic risk, or specific national or regional importance), and as essential or important?",
            "Har en medlemsstat identificeret enheden efter art. 2, stk. 2, litra b-e (eneste udbyder af en væsentlig tjeneste, væsentlig indvirkning ved afbrydelse, systemisk risiko eller særlig national eller regional betydning), og som væsentlig eller vigtig?",
        ), "Art. 2(2)(b)-(e); Art. 3(1)(e); Art. 3(2)"),
        "nis1_operator_of_essential_services" => (Text::st(
            "Was the entity identified before 16 January 2023 as an operator of essential services under Directive (EU) 2016/1148 (NIS1) or national law?",
            "Blev enheden før 16. januar 2023 identificeret som operatør af væsentlige tjenester efter direktiv (EU) 2016/1148 (NIS1) eller national lovgivning?",
        ), "Art. 3(1)(g)"),
        "security_exemption" => (Text::st(
            "Has the Member State exempted the entity, which carries out only activities in national security, public security, defence or law enforcement (or provides services only to the public administration entities of Art 2(7)), from Art 21 and 23, or from Art 3 and 27 as well?",
            "Har medlemsstaten undtaget enheden, som kun udøver aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse (eller kun leverer tjenester til de offentlige forvaltningsenheder i art. 2, stk. 7), fra art. 21 og 23 eller også fra art. 3 og 27?",
        ), "Art. 2(8)"),
        "related_enterprises" => (Text::st(
            "Does the entity have partner enterprises (25-50 % holdings) or linked enterprises (control) whose figures are not included in those given?",
            "Har enheden partnervirksomheder (25-50 % ejerandel) eller tilknyttede virksomheder (kontrol), hvis tal ikke er medregnet i de oplyste?",
        ), "Rec. 2003/361/EC, Annex, Art. 3 and 6"),
        _ => (Text::st("", ""), ""),
    }
}

/// Every question id the engine can ask, in the order it asks them.
pub const QUESTION_IDS: &[&str] = &[
    "size_figures",
    "size_range",
    "qualified_trust_service_provider",
    "regional_risk_assessment",
    "provides_services_in_union",
    "public_security_activities",
    "dora_exempted",
    "critical_entity_cer",
    "member_state_identification",
    "nis1_operator_of_essential_services",
    "security_exemption",
    "related_enterprises",
    "nace_indicative",
];

/// The question and its legal basis, for the label catalog.
pub(crate) fn question_wording(id: &str) -> (Text, &'static str) {
    wording(id)
}

fn differs(e: &Effect, o: Outcome) -> bool {
    e.outcome != o
}

/// The size question: `size_figures` when a figure is missing, else `size_range` (a range that
/// spans a ceiling leaves the class open); at the one figure missing or given as a range, or
/// at `size` when there are several (or when earlier periods or related enterprises keep it
/// open).
fn size_question(ctx: &Ctx) -> (&'static str, Str) {
    let Some(s) = &ctx.profile.size else {
        return ("size_figures", Cow::Borrowed("size"));
    };
    let figures = own_figures(s);
    let missing: Vec<&str> = figures
        .iter()
        .filter(|(f, ..)| f.is_none())
        .map(|(_, p, ..)| *p)
        .collect();
    let spanning: Vec<&str> = figures
        .iter()
        .filter(|(f, p, _, c)| !spanned(*f, c, p).is_empty())
        .map(|(_, p, ..)| *p)
        .collect();
    let (id, open) = if missing.is_empty() && !spanning.is_empty() {
        ("size_range", spanning)
    } else {
        let mut open = missing;
        open.extend(spanning);
        ("size_figures", open)
    };
    match open[..] {
        [one] => (id, Cow::Borrowed(one)),
        _ => (id, Cow::Borrowed("size")),
    }
}

/// Evaluate the outcome (merged over scenarios) with some facts changed.
pub(crate) fn outcome_with(ctx: &Ctx, facts: &Facts) -> Outcome {
    let qualified = ctx.qualified_values(facts);
    merge_outcomes(ctx.sizes.iter().flat_map(|&size| {
        qualified.iter().map(move |&qualified| {
            evaluate(ctx, facts, Scenario { size, qualified }, None, None).outcome
        })
    }))
}

fn outcome_with_size(ctx: &Ctx, facts: &Facts, class: SizeClass) -> Outcome {
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
            None,
        )
        .outcome
    }))
}

fn effect(answer: Answer, value: Option<Val>, outcome: Outcome) -> Effect {
    Effect {
        answer,
        value,
        outcome,
    }
}

/// The missing facts whose values disagree on the outcome.
fn missing_facts(
    ctx: &Ctx,
    base: &Facts,
    evals: &[(Scenario, Eval)],
    outcome: Outcome,
    qs: &mut Vec<Question>,
) {
    if ctx.sizes.len() > 1 {
        let effects: Effects = ctx
            .sizes
            .iter()
            .map(|&c| {
                let o = merge_outcomes(
                    evals
                        .iter()
                        .filter(|(s, _)| s.size == c)
                        .map(|(_, e)| e.outcome),
                );
                effect(Answer::Size(c), None, o)
            })
            .collect();
        if effects.distinct() {
            let (id, field) = size_question(ctx);
            qs.push(Question {
                id,
                kind: QuestionKind::MissingFact,
                field,
                presumed: None,
                effects,
            });
        }
    }
    if let (Some(i), None) = (ctx.tsp_index, base.qualified) {
        let effects: Effects = [true, false]
            .into_iter()
            .map(|q| {
                let o = merge_outcomes(
                    evals
                        .iter()
                        .filter(|(s, _)| s.qualified == Some(q))
                        .map(|(_, e)| e.outcome),
                );
                effect(Answer::Qualified(q), Some(Val::Bool(q)), o)
            })
            .collect();
        if effects.distinct() {
            qs.push(Question {
                id: "qualified_trust_service_provider",
                kind: QuestionKind::MissingFact,
                field: Cow::Owned(format!("activities[{i}].qualified_trust_service_provider")),
                presumed: None,
                effects,
            });
        }
    }
    if let (Some(i), None) = (ctx.regional_index, base.regional_assessed) {
        let effects: Effects = [true, false]
            .into_iter()
            .map(|b| {
                let mut f = *base;
                f.regional_assessed = Some(b);
                effect(
                    Answer::Regional(b),
                    Some(Val::Bool(b)),
                    outcome_with(ctx, &f),
                )
            })
            .collect();
        if effects.distinct() || effects.iter().any(|e| differs(e, outcome)) {
            qs.push(Question {
                id: "regional_risk_assessment",
                kind: QuestionKind::MissingFact,
                field: Cow::Owned(format!("activities[{i}].significant_impact_assessed")),
                presumed: None,
                effects,
            });
        }
    }
}

/// A presumption, asked only when another answer changes the outcome (`with` gives the
/// outcome under other facts; `all`: every answer's effect is wanted, not only whether one
/// differs).
fn presumption(
    (with, all): (&dyn Fn(&Facts) -> Outcome, bool),
    outcome: Outcome,
    qs: &mut Vec<Question>,
    (id, field, presumed): (&'static str, &'static str, Val),
    alts: &[(Answer, Val, Facts)],
) {
    let mut differing = alts
        .iter()
        .map(|(answer, value, f)| effect(*answer, Some(*value), with(f)))
        .filter(|e| differs(e, outcome));
    let effects: Effects = if all {
        differing.collect()
    } else {
        differing.next().into_iter().collect()
    };
    if !effects.is_empty() {
        qs.push(Question {
            id,
            kind: QuestionKind::Presumption,
            field: Cow::Borrowed(field),
            presumed: Some(presumed),
            effects,
        });
    }
}

/// Every open question, in a stable order.
pub(crate) fn questions(
    ctx: &Ctx,
    base: &Facts,
    evals: &[(Scenario, Eval)],
    outcome: Outcome,
    qs: &mut Vec<Question>,
) {
    missing_facts(ctx, base, evals, outcome, qs);
    let full = |f: &Facts| outcome_with(ctx, f);
    let routes = |f: &Facts| outcome_with_routes(ctx, f, evals);
    let with = |change: &dyn Fn(&mut Facts)| {
        let mut f = *base;
        change(&mut f);
        f
    };
    if base.union.presumed {
        let f = with(&|f| f.union = Fact::given(false));
        presumption(
            (&full, ctx.effects),
            outcome,
            qs,
            (
                "provides_services_in_union",
                "provides_services_in_union",
                Val::Bool(true),
            ),
            &[(Answer::No, Val::Bool(false), f)],
        );
    }
    if ctx.has_pa && base.public_security.presumed {
        let f = with(&|f| f.public_security = Fact::given(true));
        presumption(
            (&full, ctx.effects),
            outcome,
            qs,
            (
                "public_security_activities",
                "public_security_activities",
                Val::Bool(false),
            ),
            &[(Answer::Yes, Val::Bool(true), f)],
        );
    }
    if ctx.has_financial && base.dora_exempted.presumed {
        let f = with(&|f| f.dora_exempted = Fact::given(true));
        presumption(
            (&full, ctx.effects),
            outcome,
            qs,
            (
                "dora_exempted",
                "designations.dora_exempted",
                Val::Bool(false),
            ),
            &[(Answer::Yes, Val::Bool(true), f)],
        );
    }
    if base.cer.presumed {
        let f = with(&|f| f.cer = Fact::given(true));
        presumption(
            (&routes, ctx.effects),
            outcome,
            qs,
            (
                "critical_entity_cer",
                "designations.critical_entity_cer",
                Val::Bool(false),
            ),
            &[(Answer::Yes, Val::Bool(true), f)],
        );
    }
    designations(ctx, base, outcome, qs, (&full, &routes));
    security_exemption(ctx, base, outcome, qs);
    related(ctx, base, outcome, qs);
}

/// The outcome under other facts: by evaluating every rule, and by evaluating only the
/// entity-level routes (for a fact only they read).
type With<'w> = (&'w dyn Fn(&Facts) -> Outcome, &'w dyn Fn(&Facts) -> Outcome);

/// Art 2(2)(b)-(e) identification and Art 3(1)(g) NIS1 operators (Annex types only).
fn designations(
    ctx: &Ctx,
    base: &Facts,
    outcome: Outcome,
    qs: &mut Vec<Question>,
    (full, routes): With<'_>,
) {
    if ctx.has_annex && base.identification.presumed {
        let mut fe = *base;
        fe.identification = Fact::given(Identification::Essential);
        let mut fi = *base;
        fi.identification = Fact::given(Identification::Important);
        presumption(
            (full, ctx.effects),
            outcome,
            qs,
            (
                "member_state_identification",
                "designations.member_state_identification",
                Val::Str("none"),
            ),
            &[
                (Answer::IdentifiedEssential, Val::Str("essential"), fe),
                (Answer::IdentifiedImportant, Val::Str("important"), fi),
            ],
        );
    }
    if ctx.has_annex && base.nis1.presumed {
        let mut f = *base;
        f.nis1 = Fact::given(true);
        presumption(
            (routes, ctx.effects),
            outcome,
            qs,
            (
                "nis1_operator_of_essential_services",
                "designations.nis1_operator_of_essential_services",
                Val::Bool(false),
            ),
            &[(Answer::Yes, Val::Bool(true), f)],
        );
    }
}

/// The Member State's decision on an Art 2(8) exemption, for an entity that carries out only
/// such activities: not recorded, so the outcome depends on it.
fn security_exemption(ctx: &Ctx, base: &Facts, outcome: Outcome, qs: &mut Vec<Question>) {
    if base.exemption.is_some() || base.security != SecurityActivities::Exclusively {
        return;
    }
    let with = |e: SecurityExemption| {
        let mut f = *base;
        f.exemption = Some(e);
        outcome_with(ctx, &f)
    };
    let effects: Effects = [
        (Answer::ExemptFull, "full", SecurityExemption::Full),
        (
            Answer::ExemptPartial,
            "from_art_21_and_23",
            SecurityExemption::FromArt21And23,
        ),
        (Answer::NotExempt, "none", SecurityExemption::None),
    ]
    .into_iter()
    .map(|(answer, value, e)| effect(answer, Some(Val::Str(value)), with(e)))
    .collect();
    if effects.distinct() || effects.iter().any(|e| differs(e, outcome)) {
        qs.push(Question {
            id: "security_exemption",
            kind: QuestionKind::MissingFact,
            field: Cow::Borrowed("designations.security_exemption"),
            presumed: None,
            effects,
        });
    }
}

/// Partner or linked enterprises not declared: larger aggregated figures could change the class.
fn related(ctx: &Ctx, base: &Facts, outcome: Outcome, qs: &mut Vec<Question>) {
    let Some(s) = &ctx.profile.size else { return };
    if s.related_enterprises.is_some() {
        return;
    }
    let top = ctx.sizes.iter().copied().max().unwrap_or(SizeClass::Large);
    let mut differing = [SizeClass::Small, SizeClass::Medium, SizeClass::Large]
        .into_iter()
        .filter(|c| *c > top)
        .map(|c| effect(Answer::Related(c), None, outcome_with_size(ctx, base, c)))
        .filter(|e| differs(e, outcome));
    // The verdict asks only whether some answer changes the outcome.
    let effects: Effects = if ctx.effects {
        differing.collect()
    } else {
        differing.next().into_iter().collect()
    };
    if !effects.is_empty() {
        qs.push(Question {
            id: "related_enterprises",
            kind: QuestionKind::Presumption,
            field: Cow::Borrowed("size.related_enterprises"),
            presumed: Some(Val::EmptyArray),
            effects,
        });
    }
}

#[cfg(test)]
mod tests {
    /// The questions compare the own figures with the same ceilings as the size class (the
    /// screening memo keys a profile by its comparisons with those).
    #[test]
    fn the_questions_use_the_ceilings_of_the_size_class() {
        let size: super::SizeInput = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
        let ours: Vec<Vec<f64>> = super::own_figures(&size)
            .iter()
            .map(|(_, _, _, c)| c.iter().map(|&v| v as f64).collect())
            .collect();
        let sizes: Vec<Vec<f64>> = crate::scope::size::ceilings()
            .iter()
            .map(|(_, c)| c.to_vec())
            .collect();
        assert_eq!(ours, sizes);
    }
}
