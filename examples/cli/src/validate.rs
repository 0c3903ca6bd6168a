//! `soisua validate`.

use std::path::PathBuf;
use std::process::ExitCode;

use soisua::{Catalogue, Organisation, ReviewBatch};

use crate::output::{Format, report};
use crate::{Failure, read_text};

/// Arguments of `soisua validate`.
#[derive(clap::Args)]
pub struct Args {
    /// The file: a catalogue (.json, or .csv with --header), an organisation or a review batch (.json).
    file: Option<PathBuf>,
    /// Validate the embedded central catalogue and show how many items carry official wording.
    #[arg(long = "default", conflicts_with = "file")]
    default_catalogue: bool,
    /// For a CSV catalogue: the JSON header (metadata and groups without items).
    #[arg(long)]
    header: Option<PathBuf>,
    /// The catalogue reviews are checked against, or that a local catalogue refines: a file, or
    /// `central-2020` / `synthetic-local` for an embedded one. Reviews default to the embedded
    /// catalogue they name.
    #[arg(long)]
    catalogue: Option<String>,
    /// The organisation reviews are checked against (required for reviews).
    #[arg(long)]
    organisation: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 on warnings too (a draft review's missing conclusions are warnings).
    #[arg(long)]
    strict: bool,
}

/// Runs `soisua validate`.
pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    if args.default_catalogue {
        return default_catalogue(args);
    }
    let Some(path) = &args.file else {
        return Err(Failure::usage("cần một tệp để kiểm tra, hoặc --default", "give a file to validate, or --default"));
    };
    let text = read_text(path)?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        return csv_catalogue(args, &text);
    }
    match detect(&text) {
        Kind::Catalogue => {
            let catalogue = Catalogue::from_json(&text)?;
            let refined = match (&catalogue.refines, &args.catalogue) {
                (_, Some(spec)) => Some(load_catalogue(spec)?),
                (Some(r), None) => embedded(&r.id).transpose()?,
                (None, None) => None,
            };
            Ok(report("Danh mục", "Catalogue", &catalogue.validate(refined.as_ref()), args.format, args.strict))
        }
        Kind::Organisation => {
            let org = Organisation::from_json(&text)?;
            Ok(report("Tổ chức", "Organisation", &org.validate(), args.format, args.strict))
        }
        Kind::Reviews => {
            let batch = ReviewBatch::from_json(&text)?;
            let catalogue = if let Some(spec) = &args.catalogue {
                load_catalogue(spec)?
            } else {
                let id = batch.reviews.first().map(|r| r.catalogue.id.clone()).unwrap_or_default();
                embedded(&id).transpose()?.ok_or_else(|| {
                    Failure::usage(
                        "phiếu đánh giá cần --catalogue (tệp danh mục hoặc central-2020)",
                        "reviews need --catalogue (a catalogue file, or central-2020)",
                    )
                })?
            };
            let Some(org_path) = &args.organisation else {
                return Err(Failure::usage(
                    "phiếu đánh giá cần --organisation (tệp tổ chức)",
                    "reviews need --organisation (an organisation file)",
                ));
            };
            let org = Organisation::from_json(&read_text(org_path)?)?;
            let issues = batch.validate(&catalogue, &org);
            Ok(report("Phiếu đánh giá", "Reviews", &issues, args.format, args.strict))
        }
        Kind::Unknown => Err(Failure::usage(
            "không nhận ra loại tệp: cần khóa `groups` (danh mục), `units` (tổ chức) hoặc `reviews` (phiếu)",
            "cannot tell what the file is: expected a `groups` (catalogue), `units` (organisation) or `reviews` key",
        )),
    }
}

fn default_catalogue(args: &Args) -> Result<ExitCode, Failure> {
    let catalogue = Catalogue::central_2020()?;
    let [m, e, p] = catalogue.counts();
    let [verbatim, partial, label] = catalogue.wording_counts();
    if args.format == Format::Text {
        println!("{} ({}@{})", catalogue.title.vi, catalogue.id, catalogue.version);
        println!("  {}", catalogue.title.en);
        println!("  biểu hiện / manifestations: {m}; nêu gương / exemplary: {e}; không được làm / prohibited: {p}");
        println!(
            "  nguyên văn / verbatim: {verbatim}; một phần / partial: {partial}; nhãn (chưa có nguyên văn) / label only: {label}"
        );
    }
    Ok(report("Danh mục", "Catalogue", &catalogue.validate(None), args.format, args.strict))
}

fn csv_catalogue(args: &Args, csv: &str) -> Result<ExitCode, Failure> {
    let Some(header) = &args.header else {
        return Err(Failure::usage(
            "danh mục CSV cần --header (tệp JSON phần đầu: thông tin và các nhóm)",
            "a CSV catalogue needs --header (a JSON file with the metadata and groups)",
        ));
    };
    let (catalogue, mut issues) = Catalogue::from_csv(&read_text(header)?, csv)?;
    if let Some(spec) = &args.catalogue {
        let refined = load_catalogue(spec)?;
        issues.retain(|i| i.code != "refined_catalogue_unavailable");
        issues.extend(
            catalogue
                .validate(Some(&refined))
                .into_iter()
                .filter(|i| matches!(i.code.as_str(), "unknown_refines" | "refines_wrong_kind")),
        );
    }
    Ok(report("Danh mục", "Catalogue", &issues, args.format, args.strict))
}

fn embedded(id: &str) -> Option<Result<Catalogue, Failure>> {
    match id {
        "central-2020" => Some(Catalogue::central_2020().map_err(Failure::from)),
        "synthetic-local-82-23-22" | "synthetic-local" => {
            Some(Catalogue::central_2020().map(|c| soisua::synthetic::local_catalogue(&c)).map_err(Failure::from))
        }
        _ => None,
    }
}

fn load_catalogue(spec: &str) -> Result<Catalogue, Failure> {
    if let Some(found) = embedded(spec) {
        return found;
    }
    Ok(Catalogue::from_json(&read_text(&PathBuf::from(spec))?)?)
}

enum Kind {
    Catalogue,
    Organisation,
    Reviews,
    Unknown,
}

/// Which document a JSON text is, from its top-level keys (the formats share none).
fn detect(text: &str) -> Kind {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        // Not an object: let the catalogue reader report the located syntax error.
        return Kind::Catalogue;
    };
    if map.contains_key("groups") {
        Kind::Catalogue
    } else if map.contains_key("units") || map.contains_key("members") {
        Kind::Organisation
    } else if map.contains_key("reviews") {
        Kind::Reviews
    } else {
        Kind::Unknown
    }
}
