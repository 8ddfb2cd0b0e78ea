//! The verdict of a document: the same document without its prose. Prose is every bilingual
//! text (`{"en": …, "da": …}`, the engine's `Text`); ids, codes, citations, statuses, numbers
//! and dates stay. The JSON Schema of a verdict is made from the explained one the same way
//! (`crate::schema`), and a test checks every vector's verdict against it.

use serde::ser::{self, Impossible, Serialize, SerializeMap as _, Serializer};
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

/// A typed document written without its prose: the bytes of `strip` applied to the document's
/// JSON value, written in one pass (no JSON value is built). Each member, map entry and array
/// element is first shown to a probe that answers, after at most a few calls, whether its JSON
/// value would be a bilingual text (an object of exactly the members `en` and `da`, both
/// strings); a text member is left out, a text element is an error, and anything else is
/// written through the same filter.
pub(crate) struct Stripped<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: Serialize + ?Sized> Serialize for Stripped<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(Filter(serializer))
    }
}

const TEXT_IN_ARRAY: &str = "a bilingual text inside an array cannot be removed for a verdict";

/// Whether the JSON value of `v` is a bilingual text ([`is_text`] of `serde_json::to_value`).
fn probe<T: Serialize + ?Sized>(v: &T) -> bool {
    v.serialize(Probe).is_ok()
}

/// The filtering serializer: forwards everything to `S`, leaving out text members.
struct Filter<S>(S);

/// A compound of `S` whose members are filtered.
struct Each<C>(C);

/// A map compound: the key of an entry waits until its value is known not to be a text.
struct Entries<C> {
    inner: C,
    key: Option<String>,
}

impl<S: Serializer> Serializer for Filter<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Each<S::SerializeSeq>;
    type SerializeTuple = Each<S::SerializeTuple>;
    type SerializeTupleStruct = Each<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Each<S::SerializeTupleVariant>;
    type SerializeMap = Entries<S::SerializeMap>;
    type SerializeStruct = Each<S::SerializeStruct>;
    type SerializeStructVariant = Each<S::SerializeStructVariant>;

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
    fn serialize_bool(self, v: bool) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_bool(v)
    }
    fn serialize_i8(self, v: i8) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_i8(v)
    }
    fn serialize_i16(self, v: i16) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_i16(v)
    }
    fn serialize_i32(self, v: i32) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_i32(v)
    }
    fn serialize_i64(self, v: i64) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_i64(v)
    }
    fn serialize_i128(self, v: i128) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_i128(v)
    }
    fn serialize_u8(self, v: u8) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_u8(v)
    }
    fn serialize_u16(self, v: u16) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_u16(v)
    }
    fn serialize_u32(self, v: u32) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_u32(v)
    }
    fn serialize_u64(self, v: u64) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_u64(v)
    }
    fn serialize_u128(self, v: u128) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_u128(v)
    }
    fn serialize_f32(self, v: f32) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_f32(v)
    }
    fn serialize_f64(self, v: f64) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_f64(v)
    }
    fn serialize_char(self, v: char) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_char(v)
    }
    fn serialize_str(self, v: &str) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_bytes(v)
    }
    fn serialize_none(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_some(&Stripped(v))
    }
    fn serialize_unit(self) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Stripped(v))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> std::result::Result<S::Ok, S::Error> {
        if probe(v) {
            // `{"variant": text}` loses its only member.
            return self.0.serialize_map(Some(0))?.end();
        }
        self.0
            .serialize_newtype_variant(name, index, variant, &Stripped(v))
    }
    fn serialize_seq(
        self,
        len: Option<usize>,
    ) -> std::result::Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Each)
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Each)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Each)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Each)
    }
    fn serialize_map(
        self,
        len: Option<usize>,
    ) -> std::result::Result<Self::SerializeMap, S::Error> {
        self.0
            .serialize_map(len)
            .map(|inner| Entries { inner, key: None })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(Each)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Each)
    }
}

/// An array element: never a text.
fn element<T: Serialize + ?Sized, E: ser::Error>(v: &T) -> std::result::Result<Stripped<'_, T>, E> {
    if probe(v) {
        Err(E::custom(TEXT_IN_ARRAY))
    } else {
        Ok(Stripped(v))
    }
}

macro_rules! elements {
    ($trait:ident, $method:ident) => {
        impl<C: ser::$trait> ser::$trait for Each<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                v: &T,
            ) -> std::result::Result<(), C::Error> {
                self.0.$method(&element::<T, C::Error>(v)?)
            }
            fn end(self) -> std::result::Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    };
}
elements!(SerializeSeq, serialize_element);
elements!(SerializeTuple, serialize_element);
elements!(SerializeTupleStruct, serialize_field);
elements!(SerializeTupleVariant, serialize_field);

macro_rules! members {
    ($trait:ident) => {
        impl<C: ser::$trait> ser::$trait for Each<C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> std::result::Result<(), C::Error> {
                if probe(v) {
                    Ok(())
                } else {
                    self.0.serialize_field(key, &Stripped(v))
                }
            }
            fn skip_field(&mut self, key: &'static str) -> std::result::Result<(), C::Error> {
                self.0.skip_field(key)
            }
            fn end(self) -> std::result::Result<C::Ok, C::Error> {
                self.0.end()
            }
        }
    };
}
members!(SerializeStruct);
members!(SerializeStructVariant);

