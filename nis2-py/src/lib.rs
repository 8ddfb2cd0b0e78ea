//! `nis2._nis2`: the native half of the Python package `nis2`.
//!
//! One boundary, as for every surface: [`call`] forwards to [`nis2_core::api::call`] (with the
//! GIL released) and returns a [`Response`] that holds the core's response. Python reads it as
//! the engine's exact bytes (`to_json`), as Python objects built here from the document
//! (`to_dict`), or rendered by the core's views (`render`). Nothing else is computed here: the
//! typed views of `python/nis2/` read the document, and every word, table and figure comes from
//! the core.
//!
//! Errors cross the boundary as one exception class, [`NativeError`], whose single argument is
//! the core's `ErrorReport` as JSON text; `nis2/errors.py` turns it into the typed
//! `nis2.Nis2Error` subclasses. Problems the binding finds itself (an argument that is not a
//! string, a Python object that is not JSON, a lone surrogate) are reported the same way, with
//! the JSON path concerned. Nothing here panics (the workspace lints deny unwrap, expect and
//! indexing).

#![deny(unsafe_code)]

use std::fmt::Write as _;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use nis2_core::api::{self, Detail, Format, Input};

mod screen;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use nis2_core::{Error, Lang};

create_exception!(
    nis2._nis2,
    NativeError,
    PyException,
    "An error from the nis2 engine. Its single argument is the error report as JSON text: \
     {kind, message, path?, suggestions?, accepted?, errors?}. The `nis2` package re-raises it \
     as a typed `nis2.Nis2Error`."
);

/// How deep a Python object may nest before it is rejected: the core's limit for JSON text
/// too (`nis2_core::limits::MAX_DEPTH`), so that a dict and its JSON text are read alike and a
/// self-referencing list cannot exhaust the stack.
const MAX_DEPTH: usize = nis2_core::limits::MAX_DEPTH;

/// The core error as a Python exception carrying its report as JSON.
fn native_error(err: &Error) -> PyErr {
    let report = err.report();
    let json = serde_json::to_string(&report).unwrap_or_else(|e| {
        // Not reachable (the report is strings and lists), but never lose the error.
        serde_json::json!({
            "kind": report.kind,
            "message": format!("{} (and the error report could not be written: {e})", report.message),
        })
        .to_string()
    });
    NativeError::new_err(json)
}

fn invalid(path: &str, message: impl Into<String>) -> Error {
    Error::InvalidInput {
        path: path.to_owned(),
        message: message.into(),
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A Python `str` as Rust text; `what` names it in the error (`$`, `$.a`, `capability`).
fn text(obj: &Bound<'_, PyAny>, what: &str) -> Result<String, Error> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| invalid(what, format!("expected a string, got `{}`", type_name(obj))))?;
    s.to_cow().map(std::borrow::Cow::into_owned).map_err(|_| {
        invalid(
            what,
            "is not valid Unicode text (it contains a lone surrogate)",
        )
    })
}

/// An optional argument (`detail`, `format`, `lang`): any object is taken here, so that a wrong
/// one is reported as the engine reports it (a typed error, not a `TypeError`); `Given(None)`
/// when it is not given.
struct Given<'py>(Option<Bound<'py, PyAny>>);

impl<'a, 'py> FromPyObject<'a, 'py> for Given<'py> {
    type Error = std::convert::Infallible;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        Ok(Given(Some(obj.to_owned())))
    }
}

/// An optional name argument, read by the core's own parser (`path` names it in errors).
fn choice<T>(
    arg: &Given<'_>,
    path: &str,
    default: T,
    parse: fn(&str, &str) -> nis2_core::Result<T>,
) -> Result<T, Error> {
    match &arg.0 {
        None => Ok(default),
        Some(obj) => parse(&text(obj, path)?, path),
    }
}

/// Convert a Python object made of dict/list/tuple/str/int/float/bool/None into a JSON value.
/// `path` is the JSON path of `obj` (`$`, `$.a`, `$.a[0].b`), the notation of the core's
/// errors; it is extended and restored in place. `ancestors` holds the containers `obj` is in
/// (their address and the length of their path), so that an object that contains itself is
/// told apart from one nested too deep when the depth limit is reached.
fn to_value(
    obj: &Bound<'_, PyAny>,
    path: &mut String,
    depth: usize,
    ancestors: &mut Vec<(usize, usize)>,
) -> Result<Value, Error> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| {
                invalid(
                    path,
                    "is not valid Unicode text (it contains a lone surrogate)",
                )
            });
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: in Python, bool is a subclass of int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_value(obj, path);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(path, "must be a finite number"));
    }
    let depth = depth + 1;
    if depth > MAX_DEPTH {
        return Err(too_deep(obj, path, ancestors));
    }
    ancestors.push((obj.as_ptr() as usize, path.len()));
    let out = container(obj, path, depth, ancestors);
    ancestors.pop();
    out
}

