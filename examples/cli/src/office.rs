//! `soisua demo`, the committee office's other records: the article's term targets, the quarter's
//! quality ratings fed by the evaluated months, and the month's cell meetings (synthetic data).

use std::collections::BTreeMap;

use soisua::meeting::{CellMonthStatus, MeetingRater, MeetingScheme};
use soisua::rating::{Evidence, RatingScheme};
use soisua::synthetic;
use soisua::target::{Status, TargetSheet};
use soisua::{Month, Organisation, Period};

use crate::Failure;

/// Prints every section; `evidence` is what the evaluated months found about each member in the
/// quarter of `month`.
pub fn print(
    org: &Organisation,
    month: Month,
    seed: u64,
    evidence: &BTreeMap<String, Evidence>,
) -> Result<(), Failure> {
    println!("\nCông tác khác của văn phòng cấp ủy / The committee office's other records");
    print_targets()?;
    print_ratings(org, month, seed, evidence)?;
    print_meetings(org, month, seed)?;
    Ok(())
}

fn print_targets() -> Result<(), Failure> {
    let sheet = TargetSheet::giong_rieng_2015_2020()?;
    let assessment = sheet.assess();
    let t = &assessment.tally;
    println!("\n  Chỉ tiêu nhiệm kỳ / Term targets {} — {}", assessment.term, sheet.title.vi);
    println!(
        "    {} chỉ tiêu / targets: đạt / achieved {}, trong đó vượt / of which exceeded {}, không đạt / not achieved {}",
        t.targets, t.achieved, t.exceeded, t.not_achieved
    );
    for target in assessment.targets.iter().filter(|a| !a.code.starts_with("mau-")) {
        let status = match target.status {
            Status::Exceeded => "vượt / exceeded",
            Status::Achieved => "đạt / achieved",
            Status::NotAchieved => "không đạt / not achieved",
            Status::NotReported => "chưa có số liệu / not reported",
        };
        println!("    {} — {status}: {}", target.label.vi, target.why.vi);
    }
    println!("    (29 chỉ tiêu còn lại là dữ liệu mẫu / the other 29 targets are a labelled fixture)");
    Ok(())
}

fn print_ratings(
    org: &Organisation,
    month: Month,
    seed: u64,
    evidence: &BTreeMap<String, Evidence>,
) -> Result<(), Failure> {
    let quarter = Period::Quarter(month.quarter());
    let scheme = RatingScheme::embedded_on(quarter.last_month().last_day())?;
    let inputs = synthetic::rating::inputs(org, quarter, seed);
    let (ratings, issues) = soisua::rating::rate_all(&scheme, &inputs, evidence);
    let (report, _) = soisua::rating::report(org, &ratings, None)?;
    println!("\n  Xếp loại chất lượng / Quality rating {quarter} — {} ({})", scheme.title.vi, scheme.id);
    let levels: Vec<String> = scheme
        .levels
        .iter()
        .map(|l| format!("{} {}", l.code, report.total.levels.get(&l.code).copied().unwrap_or(0)))
        .collect();
    println!(
        "    {} đảng viên / members: {}; hạ mức do kết quả hằng tháng / capped by the monthly findings {}; {} phát hiện / findings",
        report.total.rated,
        levels.join(", "),
        report.total.capped,
        issues.len()
    );
    if let Some(capped) = ratings.iter().find(|r| r.steps.iter().any(|s| s.kind == "cap")) {
        let why: Vec<&str> = capped.steps.iter().map(|s| s.why.vi.as_str()).collect();
        println!("    ví dụ / e.g. {}: {}", capped.member, why.join("; "));
    }
    Ok(())
}

fn print_meetings(org: &Organisation, month: Month, seed: u64) -> Result<(), Failure> {
    let scheme = MeetingScheme::default_2018()?;
    let rater = MeetingRater::new(&scheme, org)?;
    let meetings = synthetic::meeting::generate(org, month.into(), seed);
    let ratings = rater.month(&meetings, month);
    let mut levels: BTreeMap<String, usize> = BTreeMap::new();
    let mut not_held = 0;
    for cell in &ratings.cells {
        match (&cell.status, &cell.rating) {
            (CellMonthStatus::Rated, Some(rating)) => *levels.entry(rating.level.clone()).or_default() += 1,
            (CellMonthStatus::NotHeld, _) => not_held += 1,
            _ => {}
        }
    }
    let levels: Vec<String> = scheme
        .levels_from_top()
        .iter()
        .map(|l| format!("{} {}", l.title.vi, levels.get(&l.code).copied().unwrap_or(0)))
        .collect();
    println!("\n  Sinh hoạt chi bộ / Cell meetings {month} — {}", ratings.scheme);
    println!(
        "    {} chi bộ / cells: {}; không sinh hoạt / no meeting {not_held}; {} biên bản / records",
        ratings.cells.len(),
        levels.join(", "),
        meetings.len()
    );
    Ok(())
}
