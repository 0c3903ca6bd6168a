//! Reports, publication and visibility: property tests of the invariants (roll-up totals equal the
//! sum of the rows; merging is associative and commutative; a quarter merged from its months equals
//! the quarter built at once; a parent's report is the merge of its units' lifted reports; distinct
//! members never exceed member-months; redaction never reveals a member the viewer may not see),
//! and examples of each output.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::Value;

use soisua::evaluation::{Evaluator, History, Ledger, MonthResult};
use soisua::publication::{GroupStatus, notice_board, radio_list};
use soisua::report::{Measure, Report, Templates, compare, render, to_csv, to_html, to_markdown};
use soisua::synthetic::{self, Rates, Scale};
use soisua::visibility::{Viewer, redact};
use soisua::{Catalogue, Month, Organisation, Policy, UnitKind};

/// One grassroots committee of the synthetic district, with its cells.
fn grassroots(seed: u64) -> Organisation {
    let district = synthetic::organisation(Scale::District, seed);
    let top = district.units[0].id.clone();
    let unit = district
        .units
        .iter()
        .find(|u| u.parent.as_deref() == Some(top.as_str()) && u.kind == UnitKind::Committee)
        .unwrap()
        .id
        .clone();
    district.subtree(&unit).unwrap()
}

struct Fixture {
    catalogue: Catalogue,
    policy: Policy,
    org: Organisation,
    history: History,
}

fn fixture(seed: u64, rate: f64) -> Fixture {
    let catalogue = synthetic::local_catalogue(&Catalogue::central_2020().unwrap());
    let org = grassroots(seed);
    let rates = Rates { member_with_finding: rate, ..Rates::default() };
    let mut history = History::default();
    for month in first().through(first().plus(2)) {
        history.reviews.extend(synthetic::reviews(&org, &catalogue, month, seed, rates).reviews);
    }
    Fixture { catalogue, policy: Policy::default_2020().unwrap(), org, history }
}

fn first() -> Month {
    "2020-07".parse().unwrap()
}

fn evaluate(f: &Fixture) -> (Evaluator<'_>, Vec<MonthResult>, Ledger) {
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.org).unwrap();
    let mut ledger = Ledger::new();
    let months = evaluator.replay(&mut ledger, &f.history, first(), first().plus(2), None).unwrap();
    (evaluator, months, ledger)
}

