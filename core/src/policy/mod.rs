//! The evaluation policy: the thresholds that turn monthly conclusions into verdicts, as data.
//!
//! A policy is versioned and effective-dated like a catalogue, checked before use
//! ([`Policy::validate`]), and carried by every evaluation so that a past month can be replayed
//! under the policy it was evaluated with. The embedded default ([`Policy::default_2020`]) encodes
//! the project's reading of the brief (§5); the article itself gives no numbers, so none of its
//! values is official.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::catalogue::Severity;
use crate::text::Text;

mod validate;

/// An evaluation policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Identifier (`soisua-default`, `giong-rieng-2021`).
    pub id: String,
    /// Version of this policy.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Who set it (a party committee, or the project for the default).
    pub issuer: String,
    /// The document that sets it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The catalogues (by id, and version if given) the policy is made for; absent: any catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogues: Option<Vec<CatalogueSelector>>,
    /// Remedy window by severity: a case opened in month `m` has its deadline in `m + months`.
    pub remedy_windows: Vec<RemedyWindow>,
    /// What a violated prohibition leads to, by severity.
    pub prohibitions: Vec<ProhibitionRule>,
    /// What an exemplary item concluded `not_yet_good` leads to.
    pub exemplary: ExemplaryRule,
    /// A relapse: the `cases`-th case on one item opened within `within_months` months.
    pub recurrence: Recurrence,
    /// Breadth: at least `manifestations` distinct manifestations present in one month.
    pub breadth: Breadth,
    /// The verdict in the months while an escalated case waits for its inspection outcome.
    pub pending_inspection: Action,
    /// Whether commending needs the cell's conclusion on every applicable item (otherwise a month
    /// with nothing adverse but missing conclusions is `not_evaluated`).
    pub commend_requires_complete: bool,
    /// Statute of limitations for discipline, in years by level (none: no limitation).
    pub limitation: Limitation,
    /// How much of a month's evaluation the notice board and the radio publish (absent: verdicts
    /// per group only, no item details).
    #[serde(default)]
    pub publication: Publication,
    /// Free notes (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// How much is published after a cell meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// `verdicts`: the verdict and a status per group; `items`: also the codes of the items found.
    pub detail: PublicationDetail,
}

/// The detail a publication list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicationDetail {
    /// The verdict and a status per group of content.
    #[default]
    Verdicts,
    /// Also the codes of the items found.
    Items,
}

/// A catalogue a policy is made for: an id, and a version if the policy is tied to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueSelector {
    /// The catalogue's id.
    pub id: String,
    /// The catalogue's version; absent: any version of the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The remedy window of one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemedyWindow {
    /// The severity.
    pub severity: Severity,
    /// Months to remedy (0: escalated at once, in the month the case opens).
    pub months: u32,
}

/// What a violated prohibition of one severity leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProhibitionRule {
    /// The severity.
    pub severity: Severity,
    /// `help` (a remedy case) or `inspect` (immediate inspection).
    pub action: Action,
}

/// What an exemplary `not_yet_good` leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExemplaryRule {
    /// `help` (a remedy case) or `inspect`.
    pub action: Action,
    /// The severity whose remedy window the case gets.
    pub window: Severity,
}

/// Relapse threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// The number of cases on one item (this one included) that makes a relapse.
    pub cases: u32,
    /// Within how many months (the months the cases opened, the current one included).
    pub within_months: u32,
}

/// Breadth threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breadth {
    /// Distinct manifestations present in one month that lead to inspection.
    pub manifestations: u32,
}

/// Statute of limitations, in years, by the level of discipline the violation calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limitation {
    /// Reprimand level.
    pub reprimand: Option<u32>,
    /// Warning level.
    pub warning: Option<u32>,
    /// Removal from post level.
    pub removal_from_post: Option<u32>,
    /// Dissolution level (party organisations).
    pub dissolution: Option<u32>,
    /// Expulsion level (none by default: no limitation).
    pub expulsion: Option<u32>,
}

/// What a rule leads to: a remedy case with help, or inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Help and remedy (giúp đỡ, khắc phục).
    Help,
    /// Inspect and handle (kiểm tra, xử lý).
    Inspect,
}

/// The embedded default policy (JSON text).
const DEFAULT_2020: &str = include_str!("../../data/policy-default.json");

impl Policy {
    /// The project's default policy (brief §5): windows minor 3 / serious 1 / grave 0 months,
    /// relapse at the 3rd case within 6 months, breadth 3 manifestations, minor prohibitions
    /// helped, serious and grave inspected, exemplary `not_yet_good` helped with the minor window.
    ///
    /// ```
    /// let policy = soisua::Policy::default_2020()?;
    /// assert_eq!(policy.window(soisua::Severity::Minor), Some(3));
    /// assert!(policy.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2020() -> Result<Policy, Error> {
        Policy::from_json(DEFAULT_2020)
    }

    /// Reads a policy from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<Policy, Error> {
        crate::json::parse("policy", text)
    }

    /// Reads a policy from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<Policy, Error> {
        crate::json::from_value("policy", value)
    }

    /// The policy as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The id and version, as `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// The remedy window of a severity (the first entry for it), if the policy has one.
    pub fn window(&self, severity: Severity) -> Option<u32> {
        self.remedy_windows.iter().find(|w| w.severity == severity).map(|w| w.months)
    }

    /// What a violated prohibition of a severity leads to, if the policy says.
    pub fn prohibition(&self, severity: Severity) -> Option<Action> {
        self.prohibitions.iter().find(|w| w.severity == severity).map(|w| w.action)
    }

    /// Whether the policy is made for a catalogue (id and version).
    ///
    /// ```
    /// let policy = soisua::Policy::default_2020()?;
    /// let catalogue = soisua::Catalogue::central_2020()?;
    /// assert!(policy.accepts(&catalogue.reference()));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn accepts(&self, catalogue: &crate::CatalogueRef) -> bool {
        self.catalogues.as_ref().is_none_or(|list| {
            list.iter().any(|s| s.id == catalogue.id && s.version.as_ref().is_none_or(|v| *v == catalogue.version))
        })
    }

    /// Whether the policy is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|until| day <= until)
    }
}

impl Action {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Help => "help",
            Action::Inspect => "inspect",
        }
    }
}

pub use validate::{check_versions, in_force};

#[cfg(test)]
mod tests;
