//! Divan benchmarks at district scale: a month through the evaluator and through the register,
//! the month's report, a quarter merged from its months' reports, and one form's review.
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
    month: Month,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let central = Catalogue::central_2020().unwrap();
    Fixture {
        catalogue: synthetic::local_catalogue(&central),
        policy: Policy::default_2020().unwrap(),
        district: synthetic::organisation(Scale::District, 2020),
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

/// A quarter's report merged from its three months' reports.
#[divan::bench(sample_count = 20)]
fn district_quarter_merged_from_months(bencher: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let evaluator = Evaluator::new(&f.catalogue, &f.policy, &f.district).unwrap();
    let first = f.month.plus(-2);
    let reviews = first
        .through(f.month)
        .flat_map(|m| synthetic::reviews(&f.district, &f.catalogue, m, 2020, Rates::default()).reviews)
        .collect();
    let history = History { reviews, ..History::default() };
    let mut ledger = Ledger::new();
    let months = evaluator.replay(&mut ledger, &history, first, f.month, None).unwrap();
    let reports: Vec<Report> =
        months.chunks(1).map(|one| Report::build(&evaluator, one, &ledger, &history, None).unwrap()).collect();
    bencher.bench(|| Report::merge_all(&reports).unwrap());
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
