//! The fuzz targets' bodies and their checks, shared by the cargo-fuzz targets (`fuzz/`, nightly)
//! and the replay test on stable (`nis2-core/tests/fuzz_replay.rs`, which includes this file),
//! so a saved corpus file is checked the same way in both.
//!
//! Every target feeds the engine through its one boundary (`nis2_core::api`) and checks the
//! contract; a broken contract is a panic (a crash for libFuzzer, a failed test for the replay):
//!
//! - an error is a `nis2_core::Error` whose report serialises (and parses back with its kind);
//!   no input may give a `data` error (that kind is reserved for defects of the engine);
//! - a success is JSON that parses, names its `op` (an operation of the capability called), and
//!   says `"detail": "verdict"` exactly when a verdict was asked for;
//! - the same input gives the same bytes twice; a request that succeeds as text gives the same
//!   bytes as a JSON value; the verdict fails exactly when, and as, the explained call fails.
//!
//! The structure-aware targets build a typed document (a scope profile, an assessment document,
//! a risk register) from the fuzzer's bytes with `arbitrary`, either from nothing or by editing
//! the input of a conformance vector, serialise it, and call the engine with it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arbitrary::Unstructured;
use nis2_core::api::{self, Detail, Format, Input};
use nis2_core::assessment::model::{
    Aggregation, AssessmentDocument, RequirementResult, ScaleRef, ScopeInput, Settings, Source,
    SourceKind, Status,
};
use nis2_core::catalog::Confidence;
use nis2_core::risk::matrix::MatrixRef;
use nis2_core::risk::register::{
    Appetite, Asset, AssetKind, Criticality, Domain, Impact, Register, Scenario, Service,
    StageRating, Threat, Treatment, TreatmentOption, Vulnerability,
};
use nis2_core::scope::profile::{
    Activity, Designations, Identification, PeriodFigures, Profile, RelatedEnterprise,
    Relationship, SecurityActivities, SecurityExemption, SizeFigure, SizeInput,
};
use nis2_core::{Error, Lang};
use serde_json::{json, Value};

/// Every target: (name, what it feeds the engine).
pub const TARGETS: &[(&str, &str)] = &[
    (
        "call_scope",
        "api::call(\"scope\", JSON text) at both detail levels",
    ),
    (
        "call_screen",
        "api::call(\"screen\", JSON text) at both detail levels (rows and CSV tables)",
    ),
    (
        "call_catalog",
        "api::call(\"catalog\", JSON text) at both detail levels",
    ),
    (
        "call_risk",
        "api::call(\"risk\", JSON text) at both detail levels",
    ),
    (
        "call_programme",
        "api::call(\"programme\", JSON text) at both detail levels",
    ),
    (
        "call_assessment",
        "api::call(\"assessment\", JSON text) at both detail levels",
    ),
    (
        "call_reference",
        "api::call(\"reference\", JSON text) at both detail levels",
    ),
    (
        "render",
        "api::render of an arbitrary document, in every format and language",
    ),
    (
        "typed_scope_profile",
        "a scope profile built with arbitrary",
    ),
    (
        "typed_assessment",
        "an assessment document built with arbitrary",
    ),
    (
        "typed_risk_register",
        "a risk register built with arbitrary",
    ),
];

/// Run one target on one input (panics when the contract is broken).
pub fn run(target: &str, data: &[u8]) {
    match target {
        "call_scope" => call_text("scope", data),
        "call_catalog" => call_text("catalog", data),
        "call_risk" => call_text("risk", data),
        "call_programme" => call_text("programme", data),
        "call_assessment" => call_text("assessment", data),
        "call_reference" => call_text("reference", data),
        "call_screen" => call_text("screen", data),
        "render" => render(data),
        "typed_scope_profile" => typed_scope_profile(data),
        "typed_assessment" => typed_assessment(data),
        "typed_risk_register" => typed_risk_register(data),
        other => panic!("no fuzz target `{other}`"),
    }
}

// --- the contract ---------------------------------------------------------------------------

/// An error's report serialises, parses back and has the error's kind; no input gives `data`.
fn check_error(e: &Error, what: &str) {
    let report = e.report();
    let text = serde_json::to_string(&report)
        .unwrap_or_else(|x| panic!("{what}: the error report does not serialise: {x}; {e}"));
    let back: Value = serde_json::from_str(&text)
        .unwrap_or_else(|x| panic!("{what}: the error report is not JSON: {x}"));
    assert_eq!(back["kind"], e.kind(), "{what}: report kind");
    assert_eq!(back["message"], e.to_string(), "{what}: report message");
    assert!(
        e.kind() != "data",
        "{what}: an input gave a `data` error (an engine defect): {e}"
    );
    if let Error::Multiple(list) = e {
        assert!(
            list.len() >= 2,
            "{what}: `multiple` with {} problem(s)",
            list.len()
        );
        assert!(
            list.len() <= nis2_core::error::MAX_PROBLEMS + 1,
            "{what}: {} problems listed",
            list.len()
        );
    }
}

