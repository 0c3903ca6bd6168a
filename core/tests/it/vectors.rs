//! The shared vectors (`tests/vectors/*.json`), run through the JSON api exactly as the Python and
//! JS runners run them. Each file is `{"description", "cases": [{"name", "op", "input", "expect"}]}`
//! and a case passes when `api::call(op, input)` equals `expect` as a whole.
//!
//! `SOISUA_BLESS=1 cargo test -p soisua --test it vectors` rewrites the `expect` values from the
//! current answers (review the diff before committing it).

use std::path::PathBuf;

use serde_json::Value;

fn vector_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vector_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn shared_vectors() {
    let bless = std::env::var_os("SOISUA_BLESS").is_some();
    let files = vector_files();
    assert!(!files.is_empty(), "no vector files in {}", vector_dir().display());
    let mut failures = Vec::new();
    let mut count = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable vector file");
        let mut doc: Value = serde_json::from_str(&text).expect("vector file is JSON");
        let cases = doc["cases"].as_array_mut().expect("a `cases` list");
        for case in cases.iter_mut() {
            count += 1;
            let name = case["name"].as_str().unwrap_or("?").to_owned();
            let op = case["op"].as_str().expect("an `op`").to_owned();
            let answer = soisua::api::call(&op, case["input"].clone());
            if bless {
                case["expect"] = answer;
            } else if answer != case["expect"] {
                failures.push(format!(
                    "{}: {name}\n  expected: {}\n  got:      {}",
                    file.display(),
                    case["expect"],
                    answer
                ));
            }
        }
        if bless {
            let mut out = serde_json::to_string_pretty(&doc).expect("serialisable");
            out.push('\n');
            std::fs::write(&file, out).expect("writable vector file");
        }
    }
    assert!(failures.is_empty(), "{} of {count} vectors failed:\n{}", failures.len(), failures.join("\n"));
}
