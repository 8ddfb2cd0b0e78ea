//! `nis2`: the command-line shell over nis2-core. JSON in; JSON (byte-identical to the other
//! surfaces) or a readable table out; a non-zero exit with a clear message on bad input.
#![forbid(unsafe_code)]

mod table;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use nis2_core::{ffi, Error};

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
    /// A readable table.
    Table,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum Lang {
    /// English.
    En,
    /// Danish.
    Da,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Is the organisation covered by NIS2, and as essential or important? Reads a scope profile.
    Scope {
        /// The profile (JSON file), or `-` for standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Language of the table output.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// The entity-type catalog (Annex I and II rows and the roles outside the Annexes).
    EntityTypes {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language of the table output.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// The Member-State overlay data.
    MemberStates {
        /// Output format (json or pretty).
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
    },
    /// Requirement catalogs (NIS2, CIR 2024/2690, ISO/IEC 27001:2022, D-mærket, the Danish
    /// programme) and their mappings.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
    },
    /// Whether an incident is significant under Implementing Regulation 2024/2690 Art 3–14.
    SignificantIncident {
        /// The request body (`entity_types`, `facts`), or `-`.
        file: String,
    },
    /// The årshjul: the annual compliance calendar of a programme.
    Wheel {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The calendar year.
        #[arg(long)]
        year: i32,
        /// Write an iCalendar (RFC 5545) file instead of JSON.
        #[arg(long)]
        ics: bool,
        /// The reference date (YYYY-MM-DD) for the calendar's timestamp and overdue flags.
        #[arg(long)]
        date: Option<String>,
        /// Language of the calendar entries.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Output format (without --ics).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Progress of the implementation plan, per step and overall, with overdue tasks.
    Plan {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
    },
    /// The supplier register: clauses present, ratings, reviews due, gaps per supplier.
    Suppliers {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
    },
    /// The governance register: management body, training, decisions (Art 20).
    Governance {
        /// The programme (JSON file), or `-`.
        file: String,
        /// The reference date (YYYY-MM-DD).
        #[arg(long)]
        date: String,
    },
    /// Obligation facts from a scope profile: fine ceiling (Art 34), supervision, registration.
    Obligations {
        /// The scope profile (JSON file), or `-`.
        file: String,
        /// Total worldwide annual turnover of the undertaking (EUR), for the percentage ceiling.
        #[arg(long)]
        turnover: Option<f64>,
    },
    /// Run any programme request given as JSON (file or `-`).
    Programme {
        /// The request file, or `-`.
        file: String,
    },
    /// Run any assessment request given as JSON (file or `-`): scales, prerequisites, requirements, score, infer, plan, report.
    Assessment {
        /// The request file, or `-`.
        file: String,
    },
    /// Gap assessment: score (with declared maths), inference from ISO/D-mærket, remediation plan.
    Assess {
        /// The assessment document (JSON file), or `-`.
        file: String,
        /// Write a report instead of the evaluation JSON: md, html, xlsx or json.
        #[arg(long)]
        report: Option<String>,
        /// Language of the report.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// Write the report to this file (required for xlsx).
        #[arg(long, short)]
        output: Option<PathBuf>,
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
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

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq, Eq)]
enum Stage {
    /// Without any controls.
    Inherent,
    /// With the controls in place today.
    Current,
    /// After the planned treatment.
    Residual,
}

#[derive(Subcommand, Debug)]
enum RiskAction {
    /// Validate a risk matrix or a register (every problem with its path).
    Validate {
        /// The matrix or register (JSON file), or `-`.
        file: String,
    },
    /// Assess a register: inherent, current and residual risk, service inheritance, appetite.
    Assess {
        /// The register (JSON file), or `-`.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
    },
    /// The heat map of a register, as data or as an accessible SVG document.
    Heatmap {
        /// The register (JSON file), or `-`.
        file: String,
        /// Which risk to count.
        #[arg(long, value_enum, default_value_t = Stage::Residual)]
        stage: Stage,
        /// Write the SVG document instead of the JSON data.
        #[arg(long)]
        svg: bool,
        /// Language of the SVG labels.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// The register as CSV.
    Csv {
        /// The register (JSON file), or `-`.
        file: String,
        /// Language of the headings.
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
    },
    /// The built-in matrix presets.
    Presets,
    /// The built-in threat catalogue.
    Threats,
    /// Run any risk request given as JSON (file or `-`).
    Request {
        /// The request file, or `-`.
        file: String,
    },
}

fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Inherent => "inherent",
        Stage::Current => "current",
        Stage::Residual => "residual",
    }
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Da => "da",
    }
}

