//! The month's pass over a range of members: most members are clean and take the fast path; the
//! rest (a shortcoming, a case, a missing conclusion) go through [`Rules::member`].

use super::cases::{CLOSED, CaseRow, CaseTable, REMEDIED};
use super::member::{Counters, Work};
use super::{ABSENT, Input, NONE, Sheet};
use crate::verdict::Verdict;
use crate::{Issue, IssueCode, Path};

/// Members folded together in the dense pass: a block of each item's column at a time (a few
/// dozen cache lines in a row, which the hardware prefetcher follows), the three bytes per member
/// in the L1 cache.
const BLOCK: usize = 4096;
/// Members classified together after the fold: a chunk that is all clean, with no case, is
/// counted as a run.
const LANES: usize = 64;

/// What a range of members gives.
#[derive(Debug, Default)]
pub(super) struct Part {
    pub units: Vec<[u64; 4]>,
    pub items: Vec<u64>,
    pub counters: Counters,
    pub cases: CaseTable,
    pub retired: CaseTable,
    pub issues: Vec<Issue>,
    pub notes: Vec<Issue>,
}

/// The pass over members `lo .. lo + verdicts.len()`.
pub(super) struct Pass<'i, 'a> {
    input: &'i Input<'a>,
    lo: usize,
    part: Part,
    work: Work,
    rows: Vec<CaseRow>,
    codes: Vec<u8>,
    /// The next carried case to look at.
    case: usize,
}

impl<'i, 'a> Pass<'i, 'a> {
    pub(super) fn run(input: &'i Input<'a>, lo: usize, verdicts: &mut [u8]) -> Part {
        let items = input.rules.items.len();
        let units = input.roster.unit_parent.len();
        let case = input.cases.member.partition_point(|m| usize::try_from(*m).is_ok_and(|m| m < lo));
        let mut pass = Pass {
            input,
            lo,
            part: Part { units: vec![[0; 4]; units], items: vec![0; items], ..Part::default() },
            work: Work::default(),
            rows: Vec::new(),
            codes: vec![super::CLEAN; items],
            case,
        };
        match &input.sheet {
            Sheet::Dense(columns) => pass.dense(columns, verdicts),
            Sheet::Sparse { member, item, code } => pass.sparse(member, item, code, verdicts),
        }
        pass.part
    }

    /// The dense pass, [`BLOCK`] members at a time: each item's column is read for the block's
    /// members and folded into three bytes per member (any bit, least code, bad bits); then, [`LANES`]
    /// members at a time, a chunk of clean members with no case is counted as a run, and the
    /// members of any other chunk are looked at one by one.
    fn dense(&mut self, columns: &[&[u8]], verdicts: &mut [u8]) {
        let forbid: Vec<u8> = self.input.rules.items.iter().map(|r| forbidden_bits(r.kind)).collect();
        let mut folded = Folded::default();
        let mut from = 0;
        for block in verdicts.chunks_mut(BLOCK) {
            let start = self.lo + from;
            folded.fold(columns, &forbid, start, block.len());
            let mut k = 0;
            for chunk in block.chunks_mut(LANES) {
                let at = start + k;
                let lanes = k..k + chunk.len();
                let clean = lanes.clone().all(|j| folded.clean(j));
                if clean && self.next_case() >= at + chunk.len() {
                    self.clean_run(from + k, chunk);
                } else {
                    for (j, verdict) in lanes.zip(chunk.iter_mut()) {
                        *verdict = self.dense_member(columns, start + j, folded.get(j));
                    }
                }
                k += chunk.len();
            }
            from += block.len();
        }
    }

