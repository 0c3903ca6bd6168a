//! The organisation, reviews and synthetic data end to end: the synthetic district's shape, its
//! determinism, that synthetic data validates clean, and property tests (no panic on arbitrary
//! input, JSON round trips).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, reason = "test code")]

use proptest::prelude::*;
use serde_json::{Value, json};
use soisua::synthetic::{Rates, Scale, organisation, reviews};
use soisua::{Catalogue, Finding, Level, MemberStatus, Month, Organisation, ReviewBatch, RoleKind, UnitKind};

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

/// A small catalogue of the three kinds, with items limited to some roles.
fn tiny_catalogue() -> Catalogue {
    let item = |code: &str, applies: &[&str]| {
        json!({"code": code, "text": {"vi": code, "en": code}, "severity": "minor",
               "source": {"document": "x"}, "wording": "label", "applies_to": applies})
    };
    let group = |code: &str, kind: &str, items: Vec<Value>| {
        json!({"code": code, "kind": kind, "title": {"vi": code, "en": code},
               "source": {"document": "x"}, "items": items})
    };
    Catalogue::from_value(json!({
        "id": "thu", "version": "1", "title": {"vi": "Thử", "en": "Test"},
        "origin": "synthetic", "issuer": "x", "document_number": "1",
        "document_date": "2020-01-01", "effective_from": "2020-01-01",
        "groups": [
            group("BH", "manifestation", (1..=6).map(|i| item(&format!("BH-{i}"), &[])).collect()),
            group("NG", "exemplary", vec![
                item("NG-1", &[]), item("NG-2", &[]),
                item("NG-3", &["secretary", "deputy_secretary"]),
                item("NG-4", &["head_of_agency"]),
                item("NG-5", &["committee_member", "standing_committee_member"]),
            ]),
            group("KL", "prohibition", (1..=4).map(|i| item(&format!("KL-{i}"), &[])).collect()),
        ],
    }))
    .unwrap()
}

#[test]
fn the_district_has_the_articles_shape() {
    let org = organisation(Scale::District, 1);
    let index = org.index();
    let top = index.unit("HU").unwrap();
    assert_eq!(top.kind, UnitKind::Committee);
    let under_top: Vec<_> = org.units.iter().filter(|u| u.parent.as_deref() == Some("HU")).collect();
    let committees = under_top.iter().filter(|u| u.kind == UnitKind::Committee).count();
    let sector_cells = under_top.iter().filter(|u| u.kind == UnitKind::Cell).count();
    assert_eq!((committees, sector_cells), (22, 38));
    let grassroots_cells = org
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Cell && u.parent.as_deref().is_some_and(|p| p.starts_with("DB-")))
        .count();
    assert_eq!(grassroots_cells, 280);
    assert_eq!(org.units.len(), 1 + 22 + 38 + 280);
    let communes = under_top.iter().filter(|u| u.org_type == "commune").count();
    assert_eq!(communes, 19);
    assert!((6_000..=6_600).contains(&org.members.len()), "{}", org.members.len());
    assert_eq!(org.members[0].id, "DV000001");
    assert!(org.name.vi.ends_with("(giả lập)"));

    let probationary = org.members.iter().filter(|m| m.status == MemberStatus::Probationary).count();
    assert!((100..=300).contains(&probationary), "{probationary}");
    let transferred: Vec<_> = org.members.iter().filter(|m| m.memberships.len() == 2).collect();
    assert!((1..=8).contains(&transferred.len()), "{}", transferred.len());
    for m in &transferred {
        let (a, b) = (&m.memberships[0], &m.memberships[1]);
        assert_eq!(a.until.unwrap().succ_opt().unwrap(), b.from);
        assert_eq!(b.from.format("%Y").to_string(), "2020");
    }
    for m in &org.members {
        assert!(m.memberships[0].from < month("2020-01").first_day());
    }

    let holders = |kind: RoleKind, unit: &str| {
        org.members.iter().filter(|m| m.roles.iter().any(|r| r.kind == kind && r.unit == unit)).count()
    };
    assert_eq!(holders(RoleKind::Secretary, "HU"), 1);
    assert_eq!(holders(RoleKind::DeputySecretary, "HU"), 2);
    assert_eq!(holders(RoleKind::StandingCommitteeMember, "HU"), 11);
    assert!((33..=37).contains(&holders(RoleKind::CommitteeMember, "HU")));
    assert!((5..=9).contains(&holders(RoleKind::CommitteeMember, "DB-01")));
    assert_eq!(holders(RoleKind::Secretary, "DB-01"), 1);
    for cell in org.units.iter().filter(|u| u.kind == UnitKind::Cell) {
        assert_eq!(holders(RoleKind::Secretary, &cell.id), 1, "{}", cell.id);
        assert_eq!(holders(RoleKind::DeputySecretary, &cell.id), 1, "{}", cell.id);
        let size = org.members.iter().filter(|m| m.memberships[0].unit == cell.id).count();
        assert!((8..=40).contains(&size), "{} has {size}", cell.id);
    }
    assert_eq!(holders(RoleKind::HeadOfAgency, "CB-01"), 1);
}

