//! Synthetic months in the register's columns, at any scale: the benchmark's data.
//!
//! Each member's month is drawn from its own stream (the seed, the month and the member's index),
//! so the same inputs give the same columns, on any number of threads.

use super::Rates;
use super::rng::Rng;
use crate::Month;
use crate::catalogue::ItemKind;
use crate::register::{
    ADVERSE, CLEAN, CaseRow, CaseTable, ESCALATED, MISSING, NO_MONTH, NONE, NOT_APPLICABLE, OPEN, REMEDIED, Roster,
    Rules,
};

/// Share of members carrying an open case from an earlier month.
pub const OPEN_CASE: f64 = 0.01;
/// Share of members with a case escalated in an earlier month, its outcome pending.
pub const PENDING_CASE: f64 = 0.001;
/// Share of members with two cases on one item remedied within the recurrence window (a third
/// finding on that item is a relapse).
pub const REMEDIED_TWICE: f64 = 0.005;
/// Share of carried open cases whose item the cell concludes clean (remedied) the next month; of
/// the rest, [`AGAIN`] adverse again and the others not concluded. With 5% of members finding
/// shortcomings each month, this keeps about 1% of members with an open case carried from an
/// earlier month, month after month (the year replay checks the shares it ends with).
pub const REMEDY: f64 = 0.9;
/// Share of carried open cases whose item is concluded adverse again the next month.
pub const AGAIN: f64 = 0.06;
/// Chance that an item with two remedied cases within the recurrence window is found again in a
/// month (a relapse); with one remedied case, [`RELAPSE_ONCE`].
pub const RELAPSE_TWICE: f64 = 0.3;
/// Chance that an item with one remedied case within the recurrence window is found again.
pub const RELAPSE_ONCE: f64 = 0.02;
/// Share of members whose review lacks some conclusions.
pub const INCOMPLETE: f64 = 0.001;
/// Share of members with no review at all.
pub const NO_REVIEW: f64 = 0.0005;

/// Cases carried into `month` for a synthetic roster: [`OPEN_CASE`] of the members have an open
/// case (a manifestation or exemplary item, opened one to three months before), [`PENDING_CASE`]
/// an escalated one waiting for its outcome, [`REMEDIED_TWICE`] two remedied cases on one item
/// within the policy's recurrence window. Sorted as the register needs.
pub fn cases(rules: &Rules, roster: &Roster<'_>, month: Month, seed: u64) -> CaseTable {
    let helped: Vec<u16> = positions(rules, |k| k != ItemKind::Prohibition);
    let mut table = CaseTable::new();
    let now = month.index();
    for (m, unit) in roster.member_unit.iter().enumerate() {
        if *unit == NONE {
            continue;
        }
        let mut rng = member_rng(seed ^ 0x6361_7365, month, m);
        let draw = rng.next_u64();
        let Some(&item) = rng.pick(&helped) else { continue };
        let window = rules.items.get(usize::from(item)).map_or(0, |r| i32::try_from(r.window).unwrap_or(0));
        let member = u32::try_from(m).unwrap_or(NONE);
        let uniform = to_unit(draw);
        let row = |opened: i32, state: u8, escalated: i32, remedied: i32| CaseRow {
            item,
            opened,
            deadline: opened + window,
            state,
            escalated,
            remedied,
        };
        if uniform < OPEN_CASE {
            let back = 1 + i32::try_from(rng.index(usize::try_from(window.max(1)).unwrap_or(1))).unwrap_or(0);
            table.push(member, row(now - back, OPEN, NO_MONTH, NO_MONTH));
        } else if uniform < OPEN_CASE + PENDING_CASE {
            table.push(member, row(now - 3, ESCALATED, now - 1, NO_MONTH));
        } else if uniform < OPEN_CASE + PENDING_CASE + REMEDIED_TWICE {
            let within = i32::try_from(rules.recurrence_months).unwrap_or(0);
            if within >= 3 {
                table.push(member, row(now - within + 1, REMEDIED, NO_MONTH, now - within + 2));
                table.push(member, row(now - 2, REMEDIED, NO_MONTH, now - 1));
            }
        }
    }
    table
}

