//! "Did you mean" suggestions for unknown identifiers.

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
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .enumerate()
        .map(|(i, c)| {
            let d = distance(wanted, c);
            // A candidate that contains the wanted text (or vice versa) is a strong match.
            let lw = wanted.to_ascii_lowercase();
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
