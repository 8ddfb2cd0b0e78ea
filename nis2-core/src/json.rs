//! Strict JSON (de)serialisation shared by every entry point: field paths in errors, no trailing
//! data, an explicit message for an empty document.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Display;

use crate::error::{Error, Result};

pub(crate) mod exact;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod pick;
pub(crate) mod write;

/// Parse a JSON document into `T`, naming the field path of any problem.
pub fn from_str<T: DeserializeOwned>(input: &str, what: &str) -> Result<T> {
    typed(&parse_document(
        input,
        what,
        crate::limits::MAX_STRING_BYTES,
        false,
    )?)
}

/// Parse a JSON document that must be an object into a value (no repeated keys, nothing after
/// it), naming where any problem is.
pub fn parse_object(input: &str, what: &str) -> Result<serde_json::Value> {
    // A document that begins with `{` and parses is an object.
    parse_document(input, what, crate::limits::MAX_STRING_BYTES, false)
}

/// [`parse_object`] for a response document given back to be rendered: the same limits, except
/// that the document may be as long as `max_response_bytes` and a string as long as a request
/// (a report's `content` is one string).
pub fn parse_response(input: &str, what: &str) -> Result<serde_json::Value> {
    parse_document(input, what, crate::limits::MAX_DOCUMENT_BYTES, true)
}

/// Parse a JSON document that must be an object (it begins with `{`) into a value: a request,
/// or (`response`) a response given back to be rendered, which has a limit of its own.
fn parse_document(
    input: &str,
    what: &str,
    max_string: usize,
    response: bool,
) -> Result<serde_json::Value> {
    if response && input.len() > crate::limits::MAX_RESPONSE_BYTES {
        return Err(Error::limit(
            "$",
            crate::limits::Limit::ResponseBytes,
            crate::limits::too_big_response(input.len()),
        ));
    }
    if !response && input.len() > crate::limits::MAX_DOCUMENT_BYTES {
        return Err(Error::limit(
            "$",
            crate::limits::Limit::DocumentBytes,
            crate::limits::too_big(input.len()),
        ));
    }
    if input.starts_with('\u{feff}') {
        return Err(Error::invalid(
            "$",
            format!("the document begins with a UTF-8 byte-order mark (U+FEFF), which JSON text must not have; save it as UTF-8 without a byte-order mark ({what})"),
        ));
    }
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
    crate::value_de::parse_limited(input, max_string).map_err(|e| {
        let message = syntax_message(&e.message, input);
        match e.limit {
            Some(limit) => Error::limit(e.path, limit, message),
            None => Error::invalid(e.path, message),
        }
    })
}

/// A parser's message with what the character it stopped at means in JSON, when that is what
/// a user needs to fix the document: a NaN or Infinity, Python's `True`/`False`/`None`, a
/// control or space character that is not JSON whitespace, a lone UTF-16 surrogate escape.
fn syntax_message(message: &str, input: &str) -> String {
    let m = clean_message(message);
    let Some(at) = error_offset(message, input) else {
        return m;
    };
    let rest = input.get(at..).unwrap_or_default();
    let before = input
        .as_bytes()
        .get(at.saturating_sub(12)..at)
        .unwrap_or_default();
    if m.contains("hex escape") || m.contains("surrogate") {
        let lower = String::from_utf8_lossy(before).to_ascii_lowercase();
        if [
            "\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf",
        ]
        .iter()
        .any(|s| lower.contains(s))
        {
            return format!(
                "{m} (a lone UTF-16 surrogate escape: \\uD800–\\uDBFF must be followed by \\uDC00–\\uDFFF, and a surrogate alone is no Unicode character)"
            );
        }
        return m;
    }
    if !m.starts_with("expected value") && !m.starts_with("expected ident") {
        return m;
    }
    let Some(c) = rest.chars().next() else {
        return m;
    };
    let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    let hint = match (c, word.as_str()) {
        (_, "NaN" | "nan" | "Infinity" | "inf" | "Inf") | ('-', _) => {
            "numbers must be finite: JSON has no NaN or Infinity".to_owned()
        }
        (_, "True" | "False" | "None" | "TRUE" | "FALSE" | "NULL" | "Null") => {
            "JSON writes true, false and null in lower case".to_owned()
        }
        ('\'', _) => "JSON strings are written in double quotes".to_owned(),
        (c, _) if c.is_control() || c.is_whitespace() || c == '\u{feff}' => format!(
            "U+{:04X} is not JSON whitespace: only space, tab, line feed and carriage return may stand between values",
            u32::from(c)
        ),
        _ => return m,
    };
    format!("{m} ({hint})")
}

