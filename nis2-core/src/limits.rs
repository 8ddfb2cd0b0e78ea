//! The limits on a request, in one place. Every entry point applies them (JSON text when it is
//! read; a value a binding built — a Python dict, a JavaScript object — when it is called), and
//! a request beyond one is a `limit_exceeded` error that names the limit and the JSON path where
//! it was reached. They are far above any real document (the largest vector is a few
//! kilobytes) and keep a hostile one from costing more than a few hundred megabytes.
//!
//! The table in `docs/limits.md` lists them; a test keeps it in step.

/// The largest JSON text read, in bytes (16 MiB). A value has no text, so no size: its
/// collections and strings are limited instead.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// The largest response document given back to be rendered, in bytes of JSON text (64 MiB):
/// the engine's answer to a request within the limits may be longer than the request (a
/// screening of 10,000 rows is about 20 MiB at the verdict level).
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// The longest record of a CSV table to screen, in bytes (1 MiB), with the line breaks inside
/// its quoted fields.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The deepest nesting of arrays and objects: the request object is level 1 (64).
pub const MAX_DEPTH: usize = 64;

/// The longest string (a value or an object key), in bytes of UTF-8 (64 KiB).
pub const MAX_STRING_BYTES: usize = 64 * 1024;

/// The most elements of one array, or members of one object (100 000).
pub const MAX_ITEMS: usize = 100_000;

/// The most rows a sheet of a workbook may have (a header and [`MAX_ITEMS`] data rows).
pub const MAX_SHEET_ROWS: usize = MAX_ITEMS + 1;

/// The most columns a sheet of a workbook may have.
pub const MAX_SHEET_COLUMNS: usize = 256;

/// The most cells a sheet of a workbook may hold.
pub const MAX_SHEET_CELLS: usize = 2_000_000;

/// The most problems one error report lists; the rest are counted ("and N more").
pub const MAX_PROBLEMS: usize = crate::error::MAX_PROBLEMS;

/// A limit on input that a request can go beyond (a `limit_exceeded` error names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// [`MAX_DOCUMENT_BYTES`].
    DocumentBytes,
    /// [`MAX_RESPONSE_BYTES`].
    ResponseBytes,
    /// [`MAX_RECORD_BYTES`].
    RecordBytes,
    /// [`MAX_DEPTH`].
    Depth,
    /// [`MAX_STRING_BYTES`].
    StringBytes,
    /// [`MAX_ITEMS`].
    Items,
    /// [`MAX_SHEET_ROWS`].
    SheetRows,
    /// [`MAX_SHEET_COLUMNS`].
    SheetColumns,
    /// [`MAX_SHEET_CELLS`].
    SheetCells,
}

impl Limit {
    /// Its name in messages and docs (`max_depth`).
    pub const fn name(self) -> &'static str {
        match self {
            Limit::DocumentBytes => "max_document_bytes",
            Limit::ResponseBytes => "max_response_bytes",
            Limit::RecordBytes => "max_record_bytes",
            Limit::Depth => "max_depth",
            Limit::StringBytes => "max_string_bytes",
            Limit::Items => "max_items",
            Limit::SheetRows => "max_rows",
            Limit::SheetColumns => "max_columns",
            Limit::SheetCells => "max_cells",
        }
    }

    /// Its value.
    pub const fn value(self) -> usize {
        match self {
            Limit::DocumentBytes => MAX_DOCUMENT_BYTES,
            Limit::ResponseBytes => MAX_RESPONSE_BYTES,
            Limit::RecordBytes => MAX_RECORD_BYTES,
            Limit::Depth => MAX_DEPTH,
            Limit::StringBytes => MAX_STRING_BYTES,
            Limit::Items => MAX_ITEMS,
            Limit::SheetRows => MAX_SHEET_ROWS,
            Limit::SheetColumns => MAX_SHEET_COLUMNS,
            Limit::SheetCells => MAX_SHEET_CELLS,
        }
    }
}

