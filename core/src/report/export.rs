//! Exports of a rendered report: CSV (long format, one line per cell), Markdown and HTML tables
//! (for notebooks and notice boards), with Vietnamese labels and English beside them. XLSX is in
//! `xlsx.rs` (feature `xlsx`); JSON is the [`Document`]'s serde form.

use std::fmt::Write as _;

use super::template::{Cell, Document, Table};
use crate::Text;

/// The CSV header of [`to_csv`].
pub const CSV_HEADER: [&str; 9] =
    ["section", "section_vi", "section_en", "row", "row_vi", "row_en", "column_vi", "column_en", "value"];

/// The document as CSV, one line per non-empty cell (long format, UTF-8, a header line first):
/// `section, section_vi, section_en, row, row_vi, row_en, column_vi, column_en, value`.
pub fn to_csv(document: &Document) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(CSV_HEADER);
    for table in &document.tables {
        let heading = table.heading();
        for row in &table.rows {
            for (column, cell) in table.columns.iter().zip(&row.cells) {
                let value = match cell {
                    Cell::Count(n) => n.to_string(),
                    Cell::Change(n) => n.to_string(),
                    Cell::Empty => continue,
                };
                let _ = writer.write_record([
                    table.id.as_str(),
                    &heading.vi,
                    &heading.en,
                    &row.key,
                    &row.label.vi,
                    &row.label.en,
                    &column.vi,
                    &column.en,
                    &value,
                ]);
            }
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn both(text: &Text) -> String {
    if text.vi == text.en { text.vi.clone() } else { format!("{} / {}", text.vi, text.en) }
}

/// ` (2020-Q3)` for a table with its own period, nothing otherwise.
fn period_of(table: &Table) -> String {
    table.period.as_ref().map_or_else(String::new, |p| format!(" ({p})"))
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Change(n) if *n > 0 => format!("+{n}"),
        Cell::Change(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// The document as Markdown: a heading, what it covers, and one table per section.
pub fn to_markdown(document: &Document) -> String {
    let md = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md(&both(&document.title)));
    let _ = writeln!(out, "**{}** — {}  ", md(&both(&document.scope)), md(&document.period));
    let _ = writeln!(out, "{}\n", md(&both(&document.coverage)));
    for table in &document.tables {
        let _ = writeln!(out, "### {}{}\n", md(&both(&table.title)), md(&period_of(table)));
        let header: Vec<String> = table.columns.iter().map(|c| md(&both(c))).collect();
        let _ = writeln!(out, "| | {} |", header.join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(table.columns.len()));
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(cell_text).collect();
            let _ = writeln!(out, "| {} | {} |", md(&both(&row.label)), cells.join(" | "));
        }
        out.push('\n');
    }
    out
}

/// The document as an HTML fragment (a `<section>` with one `<table>` per section; text escaped).
pub fn to_html(document: &Document) -> String {
    let mut out = String::new();
    let _ = write!(out, "<section class=\"soisua-report\" lang=\"vi\"><h2>{}</h2>", html(&document.title));
    let _ = write!(
        out,
        "<p><strong>{}</strong> — {}<br>{}</p>",
        html(&document.scope),
        escape(&document.period),
        html(&document.coverage)
    );
    for table in &document.tables {
        let _ = write!(
            out,
            "<table data-section=\"{}\"><caption>{}</caption><thead><tr><th></th>",
            escape(&table.id),
            html(&table.title) + &escape(&period_of(table))
        );
        for column in &table.columns {
            let _ = write!(out, "<th scope=\"col\">{}</th>", html(column));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &table.rows {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", html(&row.label));
            for cell in &row.cells {
                let _ = write!(out, "<td style=\"text-align:right\">{}</td>", cell_text(cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");
    out
}

fn html(text: &Text) -> String {
    if text.vi == text.en {
        escape(&text.vi)
    } else {
        format!("{} <span lang=\"en\">/ {}</span>", escape(&text.vi), escape(&text.en))
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
