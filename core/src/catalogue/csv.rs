//! Catalogues kept in spreadsheets: a JSON header (metadata and groups) and a CSV file with one
//! row per item.
//!
//! The CSV may come from Excel in a Vietnamese locale: a UTF-8 byte-order mark is accepted, and
//! the delimiter (`,` or `;`) is read from the header line. Every bad cell is a finding at
//! `[row, column]` (the header being row 1); a row with a finding is left out of the catalogue.

use std::collections::HashSet;

use csv::StringRecord;
use serde_json::Value;

use super::validate::{is_blank, shown};
use super::{Catalogue, Item, Severity, Source, Wording};
use crate::error::Location;
use crate::org::RoleKind;
use crate::text::{is_valid_code, nfc};
use crate::{Error, Issue, IssueCode, Path, Text};

/// The columns of the item CSV, in order. `subgroup`, `source_point`, `applies_to` (role names
/// separated by `;`) and `refines` may be empty, or left out of the file altogether.
///
/// ```
/// assert_eq!(soisua::catalogue::CSV_COLUMNS[0], "group");
/// assert_eq!(soisua::catalogue::CSV_COLUMNS.len(), 11);
/// ```
pub const CSV_COLUMNS: &[&str] = &[
    "group",
    "subgroup",
    "code",
    "text_vi",
    "text_en",
    "severity",
    "wording",
    "source_document",
    "source_point",
    "applies_to",
    "refines",
];

/// Columns a file may leave out (their cells may be empty anyway).
const OPTIONAL_COLUMNS: &[&str] = &["subgroup", "source_point", "applies_to", "refines"];

/// The role names `applies_to` accepts, for messages (parsing goes through serde, so a role added
/// to [`RoleKind`] is read even before it is listed here).
const ROLE_KINDS: [RoleKind; 5] = [
    RoleKind::CommitteeMember,
    RoleKind::StandingCommitteeMember,
    RoleKind::Secretary,
    RoleKind::DeputySecretary,
    RoleKind::HeadOfAgency,
];

