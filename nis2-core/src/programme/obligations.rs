//! Obligation facts that follow from a scope result: the Art 34(4)/(5) administrative fine
//! ceilings, the Art 32/33 supervision regime, the registration data to keep current (Art 3(4);
//! Art 27 for the main-establishment types) and the Art 23 reporting clocks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Note, RESULT_SCHEMA_VERSION};
use crate::entity_types::{RuleGroup, VerificationStatus};
use crate::error::{Error, Result};
use crate::float_text::Plain;
use crate::lang::{dk, Lang};
use crate::scope::profile::Profile;
use crate::scope::result::{
    Classification, Displacement, InScope, Provision, ScopeResult, SupervisionRegime,
};
use crate::text::{Item, Str, Text};

/// `obligations`: what follows from the scope of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationsRequest {
    /// The scope profile (as for `scope`).
    pub profile: Profile,
    /// The total worldwide annual turnover, in the preceding financial year, of the undertaking
    /// the entity belongs to (EUR). Sets the turnover-based ceiling of Art 34(4)/(5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub worldwide_turnover_eur: Option<f64>,
}

/// Whether a fine ceiling applies to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FineApplies {
    /// It applies: the class is settled.
    Yes,
    /// It does not apply: national law exempts public administration entities from fines
    /// (Art 34(7)).
    No,
    /// It applies if the organisation turns out to be of this class, which is not settled yet.
    Undetermined,
    /// A public administration entity: whether and how far fines apply is for each Member State
    /// to decide (Art 34(7)), and the data does not settle it.
    DependsOnMemberState,
}

/// An Art 34 ceiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FineCeiling {
    /// The class it is for.
    pub class: Classification,
    /// Whether it applies.
    pub applies: FineApplies,
    /// The legal basis.
    pub citation: Str,
    /// The fixed amount the national maximum must at least reach (EUR).
    pub fixed_eur: f64,
    /// The percentage of worldwide turnover the national maximum must at least reach.
    pub turnover_percent: f64,
    /// That percentage of the turnover given (EUR), if given.
    pub turnover_based_eur: Option<f64>,
    /// The higher of the two: the lowest maximum national law may set (EUR). Without the
    /// turnover, the fixed amount (a lower bound).
    pub maximum_at_least_eur: f64,
    /// What it means.
    pub text: Text,
}

/// A Member State's maximum fines under its national act (Art 34(4)/(5) as transposed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalFines {
    /// The Member State.
    pub member_state: Str,
    /// The currency of the amounts (ISO 4217).
    pub currency: Str,
    /// Maximum fixed amount for essential entities, if recorded.
    pub essential_max_amount: Option<f64>,
    /// Maximum percentage of worldwide annual turnover for essential entities, if recorded.
    pub essential_max_percent: Option<f64>,
    /// Maximum fixed amount for important entities, if recorded.
    pub important_max_amount: Option<f64>,
    /// Maximum percentage of worldwide annual turnover for important entities, if recorded.
    pub important_max_percent: Option<f64>,
    /// The national provision.
    pub citation: Str,
    /// How far the amounts were verified (`verified` or `secondary`).
    pub status: VerificationStatus,
    /// When they were read.
    pub read_on: Str,
    /// What it means.
    pub text: Text,
}

