//! Rating schemes for cell meetings, as data: criteria measured from the record or judged by
//! people, key criteria, and levels over the points.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Header, header_issues, range};
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Path, is_valid_code};

/// A rating scheme for cell meetings (a points sheet and its levels), versioned by effective date.
///
/// The embedded default ([`MeetingScheme::default_2018`]) takes its criteria from the framework
/// criteria of guide 12-HD/BTCTW (2018) and its four levels from a local rule (Bình Thuận); its
/// point split per criterion is the project's, a labelled default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingScheme {
    /// Identifier (`soisua-shcb-default`).
    pub id: String,
    /// Version of this scheme.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Who set it (a party committee, or the project for the default).
    pub issuer: String,
    /// The document that sets it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// Whether the scheme as a whole is an official text (`verbatim`) or a configurable default
    /// (`label`).
    pub status: TextStatus,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The points of the whole sheet (the criteria's maxima add up to it).
    pub total_points: u32,
    /// The durations a record may state at all (outside: a data error, not a poor meeting).
    pub duration_limits: DurationLimits,
    /// The criteria, in the sheet's order.
    pub criteria: Vec<Criterion>,
    /// The criteria a level with `requires_key_criteria` needs at their maximum.
    #[serde(default)]
    pub key_criteria: Vec<String>,
    /// The levels; together they cover `0..=total_points` without holes or overlaps.
    pub levels: Vec<RatingLevel>,
    /// Free notes (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The durations a meeting record may state, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DurationLimits {
    /// The shortest accepted.
    pub min_minutes: u32,
    /// The longest accepted.
    pub max_minutes: u32,
}

/// One criterion of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Code, unique in the scheme (`attendance`, `preparation`).
    pub code: String,
    /// A short title (a label; the official wording is in `basis`).
    pub title: Text,
    /// The points it is worth.
    pub max_points: u32,
    /// How its points are found: measured from the record, or judged by people.
    pub rule: CriterionRule,
    /// The texts it rests on, with their source and status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Basis>,
    /// Free notes (which thresholds are defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// How a criterion's points are found. Measured criteria give all their points when the record
/// meets the condition and none otherwise; judged criteria take the points people give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CriterionRule {
    /// Present members above `above_percent` of the members expected, no unexcused absence, and
    /// no member excused more than `max_consecutive_excused` times in a row in the year.
    Attendance {
        /// The share of members present must be strictly above this percentage.
        above_percent: u32,
        /// The longest accepted run of excused absences in a row (this meeting included).
        max_consecutive_excused: u32,
    },
    /// The meeting lasts at least `min_minutes`.
    Duration {
        /// Minutes.
        min_minutes: u32,
    },
    /// At least `min_percent` of the members present spoke.
    Participation {
        /// Percentage of the members present.
        min_percent: u32,
    },
    /// The minutes are complete.
    Minutes,
    /// Points given by people, from 0 to the criterion's maximum.
    Judged,
}

impl CriterionRule {
    /// Whether the points come from the record (not from people).
    pub fn is_measured(self) -> bool {
        !matches!(self, CriterionRule::Judged)
    }
}

