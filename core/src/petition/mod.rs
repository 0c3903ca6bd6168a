//! Petitions and feedback (*phản ánh, kiến nghị*) from citizens, members and members of the mass
//! organisations: intake, forwarding to the competent body, the deadline for resolution, the
//! resolution, the reply to the petitioner; overdue cases escalate; the monthly report to the
//! standing committee; each unit's quarterly list of pressing issues with its plan.
//!
//! The article (Giồng Riềng, 2020) makes the Fatherland Front and the committee office the focal
//! points that receive petitions, forward them to the competent bodies, report the results to the
//! standing committee every month and reply to the petitioners; it gives no deadlines. Deadlines,
//! topics, channels and the escalation ladder are therefore data, a [`PetitionPolicy`], whose
//! embedded default ([`PetitionPolicy::default_2020`]) is labelled as the project's.
//!
//! Records are flat (one row per petition) so that a table of them is a data frame. The library
//! never reads the clock: the status of a petition is asked for a given day ([`status_on`]).
//!
//! ```
//! use soisua::petition::{Petition, PetitionPolicy, State, status_on};
//! let policy = PetitionPolicy::default_2020()?;
//! let petition: Petition = serde_json::from_value(serde_json::json!({
//!     "id": "PA-1", "unit": "DB-01", "received_on": "2020-09-01", "petitioner": "citizen",
//!     "channel": "fatherland_front", "subject": "Đường ngập nước", "topic": "infrastructure"
//! }))?;
//! let status = status_on(&petition, &policy, "2020-09-20".parse().unwrap());
//! assert_eq!(status.state, State::Escalated);
//! assert_eq!(status.late_step.map(|s| s.as_str()), Some("forward"));
//! assert_eq!(status.days_overdue, 14);
//! assert_eq!(status.escalated_to.as_deref(), Some("parent_committee"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Error;

mod policy;
mod pressing;
mod report;
mod status;
mod validate;

pub use policy::{Code, EscalationStep, PetitionPolicy, TopicDays, check_policy_versions};
pub use pressing::{PressingIssue, PressingList, PressingRow, PressingState, pressing_list, validate_pressing_issues};
pub use report::{PetitionTally, report};
pub use status::{PetitionStatus, State, Step, status_on, statuses_on};
pub use validate::validate;

/// Who brought a petition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Petitioner {
    /// A citizen (*nhân dân*).
    Citizen,
    /// A party member (*đảng viên*).
    Member,
    /// A member of a mass organisation (*đoàn viên, hội viên*).
    MassOrgMember,
}

impl Petitioner {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Petitioner::Citizen => "citizen",
            Petitioner::Member => "member",
            Petitioner::MassOrgMember => "mass_org_member",
        }
    }
}

/// A petition or piece of feedback, from intake to the reply to the petitioner: one flat row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Petition {
    /// Identifier, unique among petitions.
    pub id: String,
    /// The unit that received it (a unit of the organisation).
    pub unit: String,
    /// The day it was received.
    #[schemars(with = "String")]
    pub received_on: NaiveDate,
    /// Who brought it.
    pub petitioner: Petitioner,
    /// How it came in: a code from the policy's channels (`fatherland_front`, `committee_office`,
    /// `dialogue`, `direct`, `mass_organisation`, `other` by default).
    pub channel: String,
    /// What it says, in the petitioner's words or a summary.
    pub subject: String,
    /// Its topic: a code from the policy's topics (`land`, `policies`, …).
    pub topic: String,
    /// The competent body it was forwarded to (a name, or a unit id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded_to: Option<String>,
    /// The day it was forwarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub forwarded_on: Option<NaiveDate>,
    /// The deadline for its resolution, when set for this petition (absent: from the policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub deadline: Option<NaiveDate>,
    /// The day it was resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub resolved_on: Option<NaiveDate>,
    /// The result of the resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The day the petitioner was replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub replied_on: Option<NaiveDate>,
    /// The dialogue or household visit it was raised at, if any (a dialogue id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialogue: Option<String>,
}

/// Reads a list of petitions from a JSON value (strict; errors located by path).
///
/// ```
/// let list = soisua::petition::petitions_from_value(serde_json::json!([]))?;
/// assert!(list.is_empty());
/// let err = soisua::petition::petitions_from_value(serde_json::json!([{"id": 1}])).unwrap_err();
/// assert_eq!(err.code(), "invalid_json");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn petitions_from_value(value: serde_json::Value) -> Result<Vec<Petition>, Error> {
    crate::json::from_value("petitions", value)
}

/// `day + days`, saturating at the latest date chrono knows.
pub(crate) fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// Whole days from `earlier` to `later` (negative when `later` is earlier).
pub(crate) fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

#[cfg(test)]
pub(crate) mod tests;
