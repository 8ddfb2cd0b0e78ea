//! Heat maps: counts per (likelihood, impact) cell for one stage, as data and as a standalone,
//! accessible SVG (levels written in every cell, counts in cells, `<title>`/`<desc>`,
//! `role="img"`, deterministic output).

use std::borrow::Cow;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;

use super::assess::{Assessment, Stage};
use super::matrix::Matrix;

/// The schema version of heat maps.
pub const HEATMAP_SCHEMA_VERSION: &str = "1";

pub use crate::lang::Lang;

/// A step of an axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AxisStep {
    /// Position (1 = lowest).
    pub value: u32,
    /// Label.
    pub label: Text,
}

/// A level with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatLevel<'a> {
    /// Level id.
    pub id: Cow<'a, str>,
    /// Name.
    pub name: Text,
    /// Colour `#rrggbb`.
    pub colour: Cow<'a, str>,
    /// Scenarios at this level.
    pub count: u32,
}

/// One cell of the heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatCell<'a> {
    /// Likelihood position.
    pub likelihood: u32,
    /// Impact position.
    pub impact: u32,
    /// The cell's level id.
    pub level: Cow<'a, str>,
    /// Scenarios in the cell.
    pub count: u32,
    /// Their ids, register order.
    pub scenarios: Vec<Cow<'a, str>>,
}

/// A heat map as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatMap<'a> {
    /// Data format version.
    pub schema_version: Cow<'a, str>,
    /// The register's name.
    pub register: Cow<'a, str>,
    /// The matrix id.
    pub matrix: Cow<'a, str>,
    /// The stage counted.
    pub stage: Stage,
    /// Total scenarios.
    pub total: u32,
    /// The likelihood axis, lowest first.
    pub likelihood: Vec<AxisStep>,
    /// The impact axis, lowest first.
    pub impact: Vec<AxisStep>,
    /// The levels with their counts, lowest first.
    pub levels: Vec<HeatLevel<'a>>,
    /// Every cell, likelihood then impact ascending.
    pub cells: Vec<HeatCell<'a>>,
}

/// A heat map rendered as SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatMapSvg {
    /// The stage counted.
    pub stage: Stage,
    /// The language of the labels.
    pub lang: Lang,
    /// The SVG document.
    pub svg: String,
}

/// Build the heat map of a stage from an assessment and its matrix.
pub fn build<'a>(a: &Assessment<'a>, m: &Matrix<'a>, stage: Stage) -> HeatMap<'a> {
    let n = m.likelihood_levels();
    let k = m.impact_levels();
    let def: &'a super::matrix::RiskMatrix = m.def();
    let mut cells: Vec<HeatCell<'a>> = Vec::with_capacity((n * k) as usize);
    for l in 1..=n {
        for i in 1..=k {
            let level = m.cell(l, i).map_or(0, |c| c.level);
            cells.push(HeatCell {
                likelihood: l,
                impact: i,
                level: Cow::Borrowed(m.level_id(level)),
                count: 0,
                scenarios: Vec::new(),
            });
        }
    }
    let mut level_counts = vec![0u32; m.level_count()];
    for s in &a.scenarios {
        let r = s.stage(stage);
        if r.likelihood == 0 || r.impact == 0 || r.likelihood > n || r.impact > k {
            continue;
        }
        let ix = ((r.likelihood - 1) * k + (r.impact - 1)) as usize;
        if let Some(c) = cells.get_mut(ix) {
            c.count += 1;
            c.scenarios.push(s.id.clone());
        }
        if let Some(c) = m
            .cell(r.likelihood, r.impact)
            .and_then(|c| level_counts.get_mut(c.level))
        {
            *c += 1;
        }
    }
    HeatMap {
        schema_version: Cow::Borrowed(HEATMAP_SCHEMA_VERSION),
        register: a.register.clone(),
        matrix: Cow::Borrowed(&def.id),
        stage,
        total: u32::try_from(a.scenarios.len()).unwrap_or(u32::MAX),
        likelihood: def
            .likelihood
            .iter()
            .map(|s| AxisStep {
                value: s.value,
                label: s.label.clone(),
            })
            .collect(),
        impact: def
            .impact
            .iter()
            .map(|s| AxisStep {
                value: s.value,
                label: s.label.clone(),
            })
            .collect(),
        levels: def
            .levels
            .iter()
            .zip(level_counts)
            .map(|(l, count)| HeatLevel {
                id: Cow::Borrowed(&l.id),
                name: l.name.clone(),
                colour: Cow::Borrowed(&l.colour),
                count,
            })
            .collect(),
        cells,
    }
}

// ---------------------------------------------------------------------------------------------
// SVG.

use crate::view::render::html_escape as esc;

