//! The JSON "call → answer" layer: one entry point, [`call`], that takes an operation name and a
//! JSON input and returns a JSON answer — `{"ok": …}` or `{"error": {…}}`, never a panic.
//!
//! The bindings expose it as `soisua.call(op, input)` (Python) and `call(op, input)` (JS); the
//! shared test vectors in `tests/vectors/` are written against it, so the three languages are
//! checked against one set of expected answers.
//!
//! A catalogue input may be a catalogue object or the id of an embedded one (`"central-2020"`).
//!
//! ```
//! use serde_json::json;
//! let answer = soisua::api::call("period.parse", json!({"period": "2020-Q3"}));
//! assert_eq!(answer["ok"]["first_month"], "2020-07");
//! let answer = soisua::api::call("period.parse", json!({"period": "2020-Q5"}));
//! assert_eq!(answer["error"]["code"], "invalid_value");
//! ```

use serde_json::{Value, json};

mod accountability;
mod dialogue;
mod emulation;
mod household;
mod meeting;
mod petition;
mod rating;
mod target;

use crate::discipline::{DisciplineForm, Subject};
use crate::report::{Report, Templates, UnitLabel};
use crate::scenario::Scenario;
use crate::synthetic::{Rates, Scale};
use crate::{Catalogue, Error, Evaluator, Issue, Month, Organisation, Period, Policy, ReviewBatch};

/// The operations [`call`] accepts, with a one-line description each.
pub const OPERATIONS: &[(&str, &str)] = &[
    ("catalogue.central_2020", "the embedded central catalogue of 2020"),
    ("catalogue.validate", "findings about a catalogue: {catalogue, refined?}"),
    ("catalogue.summary", "counts by kind and wording: {catalogue}"),
    ("catalogue.from_csv", "a catalogue from a JSON header and an item CSV: {header, csv}"),
    ("catalogue.check_versions", "findings about several versions together: {catalogues}"),
    ("organisation.validate", "findings about an organisation: {organisation}"),
    ("organisation.summary", "counts of units by kind and of members: {organisation}"),
    ("reviews.validate", "findings about reviews: {catalogue, organisation, reviews}"),
    ("period.parse", "a period's kind and months: {period}"),
    ("synthetic.organisation", "a synthetic organisation: {scale, seed}"),
    ("synthetic.records", "an area's synthetic records for a synthetic organisation: {area, scale, seed, period}"),
    ("synthetic.catalogue", "the synthetic 82/23/22 local catalogue: {}"),
    ("synthetic.reviews", "a synthetic month of reviews: {organisation, catalogue, month, seed, rates?}"),
    ("synthetic.month", "a synthetic organisation and month, validated and counted: {scale, seed, month, catalogue}"),
    ("reviews.tally", "counts over reviews: {catalogue, reviews}"),
    (
        "reviews.from_long_csv",
        "reviews from a long table (member, month, item, assessor, finding): {catalogue, organisation, csv, status?}",
    ),
    (
        "evaluation.review",
        "one review evaluated on its own, with its fingerprint: {catalogue, organisation, review, policy?}",
    ),
    (
        "evaluation.outlook",
        "whether an incomplete review's verdict is decided: {catalogue, organisation, review, policy?}",
    ),
    (
        "evaluation.preview",
        "a form's preview: evaluation, outlook, findings by field: {catalogue, organisation, review, policy?}",
    ),
    (
        "evaluation.verify",
        "whether a fingerprint is the one this evaluation gives: {catalogue, organisation, review, fingerprint, policy?}",
    ),
    ("policy.default", "the embedded default evaluation policy"),
    ("policy.validate", "findings about a policy: {policy}"),
    ("policy.check_versions", "findings about several versions of policies together: {policies}"),
    ("scenario.run", "evaluate a scenario and check its expectations: {scenario}"),
    ("discipline.allowed", "the discipline forms a subject can receive: {subject}"),
    ("discipline.limitation", "when discipline becomes time-barred: {form, violations, on?, policy?}"),
    ("report.build", "a scenario's report over a period, for a unit: {scenario, period?, scope?}"),
    ("report.merge", "partial reports merged (disjoint coverage): {reports}"),
    ("report.lift", "a unit's report as a row of its parent: {report, parent: {unit, name, kind, org_type}}"),
    ("report.seal", "a report without its member-level detail: {report}"),
    ("report.compare", "figure by figure against an earlier report: {current, previous}"),
    (
        "report.render",
        "a report through templates: {report?, templates?, catalogue?, period?, comparisons?, rollups?, format?} (report, rollups or both)",
    ),
    ("report.templates", "the embedded default report templates"),
    ("report.templates.validate", "findings about report templates: {templates}"),
    ("publication.notice_board", "a unit's notice board for a month: {scenario, month, unit}"),
    ("publication.radio_list", "the radio list for a month: {scenario, month, top?}"),
    ("visibility.redact", "an output cut down to what a viewer may see: {organisation, viewer, kind, value}"),
    (
        "synthetic.year_reports",
        "a synthetic unit's year: monthly, quarterly, yearly totals: {seed, year, scope?, catalogue?}",
    ),
];

