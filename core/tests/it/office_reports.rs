//! The committee office's sections in rendered reports: each area's roll-up read through the
//! default templates (figures, breakdowns by code, rows per unit, the table's own period), the
//! exports, bad templates and bad roll-ups, and the invariant that a rendered office section of
//! merged roll-ups is the sum of the sections of its parts.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};

use soisua::report::{Cell, Document, OfficeFigures, RenderOptions, Source, Table, Templates, render_office};
use soisua::synthetic::{self, Scale};
use soisua::{Month, Organisation, Period, UnitKind};

fn month() -> Month {
    "2020-09".parse().unwrap()
}

/// A grassroots committee of the synthetic district (the `n`th), with its cells.
fn grassroots(seed: u64, n: usize) -> Organisation {
    let district = synthetic::organisation(Scale::District, seed);
    let top = district.units[0].id.clone();
    let unit = district
        .units
        .iter()
        .filter(|u| u.parent.as_deref() == Some(top.as_str()) && u.kind == UnitKind::Committee)
        .nth(n)
        .unwrap()
        .id
        .clone();
    district.subtree(&unit).unwrap()
}

fn meetings(org: &Organisation, seed: u64) -> OfficeFigures {
    let scheme = soisua::meeting::MeetingScheme::default_2018().unwrap();
    let rater = soisua::meeting::MeetingRater::new(&scheme, org).unwrap();
    let records = synthetic::meeting::generate(org, month().into(), seed);
    OfficeFigures::of(Source::Meeting, &rater.report(&records, month().into(), None).unwrap().report)
}

fn petitions(org: &Organisation, seed: u64) -> soisua::report::Rollup<soisua::petition::PetitionTally> {
    let policy = soisua::petition::PetitionPolicy::default_2020().unwrap();
    let records = synthetic::petition::generate(org, month().into(), seed);
    soisua::petition::report(org, &records, &policy, month().into(), None).unwrap()
}

/// Every office area of `org` for September 2020 (ratings for Q3, emulation for 2020).
fn office(org: &Organisation, seed: u64) -> Vec<OfficeFigures> {
    let dialogues = synthetic::dialogue::generate(org, month().into(), seed);
    let households = synthetic::household::generate(org, month(), seed);
    let explanations = synthetic::accountability::generate(org, month(), seed);
    let emulation = synthetic::emulation::generate(org, month().year(), seed);
    let quarter = Period::Quarter(month().quarter());
    let scheme = soisua::rating::RatingScheme::embedded_on(quarter.last_month().last_day()).unwrap();
    let (ratings, _) =
        soisua::rating::rate_all(&scheme, &synthetic::rating::inputs(org, quarter, seed), &BTreeMap::new());
    let (ratings, _) = soisua::rating::report(org, &ratings, None).unwrap();
    vec![
        meetings(org, seed),
        OfficeFigures::of(Source::Petition, &petitions(org, seed)),
        OfficeFigures::of(Source::Dialogue, &soisua::dialogue::report(org, &dialogues, month().into(), None).unwrap()),
        OfficeFigures::of(
            Source::Household,
            &soisua::household::report(
                org,
                &households,
                month().into(),
                None,
                &soisua::household::HouseholdPolicy::default_2020().unwrap(),
            )
            .unwrap(),
        ),
        OfficeFigures::of(
            Source::Accountability,
            &soisua::accountability::report(
                org,
                &explanations,
                month().into(),
                None,
                &soisua::accountability::AccountabilityPolicy::default_2020().unwrap(),
            )
            .unwrap(),
        ),
        OfficeFigures::of(
            Source::Emulation,
            &soisua::emulation::report(
                org,
                &soisua::emulation::Scheme::default_2020().unwrap(),
                &emulation,
                Period::Year(month().year()),
                None,
            )
            .unwrap(),
        ),
        OfficeFigures::of(Source::Rating, &ratings),
    ]
}

fn document(office: Vec<OfficeFigures>) -> Document {
    let options = RenderOptions { office, ..Default::default() };
    render_office(&Templates::default_2020().unwrap(), &options)
}

fn table<'d>(document: &'d Document, id: &str) -> &'d Table {
    document.tables.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no table {id}"))
}

fn cell(table: &Table, row: &str) -> u64 {
    match table.rows.iter().find(|r| r.key == row).unwrap_or_else(|| panic!("no row {row}")).cells[0] {
        Cell::Count(n) => n,
        other => panic!("{row}: {other:?}"),
    }
}

