//! Tests of cell meetings: the scheme's checks, the record's findings, ratings, months, reports.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::Issue;
use crate::report::{Rollup, Tally, UnitLabel};
use crate::synthetic::{self, Scale};

fn org() -> Organisation {
    Organisation::from_value(json!({
        "id": "t", "name": {"vi": "T", "en": "T"},
        "units": [
            {"id": "DB", "name": "Đảng bộ", "kind": "committee", "org_type": "commune"},
            {"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "TD-1", "name": "Tổ đảng 1", "kind": "group", "org_type": "commune", "parent": "CB-1"},
            {"id": "CB-2", "name": "Chi bộ 2", "kind": "cell", "org_type": "agency", "parent": "DB",
             "opened": "2020-01-01", "closed": "2020-10-31"}
        ],
        "members": [
            {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV3", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV4", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV5", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
            {"id": "DV6", "status": "probationary", "memberships": [{"unit": "CB-1", "from": "2020-09-10"}]},
            {"id": "DV7", "status": "full", "memberships": [{"unit": "TD-1", "from": "2010-01-01"}]},
            {"id": "DV8", "status": "full", "memberships": [{"unit": "CB-2", "from": "2020-01-01", "until": "2020-10-31"}]},
            {"id": "DV9", "status": "full", "memberships": [{"unit": "CB-2", "from": "2020-01-01", "until": "2020-10-31"}]}
        ]
    }))
    .unwrap()
}

/// A good regular meeting of CB-1 on `date` with everyone present (DV1–DV5, DV7).
fn good(id: &str, date: &str) -> Meeting {
    Meeting::from_value(json!({
        "id": id, "unit": "CB-1", "date": date, "kind": "regular", "duration_minutes": 120,
        "present": ["DV1", "DV2", "DV3", "DV4", "DV5", "DV7"], "speakers": ["DV1", "DV2", "DV3"],
        "minutes_complete": true, "contents": ["Nhiệm vụ tháng"], "conclusions": ["Thống nhất"],
        "scores": {"preparation": 18, "conduct": 9, "principles": 10, "follow_up": 9}
    }))
    .unwrap()
}

fn codes(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.code.as_str()).collect()
}

#[test]
fn default_scheme_is_valid_and_adds_up() {
    let scheme = MeetingScheme::default_2018().unwrap();
    assert!(scheme.validate().is_empty(), "{:?}", scheme.validate());
    assert_eq!(scheme.criteria.iter().map(|c| c.max_points).sum::<u32>(), 100);
    assert_eq!(scheme.status, TextStatus::Label);
    let codes: Vec<&str> = scheme.levels_from_top().iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["good", "fair", "average", "poor"]);
    let attendance = scheme.criterion("attendance").unwrap();
    assert_eq!(attendance.basis[0].status, TextStatus::Verbatim);
    assert!(attendance.basis[0].text.starts_with("Tỷ lệ đảng viên dự sinh hoạt chi bộ: đạt tỷ lệ trên 85%"));
}

#[test]
fn scheme_findings() {
    let base = MeetingScheme::default_2018().unwrap();
    let mut s = base.clone();
    s.levels[2].max_points = 72; // average 50–72 overlaps fair 70–89
    let issues = s.validate();
    assert_eq!(codes(&issues), ["meeting_scheme_level_overlap"]);
    assert_eq!(issues[0].message_en, "the levels `fair` and `average` both cover the points 70–72");
    assert_eq!(issues[0].message_vi, "mức `fair` và mức `average` cùng chứa khoảng 70–72 điểm");

    let mut s = base.clone();
    s.levels[0].max_points = 95;
    s.criteria[0].max_points = 25;
    s.key_criteria.push("nope".into());
    let issues = s.validate();
    assert_eq!(
        codes(&issues),
        ["meeting_scheme_total_mismatch", "meeting_scheme_unknown_key", "meeting_scheme_level_gap"]
    );
    assert_eq!(issues[0].message_en, "the criteria's maxima add up to 105, not to the scheme's total 100");
    assert_eq!(issues[2].message_en, "the levels leave the points 96–100 without a level");

    let mut s = base.clone();
    s.levels[3].requires_key_criteria = true;
    s.criteria[0].rule = CriterionRule::Attendance { above_percent: 100, max_consecutive_excused: 3 };
    let issues = s.validate();
    assert_eq!(codes(&issues), ["policy_value_out_of_range", "meeting_scheme_lowest_conditional"]);
    assert_eq!(issues[0].path.to_string(), "criteria[0].rule.above_percent");

    let mut s = base;
    s.levels.clear();
    assert_eq!(s.validate()[0].message_en, "the levels leave the points 0–100 without a level");
    let org = org();
    let err = MeetingRater::new(&s, &org).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(
        err.message_vi(),
        "không dùng được thang đánh giá sinh hoạt chi bộ: 1 lỗi, lỗi đầu tiên: các mức xếp loại bỏ trống khoảng 0–100 điểm"
    );
}