/// The national maxima of a Member State whose act is in force, where recorded as verified or
/// secondary; nothing otherwise (an unverified amount is never shown as the law).
fn national_fines(member_state: Option<&str>) -> Result<Option<NationalFines>> {
    let Some(state) = member_state
        .map(crate::overlay::state)
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    let f = &state.fines;
    let settled = matches!(
        f.status,
        VerificationStatus::Verified | VerificationStatus::Secondary
    );
    let any = [
        f.essential_max_amount,
        f.essential_max_percent,
        f.important_max_amount,
        f.important_max_percent,
    ]
    .iter()
    .any(Option::is_some);
    let (Some(currency), true, true, true) = (
        f.currency.as_deref(),
        settled,
        any,
        state.transposition.status.in_force(),
    ) else {
        return Ok(None);
    };
    // Danish writes the amount before the currency, with a decimal comma (as the Danish
    // text of Art 34 does: "10 000 000 EUR").
    let part = |amount: Option<f64>, percent: Option<f64>, da: bool| -> String {
        let or = if da { "eller" } else { "or" };
        let lang = if da { Lang::Da } else { Lang::En };
        let money = |a: f64| {
            if da {
                format!("{} {currency}", lang.number(Plain(a)))
            } else {
                format!("{currency} {}", Plain(a))
            }
        };
        match (amount, percent) {
            (Some(a), Some(p)) => format!("{} {or} {} %", money(a), lang.number(Plain(p))),
            (Some(a), None) => money(a),
            (None, Some(p)) => format!("{} %", lang.number(Plain(p))),
            (None, None) => {
                if da {
                    "ikke registreret".to_owned()
                } else {
                    "not recorded".to_owned()
                }
            }
        }
    };
    let (src_en, src_da) = if f.status == VerificationStatus::Verified {
        ("read in the national act", "læst i den nationale lov")
    } else {
        ("from secondary sources", "fra sekundære kilder")
    };
    let text = Text::new(
        format!(
            "{}: maximum fines under the national act — essential entities {}, important entities {} (percentages of the total worldwide annual turnover, whichever is higher); {src_en}, as read on {}.",
            state.name.en,
            part(f.essential_max_amount, f.essential_max_percent, false),
            part(f.important_max_amount, f.important_max_percent, false),
            f.read_on
        ),
        format!(
            "{}: maksimale bøder efter den nationale lov — væsentlige enheder {}, vigtige enheder {} (procent af den samlede globale årsomsætning, alt efter hvilket beløb der er højest); {src_da}, som læst {}.",
            state.name.da,
            part(f.essential_max_amount, f.essential_max_percent, true),
            part(f.important_max_amount, f.important_max_percent, true),
            f.read_on
        ),
    );
    Ok(Some(NationalFines {
        member_state: Str::Owned(state.code.clone()),
        currency: Str::Owned(currency.to_owned()),
        essential_max_amount: f.essential_max_amount,
        essential_max_percent: f.essential_max_percent,
        important_max_amount: f.important_max_amount,
        important_max_percent: f.important_max_percent,
        citation: Str::Owned(f.citation.clone().unwrap_or_else(|| "Art. 34".to_owned())),
        status: f.status,
        read_on: Str::Owned(f.read_on.clone()),
        text,
    }))
}

/// The supervision regime with the powers it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionFacts {
    /// The regime.
    pub regime: SupervisionRegime,
    /// The legal basis.
    pub citation: Str,
    /// What it means.
    pub text: Text,
    /// The supervisory and enforcement powers.
    pub powers: Vec<Item>,
}

/// Registration data to keep current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationDuty {
    /// Stable id.
    pub id: Str,
    /// The legal basis.
    pub citation: Str,
    /// The data to submit.
    pub data: Vec<Item>,
    /// How fast changes must be notified.
    pub changes: Text,
    /// The activities it concerns (empty: the whole entity).
    pub entity_types: Vec<Str>,
    /// How far it is verified.
    pub status: VerificationStatus,
}

/// The Art 23 reporting clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingFacts {
    /// Hours to the early warning.
    pub early_warning_hours: u32,
    /// Hours to the incident notification.
    pub notification_hours: u32,
    /// For a trust service provider, hours to the notification of incidents affecting its trust
    /// services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust_service_notification_hours: Option<u32>,
    /// The final report.
    pub final_report: Text,
    /// The activities whose significant incidents are specified by Reg. (EU) 2024/2690.
    pub cir_2024_2690_entity_types: Vec<Str>,
    /// The legal basis.
    pub citation: Str,
}

/// The result of `obligations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationsResult {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// The organisation's name, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Member State, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    /// Whether the Directive applies (from `scope`).
    pub in_scope: InScope,
    /// The class (from `scope`).
    pub classification: Classification,
    /// The turnover used, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worldwide_turnover_eur: Option<f64>,
    /// The Art 34 ceilings that apply (both, while the class is not settled).
    pub fines: Vec<FineCeiling>,
    /// The national maximum fines of the Member State, where its data records them as
    /// verified or secondary and its act is in force (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_fines: Option<NationalFines>,
    /// The supervision regime.
    pub supervision: SupervisionFacts,
    /// Provisions another act displaces (from `scope`): for the whole organisation, displaced
    /// supervision and enforcement leave no fine ceiling, displaced reporting no clocks, and a
    /// national carve-out no national registration.
    pub displacements: Vec<Displacement>,
    /// The registration data to keep current.
    pub registration: Vec<RegistrationDuty>,
    /// The reporting clocks, where Art 23 applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<ReportingFacts>,
    /// Caveats and national notes.
    pub notes: Vec<Note>,
}

