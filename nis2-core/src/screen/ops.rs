//! The operations of the screen capability, declared in the registry: many profiles
//! (`profiles`) or many rows of the flat layout (`rows`) in, one verdict or result per row out,
//! in input order, with the counts.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::api::registry::{Handler, OpSpec};
use crate::api::{Body, Detail};
use crate::error::Result;
use crate::scope::profile::Profile;

use super::flat::FlatRow;

/// Screen many profiles.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenProfilesRequest {
    /// The profiles (each a `scope-profile` document), read one by one: a bad profile is an
    /// error in its own row.
    #[schemars(with = "Vec<Profile>")]
    pub profiles: Vec<Value>,
    /// Fail the whole call on the first bad profile (in input order) instead of reporting it in
    /// its row. Default false.
    #[serde(default)]
    pub strict: bool,
}

/// Screen many rows of the flat layout (`docs/screening.md`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenRowsRequest {
    /// The rows, read one by one: a bad row is an error in its own row.
    #[schemars(with = "Vec<FlatRow>")]
    pub rows: Vec<Value>,
    /// Fail the whole call on the first bad row (in input order) instead of reporting it in its
    /// row. Default false.
    #[serde(default)]
    pub strict: bool,
}

struct Profiles;

impl Handler for Profiles {
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        let request: ScreenProfilesRequest = crate::json::typed(&request)?;
        let rows = super::read_profiles(request.profiles);
        super::screen(rows, "profiles", detail, request.strict)
    }

    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value) {
        (
            crate::schema::gen::<ScreenProfilesRequest>(),
            crate::schema::gen::<super::ScreenResult>(),
        )
    }

    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<Value> {
        Some(crate::schema::gen::<super::ScreenVerdict>())
    }
}

struct Rows;

impl Handler for Rows {
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        let request: ScreenRowsRequest = crate::json::typed(&request)?;
        let rows = request.rows.iter().map(super::flat::read_flat).collect();
        super::screen(rows, "rows", detail, request.strict)
    }

    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value) {
        (
            crate::schema::gen::<ScreenRowsRequest>(),
            crate::schema::gen::<super::ScreenResult>(),
        )
    }

    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<Value> {
        Some(crate::schema::gen::<super::ScreenVerdict>())
    }
}

/// The operations of the screen capability.
pub(crate) static OPS: [OpSpec; 2] = [
    OpSpec {
        id: "screen.profiles",
        capability: "screen",
        name: "profiles",
        summary: "Scope many profiles at once: one verdict (or explained result) per profile, in input order, bad profiles reported in their rows, and the counts.",
        request_type: "ScreenProfilesRequest",
        response_kind: "screen-result",
        verdict_kind: "screen-verdict",
        handler: &Profiles,
    },
    OpSpec {
        id: "screen.rows",
        capability: "screen",
        name: "rows",
        summary: "Scope many rows of the flat screening layout (one column per fact, as in a CSV or Arrow table): one verdict per row, in input order, and the counts.",
        request_type: "ScreenRowsRequest",
        response_kind: "screen-rows-result",
        verdict_kind: "screen-rows-verdict",
        handler: &Rows,
    },
];