#[test]
fn record_findings() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let bad = Meeting::from_value(json!({
        "id": "m 1", "unit": "CB-1", "date": "2020-09-05", "kind": "regular", "duration_minutes": 600,
        "present": ["DV1", "DV1", "DV8", "DVX", "DV6"],
        "excused": [{"member": "DV1", "reason": " "}],
        "speakers": ["DV2"], "minutes_complete": true,
        "scores": {"preparation": 21, "attendance": 5, "nope": 1, "conduct": 5, "principles": 5}
    }))
    .unwrap();
    let issues = rater.validate(&[bad]);
    let found: Vec<(String, &str)> = issues.iter().map(|i| (i.path.to_string(), i.code.as_str())).collect();
    let expect = [
        ("meetings[0].id", "invalid_code"),
        ("meetings[0].duration_minutes", "meeting_duration_out_of_range"),
        ("meetings[0].present[1]", "meeting_member_repeated"),
        ("meetings[0].present[2]", "meeting_member_not_in_unit"),
        ("meetings[0].present[3]", "unknown_member"),
        ("meetings[0].present[4]", "meeting_member_not_in_unit"),
        ("meetings[0].excused[0].member", "meeting_present_and_excused"),
        ("meetings[0].speakers[0]", "meeting_speaker_not_present"),
        ("meetings[0].excused[0].reason", "empty_text"),
        ("meetings[0].scores.attendance", "meeting_score_for_measured"),
        ("meetings[0].scores.nope", "meeting_score_unknown_criterion"),
        ("meetings[0].scores.preparation", "meeting_score_above_max"),
        ("meetings[0].scores", "meeting_score_missing"),
    ];
    let expect: Vec<(String, &str)> = expect.iter().map(|(p, c)| ((*p).to_owned(), *c)).collect();
    assert_eq!(found, expect);
    let not_in = &issues[3];
    assert_eq!(not_in.message_en, "the member `DV8` does not belong to `CB-1` on 2020-09-05");
    assert_eq!(not_in.message_vi, "đảng viên `DV8` không sinh hoạt ở `CB-1` vào ngày 2020-09-05");

    let mut elsewhere = good("m2", "2020-11-05");
    elsewhere.unit = "CB-2".into();
    elsewhere.present = vec!["DV8".into()];
    elsewhere.speakers = vec!["DV8".into()];
    let mut committee = good("m3", "2017-09-05");
    committee.unit = "DB".into();
    let mut unknown = good("m2", "2020-09-05");
    unknown.unit = "CB-9".into();
    let issues = rater.validate(&[elsewhere, committee, unknown]);
    assert_eq!(
        codes(&issues),
        [
            "meeting_unit_not_open",
            "meeting_member_not_in_unit",
            "meeting_member_not_in_unit",
            "meeting_unit_not_cell",
            "meeting_scheme_not_in_force",
            "unknown_unit",
            "duplicate_code",
        ]
    );
}