impl<C: ser::SerializeMap> ser::SerializeMap for Entries<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(
        &mut self,
        key: &T,
    ) -> std::result::Result<(), C::Error> {
        self.key = Some(
            key.serialize(KeyText)
                .map_err(|Refused| <C::Error as ser::Error>::custom("key must be a string"))?,
        );
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> std::result::Result<(), C::Error> {
        let Some(key) = self.key.take() else {
            return Err(<C::Error as ser::Error>::custom(
                "a map value without its key",
            ));
        };
        if probe(v) {
            Ok(())
        } else {
            self.inner.serialize_entry(&key, &Stripped(v))
        }
    }
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        v: &V,
    ) -> std::result::Result<(), C::Error> {
        if probe(v) {
            Ok(())
        } else {
            self.inner.serialize_entry(key, &Stripped(v))
        }
    }
    fn end(self) -> std::result::Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

/// "Not what was looked for": the probes' only error.
#[derive(Debug)]
struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("refused")
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Probed<T = ()> = std::result::Result<T, Refused>;

/// Succeeds only for a value whose JSON is a bilingual text; refuses at the first sign that it
/// is not (the first member of any other object, any scalar or array).
struct Probe;

/// Which of a text's members a key names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang2 {
    En,
    Da,
}

/// The members of an object seen so far by [`Probe`].
struct Members {
    en: bool,
    da: bool,
    pending: Option<Lang2>,
}

impl Members {
    fn member<T: Serialize + ?Sized>(&mut self, key: Lang2, v: &T) -> Probed {
        let seen = match key {
            Lang2::En => &mut self.en,
            Lang2::Da => &mut self.da,
        };
        if *seen {
            return Err(Refused);
        }
        *seen = true;
        v.serialize(IsString)
    }

    fn done(&self) -> Probed {
        if self.en && self.da {
            Ok(())
        } else {
            Err(Refused)
        }
    }
}

fn lang_of(key: &str) -> Probed<Lang2> {
    match key {
        "en" => Ok(Lang2::En),
        "da" => Ok(Lang2::Da),
        _ => Err(Refused),
    }
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Probed<Self::Ok> {
            Err(Refused)
        })*
    };
}

macro_rules! refuse_compounds {
    () => {
        type SerializeSeq = Impossible<Self::Ok, Refused>;
        type SerializeTuple = Impossible<Self::Ok, Refused>;
        type SerializeTupleStruct = Impossible<Self::Ok, Refused>;
        type SerializeTupleVariant = Impossible<Self::Ok, Refused>;
        type SerializeStructVariant = Impossible<Self::Ok, Refused>;
        fn serialize_seq(self, _: Option<usize>) -> Probed<Self::SerializeSeq> {
            Err(Refused)
        }
        fn serialize_tuple(self, _: usize) -> Probed<Self::SerializeTuple> {
            Err(Refused)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Probed<Self::SerializeTupleStruct> {
            Err(Refused)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Probed<Self::SerializeTupleVariant> {
            Err(Refused)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Probed<Self::SerializeStructVariant> {
            Err(Refused)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Probed<Self::Ok> {
            Err(Refused)
        }
        refuse!(
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
        );
    };
}

macro_rules! refuse_scalars {
    () => {
        refuse!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_i128(i128),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_u128(u128),
        );
    };
}

impl Serializer for Probe {
    type Ok = ();
    type Error = Refused;
    type SerializeMap = Members;
    type SerializeStruct = Members;
    refuse_compounds!();
    refuse_scalars!();
    refuse!(
        serialize_char(char),
        serialize_str(&str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Probed {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Probed {
        v.serialize(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Probed<Members> {
        Ok(Members {
            en: false,
            da: false,
            pending: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Probed<Members> {
        self.serialize_map(None)
    }
}

impl ser::SerializeStruct for Members {
    type Ok = ();
    type Error = Refused;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Probed {
        self.member(lang_of(key)?, v)
    }
    fn end(self) -> Probed {
        self.done()
    }
}

impl ser::SerializeMap for Members {
    type Ok = ();
    type Error = Refused;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Probed {
        self.pending = Some(lang_of(&key.serialize(KeyText)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Probed {
        let key = self.pending.take().ok_or(Refused)?;
        self.member(key, v)
    }
    fn end(self) -> Probed {
        self.done()
    }
}

/// Succeeds for a value whose JSON is a string.
struct IsString;

impl Serializer for IsString {
    type Ok = ();
    type Error = Refused;
    type SerializeMap = Impossible<(), Refused>;
    type SerializeStruct = Impossible<(), Refused>;
    refuse_compounds!();
    refuse_scalars!();
    fn serialize_char(self, _: char) -> Probed {
        Ok(())
    }
    fn serialize_str(self, _: &str) -> Probed {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Probed {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Probed {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Probed {
        v.serialize(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Probed<Self::SerializeMap> {
        Err(Refused)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Probed<Self::SerializeStruct> {
        Err(Refused)
    }
}

/// The text of a map key as JSON writes it (a string, or a number or boolean as a string).
struct KeyText;

macro_rules! key_to_string {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Probed<String> {
            Ok(v.to_string())
        })*
    };
}

impl Serializer for KeyText {
    type Ok = String;
    type Error = Refused;
    type SerializeMap = Impossible<String, Refused>;
    type SerializeStruct = Impossible<String, Refused>;
    refuse_compounds!();
    key_to_string!(
        serialize_char(char),
        serialize_str(&str),
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
    );
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Probed<String> {
        Ok(variant.to_owned())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Probed<String> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Probed<String> {
        v.serialize(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Probed<Self::SerializeMap> {
        Err(Refused)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Probed<Self::SerializeStruct> {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeMap;

    use super::*;
    use crate::text::Text;

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
        assert_eq!(
            crate::json::to_string(&Stripped(&a)).unwrap(),
            want.to_string()
        );
        assert_eq!(crate::json::to_value(&Stripped(&a)).unwrap(), want);
        assert!(crate::json::to_string(&Stripped(&vec![t()])).is_err());
    }
}
