//! Three-valued evaluation of one criterion (met, not met, not determined), with its reason in
//! English and Danish and the facts that would decide it.

use super::AffectedService;
use crate::decimal::Dec;
use crate::lang::dk;
use crate::text::Str;

/// A three-valued evaluation with its explanation.
pub(super) struct Eval {
    pub(super) met: Option<bool>,
    pub(super) en: String,
    pub(super) da: String,
    /// The facts that would decide it, relative to where the figures are given (`facts` or a
    /// service of `services`).
    pub(super) needs: Vec<Str>,
}

/// Whether `Σ coefficient × value` is more than `limit`, in decimal arithmetic on the numbers
/// as written (`90.1 − 60.1` is 30, not more than 30, although the doubles differ by more).
/// Figures too far apart in magnitude for exact arithmetic are compared as doubles, which is
/// then decisive.
pub(super) fn more_than(terms: &[(i128, f64)], limit: f64) -> bool {
    let exact = || -> Option<bool> {
        let mut sum = Dec::of(limit)?.mul(Dec::int(-1))?;
        for &(c, v) in terms {
            sum = sum.add(Dec::of(v)?.mul(Dec::int(c))?)?;
        }
        Some(sum.signum() > 0)
    };
    exact().unwrap_or_else(|| terms.iter().map(|&(c, v)| c as f64 * v).sum::<f64>() > limit)
}

/// `a − b` (at least 0) as written in decimals, for the explanations; the double's own text
/// where the decimals do not fit.
fn beyond_text(a: f64, b: f64) -> String {
    Dec::of(a)
        .zip(Dec::of(b).and_then(|b| b.mul(Dec::int(-1))))
        .and_then(|(a, b)| a.add(b))
        .map(|d| if d.signum() < 0 { Dec::int(0) } else { d })
        .map_or_else(|| format!("{}", (a - b).max(0.0)), Dec::text)
}

/// `t ÷ 20` (5 %) as written in decimals.
fn twentieth_text(t: f64) -> String {
    Dec::of(t)
        .and_then(|d| d.mul(Dec::int(5))?.shift(2))
        .map_or_else(|| format!("{}", t * 0.05), Dec::text)
}

/// "more than" / "not more than" in both languages.
fn comparison(met: bool) -> (&'static str, &'static str) {
    if met {
        ("more than", "mere end")
    } else {
        ("not more than", "ikke mere end")
    }
}

impl Eval {
    pub(super) fn unknown(field: &'static str) -> Eval {
        Eval {
            met: None,
            en: format!("`{field}` is not given"),
            da: format!("`{field}` er ikke oplyst"),
            needs: vec![Str::Borrowed(field)],
        }
    }

    pub(super) fn flag(v: Option<bool>, field: &'static str, en: &str, da: &str) -> Eval {
        match v {
            None => Eval::unknown(field),
            Some(true) => Eval {
                met: Some(true),
                en: en.to_owned(),
                da: da.to_owned(),
                needs: Vec::new(),
            },
            Some(false) => Eval {
                met: Some(false),
                en: format!("not the case: {en}"),
                da: format!("ikke tilfældet: {da}"),
                needs: Vec::new(),
            },
        }
    }

    fn minutes_over(m: f64, limit: f64, what_en: &str, what_da: &str) -> Eval {
        let met = m > limit;
        let (ce, cd) = comparison(met);
        Eval {
            met: Some(met),
            en: format!("{what_en} {m} minutes, {ce} {limit}"),
            da: format!(
                "{what_da} {m} minutter, {cd} {limit}",
                m = dk(m),
                limit = dk(limit)
            ),
            needs: Vec::new(),
        }
    }

