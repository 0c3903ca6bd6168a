//! The long format of reviews: one row per finding — `member`, `month`, `item`, `assessor`,
//! `finding`, and optionally `unit` and `status` — the shape analysts keep in data frames, Arrow
//! tables and CSV files.
//!
//! Rows are grouped into one [`MonthlyReview`] per member and month, in the order their first row
//! comes. Every row is either accepted or rejected with a located finding (`rows[17].finding`, or
//! `row 18, column finding` in CSV): a batch never drops a row silently.
//!
//! - `month` is `2020-09`, or a day of the month (`2020-09-15`, as a date column gives it).
//! - `assessor` is `self` (the member's self-assessment) or `cell` (the cell's conclusion).
//! - `finding` is one of the findings the item's kind accepts (`present`, `violated`, `not_yet_good`…).
//! - Without `unit`, the review is at the unit the member belongs to at the end of the month (or,
//!   for a member who left during the month, the last one that month).
//! - Without `status`, every review has the status given to the reader.
//!
//! ```
//! use soisua::review::long::{LongReader, LongRow};
//! use soisua::{Catalogue, Organisation, ReviewStatus};
//! # let org = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
//! #   "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
//! #   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
//! let catalogue = Catalogue::central_2020()?;
//! let index = org.index();
//! let mut reader = LongReader::new(&catalogue, &index, ReviewStatus::Draft);
//! let row = |item, finding| LongRow {
//!     member: Some("DV1"), month: Some("2020-09"), item: Some(item), assessor: Some("cell"),
//!     finding: Some(finding), ..LongRow::default()
//! };
//! reader.push(row("TTCT-3", "present"));
//! reader.push(row("TTCT-3", "none"));
//! reader.push(row("TTCT-4", "violated"));
//! let read = reader.finish();
//! assert_eq!((read.rows, read.accepted), (3, 1));
//! assert_eq!(read.rejected[0].code, "conflicting_row");
//! assert_eq!(read.rejected[1].path.to_string(), "rows[2].finding");
//! assert_eq!(read.batch.reviews[0].unit, "CB");
//! # Ok::<(), soisua::Error>(())
//! ```

#![allow(clippy::result_large_err, reason = "a rejected row is one finding, and rows are read one at a time")]

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Answer, Assessor, Finding, MonthlyReview, ReviewBatch, ReviewStatus};
use crate::catalogue::CatalogueRef;
use crate::catalogue::ItemKind;
use crate::org::OrgIndex;
use crate::{Catalogue, Error, Issue, IssueCode, Month, Path, nfc};

/// The columns every long-format table has.
pub const LONG_COLUMNS: [&str; 5] = ["member", "month", "item", "assessor", "finding"];
/// The columns a long-format table may have.
pub const LONG_OPTIONAL_COLUMNS: [&str; 2] = ["unit", "status"];

/// One row of the long format; `None` is a missing value (a null cell).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LongRow<'r> {
    /// The member's id.
    pub member: Option<&'r str>,
    /// `2020-09` or `2020-09-15`.
    pub month: Option<&'r str>,
    /// The item's code.
    pub item: Option<&'r str>,
    /// `self` or `cell`.
    pub assessor: Option<&'r str>,
    /// The finding's name.
    pub finding: Option<&'r str>,
    /// The unit, when the table has the column.
    pub unit: Option<&'r str>,
    /// `draft` or `final`, when the table has the column.
    pub status: Option<&'r str>,
}

/// What a long-format table gave: the reviews, and what happened to every row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LongBatch {
    /// The reviews the accepted rows make.
    pub batch: ReviewBatch,
    /// Rows read.
    pub rows: usize,
    /// Rows taken into a review.
    pub accepted: usize,
    /// One finding per rejected row, in row order.
    pub rejected: Vec<Issue>,
}

/// Where a row is, for its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A data frame or Arrow table: `rows[i].column`, from 0.
    Frame,
    /// A CSV file: `row n, column c`, the header being row 1.
    Csv,
}

/// Reads long-format rows into reviews, checking each against a catalogue and an organisation.
///
/// A row allocates nothing unless it starts a review or an answer: members, units and items are
/// borrowed from the organisation and the catalogue, and looked up by position.
#[derive(Debug)]
pub struct LongReader<'e> {
    reference: CatalogueRef,
    /// Item code → (kind, position in the catalogue).
    kinds: HashMap<&'e str, (ItemKind, usize)>,
    org: &'e OrgIndex<'e>,
    status: ReviewStatus,
    origin: Origin,
    reviews: Vec<MonthlyReview>,
    /// (member position, month) → (index in `reviews`, the row that started it).
    at: HashMap<(usize, Month), (usize, usize)>,
    /// (review, item position) → (index of the answer, the rows that gave the self-assessment and
    /// the cell's conclusion).
    answers: HashMap<(usize, usize), Given>,
    rows: usize,
    accepted: usize,
    rejected: Vec<Issue>,
}

