//! The label catalog: every word a view shows — enum values, status words, headings, field
//! names, units — and the words for the codes a verdict carries (rule ids, open-question ids),
//! in English and Danish. Shipped as data (`data/labels.json`) and completed on load with the
//! rule and question texts the engine holds; exported on every surface (`reference` op
//! `labels`), and the only source of the words the views ([`crate::view`]) render.
//!
//! Keys:
//! - `op.<id>`: the title of an operation's result (`op.catalog.map`);
//! - `field.<name>`: the heading of a member or a column, for every member name of every
//!   response and verdict document;
//! - `value.<code>`: the word for an enum value or an engine code (`value.essential`), and
//!   `value.<field>.<code>` where the same code needs another word in one field
//!   (`value.size_class.medium`: "medium-sized enterprise", not "medium"); the views look up
//!   the field's word first;
//! - `heading.<id>`, `word.<id>` (`word.yes`, `word.no` for booleans), `unit.<id>`;
//! - `rule.<id>` and `question.<id>`: added on load from the engine's rule table (not in the
//!   data file).
//!
//! `tests/labels.rs` checks that the catalog is complete against the JSON Schemas and the op
//! registry, and the conformance vectors that no rendering shows a raw key.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::Provenance;
use crate::error::Result;
use crate::lang::Lang;
use crate::text::Text;

/// The label catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelCatalog {
    /// Document format version (`"1"`).
    pub schema_version: String,
    /// Where the words come from.
    pub provenance: Provenance,
    /// Every label by key, in key order.
    pub labels: BTreeMap<String, Text>,
}

static LABELS: OnceLock<Result<LabelCatalog>> = OnceLock::new();

/// The label catalog (the data file, with the rule and question words added).
pub fn catalog() -> Result<&'static LabelCatalog> {
    LABELS
        .get_or_init(|| {
            let mut cat: LabelCatalog = crate::data::parse(crate::data::LABELS)?;
            for rule in crate::scope::rules::ALL {
                cat.labels
                    .insert(format!("rule.{}", rule.id), rule.yes.clone());
            }
            for id in crate::scope::QUESTION_IDS {
                let (text, _) = crate::scope::questions::question_wording(id);
                cat.labels.insert(format!("question.{id}"), text);
            }
            Ok(cat)
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl LabelCatalog {
    /// A label by key.
    pub fn get(&self, key: &str) -> Option<&Text> {
        self.labels.get(key)
    }

    /// The word for a key in a language; the key itself when there is no label (a test checks
    /// that every view finds its words).
    pub fn word<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        self.labels.get(key).map_or(key, |t| lang.pick(t))
    }
}
