//! Size class under the Annex to Commission Recommendation 2003/361/EC, with NIS2's exclusion of
//! its Art 3(4) (NIS2 Art 2(1), second subparagraph).
//!
//! A class's ceiling is met when staff is below its staff ceiling AND turnover OR balance sheet
//! total does not exceed its financial ceiling (Annex Art 2). Unknown figures make a test
//! unknown (three-valued logic); the result lists every class the figures allow.

use crate::scope::profile::{
    PeriodFigures, RelatedEnterprise, Relationship, SizeFigure, SizeInput,
};
use crate::scope::result::{
    CeilingTest, Contribution, Figures, PeriodComputation, SizeClass, SizeResult,
};
use std::borrow::Cow;

use crate::decimal::Dec;
use crate::json::exact::Figure;
use crate::text::Text;

/// Staff, turnover and balance ceilings of one class.
#[derive(Debug, Clone, Copy)]
struct Ceiling {
    class: SizeClass,
    staff_below: f64,
    turnover_at_most: f64,
    balance_at_most: f64,
    citation: &'static str,
}

const CEILINGS: [Ceiling; 3] = [
    Ceiling {
        class: SizeClass::Micro,
        staff_below: 10.0,
        turnover_at_most: 2_000_000.0,
        balance_at_most: 2_000_000.0,
        citation: "Rec. 2003/361/EC, Annex, Art. 2(3)",
    },
    Ceiling {
        class: SizeClass::Small,
        staff_below: 50.0,
        turnover_at_most: 10_000_000.0,
        balance_at_most: 10_000_000.0,
        citation: "Rec. 2003/361/EC, Annex, Art. 2(2)",
    },
    Ceiling {
        class: SizeClass::Medium,
        staff_below: 250.0,
        turnover_at_most: 50_000_000.0,
        balance_at_most: 43_000_000.0,
        citation: "Rec. 2003/361/EC, Annex, Art. 2(1)",
    },
];

/// How a figure meets a ceiling: staff is counted "fewer than" (`<`), money "not exceeding"
/// (`<=`) (Rec. 2003/361/EC, Annex, Art. 2).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Meets {
    Below,
    AtMost,
}

impl Meets {
    /// Whether `x` meets `ceiling`.
    pub(crate) fn holds(self, x: f64, ceiling: f64) -> bool {
        match self {
            Meets::Below => x < ceiling,
            Meets::AtMost => x <= ceiling,
        }
    }
}

/// Every ceiling a figure is compared with, per own figure (staff, turnover, balance sheet
/// total), and how: the verdict depends on an own figure (a range: on each of its ends) only
/// through whether it meets each of these (the screening memo keys on that,
/// `crate::screen::memo`).
pub(crate) fn ceilings() -> [(Meets, [f64; 3]); 3] {
    let [a, b, c] = CEILINGS;
    [
        (Meets::Below, [a.staff_below, b.staff_below, c.staff_below]),
        (
            Meets::AtMost,
            [a.turnover_at_most, b.turnover_at_most, c.turnover_at_most],
        ),
        (
            Meets::AtMost,
            [a.balance_at_most, b.balance_at_most, c.balance_at_most],
        ),
    ]
}

/// Three-valued logic as the set of values still possible: (can be false, can be true).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tri {
    can_false: bool,
    can_true: bool,
}

impl Tri {
    pub(crate) const UNKNOWN: Tri = Tri {
        can_false: true,
        can_true: true,
    };

    fn known(self) -> Option<bool> {
        match (self.can_false, self.can_true) {
            (false, true) => Some(true),
            (true, false) => Some(false),
            _ => None,
        }
    }

    fn and(self, o: Tri) -> Tri {
        Tri {
            can_true: self.can_true && o.can_true,
            can_false: self.can_false || o.can_false,
        }
    }

    fn or(self, o: Tri) -> Tri {
        Tri {
            can_true: self.can_true || o.can_true,
            can_false: self.can_false && o.can_false,
        }
    }

    fn values(self) -> impl Iterator<Item = bool> {
        [(self.can_false, false), (self.can_true, true)]
            .into_iter()
            .filter(|(possible, _)| *possible)
            .map(|(_, v)| v)
    }
}

