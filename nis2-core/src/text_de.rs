//! Reading a request's JSON text straight into its type, without the intermediate
//! [`serde_json::Value`] of [`crate::value_de`] (that reading was a third of a scoping call at
//! the verdict level: 13,790 of 41,631 instructions; this one 5,371).
//!
//! It accepts a subset of what the strict reading ([`crate::value_de::parse`], then
//! [`crate::value_de::ValueDe`]) accepts, and reads what it accepts into the same value:
//!
//! - a struct or map must be a JSON object (serde_json's own reader also takes an array of the
//!   fields), an enum a string or an object with one key;
//! - numbers reach the type as the value would give them (a whole number as unsigned when it is
//!   not negative, `-0` as 0) and a figure at a legal ceiling is read exactly as written
//!   ([`Figure::exact`]), keyed by its member's name as in the strict reading;
//! - the limits on depth, members, elements and string length hold; a repeated key, an escaped
//!   key, an object of more than [`MAX_KEYS`] members and a value a type ignores are not read
//!   here at all.
//!
//! Anything else, and every problem, gives `None`: the caller then reads the text the strict
//! way, which finds the problem and names its place as ever (an error costs one more reading;
//! a valid request is read once). A test compares the two readings on every scope vector and
//! on requests made to differ from them.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use crate::json::exact::Figure;
use crate::limits::{MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_ITEMS, MAX_STRING_BYTES};
use crate::value_de::Literals;

/// The most members of one object read here (a request type's structs have fewer fields).
const MAX_KEYS: usize = 16;

/// Read `text` into `T`, or `None` where the strict reading must decide (see the module).
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Option<T> {
    let json_space: &[char] = &[' ', '\n', '\r', '\t'];
    if text.len() > MAX_DOCUMENT_BYTES || !text.trim_start_matches(json_space).starts_with('{') {
        return None;
    }
    let cx = Literals::new(text);
    let mut json = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Direct {
        de: &mut json,
        cx: &cx,
        figure: Figure::Other,
        depth: 0,
    })
    .ok()?;
    json.end().ok()?;
    Some(value)
}

fn refuse<E: de::Error>() -> E {
    E::custom("read strictly")
}

/// A deserializer over serde_json's, holding the reading's rules.
struct Direct<'c, 'i, D> {
    de: D,
    cx: &'c Literals<'i>,
    /// The figure the value is (from its member's key; an array's elements inherit it).
    figure: Figure,
    /// How many arrays and objects contain the value.
    depth: usize,
}

impl<'c, 'i, D> Direct<'c, 'i, D> {
    fn wrap<V>(&self, inner: V, objects_only: bool) -> Wrap<'c, 'i, V> {
        Wrap {
            inner,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
            objects_only,
        }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Direct<'_, '_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let w = self.wrap(visitor, false);
        self.de.deserialize_any(w)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let w = self.wrap(visitor, false);
        self.de.deserialize_option(w)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let w = self.wrap(visitor, false);
        self.de.deserialize_unit(w)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let w = self.wrap(visitor, false);
        self.de.deserialize_seq(w)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let w = self.wrap(visitor, true);
        self.de.deserialize_map(w)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // As a map: serde_json's `deserialize_struct` would take an array of the fields.
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(refuse());
        }
        let w = self.wrap(visitor, false);
        self.de.deserialize_enum(name, variants, w)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        // What a type ignores is still checked by the strict reading (repeated keys, limits).
        Err(refuse())
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier
    }
}

