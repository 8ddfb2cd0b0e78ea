//! WebAssembly bindings for nis2 (wasm-bindgen, npm package `nis2`).
//!
//! Thin by design: every export calls one JSON-in/JSON-out entry point of `nis2_core::ffi`, so
//! the bytes are those of the CLI and the Python binding. Each capability has two exports:
//!
//! - `cap(input: object): object` reads the JavaScript object directly ([`de::JsDeserializer`],
//!   which keeps `NaN` and unknown fields visible to the core's validation) and returns the
//!   core's JSON parsed with `JSON.parse`, so the object is exactly the JSON document;
//! - `capJson(input: string): string` returns the core's bytes unchanged.
//!
//! Errors are thrown as a JavaScript `Error` named `Nis2Error` carrying the core's
//! `ErrorReport` fields (`kind`, `path`, `suggestions`, `errors`); nothing here panics.
//!
//! Adding a capability `foo`: the core provides `ffi::foo_from` and `ffi::foo_json`; add the two
//! exports below (copy `scope` / `scope_json`, using `object_out` / `string_out`), name the
//! TypeScript types of its schemas in `scripts/gen-types.mjs`, regenerate `types/nis2.d.ts`
//! (`npm run gen-types`), and add its vectors directory to `tests/vectors.test.mjs`.

pub mod de;

use js_sys::{Array, Object, Reflect};
use nis2_core::error::{Error, ErrorReport};
use nis2_core::ffi;
use wasm_bindgen::prelude::*;

/// The TypeScript types of the documents, generated from `schemas/*.schema.json`.
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/nis2.d.ts");

/// Hand-written TypeScript for what the schemas do not describe.
#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = r#"
/** A document kind that has a JSON Schema (see `schema`). */
export type SchemaKind = keyof Nis2Documents;

/** A JSON Schema document (draft 2020-12). */
export type JsonSchema = { [key: string]: unknown };

/**
 * What every function throws on bad input: an `Error` whose `name` is `"Nis2Error"`, with the
 * fields of the core's `ErrorReport`.
 */
export interface Nis2Error extends Error {
  readonly name: "Nis2Error";
  /** `invalid_input`, `unknown_id`, `multiple` or `data`. */
  readonly kind: "invalid_input" | "unknown_id" | "multiple" | "data";
  /** The field path (`$`, `$.size.staff_headcount`, `$.activities[0].entity_type`), where one applies. */
  readonly path?: string;
  /** Nearest valid identifiers, for `unknown_id` (else empty). */
  readonly suggestions: string[];
  /** The individual problems, for `multiple` (else empty). */
  readonly errors: Nis2ErrorReport[];
}

/** One problem inside a `multiple` error. */
export interface Nis2ErrorReport {
  kind: "invalid_input" | "unknown_id" | "multiple" | "data";
  message: string;
  path?: string;
  suggestions: string[];
  errors: Nis2ErrorReport[];
}
"#;

/// Which organisations NIS2 covers and how: a profile in, a scope result out (a plain object,
/// deep-equal to `JSON.parse(scopeJson(JSON.stringify(profile)))`; unlike that route, `NaN` and
/// `Infinity` are reported on their field rather than sent as `null`). Throws a `Nis2Error`.
#[wasm_bindgen(js_name = scope, unchecked_return_type = "ScopeResult")]
pub fn scope(
    #[wasm_bindgen(unchecked_param_type = "ScopeProfile")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    object_out(ffi::scope_from(de::JsDeserializer::new(profile)))
}

/// `scope` on JSON text: the result as compact JSON text, byte for byte the output of
/// `nis2 scope FILE --format json`. Throws a `Nis2Error`.
#[wasm_bindgen(js_name = scopeJson)]
pub fn scope_json(input: &str) -> Result<String, JsValue> {
    string_out(ffi::scope_json(input))
}

/// The entity-type catalog (Annex I and II rows and the other roles NIS2 names).
#[wasm_bindgen(js_name = entityTypes, unchecked_return_type = "EntityTypeCatalog")]
pub fn entity_types() -> Result<JsValue, JsValue> {
    object_out(ffi::entity_types_json())
}

/// The Member-State overlay data (transpositions and national options).
#[wasm_bindgen(js_name = memberStates, unchecked_return_type = "MemberStateCatalog")]
pub fn member_states() -> Result<JsValue, JsValue> {
    object_out(ffi::member_states_json())
}

/// The JSON Schema of a document kind. Throws a `Nis2Error` (`unknown_id`) for another kind.
#[wasm_bindgen(js_name = schema, unchecked_return_type = "JsonSchema")]
pub fn schema(
    #[wasm_bindgen(unchecked_param_type = "SchemaKind")] kind: &str,
) -> Result<JsValue, JsValue> {
    object_out(ffi::schema_json(kind))
}

/// The version of the engine.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    ffi::version().to_owned()
}

/// A core result (JSON text) as a JavaScript value, or a thrown `Nis2Error`.
fn object_out(result: nis2_core::error::Result<String>) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&string_out(result)?)
}

/// A core result (JSON text) unchanged, or a thrown `Nis2Error`.
fn string_out(result: nis2_core::error::Result<String>) -> Result<String, JsValue> {
    result.map_err(|e| nis2_error(&e))
}

/// The JavaScript `Error` for a core error: `name` `Nis2Error`, `message`, and the report's
/// `kind`, `path` (when one applies), `suggestions` and `errors`.
fn nis2_error(error: &Error) -> JsValue {
    let report = error.report();
    let js = js_sys::Error::new(&report.message);
    js.set_name("Nis2Error");
    set(&js, "kind", &JsValue::from_str(report.kind));
    fill(&js, &report);
    js.into()
}

/// One nested problem as a plain object (the same fields as the error itself).
fn report_object(report: &ErrorReport) -> JsValue {
    let obj = Object::new();
    set(&obj, "kind", &JsValue::from_str(report.kind));
    set(&obj, "message", &JsValue::from_str(&report.message));
    fill(&obj, report);
    obj.into()
}

/// `path` (when one applies), `suggestions` and `errors` (always arrays).
fn fill(target: &JsValue, report: &ErrorReport) {
    if let Some(path) = &report.path {
        set(target, "path", &JsValue::from_str(path));
    }
    let suggestions: Array = report
        .suggestions
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect();
    set(target, "suggestions", &suggestions);
    let errors: Array = report.errors.iter().map(report_object).collect();
    set(target, "errors", &errors);
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // `Reflect.set` fails only on frozen objects or throwing setters; ours are fresh.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