impl Catalogue {
    /// Builds a catalogue from a JSON header (the catalogue without items) and a CSV of items
    /// with the columns [`CSV_COLUMNS`].
    ///
    /// Returns the catalogue with every good row, in file order, and the findings: the header's,
    /// one per bad cell (a row with a finding is left out), then [`Catalogue::validate`]'s (so
    /// declared counts are checked). A header that is not a catalogue, or a CSV that cannot be
    /// read at all, is an [`Error`].
    ///
    /// ```
    /// use soisua::Catalogue;
    ///
    /// let central = Catalogue::central_2020()?;
    /// let header = central.csv_header();
    /// // Excel in a Vietnamese locale: `;` between cells.
    /// let csv = "group;subgroup;code;text_vi;text_en;severity;wording;source_document;source_point;applies_to;refines\n\
    ///            QD47;;QD47-1;Nói, làm trái;Prohibited act 1;serious;partial;47-QĐ/TW;Điều 1;;\n\
    ///            QD47;;QD47-2;Cung cấp;Prohibited act 2;huge;label;47-QĐ/TW;;;\n";
    /// let (catalogue, issues) = Catalogue::from_csv(&header, csv)?;
    /// assert_eq!(catalogue.counts(), [0, 0, 1]);
    /// assert_eq!(issues[0].code, "invalid_value");
    /// assert_eq!(issues[0].path.to_string(), "row 3, column `severity`");
    /// assert_eq!(
    ///     issues[0].message_en,
    ///     "the value `huge` in column `severity` is not valid, expected one of: minor, serious, grave"
    /// );
    /// // Then validation: the declared counts are not met.
    /// assert!(issues.iter().any(|i| i.code == "count_mismatch"));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn from_csv(header_json: &str, csv: &str) -> Result<(Catalogue, Vec<Issue>), Error> {
        let mut issues = Vec::new();
        let mut catalogue = read_header(header_json, &mut issues)?;
        let text = nfc(csv);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter(text))
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(record) => record.map_err(|e| csv_error(&e))?,
            None => StringRecord::new(),
        };
        if let Some(layout) = Layout::read(&header, &mut issues) {
            let mut rows = Rows { layout, seen: HashSet::new(), issues: &mut issues };
            for (index, record) in records.enumerate() {
                let record = record.map_err(|e| csv_error(&e))?;
                let row = u64::try_from(index).map_or(u64::MAX, |i| i.saturating_add(2));
                if let Some((group, subgroup, item)) = rows.read(&catalogue, row, &record) {
                    place(&mut catalogue, group, subgroup, item);
                }
            }
        }
        issues.extend(catalogue.validate(None));
        Ok((catalogue, issues))
    }

    /// The catalogue's items as CSV with the columns [`CSV_COLUMNS`] (`,` between cells, role
    /// names separated by `;`), in catalogue order. With [`Catalogue::csv_header`] it gives back
    /// the same catalogue through [`Catalogue::from_csv`].
    ///
    /// No byte-order mark is written; a caller saving a file for Excel may prefix `\u{feff}`.
    ///
    /// ```
    /// use soisua::Catalogue;
    ///
    /// let central = Catalogue::central_2020()?;
    /// let csv = central.to_csv();
    /// assert!(csv.starts_with("group,subgroup,code,text_vi,text_en,severity,"));
    /// let (again, issues) = Catalogue::from_csv(&central.csv_header(), &csv)?;
    /// assert!(issues.is_empty());
    /// assert_eq!(again, central);
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        self.write_csv().unwrap_or_default()
    }

    fn write_csv(&self) -> Result<String, csv::Error> {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
        writer.write_record(CSV_COLUMNS)?;
        for placed in self.items() {
            let item = placed.item;
            let applies_to: Vec<&str> = item.applies_to.iter().map(|r| r.as_str()).collect();
            writer.write_record([
                placed.group.code.as_str(),
                placed.subgroup.map_or("", |s| s.code.as_str()),
                item.code.as_str(),
                item.text.vi.as_str(),
                item.text.en.as_str(),
                item.severity.as_str(),
                item.wording.as_str(),
                item.source.document.as_str(),
                item.source.point.as_deref().unwrap_or_default(),
                applies_to.join(";").as_str(),
                item.refines.as_deref().unwrap_or_default(),
            ])?;
        }
        let bytes = writer.into_inner().map_err(csv::IntoInnerError::into_error)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The catalogue as the JSON header of [`Catalogue::from_csv`]: everything but the items.
    ///
    /// ```
    /// let header = soisua::Catalogue::central_2020()?.csv_header();
    /// assert!(header.contains("\"declared_count\": 27"));
    /// assert!(!header.contains("TTCT-1"));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn csv_header(&self) -> String {
        let mut header = self.clone();
        for group in &mut header.groups {
            group.items.clear();
            for subgroup in &mut group.subgroups {
                subgroup.items.clear();
            }
        }
        header.to_json()
    }
}

/// Reads the JSON header: a catalogue whose groups and sub-groups have no items (`items` may be
/// left out). Items found there are refused with a finding and dropped.
fn read_header(header_json: &str, issues: &mut Vec<Issue>) -> Result<Catalogue, Error> {
    const DOCUMENT: &str = "catalogue header";
    let mut value: Value = crate::json::parse(DOCUMENT, header_json)?;
    if let Some(groups) = value.get_mut("groups").and_then(Value::as_array_mut) {
        for (index, group) in groups.iter_mut().enumerate() {
            let path = Path::root().key("groups").index(index);
            refuse_items(group, &path, false, issues);
            if let Some(subgroups) = group.get_mut("subgroups").and_then(Value::as_array_mut) {
                for (index, subgroup) in subgroups.iter_mut().enumerate() {
                    let path = path.key("subgroups").index(index);
                    refuse_items(subgroup, &path, true, issues);
                }
            }
        }
    }
    crate::json::from_value(DOCUMENT, value)
}

/// Empties a group's or sub-group's `items` with a finding if it has any; gives a sub-group
/// without `items` an empty list (the catalogue format requires one).
fn refuse_items(object: &mut Value, path: &Path, required: bool, issues: &mut Vec<Issue>) {
    let Some(map) = object.as_object_mut() else {
        return;
    };
    let code = map.get("code").and_then(Value::as_str).map(shown).unwrap_or_default();
    match map.get("items") {
        Some(Value::Array(items)) if !items.is_empty() => {
            issues.push(
                Issue::new(IssueCode::ItemsInHeader, path.key("items")).with("group", code).with("count", items.len()),
            );
            map.insert("items".to_owned(), Value::Array(Vec::new()));
        }
        None if required => {
            map.insert("items".to_owned(), Value::Array(Vec::new()));
        }
        _ => {}
    }
}

