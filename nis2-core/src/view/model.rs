//! The view model: what a result shows, independent of the output format. Every surface's
//! presentation (the CLI's `--format table`, Python's notebook views, WebAssembly `render`,
//! the calculator, the assessment reports) is one of its renderings.

/// A view of one result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct View {
    /// The title (the operation, or the organisation's name).
    pub title: String,
    /// The language code of every word in it (`en`, `da`).
    pub lang: &'static str,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One block of a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph of text.
    Paragraph(String),
    /// Label–value pairs (a definition list).
    Facts(Vec<(String, String)>),
    /// A table.
    Table(Table),
    /// A figure: a standalone SVG document and its caption.
    Figure {
        /// The SVG document.
        svg: String,
        /// What it shows.
        caption: String,
    },
    /// A bulleted list.
    List(Vec<String>),
}

/// A table with a caption, column headings and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// What the table shows.
    pub caption: String,
    /// The column headings.
    pub columns: Vec<String>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with a caption and its columns (`#` before a heading marks a numeric
    /// column: `"#Score"`).
    pub fn new(caption: impl Into<String>, columns: &[&str]) -> Self {
        Table {
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|c| c.strip_prefix('#').unwrap_or(c).to_owned())
                .collect(),
            numeric: columns.iter().map(|c| c.starts_with('#')).collect(),
            rows: Vec::new(),
        }
    }

    /// Add a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

impl View {
    /// A view with a title.
    pub fn new(title: impl Into<String>, lang: crate::lang::Lang) -> Self {
        View {
            title: title.into(),
            lang: lang.code(),
            blocks: Vec::new(),
        }
    }

    /// Add a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Add a heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    /// Add facts, leaving out empty values.
    pub fn facts(&mut self, pairs: Vec<(String, String)>) {
        let pairs: Vec<(String, String)> =
            pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        if !pairs.is_empty() {
            self.blocks.push(Block::Facts(pairs));
        }
    }

    /// Add a table (an empty one is left out).
    pub fn table(&mut self, table: Table) {
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table));
        }
    }

    /// The first figure, if the view has one.
    pub fn figure(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match b {
            Block::Figure { svg, .. } => Some(svg.as_str()),
            _ => None,
        })
    }
}
