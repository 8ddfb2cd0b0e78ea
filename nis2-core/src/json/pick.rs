//! One member of a typed document as a JSON value, without writing the others: what a binding
//! reads when a typed view's first field is asked for (Python's views), instead of the whole
//! document. The document's `Serialize` runs with a serializer that takes the object's members
//! as they come (a struct's fields, or a map's entries where a struct flattens others into it)
//! and writes only the one asked for, with the serializer of the whole value
//! ([`super::to_value`]); a skipped field never reaches it, so it is absent here too. A
//! document that is not an object is written whole and the member taken from it.

use serde::ser::{self, Impossible, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// The member `key` of `doc`'s JSON value (`None`: it has none): `to_value(doc)[key]`.
pub(crate) fn member<T: Serialize + ?Sized>(doc: &T, key: &str) -> Result<Option<Value>> {
    match doc.serialize(Picker { key }) {
        Ok(found) => Ok(found),
        Err(Problem::NotAnObject) => Ok(super::to_value(doc)?.get(key).cloned()),
        Err(Problem::Member(e)) => Err(e),
        Err(Problem::Custom(message)) => Err(Error::Data {
            file: "<output>".to_owned(),
            message,
        }),
    }
}

#[derive(Debug)]
enum Problem {
    /// The document is not written as an object.
    NotAnObject,
    /// Writing the member failed.
    Member(Error),
    Custom(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NotAnObject => f.write_str("not an object"),
            Problem::Member(e) => e.fmt(f),
            Problem::Custom(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Problem {}

impl ser::Error for Problem {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        Problem::Custom(msg.to_string())
    }
}

type Res<T> = std::result::Result<T, Problem>;

/// The top of the document: a struct or a map, anything else is not an object.
struct Picker<'k> {
    key: &'k str,
}

/// The members of the object, one kept.
struct Members<'k> {
    key: &'k str,
    found: Option<Value>,
    /// The key of the map entry whose value comes next: whether it is the one asked for.
    next_is_it: bool,
}

impl Members<'_> {
    fn keep<T: Serialize + ?Sized>(&mut self, value: &T) -> Res<()> {
        // A repeated key (a flattened member named like a field): the last one wins, as in a
        // JSON value.
        self.found = Some(super::to_value(value).map_err(Problem::Member)?);
        Ok(())
    }
}

macro_rules! not_an_object {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Res<Self::Ok> { Err(Problem::NotAnObject) })*
    };
}

impl<'k> ser::Serializer for Picker<'k> {
    type Ok = Option<Value>;
    type Error = Problem;
    type SerializeSeq = Impossible<Option<Value>, Problem>;
    type SerializeTuple = Impossible<Option<Value>, Problem>;
    type SerializeTupleStruct = Impossible<Option<Value>, Problem>;
    type SerializeTupleVariant = Impossible<Option<Value>, Problem>;
    type SerializeMap = Members<'k>;
    type SerializeStruct = Members<'k>;
    type SerializeStructVariant = Impossible<Option<Value>, Problem>;

    not_an_object!(
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
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Res<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Res<Self::Ok> {
        Err(Problem::NotAnObject)
    }

    fn serialize_seq(self, _: Option<usize>) -> Res<Self::SerializeSeq> {
        Err(Problem::NotAnObject)
    }

    fn serialize_tuple(self, _: usize) -> Res<Self::SerializeTuple> {
        Err(Problem::NotAnObject)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Res<Self::SerializeTupleStruct> {
        Err(Problem::NotAnObject)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Res<Self::SerializeTupleVariant> {
        Err(Problem::NotAnObject)
    }

    fn serialize_map(self, _: Option<usize>) -> Res<Self::SerializeMap> {
        Ok(Members {
            key: self.key,
            found: None,
            next_is_it: false,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Res<Self::SerializeStruct> {
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Res<Self::SerializeStructVariant> {
        Err(Problem::NotAnObject)
    }
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = Option<Value>;
    type Error = Problem;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res<()> {
        if key == self.key {
            self.keep(value)?;
        }
        Ok(())
    }

    fn end(self) -> Res<Self::Ok> {
        Ok(self.found)
    }
}

impl ser::SerializeMap for Members<'_> {
    type Ok = Option<Value>;
    type Error = Problem;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res<()> {
        // A key as serde_json writes it in a value: a string, or a number as its digits.
        self.next_is_it = match super::to_value(key) {
            Ok(Value::String(k)) => k == self.key,
            Ok(Value::Number(n)) => n.to_string() == self.key,
            _ => false,
        };
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res<()> {
        if std::mem::take(&mut self.next_is_it) {
            self.keep(value)?;
        }
        Ok(())
    }

    fn end(self) -> Res<Self::Ok> {
        Ok(self.found)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct Inner {
        b: u8,
        #[serde(rename = "c-renamed")]
        c: &'static str,
    }

    #[derive(Serialize)]
    struct Doc {
        a: Vec<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        #[serde(flatten)]
        inner: Inner,
        #[serde(flatten)]
        more: BTreeMap<String, f64>,
    }

    /// Fields, renamed fields, skipped fields and flattened members (a struct flattens into a
    /// map): each alone is its member of the whole value.
    #[test]
    fn each_member_alone_is_its_member_of_the_whole() {
        let doc = Doc {
            a: vec![1, 2],
            skipped: None,
            inner: Inner { b: 3, c: "x" },
            more: BTreeMap::from([("d".to_owned(), 1.5), ("e".to_owned(), f64::NAN)]),
        };
        let whole = super::super::to_value(&doc).unwrap();
        for key in ["a", "skipped", "b", "c", "c-renamed", "d", "e", "none"] {
            assert_eq!(member(&doc, key).unwrap(), whole.get(key).cloned(), "{key}");
        }
        assert_eq!(member(&doc, "b").unwrap(), Some(Value::from(3)));
        // Not an object: the member of its whole value (none).
        assert_eq!(member(&vec![1], "a").unwrap(), None);
        assert_eq!(member(&"text", "a").unwrap(), None);
    }
}