#[test]
fn cross_meeting_warnings() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let mut model = good("m2", "2020-09-09");
    model.model = true;
    model.duration_minutes = 60;
    let issues = rater.validate(&[good("m1", "2020-09-05"), model]);
    assert_eq!(codes(&issues), ["meeting_repeated_regular", "meeting_model_not_top"]);
    assert_eq!(issues[0].path.to_string(), "meetings[0]");
    assert_eq!(issues[0].message_en, "the cell `CB-1` has 2 regular meetings in 2020-09, only the last one counts");
    assert_eq!(issues[1].message_en, "the model meeting `m2` is rated `fair`, not the top level `good`");
    assert!(issues.iter().all(|i| !i.is_error()));
}

#[test]
fn rating_explains_points_and_level() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let rating = rater.rate(&good("m1", "2020-09-05"), &[]).unwrap();
    assert_eq!((rating.points, rating.level.as_str()), (96, "good"));
    assert!(rating.held_back.is_none());
    assert_eq!(rating.why.vi, "96/100 điểm, xếp loại Tốt");
    let participation = rating.criteria.iter().find(|c| c.criterion == "participation").unwrap();
    assert_eq!(participation.why.vi, "3/6 đảng viên có mặt phát biểu (50%), từ 30% trở lên");
    assert_eq!(participation.why.en, "3 of 6 members present spoke (50%), at least 30%");

    // DV6 joined on 10 September: expected on the 15th; DV2 excused, DV3 absent without reason.
    let mut m = good("m1", "2020-09-15");
    m.present = vec!["DV1".into(), "DV4".into(), "DV5".into(), "DV6".into(), "DV7".into()];
    m.excused = vec![Excused { member: "DV2".into(), reason: "Ốm".into() }];
    m.speakers = vec!["DV1".into()];
    m.minutes_complete = false;
    let rating = rater.rate(&m, &[]).unwrap();
    let attendance = &rating.criteria[0];
    assert_eq!(attendance.points, 0);
    assert_eq!(
        attendance.why.en,
        "5 of 7 members present (71.4%), not above 85%; absent without a reason: `DV3`; no member excused more than 3 times in a row"
    );
    assert_eq!(
        attendance.why.vi,
        "có mặt 5/7 đảng viên (71,4%), không trên 85%; vắng mặt không có lý do: `DV3`; không có đảng viên vắng có lý do quá 3 lần liên tiếp"
    );
    // 0 attendance, 0 participation (1 of 5), 0 minutes: 10 duration + 46 judged = 56.
    assert_eq!((rating.points, rating.level.as_str()), (56, "average"));
    let held_back = rating.held_back.unwrap();
    assert_eq!(held_back.level, "fair");
    assert_eq!(held_back.points_short, 14);
    assert_eq!(held_back.why.vi, "chưa đạt mức Khá: thiếu 14 điểm (cần từ 70 điểm)");
}

#[test]
fn exempt_members_absent_are_not_expected() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let mut m = good("m1", "2020-09-05");
    m.present.retain(|p| p != "DV5");
    m.exempt = vec!["DV5".into()];
    let rating = rater.rate(&m, &[]).unwrap();
    assert_eq!(
        rating.criteria[0].measure,
        Measurement::Attendance {
            expected: 5,
            present: 5,
            excused: 0,
            unexcused: vec![],
            above_percent: 85,
            repeated_absences: vec![],
            max_consecutive_excused: 3,
            earlier_meetings: 0,
        }
    );
    assert_eq!(rating.level, "good");
}

#[test]
fn fourth_excused_absence_in_a_row_fails_attendance() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let away = |id: &str, date: &str| {
        let mut m = good(id, date);
        m.present.retain(|p| p != "DV5");
        m.excused = vec![Excused { member: "DV5".into(), reason: "Đi làm ăn xa".into() }];
        m
    };
    // 5 of 6 present (83.3%) is not above 85%; in September DV6 has joined: 6 of 7 (85.7%) is.
    let mut history = vec![away("m6", "2020-06-12"), away("m7", "2020-07-12"), away("m8", "2020-08-12")];
    let mut m = away("m9", "2020-09-12");
    m.present.push("DV6".into());
    history.insert(0, away("m-2019", "2019-12-12")); // another year: not looked at
    let rating = rater.rate(&m, &history).unwrap();
    let Measurement::Attendance { repeated_absences, earlier_meetings, present, expected, .. } =
        &rating.criteria[0].measure
    else {
        panic!("attendance first")
    };
    assert_eq!((*present, *expected, *earlier_meetings), (6, 7, 3));
    assert_eq!(repeated_absences, &[RepeatedAbsence { member: "DV5".into(), times: 4 }]);
    assert_eq!(rating.criteria[0].points, 0);
    // With DV5 present at the August meeting the run is 1: attendance met.
    history[3].present.push("DV5".into());
    history[3].excused.clear();
    let rating = rater.rate(&m, &history).unwrap();
    assert_eq!(rating.criteria[0].points, 20);
}

