//! `screen_arrow`: a table that speaks the Arrow PyCapsule stream interface (pyarrow, pandas,
//! polars) in, an Arrow table of the core's verdict columns out. This file only converts: the
//! columns, their meaning, every check and every verdict come from `nis2_core::screen`. The GIL
//! is released while the engine runs; batches are screened in slices so that memory stays
//! bounded whatever the batch size.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::BooleanBufferBuilder;
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

use nis2_core::screen::flat::{self, Cell, ColumnKind, FlatRow, Header, VerdictCells};
use nis2_core::screen::memo::{CellKey, Memo, Outcome};
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
    let mut shared = LaidShared::new();
    let mut words = Words::default();
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
            out.extend(screen_slice(
                &schema,
                &slice,
                &memo,
                (&mut shared, &mut words),
                strict,
            )?);
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
                Column::Number(_, a) => Some(Self::Number(a.as_primitive::<Float64Type>())),
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
        .map(|name| match (*name, shape(name)) {
            ("index", _) => Field::new(*name, DataType::UInt64, false),
            (_, Shape::Plain) => Field::new(*name, DataType::Utf8, true),
            (_, Shape::CodedList) => Field::new(*name, coded_list(), true),
        })
        .collect();
    if explained {
        fields.push(Field::new("result", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// How a verdict column is given back. The lists of the engine's words (possible classes,
/// reason codes, question ids, displacements; most of a verdict's bytes) are lists of
/// dictionary-encoded strings: each item is a number into the words of the screening. pandas
/// reads them as it reads lists of strings (arrays of `str`), polars as `list[cat]`, and
/// pyarrow's kernels (take, filter, sort, Parquet) take them as they are. Every other column is
/// plain strings: pandas' string idioms (`fillna("-")`) do not work on a `category`, and
/// pyarrow 26 has no `take` for string views.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    CodedList,
}

fn shape(name: &str) -> Shape {
    match name {
        "possible_classifications"
        | "possible_size_classes"
        | "reasons"
        | "open_questions"
        | "displacements" => Shape::CodedList,
        _ => Shape::Plain,
    }
}

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

/// Each shared verdict's cells, laid out once per screening (by its index in the memo).
type LaidShared = Vec<Option<Laid>>;

fn screen_slice(
    schema: &SchemaRef,
    slice: &Slice,
    memo: &Memo,
    (shared, words): (&mut LaidShared, &mut Words),
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
    // The cells of each answer not laid out yet (in parallel), their words numbered, then each
    // row's answer.
    shared.resize_with(memo.len(), || None);
    let mut new = Vec::new();
    let mut own = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Shared(at) => {
                if let Some(slot @ None) = shared.get_mut(*at as usize) {
                    *slot = Some(Laid::default());
                    new.push(*at);
                }
            }
            o => own.push(o),
        }
    }
    let laid = nis2_core::screen::map_rows(&new, |at| lay(memo.verdict(*at).ok_or(&MISSING)));
    for (at, mut laid) in new.iter().zip(laid) {
        words.number(&mut laid);
        if let Some(slot) = shared.get_mut(*at as usize) {
            *slot = Some(laid);
        }
    }
    let mut own = nis2_core::screen::map_rows(&own, |o| lay(o.get(memo)));
    for laid in &mut own {
        words.number(laid);
    }
    let vocabulary = words.arrays()?;
    let mut own = own.iter();
    let blank = Laid::default();
    let rows: Vec<&Laid> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Shared(at) => shared.get(*at as usize).and_then(Option::as_ref),
            _ => own.next(),
        })
        .map(|l| l.unwrap_or(&blank))
        .collect();
    let starts: Vec<usize> = (0..len).step_by(PART).collect();
    nis2_core::screen::map_pieces(&starts, |&start| {
        let end = len.min(start + PART);
        let rows = rows.get(start..end).unwrap_or_default();
        let mut columns = flat::VERDICT_COLUMNS
            .iter()
            .enumerate()
            .map(
                |(c, name)| match (*name, vocabulary.get(c).and_then(Option::as_ref)) {
                    ("index", _) => Ok(Arc::new(UInt64Array::from_iter_values(
                        (offset + start..offset + end)
                            .map(|i| u64::try_from(i).unwrap_or(u64::MAX)),
                    )) as ArrayRef),
                    ("id", _) => Ok(slice.ids.slice(start, end - start)),
                    (_, Some(words)) => coded_column(c, rows, words),
                    (_, None) => build(c, rows),
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
    })
    .into_iter()
    .collect()
}

/// The words of the coded columns (the engine's own: possible classes, reason codes, question
/// ids, displacements), numbered once per screening, column by column, in the order first met.
#[derive(Default)]
struct Words {
    columns: Vec<Vocabulary>,
}

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

impl Words {
    /// Number the words of an answer's coded cells (its `keys`).
    fn number(&mut self, laid: &mut Laid) {
        if self.columns.is_empty() {
            self.columns
                .resize_with(flat::VERDICT_COLUMNS.len(), Vocabulary::default);
        }
        laid.keys = laid
            .cells
            .iter()
            .zip(flat::VERDICT_COLUMNS)
            .zip(&mut self.columns)
            .map(|((cell, name), words)| match (shape(name), cell) {
                (Shape::Plain, _) | (_, LaidCell::Text(_)) => Key::Plain,
                (Shape::CodedList, LaidCell::List(l)) => Key::List(l.as_ref().map(|(ends, v)| {
                    let mut from = 0;
                    let mut list = Vec::with_capacity(ends.len());
                    for end in ends {
                        let to = usize::try_from(*end).unwrap_or(0);
                        list.push(words.number(v.get(from..to).unwrap_or_default()));
                        from = to;
                    }
                    list
                })),
            })
            .collect();
    }

    /// Each coded column's words so far, as the values of its dictionary (`None`: a plain
    /// column).
    fn arrays(&self) -> Result<Vec<Option<ArrayRef>>, Error> {
        flat::VERDICT_COLUMNS
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let (ends, bytes) = match self.columns.get(c) {
                    Some(v) => (v.ends.as_slice(), v.bytes.clone()),
                    None => (&[][..], Vec::new()),
                };
                Ok(match shape(name) {
                    Shape::Plain => None,
                    Shape::CodedList => {
                        let ends = std::iter::once(0).chain(ends.iter().copied()).collect();
                        Some(Arc::new(strings(ends, bytes, None)?) as ArrayRef)
                    }
                })
            })
            .collect()
    }
}

