//! The criteria of Articles 3 to 14 of Regulation (EU) 2024/2690, each with its summary in
//! English and Danish and its evaluation on the facts given.
//!
//! Art 3(2) (scheduled interruptions of service and planned consequences of scheduled
//! maintenance) is applied here to the availability criteria only, through [`Planned`]: read
//! with recital 33, it leaves out the unavailability or limited availability the scheduled
//! operation planned, and nothing else.

use super::eval::{beyond_window, financial, outage_over, Eval, Planned};
use super::{AffectedService, IncidentFacts};
use crate::lang::dk;
use crate::text::Text;

/// A criterion with its evaluation.
pub(super) struct Criterion {
    pub(super) id: &'static str,
    pub(super) citation: &'static str,
    pub(super) text: Text,
    pub(super) eval: Eval,
}

/// The criteria of Art 3(1)(a) to (f) and Art 4, for every covered type: never excluded by
/// Art 3(2).
pub(super) fn general(f: &IncidentFacts) -> Vec<Criterion> {
    let recurring = match &f.recurring {
        None => Eval::unknown("recurring"),
        Some(r) => {
            let twice = Eval {
                met: Some(r.occurrences_within_6_months >= 2),
                en: format!(
                    "{} occurrences within 6 months (at least two needed)",
                    r.occurrences_within_6_months
                ),
                da: format!(
                    "{} forekomster inden for 6 måneder (mindst to kræves)",
                    r.occurrences_within_6_months
                ),
                needs: Vec::new(),
            };
            let cause = Eval::flag(
                Some(r.same_apparent_root_cause),
                "recurring.same_apparent_root_cause",
                "the same apparent root cause",
                "samme tilsyneladende grundlæggende årsag",
            );
            let money = financial(
                Some(r.combined_direct_financial_loss_eur),
                "recurring.combined_direct_financial_loss_eur",
                f.annual_turnover_eur,
            );
            twice.and(cause).and(money)
        }
    };
    vec![
        Criterion {
            id: "art3_1_a",
            citation: "Art. 3(1)(a)",
            text: Text::st(
                "The incident has caused or is capable of causing direct financial loss for the entity that exceeds EUR 500 000 or 5 % of its total annual turnover in the preceding financial year, whichever is lower.",
                "Hændelsen har forårsaget eller kan forårsage et direkte økonomisk tab for enheden, der overstiger 500 000 EUR eller 5 % af dens samlede årsomsætning i det foregående regnskabsår, alt efter hvilket beløb der er lavest.",
            ),
            eval: financial(f.direct_financial_loss_eur, "direct_financial_loss_eur", f.annual_turnover_eur),
        },
        Criterion {
            id: "art3_1_b",
            citation: "Art. 3(1)(b)",
            text: Text::st(
                "The incident has caused or is capable of causing the exfiltration of trade secrets (Directive (EU) 2016/943, Art 2(1)) of the entity.",
                "Hændelsen har forårsaget eller kan forårsage udtræk af enhedens forretningshemmeligheder (direktiv (EU) 2016/943, art. 2, nr. 1).",
            ),
            eval: Eval::flag(f.trade_secrets_exfiltrated, "trade_secrets_exfiltrated", "exfiltration of trade secrets", "udtræk af forretningshemmeligheder"),
        },
        Criterion {
            id: "art3_1_c",
            citation: "Art. 3(1)(c)",
            text: Text::st(
                "The incident has caused or is capable of causing the death of a natural person.",
                "Hændelsen har forårsaget eller kan forårsage en fysisk persons død.",
            ),
            eval: Eval::flag(f.death, "death", "death of a natural person", "en fysisk persons død"),
        },
        Criterion {
            id: "art3_1_d",
            citation: "Art. 3(1)(d)",
            text: Text::st(
                "The incident has caused or is capable of causing considerable damage to a natural person's health.",
                "Hændelsen har forårsaget eller kan forårsage betydelig skade på en fysisk persons helbred.",
            ),
            eval: Eval::flag(f.considerable_health_damage, "considerable_health_damage", "considerable damage to a natural person's health", "betydelig skade på en fysisk persons helbred"),
        },
        Criterion {
            id: "art3_1_e",
            citation: "Art. 3(1)(e)",
            text: Text::st(
                "A successful, suspectedly malicious and unauthorised access to network and information systems occurred, which is capable of causing severe operational disruption.",
                "Der er sket en vellykket, formodet ondsindet og uautoriseret adgang til net- og informationssystemer, som kan forårsage alvorlige driftsforstyrrelser.",
            ),
            eval: Eval::flag(f.malicious_unauthorised_access, "malicious_unauthorised_access", "successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption", "vellykket, formodet ondsindet og uautoriseret adgang, der kan forårsage alvorlige driftsforstyrrelser"),
        },
        Criterion {
            id: "art3_1_f",
            citation: "Art. 3(1)(f) and 4",
            text: Text::st(
                "Recurring incidents: incidents that individually are not significant count collectively as one significant incident where they occurred at least twice within 6 months, have the same apparent root cause and collectively meet the financial criterion of Art 3(1)(a).",
                "Tilbagevendende hændelser: hændelser, der hver for sig ikke er væsentlige, betragtes samlet som én væsentlig hændelse, når de er indtruffet mindst to gange inden for 6 måneder, har samme tilsyneladende grundlæggende årsag og samlet opfylder det økonomiske kriterium i art. 3, stk. 1, litra a.",
            ),
            eval: recurring,
        },
    ]
}

