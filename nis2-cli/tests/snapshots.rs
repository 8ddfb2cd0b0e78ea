//! Snapshot tests of the `nis2` binary: each capability on the shipped examples, as the core's
//! terminal view in English and in Danish and, for a few, as JSON; and the exit code and error
//! output for bad input.
//!
//! Each snapshot is `tests/snapshots/<test name>.txt`: the command line, then what the binary
//! wrote (standard output for a result; the exit code and standard error for an error). Review
//! a changed output, then rewrite the snapshots with
//!
//! ```sh
//! NIS2_BLESS=1 cargo test -p nis2-cli --test snapshots
//! ```
//!
//! and review the diff. The binary runs in the repository root, so paths read as written here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const MANUFACTURER: &str = "examples/manufacturer-40-staff.json";
const REGISTER: &str = "examples/water-utility-risk-register.json";
const INCIDENT: &str = "examples/incident.json";
const PROGRAMME: &str = "examples/danish-programme.json";
const ASSESSMENT: &str = "examples/msp-assessment.json";
/// The reference date of the programme registers (plan, suppliers, governance).
const DATE: &str = "2026-03-01";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn blessing() -> bool {
    std::env::var_os("NIS2_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Run the binary in the repository root, with `stdin` as its standard input (empty if none).
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nis2"))
        .args(args)
        .current_dir(repository())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the nis2 binary starts");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may exit before reading everything (a closed pipe is fine here).
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("the nis2 binary runs")
}

fn command_line(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.is_empty() || a.contains([' ', '"', '\'', '$', '|', ',']) {
                format!("'{a}'")
            } else {
                (*a).to_owned()
            }
        })
        .collect();
    format!("$ nis2 {}", quoted.join(" "))
}

/// Compare `actual` with the snapshot `name` (or rewrite it when blessing).
fn compare(name: &str, actual: &str) {
    let path = snapshot_dir().join(format!("{name}.txt"));
    let expected = std::fs::read_to_string(&path).ok();
    if blessing() {
        if expected.as_deref() != Some(actual) {
            std::fs::create_dir_all(snapshot_dir()).unwrap();
            std::fs::write(&path, actual).unwrap();
            eprintln!("blessed {}", path.display());
        }
        return;
    }
    let Some(expected) = expected else {
        panic!(
            "no snapshot {}: write it with `NIS2_BLESS=1 cargo test -p nis2-cli --test snapshots` and review it",
            path.display()
        );
    };
    if expected != actual {
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        let at = e
            .iter()
            .zip(&a)
            .position(|(x, y)| x != y)
            .unwrap_or(e.len().min(a.len()));
        panic!(
            "{} differs from the output, first at line {} (expected {} lines, got {}):\n  expected: {}\n  actual:   {}\n\
             If the change is intended, rewrite with `NIS2_BLESS=1 cargo test -p nis2-cli --test snapshots` and review the diff.",
            path.display(),
            at + 1,
            e.len(),
            a.len(),
            e.get(at).copied().unwrap_or("<end of file>"),
            a.get(at).copied().unwrap_or("<end of output>"),
        );
    }
}

/// A command that succeeds: exit 0, nothing on standard error, standard output as snapshotted.
fn check_output(name: &str, args: &[&str]) {
    let out = run(args, b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} exited with {:?}: {stderr}",
        command_line(args),
        out.status.code()
    );
    assert!(
        stderr.is_empty(),
        "{} wrote to standard error: {stderr}",
        command_line(args)
    );
    let stdout = String::from_utf8(out.stdout).expect("standard output is UTF-8");
    assert!(
        !stdout.trim().is_empty(),
        "{} printed nothing",
        command_line(args)
    );
    compare(name, &format!("{}\n{stdout}", command_line(args)));
}

