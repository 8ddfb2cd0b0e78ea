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

/// An unknown value prepared for comparison: its first [`MAX_COMPARED`] characters, ASCII
/// lowercased (the identifiers are ASCII, and full Unicode case mapping would bring its tables
/// into the WebAssembly module), with each character's positions as bits.
struct Pattern {
    /// The positions of each ASCII character.
    ascii: [u64; 128],
    /// The positions of each other character.
    other: Vec<(char, u64)>,
    /// How many characters (at most 64).
    len: u32,
    /// The lowercased text, for the containment test.
    text: String,
}

impl Pattern {
    fn new(wanted: &str) -> Pattern {
        let text: String = wanted
            .chars()
            .take(MAX_COMPARED)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        let mut len = 0u32;
        for (i, c) in text.chars().enumerate() {
            let bit = 1u64 << i;
            match ascii.get_mut(c as usize) {
                Some(mask) => *mask |= bit,
                None => match other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, mask)) => *mask |= bit,
                    None => other.push((c, bit)),
                },
            }
            len += 1;
        }
        Pattern {
            ascii,
            other,
            len,
            text,
        }
    }

    /// The positions of `c` in the pattern.
    fn positions(&self, c: char) -> u64 {
        match self.ascii.get(c as usize) {
            Some(mask) => *mask,
            None => self
                .other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, mask)| *mask),
        }
    }

    /// The Levenshtein distance over characters between the pattern and `text` (ASCII case
    /// ignored), computed a column of the distance matrix at a time as bit vectors (Myers'
    /// algorithm in Hyyrö's form): a few word operations per character of `text` instead of
    /// one cell per pair of characters, for the same number.
    fn distance(&self, text: &str) -> usize {
        let m = self.len;
        if m == 0 {
            return text.chars().count();
        }
        let top = 1u64 << (m - 1);
        // The vertical differences of the column: +1 (`pv`) or -1 (`mv`) down each row; the
        // first column (text empty) counts up, 0, 1, 2, …, m.
        let mut pv = u64::MAX >> (64 - m);
        let mut mv = 0u64;
        let mut score = m as usize;
        for c in text.chars() {
            let eq = self.positions(c.to_ascii_lowercase());
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            if ph & top != 0 {
                score += 1;
            } else if mh & top != 0 {
                score -= 1;
            }
            // The first row (pattern empty) counts up along the text: +1 into row 1.
            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | !(xv | ph);
            mv = ph & xv;
        }
        score
    }
}

/// The farthest a suggestion may be from a wanted value of `len` characters: about two in
/// five of its characters, at least one, and fewer than all of them (a suggestion shares
/// something with what was written: `XX` suggests no Member State, `DN` suggests DK and DE).
fn reach(len: u32) -> usize {
    let len = len as usize;
    (len * 2).div_ceil(5).max(1).min(len.saturating_sub(1))
}

/// The `n` candidates nearest to `wanted` that are near enough to be what was meant: within
/// [`reach`], or containing the wanted text or contained in it (three characters or more:
/// `A.5.19` finds `ISO27001:A.5.19`). A candidate that contains or is contained counts half its
/// distance; ties keep the candidates' order. When nothing is near, every candidate if there
/// are no more than `n` (all the choices there are: `moderate` gets low, medium, high), else
/// none (the first of thirty Member States would not be a suggestion for `XX`).
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    if !take_budget() {
        return Vec::new();
    }
    // Generic only in collecting the candidates: each caller's iterator type would otherwise
    // get its own copy of the whole function (some fifteen in the WebAssembly module).
    let candidates: Vec<&str> = candidates.collect();
    nearest_of(wanted, &candidates, n)
}

