//! The input document of `scope`: an organisation's profile.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version written into documents and accepted on input.
pub const PROFILE_SCHEMA_VERSION: &str = "1";

/// An organisation's profile: what it does, how big it is, and what authorities have decided about
/// it. Every fact is optional except the list of activities; a missing fact that could change the
/// outcome is reported as an open question, never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Document format version; `"1"` when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<String>,
    /// The organisation's name (echoed in the result).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The EU/EEA Member State where the entity is established (for the types of Art 26(1)(b),
    /// its main establishment in the Union, or, for one not established in the Union, the State
    /// of its representative, Art 26(3); for a public administration entity, the State that
    /// established it), as an ISO 3166-1 alpha-2 code (`DK`, `DE`; `EL` is accepted for
    /// Greece). Selects the Member State overlay that settles the options; without it, Member
    /// State options stay open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub member_state: Option<String>,
    /// The other EU/EEA Member States where the entity provides its services (codes as for
    /// `member_state`, each once). Providers of public electronic communications networks or
    /// services fall under the jurisdiction of each State where they provide services
    /// (Art 26(1)(a)): those States' overlays apply to those activities too. For every other
    /// type it is recorded for registration (Art 3(4)) and does not change jurisdiction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = r"^[A-Z]{2}$")))]
    pub member_states_of_service: Vec<String>,
    /// Whether the entity provides services or carries out activities in the Union (the third
    /// condition of Art 2(1)). When absent and `member_state` or `member_states_of_service` is
    /// given, this is taken as met; `false` beside a State of service is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provides_services_in_union: Option<bool>,
    /// Every activity the entity carries out that matches an entity type of the catalog
    /// (Annex I/II rows, or `NIS2-X-…` roles). Empty means none of them.
    pub activities: Vec<Activity>,
    /// NACE Rev. 2 codes of its activities (any level: `C28`, `28.11`; Danish DB07 `281100`),
    /// for a register that classifies by NACE rather than by entity type. Each code adds the
    /// entity types the NACE table suggests (`reference.nace`) that `activities` does not give:
    /// as settled where the Annex defines the type by NACE (C21, C26-C30), and as a presumption,
    /// asked as the open question `nace_indicative`, otherwise. At most 64.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nace_codes: Vec<String>,
    /// Size figures per Recommendation 2003/361/EC. Needed unless every activity is
    /// size-independent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<SizeInput>,
    /// For a public administration entity: whether it carries out its activities in the areas of
    /// national security, public security, defence or law enforcement (Art 2(7)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_security_activities: Option<bool>,
    /// Whether the entity carries out activities in national security, public security, defence
    /// or law enforcement, or provides services exclusively to the public administration
    /// entities of Art 2(7) (Art 2(8)): `none`, `partly` (besides other activities) or
    /// `exclusively`. A Member State may then exempt it from Art 21 and 23 for those activities
    /// and, where it does only that, also from Art 3 and 27 (`designations.security_exemption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_activities: Option<SecurityActivities>,
    /// Decisions by authorities that change the outcome. Each absent decision is presumed not
    /// taken, and the result says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designations: Option<Designations>,
}

/// One activity of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// The entity type id from the catalog, e.g. `NIS2-I-06-01`.
    #[schemars(regex(pattern = r"^NIS2-(I|II|X)-[0-9A-Za-z-]+$"))]
    pub entity_type: String,
    /// For `NIS2-I-08-07` (trust service providers) only: whether the entity is a qualified
    /// trust service provider (eIDAS Art 3(20); NIS2 Art 6(27)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualified_trust_service_provider: Option<bool>,
    /// For `NIS2-I-10-02` (regional public administration) only: whether the Member State's
    /// risk-based assessment found that it provides services whose disruption could have a
    /// significant impact on critical societal or economic activities (Art 2(2)(f)(ii)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_impact_assessed: Option<bool>,
    /// Free text (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A size figure: one number, or a range `[min, max]` when only an interval is known (a register
/// that publishes staff as "50-99"). Both ends are included, and each is read exactly at the
/// ceilings like a single figure. A range settles the size class only when every value in it
/// gives the same class; otherwise the classes it allows stay open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SizeFigure {
    /// The figure.
    Exact(f64),
    /// At least `min` and at most `max`.
    Range {
        /// The lowest possible value.
        min: f64,
        /// The highest possible value.
        max: f64,
    },
}

impl SizeFigure {
    /// The lowest and highest possible values (the same for an exact figure).
    #[must_use]
    pub fn bounds(self) -> (f64, f64) {
        match self {
            SizeFigure::Exact(v) => (v, v),
            SizeFigure::Range { min, max } => (min, max),
        }
    }

    /// The figure from its bounds: exact when they are equal.
    #[must_use]
    pub fn between(min: f64, max: f64) -> SizeFigure {
        if min.to_bits() == max.to_bits() {
            SizeFigure::Exact(min)
        } else {
            SizeFigure::Range { min, max }
        }
    }

    /// Whether it is a range.
    #[must_use]
    pub fn is_range(self) -> bool {
        matches!(self, SizeFigure::Range { .. })
    }
}

impl From<f64> for SizeFigure {
    fn from(v: f64) -> SizeFigure {
        SizeFigure::Exact(v)
    }
}

impl Serialize for SizeFigure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            SizeFigure::Exact(v) => s.serialize_f64(v),
            SizeFigure::Range { min, max } => [min, max].serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for SizeFigure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SizeFigure, D::Error> {
        d.deserialize_any(FigureVisitor)
    }
}

struct FigureVisitor;

