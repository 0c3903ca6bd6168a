//! Checking meeting records: the unit and its members on the day, the lists against each other,
//! the duration, the scores against the scheme; across records, repeated ids, repeated regular
//! meetings in a month, and model meetings below the top level.

use std::collections::{BTreeSet, HashMap};

use super::{Meeting, MeetingKind, MeetingRater};
use crate::{Issue, IssueCode, Month, Path, UnitKind, is_valid_code};

impl MeetingRater<'_> {
    /// The findings about `meetings`, located at `meetings[i]…`: the unit (`unknown_unit`,
    /// `meeting_unit_not_cell`, `meeting_unit_not_open`), the scheme in force that day
    /// (`meeting_scheme_not_in_force`), the duration (`meeting_duration_out_of_range`), every
    /// member listed (`unknown_member`, `meeting_member_not_in_unit`, `meeting_member_repeated`,
    /// `meeting_present_and_excused`, `meeting_speaker_not_present`, an excuse without a reason
    /// `empty_text`), the scores (`meeting_score_missing`, `meeting_score_above_max`,
    /// `meeting_score_for_measured`, `meeting_score_unknown_criterion`); and across meetings, an
    /// id used twice (`duplicate_code`), a cell with several regular meetings in a month
    /// (`meeting_repeated_regular`, a warning on each that does not count) and a model meeting
    /// not rated at the top level (`meeting_model_not_top`, a warning).
    ///
    /// ```
    /// # use soisua::meeting::{Meeting, MeetingRater, MeetingScheme};
    /// # let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
    /// #   "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
    /// let meeting: Meeting = serde_json::from_str(r#"{"id": "m1", "unit": "CB-1", "date": "2020-09-05",
    ///   "kind": "regular", "duration_minutes": 95, "present": ["DV1"], "speakers": ["DV9"],
    ///   "minutes_complete": true, "scores": {"preparation": 20, "conduct": 10, "principles": 10, "follow_up": 10}}"#).unwrap();
    /// let scheme = MeetingScheme::default_2018()?;
    /// let issues = MeetingRater::new(&scheme, &org)?.validate(&[meeting]);
    /// assert_eq!(issues[0].code, "unknown_member");
    /// assert_eq!(issues[0].path.to_string(), "meetings[0].speakers[0]");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self, meetings: &[Meeting]) -> Vec<Issue> {
        self.validate_each(meetings).0.into_iter().flatten().collect()
    }

    /// The findings per meeting, and per meeting whether it has errors.
    pub(super) fn validate_each(&self, meetings: &[Meeting]) -> (Vec<Vec<Issue>>, Vec<bool>) {
        let base = Path::root().key("meetings");
        let mut found: Vec<Vec<Issue>> = Vec::with_capacity(meetings.len());
        let mut errors = Vec::with_capacity(meetings.len());
        for (i, meeting) in meetings.iter().enumerate() {
            let mut issues = Vec::new();
            self.check_one(meeting, &base.index(i), &mut issues);
            errors.push(issues.iter().any(Issue::is_error));
            found.push(issues);
        }
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        for (i, meeting) in meetings.iter().enumerate() {
            if *first_of.entry(meeting.id.as_str()).or_insert(i) != i {
                if let Some(list) = found.get_mut(i) {
                    list.push(Issue::new(IssueCode::DuplicateCode, base.index(i).key("id")).with("code", &meeting.id));
                }
                if let Some(flag) = errors.get_mut(i) {
                    *flag = true;
                }
            }
        }
        for (_, list) in regular_by_cell_month(meetings) {
            let count = list.len();
            for &i in list.iter().take(count.saturating_sub(1)) {
                let (Some(meeting), Some(issues)) = (meetings.get(i), found.get_mut(i)) else { continue };
                issues.push(
                    Issue::new(IssueCode::MeetingRepeatedRegular, base.index(i))
                        .with("unit", &meeting.unit)
                        .with("count", count)
                        .with("month", Month::from_date(meeting.date)),
                );
            }
        }
        for (i, meeting) in meetings.iter().enumerate() {
            if !meeting.model || errors.get(i).copied().unwrap_or(true) {
                continue;
            }
            let earlier = earlier_of(meetings, i);
            let (Ok(rating), Some(top)) =
                (self.rating(meeting, &earlier), self.scheme.levels_from_top().first().copied())
            else {
                continue;
            };
            if rating.level != top.code {
                if let Some(issues) = found.get_mut(i) {
                    issues.push(
                        Issue::new(IssueCode::MeetingModelNotTop, base.index(i).key("model"))
                            .with("meeting", &meeting.id)
                            .with("level", &rating.level)
                            .with("top", &top.code),
                    );
                }
            }
        }
        (found, errors)
    }

    /// The findings about one meeting, at `at`.
    pub(super) fn check_one(&self, meeting: &Meeting, at: &Path, issues: &mut Vec<Issue>) {
        if !is_valid_code(&meeting.id) {
            issues.push(Issue::new(IssueCode::InvalidCode, at.key("id")).with("code", &meeting.id));
        }
        let roster = self.check_unit(meeting, at, issues);
        if !self.scheme.is_in_force(meeting.date) {
            issues.push(
                Issue::new(IssueCode::MeetingSchemeNotInForce, at.key("date"))
                    .with("scheme", self.scheme.reference())
                    .with("date", meeting.date),
            );
        }
        let limits = self.scheme.duration_limits;
        if !(limits.min_minutes..=limits.max_minutes).contains(&meeting.duration_minutes) {
            issues.push(
                Issue::new(IssueCode::MeetingDurationOutOfRange, at.key("duration_minutes"))
                    .with("minutes", meeting.duration_minutes)
                    .with("min", limits.min_minutes)
                    .with("max", limits.max_minutes),
            );
        }
        let excused: Vec<&str> = meeting.excused.iter().map(|e| e.member.as_str()).collect();
        let lists: [(&str, Vec<&str>, Option<&str>); 4] = [
            ("present", meeting.present.iter().map(String::as_str).collect(), None),
            ("excused", excused, Some("member")),
            ("exempt", meeting.exempt.iter().map(String::as_str).collect(), None),
            ("speakers", meeting.speakers.iter().map(String::as_str).collect(), None),
        ];
        for (field, ids, key) in &lists {
            for (j, id) in ids.iter().enumerate() {
                let path = key.map_or_else(|| at.key(field).index(j), |k| at.key(field).index(j).key(k));
                self.check_member(meeting, id, roster.as_ref(), &path, issues);
                if ids.iter().take(j).any(|other| other == id) {
                    issues.push(
                        Issue::new(IssueCode::MeetingMemberRepeated, path.clone())
                            .with("member", id)
                            .with("field", field),
                    );
                }
                if *field == "excused" && meeting.present.iter().any(|p| p == id) {
                    issues.push(Issue::new(IssueCode::MeetingPresentAndExcused, path.clone()).with("member", id));
                }
                if *field == "speakers" && !meeting.present.iter().any(|p| p == id) {
                    issues.push(Issue::new(IssueCode::MeetingSpeakerNotPresent, path).with("member", id));
                }
            }
        }
        for (j, excuse) in meeting.excused.iter().enumerate() {
            if excuse.reason.trim().is_empty() {
                issues.push(
                    Issue::new(IssueCode::EmptyText, at.key("excused").index(j).key("reason"))
                        .with("field", "excused.reason"),
                );
            }
        }
        self.check_scores(meeting, at, issues);
    }

    /// The unit's findings; the members expected when the unit is a cell or group.
    fn check_unit(&self, meeting: &Meeting, at: &Path, issues: &mut Vec<Issue>) -> Option<BTreeSet<&str>> {
        let Some(unit) = self.index.unit(&meeting.unit) else {
            issues.push(Issue::new(IssueCode::UnknownUnit, at.key("unit")).with("unit", &meeting.unit));
            return None;
        };
        if unit.kind == UnitKind::Committee {
            issues.push(Issue::new(IssueCode::MeetingUnitNotCell, at.key("unit")).with("unit", &meeting.unit));
            return None;
        }
        if !unit.is_open_on(meeting.date) {
            issues.push(
                Issue::new(IssueCode::MeetingUnitNotOpen, at.key("date"))
                    .with("unit", &meeting.unit)
                    .with("date", meeting.date),
            );
        }
        Some(self.members_on(&meeting.unit, meeting.date))
    }

    fn check_member(
        &self,
        meeting: &Meeting,
        id: &str,
        roster: Option<&BTreeSet<&str>>,
        at: &Path,
        issues: &mut Vec<Issue>,
    ) {
        if self.index.member(id).is_none() {
            issues.push(Issue::new(IssueCode::UnknownMember, at.clone()).with("member", id));
        } else if roster.is_some_and(|r| !r.contains(id)) {
            issues.push(
                Issue::new(IssueCode::MeetingMemberNotInUnit, at.clone())
                    .with("member", id)
                    .with("unit", &meeting.unit)
                    .with("date", meeting.date),
            );
        }
    }

    fn check_scores(&self, meeting: &Meeting, at: &Path, issues: &mut Vec<Issue>) {
        for (code, &points) in &meeting.scores {
            let path = at.key("scores").key(code);
            match self.scheme.criterion(code) {
                None => issues.push(Issue::new(IssueCode::MeetingScoreUnknownCriterion, path).with("criterion", code)),
                Some(c) if c.rule.is_measured() => {
                    issues.push(Issue::new(IssueCode::MeetingScoreForMeasured, path).with("criterion", code));
                }
                Some(c) if points > c.max_points => issues.push(
                    Issue::new(IssueCode::MeetingScoreAboveMax, path)
                        .with("criterion", code)
                        .with("points", points)
                        .with("max", c.max_points),
                ),
                Some(_) => {}
            }
        }
        for criterion in self.scheme.criteria.iter().filter(|c| !c.rule.is_measured()) {
            if !meeting.scores.contains_key(&criterion.code) {
                issues.push(
                    Issue::new(IssueCode::MeetingScoreMissing, at.key("scores")).with("criterion", &criterion.code),
                );
            }
        }
    }
}

