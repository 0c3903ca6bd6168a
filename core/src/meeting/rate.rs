//! Rating one meeting: points per criterion with the measured value and the threshold, the
//! total, the level, and what kept it from the level above.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Criterion, CriterionRule, Meeting, MeetingKind, MeetingRater};
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Path};

/// A meeting's rating under a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRating {
    /// The meeting's id.
    pub meeting: String,
    /// Its unit.
    pub unit: String,
    /// Its day.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Regular or thematic.
    pub kind: MeetingKind,
    /// Whether it was a model meeting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub model: bool,
    /// The scheme, as `id@version`.
    pub scheme: String,
    /// Points per criterion, in the scheme's order, each with why.
    pub criteria: Vec<CriterionResult>,
    /// The points.
    pub points: u32,
    /// Out of.
    pub total_points: u32,
    /// The level's code.
    pub level: String,
    /// The level's name.
    pub level_title: Text,
    /// The level directly above and what the meeting lacked for it (absent at the top level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_back: Option<HeldBack>,
    /// The rating in one sentence.
    pub why: Text,
    /// Warnings about the meeting (a model meeting below the top level, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

/// One criterion's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionResult {
    /// The criterion's code.
    pub criterion: String,
    /// Its title.
    pub title: Text,
    /// Whether it is a key criterion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
    /// The points given.
    pub points: u32,
    /// Out of.
    pub max_points: u32,
    /// What was measured and against what (or the score people gave).
    pub measure: Measurement,
    /// Why these points.
    pub why: Text,
}

/// What a criterion looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measurement {
    /// Attendance against the members expected.
    Attendance {
        /// Members expected: those of the unit that day, less the exempted who were absent.
        expected: u32,
        /// Of them, present.
        present: u32,
        /// Of them, absent with a reason.
        excused: u32,
        /// Of them, absent without a reason.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        unexcused: Vec<String>,
        /// The share present must be strictly above this percentage.
        above_percent: u32,
        /// Members excused more times in a row than allowed, this meeting included.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        repeated_absences: Vec<RepeatedAbsence>,
        /// The longest accepted run of excused absences.
        max_consecutive_excused: u32,
        /// The unit's earlier meetings of the same kind that year that were looked at.
        earlier_meetings: u32,
    },
    /// Duration against the minimum.
    Duration {
        /// Minutes the meeting lasted.
        minutes: u32,
        /// The minimum.
        min_minutes: u32,
    },
    /// Members present who spoke.
    Participation {
        /// Members present.
        present: u32,
        /// Of them, those who spoke.
        spoke: u32,
        /// The share that must speak, at least, in percent.
        min_percent: u32,
    },
    /// The minutes.
    Minutes {
        /// Whether they are complete.
        complete: bool,
    },
    /// Points given by people.
    Judged {
        /// The score given.
        given: u32,
    },
}

/// A member excused at several meetings in a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepeatedAbsence {
    /// The member.
    pub member: String,
    /// Meetings in a row, this one included.
    pub times: u32,
}

/// What kept a meeting from the level above its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldBack {
    /// The level above.
    pub level: String,
    /// Its name.
    pub title: Text,
    /// Points missing to reach it (0: the points were enough).
    pub points_short: u32,
    /// Key criteria not at their maximum, when that level needs them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_criteria_short: Vec<String>,
    /// The same in words.
    pub why: Text,
}

