//! Danish for the English prose of the reference data that the views show: the provenance of
//! each data set (source, where it was read, licence, notes) and a few reference notes (a
//! threat category's basis, a catalog's publisher). The response documents keep these strings
//! as written in the data (one record, the same bytes on every surface); a Danish view shows
//! the Danish of a string written here exactly, so a document rendered on any surface reads
//! Danish throughout. `data/translations/scope.json` holds the strings of the data the scoping
//! build carries (entity types, labels, the Member-State set, the NACE table);
//! `data/translations/full.json` the rest, in the full build only. A test
//! (`tests/translations.rs`) checks that every such string of the data files has its Danish,
//! in the file of the build that carries it, and that no entry is left over.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::entity_types::Provenance;
use crate::error::Result;

/// A translation file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Translations {
    /// Where the translations come from.
    #[allow(dead_code)]
    pub(crate) provenance: Provenance,
    /// English as written in the data, and its Danish.
    pub(crate) entries: Vec<Entry>,
}

/// One string and its Danish.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// As written in a data file.
    pub(crate) en: String,
    /// In Danish.
    pub(crate) da: String,
}

static DANISH: OnceLock<Result<HashMap<String, String>>> = OnceLock::new();

/// The translation files of this build.
fn files() -> Vec<crate::data::File> {
    vec![
        crate::data::TRANSLATIONS_SCOPE,
        #[cfg(feature = "full")]
        crate::data::TRANSLATIONS_FULL,
    ]
}

/// The Danish of a string of the reference data, if it has one.
pub(crate) fn danish(en: &str) -> Option<&'static str> {
    let map = DANISH
        .get_or_init(|| {
            let mut map = HashMap::new();
            for file in files() {
                let t: Translations = crate::data::parse(file)?;
                for e in t.entries {
                    map.insert(e.en, e.da);
                }
            }
            Ok(map)
        })
        .as_ref()
        .ok()?;
    map.get(en).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_parse_and_each_string_is_written_once() {
        let mut seen = std::collections::HashSet::new();
        for file in files() {
            let t: Translations = crate::data::parse(file).unwrap();
            for e in t.entries {
                assert!(!e.da.is_empty() && e.da != e.en, "{}: {}", file.name, e.en);
                assert!(seen.insert(e.en.clone()), "{}: twice: {}", file.name, e.en);
            }
        }
        assert_eq!(
            danish("Apache-2.0 with the project"),
            Some("Apache-2.0 som projektet")
        );
        assert_eq!(danish("not in the data"), None);
    }
}
