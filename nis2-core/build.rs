//! Embeds the data files compactly: each JSON file of `data/` is copied to `OUT_DIR/data/` with
//! the whitespace between its tokens removed (the text of its strings unchanged), and
//! `src/data.rs` includes the copies. The files in `data/` stay indented for review; the
//! WebAssembly packages carry a few kilobytes less (the scoping calculator's page budget).

// A build script fails the build by panicking, with the message of what is wrong.
#![allow(clippy::expect_used)]

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("data");
    println!("cargo::rerun-if-changed=data");
    copy(&root, &out);
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the output directory");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("data/ reads")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().expect("a file name");
        if path.is_dir() {
            copy(&path, &to.join(name));
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("a data file is UTF-8");
            let text = if from.ends_with("translations") {
                keyed(&text)
            } else if from.ends_with("messages") {
                pairs(&text)
            } else {
                compact(&text)
            };
            write_if_changed(&to.join(name), &text);
        } else {
            let bytes = std::fs::read(&path).expect("a data file reads");
            write_if_changed(&to.join(name), &String::from_utf8_lossy(&bytes));
        }
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("OUT_DIR is writable");
    }
}

/// JSON text without the whitespace outside its strings.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_whitespace() {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

/// A translation file as embedded: `{"entries": [key, Danish, key, Danish, …]}`, a key being
/// the English's length and FNV-1a hash (`src/translations.rs`), so the modules carry the
/// Danish and not the English a second time (the response documents carry that).
fn keyed(text: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(text).expect("a translation file is JSON");
    let flat: Vec<String> = doc
        .get("entries")
        .and_then(serde_json::Value::as_array)
        .expect("a translation file has `entries`")
        .iter()
        .flat_map(|e| {
            let text = |k: &str| e.get(k).and_then(serde_json::Value::as_str);
            let en = text("en").expect("an entry has `en`");
            let da = text("da").expect("an entry has `da`");
            [key(en), da.to_owned()]
        })
        .collect();
    serde_json::json!({ "entries": flat }).to_string()
}

/// A message file as embedded: `{"entries": [English, Danish, English, Danish, …]}` (the
/// patterns are matched against the English, so it is kept; `src/view/messages.rs`).
fn pairs(text: &str) -> String {
    let doc: serde_json::Value = serde_json::from_str(text).expect("a message file is JSON");
    let flat: Vec<&str> = doc
        .get("entries")
        .and_then(serde_json::Value::as_array)
        .expect("a message file has `entries`")
        .iter()
        .flat_map(|e| {
            let text = |k: &str| e.get(k).and_then(serde_json::Value::as_str);
            [
                text("en").expect("an entry has `en`"),
                text("da").expect("an entry has `da`"),
            ]
        })
        .collect();
    serde_json::json!({ "entries": flat }).to_string()
}

include!("src/fnv.rs");

/// The key of an English string: its length in bytes and its FNV-1a hash, in hex (read back by
/// `src/translations.rs`).
fn key(s: &str) -> String {
    format!("{:x}-{:016x}", s.len(), fnv1a(s))
}
