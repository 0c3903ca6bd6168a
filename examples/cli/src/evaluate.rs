//! `soisua evaluate <scenario.json>`: runs a scenario and prints its report as JSON.
//!
//! Exit codes: 0 the scenario ran and its expectations (if any) held; 1 an expectation failed;
//! 2 the scenario could not be run (unreadable file, invalid JSON, a policy with errors).

use std::path::PathBuf;
use std::process::ExitCode;

use soisua::scenario::Scenario;

use crate::{Failure, read_text};

/// Arguments of `soisua evaluate`.
#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (JSON).
    scenario: PathBuf,
    /// Print only the summary (verdict counts per month, expectation failures), not the report.
    #[arg(long)]
    summary: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let text = read_text(&args.scenario)?;
    let report = Scenario::from_json(&text)?.run()?;
    if args.summary {
        println!("{} — {} / {}", report.name, report.catalogue, report.policy);
        for month in &report.months {
            let c = month.counts;
            println!(
                "  {}: biểu dương/commend {}, giúp đỡ/help {}, kiểm tra/inspect {}, chưa đánh giá/not evaluated {}",
                month.month, c.commend, c.help, c.inspect, c.not_evaluated
            );
        }
        println!("  {} finding(s), {} case(s)", report.issues.len(), report.cases.len());
    } else {
        let json = serde_json::to_string_pretty(&report).map_err(|e| Failure::usage(&e.to_string(), &e.to_string()))?;
        println!("{json}");
    }
    match &report.expect {
        Some(expect) if !expect.passed => {
            for failure in &expect.failures {
                eprintln!("kỳ vọng không đạt / expectation failed: {failure}");
            }
            Ok(ExitCode::from(1))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
