//! The fuzz targets' bodies and checks (see `harness`).
#![allow(clippy::panic, clippy::indexing_slicing)]

pub mod harness;
