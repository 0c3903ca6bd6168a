//! Operations on emulation and rewards.

use serde_json::Value;

use super::household::merge;
use super::{Input, issues, to_value};
use crate::emulation::{self, EmulationRecords, EmulationTally, Scheme};
use crate::household::prefixed;
use crate::{Error, Period};

/// The operations on emulation and rewards, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("emulation.scheme_default", "the embedded default emulation scheme (ours, labelled)"),
    ("emulation.scheme_validate", "findings about an emulation scheme: {scheme}"),
    ("emulation.score", "score sheets scored, each with its title and why: {scores, scheme?, organisation?}"),
    (
        "emulation.validate",
        "findings about score sheets and nominations: {organisation, scores?, nominations?, scheme?}",
    ),
    ("emulation.report", "the roll-up over a period: {organisation, scores?, nominations?, period, scope?, scheme?}"),
    ("emulation.merge", "emulation roll-ups merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on emulation and rewards.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "emulation.scheme_default" => Scheme::default_2020().and_then(|s| to_value(&s)),
        "emulation.scheme_validate" => {
            let scheme = input.field("scheme").and_then(|v| crate::json::nested::<Scheme>("request", "scheme", v));
            scheme.and_then(|s| issues(&s.validate()))
        }
        "emulation.score" => score(input),
        "emulation.validate" => validate(input),
        "emulation.report" => report(input),
        "emulation.merge" => merge::<EmulationTally>(input),
        _ => return None,
    };
    Some(answer)
}

fn scheme(input: &Input) -> Result<Scheme, Error> {
    match input.optional_field("scheme") {
        Some(value) => crate::json::nested("request", "scheme", value),
        None => Scheme::default_2020(),
    }
}

fn records(input: &Input) -> Result<EmulationRecords, Error> {
    let list = |name: &'static str| input.optional_field(name).unwrap_or(Value::Array(Vec::new()));
    Ok(EmulationRecords {
        scores: crate::json::nested("request", "scores", list("scores"))?,
        nominations: crate::json::nested("request", "nominations", list("nominations"))?,
    })
}

fn score(input: &Input) -> Result<Value, Error> {
    let scheme = scheme(input)?;
    let sheets: Vec<emulation::ScoreSheet> = crate::json::nested("request", "scores", input.field("scores")?)?;
    let org = input.optional_field("organisation").map(crate::Organisation::from_value).transpose()?;
    to_value(&emulation::score_all(org.as_ref(), &scheme, &sheets)?)
}

fn validate(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let scheme = scheme(input)?;
    let records = records(input)?;
    let mut found = Vec::new();
    if input.optional_field("scheme").is_some() {
        found.extend(prefixed("scheme", scheme.validate()));
    }
    found.extend(emulation::validate_scores(Some(&org), &scheme, &records.scores));
    found.extend(emulation::validate_nominations(&org, &scheme, &records.nominations));
    issues(&found)
}

fn report(input: &Input) -> Result<Value, Error> {
    let org = input.organisation()?;
    let records = records(input)?;
    let period: Period = input.string("period")?.parse()?;
    let scope = input.optional_string("scope")?;
    to_value(&emulation::report(&org, &scheme(input)?, &records, period, scope.as_deref())?)
}
