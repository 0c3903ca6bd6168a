//! Reports, publication lists and visibility: thin wrappers over the core's JSON api (`report.*`,
//! `publication.*`, `visibility.redact`, `synthetic.year_reports`). Each converts its Python
//! arguments into the operation's input, runs it without the GIL and answers its `ok` value, or
//! raises its `error` as the exception of `soisua.errors` (`ReportOverlapError` and the other
//! `ReportError`s for reports that cannot be combined).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt, PyList, PyTuple};
use serde_json::{Map, Value};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_document, to_object, to_seed, to_string, to_value, wrong_type};
use crate::error::{answer, raise, run};
use crate::organisation::PyOrganisation;

/// The input of an operation, built field by field; a field given as `None` is left out.
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
}

/// Runs `op` on the input `build` makes of the arguments: the answer's `ok` value, or its error
/// raised (a wrong argument type raises before the core runs).
fn op<'py>(
    py: Python<'py>,
    name: &str,
    build: impl FnOnce() -> Result<Input, soisua::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = Value::Object(build().map_err(|e| raise(py, e))?.0);
    let result = py.detach(|| run(|| Ok(soisua::api::call(name, input))));
    answer(py, &result.map_err(|failure| failure.into_py_err(py))?)
}

/// An optional argument: `None` (absent) or converted by `convert`.
fn optional(
    obj: Option<&Bound<'_, PyAny>>,
    convert: impl FnOnce(&Bound<'_, PyAny>) -> Result<Value, soisua::Error>,
) -> Result<Option<Value>, soisua::Error> {
    obj.filter(|o| !o.is_none()).map(convert).transpose()
}

fn text(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, soisua::Error> {
    to_string(name, obj).map(Value::String)
}

/// A list argument (`list` or `tuple`) of JSON values.
fn list(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, soisua::Error> {
    if obj.cast::<PyList>().is_err() && obj.cast::<PyTuple>().is_err() {
        return Err(wrong_type(name, "a list", "một danh sách", obj));
    }
    to_value(name, obj)
}

/// A catalogue argument: a `Catalogue`, a dict shaped like its JSON, or the id of an embedded
/// catalogue (`central-2020`, `synthetic-local`).
fn catalogue(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, soisua::Error> {
    if let Ok(catalogue) = obj.cast::<PyCatalogue>() {
        return serialised(&*catalogue.get().inner);
    }
    if obj.is_instance_of::<pyo3::types::PyString>() {
        return text(name, obj);
    }
    to_object(name, obj)
}

/// An organisation argument: an `Organisation`, a dict shaped like its JSON, or its JSON text.
fn organisation(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, soisua::Error> {
    match obj.cast::<PyOrganisation>() {
        Ok(org) => serialised(&*org.get().inner),
        Err(_) => to_document(name, obj),
    }
}

fn serialised<T: serde::Serialize>(value: &T) -> Result<Value, soisua::Error> {
    serde_json::to_value(value).map_err(|e| soisua::Error::Argument {
        name: "output",
        detail: e.to_string(),
        detail_vi: e.to_string(),
    })
}

/// A year given as an `int` (`2020`) or as text (`"2020"`).
fn year(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, soisua::Error> {
    if obj.cast::<PyInt>().is_ok() && obj.cast::<PyBool>().is_err() {
        return obj.extract::<i64>().map(|y| Value::String(y.to_string())).map_err(|_| soisua::Error::Argument {
            name,
            detail: "must be a year like 2020".to_owned(),
            detail_vi: "phải là một năm, ví dụ 2020".to_owned(),
        });
    }
    text(name, obj)
}

/// The report of a scenario (a dict, or its JSON text) over a period (`2020-09`, `2020-Q3`,
/// `2020`, `2020-2025`; all its months without one), for a unit and what is under it (the whole
/// organisation without one): totals, a row per unit directly under it, a breakdown by type of
/// organisation, and the member-level detail that makes reports mergeable.
#[pyfunction]
#[pyo3(signature = (scenario, period=None, scope=None))]
fn build_report<'py>(
    py: Python<'py>,
    scenario: &Bound<'py, PyAny>,
    period: Option<&Bound<'py, PyAny>>,
    scope: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.build", || {
        Ok(Input::new()
            .with("scenario", to_document("scenario", scenario)?)
            .maybe("period", optional(period, |o| text("period", o))?)
            .maybe("scope", optional(scope, |o| text("scope", o))?))
    })
}

/// Reports of disjoint coverage merged into one (`ReportOverlapError` when they overlap,
/// `ReportScopeMismatchError` for different scopes, `ReportSealedError` for a sealed report).
#[pyfunction]
fn merge_reports<'py>(py: Python<'py>, reports: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.merge", || Ok(Input::new().with("reports", list("reports", reports)?)))
}

/// A unit's report as a row of its parent (`{"unit", "name", "kind", "org_type"}`), ready to merge
/// with its sibling units' reports.
#[pyfunction]
fn lift_report<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    parent: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.lift", || {
        Ok(Input::new().with("report", to_document("report", report)?).with("parent", to_document("parent", parent)?))
    })
}

