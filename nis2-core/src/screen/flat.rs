//! The flat row layout of screening tables (CSV, JSON Lines, Arrow): one column per fact, read
//! into a [`Profile`] by the core, and the flat verdict columns written back.
//!
//! A row gives its activities as `entity_types` (a list; in a text cell separated by `;` or
//! `|`), or its whole profile as JSON in `profile`. Every other column is optional and empty
//! cells are absent facts (reported as open questions, never guessed). Errors name the column
//! (`$.staff_headcount`, `$.entity_types[1]`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::json::exact::{is_literal, Figure};
use crate::scope::profile::{
    Activity, Designations, Identification, Profile, SecurityActivities, SecurityExemption,
    SizeFigure, SizeInput,
};
use crate::scope::verdict::ScopeVerdict;

pub use super::columns::{holds_lists, verdict_cells, VerdictCell, VerdictCells, VERDICT_COLUMNS};
pub use super::mapping::ColumnMap;
use super::mapping::{self, Source, Sources, Target};
use super::memo::{CellKey, FigureColumn};

use super::{Paths, ReadRow};

/// The entity type for which `qualified_trust_service_provider` is asked.
const TRUST_SERVICE: &str = "NIS2-I-08-07";
/// The entity type for which `significant_impact_assessed` is asked.
const REGIONAL_ADMINISTRATION: &str = "NIS2-I-10-02";

/// One row of a screening table, in the flat layout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlatRow {
    /// The row's own id (echoed in the verdict row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The whole profile (a `scope-profile` document, or its JSON text), instead of the columns
    /// below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<ProfileColumn>")]
    pub profile: Option<Value>,
    /// The organisation's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The entity type ids of its activities (profile `activities[].entity_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_types: Option<Vec<String>>,
    /// NACE Rev. 2 codes of its activities (profile `nace_codes`; DB07 codes too): with or
    /// instead of `entity_types`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nace_codes: Option<Vec<String>>,
    /// The Member State of establishment (profile `member_state`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state: Option<String>,
    /// Other Member States where it provides services (profile `member_states_of_service`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_states_of_service: Option<Vec<String>>,
    /// Whether it provides services in the Union (profile `provides_services_in_union`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provides_services_in_union: Option<bool>,
    /// Staff headcount in AWU (profile `size.staff_headcount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub staff_headcount: Option<f64>,
    /// Annual turnover in EUR (profile `size.annual_turnover_eur`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub annual_turnover_eur: Option<f64>,
    /// Annual balance sheet total in EUR (profile `size.balance_sheet_total_eur`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub balance_sheet_total_eur: Option<f64>,
    /// The lowest possible staff headcount, where only a range is known (a register's "50-99"):
    /// with `staff_headcount_max` the range `[min, max]` of profile `size.staff_headcount`;
    /// alone, at least this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub staff_headcount_min: Option<f64>,
    /// The highest possible staff headcount (alone: from 0 to this).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub staff_headcount_max: Option<f64>,
    /// The lowest possible annual turnover in EUR (a range, as for staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub annual_turnover_eur_min: Option<f64>,
    /// The highest possible annual turnover in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub annual_turnover_eur_max: Option<f64>,
    /// The lowest possible balance sheet total in EUR (a range, as for staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub balance_sheet_total_eur_min: Option<f64>,
    /// The highest possible balance sheet total in EUR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub balance_sheet_total_eur_max: Option<f64>,
    /// For a trust service provider (`NIS2-I-08-07`): whether it is qualified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualified_trust_service_provider: Option<bool>,
    /// For a regional public administration (`NIS2-I-10-02`): the Art 2(2)(f)(ii) assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_impact_assessed: Option<bool>,
    /// Profile `public_security_activities` (Art 2(7)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_security_activities: Option<bool>,
    /// Profile `security_activities` (Art 2(8)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_activities: Option<SecurityActivities>,
    /// Profile `designations.critical_entity_cer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_entity_cer: Option<bool>,
    /// Profile `designations.member_state_identification`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_state_identification: Option<Identification>,
    /// Profile `designations.nis1_operator_of_essential_services`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nis1_operator_of_essential_services: Option<bool>,
    /// Profile `designations.security_exemption`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_exemption: Option<SecurityExemption>,
    /// Profile `designations.dora_exempted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dora_exempted: Option<bool>,
}