/// The top of a response: its `op` and its level (the rest is read, to check it is JSON, but
/// not kept: a 16 KB explanation parsed into a `Value` six times an input was most of the cost
/// of an execution).
#[derive(serde::Deserialize)]
struct Head {
    op: Option<String>,
    detail: Option<Value>,
}

/// A success is JSON naming an operation of the capability, at the level asked for.
fn check_success(capability: &str, out: &str, detail: Detail, what: &str) {
    let doc: Head =
        serde_json::from_str(out).unwrap_or_else(|x| panic!("{what}: output is not JSON: {x}"));
    let op = doc
        .op
        .as_deref()
        .unwrap_or_else(|| panic!("{what}: the response names no `op`"));
    let spec = api::op(op).unwrap_or_else(|| panic!("{what}: `op` {op:?} is no operation"));
    assert_eq!(
        spec.capability, capability,
        "{what}: op {op} of another capability"
    );
    let level = doc.detail.as_ref().and_then(Value::as_str);
    match detail {
        Detail::Verdict => assert_eq!(level, Some("verdict"), "{what}: verdict without detail"),
        Detail::Explained => assert_eq!(level, None, "{what}: explained with a detail"),
    }
}

/// One call at one level: checked, and the same bytes a second time.
fn checked_call(capability: &str, input: &Input<'_>, detail: Detail) -> Result<String, Error> {
    let first = checked_once(capability, input, detail);
    let second = api::call(capability, input.clone(), detail).and_then(|r| r.to_json());
    assert!(
        first == second,
        "{capability} ({}): two calls give different answers",
        detail.name()
    );
    first
}

/// One call at one level, checked. (A request given as a JSON value is called once: its answer
/// is compared with the text's, which was called twice.)
fn checked_once(capability: &str, input: &Input<'_>, detail: Detail) -> Result<String, Error> {
    let what = format!("{capability} ({})", detail.name());
    let first = api::call(capability, input.clone(), detail).and_then(|r| r.to_json());
    match &first {
        Ok(out) => check_success(capability, out, detail, &what),
        Err(e) => check_error(e, &what),
    }
    first
}

/// A request as JSON text, at both levels; a request that succeeds as text gives the same bytes
/// as a JSON value.
pub fn check_request(capability: &str, text: &str) {
    let explained = checked_call(capability, &Input::Text(text), Detail::Explained);
    let verdict = checked_call(capability, &Input::Text(text), Detail::Verdict);
    match (&explained, &verdict) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) => assert!(
            a == b,
            "{capability}: the verdict fails otherwise than the explained call: {a} / {b}"
        ),
        (Ok(_), Err(e)) => panic!("{capability}: only the verdict fails: {e}"),
        (Err(e), Ok(_)) => panic!("{capability}: only the explained call fails: {e}"),
    }
    // A capability may read a request straight from its text (`scope`: `text_de` in the core),
    // which must accept only what the strict reading accepts, as the same request: the answer
    // to the strict reading's value is the answer to the text.
    match nis2_core::json::parse_object(text, "a request") {
        Ok(strict) => {
            for (detail, as_written) in
                [(Detail::Explained, &explained), (Detail::Verdict, &verdict)]
            {
                let by_strict = checked_once(capability, &Input::Value(strict.clone()), detail);
                assert!(
                    by_strict == *as_written,
                    "{capability} ({}): the text and its strict reading give different answers",
                    detail.name()
                );
            }
        }
        Err(e) => assert!(
            explained.is_err() && verdict.is_err(),
            "{capability}: the engine accepted text its strict reading refuses: {e}"
        ),
    }
    if explained.is_ok() || verdict.is_ok() {
        let value: Value = serde_json::from_str(text).unwrap_or_else(|x| {
            panic!("{capability}: the engine accepted text serde_json does not: {x}")
        });
        // A JSON value holds each number as the nearest double, which is not always the number
        // written (`50000000.000…0001` is 50000000 exactly as a double, and the engine compares
        // figures as written): the value is compared with the text that writes its own numbers.
        let own = serde_json::to_string(&value)
            .unwrap_or_else(|x| panic!("{capability}: a JSON value does not serialise: {x}"));
        for (detail, as_written) in [(Detail::Explained, &explained), (Detail::Verdict, &verdict)] {
            let by_value = checked_once(capability, &Input::Value(value.clone()), detail);
            // The text as written is the text of the value's own numbers when it writes them as
            // serde_json does (the structure-aware targets' texts always do): its answer is known.
            let by_text = if own == text {
                as_written.clone()
            } else {
                checked_call(capability, &Input::Text(&own), detail)
            };
            assert!(
                by_value == by_text,
                "{capability} ({}): JSON text and a JSON value give different answers",
                detail.name()
            );
        }
    }
}