/// The coded column (the `c`-th) of rows: each row's list of numbers into `words`.
fn coded_column<'a>(c: usize, rows: &[&'a Laid], words: &ArrayRef) -> Result<ArrayRef, Error> {
    let key = |l: &'a Laid| l.keys.get(c);
    let given = |l: &'a Laid| matches!(key(l), Some(Key::List(Some(_))));
    let nulls = rows.iter().any(|l| !given(l)).then(|| {
        let mut b = BooleanBufferBuilder::new(rows.len());
        for l in rows {
            b.append(given(l));
        }
        NullBuffer::new(b.finish())
    });
    let lists = || {
        rows.iter().map(|l| match key(l) {
            Some(Key::List(Some(list))) => list.as_slice(),
            _ => &[],
        })
    };
    let mut keys: Vec<i32> = Vec::with_capacity(lists().map(<[i32]>::len).sum::<usize>() + 4);
    let mut ends: Vec<i32> = Vec::with_capacity(rows.len() + 1);
    ends.push(0);
    for list in lists() {
        // A list of up to four numbers (nearly every one) as one fixed-size store, cut back to
        // its length, not a call of `memcpy`.
        let start = keys.len();
        match list {
            [] => {}
            [a] => keys.push(*a),
            [a, b] => keys.extend_from_slice(&[*a, *b]),
            [a, b, c] => keys.extend_from_slice(&[*a, *b, *c]),
            [a, b, c, d] => keys.extend_from_slice(&[*a, *b, *c, *d]),
            _ => keys.extend_from_slice(list),
        }
        debug_assert_eq!(keys.len(), start + list.len());
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

/// One row's value in a column: a string, or a list of strings (null for a row with an error).
enum Value<'a> {
    One(Option<&'a str>),
    List(Option<&'a [&'a str]>),
}

/// An answer's value in the column `name` (one of the verdict columns but the index and id).
fn value<'a>(c: &'a VerdictCells<'a>, name: &str) -> Value<'a> {
    let list = |items: &'a [&'a str]| Value::List(c.error.is_none().then_some(items));
    let (kind, path, message) = match &c.error {
        Some((k, p, m)) => (Some(*k), *p, Some(m.as_str())),
        None => (None, None, None),
    };
    match name {
        "in_scope" => Value::One(c.in_scope),
        "classification" => Value::One(c.classification),
        "possible_classifications" => list(&c.possible_classifications),
        "size_class" => Value::One(c.size_class),
        "possible_size_classes" => list(&c.possible_size_classes),
        "supervision" => Value::One(c.supervision),
        "reasons" => list(&c.reasons),
        "open_questions" => list(&c.open_questions),
        "displacements" => list(&c.displacements),
        "error_kind" => Value::One(kind),
        "error_path" => Value::One(path),
        _ => Value::One(message),
    }
}

/// An answer's cells in the verdict columns (in their order), laid out: text, or a list of
/// texts as one run of bytes with the ends of its items; `None` is null (an error's verdict
/// cells, a verdict's error cells).
#[derive(Default)]
struct Laid {
    cells: Vec<LaidCell>,
    /// The numbers of the coded cells' words ([`Words::number`]).
    keys: Vec<Key>,
}

