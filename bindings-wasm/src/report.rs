//! Reports, publication lists and visibility: thin wrappers over the core's JSON api
//! (`report.*`, `publication.*`, `visibility.redact`, `synthetic.year_reports`). Each converts its
//! JS arguments into the operation's input and returns the answer's `ok` value, or throws its
//! `error` as a `SoisuaError` (`report_overlap`, `report_scope_mismatch` and `report_sealed` for
//! reports that cannot be combined).

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::OrThrow;
use crate::api::answer;
use crate::error::argument;
use crate::value;
use crate::value::object;

/// The input of an operation, built field by field; an absent (`undefined` or `null`) optional
/// argument is left out.
struct Input(Map<String, Value>);

impl Input {
    fn new() -> Self {
        Input(Map::new())
    }

    fn with(mut self, name: &str, value: Value) -> Self {
        self.0.insert(name.to_owned(), value);
        self
    }

    fn maybe(self, name: &str, value: Option<Value>) -> Self {
        match value {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    fn run(self, op: &str) -> Result<JsValue, JsValue> {
        answer(op, Value::Object(self.0))
    }
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// An optional argument: `None` when absent (`undefined` or `null`), else converted by `convert`.
fn optional(
    value: Option<JsValue>,
    convert: impl FnOnce(&JsValue) -> Result<Value, JsValue>,
) -> Result<Option<Value>, JsValue> {
    match value {
        Some(value) if !absent(&value) => convert(&value).map(Some),
        _ => Ok(None),
    }
}

fn text(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    value::text(name, value).map(Value::String).or_throw()
}

/// A document: a plain object, or its JSON text (as `runScenario` takes a scenario).
fn document(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    match value.as_string() {
        Some(text) => parse(name, &text),
        None => object(name, value),
    }
}

fn parse(name: &'static str, text: &str) -> Result<Value, JsValue> {
    serde_json::from_str(text).map_err(|e| {
        crate::error::to_js(&soisua::Error::Json {
            document: "request",
            location: soisua::Location {
                path: soisua::Path::root().key(name),
                line: Some(e.line() as u64),
                column: Some(e.column() as u64),
            },
            detail: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
        })
    })
}

/// A list argument (an array) of JSON values.
fn list(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(crate::error::to_js(&argument(name, "must be an array", "phải là một mảng")));
    }
    value::json(name, value).or_throw()
}

/// A catalogue: a `Catalogue`, a plain object of the wire shape, or the id of an embedded
/// catalogue (`central-2020`, `synthetic-local`).
fn catalogue(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    if value.is_string() {
        return text(name, value);
    }
    match value::own_json(name, value).or_throw()? {
        Some(json) => parse(name, &json),
        None => object(name, value),
    }
}

/// An organisation: an `Organisation`, a plain object of the wire shape, or its JSON text.
fn organisation(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    if value.is_string() {
        return document(name, value);
    }
    match value::own_json(name, value).or_throw()? {
        Some(json) => parse(name, &json),
        None => object(name, value),
    }
}

/// A year: a whole number (`2020`) or its text (`"2020"`).
fn year(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    match value.as_f64() {
        Some(number) => match value::json(name, value).or_throw()? {
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Value::String(n.to_string())),
            _ => Err(crate::error::to_js(&argument(
                name,
                &format!("must be a year like 2020, not {number}"),
                &format!("phải là một năm, ví dụ 2020, không phải {number}"),
            ))),
        },
        None => text(name, value),
    }
}

/// The report of a scenario (a plain object, or its JSON text) over a period (`2020-09`,
/// `2020-Q3`, `2020`, `2020-2025`; all its months without one), for a unit and what is under it
/// (the whole organisation without one): totals, a row per unit directly under it, a breakdown by
/// type of organisation, and the member-level detail that makes reports mergeable.
///
/// ```js
/// const report = buildReport(scenario, "2020-Q3");
/// report.total.distinct.evaluated <= report.total.member_months.evaluated;   // true
/// ```
#[wasm_bindgen(js_name = buildReport, unchecked_return_type = "Report")]
pub fn build_report(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject | string")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] period: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("scenario", document("scenario", scenario)?)
        .maybe("period", optional(period, |v| text("period", v))?)
        .maybe("scope", optional(scope, |v| text("scope", v))?)
        .run("report.build")
}

/// Reports of disjoint coverage merged into one. Throws `report_overlap` when two cover the same
/// unit-month, `report_scope_mismatch` for different scopes (lift a unit's report first),
/// `report_sealed` for a sealed report.
#[wasm_bindgen(js_name = mergeReports, unchecked_return_type = "Report")]
pub fn merge_reports(#[wasm_bindgen(unchecked_param_type = "Report[]")] reports: &JsValue) -> Result<JsValue, JsValue> {
    Input::new().with("reports", list("reports", reports)?).run("report.merge")
}

/// A unit's report as a row of its parent, ready to merge with its sibling units' reports.
#[wasm_bindgen(js_name = liftReport, unchecked_return_type = "Report")]
pub fn lift_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "UnitLabel")] parent: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("report", document("report", report)?)
        .with("parent", document("parent", parent)?)
        .run("report.lift")
}

/// A report without its member-level detail: its numbers only, no longer mergeable.
#[wasm_bindgen(js_name = sealReport, unchecked_return_type = "Report")]
pub fn seal_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new().with("report", document("report", report)?).run("report.seal")
}

