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

use crate::discipline::{DisciplineForm, Subject};
use crate::scenario::Scenario;
use crate::synthetic::{Rates, Scale};
use crate::{Catalogue, Error, Issue, Month, Organisation, Period, Policy, ReviewBatch};

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
    ("synthetic.catalogue", "the synthetic 82/23/22 local catalogue: {}"),
    ("synthetic.reviews", "a synthetic month of reviews: {organisation, catalogue, month, seed, rates?}"),
    ("synthetic.month", "a synthetic organisation and month, validated and counted: {scale, seed, month, catalogue}"),
    ("reviews.tally", "counts over reviews: {catalogue, reviews}"),
    ("policy.default", "the embedded default evaluation policy"),
    ("policy.validate", "findings about a policy: {policy}"),
    ("policy.check_versions", "findings about several versions of policies together: {policies}"),
    ("scenario.run", "evaluate a scenario and check its expectations: {scenario}"),
    ("discipline.allowed", "the discipline forms a subject can receive: {subject}"),
    ("discipline.limitation", "when discipline becomes time-barred: {form, violations, on?, policy?}"),
];

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
        _ => Err(Error::Unknown { what: "operation", what_vi: "thao tác", name: op.chars().take(60).collect() }),
    }
}

/// The request's input object, read field by field with located errors.
struct Input(serde_json::Map<String, Value>);

impl Input {
    fn new(value: Value) -> Result<Input, Error> {
        match value {
            Value::Object(map) => Ok(Input(map)),
            Value::Null => Ok(Input(serde_json::Map::new())),
            _ => Err(argument("input", "must be an object", "phải là một đối tượng")),
        }
    }

    fn optional_field(&self, name: &str) -> Option<Value> {
        self.0.get(name).filter(|v| !v.is_null()).cloned()
    }

    fn field(&self, name: &'static str) -> Result<Value, Error> {
        self.optional_field(name).ok_or_else(|| argument(name, "is required", "là bắt buộc"))
    }

    fn string(&self, name: &'static str) -> Result<String, Error> {
        match self.field(name)? {
            Value::String(s) => Ok(crate::nfc(&s).into_owned()),
            _ => Err(argument(name, "must be a string", "phải là một chuỗi")),
        }
    }

    fn seed(&self) -> Result<u64, Error> {
        match self.field("seed")? {
            Value::Number(n) => n.as_u64().ok_or_else(|| {
                argument("seed", "must be a whole number from 0 to 2^64-1", "phải là số nguyên từ 0 đến 2^64-1")
            }),
            _ => Err(argument("seed", "must be a number", "phải là một số")),
        }
    }

    fn catalogue(&self, name: &'static str) -> Result<Catalogue, Error> {
        catalogue_from(self.field(name)?)
    }

    fn optional_catalogue(&self, name: &'static str) -> Result<Option<Catalogue>, Error> {
        self.optional_field(name).map(catalogue_from).transpose()
    }

    fn policy(&self, name: &'static str) -> Result<Policy, Error> {
        crate::scenario::resolve_policy(name, &self.field(name)?)
    }

    fn organisation(&self) -> Result<Organisation, Error> {
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

fn issues(found: &[Issue]) -> Result<Value, Error> {
    to_value(found)
}

fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Argument {
        name: "output",
        detail: e.to_string(),
        detail_vi: e.to_string(),
    })
}

fn argument(name: &'static str, en: &str, vi: &str) -> Error {
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
        for (op, _) in OPERATIONS {
            let answer = call(op, json!({}));
            let code = answer.pointer("/error/code").and_then(Value::as_str).unwrap_or("");
            assert_ne!(code, "unknown_name", "{op} is listed but not dispatched");
        }
    }
}
