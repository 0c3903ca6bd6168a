//! A month's rating per cell, and the report over a period: a [`Rollup`] of [`MeetingTally`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{Meeting, MeetingKind, MeetingRater, MeetingRating};
use crate::report::{Rollup, Tally, add_counts};
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Month, Path, Period, UnitKind};

/// Every cell's rating for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthRatings {
    /// The month.
    pub month: Month,
    /// The scheme, as `id@version`.
    pub scheme: String,
    /// One entry per cell open in the month, in the organisation's order.
    pub cells: Vec<CellMonth>,
    /// Findings about the meetings of the month (meetings of other months are history for the
    /// runs of absences, their findings are not repeated here), then the cells that held no
    /// regular meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

/// A cell's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CellMonth {
    /// The cell's id.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Rated, not held, or held but not rated (its record has errors).
    pub status: CellMonthStatus,
    /// Regular meetings held in the month.
    pub regular_meetings: u32,
    /// Thematic meetings held in the month.
    pub thematic_meetings: u32,
    /// The regular meeting that counts (the last one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// Its rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<MeetingRating>,
    /// Which meeting counts and why, when that needs saying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// How a cell's month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CellMonthStatus {
    /// A regular meeting was held and rated.
    Rated,
    /// No regular meeting was held.
    NotHeld,
    /// A regular meeting was held but its record has errors, so it is not rated.
    Unrated,
}

/// Counts of cell meetings for a unit and period. Every field adds up, and the sets are unions,
/// so tallies of disjoint units and months merge exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingTally {
    /// Cell-months expected: cells open in each month.
    pub cell_months: u64,
    /// Cell-months with a regular meeting.
    pub held: u64,
    /// Cell-months without one.
    pub not_held: u64,
    /// Regular meetings held (a cell meeting twice in a month counts twice here, once in `held`).
    pub regular_meetings: u64,
    /// Thematic meetings held.
    pub thematic_meetings: u64,
    /// Meetings of party groups (inside cells), counted apart.
    pub group_meetings: u64,
    /// Model meetings held (regular or thematic).
    pub model_meetings: u64,
    /// Cell-months by the level of the regular meeting that counts.
    pub by_level: BTreeMap<String, u64>,
    /// Cell-months whose regular meeting has errors and is not rated.
    pub unrated: u64,
    /// Members present at the rated regular meetings (member-meetings).
    pub members_present: u64,
    /// Members expected at the rated regular meetings (member-meetings).
    pub members_expected: u64,
    /// Minutes of the rated regular meetings, summed.
    pub duration_minutes: u64,
    /// How many meetings `duration_minutes` sums (the average is the quotient).
    pub duration_meetings: u64,
    /// Distinct cells expected.
    pub cells: BTreeSet<String>,
    /// Distinct cells that missed at least one month.
    pub cells_not_held: BTreeSet<String>,
}

impl Tally for MeetingTally {
    fn absorb(&mut self, other: &Self) {
        self.cell_months += other.cell_months;
        self.held += other.held;
        self.not_held += other.not_held;
        self.regular_meetings += other.regular_meetings;
        self.thematic_meetings += other.thematic_meetings;
        self.group_meetings += other.group_meetings;
        self.model_meetings += other.model_meetings;
        add_counts(&mut self.by_level, &other.by_level);
        self.unrated += other.unrated;
        self.members_present += other.members_present;
        self.members_expected += other.members_expected;
        self.duration_minutes += other.duration_minutes;
        self.duration_meetings += other.duration_meetings;
        self.cells.extend(other.cells.iter().cloned());
        self.cells_not_held.extend(other.cells_not_held.iter().cloned());
    }
}

impl MeetingTally {
    /// The average duration of the rated regular meetings, in minutes.
    ///
    /// ```
    /// let tally = soisua::meeting::MeetingTally { duration_minutes: 300, duration_meetings: 3, ..Default::default() };
    /// assert_eq!(tally.average_duration(), Some(100.0));
    /// ```
    pub fn average_duration(&self) -> Option<f64> {
        ratio(self.duration_minutes, self.duration_meetings)
    }

    /// The share of expected members present at the rated regular meetings (0 to 1).
    pub fn attendance(&self) -> Option<f64> {
        ratio(self.members_present, self.members_expected)
    }
}

#[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A report on cell meetings and the findings about the meetings it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingReport {
    /// The roll-up: merge it with others with [`Rollup::merge`].
    pub report: Rollup<MeetingTally>,
    /// Findings about the meetings in the period and scope, then the cell-months without a
    /// regular meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

/// The meetings given, by unit and month, each list by date then as given.
struct Book<'m> {
    meetings: &'m [Meeting],
    by_unit_month: HashMap<(&'m str, Month), Vec<usize>>,
    errors: Vec<bool>,
}