/// A visitor that gives what serde_json read to the type's own visitor as the strict reading
/// gives it, with the containers' contents read through [`Direct`] again.
struct Wrap<'c, 'i, V> {
    inner: V,
    cx: &'c Literals<'i>,
    figure: Figure,
    depth: usize,
    /// A struct or map is read: an array is refused.
    objects_only: bool,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.inner.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.cx.next();
        // A value holds a whole number that is not negative as unsigned.
        match u64::try_from(v) {
            Ok(u) => self.inner.visit_u64(u),
            Err(_) => self.inner.visit_i64(v),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.cx.next();
        self.inner.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        let index = self.cx.next();
        let v = if v == 0.0 { 0.0 } else { v };
        let cx = self.cx;
        let v = self.figure.exact(v, || cx.text(index));
        if !v.is_finite() {
            return Err(refuse());
        }
        self.inner.visit_f64(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        if v.len() > MAX_STRING_BYTES {
            return Err(refuse());
        }
        self.inner.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        if v.len() > MAX_STRING_BYTES {
            return Err(refuse());
        }
        self.inner.visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        if v.len() > MAX_STRING_BYTES {
            return Err(refuse());
        }
        self.inner.visit_string(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Direct {
            de,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.objects_only || self.depth >= MAX_DEPTH {
            return Err(refuse());
        }
        self.inner.visit_seq(Seq {
            seq,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth + 1,
            count: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(refuse());
        }
        self.inner.visit_map(Map {
            map,
            cx: self.cx,
            depth: self.depth + 1,
            keys: [""; MAX_KEYS],
            count: 0,
            figure: Figure::Other,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Enum {
            data,
            cx: self.cx,
            depth: self.depth + 1,
        })
    }
}

/// A seed read through [`Direct`].
struct Seed<'c, 'i, S> {
    inner: S,
    cx: &'c Literals<'i>,
    figure: Figure,
    depth: usize,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Direct {
            de,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
        })
    }
}

struct Seq<'c, 'i, A> {
    seq: A,
    cx: &'c Literals<'i>,
    figure: Figure,
    depth: usize,
    count: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<'_, '_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        if self.count >= MAX_ITEMS {
            return Err(refuse());
        }
        self.count += 1;
        self.seq.next_element_seed(Seed {
            inner: seed,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
        })
    }
}

struct Map<'de, 'c, 'i, A> {
    map: A,
    cx: &'c Literals<'i>,
    depth: usize,
    /// The keys read so far (a repeated one is refused).
    keys: [&'de str; MAX_KEYS],
    count: usize,
    /// The figure of the member whose key was read last.
    figure: Figure,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'de, '_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let key = Cell::new(None);
        let out = self.map.next_key_seed(KeySeed {
            inner: seed,
            key: &key,
        })?;
        if out.is_some() {
            let Some(key) = key.get() else {
                return Err(refuse());
            };
            let (seen, free) = self.keys.split_at_mut(self.count.min(MAX_KEYS));
            if seen.contains(&key) {
                return Err(refuse());
            }
            let Some(slot) = free.first_mut() else {
                return Err(refuse());
            };
            *slot = key;
            self.count += 1;
            self.figure = Figure::of_key(key);
        }
        Ok(out)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(Seed {
            inner: seed,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
        })
    }
}

/// A key (or an enum's variant name): borrowed from the text, not too long, kept in `key`.
struct KeySeed<'k, 'de, S> {
    inner: S,
    key: &'k Cell<Option<&'de str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(KeyDe { de, key: self.key })
    }
}

struct KeyDe<'k, 'de, D> {
    de: D,
    key: &'k Cell<Option<&'de str>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, 'de, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_any(KeyVisitor {
            inner: visitor,
            key: self.key,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum ignored_any
    }
}

struct KeyVisitor<'k, 'de, V> {
    inner: V,
    key: &'k Cell<Option<&'de str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    // Only a key borrowed from the text (no escapes) is read here.
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        if v.len() > MAX_STRING_BYTES {
            return Err(refuse());
        }
        self.key.set(Some(v));
        self.inner.visit_borrowed_str(v)
    }
}

struct Enum<'c, 'i, A> {
    data: A,
    cx: &'c Literals<'i>,
    depth: usize,
}

impl<'de, 'c, 'i, A: EnumAccess<'de>> EnumAccess<'de> for Enum<'c, 'i, A> {
    type Error = A::Error;
    type Variant = Variant<'c, 'i, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let key = Cell::new(None);
        let (value, variant) = self.data.variant_seed(KeySeed {
            inner: seed,
            key: &key,
        })?;
        // The payload of `{"name": …}` is the figure its key names, as a member's value is.
        let figure = key.get().map_or(Figure::Other, Figure::of_key);
        Ok((
            value,
            Variant {
                variant,
                cx: self.cx,
                figure,
                depth: self.depth,
            },
        ))
    }
}

