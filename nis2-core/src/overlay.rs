//! Member-State overlays: for each EU Member State and EEA EFTA State, one data file
//! (`data/member_states/<CODE>.json`) with the national act and its status, the authorities,
//! registration, reporting, the Directive's options, national rules and fines, every item with
//! its verification status, sources and the date it was read. The types below mirror the files
//! exactly (the JSON Schema of a file, kind `member-state`, is generated from them); adding or
//! correcting a State is a data change (format: `data/member_states/README.md`).
//!
//! Nothing unverified is applied silently: an option settles only when its choice is `verified`
//! or `secondary` ([`OptionChoice::settled`]); everything else the engine shows carries its
//! status.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::entity_types::{Provenance, VerificationStatus};
use crate::error::{Error, Result};
use crate::text::Text;

/// The format version of a State file.
pub const STATE_SCHEMA_VERSION: &str = "1";

/// A field that must be present but may be null (the files write `null` for a fact that is not
/// known; leaving the field out is an error).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// The schema of a field that must be present but may be null: the schema of `Option<T>`,
/// required (schemars makes an `Option` field optional, or with `required` not nullable).
struct Nullable<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Nullable_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<T>>::json_schema(generator)
    }
}

/// A field that must be present and not null.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// EU Member State or EEA EFTA State.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    /// A Member State of the European Union.
    Eu,
    /// An EEA EFTA State (Norway, Iceland, Liechtenstein): NIS2 applies once incorporated into
    /// the EEA Agreement and transposed.
    Eea,
}

/// How far the State has transposed NIS2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TranspositionStatus {
    /// The national act is in force.
    InForce,
    /// Adopted, in force from a known later date.
    AdoptedNotInForce,
    /// Adopted or published; the date of entry into force is not established.
    AdoptedInForceUnknown,
    /// No act (a bill at most).
    NotTransposed,
    /// An EEA State whose law implements NIS1 only.
    Nis1Only,
}

impl TranspositionStatus {
    /// Whether national NIS2 obligations are known to be in force.
    pub fn in_force(self) -> bool {
        self == TranspositionStatus::InForce
    }

    /// Whether there is a national NIS2 act at all (adopted, whether or not in force).
    pub fn adopted(self) -> bool {
        matches!(
            self,
            TranspositionStatus::InForce
                | TranspositionStatus::AdoptedNotInForce
                | TranspositionStatus::AdoptedInForceUnknown
        )
    }
}

/// The national act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// Its name (in the national language, with an English gloss where useful).
    pub name: String,
    /// Its official reference (gazette number, SFS number, …); null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub number: Option<String>,
    /// Where it can be read; null if no address was opened.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub url: Option<String>,
}

/// What a later act does to the transposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentKind {
    /// An act amending the transposing act.
    Amendment,
    /// An implementing act (decree, ordinance, regulation) under it.
    ImplementingAct,
}

/// An amendment or implementing act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// Amendment or implementing act.
    pub kind: AmendmentKind,
    /// Its name.
    pub name: String,
    /// Its official reference; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub number: Option<String>,
    /// When it entered (or enters) into force (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`); null if
    /// not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(
        with = "Nullable<String>",
        regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    )]
    pub in_force: Option<String>,
}

