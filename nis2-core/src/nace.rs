//! NACE Rev. 2 codes and the entity types they suggest (`data/nace.json`).
//!
//! The Directive defines a few entity types by NACE Rev. 2 division (Annex I point 5: C21;
//! Annex II point 5(b)–(f): C26–C30): those rows are **exact**, every activity of the division
//! counts. Every other type is defined by another act's legal definition, and a NACE code only
//! suggests it: those rows are **indicative**, the project's own reading, to be confirmed for
//! the entity. A code is looked up at any level (section `C`, division `C28`, group `C28.1`,
//! class `C28.11`; the section letter may be left out, and a Danish DB07 code such as `281100`
//! is read by its first four digits), and the answer lists the rows at or above it (they cover
//! all of its activities) and the rows below it (they cover part of them).

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::Text;

/// Whether a row's entity types follow from the Annex itself or from the project's reading.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NaceStatus {
    /// The Annex defines the entity type by this NACE division: every activity in it counts.
    Exact,
    /// A candidate: the type's legal definition (in the row's note) must be confirmed.
    Indicative,
}

/// One row of the table: a NACE code and the entity types it suggests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceRow {
    /// The code, with its section letter (`C28`, `D35.11`, `G46.3`).
    pub code: String,
    /// Its title (NACE Rev. 2 in English; a short Danish title of the project's own).
    pub title: Text,
    /// The entity type ids of the catalog it suggests.
    pub entity_types: Vec<String>,
    /// Exact (the Annex's own NACE definition) or indicative.
    pub status: NaceStatus,
    /// Where the entity types are in the Directive.
    pub citation: String,
    /// What decides it: the legal definition to confirm, or that the Annex uses the division.
    pub note: Text,
}

/// Where the table comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceProvenance {
    /// The classification the codes and titles are from.
    pub classification: String,
    /// Which rows are exact, and why.
    pub exact_rows: String,
    /// What the indicative rows are.
    pub indicative_rows: String,
    /// The revision of NACE, and how other versions are read.
    pub revision: String,
    /// The licence of the codes and of the rows.
    pub licence: String,
    /// How far the rows are verified.
    pub status: String,
    /// When the sources were read.
    pub read: String,
}

/// The NACE table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceTable {
    /// The format version (`1`).
    pub schema_version: String,
    /// Where it comes from.
    pub provenance: NaceProvenance,
    /// Every row, by code.
    pub rows: Vec<NaceRow>,
}

/// The level of a code in NACE Rev. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NaceLevel {
    /// A section (`C`).
    Section,
    /// A division (`C28`).
    Division,
    /// A group (`C28.1`).
    Group,
    /// A class (`C28.11`).
    Class,
}

/// An entity type a code suggests.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceCandidate {
    /// The entity type id.
    pub entity_type: String,
    /// Its label in the catalog.
    pub label: Text,
    /// Exact when a row that covers the whole code defines it by NACE; indicative otherwise.
    pub status: NaceStatus,
    /// Whether the row covers every activity of the code (`true`: a row at or above it) or only
    /// some (a row below it, for a broad code such as `D35`).
    pub whole_code: bool,
    /// The code of the row it comes from.
    pub row: String,
    /// Where the type is in the Directive (the catalog's citation).
    pub citation: String,
}

/// The answer for one code.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceLookup {
    /// The format version (`1`).
    pub schema_version: String,
    /// The code as given.
    pub query: String,
    /// The code read as NACE Rev. 2, with its section letter (`C28.11`).
    pub code: String,
    /// Its level.
    pub level: NaceLevel,
    /// The rows at or above the code (each covers all of its activities), broadest first.
    pub rows: Vec<NaceRow>,
    /// The rows below the code (each covers part of its activities).
    pub narrower: Vec<NaceRow>,
    /// The entity types suggested, each once: exact before indicative, whole before part, then
    /// by id.
    pub candidates: Vec<NaceCandidate>,
    /// Where the table comes from.
    pub provenance: NaceProvenance,
}

/// The request of `reference.nace`: one code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaceRequest {
    /// A NACE Rev. 2 code at any level (`C`, `C28`, `28.11`, `C28.11`; a DB07 code such as
    /// `281100`).
    pub code: String,
}

/// The longest code accepted (bytes), before reading it.
pub const MAX_CODE_BYTES: usize = 16;

static TABLE: OnceLock<Result<NaceTable>> = OnceLock::new();

/// The embedded table (parsed on first use).
pub fn table() -> Result<&'static NaceTable> {
    crate::data::cached(&TABLE, crate::data::NACE)
}

