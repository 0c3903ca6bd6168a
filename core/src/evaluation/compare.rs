//! Comparing two evaluations of the same months: an amended review, or another policy (what-if).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{MemberResult, MonthResult};
use crate::Month;
use crate::verdict::{Rule, Verdict};

/// A member-month evaluated differently: its verdicts and rule ids before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The member.
    pub member: String,
    /// The month.
    pub month: Month,
    /// The verdict in the first evaluation (none: the member was not in scope).
    pub before: Option<Verdict>,
    /// The verdict in the second.
    pub after: Option<Verdict>,
    /// The rules that fired in the first.
    pub rules_before: Vec<Rule>,
    /// The rules that fired in the second.
    pub rules_after: Vec<Rule>,
}

impl Change {
    /// Whether the verdict itself differs (not only the rules behind it).
    pub fn verdict_changed(&self) -> bool {
        self.before != self.after
    }
}

/// The member-months whose verdict or rules differ between two evaluations of the same months, in
/// month order then in the order of the second evaluation.
///
/// ```
/// use soisua::evaluation::compare;
/// assert!(compare(&[], &[]).is_empty());
/// ```
pub fn compare(before: &[MonthResult], after: &[MonthResult]) -> Vec<Change> {
    fn index(months: &[MonthResult]) -> HashMap<(Month, &str), &MemberResult> {
        months.iter().flat_map(|m| m.results.iter()).map(|r| ((r.month, r.member.as_str()), r)).collect()
    }
    let old = index(before);
    let new = index(after);
    let rules = |r: Option<&&MemberResult>| r.map(|r| r.rules.iter().map(|f| f.rule).collect()).unwrap_or_default();
    let mut keys: Vec<(Month, &String)> = after
        .iter()
        .flat_map(|m| m.results.iter())
        .chain(before.iter().flat_map(|m| m.results.iter()))
        .map(|r| (r.month, &r.member))
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(*k));
    keys.sort_by_key(|(month, _)| *month);
    let mut changes = Vec::new();
    for (month, member) in keys {
        let key = (month, member.as_str());
        let (a, b) = (old.get(&key), new.get(&key));
        let (rules_before, rules_after): (Vec<Rule>, Vec<Rule>) = (rules(a), rules(b));
        let (verdict_a, verdict_b) = (a.map(|r| r.verdict), b.map(|r| r.verdict));
        if verdict_a != verdict_b || rules_before != rules_after {
            changes.push(Change {
                member: member.clone(),
                month,
                before: verdict_a,
                after: verdict_b,
                rules_before,
                rules_after,
            });
        }
    }
    changes
}
