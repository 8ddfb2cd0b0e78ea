//! Requirement catalogs and typed cross-framework mappings.
//!
//! Frameworks (embedded in `data/catalogs/`, each with its provenance):
//! - `nis2`: Directive (EU) 2022/2555 Arts 3(4), 20, 21 (21(2)(a)–(j) split into components),
//!   23 and 27;
//! - `cir-2024-2690`: the Annex of Implementing Regulation (EU) 2024/2690 (13 sections,
//!   49 sub-sections, 161 numbered requirements), each citing its Art 21(2) point;
//! - `iso27001-2022`: ISO/IEC 27001:2022 clauses 4–10 (30 assessable sub-clauses) and the 93
//!   Annex A controls (identifiers and short titles only);
//! - `dmaerket`: the D-mærket criteria (public tiers), company groups and placement rules;
//! - `dk-programme`: the Danish eight-step NIS2 implementation programme.
//!
//! Mappings (`data/catalogs/mappings/`) carry a typed relationship per pair (NIST IR 8477 /
//! OSCAL semantics), a rationale, a confidence and a provenance; the NIS2 ↔ ISO/IEC 27001
//! pairs for Art 21(2) are computed through the CIR 2024/2690 pivot when the data loads.
//!
//! Queries ([`query`]) are pure functions; [`ops`] declares the operations the bindings reach
//! through [`crate::api::call`]; [`export`] writes OSCAL 1.2.1 and CSV.

pub mod ciso;
pub mod data;
pub mod export;
pub mod model;
pub mod ops;
pub mod query;
pub mod relationship;

pub use data::{catalogs, Catalogs};
pub use model::{
    Applicability, Confidence, EntityClass, Framework, Mapping, MappingEntry, MappingProvenance,
    Node, NodeKind, Relationship,
};
