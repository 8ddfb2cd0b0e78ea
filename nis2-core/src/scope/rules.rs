//! The rules of Articles 2, 3 and 6(35) as data: id, citation, and what the trace says when the
//! rule applies or does not. The texts are our own summaries of the Directive.

use std::sync::OnceLock;

use crate::text::Text;

/// One rule of the applicability engine.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub id: &'static str,
    pub citation: &'static str,
    pub yes: Text,
    pub no: Text,
    /// The trace's words for the outcomes that qualify `yes` or `no`, written on first use.
    pub words: OnceLock<RuleWords>,
}

/// What the trace says of a rule that is presumed not to apply, unknown, or depends on the
/// Member State: its own words with the qualification, the same on every call.
#[derive(Debug, Clone)]
pub(crate) struct RuleWords {
    pub presumed: Text,
    pub unknown: Text,
    pub depends: Text,
}

impl Rule {
    /// [`RuleWords`] of this rule.
    pub(crate) fn words(&self) -> &RuleWords {
        self.words.get_or_init(|| {
            RuleWords {
                presumed: Text::new(
                    format!("{} (Presumed: not stated in the profile; see open questions.)", self.no.en),
                    format!("{} (Antaget: ikke oplyst i profilen; se åbne spørgsmål.)", self.no.da),
                ),
                unknown: Text::new(
                    format!("Unknown until the open questions are answered. If it applies: {}", self.yes.en),
                    format!("Ukendt, indtil de åbne spørgsmål er besvaret. Hvis reglen gælder: {}", self.yes.da),
                ),
                depends: Text::new(
                    format!("Depends on the Member State (not settled by the overlay). If it applies: {}", self.yes.en),
                    format!("Afhænger af medlemsstaten (ikke afklaret i landeoplysningerne). Hvis reglen gælder: {}", self.yes.da),
                ),
            }
        })
    }
}

macro_rules! rule {
    ($name:ident, $id:literal, $cit:literal, $yes_en:literal, $yes_da:literal, $no_en:literal, $no_da:literal) => {
        pub(crate) static $name: Rule = Rule {
            id: $id,
            citation: $cit,
            yes: Text::st($yes_en, $yes_da),
            no: Text::st($no_en, $no_da),
            words: OnceLock::new(),
        };
    };
}

rule!(UNION, "art2_1_union", "Art. 2(1)",
    "The entity provides services or carries out activities in the Union.",
    "Enheden leverer tjenester eller udøver aktiviteter i Unionen.",
    "The entity neither provides services nor carries out activities in the Union, so the Directive does not apply.",
    "Enheden leverer ikke tjenester og udøver ikke aktiviteter i Unionen, så direktivet finder ikke anvendelse.");

rule!(DORA_EXEMPT, "art2_10_dora_exemption", "Art. 2(10)",
    "The entity is exempted from DORA under Art 2(4) of Regulation (EU) 2022/2554, so NIS2 does not apply to it.",
    "Enheden er undtaget fra DORA efter art. 2, stk. 4, i forordning (EU) 2022/2554, så NIS2 finder ikke anvendelse.",
    "The entity is not exempted from DORA under its Art 2(4).",
    "Enheden er ikke undtaget fra DORA efter dens art. 2, stk. 4.");

rule!(SECURITY_EXEMPTION_FULL, "art2_8_full_exemption", "Art. 2(8), third sentence",
    "The Member State exempted the entity, which acts only in national security, public security, defence or law enforcement, also from Art 3 and 27: no NIS2 duties remain.",
    "Medlemsstaten har undtaget enheden, som kun virker inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse, også fra art. 3 og 27: der er ingen NIS2-forpligtelser tilbage.",
    "No full exemption under Art 2(8), third sentence.",
    "Ingen fuld undtagelse efter art. 2, stk. 8, 3. pkt.");

rule!(SECURITY_EXEMPTION_PARTIAL, "art2_8_partial_exemption", "Art. 2(8), first and second sentences",
    "The Member State exempted the entity from Art 21 and 23 for its activities in national security, public security, defence or law enforcement; the entity stays in scope for its other activities, and Chapter VII supervision does not apply to the exempted ones.",
    "Medlemsstaten har undtaget enheden fra art. 21 og 23 for dens aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse; enheden er fortsat omfattet for sine øvrige aktiviteter, og tilsyn efter kapitel VII gælder ikke de undtagne.",
    "No exemption under Art 2(8), first sentence.",
    "Ingen undtagelse efter art. 2, stk. 8, 1. pkt.");

