//! Operations on petitions.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Input, argument, issues, to_value};
use crate::petition::{self, PetitionPolicy, PetitionTally, PressingIssue};
use crate::report::Rollup;
use crate::{Error, Period, Quarter};

/// The operations on petitions, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("petition.policy_default", "the embedded default petition policy (deadlines, topics, channels, escalation)"),
    ("petition.policy_validate", "findings about a petition policy: {policy}"),
    ("petition.validate", "findings about petitions: {organisation, petitions, dialogues?, policy?}"),
    ("petition.status", "each petition's status on a day, one flat row each: {petitions, on, policy?}"),
    (
        "petition.report",
        "the report to the standing committee over a period: {organisation, petitions, period, scope?, policy?}",
    ),
    (
        "petition.pressing_issues",
        "a quarter's pressing issues with their plans: {organisation, issues, petitions?, quarter}",
    ),
    ("petition.merge", "petition reports merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on petitions.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "petition.policy_default" => PetitionPolicy::default_2020().and_then(|p| to_value(&p)),
        "petition.policy_validate" => {
            input.field("policy").and_then(PetitionPolicy::from_value).and_then(|p| issues(&p.validate()))
        }
        "petition.validate" => validate(input),
        "petition.status" => status(input),
        "petition.report" => report(input),
        "petition.pressing_issues" => pressing(input),
        "petition.merge" => merge(input),
        _ => return None,
    };
    Some(answer)
}

/// The `policy` field, checked (absent: the embedded default).
fn policy(input: &Input) -> Result<PetitionPolicy, Error> {
    match input.optional_field("policy") {
        Some(value) => PetitionPolicy::from_value(value)?.checked(),
        None => PetitionPolicy::default_2020(),
    }
}

fn petitions(input: &Input, name: &'static str) -> Result<Vec<petition::Petition>, Error> {
    crate::json::nested("request", name, input.field(name)?)
}

fn validate(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = petitions(input, "petitions")?;
    let dialogues: Option<Vec<crate::dialogue::Dialogue>> =
        input.optional_field("dialogues").map(|v| crate::json::nested("request", "dialogues", v)).transpose()?;
    let policy = policy(input)?;
    issues(&petition::validate(&org, &list, dialogues.as_deref(), &policy))
}

fn status(input: &Input) -> Result<Value, Error> {
    let list = petitions(input, "petitions")?;
    let on: NaiveDate = crate::json::nested("request", "on", input.field("on")?)?;
    let policy = policy(input)?;
    Ok(json!({
        "on": on.to_string(),
        "policy": policy.reference(),
        "rows": to_value(&petition::statuses_on(&list, &policy, on))?,
    }))
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = petitions(input, "petitions")?;
    let period: Period = input.string("period")?.parse()?;
    let scope = input.optional_string("scope")?;
    let policy = policy(input)?;
    to_value(&petition::report(&org, &list, &policy, period, scope.as_deref())?)
}

fn pressing(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list: Vec<PressingIssue> = crate::json::nested("request", "issues", input.field("issues")?)?;
    let given: Option<Vec<petition::Petition>> =
        input.optional_field("petitions").map(|v| crate::json::nested("request", "petitions", v)).transpose()?;
    let quarter: Quarter = input.string("quarter")?.parse()?;
    to_value(&petition::pressing_list(&org, &list, given.as_deref(), quarter))
}

fn merge(input: &Input) -> Result<Value, Error> {
    let reports: Vec<Rollup<PetitionTally>> = crate::json::nested("request", "reports", input.field("reports")?)?;
    merge_all(&reports)
}

/// Roll-ups merged left to right; `invalid_argument` for an empty list.
pub(super) fn merge_all<T: crate::report::Tally + serde::Serialize>(reports: &[Rollup<T>]) -> Result<Value, Error> {
    let mut iter = reports.iter();
    let Some(first) = iter.next() else {
        return Err(argument("reports", "must not be empty", "không được để trống"));
    };
    let merged = iter.try_fold(first.clone(), |acc, next| acc.merge(next))?;
    to_value(&merged)
}
