//! Member quality rating (*đánh giá, xếp loại chất lượng đảng viên*), quarterly and yearly: a
//! points frame and levels as data, capped by what the monthly evaluation found in the period.
//!
//! People score a member on the scheme's frame (QĐ 366-QĐ/TW: 30 points of common criteria and
//! 70 of task results); the library checks the points, finds the level the total reaches, applies
//! the level's extra conditions (given by people as yes/no), and then the scheme's **caps**: a cap
//! names a condition found by the monthly evaluation (a manifestation of degradation concluded by
//! the cell, a prohibition violated, a case escalated to inspection, a discipline decided) and the
//! highest level a member it applies to can reach. Each step is explained with the months and
//! items involved.
//!
//! ```
//! use soisua::rating::{Evidence, RatingInput, RatingScheme};
//! let scheme = RatingScheme::qd366_2025()?;
//! let mut input = RatingInput::new("dv-1", "2025-Q4".parse()?, [("common", 28.0), ("tasks", 65.0)]);
//! // What people attest beside the points (the top level needs both).
//! input.conditions.insert("all_tasks_on_time".into(), true);
//! input.conditions.insert("tasks_exceeded_30".into(), true);
//! let clean = scheme.rate(&input, &Evidence::default())?;
//! assert_eq!(clean.level, "HTXSNV");
//! let mut evidence = Evidence::default();
//! evidence.prohibition_violated.push(soisua::rating::Found::new("2025-11".parse()?, "KDL-05"));
//! let capped = scheme.rate(&input, &evidence)?;
//! assert_eq!((capped.points_level.as_str(), capped.level.as_str()), ("HTXSNV", "KHTNV"));
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Error, Issue, IssueCode, Path, Period, Text, is_valid_code};

mod evidence;
mod report;

/// Findings about several versions of member rating schemes together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::rating::RatingScheme::qd366_2025()?;
/// let mut second = first.clone();
/// second.version = "2099.1".into();
/// assert_eq!(soisua::rating::check_scheme_versions(&[first, second])[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_scheme_versions(documents: &[RatingScheme]) -> Vec<crate::Issue> {
    crate::catalogue::check_versions_of(documents, crate::IssueCode::PolicyOverlappingValidity, "policy")
}

#[cfg(test)]
mod tests;

pub use evidence::{Evidence, Found, evidence};
pub use report::{RatingTally, rate_all, report};

/// A rating scheme: the frame, the levels and the caps, versioned by effective date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingScheme {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Who set it.
    pub issuer: String,
    /// The document that sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// How far its contents are verified (wording, thresholds, conditions).
    pub status: String,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The parts of the points frame.
    pub frame: Vec<FramePart>,
    /// The levels, from the highest to the lowest.
    pub levels: Vec<Level>,
    /// Conditions from the monthly evaluation that cap the level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<Cap>,
}

/// A part of the points frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FramePart {
    /// Code (`common`, `tasks`).
    pub code: String,
    /// Label.
    pub label: Text,
    /// Most points.
    pub max: f64,
}

/// A level and what it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Code (`HTXSNV`).
    pub code: String,
    /// Name.
    pub label: Text,
    /// Fewest points.
    pub min_points: f64,
    /// Conditions people attest (yes/no) that the level also needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Condition>,
}

/// A yes/no condition a level needs, attested by people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Code, as the inputs name it.
    pub code: String,
    /// Label (a paraphrase unless sourced).
    pub label: Text,
}

/// What the monthly evaluation can find that caps a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CapWhen {
    /// The cell concluded a manifestation of degradation present in a month of the period.
    ManifestationConcluded,
    /// The cell concluded a prohibition violated in a month of the period.
    ProhibitionViolated,
    /// A case escalated to inspection in the period.
    CaseEscalated,
    /// An inspection outcome of discipline recorded in the period.
    Disciplined,
}

impl CapWhen {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CapWhen::ManifestationConcluded => "manifestation_concluded",
            CapWhen::ProhibitionViolated => "prohibition_violated",
            CapWhen::CaseEscalated => "case_escalated",
            CapWhen::Disciplined => "disciplined",
        }
    }
}

/// A cap: when the evaluation found `when`, the level is at most `level`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    /// The condition.
    pub when: CapWhen,
    /// The highest level reachable.
    pub level: String,
    /// Where the rule comes from, and how sure it is.
    pub source: String,
}

/// What people give for one member and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    /// The member.
    pub member: String,
    /// The quarter or year.
    #[schemars(with = "String")]
    pub period: Period,
    /// Points per part of the frame.
    pub points: BTreeMap<String, f64>,
    /// The conditions attested, by code (absent: not attested).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, bool>,
}

impl RatingInput {
    /// An input with points and no conditions.
    pub fn new<'a>(member: &str, period: Period, points: impl IntoIterator<Item = (&'a str, f64)>) -> Self {
        RatingInput {
            member: member.to_owned(),
            period,
            points: points.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            conditions: BTreeMap::new(),
        }
    }
}