/// Nesting past the limit: where a container comes back inside itself, a cycle (as JavaScript
/// reports it), otherwise the limit `max_depth`.
fn too_deep(obj: &Bound<'_, PyAny>, path: &str, ancestors: &[(usize, usize)]) -> Error {
    let mut chain = ancestors.to_vec();
    chain.push((obj.as_ptr() as usize, path.len()));
    let back = chain.iter().enumerate().find_map(|(i, (ptr, len))| {
        chain
            .get(..i)
            .is_some_and(|before| before.iter().any(|(p, _)| p == ptr))
            .then_some(*len)
    });
    match back {
        Some(len) => invalid(
            path.get(..len).unwrap_or(path),
            "the object contains itself (a cycle): JSON cannot express it",
        ),
        None => Error::limit(
            path,
            nis2_core::limits::Limit::Depth,
            nis2_core::limits::too_deep(),
        ),
    }
}

/// [`to_value`] of a dict, a list or a tuple (anything else is an error).
fn container(
    obj: &Bound<'_, PyAny>,
    path: &mut String,
    depth: usize,
    ancestors: &mut Vec<(usize, usize)>,
) -> Result<Value, Error> {
    let base = path.len();
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut out = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(invalid(
                    path,
                    format!(
                        "has a key of type `{}`; object keys must be strings",
                        type_name(&key)
                    ),
                ));
            };
            let key = key.to_cow().map_err(|_| {
                invalid(
                    path,
                    "has a key that is not valid Unicode text (a lone surrogate)",
                )
            })?;
            path.push('.');
            path.push_str(&key);
            let v = to_value(&item, path, depth, ancestors)?;
            path.truncate(base);
            out.insert(key.into_owned(), v);
        }
        return Ok(Value::Object(out));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return array(list.iter(), list.len(), path, depth, ancestors);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return array(tuple.iter(), tuple.len(), path, depth, ancestors);
    }
    Err(invalid(
        path,
        format!(
            "has unsupported type `{}`; expected dict, list, tuple, str, int, float, bool or None",
            type_name(obj)
        ),
    ))
}

/// The items of a list or a tuple as a JSON array.
fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    path: &mut String,
    depth: usize,
    ancestors: &mut Vec<(usize, usize)>,
) -> Result<Value, Error> {
    let base = path.len();
    let mut out = Vec::with_capacity(len);
    for (i, item) in items.enumerate() {
        let _ = write!(path, "[{i}]");
        out.push(to_value(&item, path, depth, ancestors)?);
        path.truncate(base);
    }
    Ok(Value::Array(out))
}

/// A Python int as a JSON number: exact when it fits 64 bits, otherwise the nearest float (as
/// the core's parser reads such a literal), and an error when even that overflows.
fn int_value(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, Error> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::Number(Number::from(i)));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::Number(Number::from(u)));
    }
    obj.extract::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| {
            invalid(
                path,
                "must be a finite number (this integer is out of range)",
            )
        })
}

/// A JSON value as Python objects (dict, list, str, int, float, bool, None), keys in order.
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(PyString::new(py, k), to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A request or document argument: JSON text (`str`) or a JSON-like Python object.
fn input(obj: &Bound<'_, PyAny>) -> Result<Result<String, Value>, Error> {
    if obj.is_instance_of::<PyString>() {
        return text(obj, "$").map(Ok);
    }
    let mut path = String::from("$");
    to_value(obj, &mut path, 0, &mut Vec::new()).map(Err)
}

/// The answer of the engine to one request: its operation, detail level and document.
#[pyclass(frozen, module = "nis2._nis2", name = "Response")]
struct Response {
    inner: api::Response,
    /// The document as a JSON value, made once when first read whole ([`Response::to_dict`]);
    /// [`Response::member`] reads it when made, else takes the one member alone.
    value: std::sync::OnceLock<Result<Value, Error>>,
}

impl Response {
    fn new(inner: api::Response) -> Self {
        Response {
            inner,
            value: std::sync::OnceLock::new(),
        }
    }

    fn value(&self, py: Python<'_>) -> PyResult<&Value> {
        self.value
            .get_or_init(|| py.detach(|| self.inner.to_value()))
            .as_ref()
            .map_err(native_error)
    }
}

#[pymethods]
impl Response {
    /// The operation answered (`"scope"`, `"catalog.map"`, …).
    #[getter]
    fn op(&self) -> &'static str {
        self.inner.op().id
    }

    /// The detail level (`"explained"` or `"verdict"`).
    #[getter]
    fn detail(&self) -> &'static str {
        self.inner.detail().name()
    }

    /// The document as compact JSON text: the same bytes as the CLI and WebAssembly give.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| self.inner.to_json())
            .map_err(|e| native_error(&e))
    }

    /// The document as Python objects (a new dict each time, keys in the engine's order).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.value(py)?)
    }

    /// One member of the document as Python objects (`None` when it has none): a typed view
    /// reads its fields so, without converting the whole document.
    fn member<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        let alone;
        let member = match self.value.get() {
            Some(whole) => whole.as_ref().map_err(native_error)?.get(key),
            None => {
                alone = py
                    .detach(|| self.inner.member(key))
                    .map_err(|e| native_error(&e))?;
                alone.as_ref()
            }
        };
        match member {
            Some(v) => to_py(py, v),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The core's view of the document, as `md`, `html`, `svg` (the view's figure) or `table`
    /// (plain text), in `en` or `da`.
    #[pyo3(signature = (format = Given(None), lang = Given(None)), text_signature = "($self, format='html', lang='en')")]
    fn render(&self, py: Python<'_>, format: Given<'_>, lang: Given<'_>) -> PyResult<String> {
        let run = || -> nis2_core::Result<String> {
            let format = choice(&format, "format", Format::Html, Format::parse)?;
            let lang = choice(&lang, "lang", Lang::En, Lang::parse)?;
            py.detach(|| self.inner.render(format, lang))
        };
        run().map_err(|e| native_error(&e))
    }

    fn __repr__(&self) -> String {
        format!(
            "<nis2._nis2.Response op={:?} detail={:?}>",
            self.inner.op().id,
            self.inner.detail().name()
        )
    }
}