impl MeetingRater<'_> {
    /// Rates `meeting`, with `earlier` the unit's earlier meetings (only those of the same unit
    /// and kind, in the same year and before the day, are looked at: for the runs of excused
    /// absences of HD 12 criterion 1). Warnings about the meeting come with the rating.
    ///
    /// Errors: `invalid_document` when the meeting has errors (located at `meeting…`).
    ///
    /// ```
    /// # use soisua::meeting::{Meeting, MeetingRater, MeetingScheme};
    /// # let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
    /// #   "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
    /// let meeting: Meeting = serde_json::from_str(r#"{"id": "m1", "unit": "CB-1", "date": "2020-09-05",
    ///   "kind": "regular", "duration_minutes": 60, "present": ["DV1"], "speakers": ["DV1"],
    ///   "minutes_complete": true, "scores": {"preparation": 20, "conduct": 10, "principles": 10, "follow_up": 10}}"#).unwrap();
    /// let scheme = MeetingScheme::default_2018()?;
    /// let rating = MeetingRater::new(&scheme, &org)?.rate(&meeting, &[])?;
    /// assert_eq!((rating.points, rating.level.as_str()), (90, "fair"));
    /// let held_back = rating.held_back.unwrap();
    /// assert_eq!(held_back.key_criteria_short, ["duration"]);
    /// assert_eq!(held_back.why.en, "not Good: key criteria not at their maximum: Duration");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn rate(&self, meeting: &Meeting, earlier: &[Meeting]) -> Result<MeetingRating, Error> {
        let mut issues = Vec::new();
        self.check_one(meeting, &Path::root().key("meeting"), &mut issues);
        if crate::has_errors(&issues) {
            issues.retain(Issue::is_error);
            return Err(Error::Invalid { document: "meeting", issues });
        }
        let year = meeting.date.year();
        let mut history: Vec<&Meeting> = earlier
            .iter()
            .filter(|m| m.unit == meeting.unit && m.kind == meeting.kind && m.date.year() == year)
            .filter(|m| m.date < meeting.date)
            .collect();
        history.sort_by_key(|m| m.date);
        let mut rating = self.rating(meeting, &history)?;
        if let Some(top) = self.scheme.levels_from_top().first().filter(|top| meeting.model && rating.level != top.code)
        {
            issues.push(
                Issue::new(IssueCode::MeetingModelNotTop, Path::root().key("meeting").key("model"))
                    .with("meeting", &meeting.id)
                    .with("level", &rating.level)
                    .with("top", &top.code),
            );
        }
        rating.issues = issues;
        Ok(rating)
    }

    /// The rating of a meeting known to have no errors, `earlier` being its history in order.
    pub(super) fn rating(&self, meeting: &Meeting, earlier: &[&Meeting]) -> Result<MeetingRating, Error> {
        let criteria: Vec<CriterionResult> =
            self.scheme.criteria.iter().map(|c| self.criterion(c, meeting, earlier)).collect();
        let points = criteria.iter().map(|c| c.points).sum::<u32>();
        let keys_short: Vec<String> =
            criteria.iter().filter(|c| c.key && c.points < c.max_points).map(|c| c.criterion.clone()).collect();
        let levels = self.scheme.levels_from_top();
        let mut at = levels
            .iter()
            .position(|l| (l.min_points..=l.max_points).contains(&points))
            .ok_or_else(|| no_level(points))?;
        while levels.get(at).is_some_and(|l| l.requires_key_criteria && !keys_short.is_empty()) && at + 1 < levels.len()
        {
            at += 1;
        }
        let level = levels.get(at).ok_or_else(|| no_level(points))?;
        let held_back = at.checked_sub(1).and_then(|above| levels.get(above)).map(|above| {
            let points_short = above.min_points.saturating_sub(points);
            let keys = if above.requires_key_criteria { keys_short.clone() } else { Vec::new() };
            let titles: Vec<&Text> =
                criteria.iter().filter(|c| keys.contains(&c.criterion)).map(|c| &c.title).collect();
            let why = held_back_why(&above.title, points_short, above.min_points, &titles);
            HeldBack {
                level: above.code.clone(),
                title: above.title.clone(),
                points_short,
                key_criteria_short: keys,
                why,
            }
        });
        let total = self.scheme.total_points;
        Ok(MeetingRating {
            meeting: meeting.id.clone(),
            unit: meeting.unit.clone(),
            date: meeting.date,
            kind: meeting.kind,
            model: meeting.model,
            scheme: self.scheme.reference(),
            criteria,
            points,
            total_points: total,
            level: level.code.clone(),
            level_title: level.title.clone(),
            held_back,
            why: Text::new(
                format!("{points}/{total} điểm, xếp loại {}", level.title.vi),
                format!("{points} of {total} points, rated {}", level.title.en),
            ),
            issues: Vec::new(),
        })
    }

    fn criterion(&self, criterion: &Criterion, meeting: &Meeting, earlier: &[&Meeting]) -> CriterionResult {
        let max = criterion.max_points;
        let (met, measure, why) = match criterion.rule {
            CriterionRule::Attendance { above_percent, max_consecutive_excused } => {
                self.attendance(meeting, earlier, above_percent, max_consecutive_excused)
            }
            CriterionRule::Duration { min_minutes } => {
                let minutes = meeting.duration_minutes;
                let met = minutes >= min_minutes;
                let why = if met {
                    Text::new(
                        format!("{minutes} phút, từ {min_minutes} phút trở lên"),
                        format!("{minutes} minutes, at least {min_minutes}"),
                    )
                } else {
                    Text::new(
                        format!("{minutes} phút, dưới {min_minutes} phút"),
                        format!("{minutes} minutes, under {min_minutes}"),
                    )
                };
                (met, Measurement::Duration { minutes, min_minutes }, why)
            }
            CriterionRule::Participation { min_percent } => participation(meeting, min_percent),
            CriterionRule::Minutes => {
                let complete = meeting.minutes_complete;
                let why = if complete {
                    Text::new("biên bản ghi chép đầy đủ", "the minutes are complete")
                } else {
                    Text::new("biên bản ghi chép chưa đầy đủ", "the minutes are not complete")
                };
                (complete, Measurement::Minutes { complete }, why)
            }
            CriterionRule::Judged => {
                let given = meeting.scores.get(&criterion.code).copied().unwrap_or(0).min(max);
                let why = Text::new(format!("được chấm {given}/{max} điểm"), format!("scored {given} of {max}"));
                return CriterionResult {
                    criterion: criterion.code.clone(),
                    title: criterion.title.clone(),
                    key: self.scheme.is_key(&criterion.code),
                    points: given,
                    max_points: max,
                    measure: Measurement::Judged { given },
                    why,
                };
            }
        };
        CriterionResult {
            criterion: criterion.code.clone(),
            title: criterion.title.clone(),
            key: self.scheme.is_key(&criterion.code),
            points: if met { max } else { 0 },
            max_points: max,
            measure,
            why,
        }
    }

    /// Members expected and present at a meeting: the unit's members that day, less the exempted
    /// who were absent; and those of them present.
    pub(super) fn expected_present(&self, meeting: &Meeting) -> (BTreeSet<&str>, BTreeSet<String>) {
        let present: BTreeSet<&str> = meeting.present.iter().map(String::as_str).collect();
        let mut expected = self.members_on(&meeting.unit, meeting.date);
        expected.retain(|m| present.contains(m) || !meeting.exempt.iter().any(|e| e == m));
        let here = expected.iter().filter(|m| present.contains(**m)).map(|m| (*m).to_owned()).collect();
        (expected, here)
    }

    fn attendance(
        &self,
        meeting: &Meeting,
        earlier: &[&Meeting],
        above_percent: u32,
        max_run: u32,
    ) -> (bool, Measurement, Text) {
        let (expected, present) = self.expected_present(meeting);
        let excused: Vec<&str> =
            expected.iter().copied().filter(|m| !present.contains(*m) && meeting.is_excused(m)).collect();
        let unexcused: Vec<String> = expected
            .iter()
            .filter(|m| !present.contains(**m) && !meeting.is_excused(m))
            .map(|m| (*m).to_owned())
            .collect();
        let repeated: Vec<RepeatedAbsence> = excused
            .iter()
            .map(|m| {
                let before = earlier.iter().rev().take_while(|e| e.is_excused(m)).count();
                RepeatedAbsence { member: (*m).to_owned(), times: count(before) + 1 }
            })
            .filter(|r| r.times > max_run)
            .collect();
        let (n_expected, n_present) = (count(expected.len()), count(present.len()));
        let share_ok = n_expected > 0 && u64::from(n_present) * 100 > u64::from(above_percent) * u64::from(n_expected);
        let met = share_ok && unexcused.is_empty() && repeated.is_empty();
        let (share_vi, share_en) = percent(n_present, n_expected);
        let mut vi = vec![format!(
            "có mặt {n_present}/{n_expected} đảng viên ({share_vi}), {}",
            if share_ok { format!("trên {above_percent}%") } else { format!("không trên {above_percent}%") }
        )];
        let mut en = vec![format!(
            "{n_present} of {n_expected} members present ({share_en}), {}",
            if share_ok { format!("above {above_percent}%") } else { format!("not above {above_percent}%") }
        )];
        if unexcused.is_empty() {
            vi.push("không có đảng viên vắng mặt không có lý do".to_owned());
            en.push("no unexcused absence".to_owned());
        } else {
            let list = ticks(unexcused.iter().map(String::as_str));
            vi.push(format!("vắng mặt không có lý do: {list}"));
            en.push(format!("absent without a reason: {list}"));
        }
        if repeated.is_empty() {
            vi.push(format!("không có đảng viên vắng có lý do quá {max_run} lần liên tiếp"));
            en.push(format!("no member excused more than {max_run} times in a row"));
        } else {
            let list = repeated.iter().map(|r| format!("`{}` ({})", r.member, r.times)).collect::<Vec<_>>().join(", ");
            vi.push(format!("vắng có lý do quá {max_run} lần liên tiếp: {list}"));
            en.push(format!("excused more than {max_run} times in a row: {list}"));
        }
        let measure = Measurement::Attendance {
            expected: n_expected,
            present: n_present,
            excused: count(excused.len()),
            unexcused,
            above_percent,
            repeated_absences: repeated,
            max_consecutive_excused: max_run,
            earlier_meetings: count(earlier.len()),
        };
        (met, measure, Text::new(vi.join("; "), en.join("; ")))
    }
}