/// A command that fails on bad input: exit 2, nothing on standard output, and one line
/// `error (<kind>): … at `<path>`…` on standard error (with the sub-problems, if any, after it).
fn check_error(name: &str, args: &[&str], stdin: &[u8], kind: &str, path: &str) {
    let out = run(args, stdin);
    let stderr = String::from_utf8(out.stderr).expect("standard error is UTF-8");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: {stderr}",
        command_line(args)
    );
    assert!(
        out.stdout.is_empty(),
        "{} wrote to standard output on an error",
        command_line(args)
    );
    let first = stderr.lines().next().unwrap_or_default();
    let prefix = format!("error ({kind}): ");
    assert!(
        first.starts_with(&prefix),
        "expected `{prefix}…`, got: {first}"
    );
    assert!(
        first.contains(&format!(" at `{path}`")),
        "expected the path `{path}` in: {first}"
    );
    let shown = if stdin.is_empty() {
        String::new()
    } else {
        format!("< {}\n", stdin.escape_ascii())
    };
    compare(
        name,
        &format!(
            "{}\n{shown}exit {}\n{stderr}",
            command_line(args),
            out.status.code().unwrap_or(-1)
        ),
    );
}

/// One test per snapshot of a successful command, and the list of their names.
macro_rules! outputs {
    ($($name:ident: [$($arg:expr),+ $(,)?];)+) => {
        $(
            #[test]
            fn $name() {
                check_output(stringify!($name), &[$($arg),+]);
            }
        )+
        const OUTPUTS: &[&str] = &[$(stringify!($name)),+];
    };
}

outputs! {
    // Applicability and class, explained and verdict.
    scope_table_en: ["scope", MANUFACTURER, "--format", "table"];
    scope_table_da: ["scope", MANUFACTURER, "--format", "table", "--lang", "da"];
    scope_verdict_table_en: ["scope", MANUFACTURER, "--format", "table", "--detail", "verdict"];
    scope_verdict_table_da: ["scope", MANUFACTURER, "--format", "table", "--detail", "verdict", "--lang", "da"];
    scope_json: ["scope", MANUFACTURER, "--format", "json"];
    scope_verdict_json: ["scope", MANUFACTURER, "--format", "json", "--detail", "verdict"];
    scope_md_da: ["scope", MANUFACTURER, "--format", "md", "--lang", "da"];
    // Reference data.
    entity_types_table_en: ["entity-types", "--format", "table"];
    entity_types_table_da: ["entity-types", "--format", "table", "--lang", "da"];
    nace_db07_table_da: ["nace", "281100", "--lang", "da"];
    nace_section_d_json: ["nace", "D", "--format", "json"];
    member_states_table_en: ["member-states", "--format", "table"];
    member_states_table_da: ["member-states", "--format", "table", "--lang", "da"];
    // Catalogs and mappings.
    catalog_list_table_en: ["catalog", "list", "--format", "table"];
    catalog_list_table_da: ["catalog", "list", "--format", "table", "--lang", "da"];
    map_table_en: ["map", "--from", "ISO27001:A.5.19", "--to", "nis2", "--format", "table"];
    map_table_da: ["map", "--from", "ISO27001:A.5.19", "--to", "nis2", "--format", "table", "--lang", "da"];
    map_json: ["map", "--from", "ISO27001:A.5.19", "--to", "nis2", "--format", "json"];
    evidence_table_en: ["evidence", "--requirement", "NIS2:21.2.d", "--from", "iso27001-2022", "--format", "table"];
    evidence_table_da: ["evidence", "--requirement", "NIS2:21.2.d", "--from", "iso27001-2022", "--format", "table", "--lang", "da"];
    coverage_table_en: ["coverage", "--target", "NIS2:21.2.d", "--controls", "ISO27001:A.5.19,ISO27001:A.5.20", "--via", "cir-2024-2690", "--format", "table"];
    coverage_table_da: ["coverage", "--target", "NIS2:21.2.d", "--controls", "ISO27001:A.5.19,ISO27001:A.5.20", "--via", "cir-2024-2690", "--format", "table", "--lang", "da"];
    // Risk.
    risk_assess_table_en: ["risk", "assess", REGISTER, "--format", "table"];
    risk_assess_table_da: ["risk", "assess", REGISTER, "--format", "table", "--lang", "da"];
    risk_heatmap_table_en: ["risk", "heatmap", REGISTER, "--format", "table"];
    risk_heatmap_table_da: ["risk", "heatmap", REGISTER, "--format", "table", "--lang", "da"];
    risk_heatmap_json: ["risk", "heatmap", REGISTER, "--format", "json"];
    risk_heatmap_svg_da: ["risk", "heatmap", REGISTER, "--svg", "--lang", "da"];
    // The compliance programme.
    deadlines_table_en: ["deadlines", INCIDENT, "--format", "table"];
    deadlines_table_da: ["deadlines", INCIDENT, "--format", "table", "--lang", "da"];
    deadlines_json: ["deadlines", INCIDENT, "--format", "json"];
    wheel_table_en: ["wheel", PROGRAMME, "--year", "2026", "--format", "table"];
    wheel_table_da: ["wheel", PROGRAMME, "--year", "2026", "--format", "table", "--lang", "da"];
    wheel_ics_da: ["wheel", PROGRAMME, "--year", "2026", "--ics", "--date", DATE, "--lang", "da"];
    plan_table_en: ["plan", PROGRAMME, "--date", DATE, "--format", "table"];
    plan_table_da: ["plan", PROGRAMME, "--date", DATE, "--format", "table", "--lang", "da"];
    suppliers_table_en: ["suppliers", PROGRAMME, "--date", DATE, "--format", "table"];
    suppliers_table_da: ["suppliers", PROGRAMME, "--date", DATE, "--format", "table", "--lang", "da"];
    governance_table_en: ["governance", PROGRAMME, "--date", DATE, "--format", "table"];
    governance_table_da: ["governance", PROGRAMME, "--date", DATE, "--format", "table", "--lang", "da"];
    obligations_table_en: ["obligations", MANUFACTURER, "--turnover", "12000000", "--format", "table"];
    obligations_table_da: ["obligations", MANUFACTURER, "--turnover", "12000000", "--format", "table", "--lang", "da"];
    obligations_verdict_json: ["obligations", MANUFACTURER, "--format", "json", "--detail", "verdict"];
    // Gap assessment (the full result of op `evaluate`).
    assess_table_en: ["assess", ASSESSMENT, "--format", "table"];
    assess_table_da: ["assess", ASSESSMENT, "--format", "table", "--lang", "da"];
    // The op registry.
    ops: ["ops"];
}

