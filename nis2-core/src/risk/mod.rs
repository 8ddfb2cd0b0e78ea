//! Risk: validated risk matrices, the service → asset → risk register, risk appetite and heat
//! maps.
//!
//! The approach follows the structure of an ISO/IEC 27005-style information security risk
//! assessment and the steps of the Danish guidance on NIS2 risk assessments: the services the
//! organisation provides and their criticality to society (step 2), the operation-critical
//! assets in IT and OT that support them (step 3), and for each asset the threats,
//! vulnerabilities, likelihood and consequence for confidentiality, integrity and availability,
//! judged against the risk appetite (step 4). Implementing Regulation (EU) 2024/2690, Annex
//! point 2.1, asks for such a framework (risk criteria, tolerance consistent with appetite,
//! treatment plan, justified acceptance of residual risks).
//!
//! - [`matrix`]: matrices as data (scales, levels, grid or formula) and their validation;
//!   re-projection of a rating between matrices.
//! - [`catalog`]: embedded presets (3×3, 4×4, 5×5) and the built-in threat catalogue.
//! - [`register`]: the register (input).
//! - [`assess`]: the assessment (output): inherent/current/residual levels, inheritance from
//!   assets to services with its trace, appetite breaches ranked with reasons, findings.
//! - [`heatmap`]: heat maps as data and accessible SVG.
//! - [`csv`]: the register as CSV.
//! - [`ops`]: the operations, declared in the registry ([`crate::api`]).
//!
//! See `docs/risk.md` for the rules.

pub mod assess;
pub mod catalog;
pub mod csv;
pub mod heatmap;
pub mod matrix;
pub mod ops;
pub mod register;
mod validate;

pub use crate::lang::Lang;
pub use assess::{assess, Assessment, Stage};
pub use catalog::{presets, threats, PresetCatalog, ThreatCatalog};
pub use heatmap::{HeatMap, HeatMapSvg};
pub use matrix::{MatrixRef, MatrixReport, Rating, Reprojection, RiskMatrix};
pub use register::Register;
pub use validate::is_date;

use crate::error::Result;

/// Validate a matrix (a preset id or inline); problems have paths under `$`.
pub fn validate_matrix(matrix: &MatrixRef) -> Result<MatrixReport> {
    validate::matrix_ref(matrix, "$").map(|m| m.report())
}

/// The heat map of one stage of a register, as data.
pub fn heatmap(register: &Register, stage: Stage) -> Result<HeatMap<'_>> {
    let (a, m) = assess::assess_with_matrix(register, "$")?;
    Ok(heatmap::build(&a, &m, stage))
}

/// The heat map of one stage of a register, as a standalone SVG document.
pub fn heatmap_svg(register: &Register, stage: Stage, lang: Lang) -> Result<String> {
    heatmap(register, stage).map(|h| heatmap::render_svg(&h, lang))
}

/// Re-project ratings from one matrix to another (rule: [`matrix::REPROJECTION_RULE`]);
/// problems have paths under `$.from`, `$.to` and `$.ratings`.
pub fn reproject(from: &MatrixRef, to: &MatrixRef, ratings: &[Rating]) -> Result<Reprojection> {
    ops::reproject_at(from, to, ratings)
}

/// The register as CSV, with its assessed levels.
pub fn register_csv(register: &Register, lang: Lang) -> Result<String> {
    let a = assess::assess(register)?;
    csv::render(register, &a, lang)
}