/// The national transposition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transposition {
    /// How far the State has transposed NIS2.
    pub status: TranspositionStatus,
    /// The act (or the bill, for a State that has not transposed); null if none is known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Act>")]
    pub act: Option<Act>,
    /// The date of entry into force (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where that is all that
    /// is known); null if not established.
    #[serde(deserialize_with = "nullable")]
    #[schemars(
        with = "Nullable<String>",
        regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    )]
    pub in_force: Option<String>,
    /// How far the date alone was verified.
    pub in_force_status: VerificationStatus,
    /// Amendments and implementing acts.
    pub amendments: Vec<Amendment>,
    /// How far the act's identity and the transposition status were verified.
    pub item_status: VerificationStatus,
    /// Where it was read (URLs or official references).
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY`).
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where, in our words.
    pub note: Text,
}

/// The role of an authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityRole {
    /// A competent authority for supervision (Art 8(1)).
    CompetentAuthority,
    /// A CSIRT (Art 10).
    Csirt,
    /// The single point of contact (Art 8(3)).
    SinglePointOfContact,
}

/// A competent authority, CSIRT or single point of contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// Stable id, where the engine refers to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its role.
    pub role: AuthorityRole,
    /// Its name.
    pub name: Text,
    /// Entity-type id prefixes it covers (`NIS2-I-01` for all energy types); empty: all.
    #[schemars(inner(regex(pattern = r"^NIS2-(I|II)(-[0-9]{2}[a-z]?(-[0-9]{2})?)?$")))]
    pub sectors: Vec<String>,
    /// Its web address; null if none was read.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub url: Option<String>,
    /// How far it was verified.
    pub status: VerificationStatus,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where, or anything else a reader should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Authority {
    /// Whether it covers the entity type.
    pub fn covers(&self, entity_type: &str) -> bool {
        prefixes_match(&self.sectors, entity_type)
    }
}

/// How and by when entities register (Art 3(4), 27).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Stable id, where the engine refers to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How to register; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub channel: Option<Text>,
    /// By when; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub deadline: Option<Text>,
    /// Who must register, where the act says more than the Directive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Text>,
    /// The national provision; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub citation: Option<String>,
    /// How far it was verified.
    pub status: VerificationStatus,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Where incidents are reported and how national law departs from Art 23.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// Stable id, where the engine refers to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Where and how to report; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub channel: Option<Text>,
    /// Where national deadlines or content differ from Art 23(4); null means "not read", not
    /// "no deviation".
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub deviations: Option<Text>,
    /// Who must report, where the act says more than the Directive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<Text>,
    /// The national provision; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub citation: Option<String>,
    /// How far it was verified.
    pub status: VerificationStatus,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A Member State option and what the Member State chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionChoice {
    /// Whether the option was taken; null when not known. An option is applied only when
    /// `taken` is set and `status` is `verified` or `secondary`.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<bool>")]
    pub taken: Option<bool>,
    /// The class national law gives, where it does and that is known (`essential` or
    /// `important`); null: set by national law, not recorded here.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>", extend("enum" = ["essential", "important", null]))]
    pub classification: Option<String>,
    /// The national provision.
    pub citation: String,
    /// How far this was verified.
    pub status: VerificationStatus,
    /// What it means, in our words.
    pub note: Text,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
}

impl OptionChoice {
    /// Whether the choice is known well enough to apply.
    pub fn settled(&self) -> Option<bool> {
        match self.status {
            VerificationStatus::Verified | VerificationStatus::Secondary => self.taken,
            VerificationStatus::Unverified => None,
        }
    }
}

/// The options of the Directive left to Member States that change scope or class. Every file
/// has all four (an unknown choice is `taken: null`, `unverified`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Art 2(5)(a): public administration entities at local level.
    #[serde(deserialize_with = "present")]
    #[schemars(with = "OptionChoice")]
    pub local_public_administration: Option<OptionChoice>,
    /// Art 2(5)(b): education institutions.
    #[serde(deserialize_with = "present")]
    #[schemars(with = "OptionChoice")]
    pub education_institutions: Option<OptionChoice>,
    /// Art 3(1)(g): NIS1 operators of essential services as essential entities.
    #[serde(deserialize_with = "present")]
    #[schemars(with = "OptionChoice")]
    pub nis1_operators_essential: Option<OptionChoice>,
    /// Recital 16: disregarding partner/linked enterprises for an entity independent of them.
    #[serde(deserialize_with = "present")]
    #[schemars(with = "OptionChoice")]
    pub partner_independence: Option<OptionChoice>,
}

impl Options {
    /// The four options, each with its key.
    pub fn all(&self) -> [(&'static str, Option<&OptionChoice>); 4] {
        [
            (
                "local_public_administration",
                self.local_public_administration.as_ref(),
            ),
            (
                "education_institutions",
                self.education_institutions.as_ref(),
            ),
            (
                "nis1_operators_essential",
                self.nis1_operators_essential.as_ref(),
            ),
            ("partner_independence", self.partner_independence.as_ref()),
        ]
    }
}

/// A national rule that changes scope or duties (a carve-out, a national category, a sizing
/// rule, a national duty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalRule {
    /// Stable id, `<code>_<name>` in lower case.
    #[schemars(regex(pattern = r"^[a-z]{2}_[a-z0-9_]+$"))]
    pub id: String,
    /// Entity-type id prefixes it concerns (e.g. `NIS2-I-01` for all energy types); empty: all.
    #[schemars(inner(regex(pattern = r"^NIS2-(I|II)(-[0-9]{2}[a-z]?(-[0-9]{2})?)?$")))]
    pub entity_type_prefixes: Vec<String>,
    /// `true`: shown only when the organisation is in scope; `false`: also relevant to the
    /// scope decision itself (sizing rules, national categories).
    pub when_in_scope: bool,
    /// The national provision.
    pub citation: String,
    /// What it says, in our words.
    pub text: Text,
    /// A further fact the engine cannot know (it is shown as a condition, never assumed); null:
    /// none.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub condition: Option<Text>,
    /// How far this was verified.
    pub status: VerificationStatus,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The national act does not apply to the activities the rule concerns: another act
    /// governs them (absent: the rule is a note or a condition, not a carve-out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carve_out: Option<CarveOut>,
}

/// When a carve-out applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CarveOutApplies {
    /// To every activity the rule concerns: the national act's own scope says so.
    Automatically,
    /// Only to an entity an authority has designated individually, which the engine cannot
    /// know: shown with its condition, never applied.
    IfDesignated,
}

/// A national carve-out: activities the national act leaves to another act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarveOut {
    /// When it applies.
    pub applies: CarveOutApplies,
    /// The act that governs the activities instead.
    pub governed_by: Text,
    /// Where the carved-out activities register and report instead.
    pub instead: Text,
    /// Kinds of entity that stay under the national act although they carry out such an
    /// activity (e.g. municipalities and regions): an organisation that is one of them (any of
    /// its activities has such a rule group) is not carved out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except_rule_groups: Vec<crate::entity_types::RuleGroup>,
}

impl NationalRule {
    /// Whether the rule concerns the entity type.
    pub fn matches(&self, entity_type: &str) -> bool {
        prefixes_match(&self.entity_type_prefixes, entity_type)
    }
}

/// Whether an entity type id starts with one of the prefixes (an empty list matches all).
fn prefixes_match(prefixes: &[String], entity_type: &str) -> bool {
    prefixes.is_empty() || prefixes.iter().any(|p| entity_type.starts_with(p.as_str()))
}

/// The national maximum fines (Art 34) and the Art 34(7) choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fines {
    /// ISO 4217 currency of the amounts; null if none is recorded.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>", regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: Option<String>,
    /// Maximum fixed amount for essential entities.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<f64>", range(min = 0.0))]
    pub essential_max_amount: Option<f64>,
    /// Maximum percentage of worldwide annual turnover for essential entities.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<f64>", range(min = 0.0, max = 100.0))]
    pub essential_max_percent: Option<f64>,
    /// Maximum fixed amount for important entities.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<f64>", range(min = 0.0))]
    pub important_max_amount: Option<f64>,
    /// Maximum percentage of worldwide annual turnover for important entities.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<f64>", range(min = 0.0, max = 100.0))]
    pub important_max_percent: Option<f64>,
    /// Whether and how far fines apply to public administration entities (Art 34(7)); null if
    /// not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<Text>")]
    pub public_administration: Option<Text>,
    /// Whether fines may be imposed on public administration entities (Art 34(7)), where the
    /// national act settles it (absent or null: not known). Applied only when `status` is
    /// `verified` or `secondary`; `public_administration` says to what extent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_administration_fines: Option<bool>,
    /// The national provision; null if not known.
    #[serde(deserialize_with = "nullable")]
    #[schemars(with = "Nullable<String>")]
    pub citation: Option<String>,
    /// How far it was verified.
    pub status: VerificationStatus,
    /// Where it was read.
    #[schemars(inner(length(min = 1)))]
    pub sources: Vec<String>,
    /// When it was read.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub read_on: String,
    /// What was read where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One State's data file (`data/member_states/<CODE>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "MemberState")]