fn participation(meeting: &Meeting, min_percent: u32) -> (bool, Measurement, Text) {
    let present: BTreeSet<&str> = meeting.present.iter().map(String::as_str).collect();
    let spoke = meeting.speakers.iter().map(String::as_str).filter(|s| present.contains(s)).collect::<BTreeSet<_>>();
    let (n_present, n_spoke) = (count(present.len()), count(spoke.len()));
    let met = n_present > 0 && u64::from(n_spoke) * 100 >= u64::from(min_percent) * u64::from(n_present);
    let (share_vi, share_en) = percent(n_spoke, n_present);
    let why = if met {
        Text::new(
            format!("{n_spoke}/{n_present} đảng viên có mặt phát biểu ({share_vi}), từ {min_percent}% trở lên"),
            format!("{n_spoke} of {n_present} members present spoke ({share_en}), at least {min_percent}%"),
        )
    } else {
        Text::new(
            format!("{n_spoke}/{n_present} đảng viên có mặt phát biểu ({share_vi}), dưới {min_percent}%"),
            format!("{n_spoke} of {n_present} members present spoke ({share_en}), under {min_percent}%"),
        )
    };
    (met, Measurement::Participation { present: n_present, spoke: n_spoke, min_percent }, why)
}

fn held_back_why(title: &Text, points_short: u32, min_points: u32, keys: &[&Text]) -> Text {
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if points_short > 0 {
        vi.push(format!("thiếu {points_short} điểm (cần từ {min_points} điểm)"));
        en.push(format!("{points_short} points short (it needs {min_points})"));
    }
    if !keys.is_empty() {
        let list_vi = keys.iter().map(|t| t.vi.as_str()).collect::<Vec<_>>().join(", ");
        let list_en = keys.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join(", ");
        vi.push(format!("tiêu chí chủ chốt chưa đạt điểm tối đa: {list_vi}"));
        en.push(format!("key criteria not at their maximum: {list_en}"));
    }
    Text::new(format!("chưa đạt mức {}: {}", title.vi, vi.join("; ")), format!("not {}: {}", title.en, en.join("; ")))
}

/// `part` of `whole` as a percentage with at most one decimal (rounded down), in Vietnamese (decimal comma) and
/// English; "—" when `whole` is 0.
fn percent(part: u32, whole: u32) -> (String, String) {
    if whole == 0 {
        return ("—".to_owned(), "—".to_owned());
    }
    // Rounded down, so that a share shown as above a threshold is above it.
    let tenths = u64::from(part) * 1000 / u64::from(whole);
    let (units, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        (format!("{units}%"), format!("{units}%"))
    } else {
        (format!("{units},{tenth}%"), format!("{units}.{tenth}%"))
    }
}

/// A scheme that passed validation always has a level; this is for one used unchecked.
fn no_level(points: u32) -> Error {
    Error::Argument {
        name: "scheme",
        detail: format!("has no level for {points} points"),
        detail_vi: format!("không có mức xếp loại cho {points} điểm"),
    }
}

fn ticks<'s>(items: impl Iterator<Item = &'s str>) -> String {
    items.map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
