//! The one boundary of the engine: every surface (the CLI, Python, WebAssembly, Rust callers
//! that speak JSON) reaches every capability through [`call`], and every document it returns
//! through [`render`].
//!
//! - The **registry** ([`registry`]) declares each operation once: its capability, name, request
//!   type, response type, schema kinds and summary. Request parsing, the op lists, the schema
//!   kinds, the TypeScript overloads and the Python op→type tables all come from it.
//! - A request is read one way for every capability ([`request`]): a JSON object; for a
//!   capability tagged by `op` (all but `scope`), `op` is read first, then the rest of the object
//!   as that operation's request, with field paths in every error.
//! - Every response carries its `op` (`"scope"`, `"catalog.map"`, …) and answers at a
//!   [`Detail`] level: `explained` (the full document, the default) or `verdict` (the decision
//!   and its machine-readable reasons, no prose; `"detail": "verdict"`).
//! - [`render`] turns any response document into the core's own views (Markdown, HTML, SVG, a
//!   terminal table) in English or Danish, with the labels of [`crate::labels`].

pub mod registry;
mod request;
mod response;
pub(crate) mod strip;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::lang::Lang;

pub use registry::{capabilities, capability, op, Capability, OpSpec};
pub(crate) use response::Doc;
pub use response::{Body, Response};

/// How much a response explains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    /// The decision and its machine-readable reasons (rule ids, citation keys, open-question
    /// ids, statuses, scores): no prose. Prose for a code comes from the label catalog.
    Verdict,
    /// The full document: the decision, every rule with its citation and text in English and
    /// Danish, open questions with the answers that would change the outcome.
    #[default]
    Explained,
}

impl Detail {
    /// Every level, as written.
    pub const NAMES: &'static [&'static str] = &["verdict", "explained"];

    /// The level as written.
    pub fn name(self) -> &'static str {
        match self {
            Detail::Verdict => "verdict",
            Detail::Explained => "explained",
        }
    }

    /// Read a level given as an argument (`path` names the argument, e.g. `detail`).
    pub fn parse(name: &str, path: &str) -> Result<Detail> {
        match name {
            "verdict" => Ok(Detail::Verdict),
            "explained" => Ok(Detail::Explained),
            other => Err(Error::unknown_choice(
                path,
                "detail level",
                other,
                Self::NAMES,
            )),
        }
    }
}

/// A request as it reaches the boundary: JSON text, or a JSON value already built by a binding
/// (a Python dict, a JavaScript object).
#[derive(Debug, Clone)]
pub enum Input<'a> {
    /// JSON text.
    Text(&'a str),
    /// A JSON value.
    Value(Value),
}

/// Run a request of a capability (`scope`, `catalog`, `risk`, `programme`, `assessment`,
/// `reference`) at a detail level.
pub fn call(capability: &str, input: Input<'_>, detail: Detail) -> Result<Response> {
    crate::suggest::reset_budget();
    let cap = registry::capability(capability)?;
    let value = match input {
        Input::Text(text) => {
            // A request read straight from its text, where its operation can (an untagged
            // capability's one operation); any problem is found by the strict reading below.
            if let (false, Some(spec)) = (cap.tagged, cap.ops.first()) {
                if let Some(body) = spec.handler.run_text(text, detail) {
                    return Ok(Response::new(spec, detail, body?));
                }
            }
            request::parse_text(text, cap)?
        }
        Input::Value(value) => {
            crate::limits::check_value(&value)?;
            value
        }
    };
    let (spec, body) = request::split(cap, value)?;
    let body = spec.handler.run(body, detail)?;
    Ok(Response::new(spec, detail, body))
}

/// [`call`] with JSON text in and compact JSON text out (the bytes every surface gives).
pub fn call_json(capability: &str, input: &str, detail: Detail) -> Result<String> {
    call(capability, Input::Text(input), detail)?.to_json()
}

/// The output formats of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Markdown (GitHub-flavoured tables).
    Md,
    /// A self-contained, accessible HTML fragment (its own `<style>`, tables with captions and
    /// header cells).
    Html,
    /// A standalone SVG document of the view's figure (for results that have one).
    Svg,
    /// Plain text for a terminal.
    Table,
    /// CSV of a screening's rows at the verdict level (the columns `nis2 screen` writes); other
    /// documents have no CSV form.
    Csv,
}

impl Format {
    /// Every format, as written.
    pub const NAMES: &'static [&'static str] = &["md", "html", "svg", "table", "csv"];

    /// Read a format given as an argument (`path` names it).
    pub fn parse(name: &str, path: &str) -> Result<Format> {
        match name {
            "md" => Ok(Format::Md),
            "html" => Ok(Format::Html),
            "svg" => Ok(Format::Svg),
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            other => Err(Error::unknown_choice(path, "format", other, Self::NAMES)),
        }
    }
}

/// Render a response document (as returned by [`call`], from any surface) in a format and a
/// language. The document names its operation in `op` (and `"detail": "verdict"` for a
/// verdict); problems in it are typed errors with their path.
pub fn render(document: &Value, format: Format, lang: Lang) -> Result<String> {
    crate::view::render_document(document, format, lang)
}

/// [`render`] for a document given as JSON text.
pub fn render_json(document: &str, format: Format, lang: Lang) -> Result<String> {
    let value = crate::json::parse_response(document, "a response document")?;
    render(&value, format, lang)
}