/// The section of a NACE Rev. 2 division (`None`: no such division).
fn section_of(division: u8) -> Option<char> {
    Some(match division {
        1..=3 => 'A',
        5..=9 => 'B',
        10..=33 => 'C',
        35 => 'D',
        36..=39 => 'E',
        41..=43 => 'F',
        45..=47 => 'G',
        49..=53 => 'H',
        55 | 56 => 'I',
        58..=63 => 'J',
        64..=66 => 'K',
        68 => 'L',
        69..=75 => 'M',
        77..=82 => 'N',
        84 => 'O',
        85 => 'P',
        86..=88 => 'Q',
        90..=93 => 'R',
        94..=96 => 'S',
        97 | 98 => 'T',
        99 => 'U',
        _ => return None,
    })
}

const ACCEPTED: &str = "a NACE Rev. 2 code: a section letter (`C`), a division (`C28` or `28`), a group (`C28.1`), a class (`C28.11` or `2811`), or a Danish DB07 code (`281100`)";

/// Read a code as NACE Rev. 2: its canonical form (`C28.11`) and level. `path` names the field
/// in errors.
pub fn read_code(text: &str, path: &str) -> Result<(String, NaceLevel)> {
    read_code_at(text, &|| path.to_owned())
}

/// [`read_code`] with the field's path written only for an error.
pub(crate) fn read_code_at(text: &str, path: &dyn Fn() -> String) -> Result<(String, NaceLevel)> {
    if text.len() > MAX_CODE_BYTES {
        return Err(Error::invalid(
            path(),
            format!(
                "a NACE code is at most {MAX_CODE_BYTES} characters, got {}",
                text.len()
            ),
        ));
    }
    let bad = || Error::invalid(path(), format!("`{text}` is not {ACCEPTED}"));
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let (letter, rest) = match compact.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => (Some(c), compact.get(1..).unwrap_or("")),
        _ => (None, compact.as_str()),
    };
    if rest.is_empty() {
        return match letter {
            Some(c @ 'A'..='U') => Ok((c.to_string(), NaceLevel::Section)),
            _ => Err(bad()),
        };
    }
    let (division, tail) = match rest.split_once('.') {
        Some((d, t)) if d.len() == 2 && !t.is_empty() && t.len() <= 2 => (d, t.to_owned()),
        Some(_) => return Err(bad()),
        // Digits only: 2 a division, 3 a group, 4 a class, 5-6 a DB07 code (its class first).
        // `get` rather than `split_at`: a non-ASCII character may straddle byte 2.
        None if (2..=6).contains(&rest.len()) => match (rest.get(..2), rest.get(2..)) {
            (Some(d), Some(t)) => (d, t.get(..t.len().min(2)).unwrap_or("").to_owned()),
            _ => return Err(bad()),
        },
        None => return Err(bad()),
    };
    if !division
        .bytes()
        .chain(tail.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let number: u8 = division.parse().map_err(|_| bad())?;
    let section = section_of(number).ok_or_else(|| {
        Error::invalid(
            path(),
            format!("`{text}`: there is no NACE Rev. 2 division {division}"),
        )
    })?;
    if let Some(l) = letter {
        if l != section {
            return Err(Error::invalid(
                path(),
                format!("`{text}`: division {division} is in section {section}, not {l}"),
            ));
        }
    }
    let (code, level) = match tail.len() {
        0 => (format!("{section}{division}"), NaceLevel::Division),
        1 => (format!("{section}{division}.{tail}"), NaceLevel::Group),
        _ => (format!("{section}{division}.{tail}"), NaceLevel::Class),
    };
    Ok((code, level))
}

/// Look a code up (`path` names it in errors).
pub fn lookup(text: &str, path: &str) -> Result<NaceLookup> {
    let (code, level) = read_code(text, path)?;
    let table = table()?;
    let (rows, narrower) = rows_of(table, &code);
    let candidates = candidates_of(&rows, &narrower)?
        .into_iter()
        .map(|c| NaceCandidate {
            entity_type: c.entity_type.to_owned(),
            label: c.label.clone(),
            status: c.status,
            whole_code: c.whole_code,
            row: c.row.to_owned(),
            citation: c.citation.to_owned(),
        })
        .collect();
    let owned = |rows: Vec<&NaceRow>| rows.into_iter().cloned().collect();
    Ok(NaceLookup {
        schema_version: "1".to_owned(),
        query: text.to_owned(),
        code,
        level,
        rows: owned(rows),
        narrower: owned(narrower),
        candidates,
        provenance: table.provenance.clone(),
    })
}

/// An entity type a code suggests (a [`NaceCandidate`], borrowed from the table and the
/// catalog: a profile's codes are expanded without copying either).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub(crate) entity_type: &'static str,
    pub(crate) label: &'static Text,
    pub(crate) status: NaceStatus,
    pub(crate) whole_code: bool,
    pub(crate) row: &'static str,
    pub(crate) citation: &'static str,
}

