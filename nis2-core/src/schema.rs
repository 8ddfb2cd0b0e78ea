//! JSON Schemas generated from the core types. `schemas/*.json` in the repository are these,
//! written by `cargo run -p nis2-cli -- schema --write schemas`, and a test fails when stale.

use crate::error::{Error, Result};

/// The document kinds that have a schema: (kind, file name).
pub const KINDS: &[(&str, &str)] = &[
    ("scope-profile", "scope-profile.schema.json"),
    ("scope-result", "scope-result.schema.json"),
    ("entity-types", "entity-types.schema.json"),
    ("member-states", "member-states.schema.json"),
    ("error", "error.schema.json"),
    ("catalog-request", "catalog-request.schema.json"),
    ("catalog-response", "catalog-response.schema.json"),
    ("catalog", "catalog.schema.json"),
    ("catalog-mapping", "catalog-mapping.schema.json"),
    ("risk-request", "risk-request.schema.json"),
    ("risk-matrix", "risk-matrix.schema.json"),
    ("risk-register", "risk-register.schema.json"),
    ("risk-assessment", "risk-assessment.schema.json"),
    ("risk-heatmap", "risk-heatmap.schema.json"),
    ("risk-heatmap-svg", "risk-heatmap-svg.schema.json"),
    ("risk-matrix-report", "risk-matrix-report.schema.json"),
    ("risk-reprojection", "risk-reprojection.schema.json"),
    ("risk-register-check", "risk-register-check.schema.json"),
    ("risk-csv", "risk-csv.schema.json"),
    ("risk-presets", "risk-presets.schema.json"),
    ("risk-threats", "risk-threats.schema.json"),
    ("programme", "programme.schema.json"),
    ("programme-request", "programme-request.schema.json"),
    ("incident", "incident.schema.json"),
    ("incident-clock", "incident-clock.schema.json"),
    ("significance-result", "significance-result.schema.json"),
    ("wheel-result", "wheel-result.schema.json"),
    ("wheel-ics", "wheel-ics.schema.json"),
    ("plan-report", "plan-report.schema.json"),
    ("governance-report", "governance-report.schema.json"),
    ("supplier-report", "supplier-report.schema.json"),
    ("obligations-request", "obligations-request.schema.json"),
    ("obligations-result", "obligations-result.schema.json"),
    ("programme-validation", "programme-validation.schema.json"),
    ("assessment-request", "assessment-request.schema.json"),
    ("assessment", "assessment.schema.json"),
    (
        "assessment-requirements",
        "assessment-requirements.schema.json",
    ),
    ("assessment-evaluation", "assessment-evaluation.schema.json"),
    ("assessment-inference", "assessment-inference.schema.json"),
    ("assessment-plan", "assessment-plan.schema.json"),
    ("assessment-report", "assessment-report.schema.json"),
    (
        "assessment-full-result",
        "assessment-full-result.schema.json",
    ),
    ("assessment-scales", "assessment-scales.schema.json"),
    (
        "assessment-prerequisites",
        "assessment-prerequisites.schema.json",
    ),
];

fn gen<T: schemars::JsonSchema>(id: &str) -> serde_json::Value {
    let v = schemars::schema_for!(T).to_value();
    let serde_json::Value::Object(mut obj) = v else {
        return v;
    };
    // Header keys first, for readers.
    let mut out = serde_json::Map::new();
    for key in ["$schema", "title", "description"] {
        if let Some(value) = obj.remove(key) {
            out.insert(key.to_owned(), value);
        }
        if key == "$schema" {
            out.insert(
                "$id".to_owned(),
                serde_json::Value::String(format!("https://nis2.invalid/schemas/{id}")),
            );
        }
    }
    out.extend(obj);
    serde_json::Value::Object(out)
}

