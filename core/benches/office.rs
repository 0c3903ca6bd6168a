//! Divan benchmarks of the committee office's other records at district scale (the synthetic
//! district: 341 units, about 6,300 members, 54,000 households): each area's month or year as
//! its status and report functions compute it, and the office's sections rendered.
//!
//! ```text
//! cargo bench -p soisua --bench office
//! cargo test -p soisua --bench office     # each benchmark once (CI's smoke run)
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup: a failure is a broken benchmark")]

use std::collections::BTreeMap;
use std::sync::LazyLock;

use divan::Bencher;
use soisua::meeting::{MeetingRater, MeetingScheme};
use soisua::report::{OfficeFigures, RenderOptions, Source, Templates, render_office, to_markdown};
use soisua::synthetic::{self, Scale};
use soisua::{Month, Organisation, Period};

fn main() {
    divan::main();
}

struct Fixture {
    district: Organisation,
    month: Month,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| Fixture {
    district: synthetic::organisation(Scale::District, 2020),
    month: "2020-09".parse().unwrap(),
});

fn year() -> Period {
    Period::Year(2020)
}

/// Every cell's meeting rating for a month (about 320 cells and their records).
#[divan::bench(sample_count = 20)]
fn district_meeting_month(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &f.district).unwrap();
    let meetings = synthetic::meeting::generate(&f.district, Period::Quarter(f.month.quarter()), 2020);
    bencher.bench(|| rater.month(&meetings, f.month));
}

/// The district's cell meetings rolled up over a year.
#[divan::bench(sample_count = 10)]
fn district_meeting_year_report(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let scheme = MeetingScheme::default_2018().unwrap();
    let rater = MeetingRater::new(&scheme, &f.district).unwrap();
    let meetings = synthetic::meeting::generate(&f.district, year(), 2020);
    bencher.bench(|| rater.report(&meetings, year(), None).unwrap());
}

/// A year's petitions (about 4,500): each one's status on the last day of the year.
#[divan::bench(sample_count = 20)]
fn district_petition_status_year_end(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let policy = soisua::petition::PetitionPolicy::default_2020().unwrap();
    let petitions = synthetic::petition::generate(&f.district, year(), 2020);
    let on = year().last_month().last_day();
    bencher.bench(|| soisua::petition::statuses_on(&petitions, &policy, on));
}

/// A year's petitions: the report to the standing committee over the year.
#[divan::bench(sample_count = 10)]
fn district_petition_year_report(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let policy = soisua::petition::PetitionPolicy::default_2020().unwrap();
    let petitions = synthetic::petition::generate(&f.district, year(), 2020);
    bencher.bench(|| soisua::petition::report(&f.district, &petitions, &policy, year(), None).unwrap());
}

/// A month's household follow-up: coverage and gaps over every household.
#[divan::bench(sample_count = 10)]
fn district_household_coverage(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let policy = soisua::household::HouseholdPolicy::default_2020().unwrap();
    let records = synthetic::household::generate(&f.district, f.month, 2020);
    bencher.bench(|| soisua::household::coverage(&f.district, &records, f.month, &policy).unwrap());
}

/// A month's dialogues and household visits rolled up.
#[divan::bench(sample_count = 20)]
fn district_dialogue_month_report(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let dialogues = synthetic::dialogue::generate(&f.district, f.month.into(), 2020);
    bencher.bench(|| soisua::dialogue::report(&f.district, &dialogues, f.month.into(), None).unwrap());
}

/// A month's accountability: the topics due, explained and missing per unit.
#[divan::bench(sample_count = 20)]
fn district_accountability_status(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let policy = soisua::accountability::AccountabilityPolicy::default_2020().unwrap();
    let explanations = synthetic::accountability::generate(&f.district, f.month, 2020);
    bencher.bench(|| soisua::accountability::status(&f.district, &explanations, f.month, &policy).unwrap());
}

/// A year's emulation: score sheets scored and nominations, rolled up.
#[divan::bench(sample_count = 20)]
fn district_emulation_year_report(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let scheme = soisua::emulation::Scheme::default_2020().unwrap();
    let records = synthetic::emulation::generate(&f.district, 2020, 2020);
    bencher.bench(|| soisua::emulation::report(&f.district, &scheme, &records, year(), None).unwrap());
}

/// Every member's quality rating for a quarter, and the roll-up.
#[divan::bench(sample_count = 10)]
fn district_rating_quarter(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let quarter = Period::Quarter(f.month.quarter());
    let scheme = soisua::rating::RatingScheme::embedded_on(quarter.last_month().last_day()).unwrap();
    let inputs = synthetic::rating::inputs(&f.district, quarter, 2020);
    let evidence = BTreeMap::new();
    bencher.bench(|| {
        let (ratings, _) = soisua::rating::rate_all(&scheme, &inputs, &evidence);
        soisua::rating::report(&f.district, &ratings, None).unwrap()
    });
}

/// The office's sections of a month's report rendered to Markdown from every area's roll-up.
#[divan::bench(sample_count = 20)]
fn district_render_office_sections(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let month: Period = f.month.into();
    let scheme = MeetingScheme::default_2018().unwrap();
    let meetings = synthetic::meeting::generate(&f.district, month, 2020);
    let meeting = MeetingRater::new(&scheme, &f.district).unwrap().report(&meetings, month, None).unwrap();
    let policy = soisua::petition::PetitionPolicy::default_2020().unwrap();
    let petitions = synthetic::petition::generate(&f.district, month, 2020);
    let petition = soisua::petition::report(&f.district, &petitions, &policy, month, None).unwrap();
    let households = synthetic::household::generate(&f.district, f.month, 2020);
    let household_policy = soisua::household::HouseholdPolicy::default_2020().unwrap();
    let household = soisua::household::report(&f.district, &households, month, None, &household_policy).unwrap();
    let templates = Templates::default_2020().unwrap();
    let office = vec![
        OfficeFigures::of(Source::Meeting, &meeting.report),
        OfficeFigures::of(Source::Petition, &petition),
        OfficeFigures::of(Source::Household, &household),
    ];
    let options = RenderOptions { office, ..Default::default() };
    bencher.bench(|| to_markdown(&render_office(&templates, &options)));
}
