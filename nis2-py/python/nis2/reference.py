"""The engine's embedded reference data: the entity-type catalog (every row of Annexes I and II
and the roles outside them), the Member-State overlays, and the JSON Schemas of its documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Optional, get_args

from . import _nis2
from ._convert import Record, call, load_json, reader
from .text import Text

__all__ = [
    "Annex",
    "EntityType",
    "EntityTypeCatalog",
    "JurisdictionRule",
    "LexSpecialis",
    "Provenance",
    "RuleGroup",
    "Sector",
    "VerificationStatus",
    "entity_type_catalog",
    "entity_types",
    "member_states",
    "schema",
    "schema_kinds",
]

Annex = Literal["I", "II"]
"""Annex I (sectors of high criticality) or Annex II (other critical sectors)."""

VerificationStatus = Literal["verified", "secondary", "unverified"]
"""How far a fact has been checked against an official text."""

JurisdictionRule = Literal[
    "establishment", "service_provision", "main_establishment", "establishing_state", "none"
]
"""Which Member State has jurisdiction over an activity (Art 26(1))."""

RuleGroup = Literal[
    "general",
    "telecom",
    "trust_service",
    "dns_tld",
    "central_public_administration",
    "regional_public_administration",
    "domain_name_registration",
    "local_public_administration",
    "education_institution",
    "excluded_public_body",
]
"""How the Article 2/3 rules treat an entity type."""

_ANNEX = get_args(Annex)
_VERIFICATION = get_args(VerificationStatus)
_JURISDICTION = get_args(JurisdictionRule)
_RULE_GROUP = get_args(RuleGroup)


@dataclass(frozen=True)
class Provenance(Record):
    """Where a data file came from."""

    source: str
    retrieved_from: str
    licence: str
    status: VerificationStatus
    notes: str

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Provenance:
        r = reader(cls, data, path)
        return cls(
            source=r.req_str("source"),
            retrieved_from=r.req_str("retrieved_from"),
            licence=r.req_str("licence"),
            status=r.req_literal("status", _VERIFICATION),
            notes=r.req_str("notes"),
        )


@dataclass(frozen=True)
class Sector(Record):
    """A sector or subsector heading of the Annexes (``I-1``, ``I-1a``)."""

    _KEEP_NULL = frozenset({"parent"})

    id: str
    annex: Annex
    citation: str
    label: Text
    parent: Optional[str] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> Sector:
        r = reader(cls, data, path)
        return cls(
            id=r.req_str("id"),
            annex=r.req_literal("annex", _ANNEX),
            parent=r.opt_str("parent"),
            citation=r.req_str("citation"),
            label=r.req_obj("label", Text.from_dict),
        )


@dataclass(frozen=True)
class LexSpecialis(Record):
    """A Union act that may displace NIS2 obligations for a type (Art 4)."""

    act: str
    citation: str
    note: Text

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> LexSpecialis:
        r = reader(cls, data, path)
        return cls(
            act=r.req_str("act"),
            citation=r.req_str("citation"),
            note=r.req_obj("note", Text.from_dict),
        )


@dataclass(frozen=True)
class EntityType(Record):
    """One entity type: a row of Annex I or II, or a role outside the Annexes (``NIS2-X-…``)."""

    _KEEP_NULL = frozenset(
        {"annex", "sector", "subsector", "legal_definition", "lex_specialis", "qualifier", "nace"}
    )

    id: str
    citation: str
    label: Text
    rule_group: RuleGroup
    cir_2024_2690: bool
    main_establishment: bool
    digital_infrastructure: bool
    ict_service_management: bool
    jurisdiction: JurisdictionRule
    annex: Optional[Annex] = None
    sector: Optional[str] = None
    subsector: Optional[str] = None
    legal_definition: Optional[str] = None
    lex_specialis: Optional[LexSpecialis] = None
    qualifier: Optional[Text] = None
    nace: Optional[str] = None

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> EntityType:
        r = reader(cls, data, path)
        return cls(
            id=r.req_str("id"),
            annex=r.opt_literal("annex", _ANNEX),
            sector=r.opt_str("sector"),
            subsector=r.opt_str("subsector"),
            citation=r.req_str("citation"),
            label=r.req_obj("label", Text.from_dict),
            legal_definition=r.opt_str("legal_definition"),
            rule_group=r.req_literal("rule_group", _RULE_GROUP),
            cir_2024_2690=r.req_bool("cir_2024_2690"),
            main_establishment=r.req_bool("main_establishment"),
            digital_infrastructure=r.req_bool("digital_infrastructure"),
            ict_service_management=r.req_bool("ict_service_management"),
            jurisdiction=r.req_literal("jurisdiction", _JURISDICTION),
            lex_specialis=r.opt_obj("lex_specialis", LexSpecialis.from_dict),
            qualifier=r.opt_obj("qualifier", Text.from_dict),
            nace=r.opt_str("nace"),
        )


@dataclass(frozen=True)
class EntityTypeCatalog(Record):
    """The whole embedded entity-type catalog, with its provenance."""

    schema_version: str
    provenance: Provenance
    sectors: tuple[Sector, ...]
    entity_types: tuple[EntityType, ...]

    @classmethod
    def from_dict(cls, data: object, path: str = "$") -> EntityTypeCatalog:
        r = reader(cls, data, path)
        return cls(
            schema_version=r.req_str("schema_version"),
            provenance=r.req_obj("provenance", Provenance.from_dict),
            sectors=r.req_list("sectors", Sector.from_dict),
            entity_types=r.req_list("entity_types", EntityType.from_dict),
        )

    def get(self, entity_type: str) -> Optional[EntityType]:
        """The entity type with this id, or ``None``."""
        return next((t for t in self.entity_types if t.id == entity_type), None)


_CATALOG: list[EntityTypeCatalog] = []


def entity_type_catalog() -> EntityTypeCatalog:
    """The embedded entity-type catalog (typed, immutable; parsed once)."""
    if not _CATALOG:
        data = load_json(call(_nis2.entity_types_json), "the entity-type catalog")
        _CATALOG.append(EntityTypeCatalog.from_dict(data))
    return _CATALOG[0]


def entity_types() -> list[EntityType]:
    """Every entity type of the catalog, in catalog order."""
    return list(entity_type_catalog().entity_types)


def member_states() -> dict[str, Any]:
    """The Member-State overlay data (as in the ``member-states`` JSON Schema)."""
    data: dict[str, Any] = load_json(call(_nis2.member_states_json), "the Member-State data")
    return data


def schema_kinds() -> list[str]:
    """The document kinds that have a JSON Schema (``scope-profile``, ``scope-result``, …)."""
    return _nis2.schema_kinds()


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document kind; see :func:`schema_kinds`.

    Raises:
        UnknownIdError: for an unknown kind (with ``suggestions``).
    """
    data: dict[str, Any] = load_json(call(_nis2.schema_json, kind), f"the `{kind}` schema")
    return data