/// Whether a figure (a range: every value in it) is below `ceiling` (unknown when absent, or
/// when the range holds values on both sides).
fn below(f: Option<SizeFigure>, ceiling: f64) -> Tri {
    meets(f, Meets::Below, ceiling)
}

/// Whether a figure (a range: every value in it) does not exceed `ceiling`.
fn at_most(f: Option<SizeFigure>, ceiling: f64) -> Tri {
    meets(f, Meets::AtMost, ceiling)
}

/// Whether a figure meets `ceiling`: true is possible when its lowest value does, false when
/// its highest does not (a figure's ends are all the size test reads of it).
fn meets(f: Option<SizeFigure>, how: Meets, ceiling: f64) -> Tri {
    f.map_or(Tri::UNKNOWN, |f| {
        let (lo, hi) = f.bounds();
        Tri {
            can_true: how.holds(lo, ceiling),
            can_false: !how.holds(hi, ceiling),
        }
    })
}

fn test_figures_tri(f: &Figures, c: &Ceiling) -> Tri {
    let staff = below(f.staff_headcount, c.staff_below);
    let turnover = at_most(f.annual_turnover_eur, c.turnover_at_most);
    let balance = at_most(f.balance_sheet_total_eur, c.balance_at_most);
    staff.and(turnover.or(balance))
}

fn test_figures(f: &Figures, c: &Ceiling) -> (CeilingTest, Tri) {
    let staff = below(f.staff_headcount, c.staff_below);
    let turnover = at_most(f.annual_turnover_eur, c.turnover_at_most);
    let balance = at_most(f.balance_sheet_total_eur, c.balance_at_most);
    let within = staff.and(turnover.or(balance));
    let (staff, turnover, balance) = (staff.known(), turnover.known(), balance.known());
    (
        CeilingTest {
            ceiling: c.class,
            staff_below: c.staff_below,
            turnover_at_most_eur: c.turnover_at_most,
            balance_sheet_at_most_eur: c.balance_at_most,
            staff_within: staff,
            turnover_within: turnover,
            balance_sheet_within: balance,
            within: within.known(),
            citation: Cow::Borrowed(c.citation),
        },
        within,
    )
}

/// The classes consistent with the three ceiling statuses (micro, small, medium/SME).
fn possible_classes(w: [Tri; 3]) -> &'static [SizeClass] {
    let [micro, small, sme] = w;
    let mask = usize::from(micro.can_true)
        | usize::from(micro.can_false && small.can_true) << 1
        | usize::from(small.can_false && sme.can_true) << 2
        | usize::from(sme.can_false) << 3;
    CLASS_SETS.get(mask).copied().unwrap_or_default()
}

/// Every set of size classes, in order, by a mask (micro 1, small 2, medium 4, large 8): the
/// classes a profile's figures allow are one of these, borrowed rather than allocated.
const CLASS_SETS: [&[SizeClass]; 16] = {
    use SizeClass::{Large as L, Medium as D, Micro as M, Small as S};
    subsets_of_four!(M, S, D, L)
};

fn single(classes: &[SizeClass]) -> SizeClass {
    match classes {
        [one] => *one,
        _ => SizeClass::Undetermined,
    }
}

/// The weight of a related enterprise's figures (Annex Art 6(2)): its share for a partner,
/// all of them for a linked enterprise.
fn weight_of(r: &RelatedEnterprise) -> (f64, &'static str) {
    match r.relationship {
        // Validation guarantees a share for partners.
        Relationship::Partner => (
            r.share_percent.unwrap_or(0.0),
            "Rec. 2003/361/EC, Annex, Art. 3(2), 6(2)",
        ),
        Relationship::Linked => (100.0, "Rec. 2003/361/EC, Annex, Art. 3(3), 6(2)"),
    }
}

