//! `soisua.ReviewBatch`: a frozen handle on a batch of monthly reviews.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use soisua::synthetic::Rates;
use soisua::{Month, ReviewBatch};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_object, to_py, to_seed, to_string};
use crate::error::{detached, raise};
use crate::organisation::PyOrganisation;

/// A batch of monthly reviews, as a cell exports its month.
#[pyclass(frozen, eq, module = "soisua._native", name = "ReviewBatch")]
#[derive(PartialEq)]
pub struct PyReviewBatch {
    inner: ReviewBatch,
}

#[pymethods]
impl PyReviewBatch {
    /// A batch from JSON text (strict; errors located by path, line and column).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || ReviewBatch::from_json(&text)).map(|inner| PyReviewBatch { inner })
    }

    /// A batch from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || ReviewBatch::from_value(value)).map(|inner| PyReviewBatch { inner })
    }

    /// A synthetic month (`2020-09`) of final reviews for every member, at the default rates.
    #[staticmethod]
    fn synthetic(
        py: Python<'_>,
        organisation: &Bound<'_, PyAny>,
        catalogue: &Bound<'_, PyAny>,
        month: &Bound<'_, PyAny>,
        seed: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let convert = || -> Result<_, soisua::Error> {
            Ok((
                PyOrganisation::of("organisation", organisation)?,
                PyCatalogue::of("catalogue", catalogue)?,
                to_string("month", month)?,
                to_seed("seed", seed)?,
            ))
        };
        let (organisation, catalogue, month, seed) = convert().map_err(|e| raise(py, e))?;
        detached(py, || {
            let month: Month = month.parse()?;
            Ok(soisua::synthetic::reviews(organisation, catalogue, month, seed, Rates::default()))
        })
        .map(|inner| PyReviewBatch { inner })
    }

    /// The findings about these reviews, checked against a catalogue and an organisation.
    fn validate<'py>(
        &self,
        py: Python<'py>,
        catalogue: &Bound<'py, PyAny>,
        organisation: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let catalogue = PyCatalogue::of("catalogue", catalogue).map_err(|e| raise(py, e))?;
        let organisation = PyOrganisation::of("organisation", organisation).map_err(|e| raise(py, e))?;
        let issues = detached(py, || Ok(self.inner.validate(catalogue, organisation)))?;
        to_py(py, &issues)
    }

    /// The batch as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The batch as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __len__(&self) -> usize {
        self.inner.reviews.len()
    }

    fn __repr__(&self) -> String {
        format!("ReviewBatch(reviews={})", self.inner.reviews.len())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}
