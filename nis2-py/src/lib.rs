//! `nis2._nis2`: the native half of the Python package `nis2`.
//!
//! Deliberately thin: every function forwards to a JSON-in/JSON-out entry point of
//! [`nis2_core::ffi`] and returns the core's JSON text unchanged, so Python gets the same bytes
//! as the CLI and WebAssembly. The typed API (dataclasses, exception hierarchy) is pure Python
//! in `python/nis2/`.
//!
//! Errors cross the boundary as one exception class, [`NativeError`], whose single argument is
//! the core's `ErrorReport` as JSON text; `nis2/_convert.py` turns it into the typed
//! `nis2.Nis2Error` subclasses. Nothing here panics (the workspace lints deny unwrap, expect,
//! indexing), and a panic would in any case become a Python `PanicException`, not an abort.
//!
//! Adding a capability: write a `#[pyfunction]` that calls [`run`] with the core's entry point,
//! register it in [`_nis2`], declare it in `python/nis2/_nis2.pyi` (and its `__all__`), and wrap
//! it in `python/nis2/__init__.py` with its types in a module like `nis2/scope_types.py`.

#![deny(unsafe_code)]

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde_json::{Map, Number, Value};

use nis2_core::{ffi, Error};

create_exception!(
    nis2._nis2,
    NativeError,
    PyException,
    "An error from the nis2 engine. Its single argument is the error report as JSON text: \
     {kind, message, path?, suggestions?, errors?}. The `nis2` package re-raises it as a typed \
     `nis2.Nis2Error`."
);

/// How deep a Python object may nest before it is rejected (the same limit as `serde_json`'s
/// parser, so that each `*_obj` and its `*_json` accept the same documents and a
/// self-referencing list cannot exhaust the stack).
const MAX_DEPTH: usize = 128;

/// The core error as a Python exception carrying its report as JSON.
fn native_error(err: &Error) -> PyErr {
    let report = err.report();
    let json = serde_json::to_string(&report).unwrap_or_else(|e| {
        // Not reachable (the report is strings and lists), but never lose the error.
        serde_json::json!({
            "kind": report.kind,
            "message": format!("{} (and the error report could not be serialised: {e})", report.message),
        })
        .to_string()
    });
    NativeError::new_err(json)
}