fn call_text(capability: &str, data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        check_request(capability, text);
    }
}

/// The first byte chooses the format and language, the rest is the document.
fn render(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let formats = [
        Format::Md,
        Format::Html,
        Format::Svg,
        Format::Table,
        Format::Csv,
    ];
    let format = formats[usize::from(head & 7) % formats.len()];
    let lang = if head & 8 == 0 { Lang::En } else { Lang::Da };
    let what = format!("render {format:?}/{lang:?}");
    let first = api::render_json(text, format, lang);
    let second = api::render_json(text, format, lang);
    assert!(first == second, "{what}: two renderings differ");
    match &first {
        Err(e) => check_error(e, &what),
        Ok(out) => {
            let value: Value = serde_json::from_str(text)
                .unwrap_or_else(|x| panic!("{what}: rendered text serde_json does not read: {x}"));
            let by_value = api::render(&value, format, lang);
            assert!(
                by_value == first,
                "{what}: text and value render differently"
            );
            if format == Format::Html {
                assert!(out.contains("lang="), "{what}: HTML without its language");
            }
        }
    }
}

// --- generating documents -------------------------------------------------------------------

/// The fuzzer's bytes, read without failing (an exhausted input reads as zeros).
#[derive(Debug)]
struct G<'a>(Unstructured<'a>);

impl<'a> G<'a> {
    fn new(data: &'a [u8]) -> Self {
        G(Unstructured::new(data))
    }
    fn byte(&mut self) -> u8 {
        self.0.arbitrary::<u8>().unwrap_or(0)
    }
    fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    /// `true` about once in `n`.
    fn one_in(&mut self, n: u8) -> bool {
        self.byte().is_multiple_of(n.max(1))
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.0.int_in_range(0..=n - 1).unwrap_or(0)
        }
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.bool() {
            Some(f(self))
        } else {
            None
        }
    }
    fn len(&mut self, max: usize) -> usize {
        self.below(max + 1)
    }
    fn vec<T>(&mut self, max: usize, mut f: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.len(max);
        (0..n).map(|_| f(self)).collect()
    }
    /// A short string: mostly from `pool`, sometimes arbitrary (control characters, quotes,
    /// non-ASCII and all).
    fn string(&mut self, pool: &[&str]) -> String {
        if pool.is_empty() || self.one_in(6) {
            let n = self.len(12);
            let mut s = String::new();
            for _ in 0..n {
                let c = self.0.arbitrary::<char>().unwrap_or('a');
                s.push(c);
            }
            s
        } else {
            self.pick(pool).to_owned()
        }
    }
    fn id(&mut self, pool: &[String]) -> String {
        if pool.is_empty() || self.one_in(8) {
            self.string(&[])
        } else {
            self.pick(pool)
        }
    }
    /// A size figure: mostly at or next to a ceiling of Recommendation 2003/361.
    fn staff(&mut self) -> f64 {
        if self.one_in(8) {
            self.float()
        } else {
            self.pick(STAFF)
        }
    }
    /// A staff figure, sometimes a range (in either order: a reversed one is an error).
    fn staff_fig(&mut self) -> SizeFigure {
        if self.one_in(6) {
            SizeFigure::Range {
                min: self.staff(),
                max: self.staff(),
            }
        } else {
            SizeFigure::Exact(self.staff())
        }
    }
    /// A money figure, sometimes a range.
    fn money_fig(&mut self) -> SizeFigure {
        if self.one_in(6) {
            SizeFigure::Range {
                min: self.money(),
                max: self.money(),
            }
        } else {
            SizeFigure::Exact(self.money())
        }
    }
    fn money(&mut self) -> f64 {
        if self.one_in(8) {
            return self.float();
        }
        let base = self.pick(MONEY);
        base + self.pick(&[0.0, 1.0, -1.0, 0.01, -0.01, 1000.0, -1000.0])
    }
    /// Any finite number (JSON has no other).
    fn float(&mut self) -> f64 {
        let f = self.0.arbitrary::<f64>().unwrap_or(0.0);
        if f.is_finite() {
            f
        } else {
            -1.0
        }
    }
    fn small_int(&mut self) -> i64 {
        if self.one_in(10) {
            self.0.arbitrary::<i64>().unwrap_or(0)
        } else {
            i64::from(self.byte() % 14) - 2
        }
    }
    fn small_u32(&mut self, max: u32) -> u32 {
        if self.one_in(12) {
            self.0.arbitrary::<u32>().unwrap_or(0)
        } else {
            u32::from(self.byte()) % (max + 2)
        }
    }
    fn date(&mut self) -> String {
        if self.one_in(10) {
            return self.string(&["2025-02-29", "2024-13-01", "25-01-01", "", "2025-1-1"]);
        }
        let y = self.pick(&[2023, 2024, 2025, 2026, 2027, 2028, 2100]);
        let m = 1 + self.below(12);
        let d = 1 + self.below(31);
        format!("{y:04}-{m:02}-{d:02}")
    }
}

