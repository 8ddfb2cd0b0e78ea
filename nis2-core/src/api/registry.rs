//! The op registry: every capability and every operation, declared once.
//!
//! A capability module declares its operations in a static slice of [`OpSpec`] (`OPS` in its
//! `ops.rs`), each with a handler that reads the request type, runs the operation and returns
//! the response body. Everything that lists operations (error messages, `nis2 ops`, the JSON
//! Schemas, the TypeScript overloads, the Python op→type tables) reads it from here.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{Body, Detail};
use crate::error::{Error, Result};

/// A capability: a group of operations reached through one entry point.
#[derive(Debug)]
pub struct Capability {
    /// Its name, as passed to [`super::call`] (`scope`, `catalog`, …).
    pub name: &'static str,
    /// What it does, in one sentence.
    pub summary: &'static str,
    /// Whether its requests name their operation in `op` (all but `scope`, whose request is
    /// the profile itself).
    pub tagged: bool,
    /// How a request is named in error messages (`a catalog request`).
    pub what: &'static str,
    /// The schema kind of its requests.
    pub request_kind: &'static str,
    /// Its operations, in the order they are listed.
    pub ops: &'static [OpSpec],
}

/// One operation.
pub struct OpSpec {
    /// The id every response carries in `op`: `<capability>.<name>`, or `scope`.
    pub id: &'static str,
    /// The capability.
    pub capability: &'static str,
    /// The name a request gives in `op`.
    pub name: &'static str,
    /// What it does, in one sentence.
    pub summary: &'static str,
    /// The name of its request type in the schemas (`CatalogMapRequest`).
    pub request_type: &'static str,
    /// The schema kind of its explained response.
    pub response_kind: &'static str,
    /// The schema kind of its verdict.
    pub verdict_kind: &'static str,
    pub(crate) handler: &'static dyn Handler,
}

impl fmt::Debug for OpSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpSpec").field("id", &self.id).finish()
    }
}

/// What an operation does with a request.
pub(crate) trait Handler: Sync {
    /// Read the request (`op` removed), run, answer at a detail level.
    fn run(&self, request: Value, detail: Detail) -> Result<Body>;

    /// Read the request straight from its JSON text and run, where the operation can
    /// (`None`: read the text into a value and [`Handler::run`] it). Only for a capability not
    /// tagged by `op`, whose request is the whole text; its reading must accept what the strict
    /// reading accepts and nothing else, as the same value (`crate::text_de`).
    fn run_text(&self, _text: &str, _detail: Detail) -> Option<Result<Body>> {
        None
    }

    /// The JSON Schemas of the request body (without `op`) and of the explained response body.
    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value);

    /// The JSON Schema of the verdict body, for an operation whose verdict has a type of its
    /// own (otherwise the explained schema without prose).
    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<Value> {
        None
    }
}

/// The usual operation: a request type `R` in, a response of type `O` out (`O` names the
/// schema; the function builds the body, owning or borrowing its input). Its verdict is the
/// explained body without prose.
pub(crate) struct Op<R, O> {
    run: fn(R) -> Result<Body>,
    _types: PhantomData<fn(R) -> O>,
}

impl<R, O> Op<R, O> {
    pub(crate) const fn new(run: fn(R) -> Result<Body>) -> Self {
        Op {
            run,
            _types: PhantomData,
        }
    }
}

impl<R, O> Handler for Op<R, O>
where
    R: DeserializeOwned + schemars::JsonSchema,
    O: Serialize + schemars::JsonSchema,
{
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        let request: R = crate::json::typed(&request)?;
        let body = (self.run)(request)?;
        match detail {
            Detail::Explained => Ok(body),
            Detail::Verdict => body.into_verdict(),
        }
    }

    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value) {
        (crate::schema::gen::<R>(), crate::schema::gen::<O>())
    }
}

/// A request without fields (`{"op": "presets"}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// The capabilities, in the order they are listed.
#[cfg(feature = "full")]
static CAPABILITIES: &[Capability] = &[
    Capability {
        name: "scope",
        summary: "Whether NIS2 applies to an organisation and in which class (Art 2, 3, 4, 6(35); Rec. 2003/361).",
        tagged: false,
        what: "a scope profile",
        request_kind: "scope-profile",
        ops: &crate::scope::ops::OPS,
    },
    Capability {
        name: "screen",
        summary: "Screening at scale: many profiles or flat table rows at once, each answered as `scope` answers it, with the counts.",
        tagged: true,
        what: "a screen request",
        request_kind: "screen-request",
        ops: &crate::screen::ops::OPS,
    },
    Capability {
        name: "catalog",
        summary: "Requirement catalogs (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish programme) and the typed mappings between them.",
        tagged: true,
        what: "a catalog request",
        request_kind: "catalog-request",
        ops: &crate::catalog::ops::OPS,
    },
    Capability {
        name: "risk",
        summary: "Risk matrices, the service → asset → risk register, appetite, heat maps.",
        tagged: true,
        what: "a risk request",
        request_kind: "risk-request",
        ops: &crate::risk::ops::OPS,
    },
    Capability {
        name: "programme",
        summary: "The compliance programme: Art 23 clocks, significant incidents, the årshjul, plan, governance, suppliers, obligations.",
        tagged: true,
        what: "a programme request",
        request_kind: "programme-request",
        ops: &crate::programme::ops::OPS,
    },
    Capability {
        name: "assessment",
        summary: "Gap assessment: the requirement set, scores with declared maths, inference through the mappings, the remediation plan, reports.",
        tagged: true,
        what: "an assessment request",
        request_kind: "assessment-request",
        ops: &crate::assessment::ops::OPS,
    },
    Capability {
        name: "reference",
        summary: "The reference data: entity types, Member-State overlays, the label catalog.",
        tagged: true,
        what: "a reference request",
        request_kind: "reference-request",
        ops: &crate::reference::OPS,
    },
];

