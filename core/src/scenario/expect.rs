//! Expectations of a scenario, and checking them against its report.

use serde::{Deserialize, Serialize};

use super::ScenarioReport;
use crate::Month;
use crate::case::CaseState;
use crate::verdict::{Rule, Verdict};

/// What a scenario expects. Every list is checked entry by entry; what is not listed is not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Verdicts (and optionally the exact set of rule ids) of member-months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<ExpectVerdict>,
    /// States of cases at the end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<ExpectCase>,
    /// Finding codes that must be among the report's issues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// Member-months the amendments must change (exactly these).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<ExpectChange>>,
    /// Member-months whose verdict the other policy must change (exactly these).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_if: Option<Vec<ExpectChange>>,
}

/// An expected verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectVerdict {
    /// The member.
    pub member: String,
    /// The month.
    pub month: Month,
    /// The verdict.
    pub verdict: Verdict,
    /// The rule ids that fired, in any order (absent: not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<Rule>>,
}

/// An expected case at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectCase {
    /// The member.
    pub member: String,
    /// The item.
    pub item: String,
    /// The month it opened.
    pub opened: Month,
    /// Its state.
    pub state: CaseState,
    /// The rule that escalated it (absent: not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated_by: Option<Rule>,
}

/// An expected change of verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectChange {
    /// The member.
    pub member: String,
    /// The month.
    pub month: Month,
    /// The verdict before.
    pub before: Verdict,
    /// The verdict after.
    pub after: Verdict,
}

/// Whether a scenario's expectations held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectReport {
    /// True when every expectation held.
    pub passed: bool,
    /// What did not hold, one line each (English).
    pub failures: Vec<String>,
}

impl Expect {
    /// Checks the expectations against a report.
    pub fn check(&self, report: &ScenarioReport) -> ExpectReport {
        let mut failures = Vec::new();
        for want in &self.verdicts {
            let got = report
                .months
                .iter()
                .filter(|m| m.month == want.month)
                .flat_map(|m| m.results.iter())
                .find(|r| r.result.member == want.member);
            let at = format!("{} {}", want.member, want.month);
            let Some(got) = got else {
                failures.push(format!("{at}: no result"));
                continue;
            };
            if got.result.verdict != want.verdict {
                failures.push(format!(
                    "{at}: verdict `{}`, expected `{}`",
                    got.result.verdict.as_str(),
                    want.verdict.as_str()
                ));
            }
            if let Some(rules) = &want.rules {
                let mut expected: Vec<Rule> = rules.clone();
                let mut actual: Vec<Rule> = got.result.rules.iter().map(|f| f.rule).collect();
                expected.sort();
                actual.sort();
                actual.dedup();
                expected.dedup();
                if expected != actual {
                    failures.push(format!("{at}: rules {}, expected {}", names(&actual), names(&expected)));
                }
            }
        }
        for want in &self.cases {
            let at = format!("case {} {} {}", want.member, want.item, want.opened);
            let got =
                report.cases.iter().find(|c| c.member == want.member && c.item == want.item && c.opened == want.opened);
            match got {
                None => failures.push(format!("{at}: no such case")),
                Some(case) => {
                    if case.state != want.state {
                        failures.push(format!(
                            "{at}: state `{}`, expected `{}`",
                            case.state.as_str(),
                            want.state.as_str()
                        ));
                    }
                    if let Some(rule) = want.escalated_by {
                        let by = case.escalated.map(|e| e.rule);
                        if by != Some(rule) {
                            let by = by.map_or("none", Rule::as_str);
                            failures.push(format!("{at}: escalated by `{by}`, expected `{rule}`"));
                        }
                    }
                }
            }
        }
        for code in &self.issues {
            if !report.issues.iter().any(|i| i.code == *code) {
                failures.push(format!("issue `{code}` expected but not found"));
            }
        }
        if let Some(changes) = &self.changes {
            let got: Vec<ExpectChange> = report.changes.iter().flatten().filter_map(as_expect).collect();
            compare_changes("changes", changes, &got, &mut failures);
        }
        if let Some(changes) = &self.what_if {
            let got: Vec<ExpectChange> =
                report.what_if.iter().flat_map(|w| w.differences.iter()).filter_map(as_expect).collect();
            compare_changes("what_if", changes, &got, &mut failures);
        }
        ExpectReport { passed: failures.is_empty(), failures }
    }
}

fn as_expect(change: &crate::evaluation::Change) -> Option<ExpectChange> {
    if !change.verdict_changed() {
        return None;
    }
    Some(ExpectChange {
        member: change.member.clone(),
        month: change.month,
        before: change.before?,
        after: change.after?,
    })
}

fn compare_changes(what: &str, want: &[ExpectChange], got: &[ExpectChange], failures: &mut Vec<String>) {
    for change in want.iter().filter(|c| !got.contains(c)) {
        failures.push(format!(
            "{what}: expected {} {} `{}` → `{}`, not found",
            change.member,
            change.month,
            change.before.as_str(),
            change.after.as_str()
        ));
    }
    for change in got.iter().filter(|c| !want.contains(c)) {
        failures.push(format!(
            "{what}: unexpected {} {} `{}` → `{}`",
            change.member,
            change.month,
            change.before.as_str(),
            change.after.as_str()
        ));
    }
}

fn names(rules: &[Rule]) -> String {
    format!("[{}]", rules.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "))
}
