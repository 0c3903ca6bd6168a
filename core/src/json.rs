//! Reading JSON documents: NFC-normalised, strict (`deny_unknown_fields`), with errors located by
//! path, line and column.

use serde::de::DeserializeOwned;

use crate::error::{Error, Location};
use crate::path::Path;
use crate::text::nfc;

/// Parses a JSON document of type `T`, normalising the whole text to NFC first (JSON's own
/// syntax is ASCII, so normalising never changes the structure).
///
/// `document` names the document in error messages (`catalogue`, `organisation`, …).
pub(crate) fn parse<T: DeserializeOwned>(document: &'static str, text: &str) -> Result<T, Error> {
    let text = nfc(text);
    let mut de = serde_json::Deserializer::from_str(&text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = Path::from(e.path());
        let inner = e.inner();
        Error::Json {
            document,
            location: Location { path, line: Some(inner.line() as u64), column: Some(inner.column() as u64) },
            detail: inner.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
        }
    })?;
    de.end().map_err(|e| Error::Json {
        document,
        location: Location { path: Path::root(), line: Some(e.line() as u64), column: Some(e.column() as u64) },
        detail: "trailing characters after the document".to_owned(),
    })?;
    Ok(value)
}

/// Parses a JSON value (already in memory, e.g. from a binding) as a `T`, NFC-normalising strings.
pub(crate) fn from_value<T: DeserializeOwned>(document: &'static str, value: serde_json::Value) -> Result<T, Error> {
    let value = normalise(value);
    serde_path_to_error::deserialize(value).map_err(|e| Error::Json {
        document,
        location: Location { path: Path::from(e.path()), line: None, column: None },
        detail: e.inner().to_string(),
    })
}

/// Parses a JSON value found at `key` of a larger document, locating errors from that key.
pub(crate) fn nested<T: DeserializeOwned>(
    document: &'static str,
    key: &str,
    value: serde_json::Value,
) -> Result<T, Error> {
    from_value(document, value).map_err(|error| match error {
        Error::Json { document, location, detail } => {
            let mut path = Path::root().key(key);
            path.0.extend(location.path.0);
            Error::Json { document, location: Location { path, line: None, column: None }, detail }
        }
        other => other,
    })
}

fn normalise(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(nfc(&s).into_owned()),
        Value::Array(items) => Value::Array(items.into_iter().map(normalise).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (nfc(&k).into_owned(), normalise(v))).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        code: String,
    }

    #[test]
    fn shape_errors_are_located() {
        let err = parse::<Doc>("catalogue", "{\"items\": [{\"code\": \"a\"},\n {\"code\": 3}]}").unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        let loc = err.location().unwrap();
        assert_eq!(loc.path.to_string(), "items[1].code");
        assert_eq!(loc.line, Some(2));
        assert_eq!(
            err.to_string(),
            "invalid catalogue JSON at items[1].code (line 2, column 11): invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn syntax_errors_and_trailing_text() {
        assert_eq!(parse::<Doc>("catalogue", "{").unwrap_err().code(), "invalid_json");
        assert_eq!(parse::<Doc>("catalogue", "{\"items\": []} x").unwrap_err().code(), "invalid_json");
        let err = parse::<Doc>("catalogue", "{\"items\": [], \"extra\": 1}").unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"));
    }

    #[test]
    fn text_is_normalised() {
        let doc: Doc = parse("catalogue", "{\"items\": [{\"code\": \"o\u{302}\u{323}\"}]}").unwrap();
        assert_eq!(doc.items[0].code, "ộ");
    }
}
