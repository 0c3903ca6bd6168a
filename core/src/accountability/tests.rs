use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::Organisation;
use crate::report::{Rollup, Tally, UnitLabel};

fn org() -> Organisation {
    Organisation::from_value(json!({
        "id": "x", "name": {"vi": "X", "en": "X"},
        "units": [
            {"id": "HU", "name": "Huyện ủy", "kind": "committee", "org_type": "agency"},
            {"id": "DB", "name": "Đảng bộ xã A", "kind": "committee", "org_type": "commune", "parent": "HU"},
            {"id": "CB-VP", "name": "Chi bộ Văn phòng", "kind": "cell", "org_type": "agency", "parent": "HU",
             "closed": "2020-10-31"},
            {"id": "CB-DN", "name": "Chi bộ Công ty", "kind": "cell", "org_type": "non_state_enterprise", "parent": "HU"}
        ],
        "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-VP", "from": "2010-01-01"}]}]
    }))
    .unwrap()
}

fn explanation(unit: &str, month: &str, topic: &str, accepted: &serde_json::Value) -> Explanation {
    serde_json::from_value(json!({
        "unit": unit, "head": {"member": "DV1"}, "month": month, "topic": topic, "requested_by": "ubkt",
        "given_on": format!("{month}-20"), "summary": "báo cáo", "accepted": accepted
    }))
    .unwrap()
}

fn explanations() -> Vec<Explanation> {
    vec![
        explanation("CB-VP", "2020-07", "assets", &json!(true)),
        explanation("CB-VP", "2020-09", "finances", &json!(false)),
        explanation("DB", "2020-09", "finances", &json!("pending")),
        explanation("DB", "2020-09", "policies", &json!(true)),
        explanation("CB-DN", "2020-09", "land", &json!(true)),
    ]
}

#[test]
fn status_counts_quarterly_topics_over_the_quarter() {
    let policy = AccountabilityPolicy::default_2020().unwrap();
    let rows = status(&org(), &explanations(), "2020-09".parse().unwrap(), &policy).unwrap();
    let units: Vec<&str> = rows.iter().map(|r| r.unit.as_str()).collect();
    assert_eq!(units, ["DB", "CB-VP", "CB-DN"]);
    let vp = &rows[1];
    assert_eq!(vp.required, [Topic::Finances, Topic::Assets, Topic::Rewards, Topic::Discipline]);
    assert_eq!(vp.explained, [Topic::Finances, Topic::Assets]);
    assert_eq!(vp.missing, [Topic::Rewards, Topic::Discipline]);
    assert_eq!(vp.not_accepted, [Topic::Finances]);
    assert_eq!(rows[0].pending, [Topic::Finances]);
    assert_eq!(rows[0].missing.len(), 5);
    // The enterprise cell owes nothing but is listed for what it explained.
    assert!(rows[2].required.is_empty() && rows[2].explained == [Topic::Land]);
    // In August only the monthly topics are due.
    let august = status(&org(), &explanations(), "2020-08".parse().unwrap(), &policy).unwrap();
    assert_eq!(august[1].required, [Topic::Finances]);
    // A closed unit owes nothing.
    let december = status(&org(), &[], "2020-12".parse().unwrap(), &policy).unwrap();
    assert!(december.iter().all(|r| r.unit != "CB-VP"));
}

#[test]
fn findings_with_exact_messages() {
    let mut list = explanations();
    list.push(explanation("CB-VP", "2020-09", "finances", &json!(true)));
    list.push(explanation("CB-X", "2020-09", "land", &json!(true)));
    list.push(explanation("CB-VP", "2020-11", "land", &json!(true)));
    let mut stranger = explanation("DB", "2020-09", "land", &json!(true));
    stranger.head = Head::Name(" ".into());
    stranger.summary = String::new();
    list.push(stranger);
    let mut ghost = explanation("DB", "2020-10", "land", &json!(true));
    ghost.head = Head::Member("DV9".into());
    list.push(ghost);
    let issues = validate(&org(), &list);
    let codes: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("duplicate_explanation", "explanations[5]".to_owned()),
            ("unknown_unit", "explanations[6].unit".to_owned()),
            ("unit_not_open", "explanations[7].unit".to_owned()),
            ("empty_text", "explanations[8].head.name".to_owned()),
            ("empty_text", "explanations[8].summary".to_owned()),
            ("unknown_member", "explanations[9].head.member".to_owned()),
        ]
    );
    assert_eq!(
        issues[0].message_en,
        "the unit `CB-VP` has two explanations on `finances` for 2020-09 requested by `ubkt`"
    );
    assert_eq!(
        issues[0].message_vi,
        "đơn vị `CB-VP` có hai giải trình về `finances` tháng 2020-09 theo yêu cầu của `ubkt`"
    );
}

#[test]
fn acceptance_reads_true_false_and_pending() {
    let read = |v| serde_json::from_value::<Acceptance>(v);
    assert_eq!(read(json!(true)).unwrap(), Acceptance::Decided(true));
    assert_eq!(read(json!("pending")).unwrap(), Acceptance::Pending(Pending::Pending));
    assert!(read(json!("maybe")).is_err());
    assert_eq!(serde_json::to_value(Acceptance::Pending(Pending::Pending)).unwrap(), json!("pending"));
}

#[test]
fn report_counts_and_merges() {
    let policy = AccountabilityPolicy::default_2020().unwrap();
    let q3 = report(&org(), &explanations(), "2020-Q3".parse().unwrap(), None, &policy).unwrap();
    let t = &q3.total;
    assert_eq!(t.explanations, 5);
    assert_eq!((t.accepted, t.not_accepted, t.pending), (3, 1, 1));
    assert_eq!(t.by_topic[&Topic::Finances], 2);
    assert_eq!(t.units_explaining.len(), 3);
    assert_eq!(t.units_missing_topics.len(), 2);
    let months: Vec<_> = ["2020-07", "2020-08", "2020-09"]
        .iter()
        .map(|m| report(&org(), &explanations(), m.parse().unwrap(), None, &policy).unwrap())
        .collect();
    assert_eq!(months[0].merge(&months[1]).unwrap().merge(&months[2]).unwrap(), q3);
    let mut late = policy.clone();
    late.effective_from = "2020-08-01".parse().unwrap();
    assert_eq!(report(&org(), &[], "2020-Q3".parse().unwrap(), None, &late).unwrap_err().code(), "invalid_document");
}

fn tally() -> impl Strategy<Value = AccountabilityTally> {
    (0u64..9, 0u64..5, prop::collection::btree_set("CB-[1-4]", 0..3)).prop_map(|(n, missing, units)| {
        AccountabilityTally {
            explanations: n,
            by_topic: [(Topic::Land, n)].into_iter().collect(),
            units_explaining: units.clone(),
            units_missing_topics: units.iter().skip(1).cloned().collect(),
            topics_missing: missing,
            accepted: n,
            ..AccountabilityTally::default()
        }
    })
}

fn rollup(unit: &'static str) -> impl Strategy<Value = Rollup<AccountabilityTally>> {
    prop::collection::vec(("CB-[1-3]", tally()), 0..4).prop_map(move |rows| {
        let label = |id: &str| UnitLabel {
            unit: id.into(),
            name: id.into(),
            kind: crate::UnitKind::Cell,
            org_type: "agency".into(),
        };
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
        prop_assert_eq!(&ab_c, &a.merge(&b.merge(&c).unwrap()).unwrap());
        prop_assert_eq!(a.merge(&b).unwrap(), b.merge(&a).unwrap());
        let mut sum = AccountabilityTally::default();
        for row in ab_c.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(sum, ab_c.total);
    }
}
