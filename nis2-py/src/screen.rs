//! `screen_arrow`: a table that speaks the Arrow PyCapsule stream interface (pyarrow, pandas,
//! polars) in, an Arrow table of the core's verdict columns out. This file only converts: the
//! columns, their meaning, every check and every verdict come from `nis2_core::screen`. The GIL
//! is released while the engine runs; batches are screened in slices so that memory stays
//! bounded whatever the batch size.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Float64Array, Int32Array, ListArray,
    RecordBatch, RecordBatchReader, StringArray, UInt64Array,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3_arrow::{PyRecordBatchReader, PyTable};

use nis2_core::screen::flat::{self, Cell, ColumnKind, FlatRow, Header, VerdictCell, VerdictCells};
use nis2_core::screen::memo::{CellKey, FigureColumn, Memo, Outcome};
use nis2_core::screen::ReadRow;
use nis2_core::Error;

/// Rows screened at once (bounded memory for any batch size).
const SLICE: usize = 65_536;

/// Screen an Arrow stream (`data.__arrow_c_stream__()`), returning a `pyarrow.Table` of the
/// verdict columns (and `result`, the explained JSON, when `explained`).
#[pyfunction]
#[pyo3(signature = (data, strict = false, explained = false, columns = None))]
pub(crate) fn screen_arrow<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    strict: bool,
    explained: bool,
    columns: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let map = columns
        .map(flat::ColumnMap::parse)
        .transpose()
        .map_err(|e| crate::native_error(&e))?;
    let reader: PyRecordBatchReader = data.extract().map_err(|e| {
        crate::native_error(&crate::invalid(
            "$",
            format!("expected a table with the Arrow stream interface (a pyarrow Table or RecordBatchReader, a pandas or polars DataFrame): {e}"),
        ))
    })?;
    let reader = reader.into_reader()?;
    let (batches, schema) = py
        .detach(|| run(reader, strict, explained, map.as_ref()))
        .map_err(|e| crate::native_error(&e))?;
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// How a table's rows are read: by the layout's column names, typed, or through a register's
/// column map, as text (as `nis2 screen --columns` reads a CSV file).
enum Reading {
    Layout(Vec<ColumnReader>),
    Mapped(Header),
}

fn run(
    reader: Box<dyn RecordBatchReader + Send>,
    strict: bool,
    explained: bool,
    map: Option<&flat::ColumnMap>,
) -> Result<(Vec<RecordBatch>, SchemaRef), Error> {
    let input = reader.schema();
    let names: Vec<&str> = input.fields().iter().map(|f| f.name().as_str()).collect();
    let reading = match map {
        Some(map) => Reading::Mapped(Header::mapped(map, &names)?),
        None => {
            let header = Header::new(&names)?;
            Reading::Layout(
                input
                    .fields()
                    .iter()
                    .zip(header.names())
                    .map(|(f, name)| column_reader(name, f.data_type()))
                    .collect::<Result<Vec<_>, Error>>()?,
            )
        }
    };
    let schema = output_schema(explained);
    let mut out = Vec::new();
    let mut offset = 0usize;
    // Verdicts shared by the rows of the whole table that state the same decision facts.
    let mut memo = Memo::new();
    let mut table = Table::new();
    for batch in reader {
        let batch =
            batch.map_err(|e| crate::invalid("$", format!("cannot read the table: {e}")))?;
        let mut start = 0;
        while start < batch.num_rows() {
            let len = SLICE.min(batch.num_rows() - start);
            let part = batch.slice(start, len);
            let slice = match &reading {
                Reading::Layout(readers) => {
                    let columns = part
                        .columns()
                        .iter()
                        .zip(readers)
                        .map(|(a, r)| r.normalise(a))
                        .collect::<Result<Vec<_>, Error>>()?;
                    // The ids are given back as they came (cast to strings), not read row by row.
                    let ids = columns.iter().find_map(|c| match c {
                        Column::Text("id", a) => Some(a.clone()),
                        _ => None,
                    });
                    let keyed = KeyColumn::of(&columns);
                    let (outcomes, _, explained) = answer(
                        &mut memo,
                        len,
                        |i, key| cell_key(&keyed, i, key),
                        |_| None,
                        |i| read_row(&columns, i),
                        explained,
                    );
                    Slice {
                        offset,
                        ids: ids
                            .unwrap_or_else(|| arrow_array::new_null_array(&DataType::Utf8, len)),
                        outcomes,
                        explained,
                    }
                }
                Reading::Mapped(header) => {
                    let texts = part
                        .columns()
                        .iter()
                        .zip(&names)
                        .map(|(a, name)| as_text(a, name))
                        .collect::<Result<Vec<_>, Error>>()?;
                    let (outcomes, ids, explained) = answer(
                        &mut memo,
                        len,
                        |i, key| header.cell_key(&cells(&texts, i), key),
                        |i| header.id(&cells(&texts, i)),
                        |i| header.read(&cells(&texts, i)),
                        explained,
                    );
                    Slice {
                        offset,
                        ids: Arc::new(ids.into_iter().collect::<StringArray>()),
                        outcomes,
                        explained,
                    }
                }
            };
            out.extend(screen_slice(&schema, &slice, &memo, &mut table, strict)?);
            nis2_core::screen::drop_rows(slice.outcomes);
            offset += len;
            start += len;
        }
    }
    Ok((out, schema))
}