impl<'m> Book<'m> {
    fn new(meetings: &'m [Meeting], errors: Vec<bool>) -> Self {
        let mut by_unit_month: HashMap<(&str, Month), Vec<usize>> = HashMap::new();
        for (i, m) in meetings.iter().enumerate() {
            by_unit_month.entry((m.unit.as_str(), Month::from_date(m.date))).or_default().push(i);
        }
        for list in by_unit_month.values_mut() {
            list.sort_by_key(|&i| (meetings.get(i).map(|m| m.date), i));
        }
        Book { meetings, by_unit_month, errors }
    }

    fn of(&self, unit: &str, month: Month, kind: MeetingKind) -> Vec<usize> {
        let list = self.by_unit_month.get(&(unit, month)).map(Vec::as_slice).unwrap_or_default();
        list.iter().copied().filter(|&i| self.meetings.get(i).is_some_and(|m| m.kind == kind)).collect()
    }

    fn has_errors(&self, i: usize) -> bool {
        self.errors.get(i).copied().unwrap_or(true)
    }

    /// The regular meetings of `unit` in the year of `month` before `meetings[i]`, in order.
    fn earlier(&self, unit: &str, month: Month, i: usize) -> Vec<&'m Meeting> {
        let Some(this) = self.meetings.get(i) else { return Vec::new() };
        let first = Month::new(month.year(), 1).unwrap_or(month);
        first
            .through(month)
            .flat_map(|m| self.of(unit, m, MeetingKind::Regular))
            .filter(|&j| self.meetings.get(j).is_some_and(|m| (m.date, j) < (this.date, i)))
            .filter_map(|j| self.meetings.get(j))
            .collect()
    }
}