/// A text a criterion or a level rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// The source, as `reference-items.json` names it (`hd12-2018-tieu-chi-khung-shcb`).
    pub reference: String,
    /// The item in that source (`1`, `3.4`, `TOT`).
    pub item: String,
    /// The text, in Vietnamese.
    pub text: String,
    /// Whether the text is the source's wording or a summary of it.
    pub status: TextStatus,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A caveat (a local rule rather than a central one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How far a text can be trusted as official wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextStatus {
    /// The source's own words.
    Verbatim,
    /// A faithful summary as republished, not the source's words.
    AsSummarised,
    /// Ours: a label or a default, not official.
    Label,
}

/// A rating level over a range of points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingLevel {
    /// Code (`good`, `fair`, `average`, `poor`).
    pub code: String,
    /// Its name.
    pub title: Text,
    /// The lowest points of the level.
    pub min_points: u32,
    /// The highest points of the level.
    pub max_points: u32,
    /// Whether the level also needs every key criterion at its maximum; a meeting that has the
    /// points but not the key criteria falls to the level below.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub requires_key_criteria: bool,
    /// The text it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

/// The embedded default scheme (JSON text).
const DEFAULT_2018: &str = include_str!("../../data/meeting-scheme-default.json");

/// Accepted ranges of the scheme's numbers.
const MAX_TOTAL: u32 = 1_000;
const MAX_MINUTES: u32 = 24 * 60;

impl MeetingScheme {
    /// The embedded default scheme: the HD 12 framework criteria on a 100-point sheet (attendance
    /// 20, preparation 20, conduct 10, participation 10, duration 10, minutes 10, principles 10,
    /// follow-up 10, a labelled split of ours), attendance above 85% with no member excused more
    /// than 3 times in a row, at least 90 minutes, at least 30% of the members present speaking
    /// (a label: HD 12 says "many"), and the levels good ≥ 90 with the four key criteria at their
    /// maximum, fair 70–89, average 50–69, poor < 50.
    ///
    /// ```
    /// let scheme = soisua::meeting::MeetingScheme::default_2018()?;
    /// assert_eq!(scheme.total_points, 100);
    /// assert_eq!(scheme.key_criteria, ["attendance", "duration", "participation", "minutes"]);
    /// assert!(scheme.validate().is_empty());
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn default_2018() -> Result<MeetingScheme, Error> {
        MeetingScheme::from_json(DEFAULT_2018)
    }

    /// Reads a scheme from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<MeetingScheme, Error> {
        crate::json::parse("meeting scheme", text)
    }

    /// Reads a scheme from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<MeetingScheme, Error> {
        crate::json::from_value("meeting scheme", value)
    }

    /// The id and version, as `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Whether the scheme is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|until| day <= until)
    }

    /// The criterion with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code == code)
    }

    /// Whether a criterion is a key criterion.
    pub fn is_key(&self, code: &str) -> bool {
        self.key_criteria.iter().any(|k| k == code)
    }

    /// The levels from the highest points down.
    pub fn levels_from_top(&self) -> Vec<&RatingLevel> {
        let mut levels: Vec<&RatingLevel> = self.levels.iter().collect();
        levels.sort_by(|a, b| b.min_points.cmp(&a.min_points).then(b.max_points.cmp(&a.max_points)));
        levels
    }

    /// The findings about this scheme, located by path: identity and dates; criteria codes valid
    /// and unique, maxima adding up to `total_points` (`meeting_scheme_total_mismatch`),
    /// thresholds in range (`policy_value_out_of_range`); key criteria that exist
    /// (`meeting_scheme_unknown_key`); levels covering `0..=total_points` without holes
    /// (`meeting_scheme_level_gap`) or overlaps (`meeting_scheme_level_overlap`), and a lowest
    /// level that does not need the key criteria (`meeting_scheme_lowest_conditional`).
    ///
    /// ```
    /// let mut scheme = soisua::meeting::MeetingScheme::default_2018()?;
    /// scheme.levels[1].min_points = 75;
    /// let issues = scheme.validate();
    /// assert_eq!(issues[0].code, "meeting_scheme_level_gap");
    /// assert_eq!(issues[0].message_en, "the levels leave the points 70–74 without a level");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        self.check_identity(&mut issues);
        self.check_criteria(&mut issues);
        self.check_levels(&mut issues);
        issues
    }

    /// The scheme if it has no errors; else `invalid_document` with the findings.
    pub(crate) fn checked(&self) -> Result<(), Error> {
        let issues: Vec<Issue> = self.validate().into_iter().filter(Issue::is_error).collect();
        if issues.is_empty() { Ok(()) } else { Err(Error::Invalid { document: "meeting scheme", issues }) }
    }

    fn check_identity(&self, issues: &mut Vec<Issue>) {
        issues.extend(header_issues(&Header {
            id: &self.id,
            version: &self.version,
            title: &self.title,
            issuer: &self.issuer,
            from: self.effective_from,
            until: self.effective_until,
        }));
        let limits = Path::root().key("duration_limits");
        let DurationLimits { min_minutes, max_minutes } = self.duration_limits;
        range(limits.key("min_minutes"), "duration_limits.min_minutes", min_minutes, 1, MAX_MINUTES, issues);
        range(limits.key("max_minutes"), "duration_limits.max_minutes", max_minutes, min_minutes, MAX_MINUTES, issues);
        range(Path::root().key("total_points"), "total_points", self.total_points, 1, MAX_TOTAL, issues);
    }

    fn check_criteria(&self, issues: &mut Vec<Issue>) {
        let mut sum: u64 = 0;
        for (i, criterion) in self.criteria.iter().enumerate() {
            let at = Path::root().key("criteria").index(i);
            if !is_valid_code(&criterion.code) {
                issues.push(Issue::new(IssueCode::InvalidCode, at.key("code")).with("code", &criterion.code));
            } else if self.criteria.iter().take(i).any(|c| c.code == criterion.code) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.key("code")).with("code", &criterion.code));
            }
            if criterion.title.vi.trim().is_empty() {
                issues.push(Issue::new(IssueCode::EmptyText, at.key("title")).with("field", "title.vi"));
            }
            range(at.key("max_points"), "criteria.max_points", criterion.max_points, 1, MAX_TOTAL, issues);
            sum += u64::from(criterion.max_points);
            let rule = at.key("rule");
            match criterion.rule {
                CriterionRule::Attendance { above_percent, max_consecutive_excused } => {
                    range(rule.key("above_percent"), "rule.above_percent", above_percent, 0, 99, issues);
                    let field = "rule.max_consecutive_excused";
                    range(rule.key("max_consecutive_excused"), field, max_consecutive_excused, 1, 12, issues);
                }
                CriterionRule::Duration { min_minutes } => {
                    range(rule.key("min_minutes"), "rule.min_minutes", min_minutes, 1, MAX_MINUTES, issues);
                }
                CriterionRule::Participation { min_percent } => {
                    range(rule.key("min_percent"), "rule.min_percent", min_percent, 1, 100, issues);
                }
                CriterionRule::Minutes | CriterionRule::Judged => {}
            }
        }
        if sum != u64::from(self.total_points) {
            issues.push(
                Issue::new(IssueCode::MeetingSchemeTotalMismatch, Path::root().key("criteria"))
                    .with("sum", sum)
                    .with("total", self.total_points),
            );
        }
        for (i, key) in self.key_criteria.iter().enumerate() {
            let at = Path::root().key("key_criteria").index(i);
            if self.criterion(key).is_none() {
                issues.push(Issue::new(IssueCode::MeetingSchemeUnknownKey, at).with("criterion", key));
            } else if self.key_criteria.iter().take(i).any(|k| k == key) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at).with("code", key));
            }
        }
    }

    fn check_levels(&self, issues: &mut Vec<Issue>) {
        let mut ranges: Vec<(u32, u32, usize)> = Vec::new();
        for (i, level) in self.levels.iter().enumerate() {
            let at = Path::root().key("levels").index(i);
            if !is_valid_code(&level.code) {
                issues.push(Issue::new(IssueCode::InvalidCode, at.key("code")).with("code", &level.code));
            } else if self.levels.iter().take(i).any(|l| l.code == level.code) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.key("code")).with("code", &level.code));
            }
            if level.title.vi.trim().is_empty() {
                issues.push(Issue::new(IssueCode::EmptyText, at.key("title")).with("field", "title.vi"));
            }
            if level.min_points > level.max_points {
                issues.push(
                    Issue::new(IssueCode::PolicyValueOutOfRange, at.key("max_points"))
                        .with("field", "levels.max_points")
                        .with("value", level.max_points)
                        .with("min", level.min_points)
                        .with("max", self.total_points),
                );
            } else {
                ranges.push((level.min_points, level.max_points, i));
            }
        }
        ranges.sort_unstable();
        let mut next = 0u32; // the lowest point not yet covered
        let mut last: Option<(u32, usize)> = None; // the highest point covered, and by which level
        for &(min, max, i) in &ranges {
            if min > next {
                issues.push(gap(next, min - 1));
            } else if let Some((covered, j)) = last.filter(|(covered, _)| min <= *covered) {
                issues.push(
                    Issue::new(IssueCode::MeetingSchemeLevelOverlap, Path::root().key("levels").index(i))
                        .with("level", self.level_code(i))
                        .with("other", self.level_code(j))
                        .with("from", min)
                        .with("to", covered.min(max)),
                );
            }
            if last.is_none_or(|(covered, _)| max > covered) {
                last = Some((max, i));
                next = max.saturating_add(1);
            }
        }
        match last {
            None => issues.push(gap(0, self.total_points)),
            Some((covered, i)) if covered > self.total_points => issues.push(
                Issue::new(IssueCode::PolicyValueOutOfRange, Path::root().key("levels").index(i).key("max_points"))
                    .with("field", "levels.max_points")
                    .with("value", covered)
                    .with("min", 0)
                    .with("max", self.total_points),
            ),
            Some((covered, _)) if covered < self.total_points => issues.push(gap(covered + 1, self.total_points)),
            Some(_) => {}
        }
        if let Some(&(_, _, i)) = ranges.first() {
            if self.levels.get(i).is_some_and(|l| l.requires_key_criteria) {
                issues.push(
                    Issue::new(IssueCode::MeetingSchemeLowestConditional, Path::root().key("levels").index(i))
                        .with("level", self.level_code(i)),
                );
            }
        }
    }

    fn level_code(&self, i: usize) -> &str {
        self.levels.get(i).map_or("?", |l| l.code.as_str())
    }
}

fn gap(from: u32, to: u32) -> Issue {
    Issue::new(IssueCode::MeetingSchemeLevelGap, Path::root().key("levels")).with("from", from).with("to", to)
}
