//! Operations on cell meetings.

use serde_json::Value;

use super::{Input, argument, issues, to_value};
use crate::meeting::{Meeting, MeetingRater, MeetingScheme, MeetingTally};
use crate::report::Rollup;
use crate::{Error, Month, Path, Period};

/// The operations on cell meetings, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[
    ("meeting.scheme_default", "the embedded default rating scheme for cell meetings"),
    ("meeting.scheme_validate", "findings about a meeting rating scheme: {scheme}"),
    ("meeting.validate", "findings about meeting records: {organisation, meetings, scheme?}"),
    ("meeting.rate", "one meeting's points, level and reasons: {organisation, meeting, earlier?, scheme?}"),
    ("meeting.month", "every cell's rating for a month: {organisation, meetings, month, scheme?}"),
    ("meeting.report", "a report on cell meetings: {organisation, meetings, period, scope?, scheme?}"),
    ("meeting.merge", "meeting reports merged (disjoint coverage): {reports}"),
];

/// Answers `op` if it is an operation on cell meetings.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let answer = match op {
        "meeting.scheme_default" => MeetingScheme::default_2018().and_then(|s| to_value(&s)),
        "meeting.scheme_validate" => {
            input.field("scheme").and_then(MeetingScheme::from_value_nested).and_then(|s| issues(&s.validate()))
        }
        "meeting.validate" => with_rater(input, |rater| {
            let meetings = meetings(input, "meetings")?;
            issues(&rater.validate(&meetings))
        }),
        "meeting.rate" => with_rater(input, |rater| {
            let meeting: Meeting = crate::json::nested("meeting", "meeting", input.field("meeting")?)?;
            let earlier = match input.optional_field("earlier") {
                Some(_) => meetings(input, "earlier")?,
                None => Vec::new(),
            };
            to_value(&rater.rate(&meeting, &earlier)?)
        }),
        "meeting.month" => with_rater(input, |rater| {
            let meetings = meetings(input, "meetings")?;
            let month: Month = input.string("month")?.parse()?;
            to_value(&rater.month(&meetings, month))
        }),
        "meeting.report" => with_rater(input, |rater| {
            let meetings = meetings(input, "meetings")?;
            let period: Period = input.string("period")?.parse()?;
            let scope = input.optional_string("scope")?;
            to_value(&rater.report(&meetings, period, scope.as_deref())?)
        }),
        "meeting.merge" => merge(input),
        _ => return None,
    };
    Some(answer)
}

/// Builds the rater from `organisation` and `scheme` (default: the embedded one) and runs `f`.
fn with_rater(input: &Input, f: impl FnOnce(&MeetingRater<'_>) -> Result<Value, Error>) -> Result<Value, Error> {
    let org = input.organisation()?;
    let scheme = match input.optional_field("scheme") {
        Some(value) => MeetingScheme::from_value_nested(value)?,
        None => MeetingScheme::default_2018()?,
    };
    f(&MeetingRater::new(&scheme, &org)?)
}

fn meetings(input: &Input, name: &'static str) -> Result<Vec<Meeting>, Error> {
    match input.field(name)? {
        list @ Value::Array(_) => crate::json::nested("meetings", name, list),
        _ => Err(argument(name, "must be a list", "phải là một danh sách")),
    }
}

fn merge(input: &Input) -> Result<Value, Error> {
    let Value::Array(items) = input.field("reports")? else {
        return Err(argument("reports", "must be a list", "phải là một danh sách"));
    };
    let mut merged: Option<Rollup<MeetingTally>> = None;
    for (i, item) in items.into_iter().enumerate() {
        let report: Rollup<MeetingTally> = crate::json::from_value("meeting report", item)
            .map_err(|e| located(e, &Path::root().key("reports").index(i)))?;
        merged = Some(match merged {
            None => report,
            Some(so_far) => so_far.merge(&report)?,
        });
    }
    let merged = merged.ok_or_else(|| argument("reports", "must not be empty", "không được để trống"))?;
    to_value(&merged)
}

/// A JSON error located from `at` (the position of a nested document in the request).
fn located(error: Error, at: &Path) -> Error {
    match error {
        Error::Json { document, location, detail } => {
            let mut path = at.clone();
            path.0.extend(location.path.0);
            Error::Json { document, location: crate::error::Location { path, ..location }, detail }
        }
        other => other,
    }
}

impl MeetingScheme {
    /// A scheme read from the `scheme` field of a request, errors located from that key.
    fn from_value_nested(value: Value) -> Result<MeetingScheme, Error> {
        crate::json::nested("meeting scheme", "scheme", value)
    }
}
