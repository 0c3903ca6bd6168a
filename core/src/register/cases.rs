//! Remedy cases in columns: the register's ledger.

use crate::case::{Case, CaseSource, CaseState, Escalation};
use crate::verdict::Rule;
use crate::{Error, Issue, IssueCode, Month, Path};

/// `case_state` of an open case.
pub const OPEN: u8 = 0;
/// `case_state` of a case remedied in time.
pub const REMEDIED: u8 = 1;
/// `case_state` of a case escalated to inspection, its outcome pending.
pub const ESCALATED: u8 = 2;
/// `case_state` of a case whose inspection outcome is recorded.
pub const CLOSED: u8 = 3;
/// A month column's value when there is no month (never escalated, never remedied).
pub const NO_MONTH: i32 = -1;

/// Cases in columns, one row per case, sorted by member (then by month opened and item, as the
/// register appends them). Months are [`Month::index`] values.
///
/// The register keeps the cases later months need: every open or escalated case, and the cases
/// opened within the policy's recurrence window whatever their state. Older remedied and closed
/// cases leave the table for [`crate::register::Tally::retired`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseTable {
    /// The member (an index into the roster's members).
    pub member: Vec<u32>,
    /// The item (an index into the rules' items).
    pub item: Vec<u16>,
    /// The month opened.
    pub opened: Vec<i32>,
    /// The month by whose conclusion the item must be remedied.
    pub deadline: Vec<i32>,
    /// [`OPEN`], [`REMEDIED`], [`ESCALATED`] or [`CLOSED`].
    pub state: Vec<u8>,
    /// The month escalated, or [`NO_MONTH`].
    pub escalated: Vec<i32>,
    /// The month remedied, or [`NO_MONTH`].
    pub remedied: Vec<i32>,
}

/// Inspection outcomes to record on a [`CaseTable`], in columns: each row names a case by its
/// member, item and month opened ([`Month::index`]).
#[derive(Debug, Clone, Copy)]
pub struct Outcomes<'a> {
    /// The member of each case.
    pub member: &'a [u32],
    /// The item of each case.
    pub item: &'a [u16],
    /// The month each case opened.
    pub opened: &'a [i32],
}

/// One case of one member, while the member's month is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CaseRow {
    pub(crate) item: u16,
    pub(crate) opened: i32,
    pub(crate) deadline: i32,
    pub(crate) state: u8,
    pub(crate) escalated: i32,
    pub(crate) remedied: i32,
}

impl CaseTable {
    /// No cases.
    pub fn new() -> Self {
        CaseTable::default()
    }

    /// How many cases.
    pub fn len(&self) -> usize {
        self.member.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.member.is_empty()
    }

    /// How many cases are in each state: open, remedied, escalated, closed.
    pub fn states(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for state in &self.state {
            if let Some(slot) = counts.get_mut(usize::from(*state)) {
                *slot += 1;
            }
        }
        counts
    }

    pub(crate) fn push(&mut self, member: u32, row: CaseRow) {
        self.member.push(member);
        self.item.push(row.item);
        self.opened.push(row.opened);
        self.deadline.push(row.deadline);
        self.state.push(row.state);
        self.escalated.push(row.escalated);
        self.remedied.push(row.remedied);
    }

    pub(super) fn row(&self, i: usize) -> Option<CaseRow> {
        Some(CaseRow {
            item: *self.item.get(i)?,
            opened: *self.opened.get(i)?,
            deadline: *self.deadline.get(i)?,
            state: *self.state.get(i)?,
            escalated: *self.escalated.get(i)?,
            remedied: *self.remedied.get(i)?,
        })
    }

    pub(super) fn append(&mut self, mut other: CaseTable) {
        self.member.append(&mut other.member);
        self.item.append(&mut other.item);
        self.opened.append(&mut other.opened);
        self.deadline.append(&mut other.deadline);
        self.state.append(&mut other.state);
        self.escalated.append(&mut other.escalated);
        self.remedied.append(&mut other.remedied);
    }

