use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::report::{Rollup, Tally, UnitLabel};
use crate::{Organisation, UnitKind};

pub(crate) fn org() -> Organisation {
    Organisation::from_value(json!({
        "id": "x", "name": {"vi": "Xã X", "en": "X commune"},
        "units": [
            {"id": "DB", "name": "Đảng bộ xã X", "kind": "committee", "org_type": "commune"},
            {"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "CB-2", "name": "Chi bộ ấp 2", "kind": "cell", "org_type": "commune", "parent": "DB"}
        ],
        "members": [
            {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV3", "status": "full", "memberships": [{"unit": "CB-2", "from": "2010-01-01"}]},
            {"id": "DV4", "status": "full", "memberships": [{"unit": "CB-2", "from": "2010-01-01", "until": "2020-06-30"}]}
        ]
    }))
    .unwrap()
}

fn records() -> HouseholdRecords {
    HouseholdRecords::from_value(json!({
        "households": [
            {"id": "H1", "unit": "CB-1"}, {"id": "H2", "unit": "CB-1"}, {"id": "H3", "unit": "CB-2"},
            {"id": "H4", "unit": "CB-2", "label": "tổ 3"}
        ],
        "assignments": [
            {"member": "DV1", "household": "H1", "from": "2020-01-01"},
            {"member": "DV1", "household": "H2", "from": "2020-01-01"},
            {"member": "DV3", "household": "H3", "from": "2020-01-01", "until": "2020-08-31"},
            {"member": "DV2", "household": "H3", "from": "2020-09-01"}
        ],
        "reports": [
            {"member": "DV1", "month": "2020-09", "households": ["H1"], "visits": 3}
        ]
    }))
    .unwrap()
}

fn policy(max: u32) -> HouseholdPolicy {
    HouseholdPolicy { max_households_per_member: max, ..HouseholdPolicy::default_2020().unwrap() }
}

#[test]
fn clean_records_have_no_findings() {
    assert_eq!(records().validate(&org()), []);
}

#[test]
fn coverage_finds_every_gap() {
    let found = coverage(&org(), &records(), "2020-09".parse().unwrap(), &policy(1)).unwrap();
    assert_eq!(found.uncovered, ["H4"]);
    assert_eq!(found.over_load, [Load { member: "DV1".into(), households: 2, max: 1 }]);
    assert_eq!(found.members_not_reporting, ["DV2"]);
    assert_eq!(found.households_not_reported, ["H2", "H3"]);
    let t = &found.tally;
    assert_eq!((t.households, t.covered, t.uncovered, t.households_reported), (4, 3, 1, 1));
    assert_eq!((t.reports_expected, t.reports_received, t.visits, t.over_load), (2, 1, 3, 1));
    assert_eq!(t.members_assigned.len(), 2);
    // In August DV3 still follows H3.
    let august = coverage(&org(), &records(), "2020-08".parse().unwrap(), &policy(30)).unwrap();
    assert_eq!(august.members_not_reporting, ["DV1", "DV3"]);
    assert!(august.over_load.is_empty());
}

#[test]
fn findings_are_located_with_exact_messages() {
    let mut r = records();
    r.households.push(Household { id: "H1".into(), unit: "CB-9".into(), label: None });
    r.assignments.push(Assignment {
        member: "DV1".into(),
        household: "H1".into(),
        from: "2020-06-01".parse().unwrap(),
        until: None,
    });
    r.assignments.push(Assignment {
        member: "DV4".into(),
        household: "H4".into(),
        from: "2020-01-01".parse().unwrap(),
        until: None,
    });
    r.assignments.push(Assignment {
        member: "DV9".into(),
        household: "H9".into(),
        from: "2020-01-01".parse().unwrap(),
        until: None,
    });
    r.reports.push(HouseholdReport {
        member: "DV1".into(),
        month: "2020-09".parse().unwrap(),
        households: vec!["H3".into(), "H3".into(), "H8".into()],
        visits: 0,
        notes: None,
    });
    let issues = r.validate(&org());
    let codes: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("duplicate_code", "households[4].id".to_owned()),
            ("unknown_unit", "households[4].unit".to_owned()),
            ("assignment_overlap", "assignments[4]".to_owned()),
            ("assignee_not_member", "assignments[5]".to_owned()),
            ("unknown_member", "assignments[6].member".to_owned()),
            ("unknown_household", "assignments[6].household".to_owned()),
            ("duplicate_household_report", "reports[1]".to_owned()),
            ("household_not_assigned", "reports[1].households[0]".to_owned()),
            ("duplicate_code", "reports[1].households[1]".to_owned()),
            ("unknown_household", "reports[1].households[2]".to_owned()),
        ]
    );
    let overlap = &issues[2];
    assert_eq!(overlap.message_vi, "hộ `H1` được phân công cho đảng viên `DV1` hai lần trùng thời gian");
    assert_eq!(overlap.message_en, "the household `H1` is assigned to the member `DV1` twice over the same days");
    assert_eq!(issues[3].params["day"], "2020-07-01");
    assert!(!issues[7].is_error());
}