/// Every figure of a report's total against an earlier report's: current, previous and change.
#[wasm_bindgen(js_name = compareReports, unchecked_return_type = "ReportComparison")]
pub fn compare_reports(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] current: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Report | string")] previous: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("current", document("current", current)?)
        .with("previous", document("previous", previous)?)
        .run("report.compare")
}

/// A report through templates (the embedded defaults without them): a document of labelled
/// tables (`format: "document"`, the default) or its text as `"csv"`, `"markdown"` or `"html"`.
/// `catalogue` (a `Catalogue`, a plain object or an embedded id) labels the items, `period` names
/// the period, `comparisons` (`[{label: {vi, en}, report}]`) add columns of changes, and
/// `rollups` (`{meeting, petition, …}`, each office area's roll-up) fill the templates' sections
/// of those areas; with `report` null, only they are rendered. An unknown option is refused
/// (`invalid_argument`).
///
/// ```js
/// renderReport(report, { format: "csv" }).split("\n")[0];   // "section,section_vi,…,value"
/// ```
#[wasm_bindgen(js_name = renderReport, unchecked_return_type = "RenderedReport | string")]
pub fn render_report(
    #[wasm_bindgen(unchecked_param_type = "Report | string | null")] report: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let mut input = Input::new();
    if !absent(report) {
        input = input.with("report", document("report", report)?);
    }
    if let Some(options) = options.filter(|o| !absent(o)) {
        if !options.is_object() || js_sys::Array::is_array(&options) {
            return Err(crate::error::to_js(&argument("options", "must be an object", "phải là một đối tượng")));
        }
        for (key, item) in value::entries("options", &options).or_throw()? {
            if item.is_null() {
                continue;
            }
            let converted = match key.as_str() {
                "format" => text("format", &item)?,
                "period" => text("period", &item)?,
                "templates" => document("templates", &item)?,
                "catalogue" => catalogue("catalogue", &item)?,
                "comparisons" => list("comparisons", &item)?,
                "rollups" => document("rollups", &item)?,
                other => {
                    let shown: String = other.chars().take(60).collect();
                    return Err(crate::error::to_js(&argument(
                        "options",
                        &format!(
                            "has an unknown option `{shown}` (format, templates, catalogue, period, comparisons, rollups)"
                        ),
                        &format!(
                            "có tùy chọn không biết `{shown}` (format, templates, catalogue, period, comparisons, rollups)"
                        ),
                    )));
                }
            };
            input = input.with(&key, converted);
        }
    }
    input.run("report.render")
}

/// The embedded default report templates, as a plain object.
#[wasm_bindgen(js_name = defaultReportTemplates, unchecked_return_type = "ReportTemplates")]
pub fn default_report_templates() -> Result<JsValue, JsValue> {
    Input::new().run("report.templates")
}

/// The findings about report templates (a plain object, or its JSON text).
#[wasm_bindgen(js_name = validateReportTemplates, unchecked_return_type = "Finding[]")]
pub fn validate_report_templates(
    #[wasm_bindgen(unchecked_param_type = "ReportTemplates | string")] templates: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new().with("templates", document("templates", templates)?).run("report.templates.validate")
}

/// A unit's notice board for a month of a scenario: every member of the unit evaluated that month,
/// with the verdict and a status per group of content.
#[wasm_bindgen(js_name = noticeBoard, unchecked_return_type = "NoticeBoard")]
pub fn notice_board(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject | string")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] unit: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("scenario", document("scenario", scenario)?)
        .with("month", text("month", month)?)
        .with("unit", text("unit", unit)?)
        .run("publication.notice_board")
}

/// The radio list for a month of a scenario: members of the top committee (`top`, or the
/// organisation's root), then the secretaries of the units directly under it.
#[wasm_bindgen(js_name = radioList, unchecked_return_type = "RadioList")]
pub fn radio_list(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject | string")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] top: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("scenario", document("scenario", scenario)?)
        .with("month", text("month", month)?)
        .maybe("top", optional(top, |v| text("top", v))?)
        .run("publication.radio_list")
}

/// An output cut down to what a viewer may see, against an organisation (an `Organisation`, a
/// plain object or its JSON text); `null` when the viewer may see none of it. `kind` is what
/// `value` is: `member_result`, `month_result`, `cases`, `report`, `notice_board` or `radio_list`.
///
/// ```js
/// redact(org, { role: "public" }, "report", report);   // null
/// ```
#[wasm_bindgen(unchecked_return_type = "Redacted | null")]
pub fn redact(
    #[wasm_bindgen(unchecked_param_type = "Organisation | OrganisationObject | string")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Viewer | string")] viewer: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RedactKind")] kind: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: &JsValue,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("organisation", self::organisation("organisation", organisation)?)
        .with("viewer", document("viewer", viewer)?)
        .with("kind", text("kind", kind)?)
        .with("value", value::document("value", value).or_throw()?)
        .run("visibility.redact")
}

/// A year of a synthetic district (or of its unit `scope`) evaluated month by month: the sealed
/// totals of each month, quarter and the year, each quarter and the year merged from the months
/// and checked against the same period built at once.
#[wasm_bindgen(js_name = syntheticYearReports, unchecked_return_type = "YearReports")]
pub fn synthetic_year_reports(
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | string")] year: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Catalogue | CatalogueObject | string | null")] catalogue: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    Input::new()
        .with("seed", Value::from(value::seed("seed", seed).or_throw()?))
        .with("year", self::year("year", year)?)
        .maybe("scope", optional(scope, |v| text("scope", v))?)
        .maybe("catalogue", optional(catalogue, |v| self::catalogue("catalogue", v))?)
        .run("synthetic.year_reports")
}