/// Every JSON string in a value.
fn strings(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.insert(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

/// The units at and under `unit` on `day`, computed independently of the library's own walk.
fn under(org: &Organisation, unit: &str, month: Month) -> BTreeSet<String> {
    let day = month.last_day();
    let mut inside = BTreeSet::from([unit.to_owned()]);
    for _ in 0..org.units.len() {
        for u in &org.units {
            if u.parent_on(day).is_some_and(|p| inside.contains(p)) {
                inside.insert(u.id.clone());
            }
        }
    }
    inside
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn reports_add_up_merge_exactly_and_redact_safely(seed in 0u64..1000, rate in 0.02f64..0.4) {
        let f = fixture(seed, rate);
        let (evaluator, months, ledger) = evaluate(&f);
        let build = |slice: &[MonthResult], scope: Option<&str>| {
            Report::build(&evaluator, slice, &ledger, &f.history, scope).unwrap()
        };
        let root = f.org.units[0].id.clone();
        let quarter = build(&months, Some(&root));

        // Roll-up: the total is the sum of the rows and of the types of organisation.
        for &m in Measure::ALL {
            let rows: u64 = quarter.rows.values().map(|r| r.block.member_months.get(m)).sum();
            let types: u64 = quarter.by_org_type.values().map(|b| b.member_months.get(m)).sum();
            prop_assert_eq!(quarter.total.member_months.get(m), rows);
            prop_assert_eq!(quarter.total.member_months.get(m), types);
            // Distinct members: never more than member-months, never more than the rows' sum.
            let distinct_rows: u64 = quarter.rows.values().map(|r| r.block.distinct.get(m)).sum();
            prop_assert!(quarter.total.distinct.get(m) <= quarter.total.member_months.get(m));
            prop_assert!(quarter.total.distinct.get(m) <= distinct_rows);
        }
        let item_rows: u64 = quarter.rows.values().flat_map(|r| r.block.items.values()).sum();
        prop_assert_eq!(quarter.total.items.values().sum::<u64>(), item_rows);
        let opened: u64 = quarter.rows.values().map(|r| r.block.cases.opened).sum();
        prop_assert_eq!(quarter.total.cases.opened, opened);

        // A quarter merged from its months, in any order and grouping, equals the quarter at once.
        let [a, b, c] = [0, 1, 2].map(|i| build(&months[i..=i], Some(&root)));
        prop_assert_eq!(&a.merge(&b).unwrap().merge(&c).unwrap(), &quarter);
        prop_assert_eq!(&a.merge(&b.merge(&c).unwrap()).unwrap(), &quarter);
        prop_assert_eq!(&c.merge(&a).unwrap().merge(&b).unwrap(), &quarter);
        prop_assert_eq!(a.merge(&a).unwrap_err().code(), "report_overlap");

        // The parent is the merge of its units' reports lifted into it.
        let label = quarter.scope.clone().unwrap();
        let lifted: Vec<Report> = quarter
            .rows
            .keys()
            .map(|unit| build(&months, Some(unit)).lift(label.clone()).unwrap())
            .collect();
        prop_assert_eq!(&Report::merge_all(lifted.iter().rev()).unwrap().unwrap(), &quarter);

        // A sealed report keeps its numbers, drops its members, and refuses to merge.
        let sealed = quarter.seal();
        prop_assert_eq!(&sealed.total.distinct, &quarter.total.distinct);
        prop_assert_eq!(sealed.merge(&a).unwrap_err().code(), "report_sealed");
        let mut sealed_strings = BTreeSet::new();
        strings(&serde_json::to_value(&sealed).unwrap(), &mut sealed_strings);
        prop_assert!(f.org.members.iter().all(|m| !sealed_strings.contains(&m.id)));

        // Redaction: nothing names a member the viewer may not see.
        let index = f.org.index();
        let month = &months[2];
        let cell = quarter.rows.keys().next().unwrap().clone();
        let member = month.results[usize::try_from(seed).unwrap() % month.results.len()].member.clone();
        let viewers = [
            Viewer::Public,
            Viewer::Member { member: member.clone() },
            Viewer::Secretary { unit: cell.clone() },
            Viewer::InspectionCommission { committee: root.clone() },
        ];
        let cases: Vec<soisua::Case> = ledger.cases().into_iter().cloned().collect();
        for viewer in &viewers {
            // Who the viewer may see in a month: themselves, or the members counted under their unit.
            let allowed_in = |m: &MonthResult| -> BTreeSet<String> {
                match viewer {
                    Viewer::Public => BTreeSet::new(),
                    Viewer::Member { member } => BTreeSet::from([member.clone()]),
                    Viewer::Secretary { unit } | Viewer::InspectionCommission { committee: unit } => {
                        let units = under(&f.org, unit, m.month);
                        m.results.iter().filter(|r| units.contains(r.unit.as_deref().unwrap())).map(|r| r.member.clone()).collect()
                    }
                }
            };
            // Over the quarter (reports and cases span it), and in the last month.
            let allowed: BTreeSet<String> = months.iter().flat_map(allowed_in).collect();
            let outputs = [
                serde_json::to_value(redact(month, viewer, &index)).unwrap(),
                serde_json::to_value(redact(&cases, viewer, &index)).unwrap(),
                serde_json::to_value(redact(&quarter, viewer, &index)).unwrap(),
                serde_json::to_value(redact(&build(&months[2..], Some(&cell)), viewer, &index)).unwrap(),
            ];
            for output in &outputs {
                let mut seen = BTreeSet::new();
                strings(output, &mut seen);
                for m in &f.org.members {
                    prop_assert!(!seen.contains(&m.id) || allowed.contains(&m.id), "{:?} sees {}", viewer, m.id);
                }
            }
            let mine = redact(month, viewer, &index).unwrap();
            prop_assert_eq!(mine.results.len(), allowed_in(month).len());
        }
        // Only the inspection commission of the root sees the whole report.
        prop_assert!(redact(&quarter, &viewers[3], &index).is_some());
        prop_assert!(redact(&quarter, &viewers[2], &index).is_none());
        prop_assert!(redact(&quarter, &viewers[0], &index).is_none());
    }
}

#[test]
fn a_month_renders_in_every_format_with_vietnamese_headings() {
    let f = fixture(3, 0.2);
    let (evaluator, months, ledger) = evaluate(&f);
    let report = Report::build(&evaluator, &months[2..], &ledger, &f.history, Some(&f.org.units[0].id)).unwrap();
    let previous = Report::build(&evaluator, &months[1..2], &ledger, &f.history, Some(&f.org.units[0].id)).unwrap();
    let templates = Templates::default_2020().unwrap();
    assert!(templates.validate().is_empty());
    let options = soisua::report::RenderOptions {
        catalogue: Some(&f.catalogue),
        period: Some("2020-09".parse().unwrap()),
        comparisons: vec![(soisua::Text::new("Tháng trước", "Previous month"), compare(&report, &previous))],
        ..Default::default()
    };
    let document = render(&report, &templates, &options);
    let ids: Vec<&str> = document.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "members",
            "verdicts",
            "findings",
            "top_items",
            "cases",
            "outcomes",
            "supervision",
            "units",
            "org_types",
            "comparison"
        ]
    );
    let csv = to_csv(&document);
    assert!(csv.starts_with("section,section_vi,section_en,row,row_vi,row_en,column_vi,column_en,value\n"));
    let evaluated = report.total.member_months.evaluated;
    assert!(csv.contains(&format!("members,Đảng viên được đánh giá,Members evaluated,evaluated,Được đánh giá,Evaluated,Lượt đảng viên-tháng,Member-months,{evaluated}\n")), "{csv}");
    let md = to_markdown(&document);
    assert!(md.contains("### Kết quả đánh giá / Verdicts"), "{md}");
    let html = to_html(&document);
    assert!(html.starts_with("<section class=\"soisua-report\" lang=\"vi\">") && html.ends_with("</section>"));
    assert_eq!(html.matches("<table").count(), document.tables.len());
}