/// Data compromised as a result of a suspectedly malicious action; data compromised with an
/// impact on more than 5 % of the users or more than 1 million (whichever smaller).
fn data_criteria(f: &AffectedService) -> (Eval, Eval) {
    let malicious = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the provision of the service compromised",
        "data vedrørende leveringen af tjenesten kompromitteret",
    )
    .and(Eval::flag(
        f.data_compromise_suspectedly_malicious,
        "data_compromise_suspectedly_malicious",
        "as a result of a suspectedly malicious action",
        "som følge af en formodet ondsindet handling",
    ));
    let impact = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the provision of the service compromised",
        "data vedrørende leveringen af tjenesten kompromitteret",
    )
    .and(Eval::users_over(
        f.users_data_compromise,
        "users_data_compromise",
        f.users_in_union,
        50,
        1_000_000,
    ));
    (malicious, impact)
}

/// The criteria of the Article with specific criteria for the entity type (Art 5 to 14).
pub(super) fn specific(article: u8, f: &AffectedService) -> Vec<Criterion> {
    match article {
        5 => dns_criteria(f),
        6 => tld_criteria(f),
        7 | 9 | 10 => service_criteria(article, f),
        8 => data_centre_criteria(f),
        11..=13 => platform_criteria(article, f),
        14 => trust_service_criteria(f),
        _ => Vec::new(),
    }
}