pub const STAFF: &[f64] = &[
    0.0, 1.0, 9.0, 9.5, 10.0, 10.5, 49.0, 49.9, 50.0, 51.0, 249.0, 249.5, 250.0, 251.0, 1000.0,
];
pub const MONEY: &[f64] = &[
    0.0,
    1_999_999.0,
    2_000_000.0,
    10_000_000.0,
    43_000_000.0,
    50_000_000.0,
    100_000_000.0,
];
const MEMBER_STATES: &[&str] = &[
    "DK", "DE", "FR", "SE", "EL", "GR", "NO", "IS", "LI", "IE", "US", "dk", "XX",
];

/// What the generators choose identifiers from: the engine's own reference data, read through
/// the boundary once.
#[derive(Debug)]
struct Pools {
    entity_types: Vec<String>,
    frameworks: Vec<String>,
    nodes: Vec<String>,
    presets: Vec<String>,
    threats: Vec<String>,
    categories: Vec<String>,
    scales: Vec<String>,
    profiles: Vec<Profile>,
    assessments: Vec<(Value, AssessmentDocument)>,
    registers: Vec<(Value, Register)>,
}

fn reference(capability: &str, request: Value) -> Value {
    api::call(capability, Input::Value(request), Detail::Explained)
        .and_then(|r| r.to_value())
        .unwrap_or(Value::Null)
}

/// Every string under `key`, at any depth.
fn strings_under(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match x {
                    Value::String(s) if k == key => out.push(s.clone()),
                    _ => strings_under(x, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| strings_under(x, key, out)),
        _ => {}
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The repository's conformance vectors (`tests/vectors/<capability>/*.json`), in file order.
/// Both users of this file sit one level below the repository root.
pub fn vector_inputs(capability: &str) -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(capability);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| serde_json::from_str::<Value>(&t).ok())
        .filter_map(|v| v.get("input").cloned())
        .collect()
}

fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(|| {
        let entity_types = nis2_core::entity_types::catalog()
            .map(|c| c.entity_types.iter().map(|t| t.id.clone()).collect())
            .unwrap_or_default();
        let list = reference("catalog", json!({"op": "list"}));
        let mut frameworks = Vec::new();
        if let Some(items) = list.get("frameworks").and_then(Value::as_array) {
            frameworks = items
                .iter()
                .filter_map(|f| f.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect();
        }
        let mut nodes = Vec::new();
        for f in &frameworks {
            let shown = reference("catalog", json!({"op": "show", "framework": f}));
            strings_under(&shown, "id", &mut nodes);
        }
        nodes.retain(|n| n.contains(':'));
        let mut presets = Vec::new();
        strings_under(
            &reference("risk", json!({"op": "presets"})),
            "id",
            &mut presets,
        );
        let threat_doc = reference("risk", json!({"op": "threats"}));
        let mut threats = Vec::new();
        strings_under(&threat_doc, "id", &mut threats);
        let mut categories = Vec::new();
        strings_under(&threat_doc, "category", &mut categories);
        let mut scales = Vec::new();
        strings_under(
            &reference("assessment", json!({"op": "scales"})),
            "id",
            &mut scales,
        );
        let profiles = vector_inputs("scope")
            .into_iter()
            .filter_map(|v| serde_json::from_value::<Profile>(v).ok())
            .collect();
        let mut assessments = Vec::new();
        for input in vector_inputs("assessment") {
            let Some(doc) = input.get("assessment") else {
                continue;
            };
            if let Ok(d) = serde_json::from_value::<AssessmentDocument>(doc.clone()) {
                assessments.push((input.clone(), d));
            }
        }
        let mut registers = Vec::new();
        for input in vector_inputs("risk") {
            let Some(doc) = input.get("register") else {
                continue;
            };
            if let Ok(r) = serde_json::from_value::<Register>(doc.clone()) {
                registers.push((input.clone(), r));
            }
        }
        Pools {
            entity_types,
            frameworks: dedup(frameworks),
            nodes: dedup(nodes),
            presets: dedup(presets),
            threats: dedup(threats),
            categories: dedup(categories),
            scales: dedup(scales),
            profiles,
            assessments,
            registers,
        }
    })
}

// --- scope profiles -------------------------------------------------------------------------

fn gen_related(g: &mut G<'_>) -> RelatedEnterprise {
    RelatedEnterprise {
        name: g.opt(|g| g.string(&["Parent A/S", "Partner"])),
        relationship: g.pick(&[Relationship::Partner, Relationship::Linked]),
        share_percent: g.opt(|g| g.pick(&[24.99, 25.0, 30.0, 50.0, 50.01, 100.0, -5.0, 0.0])),
        staff_headcount: g.opt(G::staff_fig),
        annual_turnover_eur: g.opt(G::money_fig),
        balance_sheet_total_eur: g.opt(G::money_fig),
    }
}

