//! The operation of the scope capability, declared in the registry: a profile in (the request
//! is the profile itself, without `op`), a scope result (`explained`) or a
//! [`ScopeVerdict`](super::verdict::ScopeVerdict) (`verdict`) out.

use serde_json::Value;

use crate::api::registry::{Handler, OpSpec};
use crate::api::{Body, Detail};
use crate::error::Result;

use super::profile::Profile;

/// The scope operation.
struct Scope;

impl Handler for Scope {
    fn run(&self, request: Value, detail: Detail) -> Result<Body> {
        let profile: Profile = crate::json::typed(&request)?;
        match detail {
            Detail::Explained => Ok(Body::typed(super::scope(&profile)?)),
            Detail::Verdict => Ok(Body::typed(super::verdict(&profile)?)),
        }
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