impl<'de> serde::de::Visitor<'de> for FigureVisitor {
    type Value = SizeFigure;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number, or a range [min, max] of two numbers")
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SizeFigure, E> {
        Ok(SizeFigure::Exact(v))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SizeFigure, E> {
        Ok(SizeFigure::Exact(v as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SizeFigure, E> {
        Ok(SizeFigure::Exact(v as f64))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SizeFigure, A::Error> {
        let wrong = || serde::de::Error::custom("a range must be [min, max]: exactly two numbers");
        let min: f64 = seq.next_element()?.ok_or_else(wrong)?;
        let max: f64 = seq.next_element()?.ok_or_else(wrong)?;
        if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            return Err(wrong());
        }
        Ok(SizeFigure::Range { min, max })
    }
}

impl JsonSchema for SizeFigure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("SizeFigure")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A size figure: a number, or a range [min, max] (both included, min <= max) when only an interval is known.",
            "oneOf": [
                {"type": "number", "minimum": 0.0},
                {
                    "type": "array",
                    "items": {"type": "number", "minimum": 0.0},
                    "minItems": 2,
                    "maxItems": 2
                }
            ]
        })
    }
}

/// Size figures per the Annex to Recommendation 2003/361/EC, for the latest approved accounting
/// period (annualised).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SizeInput {
    /// Staff headcount in annual work units (AWU, Annex Art 5), may be fractional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_headcount: Option<SizeFigure>,
    /// Annual turnover in EUR, excluding VAT and other indirect taxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_turnover_eur: Option<SizeFigure>,
    /// Annual balance sheet total in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_sheet_total_eur: Option<SizeFigure>,
    /// Partner and linked enterprises (Annex Art 3, 6). Absent: the figures above are taken as
    /// those of an autonomous enterprise (or already aggregated), and the result says so.
    /// An empty list states that there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_enterprises: Option<Vec<RelatedEnterprise>>,
    /// Figures of earlier accounting periods, most recent first, for the rule that a status is
    /// gained or lost only after two consecutive periods (Annex Art 4(2)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_periods: Vec<PeriodFigures>,
    /// Share (%) of capital or voting rights controlled by public bodies. Recorded only to show
    /// that Annex Art 3(4) is disregarded for NIS2 (Art 2(1), second subparagraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 100.0))]
    pub public_bodies_control_percent: Option<f64>,
}

/// Figures of an earlier accounting period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodFigures {
    /// A label for the period, e.g. `2024` (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Staff headcount in AWU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_headcount: Option<SizeFigure>,
    /// Annual turnover in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_turnover_eur: Option<SizeFigure>,
    /// Annual balance sheet total in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_sheet_total_eur: Option<SizeFigure>,
    /// Partner and linked enterprises in that period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_enterprises: Option<Vec<RelatedEnterprise>>,
}

/// How another enterprise is related (Annex Art 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "EnterpriseRelationship")]
pub enum Relationship {
    /// A partner enterprise: 25 % to 50 % of capital or voting rights (Annex Art 3(2));
    /// aggregated pro rata (Annex Art 6(2)).
    Partner,
    /// A linked enterprise: control, e.g. a majority of voting rights (Annex Art 3(3));
    /// aggregated in full (Annex Art 6(2)).
    Linked,
}

/// A partner or linked enterprise, immediately up- or downstream, with its own figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedEnterprise {
    /// Its name (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Partner or linked.
    pub relationship: Relationship,
    /// For a partner: the greater of the capital or voting-rights percentage held (25 to 50).
    /// For a linked enterprise it is not used and may be omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 100.0))]
    pub share_percent: Option<f64>,
    /// Its staff headcount in AWU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_headcount: Option<SizeFigure>,
    /// Its annual turnover in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_turnover_eur: Option<SizeFigure>,
    /// Its annual balance sheet total in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_sheet_total_eur: Option<SizeFigure>,
}

/// Decisions by authorities. Absent means "not taken" (presumed, and reported).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Designations {
    /// Identified as a critical entity under Directive (EU) 2022/2557 (CER) (Art 2(3), 3(1)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_entity_cer: Option<bool>,
    /// Identified by a Member State under Art 2(2)(b)–(e), and as which class (Art 3(1)(e),
    /// 3(2) second sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state_identification: Option<Identification>,
    /// Identified before 16 January 2023 as an operator of essential services under Directive
    /// (EU) 2016/1148 (NIS1) or national law (Art 3(1)(g), a Member State option).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nis1_operator_of_essential_services: Option<bool>,
    /// An exemption under Art 2(8) for activities in national security, public security,
    /// defence or law enforcement (a Member State decision; see `security_activities`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_exemption: Option<SecurityExemption>,
    /// Exempted from DORA (Regulation (EU) 2022/2554) under its Art 2(4), hence outside NIS2
    /// (Art 2(10)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dora_exempted: Option<bool>,
}

/// A Member State identification under Art 2(2)(b)–(e).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Identification {
    /// Not identified.
    None,
    /// Identified as an essential entity (Art 3(1)(e)).
    Essential,
    /// Identified as an important entity (Art 3(2)).
    Important,
}

/// Activities of the kind Art 2(8) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecurityActivities {
    /// None.
    None,
    /// Some, besides other activities.
    Partly,
    /// Only such activities or services.
    Exclusively,
}

/// An Art 2(8) exemption decided by a Member State.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecurityExemption {
    /// No exemption.
    None,
    /// Exempted from Art 21 and 23 for those activities or services (Art 2(8), first and second
    /// sentences).
    #[serde(rename = "from_art_21_and_23")]
    FromArt21And23,
    /// The entity carries out only such activities and is exempted also from Art 3 and 27
    /// (Art 2(8), third sentence): outside the Directive's obligations.
    Full,
}