/// A report without its member-level detail: its numbers only, no longer mergeable.
#[pyfunction]
fn seal_report<'py>(py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.seal", || Ok(Input::new().with("report", to_document("report", report)?)))
}

/// Every figure of a report's total against an earlier report's: current, previous and change.
#[pyfunction]
fn compare_reports<'py>(
    py: Python<'py>,
    current: &Bound<'py, PyAny>,
    previous: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.compare", || {
        Ok(Input::new()
            .with("current", to_document("current", current)?)
            .with("previous", to_document("previous", previous)?))
    })
}

/// A report through templates (the embedded defaults without them; `report=None` with `rollups`:
/// the office areas' sections only): a document of labelled
/// tables (`format="document"`, a dict) or its text as `"csv"`, `"markdown"` or `"html"` (a
/// str). `catalogue` (a `Catalogue`, a dict or an embedded id) labels the items, `period` names
/// the period, `comparisons` (`[{"label": {"vi", "en"}, "report": earlier}]`) add columns of
/// changes, and `rollups` (`{"meeting": …, "petition": …}`, the office areas' roll-ups) fill the
/// templates' sections of those areas.
#[pyfunction]
#[pyo3(
    signature = (report, *, format=None, templates=None, catalogue=None, period=None, comparisons=None, rollups=None),
    text_signature = "(report, *, format='document', templates=None, catalogue=None, period=None, comparisons=None, rollups=None)"
)]
#[allow(clippy::too_many_arguments, reason = "keyword arguments of one Python function")]
fn render_report<'py>(
    py: Python<'py>,
    report: Option<&Bound<'py, PyAny>>,
    format: Option<&Bound<'py, PyAny>>,
    templates: Option<&Bound<'py, PyAny>>,
    catalogue: Option<&Bound<'py, PyAny>>,
    period: Option<&Bound<'py, PyAny>>,
    comparisons: Option<&Bound<'py, PyAny>>,
    rollups: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.render", || {
        Ok(Input::new()
            .maybe("report", optional(report, |o| to_document("report", o))?)
            .maybe("templates", optional(templates, |o| to_document("templates", o))?)
            .maybe("catalogue", optional(catalogue, |o| self::catalogue("catalogue", o))?)
            .maybe("period", optional(period, |o| text("period", o))?)
            .maybe("comparisons", optional(comparisons, |o| list("comparisons", o))?)
            .maybe("rollups", optional(rollups, |o| to_object("rollups", o))?)
            .maybe("format", optional(format, |o| text("format", o))?))
    })
}

/// The embedded default report templates, as a dict.
#[pyfunction]
fn default_report_templates(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    op(py, "report.templates", || Ok(Input::new()))
}

/// The findings about report templates (a dict, or its JSON text), as a list of dicts.
#[pyfunction]
fn validate_report_templates<'py>(py: Python<'py>, templates: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    op(py, "report.templates.validate", || Ok(Input::new().with("templates", to_document("templates", templates)?)))
}

