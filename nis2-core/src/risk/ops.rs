//! The operations of the risk capability, declared in the registry ([`OPS`]): a request tagged
//! by `op` in, the operation's response out.
//!
//! | `op` | fields | response |
//! |---|---|---|
//! | `presets` | — | [`PresetCatalog`](super::catalog::PresetCatalog) |
//! | `threats` | — | [`ThreatCatalog`](super::catalog::ThreatCatalog) |
//! | `validate_matrix` | `matrix` (preset id or inline) | [`MatrixReport`](super::matrix::MatrixReport) |
//! | `validate_register` | `register` | [`RegisterCheck`] |
//! | `assess` | `register` | [`Assessment`](super::assess::Assessment) |
//! | `heatmap` | `register`, `stage` | [`HeatMap`](super::heatmap::HeatMap) |
//! | `heatmap_svg` | `register`, `stage`, `lang` | [`HeatMapSvg`] |
//! | `reproject` | `from`, `to` (matrices), `ratings` | [`Reprojection`] |
//! | `csv` | `register`, `lang` | [`CsvExport`] |

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::api::registry::{NoFields, Op, OpSpec};
use crate::api::Body;
use crate::error::{Error, Result};
use crate::lang::Lang;

use super::assess::{self, Assessment, Stage};
use super::catalog::{self, PresetCatalog, ThreatCatalog};
use super::heatmap::{self, HeatMap, HeatMapSvg};
use super::matrix::{self, MatrixRef, MatrixReport, Rating, Reprojection};
use super::register::Register;
use super::validate;

/// `{"op": "validate_matrix", "matrix": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateMatrixRequest {
    /// A preset id or a matrix.
    pub matrix: MatrixRef,
}

/// A request that takes a register: `validate_register`, `assess`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// The register.
    pub register: Box<Register>,
}

/// `{"op": "heatmap", "register": …, "stage": "residual"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatmapRequest {
    /// The register.
    pub register: Box<Register>,
    /// The stage counted.
    pub stage: Stage,
}

/// `{"op": "heatmap_svg", "register": …, "stage": "residual", "lang": "da"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatmapSvgRequest {
    /// The register.
    pub register: Box<Register>,
    /// The stage counted.
    pub stage: Stage,
    /// The language of the labels (default `en`).
    #[serde(default)]
    pub lang: Lang,
}

/// `{"op": "reproject", "from": …, "to": …, "ratings": […]}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReprojectRequest {
    /// The source matrix (preset id or inline).
    pub from: MatrixRef,
    /// The target matrix (preset id or inline).
    pub to: MatrixRef,
    /// The ratings on the source matrix.
    pub ratings: Vec<Rating>,
}

/// `{"op": "csv", "register": …, "lang": "da"}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvRequest {
    /// The register.
    pub register: Box<Register>,
    /// The language of threat names and headings (default `en`).
    #[serde(default)]
    pub lang: Lang,
}

/// The outcome of `validate_register`: the register is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterCheck {
    /// Always `true` (an invalid register is an error listing every problem).
    pub valid: bool,
    /// The register's name.
    pub register: String,
    /// The matrix id.
    pub matrix: String,
    /// Services.
    pub services: u32,
    /// Assets.
    pub assets: u32,
    /// Scenarios.
    pub scenarios: u32,
}

/// The outcome of `csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvExport {
    /// The language of the threat names.
    pub lang: Lang,
    /// Data rows (scenarios).
    pub rows: u32,
    /// The CSV text (RFC 4180, CRLF line ends, a header row).
    pub csv: String,
}

fn check_register(register: &Register, base: &str) -> Result<RegisterCheck> {
    let a: Assessment<'_> = assess::assess_at(register, base)?;
    Ok(RegisterCheck {
        valid: true,
        register: register.name.clone(),
        matrix: a.matrix.id.into_owned(),
        services: a.summary.services,
        assets: a.summary.assets,
        scenarios: a.summary.scenarios,
    })
}

