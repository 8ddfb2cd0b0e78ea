//! The flat row layout of screening tables (CSV, JSON Lines, Arrow): one column per fact, read
//! into a [`Profile`] by the core, and the flat verdict columns written back.
//!
//! A row gives its activities as `entity_types` (a list; in a text cell separated by `;` or
//! `|`), or its whole profile as JSON in `profile`. Every other column is optional and empty
//! cells are absent facts (reported as open questions, never guessed). Errors name the column
//! (`$.staff_headcount`, `$.entity_types[1]`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::json::exact::{compare, Figure};
use crate::scope::profile::{
    Activity, Designations, Identification, Profile, SecurityActivities, SecurityExemption,
    SizeInput,
};
use crate::scope::verdict::ScopeVerdict;

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
    /// The whole profile (a `scope-profile` document), instead of the columns below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Profile>")]
    pub profile: Option<Value>,
    /// The organisation's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The entity type ids of its activities (profile `activities[].entity_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_types: Option<Vec<String>>,
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

/// What a column holds, for reading text cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    List,
    Bool,
    Number,
    /// A JSON document.
    Json,
}

/// Every column of the flat layout, with what it holds.
pub const COLUMNS: [&str; 19] = [
    "id",
    "profile",
    "name",
    "entity_types",
    "member_state",
    "member_states_of_service",
    "provides_services_in_union",
    "staff_headcount",
    "annual_turnover_eur",
    "balance_sheet_total_eur",
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

fn kind_of(column: &str) -> Kind {
    match column {
        "profile" => Kind::Json,
        "entity_types" | "member_states_of_service" => Kind::List,
        "provides_services_in_union"
        | "qualified_trust_service_provider"
        | "significant_impact_assessed"
        | "public_security_activities"
        | "critical_entity_cer"
        | "nis1_operator_of_essential_services"
        | "dora_exempted" => Kind::Bool,
        "staff_headcount" | "annual_turnover_eur" | "balance_sheet_total_eur" => Kind::Number,
        _ => Kind::Text,
    }
}

/// The columns of a text table (CSV), checked once for the whole table: every name is a
/// column of the layout, none is repeated, and `entity_types` or `profile` is present.
#[derive(Debug, Clone)]
pub struct Header {
    columns: Vec<(&'static str, Kind)>,
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
            if columns.iter().any(|(c, _)| *c == known) {
                return Err(Error::invalid(
                    format!("$.columns[{i}]"),
                    format!("column `{known}` is given twice"),
                ));
            }
            columns.push((known, kind_of(known)));
        }
        if !columns
            .iter()
            .any(|(c, _)| *c == "entity_types" || *c == "profile")
        {
            return Err(Error::invalid(
                "$.columns",
                "missing column: a screening table needs `entity_types` (entity type ids separated by `;`) or `profile` (a JSON profile)",
            ));
        }
        Ok(Header { columns })
    }

    /// The column names, in table order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|(c, _)| *c)
    }

    /// Read one row of text cells (as many as there are columns; empty cells are absent).
    pub fn read<S: AsRef<str>>(&self, cells: &[S]) -> ReadRow {
        let row = self.object(cells);
        match row {
            Ok(obj) => read_flat(&Value::Object(obj)),
            Err(e) => ReadRow {
                id: None,
                profile: Err(e),
                paths: Paths::Columns,
            },
        }
    }

    fn object<S: AsRef<str>>(&self, cells: &[S]) -> Result<Map<String, Value>> {
        if cells.len() != self.columns.len() {
            return Err(Error::invalid(
                "$",
                format!(
                    "the row has {} cells; the table has {} columns",
                    cells.len(),
                    self.columns.len()
                ),
            ));
        }
        let mut obj = Map::new();
        for ((column, kind), cell) in self.columns.iter().zip(cells) {
            let cell = cell.as_ref().trim();
            if cell.is_empty() {
                continue;
            }
            obj.insert((*column).to_owned(), cell_value(column, *kind, cell)?);
        }
        Ok(obj)
    }
}

