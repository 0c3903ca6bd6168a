//! Operations on dialogues.

use chrono::NaiveDate;
use serde_json::Value;

use super::{Input, issues, to_value};
use crate::dialogue::{self, Dialogue, DialogueTally};
use crate::report::Rollup;
use crate::{Error, Month, Period};

/// The operations on dialogues, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("dialogue.validate", "findings about dialogues and household visits: {organisation, dialogues, petitions?}"),
    ("dialogue.month", "a month's plans against what was held: {organisation, dialogues, month, on?, scope?}"),
    ("dialogue.report", "dialogues and visits rolled up over a period: {organisation, dialogues, period, scope?}"),
    ("dialogue.merge", "dialogue reports merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on dialogues.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "dialogue.validate" => validate(input),
        "dialogue.month" => month(input),
        "dialogue.report" => report(input),
        "dialogue.merge" => input
            .field("reports")
            .and_then(|v| crate::json::nested::<Vec<Rollup<DialogueTally>>>("request", "reports", v))
            .and_then(|reports| super::petition::merge_all(&reports)),
        _ => return None,
    };
    Some(answer)
}

fn dialogues(input: &Input) -> Result<Vec<Dialogue>, Error> {
    crate::json::nested("request", "dialogues", input.field("dialogues")?)
}

fn validate(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = dialogues(input)?;
    let petitions: Option<Vec<crate::petition::Petition>> =
        input.optional_field("petitions").map(|v| crate::json::nested("request", "petitions", v)).transpose()?;
    issues(&dialogue::validate(&org, &list, petitions.as_deref()))
}

fn month(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = dialogues(input)?;
    let month: Month = input.string("month")?.parse()?;
    let on: Option<NaiveDate> =
        input.optional_field("on").map(|v| crate::json::nested("request", "on", v)).transpose()?;
    let scope = input.optional_string("scope")?;
    to_value(&dialogue::month_status(&org, &list, month, on, scope.as_deref())?)
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = dialogues(input)?;
    let period: Period = input.string("period")?.parse()?;
    let scope = input.optional_string("scope")?;
    to_value(&dialogue::report(&org, &list, period, scope.as_deref())?)
}
