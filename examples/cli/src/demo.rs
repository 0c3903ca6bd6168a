//! `soisua demo`: the embedded default district (synthetic, shaped like the article's), a month of
//! reviews under the synthetic 82 / 23 / 22 local catalogue, validated and summarised, and three
//! months evaluated under the default policy (verdicts, cases, explanations).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use soisua::report::{RenderOptions, Report, Templates};
use soisua::synthetic::{self, Rates, Scale};
use soisua::{Catalogue, Month, UnitKind, has_errors};

use crate::Failure;

/// Arguments of `soisua demo`.
#[derive(clap::Args)]
pub struct Args {
    /// The month to review.
    #[arg(long, default_value = "2020-09")]
    month: String,
    /// The seed of the synthetic data (the same seed gives the same district and month).
    #[arg(long, default_value_t = 2020)]
    seed: u64,
    /// Also write the organisation, the catalogues and the reviews as JSON files into this folder.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Runs `soisua demo`.
pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let month: Month = args.month.parse()?;
    let central = Catalogue::central_2020()?;
    let local = synthetic::local_catalogue(&central);
    let org = synthetic::organisation(Scale::District, args.seed);
    let batch = synthetic::reviews(&org, &local, month, args.seed, Rates::default());

    let central_issues = central.validate(None);
    let local_issues = local.validate(Some(&central));
    let org_issues = org.validate();
    let review_issues = batch.validate(&local, &org);

    println!("soisua demo — {} / {}", org.name.vi, org.name.en);
    println!("Tháng / month: {month}\n");

    print_organisation(&org);

    println!("\nDanh mục / Catalogues");
    for (catalogue, issues) in [(&central, &central_issues), (&local, &local_issues)] {
        let [m, e, p] = catalogue.counts();
        let [verbatim, partial, label] = catalogue.wording_counts();
        println!("  {}@{} — {}", catalogue.id, catalogue.version, catalogue.title.vi);
        println!(
            "    {m} biểu hiện / manifestations, {e} nêu gương / exemplary, {p} không được làm / prohibited; \
             nguyên văn / verbatim {verbatim}, một phần / partial {partial}, nhãn / label {label}; {} phát hiện / findings",
            issues.len()
        );
    }

    print_reviews(month, &batch.tally(&local));
    let (report, mut options, evidence) = print_evaluation(&org, &local, &batch, month, args.seed)?;
    let top = org.units.first().map(|u| u.id.as_str());
    let areas = crate::office::print(&org, top, month, args.seed, &evidence)?;
    options.office = areas.iter().map(crate::office::Area::figures).collect::<Result<_, _>>()?;
    soisua::report::check_scopes(Some(&report), &options)?;
    // The month's report: the evaluation's sections, then the office's (each with its own period
    // where it is not the month: the quarter's ratings, the year's emulation, the term's targets).
    let document = soisua::report::render(&report, &Templates::default_2020()?, &options);
    println!("\nBáo cáo tháng / Monthly report\n");
    println!("{}", soisua::report::to_markdown(&document));