/// The answers of `n` rows read by `read`, their ids, and (`explained`) their explained results.
#[allow(clippy::type_complexity)]
fn answer(
    memo: &mut Memo,
    n: usize,
    cells: impl Fn(usize, &mut CellKey) + Sync + Send,
    id: impl Fn(usize) -> Option<String> + Sync + Send,
    read: impl Fn(usize) -> ReadRow + Sync + Send,
    explained: bool,
) -> (
    Vec<Outcome>,
    Vec<Option<String>>,
    Option<Vec<Result<String, Error>>>,
) {
    if explained {
        // Explained answers need every row's profile; verdicts only the memo's.
        let at: Vec<usize> = (0..n).collect();
        let rows: Vec<ReadRow> = nis2_core::screen::map_rows(&at, |&i| read(i));
        let ids = rows.iter().map(|r| r.id.clone()).collect();
        let results = nis2_core::screen::explained_json(&rows);
        (memo.verdicts(&rows), ids, Some(results))
    } else {
        let (outcomes, ids) = memo.read_and_answer_cells(n, cells, id, read);
        (outcomes, ids, None)
    }
}

/// A column of a mapped table as text (its cells are read as a CSV file's are).
fn as_text(a: &ArrayRef, name: &str) -> Result<Option<ArrayRef>, Error> {
    if matches!(a.data_type(), DataType::Null) {
        return Ok(None);
    }
    arrow_cast::cast(a, &DataType::Utf8).map(Some).map_err(|e| {
        crate::invalid(
            &format!("$.columns.{name}"),
            format!("a table read through a column map holds text (or numbers); column `{name}` holds {}: {e}", a.data_type()),
        )
    })
}

/// Row `i` of text columns (an empty cell for a null).
fn cells(texts: &[Option<ArrayRef>], i: usize) -> Vec<&str> {
    texts
        .iter()
        .map(|t| match t {
            Some(a) if a.is_valid(i) => a.as_string::<i32>().value(i),
            _ => "",
        })
        .collect()
}

/// How a column's cells are read: its name in the layout, what it holds, and the Arrow type it
/// is cast to before reading.
struct ColumnReader {
    name: &'static str,
    kind: ColumnKind,
    as_text: bool,
}

