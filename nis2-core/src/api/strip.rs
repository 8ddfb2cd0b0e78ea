//! The verdict of a document: the same document without its prose. Prose is every bilingual
//! text (`{"en": …, "da": …}`, the engine's `Text`); ids, codes, citations, statuses, numbers
//! and dates stay. The JSON Schema of a verdict is made from the explained one the same way
//! (`crate::schema`), and a test checks every vector's verdict against it.

use serde_json::Value;

use crate::error::{Error, Result};

/// Whether a value is a bilingual text.
pub(crate) fn is_text(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            m.len() == 2
                && m.get("en").is_some_and(Value::is_string)
                && m.get("da").is_some_and(Value::is_string)
        }
        _ => false,
    }
}

/// Remove every bilingual text from an object's members, at any depth. A text inside an array
/// has no member name to drop with it: the engine emits none (a defect if it does).
pub(crate) fn strip(v: &mut Value) -> Result<()> {
    match v {
        Value::Object(m) => {
            m.retain(|_, member| !is_text(member));
            m.values_mut().try_for_each(strip)
        }
        Value::Array(items) => items.iter_mut().try_for_each(|item| {
            if is_text(item) {
                Err(Error::Data {
                    file: "<output>".to_owned(),
                    message: "a bilingual text inside an array cannot be removed for a verdict"
                        .to_owned(),
                })
            } else {
                strip(item)
            }
        }),
        _ => Ok(()),
    }
}
