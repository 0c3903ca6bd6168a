//! Operations on the accountability of unit heads.

use serde_json::Value;

use super::household::merge;
use super::{Input, issues, to_value};
use crate::accountability::{self, AccountabilityPolicy, AccountabilityTally, Explanation};
use crate::household::prefixed;
use crate::{Error, Month, Period};

/// The operations on accountability, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("accountability.policy_default", "the embedded default accountability policy (a labelled default)"),
    ("accountability.validate", "findings about explanations: {organisation, explanations, policy?}"),
    (
        "accountability.status",
        "per unit, the topics due, explained and missing in a month: {organisation, explanations, month, policy?}",
    ),
    ("accountability.report", "the roll-up over a period: {organisation, explanations, period, scope?, policy?}"),
    ("accountability.merge", "accountability roll-ups merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on accountability.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "accountability.policy_default" => AccountabilityPolicy::default_2020().and_then(|p| to_value(&p)),
        "accountability.validate" => validate(input),
        "accountability.status" => status(input),
        "accountability.report" => report(input),
        "accountability.merge" => merge::<AccountabilityTally>(input),
        _ => return None,
    };
    Some(answer)
}

fn explanations(input: &Input) -> Result<Vec<Explanation>, Error> {
    crate::json::nested("request", "explanations", input.field("explanations")?)
}

fn policy(input: &Input) -> Result<AccountabilityPolicy, Error> {
    match input.optional_field("policy") {
        Some(value) => crate::json::nested("policy", "policy", value),
        None => AccountabilityPolicy::default_2020(),
    }
}

fn validate(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = explanations(input)?;
    let mut found = accountability::validate(&org, &list);
    if input.optional_field("policy").is_some() {
        found.extend(prefixed("policy", policy(input)?.validate()));
    }
    issues(&found)
}

fn status(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = explanations(input)?;
    let month: Month = input.string("month")?.parse()?;
    to_value(&accountability::status(&org, &list, month, &policy(input)?)?)
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let list = explanations(input)?;
    let period: Period = input.string("period")?.parse()?;
    let scope = input.optional_string("scope")?;
    to_value(&accountability::report(&org, &list, period, scope.as_deref(), &policy(input)?)?)
}