/// Each limit: its name in messages and docs, its value, and what it bounds.
pub const ALL: [(&str, usize, &str); 7] = [
    (
        "max_document_bytes",
        MAX_DOCUMENT_BYTES,
        "bytes of JSON text in one request",
    ),
    (
        "max_response_bytes",
        MAX_RESPONSE_BYTES,
        "bytes of JSON text of a response document given back to be rendered",
    ),
    (
        "max_record_bytes",
        MAX_RECORD_BYTES,
        "bytes of one record of a CSV table to screen",
    ),
    (
        "max_depth",
        MAX_DEPTH,
        "levels of nested arrays and objects (the request object is level 1)",
    ),
    (
        "max_string_bytes",
        MAX_STRING_BYTES,
        "bytes of UTF-8 in one string or object key",
    ),
    (
        "max_items",
        MAX_ITEMS,
        "elements of one array or members of one object",
    ),
    (
        "max_problems",
        MAX_PROBLEMS,
        "problems listed in one error report (the rest are counted)",
    ),
];

/// The message for a document nested too deep.
pub fn too_deep() -> String {
    format!("nests more than {MAX_DEPTH} arrays and objects deep (limit max_depth = {MAX_DEPTH})")
}

/// The message for a string too long.
pub(crate) fn too_long(len: usize) -> String {
    format!(
        "a string of {len} bytes is longer than the limit max_string_bytes = {MAX_STRING_BYTES}"
    )
}

/// The message for a collection too large.
pub(crate) fn too_many(what: &str) -> String {
    let container = if what == "members" { "object" } else { "array" };
    format!("the {container} has more than {MAX_ITEMS} {what} (limit max_items = {MAX_ITEMS})")
}

/// The message for a document too large.
pub(crate) fn too_big(len: usize) -> String {
    format!(
        "the document is {len} bytes, more than the limit max_document_bytes = {MAX_DOCUMENT_BYTES}"
    )
}

/// The message for a response document too large to render.
pub(crate) fn too_big_response(len: usize) -> String {
    format!(
        "the response document is {len} bytes, more than the limit max_response_bytes = {MAX_RESPONSE_BYTES}"
    )
}

/// Check a value a binding built against the limits (JSON text is checked as it is read).
pub fn check_value(value: &serde_json::Value) -> crate::Result<()> {
    let mut path = Vec::new();
    walk(value, 0, &mut path).map_err(|(limit, message)| {
        let path: Vec<Seg> = path
            .iter()
            .map(|at| match at {
                At::Key(k) => Seg::Key((*k).to_owned()),
                At::Index(i) => Seg::Index(*i),
            })
            .collect();
        crate::error::Error::limit(crate::value_de::render(&path), limit, message)
    })
}

use crate::value_de::Seg;

/// A step of the path being walked, borrowed from the value (nothing is copied unless a limit
/// is reached).
enum At<'a> {
    Key(&'a str),
    Index(usize),
}

/// The one request member whose string may be as long as the document: the `content` of a
/// table to import (a framework's audit table is longer than 64 KiB).
pub const LONG_MEMBER: &str = "content";

fn walk<'a>(
    value: &'a serde_json::Value,
    depth: usize,
    path: &mut Vec<At<'a>>,
) -> Result<(), (Limit, String)> {
    use serde_json::Value;
    let long = depth == 1 && matches!(path.last(), Some(At::Key(k)) if *k == LONG_MEMBER);
    let max_string = if long {
        MAX_DOCUMENT_BYTES
    } else {
        MAX_STRING_BYTES
    };
    match value {
        Value::String(s) if s.len() > max_string => Err(if long {
            (Limit::DocumentBytes, too_big(s.len()))
        } else {
            (Limit::StringBytes, too_long(s.len()))
        }),
        Value::Array(items) => {
            if depth >= MAX_DEPTH {
                return Err((Limit::Depth, too_deep()));
            }
            if items.len() > MAX_ITEMS {
                // Where JSON text reaches the limit: the first element past it.
                path.push(At::Index(MAX_ITEMS));
                return Err((Limit::Items, too_many("elements")));
            }
            for (i, item) in items.iter().enumerate() {
                path.push(At::Index(i));
                walk(item, depth + 1, path)?;
                path.pop();
            }
            Ok(())
        }
        Value::Object(map) => {
            if depth >= MAX_DEPTH {
                return Err((Limit::Depth, too_deep()));
            }
            if let Some((key, _)) = map.iter().nth(MAX_ITEMS) {
                path.push(At::Key(key));
                return Err((Limit::Items, too_many("members")));
            }
            for (key, item) in map {
                if key.len() > MAX_STRING_BYTES {
                    return Err((
                        Limit::StringBytes,
                        format!("has a key that is too long: {}", too_long(key.len())),
                    ));
                }
                path.push(At::Key(key));
                walk(item, depth + 1, path)?;
                path.pop();
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
