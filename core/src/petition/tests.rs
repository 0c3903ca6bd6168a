use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::report::{Rollup, Tally, UnitLabel};
use crate::{Organisation, UnitKind};

pub(crate) fn org() -> Organisation {
    serde_json::from_value(json!({
        "id": "t", "name": {"vi": "T", "en": "T"},
        "units": [
            {"id": "HU", "name": "Huyện ủy", "kind": "committee", "org_type": "agency"},
            {"id": "DB-01", "name": "Đảng bộ xã A", "kind": "committee", "org_type": "commune", "parent": "HU"},
            {"id": "CB-01", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune", "parent": "DB-01"},
            {"id": "CB-02", "name": "Chi bộ Phòng Y tế", "kind": "cell", "org_type": "agency", "parent": "HU"}
        ],
        "members": [
            {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-01", "from": "2010-01-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-02", "from": "2010-01-01"}]}
        ]
    }))
    .unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub(crate) fn petition(id: &str, unit: &str, received: &str) -> Petition {
    serde_json::from_value(json!({
        "id": id, "unit": unit, "received_on": received, "petitioner": "citizen",
        "channel": "fatherland_front", "subject": "Đường ngập", "topic": "infrastructure"
    }))
    .unwrap()
}

fn policy() -> PetitionPolicy {
    PetitionPolicy::default_2020().unwrap()
}

#[test]
fn the_default_policy_is_labelled_valid_and_matches_the_synthetic_timings() {
    let policy = policy();
    assert!(policy.validate().is_empty());
    assert_eq!(policy.status, "label");
    assert_eq!(policy.forward_days, crate::synthetic::petition::FORWARD_DAYS);
    assert_eq!(policy.reply_days, crate::synthetic::petition::REPLY_DAYS);
    for topic in &policy.topics {
        assert_eq!(policy.resolve_days_for(&topic.code), crate::synthetic::petition::resolve_days(&topic.code));
    }
    let topics: Vec<_> = crate::synthetic::dialogue::SUBJECTS.iter().map(|(t, _)| *t).collect();
    assert!(topics.iter().all(|t| policy.has_topic(t)));
}

#[test]
fn policy_findings_are_located() {
    let mut policy = policy();
    policy.topics.push(policy.topics[0].clone());
    policy.resolve_days_by_topic.push(TopicDays { topic: "weather".into(), days: 0 });
    policy.channels.clear();
    policy.forward_days = 400;
    policy.escalation[0].level = "standing_committee".into();
    let found: Vec<_> = policy.validate().into_iter().map(|i| (i.code, i.path.to_string())).collect();
    let expected = [
        ("duplicate_code", "topics[9].code"),
        ("empty_text", "channels"),
        ("policy_value_out_of_range", "forward_days"),
        ("petition_unknown_topic", "resolve_days_by_topic[3].topic"),
        ("policy_value_out_of_range", "resolve_days_by_topic[3].days"),
        ("duplicate_code", "escalation[1].level"),
    ];
    let expected: Vec<_> = expected.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect();
    assert_eq!(found, expected);
    assert_eq!(policy.checked().unwrap_err().code(), "invalid_document");
}

#[test]
fn status_follows_the_steps() {
    let policy = policy();
    let mut p = petition("PA-1", "DB-01", "2020-09-01");
    let at = |p: &Petition, on: &str| status_on(p, &policy, day(on));
    assert_eq!(at(&p, "2020-09-06").state, State::Received);
    assert_eq!(at(&p, "2020-09-07").state, State::Overdue);
    assert_eq!(at(&p, "2020-09-07").days_overdue, 1);
    p.forwarded_to = Some("UBND xã".into());
    p.forwarded_on = Some(day("2020-09-05"));
    let forwarded = at(&p, "2020-09-30");
    assert_eq!(
        (forwarded.state, forwarded.next_step, forwarded.next_due),
        (State::Forwarded, Some(Step::Resolve), Some(day("2020-10-05")))
    );
    // Dates after the day asked about are not known on that day.
    assert_eq!(at(&p, "2020-09-04").state, State::Received);
    p.resolved_on = Some(day("2020-10-01"));
    p.result = Some("Đã sửa".into());
    assert_eq!(at(&p, "2020-10-03").state, State::Resolved);
    assert_eq!(at(&p, "2020-10-03").reply_due, Some(day("2020-10-08")));
    let late = at(&p, "2020-10-20");
    assert_eq!((late.state, late.late_step, late.days_overdue), (State::Escalated, Some(Step::Reply), 12));
    assert_eq!(late.escalated_to.as_deref(), Some("parent_committee"));
    assert_eq!(
        late.explanation.en,
        "resolved on 2020-10-01; the reply to the petitioner overdue by 12 days (due 2020-10-08); \
         10 days or more past the deadline: escalated to the parent committee"
    );
    assert_eq!(
        late.explanation.vi,
        "đã giải quyết ngày 2020-10-01; quá hạn trả lời người phản ánh 12 ngày (hạn 2020-10-08); \
         quá hạn từ 10 ngày: chuyển lên Cấp ủy cấp trên"
    );
    assert_eq!(at(&p, "2020-11-30").escalated_to.as_deref(), Some("standing_committee"));
    p.replied_on = Some(day("2020-10-05"));
    let done = at(&p, "2020-12-31");
    assert_eq!((done.state, done.next_step, done.days_overdue), (State::Replied, None, 0));
}

#[test]
fn an_explicit_deadline_wins_over_the_policy() {
    let mut p = petition("PA-1", "DB-01", "2020-09-01");
    p.deadline = Some(day("2020-09-03"));
    let status = status_on(&p, &policy(), day("2020-09-05"));
    assert_eq!((status.state, status.late_step, status.days_overdue), (State::Overdue, Some(Step::Resolve), 2));
}

#[test]
fn validation_finds_each_problem() {
    let org = org();
    let policy = policy();
    let mut a = petition("PA-1", "DB-09", "2020-09-10");
    a.topic = "weather".into();
    a.channel = "pigeon".into();
    a.subject = " ".into();
    a.replied_on = Some(day("2020-09-12"));
    a.result = Some("x".into());
    a.forwarded_on = Some(day("2020-09-11"));
    let b = petition("PA-1", "CB-01", "2015-01-01");
    let codes: Vec<_> = validate(&org, &[a, b], None, &policy).into_iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            "unknown_unit",
            "empty_text",
            "petition_unknown_topic",
            "petition_unknown_channel",
            "petition_reply_without_resolution",
            "petition_field_missing",
            "petition_field_missing",
            "duplicate_code",
            "policy_not_in_force",
        ]
    );
    let reply = validate(&org, &[petition("P", "CB-01", "2020-09-01")], None, &policy);
    assert!(reply.is_empty());
    let mut c = petition("P", "CB-01", "2020-09-01");
    c.resolved_on = Some(day("2020-09-05"));
    c.result = Some("x".into());
    c.replied_on = Some(day("2020-09-04"));
    let issue = &validate(&org, &[c], None, &policy)[0];
    assert_eq!(issue.message_en, "the date `replied_on` (2020-09-04) is before `resolved_on` (2020-09-05)");
    let mut d = petition("PA-7", "CB-01", "2020-09-01");
    d.replied_on = Some(day("2020-09-04"));
    let issue = &validate(&org, &[d], None, &policy)[0];
    assert_eq!(issue.message_en, "the petition `PA-7` has a reply to the petitioner but no resolution");
    assert_eq!(issue.message_vi, "phản ánh `PA-7` đã trả lời người phản ánh nhưng chưa có kết quả giải quyết");
}

#[test]
fn dialogue_links_are_checked_both_ways() {
    let org = org();
    let mut p = petition("PA-1", "DB-01", "2020-09-10");
    p.channel = "dialogue".into();
    let dialogues: Vec<crate::dialogue::Dialogue> = serde_json::from_value(json!([
        {"id": "DT-1", "unit": "DB-01", "month": "2020-09", "kind": "dialogue", "planned_on": "2020-09-12",
         "held_on": "2020-09-12", "members": ["DV1"], "met_count": 10}
    ]))
    .unwrap();
    let codes = |p: &Petition| -> Vec<String> {
        validate(&org, std::slice::from_ref(p), Some(&dialogues), &policy()).into_iter().map(|i| i.code).collect()
    };
    assert_eq!(codes(&p), ["petition_field_missing"]);
    p.dialogue = Some("DT-9".into());
    assert_eq!(codes(&p), ["petition_unknown_dialogue"]);
    p.dialogue = Some("DT-1".into());
    assert_eq!(codes(&p), ["link_not_returned", "petition_dates_out_of_order"]);
}

#[test]
fn the_report_counts_flows_and_stocks() {
    let org = org();
    // Received in August, never forwarded: 36 days past its forwarding deadline on 30 September.
    let a = petition("PA-1", "CB-01", "2020-08-20");
    let mut b = petition("PA-2", "CB-02", "2020-09-03");
    b.petitioner = Petitioner::Member;
    b.forwarded_to = Some("Sở Y tế".into());
    b.forwarded_on = Some(day("2020-09-04"));
    b.resolved_on = Some(day("2020-09-10"));
    b.result = Some("Đã giải quyết".into());
    b.replied_on = Some(day("2020-09-11"));
    let period = "2020-09".parse().unwrap();
    let all = report(&org, &[a.clone(), b.clone()], &policy(), period, None).unwrap();
    let t = &all.total;
    assert_eq!((t.received, t.forwarded, t.resolved, t.replied), (1, 1, 1, 1));
    assert_eq!((t.open_at_start, t.open_at_end, t.overdue_at_end, t.escalated_at_end), (1, 1, 1, 1));
    assert_eq!(t.by_escalation.get("standing_committee"), Some(&1));
    assert_eq!(t.by_petitioner.get("member"), Some(&1));
    assert_eq!(all.coverage.len(), 4);
    let commune = report(&org, &[a, b], &policy(), period, Some("DB-01")).unwrap();
    assert_eq!(commune.total.received, 0);
    assert_eq!(commune.total.open_at_end, 1);
    let wrong = report(&org, &[petition("PA-1", "XX", "2020-09-01")], &policy(), period, None).unwrap_err();
    assert_eq!(wrong.code(), "invalid_document");
    assert!(wrong.message_vi().starts_with("không dùng được danh sách phản ánh, kiến nghị: 1 lỗi"));
}

#[test]
fn pressing_issues_are_checked_and_listed() {
    let org = org();
    let issues: Vec<PressingIssue> = serde_json::from_value(json!([
        {"unit": "DB-01", "quarter": "2020-Q3", "title": "Ngập úng", "plan": "Nạo vét kênh", "owner": "Bí thư",
         "due_on": "2020-09-30", "done_on": "2020-09-20", "petitions": ["PA-1", "PA-2", "PA-3"]},
        {"unit": "DB-01", "quarter": "2020-Q3", "title": "ngập úng ", "plan": "x", "owner": "y", "due_on": "2020-08-01"},
        {"unit": "ZZ", "quarter": "2020-Q3", "title": "a", "plan": "b", "owner": "c", "due_on": "2020-06-01"}
    ]))
    .unwrap();
    let petitions = [petition("PA-1", "CB-01", "2020-07-02"), petition("PA-2", "CB-02", "2020-07-02")];
    let list = pressing_list(&org, &issues, Some(&petitions), "2020-Q3".parse().unwrap());
    let paths: Vec<String> = list.issues.iter().map(|i| i.path.to_string()).collect();
    let codes: Vec<_> = list.issues.iter().zip(&paths).map(|(i, p)| (i.code.as_str(), p.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("pressing_issue_petition_other_unit", "issues[0].petitions[1]"),
            ("unknown_petition", "issues[0].petitions[2]"),
            ("duplicate_row", "issues[1].title"),
            ("unknown_unit", "issues[2].unit"),
            ("pressing_issue_due_before_quarter", "issues[2].due_on"),
        ]
    );
    assert_eq!(
        list.issues[4].message_en,
        "the due date 2020-06-01 of the pressing issue is before the quarter 2020-Q3"
    );
    assert_eq!(list.rows[0].state, PressingState::Done);
    assert_eq!(list.rows[0].petitions_open, Some(2));
    assert_eq!(list.rows[1].state, PressingState::Overdue);
    assert_eq!(list.units_without_list, ["CB-02"]);
}

#[test]
fn a_synthetic_year_validates_and_is_realistic() {
    let org = crate::synthetic::organisation(crate::synthetic::Scale::District, 3);
    let year: crate::Period = "2020".parse().unwrap();
    let petitions = crate::synthetic::petition::generate(&org, year, 11);
    let dialogues = crate::synthetic::dialogue::generate(&org, year, 11);
    let policy = policy();
    assert_eq!(validate(&org, &petitions, Some(&dialogues), &policy), []);
    assert_eq!(crate::dialogue::validate(&org, &dialogues, Some(&petitions)), []);
    let per_month = petitions.len() / 12;
    assert!((200..=500).contains(&per_month), "{per_month}");
    let rows = statuses_on(&petitions, &policy, day("2020-12-31"));
    let overdue = rows.iter().filter(|r| r.late_step.is_some()).count();
    let escalated = rows.iter().filter(|r| r.escalated_to.is_some()).count();
    assert!(overdue > 0 && overdue * 10 < rows.len(), "{overdue} of {}", rows.len());
    assert!(escalated > 0 && escalated < overdue);
    let months: Vec<_> = year.months().map(|m| report(&org, &petitions, &policy, m.into(), None).unwrap()).collect();
    let merged = months.iter().skip(1).fold(months[0].clone(), |acc, m| acc.merge(m).unwrap());
    let at_once = report(&org, &petitions, &policy, year, None).unwrap();
    assert_eq!(merged.total.received, at_once.total.received);
    assert_eq!(merged.total.replied, at_once.total.replied);
    assert_eq!(merged.total.by_topic, at_once.total.by_topic);
    let quarter = "2020-Q3".parse().unwrap();
    let issues = crate::synthetic::petition::pressing_issues(&org, &petitions, quarter, 11);
    assert_eq!(validate_pressing_issues(&org, &issues, Some(&petitions)), []);
}

fn label(unit: &str) -> UnitLabel {
    UnitLabel { unit: unit.into(), name: unit.into(), kind: UnitKind::Cell, org_type: "commune".into() }
}

fn tally() -> impl Strategy<Value = PetitionTally> {
    let counts =
        proptest::collection::btree_map(prop_oneof![Just("a".to_owned()), Just("b".to_owned())], 0u64..5, 0..2);
    (0u64..9, 0u64..9, 0u64..9, 0u64..9, counts.clone(), counts).prop_map(
        |(received, resolved, open, overdue, topics, steps)| PetitionTally {
            received,
            by_topic: topics,
            resolved,
            open_at_end: open + overdue,
            overdue_at_end: overdue,
            by_late_step: steps,
            ..PetitionTally::default()
        },
    )
}

/// A roll-up of units `u0`…`u3` in the months `months` (disjoint between the three built below).
fn rollup(entries: Vec<(usize, PetitionTally)>, months: &[&str]) -> Rollup<PetitionTally> {
    let mut rollup = Rollup::new(None);
    for (i, (unit, tally)) in entries.into_iter().enumerate() {
        let unit = label(&format!("u{unit}"));
        rollup.add(&unit, &unit, months[i % months.len()], &tally);
    }
    rollup
}

proptest! {
    #[test]
    fn merging_petition_reports_is_associative_and_commutative(
        a in proptest::collection::vec((0usize..4, tally()), 0..6),
        b in proptest::collection::vec((0usize..4, tally()), 0..6),
        c in proptest::collection::vec((0usize..4, tally()), 0..6),
    ) {
        let (a, b, c) = (rollup(a, &["2020-01", "2020-02"]), rollup(b, &["2020-03"]), rollup(c, &["2020-04", "2020-05"]));
        let left = a.merge(&b).unwrap().merge(&c).unwrap();
        let right = a.merge(&b.merge(&c).unwrap()).unwrap();
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(a.merge(&b).unwrap(), b.merge(&a).unwrap());
        let mut sum = PetitionTally::default();
        for row in left.rows.values() {
            sum.absorb(&row.tally);
        }
        prop_assert_eq!(sum, left.total);
    }
}
