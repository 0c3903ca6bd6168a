//! The register against the evaluator: same verdicts, same cases, same counts.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::struct_excessive_bools,
    clippy::naive_bytecount,
    reason = "tests"
)]

use proptest::prelude::*;

use super::{CaseTable, RosterData, Rules, Sheet, evaluate, sparse};
use crate::catalogue::{ItemKind, Severity};
use crate::policy::{Action, Policy};
use crate::review::{Answer, Finding, MonthlyReview, ReviewStatus};
use crate::{Case, Catalogue, Evaluator, History, Ledger, Month, Organisation, Verdict};

fn org() -> Organisation {
    Organisation::from_json(
        r#"{"id": "o", "name": {"vi": "O", "en": "O"},
          "units": [
            {"id": "CB2", "name": "Chi bộ 2", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "DB", "name": "Đảng bộ", "kind": "committee", "org_type": "commune"},
            {"id": "CB1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune", "parent": "DB"}],
          "members": [
            {"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
             "memberships": [{"unit": "CB1", "from": "2010-01-01"}]},
            {"id": "DV2", "name": "Trần Thị Bình", "status": "full",
             "memberships": [{"unit": "CB1", "from": "2010-01-01"}],
             "roles": [{"kind": "secretary", "unit": "CB1", "from": "2015-01-01"}]},
            {"id": "DV3", "name": "Lê Văn Cường", "status": "full",
             "memberships": [{"unit": "CB2", "from": "2010-01-01"}]},
            {"id": "DV4", "name": "Phạm Thị Dung", "status": "probationary",
             "memberships": [{"unit": "CB2", "from": "2020-01-01"}]},
            {"id": "DV5", "name": "Hoàng Văn Em", "status": "full",
             "memberships": [{"unit": "CB2", "from": "2010-01-01", "until": "2020-10-15"}]}]}"#,
    )
    .unwrap()
}

#[derive(Debug, Clone)]
struct Knobs {
    windows: [u32; 3],
    serious: bool,
    exemplary: bool,
    breadth: u32,
    recurrence: (u32, u32),
    pending_inspect: bool,
    complete: bool,
}

fn policy(k: &Knobs) -> Policy {
    let mut p = Policy::default_2020().unwrap();
    let minor = k.windows[0];
    let serious = k.windows[1].min(minor);
    let grave = k.windows[2].min(serious);
    for w in &mut p.remedy_windows {
        w.months = match w.severity {
            Severity::Minor => minor,
            Severity::Serious => serious,
            Severity::Grave => grave,
        };
    }
    for rule in &mut p.prohibitions {
        rule.action = match rule.severity {
            Severity::Minor => Action::Help,
            Severity::Serious if !k.serious => Action::Help,
            _ => Action::Inspect,
        };
    }
    p.exemplary.action = if k.exemplary { Action::Inspect } else { Action::Help };
    p.breadth.manifestations = k.breadth;
    p.recurrence.cases = k.recurrence.0;
    p.recurrence.within_months = k.recurrence.1;
    p.pending_inspection = if k.pending_inspect { Action::Inspect } else { Action::Help };
    p.commend_requires_complete = k.complete;
    p
}

/// The items the random months play with: the first item of each kind and severity, the first
/// three manifestations, and the first item limited to some roles.
fn hot_items(catalogue: &Catalogue) -> Vec<(String, ItemKind)> {
    let mut hot: Vec<(String, ItemKind)> = Vec::new();
    let mut seen = Vec::new();
    for placed in catalogue.items() {
        let key = (placed.kind(), placed.item.severity);
        let limited = !placed.item.applies_to.is_empty() && !hot.iter().any(|(c, _)| c.starts_with('!'));
        let first_manifestations = placed.kind() == ItemKind::Manifestation
            && hot.iter().filter(|(_, k)| *k == ItemKind::Manifestation).count() < 3;
        if !seen.contains(&key) || first_manifestations || limited {
            seen.push(key);
            hot.push((placed.item.code.clone(), placed.kind()));
        }
    }
    hot
}

fn finding(kind: ItemKind, draw: u8) -> Option<Finding> {
    let clean = Finding::for_kind(kind)[0];
    let adverse = Finding::for_kind(kind)[1];
    match draw % 8 {
        0..=2 => Some(clean),
        3..=5 => Some(adverse),
        6 if kind == ItemKind::Exemplary => Some(Finding::NotApplicable),
        _ => None,
    }
}

