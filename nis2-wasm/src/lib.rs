//! WebAssembly bindings for nis2 (wasm-bindgen, npm package `nis2`).
//!
//! Thin by design: every export calls one JSON-in/JSON-out entry point of `nis2_core::ffi`
//! (`ffi::*_json`), so the bytes are those of the CLI and the Python binding. Each capability
//! has two exports:
//!
//! - `cap(input: object): object` writes the JavaScript value as JSON text (`js/to-json.js`:
//!   `JSON.stringify` after a walk that rejects, with their path, what it would lose silently:
//!   `NaN`, `Infinity`, `bigint`, functions, cycles), runs the same entry point as `capJson`,
//!   and returns the core's JSON parsed with `JSON.parse`, so the object is exactly the JSON
//!   document; its errors are those of `capJson` without the text positions
//!   (` at line 1 column 57`), which mean nothing to a caller who gave no text;
//! - `capJson(input: string): string` returns the core's bytes unchanged.
//!
//! Going through the text entry point only (rather than a serde `Deserializer` over the JS
//! object) compiles one deserializer per document type into the module instead of two (20 KB
//! less gzipped at opt-level "s", 44 KB at "z"), and is twice as fast on a large input (the risk
//! register example), `JSON.stringify` being native.
//!
//! Two builds: with the default feature `full`, every capability (npm package `nis2`); without
//! it, the scoping build (npm package `nis2-scope`: `scope`, `obligations`, `entityTypes`,
//! `memberStates`, `version`), which the calculator loads; the linker leaves the rest out.
//!
//! Errors are thrown as a JavaScript `Error` named `Nis2Error` carrying the core's
//! `ErrorReport` fields (`kind`, `path`, `suggestions`, `errors`); nothing here panics.
//!
//! Adding a capability `foo`: the core provides `ffi::foo_json`; add the two exports below
//! (copy `scope` / `scope_json`, using `object_in` / `string_out`), name the TypeScript types of
//! its schemas in `scripts/gen-types.mjs` when the default (the kind in PascalCase) does not
//! fit, regenerate `types/nis2.d.ts` (`npm run gen-types`), add its vectors directory to
//! `tests/vectors.test.mjs` and a case to `bench/`, and document it in `npm/README.md`. A request
//! tagged by `op` whose response type depends on the op (`catalog`, `risk`) is declared by hand
//! in `API_TYPES` (`skip_typescript` on the export, one overload per op, then the catch-all).
//! A capability with a text output besides its JSON (`programme_ics`) gets one more export
//! through `text_in` (object in, the core's text out).

