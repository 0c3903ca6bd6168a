//! JS values in, JS values out.
//!
//! In: a JS value becomes a [`serde_json::Value`] by a walk that refuses what JSON cannot say
//! (`NaN`, `Infinity`, `Map`, `Date`, functions, symbols, lone surrogates, nesting deeper than
//! JSON text allows) instead of silently turning it into `null` as `JSON.stringify` does. Every JS
//! call the walk makes is imported with `catch`, so a throwing getter or proxy becomes an error,
//! not an exception unwinding through Rust frames.
//!
//! Out: results are serialised with `serde-wasm-bindgen`'s JSON-compatible serializer, so maps
//! become plain objects and `None` becomes `null`.

use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::{self, MAX_DEPTH, Refusal, Step};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Array.from(value)`, handed over whole (one call instead of one per item).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_items(value: &JsValue) -> Result<Vec<JsValue>, JsValue>;

    /// The `[key, value]` pairs of `Object.entries`.
    #[wasm_bindgen(js_name = Array)]
    type Pairs;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_pairs(value: &JsValue) -> Result<Pairs, JsValue>;

    /// `pairs.flat()`: keys and values in turn, handed over whole.
    #[wasm_bindgen(catch, method, js_name = flat)]
    fn flat(this: &Pairs) -> Result<Vec<JsValue>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn property(value: &JsValue, key: &str) -> Result<JsValue, JsValue>;

    /// A JS string, for the one method js-sys does not bind.
    #[wasm_bindgen(js_name = String)]
    type JsText;

    /// `String.prototype.isWellFormed` (ES2024); an older engine throws, read as "don't know".
    #[wasm_bindgen(catch, method, js_name = isWellFormed)]
    fn is_well_formed(this: &JsText) -> Result<bool, JsValue>;

    /// `String(value)`: the decimal text of a `BigInt`.
    #[wasm_bindgen(catch, js_name = String)]
    fn string_of(value: &JsValue) -> Result<String, JsValue>;
}

/// The JSON value of a JS value given as argument `name`; `undefined` reads as `null`.
pub(crate) fn json(name: &'static str, value: &JsValue) -> Result<Value, soisua::Error> {
    let mut path = Vec::new();
    read(value, &mut path, 0).map_err(|why| error::refusal(name, &path, &why))
}

/// A required argument read as JSON (a document given as a plain object).
pub(crate) fn document(name: &'static str, value: &JsValue) -> Result<Value, soisua::Error> {
    if value.is_undefined() || value.is_null() {
        return Err(error::argument(name, "is required", "là bắt buộc"));
    }
    json(name, value)
}

/// A required string argument.
pub(crate) fn text(name: &'static str, value: &JsValue) -> Result<String, soisua::Error> {
    if value.is_undefined() || value.is_null() {
        return Err(error::argument(name, "is required", "là bắt buộc"));
    }
    if !value.is_string() {
        return Err(error::argument(name, "must be a string", "phải là một chuỗi"));
    }
    string(value).map_err(|why| error::refusal(name, &[], &why))
}

/// A required seed: a whole number from 0 to 2^64-1 (a number up to 2^53-1, or a `BigInt`).
pub(crate) fn seed(name: &'static str, value: &JsValue) -> Result<u64, soisua::Error> {
    if value.is_undefined() || value.is_null() {
        return Err(error::argument(name, "is required", "là bắt buộc"));
    }
    match json(name, value)? {
        Value::Number(number) => number.as_u64().ok_or_else(|| {
            error::argument(name, "must be a whole number from 0 to 2^64-1", "phải là số nguyên từ 0 đến 2^64-1")
        }),
        _ => Err(error::argument(name, "must be a number", "phải là một số")),
    }
}

/// A catalogue given as argument `name`: a `Catalogue` (read back through its `toJson`, as
/// wasm-bindgen cannot borrow an optional class argument) or a plain object of the wire shape;
/// `undefined` and `null` are `None`.
pub(crate) fn catalogue(name: &'static str, value: &JsValue) -> Result<Option<soisua::Catalogue>, soisua::Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let to_json = property(value, "toJson").ok().and_then(|method| method.dyn_into::<js_sys::Function>().ok());
    match to_json {
        Some(method) => {
            let text = method.call0(value).map_err(|thrown| error::refusal(name, &[], &unreadable(&thrown)))?;
            let text = text.as_string().ok_or_else(|| {
                error::argument(
                    name,
                    "must be a catalogue or a plain object",
                    "phải là một danh mục hoặc một đối tượng thông thường",
                )
            })?;
            soisua::Catalogue::from_json(&text).map(Some)
        }
        None => soisua::Catalogue::from_value(json(name, value)?).map(Some),
    }
}

/// The own enumerable properties of a JS object given as argument `name`, as `[key, value]` pairs
/// (an options object); a property set to `undefined` is left out, as in `JSON.stringify`.
pub(crate) fn entries(name: &'static str, value: &JsValue) -> Result<Vec<(String, JsValue)>, soisua::Error> {
    let pairs = object_entries(value).map_err(|e| error::refusal(name, &[], &unreadable(&e)))?;
    Ok(pairs
        .iter()
        .map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .filter(|(_, item)| !item.is_undefined())
        .collect())
}

/// The text a class instance gives of itself through its `toJson()` (`Catalogue`,
/// `Organisation`), or `None` for a value without that method.
pub(crate) fn own_json(name: &'static str, value: &JsValue) -> Result<Option<String>, soisua::Error> {
    if !value.is_object() {
        return Ok(None);
    }
    let Some(method) = property(value, "toJson").ok().and_then(|method| method.dyn_into::<js_sys::Function>().ok())
    else {
        return Ok(None);
    };
    let text = method.call0(value).map_err(|thrown| error::refusal(name, &[], &unreadable(&thrown)))?;
    Ok(text.as_string())
}

/// The JS value of a result: plain objects and arrays, `null` for absent values.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, soisua::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| error::output(&e.to_string()))
}

/// Whether every string and key of a JSON value is ASCII (and so already in NFC).
pub(crate) fn is_ascii(value: &Value) -> bool {
    match value {
        Value::String(text) => text.is_ascii(),
        Value::Array(items) => items.iter().all(is_ascii),
        Value::Object(map) => map.iter().all(|(key, item)| key.is_ascii() && is_ascii(item)),
        Value::Null | Value::Bool(_) | Value::Number(_) => true,
    }
}

// Each question asked of a JS value is a call into JS: strings (the most common) and objects are
// recognised first, with one call each, and arrays and objects are handed over whole.
fn read(value: &JsValue, path: &mut Vec<Step>, depth: usize) -> Result<Value, Refusal> {
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(text) = value.as_string() {
        return well_formed(value, text).map(Value::String);
    }
    if value.is_object() {
        return read_object(value, path, depth);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        return finite(number).map(Value::Number);
    }
    if value.is_bigint() {
        return bigint(value).map(Value::Number);
    }
    if value.is_function() {
        return Err(Refusal::Function);
    }
    if value.is_symbol() {
        return Err(Refusal::Symbol);
    }
    read_object(value, path, depth)
}

/// An object (`typeof` is `object`): an array or a plain object.
fn read_object(value: &JsValue, path: &mut Vec<Step>, depth: usize) -> Result<Value, Refusal> {
    // serde_json refuses JSON text nested 128 deep; refuse the same here.
    if depth + 1 >= MAX_DEPTH {
        return Err(Refusal::TooDeep);
    }
    if is_array(value).map_err(|e| unreadable(&e))? {
        let items = array_items(value).map_err(|e| unreadable(&e))?;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            path.push(Step::Index(index));
            out.push(read(item, path, depth + 1)?);
            path.pop();
        }
        return Ok(Value::Array(out));
    }
    if !is_plain(value)? {
        return Err(Refusal::NotPlain(constructor_name(value)));
    }
    let mut map = Map::new();
    let entries = object_pairs(value).and_then(|pairs| pairs.flat()).map_err(|e| unreadable(&e))?;
    for pair in entries.chunks_exact(2) {
        let [key, item] = pair else { continue };
        // As in JSON.stringify, a property set to `undefined` is a property left out.
        if item.is_undefined() {
            continue;
        }
        let key = key.as_string().unwrap_or_default();
        path.push(Step::Key(key.clone()));
        let item = read(item, path, depth + 1)?;
        path.pop();
        map.insert(key, item);
    }
    Ok(Value::Object(map))
}

/// A JS number as a JSON number: integers up to 2^53 stay integers, so `seed: 7` is `7`, not `7.0`.
fn finite(number: f64) -> Result<Number, Refusal> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if number.is_nan() {
        return Err(Refusal::NotFinite("NaN"));
    }
    if number.is_infinite() {
        return Err(Refusal::NotFinite(if number > 0.0 { "Infinity" } else { "-Infinity" }));
    }
    if number.fract() == 0.0 && number.abs() <= SAFE {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number within ±2^53 converts exactly"
        )]
        return Ok(if number >= 0.0 { Number::from(number as u64) } else { Number::from(number as i64) });
    }
    Number::from_f64(number).ok_or(Refusal::NotFinite("NaN"))
}

fn bigint(value: &JsValue) -> Result<Number, Refusal> {
    let text = string_of(value).map_err(|e| unreadable(&e))?;
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Number::from(n));
    }
    if let Ok(n) = text.parse::<i64>() {
        return Ok(Number::from(n));
    }
    let mut shown: String = text.chars().take(40).collect();
    if text.len() > shown.len() {
        shown.push('…');
    }
    Err(Refusal::BigIntRange(shown))
}

fn string(value: &JsValue) -> Result<String, Refusal> {
    let text = value.as_string().ok_or_else(|| Refusal::Unreadable("not a string".to_owned()))?;
    well_formed(value, text)
}

/// `text`, read from the JS string `value`, unless the string has a lone surrogate. Reading turns
/// a lone surrogate into U+FFFD, so only a text with U+FFFD needs the string asked.
fn well_formed(value: &JsValue, text: String) -> Result<String, Refusal> {
    if text.contains('\u{FFFD}') && value.unchecked_ref::<JsText>().is_well_formed() == Ok(false) {
        return Err(Refusal::LoneSurrogate);
    }
    Ok(text)
}

/// A plain object: made by `{}`, `JSON.parse` or `Object.create(null)` (its prototype is null or
/// has no prototype itself), not a `Map`, a `Date` or a class instance.
fn is_plain(value: &JsValue) -> Result<bool, Refusal> {
    let prototype = prototype_of(value).map_err(|e| unreadable(&e))?;
    if prototype.is_null() {
        return Ok(true);
    }
    Ok(prototype_of(&prototype).map_err(|e| unreadable(&e))?.is_null())
}

fn constructor_name(value: &JsValue) -> String {
    property(value, "constructor")
        .and_then(|constructor| property(&constructor, "name"))
        .ok()
        .and_then(|name| name.as_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "Object".to_owned())
}

fn unreadable(thrown: &JsValue) -> Refusal {
    let message = property(thrown, "message")
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "it threw".to_owned());
    Refusal::Unreadable(message.chars().take(200).collect())
}

/// A document argument that must be a plain object (as Python requires a `dict`): anything else is
/// `invalid_argument`, the same code in both bindings.
pub(crate) fn object(name: &'static str, value: &JsValue) -> Result<Value, wasm_bindgen::JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(crate::error::to_js(&crate::error::argument(
            name,
            "must be an object or its JSON text",
            "phải là một đối tượng hoặc chuỗi JSON của nó",
        )));
    }
    document(name, value).map_err(|e| error::to_js(&e))
}