/// Every operation [`call`] accepts, with a one-line description each: [`OPERATIONS`] and those on
/// the committee office's other records.
pub fn operations() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    OPERATIONS
        .iter()
        .chain(meeting::OPERATIONS)
        .chain(petition::OPERATIONS)
        .chain(dialogue::OPERATIONS)
        .chain(household::OPERATIONS)
        .chain(accountability::OPERATIONS)
        .chain(emulation::OPERATIONS)
        .chain(target::OPERATIONS)
        .chain(rating::OPERATIONS)
}

/// Runs one operation on a JSON input and returns the JSON answer: `{"ok": result}` on success,
/// `{"error": {"code", "message_en", "message_vi", "location"?, "issues"?}}` on failure (`issues`
/// for a document refused because of its findings, `invalid_document`).
pub fn call(op: &str, input: Value) -> Value {
    match dispatch(op, input) {
        Ok(value) => json!({ "ok": value }),
        Err(error) => json!({ "error": error_json(&error) }),
    }
}

/// The JSON form of an error, as [`call`] returns it.
pub fn error_json(error: &Error) -> Value {
    let mut out = json!({
        "code": error.code(),
        "message_en": error.message_en(),
        "message_vi": error.message_vi(),
    });
    if let (Some(location), Some(map)) = (error.location(), out.as_object_mut()) {
        map.insert("location".into(), serde_json::to_value(location).unwrap_or(Value::Null));
    }
    if let (false, Some(map)) = (error.issues().is_empty(), out.as_object_mut()) {
        map.insert("issues".into(), serde_json::to_value(error.issues()).unwrap_or(Value::Null));
    }
    out
}

/// Catalogues, organisations and reviews.
fn dispatch(op: &str, input: Value) -> Result<Value, Error> {
    let input = Input::new(input)?;
    match op {
        "catalogue.central_2020" => to_value(&Catalogue::central_2020()?),
        "catalogue.validate" => {
            let catalogue = input.catalogue("catalogue")?;
            let refined = input.optional_catalogue("refined")?;
            issues(&catalogue.validate(refined.as_ref()))
        }
        "catalogue.summary" => {
            let catalogue = input.catalogue("catalogue")?;
            let [manifestation, exemplary, prohibition] = catalogue.counts();
            let [verbatim, partial, label] = catalogue.wording_counts();
            Ok(json!({
                "id": catalogue.id,
                "version": catalogue.version,
                "origin": catalogue.origin,
                "items": {"manifestation": manifestation, "exemplary": exemplary, "prohibition": prohibition},
                "wording": {"verbatim": verbatim, "partial": partial, "label": label},
            }))
        }
        "catalogue.from_csv" => {
            let header = input.string("header")?;
            let csv = input.string("csv")?;
            let (catalogue, found) = Catalogue::from_csv(&header, &csv)?;
            Ok(json!({ "catalogue": to_value(&catalogue)?, "issues": issues(&found)? }))
        }
        "catalogue.check_versions" => {
            let list = input.field("catalogues")?;
            let catalogues = match list {
                Value::Array(items) => items.into_iter().map(catalogue_from).collect::<Result<Vec<_>, _>>()?,
                _ => return Err(argument("catalogues", "must be a list", "phải là một danh sách")),
            };
            issues(&crate::catalogue::check_versions(&catalogues))
        }
        "organisation.validate" => issues(&input.organisation()?.validate()),
        "organisation.summary" => Ok(organisation_summary(&input.organisation()?)),
        "reviews.validate" => {
            let catalogue = input.catalogue("catalogue")?;
            let org = input.organisation()?;
            let batch = ReviewBatch::from_value(input.field("reviews")?)?;
            issues(&batch.validate(&catalogue, &org))
        }
        _ => dispatch_more(op, &input),
    }
}

