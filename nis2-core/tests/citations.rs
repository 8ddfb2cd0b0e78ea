//! Every citation the engine can emit names a division of Directive (EU) 2022/2555 that exists.
//!
//! The divisions are in `data/directive-divisions.json` (read in the Official Journal's Formex
//! XML): for every Article its paragraphs, their subparagraphs, the number of sentences of each
//! and their points and sub-points; for Annexes I and II the sectors (points), subsectors
//! (letters) and the indents of the "type of entity" column.
//!
//! The citations are collected from
//! - every conformance vector's `expected` output (`tests/vectors/**`),
//! - every data file (`data/**`),
//! - the string literals of the engine's code that are citations (`src/**`; the scope rule
//!   table `scope/rules.rs` among them),
//!
//! in the fields that hold citations (`citation`, `citations`, `*_citation`, `basis`,
//! `references`). A citation is one or more parts joined by `; `; each part is parsed with the
//! engine's citation grammar (`Art. 21(2)(d)`, `Art. 2(2)(b)-(e)`, `Art. 3(3)-(4)`,
//! `Art. 26(1)(b), 26(2)`, `Art. 31-33`, `Art. 23(4), second subparagraph`,
//! `Art. 23(1), first subparagraph, second sentence`, `Art. 2(8), first and second sentences`,
//! `Annex I, point 1(a), first indent`, `Annex I, points 6 and 7`, `Recital 16`,
//! `Directive (EU) 2022/2555, Art. 23(3)`, `NIS2 Article 21(2)(d)`) and must resolve: a
//! subparagraph is named only where the paragraph has more than one, a sentence only where its
//! subparagraph has more than one (and, where the paragraph has several subparagraphs, with the
//! subparagraph named). Parts citing other instruments (`Rec. 2003/361/EC …`, `CIR 2024/2690 …`,
//! `Reg. (EU) …`, `ISO/IEC …`, national acts, …) are recognised as such and not checked here;
//! a part that is neither fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The divisions of the Directive.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Divisions {
    provenance: Value,
    articles: Vec<Article>,
    annexes: Vec<Annex>,
    recitals: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Article {
    number: u32,
    title: String,
    #[serde(default)]
    paragraphs: Vec<Paragraph>,
    /// The subparagraphs of an Article without numbered paragraphs.
    #[serde(default)]
    subparagraphs: Vec<Subparagraph>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Paragraph {
    number: u32,
    subparagraphs: Vec<Subparagraph>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Subparagraph {
    sentences: usize,
    #[serde(default)]
    points: Vec<Point>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Point {
    id: String,
    #[serde(default)]
    points: Vec<Point>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Annex {
    number: String,
    title: String,
    points: Vec<AnnexPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnexPoint {
    number: u32,
    sector: String,
    #[serde(default)]
    subpoints: Vec<AnnexSubpoint>,
    #[serde(default)]
    indents: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnexSubpoint {
    id: String,
    subsector: String,
    indents: usize,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn divisions() -> &'static Divisions {
    static D: OnceLock<Divisions> = OnceLock::new();
    D.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("data/directive-divisions.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

// ---------------------------------------------------------------------------------------------
// The grammar.

/// What one part of a citation (no `; `) cites.
#[derive(Debug, PartialEq)]
enum Part {
    /// Divisions of the Directive.
    Directive(Vec<Division>),
    /// Another instrument, a standard, a scheme, a national act or a project document.
    Other(&'static str),
}

#[derive(Debug, PartialEq)]
enum Division {
    Article(ArticleRef),
    Annex(AnnexRef),
    Recital(u32),
}

#[derive(Debug, PartialEq, Default)]
struct ArticleRef {
    article: u32,
    /// Paragraph, point, sub-point (`2(2)(a)(ii)` → `2`, `a`, `ii`); for an Article without
    /// numbered paragraphs the first group is a point (`6(35)`).
    groups: Vec<String>,
    /// `31-33` (an Article) or `3(3)-(4)`, `2(2)(b)-(e)` (the last group).
    range_end: Option<String>,
    subparagraph: Option<usize>,
    sentences: Vec<usize>,
}

#[derive(Debug, PartialEq)]
struct AnnexRef {
    annex: String,
    point: Option<(u32, Option<String>)>,
    indent: Option<usize>,
}

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

fn ordinal(word: &str) -> Option<usize> {
    ORDINALS.iter().position(|o| *o == word).map(|i| i + 1)
}

/// Parts of other instruments (and of the project's own documents), by how they begin.
const OTHER: &[(&str, &str)] = &[
    ("Rec. 2003/361/EC", "Commission Recommendation 2003/361/EC"),
    ("CIR 2024/2690", "Implementing Regulation (EU) 2024/2690"),
    ("Reg. (EU) ", "an EU Regulation"),
    ("Regulation (EU) ", "an EU Regulation"),
    (
        "Commission Implementing Regulation (EU) ",
        "an EU Regulation",
    ),
    ("Directive (EU) 2022/2557", "Directive (EU) 2022/2557 (CER)"),
    (
        "TFEU ",
        "the Treaty on the Functioning of the European Union",
    ),
    ("ISO/IEC ", "a standard"),
    ("NIST ", "a standard"),
    ("RFC ", "a standard"),
    ("D-mærket criterion ", "D-mærket"),
    ("d-maerket.dk/", "D-mærket"),
    ("IT-Branchen NIS2 guide", "IT-Branchen"),
    ("ENISA ", "an ENISA publication"),
    ("docs/", "the project's documentation"),
    ("catalogs.md", "the project's reference sheets"),
    ("nis2-core/data/", "the project's data"),
    ("programme step ", "the engine's programme"),
    ("programme policy", "the engine's programme"),
];

/// National acts and their publications, by how they begin (the Member-State files cite them).
const NATIONAL: &[&str] = &[
    "NIS 2-loven",
    "LOV nr ",
    "lov om ",
    "lovforslag ",
    "BSIG",
    "BGBl. ",
    "2024. évi LXIX. törvény",
    "189/2025. (VII. 3.) rendelet",
    "Cyberbeveiligingswet",
    "Stb. ",
    "Cybersäkerhetslag ",
    "Cybersäkerhetsförordning ",
    "SFS ",
    "förordning (",
    "D.Lgs. ",
    "ACN ",
    "DL ",
    "Digitalsikkerhetsloven",
    "Lov om digital sikkerhet",
    "Kibernetinio saugumo įstatymas",
    "Nr. XIV-",
    "Kyberturvallisuuslaki ",
    "Laki julkisen hallinnon",
    "Küberturvalisuse seadus",
    "Latvijas Vēstnesis ",
    "Nacionālās kiberdrošības likums",
    "Ν. ",
    "Νόμος ",
    "ΦΕΚ ",
    "Закон ",
    "Loi NIS2",
    "Moniteur belge ",
    "BIPT ",
    "Projet de loi n° ",
    "AN n° ",
    "CSG",
    "Lög nr. ",
    "NISG ",
    "OUG ",
    "Ordinul ",
    "S.L. ",
    "Uredba ",
    "Zakon ",
    "Zákon ",
    "ZInfV-",
    "Ustawa ",
    "Dz.U. ",
];

/// The names and numbers of the national acts in the Member-State files (`transposition.act`
/// and its amendments): the engine cites a State's act by its number (`Art. 41; SFS 2025:1506`).
fn national_acts() -> &'static Vec<String> {
    static ACTS: OnceLock<Vec<String>> = OnceLock::new();
    ACTS.get_or_init(|| {
        let mut out = Vec::new();
        let mut files = Vec::new();
        json_files(&root().join("data/member_states"), &mut files);
        for f in files {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            let t = &v["transposition"];
            let amendments = t["amendments"].as_array().cloned().unwrap_or_default();
            for act in std::iter::once(&t["act"]).chain(amendments.iter()) {
                for k in ["name", "number"] {
                    if let Some(s) = act[k].as_str() {
                        out.push(s.to_owned());
                    }
                }
            }
        }
        out
    })
}

/// The parts of a citation: split at `; ` outside parentheses.
fn parts(citation: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    let bytes = citation.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b';' if depth == 0 && bytes.get(i + 1) == Some(&b' ') => {
                out.push(&citation[start..i]);
                start = i + 2;
            }
            _ => {}
        }
    }
    out.push(&citation[start..]);
    out
}

/// One part of a citation.
fn parse(part: &str) -> Result<Part, String> {
    let directive = part
        .strip_prefix("Directive (EU) 2022/2555, ")
        .unwrap_or(part);
    if let Some(rest) = directive.strip_prefix("NIS2 Article ") {
        return articles(rest).map(Part::Directive);
    }
    if let Some(rest) = directive.strip_prefix("Art. ") {
        return articles(rest).map(Part::Directive);
    }
    if let Some(rest) = directive.strip_prefix("Annex ") {
        return annex(rest).map(|a| Part::Directive(vec![Division::Annex(a)]));
    }
    if let Some(rest) = directive
        .strip_prefix("Recital ")
        .or_else(|| directive.strip_prefix("recital "))
    {
        // `recital 28 (Regulation (EU) 2022/2554 (DORA))`: a note on what the recital is about.
        let number = rest.split_once(" (").map_or(rest, |(n, _)| n);
        let n: u32 = number.parse().map_err(|_| format!("recital `{number}`"))?;
        return Ok(Part::Directive(vec![Division::Recital(n)]));
    }
    if let Some((_, kind)) = OTHER.iter().find(|(p, _)| part.starts_with(p)) {
        return Ok(Part::Other(kind));
    }
    if NATIONAL.iter().any(|p| part.starts_with(p))
        || national_acts().iter().any(|a| part.starts_with(a.as_str()))
    {
        return Ok(Part::Other("a national act"));
    }
    Err("not a citation of the Directive nor of a known instrument".to_owned())
}

/// After `Art. `: `21(2)(d)`, `26(1)(b), 26(2)`, `3 and 6`, `31-33`, `23(4), second
/// subparagraph`, `2(8), first and second sentences`.
fn articles(rest: &str) -> Result<Vec<Division>, String> {
    let mut refs: Vec<ArticleRef> = Vec::new();
    for piece in rest.split(", ") {
        if piece.starts_with(|c: char| c.is_ascii_digit()) {
            for r in piece.split(" and ") {
                refs.push(article_ref(r)?);
            }
            continue;
        }
        let last = refs
            .last_mut()
            .ok_or_else(|| format!("`{piece}` before any Article"))?;
        qualifier(piece, last)?;
    }
    Ok(refs.into_iter().map(Division::Article).collect())
}

/// `first subparagraph`, `second sentence`, `first and second sentences`.
fn qualifier(piece: &str, r: &mut ArticleRef) -> Result<(), String> {
    if let Some(o) = piece.strip_suffix(" subparagraph") {
        if r.subparagraph.is_some() || !r.sentences.is_empty() {
            return Err(format!("`{piece}` out of order"));
        }
        r.subparagraph = Some(ordinal(o).ok_or_else(|| format!("`{piece}`"))?);
        return Ok(());
    }
    let list = piece
        .strip_suffix(" sentences")
        .or_else(|| piece.strip_suffix(" sentence"))
        .ok_or_else(|| format!("`{piece}` is not a qualifier of the grammar"))?;
    if !r.sentences.is_empty() {
        return Err(format!("`{piece}` twice"));
    }
    for o in list.split(" and ") {
        r.sentences
            .push(ordinal(o).ok_or_else(|| format!("`{piece}`"))?);
    }
    Ok(())
}

/// `2(2)(a)(ii)`, `2(2)(b)-(e)`, `3(3)-(4)`, `31-33`, `6(35)`.
fn article_ref(s: &str) -> Result<ArticleRef, String> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let article: u32 = s[..end].parse().map_err(|_| format!("`{s}`"))?;
    let mut r = ArticleRef {
        article,
        ..ArticleRef::default()
    };
    let mut rest = &s[end..];
    while let Some(open) = rest.strip_prefix('(') {
        let close = open.find(')').ok_or_else(|| format!("`{s}`: unclosed"))?;
        let g = &open[..close];
        if g.is_empty() || !g.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("`{s}`: group `({g})`"));
        }
        r.groups.push(g.to_owned());
        rest = &open[close + 1..];
    }
    if let Some(range) = rest.strip_prefix('-') {
        let end = match range.strip_prefix('(') {
            Some(g) => g.strip_suffix(')').filter(|_| !r.groups.is_empty()),
            None => Some(range).filter(|_| r.groups.is_empty()),
        };
        r.range_end = Some(end.ok_or_else(|| format!("`{s}`: range"))?.to_owned());
        rest = "";
    }
    if !rest.is_empty() {
        return Err(format!("`{s}`: `{rest}` left over"));
    }
    Ok(r)
}

/// After `Annex `: `I`, `I, point 1(a), first indent`, `I, points 6 and 7`.
fn annex(rest: &str) -> Result<AnnexRef, String> {
    let mut pieces = rest.split(", ");
    let annex = pieces.next().unwrap_or_default().to_owned();
    let mut out = AnnexRef {
        annex,
        point: None,
        indent: None,
    };
    let mut points: Vec<(u32, Option<String>)> = Vec::new();
    for piece in pieces {
        if let Some(p) = piece.strip_prefix("point ") {
            points.push(annex_point(p)?);
        } else if let Some(list) = piece.strip_prefix("points ") {
            for p in list.split(" and ") {
                points.push(annex_point(p)?);
            }
        } else if let Some(o) = piece.strip_suffix(" indent") {
            out.indent = Some(ordinal(o).ok_or_else(|| format!("`{piece}`"))?);
        } else {
            return Err(format!("`{piece}` is not part of an Annex citation"));
        }
    }
    if points.len() > 1 {
        if out.indent.is_some() {
            return Err("an indent of several points".to_owned());
        }
        // Each point is checked on its own.
        for p in &points {
            resolve_annex(&AnnexRef {
                annex: out.annex.clone(),
                point: Some(p.clone()),
                indent: None,
            })?;
        }
    }
    out.point = points.into_iter().next();
    Ok(out)
}

/// `1(a)` → (1, a); `10` → (10, none).
fn annex_point(p: &str) -> Result<(u32, Option<String>), String> {
    let (number, letter) = match p.split_once('(') {
        Some((n, l)) => (
            n,
            Some(
                l.strip_suffix(')')
                    .ok_or_else(|| format!("`{p}`"))?
                    .to_owned(),
            ),
        ),
        None => (p, None),
    };
    Ok((number.parse().map_err(|_| format!("point `{p}`"))?, letter))
}

// ---------------------------------------------------------------------------------------------
// Resolution.

fn resolve(d: &Division) -> Result<(), String> {
    match d {
        Division::Article(a) => resolve_article(a),
        Division::Annex(a) => resolve_annex(a),
        Division::Recital(n) => {
            let max = divisions().recitals;
            if (1..=max).contains(n) {
                Ok(())
            } else {
                Err(format!("the Directive has recitals 1-{max}"))
            }
        }
    }
}

fn article(n: u32) -> Result<&'static Article, String> {
    divisions()
        .articles
        .iter()
        .find(|a| a.number == n)
        .ok_or_else(|| format!("there is no Article {n}"))
}

fn resolve_article(r: &ArticleRef) -> Result<(), String> {
    let art = article(r.article)?;
    let qualified = r.subparagraph.is_some() || !r.sentences.is_empty();
    if r.groups.is_empty() {
        if let Some(end) = &r.range_end {
            let end: u32 = end.parse().map_err(|_| format!("range end `{end}`"))?;
            article(end)?;
            if end <= r.article {
                return Err("an empty range of Articles".to_owned());
            }
            return Ok(());
        }
        if art.paragraphs.is_empty() {
            return subparagraphs(&art.subparagraphs, &[], None, r);
        }
        if qualified {
            return Err(format!("Article {} has paragraphs: name one", art.number));
        }
        return Ok(());
    }
    if art.paragraphs.is_empty() {
        return subparagraphs(&art.subparagraphs, &r.groups, r.range_end.as_deref(), r);
    }
    let para = paragraph(art, &r.groups[0])?;
    let points = &r.groups[1..];
    if points.is_empty() {
        if let Some(end) = &r.range_end {
            let last = paragraph(art, end)?;
            if last.number <= para.number || qualified {
                return Err("a range of paragraphs".to_owned());
            }
            return Ok(());
        }
    }
    subparagraphs(&para.subparagraphs, points, r.range_end.as_deref(), r)
        .map_err(|e| format!("paragraph {}: {e}", para.number))
}

fn paragraph<'a>(art: &'a Article, n: &str) -> Result<&'a Paragraph, String> {
    art.paragraphs
        .iter()
        .find(|p| p.number.to_string() == n)
        .ok_or_else(|| format!("Article {} has no paragraph {n}", art.number))
}

