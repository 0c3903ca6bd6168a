//! Operations on term targets.

use serde_json::Value;

use super::{Input, issues, to_value};
use crate::Error;
use crate::target::{self, TargetSheet, TargetTally};

/// The operations on term targets, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    (
        "target.fixture",
        "the article's term 2015–2020 targets (34, 31 achieved, 22 exceeded), partly a labelled fixture",
    ),
    ("target.validate", "findings about a target sheet: {sheet, organisation?}"),
    ("target.assess", "each target's attainment and status, and the counts: {sheet}"),
    ("target.report", "term targets rolled up over units: {organisation, sheets, scope?}"),
    ("target.merge", "target reports merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on term targets.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "target.fixture" => TargetSheet::giong_rieng_2015_2020().and_then(|s| to_value(&s)),
        "target.validate" => sheet(input).and_then(|sheet| {
            let org = input.optional_field("organisation").map(crate::Organisation::from_value).transpose()?;
            issues(&sheet.validate(org.as_ref()))
        }),
        "target.assess" => sheet(input).and_then(|sheet| to_value(&sheet.assess())),
        "target.report" => report(input),
        "target.merge" => super::merge_rollups::<TargetTally>(input, "target reports"),
        _ => return None,
    };
    Some(answer)
}

fn sheet(input: &Input) -> Result<TargetSheet, Error> {
    crate::json::nested("target sheet", "sheet", input.field("sheet")?)
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let sheets: Vec<TargetSheet> = crate::json::nested("target sheets", "sheets", input.field("sheets")?)?;
    let scope = input.optional_string("scope")?;
    to_value(&target::report(&org, &sheets, scope.as_deref())?)
}