/// `Σ weight % × figure` (unknown when a figure is), as a double on the same side of every
/// ceiling as the sum of the figures as written, computed in decimals:
/// `30000000.000000004 + 20000000` exceeds EUR 50 m, although the doubles' sum rounds onto it
/// (it is then the next double above the ceiling). Figures beyond 128-bit decimals keep the
/// doubles' sum (a sum too large for a double is infinite, an error of the profile).
///
/// A range sums its lowest values and its highest values apart (the sum's range).
fn weighted_sum(terms: &[(f64, Option<SizeFigure>)], figure: Figure) -> Option<SizeFigure> {
    // The enterprise's own figure alone (no related enterprise) is its sum as written.
    if let [(weight, value)] = terms {
        if *weight == 100.0 {
            return *value;
        }
    }
    let mut lows = Vec::with_capacity(terms.len());
    let mut highs = Vec::with_capacity(terms.len());
    for &(weight, value) in terms {
        let (lo, hi) = value?.bounds();
        lows.push((weight, lo));
        highs.push((weight, hi));
    }
    Some(SizeFigure::between(
        weighted_sum_of(&lows, figure),
        weighted_sum_of(&highs, figure),
    ))
}

/// [`weighted_sum`] of known figures.
fn weighted_sum_of(terms: &[(f64, f64)], figure: Figure) -> f64 {
    let mut float = 0.0;
    for &(weight, v) in terms {
        float += v * weight / 100.0;
    }
    // Most profiles give whole staff counts and euros, and link enterprises in full: their
    // sum is taken in integers; any other in decimals (the same number where both apply).
    let hundredths = whole_hundredths(terms);
    let exact = match hundredths {
        Some(h) => Dec {
            digits: h,
            scale: -2,
        },
        None => match decimal_sum(terms) {
            Some(d) => d,
            None => return float,
        },
    };
    for &c in figure.ceilings() {
        #[allow(clippy::cast_precision_loss)]
        let ceiling = c as f64;
        let side = match hundredths {
            // Hundredths against the ceiling's: `Dec::cmp_int` without its scaling.
            Some(h) => Some(h.cmp(&(i128::from(c) * 100))),
            None => exact.cmp_int(c),
        };
        if side.is_some() && float.partial_cmp(&ceiling) != side {
            float = match side {
                Some(std::cmp::Ordering::Greater) => ceiling.next_up(),
                Some(std::cmp::Ordering::Less) => ceiling.next_down(),
                _ => ceiling,
            };
        }
    }
    float
}

/// `Σ figure × weight %` in hundredths, in integers, when every figure and weight is a whole
/// number below 2^53 (`None` otherwise, or beyond 128 bits): the digits of [`decimal_sum`]
/// at its scale, without reading any figure's digits.
fn whole_hundredths(terms: &[(f64, f64)]) -> Option<i128> {
    terms.iter().try_fold(0i128, |sum, &(weight, v)| {
        sum.checked_add(i128::from(whole(v)?) * i128::from(whole(weight)?))
    })
}

/// `Σ figure × weight %` in decimals, each figure as written (`None` beyond 128 bits).
fn decimal_sum(terms: &[(f64, f64)]) -> Option<Dec> {
    terms
        .iter()
        .try_fold(Dec::int(0), |sum, &(weight, v)| {
            sum.add(Dec::of(v)?.mul(Dec::of(weight)?)?)
        })?
        .shift(2)
}

/// A whole number below 2^53 in magnitude, as an integer (the digits `Dec::of` reads from
/// it); `None` for any other double (a fraction, a larger magnitude, NaN, an infinity).
fn whole(x: f64) -> Option<i64> {
    use crate::decimal::EXACT_INTEGERS;
    // Below 2^53 the cast truncates exactly, and the round trip holds for a whole number only.
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let (i, back) = (x as i64, (x as i64) as f64);
    (x.abs() < EXACT_INTEGERS && back == x).then_some(i)
}

/// The three figures' terms: the enterprise's own (in full), then each related enterprise's.
type Terms = Vec<(f64, Option<SizeFigure>)>;

fn terms(own: &Figures, related: Option<&Vec<RelatedEnterprise>>) -> [Terms; 3] {
    let mut out = [
        vec![(100.0, own.staff_headcount)],
        vec![(100.0, own.annual_turnover_eur)],
        vec![(100.0, own.balance_sheet_total_eur)],
    ];
    for r in related.into_iter().flatten() {
        let (w, _) = weight_of(r);
        let [staff, turnover, balance] = &mut out;
        staff.push((w, r.staff_headcount));
        turnover.push((w, r.annual_turnover_eur));
        balance.push((w, r.balance_sheet_total_eur));
    }
    out
}

