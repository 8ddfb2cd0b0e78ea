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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;
    use crate::text::Text;

    /// A document written as a verdict by the engine's writer.
    fn stripped<T: Serialize>(doc: &T) -> std::result::Result<String, String> {
        crate::json::write::write_with(
            b"",
            |w| w.stripping(|w| doc.serialize(w)),
            |b| String::from_utf8_lossy(b).into_owned(),
        )
        .map_err(|e| e.0)
    }

    #[derive(serde::Serialize)]
    enum E {
        Wrapped(Text),
        Kept(u8),
        Fields { t: Text, n: u8 },
    }

    #[derive(serde::Serialize)]
    struct Inner {
        #[serde(flatten)]
        more: BTreeMap<String, Value>,
        label: Option<Text>,
    }

    #[derive(serde::Serialize)]
    struct A {
        framework: &'static str,
        n: Vec<u32>,
        t: Text,
        o: Option<Text>,
        some: Option<Text>,
        inner: Inner,
        e: Vec<E>,
        m: BTreeMap<u32, Text>,
        v: Value,
    }

    /// The one-pass verdict writes the bytes of `strip` applied to the JSON value.
    #[test]
    fn stripped_is_strip_of_the_value() {
        let t = || Text::new("a", "b");
        let mut more = BTreeMap::new();
        more.insert("x".to_owned(), serde_json::json!({"en": "e", "da": "d"}));
        more.insert("y".to_owned(), serde_json::json!({"en": "e", "da": 1}));
        more.insert(
            "z".to_owned(),
            serde_json::json!({"en": "e", "da": "d", "fr": "f"}),
        );
        let a = A {
            framework: "x",
            n: vec![1],
            t: t(),
            o: None,
            some: Some(t()),
            inner: Inner {
                more,
                label: Some(t()),
            },
            e: vec![E::Wrapped(t()), E::Kept(1), E::Fields { t: t(), n: 2 }],
            m: [(1, t())].into_iter().collect(),
            v: serde_json::json!({"a": {"da": "d", "en": "e"}, "b": [{"en": "e"}]}),
        };
        let mut want = serde_json::to_value(&a).unwrap();
        strip(&mut want).unwrap();
        assert_eq!(stripped(&a).unwrap(), want.to_string());
        assert!(stripped(&vec![t()]).is_err());
        // Escaped quotes and backslashes inside a text, and near misses.
        let odd = serde_json::json!({
            "a": {"en": "q\"\\", "da": "\\"},
            "b": {"en": "x", "da": "y", "z": 1},
            "c": {"da": "x"},
            "d": {"en": "x", "en2": "y"},
            "e": {"en": 1, "da": "y"},
            "f": [{"en": "x"}],
            "g": {"da": "y", "en": "x"},
        });
        let mut want = odd.clone();
        strip(&mut want).unwrap();
        assert_eq!(stripped(&odd).unwrap(), want.to_string());
    }
}