/// Rewrite the paths of an error found in an embedded document (`$…` → `{prefix}…`).
pub(crate) fn prefix_paths(e: Error, prefix: &str) -> Error {
    e.map_paths(&|p| match p.strip_prefix('$') {
        Some(rest) => format!("{prefix}{rest}"),
        None => p,
    })
}

/// Derive the obligation facts from a scope profile.
pub fn obligations(request: &ObligationsRequest) -> Result<ObligationsResult> {
    let turnover_problem = request.worldwide_turnover_eur.and_then(|t| {
        (!t.is_finite() || t < 0.0).then(|| {
            Error::invalid(
                "$.worldwide_turnover_eur",
                format!(
                    "must be a finite amount in EUR, zero or more, got {}",
                    Plain(t)
                ),
            )
        })
    });
    let scope = crate::scope::scope(&request.profile).map_err(|e| prefix_paths(e, "$.profile"));
    let scope = match (scope, turnover_problem) {
        (Ok(s), None) => s,
        (Err(e), None) => return Err(e),
        (Ok(_), Some(t)) => return Err(t),
        (Err(e), Some(t)) => {
            let mut list = match e {
                Error::Multiple(v) => v,
                other => vec![other],
            };
            list.push(t);
            return Err(Error::Multiple(list));
        }
    };
    from_scope(&scope, request.worldwide_turnover_eur)
}

/// Derive the obligation facts from a scope result already computed.
pub fn from_scope(scope: &ScopeResult, turnover: Option<f64>) -> Result<ObligationsResult> {
    let catalog = crate::entity_types::catalog()?;
    let class = scope.classification;
    let settled = matches!(class, Classification::Essential | Classification::Important);
    let open = matches!(
        class,
        Classification::DependsOnMemberState | Classification::Undetermined
    );
    let active: Vec<&crate::entity_types::EntityType> = scope
        .activities
        .iter()
        .filter(|a| a.in_scope != InScope::No)
        .filter_map(|a| catalog.get(&a.entity_type))
        .collect();
    let in_scope = scope.in_scope != InScope::No;
    let whole = crate::scope::displacement::whole(&scope.displacements);
    let pa = public_administration(scope, &active)?;
    let fines = if whole.contains(&Provision::SupervisionAndEnforcement) {
        Vec::new()
    } else {
        fine_ceilings(class, settled, open, turnover, pa)
    };

    let registration = if in_scope {
        registration_duties(scope, &active)
    } else {
        Vec::new()
    };
    let reporting = if whole.contains(&Provision::Reporting) {
        None
    } else {
        reporting_facts(in_scope, class, &active)
    };

    let mut notes = Vec::new();
    displacement_notes(scope, &whole, &mut notes);
    if !fines.is_empty() {
        fine_notes(scope, turnover, pa, &mut notes);
    }
    if (settled || open) && !whole.contains(&Provision::SupervisionAndEnforcement) {
        notes.push(Note::new(
            "art32_6_liability",
            "Art. 32(6); Art. 33(5)",
            Text::st(
                "Natural persons responsible for or acting as legal representatives of the entity, on the basis of their power to represent it, take decisions on its behalf or exercise control of it, must be able to be held liable for breach of their duties to ensure compliance.",
                "Fysiske personer, der er ansvarlige for eller optræder som juridiske repræsentanter for enheden på grundlag af beføjelse til at repræsentere den, træffe beslutninger på dens vegne eller udøve kontrol med den, skal kunne holdes ansvarlige for tilsidesættelse af deres pligt til at sikre overholdelse.",
            ),
            VerificationStatus::Verified,
        ));
    }
    if class == Classification::RegistrationOnly {
        notes.push(Note::new(
            "registration_only",
            "Art. 2(4); Art. 3(3)",
            Text::st(
                "Domain name registration services are in scope for registration (and Art 28) but are not classified as essential or important; Art 34(4)/(5) set no ceiling for them, and whether Art 21 and 23 bind them has not been verified.",
                "Domænenavnsregistreringstjenester er omfattet med henblik på registrering (og art. 28), men klassificeres ikke som væsentlige eller vigtige; art. 34, stk. 4 og 5, fastsætter ikke et loft for dem, og om art. 21 og 23 gælder for dem, er ikke kontrolleret.",
            ),
            VerificationStatus::Unverified,
        ));
    }

    let national_fines = if fines.is_empty() || national_act_displaced(scope) {
        None
    } else {
        national_fines(scope.member_state.as_deref())?
    };
    Ok(ObligationsResult {
        national_fines,
        schema_version: RESULT_SCHEMA_VERSION.to_owned(),
        name: scope.name.clone(),
        member_state: scope.member_state.clone(),
        in_scope: scope.in_scope,
        classification: class,
        worldwide_turnover_eur: turnover,
        fines,
        supervision: supervision(scope),
        displacements: scope.displacements.clone(),
        registration,
        reporting,
        notes,
    })
}

