//! The deadlines, topics, channels and escalation ladder for petitions, as data versioned by
//! effective date and checked before use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::add_days;
use crate::catalogue::check_versions_of;
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Path, is_valid_code};

/// The longest step (forward, resolve, reply) accepted, in days.
const MAX_DAYS: u32 = 366;

/// Deadlines and lists for petitions: how many days each step may take, by topic where it
/// differs, and whom an overdue petition escalates to after how many days past its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionPolicy {
    /// Identifier (`soisua-petition-default`).
    pub id: String,
    /// Version.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Who set it (a party committee, or the project for the default).
    pub issuer: String,
    /// The document that sets it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// Where the numbers come from: `official` (a document) or `label` (a default of ours).
    pub status: String,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The topics petitions are filed under.
    pub topics: Vec<Code>,
    /// The channels petitions come in through.
    pub channels: Vec<Code>,
    /// Days from receipt to forwarding to the competent body.
    pub forward_days: u32,
    /// Days from forwarding to resolution, unless the topic has its own.
    pub resolve_days: u32,
    /// Days from forwarding to resolution for topics that differ from `resolve_days`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolve_days_by_topic: Vec<TopicDays>,
    /// Days from resolution to the reply to the petitioner.
    pub reply_days: u32,
    /// Whom an overdue petition escalates to, in increasing order of days past the deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation: Vec<EscalationStep>,
    /// Free notes (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A code with its label (a topic, a channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The code.
    pub code: String,
    /// Its label in Vietnamese and English.
    pub label: Text,
}

/// A topic's own resolution time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicDays {
    /// The topic's code.
    pub topic: String,
    /// Days from forwarding to resolution.
    pub days: u32,
}

/// One rung of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationStep {
    /// The level escalated to (`parent_committee`, `standing_committee`).
    pub level: String,
    /// Its label.
    pub label: Text,
    /// Days past the deadline of the late step from which the petition is escalated (at least 1).
    pub after_days: u32,
}

/// The embedded default (JSON text).
const DEFAULT_2020: &str = include_str!("../../data/petition-policy-default.json");

