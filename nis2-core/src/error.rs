//! Typed errors. Every error names the field path it concerns (JSON Pointer-like, e.g.
//! `activities[0].entity_type`) and says what is accepted.

use serde::Serialize;

/// The one error type of nis2-core.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input document is not valid JSON, has the wrong shape, an unknown field, or a value
    /// outside what is accepted.
    #[error("invalid input at `{path}`: {message}")]
    InvalidInput {
        /// Where in the document (`$` is the root).
        path: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// An identifier (entity type, framework, requirement…) that does not exist.
    #[error("unknown {what} `{value}` at `{path}`{}{}", suggestion_text(.suggestions), accepted_text(.accepted))]
    UnknownId {
        /// Where in the document.
        path: String,
        /// What kind of identifier.
        what: String,
        /// The value given.
        value: String,
        /// The nearest valid identifiers.
        suggestions: Vec<String>,
        /// Every accepted value, where the choice is a short closed list (operations, detail
        /// levels, languages, formats); empty for open-ended identifiers.
        accepted: Vec<String>,
    },
    /// The request is beyond one of the limits on input (`docs/limits.md`): a document too
    /// large, nested too deep, a string too long, or a collection with too many items. Nothing
    /// is computed; `limit` names the limit and its value.
    #[error("input beyond a limit at `{path}`: {message}")]
    LimitExceeded {
        /// Where in the document the limit was reached.
        path: String,
        /// The limit.
        limit: crate::limits::Limit,
        /// What is too large, naming the limit (`limit max_depth = 64`).
        message: String,
    },
    /// Several problems found at once (every problem is listed; nothing is computed).
    #[error("{}{PROBLEMS}{}", .0.len(), join_errors(.0))]
    Multiple(Vec<Error>),
    /// Embedded reference data failed to load (a build defect, caught by the test suite).
    #[error("embedded data `{file}` is invalid: {message}")]
    Data {
        /// The embedded data file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// What follows the count in the message of a [`Error::Multiple`] (the Danish view reads it).
pub(crate) const PROBLEMS: &str = " problems in the input: ";

fn suggestion_text(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}", s.join(", "))
    }
}

fn accepted_text(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; accepted: {}", s.join(", "))
    }
}

fn join_errors(errors: &[Error]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A serialisable view of an error, the same on every surface.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ErrorReport {
    /// `invalid_input`, `unknown_id`, `limit_exceeded`, `multiple` or `data`.
    pub kind: &'static str,
    /// The human-readable message.
    pub message: String,
    /// The field path, where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Nearest valid identifiers, for `unknown_id` (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Every accepted value, for `unknown_id` on a short closed list (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// The limit reached, for `limit_exceeded` (omitted otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<LimitReport>,
    /// The individual problems, for `multiple` (omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorReport>,
}

/// A limit on input, as a `limit_exceeded` error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LimitReport {
    /// Its name, as in `docs/limits.md` (`max_depth`, `max_items`, `max_string_bytes`,
    /// `max_document_bytes`, `max_response_bytes`, `max_record_bytes`).
    pub name: &'static str,
    /// Its value.
    pub value: u64,
}

impl Error {
    /// A stable machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::UnknownId { .. } => "unknown_id",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::Multiple(_) => "multiple",
            Error::Data { .. } => "data",
        }
    }

    /// The field path, where one applies.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { path, .. }
            | Error::UnknownId { path, .. }
            | Error::LimitExceeded { path, .. } => Some(path),
            Error::Multiple(_) | Error::Data { .. } => None,
        }
    }

    /// The structured report of this error.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            kind: self.kind(),
            message: self.to_string(),
            path: self.path().map(str::to_owned),
            suggestions: match self {
                Error::UnknownId { suggestions, .. } => suggestions.clone(),
                _ => Vec::new(),
            },
            accepted: match self {
                Error::UnknownId { accepted, .. } => accepted.clone(),
                _ => Vec::new(),
            },
            limit: match self {
                Error::LimitExceeded { limit, .. } => Some(LimitReport {
                    name: limit.name(),
                    value: u64::try_from(limit.value()).unwrap_or(u64::MAX),
                }),
                _ => None,
            },
            errors: match self {
                Error::Multiple(list) => list.iter().map(Error::report).collect(),
                _ => Vec::new(),
            },
        }
    }

    /// The error with every path (`$…`) rewritten by `f`, in every problem it lists.
    pub fn map_paths(self, f: &dyn Fn(String) -> String) -> Error {
        match self {
            Error::InvalidInput { path, message } => Error::InvalidInput {
                path: f(path),
                message,
            },
            Error::UnknownId {
                path,
                what,
                value,
                suggestions,
                accepted,
            } => Error::UnknownId {
                path: f(path),
                what,
                value,
                suggestions,
                accepted,
            },
            Error::LimitExceeded {
                path,
                limit,
                message,
            } => Error::LimitExceeded {
                path: f(path),
                limit,
                message,
            },
            Error::Multiple(list) => {
                Error::Multiple(list.into_iter().map(|e| e.map_paths(f)).collect())
            }
            other @ Error::Data { .. } => other,
        }
    }

    /// A request beyond `limit` at `path`.
    pub fn limit(path: impl Into<String>, limit: crate::limits::Limit, message: String) -> Self {
        Error::LimitExceeded {
            path: path.into(),
            limit,
            message,
        }
    }

    /// An unknown value for a short closed choice (an operation, a detail level, a language, a
    /// format): `unknown_id` at `path` with the nearest values and every accepted one.
    pub fn unknown_choice(path: &str, what: &str, value: &str, accepted: &[&str]) -> Self {
        Error::UnknownId {
            path: path.to_owned(),
            what: what.to_owned(),
            value: value.to_owned(),
            suggestions: crate::suggest::nearest(value, accepted.iter().copied(), 3),
            accepted: accepted.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Collapse a list of problems into one error (or none).
    /// Repeated problems are listed once, and at most [`MAX_PROBLEMS`] are listed: the last
    /// entry then says how many more there are.
    pub(crate) fn from_list(mut list: Vec<Error>) -> Result<(), Error> {
        if list.is_empty() {
            return Ok(());
        }
        let mut seen = std::collections::HashSet::new();
        list.retain(|e| seen.insert(e.to_string()));
        if list.len() > MAX_PROBLEMS {
            let more = list.len() - MAX_PROBLEMS;
            list.truncate(MAX_PROBLEMS);
            list.push(Error::invalid(
                "$",
                format!(
                    "{more} more problems are not listed (at most {MAX_PROBLEMS} are); fix these and ask again"
                ),
            ));
        }
        match list.len() {
            0 => Ok(()),
            1 => Err(list.remove(0)),
            _ => Err(Error::Multiple(list)),
        }
    }
}

/// The most problems one error lists.
pub const MAX_PROBLEMS: usize = 100;

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
