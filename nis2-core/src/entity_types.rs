//! The entity-type catalog: every row of Annexes I and II of Directive (EU) 2022/2555 and the
//! roles outside the Annexes that decide scope (Art 2(4), 2(5), 6(35)). Embedded data with
//! provenance (`data/entity_types.json`).

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::text::Text;

/// Where a data file came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The legal or standard source.
    pub source: String,
    /// Where it was read.
    pub retrieved_from: String,
    /// Licence or reuse terms.
    pub licence: String,
    /// `verified` (read in an official text), `secondary` (secondary sources only) or
    /// `unverified`.
    pub status: VerificationStatus,
    /// Anything else a reader should know (what we changed, what we summarised).
    pub notes: String,
}

/// How far a fact has been checked against an official text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Read verbatim in an official text.
    Verified,
    /// Supported by secondary sources only.
    Secondary,
    /// Not verified: never applied silently.
    Unverified,
}

/// Annex of the Directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Annex {
    /// Annex I, sectors of high criticality.
    I,
    /// Annex II, other critical sectors.
    II,
}

/// How the engine treats a row: which Article 2/3 rules can apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleGroup {
    /// An Annex I or II type under the size-cap rule (Art 2(1)).
    General,
    /// Providers of public electronic communications networks or publicly available electronic
    /// communications services: size-independent (Art 2(2)(a)(i)), essential from medium size
    /// (Art 3(1)(c)).
    Telecom,
    /// Trust service providers: size-independent (Art 2(2)(a)(ii)); qualified ones essential
    /// (Art 3(1)(b)).
    TrustService,
    /// TLD name registries and DNS service providers: size-independent (Art 2(2)(a)(iii)),
    /// essential (Art 3(1)(b)).
    DnsTld,
    /// Public administration of central government (Art 2(2)(f)(i), 3(1)(d)).
    CentralPublicAdministration,
    /// Public administration at regional level, after a risk-based assessment (Art 2(2)(f)(ii)).
    RegionalPublicAdministration,
    /// Domain name registration services (Art 2(4)): in scope, no essential/important class.
    DomainNameRegistration,
    /// Public administration at local level (Art 2(5)(a), a Member State option).
    LocalPublicAdministration,
    /// Education institutions (Art 2(5)(b), a Member State option).
    EducationInstitution,
    /// Bodies that Art 6(35) excludes from "public administration entity": the judiciary,
    /// parliaments, central banks.
    ExcludedPublicBody,
}

/// Which Member State has jurisdiction over an activity (Art 26(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionRule {
    /// The Member State in which the entity is established (Art 26(1), first subparagraph).
    Establishment,
    /// The Member State in which the services are provided (Art 26(1)(a)).
    ServiceProvision,
    /// The Member State of the main establishment in the Union (Art 26(1)(b), 26(2)).
    MainEstablishment,
    /// The Member State which established the public administration entity (Art 26(1)(c)).
    EstablishingState,
    /// Not applicable (the row is not an in-scope type).
    None,
}

/// A sector or subsector heading of the Annexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// Stable id, e.g. `I-1` (Annex I point 1) or `I-1a` (its subsector (a)).
    pub id: String,
    /// The Annex.
    pub annex: Annex,
    /// The parent sector id, for a subsector.
    pub parent: Option<String>,
    /// The legal reference, e.g. `Annex I, point 1(a)`.
    pub citation: String,
    /// Short label.
    pub label: Text,
}

/// A Union act that may displace NIS2 obligations for a type (Art 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexSpecialis {
    /// The act, e.g. `Regulation (EU) 2022/2554 (DORA)`.
    pub act: String,
    /// Where NIS2 says so, e.g. `Art. 4; recital 28`.
    pub citation: String,
    /// What it displaces, in our words.
    pub note: Text,
    /// The provisions of the Directive it displaces (Art 4(1)).
    pub provisions: Vec<crate::scope::result::Provision>,
}

/// One entity type (a row of Annex I or II, or a role outside the Annexes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityType {
    /// Stable id, e.g. `NIS2-I-01a-01`; `NIS2-X-…` for roles outside the Annexes.
    pub id: String,
    /// The Annex, or none for roles outside the Annexes.
    pub annex: Option<Annex>,
    /// The sector id (see `sectors`), or none.
    pub sector: Option<String>,
    /// The subsector id, or none.
    pub subsector: Option<String>,
    /// The legal reference, e.g. `Annex I, point 1(a), first indent` or `Art. 2(4)`.
    pub citation: String,
    /// Short label in our own words.
    pub label: Text,
    /// The Union definition the Annex refers to, e.g. `Directive (EU) 2019/944, Art. 2(57)`.
    pub legal_definition: Option<String>,
    /// How the Articles 2 and 3 rules treat this row.
    pub rule_group: RuleGroup,
    /// Covered by Implementing Regulation (EU) 2024/2690 (Art 1 of that Regulation).
    pub cir_2024_2690: bool,
    /// On the Art 26(1)(b) / Art 27 list (main-establishment jurisdiction, ENISA registry).
    pub main_establishment: bool,
    /// Annex I point 8, digital infrastructure.
    pub digital_infrastructure: bool,
    /// Annex I point 9, ICT service management (business-to-business).
    pub ict_service_management: bool,
    /// Which Member State has jurisdiction (Art 26(1)).
    pub jurisdiction: JurisdictionRule,
    /// A sector-specific Union act that may displace obligations (Art 4).
    pub lex_specialis: Option<LexSpecialis>,
    /// An activity-share or other qualifier written into the Annex row (e.g. "excluding ... for
    /// which ... is a non-essential part of their general activity").
    pub qualifier: Option<Text>,
    /// NACE Rev. 2 code where the Annex itself defines the type by NACE (C21, C26–C30).
    pub nace: Option<String>,
}