/// What displaced provisions leave out: fines and supervision, reporting clocks.
fn displacement_notes(scope: &ScopeResult, whole: &[Provision], notes: &mut Vec<Note>) {
    let by = |p: Provision| crate::scope::displacement::find_whole(&scope.displacements, p);
    if let Some(d) = by(Provision::SupervisionAndEnforcement) {
        notes.push(Note {
            id: Str::Borrowed("chapter_vii_displaced"),
            citation: d.citation.clone(),
            text: Text::new(
                format!("No Art 34 fine ceiling and no Art 32/33 supervision: Chapter VII does not apply to the organisation's activities in scope; supervision, enforcement and penalties follow {}.", d.governed_by.en),
                format!("Intet bødeloft efter art. 34 og intet tilsyn efter art. 32/33: kapitel VII gælder ikke for organisationens omfattede aktiviteter; tilsyn, håndhævelse og sanktioner følger {}.", d.governed_by.da),
            ),
            status: d.status,
        });
    }
    if let (true, Some(d)) = (
        whole.contains(&Provision::Reporting),
        by(Provision::Reporting),
    ) {
        notes.push(Note {
            id: Str::Borrowed("art23_displaced"),
            citation: d.citation.clone(),
            text: Text::new(
                format!("No Art 23 reporting clocks: Art 23 does not apply to the organisation's activities in scope; {} governs instead.", d.governed_by.en),
                format!("Ingen indberetningsfrister efter art. 23: art. 23 gælder ikke for organisationens omfattede aktiviteter; {} gælder i stedet.", d.governed_by.da),
            ),
            status: d.status,
        });
    }
}

/// Whether the organisation is a public administration entity and, if so, whether the
/// national act of its State of establishment settles the fines for such entities (Art 34(7)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PublicAdministration {
    /// Not a public administration entity.
    No,
    /// One, and national law (as recorded, verified or secondary) says whether fines apply.
    Settled(bool),
    /// One, and nothing settles it.
    Open,
}

fn public_administration(
    scope: &ScopeResult,
    active: &[&crate::entity_types::EntityType],
) -> Result<PublicAdministration> {
    let is_pa = active.iter().any(|t| {
        matches!(
            t.rule_group,
            RuleGroup::CentralPublicAdministration
                | RuleGroup::RegionalPublicAdministration
                | RuleGroup::LocalPublicAdministration
        )
    });
    if !is_pa {
        return Ok(PublicAdministration::No);
    }
    let settled = scope
        .member_state
        .as_deref()
        .map(crate::overlay::state)
        .transpose()?
        .flatten()
        .filter(|s| s.transposition.status.adopted())
        .map(|s| &s.fines)
        .filter(|f| f.status != VerificationStatus::Unverified)
        .and_then(|f| f.public_administration_fines);
    Ok(settled.map_or(PublicAdministration::Open, PublicAdministration::Settled))
}

/// Whether the national act of the State of establishment does not apply to any activity in
/// scope (a national carve-out for the whole organisation).
fn national_act_displaced(scope: &ScopeResult) -> bool {
    scope.displacements.iter().any(|d| {
        d.whole_entity
            && d.status != VerificationStatus::Unverified
            && d.provisions.contains(&Provision::NationalAct)
            && d.member_state.as_deref() == scope.member_state.as_deref()
    })
}

/// The fine ceilings of Art 34(4)/(5): of the class, or of both while the class is open.
fn fine_ceilings(
    class: Classification,
    settled: bool,
    open: bool,
    turnover: Option<f64>,
    pa: PublicAdministration,
) -> Vec<FineCeiling> {
    let applies = match pa {
        PublicAdministration::Settled(false) => FineApplies::No,
        PublicAdministration::Open => FineApplies::DependsOnMemberState,
        _ if settled => FineApplies::Yes,
        _ => FineApplies::Undetermined,
    };
    let mut fines = Vec::new();
    if class == Classification::Essential || open {
        fines.push(ceiling(Classification::Essential, applies, turnover));
    }
    if class == Classification::Important || open {
        fines.push(ceiling(Classification::Important, applies, turnover));
    }
    fines
}

