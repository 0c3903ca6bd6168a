//! The monthly review of one member: per item, the member's self-assessment and the cell's
//! conclusion ("on the statistics form, item by item"), and free notes.

use serde::{Deserialize, Serialize};

use crate::catalogue::{CatalogueRef, ItemKind};
use crate::period::Month;

/// A batch of monthly reviews, as a cell exports its month or an office sends a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBatch {
    /// The reviews.
    pub reviews: Vec<MonthlyReview>,
}

/// One member's review for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthlyReview {
    /// The member's id.
    pub member: String,
    /// The unit (cell or group) whose meeting concluded the review.
    pub unit: String,
    /// The month reviewed.
    pub month: Month,
    /// The catalogue (id and version) the review was made under.
    pub catalogue: CatalogueRef,
    /// A draft may be incomplete (missing conclusions are warnings); a final review may not.
    pub status: ReviewStatus,
    /// The answers, one per item answered; an item absent from the list is unanswered.
    pub answers: Vec<Answer>,
    /// Free notes (the cell's remarks, help measures agreed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Whether a review is still being filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Being filled in: what is missing is reported as warnings.
    Draft,
    /// Concluded by the cell: every applicable item must have the cell's conclusion.
    Final,
}

/// The findings on one item: the member's own and the cell's (the one that counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The item's code.
    pub item: String,
    /// The member's self-assessment (tự đánh giá), if given.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<Finding>,
    /// The cell's conclusion (chi bộ kết luận), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<Finding>,
}

/// Who made a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assessor {
    /// The member's self-assessment.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The cell's conclusion.
    Cell,
}

/// A finding on one item. Which findings apply depends on the item's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    /// Manifestation: not present.
    None,
    /// Manifestation: present.
    Present,
    /// Prohibition: not violated.
    Clear,
    /// Prohibition: violated.
    Violated,
    /// Exemplary: done well.
    Good,
    /// Exemplary: not yet done well.
    NotYetGood,
    /// Exemplary: does not apply to the member this month.
    NotApplicable,
}

impl Finding {
    /// Every finding.
    pub const ALL: [Finding; 7] = [
        Finding::None,
        Finding::Present,
        Finding::Clear,
        Finding::Violated,
        Finding::Good,
        Finding::NotYetGood,
        Finding::NotApplicable,
    ];

    /// The finding of a snake_case name (`not_yet_good`).
    ///
    /// ```
    /// assert_eq!(soisua::Finding::from_name("violated"), Some(soisua::Finding::Violated));
    /// assert_eq!(soisua::Finding::from_name("Violated"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Finding> {
        Finding::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::None => "none",
            Finding::Present => "present",
            Finding::Clear => "clear",
            Finding::Violated => "violated",
            Finding::Good => "good",
            Finding::NotYetGood => "not_yet_good",
            Finding::NotApplicable => "not_applicable",
        }
    }

    /// Whether the finding can be given on an item of this kind.
    ///
    /// ```
    /// use soisua::{Finding, ItemKind};
    /// assert!(Finding::Present.fits(ItemKind::Manifestation));
    /// assert!(!Finding::Violated.fits(ItemKind::Manifestation));
    /// ```
    pub fn fits(self, kind: ItemKind) -> bool {
        Finding::for_kind(kind).contains(&self)
    }

    /// The findings an item of a kind accepts, clean one first.
    pub fn for_kind(kind: ItemKind) -> &'static [Finding] {
        match kind {
            ItemKind::Manifestation => &[Finding::None, Finding::Present],
            ItemKind::Prohibition => &[Finding::Clear, Finding::Violated],
            ItemKind::Exemplary => &[Finding::Good, Finding::NotYetGood, Finding::NotApplicable],
        }
    }

    /// Whether the finding is a shortcoming (present, violated, not yet good).
    pub fn is_adverse(self) -> bool {
        matches!(self, Finding::Present | Finding::Violated | Finding::NotYetGood)
    }
}

pub mod long;
mod tally;
pub(crate) mod validate;

pub use tally::{ByKind, Tally};

impl MonthlyReview {
    /// Reads one review from a JSON value already in memory (NFC-normalised, errors located).
    pub fn from_value(value: serde_json::Value) -> Result<MonthlyReview, crate::Error> {
        crate::json::from_value("review", value)
    }

    /// Reads one review from JSON text (NFC-normalised, errors located by line and column).
    pub fn from_json(text: &str) -> Result<MonthlyReview, crate::Error> {
        crate::json::parse("review", text)
    }
}

impl Answer {
    /// Reads one answer (`{item, self?, cell?}`) from a JSON value already in memory
    /// (NFC-normalised, errors located).
    pub fn from_value(value: serde_json::Value) -> Result<Answer, crate::Error> {
        crate::json::from_value("answer", value)
    }
}

impl ReviewBatch {
    /// Reads a batch of reviews from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<ReviewBatch, crate::Error> {
        crate::json::parse("review batch", text)
    }

    /// Reads a batch of reviews from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<ReviewBatch, crate::Error> {
        crate::json::from_value("review batch", value)
    }

    /// The batch as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
