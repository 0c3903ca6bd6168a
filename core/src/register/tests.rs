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
        closes in proptest::collection::vec(any::<bool>(), 6 * 5),
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
            // Inspection outcomes this month on some members' escalated cases.
            let mut outcomes = Vec::new();
            let mut named = (Vec::new(), Vec::new(), Vec::new());
            for i in 0..table.len() {
                let m = table.member[i] as usize;
                // (The evaluator takes outcomes only for members counted in the month, see
                // `CaseTable::record_outcomes`.)
                let counted = roster.member_unit[m] != super::NONE;
                if closes[t * 5 + m] && counted && table.state[i] == super::ESCALATED {
                    outcomes.push(crate::OutcomeRecord {
                        member: roster.member_ids[m].clone(),
                        item: rules.codes[usize::from(table.item[i])].clone(),
                        opened: Month::from_index(table.opened[i]).unwrap(),
                        outcome: crate::Outcome {
                            month, decision: crate::Decision::Reminder, form: None, note: None,
                        },
                    });
                    named.0.push(table.member[i]);
                    named.1.push(table.item[i]);
                    named.2.push(table.opened[i]);
                }
            }
            let outcome_rows = super::Outcomes { member: &named.0, item: &named.1, opened: &named.2 };
            prop_assert_eq!(table.record_outcomes(month, &outcome_rows).unwrap(), outcomes.len());
            // The evaluator.
            let history = History { reviews: reviews.clone(), outcomes, ..History::default() };
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

#[test]
fn outcomes_close_escalated_cases_and_locate_the_rest() {
    let row = |item: u16, state: u8, escalated: i32| super::cases::CaseRow {
        item,
        opened: 24240,
        deadline: 24241,
        state,
        escalated,
        remedied: super::NO_MONTH,
    };
    let mut cases = CaseTable::new();
    cases.push(0, row(0, super::ESCALATED, 24241));
    cases.push(0, row(1, super::OPEN, super::NO_MONTH));
    cases.push(2, row(0, super::CLOSED, 24241));
    cases.push(2, row(3, super::ESCALATED, 24243));
    let month = Month::from_index(24242).unwrap();
    let before = cases.clone();
    // An unknown case, an open one, a closed one, one escalated after the month, one named twice.
    let (member, item, opened) = ([0, 0, 1, 2, 2, 0], [0, 1, 0, 0, 3, 0], [24240; 6]);
    let err = cases.record_outcomes(month, &super::Outcomes { member: &member, item: &item, opened: &opened });
    let crate::Error::Invalid { document, issues } = err.unwrap_err() else { panic!("not invalid") };
    assert_eq!(document, "outcomes");
    let found: Vec<(String, String)> = issues.iter().map(|i| (i.code.clone(), i.path.to_string())).collect();
    assert_eq!(
        found,
        [
            ("case_not_escalated", "outcomes[1]"),
            ("unknown_case", "outcomes[2]"),
            ("outcome_already_recorded", "outcomes[3]"),
            ("case_not_escalated", "outcomes[4]"),
            ("outcome_already_recorded", "outcomes[5]"),
        ]
        .map(|(c, p)| (c.to_owned(), p.to_owned()))
    );
    assert_eq!(cases, before, "nothing recorded");
    let ok = cases.record_outcomes(month, &super::Outcomes { member: &[0], item: &[0], opened: &[24240] }).unwrap();
    assert_eq!(ok, 1);
    assert_eq!(cases.states(), [1, 0, 1, 2]);
    let short = cases.record_outcomes(month, &super::Outcomes { member: &[0, 1], item: &[0], opened: &[24240] });
    assert!(matches!(short, Err(crate::Error::Invalid { .. })));
}

/// A district's two synthetic months (over 6,000 members: whole chunks of the dense pass, and
/// partial ones where the threads' ranges end), a fifth of the members with findings, through the evaluator and through the register, dense and sparse, on one thread
/// and three: the same verdict for every member, the same cases.
#[test]
fn a_district_month_equals_the_evaluator_member_by_member() {
    let org = crate::synthetic::organisation(crate::synthetic::Scale::District, 7);
    let catalogue = crate::synthetic::local_catalogue(&Catalogue::central_2020().unwrap());
    let policy = Policy::default_2020().unwrap();
    let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
    let rules = Rules::new(&evaluator);
    let rates = crate::synthetic::Rates { member_with_finding: 0.2, ..crate::synthetic::Rates::default() };
    let mut ledger = Ledger::new();
    let mut table = CaseTable::new();
    let first: Month = "2020-09".parse().unwrap();
    for month in first.through(first.plus(1)) {
        let batch = crate::synthetic::reviews(&org, &catalogue, month, 7, rates);
        let history = History { reviews: batch.reviews.clone(), ..History::default() };
        let results = evaluator.replay(&mut ledger, &history, month, month, None).unwrap();
        let roster = RosterData::new(&org, month);
        let columns = roster.dense(&rules, &batch.reviews).unwrap();
        let slices: Vec<&[u8]> = columns.iter().map(Vec::as_slice).collect();
        let (em, ei, ec) = sparse(&slices);
        let tally = evaluate(&rules, &roster.roster(), month, &Sheet::Dense(slices.clone()), &table, 1).unwrap();
        assert!(tally.verdicts.len() > 6000, "{} members", tally.verdicts.len());
        for (sheet, threads) in
            [(Sheet::Dense(slices.clone()), 3), (Sheet::Sparse { member: &em, item: &ei, code: &ec }, 1)]
        {
            assert_eq!(evaluate(&rules, &roster.roster(), month, &sheet, &table, threads).unwrap(), tally);
        }
        let mut differ = 0;
        for result in &results[0].results {
            let m = roster.member_ids.iter().position(|id| *id == result.member).unwrap();
            differ += usize::from(tally.verdicts[m] != result.verdict as u8);
        }
        assert_eq!(differ, 0, "members whose verdict differs in {month}");
        assert_eq!(tally.verdicts.iter().filter(|v| **v != super::ABSENT).count(), results[0].results.len());
        let ids = |m: u32| roster.member_ids[m as usize].clone();
        let codes = |p: u16| rules.codes[p as usize].clone();
        assert_eq!(tally.cases.len() + tally.retired.len(), ledger.cases().len());
        let _ = tally.cases.to_cases(ids, codes);
        table = tally.cases;
    }
}