/// `;` when the header line has more semicolons than commas (Excel in a Vietnamese locale),
/// `,` otherwise.
fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    let count = |c: char| first_line.matches(c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

pub(crate) fn csv_error(error: &csv::Error) -> Error {
    let position = error.position();
    Error::Csv {
        location: Location {
            path: position.map_or_else(Path::root, |p| {
                let row = usize::try_from(p.record()).map_or(usize::MAX, |r| r.saturating_add(1));
                Path::root().index(row)
            }),
            line: position.map(csv::Position::line),
            column: None,
        },
        detail: error.to_string(),
    }
}

/// Where each known column is in the file.
struct Layout {
    /// For each of [`CSV_COLUMNS`], the index of its field, if the file has the column.
    positions: Vec<Option<usize>>,
    /// How many fields the header has (every row must have as many).
    width: usize,
}

impl Layout {
    /// Reads the header row. Returns `None` (no row can be read) when a required column is
    /// missing; unknown and repeated columns are findings, and ignored.
    fn read(header: &StringRecord, issues: &mut Vec<Issue>) -> Option<Layout> {
        let mut positions = vec![None; CSV_COLUMNS.len()];
        for (index, name) in header.iter().enumerate() {
            let name = name.trim();
            match CSV_COLUMNS.iter().position(|column| *column == name) {
                None => {
                    issues.push(Issue::new(IssueCode::UnknownColumn, Path::csv(1, name)).with("column", shown(name)));
                }
                Some(known) => match positions.get_mut(known) {
                    Some(slot @ None) => *slot = Some(index),
                    _ => issues.push(Issue::new(IssueCode::DuplicateCode, Path::csv(1, name)).with("code", name)),
                },
            }
        }
        let mut complete = true;
        for (column, position) in CSV_COLUMNS.iter().zip(&positions) {
            if position.is_none() && !OPTIONAL_COLUMNS.contains(column) {
                issues.push(Issue::new(IssueCode::MissingColumn, Path::csv(1, column)).with("column", column));
                complete = false;
            }
        }
        complete.then(|| Layout { positions, width: header.len() })
    }

    /// The cell of a column in a record (empty when the file has no such column).
    fn cell<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        CSV_COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|known| self.positions.get(known).copied().flatten())
            .and_then(|index| record.get(index))
            .unwrap_or_default()
    }
}

/// Reads item rows, remembering the codes already taken.
struct Rows<'a> {
    layout: Layout,
    seen: HashSet<String>,
    issues: &'a mut Vec<Issue>,
}

impl Rows<'_> {
    /// Reads one row: the group index, the sub-group index and the item, or `None` when the row
    /// has a finding (reported) or is blank (ignored).
    fn read(&mut self, catalogue: &Catalogue, row: u64, record: &StringRecord) -> Option<(usize, Option<usize>, Item)> {
        if record.iter().all(is_blank) {
            return None;
        }
        if record.len() != self.layout.width {
            // A row-level finding: its path is the row alone.
            let path = Path::root().index(usize::try_from(row).unwrap_or(usize::MAX));
            self.issues.push(
                Issue::new(IssueCode::WrongFieldCount, path)
                    .with("row", row)
                    .with("actual", record.len())
                    .with("expected", self.layout.width),
            );
            return None;
        }
        let cell = |column: &str| self.layout.cell(record, column);
        let (group_code, subgroup_code) = (cell("group").trim(), cell("subgroup").trim());
        let (code, refines) = (cell("code").trim(), cell("refines").trim());
        let text = Text::new(cell("text_vi"), cell("text_en"));
        let document = cell("source_document");
        let point = cell("source_point");
        let severity_cell = cell("severity").trim();
        let wording_cell = cell("wording").trim();
        let applies_cell = cell("applies_to");

        let mut found = Vec::new();
        let place = locate(catalogue, row, group_code, subgroup_code, &mut found);
        self.code(row, code, &mut found);
        for (column, value) in [("text_vi", &text.vi), ("text_en", &text.en)] {
            if is_blank(value) {
                found.push(empty(row, column));
            }
        }
        let severity = choice(row, "severity", severity_cell, &Severity::ALL, Severity::as_str, &mut found);
        let wording = choice(
            row,
            "wording",
            wording_cell,
            &[Wording::Verbatim, Wording::Partial, Wording::Label],
            Wording::as_str,
            &mut found,
        );
        if is_blank(document) {
            found.push(empty(row, "source_document"));
        }
        let applies_to = roles(row, applies_cell, &mut found);
        if !refines.is_empty() && !is_valid_code(refines) {
            found.push(Issue::new(IssueCode::InvalidCode, Path::csv(row, "refines")).with("code", shown(refines)));
        }
        if !found.is_empty() {
            self.issues.append(&mut found);
            return None;
        }
        let (group, subgroup) = place?;
        self.seen.insert(code.to_owned());
        let item = Item {
            code: code.to_owned(),
            text,
            severity: severity?,
            source: Source { document: document.to_owned(), point: (!is_blank(point)).then(|| point.to_owned()) },
            wording: wording?,
            applies_to,
            refines: (!refines.is_empty()).then(|| refines.to_owned()),
        };
        Some((group, subgroup, item))
    }

    fn code(&self, row: u64, code: &str, found: &mut Vec<Issue>) {
        let path = Path::csv(row, "code");
        if code.is_empty() {
            found.push(empty(row, "code"));
        } else if !is_valid_code(code) {
            found.push(Issue::new(IssueCode::InvalidCode, path).with("code", shown(code)));
        } else if self.seen.contains(code) {
            found.push(Issue::new(IssueCode::DuplicateCode, path).with("code", code));
        }
    }
}

