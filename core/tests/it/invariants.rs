//! Property tests of evaluation: deterministic; replaying month by month equals replaying the
//! range at once; within a month, an added shortcoming never lowers a verdict and a removed one
//! never raises it; every `inspect` names an inspect rule; every case is in exactly one state.

use proptest::prelude::*;
use serde_json::{Value, json};

use soisua::evaluation::{Evaluator, History, Ledger, MonthResult};
use soisua::{Answer, Catalogue, Finding, Month, MonthlyReview, Organisation, Policy, ReviewStatus, Verdict};

const MONTHS: i32 = 8;

fn fixture() -> (Catalogue, Organisation) {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios/04-severities.json");
    let scenario: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let catalogue = Catalogue::from_value(scenario["catalogue"].clone()).unwrap();
    let org = Organisation::from_value(scenario["organisation"].clone()).unwrap();
    (catalogue, org)
}

fn start() -> Month {
    "2020-01".parse().unwrap()
}

/// A policy varied within its valid ranges.
fn policy(windows: [u32; 3], cases: u32, within: u32, breadth: u32, pending_help: bool) -> Policy {
    let mut value = serde_json::to_value(Policy::default_2020().unwrap()).unwrap();
    let mut sorted = windows;
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    value["remedy_windows"] = json!([
        {"severity": "minor", "months": sorted[0]},
        {"severity": "serious", "months": sorted[1]},
        {"severity": "grave", "months": sorted[2]},
    ]);
    value["recurrence"] = json!({"cases": cases, "within_months": within});
    value["breadth"] = json!({"manifestations": breadth});
    value["pending_inspection"] = json!(if pending_help { "help" } else { "inspect" });
    Policy::from_value(value).unwrap()
}

/// A finding for an item from a choice: 0 absent, 1 clean, 2 adverse, 3 not applicable (exemplary).
fn finding(kind: soisua::ItemKind, choice: u8) -> Option<Finding> {
    let options = Finding::for_kind(kind);
    match choice % 4 {
        0 => None,
        1 => options.first().copied(),
        2 => options.get(1).copied(),
        _ => options.get(2).copied().or(options.first().copied()),
    }
}

/// Reviews from a flat list of choices: per member-month, a presence byte then one byte per item.
fn history(catalogue: &Catalogue, org: &Organisation, choices: &[u8]) -> History {
    let items: Vec<_> = catalogue.items().collect();
    let mut bytes = choices.iter().copied().cycle();
    let mut reviews = Vec::new();
    for offset in 0..MONTHS {
        for member in &org.members {
            let present = bytes.next().unwrap_or(0) % 5 != 0;
            let answers: Vec<Answer> = items
                .iter()
                .filter_map(|p| {
                    let cell = finding(p.kind(), bytes.next().unwrap_or(0))?;
                    Some(Answer { item: p.item.code.clone(), self_assessment: None, cell: Some(cell) })
                })
                .collect();
            if present {
                reviews.push(MonthlyReview {
                    member: member.id.clone(),
                    unit: "CB-1".into(),
                    month: start().plus(offset),
                    catalogue: catalogue.reference(),
                    status: ReviewStatus::Final,
                    answers,
                    notes: None,
                });
            }
        }
    }
    History { reviews, ..History::default() }
}

fn run(evaluator: &Evaluator<'_>, history: &History, ledger: &mut Ledger, from: i32, to: i32) -> Vec<MonthResult> {
    evaluator.replay(ledger, history, start().plus(from), start().plus(to), None).unwrap()
}

fn policies() -> impl Strategy<Value = Policy> {
    (prop::array::uniform3(0u32..5), 2u32..5, 1u32..9, 1u32..4, any::<bool>())
        .prop_map(|(w, c, n, b, p)| policy(w, c, n, b, p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn replay_equals_incremental_and_is_deterministic(
        choices in prop::collection::vec(any::<u8>(), 64..200),
        split in 0..MONTHS - 1,
        policy in policies(),
    ) {
        let (catalogue, org) = fixture();
        let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
        let history = history(&catalogue, &org, &choices);
        let mut whole = Ledger::new();
        let at_once = run(&evaluator, &history, &mut whole, 0, MONTHS - 1);
        let mut pieces = Ledger::new();
        let mut in_pieces = run(&evaluator, &history, &mut pieces, 0, split);
        in_pieces.extend(run(&evaluator, &history, &mut pieces, split + 1, MONTHS - 1));
        prop_assert_eq!(&at_once, &in_pieces);
        prop_assert_eq!(whole.cases(), pieces.cases());
        let again = run(&evaluator, &history, &mut Ledger::new(), 0, MONTHS - 1);
        prop_assert_eq!(&at_once, &again);
        for month in &at_once {
            for result in &month.results {
                let top = result.rules.iter().map(|f| f.rule.verdict()).max();
                prop_assert_eq!(top, Some(result.verdict), "{:?}", result);
                if result.verdict == Verdict::Inspect {
                    prop_assert!(result.rules.iter().any(|f| f.rule.verdict() == Verdict::Inspect));
                }
            }
        }
        for case in whole.cases() {
            prop_assert!(case.is_consistent(), "{:?}", case);
        }
    }

    #[test]
    fn a_shortcoming_never_lowers_a_verdict_in_its_month(
        choices in prop::collection::vec(any::<u8>(), 64..200),
        item in 0usize..6,
        policy in policies(),
    ) {
        let (catalogue, org) = fixture();
        let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
        let base = history(&catalogue, &org, &choices);
        let last = start().plus(MONTHS - 1);
        let Some(index) = base.reviews.iter().position(|r| r.month == last) else { return Ok(()) };
        let placed = catalogue.items().nth(item).unwrap();
        let code = placed.item.code.clone();
        let adverse = Finding::for_kind(placed.kind())[1];
        let with = |cell: Option<Finding>| {
            let mut h = base.clone();
            let review = &mut h.reviews[index];
            review.answers.retain(|a| a.item != code);
            if let Some(cell) = cell {
                review.answers.push(Answer { item: code.clone(), self_assessment: None, cell: Some(cell) });
            }
            h
        };
        let verdict = |h: &History| {
            let months = run(&evaluator, h, &mut Ledger::new(), 0, MONTHS - 1);
            let member = &h.reviews[index].member;
            months.last().unwrap().results.iter().find(|r| &r.member == member).unwrap().verdict
        };
        let added = verdict(&with(Some(adverse)));
        for other in [None, Some(Finding::for_kind(placed.kind())[0])] {
            let without = verdict(&with(other));
            prop_assert!(added >= without, "adding `{}` on {}: {:?} < {:?}", adverse.as_str(), code, added, without);
        }
    }
}
