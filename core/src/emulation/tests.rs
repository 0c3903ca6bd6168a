use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::Organisation;
use crate::report::{Rollup, Tally, UnitLabel};

fn org() -> Organisation {
    Organisation::from_value(json!({
        "id": "x", "name": {"vi": "X", "en": "X"},
        "units": [
            {"id": "DB", "name": "Đảng bộ xã A", "kind": "committee", "org_type": "commune"},
            {"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "CB-2", "name": "Chi bộ ấp 2", "kind": "cell", "org_type": "commune", "parent": "DB"}
        ],
        "members": [
            {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-2", "from": "2020-06-01"}]}
        ]
    }))
    .unwrap()
}

fn sheet(unit: &str, period: &str, points: [u32; 5]) -> ScoreSheet {
    let codes = ["nhiem-vu-chinh-tri", "xay-dung-dang", "sinh-hoat-chi-bo", "dan-van", "nguoi-tot-viec-tot"];
    ScoreSheet {
        subject: Subject::Unit(unit.into()),
        period: period.parse().unwrap(),
        points: codes.iter().zip(points).map(|(c, p)| CriterionPoints { criterion: (*c).into(), points: p }).collect(),
    }
}

fn nomination(id: &str, nominee: &serde_json::Value, on: &str, decision: &serde_json::Value) -> Nomination {
    serde_json::from_value(json!({
        "id": id, "nominee": nominee, "deed": "hiến đất làm đường", "nominated_on": on,
        "nominated_by": "CB-1", "decision": decision
    }))
    .unwrap()
}

fn records() -> EmulationRecords {
    EmulationRecords {
        scores: vec![sheet("CB-1", "2020", [30, 25, 15, 15, 10]), sheet("CB-2", "2020", [20, 15, 10, 5, 0])],
        nominations: vec![
            nomination(
                "N1",
                &json!({"member": "DV1"}),
                "2020-03-02",
                &json!({"status": "commended", "level": "huyen"}),
            ),
            nomination(
                "N2",
                &json!({"person": {"name": "Lâm Thị C", "unit": "CB-2"}}),
                "2020-07-09",
                &json!({"status": "pending"}),
            ),
            nomination(
                "N3",
                &json!({"member": "DV2"}),
                "2020-08-01",
                &json!({"status": "not_commended", "decided_on": "2020-09-01"}),
            ),
        ],
    }
}

#[test]
fn titles_follow_bands_and_requirements() {
    let scheme = Scheme::default_2020().unwrap();
    let top = scheme.score(&sheet("CB-1", "2020", [30, 25, 15, 15, 10]));
    assert_eq!((top.total, top.title.as_deref()), (95, Some("xuat-sac")));
    assert!(top.passed_over.is_empty());
    let short = scheme.score(&sheet("CB-1", "2020", [30, 25, 14, 15, 10]));
    assert_eq!(short.title.as_deref(), Some("tien-tien"));
    assert_eq!(
        short.explanation.en,
        "total 94/100 points; not `xuat-sac`: `sinh-hoat-chi-bo` short of full marks; awarded `tien-tien` (Advanced)"
    );
    assert_eq!(
        short.explanation.vi,
        "tổng 94/100 điểm; không đạt `xuat-sac` vì chưa đạt tối đa tiêu chí `sinh-hoat-chi-bo`; đạt `tien-tien` (Tiên tiến)"
    );
    let low = scheme.score(&sheet("CB-1", "2020", [20, 15, 10, 5, 0]));
    assert_eq!((low.total, low.title.as_deref()), (50, Some("hoan-thanh")));
}

#[test]
fn scheme_findings() {
    let mut scheme = Scheme::default_2020().unwrap();
    scheme.criteria[0].max_points = 35;
    scheme.titles[2].max_points = 72;
    scheme.titles[0].required.push("nope".into());
    scheme.titles[3].max_points = 45;
    scheme.criteria[1].code = "dan-van".into();
    let issues = scheme.validate();
    let codes: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("duplicate_code", "criteria[3].code".to_owned()),
            ("scheme_total_mismatch", "total_points".to_owned()),
            ("unknown_criterion", "titles[0].required[1]".to_owned()),
            ("scheme_band_hole", "titles".to_owned()),
            ("scheme_band_overlap", "titles[1]".to_owned()),
        ]
    );
    assert_eq!(issues[1].message_en, "the criteria add up to at most 105 points, not the scheme's total of 100");
    assert_eq!(issues[3].message_vi, "không có danh hiệu nào cho số điểm từ 46 đến 49");
    assert_eq!(issues[4].message_en, "the titles `tien-tien` and `hoan-thanh` both cover the points from 70 to 72");
}