#[test]
fn templates_by_type_of_organisation_and_bad_templates() {
    let templates = Templates::default_2020().unwrap();
    let army = templates.sections_for(Some("army"));
    let supervision = army.iter().find(|s| s.id == "supervision").unwrap();
    assert!(supervision.rows.iter().all(|r| r.id != "fatherland_front"));
    let mut bad: Value = serde_json::from_str(&templates.to_json()).unwrap();
    bad["sections"][0]["rows"][0]["figures"][0] = Value::from("evaluated.monthly");
    bad["overrides"][0]["omit_rows"][0] = Value::from("supervision.nobody");
    let issues = Templates::from_value(bad).unwrap().validate();
    let codes: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    assert_eq!(
        codes,
        [
            ("template_unknown_figure", "sections[0].rows[0].figures[0]".to_owned()),
            ("template_unknown_part", "overrides[0].omit_rows[0]".to_owned()),
        ]
    );
}

#[test]
fn notice_board_and_radio_list_publish_verdicts_per_group_only() {
    let f = fixture(5, 0.3);
    let (evaluator, months, _) = evaluate(&f);
    let month = &months[0];
    let cell = month.results[0].unit.clone().unwrap();
    let board = notice_board(&evaluator, month, &cell).unwrap();
    let members = month.results.iter().filter(|r| r.unit.as_deref() == Some(cell.as_str())).count();
    assert_eq!(board.entries.len(), members);
    assert!(board.entries.iter().all(|e| e.items.is_none()));
    for (entry, result) in
        board.entries.iter().zip(month.results.iter().filter(|r| r.unit.as_deref() == Some(cell.as_str())))
    {
        assert_eq!(entry.verdict, result.verdict);
        let found = entry.groups.manifestation == GroupStatus::Found
            || entry.groups.exemplary == GroupStatus::Found
            || entry.groups.prohibition == GroupStatus::Found;
        assert_eq!(found, !result.found.is_empty());
    }
    let radio = radio_list(&evaluator, month, None).unwrap();
    assert!(!radio.entries.is_empty());
    assert!(radio.entries.iter().all(|e| e.role.is_some() && e.items.is_none()));
    assert_eq!(notice_board(&evaluator, month, "nowhere").unwrap_err().code(), "unknown_name");
}