/// An answer's index in its review, and the rows that gave its self-assessment and cell conclusion.
type Given = (usize, Option<usize>, Option<usize>);

/// A row's values, read and checked (borrowed from the organisation and the catalogue).
#[derive(Clone, Copy)]
struct Read<'e> {
    member: &'e str,
    member_position: usize,
    month: Month,
    item: &'e str,
    item_position: usize,
    assessor: Assessor,
    finding: Finding,
    unit: &'e str,
    status: ReviewStatus,
}

impl<'e> LongReader<'e> {
    /// A reader for rows of data frames and Arrow tables; `status` is that of every review unless
    /// a `status` column says otherwise.
    pub fn new(catalogue: &'e Catalogue, org: &'e OrgIndex<'e>, status: ReviewStatus) -> Self {
        LongReader {
            reference: catalogue.reference(),
            kinds: catalogue
                .items()
                .enumerate()
                .map(|(position, placed)| (placed.item.code.as_str(), (placed.kind(), position)))
                .collect(),
            org,
            status,
            origin: Origin::Frame,
            reviews: Vec::new(),
            at: HashMap::new(),
            answers: HashMap::new(),
            rows: 0,
            accepted: 0,
            rejected: Vec::new(),
        }
    }

    /// Reads the next row (rows are numbered from 0 in the order they are pushed).
    pub fn push(&mut self, row: LongRow<'_>) {
        let index = self.rows;
        self.rows += 1;
        match self.read(index, &row).and_then(|read| self.place(index, read)) {
            Ok(()) => self.accepted += 1,
            Err(issue) => self.rejected.push(issue),
        }
    }

    /// The reviews and the account of every row.
    pub fn finish(self) -> LongBatch {
        LongBatch {
            batch: ReviewBatch { reviews: self.reviews },
            rows: self.rows,
            accepted: self.accepted,
            rejected: self.rejected,
        }
    }

    fn path(&self, index: usize, column: &str) -> Path {
        match self.origin {
            Origin::Frame => Path::root().key("rows").index(index).key(column),
            Origin::Csv => Path::csv(self.number(index), column),
        }
    }

    /// A row's number as its findings name it: from 0 in a table, the CSV line (header = 1) in CSV.
    fn number(&self, index: usize) -> u64 {
        let index = u64::try_from(index).unwrap_or(u64::MAX);
        match self.origin {
            Origin::Frame => index,
            Origin::Csv => index.saturating_add(2),
        }
    }

    fn issue(&self, code: IssueCode, index: usize, column: &str) -> Issue {
        Issue::new(code, self.path(index, column))
    }

