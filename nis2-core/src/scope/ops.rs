//! The operation of the scope capability, declared in the registry: a profile in (the request
//! is the profile itself, without `op`), a scope result (`explained`) or a
//! [`ScopeVerdict`](super::verdict::ScopeVerdict) (`verdict`) out.

use serde_json::Value;

use crate::api::registry::{Handler, OpSpec};
#[cfg(feature = "full")]
use crate::api::Doc;
use crate::api::{Body, Detail};
use crate::error::Result;

use super::profile::Profile;

/// The scope operation.
struct Scope;

impl Handler for Scope {
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        answer(&crate::json::typed(&request)?, detail)
    }

    // The profile read straight from the text (reading it into a value first was a third of a
    // JSON verdict call). Not in the scoping WebAssembly build, which has no room for a
    // second reader of `Profile`.
    #[cfg(feature = "full")]
    fn run_text(&self, text: &str, detail: Detail) -> Option<Result<Body>> {
        let profile: Profile = crate::text_de::read(text)?;
        Some(answer(&profile, detail))
    }

    #[cfg(feature = "schemas")]
    fn schemas(&self) -> (Value, Value) {
        (
            crate::schema::gen::<Profile>(),
            crate::schema::gen::<super::result::ScopeResult>(),
        )
    }

    #[cfg(feature = "schemas")]
    fn verdict_schema(&self) -> Option<Value> {
        Some(crate::schema::gen::<super::verdict::ScopeVerdict>())
    }
}

fn answer(profile: &Profile, detail: Detail) -> Result<Body> {
    match detail {
        Detail::Explained => Ok(Body::typed(super::scope(profile)?)),
        #[cfg(feature = "full")]
        Detail::Verdict => Ok(Body::Typed(Box::new(VerdictDoc(super::verdict(profile)?)))),
        // The scoping WebAssembly build writes it through its derive (no room for a second
        // writer).
        #[cfg(not(feature = "full"))]
        Detail::Verdict => Ok(Body::typed(super::verdict(profile)?)),
    }
}

#[cfg(feature = "full")]
/// A verdict as a response body, written by its own writer
/// ([`ScopeVerdict::write_json`](super::verdict::ScopeVerdict::write_json)).
struct VerdictDoc(super::verdict::ScopeVerdict);

#[cfg(feature = "full")]
impl Doc for VerdictDoc {
    fn write_json(&self, w: &mut crate::json::Writer) -> Result<()> {
        self.0.write_json(w)
    }

    fn value(&self) -> Result<Value> {
        crate::json::to_value(&self.0)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn member(&self, key: &str) -> Result<Option<Value>> {
        crate::json::pick::member(&self.0, key)
    }
}

/// The operations of the scope capability.
pub(crate) static OPS: [OpSpec; 1] = [OpSpec {
    id: "scope",
    capability: "scope",
    name: "scope",
    summary: "Whether NIS2 applies to an organisation and in which class, with the rules that decided it.",
    request_type: "Profile",
    response_kind: "scope-result",
    verdict_kind: "scope-verdict",
    handler: &Scope,
}];