/// Periods and synthetic data (split from [`dispatch`] to keep each function on a screen).
fn dispatch_more(op: &str, input: &Input) -> Result<Value, Error> {
    match op {
        "period.parse" => {
            let text = input.string("period")?;
            let period: Period = text.parse()?;
            let kind = match period {
                Period::Month(_) => "month",
                Period::Quarter(_) => "quarter",
                Period::Year(_) => "year",
                Period::Term(_) => "term",
            };
            Ok(json!({
                "period": period.to_string(),
                "kind": kind,
                "first_month": period.first_month().to_string(),
                "last_month": period.last_month().to_string(),
                "months": period.months().count(),
                "previous": period.previous().to_string(),
                "year_before": period.year_before().to_string(),
            }))
        }
        "synthetic.organisation" => {
            let scale: Scale = input.string("scale")?.parse()?;
            let seed = input.seed()?;
            to_value(&crate::synthetic::organisation(scale, seed))
        }
        "synthetic.records" => synthetic_records(input),
        "synthetic.catalogue" => to_value(&crate::synthetic::local_catalogue(&Catalogue::central_2020()?)),
        "synthetic.reviews" => {
            let catalogue = input.catalogue("catalogue")?;
            let org = input.organisation()?;
            let month: Month = input.string("month")?.parse()?;
            let seed = input.seed()?;
            let rates = match input.optional_field("rates") {
                Some(value) => crate::json::from_value("request", value)?,
                None => Rates::default(),
            };
            to_value(&crate::synthetic::reviews(&org, &catalogue, month, seed, rates))
        }
        "synthetic.month" => {
            let scale: Scale = input.string("scale")?.parse()?;
            let seed = input.seed()?;
            let month: Month = input.string("month")?.parse()?;
            let catalogue = input.catalogue("catalogue")?;
            let org = crate::synthetic::organisation(scale, seed);
            let batch = crate::synthetic::reviews(&org, &catalogue, month, seed, Rates::default());
            let central = Catalogue::central_2020()?;
            let refined = catalogue.refines.as_ref().filter(|r| **r == central.reference()).map(|_| &central);
            Ok(json!({
                "organisation": organisation_summary(&org),
                "organisation_issues": issues(&org.validate())?,
                "catalogue_issues": issues(&catalogue.validate(refined))?,
                "reviews": to_value(&batch.tally(&catalogue))?,
                "review_issues": issues(&batch.validate(&catalogue, &org))?,
            }))
        }
        "reviews.from_long_csv" => {
            let catalogue = input.catalogue("catalogue")?;
            let org = input.organisation()?;
            let status = match input.optional_string("status")?.as_deref() {
                None | Some("final") => crate::ReviewStatus::Final,
                Some("draft") => crate::ReviewStatus::Draft,
                Some(other) => {
                    return Err(Error::Parse {
                        input: other.chars().take(60).collect(),
                        expected: "a status: final or draft",
                        expected_vi: "một trạng thái: final hoặc draft",
                    });
                }
            };
            to_value(&ReviewBatch::from_long_csv(&input.string("csv")?, &catalogue, &org.index(), status)?)
        }
        "evaluation.review" | "evaluation.outlook" | "evaluation.preview" | "evaluation.verify" => {
            let catalogue = input.catalogue("catalogue")?;
            let org = input.organisation()?;
            let policy = match input.optional_field("policy") {
                Some(_) => input.policy("policy")?,
                None => Policy::default_2020()?,
            };
            let review: crate::MonthlyReview = crate::json::nested("request", "review", input.field("review")?)?;
            let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
            match op {
                "evaluation.outlook" => to_value(&evaluator.outlook(&review)?),
                "evaluation.preview" => to_value(&evaluator.preview(&review)?),
                "evaluation.verify" => {
                    let claimed = input.string("fingerprint")?;
                    let fingerprint = evaluator.evaluate_review(&review)?.fingerprint;
                    to_value(&json!({ "matches": claimed == fingerprint, "fingerprint": fingerprint }))
                }
                _ => to_value(&evaluator.evaluate_review(&review)?),
            }
        }
        "reviews.tally" => {
            let catalogue = input.catalogue("catalogue")?;
            let batch = ReviewBatch::from_value(input.field("reviews")?)?;
            to_value(&batch.tally(&catalogue))
        }
        _ => dispatch_evaluation(op, input),
    }
}

