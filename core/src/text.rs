//! Vietnamese-first text: a label in Vietnamese with English beside it, and NFC normalisation.
//!
//! Vietnamese can be typed in two Unicode forms (precomposed `ộ`, or `o` + combining marks).
//! Everything the library reads is normalised to NFC before it is compared or stored, so that
//! `"Đồng chí"` typed on two keyboards is one string.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text in Vietnamese with its English counterpart.
///
/// ```
/// let t = soisua::Text::new("Biểu dương", "Commend");
/// assert_eq!(t.vi, "Biểu dương");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese (the text that counts).
    pub vi: String,
    /// English (a translation or label for readers without Vietnamese).
    pub en: String,
}

impl Text {
    /// A text from its two languages.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text { vi: vi.into(), en: en.into() }
    }
}

/// The NFC form of a text, borrowed when it is already NFC (the common case).
///
/// ```
/// // "ộ" as o + combining circumflex + combining dot below
/// let decomposed = "Đ\u{6f}\u{302}\u{323}ng";
/// assert_eq!(soisua::nfc(decomposed), "Động");
/// assert!(matches!(soisua::nfc("Động"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes { Cow::Borrowed(text) } else { Cow::Owned(text.nfc().collect()) }
}

/// Whether a code is usable as an identifier: 1 to 64 characters, letters, digits, `-`, `_`, `.`.
///
/// Letters include Vietnamese letters; spaces and punctuation are refused so that codes survive
/// CSV files, URLs and spreadsheets.
///
/// ```
/// assert!(soisua::is_valid_code("TTCT-1"));
/// assert!(!soisua::is_valid_code("TTCT 1"));
/// assert!(!soisua::is_valid_code(""));
/// ```
pub fn is_valid_code(code: &str) -> bool {
    let count = code.chars().count();
    (1..=64).contains(&count) && code.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
