//! `soisua demo`, the committee office's other records: the article's term targets, the quarter's
//! quality ratings fed by the evaluated months, the month's cell meetings, petitions, dialogues and
//! household visits, household follow-up, accountability and emulation (synthetic data).

use std::collections::BTreeMap;

use soisua::meeting::{CellMonthStatus, MeetingRater, MeetingScheme};
use soisua::rating::{Evidence, RatingScheme};
use soisua::report::{OfficeFigures, Source};
use soisua::synthetic;
use soisua::target::{Status, TargetSheet};
use soisua::{Month, Organisation, Period};

use crate::Failure;

/// An office area's roll-up: what the rendered report reads, and what `--out` writes
/// (`rollup-<area>.json`, which `soisua report --rollup <area>=<file>` reads back).
pub struct Area {
    /// The area.
    pub source: Source,
    /// Its roll-up, as JSON.
    pub rollup: serde_json::Value,
}

impl Area {
    fn of<T: serde::Serialize>(source: Source, rollup: &T) -> Result<Area, Failure> {
        let rollup = serde_json::to_value(rollup).map_err(|e| Failure::usage(&e.to_string(), &e.to_string()))?;
        Ok(Area { source, rollup })
    }

    /// The figures a rendered report reads (the roll-up read back as any caller's would be).
    pub fn figures(&self) -> Result<OfficeFigures, Failure> {
        Ok(OfficeFigures::from_value(self.source, self.rollup.clone())?)
    }
}

/// Prints every section and returns each area's roll-up of `scope` for the rendered report;
/// `evidence` is what the evaluated months found about each member in the quarter of `month`.
pub fn print(
    org: &Organisation,
    scope: Option<&str>,
    month: Month,
    seed: u64,
    evidence: &BTreeMap<String, Evidence>,
) -> Result<Vec<Area>, Failure> {
    println!("\nCông tác khác của văn phòng cấp ủy / The committee office's other records");
    let mut office = vec![
        print_targets(org, scope)?,
        print_ratings(org, scope, month, seed, evidence)?,
        print_meetings(org, scope, month, seed)?,
    ];
    office.extend(print_petitions(org, scope, month, seed)?);
    office.push(print_households(org, scope, month, seed)?);
    office.push(print_accountability(org, scope, month, seed)?);
    office.push(print_emulation(org, scope, month, seed)?);
    Ok(office)
}

fn print_targets(org: &Organisation, scope: Option<&str>) -> Result<Area, Failure> {
    let sheet = TargetSheet::giong_rieng_2015_2020()?;
    let rollup = soisua::target::report(org, std::slice::from_ref(&sheet), scope)?;
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
    Area::of(Source::Target, &rollup)
}

fn print_ratings(
    org: &Organisation,
    scope: Option<&str>,
    month: Month,
    seed: u64,
    evidence: &BTreeMap<String, Evidence>,
) -> Result<Area, Failure> {
    let quarter = Period::Quarter(month.quarter());
    let scheme = RatingScheme::embedded_on(quarter.last_month().last_day())?;
    let inputs = synthetic::rating::inputs(org, quarter, seed);
    let (ratings, issues) = soisua::rating::rate_all(&scheme, &inputs, evidence);
    let (report, _) = soisua::rating::report(org, &ratings, scope)?;
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
    Area::of(Source::Rating, &report)
}

fn print_meetings(org: &Organisation, scope: Option<&str>, month: Month, seed: u64) -> Result<Area, Failure> {
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
    let report = rater.report(&meetings, month.into(), scope)?;
    Area::of(Source::Meeting, &report.report)
}

