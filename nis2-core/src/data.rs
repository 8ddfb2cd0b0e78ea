//! The embedded data files: one table, one loader. Every reference file the engine ships
//! (`nis2-core/data/…`) is listed here once, embedded with `include_str!` from inside the crate
//! (so `cargo package` carries it), and parsed on first use through [`cached`], which turns a
//! defect into [`Error::Data`] naming the file.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        /// Every embedded file: (path under `data/`, contents).
        pub(crate) const FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name)))),*
        ];
    };
}

embedded![
    "entity_types.json",
    "member_states/provenance.json",
    "member_states/AT.json",
    "member_states/BE.json",
    "member_states/BG.json",
    "member_states/HR.json",
    "member_states/CY.json",
    "member_states/CZ.json",
    "member_states/DK.json",
    "member_states/EE.json",
    "member_states/FI.json",
    "member_states/FR.json",
    "member_states/DE.json",
    "member_states/GR.json",
    "member_states/HU.json",
    "member_states/IE.json",
    "member_states/IT.json",
    "member_states/LV.json",
    "member_states/LT.json",
    "member_states/LU.json",
    "member_states/MT.json",
    "member_states/NL.json",
    "member_states/PL.json",
    "member_states/PT.json",
    "member_states/RO.json",
    "member_states/SK.json",
    "member_states/SI.json",
    "member_states/ES.json",
    "member_states/SE.json",
    "member_states/IS.json",
    "member_states/LI.json",
    "member_states/NO.json",
    "labels.json",
    "catalogs/nis2.json",
    "catalogs/cir-2024-2690.json",
    "catalogs/iso27001-2022.json",
    "catalogs/dmaerket.json",
    "catalogs/dk-programme.json",
    "catalogs/mappings/cir-2024-2690--nis2.json",
    "catalogs/mappings/cir-2024-2690--iso27001-2022.json",
    "catalogs/mappings/nis2--iso27001-2022.json",
    "catalogs/mappings/dmaerket--nis2.json",
    "catalogs/mappings/dmaerket--iso27001-2022.json",
    "risk/matrices.json",
    "risk/threats.json",
    "assessment/scales.json",
    "assessment/prerequisites.json",
    "programme/steps.json",
];

/// The names of every embedded file (paths under `data/`), in the table's order.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(n, _)| *n)
}

/// The text of an embedded file (`name` is its path under `data/`).
pub(crate) fn text(name: &str) -> Result<&'static str> {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| error(name, "not embedded (a build defect)"))
}

/// An embedded file parsed into `T`.
pub(crate) fn parse<T: DeserializeOwned>(name: &str) -> Result<T> {
    serde_json::from_str(text(name)?).map_err(|e| error(name, e.to_string()))
}

/// An embedded file parsed into `T` once, on first use, and kept.
pub(crate) fn cached<T: DeserializeOwned + Send + Sync>(
    cell: &'static OnceLock<Result<T>>,
    name: &str,
) -> Result<&'static T> {
    cell.get_or_init(|| parse(name))
        .as_ref()
        .map_err(Clone::clone)
}

/// The error for a defect in an embedded file.
pub(crate) fn error(name: &str, message: impl Into<String>) -> Error {
    Error::Data {
        file: format!("data/{name}"),
        message: message.into(),
    }
}