    /// The findings about the table for `members` members and `items` items: columns of unequal
    /// length, members out of order, indices past the end, states and months that are not valid.
    pub fn check(&self, members: usize, items: usize) -> Vec<Issue> {
        let mut issues = Vec::new();
        let n = self.member.len();
        let lengths = [
            ("case_item", self.item.len()),
            ("case_opened", self.opened.len()),
            ("case_deadline", self.deadline.len()),
            ("case_state", self.state.len()),
            ("case_escalated", self.escalated.len()),
            ("case_remedied", self.remedied.len()),
        ];
        for (column, given) in lengths {
            if given != n {
                issues.push(column_length(Path::root().key("cases").key(column), column, given, n));
            }
        }
        if !issues.is_empty() {
            return issues;
        }
        let at = |i: usize, column: &str| Path::root().key("cases").index(i).key(column);
        let mut previous = 0u32;
        for i in 0..n {
            let Some(row) = self.row(i) else { break };
            let member = self.member.get(i).copied().unwrap_or(0);
            if usize::try_from(member).map_or(true, |m| m >= members) {
                issues.push(out_of_range(at(i, "member"), "case_member", member, members));
            } else if member < previous {
                issues.push(Issue::new(IssueCode::RowsOutOfOrder, at(i, "member")).with("column", "case_member"));
            }
            previous = previous.max(member);
            if usize::from(row.item) >= items {
                issues.push(out_of_range(at(i, "item"), "case_item", u32::from(row.item), items));
            }
            if row.state > CLOSED {
                issues.push(
                    Issue::new(IssueCode::InvalidValue, at(i, "state"))
                        .with("value", row.state)
                        .with("column", "case_state")
                        .with("expected", "0, 1, 2, 3"),
                );
            }
            for (column, month) in [("case_opened", row.opened), ("case_deadline", row.deadline)] {
                if Month::from_index(month).is_err() {
                    issues.push(bad_month(at(i, column), column, month));
                }
            }
            if (row.state == ESCALATED || row.state == CLOSED) && Month::from_index(row.escalated).is_err() {
                issues.push(bad_month(at(i, "escalated"), "case_escalated", row.escalated));
            }
            if issues.len() >= super::MAX_ISSUES {
                break;
            }
        }
        issues
    }

    /// Records inspection outcomes decided in `month`: each case named by `outcomes` (member,
    /// item, month opened) must be escalated, in `month` or earlier, and turns [`CLOSED`]: it no
    /// longer counts against the member (as [`crate::OutcomeRecord`]s do in the evaluator; the
    /// decision itself is kept with the records, not in the register). Returns how many cases
    /// closed. All or nothing: on any finding nothing is recorded. (The table does not know the
    /// roster: a case of a member not counted in `month` closes too, where
    /// [`crate::Evaluator::replay`] reports such a record as not taken; record outcomes for members
    /// counted in the month to get the evaluator's results.)
    ///
    /// Errors: [`Error::Invalid`] (document `outcomes`) with located findings: columns of unequal
    /// length, `unknown_case`, `case_not_escalated` (open, remedied, or escalated after `month`),
    /// `outcome_already_recorded` (closed already, or named twice).
    pub fn record_outcomes(&mut self, month: Month, outcomes: &Outcomes<'_>) -> Result<usize, Error> {
        let mut issues = Vec::new();
        let n = outcomes.member.len();
        for (column, given) in [("outcome_item", outcomes.item.len()), ("outcome_opened", outcomes.opened.len())] {
            if given != n {
                issues.push(column_length(Path::root().key("outcomes").key(column), column, given, n));
            }
        }
        if !issues.is_empty() {
            return Err(Error::Invalid { document: "outcomes", issues });
        }
        let now = month.index();
        let mut closing: std::collections::HashSet<usize> = std::collections::HashSet::with_capacity(n);
        let rows = outcomes.member.iter().zip(outcomes.item).zip(outcomes.opened);
        for (k, ((member, item), opened)) in rows.enumerate() {
            let at = || Path::root().key("outcomes").index(k);
            let from = self.member.partition_point(|m| m < member);
            let to = from + self.member.get(from..).map_or(0, |rest| rest.partition_point(|m| m == member));
            let found = (from..to).find(|i| self.item.get(*i) == Some(item) && self.opened.get(*i) == Some(opened));
            let named = |code: IssueCode| {
                let opened = Month::from_index(*opened).map_or_else(|_| opened.to_string(), |m| m.to_string());
                Issue::new(code, at())
                    .with("item", item)
                    .with("member", member)
                    .with("opened", opened)
                    .with("month", month)
            };
            let Some(i) = found else {
                issues.push(named(IssueCode::UnknownCase));
                continue;
            };
            let state = self.state.get(i).copied().unwrap_or(OPEN);
            let escalated = self.escalated.get(i).copied().unwrap_or(NO_MONTH);
            if state == CLOSED || closing.contains(&i) {
                issues.push(named(IssueCode::OutcomeAlreadyRecorded));
            } else if state != ESCALATED || escalated > now {
                issues.push(named(IssueCode::CaseNotEscalated));
            } else {
                closing.insert(i);
            }
            if issues.len() >= super::MAX_ISSUES {
                break;
            }
        }
        if !issues.is_empty() {
            return Err(Error::Invalid { document: "outcomes", issues });
        }
        for i in &closing {
            if let Some(state) = self.state.get_mut(*i) {
                *state = CLOSED;
            }
        }
        Ok(closing.len())
    }