pub struct MemberState {
    /// Data format version (`"1"`).
    #[schemars(regex(pattern = r"^1$"))]
    pub schema_version: String,
    /// ISO 3166-1 alpha-2 code (`GR` for Greece); equals the file name.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub code: String,
    /// Its name.
    pub name: Text,
    /// EU Member State or EEA EFTA State.
    pub membership: Membership,
    /// The national act.
    pub transposition: Transposition,
    /// Competent authorities, CSIRTs and single points of contact.
    pub authorities: Vec<Authority>,
    /// How and by when entities register.
    pub registration: Registration,
    /// Where incidents are reported and any deviation from Art 23.
    pub reporting: Reporting,
    /// The Directive's options the engine models.
    pub options: Options,
    /// National rules that change scope or duties.
    pub rules: Vec<NationalRule>,
    /// National maximum fines.
    pub fines: Fines,
    /// Anything that fits nowhere else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

impl MemberState {
    /// The status of every counted item (transposition, each authority, registration,
    /// reporting, the four options, each rule, fines), in that order.
    pub fn item_statuses(&self) -> Vec<VerificationStatus> {
        let mut out = vec![self.transposition.item_status];
        out.extend(self.authorities.iter().map(|a| a.status));
        out.push(self.registration.status);
        out.push(self.reporting.status);
        out.extend(
            self.options
                .all()
                .iter()
                .map(|(_, o)| o.map_or(VerificationStatus::Unverified, |o| o.status)),
        );
        out.extend(self.rules.iter().map(|r| r.status));
        out.push(self.fines.status);
        out
    }

