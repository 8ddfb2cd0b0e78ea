//! Risk matrices as data: likelihood and impact scales, named and coloured risk levels, and the
//! level of each cell as a lookup grid or a declared formula with thresholds. Validation lists
//! every problem with its path; a validated matrix is a [`Matrix`].

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entity_types::Provenance;
use crate::error::{Error, Result};
use crate::text::Text;

/// The schema version of risk matrices.
pub const MATRIX_SCHEMA_VERSION: &str = "1";

/// Fewest levels a likelihood or impact scale may have.
pub const MIN_SCALE: usize = 2;
/// Most levels a likelihood or impact scale may have.
pub const MAX_SCALE: usize = 10;

/// A risk matrix: two ordinal scales and the risk level of every (likelihood, impact) cell.
///
/// Positions on the scales are 1-based, lowest first. The cell rule is either `grid` (rows =
/// likelihood 1 → n, columns = impact 1 → m, each cell a level id) or `formula` with
/// `thresholds` (score ranges of the positions' product, sum or maximum mapped to levels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMatrix {
    /// Data format version: `1`.
    pub schema_version: String,
    /// Stable id, e.g. `iso27005-style-5x5`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"))]
    pub id: String,
    /// Name.
    pub name: Text,
    /// What the matrix is for and how to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The likelihood scale, lowest first (2 to 10 levels).
    pub likelihood: Vec<ScaleLevel>,
    /// The impact (consequence) scale, lowest first (2 to 10 levels).
    pub impact: Vec<ScaleLevel>,
    /// The risk levels, lowest first (at least 2).
    pub levels: Vec<RiskLevel>,
    /// The level of each cell: `grid[likelihood - 1][impact - 1]` is a level id. Give either
    /// `grid` or `formula` with `thresholds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<Vec<Vec<String>>>,
    /// The score of a cell from the positions on the two scales.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<Formula>,
    /// For `formula`: contiguous score ranges, lowest first, each mapped to a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Vec<Threshold>>,
    /// Where the matrix comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// One step of a likelihood or impact scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// Its position on the scale, 1 for the lowest (must equal its place in the list).
    #[schemars(range(min = 1, max = 10))]
    pub value: u32,
    /// Short label, e.g. `Likely` / `Sandsynlig`.
    pub label: Text,
    /// What the step means, so that two assessors rate alike.
    pub description: Text,
}

/// A named, coloured risk level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskLevel {
    /// Stable id, e.g. `high`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"))]
    pub id: String,
    /// Name, e.g. `High` / `Høj`.
    pub name: Text,
    /// Colour, `#rrggbb`.
    #[schemars(regex(pattern = r"^#[0-9A-Fa-f]{6}$"))]
    pub colour: String,
    /// What the level usually calls for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// How a cell's score is computed from its positions (likelihood `l`, impact `i`, 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// `l × i` (range 1 … n·m).
    Product,
    /// `l + i` (range 2 … n+m).
    Sum,
    /// `max(l, i)` (range 1 … max(n, m)).
    Max,
}

impl Formula {
    /// The score of a cell.
    pub fn score(self, l: u32, i: u32) -> u32 {
        match self {
            Formula::Product => l.saturating_mul(i),
            Formula::Sum => l.saturating_add(i),
            Formula::Max => l.max(i),
        }
    }

    /// The lowest and highest score on scales of `n` and `m` levels.
    pub fn range(self, n: u32, m: u32) -> (u32, u32) {
        (self.score(1, 1), self.score(n, m))
    }

    fn name(self) -> &'static str {
        match self {
            Formula::Product => "product",
            Formula::Sum => "sum",
            Formula::Max => "max",
        }
    }
}

/// A score range mapped to a level (inclusive bounds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// The level id.
    pub level: String,
    /// The lowest score of the range.
    pub min: u32,
    /// The highest score of the range.
    pub max: u32,
}

/// A matrix given by preset id (see the `presets` operation) or inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum MatrixRef {
    /// The id of an embedded preset, e.g. `iso27005-style-5x5`.
    Preset(String),
    /// A matrix given in full.
    Inline(Box<RiskMatrix>),
}