/// The whole embedded catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityTypeCatalog {
    /// Data format version.
    pub schema_version: String,
    /// Where the data came from.
    pub provenance: Provenance,
    /// Sector and subsector headings.
    pub sectors: Vec<Sector>,
    /// The entity types.
    pub entity_types: Vec<EntityType>,
    /// The entity types' positions sorted by [`id_key`] (built on first lookup).
    #[serde(skip)]
    #[schemars(skip)]
    index: OnceLock<Vec<(u128, usize)>>,
}

/// The first 16 bytes of an id as a big-endian integer (ids are 14 ASCII bytes): ids with
/// different keys differ.
fn id_key(id: &str) -> u128 {
    let mut key = [0u8; 16];
    for (k, b) in key.iter_mut().zip(id.as_bytes()) {
        *k = *b;
    }
    u128::from_be_bytes(key)
}

static CATALOG: OnceLock<Result<EntityTypeCatalog>> = OnceLock::new();

/// The embedded entity-type catalog (parsed on first use).
pub fn catalog() -> Result<&'static EntityTypeCatalog> {
    crate::data::cached(&CATALOG, crate::data::ENTITY_TYPES)
}

impl EntityTypeCatalog {
    /// Look an entity type up by id.
    pub fn get(&self, id: &str) -> Option<&EntityType> {
        let index = self.index.get_or_init(|| {
            let mut ix: Vec<(u128, usize)> = self
                .entity_types
                .iter()
                .enumerate()
                .map(|(k, t)| (id_key(&t.id), k))
                .collect();
            ix.sort_unstable();
            ix
        });
        // Integers compared in the search; the id itself only once, for the (one) match.
        let key = id_key(id);
        let from = index.partition_point(|(k, _)| *k < key);
        index
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(k, _)| *k == key)
            .filter_map(|(_, pos)| self.entity_types.get(*pos))
            .find(|t| t.id == id)
    }

    /// Look a sector or subsector up by id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id == id)
    }

    /// The ids nearest to an unknown one (edit distance, case-insensitive), best first; when
    /// no id is near, a value written as a name or words of one (`cloud`, `Cloud computing
    /// service providers`, `sundhed`) gets the types whose label or sector, in English or
    /// Danish, holds each of its words, in the catalog's order.
    pub fn nearest(&self, id: &str, n: usize) -> Vec<String> {
        let near = crate::suggest::nearest(id, self.entity_types.iter().map(|t| t.id.as_str()), n);
        if !near.is_empty() {
            return near;
        }
        let label = |sector: &Option<String>| {
            sector
                .as_deref()
                .and_then(|s| self.sector(s))
                .map(|s| &s.label)
        };
        crate::suggest::by_words(
            id,
            self.entity_types.iter().map(|t| {
                let texts = [Some(&t.label), label(&t.sector), label(&t.subsector)];
                (
                    t.id.as_str(),
                    texts.into_iter().flatten().flat_map(|x| [&*x.en, &*x.da]),
                )
            }),
            n,
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_entity_type_is_found_by_its_id_and_nothing_else() {
        let c = super::catalog().unwrap();
        for t in &c.entity_types {
            assert!(std::ptr::eq(c.get(&t.id).unwrap(), t), "{}", t.id);
            for other in [
                format!("{}x", t.id),
                t.id.to_lowercase(),
                format!("{}\0", t.id),
            ] {
                assert!(c.get(&other).is_none(), "{other}");
            }
            if let Some(shorter) = t.id.get(..t.id.len() - 1) {
                assert!(c.get(shorter).is_none_or(|s| s.id == shorter), "{shorter}");
            }
        }
        assert!(c.get("").is_none());
        assert!(c.get("NIS2-II-05d-01-and-something-long").is_none());
    }

    #[test]
    fn an_entity_type_written_as_its_name_gets_its_id() {
        let c = super::catalog().unwrap();
        let ids = |v: &str| {
            crate::suggest::reset_budget();
            c.nearest(v, 3)
        };
        // The English and Danish label, whole or a word of it, in any case.
        for v in [
            "Cloud computing service providers",
            "cloud",
            "CLOUDCOMPUTINGTJENESTER",
        ] {
            assert_eq!(ids(v), ["NIS2-I-08-04"], "{v}");
        }
        assert_eq!(ids("drikkevand"), ["NIS2-I-06-01"]);
        // A sector's name: its types, in the catalog's order, at most three.
        assert_eq!(ids("health").len(), 3);
        assert!(ids("health").iter().all(|id| id.starts_with("NIS2-I-05-")));
        // An id with a typo keeps the nearest ids; words of no label, and words of fewer than
        // three letters, get nothing.
        assert_eq!(
            ids("NIS2-I-8-04").first().map(String::as_str),
            Some("NIS2-I-08-04")
        );
        assert!(ids("xyz").is_empty());
        assert!(ids("of a").is_empty());
        // Past the request's budget, no lookup.
        crate::suggest::reset_budget();
        for _ in 0..crate::suggest::MAX_SUGGESTED {
            let _ = c.nearest("cloud", 3);
        }
        assert!(c.nearest("cloud", 3).is_empty());
    }
}
