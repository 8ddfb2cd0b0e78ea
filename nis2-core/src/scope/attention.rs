//! Attention points: what matters alongside the class (Art 4 sector acts, the Implementing
//! Regulation, Annex qualifiers, registration, jurisdiction, national rules).

use crate::entity_types::{JurisdictionRule, RuleGroup, VerificationStatus};
use crate::scope::result::{
    ActivityResult, AttentionPoint, Classification, Displacement, InScope, Provision,
};
use crate::scope::{Ctx, Outcome};
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::text::{Str, Text};

fn point(
    id: &'static str,
    citation: Str,
    text: Text,
    entity_types: Vec<Str>,
    status: VerificationStatus,
) -> AttentionPoint {
    AttentionPoint {
        id: Cow::Borrowed(id),
        citation,
        text,
        entity_types,
        status,
        member_state: None,
        condition: None,
    }
}

fn st(s: &'static str) -> Str {
    Cow::Borrowed(s)
}

/// What an attention point can see: the context, the activities' outcomes, the entity's.
struct Points<'c, 'p> {
    ctx: &'c Ctx<'p>,
    activities: &'c [ActivityResult],
    in_scope: bool,
    out: Vec<AttentionPoint>,
}

impl Points<'_, '_> {
    /// Whether an activity is (or may be) in scope.
    fn live(&self, i: usize) -> bool {
        self.activities
            .get(i)
            .is_some_and(|a| a.in_scope != InScope::No)
    }

    /// The ids of the entity types whose index satisfies `f`.
    fn ids_where(&self, f: &dyn Fn(usize) -> bool) -> Vec<Str> {
        self.ctx
            .types
            .iter()
            .enumerate()
            .filter(|(i, _)| f(*i))
            .map(|(_, t)| Cow::Borrowed(t.id.as_str()))
            .collect()
    }
}

/// Every attention point of a decision, in a stable order.
pub(crate) fn points(
    ctx: &Ctx,
    outcome: Outcome,
    activities: &[ActivityResult],
    displacements: &[Displacement],
) -> Vec<AttentionPoint> {
    let mut p = Points {
        ctx,
        activities,
        in_scope: outcome.in_scope == InScope::Yes,
        // Room for the usual number (8 to 12 in the examples): growing the list twice was
        // about 2 % of an explained call.
        out: Vec::with_capacity(12),
    };
    per_type(&mut p);
    let whole = super::displacement::whole(displacements);
    duties(&mut p, outcome, &whole);
    jurisdiction(&mut p);
    partner_independence(&mut p);
    security_activities(&mut p);
    national(&mut p, &whole);
    p.out
}

/// Annex qualifiers (sector-specific Union acts, Art 4, are `displacements`).
fn per_type(p: &mut Points<'_, '_>) {
    let ctx = p.ctx;
    let mut out = Vec::new();
    for t in ctx.types {
        if let Some(q) = &t.qualifier {
            out.push(point(
                "annex_qualifier",
                Cow::Borrowed(t.citation.as_str()),
                Text::borrowed(q),
                vec![Cow::Borrowed(t.id.as_str())],
                VerificationStatus::Verified,
            ));
        }
    }
    p.out.extend(out);
}

/// The duties of Art 20, 21 and 23 that are not displaced for the whole organisation, as one
/// point (`None` when all three are).
fn core_duties(displaced: &[Provision]) -> Option<AttentionPoint> {
    // The citation and words of each set of kept duties (bit k: the k-th of `DUTIES` is
    // kept), written once: nearly every result has one of them.
    static TABLE: OnceLock<[(String, Text); 8]> = OnceLock::new();
    let kept = DUTIES
        .iter()
        .enumerate()
        .filter(|(_, (p, ..))| !displaced.contains(p))
        .fold(0usize, |bits, (k, _)| bits | 1 << k);
    if kept == 0 {
        return None;
    }
    let (citation, text) = TABLE
        .get_or_init(|| std::array::from_fn(duties_words))
        .get(kept)?;
    Some(point(
        "art20_21_23_obligations",
        Cow::Borrowed(citation.as_str()),
        Text::borrowed(text),
        Vec::new(),
        VerificationStatus::Verified,
    ))
}