/// One step of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `points`, `condition` or `cap`.
    pub kind: String,
    /// The level after this step.
    pub level: String,
    /// Why.
    pub why: Text,
}

/// A member rated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// The member.
    pub member: String,
    /// The period.
    pub period: String,
    /// Total points.
    pub points: f64,
    /// The level the points alone reach.
    pub points_level: String,
    /// The level given.
    pub level: String,
    /// Its name.
    pub label: Text,
    /// The months' verdicts in the period, by verdict (`commend`, `help`, `inspect`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub verdicts: BTreeMap<String, u64>,
    /// How the level was reached.
    pub steps: Vec<Step>,
}

fn show(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

fn month_items(found: &[Found]) -> String {
    found.iter().map(|f| format!("{} ({})", f.item, f.month)).collect::<Vec<_>>().join(", ")
}

impl RatingScheme {
    /// Regulation 366-QĐ/TW (2025): four levels on a 100-point frame (30 common + 70 task
    /// results), thresholds 90 / 70 / 50, level names verbatim; the thresholds come from press
    /// summaries and the extra conditions are paraphrases (see `status`). The caps follow the
    /// brief (for civil servants, a concluded manifestation or a breached prohibition rules out
    /// any level above "not completed"); the conditions of "not completed" under QĐ 366 itself are
    /// not in the stored sources, so the caps say so in their `source`. The day it took effect is
    /// not verified: the scheme uses the first day of its month (September 2025).
    ///
    /// Errors: none in practice (the embedded JSON is checked by a test).
    pub fn qd366_2025() -> Result<RatingScheme, Error> {
        Self::embedded(include_str!("../../data/rating-qd366-2025.json"))
    }

    /// The scheme in force on `day` among the embedded ones (QĐ 366 from September 2025, and a
    /// labelled project default with the same frame for earlier periods, so that the article's
    /// 2020 data can be rated for illustration).
    ///
    /// Errors: none in practice.
    pub fn embedded_on(day: NaiveDate) -> Result<RatingScheme, Error> {
        let current = Self::qd366_2025()?;
        if current.is_in_force(day) {
            return Ok(current);
        }
        Self::embedded(include_str!("../../data/rating-soisua-2018.json"))
    }

    fn embedded(text: &str) -> Result<RatingScheme, Error> {
        crate::json::parse("rating scheme", text)
    }

    /// Reads a scheme from JSON.
    pub fn from_value(value: serde_json::Value) -> Result<RatingScheme, Error> {
        crate::json::from_value("rating scheme", value)
    }

    /// Whether the scheme is in force on `day`.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|until| day <= until)
    }

    /// Findings about the scheme: codes, frame maxima summing to 100, levels from the highest to
    /// the lowest down to 0 without repeats, caps naming levels that exist.
    pub fn validate(&self) -> Vec<Issue> {
        let mut found = Vec::new();
        let root = Path::root();
        let codes =
            self.frame.iter().map(|p| (&p.code, "frame")).chain(self.levels.iter().map(|l| (&l.code, "levels")));
        let mut seen = std::collections::BTreeSet::new();
        for (i, (code, list)) in codes.enumerate() {
            let at = root.key(list).index(if list == "frame" { i } else { i - self.frame.len() });
            if !is_valid_code(code) {
                found.push(Issue::new(IssueCode::InvalidCode, at.key("code")).with("code", code));
            } else if !seen.insert((list, code.as_str())) {
                found.push(Issue::new(IssueCode::DuplicateCode, at.key("code")).with("code", code));
            }
        }
        let total: f64 = self.frame.iter().map(|p| p.max).sum();
        if self.frame.iter().any(|p| p.max.is_nan() || p.max <= 0.0) || (total - 100.0).abs() > 1e-9 {
            found.push(Issue::new(IssueCode::RatingFrameTotal, root.key("frame")).with("total", show(total)));
        }
        let mut previous: Option<f64> = None;
        for (i, level) in self.levels.iter().enumerate() {
            let out_of_order = previous.is_some_and(|p| level.min_points >= p);
            if out_of_order || !(0.0..=100.0).contains(&level.min_points) {
                found.push(
                    Issue::new(IssueCode::RatingLevelsOrder, root.key("levels").index(i).key("min_points"))
                        .with("level", &level.code)
                        .with("min_points", show(level.min_points)),
                );
            }
            previous = Some(level.min_points);
        }
        if self.levels.last().is_none_or(|l| l.min_points != 0.0) {
            found.push(Issue::new(IssueCode::RatingLevelsHole, root.key("levels")));
        }
        for (i, cap) in self.caps.iter().enumerate() {
            if !self.levels.iter().any(|l| l.code == cap.level) {
                found.push(
                    Issue::new(IssueCode::RatingUnknownLevel, root.key("caps").index(i).key("level"))
                        .with("level", &cap.level),
                );
            }
        }
        if self.effective_until.is_some_and(|until| until < self.effective_from) {
            found.push(
                Issue::new(IssueCode::InvalidDateRange, root.key("effective_until"))
                    .with("from", self.effective_from)
                    .with("until", self.effective_until.map(|d| d.to_string()).unwrap_or_default()),
            );
        }
        found
    }

    /// Findings about one input: a period that is not a quarter or a year, the scheme not in force
    /// at its end, points missing, unknown or out of range, conditions the scheme does not know.
    pub fn check(&self, input: &RatingInput, at: &Path) -> Vec<Issue> {
        let mut found = Vec::new();
        if !matches!(input.period, Period::Quarter(_) | Period::Year(_)) {
            found.push(Issue::new(IssueCode::RatingPeriodKind, at.key("period")).with("period", input.period));
        } else if !self.is_in_force(input.period.last_month().last_day()) {
            found.push(
                Issue::new(IssueCode::RatingSchemeNotInForce, at.key("period"))
                    .with("scheme", &self.id)
                    .with("period", input.period),
            );
        }
        for part in &self.frame {
            match input.points.get(&part.code) {
                None => {
                    found.push(Issue::new(IssueCode::RatingPointsMissing, at.key("points")).with("part", &part.code));
                }
                Some(&p) if !(0.0..=part.max).contains(&p) => found.push(
                    Issue::new(IssueCode::RatingPointsOutOfRange, at.key("points").key(&part.code))
                        .with("part", &part.code)
                        .with("value", show(p))
                        .with("max", show(part.max)),
                ),
                Some(_) => {}
            }
        }
        for code in input.points.keys() {
            if !self.frame.iter().any(|p| &p.code == code) {
                found.push(Issue::new(IssueCode::RatingUnknownPart, at.key("points").key(code)).with("part", code));
            }
        }
        for code in input.conditions.keys() {
            if !self.levels.iter().flat_map(|l| &l.requires).any(|c| &c.code == code) {
                found.push(
                    Issue::new(IssueCode::RatingUnknownCondition, at.key("conditions").key(code))
                        .with("condition", code),
                );
            }
        }
        found
    }

    /// Rates one member from people's points and the evaluation's evidence for the period.
    ///
    /// Errors: `invalid_document` when the input has findings ([`RatingScheme::check`]).
    pub fn rate(&self, input: &RatingInput, evidence: &Evidence) -> Result<Rating, Error> {
        let issues = self.check(input, &Path::root());
        if crate::has_errors(&issues) {
            return Err(Error::Invalid { document: "rating input", issues });
        }
        let points = round2(self.frame.iter().filter_map(|p| input.points.get(&p.code)).sum());
        let mut steps = Vec::new();
        let mut at =
            self.levels.iter().position(|l| points >= l.min_points).unwrap_or(self.levels.len().saturating_sub(1));
        let points_level = self.code_at(at);
        steps.push(Step {
            kind: "points".into(),
            level: points_level.clone(),
            why: Text::new(
                format!("{} điểm: mức `{points_level}`", show(points)),
                format!("{} points: level `{points_level}`", show(points)),
            ),
        });
        while let Some(level) = self.levels.get(at) {
            let missing: Vec<&Condition> =
                level.requires.iter().filter(|c| !input.conditions.get(&c.code).copied().unwrap_or(false)).collect();
            if missing.is_empty() || at + 1 >= self.levels.len() {
                break;
            }
            at += 1;
            let names = missing.iter().map(|c| format!("`{}`", c.code)).collect::<Vec<_>>().join(", ");
            let level_code = self.code_at(at);
            steps.push(Step {
                kind: "condition".into(),
                level: level_code.clone(),
                why: Text::new(
                    format!("mức `{}` cần {names}, chưa được xác nhận: mức `{level_code}`", level.code),
                    format!("the level `{}` needs {names}, not attested: level `{level_code}`", level.code),
                ),
            });
        }
        for cap in &self.caps {
            let found = evidence.of(cap.when);
            let Some(cap_at) = self.levels.iter().position(|l| l.code == cap.level) else { continue };
            if found.is_empty() || cap_at <= at {
                continue;
            }
            at = cap_at;
            steps.push(Step {
                kind: "cap".into(),
                level: cap.level.clone(),
                why: Text::new(
                    format!("`{}` trong kỳ: {}; mức cao nhất `{}`", cap.when.as_str(), month_items(found), cap.level),
                    format!(
                        "`{}` in the period: {}; the highest level is `{}`",
                        cap.when.as_str(),
                        month_items(found),
                        cap.level
                    ),
                ),
            });
        }
        let level = self.levels.get(at);
        Ok(Rating {
            member: input.member.clone(),
            period: input.period.to_string(),
            points,
            points_level,
            level: level.map(|l| l.code.clone()).unwrap_or_default(),
            label: level.map(|l| l.label.clone()).unwrap_or_default(),
            verdicts: evidence.verdicts.clone(),
            steps,
        })
    }

    fn code_at(&self, at: usize) -> String {
        self.levels.get(at).map(|l| l.code.clone()).unwrap_or_default()
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