rule!(SECURITY_EXEMPTION_OPEN, "art2_8_exemption_open", "Art. 2(8), third sentence",
    "The entity carries out only activities in national security, public security, defence or law enforcement, or provides services only to the public administration entities of Art 2(7): the Member State may exempt it from Art 3 and 27 as well, so whether it stays in scope depends on that decision (not recorded in the profile).",
    "Enheden udøver kun aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse eller leverer kun tjenester til de offentlige forvaltningsenheder i art. 2, stk. 7: medlemsstaten kan også undtage den fra art. 3 og 27, så om den forbliver omfattet, afhænger af den afgørelse (ikke angivet i profilen).",
    "No open Art 2(8) exemption.",
    "Ingen åben undtagelse efter art. 2, stk. 8.");

rule!(RESEARCH_EDUCATION, "art6_41_education_not_research", "Art. 6(41)",
    "An education institution is not a research organisation: the definition of research organisation does not include educational institutions, so the research activity does not bring this entity into scope (the education institution is judged under Art 2(5)(b)).",
    "En uddannelsesinstitution er ikke en forskningsorganisation: definitionen af forskningsorganisation omfatter ikke uddannelsesinstitutioner, så forskningsaktiviteten bringer ikke denne enhed ind under anvendelsesområdet (uddannelsesinstitutionen bedømmes efter art. 2, stk. 5, litra b).",
    "The entity is not an education institution, so Art 6(41) does not exclude its research activity.",
    "Enheden er ikke en uddannelsesinstitution, så art. 6, nr. 41, udelukker ikke dens forskningsaktivitet.");

rule!(PUBLIC_SECURITY, "art2_7_public_security", "Art. 2(7)",
    "A public administration entity that carries out its activities in national security, public security, defence or law enforcement: the Directive does not apply to it.",
    "En offentlig forvaltningsenhed, der udfører sine aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse: direktivet finder ikke anvendelse på den.",
    "The public administration entity does not carry out its activities in national security, public security, defence or law enforcement, so Art 2(7) does not exclude it.",
    "Den offentlige forvaltningsenhed udfører ikke sine aktiviteter inden for national sikkerhed, offentlig sikkerhed, forsvar eller retshåndhævelse, så art. 2, stk. 7, udelukker den ikke.");

rule!(TRUST_SERVICE_OVERRIDE, "art2_9_trust_service", "Art. 2(9)",
    "Art 2(7) and 2(8) do not apply where the entity acts as a trust service provider: its trust service activity stays in scope.",
    "Art. 2, stk. 7 og 8, gælder ikke, hvor enheden fungerer som tillidstjenesteudbyder: dens tillidstjenesteaktivitet forbliver omfattet.",
    "No trust service activity to keep in scope.",
    "Ingen tillidstjenesteaktivitet at holde inden for anvendelsesområdet.");

rule!(EXCLUDED_BODY, "art6_35_not_public_administration", "Art. 6(35)",
    "The judiciary, parliaments and central banks are not 'public administration entities', so this role does not bring the entity into scope.",
    "Domstole, parlamenter og centralbanker er ikke 'offentlige forvaltningsenheder', så denne rolle bringer ikke enheden ind under anvendelsesområdet.",
    "Not an excluded body.",
    "Ikke et udelukket organ.");

rule!(DOMAIN_REGISTRATION, "art2_4_domain_name_registration", "Art. 2(4)",
    "Entities providing domain name registration services are in scope regardless of size; Art 3 gives them no essential or important class (registration duties of Art 3(3)-(4), 27 and 28).",
    "Enheder, der leverer domænenavnsregistreringstjenester, er omfattet uanset størrelse; art. 3 giver dem ingen klasse som væsentlig eller vigtig (registreringspligter efter art. 3, stk. 3-4, 27 og 28).",
    "Not a domain name registration service.",
    "Ikke en domænenavnsregistreringstjeneste.");