/// The ids of the candidates whose texts hold every word of `wanted` (of three characters or
/// more; ASCII case-insensitive), in the candidates' order, at most `n`: for a value written as
/// a name where an id is asked for. Bounded as [`nearest`]: the first [`MAX_COMPARED`]
/// characters, and one unit of the request's budget.
pub(crate) fn by_words<'a, T: Iterator<Item = &'a str>>(
    wanted: &str,
    candidates: impl Iterator<Item = (&'a str, T)>,
    n: usize,
) -> Vec<String> {
    let wanted: String = wanted.chars().take(MAX_COMPARED).collect();
    let words: Vec<String> = wanted
        // Words split at ASCII punctuation and spaces; letters outside ASCII (`æ`, `ø`, `å`)
        // are letters (no Unicode tables in the WebAssembly module).
        .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().nth(2).is_some())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() || !take_budget() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut hay = String::new();
    for (id, texts) in candidates {
        hay.clear();
        for t in texts {
            hay.push_str(t);
            hay.push('\n');
        }
        hay.make_ascii_lowercase();
        if words.iter().all(|w| hay.contains(w.as_str())) {
            out.push(id.to_owned());
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// [`nearest`] over a list of candidates.
fn nearest_of(wanted: &str, candidates: &[&str], n: usize) -> Vec<String> {
    let pattern = Pattern::new(wanted);
    let lw = pattern.text.as_str();
    let mut lc = String::new();
    let reach = reach(pattern.len);
    let mut scored: Vec<(usize, bool, usize, &str)> = candidates
        .iter()
        .copied()
        .enumerate()
        .map(|(i, c)| {
            let d = pattern.distance(c);
            // A candidate that contains the wanted text (or vice versa) is a strong match.
            lc.clear();
            lc.extend(c.chars().map(|ch| ch.to_ascii_lowercase()));
            let (d, strong) = if lw.is_empty() {
                (d, false)
            } else if lc.contains(lw) {
                (d / 2, pattern.len >= 3)
            } else if lw.contains(lc.as_str()) {
                (d / 2, lc.chars().nth(2).is_some())
            } else {
                (d, false)
            };
            (d, !(d <= reach || strong), i, c)
        })
        .collect();
    if scored.iter().any(|&(_, far, _, _)| !far) {
        scored.retain(|&(_, far, _, _)| !far);
    } else if scored.len() > n {
        return Vec::new();
    }
    scored.sort_unstable();
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, _, c)| c.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    /// The Levenshtein distance over chars, ASCII case ignored, one cell at a time (the
    /// reference for [`Pattern::distance`]).
    fn reference(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
        let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        let mut cur: Vec<usize> = vec![0; b.len() + 1];
        for (i, ca) in a.iter().enumerate() {
            cur[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != cb);
                cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(sub);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()]
    }

    /// The bit-parallel distance is the cell-by-cell one, for patterns of every length up to
    /// the 64 characters compared, over an alphabet with repeats, case and non-ASCII letters.
    #[test]
    fn the_distance_is_levenshtein() {
        let alphabet: Vec<char> = "aAbB-._:0129æØ€𝄞".chars().collect();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut word = |len: Option<usize>| -> String {
            let len = len.unwrap_or_else(|| next(80));
            (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
        };
        for case in 0..20_000 {
            let a = word(Some(case % 65));
            let b = word(None);
            let pattern = Pattern::new(&a);
            assert_eq!(pattern.distance(&b), reference(&a, &b), "{a:?} / {b:?}");
        }
        for (a, b) in [
            ("", ""),
            ("", "abc"),
            ("abc", ""),
            ("NIS2-I-6-01", "NIS2-I-06-01"),
        ] {
            assert_eq!(
                Pattern::new(a).distance(b),
                reference(a, b),
                "{a:?} / {b:?}"
            );
        }
    }

    #[test]
    fn nearest_finds_typos() {
        let c = ["NIS2-I-06-01", "NIS2-I-07-01", "NIS2-II-06-01"];
        assert_eq!(
            nearest("NIS2-I-6-01", c.iter().copied(), 1),
            vec!["NIS2-I-06-01"]
        );
    }

    /// Only what is near is suggested: a typo, a different case, a part of an id; not the
    /// first candidates when nothing is near.
    #[test]
    fn nearest_suggests_only_what_is_near() {
        let states = ["AT", "BE", "BG", "DE", "DK", "SK"];
        let near = |w: &str| nearest(w, states.iter().copied(), 3);
        assert_eq!(near("XX"), Vec::<String>::new());
        assert_eq!(near("dk"), vec!["DK", "DE", "SK"]);
        assert_eq!(near("DN"), vec!["DE", "DK"]);
        assert_eq!(near("D"), vec!["DE", "DK"]);
        let ids = ["NIS2-I-06-01", "NIS2-I-10-01", "ISO27001:A.5.19"];
        let near = |w: &str| nearest(w, ids.iter().copied(), 3);
        assert_eq!(near("NIS2-I-10"), vec!["NIS2-I-10-01", "NIS2-I-06-01"]);
        assert_eq!(near("A.5.19"), vec!["ISO27001:A.5.19"]);
        // Nothing near among more candidates than are asked for: none.
        let two = |w: &str| nearest(w, ids.iter().copied(), 2);
        assert_eq!(two("water supply"), Vec::<String>::new());
        // Nothing near among no more candidates than are asked for: all of them.
        assert_eq!(
            nearest("moderate", ["low", "medium", "high"].into_iter(), 3),
            ["medium", "low", "high"]
        );
        assert_eq!(two(""), Vec::<String>::new());
        // The reach: two in five characters (at least one), fewer than all.
        let reaches: Vec<usize> = (0..=12).map(reach).collect();
        assert_eq!(reaches, [0, 0, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5]);
    }
}