fn empty(row: u64, column: &str) -> Issue {
    Issue::new(IssueCode::EmptyText, Path::csv(row, column)).with("field", column)
}

/// The group and sub-group a row names, as indices into the catalogue.
fn locate(
    catalogue: &Catalogue,
    row: u64,
    group_code: &str,
    subgroup_code: &str,
    found: &mut Vec<Issue>,
) -> Option<(usize, Option<usize>)> {
    if group_code.is_empty() {
        found.push(empty(row, "group"));
        return None;
    }
    let Some(group) = catalogue.groups.iter().position(|g| g.code == group_code) else {
        found.push(Issue::new(IssueCode::UnknownGroup, Path::csv(row, "group")).with("group", shown(group_code)));
        return None;
    };
    if subgroup_code.is_empty() {
        return Some((group, None));
    }
    let subgroup = catalogue.groups.get(group).and_then(|g| g.subgroups.iter().position(|s| s.code == subgroup_code));
    if subgroup.is_none() {
        found.push(
            Issue::new(IssueCode::UnknownSubgroup, Path::csv(row, "subgroup"))
                .with("subgroup", shown(subgroup_code))
                .with("group", group_code),
        );
        return None;
    }
    Some((group, subgroup))
}

/// One of a fixed list of values, by its `snake_case` name.
fn choice<T: Copy>(
    row: u64,
    column: &str,
    value: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
    found: &mut Vec<Issue>,
) -> Option<T> {
    let chosen = all.iter().copied().find(|v| name(*v) == value);
    if chosen.is_none() {
        let expected: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        found.push(invalid(row, column, value, &expected.join(", ")));
    }
    chosen
}

fn invalid(row: u64, column: &str, value: &str, expected: &str) -> Issue {
    Issue::new(IssueCode::InvalidValue, Path::csv(row, column))
        .with("value", shown(value))
        .with("column", column)
        .with("expected", expected)
}

/// The roles of `applies_to`: names separated by `;`, empty parts ignored.
fn roles(row: u64, cell: &str, found: &mut Vec<Issue>) -> Vec<crate::org::RoleKind> {
    let mut roles = Vec::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if let Ok(role) = serde_json::from_value::<RoleKind>(Value::String(part.to_owned())) {
            roles.push(role);
        } else {
            let expected: Vec<&str> = ROLE_KINDS.iter().map(|r| r.as_str()).collect();
            found.push(invalid(row, "applies_to", part, &expected.join(", ")));
        }
    }
    roles
}

