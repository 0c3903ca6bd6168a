//! `soisua`: the command line for people who work with files.
//!
//! - `soisua validate <file>`: a catalogue (JSON, or CSV with `--header`), an organisation or a batch
//!   of monthly reviews; prints located findings in Vietnamese and English; exits 1 when any is an
//!   error (with `--strict`, also when any is a warning).
//! - `soisua validate --default`: the embedded central catalogue, and how many of its items carry
//!   official wording.
//! - `soisua evaluate <scenario.json>`: runs a scenario (see `soisua::scenario`), prints the report
//!   as JSON, exits 1 when one of its expectations fails.
//! - `soisua demo`: the main job — the embedded default district (synthetic, article-shaped), a month
//!   of reviews, validated and summarised.
//!
//! Exit codes: 0 fine, 1 findings, 2 the input could not be used at all (an `Error`).

mod demo;
mod evaluate;
mod office;
mod output;
mod report;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// soisua — tự soi, tự sửa: the monthly evaluation of party members, as files.
#[derive(Parser)]
#[command(name = "soisua", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a catalogue, an organisation or a batch of reviews (kind detected from the content).
    Validate(validate::Args),
    /// Evaluate a scenario (JSON): verdicts, cases, explanations; exit 1 when an expectation fails.
    Evaluate(evaluate::Args),
    /// Build a report from a scenario (or merge partial reports): Markdown on screen, exports with --out.
    Report(report::Args),
    /// Build the embedded default district, a month of reviews, and print what it has.
    Demo(demo::Args),
}

/// What a command that failed to run says: a stable code and the two messages.
pub struct Failure {
    code: String,
    message_vi: String,
    message_en: String,
}

impl Failure {
    fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Failure {
            code: "io".into(),
            message_vi: format!("không đọc/ghi được `{}`: {err}", path.display()),
            message_en: format!("cannot read or write `{}`: {err}", path.display()),
        }
    }

    fn usage(vi: &str, en: &str) -> Self {
        Failure { code: "usage".into(), message_vi: vi.into(), message_en: en.into() }
    }
}

impl From<soisua::Error> for Failure {
    fn from(err: soisua::Error) -> Self {
        Failure { code: err.code().into(), message_vi: err.message_vi(), message_en: err.message_en() }
    }
}

/// Reads a file as UTF-8 text, saying where the first invalid byte is when it is not.
pub fn read_text(path: &PathBuf) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Failure {
            code: "invalid_utf8".into(),
            message_vi: format!("`{}` không phải văn bản UTF-8 (byte {at})", path.display()),
            message_en: format!("`{}` is not UTF-8 text (byte {at})", path.display()),
        }
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Report(args) => report::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("lỗi / error [{}]: {}", failure.code, failure.message_vi);
            eprintln!("  {}", failure.message_en);
            ExitCode::from(2)
        }
    }
}
