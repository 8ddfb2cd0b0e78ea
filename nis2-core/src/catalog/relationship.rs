//! The algebra of mapping relationships: inverse, composition along a pivot chain, and the
//! strength order used to pick the best claim.
//!
//! Composition reads `A r1 B` and `B r2 C` and says what can be claimed of `A` and `C`. It
//! never overstates: where the two facts do not support a claim the result is `None` (the
//! chain is dropped, not guessed). As a derived claim, `intersects` means "they overlap;
//! containment unknown". The table (rows `r1`, columns `r2`; `-` = no claim):
//!
//! | r1 \ r2      | equal        | equivalent   | subset     | superset   | intersects | no_rel |
//! |--------------|--------------|--------------|------------|------------|------------|--------|
//! | equal        | equal        | equivalent   | subset     | superset   | intersects | no_rel |
//! | equivalent   | equivalent   | equivalent   | subset     | superset   | intersects | no_rel |
//! | subset       | subset       | subset       | subset     | -          | -          | no_rel |
//! | superset     | superset     | superset     | intersects | superset   | intersects | -      |
//! | intersects   | intersects   | intersects   | intersects | -          | -          | -      |
//! | no_rel       | no_rel       | no_rel       | -          | no_rel     | -          | -      |
//!
//! Why, with sets: `A ⊂ B ⊂ C` gives `A ⊂ C`; `A ⊃ B ⊂ C` gives `A ∩ C ⊇ B`, an overlap;
//! `A ∩ B ≠ ∅` and `B ⊂ C` give `A ∩ C ≠ ∅`; `A ⊂ B ⊃ C` says nothing (both inside `B`);
//! `A ∩ B = ∅` and `C ⊂ B` give `A ∩ C = ∅`. Equal and equivalent act as identities
//! (equivalent weakens equal). The test suite checks every cell against all triples of subsets
//! of a small universe, and that composing and inverting commute.

use super::model::{Confidence, MappingProvenance, Relationship};

impl Relationship {
    /// The relationship read the other way round (`A subset B` ⇔ `B superset A`).
    pub fn inverse(self) -> Relationship {
        match self {
            Relationship::Subset => Relationship::Superset,
            Relationship::Superset => Relationship::Subset,
            other => other,
        }
    }

    /// What `A self B` and `B next C` allow us to claim of `A` and `C`; `None` when nothing
    /// can be claimed without overstating (see the module table).
    pub fn compose(self, next: Relationship) -> Option<Relationship> {
        use Relationship::{Equal, Equivalent, Intersects, NoRelationship, Subset, Superset};
        match (self, next) {
            (Equal, r) | (r, Equal) => Some(r),
            (Equivalent, Equivalent) => Some(Equivalent),
            (Equivalent, r) | (r, Equivalent) => Some(r),
            (Subset, Subset) => Some(Subset),
            (Subset, NoRelationship) => Some(NoRelationship),
            (Subset, Superset | Intersects) => None,
            (Superset, Superset) => Some(Superset),
            (Superset, Subset | Intersects) => Some(Intersects),
            (Superset, NoRelationship) => None,
            (Intersects, Subset) => Some(Intersects),
            (Intersects, Superset | Intersects | NoRelationship) => None,
            (NoRelationship, Superset) => Some(NoRelationship),
            (NoRelationship, Subset | Intersects | NoRelationship) => None,
        }
    }

    /// How much of the target the source reaches, for ranking: `equal` 5, `equivalent` 4,
    /// `superset` 3 (the whole target and more), `subset` 2 (part of the target),
    /// `intersects` 1, `no_relationship` 0.
    pub fn strength(self) -> u8 {
        match self {
            Relationship::Equal => 5,
            Relationship::Equivalent => 4,
            Relationship::Superset => 3,
            Relationship::Subset => 2,
            Relationship::Intersects => 1,
            Relationship::NoRelationship => 0,
        }
    }

    /// Whether the source reaches the whole target (`equal`, `equivalent`, `superset`).
    pub fn covers_target(self) -> bool {
        matches!(
            self,
            Relationship::Equal | Relationship::Equivalent | Relationship::Superset
        )
    }

    /// Whether the source reaches any of the target (everything but `no_relationship`).
    pub fn reaches(self) -> bool {
        self != Relationship::NoRelationship
    }