/// The registration duties of an entity in scope: Art 3(4); Art 27 for the types registered
/// where their main establishment is; in Denmark, NIS 2-loven § 10.
fn registration_duties(
    scope: &ScopeResult,
    active: &[&crate::entity_types::EntityType],
) -> Vec<RegistrationDuty> {
    let mut registration = vec![art3_4_duty()];
    let me: Vec<Str> = active
        .iter()
        .filter(|t| t.main_establishment)
        .map(|t| Str::Owned(t.id.clone()))
        .collect();
    if !me.is_empty() {
        registration.push(art27_duty(me));
    }
    if scope.member_state.as_deref() == Some("DK") && !national_act_displaced(scope) {
        registration.push(dk_registration_duty());
    }
    registration
}

/// Art 3(4): the data every entity in scope submits.
fn art3_4_duty() -> RegistrationDuty {
    RegistrationDuty {
        id: Str::Borrowed("art3_4"),
        citation: Str::Borrowed("Art. 3(4)"),
        data: vec![
            Item::st("name", "name", "navn"),
            Item::st("contact_details", 
                "address and up-to-date contact details, including e-mail addresses, IP ranges and telephone numbers",
                "adresse og ajourførte kontaktoplysninger, herunder e-mailadresser, IP-intervaller og telefonnumre",
            ),
            Item::st("sector", 
                "where applicable, the relevant sector and subsector of Annex I or II",
                "hvor det er relevant, den relevante sektor og delsektor i bilag I eller II",
            ),
            Item::st("member_states", 
                "where applicable, the Member States where services within scope are provided",
                "hvor det er relevant, de medlemsstater, hvor der leveres tjenester omfattet af direktivet",
            ),
        ],
        changes: Text::st(
            "Notify changes without delay and in any event within two weeks of the date of the change.",
            "Ændringer meddeles straks og under alle omstændigheder senest to uger efter ændringen.",
        ),
        entity_types: Vec::new(),
        status: VerificationStatus::Verified,
    }
}

/// Art 27(2), 27(3): the registry of the types registered where their main establishment is.
fn art27_duty(me: Vec<Str>) -> RegistrationDuty {
    RegistrationDuty {
        id: Str::Borrowed("art27_2"),
        citation: Str::Borrowed("Art. 27(2), 27(3)"),
        data: vec![
            Item::st("name", "name", "navn"),
            Item::st("sector_and_type", 
                "relevant sector, subsector and type of entity in Annex I or II",
                "relevant sektor, delsektor og enhedstype i bilag I eller II",
            ),
            Item::st("addresses", 
                "address of the main establishment and of the other legal establishments in the Union or, if not established in the Union, of the representative (Art 26(3))",
                "adressen på hovedforretningsstedet og de øvrige juridiske forretningssteder i Unionen eller, hvis enheden ikke er etableret i Unionen, på repræsentanten (art. 26, stk. 3)",
            ),
            Item::st("contact_details", 
                "up-to-date contact details, including e-mail addresses and telephone numbers of the entity and, where applicable, its representative",
                "ajourførte kontaktoplysninger, herunder e-mailadresser og telefonnumre for enheden og i givet fald dens repræsentant",
            ),
            Item::st("member_states", 
                "the Member States where the entity provides services",
                "de medlemsstater, hvor enheden leverer tjenester",
            ),
            Item::st("ip_ranges", "the entity's IP ranges", "enhedens IP-intervaller"),
        ],
        changes: Text::st(
            "Notify changes without delay and in any event within three months of the date of the change (Art 27(3)).",
            "Ændringer meddeles straks og under alle omstændigheder senest tre måneder efter ændringen (art. 27, stk. 3).",
        ),
        entity_types: me,
        status: VerificationStatus::Verified,
    }
}

