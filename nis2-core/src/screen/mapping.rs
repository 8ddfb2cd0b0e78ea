//! A register's own columns mapped onto the flat layout (`nis2 screen --columns MAP.json`): which
//! source column fills which layout column, how a cell is read (as it is, or as an interval such
//! as a staff band "50-99"), codes translated (`"Ja"` → `true`), several source columns into one
//! list (a main and secondary NACE codes), and layout columns fixed for every row
//! (`member_state`: `DK`). Every source column is either mapped or listed in `ignore`: nothing
//! is dropped silently.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::flat::{self, ColumnKind, FlatRow, COLUMNS};
use crate::error::{Error, Result};
use crate::json::exact::{compare, Figure};
use crate::scope::profile::SizeFigure;

/// How a source column maps onto the flat layout.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    /// The format version (`"1"` when given).
    #[serde(default)]
    pub schema_version: Option<String>,
    /// What the map is for (documentation only).
    #[serde(default)]
    pub description: Option<String>,
    /// The field separator of the CSV file (one ASCII character; default `,`).
    #[serde(default)]
    pub delimiter: Option<String>,
    /// Each source column (its name in the file) and the layout column it fills.
    pub columns: BTreeMap<String, ColumnRule>,
    /// Source columns to leave out (every other column must be mapped).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Layout columns given the same text in every row (`"member_state": "DK"`).
    #[serde(default)]
    pub fixed: BTreeMap<String, String>,
}

/// How one source column is read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnRule {
    /// The layout column it fills (`id`, `name`, `nace_codes`, `staff_headcount`, …). Several
    /// source columns may fill a list column (`entity_types`, `nace_codes`,
    /// `member_states_of_service`): their values are joined.
    pub to: String,
    /// `as_is` (the default), or `interval` for a size figure given as a band: `50-99` or
    /// `ANTAL_50_99` is the range [50, 99], `1000+` at least 1000, `7` exactly 7 (thousands
    /// separators `.` or a space inside a number are dropped).
    #[serde(default)]
    pub read: ReadAs,
    /// Codes of the source translated to the layout's (`{"Ja": "true", "Nej": "false"}`); a
    /// cell not listed is read as it is.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// How a cell is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadAs {
    /// As it is (the layout column's own reading).
    #[default]
    AsIs,
    /// A band of a size figure.
    Interval,
}

/// What a column of the table fills.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target {
    /// A layout column, read as it is.
    Column(&'static str),
    /// A size figure's band: the figure, or its `_min` / `_max` columns.
    Interval(&'static str),
    /// Left out.
    Ignored,
}

/// The layout columns given the same text in every row.
pub(crate) type Fixed = Vec<(&'static str, String)>;

/// How a mapped table is read: its columns, in table order, and the fixed columns.
pub(crate) type Sources = (Vec<Source>, Fixed);

/// One column of a table as the header reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Source {
    pub(crate) target: Target,
    /// The code translations (empty: none).
    pub(crate) values: BTreeMap<String, String>,
    /// The column's own name (for errors).
    pub(crate) name: String,
}

impl ColumnMap {
    /// Read a map from JSON text.
    pub fn parse(text: &str) -> Result<ColumnMap> {
        let value = crate::json::parse_object(text, "a column map")?;
        ColumnMap::from_value(&value)
    }

    /// Read a map from a JSON value (paths from its root, `$`).
    pub fn from_value(value: &serde_json::Value) -> Result<ColumnMap> {
        let map: ColumnMap = crate::json::typed(value)?;
        if let Some(v) = &map.schema_version {
            if v != "1" {
                return Err(Error::invalid(
                    "$.schema_version",
                    format!("unsupported version `{v}`; this engine reads \"1\""),
                ));
            }
        }
        map.delimiter_byte()?;
        for (name, rule) in &map.columns {
            let path = format!("$.columns[{}].to", quoted(name));
            let column = layout_column(&rule.to, &path)?;
            if rule.read == ReadAs::Interval
                && flat::column_kind(column) != Some(ColumnKind::Number)
            {
                return Err(Error::invalid(
                    format!("$.columns[{}].read", quoted(name)),
                    format!("`interval` reads a size figure (`staff_headcount`, `annual_turnover_eur`, `balance_sheet_total_eur`), not `{column}`"),
                ));
            }
        }
        for column in map.fixed.keys() {
            layout_column(column, &format!("$.fixed[{}]", quoted(column)))?;
        }
        Ok(map)
    }

    /// The field separator (`,` by default).
    pub fn delimiter_byte(&self) -> Result<u8> {
        match self.delimiter.as_deref() {
            None => Ok(b','),
            Some(d) if d.len() == 1 && d.is_ascii() => {
                Ok(d.as_bytes().first().copied().unwrap_or(b','))
            }
            Some(d) => Err(Error::invalid(
                "$.delimiter",
                format!("a delimiter is one ASCII character (`,`, `;`, a tab), got `{d}`"),
            )),
        }
    }

    /// The sources of a table's columns, in table order, and the fixed columns.
    pub(crate) fn sources<S: AsRef<str>>(&self, names: &[S]) -> Result<Sources> {
        let mut out = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref().trim();
            let source = if let Some(rule) = self.columns.get(name) {
                let column = layout_column(&rule.to, "$.to")?;
                Source {
                    target: match rule.read {
                        ReadAs::AsIs => Target::Column(column),
                        ReadAs::Interval => Target::Interval(column),
                    },
                    values: rule.values.clone(),
                    name: name.to_owned(),
                }
            } else if self.ignore.iter().any(|c| c == name) {
                Source {
                    target: Target::Ignored,
                    values: BTreeMap::new(),
                    name: name.to_owned(),
                }
            } else {
                let known: Vec<&str> = self
                    .columns
                    .keys()
                    .chain(self.ignore.iter())
                    .map(String::as_str)
                    .collect();
                return Err(Error::unknown_choice(
                    &format!("$.columns[{i}]"),
                    "column of the map (map it under `columns`, or list it in `ignore`)",
                    name,
                    &known,
                ));
            };
            out.push(source);
        }
        let fixed = self
            .fixed
            .iter()
            .map(|(k, v)| Ok((layout_column(k, "$.fixed")?, v.clone())))
            .collect::<Result<Vec<_>>>()?;
        Ok((out, fixed))
    }
}

