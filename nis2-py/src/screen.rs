//! `screen_arrow`: a table that speaks the Arrow PyCapsule stream interface (pyarrow, pandas,
//! polars) in, an Arrow table of the core's verdict columns out. This file only converts: the
//! columns, their meaning, every check and every verdict come from `nis2_core::screen`. The GIL
//! is released while the engine runs; batches are screened in slices so that memory stays
//! bounded whatever the batch size.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder, UInt64Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3_arrow::{PyRecordBatchReader, PyTable};

use nis2_core::screen::flat::{self, Cell, ColumnKind, FlatRow, Header, VerdictCells};
use nis2_core::screen::ReadRow;
use nis2_core::Error;

/// Rows screened at once (bounded memory for any batch size).
const SLICE: usize = 16_384;

/// Screen an Arrow stream (`data.__arrow_c_stream__()`), returning a `pyarrow.Table` of the
/// verdict columns (and `result`, the explained JSON, when `explained`).
#[pyfunction]
#[pyo3(signature = (data, strict = false, explained = false))]
pub(crate) fn screen_arrow<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    strict: bool,
    explained: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let reader: PyRecordBatchReader = data.extract().map_err(|e| {
        crate::native_error(&crate::invalid(
            "$",
            format!("expected a table with the Arrow stream interface (a pyarrow Table or RecordBatchReader, a pandas or polars DataFrame): {e}"),
        ))
    })?;
    let reader = reader.into_reader()?;
    let (batches, schema) = py
        .detach(|| run(reader, strict, explained))
        .map_err(|e| crate::native_error(&e))?;
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

fn run(
    reader: Box<dyn RecordBatchReader + Send>,
    strict: bool,
    explained: bool,
) -> Result<(Vec<RecordBatch>, SchemaRef), Error> {
    let input = reader.schema();
    let names: Vec<&str> = input.fields().iter().map(|f| f.name().as_str()).collect();
    let header = Header::new(&names)?;
    let readers = input
        .fields()
        .iter()
        .zip(header.names())
        .map(|(f, name)| column_reader(name, f.data_type()))
        .collect::<Result<Vec<_>, Error>>()?;
    let schema = output_schema(explained);
    let mut out = Vec::new();
    let mut offset = 0usize;
    for batch in reader {
        let batch =
            batch.map_err(|e| crate::invalid("$", format!("cannot read the table: {e}")))?;
        let mut start = 0;
        while start < batch.num_rows() {
            let len = SLICE.min(batch.num_rows() - start);
            let slice = batch.slice(start, len);
            let columns = slice
                .columns()
                .iter()
                .zip(&readers)
                .map(|(a, r)| r.normalise(a))
                .collect::<Result<Vec<_>, Error>>()?;
            let rows: Vec<ReadRow> = (0..len).map(|i| read_row(&columns, i)).collect();
            out.push(screen_slice(&schema, offset, &rows, strict, explained)?);
            offset += len;
            start += len;
        }
    }
    Ok((out, schema))
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
            DataType::List(f) | DataType::LargeList(f) | DataType::ListView(f) => {
                is_text(f.data_type())
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

/// Row `i` of the columns, read by the core.
fn read_row(columns: &[Column], i: usize) -> ReadRow {
    let mut row = FlatRow::default();
    let mut problem = None;
    for c in columns {
        let set = match c {
            Column::Null => Ok(()),
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
                let items = a.as_list::<i32>().value(i);
                let items = items.as_string::<i32>();
                let list = items.iter().flatten().map(str::to_owned).collect();
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
    let list = || DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
    let mut fields: Vec<Field> = flat::VERDICT_COLUMNS
        .iter()
        .map(|name| match *name {
            "index" => Field::new(*name, DataType::UInt64, false),
            "possible_classifications"
            | "possible_size_classes"
            | "reasons"
            | "open_questions"
            | "displacements" => Field::new(*name, list(), true),
            _ => Field::new(*name, DataType::Utf8, true),
        })
        .collect();
    if explained {
        fields.push(Field::new("result", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// The builders of the output columns.
struct Builders {
    index: UInt64Builder,
    strings: [StringBuilder; 8],
    lists: [ListBuilder<StringBuilder>; 5],
    result: StringBuilder,
}

fn screen_slice(
    schema: &SchemaRef,
    offset: usize,
    rows: &[ReadRow],
    strict: bool,
    explained: bool,
) -> Result<RecordBatch, Error> {
    let verdicts = nis2_core::screen::verdicts(rows);
    if strict {
        if let Some((i, e)) = verdicts
            .iter()
            .enumerate()
            .find_map(|(i, v)| v.as_ref().err().map(|e| (i, e)))
        {
            return Err(nis2_core::screen::in_row("rows", offset + i, e.clone()));
        }
    }
    let results = if explained {
        nis2_core::screen::explained_json(rows)
    } else {
        Vec::new()
    };
    let mut b = Builders {
        index: UInt64Builder::with_capacity(rows.len()),
        strings: Default::default(),
        lists: Default::default(),
        result: StringBuilder::new(),
    };
    for (i, (row, verdict)) in rows.iter().zip(&verdicts).enumerate() {
        b.index
            .append_value(u64::try_from(offset + i).unwrap_or(u64::MAX));
        append(
            &mut b,
            row.id.as_deref(),
            VerdictCells::of(verdict.as_ref()),
        );
        if explained {
            b.result
                .append_option(results.get(i).and_then(|r| r.as_ref().ok()));
        }
    }
    finish(schema, b, explained)
}

fn append(b: &mut Builders, id: Option<&str>, c: VerdictCells<'_>) {
    let (kind, path, message) = match &c.error {
        Some((k, p, m)) => (Some(*k), *p, Some(m.as_str())),
        None => (None, None, None),
    };
    // In the order of VERDICT_COLUMNS, without the index and the lists.
    let scalars = [
        id,
        c.in_scope,
        c.classification,
        c.size_class,
        c.supervision,
        kind,
        path,
        message,
    ];
    for (builder, value) in b.strings.iter_mut().zip(scalars) {
        builder.append_option(value);
    }
    let ok = c.error.is_none();
    let lists: [&[&str]; 5] = [
        &c.possible_classifications,
        &c.possible_size_classes,
        &c.reasons,
        &c.open_questions,
        &c.displacements,
    ];
    for (builder, items) in b.lists.iter_mut().zip(lists) {
        for item in items {
            builder.values().append_value(item);
        }
        builder.append(ok);
    }
}

fn finish(schema: &SchemaRef, mut b: Builders, explained: bool) -> Result<RecordBatch, Error> {
    let mut strings = b
        .strings
        .iter_mut()
        .map(|s| Arc::new(s.finish()) as ArrayRef);
    let mut lists = b.lists.iter_mut().map(|l| Arc::new(l.finish()) as ArrayRef);
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(15);
    for name in flat::VERDICT_COLUMNS {
        let next = match name {
            "index" => Some(Arc::new(b.index.finish()) as ArrayRef),
            "possible_classifications"
            | "possible_size_classes"
            | "reasons"
            | "open_questions"
            | "displacements" => lists.next(),
            _ => strings.next(),
        };
        columns.extend(next);
    }
    if explained {
        columns.push(Arc::new(b.result.finish()));
    }
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| Error::Data {
        file: "<screen>".to_owned(),
        message: e.to_string(),
    })
}