// Written by hand (not `untagged`) so that problems inside an inline matrix keep their path.
impl<'de> Deserialize<'de> for MatrixRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = MatrixRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a preset matrix id (a string) or a risk matrix (an object)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<MatrixRef, E> {
                Ok(MatrixRef::Preset(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<MatrixRef, E> {
                Ok(MatrixRef::Preset(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<MatrixRef, A::Error> {
                RiskMatrix::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|m| MatrixRef::Inline(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A validated matrix: every cell's level resolved.
#[derive(Debug, Clone)]
pub struct Matrix<'m> {
    def: &'m RiskMatrix,
    n: u32,
    m: u32,
    /// Level index per cell, row-major (likelihood, then impact).
    cells: Vec<usize>,
}

/// A rated cell: positions, score, level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Likelihood position (1-based).
    pub likelihood: u32,
    /// Impact position (1-based).
    pub impact: u32,
    /// Score (the formula's value, or likelihood × impact for a grid).
    pub score: u32,
    /// Level index (0 = lowest).
    pub level: usize,
}

impl<'m> Matrix<'m> {
    /// The matrix definition.
    pub fn def(&self) -> &'m RiskMatrix {
        self.def
    }

    /// Number of likelihood levels.
    pub fn likelihood_levels(&self) -> u32 {
        self.n
    }

    /// Number of impact levels.
    pub fn impact_levels(&self) -> u32 {
        self.m
    }

    /// Number of risk levels.
    pub fn level_count(&self) -> usize {
        self.def.levels.len()
    }

    /// A risk level by index.
    pub fn level(&self, index: usize) -> Option<&'m RiskLevel> {
        self.def.levels.get(index)
    }

    /// The id of a risk level by index (empty if out of range, which a validated matrix never
    /// produces).
    pub fn level_id(&self, index: usize) -> &'m str {
        self.def.levels.get(index).map_or("", |l| l.id.as_str())
    }

    /// The index of a level id.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.def.levels.iter().position(|l| l.id == id)
    }

    /// The score of a cell: the formula's value, or likelihood × impact for a grid.
    pub fn score(&self, l: u32, i: u32) -> u32 {
        self.def.formula.unwrap_or(Formula::Product).score(l, i)
    }

    /// The cell at (likelihood, impact), 1-based; `None` outside the scales.
    pub fn cell(&self, l: u32, i: u32) -> Option<Cell> {
        if l == 0 || i == 0 || l > self.n || i > self.m {
            return None;
        }
        let idx = ((l - 1) * self.m + (i - 1)) as usize;
        self.cells.get(idx).map(|&level| Cell {
            likelihood: l,
            impact: i,
            score: self.score(l, i),
            level,
        })
    }

    /// The rule as a word: `grid`, `product`, `sum` or `max`.
    pub fn rule(&self) -> &'static str {
        match self.def.formula {
            Some(f) if self.def.grid.is_none() => f.name(),
            _ => "grid",
        }
    }
}

/// Whether `id` is a valid id: 1 to 64 ASCII letters, digits, `.`, `_`, `:` or `-`, starting
/// with a letter or digit.
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() <= 64
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b':' | b'-'))
}

pub(crate) fn id_error(path: String, id: &str, what: &str) -> Error {
    Error::invalid(
        path,
        format!("`{id}` is not a valid {what} id: use 1 to 64 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit"),
    )
}

pub(crate) fn check_id(errors: &mut Vec<Error>, path: &str, id: &str, what: &str) {
    if !valid_id(id) {
        errors.push(id_error(path.to_owned(), id, what));
    }
}

fn check_text(errors: &mut Vec<Error>, path: &str, t: &Text) {
    if t.en.trim().is_empty() {
        errors.push(Error::invalid(format!("{path}.en"), "must not be empty"));
    }
    if t.da.trim().is_empty() {
        errors.push(Error::invalid(format!("{path}.da"), "must not be empty"));
    }
}

/// Whether a string is a `#rrggbb` colour.
pub fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.chars().skip(1).all(|c| c.is_ascii_hexdigit())
}

