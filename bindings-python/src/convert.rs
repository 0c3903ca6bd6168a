//! Conversions at the boundary: Python objects to JSON values (strict, with located errors) and
//! serialisable Rust values back to plain Python objects.
//!
//! Python → JSON accepts exactly what `json.dumps(obj, allow_nan=False)` would write without
//! coercion: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list` / `tuple`, and `dict`
//! with `str` keys. Anything else is an `invalid_argument` error naming the argument and the path
//! inside it, so a caller sees *where* their object is wrong rather than a bare `TypeError`.
//!
//! JSON → Python goes through `serde_json::to_string` and the standard `json.loads`: serde
//! writes struct fields in declaration order and integers as integers, and `json.loads` keeps
//! both, so a finding is a dict whose keys come in `Issue`'s field order and whose counts are ints.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use soisua::{Error, Path, Segment};

/// Deepest nesting accepted, as `serde_json`'s own parser (a self-containing list must not
/// overflow the stack).
const MAX_DEPTH: usize = 128;

/// The JSON value of a Python object passed as argument `name`.
pub(crate) fn to_value(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    value(obj, 0).map_err(|refusal| refusal.into_error(name))
}

/// The JSON value of a Python object that must be a `dict` (a document: catalogue, organisation,
/// review batch).
pub(crate) fn to_object(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    if obj.cast::<PyDict>().is_err() {
        return Err(wrong_type(name, "a dict", "một dict", obj));
    }
    to_value(name, obj)
}

