//! JSON Schemas of the input formats, generated from the types so they cannot drift from the code
//! (the files in `schemas/` are checked against this module by a test).

use schemars::{Schema, schema_for};

/// Every input format's schema, with the file stem it is published under (`schemas/<name>.schema.json`).
///
/// ```
/// let names: Vec<&str> = soisua::schema::all().into_iter().map(|(n, _)| n).collect();
/// assert_eq!(names, ["catalogue", "organisation", "review-batch", "issue", "policy", "scenario", "scenario-report", "case", "report", "report-templates", "viewer"]);
/// ```
pub fn all() -> Vec<(&'static str, Schema)> {
    vec![
        ("catalogue", schema_for!(crate::Catalogue)),
        ("organisation", schema_for!(crate::Organisation)),
        ("review-batch", schema_for!(crate::ReviewBatch)),
        ("issue", schema_for!(crate::Issue)),
        ("policy", schema_for!(crate::Policy)),
        ("scenario", schema_for!(crate::scenario::Scenario)),
        ("scenario-report", schema_for!(crate::scenario::ScenarioReport)),
        ("case", schema_for!(crate::Case)),
        ("report", schema_for!(crate::report::Report)),
        ("report-templates", schema_for!(crate::report::Templates)),
        ("viewer", schema_for!(crate::visibility::Viewer)),
    ]
}