    /// Affected users "more than `permille`‰ of the users in the Union or more than `cap`,
    /// whichever number is smaller".
    pub(super) fn users_over(
        affected: Option<u64>,
        field: &'static str,
        total: Option<u64>,
        permille: u64,
        cap: u64,
    ) -> Eval {
        let (pct_en, pct_da) = format_pct(permille);
        let Some(a) = affected else {
            return Eval::unknown(field);
        };
        if a > cap {
            return Eval {
                met: Some(true),
                en: format!("{a} users affected, more than {cap}"),
                da: format!("{a} brugere berørt, mere end {cap}"),
                needs: Vec::new(),
            };
        }
        match total {
            Some(u) => {
                let met = u128::from(a) * 1000 > u128::from(permille) * u128::from(u);
                let share = format_share(a, u);
                let share_da = dk(&share);
                let (ce, cd) = comparison(met);
                Eval {
                    met: Some(met),
                    en: format!("{a} of {u} users in the Union affected ({share} %), {ce} {pct_en} % and not more than {cap}"),
                    da: format!("{a} af {u} brugere i Unionen berørt ({share_da} %), {cd} {pct_da} % og ikke mere end {cap}"),
                    needs: Vec::new(),
                }
            }
            None if a == 0 => Eval {
                met: Some(false),
                en: "no users affected".to_owned(),
                da: "ingen brugere berørt".to_owned(),
                needs: Vec::new(),
            },
            None => Eval {
                met: None,
                en: format!("{a} users affected, not more than {cap}; whether that is more than {pct_en} % needs `users_in_union`"),
                da: format!("{a} brugere berørt, ikke mere end {cap}; om det er mere end {pct_da} %, kræver `users_in_union`"),
                needs: vec![Str::Borrowed("users_in_union")],
            },
        }
    }

    /// Both must hold.
    pub(super) fn and(self, other: Eval) -> Eval {
        let met = match (self.met, other.met) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        };
        // When one side settles the outcome as not met, the other side's missing facts do not
        // matter.
        let needs = if met == Some(false) {
            Vec::new()
        } else {
            let mut n = self.needs;
            for x in other.needs {
                if !n.contains(&x) {
                    n.push(x);
                }
            }
            n
        };
        Eval {
            met,
            en: format!("{}; {}", self.en, other.en),
            da: format!("{}; {}", self.da, other.da),
            needs,
        }
    }

    /// A criterion without a duration, met only if the disruption was not a planned consequence
    /// of a scheduled interruption or maintenance (`gate`, from [`beyond_window`]). The gate is
    /// asked only once the figures meet the criterion: before that it cannot matter.
    pub(super) fn unless_planned(self, gate: Option<Eval>) -> Eval {
        match gate {
            Some(g) if self.met == Some(true) => self.and(g),
            _ => self,
        }
    }
}

/// What Art 3(2) makes of a service's availability figures: scheduled interruptions of service
/// and the planned consequences of scheduled maintenance are not significant incidents, that
/// is (recital 33) the unavailability or limited availability the scheduled operation planned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Planned {
    /// Not a scheduled interruption or maintenance: every minute counts.
    No,
    /// Not known whether it is one (`scheduled_maintenance` not given).
    Unknown,
    /// A scheduled interruption or maintenance; the planned window in minutes, if given. Only
    /// what goes beyond it counts.
    Window(Option<f64>),
}

impl Planned {
    pub(super) fn of(s: &AffectedService) -> Planned {
        match s.scheduled_maintenance {
            None => Planned::Unknown,
            Some(false) => Planned::No,
            Some(true) => Planned::Window(s.planned_window_minutes),
        }
    }
}