/// The figures summed by [`weighted_sum`].
fn summed(terms: &[Terms; 3]) -> Figures {
    let [staff, turnover, balance] = terms;
    Figures {
        staff_headcount: weighted_sum(staff, Figure::Staff),
        annual_turnover_eur: weighted_sum(turnover, Figure::Money),
        balance_sheet_total_eur: weighted_sum(balance, Figure::Money),
    }
}

/// Aggregate own figures with partner (pro rata) and linked (in full) enterprises (Annex Art 6).
fn aggregate(
    own: Figures,
    related: Option<&Vec<RelatedEnterprise>>,
) -> (Vec<Contribution>, Figures) {
    let sum = total(own.clone(), related);
    let mut contributions = vec![Contribution {
        source: Cow::Borrowed("own"),
        name: None,
        weight_percent: 100.0,
        added: own,
        citation: Cow::Borrowed("Rec. 2003/361/EC, Annex, Art. 6(1)"),
    }];
    for r in related.into_iter().flatten() {
        let (weight, citation) = weight_of(r);
        let part = |v: Option<SizeFigure>| weighted_sum(&[(weight, v)], Figure::Other);
        contributions.push(Contribution {
            source: match r.relationship {
                Relationship::Partner => Cow::Borrowed("partner"),
                Relationship::Linked => Cow::Borrowed("linked"),
            },
            name: r.name.clone(),
            weight_percent: weight,
            added: Figures {
                staff_headcount: part(r.staff_headcount),
                annual_turnover_eur: part(r.annual_turnover_eur),
                balance_sheet_total_eur: part(r.balance_sheet_total_eur),
            },
            citation: Cow::Borrowed(citation),
        });
    }
    (contributions, sum)
}

fn period(
    label: String,
    own: Figures,
    related: Option<&Vec<RelatedEnterprise>>,
) -> (PeriodComputation, [Tri; 3]) {
    let (contributions, aggregated) = aggregate(own, related);
    let mut tests = Vec::with_capacity(3);
    let mut within = [Tri::UNKNOWN; 3];
    for (slot, c) in within.iter_mut().zip(CEILINGS.iter()) {
        let (t, w) = test_figures(&aggregated, c);
        tests.push(t);
        *slot = w;
    }
    let class = single(possible_classes(within));
    (
        PeriodComputation {
            period: label,
            contributions,
            aggregated,
            tests,
            class,
        },
        within,
    )
}

/// The ceiling statuses of one period's figures, without the computation's record (the lean
/// path of the verdict; the same arithmetic as [`period`]).
fn period_status(own: Figures, related: Option<&Vec<RelatedEnterprise>>) -> [Tri; 3] {
    let total = total(own, related);
    let mut within = [Tri::UNKNOWN; 3];
    for (slot, c) in within.iter_mut().zip(CEILINGS.iter()) {
        *slot = test_figures_tri(&total, c);
    }
    within
}

/// One period's figures aggregated with its partner and linked enterprises (Annex Art 6(2);
/// the same arithmetic as [`aggregate`]).
fn total(own: Figures, related: Option<&Vec<RelatedEnterprise>>) -> Figures {
    // The own figures alone are their sum as written ([`weighted_sum`] of one full term).
    if related.is_none_or(Vec::is_empty) {
        return own;
    }
    summed(&terms(&own, related))
}