/// A document given as a `dict` or as its JSON text (`str`).
pub(crate) fn to_document(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Value, Error> {
    if obj.cast::<PyString>().is_err() {
        return to_object(name, obj);
    }
    let text = to_string(name, obj)?;
    serde_json::from_str(&text).map_err(|e| Error::Json {
        document: "request",
        location: soisua::Location {
            path: soisua::Path::root().key(name),
            line: Some(e.line() as u64),
            column: Some(e.column() as u64),
        },
        detail: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
    })
}

/// The text of a Python `str` passed as argument `name`.
pub(crate) fn to_string(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<String, Error> {
    match obj.cast::<PyString>() {
        Ok(s) => text(s).map_err(|refusal| refusal.into_error(name)),
        Err(_) => Err(wrong_type(name, "a string", "một chuỗi", obj)),
    }
}

/// A seed: a Python `int` (not a `bool`) from 0 to 2^64-1.
pub(crate) fn to_seed(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<u64, Error> {
    if obj.cast::<PyBool>().is_ok() || obj.cast::<PyInt>().is_err() {
        return Err(wrong_type(name, "an int", "một số nguyên", obj));
    }
    obj.extract::<u64>().map_err(|_| {
        argument(
            name,
            "must be a whole number from 0 to 2^64-1".to_owned(),
            "phải là số nguyên từ 0 đến 2^64-1".to_owned(),
        )
    })
}

/// Why a Python value is not JSON, and where: the path is collected innermost first while the
/// recursion unwinds, so the common case (nothing wrong) builds no paths at all.
struct Refusal {
    reason: Reason,
    reversed_path: Vec<Segment>,
}

enum Reason {
    TooDeep,
    NotJson(String),
    KeyNotString(String),
    NotFinite(f64),
    TooBig,
    LoneSurrogate,
}

impl Refusal {
    fn new(reason: Reason) -> Self {
        Refusal { reason, reversed_path: Vec::new() }
    }

    fn within(mut self, segment: Segment) -> Self {
        self.reversed_path.push(segment);
        self
    }

    fn into_error(self, name: &'static str) -> Error {
        let path = Path(self.reversed_path.into_iter().rev().collect());
        let (at_en, at_vi) = if path.is_root() {
            (String::new(), String::new())
        } else {
            (format!(" at `{path}`"), format!(" tại `{path}`"))
        };
        let (en, vi) = match self.reason {
            Reason::TooDeep => (
                format!("nested more than {MAX_DEPTH} levels deep{at_en}"),
                format!("lồng sâu quá {MAX_DEPTH} cấp{at_vi}"),
            ),
            Reason::NotJson(ty) => (
                format!("a value of type `{ty}`{at_en} is not JSON"),
                format!("giá trị kiểu `{ty}`{at_vi} không phải JSON"),
            ),
            Reason::KeyNotString(ty) => (
                format!("a key of type `{ty}`{at_en} is not a string"),
                format!("khóa kiểu `{ty}`{at_vi} không phải một chuỗi"),
            ),
            Reason::NotFinite(x) => {
                (format!("the number `{x}`{at_en} is not finite"), format!("số `{x}`{at_vi} không hữu hạn"))
            }
            Reason::TooBig => {
                (format!("the integer{at_en} does not fit in 64 bits"), format!("số nguyên{at_vi} vượt quá 64 bit"))
            }
            Reason::LoneSurrogate => (
                format!("the text{at_en} is not valid Unicode (it has a lone surrogate)"),
                format!("văn bản{at_vi} không phải Unicode hợp lệ (có nửa cặp surrogate lẻ)"),
            ),
        };
        argument(name, en, vi)
    }
}

fn value(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Refusal> {
    if depth > MAX_DEPTH {
        return Err(Refusal::new(Reason::TooDeep));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: Python's bool is a subclass of int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        return obj
            .extract::<i64>()
            .map(Value::from)
            .or_else(|_| obj.extract::<u64>().map(Value::from))
            .map_err(|_| Refusal::new(Reason::TooBig));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let x = f.value();
        return Number::from_f64(x).map(Value::Number).ok_or_else(|| Refusal::new(Reason::NotFinite(x)));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return text(s).map(Value::String);
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return array(list.iter(), depth);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return array(tuple.iter(), depth);
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(Refusal::new(Reason::KeyNotString(type_name(&key))));
            };
            let key = text(key)?;
            match value(&item, depth + 1) {
                Ok(item) => map.insert(key, item),
                Err(refusal) => return Err(refusal.within(Segment::Key(key))),
            };
        }
        return Ok(Value::Object(map));
    }
    Err(Refusal::new(Reason::NotJson(type_name(obj))))
}

fn array<'py>(items: impl Iterator<Item = Bound<'py, PyAny>>, depth: usize) -> Result<Value, Refusal> {
    items
        .enumerate()
        .map(|(i, item)| value(&item, depth + 1).map_err(|refusal| refusal.within(Segment::Index(i as u64))))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn text(s: &Bound<'_, PyString>) -> Result<String, Refusal> {
    s.to_cow().map(std::borrow::Cow::into_owned).map_err(|_| Refusal::new(Reason::LoneSurrogate))
}

/// The error for an argument of the wrong Python type.
pub(crate) fn wrong_type(name: &'static str, expected_en: &str, expected_vi: &str, obj: &Bound<'_, PyAny>) -> Error {
    let ty = type_name(obj);
    argument(name, format!("must be {expected_en}, not `{ty}`"), format!("phải là {expected_vi}, không phải `{ty}`"))
}

fn argument(name: &'static str, detail: String, detail_vi: String) -> Error {
    Error::Argument { name, detail, detail_vi }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// A serialisable Rust value as a plain Python object (dicts, lists, str, int, float, bool, None).
pub(crate) fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let text = serde_json::to_string(value).map_err(|e| {
        crate::error::internal(py, format!("cannot convert a result: {e}"), format!("không chuyển được kết quả: {e}"))
    })?;
    LOADS.import(py, "json", "loads")?.call1((text,))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a failing test may panic")]
mod tests {
    use super::*;
    use serde_json::json;

    fn convert(code: &str) -> Result<Value, Error> {
        Python::initialize();
        Python::attach(|py| {
            let obj = py.eval(&std::ffi::CString::new(code).unwrap(), None, None).unwrap();
            to_value("obj", &obj)
        })
    }

    #[test]
    fn plain_values_convert() {
        assert_eq!(
            convert("{'a': [1, 2.5, True, None, 'ộ'], 'b': (-3, 2**64 - 1)}").unwrap(),
            json!({"a": [1, 2.5, true, null, "ộ"], "b": [-3, u64::MAX]})
        );
    }

    #[test]
    fn refusals_are_located() {
        let err = convert("{'groups': [{'code': {1, 2}}]}").unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert_eq!(err.to_string(), "invalid argument `obj`: a value of type `set` at `groups[0].code` is not JSON");
        assert_eq!(
            err.message_vi(),
            "tham số `obj` không hợp lệ: giá trị kiểu `set` tại `groups[0].code` không phải JSON"
        );
        assert_eq!(
            convert("[float('nan')]").unwrap_err().to_string(),
            "invalid argument `obj`: the number `NaN` at `[0]` is not finite"
        );
        assert_eq!(
            convert("{1: 2}").unwrap_err().to_string(),
            "invalid argument `obj`: a key of type `int` is not a string"
        );
        assert_eq!(
            convert("2**64").unwrap_err().to_string(),
            "invalid argument `obj`: the integer does not fit in 64 bits"
        );
        assert_eq!(
            convert("'\\ud800'").unwrap_err().to_string(),
            "invalid argument `obj`: the text is not valid Unicode (it has a lone surrogate)"
        );
    }

    #[test]
    fn self_containing_list_is_refused() {
        let err = convert("(lambda a: (a.append(a), a)[1])([])").unwrap_err();
        assert!(err.to_string().contains("nested more than 128 levels deep"));
    }
}
