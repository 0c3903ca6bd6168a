//! XLSX export of a rendered report, laid out the way committee offices file reports: a cover
//! sheet, then one sheet per section named by the section's id, Vietnamese headings first (English
//! on the line below), numbers as numbers.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::template::{Cell, Document, Table};
use crate::Error;

/// The document as an XLSX workbook (bytes): a cover sheet `bao_cao` (title, unit, period,
/// coverage) and one sheet per table.
pub fn to_xlsx(document: &Document) -> Result<Vec<u8>, Error> {
    write(document).map_err(|e| Error::Argument {
        name: "document",
        detail: format!("cannot write the XLSX workbook: {e}"),
        detail_vi: format!("không ghi được tệp XLSX: {e}"),
    })
}

fn write(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let heading = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Center);
    let cover = workbook.add_worksheet();
    cover.set_name("bao_cao")?;
    cover.set_column_width(0, 28)?;
    cover.set_column_width(1, 80)?;
    let lines = [
        ("Báo cáo / Report", format!("{}\n{}", document.title.vi, document.title.en)),
        ("Đơn vị / Unit", document.scope.vi.clone()),
        ("Kỳ báo cáo / Period", document.period.clone()),
        ("Phạm vi / Coverage", format!("{}\n{}", document.coverage.vi, document.coverage.en)),
        ("Mẫu / Template", document.template.clone()),
    ];
    for (row, (label, value)) in (0u32..).zip(lines) {
        cover.write_string_with_format(row, 0, label, &bold)?;
        cover.write_string(row, 1, value)?;
    }
    for table in &document.tables {
        let sheet = workbook.add_worksheet();
        sheet_for(sheet, table, &bold, &heading)?;
    }
    workbook.save_to_buffer()
}

fn sheet_for(sheet: &mut Worksheet, table: &Table, bold: &Format, heading: &Format) -> Result<(), XlsxError> {
    let name: String = table.id.chars().take(31).collect();
    sheet.set_name(name)?;
    let title = table.heading();
    sheet.write_string_with_format(0, 0, &title.vi, bold)?;
    sheet.write_string(1, 0, &title.en)?;
    sheet.set_column_width(0, 48)?;
    sheet.write_string_with_format(3, 0, "Nội dung / Item", heading)?;
    for (col, column) in (1u16..).zip(&table.columns) {
        sheet.set_column_width(col, 18)?;
        sheet.write_string_with_format(3, col, format!("{}\n{}", column.vi, column.en), heading)?;
    }
    for (row, line) in (4u32..).zip(&table.rows) {
        let label = if line.label.vi == line.label.en {
            line.label.vi.clone()
        } else {
            format!("{} / {}", line.label.vi, line.label.en)
        };
        sheet.write_string(row, 0, label)?;
        for (col, cell) in (1u16..).zip(&line.cells) {
            match cell {
                #[allow(clippy::cast_precision_loss)]
                Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
                #[allow(clippy::cast_precision_loss)]
                Cell::Change(n) => sheet.write_number(row, col, *n as f64)?,
                Cell::Empty => sheet,
            };
        }
    }
    Ok(())
}