impl MeetingRater<'_> {
    /// Every cell open in `month`, with the rating of its regular meeting that month: none is
    /// `not_held` (and a `meeting_not_held` finding), several count by the last one (said in the
    /// entry's note), one with errors is `unrated`. Meetings of other months serve as history
    /// for the runs of excused absences.
    ///
    /// ```
    /// # use soisua::meeting::{Meeting, MeetingRater, MeetingScheme, CellMonthStatus};
    /// # let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
    /// #   "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"},
    /// #             {"id": "CB-2", "name": "Chi bộ 2", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
    /// let meeting: Meeting = serde_json::from_str(r#"{"id": "m1", "unit": "CB-1", "date": "2020-09-05",
    ///   "kind": "regular", "duration_minutes": 95, "present": ["DV1"], "speakers": ["DV1"],
    ///   "minutes_complete": true, "scores": {"preparation": 20, "conduct": 10, "principles": 10, "follow_up": 10}}"#).unwrap();
    /// let scheme = MeetingScheme::default_2018()?;
    /// let month = MeetingRater::new(&scheme, &org)?.month(&[meeting], "2020-09".parse()?);
    /// assert_eq!(month.cells[0].rating.as_ref().unwrap().level, "good");
    /// assert_eq!(month.cells[1].status, CellMonthStatus::NotHeld);
    /// assert_eq!(month.issues[0].message_en, "the cell `CB-2` held no regular meeting in 2020-09");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn month(&self, meetings: &[Meeting], month: Month) -> MonthRatings {
        let (found, errors) = self.validate_each(meetings);
        let mut issues: Vec<Issue> = meetings
            .iter()
            .zip(found)
            .filter(|(m, _)| Month::from_date(m.date) == month)
            .flat_map(|(_, list)| list)
            .collect();
        let book = Book::new(meetings, errors);
        let mut cells = Vec::new();
        for unit in self.cells_in(month) {
            let (entry, _) = self.cell_month(&book, &unit.id, month);
            if entry.status == CellMonthStatus::NotHeld {
                issues.push(not_held(&unit.id, month));
            }
            cells.push(CellMonth { name: unit.name.clone(), ..entry });
        }
        MonthRatings { month, scheme: self.scheme.reference(), cells, issues }
    }

    /// The report on cell meetings over `period` for `scope` (absent: the whole organisation):
    /// per month, every cell open that month and within the scope on its last day counts one
    /// cell-month, with its regular meeting's level (the last one, when several), attendance and
    /// duration; thematic, model and party-group meetings are counted apart. Each cell-month is
    /// covered as the period `YYYY-MM`, so monthly reports merge into quarters and years.
    ///
    /// Errors: `unknown_name` for a scope the organisation does not have.
    ///
    /// ```
    /// # use soisua::meeting::{Meeting, MeetingRater, MeetingScheme};
    /// # let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
    /// #   "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
    /// let scheme = MeetingScheme::default_2018()?;
    /// let rater = MeetingRater::new(&scheme, &org)?;
    /// let q3 = rater.report(&[], "2020-Q3".parse()?, None)?;
    /// assert_eq!((q3.report.total.cell_months, q3.report.total.not_held), (3, 3));
    /// let july = rater.report(&[], "2020-07".parse()?, None)?.report;
    /// let rest = rater.report(&[], "2020-08".parse()?, None)?.report.merge(&rater.report(&[], "2020-09".parse()?, None)?.report)?;
    /// assert_eq!(july.merge(&rest)?, q3.report);
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn report(&self, meetings: &[Meeting], period: Period, scope: Option<&str>) -> Result<MeetingReport, Error> {
        let mut report = Rollup::of(&self.index, scope)?;
        let (found, errors) = self.validate_each(meetings);
        let scope_id = report.scope.as_ref().map(|s| s.unit.clone());
        let mut issues: Vec<Issue> = meetings
            .iter()
            .zip(found)
            .filter(|(m, _)| period.contains(Month::from_date(m.date)))
            .filter(|(m, _)| scope_id.as_ref().is_none_or(|s| self.index.is_within(&m.unit, s, m.date)))
            .flat_map(|(_, list)| list)
            .collect();
        let book = Book::new(meetings, errors);
        for month in period.months() {
            let label = month.to_string();
            for unit in self.cells_in(month) {
                let (entry, tally) = self.cell_month(&book, &unit.id, month);
                let added = report.add_unit(&self.index, &unit.id, &label, month.last_day(), &tally);
                if added && entry.status == CellMonthStatus::NotHeld {
                    issues.push(not_held(&unit.id, month));
                }
            }
            let groups = self.index.organisation().units.iter().filter(|u| u.kind == UnitKind::Group);
            for unit in groups {
                let held = book.of(&unit.id, month, MeetingKind::Regular).len()
                    + book.of(&unit.id, month, MeetingKind::Thematic).len();
                if held > 0 {
                    let tally = MeetingTally { group_meetings: held as u64, ..MeetingTally::default() };
                    report.add_unit(&self.index, &unit.id, &label, month.last_day(), &tally);
                }
            }
        }
        Ok(MeetingReport { report, issues })
    }

    fn cells_in(&self, month: Month) -> impl Iterator<Item = &crate::Unit> {
        let units = &self.index.organisation().units;
        units.iter().filter(move |u| u.kind == UnitKind::Cell && u.is_open_in(month))
    }

    /// A cell's month (its name left empty) and its tally.
    fn cell_month(&self, book: &Book<'_>, unit: &str, month: Month) -> (CellMonth, MeetingTally) {
        let regular = book.of(unit, month, MeetingKind::Regular);
        let thematic = book.of(unit, month, MeetingKind::Thematic);
        let model = regular.iter().chain(&thematic).filter(|&&i| book.meetings.get(i).is_some_and(|m| m.model));
        let mut tally = MeetingTally {
            cell_months: 1,
            regular_meetings: regular.len() as u64,
            thematic_meetings: thematic.len() as u64,
            model_meetings: model.count() as u64,
            cells: BTreeSet::from([unit.to_owned()]),
            ..MeetingTally::default()
        };
        let mut entry = CellMonth {
            unit: unit.to_owned(),
            name: String::new(),
            status: CellMonthStatus::NotHeld,
            regular_meetings: u32::try_from(regular.len()).unwrap_or(u32::MAX),
            thematic_meetings: u32::try_from(thematic.len()).unwrap_or(u32::MAX),
            meeting: None,
            rating: None,
            note: None,
        };
        let Some((&last, meeting)) = regular.last().and_then(|i| Some((i, book.meetings.get(*i)?))) else {
            tally.not_held = 1;
            tally.cells_not_held.insert(unit.to_owned());
            return (entry, tally);
        };
        tally.held = 1;
        entry.meeting = Some(meeting.id.clone());
        if regular.len() > 1 {
            entry.note = Some(Text::new(
                format!(
                    "chi bộ có {} buổi sinh hoạt thường kỳ trong tháng; tính buổi cuối cùng `{}` (ngày {})",
                    regular.len(),
                    meeting.id,
                    meeting.date
                ),
                format!(
                    "{} regular meetings in the month; the last one, `{}` of {}, counts",
                    regular.len(),
                    meeting.id,
                    meeting.date
                ),
            ));
        }
        let rating =
            if book.has_errors(last) { None } else { self.rating(meeting, &book.earlier(unit, month, last)).ok() };
        let Some(rating) = rating else {
            entry.status = CellMonthStatus::Unrated;
            tally.unrated = 1;
            let (vi, en) = (
                format!("biên bản `{}` có lỗi (xem danh sách lỗi), chưa xếp loại được", meeting.id),
                format!("the record `{}` has errors (see the findings) and is not rated", meeting.id),
            );
            entry.note = Some(match entry.note.take() {
                Some(before) => Text::new(format!("{}; {vi}", before.vi), format!("{}; {en}", before.en)),
                None => Text::new(vi, en),
            });
            return (entry, tally);
        };
        let (expected, present) = self.expected_present(meeting);
        tally.members_expected = expected.len() as u64;
        tally.members_present = present.len() as u64;
        tally.duration_minutes = u64::from(meeting.duration_minutes);
        tally.duration_meetings = 1;
        tally.by_level.insert(rating.level.clone(), 1);
        entry.status = CellMonthStatus::Rated;
        entry.rating = Some(rating);
        (entry, tally)
    }
}

fn not_held(unit: &str, month: Month) -> Issue {
    Issue::new(IssueCode::MeetingNotHeld, Path::root().key("meetings")).with("unit", unit).with("month", month)
}