    /// The OSCAL / NIST IR 8477 token.
    pub fn oscal(self) -> &'static str {
        match self {
            Relationship::Equal => "equal-to",
            Relationship::Equivalent => "equivalent-to",
            Relationship::Subset => "subset-of",
            Relationship::Superset => "superset-of",
            Relationship::Intersects => "intersects-with",
            Relationship::NoRelationship => "no-relationship",
        }
    }

    /// The snake_case name used in our JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Equivalent => "equivalent",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersects => "intersects",
            Relationship::NoRelationship => "no_relationship",
        }
    }

    /// Every relationship, strongest first.
    pub const ALL: [Relationship; 6] = [
        Relationship::Equal,
        Relationship::Equivalent,
        Relationship::Superset,
        Relationship::Subset,
        Relationship::Intersects,
        Relationship::NoRelationship,
    ];
}

impl Confidence {
    /// The weaker of two confidences (a chain is as strong as its weakest link).
    pub fn and(self, other: Confidence) -> Confidence {
        self.min(other)
    }

    /// The snake_case name used in our JSON and OSCAL `confidence-score.category`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl MappingProvenance {
    /// The snake_case name used in our JSON, CSV and OSCAL props.
    pub fn as_str(self) -> &'static str {
        match self {
            MappingProvenance::Enisa => "enisa",
            MappingProvenance::Regulation => "regulation",
            MappingProvenance::OwnAnalysis => "own_analysis",
            MappingProvenance::Derived => "derived",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relationship::*;

    /// The actual relationship of two non-empty sets (bitmasks).
    fn actual(a: u8, b: u8) -> Relationship {
        if a == b {
            Equal
        } else if a & b == 0 {
            NoRelationship
        } else if a & b == a {
            Subset
        } else if a & b == b {
            Superset
        } else {
            Intersects
        }
    }

    /// Whether the actual relationship makes the claimed one true (a derived `intersects`
    /// claims only an overlap; `equivalent` is read as `equal` on sets).
    fn supports(actual: Relationship, claim: Relationship) -> bool {
        match claim {
            Equal | Equivalent => actual == Equal,
            Subset => matches!(actual, Subset | Equal),
            Superset => matches!(actual, Superset | Equal),
            Intersects => actual != NoRelationship,
            NoRelationship => actual == NoRelationship,
        }
    }

    #[test]
    fn composition_is_sound_on_sets() {
        // All non-empty subsets of a 4-element universe.
        let sets: Vec<u8> = (1u8..16).collect();
        let mut seen = std::collections::HashSet::new();
        for &a in &sets {
            for &b in &sets {
                for &c in &sets {
                    let (r1, r2) = (actual(a, b), actual(b, c));
                    seen.insert((r1, r2));
                    if let Some(claim) = r1.compose(r2) {
                        assert!(
                            supports(actual(a, c), claim),
                            "{r1:?} ∘ {r2:?} claims {claim:?}, but the sets give {:?}",
                            actual(a, c)
                        );
                    }
                }
            }
        }
        // Every pair of set relationships occurs, so every cell (bar equivalent) was checked.
        assert_eq!(seen.len(), 25);
    }

    #[test]
    fn composition_never_overstates() {
        for r1 in Relationship::ALL {
            for r2 in Relationship::ALL {
                let Some(r) = r1.compose(r2) else { continue };
                if r1 == Intersects || r2 == Intersects {
                    assert_eq!(r, Intersects, "{r1:?} ∘ {r2:?}");
                }
                if r == Equal {
                    assert!(r1 == Equal && r2 == Equal);
                }
                if r == Equivalent {
                    assert!(matches!(r1, Equal | Equivalent) && matches!(r2, Equal | Equivalent));
                }
            }
        }
        assert_eq!(Subset.compose(Subset), Some(Subset));
        assert_eq!(Superset.compose(Subset), Some(Intersects));
        assert_eq!(Subset.compose(Superset), None);
        assert_eq!(Intersects.compose(Intersects), None);
        assert_eq!(Superset.compose(Intersects), Some(Intersects));
        assert_eq!(Equivalent.compose(Subset), Some(Subset));
    }

    #[test]
    fn inverse_commutes_with_composition() {
        for r1 in Relationship::ALL {
            assert_eq!(r1.inverse().inverse(), r1);
            for r2 in Relationship::ALL {
                assert_eq!(
                    r1.compose(r2).map(Relationship::inverse),
                    r2.inverse().compose(r1.inverse()),
                    "{r1:?}, {r2:?}"
                );
            }
        }
    }

    #[test]
    fn strength_order() {
        let s: Vec<u8> = Relationship::ALL.iter().map(|r| r.strength()).collect();
        assert_eq!(s, vec![5, 4, 3, 2, 1, 0]);
        assert_eq!(Confidence::High.and(Confidence::Low), Confidence::Low);
    }
}