    /// How many items are verified, secondary and unverified.
    pub fn coverage(&self) -> Coverage {
        let mut c = Coverage {
            code: self.code.clone(),
            verified: 0,
            secondary: 0,
            unverified: 0,
        };
        for s in self.item_statuses() {
            match s {
                VerificationStatus::Verified => c.verified += 1,
                VerificationStatus::Secondary => c.secondary += 1,
                VerificationStatus::Unverified => c.unverified += 1,
            }
        }
        c
    }
}

/// How many of a State's items are verified, secondary and unverified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The State's code.
    pub code: String,
    /// Items read in a primary source.
    pub verified: u32,
    /// Items from secondary sources only.
    pub secondary: u32,
    /// Items not established.
    pub unverified: u32,
}

/// Every State's data, with the provenance of the set (the response of `reference` op
/// `member_states`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayData {
    /// Data format version.
    pub schema_version: String,
    /// Where the data came from (each item also carries its own sources and status).
    pub provenance: Provenance,
    /// Every EU Member State and EEA EFTA State (each accepted as `member_state`), EU first.
    pub states: Vec<MemberState>,
    /// Per State, how many items are verified, secondary and unverified.
    pub coverage: Vec<Coverage>,
}

static OVERLAYS: OnceLock<Result<OverlayData>> = OnceLock::new();

/// The folder of the State files under `data/`.
const DIR: &str = "member_states/";

/// How many States the data has (one file each).
pub(crate) const STATE_COUNT: usize = crate::data::MEMBER_STATES.len();

/// Each State's data, parsed and checked on first use: a call reads only the States it names
/// (a scope call on a Danish profile reads `DK.json`, not all thirty files).
static STATES: [OnceLock<Result<MemberState>>; STATE_COUNT] =
    [const { OnceLock::new() }; STATE_COUNT];

/// The embedded overlay data (every State file, parsed and checked on first use).
pub fn data() -> Result<&'static OverlayData> {
    OVERLAYS.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<OverlayData> {
    let provenance: Provenance = crate::data::parse(crate::data::MEMBER_STATES_PROVENANCE)?;
    // Read again rather than cloned from the States read one by one (the scoping build
    // carries no code to clone a State).
    let states = crate::data::MEMBER_STATES
        .iter()
        .map(|f| load_state(*f))
        .collect::<Result<Vec<_>>>()?;
    let coverage = states.iter().map(MemberState::coverage).collect();
    Ok(OverlayData {
        schema_version: STATE_SCHEMA_VERSION.to_owned(),
        provenance,
        states,
        coverage,
    })
}

