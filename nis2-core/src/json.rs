//! Strict JSON (de)serialisation shared by every entry point: field paths in errors, no trailing
//! data, an explicit message for an empty document.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Render a serde_path_to_error path as `$`, `$.a`, `$.a[0].b`.
pub(crate) fn render_path(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." || p.is_empty() || p == "?" {
        "$".to_owned()
    } else if p.starts_with('[') {
        format!("${p}")
    } else {
        format!("$.{p}")
    }
}

/// Parse a JSON document into `T`, naming the field path of any problem.
pub fn from_str<T: DeserializeOwned>(input: &str, what: &str) -> Result<T> {
    if input.trim().is_empty() {
        return Err(Error::invalid(
            "$",
            format!("the document is empty; expected a JSON object ({what})"),
        ));
    }
    match input.trim_start().chars().next() {
        Some('{') => {}
        other => {
            let got = match other {
                Some('[') => "an array",
                Some('"') => "a string",
                Some('t' | 'f') => "a boolean",
                Some('n') => "null",
                Some(c) if c == '-' || c.is_ascii_digit() => "a number",
                _ => "something that is not JSON",
            };
            return Err(Error::invalid(
                "$",
                format!("expected a JSON object ({what}), got {got}"),
            ));
        }
    }
    let mut de = serde_json::Deserializer::from_str(input);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        Error::invalid(render_path(e.path()), clean_message(&e.inner().to_string()))
    })?;
    de.end().map_err(|e| {
        Error::invalid(
            "$",
            format!(
                "unexpected data after the document: {}",
                clean_message(&e.to_string())
            ),
        )
    })?;
    Ok(value)
}

/// Deserialize `T` from an already-parsed value, naming the field path of any problem.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, what: &str) -> Result<T> {
    let got = match &value {
        serde_json::Value::Object(_) => None,
        serde_json::Value::Null => Some("nothing (null)"),
        serde_json::Value::Array(_) => Some("an array"),
        serde_json::Value::String(_) => Some("a string"),
        serde_json::Value::Bool(_) => Some("a boolean"),
        serde_json::Value::Number(_) => Some("a number"),
    };
    if let Some(got) = got {
        return Err(Error::invalid(
            "$",
            format!("expected a JSON object ({what}), got {got}"),
        ));
    }
    serde_path_to_error::deserialize(value)
        .map_err(|e| Error::invalid(render_path(e.path()), clean_message(&e.inner().to_string())))
}

/// Deserialize `T` from any serde deserializer, naming the field path of any problem.
pub fn from_deserializer<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T> {
    serde_path_to_error::deserialize(deserializer)
        .map_err(|e| Error::invalid(render_path(e.path()), clean_message(&e.inner().to_string())))
}

/// Serialise to compact JSON. Serialising our own types cannot fail (no maps with non-string
/// keys, no non-finite floats: they are rejected on input), but the error is still typed.
pub fn to_string<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Data {
        file: "<output>".to_owned(),
        message: e.to_string(),
    })
}

/// Serialise to indented JSON (for files and the CLI).
pub fn to_string_pretty<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Data {
        file: "<output>".to_owned(),
        message: e.to_string(),
    })
}

/// serde's messages end with ` at line X column Y` for string input; keep them, but make the
/// "expected" wording read naturally.
fn clean_message(m: &str) -> String {
    let m = m.replace("unknown variant", "unknown value");
    if m.starts_with("expected value") {
        format!("{m} (numbers must be finite: JSON has no NaN or Infinity)")
    } else {
        m
    }
}