/// The capabilities of the scoping build (no catalogs, risk or assessment; of the programme,
/// only `obligations`; no screening: it would take the calculator's page over its size budget,
/// and the calculator's list mode loads the full build).
#[cfg(not(feature = "full"))]
static CAPABILITIES: &[Capability] = &[
    Capability {
        name: "scope",
        summary: "Whether NIS2 applies to an organisation and in which class (Art 2, 3, 4, 6(35); Rec. 2003/361).",
        tagged: false,
        what: "a scope profile",
        request_kind: "scope-profile",
        ops: &crate::scope::ops::OPS,
    },
    Capability {
        name: "programme",
        summary: "Obligations that follow from the class (this build has only `obligations`).",
        tagged: true,
        what: "a programme request",
        request_kind: "programme-request",
        ops: &crate::programme::ops::OPS,
    },
    Capability {
        name: "reference",
        summary: "The reference data: entity types, Member-State overlays, the label catalog.",
        tagged: true,
        what: "a reference request",
        request_kind: "reference-request",
        ops: &crate::reference::OPS,
    },
];

/// Every capability of this build.
pub fn capabilities() -> &'static [Capability] {
    CAPABILITIES
}

/// The names of every capability of this build.
pub fn capability_names() -> Vec<&'static str> {
    CAPABILITIES.iter().map(|c| c.name).collect()
}

/// A capability by name (`unknown_id` at `capability`, with the accepted ones, otherwise).
pub fn capability(name: &str) -> Result<&'static Capability> {
    CAPABILITIES
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Error::unknown_choice("capability", "capability", name, &capability_names()))
}

/// An operation by id (`scope`, `catalog.map`).
pub fn op(id: &str) -> Option<&'static OpSpec> {
    all_ops().find(|o| o.id == id)
}

/// Every operation of this build, capability by capability.
pub fn all_ops() -> impl Iterator<Item = &'static OpSpec> {
    CAPABILITIES.iter().flat_map(|c| c.ops.iter())
}

/// The registry as a document (`nis2 ops`, the generators of the Python and TypeScript types).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Registry {
    /// Document format version (`"1"`).
    pub schema_version: &'static str,
    /// The detail levels.
    pub details: &'static [&'static str],
    /// The render formats.
    pub formats: &'static [&'static str],
    /// The languages.
    pub langs: &'static [&'static str],
    /// The capabilities.
    pub capabilities: Vec<CapabilityEntry>,
}

/// A capability in the registry document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CapabilityEntry {
    /// Its name.
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Whether requests name their operation in `op`.
    pub tagged: bool,
    /// The schema kind of its requests.
    pub request_kind: &'static str,
    /// Its operations.
    pub ops: Vec<OpEntry>,
}

/// An operation in the registry document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct OpEntry {
    /// The id responses carry in `op`.
    pub id: &'static str,
    /// The name requests give in `op`.
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// The name of its request type in the schemas.
    pub request_type: &'static str,
    /// The schema kind of its explained response.
    pub response_kind: &'static str,
    /// The schema kind of its verdict.
    pub verdict_kind: &'static str,
}

/// The registry of this build as a document.
pub fn registry() -> Registry {
    Registry {
        schema_version: "1",
        details: super::Detail::NAMES,
        formats: super::Format::NAMES,
        langs: crate::lang::Lang::NAMES,
        capabilities: CAPABILITIES
            .iter()
            .map(|c| CapabilityEntry {
                name: c.name,
                summary: c.summary,
                tagged: c.tagged,
                request_kind: c.request_kind,
                ops: c
                    .ops
                    .iter()
                    .map(|o| OpEntry {
                        id: o.id,
                        name: o.name,
                        summary: o.summary,
                        request_type: o.request_type,
                        response_kind: o.response_kind,
                        verdict_kind: o.verdict_kind,
                    })
                    .collect(),
            })
            .collect(),
    }
}
