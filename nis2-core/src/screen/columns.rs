//! The flat verdict columns of a screened row: what `nis2 screen` writes to CSV and what the
//! Python `screen` returns as Arrow columns, named and filled by the core alone.

use serde::ser::{self, Impossible, Serialize};

use crate::error::Error;
use crate::scope::verdict::ScopeVerdict;

/// The verdict columns, in order.
pub const VERDICT_COLUMNS: [&str; 14] = [
    "index",
    "id",
    "in_scope",
    "classification",
    "possible_classifications",
    "size_class",
    "possible_size_classes",
    "supervision",
    "reasons",
    "open_questions",
    "displacements",
    "error_kind",
    "error_path",
    "error_message",
];

/// The verdict columns of one screened row, borrowed from its verdict: codes as written in the
/// verdict's JSON, lists of codes (the reasons as rule ids, the open questions and
/// displacements as their ids). A row with an error has only the error columns.
#[derive(Debug, Default)]
pub struct VerdictCells<'a> {
    /// Whether the Directive applies.
    pub in_scope: Option<&'a str>,
    /// The class.
    pub classification: Option<&'a str>,
    /// Every class still possible.
    pub possible_classifications: Vec<&'a str>,
    /// The size class.
    pub size_class: Option<&'a str>,
    /// Every size class the figures allow.
    pub possible_size_classes: Vec<&'a str>,
    /// The supervision regime.
    pub supervision: Option<&'a str>,
    /// The rule ids of the reasons.
    pub reasons: Vec<&'a str>,
    /// The ids of the open questions.
    pub open_questions: Vec<&'a str>,
    /// The ids of the displacements.
    pub displacements: Vec<&'a str>,
    /// The error's kind, path and message.
    pub error: Option<(&'a str, Option<&'a str>, String)>,
}

impl<'a> VerdictCells<'a> {
    /// The columns of a row.
    pub fn of(row: std::result::Result<&'a ScopeVerdict, &'a Error>) -> Self {
        match row {
            Ok(v) => VerdictCells {
                in_scope: Some(code(&v.in_scope)),
                classification: Some(code(&v.classification)),
                possible_classifications: v.possible_classifications.iter().map(code).collect(),
                size_class: Some(code(&v.size_class)),
                possible_size_classes: v.possible_size_classes.iter().map(code).collect(),
                supervision: Some(code(&v.supervision)),
                reasons: v.reasons.iter().map(|r| r.rule.as_ref()).collect(),
                open_questions: v.open_questions.iter().map(|q| q.id.as_ref()).collect(),
                displacements: v.displacements.iter().map(|d| d.id.as_ref()).collect(),
                error: None,
            },
            Err(e) => VerdictCells {
                error: Some((e.kind(), e.path(), e.to_string())),
                ..VerdictCells::default()
            },
        }
    }
}

/// The verdict columns of one row as text cells (CSV): lists joined with `;`, absent values
/// empty.
pub fn verdict_cells(
    index: usize,
    id: Option<&str>,
    row: std::result::Result<&ScopeVerdict, &Error>,
) -> [String; 14] {
    text_cells(
        &index.to_string(),
        id.unwrap_or_default(),
        VerdictCells::of(row),
    )
}

/// The text cells of a row's columns, in the order of [`VERDICT_COLUMNS`] (also for a verdict
/// read back from a response document: `render` as `csv`).
pub(crate) fn text_cells(index: &str, id: &str, c: VerdictCells<'_>) -> [String; 14] {
    std::array::from_fn(|column| match c.cell(column) {
        VerdictCell::Index => index.to_owned(),
        VerdictCell::Id => id.to_owned(),
        VerdictCell::Text(s) => s.unwrap_or_default().to_owned(),
        VerdictCell::List(items) => items.unwrap_or_default().join(";"),
    })
}

/// One cell of a row's verdict columns ([`VerdictCells::cell`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictCell<'a> {
    /// `index`: the row's position (the caller's, not the answer's).
    Index,
    /// `id`: the row's own `id` (the caller's).
    Id,
    /// A code or a text; `None` where the row has none (the verdict columns of a row with an
    /// error, the error columns of a row without one).
    Text(Option<&'a str>),
    /// A list of codes; `None` for a row with an error.
    List(Option<&'a [&'a str]>),
}

