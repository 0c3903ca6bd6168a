//! `soisua.Organisation`: a frozen handle on an organisation tree and its members.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use serde_json::json;
use soisua::Organisation;
use soisua::synthetic::Scale;

use crate::convert::{to_object, to_py, to_seed, to_string, wrong_type};
use crate::error::{answer, detached, raise};

/// An organisation: units of any depth and the members who belong to them over time.
#[pyclass(frozen, eq, module = "soisua._native", name = "Organisation")]
#[derive(PartialEq)]
pub struct PyOrganisation {
    pub(crate) inner: std::sync::Arc<Organisation>,
}

impl PyOrganisation {
    /// The shared handle held by a Python argument that must be a `Organisation` (no copy).
    pub(crate) fn shared(
        name: &'static str,
        obj: &Bound<'_, PyAny>,
    ) -> Result<std::sync::Arc<Organisation>, soisua::Error> {
        Self::of(name, obj)?;
        obj.cast::<PyOrganisation>()
            .map(|x| std::sync::Arc::clone(&x.get().inner))
            .map_err(|_| wrong_type(name, "a Organisation", "một Organisation", obj))
    }

    /// The organisation held by a Python argument that must be an `Organisation`.
    pub(crate) fn of<'a>(name: &'static str, obj: &'a Bound<'_, PyAny>) -> Result<&'a Organisation, soisua::Error> {
        obj.cast::<PyOrganisation>()
            .map(|o| &*o.get().inner)
            .map_err(|_| wrong_type(name, "an Organisation", "một Organisation", obj))
    }
}

#[pymethods]
impl PyOrganisation {
    /// An organisation from JSON text (strict; errors located by path, line and column).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_string("text", text).map_err(|e| raise(py, e))?;
        detached(py, || Organisation::from_json(&text))
            .map(|inner| PyOrganisation { inner: std::sync::Arc::new(inner) })
    }

    /// An organisation from a dict shaped like its JSON.
    #[staticmethod]
    fn from_dict(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = to_object("obj", obj).map_err(|e| raise(py, e))?;
        detached(py, || Organisation::from_value(value))
            .map(|inner| PyOrganisation { inner: std::sync::Arc::new(inner) })
    }

    /// A synthetic organisation (`district`, `province` or `nation`), the same for the same seed.
    #[staticmethod]
    fn synthetic(py: Python<'_>, scale: &Bound<'_, PyAny>, seed: &Bound<'_, PyAny>) -> PyResult<Self> {
        let scale = to_string("scale", scale).map_err(|e| raise(py, e))?;
        let seed = to_seed("seed", seed).map_err(|e| raise(py, e))?;
        detached(py, || {
            let scale: Scale = scale.parse()?;
            Ok(soisua::synthetic::organisation(scale, seed))
        })
        .map(|inner| PyOrganisation { inner: std::sync::Arc::new(inner) })
    }

    /// The part of the organisation under a unit (the unit, the units under it at any time, their
    /// members with only the memberships inside): what a unit evaluates and reports on its own.
    fn subtree(&self, py: Python<'_>, unit: &Bound<'_, PyAny>) -> PyResult<Self> {
        let unit = to_string("unit", unit).map_err(|e| raise(py, e))?;
        let unit = soisua::nfc(&unit).into_owned();
        detached(py, || self.inner.subtree(&unit)).map(|inner| PyOrganisation { inner: std::sync::Arc::new(inner) })
    }

    /// The organisation's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The findings about this organisation.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let issues = detached(py, || Ok(self.inner.validate()))?;
        to_py(py, &issues)
    }

    /// Units by kind and the number of members, as the `organisation.summary` operation says.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Through the JSON API, so that the summary is defined in one place (the core).
        let result = detached(py, || {
            let organisation = serde_json::to_value(&*self.inner).map_err(|e| soisua::Error::Argument {
                name: "organisation",
                detail: e.to_string(),
                detail_vi: e.to_string(),
            })?;
            Ok(soisua::api::call("organisation.summary", json!({ "organisation": organisation })))
        })?;
        answer(py, &result)
    }

    /// The organisation as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The organisation as a dict shaped like its JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Organisation(id={}, units={}, members={})",
            PyString::new(py, &self.inner.id).repr()?,
            self.inner.units.len(),
            self.inner.members.len()
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().inner.to_json()])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}
