//! What other acts displace: a sector-specific Union act (Art 4(1); DORA for the financial
//! entities, recital 28), a Member State's exemption under Art 2(8), and a national act's own
//! scope (a national carve-out: the activities it leaves to another national or Union act).
//!
//! A displacement concerns the activities that are (or may be) in scope. It is `whole_entity`
//! when it concerns every such activity (for a national carve-out: every such activity under
//! that State's law); only then do the displaced provisions not bind the organisation at all.

use std::borrow::Cow;

use crate::entity_types::{RuleGroup, VerificationStatus};
use crate::overlay::{CarveOutApplies, NationalRule};
use crate::scope::jurisdiction::Applied;
use crate::scope::profile::{SecurityActivities, SecurityExemption};
use crate::scope::result::{Displacement, Provision};
use crate::scope::Ctx;
use crate::text::{Str, Text};

/// The provisions Art 4(1) names for an act at least equivalent in effect.
const ART4_GOVERNANCE: [Provision; 1] = [Provision::Governance];
/// Art 2(8): Art 21 and 23 for those activities, and so Chapter VII for them.
const ART2_8: [Provision; 3] = [
    Provision::RiskManagement,
    Provision::Reporting,
    Provision::SupervisionAndEnforcement,
];

/// Every displacement of a decision, in a stable order: Art 4, Art 2(8), then each State whose
/// overlay applies (its carve-outs in the order of its data).
pub(crate) fn compute(ctx: &Ctx, live: &dyn Fn(usize) -> bool) -> Vec<Displacement> {
    let mut out = Vec::new();
    let live_count = (0..ctx.types.len()).filter(|&i| live(i)).count();
    if live_count == 0 {
        return out;
    }
    sector_acts(ctx, live, live_count, &mut out);
    security_exemption(ctx, live, &mut out);
    let carves = |s: &&crate::overlay::MemberState| s.rules.iter().any(|r| r.carve_out.is_some());
    if ctx.overlay.iter().chain(&ctx.service_states).any(carves) {
        for a in crate::scope::jurisdiction::applied(ctx) {
            national(ctx, &a, live, &mut out);
        }
    }
    // The activities by id, whatever the order of the profile's activities.
    for d in &mut out {
        d.entity_types.sort_unstable();
        d.entity_types.dedup();
    }
    out
}

/// The ids of the live activities that satisfy `f`.
fn ids(ctx: &Ctx, live: &dyn Fn(usize) -> bool, f: &dyn Fn(usize) -> bool) -> Vec<Str> {
    ctx.types
        .iter()
        .enumerate()
        .filter(|&(i, _)| live(i) && f(i))
        .map(|(_, t)| Cow::Borrowed(t.id.as_str()))
        .collect()
}