use js_sys::{Array, Object, Reflect};
use nis2_core::error::{Error, ErrorReport};
use nis2_core::ffi;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/to-json.js")]
extern "C" {
    /// The JSON text of a value, or `[path, message]` for the first value JSON cannot carry.
    /// Throws only what a `toJSON` method or a getter of the caller's object throws.
    #[wasm_bindgen(js_name = toJson, catch)]
    fn to_json(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The TypeScript types of the documents, generated from `schemas/*.schema.json`.
#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/nis2.d.ts");

/// The TypeScript types of the scoping build's documents (a subset of the schemas).
#[cfg(not(feature = "full"))]
#[wasm_bindgen(typescript_custom_section)]
const DOCUMENT_TYPES: &str = include_str!("../types/nis2-scope.d.ts");

/// Hand-written TypeScript for what the schemas do not describe (both builds).
#[wasm_bindgen(typescript_custom_section)]
const ERROR_TYPES: &str = r#"
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

/// Hand-written TypeScript of the full build's exports tagged by `op`.
#[cfg(feature = "full")]
#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = r#"
/** A catalog request of one `op`. */
export type CatalogRequestOf<Op extends CatalogRequest["op"]> = Extract<CatalogRequest, { op: Op }>;
/** The catalog response to one `op`. */
export type CatalogResponseOf<Op extends CatalogResponse["op"]> = Extract<CatalogResponse, { op: Op }>;

/**
 * The catalogs (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish programme) and
 * the typed mappings between them: a request tagged by `op` in, the response of that op out
 * (tagged by the same `op`; the per-op overloads narrow it). Unknown ids throw a `Nis2Error`
 * (`unknown_id`) with the nearest valid ids in `suggestions`.
 */
export function catalog(request: CatalogRequestOf<"list">): CatalogResponseOf<"list">;
export function catalog(request: CatalogRequestOf<"show">): CatalogResponseOf<"show">;
export function catalog(request: CatalogRequestOf<"node">): CatalogResponseOf<"node">;
export function catalog(request: CatalogRequestOf<"map">): CatalogResponseOf<"map">;
export function catalog(request: CatalogRequestOf<"evidence">): CatalogResponseOf<"evidence">;
export function catalog(request: CatalogRequestOf<"coverage">): CatalogResponseOf<"coverage">;
export function catalog(request: CatalogRequestOf<"export">): CatalogResponseOf<"export">;
export function catalog(request: CatalogRequest): CatalogResponse;

/** A risk request of one `op`. */
export type RiskRequestOf<Op extends RiskRequest["op"]> = Extract<RiskRequest, { op: Op }>;

/** The response to each risk `op` (`heatmap` gives `HeatMapSvg` with `format: "svg"`). */
export interface RiskResponses {
  presets: PresetCatalog;
  threats: ThreatCatalog;
  validate_matrix: MatrixReport;
  validate_register: RegisterCheck;
  assess: Assessment;
  heatmap: HeatMap | HeatMapSvg;
  reproject: Reprojection;
  csv: CsvExport;
}

/** Any risk response (risk responses carry no `op`: the request's `op` says which). */
export type RiskResponse = RiskResponses[keyof RiskResponses];

/**
 * Risk matrices (presets or your own, validated), a service / asset / scenario register
 * assessed (inherent, current and residual risk, inheritance along service dependencies,
 * appetite), heat maps (data or an accessible SVG), re-projection between matrices, CSV: a
 * request tagged by `op` in, that op's response out. An invalid matrix or register throws a
 * `Nis2Error` listing every problem with its path (`kind` `multiple`, in `errors`).
 */
export function risk(request: RiskRequestOf<"presets">): PresetCatalog;
export function risk(request: RiskRequestOf<"threats">): ThreatCatalog;
export function risk(request: RiskRequestOf<"validate_matrix">): MatrixReport;
export function risk(request: RiskRequestOf<"validate_register">): RegisterCheck;
export function risk(request: RiskRequestOf<"assess">): Assessment;
export function risk(request: RiskRequestOf<"heatmap"> & { format: "svg" }): HeatMapSvg;
export function risk(request: RiskRequestOf<"heatmap"> & { format?: "data" | null }): HeatMap;
export function risk(request: RiskRequestOf<"reproject">): Reprojection;
export function risk(request: RiskRequestOf<"csv">): CsvExport;
export function risk(request: RiskRequest): RiskResponse;

/** A programme request of one `op`. */
export type ProgrammeRequestOf<Op extends ProgrammeRequest["op"]> = Extract<ProgrammeRequest, { op: Op }>;

/** The response to each programme `op` (`wheel` gives `WheelIcs` with `format: "ics"`). */
export interface ProgrammeResponses {
  deadlines: IncidentClock;
  significant_incident: SignificanceResult;
  wheel: WheelResult | WheelIcs;
  plan: PlanReport;
  governance: GovernanceReport;
  suppliers: SupplierReport;
  obligations: ObligationsResult;
  validate: ValidateResult;
}

/** Any programme response (programme responses carry no `op`: the request's `op` says which). */
export type ProgrammeResponse = ProgrammeResponses[keyof ProgrammeResponses];

/**
 * The compliance programme: the Art 23 clocks of an incident, the significant-incident
 * thresholds of CIR 2024/2690, the årshjul (data or iCalendar), the plan, governance and
 * supplier registers, the obligations that follow from the class (Art 34 ceilings), and
 * validation of a programme: a request tagged by `op` in, that op's response out. The engine
 * has no clock: dates and times are inputs. A bad programme throws a `Nis2Error` listing every
 * problem with its path (`kind` `multiple`, in `errors`).
 */
export function programme(request: ProgrammeRequestOf<"deadlines">): IncidentClock;
export function programme(request: ProgrammeRequestOf<"significant_incident">): SignificanceResult;
export function programme(request: ProgrammeRequestOf<"wheel"> & { format: "ics" }): WheelIcs;
export function programme(request: ProgrammeRequestOf<"wheel"> & { format?: "data" | null }): WheelResult;
export function programme(request: ProgrammeRequestOf<"plan">): PlanReport;
export function programme(request: ProgrammeRequestOf<"governance">): GovernanceReport;
export function programme(request: ProgrammeRequestOf<"suppliers">): SupplierReport;
export function programme(request: ProgrammeRequestOf<"obligations">): ObligationsResult;
export function programme(request: ProgrammeRequestOf<"validate">): ValidateResult;
export function programme(request: ProgrammeRequest): ProgrammeResponse;

/**
 * The årshjul of a `wheel` request as iCalendar (RFC 5545) text, whatever its `format` (the
 * same text as `programme({ ...request, format: "ics" }).ics`; `nis2 wheel FILE --ics`). Throws
 * a `Nis2Error`.
 */
export function programmeIcs(request: ProgrammeRequestOf<"wheel">): string;

/** An assessment request of one `op`. */
export type AssessmentRequestOf<Op extends AssessmentRequest["op"]> = Extract<AssessmentRequest, { op: Op }>;

/** The response to each assessment `op`. */
export interface AssessmentResponses {
  scales: ScaleCatalog;
  prerequisites: PrerequisiteTable;
  requirements: RequirementSet;
  score: Evaluation;
  infer: InferenceReport;
  plan: Plan;
  report: Report;
}

/** Any assessment response (assessment responses carry no `op`: the request's `op` says which). */
export type AssessmentResponse = AssessmentResponses[keyof AssessmentResponses];

/**
 * Gap assessment: the maturity scales, the requirement set that binds an organisation, the
 * scores (exact fractions, with their formulas), inference through the mappings, the
 * remediation plan and reports (`md`, `html`, `json`): an `AssessmentRequest` (tagged by `op`)
 * in, that op's response out. An invalid assessment throws a `Nis2Error` listing every
 * problem with its path. This package has no XLSX support: a `report` in `format` `xlsx` throws
 * a `Nis2Error` (`invalid_input` at `$.format`).
 */
export function assessment(request: AssessmentRequestOf<"scales">): ScaleCatalog;
export function assessment(request: AssessmentRequestOf<"prerequisites">): PrerequisiteTable;
export function assessment(request: AssessmentRequestOf<"requirements">): RequirementSet;
export function assessment(request: AssessmentRequestOf<"score">): Evaluation;
export function assessment(request: AssessmentRequestOf<"infer">): InferenceReport;
export function assessment(request: AssessmentRequestOf<"plan">): Plan;
export function assessment(request: AssessmentRequestOf<"report">): Report;
export function assessment(request: AssessmentRequest): AssessmentResponse;

"#;

/// Which organisations NIS2 covers and how: a profile in, a scope result out (a plain object,
/// deep-equal to `JSON.parse(scopeJson(JSON.stringify(profile)))`; unlike that route, `NaN` and
/// `Infinity` are reported on their field rather than sent as `null`). Throws a `Nis2Error`.
#[wasm_bindgen(js_name = scope, unchecked_return_type = "ScopeResult")]
pub fn scope(
    #[wasm_bindgen(unchecked_param_type = "ScopeProfile")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    object_in(&profile, ffi::scope_json)
}

/// `scope` on JSON text: the result as compact JSON text, byte for byte the output of
/// `nis2 scope FILE --format json`. Throws a `Nis2Error`.
#[wasm_bindgen(js_name = scopeJson)]
pub fn scope_json(input: &str) -> Result<String, JsValue> {
    string_out(ffi::scope_json(input))
}

/// The obligation facts that follow from a profile's scope: the Art 34 fine ceilings, the
/// Art 32/33 supervision regime, the registration data to keep current and the Art 23
/// reporting clocks. `{ profile, worldwide_turnover_eur? }` in, an `ObligationsResult` out (the
/// response of `programme({ op: "obligations", … })` in the full build). Throws a `Nis2Error`.
#[wasm_bindgen(js_name = obligations, unchecked_return_type = "ObligationsResult")]
pub fn obligations(
    #[wasm_bindgen(unchecked_param_type = "ObligationsRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    object_in(&request, ffi::obligations_json)
}

/// `obligations` on JSON text: compact JSON text, byte for byte the output of `nis2 programme
/// FILE` for the same request with `"op": "obligations"`. Throws a `Nis2Error`.
#[wasm_bindgen(js_name = obligationsJson)]
pub fn obligations_json(request: &str) -> Result<String, JsValue> {
    string_out(ffi::obligations_json(request))
}

/// The catalogs and mappings: a `CatalogRequest` (tagged by `op`) in, its `CatalogResponse`
/// out, as a plain object (deep-equal to `JSON.parse(catalogJson(JSON.stringify(request)))`).
/// Typed by hand (one overload per op, in `API_TYPES`). Throws a `Nis2Error`; an unknown id
/// comes with the nearest valid ids in `suggestions`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = catalog, skip_typescript)]
pub fn catalog(request: JsValue) -> Result<JsValue, JsValue> {
    object_in(&request, ffi::catalog_json)
}

/// `catalog` on JSON text: the response as compact JSON text, byte for byte the output of
/// `nis2 catalog request FILE`. Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_json(request: &str) -> Result<String, JsValue> {
    string_out(ffi::catalog_json(request))
}

/// Risk matrices, registers, assessments, heat maps: a `RiskRequest` (tagged by `op`) in, the
/// op's response out, as a plain object (deep-equal to
/// `JSON.parse(riskJson(JSON.stringify(request)))`; `NaN` and `Infinity` are reported on their
/// field). Typed by hand (one overload per op, in `API_TYPES`). Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = risk, skip_typescript)]
pub fn risk(request: JsValue) -> Result<JsValue, JsValue> {
    object_in(&request, ffi::risk_json)
}

/// `risk` on JSON text: the response as compact JSON text, byte for byte the output of
/// `nis2 risk request FILE`. Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = riskJson)]
pub fn risk_json(request: &str) -> Result<String, JsValue> {
    string_out(ffi::risk_json(request))
}

/// The compliance programme (Art 23 clocks, significant incidents, årshjul, plan, governance,
/// suppliers, obligations, validation): a `ProgrammeRequest` (tagged by `op`) in, the op's
/// response out, as a plain object (deep-equal to
/// `JSON.parse(programmeJson(JSON.stringify(request)))`). Typed by hand (one overload per op,
/// in `API_TYPES`). Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = programme, skip_typescript)]
pub fn programme(request: JsValue) -> Result<JsValue, JsValue> {
    object_in(&request, ffi::programme_json)
}

/// `programme` on JSON text: the response as compact JSON text, byte for byte the output of
/// `nis2 programme FILE`. Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = programmeJson)]
pub fn programme_json(request: &str) -> Result<String, JsValue> {
    string_out(ffi::programme_json(request))
}

/// The årshjul of a `wheel` request (an object) as iCalendar text (CRLF line ends), whatever
/// its `format`. Typed by hand (in `API_TYPES`). Throws a `Nis2Error` (`invalid_input` at `$.op`
/// for another op).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = programmeIcs, skip_typescript)]
pub fn programme_ics(request: JsValue) -> Result<String, JsValue> {
    text_in(&request, ffi::programme_ics)
}

/// Gap assessment (scales, requirement sets, scores, inference, plan, reports): an
/// `AssessmentRequest` (tagged by `op`) in, the op's response out, as a plain object
/// (deep-equal to `JSON.parse(assessmentJson(JSON.stringify(request)))`). Typed by hand (one
/// overload per op, in `API_TYPES`). Throws a `Nis2Error`; a report in `format` `xlsx` is one
/// (`invalid_input` at `$.format`): this build has no XLSX support.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = assessment, skip_typescript)]
pub fn assessment(request: JsValue) -> Result<JsValue, JsValue> {
    object_in(&request, ffi::assessment_json)
}

/// `assessment` on JSON text: the response as compact JSON text, byte for byte the output of
/// `nis2 assessment FILE`. Throws a `Nis2Error`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = assessmentJson)]
pub fn assessment_json(request: &str) -> Result<String, JsValue> {
    string_out(ffi::assessment_json(request))
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

/// The version of the engine.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    ffi::version().to_owned()
}

/// An object export: the JavaScript value as JSON text, run through the core's JSON entry point,
/// the result as a JavaScript value; errors without the positions in that text.
fn object_in(
    input: &JsValue,
    run: fn(&str) -> nis2_core::error::Result<String>,
) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&text_in(input, run)?)
}

