//! `soisua.ReviewBatch`: a frozen handle on a batch of monthly reviews.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use soisua::review::long::LongBatch;
use soisua::synthetic::Rates;
use soisua::{Month, ReviewBatch, ReviewStatus};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_object, to_py, to_seed, to_string};
use crate::error::{detached, raise};
use crate::organisation::PyOrganisation;

/// A batch of monthly reviews, as a cell exports its month.
#[pyclass(frozen, eq, module = "soisua._native", name = "ReviewBatch")]
#[derive(PartialEq)]
pub struct PyReviewBatch {
    pub(crate) inner: ReviewBatch,
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

    /// Reviews from a long-format table (`member`, `month`, `item`, `assessor`, `finding` [, `unit`,
    /// `status`]) given through the Arrow PyCapsule interface (a pyarrow Table / RecordBatch /
    /// RecordBatchReader, a polars or pandas DataFrame), with what happened to every row:
    /// `(batch, {"rows": n, "accepted": n, "rejected": [finding, …]})`.
    #[staticmethod]
    #[pyo3(
        signature = (table, catalogue, organisation, *, status=None),
        text_signature = "(table, catalogue, organisation, *, status='final')"
    )]
    fn from_arrow<'py>(
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        catalogue: &Bound<'py, PyAny>,
        organisation: &Bound<'py, PyAny>,
        status: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let convert = || -> Result<_, soisua::Error> {
            Ok((
                PyCatalogue::of("catalogue", catalogue)?,
                PyOrganisation::of("organisation", organisation)?,
                review_status(status)?,
            ))
        };
        let (catalogue, organisation, status) = convert().map_err(|e| raise(py, e))?;
        let index = organisation.index();
        let long = crate::arrow::read_long(py, "table", table, catalogue, &index, status)
            .map_err(|failure| failure.into_py_err(py))?;
        account(py, long)
    }

    /// Reviews from a long-format CSV (header naming the columns; `,` or `;`), with what happened
    /// to every row, as `from_arrow`.
    #[staticmethod]
    #[pyo3(
        signature = (text, catalogue, organisation, *, status=None),
        text_signature = "(text, catalogue, organisation, *, status='final')"
    )]
    fn from_long_csv<'py>(
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        catalogue: &Bound<'py, PyAny>,
        organisation: &Bound<'py, PyAny>,
        status: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let convert = || -> Result<_, soisua::Error> {
            Ok((
                to_string("text", text)?,
                PyCatalogue::of("catalogue", catalogue)?,
                PyOrganisation::of("organisation", organisation)?,
                review_status(status)?,
            ))
        };
        let (text, catalogue, organisation, status) = convert().map_err(|e| raise(py, e))?;
        let long = detached(py, || ReviewBatch::from_long_csv(&text, catalogue, &organisation.index(), status))?;
        account(py, long)
    }

    /// The batch in long format, by column: `{"member": [...], "month": [...], "item": [...],
    /// "assessor": [...], "finding": [...], "unit": [...], "status": [...]}`, one row per finding.
    fn to_long<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = self.inner.to_long_rows();
        let mut columns: [Vec<&str>; 7] = Default::default();
        for row in &rows {
            for (column, value) in columns.iter_mut().zip(row) {
                column.push(value.as_str());
            }
        }
        let out = PyDict::new(py);
        for (name, column) in crate::arrow::FIELDS.iter().zip(columns) {
            out.set_item(name, column)?;
        }
        Ok(out)
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

/// The `status` argument: `"final"` (also when not given) or `"draft"`.
fn review_status(status: Option<&Bound<'_, PyAny>>) -> Result<ReviewStatus, soisua::Error> {
    let Some(status) = status else { return Ok(ReviewStatus::Final) };
    let text = to_string("status", status)?;
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| soisua::Error::Parse {
        input: text.chars().take(60).collect(),
        expected: "a review status: final or draft",
        expected_vi: "một trạng thái phiếu: final hoặc draft",
    })
}

/// What `from_arrow` and `from_long_csv` tell about the rows.
#[derive(serde::Serialize)]
struct Account<'a> {
    rows: usize,
    accepted: usize,
    rejected: &'a [soisua::Issue],
}

/// `(batch, {"rows", "accepted", "rejected"})`.
fn account(py: Python<'_>, long: LongBatch) -> PyResult<Bound<'_, PyTuple>> {
    let account = to_py(py, &Account { rows: long.rows, accepted: long.accepted, rejected: &long.rejected })?;
    let batch = Bound::new(py, PyReviewBatch { inner: long.batch })?.into_any();
    PyTuple::new(py, [batch, account])
}
