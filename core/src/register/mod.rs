//! The register: a month of a whole organisation in columns, evaluated at national scale.
//!
//! The monthly statistics form is a table, one row per member and one column per item of the
//! catalogue, each cell the cell's conclusion as a small code. [`evaluate`] takes such a month —
//! **dense** (every cell of every member, [`Sheet::Dense`]) or **sparse** (only the cells that
//! are not clean, [`Sheet::Sparse`]) — with the members' units, the tree of units and the cases
//! carried from earlier months ([`CaseTable`]), and gives every member's verdict, the cases after
//! the month, and the verdicts counted per unit and rolled up the tree ([`Tally`]). It gives what
//! [`crate::Evaluator::replay`] gives on the same month (a property test checks it), without a
//! string or an allocation per member, on as many threads as asked.
//!
//! Codes: [`MISSING`] 0 (no conclusion), [`CLEAN`] 1 (none / clear / good), [`NOT_APPLICABLE`] 2
//! (exemplary items only), [`ADVERSE`] 4 (present / not yet good / violated). Members, units and
//! items are indices; months are [`Month::index`] values.
//!
//! ```
//! use soisua::register::{self, CaseTable, Roster, Rules, Sheet};
//! # use soisua::{Catalogue, Evaluator, Organisation, Policy, Verdict};
//! # let org = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
//! #   "units": [], "members": []}"#)?;
//! let (catalogue, policy) = (Catalogue::central_2020()?, Policy::default_2020()?);
//! let rules = Rules::new(&Evaluator::new(&catalogue, &policy, &org)?);
//! let items = rules.items.len();
//! // Two units (a committee over a cell) and three members in the cell.
//! let (parent, unit, roles) = ([register::NONE, 0], [1u32, 1, 1], [0u8; 3]);
//! let roster = Roster { unit_parent: &parent, member_unit: &unit, member_roles: &roles };
//! // Every cell clean, but member 1 has the first item (a manifestation) present and member 2
//! // has no conclusion at all: one column per item, one byte per member.
//! let mut columns = vec![vec![register::CLEAN, register::CLEAN, register::MISSING]; items];
//! columns[0][1] = register::ADVERSE;
//! let sheet = Sheet::Dense(columns.iter().map(Vec::as_slice).collect());
//! let month = "2020-09".parse()?;
//! let tally = register::evaluate(&rules, &roster, month, &sheet, &CaseTable::new(), 1)?;
//! assert_eq!(tally.verdicts, [Verdict::Commend as u8, Verdict::Help as u8, Verdict::NotEvaluated as u8]);
//! assert_eq!(tally.units[0], [1, 1, 1, 0]); // rolled up to the committee
//! assert_eq!((tally.opened, tally.cases.len()), (1, 1));
//! # Ok::<(), soisua::Error>(())
//! ```

use crate::{Error, Issue, IssueCode, Month, Path};

mod cases;
mod member;
mod roster;
mod rules;
mod scan;
#[cfg(test)]
mod tests;

pub(crate) use cases::CaseRow;
pub use cases::{CLOSED, CaseTable, ESCALATED, NO_MONTH, OPEN, Outcomes, REMEDIED};
pub use roster::{RosterData, code, sparse};
pub use rules::{ItemRule, Rules, role_bit};

/// No conclusion on the item.
pub const MISSING: u8 = 0;
/// Clean: `none`, `clear` or `good`.
pub const CLEAN: u8 = 1;
/// Not applicable (exemplary items only).
pub const NOT_APPLICABLE: u8 = 2;
/// A shortcoming: `present`, `not_yet_good` or `violated`.
pub const ADVERSE: u8 = 4;
/// An index that points nowhere: the parent of a top unit, the unit of a member not counted this
/// month.
pub const NONE: u32 = u32::MAX;
/// The verdict byte of a member not counted this month.
pub const ABSENT: u8 = u8::MAX;
/// The fewest members worth a thread of their own (in unit tests, one: so that the property tests
/// split their few members between threads).
#[cfg(not(test))]
const MEMBERS_PER_THREAD: usize = 16_384;
#[cfg(test)]
const MEMBERS_PER_THREAD: usize = 1;
/// At most this many findings are listed per pass (the first ones; the rest are alike).
const MAX_ISSUES: usize = 100;

/// The organisation as the register reads it, borrowed from columns.
#[derive(Debug, Clone, Copy)]
pub struct Roster<'a> {
    /// Each unit's parent (an index), or [`NONE`] for a top unit; parents come before their
    /// children (`unit_parent[u] < u`).
    pub unit_parent: &'a [u32],
    /// Each member's unit this month (an index), or [`NONE`] when not counted this month.
    pub member_unit: &'a [u32],
    /// Each member's roles this month, as a mask of [`role_bit`]s.
    pub member_roles: &'a [u8],
}

