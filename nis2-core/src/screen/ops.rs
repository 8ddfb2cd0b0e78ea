//! The operation of the screen capability, declared in the registry: many rows of the flat
//! layout (each may give a whole profile in `profile`) in, one verdict or result per row out,
//! in input order, with the counts.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::api::registry::{Handler, OpSpec};
use crate::api::{Body, Detail};
use crate::error::Result;

use super::flat::FlatRow;

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
pub(crate) static OPS: [OpSpec; 1] = [
    OpSpec {
        id: "screen.rows",
        capability: "screen",
        name: "rows",
        summary: "Scope many organisations at once, each row in the flat screening layout (one column per fact, as in a CSV or Arrow table) or a whole profile in `profile`: one verdict (or explained result) per row, in input order, bad rows reported in their rows, and the counts.",
        request_type: "ScreenRowsRequest",
        response_kind: "screen-result",
        verdict_kind: "screen-verdict",
        handler: &Rows,
    },
];
