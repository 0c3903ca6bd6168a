//! Result fingerprints: a SHA-256 over what a result depends on and what it says, so that a server
//! can confirm that a result computed elsewhere (in a browser, in a notebook) is the one it
//! computes itself.
//!
//! The hashed text is, line by line: the format (`soisua-fingerprint/1`); the catalogue's id and
//! version; the policy's id and version; the review normalised (text in NFC, answers in item
//! order) as compact JSON; the result (verdict, rules, explanation, cases, findings) as compact
//! JSON. The fingerprint is `sha256:` and the digest in lowercase hex. Rust, Python and
//! JavaScript compute it with the same code, so they agree byte for byte.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::catalogue::CatalogueRef;
use crate::policy::Policy;
use crate::review::MonthlyReview;
use crate::{Error, Location, Path, nfc};

/// The version of the fingerprint's format, hashed first: a change to what is hashed changes it.
pub const FORMAT: &str = "soisua-fingerprint/1";

/// The fingerprint of `output`, the result of evaluating `review` under `catalogue` and `policy`.
pub(super) fn of_review(
    catalogue: &CatalogueRef,
    policy: &Policy,
    review: &MonthlyReview,
    output: &impl Serialize,
) -> Result<String, Error> {
    let mut hasher = Sha256::new();
    for line in [
        FORMAT,
        &format!("catalogue {} {}", catalogue.id, catalogue.version),
        &format!("policy {} {}", policy.id, policy.version),
    ] {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hasher.update(json(&normalised(review))?);
    hasher.update(b"\n");
    hasher.update(json(output)?);
    let digest = hasher.finalize();
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        text.push(hex(byte >> 4));
        text.push(hex(byte & 0x0f));
    }
    Ok(text)
}

/// The review as the fingerprint sees it: text in NFC and answers in item order, so that the
/// same conclusions typed differently or listed in another order hash the same.
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

fn json(value: &impl Serialize) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::Json {
        document: "fingerprint",
        location: Location { path: Path::root(), line: None, column: None },
        detail: e.to_string(),
    })
}

fn hex(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}
