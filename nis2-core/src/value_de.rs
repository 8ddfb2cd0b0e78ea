//! Strict, path-tracking deserialisation of the engine's documents, in two steps:
//!
//! 1. [`parse`] reads JSON text into a [`serde_json::Value`], rejecting a key repeated within
//!    one object (which `serde_json::Value` would silently resolve to the last one) and naming
//!    where the parser was for every problem, syntax errors included;
//! 2. [`ValueDe`] deserializes any type from that value, naming the field path of a problem
//!    (`$.register.assets[2].kind`).
//!
//! This replaces a generic wrapper around serde_json's text deserializer
//! (`serde_path_to_error`), which compiled two copies of every type's deserializer (one of
//! them wrapped), into one concrete deserializer per type: the WebAssembly module is about a
//! fifth smaller for it. It is also stricter than serde_json's own `Value` deserializer: a
//! struct must be a JSON object (serde_json also accepts an array of the fields in order).

use std::cell::{Cell, OnceCell, RefCell};
use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Number, Value};

use crate::json::exact::{number_tokens, Figure};
use crate::limits::{self, MAX_DEPTH, MAX_ITEMS, MAX_STRING_BYTES};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Render a path (outermost first) as `$`, `$.a`, `$.a[0].b`.
pub(crate) fn render(path: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// A deserialization problem and where it is. The path is collected innermost first, as the
/// error travels out through the maps and arrays that contain it.
#[derive(Debug)]
pub(crate) struct DeError {
    message: String,
    reversed_path: Vec<Seg>,
}

impl DeError {
    fn at(mut self, seg: Seg) -> Self {
        self.reversed_path.push(seg);
        self
    }

    /// The error, one step out: under the member `key`. Out of line (and [`DeError::at_index`]):
    /// every field of every type read from a value maps its error through it.
    #[cold]
    #[inline(never)]
    fn at_key(self, key: &str) -> Self {
        self.at(Seg::Key(key.to_owned()))
    }

    /// The error, one step out: under the element `index`.
    #[cold]
    #[inline(never)]
    fn at_index(self, index: usize) -> Self {
        self.at(Seg::Index(index))
    }

    /// The field path, rendered (`$.a[0].b`).
    pub(crate) fn path(&self) -> String {
        let path: Vec<Seg> = self.reversed_path.iter().rev().cloned().collect();
        render(&path)
    }

    /// The message, without the path.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.path())
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            reversed_path: Vec::new(),
        }
    }

    // serde's own wording, with the unexpected value written by `Unexp` (serde's `Display` of
    // `Unexpected` would link the standard library's float formatting; `crate::float_text`).
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format_args!(
            "invalid type: {}, expected {}",
            Unexp(unexp),
            exp
        ))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format_args!(
            "invalid value: {}, expected {}",
            Unexp(unexp),
            exp
        ))
    }
}

/// serde's words for an unexpected value (`Display` of `Unexpected`), floats written by
/// [`crate::float_text::WithPoint`] as serde writes them.
struct Unexp<'a>(Unexpected<'a>);