/// The month's cell conclusions.
#[derive(Debug, Clone)]
pub enum Sheet<'a> {
    /// One column per item, in the rules' order, one code per member.
    Dense(Vec<&'a [u8]>),
    /// Only the cells that are not clean, sorted by member then item: every other cell is
    /// [`CLEAN`]. A member with no review at all has a [`MISSING`] row for every item.
    Sparse {
        /// The member of each row.
        member: &'a [u32],
        /// The item of each row.
        item: &'a [u16],
        /// The code of each row.
        code: &'a [u8],
    },
}

/// A month evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The month.
    pub month: Month,
    /// Each member's verdict (`Verdict as u8`), or [`ABSENT`] when not counted this month.
    pub verdicts: Vec<u8>,
    /// Members per verdict (in the order of [`crate::Verdict::ALL`]) per unit, counting the units
    /// under it: the roll-up up the tree.
    pub units: Vec<[u64; 4]>,
    /// Members per item found adverse this month.
    pub items: Vec<u64>,
    /// Cases opened this month.
    pub opened: u64,
    /// Cases remedied this month.
    pub remedied: u64,
    /// Cases escalated to inspection this month (including cases escalated as they opened).
    pub escalated: u64,
    /// The cases for the next month.
    pub cases: CaseTable,
    /// Remedied and closed cases that no later month needs (out of the recurrence window).
    pub retired: CaseTable,
    /// Findings that did not stop the evaluation: members not counted this month (unit
    /// [`NONE`]) with shortcomings concluded, which were therefore not evaluated.
    pub notes: Vec<Issue>,
}

impl Tally {
    /// Members per verdict over the whole organisation (the top units' rolled-up counts).
    pub fn total(&self, roster: &Roster<'_>) -> [u64; 4] {
        let mut total = [0; 4];
        for (counts, parent) in self.units.iter().zip(roster.unit_parent) {
            if *parent == NONE {
                for (t, c) in total.iter_mut().zip(counts) {
                    *t += c;
                }
            }
        }
        total
    }
}

/// Everything a pass reads.
pub(crate) struct Input<'a> {
    rules: &'a Rules,
    roster: Roster<'a>,
    month: Month,
    sheet: Sheet<'a>,
    cases: &'a CaseTable,
    /// Remedied and closed cases opened before this month are retired.
    keep_from: i32,
}