/// Policies, scenarios and discipline.
fn dispatch_evaluation(op: &str, input: &Input) -> Result<Value, Error> {
    match op {
        "policy.default" => to_value(&Policy::default_2020()?),
        "policy.validate" => issues(&input.policy("policy")?.validate()),
        "policy.check_versions" => {
            let policies = match input.field("policies")? {
                Value::Array(items) => items.into_iter().map(Policy::from_value).collect::<Result<Vec<_>, _>>()?,
                _ => return Err(argument("policies", "must be a list", "phải là một danh sách")),
            };
            issues(&crate::policy::check_versions(&policies))
        }
        "scenario.run" => to_value(&Scenario::from_value(input.field("scenario")?)?.run()?),
        "discipline.allowed" => {
            let subject: Subject = crate::json::nested("request", "subject", input.field("subject")?)?;
            to_value(DisciplineForm::allowed_for(subject))
        }
        "discipline.limitation" => {
            let form: DisciplineForm = crate::json::nested("request", "form", input.field("form")?)?;
            let violations: Vec<chrono::NaiveDate> =
                crate::json::nested("request", "violations", input.field("violations")?)?;
            let policy = match input.optional_field("policy") {
                Some(_) => input.policy("policy")?,
                None => Policy::default_2020()?,
            };
            let expiry = crate::discipline::limitation_expiry(form, &violations, &policy.limitation)?;
            let mut out = json!({ "expiry": to_value(&expiry)? });
            if let (Some(on), Some(map)) = (input.optional_field("on"), out.as_object_mut()) {
                let on: chrono::NaiveDate = crate::json::nested("request", "on", on)?;
                let barred = crate::discipline::is_time_barred(form, &violations, &policy.limitation, on)?;
                map.insert("time_barred".into(), Value::Bool(barred));
            }
            Ok(out)
        }
        _ => dispatch_reports(op, input),
    }
}