fn is_text(t: &DataType) -> bool {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

fn column_reader(name: &'static str, t: &DataType) -> Result<ColumnReader, Error> {
    let kind = flat::column_kind(name).unwrap_or(ColumnKind::Text);
    let fits = |as_text: bool| {
        Ok(ColumnReader {
            name,
            kind,
            as_text,
        })
    };
    if matches!(t, DataType::Null) || is_text(t) {
        return fits(true);
    }
    let ok = match kind {
        ColumnKind::Text | ColumnKind::Json => false,
        ColumnKind::Bool => matches!(t, DataType::Boolean),
        ColumnKind::Number => {
            t.is_numeric() && !matches!(t, DataType::Decimal128(..) | DataType::Decimal256(..))
        }
        ColumnKind::List => match t {
            // A column of only empty lists holds nulls as far as Arrow can tell.
            DataType::List(f) | DataType::LargeList(f) | DataType::ListView(f) => {
                is_text(f.data_type()) || matches!(f.data_type(), DataType::Null)
            }
            _ => false,
        },
    };
    if matches!(t, DataType::Decimal128(..) | DataType::Decimal256(..))
        && kind == ColumnKind::Number
    {
        // Decimals are read from their text, exactly at the ceilings.
        return fits(true);
    }
    if ok {
        return fits(false);
    }
    let want = match kind {
        ColumnKind::Text => "strings",
        ColumnKind::Json => "strings of JSON",
        ColumnKind::Bool => "booleans (or strings: true/false, yes/no, 1/0)",
        ColumnKind::Number => "numbers (integers, floats or decimals) or strings of digits",
        ColumnKind::List => "lists of strings (or strings separated by `;`)",
    };
    Err(crate::invalid(
        &format!("$.columns.{name}"),
        format!("column `{name}` holds {t}; expected {want}"),
    ))
}

/// A column cast to the one Arrow type its cells are read from.
enum Column {
    Null,
    Text(&'static str, ArrayRef),
    Bool(&'static str, ArrayRef),
    Number(&'static str, ArrayRef),
    List(&'static str, ArrayRef),
}

impl ColumnReader {
    fn normalise(&self, a: &ArrayRef) -> Result<Column, Error> {
        let cast = |t: &DataType| {
            arrow_cast::cast(a, t).map_err(|e| {
                crate::invalid(
                    &format!("$.columns.{}", self.name),
                    format!("cannot read the column: {e}"),
                )
            })
        };
        if matches!(a.data_type(), DataType::Null) {
            return Ok(Column::Null);
        }
        Ok(match (self.as_text, self.kind) {
            (true, _) => Column::Text(self.name, cast(&DataType::Utf8)?),
            (false, ColumnKind::Bool) => Column::Bool(self.name, a.clone()),
            (false, ColumnKind::Number) => Column::Number(self.name, cast(&DataType::Float64)?),
            (false, _) => Column::List(
                self.name,
                cast(&DataType::List(Arc::new(Field::new(
                    "item",
                    DataType::Utf8,
                    true,
                ))))?,
            ),
        })
    }
}

/// A column as [`cell_key`] reads it: its array of the one type its cells are read from, and
/// what a cell of it means to the key (worked out once per slice, not per row and column).
enum KeyColumn<'a> {
    /// A cell that only names the row: whether it is given.
    Given(&'a ArrayRef),
    Text(&'a StringArray),
    Bool(&'a BooleanArray),
    Number(&'a Float64Array),
    /// An own size figure's column (keyed by band).
    Figure(&'a Float64Array, FigureColumn),
    List(&'a ListArray, &'a StringArray),
}

impl<'a> KeyColumn<'a> {
    /// The columns the key is made of (not the id, which never changes a verdict, nor a column
    /// of nulls, null in every row).
    fn of(columns: &'a [Column]) -> Vec<Self> {
        columns
            .iter()
            .filter_map(|c| match c {
                Column::Null | Column::Text("id", _) => None,
                Column::Text(name, a) if !flat::decides(name) => Some(Self::Given(a)),
                Column::Text(_, a) => Some(Self::Text(a.as_string::<i32>())),
                Column::Bool(_, a) => Some(Self::Bool(a.as_boolean())),
                Column::Number(name, a) => {
                    let a = a.as_primitive::<Float64Type>();
                    Some(match FigureColumn::of(name) {
                        Some(f) => Self::Figure(a, f),
                        None => Self::Number(a),
                    })
                }
                Column::List(_, a) => {
                    let list = a.as_list::<i32>();
                    Some(Self::List(list, list.values().as_string::<i32>()))
                }
            })
            .collect()
    }
}

/// Row `i`'s key in the memo: each cell that can change the verdict as read by `read_row`, and
/// for a cell that only names the row, whether `read_row` reads it.
fn cell_key(columns: &[KeyColumn<'_>], i: usize, key: &mut CellKey) {
    for c in columns {
        match c {
            KeyColumn::Given(a) => key.given(a.is_valid(i)),
            KeyColumn::Text(a) if a.is_valid(i) => key.text(a.value(i)),
            KeyColumn::Bool(a) if a.is_valid(i) => key.flag(a.value(i)),
            KeyColumn::Number(a) if a.is_valid(i) => key.number(a.value(i)),
            KeyColumn::Figure(a, f) if a.is_valid(i) => key.figure(*f, a.value(i)),
            KeyColumn::List(list, items) if list.is_valid(i) => {
                let (start, end) = list_range(list.value_offsets(), i);
                key.list((start..end).map(|j| items.is_valid(j).then(|| items.value(j))));
            }
            _ => key.null(),
        }
    }
}

/// The items of list `i`, from the list's offsets.
fn list_range(offsets: &[i32], i: usize) -> (usize, usize) {
    match (offsets.get(i), offsets.get(i + 1)) {
        (Some(&s), Some(&e)) => (
            usize::try_from(s).unwrap_or(0),
            usize::try_from(e).unwrap_or(0),
        ),
        _ => (0, 0),
    }
}

/// Row `i` of the columns, read by the core.
fn read_row(columns: &[Column], i: usize) -> ReadRow {
    let mut row = FlatRow::default();
    let mut problem = None;
    for c in columns {
        let set = match c {
            Column::Null | Column::Text("id", _) => Ok(()),
            Column::Text(name, a) if a.is_valid(i) => {
                row.set(name, Cell::Text(a.as_string::<i32>().value(i)))
            }
            Column::Bool(name, a) if a.is_valid(i) => {
                row.set(name, Cell::Bool(a.as_boolean().value(i)))
            }
            Column::Number(name, a) if a.is_valid(i) => {
                row.set(name, Cell::Number(a.as_primitive::<Float64Type>().value(i)))
            }
            Column::List(name, a) if a.is_valid(i) => {
                // The row's items, read from the list's offsets (no array per row).
                let list = a.as_list::<i32>();
                let items = list.values().as_string::<i32>();
                let (start, end) = list_range(list.value_offsets(), i);
                let list = (start..end)
                    .filter(|&j| items.is_valid(j))
                    .map(|j| items.value(j).to_owned())
                    .collect();
                row.set(name, Cell::List(list))
            }
            _ => Ok(()),
        };
        if let Err(e) = set {
            problem.get_or_insert(e);
        }
    }
    match problem {
        None => flat::read_typed(row),
        Some(e) => ReadRow {
            id: row.id,
            profile: Err(e),
            paths: nis2_core::screen::Paths::Columns,
        },
    }
}

fn output_schema(explained: bool) -> SchemaRef {
    let mut fields: Vec<Field> = flat::VERDICT_COLUMNS
        .iter()
        .enumerate()
        .map(
            |(column, name)| match VerdictCells::default().cell(column) {
                VerdictCell::Index => Field::new(*name, DataType::UInt64, false),
                VerdictCell::List(_) => Field::new(*name, coded_list(), true),
                VerdictCell::Id | VerdictCell::Text(_) => Field::new(*name, DataType::Utf8, true),
            },
        )
        .collect();
    if explained {
        fields.push(Field::new("result", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

// How a verdict column is given back. The lists of the engine's words (possible classes,
// reason codes, question ids, displacements; most of a verdict's bytes; the core says which
// columns hold lists, `VerdictCells::cell`) are lists of dictionary-encoded strings: each item
// is a number into the words of the screening. pandas reads them as it reads lists of strings
// (arrays of `str`), polars as `list[cat]`, and pyarrow's kernels (take, filter, sort, Parquet)
// take them as they are. Every other column is plain strings: pandas' string idioms
// (`fillna("-")`) do not work on a `category`, and pyarrow 26 has no `take` for string views.

fn coded() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

fn coded_list() -> DataType {
    DataType::List(Arc::new(Field::new("item", coded(), true)))
}

/// A slice of the input, answered: where it starts, its `id` column, each row's answer and
/// (`explained`) each row's explained result.
struct Slice {
    offset: usize,
    ids: ArrayRef,
    outcomes: Vec<Outcome>,
    explained: Option<Vec<Result<String, Error>>>,
}

/// Rows per output batch: a slice's batches are built in parallel.
const PART: usize = 8_192;

fn screen_slice(
    schema: &SchemaRef,
    slice: &Slice,
    memo: &Memo,
    table: &mut Table,
    strict: bool,
) -> Result<Vec<RecordBatch>, Error> {
    let (offset, outcomes) = (slice.offset, &slice.outcomes);
    let len = outcomes.len();
    if strict {
        if let Some((i, e)) = outcomes.iter().enumerate().find_map(|(i, o)| match o {
            Outcome::Error(e) => Some((i, e)),
            _ => None,
        }) {
            return Err(nis2_core::screen::in_row(
                "rows",
                offset + i,
                e.as_ref().clone(),
            ));
        }
    }
    // The cells of the memo's verdicts not laid out yet (every one is some row's answer), then
    // of this slice's own answers, which get the slots after them until the next slice.
    let new: Vec<u32> = (table.shared..memo.len())
        .filter_map(|at| u32::try_from(at).ok())
        .collect();
    let cells = nis2_core::screen::map_rows(&new, |at| {
        VerdictCells::of(memo.verdict(*at).ok_or(&MISSING))
    });
    table.reserve(cells.len());
    for c in &cells {
        table.push(c);
    }
    nis2_core::screen::drop_rows(cells);
    table.keep(memo.len());
    let own: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| !matches!(o, Outcome::Shared(_)))
        .collect();
    let cells = nis2_core::screen::map_rows(&own, |o| VerdictCells::of(o.get(memo)));
    table.reserve(cells.len());
    for c in &cells {
        table.push(c);
    }
    nis2_core::screen::drop_rows(cells);
    let mut next_own = offset32(table.shared);
    let slots: Vec<u32> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Shared(at) => *at,
            _ => {
                let slot = next_own;
                next_own = next_own.saturating_add(1);
                slot
            }
        })
        .collect();
    let vocabulary = table.vocabulary()?;
    let laid = &*table;
    let starts: Vec<usize> = (0..len).step_by(PART).collect();
    let batches = nis2_core::screen::map_pieces(&starts, |&start| {
        let end = len.min(start + PART);
        let slots = slots.get(start..end).unwrap_or_default();
        let mut columns = laid
            .columns
            .iter()
            .zip(&vocabulary)
            .enumerate()
            .map(
                |(column, (cells, words))| match (VerdictCells::default().cell(column), words) {
                    (VerdictCell::Index, _) => Ok(Arc::new(UInt64Array::from_iter_values(
                        (offset + start..offset + end)
                            .map(|i| u64::try_from(i).unwrap_or(u64::MAX)),
                    )) as ArrayRef),
                    (VerdictCell::Id, _) => Ok(slice.ids.slice(start, end - start)),
                    (_, Some(words)) => coded_column(cells, slots, words),
                    (_, None) => build(cells, slots),
                },
            )
            .collect::<Result<Vec<ArrayRef>, Error>>()?;
        if let Some(results) = &slice.explained {
            let results = results.get(start..end).unwrap_or_default();
            columns.push(Arc::new(
                results
                    .iter()
                    .map(|r| r.as_ref().ok())
                    .collect::<StringArray>(),
            ));
        }
        RecordBatch::try_new(schema.clone(), columns).map_err(arrow_error)
    });
    table.forget_own();
    batches.into_iter().collect()
}

/// The cells of a screening's answers, column by column, kept compact so that the columns are
/// built from a few small arrays whatever the rows (a row's answer read through pointers to
/// its own cells cost a cache miss per row and column). Each answer has a slot: a shared
/// verdict its index in the memo, laid out once per screening; a slice's own answers (errors,
/// verdicts not shared) the slots after those, until the next slice.
struct Table {
    /// One per verdict column (in their order; those of `index` and `id` stay empty).
    columns: Vec<Cells>,
    /// How many of the memo's verdicts are laid out.
    shared: usize,
}

/// Zeros kept after a column's texts and after its lists' numbers: a text of up to `PAD` bytes
/// (every word of a verdict) or a list of up to `PAD_NUMBERS` numbers (nearly every list) is
/// copied as one fixed-size store and cut back to its length, without a call of `memcpy` (once
/// a large part of writing the columns).
const PAD: usize = 16;
const PAD_NUMBERS: usize = 4;

/// Where a cell's text or numbers are in its column (`NULL`: a null cell).
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    const NULL: Span = Span {
        start: u32::MAX,
        len: 0,
    };

    fn is_null(self) -> bool {
        self.start == u32::MAX
    }
}

/// A column's cells by slot.
struct Cells {
    /// A plain column: each slot's text, in `bytes` (then `PAD` zeros).
    texts: Vec<Span>,
    bytes: Vec<u8>,
    /// A coded column: each slot's list, in `numbers` (then `PAD_NUMBERS` zeros), each number a
    /// word of `words` (the engine's own words: rule ids, codes, question ids).
    lists: Vec<Span>,
    numbers: Vec<i32>,
    words: Vocabulary,
    /// How many bytes and numbers the shared verdicts' slots hold.
    kept: (usize, usize),
}

impl Default for Cells {
    fn default() -> Cells {
        Cells {
            texts: Vec::new(),
            bytes: vec![0; PAD],
            lists: Vec::new(),
            numbers: vec![0; PAD_NUMBERS],
            words: Vocabulary::default(),
            kept: (0, 0),
        }
    }
}

/// Append `items` to `pool` (which ends with `pad` zeros, and still does), giving their span.
fn append<T: Copy + Default>(
    pool: &mut Vec<T>,
    pad: usize,
    items: impl Iterator<Item = T>,
) -> Span {
    let start = pool.len().saturating_sub(pad);
    pool.truncate(start);
    pool.extend(items);
    let len = pool.len() - start;
    pool.resize(pool.len() + pad, T::default());
    Span {
        start: offset32(start),
        len: offset32(len),
    }
}

impl Table {
    fn new() -> Table {
        Table {
            columns: std::iter::repeat_with(Cells::default)
                .take(flat::VERDICT_COLUMNS.len())
                .collect(),
            shared: 0,
        }
    }

    /// Room for `n` more slots.
    fn reserve(&mut self, n: usize) {
        for (column, cells) in self.columns.iter_mut().enumerate() {
            match VerdictCells::default().cell(column) {
                VerdictCell::Index | VerdictCell::Id => {}
                VerdictCell::Text(_) => cells.texts.reserve(n),
                VerdictCell::List(_) => cells.lists.reserve(n),
            }
        }
    }

    /// Give the next slot the cells of `c`.
    fn push(&mut self, c: &VerdictCells<'_>) {
        for (column, cells) in self.columns.iter_mut().enumerate() {
            match c.cell(column) {
                VerdictCell::Index | VerdictCell::Id => {}
                VerdictCell::Text(s) => {
                    let span = s.map_or(Span::NULL, |s| append(&mut cells.bytes, PAD, s.bytes()));
                    cells.texts.push(span);
                }
                VerdictCell::List(items) => {
                    let span = items.map_or(Span::NULL, |items| {
                        let words = &mut cells.words;
                        let numbers = items.iter().map(|w| words.number(w.as_bytes()));
                        append(&mut cells.numbers, PAD_NUMBERS, numbers)
                    });
                    cells.lists.push(span);
                }
            }
        }
    }

    /// The slots pushed so far are the memo's first `shared` verdicts, kept for the screening.
    fn keep(&mut self, shared: usize) {
        self.shared = shared;
        for cells in &mut self.columns {
            cells.kept = (
                cells.bytes.len().saturating_sub(PAD),
                cells.numbers.len().saturating_sub(PAD_NUMBERS),
            );
        }
    }

    /// Drop the slots of a slice's own answers (the shared verdicts' stay).
    fn forget_own(&mut self) {
        let shared = self.shared;
        for cells in &mut self.columns {
            cells.bytes.truncate(cells.kept.0);
            cells.bytes.resize(cells.kept.0 + PAD, 0);
            cells.numbers.truncate(cells.kept.1);
            cells.numbers.resize(cells.kept.1 + PAD_NUMBERS, 0);
            cells.texts.truncate(shared);
            cells.lists.truncate(shared);
        }
    }

    /// Each coded column's words so far, as the values of its dictionary (`None`: a plain
    /// column).
    fn vocabulary(&self) -> Result<Vec<Option<ArrayRef>>, Error> {
        (0..flat::VERDICT_COLUMNS.len())
            .map(|c| {
                if !flat::holds_lists(c) {
                    return Ok(None);
                }
                let (ends, bytes) = match self.columns.get(c) {
                    Some(v) => (v.words.ends.as_slice(), v.words.bytes.clone()),
                    None => (&[][..], Vec::new()),
                };
                let ends = std::iter::once(0).chain(ends.iter().copied()).collect();
                Ok(Some(Arc::new(strings(ends, bytes, None)?) as ArrayRef))
            })
            .collect()
    }
}

/// A length or position within a slice's cells (far below 4 GiB; saturates rather than wraps).
fn offset32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The words of a coded column, numbered once per screening in the order first met.
#[derive(Default)]
struct Vocabulary {
    numbers: HashMap<Box<[u8]>, i32, foldhash::quality::RandomState>,
    ends: Vec<i32>,
    bytes: Vec<u8>,
}

impl Vocabulary {
    fn number(&mut self, word: &[u8]) -> i32 {
        if let Some(n) = self.numbers.get(word) {
            return *n;
        }
        let n = offset(self.ends.len());
        self.bytes.extend_from_slice(word);
        self.ends.push(offset(self.bytes.len()));
        self.numbers.insert(word.into(), n);
        n
    }
}

/// The span of `slot` (`NULL` for a slot out of range, which never happens).
#[inline(always)]
fn span(spans: &[Span], slot: u32) -> Span {
    spans.get(slot as usize).copied().unwrap_or(Span::NULL)
}

/// How many items the rows' cells hold in all, and how many of the cells are null.
fn measure(spans: &[Span], slots: &[u32]) -> (usize, usize) {
    slots.iter().fold((0, 0), |(total, nulls), &slot| {
        let s = span(spans, slot);
        (total + s.len as usize, nulls + usize::from(s.is_null()))
    })
}

/// The nulls of the rows' cells, when `nulls` of them are null.
fn null_buffer(spans: &[Span], slots: &[u32], nulls: usize) -> Option<NullBuffer> {
    (nulls > 0).then(|| NullBuffer::from_iter(slots.iter().map(|&s| !span(spans, s).is_null())))
}

/// Append the items of `s` in `pool` to `out`, whose capacity leaves `N` spare: up to `N`
/// items as one fixed-size copy cut back to their number (see `PAD`).
#[inline(always)]
fn copy<T: Copy, const N: usize>(out: &mut Vec<T>, pool: &[T], s: Span) {
    let (start, len) = (s.start as usize, s.len as usize);
    let end = out.len() + len;
    match pool
        .get(start..start + N)
        .and_then(|w| <&[T; N]>::try_from(w).ok())
    {
        Some(w) if len <= N => {
            out.extend_from_slice(w);
            out.truncate(end);
        }
        _ => out.extend_from_slice(pool.get(start..start + len).unwrap_or_default()),
    }
}

/// A coded column of rows (their `slots`): each row's list of numbers into `words`.
fn coded_column(cells: &Cells, slots: &[u32], words: &ArrayRef) -> Result<ArrayRef, Error> {
    let (total, nulls) = measure(&cells.lists, slots);
    let nulls = null_buffer(&cells.lists, slots, nulls);
    // Sized exactly (a grown vector is copied, and its new pages cleared by the kernel), with
    // room for the last fixed-size copy.
    let mut keys: Vec<i32> = Vec::with_capacity(total + PAD_NUMBERS);
    let mut ends: Vec<i32> = Vec::with_capacity(slots.len() + 1);
    ends.push(0);
    for &slot in slots {
        let s = span(&cells.lists, slot);
        if !s.is_null() {
            copy::<i32, PAD_NUMBERS>(&mut keys, &cells.numbers, s);
        }
        ends.push(offset(keys.len()));
    }
    let items = DictionaryArray::<Int32Type>::try_new(
        Int32Array::new(ScalarBuffer::from(keys), None),
        words.clone(),
    )
    .map_err(arrow_error)?;
    let field = Arc::new(Field::new("item", coded(), true));
    ListArray::try_new(field, offsets(ends), Arc::new(items), nulls)
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(arrow_error)
}

/// Never given out: a shared index always names a verdict of its memo.
static MISSING: Error = Error::Multiple(Vec::new());

/// A plain text column of rows (their `slots`), in one pass.
fn build(cells: &Cells, slots: &[u32]) -> Result<ArrayRef, Error> {
    let (total, nulls) = measure(&cells.texts, slots);
    if nulls == slots.len() {
        // No row has a value here (the error columns of a table without errors).
        return Ok(arrow_array::new_null_array(&DataType::Utf8, slots.len()));
    }
    let nulls = null_buffer(&cells.texts, slots, nulls);
    let mut ends = Vec::with_capacity(slots.len() + 1);
    ends.push(0);
    // Sized exactly (see `coded_column`).
    let mut data = Vec::with_capacity(total + PAD);
    for &slot in slots {
        let s = span(&cells.texts, slot);
        if !s.is_null() {
            copy::<u8, PAD>(&mut data, &cells.bytes, s);
        }
        ends.push(offset(data.len()));
    }
    Ok(Arc::new(strings(ends, data, nulls)?))
}

/// An Arrow offset (slices are far below 2 GiB of text; saturates rather than wraps).
fn offset(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn offsets(ends: Vec<i32>) -> OffsetBuffer<i32> {
    // Built in order from lengths, so always ascending from 0.
    OffsetBuffer::new(ScalarBuffer::from(ends))
}

/// A string array from its offsets and bytes (each cell is whole text of the core's).
fn strings(ends: Vec<i32>, data: Vec<u8>, nulls: Option<NullBuffer>) -> Result<StringArray, Error> {
    StringArray::try_new(offsets(ends), Buffer::from_vec(data), nulls).map_err(arrow_error)
}

fn arrow_error(e: arrow_schema::ArrowError) -> Error {
    Error::Data {
        file: "<screen>".to_owned(),
        message: e.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_lists_of_every_length_are_copied_whole() {
        let alphabet = "abcdefghijklmnopqrstuvwxyzæøå";
        let (mut bytes, mut numbers) = (vec![0u8; PAD], vec![0i32; PAD_NUMBERS]);
        let mut spans = Vec::new();
        for n in 0..=24 {
            let s: Vec<u8> = alphabet.bytes().cycle().skip(n).take(n).collect();
            let b = append(&mut bytes, PAD, s.iter().copied());
            let l = append(
                &mut numbers,
                PAD_NUMBERS,
                (0..n).map(|i| i32::try_from(i * 7 + n).unwrap()),
            );
            spans.push((s, b, l));
        }
        assert_eq!(
            bytes.len() - PAD,
            spans.iter().map(|(s, ..)| s.len()).sum::<usize>()
        );
        // Every length after every other, each into a vector with only the spare room asked for.
        for (s, b, l) in &spans {
            let mut out = Vec::with_capacity(1 + s.len() + PAD);
            out.push(b'x');
            copy::<u8, PAD>(&mut out, &bytes, *b);
            assert_eq!(
                out.get(1..),
                Some(s.as_slice()),
                "text of length {}",
                s.len()
            );
            let want: Vec<i32> = (0..s.len())
                .map(|i| i32::try_from(i * 7 + s.len()).unwrap())
                .collect();
            let mut out = Vec::with_capacity(want.len() + PAD_NUMBERS);
            copy::<i32, PAD_NUMBERS>(&mut out, &numbers, *l);
            assert_eq!(out, want, "list of length {}", s.len());
        }
    }

    #[test]
    fn words_are_numbered_once_in_the_order_first_met() {
        let mut words = Vocabulary::default();
        let given = [
            "art2_1_union",
            "",
            "art3_2_important",
            "art2_1_union",
            "æøå",
            "",
        ];
        let numbers: Vec<i32> = given.iter().map(|w| words.number(w.as_bytes())).collect();
        assert_eq!(numbers, [0, 1, 2, 0, 3, 1]);
        let ends = std::iter::once(0)
            .chain(words.ends.iter().copied())
            .collect();
        let values = strings(ends, words.bytes.clone(), None).unwrap();
        let values: Vec<Option<&str>> = values.iter().collect();
        assert_eq!(
            values,
            [
                Some("art2_1_union"),
                Some(""),
                Some("art3_2_important"),
                Some("æøå")
            ]
        );
    }
}