/// The points (and the subparagraph and sentences) cited within one paragraph (or an Article
/// without paragraphs).
fn subparagraphs(
    subs: &[Subparagraph],
    points: &[String],
    range_end: Option<&str>,
    r: &ArticleRef,
) -> Result<(), String> {
    let selected: Vec<&Subparagraph> = match r.subparagraph {
        Some(k) if subs.len() < 2 => {
            return Err(format!(
                "one subparagraph only: `{}` names none",
                ORDINALS[k - 1]
            ))
        }
        Some(k) => vec![subs
            .get(k - 1)
            .ok_or_else(|| format!("{} subparagraphs", subs.len()))?],
        None => subs.iter().collect(),
    };
    if !r.sentences.is_empty() {
        if !points.is_empty() {
            return Err("a sentence of a point".to_owned());
        }
        let [sub] = selected.as_slice() else {
            return Err(format!(
                "{} subparagraphs: name the subparagraph of the sentence",
                subs.len()
            ));
        };
        if sub.sentences < 2 {
            return Err("one sentence only: no sentence to name".to_owned());
        }
        let max = r.sentences.iter().max().copied().unwrap_or(0);
        if max > sub.sentences {
            return Err(format!("{} sentences", sub.sentences));
        }
        return Ok(());
    }
    let Some((first, deeper)) = points.split_first() else {
        return Ok(());
    };
    let sub = selected
        .iter()
        .find(|s| s.points.iter().any(|p| p.id == *first))
        .ok_or_else(|| format!("no point ({first})"))?;
    point_path(&sub.points, first, deeper, range_end)
}

