//! Embedded data of the assessment capability: the maturity scales
//! (`data/assessment/scales.json`) and the prerequisites table of the remediation plan
//! (`data/assessment/prerequisites.json`), each with its provenance.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::MappingProvenance;
use crate::entity_types::Provenance;
use crate::error::{Error, Result};
use crate::text::Text;

use super::model::Scale;

/// The embedded maturity scales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleCatalog {
    /// Data format version.
    pub schema_version: String,
    /// The id of the default scale.
    pub default: String,
    /// Where the data came from.
    pub provenance: Provenance,
    /// The scales.
    pub scales: Vec<Scale>,
}

impl ScaleCatalog {
    /// A scale by id.
    pub fn get(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The default scale.
    pub fn default_scale(&self) -> Option<&Scale> {
        self.get(&self.default)
    }
}

/// One ordering rule of the remediation plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrerequisiteRule {
    /// Stable id.
    pub id: String,
    /// Node ids (any framework) whose gaps come first; a group covers every node under it.
    pub before: Vec<String>,
    /// Node ids whose gaps come after.
    pub after: Vec<String>,
    /// The legal basis.
    pub citation: String,
    /// Who stands behind the rule.
    pub provenance: MappingProvenance,
    /// Why.
    pub reason: Text,
}

/// The embedded prerequisites table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrerequisiteTable {
    /// Data format version.
    pub schema_version: String,
    /// Where the data came from.
    pub provenance: Provenance,
    /// The rules.
    pub rules: Vec<PrerequisiteRule>,
}

static SCALE_DATA: OnceLock<Result<ScaleCatalog>> = OnceLock::new();
static PREREQ_DATA: OnceLock<Result<PrerequisiteTable>> = OnceLock::new();

/// The embedded maturity scales (checked on first use).
pub fn scales() -> Result<&'static ScaleCatalog> {
    SCALE_DATA
        .get_or_init(|| {
            let file = "data/assessment/scales.json";
            let cat: ScaleCatalog = crate::data::parse(crate::data::ASSESSMENT_SCALES)?;
            for (i, s) in cat.scales.iter().enumerate() {
                super::validate::scale_problems(s, &format!("scales[{i}]"))
                    .into_iter()
                    .next()
                    .map_or(Ok(()), |e| {
                        Err(Error::Data {
                            file: file.to_owned(),
                            message: e.to_string(),
                        })
                    })?;
            }
            if cat.default_scale().is_none() {
                return Err(Error::Data {
                    file: file.to_owned(),
                    message: format!("the default scale `{}` is not listed", cat.default),
                });
            }
            Ok(cat)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The embedded prerequisites table (checked on first use: every node id exists).
pub fn prerequisites() -> Result<&'static PrerequisiteTable> {
    PREREQ_DATA
        .get_or_init(|| {
            let file = "data/assessment/prerequisites.json";
            let t: PrerequisiteTable = crate::data::parse(crate::data::ASSESSMENT_PREREQUISITES)?;
            let cat = crate::catalog::catalogs()?;
            for r in &t.rules {
                for id in r.before.iter().chain(&r.after) {
                    if cat.node(id).is_none() {
                        return Err(Error::Data {
                            file: file.to_owned(),
                            message: format!("rule `{}`: unknown node `{id}`", r.id),
                        });
                    }
                }
            }
            Ok(t)
        })
        .as_ref()
        .map_err(Clone::clone)
}
