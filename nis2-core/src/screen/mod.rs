//! Screening: many profiles at once (a portfolio of suppliers, a company register), each
//! answered exactly as a single `scope` call would answer it, in input order.
//!
//! - [`scope_many`] / [`scope_many_explained`] run typed profiles (in parallel with the
//!   `parallel` feature, which the WebAssembly builds leave off).
//! - The `screen` capability (op `rows`, or `csv` for a CSV table; a row may give a whole
//!   profile in `profile`) reads
//!   every row on its own: a bad row
//!   gets its typed error (kind, path within the row, message) and never stops the batch, unless
//!   the request asks for `strict`, which fails on the first bad row instead.
//! - [`flat`] is the flat row layout of tables (CSV, Arrow): one column per fact, read into a
//!   profile by the core, so that every surface reads a table alike; and the flat verdict
//!   columns every surface writes.

pub(crate) mod columns;
pub mod csv;
pub mod flat;
pub mod mapping;
pub mod memo;
pub(crate) mod ops;

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;

use crate::api::Detail;
use crate::error::{Error, ErrorReport, Result};
use crate::scope::profile::Profile;
use crate::scope::result::{
    Classification, InScope, ScopeResult, SizeClass, RESULT_SCHEMA_VERSION,
};
use crate::scope::verdict::ScopeVerdict;
use crate::text::Str;

/// The verdict of every profile, in input order; each is the same as [`crate::scope::verdict`]
/// of that profile.
pub fn scope_many(profiles: &[Profile]) -> Vec<Result<ScopeVerdict>> {
    map_rows(profiles, crate::scope::verdict)
}

/// The explained result of every profile, in input order; each is the same as
/// [`crate::scope::scope`] of that profile.
pub fn scope_many_explained(profiles: &[Profile]) -> Vec<Result<ScopeResult>> {
    map_rows(profiles, crate::scope::scope)
}

/// The verdict of every read row (a streaming caller's chunk), in order: the error of a row
/// that could not be read, or of a profile the engine refuses, at its path within the row.
/// Rows that state the same decision facts share one verdict ([`memo`]).
pub fn verdicts(rows: &[ReadRow]) -> Vec<Result<ScopeVerdict>> {
    let mut memo = memo::Memo::new();
    let outcomes = memo.verdicts(rows);
    outcomes
        .into_iter()
        .map(|o| match o {
            memo::Outcome::Own(v) => Ok(*v),
            memo::Outcome::Error(e) => Err(*e),
            shared => shared.get(&memo).cloned().map_err(Clone::clone),
        })
        .collect()
}

/// The explained result of every read row as JSON text (the `scope` result without `op`), in
/// order, with errors as for [`verdicts`].
pub fn explained_json(rows: &[ReadRow]) -> Vec<Result<String>> {
    answer(rows, |p| {
        crate::scope::scope(p).and_then(|s| crate::json::to_string(&s))
    })
}

/// `f` of every row's profile, in order. A row that could not be read keeps its error (already
/// at its path in the row); the engine's errors are moved to the row's paths.
fn answer<O: Send>(
    rows: &[ReadRow],
    f: impl Fn(&Profile) -> Result<O> + Sync + Send,
) -> Vec<Result<O>> {
    map_rows(rows, |r| answer_row(r, &f))
}

/// `f` of one row's profile: the row's read error, or the engine's error at the row's paths.
fn answer_row<O>(r: &ReadRow, f: impl Fn(&Profile) -> Result<O>) -> Result<O> {
    match &r.profile {
        Ok(p) => f(p).map_err(|e| r.paths.of(e)),
        Err(e) => Err(e.clone()),
    }
}

/// Apply `f` to every item, in parallel where the build allows (the `parallel` feature),
/// keeping the input order; each item runs as its own call (its own suggestion budget).
pub fn map_rows<I, O>(items: &[I], f: impl Fn(&I) -> O + Sync + Send) -> Vec<O>
where
    I: Sync,
    O: Send,
{
    // Small batches of rows are not worth the threads.
    map_ordered(items, 64, f)
}