fn point_path(
    list: &[Point],
    id: &str,
    deeper: &[String],
    range_end: Option<&str>,
) -> Result<(), String> {
    let i = list
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| format!("no point ({id})"))?;
    match deeper.split_first() {
        Some((next, rest)) => point_path(&list[i].points, next, rest, range_end)
            .map_err(|e| format!("point ({id}): {e}")),
        None => match range_end {
            Some(end) => match list.iter().position(|p| p.id == end) {
                Some(j) if j > i => Ok(()),
                _ => Err(format!("no range ({id})-({end})")),
            },
            None => Ok(()),
        },
    }
}

fn resolve_annex(r: &AnnexRef) -> Result<(), String> {
    let annex = divisions()
        .annexes
        .iter()
        .find(|a| a.number == r.annex)
        .ok_or_else(|| format!("there is no Annex {}", r.annex))?;
    let Some((number, letter)) = &r.point else {
        return match r.indent {
            Some(_) => Err("an indent without a point".to_owned()),
            None => Ok(()),
        };
    };
    let point = annex
        .points
        .iter()
        .find(|p| p.number == *number)
        .ok_or_else(|| format!("Annex {} has no point {number}", annex.number))?;
    let indents = match letter {
        Some(l) => {
            point
                .subpoints
                .iter()
                .find(|s| s.id == *l)
                .ok_or_else(|| format!("Annex {}, point {number} has no ({l})", annex.number))?
                .indents
        }
        None if r.indent.is_some() && !point.subpoints.is_empty() => {
            return Err(format!("point {number} has subsectors: name one"));
        }
        None => point.indents,
    };
    match r.indent {
        Some(n) if n > indents => Err(format!(
            "{indents} indents (a type of entity without a dash has none)"
        )),
        _ => Ok(()),
    }
}

