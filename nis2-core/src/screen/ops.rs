//! The operations of the screen capability, declared in the registry: many rows of the flat
//! layout (each may give a whole profile in `profile`) in, as JSON rows (`rows`) or as a CSV
//! table (`csv`), one verdict or result per row out, in input order, with the counts.

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

/// Screen a CSV table in the flat layout, or in a register's own columns with a column map
/// (`docs/screening.md`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenCsvRequest {
    /// The table: a header row, then one row per organisation (RFC 4180; at most 100 000 rows).
    pub content: String,
    /// A register's column map (schema `screen-columns`): its own column names and codes.
    #[serde(default)]
    #[schemars(with = "Option<super::flat::ColumnMap>")]
    pub map: Option<Value>,
    /// The field separator (one ASCII character; default `,`, or the map's).
    #[serde(default)]
    pub delimiter: Option<String>,
    /// Fail the whole call on the first bad row (in input order) instead of reporting it in its
    /// row. Default false.
    #[serde(default)]
    pub strict: bool,
}

struct Csv;

impl Handler for Csv {
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        let request: ScreenCsvRequest = crate::json::typed(&request)?;
        let map = match &request.map {
            None => None,
            Some(m) => {
                Some(super::flat::ColumnMap::from_value(m).map_err(|e| super::in_field("map", e))?)
            }
        };
        let delimiter = super::csv::delimiter(map.as_ref(), request.delimiter.as_deref())?;
        let rows = super::csv::read_table(&request.content, map.as_ref(), delimiter)?;
        super::screen(rows, "rows", detail, request.strict)
    }

    /// The shapes of `rows`, under titles of their own (their `op` differs; bindings name
    /// their types by title).
    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value) {
        (
            crate::schema::gen::<ScreenCsvRequest>(),
            titled(
                crate::schema::gen::<super::ScreenResult>(),
                "ScreenCsvResult",
            ),
        )
    }

    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<Value> {
        Some(titled(
            crate::schema::gen::<super::ScreenVerdict>(),
            "ScreenCsvVerdict",
        ))
    }
}

/// A schema under another title.
#[cfg(feature = "schemas")]
fn titled(mut schema: Value, title: &str) -> Value {
    if let Some(map) = schema.as_object_mut() {
        map.insert("title".to_owned(), Value::String(title.to_owned()));
    }
    schema
}

/// The operations of the screen capability.
pub(crate) static OPS: [OpSpec; 2] = [
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
    OpSpec {
        id: "screen.csv",
        capability: "screen",
        name: "csv",
        summary: "Scope every row of a CSV table (a header, then one organisation per row) in the flat screening layout, or in a register's own columns with a column map: the same rows, verdicts and counts as `rows`. The browser calculator's list mode sends the file as it is.",
        request_type: "ScreenCsvRequest",
        response_kind: "screen-csv-result",
        verdict_kind: "screen-csv-verdict",
        handler: &Csv,
    },
];
