//! The embedded data files: one list, one loader. Every reference file the engine ships
//! (`nis2-core/data/…`) is listed here once, as a constant embedded with `include_str!` from
//! inside the crate (so `cargo package` carries it; a build carries only the files its code
//! uses; `build.rs` embeds each JSON file without the whitespace between its tokens), and parsed through [`parse`] / [`cached`], which turn a defect into [`Error::Data`]
//! naming the file.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// An embedded file: its path under `data/` and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct File {
    /// The path under `data/`.
    pub(crate) name: &'static str,
    /// The contents.
    pub(crate) text: &'static str,
}

macro_rules! embedded {
    ($($id:ident = $name:literal),* $(,)?) => {
        $(
            #[doc = concat!("`data/", $name, "`.")]
            pub(crate) const $id: File = File {
                name: $name,
                text: include_str!(concat!(env!("OUT_DIR"), "/data/", $name)),
            };
        )*
    };
}

// Constants, not a table looked up by name: a build only carries the files its code uses (the
// scoping WebAssembly build has no catalogs, risk, assessment or programme-step data).
embedded![
    ENTITY_TYPES = "entity_types.json",
    MEMBER_STATES_PROVENANCE = "member_states/provenance.json",
    MS_AT = "member_states/AT.json",
    MS_BE = "member_states/BE.json",
    MS_BG = "member_states/BG.json",
    MS_HR = "member_states/HR.json",
    MS_CY = "member_states/CY.json",
    MS_CZ = "member_states/CZ.json",
    MS_DK = "member_states/DK.json",
    MS_EE = "member_states/EE.json",
    MS_FI = "member_states/FI.json",
    MS_FR = "member_states/FR.json",
    MS_DE = "member_states/DE.json",
    MS_GR = "member_states/GR.json",
    MS_HU = "member_states/HU.json",
    MS_IE = "member_states/IE.json",
    MS_IT = "member_states/IT.json",
    MS_LV = "member_states/LV.json",
    MS_LT = "member_states/LT.json",
    MS_LU = "member_states/LU.json",
    MS_MT = "member_states/MT.json",
    MS_NL = "member_states/NL.json",
    MS_PL = "member_states/PL.json",
    MS_PT = "member_states/PT.json",
    MS_RO = "member_states/RO.json",
    MS_SK = "member_states/SK.json",
    MS_SI = "member_states/SI.json",
    MS_ES = "member_states/ES.json",
    MS_SE = "member_states/SE.json",
    MS_IS = "member_states/IS.json",
    MS_LI = "member_states/LI.json",
    MS_NO = "member_states/NO.json",
    COUNTRY_CODES = "country_codes.json",
    LABELS = "labels.json",
    NACE = "nace.json",
    NIS2 = "catalogs/nis2.json",
    CIR_2024_2690 = "catalogs/cir-2024-2690.json",
    ISO27001_2022 = "catalogs/iso27001-2022.json",
    DMAERKET = "catalogs/dmaerket.json",
    DK_PROGRAMME = "catalogs/dk-programme.json",
    MAP_CIR_NIS2 = "catalogs/mappings/cir-2024-2690--nis2.json",
    MAP_CIR_ISO = "catalogs/mappings/cir-2024-2690--iso27001-2022.json",
    MAP_NIS2_ISO = "catalogs/mappings/nis2--iso27001-2022.json",
    MAP_DMAERKET_NIS2 = "catalogs/mappings/dmaerket--nis2.json",
    MAP_DMAERKET_ISO = "catalogs/mappings/dmaerket--iso27001-2022.json",
    RISK_MATRICES = "risk/matrices.json",
    RISK_THREATS = "risk/threats.json",
    ASSESSMENT_SCALES = "assessment/scales.json",
    ASSESSMENT_PREREQUISITES = "assessment/prerequisites.json",
    PROGRAMME_STEPS = "programme/steps.json",
    TRANSLATIONS_SCOPE = "translations/scope.json",
    TRANSLATIONS_FULL = "translations/full.json",
    MESSAGES_ERRORS = "messages/errors.json",
];

/// The Member-State files, one per EU or EEA State (`member_states/<code>.json`).
pub(crate) const MEMBER_STATES: &[File] = &[
    MS_AT, MS_BE, MS_BG, MS_HR, MS_CY, MS_CZ, MS_DK, MS_EE, MS_FI, MS_FR, MS_DE, MS_GR, MS_HU,
    MS_IE, MS_IT, MS_LV, MS_LT, MS_LU, MS_MT, MS_NL, MS_PL, MS_PT, MS_RO, MS_SK, MS_SI, MS_ES,
    MS_SE, MS_IS, MS_LI, MS_NO,
];

/// An embedded file parsed into `T`: read into a JSON value, then into `T` through the same
/// deserializer as requests (`crate::json::typed`), so a type that is both reference data and
/// part of a request is compiled once (the WebAssembly module carries one deserializer per type,
/// not two).
pub(crate) fn parse<T: DeserializeOwned>(file: File) -> Result<T> {
    let value = crate::value_de::parse(file.text)
        .map_err(|e| error(file.name, format!("{} at {}", e.message, e.path)))?;
    crate::json::typed(&value).map_err(|e| error(file.name, e.to_string()))
}

/// An embedded file parsed into `T` once, on first use, and kept.
pub(crate) fn cached<T: DeserializeOwned + Send + Sync>(
    cell: &'static OnceLock<Result<T>>,
    file: File,
) -> Result<&'static T> {
    cell.get_or_init(|| parse(file))
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