/// NIS 2-loven § 10: registration on virk.dk.
fn dk_registration_duty() -> RegistrationDuty {
    RegistrationDuty {
        id: Str::Borrowed("dk_nis2_loven_10"),
        citation: Str::Borrowed("NIS 2-loven § 10"),
        data: vec![Item::st("virk_registration", 
            "the data of Art 3(4), registered on virk.dk with MitID",
            "oplysningerne i art. 3, stk. 4, registreret på virk.dk med MitID",
        )],
        changes: Text::st(
            "Register within two weeks of becoming covered (§ 10(2)); notify changes within two weeks (§ 10(3)).",
            "Registrér senest to uger efter, at enheden er blevet omfattet (§ 10, stk. 2); meddel ændringer senest to uger efter (§ 10, stk. 3).",
        ),
        entity_types: Vec::new(),
        status: VerificationStatus::Verified,
    }
}

/// The reporting facts of Art 23(4) for an entity in scope that is not registration-only.
fn reporting_facts(
    in_scope: bool,
    class: Classification,
    active: &[&crate::entity_types::EntityType],
) -> Option<ReportingFacts> {
    let tsp = active
        .iter()
        .any(|t| t.rule_group == RuleGroup::TrustService);
    let cir: Vec<Str> = active
        .iter()
        .filter(|t| t.cir_2024_2690)
        .map(|t| Str::Owned(t.id.clone()))
        .collect();
    (in_scope && class != Classification::RegistrationOnly).then(|| ReportingFacts {
        early_warning_hours: 24,
        notification_hours: 72,
        trust_service_notification_hours: tsp.then_some(24),
        final_report: Text::st(
            "Not later than one month after the submission of the incident notification; if the incident is still ongoing then, a progress report at that time and the final report within one month of its handling.",
            "Senest en måned efter indsendelsen af hændelsesunderretningen; er hændelsen stadig i gang, en statusrapport på det tidspunkt og den endelige rapport senest en måned efter håndteringen.",
        ),
        cir_2024_2690_entity_types: cir,
        citation: Str::Borrowed("Art. 23(4)"),
    })
}

/// The notes on the fine ceilings: minimum maxima, turnover, GDPR, public administration and
/// (in Denmark) the courts.
fn fine_notes(
    scope: &ScopeResult,
    turnover: Option<f64>,
    pa: PublicAdministration,
    notes: &mut Vec<Note>,
) {
    notes.push(Note::new(
        "art34_minimum_maxima",
        "Art. 34(4), 34(5)",
        Text::st(
            "These are the minimum levels the national maximum fines must reach (\"a maximum of at least\"); national law may set higher maxima, and the fine in a given case is decided on the circumstances (Art 34(1)–(3), Art 32(7)).",
            "Beløbene er de minimumsniveauer, de nationale maksimale bøder skal nå (\"et maksimum på mindst\"); national ret kan fastsætte højere maksima, og bøden i den enkelte sag fastsættes efter omstændighederne (art. 34, stk. 1-3, art. 32, stk. 7).",
        ),
        VerificationStatus::Verified,
    ));
    notes.push(Note::new(
        "art34_turnover",
        "Art. 34(4), 34(5)",
        if turnover.is_some() {
            Text::st(
                "The turnover is the total worldwide annual turnover, in the preceding financial year, of the undertaking to which the entity belongs.",
                "Omsætningen er den samlede globale årsomsætning i det foregående regnskabsår for den virksomhed, som enheden tilhører.",
            )
        } else {
            Text::st(
                "The turnover-based ceiling needs the total worldwide annual turnover, in the preceding financial year, of the undertaking to which the entity belongs (worldwide_turnover_eur); without it, only the fixed amount is shown.",
                "Det omsætningsbaserede loft kræver den samlede globale årsomsætning i det foregående regnskabsår for den virksomhed, som enheden tilhører (worldwide_turnover_eur); uden den vises kun det faste beløb.",
            )
        },
        VerificationStatus::Verified,
    ));
    notes.push(Note::new(
        "art35_gdpr",
        "Art. 35(2)",
        Text::st(
            "Where a GDPR supervisory authority imposes a fine for the same conduct under Art 58(2)(i) GDPR, no NIS2 administrative fine is imposed for it; other enforcement measures remain possible.",
            "Hvis en GDPR-tilsynsmyndighed pålægger en bøde for samme adfærd efter GDPR art. 58, stk. 2, litra i, pålægges der ikke en NIS2-administrativ bøde for den; andre håndhævelsesforanstaltninger er stadig mulige.",
        ),
        VerificationStatus::Verified,
    ));
    if pa != PublicAdministration::No {
        notes.push(Note::new(
            "art34_7_public_administration",
            "Art. 34(7)",
            match pa {
                PublicAdministration::Settled(true) => Text::st(
                    "Each Member State decides whether, and to what extent, administrative fines may be imposed on public administration entities; the national act of the State of establishment allows them (see its data for the extent).",
                    "Hver medlemsstat bestemmer, om og i hvilket omfang der kan pålægges offentlige forvaltningsenheder administrative bøder; den nationale lov i etableringsstaten giver mulighed for det (se dens data for omfanget).",
                ),
                PublicAdministration::Settled(false) => Text::st(
                    "Each Member State decides whether, and to what extent, administrative fines may be imposed on public administration entities; the national act of the State of establishment does not allow them, so the ceilings do not apply.",
                    "Hver medlemsstat bestemmer, om og i hvilket omfang der kan pålægges offentlige forvaltningsenheder administrative bøder; den nationale lov i etableringsstaten giver ikke mulighed for det, så lofterne gælder ikke.",
                ),
                _ => Text::st(
                    "Each Member State decides whether, and to what extent, administrative fines may be imposed on public administration entities; the data does not settle it for this State, so whether the ceilings apply depends on the Member State.",
                    "Hver medlemsstat bestemmer, om og i hvilket omfang der kan pålægges offentlige forvaltningsenheder administrative bøder; data afgør det ikke for denne stat, så om lofterne gælder, afhænger af medlemsstaten.",
                ),
            },
            VerificationStatus::Verified,
        ));
    }
    if scope.member_state.as_deref() == Some("DK") && !national_act_displaced(scope) {
        notes.push(Note::new(
            "dk_fines_courts",
            "Art. 34(8); NIS 2-loven",
            Text::st(
                "Denmark has no administrative fines: fines are initiated by the competent authority and imposed by the courts after prosecution (the Art 34(8) route). The ceilings above still set the level the Directive requires.",
                "Danmark har ikke administrative bøder: bøder indledes af den kompetente myndighed og pålægges af domstolene efter retsforfølgning (ordningen i art. 34, stk. 8). Lofterne ovenfor angiver stadig det niveau, direktivet kræver.",
            ),
            VerificationStatus::Secondary,
        ));
    }
}