    /// The cases of a ledger, with members and items given as indices (`member_index`,
    /// `item_index` return `None` for one the register does not have: an error at that case).
    /// Sorted as the register needs them.
    pub fn from_cases<'c>(
        cases: impl IntoIterator<Item = &'c Case>,
        member_index: impl Fn(&str) -> Option<u32>,
        item_index: impl Fn(&str) -> Option<u16>,
    ) -> Result<CaseTable, Error> {
        let mut rows = Vec::new();
        let mut issues = Vec::new();
        for (i, case) in cases.into_iter().enumerate() {
            let (Some(member), Some(item)) = (member_index(&case.member), item_index(&case.item)) else {
                issues.push(
                    Issue::new(IssueCode::UnknownCase, Path::root().index(i))
                        .with("item", &case.item)
                        .with("member", &case.member)
                        .with("opened", case.opened),
                );
                continue;
            };
            let state = match case.state {
                CaseState::Open => OPEN,
                CaseState::Remedied => REMEDIED,
                CaseState::Escalated => ESCALATED,
                CaseState::Closed => CLOSED,
            };
            let row = CaseRow {
                item,
                opened: case.opened.index(),
                deadline: case.deadline.index(),
                state,
                escalated: case.escalated.as_ref().map_or(NO_MONTH, |e| e.month.index()),
                remedied: case.remedied.map_or(NO_MONTH, Month::index),
            };
            rows.push((member, row));
        }
        if !issues.is_empty() {
            return Err(Error::Invalid { document: "cases", issues });
        }
        rows.sort_by_key(|(member, row)| (*member, row.opened, row.item));
        let mut table = CaseTable::new();
        for (member, row) in rows {
            table.push(member, row);
        }
        Ok(table)
    }

    /// The cases as [`Case`] values (for reading and comparing; `source` is the cell's, `unit` and
    /// `outcome` unknown, an escalation's rule `inspect.overdue` unless said otherwise).
    pub fn to_cases(&self, member_id: impl Fn(u32) -> String, item_code: impl Fn(u16) -> String) -> Vec<Case> {
        let month = |index: i32| Month::from_index(index).ok();
        (0..self.len())
            .filter_map(|i| {
                let row = self.row(i)?;
                let member = *self.member.get(i)?;
                let (opened, deadline) = (month(row.opened)?, month(row.deadline)?);
                let state = match row.state {
                    OPEN => CaseState::Open,
                    REMEDIED => CaseState::Remedied,
                    ESCALATED => CaseState::Escalated,
                    _ => CaseState::Closed,
                };
                Some(Case {
                    member: member_id(member),
                    item: item_code(row.item),
                    opened,
                    source: CaseSource::Cell,
                    unit: None,
                    deadline,
                    state,
                    remedied: month(row.remedied),
                    escalated: month(row.escalated).map(|month| Escalation { month, rule: Rule::Overdue }),
                    outcome: None,
                })
            })
            .collect()
    }
}

pub(super) fn column_length(at: Path, column: &str, given: usize, expected: usize) -> Issue {
    Issue::new(IssueCode::ColumnLength, at).with("column", column).with("given", given).with("expected", expected)
}

pub(super) fn out_of_range(at: Path, column: &str, value: u32, limit: usize) -> Issue {
    Issue::new(IssueCode::IndexOutOfRange, at).with("column", column).with("value", value).with("limit", limit)
}

fn bad_month(at: Path, column: &str, value: i32) -> Issue {
    Issue::new(IssueCode::InvalidValue, at)
        .with("value", value)
        .with("column", column)
        .with("expected", "year * 12 + (month - 1), years 1900-9999")
}