fn place(catalogue: &mut Catalogue, group: usize, subgroup: Option<usize>, item: Item) {
    let Some(group) = catalogue.groups.get_mut(group) else {
        return;
    };
    match subgroup {
        None => group.items.push(item),
        Some(index) => {
            if let Some(subgroup) = group.subgroups.get_mut(index) {
                subgroup.items.push(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::catalogue::{CatalogueRef, Group, ItemKind, Origin, Subgroup};

    const HEADER: &str = r#"{
      "id": "mau", "version": "1",
      "title": {"vi": "Danh mục mẫu", "en": "Sample catalogue"},
      "origin": "local", "issuer": "Huyện ủy", "document_number": "01-QĐ/HU",
      "document_date": "2020-01-01", "effective_from": "2020-01-01",
      "groups": [
        {"code": "A", "kind": "manifestation", "title": {"vi": "Nhóm A", "en": "Group A"},
         "declared_count": 3,
         "subgroups": [
           {"code": "A1", "title": {"vi": "Nhóm con A1", "en": "Sub-group A1"}, "declared_count": 2},
           {"code": "A2", "title": {"vi": "Nhóm con A2", "en": "Sub-group A2"}, "items": []}
         ]},
        {"code": "B", "kind": "prohibition", "title": {"vi": "Nhóm B", "en": "Group B"},
         "declared_count": 1}
      ]
    }"#;

    const COLUMNS: &str =
        "group,subgroup,code,text_vi,text_en,severity,wording,source_document,source_point,applies_to,refines";

    /// Three manifestations (one with a quoted text over two lines) and a prohibition.
    fn good_rows() -> String {
        [
            COLUMNS,
            "A,A1,A-1,\"Phai nhạt lý tưởng cách mạng; dao động,\ngiảm sút niềm tin\",Item A-1,minor,verbatim,04-NQ/TW,,,",
            "A,A1,A-2,Xa rời tôn chỉ,Item A-2,minor,partial,04-NQ/TW,mục 1,secretary;deputy_secretary,",
            "A,A2,A-3,Biểu hiện thứ 3,Item A-3,serious,label,04-NQ/TW,,,",
            "B,,B-1,Điều không được làm,Item B-1,grave,label,47-QĐ/TW,Điều 1,,",
        ]
        .join("\n")
    }

    fn found(issues: &[Issue]) -> Vec<(String, String)> {
        issues.iter().map(|i| (i.code.clone(), i.path.to_string())).collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect()
    }

    #[test]
    fn reads_vietnamese_rows_into_their_groups() {
        let (c, issues) = Catalogue::from_csv(HEADER, &good_rows()).unwrap();
        assert_eq!(issues, Vec::new());
        assert_eq!(c.counts(), [3, 0, 1]);
        let a1 = &c.groups[0].subgroups[0];
        assert_eq!(a1.items[0].code, "A-1");
        assert_eq!(a1.items[0].text.vi, "Phai nhạt lý tưởng cách mạng; dao động,\ngiảm sút niềm tin");
        assert_eq!(a1.items[0].wording, Wording::Verbatim);
        assert_eq!(a1.items[0].source.point, None);
        assert_eq!(a1.items[1].source.point.as_deref(), Some("mục 1"));
        assert_eq!(a1.items[1].applies_to, [RoleKind::Secretary, RoleKind::DeputySecretary]);
        assert_eq!(c.groups[0].subgroups[1].items[0].severity, Severity::Serious);
        assert_eq!(c.groups[1].items[0].code, "B-1");
        assert_eq!(c.groups[1].items[0].severity, Severity::Grave);
    }

    #[test]
    fn excel_semicolons_bom_and_crlf() {
        let (comma, _) = Catalogue::from_csv(HEADER, &good_rows()).unwrap();
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        let rows = good_rows();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(rows.as_bytes());
        for record in reader.records() {
            writer.write_record(&record.unwrap()).unwrap();
        }
        let semicolons = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert!(semicolons.starts_with("group;subgroup;code;"));
        assert!(semicolons.contains("\"secretary;deputy_secretary\""));
        let (excel, issues) = Catalogue::from_csv(HEADER, &format!("\u{feff}{semicolons}")).unwrap();
        assert_eq!(issues, Vec::new());
        assert_eq!(excel, comma);
    }

    #[test]
    fn decomposed_vietnamese_is_normalised() {
        let decomposed = good_rows().replace("Xa rời", "Xa r\u{6f}\u{31b}\u{300}i");
        let (c, _) = Catalogue::from_csv(HEADER, &decomposed).unwrap();
        assert_eq!(c.groups[0].subgroups[0].items[1].text.vi, "Xa rời tôn chỉ");
    }

    #[test]
    fn bad_cells_are_findings_and_their_rows_left_out() {
        let csv = [
            COLUMNS,
            "A,A1,A-1,Nội dung 1,Item 1,minor,label,04-NQ/TW,,,",
            "Z,,Z-1,Nội dung,Item,minor,label,04-NQ/TW,,,",
            "A,A9,A-9,Nội dung,Item,minor,label,04-NQ/TW,,,",
            "A,A1,A 2, ,Item,minor,label,04-NQ/TW,,,",
            "A,A1,A-1,Nội dung,Item,nhẹ,chính xác,,,bí_thư,",
            "A,A1,A-3,Nội dung,Item,minor,label,04-NQ/TW,,secretary;chief,TTCT 1",
            "B,,B-1,Nội dung,Item,grave,label",
            ",,,,,,,,,,",
            "B,,B-2,Nội dung,Item,grave,label,47-QĐ/TW,,,,extra",
            "B,,B-3,Nội dung,Item,grave,label,47-QĐ/TW,,,",
        ]
        .join("\n");
        let (c, issues) = Catalogue::from_csv(HEADER, &csv).unwrap();
        assert_eq!(
            found(&issues),
            pairs(&[
                ("unknown_group", "row 3, column `group`"),
                ("unknown_subgroup", "row 4, column `subgroup`"),
                ("invalid_code", "row 5, column `code`"),
                ("empty_text", "row 5, column `text_vi`"),
                ("duplicate_code", "row 6, column `code`"),
                ("invalid_value", "row 6, column `severity`"),
                ("invalid_value", "row 6, column `wording`"),
                ("empty_text", "row 6, column `source_document`"),
                ("invalid_value", "row 6, column `applies_to`"),
                ("invalid_value", "row 7, column `applies_to`"),
                ("invalid_code", "row 7, column `refines`"),
                ("wrong_field_count", "[8]"),
                ("wrong_field_count", "[10]"),
                // Then validation of what was kept: A has 1 of 3, A1 1 of 2, A2 none.
                ("count_mismatch", "groups[0].declared_count"),
                ("count_mismatch", "groups[0].subgroups[0].declared_count"),
                ("empty_group", "groups[0].subgroups[1]"),
            ])
        );
        let kept: Vec<&str> = c.items().map(|p| p.item.code.as_str()).collect();
        assert_eq!(kept, ["A-1", "B-3"]);

        let message = |i: usize| (issues[i].message_en.as_str(), issues[i].message_vi.as_str());
        assert_eq!(
            message(0),
            ("the group `Z` is not declared in the catalogue header", "nhóm `Z` không có trong phần đầu danh mục")
        );
        assert_eq!(
            message(1),
            ("the sub-group `A9` is not declared in group `A`", "nhóm con `A9` không có trong nhóm `A`")
        );
        assert_eq!(message(3), ("the field `text_vi` must not be empty", "trường `text_vi` không được để trống"));
        assert_eq!(
            message(5),
            (
                "the value `nhẹ` in column `severity` is not valid, expected one of: minor, serious, grave",
                "giá trị `nhẹ` ở cột `severity` không hợp lệ, cần một trong: minor, serious, grave"
            )
        );
        assert_eq!(
            issues[6].message_en,
            "the value `chính xác` in column `wording` is not valid, expected one of: verbatim, partial, label"
        );
        assert_eq!(
            issues[9].message_en,
            "the value `chief` in column `applies_to` is not valid, expected one of: committee_member, standing_committee_member, secretary, deputy_secretary, head_of_agency"
        );
        assert_eq!(
            message(11),
            ("row 8 has 7 fields, expected 11 like the header", "dòng 8 có 7 ô, cần 11 ô như dòng tiêu đề")
        );
        assert_eq!(issues[12].message_en, "row 10 has 12 fields, expected 11 like the header");
    }

    #[test]
    fn header_row_findings() {
        // Optional columns may be left out; unknown and repeated ones are findings.
        let csv = "code,group,text_vi,text_en,severity,wording,source_document,ghi_chu,code\n\
                   B-1,B,Nội dung,Item,grave,label,47-QĐ/TW,x,B-1\n";
        let (c, issues) = Catalogue::from_csv(HEADER, csv).unwrap();
        assert_eq!(
            found(&issues)[..2],
            pairs(&[("unknown_column", "row 1, column `ghi_chu`"), ("duplicate_code", "row 1, column `code`"),])
        );
        assert_eq!(issues[0].message_en, "the column `ghi_chu` is not part of the format");
        assert_eq!(c.groups[1].items.len(), 1);

        // A required column missing: reported, and no row is read.
        let csv = "group,code,text_vi,text_en,wording,source_document\nB,B-1,x,y,label,47-QĐ/TW\n";
        let (c, issues) = Catalogue::from_csv(HEADER, csv).unwrap();
        assert_eq!(found(&issues)[0], pairs(&[("missing_column", "row 1, column `severity`")])[0]);
        assert_eq!(issues[0].message_vi, "thiếu cột `severity`");
        assert_eq!(c.counts(), [0, 0, 0]);

        // An empty file: every required column is missing.
        let (_, issues) = Catalogue::from_csv(HEADER, "").unwrap();
        let missing: Vec<&str> =
            issues.iter().filter(|i| i.code == "missing_column").map(|i| i.params["column"].as_str()).collect();
        assert_eq!(missing, ["group", "code", "text_vi", "text_en", "severity", "wording", "source_document"]);
    }

    #[test]
    fn items_in_the_header_are_refused() {
        let central = Catalogue::central_2020().unwrap();
        let (c, issues) = Catalogue::from_csv(&central.to_json(), &central.to_csv()).unwrap();
        assert_eq!(
            found(&issues),
            pairs(&[
                ("items_in_header", "groups[0].subgroups[0].items"),
                ("items_in_header", "groups[0].subgroups[1].items"),
                ("items_in_header", "groups[0].subgroups[2].items"),
                ("items_in_header", "groups[1].subgroups[0].items"),
                ("items_in_header", "groups[1].subgroups[1].items"),
                ("items_in_header", "groups[2].items"),
            ])
        );
        assert_eq!(
            issues[5].message_en,
            "the catalogue header must not contain items: the group `QD47` has 19, put them in the CSV"
        );
        // The header's items are dropped; the CSV's are kept.
        assert_eq!(c, central);
    }

    #[test]
    fn unusable_headers_are_errors() {
        let err = Catalogue::from_csv("{", "").unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        let err = Catalogue::from_csv(r#"{"id": "x"}"#, "").unwrap_err();
        assert_eq!(err.to_string(), "invalid catalogue header JSON at (document): missing field `version`");
        assert_eq!(err.message_vi(), "JSON của phần đầu danh mục không hợp lệ tại (document): thiếu trường `version`");
        let bad_kind = HEADER.replace("\"prohibition\"", "\"forbidden\"");
        let err = Catalogue::from_csv(&bad_kind, "").unwrap_err();
        assert_eq!(err.location().unwrap().path.to_string(), "groups[1].kind");
    }

    #[test]
    fn validation_findings_are_appended() {
        let header = HEADER.replace("\"declared_count\": 1", "\"declared_count\": 2");
        let (_, issues) = Catalogue::from_csv(&header, &good_rows()).unwrap();
        assert_eq!(found(&issues), pairs(&[("count_mismatch", "groups[1].declared_count")]));
        let with_refines = good_rows().replace("04-NQ/TW,,,", "04-NQ/TW,,,TTCT-1");
        let (_, issues) = Catalogue::from_csv(HEADER, &with_refines).unwrap();
        assert_eq!(
            found(&issues),
            pairs(&[
                ("refines_without_catalogue", "groups[0].subgroups[0].items[0].refines"),
                ("refines_without_catalogue", "groups[0].subgroups[1].items[0].refines"),
            ])
        );
    }

    #[test]
    fn round_trips_of_the_embedded_catalogues() {
        let central = Catalogue::central_2020().unwrap();
        let local = crate::synthetic::local_catalogue(&central);
        for catalogue in [central, local] {
            let (again, _) = Catalogue::from_csv(&catalogue.csv_header(), &catalogue.to_csv()).unwrap();
            assert_eq!(again, catalogue);
        }
    }

    #[test]
    fn every_role_name_is_read() {
        for role in ROLE_KINDS {
            let mut found = Vec::new();
            assert_eq!(roles(2, role.as_str(), &mut found), [role]);
            assert!(found.is_empty());
        }
    }

    fn code() -> impl Strategy<Value = String> {
        "[A-Za-zĐđ0-9][A-Za-z0-9._-]{0,8}"
    }

    /// Any text that is not blank, in NFC (as everything read is normalised).
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<char>(), 0..24)
            .prop_map(|chars| nfc(&format!("x{}", String::from_iter(chars))).into_owned())
    }

    fn day() -> impl Strategy<Value = chrono::NaiveDate> {
        (1900..2100i32, 1..=365u32).prop_map(|(y, d)| chrono::NaiveDate::from_yo_opt(y, d).unwrap_or_default())
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            (text(), text()),
            prop::sample::select(Severity::ALL.to_vec()),
            prop::sample::select(vec![Wording::Verbatim, Wording::Partial, Wording::Label]),
            (text(), prop::option::of(text())),
            prop::collection::vec(prop::sample::select(ROLE_KINDS.to_vec()), 0..3),
            prop::option::of(code()),
        )
            .prop_map(|((vi, en), severity, wording, (document, point), applies_to, refines)| Item {
                code: String::new(),
                text: Text::new(vi, en),
                severity,
                source: Source { document, point },
                wording,
                applies_to,
                refines,
            })
    }

    fn subgroup() -> impl Strategy<Value = Subgroup> {
        ((text(), text()), prop::option::of(any::<u32>()), prop::collection::vec(item(), 0..4)).prop_map(
            |((vi, en), declared_count, items)| Subgroup {
                code: String::new(),
                title: Text::new(vi, en),
                declared_count,
                items,
            },
        )
    }

    fn group() -> impl Strategy<Value = Group> {
        (
            prop::sample::select(ItemKind::ALL.to_vec()),
            (text(), text()),
            prop::option::of((text(), prop::option::of(text()))),
            prop::option::of(any::<u32>()),
            prop::collection::vec(subgroup(), 0..3),
            prop::collection::vec(item(), 0..4),
        )
            .prop_map(|(kind, (vi, en), source, declared_count, subgroups, items)| Group {
                code: String::new(),
                kind,
                title: Text::new(vi, en),
                source: source.map(|(document, point)| Source { document, point }),
                declared_count,
                subgroups,
                items,
            })
    }

    /// Catalogues whose rows are all readable back: codes valid and unique, texts not blank.
    pub(crate) fn catalogue() -> impl Strategy<Value = Catalogue> {
        (
            (code(), code(), text(), text()),
            prop::sample::select(vec![Origin::Central, Origin::Local, Origin::Synthetic]),
            (text(), text()),
            (day(), day(), prop::option::of(day())),
            prop::option::of((code(), code())),
            prop::option::of(text()),
            prop::collection::vec(group(), 0..4),
        )
            .prop_map(|((id, version, vi, en), origin, (issuer, number), dates, refines, notes, groups)| {
                let mut c = Catalogue {
                    id,
                    version,
                    title: Text::new(vi, en),
                    origin,
                    issuer,
                    document_number: number,
                    document_date: dates.0,
                    effective_from: dates.1,
                    effective_until: dates.2,
                    refines: refines.map(|(id, version)| CatalogueRef { id, version }),
                    notes,
                    groups,
                };
                let mut n = 0;
                for (g, group) in c.groups.iter_mut().enumerate() {
                    group.code = format!("G{g}");
                    for (s, subgroup) in group.subgroups.iter_mut().enumerate() {
                        subgroup.code = format!("G{g}S{s}");
                        for item in &mut subgroup.items {
                            n += 1;
                            item.code = format!("I-{n}");
                        }
                    }
                    for item in &mut group.items {
                        n += 1;
                        item.code = format!("I-{n}");
                    }
                }
                c
            })
    }

    fn lossy() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// CSV-looking text: cells from a small vocabulary joined by `,` or `;`, with quotes and
    /// newlines here and there.
    fn csv_like() -> impl Strategy<Value = String> {
        let cell = prop_oneof![
            prop::sample::select(
                CSV_COLUMNS
                    .iter()
                    .copied()
                    .chain(["A", "A1", "B", "A-1", "minor", "grave", "label", "secretary;x", "\"", "\u{feff}", ""])
                    .collect::<Vec<_>>()
            )
            .prop_map(str::to_owned),
            any::<String>(),
        ];
        prop::collection::vec((prop::collection::vec(cell, 0..14), prop::sample::select(vec![",", ";"])), 0..6)
            .prop_map(|rows| {
                rows.into_iter().map(|(cells, delimiter)| cells.join(delimiter)).collect::<Vec<_>>().join("\n")
            })
    }

    proptest! {
        #[test]
        fn from_csv_never_panics(csv in prop_oneof![any::<String>(), lossy(), csv_like()]) {
            let _ = Catalogue::from_csv(HEADER, &csv);
            let _ = Catalogue::from_csv(HEADER, &format!("{COLUMNS}\n{csv}"));
        }

        #[test]
        fn from_csv_never_panics_on_any_header(header in prop_oneof![any::<String>(), lossy()], csv in lossy()) {
            let _ = Catalogue::from_csv(&header, &csv);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn round_trips_through_json_and_csv(c in catalogue()) {
            prop_assert_eq!(&Catalogue::from_json(&c.to_json()).unwrap(), &c);
            let (again, _) = Catalogue::from_csv(&c.csv_header(), &c.to_csv()).unwrap();
            prop_assert_eq!(&again, &c);
        }
    }
}
