//! Member-State overlays: the options each Member State took, national carve-outs, and where to
//! register and report. Data keyed by country (`data/member_states.json`); adding a country is a
//! data change.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::{Provenance, VerificationStatus};
use crate::error::Result;
use crate::text::Text;

/// A Member State option and what the Member State chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionChoice {
    /// Whether the option was taken; null when not known. An option is applied only when
    /// `taken` is set and `status` is `verified` or `secondary`.
    pub taken: Option<bool>,
    /// The class national law gives, where it does and that is known (`essential` or
    /// `important`); null: set by national law, not recorded here.
    pub classification: Option<String>,
    /// The national provision.
    pub citation: String,
    /// How far this was verified.
    pub status: VerificationStatus,
    /// What it means, in our words.
    pub note: Text,
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

/// The options of the Directive left to Member States that change scope or class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Art 2(5)(a): public administration entities at local level.
    pub local_public_administration: Option<OptionChoice>,
    /// Art 2(5)(b): education institutions.
    pub education_institutions: Option<OptionChoice>,
    /// Art 3(1)(g): NIS1 operators of essential services as essential entities.
    pub nis1_operators_essential: Option<OptionChoice>,
    /// Recital 16: disregarding partner/linked enterprises for an entity independent of them.
    pub partner_independence: Option<OptionChoice>,
}

/// A national rule that concerns some entity types (a carve-out, an authority, a procedure).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalRule {
    /// Stable id.
    pub id: String,
    /// Entity-type id prefixes it concerns (e.g. `NIS2-I-01` for all energy types); empty: all.
    pub entity_type_prefixes: Vec<String>,
    /// Only when the organisation is in scope.
    pub when_in_scope: bool,
    /// The national provision.
    pub citation: String,
    /// What it says, in our words.
    pub text: Text,
    /// How far this was verified.
    pub status: VerificationStatus,
}

impl NationalRule {
    /// Whether the rule concerns the entity type.
    pub fn matches(&self, entity_type: &str) -> bool {
        self.entity_type_prefixes.is_empty()
            || self
                .entity_type_prefixes
                .iter()
                .any(|p| entity_type.starts_with(p.as_str()))
    }
}

/// One Member State's overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberStateOverlay {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name.
    pub name: Text,
    /// The transposing act.
    pub transposition: String,
    /// How far the transposition facts were verified.
    pub transposition_status: VerificationStatus,
    /// The Directive's options.
    pub options: Options,
    /// National carve-outs, authorities, registration and reporting.
    pub rules: Vec<NationalRule>,
}

/// A Member State of the EU or EEA (NIS2 is EEA-relevant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Name.
    pub name: Text,
    /// `eu` or `eea`.
    pub membership: String,
}

/// The embedded overlay data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverlayData {
    /// Data format version.
    pub schema_version: String,
    /// Where the data came from.
    pub provenance: Provenance,
    /// Every EU and EEA state (accepted as `member_state`).
    pub countries: Vec<Country>,
    /// The overlays written so far.
    pub overlays: Vec<MemberStateOverlay>,
}

static OVERLAYS: OnceLock<Result<OverlayData>> = OnceLock::new();

/// The embedded overlay data (parsed on first use).
pub fn data() -> Result<&'static OverlayData> {
    crate::data::cached(&OVERLAYS, crate::data::MEMBER_STATES)
}

impl OverlayData {
    /// The country with this code (`EL` is accepted for Greece).
    pub fn country(&self, code: &str) -> Option<&Country> {
        let code = if code == "EL" { "GR" } else { code };
        self.countries.iter().find(|c| c.code == code)
    }

    /// The overlay for a country, if one is written.
    pub fn overlay(&self, code: &str) -> Option<&MemberStateOverlay> {
        let code = if code == "EL" { "GR" } else { code };
        self.overlays.iter().find(|o| o.code == code)
    }
}
