//! The views of heat maps: the figure is the engine's accessible SVG heat map, drawn from the
//! heat map's data in the view's language.

use serde_json::Value;

use super::doc::Doc;
use super::model::{Block, View};
use super::words::Words;
use crate::error::Result;
use crate::lang::Lang;
use crate::risk::heatmap::{self, HeatMap};

/// The SVG of a heat map document (its data, with or without `op`).
pub(crate) fn heatmap_svg(data: &Value, lang: Lang) -> Option<String> {
    let mut data = data.clone();
    if let Some(m) = data.as_object_mut() {
        m.remove("op");
        m.remove("detail");
    }
    let h: HeatMap<'static> = serde_json::from_value(data).ok()?;
    Some(heatmap::render_svg(&h, lang))
}

/// A heat map (`risk.heatmap`): its figure, then its data.
pub(crate) fn heatmap(doc: &Doc<'_>, value: &Value, w: &Words) -> Result<View> {
    let mut v = super::generic::view(doc, w)?;
    if let Some(svg) = heatmap_svg(value, w.lang) {
        v.blocks.insert(
            0,
            Block::Figure {
                svg,
                caption: w.heading("risk_heat_map"),
            },
        );
    }
    Ok(v)
}

/// A heat map as SVG (`risk.heatmap_svg`): the document's own figure.
pub(crate) fn heatmap_svg_doc(doc: &Doc<'_>, w: &Words) -> Result<View> {
    let mut v = View::new(w.op("risk.heatmap_svg"), w.lang);
    v.facts(vec![(
        w.field("stage"),
        w.value("stage", doc.str("stage")?),
    )]);
    v.push(Block::Figure {
        svg: doc.str("svg")?.to_owned(),
        caption: w.heading("risk_heat_map"),
    });
    Ok(v)
}