/// The committed schema files, embedded: what the CLI and the Python binding serve (the
/// schemars code that generates them is not linked into them). A test checks they equal the
/// generated ones. Behind the default feature `schemas`: the WebAssembly build leaves them out
/// (68 KB gzipped of its size budget), JavaScript users having the TypeScript types generated
/// from the same schemas.
#[cfg(feature = "schemas")]
const EMBEDDED: &[(&str, &str)] = &[
    (
        "scope-profile",
        include_str!("../../schemas/scope-profile.schema.json"),
    ),
    (
        "scope-result",
        include_str!("../../schemas/scope-result.schema.json"),
    ),
    (
        "entity-types",
        include_str!("../../schemas/entity-types.schema.json"),
    ),
    (
        "member-states",
        include_str!("../../schemas/member-states.schema.json"),
    ),
    ("error", include_str!("../../schemas/error.schema.json")),
    (
        "catalog-request",
        include_str!("../../schemas/catalog-request.schema.json"),
    ),
    (
        "catalog-response",
        include_str!("../../schemas/catalog-response.schema.json"),
    ),
    ("catalog", include_str!("../../schemas/catalog.schema.json")),
    (
        "catalog-mapping",
        include_str!("../../schemas/catalog-mapping.schema.json"),
    ),
    (
        "risk-request",
        include_str!("../../schemas/risk-request.schema.json"),
    ),
    (
        "risk-matrix",
        include_str!("../../schemas/risk-matrix.schema.json"),
    ),
    (
        "risk-register",
        include_str!("../../schemas/risk-register.schema.json"),
    ),
    (
        "risk-assessment",
        include_str!("../../schemas/risk-assessment.schema.json"),
    ),
    (
        "risk-heatmap",
        include_str!("../../schemas/risk-heatmap.schema.json"),
    ),
    (
        "risk-heatmap-svg",
        include_str!("../../schemas/risk-heatmap-svg.schema.json"),
    ),
    (
        "risk-matrix-report",
        include_str!("../../schemas/risk-matrix-report.schema.json"),
    ),
    (
        "risk-reprojection",
        include_str!("../../schemas/risk-reprojection.schema.json"),
    ),
    (
        "risk-register-check",
        include_str!("../../schemas/risk-register-check.schema.json"),
    ),
    (
        "risk-csv",
        include_str!("../../schemas/risk-csv.schema.json"),
    ),
    (
        "risk-presets",
        include_str!("../../schemas/risk-presets.schema.json"),
    ),
    (
        "risk-threats",
        include_str!("../../schemas/risk-threats.schema.json"),
    ),
    (
        "programme",
        include_str!("../../schemas/programme.schema.json"),
    ),
    (
        "programme-request",
        include_str!("../../schemas/programme-request.schema.json"),
    ),
    (
        "incident",
        include_str!("../../schemas/incident.schema.json"),
    ),
    (
        "incident-clock",
        include_str!("../../schemas/incident-clock.schema.json"),
    ),
    (
        "significance-result",
        include_str!("../../schemas/significance-result.schema.json"),
    ),
    (
        "wheel-result",
        include_str!("../../schemas/wheel-result.schema.json"),
    ),
    (
        "wheel-ics",
        include_str!("../../schemas/wheel-ics.schema.json"),
    ),
    (
        "plan-report",
        include_str!("../../schemas/plan-report.schema.json"),
    ),
    (
        "governance-report",
        include_str!("../../schemas/governance-report.schema.json"),
    ),
    (
        "supplier-report",
        include_str!("../../schemas/supplier-report.schema.json"),
    ),
    (
        "obligations-request",
        include_str!("../../schemas/obligations-request.schema.json"),
    ),
    (
        "obligations-result",
        include_str!("../../schemas/obligations-result.schema.json"),
    ),
    (
        "programme-validation",
        include_str!("../../schemas/programme-validation.schema.json"),
    ),
    (
        "assessment-request",
        include_str!("../../schemas/assessment-request.schema.json"),
    ),
    (
        "assessment",
        include_str!("../../schemas/assessment.schema.json"),
    ),
    (
        "assessment-requirements",
        include_str!("../../schemas/assessment-requirements.schema.json"),
    ),
    (
        "assessment-evaluation",
        include_str!("../../schemas/assessment-evaluation.schema.json"),
    ),
    (
        "assessment-inference",
        include_str!("../../schemas/assessment-inference.schema.json"),
    ),
    (
        "assessment-plan",
        include_str!("../../schemas/assessment-plan.schema.json"),
    ),
    (
        "assessment-report",
        include_str!("../../schemas/assessment-report.schema.json"),
    ),
    (
        "assessment-full-result",
        include_str!("../../schemas/assessment-full-result.schema.json"),
    ),
    (
        "assessment-scales",
        include_str!("../../schemas/assessment-scales.schema.json"),
    ),
    (
        "assessment-prerequisites",
        include_str!("../../schemas/assessment-prerequisites.schema.json"),
    ),
];

/// The committed schema text of a document kind (pretty JSON with a final newline).
#[cfg(feature = "schemas")]
pub fn embedded(kind: &str) -> Result<&'static str> {
    EMBEDDED
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, text)| *text)
        .ok_or_else(|| unknown_kind(kind))
}

/// The committed schema text of a document kind: not in a build without the feature `schemas`
/// (the WebAssembly one); an unknown kind is still reported as such.
#[cfg(not(feature = "schemas"))]
pub fn embedded(kind: &str) -> Result<&'static str> {
    if KINDS.iter().any(|(k, _)| *k == kind) {
        Err(Error::invalid(
            "$",
            format!(
                "this build of nis2 does not embed the JSON Schemas (feature `schemas`); the \
                 schema `{kind}` is in the repository's `schemas/` directory, the Python \
                 package and the CLI (`nis2 schema {kind}`)"
            ),
        ))
    } else {
        Err(unknown_kind(kind))
    }
}

/// A kind that has no schema, with the nearest kinds.
fn unknown_kind(kind: &str) -> Error {
    Error::UnknownId {
        path: "$".to_owned(),
        what: "schema kind".to_owned(),
        value: kind.to_owned(),
        suggestions: crate::suggest::nearest(kind, KINDS.iter().map(|(k, _)| *k), 3),
    }
}