#[test]
fn every_office_area_renders_through_the_default_templates() {
    let org = grassroots(7, 0);
    let figures = office(&org, 7);
    let doc = document(figures.clone());
    let ids: Vec<&str> = doc.tables.iter().map(|t| t.id.as_str()).collect();
    // Each area given, in the templates' order: no evaluation report, so none of its sections;
    // no targets' roll-up, so no targets.
    assert_eq!(
        ids,
        [
            "meetings",
            "meeting_units",
            "petitions",
            "petition_topics",
            "petition_units",
            "dialogues",
            "households",
            "household_units",
            "accountability",
            "accountability_topics",
            "emulation",
            "emulation_titles",
            "ratings"
        ]
    );
    let meetings = &figures[0];
    let t = table(&doc, "meetings");
    assert_eq!(t.source, Source::Meeting);
    assert_eq!(t.period.as_deref(), Some("2020-09"));
    assert_eq!(cell(t, "held"), meetings.total("held").unwrap());
    assert_eq!(cell(t, "held") + cell(t, "not_held"), cell(t, "cell_months"));
    let rated: u64 = ["good", "fair", "average", "poor"].iter().map(|r| cell(t, r)).sum();
    assert_eq!(rated + cell(t, "unrated"), cell(t, "held"), "each held cell-month is rated or not");
    // One row per cell directly under the committee, adding up to the total.
    let units = table(&doc, "meeting_units");
    let held: u64 = units.rows.iter().map(|r| if let Cell::Count(n) = r.cells[1] { n } else { 0 }).sum();
    assert_eq!(held, cell(t, "held"));
    // A breakdown by code: the topics add up to what was received, with the policy's labels.
    let petitions = table(&doc, "petitions");
    let topics = table(&doc, "petition_topics");
    let by_topic: u64 = topics.rows.iter().map(|r| if let Cell::Count(n) = r.cells[0] { n } else { 0 }).sum();
    assert_eq!(by_topic, cell(petitions, "received"));
    if let Some(land) = topics.rows.iter().find(|r| r.key == "land") {
        assert_eq!(land.label.vi, "Đất đai");
    }
    // Sets count their members; the quarter's ratings and the year's emulation keep their period.
    assert_eq!(cell(table(&doc, "households"), "members_assigned"), figures[3].total("members_assigned").unwrap());
    assert_eq!(table(&doc, "ratings").period.as_deref(), Some("2020-Q3"));
    assert_eq!(table(&doc, "emulation").period.as_deref(), Some("2020"));
    let levels: u64 = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"].iter().map(|r| cell(table(&doc, "ratings"), r)).sum();
    assert_eq!(levels, cell(table(&doc, "ratings"), "rated"));

    // Every export carries the sections, headed with their period where it is not the document's.
    let md = soisua::report::to_markdown(&doc);
    assert!(md.contains("### Xếp loại chất lượng đảng viên / Member quality rating (2020-Q3)"), "{md}");
    let csv = soisua::report::to_csv(&doc);
    let line = format!(
        "meetings,Sinh hoạt chi bộ (2020-09),Cell meetings (2020-09),held,Có sinh hoạt thường kỳ,With a regular meeting,Số lượng,Count,{}\n",
        cell(t, "held")
    );
    assert!(csv.contains(&line), "{csv}");
    let html = soisua::report::to_html(&doc);
    assert!(html.contains("<table data-section=\"petition_topics\">"));
    // The document's JSON names each office table's source and period, and reads back.
    let json = serde_json::to_value(&doc).unwrap();
    let ratings = json["tables"].as_array().unwrap().iter().find(|t| t["id"] == "ratings").unwrap();
    assert_eq!((ratings["source"].as_str(), ratings["period"].as_str()), (Some("rating"), Some("2020-Q3")));
    assert_eq!(serde_json::from_value::<Document>(json).unwrap(), doc);
}

#[test]
fn the_terms_targets_render_from_the_articles_fixture() {
    let org = synthetic::organisation(Scale::District, 1);
    let sheet = soisua::target::TargetSheet::giong_rieng_2015_2020().unwrap();
    let rollup = soisua::target::report(&org, &[sheet], None).unwrap();
    let doc = document(vec![OfficeFigures::of(Source::Target, &rollup)]);
    let t = table(&doc, "targets");
    assert_eq!(t.period.as_deref(), Some("2015-2020"));
    assert_eq!([cell(t, "targets"), cell(t, "achieved"), cell(t, "exceeded")], [34, 31, 22]);
    assert_eq!(cell(t, "not_achieved"), 3);
}