/// Checks one citation; the problems of its parts.
fn check(citation: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for part in parts(citation) {
        match parse(part) {
            Ok(Part::Directive(divs)) => {
                for d in &divs {
                    if let Err(e) = resolve(d) {
                        problems.push(format!("`{part}`: {e}"));
                    }
                }
            }
            Ok(Part::Other(_)) => {}
            Err(e) => problems.push(format!("`{part}`: {e}")),
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// Where the citations are.

/// Field names that hold citations.
fn is_citation_key(k: &str) -> bool {
    matches!(k, "citation" | "citations" | "basis" | "references")
        || k.ends_with("_citation")
        || k.ends_with("_citations")
}

/// `citation` strings under `v`, with `origin`. An enum value (`direct`, `main_establishment`)
/// in a `basis` field is not a citation.
fn collect(v: &Value, origin: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    fn add(s: &str, origin: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
        if !s.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            out.entry(s.to_owned())
                .or_default()
                .insert(origin.to_owned());
        }
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match x {
                    Value::String(s) if is_citation_key(k) => add(s, origin, out),
                    Value::Array(items) if is_citation_key(k) => {
                        for i in items {
                            match i {
                                Value::String(s) => add(s, origin, out),
                                other => collect(other, origin, out),
                            }
                        }
                    }
                    _ => collect(x, origin, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect(x, origin, out)),
        _ => {}
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn relative(path: &Path) -> String {
    let repo = root().join("..").canonicalize().unwrap();
    let path = path.canonicalize().unwrap();
    path.strip_prefix(&repo)
        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string())
}

/// Source files whose `Art.` literals are not the Directive's: the incident-significance
/// criteria cite Articles of Implementing Regulation (EU) 2024/2690 and are prefixed with
/// `Reg. (EU) 2024/2690, ` when emitted (their vectors are checked in that form).
const OTHER_INSTRUMENT_SOURCES: &[&str] = &["programme/significance/"];

/// Every citation with where it was found.
fn all_citations() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut files = Vec::new();
    json_files(&root().join("../tests/vectors"), &mut files);
    for f in &files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        // The engine's output, and what the vector says it tests.
        for k in ["expected", "citations", "references"] {
            if let Some(x) = v.get(k) {
                let mut wrapped = serde_json::Map::new();
                wrapped.insert(k.replace("expected", "output"), x.clone());
                collect(&Value::Object(wrapped), &relative(f), &mut out);
            }
        }
    }
    let mut files = Vec::new();
    json_files(&root().join("data"), &mut files);
    for f in &files {
        if f.ends_with("directive-divisions.json") || f.to_string_lossy().contains("oscal-schemas")
        {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        collect(&v, &relative(f), &mut out);
    }
    let literal =
        regex::Regex::new(r#""((?:Art\. |Annex I|Directive \(EU\) 2022/2555)[^"]*)""#).unwrap();
    let mut files = Vec::new();
    rs_files(&root().join("src"), &mut files);
    for f in &files {
        let name = relative(f);
        if name.ends_with("src/cite.rs")
            || OTHER_INSTRUMENT_SOURCES.iter().any(|s| name.contains(s))
        {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            for c in literal.captures_iter(line) {
                let s = &c[1];
                // A sentence (a rule's Danish text) ends with a full stop; a citation never does.
                if s.ends_with('.') {
                    continue;
                }
                // `format!("Art. 41; {n}")`: the parts without a placeholder.
                let kept: Vec<&str> = parts(s).into_iter().filter(|p| !p.contains('{')).collect();
                out.entry(kept.join("; "))
                    .or_default()
                    .insert(format!("{name}:{}", i + 1));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tests.

#[test]
fn every_citation_resolves() {
    let citations = all_citations();
    let mut directive_parts: BTreeSet<&str> = BTreeSet::new();
    let mut failures = Vec::new();
    for (c, origins) in &citations {
        for part in parts(c) {
            if matches!(parse(part), Ok(Part::Directive(_))) {
                directive_parts.insert(part);
            }
        }
        for p in check(c) {
            let mut o: Vec<&String> = origins.iter().take(3).collect();
            o.sort();
            failures.push(format!(
                "{p}\n    in {o:?}{}",
                if origins.len() > 3 { " …" } else { "" }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} citation parts do not resolve:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The collection finds what it should: scope rules, entity types, programme, catalogs.
    assert!(citations.len() > 500, "{} citations", citations.len());
    assert!(
        directive_parts.len() > 200,
        "{} parts",
        directive_parts.len()
    );
    eprintln!(
        "{} citations checked ({} distinct parts citing the Directive)",
        citations.len(),
        directive_parts.len()
    );
}

#[test]
fn the_divisions_file() {
    let d = divisions();
    assert_eq!(d.provenance["status"], "verified");
    assert!(d.provenance["source"]
        .as_str()
        .unwrap()
        .contains("OJ L 333, 27.12.2022"));
    let numbers: Vec<u32> = d.articles.iter().map(|a| a.number).collect();
    assert_eq!(numbers, (1..=46).collect::<Vec<_>>());
    for a in &d.articles {
        assert!(!a.title.is_empty());
        assert!(
            a.paragraphs.is_empty() != a.subparagraphs.is_empty(),
            "Article {}: paragraphs or subparagraphs",
            a.number
        );
        for (i, p) in a.paragraphs.iter().enumerate() {
            assert_eq!(p.number as usize, i + 1, "Article {}", a.number);
            assert!(!p.subparagraphs.is_empty());
        }
        let subs = a
            .paragraphs
            .iter()
            .flat_map(|p| &p.subparagraphs)
            .chain(&a.subparagraphs);
        for s in subs {
            assert!(s.sentences >= 1, "Article {}", a.number);
        }
    }
    let annexes: Vec<&str> = d.annexes.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(annexes, ["I", "II", "III"]);
    for a in d.annexes.iter().take(2) {
        assert!(!a.title.is_empty());
        for (i, p) in a.points.iter().enumerate() {
            assert_eq!(p.number as usize, i + 1, "Annex {}", a.number);
            assert!(!p.sector.is_empty());
            assert!(p.subpoints.is_empty() || p.indents == 0);
            assert!(p.subpoints.iter().all(|s| !s.subsector.is_empty()));
        }
    }
    // Spot checks read in the Official Journal.
    let art = |n: u32| d.articles.iter().find(|a| a.number == n).unwrap();
    assert_eq!(art(2).paragraphs[7].subparagraphs.len(), 1);
    assert_eq!(art(2).paragraphs[7].subparagraphs[0].sentences, 3);
    assert_eq!(art(20).paragraphs[1].subparagraphs[0].sentences, 1);
    assert_eq!(art(23).paragraphs[0].subparagraphs.len(), 3);
    assert_eq!(art(23).paragraphs[0].subparagraphs[0].sentences, 4);
    assert_eq!(art(23).paragraphs[3].subparagraphs.len(), 2);
    assert_eq!(art(21).paragraphs[1].subparagraphs[0].points.len(), 10);
    assert_eq!(art(6).subparagraphs[0].points.len(), 41);
    assert_eq!(d.annexes[0].points.len(), 11);
    assert_eq!(d.annexes[1].points.len(), 7);
}

#[test]
fn the_grammar() {
    for ok in [
        "Art. 21(2)(d)",
        "Art. 2(2)(b)-(e)",
        "Art. 2(2)(a)(ii)",
        "Art. 23(4), second subparagraph",
        "Art. 23(1), first subparagraph, second sentence",
        "Art. 3(3)-(4)",
        "Art. 26(1)(b), 26(2)",
        "Annex I, point 1(a), first indent",
        "Annex I, point 8, ninth indent",
        "Annex I, points 6 and 7",
        "Annex II, point 5(d)",
        "Annex II, point 6, third indent",
        "Art. 31-33",
        "Art. 6(35)(d)",
        "Art. 2(8), first and second sentences",
        "Art. 2(8), third sentence",
        "Art. 2(1), second subparagraph; Rec. 2003/361/EC, Annex, Art. 3(4)",
        "Art. 21(5); Art. 23(11); Commission Implementing Regulation (EU) 2024/2690",
        "Directive (EU) 2022/2555, Art. 23(3)",
        "Directive (EU) 2022/2555, recital 16",
        "NIS2 Article 21(2)(d)",
        "Recital 16; Rec. 2003/361/EC, Annex, Art. 6(2)",
        "Art. 4; recital 28 (Regulation (EU) 2022/2554 (DORA))",
        "CIR 2024/2690 Annex 6.7.2",
        "Reg. (EU) 2024/2690, Art. 3(1)(f) and 4",
        "ISO/IEC 27001:2022 A.5.19",
        "NIS 2-loven § 10",
        "Kyberturvallisuuslaki 124/2025",
    ] {
        assert_eq!(check(ok), Vec::<String>::new(), "{ok}");
    }
    for bad in [
        "Art. 20(2), first sentence",      // one sentence
        "Art. 23(1), second sentence",     // three subparagraphs: which?
        "Art. 2(8), first subparagraph",   // one subparagraph
        "Art. 23(1), fourth subparagraph", // three
        "Art. 21(2)(k)",
        "Art. 21(2)(i), (j)",
        "Art. 47",
        "Art. 2(15)",
        "Art. 6(42)",
        "Art. 2(2)(a)(iv)",
        "Art. 2(2)(e)-(b)",
        "Annex I, point 3, first indent", // banking: no dash
        "Annex I, point 1, first indent", // name the subsector
        "Annex I, point 1(a), eighth indent",
        "Annex II, point 5(g)",
        "Annex IV",
        "Recital 145",
        "Directive (EU) 2022/2555 Art 4",
        "Article 21",
    ] {
        assert!(!check(bad).is_empty(), "{bad} should not resolve");
    }
    assert_eq!(
        parse("Rec. 2003/361/EC, Annex, Art. 2(1)"),
        Ok(Part::Other("Commission Recommendation 2003/361/EC"))
    );
}