/// The schema of one document kind, generated from the Rust types.
pub fn schema_for(kind: &str) -> Result<serde_json::Value> {
    Ok(match kind {
        "scope-profile" => gen::<crate::scope::profile::Profile>("scope-profile.schema.json"),
        "scope-result" => gen::<crate::scope::result::ScopeResult>("scope-result.schema.json"),
        "entity-types" => gen::<crate::entity_types::EntityTypeCatalog>("entity-types.schema.json"),
        "member-states" => gen::<crate::overlay::OverlayData>("member-states.schema.json"),
        "error" => gen::<crate::error::ErrorReport>("error.schema.json"),
        "catalog-request" => gen::<crate::catalog::CatalogRequest>("catalog-request.schema.json"),
        "catalog-response" => {
            gen::<crate::catalog::CatalogResponse>("catalog-response.schema.json")
        }
        "catalog" => gen::<crate::catalog::Framework>("catalog.schema.json"),
        "catalog-mapping" => gen::<crate::catalog::Mapping>("catalog-mapping.schema.json"),
        "risk-request" => gen::<crate::risk::ffi::RiskRequest>("risk-request.schema.json"),
        "risk-matrix" => gen::<crate::risk::matrix::RiskMatrix>("risk-matrix.schema.json"),
        "risk-register" => gen::<crate::risk::register::Register>("risk-register.schema.json"),
        "risk-assessment" => {
            gen::<crate::risk::assess::Assessment<'static>>("risk-assessment.schema.json")
        }
        "risk-heatmap" => gen::<crate::risk::heatmap::HeatMap<'static>>("risk-heatmap.schema.json"),
        "risk-heatmap-svg" => {
            gen::<crate::risk::heatmap::HeatMapSvg>("risk-heatmap-svg.schema.json")
        }
        "risk-matrix-report" => {
            gen::<crate::risk::matrix::MatrixReport>("risk-matrix-report.schema.json")
        }
        "risk-reprojection" => {
            gen::<crate::risk::matrix::Reprojection>("risk-reprojection.schema.json")
        }
        "risk-register-check" => {
            gen::<crate::risk::ffi::RegisterCheck>("risk-register-check.schema.json")
        }
        "risk-csv" => gen::<crate::risk::ffi::CsvExport>("risk-csv.schema.json"),
        "risk-presets" => gen::<crate::risk::catalog::PresetCatalog>("risk-presets.schema.json"),
        "risk-threats" => gen::<crate::risk::catalog::ThreatCatalog>("risk-threats.schema.json"),
        "programme" => gen::<crate::programme::model::Programme>("programme.schema.json"),
        "programme-request" => {
            gen::<crate::programme::ffi::ProgrammeRequest>("programme-request.schema.json")
        }
        "incident" => gen::<crate::programme::incident::IncidentInput>("incident.schema.json"),
        "incident-clock" => {
            gen::<crate::programme::incident::IncidentClock>("incident-clock.schema.json")
        }
        "significance-result" => gen::<crate::programme::significance::SignificanceResult>(
            "significance-result.schema.json",
        ),
        "wheel-result" => gen::<crate::programme::wheel::WheelResult>("wheel-result.schema.json"),
        "wheel-ics" => gen::<crate::programme::wheel::WheelIcs>("wheel-ics.schema.json"),
        "plan-report" => gen::<crate::programme::plan::PlanReport>("plan-report.schema.json"),
        "governance-report" => {
            gen::<crate::programme::governance::GovernanceReport>("governance-report.schema.json")
        }
        "supplier-report" => {
            gen::<crate::programme::suppliers::SupplierReport>("supplier-report.schema.json")
        }
        "obligations-request" => gen::<crate::programme::obligations::ObligationsRequest>(
            "obligations-request.schema.json",
        ),
        "obligations-result" => gen::<crate::programme::obligations::ObligationsResult>(
            "obligations-result.schema.json",
        ),
        "programme-validation" => {
            gen::<crate::programme::ffi::ValidateResult>("programme-validation.schema.json")
        }
        "assessment-request" => {
            gen::<crate::assessment::ffi::AssessmentRequest>("assessment-request.schema.json")
        }
        "assessment" => {
            gen::<crate::assessment::model::AssessmentDocument>("assessment.schema.json")
        }
        "assessment-requirements" => gen::<crate::assessment::requirements::RequirementSet>(
            "assessment-requirements.schema.json",
        ),
        "assessment-evaluation" => {
            gen::<crate::assessment::score::Evaluation>("assessment-evaluation.schema.json")
        }
        "assessment-inference" => {
            gen::<crate::assessment::InferenceReport>("assessment-inference.schema.json")
        }
        "assessment-plan" => gen::<crate::assessment::plan::Plan>("assessment-plan.schema.json"),
        "assessment-report" => {
            gen::<crate::assessment::report::Report>("assessment-report.schema.json")
        }
        "assessment-full-result" => {
            gen::<crate::assessment::report::FullResult>("assessment-full-result.schema.json")
        }
        "assessment-scales" => {
            gen::<crate::assessment::data::ScaleCatalog>("assessment-scales.schema.json")
        }
        "assessment-prerequisites" => gen::<crate::assessment::data::PrerequisiteTable>(
            "assessment-prerequisites.schema.json",
        ),
        other => return Err(unknown_kind(other)),
    })
}