/// An answer's cell in a coded column: its words' numbers (`None`: null); `Plain` in a plain
/// column.
enum Key {
    Plain,
    List(Option<Vec<i32>>),
}

enum LaidCell {
    Text(Option<Box<str>>),
    List(Option<(Vec<i32>, Vec<u8>)>),
}

fn lay(answer: Result<&nis2_core::scope::verdict::ScopeVerdict, &Error>) -> Laid {
    let c = VerdictCells::of(answer);
    let cells = flat::VERDICT_COLUMNS
        .iter()
        .map(|name| match value(&c, name) {
            Value::One(s) => LaidCell::Text(s.map(Into::into)),
            Value::List(items) => LaidCell::List(items.map(|items| {
                let mut ends = Vec::with_capacity(items.len());
                let mut bytes = Vec::new();
                for item in items {
                    bytes.extend_from_slice(item.as_bytes());
                    ends.push(offset(bytes.len()));
                }
                (ends, bytes)
            })),
        })
        .collect();
    Laid {
        cells,
        keys: Vec::new(),
    }
}

/// The plain text column (the `c`-th) of rows, from their answers, in one pass.
fn build(c: usize, rows: &[&Laid]) -> Result<ArrayRef, Error> {
    let mut ends = Vec::with_capacity(rows.len() + 1);
    ends.push(0);
    // Sized from the first rows (most rows share a handful of verdicts).
    let guess: usize = rows
        .iter()
        .take(16)
        .filter_map(|l| text(l, c))
        .map(<[u8]>::len)
        .sum();
    let mut data = Vec::with_capacity(guess * rows.len() / 16 + 16);
    let mut nulls: Option<BooleanBufferBuilder> = None;
    for (i, l) in rows.iter().enumerate() {
        match text(l, c) {
            Some(s) => {
                push_text(&mut data, s);
                if let Some(b) = &mut nulls {
                    b.append(true);
                }
            }
            None => nulls
                .get_or_insert_with(|| {
                    let mut b = BooleanBufferBuilder::new(rows.len());
                    b.append_n(i, true);
                    b
                })
                .append(false),
        }
        ends.push(offset(data.len()));
    }
    let nulls = nulls.map(|mut b| NullBuffer::new(b.finish()));
    if nulls.as_ref().is_some_and(|n| n.null_count() == rows.len()) {
        return Ok(arrow_array::new_null_array(&DataType::Utf8, rows.len()));
    }
    Ok(Arc::new(strings(ends, data, nulls)?))
}

/// An answer's text in the `c`-th column (`None`: null).
fn text(l: &Laid, c: usize) -> Option<&[u8]> {
    match l.cells.get(c) {
        Some(LaidCell::Text(Some(s))) => Some(s.as_bytes()),
        _ => None,
    }
}

/// Append `s`: a text of up to sixteen bytes (every word of a verdict) as two overlapping
/// fixed-size stores, not by a call of `memcpy` (costly for a few bytes, and the most frequent
/// call of a screening when it was one).
#[inline(always)]
fn push_text(data: &mut Vec<u8>, s: &[u8]) {
    let done = match s.len() {
        8..=16 => push_overlapping::<8>(data, s),
        4..=7 => push_overlapping::<4>(data, s),
        0..=3 => {
            for b in s {
                data.push(*b);
            }
            true
        }
        _ => false,
    };
    if !done {
        data.extend_from_slice(s);
    }
}

/// Append `s` (`W` to `2 * W` bytes long) as its first `W` bytes and its last `W` bytes, the
/// second store overlapping the first; `false` (nothing appended) for any other length.
#[inline(always)]
fn push_overlapping<const W: usize>(data: &mut Vec<u8>, s: &[u8]) -> bool {
    let first = s.get(..W).and_then(|b| <[u8; W]>::try_from(b).ok());
    let last = (s.len().checked_sub(W))
        .and_then(|k| s.get(k..))
        .and_then(|b| <[u8; W]>::try_from(b).ok());
    let (Some(first), Some(last)) = (first, last) else {
        return false;
    };
    if s.len() > 2 * W {
        return false;
    }
    let start = data.len();
    data.extend_from_slice(&first);
    data.truncate(start + s.len() - W);
    data.extend_from_slice(&last);
    true
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
    fn texts_of_every_length_are_appended_whole() {
        let alphabet = "abcdefghijklmnopqrstuvwxyzæøå";
        let mut data = b"x".to_vec();
        let mut want = data.clone();
        for n in 0..=24 {
            let s: Vec<u8> = alphabet.bytes().cycle().skip(n).take(n).collect();
            push_text(&mut data, &s);
            want.extend_from_slice(&s);
            assert_eq!(data, want, "length {n}");
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
