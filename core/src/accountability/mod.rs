//! Accountability of unit heads (*giải trình*): monthly explanations on finances, assets, land,
//! construction, policies, rewards and discipline, recorded, checked and reported.
//!
//! An [`Explanation`] records that a unit's head (a member, or a person who is not one) explained
//! a topic for a month at a body's request, on a day, and whether it was accepted. Which topics a
//! unit must cover, monthly or quarterly, is policy data ([`AccountabilityPolicy`]); the article
//! lists the topics but not who covers which, so the embedded default is labelled as the
//! project's. [`status`] says per unit and month what was explained and what is missing;
//! [`report`] rolls it up as a [`Rollup`](crate::report::Rollup) of [`AccountabilityTally`].
//!
//! ```
//! use soisua::accountability::{status, AccountabilityPolicy, Explanation};
//! let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
//!   "units": [{"id": "CB-1", "name": "Chi bộ Văn phòng", "kind": "cell", "org_type": "agency"}],
//!   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
//! let explanations: Vec<Explanation> = serde_json::from_str(r#"[{"unit": "CB-1", "head": {"member": "DV1"},
//!   "month": "2020-09", "topic": "finances", "requested_by": "ubkt", "given_on": "2020-09-25",
//!   "summary": "thu chi quý III", "accepted": true}]"#).unwrap();
//! let policy = AccountabilityPolicy::default_2020()?;
//! let rows = status(&org, &explanations, "2020-09".parse()?, &policy)?;
//! assert_eq!(rows[0].explained, [soisua::accountability::Topic::Finances]);
//! assert_eq!(rows[0].missing.len(), 3); // assets, rewards, discipline are due at the quarter's end
//! # Ok::<(), soisua::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Header, header_issues};
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Month, Path, UnitKind};

mod status;
mod validate;

pub use status::{AccountabilityTally, UnitStatus, report, status};
pub use validate::validate;

/// A topic a unit head explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Tài chính: finances.
    Finances,
    /// Tài sản: assets.
    Assets,
    /// Đất đai: land.
    Land,
    /// Xây dựng: construction.
    Construction,
    /// Chế độ, chính sách: policies and entitlements.
    Policies,
    /// Thi đua, khen thưởng: rewards.
    Rewards,
    /// Kỷ luật: discipline.
    Discipline,
}

impl Topic {
    /// Every topic, in the article's order.
    pub const ALL: [Topic; 7] = [
        Topic::Finances,
        Topic::Assets,
        Topic::Land,
        Topic::Construction,
        Topic::Policies,
        Topic::Rewards,
        Topic::Discipline,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Finances => "finances",
            Topic::Assets => "assets",
            Topic::Land => "land",
            Topic::Construction => "construction",
            Topic::Policies => "policies",
            Topic::Rewards => "rewards",
            Topic::Discipline => "discipline",
        }
    }

    /// A label (the project's, not official wording).
    ///
    /// ```
    /// assert_eq!(soisua::accountability::Topic::Land.label().vi, "đất đai");
    /// ```
    pub fn label(self) -> Text {
        let (vi, en) = match self {
            Topic::Finances => ("tài chính", "finances"),
            Topic::Assets => ("tài sản", "assets"),
            Topic::Land => ("đất đai", "land"),
            Topic::Construction => ("xây dựng", "construction"),
            Topic::Policies => ("chế độ, chính sách", "policies"),
            Topic::Rewards => ("thi đua, khen thưởng", "rewards"),
            Topic::Discipline => ("kỷ luật", "discipline"),
        };
        Text::new(vi, en)
    }
}

/// Who explains: the unit's head, a member of the organisation or a person who is not one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Head {
    /// A member of the organisation, by id.
    Member(String),
    /// A person who is not a member of the organisation, by name.
    Name(String),
}

/// Whether an explanation was accepted: `true`, `false` or `"pending"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Acceptance {
    /// Accepted (`true`) or not (`false`).
    Decided(bool),
    /// Not decided yet (`"pending"`).
    Pending(Pending),
}

/// The word `pending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pending {
    /// Not decided yet.
    Pending,
}

/// A head's explanation of one topic for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// The unit whose head explains.
    pub unit: String,
    /// The head.
    pub head: Head,
    /// The month explained.
    pub month: Month,
    /// The topic.
    pub topic: Topic,
    /// The body that asked (a code: `ubkt`, `btv`, …).
    pub requested_by: String,
    /// The day the explanation was given.
    #[schemars(with = "String")]
    pub given_on: NaiveDate,
    /// What was explained, in short.
    pub summary: String,
    /// Whether it was accepted.
    pub accepted: Acceptance,
}

