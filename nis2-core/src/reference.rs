//! The reference capability: the entity-type catalog, the Member-State overlays and the label
//! catalog, as operations of the registry.

use crate::api::registry::{NoFields, Op, OpSpec};
use crate::api::Body;
use crate::entity_types::EntityTypeCatalog;
use crate::labels::LabelCatalog;
use crate::overlay::OverlayData;

/// The operations of the reference capability.
pub(crate) static OPS: [OpSpec; 3] = [
    OpSpec {
        id: "reference.entity_types",
        capability: "reference",
        name: "entity_types",
        summary: "The entity-type catalog: every row of Annexes I and II and the roles outside them, with citations and provenance.",
        request_type: "ReferenceEntityTypesRequest",
        response_kind: "reference-entity-types",
        verdict_kind: "reference-entity-types-verdict",
        handler: &Op::<NoFields, EntityTypeCatalog>::new(|_| Body::of(crate::entity_types::catalog()?)),
    },
    OpSpec {
        id: "reference.member_states",
        capability: "reference",
        name: "member_states",
        summary: "The Member States and the national overlays (transposition, options, national rules), each item with its verification status.",
        request_type: "ReferenceMemberStatesRequest",
        response_kind: "reference-member-states",
        verdict_kind: "reference-member-states-verdict",
        handler: &Op::<NoFields, OverlayData>::new(|_| Body::of(crate::overlay::data()?)),
    },
    OpSpec {
        id: "reference.labels",
        capability: "reference",
        name: "labels",
        summary: "The label catalog: every word the views show, in English and Danish.",
        request_type: "ReferenceLabelsRequest",
        response_kind: "reference-labels",
        verdict_kind: "reference-labels-verdict",
        handler: &Op::<NoFields, LabelCatalog>::new(|_| Body::of(crate::labels::catalog()?)),
    },
];
