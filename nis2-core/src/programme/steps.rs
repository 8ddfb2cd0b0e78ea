//! The eight programme steps that organise an implementation plan (embedded data with
//! provenance, `data/programme/steps.json`).

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::Provenance;
use crate::error::{Error, Result};
use crate::text::Text;

/// A programme step id.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum StepId {
    /// Place responsibility.
    #[serde(rename = "step-1")]
    Step1,
    /// Identify critical services.
    #[serde(rename = "step-2")]
    Step2,
    /// Identify critical assets.
    #[serde(rename = "step-3")]
    Step3,
    /// Assess the risks.
    #[serde(rename = "step-4")]
    Step4,
    /// Gap analysis.
    #[serde(rename = "step-5")]
    Step5,
    /// Supplier security.
    #[serde(rename = "step-6")]
    Step6,
    /// Measures, training and incident handling.
    #[serde(rename = "step-7")]
    Step7,
    /// Operations and governance.
    #[serde(rename = "step-8")]
    Step8,
}

impl StepId {
    /// Every step, in order.
    pub const ALL: [StepId; 8] = [
        StepId::Step1,
        StepId::Step2,
        StepId::Step3,
        StepId::Step4,
        StepId::Step5,
        StepId::Step6,
        StepId::Step7,
        StepId::Step8,
    ];

    /// `step-1` … `step-8`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepId::Step1 => "step-1",
            StepId::Step2 => "step-2",
            StepId::Step3 => "step-3",
            StepId::Step4 => "step-4",
            StepId::Step5 => "step-5",
            StepId::Step6 => "step-6",
            StepId::Step7 => "step-7",
            StepId::Step8 => "step-8",
        }
    }

    /// 0 … 7.
    pub fn index(self) -> usize {
        match self {
            StepId::Step1 => 0,
            StepId::Step2 => 1,
            StepId::Step3 => 2,
            StepId::Step4 => 3,
            StepId::Step5 => 4,
            StepId::Step6 => 5,
            StepId::Step7 => 6,
            StepId::Step8 => 7,
        }
    }
}

/// One programme step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `step-1` … `step-8`.
    pub id: StepId,
    /// 1 … 8.
    pub number: u8,
    /// The same step in the requirement catalog `dk-programme` (`DKPROG:1` … `DKPROG:8`).
    pub catalog_node: String,
    /// Short title.
    pub label: Text,
    /// What the step is about.
    pub description: Text,
    /// The Articles of Directive (EU) 2022/2555 it mainly serves.
    pub citations: Vec<String>,
}

/// The embedded step data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepData {
    /// Data format version.
    pub schema_version: String,
    /// Where the step structure came from.
    pub provenance: Provenance,
    /// The eight steps, in order.
    pub steps: Vec<Step>,
}

static STEPS: OnceLock<std::result::Result<StepData, Error>> = OnceLock::new();

/// The embedded programme steps (parsed on first use).
pub fn data() -> Result<&'static StepData> {
    STEPS
        .get_or_init(|| {
            let data: StepData = crate::data::parse(crate::data::PROGRAMME_STEPS)?;
            let in_order = data.steps.len() == StepId::ALL.len()
                && data.steps.iter().zip(StepId::ALL).all(|(s, id)| {
                    s.id == id
                        && usize::from(s.number) == id.index() + 1
                        && s.catalog_node == format!("DKPROG:{}", s.number)
                });
            if in_order {
                Ok(data)
            } else {
                Err(Error::Data {
                    file: "data/programme/steps.json".to_owned(),
                    message: "the steps must be step-1 … step-8, in order".to_owned(),
                })
            }
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl StepData {
    /// A step by id.
    pub fn get(&self, id: StepId) -> Option<&Step> {
        self.steps.get(id.index())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_steps_load() {
        let d = data().unwrap();
        assert_eq!(d.steps.len(), 8);
        assert_eq!(
            d.get(StepId::Step6).unwrap().label.en,
            "Secure the supply chain"
        );
        // The titles are those of the dk-programme requirement catalog.
        let c = crate::catalog::catalogs().unwrap();
        for s in &d.steps {
            let (_, node) = c.node(&s.catalog_node).unwrap();
            assert_eq!(node.title, s.label, "{}", s.catalog_node);
        }
        assert_eq!(serde_json::to_string(&StepId::Step8).unwrap(), "\"step-8\"");
    }
}