/// The regular meetings per (unit, month), each list in the order they count: by date, then as
/// given (the last one counts).
pub(super) fn regular_by_cell_month(meetings: &[Meeting]) -> Vec<((&str, Month), Vec<usize>)> {
    let mut groups: HashMap<(&str, Month), Vec<usize>> = HashMap::new();
    for (i, meeting) in meetings.iter().enumerate().filter(|(_, m)| m.kind == MeetingKind::Regular) {
        groups.entry((meeting.unit.as_str(), Month::from_date(meeting.date))).or_default().push(i);
    }
    let mut out: Vec<((&str, Month), Vec<usize>)> = groups.into_iter().filter(|(_, list)| list.len() > 1).collect();
    for (_, list) in &mut out {
        list.sort_by_key(|&i| (meetings.get(i).map(|m| m.date), i));
    }
    out.sort_by(|a, b| a.1.first().cmp(&b.1.first()));
    out
}

/// The meetings of the same unit and kind as `meetings[i]`, in the same year and before it (by
/// date, then as given), in that order: the history a rating's runs of absences look at.
pub(super) fn earlier_of(meetings: &[Meeting], i: usize) -> Vec<&Meeting> {
    let Some(this) = meetings.get(i) else { return Vec::new() };
    let year = |m: &Meeting| chrono::Datelike::year(&m.date);
    let mut earlier: Vec<(usize, &Meeting)> = meetings
        .iter()
        .enumerate()
        .filter(|(j, m)| {
            m.unit == this.unit && m.kind == this.kind && year(m) == year(this) && (m.date, *j) < (this.date, i)
        })
        .collect();
    earlier.sort_by_key(|(j, m)| (m.date, *j));
    earlier.into_iter().map(|(_, m)| m).collect()
}