fn gen_size(g: &mut G<'_>) -> SizeInput {
    SizeInput {
        staff_headcount: g.opt(G::staff_fig),
        annual_turnover_eur: g.opt(G::money_fig),
        balance_sheet_total_eur: g.opt(G::money_fig),
        related_enterprises: g.opt(|g| g.vec(3, gen_related)),
        previous_periods: g.vec(2, |g| PeriodFigures {
            period: g.opt(|g| g.string(&["2024", "2023"])),
            staff_headcount: g.opt(G::staff_fig),
            annual_turnover_eur: g.opt(G::money_fig),
            balance_sheet_total_eur: g.opt(G::money_fig),
            related_enterprises: g.opt(|g| g.vec(2, gen_related)),
        }),
        public_bodies_control_percent: g.opt(|g| g.pick(&[0.0, 25.0, 100.0, 101.0, -1.0])),
    }
}

fn gen_activity(g: &mut G<'_>) -> Activity {
    let p = pools();
    Activity {
        entity_type: g.id(&p.entity_types),
        qualified_trust_service_provider: g.opt(G::bool),
        significant_impact_assessed: g.opt(G::bool),
        note: g.opt(|g| g.string(&["main line of business"])),
    }
}

fn gen_designations(g: &mut G<'_>) -> Designations {
    Designations {
        critical_entity_cer: g.opt(G::bool),
        member_state_identification: g.opt(|g| {
            g.pick(&[
                Identification::None,
                Identification::Essential,
                Identification::Important,
            ])
        }),
        nis1_operator_of_essential_services: g.opt(G::bool),
        security_exemption: g.opt(|g| {
            g.pick(&[
                SecurityExemption::None,
                SecurityExemption::FromArt21And23,
                SecurityExemption::Full,
            ])
        }),
        dora_exempted: g.opt(G::bool),
    }
}

fn gen_profile(g: &mut G<'_>) -> Profile {
    Profile {
        schema_version: g.opt(|g| g.string(&["1", "1", "1", "2"])),
        name: g.opt(|g| g.string(&["Acme A/S", "Kommune", ""])),
        member_state: g.opt(|g| g.string(MEMBER_STATES)),
        member_states_of_service: g.vec(3, |g| g.string(MEMBER_STATES)),
        provides_services_in_union: g.opt(G::bool),
        activities: g.vec(4, gen_activity),
        nace_codes: g.vec(2, |g| {
            g.string(&[
                "C28", "281100", "D35.11", "J63.11", "26.60", "D", "A01.11", "Q28", "04",
            ])
        }),
        size: g.opt(gen_size),
        public_security_activities: g.opt(G::bool),
        security_activities: g.opt(|g| {
            g.pick(&[
                SecurityActivities::None,
                SecurityActivities::Partly,
                SecurityActivities::Exclusively,
            ])
        }),
        designations: g.opt(gen_designations),
    }
}

/// A few edits of a profile (a vector's, or a generated one).
fn edit_profile(g: &mut G<'_>, p: &mut Profile) {
    for _ in 0..g.len(4) {
        match g.below(10) {
            0 => {
                p.size
                    .get_or_insert_with(|| gen_size(&mut G::new(&[])))
                    .staff_headcount = Some(g.staff_fig())
            }
            1 => {
                p.size
                    .get_or_insert_with(|| gen_size(&mut G::new(&[])))
                    .annual_turnover_eur = Some(g.money_fig())
            }
            2 => {
                p.size
                    .get_or_insert_with(|| gen_size(&mut G::new(&[])))
                    .balance_sheet_total_eur = Some(g.money_fig())
            }
            3 => p.activities.push(gen_activity(g)),
            4 => {
                if !p.activities.is_empty() {
                    let i = g.below(p.activities.len());
                    p.activities.remove(i);
                }
            }
            5 => p.activities.reverse(),
            6 => p.member_state = g.opt(|g| g.string(MEMBER_STATES)),
            7 => p.designations = g.opt(gen_designations),
            8 => p.size = g.opt(gen_size),
            _ => {
                p.security_activities = g
                    .opt(|g| g.pick(&[SecurityActivities::Partly, SecurityActivities::Exclusively]))
            }
        }
    }
}

/// Byte 0 even: a profile from nothing; odd: a vector's profile (bytes 1–2 choose it), edited.
fn a_profile(g: &mut G<'_>) -> Profile {
    let p = pools();
    let mut profile = if g.bool() && !p.profiles.is_empty() {
        let i = usize::from(g.byte()) | usize::from(g.byte()) << 8;
        p.profiles[i % p.profiles.len()].clone()
    } else {
        gen_profile(g)
    };
    edit_profile(g, &mut profile);
    profile
}