#[test]
fn sheet_and_nomination_findings() {
    let scheme = Scheme::default_2020().unwrap();
    let mut sheets = records().scores;
    sheets.push(sheet("CB-1", "2020", [30, 25, 15, 15, 16]));
    sheets.push(ScoreSheet { subject: Subject::Member("DV9".into()), period: "2014".parse().unwrap(), points: vec![] });
    sheets[3].points.push(CriterionPoints { criterion: "x".into(), points: 1 });
    let issues = validate_scores(Some(&org()), &scheme, &sheets);
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "points_above_max",
            "duplicate_score",
            "scheme_subject_mismatch",
            "unknown_member",
            "scheme_not_in_force",
            "unknown_criterion",
            "missing_criterion",
            "missing_criterion",
            "missing_criterion",
            "missing_criterion",
            "missing_criterion",
        ]
    );
    let mut list = records().nominations;
    list.push(nomination("N1", &json!({"member": "DV2"}), "2020-01-05", &json!({"status": "pending"})));
    list.push(nomination(
        "N5",
        &json!({"person": {"name": "", "unit": "CB-9"}}),
        "2020-01-05",
        &json!({"status": "commended", "level": "huyen", "decided_on": "2020-01-01"}),
    ));
    let issues = validate_nominations(&org(), &scheme, &list);
    let codes: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("duplicate_code", "nominations[3].id".to_owned()),
            ("no_unit_in_month", "nominations[3].nominee.member".to_owned()),
            ("empty_text", "nominations[4].nominee.person.name".to_owned()),
            ("unknown_unit", "nominations[4].nominee.person.unit".to_owned()),
            ("decision_before_nomination", "nominations[4].decision.decided_on".to_owned()),
        ]
    );
}

#[test]
fn report_counts_titles_and_decisions() {
    let scheme = Scheme::default_2020().unwrap();
    let year = report(&org(), &scheme, &records(), "2020".parse().unwrap(), Some("DB")).unwrap();
    let t = &year.total;
    assert_eq!((t.scored, t.points, t.untitled), (2, 145, 0));
    assert_eq!(t.titles["xuat-sac"], 1);
    assert_eq!(t.nominations["pending"] + t.nominations["commended"] + t.nominations["not_commended"], 3);
    assert_eq!(t.commendations["huyen"], 1);
    assert_eq!(year.rows["CB-2"].tally.nominations.len(), 2);
    // A quarter holds only the nominations made in it (the yearly sheets are not within it).
    let q3 = report(&org(), &scheme, &records(), "2020-Q3".parse().unwrap(), None).unwrap();
    assert_eq!((q3.total.scored, q3.total.nominations.values().sum::<u64>()), (0, 2));
    let mut bad = records();
    bad.scores[0].points[0].points = 99;
    let err = report(&org(), &scheme, &bad, "2020".parse().unwrap(), None).unwrap_err();
    assert_eq!(err.issues()[0].path.to_string(), "scores[0].points[0].points");
}

fn tally() -> impl Strategy<Value = EmulationTally> {
    (0u64..5, 0u64..400, "[a-c]", "[a-c]").prop_map(|(n, points, title, decision)| EmulationTally {
        scored: n,
        points,
        titles: [(title, n)].into_iter().collect(),
        nominations: [(decision.clone(), 1)].into_iter().collect(),
        commendations: [(decision, n)].into_iter().collect(),
        ..EmulationTally::default()
    })
}

fn rollup(unit: &'static str) -> impl Strategy<Value = Rollup<EmulationTally>> {
    prop::collection::vec(("CB-[1-3]", tally()), 0..4).prop_map(move |rows| {
        let label = |id: &str| UnitLabel {
            unit: id.into(),
            name: id.into(),
            kind: crate::UnitKind::Cell,
            org_type: "commune".into(),
        };
        let mut r = Rollup::new(None);
        for (row, t) in rows {
            r.add(&label(&row), &label(unit), "2020", &t);
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
        let mut sum = EmulationTally::default();
        for row in ab_c.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(sum, ab_c.total);
    }
}