/// WCAG relative luminance of `#rrggbb` (0 for anything else).
fn luminance(colour: &str) -> f64 {
    let ch = |r: std::ops::Range<usize>| -> f64 {
        let v = colour
            .get(r)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(1..3) + 0.7152 * ch(3..5) + 0.0722 * ch(5..7)
}

/// Black or white, whichever contrasts more with the fill (WCAG contrast ratio).
fn text_colour(fill: &str) -> &'static str {
    let l = luminance(fill);
    let with_black = (l + 0.05) / 0.05;
    let with_white = 1.05 / (l + 0.05);
    if with_black >= with_white {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// A short deterministic hash (FNV-1a, 32 bits) to make element ids unique per document.
fn fnv(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn width_of(s: &str, font: u32) -> u32 {
    // A conservative estimate for a sans-serif face: 0.62 em per character.
    let chars = u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    chars.saturating_mul(font).saturating_mul(62) / 100
}

struct Words {
    heading: &'static str,
    likelihood: &'static str,
    impact: &'static str,
    scenario: &'static str,
    scenarios: &'static str,
    level: &'static str,
    legend: &'static str,
    empty: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            heading: "risk heat map",
            likelihood: "Likelihood",
            impact: "Impact",
            scenario: "scenario",
            scenarios: "scenarios",
            level: "level",
            legend: "Levels",
            empty: "No cell holds a scenario.",
        },
        Lang::Da => Words {
            heading: "risikokort",
            likelihood: "Sandsynlighed",
            impact: "Konsekvens",
            scenario: "scenarie",
            scenarios: "scenarier",
            level: "niveau",
            legend: "Niveauer",
            empty: "Ingen celle indeholder et scenarie.",
        },
    }
}

fn plural(w: &Words, n: u32) -> &'static str {
    if n == 1 {
        w.scenario
    } else {
        w.scenarios
    }
}

/// Render a heat map as a standalone SVG document. Deterministic: the same heat map and
/// language always give the same bytes.
pub fn render_svg(h: &HeatMap<'_>, lang: Lang) -> String {
    let w = words(lang);
    let title = svg_title(h, lang, &w);
    let lay = Layout::of(h, lang, &title);
    let desc = svg_description(h, lang, &w);
    let c = Canvas {
        h,
        lang,
        w: &w,
        lay: &lay,
    };
    let mut s = String::with_capacity(4096 + h.cells.len() * 400);
    write_header(&mut s, &c, &title, &desc);
    write_likelihood_axis(&mut s, &c);
    write_cells(&mut s, &c);
    write_impact_axis(&mut s, &c);
    write_legend(&mut s, &c);
    s.push_str("</svg>\n");
    s
}

/// The font size of the labels.
const FONT: u32 = 12;
/// The height of a cell.
const CELL_H: u32 = 56;
/// The padding around the figure.
const PAD: u32 = 16;

