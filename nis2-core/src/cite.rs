//! Citations in the reader's language. The engine writes its citations one way, in English
//! (`Art. 3(1)(a)`, `Annex I, point 1(d), first indent`, `Rec. 2003/361/EC, Annex, Art. 2(1)`:
//! they are ids in the JSON documents); a view shows them in Danish the way Danish legal texts
//! cite (`art. 3, stk. 1, litra a`, `bilag I, punkt 1, litra d, første led`, `henstilling
//! 2003/361/EF, bilaget, art. 2, stk. 1`).

use crate::lang::Lang;

/// A citation as a view in `lang` shows it.
pub fn cite(citation: &str, lang: Lang) -> String {
    match lang {
        Lang::En => citation.to_owned(),
        Lang::Da => danish(citation),
    }
}

/// Natively, how many Danish citations each thread keeps, and up to what length: the engine cites a few
/// hundred provisions, each many times per assessment (a requirement's reasons, its report
/// rows), so they are converted once. A full table is emptied and filled again, so hostile
/// input costs at most the conversion it would cost without the table. (Not in WebAssembly:
/// the table's code would be 1–2 KB of every browser download, for milliseconds that a
/// browser user does not wait for.)
#[cfg(not(target_arch = "wasm32"))]
const KEPT: usize = 2048;
#[cfg(not(target_arch = "wasm32"))]
const KEPT_LEN: usize = 256;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static DANISH: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

#[cfg(target_arch = "wasm32")]
fn danish(citation: &str) -> String {
    convert(citation)
}

fn convert(citation: &str) -> String {
    citation
        .split("; ")
        .map(part)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(not(target_arch = "wasm32"))]
fn danish(citation: &str) -> String {
    let kept = |c: &std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>>>| {
        c.try_borrow()
            .ok()
            .and_then(|m| m.get(citation).map(|d| d.to_string()))
    };
    if let Some(d) = DANISH.try_with(kept).ok().flatten() {
        return d;
    }
    let d = convert(citation);
    if citation.len() <= KEPT_LEN {
        let _ = DANISH.try_with(|c| {
            if let Ok(mut m) = c.try_borrow_mut() {
                if m.len() >= KEPT {
                    m.clear();
                }
                m.insert(citation.into(), d.as_str().into());
            }
        });
    }
    d
}

/// Words and names that are cited as they are, or word for word.
const PHRASES: &[(&str, &str)] = &[
    (
        "Commission Implementing Regulation (EU)",
        "Kommissionens gennemførelsesforordning (EU)",
    ),
    (
        "Implementing Regulation (EU)",
        "gennemførelsesforordning (EU)",
    ),
    ("Regulation (EU)", "forordning (EU)"),
    ("Directive (EU)", "direktiv (EU)"),
    (
        "scope for municipalities",
        "anvendelsesområdet for kommuner",
    ),
    ("(bill L", "(lovforslag L"),
    ("Recital", "betragtning"),
    ("recital", "betragtning"),
    ("/EC", "/EF"),
    (" and ", " og "),
];

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
];

fn phrases(s: &str) -> String {
    PHRASES
        .iter()
        .fold(s.to_owned(), |acc, (en, da)| acc.replace(en, da))
}

/// Whether a string is a citation key (a view shows it in the reader's language).
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
    let c = cite(citation, lang);
    let mut chars = c.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => c,
    }
}