/// Art 5: DNS service providers.
fn dns_criteria(f: &AffectedService) -> Vec<Criterion> {
    let compromised = Eval::flag(
        f.data_compromised,
        "data_compromised",
        "data related to the authoritative resolution compromised",
        "data vedrørende den autoritative navneopløsning kompromitteret",
    );
    let excepted = match f.dns_misconfiguration_only {
        Some(false) => Eval {
            met: Some(false),
            en: "not only incorrect data from misconfiguration".to_owned(),
            da: "ikke kun forkerte data som følge af fejlkonfiguration".to_owned(),
            needs: Vec::new(),
        },
        None => Eval::unknown("dns_misconfiguration_only"),
        Some(true) => match (f.domain_names_incorrect, f.domain_names_managed) {
            (Some(n), Some(m)) => {
                let exc = n < 1000 && u128::from(n) * 100 <= u128::from(m);
                Eval {
                    met: Some(exc),
                    en: format!("misconfiguration affecting {n} of {m} domain names ({} the exception: fewer than 1000 and no more than 1 %)", if exc { "within" } else { "outside" }),
                    da: format!("fejlkonfiguration, der berører {n} af {m} domænenavne ({} undtagelsen: færre end 1000 og højst 1 %)", if exc { "inden for" } else { "uden for" }),
                    needs: Vec::new(),
                }
            }
            (Some(n), None) if n >= 1000 => Eval {
                met: Some(false),
                en: format!("misconfiguration affecting {n} domain names, not fewer than 1000 (outside the exception)"),
                da: format!("fejlkonfiguration, der berører {n} domænenavne, ikke færre end 1000 (uden for undtagelsen)"),
                needs: Vec::new(),
            },
            (None, _) => Eval::unknown("domain_names_incorrect"),
            (Some(_), None) => Eval::unknown("domain_names_managed"),
        },
    };
    let not_excepted = Eval {
        met: excepted.met.map(|x| !x),
        en: excepted.en,
        da: excepted.da,
        needs: excepted.needs,
    };
    vec![
        criterion("art5_a", "Art. 5(a)", "A recursive or authoritative domain name resolution service is completely unavailable for more than 30 minutes.", "En rekursiv eller autoritativ domænenavnsopløsningstjeneste er fuldstændig utilgængelig i mere end 30 minutter.", unavailable(f, 30.0)),
        criterion("art5_b", "Art. 5(b)", "For a period of more than one hour, the average response time of a recursive or authoritative domain name resolution service to DNS requests is more than 10 seconds.", "I mere end en time er den gennemsnitlige svartid for en rekursiv eller autoritativ domænenavnsopløsningstjeneste på DNS-forespørgsler mere end 10 sekunder.", slow(f)),
        criterion("art5_c", "Art. 5(c)", "The integrity, confidentiality or authenticity of data related to the provision of the authoritative domain name resolution service is compromised, except where the data of fewer than 1 000 domain names, no more than 1 % of those managed, are incorrect because of misconfiguration.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af den autoritative domænenavnsopløsningstjeneste er kompromitteret, undtagen når data for færre end 1 000 domænenavne, højst 1 % af de forvaltede, er forkerte på grund af fejlkonfiguration.", if compromised.met == Some(false) { compromised } else { compromised.and(not_excepted) }),
    ]
}

/// Art 6: TLD name registries.
fn tld_criteria(f: &AffectedService) -> Vec<Criterion> {
    vec![
        criterion("art6_a", "Art. 6(a)", "An authoritative domain name resolution service is completely unavailable (any duration).", "En autoritativ domænenavnsopløsningstjeneste er fuldstændig utilgængelig (uanset varighed).", unavailable(f, 0.0)),
        criterion("art6_b", "Art. 6(b)", "For a period of more than one hour, the average response time of an authoritative domain name resolution service to DNS requests is more than 10 seconds.", "I mere end en time er den gennemsnitlige svartid for en autoritativ domænenavnsopløsningstjeneste på DNS-forespørgsler mere end 10 sekunder.", slow(f)),
        criterion("art6_c", "Art. 6(c)", "The integrity, confidentiality or authenticity of data related to the technical operation of the TLD is compromised.", "Integriteten, fortroligheden eller ægtheden af data vedrørende den tekniske drift af topdomænet er kompromitteret.", Eval::flag(f.data_compromised, "data_compromised", "data related to the technical operation of the TLD compromised", "data vedrørende den tekniske drift af topdomænet kompromitteret")),
    ]
}