/// An availability duration of more than `limit` minutes, Art 3(2) applied: during a scheduled
/// interruption or maintenance only the minutes beyond the planned window count.
pub(super) fn outage_over(
    v: Option<f64>,
    planned: Planned,
    limit: f64,
    field: &'static str,
    what_en: &str,
    what_da: &str,
) -> Eval {
    let Some(m) = v else {
        return Eval::unknown(field);
    };
    let every_minute = Eval::minutes_over(m, limit, what_en, what_da);
    if every_minute.met == Some(false) {
        // Not met even if every minute counts: Art 3(2) cannot change that.
        return every_minute;
    }
    match planned {
        Planned::No => every_minute,
        Planned::Unknown => Eval {
            met: None,
            en: format!("{what_en} {m} minutes, more than {limit}, unless that is a scheduled interruption or a planned consequence of scheduled maintenance (Art 3(2)): needs `scheduled_maintenance`"),
            da: format!("{what_da} {m} minutter, mere end {limit}, medmindre det er en planlagt afbrydelse eller en planlagt følge af planlagt vedligeholdelse (art. 3, stk. 2): kræver `scheduled_maintenance`", m = dk(m), limit = dk(limit)),
            needs: vec![Str::Borrowed("scheduled_maintenance")],
        },
        Planned::Window(None) => Eval {
            met: None,
            en: format!("{what_en} {m} minutes during scheduled maintenance or a scheduled interruption; only the minutes beyond the planned window count (Art 3(2)): needs `planned_window_minutes`"),
            da: format!("{what_da} {m} minutter under planlagt vedligeholdelse eller en planlagt afbrydelse; kun minutterne ud over det planlagte tidsrum tæller (art. 3, stk. 2): kræver `planned_window_minutes`", m = dk(m)),
            needs: vec![Str::Borrowed("planned_window_minutes")],
        },
        Planned::Window(Some(w)) => {
            let within = m.min(w);
            let beyond = beyond_text(m, w);
            // Beyond the window by more than the limit, in the decimals as written.
            let met = more_than(&[(1, m), (-1, w)], limit);
            let (ce, cd) = comparison(met);
            Eval {
                met: Some(met),
                en: format!("{what_en} {m} minutes, {within} of them within the planned window of {w} minutes of the scheduled maintenance or interruption (Art 3(2)); {beyond} minutes beyond it, {ce} {limit}"),
                da: format!("{what_da} {m} minutter, heraf {within} inden for det planlagte tidsrum på {w} minutter for den planlagte vedligeholdelse eller afbrydelse (art. 3, stk. 2); {beyond} minutter ud over det, {cd} {limit}", m = dk(m), limit = dk(limit), within = dk(within), w = dk(w), beyond = dk(beyond)),
                needs: Vec::new(),
            }
        }
    }
}

/// For the criteria without a duration (a number of users affected by unavailability or
/// limited availability): during a scheduled interruption or maintenance, they count only if
/// the disruption went beyond the planned window. `None` when the service is not one.
pub(super) fn beyond_window(
    v: Option<f64>,
    planned: Planned,
    field: &'static str,
    what_en: &str,
    what_da: &str,
) -> Option<Eval> {
    match (planned, v) {
        (Planned::No, _) => None,
        (Planned::Unknown, _) => Some(Eval {
            met: None,
            en: "unless that is a scheduled interruption or a planned consequence of scheduled maintenance (Art 3(2)): needs `scheduled_maintenance`".to_owned(),
            da: "medmindre det er en planlagt afbrydelse eller en planlagt følge af planlagt vedligeholdelse (art. 3, stk. 2): kræver `scheduled_maintenance`".to_owned(),
            needs: vec![Str::Borrowed("scheduled_maintenance")],
        }),
        (Planned::Window(_), None) => Some(Eval {
            met: None,
            en: format!("during scheduled maintenance or a scheduled interruption only what goes beyond the planned window counts (Art 3(2)): needs `{field}`"),
            da: format!("under planlagt vedligeholdelse eller en planlagt afbrydelse tæller kun det, der går ud over det planlagte tidsrum (art. 3, stk. 2): kræver `{field}`"),
            needs: vec![Str::Borrowed(field)],
        }),
        (Planned::Window(None), Some(m)) => Some(Eval {
            met: None,
            en: format!("{what_en} {m} minutes during scheduled maintenance or a scheduled interruption; only what goes beyond the planned window counts (Art 3(2)): needs `planned_window_minutes`"),
            da: format!("{what_da} {m} minutter under planlagt vedligeholdelse eller en planlagt afbrydelse; kun det, der går ud over det planlagte tidsrum, tæller (art. 3, stk. 2): kræver `planned_window_minutes`", m = dk(m)),
            needs: vec![Str::Borrowed("planned_window_minutes")],
        }),
        (Planned::Window(Some(w)), Some(m)) => {
            let met = m > w;
            Some(Eval {
                met: Some(met),
                en: format!("{what_en} {m} minutes against a planned window of {w} minutes of the scheduled maintenance or interruption (Art 3(2)): {}", if met { "it went beyond the window" } else { "within the window, a planned consequence" }),
                da: format!("{what_da} {m} minutter mod et planlagt tidsrum på {w} minutter for den planlagte vedligeholdelse eller afbrydelse (art. 3, stk. 2): {}", if met { "den gik ud over tidsrummet" } else { "inden for tidsrummet, en planlagt følge" }, m = dk(m), w = dk(w)),
                needs: Vec::new(),
            })
        }
    }
}