fn typed_scope_profile(data: &[u8]) {
    let mut g = G::new(data);
    let profile = a_profile(&mut g);
    let text = serde_json::to_string(&profile).unwrap_or_else(|e| panic!("profile: {e}"));
    check_request("scope", &text);
    // The same profile through the programme's obligations (the other reader of profiles).
    if g.one_in(4) {
        let request = json!({"op": "obligations", "profile": profile});
        check_request("programme", &request.to_string());
    }
}

// --- risk registers -------------------------------------------------------------------------

const SERVICE_IDS: &[&str] = &["S1", "S2", "S3", "water", "billing"];
const ASSET_IDS: &[&str] = &["A1", "A2", "A3", "scada", "erp"];
const VULN_IDS: &[&str] = &["V1", "V2"];
const LEVELS: &[&str] = &["low", "medium", "high", "very_high", "critical", "extreme"];

fn ids(pool: &[&str]) -> Vec<String> {
    pool.iter().map(|s| (*s).to_owned()).collect()
}

fn gen_rating(g: &mut G<'_>) -> StageRating {
    StageRating {
        likelihood: g.small_u32(6),
        impact: Impact {
            confidentiality: g.opt(|g| g.small_u32(6)),
            integrity: g.opt(|g| g.small_u32(6)),
            availability: g.opt(|g| g.small_u32(6)),
        },
    }
}

fn gen_scenario(g: &mut G<'_>, threats: &[String]) -> Scenario {
    Scenario {
        id: g.string(&["R1", "R2", "R3", "R4"]),
        title: g.string(&["Ransomware on SCADA"]),
        description: g.opt(|g| g.string(&["…"])),
        asset: g.id(&ids(ASSET_IDS)),
        threat: g.id(threats),
        vulnerability: g.opt(|g| g.id(&ids(VULN_IDS))),
        inherent: gen_rating(g),
        current: g.opt(gen_rating),
        residual: g.opt(gen_rating),
        treatment: g.opt(|g| Treatment {
            option: g.pick(&[
                TreatmentOption::Mitigate,
                TreatmentOption::Accept,
                TreatmentOption::Transfer,
                TreatmentOption::Avoid,
            ]),
            controls: g.vec(3, |g| g.id(&pools().nodes)),
            description: g.opt(|g| g.string(&["MFA"])),
            justification: g.opt(|g| g.string(&["accepted by the board"])),
            due_date: g.opt(G::date),
        }),
        owner: g.opt(|g| g.string(&["CISO"])),
        review_date: g.opt(G::date),
    }
}

fn gen_register(g: &mut G<'_>) -> Register {
    let p = pools();
    let mut threats = p.threats.clone();
    threats.extend(ids(&["T-own-1"]));
    let crit = [
        Criticality::Low,
        Criticality::Medium,
        Criticality::High,
        Criticality::Critical,
    ];
    let kinds = [
        AssetKind::System,
        AssetKind::Hardware,
        AssetKind::Software,
        AssetKind::Data,
        AssetKind::Infrastructure,
        AssetKind::People,
        AssetKind::Facility,
        AssetKind::SupplierService,
    ];
    Register {
        schema_version: g.string(&["1", "1", "1", "2"]),
        name: g.string(&["Register", "Risikoregister"]),
        organisation: g.opt(|g| g.string(&["Acme"])),
        assessment_date: g.opt(G::date),
        matrix: MatrixRef::Preset(g.id(&p.presets)),
        appetite: g.opt(|g| Appetite {
            statement: g.opt(|g| g.string(&["low appetite"])),
            overall: g.opt(|g| g.string(LEVELS)),
            confidentiality: g.opt(|g| g.string(LEVELS)),
            integrity: g.opt(|g| g.string(LEVELS)),
            availability: g.opt(|g| g.string(LEVELS)),
        }),
        services: g.vec(3, |g| Service {
            id: g.id(&ids(SERVICE_IDS)),
            name: g.string(&["Drinking water"]),
            description: g.opt(|g| g.string(&["…"])),
            entity_type: g.opt(|g| g.id(&p.entity_types)),
            criticality_society: g.pick(&crit),
            criticality_customers: g.pick(&crit),
            dependants: g.vec(2, |g| g.id(&ids(SERVICE_IDS))),
            indirect_consequences: g.opt(|g| g.string(&["hospitals"])),
            owner: g.opt(|g| g.string(&["COO"])),
        }),
        assets: g.vec(3, |g| Asset {
            id: g.id(&ids(ASSET_IDS)),
            name: g.string(&["SCADA"]),
            description: g.opt(|g| g.string(&["…"])),
            kind: g.pick(&kinds),
            domain: g.pick(&[Domain::It, Domain::Ot]),
            owner: g.opt(|g| g.string(&["CTO"])),
            services: g.vec(2, |g| g.id(&ids(SERVICE_IDS))),
        }),
        threats: g.vec(1, |g| Threat {
            id: g.string(&["T-own-1"]),
            category: g.id(&p.categories),
            name: g.string(&["Drone"]),
            description: g.opt(|g| g.string(&["…"])),
        }),
        vulnerabilities: g.vec(2, |g| Vulnerability {
            id: g.id(&ids(VULN_IDS)),
            name: g.string(&["Flat network"]),
            description: g.opt(|g| g.string(&["…"])),
        }),
        scenarios: g.vec(4, |g| gen_scenario(g, &threats)),
    }
}

