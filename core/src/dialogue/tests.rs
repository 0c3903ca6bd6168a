use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::UnitKind;
use crate::petition::tests::{org, petition};
use crate::report::{Rollup, Tally, UnitLabel};

fn dialogues() -> Vec<Dialogue> {
    serde_json::from_value(json!([
        {"id": "DT-1", "unit": "DB-01", "month": "2020-09", "kind": "dialogue", "planned_on": "2020-09-10",
         "held_on": "2020-09-11", "members": ["DV1", "DV2"], "met": "Nhân dân ấp 1", "met_count": 50,
         "issues": ["Đường ngập", "Rác"], "petitions": ["PA-1"]},
        {"id": "DT-2", "unit": "DB-01", "month": "2020-09", "kind": "household_visit", "planned_on": "2020-09-25"},
        {"id": "DT-3", "unit": "CB-02", "month": "2020-09", "kind": "household_visit", "planned_on": "2020-09-05",
         "held_on": "2020-09-05", "members": ["DV2"], "met": "Hộ dân khu 2", "met_count": 8}
    ]))
    .unwrap()
}

#[test]
fn clean_dialogues_have_no_findings() {
    let mut p = petition("PA-1", "DB-01", "2020-09-11");
    p.dialogue = Some("DT-1".into());
    assert_eq!(validate(&org(), &dialogues(), Some(&[p])), []);
}

#[test]
fn validation_finds_each_problem() {
    let mut list = dialogues();
    list[1].id = "DT-1".into();
    list[1].members = vec!["DV9".into()];
    list[1].planned_on = "2020-10-01".parse().unwrap();
    list[2].unit = "XX".into();
    list[2].members.clear();
    let found = validate(&org(), &list, Some(&[petition("PA-1", "DB-01", "2020-09-11")]));
    let codes: Vec<_> = found.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    let expected = [
        ("link_not_returned", "dialogues[0].petitions[0]"),
        ("duplicate_code", "dialogues[1].id"),
        ("unknown_member", "dialogues[1].members[0]"),
        ("dialogue_outside_month", "dialogues[1].planned_on"),
        ("dialogue_not_held_with_record", "dialogues[1].members"),
        ("unknown_unit", "dialogues[2].unit"),
        ("dialogue_held_without_members", "dialogues[2].members"),
    ];
    let codes: Vec<(&str, &str)> = codes.iter().map(|(c, p)| (*c, p.as_str())).collect();
    assert_eq!(codes, expected);
    assert_eq!(found[0].message_en, "`DT-1` links to `PA-1`, which does not link back");
    assert_eq!(found[0].message_vi, "`DT-1` dẫn tới `PA-1` nhưng `PA-1` không dẫn lại");
    let unknown = validate(&org(), &dialogues(), Some(&[]));
    assert_eq!(unknown[0].code, "unknown_petition");
}

#[test]
fn the_month_sets_plans_against_what_was_held() {
    let month = "2020-09".parse().unwrap();
    let status = month_status(&org(), &dialogues(), month, Some("2020-09-20".parse().unwrap()), None).unwrap();
    let seen: Vec<_> = status.rows.iter().map(|r| (r.id.as_str(), r.state)).collect();
    assert_eq!(seen, [("DT-1", DialogueState::Held), ("DT-2", DialogueState::Planned), ("DT-3", DialogueState::Held)]);
    assert_eq!(status.rows[0].days_from_plan, Some(1));
    assert_eq!((status.units[0].planned, status.units[0].held, status.units[0].upcoming), (2, 1, 1));
    assert!(status.units_without_plan.is_empty());
    let closed = month_status(&org(), &dialogues(), month, None, Some("DB-01")).unwrap();
    assert_eq!(closed.units.len(), 1);
    assert_eq!(closed.units[0].not_held, 1);
    assert_eq!(month_status(&org(), &[], month, None, Some("ZZ")).unwrap_err().code(), "unknown_name");
}

#[test]
fn the_report_counts_dialogues_and_visits() {
    let all = report(&org(), &dialogues(), "2020-Q3".parse().unwrap(), None).unwrap();
    let t = &all.total;
    assert_eq!((t.planned, t.held, t.not_held), (3, 2, 1));
    assert_eq!((t.people_met, t.households_visited, t.issues_raised, t.petitions_opened), (50, 8, 2, 1));
    assert_eq!((t.member_participations, t.members.len()), (3, 2));
    assert_eq!(t.held_by_kind.get("household_visit"), Some(&1));
    let mut bad = dialogues();
    bad[0].unit = "XX".into();
    assert_eq!(report(&org(), &bad, "2020-09".parse().unwrap(), None).unwrap_err().code(), "invalid_document");
}

fn tally() -> impl Strategy<Value = DialogueTally> {
    let members = proptest::collection::btree_set(prop_oneof![Just("DV1".to_owned()), Just("DV2".to_owned())], 0..3);
    (0u64..5, 0u64..5, 0u64..99, members).prop_map(|(held, not_held, people, members)| DialogueTally {
        planned: held + not_held,
        held,
        not_held,
        people_met: people,
        member_participations: members.len() as u64,
        members,
        ..DialogueTally::default()
    })
}

fn rollup(entries: Vec<(usize, DialogueTally)>, month: &str) -> Rollup<DialogueTally> {
    let mut rollup = Rollup::new(None);
    for (unit, tally) in entries {
        let label =
            UnitLabel { unit: format!("u{unit}"), name: "u".into(), kind: UnitKind::Cell, org_type: "commune".into() };
        rollup.add(&label, &label, month, &tally);
    }
    rollup
}

proptest! {
    #[test]
    fn merging_dialogue_reports_is_associative_and_commutative(
        a in proptest::collection::vec((0usize..4, tally()), 0..5),
        b in proptest::collection::vec((0usize..4, tally()), 0..5),
        c in proptest::collection::vec((0usize..4, tally()), 0..5),
    ) {
        let (a, b, c) = (rollup(a, "2020-01"), rollup(b, "2020-02"), rollup(c, "2020-03"));
        let left = a.merge(&b).unwrap().merge(&c).unwrap();
        prop_assert_eq!(&left, &a.merge(&b.merge(&c).unwrap()).unwrap());
        prop_assert_eq!(a.merge(&b).unwrap(), b.merge(&a).unwrap());
        let mut sum = DialogueTally::default();
        for row in left.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(sum, left.total);
    }
}