/// Citations of other instruments than the Directive and the Recommendation.
fn other(p: &str) -> Option<String> {
    if let Some(rest) = p.strip_prefix("CIR ") {
        let (number, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        let tail = if let Some(points) = tail.strip_prefix("Annex ") {
            format!(", bilaget, punkt {points}")
        } else if tail == "Annex" {
            ", bilaget".to_owned()
        } else if let Some(a) = tail.strip_prefix("Art. ") {
            format!(", {}", articles(a))
        } else if tail.is_empty() {
            String::new()
        } else {
            format!(", {}", phrases(tail))
        };
        return Some(format!("gennemførelsesforordning (EU) {number}{tail}"));
    }
    if let Some(rest) = p.strip_prefix("Reg. (EU) ") {
        return Some(match rest.split_once(", Art. ") {
            Some((number, a)) => format!("forordning (EU) {number}, {}", articles(a)),
            None => format!("forordning (EU) {rest}"),
        });
    }
    if let Some(rest) = p.strip_prefix("D-mærket criterion ") {
        return Some(format!("D-mærket-kriterium {rest}"));
    }
    if let Some(rest) = p.strip_prefix("IT-Branchen NIS2 guide, step ") {
        return Some(format!("IT-Branchens NIS2-guide, trin {rest}"));
    }
    if let Some(rest) = p.strip_prefix("NIS2 Article ") {
        return Some(format!("NIS2 {}", articles(rest)));
    }
    if let Some((standard, clause)) = p.split_once(" clause ") {
        return Some(format!("{standard}, afsnit {clause}"));
    }
    if let Some((standard, kind)) = p.split_once(" threat type ") {
        return Some(format!("{standard}, trusselstype {kind}"));
    }
    None
}

/// One citation (no `; `).
fn part(p: &str) -> String {
    if let Some(d) = other(p) {
        return d;
    }
    if let Some(rest) = p.strip_prefix("Rec. ") {
        // `Rec. 2003/361/EC, Annex, Art. 2(1)`: the Annex of the Recommendation.
        let (act, tail) = rest.split_once(", Annex, ").unwrap_or((rest, ""));
        let mut out = format!("henstilling {}", phrases(act));
        if !tail.is_empty() {
            out.push_str(", bilaget, ");
            out.push_str(&part(tail));
        }
        return out;
    }
    if let Some(rest) = p.strip_prefix("Annex ") {
        return annex(rest);
    }
    if let Some(rest) = p.strip_prefix("Art. ") {
        return articles(rest);
    }
    // `Directive (EU) 2022/2555, recital 16`, `NIS 2-loven § 10`, names: word for word.
    let (head, tail) = match p.find(", Art. ") {
        Some(i) => (&p[..i], Some(&p[i + 2..])),
        None => (p, None),
    };
    let mut out = phrases(head);
    if let Some(tail) = tail {
        out.push_str(", ");
        out.push_str(&part(tail));
    }
    out
}

/// `I, point 1(a), first indent` → `bilag I, punkt 1, litra a, første led`.
fn annex(rest: &str) -> String {
    let mut out = String::from("bilag ");
    for (i, piece) in rest.split(", ").enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(point) = piece.strip_prefix("point ") {
            let (number, groups) = groups(point);
            out.push_str("punkt ");
            out.push_str(number);
            for g in groups {
                out.push_str(", litra ");
                out.push_str(&g);
            }
        } else {
            out.push_str(&qualifier(piece));
        }
    }
    out
}

/// `first sentence` → `1. pkt.`, `first and second sentences` → `1. og 2. pkt.`.
fn sentences(piece: &str) -> Option<String> {
    let list = piece
        .strip_suffix(" sentences")
        .or_else(|| piece.strip_suffix(" sentence"))?;
    let numbers: Option<Vec<usize>> = list
        .split(" and ")
        .map(|o| ORDINALS.iter().position(|(en, _)| *en == o).map(|i| i + 1))
        .collect();
    let numbers = numbers?;
    let parts: Vec<String> = numbers.iter().map(|n| format!("{n}.")).collect();
    Some(format!("{} pkt.", parts.join(" og ")))
}

/// `first indent` → `første led`, `second subparagraph` → `andet afsnit`.
fn qualifier(piece: &str) -> String {
    if let Some(s) = sentences(piece) {
        return s;
    }
    let Some((ordinal, what)) = piece.split_once(' ') else {
        return phrases(piece);
    };
    let Some((_, da)) = ORDINALS.iter().find(|(en, _)| *en == ordinal) else {
        return phrases(piece);
    };
    let what = match what {
        "indent" => "led",
        "subparagraph" => "afsnit",
        other => return phrases(&format!("{da} {other}")),
    };
    format!("{da} {what}")
}

/// `3(1)(a)`, `2(2)(b)-(e)`, `26(1)(b), 26(2)`, `3 and 6`, `31-33`, `2(1), second
/// subparagraph` after `Art. `.
fn articles(rest: &str) -> String {
    let mut refs: Vec<String> = Vec::new();
    let mut out = String::new();
    for piece in rest.split(", ") {
        if piece.starts_with(|c: char| c.is_ascii_digit()) {
            for (k, r) in piece.split(" and ").enumerate() {
                if k > 0 {
                    refs.push(String::new()); // an `and`
                }
                refs.push(article(r));
            }
        } else {
            flush(&mut out, &mut refs);
            out.push_str(", ");
            out.push_str(&qualifier(piece));
        }
    }
    flush(&mut out, &mut refs);
    out
}