#[test]
fn policy_out_of_force_or_invalid_is_refused() {
    let mut p = policy(30);
    p.effective_from = "2021-01-01".parse().unwrap();
    let err = coverage(&org(), &records(), "2020-09".parse().unwrap(), &p).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(err.issues()[0].code, "policy_not_in_force");
    let err = report(&org(), &records(), "2020".parse().unwrap(), None, &policy(0)).unwrap_err();
    assert_eq!(err.issues()[0].code, "policy_value_out_of_range");
}

#[test]
fn report_rows_place_households_and_members() {
    let rollup = report(&org(), &records(), "2020-Q3".parse().unwrap(), Some("DB"), &policy(30)).unwrap();
    assert_eq!(rollup.rows.keys().collect::<Vec<_>>(), ["CB-1", "CB-2"]);
    assert_eq!(rollup.rows["CB-1"].tally.households, 6);
    assert_eq!(rollup.rows["CB-2"].tally.uncovered, 3);
    // DV3 followed H3 in July and August, DV2 from September.
    assert_eq!(rollup.total.member_months, 2 + 2 + 2);
    let months: Vec<Rollup<HouseholdTally>> = ["2020-07", "2020-08", "2020-09"]
        .iter()
        .map(|m| report(&org(), &records(), m.parse().unwrap(), Some("DB"), &policy(30)).unwrap())
        .collect();
    let merged = months[0].merge(&months[1]).unwrap().merge(&months[2]).unwrap();
    assert_eq!(merged, rollup);
    assert_eq!(merged.merge(&months[0]).unwrap_err().code(), "report_overlap");
}

fn label(id: &str) -> UnitLabel {
    UnitLabel { unit: id.into(), name: id.into(), kind: UnitKind::Cell, org_type: "commune".into() }
}

fn tally() -> impl Strategy<Value = HouseholdTally> {
    (0u64..50, 0u64..50, 0u64..9, prop::collection::btree_set("DV[1-5]", 0..3)).prop_map(|(h, c, v, members)| {
        HouseholdTally {
            members_assigned: members.clone(),
            member_months: members.len() as u64,
            households: h + c,
            covered: c,
            uncovered: h,
            over_load_members: members.iter().take(1).cloned().collect(),
            reports_expected: v,
            visits: v * 2,
            ..HouseholdTally::default()
        }
    })
}

fn rollup(unit: &'static str) -> impl Strategy<Value = Rollup<HouseholdTally>> {
    prop::collection::vec(("CB-[1-3]", tally()), 0..4).prop_map(move |rows| {
        let mut r = Rollup::new(None);
        for (row, t) in rows {
            r.add(&label(&row), &label(unit), "2020-09", &t);
        }
        r
    })
}

proptest! {
    #[test]
    fn merging_is_associative_and_commutative(a in rollup("A"), b in rollup("B"), c in rollup("C")) {
        let ab_c = a.merge(&b).unwrap().merge(&c).unwrap();
        let a_bc = a.merge(&b.merge(&c).unwrap()).unwrap();
        prop_assert_eq!(&ab_c, &a_bc);
        prop_assert_eq!(a.merge(&b).unwrap(), b.merge(&a).unwrap());
        let mut sum = HouseholdTally::default();
        for row in ab_c.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(sum, ab_c.total);
    }
}