fn cell_value(column: &str, kind: Kind, cell: &str) -> Result<Value> {
    match kind {
        Kind::Text => Ok(Value::String(cell.to_owned())),
        Kind::List => Ok(Value::Array(
            cell.split([';', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        )),
        Kind::Bool => match cell.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err(Error::invalid(
                format!("$.{column}"),
                format!("expected true or false (also yes/no, 1/0), got `{cell}`"),
            )),
        },
        Kind::Number => number(column, cell),
        Kind::Json => crate::json::parse_object(cell, "a profile").map_err(|e| match e {
            Error::InvalidInput { message, .. } => Error::invalid(format!("$.{column}"), message),
            other => other,
        }),
    }
}

/// A number cell, read exactly at the size ceilings (as JSON text is).
fn number(column: &str, cell: &str) -> Result<Value> {
    let bad = || {
        Error::invalid(
            format!("$.{column}"),
            format!("expected a number written with digits (e.g. 49.5 or 12000000), got `{cell}`"),
        )
    };
    if compare(cell, 0).is_none() {
        return Err(bad());
    }
    let nearest: f64 = cell.parse().map_err(|_| bad())?;
    let exact = Figure::of_key(column).exact(nearest, || Some(cell.to_owned()));
    serde_json::Number::from_f64(exact)
        .map(Value::Number)
        .ok_or_else(bad)
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
            return crate::json::typed::<Profile>(&profile).map_err(under_profile);
        }
        let Some(types) = self.entity_types else {
            return Err(Error::invalid(
                "$.entity_types",
                "missing: give the entity type ids of the activities (an empty list for none), or a `profile`",
            ));
        };
        let activities = activities(
            types,
            self.qualified_trust_service_provider,
            self.significant_impact_assessed,
        )?;
        let size = (self.staff_headcount.is_some()
            || self.annual_turnover_eur.is_some()
            || self.balance_sheet_total_eur.is_some())
        .then(|| SizeInput {
            staff_headcount: self.staff_headcount,
            annual_turnover_eur: self.annual_turnover_eur,
            balance_sheet_total_eur: self.balance_sheet_total_eur,
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
            self.member_state.is_some(),
            self.member_states_of_service.is_some(),
            self.provides_services_in_union.is_some(),
            self.staff_headcount.is_some(),
            self.annual_turnover_eur.is_some(),
            self.balance_sheet_total_eur.is_some(),
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
    super::map_paths(e, &flat_path)
}

fn flat_path(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("$.activities[") {
        let (index, tail) = rest.split_once(']').unwrap_or((rest, ""));
        return match tail {
            ".entity_type" | "" => format!("$.entity_types[{index}]"),
            other => format!("${other}"),
        };
    }
    for prefix in ["$.size.", "$.designations."] {
        if let Some(rest) = path.strip_prefix(prefix) {
            return format!("$.{rest}");
        }
    }
    match path {
        "$.size" | "$.designations" => "$".to_owned(),
        _ => path.to_owned(),
    }
}

/// The flat verdict columns of a screened row, in the order of [`VERDICT_COLUMNS`].
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

/// The verdict columns of one row: scalars as written in the verdict, lists of codes joined
/// with `;` (the reasons as rule ids, the open questions and displacements as their ids).
pub fn verdict_cells(
    index: usize,
    id: Option<&str>,
    row: std::result::Result<&ScopeVerdict, &Error>,
) -> [String; 14] {
    let mut cells: [String; 14] = Default::default();
    let mut put = |column: &str, value: String| {
        if let Some(slot) = VERDICT_COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| cells.get_mut(i))
        {
            *slot = value;
        }
    };
    put("index", index.to_string());
    put("id", id.unwrap_or_default().to_owned());
    match row {
        Ok(v) => {
            put("in_scope", code(&v.in_scope));
            put("classification", code(&v.classification));
            put(
                "possible_classifications",
                codes(&v.possible_classifications),
            );
            put("size_class", code(&v.size_class));
            put("possible_size_classes", codes(&v.possible_size_classes));
            put("supervision", code(&v.supervision));
            put("reasons", join(v.reasons.iter().map(|r| r.rule.as_ref())));
            put(
                "open_questions",
                join(v.open_questions.iter().map(|q| q.id.as_ref())),
            );
            put(
                "displacements",
                join(v.displacements.iter().map(|d| d.id.as_ref())),
            );
        }
        Err(e) => {
            put("error_kind", e.kind().to_owned());
            put("error_path", e.path().unwrap_or_default().to_owned());
            put("error_message", e.to_string());
        }
    }
    cells
}

/// The code of an enum value as written in JSON (`depends_on_member_state`).
pub fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn codes<T: Serialize>(values: &[T]) -> String {
    let list: Vec<String> = values.iter().map(code).collect();
    list.join(";")
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(s);
    }
    out
}
