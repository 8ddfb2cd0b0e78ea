//! WebAssembly bindings for nis2 (wasm-bindgen): the engine's one boundary, `nis2_core::api`,
//! and nothing else.
//!
//! - `callJson(capability, text, detail?)`: JSON text in, the core's bytes out, unchanged (the
//!   same bytes as the CLI's `nis2 call` and Python).
//! - `call(capability, value, options?)`: the value written as JSON text by `js/to-json.js`
//!   (which names the path of what JSON cannot carry: `NaN`, `Infinity`, `bigint`, functions,
//!   cycles), the same call, the result parsed with `JSON.parse`.
//! - `render(document, {format, lang?})`: the core's view of any response document.
//! - `opsJson()`, `version()`.
//!
//! The named exports (`scope`, `catalogJson`, `entityTypes`, …) and the TypeScript types are
//! generated from the op registry and the JSON Schemas (`scripts/gen-types.mjs`), not written
//! here. Errors are thrown as an `Error` named `Nis2Error` carrying the core's `ErrorReport`
//! (`js/to-json.js` builds it). Nothing here panics.
//!
//! Two builds: feature `full` (npm `nis2`) registers every capability; without it (npm
//! `nis2-scope`) the core's registry holds `scope`, `reference` and `programme.obligations`, and
//! the linker leaves the rest out.

use nis2_core::api::{self, Detail, Format, Input};
use nis2_core::limits::Limit;
use nis2_core::{Error, Lang};
use wasm_bindgen::prelude::*;

mod utf16;

#[wasm_bindgen(module = "/js/to-json.js")]
extern "C" {
    /// The JSON text of a value, or `[path, message]` for the first value JSON cannot carry
    /// (`[path, message, "max_depth"]` where it is nested too deep).
    #[wasm_bindgen(js_name = toJson, catch)]
    fn to_json(value: &JsValue) -> Result<JsValue, JsValue>;
    /// A `Nis2Error` made from the core's error report (JSON text).
    #[wasm_bindgen(js_name = nis2Error)]
    fn nis2_error(report: &str) -> JsValue;
    /// Whether strings are made from UTF-16 in this host (Node's `Buffer`); otherwise from
    /// UTF-8, as wasm-bindgen makes them (`TextDecoder`).
    #[wasm_bindgen(js_name = utf16Strings)]
    fn utf16_strings() -> bool;
    /// The string of the bytes `ptr..end` of the module's memory: UTF-16LE, or (`latin1`)
    /// one byte a character (ASCII, here).
    #[wasm_bindgen(js_name = fromMemory)]
    fn from_memory(memory: &JsValue, ptr: usize, end: usize, latin1: bool) -> JsValue;
    /// The detail level of options that are plainly one: `0` explained (or none given), `1`
    /// verdict, `-1` anything else (read and checked by [`options`], for its errors).
    #[wasm_bindgen(js_name = detailCode)]
    fn detail_code(options: &JsValue, by_name: bool) -> i32;
    /// `JSON.parse` of [`from_memory`].
    #[wasm_bindgen(js_name = parseFromMemory)]
    fn parse_from_memory(memory: &JsValue, ptr: usize, end: usize, latin1: bool) -> JsValue;
}

type Out<T> = Result<T, JsValue>;

/// A core error as a thrown `Nis2Error`.
fn thrown(e: &Error) -> JsValue {
    nis2_error(&serde_json::to_string(&e.report()).unwrap_or_default())
}

fn invalid(path: &str, message: String) -> JsValue {
    thrown(&Error::InvalidInput {
        path: path.to_owned(),
        message,
    })
}

/// A JavaScript value as JSON text; what JSON cannot carry is an error at its path.
fn text_of(value: &JsValue) -> Out<String> {
    match to_json(value) {
        Ok(out) => out.as_string().ok_or_else(|| {
            let problem = js_sys::Array::from(&out);
            let at = problem.get(0).as_string().unwrap_or_else(|| "$".to_owned());
            let message = problem.get(1).as_string().unwrap_or_default();
            match problem.get(2).as_string().as_deref() {
                Some("max_depth") => thrown(&Error::limit(at, Limit::Depth, message)),
                _ => invalid(&at, message),
            }
        }),
        Err(e) => Err(invalid(
            "$",
            format!(
                "cannot be written as JSON: {}",
                js_sys::Error::from(e).message()
            ),
        )),
    }
}

/// A string argument (wasm-bindgen's own `&str` reads anything else out of bounds).
fn string(value: &JsValue, path: &str) -> Out<String> {
    value
        .as_string()
        .ok_or_else(|| invalid(path, "expected a string".to_owned()))
}

/// The string options of an options object (`{detail}` for a call, `{format, lang}` for a
/// render); an unknown option or one that is not a string is an error.
fn options<const N: usize>(opts: &JsValue, names: [&str; N]) -> Out<[Option<String>; N]> {
    let mut out = [const { None }; N];
    if opts.is_undefined() || opts.is_null() {
        return Ok(out);
    }
    if !opts.is_object() {
        return Err(invalid("options", "expected an object".to_owned()));
    }
    for key in js_sys::Object::keys::<JsValue>(opts.unchecked_ref()) {
        let key = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(opts, &JsValue::from_str(&key))?;
        match names.iter().position(|n| *n == key) {
            None => {
                return Err(thrown(&Error::unknown_choice(
                    "options", "option", &key, &names,
                )))
            }
            Some(_) if value.is_undefined() => {}
            Some(i) => match (value.as_string(), out.get_mut(i)) {
                (Some(s), Some(slot)) => *slot = Some(s),
                _ => return Err(invalid(&key, "expected a string".to_owned())),
            },
        }
    }
    Ok(out)
}