fn check_scale(errors: &mut Vec<Error>, base: &str, name: &str, scale: &[ScaleLevel]) {
    let path = format!("{base}.{name}");
    if !(MIN_SCALE..=MAX_SCALE).contains(&scale.len()) {
        errors.push(Error::invalid(
            &path,
            format!(
                "the {name} scale has {} level{}; a scale has {MIN_SCALE} to {MAX_SCALE}",
                scale.len(),
                if scale.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    for (k, s) in scale.iter().enumerate() {
        let want = k + 1;
        if s.value as usize != want {
            errors.push(Error::invalid(
                format!("{path}[{k}].value"),
                format!("is {}, but this is step {want} of the scale (lowest first): values run 1, 2, 3, … in order", s.value),
            ));
        }
        check_text(errors, &format!("{path}[{k}].label"), &s.label);
        check_text(errors, &format!("{path}[{k}].description"), &s.description);
    }
}

/// Validate a matrix, listing every problem with its path under `base` (e.g. `$.matrix`).
pub fn check<'m>(def: &'m RiskMatrix, base: &str) -> Result<Matrix<'m>> {
    let mut errors = Vec::new();
    let m = check_into(def, base, &mut errors);
    Error::from_list(errors)?;
    m.ok_or_else(|| Error::invalid(base, "the matrix could not be resolved"))
}

/// Validate a matrix, pushing problems into `errors`; the resolved matrix if there were none.
pub(crate) fn check_into<'m>(
    def: &'m RiskMatrix,
    base: &str,
    errors: &mut Vec<Error>,
) -> Option<Matrix<'m>> {
    let before = errors.len();
    check_header(errors, def, base);
    let level_ix = check_levels(errors, def, base);
    let n = def.likelihood.len();
    let m = def.impact.len();
    let x = Shape {
        def,
        base,
        level_ix: &level_ix,
        n,
        m,
        sizes_ok: (MIN_SCALE..=MAX_SCALE).contains(&n) && (MIN_SCALE..=MAX_SCALE).contains(&m),
    };
    // Where a level is first reached, to blame a threshold when it is not.
    let mut threshold_of_level: Vec<Option<usize>> = vec![None; def.levels.len()];
    let cells = cells(errors, &x, &mut threshold_of_level);
    if let Some(cells) = &cells {
        // Monotone: never falls as likelihood or impact rises (checked on a grid only; a
        // formula with non-decreasing thresholds is monotone by construction).
        if def.grid.is_some() {
            check_monotone(errors, &x, cells);
        }
        check_reachable(errors, &x, cells, &threshold_of_level);
    }

    if errors.len() > before {
        return None;
    }
    cells.map(|cells| Matrix {
        def,
        n: n as u32,
        m: m as u32,
        cells,
    })
}

/// The version, id, name and the two scales.
fn check_header(errors: &mut Vec<Error>, def: &RiskMatrix, base: &str) {
    if def.schema_version != MATRIX_SCHEMA_VERSION {
        errors.push(Error::invalid(
            format!("{base}.schema_version"),
            format!(
                "unsupported version `{}`; this engine reads version `{MATRIX_SCHEMA_VERSION}`",
                def.schema_version
            ),
        ));
    }
    check_id(errors, &format!("{base}.id"), &def.id, "matrix");
    check_text(errors, &format!("{base}.name"), &def.name);
    check_scale(errors, base, "likelihood", &def.likelihood);
    check_scale(errors, base, "impact", &def.impact);
}