/// The byte offset of `line L column C` in a parser's message (the column counts bytes).
fn error_offset(message: &str, input: &str) -> Option<usize> {
    let (_, tail) = message.rsplit_once(" at line ")?;
    let (line, column) = tail.split_once(" column ")?;
    let line: usize = line.parse().ok()?;
    let column: usize = column
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let start: usize = input
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    Some(start + column.saturating_sub(1))
}

/// How a JSON value is named in messages (`an array`, `a string`, `nothing (null)`).
pub fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Object(_) => "an object",
        serde_json::Value::Null => "nothing (null)",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
    }
}

/// Deserialize `T` from a parsed value (an object), naming the field path of any problem.
pub(crate) fn typed<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T> {
    T::deserialize(crate::value_de::ValueDe(value)).map_err(typed_error)
}

/// The error of [`typed`] (a function of its own, not compiled once per type).
fn typed_error(e: crate::value_de::DeError) -> Error {
    let message = e.message();
    // A missing field is reported at the field itself.
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let path = e.path();
        return Error::invalid(format!("{path}.{field}"), "missing: this field is required");
    }
    Error::invalid(e.path(), clean_message(message))
}

/// Deserialize `T` from an already-parsed value, naming the field path of any problem.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, what: &str) -> Result<T> {
    an_object(&value, what)?;
    typed(&value)
}

/// An error unless `value` is an object (for [`from_value`]).
fn an_object(value: &serde_json::Value, what: &str) -> Result<()> {
    match value {
        serde_json::Value::Object(_) => Ok(()),
        other => Err(Error::invalid(
            "$",
            format!("expected a JSON object ({what}), got {}", kind_of(other)),
        )),
    }
}

/// Deserialize `T` from any serde deserializer, naming the field path of any problem (read
/// into a JSON value first, then as [`from_value`]).
pub fn from_deserializer<'de, T: DeserializeOwned, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)
        .map_err(|e| Error::invalid("$", clean_message(&e.to_string())))?;
    from_value(value, "the document")
}

/// Serialise to compact JSON (the bytes of serde_json's compact writer). Serialising our own
/// types cannot fail (no maps with non-string keys, no non-finite floats: they are rejected on
/// input), but the error is still typed.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = String::with_capacity(1024);
    write_into(&mut out, value)?;
    Ok(out)
}

/// [`to_string`], appended to `out`.
pub(crate) fn write_into<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<()> {
    write::write(out, value).map_err(output_error)
}

pub use write::Writer;

/// Write `value` into a writer (what a response body does with its document).
pub(crate) fn serialize_into<T: Serialize + ?Sized>(w: &mut Writer, value: &T) -> Result<()> {
    value.serialize(w).map_err(output_error)
}

/// The compact JSON of an object written by `write`, with `members` (the parts of
/// `"op":"scope"`, written as they are, one after the other) before its own members, handed to
/// `done` (UTF-8 bytes).
pub(crate) fn object_with<R>(
    members: &[&str],
    write: impl FnOnce(&mut Writer) -> Result<()>,
    done: impl FnOnce(&[u8]) -> R,
) -> Result<R> {
    // Generic only in calling the closures; [`object_dyn`] is compiled once.
    let (mut write, mut done, mut out) = (Some(write), Some(done), None);
    object_dyn(
        members,
        &mut |w| {
            write
                .take()
                .map_or_else(|| Err(output_error(write::lost())), |f| f(w))
        },
        &mut |bytes| out = done.take().map(|f| f(bytes)),
    )?;
    out.ok_or_else(|| output_error(write::lost()))
}

/// [`object_with`] with its closures behind references.
fn object_dyn(
    members: &[&str],
    write: &mut dyn FnMut(&mut Writer) -> Result<()>,
    done: &mut dyn FnMut(&[u8]),
) -> Result<()> {
    let mut failed = None;
    // Where the object's own members start: after `{` and `members` (written into the
    // writer's buffer in place, not put together in a string of their own first).
    let body = 1 + members.iter().map(|m| m.len()).sum::<usize>();
    let out = write::write_with(
        b"{",
        |w| {
            for m in members {
                w.put_raw_at_run_time(m.as_bytes());
            }
            write(w).map_err(|e| {
                failed = Some(e);
                write::WriteError(String::new())
            })
        },
        |bytes| {
            // The object's own `{` becomes a `,` after the members; `{}` leaves just `}`.
            match bytes.get(body..) {
                Some(b"{}") => {
                    if let Some(b) = bytes.get_mut(body) {
                        *b = b'}';
                    }
                    done(bytes.get(..=body).unwrap_or_default());
                    Ok(())
                }
                Some([b'{', ..]) => {
                    if let Some(b) = bytes.get_mut(body) {
                        *b = b',';
                    }
                    done(bytes);
                    Ok(())
                }
                _ => Err(()),
            }
        },
    );
    match (out, failed) {
        (_, Some(e)) => Err(e),
        (Err(e), None) => Err(output_error(e)),
        (Ok(Err(())), None) => Err(Error::Data {
            file: "<output>".to_owned(),
            message: "the response is not a JSON object".to_owned(),
        }),
        (Ok(Ok(())), None) => Ok(()),
    }
}

