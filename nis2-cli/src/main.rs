//! `nis2`: the command-line shell over nis2-core. Every command builds a request, sends it
//! through the same boundary as the Python and WebAssembly bindings (`nis2_core::api::call`) and
//! prints the response: compact JSON (the bytes every surface gives), indented JSON, or the
//! core's own view of it (`--format table|md|html|svg`, `--lang en|da`). Bad input exits with 2
//! and the error's kind, path and message.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use nis2_core::api::{self, Detail, Format as ViewFormat, Input};
use nis2_core::{Error, Lang};
use serde_json::{json, Map, Value};

mod screen;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "nis2",
    version,
    about = "An exact, explained engine for the EU NIS2 Directive (2022/2555)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Compact JSON: the same bytes as the Rust, Python and WebAssembly APIs.
    Json,
    /// Indented JSON.
    Pretty,
    /// The core's view as text for a terminal.
    Table,
    /// The core's view as Markdown.
    Md,
    /// The core's view as self-contained HTML.
    Html,
    /// The view's figure as an SVG document (where the result has one).
    Svg,
    /// A verdict-level screening as CSV (the columns `nis2 screen` writes).
    Csv,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum LangArg {
    /// English.
    En,
    /// Danish.
    Da,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::Da => Lang::Da,
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum DetailArg {
    /// The decision and its machine-readable reasons, no prose.
    Verdict,
    /// The full document.
    Explained,
}

/// How to print a response.
#[derive(Args, Debug, Clone, Copy)]
struct Out {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Language of the view (table, md, html, svg).
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Detail level of the response.
    #[arg(long, value_enum, default_value_t = DetailArg::Explained)]
    detail: DetailArg,
}

/// How to print a response whose natural form is a view.
#[derive(Args, Debug, Clone, Copy)]
struct TableOut {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Language of the view (table, md, html, svg).
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// Detail level of the response.
    #[arg(long, value_enum, default_value_t = DetailArg::Explained)]
    detail: DetailArg,
}

impl From<TableOut> for Out {
    fn from(t: TableOut) -> Out {
        Out {
            format: t.format,
            lang: t.lang,
            detail: t.detail,
        }
    }
}

/// The arguments of `nis2 screen`.
#[derive(Args, Debug)]
struct ScreenArgs {
    /// The table (`.csv`, `.jsonl`), or `-` for standard input (with --input-format).
    file: String,
    /// Write the verdict rows here (`.csv` or `.jsonl`; default: CSV on standard output,
    /// the counts on standard error).
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// The input's format (default: from the file name).
    #[arg(long, value_enum)]
    input_format: Option<TableArg>,
    /// The output's format (default: from the output file name, else CSV).
    #[arg(long, value_enum)]
    output_format: Option<TableArg>,
    /// Fail on the first bad row instead of reporting it in its row.
    #[arg(long)]
    strict: bool,
    /// No progress line (it is shown only on a terminal anyway).
    #[arg(long)]
    no_progress: bool,
    /// Language of the counts.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
    /// A register's column map (JSON, schema `screen-columns`): its own column names and codes
    /// onto the flat layout, staff bands as ranges, the CSV delimiter (CSV input only).
    #[arg(long, value_name = "MAP.json")]
    columns: Option<String>,
}

impl ScreenArgs {
    fn run(self) -> Result<u8, Failure> {
        screen::run(&screen::Screen {
            file: self.file,
            output: self.output,
            input_format: self.input_format.map(Into::into),
            output_format: self.output_format.map(Into::into),
            strict: self.strict,
            progress: !self.no_progress,
            lang: self.lang.lang(),
            columns: self.columns,
        })
    }
}

/// A table format of `nis2 screen`.
#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum TableArg {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl From<TableArg> for screen::TableFormat {
    fn from(t: TableArg) -> Self {
        match t {
            TableArg::Csv => screen::TableFormat::Csv,
            TableArg::Jsonl => screen::TableFormat::Jsonl,
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum Stage {
    /// Without any controls.
    Inherent,
    /// With the controls in place today.
    Current,
    /// After the planned treatment.
    Residual,
}

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Inherent => "inherent",
            Stage::Current => "current",
            Stage::Residual => "residual",
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Is the organisation covered by NIS2, and as essential or important? Reads a scope profile.
    Scope {
        /// The profile (JSON file), or `-` for standard input.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Screen a table of organisations (CSV or JSON Lines in the flat layout of
    /// docs/screening.md): one verdict row per input row (CSV or JSON Lines), streamed, then the
    /// counts. Bad rows get their error in their row; `--strict` stops at the first.
    Screen(ScreenArgs),
    /// Run any request of a capability (scope, screen, catalog, risk, programme, assessment, reference).
    Call {
        /// The capability.
        capability: String,
        /// The request (JSON file), or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Render a response document (from any surface) as the core's view.
    Render {
        /// The response document (JSON file), or `-`.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// The op registry: every capability and operation, with its schema kinds.
    Ops,
    /// The entity-type catalog (Annex I and II rows and the roles outside the Annexes).
    EntityTypes {
        #[command(flatten)]
        out: TableOut,
    },
    /// A NACE Rev. 2 code (any level: `C`, `C28`, `28.11`, `C28.11`; a Danish DB07 code such as
    /// `281100`) and the entity types it suggests: exact where the Annex defines the type by NACE
    /// (C21, C26-C30), indicative otherwise. Without a code: the whole table.
    Nace {
        /// The code; omit it for the whole table.
        code: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// The Member States and the national overlays.
    MemberStates {
        #[command(flatten)]
        out: TableOut,
    },
    /// The label catalog: every word the views show, in English and Danish.
    Labels {
        #[command(flatten)]
        out: Out,
    },
    /// Requirement catalogs (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish
    /// programme) and their mappings.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// What a catalog node covers in another framework, and how strongly.
    Map {
        /// The node id, e.g. `ISO27001:A.5.19`.
        #[arg(long)]
        from: String,
        /// The framework to map into, e.g. `nis2`.
        #[arg(long)]
        to: String,
        /// A pivot framework to go through, e.g. `cir-2024-2690`.
        #[arg(long)]
        via: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Which nodes of a framework evidence a requirement.
    Evidence {
        /// The requirement id, e.g. `NIS2:21.2.d`.
        #[arg(long)]
        requirement: String,
        /// The framework whose nodes may evidence it, e.g. `iso27001-2022`.
        #[arg(long)]
        from: String,
        /// A pivot framework.
        #[arg(long)]
        via: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// How much of a requirement a set of controls reaches.
    Coverage {
        /// The requirement id, e.g. `NIS2:21.2.d`.
        #[arg(long)]
        target: String,
        /// The controls in place, comma-separated node ids.
        #[arg(long, value_delimiter = ',')]
        controls: Vec<String>,
        /// Count the leaves of this framework that detail the target.
        #[arg(long)]
        via: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Risk matrices and the service → asset → risk register.
    Risk {
        #[command(subcommand)]
        action: RiskAction,
    },
    /// Art 23 reporting deadlines of an incident (early warning, notification, final report).
    Deadlines {
        /// The incident (JSON file with `aware_at` etc.), or `-`.
        file: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// Whether an incident is significant under Implementing Regulation 2024/2690 Art 3–14.
    SignificantIncident {
        /// The request body (`entity_types`, `facts`), or `-`.
        file: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// The årshjul: the annual compliance calendar of a programme.
    Wheel {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The calendar year.
        #[arg(long)]
        year: i32,
        /// Write the iCalendar (RFC 5545) text instead.
        #[arg(long)]
        ics: bool,
        /// The reference date (YYYY-MM-DD) for the calendar's timestamp and overdue flags.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Progress of the implementation plan, per step and overall, with overdue tasks.
    Plan {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// The supplier register: clauses present, ratings, reviews due, gaps per supplier.
    Suppliers {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// The governance register: management body, training, decisions (Art 20).
    Governance {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// Obligation facts from a scope profile: fine ceiling (Art 34), supervision, registration.
    Obligations {
        /// The scope profile (JSON file), or `-`.
        file: String,
        /// Total worldwide annual turnover of the undertaking (EUR), for the percentage ceiling.
        #[arg(long)]
        turnover: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Run any programme request given as JSON (file or `-`).
    Programme {
        /// The request file, or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Run any assessment request given as JSON (file or `-`).
    Assessment {
        /// The request file, or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Gap assessment: the requirement set, scores (with declared maths), the remediation plan;
    /// or the Excel questionnaire (`assess template`, `assess import`).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Assess {
        #[command(subcommand)]
        action: Option<AssessAction>,
        /// The assessment document (JSON file), or `-`.
        #[arg(required = true)]
        file: Option<String>,
        /// Write a report instead: md, html, xlsx, json or oscal (OSCAL 1.2.1 assessment results).
        #[arg(long)]
        report: Option<String>,
        /// Write the report to this file (required for xlsx).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        out: Out,
    },
    /// Audit results both ways with CISO Assistant: export an assessment as the audit table its
    /// data import wizard reads, or import such a table (CSV) into an assessment document.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// JSON Schemas of the documents: print one, or write / check them all in a directory.
    Schema {
        /// The document kind (omit with --write or --check).
        kind: Option<String>,
        /// Write every schema into this directory.
        #[arg(long, conflicts_with = "check")]
        write: Option<PathBuf>,
        /// Check that the schemas in this directory are up to date (exit 1 if not).
        #[arg(long)]
        check: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum AssessAction {
    /// Write a fillable Excel questionnaire for the assessment's scope (one row per requirement
    /// that binds, drop-down lists, instructions; the document's results filled in).
    Template {
        /// The assessment document (JSON file), or `-`. A new one has `"results": []`.
        file: String,
        /// The workbook to write.
        #[arg(long, short)]
        output: PathBuf,
        /// Language of the workbook: en or da.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Read a filled-in questionnaire back; prints the assessment document (or the full
    /// response with --json-response).
    Import {
        /// The filled-in workbook (.xlsx).
        file: PathBuf,
        /// The document to import into, instead of the one the workbook keeps (JSON file).
        #[arg(long)]
        assessment: Option<String>,
        /// Print the whole response (the document, what was added, changed and removed, and
        /// the requirements without a row) instead of the document alone.
        #[arg(long)]
        json_response: bool,
    },
}

#[derive(Subcommand, Debug)]
enum AuditAction {
    /// Write an assessment as CISO Assistant's audit table (one framework).
    Export {
        /// The assessment document (JSON file), or `-`.
        file: String,
        /// The framework (may be left out when the assessment scores only one).
        #[arg(long)]
        framework: Option<String>,
        /// csv or xlsx.
        #[arg(long, default_value = "csv")]
        format: String,
        /// Name CISO Assistant's own shipped framework in `urn` where one exists.
        #[arg(long)]
        ciso_assistant_frameworks: bool,
        /// Write the table to this file (required for xlsx).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Language of the observations: en or da.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Read a CISO Assistant audit table (CSV) into an assessment document; prints the
    /// assessment (or the full response with --json-response).
    Import {
        /// The assessment document the results go into (JSON file), or `-`.
        file: String,
        /// The framework the table is an audit of.
        #[arg(long)]
        framework: String,
        /// The table: a CSV file, or an XLSX workbook (by its `.xlsx` extension; the first
        /// sheet is read).
        #[arg(long)]
        table: PathBuf,
        /// Print the whole response (the assessment, the status mapping, counts and skipped
        /// rows) instead of the assessment alone.
        #[arg(long)]
        json_response: bool,
    },
}

#[derive(Subcommand, Debug)]
enum RiskAction {
    /// Validate a risk matrix or a register (every problem with its path).
    Validate {
        /// The matrix or register (JSON file), or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// Assess a register: inherent, current and residual risk, service inheritance, appetite.
    Assess {
        /// The register (JSON file), or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
    /// The heat map of a register, as data or (with --svg) as an accessible SVG document.
    Heatmap {
        /// The register (JSON file), or `-`.
        file: String,
        /// Which risk to count.
        #[arg(long, value_enum, default_value_t = Stage::Residual)]
        stage: Stage,
        /// Write the SVG document instead of the data.
        #[arg(long)]
        svg: bool,
        #[command(flatten)]
        out: Out,
    },
    /// The register as CSV.
    Csv {
        /// The register (JSON file), or `-`.
        file: String,
        /// Language of the headings.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// The built-in matrix presets.
    Presets {
        #[command(flatten)]
        out: Out,
    },
    /// The built-in threat catalogue.
    Threats {
        #[command(flatten)]
        out: Out,
    },
    /// Run any risk request given as JSON (file or `-`).
    Request {
        /// The request file, or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Subcommand, Debug)]
enum CatalogAction {
    /// Every framework and mapping.
    List {
        #[command(flatten)]
        out: TableOut,
    },
    /// A whole framework.
    Show {
        /// Framework id, e.g. `nis2`.
        framework: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// One node with its direct mappings.
    Node {
        /// Node id, e.g. `CIR-2690:6.7.2`.
        id: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// Export a framework or a mapping (writes the file content to standard output).
    Export {
        /// Framework id (or mapping id with --mapping).
        id: String,
        /// The id is a mapping.
        #[arg(long)]
        mapping: bool,
        /// json, oscal, csv or ciso_assistant (a CISO Assistant library, YAML).
        #[arg(long, default_value = "json")]
        format: String,
        /// With --mapping and --format ciso_assistant: name CISO Assistant's own shipped
        /// frameworks (CIR 2024/2690, ISO/IEC 27001:2022) instead of our framework libraries.
        #[arg(long)]
        ciso_assistant_frameworks: bool,
    },
    /// Run any catalog request given as JSON (file or `-`).
    Request {
        /// The request file, or `-`.
        file: String,
        #[command(flatten)]
        out: Out,
    },
}

/// A command's failure: the message (`error (<kind>): …`) and the exit code.
struct Failure(String, u8);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(describe(&e), 2)
    }
}

/// A failure outside the engine's own errors, in the same form: `io` (a file or stream that
/// cannot be read or written) and `usage` (arguments that do not go together) exit with 2, like
/// bad input; `internal` (a response without what the command prints: a defect) exits with 1.
fn fail(kind: &str, message: impl std::fmt::Display) -> Failure {
    let code = if kind == "internal" { 1 } else { 2 };
    Failure(format!("error ({kind}): {message}"), code)
}

fn describe(e: &Error) -> String {
    let report = e.report();
    let mut out = format!("error ({}): {}", report.kind, report.message);
    for sub in &report.errors {
        out.push_str(&format!("\n  - {}", sub.message));
    }
    out
}

/// Read a file, or standard input for `-`, as UTF-8 text.
fn read_input(file: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| fail("io", format!("cannot read the input at `-`: {e}")))?;
    } else {
        bytes = std::fs::read(file)
            .map_err(|e| fail("io", format!("cannot read the input at `{file}`: {e}")))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        fail(
            "invalid_input",
            format!(
                "invalid input at `$`: `{file}` is not UTF-8 text: the byte at offset {at} is not valid UTF-8"
            ),
        )
    })
}

/// A document file, read strictly (no repeated keys; syntax errors with their position).
fn read_document(file: &str, what: &str) -> Result<Value, Failure> {
    Ok(nis2_core::json::parse_object(&read_input(file)?, what)?)
}

/// A request object from pairs (absent optional fields left out).
fn request(pairs: Vec<(&str, Option<Value>)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    }
    Value::Object(m)
}

fn detail(d: DetailArg) -> Detail {
    match d {
        DetailArg::Verdict => Detail::Verdict,
        DetailArg::Explained => Detail::Explained,
    }
}

/// Write text to standard output with a final newline; a closed pipe is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        })
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(fail("io", format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Call a capability and print its response as asked.
fn call_out(capability: &str, input: Input<'_>, out: Out) -> Result<(), Failure> {
    let response = api::call(capability, input, detail(out.detail))?;
    let lang = out.lang.lang();
    match out.format {
        Format::Json => emit(&response.to_json()?),
        Format::Pretty => emit(&pretty(&response.to_value()?)?),
        Format::Table => emit(&response.render(ViewFormat::Table, lang)?),
        Format::Md => emit(&response.render(ViewFormat::Md, lang)?),
        Format::Html => emit(&response.render(ViewFormat::Html, lang)?),
        Format::Svg => emit(&response.render(ViewFormat::Svg, lang)?),
        Format::Csv => emit(&response.render(ViewFormat::Csv, lang)?),
    }
}

/// Call a capability and print one string field of its response as raw text (a document the
/// response carries: an export, CSV, SVG, iCalendar).
fn call_field(capability: &str, req: Value, field: &str) -> Result<(), Failure> {
    let response = api::call(capability, Input::Value(req), Detail::Explained)?;
    let v = response.to_value()?;
    let text = v
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| fail("internal", format!("no `{field}` in the response")))?;
    emit(text.trim_end_matches(['\r', '\n']))
}

fn pretty(v: &Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(v).map_err(|e| fail("internal", e))
}

fn schema_files(dir: &Path, write: bool) -> Result<bool, Failure> {
    let mut fresh = true;
    if write {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail("io", format!("cannot create `{}`: {e}", dir.display())))?;
    }
    let kinds = nis2_core::schema::kinds();
    let names: Vec<String> = kinds
        .iter()
        .map(|k| nis2_core::schema::file_name(k))
        .collect();
    for (kind, name) in kinds.iter().zip(&names) {
        let schema = nis2_core::schema::schema_for(kind)?;
        let text = pretty(&schema)? + "\n";
        let path = dir.join(name);
        if write {
            std::fs::write(&path, &text)
                .map_err(|e| fail("io", format!("cannot write `{}`: {e}", path.display())))?;
        } else if std::fs::read_to_string(&path).unwrap_or_default() != text {
            eprintln!(
                "stale: {} (regenerate with `nis2 schema --write {}`)",
                path.display(),
                dir.display()
            );
            fresh = false;
        }
    }
    // Files of kinds that no longer exist.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".schema.json") && !names.contains(&name) {
                if write {
                    std::fs::remove_file(entry.path())
                        .map_err(|e| fail("io", format!("cannot remove `{name}`: {e}")))?;
                } else {
                    eprintln!("stale: {} (no such kind any more)", entry.path().display());
                    fresh = false;
                }
            }
        }
    }
    if write {
        println!("wrote {} schemas to {}", names.len(), dir.display());
    }
    Ok(fresh)
}

fn catalog(action: CatalogAction) -> Result<(), Failure> {
    let (req, out): (Value, Out) = match action {
        CatalogAction::List { out } => (json!({"op": "list"}), out.into()),
        CatalogAction::Show { framework, out } => {
            (json!({"op": "show", "framework": framework}), out.into())
        }
        CatalogAction::Node { id, out } => (json!({"op": "node", "id": id}), out.into()),
        CatalogAction::Export {
            id,
            mapping,
            format,
            ciso_assistant_frameworks,
        } => {
            let key = if mapping { "mapping" } else { "framework" };
            let req = if ciso_assistant_frameworks {
                json!({"op": "export", key: id, "format": format, "ciso_assistant_frameworks": true})
            } else {
                json!({"op": "export", key: id, "format": format})
            };
            return call_field("catalog", req, "content");
        }
        CatalogAction::Request { file, out } => {
            return call_out("catalog", Input::Text(&read_input(&file)?), out)
        }
    };
    call_out("catalog", Input::Value(req), out)
}

fn risk(action: RiskAction) -> Result<(), Failure> {
    match action {
        RiskAction::Validate { file, out } => {
            let doc = read_document(&file, "a risk matrix or register")?;
            // A matrix has `levels` and no `scenarios`; anything else is read as a register.
            let is_matrix = doc.get("levels").is_some() && doc.get("scenarios").is_none();
            let req = if is_matrix {
                json!({"op": "validate_matrix", "matrix": doc})
            } else {
                json!({"op": "validate_register", "register": doc})
            };
            call_out("risk", Input::Value(req), out)
        }
        RiskAction::Assess { file, out } => {
            let register = read_document(&file, "a risk register")?;
            call_out(
                "risk",
                Input::Value(json!({"op": "assess", "register": register})),
                out,
            )
        }
        RiskAction::Heatmap {
            file,
            stage,
            svg,
            out,
        } => {
            let register = read_document(&file, "a risk register")?;
            if svg {
                let req = json!({"op": "heatmap_svg", "register": register,
                    "stage": stage.name(), "lang": out.lang.lang().code()});
                call_field("risk", req, "svg")
            } else {
                let req = json!({"op": "heatmap", "register": register, "stage": stage.name()});
                call_out("risk", Input::Value(req), out)
            }
        }
        RiskAction::Csv { file, lang } => {
            let register = read_document(&file, "a risk register")?;
            let req = json!({"op": "csv", "register": register, "lang": lang.lang().code()});
            call_field("risk", req, "csv")
        }
        RiskAction::Presets { out } => {
            call_out("risk", Input::Value(json!({"op": "presets"})), out)
        }
        RiskAction::Threats { out } => {
            call_out("risk", Input::Value(json!({"op": "threats"})), out)
        }
        RiskAction::Request { file, out } => {
            call_out("risk", Input::Text(&read_input(&file)?), out)
        }
    }
}

fn programme_dated(op: &str, file: &str, date: String, out: TableOut) -> Result<(), Failure> {
    let programme = read_document(file, "a programme")?;
    let req = json!({"op": op, "programme": programme, "reference_date": date});
    call_out("programme", Input::Value(req), out.into())
}

/// A number given on the command line, kept exactly as written (JSON number syntax).
fn number_arg(name: &str, text: &str) -> Result<Value, Failure> {
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Number(_)) => Ok(v),
        _ => Err(fail(
            "invalid_input",
            format!("invalid input at `{name}`: expected a number, got `{text}`"),
        )),
    }
}

fn assess(
    file: String,
    report: Option<String>,
    output: Option<PathBuf>,
    out: Out,
) -> Result<(), Failure> {
    let doc = read_document(&file, "an assessment")?;
    let Some(format) = report else {
        return call_out(
            "assessment",
            Input::Value(json!({"op": "evaluate", "assessment": doc})),
            out,
        );
    };
    let req = json!({"op": "report", "assessment": doc, "format": format,
        "lang": out.lang.lang().code()});
    let v = api::call("assessment", Input::Value(req), Detail::Explained)?.to_value()?;
    write_content(&v, output, "report", true)
}

/// Write a response's `content` (a report, a table) to `output`, or to standard output when it
/// is text (`trim`: without its final line break). Base64 content (XLSX) is decoded and needs a
/// file.
fn write_content(
    v: &Value,
    output: Option<PathBuf>,
    what: &str,
    trim: bool,
) -> Result<(), Failure> {
    let content = v.get("content").and_then(Value::as_str).unwrap_or_default();
    let base64 = v.get("encoding").and_then(Value::as_str) == Some("base64");
    let bytes = if base64 {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(content)
            .map_err(|e| fail("internal", format!("{what} content is not base64: {e}")))?
    } else {
        content.as_bytes().to_vec()
    };
    match output {
        Some(path) => std::fs::write(&path, &bytes)
            .map_err(|e| fail("io", format!("cannot write `{}`: {e}", path.display()))),
        None if base64 => Err(fail(
            "usage",
            format!("give --output FILE for an xlsx {what}"),
        )),
        None if trim => emit(content.trim_end_matches(['\r', '\n'])),
        None => emit(content),
    }
}

fn questionnaire(action: AssessAction) -> Result<(), Failure> {
    match action {
        AssessAction::Template { file, output, lang } => {
            let doc = read_document(&file, "an assessment")?;
            let req = json!({"op": "questionnaire", "assessment": doc, "format": "xlsx",
                "lang": lang.lang().code()});
            let v = api::call("assessment", Input::Value(req), Detail::Explained)?.to_value()?;
            write_content(&v, Some(output), "questionnaire", false)
        }
        AssessAction::Import {
            file,
            assessment,
            json_response,
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| fail("io", format!("cannot read `{}`: {e}", file.display())))?;
            use base64::Engine as _;
            let mut req = serde_json::Map::new();
            req.insert("op".into(), json!("questionnaire_import"));
            req.insert("format".into(), json!("xlsx"));
            req.insert(
                "content".into(),
                json!(base64::engine::general_purpose::STANDARD.encode(&bytes)),
            );
            if let Some(path) = assessment {
                req.insert("assessment".into(), read_document(&path, "an assessment")?);
            }
            let v = api::call(
                "assessment",
                Input::Value(Value::Object(req)),
                Detail::Explained,
            )?
            .to_value()?;
            let shown = if json_response {
                &v
            } else {
                v.get("assessment").unwrap_or(&v)
            };
            emit(&format!("{}\n", nis2_core::json::to_string_pretty(shown)?))
        }
    }
}

fn audit(action: AuditAction) -> Result<(), Failure> {
    match action {
        AuditAction::Export {
            file,
            framework,
            format,
            ciso_assistant_frameworks,
            output,
            lang,
        } => {
            let doc = read_document(&file, "an assessment")?;
            let mut req = serde_json::Map::new();
            req.insert("op".into(), json!("audit_export"));
            req.insert("assessment".into(), doc);
            if let Some(f) = framework {
                req.insert("framework".into(), json!(f));
            }
            req.insert("format".into(), json!(format));
            if ciso_assistant_frameworks {
                req.insert("ciso_assistant_frameworks".into(), json!(true));
            }
            req.insert("lang".into(), json!(lang));
            let v = api::call(
                "assessment",
                Input::Value(Value::Object(req)),
                Detail::Explained,
            )?
            .to_value()?;
            write_content(&v, output, "table", false)
        }
        AuditAction::Import {
            file,
            framework,
            table,
            json_response,
        } => {
            let doc = read_document(&file, "an assessment")?;
            let bytes = std::fs::read(&table)
                .map_err(|e| fail("io", format!("cannot read `{}`: {e}", table.display())))?;
            let xlsx = table
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"));
            let (format, content) = if xlsx {
                use base64::Engine as _;
                (
                    "xlsx",
                    base64::engine::general_purpose::STANDARD.encode(&bytes),
                )
            } else {
                let text = String::from_utf8(bytes)
                    .map_err(|_| fail("io", format!("`{}` is not UTF-8 text", table.display())))?;
                ("csv", text)
            };
            let req = json!({"op": "audit_import", "assessment": doc, "framework": framework,
                "format": format, "content": content});
            let v = api::call("assessment", Input::Value(req), Detail::Explained)?.to_value()?;
            let shown = if json_response {
                v
            } else {
                // The document with the imported results.
                let mut doc = doc;
                if let (Some(d), Some(results)) = (doc.as_object_mut(), v.get("results")) {
                    d.insert("results".to_owned(), results.clone());
                }
                doc
            };
            emit(&format!("{}\n", nis2_core::json::to_string_pretty(&shown)?))
        }
    }
}

fn schema(
    kind: Option<String>,
    write: Option<PathBuf>,
    check: Option<PathBuf>,
) -> Result<u8, Failure> {
    match (kind, write, check) {
        (Some(kind), None, None) => {
            emit(&pretty(&nis2_core::schema::schema_for(&kind)?)?)?;
            Ok(0)
        }
        (None, Some(dir), None) => {
            schema_files(&dir, true)?;
            Ok(0)
        }
        (None, None, Some(dir)) => {
            if !schema_files(&dir, false)? {
                return Ok(1);
            }
            println!("schemas in {} are up to date", dir.display());
            Ok(0)
        }
        _ => Err(fail(
            "usage",
            format!(
                "give a document kind ({}), or --write DIR, or --check DIR",
                nis2_core::schema::kinds().join(", ")
            ),
        )),
    }
}

/// The general commands' `render`: a response document as the core's view.
fn render(file: &str, format: Format, lang: LangArg) -> Result<(), Failure> {
    let doc = read_document(file, "a response document")?;
    let f = match format {
        Format::Json | Format::Pretty | Format::Table => ViewFormat::Table,
        Format::Md => ViewFormat::Md,
        Format::Html => ViewFormat::Html,
        Format::Svg => ViewFormat::Svg,
        Format::Csv => ViewFormat::Csv,
    };
    emit(&api::render(&doc, f, lang.lang())?)
}

/// The reference commands (`entity-types`, `member-states`, `labels`): a `reference` operation
/// without arguments.
fn reference(op: &str, out: Out) -> Result<(), Failure> {
    call_out("reference", Input::Value(json!({ "op": op })), out)
}

/// The catalog commands `map`, `evidence` and `coverage`: a `catalog` operation with its
/// arguments and the optional pivot framework (`via`).
fn catalog_query(
    op: &str,
    args: Vec<(&str, Option<Value>)>,
    via: Option<String>,
    out: Out,
) -> Result<(), Failure> {
    let mut pairs = vec![("op", Some(json!(op)))];
    pairs.extend(args);
    pairs.push(("via", via.map(Value::String)));
    call_out("catalog", Input::Value(request(pairs)), out)
}

/// The programme command `deadlines`: the Art 23 clocks of an incident.
fn deadlines(file: &str, out: Out) -> Result<(), Failure> {
    let incident = read_document(file, "an incident")?;
    call_out(
        "programme",
        Input::Value(json!({"op": "deadlines", "incident": incident})),
        out,
    )
}

/// The programme command `significant-incident`: the request read from the file, its `op` set.
fn significant_incident(file: &str, out: Out) -> Result<(), Failure> {
    let mut body = read_document(file, "a significant_incident request")?;
    if let Some(o) = body.as_object_mut() {
        o.insert("op".to_owned(), json!("significant_incident"));
    }
    call_out("programme", Input::Value(body), out)
}

/// The programme command `wheel`: the årshjul of a year, as a response or (with `ics`) as the
/// iCalendar text alone.
fn wheel(
    file: &str,
    year: i32,
    ics: bool,
    date: Option<String>,
    out: TableOut,
) -> Result<(), Failure> {
    let programme = read_document(file, "a programme")?;
    let req = request(vec![
        ("op", Some(json!(if ics { "wheel_ics" } else { "wheel" }))),
        ("programme", Some(programme)),
        ("year", Some(json!(year))),
        ("reference_date", date.map(Value::String)),
        ("lang", ics.then(|| json!(out.lang.lang().code()))),
    ]);
    if ics {
        call_field("programme", req, "ics")
    } else {
        call_out("programme", Input::Value(req), out.into())
    }
}

/// The programme command `obligations`: the obligation facts of a scope profile, with the
/// turnover for the percentage ceiling if given.
fn obligations(file: &str, turnover: Option<String>, out: Out) -> Result<(), Failure> {
    let profile = read_document(file, "a scope profile")?;
    let turnover = match turnover {
        Some(t) => Some(number_arg("--turnover", &t)?),
        None => None,
    };
    let req = request(vec![
        ("op", Some(json!("obligations"))),
        ("profile", Some(profile)),
        ("worldwide_turnover_eur", turnover),
    ]);
    call_out("programme", Input::Value(req), out)
}

/// Run a command, by group: general, reference, catalogs, risk, programme, assessment.
fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        // General.
        Command::Scope { file, out } => call_out("scope", Input::Text(&read_input(&file)?), out)?,
        Command::Call {
            capability,
            file,
            out,
        } => call_out(&capability, Input::Text(&read_input(&file)?), out)?,
        Command::Render { file, format, lang } => render(&file, format, lang)?,
        Command::Screen(args) => return args.run(),
        Command::Schema { kind, write, check } => return schema(kind, write, check),
        // Reference.
        Command::Ops => emit(&pretty(
            &serde_json::to_value(api::registry::registry()).map_err(|e| fail("internal", e))?,
        )?)?,
        Command::EntityTypes { out } => reference("entity_types", out.into())?,
        Command::Nace { code: None, out } => reference("nace_table", out.into())?,
        Command::Nace {
            code: Some(code),
            out,
        } => call_out(
            "reference",
            Input::Value(json!({ "op": "nace", "code": code })),
            out.into(),
        )?,
        Command::MemberStates { out } => reference("member_states", out.into())?,
        Command::Labels { out } => reference("labels", out)?,
        // Catalogs.
        Command::Catalog { action } => catalog(action)?,
        Command::Map { from, to, via, out } => catalog_query(
            "map",
            vec![("from", Some(json!(from))), ("to", Some(json!(to)))],
            via,
            out.into(),
        )?,
        Command::Evidence {
            requirement,
            from,
            via,
            out,
        } => catalog_query(
            "evidence",
            vec![
                ("requirement", Some(json!(requirement))),
                ("from", Some(json!(from))),
            ],
            via,
            out.into(),
        )?,
        Command::Coverage {
            target,
            controls,
            via,
            out,
        } => catalog_query(
            "coverage",
            vec![
                ("target", Some(json!(target))),
                ("controls", Some(json!(controls))),
            ],
            via,
            out.into(),
        )?,
        // Risk.
        Command::Risk { action } => risk(action)?,
        // Programme.
        Command::Deadlines { file, out } => deadlines(&file, out.into())?,
        Command::SignificantIncident { file, out } => significant_incident(&file, out.into())?,
        Command::Wheel {
            file,
            year,
            ics,
            date,
            out,
        } => wheel(&file, year, ics, date, out)?,
        Command::Plan { file, date, out } => programme_dated("plan", &file, date, out)?,
        Command::Suppliers { file, date, out } => programme_dated("suppliers", &file, date, out)?,
        Command::Governance { file, date, out } => programme_dated("governance", &file, date, out)?,
        Command::Obligations {
            file,
            turnover,
            out,
        } => obligations(&file, turnover, out.into())?,
        Command::Programme { file, out } => {
            call_out("programme", Input::Text(&read_input(&file)?), out)?
        }
        // Assessment.
        Command::Assessment { file, out } => {
            call_out("assessment", Input::Text(&read_input(&file)?), out)?
        }
        Command::Assess {
            action: Some(action),
            ..
        } => questionnaire(action)?,
        Command::Assess {
            action: None,
            file,
            report,
            output,
            out,
        } => assess(file.unwrap_or_default(), report, output, out)?,
        Command::Audit { action } => audit(action)?,
    }
    Ok(0)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message, code)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}
