//! Household follow-up (*đảng viên theo dõi hộ gia đình*): members assigned to households,
//! monthly reports to their cell, coverage and gaps.
//!
//! The article's district had 2,940 members following 54,382 households. Here a household lives
//! in a unit of the organisation (a hamlet's cell, say); an [`Assignment`] gives it to a member
//! from one day to another; each month a member reports to their cell on the households they
//! follow ([`HouseholdReport`]). [`coverage`] says, for a month, which households nobody follows,
//! which members follow more than the policy's load, who did not report and which followed
//! households nobody reported on; [`report`] rolls the same up a unit's tree as a
//! [`Rollup`](crate::report::Rollup) of [`HouseholdTally`].
//!
//! The maximum load is policy data ([`HouseholdPolicy`]); the article gives none, so the embedded
//! default ([`HouseholdPolicy::default_2020`]) is labelled as the project's.
//!
//! ```
//! use soisua::household::{coverage, HouseholdPolicy, HouseholdRecords};
//! let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
//!   "units": [{"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}],
//!   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
//! let records = HouseholdRecords::from_json(r#"{
//!   "households": [{"id": "H1", "unit": "CB-1"}, {"id": "H2", "unit": "CB-1"}],
//!   "assignments": [{"member": "DV1", "household": "H1", "from": "2020-01-01"}],
//!   "reports": [{"member": "DV1", "month": "2020-09", "households": ["H1"], "visits": 2}]}"#)?;
//! let policy = HouseholdPolicy::default_2020()?;
//! let found = coverage(&org, &records, "2020-09".parse()?, &policy)?;
//! assert_eq!(found.uncovered, ["H2"]);
//! assert_eq!(found.tally.covered, 1);
//! assert!(found.members_not_reporting.is_empty());
//! # Ok::<(), soisua::Error>(())
//! ```

use crate::catalogue::{Header, header_issues};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Month;
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Path};

mod coverage;
mod validate;

pub use coverage::{Coverage, HouseholdTally, Load, coverage, report};

/// The records of household follow-up: households, assignments and monthly reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdRecords {
    /// The households followed.
    #[serde(default)]
    pub households: Vec<Household>,
    /// Which member follows which household, when.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// The members' monthly reports to their cell.
    #[serde(default)]
    pub reports: Vec<HouseholdReport>,
}

/// A household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Identifier, unique among households (a code, not a name: records reveal less).
    pub id: String,
    /// The unit of the organisation the household is in (a hamlet's cell).
    pub unit: String,
    /// An optional label (a hamlet, a group of houses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A member assigned to follow a household over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The member.
    pub member: String,
    /// The household.
    pub household: String,
    /// First day.
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// Last day, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub until: Option<NaiveDate>,
}

impl Assignment {
    /// Whether the assignment covers at least one day of the month.
    pub fn is_active_in(&self, month: Month) -> bool {
        self.from <= month.last_day() && self.until.is_none_or(|u| month.first_day() <= u)
    }
}

/// A member's monthly report to their cell on the households they follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdReport {
    /// The member reporting.
    pub member: String,
    /// The month reported on.
    pub month: Month,
    /// The households reported on.
    pub households: Vec<String>,
    /// Visits made in the month.
    #[serde(default)]
    pub visits: u32,
    /// Free notes (what the households raised).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The rules of household follow-up, versioned by effective date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdPolicy {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Who set it (a committee, or the project for the default).
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
    /// The most households one member may follow at once.
    pub max_households_per_member: u32,
    /// What a member must know about each household (a local list, with its source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_fields: Option<TrackingFields>,
    /// Free notes (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The facts a member must know about a household, as a local list with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackingFields {
    /// The list's id in `reference-items.json`.
    pub catalog_id: String,
    /// Where the list comes from.
    pub source: String,
    /// How faithful the wording is.
    pub status: String,
    /// The facts.
    pub fields: Vec<TrackingField>,
}

/// One fact a member must know about a household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackingField {
    /// Code in the source list.
    pub code: String,
    /// Its wording.
    pub text: Text,
    /// `verbatim` or `partial`.
    pub status: String,
}

const DEFAULT_2020: &str = include_str!("../../data/household-policy-default.json");

/// The highest load a policy may set.
const MAX_LOAD: u32 = 1_000;

impl HouseholdPolicy {
    /// The embedded default: at most 30 households per member (a labelled default: the article
    /// gives no maximum, its average is about 18.5), with the Vân Khánh Tây list of facts.
    ///
    /// ```
    /// let policy = soisua::household::HouseholdPolicy::default_2020()?;
    /// assert_eq!(policy.max_households_per_member, 30);
    /// assert_eq!(policy.status, "label");
    /// assert!(policy.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2020() -> Result<HouseholdPolicy, Error> {
        crate::json::parse("policy", DEFAULT_2020)
    }

    /// Reads a policy from a JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<HouseholdPolicy, Error> {
        crate::json::from_value("policy", value)
    }

    /// Whether the policy is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day <= u)
    }

    /// The findings about this policy: identity, dates, the load between 1 and 1,000, tracking
    /// field codes unique.
    ///
    /// ```
    /// let mut policy = soisua::household::HouseholdPolicy::default_2020()?;
    /// policy.max_households_per_member = 0;
    /// assert_eq!(policy.validate()[0].code, "policy_value_out_of_range");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = header_issues(&Header {
            id: &self.id,
            version: &self.version,
            title: &self.title,
            issuer: &self.issuer,
            from: self.effective_from,
            until: self.effective_until,
        });
        if !(1..=MAX_LOAD).contains(&self.max_households_per_member) {
            issues.push(
                Issue::new(IssueCode::PolicyValueOutOfRange, Path::root().key("max_households_per_member"))
                    .with("field", "max_households_per_member")
                    .with("value", self.max_households_per_member)
                    .with("min", 1)
                    .with("max", MAX_LOAD),
            );
        }
        if let Some(list) = &self.tracking_fields {
            for (i, field) in list.fields.iter().enumerate() {
                if list.fields.iter().take(i).any(|f| f.code == field.code) {
                    let at = Path::root().key("tracking_fields").key("fields").index(i).key("code");
                    issues.push(Issue::new(IssueCode::DuplicateCode, at).with("code", &field.code));
                }
            }
        }
        issues
    }
}

/// Findings under `prefix`: each finding's path prefixed (a policy's findings inside a request).
pub(crate) fn prefixed(prefix: &str, issues: Vec<Issue>) -> Vec<Issue> {
    issues
        .into_iter()
        .map(|mut issue| {
            let mut path = Path::root().key(prefix);
            path.0.append(&mut issue.path.0);
            issue.path = path;
            issue
        })
        .collect()
}

impl HouseholdRecords {
    /// Reads records from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<HouseholdRecords, Error> {
        crate::json::parse("request", text)
    }

    /// Reads records from a JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<HouseholdRecords, Error> {
        crate::json::from_value("request", value)
    }
}

/// Findings about several versions of household follow-up policies together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::household::HouseholdPolicy::default_2020()?;
/// let mut second = first.clone();
/// second.version = "2099.1".into();
/// assert_eq!(soisua::household::check_policy_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_policy_versions(documents: &[HouseholdPolicy]) -> Vec<crate::Issue> {
    crate::catalogue::check_versions_of(documents, crate::IssueCode::PolicyOverlappingValidity, "policy")
}

#[cfg(test)]
mod tests;