/// Apply `f` to each of a few large pieces of work, in parallel where the build allows (the
/// `parallel` feature), keeping their order.
pub fn map_pieces<I, O>(items: &[I], f: impl Fn(&I) -> O + Sync + Send) -> Vec<O>
where
    I: Sync,
    O: Send,
{
    map_ordered(items, 2, f)
}

/// `f` of every item in order, on every core when there are at least `parallel_from` items.
#[cfg_attr(not(feature = "parallel"), allow(unused_variables))]
fn map_ordered<I, O>(items: &[I], parallel_from: usize, f: impl Fn(&I) -> O + Sync + Send) -> Vec<O>
where
    I: Sync,
    O: Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        if items.len() >= parallel_from {
            return items.par_iter().map(|i| row_scope(|| f(i))).collect();
        }
    }
    items.iter().map(|i| row_scope(|| f(i))).collect()
}

/// Free every item, in parallel where the build allows (the `parallel` feature) and there are
/// enough of them: rows and verdicts are made on the pool's threads, and freeing hundreds of
/// thousands of their allocations one after another on the calling thread was a tenth of a
/// screening's time there (perf, 4 December).
#[cfg_attr(not(feature = "parallel"), allow(unused_variables))]
pub fn drop_rows<T: Send>(items: Vec<T>) {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        if items.len() >= 1024 {
            items.into_par_iter().with_min_len(256).for_each(drop);
            return;
        }
    }
    drop(items);
}

/// Run one row with a fresh suggestion budget (each row is its own call).
fn row_scope<O>(f: impl FnOnce() -> O) -> O {
    crate::suggest::reset_budget();
    f()
}

/// The verdict of a batch: one row per input row, in input order, and the counts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScreenVerdict {
    /// Document format version (`"1"`).
    pub schema_version: Str,
    /// One row per input row, in input order.
    pub rows: Vec<ScreenedVerdict>,
    /// Counts per outcome, class and size class, and of rows with errors.
    pub summary: ScreenSummary,
}

/// The schema of a row's verdict: a scope verdict as the row holds it, without the `op` and
/// `detail` of the `scope` verdict document, so named apart from it.
struct RowVerdict;

impl JsonSchema for RowVerdict {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("RowScopeVerdict")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ScopeVerdict::json_schema(generator)
    }
}

/// One screened row at the verdict level.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScreenedVerdict {
    /// Its position in the input, from 0.
    pub index: usize,
    /// The row's own id, where it gave one (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The verdict, the same as `scope` at the verdict level on the row's profile (absent when
    /// the row has an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<RowVerdict>")]
    pub verdict: Option<ScopeVerdict>,
    /// Why the row could not be screened, with the path within the row (absent when it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
}

/// The explained result of a batch: one row per input row, in input order, and the counts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScreenResult {
    /// Document format version (`"1"`).
    pub schema_version: Str,
    /// One row per input row, in input order.
    pub rows: Vec<ScreenedResult>,
    /// Counts per outcome, class and size class, and of rows with errors.
    pub summary: ScreenSummary,
}

/// One screened row with its explanation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScreenedResult {
    /// Its position in the input, from 0.
    pub index: usize,
    /// The row's own id, where it gave one (echoed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The result, the same as `scope` on the row's profile (absent when the row has an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ScopeResult>,
    /// Why the row could not be screened, with the path within the row (absent when it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorReport>,
}

/// The counts of a batch. Each list holds the values that occur, in the order of the enum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ScreenSummary {
    /// Rows in the input.
    pub rows: usize,
    /// Rows screened (without an error).
    pub screened: usize,
    /// Rows with an error.
    pub errors: usize,
    /// Screened rows per answer to "in scope?".
    pub in_scope: Vec<InScopeCount>,
    /// Screened rows per class.
    pub classification: Vec<ClassificationCount>,
    /// Screened rows per size class.
    pub size_class: Vec<SizeClassCount>,
}

