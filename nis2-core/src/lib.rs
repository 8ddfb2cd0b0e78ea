//! # nis2-core
//!
//! The domain of the `nis2` project: an exact, explained engine for Directive (EU) 2022/2555
//! (NIS2). Pure: no I/O, no clock, no randomness. Reference data (Annex I/II entity types,
//! Member-State overlays) is embedded with its provenance.
//!
//! Every surface (the CLI, Python, WebAssembly) reaches the engine through one boundary,
//! [`api`]: an op registry, one way of reading requests, responses that carry their `op` at a
//! detail level (`verdict` or `explained`), and [`view`], the core's own presentation rendered
//! to Markdown, HTML, SVG and text in English and Danish. See `ARCHITECTURE.md`.
#![forbid(unsafe_code)]
// The scoping build (no feature `full`) registers only some operations; the others stay
// compiled (the types are shared) but unused there.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod api;
pub mod assessment;
pub mod catalog;
pub mod cite;
mod data;
pub mod date;
mod decimal;
pub mod entity_types;
pub mod error;
pub mod finding;
mod float_text;
pub mod json;
pub mod labels;
pub mod lang;
pub mod limits;
pub mod nace;
pub mod overlay;
pub mod programme;
pub mod reference;
pub mod risk;
pub mod schema;
pub mod scope;
pub mod screen;
mod suggest;
pub mod text;
#[cfg(feature = "full")]
mod text_de;
mod translations;
mod value_de;
pub mod view;

pub use error::{Error, ErrorReport, Result};
pub use lang::Lang;
pub use scope::profile::Profile;
pub use scope::result::ScopeResult;
pub use scope::scope;
pub use text::Text;

/// The version of the engine (one version for every crate and package).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
