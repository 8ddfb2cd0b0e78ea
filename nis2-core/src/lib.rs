//! # nis2-core
//!
//! The domain of the `nis2` project: an exact, explained engine for Directive (EU) 2022/2555
//! (NIS2). Pure: no I/O, no clock, no randomness. Reference data (Annex I/II entity types,
//! Member-State overlays) is embedded with its provenance.
//!
//! The JSON-shaped entry points that the CLI, Python and WebAssembly bindings call are in
//! [`ffi`]; each takes and returns JSON text so that every surface gives byte-identical output.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod assessment;
pub mod catalog;
pub mod entity_types;
pub mod error;
pub mod ffi;
pub mod json;
pub mod overlay;
pub mod programme;
pub mod risk;
pub mod schema;
pub mod scope;
mod suggest;
pub mod text;
mod value_de;

pub use error::{Error, ErrorReport, Result};
pub use scope::profile::Profile;
pub use scope::result::ScopeResult;
pub use scope::scope;
pub use text::Text;