/// Reports, publication and visibility.
fn dispatch_reports(op: &str, input: &Input) -> Result<Value, Error> {
    match op {
        "report.build" => {
            let scenario = Scenario::from_value(input.field("scenario")?)?;
            let period = input.optional_string("period")?.map(|p| p.parse::<Period>()).transpose()?;
            let scope = input.optional_string("scope")?;
            scenario.with_evaluation(|e| to_value(&e.report(period, scope.as_deref())?))
        }
        "report.merge" => {
            let reports = input.reports("reports")?;
            match Report::merge_all(&reports)? {
                Some(merged) => to_value(&merged),
                None => Err(argument("reports", "must not be empty", "không được để trống")),
            }
        }
        "report.lift" => {
            let report = Report::from_value(input.field("report")?)?;
            let parent: UnitLabel = crate::json::nested("request", "parent", input.field("parent")?)?;
            to_value(&report.lift(parent)?)
        }
        "report.seal" => to_value(&Report::from_value(input.field("report")?)?.seal()),
        "report.compare" => {
            let current = Report::from_value(input.field("current")?)?;
            let previous = Report::from_value(input.field("previous")?)?;
            to_value(&crate::report::compare(&current, &previous))
        }
        "report.render" => render(input),
        "report.templates" => to_value(&Templates::default_2020()?),
        "report.templates.validate" => issues(&Templates::from_value(input.field("templates")?)?.validate()),
        "publication.notice_board" => {
            let scenario = Scenario::from_value(input.field("scenario")?)?;
            let month: Month = input.string("month")?.parse()?;
            let unit = input.string("unit")?;
            scenario
                .with_evaluation(|e| to_value(&crate::publication::notice_board(e.evaluator, e.month(month)?, &unit)?))
        }
        "publication.radio_list" => {
            let scenario = Scenario::from_value(input.field("scenario")?)?;
            let month: Month = input.string("month")?.parse()?;
            let top = input.optional_string("top")?;
            scenario.with_evaluation(|e| {
                to_value(&crate::publication::radio_list(e.evaluator, e.month(month)?, top.as_deref())?)
            })
        }
        "visibility.redact" => redact(input),
        "synthetic.year_reports" => year_reports(input),
        _ => dispatch_office(op, input),
    }
}

/// The committee office's other records: meetings, petitions, dialogues, households,
/// accountability, emulation, term targets and quality ratings (one module per area).
fn dispatch_office(op: &str, input: &Input) -> Result<Value, Error> {
    let answer = meeting::dispatch(op, input)
        .or_else(|| petition::dispatch(op, input))
        .or_else(|| dialogue::dispatch(op, input))
        .or_else(|| household::dispatch(op, input))
        .or_else(|| accountability::dispatch(op, input))
        .or_else(|| emulation::dispatch(op, input))
        .or_else(|| target::dispatch(op, input))
        .or_else(|| rating::dispatch(op, input));
    match answer {
        Some(answer) => answer,
        None => Err(Error::Unknown { what: "operation", what_vi: "thao tác", name: op.chars().take(60).collect() }),
    }
}

/// `report.render`: a report through templates, as a document or as CSV, Markdown or HTML text;
/// without `report`, the office areas' `rollups` only.
fn render(input: &Input) -> Result<Value, Error> {
    let report = input.optional_field("report").map(Report::from_value).transpose()?;
    let templates = match input.optional_field("templates") {
        Some(value) => Templates::from_value(value)?,
        None => Templates::default_2020()?,
    };
    let catalogue = input.optional_catalogue("catalogue")?;
    let mut options = crate::report::RenderOptions {
        catalogue: catalogue.as_ref(),
        period: input.optional_string("period")?.map(|p| p.parse()).transpose()?,
        ..Default::default()
    };
    if let Some(list) = input.optional_field("comparisons") {
        let Value::Array(items) = list else {
            return Err(argument("comparisons", "must be a list", "phải là một danh sách"));
        };
        for item in items {
            let label: crate::Text =
                crate::json::nested("request", "comparisons.label", item.get("label").cloned().unwrap_or(Value::Null))?;
            let earlier = Report::from_value(item.get("report").cloned().unwrap_or(Value::Null))?;
            let Some(report) = &report else {
                return Err(argument("comparisons", "need a `report` to compare", "cần `report` để so sánh"));
            };
            options.comparisons.push((label, crate::report::compare(report, &earlier)));
        }
    }
    if let Some(rollups) = input.optional_field("rollups") {
        options.office = crate::report::OfficeFigures::from_rollups(rollups)?;
    }
    crate::report::check_scopes(report.as_ref(), &options)?;
    let document = match &report {
        Some(report) => crate::report::render(report, &templates, &options),
        None if !options.office.is_empty() => crate::report::render_office(&templates, &options),
        None => {
            return Err(argument(
                "report",
                "is required unless `rollups` are given",
                "là bắt buộc nếu không có `rollups`",
            ));
        }
    };
    match input.optional_string("format")?.as_deref().unwrap_or("document") {
        "document" => to_value(&document),
        "csv" => Ok(Value::String(crate::report::to_csv(&document))),
        "markdown" => Ok(Value::String(crate::report::to_markdown(&document))),
        "html" => Ok(Value::String(crate::report::to_html(&document))),
        other => Err(Error::Parse {
            input: other.chars().take(60).collect(),
            expected: "a format: document, csv, markdown or html",
            expected_vi: "một định dạng: document, csv, markdown hoặc html",
        }),
    }
}