    /// Member `m` of the dense pass, its codes folded to `(a, l, x)`: any bit, least code, bad
    /// bits. Returns the verdict byte, counted in its unit.
    #[allow(clippy::many_single_char_names, reason = "a: any bit, l: least code, x: bad bits, m: member")]
    fn dense_member(&mut self, columns: &[&[u8]], m: usize, (a, l, x): (u8, u8, u8)) -> u8 {
        if x != 0 {
            self.bad_cells(columns, m);
            return ABSENT;
        }
        let Some(unit) = self.unit_of(m) else {
            self.pass_cases(m, a & super::ADVERSE != 0);
            return ABSENT;
        };
        let fast = if a == 0 {
            Some(Verdict::NotEvaluated)
        } else if a & super::ADVERSE != 0 || self.has_active_cases(m) {
            None
        } else if l != 0 || !self.input.rules.commend_requires_complete {
            Some(Verdict::Commend)
        } else if self.input.rules.universal() {
            Some(Verdict::NotEvaluated)
        } else {
            None
        };
        let verdict = if let Some(v) = fast {
            self.pass_cases(m, false);
            v
        } else {
            let held = self.input.roster.member_roles.get(m).copied().unwrap_or(0);
            let code = |p: usize| columns.get(p).and_then(|c| c.get(m)).copied().unwrap_or(0);
            let seen = (a & super::ADVERSE != 0, l == 0, a != 0);
            self.work.read(self.input.rules, held, (columns.len(), code), seen);
            self.slow(m, |p| code(usize::from(p)))
        };
        if let Some(counts) = self.part.units.get_mut(unit).and_then(|c| c.get_mut(verdict as usize)) {
            *counts += 1;
        }
        verdict as u8
    }

    /// Members `from .. from + verdicts.len()` (relative to the pass), all clean (no sparse row; in
    /// the dense pass, every item concluded and nothing adverse) and none with a case: commended.
    fn clean_run(&mut self, from: usize, verdicts: &mut [u8]) {
        let first = self.lo + from;
        let unit = self.input.roster.member_unit.get(first..first + verdicts.len()).unwrap_or(&[]);
        let mut stray = None;
        for (k, (verdict, u)) in verdicts.iter_mut().zip(unit).enumerate() {
            if let Some([_, commended, _, _]) = self.part.units.get_mut(usize::try_from(*u).unwrap_or(usize::MAX)) {
                *commended += 1;
                *verdict = Verdict::Commend as u8;
            } else {
                *verdict = ABSENT;
                if *u != NONE {
                    stray.get_or_insert_with(Vec::new).push((first + k, *u));
                }
            }
        }
        for (m, u) in stray.into_iter().flatten() {
            self.unit_out_of_range(m, u);
        }
    }

    #[allow(clippy::many_single_char_names, reason = "e: next row, k: member in the pass, m: member")]
    fn sparse(&mut self, member: &[u32], item: &[u16], code: &[u8], verdicts: &mut [u8]) {
        let mut e = member.partition_point(|m| usize::try_from(*m).is_ok_and(|m| m < self.lo));
        let forbid: Vec<u8> = self.input.rules.items.iter().map(|r| forbidden_bits(r.kind)).collect();
        let end = verdicts.len();
        let mut k = 0;
        while k < end {
            // Members up to the next one with a row or a case are all clean: a run.
            let index = |x: Option<&u32>| {
                x.and_then(|x| usize::try_from(*x).ok()).map_or(usize::MAX, |x| x.saturating_sub(self.lo))
            };
            let next = index(member.get(e)).min(index(self.input.cases.member.get(self.case))).min(end);
            if next > k {
                if let Some(run) = verdicts.get_mut(k..next) {
                    self.clean_run(k, run);
                }
                k = next;
                continue;
            }
            let m = self.lo + k;
            let first = e;
            while member.get(e).is_some_and(|x| usize::try_from(*x).is_ok_and(|x| x == m)) {
                e += 1;
            }
            let verdict_now = match self.unit_of(m) {
                // No row and no case counting against the member (only remedied or closed ones,
                // kept for the recurrence window): clean, as in a run.
                Some(unit) if first == e && !self.has_active_cases(m) => {
                    self.pass_cases(m, false);
                    Some((unit, Verdict::Commend))
                }
                None => {
                    self.pass_cases(m, code.get(first..e).is_some_and(|c| c.contains(&super::ADVERSE)));
                    None
                }
                Some(unit) => {
                    let mut ok = true;
                    for j in first..e {
                        let (Some(&p), Some(&c)) = (item.get(j), code.get(j)) else { continue };
                        let bits = forbid.get(usize::from(p)).copied().unwrap_or(u8::MAX);
                        if (c & c.wrapping_sub(1)) | (c & bits) != 0 {
                            let at = Path::root().key("entries").index(j).key("code");
                            self.part.issues.push(bad_code(at, "entry_code", c));
                            ok = false;
                        } else if let Some(slot) = self.codes.get_mut(usize::from(p)) {
                            *slot = c;
                        }
                    }
                    let v = if ok {
                        let held = self.input.roster.member_roles.get(m).copied().unwrap_or(0);
                        let rows = (first..e).filter_map(|j| Some((*item.get(j)?, *code.get(j)?)));
                        self.work.read_rows(self.input.rules, held, rows, self.codes.len());
                        let codes = std::mem::take(&mut self.codes);
                        let v = self.slow(m, |p| codes.get(usize::from(p)).copied().unwrap_or(0));
                        self.codes = codes;
                        v
                    } else {
                        self.pass_cases(m, false);
                        Verdict::NotEvaluated
                    };
                    for j in first..e {
                        if let Some(slot) = item.get(j).and_then(|p| self.codes.get_mut(usize::from(*p))) {
                            *slot = super::CLEAN;
                        }
                    }
                    Some((unit, v))
                }
            };
            if let Some(verdict) = verdicts.get_mut(k) {
                *verdict = verdict_now.map_or(ABSENT, |(_, v)| v as u8);
            }
            if let Some((unit, v)) = verdict_now {
                if let Some(counts) = self.part.units.get_mut(unit).and_then(|c| c.get_mut(v as usize)) {
                    *counts += 1;
                }
            }
            k += 1;
        }
    }