rule!(LOCAL_PA, "art2_5_a_local_public_administration", "Art. 2(5)(a)",
    "The Member State applies the Directive to public administration entities at local level.",
    "Medlemsstaten anvender direktivet på offentlige forvaltningsenheder på lokalt niveau.",
    "The Member State does not apply the Directive to public administration entities at local level.",
    "Medlemsstaten anvender ikke direktivet på offentlige forvaltningsenheder på lokalt niveau.");

rule!(
    EDUCATION,
    "art2_5_b_education_institutions",
    "Art. 2(5)(b)",
    "The Member State applies the Directive to education institutions.",
    "Medlemsstaten anvender direktivet på uddannelsesinstitutioner.",
    "The Member State does not apply the Directive to education institutions.",
    "Medlemsstaten anvender ikke direktivet på uddannelsesinstitutioner."
);

rule!(
    CENTRAL_PA,
    "art2_2_f_i_central_government",
    "Art. 2(2)(f)(i)",
    "A public administration entity of central government is in scope regardless of size.",
    "En offentlig forvaltningsenhed under centralregeringen er omfattet uanset størrelse.",
    "Not a central government public administration entity.",
    "Ikke en offentlig forvaltningsenhed under centralregeringen."
);

rule!(REGIONAL_PA, "art2_2_f_ii_regional_level", "Art. 2(2)(f)(ii)",
    "A regional public administration entity whose services, after the Member State's risk-based assessment, could significantly affect critical societal or economic activities is in scope regardless of size.",
    "En regional offentlig forvaltningsenhed, hvis tjenester efter medlemsstatens risikobaserede vurdering kan have væsentlig indvirkning på kritiske samfundsmæssige eller økonomiske aktiviteter, er omfattet uanset størrelse.",
    "The Member State's risk-based assessment did not find that the regional entity's services could significantly affect critical societal or economic activities.",
    "Medlemsstatens risikobaserede vurdering fandt ikke, at den regionale enheds tjenester kan have væsentlig indvirkning på kritiske samfundsmæssige eller økonomiske aktiviteter.");

rule!(SIZE_CAP, "art2_1_size_cap", "Art. 2(1)",
    "An entity of an Annex I or II type that is a medium-sized enterprise or larger is in scope (size-cap rule).",
    "En enhed af en type i bilag I eller II, som er en mellemstor virksomhed eller større, er omfattet (størrelsesreglen).",
    "Below medium size: the size-cap rule does not bring this activity into scope.",
    "Under mellemstor størrelse: størrelsesreglen bringer ikke denne aktivitet ind under anvendelsesområdet.");

rule!(SIZE_INDEPENDENT_TELECOM, "art2_2_a_i_electronic_communications", "Art. 2(2)(a)(i)",
    "Providers of public electronic communications networks or publicly available electronic communications services are in scope regardless of size.",
    "Udbydere af offentlige elektroniske kommunikationsnet eller offentligt tilgængelige elektroniske kommunikationstjenester er omfattet uanset størrelse.",
    "Not an electronic communications provider.",
    "Ikke en udbyder af elektronisk kommunikation.");

rule!(
    SIZE_INDEPENDENT_TSP,
    "art2_2_a_ii_trust_service_providers",
    "Art. 2(2)(a)(ii)",
    "Trust service providers, qualified or not, are in scope regardless of size.",
    "Tillidstjenesteudbydere, kvalificerede eller ej, er omfattet uanset størrelse.",
    "Not a trust service provider.",
    "Ikke en tillidstjenesteudbyder."
);

rule!(
    SIZE_INDEPENDENT_DNS,
    "art2_2_a_iii_tld_dns",
    "Art. 2(2)(a)(iii)",
    "Top-level domain name registries and DNS service providers are in scope regardless of size.",
    "Topdomænenavneadministratorer og udbydere af DNS-tjenester er omfattet uanset størrelse.",
    "Not a TLD name registry or DNS service provider.",
    "Ikke en topdomænenavneadministrator eller udbyder af DNS-tjenester."
);