/// Run a core entry point without holding the GIL, mapping its error.
fn run<F>(py: Python<'_>, f: F) -> PyResult<String>
where
    F: FnOnce() -> nis2_core::Result<String> + Send,
{
    py.detach(f).map_err(|e| native_error(&e))
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

/// Convert a Python object made of dict/list/str/int/float/bool/None into a JSON value.
/// `path` is the JSON path of `obj` (`$`, `$.a`, `$.a[0].b`), the same notation as the core's
/// errors; it is extended and restored in place.
fn to_value(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, Error> {
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
        let x = f.value();
        return Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| invalid(path, "must be a finite number"));
    }
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
    let depth = depth + 1;
    if depth > MAX_DEPTH {
        return Err(invalid(
            path,
            format!("nests more than {MAX_DEPTH} levels deep"),
        ));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        let base = path.len();
        for (i, item) in list.iter().enumerate() {
            path.push_str(&format!("[{i}]"));
            out.push(to_value(&item, path, depth)?);
            path.truncate(base);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut out = Map::with_capacity(dict.len());
        let base = path.len();
        for (key, item) in dict.iter() {
            let key = match key.cast::<PyString>() {
                Ok(k) => k.to_cow().map(std::borrow::Cow::into_owned).map_err(|_| {
                    invalid(
                        path,
                        "has a key that is not valid Unicode text (a lone surrogate)",
                    )
                })?,
                Err(_) => {
                    return Err(invalid(
                        path,
                        format!(
                            "has a key of type `{}`; object keys must be strings",
                            type_name(&key)
                        ),
                    ))
                }
            };
            path.push('.');
            path.push_str(&key);
            let v = to_value(&item, path, depth)?;
            path.truncate(base);
            out.insert(key, v);
        }
        return Ok(Value::Object(out));
    }
    Err(invalid(
        path,
        format!(
            "has unsupported type `{}`; expected dict, list, str, int, float, bool or None",
            type_name(obj)
        ),
    ))
}

/// A Python int as a JSON number: exact when it fits 64 bits, otherwise the nearest float (as
/// `serde_json` parses such a literal), and an error when even that overflows.
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

/// Convert a JSON-like Python object to a JSON value, naming the path of any problem.
fn py_to_value(obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    let mut path = String::from("$");
    to_value(obj, &mut path, 0)
}

/// `scope` on a profile given as JSON text; returns the result as compact JSON text.
#[pyfunction]
fn scope_json(py: Python<'_>, input: String) -> PyResult<String> {
    run(py, move || ffi::scope_json(&input))
}

/// `scope` on a profile given as a Python object (dict/list/str/int/float/bool/None);
/// returns the result as compact JSON text.
#[pyfunction]
fn scope_obj(py: Python<'_>, input: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = py_to_value(input).map_err(|e| native_error(&e))?;
    run(py, move || ffi::scope_value(value))
}

/// `catalog` on a request given as JSON text (`{"op": "list" | "show" | "node" | "map" |
/// "evidence" | "coverage" | "export", ...}`); returns the response as compact JSON text.
#[pyfunction]
fn catalog_json(py: Python<'_>, request: String) -> PyResult<String> {
    run(py, move || ffi::catalog_json(&request))
}

/// `catalog` on a request given as a Python object; returns the response as compact JSON text.
#[pyfunction]
fn catalog_obj(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = py_to_value(request).map_err(|e| native_error(&e))?;
    run(py, move || ffi::catalog_value(value))
}

/// `risk` on a request given as JSON text (`{"op": "presets" | "threats" | "validate_matrix" |
/// "validate_register" | "assess" | "heatmap" | "reproject" | "csv", ...}`); returns the
/// response as compact JSON text.
#[pyfunction]
fn risk_json(py: Python<'_>, request: String) -> PyResult<String> {
    run(py, move || ffi::risk_json(&request))
}

/// `risk` on a request given as a Python object; returns the response as compact JSON text.
#[pyfunction]
fn risk_obj(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = py_to_value(request).map_err(|e| native_error(&e))?;
    run(py, move || ffi::risk_value(value))
}

/// `programme` on a request given as JSON text (`{"op": "deadlines" | "significant_incident" |
/// "wheel" | "plan" | "governance" | "suppliers" | "obligations" | "validate", ...}`); returns the
/// response as compact JSON text.
#[pyfunction]
fn programme_json(py: Python<'_>, request: String) -> PyResult<String> {
    run(py, move || ffi::programme_json(&request))
}

/// `programme` on a request given as a Python object; returns the response as compact JSON
/// text.
#[pyfunction]
fn programme_obj(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = py_to_value(request).map_err(|e| native_error(&e))?;
    run(py, move || ffi::programme_value(value))
}

/// The årshjul of a `wheel` request given as JSON text, as iCalendar (RFC 5545) text (what
/// `nis2 wheel --ics` writes), whatever the request's `format`.
#[pyfunction]
fn programme_ics(py: Python<'_>, request: String) -> PyResult<String> {
    run(py, move || ffi::programme_ics(&request))
}

/// `assessment` on a request given as JSON text (`{"op": "scales" | "prerequisites" |
/// "requirements" | "score" | "infer" | "plan" | "report", ...}`); returns the response as
/// compact JSON text.
#[pyfunction]
fn assessment_json(py: Python<'_>, request: String) -> PyResult<String> {
    run(py, move || ffi::assessment_json(&request))
}

/// `assessment` on a request given as a Python object; returns the response as compact JSON
/// text.
#[pyfunction]
fn assessment_obj(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = py_to_value(request).map_err(|e| native_error(&e))?;
    run(py, move || ffi::assessment_value(value))
}

/// The entity-type catalog as JSON text.
#[pyfunction]
fn entity_types_json(py: Python<'_>) -> PyResult<String> {
    run(py, ffi::entity_types_json)
}

/// The Member-State overlay data as JSON text.
#[pyfunction]
fn member_states_json(py: Python<'_>) -> PyResult<String> {
    run(py, ffi::member_states_json)
}

/// The JSON Schema of a document kind (see `schema_kinds()`) as JSON text.
#[pyfunction]
fn schema_json(py: Python<'_>, kind: String) -> PyResult<String> {
    run(py, move || ffi::schema_json(&kind))
}

/// The document kinds that have a JSON Schema.
#[pyfunction]
fn schema_kinds() -> Vec<&'static str> {
    nis2_core::schema::KINDS.iter().map(|(k, _)| *k).collect()
}

/// The version of the engine.
#[pyfunction]
fn version() -> &'static str {
    ffi::version()
}

/// The native module.
#[pymodule]
fn _nis2(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("NativeError", m.py().get_type::<NativeError>())?;
    m.add_function(wrap_pyfunction!(scope_json, m)?)?;
    m.add_function(wrap_pyfunction!(scope_obj, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_json, m)?)?;
    m.add_function(wrap_pyfunction!(catalog_obj, m)?)?;
    m.add_function(wrap_pyfunction!(risk_json, m)?)?;
    m.add_function(wrap_pyfunction!(risk_obj, m)?)?;
    m.add_function(wrap_pyfunction!(programme_json, m)?)?;
    m.add_function(wrap_pyfunction!(programme_obj, m)?)?;
    m.add_function(wrap_pyfunction!(programme_ics, m)?)?;
    m.add_function(wrap_pyfunction!(assessment_json, m)?)?;
    m.add_function(wrap_pyfunction!(assessment_obj, m)?)?;
    m.add_function(wrap_pyfunction!(entity_types_json, m)?)?;
    m.add_function(wrap_pyfunction!(member_states_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(schema_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