/// A per-mille figure as a percentage, in English and Danish notation.
fn format_pct(permille: u64) -> (String, String) {
    let en = if permille.is_multiple_of(10) {
        format!("{}", permille / 10)
    } else {
        format!("{}.{}", permille / 10, permille % 10)
    };
    let da = dk(&en);
    (en, da)
}

fn format_share(a: u64, u: u64) -> String {
    if u == 0 {
        return "–".to_owned();
    }
    // Two decimals, rounded half up, exact in integers.
    let hundredths = (u128::from(a) * 10_000 + u128::from(u) / 2) / u128::from(u);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Direct financial loss "exceeds EUR 500 000 or 5 % of the total annual turnover in the
/// preceding financial year, whichever is lower".
pub(super) fn financial(
    loss: Option<f64>,
    loss_field: &'static str,
    turnover: Option<f64>,
) -> Eval {
    let Some(l) = loss else {
        return Eval::unknown(loss_field);
    };
    if l > 500_000.0 {
        return Eval {
            met: Some(true),
            en: format!("direct financial loss EUR {l}, more than EUR 500000"),
            da: format!(
                "direkte økonomisk tab EUR {l}, mere end EUR 500000",
                l = dk(l)
            ),
            needs: Vec::new(),
        };
    }
    match turnover {
        Some(t) => {
            let five = twentieth_text(t);
            // 5 % exactly, in the decimals as written: loss × 20 more than the turnover.
            let met = more_than(&[(20, l), (-1, t)], 0.0);
            let (ce, cd) = comparison(met);
            Eval {
                met: Some(met),
                en: format!("direct financial loss EUR {l}, not more than EUR 500000 and {ce} 5 % of the annual turnover (EUR {five})"),
                da: format!("direkte økonomisk tab EUR {l}, ikke mere end EUR 500000 og {cd} 5 % af årsomsætningen (EUR {five})", l = dk(l), five = dk(five)),
                needs: Vec::new(),
            }
        }
        None if l <= 0.0 => Eval {
            met: Some(false),
            en: "no direct financial loss".to_owned(),
            da: "intet direkte økonomisk tab".to_owned(),
            needs: Vec::new(),
        },
        None => Eval {
            met: None,
            en: format!("direct financial loss EUR {l}, not more than EUR 500000; whether it is more than 5 % of the annual turnover needs `annual_turnover_eur`"),
            da: format!("direkte økonomisk tab EUR {l}, ikke mere end EUR 500000; om det er mere end 5 % af årsomsætningen, kræver `annual_turnover_eur`", l = dk(l)),
            needs: vec![Str::Borrowed("annual_turnover_eur")],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{beyond_text, more_than, twentieth_text};

    #[test]
    fn decimals_as_written() {
        // 32.2 − 2.2 is 30 as written, although the doubles differ by a little more.
        let (a, b) = (
            std::hint::black_box(32.2_f64),
            std::hint::black_box(2.2_f64),
        );
        assert!(a - b > 30.0);
        assert!(!more_than(&[(1, 32.2), (-1, 2.2)], 30.0));
        assert!(more_than(&[(1, 32.3), (-1, 2.2)], 30.0));
        // 5 % of 137037.27 is 6851.8635 exactly.
        assert!(!more_than(&[(20, 6851.8635), (-1, 137_037.27)], 0.0));
        assert!(more_than(&[(20, 6851.8636), (-1, 137_037.27)], 0.0));
        // Magnitudes too far apart for i128 fall back to the doubles, which decide.
        assert!(more_than(&[(1, 1e300), (-1, 1e-300)], 0.0));
        assert_eq!(beyond_text(32.2, 2.2), "30");
        assert_eq!(beyond_text(240.0, 240.0), "0");
        assert_eq!(beyond_text(1.0, 5.0), "0");
        assert_eq!(twentieth_text(137_037.27), "6851.8635");
    }
}
