//! The JSON api (`call`) and the free functions built on it.

use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::OrThrow;
use crate::value::{self, to_js};

/// Runs one operation of the core's JSON api and returns its answer, `{ok: result}` or
/// `{error: {code, message_en, message_vi, location?}}`, exactly as the core gives it. It never
/// throws: a JS value that is not JSON is answered with an `invalid_argument` error.
///
/// ```js
/// call("period.parse", { period: "2020-Q3" }).ok.first_month;   // "2020-07"
/// call("period.parse", { period: "2020-Q5" }).error.code;       // "invalid_value"
/// ```
#[wasm_bindgen(unchecked_return_type = "ApiAnswer")]
pub fn call(
    #[wasm_bindgen(unchecked_param_type = "Operation | (string & {})")] op: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "unknown")] input: Option<JsValue>,
) -> JsValue {
    let answer = value::text("op", op).and_then(|op| {
        let input = value::json("input", &input.unwrap_or(JsValue::UNDEFINED))?;
        Ok(soisua::api::call(&op, input))
    });
    let answer = answer.unwrap_or_else(|error| json!({ "error": soisua::api::error_json(&error) }));
    to_js(&answer).or_else(|error| to_js(&json!({ "error": soisua::api::error_json(&error) }))).unwrap_or(JsValue::NULL)
}

/// Reads a period (`2020-09`, `2020-Q3`, `2020`, `2020-2025`): its kind, first and last months,
/// number of months, the period before and the same period a year before.
///
/// ```js
/// parsePeriod("2020-Q3");   // { period: "2020-Q3", kind: "quarter", first_month: "2020-07", … }
/// ```
#[wasm_bindgen(js_name = parsePeriod, unchecked_return_type = "PeriodInfo")]
pub fn parse_period(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<JsValue, JsValue> {
    let period = value::json("period", text).or_throw()?;
    answer("period.parse", json!({ "period": period }))
}

/// Runs a scenario (a plain object, or its JSON text): verdicts month by month with explanations,
/// the cases at the end, findings about the inputs, what amendments and another policy change,
/// and whether its expectations held — the same report as `soisua evaluate` and Python's
/// `run_scenario`. Throws a `SoisuaError` (`invalid_document` with `issues` for a policy with errors).
///
/// ```js
/// const report = runScenario(scenario);
/// report.months[0].results[0].explanation.vi;   // "Đồng chí …: giúp đỡ vì có biểu hiện TTCT-3, …"
/// ```
#[wasm_bindgen(js_name = runScenario, unchecked_return_type = "ScenarioReport")]
pub fn run_scenario(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject | string")] scenario: &JsValue,
) -> Result<JsValue, JsValue> {
    let scenario = match scenario.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            crate::error::to_js(&soisua::Error::Json {
                document: "scenario",
                location: soisua::Location {
                    path: soisua::Path::root(),
                    line: Some(e.line() as u64),
                    column: Some(e.column() as u64),
                },
                detail: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
            })
        })?,
        None => crate::value::object("scenario", scenario)?,
    };
    answer("scenario.run", json!({ "scenario": scenario }))
}

/// The embedded default evaluation policy, as a plain object.
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "PolicyObject")]
pub fn default_policy() -> Result<JsValue, JsValue> {
    answer("policy.default", json!({}))
}

/// The findings about a policy (a plain object): holes and overlaps in the ladder, values out of range.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "Finding[]")]
pub fn validate_policy(
    #[wasm_bindgen(unchecked_param_type = "PolicyObject")] policy: &JsValue,
) -> Result<JsValue, JsValue> {
    let policy = crate::value::object("policy", policy)?;
    answer("policy.validate", json!({ "policy": policy }))
}

#[derive(Serialize)]
struct Operation {
    name: &'static str,
    description: &'static str,
}

/// The operations `call` accepts, each with a one-line description.
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> Result<JsValue, JsValue> {
    let list: Vec<Operation> =
        soisua::api::operations().map(|&(name, description)| Operation { name, description }).collect();
    to_js(&list).or_throw()
}

/// The `ok` part of an api answer as a JS value, or its `error` part thrown as a `SoisuaError`.
pub(crate) fn answer(op: &str, input: Value) -> Result<JsValue, JsValue> {
    let mut answer = soisua::api::call(op, input);
    if let Some(error) = answer.get("error") {
        return Err(crate::error::from_answer(error));
    }
    let ok = answer.get_mut("ok").map(Value::take).unwrap_or_default();
    to_js(&ok).or_throw()
}
