//! What each unit explained and owes, per month, and the roll-up over a period.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Acceptance, AccountabilityPolicy, Cadence, Explanation, Topic};
use crate::period::Period;
use crate::report::{Rollup, Tally, add_counts};
use crate::{Error, Issue, Month, Organisation};

/// A unit's accountability in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitStatus {
    /// The unit.
    pub unit: String,
    /// The month.
    pub month: Month,
    /// Topics due this month under the policy.
    pub required: Vec<Topic>,
    /// Topics explained this month (and, for a quarterly topic, earlier in its quarter).
    pub explained: Vec<Topic>,
    /// Topics due and not explained.
    pub missing: Vec<Topic>,
    /// Topics explained this month whose explanation was not accepted.
    pub not_accepted: Vec<Topic>,
    /// Topics explained this month whose acceptance is pending.
    pub pending: Vec<Topic>,
}

/// Counts of accountability for units and months.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountabilityTally {
    /// Explanations given.
    pub explanations: u64,
    /// Explanations by topic.
    pub by_topic: BTreeMap<Topic, u64>,
    /// Distinct units that explained something.
    pub units_explaining: BTreeSet<String>,
    /// Distinct units that owed something.
    pub units_due: BTreeSet<String>,
    /// Distinct units that missed a topic in some month.
    pub units_missing_topics: BTreeSet<String>,
    /// Topics due, summed over units and months.
    pub topics_required: u64,
    /// Topics due and not explained, summed over units and months.
    pub topics_missing: u64,
    /// Explanations accepted.
    pub accepted: u64,
    /// Explanations not accepted.
    pub not_accepted: u64,
    /// Explanations awaiting a decision.
    pub pending: u64,
}

impl Tally for AccountabilityTally {
    fn absorb(&mut self, other: &Self) {
        self.explanations += other.explanations;
        add_counts(&mut self.by_topic, &other.by_topic);
        self.units_explaining.extend(other.units_explaining.iter().cloned());
        self.units_due.extend(other.units_due.iter().cloned());
        self.units_missing_topics.extend(other.units_missing_topics.iter().cloned());
        self.topics_required += other.topics_required;
        self.topics_missing += other.topics_missing;
        self.accepted += other.accepted;
        self.not_accepted += other.not_accepted;
        self.pending += other.pending;
    }
}

/// Each unit's status in `month`: the units open that month that owe a topic under `policy`,
/// and any other unit that explained something, in the organisation's order. An explanation
/// meets a monthly topic in its own month, a quarterly topic in any month of the quarter up to
/// this one.
///
/// Errors: `invalid_document` when the policy has errors or is not in force that month, or when
/// the explanations have errors ([`validate`](super::validate)).
pub fn status(
    organisation: &Organisation,
    explanations: &[Explanation],
    month: Month,
    policy: &AccountabilityPolicy,
) -> Result<Vec<UnitStatus>, Error> {
    check_policy(policy, Period::Month(month))?;
    check_records(organisation, explanations)?;
    Ok(month_status(organisation, explanations, month, policy))
}

fn month_status(
    organisation: &Organisation,
    explanations: &[Explanation],
    month: Month,
    policy: &AccountabilityPolicy,
) -> Vec<UnitStatus> {
    let quarter_start = month.quarter().first_month();
    let mut out = Vec::new();
    for unit in &organisation.units {
        let required = if unit.is_open_in(month) { policy.due(unit.kind, &unit.org_type, month) } else { Vec::new() };
        let mine: Vec<&Explanation> = explanations.iter().filter(|e| e.unit == unit.id).collect();
        let now: Vec<&Explanation> = mine.iter().copied().filter(|e| e.month == month).collect();
        if required.is_empty() && now.is_empty() {
            continue;
        }
        let mut explained: BTreeSet<Topic> = now.iter().map(|e| e.topic).collect();
        for topic in &required {
            let quarterly = policy.cadence(unit.kind, &unit.org_type, *topic) == Some(Cadence::Quarterly);
            if quarterly && mine.iter().any(|e| e.topic == *topic && quarter_start <= e.month && e.month <= month) {
                explained.insert(*topic);
            }
        }
        let with = |accepted: Acceptance| -> Vec<Topic> {
            let set: BTreeSet<Topic> = now.iter().filter(|e| e.accepted == accepted).map(|e| e.topic).collect();
            set.into_iter().collect()
        };
        out.push(UnitStatus {
            unit: unit.id.clone(),
            month,
            missing: required.iter().copied().filter(|t| !explained.contains(t)).collect(),
            required,
            explained: explained.into_iter().collect(),
            not_accepted: with(Acceptance::Decided(false)),
            pending: with(Acceptance::Pending(super::Pending::Pending)),
        });
    }
    out
}

/// The roll-up of accountability over `period` for `scope` (absent: the whole organisation),
/// month by month, each unit counted where the tree placed it on the month's last day.
///
/// Errors: `unknown_name` for an unknown scope, `invalid_document` when the policy has errors or
/// is not in force in a month of the period, or when the explanations have errors.
///
/// ```
/// use soisua::accountability::{report, AccountabilityPolicy};
/// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
///   "units": [{"id": "CB-1", "name": "Chi bộ Văn phòng", "kind": "cell", "org_type": "agency"}],
///   "members": []}"#)?;
/// let rollup = report(&org, &[], "2020-Q3".parse()?, None, &AccountabilityPolicy::default_2020()?)?;
/// // finances in each of three months, assets, rewards and discipline at the quarter's end
/// assert_eq!(rollup.total.topics_missing, 6);
/// assert_eq!(rollup.total.units_missing_topics.len(), 1);
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn report(
    organisation: &Organisation,
    explanations: &[Explanation],
    period: Period,
    scope: Option<&str>,
    policy: &AccountabilityPolicy,
) -> Result<Rollup<AccountabilityTally>, Error> {
    check_policy(policy, period)?;
    check_records(organisation, explanations)?;
    let index = organisation.index();
    let mut rollup = Rollup::of(&index, scope)?;
    for month in period.months() {
        let label = month.to_string();
        for row in month_status(organisation, explanations, month, policy) {
            let mut tally = AccountabilityTally::default();
            for e in explanations.iter().filter(|e| e.unit == row.unit && e.month == month) {
                tally.explanations += 1;
                *tally.by_topic.entry(e.topic).or_default() += 1;
                match e.accepted {
                    Acceptance::Decided(true) => tally.accepted += 1,
                    Acceptance::Decided(false) => tally.not_accepted += 1,
                    Acceptance::Pending(_) => tally.pending += 1,
                }
            }
            if tally.explanations > 0 {
                tally.units_explaining.insert(row.unit.clone());
            }
            if !row.required.is_empty() {
                tally.units_due.insert(row.unit.clone());
            }
            if !row.missing.is_empty() {
                tally.units_missing_topics.insert(row.unit.clone());
            }
            tally.topics_required = row.required.len() as u64;
            tally.topics_missing = row.missing.len() as u64;
            rollup.add_unit(&index, &row.unit, &label, month.last_day(), &tally);
        }
    }
    Ok(rollup)
}

fn check_policy(policy: &AccountabilityPolicy, period: Period) -> Result<(), Error> {
    crate::catalogue::usable_for(policy, policy.validate(), period)
}

fn check_records(organisation: &Organisation, explanations: &[Explanation]) -> Result<(), Error> {
    let errors: Vec<Issue> = super::validate(organisation, explanations).into_iter().filter(Issue::is_error).collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::Invalid { document: "request", issues: errors }) }
}
