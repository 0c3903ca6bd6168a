//! Term targets (*chỉ tiêu nhiệm kỳ*): what a congress resolution set for its term, each target
//! with a unit of measure, a direction (higher or lower is better), a baseline and a target; the
//! figure reached gives an attainment and a status (not achieved, achieved, exceeded).
//!
//! A target is *achieved* when the figure reached is at least as good as the target, and
//! *exceeded* when it is strictly better; the status compares the two figures themselves, so it
//! never depends on how a percentage is rounded. The attainment is the figure reached as a
//! percentage of the target (for a lower-is-better target, the target as a percentage of the
//! figure reached: 2% poor households against a target of 2% is 100%, 1.97% is 101.52%). The
//! progress is how much of the way from the baseline to the target was covered.
//!
//! ```
//! use soisua::target::{TargetSheet, Status};
//! let sheet = TargetSheet::giong_rieng_2015_2020()?;
//! let assessment = sheet.assess();
//! assert_eq!((assessment.tally.targets, assessment.tally.achieved, assessment.tally.exceeded), (34, 31, 22));
//! let admissions = assessment.targets.iter().find(|t| t.code == "ket-nap-dang-vien").unwrap();
//! assert_eq!(admissions.attainment, Some(116.0));
//! let poor = assessment.targets.iter().find(|t| t.code == "ho-ngheo").unwrap();
//! assert_eq!(poor.status, Status::Exceeded);
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::org::OrgIndex;
use crate::report::{Rollup, Tally};
use crate::{Error, Issue, IssueCode, Organisation, Path, Period, Text, is_valid_code};

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (income, admissions, communes meeting a standard).
    Higher,
    /// Less is better (the share of poor households).
    Lower,
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// No figure reached is given yet.
    NotReported,
    /// Worse than the target.
    NotAchieved,
    /// As good as the target.
    Achieved,
    /// Better than the target.
    Exceeded,
}

impl Status {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotReported => "not_reported",
            Status::NotAchieved => "not_achieved",
            Status::Achieved => "achieved",
            Status::Exceeded => "exceeded",
        }
    }

    /// Label in Vietnamese and English (a label, not official wording).
    pub fn label(self) -> Text {
        match self {
            Status::NotReported => Text::new("Chưa có số liệu", "Not reported"),
            Status::NotAchieved => Text::new("Không đạt", "Not achieved"),
            Status::Achieved => Text::new("Đạt", "Achieved"),
            Status::Exceeded => Text::new("Vượt", "Exceeded"),
        }
    }
}

/// One target of a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Code, unique in the sheet.
    pub code: String,
    /// What is measured (a label, unless the resolution's wording is quoted and sourced).
    pub label: Text,
    /// Unit of measure (`%`, `triệu đồng/người/năm`, `đảng viên`, `xã`).
    pub measure: String,
    /// Which way is better.
    pub direction: Direction,
    /// The figure at the start of the term, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// The figure the resolution set.
    pub target: f64,
    /// The figure reached (absent: not reported yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// Where the figures come from (the article, a report, `fixture` for made-up rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The targets a unit's congress resolution set for a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetSheet {
    /// Identifier.
    pub id: String,
    /// The unit whose resolution set the targets.
    pub unit: String,
    /// The term (`2015-2020`).
    #[schemars(with = "String")]
    pub term: Period,
    /// Title.
    pub title: Text,
    /// The resolution, or what the figures were taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The targets.
    pub targets: Vec<Target>,
}

/// A target assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attainment {
    /// The target's code.
    pub code: String,
    /// Its label.
    pub label: Text,
    /// Unit of measure.
    pub measure: String,
    /// Which way is better.
    pub direction: Direction,
    /// Baseline, target and figure reached, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// The target.
    pub target: f64,
    /// The figure reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// The figure reached as a percentage of the target (inverted when lower is better), to two
    /// decimals; absent when not reported or when the ratio has no meaning (a zero divisor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attainment: Option<f64>,
    /// The share of the way from the baseline to the target covered, in percent, to two decimals;
    /// absent without a baseline, or when the baseline already met the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// Where it stands.
    pub status: Status,
    /// Why, in Vietnamese and English.
    pub why: Text,
}

/// A sheet assessed: every target, and the counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The sheet.
    pub sheet: String,
    /// Its unit.
    pub unit: String,
    /// Its term.
    pub term: String,
    /// Every target, in the sheet's order.
    pub targets: Vec<Attainment>,
    /// The counts.
    pub tally: TargetTally,
}

/// Counts of targets by status (achieved counts the exceeded ones too, as the article does:
/// "31 of 34 achieved, 22 of them exceeded").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetTally {
    /// Sheets counted.
    pub sheets: u64,
    /// Targets.
    pub targets: u64,
    /// Targets with a figure reached.
    pub reported: u64,
    /// Achieved or exceeded.
    pub achieved: u64,
    /// Exceeded.
    pub exceeded: u64,
    /// Not achieved.
    pub not_achieved: u64,
    /// Not reported.
    pub not_reported: u64,
}