// Bad input: exit 2, the error's kind and path, the wording as snapshotted.

#[test]
fn error_missing_file() {
    check_error(
        "error_missing_file",
        &["scope", "examples/no-such-file.json"],
        b"",
        "io",
        "examples/no-such-file.json",
    );
}

#[test]
fn error_invalid_json() {
    check_error(
        "error_invalid_json",
        &["scope", "-"],
        br#"{"member_state": "DK", "activities": [}"#,
        "invalid_input",
        "$.activities[0]",
    );
}

#[test]
fn error_truncated_json() {
    check_error(
        "error_truncated_json",
        &["scope", "-"],
        br#"{"member_state": "DK","#,
        "invalid_input",
        "$",
    );
}

#[test]
fn error_invalid_utf8_on_stdin() {
    check_error(
        "error_invalid_utf8_on_stdin",
        &["scope", "-"],
        b"{\"name\": \"Pr\xe6cisionsmekanik\"}",
        "invalid_input",
        "$",
    );
}

#[test]
fn error_unknown_op() {
    check_error(
        "error_unknown_op",
        &["call", "catalog", "-"],
        br#"{"op": "mapping", "from": "ISO27001:A.5.19", "to": "nis2"}"#,
        "unknown_id",
        "$.op",
    );
}

#[test]
fn error_missing_op() {
    check_error(
        "error_missing_op",
        &["call", "risk", "-"],
        br#"{"register": {}}"#,
        "invalid_input",
        "$.op",
    );
}

#[test]
fn error_missing_field() {
    check_error(
        "error_missing_field",
        &["call", "catalog", "-"],
        br#"{"op": "map", "from": "ISO27001:A.5.19"}"#,
        "invalid_input",
        "$.to",
    );
}

#[test]
fn error_repeated_key() {
    check_error(
        "error_repeated_key",
        &["scope", "-"],
        br#"{"member_state": "DK", "member_state": "SE"}"#,
        "invalid_input",
        "$.member_state",
    );
}

