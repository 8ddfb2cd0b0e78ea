//! The one JSON-shaped entry point of the risk capability: a request tagged by `op`, a compact
//! JSON response. The CLI, Python and WebAssembly bindings call only this, so every surface
//! gives the same bytes for the same input.
//!
//! | `op` | fields | response |
//! |---|---|---|
//! | `presets` | — | [`PresetCatalog`](super::catalog::PresetCatalog) |
//! | `threats` | — | [`ThreatCatalog`](super::catalog::ThreatCatalog) |
//! | `validate_matrix` | `matrix` (preset id or inline) | [`MatrixReport`](super::matrix::MatrixReport) |
//! | `validate_register` | `register` | [`RegisterCheck`] |
//! | `assess` | `register` | [`Assessment`](super::assess::Assessment) |
//! | `heatmap` | `register`, `stage`, `format` (`data`\|`svg`), `lang` | [`HeatMap`](super::heatmap::HeatMap) or [`HeatMapSvg`] |
//! | `reproject` | `from`, `to` (matrices), `ratings` | [`Reprojection`] |
//! | `csv` | `register`, `lang` | [`CsvExport`] |

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json;

use super::assess::{self, Assessment, Stage};
use super::catalog;
use super::heatmap::{self, HeatMapSvg, Lang};
use super::matrix::{self, MatrixRef, Rating, Reprojection};
use super::register::Register;
use super::validate;

/// The output format of a heat map.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum HeatmapFormat {
    /// Counts per cell as JSON data.
    #[default]
    Data,
    /// A standalone SVG document (in the `svg` field of the response).
    Svg,
}

/// A request to [`risk_json`], tagged by `op`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum RiskRequest {
    /// The embedded matrix presets.
    Presets,
    /// The built-in threat catalogue.
    Threats,
    /// Validate a matrix.
    ValidateMatrix {
        /// A preset id or a matrix.
        matrix: MatrixRef,
    },
    /// Validate a register.
    ValidateRegister {
        /// The register.
        register: Box<Register>,
    },
    /// Assess a register.
    Assess {
        /// The register.
        register: Box<Register>,
    },
    /// A heat map of one stage.
    Heatmap {
        /// The register.
        register: Box<Register>,
        /// The stage counted.
        stage: Stage,
        /// `data` (default) or `svg`.
        #[serde(default)]
        format: HeatmapFormat,
        /// The language of the SVG labels (default `en`).
        #[serde(default)]
        lang: Lang,
    },
    /// Re-project ratings from one matrix to another.
    Reproject {
        /// The source matrix (preset id or inline).
        from: MatrixRef,
        /// The target matrix (preset id or inline).
        to: MatrixRef,
        /// The ratings on the source matrix.
        ratings: Vec<Rating>,
    },
    /// The register as CSV.
    Csv {
        /// The register.
        register: Box<Register>,
        /// The language of threat names (default `en`).
        #[serde(default)]
        lang: Lang,
    },
}

/// The operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Op {
    Presets,
    Threats,
    ValidateMatrix,
    ValidateRegister,
    Assess,
    Heatmap,
    Reproject,
    Csv,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Presets => "presets",
            Op::Threats => "threats",
            Op::ValidateMatrix => "validate_matrix",
            Op::ValidateRegister => "validate_register",
            Op::Assess => "assess",
            Op::Heatmap => "heatmap",
            Op::Reproject => "reproject",
            Op::Csv => "csv",
        }
    }

    /// The fields each op accepts (required ones first, with the count required).
    fn fields(self) -> (&'static [&'static str], usize) {
        match self {
            Op::Presets | Op::Threats => (&[], 0),
            Op::ValidateMatrix => (&["matrix"], 1),
            Op::ValidateRegister | Op::Assess => (&["register"], 1),
            Op::Heatmap => (&["register", "stage", "format", "lang"], 2),
            Op::Reproject => (&["from", "to", "ratings"], 3),
            Op::Csv => (&["register", "lang"], 1),
        }
    }
}

/// The operations, as written in `op` (an unknown one is reported with the nearest).
pub const OPS: &[&str] = &[
    "presets",
    "threats",
    "validate_matrix",
    "validate_register",
    "assess",
    "heatmap",
    "reproject",
    "csv",
];