/// Run a request of a capability (`scope`, `catalog`, `risk`, `programme`, `assessment`,
/// `reference`) at a detail level (`explained` or `verdict`). The request is JSON text or a
/// JSON-like Python object (dict, list, tuple, str, int, float, bool, None).
#[pyfunction]
#[pyo3(signature = (capability, request, detail = Given(None)), text_signature = "(capability, request, detail='explained')")]
fn call(
    py: Python<'_>,
    capability: &Bound<'_, PyAny>,
    request: &Bound<'_, PyAny>,
    detail: Given<'_>,
) -> PyResult<Response> {
    let run = || -> nis2_core::Result<api::Response> {
        let capability = text(capability, "capability")?;
        let detail = choice(&detail, "detail", Detail::Explained, Detail::parse)?;
        match input(request)? {
            Ok(text) => py.detach(|| api::call(&capability, Input::Text(&text), detail)),
            Err(value) => py.detach(|| api::call(&capability, Input::Value(value), detail)),
        }
    };
    run().map(Response::new).map_err(|e| native_error(&e))
}

/// Render a response document (JSON text or a dict, from any surface) as the core's view.
#[pyfunction]
#[pyo3(signature = (document, format = Given(None), lang = Given(None)), text_signature = "(document, format='html', lang='en')")]
fn render(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    format: Given<'_>,
    lang: Given<'_>,
) -> PyResult<String> {
    let run = || -> nis2_core::Result<String> {
        let format = choice(&format, "format", Format::Html, Format::parse)?;
        let lang = choice(&lang, "lang", Lang::En, Lang::parse)?;
        match input(document)? {
            Ok(text) => py.detach(|| api::render_json(&text, format, lang)),
            Err(value) => py.detach(|| api::render(&value, format, lang)),
        }
    };
    run().map_err(|e| native_error(&e))
}

/// JSON text of a document argument (a programme, an incident, a register …), read as the
/// engine reads a request (no repeated keys, the limits, figures exact at the size ceilings), as
/// a Python object; a problem is an error at its JSON path under `path` (`$.programme.year`).
#[pyfunction]
fn parse_document<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    path: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let run = || -> nis2_core::Result<Value> {
        // Its own path is `$` here: every path is put under `path` below.
        let document = text(document, "$")?;
        py.detach(|| nis2_core::json::parse_object(&document, "a document"))
    };
    match run() {
        Ok(value) => to_py(py, &value),
        Err(e) => Err(native_error(&e.map_paths(&|at| {
            format!("{path}{}", at.strip_prefix('$').unwrap_or(&at))
        }))),
    }
}

/// The op registry (every capability and operation, with its schema kinds) as JSON text.
#[pyfunction]
fn registry_json() -> PyResult<String> {
    serde_json::to_string(&api::registry::registry()).map_err(|e| {
        native_error(&Error::Data {
            file: "<registry>".to_owned(),
            message: e.to_string(),
        })
    })
}

/// The JSON Schema of a document kind (see `schema_kinds()`) as JSON text.
#[pyfunction]
fn schema_json(py: Python<'_>, kind: &Bound<'_, PyAny>) -> PyResult<String> {
    let kind = text(kind, "kind").map_err(|e| native_error(&e))?;
    py.detach(|| nis2_core::schema::schema_for(&kind))
        .map(|schema| schema.to_string())
        .map_err(|e| native_error(&e))
}

/// The kinds that have a JSON Schema: documents, requests, responses and verdicts.
#[pyfunction]
fn schema_kinds() -> Vec<String> {
    nis2_core::schema::kinds()
}

/// The version of the engine.
#[pyfunction]
fn version() -> &'static str {
    nis2_core::version()
}

/// The native module.
#[pymodule]
fn _nis2(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add_class::<Response>()?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(parse_document, m)?)?;
    m.add_function(wrap_pyfunction!(registry_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(screen::screen_arrow, m)?)?;
    Ok(())
}