impl fmt::Display for Unexp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Float(x) => {
                write!(f, "floating point `{}`", crate::float_text::WithPoint(x))
            }
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(i) => write!(f, "integer `{i}`"),
            Unexpected::Signed(i) => write!(f, "integer `{i}`"),
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string {s:?}"),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("unit value"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => number_unexpected(n),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn number_unexpected(n: &Number) -> Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        Unexpected::Signed(i)
    } else {
        Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// `one of `a`, `b`` (serde's words for the accepted values of an enum).
fn one_of(variants: &[&str]) -> String {
    match variants {
        [] => "a string".to_owned(),
        [one] => format!("`{one}`"),
        many => format!(
            "one of {}",
            many.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A deserializer over a borrowed JSON value that names the path of any problem.
pub(crate) struct ValueDe<'a>(pub(crate) &'a Value);

impl<'de> ValueDe<'de> {
    fn visit_array<V: Visitor<'de>>(items: &'de [Value], visitor: V) -> Result<V::Value, DeError> {
        let mut seq = SeqDe {
            iter: items.iter(),
            index: 0,
        };
        let out = visitor.visit_seq(&mut seq)?;
        if seq.iter.len() == 0 {
            Ok(out)
        } else {
            Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in the array",
            ))
        }
    }

    fn visit_object<V: Visitor<'de>>(
        map: &'de Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_map(MapDe {
            iter: map.iter(),
            pending: None,
        })
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else if let Some(f) = n.as_f64() {
                    // `-0` is 0, as the text parser reads it: a value a binding built (a
                    // Python or JavaScript `-0.0`) must not answer otherwise than its text
                    // (a reason once wrote "average response time -0 s").
                    visitor.visit_f64(if f == 0.0 { 0.0 } else { f })
                } else {
                    Err(de::Error::custom("a number out of range"))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => Self::visit_array(items, visitor),
            Value::Object(map) => Self::visit_object(map, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Array(items) => Self::visit_array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            Value::Object(map) => Self::visit_object(map, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(de::value::BorrowedStrDeserializer::new(s)),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((key, value)), None) => visitor.visit_enum(EnumDe { key, value }),
                    _ => Err(de::Error::custom(format_args!(
                        "invalid value: an object with {} keys, expected {} (a string, or an object with one of them as its single key)",
                        map.len(),
                        one_of(variants)
                    ))),
                }
            }
            other => Err(de::Error::invalid_type(
                unexpected(other),
                &one_of(variants).as_str(),
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf identifier
    }
}

struct SeqDe<'a> {
    iter: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for SeqDe<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(value) = self.iter.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDe(value))
            .map(Some)
            .map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapDe<'a> {
    iter: serde_json::map::Iter<'a>,
    pending: Option<(&'a String, &'a Value)>,
}