impl VerdictCells<'_> {
    /// The cell of the column at `column` in [`VERDICT_COLUMNS`]: the one place that says what
    /// each column holds (the CSV writer and Python's Arrow columns both read it; a test checks
    /// it against the names).
    pub fn cell(&self, column: usize) -> VerdictCell<'_> {
        // The lists of a row with an error are null, not empty.
        fn list<'b>(ok: bool, items: &'b [&'b str]) -> VerdictCell<'b> {
            VerdictCell::List(ok.then_some(items))
        }
        let ok = self.error.is_none();
        let error = self.error.as_ref();
        match column {
            0 => VerdictCell::Index,
            1 => VerdictCell::Id,
            2 => VerdictCell::Text(self.in_scope),
            3 => VerdictCell::Text(self.classification),
            4 => list(ok, &self.possible_classifications),
            5 => VerdictCell::Text(self.size_class),
            6 => list(ok, &self.possible_size_classes),
            7 => VerdictCell::Text(self.supervision),
            8 => list(ok, &self.reasons),
            9 => list(ok, &self.open_questions),
            10 => list(ok, &self.displacements),
            11 => VerdictCell::Text(error.map(|e| e.0)),
            12 => VerdictCell::Text(error.and_then(|e| e.1)),
            13 => VerdictCell::Text(error.map(|e| e.2.as_str())),
            _ => VerdictCell::Text(None),
        }
    }
}

/// Whether the column at `column` in [`VERDICT_COLUMNS`] holds lists of codes.
pub fn holds_lists(column: usize) -> bool {
    matches!(VerdictCells::default().cell(column), VerdictCell::List(_))
}

/// The code of a unit enum value as its JSON writes it (`depends_on_member_state`), without
/// writing JSON; empty for anything else.
pub fn code<T: Serialize>(value: &T) -> &'static str {
    value.serialize(CodeOf).unwrap_or_default()
}

/// A serializer that only reads a unit variant's name.
struct CodeOf;

#[derive(Debug)]
struct NotCode;

impl std::fmt::Display for NotCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotCode {}

impl ser::Error for NotCode {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotCode
    }
}

macro_rules! not_code {
    ($($name:ident($($t:ty),*);)*) => {
        $(fn $name(self, $(_: $t),*) -> Result<&'static str, NotCode> { Err(NotCode) })*
    };
}

impl ser::Serializer for CodeOf {
    type Ok = &'static str;
    type Error = NotCode;
    type SerializeSeq = Impossible<&'static str, NotCode>;
    type SerializeTuple = Impossible<&'static str, NotCode>;
    type SerializeTupleStruct = Impossible<&'static str, NotCode>;
    type SerializeTupleVariant = Impossible<&'static str, NotCode>;
    type SerializeMap = Impossible<&'static str, NotCode>;
    type SerializeStruct = Impossible<&'static str, NotCode>;
    type SerializeStructVariant = Impossible<&'static str, NotCode>;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotCode> {
        Ok(variant)
    }

    not_code! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, NotCode> {
        Err(NotCode)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotCode> {
        Err(NotCode)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotCode> {
        Err(NotCode)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotCode> {
        Err(NotCode)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotCode> {
        Err(NotCode)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotCode> {
        Err(NotCode)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotCode> {
        Err(NotCode)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotCode> {
        Err(NotCode)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotCode> {
        Err(NotCode)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotCode> {
        Err(NotCode)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::{code, holds_lists, VerdictCell, VerdictCells, VERDICT_COLUMNS};
    use crate::scope::result::{Classification, InScope};

    /// Each column's cell is the field of its name: cells that hold their own column's name
    /// come back at that column.
    #[test]
    fn each_column_reads_the_field_of_its_name() {
        let verdict = VerdictCells {
            in_scope: Some("in_scope"),
            classification: Some("classification"),
            possible_classifications: vec!["possible_classifications"],
            size_class: Some("size_class"),
            possible_size_classes: vec!["possible_size_classes"],
            supervision: Some("supervision"),
            reasons: vec!["reasons"],
            open_questions: vec!["open_questions"],
            displacements: vec!["displacements"],
            error: None,
        };
        let error = VerdictCells {
            error: Some(("error_kind", Some("error_path"), "error_message".to_owned())),
            ..VerdictCells::default()
        };
        for (column, name) in VERDICT_COLUMNS.iter().enumerate() {
            let got = match (verdict.cell(column), error.cell(column)) {
                (VerdictCell::Index, VerdictCell::Index) => "index",
                (VerdictCell::Id, VerdictCell::Id) => "id",
                (VerdictCell::Text(Some(s)), VerdictCell::Text(None))
                | (VerdictCell::Text(None), VerdictCell::Text(Some(s))) => s,
                (VerdictCell::List(Some([s])), VerdictCell::List(None)) => s,
                other => panic!("column {name}: {other:?}"),
            };
            assert_eq!(got, *name);
            assert_eq!(
                holds_lists(column),
                matches!(verdict.cell(column), VerdictCell::List(_))
            );
        }
        assert_eq!(verdict.cell(VERDICT_COLUMNS.len()), VerdictCell::Text(None));
    }

    #[test]
    fn codes_are_the_json_names() {
        assert_eq!(
            code(&InScope::DependsOnMemberState),
            "depends_on_member_state"
        );
        assert_eq!(code(&Classification::RegistrationOnly), "registration_only");
        assert_eq!(code(&3u8), "");
    }
}