/// The JavaScript value as JSON text, run through one of the core's text entry points, the
/// core's text unchanged; errors without the positions in that text.
fn text_in(
    input: &JsValue,
    run: fn(&str) -> nis2_core::error::Result<String>,
) -> Result<String, JsValue> {
    let text = match to_json(input) {
        Ok(out) => match out.as_string() {
            Some(text) => text,
            None => {
                let problem: Array = out.unchecked_into();
                return Err(nis2_error(&Error::InvalidInput {
                    path: problem.get(0).as_string().unwrap_or_else(|| "$".to_owned()),
                    message: problem.get(1).as_string().unwrap_or_default(),
                }));
            }
        },
        Err(thrown) => {
            let message = thrown
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| thrown.as_string())
                .unwrap_or_else(|| "a value could not be read".to_owned());
            return Err(nis2_error(&Error::InvalidInput {
                path: "$".to_owned(),
                message: format!("cannot be written as JSON: {message}"),
            }));
        }
    };
    run(&text).map_err(|e| {
        let mut report = e.report();
        strip_positions(&mut report);
        report_error(&report)
    })
}

/// The report without serde_json's ` at line L column C` in its messages (nested ones too).
fn strip_positions(report: &mut ErrorReport) {
    report.message = without_position(&report.message);
    report.errors.iter_mut().for_each(strip_positions);
}

/// A message without every ` at line L column C`.
fn without_position(message: &str) -> String {
    const MARK: &str = " at line ";
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK.len()..];
        let line = digits(after);
        match after[line..].strip_prefix(" column ") {
            Some(tail) if line > 0 && digits(tail) > 0 => rest = &tail[digits(tail)..],
            _ => {
                out.push_str(MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
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
    report_error(&error.report())
}

fn report_error(report: &ErrorReport) -> JsValue {
    let js = js_sys::Error::new(&report.message);
    js.set_name("Nis2Error");
    set(&js, "kind", &JsValue::from_str(report.kind));
    fill(&js, report);
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