#[test]
fn synthetic_organisations_are_deterministic_and_valid() {
    let a = organisation(Scale::District, 7);
    assert_eq!(a, organisation(Scale::District, 7));
    assert_ne!(a, organisation(Scale::District, 8));
    assert_eq!(a.validate(), []);
    let again = Organisation::from_json(&a.to_json()).unwrap();
    assert_eq!(again, a);
}

#[test]
fn the_province_has_eleven_districts_and_validates() {
    let org = organisation(Scale::Province, 1);
    assert!((66_000..=72_600).contains(&org.members.len()), "{}", org.members.len());
    let districts = org.units.iter().filter(|u| u.parent.as_deref() == Some("TU")).count();
    assert_eq!(districts, 11);
    assert_eq!(org.validate(), []);
}

/// Members with at least one adverse cell conclusion, per thousand reviews.
fn adverse_share(batch: &ReviewBatch) -> usize {
    let with =
        batch.reviews.iter().filter(|r| r.answers.iter().any(|a| a.cell.is_some_and(Finding::is_adverse))).count();
    with * 1000 / batch.reviews.len()
}

#[test]
fn synthetic_reviews_validate_clean_and_have_the_rates() {
    let org = organisation(Scale::District, 3);
    let catalogue = tiny_catalogue();
    let batch = reviews(&org, &catalogue, month("2020-09"), 11, Rates::default());
    assert_eq!(batch.reviews.len(), org.members.len());
    assert_eq!(batch.validate(&catalogue, &org), []);
    let share = adverse_share(&batch);
    assert!((40..=60).contains(&share), "{share}");
    let disagreeing = batch.reviews.iter().filter(|r| r.answers.iter().any(|a| a.self_assessment != a.cell)).count();
    assert!((20..=120).contains(&disagreeing), "{disagreeing}");
    assert!(batch.reviews.iter().all(|r| r.status == soisua::ReviewStatus::Final));

    // Secretaries answer the secretaries' item, others do not.
    let secretary = org.members.iter().position(|m| m.roles.iter().any(|r| r.kind == RoleKind::Secretary)).unwrap();
    let answered = |i: usize, item: &str| batch.reviews[i].answers.iter().any(|a| a.item == item);
    assert!(answered(secretary, "NG-3"));
    let plain = org.members.iter().position(|m| m.roles.is_empty()).unwrap();
    assert!(!answered(plain, "NG-3"));
    assert!(answered(plain, "NG-1"));
}

#[test]
fn synthetic_reviews_are_deterministic_and_months_differ() {
    let org = organisation(Scale::District, 3);
    let catalogue = tiny_catalogue();
    let september = reviews(&org, &catalogue, month("2020-09"), 11, Rates::default());
    assert_eq!(september, reviews(&org, &catalogue, month("2020-09"), 11, Rates::default()));
    let october = reviews(&org, &catalogue, month("2020-10"), 11, Rates::default());
    let answers = |b: &ReviewBatch| b.reviews.iter().map(|r| r.answers.clone()).collect::<Vec<_>>();
    assert_ne!(answers(&september), answers(&october));
    let other_seed = reviews(&org, &catalogue, month("2020-09"), 12, Rates::default());
    assert_ne!(answers(&september), answers(&other_seed));
    let clean = reviews(&org, &catalogue, month("2020-09"), 11, Rates { member_with_finding: 0.0, disagreement: 0.0 });
    assert_eq!(adverse_share(&clean), 0);
}

