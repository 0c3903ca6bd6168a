//! `soisua.Report`: a frozen handle on a report (what `Evaluation.report` builds), with merge,
//! lift, seal, compare, render, figures and data frames. The dict-based functions of `reports`
//! remain for JSON pipelines.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use soisua::report::{OfficeFigures, RenderOptions, Report, Templates, UnitLabel};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_object, to_py, to_string, wrong_type};
use crate::error::{detached, raise};
use crate::evaluation::{display, frame};

/// A report: counts per measure (member-months and distinct members), cases, outcomes,
/// supervision, per unit directly under the scope and per type of organisation; mergeable.
#[pyclass(frozen, eq, module = "soisua._native", name = "Report")]
#[derive(PartialEq)]
pub struct PyReport {
    pub(crate) inner: Report,
}

impl PyReport {
    pub(crate) fn new(inner: Report) -> Self {
        PyReport { inner }
    }

    fn of<'a>(name: &'static str, obj: &'a Bound<'_, PyAny>) -> Result<&'a Report, soisua::Error> {
        obj.cast::<PyReport>().map(|r| &r.get().inner).map_err(|_| wrong_type(name, "a Report", "một Report", obj))
    }

    /// The reports of a list argument.
    fn all(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Vec<Report>, soisua::Error> {
        let Ok(list) = obj.cast::<PyList>() else {
            return Err(wrong_type(name, "a list of Reports", "một danh sách Report", obj));
        };
        list.iter()
            .enumerate()
            .map(|(i, item)| {
                item.cast::<PyReport>().map(|r| r.get().inner.clone()).map_err(|_| soisua::Error::Argument {
                    name,
                    detail: format!("item {i} is not a Report"),
                    detail_vi: format!("phần tử {i} không phải Report"),
                })
            })
            .collect()
    }

    /// One row per figure of every block: `part` (`total`, `row`, `org_type`), `key` (the unit
    /// or type), `label`, `figure`, `value`.
    fn figure_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let mut cols: [Vec<String>; 4] = Default::default();
        let mut values: Vec<u64> = Vec::new();
        let total_label = self.inner.scope.as_ref().map_or_else(String::new, |s| s.name.clone());
        let total_key = self.inner.scope.as_ref().map_or_else(String::new, |s| s.unit.clone());
        let mut blocks = vec![("total", total_key, total_label, &self.inner.total)];
        for (id, row) in &self.inner.rows {
            blocks.push(("row", id.clone(), row.label.name.clone(), &row.block));
        }
        for (org_type, block) in &self.inner.by_org_type {
            blocks.push(("org_type", org_type.clone(), org_type.clone(), block));
        }
        for (part, key, label, block) in blocks {
            for (figure, value) in block.figures() {
                for (col, v) in cols.iter_mut().zip([part.to_owned(), key.clone(), label.clone(), figure]) {
                    col.push(v);
                }
                values.push(value);
            }
        }
        let dict = PyDict::new(py);
        for (name, col) in ["part", "key", "label", "figure"].into_iter().zip(cols) {
            dict.set_item(name, col)?;
        }
        dict.set_item("value", values)?;
        Ok(dict)
    }
}

fn parse_templates(obj: Option<&Bound<'_, PyAny>>) -> Result<Templates, soisua::Error> {
    match obj {
        Some(obj) if !obj.is_none() => Templates::from_value(to_object("templates", obj)?),
        _ => Templates::default_2020(),
    }
}