/// The request as read: every field optional, so that each keeps its exact path; the op then
/// says which are required and which are not accepted.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    op: Op,
    #[serde(default)]
    matrix: Option<MatrixRef>,
    #[serde(default)]
    register: Option<Box<Register>>,
    #[serde(default)]
    stage: Option<Stage>,
    #[serde(default)]
    format: Option<HeatmapFormat>,
    #[serde(default)]
    lang: Option<Lang>,
    #[serde(default)]
    from: Option<MatrixRef>,
    #[serde(default)]
    to: Option<MatrixRef>,
    #[serde(default)]
    ratings: Option<Vec<Rating>>,
}

impl RawRequest {
    fn present(&self) -> [(&'static str, bool); 8] {
        [
            ("matrix", self.matrix.is_some()),
            ("register", self.register.is_some()),
            ("stage", self.stage.is_some()),
            ("format", self.format.is_some()),
            ("lang", self.lang.is_some()),
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("ratings", self.ratings.is_some()),
        ]
    }

    fn into_request(self) -> Result<RiskRequest> {
        let (accepted, required) = self.op.fields();
        let op = self.op.name();
        let mut errors = Vec::new();
        for (name, there) in self.present() {
            let pos = accepted.iter().position(|a| *a == name);
            match (pos, there) {
                (None, true) => errors.push(Error::invalid(
                    format!("$.{name}"),
                    format!(
                        "not used by op `{op}`{}",
                        if accepted.is_empty() {
                            ", which takes no other field".to_owned()
                        } else {
                            format!(" (it takes: {})", accepted.join(", "))
                        }
                    ),
                )),
                (Some(p), false) if p < required => errors.push(Error::invalid(
                    format!("$.{name}"),
                    format!("required by op `{op}`"),
                )),
                _ => {}
            }
        }
        Error::from_list(errors)?;
        let missing = |f: &str| Error::invalid(format!("$.{f}"), format!("required by op `{op}`"));
        Ok(match self.op {
            Op::Presets => RiskRequest::Presets,
            Op::Threats => RiskRequest::Threats,
            Op::ValidateMatrix => RiskRequest::ValidateMatrix {
                matrix: self.matrix.ok_or_else(|| missing("matrix"))?,
            },
            Op::ValidateRegister => RiskRequest::ValidateRegister {
                register: self.register.ok_or_else(|| missing("register"))?,
            },
            Op::Assess => RiskRequest::Assess {
                register: self.register.ok_or_else(|| missing("register"))?,
            },
            Op::Heatmap => RiskRequest::Heatmap {
                register: self.register.ok_or_else(|| missing("register"))?,
                stage: self.stage.ok_or_else(|| missing("stage"))?,
                format: self.format.unwrap_or_default(),
                lang: self.lang.unwrap_or_default(),
            },
            Op::Reproject => RiskRequest::Reproject {
                from: self.from.ok_or_else(|| missing("from"))?,
                to: self.to.ok_or_else(|| missing("to"))?,
                ratings: self.ratings.ok_or_else(|| missing("ratings"))?,
            },
            Op::Csv => RiskRequest::Csv {
                register: self.register.ok_or_else(|| missing("register"))?,
                lang: self.lang.unwrap_or_default(),
            },
        })
    }
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

impl RiskRequest {
    /// Parse a request (JSON text), naming the field path of any problem.
    pub fn parse(input: &str) -> Result<Self> {
        Self::from_value(json::parse_object(input, "a risk request")?)
    }

    /// Parse a request from an already-parsed JSON value.
    pub fn from_value(input: serde_json::Value) -> Result<Self> {
        json::check_op(&input, OPS)?;
        json::from_value::<RawRequest>(input, "a risk request")?.into_request()
    }

    /// Parse a request from any serde deserializer (e.g. over a JavaScript object).
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self> {
        Self::from_value(json::from_deserializer::<serde_json::Value, D>(d)?)
    }

    /// Run the request: the response as compact JSON text.
    pub fn run(&self) -> Result<String> {
        match self {
            RiskRequest::Presets => json::to_string(catalog::presets()?),
            RiskRequest::Threats => json::to_string(catalog::threats()?),
            RiskRequest::ValidateMatrix { matrix } => {
                json::to_string(&validate::matrix_ref(matrix, "$.matrix")?.report())
            }
            RiskRequest::ValidateRegister { register } => {
                json::to_string(&check_register(register, "$.register")?)
            }
            RiskRequest::Assess { register } => {
                json::to_string(&assess::assess_at(register, "$.register")?)
            }
            RiskRequest::Heatmap {
                register,
                stage,
                format,
                lang,
            } => {
                let (a, m) = assess::assess_with_matrix(register, "$.register")?;
                let h = heatmap::build(&a, &m, *stage);
                match format {
                    HeatmapFormat::Data => json::to_string(&h),
                    HeatmapFormat::Svg => json::to_string(&HeatMapSvg {
                        stage: *stage,
                        lang: *lang,
                        svg: heatmap::render_svg(&h, *lang),
                    }),
                }
            }
            RiskRequest::Reproject { from, to, ratings } => {
                json::to_string(&reproject_at(from, to, ratings)?)
            }
            RiskRequest::Csv { register, lang } => {
                let a = assess::assess_at(register, "$.register")?;
                let csv = super::csv::render(register, &a, *lang)?;
                json::to_string(&CsvExport {
                    lang: *lang,
                    rows: a.summary.scenarios,
                    csv,
                })
            }
        }
    }
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

/// `risk`: a request (JSON text) to a response (compact JSON text).
pub fn risk_json(request: &str) -> Result<String> {
    RiskRequest::parse(request)?.run()
}

/// `risk` on an already-parsed JSON value.
pub fn risk_value(request: serde_json::Value) -> Result<String> {
    RiskRequest::from_value(request)?.run()
}

/// `risk` from any serde deserializer (e.g. `serde_wasm_bindgen::Deserializer`).
pub fn risk_from<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String> {
    RiskRequest::from_deserializer(deserializer)?.run()
}

/// A register document (JSON text) to its assessment (compact JSON text); problems have
/// paths under `$`. For the CLI's `nis2 risk assess FILE`.
pub fn assess_register_json(register: &str) -> Result<String> {
    let reg: Register = json::from_str(register, "a risk register")?;
    json::to_string(&assess::assess(&reg)?)
}

/// A register document to its heat map (`data`: JSON; `svg`: the SVG document itself).
pub fn heatmap_register_json(
    register: &str,
    stage: Stage,
    format: HeatmapFormat,
    lang: Lang,
) -> Result<String> {
    let reg: Register = json::from_str(register, "a risk register")?;
    let h = super::heatmap(&reg, stage)?;
    match format {
        HeatmapFormat::Data => json::to_string(&h),
        HeatmapFormat::Svg => Ok(heatmap::render_svg(&h, lang)),
    }
}

/// A matrix or register document (JSON text) validated: a matrix (it has `levels`) gives a
/// [`MatrixReport`], a register (it has `scenarios`) a [`RegisterCheck`]; problems have paths
/// under `$`. For the CLI's `nis2 risk validate FILE`.
pub fn validate_document_json(document: &str) -> Result<String> {
    let value: serde_json::Value = json::from_str(document, "a risk matrix or register")?;
    let is_matrix = value.get("levels").is_some() && value.get("scenarios").is_none();
    if is_matrix {
        let m: super::matrix::RiskMatrix = json::from_value(value, "a risk matrix")?;
        json::to_string(&matrix::check(&m, "$")?.report())
    } else {
        let reg: Register = json::from_value(value, "a risk register")?;
        json::to_string(&check_register(&reg, "$")?)
    }
}

#[cfg(test)]
mod ops_tests {
    #![allow(clippy::unwrap_used)]

    /// `OPS` (what an unknown op is checked against) names exactly the ops serde reads.
    #[test]
    fn ops_are_the_op_names() {
        for name in super::OPS {
            let op: super::Op = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(op.name(), *name);
        }
        let mut names: Vec<&str> = super::OPS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), super::OPS.len());
    }
}