/// The duties of Art 20, 21 and 23: the provision, its citation, its words in English and
/// in Danish.
const DUTIES: [(Provision, &str, &str, &str); 3] = [
    (
        Provision::Governance,
        "Art. 20",
        "the management body approves and oversees the cybersecurity risk-management measures and follows training (Art 20)",
        "ledelsesorganet godkender og fører tilsyn med foranstaltningerne til styring af cybersikkerhedsrisici og følger kurser (art. 20)",
    ),
    (
        Provision::RiskManagement,
        "Art. 21",
        "the measures of Art 21(2)(a)-(j) are implemented",
        "foranstaltningerne i art. 21, stk. 2, litra a-j, gennemføres",
    ),
    (
        Provision::Reporting,
        "Art. 23",
        "significant incidents are reported: early warning within 24 hours, incident notification within 72 hours, final report within one month (Art 23(4))",
        "væsentlige hændelser indberettes: tidlig varsling inden for 24 timer, hændelsesunderretning inden for 72 timer og endelig rapport inden for en måned (art. 23, stk. 4)",
    ),
];

/// The citation and words of the duties whose bits are set in `kept`.
fn duties_words(kept: usize) -> (String, Text) {
    let parts: Vec<_> = DUTIES
        .iter()
        .enumerate()
        .filter(|(k, _)| kept & 1 << k != 0)
        .map(|(_, x)| x)
        .collect();
    let citation = parts.iter().map(|x| x.1).collect::<Vec<_>>().join("; ");
    let en = parts.iter().map(|x| x.2).collect::<Vec<_>>().join("; ");
    let da = parts.iter().map(|x| x.3).collect::<Vec<_>>().join("; ");
    (
        citation,
        Text::new(
            format!("Obligations: {en}."),
            format!("Forpligtelser: {da}."),
        ),
    )
}

/// The Implementing Regulation, the duties of Art 20, 21 and 23, and registration.
fn duties(p: &mut Points<'_, '_>, outcome: Outcome, displaced: &[Provision]) {
    let ctx = p.ctx;
    let in_scope = p.in_scope;
    let mut out = Vec::new();
    let ids_where = |f: &dyn Fn(usize) -> bool| p.ids_where(f);
    let live = |i: usize| p.live(i);
    let cir = ids_where(&|i| live(i) && ctx.types.get(i).is_some_and(|t| t.cir_2024_2690));
    let cir_displaced =
        displaced.contains(&Provision::RiskManagement) && displaced.contains(&Provision::Reporting);
    if !cir.is_empty() && !cir_displaced {
        out.push(point(
            "cir_2024_2690",
            st("Art. 21(5); Art. 23(11); Commission Implementing Regulation (EU) 2024/2690"),
            Text::st(
                "Implementing Regulation (EU) 2024/2690 applies: its Annex sets the technical and methodological requirements of the Art 21(2) measures, and its Articles 3 to 14 say when an incident is significant, for these types of entity.",
                "Gennemførelsesforordning (EU) 2024/2690 finder anvendelse: dens bilag fastsætter de tekniske og metodiske krav til foranstaltningerne i art. 21, stk. 2, og dens artikel 3-14 fastlægger, hvornår en hændelse er væsentlig, for disse typer af enheder.",
            ),
            cir,
            VerificationStatus::Verified,
        ));
    }

    if in_scope
        && matches!(
            outcome.class,
            Classification::Essential
                | Classification::Important
                | Classification::DependsOnMemberState
        )
    {
        out.extend(core_duties(displaced));
    }
    if in_scope {
        out.push(point(
            "art3_4_registration",
            st("Art. 3(3)-(4)"),
            Text::st(
                "Registration: give the competent authority the entity's name, address and up-to-date contact details (including e-mail addresses, IP ranges and telephone numbers), its Annex sector and subsector, and the Member States where it provides services; notify changes within two weeks.",
                "Registrering: giv den kompetente myndighed enhedens navn, adresse og ajourførte kontaktoplysninger (herunder e-mailadresser, ip-intervaller og telefonnumre), sektor og delsektor i bilagene og de medlemsstater, hvor den leverer tjenester; meddel ændringer inden for to uger.",
            ),
            Vec::new(),
            VerificationStatus::Verified,
        ));
    }
    p.out.extend(out);
}

