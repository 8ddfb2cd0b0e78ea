//! The core owns presentation: one view model per result ([`model::View`]), built from the
//! response document with the words of the label catalog ([`crate::labels`]) and rendered by
//! [`render`] to Markdown, self-contained accessible HTML, SVG (the view's figure) and plain text
//! for a terminal. Every surface renders through here, so headings, labels and rankings are the
//! same everywhere, in English and in Danish.
//!
//! Views read the response document (a JSON value, as any surface has it), so a document that
//! was stored, sent or loaded renders exactly as the engine's own response. Problems in it are
//! typed errors with their path.

#[cfg(feature = "full")]
mod assessment;
mod doc;
mod generic;
mod labels;
mod member_states;
#[cfg(feature = "full")]
#[doc(hidden)]
pub mod messages;
pub mod model;
pub mod render;
#[cfg(feature = "full")]
mod risk;
mod scope;
#[cfg(feature = "full")]
mod screen;
mod words;

use serde_json::Value;

use crate::api::{Detail, Format};
use crate::error::{Error, Result};
use crate::lang::Lang;

pub use doc::Doc;
pub use model::{Block, Table, View};
pub use words::Words;

/// The view of a response document (it names its operation in `op`).
pub fn view_of(document: &Value, lang: Lang) -> Result<View> {
    let doc = Doc::root(document)?;
    let op = doc.str("op")?;
    let spec = crate::api::op(op).ok_or_else(|| {
        let ids: Vec<&str> = crate::api::registry::all_ops().map(|o| o.id).collect();
        Error::unknown_choice("$.op", "operation", op, &ids)
    })?;
    let detail = match doc.opt_str("detail")? {
        None => Detail::Explained,
        Some(d) => Detail::parse(d, "$.detail")?,
    };
    let w = Words::new(lang)?;
    match (spec.id, detail) {
        ("scope", Detail::Explained) => scope::explained(&doc, &w),
        ("scope", Detail::Verdict) => scope::verdict(&doc, &w),
        // The scoping build's registry has none of these operations (`api::op` rejected them
        // above): its module carries no assessment or risk views.
        #[cfg(feature = "full")]
        ("assessment.evaluate", Detail::Explained) => assessment::full(&doc, &w),
        #[cfg(feature = "full")]
        ("assessment.score", Detail::Explained) => assessment::evaluation(&doc, &w),
        #[cfg(feature = "full")]
        ("assessment.plan", Detail::Explained) => assessment::plan(&doc, &w),
        ("reference.member_states", _) => member_states::overview(&doc, &w),
        ("reference.labels", _) => labels::catalog(&doc, &w),
        #[cfg(feature = "full")]
        ("screen.rows" | "screen.csv", _) => screen::view(&doc, op, &w),
        #[cfg(feature = "full")]
        ("risk.heatmap", _) => risk::heatmap(&doc, document, &w),
        #[cfg(feature = "full")]
        ("risk.heatmap_svg", _) => risk::heatmap_svg_doc(&doc, &w),
        _ => generic::view(&doc, &w),
    }
}

/// Render a response document in a format and a language.
pub fn render_document(document: &Value, format: Format, lang: Lang) -> Result<String> {
    if format == Format::Csv {
        // Codes, not words: the same in every language.
        #[cfg(feature = "full")]
        return screen::csv(document);
        #[cfg(not(feature = "full"))]
        return Err(Error::invalid(
            "format",
            "csv is the table of a screening's verdicts, which this build (nis2-scope) does not screen; choose md, html, svg or table",
        ));
    }
    let v = view_of(document, lang)?;
    Ok(match format {
        Format::Md => render::markdown(&v),
        Format::Html => render::html(&v),
        Format::Table => render::text(&v),
        Format::Csv => String::new(),
        Format::Svg => v.figure().map(str::to_owned).ok_or_else(|| {
            Error::invalid(
                "format",
                "this result has no figure to draw as SVG; render it as md, html or table",
            )
        })?,
    })
}