/// Art 7, 9 and 10: cloud computing, content delivery networks, managed (security) services.
fn service_criteria(article: u8, f: &AffectedService) -> Vec<Criterion> {
    let (malicious, impact) = data_criteria(f);
    let (ids, cites, svc_en, svc_da) = match article {
        7 => (
            ["art7_a", "art7_b", "art7_c", "art7_d"],
            ["Art. 7(a)", "Art. 7(b)", "Art. 7(c)", "Art. 7(d)"],
            "A cloud computing service",
            "En cloudcomputingtjeneste",
        ),
        9 => (
            ["art9_a", "art9_b", "art9_c", "art9_d"],
            ["Art. 9(a)", "Art. 9(b)", "Art. 9(c)", "Art. 9(d)"],
            "A content delivery network",
            "Et netværk til levering af indhold",
        ),
        _ => (
            ["art10_a", "art10_b", "art10_c", "art10_d"],
            ["Art. 10(a)", "Art. 10(b)", "Art. 10(c)", "Art. 10(d)"],
            "A managed service or managed security service",
            "En administreret tjeneste eller administreret sikkerhedstjeneste",
        ),
    };
    let [ia, ib, ic, id] = ids;
    let [ca, cb, cc, cd] = cites;
    vec![
        Criterion { id: ia, citation: ca, text: Text::new(format!("{svc_en} is completely unavailable for more than 30 minutes."), format!("{svc_da} er fuldstændig utilgængelig i mere end 30 minutter.")), eval: unavailable(f, 30.0) },
        Criterion { id: ib, citation: cb, text: Text::new(format!("{svc_en} has limited availability for more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller, for more than one hour."), format!("{svc_da} har begrænset tilgængelighed for mere end 5 % af sine brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst, i mere end en time.")), eval: limited_hour(f) },
        Criterion { id: ic, citation: cc, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret som følge af en formodet ondsindet handling."), eval: malicious },
        Criterion { id, citation: cd, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised with an impact on more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret med virkning for mere end 5 % af dens brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst."), eval: impact },
    ]
}

/// Art 8: data centre services.
fn data_centre_criteria(f: &AffectedService) -> Vec<Criterion> {
    vec![
        criterion("art8_a", "Art. 8(a)", "A data centre service of a data centre operated by the provider is completely unavailable (any duration).", "En datacentertjeneste i et datacenter, som udbyderen driver, er fuldstændig utilgængelig (uanset varighed).", unavailable(f, 0.0)),
        criterion("art8_b", "Art. 8(b)", "The availability of a data centre service of a data centre operated by the provider is limited for more than one hour.", "Tilgængeligheden af en datacentertjeneste i et datacenter, som udbyderen driver, er begrænset i mere end en time.", limited_over_hour(f)),
        criterion("art8_c", "Art. 8(c)", "The integrity, confidentiality or authenticity of data related to the provision of a data centre service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af en datacentertjeneste er kompromitteret som følge af en formodet ondsindet handling.", data_criteria(f).0),
        criterion("art8_d", "Art. 8(d)", "Physical access to a data centre operated by the provider is compromised.", "Den fysiske adgang til et datacenter, som udbyderen driver, er kompromitteret.", Eval::flag(f.physical_access_compromised, "physical_access_compromised", "physical access to a data centre operated by the provider compromised", "den fysiske adgang til et datacenter, som udbyderen driver, kompromitteret")),
    ]
}

/// Art 11 to 13: online marketplaces, online search engines, social networking platforms.
fn platform_criteria(article: u8, f: &AffectedService) -> Vec<Criterion> {
    let (malicious, impact) = data_criteria(f);
    let (ids, cites, svc_en, svc_da) = match article {
        11 => (
            ["art11_a", "art11_b", "art11_c", "art11_d"],
            ["Art. 11(a)", "Art. 11(b)", "Art. 11(c)", "Art. 11(d)"],
            "online marketplace",
            "onlinemarkedspladsen",
        ),
        12 => (
            ["art12_a", "art12_b", "art12_c", "art12_d"],
            ["Art. 12(a)", "Art. 12(b)", "Art. 12(c)", "Art. 12(d)"],
            "online search engine",
            "onlinesøgemaskinen",
        ),
        _ => (
            ["art13_a", "art13_b", "art13_c", "art13_d"],
            ["Art. 13(a)", "Art. 13(b)", "Art. 13(c)", "Art. 13(d)"],
            "social networking services platform",
            "platformen for sociale netværkstjenester",
        ),
    };
    let [ia, ib, ic, id] = ids;
    let [ca, cb, cc, cd] = cites;
    vec![
        Criterion { id: ia, citation: ca, text: Text::new(format!("The {svc_en} is completely unavailable for more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller (no minimum duration)."), format!("Der er fuldstændig utilgængelighed af {svc_da} for mere end 5 % af brugerne i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst (ingen minimumsvarighed).")), eval: Eval::users_over(f.users_completely_unavailable, "users_completely_unavailable", f.users_in_union, 50, 1_000_000).unless_planned(complete_beyond_window(f)) },
        Criterion { id: ib, citation: cb, text: Text::new(format!("More than 5 % of the users in the Union of the {svc_en} or more than 1 million of them, whichever number is smaller, are impacted by its limited availability."), format!("Mere end 5 % af brugerne i Unionen af {svc_da} eller mere end 1 million af dem, alt efter hvilket tal der er mindst, er berørt af begrænset tilgængelighed.")), eval: limited_users(f).unless_planned(limited_beyond_window(f)) },
        Criterion { id: ic, citation: cc, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised as a result of a suspectedly malicious action.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret som følge af en formodet ondsindet handling."), eval: malicious },
        Criterion { id, citation: cd, text: Text::st("The integrity, confidentiality or authenticity of data related to the provision of the service is compromised with an impact on more than 5 % of its users in the Union or more than 1 million of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af tjenesten er kompromitteret med virkning for mere end 5 % af dens brugere i Unionen eller mere end 1 million af dem, alt efter hvilket tal der er mindst."), eval: impact },
    ]
}

/// Art 14: trust service providers.
fn trust_service_criteria(f: &AffectedService) -> Vec<Criterion> {
    vec![
        criterion("art14_a", "Art. 14(a)", "A trust service is completely unavailable for more than 20 minutes.", "En tillidstjeneste er fuldstændig utilgængelig i mere end 20 minutter.", unavailable(f, 20.0)),
        criterion("art14_b", "Art. 14(b)", "A trust service is unavailable to users or relying parties for more than one hour calculated on a calendar week basis.", "En tillidstjeneste er utilgængelig for brugere eller relying parties i mere end en time beregnet på kalenderugebasis.", outage_over(f.unavailable_minutes_calendar_week, Planned::of(f), 60.0, "unavailable_minutes_calendar_week", "unavailable within the calendar week for", "utilgængelig i kalenderugen i")),
        criterion("art14_c", "Art. 14(c)", "More than 1 % of the users or relying parties in the Union, or more than 200 000 of them, whichever number is smaller, are impacted by limited availability of a trust service.", "Mere end 1 % af brugerne eller relying parties i Unionen eller mere end 200 000 af dem, alt efter hvilket tal der er mindst, er berørt af begrænset tilgængelighed af en tillidstjeneste.", Eval::users_over(f.users_limited_availability, "users_limited_availability", f.users_in_union, 10, 200_000).unless_planned(limited_beyond_window(f))),
        criterion("art14_d", "Art. 14(d)", "Physical access to an area where network and information systems are located and to which access is restricted to trusted personnel, or the protection of such physical access, is compromised.", "Den fysiske adgang til et område, hvor net- og informationssystemer befinder sig, og hvortil kun betroet personale har adgang, eller beskyttelsen af denne fysiske adgang, er kompromitteret.", Eval::flag(f.physical_access_compromised, "physical_access_compromised", "physical access to a restricted area (or its protection) compromised", "den fysiske adgang til et begrænset område (eller dens beskyttelse) kompromitteret")),
        criterion("art14_e", "Art. 14(e)", "The integrity, confidentiality or authenticity of data related to the provision of a trust service is compromised with an impact on more than 0,1 % of users or relying parties in the Union, or more than 100 of them, whichever number is smaller.", "Integriteten, fortroligheden eller ægtheden af data vedrørende leveringen af en tillidstjeneste er kompromitteret med virkning for mere end 0,1 % af brugerne eller relying parties i Unionen eller mere end 100 af dem, alt efter hvilket tal der er mindst.", Eval::flag(f.data_compromised, "data_compromised", "data related to the provision of the trust service compromised", "data vedrørende leveringen af tillidstjenesten kompromitteret").and(Eval::users_over(f.users_data_compromise, "users_data_compromise", f.users_in_union, 1, 100))),
    ]
}

/// Complete unavailability of the service for more than `limit` minutes (Art 3(2) applied).
fn unavailable(f: &AffectedService, limit: f64) -> Eval {
    outage_over(
        f.complete_unavailability_minutes,
        Planned::of(f),
        limit,
        "complete_unavailability_minutes",
        "completely unavailable for",
        "fuldstændig utilgængelig i",
    )
}

/// An average response time of more than 10 seconds for more than one hour (Art 3(2) applied
/// to the hour).
fn slow(f: &AffectedService) -> Eval {
    outage_over(
        f.slow_response_minutes,
        Planned::of(f),
        60.0,
        "slow_response_minutes",
        "degraded response time for",
        "forringet svartid i",
    )
    .and(match f.average_response_seconds {
        None => Eval::unknown("average_response_seconds"),
        Some(s) => {
            let met = s > 10.0;
            let (ce, cd) = if met {
                ("more than", "mere end")
            } else {
                ("not more than", "ikke mere end")
            };
            Eval {
                met: Some(met),
                en: format!("average response time {s} s, {ce} 10 s"),
                da: format!("gennemsnitlig svartid {s} s, {cd} 10 s", s = dk(s)),
                needs: Vec::new(),
            }
        }
    })
}

/// Limited availability for more than 5 % of the users in the Union or more than 1 million
/// of them, whichever smaller.
fn limited_users(f: &AffectedService) -> Eval {
    Eval::users_over(
        f.users_limited_availability,
        "users_limited_availability",
        f.users_in_union,
        50,
        1_000_000,
    )
}

/// Limited availability for more than one hour (Art 3(2) applied).
fn limited_over_hour(f: &AffectedService) -> Eval {
    outage_over(
        f.limited_availability_minutes,
        Planned::of(f),
        60.0,
        "limited_availability_minutes",
        "limited availability for",
        "begrænset tilgængelighed i",
    )
}

/// Limited availability for those users for more than one hour.
fn limited_hour(f: &AffectedService) -> Eval {
    limited_users(f).and(limited_over_hour(f))
}

/// During a scheduled interruption or maintenance, whether the complete unavailability went
/// beyond the planned window (criteria without a duration).
fn complete_beyond_window(f: &AffectedService) -> Option<Eval> {
    beyond_window(
        f.complete_unavailability_minutes,
        Planned::of(f),
        "complete_unavailability_minutes",
        "completely unavailable for",
        "fuldstændig utilgængelig i",
    )
}

/// During a scheduled interruption or maintenance, whether the limited availability went
/// beyond the planned window (criteria without a duration).
fn limited_beyond_window(f: &AffectedService) -> Option<Eval> {
    beyond_window(
        f.limited_availability_minutes,
        Planned::of(f),
        "limited_availability_minutes",
        "limited availability for",
        "begrænset tilgængelighed i",
    )
}

/// A criterion with a fixed text.
fn criterion(
    id: &'static str,
    citation: &'static str,
    en: &'static str,
    da: &'static str,
    eval: Eval,
) -> Criterion {
    Criterion {
        id,
        citation,
        text: Text::st(en, da),
        eval,
    }
}
