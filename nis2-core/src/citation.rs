//! Citations in the reader's language. The engine writes every citation key in one English
//! form (`Art. 21(2)(d)`, `Annex II, point 5(d), first indent`, `Rec. 2003/361/EC, Annex,
//! Art. 2(1)`, `CIR 2024/2690 Annex 6.7.2`); a Danish view shows the Danish form (`art. 21,
//! stk. 2, litra d`, `bilag II, punkt 5, litra d, første led`, …). Keys stay English in
//! documents: they are identifiers; only views translate them.

use crate::lang::Lang;

const ORDINALS: &[(&str, &str)] = &[
    ("first", "første"),
    ("second", "andet"),
    ("third", "tredje"),
    ("fourth", "fjerde"),
    ("fifth", "femte"),
    ("sixth", "sjette"),
    ("seventh", "syvende"),
    ("eighth", "ottende"),
    ("ninth", "niende"),
    ("tenth", "tiende"),
];

const SENTENCES: &[(&str, &str)] = &[
    ("first", "1."),
    ("second", "2."),
    ("third", "3."),
    ("fourth", "4."),
];

/// A citation in a language (English: as written).
pub fn render(citation: &str, lang: Lang) -> String {
    match lang {
        Lang::En => citation.to_owned(),
        Lang::Da => citation
            .split("; ")
            .map(danish)
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Whether a string is a citation key (so a view shows it in the reader's language).
pub fn looks_like(s: &str) -> bool {
    [
        "Art. ",
        "Annex ",
        "Rec. ",
        "CIR ",
        "Reg. (EU) ",
        "Directive (EU) 2022/2555, ",
        "Recital ",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// A citation that opens a sentence: in the reader's language, first letter capitalised.
pub fn sentence(citation: &str, lang: Lang) -> String {
    let c = render(citation, lang);
    let mut chars = c.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => c,
    }
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) && s.len() <= 4
}

/// `21(2)(d)` → `21, stk. 2, litra d`; `2(2)(b)-(e)` → `2, stk. 2, litra b-e`;
/// `2(2)(f)(ii)` → `2, stk. 2, litra f, nr. ii`; `3(3)-(4)` → `3, stk. 3-4`.
fn article_tail(s: &str) -> String {
    let (number, rest) = s.split_at(s.find('(').unwrap_or(s.len()));
    let mut out = number.to_owned();
    let mut level = 0;
    let mut rest = rest;
    while let Some(inner) = rest.strip_prefix('(') {
        let Some((part, after)) = inner.split_once(')') else {
            break;
        };
        let word = if part.chars().all(|c| c.is_ascii_digit()) && level == 0 && number == "6" {
            // Art 6 defines its terms in numbered points: `art. 6, nr. 41`.
            "nr."
        } else if part.chars().all(|c| c.is_ascii_digit()) && level == 0 {
            "stk."
        } else if is_roman(part) && level >= 2 {
            "nr."
        } else {
            "litra"
        };
        out.push_str(&format!(", {word} {part}"));
        level += 1;
        rest = after;
        if let Some((to, after)) = rest.strip_prefix("-(").and_then(|r| r.split_once(')')) {
            out.push('-');
            out.push_str(to);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `first subparagraph` → `første afsnit`; `second sentence` → `2. pkt.`; `first indent` →
/// `første led`; otherwise as written.
fn division(s: &str) -> String {
    let t = s.trim();
    for (kind, da_kind) in [("subparagraph", "afsnit"), ("indent", "led")] {
        if let Some(ord) = t.strip_suffix(kind).map(str::trim) {
            if let Some((_, da)) = ORDINALS.iter().find(|(en, _)| *en == ord) {
                return format!("{da} {da_kind}");
            }
        }
    }
    if let Some(ord) = t.strip_suffix("sentence").map(str::trim) {
        if let Some((_, da)) = SENTENCES.iter().find(|(en, _)| *en == ord) {
            return format!("{da} pkt.");
        }
    }
    t.to_owned()
}

/// `Art. 21(2)(a), 21(3), first subparagraph` → each article reference in Danish.
fn articles(s: &str) -> String {
    s.split(", ")
        .map(|part| {
            let starts_numeric = part.chars().next().is_some_and(|c| c.is_ascii_digit());
            if starts_numeric {
                format!("art. {}", article_tail(part))
            } else {
                division(part)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `point 5(d), first indent` → `punkt 5, litra d, første led`.
fn annex_points(s: &str) -> String {
    s.split(", ")
        .map(|part| {
            if let Some(p) = part.strip_prefix("point ") {
                let (n, rest) = p.split_at(p.find('(').unwrap_or(p.len()));
                let mut out = format!("punkt {n}");
                let mut rest = rest;
                while let Some((letter, after)) =
                    rest.strip_prefix('(').and_then(|r| r.split_once(')'))
                {
                    out.push_str(&format!(", litra {letter}"));
                    rest = after;
                }
                out.push_str(rest);
                out
            } else {
                division(part)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn danish(c: &str) -> String {
    if let Some(rest) = c.strip_prefix("Art. ") {
        return articles_with_prefix(rest);
    }
    if let Some(rest) = c.strip_prefix("Article ") {
        return articles_with_prefix(rest);
    }
    if let Some(rest) = c.strip_prefix("Annex ") {
        let (annex, points) = rest.split_once(", ").unwrap_or((rest, ""));
        return if points.is_empty() {
            format!("bilag {annex}")
        } else {
            format!("bilag {annex}, {}", annex_points(points))
        };
    }
    if let Some(rest) = c.strip_prefix("Rec. ") {
        let rest = rest.replace("/EC", "/EF");
        let mut parts = rest.splitn(3, ", ");
        let number = parts.next().unwrap_or_default();
        let mut out = format!("henstilling {number}");
        for p in parts {
            if p == "Annex" {
                out.push_str(", bilaget");
            } else if let Some(a) = p.strip_prefix("Art. ") {
                out.push_str(", ");
                out.push_str(&articles_with_prefix(a));
            } else {
                out.push_str(", ");
                out.push_str(&articles(p));
            }
        }
        return out;
    }
    if let Some(rest) = c.strip_prefix("Reg. (EU) ") {
        let (number, tail) = rest.split_once(", Art. ").unwrap_or((rest, ""));
        return if tail.is_empty() {
            format!("forordning (EU) {number}")
        } else {
            format!("forordning (EU) {number}, {}", articles_with_prefix(tail))
        };
    }
    if let Some(rest) = c.strip_prefix("CIR ") {
        let (number, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        let tail = if let Some(points) = tail.strip_prefix("Annex ") {
            format!("bilaget, punkt {points}")
        } else if tail == "Annex" {
            "bilaget".to_owned()
        } else if let Some(a) = tail.strip_prefix("Art. ") {
            articles_with_prefix(a)
        } else {
            tail.to_owned()
        };
        return format!("gennemførelsesforordning (EU) {number}, {tail}")
            .trim_end_matches(", ")
            .to_owned();
    }
    if let Some(rest) = c.strip_prefix("Directive (EU) 2022/2555, Art. ") {
        return format!("direktiv (EU) 2022/2555, {}", articles_with_prefix(rest));
    }
    if let Some(rest) = c.strip_prefix("Commission Implementing Regulation (EU) ") {
        return format!("Kommissionens gennemførelsesforordning (EU) {rest}");
    }
    if let Some(rest) = c.strip_prefix("Recital ") {
        return format!("betragtning {rest}");
    }
    if let Some(rest) = c.strip_prefix("D-mærket criterion ") {
        return format!("D-mærket-kriterium {rest}");
    }
    if let Some(rest) = c.strip_prefix("IT-Branchen NIS2 guide, step ") {
        return format!("IT-Branchens NIS2-guide, trin {rest}");
    }
    if let Some(rest) = c.strip_prefix("NIS2 Article ") {
        return format!("NIS2 {}", articles_with_prefix(rest));
    }
    if let Some((std, clause)) = c.split_once(" clause ") {
        return format!("{std}, afsnit {clause}");
    }
    if let Some((std, kind)) = c.split_once(" threat type ") {
        return format!("{std}, trusselstype {kind}");
    }
    c.to_owned()
}

/// `21(2)(a), 21(3)` (the part after `Art. `) in Danish, each reference with its `art.`.
fn articles_with_prefix(rest: &str) -> String {
    articles(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(c: &str) -> String {
        render(c, Lang::Da)
    }

    #[test]
    fn danish_forms() {
        assert_eq!(da("Art. 21(2)(d)"), "art. 21, stk. 2, litra d");
        assert_eq!(da("Art. 2(2)(b)-(e)"), "art. 2, stk. 2, litra b-e");
        assert_eq!(da("Art. 2(2)(f)(ii)"), "art. 2, stk. 2, litra f, nr. ii");
        assert_eq!(da("Art. 3(3)-(4)"), "art. 3, stk. 3-4");
        assert_eq!(da("Art. 31-33"), "art. 31-33");
        assert_eq!(da("Art. 6(41)"), "art. 6, nr. 41");
        assert_eq!(
            da("Art. 2(1), second subparagraph"),
            "art. 2, stk. 1, andet afsnit"
        );
        assert_eq!(da("Art. 20(2), first sentence"), "art. 20, stk. 2, 1. pkt.");
        assert_eq!(
            da("Annex II, point 5(d), first indent"),
            "bilag II, punkt 5, litra d, første led"
        );
        assert_eq!(da("Annex I, point 6"), "bilag I, punkt 6");
        assert_eq!(
            da("Rec. 2003/361/EC, Annex, Art. 2(1)"),
            "henstilling 2003/361/EF, bilaget, art. 2, stk. 1"
        );
        assert_eq!(
            da("CIR 2024/2690 Annex 6.7.2"),
            "gennemførelsesforordning (EU) 2024/2690, bilaget, punkt 6.7.2"
        );
        assert_eq!(
            da("Reg. (EU) 2024/2690, Art. 3(1)(a)"),
            "forordning (EU) 2024/2690, art. 3, stk. 1, litra a"
        );
        assert_eq!(da("Art. 2(1); Art. 3(2)"), "art. 2, stk. 1; art. 3, stk. 2");
        assert_eq!(da("NIS 2-loven § 10"), "NIS 2-loven § 10");
        assert_eq!(da("ISO/IEC 27001:2022 A.5.19"), "ISO/IEC 27001:2022 A.5.19");
        assert_eq!(render("Art. 3(2)", Lang::En), "Art. 3(2)");
    }
}
