//! The risk register: services and their criticality, the assets that support them, threats,
//! vulnerabilities, risk scenarios with inherent, current and residual ratings, treatments, and
//! the risk appetite. Input only: [`super::assess`] validates and evaluates it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matrix::MatrixRef;

/// The schema version of risk registers.
pub const REGISTER_SCHEMA_VERSION: &str = "1";

const ID_PATTERN: &str = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$";
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// A risk register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Data format version: `1`.
    pub schema_version: String,
    /// The register's name (echoed).
    pub name: String,
    /// The organisation (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The date of the assessment, `YYYY-MM-DD`. When given, reviews dated before it are
    /// reported as overdue (the engine has no clock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub assessment_date: Option<String>,
    /// The risk matrix: a preset id (e.g. `iso27005-style-5x5`) or a matrix given in full.
    pub matrix: MatrixRef,
    /// The risk appetite: the highest acceptable levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appetite: Option<Appetite>,
    /// The services the organisation provides (step 2 of the Danish risk-assessment approach).
    pub services: Vec<Service>,
    /// The operation-critical assets, IT and OT (step 3).
    pub assets: Vec<Asset>,
    /// Threats added to the built-in catalogue (ids must not clash with it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub threats: Vec<Threat>,
    /// Vulnerabilities that scenarios refer to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerabilities: Vec<Vulnerability>,
    /// The risk scenarios (step 4).
    pub scenarios: Vec<Scenario>,
}

/// How critical a service is (to society, to customers).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Criticality {
    /// Disruption is a nuisance.
    Low,
    /// Disruption is felt but can be worked around for some time.
    Medium,
    /// Disruption quickly harms many people or other organisations.
    High,
    /// Disruption endangers health, life, security or other critical services.
    Critical,
}

/// A service the organisation provides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Name.
    pub name: String,
    /// What the service is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The NIS2 entity type it belongs to (an id of the entity-type catalog, e.g.
    /// `NIS2-I-06-01` for drinking water supply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Criticality to society.
    pub criticality_society: Criticality,
    /// Criticality to the customers.
    pub criticality_customers: Criticality,
    /// The services that depend on this one (their ids). Cycles are rejected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependants: Vec<String>,
    /// Indirect consequences of a disruption (e.g. on other sectors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indirect_consequences: Option<String>,
    /// The accountable owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// The kind of an asset.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// An information system (application with its data and platform).
    System,
    /// Hardware: servers, PLCs, devices.
    Hardware,
    /// Software.
    Software,
    /// Data or information.
    Data,
    /// Infrastructure: networks, power, cooling.
    Infrastructure,
    /// People and their knowledge.
    People,
    /// A facility: a site, building or plant.
    Facility,
    /// A service bought from a supplier.
    SupplierService,
}

/// Information technology or operational technology.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Information technology (administrative and business systems).
    It,
    /// Operational technology (systems that monitor or control physical processes).
    Ot,
}

/// An operation-critical asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Stable id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Name.
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its kind.
    pub kind: AssetKind,
    /// IT or OT.
    pub domain: Domain,
    /// The accountable owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The services it supports (their ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

/// A security property.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Property {
    /// Confidentiality.
    Confidentiality,
    /// Integrity.
    Integrity,
    /// Availability.
    Availability,
}

impl Property {
    /// The three properties, in C, I, A order.
    pub const ALL: [Property; 3] = [
        Property::Confidentiality,
        Property::Integrity,
        Property::Availability,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Property::Confidentiality => "confidentiality",
            Property::Integrity => "integrity",
            Property::Availability => "availability",
        }
    }

    /// The Danish name.
    pub fn da(self) -> &'static str {
        match self {
            Property::Confidentiality => "fortrolighed",
            Property::Integrity => "integritet",
            Property::Availability => "tilgængelighed",
        }
    }
}

/// A threat added by the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    /// Stable id (not one of the built-in catalogue).
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// A category id of the built-in catalogue (e.g. `unauthorised_action`).
    pub category: String,
    /// Name.
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A vulnerability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vulnerability {
    /// Stable id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Name.
    pub name: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Impact per security property, each a position on the matrix's impact scale. At least one is
/// given; a property left out is not affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    /// Impact on confidentiality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub confidentiality: Option<u32>,
    /// Impact on integrity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub integrity: Option<u32>,
    /// Impact on availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub availability: Option<u32>,
}

impl Impact {
    /// The impact on one property.
    pub fn get(&self, p: Property) -> Option<u32> {
        match p {
            Property::Confidentiality => self.confidentiality,
            Property::Integrity => self.integrity,
            Property::Availability => self.availability,
        }
    }

    /// The highest impact over the properties given.
    pub fn max(&self) -> Option<u32> {
        let m = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, None) => x,
            (None, y) => y,
        };
        m(m(self.confidentiality, self.integrity), self.availability)
    }
}

/// A likelihood and an impact per property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRating {
    /// Position on the likelihood scale.
    #[schemars(range(min = 1, max = 10))]
    pub likelihood: u32,
    /// Impact per property on the impact scale.
    pub impact: Impact,
}

/// A treatment option (ISO/IEC 27005, ISO 31000).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentOption {
    /// Reduce the likelihood or impact with controls.
    Mitigate,
    /// Keep the risk, by an informed decision of its owner.
    Accept,
    /// Share the risk (insurance, contract).
    Transfer,
    /// Stop the activity that gives rise to the risk.
    Avoid,
}

/// The treatment decided for a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    /// The option.
    pub option: TreatmentOption,
    /// Control ids, free text such as `ISO27001:A.5.19` or `CIR-2690:6.7.2`. Required to
    /// mitigate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// What will be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Why this option (for `accept`, the justification of the accepted residual risk that
    /// Implementing Regulation (EU) 2024/2690, Annex point 2.1.2(j), asks for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// When the treatment is due, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub due_date: Option<String>,
}

/// A risk scenario: a threat exploiting a vulnerability of an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id.
    #[schemars(regex(pattern = ID_PATTERN))]
    pub id: String,
    /// Short title.
    pub title: String,
    /// The scenario in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The asset (id).
    pub asset: String,
    /// The threat (id of the built-in catalogue or of the register's threats).
    pub threat: String,
    /// The vulnerability (id), if identified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<String>,
    /// The rating without any controls.
    pub inherent: StageRating,
    /// The rating with the controls in place today. Absent: taken as the inherent rating
    /// (no existing control credited), and the result says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<StageRating>,
    /// The rating expected after the planned treatment. Absent: taken as the current rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<StageRating>,
    /// The treatment decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<Treatment>,
    /// The risk owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The next review, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub review_date: Option<String>,
}

/// The risk appetite: for the overall risk and per property, the highest level that is
/// acceptable (a level id of the matrix). A risk whose level is above is outside appetite.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appetite {
    /// The appetite in words (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// The highest acceptable overall level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<String>,
    /// The highest acceptable level of confidentiality risks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<String>,
    /// The highest acceptable level of integrity risks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    /// The highest acceptable level of availability risks (e.g. `medium`: availability risks
    /// above Medium are not acceptable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<String>,
}

impl Appetite {
    /// The threshold for a property.
    pub fn for_property(&self, p: Property) -> Option<&str> {
        match p {
            Property::Confidentiality => self.confidentiality.as_deref(),
            Property::Integrity => self.integrity.as_deref(),
            Property::Availability => self.availability.as_deref(),
        }
    }
}