/// The article references collected so far, `art. 3, stk. 1, og art. 6`.
fn flush(out: &mut String, refs: &mut Vec<String>) {
    let list: Vec<&String> = refs.iter().filter(|r| !r.is_empty()).collect();
    for (i, r) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == list.len() { " og " } else { ", " });
        }
        out.push_str(r);
    }
    refs.clear();
}

/// `3(1)(a)` → `art. 3, stk. 1, litra a`; `6(35)` → `art. 6, nr. 35` (the definitions);
/// `2(2)(a)(ii)` → `art. 2, stk. 2, litra a, nr. ii`; `2(2)(b)-(e)` → `…, litra b-e`.
fn article(r: &str) -> String {
    let (number, groups) = groups(r);
    let mut out = format!("art. {number}");
    for (i, g) in groups.iter().enumerate() {
        let unit = match (i, number) {
            (0, "6") => "nr.",
            (0, _) => "stk.",
            (1, _) => "litra",
            _ => "nr.",
        };
        out.push_str(", ");
        out.push_str(unit);
        out.push(' ');
        out.push_str(g);
    }
    out
}

/// `1(a)(ii)` → (`1`, [`a`, `ii`]); `2(2)(b)-(e)` → (`2`, [`2`, `b-e`]).
fn groups(s: &str) -> (&str, Vec<String>) {
    let end = s.find('(').unwrap_or(s.len());
    let (number, mut rest) = s.split_at(end);
    let mut out: Vec<String> = Vec::new();
    while let Some(open) = rest.strip_prefix('(') {
        let Some(close) = open.find(')') else { break };
        out.push(open[..close].to_owned());
        rest = &open[close + 1..];
        if let Some(range) = rest.strip_prefix("-(") {
            if let (Some(close), Some(last)) = (range.find(')'), out.last_mut()) {
                last.push('-');
                last.push_str(&range[..close]);
                rest = &range[close + 1..];
            }
        }
    }
    (number, out)
}

/// The acts a legal definition cites, as Danish names them (longest first where one name holds
/// another).
const ACTS: &[(&str, &str)] = &[
    (
        "Commission Delegated Regulation (EU) ",
        "Kommissionens delegerede forordning (EU) ",
    ),
    ("Council Directive ", "Rådets direktiv "),
    ("Regulation (EC) No ", "forordning (EF) nr. "),
    ("Regulation (EU) No ", "forordning (EU) nr. "),
    ("Regulation (EU) ", "forordning (EU) "),
    ("Regulation (EC) ", "forordning (EF) "),
    ("Directive (EU) ", "direktiv (EU) "),
    ("Directive ", "direktiv "),
    ("/EEC", "/EØF"),
    ("/EC", "/EF"),
    ("Annex ", "bilag "),
    ("; qualified: ", "; kvalificeret: "),
    ("NACE Rev. 2, section ", "NACE Rev. 2, sektion "),
    (", division ", ", hovedgruppe "),
];

/// An entity type's legal definition (a citation of the act that defines it, or of the NACE
/// division) in a language: in Danish, the act as Danish names it and each article's points as
/// the definitions they are, `nr.` for a number and `litra` for a letter (`Directive (EU)
/// 2019/944, Art. 2(57) and (12)` → `direktiv (EU) 2019/944, art. 2, nr. 57 og 12`;
/// `Directive 2002/59/EC, Art. 3(o)` → `direktiv 2002/59/EF, art. 3, litra o`), the
/// Directive's own definitions (`Art. 6(21)`) alike.
pub fn definition(citation: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return citation.to_owned();
    }
    let named = ACTS
        .iter()
        .fold(citation.to_owned(), |acc, (en, da)| acc.replace(en, da));
    let mut out = String::with_capacity(named.len() + 16);
    let mut rest = named.as_str();
    while let Some(at) = rest.find("Art. ") {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at + 5..).unwrap_or_default();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let (number, tail) = after.split_at(digits);
        let (points, used) = definition_points(tail);
        out.push_str("art. ");
        out.push_str(number);
        out.push_str(&points);
        rest = tail.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The points after an article number (`(57) and (12)`, `(1)(a)`, `(9), (14) and (3)`), in
