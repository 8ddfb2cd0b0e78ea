//! The reference capability: the entity-type catalog, the Member-State overlays and the label
//! catalog, as operations of the registry.

use crate::api::registry::{NoFields, Op, OpSpec};
use crate::api::Body;
use crate::entity_types::EntityTypeCatalog;
use crate::labels::LabelCatalog;
use crate::overlay::OverlayData;

/// The operations of the reference capability (the NACE table only in the full build: the
/// scoping build stays small).
#[cfg(feature = "full")]
pub(crate) static OPS: [OpSpec; 5] = [
    ENTITY_TYPES,
    MEMBER_STATES,
    LABELS,
    OpSpec {
        id: "reference.nace",
        capability: "reference",
        name: "nace",
        summary: "A NACE Rev. 2 code (any level; DB07 too) and the entity types it suggests: exact where the Annex defines the type by NACE (C21, C26-C30), indicative otherwise.",
        request_type: "ReferenceNaceRequest",
        response_kind: "reference-nace",
        verdict_kind: "reference-nace-verdict",
        handler: &Op::<crate::nace::NaceRequest, crate::nace::NaceLookup>::new(|r| {
            Ok(Body::typed(crate::nace::lookup(&r.code, "$.code")?))
        }),
    },
    OpSpec {
        id: "reference.nace_table",
        capability: "reference",
        name: "nace_table",
        summary: "The NACE table: every row with its entity types, status (exact or indicative), citation and note, and its provenance.",
        request_type: "ReferenceNaceTableRequest",
        response_kind: "reference-nace-table",
        verdict_kind: "reference-nace-table-verdict",
        handler: &Op::<NoFields, crate::nace::NaceTable>::new(|_| Body::of(crate::nace::table()?)),
    },
];

/// The operations of the reference capability.
#[cfg(not(feature = "full"))]
pub(crate) static OPS: [OpSpec; 3] = [ENTITY_TYPES, MEMBER_STATES, LABELS];

const ENTITY_TYPES: OpSpec = OpSpec {
        id: "reference.entity_types",
        capability: "reference",
        name: "entity_types",
        summary: "The entity-type catalog: every row of Annexes I and II and the roles outside them, with citations and provenance.",
        request_type: "ReferenceEntityTypesRequest",
        response_kind: "reference-entity-types",
        verdict_kind: "reference-entity-types-verdict",
        handler: &Op::<NoFields, EntityTypeCatalog>::new(|_| Body::of(crate::entity_types::catalog()?)),
    };

const MEMBER_STATES: OpSpec = OpSpec {
        id: "reference.member_states",
        capability: "reference",
        name: "member_states",
        summary: "The Member States and the national overlays (transposition, options, national rules), each item with its verification status.",
        request_type: "ReferenceMemberStatesRequest",
        response_kind: "reference-member-states",
        verdict_kind: "reference-member-states-verdict",
        handler: &Op::<NoFields, OverlayData>::new(|_| Body::of(crate::overlay::data()?)),
    };

const LABELS: OpSpec = OpSpec {
    id: "reference.labels",
    capability: "reference",
    name: "labels",
    summary: "The label catalog: every word the views show, in English and Danish.",
    request_type: "ReferenceLabelsRequest",
    response_kind: "reference-labels",
    verdict_kind: "reference-labels-verdict",
    handler: &Op::<NoFields, LabelCatalog>::new(|_| Body::of(crate::labels::catalog()?)),
};