/// The `profile` column: a profile, or its JSON text.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // only its schema is used
enum ProfileColumn {
    /// A `scope-profile` document.
    Profile(Box<Profile>),
    /// Its JSON text.
    Text(String),
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text (`id`, `name`, `member_state`, and the coded columns such as
    /// `member_state_identification`, written as their codes).
    Text,
    /// A list of ids (`entity_types`, `member_states_of_service`); in a text cell separated by
    /// `;` or `|`.
    List,
    /// True or false; in a text cell also yes/no, 1/0.
    Bool,
    /// A number (the size figures); in a text cell written with digits, read exactly at the
    /// ceilings.
    Number,
    /// A JSON document (`profile`).
    Json,
}

/// Every column of the flat layout.
pub const COLUMNS: [&str; 26] = [
    "id",
    "profile",
    "name",
    "entity_types",
    "nace_codes",
    "member_state",
    "member_states_of_service",
    "provides_services_in_union",
    "staff_headcount",
    "annual_turnover_eur",
    "balance_sheet_total_eur",
    "staff_headcount_min",
    "staff_headcount_max",
    "annual_turnover_eur_min",
    "annual_turnover_eur_max",
    "balance_sheet_total_eur_min",
    "balance_sheet_total_eur_max",
    "qualified_trust_service_provider",
    "significant_impact_assessed",
    "public_security_activities",
    "security_activities",
    "critical_entity_cer",
    "member_state_identification",
    "nis1_operator_of_essential_services",
    "security_exemption",
    "dora_exempted",
];

/// What a column of the layout holds (`None`: not a column of the layout).
pub fn column_kind(column: &str) -> Option<ColumnKind> {
    Some(match column {
        "profile" => ColumnKind::Json,
        "entity_types" | "nace_codes" | "member_states_of_service" => ColumnKind::List,
        "provides_services_in_union"
        | "qualified_trust_service_provider"
        | "significant_impact_assessed"
        | "public_security_activities"
        | "critical_entity_cer"
        | "nis1_operator_of_essential_services"
        | "dora_exempted" => ColumnKind::Bool,
        "staff_headcount"
        | "annual_turnover_eur"
        | "balance_sheet_total_eur"
        | "staff_headcount_min"
        | "staff_headcount_max"
        | "annual_turnover_eur_min"
        | "annual_turnover_eur_max"
        | "balance_sheet_total_eur_min"
        | "balance_sheet_total_eur_max" => ColumnKind::Number,
        "id"
        | "name"
        | "member_state"
        | "security_activities"
        | "member_state_identification"
        | "security_exemption" => ColumnKind::Text,
        _ => return None,
    })
}

/// One cell of a table, as a binding or a text reader has it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text (also for list, number and yes/no columns of a text table).
    Text(&'a str),
    /// A list of strings.
    List(Vec<String>),
    /// A boolean.
    Bool(bool),
    /// A number (a double, as a binding holds it).
    Number(f64),
}

/// The columns of a table, checked once for the whole table: every name is a column of the
/// layout (or, with a [`ColumnMap`], mapped onto one or ignored), none is repeated (except into
/// a list column), and `entity_types`, `nace_codes` or `profile` is present.
#[derive(Debug, Clone)]
pub struct Header {
    columns: Vec<&'static str>,
    /// With a map: how each column of the table is read, and the fixed columns.
    mapped: Option<Sources>,
}

impl Header {
    /// Check a table's column names.
    pub fn new<S: AsRef<str>>(names: &[S]) -> Result<Header> {
        let mut columns = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let name = name.as_ref().trim();
            let Some(&known) = COLUMNS.iter().find(|c| **c == name) else {
                return Err(Error::unknown_choice(
                    &format!("$.columns[{i}]"),
                    "screening column",
                    name,
                    &COLUMNS,
                ));
            };
            if columns.contains(&known) {
                return Err(Error::invalid(
                    format!("$.columns[{i}]"),
                    format!("column `{known}` is given twice"),
                ));
            }
            columns.push(known);
        }
        need_activities(&columns)?;
        Ok(Header {
            columns,
            mapped: None,
        })
    }

