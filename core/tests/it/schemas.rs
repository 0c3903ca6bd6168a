//! The JSON Schemas in `schemas/` are generated from the code; this test fails when they drift.
//! `SOISUA_BLESS=1 cargo test -p soisua --test it schemas` rewrites them.

use std::path::PathBuf;

#[test]
fn schemas_match_the_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let bless = std::env::var_os("SOISUA_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in soisua::schema::all() {
        let path = dir.join(format!("{name}.schema.json"));
        let mut text = serde_json::to_string_pretty(&schema).expect("serialisable schema");
        text.push('\n');
        if bless {
            std::fs::write(&path, &text).expect("writable schema file");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale schemas (rerun with SOISUA_BLESS=1): {stale:?}");
}