/// Evaluates a month: every member's verdict, the cases after it, the counts rolled up the tree.
/// `threads` splits the members into that many ranges evaluated side by side (1: on the calling
/// thread; fewer when there are less than 16,384 members per thread, since starting a thread
/// would cost more than it saves; the result is the same on any number).
///
/// Errors: [`Error::Invalid`] (document `register`) with located findings when the columns do not
/// fit together (lengths, indices past the end, a unit listed before its parent, sparse rows or
/// cases out of order) or a code is not one of [`MISSING`], [`CLEAN`], [`NOT_APPLICABLE`] (on an
/// exemplary item), [`ADVERSE`]; `invalid_argument` when `threads` is 0.
pub fn evaluate(
    rules: &Rules,
    roster: &Roster<'_>,
    month: Month,
    sheet: &Sheet<'_>,
    cases: &CaseTable,
    threads: usize,
) -> Result<Tally, Error> {
    if threads == 0 {
        return Err(Error::Argument {
            name: "threads",
            detail: "at least one thread is needed".to_owned(),
            detail_vi: "cần ít nhất một luồng".to_owned(),
        });
    }
    let issues = check(rules, roster, sheet, cases);
    if !issues.is_empty() {
        return Err(Error::Invalid { document: "register", issues });
    }
    let within = i32::try_from(rules.recurrence_months).unwrap_or(i32::MAX);
    let input = Input {
        rules,
        roster: *roster,
        month,
        sheet: sheet.clone(),
        cases,
        keep_from: month.index().saturating_add(2).saturating_sub(within),
    };
    let members = roster.member_unit.len();
    let mut verdicts = vec![ABSENT; members];
    // A thread costs tens of microseconds to start: small months run on fewer threads (the
    // result is the same on any number).
    let threads = threads.min(members.div_ceil(MEMBERS_PER_THREAD)).max(1);
    let per = members.div_ceil(threads).max(1);
    let parts: Vec<scan::Part> = if threads == 1 || members <= per {
        vec![scan::Pass::run(&input, 0, &mut verdicts)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = verdicts
                .chunks_mut(per)
                .enumerate()
                .map(|(i, chunk)| {
                    let input = &input;
                    scope.spawn(move || scan::Pass::run(input, i * per, chunk))
                })
                .collect();
            // A pass does not panic; if one did, that is a bug, carried to the caller rather than hidden.
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    };
    let mut tally = Tally {
        month,
        verdicts: Vec::new(),
        units: vec![[0; 4]; roster.unit_parent.len()],
        items: vec![0; rules.items.len()],
        opened: 0,
        remedied: 0,
        escalated: 0,
        cases: CaseTable::new(),
        retired: CaseTable::new(),
        notes: Vec::new(),
    };
    let mut issues = Vec::new();
    for part in parts {
        for (total, counts) in tally.units.iter_mut().zip(&part.units) {
            for (t, c) in total.iter_mut().zip(counts) {
                *t += c;
            }
        }
        for (total, n) in tally.items.iter_mut().zip(&part.items) {
            *total += n;
        }
        tally.opened += part.counters.opened;
        tally.remedied += part.counters.remedied;
        tally.escalated += part.counters.escalated;
        tally.cases.append(part.cases);
        tally.retired.append(part.retired);
        tally.notes.extend(part.notes);
        issues.extend(part.issues);
    }
    if !issues.is_empty() {
        issues.truncate(MAX_ISSUES);
        return Err(Error::Invalid { document: "register", issues });
    }
    roll_up(&mut tally.units, roster.unit_parent);
    tally.verdicts = verdicts;
    Ok(tally)
}

/// Adds each unit's counts to its parent's, children first (parents come before children).
fn roll_up(units: &mut [[u64; 4]], parent: &[u32]) {
    for u in (0..units.len()).rev() {
        let Some(p) = parent.get(u).and_then(|p| usize::try_from(*p).ok()).filter(|p| *p < u) else { continue };
        let Some(counts) = units.get(u).copied() else { continue };
        if let Some(up) = units.get_mut(p) {
            for (t, c) in up.iter_mut().zip(counts) {
                *t += c;
            }
        }
    }
}

/// The findings about columns that do not fit together (codes are checked as they are read).
fn check(rules: &Rules, roster: &Roster<'_>, sheet: &Sheet<'_>, cases: &CaseTable) -> Vec<Issue> {
    let mut issues = Vec::new();
    let members = roster.member_unit.len();
    let items = rules.items.len();
    if items > usize::from(u16::MAX) {
        issues.push(cases::out_of_range(Path::root().key("items"), "items", u32::MAX, usize::from(u16::MAX)));
    }
    if roster.member_roles.len() != members {
        issues.push(cases::column_length(
            Path::root().key("member_roles"),
            "member_roles",
            roster.member_roles.len(),
            members,
        ));
    }
    for (u, parent) in roster.unit_parent.iter().enumerate() {
        if *parent != NONE && usize::try_from(*parent).map_or(true, |p| p >= u) {
            issues.push(
                Issue::new(IssueCode::RowsOutOfOrder, Path::root().key("units").index(u).key("parent"))
                    .with("column", "unit_parent"),
            );
            if issues.len() >= MAX_ISSUES {
                break;
            }
        }
    }
    match sheet {
        Sheet::Dense(columns) => {
            if columns.len() != items {
                issues.push(cases::column_length(Path::root().key("cells"), "cells (items)", columns.len(), items));
            }
            for (p, column) in columns.iter().enumerate() {
                if column.len() != members {
                    let code = rules.codes.get(p).map_or("?", String::as_str);
                    issues.push(cases::column_length(Path::root().key("cells").key(code), code, column.len(), members));
                }
            }
        }
        Sheet::Sparse { member, item, code } => {
            for (column, given) in [("entry_item", item.len()), ("entry_code", code.len())] {
                if given != member.len() {
                    issues.push(cases::column_length(
                        Path::root().key("entries").key(column),
                        column,
                        given,
                        member.len(),
                    ));
                }
            }
            let mut previous: Option<(u32, u16)> = None;
            for (j, (m, p)) in member.iter().zip(item.iter()).enumerate() {
                let at = || Path::root().key("entries").index(j);
                if usize::try_from(*m).map_or(true, |m| m >= members) {
                    issues.push(cases::out_of_range(at().key("member"), "entry_member", *m, members));
                } else if usize::from(*p) >= items {
                    issues.push(cases::out_of_range(at().key("item"), "entry_item", u32::from(*p), items));
                } else if previous.is_some_and(|prev| prev >= (*m, *p)) {
                    issues.push(Issue::new(IssueCode::RowsOutOfOrder, at()).with("column", "entry_member, entry_item"));
                }
                previous = Some((*m, *p));
                if issues.len() >= MAX_ISSUES {
                    break;
                }
            }
        }
    }
    if issues.len() < MAX_ISSUES {
        issues.extend(cases.check(members, items));
    }
    issues.truncate(MAX_ISSUES);
    issues
}
