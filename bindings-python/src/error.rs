//! Failures across the boundary: core errors become the Python exceptions of `soisua.errors`
//! (one class per stable code, all subclasses of `SoisuaError(ValueError)`), and a panic in the
//! core is caught before pyo3 can turn it into a `PanicException`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde_json::{json, Value};

/// Why a call into the core did not give a value.
pub(crate) enum Failure {
    /// The core refused the input.
    Core(soisua::Error),
    /// The core panicked (a bug): the panic's message.
    Panic(String),
}

impl From<soisua::Error> for Failure {
    fn from(error: soisua::Error) -> Self {
        Failure::Core(error)
    }
}

/// The stable code of a caught panic (not a core code: a panic is a bug, never a verdict on input).
const INTERNAL_ERROR: &str = "internal_error";

impl Failure {
    /// The failure as `call` answers it: `{"code", "message_en", "message_vi", "location"?}`.
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Failure::Core(error) => soisua::api::error_json(error),
            Failure::Panic(message) => json!({
                "code": INTERNAL_ERROR,
                "message_en": format!("internal error in soisua: {message}; please report it"),
                "message_vi": format!("lỗi nội bộ của soisua: {message}; xin hãy báo lại"),
            }),
        }
    }

    /// The failure as a Python exception of `soisua.errors`.
    pub(crate) fn into_py_err(self, py: Python<'_>) -> PyErr {
        raise_json(py, &self.to_json())
    }
}

/// Runs a core call, catching a panic.
pub(crate) fn run<T>(f: impl FnOnce() -> Result<T, soisua::Error>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(Failure::Core),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            Err(Failure::Panic(message))
        }
    }
}

/// Runs a core call without holding the GIL (validation of big batches), catching a panic.
pub(crate) fn detached<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, soisua::Error> + Send,
{
    py.detach(|| run(f))
        .map_err(|failure| failure.into_py_err(py))
}

/// The exception for a core error.
pub(crate) fn raise(py: Python<'_>, error: soisua::Error) -> PyErr {
    Failure::Core(error).into_py_err(py)
}

/// The exception for an error in `call`'s JSON form (`{"code", "message_en", "message_vi",
/// "location"?}`), built by `soisua.errors._from_native`.
pub(crate) fn raise_json(py: Python<'_>, error: &Value) -> PyErr {
    static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let field = |name: &str| error.get(name).and_then(Value::as_str).unwrap_or_default();
    let build = || -> PyResult<PyErr> {
        let location = match error.get("location") {
            Some(location) => crate::convert::to_py(py, location)?,
            None => py.None().into_bound(py),
        };
        let exception = FROM_NATIVE
            .import(py, "soisua.errors", "_from_native")?
            .call1((
                field("code"),
                field("message_en"),
                field("message_vi"),
                location,
            ))?;
        Ok(PyErr::from_value(exception))
    };
    build().unwrap_or_else(|e| e)
}

/// The `ok` value of an answer of `soisua::api::call`, or its error raised.
pub(crate) fn answer<'py>(py: Python<'py>, answer: &Value) -> PyResult<Bound<'py, PyAny>> {
    match (answer.get("ok"), answer.get("error")) {
        (Some(ok), _) => crate::convert::to_py(py, ok),
        (None, Some(error)) => Err(raise_json(py, error)),
        (None, None) => Err(raise_json(
            py,
            &Failure::Panic("an answer with neither `ok` nor `error`".to_owned()).to_json(),
        )),
    }
}