/// The levels: at least two, ids unique, names, colours. Level id → index.
fn check_levels<'m>(
    errors: &mut Vec<Error>,
    def: &'m RiskMatrix,
    base: &str,
) -> HashMap<&'m str, usize> {
    let mut level_ix: HashMap<&str, usize> = HashMap::with_capacity(def.levels.len());
    if def.levels.len() < 2 {
        errors.push(Error::invalid(
            format!("{base}.levels"),
            format!(
                "has {} risk level{}; a matrix needs at least 2",
                def.levels.len(),
                if def.levels.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    for (k, lv) in def.levels.iter().enumerate() {
        let p = format!("{base}.levels[{k}]");
        check_id(errors, &format!("{p}.id"), &lv.id, "risk level");
        if let Some(first) = level_ix.get(lv.id.as_str()) {
            errors.push(Error::invalid(
                format!("{p}.id"),
                format!("duplicate level id `{}` (first at levels[{first}])", lv.id),
            ));
        } else {
            level_ix.insert(lv.id.as_str(), k);
        }
        check_text(errors, &format!("{p}.name"), &lv.name);
        if !is_colour(&lv.colour) {
            errors.push(Error::invalid(
                format!("{p}.colour"),
                format!("`{}` is not a colour: write `#rrggbb` (six hexadecimal digits), e.g. `#d73027`", lv.colour),
            ));
        }
    }
    level_ix
}

/// A matrix's definition, its levels by id and its size (`n` likelihood × `m` impact levels;
/// `sizes_ok`: both within the allowed range).
struct Shape<'a> {
    def: &'a RiskMatrix,
    base: &'a str,
    level_ix: &'a HashMap<&'a str, usize>,
    n: usize,
    m: usize,
    sizes_ok: bool,
}

impl Shape<'_> {
    /// The index of the level `id`, or a problem at `path`.
    fn level_of(&self, errors: &mut Vec<Error>, path: String, id: &str) -> Option<usize> {
        let (def, level_ix) = (self.def, self.level_ix);
        let found = level_ix.get(id).copied();
        if found.is_none() {
            errors.push(Error::UnknownId {
                accepted: Vec::new(),
                path,
                what: "risk level".to_owned(),
                value: id.to_owned(),
                suggestions: crate::suggest::nearest(
                    id,
                    def.levels.iter().map(|l| l.id.as_str()),
                    3,
                ),
            });
        }
        found
    }
}

/// The level of every cell (row by row, lowest likelihood first) from the grid or from the
/// formula and its thresholds; `None` if the rule is missing, ambiguous or broken.
fn cells(
    errors: &mut Vec<Error>,
    x: &Shape<'_>,
    threshold_of_level: &mut [Option<usize>],
) -> Option<Vec<usize>> {
    let (def, base) = (x.def, x.base);
    match (&def.grid, def.formula, &def.thresholds) {
        (Some(_), Some(_), _) | (Some(_), None, Some(_)) => errors.push(Error::invalid(
            base,
            "give either `grid` or `formula` with `thresholds`, not both",
        )),
        (None, None, None) => errors.push(Error::invalid(
            base,
            "no cell rule: give `grid` (a level id per cell) or `formula` (product, sum or max) with `thresholds`",
        )),
        (None, None, Some(_)) => errors.push(Error::invalid(
            format!("{base}.formula"),
            "`thresholds` given without `formula`: state product, sum or max",
        )),
        (None, Some(_), None) => errors.push(Error::invalid(
            format!("{base}.thresholds"),
            "`formula` given without `thresholds`: map every score range to a level",
        )),
        (Some(grid), None, None) => return grid_cells(errors, x, grid),
        (None, Some(formula), Some(thresholds)) => {
            return formula_cells(errors, x, formula, thresholds, threshold_of_level)
        }
    }
    None
}

/// The cells of a grid: one row per likelihood level, one known level per impact level.
fn grid_cells(errors: &mut Vec<Error>, x: &Shape<'_>, grid: &[Vec<String>]) -> Option<Vec<usize>> {
    let (base, n, m, sizes_ok) = (x.base, x.n, x.m, x.sizes_ok);
    let mut ok = true;
    if grid.len() != n {
        ok = false;
        errors.push(Error::invalid(
            format!("{base}.grid"),
            format!("has {} rows, but the likelihood scale has {n} levels: one row per likelihood level, lowest first", grid.len()),
        ));
    }
    let mut out = Vec::with_capacity(n * m);
    for (r, row) in grid.iter().enumerate() {
        if row.len() != m {
            ok = false;
            errors.push(Error::invalid(
                format!("{base}.grid[{r}]"),
                format!("has {} cells, but the impact scale has {m} levels: one cell per impact level, lowest first", row.len()),
            ));
        }
        for (c, id) in row.iter().enumerate() {
            match x.level_of(errors, format!("{base}.grid[{r}][{c}]"), id) {
                Some(ix) => out.push(ix),
                None => ok = false,
            }
        }
    }
    (ok && sizes_ok).then_some(out)
}

/// The cells of a formula: thresholds contiguous over the formula's range, levels known and
/// never falling; each cell's score mapped to its level.
fn formula_cells(
    errors: &mut Vec<Error>,
    x: &Shape<'_>,
    formula: Formula,
    thresholds: &[Threshold],
    threshold_of_level: &mut [Option<usize>],
) -> Option<Vec<usize>> {
    let (base, n, m) = (x.base, x.n, x.m);
    let (lo, hi) = formula.range(n as u32, m as u32);
    let mut ok = true;
    if thresholds.is_empty() {
        ok = false;
        errors.push(Error::invalid(
            format!("{base}.thresholds"),
            format!("is empty; cover the {} range {lo} to {hi}", formula.name()),
        ));
    }
    ok &= check_thresholds(errors, x, formula, thresholds, threshold_of_level);
    if let Some(last) = thresholds.last() {
        if last.max != hi {
            ok = false;
            let msg = if last.max < hi {
                format!("ends at {}, but the highest {} score on a {n}×{m} matrix is {hi}: the thresholds must cover {lo} to {hi}", last.max, formula.name())
            } else {
                format!("ends at {}, beyond the highest {} score {hi} on a {n}×{m} matrix: the thresholds must cover {lo} to {hi}", last.max, formula.name())
            };
            errors.push(Error::invalid(
                format!("{base}.thresholds[{}].max", thresholds.len() - 1),
                msg,
            ));
        }
    }
    let sizes_ok = x.sizes_ok;
    if !(ok && sizes_ok) {
        return None;
    }
    let mut out = Vec::with_capacity(n * m);
    for l in 1..=n as u32 {
        for i in 1..=m as u32 {
            let s = formula.score(l, i);
            let t = thresholds.iter().find(|t| t.min <= s && s <= t.max);
            match t.and_then(|t| x.level_ix.get(t.level.as_str())) {
                Some(&ix) => out.push(ix),
                None => ok = false,
            }
        }
    }
    ok.then_some(out)
}

/// The thresholds in order: each range well-formed and starting where the previous ended
/// (from the formula's lowest score), its level known and not below the previous range's.
/// Records where each level is first reached. Whether all is well.
fn check_thresholds(
    errors: &mut Vec<Error>,
    x: &Shape<'_>,
    formula: Formula,
    thresholds: &[Threshold],
    threshold_of_level: &mut [Option<usize>],
) -> bool {
    let (def, base) = (x.def, x.base);
    let (lo, hi) = formula.range(x.n as u32, x.m as u32);
    let mut ok = true;
    let mut expect_min = lo;
    let mut prev_level: Option<(usize, usize)> = None;
    for (j, t) in thresholds.iter().enumerate() {
        let p = format!("{base}.thresholds[{j}]");
        let ix = x.level_of(errors, format!("{p}.level"), &t.level);
        if t.min > t.max {
            ok = false;
            errors.push(Error::invalid(
                &p,
                format!("min {} is above max {}", t.min, t.max),
            ));
        }
        if t.min != expect_min {
            ok = false;
            let msg = if j == 0 {
                format!("starts at {}, but the lowest {} score is {lo}: the thresholds must cover {lo} to {hi}", t.min, formula.name())
            } else if t.min > expect_min {
                format!("starts at {}, leaving a gap after {} (the previous range ends at {}): ranges must be contiguous", t.min, expect_min.saturating_sub(1), expect_min.saturating_sub(1))
            } else {
                format!("starts at {}, overlapping the previous range (which ends at {}): ranges must be contiguous", t.min, expect_min.saturating_sub(1))
            };
            errors.push(Error::invalid(format!("{p}.min"), msg));
        }
        expect_min = t.max.saturating_add(1);
        if let Some(ix) = ix {
            if let Some((pj, pix)) = prev_level {
                if ix < pix {
                    ok = false;
                    errors.push(Error::invalid(
                        format!("{p}.level"),
                        format!(
                            "`{}` is lower than `{}` of the previous range (thresholds[{pj}]): the level must never fall as the score rises",
                            t.level,
                            def.levels.get(pix).map_or("", |l| l.id.as_str())
                        ),
                    ));
                }
            }
            prev_level = Some((j, ix));
            if let Some(slot) = threshold_of_level.get_mut(ix) {
                slot.get_or_insert(j);
            }
        } else {
            ok = false;
        }
    }
    ok
}

/// On a grid: no cell's level below the cell one likelihood step lower or one impact step
/// lower.
fn check_monotone(errors: &mut Vec<Error>, x: &Shape<'_>, cells: &[usize]) {
    let (def, base, n, m) = (x.def, x.base, x.n, x.m);
    for r in 0..n {
        for c in 0..m {
            let here = cells.get(r * m + c).copied().unwrap_or(0);
            let mut why = Vec::new();
            if r > 0 {
                let below = cells.get((r - 1) * m + c).copied().unwrap_or(0);
                if here < below {
                    why.push(format!(
                        "below `{}` at grid[{}][{c}] (one likelihood step lower): the level must never fall as likelihood rises",
                        def.levels.get(below).map_or("", |l| l.id.as_str()),
                        r - 1
                    ));
                }
            }
            if c > 0 {
                let left = cells.get(r * m + c - 1).copied().unwrap_or(0);
                if here < left {
                    why.push(format!(
                        "below `{}` at grid[{r}][{}] (one impact step lower): the level must never fall as impact rises",
                        def.levels.get(left).map_or("", |l| l.id.as_str()),
                        c - 1
                    ));
                }
            }
            if !why.is_empty() {
                errors.push(Error::invalid(
                    format!("{base}.grid[{r}][{c}]"),
                    format!(
                        "`{}` (likelihood {} × impact {}) is {}",
                        def.levels.get(here).map_or("", |l| l.id.as_str()),
                        r + 1,
                        c + 1,
                        why.join("; and ")
                    ),
                ));
            }
        }
    }
}

/// Every level is the level of some cell; else a problem at the threshold that maps to it or
/// at the level.
fn check_reachable(
    errors: &mut Vec<Error>,
    x: &Shape<'_>,
    cells: &[usize],
    threshold_of_level: &[Option<usize>],
) {
    let (def, base, n, m) = (x.def, x.base, x.n, x.m);
    let mut reached = vec![false; def.levels.len()];
    for &ix in cells {
        if let Some(slot) = reached.get_mut(ix) {
            *slot = true;
        }
    }
    for (k, hit) in reached.iter().enumerate() {
        if *hit {
            continue;
        }
        let id = def.levels.get(k).map_or("", |l| l.id.as_str());
        match (def.formula, threshold_of_level.get(k).copied().flatten()) {
            (Some(f), Some(j)) => {
                let (lo, hi) = thresholds_bounds(def, j);
                errors.push(Error::invalid(
                    format!("{base}.thresholds[{j}]"),
                    format!("level `{id}` is unreachable: no cell of the {n}×{m} matrix has a {} score from {lo} to {hi}; achievable scores are {}", f.name(), achievable(f, n as u32, m as u32)),
                ));
            }
            (Some(_), None) => errors.push(Error::invalid(
                format!("{base}.levels[{k}]"),
                format!("level `{id}` is unreachable: no threshold maps a score to it"),
            )),
            (None, _) => errors.push(Error::invalid(
                format!("{base}.levels[{k}]"),
                format!("level `{id}` is unreachable: no cell of the grid has it; use every level or remove it"),
            )),
        }
    }
}

fn thresholds_bounds(def: &RiskMatrix, j: usize) -> (u32, u32) {
    def.thresholds
        .as_ref()
        .and_then(|t| t.get(j))
        .map_or((0, 0), |t| (t.min, t.max))
}

fn achievable(f: Formula, n: u32, m: u32) -> String {
    let mut v: Vec<u32> = (1..=n)
        .flat_map(|l| (1..=m).map(move |i| f.score(l, i)))
        .collect();
    v.sort_unstable();
    v.dedup();
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

// ---------------------------------------------------------------------------------------------
// Validation report.

/// The outcome of `validate_matrix`: the matrix is valid; every cell resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixReport {
    /// Always `true` (an invalid matrix is an error listing every problem).
    pub valid: bool,
    /// The matrix id.
    pub id: String,
    /// The matrix name.
    pub name: Text,
    /// Number of likelihood levels.
    pub likelihood_levels: u32,
    /// Number of impact levels.
    pub impact_levels: u32,
    /// `grid`, `product`, `sum` or `max`.
    pub rule: String,
    /// The level of every cell, `cells[likelihood - 1][impact - 1]` (for a formula, as derived).
    pub cells: Vec<Vec<String>>,
    /// How many cells each level has, lowest level first.
    pub level_cells: Vec<LevelCells>,
}

/// How many cells a level covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCells {
    /// The level id.
    pub level: String,
    /// The number of cells.
    pub cells: u32,
    /// The lowest and highest score among those cells.
    pub scores: [u32; 2],
}

