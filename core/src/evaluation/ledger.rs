//! The cases carried from month to month.

use std::collections::{HashMap, HashSet};

use super::Evaluator;
use crate::case::Case;
use crate::{Issue, IssueCode, Month, Path};

/// Every member's cases, and the last month evaluated (months must come in order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    cases: HashMap<String, Vec<Case>>,
    last: Option<Month>,
}

impl Ledger {
    /// An empty ledger: no cases, no month evaluated yet.
    pub fn new() -> Self {
        Ledger::default()
    }

    /// Every case, sorted by member, month opened and item.
    pub fn cases(&self) -> Vec<&Case> {
        let mut all: Vec<&Case> = self.cases.values().flatten().collect();
        all.sort_by(|a, b| (&a.member, a.opened, &a.item).cmp(&(&b.member, b.opened, &b.item)));
        all
    }

    /// A member's cases, in the order they opened.
    pub fn cases_of(&self, member: &str) -> &[Case] {
        self.cases.get(member).map_or(&[], Vec::as_slice)
    }

    /// The last month evaluated, if any.
    pub fn last_month(&self) -> Option<Month> {
        self.last
    }

    pub(crate) fn take(&mut self, member: &str) -> Vec<Case> {
        self.cases.remove(member).unwrap_or_default()
    }

    pub(crate) fn put(&mut self, member: &str, cases: Vec<Case>) {
        if !cases.is_empty() {
            self.cases.insert(member.to_owned(), cases);
        }
    }

    pub(crate) fn set_last(&mut self, month: Month) {
        self.last = Some(month);
    }
}

impl Evaluator<'_> {
    /// A ledger holding cases carried over from before (a previous system, an earlier run), with
    /// the findings about them at `[i]`: a case on an item the catalogue does not have
    /// (`unknown_item`) or of a member the organisation does not have (`unknown_member`), a state
    /// its dates contradict (`case_state_mismatch`), the same case twice (`duplicate_case`). A case
    /// with an error is left out of the ledger, and said so by its finding.
    pub fn ledger(&self, cases: Vec<Case>) -> (Ledger, Vec<Issue>) {
        let mut ledger = Ledger::new();
        let mut issues = Vec::new();
        let mut seen = HashSet::new();
        for (i, case) in cases.into_iter().enumerate() {
            let at = Path::root().index(i);
            let before = issues.len();
            if self.position(&case.item).is_none() {
                issues.push(Issue::new(IssueCode::UnknownItem, at.clone().key("item")).with("item", &case.item));
            }
            if self.org.member(&case.member).is_none() {
                issues
                    .push(Issue::new(IssueCode::UnknownMember, at.clone().key("member")).with("member", &case.member));
            }
            if !case.is_consistent() {
                issues.push(
                    Issue::new(IssueCode::CaseStateMismatch, at.clone().key("state"))
                        .with("item", &case.item)
                        .with("member", &case.member)
                        .with("state", case.state.as_str()),
                );
            }
            if !seen.insert((case.member.clone(), case.item.clone(), case.opened)) {
                issues.push(
                    Issue::new(IssueCode::DuplicateCase, at)
                        .with("item", &case.item)
                        .with("member", &case.member)
                        .with("opened", case.opened),
                );
            }
            if issues.len() == before {
                ledger.cases.entry(case.member.clone()).or_default().push(case);
            }
        }
        for list in ledger.cases.values_mut() {
            list.sort_by(|a, b| (a.opened, &a.item).cmp(&(b.opened, &b.item)));
        }
        (ledger, issues)
    }
}