#[test]
fn error_unknown_field() {
    check_error(
        "error_unknown_field",
        &["scope", "-"],
        br#"{"member_state": "DK", "staff": 40}"#,
        "invalid_input",
        "$.staff",
    );
}

#[test]
fn error_unknown_entity_type() {
    check_error(
        "error_unknown_entity_type",
        &["scope", "-"],
        br#"{"member_state": "DK", "activities": [{"entity_type": "NIS2-II-05d-1"}]}"#,
        "unknown_id",
        "$.activities[0].entity_type",
    );
}

#[test]
fn error_unknown_capability() {
    check_error(
        "error_unknown_capability",
        &["call", "scoping", "-"],
        b"{}",
        "unknown_id",
        "capability",
    );
}

#[test]
fn error_not_a_number() {
    check_error(
        "error_not_a_number",
        &["obligations", MANUFACTURER, "--turnover", "12m"],
        b"",
        "invalid_input",
        "--turnover",
    );
}

const ERRORS: &[&str] = &[
    "error_missing_file",
    "error_invalid_json",
    "error_truncated_json",
    "error_invalid_utf8_on_stdin",
    "error_unknown_op",
    "error_missing_op",
    "error_missing_field",
    "error_repeated_key",
    "error_unknown_field",
    "error_unknown_entity_type",
    "error_unknown_capability",
    "error_not_a_number",
];