    fn required<'r>(&self, index: usize, column: &str, value: Option<&'r str>) -> Result<&'r str, Issue> {
        match value.map(str::trim) {
            Some(text) if !text.is_empty() => Ok(text),
            _ => Err(self.issue(IssueCode::MissingValue, index, column).with("column", column)),
        }
    }

    fn invalid(&self, index: usize, column: &str, value: &str, expected: &str) -> Issue {
        self.issue(IssueCode::InvalidValue, index, column)
            .with("column", column)
            .with("value", value)
            .with("expected", expected)
    }

    fn read(&self, index: usize, row: &LongRow<'_>) -> Result<Read<'e>, Issue> {
        let member = nfc(self.required(index, "member", row.member)?);
        let month_text = self.required(index, "month", row.month)?;
        let month =
            parse_month(month_text).ok_or_else(|| self.invalid(index, "month", month_text, "YYYY-MM, YYYY-MM-DD"))?;
        let item = nfc(self.required(index, "item", row.item)?);
        let assessor = match self.required(index, "assessor", row.assessor)? {
            "self" => Assessor::SelfAssessment,
            "cell" => Assessor::Cell,
            other => return Err(self.invalid(index, "assessor", other, "self, cell")),
        };
        let finding_text = self.required(index, "finding", row.finding)?;
        let finding = Finding::from_name(finding_text).ok_or_else(|| {
            let all: Vec<&str> = Finding::ALL.iter().map(|f| f.as_str()).collect();
            self.invalid(index, "finding", finding_text, &all.join(", "))
        })?;
        let status = match row.status.map(str::trim).filter(|s| !s.is_empty()) {
            None => self.status,
            Some("draft") => ReviewStatus::Draft,
            Some("final") => ReviewStatus::Final,
            Some(other) => return Err(self.invalid(index, "status", other, "draft, final")),
        };
        let org = self.org;
        let (Some(known), Some(member_position)) = (org.member(&member), org.member_position(&member)) else {
            return Err(self.issue(IssueCode::UnknownMember, index, "member").with("member", &member));
        };
        let unit: &'e str = if let Some(unit) = row.unit.map(str::trim).filter(|u| !u.is_empty()) {
            let unit = nfc(unit);
            let Some(known_unit) = org.unit(&unit) else {
                return Err(self.issue(IssueCode::UnknownUnit, index, "unit").with("unit", &unit));
            };
            &known_unit.id
        } else {
            let last = month.last_day();
            let covering = known.memberships.iter().find(|m| m.covers(last)).map(|m| m.unit.as_str());
            let Some(unit) = covering.or_else(|| known.units_in(month).last()) else {
                return Err(self
                    .issue(IssueCode::NoUnitInMonth, index, "member")
                    .with("member", &member)
                    .with("month", month));
            };
            unit
        };
        let Some((&item, &(kind, item_position))) = self.kinds.get_key_value(item.as_ref()) else {
            return Err(self.issue(IssueCode::UnknownItem, index, "item").with("item", &item));
        };
        if !finding.fits(kind) {
            let expected: Vec<&str> = Finding::for_kind(kind).iter().map(|f| f.as_str()).collect();
            return Err(self
                .issue(IssueCode::FindingWrongKind, index, "finding")
                .with("finding", finding.as_str())
                .with("item", item)
                .with("kind", kind.as_str())
                .with("expected", expected.join(", ")));
        }
        Ok(Read { member: &known.id, member_position, month, item, item_position, assessor, finding, unit, status })
    }

    fn place(&mut self, index: usize, read: Read<'e>) -> Result<(), Issue> {
        let key = (read.member_position, read.month);
        let position = if let Some(&(position, first)) = self.at.get(&key) {
            let review = self.reviews.get(position);
            if review.is_some_and(|r| r.unit != read.unit) {
                return Err(self.conflict(index, "unit", first));
            }
            if review.is_some_and(|r| r.status != read.status) {
                return Err(self.conflict(index, "status", first));
            }
            position
        } else {
            let position = self.reviews.len();
            self.reviews.push(MonthlyReview {
                member: read.member.to_owned(),
                unit: read.unit.to_owned(),
                month: read.month,
                catalogue: self.reference.clone(),
                status: read.status,
                answers: Vec::new(),
                notes: None,
            });
            self.at.insert(key, (position, index));
            position
        };
        let Some(review) = self.reviews.get_mut(position) else {
            return Err(self.issue(IssueCode::MissingValue, index, "member").with("column", "member"));
        };
        let slot = self.answers.entry((position, read.item_position)).or_insert_with(|| {
            review.answers.push(Answer { item: read.item.to_owned(), self_assessment: None, cell: None });
            (review.answers.len() - 1, None, None)
        });
        let (answer_at, given) = match read.assessor {
            Assessor::SelfAssessment => (slot.0, &mut slot.1),
            Assessor::Cell => (slot.0, &mut slot.2),
        };
        let Some(answer) = review.answers.get_mut(answer_at) else {
            return Err(self.issue(IssueCode::MissingValue, index, "item").with("column", "item"));
        };
        if let Some(first) = *given {
            let same = answer.finding(read.assessor) == Some(read.finding);
            return Err(if same {
                self.issue(IssueCode::DuplicateRow, index, "finding").with("first", self.number(first))
            } else {
                self.conflict(index, "finding", first)
            });
        }
        *given = Some(index);
        match read.assessor {
            Assessor::SelfAssessment => answer.self_assessment = Some(read.finding),
            Assessor::Cell => answer.cell = Some(read.finding),
        }
        Ok(())
    }

    fn conflict(&self, index: usize, column: &str, first: usize) -> Issue {
        self.issue(IssueCode::ConflictingRow, index, column).with("column", column).with("first", self.number(first))
    }
}

fn parse_month(text: &str) -> Option<Month> {
    let text = text.trim();
    if let Ok(month) = text.parse::<Month>() {
        return Some(month);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Month::from_date)
}

