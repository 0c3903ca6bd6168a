//! Errors thrown to JavaScript, and the binding's own refusals of JS values that are not JSON.
//!
//! Every error crosses the boundary as a real `Error` object with `name = "SoisuaError"`, the
//! core's stable `code`, `messageVi`, `messageEn` (also its `message`) and `location` when the
//! core gives one. Values the binding refuses before reaching the core (`NaN`, a `Map`, a
//! function, nesting too deep) become the core's `invalid_argument` error, so the codes stay the
//! core's and the same across languages.

use serde_json::Value;
use wasm_bindgen::JsValue;

/// How deep JS objects and arrays may nest: the same limit `serde_json` puts on JSON text, so
/// `fromObject` and `fromJson` accept the same documents.
pub(crate) const MAX_DEPTH: usize = 128;

/// One step into a JS value, kept to say where a refused value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A property of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// Why a JS value cannot be read as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `NaN`, `Infinity` or `-Infinity` (the text is the JS spelling).
    NotFinite(&'static str),
    /// Objects or arrays nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An object that is not a plain object or array (`Map`, `Date`, a class instance), with its
    /// constructor's name.
    NotPlain(String),
    /// A function.
    Function,
    /// A symbol.
    Symbol,
    /// A `BigInt` outside the 64-bit range, with its decimal text.
    BigIntRange(String),
    /// A string with a lone UTF-16 surrogate, which has no UTF-8 form.
    LoneSurrogate,
    /// Reading the value threw (a getter, a proxy), with the thrown message.
    Unreadable(String),
}

/// The path as the core prints JSON paths: `groups[0].items[3].code`.
pub(crate) fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
        }
    }
    out
}

/// The core error for a refused value in argument `name` at `path`.
pub(crate) fn refusal(name: &'static str, path: &[Step], refusal: &Refusal) -> soisua::Error {
    let (what_en, what_vi, why_en, why_vi) = match refusal {
        Refusal::NotFinite(text) => (
            format!("`{text}`"),
            format!("`{text}`"),
            "is not a JSON number".to_owned(),
            "không phải là số JSON".to_owned(),
        ),
        Refusal::TooDeep => (
            "the value".to_owned(),
            "giá trị".to_owned(),
            format!("is nested deeper than {MAX_DEPTH} levels"),
            format!("lồng sâu quá {MAX_DEPTH} cấp"),
        ),
        Refusal::NotPlain(constructor) => (
            format!("a `{constructor}` object"),
            format!("đối tượng `{constructor}`"),
            "is not plain JSON data (use plain objects and arrays)".to_owned(),
            "không phải dữ liệu JSON thuần (hãy dùng đối tượng và mảng thông thường)".to_owned(),
        ),
        Refusal::Function => (
            "a function".to_owned(),
            "hàm".to_owned(),
            "is not JSON data".to_owned(),
            "không phải dữ liệu JSON".to_owned(),
        ),
        Refusal::Symbol => (
            "a symbol".to_owned(),
            "ký hiệu (symbol)".to_owned(),
            "is not JSON data".to_owned(),
            "không phải dữ liệu JSON".to_owned(),
        ),
        Refusal::BigIntRange(text) => (
            format!("the BigInt `{text}`"),
            format!("số BigInt `{text}`"),
            "does not fit in 64 bits".to_owned(),
            "vượt quá 64 bit".to_owned(),
        ),
        Refusal::LoneSurrogate => (
            "the text".to_owned(),
            "chuỗi".to_owned(),
            "is not valid Unicode (it has a lone surrogate)".to_owned(),
            "không phải Unicode hợp lệ (có surrogate đơn lẻ)".to_owned(),
        ),
        Refusal::Unreadable(message) => (
            "the value".to_owned(),
            "giá trị".to_owned(),
            format!("cannot be read: {message}"),
            format!("không đọc được: {message}"),
        ),
    };
    let (detail, detail_vi) = if path.is_empty() {
        (format!("{what_en} {why_en}"), format!("{what_vi} {why_vi}"))
    } else {
        let at = path_text(path);
        (format!("{what_en} at `{at}` {why_en}"), format!("{what_vi} tại `{at}` {why_vi}"))
    };
    soisua::Error::Argument { name, detail, detail_vi }
}

/// A refused argument with the core's wording for the common cases (`is required`, `must be a
/// string`).
pub(crate) fn argument(name: &'static str, en: &str, vi: &str) -> soisua::Error {
    soisua::Error::Argument { name, detail: en.to_owned(), detail_vi: vi.to_owned() }
}

/// The error for a result the binding could not hand to JavaScript (a number beyond 2^53), worded
/// as the core's JSON api words it.
pub(crate) fn output(detail: &str) -> soisua::Error {
    argument("output", detail, detail)
}

/// The JS `Error` for a core error.
pub(crate) fn to_js(error: &soisua::Error) -> JsValue {
    from_answer(&soisua::api::error_json(error))
}

