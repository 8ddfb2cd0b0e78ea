//! NACE codes in a profile (`nace_codes`): each code adds the entity types the NACE table
//! suggests (see [`crate::nace`]) as activities. Where the Annex defines the type by NACE
//! division (C21, C26–C30) the activity is **exact** and counts like a typed one; otherwise it is
//! **indicative**: the Annex defines the type by another act's legal definition, which a code
//! does not establish, so it is presumed *not* carried out until confirmed (as an absent
//! designation is presumed not taken), said so in the reasons (`nace_indicative`, presumed), and
//! asked as the open question `nace_indicative` with the outcome if it is confirmed. An entity
//! type the profile already gives in `activities` is not added again.

#[cfg(feature = "full")]
use std::borrow::Cow;

#[cfg(feature = "full")]
use super::profile::Activity;
use super::profile::Profile;
#[cfg(feature = "full")]
use super::result::{AnswerEffect, Classification, InScope, OpenQuestion, QuestionKind};
#[cfg(feature = "full")]
use super::result::{RuleOutcome, ScopeResult, TraceStep};
#[cfg(feature = "full")]
use super::verdict::{QuestionRef, Reason, ScopeVerdict};
use crate::error::{Error, Result};
#[cfg(feature = "full")]
use crate::nace::NaceStatus;
#[cfg(feature = "full")]
use crate::text::Text;

/// The most NACE codes a profile may give.
pub const MAX_NACE_CODES: usize = 64;

#[cfg(feature = "full")]
/// An activity a NACE code added.
#[derive(Debug, Clone)]
pub(crate) struct Derived {
    /// The index of the code in `nace_codes`.
    index: usize,
    /// The code as read (`C28.11`).
    code: String,
    /// The entity type added.
    entity_type: &'static str,
    /// Its label in the catalog.
    label: &'static Text,
    status: NaceStatus,
    /// The entity type's citation in the catalog.
    citation: &'static str,
}

/// In the scoping build (the calculator's package), which leaves the NACE table out to stay
/// small: a profile with NACE codes is an error naming the full engine.
#[cfg(not(feature = "full"))]
pub(crate) fn refuse(profile: &Profile) -> Result<()> {
    if profile.nace_codes.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(
        "$.nace_codes",
        "NACE codes are read by the full engine (the CLI, Python, the npm package `nis2`); this scoping build does not carry the NACE table: give the entity types in `activities`",
    ))
}