#[test]
fn merging_reports_of_different_scopes_is_refused() {
    let f = fixture(9, 0.1);
    let (evaluator, months, ledger) = evaluate(&f);
    let root = f.org.units[0].id.clone();
    let cell = f.org.units.iter().find(|u| u.kind == UnitKind::Cell).unwrap().id.clone();
    let whole = Report::build(&evaluator, &months[..1], &ledger, &f.history, Some(&root)).unwrap();
    let part = Report::build(&evaluator, &months[1..2], &ledger, &f.history, Some(&cell)).unwrap();
    assert_eq!(whole.merge(&part).unwrap_err().code(), "report_scope_mismatch");
    let err = Report::build(&evaluator, &months, &ledger, &f.history, Some("nowhere")).unwrap_err();
    assert_eq!(err.code(), "unknown_name");
    let json = whole.to_json();
    assert_eq!(Report::from_json(&json).unwrap(), whole);
    assert_eq!(Report::from_json("{\"total\": 1}").unwrap_err().code(), "invalid_json");
}

#[test]
fn a_member_who_transfers_counts_once_in_the_quarter_and_in_both_rows() {
    let scenario = soisua::scenario::Scenario::from_json(
        r#"{"name": "transfer", "catalogue": "central-2020", "policy": "default",
        "organisation": {"id": "o", "name": {"vi": "Đảng bộ xã", "en": "Commune committee"},
          "units": [
            {"id": "DB", "name": "Đảng bộ xã", "kind": "committee", "org_type": "commune"},
            {"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "CB-2", "name": "Chi bộ trường", "kind": "cell", "org_type": "public_service", "parent": "DB"}],
          "members": [
            {"id": "DV1", "status": "full", "memberships": [
              {"unit": "CB-1", "from": "2010-01-01", "until": "2020-07-31"},
              {"unit": "CB-2", "from": "2020-08-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]},
        "months": {"from": "2020-07", "to": "2020-09"},
        "reviews": [
          {"member": "DV1", "unit": "CB-1", "month": "2020-07", "cell": {"TTCT-3": "present"}, "rest": "clean"},
          {"member": "DV1", "unit": "CB-2", "month": "2020-08", "rest": "clean"},
          {"member": "DV1", "unit": "CB-2", "month": "2020-09", "rest": "clean"},
          {"member": "DV2", "unit": "CB-1", "month": "2020-07", "rest": "clean"},
          {"member": "DV2", "unit": "CB-1", "month": "2020-08", "rest": "clean"},
          {"member": "DV2", "unit": "CB-1", "month": "2020-09", "rest": "clean"}]}"#,
    )
    .unwrap();
    let report = scenario.with_evaluation(|e| e.report(Some("2020-Q3".parse().unwrap()), Some("DB"))).unwrap();
    assert_eq!(report.total.member_months.evaluated, 6);
    assert_eq!(report.total.distinct.evaluated, 2);
    assert_eq!(report.rows["CB-1"].block.distinct.evaluated, 2);
    assert_eq!(report.rows["CB-2"].block.distinct.evaluated, 1);
    assert_eq!(report.by_org_type["public_service"].member_months.evaluated, 2);
    // DV1's case opened in CB-1 in July and was remedied in CB-2 in August.
    assert_eq!(report.rows["CB-1"].block.cases.opened, 1);
    assert_eq!(report.rows["CB-2"].block.cases.remedied, 1);
    assert_eq!(report.total.cases.open_at_end, 0);
    assert_eq!(report.total.distinct.help, 1);
    assert_eq!(report.total.distinct.commend, 2);
}

#[test]
fn a_review_at_an_unknown_unit_still_counts_under_the_membership() {
    let scenario = soisua::scenario::Scenario::from_json(
        r#"{"name": "unknown unit", "catalogue": "central-2020", "policy": "default",
        "organisation": {"id": "o", "name": {"vi": "Chi bộ", "en": "Cell"},
          "units": [{"id": "CB", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}],
          "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]},
        "reviews": [{"member": "DV1", "unit": "CB-typo", "month": "2020-07", "rest": "clean"}]}"#,
    )
    .unwrap();
    let report = scenario.with_evaluation(|e| e.report(None, None)).unwrap();
    assert_eq!(report.total.member_months.evaluated, 1);
    assert_eq!(report.coverage.units.keys().collect::<Vec<_>>(), ["CB"]);
}