#[test]
fn a_transferred_member_is_reviewed_where_the_month_ends() {
    let org = organisation(Scale::District, 3);
    let catalogue = tiny_catalogue();
    let member = org.members.iter().find(|m| m.memberships.len() == 2).unwrap();
    let transfer = Month::from_date(member.memberships[1].from);
    for (m, unit) in [(transfer.prev(), &member.memberships[0].unit), (transfer, &member.memberships[1].unit)] {
        let batch = reviews(&org, &catalogue, m, 1, Rates::default());
        let review = batch.reviews.iter().find(|r| r.member == member.id).unwrap();
        assert_eq!(&review.unit, unit);
        assert_eq!(batch.validate(&catalogue, &org), []);
    }
}

#[test]
fn members_who_left_or_have_not_joined_are_not_reviewed() {
    let mut org = organisation(Scale::District, 3);
    org.members[0].memberships[0].until = Some(month("2020-08").last_day());
    org.members[1].memberships[0].from = month("2020-10").first_day();
    let catalogue = tiny_catalogue();
    let batch = reviews(&org, &catalogue, month("2020-09"), 1, Rates::default());
    assert_eq!(batch.reviews.len(), org.members.len() - 2);
    assert!(batch.reviews.iter().all(|r| r.member != org.members[0].id && r.member != org.members[1].id));
}

#[test]
fn synthetic_reviews_under_the_central_catalogue() {
    if let Ok(catalogue) = Catalogue::central_2020() {
        let org = organisation(Scale::District, 5);
        let batch = reviews(&org, &catalogue, month("2020-09"), 5, Rates::default());
        assert_eq!(batch.validate(&catalogue, &org), []);
        let share = adverse_share(&batch);
        assert!((40..=60).contains(&share), "{share}");
        let sample = ReviewBatch { reviews: batch.reviews[..100].to_vec() };
        assert_eq!(ReviewBatch::from_json(&sample.to_json()).unwrap(), sample);
    }
}

#[test]
fn a_broken_copy_of_synthetic_data_is_reported() {
    let mut org = organisation(Scale::District, 3);
    let catalogue = tiny_catalogue();
    let mut batch = reviews(&org, &catalogue, month("2020-09"), 11, Rates::default());
    batch.reviews[1].answers.pop();
    batch.reviews[1].status = soisua::ReviewStatus::Draft;
    let issues = batch.validate(&catalogue, &org);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, "missing_cell_conclusion");
    assert_eq!(issues[0].level, Level::Warning);
    org.units[5].parent = Some("NOWHERE".into());
    let issues = org.validate();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.to_string(), "units[5].parent");
}

