//! Reading a response document for a view: typed accessors that name the path of a problem.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A JSON object of a response document, with its path.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

fn missing(path: &str, key: &str, what: &str) -> Error {
    Error::invalid(format!("{path}.{key}"), format!("missing: expected {what}"))
}

fn wrong(path: &str, key: &str, what: &str, got: &Value) -> Error {
    Error::invalid(
        format!("{path}.{key}"),
        format!("expected {what}, got {}", crate::json::kind_of(got)),
    )
}

impl<'a> Doc<'a> {
    /// The root of a document (an object).
    pub fn root(v: &'a Value) -> Result<Self> {
        match v {
            Value::Object(map) => Ok(Doc {
                map,
                path: "$".to_owned(),
            }),
            other => Err(Error::invalid(
                "$",
                format!(
                    "expected a JSON object (a response document), got {}",
                    crate::json::kind_of(other)
                ),
            )),
        }
    }

    /// The members, in order.
    pub fn members(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.iter()
    }

    /// The path of this object.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A member, if present (`null` counts as absent).
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required string member.
    pub fn str(&self, key: &str) -> Result<&'a str> {
        match self.map.get(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(wrong(&self.path, key, "a string", other)),
            None => Err(missing(&self.path, key, "a string")),
        }
    }

    /// An optional string member.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.map.get(key) {
            Some(Value::String(s)) => Ok(Some(s)),
            None | Some(Value::Null) => Ok(None),
            Some(other) => Err(wrong(&self.path, key, "a string", other)),
        }
    }

    /// A required object member.
    pub fn obj(&self, key: &str) -> Result<Doc<'a>> {
        match self.map.get(key) {
            Some(Value::Object(map)) => Ok(Doc {
                map,
                path: format!("{}.{key}", self.path),
            }),
            Some(other) => Err(wrong(&self.path, key, "an object", other)),
            None => Err(missing(&self.path, key, "an object")),
        }
    }

    /// An optional object member.
    pub fn opt_obj(&self, key: &str) -> Result<Option<Doc<'a>>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.obj(key).map(Some),
        }
    }

    /// A required array of objects.
    pub fn objs(&self, key: &str) -> Result<Vec<Doc<'a>>> {
        match self.map.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(map) => Ok(Doc {
                        map,
                        path: format!("{}.{key}[{i}]", self.path),
                    }),
                    other => Err(Error::invalid(
                        format!("{}.{key}[{i}]", self.path),
                        format!("expected an object, got {}", crate::json::kind_of(other)),
                    )),
                })
                .collect(),
            Some(other) => Err(wrong(&self.path, key, "an array", other)),
            None => Err(missing(&self.path, key, "an array")),
        }
    }

    /// An optional array of strings (absent: empty).
    pub fn strs(&self, key: &str) -> Result<Vec<&'a str>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    item.as_str().ok_or_else(|| {
                        Error::invalid(
                            format!("{}.{key}[{i}]", self.path),
                            format!("expected a string, got {}", crate::json::kind_of(item)),
                        )
                    })
                })
                .collect(),
            Some(other) => Err(wrong(&self.path, key, "an array", other)),
        }
    }

    /// An optional number member.
    pub fn num(&self, key: &str) -> Result<Option<f64>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => Err(wrong(&self.path, key, "a number", other)),
        }
    }
}