impl Matrix<'_> {
    /// The validation report of this matrix.
    pub fn report(&self) -> MatrixReport {
        let mut grid = Vec::with_capacity(self.n as usize);
        let mut level_cells: Vec<LevelCells> = self
            .def
            .levels
            .iter()
            .map(|l| LevelCells {
                level: l.id.clone(),
                cells: 0,
                scores: [u32::MAX, 0],
            })
            .collect();
        for l in 1..=self.n {
            let mut row = Vec::with_capacity(self.m as usize);
            for i in 1..=self.m {
                if let Some(c) = self.cell(l, i) {
                    row.push(self.level_id(c.level).to_owned());
                    if let Some(lc) = level_cells.get_mut(c.level) {
                        lc.cells += 1;
                        lc.scores[0] = lc.scores[0].min(c.score);
                        lc.scores[1] = lc.scores[1].max(c.score);
                    }
                }
            }
            grid.push(row);
        }
        MatrixReport {
            valid: true,
            id: self.def.id.clone(),
            name: self.def.name.clone(),
            likelihood_levels: self.n,
            impact_levels: self.m,
            rule: self.rule().to_owned(),
            cells: grid,
            level_cells,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Re-projection.

/// A (likelihood, impact) rating on a matrix's scales, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// Position on the likelihood scale (1 = lowest).
    #[schemars(range(min = 1, max = 10))]
    pub likelihood: u32,
    /// Position on the impact scale (1 = lowest).
    #[schemars(range(min = 1, max = 10))]
    pub impact: u32,
}

/// The rule used to re-project a rating between scales of different sizes.
pub const REPROJECTION_RULE: Text = Text::st(
    "Proportional position, rounded up: position k on a scale of n levels covers the part ((k−1)/n, k/n] of the scale; it maps to the target position whose part contains the top of that range, ⌈k × n′ / n⌉ on a scale of n′ levels. A rating is never moved lower than its proportional place, so a risk is never understated; the target matrix's own grid then gives the level.",
    "Forholdsmæssig placering, rundet op: trin k på en skala med n trin dækker delen ((k−1)/n, k/n] af skalaen; det flyttes til det trin på målskalaen, hvis del indeholder toppen af dette interval, ⌈k × n′ / n⌉ på en skala med n′ trin. En vurdering flyttes aldrig lavere end sin forholdsmæssige plads, så en risiko undervurderes aldrig; målmatricens egen tabel giver derefter niveauet.",
);

/// Re-project a position `k` on a scale of `n` levels to a scale of `n2` levels
/// (⌈k × n2 / n⌉, at least 1).
pub fn reproject_position(k: u32, n: u32, n2: u32) -> u32 {
    if n == 0 {
        return 1;
    }
    let v = (u64::from(k) * u64::from(n2)).div_ceil(u64::from(n));
    u32::try_from(v).unwrap_or(u32::MAX).clamp(1, n2.max(1))
}

/// A rated cell in the output: positions, score and level id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatedCell {
    /// Likelihood position.
    pub likelihood: u32,
    /// Impact position.
    pub impact: u32,
    /// Score.
    pub score: u32,
    /// Level id.
    pub level: String,
}