impl Tally for TargetTally {
    fn absorb(&mut self, other: &Self) {
        self.sheets += other.sheets;
        self.targets += other.targets;
        self.reported += other.reported;
        self.achieved += other.achieved;
        self.exceeded += other.exceeded;
        self.not_achieved += other.not_achieved;
        self.not_reported += other.not_reported;
    }
}

impl TargetTally {
    fn count(&mut self, status: Status) {
        self.targets += 1;
        match status {
            Status::NotReported => self.not_reported += 1,
            Status::NotAchieved => {
                self.reported += 1;
                self.not_achieved += 1;
            }
            Status::Achieved => {
                self.reported += 1;
                self.achieved += 1;
            }
            Status::Exceeded => {
                self.reported += 1;
                self.achieved += 1;
                self.exceeded += 1;
            }
        }
    }
}

/// Two decimals, the way reports print percentages.
fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn show(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

impl Target {
    /// The target assessed against its figure reached.
    ///
    /// ```
    /// use soisua::target::{Direction, Status, Target};
    /// use soisua::Text;
    /// let communes = Target {
    ///     code: "xa-nong-thon-moi".into(),
    ///     label: Text::new("Tỷ lệ xã đạt chuẩn nông thôn mới", "Communes meeting the new-rural standard"),
    ///     measure: "%".into(),
    ///     direction: Direction::Higher,
    ///     baseline: None,
    ///     target: 80.0,
    ///     actual: Some(100.0),
    ///     source: None,
    /// };
    /// let a = communes.assess();
    /// assert_eq!((a.status, a.attainment), (Status::Exceeded, Some(125.0)));
    /// ```
    pub fn assess(&self) -> Attainment {
        let (status, attainment, progress) = match self.actual {
            None => (Status::NotReported, None, None),
            Some(actual) => {
                let better = match self.direction {
                    Direction::Higher => actual.partial_cmp(&self.target),
                    Direction::Lower => self.target.partial_cmp(&actual),
                };
                let status = match better {
                    Some(std::cmp::Ordering::Greater) => Status::Exceeded,
                    Some(std::cmp::Ordering::Equal) => Status::Achieved,
                    _ => Status::NotAchieved,
                };
                let (num, den) = match self.direction {
                    Direction::Higher => (actual, self.target),
                    Direction::Lower => (self.target, actual),
                };
                let attainment = (den != 0.0).then(|| round2(num / den * 100.0));
                let progress = self.baseline.and_then(|base| {
                    let way = self.target - base;
                    let gone = actual - base;
                    let towards = match self.direction {
                        Direction::Higher => way > 0.0,
                        Direction::Lower => way < 0.0,
                    };
                    towards.then(|| round2(gone / way * 100.0))
                });
                (status, attainment, progress)
            }
        };
        let why = self.why(status, attainment);
        Attainment {
            code: self.code.clone(),
            label: self.label.clone(),
            measure: self.measure.clone(),
            direction: self.direction,
            baseline: self.baseline,
            target: self.target,
            actual: self.actual,
            attainment,
            progress,
            status,
            why,
        }
    }

    fn why(&self, status: Status, attainment: Option<f64>) -> Text {
        let target = show(self.target);
        let Some(actual) = self.actual.map(show) else {
            return Text::new(
                format!("chưa có số liệu thực hiện (chỉ tiêu {target} {})", self.measure),
                format!("no figure reached yet (target {target} {})", self.measure),
            );
        };
        let (dir_vi, dir_en) = match self.direction {
            Direction::Higher => ("càng cao càng tốt", "higher is better"),
            Direction::Lower => ("càng thấp càng tốt", "lower is better"),
        };
        let (cmp_vi, cmp_en) = match status {
            Status::Exceeded => ("tốt hơn", "better than"),
            Status::Achieved => ("bằng", "equal to"),
            _ => ("chưa đạt", "short of"),
        };
        let pct = attainment.map(|a| format!(", {}%", show(a))).unwrap_or_default();
        Text::new(
            format!("thực hiện {actual} {cmp_vi} chỉ tiêu {target} {} ({dir_vi}){pct}", self.measure),
            format!("reached {actual}, {cmp_en} the target of {target} {} ({dir_en}){pct}", self.measure),
        )
    }
}

impl TargetSheet {
    /// The article's term 2015–2020 of the Giồng Riềng district committee: 34 targets, 31
    /// achieved, 22 of them exceeded. Five rows carry the article's figures (income per head, poor
    /// households, communes meeting the new-rural standard, the nine district criteria, members
    /// admitted); the other 29 are made up to match its counts and say so (`source: fixture`).
    ///
    /// Errors: none in practice (the embedded JSON is checked by a test).
    pub fn giong_rieng_2015_2020() -> Result<TargetSheet, Error> {
        TargetSheet::from_value(
            serde_json::from_str(include_str!("../../data/targets-giong-rieng-2015-2020.json")).map_err(|e| {
                Error::Json {
                    document: "target sheet",
                    location: crate::Location { path: Path::root(), line: None, column: None },
                    detail: e.to_string(),
                }
            })?,
        )
    }

    /// Reads a sheet from JSON (NFC-normalised, unknown fields refused, errors located).
    pub fn from_value(value: serde_json::Value) -> Result<TargetSheet, Error> {
        crate::json::from_value("target sheet", value)
    }

    /// Findings about the sheet: codes, labels, figures, the term; with `organisation`, also that
    /// the unit exists.
    pub fn validate(&self, organisation: Option<&Organisation>) -> Vec<Issue> {
        let mut found = Vec::new();
        let root = Path::root();
        if !is_valid_code(&self.id) {
            found.push(Issue::new(IssueCode::InvalidCode, root.key("id")).with("code", &self.id));
        }
        if !matches!(self.term, Period::Term(_)) {
            found.push(Issue::new(IssueCode::TargetTermNotTerm, root.key("term")).with("period", self.term));
        }
        if organisation.is_some_and(|org| org.unit(&self.unit).is_none()) {
            found.push(Issue::new(IssueCode::UnknownUnit, root.key("unit")).with("unit", &self.unit));
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, target) in self.targets.iter().enumerate() {
            let at = root.key("targets").index(i);
            if !is_valid_code(&target.code) {
                found.push(Issue::new(IssueCode::InvalidCode, at.key("code")).with("code", &target.code));
            } else if seen.insert(&target.code, i).is_some() {
                found.push(Issue::new(IssueCode::DuplicateCode, at.key("code")).with("code", &target.code));
            }
            if target.label.vi.trim().is_empty() {
                found.push(Issue::new(IssueCode::EmptyText, at.key("label").key("vi")).with("field", "label.vi"));
            }
            if target.measure.trim().is_empty() {
                found.push(Issue::new(IssueCode::EmptyText, at.key("measure")).with("field", "measure"));
            }
            let figures = [("baseline", target.baseline), ("target", Some(target.target)), ("actual", target.actual)];
            for (field, value) in figures {
                if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    found.push(
                        Issue::new(IssueCode::TargetFigureInvalid, at.key(field))
                            .with("field", field)
                            .with("value", value.map(show).unwrap_or_default()),
                    );
                }
            }
            if target.measure == "%" {
                for (field, value) in figures {
                    if value.is_some_and(|v| v > 100.0) {
                        found.push(
                            Issue::new(IssueCode::TargetPercentOver100, at.key(field))
                                .with("field", field)
                                .with("value", value.map(show).unwrap_or_default()),
                        );
                    }
                }
            }
            if let Some(base) = target.baseline {
                let already = match target.direction {
                    Direction::Higher => base >= target.target,
                    Direction::Lower => base <= target.target,
                };
                if already {
                    found.push(
                        Issue::new(IssueCode::TargetMetAtBaseline, at.key("baseline"))
                            .with("code", &target.code)
                            .with("baseline", show(base))
                            .with("target", show(target.target)),
                    );
                }
            }
        }
        found.sort_by_key(|issue| !issue.is_error());
        found
    }

    /// Every target assessed, with the counts.
    pub fn assess(&self) -> Assessment {
        let mut tally = TargetTally { sheets: 1, ..TargetTally::default() };
        let targets: Vec<Attainment> = self.targets.iter().map(Target::assess).collect();
        for attainment in &targets {
            tally.count(attainment.status);
        }
        Assessment { sheet: self.id.clone(), unit: self.unit.clone(), term: self.term.to_string(), targets, tally }
    }
}