/// A case as a comparable tuple.
fn key(c: &Case) -> (String, String, Month, Month, &'static str, Option<Month>, Option<Month>) {
    (
        c.member.clone(),
        c.item.clone(),
        c.opened,
        c.deadline,
        c.state.as_str(),
        c.escalated.as_ref().map(|e| e.month),
        c.remedied,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Month by month, the register gives every member the evaluator's verdict, keeps the same
    /// cases, and counts the same per unit rolled up; dense and sparse, one thread and two, agree.
    #[test]
    fn register_equals_replay(
        windows in proptest::array::uniform3(0u32..4),
        serious in any::<bool>(),
        exemplary in any::<bool>(),
        breadth in 1u32..4,
        recurrence in (1u32..4, 1u32..7),
        pending_inspect in any::<bool>(),
        complete in any::<bool>(),
        modes in proptest::collection::vec(0u8..12, 6 * 5),
        draws in proptest::collection::vec(any::<u8>(), 6 * 5 * 16),
    ) {
        let knobs = Knobs { windows, serious, exemplary, breadth, recurrence, pending_inspect, complete };
        let catalogue = Catalogue::central_2020().unwrap();
        let policy = policy(&knobs);
        prop_assume!(policy.validate().iter().all(|i| i.level != crate::Level::Error));
        let org = org();
        let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
        let rules = Rules::new(&evaluator);
        let hot = hot_items(&catalogue);
        let reference = catalogue.reference();
        let mut ledger = Ledger::new();
        let mut table = CaseTable::new();
        let mut retired: Vec<Case> = Vec::new();
        let first: Month = "2020-07".parse().unwrap();
        for (t, month) in first.through(first.plus(5)).enumerate() {
            let roster = RosterData::new(&org, month);
            let mut reviews = Vec::new();
            for (m, member) in org.members.iter().enumerate() {
                let mode = modes[t * 5 + m];
                if mode == 0 {
                    continue; // no review this month
                }
                let answers: Vec<Answer> = catalogue
                    .items()
                    .filter_map(|p| {
                        let cell = match hot.iter().position(|(c, _)| *c == p.item.code) {
                            Some(h) => finding(p.kind(), draws[(t * 5 + m) * 16 + h % 16]),
                            None if mode == 1 => None, // an incomplete review
                            None => Some(Finding::for_kind(p.kind())[0]),
                        };
                        cell.map(|cell| Answer { item: p.item.code.clone(), self_assessment: None, cell: Some(cell) })
                    })
                    .collect();
                let unit = member.memberships[0].unit.clone();
                reviews.push(MonthlyReview {
                    member: member.id.clone(), unit, month, catalogue: reference.clone(),
                    status: ReviewStatus::Final, answers, notes: None,
                });
            }
            // The evaluator.
            let history = History { reviews: reviews.clone(), ..History::default() };
            let results = evaluator.replay(&mut ledger, &history, month, month, None).unwrap();
            // The register, dense and sparse, on one thread and two.
            let columns = roster.dense(&rules, &reviews).unwrap();
            let slices: Vec<&[u8]> = columns.iter().map(Vec::as_slice).collect();
            let (em, ei, ec) = sparse(&slices);
            let dense = Sheet::Dense(slices.clone());
            let sparse_sheet = Sheet::Sparse { member: &em, item: &ei, code: &ec };
            let tally = evaluate(&rules, &roster.roster(), month, &dense, &table, 1).unwrap();
            for (sheet, threads) in [(&dense, 2), (&sparse_sheet, 1), (&sparse_sheet, 3)] {
                let other = evaluate(&rules, &roster.roster(), month, sheet, &table, threads).unwrap();
                prop_assert_eq!(&other, &tally);
            }
            // Verdicts, member by member.
            for result in &results[0].results {
                let m = roster.member_ids.iter().position(|id| *id == result.member).unwrap();
                prop_assert_eq!(tally.verdicts[m], result.verdict as u8, "{} in {}: {:?}", result.member, month, result.rules);
            }
            let counted = tally.verdicts.iter().filter(|v| **v != super::ABSENT).count();
            prop_assert_eq!(counted, results[0].results.len());
            // Counts per unit, rolled up.
            for (u, id) in roster.unit_ids.iter().enumerate() {
                let mut counts = [0u64; 4];
                for result in &results[0].results {
                    let unit = result.unit.as_deref().unwrap();
                    if unit == id || (id == "DB" && unit != "DB") {
                        counts[result.verdict as usize] += 1;
                    }
                }
                prop_assert_eq!(tally.units[u], counts, "unit {}", id);
            }
            // Cases: the register's (kept and retired) are the ledger's.
            let ids = |m: u32| roster.member_ids[m as usize].clone();
            let codes = |p: u16| rules.codes[p as usize].clone();
            retired.extend(tally.retired.to_cases(ids, codes));
            let mut mine: Vec<_> = tally.cases.to_cases(ids, codes).iter().chain(&retired).map(key).collect();
            let mut theirs: Vec<_> = ledger.cases().into_iter().map(key).collect();
            mine.sort();
            theirs.sort();
            prop_assert_eq!(mine, theirs, "cases after {}", month);
            let opened = ledger.cases().iter().filter(|c| c.opened == month).count() as u64;
            prop_assert_eq!(tally.opened, opened);
            table = tally.cases;
        }
    }
}

#[test]
fn bad_codes_and_columns_are_located() {
    let catalogue = Catalogue::central_2020().unwrap();
    let policy = Policy::default_2020().unwrap();
    let org = org();
    let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
    let rules = Rules::new(&evaluator);
    let month: Month = "2020-09".parse().unwrap();
    let roster = RosterData::new(&org, month);
    let mut columns = vec![vec![super::CLEAN; 5]; rules.items.len()];
    columns[3][2] = 7;
    let manifestation = rules.items.iter().position(|r| r.kind == ItemKind::Manifestation).unwrap();
    columns[manifestation][1] = super::NOT_APPLICABLE;
    let sheet = Sheet::Dense(columns.iter().map(Vec::as_slice).collect());
    let err = evaluate(&rules, &roster.roster(), month, &sheet, &CaseTable::new(), 2).unwrap_err();
    let paths: Vec<String> = err.issues().iter().map(|i| i.path.to_string()).collect();
    assert_eq!(err.code(), "invalid_document");
    assert!(paths.contains(&format!("cells.{}[2]", rules.codes[3])), "{paths:?}");
    assert!(paths.contains(&format!("cells.{}[1]", rules.codes[manifestation])), "{paths:?}");
    assert!(err.issues().iter().all(|i| i.code == "invalid_value"));
    // A short column and members out of order in the sparse rows.
    columns[0].pop();
    let sheet = Sheet::Dense(columns.iter().map(Vec::as_slice).collect());
    let err = evaluate(&rules, &roster.roster(), month, &sheet, &CaseTable::new(), 1).unwrap_err();
    assert_eq!(err.issues()[0].code, "column_length");
    let sheet = Sheet::Sparse { member: &[2, 1], item: &[0, 0], code: &[4, 4] };
    let err = evaluate(&rules, &roster.roster(), month, &sheet, &CaseTable::new(), 1).unwrap_err();
    assert_eq!(err.issues()[0].code, "rows_out_of_order");
    assert_eq!(err.issues()[0].path.to_string(), "entries[1]");
    assert!(err.issues()[0].message_vi.contains("thứ tự"));
    let err = evaluate(&rules, &roster.roster(), month, &sheet, &CaseTable::new(), 0).unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
}

#[test]
fn members_not_counted_keep_their_cases_and_are_noted() {
    let catalogue = Catalogue::central_2020().unwrap();
    let policy = Policy::default_2020().unwrap();
    let org = org();
    let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
    let rules = Rules::new(&evaluator);
    let month: Month = "2020-12".parse().unwrap();
    let roster = RosterData::new(&org, month);
    let dv5 = roster.member_ids.iter().position(|m| m == "DV5").unwrap();
    assert_eq!(roster.member_unit[dv5], super::NONE, "DV5 left in October");
    let mut columns = vec![vec![super::CLEAN; 5]; rules.items.len()];
    columns[0][dv5] = super::ADVERSE;
    let mut cases = CaseTable::new();
    let row = super::cases::CaseRow {
        item: 1,
        opened: month.index() - 1,
        deadline: month.index() + 2,
        state: super::OPEN,
        escalated: -1,
        remedied: -1,
    };
    cases.push(u32::try_from(dv5).unwrap(), row);
    let sheet = Sheet::Dense(columns.iter().map(Vec::as_slice).collect());
    let tally = evaluate(&rules, &roster.roster(), month, &sheet, &cases, 1).unwrap();
    assert_eq!(tally.verdicts[dv5], super::ABSENT);
    assert_eq!(tally.cases, cases);
    assert_eq!(tally.notes.len(), 1);
    assert_eq!(tally.notes[0].code, "member_not_in_unit");
    assert_eq!(tally.verdicts.iter().filter(|v| **v == Verdict::Commend as u8).count(), 4);
}