/// One re-projected rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReprojectedRating {
    /// On the source matrix.
    pub from: RatedCell,
    /// On the target matrix.
    pub to: RatedCell,
    /// Present when the target level sits relatively lower on its level list than the source
    /// level did on its own (the target matrix's grid decides that, not the re-projection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The outcome of `reproject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reprojection {
    /// The source matrix id.
    pub from_matrix: String,
    /// The target matrix id.
    pub to_matrix: String,
    /// The rule applied.
    pub rule: Text,
    /// The ratings, in the order given.
    pub ratings: Vec<ReprojectedRating>,
}

/// Re-project ratings from one matrix to another. Ratings out of the source scales are listed
/// as errors with their path under `base` (e.g. `$.ratings`).
pub fn reproject(
    from: &Matrix<'_>,
    to: &Matrix<'_>,
    ratings: &[Rating],
    base: &str,
) -> Result<Reprojection> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(ratings.len());
    for (k, r) in ratings.iter().enumerate() {
        let p = format!("{base}[{k}]");
        if r.likelihood == 0 || r.likelihood > from.n {
            errors.push(out_of_scale(
                &format!("{p}.likelihood"),
                r.likelihood,
                from.n,
                "likelihood",
            ));
        }
        if r.impact == 0 || r.impact > from.m {
            errors.push(out_of_scale(
                &format!("{p}.impact"),
                r.impact,
                from.m,
                "impact",
            ));
        }
        let (Some(src), Some(dst)) = (
            from.cell(r.likelihood, r.impact),
            to.cell(
                reproject_position(r.likelihood, from.n, to.n),
                reproject_position(r.impact, from.m, to.m),
            ),
        ) else {
            continue;
        };
        // Relative place of each level on its own list: (index + 1) / count, compared exactly.
        let a = (src.level as u64 + 1) * to.level_count() as u64;
        let b = (dst.level as u64 + 1) * from.level_count() as u64;
        let note = (b < a).then(|| {
            Text::new(
                format!(
                    "`{}` is relatively lower on {}'s {} levels than `{}` was on {}'s {}: the target matrix's grid ranks this cell lower; check the rating with the target's scale descriptions.",
                    to.level_id(dst.level), to.def.id, to.level_count(),
                    from.level_id(src.level), from.def.id, from.level_count()
                ),
                format!(
                    "`{}` ligger relativt lavere blandt {}s {} niveauer end `{}` gjorde blandt {}s {}: målmatricens tabel placerer cellen lavere; kontrollér vurderingen med målskalaens beskrivelser.",
                    to.level_id(dst.level), to.def.id, to.level_count(),
                    from.level_id(src.level), from.def.id, from.level_count()
                ),
            )
        });
        out.push(ReprojectedRating {
            from: rated(from, src),
            to: rated(to, dst),
            note,
        });
    }
    Error::from_list(errors)?;
    Ok(Reprojection {
        from_matrix: from.def.id.clone(),
        to_matrix: to.def.id.clone(),
        rule: REPROJECTION_RULE,
        ratings: out,
    })
}