fn edit_register(g: &mut G<'_>, r: &mut Register) {
    let p = pools();
    for _ in 0..g.len(4) {
        match g.below(8) {
            0 => {
                if let Some(s) = r.scenarios.first_mut() {
                    s.inherent = gen_rating(g);
                }
            }
            1 => {
                if !r.scenarios.is_empty() {
                    let i = g.below(r.scenarios.len());
                    r.scenarios[i].residual = g.opt(gen_rating);
                }
            }
            2 => {
                if !r.assets.is_empty() {
                    let i = g.below(r.assets.len());
                    r.assets.remove(i);
                }
            }
            3 => {
                // A dependency, perhaps a cycle.
                let ids: Vec<String> = r.services.iter().map(|s| s.id.clone()).collect();
                if let Some(s) = r.services.last_mut() {
                    s.dependants.push(g.id(&ids));
                }
            }
            4 => r.matrix = MatrixRef::Preset(g.id(&p.presets)),
            5 => r.assessment_date = g.opt(G::date),
            6 => r.scenarios.reverse(),
            _ => {
                let mut threats = p.threats.clone();
                threats.extend(r.threats.iter().map(|t| t.id.clone()));
                r.scenarios.push(gen_scenario(g, &threats));
            }
        }
    }
}

fn a_register(g: &mut G<'_>) -> Register {
    let p = pools();
    let mut register = if g.bool() && !p.registers.is_empty() {
        let i = usize::from(g.byte());
        p.registers[i % p.registers.len()].1.clone()
    } else {
        gen_register(g)
    };
    edit_register(g, &mut register);
    register
}

fn typed_risk_register(data: &[u8]) {
    let mut g = G::new(data);
    let register = a_register(&mut g);
    let stage = g.pick(&["inherent", "current", "residual"]);
    let lang = g.pick(&["en", "da"]);
    let request = match g.below(5) {
        0 => json!({"op": "assess", "register": register}),
        1 => json!({"op": "validate_register", "register": register}),
        2 => json!({"op": "heatmap", "register": register, "stage": stage}),
        3 => json!({"op": "heatmap_svg", "register": register, "stage": stage, "lang": lang}),
        _ => json!({"op": "csv", "register": register, "lang": lang}),
    };
    check_request("risk", &request.to_string());
}

// --- assessment documents -------------------------------------------------------------------

const STATUSES: &[Status] = &[
    Status::NotAssessed,
    Status::NotApplicable,
    Status::NotImplemented,
    Status::PartiallyImplemented,
    Status::LargelyImplemented,
    Status::FullyImplemented,
];

fn gen_result(g: &mut G<'_>) -> RequirementResult {
    let p = pools();
    RequirementResult {
        requirement: g.id(&p.nodes),
        status: g.pick(STATUSES),
        justification: g.opt(|g| g.string(&["no OT"])),
        implementation_maturity: g.opt(G::small_int),
        documentation_maturity: g.opt(G::small_int),
        target_maturity: g.opt(G::small_int),
        weight: g.opt(|g| g.small_u32(100)),
        effort: g.opt(|g| g.small_u32(5)),
        evidence: g.opt(|g| g.vec(2, |g| g.string(&["ISMS-policy.pdf"]))),
        owner: g.opt(|g| g.string(&["CISO"])),
        due_date: g.opt(G::date),
        source: g.opt(|g| g.string(&["soa", "dm"])),
        notes: g.opt(|g| g.string(&["…"])),
    }
}

fn gen_settings(g: &mut G<'_>) -> Settings {
    let p = pools();
    Settings {
        aggregation: g.opt(|g| {
            g.pick(&[
                Aggregation::WeightedMean,
                Aggregation::Mean,
                Aggregation::Minimum,
            ])
        }),
        target_maturity: g.opt(G::small_int),
        weights: g.opt(|g| {
            (0..g.len(2))
                .map(|_| (g.id(&p.nodes), g.small_u32(100)))
                .collect()
        }),
        measure_weights: g.opt(|g| {
            (0..g.len(2))
                .map(|_| (g.id(&p.nodes), g.small_u32(100)))
                .collect()
        }),
        inference: g.opt(G::bool),
        min_confidence: g.opt(|g| g.pick(&[Confidence::Low, Confidence::Medium, Confidence::High])),
        top_gaps: g.opt(|g| g.small_u32(1000)),
    }
}