/// How often a rule's topics are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every month.
    Monthly,
    /// Once a quarter: due by the quarter's last month, met by an explanation in any of its months.
    Quarterly,
}

/// Which units must explain which topics, how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The kinds of unit the rule applies to (empty: all).
    #[serde(default)]
    pub kinds: Vec<UnitKind>,
    /// The types of organisation the rule applies to (empty: all).
    #[serde(default)]
    pub org_types: Vec<String>,
    /// How often.
    pub cadence: Cadence,
    /// The topics due.
    pub topics: Vec<Topic>,
}

impl Requirement {
    /// Whether the rule applies to a unit of this kind and type.
    pub fn applies_to(&self, kind: UnitKind, org_type: &str) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&kind))
            && (self.org_types.is_empty() || self.org_types.iter().any(|t| t == org_type))
    }
}

/// The accountability policy: who explains what, how often; versioned by effective date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountabilityPolicy {
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
    /// The rules.
    pub rules: Vec<Requirement>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

const DEFAULT_2020: &str = include_str!("../../data/accountability-policy-default.json");

impl AccountabilityPolicy {
    /// The embedded default (labelled): grassroots committees of communes, public-service units
    /// and state enterprises explain finances and policies monthly, assets, land, construction,
    /// rewards and discipline quarterly; agency cells finances monthly, assets, rewards and
    /// discipline quarterly.
    ///
    /// ```
    /// let policy = soisua::accountability::AccountabilityPolicy::default_2020()?;
    /// assert_eq!(policy.status, "label");
    /// assert!(policy.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2020() -> Result<AccountabilityPolicy, Error> {
        crate::json::parse("policy", DEFAULT_2020)
    }

    /// Whether the policy is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day <= u)
    }

    /// The topics due from a unit of this kind and type in `month`: the monthly ones, and the
    /// quarterly ones when `month` ends its quarter; each topic once, in order.
    pub fn due(&self, kind: UnitKind, org_type: &str, month: Month) -> Vec<Topic> {
        let quarter_end = month.month() % 3 == 0;
        let mut topics: Vec<Topic> = self
            .rules
            .iter()
            .filter(|r| r.applies_to(kind, org_type) && (r.cadence == Cadence::Monthly || quarter_end))
            .flat_map(|r| r.topics.iter().copied())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        topics
    }

    /// The cadence of `topic` for a unit of this kind and type (monthly wins over quarterly), if due.
    pub fn cadence(&self, kind: UnitKind, org_type: &str, topic: Topic) -> Option<Cadence> {
        let rules = self.rules.iter().filter(|r| r.applies_to(kind, org_type) && r.topics.contains(&topic));
        rules.map(|r| r.cadence).min_by_key(|c| *c != Cadence::Monthly)
    }

    /// The findings about this policy: identity and dates, every rule with at least one topic
    /// (`accountability_rule_empty`) and each topic once in a rule (`duplicate_code`).
    ///
    /// ```
    /// let mut policy = soisua::accountability::AccountabilityPolicy::default_2020()?;
    /// policy.rules[0].topics.clear();
    /// let issues = policy.validate();
    /// assert_eq!(issues[0].message_en, "the accountability rule 0 requires no topic");
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
        for (i, rule) in self.rules.iter().enumerate() {
            let at = Path::root().key("rules").index(i).key("topics");
            if rule.topics.is_empty() {
                issues.push(Issue::new(IssueCode::AccountabilityRuleEmpty, at.clone()).with("rule", i));
            }
            for (j, topic) in rule.topics.iter().enumerate() {
                if rule.topics.iter().take(j).any(|t| t == topic) {
                    issues.push(Issue::new(IssueCode::DuplicateCode, at.index(j)).with("code", topic.as_str()));
                }
            }
        }
        issues
    }
}

/// Findings about several versions of accountability policies together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::accountability::AccountabilityPolicy::default_2020()?;
/// let mut second = first.clone();
/// second.version = "2099.1".into();
/// assert_eq!(soisua::accountability::check_policy_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_policy_versions(documents: &[AccountabilityPolicy]) -> Vec<crate::Issue> {
    crate::catalogue::check_versions_of(documents, crate::IssueCode::PolicyOverlappingValidity, "policy")
}

#[cfg(test)]
mod tests;
