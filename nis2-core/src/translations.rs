//! Danish for the English prose of the reference data that the views show: the provenance of
//! each data set (source, where it was read, licence, notes) and a few reference notes (a
//! threat category's basis, a catalog's publisher). The response documents keep these strings
//! as written in the data (one record, the same bytes on every surface); a Danish view shows
//! the Danish of a string written in `data/translations/` exactly, so a document rendered on
//! any surface reads Danish throughout. `scope.json` holds the strings of the data the scoping
//! build carries (entity types, labels, the Member-State set); `full.json` the rest, in the
//! full build only. The build embeds each entry as a key and its Danish, the key being the
//! English's length and hash ([`key`]), so a module carries the Danish and not the English a
//! second time. A test (`tests/translations.rs`) checks that every such string of the data
//! files has its Danish, in the file of the build that carries it, and that no entry is left
//! over.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Result;

/// A translation file as embedded (and a message file: `crate::view::messages`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Embedded {
    /// A key, its Danish, the next key, its Danish, … (the shape costs the modules no
    /// deserializer of their own).
    pub(crate) entries: Vec<String>,
}

/// The translation files of this build.
fn files() -> Vec<crate::data::File> {
    vec![
        crate::data::TRANSLATIONS_SCOPE,
        #[cfg(feature = "full")]
        crate::data::TRANSLATIONS_FULL,
    ]
}

/// The key of an English string: its length in bytes and its 64-bit FNV-1a hash (written
/// `{len:x}-{hash:016x}` by `build.rs`).
fn key(s: &str) -> (usize, u64) {
    (s.len(), fnv1a(s))
}

include!("fnv.rs");

/// A key as written in an embedded file.
fn read_key(file: &str, k: &str) -> Result<(usize, u64)> {
    let parsed = k.split_once('-').and_then(|(len, hash)| {
        Some((
            usize::from_str_radix(len, 16).ok()?,
            u64::from_str_radix(hash, 16).ok()?,
        ))
    });
    parsed.ok_or_else(|| crate::data::error(file, format!("`{k}` is not a translation key")))
}

type Table = HashMap<(usize, u64), String>;

static DANISH: OnceLock<Result<Table>> = OnceLock::new();

/// The table of this build's files.
fn table() -> Result<Table> {
    let mut out = Table::new();
    for file in files() {
        let t: Embedded = crate::data::parse(file)?;
        let mut items = t.entries.into_iter();
        while let Some(k) = items.next() {
            let da = items
                .next()
                .ok_or_else(|| crate::data::error(file.name, format!("`{k}` has no Danish")))?;
            out.insert(read_key(file.name, &k)?, da);
        }
    }
    Ok(out)
}

/// The Danish of a string of the reference data, if it has one.
pub(crate) fn danish(en: &str) -> Option<&'static str> {
    let table = DANISH.get_or_init(table).as_ref().ok()?;
    table.get(&key(en)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_parse_and_every_key_is_found() {
        let mut seen = std::collections::HashSet::new();
        for file in files() {
            let t: Embedded = crate::data::parse(file).unwrap();
            assert!(
                !t.entries.is_empty() && t.entries.len().is_multiple_of(2),
                "{}",
                file.name
            );
            for pair in t.entries.chunks(2) {
                let [k, da] = pair else { unreachable!() };
                assert!(!da.is_empty(), "{}: {k}", file.name);
                assert!(seen.insert(k.clone()), "{}: twice: {k}", file.name);
            }
        }
        assert!(table().is_ok());
        assert_eq!(
            danish("Apache-2.0 with the project"),
            Some("Apache-2.0 som projektet")
        );
        assert_eq!(danish("Apache-2.0 with the project "), None);
        assert_eq!(danish("not in the data"), None);
        assert_eq!(key(""), (0, 0xcbf2_9ce4_8422_2325));
        assert!(read_key("x", "1f-00000000000000ff").is_ok());
        assert!(read_key("x", "zz").is_err());
    }
}