impl<'de> MapAccess<'de> for MapDe<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.iter.next() else {
            return Ok(None);
        };
        self.pending = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(key))
            .map(Some)
            .map_err(|e| e.at_key(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        seed.deserialize(ValueDe(value)).map_err(|e| e.at_key(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct EnumDe<'a> {
    key: &'a String,
    value: &'a Value,
}

impl<'de> EnumAccess<'de> for EnumDe<'de> {
    type Error = DeError;
    type Variant = EnumDe<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, EnumDe<'de>), DeError> {
        let variant = seed
            .deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(self.key))
            .map_err(|e| e.at_key(self.key))?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for EnumDe<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            Value::Null => Ok(()),
            other => Err(<DeError as de::Error>::invalid_type(
                unexpected(other),
                &"nothing (a unit variant)",
            )
            .at_key(self.key)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(ValueDe(self.value))
            .map_err(|e| e.at_key(self.key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(ValueDe(self.value), visitor)
            .map_err(|e| e.at_key(self.key))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(ValueDe(self.value), visitor)
            .map_err(|e| e.at_key(self.key))
    }
}

// --- parsing ----------------------------------------------------------------------------------

/// Where a parse failed: the path the parser was at, and what went wrong.
pub(crate) struct ParseError {
    pub(crate) path: String,
    pub(crate) message: String,
    /// The limit on input the document went beyond, where that is the problem.
    pub(crate) limit: Option<limits::Limit>,
}

/// Read JSON text into a value: no key repeated within an object, nothing after the document.
///
/// Read once without keeping the path (most documents are valid); only a document with a
/// problem is read again, keeping it, to say where the problem is (the same problem, found at
/// the same place).
pub(crate) fn parse(input: &str) -> Result<Value, ParseError> {
    parse_limited(input, MAX_STRING_BYTES)
}

/// [`parse`] with strings up to `max_string` bytes (a response document given back to be
/// rendered may hold a report longer than any input string may be).
pub(crate) fn parse_limited(input: &str, max_string: usize) -> Result<Value, ParseError> {
    let limit = Cell::new(None);
    if let Ok(value) = parse_with(input, None, &RefCell::new(None), Some(max_string), &limit) {
        return Ok(value);
    }
    let path = RefCell::new(Vec::new());
    let last_member = RefCell::new(None);
    limit.set(None);
    parse_with(input, Some(&path), &last_member, Some(max_string), &limit).map_err(|e| {
        let mut path = path.borrow().clone();
        // A value that runs on into letters or digits (`0x1A`, `12abc`, `1_000`): the member
        // whose value it is.
        let runs_on = e.classify() == serde_json::error::Category::Syntax
            && e.to_string().starts_with("expected `,` or `}`")
            && e.column() > 0
            && input
                .lines()
                .nth(e.line().saturating_sub(1))
                .and_then(|l| l.as_bytes().get(e.column() - 1))
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if let (true, Some(seg)) = (runs_on, last_member.borrow_mut().take()) {
            path.push(seg);
        }
        ParseError {
            path: render(&path),
            message: e.to_string(),
            limit: limit.get(),
        }
    })
}

/// Read the engine's own output back into a value: the same reading as [`parse`] without the
/// limits on input (a report may hold a string longer than any input may).
// Only the WebAssembly build makes values through the text (`json::to_value`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn parse_output(input: &str) -> serde_json::Result<Value> {
    parse_with(input, None, &RefCell::new(None), None, &Cell::new(None))
}

fn parse_with(
    input: &str,
    path: Option<&RefCell<Vec<Seg>>>,
    last_member: &RefCell<Option<Seg>>,
    max_string: Option<usize>,
    limit: &Cell<Option<limits::Limit>>,
) -> serde_json::Result<Value> {
    let numbers = Numbers {
        literals: Literals::new(input),
        last_member,
        limit,
    };
    let mut de = serde_json::Deserializer::from_str(input);
    StrictValue {
        path,
        numbers: &numbers,
        figure: Figure::Other,
        depth: 0,
        limited: max_string.is_some(),
        max_string: max_string.unwrap_or(usize::MAX),
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
}

/// The number literals of a text being read, for the figures read exactly at a legal ceiling
/// (`json::exact`): how many were read so far, and where each is (found only when a figure
/// lands on a ceiling). The strict reading and the reading straight into a type
/// (`crate::text_de`) count them alike.
pub(crate) struct Literals<'i> {
    input: &'i str,
    seen: Cell<usize>,
    tokens: OnceCell<Vec<std::ops::Range<usize>>>,
}

impl<'i> Literals<'i> {
    pub(crate) fn new(input: &'i str) -> Self {
        Literals {
            input,
            seen: Cell::new(0),
            tokens: OnceCell::new(),
        }
    }

    /// Count one number read; its index in document order.
    pub(crate) fn next(&self) -> usize {
        let i = self.seen.get();
        self.seen.set(i + 1);
        i
    }

    /// The literal of the `index`-th number.
    pub(crate) fn text(&self, index: usize) -> Option<String> {
        let tokens = self.tokens.get_or_init(|| number_tokens(self.input));
        let range = tokens.get(index)?.clone();
        self.input.get(range).map(str::to_owned)
    }
}

/// The number literals of the text being read ([`Literals`]), and what a failed parse leaves
/// for its error.
struct Numbers<'i> {
    literals: Literals<'i>,
    /// The key of the member last left (kept only when the path is).
    last_member: &'i RefCell<Option<Seg>>,
    /// The limit on input the text went beyond, if that stopped the parse.
    limit: &'i Cell<Option<limits::Limit>>,
}

impl Numbers<'_> {
    /// A parse stopped at `limit`: the error, and the limit noted for [`ParseError`].
    fn beyond<E: de::Error>(&self, limit: limits::Limit, message: impl fmt::Display) -> E {
        self.limit.set(Some(limit));
        E::custom(message)
    }
}

/// Builds a `Value`, keeping the current path in `path` when there is one (left as it was
/// where a problem stopped the parse).
#[derive(Clone, Copy)]
struct StrictValue<'p> {
    path: Option<&'p RefCell<Vec<Seg>>>,
    numbers: &'p Numbers<'p>,
    /// The figure the member being read holds (from its key).
    figure: Figure,
    /// How many arrays and objects contain the value being read.
    depth: usize,
    /// Whether the limits on input apply (not to the engine's own output).
    limited: bool,
    /// The longest string allowed.
    max_string: usize,
}

