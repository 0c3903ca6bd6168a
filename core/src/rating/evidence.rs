//! What the monthly evaluation found about each member in a rating period.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::CapWhen;
use crate::case::Decision;
use crate::evaluation::{Evaluator, Ledger, MonthResult};
use crate::{ItemKind, Month, Period};

/// One finding of the evaluation: the month and the item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Found {
    /// The month.
    #[schemars(with = "String")]
    pub month: Month,
    /// The catalogue item.
    pub item: String,
}

impl Found {
    /// A finding of `item` in `month`.
    pub fn new(month: Month, item: &str) -> Self {
        Found { month, item: item.to_owned() }
    }
}

/// What the monthly evaluation found about one member in a rating period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Manifestations the cell concluded present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manifestation_concluded: Vec<Found>,
    /// Prohibitions the cell concluded violated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prohibition_violated: Vec<Found>,
    /// Cases escalated to inspection (the month escalated, the item).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub case_escalated: Vec<Found>,
    /// Discipline decided after inspection (the month of the outcome, the item).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disciplined: Vec<Found>,
    /// Months by verdict.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub verdicts: BTreeMap<String, u64>,
}

impl Evidence {
    /// The findings behind a cap condition.
    pub fn of(&self, when: CapWhen) -> &[Found] {
        match when {
            CapWhen::ManifestationConcluded => &self.manifestation_concluded,
            CapWhen::ProhibitionViolated => &self.prohibition_violated,
            CapWhen::CaseEscalated => &self.case_escalated,
            CapWhen::Disciplined => &self.disciplined,
        }
    }
}

/// The evidence of every member with a result in the months of `period`: the cell's conclusions
/// by item kind, the verdicts, and from `ledger` the cases escalated and the discipline decided
/// in the period.
pub fn evidence(
    evaluator: &Evaluator<'_>,
    months: &[MonthResult],
    ledger: &Ledger,
    period: Period,
) -> BTreeMap<String, Evidence> {
    let mut out: BTreeMap<String, Evidence> = BTreeMap::new();
    for month in months.iter().filter(|m| period.contains(m.month)) {
        for result in &month.results {
            let entry = out.entry(result.member.clone()).or_default();
            *entry.verdicts.entry(result.verdict.as_str().to_owned()).or_default() += 1;
            for item in &result.found {
                let slot = match evaluator.item_kind(item) {
                    Some(ItemKind::Manifestation) => &mut entry.manifestation_concluded,
                    Some(ItemKind::Prohibition) => &mut entry.prohibition_violated,
                    _ => continue,
                };
                slot.push(Found::new(month.month, item));
            }
        }
    }
    for case in ledger.cases() {
        let Some(entry) = out.get_mut(&case.member) else { continue };
        if let Some(escalation) = case.escalated.as_ref().filter(|e| period.contains(e.month)) {
            entry.case_escalated.push(Found::new(escalation.month, &case.item));
        }
        if let Some(outcome) =
            case.outcome.as_ref().filter(|o| o.decision == Decision::Discipline && period.contains(o.month))
        {
            entry.disciplined.push(Found::new(outcome.month, &case.item));
        }
    }
    for entry in out.values_mut() {
        entry.case_escalated.sort();
        entry.disciplined.sort();
    }
    out
}
