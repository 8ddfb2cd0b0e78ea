//! A strict serde `Deserializer` that reads a JavaScript value directly (no JSON text in between).
//!
//! Why not `serde_wasm_bindgen::Deserializer`: its `deserialize_struct` looks up only the field
//! names the struct declares, so `#[serde(deny_unknown_fields)]` never sees an unknown key and a
//! misspelt field (`{ activites: [...] }`) would be silently ignored, where the JSON entry points
//! reject it. This deserializer behaves like `serde_json::Value`'s: everything goes through
//! `deserialize_any`, and an object is handed over as a map of *all* its own enumerable entries.
//!
//! JavaScript specifics, chosen to match what `JSON.stringify` would send to the JSON entry point:
//! - an entry whose value is `undefined` is skipped (as if absent); `undefined` elsewhere reads as
//!   `null`;
//! - a number is an integer (`u64`/`i64`) when it is a safe integer, else an `f64`; `NaN` and
//!   `±Infinity` are passed on as `f64` (JSON would turn them into `null`), so the core's own
//!   validation rejects them and names the field;
//! - nesting deeper than [`MAX_DEPTH`] is an error (as in serde_json), so a cyclic object cannot
//!   overflow the stack;
//! - `bigint`, `symbol` and functions are rejected with a type error.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, IntoDeserializer, Unexpected};
use wasm_bindgen::{JsCast, JsValue};

/// The nesting limit (serde_json's default recursion limit).
pub const MAX_DEPTH: u32 = 128;

/// A deserialisation error (its message becomes the core's `invalid_input` message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    /// As serde_json: a unit is called `null`.
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        if let Unexpected::Unit = unexp {
            Error(format!("invalid type: null, expected {exp}"))
        } else {
            Error(format!("invalid type: {unexp}, expected {exp}"))
        }
    }
}

type Result<T, E = Error> = std::result::Result<T, E>;

/// Reads one JavaScript value.
#[derive(Debug)]
pub struct JsDeserializer {
    value: JsValue,
    depth: u32,
}

impl JsDeserializer {
    /// A deserializer over a root value.
    pub fn new(value: JsValue) -> Self {
        JsDeserializer { value, depth: 0 }
    }

    fn nested(&self) -> Result<u32> {
        if self.depth >= MAX_DEPTH {
            Err(de::Error::custom("recursion limit exceeded"))
        } else {
            Ok(self.depth + 1)
        }
    }
}

fn is_nullish(v: &JsValue) -> bool {
    v.is_null() || v.is_undefined()
}

/// A short description of a value, for type errors.
fn describe(v: &JsValue) -> &'static str {
    if is_nullish(v) {
        "null"
    } else if v.as_bool().is_some() {
        "boolean"
    } else if v.as_f64().is_some() {
        "number"
    } else if v.is_string() {
        "string"
    } else if Array::is_array(v) {
        "array"
    } else if v.is_object() {
        "object"
    } else if v.is_bigint() {
        "bigint"
    } else if v.is_symbol() {
        "symbol"
    } else if v.is_function() {
        "function"
    } else {
        "JavaScript value"
    }
}

/// 2^53: numbers up to this magnitude are exact integers in an `f64`.
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

impl<'de> de::Deserializer<'de> for JsDeserializer {
    type Error = Error;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let v = &self.value;
        if is_nullish(v) {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = v.as_f64() {
            if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
                if n >= 0.0 {
                    visitor.visit_u64(n as u64)
                } else {
                    visitor.visit_i64(n as i64)
                }
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(v) {
            let depth = self.nested()?;
            let array: Array = self.value.unchecked_into();
            let len = array.length();
            let mut access = SeqAccess {
                array,
                index: 0,
                len,
                depth,
            };
            let out = visitor.visit_seq(&mut access)?;
            if access.index < access.len {
                return Err(de::Error::invalid_length(
                    access.len as usize,
                    &"fewer elements in array",
                ));
            }
            Ok(out)
        } else if v.is_object() {
            let depth = self.nested()?;
            let entries = Object::entries(v.unchecked_ref::<Object>());
            let len = entries.length();
            let mut access = MapAccess {
                entries,
                index: 0,
                len,
                value: None,
                depth,
            };
            let out = visitor.visit_map(&mut access)?;
            if access.next_entry().is_some() {
                return Err(de::Error::invalid_length(
                    len as usize,
                    &"fewer elements in map",
                ));
            }
            Ok(out)
        } else {
            Err(de::Error::invalid_type(
                Unexpected::Other(describe(v)),
                &visitor,
            ))
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if is_nullish(&self.value) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// `"variant"` for a unit variant, `{ "variant": payload }` otherwise (as serde_json).
    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if let Some(tag) = self.value.as_string() {
            return visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(tag));
        }
        if self.value.is_object() && !Array::is_array(&self.value) {
            let depth = self.nested()?;
            let entries = Object::entries(self.value.unchecked_ref::<Object>());
            if entries.length() != 1 {
                return Err(de::Error::invalid_value(
                    Unexpected::Map,
                    &"a map with a single key",
                ));
            }
            let pair: Array = entries.get(0).unchecked_into();
            let tag = pair.get(0).as_string().unwrap_or_default();
            return visitor.visit_enum(EnumAccess {
                tag,
                payload: pair.get(1),
                depth,
            });
        }
        Err(de::Error::invalid_type(
            Unexpected::Other(describe(&self.value)),
            &"string or map",
        ))
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct SeqAccess {
    array: Array,
    index: u32,
    len: u32,
    depth: u32,
}

impl<'de> de::SeqAccess<'de> for SeqAccess {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>> {
        if self.index >= self.len {
            return Ok(None);
        }
        let value = self.array.get(self.index);
        self.index += 1;
        seed.deserialize(JsDeserializer {
            value,
            depth: self.depth,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.index) as usize)
    }
}

struct MapAccess {
    entries: Array,
    index: u32,
    len: u32,
    value: Option<JsValue>,
    depth: u32,
}

impl MapAccess {
    /// The next `[key, value]` entry whose value is not `undefined`.
    fn next_entry(&mut self) -> Option<(JsValue, JsValue)> {
        while self.index < self.len {
            let pair: Array = self.entries.get(self.index).unchecked_into();
            self.index += 1;
            let value = pair.get(1);
            if !value.is_undefined() {
                return Some((pair.get(0), value));
            }
        }
        None
    }
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.next_entry() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(JsDeserializer {
            value: key,
            depth: self.depth,
        })
        .map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = self
            .value
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("a map value was read before its key"))?;
        seed.deserialize(JsDeserializer {
            value,
            depth: self.depth,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.index) as usize)
    }
}

struct EnumAccess {
    tag: String,
    payload: JsValue,
    depth: u32,
}

impl<'de> de::EnumAccess<'de> for EnumAccess {
    type Error = Error;
    type Variant = JsDeserializer;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant)> {
        let variant = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(self.tag))?;
        Ok((
            variant,
            JsDeserializer {
                value: self.payload,
                depth: self.depth,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for JsDeserializer {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        if is_nullish(&self.value) {
            Ok(())
        } else {
            Err(de::Error::invalid_type(
                Unexpected::Other(describe(&self.value)),
                &"unit variant",
            ))
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: de::Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