/// A source column's name in a path: `"Antal ansatte"`.
fn quoted(name: &str) -> String {
    format!("{name:?}")
}

fn layout_column(name: &str, path: &str) -> Result<&'static str> {
    COLUMNS
        .iter()
        .find(|c| **c == name)
        .copied()
        .ok_or_else(|| Error::unknown_choice(path, "screening column", name, &COLUMNS))
}

/// Read a band (`50-99`, `ANTAL_50_99`, `1000+`, `7`) as a size figure.
pub(crate) fn interval(column: &str, cell: &str) -> Result<SizeFigure> {
    let mut numbers: Vec<f64> = Vec::new();
    let bytes = cell.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while let Some(&b) = bytes.get(i) {
            let grouped = matches!(b, b'.' | b' ')
                && bytes
                    .get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
            if b.is_ascii_digit() {
                digits.push(char::from(b));
            } else if !grouped {
                break;
            }
            i += 1;
        }
        let nearest: f64 = digits.parse().map_err(|_| bad_band(column, cell))?;
        numbers.push(
            Figure::of_key(column).exact(nearest, || compare(&digits, 0).map(|_| digits.clone())),
        );
        if numbers.len() > 2 {
            return Err(bad_band(column, cell));
        }
    }
    match numbers[..] {
        [one] if cell.contains('+') => Ok(SizeFigure::Range {
            min: one,
            max: f64::MAX,
        }),
        [one] => Ok(SizeFigure::Exact(one)),
        [min, max] => Ok(SizeFigure::Range { min, max }),
        _ => Err(bad_band(column, cell)),
    }
}

fn bad_band(column: &str, cell: &str) -> Error {
    Error::invalid(
        format!("$.{column}"),
        format!("expected a band such as `50-99`, `ANTAL_50_99`, `1000+` or `7`, got `{cell}`"),
    )
}

/// Set a band on a row: an exact figure on the column, a range on its `_min` / `_max`.
pub(crate) fn set_band(row: &mut FlatRow, column: &str, figure: SizeFigure) -> Result<()> {
    let (lo, hi) = figure.bounds();
    match figure {
        SizeFigure::Exact(v) => row.set(column, flat::Cell::Number(v)),
        SizeFigure::Range { .. } => {
            row.set(&format!("{column}_min"), flat::Cell::Number(lo))?;
            if hi < f64::MAX {
                row.set(&format!("{column}_max"), flat::Cell::Number(hi))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bands() {
        let b = |t: &str| interval("staff_headcount", t).map(SizeFigure::bounds);
        assert_eq!(b("50-99").unwrap(), (50.0, 99.0));
        assert_eq!(b("ANTAL_50_99").unwrap(), (50.0, 99.0));
        assert_eq!(b("1.000-1.999").unwrap(), (1000.0, 1999.0));
        assert_eq!(b("1000+").unwrap(), (1000.0, f64::MAX));
        assert_eq!(b("7").unwrap(), (7.0, 7.0));
        assert!(b("mange").is_err());
        assert!(b("1-2-3").is_err());
        assert!(b("").is_err());
    }

    #[test]
    fn maps_are_checked() {
        assert!(ColumnMap::parse(r#"{"columns": {"A": {"to": "staf"}}}"#).is_err());
        assert!(
            ColumnMap::parse(r#"{"columns": {"A": {"to": "name", "read": "interval"}}}"#).is_err()
        );
        assert!(ColumnMap::parse(r#"{"columns": {}, "delimiter": ";;"}"#).is_err());
        assert!(ColumnMap::parse(r#"{"columns": {}, "fixed": {"land": "DK"}}"#).is_err());
        let m = ColumnMap::parse(r#"{"columns": {"Ansatte": {"to": "staff_headcount", "read": "interval"}}, "ignore": ["Adresse"], "fixed": {"member_state": "DK"}, "delimiter": ";"}"#).unwrap();
        assert_eq!(m.delimiter_byte().unwrap(), b';');
        assert!(m.sources(&["Ansatte", "Adresse"]).is_ok());
        assert!(m.sources(&["Ansatte", "Postnr"]).is_err());
    }
}