#[pymethods]
impl PyReport {
    /// A report from JSON text (strict; errors located).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || Report::from_json(&text)).map(PyReport::new)
    }

    /// A report from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || Report::from_value(value)).map(PyReport::new)
    }

    /// Reports of disjoint unit-months (the same scope) merged into one, exactly: distinct
    /// members count once. Raises `ReportOverlapError`, `ReportScopeMismatchError` or
    /// `ReportSealedError`.
    #[staticmethod]
    fn merge_all(py: Python<'_>, reports: &Bound<'_, PyAny>) -> PyResult<Self> {
        let reports = Self::all("reports", reports).map_err(|e| raise(py, e))?;
        detached(py, || {
            Report::merge_all(&reports)?.ok_or_else(|| soisua::Error::Argument {
                name: "reports",
                detail: "must not be empty".to_owned(),
                detail_vi: "không được để trống".to_owned(),
            })
        })
        .map(PyReport::new)
    }

    /// This report merged with another of the same scope (see `merge_all`).
    fn merge(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Self> {
        let other = Self::of("other", other).map_err(|e| raise(py, e))?;
        detached(py, || self.inner.merge(other)).map(PyReport::new)
    }

    /// This report as a row of its parent's report (`parent`: `{"unit", "name", "kind", "org_type"}`):
    /// what an offline unit sends up.
    fn lift(&self, py: Python<'_>, parent: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("parent", parent).map_err(|e| raise(py, e))?;
        let parent: UnitLabel = serde_json::from_value(value).map_err(|e| {
            raise(py, soisua::Error::Argument { name: "parent", detail: e.to_string(), detail_vi: e.to_string() })
        })?;
        detached(py, || self.inner.lift(parent)).map(PyReport::new)
    }

    /// The report without member ids (it can no longer merge): what is published or sent on.
    fn seal(&self) -> Self {
        PyReport::new(self.inner.seal())
    }

    /// Whether member ids were dropped.
    #[getter]
    fn sealed(&self) -> bool {
        self.inner.sealed
    }

    /// The unit reported on (`{"unit", "name", "kind", "org_type"}`), or `None` for the organisation.
    #[getter]
    fn scope<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.scope)
    }

    /// What the report covers: unit → months, catalogue and policy versions.
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.coverage)
    }

    /// The whole scope's figures by stable name (`help.distinct`, `cases.open_at_end`, …).
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.total.figures())
    }

    /// Figure by figure against an earlier report: `{"figures": [{"figure", "current", "previous", "change"}…]}`.
    fn compare<'py>(&self, py: Python<'py>, earlier: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let earlier = Self::of("earlier", earlier).map_err(|e| raise(py, e))?;
        to_py(py, &soisua::report::compare(&self.inner, earlier))
    }

    /// The report through templates (the default ones by default) as `"document"` (a dict of
    /// labelled tables), `"csv"`, `"markdown"`, `"html"` (text) or `"xlsx"` (the bytes of a workbook); with `compare` (a list of
    /// `(label_vi, label_en, Report)` tuples) adding comparison tables, and the catalogue's labels.
    /// `rollups` (`{"meeting": …, "petition": …}`, each area's roll-up as its `report` function
    /// gives it) fills the templates' sections of the committee office's areas.
    #[pyo3(signature = (format=None, *, templates=None, catalogue=None, period=None, compare=None, rollups=None))]
    #[allow(clippy::too_many_arguments, reason = "keyword arguments of one Python method")]
    fn render<'py>(
        &self,
        py: Python<'py>,
        format: Option<&Bound<'py, PyAny>>,
        templates: Option<&Bound<'py, PyAny>>,
        catalogue: Option<&Bound<'py, PyAny>>,
        period: Option<&Bound<'py, PyAny>>,
        compare: Option<&Bound<'py, PyAny>>,
        rollups: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let convert = || -> Result<_, soisua::Error> {
            let format = match format {
                Some(obj) if !obj.is_none() => to_string("format", obj)?,
                _ => "document".to_owned(),
            };
            let templates = parse_templates(templates)?;
            let catalogue = match catalogue {
                Some(obj) if !obj.is_none() => Some(PyCatalogue::shared("catalogue", obj)?),
                _ => None,
            };
            let period = match period {
                Some(obj) if !obj.is_none() => Some(to_string("period", obj)?.parse()?),
                _ => None,
            };
            let mut comparisons = Vec::new();
            if let Some(obj) = compare.filter(|o| !o.is_none()) {
                let Ok(list) = obj.cast::<PyList>() else {
                    return Err(wrong_type("compare", "a list of (label_vi, label_en, Report)", "một danh sách", obj));
                };
                for item in list.iter() {
                    let Ok((vi, en, report)) = item.extract::<(String, String, Bound<'_, PyAny>)>() else {
                        return Err(wrong_type(
                            "compare",
                            "(label_vi, label_en, Report) tuples",
                            "các bộ (vi, en, Report)",
                            &item,
                        ));
                    };
                    let earlier = Self::of("compare", &report)?;
                    comparisons.push((soisua::Text::new(vi, en), soisua::report::compare(&self.inner, earlier)));
                }
            }
            let office = match rollups {
                Some(obj) if !obj.is_none() => OfficeFigures::from_rollups(to_object("rollups", obj)?)?,
                _ => Vec::new(),
            };
            Ok((format, templates, catalogue, period, comparisons, office))
        };
        let (format, templates, catalogue, period, comparisons, office) = convert().map_err(|e| raise(py, e))?;
        let options =
            RenderOptions { catalogue: catalogue.as_deref(), period, comparisons, office, ..Default::default() };
        soisua::report::check_scopes(Some(&self.inner), &options).map_err(|e| raise(py, e))?;
        let document = soisua::report::render(&self.inner, &templates, &options);
        match format.as_str() {
            "document" => to_py(py, &document),
            "csv" => Ok(soisua::report::to_csv(&document).into_pyobject(py)?.into_any()),
            "markdown" => Ok(soisua::report::to_markdown(&document).into_pyobject(py)?.into_any()),
            "html" => Ok(soisua::report::to_html(&document).into_pyobject(py)?.into_any()),
            "xlsx" => {
                let bytes = crate::error::run(|| soisua::report::to_xlsx(&document)).map_err(|f| f.into_py_err(py))?;
                Ok(pyo3::types::PyBytes::new(py, &bytes).into_any())
            }
            other => Err(raise(
                py,
                soisua::Error::Parse {
                    input: other.chars().take(60).collect(),
                    expected: "a format: document, csv, markdown, html or xlsx",
                    expected_vi: "một định dạng: document, csv, markdown, html hoặc xlsx",
                },
            )),
        }
    }

    /// Every figure of every block as a dict of equal-length lists (`part`, `key`, `label`, `figure`, `value`).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.figure_columns(py)
    }

    /// Every figure of every block as a pandas DataFrame (long format).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, "pandas", self.figure_columns(py)?, "report")
    }

    /// Every figure of every block as a polars DataFrame (long format).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, "polars", self.figure_columns(py)?, "report")
    }

    /// The report as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let scope = self.inner.scope.as_ref().map_or_else(|| "None".to_owned(), |s| format!("{:?}", s.unit));
        let span = self.inner.coverage.span().map_or_else(|| "-".to_owned(), |(a, b)| format!("{a}..{b}"));
        format!(
            "Report(scope={scope}, months={span}, rows={}, sealed={})",
            self.inner.rows.len(),
            if self.inner.sealed { "True" } else { "False" }
        )
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        display(slf.py(), "report_html", slf.as_any())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}