impl PetitionPolicy {
    /// The project's default, labelled as such (the article gives no numbers): forward within 5
    /// days of receipt, resolve within 30 days of forwarding (land and compensation 45,
    /// administrative procedures 15), reply within 7 days of resolution; escalate to the parent
    /// committee 10 days past a deadline and to the standing committee 30 days past it. Calendar
    /// days.
    ///
    /// ```
    /// let policy = soisua::petition::PetitionPolicy::default_2020()?;
    /// assert_eq!(policy.status, "label");
    /// assert_eq!(policy.resolve_days_for("land"), 45);
    /// assert_eq!(policy.resolve_days_for("other"), 30);
    /// assert!(policy.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2020() -> Result<PetitionPolicy, Error> {
        crate::json::parse("petition policy", DEFAULT_2020)
    }

    /// Reads a policy from a JSON value (strict; errors located by path).
    pub fn from_value(value: serde_json::Value) -> Result<PetitionPolicy, Error> {
        crate::json::from_value("petition policy", value)
    }

    /// The policy, refused with its findings (`invalid_document`) when it has errors.
    pub fn checked(self) -> Result<PetitionPolicy, Error> {
        let issues = self.validate();
        if crate::has_errors(&issues) {
            return Err(Error::Invalid { document: "petition policy", issues });
        }
        Ok(self)
    }

    /// The id and version, as `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Whether the policy is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|until| day <= until)
    }

    /// Days from forwarding to resolution for a topic.
    pub fn resolve_days_for(&self, topic: &str) -> u32 {
        self.resolve_days_by_topic.iter().find(|t| t.topic == topic).map_or(self.resolve_days, |t| t.days)
    }

    /// Whether `topic` is one of the policy's topics.
    pub fn has_topic(&self, topic: &str) -> bool {
        self.topics.iter().any(|t| t.code == topic)
    }

    /// Whether `channel` is one of the policy's channels.
    pub fn has_channel(&self, channel: &str) -> bool {
        self.channels.iter().any(|c| c.code == channel)
    }

    /// The highest rung reached `days` days past a deadline, if any.
    pub fn escalation_after(&self, days: i64) -> Option<&EscalationStep> {
        self.escalation.iter().filter(|s| i64::from(s.after_days) <= days).max_by_key(|s| s.after_days)
    }

    /// The forwarding deadline of a petition received on `received`.
    pub fn forward_due(&self, received: NaiveDate) -> NaiveDate {
        add_days(received, self.forward_days)
    }

    /// The findings about this policy, located by path: identity and dates, the topic and channel
    /// lists (not empty, valid unique codes, labels), days in range (`policy_value_out_of_range`),
    /// topic days for known topics once each, and the escalation ladder (unique levels, at least 1
    /// day, strictly increasing: `petition_escalation_order`).
    ///
    /// ```
    /// let mut policy = soisua::petition::PetitionPolicy::default_2020()?;
    /// policy.escalation[1].after_days = 5;
    /// let issues = policy.validate();
    /// assert_eq!(issues[0].code, "petition_escalation_order");
    /// assert_eq!(issues[0].path.to_string(), "escalation[1].after_days");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let root = Path::root();
        if !is_valid_code(&self.id) {
            issues.push(Issue::new(IssueCode::InvalidCode, root.clone().key("id")).with("code", &self.id));
        }
        for (field, text) in [
            ("version", &self.version),
            ("issuer", &self.issuer),
            ("status", &self.status),
            ("title.vi", &self.title.vi),
            ("title.en", &self.title.en),
        ] {
            if text.trim().is_empty() {
                let key = field.split('.').next().unwrap_or(field);
                issues.push(Issue::new(IssueCode::EmptyText, root.clone().key(key)).with("field", field));
            }
        }
        if let Some(until) = self.effective_until.filter(|until| *until < self.effective_from) {
            issues.push(
                Issue::new(IssueCode::InvalidDateRange, root.clone().key("effective_until"))
                    .with("from", self.effective_from)
                    .with("until", until),
            );
        }
        codes("topics", &self.topics, &mut issues);
        codes("channels", &self.channels, &mut issues);
        for (field, days, min) in [
            ("forward_days", self.forward_days, 0),
            ("resolve_days", self.resolve_days, 1),
            ("reply_days", self.reply_days, 0),
        ] {
            range(root.clone().key(field), field, days, min, &mut issues);
        }
        for (i, entry) in self.resolve_days_by_topic.iter().enumerate() {
            let at = root.clone().key("resolve_days_by_topic").index(i);
            if !self.has_topic(&entry.topic) {
                issues.push(
                    Issue::new(IssueCode::PetitionUnknownTopic, at.clone().key("topic"))
                        .with("topic", &entry.topic)
                        .with("policy", self.reference()),
                );
            }
            if self.resolve_days_by_topic.iter().take(i).any(|e| e.topic == entry.topic) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.clone().key("topic")).with("code", &entry.topic));
            }
            range(at.key("days"), "resolve_days_by_topic.days", entry.days, 1, &mut issues);
        }
        self.check_escalation(&mut issues);
        issues
    }

    fn check_escalation(&self, issues: &mut Vec<Issue>) {
        for (i, step) in self.escalation.iter().enumerate() {
            let at = Path::root().key("escalation").index(i);
            if !is_valid_code(&step.level) {
                issues.push(Issue::new(IssueCode::InvalidCode, at.clone().key("level")).with("code", &step.level));
            }
            if self.escalation.iter().take(i).any(|s| s.level == step.level) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.clone().key("level")).with("code", &step.level));
            }
            for (field, text) in [("label.vi", &step.label.vi), ("label.en", &step.label.en)] {
                if text.trim().is_empty() {
                    issues.push(Issue::new(IssueCode::EmptyText, at.clone().key("label")).with("field", field));
                }
            }
            range(at.clone().key("after_days"), "escalation.after_days", step.after_days, 1, &mut *issues);
            if let Some(previous) = i.checked_sub(1).and_then(|p| self.escalation.get(p)) {
                if step.after_days <= previous.after_days {
                    issues.push(
                        Issue::new(IssueCode::PetitionEscalationOrder, at.key("after_days"))
                            .with("level", &step.level)
                            .with("days", step.after_days)
                            .with("previous", previous.after_days),
                    );
                }
            }
        }
    }
}

/// A list of codes: not empty, each code valid and unique, each label filled.
fn codes(field: &str, list: &[Code], issues: &mut Vec<Issue>) {
    if list.is_empty() {
        issues.push(Issue::new(IssueCode::EmptyText, Path::root().key(field)).with("field", field));
    }
    for (i, entry) in list.iter().enumerate() {
        let at = Path::root().key(field).index(i);
        if !is_valid_code(&entry.code) {
            issues.push(Issue::new(IssueCode::InvalidCode, at.clone().key("code")).with("code", &entry.code));
        } else if list.iter().take(i).any(|e| e.code == entry.code) {
            issues.push(Issue::new(IssueCode::DuplicateCode, at.clone().key("code")).with("code", &entry.code));
        }
        for (name, text) in [("label.vi", &entry.label.vi), ("label.en", &entry.label.en)] {
            if text.trim().is_empty() {
                issues.push(Issue::new(IssueCode::EmptyText, at.clone().key("label")).with("field", name));
            }
        }
    }
}

/// A number of days out of `min..=MAX_DAYS`, as a finding.
fn range(at: Path, field: &str, value: u32, min: u32, issues: &mut Vec<Issue>) {
    crate::catalogue::range(at, field, value, min, MAX_DAYS, issues);
}

/// Findings about several versions of petition policies together, at `[i]` of the later one:
/// the same id and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// use soisua::petition::{PetitionPolicy, check_policy_versions};
/// let first = PetitionPolicy::default_2020()?;
/// let mut second = first.clone();
/// second.version = "2021.1".into();
/// assert_eq!(check_policy_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_policy_versions(policies: &[PetitionPolicy]) -> Vec<Issue> {
    check_versions_of(policies, IssueCode::PolicyOverlappingValidity, "policy")
}
