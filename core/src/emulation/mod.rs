//! Emulation and rewards (*thi đua, khen thưởng*): a scheme of criteria and titles as data,
//! scoring of units or members per period with the title and why, and "good people, good deeds"
//! (*người tốt, việc tốt*) nominations with their decisions.
//!
//! The article names the movement but no criteria, points or titles, and none is in
//! `reference-items.json`: the embedded [`Scheme::default_2020`] is the project's, labelled so.
//!
//! ```
//! use soisua::emulation::{Scheme, ScoreSheet};
//! let scheme = Scheme::default_2020()?;
//! let sheet: ScoreSheet = serde_json::from_str(r#"{"subject": {"unit": "CB-1"}, "period": "2020",
//!   "points": [{"criterion": "nhiem-vu-chinh-tri", "points": 30}, {"criterion": "xay-dung-dang", "points": 25},
//!              {"criterion": "sinh-hoat-chi-bo", "points": 14}, {"criterion": "dan-van", "points": 15},
//!              {"criterion": "nguoi-tot-viec-tot", "points": 10}]}"#).unwrap();
//! let result = scheme.score(&sheet);
//! assert_eq!(result.total, 94);
//! // 94 is in the top band, but its required criterion is not at full marks
//! assert_eq!(result.title.as_deref(), Some("tien-tien"));
//! assert_eq!(result.passed_over[0].short_of, ["sinh-hoat-chi-bo"]);
//! # Ok::<(), soisua::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::text::Text;
use crate::{Error, Month};

mod nomination;
mod report;
mod scheme;
mod score;

pub use nomination::validate_nominations;
pub use report::{EmulationTally, report};
pub use score::{CriterionLine, PassedOver, ScoreResult, score_all, validate_scores};

/// What a scheme scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Party units.
    Unit,
    /// Members.
    Member,
}

impl SubjectKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Unit => "unit",
            SubjectKind::Member => "member",
        }
    }
}

/// An emulation scheme: criteria with maximum points, titles by bands of points, commendation
/// levels; versioned by effective date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Who set it.
    pub issuer: String,
    /// `label` for a default the project chose, or the document's status.
    pub status: String,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// Units or members.
    pub applies_to: SubjectKind,
    /// The most points a subject can get: the criteria's maxima add up to it.
    pub total_points: u32,
    /// The criteria.
    pub criteria: Vec<Criterion>,
    /// The titles, each over a band of points; the bands cover 0 to the total once.
    pub titles: Vec<Title>,
    /// The levels a commendation can be given at.
    #[serde(default)]
    pub commendation_levels: Vec<CommendationLevel>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A criterion scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Code, unique in the scheme.
    pub code: String,
    /// Label.
    pub label: Text,
    /// The most points it gives.
    pub max_points: u32,
}

/// A title awarded over a band of points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Code, unique in the scheme.
    pub code: String,
    /// Label.
    pub label: Text,
    /// Lowest total of the band.
    pub min_points: u32,
    /// Highest total of the band.
    pub max_points: u32,
    /// Criteria that must be at full marks for the title; a total in the band without them gets
    /// the title of the band below.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
}

/// A level at which a commendation is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommendationLevel {
    /// Code.
    pub code: String,
    /// Label.
    pub label: Text,
}

/// Who is scored: a unit or a member, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A unit.
    Unit(String),
    /// A member.
    Member(String),
}

impl Subject {
    /// Unit or member.
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Unit(_) => SubjectKind::Unit,
            Subject::Member(_) => SubjectKind::Member,
        }
    }

    /// The id.
    pub fn id(&self) -> &str {
        match self {
            Subject::Unit(id) | Subject::Member(id) => id,
        }
    }
}

/// The points a subject got per criterion for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    /// Who.
    pub subject: Subject,
    /// The period scored (a year, usually).
    pub period: Period,
    /// Points per criterion.
    pub points: Vec<CriterionPoints>,
}

/// The points of one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionPoints {
    /// The criterion's code.
    pub criterion: String,
    /// The points.
    pub points: u32,
}

/// A "good people, good deeds" nomination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nomination {
    /// Identifier, unique among nominations.
    pub id: String,
    /// Who is nominated.
    pub nominee: Nominee,
    /// The deed.
    pub deed: String,
    /// The day of the nomination.
    #[schemars(with = "String")]
    pub nominated_on: NaiveDate,
    /// Who nominated (a unit, a body, a person).
    pub nominated_by: String,
    /// The decision.
    pub decision: Decision,
}

impl Nomination {
    /// The month of the nomination.
    pub fn month(&self) -> Month {
        Month::from_date(self.nominated_on)
    }
}

/// A nominee: a member by id, or a person who is not a member, with the unit they are known to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Nominee {
    /// A member of the organisation.
    Member(String),
    /// A person who is not a member.
    Person(Person),
}

/// A person who is not a member, and their unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// The unit of the organisation they are known to (their hamlet's cell, say).
    pub unit: String,
}

/// The decision on a nomination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Decision {
    /// Not decided yet.
    Pending,
    /// Commended, at a level of the scheme.
    Commended {
        /// The commendation level's code.
        level: String,
        /// The day of the decision, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<String>")]
        decided_on: Option<NaiveDate>,
    },
    /// Not commended.
    NotCommended {
        /// The day of the decision, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<String>")]
        decided_on: Option<NaiveDate>,
    },
}

impl Decision {
    /// `pending`, `commended` or `not_commended`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Commended { .. } => "commended",
            Decision::NotCommended { .. } => "not_commended",
        }
    }
}

/// Score sheets and nominations together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmulationRecords {
    /// Score sheets.
    #[serde(default)]
    pub scores: Vec<ScoreSheet>,
    /// Nominations.
    #[serde(default)]
    pub nominations: Vec<Nomination>,
}

const DEFAULT_2020: &str = include_str!("../../data/emulation-scheme-default.json");

impl Scheme {
    /// The embedded default scheme for units (labelled, ours): five criteria on 100 points,
    /// titles outstanding 90–100 (with the cell-meeting criterion at full marks), advanced 70–89,
    /// completed 50–69, not achieved 0–49; commendations at grassroots, district or province level.
    ///
    /// ```
    /// let scheme = soisua::emulation::Scheme::default_2020()?;
    /// assert_eq!(scheme.total_points, 100);
    /// assert!(scheme.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2020() -> Result<Scheme, Error> {
        crate::json::parse("request", DEFAULT_2020)
    }

    /// Whether the scheme is in force on some day of the period.
    pub fn is_in_force_in(&self, period: Period) -> bool {
        self.effective_from <= period.last_month().last_day()
            && self.effective_until.is_none_or(|u| period.first_month().first_day() <= u)
    }

    /// The criterion with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }
}

/// Findings about several versions of emulation schemes together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::emulation::Scheme::default_2020()?;
/// let mut second = first.clone();
/// second.version = "2099.1".into();
/// assert_eq!(soisua::emulation::check_scheme_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_scheme_versions(documents: &[Scheme]) -> Vec<crate::Issue> {
    crate::catalogue::check_versions_of(documents, crate::IssueCode::PolicyOverlappingValidity, "policy")
}

#[cfg(test)]
mod tests;
