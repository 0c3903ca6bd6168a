use proptest::prelude::*;

use super::*;
use crate::synthetic::{self, Scale};

fn target(direction: Direction, baseline: Option<f64>, target: f64, actual: Option<f64>) -> Target {
    Target {
        code: "t".into(),
        label: Text::new("Chỉ tiêu", "Target"),
        measure: "%".into(),
        direction,
        baseline,
        target,
        actual,
        source: None,
    }
}

#[test]
fn the_article_counts_and_figures() {
    let sheet = TargetSheet::giong_rieng_2015_2020().unwrap();
    assert!(sheet.validate(None).is_empty(), "{:?}", sheet.validate(None));
    let a = sheet.assess();
    assert_eq!(
        a.tally,
        TargetTally {
            sheets: 1,
            targets: 34,
            reported: 34,
            achieved: 31,
            exceeded: 22,
            not_achieved: 3,
            not_reported: 0
        }
    );
    let get = |code: &str| a.targets.iter().find(|t| t.code == code).unwrap().clone();
    assert_eq!(get("ket-nap-dang-vien").attainment, Some(116.0));
    assert_eq!(get("thu-nhap-binh-quan").status, Status::Achieved);
    assert_eq!(get("thu-nhap-binh-quan").attainment, Some(100.0));
    let poor = get("ho-ngheo");
    assert_eq!((poor.status, poor.attainment, poor.progress), (Status::Exceeded, Some(101.52), Some(100.38)));
    assert_eq!(poor.why.en, "reached 1.97, better than the target of 2 % (lower is better), 101.52%");
    assert_eq!(poor.why.vi, "thực hiện 1.97 tốt hơn chỉ tiêu 2 % (càng thấp càng tốt), 101.52%");
    assert_eq!(get("xa-nong-thon-moi").attainment, Some(125.0));
}

#[test]
fn lower_is_better_at_zero_and_not_reported() {
    let zero = target(Direction::Lower, None, 2.0, Some(0.0)).assess();
    assert_eq!((zero.status, zero.attainment), (Status::Exceeded, None));
    let short = target(Direction::Lower, Some(5.0), 2.0, Some(3.5)).assess();
    assert_eq!((short.status, short.progress), (Status::NotAchieved, Some(50.0)));
    let none = target(Direction::Higher, None, 2.0, None).assess();
    assert_eq!(none.status, Status::NotReported);
    assert_eq!(none.why.en, "no figure reached yet (target 2 %)");
}

#[test]
fn findings_are_located() {
    let mut sheet = TargetSheet::giong_rieng_2015_2020().unwrap();
    sheet.term = "2020".parse().unwrap();
    sheet.targets[1].code = sheet.targets[0].code.clone();
    sheet.targets[2].actual = Some(-1.0);
    sheet.targets[3].measure = "%".into();
    sheet.targets[3].baseline = Some(9.0);
    sheet.targets[4].actual = Some(f64::NAN);
    let org = synthetic::organisation(Scale::District, 1);
    let mut other = sheet.clone();
    other.unit = "nowhere".into();
    let codes: Vec<(String, String)> =
        sheet.validate(Some(&org)).into_iter().map(|i| (i.code, i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("target_term_not_term".into(), "term".into()),
            ("duplicate_code".into(), "targets[1].code".into()),
            ("target_figure_invalid".into(), "targets[2].actual".into()),
            ("target_figure_invalid".into(), "targets[4].actual".into()),
            ("target_met_at_baseline".into(), "targets[3].baseline".into()),
        ]
    );
    let issues = other.validate(Some(&org));
    assert_eq!(issues[1].code, "unknown_unit");
    assert_eq!(issues[1].path.to_string(), "unit");
}

#[test]
fn reports_roll_up_and_refuse_double_counting() {
    let org = synthetic::organisation(Scale::District, 1);
    let district = TargetSheet::giong_rieng_2015_2020().unwrap();
    let rollup = report(&org, std::slice::from_ref(&district), None).unwrap();
    assert_eq!(rollup.total.achieved, 31);
    assert_eq!(rollup.rows.keys().collect::<Vec<_>>(), ["HU"]);
    let twice = report(&org, &[district.clone(), district.clone()], None).unwrap_err();
    assert_eq!(twice.code(), "report_overlap");
    let mut bad = district;
    bad.unit = "nowhere".into();
    let refused = report(&org, &[bad], None).unwrap_err();
    assert_eq!(refused.code(), "invalid_document");
    assert_eq!(refused.issues()[0].path.to_string(), "sheets[0].unit");
}

fn tally() -> impl Strategy<Value = TargetTally> {
    prop::collection::vec(0u64..50, 7).prop_map(|v| TargetTally {
        sheets: v[0],
        targets: v[1],
        reported: v[2],
        achieved: v[3],
        exceeded: v[4],
        not_achieved: v[5],
        not_reported: v[6],
    })
}

fn label(unit: &str) -> crate::report::UnitLabel {
    crate::report::UnitLabel {
        unit: unit.into(),
        name: unit.into(),
        kind: crate::UnitKind::Committee,
        org_type: "commune".into(),
    }
}

proptest! {
    #[test]
    fn merging_is_associative_and_commutative(a in tally(), b in tally(), c in tally()) {
        let one = |unit: &str, t: &TargetTally| {
            let mut r = Rollup::new(None);
            r.add(&label(unit), &label(unit), "2015-2020", t);
            r
        };
        let (ra, rb, rc) = (one("a", &a), one("b", &b), one("c", &c));
        let left = ra.merge(&rb).unwrap().merge(&rc).unwrap();
        let right = ra.merge(&rb.merge(&rc).unwrap()).unwrap();
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(&ra.merge(&rb).unwrap(), &rb.merge(&ra).unwrap());
        let mut sum = TargetTally::default();
        for row in left.rows.values() { sum.absorb(&row.tally); }
        prop_assert_eq!(sum, left.total);
    }
}