// ---- property tests ----

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-zA-Z0-9_ -]{0,8}".prop_map(Value::String),
        prop::sample::select(vec!["2020-09", "2020-01-01", "cell", "committee", "full", "final", "none"])
            .prop_map(|s| Value::String(s.to_owned())),
    ];
    let keys = prop::sample::select(vec![
        "id",
        "name",
        "vi",
        "en",
        "units",
        "members",
        "kind",
        "org_type",
        "parent",
        "moves",
        "on",
        "opened",
        "closed",
        "status",
        "memberships",
        "unit",
        "from",
        "until",
        "roles",
        "reviews",
        "member",
        "month",
        "catalogue",
        "version",
        "answers",
        "item",
        "self",
        "cell",
        "notes",
        "x",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn code() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["A", "B", "C", "D", "", "a b", "Đ-1"]).prop_map(str::to_owned)
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop::option::of((2018..2022i32, 1..13u32, 1..29u32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")))
}

fn unit_json() -> impl Strategy<Value = Value> {
    (
        code(),
        prop::sample::select(vec!["committee", "cell", "group"]),
        prop::sample::select(vec!["commune", "agency", "nope"]),
        prop::option::of(code()),
        prop::collection::vec((date(), code()), 0..3),
        date(),
        date(),
    )
        .prop_map(|(id, kind, org_type, parent, moves, opened, closed)| {
            let mut unit = json!({"id": id, "name": format!("Đơn vị {id}"), "kind": kind, "org_type": org_type});
            if let Some(p) = parent {
                unit["parent"] = json!(p);
            }
            let moves: Vec<Value> =
                moves.into_iter().filter_map(|(on, parent)| on.map(|on| json!({"on": on, "parent": parent}))).collect();
            if !moves.is_empty() {
                unit["moves"] = json!(moves);
            }
            if let Some(o) = opened {
                unit["opened"] = json!(o);
            }
            if let Some(c) = closed {
                unit["closed"] = json!(c);
            }
            unit
        })
}

fn span() -> impl Strategy<Value = (String, Option<String>)> {
    (date(), date()).prop_map(|(from, until)| (from.unwrap_or_else(|| "2019-01-01".to_owned()), until))
}

fn member_json() -> impl Strategy<Value = Value> {
    (
        code(),
        prop::collection::vec((code(), span()), 0..4),
        prop::collection::vec(
            (prop::sample::select(vec!["secretary", "committee_member", "head_of_agency"]), code(), span()),
            0..3,
        ),
    )
        .prop_map(|(id, memberships, roles)| {
            let with_span = |mut v: Value, (from, until): (String, Option<String>)| {
                v["from"] = json!(from);
                if let Some(u) = until {
                    v["until"] = json!(u);
                }
                v
            };
            let memberships: Vec<Value> =
                memberships.into_iter().map(|(unit, s)| with_span(json!({"unit": unit}), s)).collect();
            let roles: Vec<Value> =
                roles.into_iter().map(|(kind, unit, s)| with_span(json!({"kind": kind, "unit": unit}), s)).collect();
            json!({"id": id, "status": "full", "memberships": memberships, "roles": roles})
        })
}

fn org_json() -> impl Strategy<Value = Value> {
    (prop::collection::vec(unit_json(), 0..8), prop::collection::vec(member_json(), 0..6)).prop_map(
        |(units, members)| json!({"id": "t", "name": {"vi": "T", "en": "T"}, "units": units, "members": members}),
    )
}

fn review_json() -> impl Strategy<Value = Value> {
    let finding = prop::option::of(prop::sample::select(vec![
        "none",
        "present",
        "clear",
        "violated",
        "good",
        "not_yet_good",
        "not_applicable",
    ]));
    let item = prop::sample::select(vec!["BH-1", "BH-2", "NG-3", "NG-4", "KL-1", "NOPE"]);
    (
        code(),
        code(),
        prop::sample::select(vec!["2019-12", "2020-09", "2020-10"]),
        prop::sample::select(vec!["1", "2"]),
        prop::sample::select(vec!["draft", "final"]),
        prop::collection::vec((item, finding.clone(), finding), 0..8),
    )
        .prop_map(|(member, unit, month, version, status, answers)| {
            let answers: Vec<Value> = answers
                .into_iter()
                .map(|(item, own, cell)| {
                    let mut a = json!({"item": item});
                    if let Some(f) = own {
                        a["self"] = json!(f);
                    }
                    if let Some(f) = cell {
                        a["cell"] = json!(f);
                    }
                    a
                })
                .collect();
            json!({"member": member, "unit": unit, "month": month, "status": status,
                   "catalogue": {"id": "thu", "version": version}, "answers": answers})
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json(), text in "\\PC{0,64}") {
        let _ = Organisation::from_value(value.clone());
        let _ = ReviewBatch::from_value(value.clone());
        let _ = Organisation::from_json(&value.to_string());
        let _ = ReviewBatch::from_json(&value.to_string());
        let _ = Organisation::from_json(&text);
        let _ = ReviewBatch::from_json(&text);
    }

    #[test]
    fn arbitrary_organisations_validate_without_panic_and_round_trip(value in org_json()) {
        let org = Organisation::from_value(value).unwrap();
        let issues = org.validate();
        prop_assert_eq!(&issues, &org.validate());
        for issue in &issues {
            prop_assert!(!issue.message_en.contains('?'), "{}", issue.message_en);
        }
        let again = Organisation::from_json(&org.to_json()).unwrap();
        prop_assert_eq!(again, org);
    }

    #[test]
    fn arbitrary_reviews_validate_without_panic_and_round_trip(
        org in org_json(),
        reviews in prop::collection::vec(review_json(), 0..6),
    ) {
        let org = Organisation::from_value(org).unwrap();
        let batch = ReviewBatch::from_value(json!({"reviews": reviews})).unwrap();
        let catalogue = tiny_catalogue();
        let issues = batch.validate(&catalogue, &org);
        for issue in &issues {
            prop_assert!(!issue.message_en.contains('?'), "{}", issue.message_en);
        }
        for review in &batch.reviews {
            let _ = review.missing_items(&catalogue, &org);
        }
        let again = ReviewBatch::from_json(&batch.to_json()).unwrap();
        prop_assert_eq!(again, batch);
    }
}
