//! `soisua report`: a report from files — built from a scenario (organisation, catalogue, policy,
//! history), or merged from partial reports — printed as Markdown and written as JSON, CSV, XLSX,
//! Markdown and HTML.
//!
//! Exit codes: 0 written; 2 the inputs could not be used (unreadable, invalid, overlapping reports).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use soisua::report::{Document, OfficeFigures, RenderOptions, Report, Source, Templates};
use soisua::scenario::Scenario;
use soisua::{Period, Text};

use crate::{Failure, read_text};

/// Arguments of `soisua report`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario file (JSON) to evaluate and report on; with `--merge`, partial report files (JSON).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Merge the given partial reports instead of building one from a scenario.
    #[arg(long)]
    merge: bool,
    /// The period reported (`2020-09`, `2020-Q3`, `2020`, `2020-2025`); default: every month evaluated.
    #[arg(long)]
    period: Option<String>,
    /// The unit reported on (default: the whole organisation).
    #[arg(long)]
    scope: Option<String>,
    /// Report templates (JSON); default: the embedded ones.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Also compare with the previous period and the same period a year before (scenario only).
    #[arg(long)]
    compare: bool,
    /// Write report.{json,csv,xlsx,md,html} into this folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// An office area's roll-up (JSON, as `soisua.<area>.report` gives it) for the templates'
    /// sections of that area: `meeting=meetings.json`, `petition=…`, `dialogue=…`, `household=…`,
    /// `accountability=…`, `emulation=…`, `target=…`, `rating=…`. Repeat for several areas.
    #[arg(long = "rollup", value_name = "AREA=FILE")]
    rollups: Vec<String>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let period: Option<Period> = args.period.as_deref().map(str::parse).transpose()?;
    let templates = match &args.templates {
        Some(path) => Templates::from_json(&read_text(path)?)?,
        None => Templates::default_2020()?,
    };
    let found = templates.validate();
    if soisua::has_errors(&found) {
        return Err(soisua::Error::Invalid { document: "report templates", issues: found }.into());
    }
    let (report, comparisons) = if args.merge {
        let reports =
            args.files.iter().map(|p| Ok(Report::from_json(&read_text(p)?)?)).collect::<Result<Vec<_>, Failure>>()?;
        let merged = Report::merge_all(&reports)?.ok_or_else(|| Failure::usage("không có báo cáo", "no reports"))?;
        (merged, Vec::new())
    } else {
        let [file] = args.files.as_slice() else {
            return Err(Failure::usage("cần đúng một tệp kịch bản", "give exactly one scenario file (or --merge)"));
        };
        let scenario = Scenario::from_json(&read_text(file)?)?;
        scenario.with_evaluation(|e| {
            let report = e.report(period, args.scope.as_deref())?;
            let mut comparisons = Vec::new();
            if let (true, Some(p)) = (args.compare, period) {
                for (label, earlier) in [
                    (Text::new("Kỳ trước", "the previous period"), p.previous()),
                    (Text::new("Cùng kỳ năm trước", "the same period a year before"), p.year_before()),
                ] {
                    let before = e.report(Some(earlier), args.scope.as_deref())?;
                    if before.span().is_some() {
                        comparisons.push((label, soisua::report::compare(&report, &before)));
                    }
                }
            }
            Ok((report, comparisons))
        })?
    };
    let mut office = Vec::new();
    for given in &args.rollups {
        let Some((area, file)) = given.split_once('=') else {
            return Err(Failure::usage(
                &format!("`--rollup {given}`: cần dạng LĨNH_VỰC=TỆP, ví dụ meeting=meetings.json"),
                &format!("`--rollup {given}`: expected AREA=FILE, e.g. meeting=meetings.json"),
            ));
        };
        let path = PathBuf::from(file);
        let value: serde_json::Value = serde_json::from_str(&read_text(&path)?).map_err(|e| {
            Failure::usage(
                &format!("`{}` không phải JSON: {e}", path.display()),
                &format!("`{}` is not JSON: {e}", path.display()),
            )
        })?;
        office.push(OfficeFigures::from_value(Source::parse(area)?, value)?);
    }
    let options = RenderOptions { period, comparisons, office, ..Default::default() };
    soisua::report::check_scopes(Some(&report), &options)?;
    let document = soisua::report::render(&report, &templates, &options);
    println!("{}", soisua::report::to_markdown(&document));
    if let Some(dir) = &args.out {
        write_exports(dir, "report", &report, &document)?;
        println!("Đã ghi / written: {}/report.{{json,csv,xlsx,md,html}}", dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `<stem>.json` (the mergeable report), `.csv`, `.xlsx`, `.md` and `.html` into `dir`.
pub fn write_exports(dir: &Path, stem: &str, report: &Report, document: &Document) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| Failure::io(dir, &e))?;
    let xlsx = soisua::report::to_xlsx(document)?;
    let files: [(&str, Vec<u8>); 5] = [
        ("json", (report.to_json() + "\n").into_bytes()),
        ("csv", soisua::report::to_csv(document).into_bytes()),
        ("xlsx", xlsx),
        ("md", soisua::report::to_markdown(document).into_bytes()),
        ("html", page(document).into_bytes()),
    ];
    for (ext, bytes) in files {
        let path = dir.join(format!("{stem}.{ext}"));
        std::fs::write(&path, bytes).map_err(|e| Failure::io(&path, &e))?;
    }
    Ok(())
}

fn page(document: &Document) -> String {
    format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title><link rel=\"icon\" href=\"data:,\"></head><body>{}</body></html>\n",
        document.title.vi.replace('<', "&lt;"),
        soisua::report::to_html(document)
    )
}