    /// The member's unit index, when counted this month.
    #[inline]
    fn unit_of(&mut self, m: usize) -> Option<usize> {
        let unit = *self.input.roster.member_unit.get(m)?;
        let index = usize::try_from(unit).ok()?;
        if index < self.part.units.len() {
            Some(index)
        } else {
            self.unit_out_of_range(m, unit);
            None
        }
    }

    #[cold]
    fn unit_out_of_range(&mut self, m: usize, unit: u32) {
        if unit != NONE {
            let at = Path::root().key("members").index(m).key("unit");
            self.part.issues.push(super::cases::out_of_range(at, "member_unit", unit, self.part.units.len()));
        }
    }

    #[inline]
    fn has_cases(&self, m: usize) -> bool {
        self.next_case() == m
    }

    /// The member of the next carried case to look at (`usize::MAX` when there is none).
    #[inline]
    fn next_case(&self) -> usize {
        self.input.cases.member.get(self.case).map_or(usize::MAX, |m| usize::try_from(*m).unwrap_or(usize::MAX))
    }

    /// Whether the member has a carried case that still counts against them (open, or escalated
    /// and waiting for its outcome): only then do the cases change a clean month's verdict.
    #[inline]
    fn has_active_cases(&self, m: usize) -> bool {
        let cases = self.input.cases;
        let mut i = self.case;
        while cases.member.get(i).is_some_and(|x| usize::try_from(*x).is_ok_and(|x| x == m)) {
            if cases.state.get(i).is_some_and(|s| *s == super::OPEN || *s == super::ESCALATED) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// The member's carried cases into `rows`.
    fn take_cases(&mut self, m: usize) {
        self.rows.clear();
        while self.has_cases(m) {
            if let Some(row) = self.input.cases.row(self.case) {
                self.rows.push(row);
            }
            self.case += 1;
        }
    }

    /// Carries the member's cases unchanged (a member not evaluated this month). `noted`: the
    /// member is not counted this month yet has shortcomings concluded, which are not evaluated.
    #[inline]
    fn pass_cases(&mut self, m: usize, noted: bool) {
        if noted && self.part.notes.len() < super::MAX_ISSUES {
            self.part.notes.push(
                Issue::new(IssueCode::MemberNotInUnit, Path::root().key("members").index(m))
                    .with("member", m)
                    .with("unit", "—")
                    .with("month", self.input.month),
            );
        }
        if self.has_cases(m) {
            self.take_cases(m);
            self.emit(m);
        }
    }

    /// The rules for a member whose codes `code(item)` gives and `work` has read.
    fn slow(&mut self, m: usize, code: impl Fn(u16) -> u8) -> Verdict {
        self.take_cases(m);
        let month = self.input.month.index();
        let verdict = self.input.rules.member(month, code, &self.work, &mut self.rows, &mut self.part.counters);
        for p in &self.work.adverse {
            if let Some(n) = self.part.items.get_mut(usize::from(*p)) {
                *n += 1;
            }
        }
        self.emit(m);
        verdict
    }

    /// The member's cases after the month: kept, or retired when no later month needs them.
    fn emit(&mut self, m: usize) {
        let keep_from = self.input.keep_from;
        let member = u32::try_from(m).unwrap_or(NONE);
        for row in self.rows.drain(..) {
            let done = row.state == REMEDIED || row.state == CLOSED;
            if done && row.opened < keep_from {
                self.part.retired.push(member, row);
            } else {
                self.part.cases.push(member, row);
            }
        }
    }

    /// Findings for every bad byte of member `m`'s cells.
    fn bad_cells(&mut self, columns: &[&[u8]], m: usize) {
        for (p, column) in columns.iter().enumerate() {
            let c = column.get(m).copied().unwrap_or(0);
            let kind = self.input.rules.items.get(p).map(|r| r.kind);
            let bits = kind.map_or(u8::MAX, forbidden_bits);
            if (c & c.wrapping_sub(1)) | (c & bits) != 0 && self.part.issues.len() < super::MAX_ISSUES {
                let code = self.input.rules.codes.get(p).map_or("?", String::as_str);
                self.part.issues.push(bad_code(Path::root().key("cells").key(code).index(m), "cells", c));
            }
        }
        // The member's cases are still carried.
        self.pass_cases(m, false);
    }
}

/// A block's members folded over every column: for each member, the OR of its codes, the least
/// code and the bad bits (a code that is not a single flag, or a flag its item forbids).
struct Folded {
    any: Box<[u8; BLOCK]>,
    least: Box<[u8; BLOCK]>,
    bad: Box<[u8; BLOCK]>,
}

impl Default for Folded {
    fn default() -> Self {
        Folded { any: Box::new([0; BLOCK]), least: Box::new([0; BLOCK]), bad: Box::new([0; BLOCK]) }
    }
}

impl Folded {
    /// Folds members `start .. start + n` (at most [`BLOCK`]); a missing cell (a column shorter
    /// than the others, refused before the pass) reads as no conclusion.
    fn fold(&mut self, columns: &[&[u8]], forbid: &[u8], start: usize, n: usize) {
        self.any.fill(0);
        self.least.fill(u8::MAX);
        self.bad.fill(0);
        for (column, &f) in columns.iter().zip(forbid) {
            let cells = column.get(start..start + n).unwrap_or(&[]);
            if cells.len() < n {
                self.least.fill(0);
            }
            let lanes = self.any.iter_mut().zip(self.least.iter_mut()).zip(self.bad.iter_mut());
            for (((a, l), x), &c) in lanes.zip(cells) {
                *a |= c;
                *l = (*l).min(c);
                *x |= (c & c.wrapping_sub(1)) | (c & f);
            }
        }
    }

    /// Whether member `j` of the block is clean: every item concluded, nothing adverse, nothing
    /// bad.
    #[inline]
    fn clean(&self, j: usize) -> bool {
        let (a, l, x) = self.get(j);
        a & super::ADVERSE == 0 && l != 0 && x == 0
    }

    /// Member `j` of the block, folded: `(any, least, bad)`.
    #[inline]
    fn get(&self, j: usize) -> (u8, u8, u8) {
        (
            self.any.get(j).copied().unwrap_or(0),
            self.least.get(j).copied().unwrap_or(0),
            self.bad.get(j).copied().unwrap_or(0),
        )
    }
}

/// The bits a code must not have for an item of `kind`: not applicable (2) is for exemplary items only.
fn forbidden_bits(kind: crate::ItemKind) -> u8 {
    if kind == crate::ItemKind::Exemplary { 0xF8 } else { 0xFA }
}

fn bad_code(at: Path, column: &str, value: u8) -> Issue {
    Issue::new(IssueCode::InvalidValue, at)
        .with("value", value)
        .with("column", column)
        .with("expected", "0 (không kết luận / no conclusion), 1 (đạt / clean), 2 (không áp dụng / not applicable, exemplary items only), 4 (có khuyết điểm / adverse)")
}