/// The State with this code (`EL` is accepted for Greece), its file read on first use; `None`
/// for a code that names no EU or EEA State ([`unknown`] says why).
pub(crate) fn state(code: &str) -> Result<Option<&'static MemberState>> {
    index(code).map(state_at).transpose()
}

/// Where a State is in the data's order (the order of [`OverlayData::states`]), by its code.
pub(crate) fn index(code: &str) -> Option<usize> {
    // Every State's code is two letters: two bytes compared, not strings.
    let [a, b] = *canonical(code).as_bytes() else {
        return None;
    };
    CODES.iter().position(|&c| c == [a, b])
}

/// Every State's code, in the data's order: the two letters of its file name
/// (`member_states/<CODE>.json`, checked when the file is read), so no file is read for it.
// Evaluated when the crate compiles: a file name too short for it fails the build.
#[allow(clippy::indexing_slicing)]
const CODES: [[u8; 2]; STATE_COUNT] = {
    let mut out = [[0; 2]; STATE_COUNT];
    let mut i = 0;
    while i < STATE_COUNT {
        let name = crate::data::MEMBER_STATES[i].name.as_bytes();
        out[i] = [name[DIR.len()], name[DIR.len() + 1]];
        i += 1;
    }
    out
};

/// [`CODES`] as text.
fn codes() -> impl Iterator<Item = &'static str> {
    CODES
        .iter()
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
}

/// The State at `i` in the data's order, parsed and checked once.
fn state_at(i: usize) -> Result<&'static MemberState> {
    let (Some(cell), Some(file)) = (STATES.get(i), crate::data::MEMBER_STATES.get(i)) else {
        return Err(crate::data::error(
            DIR,
            "no State file at that place in the list",
        ));
    };
    cell.get_or_init(|| load_state(*file))
        .as_ref()
        .map_err(Clone::clone)
}

fn load_state(file: crate::data::File) -> Result<MemberState> {
    let name = file.name;
    let Some(code) = name
        .strip_prefix(DIR)
        .and_then(|f| f.strip_suffix(".json"))
        .filter(|c| is_code(c))
    else {
        return Err(crate::data::error(name, "not a State file name"));
    };
    let state: MemberState = crate::data::parse(file)?;
    if state.code != code {
        return Err(crate::data::error(
            name,
            format!("`code` is `{}`; it must equal the file name", state.code),
        ));
    }
    if state.schema_version != STATE_SCHEMA_VERSION {
        return Err(crate::data::error(
            name,
            format!("unsupported schema_version `{}`", state.schema_version),
        ));
    }
    Ok(state)
}

/// Whether a file stem is a State code (two capital letters).
fn is_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// A code as the data spells it (`EL`, the EU's code for Greece, is `GR`).
pub fn canonical(code: &str) -> &str {
    if code == "EL" {
        "GR"
    } else {
        code
    }
}

impl OverlayData {
    /// The State with this code (`EL` is accepted for Greece).
    pub fn state(&self, code: &str) -> Option<&MemberState> {
        // Every State's code is two letters (checked on load): two bytes compared, not strings.
        let [a, b] = *canonical(code).as_bytes() else {
            return None;
        };
        self.states
            .iter()
            .find(|s| matches!(*s.code.as_bytes(), [x, y] if x == a && y == b))
    }

    /// Every accepted code, in the data's order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.states.iter().map(|s| s.code.as_str())
    }
}