fn read_json(file: &str) -> Result<serde_json::Value, String> {
    let text = read_input(file)?;
    serde_json::from_str(&text).map_err(|e| format!("`{file}` is not valid JSON: {e}"))
}

fn programme_out(request: serde_json::Value, format: Format) -> Result<(), String> {
    let out = ffi::programme_value(request).map_err(|e| describe(&e))?;
    match format {
        Format::Json => emit(&out),
        _ => emit(&pretty(&out)?),
    }
}

fn risk_out(request: serde_json::Value, format: Format) -> Result<(), String> {
    let out = ffi::risk_value(request).map_err(|e| describe(&e))?;
    match format {
        Format::Json => emit(&out),
        _ => emit(&pretty(&out)?),
    }
}

/// Print one string field of a response as raw text (an SVG or CSV document).
fn emit_field(out: &str, field: &str) -> Result<(), String> {
    let v: serde_json::Value = serde_json::from_str(out).map_err(|e| e.to_string())?;
    let text = v
        .get(field)
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| format!("no `{field}` in the response"))?;
    emit(text.trim_end_matches(['\r', '\n']))
}

#[derive(Subcommand, Debug)]
enum CatalogAction {
    /// Every framework and mapping.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// A whole framework.
    Show {
        /// Framework id, e.g. `nis2`.
        framework: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One node with its direct mappings.
    Node {
        /// Node id, e.g. `CIR-2690:6.7.2`.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Pretty)]
        format: Format,
    },
    /// Export a framework or a mapping (writes the file content to standard output).
    Export {
        /// Framework id (or mapping id with --mapping).
        id: String,
        /// The id is a mapping.
        #[arg(long)]
        mapping: bool,
        /// json, oscal or csv.
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// Run any catalog request given as JSON (file or `-`).
    Request {
        /// The request file, or `-`.
        file: String,
    },
}

fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))
    }
}

/// Write a line to standard output; a closed pipe (`nis2 … | head`) is not an error.
fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

fn pretty(compact: &str) -> Result<String, String> {
    let v: serde_json::Value = serde_json::from_str(compact).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())
}

fn describe(e: &Error) -> String {
    let report = e.report();
    let mut out = format!("error ({}): {}", report.kind, report.message);
    for sub in &report.errors {
        out.push_str(&format!("\n  - {}", sub.message));
    }
    out
}