/// A usage error (clap's own): exit 2 and the usage on standard error.
#[test]
fn usage_error_exits_2() {
    let out = run(&["scope"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("Usage: nis2 scope"), "{stderr}");
}

/// `nis2 assess template` writes the questionnaire; `nis2 assess import` reads it back into the
/// same document (the numbers of the profile as the engine writes them); `nis2 assess FILE`
/// still evaluates.
#[test]
fn assess_template_and_import() {
    let dir = std::env::temp_dir().join(format!("nis2-cli-questionnaire-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let xlsx = dir.join("q.xlsx");
    let path = xlsx.to_str().expect("a UTF-8 path");
    let out = run(
        &[
            "assess",
            "template",
            "examples/msp-assessment.json",
            "--lang",
            "da",
            "-o",
            path,
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["assess", "import", path, "--json-response"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["op"], "assessment.questionnaire_import");
    assert_eq!(v["unchanged"], v["rows"]);
    let doc = run(&["assess", "import", path], b"");
    assert!(doc.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).expect("JSON");
    assert_eq!(doc, v["assessment"]);
    let missing = run(&["assess", "template", "examples/msp-assessment.json"], b"");
    assert_eq!(missing.status.code(), Some(2), "--output is required");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Snapshots written by tests of their own.
const OTHERS: &[&str] = &[
    "screen_portfolio_da",
    "screen_dk_register_da",
    "screen_errors_table_da",
];

/// The view of a screening with bad rows in English and in Danish: the Danish view gives each
/// row's error in Danish (the core's `data/messages/errors.json`), while the document and its
/// CSV keep the English message.
#[test]
fn screen_errors_table_da() {
    let csv = "id,entity_types,nace_codes,member_state,staff_headcount,staff_headcount_min,staff_headcount_max,annual_turnover_eur,security_activities\n\
               ok,NIS2-I-06-01,,DK,40,,,,\n\
               typo,NIS2-I-6-01,,DK,40,,,,\n\
               words,NIS2-I-06-01,,DK,many,,,,\n\
               negative,NIS2-I-06-01,,DK,-1,,,,\n\
               two,NIS2-I-06-01,,DK,-1,,,-2,\n\
               range,NIS2-I-06-01,,DK,,99,50,,\n\
               nace,,Q28,DK,,,,,\n\
               value,NIS2-I-06-01,,UK,40,,,,sometimes\n";
    let request = serde_json::json!({ "op": "csv", "content": csv }).to_string();
    let mut shown = String::new();
    for lang in ["en", "da"] {
        let args = [
            "call", "screen", "-", "--detail", "verdict", "--format", "table", "--lang", lang,
        ];
        let out = run(&args, request.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        shown.push_str(&format!(
            "{} < REQUEST\n{}\n",
            command_line(&args),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    compare(
        "screen_errors_table_da",
        &format!("REQUEST = {request}\n{shown}"),
    );
}

/// `nis2 screen`: the verdict rows of the sample portfolio (CSV) and the Danish counts are as
/// snapshotted; JSON Lines output holds the rows of `nis2 call screen` on the same rows; `--strict`
/// fails at the first bad row.
#[test]
fn screen_portfolio() {
    let dir = std::env::temp_dir().join(format!("nis2-cli-screen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let csv = dir.join("out.csv");
    let csv_path = csv.to_str().expect("a UTF-8 path");
    let input = "examples/screening/portfolio.csv";
    let out = run(&["screen", input, "-o", csv_path, "--lang", "da"], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = std::fs::read_to_string(&csv).expect("the output");
    compare(
        "screen_portfolio_da",
        &format!(
            "nis2 screen {input} -o OUT.csv --lang da\n{}\n--- OUT.csv\n{table}",
            String::from_utf8_lossy(&out.stdout)
        ),
    );
    // The same rows as JSON Lines, in and out, against the `screen` capability.
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for (i, line) in std::fs::read_to_string(repository().join(input))
        .unwrap()
        .lines()
        .enumerate()
    {
        let cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        if i == 0 {
            header = cells;
            continue;
        }
        let mut row = serde_json::Map::new();
        for (k, v) in header.iter().zip(cells) {
            if v.is_empty() {
                continue;
            }
            let value = match k.as_str() {
                "entity_types" => serde_json::json!(v.split(';').collect::<Vec<_>>()),
                "staff_headcount" | "annual_turnover_eur" | "balance_sheet_total_eur" => {
                    serde_json::from_str(&v).unwrap()
                }
                "critical_entity_cer" => serde_json::json!(v == "true"),
                _ => serde_json::json!(v),
            };
            row.insert(k.clone(), value);
        }
        rows.push(serde_json::Value::Object(row));
    }
    let jsonl = dir.join("in.jsonl");
    let lines: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let out_jsonl = dir.join("out.jsonl");
    let out = run(
        &[
            "screen",
            jsonl.to_str().unwrap(),
            "-o",
            out_jsonl.to_str().unwrap(),
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let request = serde_json::json!({"op": "rows", "rows": rows}).to_string();
    let call = run(
        &["call", "screen", "-", "--detail", "verdict"],
        request.as_bytes(),
    );
    let doc: serde_json::Value = serde_json::from_slice(&call.stdout).expect("JSON");
    let streamed: Vec<serde_json::Value> = std::fs::read_to_string(&out_jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&serde_json::Value::Array(streamed), &doc["rows"]);
    let strict = run(&["screen", input, "--strict"], b"");
    assert_eq!(strict.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("`$.rows[6].entity_types[0]`"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `nis2 --version` names the workspace version.
#[test]
fn version() {
    let out = run(&["--version"], b"");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("nis2 {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Every file in `tests/snapshots/` belongs to a test (blessing removes the others).
#[test]
fn no_stale_snapshots() {
    let Ok(entries) = std::fs::read_dir(snapshot_dir()) else {
        return;
    };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let name = file.strip_suffix(".txt").unwrap_or(&file);
        if !OUTPUTS.contains(&name) && !ERRORS.contains(&name) && !OTHERS.contains(&name) {
            if blessing() {
                std::fs::remove_file(entry.path()).unwrap();
                eprintln!("removed {}", entry.path().display());
            } else {
                stale.push(file);
            }
        }
    }
    stale.sort();
    assert!(
        stale.is_empty(),
        "snapshots without a test: {stale:?} (remove them, or run with NIS2_BLESS=1)"
    );
}

/// `nis2 screen` reads a register's bands from the range columns (`staff_headcount_min` /
/// `_max`): a band inside a class settles it, one across a ceiling leaves it open with the
/// question `size_range`, a minimum alone ("250+") is open upwards.
#[test]
fn screen_range_columns() {
    let csv = "id,entity_types,staff_headcount_min,staff_headcount_max,annual_turnover_eur,balance_sheet_total_eur\n\
               A,NIS2-II-05d-01,50,99,8000000,8000000\n\
               B,NIS2-II-05d-01,40,60,8000000,8000000\n\
               C,NIS2-II-05d-01,250,,,\n";
    let out = run(&["screen", "-", "--input-format", "csv"], csv.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (class, possible, questions) = (
        col("size_class"),
        col("possible_size_classes"),
        col("open_questions"),
    );
    assert_eq!(rows[1][class], "medium");
    assert_eq!(rows[2][class], "undetermined");
    assert_eq!(rows[2][possible], "small;medium");
    assert!(rows[2][questions].starts_with("size_range"));
    assert_eq!(rows[3][class], "large");
}

/// `nis2 screen` on JSON Lines: CRLF line ends, blank lines and a last line without a line break
/// are read; a line longer than `max_record_bytes` is an error naming the line and the limit
/// (nothing is read whole past it).
#[test]
fn screen_json_lines_and_a_line_too_long() {
    let rows = "{\"id\":\"a\",\"entity_types\":[]}\r\n\r\n{\"id\":\"b\",\"entity_types\":[]}";
    let out = run(&["screen", "-", "--input-format", "jsonl"], rows.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("1,b,no,")),
        "{text}"
    );
    let long = format!(
        "{{\"id\":\"a\",\"entity_types\":[]}}\n{{\"id\":\"b\",\"entity_types\":[],\"name\":\"{}\"}}\n",
        "x".repeat(1 << 21)
    );
    let out = run(&["screen", "-", "--input-format", "jsonl"], long.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2 of the JSON Lines input")
            && err.contains("limit max_record_bytes = 1048576")
            && err.contains("limit_exceeded"),
        "{err}"
    );
}

/// `nis2 screen --columns`: the shipped Danish register sample read through its map (`;`, DB07
/// codes as NACE codes, staff bands as ranges, a fixed Member State) gives its snapshotted rows;
/// an unmapped column is an error naming it.
#[test]
fn screen_register_with_a_column_map() {
    let args = [
        "screen",
        "examples/screening/dk-register-sample.csv",
        "--columns",
        "examples/screening/dk-register-map.json",
        "--lang",
        "da",
    ];
    let out = run(&args, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    compare(
        "screen_dk_register_da",
        &format!(
            "{}\n{}\n--- stderr\n{}",
            command_line(&args),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    );
    let csv = "Navn;Postnr\nA;8000\n";
    let out = run(
        &[
            "screen",
            "-",
            "--input-format",
            "csv",
            "--columns",
            "examples/screening/dk-register-map.json",
        ],
        csv.as_bytes(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Postnr"));
}

/// The `screen` op `csv` (a whole table in a request, as the calculator sends it) rendered as
/// `csv` gives the same bytes as `nis2 screen` streaming the same file: one reader, one writer.
#[test]
fn screen_csv_op_matches_the_streamed_command() {
    let table =
        std::fs::read_to_string(repository().join("examples/screening/dk-register-sample.csv"))
            .expect("the sample");
    let map: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repository().join("examples/screening/dk-register-map.json"))
            .expect("the map"),
    )
    .expect("JSON");
    let table = format!("{table}\"FIKTIV-X, \"\"quoted\"\"\";Bad;NOPE;;7;Aarhus;NORMAL\n");
    let request = serde_json::json!({"op": "csv", "content": table, "map": map});
    let called = run(
        &[
            "call", "screen", "-", "--detail", "verdict", "--format", "csv",
        ],
        request.to_string().as_bytes(),
    );
    assert!(
        called.status.success(),
        "{}",
        String::from_utf8_lossy(&called.stderr)
    );
    let streamed = run(
        &[
            "screen",
            "-",
            "--input-format",
            "csv",
            "--columns",
            "examples/screening/dk-register-map.json",
        ],
        table.as_bytes(),
    );
    assert!(
        streamed.status.success(),
        "{}",
        String::from_utf8_lossy(&streamed.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&called.stdout),
        String::from_utf8_lossy(&streamed.stdout)
    );
    assert!(String::from_utf8_lossy(&called.stdout).contains("\"FIKTIV-X, \"\"quoted\"\"\",,"));
}