/// Art 4(1): the activities of a type a sector-specific Union act covers (the act named in the
/// type's data), one displacement per act, and the governance duties of Art 20 as a second,
/// secondary reading.
fn sector_acts(
    ctx: &Ctx,
    live: &dyn Fn(usize) -> bool,
    live_count: usize,
    out: &mut Vec<Displacement>,
) {
    let Some(first) = ctx
        .types
        .iter()
        .enumerate()
        .find(|&(i, t)| live(i) && t.lex_specialis.is_some())
        .and_then(|(_, t)| t.lex_specialis.as_ref())
    else {
        return;
    };
    let same_act = |i: usize| {
        ctx.types
            .get(i)
            .and_then(|t| t.lex_specialis.as_ref())
            .is_some_and(|l| l.act == first.act)
    };
    let types = ids(ctx, live, &same_act);
    let whole_entity = types.len() == live_count;
    let act_da = crate::cite::sentence(&first.act, crate::Lang::Da);
    let act = Text::new(first.act.clone(), act_da.clone());
    let mut provisions = first.provisions.clone();
    provisions.sort_unstable();
    provisions.dedup();
    let remains = if whole_entity {
        Text::st(
            "Registration still applies (Art 3(3) and 3(4)), as do the voluntary exchange of information (Art 29) and voluntary notification (Art 30).",
            "Registrering gælder fortsat (art. 3, stk. 3 og 4), ligesom frivillig udveksling af oplysninger (art. 29) og frivillig indberetning (art. 30).",
        )
    } else {
        Text::st(
            "The organisation's other activities are not covered by that act: for them these provisions still apply, and registration (Art 3(3) and 3(4)) applies to the whole organisation.",
            "Organisationens øvrige aktiviteter er ikke omfattet af den retsakt: for dem gælder bestemmelserne fortsat, og registrering (art. 3, stk. 3 og 4) gælder for hele organisationen.",
        )
    };
    out.push(Displacement {
        id: Cow::Borrowed("art4_sector_act"),
        citation: Cow::Borrowed("Art. 4(1), 4(2); recital 28"),
        provisions,
        governed_by: act.clone(),
        entity_types: types.clone(),
        whole_entity,
        member_state: None,
        status: VerificationStatus::Verified,
        condition: None,
        text: Text::new(
            format!("{} is a sector-specific Union act at least equivalent in effect for these activities: the Directive's risk-management measures (Art 21), incident reporting (Art 23) and supervision and enforcement (Chapter VII, Art 31 to 37, the fines of Art 34 included) do not apply to them; that act's rules apply instead. {}", first.act, remains.en),
            format!("{} er en sektorspecifik EU-retsakt med mindst tilsvarende virkning for disse aktiviteter: direktivets foranstaltninger til styring af cybersikkerhedsrisici (art. 21), indberetning af hændelser (art. 23) og tilsyn og håndhævelse (kapitel VII, art. 31-37, herunder bøderne i art. 34) gælder ikke for dem; retsaktens regler gælder i stedet. {}", act_da, remains.da),
        ),
    });
    if first.provisions.contains(&Provision::RiskManagement) {
        out.push(Displacement {
            id: Cow::Borrowed("art4_sector_act_governance"),
            citation: Cow::Borrowed("Art. 4(1); recital 28; Art. 20"),
            provisions: ART4_GOVERNANCE.to_vec(),
            governed_by: act,
            entity_types: types,
            whole_entity,
            member_state: None,
            status: VerificationStatus::Unverified,
            condition: None,
            text: Text::st(
                "Art 20 (the management body approves and oversees the measures and follows training) belongs to the Directive's chapter on risk-management measures and reporting, which recital 28 says is not to be applied to the financial entities DORA covers; DORA sets the management body's own responsibility (its Art 5). This reading is ours, not the Directive's words, so it is shown but not applied: Art 20 is kept among the duties until the competent authority confirms it.",
                "Art. 20 (ledelsesorganet godkender og fører tilsyn med foranstaltningerne og følger kurser) hører til direktivets kapitel om risikostyringsforanstaltninger og rapportering, som ifølge betragtning 28 ikke skal anvendes på de finansielle enheder, DORA omfatter; DORA fastsætter ledelsesorganets eget ansvar (dens art. 5). Denne læsning er vores, ikke direktivets ord, så den vises, men anvendes ikke: art. 20 bevares blandt pligterne, indtil den kompetente myndighed bekræfter den.",
            ),
        });
    }
}

/// Art 2(8): a Member State has exempted the entity from Art 21 and 23 for its activities in
/// national security, public security, defence or law enforcement (or its services only to the
/// public administration entities of Art 2(7)); Chapter VII does not apply to them. Trust
/// service activities cannot be exempted (Art 2(9)).
fn security_exemption(ctx: &Ctx, live: &dyn Fn(usize) -> bool, out: &mut Vec<Displacement>) {
    let exemption = ctx
        .profile
        .designations
        .as_ref()
        .and_then(|d| d.security_exemption);
    if exemption != Some(SecurityExemption::FromArt21And23) {
        return;
    }
    let exclusively = match ctx.profile.security_activities {
        Some(SecurityActivities::Exclusively) => true,
        Some(SecurityActivities::Partly) => false,
        _ => return,
    };
    let not_tsp = |i: usize| {
        ctx.types
            .get(i)
            .is_some_and(|t| t.rule_group != RuleGroup::TrustService)
    };
    let (types, whole_entity) = if exclusively {
        let types = ids(ctx, live, &not_tsp);
        let all = (0..ctx.types.len()).filter(|&i| live(i)).all(not_tsp);
        (types, all)
    } else {
        (Vec::new(), false)
    };
    let text = if exclusively {
        Text::st(
            "The Member State has exempted the entity, whose activities are all of the kind Art 2(8) names, from Art 21 and 23; Chapter VII does not apply to those activities. Registration (Art 3(4), 27) still applies unless the Member State also exempted it from Art 3 and 27. Trust service activities cannot be exempted (Art 2(9)).",
            "Medlemsstaten har undtaget enheden, hvis aktiviteter alle er af den art, art. 2, stk. 8, nævner, fra art. 21 og 23; kapitel VII gælder ikke for disse aktiviteter. Registrering (art. 3, stk. 4, og art. 27) gælder fortsat, medmindre medlemsstaten også har undtaget den fra art. 3 og 27. Tillidstjenesteaktiviteter kan ikke undtages (art. 2, stk. 9).",
        )
    } else {
        Text::st(
            "The Member State has exempted the entity from Art 21 and 23 for its activities in national security, public security, defence or law enforcement (or its services only to the public administration entities of Art 2(7)); Chapter VII does not apply to those activities. Its other activities are not affected.",
            "Medlemsstaten har undtaget enheden fra art. 21 og 23 for dens aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse (eller dens tjenester udelukkende til de offentlige forvaltningsenheder i art. 2, stk. 7); kapitel VII gælder ikke for disse aktiviteter. Dens øvrige aktiviteter berøres ikke.",
        )
    };
    out.push(Displacement {
        id: Cow::Borrowed("art2_8_exemption"),
        citation: Cow::Borrowed("Art. 2(8); Art. 2(9)"),
        provisions: ART2_8.to_vec(),
        governed_by: Text::st(
            "the Member State's exemption decision",
            "medlemsstatens afgørelse om undtagelse",
        ),
        entity_types: types,
        whole_entity,
        member_state: None,
        status: VerificationStatus::Verified,
        condition: None,
        text,
    });
}