/// Whether a period's aggregates certainly stay finite, so that they need not be computed to
/// know it: fewer than a million related enterprises and every figure (validated: finite, zero
/// or more) below 10^300. Each term is a figure times a weight of at most 100 % (partner shares
/// are 25 % to 50 %, linked enterprises and the own figures 100 %), so a sum stays below 10^306.
fn far_below_overflow(own: &Figures, related: Option<&Vec<RelatedEnterprise>>) -> bool {
    const FAR: f64 = 1e300;
    let small = |f: Option<SizeFigure>| f.is_none_or(|f| f.bounds().1 < FAR);
    let figures_small =
        |staff, turnover, balance| small(staff) && small(turnover) && small(balance);
    let related = related.map_or(&[][..], Vec::as_slice);
    related.len() < 1_000_000
        && figures_small(
            own.staff_headcount,
            own.annual_turnover_eur,
            own.balance_sheet_total_eur,
        )
        && related.iter().all(|r| {
            figures_small(
                r.staff_headcount,
                r.annual_turnover_eur,
                r.balance_sheet_total_eur,
            )
        })
}

/// The figures (paths under `$.size`, e.g. `.previous_periods[0].annual_turnover_eur`) whose
/// aggregate with partner and linked enterprises is too large to compute (not a finite
/// double): a validation error, never an unknown (`null`) figure.
pub(crate) fn overflowing(input: &SizeInput) -> Vec<String> {
    // Without partner or linked enterprises each aggregate is an own figure, which validation
    // has already found finite: nothing can overflow.
    let alone = |r: Option<&Vec<RelatedEnterprise>>| r.is_none_or(Vec::is_empty);
    if alone(input.related_enterprises.as_ref())
        && input
            .previous_periods
            .iter()
            .all(|p| alone(p.related_enterprises.as_ref()))
    {
        return Vec::new();
    }
    let mut periods = vec![(
        String::new(),
        Figures {
            staff_headcount: input.staff_headcount,
            annual_turnover_eur: input.annual_turnover_eur,
            balance_sheet_total_eur: input.balance_sheet_total_eur,
        },
        input.related_enterprises.as_ref(),
    )];
    for (k, p) in input.previous_periods.iter().enumerate() {
        periods.push((
            format!(".previous_periods[{k}]"),
            Figures {
                staff_headcount: p.staff_headcount,
                annual_turnover_eur: p.annual_turnover_eur,
                balance_sheet_total_eur: p.balance_sheet_total_eur,
            },
            p.related_enterprises.as_ref(),
        ));
    }
    let mut out = Vec::new();
    for (base, own, related) in periods {
        if far_below_overflow(&own, related) {
            continue;
        }
        let t = total(own, related);
        for (field, v) in [
            ("staff_headcount", t.staff_headcount),
            ("annual_turnover_eur", t.annual_turnover_eur),
            ("balance_sheet_total_eur", t.balance_sheet_total_eur),
        ] {
            if v.is_some_and(|v| {
                let (lo, hi) = v.bounds();
                !lo.is_finite() || !hi.is_finite()
            }) {
                out.push(format!("{base}.{field}"));
            }
        }
    }
    out
}

/// The statuses after the two-consecutive-periods rule (Annex Art 4(2)), given the statuses
/// of each period, the latest first.
fn settle(statuses: &[[Tri; 3]]) -> Option<[Tri; 3]> {
    let mut raw = statuses.iter().rev();
    let oldest = raw.next()?;
    let mut status = *oldest;
    let mut prev = *oldest;
    for cur in raw {
        for ((s, p), c) in status.iter_mut().zip(prev.iter()).zip(cur.iter()) {
            *s = step(*s, *p, *c);
        }
        prev = *cur;
    }
    Some(status)
}

/// Every class the figures allow (the lean path: no record of the computation).
pub(crate) fn possible(input: Option<&SizeInput>) -> &'static [SizeClass] {
    let Some(input) = input else {
        return CLASS_SETS.get(15).copied().unwrap_or_default();
    };
    let current = period_status(
        Figures {
            staff_headcount: input.staff_headcount,
            annual_turnover_eur: input.annual_turnover_eur,
            balance_sheet_total_eur: input.balance_sheet_total_eur,
        },
        input.related_enterprises.as_ref(),
    );
    if input.previous_periods.is_empty() {
        return possible_classes(current);
    }
    let mut statuses = Vec::with_capacity(input.previous_periods.len() + 1);
    statuses.push(current);
    for p in &input.previous_periods {
        statuses.push(period_status(
            Figures {
                staff_headcount: p.staff_headcount,
                annual_turnover_eur: p.annual_turnover_eur,
                balance_sheet_total_eur: p.balance_sheet_total_eur,
            },
            p.related_enterprises.as_ref(),
        ));
    }
    possible_classes(settle(&statuses).unwrap_or(current))
}