/// Jurisdiction (Art 26) and domain registration data (Art 28).
fn jurisdiction(p: &mut Points<'_, '_>) {
    let ctx = p.ctx;
    let mut out = Vec::new();
    let ids_where = |f: &dyn Fn(usize) -> bool| p.ids_where(f);
    let live = |i: usize| p.live(i);
    let me = ids_where(&|i| live(i) && ctx.types.get(i).is_some_and(|t| t.main_establishment));
    if !me.is_empty() {
        out.push(point(
            "art26_27_main_establishment",
            st("Art. 26(1)(b), 26(2); Art. 27"),
            Text::st(
                "Jurisdiction lies with the Member State of the main establishment in the Union (where cybersecurity risk-management decisions are predominantly taken, else where cybersecurity operations are carried out, else the establishment with most employees); a representative is needed if not established in the Union. Registry data for ENISA (Art 27(2)), including IP ranges, were due by 17 January 2025; changes within three months.",
                "Jurisdiktionen ligger hos medlemsstaten for hovedforretningsstedet i Unionen (hvor beslutninger om styring af cybersikkerhedsrisici overvejende træffes, ellers hvor cybersikkerhedsoperationer udføres, ellers forretningsstedet med flest ansatte); en repræsentant er nødvendig, hvis enheden ikke er etableret i Unionen. Registeroplysninger til ENISA (art. 27, stk. 2), herunder ip-intervaller, skulle gives senest 17. januar 2025; ændringer inden for tre måneder.",
            ),
            me,
            VerificationStatus::Verified,
        ));
    }
    let tel = ids_where(&|i| {
        live(i)
            && ctx
                .types
                .get(i)
                .is_some_and(|t| t.jurisdiction == JurisdictionRule::ServiceProvision)
    });
    if !tel.is_empty() {
        out.push(point(
            "art26_1_a_service_provision",
            st("Art. 26(1)(a)"),
            Text::st(
                "Providers of public electronic communications networks or services fall under the jurisdiction of each Member State in which they provide their services.",
                "Udbydere af offentlige elektroniske kommunikationsnet eller -tjenester er underlagt jurisdiktionen i hver medlemsstat, hvor de leverer deres tjenester.",
            ),
            tel,
            VerificationStatus::Verified,
        ));
    }
    let dnr = ids_where(&|i| {
        ctx.types
            .get(i)
            .is_some_and(|t| t.rule_group == RuleGroup::DomainNameRegistration)
            && live(i)
    });
    if !dnr.is_empty() {
        out.push(point(
            "art28_domain_registration_data",
            st("Art. 28; Art. 3(3); Art. 27"),
            Text::st(
                "Domain name registration services keep accurate and complete registration data, publish the non-personal data, and answer lawful access requests within 72 hours. Art 21 and 23 address essential and important entities; whether they bind registration services that are neither is a question of interpretation and national law.",
                "Domænenavnsregistreringstjenester skal føre nøjagtige og fuldstændige registreringsdata, offentliggøre de ikke-personlige data og besvare lovlige anmodninger om adgang inden for 72 timer. Art. 21 og 23 retter sig mod væsentlige og vigtige enheder; om de binder registreringstjenester, der hverken er det ene eller det andet, er et fortolkningsspørgsmål og afhænger af national lovgivning.",
            ),
            dnr,
            VerificationStatus::Verified,
        ));
    }
    p.out.extend(out);
}

/// Independence from partner or linked enterprises (recital 16).
fn partner_independence(p: &mut Points<'_, '_>) {
    let ctx = p.ctx;
    let mut out = Vec::new();
    let has_related = ctx
        .profile
        .size
        .as_ref()
        .and_then(|s| s.related_enterprises.as_ref())
        .is_some_and(|r| !r.is_empty());
    if has_related {
        let choice = ctx
            .overlay
            .and_then(|o| o.options.partner_independence.as_ref());
        let mut pt = point(
            "recital_16_partner_independence",
            st("Recital 16; Rec. 2003/361/EC, Annex, Art. 6(2)"),
            choice.map(|c| Text::borrowed(&c.note)).unwrap_or_else(|| Text::st(
                "Member States may take into account an entity's independence from its partner or linked enterprises (its network and information systems and services) and size it on its own figures; no such choice is recorded for this Member State.",
                "Medlemsstaterne kan tage hensyn til en enheds uafhængighed af sine partnervirksomheder eller tilknyttede virksomheder (net- og informationssystemer og tjenester) og vurdere den på egne tal; der er ikke registreret et sådant valg for denne medlemsstat.",
            )),
            Vec::new(),
            choice.map_or(VerificationStatus::Unverified, |c| c.status),
        );
        if choice.is_some() {
            pt.member_state = ctx.overlay.map(|o| Cow::Borrowed(o.code.as_str()));
        }
        out.push(pt);
    }

    p.out.extend(out);
}