/// The month's dense columns (one per item of `rules`, one code per member of `roster`), into
/// `columns` (resized and overwritten, so that a year can reuse one buffer).
///
/// Every applicable item is concluded clean except: `rates.member_with_finding` of the members get
/// one to three shortcomings (48% manifestations, 48% exemplary items, 4% prohibitions); an item
/// with two remedied cases is found again with probability [`RELAPSE_TWICE`], one with one remedied
/// case [`RELAPSE_ONCE`]; an item with an open case is concluded clean ([`REMEDY`]), adverse again
/// ([`AGAIN`]) or not at all (the rest); 0.2% of exemplary items are
/// not applicable; [`INCOMPLETE`] of the reviews lack a few conclusions and [`NO_REVIEW`] of the
/// members have none. Members not counted this month get [`MISSING`] everywhere.
pub fn cells(
    rules: &Rules,
    roster: &Roster<'_>,
    month: Month,
    seed: u64,
    rates: Rates,
    cases: &CaseTable,
    columns: &mut Vec<Vec<u8>>,
) {
    let members = roster.member_unit.len();
    columns.resize_with(rules.items.len(), Vec::new);
    for column in columns.iter_mut() {
        column.clear();
        column.resize(members, CLEAN);
    }
    let by_kind =
        [ItemKind::Manifestation, ItemKind::Exemplary, ItemKind::Prohibition].map(|k| positions(rules, |x| x == k));
    let exemplary = by_kind.get(1).cloned().unwrap_or_default();
    let set = |columns: &mut Vec<Vec<u8>>, p: usize, m: usize, code: u8| {
        if let Some(slot) = columns.get_mut(p).and_then(|c| c.get_mut(m)) {
            *slot = code;
        }
    };
    let mut case = 0;
    for (m, unit) in roster.member_unit.iter().enumerate() {
        let first = case;
        while cases.member.get(case).is_some_and(|x| usize::try_from(*x).is_ok_and(|x| x == m)) {
            case += 1;
        }
        if *unit == NONE {
            for p in 0..columns.len() {
                set(columns, p, m, MISSING);
            }
            continue;
        }
        let held = roster.member_roles.get(m).copied().unwrap_or(0);
        for (p, rule) in rules.items.iter().enumerate() {
            if rule.applies != 0 && rule.applies & held == 0 {
                set(columns, p, m, MISSING);
            }
        }
        let mut rng = member_rng(seed, month, m);
        let u = to_unit(rng.next_u64());
        if u < NO_REVIEW {
            for p in 0..columns.len() {
                set(columns, p, m, MISSING);
            }
            continue;
        }
        if u < NO_REVIEW + INCOMPLETE {
            for _ in 0..3 {
                let p = rng.index(columns.len());
                set(columns, p, m, MISSING);
            }
        }
        if rng.chance(0.002 * f64::from(u32::try_from(exemplary.len()).unwrap_or(0))) {
            if let Some(p) = rng.pick(&exemplary) {
                set(columns, usize::from(*p), m, NOT_APPLICABLE);
            }
        }
        if rng.chance(rates.member_with_finding) {
            for _ in 0..=rng.index(3) {
                let kind = match rng.below(100) {
                    0..48 => 0,
                    48..96 => 1,
                    _ => 2,
                };
                if let Some(p) = by_kind.get(kind).and_then(|items| rng.pick(items)) {
                    set(columns, usize::from(*p), m, ADVERSE);
                }
            }
        }
        for c in first..case {
            let (Some(item), Some(state)) = (cases.item.get(c), cases.state.get(c)) else { continue };
            let p = usize::from(*item);
            match *state {
                OPEN => {
                    let x = to_unit(rng.next_u64());
                    let code = if x < REMEDY {
                        CLEAN
                    } else if x < REMEDY + AGAIN {
                        ADVERSE
                    } else {
                        MISSING
                    };
                    set(columns, p, m, code);
                }
                REMEDIED => {
                    let remedied = (first..case)
                        .filter(|d| cases.item.get(*d) == Some(item) && cases.state.get(*d) == Some(&REMEDIED))
                        .count();
                    if rng.chance(if remedied >= 2 { RELAPSE_TWICE } else { RELAPSE_ONCE }) {
                        set(columns, p, m, ADVERSE);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Share of the cases waiting for an inspection outcome that get one in a given month (so an
/// inspection takes two months on average).
pub const DECIDED: f64 = 0.5;

/// The inspection outcomes decided in `month` on the escalated cases of `cases` (escalated before
/// `month`, members counted in `roster`): [`DECIDED`] of them, each drawn from its member's
/// stream. Columns for [`CaseTable::record_outcomes`]: members, items, months opened.
pub fn outcomes(roster: &Roster<'_>, cases: &CaseTable, month: Month, seed: u64) -> (Vec<u32>, Vec<u16>, Vec<i32>) {
    let now = month.index();
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (i, state) in cases.state.iter().enumerate() {
        let (Some(&member), Some(&item), Some(&opened), Some(&escalated)) =
            (cases.member.get(i), cases.item.get(i), cases.opened.get(i), cases.escalated.get(i))
        else {
            continue;
        };
        let counted = usize::try_from(member).ok().and_then(|m| roster.member_unit.get(m)).is_some_and(|u| *u != NONE);
        if *state != ESCALATED || escalated >= now || !counted {
            continue;
        }
        let stream = u64::from(item) << 32 | u64::from(opened.unsigned_abs());
        let mut rng = member_rng(seed ^ 0x6f75_7463 ^ stream, month, usize::try_from(member).unwrap_or(0));
        if rng.chance(DECIDED) {
            out.0.push(member);
            out.1.push(item);
            out.2.push(opened);
        }
    }
    out
}

fn positions(rules: &Rules, keep: impl Fn(ItemKind) -> bool) -> Vec<u16> {
    rules.items.iter().enumerate().filter(|(_, r)| keep(r.kind)).filter_map(|(p, _)| u16::try_from(p).ok()).collect()
}

fn member_rng(seed: u64, month: Month, member: usize) -> Rng {
    Rng::derive(&[seed, u64::from(month.index().unsigned_abs()), u64::try_from(member).unwrap_or(0)])
}

/// A draw in `[0, 1)`.
fn to_unit(x: u64) -> f64 {
    // 53 random bits, exactly representable.
    #[allow(clippy::cast_precision_loss, reason = "53 bits fit a double exactly")]
    let (bits, scale) = ((x >> 11) as f64, (1u64 << 53) as f64);
    bits / scale
}