/// The term targets of the units of `scope` (absent: the whole organisation), rolled up: each
/// sheet counts under its unit, placed as the tree stood on the last day of its term.
///
/// Errors: `unknown_name` for a scope the organisation does not have; `invalid_document` when a
/// sheet has errors (validate first); `report_overlap` when two sheets of one unit cover the
/// same term.
pub fn report(org: &Organisation, sheets: &[TargetSheet], scope: Option<&str>) -> Result<Rollup<TargetTally>, Error> {
    let index = OrgIndex::new(org);
    let mut rollup = Rollup::of(&index, scope)?;
    let mut seen: BTreeSet<(&str, String)> = BTreeSet::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let issues = sheet.validate(Some(org));
        if crate::has_errors(&issues) {
            let issues = issues
                .into_iter()
                .map(|mut issue| {
                    let mut path = Path::root().key("sheets").index(i);
                    path.0.extend(issue.path.0);
                    issue.path = path;
                    issue
                })
                .collect();
            return Err(Error::Invalid { document: "target sheets", issues });
        }
        let term = sheet.term.to_string();
        if !seen.insert((sheet.unit.as_str(), term.clone())) {
            return Err(Error::Report {
                code: "report_overlap",
                detail: format!("two target sheets of {} cover the term {term}: they would count twice", sheet.unit),
                detail_vi: format!("hai bảng chỉ tiêu của {} cùng nhiệm kỳ {term}: sẽ bị đếm hai lần", sheet.unit),
            });
        }
        let day = sheet.term.last_month().last_day();
        rollup.add_unit(&index, &sheet.unit, &term, day, &sheet.assess().tally);
    }
    Ok(rollup)
}

#[cfg(test)]
mod tests;