struct Variant<'c, 'i, A> {
    variant: A,
    cx: &'c Literals<'i>,
    figure: Figure,
    depth: usize,
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'_, '_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.variant.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.variant.newtype_variant_seed(Seed {
            inner: seed,
            cx: self.cx,
            figure: self.figure,
            depth: self.depth,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.variant.tuple_variant(
            _len,
            Wrap {
                inner: visitor,
                cx: self.cx,
                figure: self.figure,
                depth: self.depth,
                objects_only: false,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        // serde_json reads a struct variant as a struct, which may be an array: refused.
        self.variant.struct_variant(
            fields,
            Wrap {
                inner: visitor,
                cx: self.cx,
                figure: self.figure,
                depth: self.depth,
                objects_only: true,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use crate::Profile;
    use serde_json::Value;

    /// Whether `text` was read here; panics where this reading accepts what the strict one
    /// refuses, or reads it otherwise.
    fn direct(text: &str) -> bool {
        let strict = crate::json::parse_object(text, "a profile")
            .and_then(|v| crate::json::typed::<Profile>(&v));
        match (read::<Profile>(text), strict) {
            (None, _) => false,
            (Some(d), Ok(s)) => {
                assert_eq!(d, s, "read otherwise: {text}");
                assert_eq!(
                    serde_json::to_string(&d).unwrap(),
                    serde_json::to_string(&s).unwrap(),
                    "{text}"
                );
                true
            }
            (Some(_), Err(e)) => panic!("read here, refused strictly ({e}): {text}"),
        }
    }

    /// The request texts of the scope vectors: as written (`input_text`), or the value compact
    /// and indented.
    fn vector_texts() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scope");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(text) = v.get("input_text").and_then(Value::as_str) {
                out.push((name.clone(), text.to_owned()));
            }
            if let Some(input) = v.get("input") {
                out.push((name.clone(), serde_json::to_string(input).unwrap()));
                out.push((name, serde_json::to_string_pretty(input).unwrap()));
            }
        }
        out
    }

    #[test]
    fn every_scope_vector_is_read_as_the_strict_reading_reads_it() {
        let texts = vector_texts();
        assert!(texts.len() > 300, "{}", texts.len());
        let mut read_here = 0;
        for (name, text) in &texts {
            let ok = crate::json::parse_object(text, "a profile")
                .and_then(|v| crate::json::typed::<Profile>(&v))
                .is_ok();
            let here = direct(text);
            // Every profile the strict reading accepts is read here too (none of the vectors'
            // has an escaped key or a member a type ignores).
            assert_eq!(here, ok, "{name}: {text}");
            read_here += usize::from(here);
        }
        assert!(read_here > 300, "{read_here}");
    }

    #[test]
    fn what_the_strict_reading_must_decide() {
        let refused = [
            // Not a profile, or not only one.
            "",
            "[]",
            "\u{feff}{}",
            r#"{"activities":[]} x"#,
            r#"{"activities":[],"activities":[]}"#,
            r#"{"activities":[],"size":{"staff_headcount":1,"staff_headcount":1}}"#,
            r#"{"activities":[],"colour":"red"}"#,
            // A struct written as an array of its fields.
            r#"{"activities":[["NIS2-I-06-01"]]}"#,
            r#"{"activities":[],"size":[40]}"#,
            // An escaped key (read strictly, the same profile).
            r#"{"activit\u0069es":[]}"#,
            // Beyond a limit.
            r#"{"activities":[],"name":"NAME"}"#,
            r#"{"activities":[],"name":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
            r#"{"activities":[],"size":{"staff_headcount":1e400}}"#,
        ];
        for text in refused {
            let text = text.replace("NAME", &"x".repeat(MAX_STRING_BYTES + 1));
            assert!(!direct(&text), "{text}");
        }
        let read = [
            r#"{"activities":[]}"#,
            " \n\t{\"activities\":[]}\n",
            r#"{"activities":[{"entity_type":"NIS2-I-06-01","note":"a \"quoted\" note\n"}]}"#,
            r#"{"activities":[],"name":"NAME"}"#,
            r#"{"member_state":null,"activities":[],"size":null,"designations":null}"#,
            r#"{"activities":[],"size":{"staff_headcount":[50,249]}}"#,
        ];
        for text in read {
            let text = text.replace("NAME", &"x".repeat(MAX_STRING_BYTES));
            assert!(direct(&text), "{text}");
        }
    }

    /// Figures as written, at and around the ceilings, in every form a number takes: read
    /// exactly as the strict reading reads them.
    #[test]
    fn figures_are_read_exactly_as_written() {
        let forms = [
            "0",
            "-0",
            "-0.0",
            "0e5",
            "1",
            "-1",
            "40",
            "40.0",
            "4e1",
            "49",
            "49.999999999999999999",
            "50",
            "50.000000000000000001",
            "5E1",
            "249",
            "249.99999999999999999",
            "250",
            "250.0",
            "2.5e2",
            "25e1",
            "250.00000000000000000001",
            "10000000",
            "10000000.000000000001",
            "9999999.9999999999999",
            "43000000",
            "43000000.00000000001",
            "50000000",
            "50000000.01",
            "5e7",
            "50000000.000000000000001",
            "4.9999999999999999999e7",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "1e308",
            "123456789012345678901234567890",
        ];
        let mut read_here = 0;
        for a in forms {
            for key in [
                "staff_headcount",
                "annual_turnover_eur",
                "balance_sheet_total_eur",
            ] {
                let texts = [
                    format!(r#"{{"activities":[],"size":{{"{key}":{a}}}}}"#),
                    format!(r#"{{"activities":[],"size":{{"{key}":[{a},{a}]}}}}"#),
                    format!(
                        r#"{{"activities":[],"size":{{"related_enterprises":[{{"relationship":"partner","share_percent":{a},"{key}":{a}}}]}}}}"#
                    ),
                    format!(
                        r#"{{"activities":[],"size":{{"public_bodies_control_percent":{a},"previous_periods":[{{"period":"2024","{key}":{a}}}]}}}}"#
                    ),
                ];
                for text in texts {
                    read_here += usize::from(direct(&text));
                }
            }
        }
        assert!(read_here > 100, "{read_here}");
    }

    /// Texts made from the vectors' by small changes (bytes inserted, removed, replaced;
    /// members repeated; objects written as arrays): whatever is read here is read as the
    /// strict reading reads it.
    #[test]
    fn changed_texts_are_read_here_only_as_the_strict_reading_reads_them() {
        let texts: Vec<String> = vector_texts()
            .into_iter()
            .map(|(_, t)| t)
            .filter(|t| t.len() < 4000)
            .collect();
        let alphabet = b"{}[]\":,. 0123456789-+eEnulltruefalsa\\x";
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let (mut cases, mut read_here) = (0, 0);
        for round in 0..40 {
            for base in &texts {
                let mut bytes = base.as_bytes().to_vec();
                for _ in 0..=(round % 3) {
                    let at = next(bytes.len());
                    match next(6) {
                        0 => bytes.insert(at, alphabet[next(alphabet.len())]),
                        1 if !bytes.is_empty() => {
                            bytes.remove(at);
                        }
                        2 if at < bytes.len() => bytes[at] = alphabet[next(alphabet.len())],
                        3 => {
                            // Repeat a member: `"key":value` copied after itself.
                            if let Some(q) = bytes.iter().skip(at).position(|b| *b == b',') {
                                let end = at + q;
                                let start = bytes[..end]
                                    .iter()
                                    .rposition(|b| *b == b',' || *b == b'{')
                                    .map_or(0, |s| s + 1);
                                let member = bytes[start..end].to_vec();
                                let mut with = member.clone();
                                with.push(b',');
                                bytes.splice(start..start, with);
                            }
                        }
                        4 => {
                            if let Some(i) = bytes.iter().skip(at).position(|b| *b == b'{') {
                                bytes[at + i] = b'[';
                            }
                        }
                        _ => {
                            if let Some(i) = bytes.iter().skip(at).position(|b| b.is_ascii_digit())
                            {
                                bytes.insert(at + i, b'0' + next(10) as u8);
                            }
                        }
                    }
                }
                if let Ok(text) = String::from_utf8(bytes) {
                    cases += 1;
                    read_here += usize::from(direct(&text));
                }
            }
        }
        assert!(
            cases > 10_000 && read_here > 1_000,
            "{cases} cases, {read_here} read here"
        );
    }
}