    println!("\nKiểm tra dữ liệu / Validation");
    for (vi, en, issues) in [
        ("danh mục trung ương", "central catalogue", &central_issues),
        ("danh mục địa phương (giả lập)", "local catalogue (synthetic)", &local_issues),
        ("tổ chức", "organisation", &org_issues),
        ("phiếu đánh giá", "reviews", &review_issues),
    ] {
        let errors = issues.iter().filter(|i| i.is_error()).count();
        println!("  {vi} / {en}: {errors} lỗi / errors, {} cảnh báo / warnings", issues.len() - errors);
    }
    println!(
        "\n(Dữ liệu giả lập: tên người và đơn vị là bịa; nội dung danh mục địa phương là nhãn, không phải văn bản chính thức.)"
    );
    println!(
        "(Synthetic data: names of people and units are made up; the local catalogue's items are labels, not official text.)"
    );

    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
        for (name, text) in [
            ("organisation.json", org.to_json()),
            ("catalogue-central-2020.json", central.to_json()),
            ("catalogue-local.json", local.to_json()),
            ("reviews.json", batch.to_json()),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text + "\n").map_err(|e| Failure::io(&path, &e))?;
        }
        let stem = format!("report-{month}");
        crate::report::write_exports(dir, &stem, &report, &document)?;
        for area in &areas {
            let path = dir.join(format!("rollup-{}.json", area.source.as_str()));
            let text = serde_json::to_string_pretty(&area.rollup).unwrap_or_default() + "\n";
            std::fs::write(&path, text).map_err(|e| Failure::io(&path, &e))?;
        }
        println!(
            "\nĐã ghi / written: {}/{{organisation,catalogue-central-2020,catalogue-local,reviews}}.json, {stem}.{{json,csv,xlsx,md,html}}, rollup-<lĩnh vực / area>.json",
            dir.display()
        );
    }

    let failed = [&central_issues, &local_issues, &org_issues, &review_issues].iter().any(|i| has_errors(i));
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Evaluates the three months up to `month` under the default policy: verdicts per month, the
/// explanations of the first members sent to inspection in the last month, and the district's
/// report of the month with what rendering it needs (the catalogue, the previous month to compare
/// with); the evidence the quarter's ratings read.
fn print_evaluation<'a>(
    org: &soisua::Organisation,
    catalogue: &'a Catalogue,
    batch: &soisua::ReviewBatch,
    month: Month,
    seed: u64,
) -> Result<(Report, RenderOptions<'a>, BTreeMap<String, soisua::rating::Evidence>), Failure> {
    let policy = soisua::Policy::default_2020()?;
    let evaluator = soisua::Evaluator::new(catalogue, &policy, org)?;
    let first = month.plus(-2);
    let mut history = soisua::History::default();
    for m in first.through(month.prev()) {
        history.reviews.extend(synthetic::reviews(org, catalogue, m, seed, Rates::default()).reviews);
    }
    history.reviews.extend(batch.reviews.iter().cloned());
    let mut ledger = soisua::Ledger::new();
    let months = evaluator.replay(&mut ledger, &history, first, month, None)?;
    println!("\nĐánh giá / Evaluation — {}", policy.reference());
    for result in &months {
        let [not_evaluated, commend, help, inspect] = result.counts();
        println!(
            "  {}: biểu dương / commend {commend}, giúp đỡ / help {help}, kiểm tra / inspect {inspect}, \
             chưa đánh giá / not evaluated {not_evaluated}",
            result.month
        );
    }
    let open = ledger.cases().iter().filter(|c| c.is_active()).count();
    println!("  trường hợp đang mở / active cases at the end: {open}");
    if let Some(last) = months.last() {
        for result in last.results.iter().filter(|r| r.verdict == soisua::Verdict::Inspect).take(3) {
            let name = org.member(&result.member).and_then(|m| m.name.as_deref()).unwrap_or(&result.member);
            let sentence = result.sentence(name);
            println!("    {}\n      {}", sentence.vi, sentence.en);
        }
    }
    let top = org.units.first().map(|u| u.id.as_str());
    let last = months.last().map(std::slice::from_ref).unwrap_or_default();
    let report = Report::build(&evaluator, last, &ledger, &history, top)?;
    let previous =
        months.len().checked_sub(2).and_then(|i| months.get(i)).map(std::slice::from_ref).unwrap_or_default();
    let before = Report::build(&evaluator, previous, &ledger, &history, top)?;
    let options = RenderOptions {
        catalogue: Some(catalogue),
        period: Some(soisua::Period::Month(month)),
        comparisons: vec![(
            soisua::Text::new("Tháng trước", "the previous month"),
            soisua::report::compare(&report, &before),
        )],
        ..Default::default()
    };
    let evidence = soisua::rating::evidence(&evaluator, &months, &ledger, soisua::Period::Quarter(month.quarter()));
    Ok((report, options, evidence))
}

fn print_organisation(org: &soisua::Organisation) {
    println!("Tổ chức / Organisation");
    let count = |kind| org.units.iter().filter(|u| u.kind == kind).count();
    println!(
        "  {} đảng bộ / committees, {} chi bộ / cells, {} tổ đảng / groups, {} đảng viên / members",
        count(UnitKind::Committee),
        count(UnitKind::Cell),
        count(UnitKind::Group),
        org.members.len()
    );
    let top: Vec<&str> = org.units.iter().filter(|u| u.parent.is_none()).map(|u| u.id.as_str()).collect();
    let directly_under: Vec<_> =
        org.units.iter().filter(|u| u.parent.as_deref().is_some_and(|p| top.contains(&p))).collect();
    println!(
        "  trực thuộc cấp trên cùng / directly under the top: {} ({} đảng bộ cơ sở / grassroots committees, {} chi bộ cơ sở / grassroots cells)",
        directly_under.len(),
        directly_under.iter().filter(|u| u.kind == UnitKind::Committee).count(),
        directly_under.iter().filter(|u| u.kind == UnitKind::Cell).count(),
    );
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for unit in &org.units {
        *by_type.entry(unit.org_type.as_str()).or_default() += 1;
    }
    let types = org.org_types.clone().unwrap_or_else(soisua::OrgType::defaults);
    for t in &types {
        if let Some(n) = by_type.get(t.code.as_str()) {
            println!("    {:<36} {:>4} đơn vị / units   ({})", t.label.vi, n, t.label.en);
        }
    }
}

fn print_reviews(month: Month, tally: &soisua::review::Tally) {
    println!("\nPhiếu đánh giá tháng {month} / Reviews for {month}");
    println!(
        "  {} phiếu / reviews ({} chính thức / final), {} kết luận của chi bộ / cell conclusions",
        tally.reviews, tally.final_reviews, tally.cell_conclusions
    );
    #[allow(clippy::cast_precision_loss, reason = "member counts are far below 2^52")]
    let share = |n: usize| if tally.members == 0 { 0.0 } else { 100.0 * n as f64 / tally.members as f64 };
    println!(
        "  đảng viên có ít nhất một vấn đề / members with at least one finding: {} ({:.1}%)",
        tally.members_with_any_adverse,
        share(tally.members_with_any_adverse)
    );
    println!(
        "    có biểu hiện suy thoái / with a manifestation present:       {}",
        tally.members_with_adverse.manifestation
    );
    println!(
        "    chưa thực hiện tốt nêu gương / with exemplary not yet good:  {}",
        tally.members_with_adverse.exemplary
    );
    println!(
        "    vi phạm điều không được làm / with a prohibition violated:   {}",
        tally.members_with_adverse.prohibition
    );
    println!(
        "  tự đánh giá khác kết luận chi bộ / self-assessment differs from the cell: {} nội dung / answers",
        tally.disagreements
    );
}