/// Danish, and how many bytes they took.
fn definition_points(s: &str) -> (String, usize) {
    let (mut numbers, mut letters) = (Vec::new(), Vec::new());
    let mut used = 0usize;
    loop {
        let rest = s.get(used..).unwrap_or_default();
        // A point follows directly (`(1)(a)`), or after `, ` or ` and ` once one was read.
        let gap = if numbers.is_empty() && letters.is_empty() {
            0
        } else {
            [", ", " and "]
                .iter()
                .find(|sep| rest.starts_with(**sep))
                .map_or(0, |sep| sep.len())
        };
        let Some(inner) = rest
            .get(gap..)
            .and_then(|r| r.strip_prefix('('))
            .and_then(|r| r.split_once(')'))
            .map(|(inner, _)| inner)
        else {
            break;
        };
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        if inner.starts_with(|c: char| c.is_ascii_digit()) {
            numbers.push(inner);
        } else {
            letters.push(inner);
        }
        used += gap + inner.len() + 2;
    }
    let list = |items: &[&str]| match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    };
    let text = match (numbers.is_empty(), letters.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(", nr. {}", list(&numbers)),
        (true, false) => format!(", litra {}", list(&letters)),
        (false, false) => format!(", nr. {}, litra {}", list(&numbers), list(&letters)),
    };
    (text, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn da(c: &str) -> String {
        cite(c, Lang::Da)
    }

    #[test]
    fn danish_citations() {
        for (en, want) in [
            ("Art. 3(1)(a)", "art. 3, stk. 1, litra a"),
            ("Art. 2(2)(a)(ii)", "art. 2, stk. 2, litra a, nr. ii"),
            ("Art. 2(2)(b)-(e)", "art. 2, stk. 2, litra b-e"),
            ("Art. 3(3)-(4)", "art. 3, stk. 3-4"),
            ("Art. 6(35)", "art. 6, nr. 35"),
            ("Art. 2(1), second subparagraph", "art. 2, stk. 1, andet afsnit"),
            ("Art. 26(1)(b), 26(2); Art. 27", "art. 26, stk. 1, litra b og art. 26, stk. 2; art. 27"),
            ("Art. 31-33", "art. 31-33"),
            ("Annex I, point 1(d), first indent", "bilag I, punkt 1, litra d, første led"),
            ("Annex II, point 5(d)", "bilag II, punkt 5, litra d"),
            ("Annex I, point 10", "bilag I, punkt 10"),
            ("Rec. 2003/361/EC, Annex, Art. 2(1)", "henstilling 2003/361/EF, bilaget, art. 2, stk. 1"),
            ("Rec. 2003/361/EC, Annex, Art. 3 and 6", "henstilling 2003/361/EF, bilaget, art. 3 og art. 6"),
            ("Art. 4; recital 28 (Regulation (EU) 2022/2554 (DORA))", "art. 4; betragtning 28 (forordning (EU) 2022/2554 (DORA))"),
            (
                "Art. 21(5); Art. 23(11); Commission Implementing Regulation (EU) 2024/2690",
                "art. 21, stk. 5; art. 23, stk. 11; Kommissionens gennemførelsesforordning (EU) 2024/2690",
            ),
            ("NIS 2-loven § 1, stk. 2 and 3", "NIS 2-loven § 1, stk. 2 og 3"),
            ("Art. 2(8), third sentence", "art. 2, stk. 8, 3. pkt."),
            (
                "Art. 23(1), first subparagraph, second sentence",
                "art. 23, stk. 1, første afsnit, 2. pkt.",
            ),
            ("Art. 21(2)(i)-(j)", "art. 21, stk. 2, litra i-j"),
            ("Art. 2(8), first and second sentences", "art. 2, stk. 8, 1. og 2. pkt."),
            ("Art. 6(41)", "art. 6, nr. 41"),
            ("CIR 2024/2690 Annex 6.7.2", "gennemførelsesforordning (EU) 2024/2690, bilaget, punkt 6.7.2"),
            ("Reg. (EU) 2024/2690, Art. 3(1)(a)", "forordning (EU) 2024/2690, art. 3, stk. 1, litra a"),
            ("Directive (EU) 2022/2555, Art. 23(3)", "direktiv (EU) 2022/2555, art. 23, stk. 3"),
            ("D-mærket criterion 1.2.3", "D-mærket-kriterium 1.2.3"),
            ("ISO/IEC 27001:2022 A.5.19", "ISO/IEC 27001:2022 A.5.19"),
        ] {
            assert_eq!(da(en), want, "{en}");
            assert_eq!(cite(en, Lang::En), en);
        }
    }

    /// Words of the English citation grammar that must not survive in a Danish citation.
    const ENGLISH: &[&str] = &[
        "Annex",
        "point",
        "indent",
        "Art.",
        "Rec.",
        "ecital",
        "subparagraph",
        " and ",
        "bill",
        "scope",
        "Directive",
        "Regulation",
        "Commission",
        "/EC",
        "first",
        "second",
        "third",
    ];

    #[test]
    fn every_citation_of_the_reference_data_in_danish() {
        let mut citations: Vec<String> = Vec::new();
        let types = crate::entity_types::catalog().unwrap();
        citations.extend(types.entity_types.iter().map(|t| t.citation.clone()));
        citations.extend(types.sectors.iter().map(|s| s.citation.clone()));
        for rule in crate::scope::rules::ALL {
            citations.push(rule.citation.to_owned());
        }
        let overlays = serde_json::to_value(crate::overlay::data().unwrap()).unwrap();
        collect(&overlays, &mut citations);
        // And every citation the scope and programme vectors' results give.
        let vectors = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
        for dir in ["scope", "programme"] {
            for entry in std::fs::read_dir(vectors.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                if let Some(expected) = v.get("expected") {
                    collect(expected, &mut citations);
                }
            }
        }
        citations.sort();
        citations.dedup();
        assert!(citations.len() > 150, "{} citations", citations.len());
        for c in &citations {
            let d = da(c);
            for w in ENGLISH {
                assert!(!d.contains(w), "{c} → {d} keeps `{w}`");
            }
        }
    }

    fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    match x {
                        serde_json::Value::String(s) if k.contains("citation") => {
                            out.push(s.clone())
                        }
                        _ => collect(x, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }

    #[test]
    fn legal_definitions_in_danish() {
        let da = |s: &str| definition(s, Lang::Da);
        for (en, want) in [
            ("Directive (EU) 2019/944, Art. 2(57) and (12)", "direktiv (EU) 2019/944, art. 2, nr. 57 og 12"),
            ("Directive 2002/59/EC, Art. 3(o)", "direktiv 2002/59/EF, art. 3, litra o"),
            ("Directive (EU) 2020/2184, Art. 2(1)(a)", "direktiv (EU) 2020/2184, art. 2, nr. 1, litra a"),
            ("Council Directive 91/271/EEC, Art. 2(1), (2) and (3)", "Rådets direktiv 91/271/EØF, art. 2, nr. 1, 2 og 3"),
            ("Directive 97/67/EC, Art. 2(1a)", "direktiv 97/67/EF, art. 2, nr. 1a"),
            ("Regulation (EU) 2022/123, Art. 22", "forordning (EU) 2022/123, art. 22"),
            ("Regulation (EC) No 725/2004, Annex I", "forordning (EF) nr. 725/2004, bilag I"),
            ("Commission Delegated Regulation (EU) 2015/962, Art. 2(12)", "Kommissionens delegerede forordning (EU) 2015/962, art. 2, nr. 12"),
            ("Regulation (EU) 2019/943, Art. 2(25); Directive (EU) 2019/944, Art. 2(18), (20) and (59)", "forordning (EU) 2019/943, art. 2, nr. 25; direktiv (EU) 2019/944, art. 2, nr. 18, 20 og 59"),
            ("Directive (EU) 2022/2555, Art. 6(25); qualified: Art. 6(27)", "direktiv (EU) 2022/2555, art. 6, nr. 25; kvalificeret: art. 6, nr. 27"),
            ("Directive (EU) 2022/2555, Art. 6(21)", "direktiv (EU) 2022/2555, art. 6, nr. 21"),
            ("NACE Rev. 2, section C, division 21", "NACE Rev. 2, sektion C, hovedgruppe 21"),
            ("Regulation (EU) No 575/2013, Art. 4(1)", "forordning (EU) nr. 575/2013, art. 4, nr. 1"),
            ("Art. 7(", "art. 7("),
        ] {
            assert_eq!(da(en), want, "{en}");
            assert_eq!(definition(en, Lang::En), en);
        }
    }
}