fn rated(m: &Matrix<'_>, c: Cell) -> RatedCell {
    RatedCell {
        likelihood: c.likelihood,
        impact: c.impact,
        score: c.score,
        level: m.level_id(c.level).to_owned(),
    }
}

pub(crate) fn out_of_scale(path: &str, v: u32, n: u32, scale: &str) -> Error {
    Error::invalid(
        path,
        format!("{v} is outside the {scale} scale: rate from 1 to {n}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprojection_rounds_up() {
        // 5 → 3
        let got: Vec<u32> = (1..=5).map(|k| reproject_position(k, 5, 3)).collect();
        assert_eq!(got, vec![1, 2, 2, 3, 3]);
        // 3 → 5
        let got: Vec<u32> = (1..=3).map(|k| reproject_position(k, 3, 5)).collect();
        assert_eq!(got, vec![2, 4, 5]);
        // same size: identity
        for k in 1..=4 {
            assert_eq!(reproject_position(k, 4, 4), k);
        }
        // never below the proportional position
        for n in 2..=10u32 {
            for n2 in 2..=10u32 {
                for k in 1..=n {
                    let t = reproject_position(k, n, n2);
                    assert!(t >= 1 && t <= n2);
                    assert!(u64::from(t) * u64::from(n) >= u64::from(k) * u64::from(n2));
                }
            }
        }
    }

    #[test]
    fn colours() {
        assert!(is_colour("#a0B1c2"));
        assert!(!is_colour("#abc"));
        assert!(!is_colour("a0b1c2"));
        assert!(!is_colour("#a0b1cg"));
    }

    #[test]
    fn formula_ranges() {
        assert_eq!(Formula::Product.range(5, 5), (1, 25));
        assert_eq!(Formula::Sum.range(4, 3), (2, 7));
        assert_eq!(Formula::Max.range(3, 5), (1, 5));
    }
}