/// `visibility.redact`: any output cut down to what a viewer may see (`null`: nothing).
fn redact(input: &Input) -> Result<Value, Error> {
    use crate::visibility::redact as cut;
    let viewer = crate::visibility::Viewer::from_value(input.field("viewer")?)?;
    let org = input.organisation()?;
    let index = org.index();
    let value = input.field("value")?;
    let kind = input.string("kind")?;
    let redacted = match kind.as_str() {
        "member_result" => to_value(&cut(&from::<crate::MemberResult>(value)?, &viewer, &index))?,
        "month_result" => to_value(&cut(&from::<crate::MonthResult>(value)?, &viewer, &index))?,
        "cases" => to_value(&cut(&from::<Vec<crate::Case>>(value)?, &viewer, &index))?,
        "report" => to_value(&cut(&Report::from_value(value)?, &viewer, &index))?,
        "notice_board" => to_value(&cut(&from::<crate::publication::NoticeBoard>(value)?, &viewer, &index))?,
        "radio_list" => to_value(&cut(&from::<crate::publication::RadioList>(value)?, &viewer, &index))?,
        other => {
            return Err(Error::Parse {
                input: other.chars().take(60).collect(),
                expected: "a kind: member_result, month_result, cases, report, notice_board or radio_list",
                expected_vi: "một loại: member_result, month_result, cases, report, notice_board hoặc radio_list",
            });
        }
    };
    Ok(redacted)
}

pub(crate) fn from<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Error> {
    crate::json::nested("request", "value", value)
}

/// `synthetic.year_reports`: a year of a synthetic district unit (the unit `scope` and what is
/// under it), evaluated month by month; the monthly reports, the quarters and the year merged from
/// them — each checked equal to the same period built at once — as sealed totals.
fn year_reports(input: &Input) -> Result<Value, Error> {
    let seed = input.seed()?;
    let year: i32 = input
        .string("year")?
        .parse::<Period>()
        .ok()
        .and_then(|p| match p {
            Period::Year(y) => Some(y),
            _ => None,
        })
        .ok_or_else(|| argument("year", "must be a year like 2020", "phải là một năm, ví dụ 2020"))?;
    let catalogue = match input.optional_field("catalogue") {
        Some(value) => catalogue_from(value)?,
        None => embedded_catalogue("synthetic-local")?,
    };
    let district = crate::synthetic::organisation(Scale::District, seed);
    let org = match input.optional_string("scope")? {
        Some(unit) => district.subtree(&unit)?,
        None => district,
    };
    let policy = Policy::default_2020()?;
    let evaluator = crate::Evaluator::new(&catalogue, &policy, &org)?;
    let (first, last) = (Period::Year(year).first_month(), Period::Year(year).last_month());
    let mut history = crate::History::default();
    for month in first.through(last) {
        history.reviews.extend(crate::synthetic::reviews(&org, &catalogue, month, seed, Rates::default()).reviews);
    }
    let mut ledger = crate::Ledger::new();
    let months = evaluator.replay(&mut ledger, &history, first, last, None)?;
    let build = |slice: &[crate::MonthResult]| Report::build(&evaluator, slice, &ledger, &history, None);
    let monthly = months.iter().map(|m| build(std::slice::from_ref(m))).collect::<Result<Vec<_>, _>>()?;
    let mut out = serde_json::Map::new();
    let mut quarters = Vec::new();
    for (q, chunk) in monthly.chunks(3).enumerate() {
        let merged = Report::merge_all(chunk)?.ok_or_else(|| argument("year", "has no months", "không có tháng"))?;
        let at_once = build(months.get(q * 3..q * 3 + 3).unwrap_or_default())?;
        if merged != at_once {
            return Err(argument(
                "year",
                "a quarter merged from its months differs from the quarter built at once",
                "quý gộp từ các tháng khác quý tính một lần",
            ));
        }
        quarters.push(merged);
    }
    let year_report =
        Report::merge_all(&quarters)?.ok_or_else(|| argument("year", "has no months", "không có tháng"))?;
    if year_report != build(&months)? {
        return Err(argument(
            "year",
            "the year merged from its quarters differs from the year built at once",
            "năm gộp từ các quý khác năm tính một lần",
        ));
    }
    let figures = |r: &Report| to_value(&r.seal().total.figures());
    for (m, report) in months.iter().zip(&monthly) {
        out.insert(m.month.to_string(), figures(report)?);
    }
    for (q, report) in quarters.iter().enumerate() {
        out.insert(format!("{year}-Q{}", q + 1), figures(report)?);
    }
    out.insert(year.to_string(), figures(&year_report)?);
    Ok(json!({ "members": org.members.len(), "units": org.units.len(), "reports": out }))
}