fn ceiling(class: Classification, applies: FineApplies, turnover: Option<f64>) -> FineCeiling {
    let (citation, fixed, percent, tenths) = if class == Classification::Essential {
        ("Art. 34(4)", 10_000_000.0, 2.0, 20.0)
    } else {
        ("Art. 34(5)", 7_000_000.0, 1.4, 14.0)
    };
    // `turnover × tenths / 1000` keeps round amounts exact in binary floating point.
    let based = turnover.map(|t| t * tenths / 1000.0);
    let max = based.map_or(fixed, |b: f64| b.max(fixed));
    let who = if class == Classification::Essential {
        ("essential", "væsentlige")
    } else {
        ("important", "vigtige")
    };
    let (fixed_t, percent_t, max_t) = (Plain(fixed), Plain(percent), Plain(max));
    let text = match based.map(Plain) {
        Some(b) => Text::new(
            format!("For infringing Art 21 or 23, {} entities face administrative fines with a maximum of at least EUR {fixed_t} or {percent_t} % of the worldwide turnover (EUR {b}), whichever is higher: at least EUR {max_t}.", who.0),
            format!("For overtrædelse af art. 21 eller 23 kan {} enheder pålægges administrative bøder med et maksimum på mindst {fixed_t} EUR eller {percent_t} % af den globale omsætning ({b} EUR), alt efter hvilket beløb der er højest: mindst {max_t} EUR.", who.1, fixed_t = dk(fixed_t), percent_t = dk(percent_t), b = dk(b), max_t = dk(max_t)),
        ),
        None => Text::new(
            format!("For infringing Art 21 or 23, {} entities face administrative fines with a maximum of at least EUR {fixed_t} or {percent_t} % of the total worldwide annual turnover of the undertaking, whichever is higher.", who.0),
            format!("For overtrædelse af art. 21 eller 23 kan {} enheder pålægges administrative bøder med et maksimum på mindst {fixed_t} EUR eller {percent_t} % af virksomhedens samlede globale årsomsætning, alt efter hvilket beløb der er højest.", who.1, fixed_t = dk(fixed_t), percent_t = dk(percent_t)),
        ),
    };
    FineCeiling {
        class,
        applies,
        citation: Str::Borrowed(citation),
        fixed_eur: fixed,
        turnover_percent: percent,
        turnover_based_eur: based,
        maximum_at_least_eur: max,
        text,
    }
}

