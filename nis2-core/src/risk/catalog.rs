//! Embedded risk data with provenance: the matrix presets (`data/risk/matrices.json`) and the
//! built-in threat catalogue (`data/risk/threats.json`). Both are parsed strictly and validated
//! on first use; a defect is an [`Error::Data`], caught by the test suite.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::Provenance;
use crate::error::{Error, Result};
use crate::text::Text;

use super::matrix::{self, Matrix, RiskMatrix};
use super::register::Property;

/// The embedded matrix presets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresetCatalog {
    /// Data format version.
    pub schema_version: String,
    /// Where the presets come from (each preset also states its own).
    pub provenance: Provenance,
    /// The presets.
    pub presets: Vec<RiskMatrix>,
}

/// A threat category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatCategory {
    /// Stable id, e.g. `malware`.
    pub id: String,
    /// Name.
    pub name: Text,
    /// What it covers.
    pub description: Text,
    /// The grouping it is modelled on (ISO/IEC 27005 threat type, ENISA Threat Landscape).
    pub basis: String,
}

/// A threat of the built-in catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogThreat {
    /// Stable id, e.g. `TH-RANSOMWARE`.
    pub id: String,
    /// The category id.
    pub category: String,
    /// Name.
    pub name: Text,
    /// What it is.
    pub description: Text,
    /// The security properties it typically harms (information, not a rule).
    pub affects: Vec<Property>,
}

/// The built-in threat catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatCatalog {
    /// Data format version.
    pub schema_version: String,
    /// Where the catalogue comes from.
    pub provenance: Provenance,
    /// The categories.
    pub categories: Vec<ThreatCategory>,
    /// The threats.
    pub threats: Vec<CatalogThreat>,
}

impl ThreatCatalog {
    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&ThreatCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// A threat by id.
    pub fn threat(&self, id: &str) -> Option<&CatalogThreat> {
        self.threats.iter().find(|t| t.id == id)
    }
}

static PRESETS: OnceLock<std::result::Result<PresetCatalog, Error>> = OnceLock::new();
static COMPILED: OnceLock<std::result::Result<Vec<Matrix<'static>>, Error>> = OnceLock::new();
static THREAT_CATALOG: OnceLock<std::result::Result<ThreatCatalog, Error>> = OnceLock::new();

fn data_error(file: &str, message: impl Into<String>) -> Error {
    Error::Data {
        file: file.to_owned(),
        message: message.into(),
    }
}

fn load_presets() -> std::result::Result<PresetCatalog, Error> {
    const FILE: &str = "data/risk/matrices.json";
    let catalog: PresetCatalog = crate::data::parse(crate::data::RISK_MATRICES)?;
    for (k, p) in catalog.presets.iter().enumerate() {
        if p.provenance.is_none() {
            return Err(data_error(
                FILE,
                format!("preset `{}` states no provenance", p.id),
            ));
        }
        if catalog.presets.iter().take(k).any(|o| o.id == p.id) {
            return Err(data_error(FILE, format!("duplicate preset id `{}`", p.id)));
        }
    }
    Ok(catalog)
}

fn compile_presets() -> std::result::Result<Vec<Matrix<'static>>, Error> {
    const FILE: &str = "data/risk/matrices.json";
    presets()?
        .presets
        .iter()
        .enumerate()
        .map(|(k, p)| {
            matrix::check(p, &format!("$.presets[{k}]"))
                .map_err(|e| data_error(FILE, e.to_string()))
        })
        .collect()
}

fn load_threats() -> std::result::Result<ThreatCatalog, Error> {
    const FILE: &str = "data/risk/threats.json";
    let cat: ThreatCatalog = crate::data::parse(crate::data::RISK_THREATS)?;
    let mut errors = Vec::new();
    for (k, c) in cat.categories.iter().enumerate() {
        matrix::check_id(
            &mut errors,
            &format!("$.categories[{k}].id"),
            &c.id,
            "category",
        );
        if cat.categories.iter().take(k).any(|o| o.id == c.id) {
            errors.push(Error::invalid(format!("$.categories[{k}].id"), "duplicate"));
        }
    }
    for (k, t) in cat.threats.iter().enumerate() {
        matrix::check_id(&mut errors, &format!("$.threats[{k}].id"), &t.id, "threat");
        if cat.threats.iter().take(k).any(|o| o.id == t.id) {
            errors.push(Error::invalid(format!("$.threats[{k}].id"), "duplicate"));
        }
        if cat.category(&t.category).is_none() {
            errors.push(Error::invalid(
                format!("$.threats[{k}].category"),
                "unknown category",
            ));
        }
    }
    Error::from_list(errors).map_err(|e| data_error(FILE, e.to_string()))?;
    Ok(cat)
}

/// The embedded matrix presets (parsed on first use).
pub fn presets() -> Result<&'static PresetCatalog> {
    PRESETS
        .get_or_init(load_presets)
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded presets, validated (on first use).
pub fn compiled_presets() -> Result<&'static [Matrix<'static>]> {
    COMPILED
        .get_or_init(compile_presets)
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// An embedded preset by id, validated.
pub fn preset(id: &str) -> Result<Option<&'static Matrix<'static>>> {
    Ok(compiled_presets()?.iter().find(|m| m.def().id == id))
}

/// The ids of the presets.
pub fn preset_ids() -> Result<Vec<&'static str>> {
    Ok(presets()?.presets.iter().map(|p| p.id.as_str()).collect())
}

/// The built-in threat catalogue (parsed and validated on first use).
pub fn threats() -> Result<&'static ThreatCatalog> {
    THREAT_CATALOG
        .get_or_init(load_threats)
        .as_ref()
        .map_err(Clone::clone)
}