#[test]
fn rate_refuses_a_record_with_errors() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let mut m = good("m1", "2020-09-05");
    m.scores.clear();
    let err = rater.rate(&m, &[]).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(err.issues()[0].path.to_string(), "meeting.scores");
    assert_eq!(err.issues()[0].message_en, "the criterion `preparation` has no score");
    assert_eq!(err.issues()[0].message_vi, "chưa chấm điểm tiêu chí `preparation`");
}

#[test]
fn month_rates_every_open_cell() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let mut broken = good("b", "2020-10-03");
    broken.unit = "CB-2".into();
    let meetings = [good("m1", "2020-09-05"), good("m2", "2020-09-25"), broken];
    let september = rater.month(&meetings, "2020-09".parse().unwrap());
    assert_eq!(september.cells.len(), 2);
    let cb1 = &september.cells[0];
    assert_eq!((cb1.status, cb1.meeting.as_deref(), cb1.regular_meetings), (CellMonthStatus::Rated, Some("m2"), 2));
    assert_eq!(
        cb1.note.as_ref().unwrap().en,
        "2 regular meetings in the month; the last one, `m2` of 2020-09-25, counts"
    );
    assert_eq!(september.cells[1].status, CellMonthStatus::NotHeld);
    assert_eq!(codes(&september.issues).last(), Some(&"meeting_not_held"));
    let october = rater.month(&meetings, "2020-10".parse().unwrap());
    assert_eq!(october.cells[1].status, CellMonthStatus::Unrated);
    let november = rater.month(&meetings, "2020-11".parse().unwrap());
    assert_eq!(november.cells.len(), 1, "CB-2 closed in October");
}

#[test]
fn report_counts_and_merges() {
    let org = org();
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let mut thematic = good("t1", "2020-09-20");
    thematic.kind = MeetingKind::Thematic;
    thematic.model = true;
    let mut group = good("g1", "2020-09-21");
    group.unit = "TD-1".into();
    group.present = vec!["DV7".into()];
    group.speakers = vec!["DV7".into()];
    let meetings = [good("m1", "2020-09-05"), thematic, group];
    let q3 = rater.report(&meetings, "2020-Q3".parse().unwrap(), None).unwrap();
    let t = &q3.report.total;
    assert_eq!((t.cell_months, t.held, t.not_held), (6, 1, 5));
    assert_eq!((t.regular_meetings, t.thematic_meetings, t.group_meetings, t.model_meetings), (1, 1, 1, 1));
    assert_eq!(t.by_level.get("good"), Some(&1));
    assert_eq!((t.members_present, t.members_expected), (6, 6));
    assert_eq!(t.average_duration(), Some(120.0));
    assert_eq!(t.cells_not_held.len(), 2);
    assert_eq!(q3.report.rows.len(), 1, "one row: the committee DB");
    assert_eq!(q3.report.by_org_type.get("agency").map(|a| a.cell_months), Some(3));
    let scoped = rater.report(&meetings, "2020-09".parse().unwrap(), Some("DB")).unwrap();
    assert_eq!(scoped.report.rows.keys().collect::<Vec<_>>(), ["CB-1", "CB-2"]);
    let months: Vec<_> = ["2020-07", "2020-08", "2020-09"]
        .iter()
        .map(|m| rater.report(&meetings, m.parse().unwrap(), None).unwrap().report)
        .collect();
    let merged = months[0].merge(&months[1]).unwrap().merge(&months[2]).unwrap();
    assert_eq!(merged, q3.report);
    assert_eq!(months[0].merge(&months[0]).unwrap_err().code(), "report_overlap");
    assert_eq!(rater.report(&meetings, "2020-09".parse().unwrap(), Some("X")).unwrap_err().code(), "unknown_name");
}