fn schema_files(dir: &Path, write: bool) -> Result<bool, String> {
    let mut fresh = true;
    if write {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    for (kind, file) in nis2_core::schema::KINDS {
        let text = ffi::generated_schema_json(kind).map_err(|e| describe(&e))? + "\n";
        let path = dir.join(file);
        if write {
            std::fs::write(&path, &text)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            println!("wrote {}", path.display());
        } else {
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != text {
                eprintln!(
                    "stale: {} (regenerate with `nis2 schema --write {}`)",
                    path.display(),
                    dir.display()
                );
                fresh = false;
            }
        }
    }
    Ok(fresh)
}

fn catalog_out(request: serde_json::Value, format: Format) -> Result<(), String> {
    let out = ffi::catalog_value(request).map_err(|e| describe(&e))?;
    match format {
        Format::Json => emit(&out),
        Format::Pretty => emit(&pretty(&out)?),
        Format::Table => {
            let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
            emit(table::catalog(&v).trim_end())
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Scope { file, format, lang } => {
            let input = read_input(&file)?;
            let out = ffi::scope_json(&input).map_err(|e| describe(&e))?;
            match format {
                Format::Json => emit(&out)?,
                Format::Pretty => emit(&pretty(&out)?)?,
                Format::Table => {
                    let result: nis2_core::ScopeResult =
                        serde_json::from_str(&out).map_err(|e| e.to_string())?;
                    emit(table::scope(&result, lang == Lang::Da).trim_end())?;
                }
            }
        }
        Command::EntityTypes { format, lang } => {
            let out = ffi::entity_types_json().map_err(|e| describe(&e))?;
            match format {
                Format::Json => emit(&out)?,
                Format::Pretty => emit(&pretty(&out)?)?,
                Format::Table => {
                    let cat = nis2_core::entity_types::catalog().map_err(|e| describe(&e))?;
                    emit(table::entity_types(cat, lang == Lang::Da).trim_end())?;
                }
            }
        }
        Command::MemberStates { format } => {
            let out = ffi::member_states_json().map_err(|e| describe(&e))?;
            match format {
                Format::Json => emit(&out)?,
                _ => emit(&pretty(&out)?)?,
            }
        }
        Command::Catalog { action } => {
            let (request, format) = match action {
                CatalogAction::List { format } => (serde_json::json!({"op": "list"}), format),
                CatalogAction::Show { framework, format } => (
                    serde_json::json!({"op": "show", "framework": framework}),
                    format,
                ),
                CatalogAction::Node { id, format } => {
                    (serde_json::json!({"op": "node", "id": id}), format)
                }
                CatalogAction::Export {
                    id,
                    mapping,
                    format,
                } => {
                    let key = if mapping { "mapping" } else { "framework" };
                    let out = ffi::catalog_value(
                        serde_json::json!({"op": "export", key: id, "format": format}),
                    )
                    .map_err(|e| describe(&e))?;
                    let v: serde_json::Value =
                        serde_json::from_str(&out).map_err(|e| e.to_string())?;
                    let content = v
                        .get("content")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or_default();
                    emit(content.trim_end_matches(['\r', '\n']))?;
                    return Ok(ExitCode::SUCCESS);
                }
                CatalogAction::Request { file } => {
                    let out = ffi::catalog_json(&read_input(&file)?).map_err(|e| describe(&e))?;
                    emit(&out)?;
                    return Ok(ExitCode::SUCCESS);
                }
            };
            catalog_out(request, format)?;
        }
        Command::Assess {
            file,
            report,
            lang,
            output,
        } => {
            let doc = read_input(&file)?;
            match report {
                None => {
                    let out = nis2_core::assessment::ffi::evaluate_document_json(&doc)
                        .map_err(|e| describe(&e))?;
                    emit(&pretty(&out)?)?;
                }
                Some(format) => {
                    let request = serde_json::json!({"op": "report", "assessment": read_json(&file)?,
                        "format": format, "lang": lang_name(lang)});
                    let out = ffi::assessment_value(request).map_err(|e| describe(&e))?;
                    let v: serde_json::Value =
                        serde_json::from_str(&out).map_err(|e| e.to_string())?;
                    let content = v
                        .get("content")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or_default();
                    let bytes = if v.get("encoding").and_then(serde_json::Value::as_str)
                        == Some("base64")
                    {
                        use base64::Engine as _;
                        base64::engine::general_purpose::STANDARD
                            .decode(content)
                            .map_err(|e| format!("report content is not base64: {e}"))?
                    } else {
                        content.as_bytes().to_vec()
                    };
                    match output {
                        Some(path) => std::fs::write(&path, &bytes)
                            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
                        None if format == "xlsx" => {
                            return Err("give --output FILE for an xlsx report".to_owned())
                        }
                        None => emit(content.trim_end_matches(['\r', '\n']))?,
                    }
                }
            }
        }
        Command::Deadlines { file, format } => {
            programme_out(
                serde_json::json!({"op": "deadlines", "incident": read_json(&file)?}),
                format,
            )?;
        }
        Command::SignificantIncident { file } => {
            let mut body = read_json(&file)?;
            if let Some(o) = body.as_object_mut() {
                o.insert("op".to_owned(), "significant_incident".into());
            }
            programme_out(body, Format::Pretty)?;
        }
        Command::Wheel {
            file,
            year,
            ics,
            date,
            lang,
            format,
        } => {
            let mut r = serde_json::json!({"op": "wheel", "programme": read_json(&file)?, "year": year,
                "format": if ics { "ics" } else { "data" }, "language": lang_name(lang)});
            if let (Some(d), Some(o)) = (date, r.as_object_mut()) {
                o.insert("reference_date".to_owned(), d.into());
            }
            if ics {
                let text = ffi::programme_ics(&r.to_string()).map_err(|e| describe(&e))?;
                emit(text.trim_end_matches(['\r', '\n']))?;
            } else if format == Format::Table {
                let out = ffi::programme_value(r).map_err(|e| describe(&e))?;
                let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
                emit(table::wheel(&v, lang == Lang::Da).trim_end())?;
            } else {
                programme_out(r, format)?;
            }
        }
        Command::Plan { file, date } => {
            programme_out(
                serde_json::json!({"op": "plan", "programme": read_json(&file)?, "reference_date": date}),
                Format::Pretty,
            )?;
        }
        Command::Suppliers { file, date } => {
            programme_out(
                serde_json::json!({"op": "suppliers", "programme": read_json(&file)?, "reference_date": date}),
                Format::Pretty,
            )?;
        }
        Command::Governance { file, date } => {
            programme_out(
                serde_json::json!({"op": "governance", "programme": read_json(&file)?, "reference_date": date}),
                Format::Pretty,
            )?;
        }
        Command::Obligations { file, turnover } => {
            let mut r = serde_json::json!({"op": "obligations", "profile": read_json(&file)?});
            if let (Some(t), Some(o)) = (turnover, r.as_object_mut()) {
                o.insert("worldwide_turnover_eur".to_owned(), t.into());
            }
            programme_out(r, Format::Pretty)?;
        }
        Command::Programme { file } => {
            emit(&ffi::programme_json(&read_input(&file)?).map_err(|e| describe(&e))?)?;
        }
        Command::Assessment { file } => {
            emit(&ffi::assessment_json(&read_input(&file)?).map_err(|e| describe(&e))?)?;
        }
        Command::Risk { action } => match action {
            RiskAction::Validate { file } => {
                let out = nis2_core::risk::ffi::validate_document_json(&read_input(&file)?)
                    .map_err(|e| describe(&e))?;
                emit(&pretty(&out)?)?;
            }
            RiskAction::Assess { file, format } => {
                risk_out(
                    serde_json::json!({"op": "assess", "register": read_json(&file)?}),
                    format,
                )?;
            }
            RiskAction::Heatmap {
                file,
                stage,
                svg,
                lang,
            } => {
                let format = if svg { "svg" } else { "data" };
                let request = serde_json::json!({"op": "heatmap", "register": read_json(&file)?,
                    "stage": stage_name(stage), "format": format, "lang": lang_name(lang)});
                let out = ffi::risk_value(request).map_err(|e| describe(&e))?;
                if svg {
                    emit_field(&out, "svg")?;
                } else {
                    emit(&pretty(&out)?)?;
                }
            }
            RiskAction::Csv { file, lang } => {
                let request = serde_json::json!({"op": "csv", "register": read_json(&file)?, "lang": lang_name(lang)});
                let out = ffi::risk_value(request).map_err(|e| describe(&e))?;
                emit_field(&out, "csv")?;
            }
            RiskAction::Presets => risk_out(serde_json::json!({"op": "presets"}), Format::Pretty)?,
            RiskAction::Threats => risk_out(serde_json::json!({"op": "threats"}), Format::Pretty)?,
            RiskAction::Request { file } => {
                emit(&ffi::risk_json(&read_input(&file)?).map_err(|e| describe(&e))?)?;
            }
        },
        Command::Map {
            from,
            to,
            via,
            format,
        } => {
            let mut r = serde_json::json!({"op": "map", "from": from, "to": to});
            if let (Some(v), Some(o)) = (via, r.as_object_mut()) {
                o.insert("via".to_owned(), v.into());
            }
            catalog_out(r, format)?;
        }
        Command::Evidence {
            requirement,
            from,
            via,
            format,
        } => {
            let mut r =
                serde_json::json!({"op": "evidence", "requirement": requirement, "from": from});
            if let (Some(v), Some(o)) = (via, r.as_object_mut()) {
                o.insert("via".to_owned(), v.into());
            }
            catalog_out(r, format)?;
        }
        Command::Coverage {
            target,
            controls,
            via,
            format,
        } => {
            let mut r =
                serde_json::json!({"op": "coverage", "target": target, "controls": controls});
            if let (Some(v), Some(o)) = (via, r.as_object_mut()) {
                o.insert("via".to_owned(), v.into());
            }
            catalog_out(r, format)?;
        }
        Command::Schema { kind, write, check } => match (kind, write, check) {
            (Some(kind), None, None) => emit(&ffi::schema_json(&kind).map_err(|e| describe(&e))?)?,
            (None, Some(dir), None) => {
                schema_files(&dir, true)?;
            }
            (None, None, Some(dir)) => {
                if !schema_files(&dir, false)? {
                    return Ok(ExitCode::FAILURE);
                }
                println!("schemas in {} are up to date", dir.display());
            }
            _ => {
                let kinds: Vec<&str> = nis2_core::schema::KINDS.iter().map(|(k, _)| *k).collect();
                return Err(format!(
                    "give a document kind ({}), or --write DIR, or --check DIR",
                    kinds.join(", ")
                ));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