fn gen_assessment(g: &mut G<'_>) -> AssessmentDocument {
    let p = pools();
    AssessmentDocument {
        schema_version: g.string(&["1", "1", "1", "2"]),
        name: g.string(&["Gap analysis 2025"]),
        organisation: g.opt(|g| g.string(&["Acme"])),
        assessment_date: g.date(),
        target_date: g.opt(G::date),
        scale: g.opt(|g| ScaleRef::Id(g.id(&p.scales))),
        scope: g.opt(|g| ScopeInput::Profile(Box::new(a_profile(g)))),
        frameworks: g.opt(|g| g.vec(3, |g| g.id(&p.frameworks))),
        sources: g.opt(|g| {
            g.vec(2, |g| Source {
                id: g.string(&["soa", "dm"]),
                kind: g.pick(&[
                    SourceKind::StatementOfApplicability,
                    SourceKind::CertificationAudit,
                    SourceKind::InternalAudit,
                    SourceKind::SelfEvaluation,
                    SourceKind::Other,
                ]),
                framework: g.id(&p.frameworks),
                title: g.string(&["SoA v7"]),
                date: g.opt(G::date),
                note: g.opt(|g| g.string(&["…"])),
            })
        }),
        results: g.vec(6, gen_result),
        risk_register: if g.one_in(4) {
            Some(Box::new(a_register(g)))
        } else {
            None
        },
        settings: g.opt(gen_settings),
    }
}

fn edit_assessment(g: &mut G<'_>, d: &mut AssessmentDocument) {
    let p = pools();
    for _ in 0..g.len(4) {
        match g.below(9) {
            0 | 1 => {
                if !d.results.is_empty() {
                    let i = g.below(d.results.len());
                    d.results[i].status = g.pick(STATUSES);
                }
            }
            2 => {
                if !d.results.is_empty() {
                    let i = g.below(d.results.len());
                    d.results[i].implementation_maturity = g.opt(G::small_int);
                    d.results[i].target_maturity = g.opt(G::small_int);
                }
            }
            3 => d.results.push(gen_result(g)),
            4 => {
                if !d.results.is_empty() {
                    let i = g.below(d.results.len());
                    d.results.remove(i);
                }
            }
            5 => d.target_date = g.opt(G::date),
            6 => d.settings = g.opt(gen_settings),
            7 => d.scale = g.opt(|g| ScaleRef::Id(g.id(&p.scales))),
            _ => d.frameworks = g.opt(|g| g.vec(2, |g| g.id(&p.frameworks))),
        }
    }
}

fn typed_assessment(data: &[u8]) {
    let mut g = G::new(data);
    let p = pools();
    let mut doc = if g.bool() && !p.assessments.is_empty() {
        let i = usize::from(g.byte());
        p.assessments[i % p.assessments.len()].1.clone()
    } else {
        gen_assessment(&mut g)
    };
    edit_assessment(&mut g, &mut doc);
    let request = match g.below(8) {
        0 | 1 => json!({"op": "score", "assessment": doc}),
        2 => json!({"op": "infer", "assessment": doc}),
        3 => json!({"op": "plan", "assessment": doc}),
        4 => json!({"op": "evaluate", "assessment": doc}),
        5 => {
            let format = g.pick(&["md", "html", "json"]);
            let lang = g.pick(&["en", "da"]);
            json!({"op": "report", "assessment": doc, "format": format, "lang": lang})
        }
        6 => json!({"op": "report", "assessment": doc, "format": "xlsx"}),
        _ => match doc.scope.clone() {
            Some(ScopeInput::Profile(profile)) => json!({"op": "requirements", "profile": profile}),
            _ => {
                json!({"op": "requirements", "frameworks": doc.frameworks.clone().unwrap_or_default()})
            }
        },
    };
    check_request("assessment", &request.to_string());
}

/// Seeds of a structure-aware target (for `scripts/fuzz.sh`): one input per vector document it
/// edits (byte 0 odd: from that vector, no edits), and a few from nothing.
pub fn typed_seeds(target: &str) -> Vec<Vec<u8>> {
    let p = pools();
    let n = match target {
        "typed_scope_profile" => p.profiles.len(),
        "typed_assessment" => p.assessments.len(),
        "typed_risk_register" => p.registers.len(),
        _ => 0,
    };
    let mut seeds: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            let i = u16::try_from(i).unwrap_or(0).to_le_bytes();
            vec![1, i[0], i[1], 0, 0, 0, 0, 0]
        })
        .collect();
    for k in 0u8..8 {
        seeds.push(
            (0..64u8)
                .map(|b| b.wrapping_mul(k * 2 + 3).wrapping_add(k) & 0xfe)
                .collect(),
        );
    }
    seeds
}