/// The JS `Error` for an error answer of the core's JSON api (`{code, message_en, message_vi,
/// location?}`).
pub(crate) fn from_answer(error: &Value) -> JsValue {
    let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default();
    let location = error.get("location").and_then(|location| crate::value::to_js(location).ok());
    let error_js = build(text("code"), text("message_en"), text("message_vi"), location);
    if let Some(issues) = error.get("issues").and_then(|issues| crate::value::to_js(issues).ok()) {
        // Setting a property on a fresh `Error` cannot throw: there is no setter to run.
        let _ = js_sys::Reflect::set(&error_js, &JsValue::from_str("issues"), &issues);
    }
    error_js
}

fn build(code: &str, message_en: &str, message_vi: &str, location: Option<JsValue>) -> JsValue {
    let error = js_sys::Error::new(message_en);
    error.set_name("SoisuaError");
    let set = |key: &str, value: &JsValue| {
        // Setting a property on a fresh `Error` cannot throw: there is no setter to run.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), value);
    };
    set("code", &JsValue::from_str(code));
    set("messageVi", &JsValue::from_str(message_vi));
    set("messageEn", &JsValue::from_str(message_en));
    if let Some(location) = location {
        set("location", &location);
    }
    error.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(error: &soisua::Error) -> (String, String, &'static str) {
        (error.message_en(), error.message_vi(), error.code())
    }

    #[test]
    fn paths_print_like_the_core() {
        let path = [Step::Key("groups".into()), Step::Index(0), Step::Key("items".into()), Step::Index(3)];
        assert_eq!(path_text(&path), "groups[0].items[3]");
        assert_eq!(path_text(&[Step::Index(2), Step::Key("code".into())]), "[2].code");
        assert_eq!(path_text(&[]), "");
    }

    #[test]
    fn not_finite_at_a_path_and_at_the_root() {
        let path = [Step::Key("catalogue".into()), Step::Key("declared_count".into())];
        let error = refusal("input", &path, &Refusal::NotFinite("NaN"));
        assert_eq!(
            texts(&error),
            (
                "invalid argument `input`: `NaN` at `catalogue.declared_count` is not a JSON number".to_owned(),
                "tham số `input` không hợp lệ: `NaN` tại `catalogue.declared_count` không phải là số JSON".to_owned(),
                "invalid_argument"
            )
        );
        let error = refusal("seed", &[], &Refusal::NotFinite("Infinity"));
        assert_eq!(error.message_en(), "invalid argument `seed`: `Infinity` is not a JSON number");
        assert_eq!(error.message_vi(), "tham số `seed` không hợp lệ: `Infinity` không phải là số JSON");
    }

    #[test]
    fn every_refusal_reads_well() {
        let path = [Step::Key("a".into()), Step::Index(1)];
        let cases = [
            (
                Refusal::TooDeep,
                "the value at `a[1]` is nested deeper than 128 levels",
                "giá trị tại `a[1]` lồng sâu quá 128 cấp",
            ),
            (
                Refusal::NotPlain("Map".into()),
                "a `Map` object at `a[1]` is not plain JSON data (use plain objects and arrays)",
                "đối tượng `Map` tại `a[1]` không phải dữ liệu JSON thuần (hãy dùng đối tượng và mảng thông thường)",
            ),
            (Refusal::Function, "a function at `a[1]` is not JSON data", "hàm tại `a[1]` không phải dữ liệu JSON"),
            (
                Refusal::Symbol,
                "a symbol at `a[1]` is not JSON data",
                "ký hiệu (symbol) tại `a[1]` không phải dữ liệu JSON",
            ),
            (
                Refusal::BigIntRange("-1".into()),
                "the BigInt `-1` at `a[1]` does not fit in 64 bits",
                "số BigInt `-1` tại `a[1]` vượt quá 64 bit",
            ),
            (
                Refusal::LoneSurrogate,
                "the text at `a[1]` is not valid Unicode (it has a lone surrogate)",
                "chuỗi tại `a[1]` không phải Unicode hợp lệ (có surrogate đơn lẻ)",
            ),
            (
                Refusal::Unreadable("boom".into()),
                "the value at `a[1]` cannot be read: boom",
                "giá trị tại `a[1]` không đọc được: boom",
            ),
        ];
        for (why, en, vi) in cases {
            let error = refusal("object", &path, &why);
            assert_eq!(error.code(), "invalid_argument");
            assert_eq!(error.message_en(), format!("invalid argument `object`: {en}"));
            assert_eq!(error.message_vi(), format!("tham số `object` không hợp lệ: {vi}"));
        }
    }

    #[test]
    fn arguments_use_the_core_wording() {
        let error = argument("text", "must be a string", "phải là một chuỗi");
        assert_eq!(
            texts(&error),
            (
                "invalid argument `text`: must be a string".to_owned(),
                "tham số `text` không hợp lệ: phải là một chuỗi".to_owned(),
                "invalid_argument"
            )
        );
        assert_eq!(output("x").code(), "invalid_argument");
    }
}
