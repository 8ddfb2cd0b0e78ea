//! A response: the operation it answers, its detail level and its body, serialised on demand
//! with `op` (and `"detail": "verdict"` for a verdict) first.

use std::fmt::Debug;

use serde::Serialize;
use serde_json::{Map, Value};

use super::registry::OpSpec;
use super::Detail;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// A typed document that can be written as JSON (any `Serialize` type of the engine). Not
/// `Debug`: that would compile a `Debug` implementation of every response type into the
/// WebAssembly module, for nothing.
pub trait Doc: Send + Sync {
    /// Write the document (an object) as compact JSON.
    fn write_json(&self, w: &mut crate::json::Writer) -> Result<()>;
    /// The JSON value (an object).
    fn value(&self) -> Result<Value>;
    /// One member of the JSON value, without writing the others (`None`: it has none). Not in
    /// the WebAssembly build, which has no use for it.
    #[cfg(not(target_arch = "wasm32"))]
    fn member(&self, key: &str) -> Result<Option<Value>>;
}

impl<T: Serialize + Send + Sync> Doc for T {
    fn write_json(&self, w: &mut crate::json::Writer) -> Result<()> {
        crate::json::serialize_into(w, self)
    }

    fn value(&self) -> Result<Value> {
        crate::json::to_value(self)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn member(&self, key: &str) -> Result<Option<Value>> {
        crate::json::pick::member(self, key)
    }
}

/// The body of a response, before `op` is added.
pub enum Body {
    /// A typed document, serialised when asked (the fast path: one serialisation).
    Typed(Box<dyn Doc>),
    /// The verdict of a typed document: written without its prose, in one pass
    /// ([`crate::json::Writer::stripping`]).
    Verdict(Box<dyn Doc>),
    /// A document already built as a JSON value (for results that borrow their input, and the
    /// verdicts made by removing prose).
    Value(Value),
}

impl Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Typed(_) => f.write_str("Body::Typed(…)"),
            Body::Verdict(_) => f.write_str("Body::Verdict(…)"),
            Body::Value(v) => f.debug_tuple("Body::Value").field(v).finish(),
        }
    }
}

impl Body {
    /// A typed body.
    pub fn typed<T: Serialize + Send + Sync + 'static>(doc: T) -> Body {
        Body::Typed(Box::new(doc))
    }

    /// A body built now from a borrowed document.
    pub fn of<T: Serialize + ?Sized>(doc: &T) -> Result<Body> {
        crate::json::to_value(doc).map(Body::Value)
    }

    fn write_json(&self, w: &mut crate::json::Writer) -> Result<()> {
        match self {
            Body::Typed(doc) => doc.write_json(w),
            Body::Verdict(doc) => w.stripping(|w| doc.write_json(w)),
            Body::Value(v) => crate::json::serialize_into(w, v),
        }
    }

    fn value(&self) -> Result<Value> {
        match self {
            Body::Typed(doc) => doc.value(),
            Body::Verdict(doc) => {
                let mut v = doc.value()?;
                super::strip::strip(&mut v)?;
                Ok(v)
            }
            Body::Value(v) => Ok(v.clone()),
        }
    }

    /// One member of [`Body::value`] (`None`: it has none), without making the others.
    #[cfg(not(target_arch = "wasm32"))]
    fn member(&self, key: &str) -> Result<Option<Value>> {
        match self {
            Body::Typed(doc) => doc.member(key),
            // As `value` strips the whole: a member that is prose is dropped, prose inside one
            // is removed.
            Body::Verdict(doc) => match doc.member(key)? {
                Some(v) if super::strip::is_text(&v) => Ok(None),
                Some(mut v) => {
                    super::strip::strip(&mut v)?;
                    Ok(Some(v))
                }
                None => Ok(None),
            },
            Body::Value(v) => Ok(v.get(key).cloned()),
        }
    }

    /// The verdict of an explained body: the same document without its prose.
    pub(crate) fn into_verdict(self) -> Result<Body> {
        match self {
            Body::Typed(doc) => Ok(Body::Verdict(doc)),
            Body::Verdict(_) => Ok(self),
            Body::Value(mut v) => {
                super::strip::strip(&mut v)?;
                Ok(Body::Value(v))
            }
        }
    }
}

/// The answer to one request.
#[derive(Debug)]
pub struct Response {
    op: &'static OpSpec,
    detail: Detail,
    body: Body,
}

