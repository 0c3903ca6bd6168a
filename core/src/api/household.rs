//! Operations on household follow-up.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Input, argument, issues, to_value};
use crate::error::Location;
use crate::household::{self, HouseholdPolicy, HouseholdRecords};
use crate::report::{Rollup, Tally};
use crate::{Error, Month, Path, Period};

/// The operations on household follow-up, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("household.policy_default", "the embedded default household follow-up policy (a labelled default)"),
    (
        "household.validate",
        "findings about household records: {organisation, households, assignments?, reports?, policy?}",
    ),
    (
        "household.coverage",
        "a month's coverage and gaps: {organisation, households, assignments?, reports?, month, policy?}",
    ),
    (
        "household.report",
        "the roll-up over a period: {organisation, households, assignments?, reports?, period, scope?, policy?}",
    ),
    ("household.merge", "household roll-ups merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on household follow-up.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "household.policy_default" => HouseholdPolicy::default_2020().and_then(|p| to_value(&p)),
        "household.validate" => validate(input),
        "household.coverage" => coverage(input),
        "household.report" => report(input),
        "household.merge" => merge::<household::HouseholdTally>(input),
        _ => return None,
    };
    Some(answer)
}

fn records(input: &Input) -> Result<HouseholdRecords, Error> {
    let list = |name: &'static str, required: bool| -> Result<Value, Error> {
        match input.optional_field(name) {
            Some(value) => Ok(value),
            None if required => Err(argument(name, "is required", "là bắt buộc")),
            None => Ok(Value::Array(Vec::new())),
        }
    };
    Ok(HouseholdRecords {
        households: crate::json::nested("request", "households", list("households", true)?)?,
        assignments: crate::json::nested("request", "assignments", list("assignments", false)?)?,
        reports: crate::json::nested("request", "reports", list("reports", false)?)?,
    })
}

fn policy(input: &Input) -> Result<HouseholdPolicy, Error> {
    match input.optional_field("policy") {
        Some(value) => crate::json::nested("policy", "policy", value),
        None => HouseholdPolicy::default_2020(),
    }
}

fn validate(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let records = records(input)?;
    let mut found = records.validate(&org);
    if input.optional_field("policy").is_some() {
        found.extend(household::prefixed("policy", policy(input)?.validate()));
    }
    issues(&found)
}

fn coverage(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let records = records(input)?;
    let month: Month = input.string("month")?.parse()?;
    let policy = policy(input)?;
    let coverage = household::coverage(&org, &records, month, &policy)?;
    let mut value = to_value(&coverage)?;
    if let Value::Object(map) = &mut value {
        map.insert("issues".into(), issues(&records.validate(&org))?);
    }
    Ok(value)
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let records = records(input)?;
    let period: Period = input.string("period")?.parse()?;
    let scope = input.optional_string("scope")?;
    to_value(&household::report(&org, &records, period, scope.as_deref(), &policy(input)?)?)
}

/// The roll-ups in the list `reports`, each read with errors located in the request.
pub(super) fn rollups<T: Tally + DeserializeOwned>(input: &Input) -> Result<Vec<Rollup<T>>, Error> {
    let Value::Array(items) = input.field("reports")? else {
        return Err(argument("reports", "must be a list", "phải là một danh sách"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            crate::json::from_value("report", item).map_err(|error| match error {
                Error::Json { document, location, detail } => {
                    let mut path = Path::root().key("reports").index(i);
                    path.0.extend(location.path.0);
                    Error::Json { document, location: Location { path, line: None, column: None }, detail }
                }
                other => other,
            })
        })
        .collect()
}

/// `AREA.merge`: the roll-ups in `reports` merged into one (refused when they overlap).
pub(super) fn merge<T: Tally + DeserializeOwned + serde::Serialize>(input: &Input) -> Result<Value, Error> {
    let mut list = rollups::<T>(input)?.into_iter();
    let Some(first) = list.next() else {
        return Err(argument("reports", "must not be empty", "không được để trống"));
    };
    let merged = list.try_fold(first, |acc, next| acc.merge(&next))?;
    to_value(&merged)
}