impl StrictValue<'_> {
    fn push(self, seg: impl FnOnce() -> Seg) {
        if let Some(p) = self.path {
            p.borrow_mut().push(seg());
        }
    }

    fn pop(self) {
        if let Some(p) = self.path {
            p.borrow_mut().pop();
        }
    }

    /// Leave a member, remembering its key: a value that runs on into characters no JSON
    /// value has (`"n":0x1A`, `"n":12abc`) is reported at that member.
    fn pop_member(self) {
        if let Some(p) = self.path {
            let last = p.borrow_mut().pop();
            *self.numbers.last_member.borrow_mut() = last;
        }
    }

    /// The reader of a member or an element: one level deeper.
    fn member(self, figure: Figure) -> Self {
        StrictValue {
            figure,
            depth: self.depth + 1,
            ..self
        }
    }
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.numbers.literals.next();
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.numbers.literals.next();
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        let index = self.numbers.literals.next();
        // `-0` is read as 0 (a figure has no sign at zero).
        let v = if v == 0.0 { 0.0 } else { v };
        let v = self.figure.exact(v, || self.numbers.literals.text(index));
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        if v.len() > self.max_string {
            // A report's `content` may be as long as a document.
            return Err(if self.max_string > MAX_STRING_BYTES {
                self.numbers
                    .beyond(limits::Limit::DocumentBytes, limits::too_big(v.len()))
            } else {
                self.numbers
                    .beyond(limits::Limit::StringBytes, limits::too_long(v.len()))
            });
        }
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.visit_str(&v).map(|_| Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.limited && self.depth >= MAX_DEPTH {
            return Err(self
                .numbers
                .beyond(limits::Limit::Depth, limits::too_deep()));
        }
        let mut items = Vec::new();
        loop {
            self.push(|| Seg::Index(items.len()));
            // The ends of a size range (`"staff_headcount": [50, 99]`) are figures of its key.
            let Some(item) = seq.next_element_seed(self.member(self.figure))? else {
                self.pop();
                break;
            };
            if self.limited && items.len() >= MAX_ITEMS {
                return Err(self
                    .numbers
                    .beyond(limits::Limit::Items, limits::too_many("elements")));
            }
            self.pop();
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.limited && self.depth >= MAX_DEPTH {
            return Err(self
                .numbers
                .beyond(limits::Limit::Depth, limits::too_deep()));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if self.limited && key.len() > MAX_STRING_BYTES {
                return Err(self.numbers.beyond(
                    limits::Limit::StringBytes,
                    format_args!(
                        "has a key that is too long: {}",
                        limits::too_long(key.len())
                    ),
                ));
            }
            self.push(|| Seg::Key(key.clone()));
            if self.limited && out.len() >= MAX_ITEMS {
                return Err(self
                    .numbers
                    .beyond(limits::Limit::Items, limits::too_many("members")));
            }
            let figure = Figure::of_key(&key);
            match out.entry(key) {
                serde_json::map::Entry::Occupied(e) => {
                    return Err(de::Error::custom(format_args!(
                        "duplicate key `{}` (an object must not repeat a key)",
                        e.key()
                    )));
                }
                serde_json::map::Entry::Vacant(e) => {
                    let mut reader = self.member(figure);
                    if self.depth == 0 && e.key() == limits::LONG_MEMBER {
                        reader.max_string = reader.max_string.max(limits::MAX_DOCUMENT_BYTES);
                    }
                    e.insert(map.next_value_seed(reader)?);
                }
            }
            self.pop_member();
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use serde::Deserialize;

    /// The words for an unexpected value are serde's own (which this module does not call,
    /// so that the WebAssembly module does not link the standard library's float formatting).
    #[test]
    fn unexpected_values_are_worded_as_serde_words_them() {
        let values = [
            Unexpected::Float(1.5),
            Unexpected::Float(2.0),
            Unexpected::Float(-0.0),
            Unexpected::Float(1e21),
            Unexpected::Float(1e-7),
            Unexpected::Float(f64::MAX),
            Unexpected::Float(f64::NAN),
            Unexpected::Float(f64::NEG_INFINITY),
            Unexpected::Bool(true),
            Unexpected::Unsigned(7),
            Unexpected::Signed(-7),
            Unexpected::Char('x'),
            Unexpected::Str("a \"quoted\"\nline"),
            Unexpected::Bytes(b"ab"),
            Unexpected::Unit,
            Unexpected::Option,
            Unexpected::NewtypeStruct,
            Unexpected::Seq,
            Unexpected::Map,
            Unexpected::Enum,
            Unexpected::UnitVariant,
            Unexpected::NewtypeVariant,
            Unexpected::TupleVariant,
            Unexpected::StructVariant,
            Unexpected::Other("something else"),
        ];
        for u in values {
            assert_eq!(Unexp(u).to_string(), u.to_string());
        }
        let e: DeError = de::Error::invalid_type(Unexpected::Float(1.5), &"a string");
        assert_eq!(
            e.message,
            "invalid type: floating point `1.5`, expected a string"
        );
        let e: DeError = de::Error::invalid_value(Unexpected::Float(3.0), &"a whole number");
        assert_eq!(
            e.message,
            "invalid value: floating point `3.0`, expected a whole number"
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        n: u8,
        #[serde(default)]
        tag: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Alpha,
        Beta,
        Gamma { x: u8 },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
    }

    fn outer(text: &str) -> Result<Outer, (String, String)> {
        let v = parse(text).map_err(|e| (e.path, e.message))?;
        Outer::deserialize(ValueDe(&v)).map_err(|e| (e.path(), e.message().to_owned()))
    }

    #[test]
    fn paths_name_the_field_at_fault() {
        assert_eq!(
            outer(r#"{"items":[{"n":1},{"n":300}]}"#).unwrap_err(),
            (
                "$.items[1].n".to_owned(),
                "invalid value: integer `300`, expected u8".to_owned()
            )
        );
        let (path, message) = outer(r#"{"items":[{"n":1,"extra":2}]}"#).unwrap_err();
        assert_eq!(path, "$.items[0].extra");
        assert!(message.starts_with("unknown field `extra`"), "{message}");
        let (path, message) = outer(r#"{"items":[{}]}"#).unwrap_err();
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("$.items[0]", "missing field `n`")
        );
        let (path, message) = outer(r#"{"items":[{"n":1,"tag":"delta"}]}"#).unwrap_err();
        assert_eq!(path, "$.items[0].tag");
        assert!(message.starts_with("unknown variant `delta`"), "{message}");
        let (path, _) = outer(r#"{"items":[{"n":1,"tag":{"gamma":{"x":"a"}}}]}"#).unwrap_err();
        assert_eq!(path, "$.items[0].tag.gamma.x");
    }

    #[test]
    fn values_that_are_accepted() {
        let o = outer(r#"{"items":[{"n":1,"tag":"beta"},{"n":2,"tag":null},{"n":3,"tag":{"gamma":{"x":4}}}]}"#)
            .unwrap();
        assert_eq!(o.items.len(), 3);
        assert_eq!(o.items.first().unwrap().tag, Some(Kind::Beta));
        assert_eq!(o.items.get(2).unwrap().tag, Some(Kind::Gamma { x: 4 }));
        let _ = Kind::Alpha;
    }

    #[test]
    fn a_struct_must_be_an_object() {
        let (path, message) = outer(r#"{"items":[[1]]}"#).unwrap_err();
        assert_eq!(path, "$.items[0]");
        assert!(message.starts_with("invalid type: sequence"), "{message}");
    }

    #[test]
    fn repeated_keys_and_syntax_errors_are_placed() {
        let (path, message) = outer(r#"{"items":[{"n":1,"n":2}]}"#).unwrap_err();
        assert_eq!(path, "$.items[0].n");
        assert!(message.starts_with("duplicate key `n`"), "{message}");
        let (path, message) = outer(r#"{"items":[{"n":1},{"n":]}"#).unwrap_err();
        assert_eq!(path, "$.items[1].n");
        assert!(message.contains("line 1 column"), "{message}");
        assert!(parse("{} x").is_err());
    }
}
