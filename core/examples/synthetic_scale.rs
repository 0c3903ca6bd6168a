//! Times the synthetic generators and the validators at a scale.
//!
//! ```text
//! cargo run --release -p soisua --example synthetic_scale -- nation
//! ```
//!
//! Prints the time to build the organisation, to validate it, and (below nation scale, where a
//! month of dense reviews would not fit in memory) to build and validate a month of reviews, with
//! the peak memory when the system reports it.

use std::time::Instant;

use soisua::Catalogue;
use soisua::synthetic::{Rates, Scale, organisation, reviews};

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_owned))
        .unwrap_or_else(|| "peak memory unknown".to_owned())
}

fn main() -> Result<(), soisua::Error> {
    let scale: Scale = std::env::args().nth(1).unwrap_or_else(|| "district".to_owned()).parse()?;
    let start = Instant::now();
    let org = organisation(scale, 1);
    println!(
        "organisation({}, 1): {} units, {} members in {:.2?}",
        scale.as_str(),
        org.units.len(),
        org.members.len(),
        start.elapsed()
    );
    let start = Instant::now();
    let issues = org.validate();
    println!("validate: {} findings in {:.2?}", issues.len(), start.elapsed());
    if scale != Scale::Nation {
        let catalogue = Catalogue::central_2020()?;
        let month = "2020-09".parse()?;
        let start = Instant::now();
        let batch = reviews(&org, &catalogue, month, 1, Rates::default());
        let answers: usize = batch.reviews.iter().map(|r| r.answers.len()).sum();
        println!("reviews: {} reviews, {answers} answers in {:.2?}", batch.reviews.len(), start.elapsed());
        let start = Instant::now();
        let issues = batch.validate(&catalogue, &org);
        println!("validate reviews: {} findings in {:.2?}", issues.len(), start.elapsed());
    }
    println!("{}", peak_memory());
    Ok(())
}