/// The figure's title: the stage counted, the heading and the register.
fn svg_title(h: &HeatMap<'_>, lang: Lang, w: &Words) -> String {
    let stage = lang.pick(&h.stage.text()).to_owned();
    let stage_cap = {
        let mut c = stage.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    match lang {
        Lang::En => format!("{stage_cap} {} — {}", w.heading, h.register),
        Lang::Da => format!("{}, {stage} — {}", capital(w.heading), h.register),
    }
}

/// Where things go: `n` likelihood rows × `k` impact columns of cells, the grid's origin and
/// size, the legend's top, the document's size.
struct Layout {
    n: u32,
    k: u32,
    cell_w: u32,
    grid_x: u32,
    grid_y: u32,
    grid_w: u32,
    grid_h: u32,
    legend_y: u32,
    width: u32,
    height: u32,
}

impl Layout {
    /// Size the cells to their longest labels and the document to the grid, the legend and
    /// the title.
    fn of(h: &HeatMap<'_>, lang: Lang, title: &str) -> Layout {
        let n = u32::try_from(h.likelihood.len()).unwrap_or(0);
        let k = u32::try_from(h.impact.len()).unwrap_or(0);
        let max_level = h
            .levels
            .iter()
            .map(|l| width_of(lang.pick(&l.name), 11))
            .max()
            .unwrap_or(0);
        let max_impact = h
            .impact
            .iter()
            .map(|s| width_of(&format!("{} {}", s.value, lang.pick(&s.label)), 11))
            .max()
            .unwrap_or(0);
        let cell_w = 96.max(max_level + 16).max(max_impact + 8);
        let label_w = h
            .likelihood
            .iter()
            .map(|s| width_of(&format!("{} {}", s.value, lang.pick(&s.label)), FONT))
            .max()
            .unwrap_or(0)
            + 12;
        let axis_title_w = 24;
        let grid_x = PAD + axis_title_w + label_w;
        let grid_y = PAD + 28;
        let grid_w = cell_w * k;
        let grid_h = CELL_H * n;
        let legend_y = grid_y + grid_h + 52;
        let legend_rows = u32::try_from(h.levels.len()).unwrap_or(0);
        let width = (grid_x + grid_w + PAD).max(width_of(title, 16) + 2 * PAD);
        let height = legend_y + 22 + legend_rows * 20 + PAD;
        Layout {
            n,
            k,
            cell_w,
            grid_x,
            grid_y,
            grid_w,
            grid_h,
            legend_y,
            width,
            height,
        }
    }
}

/// The figure's description for assistive technology: the axes, the count per level and
/// every cell that holds a scenario, highest first.
fn svg_description(h: &HeatMap<'_>, lang: Lang, w: &Words) -> String {
    let n = u32::try_from(h.likelihood.len()).unwrap_or(0);
    let k = u32::try_from(h.impact.len()).unwrap_or(0);
    let level_of = |id: &str| h.levels.iter().find(|l| l.id == id);
    let mut desc = String::new();
    let first = |axis: &[AxisStep]| axis.first().map_or("", |s| lang.pick(&s.label)).to_owned();
    let last = |axis: &[AxisStep]| axis.last().map_or("", |s| lang.pick(&s.label)).to_owned();
    let _ = match lang {
        Lang::En => write!(
            desc,
            "{} {}. Rows: likelihood from 1 ({}) at the bottom to {n} ({}) at the top. Columns: impact from 1 ({}) on the left to {k} ({}) on the right. Each cell shows its count and its level. ",
            h.total,
            plural(w, h.total),
            first(&h.likelihood),
            last(&h.likelihood),
            first(&h.impact),
            last(&h.impact),
        ),
        Lang::Da => write!(
            desc,
            "{} {}. Rækker: sandsynlighed fra 1 ({}) nederst til {n} ({}) øverst. Kolonner: konsekvens fra 1 ({}) til venstre til {k} ({}) til højre. Hver celle viser antal og niveau. ",
            h.total,
            plural(w, h.total),
            first(&h.likelihood),
            last(&h.likelihood),
            first(&h.impact),
            last(&h.impact),
        ),
    };
    let per_level: Vec<String> = h
        .levels
        .iter()
        .rev()
        .map(|l| format!("{}: {}", lang.pick(&l.name), l.count))
        .collect();
    let _ = write!(desc, "{}: {}. ", w.legend, per_level.join(", "));
    let mut filled: Vec<&HeatCell<'_>> = h.cells.iter().filter(|c| c.count > 0).collect();
    filled.sort_by(|a, b| {
        b.likelihood
            .cmp(&a.likelihood)
            .then(b.impact.cmp(&a.impact))
    });
    if filled.is_empty() {
        desc.push_str(w.empty);
    } else {
        let parts: Vec<String> = filled
            .iter()
            .map(|c| {
                let name = level_of(&c.level).map_or("", |l| lang.pick(&l.name));
                format!(
                    "{} {} × {} {}: {} {} ({} {})",
                    w.likelihood,
                    c.likelihood,
                    w.impact.to_lowercase(),
                    c.impact,
                    c.count,
                    plural(w, c.count),
                    w.level,
                    name
                )
            })
            .collect();
        desc.push_str(&parts.join("; "));
        desc.push('.');
    }
    desc
}

/// What drawing a heat map needs: the heat map, the language and its words, the layout.
struct Canvas<'a, 'h> {
    h: &'a HeatMap<'h>,
    lang: Lang,
    w: &'a Words,
    lay: &'a Layout,
}

/// The document's opening: the `svg` element with its accessible name, title, description,
/// background and visible title.
fn write_header(s: &mut String, c: &Canvas<'_, '_>, title: &str, desc: &str) {
    let (h, lang) = (c.h, c.lang);
    let (width, height) = (c.lay.width, c.lay.height);
    let id = format!(
        "nis2-heatmap-{}-{:08x}",
        h.stage.as_str(),
        fnv(&format!("{title}\u{1f}{desc}"))
    );
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}" aria-describedby="{id}-desc" lang="{}" font-family="Arial, Helvetica, sans-serif">"#,
        esc(title),
        lang.code()
    );
    let _ = write!(
        s,
        "\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        esc(title),
        esc(desc)
    );
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r##"<text x="{PAD}" y="{}" font-size="16" font-weight="bold" fill="#000000">{}</text>"##,
        PAD + 12,
        esc(title)
    );
}

