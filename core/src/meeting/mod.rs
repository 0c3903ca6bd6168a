//! Cell meetings (*sinh hoạt chi bộ*): records, the quality criteria of guide 12-HD/BTCTW, rating
//! schemes as data, monthly ratings per cell, and reports that merge.
//!
//! A [`Meeting`] records what the cell's minutes say: who was present, who was excused, who
//! spoke, how long it lasted, whether the minutes are complete, and the points people gave for
//! what a record cannot measure (preparation, conduct, follow-up). A [`MeetingScheme`] says how
//! that becomes points and a level; a [`MeetingRater`] (the scheme and the organisation, checked
//! once) validates records, rates a meeting with the reasons for each point, rates every cell of
//! a month, and builds a [`Rollup`](crate::report::Rollup) of [`MeetingTally`].
//!
//! ```
//! use soisua::meeting::{Meeting, MeetingRater, MeetingScheme};
//! let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
//!   "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"}],
//!   "members": [
//!     {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
//!     {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
//! let meeting: Meeting = serde_json::from_str(r#"{"id": "CB-1-2020-09", "unit": "CB-1",
//!   "date": "2020-09-05", "kind": "regular", "duration_minutes": 120,
//!   "present": ["DV1", "DV2"], "speakers": ["DV1"], "minutes_complete": true,
//!   "scores": {"preparation": 18, "conduct": 9, "principles": 10, "follow_up": 8}}"#).unwrap();
//! let scheme = MeetingScheme::default_2018()?;
//! let rater = MeetingRater::new(&scheme, &org)?;
//! let rating = rater.rate(&meeting, &[])?;
//! assert_eq!((rating.points, rating.level.as_str()), (95, "good"));
//! assert_eq!(rating.criteria[0].why.en, "2 of 2 members present (100%), above 85%; no unexcused absence; no member excused more than 3 times in a row");
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::OrgIndex;
use crate::{Error, Organisation};

mod check;
mod month;
mod rate;
mod scheme;

/// Findings about several versions of meeting rating schemes together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::meeting::MeetingScheme::default_2018()?;
/// let mut second = first.clone();
/// second.version = "2099.1".into();
/// assert_eq!(soisua::meeting::check_scheme_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_scheme_versions(documents: &[MeetingScheme]) -> Vec<crate::Issue> {
    crate::catalogue::check_versions_of(documents, crate::IssueCode::PolicyOverlappingValidity, "policy")
}

#[cfg(test)]
mod tests;

pub use month::{CellMonth, CellMonthStatus, MeetingReport, MeetingTally, MonthRatings};
pub use rate::{CriterionResult, HeldBack, Measurement, MeetingRating, RepeatedAbsence};
pub use scheme::{Basis, Criterion, CriterionRule, DurationLimits, MeetingScheme, RatingLevel, TextStatus};

/// A cell meeting as its minutes record it. Member lists hold member ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Identifier, unique among the meetings given together.
    pub id: String,
    /// The cell (or party group) that met.
    pub unit: String,
    /// The day of the meeting.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Regular (monthly) or thematic.
    pub kind: MeetingKind,
    /// How long it lasted, in minutes.
    pub duration_minutes: u32,
    /// The members present.
    pub present: Vec<String>,
    /// The members absent with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excused: Vec<Excused>,
    /// Members exempted from party work and meetings (*miễn công tác, sinh hoạt đảng*): when
    /// absent they are not expected, as HD 12 criterion 1 provides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exempt: Vec<String>,
    /// The members present who spoke.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// Whether the minutes book records the meeting fully.
    pub minutes_complete: bool,
    /// What was discussed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<String>,
    /// What the cell concluded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conclusions: Vec<String>,
    /// A model meeting (*sinh hoạt chi bộ mẫu*), held for other cells to learn from.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub model: bool,
    /// Points given by people for the judged criteria, by criterion code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, u32>,
}

/// The kind of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Sinh hoạt thường kỳ: the monthly meeting.
    Regular,
    /// Sinh hoạt chuyên đề: a meeting on one topic.
    Thematic,
}

impl MeetingKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Regular => "regular",
            MeetingKind::Thematic => "thematic",
        }
    }
}

/// A member absent with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Excused {
    /// The member.
    pub member: String,
    /// Why (illness, work, travel…).
    pub reason: String,
}

impl Meeting {
    /// Reads a list of meetings from a JSON value (strict; structure errors located).
    pub fn list_from_value(value: serde_json::Value) -> Result<Vec<Meeting>, Error> {
        crate::json::from_value("meetings", value)
    }

    /// Reads one meeting from a JSON value (strict; structure errors located).
    pub fn from_value(value: serde_json::Value) -> Result<Meeting, Error> {
        crate::json::from_value("meeting", value)
    }

    fn is_excused(&self, member: &str) -> bool {
        self.excused.iter().any(|e| e.member == member)
    }
}

/// A scheme and an organisation, checked once, that validate and rate meetings.
///
/// Building it fails with `invalid_document` when the scheme has errors.
#[derive(Debug, Clone)]
pub struct MeetingRater<'a> {
    scheme: &'a MeetingScheme,
    index: OrgIndex<'a>,
    /// Unit id → (member position, membership position) of every membership at the unit.
    memberships: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> MeetingRater<'a> {
    /// A rater for `scheme` over `organisation`. Errors: `invalid_document` for a scheme with
    /// errors (see [`MeetingScheme::validate`]).
    pub fn new(scheme: &'a MeetingScheme, organisation: &'a Organisation) -> Result<Self, Error> {
        scheme.checked()?;
        let mut memberships: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (m, member) in organisation.members.iter().enumerate() {
            for (s, membership) in member.memberships.iter().enumerate() {
                memberships.entry(membership.unit.as_str()).or_default().push((m, s));
            }
        }
        Ok(MeetingRater { scheme, index: organisation.index(), memberships })
    }

    /// The scheme.
    pub fn scheme(&self) -> &MeetingScheme {
        self.scheme
    }

    /// The members who belong on `day` to `unit` or to a unit under it (a cell's party groups):
    /// the people a meeting of `unit` that day expects.
    pub fn members_on(&self, unit: &str, day: NaiveDate) -> BTreeSet<&'a str> {
        let mut units: Vec<&str> = vec![unit];
        let mut next = 0;
        while let Some(current) = units.get(next).copied() {
            for child in self.index.children_on(current, day) {
                if !units.contains(&child.id.as_str()) {
                    units.push(child.id.as_str());
                }
            }
            next += 1;
        }
        let members = &self.index.organisation().members;
        let mut out = BTreeSet::new();
        for unit in units {
            for &(m, s) in self.memberships.get(unit).map(Vec::as_slice).unwrap_or_default() {
                let Some(member) = members.get(m) else { continue };
                if member.memberships.get(s).is_some_and(|ms| ms.covers(day)) {
                    out.insert(member.id.as_str());
                }
            }
        }
        out
    }
}
