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
            write_if_changed(&to.join(name), &compact(&text));
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