/// `synthetic.records`: an area's records for the synthetic organisation of `scale` and `seed`
/// over `period` (the same seed gives the same records).
fn synthetic_records(input: &Input) -> Result<Value, Error> {
    let scale: Scale = input.string("scale")?.parse()?;
    let seed = input.seed()?;
    let period: Period = input.string("period")?.parse()?;
    let org = crate::synthetic::organisation(scale, seed);
    match input.string("area")?.as_str() {
        "meeting" => to_value(&crate::synthetic::meeting::generate(&org, period, seed)),
        "petition" => to_value(&crate::synthetic::petition::generate(&org, period, seed)),
        "dialogue" => to_value(&crate::synthetic::dialogue::generate(&org, period, seed)),
        "rating" => to_value(&crate::synthetic::rating::inputs(&org, period, seed)),
        "household" => to_value(&crate::synthetic::household::generate(&org, period.last_month(), seed)),
        "accountability" => to_value(&crate::synthetic::accountability::generate(&org, period.last_month(), seed)),
        "emulation" => to_value(&crate::synthetic::emulation::generate(&org, period.last_month().year(), seed)),
        other => Err(Error::Unknown { what: "area", what_vi: "lĩnh vực", name: other.chars().take(60).collect() }),
    }
}

/// `<area>.merge`: the roll-ups at `reports` merged (disjoint coverage), for any area's tally.
pub(crate) fn merge_rollups<T>(input: &Input, document: &'static str) -> Result<Value, Error>
where
    T: crate::report::Tally + serde::Serialize + serde::de::DeserializeOwned,
{
    let reports: Vec<crate::report::Rollup<T>> = crate::json::nested(document, "reports", input.field("reports")?)?;
    match crate::report::Rollup::merge_all(&reports)? {
        Some(merged) => to_value(&merged),
        None => Err(argument("reports", "must not be empty", "không được để trống")),
    }
}

/// The request's input object, read field by field with located errors.
pub(crate) struct Input(serde_json::Map<String, Value>);

impl Input {
    fn new(value: Value) -> Result<Input, Error> {
        match value {
            Value::Object(map) => Ok(Input(map)),
            Value::Null => Ok(Input(serde_json::Map::new())),
            _ => Err(argument("input", "must be an object", "phải là một đối tượng")),
        }
    }

    pub(crate) fn optional_field(&self, name: &str) -> Option<Value> {
        self.0.get(name).filter(|v| !v.is_null()).cloned()
    }

    pub(crate) fn field(&self, name: &'static str) -> Result<Value, Error> {
        self.optional_field(name).ok_or_else(|| argument(name, "is required", "là bắt buộc"))
    }

    pub(crate) fn string(&self, name: &'static str) -> Result<String, Error> {
        match self.field(name)? {
            Value::String(s) => Ok(crate::nfc(&s).into_owned()),
            _ => Err(argument(name, "must be a string", "phải là một chuỗi")),
        }
    }

    pub(crate) fn optional_string(&self, name: &'static str) -> Result<Option<String>, Error> {
        match self.optional_field(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(crate::nfc(&s).into_owned())),
            Some(_) => Err(argument(name, "must be a string", "phải là một chuỗi")),
        }
    }

    fn reports(&self, name: &'static str) -> Result<Vec<Report>, Error> {
        match self.field(name)? {
            Value::Array(items) => items.into_iter().map(Report::from_value).collect(),
            _ => Err(argument(name, "must be a list", "phải là một danh sách")),
        }
    }

    pub(crate) fn seed(&self) -> Result<u64, Error> {
        match self.field("seed")? {
            Value::Number(n) => n.as_u64().ok_or_else(|| {
                argument("seed", "must be a whole number from 0 to 2^64-1", "phải là số nguyên từ 0 đến 2^64-1")
            }),
            _ => Err(argument("seed", "must be a number", "phải là một số")),
        }
    }

    pub(crate) fn catalogue(&self, name: &'static str) -> Result<Catalogue, Error> {
        catalogue_from(self.field(name)?)
    }

    pub(crate) fn optional_catalogue(&self, name: &'static str) -> Result<Option<Catalogue>, Error> {
        self.optional_field(name).map(catalogue_from).transpose()
    }

    pub(crate) fn policy(&self, name: &'static str) -> Result<Policy, Error> {
        crate::scenario::resolve_policy(name, &self.field(name)?)
    }

    pub(crate) fn organisation(&self) -> Result<Organisation, Error> {
        Organisation::from_value(self.field("organisation")?)
    }
}