rule!(IDENTIFIED, "art2_2_b_e_identified", "Art. 2(2)(b)-(e)",
    "The Member State identified the entity under Art 2(2)(b)-(e) (sole provider, significant impact, systemic risk or specific importance): in scope regardless of size.",
    "Medlemsstaten har identificeret enheden efter art. 2, stk. 2, litra b-e (eneste udbyder, væsentlig indvirkning, systemisk risiko eller særlig betydning): omfattet uanset størrelse.",
    "Not identified by a Member State under Art 2(2)(b)-(e).",
    "Ikke identificeret af en medlemsstat efter art. 2, stk. 2, litra b-e.");

rule!(CER, "art2_3_critical_entity", "Art. 2(3); Art. 3(1)(f)",
    "Identified as a critical entity under Directive (EU) 2022/2557: in scope regardless of size, and essential.",
    "Identificeret som kritisk enhed efter direktiv (EU) 2022/2557: omfattet uanset størrelse og væsentlig.",
    "Not identified as a critical entity under Directive (EU) 2022/2557.",
    "Ikke identificeret som kritisk enhed efter direktiv (EU) 2022/2557.");

rule!(NIS1_OES, "art3_1_g_nis1_operator", "Art. 3(1)(g)",
    "Identified before 16 January 2023 as an operator of essential services under NIS1, and the Member State treats such entities as essential.",
    "Identificeret før 16. januar 2023 som operatør af væsentlige tjenester efter NIS1, og medlemsstaten behandler sådanne enheder som væsentlige.",
    "Art 3(1)(g) does not make the entity essential.",
    "Art. 3, stk. 1, litra g, gør ikke enheden væsentlig.");

rule!(
    LARGE_ANNEX_I,
    "art3_1_a_large_annex_i",
    "Art. 3(1)(a)",
    "An Annex I type that exceeds the ceilings for medium-sized enterprises: essential.",
    "En type i bilag I, der overstiger lofterne for mellemstore virksomheder: væsentlig.",
    "Not an Annex I type exceeding the medium-sized ceilings.",
    "Ikke en type i bilag I, der overstiger lofterne for mellemstore virksomheder."
);

rule!(QTSP_DNS_TLD, "art3_1_b_qtsp_tld_dns", "Art. 3(1)(b)",
    "Qualified trust service providers, TLD name registries and DNS service providers are essential regardless of size.",
    "Kvalificerede tillidstjenesteudbydere, topdomænenavneadministratorer og udbydere af DNS-tjenester er væsentlige uanset størrelse.",
    "Not a qualified trust service provider, TLD name registry or DNS service provider.",
    "Ikke en kvalificeret tillidstjenesteudbyder, topdomænenavneadministrator eller udbyder af DNS-tjenester.");

rule!(MEDIUM_TELECOM, "art3_1_c_medium_telecom", "Art. 3(1)(c)",
    "A provider of public electronic communications networks or services that qualifies as a medium-sized enterprise: essential.",
    "En udbyder af offentlige elektroniske kommunikationsnet eller -tjenester, der er en mellemstor virksomhed: væsentlig.",
    "Not a medium-sized electronic communications provider.",
    "Ikke en mellemstor udbyder af elektronisk kommunikation.");

rule!(
    CENTRAL_PA_ESSENTIAL,
    "art3_1_d_central_government",
    "Art. 3(1)(d)",
    "Public administration entities of central government are essential.",
    "Offentlige forvaltningsenheder under centralregeringen er væsentlige.",
    "Not a central government public administration entity.",
    "Ikke en offentlig forvaltningsenhed under centralregeringen."
);

rule!(
    IDENTIFIED_ESSENTIAL,
    "art3_1_e_identified_essential",
    "Art. 3(1)(e)",
    "Identified by the Member State as an essential entity under Art 2(2)(b)-(e).",
    "Identificeret af medlemsstaten som væsentlig enhed efter art. 2, stk. 2, litra b-e.",
    "Not identified as an essential entity under Art 2(2)(b)-(e).",
    "Ikke identificeret som væsentlig enhed efter art. 2, stk. 2, litra b-e."
);

rule!(
    IMPORTANT,
    "art3_2_important",
    "Art. 3(2)",
    "An entity of an Annex I or II type in scope that is not essential is an important entity.",
    "En omfattet enhed af en type i bilag I eller II, som ikke er væsentlig, er en vigtig enhed.",
    "Essential, so not important.",
    "Væsentlig og derfor ikke vigtig."
);