/// A detail level as the options gave it: known at once, or by name (checked after the other
/// arguments, as ever).
enum DetailArg {
    Known(Detail),
    Named(Option<String>),
}

/// The detail level of options (`{detail}`, or its name when `by_name`).
fn detail_arg(opts: &JsValue, by_name: bool) -> Out<DetailArg> {
    Ok(match detail_code(opts, by_name) {
        0 => DetailArg::Known(Detail::Explained),
        1 => DetailArg::Known(Detail::Verdict),
        _ => DetailArg::Named(match opts.as_string().filter(|_| by_name) {
            Some(name) => Some(name),
            None => options(opts, ["detail"])?.into_iter().next().flatten(),
        }),
    })
}

/// Run a request given as JSON text at a detail level (`explained` when absent).
fn run(capability: &str, text: &str, detail: DetailArg) -> Result<api::Response, Error> {
    let detail = match detail {
        DetailArg::Known(d) => d,
        DetailArg::Named(name) => {
            name.map_or(Ok(Detail::Explained), |d| Detail::parse(&d, "detail"))?
        }
    };
    api::call(capability, Input::Text(text), detail)
}

thread_local! {
    /// Whether this host makes strings from UTF-16 (asked once).
    static UTF16: bool = utf16_strings();
    /// The module's memory, for the JavaScript side to read UTF-16 from.
    static MEMORY: JsValue = wasm_bindgen::memory();
}

/// The response's JSON as a JavaScript string: the same characters as its bytes. Where the host
/// makes strings from UTF-16 quickly (Node), read there straight from the module's memory: the
/// bytes themselves when they are all ASCII, otherwise converted to UTF-16 here (`TextDecoder`
/// turns UTF-8 with a few accented letters into a string at a tenth of that speed). Elsewhere
/// through wasm-bindgen's UTF-8 string.
fn js_string(response: &api::Response, parse: bool) -> Out<JsValue> {
    if UTF16.with(|u| *u) {
        let read = |units: &[u8], latin1: bool| {
            let (ptr, end) = (
                units.as_ptr() as usize,
                units.as_ptr() as usize + units.len(),
            );
            MEMORY.with(|m| {
                if parse {
                    parse_from_memory(m, ptr, end, latin1)
                } else {
                    from_memory(m, ptr, end, latin1)
                }
            })
        };
        return response
            .with_json(|bytes| {
                if bytes.is_ascii() {
                    read(bytes, true)
                } else {
                    utf16::with_utf16(bytes, |units| read(units, false))
                }
            })
            .map_err(|e| thrown(&e));
    }
    let text = response.to_json().map_err(|e| thrown(&e))?;
    if parse {
        js_sys::JSON::parse(&text)
    } else {
        Ok(JsValue::from_str(&text))
    }
}

/// Run a request given as JSON text; the core's bytes, unchanged (as a string). The detail
/// level is given by name or as `{detail}`.
#[wasm_bindgen(js_name = callJson, skip_typescript)]
pub fn call_json(capability: &JsValue, text: &JsValue, detail: &JsValue) -> Out<JsValue> {
    let detail = detail_arg(detail, true)?;
    let (capability, text) = (string(capability, "capability")?, string(text, "$")?);
    let response = run(&capability, &text, detail).map_err(|e| thrown(&e))?;
    js_string(&response, false)
}

/// Run a request given as a JavaScript value; the response as a plain object.
#[wasm_bindgen(skip_typescript)]
pub fn call(capability: &JsValue, value: &JsValue, opts: &JsValue) -> Out<JsValue> {
    let detail = detail_arg(opts, false)?;
    let (capability, text) = (string(capability, "capability")?, text_of(value)?);
    let response = run(&capability, &text, detail).map_err(|e| thrown(&e))?;
    js_string(&response, true)
}

/// The core's view of a response document (an object or JSON text) in a format and language.
#[wasm_bindgen(skip_typescript)]
pub fn render(document: &JsValue, opts: &JsValue) -> Out<String> {
    let [format, lang] = options(opts, ["format", "lang"])?;
    let format = match format {
        Some(f) => Format::parse(&f, "format"),
        None => Err(Error::InvalidInput {
            path: "format".to_owned(),
            message: format!("missing: one of {}", Format::NAMES.join(", ")),
        }),
    };
    let lang = lang.map_or(Ok(Lang::En), |l| Lang::parse(&l, "lang"));
    let text = match document.as_string() {
        Some(text) => text,
        None => text_of(document)?,
    };
    format
        .and_then(|f| api::render_json(&text, f, lang?))
        .map_err(|e| thrown(&e))
}

/// The op registry of this build, as JSON text.
#[wasm_bindgen(js_name = opsJson, skip_typescript)]
pub fn ops_json() -> Out<String> {
    serde_json::to_string(&api::registry::registry()).map_err(|e| invalid("$", e.to_string()))
}

/// The version of the engine.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    nis2_core::version().to_owned()
}