    /// Check a table's column names against a register's column map.
    pub fn mapped<S: AsRef<str>>(map: &ColumnMap, names: &[S]) -> Result<Header> {
        let (sources, fixed) = map.sources(names)?;
        let mut columns: Vec<&'static str> = Vec::new();
        let targets = sources
            .iter()
            .filter_map(|s| match s.target {
                Target::Column(c) | Target::Interval(c) => Some(c),
                Target::Ignored => None,
            })
            .chain(fixed.iter().map(|(c, _)| *c));
        for c in targets {
            if columns.contains(&c) && column_kind(c) != Some(ColumnKind::List) {
                return Err(Error::invalid(
                    "$.columns",
                    format!("two columns of the table (or of `fixed`) fill `{c}`, which holds one value"),
                ));
            }
            columns.push(c);
        }
        need_activities(&columns)?;
        Ok(Header {
            columns,
            mapped: Some((sources, fixed)),
        })
    }
}

/// Whether a layout column's cells can change a row's verdict: all but `id` and `name`, which
/// only name the row (a verdict never reads them, though a name beside a `profile` is an
/// error, so whether a name is given still counts).
#[must_use]
pub fn decides(column: &str) -> bool {
    !matches!(column, "id" | "name")
}

/// A table needs a column of activities (or whole profiles).
fn need_activities(columns: &[&'static str]) -> Result<()> {
    if columns
        .iter()
        .any(|c| matches!(*c, "entity_types" | "nace_codes" | "profile"))
    {
        return Ok(());
    }
    Err(Error::invalid(
        "$.columns",
        "missing column: a screening table needs `entity_types` (entity type ids separated by `;`), `nace_codes` (NACE Rev. 2 codes separated by `;`) or `profile` (a JSON profile)",
    ))
}

impl Header {
    /// The column names, in table order.
    pub fn names(&self) -> &[&'static str] {
        &self.columns
    }

    /// Write a row of text cells as its key in the memo ([`Memo::read_and_answer_cells`]):
    /// each cell that can change the verdict as given, and for a cell that only names the row
    /// (see [`decides`]), whether it is given.
    ///
    /// [`Memo::read_and_answer_cells`]: super::memo::Memo::read_and_answer_cells
    pub fn cell_key<S: AsRef<str>>(&self, cells: &[S], key: &mut CellKey) {
        key.count(cells.len());
        let given = |cell: &S| !cell.as_ref().trim().is_empty();
        match &self.mapped {
            Some((sources, _)) => {
                for (source, cell) in sources.iter().zip(cells) {
                    match source.target {
                        Target::Ignored => {}
                        Target::Column(c) if !decides(c) => key.given(given(cell)),
                        _ => key.text(cell.as_ref()),
                    }
                }
            }
            None => {
                for (column, cell) in self.columns.iter().zip(cells) {
                    if let Some(figure) = FigureColumn::of(column) {
                        figure_cell(key, figure, column, cell.as_ref());
                    } else if decides(column) {
                        key.text(cell.as_ref());
                    } else {
                        key.given(given(cell));
                    }
                }
            }
        }
    }

    /// A row's id, as [`Header::read`] reads it.
    pub fn id<S: AsRef<str>>(&self, cells: &[S]) -> Option<String> {
        let mut row = FlatRow::default();
        match &self.mapped {
            Some((sources, fixed)) => {
                for (source, cell) in sources.iter().zip(cells) {
                    if matches!(source.target, Target::Column("id")) {
                        read_mapped_cell(&mut row, source, cell.as_ref()).ok()?;
                    }
                }
                for (column, text) in fixed {
                    if *column == "id" {
                        row.set(column, Cell::Text(text)).ok()?;
                    }
                }
            }
            None => {
                for (column, cell) in self.columns.iter().zip(cells) {
                    let cell = cell.as_ref().trim();
                    if *column == "id" && !cell.is_empty() {
                        row.set(column, Cell::Text(cell)).ok()?;
                    }
                }
            }
        }
        row.id
    }

    /// Read one row of text cells (as many as there are columns; empty cells are absent).
    pub fn read<S: AsRef<str>>(&self, cells: &[S]) -> ReadRow {
        if let Some((sources, fixed)) = &self.mapped {
            return read_mapped(sources, fixed, cells);
        }
        if cells.len() != self.columns.len() {
            let e = Error::invalid(
                "$",
                format!(
                    "the row has {} cells; the table has {} columns",
                    cells.len(),
                    self.columns.len()
                ),
            );
            return ReadRow {
                id: None,
                profile: Err(e),
                paths: Paths::Columns,
            };
        }
        let mut row = FlatRow::default();
        let mut problem = None;
        for (column, cell) in self.columns.iter().zip(cells) {
            let cell = cell.as_ref().trim();
            if cell.is_empty() {
                continue;
            }
            if let Err(e) = row.set(column, Cell::Text(cell)) {
                problem.get_or_insert(e);
            }
        }
        match problem {
            None => read_typed(row),
            Some(e) => ReadRow {
                id: row.id,
                profile: Err(e),
                paths: Paths::Columns,
            },
        }
    }
}

/// One cell of a mapped table read into its row (a problem is named by the table's column).
fn read_mapped_cell(row: &mut FlatRow, source: &Source, cell: &str) -> Result<()> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(());
    }
    let cell = source.values.get(cell).map_or(cell, String::as_str);
    match source.target {
        Target::Ignored => Ok(()),
        Target::Column(c) => row.add(c, Cell::Text(cell)),
        Target::Interval(c) => {
            mapping::interval(c, cell).and_then(|f| mapping::set_band(row, c, f))
        }
    }
    .map_err(|e| {
        let at = format!("$[{:?}]", source.name);
        super::map_paths(e, &|_| at.clone())
    })
}