/// How many rows gave an answer to "in scope?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InScopeCount {
    /// The answer.
    pub in_scope: InScope,
    /// How many rows.
    pub rows: usize,
}

/// How many rows gave a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ClassificationCount {
    /// The class.
    pub classification: Classification,
    /// How many rows.
    pub rows: usize,
}

/// How many rows gave a size class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SizeClassCount {
    /// The size class.
    pub size_class: SizeClass,
    /// How many rows.
    pub rows: usize,
}

const IN_SCOPE: [InScope; 4] = [
    InScope::Yes,
    InScope::No,
    InScope::DependsOnMemberState,
    InScope::Undetermined,
];
const CLASSES: [Classification; 6] = [
    Classification::Essential,
    Classification::Important,
    Classification::RegistrationOnly,
    Classification::None,
    Classification::DependsOnMemberState,
    Classification::Undetermined,
];
const SIZES: [SizeClass; 5] = [
    SizeClass::Micro,
    SizeClass::Small,
    SizeClass::Medium,
    SizeClass::Large,
    SizeClass::Undetermined,
];

/// Counts under construction: one slot per enum value.
#[derive(Debug, Default)]
pub struct Tally {
    rows: usize,
    errors: usize,
    in_scope: [usize; 4],
    classification: [usize; 6],
    size_class: [usize; 5],
}

fn bump<T: PartialEq, const N: usize>(slots: &mut [usize; N], values: &[T; N], v: &T) {
    if let Some(slot) = values
        .iter()
        .position(|x| x == v)
        .and_then(|i| slots.get_mut(i))
    {
        *slot += 1;
    }
}

fn counts<T: Copy, C, const N: usize>(
    slots: &[usize; N],
    values: &[T; N],
    make: fn(T, usize) -> C,
) -> Vec<C> {
    values
        .iter()
        .zip(slots)
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| make(*v, *n))
        .collect()
}

impl Tally {
    /// Count a screened row.
    pub fn add(&mut self, in_scope: InScope, class: Classification, size: SizeClass) {
        self.rows += 1;
        bump(&mut self.in_scope, &IN_SCOPE, &in_scope);
        bump(&mut self.classification, &CLASSES, &class);
        bump(&mut self.size_class, &SIZES, &size);
    }

    /// Count a row with an error.
    pub fn add_error(&mut self) {
        self.rows += 1;
        self.errors += 1;
    }

    /// Count a row's verdict or error.
    pub fn add_verdict(&mut self, row: std::result::Result<&ScopeVerdict, &Error>) {
        match row {
            Ok(v) => self.add(v.in_scope, v.classification, v.size_class),
            Err(_) => self.add_error(),
        }
    }

    /// The summary.
    pub fn summary(&self) -> ScreenSummary {
        ScreenSummary {
            rows: self.rows,
            screened: self.rows.saturating_sub(self.errors),
            errors: self.errors,
            in_scope: counts(&self.in_scope, &IN_SCOPE, |in_scope, rows| InScopeCount {
                in_scope,
                rows,
            }),
            classification: counts(&self.classification, &CLASSES, |classification, rows| {
                ClassificationCount {
                    classification,
                    rows,
                }
            }),
            size_class: counts(&self.size_class, &SIZES, |size_class, rows| {
                SizeClassCount { size_class, rows }
            }),
        }
    }
}

/// One input row, read: its id and its profile (or why it could not be read).
#[derive(Debug)]
pub struct ReadRow {
    /// The row's own id.
    pub id: Option<String>,
    /// Its profile, with paths of errors given within the row.
    pub profile: Result<Profile>,
    /// How the engine's paths are given for this row.
    pub paths: Paths,
}

/// How the paths of a row's errors are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paths {
    /// As profile fields (`$.activities[0].entity_type`).
    Profile,
    /// As flat columns (`$.entity_types[0]`).
    Columns,
    /// Within the row's `profile` column (`$.profile.activities[0].entity_type`).
    ProfileColumn,
}