impl Response {
    pub(crate) fn new(op: &'static OpSpec, detail: Detail, body: Body) -> Self {
        Response { op, detail, body }
    }

    /// The operation answered.
    pub fn op(&self) -> &'static OpSpec {
        self.op
    }

    /// The detail level.
    pub fn detail(&self) -> Detail {
        self.detail
    }

    /// The body (without `op`).
    pub fn body(&self) -> &Body {
        &self.body
    }

    /// The document as compact JSON text: `{"op":…,["detail":"verdict",]…}`. The same bytes
    /// on every surface.
    pub fn to_json(&self) -> Result<String> {
        self.with_json(|bytes| {
            std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|e| Error::Data {
                    file: "<output>".to_owned(),
                    message: e.to_string(),
                })
        })?
    }

    /// The bytes of [`Response::to_json`] (UTF-8), for a binding that converts them itself.
    pub fn to_json_bytes(&self) -> Result<Vec<u8>> {
        self.with_json(<[u8]>::to_vec)
    }

    /// Hand the bytes of [`Response::to_json`] (UTF-8) to `f`, without copying them first.
    pub fn with_json<R>(&self, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
        let verdict = if self.detail == Detail::Verdict {
            ",\"detail\":\"verdict\""
        } else {
            ""
        };
        // An op's id is a plain name (`scope`, `map`): nothing to escape.
        let members = ["\"op\":\"", self.op.id, "\"", verdict];
        crate::json::object_with(&members, |w| self.body.write_json(w), f)
    }

    /// The document as a JSON value (`op` first).
    pub fn to_value(&self) -> Result<Value> {
        let Value::Object(body) = self.body.value()? else {
            return Err(Error::Data {
                file: "<output>".to_owned(),
                message: format!("the response of `{}` is not a JSON object", self.op.id),
            });
        };
        let mut out = Map::with_capacity(body.len() + 2);
        out.insert("op".to_owned(), Value::String(self.op.id.to_owned()));
        if self.detail == Detail::Verdict {
            out.insert("detail".to_owned(), Value::String("verdict".to_owned()));
        }
        out.extend(body);
        Ok(Value::Object(out))
    }

    /// One member of [`Response::to_value`] (`None`: it has none), without making the rest of
    /// the document: what a typed view reads for one field.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn member(&self, key: &str) -> Result<Option<Value>> {
        // As `to_value`: `op` and `detail` first, then the body's members over them.
        if let Some(v) = self.body.member(key)? {
            return Ok(Some(v));
        }
        Ok(match key {
            "op" => Some(Value::String(self.op.id.to_owned())),
            "detail" if self.detail == Detail::Verdict => Some(Value::String("verdict".to_owned())),
            _ => None,
        })
    }

    /// The core's view of this response, rendered.
    pub fn render(&self, format: super::Format, lang: Lang) -> Result<String> {
        crate::view::render_document(&self.to_value()?, format, lang)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `with_json` writes an op's id as it is, without escaping: every id is a plain name.
    #[test]
    fn every_op_id_is_written_as_it_is() {
        for op in crate::api::registry::all_ops() {
            assert!(
                !op.id.is_empty()
                    && op
                        .id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-'),
                "{}",
                op.id
            );
        }
    }

    /// A member taken alone is that member of the whole value, at both levels: a verdict drops
    /// a member that is prose and the prose inside one.
    #[test]
    fn a_member_alone_is_its_value_in_the_whole() {
        let doc = serde_json::json!({
            "id": "x",
            "title": {"en": "A", "da": "B"},
            "node": {"a": 1, "text": {"en": "e", "da": "d"}},
            "items": [{"k": 1, "note": {"en": "n", "da": "n"}}]
        });
        for body in [
            Body::Typed(Box::new(doc.clone())),
            Body::Verdict(Box::new(doc.clone())),
            Body::Value(doc.clone()),
        ] {
            let whole = body.value().unwrap();
            for key in ["id", "title", "node", "items", "none"] {
                assert_eq!(body.member(key).unwrap(), whole.get(key).cloned(), "{key}");
            }
        }
        let verdict = Body::Verdict(Box::new(doc));
        assert_eq!(verdict.member("title").unwrap(), None);
        assert_eq!(
            verdict.member("node").unwrap(),
            Some(serde_json::json!({"a": 1}))
        );
    }
}
