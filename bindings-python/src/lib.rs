//! The Python binding of soisua: the native module `soisua._native`, re-exported by the pure
//! Python package `soisua` (which also defines the exception classes in `soisua.errors`). Reports,
//! publication lists and visibility are in `reports`, thin wrappers over the core's JSON api.
//!
//! Every function converts its Python arguments, calls the core and converts the result: no
//! domain logic and no defaults live here. Wrong Python types are `InvalidArgumentError`s naming
//! the argument (and the path inside it), never bare `TypeError`s; a panic in the core is caught
//! and raised as `InternalError`, never as pyo3's `PanicException`.

use pyo3::prelude::*;
use serde_json::json;

mod arrow;
mod catalogue;
mod convert;
mod error;
mod evaluation;
mod organisation;
mod register;
mod report;
mod reports;
mod reviews;

use crate::error::{Failure, answer, raise, run};

/// The kind and months of a period (`2020-09`, `2020-Q3`, `2020`, `2020-2025`), as the
/// `period.parse` operation answers.
#[pyfunction]
fn parse_period<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let text = convert::to_string("text", text).map_err(|e| raise(py, e))?;
    let result = run(|| Ok(soisua::api::call("period.parse", json!({ "period": text }))))
        .map_err(|failure| failure.into_py_err(py))?;
    answer(py, &result)
}

/// Runs a scenario (a dict, or its JSON text): verdicts month by month with explanations, the
/// cases at the end, findings about the inputs, what amendments and another policy change, and
/// whether its expectations held. The same report as `soisua evaluate` and the JS `runScenario`.
#[pyfunction]
fn run_scenario<'py>(py: Python<'py>, scenario: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let scenario = convert::to_document("scenario", scenario).map_err(|e| raise(py, e))?;
    let result = py.detach(|| run(|| Ok(soisua::api::call("scenario.run", json!({ "scenario": scenario })))));
    answer(py, &result.map_err(|failure| failure.into_py_err(py))?)
}

/// The embedded default evaluation policy, as a dict.
#[pyfunction]
fn default_policy(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let result = run(|| Ok(soisua::api::call("policy.default", json!({})))).map_err(|f| f.into_py_err(py))?;
    answer(py, &result)
}

/// The findings about a policy (a dict, or its JSON text), as a list of dicts.
#[pyfunction]
fn validate_policy<'py>(py: Python<'py>, policy: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let policy = convert::to_document("policy", policy).map_err(|e| raise(py, e))?;
    let result = run(|| Ok(soisua::api::call("policy.validate", json!({ "policy": policy }))))
        .map_err(|failure| failure.into_py_err(py))?;
    answer(py, &result)
}

/// The core's labels (Vietnamese and English) by code: `verdicts`, `kinds` (of items),
/// `org_types` (the default types of organisation) and `bodies` (supervising bodies), in order.
#[pyfunction]
fn labels(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    use serde_json::{Map, Value};
    let text = |t: soisua::Text| json!({ "vi": t.vi, "en": t.en });
    let verdicts: Map<String, Value> =
        soisua::Verdict::ALL.iter().map(|v| (v.as_str().to_owned(), text(v.label()))).collect();
    let kinds: Map<String, Value> =
        [soisua::ItemKind::Manifestation, soisua::ItemKind::Exemplary, soisua::ItemKind::Prohibition]
            .iter()
            .map(|k| (k.as_str().to_owned(), text(k.label())))
            .collect();
    let org_types: Map<String, Value> =
        soisua::OrgType::defaults().into_iter().map(|t| (t.code, text(t.label))).collect();
    let bodies: Map<String, Value> =
        soisua::evaluation::SupervisingBody::ALL.iter().map(|b| (b.as_str().to_owned(), text(b.label()))).collect();
    convert::to_py(py, &json!({ "verdicts": verdicts, "kinds": kinds, "org_types": org_types, "bodies": bodies }))
}

/// The JSON API: `{"ok": result}` or `{"error": {...}}`, exactly as the core answers; never raises
/// for bad input (a Python object that is not JSON is an `invalid_argument` error answer).
#[pyfunction]
fn call<'py>(py: Python<'py>, op: &Bound<'py, PyAny>, input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let request =
        convert::to_string("op", op).and_then(|op| Ok((op, convert::to_value("input", input)?))).map_err(Failure::Core);
    let result = match request {
        Ok((op, input)) => py.detach(|| run(|| Ok(soisua::api::call(&op, input)))),
        Err(failure) => Err(failure),
    };
    let result = result.unwrap_or_else(|failure| json!({ "error": failure.to_json() }));
    convert::to_py(py, &result)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<catalogue::PyCatalogue>()?;
    m.add_class::<organisation::PyOrganisation>()?;
    m.add_class::<reviews::PyReviewBatch>()?;
    m.add_function(wrap_pyfunction!(parse_period, m)?)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(labels, m)?)?;
    m.add_function(wrap_pyfunction!(run_scenario, m)?)?;
    m.add_function(wrap_pyfunction!(default_policy, m)?)?;
    m.add_function(wrap_pyfunction!(validate_policy, m)?)?;
    m.add_class::<report::PyReport>()?;
    evaluation::register(m)?;
    reports::register(m)?;
    register::register(m)?;
    Ok(())
}