rule!(STRICTEST, "strictest_outcome", "Art. 2; Art. 3",
    "The entity carries out several activities; each was evaluated and the strictest outcome applies to the entity as a whole.",
    "Enheden udøver flere aktiviteter; hver er vurderet, og det strengeste resultat gælder for enheden som helhed.",
    "",
    "");

rule!(PUBLIC_CONTROL, "art2_1_public_control_disregarded", "Art. 2(1), second subparagraph; Rec. 2003/361/EC, Annex, Art. 3(4)",
    "Control by public bodies does not stop the entity being sized as an SME: NIS2 disapplies Annex Art 3(4), so the figures alone decide.",
    "Offentlige organers kontrol forhindrer ikke, at enheden vurderes som SMV: NIS2 fraviger bilagets art. 3, stk. 4, så tallene alene afgør det.",
    "",
    "");

rule!(NO_RELATED, "rec_2003_361_autonomous", "Rec. 2003/361/EC, Annex, Art. 3(1), 6",
    "No partner or linked enterprises were declared: the figures are taken as those of an autonomous enterprise, or as already aggregated.",
    "Der er ikke angivet partnervirksomheder eller tilknyttede virksomheder: tallene behandles som en uafhængig virksomheds eller som allerede sammenlagte.",
    "",
    "");

rule!(SIZE_CLASS, "rec_2003_361_size_class", "Rec. 2003/361/EC, Annex, Art. 2",
    "Size class from staff headcount (AWU) and turnover or balance sheet total: a class applies when staff is below its ceiling and turnover or balance sheet total does not exceed its ceiling.",
    "Størrelsesklasse ud fra antal beskæftigede (årsværk) og omsætning eller balance: en klasse gælder, når antal beskæftigede er under loftet, og omsætningen eller balancen ikke overstiger loftet.",
    "",
    "");

rule!(NACE_EXACT, "nace_exact", "Annex I, point 5; Annex II, point 5",
    "A NACE code given is in a division by which the Annex defines the entity type (C21, C26-C30): the activity counts as that type.",
    "En angivet NACE-kode ligger i en hovedgruppe, som bilaget definerer enhedstypen ved (C21, C26-C30): aktiviteten tæller som den type.",
    "",
    "");

rule!(NACE_INDICATIVE, "nace_indicative", "Annex I; Annex II",
    "A NACE code given suggests the entity type, which the Annex defines by another act's legal definition: not counted until confirmed (see the open question).",
    "En angivet NACE-kode peger på enhedstypen, som bilaget definerer ved en anden retsakts definition: den tælles ikke med, før det er bekræftet (se det åbne spørgsmål).",
    "",
    "");

/// Every rule, in the order they are declared (for the label catalog).
pub(crate) static ALL: &[&Rule] = &[
    &UNION,
    &DORA_EXEMPT,
    &SECURITY_EXEMPTION_FULL,
    &SECURITY_EXEMPTION_PARTIAL,
    &SECURITY_EXEMPTION_OPEN,
    &RESEARCH_EDUCATION,
    &PUBLIC_SECURITY,
    &TRUST_SERVICE_OVERRIDE,
    &EXCLUDED_BODY,
    &DOMAIN_REGISTRATION,
    &LOCAL_PA,
    &EDUCATION,
    &CENTRAL_PA,
    &REGIONAL_PA,
    &SIZE_CAP,
    &SIZE_INDEPENDENT_TELECOM,
    &SIZE_INDEPENDENT_TSP,
    &SIZE_INDEPENDENT_DNS,
    &IDENTIFIED,
    &CER,
    &NIS1_OES,
    &LARGE_ANNEX_I,
    &QTSP_DNS_TLD,
    &MEDIUM_TELECOM,
    &CENTRAL_PA_ESSENTIAL,
    &IDENTIFIED_ESSENTIAL,
    &IMPORTANT,
    &STRICTEST,
    &PUBLIC_CONTROL,
    &NO_RELATED,
    &SIZE_CLASS,
    &NACE_EXACT,
    &NACE_INDICATIVE,
];