/// The error for a code that names no EU or EEA State, at `path` (None: it names one).
///
/// A code of a country or territory outside them (`GB`, `UK`, `CH`, `GL`), of a Member
/// State's territory with a code of its own (`RE` is France) or of the Union itself (`EU`)
/// is an invalid input that says so; suggesting look-alike State codes (`UK`: `DK`, `SK`)
/// would mislead. Any other code is an unknown id with the nearest State codes.
pub(crate) fn unknown(code: &str, path: String) -> Option<Error> {
    if index(code).is_some() {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    match other_code(&upper, code) {
        Ok(Some(message)) => return Some(Error::InvalidInput { path, message }),
        Ok(None) => {}
        // The embedded file does not read (a build defect): said, not passed over.
        Err(e) => return Some(e),
    }
    Some(Error::UnknownId {
        accepted: Vec::new(),
        path,
        what: "member state (ISO 3166-1 alpha-2 code of an EU or EEA state)".to_owned(),
        value: code.to_owned(),
        suggestions: crate::suggest::nearest(&upper, codes(), 3),
    })
}

/// The codes that are not those of an EU or EEA State (`data/country_codes.json`): each
/// territory's code and its State, and the codes outside, in order. Read through the JSON value
/// the data parser makes, not a type of its own (the scoping build stays small); the file's
/// whole shape and its consistency with the State files are checked by a test.
struct CountryCodes {
    territories: Vec<(String, String)>,
    outside: Vec<String>,
}

static COUNTRY_CODES: OnceLock<Result<CountryCodes>> = OnceLock::new();

fn country_codes() -> Result<&'static CountryCodes> {
    COUNTRY_CODES
        .get_or_init(|| {
            let file = crate::data::COUNTRY_CODES;
            let value = crate::value_de::parse(file.text)
                .map_err(|e| crate::data::error(file.name, e.message))?;
            let text = |v: Option<&serde_json::Value>| v?.as_str().map(str::to_owned);
            let list = |key: &str| value.get(key).and_then(serde_json::Value::as_array);
            let territories = list("territories").and_then(|items| {
                items
                    .iter()
                    .map(|t| Some((text(t.get("code"))?, text(t.get("state"))?)))
                    .collect::<Option<Vec<_>>>()
            });
            let outside = list("outside").and_then(|items| {
                items
                    .iter()
                    .map(|c| text(Some(c)))
                    .collect::<Option<Vec<_>>>()
            });
            match (territories, outside) {
                (Some(territories), Some(outside)) => Ok(CountryCodes {
                    territories,
                    outside,
                }),
                _ => Err(crate::data::error(
                    file.name,
                    "`territories` (code, state) or `outside` (codes) missing",
                )),
            }
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The message for a code (in capitals) that is not an EU or EEA State's but names something
/// else: the Union, a Member State's territory, or a country or territory outside them.
fn other_code(code: &str, given: &str) -> Result<Option<String>> {
    if code == "EU" {
        return Ok(Some(format!(
            "`{given}` is the Union, not a Member State: give the Member State where the organisation is established"
        )));
    }
    let codes = country_codes()?;
    if let Some((_, state)) = codes.territories.iter().find(|(c, _)| c == code) {
        return Ok(Some(format!(
            "`{given}` is part of the Union as a territory of `{state}`, the code to give"
        )));
    }
    Ok(codes
        .outside
        .binary_search_by(|c| c.as_str().cmp(code))
        .is_ok()
        .then(|| format!(
            "`{given}` is not the code of an EU or EEA State; an organisation established outside the Union gives the Member State of its representative in the Union (Art. 26(3))"
        )))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn choice(taken: Option<bool>, status: VerificationStatus) -> OptionChoice {
        OptionChoice {
            taken,
            classification: None,
            citation: "x".to_owned(),
            status,
            note: Text::st("x", "x"),
            sources: Vec::new(),
            read_on: "2026".to_owned(),
        }
    }

    #[test]
    fn only_verified_or_secondary_choices_settle() {
        use VerificationStatus::{Secondary, Unverified, Verified};
        assert_eq!(choice(Some(true), Verified).settled(), Some(true));
        assert_eq!(choice(Some(false), Secondary).settled(), Some(false));
        assert_eq!(choice(Some(true), Unverified).settled(), None);
        assert_eq!(choice(None, Verified).settled(), None);
    }

    #[test]
    fn every_state_loads_and_el_is_greece() {
        let d = data().unwrap();
        assert_eq!(d.states.len(), 30);
        assert_eq!(d.state("EL").unwrap().code, "GR");
        assert!(d.state("UK").is_none());
        assert!(unknown("XX", "$.member_state".to_owned()).is_some());
        assert!(unknown("DK", "$.member_state".to_owned()).is_none());
    }

    /// A State read on its own is the one the whole set holds, found by the same codes.
    #[test]
    fn each_state_read_alone_is_the_one_in_the_whole_set() {
        let d = data().unwrap();
        assert!(codes().eq(d.codes()));
        for (i, s) in d.states.iter().enumerate() {
            assert_eq!(index(&s.code), Some(i));
            assert_eq!(state(&s.code).unwrap(), Some(s));
        }
        assert_eq!(state("EL").unwrap().map(|s| s.code.as_str()), Some("GR"));
        for code in ["XX", "UK", "D", "DKK", "", "dk"] {
            assert_eq!(index(code), None, "{code}");
            assert_eq!(state(code).unwrap(), None, "{code}");
        }
    }

    /// `data/country_codes.json` as a whole: no field unknown, codes two capital letters, in
    /// order, each once, none a State's or `EU`, each territory part of a State.
    #[test]
    fn the_country_codes_file_is_whole_and_consistent() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct File {
            provenance: Provenance,
            territories: Vec<Territory>,
            outside: Vec<String>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Territory {
            code: String,
            name: String,
            state: String,
            citation: String,
            status: VerificationStatus,
        }
        let file: File = crate::data::parse(crate::data::COUNTRY_CODES).unwrap();
        let d = data().unwrap();
        let territories: Vec<&str> = file.territories.iter().map(|t| t.code.as_str()).collect();
        let outside: Vec<&str> = file.outside.iter().map(String::as_str).collect();
        for list in [&territories, &outside] {
            assert!(list.windows(2).all(|p| p[0] < p[1]), "{list:?}");
            for &code in list {
                assert!(
                    is_code(code) && code != "EU" && d.state(code).is_none(),
                    "{code}"
                );
            }
        }
        assert!(territories.iter().all(|c| !outside.contains(c)));
        assert!(file.territories.iter().all(|t| d.state(&t.state).is_some()));
        assert!(file
            .territories
            .iter()
            .all(|t| t.citation.starts_with("TFEU Art. ")));
        // What the engine reads is what the file says.
        let codes = country_codes().unwrap();
        assert_eq!(codes.outside, file.outside);
        assert_eq!(codes.territories.len(), file.territories.len());
    }

    #[test]
    fn codes_that_are_not_states_say_what_they_are() {
        let d = data().unwrap();
        let message = |code: &str| match unknown(code, "$.member_state".to_owned()) {
            Some(Error::InvalidInput { message, .. }) => message,
            other => panic!("{code}: {other:?}"),
        };
        for code in ["GB", "UK", "gb", "CH", "US", "GL", "FO", "SJ"] {
            assert!(
                message(code)
                    .starts_with(&format!("`{code}` is not the code of an EU or EEA State")),
                "{code}"
            );
        }
        assert!(message("RE").contains("territory of `FR`"));
        assert!(message("AX").contains("territory of `FI`"));
        assert!(message("IC").contains("territory of `ES`"));
        assert!(message("EU").starts_with("`EU` is the Union"));
        // Not a code of anything: the nearest State codes.
        match unknown("DW", "$.member_state".to_owned()) {
            Some(Error::UnknownId { suggestions, .. }) => {
                assert!(suggestions.contains(&"DE".to_owned()))
            }
            other => panic!("{other:?}"),
        }
        assert!(unknown("EL", "$.member_state".to_owned()).is_none());
        for (s, c) in d.states.iter().zip(&d.coverage) {
            assert_eq!(s.code, c.code);
            let n = c.verified + c.secondary + c.unverified;
            assert_eq!(n as usize, 8 + s.authorities.len() + s.rules.len());
        }
    }

    #[test]
    fn a_nullable_field_cannot_be_left_out() {
        let mut v: serde_json::Value = serde_json::from_str(crate::data::MS_DK.text).unwrap();
        v["transposition"]
            .as_object_mut()
            .unwrap()
            .remove("in_force");
        let e = serde_json::from_value::<MemberState>(v).unwrap_err();
        assert!(e.to_string().contains("in_force"), "{e}");
    }
}