/// Read one row of a mapped table.
fn read_mapped<S: AsRef<str>>(
    sources: &[Source],
    fixed: &[(&'static str, String)],
    cells: &[S],
) -> ReadRow {
    let failed = |row: &FlatRow, e: Error| ReadRow {
        id: row.id.clone(),
        profile: Err(e),
        paths: Paths::Columns,
    };
    let mut row = FlatRow::default();
    if cells.len() != sources.len() {
        let e = Error::invalid(
            "$",
            format!(
                "the row has {} cells; the table has {} columns",
                cells.len(),
                sources.len()
            ),
        );
        return failed(&row, e);
    }
    let mut problem = None;
    for (source, cell) in sources.iter().zip(cells) {
        if let Err(e) = read_mapped_cell(&mut row, source, cell.as_ref()) {
            problem.get_or_insert(e);
        }
    }
    for (column, text) in fixed {
        if let Err(e) = row.set(column, Cell::Text(text)) {
            problem.get_or_insert(super::map_paths(e, &|_| format!("$.fixed.{column}")));
        }
    }
    match problem {
        None => read_typed(row),
        Some(e) => failed(&row, e),
    }
}

/// An exact figure's cell in a row's key: by band ([`CellKey::figure`]) when it reads as a
/// figure (as [`number_of`] reads it: exactly at the ceilings), as written otherwise (empty, not a
/// number, negative: the row is then read, and answered, by its text).
fn figure_cell(key: &mut CellKey, figure: FigureColumn, column: &str, text: &str) {
    if !text.trim().is_empty() {
        if let Ok(n) = number_of(column, Cell::Text(text)) {
            if n >= 0.0 {
                return key.figure(figure, n);
            }
        }
    }
    key.text(text);
}

fn wrong(column: &str, want: &str, cell: &Cell<'_>) -> Error {
    let got = match cell {
        Cell::Text(t) => format!("`{t}`"),
        Cell::List(_) => "a list".to_owned(),
        Cell::Bool(b) => format!("{b}"),
        Cell::Number(n) => format!("{n}"),
    };
    Error::invalid(format!("$.{column}"), format!("expected {want}, got {got}"))
}

/// What a text cell writes for an empty list (an empty cell is an absent fact).
pub const EMPTY_LIST_CELL: &str = "-";

/// Cells that say "nothing" in words (see [`list_of`]).
const NOT_A_LIST: &[&str] = &["none", "ingen", "null", "nil", "n/a", "na", "[]"];

/// A list: a binding's list as it is; a text cell's items separated by `;` or `|`, and
/// [`EMPTY_LIST_CELL`] alone for none (a CSV cell has no other way to say "an empty list").
fn list_of(column: &str, cell: Cell<'_>) -> Result<Vec<String>> {
    match cell {
        Cell::List(items) => Ok(items),
        Cell::Text(t) => {
            let t = t.trim();
            if t == EMPTY_LIST_CELL {
                return Ok(Vec::new());
            }
            // Words a spreadsheet uses for "nothing", which could mean none or not known:
            // neither is guessed (no id or code is one of them).
            if NOT_A_LIST.iter().any(|w| t.eq_ignore_ascii_case(w)) {
                return Err(Error::invalid(
                    format!("$.{column}"),
                    format!(
                        "`{t}` is not a list: write `{EMPTY_LIST_CELL}` alone for none, or leave the cell empty for a fact that is not known"
                    ),
                ));
            }
            Ok(t.split([';', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect())
        }
        other => Err(wrong(column, "a list of ids", &other)),
    }
}

fn bool_of(column: &str, cell: Cell<'_>) -> Result<bool> {
    match cell {
        Cell::Bool(b) => Ok(b),
        Cell::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            _ => Err(wrong(column, "true or false (also yes/no, 1/0)", &cell)),
        },
        other => Err(wrong(column, "true or false", &other)),
    }
}

/// A figure: a binding's double as it is; text read exactly at the size ceilings (as JSON text
/// is); never NaN or infinite.
fn number_of(column: &str, cell: Cell<'_>) -> Result<f64> {
    let n = match cell {
        Cell::Number(n) => n,
        Cell::Text(t) => {
            let t = t.trim();
            let nearest = if is_literal(t) {
                t.parse::<f64>().ok()
            } else {
                None
            };
            let Some(nearest) = nearest else {
                return Err(wrong(
                    column,
                    "a number written with digits (e.g. 49.5 or 12000000)",
                    &cell,
                ));
            };
            // A range's ends (`staff_headcount_min`) are figures of their profile field.
            let key = column
                .strip_suffix("_min")
                .or_else(|| column.strip_suffix("_max"))
                .unwrap_or(column);
            Figure::of_key(key).exact(nearest, || Some(t.to_owned()))
        }
        other => return Err(wrong(column, "a number", &other)),
    };
    // A negative figure is refused by the profile's own check, as in every other form.
    if n.is_finite() {
        Ok(n)
    } else {
        Err(wrong(column, "a finite number", &Cell::Number(n)))
    }
}

fn text_of<'a>(column: &str, cell: Cell<'a>) -> Result<&'a str> {
    match cell {
        Cell::Text(t) => Ok(t),
        other => Err(wrong(column, "text", &other)),
    }
}

/// A coded column (`member_state_identification`): one of its codes as written.
fn coded<T: serde::de::DeserializeOwned>(column: &str, cell: Cell<'_>) -> Result<T> {
    let text = text_of(column, cell)?;
    crate::json::typed::<T>(&Value::String(text.trim().to_owned()))
        .map_err(|e| super::map_paths(e, &|_| format!("$.{column}")))
}

impl FlatRow {
    /// Set a column from a cell, or add to a list column already set (several source columns
    /// of a mapped table into `nace_codes`).
    fn add(&mut self, column: &str, cell: Cell<'_>) -> Result<()> {
        let list = match column {
            "entity_types" => &mut self.entity_types,
            "nace_codes" => &mut self.nace_codes,
            "member_states_of_service" => &mut self.member_states_of_service,
            _ => return self.set(column, cell),
        };
        let items = list_of(column, cell)?;
        list.get_or_insert_with(Vec::new).extend(items);
        Ok(())
    }

    /// Set a column from a cell (`Error` at `$.<column>` when the cell does not fit it).
    pub fn set(&mut self, column: &str, cell: Cell<'_>) -> Result<()> {
        match column {
            "id" => self.id = Some(text_of(column, cell)?.to_owned()),
            "name" => self.name = Some(text_of(column, cell)?.to_owned()),
            "member_state" => self.member_state = Some(text_of(column, cell)?.trim().to_owned()),
            "profile" => {
                let text = text_of(column, cell)?;
                let value = crate::json::parse_object(text, "a profile")
                    .map_err(|e| super::map_paths(e, &|_| "$.profile".to_owned()))?;
                self.profile = Some(value);
            }
            "entity_types" => self.entity_types = Some(list_of(column, cell)?),
            "nace_codes" => self.nace_codes = Some(list_of(column, cell)?),
            "member_states_of_service" => {
                self.member_states_of_service = Some(list_of(column, cell)?);
            }
            "staff_headcount" => self.staff_headcount = Some(number_of(column, cell)?),
            "annual_turnover_eur" => self.annual_turnover_eur = Some(number_of(column, cell)?),
            "balance_sheet_total_eur" => {
                self.balance_sheet_total_eur = Some(number_of(column, cell)?);
            }
            "staff_headcount_min" => self.staff_headcount_min = Some(number_of(column, cell)?),
            "staff_headcount_max" => self.staff_headcount_max = Some(number_of(column, cell)?),
            "annual_turnover_eur_min" => {
                self.annual_turnover_eur_min = Some(number_of(column, cell)?);
            }
            "annual_turnover_eur_max" => {
                self.annual_turnover_eur_max = Some(number_of(column, cell)?);
            }
            "balance_sheet_total_eur_min" => {
                self.balance_sheet_total_eur_min = Some(number_of(column, cell)?);
            }
            "balance_sheet_total_eur_max" => {
                self.balance_sheet_total_eur_max = Some(number_of(column, cell)?);
            }
            "security_activities" => self.security_activities = Some(coded(column, cell)?),
            "member_state_identification" => {
                self.member_state_identification = Some(coded(column, cell)?);
            }
            "security_exemption" => self.security_exemption = Some(coded(column, cell)?),
            _ => return self.set_flag(column, cell),
        }
        Ok(())
    }

    fn set_flag(&mut self, column: &str, cell: Cell<'_>) -> Result<()> {
        let slot = match column {
            "provides_services_in_union" => &mut self.provides_services_in_union,
            "qualified_trust_service_provider" => &mut self.qualified_trust_service_provider,
            "significant_impact_assessed" => &mut self.significant_impact_assessed,
            "public_security_activities" => &mut self.public_security_activities,
            "critical_entity_cer" => &mut self.critical_entity_cer,
            "nis1_operator_of_essential_services" => &mut self.nis1_operator_of_essential_services,
            "dora_exempted" => &mut self.dora_exempted,
            _ => {
                return Err(Error::unknown_choice(
                    &format!("$.{column}"),
                    "screening column",
                    column,
                    &COLUMNS,
                ))
            }
        };
        *slot = Some(bool_of(column, cell)?);
        Ok(())
    }
}

/// Read a row given as a JSON object in the flat layout.
pub(crate) fn read_flat(value: &Value) -> ReadRow {
    let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
    let row = crate::json::typed::<FlatRow>(value);
    let paths = match &row {
        Ok(r) if r.profile.is_some() => Paths::ProfileColumn,
        _ => Paths::Columns,
    };
    ReadRow {
        id,
        profile: row.and_then(FlatRow::into_profile),
        paths,
    }
}

/// Read a row given as one line of JSON Lines (a flat-layout object), read strictly and with
/// figures exact at the ceilings, as any JSON request is.
pub fn read_line(line: &str) -> ReadRow {
    match crate::json::parse_object(line, "a screening row") {
        Ok(value) => read_flat(&value),
        Err(e) => ReadRow {
            id: None,
            profile: Err(e),
            paths: Paths::Columns,
        },
    }
}

/// One screened row as a line of JSON Lines: the row of a `screen` verdict document
/// (`index`, `id`, `verdict` or `error`).
pub fn verdict_line(
    index: usize,
    id: Option<&str>,
    row: std::result::Result<&ScopeVerdict, &Error>,
) -> Result<String> {
    let row = super::ScreenedVerdict {
        index,
        id: id.map(str::to_owned),
        verdict: row.ok().cloned(),
        error: row.err().map(Error::report),
    };
    crate::json::to_string(&row)
}

/// Read a typed row (built by a binding from a table's columns).
pub fn read_typed(row: FlatRow) -> ReadRow {
    let paths = if row.profile.is_some() {
        Paths::ProfileColumn
    } else {
        Paths::Columns
    };
    ReadRow {
        id: row.id.clone(),
        profile: row.into_profile(),
        paths,
    }
}

impl FlatRow {
    /// The profile this row describes.
    pub fn into_profile(mut self) -> Result<Profile> {
        if let Some(profile) = self.profile.take() {
            if let Some(column) = self.fact_column() {
                return Err(Error::invalid(
                    format!("$.{column}"),
                    "give the facts either in `profile` or in the columns, not both",
                ));
            }
            // A profile written as JSON text (as a CSV cell holds it) is read as JSON text is.
            let profile = match profile {
                Value::String(text) => crate::json::parse_object(&text, "a profile")
                    .map_err(|e| super::map_paths(e, &|_| "$.profile".to_owned()))?,
                other => other,
            };
            return crate::json::typed::<Profile>(&profile).map_err(under_profile);
        }
        let types = match (self.entity_types, &self.nace_codes) {
            (Some(types), _) => types,
            (None, Some(_)) => Vec::new(),
            (None, None) => {
                return Err(Error::invalid(
                    "$.entity_types",
                    "missing: give the entity type ids of the activities (`-` in a text cell, or an empty list, for none), their `nace_codes`, or a `profile`",
                ))
            }
        };
        let activities = activities(
            types,
            self.qualified_trust_service_provider,
            self.significant_impact_assessed,
        )?;
        let staff = figure(
            "staff_headcount",
            self.staff_headcount,
            self.staff_headcount_min,
            self.staff_headcount_max,
        )?;
        let turnover = figure(
            "annual_turnover_eur",
            self.annual_turnover_eur,
            self.annual_turnover_eur_min,
            self.annual_turnover_eur_max,
        )?;
        let balance = figure(
            "balance_sheet_total_eur",
            self.balance_sheet_total_eur,
            self.balance_sheet_total_eur_min,
            self.balance_sheet_total_eur_max,
        )?;
        let size =
            (staff.is_some() || turnover.is_some() || balance.is_some()).then(|| SizeInput {
                staff_headcount: staff,
                annual_turnover_eur: turnover,
                balance_sheet_total_eur: balance,
                related_enterprises: None,
                previous_periods: Vec::new(),
                public_bodies_control_percent: None,
            });
        let designations = Designations {
            critical_entity_cer: self.critical_entity_cer,
            member_state_identification: self.member_state_identification,
            nis1_operator_of_essential_services: self.nis1_operator_of_essential_services,
            security_exemption: self.security_exemption,
            dora_exempted: self.dora_exempted,
        };
        Ok(Profile {
            schema_version: None,
            name: self.name,
            member_state: self.member_state,
            member_states_of_service: self.member_states_of_service.unwrap_or_default(),
            provides_services_in_union: self.provides_services_in_union,
            activities,
            nace_codes: self.nace_codes.unwrap_or_default(),
            size,
            public_security_activities: self.public_security_activities,
            security_activities: self.security_activities,
            designations: (designations != Designations::default()).then_some(designations),
        })
    }

    /// The first fact column given (besides `id` and `profile`).
    fn fact_column(&self) -> Option<&'static str> {
        let given = [
            self.name.is_some(),
            self.entity_types.is_some(),
            self.nace_codes.is_some(),
            self.member_state.is_some(),
            self.member_states_of_service.is_some(),
            self.provides_services_in_union.is_some(),
            self.staff_headcount.is_some(),
            self.annual_turnover_eur.is_some(),
            self.balance_sheet_total_eur.is_some(),
            self.staff_headcount_min.is_some(),
            self.staff_headcount_max.is_some(),
            self.annual_turnover_eur_min.is_some(),
            self.annual_turnover_eur_max.is_some(),
            self.balance_sheet_total_eur_min.is_some(),
            self.balance_sheet_total_eur_max.is_some(),
            self.qualified_trust_service_provider.is_some(),
            self.significant_impact_assessed.is_some(),
            self.public_security_activities.is_some(),
            self.security_activities.is_some(),
            self.critical_entity_cer.is_some(),
            self.member_state_identification.is_some(),
            self.nis1_operator_of_essential_services.is_some(),
            self.security_exemption.is_some(),
            self.dora_exempted.is_some(),
        ];
        COLUMNS
            .iter()
            .skip(2)
            .zip(given)
            .find(|(_, g)| *g)
            .map(|(c, _)| *c)
    }
}