#[cfg(feature = "full")]
/// The profile with the activities its NACE codes add, and what each added (`None`: no codes).
pub(crate) fn expand(profile: &Profile) -> Result<Option<(Profile, Vec<Derived>)>> {
    if profile.nace_codes.is_empty() {
        return Ok(None);
    }
    if profile.nace_codes.len() > MAX_NACE_CODES {
        return Err(Error::invalid(
            "$.nace_codes",
            format!(
                "at most {MAX_NACE_CODES} NACE codes, got {}",
                profile.nace_codes.len()
            ),
        ));
    }
    let mut expanded = profile.clone();
    expanded.nace_codes.clear();
    let mut derived: Vec<Derived> = Vec::new();
    let mut errors = Vec::new();
    for (index, text) in profile.nace_codes.iter().enumerate() {
        let read = crate::nace::read_code_at(text, &|| format!("$.nace_codes[{index}]"))
            .and_then(|(code, _)| Ok((crate::nace::candidates(&code)?, code)));
        let (candidates, code) = match read {
            Ok(read) => read,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for c in candidates {
            if profile
                .activities
                .iter()
                .any(|a| a.entity_type == c.entity_type)
            {
                continue;
            }
            if let Some(d) = derived.iter_mut().find(|d| d.entity_type == c.entity_type) {
                // Exact from one code settles what another only suggests.
                if c.status < d.status {
                    (d.index, d.code, d.status) = (index, code.clone(), c.status);
                }
                continue;
            }
            derived.push(Derived {
                index,
                code: code.clone(),
                entity_type: c.entity_type,
                label: c.label,
                status: c.status,
                citation: c.citation,
            });
        }
    }
    Error::from_list(errors)?;
    // The exact ones count; the indicative ones wait for confirmation.
    for d in derived.iter().filter(|d| d.status == NaceStatus::Exact) {
        expanded.activities.push(activity(d.entity_type));
    }
    Ok(Some((expanded, derived)))
}

#[cfg(feature = "full")]
fn activity(entity_type: &str) -> Activity {
    Activity {
        entity_type: entity_type.to_owned(),
        qualified_trust_service_provider: None,
        significant_impact_assessed: None,
        note: None,
    }
}

#[cfg(feature = "full")]
/// The outcome with each indicative activity confirmed, where it differs from `outcome`: (the
/// derived activity, in scope, class).
fn confirmed(
    expanded: &Profile,
    derived: &[Derived],
    outcome: (InScope, Classification),
) -> Result<Vec<(usize, InScope, Classification)>> {
    let mut out = Vec::new();
    for (k, d) in derived.iter().enumerate() {
        if d.status != NaceStatus::Indicative {
            continue;
        }
        let mut with = expanded.clone();
        with.activities.push(activity(d.entity_type));
        let (in_scope, class) = super::outcome(&with)?;
        if (in_scope, class) != outcome {
            out.push((k, in_scope, class));
        }
    }
    Ok(out)
}

#[cfg(feature = "full")]
fn rule(d: &Derived) -> (&'static str, RuleOutcome) {
    match d.status {
        NaceStatus::Exact => ("nace_exact", RuleOutcome::Applies),
        NaceStatus::Indicative => ("nace_indicative", RuleOutcome::Presumed),
    }
}

#[cfg(feature = "full")]
/// Add the NACE steps (first in the trace) and questions to an explained result.
pub(crate) fn explain(r: &mut ScopeResult, expanded: &Profile, derived: &[Derived]) -> Result<()> {
    let steps = derived.iter().map(|d| {
        let (id, outcome) = rule(d);
        let text = match d.status {
            NaceStatus::Exact => Text::new(
                format!("NACE {}: the Annex defines {} by this NACE Rev. 2 division, so the activity counts as that entity type.", d.code, d.entity_type),
                format!("NACE {}: bilaget definerer {} ved denne NACE rev. 2-hovedgruppe, så aktiviteten tæller som den enhedstype.", d.code, d.entity_type),
            ),
            NaceStatus::Indicative => Text::new(
                format!("NACE {}: suggests {}, which the Annex defines by another act's legal definition; a NACE code alone does not establish it, so it is not counted until confirmed (see the open question).", d.code, d.entity_type),
                format!("NACE {}: peger på {}, som bilaget definerer ved en anden retsakts definition; en NACE-kode alene godtgør det ikke, så den tælles ikke med, før det er bekræftet (se det åbne spørgsmål).", d.code, d.entity_type),
            ),
        };
        TraceStep {
            rule: Cow::Borrowed(id),
            citation: Cow::Borrowed(d.citation),
            entity_type: Some(Cow::Borrowed(d.entity_type)),
            outcome,
            text,
        }
    });
    r.trace.splice(0..0, steps);
    let mut questions = Vec::new();
    for (k, in_scope, classification) in
        confirmed(expanded, derived, (r.in_scope, r.classification))?
    {
        let Some(d) = derived.get(k) else { continue };
        let (question, _) = super::questions::question_wording("nace_indicative");
        let label = d.label;
        questions.push(OpenQuestion {
            id: Cow::Borrowed("nace_indicative"),
            kind: QuestionKind::Presumption,
            field: Cow::Owned(format!("nace_codes[{}]", d.index)),
            question: Text::new(
                format!(
                    "{} NACE {}: {} ({}).",
                    question.en, d.code, label.en, d.entity_type
                ),
                format!(
                    "{} NACE {}: {} ({}).",
                    question.da, d.code, label.da, d.entity_type
                ),
            ),
            citation: Cow::Borrowed(d.citation),
            presumed: None,
            effects: vec![AnswerEffect {
                answer: Text::st(
                    "Yes, it carries out this activity as the Annex defines it.",
                    "Ja, den udøver denne aktivitet, som bilaget definerer den.",
                ),
                value: None,
                in_scope,
                classification,
            }],
        });
    }
    // First: what the entity does comes before the facts about it.
    r.open_questions.splice(0..0, questions);
    Ok(())
}

#[cfg(feature = "full")]
/// Add the NACE reasons (first) and questions to a verdict.
pub(crate) fn verdict(v: &mut ScopeVerdict, expanded: &Profile, derived: &[Derived]) -> Result<()> {
    let reasons = derived.iter().map(|d| {
        let (id, outcome) = rule(d);
        Reason {
            rule: Cow::Borrowed(id),
            citation: Cow::Borrowed(d.citation),
            entity_type: Some(Cow::Borrowed(d.entity_type)),
            outcome,
        }
    });
    v.reasons.splice(0..0, reasons);
    let questions: Vec<QuestionRef> = confirmed(expanded, derived, (v.in_scope, v.classification))?
        .into_iter()
        .filter_map(|(k, ..)| derived.get(k))
        .map(|d| QuestionRef {
            id: Cow::Borrowed("nace_indicative"),
            kind: QuestionKind::Presumption,
            field: Cow::Owned(format!("nace_codes[{}]", d.index)),
        })
        .collect();
    v.open_questions.splice(0..0, questions);
    Ok(())
}