fn supervision(scope: &ScopeResult) -> SupervisionFacts {
    let s = &scope.supervision;
    let essential = vec![
        Item::st("inspections", "on-site inspections and off-site supervision, including random checks", "inspektioner på stedet og tilsyn uden for stedet, herunder stikprøvekontroller"),
        Item::st("audits", "regular and targeted security audits", "regelmæssige og målrettede sikkerhedsaudit"),
        Item::st("ad_hoc_audits", "ad hoc audits, including after a significant incident or an infringement", "ad hoc-audit, herunder efter en væsentlig hændelse eller en overtrædelse"),
        Item::st("security_scans", "security scans", "sikkerhedsscanninger"),
        Item::st("information_requests", "requests for information and for access to data, documents and evidence of implementation", "anmodninger om oplysninger og om adgang til data, dokumenter og dokumentation for gennemførelse"),
        Item::st("enforcement", "warnings, binding instructions and orders, a monitoring officer, public statements, administrative fines (Art 32(4))", "advarsler, bindende instrukser og påbud, en tilsynsførende, offentliggørelse, administrative bøder (art. 32, stk. 4)"),
        Item::st("suspension_and_ban", "if those are ineffective: temporary suspension of a certification or authorisation, and a temporary ban on managerial functions (Art 32(5))", "hvis de ikke er effektive: midlertidig suspension af en certificering eller tilladelse og et midlertidigt forbud mod at udøve ledelsesfunktioner (art. 32, stk. 5)"),
    ];
    let important = vec![
        Item::st("ex_post_only", "ex post only: when the authority is provided with evidence, indication or information of non-compliance", "kun efterfølgende: når myndigheden får dokumentation, indikationer eller oplysninger om manglende overholdelse"),
        Item::st("inspections", "on-site inspections and off-site ex post supervision", "inspektioner på stedet og efterfølgende tilsyn uden for stedet"),
        Item::st("targeted_audits", "targeted security audits", "målrettede sikkerhedsaudit"),
        Item::st("security_scans", "security scans", "sikkerhedsscanninger"),
        Item::st("information_requests", "requests for information and for access to data, documents and evidence of implementation", "anmodninger om oplysninger og om adgang til data, dokumenter og dokumentation for gennemførelse"),
        Item::st("enforcement", "warnings, binding instructions and orders, public statements, administrative fines (Art 33(4); no monitoring officer, no Art 32(5) measures)", "advarsler, bindende instrukser og påbud, offentliggørelse, administrative bøder (art. 33, stk. 4; ingen tilsynsførende, ingen foranstaltninger efter art. 32, stk. 5)"),
    ];
    let powers = match s.regime {
        SupervisionRegime::ExAnteAndExPost => essential,
        SupervisionRegime::ExPost => important,
        SupervisionRegime::NotSettled | SupervisionRegime::None | SupervisionRegime::Displaced => {
            Vec::new()
        }
    };
    SupervisionFacts {
        regime: s.regime,
        citation: s.citation.clone(),
        text: s.text.clone(),
        powers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings() {
        let c = ceiling(
            Classification::Essential,
            FineApplies::Yes,
            Some(600_000_000.0),
        );
        assert_eq!(c.turnover_based_eur, Some(12_000_000.0));
        assert_eq!(c.maximum_at_least_eur, 12_000_000.0);
        let c = ceiling(
            Classification::Essential,
            FineApplies::Yes,
            Some(100_000_000.0),
        );
        assert_eq!(c.maximum_at_least_eur, 10_000_000.0);
        let c = ceiling(
            Classification::Important,
            FineApplies::Yes,
            Some(1_000_000_000.0),
        );
        assert_eq!(c.turnover_based_eur, Some(14_000_000.0));
        assert_eq!(c.maximum_at_least_eur, 14_000_000.0);
        let c = ceiling(Classification::Important, FineApplies::Undetermined, None);
        assert_eq!(c.maximum_at_least_eur, 7_000_000.0);
    }

    #[test]
    fn prefixes_paths() {
        let e = Error::Multiple(vec![
            Error::invalid("$.activities[0]", "x"),
            Error::invalid("$", "y"),
        ]);
        let e = prefix_paths(e, "$.profile");
        match e {
            Error::Multiple(l) => {
                assert_eq!(l[0].path(), Some("$.profile.activities[0]"));
                assert_eq!(l[1].path(), Some("$.profile"));
            }
            _ => panic!(),
        }
    }
}