/// The entity types a code (as [`read_code`] writes it) suggests, each once, in the order of
/// [`NaceLookup::candidates`].
pub(crate) fn candidates(code: &str) -> Result<Vec<Candidate>> {
    let (rows, narrower) = rows_of(table()?, code);
    candidates_of(&rows, &narrower)
}

/// The rows at or above a code (broadest first) and the rows below it (in the table's order).
/// The table is sorted by code, each code once, and every code is canonical (tests check both),
/// so the rows at or above are the code's prefixes found by binary search, and the rows below
/// one run of the table.
fn rows_of(
    table: &'static NaceTable,
    code: &str,
) -> (Vec<&'static NaceRow>, Vec<&'static NaceRow>) {
    let find = |c: &str| {
        table
            .rows
            .binary_search_by(|r| r.code.as_str().cmp(c))
            .ok()
            .and_then(|k| table.rows.get(k))
    };
    // A row's code is canonical: a section (`C`), a division (`C28`), a group (`C28.1`) or a
    // class (`C28.11`), so only prefixes of those lengths can be rows.
    let rows = [1, 3, 5, 6]
        .into_iter()
        .filter_map(|n| code.get(..n).and_then(find))
        .collect();
    let from = table.rows.partition_point(|r| r.code.as_str() < code);
    let narrower = table
        .rows
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| r.code.starts_with(code))
        .filter(|r| r.code.len() > code.len())
        .collect();
    (rows, narrower)
}

/// The candidates of the rows at or above a code and below it: each entity type once (exact
/// before indicative, whole before part, then by id).
fn candidates_of(
    rows: &[&'static NaceRow],
    narrower: &[&'static NaceRow],
) -> Result<Vec<Candidate>> {
    let types = crate::entity_types::catalog()?;
    let mut candidates: Vec<Candidate> = Vec::new();
    for (row, whole) in rows
        .iter()
        .map(|r| (r, true))
        .chain(narrower.iter().map(|r| (r, false)))
    {
        for id in &row.entity_types {
            let t = types.get(id).ok_or_else(|| {
                crate::data::error(
                    crate::data::NACE.name,
                    format!("row {}: unknown entity type {id}", row.code),
                )
            })?;
            let status = if whole {
                row.status
            } else {
                NaceStatus::Indicative
            };
            let c = Candidate {
                entity_type: id,
                label: &t.label,
                status,
                whole_code: whole,
                row: &row.code,
                citation: &t.citation,
            };
            match candidates.iter_mut().find(|k| k.entity_type == id) {
                Some(k) if rank(&c) < rank(k) => *k = c,
                Some(_) => {}
                None => candidates.push(c),
            }
        }
    }
    candidates.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.entity_type.cmp(b.entity_type))
    });
    Ok(candidates)
}

