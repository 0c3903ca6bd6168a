//! `soisua.Catalogue`: a frozen handle on a loaded catalogue, built once and reused.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use soisua::{Catalogue, Placed};

use crate::convert::{to_object, to_py, to_string, wrong_type};
use crate::error::{detached, raise, run};

/// An indicator catalogue (manifestations, exemplary conduct, prohibitions).
#[pyclass(frozen, eq, module = "soisua._native", name = "Catalogue")]
#[derive(PartialEq)]
pub struct PyCatalogue {
    pub(crate) inner: std::sync::Arc<Catalogue>,
}

impl PyCatalogue {
    /// The shared handle held by a Python argument that must be a `Catalogue` (no copy).
    pub(crate) fn shared(
        name: &'static str,
        obj: &Bound<'_, PyAny>,
    ) -> Result<std::sync::Arc<Catalogue>, soisua::Error> {
        Self::of(name, obj)?;
        obj.cast::<PyCatalogue>()
            .map(|x| std::sync::Arc::clone(&x.get().inner))
            .map_err(|_| wrong_type(name, "a Catalogue", "một Catalogue", obj))
    }

    /// The catalogue held by a Python argument that must be a `Catalogue`.
    pub(crate) fn of<'a>(name: &'static str, obj: &'a Bound<'_, PyAny>) -> Result<&'a Catalogue, soisua::Error> {
        obj.cast::<PyCatalogue>()
            .map(|c| &*c.get().inner)
            .map_err(|_| wrong_type(name, "a Catalogue", "một Catalogue", obj))
    }
}

fn wrap(py: Python<'_>, f: impl FnOnce() -> Result<Catalogue, soisua::Error>) -> PyResult<PyCatalogue> {
    run(f).map(|inner| PyCatalogue { inner: std::sync::Arc::new(inner) }).map_err(|failure| failure.into_py_err(py))
}

#[pymethods]
impl PyCatalogue {
    /// The embedded central catalogue of 2020.
    #[staticmethod]
    fn central_2020(py: Python<'_>) -> PyResult<Self> {
        wrap(py, Catalogue::central_2020)
    }

    /// A catalogue from JSON text (strict; errors located by path, line and column).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || Catalogue::from_json(&text)).map(|inner| PyCatalogue { inner: std::sync::Arc::new(inner) })
    }

    /// A catalogue from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || Catalogue::from_value(value)).map(|inner| PyCatalogue { inner: std::sync::Arc::new(inner) })
    }

    /// A catalogue from a JSON header and an item CSV, with the findings about the rows.
    #[staticmethod]
    fn from_csv<'py>(
        py: Python<'py>,
        header: &Bound<'py, PyAny>,
        csv: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let header = to_string("header", header).map_err(|e| raise(py, e))?;
        let csv = to_string("csv", csv).map_err(|e| raise(py, e))?;
        let (inner, issues) = detached(py, || Catalogue::from_csv(&header, &csv))?;
        let catalogue = Bound::new(py, PyCatalogue { inner: std::sync::Arc::new(inner) })?.into_any();
        PyTuple::new(py, [catalogue, to_py(py, &issues)?])
    }

    /// The synthetic local catalogue (82 / 23 / 22 items) refining the central one of 2020.
    #[staticmethod]
    fn synthetic_local(py: Python<'_>) -> PyResult<Self> {
        wrap(py, || Ok(soisua::synthetic::local_catalogue(&Catalogue::central_2020()?)))
    }

    /// The catalogue's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The catalogue's version.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// `central`, `local` or `synthetic`.
    #[getter]
    fn origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.origin)
    }

    /// The title: `{"vi": …, "en": …}`.
    #[getter]
    fn title<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.title)
    }

    /// The reference: `{"id": …, "version": …}`.
    #[getter]
    fn reference<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.reference())
    }

    /// Items of each kind: `{"manifestation": n, "exemplary": n, "prohibition": n}`.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let [manifestation, exemplary, prohibition] = self.inner.counts();
        let out = PyDict::new(py);
        out.set_item("manifestation", manifestation)?;
        out.set_item("exemplary", exemplary)?;
        out.set_item("prohibition", prohibition)?;
        Ok(out)
    }

    /// Items by wording: `{"verbatim": n, "partial": n, "label": n}`.
    fn wording_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let [verbatim, partial, label] = self.inner.wording_counts();
        let out = PyDict::new(py);
        out.set_item("verbatim", verbatim)?;
        out.set_item("partial", partial)?;
        out.set_item("label", label)?;
        Ok(out)
    }

    /// Every item as a flat dict, in catalogue order.
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self.inner.items().map(|placed| item_dict(py, &placed)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// The item with this code as a flat dict, or `None`.
    fn item<'py>(&self, py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let code = to_string("code", code).map_err(|e| raise(py, e))?;
        self.inner.item(&soisua::nfc(&code)).map(|placed| item_dict(py, &placed)).transpose()
    }

    /// The findings about this catalogue (and, given `refined`, about how it refines that one).
    #[pyo3(signature = (refined=None))]
    fn validate<'py>(&self, py: Python<'py>, refined: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let refined = refined.map(|obj| PyCatalogue::of("refined", obj)).transpose().map_err(|e| raise(py, e))?;
        let issues = detached(py, || Ok(self.inner.validate(refined)))?;
        to_py(py, &issues)
    }

    /// The catalogue as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The catalogue as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The items as a pandas DataFrame (one row per item, the columns of `items()`).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("soisua._frames")?.getattr("records_to_pandas")?.call1((self.items(py)?,))
    }

    /// The items as a polars DataFrame (one row per item, the columns of `items()`).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("soisua._frames")?.getattr("records_to_polars")?.call1((self.items(py)?,))
    }

    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        crate::evaluation::display(slf.py(), "catalogue_html", slf.as_any())
    }

    fn __len__(&self) -> usize {
        self.inner.items().count()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let origin = to_py(py, &self.inner.origin)?.repr()?;
        Ok(format!(
            "Catalogue(id={}, version={}, origin={origin}, items={})",
            PyString::new(py, &self.inner.id).repr()?,
            PyString::new(py, &self.inner.version).repr()?,
            self.inner.items().count()
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}

/// One item as a flat dict: `code`, `kind`, `group`, `subgroup`, `text_vi`, `text_en`, `severity`,
/// `wording`, `source_document`, `source_point`, `applies_to`, `refines`.
fn item_dict<'py>(py: Python<'py>, placed: &Placed<'_>) -> PyResult<Bound<'py, PyDict>> {
    let item = placed.item;
    let out = PyDict::new(py);
    out.set_item("code", &item.code)?;
    out.set_item("kind", placed.kind().as_str())?;
    out.set_item("group", &placed.group.code)?;
    out.set_item("subgroup", placed.subgroup.map(|s| s.code.as_str()))?;
    out.set_item("text_vi", &item.text.vi)?;
    out.set_item("text_en", &item.text.en)?;
    out.set_item("severity", item.severity.as_str())?;
    out.set_item("wording", item.wording.as_str())?;
    out.set_item("source_document", &item.source.document)?;
    out.set_item("source_point", item.source.point.as_deref())?;
    let roles: Vec<&str> = item.applies_to.iter().map(|r| r.as_str()).collect();
    out.set_item("applies_to", roles)?;
    out.set_item("refines", item.refines.as_deref())?;
    Ok(out)
}
