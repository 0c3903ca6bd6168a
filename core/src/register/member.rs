//! One member's month in the register: the same rules as [`crate::Evaluator`]'s, on item
//! positions and case rows instead of codes and [`crate::Case`] values.
//!
//! This is the register's only copy of the rules. It must give what the evaluator gives; the
//! property test `register_equals_replay` (in `register/tests.rs`) draws random catalogues,
//! policies, organisations, months of conclusions and carried cases, and checks verdicts and cases
//! month by month against [`crate::Evaluator::replay`].

use super::cases::{CaseRow, ESCALATED, NO_MONTH, OPEN, REMEDIED};
use super::rules::Rules;
use super::{ADVERSE, CLEAN};
use crate::catalogue::ItemKind;
use crate::verdict::Verdict;

/// What a month changed, summed over members.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Counters {
    pub opened: u64,
    pub remedied: u64,
    pub escalated: u64,
}

/// What is read of a member's codes before the rules, in one pass; reused from member to member.
#[derive(Debug, Default)]
pub(super) struct Work {
    /// The items concluded adverse, in item order.
    pub adverse: Vec<u16>,
    /// Whether every applicable item is concluded.
    pub complete: bool,
    /// Whether any item is concluded.
    pub any: bool,
}

impl Work {
    /// Reads a member's dense codes, `code(item)` for each of `items` items, knowing from the
    /// chunk's pass whether any is adverse, whether any is missing and whether any is concluded.
    pub(super) fn read(
        &mut self,
        rules: &Rules,
        held: u8,
        (items, code): (usize, impl Fn(usize) -> u8),
        (adverse, missing, any): (bool, bool, bool),
    ) {
        self.adverse.clear();
        self.any = any;
        if adverse {
            for p in 0..items {
                if code(p) == ADVERSE {
                    self.adverse.push(u16::try_from(p).unwrap_or(u16::MAX));
                }
            }
        }
        self.complete = !missing || (0..items).all(|p| code(p) != 0 || !rules.applies(p, held));
    }

    /// Reads a member's codes from their sparse rows (every other item clean): `rows` are
    /// `(item, code)` in item order, `items` the number of items.
    pub(super) fn read_rows(&mut self, rules: &Rules, held: u8, rows: impl Iterator<Item = (u16, u8)>, items: usize) {
        self.adverse.clear();
        self.complete = true;
        let mut missing = 0;
        for (p, c) in rows {
            if c == ADVERSE {
                self.adverse.push(p);
            }
            if c == 0 {
                missing += 1;
                self.complete &= !rules.applies(usize::from(p), held);
            }
        }
        self.any = missing < items;
    }
}

/// How far the rules that fired reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    None,
    Help,
    Inspect,
}

impl Rules {
    /// Evaluates one member's month from the cell's codes (`code(item)`) as [`Work`] read them, updating the member's cases in place (new ones appended). Returns the verdict.
    pub(super) fn member(
        &self,
        month: i32,
        code: impl Fn(u16) -> u8,
        work: &Work,
        cases: &mut Vec<CaseRow>,
        counters: &mut Counters,
    ) -> Verdict {
        if !work.any {
            return Verdict::NotEvaluated;
        }
        let mut level = Level::None;
        // Open cases from earlier months: remedied by a clean conclusion in time, else escalated
        // at or after the deadline.
        for case in cases.iter_mut().filter(|c| c.state == OPEN && c.opened < month) {
            if code(case.item) == CLEAN && month <= case.deadline {
                case.state = REMEDIED;
                case.remedied = month;
                counters.remedied += 1;
            } else if month >= case.deadline {
                escalate(case, month, counters);
                level = Level::Inspect;
            }
        }
        // New cases for this month's shortcomings.
        for &p in &work.adverse {
            let Some(rule) = self.items.get(usize::from(p)) else { continue };
            if let Some(case) = cases.iter().find(|c| c.item == p && (c.state == OPEN || c.state == ESCALATED)) {
                if case.state == OPEN && case.opened < month {
                    level = level.max(Level::Help);
                }
                continue;
            }
            let window = i32::try_from(rule.window).unwrap_or(i32::MAX);
            let mut case = CaseRow {
                item: p,
                opened: month,
                deadline: month.saturating_add(window),
                state: OPEN,
                escalated: NO_MONTH,
                remedied: NO_MONTH,
            };
            counters.opened += 1;
            let mut escalated = rule.inspect;
            let within = i32::try_from(self.recurrence_months).unwrap_or(i32::MAX);
            let earliest = month.saturating_add(1).saturating_sub(within);
            let count = 1 + cases.iter().filter(|c| c.item == p && c.opened >= earliest).count();
            if u32::try_from(count).unwrap_or(u32::MAX) >= self.recurrence_cases {
                escalated = true;
            }
            if !escalated && rule.window == 0 {
                escalated = true;
            }
            if escalated {
                escalate(&mut case, month, counters);
                level = Level::Inspect;
            } else {
                level = level.max(Level::Help);
            }
            cases.push(case);
        }
        // Breadth: enough distinct manifestations escalate their open cases.
        let manifestation = |p: u16| self.items.get(usize::from(p)).is_some_and(|r| r.kind == ItemKind::Manifestation);
        let present = work.adverse.iter().filter(|p| manifestation(**p)).count();
        if u32::try_from(present).unwrap_or(u32::MAX) >= self.breadth {
            level = Level::Inspect;
            for case in cases.iter_mut() {
                if case.state == OPEN && manifestation(case.item) && code(case.item) == ADVERSE {
                    escalate(case, month, counters);
                }
            }
        }
        // Cases still waiting: escalated earlier (pending), or open with the item not concluded
        // clean or adverse this month.
        for case in cases.iter() {
            if case.state == ESCALATED && case.escalated < month {
                level = level.max(if self.pending_inspect { Level::Inspect } else { Level::Help });
            } else if case.state == OPEN
                && case.opened < month
                && code(case.item) != ADVERSE
                && code(case.item) != CLEAN
            {
                level = level.max(Level::Help);
            }
        }
        match level {
            Level::Inspect => Verdict::Inspect,
            Level::Help => Verdict::Help,
            Level::None if self.commend_requires_complete && !work.complete => Verdict::NotEvaluated,
            Level::None => Verdict::Commend,
        }
    }
}

fn escalate(case: &mut CaseRow, month: i32, counters: &mut Counters) {
    case.state = ESCALATED;
    case.escalated = month;
    counters.escalated += 1;
}