fn print_petitions(org: &Organisation, scope: Option<&str>, month: Month, seed: u64) -> Result<[Area; 2], Failure> {
    let policy = soisua::petition::PetitionPolicy::default_2020()?;
    let quarter = Period::Quarter(month.quarter());
    // The quarter so far, so that the month's report has petitions carried over from before it.
    let petitions = synthetic::petition::generate(org, quarter, seed);
    let report = soisua::petition::report(org, &petitions, &policy, month.into(), scope)?;
    let petition_area = Area::of(Source::Petition, &report)?;
    let t = &report.total;
    println!("\n  Phản ánh, kiến nghị / Petitions {month} — {}", policy.reference());
    println!(
        "    nhận / received {}, đã chuyển / forwarded {}, đã giải quyết / resolved {} (trễ hạn / late {}), đã trả lời / replied {}",
        t.received, t.forwarded, t.resolved, t.resolved_late, t.replied
    );
    println!(
        "    cuối tháng / at the end: đang xử lý / open {}, quá hạn / overdue {}, đã báo cáo lên / escalated {}",
        t.open_at_end, t.overdue_at_end, t.escalated_at_end
    );
    let dialogues = synthetic::dialogue::generate(org, month.into(), seed);
    let report = soisua::dialogue::report(org, &dialogues, month.into(), scope)?;
    let d = &report.total;
    println!("\n  Đối thoại, thăm hộ / Dialogues and household visits {month}");
    println!(
        "    kế hoạch / planned {}, đã thực hiện / held {}, chưa thực hiện / not held {}; {} người gặp / people met, \
         {} hộ thăm / households visited, {} vấn đề / issues raised, {} kiến nghị mở / petitions opened",
        d.planned, d.held, d.not_held, d.people_met, d.households_visited, d.issues_raised, d.petitions_opened
    );
    Ok([petition_area, Area::of(Source::Dialogue, &report)?])
}

fn print_households(org: &Organisation, scope: Option<&str>, month: Month, seed: u64) -> Result<Area, Failure> {
    let policy = soisua::household::HouseholdPolicy::default_2020()?;
    let records = synthetic::household::generate(org, month, seed);
    let report = soisua::household::report(org, &records, month.into(), scope, &policy)?;
    let t = &report.total;
    println!("\n  Đảng viên theo dõi hộ / Household follow-up {month}");
    println!(
        "    {} đảng viên / members → {} hộ / households: có người theo dõi / covered {}, chưa có / uncovered {}; \
         quá định mức / over the load {}; báo cáo / reports {} / {}",
        t.members_assigned.len(),
        t.households,
        t.covered,
        t.uncovered,
        t.over_load_members.len(),
        t.reports_received,
        t.reports_expected
    );
    Area::of(Source::Household, &report)
}

fn print_accountability(org: &Organisation, scope: Option<&str>, month: Month, seed: u64) -> Result<Area, Failure> {
    let policy = soisua::accountability::AccountabilityPolicy::default_2020()?;
    let explanations = synthetic::accountability::generate(org, month, seed);
    let report = soisua::accountability::report(org, &explanations, month.into(), scope, &policy)?;
    let t = &report.total;
    println!("\n  Giải trình của người đứng đầu / Accountability of unit heads {month}");
    println!(
        "    {} giải trình / explanations; đơn vị phải giải trình / units due {}, đã giải trình / explaining {}, \
         còn thiếu nội dung / missing topics {}; chưa được chấp nhận / not accepted {}, đang xem xét / pending {}",
        t.explanations,
        t.units_due.len(),
        t.units_explaining.len(),
        t.units_missing_topics.len(),
        t.not_accepted,
        t.pending
    );
    Area::of(Source::Accountability, &report)
}

fn print_emulation(org: &Organisation, scope: Option<&str>, month: Month, seed: u64) -> Result<Area, Failure> {
    let scheme = soisua::emulation::Scheme::default_2020()?;
    let year = Period::Year(month.year());
    let records = synthetic::emulation::generate(org, month.year(), seed);
    let report = soisua::emulation::report(org, &scheme, &records, year, scope)?;
    let t = &report.total;
    let titles: Vec<String> = t.titles.iter().map(|(title, n)| format!("{title} {n}")).collect();
    let nominations: Vec<String> = t.nominations.iter().map(|(state, n)| format!("{state} {n}")).collect();
    println!(
        "\n  Thi đua, khen thưởng / Emulation and rewards {year} (thang điểm của soisua / soisua's labelled scheme)"
    );
    println!(
        "    {} bảng điểm / score sheets: {}; chưa đạt danh hiệu / no title {}",
        t.scored,
        titles.join(", "),
        t.untitled
    );
    println!("    «Người tốt, việc tốt» / \"good people, good deeds\": {}", nominations.join(", "));
    Area::of(Source::Emulation, &report)
}