impl Answer {
    /// The finding given by one assessor.
    pub fn finding(&self, assessor: Assessor) -> Option<Finding> {
        match assessor {
            Assessor::SelfAssessment => self.self_assessment,
            Assessor::Cell => self.cell,
        }
    }
}

impl ReviewBatch {
    /// Reads a long-format CSV (header row naming [`LONG_COLUMNS`] and any of
    /// [`LONG_OPTIONAL_COLUMNS`], in any order; `,` or `;` between cells; UTF-8, a BOM allowed).
    ///
    /// A header without a required column, or with a column the format does not know, is an
    /// `Error::Invalid` (nothing can be read); a bad row is a finding in `rejected`.
    pub fn from_long_csv(
        text: &str,
        catalogue: &Catalogue,
        org: &OrgIndex<'_>,
        status: ReviewStatus,
    ) -> Result<LongBatch, Error> {
        let text = nfc(text);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let delimiter =
            if text.lines().next().is_some_and(|h| h.contains(';') && !h.contains(',')) { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(record) => record.map_err(|e| crate::catalogue::csv_error(&e))?,
            None => csv::StringRecord::new(),
        };
        let mut issues = Vec::new();
        let mut columns: HashMap<&str, usize> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim();
            if !(LONG_COLUMNS.contains(&name) || LONG_OPTIONAL_COLUMNS.contains(&name)) {
                issues.push(Issue::new(IssueCode::UnknownColumn, Path::csv(1, name)).with("column", name));
            } else if columns.insert(name, i).is_some() {
                issues.push(Issue::new(IssueCode::DuplicateColumn, Path::csv(1, name)).with("column", name));
            }
        }
        for name in LONG_COLUMNS {
            if !columns.contains_key(name) {
                issues.push(Issue::new(IssueCode::MissingColumn, Path::csv(1, name)).with("column", name));
            }
        }
        if !issues.is_empty() {
            return Err(Error::Invalid { document: "long-format reviews", issues });
        }
        let mut long = LongReader::new(catalogue, org, status);
        long.origin = Origin::Csv;
        for record in records {
            let record = record.map_err(|e| crate::catalogue::csv_error(&e))?;
            let cell = |name: &str| columns.get(name).and_then(|&i| record.get(i)).filter(|v| !v.is_empty());
            long.push(LongRow {
                member: cell("member"),
                month: cell("month"),
                item: cell("item"),
                assessor: cell("assessor"),
                finding: cell("finding"),
                unit: cell("unit"),
                status: cell("status"),
            });
        }
        Ok(long.finish())
    }

    /// The batch in long format: one row per finding given, as `[member, month, item, assessor,
    /// finding, unit, status]`, in review and answer order (self-assessment before the cell's).
    /// Reading these rows back gives the same reviews (notes aside, which the format has no column for).
    pub fn to_long_rows(&self) -> Vec<[String; 7]> {
        let mut rows = Vec::new();
        for review in &self.reviews {
            let status = match review.status {
                ReviewStatus::Draft => "draft",
                ReviewStatus::Final => "final",
            };
            for answer in &review.answers {
                for (assessor, name) in [(Assessor::SelfAssessment, "self"), (Assessor::Cell, "cell")] {
                    if let Some(finding) = answer.finding(assessor) {
                        rows.push([
                            review.member.clone(),
                            review.month.to_string(),
                            answer.item.clone(),
                            name.to_owned(),
                            finding.as_str().to_owned(),
                            review.unit.clone(),
                            status.to_owned(),
                        ]);
                    }
                }
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Catalogue, Organisation};

    fn org() -> Organisation {
        Organisation::from_json(
            r#"{"id": "o", "name": {"vi": "O", "en": "O"},
            "units": [{"id": "CB1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"},
                      {"id": "CB2", "name": "Chi bộ 2", "kind": "cell", "org_type": "commune"}],
            "members": [{"id": "DV1", "status": "full", "memberships": [
                {"unit": "CB1", "from": "2010-01-01", "until": "2020-09-10"},
                {"unit": "CB2", "from": "2020-09-11"}]},
              {"id": "DV2", "status": "full", "memberships": [{"unit": "CB1", "from": "2021-01-01"}]}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn read(csv: &str) -> Result<LongBatch, Error> {
        let (catalogue, org) = (Catalogue::central_2020()?, org());
        ReviewBatch::from_long_csv(csv, &catalogue, &org.index(), ReviewStatus::Final)
    }

    #[test]
    fn rows_group_into_reviews_at_the_unit_of_the_month_end() -> Result<(), Error> {
        let long = read(
            "member,month,item,assessor,finding\n\
             DV1,2020-09,TTCT-3,self,none\nDV1,2020-09-01,TTCT-3,cell,present\nDV1,2020-08,TTCT-3,cell,none\n",
        )?;
        assert_eq!((long.rows, long.accepted, long.rejected.len()), (3, 3, 0));
        let units: Vec<(&str, String)> =
            long.batch.reviews.iter().map(|r| (r.unit.as_str(), r.month.to_string())).collect();
        assert_eq!(units, [("CB2", "2020-09".to_owned()), ("CB1", "2020-08".to_owned())]);
        let answer = &long.batch.reviews[0].answers[0];
        assert_eq!((answer.self_assessment, answer.cell), (Some(Finding::None), Some(Finding::Present)));
        Ok(())
    }

    #[test]
    fn every_bad_row_is_rejected_with_its_row_and_column() -> Result<(), Error> {
        let long = read(
            "member;month;item;assessor;finding;unit\n\
             DV9;2020-09;TTCT-3;cell;present;\n\
             DV1;2020-13;TTCT-3;cell;present;\n\
             DV1;2020-09;TTCT-3;boss;present;\n\
             DV1;2020-09;TTCT-3;cell;violated;\n\
             DV1;2020-09;XX-1;cell;present;\n\
             DV2;2020-09;TTCT-3;cell;present;\n\
             DV1;2020-09;TTCT-3;cell;present;CB9\n\
             DV1;2020-09;;cell;present;\n\
             DV1;2020-09;TTCT-3;cell;present;\n\
             DV1;2020-09;TTCT-3;cell;present;\n\
             DV1;2020-09;TTCT-3;cell;none;\n\
             DV1;2020-09;TTCT-4;cell;none;CB1\n",
        )?;
        let got: Vec<String> = long.rejected.iter().map(|i| format!("{} {}", i.code, i.path)).collect();
        assert_eq!(
            got,
            [
                "unknown_member row 2, column `member`",
                "invalid_value row 3, column `month`",
                "invalid_value row 4, column `assessor`",
                "finding_wrong_kind row 5, column `finding`",
                "unknown_item row 6, column `item`",
                "no_unit_in_month row 7, column `member`",
                "unknown_unit row 8, column `unit`",
                "missing_value row 9, column `item`",
                "duplicate_row row 11, column `finding`",
                "conflicting_row row 12, column `finding`",
                "conflicting_row row 13, column `unit`",
            ]
        );
        assert_eq!((long.rows, long.accepted), (12, 1));
        // Rows are named as the location names them: CSV lines, the header being line 1.
        assert_eq!(long.rejected[8].message_en, "the row repeats row 10");
        assert_eq!(long.rejected[9].params.get("first").map(String::as_str), Some("10"));
        assert!(long.rejected.iter().all(|i| !i.message_vi.is_empty() && !i.message_en.contains('{')));
        Ok(())
    }

    #[test]
    fn values_are_trimmed_and_a_repeated_column_is_refused() -> Result<(), Error> {
        let long = read("member,month,item,assessor,finding\n DV1 ,2020-09, TTCT-3 ,cell , present\n")?;
        assert_eq!((long.accepted, long.batch.reviews[0].answers[0].item.as_str()), (1, "TTCT-3"));
        let err =
            read("member,month,item,assessor,finding,item\n").err().map(|e| e.issues().to_vec()).unwrap_or_default();
        assert_eq!(err.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["duplicate_column"]);
        Ok(())
    }

    #[test]
    fn a_header_without_a_required_column_reads_nothing() {
        let err = read("member,month,item,finding,colour\n").err().map(|e| e.issues().to_vec()).unwrap_or_default();
        let codes: Vec<&str> = err.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["unknown_column", "missing_column"]);
    }

    #[test]
    fn long_rows_read_back_to_the_same_reviews() -> Result<(), Error> {
        let long = read(
            "member,month,item,assessor,finding,status\n\
             DV1,2020-09,TTCT-3,self,none,draft\nDV1,2020-09,TTCT-3,cell,present,draft\nDV1,2020-08,DDLS-1,cell,none,final\n",
        )?;
        let mut csv = String::from("member,month,item,assessor,finding,unit,status\n");
        for row in long.batch.to_long_rows() {
            csv.push_str(&row.join(","));
            csv.push('\n');
        }
        assert_eq!(read(&csv)?.batch, long.batch);
        Ok(())
    }
}
