//! Failures across the boundary: core errors become the Python exceptions of `soisua.errors`
//! (one class per stable code, all subclasses of `SoisuaError(ValueError)`), and a panic in the
//! core is caught before pyo3 can turn it into a `PanicException`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde_json::{Value, json};

/// Why a call into the core did not give a value.
pub(crate) enum Failure {
    /// The core refused the input.
    Core(soisua::Error),
    /// A bug: the core panicked, or a result could not be converted (the message says which).
    Internal {
        /// What went wrong, in English.
        en: String,
        /// The same in Vietnamese.
        vi: String,
    },
}

impl From<soisua::Error> for Failure {
    fn from(error: soisua::Error) -> Self {
        Failure::Core(error)
    }
}

/// The stable code of a bug in soisua (not a core code: a bug is never a verdict on the input).
const INTERNAL_ERROR: &str = "internal_error";

impl Failure {
    /// The failure as `call` answers it: `{"code", "message_en", "message_vi", "location"?}`.
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Failure::Core(error) => soisua::api::error_json(error),
            Failure::Internal { en, vi } => json!({
                "code": INTERNAL_ERROR,
                "message_en": format!("internal error in soisua: {en}; please report it"),
                "message_vi": format!("lỗi nội bộ của soisua: {vi}; xin hãy báo lại"),
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
            Err(Failure::Internal {
                en: format!("the core panicked: `{message}`"),
                vi: format!("phần lõi dừng đột ngột (panic): `{message}`"),
            })
        }
    }
}

/// Runs a core call without holding the GIL (validation of big batches), catching a panic.
pub(crate) fn detached<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, soisua::Error> + Send,
{
    py.detach(|| run(f)).map_err(|failure| failure.into_py_err(py))
}

/// The exception for a bug in soisua (`InternalError`).
pub(crate) fn internal(py: Python<'_>, en: String, vi: String) -> PyErr {
    Failure::Internal { en, vi }.into_py_err(py)
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
        let issues = match error.get("issues") {
            Some(issues) => crate::convert::to_py(py, issues)?,
            None => py.None().into_bound(py),
        };
        let exception = FROM_NATIVE.import(py, "soisua.errors", "_from_native")?.call1((
            field("code"),
            field("message_en"),
            field("message_vi"),
            location,
            issues,
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
        (None, None) => Err(internal(
            py,
            "an answer with neither `ok` nor `error`".to_owned(),
            "câu trả lời không có `ok` lẫn `error`".to_owned(),
        )),
    }
}

#[cfg(test)]
#[allow(clippy::panic, reason = "the test makes the core's call panic on purpose")]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error() {
        let failure = run(|| -> Result<(), soisua::Error> { panic!("boom") }).err().map(|f| f.to_json());
        assert_eq!(
            failure,
            Some(json!({
                "code": "internal_error",
                "message_en": "internal error in soisua: the core panicked: `boom`; please report it",
                "message_vi": "lỗi nội bộ của soisua: phần lõi dừng đột ngột (panic): `boom`; xin hãy báo lại",
            }))
        );
    }

    #[test]
    fn core_errors_keep_their_json_form() {
        let error: soisua::Error = "2020-13".parse::<soisua::Month>().unwrap_err();
        let failure = run(|| -> Result<(), soisua::Error> { Err(error.clone()) }).err().map(|f| f.to_json());
        assert_eq!(failure, Some(soisua::api::error_json(&error)));
    }
}