impl Paths {
    /// An engine error at this row's paths.
    pub(crate) fn of(self, e: Error) -> Error {
        match self {
            Paths::Profile => e,
            Paths::Columns => flat::flat_error(e),
            Paths::ProfileColumn => in_field("profile", e),
        }
    }
}

/// Screen read rows at a detail level. `strict`: the first bad row (in input order) is the
/// error of the whole call, at its place in the request's `field`.
pub(crate) fn screen(
    rows: Vec<ReadRow>,
    field: &str,
    detail: Detail,
    strict: bool,
) -> Result<crate::api::Body> {
    let ids = rows.iter().map(|r| r.id.clone());
    let mut tally = Tally::default();
    match detail {
        Detail::Verdict => {
            let done = strictly(verdicts(&rows), field, strict)?;
            let rows = ids
                .zip(done)
                .enumerate()
                .map(|(index, (id, outcome))| {
                    tally.add_verdict(outcome.as_ref());
                    let (verdict, error) = split(outcome);
                    ScreenedVerdict {
                        index,
                        id,
                        verdict,
                        error,
                    }
                })
                .collect();
            Ok(crate::api::Body::typed(ScreenVerdict {
                schema_version: Cow::Borrowed(RESULT_SCHEMA_VERSION),
                rows,
                summary: tally.summary(),
            }))
        }
        Detail::Explained => {
            let done = strictly(answer(&rows, crate::scope::scope), field, strict)?;
            let rows = ids
                .zip(done)
                .enumerate()
                .map(|(index, (id, outcome))| {
                    match &outcome {
                        Ok(r) => tally.add(r.in_scope, r.classification, r.size.class),
                        Err(_) => tally.add_error(),
                    }
                    let (result, error) = split(outcome);
                    ScreenedResult {
                        index,
                        id,
                        result,
                        error,
                    }
                })
                .collect();
            Ok(crate::api::Body::typed(ScreenResult {
                schema_version: Cow::Borrowed(RESULT_SCHEMA_VERSION),
                rows,
                summary: tally.summary(),
            }))
        }
    }
}

/// The answers, or with `strict` the first error as the error of the whole call.
fn strictly<O>(done: Vec<Result<O>>, field: &str, strict: bool) -> Result<Vec<Result<O>>> {
    if strict {
        if let Some((i, e)) = done
            .iter()
            .enumerate()
            .find_map(|(i, r)| r.as_ref().err().map(|e| (i, e)))
        {
            return Err(in_row(field, i, e.clone()));
        }
    }
    Ok(done)
}

/// A row's answer as its two optional members.
fn split<O>(outcome: Result<O>) -> (Option<O>, Option<ErrorReport>) {
    match outcome {
        Ok(o) => (Some(o), None),
        Err(e) => (None, Some(e.report())),
    }
}

/// The error of a row as the error of the whole call (`strict`): its path prefixed with the
/// row's place in the request's `field` (`$.rows[3].staff_headcount`).
pub fn in_row(field: &str, index: usize, e: Error) -> Error {
    let prefix = format!("$.{field}[{index}]");
    map_paths(e, &|path| rebase(&prefix, path))
}

/// An error within a member `field` of the row (`$.profile.activities`).
pub(crate) fn in_field(field: &str, e: Error) -> Error {
    let prefix = format!("$.{field}");
    map_paths(e, &|path| rebase(&prefix, path))
}

/// The error with every path rewritten.
pub(crate) fn map_paths(e: Error, f: &dyn Fn(&str) -> String) -> Error {
    e.map_paths(&|path| f(&path))
}

/// `$.a.b` under `$.rows[3]` is `$.rows[3].a.b`.
fn rebase(prefix: &str, path: &str) -> String {
    let rest = path.strip_prefix('$').unwrap_or(path);
    if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
        format!("{prefix}{rest}")
    } else {
        format!("{prefix}.{rest}")
    }
}
