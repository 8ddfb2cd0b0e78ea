//! Reading a request: one design for every capability, so that the same fault gives the same
//! error kind, path and wording everywhere.
//!
//! 1. The request is a JSON object (text is parsed strictly: no repeated keys, nothing after
//!    the document, syntax errors with their position).
//! 2. For a capability tagged by `op`, `op` is read first: missing, not a string, or unknown
//!    (with the nearest and every accepted operation) are errors at `$.op`.
//! 3. The rest of the object is read as that operation's request type (unknown fields rejected,
//!    every problem with its field path) by the operation's handler.

use serde_json::Value;

use super::registry::{Capability, OpSpec};
use crate::error::{Error, Result};

/// Parse a request given as JSON text into a JSON object value.
pub(super) fn parse_text(text: &str, cap: &Capability) -> Result<Value> {
    crate::json::parse_object(text, cap.what)
}

/// The operation a request names and the rest of the request (`op` removed).
pub(super) fn split(cap: &'static Capability, value: Value) -> Result<(&'static OpSpec, Value)> {
    let Value::Object(mut map) = value else {
        return Err(Error::invalid(
            "$",
            format!(
                "expected a JSON object ({}), got {}",
                cap.what,
                crate::json::kind_of(&value)
            ),
        ));
    };
    if !cap.tagged {
        return match cap.ops.first() {
            Some(spec) => Ok((spec, Value::Object(map))),
            None => Err(Error::Data {
                file: "<registry>".to_owned(),
                message: format!("capability `{}` has no operation", cap.name),
            }),
        };
    }
    let names: Vec<&str> = cap.ops.iter().map(|o| o.name).collect();
    let op = match map.remove("op") {
        None => {
            return Err(Error::invalid(
                "$.op",
                format!("missing: name the operation, one of {}", names.join(", ")),
            ))
        }
        Some(Value::String(op)) => op,
        Some(other) => {
            return Err(Error::invalid(
                "$.op",
                format!(
                    "expected a string naming the operation (one of {}), got {}",
                    names.join(", "),
                    crate::json::kind_of(&other)
                ),
            ))
        }
    };
    match cap.ops.iter().find(|o| o.name == op) {
        Some(spec) => Ok((spec, Value::Object(map))),
        None => Err(Error::unknown_choice(
            "$.op",
            &format!("{} operation", cap.name),
            &op,
            &names,
        )),
    }
}