fn output_error(e: write::WriteError) -> Error {
    Error::Data {
        file: "<output>".to_owned(),
        message: e.0,
    }
}

/// Serialise to indented JSON (for files and the CLI). Written compact, then indented as a
/// value: the same bytes as serialising `value` with the pretty formatter, with one compiled
/// serializer per type instead of two (the WebAssembly module's size).
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(&to_value(value)?).map_err(|e| Error::Data {
        file: "<output>".to_owned(),
        message: e.to_string(),
    })
}

/// Serialise to a JSON value: the value of the document's compact text (the conformance test
/// checks that on every vector, at both levels).
///
/// Natively straight to the value (serde_json's serializer: a Python view's first field, a
/// render, `to_dict`, without writing and reading back the text); in WebAssembly through the
/// compact text, so that each type has one compiled serializer, the text one every response
/// needs anyway (the module's size). The numbers are the same either way, as JSON text gives
/// them back exactly.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value> {
    #[cfg(not(target_arch = "wasm32"))]
    let value = serde_json::to_value(value).map_err(value_error);
    #[cfg(target_arch = "wasm32")]
    let value = value_of_text(&to_string(value)?);
    value
}

/// The value of a document's compact text (for [`to_value`], compiled once).
#[cfg(target_arch = "wasm32")]
fn value_of_text(text: &str) -> Result<serde_json::Value> {
    crate::value_de::parse_output(text).map_err(value_error)
}

/// The error of [`to_value`] (compiled once, not once per type).
fn value_error(e: impl Display) -> Error {
    Error::Data {
        file: "<output>".to_owned(),
        message: e.to_string(),
    }
}

/// serde's messages end with ` at line X column Y` for string input; keep them, but make the
/// "expected" wording read naturally.
fn clean_message(m: &str) -> String {
    let mut m = m
        .replace("unknown variant", "unknown value")
        .replace("invalid type: sequence,", "invalid type: an array,")
        .replace("invalid type: map,", "invalid type: an object,")
        .replace(
            ", there are no fields",
            "; this request takes no other field",
        );
    // serde names the Rust type a JSON object was expected for (`expected struct SizeInput`).
    if let Some(at) = m.find(", expected struct ") {
        m.truncate(at);
        m.push_str(", expected an object");
    }
    json_words(m)
}

/// serde's words for the JSON a field got and the Rust type it expected, in JSON's words.
fn json_words(m: String) -> String {
    let m = m
        .replace("invalid type: unit value", "invalid type: nothing (null)")
        .replace("invalid value: map,", "invalid value: an object,")
        .replace("invalid value: sequence,", "invalid value: an array,")
        .replace(
            "invalid type: floating point `",
            "invalid type: the number `",
        )
        .replace("invalid type: integer `", "invalid type: the number `")
        .replace("invalid value: integer `", "invalid value: the number `");
    let Some((head, expected)) = m.rsplit_once(", expected ") else {
        return m;
    };
    let expected = match expected {
        "a sequence" => "an array".to_owned(),
        "a map" => "an object".to_owned(),
        "f64" | "f32" => "a number".to_owned(),
        "u8" => whole::<u8>(),
        "u16" => whole::<u16>(),
        "u32" => whole::<u32>(),
        "u64" | "usize" => whole::<u64>(),
        "i8" => whole::<i8>(),
        "i16" => whole::<i16>(),
        "i32" => whole::<i32>(),
        "i64" | "isize" => whole::<i64>(),
        e if e.starts_with("enum ") => "one of the accepted values (a string)".to_owned(),
        e => e.to_owned(),
    };
    format!("{head}, expected {expected}")
}

/// `a whole number from MIN to MAX` for an integer type.
fn whole<T: std::fmt::Display + Bounded>() -> String {
    format!("a whole number from {} to {}", T::MIN_V, T::MAX_V)
}

/// The range of an integer type, for [`whole`].
trait Bounded: Sized {
    const MIN_V: Self;
    const MAX_V: Self;
}

macro_rules! bounded {
    ($($t:ty),*) => {$(impl Bounded for $t { const MIN_V: Self = <$t>::MIN; const MAX_V: Self = <$t>::MAX; })*};
}
bounded!(u8, u16, u32, u64, i8, i16, i32, i64);