fn rank(c: &Candidate) -> (NaceStatus, bool) {
    (c.status, !c.whole_code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// `rows_of` finds rows by binary search: the table must stay sorted by code, each once, in
    /// the canonical form `read_code` writes.
    #[test]
    fn the_rows_are_sorted_by_code_each_once() {
        let rows = &super::table().unwrap().rows;
        assert!(rows.windows(2).all(|w| w[0].code < w[1].code));
        for r in rows {
            let (code, _) = super::read_code(&r.code, "$").unwrap();
            assert_eq!(code, r.code);
        }
    }

    /// The rows found by search are the rows a scan of the table finds, for every row's code
    /// and the levels around it.
    #[test]
    fn rows_by_search_are_rows_by_scan() {
        let table = super::table().unwrap();
        let mut codes: Vec<String> = table.rows.iter().map(|r| r.code.clone()).collect();
        for r in &table.rows {
            for n in 1..r.code.len() {
                codes.push(r.code[..n].to_owned());
            }
            codes.push(format!("{}9", r.code));
        }
        codes.extend(["A", "U", "C99", "Z"].map(str::to_owned));
        for code in &codes {
            let (rows, narrower) = super::rows_of(table, code);
            let mut scan: Vec<_> = table
                .rows
                .iter()
                .filter(|r| code.starts_with(&r.code))
                .collect();
            scan.sort_by_key(|r| r.code.len());
            let below: Vec<_> = table
                .rows
                .iter()
                .filter(|r| r.code.len() > code.len() && r.code.starts_with(code.as_str()))
                .collect();
            assert_eq!(rows, scan, "{code}");
            assert_eq!(narrower, below, "{code}");
        }
    }

    #[test]
    fn codes_read_at_every_level() {
        let r = |t: &str| read_code(t, "$.code");
        assert_eq!(r("C").unwrap(), ("C".to_owned(), NaceLevel::Section));
        assert_eq!(r("c28").unwrap(), ("C28".to_owned(), NaceLevel::Division));
        assert_eq!(r("28").unwrap(), ("C28".to_owned(), NaceLevel::Division));
        assert_eq!(r("28.1").unwrap(), ("C28.1".to_owned(), NaceLevel::Group));
        assert_eq!(
            r("C 28.11").unwrap(),
            ("C28.11".to_owned(), NaceLevel::Class)
        );
        assert_eq!(r("2811").unwrap(), ("C28.11".to_owned(), NaceLevel::Class));
        assert_eq!(
            r("281100").unwrap(),
            ("C28.11".to_owned(), NaceLevel::Class)
        );
        assert_eq!(
            r("351100").unwrap(),
            ("D35.11".to_owned(), NaceLevel::Class)
        );
        assert!(r("D28").is_err());
        assert!(r("04").is_err());
        assert!(r("V").is_err());
        assert!(r("28.111").is_err());
        assert!(r("2811000").is_err());
        assert!(r("").is_err());
        assert!(r(&"1".repeat(40)).is_err());
        // Found by the fuzzer: a multi-byte character across byte 2 of the digits.
        assert!(r("Aé1").is_err());
        assert!(r("1é").is_err());
    }

    /// Every string of up to four characters over digits, letters, dots, spaces and
    /// multi-byte characters reads or is refused; none panics.
    #[test]
    fn no_code_panics() {
        let alphabet = ['1', '2', 'C', 'c', '.', ' ', 'é', '€', '\u{10348}'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for w in &words {
                for c in alphabet {
                    let mut x = w.clone();
                    x.push(c);
                    let _ = read_code(&x, "$.code");
                    next.push(x);
                }
            }
            words = next;
        }
    }

    #[test]
    fn exact_divisions_and_indicative_classes() {
        let c28 = lookup("C28.11", "$.code").unwrap();
        assert_eq!(c28.candidates.len(), 1);
        assert_eq!(c28.candidates[0].entity_type, "NIS2-II-05d-01");
        assert_eq!(c28.candidates[0].status, NaceStatus::Exact);
        let d = lookup("D35.11", "$.code").unwrap();
        assert_eq!(d.candidates[0].entity_type, "NIS2-I-01a-04");
        assert_eq!(d.candidates[0].status, NaceStatus::Indicative);
        let c26 = lookup("26.60", "$.code").unwrap();
        let ids: Vec<_> = c26
            .candidates
            .iter()
            .map(|c| (c.entity_type.as_str(), c.status))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("NIS2-II-05b-01", NaceStatus::Exact),
                ("NIS2-II-05a-01", NaceStatus::Indicative)
            ]
        );
        let section = lookup("D", "$.code").unwrap();
        assert!(section.rows.is_empty() && section.narrower.len() >= 5);
        assert!(section
            .candidates
            .iter()
            .all(|c| !c.whole_code && c.status == NaceStatus::Indicative));
        assert!(lookup("A01.11", "$.code").unwrap().candidates.is_empty());
    }

    #[test]
    fn every_row_reads_and_names_catalog_types() {
        let types = crate::entity_types::catalog().unwrap();
        let table = table().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for row in &table.rows {
            let (code, _) = read_code(&row.code, "$").unwrap();
            assert_eq!(code, row.code, "rows are written canonically");
            assert!(seen.insert(row.code.clone()), "{} twice", row.code);
            let mut citations: Vec<&str> = Vec::new();
            for id in &row.entity_types {
                let t = types
                    .get(id)
                    .unwrap_or_else(|| panic!("{}: {id}", row.code));
                if !citations.contains(&t.citation.as_str()) {
                    citations.push(&t.citation);
                }
            }
            assert_eq!(
                row.citation,
                citations.join("; "),
                "{}: the types' citations",
                row.code
            );
            if row.status == NaceStatus::Exact {
                assert_eq!(code.len(), 3, "exact rows are divisions");
            }
        }
        // The exact rows are the catalog's NACE-defined types, and only those.
        let mut by_catalog: Vec<(String, String)> = types
            .entity_types
            .iter()
            .filter_map(|t| t.nace.clone().map(|n| (n, t.id.clone())))
            .collect();
        let mut exact: Vec<(String, String)> = table
            .rows
            .iter()
            .filter(|r| r.status == NaceStatus::Exact)
            .flat_map(|r| r.entity_types.iter().map(|id| (r.code.clone(), id.clone())))
            .collect();
        by_catalog.sort();
        exact.sort();
        assert_eq!(by_catalog, exact);
    }
}