/// The national points of every State whose overlay applies, or that none applies.
fn national(p: &mut Points<'_, '_>, whole: &[Provision]) {
    let ctx = p.ctx;
    let applied: Vec<_> = crate::scope::jurisdiction::applied(ctx).collect();
    let live = |i: usize| p.live(i);
    let mut out = Vec::new();
    super::national::points(ctx, &applied, p.in_scope, whole, &live, &mut out);
    if ctx.overlay.is_none() {
        out.push(point(
            "no_member_state_overlay",
            st("Art. 2(5); Art. 3(1)(g)"),
            if ctx.service_states.is_empty() {
                Text::st(
                    "No Member State was given (member_state): the Member State options stay open, and no national rules, authorities or procedures are shown.",
                    "Der er ikke angivet nogen medlemsstat (member_state): medlemsstaternes valgmuligheder står åbne, og der vises ingen nationale regler, myndigheder eller procedurer.",
                )
            } else {
                Text::st(
                    "No State of establishment was given (member_state): the Member State options stay open; national rules, authorities and procedures are shown only for the States of service whose jurisdiction applies (Art 26(1)(a)).",
                    "Der er ikke angivet en etableringsstat (member_state): medlemsstaternes valgmuligheder står åbne; nationale regler, myndigheder og procedurer vises kun for de medlemsstater, hvor der leveres tjenester, og hvis jurisdiktion gælder (art. 26, stk. 1, litra a).",
                )
            },
            Vec::new(),
            VerificationStatus::Verified,
        ));
    }
    p.out.extend(out);
}

/// Art 2(8): activities in national security, public security, defence or law enforcement, or
/// services only to the public administration entities of Art 2(7), that a Member State may
/// exempt from Art 21 and 23 (Chapter VII supervision then does not apply to them).
fn security_activities(p: &mut Points<'_, '_>) {
    use crate::scope::profile::{SecurityActivities, SecurityExemption};
    let exemption = p
        .ctx
        .profile
        .designations
        .as_ref()
        .and_then(|d| d.security_exemption);
    let activities = p.ctx.profile.security_activities;
    let partly = activities == Some(SecurityActivities::Partly);
    if partly && matches!(exemption, None | Some(SecurityExemption::None)) {
        p.out.push(point(
            "art2_8_possible_exemption",
            st("Art. 2(8)"),
            Text::st(
                "The Member State may exempt the entity from Art 21 and 23 for its activities in national security, public security, defence or law enforcement (or its services to the public administration entities of Art 2(7)); Chapter VII supervision then does not apply to those activities. Its other activities are not affected. Trust service activities cannot be exempted (Art 2(9)).",
                "Medlemsstaten kan undtage enheden fra art. 21 og 23 for dens aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse (eller dens tjenester til de offentlige forvaltningsenheder i art. 2, stk. 7); tilsyn efter kapitel VII gælder så ikke disse aktiviteter. Dens øvrige aktiviteter berøres ikke. Tillidstjenesteaktiviteter kan ikke undtages (art. 2, stk. 9).",
            ),
            Vec::new(),
            VerificationStatus::Verified,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{core_duties, DUTIES};
    use crate::scope::result::Provision;

    /// For every set of displaced provisions, the point of the kept duties is the one written
    /// from the duties left (the words of each, joined in order), and none when all three go.
    #[test]
    fn the_kept_duties_point_for_every_set_of_displaced_provisions() {
        let all = [
            Provision::Governance,
            Provision::RiskManagement,
            Provision::Reporting,
            Provision::SupervisionAndEnforcement,
        ];
        for bits in 0u32..16 {
            let displaced: Vec<Provision> = all
                .iter()
                .enumerate()
                .filter(|(k, _)| bits & 1 << k != 0)
                .map(|(_, p)| *p)
                .collect();
            let kept: Vec<_> = DUTIES
                .iter()
                .filter(|(p, ..)| !displaced.contains(p))
                .collect();
            let point = core_duties(&displaced);
            if kept.is_empty() {
                assert!(point.is_none(), "{displaced:?}");
                continue;
            }
            let point = point.expect("a point while a duty is kept");
            let citation: Vec<&str> = kept.iter().map(|x| x.1).collect();
            let en: Vec<&str> = kept.iter().map(|x| x.2).collect();
            let da: Vec<&str> = kept.iter().map(|x| x.3).collect();
            assert_eq!(point.citation, citation.join("; "), "{displaced:?}");
            assert_eq!(point.text.en, format!("Obligations: {}.", en.join("; ")));
            assert_eq!(point.text.da, format!("Forpligtelser: {}.", da.join("; ")));
        }
        let full = core_duties(&[]).expect("all three kept");
        assert_eq!(full.citation, "Art. 20; Art. 21; Art. 23");
    }
}
