//! Assessment benchmark (in progress).
#![allow(missing_docs)]
fn main() {}
