//! Divan benchmarks at district scale: a month through the evaluator and through the register,
//! the month's report, province reports merged from their districts, and one form's review.
//!
//! ```text
//! cargo bench -p soisua --bench month
//! cargo test -p soisua --bench month      # each benchmark once (CI's smoke run)
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup: a failure is a broken benchmark")]

use std::sync::LazyLock;

use divan::Bencher;
use soisua::evaluation::{History, Ledger};
use soisua::register::{self, CaseTable, RosterData, Rules, Sheet};
use soisua::report::Report;
use soisua::synthetic::{self, Rates, Scale};
use soisua::{Catalogue, Evaluator, Month, MonthlyReview, Organisation, Policy, ReviewBatch};

fn main() {
    divan::main();
}

struct Fixture {
    catalogue: Catalogue,
    policy: Policy,
    district: Organisation,
    province: Organisation,
    month: Month,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let central = Catalogue::central_2020().unwrap();
    Fixture {
        catalogue: synthetic::local_catalogue(&central),
        policy: Policy::default_2020().unwrap(),
        district: synthetic::organisation(Scale::District, 2020),
        province: synthetic::organisation(Scale::Province, 2020),
        month: "2020-09".parse().unwrap(),
    }
});

fn batch(org: &Organisation) -> ReviewBatch {
    let f = &*FIXTURE;
    synthetic::reviews(org, &f.catalogue, f.month, 2020, Rates::default())
}

/// A district month through the evaluator: reviews (owned values, as parsed from JSON) to results.
#[divan::bench(sample_count = 20)]
fn district_month_evaluator(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.district).unwrap();
    let history = History { reviews: batch(&f.district).reviews, ..History::default() };
    bencher.bench(|| evaluator.replay(&mut Ledger::new(), &history, f.month, f.month, None).unwrap());
}

/// The same district month through the register (dense columns), one thread.
#[divan::bench(sample_count = 50)]
fn district_month_register(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.district).unwrap();
    let rules = Rules::new(&evaluator);
    let roster = RosterData::new(&f.district, f.month);
    let columns = roster.dense(&rules, &batch(&f.district).reviews).unwrap();
    let sheet = Sheet::Dense(columns.iter().map(Vec::as_slice).collect());
    let cases = CaseTable::new();
    bencher.bench(|| register::evaluate(&rules, &roster.roster(), f.month, &sheet, &cases, 1).unwrap());
}

/// The district month's report from its results.
#[divan::bench(sample_count = 20)]
fn district_report(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.district).unwrap();
    let history = History { reviews: batch(&f.district).reviews, ..History::default() };
    let mut ledger = Ledger::new();
    let months = evaluator.replay(&mut ledger, &history, f.month, f.month, None).unwrap();
    bencher.bench(|| Report::build(&evaluator, &months, &ledger, &history, None).unwrap());
}

/// A province's report merged from its eleven districts' reports.
#[divan::bench(sample_count = 20)]
fn province_report_merged_from_districts(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.province).unwrap();
    let history = History { reviews: batch(&f.province).reviews, ..History::default() };
    let mut ledger = Ledger::new();
    let months = evaluator.replay(&mut ledger, &history, f.month, f.month, None).unwrap();
    let districts: Vec<Report> = (1..=11)
        .map(|h| Report::build(&evaluator, &months, &ledger, &history, Some(&format!("H{h:02}-HU"))).unwrap())
        .collect();
    bencher.bench(|| Report::merge_all(&districts).unwrap());
}

fn form() -> (Evaluator<'static>, MonthlyReview) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.district).unwrap();
    let review = batch(&f.district).reviews.into_iter().next().unwrap();
    (evaluator, review)
}

/// One member's full form (127 items) evaluated on its own, with its fingerprint.
#[divan::bench]
fn form_evaluate_review(bencher: Bencher<'_, '_>) {
    let (evaluator, review) = form();
    bencher.bench(|| evaluator.evaluate_review(&review).unwrap());
}

/// One member's full form previewed: evaluation, outlook, findings placed on fields.
#[divan::bench]
fn form_preview(bencher: Bencher<'_, '_>) {
    let (evaluator, review) = form();
    bencher.bench(|| evaluator.preview(&review).unwrap());
}