/// The likelihood axis: its title (rotated) and a label per row, highest at the top.
fn write_likelihood_axis(s: &mut String, c: &Canvas<'_, '_>) {
    let (h, lang, w) = (c.h, c.lang, c.w);
    let Layout {
        grid_x,
        grid_y,
        grid_h,
        ..
    } = *c.lay;
    // Likelihood axis title (rotated) and labels.
    let cy = grid_y + grid_h / 2;
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{cy}" font-size="{FONT}" font-weight="bold" fill="#000000" text-anchor="middle" transform="rotate(-90 {} {cy})">{} ↑</text>"##,
        PAD + 10,
        PAD + 10,
        esc(w.likelihood)
    );
    for (row, step) in h.likelihood.iter().rev().enumerate() {
        let y = grid_y + u32::try_from(row).unwrap_or(0) * CELL_H + CELL_H / 2 + 4;
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{y}" font-size="{FONT}" fill="#000000" text-anchor="end">{} {}</text>"##,
            grid_x - 8,
            step.value,
            esc(lang.pick(&step.label))
        );
    }
}

/// The cells: rows from the highest likelihood (top) down, each with its count and level.
fn write_cells(s: &mut String, c: &Canvas<'_, '_>) {
    let (h, lang) = (c.h, c.lang);
    let Layout {
        n,
        k,
        cell_w,
        grid_x,
        grid_y,
        ..
    } = *c.lay;
    let level_of = |id: &str| h.levels.iter().find(|l| l.id == id);
    s.push_str("<g stroke=\"#ffffff\" stroke-width=\"2\">\n");
    for row in 0..n {
        let l = n - row;
        for col in 0..k {
            let i = col + 1;
            let Some(c) = h
                .cells
                .get(((l - 1) * k + (i - 1)) as usize)
                .filter(|c| c.likelihood == l && c.impact == i)
            else {
                continue;
            };
            let lv = level_of(&c.level);
            let fill = lv.map_or("#cccccc", |l| l.colour.as_ref());
            let name = lv.map_or("", |l| lang.pick(&l.name));
            let ink = text_colour(fill);
            let x = grid_x + col * cell_w;
            let y = grid_y + row * CELL_H;
            let _ = writeln!(
                s,
                r#"<rect x="{x}" y="{y}" width="{cell_w}" height="{CELL_H}" fill="{fill}"/>"#
            );
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="20" font-weight="bold" fill="{ink}" stroke="none" text-anchor="middle">{}</text>"#,
                x + cell_w / 2,
                y + 26,
                c.count
            );
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="11" fill="{ink}" stroke="none" text-anchor="middle">{}</text>"#,
                x + cell_w / 2,
                y + 44,
                esc(name)
            );
        }
    }
    s.push_str("</g>\n");
}

/// The impact axis: a label per column and the axis title.
fn write_impact_axis(s: &mut String, c: &Canvas<'_, '_>) {
    let (h, lang, w) = (c.h, c.lang, c.w);
    let Layout {
        cell_w,
        grid_x,
        grid_y,
        grid_w,
        grid_h,
        ..
    } = *c.lay;
    // Impact labels and axis title.
    for (col, step) in h.impact.iter().enumerate() {
        let x = grid_x + u32::try_from(col).unwrap_or(0) * cell_w + cell_w / 2;
        let _ = writeln!(
            s,
            r##"<text x="{x}" y="{}" font-size="11" fill="#000000" text-anchor="middle">{} {}</text>"##,
            grid_y + grid_h + 16,
            step.value,
            esc(lang.pick(&step.label))
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" font-size="{FONT}" font-weight="bold" fill="#000000" text-anchor="middle">{} →</text>"##,
        grid_x + grid_w / 2,
        grid_y + grid_h + 34,
        esc(w.impact)
    );
}

/// The legend: swatch, name and count per level, highest first.
fn write_legend(s: &mut String, c: &Canvas<'_, '_>) {
    let (h, lang, w) = (c.h, c.lang, c.w);
    let Layout {
        grid_x, legend_y, ..
    } = *c.lay;
    // Legend: swatch, name and count per level, highest first.
    let _ = writeln!(
        s,
        r##"<text x="{grid_x}" y="{legend_y}" font-size="{FONT}" font-weight="bold" fill="#000000">{}</text>"##,
        esc(w.legend)
    );
    for (row, l) in h.levels.iter().rev().enumerate() {
        let y = legend_y + 10 + u32::try_from(row).unwrap_or(0) * 20;
        let _ = writeln!(
            s,
            r##"<rect x="{grid_x}" y="{y}" width="14" height="14" fill="{}" stroke="#000000" stroke-width="0.5"/>"##,
            l.colour
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" font-size="{FONT}" fill="#000000">{} — {} {}</text>"##,
            grid_x + 22,
            y + 11,
            esc(lang.pick(&l.name)),
            l.count,
            plural(w, l.count)
        );
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_picks_readable_ink() {
        assert_eq!(text_colour("#ffffff"), "#000000");
        assert_eq!(text_colour("#fee08b"), "#000000");
        assert_eq!(text_colour("#000000"), "#ffffff");
        assert_eq!(text_colour("#b2182b"), "#ffffff");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
