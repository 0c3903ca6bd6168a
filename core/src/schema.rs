//! JSON Schemas of the input formats, generated from the types so they cannot drift from the code
//! (the files in `schemas/` are checked against this module by a test).

use schemars::{Schema, schema_for};

/// Every input format's schema, with the file stem it is published under (`schemas/<name>.schema.json`).
///
/// ```
/// let names: Vec<&str> = soisua::schema::all().into_iter().map(|(n, _)| n).collect();
/// assert_eq!(&names[..11], ["catalogue", "organisation", "review-batch", "issue", "policy", "scenario", "scenario-report", "case", "report", "report-templates", "viewer"]);
/// assert!(names.contains(&"meeting") && names.contains(&"target-sheet") && names.contains(&"rating-scheme"));
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
        ("meeting", schema_for!(crate::meeting::Meeting)),
        ("meeting-scheme", schema_for!(crate::meeting::MeetingScheme)),
        ("petition", schema_for!(crate::petition::Petition)),
        ("petition-policy", schema_for!(crate::petition::PetitionPolicy)),
        ("pressing-issue", schema_for!(crate::petition::PressingIssue)),
        ("dialogue", schema_for!(crate::dialogue::Dialogue)),
        ("household-records", schema_for!(crate::household::HouseholdRecords)),
        ("household-policy", schema_for!(crate::household::HouseholdPolicy)),
        ("explanation", schema_for!(crate::accountability::Explanation)),
        ("accountability-policy", schema_for!(crate::accountability::AccountabilityPolicy)),
        ("emulation-scheme", schema_for!(crate::emulation::Scheme)),
        ("emulation-records", schema_for!(crate::emulation::EmulationRecords)),
        ("target-sheet", schema_for!(crate::target::TargetSheet)),
        ("rating-scheme", schema_for!(crate::rating::RatingScheme)),
        ("rating-input", schema_for!(crate::rating::RatingInput)),
        ("rating-evidence", schema_for!(crate::rating::Evidence)),
    ]
}