#[test]
fn office_templates_are_checked_against_each_areas_figures() {
    let templates = Templates::default_2020().unwrap();
    assert!(templates.validate().is_empty(), "{:?}", templates.validate());
    let mut bad: Value = serde_json::from_str(&templates.to_json()).unwrap();
    let sections = bad["sections"].as_array_mut().unwrap();
    let at = |id: &str| sections.iter().position(|s| s["id"] == id).unwrap();
    let (meetings, topics, units) = (at("meetings"), at("petition_topics"), at("top_items"));
    sections[meetings]["rows"][1]["figures"][0] = json!("helds");
    sections[meetings]["rows"][3]["figures"][0] = json!("held.good");
    sections[topics]["breakdown"] = json!("received");
    sections[units]["source"] = json!("petition");
    sections.push(json!({
        "id": "evaluation_keys", "title": {"vi": "x", "en": "x"}, "kind": "keys",
        "columns": [{"id": "count", "label": {"vi": "x", "en": "x"}}], "breakdown": "items"
    }));
    let issues = Templates::from_value(bad).unwrap().validate();
    let found: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
    let last = templates.sections.len();
    assert_eq!(
        found,
        [
            ("template_kind_source", format!("sections[{units}].kind")),
            ("template_unknown_figure", format!("sections[{meetings}].rows[1].figures[0]")),
            ("template_unknown_figure", format!("sections[{meetings}].rows[3].figures[0]")),
            ("template_breakdown", format!("sections[{topics}].breakdown")),
            ("template_kind_source", format!("sections[{last}].kind")),
        ]
    );
    assert!(
        issues[0].message_en.contains("`top_items` cannot read from the source `petition`"),
        "{}",
        issues[0].message_en
    );
}

#[test]
fn bad_rollups_are_refused_with_their_place() {
    let org = grassroots(3, 0);
    let rollup = serde_json::to_value(petitions(&org, 3)).unwrap();
    // A petitions roll-up given as meetings: the first meeting field it lacks is named.
    let err = OfficeFigures::from_rollups(json!({ "meeting": rollup.clone() })).unwrap_err();
    assert_eq!(err.code(), "invalid_json");
    assert!(err.message_en().contains("rollups.meeting"), "{}", err.message_en());
    let err = OfficeFigures::from_rollups(json!({ "meetings": rollup.clone() })).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert!(err.message_en().contains("`meetings`"), "{}", err.message_en());
    assert_eq!(OfficeFigures::from_rollups(json!([rollup.clone()])).unwrap_err().code(), "invalid_argument");
    assert_eq!(OfficeFigures::from_value(Source::Evaluation, rollup.clone()).unwrap_err().code(), "invalid_argument");
    let read = OfficeFigures::from_rollups(json!({ "petition": rollup })).unwrap();
    assert_eq!(read, vec![OfficeFigures::of(Source::Petition, &petitions(&org, 3))]);
}

fn counts(table: &Table) -> Vec<(String, u64)> {
    table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().enumerate().map(move |(i, c)| (format!("{}#{i}", r.key), c)))
        .filter_map(|(k, c)| if let Cell::Count(n) = c { Some((k, *n)) } else { None })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Rendering is additive: each count of an office section of two merged roll-ups (disjoint
    /// units) is the sum of the counts of each one's section; rows per unit are the union.
    #[test]
    fn office_sections_of_merged_rollups_add_up(seed in 0u64..500) {
        let (a, b) = (grassroots(seed, 0), grassroots(seed, 1));
        let (pa, pb) = (petitions(&a, seed), petitions(&b, seed));
        let merged = pa.merge(&pb).unwrap();
        let render_one = |r: &soisua::report::Rollup<soisua::petition::PetitionTally>| {
            document(vec![OfficeFigures::of(Source::Petition, r)])
        };
        let (da, db, dm) = (render_one(&pa), render_one(&pb), render_one(&merged));
        for id in ["petitions", "petition_topics"] {
            let mut sum: BTreeMap<String, u64> = BTreeMap::new();
            for (k, n) in counts(table(&da, id)).into_iter().chain(counts(table(&db, id))) {
                *sum.entry(k).or_default() += n;
            }
            let got: BTreeMap<String, u64> = counts(table(&dm, id)).into_iter().collect();
            prop_assert_eq!(&got, &sum);
        }
        let rows = |d: &Document| table(d, "petition_units").rows.len();
        prop_assert_eq!(rows(&dm), rows(&da) + rows(&db));
    }
}