/// A unit's notice board for a month of a scenario (a dict, or its JSON text): every member of the
/// unit evaluated that month, with the verdict and a status per group of content.
#[pyfunction]
fn notice_board<'py>(
    py: Python<'py>,
    scenario: &Bound<'py, PyAny>,
    month: &Bound<'py, PyAny>,
    unit: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "publication.notice_board", || {
        Ok(Input::new()
            .with("scenario", to_document("scenario", scenario)?)
            .with("month", text("month", month)?)
            .with("unit", text("unit", unit)?))
    })
}

/// The radio list for a month of a scenario: members of the top committee (`top`, or the
/// organisation's root), then the secretaries of the units directly under it.
#[pyfunction]
#[pyo3(signature = (scenario, month, top=None))]
fn radio_list<'py>(
    py: Python<'py>,
    scenario: &Bound<'py, PyAny>,
    month: &Bound<'py, PyAny>,
    top: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "publication.radio_list", || {
        Ok(Input::new()
            .with("scenario", to_document("scenario", scenario)?)
            .with("month", text("month", month)?)
            .maybe("top", optional(top, |o| text("top", o))?))
    })
}

/// An output cut down to what a viewer (`{"role": "member" | "secretary" |
/// "inspection_commission" | "public", ...}`) may see, against an organisation (an
/// `Organisation`, a dict or its JSON text). `kind` is what `value` is: `member_result`,
/// `month_result`, `cases`, `report`, `notice_board` or `radio_list`. `None`: nothing.
#[pyfunction]
fn redact<'py>(
    py: Python<'py>,
    organisation: &Bound<'py, PyAny>,
    viewer: &Bound<'py, PyAny>,
    kind: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "visibility.redact", || {
        Ok(Input::new()
            .with("organisation", self::organisation("organisation", organisation)?)
            .with("viewer", to_document("viewer", viewer)?)
            .with("kind", text("kind", kind)?)
            .with("value", to_value("value", value)?))
    })
}

/// A year of a synthetic district (or of its unit `scope`) evaluated month by month: the sealed
/// totals of each month, quarter and the year (`{"members", "units", "reports": {period:
/// figures}}`), each quarter and the year merged from the months and checked against the same
/// period built at once.
#[pyfunction]
#[pyo3(signature = (seed, year, scope=None, catalogue=None))]
fn synthetic_year_reports<'py>(
    py: Python<'py>,
    seed: &Bound<'py, PyAny>,
    year: &Bound<'py, PyAny>,
    scope: Option<&Bound<'py, PyAny>>,
    catalogue: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    op(py, "synthetic.year_reports", || {
        Ok(Input::new()
            .with("seed", Value::from(to_seed("seed", seed)?))
            .with("year", self::year("year", year)?)
            .maybe("scope", optional(scope, |o| text("scope", o))?)
            .maybe("catalogue", optional(catalogue, |o| self::catalogue("catalogue", o))?))
    })
}

/// Runs any operation `soisua.call` knows on a dict input and returns its answer, raising the
/// typed exception on failure (where `call` returns `{"error": …}`). The office records'
/// functions (`soisua.office`) are written over it.
#[pyfunction]
fn invoke<'py>(py: Python<'py>, name: &str, input: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    op(py, name, || match to_object("input", input)? {
        Value::Object(map) => Ok(Input(map)),
        _ => Err(wrong_type("input", "a dict", "một dict", input)),
    })
}

/// Adds the functions of this file to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(invoke, m)?)?;
    m.add_function(wrap_pyfunction!(build_report, m)?)?;
    m.add_function(wrap_pyfunction!(merge_reports, m)?)?;
    m.add_function(wrap_pyfunction!(lift_report, m)?)?;
    m.add_function(wrap_pyfunction!(seal_report, m)?)?;
    m.add_function(wrap_pyfunction!(compare_reports, m)?)?;
    m.add_function(wrap_pyfunction!(render_report, m)?)?;
    m.add_function(wrap_pyfunction!(default_report_templates, m)?)?;
    m.add_function(wrap_pyfunction!(validate_report_templates, m)?)?;
    m.add_function(wrap_pyfunction!(notice_board, m)?)?;
    m.add_function(wrap_pyfunction!(radio_list, m)?)?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    m.add_function(wrap_pyfunction!(synthetic_year_reports, m)?)?;
    Ok(())
}