/// A size figure from its column, or from its range columns (`_min` alone: at least that, up to
/// the largest figure the engine computes with; `_max` alone: from 0). An error at the range
/// columns when both forms are given; a range ending below its start is the profile's error.
fn figure(
    column: &str,
    exact: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<Option<SizeFigure>> {
    match (exact, min, max) {
        (Some(_), Some(_), _) | (Some(_), None, Some(_)) => Err(Error::invalid(
            format!("$.{column}_{}", if min.is_some() { "min" } else { "max" }),
            format!("give `{column}` or its range `{column}_min` / `{column}_max`, not both"),
        )),
        (Some(v), None, None) => Ok(Some(SizeFigure::Exact(v))),
        (None, None, None) => Ok(None),
        (None, lo, hi) => Ok(Some(SizeFigure::between(
            lo.unwrap_or(0.0),
            hi.unwrap_or(f64::MAX),
        ))),
    }
}

fn activities(
    types: Vec<String>,
    qualified: Option<bool>,
    assessed: Option<bool>,
) -> Result<Vec<Activity>> {
    for (given, column, ty) in [
        (
            qualified.is_some(),
            "qualified_trust_service_provider",
            TRUST_SERVICE,
        ),
        (
            assessed.is_some(),
            "significant_impact_assessed",
            REGIONAL_ADMINISTRATION,
        ),
    ] {
        if given && !types.iter().any(|t| t == ty) {
            return Err(Error::invalid(
                format!("$.{column}"),
                format!("applies only to entity type {ty}, which the row does not list"),
            ));
        }
    }
    Ok(types
        .into_iter()
        .map(|t| Activity {
            qualified_trust_service_provider: qualified.filter(|_| t == TRUST_SERVICE),
            significant_impact_assessed: assessed.filter(|_| t == REGIONAL_ADMINISTRATION),
            entity_type: t,
            note: None,
        })
        .collect())
}

/// A problem in a row's `profile` column, at its path within that column.
fn under_profile(e: Error) -> Error {
    super::in_field("profile", e)
}

/// An error of the profile made from a flat row, at the row's column instead of the profile
/// field (`$.activities[1].entity_type` is `$.entity_types[1]`).
pub(crate) fn flat_error(e: Error) -> Error {
    super::map_paths(in_columns(e), &flat_path)
}

/// A message that names the profile's own fields, as the row's columns name them: an entity
/// type listed twice is first at `entity_types[0]`, not at `activities[0]`.
fn in_columns(e: Error) -> Error {
    match e {
        Error::InvalidInput { path, message } if path.starts_with("$.activities[") => {
            Error::InvalidInput {
                path,
                message: message.replace("(first at activities[", "(first at entity_types["),
            }
        }
        Error::Multiple(list) => Error::Multiple(list.into_iter().map(in_columns).collect()),
        other => other,
    }
}

fn flat_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("$.activities[") {
        let (index, tail) = rest.split_once(']').unwrap_or((rest, ""));
        return match tail {
            ".entity_type" | "" => format!("$.entity_types[{index}]"),
            other => format!("${other}"),
        };
    }
    if let Some(rest) = path.strip_prefix("$.size.") {
        // A range comes from the `_min` / `_max` columns.
        let rest = rest.replace("[0]", "_min").replace("[1]", "_max");
        return format!("$.{rest}");
    }
    if let Some(rest) = path.strip_prefix("$.designations.") {
        return format!("$.{rest}");
    }
    match path {
        "$.size" | "$.designations" => "$".to_owned(),
        _ => path.to_owned(),
    }
}