fn organisation_summary(org: &Organisation) -> Value {
    let count = |kind| org.units.iter().filter(|u| u.kind == kind).count();
    json!({
        "id": org.id,
        "units": {
            "committee": count(crate::UnitKind::Committee),
            "cell": count(crate::UnitKind::Cell),
            "group": count(crate::UnitKind::Group),
        },
        "members": org.members.len(),
    })
}

fn catalogue_from(value: Value) -> Result<Catalogue, Error> {
    match value {
        Value::String(id) => embedded_catalogue(&id),
        other => Catalogue::from_value(other),
    }
}

/// An embedded catalogue by id: `central-2020` or `synthetic-local`.
pub(crate) fn embedded_catalogue(id: &str) -> Result<Catalogue, Error> {
    match id {
        "central-2020" => Catalogue::central_2020(),
        "synthetic-local" => Ok(crate::synthetic::local_catalogue(&Catalogue::central_2020()?)),
        _ => Err(Error::Unknown { what: "catalogue", what_vi: "danh mục", name: id.chars().take(60).collect() }),
    }
}

pub(crate) fn issues(found: &[Issue]) -> Result<Value, Error> {
    to_value(found)
}

pub(crate) fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Argument {
        name: "output",
        detail: e.to_string(),
        detail_vi: e.to_string(),
    })
}

pub(crate) fn argument(name: &'static str, en: &str, vi: &str) -> Error {
    Error::Argument { name, detail: en.to_owned(), detail_vi: vi.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_operation() {
        let answer = call("nope", json!({}));
        assert_eq!(answer["error"]["code"], "unknown_name");
        assert_eq!(answer["error"]["message_en"], "unknown operation `nope`");
        assert_eq!(answer["error"]["message_vi"], "không có thao tác `nope`");
    }

    #[test]
    fn input_must_be_an_object() {
        let answer = call("period.parse", json!([1]));
        assert_eq!(answer["error"]["code"], "invalid_argument");
        let answer = call("period.parse", json!({}));
        assert_eq!(answer["error"]["message_en"], "invalid argument `period`: is required");
    }

    #[test]
    fn every_operation_is_listed_and_answers() {
        for (op, _) in operations() {
            let answer = call(op, json!({}));
            let code = answer.pointer("/error/code").and_then(Value::as_str).unwrap_or("");
            assert_ne!(code, "unknown_name", "{op} is listed but not dispatched");
        }
    }
}
