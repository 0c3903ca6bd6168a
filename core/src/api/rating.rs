//! Operations on quality ratings.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Input, issues, to_value};
use crate::rating::{self, Evidence, RatingInput, RatingScheme, RatingTally};
use crate::scenario::Scenario;
use crate::{Error, Period};

/// The operations on quality ratings, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("rating.scheme", "the embedded rating scheme in force on a day (absent: QĐ 366-QĐ/TW): {on?}"),
    ("rating.scheme_validate", "findings about a rating scheme: {scheme}"),
    ("rating.rate", "members rated from points and evidence: {inputs, evidence?, scheme?}"),
    (
        "rating.scenario",
        "members rated with the evidence of a scenario's months, and the roll-up: {scenario, period, inputs, scope?, scheme?}",
    ),
    ("rating.merge", "rating reports merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on quality ratings.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "rating.scheme" => scheme_on(input).and_then(|s| to_value(&s)),
        "rating.scheme_validate" => {
            RatingScheme::from_value(input.field("scheme").unwrap_or(Value::Null)).and_then(|s| issues(&s.validate()))
        }
        "rating.rate" => rate(input),
        "rating.scenario" => scenario(input),
        "rating.merge" => super::merge_rollups::<RatingTally>(input, "rating reports"),
        _ => return None,
    };
    Some(answer)
}

fn scheme_on(input: &Input) -> Result<RatingScheme, Error> {
    match input.optional_string("on")? {
        None => RatingScheme::qd366_2025(),
        Some(day) => {
            let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| Error::Parse {
                input: day.clone(),
                expected: "a date such as 2025-12-31",
                expected_vi: "một ngày, ví dụ 2025-12-31",
            })?;
            RatingScheme::embedded_on(day)
        }
    }
}

/// The scheme given, or the embedded one in force at the end of the first input's period.
fn scheme(input: &Input, inputs: &[RatingInput]) -> Result<RatingScheme, Error> {
    let scheme = match input.optional_field("scheme") {
        Some(value) => RatingScheme::from_value(value)?,
        None => match inputs.first() {
            Some(first) => RatingScheme::embedded_on(first.period.last_month().last_day())?,
            None => RatingScheme::qd366_2025()?,
        },
    };
    let found = scheme.validate();
    if crate::has_errors(&found) {
        return Err(Error::Invalid { document: "rating scheme", issues: found });
    }
    Ok(scheme)
}

fn inputs(input: &Input) -> Result<Vec<RatingInput>, Error> {
    crate::json::nested("rating inputs", "inputs", input.field("inputs")?)
}

fn rate(input: &Input) -> Result<Value, Error> {
    let inputs = inputs(input)?;
    let evidence: BTreeMap<String, Evidence> = match input.optional_field("evidence") {
        Some(value) => crate::json::nested("rating evidence", "evidence", value)?,
        None => BTreeMap::new(),
    };
    let scheme = scheme(input, &inputs)?;
    let (ratings, found) = rating::rate_all(&scheme, &inputs, &evidence);
    Ok(json!({ "scheme": scheme.id, "ratings": to_value(&ratings)?, "issues": to_value(&found)? }))
}

fn scenario(input: &Input) -> Result<Value, Error> {
    let scenario = Scenario::from_value(input.field("scenario")?)?;
    let period: Period = input.string("period")?.parse()?;
    let inputs = inputs(input)?;
    let scope = input.optional_string("scope")?;
    let scheme = scheme(input, &inputs)?;
    scenario.with_evaluation(|e| {
        let evidence = rating::evidence(e.evaluator, e.months, e.ledger, period);
        let (ratings, found) = rating::rate_all(&scheme, &inputs, &evidence);
        let (report, left_out) = rating::report(e.evaluator.organisation().organisation(), &ratings, scope.as_deref())?;
        let rated: BTreeMap<&String, &Evidence> =
            evidence.iter().filter(|(member, _)| inputs.iter().any(|i| &i.member == *member)).collect();
        let evaluated: Vec<String> =
            e.months.iter().filter(|m| period.contains(m.month)).map(|m| m.month.to_string()).collect();
        Ok(json!({
            "scheme": scheme.id,
            "months_evaluated": evaluated,
            "ratings": to_value(&ratings)?,
            "issues": to_value(&found)?,
            "evidence": to_value(&rated)?,
            "report": to_value(&report)?,
            "left_out": left_out,
        }))
    })
}