/// Whether a carve-out of `rule` applies to the activity at `i` of an organisation.
pub(crate) fn carved(ctx: &Ctx, rule: &NationalRule, i: usize) -> bool {
    let Some(c) = &rule.carve_out else {
        return false;
    };
    // An unverified carve-out is shown (as the rule's point), never applied.
    if c.applies != CarveOutApplies::Automatically || rule.status == VerificationStatus::Unverified
    {
        return false;
    }
    // The type first: most activities match no carve-out, and that test is the cheapest.
    if !ctx.types.get(i).is_some_and(|t| rule.matches(&t.id)) {
        return false;
    }
    let excepted = !c.except_rule_groups.is_empty()
        && ctx
            .types
            .iter()
            .any(|t| c.except_rule_groups.contains(&t.rule_group));
    !excepted
}

/// Whether the activity at `i` is carved out of the national act of the State `a`.
pub(crate) fn carved_out_of(ctx: &Ctx, a: &Applied, i: usize) -> bool {
    a.state.rules.iter().any(|r| carved(ctx, r, i))
}

/// The carve-outs of one State whose overlay applies, for the live activities under it. Only
/// a State whose act is adopted has a scope to carve out of.
fn national(ctx: &Ctx, a: &Applied, live: &dyn Fn(usize) -> bool, out: &mut Vec<Displacement>) {
    if !a.state.transposition.status.adopted() {
        return;
    }
    let under = || a.activities(ctx).filter(|&i| live(i));
    for r in &a.state.rules {
        let Some(c) = &r.carve_out else {
            continue;
        };
        let hit = || under().filter(|&i| carved(ctx, r, i));
        if hit().next().is_none() {
            continue;
        }
        let whole_entity = under().all(|i| carved_out_of(ctx, a, i));
        out.push(Displacement {
            id: Cow::Borrowed(r.id.as_str()),
            citation: Cow::Borrowed(r.citation.as_str()),
            provisions: vec![Provision::NationalAct],
            governed_by: Text::borrowed(&c.governed_by),
            entity_types: hit()
                .filter_map(|i| ctx.types.get(i))
                .map(|t| Cow::Borrowed(t.id.as_str()))
                .collect(),
            whole_entity,
            member_state: Some(Cow::Borrowed(a.state.code.as_str())),
            status: r.status,
            condition: r.condition.as_ref().map(Text::borrowed),
            text: Text::new(
                format!("{} {}", r.text.en, c.instead.en),
                format!("{} {}", r.text.da, c.instead.da),
            ),
        });
    }
}

/// The provisions displaced for the whole organisation, in order, without repeats. An
/// `unverified` displacement is shown, never applied.
pub(crate) fn whole(list: &[Displacement]) -> Vec<Provision> {
    let mut out: Vec<Provision> = list
        .iter()
        .filter(|d| d.whole_entity && d.status != VerificationStatus::Unverified)
        .flat_map(|d| d.provisions.iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The first displacement that applies to the whole organisation and displaces `p`.
pub(crate) fn find_whole(list: &[Displacement], p: Provision) -> Option<&Displacement> {
    list.iter().find(|d| {
        d.whole_entity && d.status != VerificationStatus::Unverified && d.provisions.contains(&p)
    })
}
