//! "Did you mean" suggestions for unknown identifiers, bounded: only the first
//! [`MAX_COMPARED`] characters of an unknown value are compared (identifiers are short), and only
//! the first [`MAX_SUGGESTED`] unknown values of a request get suggestions, so a hostile document
//! with many long unknown ids costs time proportional to its size.

use std::cell::Cell;

/// How many characters of an unknown value are compared with the candidates.
pub(crate) const MAX_COMPARED: usize = 64;

/// How many unknown values of one request get suggestions.
pub(crate) const MAX_SUGGESTED: usize = 32;

thread_local! {
    static BUDGET: Cell<usize> = const { Cell::new(MAX_SUGGESTED) };
}

/// Start a request: the next [`MAX_SUGGESTED`] unknown values get suggestions.
pub(crate) fn reset_budget() {
    let _ = BUDGET.try_with(|b| b.set(MAX_SUGGESTED));
}

/// Take one suggestion from the budget (false when it is spent).
fn take_budget() -> bool {
    BUDGET
        .try_with(|b| {
            let left = b.get();
            b.set(left.saturating_sub(1));
            left > 0
        })
        .unwrap_or(true)
}

/// Levenshtein distance over chars (ignoring ASCII case: the identifiers are ASCII, and full
/// Unicode case mapping would bring its tables into the WebAssembly module).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
    let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let del = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            let sub = prev
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(cost);
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = del.min(ins).min(sub);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// The `n` candidates nearest to `wanted`; ties keep the candidates' order.
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    if !take_budget() {
        return Vec::new();
    }
    let wanted: String = wanted.chars().take(MAX_COMPARED).collect();
    let wanted = wanted.as_str();
    let lw = wanted.to_ascii_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .enumerate()
        .map(|(i, c)| {
            let d = distance(wanted, c);
            // A candidate that contains the wanted text (or vice versa) is a strong match.
            let lc = c.to_ascii_lowercase();
            let d = if !lw.is_empty() && (lc.contains(&lw) || lw.contains(&lc)) {
                d / 2
            } else {
                d
            };
            (d, i, c)
        })
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, c)| c.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos() {
        let c = ["NIS2-I-06-01", "NIS2-I-07-01", "NIS2-II-06-01"];
        assert_eq!(
            nearest("NIS2-I-6-01", c.iter().copied(), 1),
            vec!["NIS2-I-06-01"]
        );
    }
}
