//! The declarative scenario format: a catalogue (or its id), a policy (or `"default"`), an
//! organisation, months of reviews, supervision findings, inspection outcomes, optional amended
//! reviews and an alternative policy, and optional expectations — run the same way by Rust
//! ([`Scenario::run`]), Python, JS and `soisua evaluate`.
//!
//! Reviews may be written in full ([`MonthlyReview`]'s `answers`) or compactly: `cell` and `self`
//! as maps from item code to finding, and `"rest": "clean"` to give the clean finding (`none`,
//! `clear`, `good`) to every other item that applies to the member. A compact review's
//! `catalogue` is the scenario's catalogue and its `status` is `final` unless it says otherwise.
//!
//! ```
//! let scenario = soisua::scenario::Scenario::from_json(r#"{
//!   "name": "a manifestation not remedied in time",
//!   "catalogue": "central-2020", "policy": "default",
//!   "organisation": {"id": "o", "name": {"vi": "O", "en": "O"},
//!     "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
//!     "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
//!       "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]},
//!   "reviews": [
//!     {"member": "DV1", "unit": "CB", "month": "2020-07", "cell": {"TTCT-3": "present"}, "rest": "clean"},
//!     {"member": "DV1", "unit": "CB", "month": "2020-10", "cell": {"TTCT-3": "present"}, "rest": "clean"}],
//!   "expect": {"verdicts": [
//!     {"member": "DV1", "month": "2020-07", "verdict": "help", "rules": ["help.manifestation"]},
//!     {"member": "DV1", "month": "2020-10", "verdict": "inspect", "rules": ["inspect.overdue"]}]}
//! }"#)?;
//! let report = scenario.run()?;
//! assert_eq!(report.expect.as_ref().map(|e| e.passed), Some(true));
//! assert_eq!(report.months[3].results[0].explanation.vi,
//!     "Đồng chí Nguyễn Văn An: kiểm tra vì biểu hiện TTCT-3 chưa được khắc phục sau 3 tháng (hạn 2020-10)");
//! # Ok::<(), soisua::Error>(())
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::{Case, OutcomeRecord};
use crate::evaluation::{Change, SupervisionFinding, SupervisionVisit};
use crate::review::{Answer, Finding, ReviewStatus};
use crate::{CatalogueRef, Issue, Month, Organisation};

mod expect;
mod findings;
mod run;

pub use expect::{Expect, ExpectCase, ExpectChange, ExpectReport, ExpectVerdict};
pub use findings::Findings;
pub use run::Evaluation;
pub(crate) use run::resolve_policy;

/// A scenario: inputs, and what the evaluation is expected to give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A short name.
    pub name: String,
    /// What it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A catalogue object, or the id of an embedded one (`central-2020`, `synthetic-local`).
    pub catalogue: Value,
    /// A policy object, or `"default"` for the embedded default.
    pub policy: Value,
    /// The organisation.
    pub organisation: Organisation,
    /// Evaluate only this unit and the units under it (absent: the whole organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The months to evaluate (absent: from the first to the last month any record names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<MonthRange>,
    /// Cases carried over from before the first month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Case>,
    /// Monthly reviews, full or compact.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ScenarioReview>,
    /// Shortcomings found by supervision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision: Vec<SupervisionFinding>,
    /// Supervision visits: whom a body supervised in a month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<SupervisionVisit>,
    /// Inspection outcomes recorded by people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeRecord>,
    /// Reviews amended afterwards: each replaces the review of the same member and month (or is
    /// added); the report then says what changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<ScenarioReview>,
    /// Another policy to evaluate the same history under (what-if): a policy object or `"default"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<Value>,
    /// What the evaluation is expected to give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// A range of months, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthRange {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
}

/// What `rest` fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rest {
    /// The clean finding of each item's kind (`none`, `clear`, `good`).
    Clean,
}

/// A review in a scenario: a full [`crate::MonthlyReview`] or its compact form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioReview {
    /// The member.
    pub member: String,
    /// The unit whose meeting concluded the review.
    pub unit: String,
    /// The month.
    pub month: Month,
    /// The catalogue (absent: the scenario's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<CatalogueRef>,
    /// `final` (absent) or `draft`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReviewStatus>,
    /// Answers in full.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// The cell's conclusions, by item code.
    #[serde(default, skip_serializing_if = "Findings::is_empty")]
    pub cell: Findings,
    /// The member's self-assessment, by item code.
    #[serde(rename = "self", default, skip_serializing_if = "Findings::is_empty")]
    pub self_assessment: Findings,
    /// Fill the other applicable items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<Rest>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// What running a scenario gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioReport {
    /// The scenario's name.
    pub name: String,
    /// The catalogue evaluated against.
    pub catalogue: CatalogueRef,
    /// The policy (`id@version`).
    pub policy: String,
    /// The months evaluated.
    pub range: MonthRange,
    /// Month by month, every member in scope.
    pub months: Vec<MonthReport>,
    /// The cases at the end, by member, month opened and item.
    pub cases: Vec<Case>,
    /// Findings about the inputs (validation and evaluation), each once.
    pub issues: Vec<Issue>,
    /// What the amendments changed (when there are amendments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    /// What the other policy changes (when there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<WhatIf>,
    /// Whether the expectations held (when there are any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<ExpectReport>,
}

/// One month of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthReport {
    /// The month.
    pub month: Month,
    /// Counts of verdicts: `not_evaluated`, `commend`, `help`, `inspect`.
    pub counts: VerdictCounts,
    /// One entry per member in scope.
    pub results: Vec<ResultReport>,
}

impl MonthReport {
    /// A month's results with their explanations, naming members as the organisation does (their
    /// id when it has no name for them).
    pub fn of(month: &crate::MonthResult, organisation: &crate::org::OrgIndex<'_>) -> MonthReport {
        let [not_evaluated, commend, help, inspect] = month.counts();
        let results = month
            .results
            .iter()
            .map(|r| {
                let name = organisation.member(&r.member).and_then(|m| m.name.as_deref()).unwrap_or(&r.member);
                ResultReport { result: r.clone(), explanation: r.sentence(name) }
            })
            .collect();
        MonthReport { month: month.month, counts: VerdictCounts { not_evaluated, commend, help, inspect }, results }
    }
}

/// How many members got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictCounts {
    /// Not evaluated.
    pub not_evaluated: usize,
    /// Commended.
    pub commend: usize,
    /// Helped.
    pub help: usize,
    /// Inspected.
    pub inspect: usize,
}

/// A member-month in a report: the result and its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultReport {
    /// The result.
    #[serde(flatten)]
    pub result: crate::evaluation::MemberResult,
    /// The explanation as one sentence in each language.
    pub explanation: crate::Text,
}

/// The same history under another policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    /// The other policy (`id@version`).
    pub policy: String,
    /// The member-months whose verdict differs, with the rules on each side.
    pub differences: Vec<Change>,
}

impl Scenario {
    /// Reads a scenario from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<Scenario, crate::Error> {
        crate::json::parse("scenario", text)
    }

    /// Reads a scenario from a JSON value already in memory.
    pub fn from_value(value: Value) -> Result<Scenario, crate::Error> {
        crate::json::from_value("scenario", value)
    }
}

impl Finding {
    /// The clean finding of an item kind: `none`, `clear`, `good`.
    pub fn clean(kind: crate::ItemKind) -> Finding {
        match kind {
            crate::ItemKind::Manifestation => Finding::None,
            crate::ItemKind::Prohibition => Finding::Clear,
            crate::ItemKind::Exemplary => Finding::Good,
        }
    }
}
