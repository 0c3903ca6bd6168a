//! Result fingerprints: a SHA-256 over what a result depends on and what it says, so that a server
//! can confirm that a result computed elsewhere (in a browser, in a notebook) is the one it
//! computes itself.
//!
//! The hashed text is, line by line: the format (`soisua-fingerprint/1`); the catalogue's id and
//! version; the policy's id and version; the review normalised (text in NFC, answers in item
//! order) as compact JSON; the result (verdict, rules, explanation, cases, findings) as compact
//! JSON. The fingerprint is `sha256:` and the digest in lowercase hex. Rust, Python and
//! JavaScript compute it with the same code, so they agree byte for byte.

use std::borrow::Cow;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::catalogue::CatalogueRef;
use crate::policy::Policy;
use crate::review::{Answer, MonthlyReview};
use crate::{Error, Location, Path, nfc};

/// The version of the fingerprint's format, hashed first: a change to what is hashed changes it.
pub const FORMAT: &str = "soisua-fingerprint/1";

/// The fingerprint of `output`, the result of evaluating `review` under `catalogue` and `policy`.
///
/// The hashed text is written into one reused buffer and hashed at once: no copy of the review
/// (its normalised form is serialised from borrowed parts, see [`Normalised`]) and no allocation
/// per call once the buffer has grown.
pub(super) fn of_review(
    catalogue: &CatalogueRef,
    policy: &Policy,
    review: &MonthlyReview,
    output: &impl Serialize,
) -> Result<String, Error> {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => hash_into(&mut buffer, catalogue, policy, review, output),
        // Re-entered (a serialiser calling back in): a buffer of its own.
        Err(_) => hash_into(&mut Vec::new(), catalogue, policy, review, output),
    })
}

thread_local! {
    /// The text hashed, kept between calls so that it is not grown again each time.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The largest buffer kept between calls (a larger one is given back).
const KEPT: usize = 1 << 20;

fn hash_into(
    buffer: &mut Vec<u8>,
    catalogue: &CatalogueRef,
    policy: &Policy,
    review: &MonthlyReview,
    output: &impl Serialize,
) -> Result<String, Error> {
    buffer.clear();
    let lines = [FORMAT, "\ncatalogue ", &catalogue.id, " ", &catalogue.version, "\npolicy ", &policy.id, " "];
    for part in lines {
        buffer.extend_from_slice(part.as_bytes());
    }
    buffer.extend_from_slice(policy.version.as_bytes());
    buffer.push(b'\n');
    let written = json_into(buffer, &Normalised::of(review))
        .and_then(|()| {
            buffer.push(b'\n');
            json_into(buffer, output)
        })
        .map(|()| Sha256::digest(buffer.as_slice()));
    if buffer.capacity() > KEPT {
        *buffer = Vec::new();
    }
    let digest = written?;
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        text.push(hex(byte >> 4));
        text.push(hex(byte & 0x0f));
    }
    Ok(text)
}

/// Text in NFC, borrowed when it already is (ASCII always is).
fn nfc_of(text: &str) -> Cow<'_, str> {
    if text.is_ascii() { Cow::Borrowed(text) } else { nfc(text) }
}

/// The review as the fingerprint sees it: text in NFC and answers in item order, so that the
/// same conclusions typed differently or listed in another order hash the same. Serialises
/// exactly as [`normalised`] would (a test checks it), from borrowed parts.
#[derive(Serialize)]
struct Normalised<'a> {
    member: Cow<'a, str>,
    unit: Cow<'a, str>,
    month: &'a crate::Month,
    catalogue: &'a CatalogueRef,
    status: &'a crate::ReviewStatus,
    answers: Answers<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Cow<'a, str>>,
}

/// The answers in item order (a stable sort, as `sort_by` on the items), each serialised as
/// itself, or as a copy with its item in NFC when it is not.
struct Answers<'a>(Vec<Cow<'a, Answer>>);

impl<'a> Normalised<'a> {
    fn of(review: &'a MonthlyReview) -> Self {
        let mut answers: Vec<Cow<'a, Answer>> = review
            .answers
            .iter()
            .map(|answer| match nfc_of(&answer.item) {
                Cow::Borrowed(_) => Cow::Borrowed(answer),
                Cow::Owned(item) => Cow::Owned(Answer { item, ..answer.clone() }),
            })
            .collect();
        answers.sort_by(|a, b| a.item.cmp(&b.item));
        Normalised {
            member: nfc_of(&review.member),
            unit: nfc_of(&review.unit),
            month: &review.month,
            catalogue: &review.catalogue,
            status: &review.status,
            answers: Answers(answers),
            notes: review.notes.as_deref().map(nfc_of),
        }
    }
}

impl Serialize for Answers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(AsRef::<Answer>::as_ref))
    }
}

/// The review normalised as a copy: what [`Normalised`] serialises as (kept for the test).
#[cfg(test)]
fn normalised(review: &MonthlyReview) -> MonthlyReview {
    let mut review = review.clone();
    for text in [&mut review.member, &mut review.unit] {
        *text = nfc(text).into_owned();
    }
    if let Some(notes) = review.notes.as_mut() {
        *notes = nfc(notes).into_owned();
    }
    for answer in &mut review.answers {
        answer.item = nfc(&answer.item).into_owned();
    }
    review.answers.sort_by(|a, b| a.item.cmp(&b.item));
    review
}

fn json_into(buffer: &mut Vec<u8>, value: &impl Serialize) -> Result<(), Error> {
    serde_json::to_writer(buffer, value).map_err(|e| Error::Json {
        document: "fingerprint",
        location: Location { path: Path::root(), line: None, column: None },
        detail: e.to_string(),
    })
}

fn hex(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn review(json: serde_json::Value) -> MonthlyReview {
        serde_json::from_value(json).unwrap()
    }

    /// The hashed review text is the copy's, byte for byte: NFC, answers sorted (stably), notes
    /// present or not, `self` and `cell` present or not.
    #[test]
    fn borrowed_view_serialises_as_the_copy() {
        let catalogue = serde_json::json!({"id": "central-2020", "version": "2020.1"});
        let cases = [
            serde_json::json!({"member": "DV1", "unit": "CB", "month": "2020-09", "catalogue": catalogue,
                "status": "draft", "answers": []}),
            serde_json::json!({"member": "Đ\u{6f}\u{302}\u{323}ng", "unit": "Chi bo\u{302}\u{323}", "month": "2021-01",
                "catalogue": catalogue, "status": "final", "notes": "ghi chu\u{301}",
                "answers": [{"item": "TTCT-2", "cell": "present"}, {"item": "DDLS-1", "self": "none"},
                    {"item": "TTCT-2", "self": "present", "cell": "none"}, {"item": "o\u{302}-1"},
                    {"item": "ộ-1", "cell": "good"}, {"item": "QD47-1", "self": "clear", "cell": "violated"}]}),
            serde_json::json!({"member": "DV2", "unit": "CB", "month": "2020-09", "catalogue": catalogue,
                "status": "final", "notes": "", "answers": [{"item": "B", "cell": "none"}, {"item": "A"}]}),
        ];
        for case in cases {
            let review = review(case);
            let copy = serde_json::to_vec(&normalised(&review)).unwrap();
            let view = serde_json::to_vec(&Normalised::of(&review)).unwrap();
            assert_eq!(String::from_utf8(view).unwrap(), String::from_utf8(copy).unwrap());
        }
    }
}