#[test]
fn synthetic_year_validates_and_looks_like_a_district() {
    let org = synthetic::organisation(Scale::District, 3);
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &org).unwrap();
    let meetings = synthetic::meeting::generate(&org, "2020-Q3".parse().unwrap(), 11);
    let issues = rater.validate(&meetings);
    assert!(!crate::has_errors(&issues), "{:?}", issues.iter().find(|i| i.is_error()));
    let report = rater.report(&meetings, "2020-Q3".parse().unwrap(), None).unwrap();
    let t = &report.report.total;
    let level = |l: &str| t.by_level.get(l).copied().unwrap_or(0);
    assert!(t.cell_months > 900, "{t:?}");
    assert!(level("good") + level("fair") > t.cell_months * 3 / 4, "{t:?}");
    assert!(level("average") > 0 && level("poor") > 0 && t.not_held > 0, "{t:?}");
    assert!(t.thematic_meetings > 10 && t.model_meetings > 0, "{t:?}");
    assert_eq!(t.unrated, 0);
    assert!(t.attendance().unwrap() > 0.9, "{t:?}");
}

fn cell(id: &str) -> UnitLabel {
    UnitLabel { unit: id.into(), name: id.into(), kind: crate::UnitKind::Cell, org_type: "commune".into() }
}

fn tally() -> impl Strategy<Value = MeetingTally> {
    (0u64..3, 0u64..3, 0u64..200, 0u64..200, 0u64..4, prop::sample::select(vec!["good", "fair", "poor"])).prop_map(
        |(held, thematic, present, minutes, cell, level)| MeetingTally {
            cell_months: 1,
            held: held.min(1),
            not_held: 1 - held.min(1),
            regular_meetings: held,
            thematic_meetings: thematic,
            by_level: [(level.to_owned(), held.min(1))].into_iter().collect(),
            members_present: present,
            members_expected: present + 3,
            duration_minutes: minutes,
            duration_meetings: held.min(1),
            cells: [format!("CB-{cell}")].into_iter().collect(),
            cells_not_held: if held == 0 {
                [format!("CB-{cell}")].into_iter().collect()
            } else {
                std::collections::BTreeSet::new()
            },
            ..MeetingTally::default()
        },
    )
}

/// A roll-up of cell-months `(cell, month) → tally`, with cells as rows.
fn rollup(parts: &[(u8, u8, MeetingTally)]) -> Rollup<MeetingTally> {
    let mut r = Rollup::new(None);
    for (c, m, t) in parts {
        let label = cell(&format!("CB-{c}"));
        r.add(&label, &label, &format!("2020-{:02}", m + 1), t);
    }
    r
}

proptest! {
    #[test]
    fn merging_is_associative_and_commutative(
        entries in prop::collection::btree_map((0u8..4, 0u8..12), tally(), 0..18),
        cut in (0usize..18, 0usize..18),
    ) {
        let all: Vec<(u8, u8, MeetingTally)> = entries.into_iter().map(|((c, m), t)| (c, m, t)).collect();
        let (i, j) = (cut.0.min(all.len()), cut.1.min(all.len()));
        let (i, j) = (i.min(j), i.max(j));
        let (a, b, c) = (rollup(&all[..i]), rollup(&all[i..j]), rollup(&all[j..]));
        let left = a.merge(&b).unwrap().merge(&c).unwrap();
        let right = a.merge(&b.merge(&c).unwrap()).unwrap();
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(&a.merge(&b).unwrap(), &b.merge(&a).unwrap());
        prop_assert_eq!(&left, &rollup(&all));
        let mut sum = MeetingTally::default();
        for row in left.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(&sum, &left.total);
    }
}