/// Re-project, listing the problems of both matrices and of the ratings at once.
pub(crate) fn reproject_at(
    from: &MatrixRef,
    to: &MatrixRef,
    ratings: &[Rating],
) -> Result<Reprojection> {
    let f = validate::matrix_ref(from, "$.from");
    let t = validate::matrix_ref(to, "$.to");
    match (f, t) {
        (Ok(f), Ok(t)) => matrix::reproject(&f, &t, ratings, "$.ratings"),
        (Err(a), Err(b)) => {
            let mut list = Vec::new();
            for e in [a, b] {
                match e {
                    Error::Multiple(v) => list.extend(v),
                    other => list.push(other),
                }
            }
            Err(Error::Multiple(list))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

fn op_presets(_: NoFields) -> Result<Body> {
    Body::of(catalog::presets()?)
}

fn op_threats(_: NoFields) -> Result<Body> {
    Body::of(catalog::threats()?)
}

fn op_validate_matrix(r: ValidateMatrixRequest) -> Result<Body> {
    Body::of(&validate::matrix_ref(&r.matrix, "$.matrix")?.report())
}

fn op_validate_register(r: RegisterRequest) -> Result<Body> {
    Ok(Body::typed(check_register(&r.register, "$.register")?))
}

fn op_assess(r: RegisterRequest) -> Result<Body> {
    Body::of(&assess::assess_at(&r.register, "$.register")?)
}

fn op_heatmap(r: HeatmapRequest) -> Result<Body> {
    let (a, m) = assess::assess_with_matrix(&r.register, "$.register")?;
    Body::of(&heatmap::build(&a, &m, r.stage))
}

fn op_heatmap_svg(r: HeatmapSvgRequest) -> Result<Body> {
    let (a, m) = assess::assess_with_matrix(&r.register, "$.register")?;
    let h = heatmap::build(&a, &m, r.stage);
    Ok(Body::typed(HeatMapSvg {
        stage: r.stage,
        lang: r.lang,
        svg: heatmap::render_svg(&h, r.lang),
    }))
}

fn op_reproject(r: ReprojectRequest) -> Result<Body> {
    Ok(Body::typed(reproject_at(&r.from, &r.to, &r.ratings)?))
}

fn op_csv(r: CsvRequest) -> Result<Body> {
    let a = assess::assess_at(&r.register, "$.register")?;
    let csv = super::csv::render(&r.register, &a, r.lang)?;
    Ok(Body::typed(CsvExport {
        lang: r.lang,
        rows: a.summary.scenarios,
        csv,
    }))
}

macro_rules! risk_op {
    ($name:literal, $summary:literal, $req:literal, $kind:literal, $handler:expr) => {
        OpSpec {
            id: concat!("risk.", $name),
            capability: "risk",
            name: $name,
            summary: $summary,
            request_type: $req,
            response_kind: $kind,
            verdict_kind: concat!($kind, "-verdict"),
            handler: $handler,
        }
    };
}

/// The operations of the risk capability.
pub(crate) static OPS: [OpSpec; 9] = [
    risk_op!("presets", "The embedded risk-matrix presets, with provenance.", "RiskPresetsRequest", "risk-presets",
        &Op::<NoFields, PresetCatalog>::new(op_presets)),
    risk_op!("threats", "The built-in threat catalogue.", "RiskThreatsRequest", "risk-threats",
        &Op::<NoFields, ThreatCatalog>::new(op_threats)),
    risk_op!("validate_matrix", "Validate a risk matrix (a preset id or your own): every problem with the cells at fault.", "RiskValidateMatrixRequest", "risk-matrix-report",
        &Op::<ValidateMatrixRequest, MatrixReport>::new(op_validate_matrix)),
    risk_op!("validate_register", "Validate a risk register: every problem with its path.", "RiskValidateRegisterRequest", "risk-register-check",
        &Op::<RegisterRequest, RegisterCheck>::new(op_validate_register)),
    risk_op!("assess", "Assess a register: inherent, current and residual risk, service inheritance, appetite and ranked findings.", "RiskAssessRequest", "risk-assessment",
        &Op::<RegisterRequest, Assessment<'static>>::new(op_assess)),
    risk_op!("heatmap", "The heat map of one stage of a register, as data.", "RiskHeatmapRequest", "risk-heatmap",
        &Op::<HeatmapRequest, HeatMap<'static>>::new(op_heatmap)),
    risk_op!("heatmap_svg", "The heat map of one stage of a register, as an accessible SVG document.", "RiskHeatmapSvgRequest", "risk-heatmap-svg",
        &Op::<HeatmapSvgRequest, HeatMapSvg>::new(op_heatmap_svg)),
    risk_op!("reproject", "Re-project ratings from one matrix to another, never understating.", "RiskReprojectRequest", "risk-reprojection",
        &Op::<ReprojectRequest, Reprojection>::new(op_reproject)),
    risk_op!("csv", "The register as CSV (RFC 4180).", "RiskCsvRequest", "risk-csv",
        &Op::<CsvRequest, CsvExport>::new(op_csv)),
];
