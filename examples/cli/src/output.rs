//! Printing findings for people (Vietnamese first, English beside) or as JSON.

use std::process::ExitCode;

use soisua::{Issue, Level};

/// How to print findings.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One finding per line, Vietnamese then English.
    Text,
    /// A JSON array of findings (code, level, path, message_vi, message_en, params).
    Json,
}

/// Prints the findings about one input and returns the exit code they call for.
pub fn report(what_vi: &str, what_en: &str, issues: &[Issue], format: Format, strict: bool) -> ExitCode {
    let errors = issues.iter().filter(|i| i.level == Level::Error).count();
    let warnings = issues.len() - errors;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(issues).unwrap_or_default()),
        Format::Text => {
            for issue in issues {
                let level = match issue.level {
                    Level::Error => "lỗi/error",
                    Level::Warning => "cảnh báo/warning",
                };
                println!("{level}  {}  [{}]", issue.path, issue.code);
                println!("    {}", issue.message_vi);
                println!("    {}", issue.message_en);
            }
            println!(
                "{what_vi}: {errors} lỗi, {warnings} cảnh báo / {what_en}: {errors} error(s), {warnings} warning(s)"
            );
        }
    }
    if errors > 0 || (strict && warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