/// The status after a period under Annex Art 4(2): a ceiling status changes only when the two
/// latest periods agree on the other side.
fn step(status: Tri, prev: Tri, cur: Tri) -> Tri {
    let mut out = Tri {
        can_false: false,
        can_true: false,
    };
    for p in prev.values() {
        for c in cur.values() {
            if p == c {
                if c {
                    out.can_true = true;
                } else {
                    out.can_false = true;
                }
            } else {
                out = out.or_set(status);
            }
        }
    }
    out
}

impl Tri {
    fn or_set(self, o: Tri) -> Tri {
        Tri {
            can_false: self.can_false || o.can_false,
            can_true: self.can_true || o.can_true,
        }
    }
}

/// The size computation of a profile (`None`: no figures given at all).
pub(crate) fn compute(input: Option<&SizeInput>) -> SizeResult {
    let citations = vec![
        Cow::Borrowed("Rec. 2003/361/EC, Annex, Art. 2"),
        Cow::Borrowed("Rec. 2003/361/EC, Annex, Art. 4"),
        Cow::Borrowed("Rec. 2003/361/EC, Annex, Art. 6"),
        Cow::Borrowed("Art. 2(1), second subparagraph"),
    ];
    let Some(input) = input else {
        return SizeResult {
            class: SizeClass::Undetermined,
            possible_classes: vec![
                SizeClass::Micro,
                SizeClass::Small,
                SizeClass::Medium,
                SizeClass::Large,
            ],
            figures_given: false,
            periods: Vec::new(),
            two_period_rule: Text::st(
                "No size figures were given.",
                "Der er ikke angivet tal for virksomhedens størrelse.",
            ),
            citations,
        };
    };
    let (current, current_w) = period(
        "current".to_owned(),
        Figures {
            staff_headcount: input.staff_headcount,
            annual_turnover_eur: input.annual_turnover_eur,
            balance_sheet_total_eur: input.balance_sheet_total_eur,
        },
        input.related_enterprises.as_ref(),
    );
    let mut periods = vec![current];
    let mut statuses: Vec<[Tri; 3]> = vec![current_w];
    for (i, p) in input.previous_periods.iter().enumerate() {
        let PeriodFigures {
            period: label,
            staff_headcount,
            annual_turnover_eur,
            balance_sheet_total_eur,
            related_enterprises,
        } = p;
        let (pc, w) = period(
            label
                .clone()
                .unwrap_or_else(|| format!("previous_{}", i + 1)),
            Figures {
                staff_headcount: *staff_headcount,
                annual_turnover_eur: *annual_turnover_eur,
                balance_sheet_total_eur: *balance_sheet_total_eur,
            },
            related_enterprises.as_ref(),
        );
        periods.push(pc);
        statuses.push(w);
    }
    // Oldest to newest: the oldest period given sets the starting status.
    let (status, two_period_rule) = match settle(&statuses) {
        Some(status) if statuses.len() > 1 => (
            status,
            Text::st(
                "Applied: a size status is gained or lost only when the ceilings are crossed in two consecutive accounting periods (Annex Art 4(2)). The earliest period given sets the starting status.",
                "Anvendt: en størrelsesstatus opnås eller mistes først, når lofterne overskrides eller underskrides i to på hinanden følgende regnskabsår (bilagets art. 4, stk. 2). Det tidligste regnskabsår angivet fastlægger udgangspunktet.",
            ),
        ),
        _ => (
            current_w,
            Text::st(
                "Not applied: only the latest accounting period was given. Under Annex Art 4(2) a change of status takes effect only after two consecutive periods; give previous_periods to apply it.",
                "Ikke anvendt: kun det seneste regnskabsår er angivet. Efter bilagets art. 4, stk. 2, får en ændring af status først virkning efter to på hinanden følgende regnskabsår; angiv previous_periods for at anvende reglen.",
            ),
        ),
    };
    let possible = possible_classes(status);
    SizeResult {
        class: single(possible),
        possible_classes: possible.to_vec(),
        figures_given: true,
        periods,
        two_period_rule,
        citations,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// A sum of whole figures and weights taken in integers is the sum in decimals, and falls
    /// on the same side of every ceiling.
    #[test]
    fn whole_sums_are_the_decimal_sums() {
        let figures = [
            0.0,
            -0.0,
            1.0,
            9.0,
            10.0,
            49.0,
            50.0,
            249.0,
            250.0,
            1_999_999.0,
            2_000_000.0,
            2_000_001.0,
            9_999_999.0,
            10_000_000.0,
            42_999_999.0,
            43_000_000.0,
            49_999_999.0,
            50_000_000.0,
            50_000_001.0,
            1e15,
            9_007_199_254_740_991.0,
        ];
        let weights = [0.0, 25.0, 33.0, 50.0, 100.0];
        for &a in &figures {
            for &b in &figures {
                for &w in &weights {
                    let terms = [(100.0, a), (w, b)];
                    let h = whole_hundredths(&terms);
                    let d = decimal_sum(&terms);
                    assert_eq!(
                        h.map(|h| Dec {
                            digits: h,
                            scale: -2
                        }),
                        d,
                        "{a} + {w}% {b}"
                    );
                    for c in Figure::Staff
                        .ceilings()
                        .iter()
                        .chain(Figure::Money.ceilings())
                    {
                        let by_int = h.map(|h| h.cmp(&(i128::from(*c) * 100)));
                        assert_eq!(
                            by_int,
                            d.and_then(|d| d.cmp_int(*c)),
                            "{a} + {w}% {b} vs {c}"
                        );
                    }
                }
            }
        }
        // Anything but whole numbers below 2^53 is left to the decimals.
        for x in [
            0.5,
            49.5,
            2e6 + 0.01,
            9_007_199_254_740_992.0,
            1e17,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(whole_hundredths(&[(100.0, x)]), None, "{x}");
            assert_eq!(whole_hundredths(&[(x, 1.0)]), None, "{x}");
        }
        assert_eq!(whole_hundredths(&[(100.0, -0.0)]), Some(0));
    }

    #[test]
    fn each_set_of_classes_holds_the_classes_of_its_mask_in_order() {
        let all = [
            SizeClass::Micro,
            SizeClass::Small,
            SizeClass::Medium,
            SizeClass::Large,
        ];
        for (mask, set) in CLASS_SETS.iter().enumerate() {
            let want: Vec<SizeClass> = all
                .iter()
                .enumerate()
                .filter(|(k, _)| mask & (1 << k) != 0)
                .map(|(_, c)| *c)
                .collect();
            assert_eq!(set.to_vec(), want, "mask {mask}");
        }
    }

    fn size(s: f64, t: f64, b: f64) -> SizeInput {
        SizeInput {
            staff_headcount: Some(SizeFigure::from(s)),
            annual_turnover_eur: Some(SizeFigure::from(t)),
            balance_sheet_total_eur: Some(SizeFigure::from(b)),
            related_enterprises: None,
            previous_periods: vec![],
            public_bodies_control_percent: None,
        }
    }

    #[test]
    fn boundaries() {
        let c = |s, t, b| compute(Some(&size(s, t, b))).class;
        assert_eq!(c(40.0, 12e6, 12e6), SizeClass::Medium);
        assert_eq!(c(49.0, 10e6, 10e6), SizeClass::Small);
        assert_eq!(c(50.0, 1e6, 1e6), SizeClass::Medium);
        assert_eq!(c(49.99, 10e6 + 1.0, 10e6 + 1.0), SizeClass::Medium);
        assert_eq!(c(49.99, 10e6 + 1.0, 10e6), SizeClass::Small);
        assert_eq!(c(249.0, 60e6, 43e6), SizeClass::Medium);
        assert_eq!(c(249.0, 50e6, 50e6), SizeClass::Medium);
        assert_eq!(c(249.0, 50e6 + 1.0, 43e6 + 1.0), SizeClass::Large);
        assert_eq!(c(250.0, 1.0, 1.0), SizeClass::Large);
        assert_eq!(c(9.0, 2e6, 5e6), SizeClass::Micro);
        assert_eq!(c(10.0, 2e6, 2e6), SizeClass::Small);
    }

    #[test]
    fn missing_balance_is_undetermined_only_when_it_matters() {
        let mut s = size(40.0, 12e6, 0.0);
        s.balance_sheet_total_eur = None;
        let r = compute(Some(&s));
        assert_eq!(
            r.possible_classes,
            vec![SizeClass::Small, SizeClass::Medium]
        );
        let mut s = size(40.0, 8e6, 0.0);
        s.balance_sheet_total_eur = None;
        assert_eq!(compute(Some(&s)).class, SizeClass::Small);
    }

    #[test]
    fn two_period_rule() {
        let mut s = size(260.0, 1e6, 1e6); // large now
        s.previous_periods = vec![PeriodFigures {
            period: None,
            staff_headcount: Some(SizeFigure::from(200.0)),
            annual_turnover_eur: Some(SizeFigure::from(1e6)),
            balance_sheet_total_eur: Some(SizeFigure::from(1e6)),
            related_enterprises: None,
        }];
        assert_eq!(compute(Some(&s)).class, SizeClass::Medium);
        s.previous_periods.push(PeriodFigures {
            period: None,
            staff_headcount: Some(SizeFigure::from(200.0)),
            annual_turnover_eur: Some(SizeFigure::from(1e6)),
            balance_sheet_total_eur: Some(SizeFigure::from(1e6)),
            related_enterprises: None,
        });
        assert_eq!(compute(Some(&s)).class, SizeClass::Medium);
        s.previous_periods[0].staff_headcount = Some(300.0.into());
        assert_eq!(compute(Some(&s)).class, SizeClass::Large);
    }

    fn range(min: f64, max: f64) -> Option<SizeFigure> {
        Some(SizeFigure::Range { min, max })
    }

    #[test]
    fn a_range_settles_only_when_every_value_agrees() {
        let mut s = size(0.0, 8e6, 8e6);
        s.staff_headcount = range(50.0, 99.0);
        assert_eq!(compute(Some(&s)).class, SizeClass::Medium);
        s.staff_headcount = range(40.0, 60.0);
        assert_eq!(
            compute(Some(&s)).possible_classes,
            vec![SizeClass::Small, SizeClass::Medium]
        );
        // The staff ceiling is "fewer than": 49.5 to 50 spans it, 40 to 49.99 does not.
        s.staff_headcount = range(49.5, 50.0);
        assert_eq!(compute(Some(&s)).class, SizeClass::Undetermined);
        s = size(40.0, 0.0, 12e6);
        s.annual_turnover_eur = range(5e6, 10e6);
        assert_eq!(compute(Some(&s)).class, SizeClass::Small);
        s.annual_turnover_eur = range(5e6, 10e6 + 0.01);
        assert_eq!(
            compute(Some(&s)).possible_classes,
            vec![SizeClass::Small, SizeClass::Medium]
        );
        // Either financial figure within the ceiling is enough.
        s.balance_sheet_total_eur = range(0.0, 9e6);
        assert_eq!(compute(Some(&s)).class, SizeClass::Small);
        assert_eq!(possible(Some(&s)), vec![SizeClass::Small]);
    }

    #[test]
    fn ranges_add_up_with_related_enterprises() {
        let mut s = size(30.0, 5e6, 5e6);
        s.related_enterprises = Some(vec![RelatedEnterprise {
            name: None,
            relationship: Relationship::Partner,
            share_percent: Some(50.0),
            staff_headcount: range(20.0, 60.0),
            annual_turnover_eur: Some(SizeFigure::from(1e6)),
            balance_sheet_total_eur: Some(SizeFigure::from(1e6)),
        }]);
        let r = compute(Some(&s));
        assert_eq!(
            r.periods[0].aggregated.staff_headcount,
            Some(SizeFigure::Range {
                min: 40.0,
                max: 60.0
            })
        );
        assert_eq!(
            r.possible_classes,
            vec![SizeClass::Small, SizeClass::Medium]
        );
        assert_eq!(possible(Some(&s)), r.possible_classes);
    }
}
