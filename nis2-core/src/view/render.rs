//! The renderers of a [`View`]: Markdown, self-contained accessible HTML, SVG and plain text
//! for a terminal. One HTML escaper and one Markdown escaper for the whole engine.

use std::fmt::Write as _;

use super::model::{Block, Table, View};

/// Escape text for HTML and SVG (element content and attribute values); control characters,
/// which XML does not allow, become spaces. The one escaper of the engine.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for a Markdown table cell or line (pipes, line breaks, markup characters).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Base64 (RFC 4648, with padding): figures in Markdown, workbooks in JSON.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let idx = ((n >> shift) & 63) as usize;
                out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Markdown.
pub fn markdown(v: &View) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md_escape(&v.title));
    for b in &v.blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "## {}\n", md_escape(h));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(o, "{}\n", md_escape(p));
            }
            Block::Facts(pairs) => {
                for (k, val) in pairs {
                    let _ = writeln!(o, "- **{}:** {}", md_escape(k), md_escape(val));
                }
                o.push('\n');
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(o, "- {}", md_escape(i));
                }
                o.push('\n');
            }
            Block::Table(t) => md_table(&mut o, t),
            Block::Figure { svg, caption } => {
                let _ = writeln!(
                    o,
                    "![{}](data:image/svg+xml;base64,{})\n",
                    md_escape(caption),
                    base64(svg.as_bytes())
                );
            }
        }
    }
    let trimmed = o.trim_end().len();
    o.truncate(trimmed);
    o.push('\n');
    o
}

fn md_table(o: &mut String, t: &Table) {
    if !t.caption.is_empty() {
        let _ = writeln!(o, "**{}**\n", md_escape(&t.caption));
    }
    let _ = writeln!(
        o,
        "| {} |",
        t.columns
            .iter()
            .map(|c| md_escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(
        o,
        "|{}|",
        t.numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" })
            .collect::<Vec<_>>()
            .join("|")
    );
    for r in &t.rows {
        let _ = writeln!(
            o,
            "| {} |",
            r.iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    o.push('\n');
}

const STYLE: &str = ".nis2-view{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;font-size:14px;line-height:1.45;color:#1a1a1a;max-width:72rem}\
.nis2-view h2{font-size:1.3em;margin:.2em 0 .5em}.nis2-view h3{font-size:1.08em;margin:1.1em 0 .4em}\
.nis2-view dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;margin:.4em 0}\
.nis2-view dt{font-weight:600}.nis2-view dd{margin:0}\
.nis2-view table{border-collapse:collapse;margin:.4em 0 .9em;font-size:.95em}\
.nis2-view caption{text-align:left;font-weight:600;padding:.2em 0}\
.nis2-view th,.nis2-view td{border:1px solid #c8c8c8;padding:.25em .55em;text-align:left;vertical-align:top}\
.nis2-view th{background:#f0f0f0}.nis2-view td.n{text-align:right;font-variant-numeric:tabular-nums}\
.nis2-view figure{margin:.5em 0}.nis2-view figcaption{font-size:.9em;color:#444}";

/// A self-contained HTML fragment: its own `<style>`, a `lang` attribute, tables with captions
/// and header cells with `scope`.
pub fn html(v: &View) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<section class=\"nis2-view\" lang=\"{}\"><style>{STYLE}</style><h2>{}</h2>",
        v.lang,
        html_escape(&v.title)
    );
    for b in &v.blocks {
        match b {
            Block::Heading(h) => {
                let _ = write!(o, "<h3>{}</h3>", html_escape(h));
            }
            Block::Paragraph(p) => {
                let _ = write!(o, "<p>{}</p>", html_escape(p));
            }
            Block::Facts(pairs) => {
                o.push_str("<dl>");
                for (k, val) in pairs {
                    let _ = write!(
                        o,
                        "<dt>{}</dt><dd>{}</dd>",
                        html_escape(k),
                        html_escape(val)
                    );
                }
                o.push_str("</dl>");
            }
            Block::List(items) => {
                o.push_str("<ul>");
                for i in items {
                    let _ = write!(o, "<li>{}</li>", html_escape(i));
                }
                o.push_str("</ul>");
            }
            Block::Table(t) => html_table(&mut o, t),
            Block::Figure { svg, caption } => {
                let _ = write!(
                    o,
                    "<figure>{svg}<figcaption>{}</figcaption></figure>",
                    html_escape(caption)
                );
            }
        }
    }
    o.push_str("</section>");
    o
}

/// A standalone HTML document of a view (a report file): the fragment of [`html`] in a page
/// with its language, character set and title.
pub fn html_document(v: &View) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{}</body></html>\n",
        v.lang,
        html_escape(&v.title),
        html(v)
    )
}

fn html_table(o: &mut String, t: &Table) {
    o.push_str("<table>");
    if !t.caption.is_empty() {
        let _ = write!(o, "<caption>{}</caption>", html_escape(&t.caption));
    }
    o.push_str("<thead><tr>");
    for c in &t.columns {
        let _ = write!(o, "<th scope=\"col\">{}</th>", html_escape(c));
    }
    o.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        o.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if t.numeric.get(i).copied().unwrap_or(false) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(o, "<td{class}>{}</td>", html_escape(c));
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table>");
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// Plain text for a terminal: aligned facts and tables.
pub fn text(v: &View) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", v.title);
    for b in &v.blocks {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "\n{h}:");
            }
            Block::Paragraph(p) => {
                let _ = writeln!(o, "{p}");
            }
            Block::Facts(pairs) => {
                let w = pairs.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
                for (k, val) in pairs {
                    let _ = writeln!(o, "{}  {val}", pad(&format!("{k}:"), w + 1, false));
                }
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(o, "  - {i}");
                }
            }
            Block::Table(t) => text_table(&mut o, t),
            Block::Figure { caption, .. } => {
                let _ = writeln!(o, "[{caption}]");
            }
        }
    }
    let trimmed = o.trim_end().len();
    o.truncate(trimmed);
    o.push('\n');
    o
}

/// The widest a text column of a terminal table grows before its cells wrap.
const WRAP: usize = 56;

/// Split a cell into lines of at most `width` characters, at spaces where it can.
fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let fits = width(&line) + usize::from(!line.is_empty()) + width(word) <= max;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while width(&line) > max {
            let head: String = line.chars().take(max).collect();
            let tail: String = line.chars().skip(max).collect();
            lines.push(head);
            line = tail;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_table(o: &mut String, t: &Table) {
    if !t.caption.is_empty() {
        let _ = writeln!(o, "\n{}:", t.caption);
    }
    let mut widths: Vec<usize> = t.columns.iter().map(|c| width(c).min(WRAP)).collect();
    for r in &t.rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(c).min(WRAP));
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| wrap(c, widths.get(i).copied().unwrap_or(WRAP).max(1)))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut out = Vec::with_capacity(height);
        for k in 0..height {
            let mut parts = Vec::with_capacity(cells.len());
            for (i, cell) in wrapped.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(0);
                let right = t.numeric.get(i).copied().unwrap_or(false);
                parts.push(pad(cell.get(k).map_or("", String::as_str), w, right));
            }
            out.push(format!("  {}", parts.join("  ").trim_end()));
        }
        out.join("\n")
    };
    let _ = writeln!(o, "{}", line(&t.columns));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let _ = writeln!(o, "{}", line(&rule));
    for r in &t.rows {
        let _ = writeln!(o, "{}", line(r));
    }
}
