//! Requirement catalogs and typed cross-framework mappings (in progress).
