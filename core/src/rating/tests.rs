use proptest::prelude::*;

use super::*;
use crate::report::{Rollup, Tally};

#[test]
fn the_embedded_schemes_are_valid_and_succeed_each_other() {
    let current = RatingScheme::qd366_2025().unwrap();
    assert!(current.validate().is_empty(), "{:?}", current.validate());
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let before = RatingScheme::embedded_on(day("2025-08-31")).unwrap();
    assert!(before.validate().is_empty());
    assert_eq!(before.id, "soisua-rating-2018");
    assert_eq!(RatingScheme::embedded_on(day("2025-09-01")).unwrap().id, "qd366-2025");
}

#[test]
fn thresholds_conditions_and_caps() {
    let scheme = RatingScheme::qd366_2025().unwrap();
    let q: Period = "2025-Q4".parse().unwrap();
    let rate = |c: f64, t: f64, conditions: &[&str], evidence: &Evidence| {
        let mut input = RatingInput::new("dv", q, [("common", c), ("tasks", t)]);
        input.conditions = conditions.iter().map(|c| ((*c).to_owned(), true)).collect();
        scheme.rate(&input, evidence).unwrap()
    };
    let all = ["all_tasks_on_time", "tasks_exceeded_30", "at_most_20_late"];
    let none = Evidence::default();
    assert_eq!(rate(30.0, 60.0, &all, &none).level, "HTXSNV");
    assert_eq!(rate(30.0, 59.99, &all, &none).level, "HTTNV");
    assert_eq!(rate(20.0, 30.0, &all, &none).level, "HTNV");
    assert_eq!(rate(20.0, 29.5, &all, &none).level, "KHTNV");
    // Without the conditions, 95 points fall through to the lowest level that needs none.
    assert_eq!(rate(30.0, 65.0, &[], &none).level, "KHTNV");
    let mut found = Evidence::default();
    found.manifestation_concluded.push(Found::new("2025-10".parse().unwrap(), "TTCT-3"));
    let capped = rate(30.0, 70.0, &all, &found);
    assert_eq!((capped.points_level.as_str(), capped.level.as_str()), ("HTXSNV", "KHTNV"));
    let cap = capped.steps.last().unwrap();
    assert_eq!(cap.why.en, "`manifestation_concluded` in the period: TTCT-3 (2025-10); the highest level is `KHTNV`");
    assert_eq!(cap.why.vi, "`manifestation_concluded` trong kỳ: TTCT-3 (2025-10); mức cao nhất `KHTNV`");
    // A case escalated does not cap under the default scheme (only the two conditions of the brief do).
    let mut escalated = Evidence::default();
    escalated.case_escalated.push(Found::new("2025-10".parse().unwrap(), "TTCT-3"));
    assert_eq!(rate(30.0, 70.0, &all, &escalated).level, "HTXSNV");
}

#[test]
fn bad_inputs_are_refused_with_located_findings() {
    let scheme = RatingScheme::qd366_2025().unwrap();
    let input = RatingInput::new("dv", "2020-Q4".parse().unwrap(), [("common", 40.0)]);
    let error = scheme.rate(&input, &Evidence::default()).unwrap_err();
    let codes: Vec<(&str, String)> = error.issues().iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("rating_scheme_not_in_force", "period".to_owned()),
            ("rating_points_out_of_range", "points.common".to_owned()),
            ("rating_points_missing", "points".to_owned()),
        ]
    );
    assert_eq!(error.issues()[0].message_en, "the rating scheme `qd366-2025` is not in force at the end of 2020-Q4");
}

fn tally() -> impl Strategy<Value = RatingTally> {
    (0u64..20, 0u64..20, 0u64..5, 0u64..5).prop_map(|(a, b, capped, conditioned)| RatingTally {
        rated: a + b,
        levels: [("HTTNV".to_owned(), a), ("KHTNV".to_owned(), b)].into_iter().collect(),
        capped,
        conditioned,
    })
}

fn label(unit: &str) -> crate::report::UnitLabel {
    crate::report::UnitLabel {
        unit: unit.into(),
        name: unit.into(),
        kind: crate::UnitKind::Cell,
        org_type: "commune".into(),
    }
}

proptest! {
    #[test]
    fn merging_is_associative_and_commutative(a in tally(), b in tally(), c in tally()) {
        let one = |unit: &str, t: &RatingTally| {
            let mut r = Rollup::new(None);
            r.add(&label(unit), &label(unit), "2025-Q4", t);
            r
        };
        let (ra, rb, rc) = (one("a", &a), one("b", &b), one("c", &c));
        let left = ra.merge(&rb).unwrap().merge(&rc).unwrap();
        prop_assert_eq!(&left, &ra.merge(&rb.merge(&rc).unwrap()).unwrap());
        prop_assert_eq!(&ra.merge(&rb).unwrap(), &rb.merge(&ra).unwrap());
        let mut sum = RatingTally::default();
        for row in left.rows.values() { sum.absorb(&row.tally); }
        prop_assert_eq!(sum, left.total);
    }
}
