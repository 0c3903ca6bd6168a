//! Checking household records against an organisation: ids known and unique, assignments that do
//! not overlap and fall while the member is in the organisation, one report per member and month.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Assignment, HouseholdRecords};
use crate::org::{Member, OrgIndex};
use crate::{Issue, IssueCode, Organisation, Path};

impl HouseholdRecords {
    /// The findings about these records, located by path (`households[3].unit`, …): household ids
    /// valid and unique (`invalid_code`, `duplicate_code`) in known units (`unknown_unit`);
    /// assignments to known members (`unknown_member`) and households (`unknown_household`), with
    /// dates in order (`invalid_date_range`), never twice over the same days for one member and
    /// household (`assignment_overlap`), and only on days the member is in the organisation
    /// (`assignee_not_member`, with the first such day); reports by known members on known
    /// households, one per member and month (`duplicate_household_report`), each household once
    /// (`duplicate_code`), and a warning for a household not assigned to the member that month
    /// (`household_not_assigned`).
    ///
    /// ```
    /// use soisua::household::HouseholdRecords;
    /// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
    ///   "units": [{"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}],
    ///   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2020-03-01"}]}]}"#)?;
    /// let records = HouseholdRecords::from_json(r#"{"households": [{"id": "H1", "unit": "CB-1"}],
    ///   "assignments": [{"member": "DV1", "household": "H1", "from": "2020-01-01"}]}"#)?;
    /// let issues = records.validate(&org);
    /// assert_eq!(issues[0].code, "assignee_not_member");
    /// assert_eq!(issues[0].message_en,
    ///     "the member `DV1` is assigned the household `H1` but is not in the organisation on 2020-01-01");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self, organisation: &Organisation) -> Vec<Issue> {
        let org = organisation.index();
        let mut issues = Vec::new();
        let mut households: HashMap<&str, usize> = HashMap::new();
        for (i, household) in self.households.iter().enumerate() {
            let at = Path::root().key("households").index(i);
            if !crate::is_valid_code(&household.id) {
                issues.push(Issue::new(IssueCode::InvalidCode, at.key("id")).with("code", &household.id));
            }
            if households.insert(household.id.as_str(), i).is_some() {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.key("id")).with("code", &household.id));
            }
            if org.unit(&household.unit).is_none() {
                issues.push(Issue::new(IssueCode::UnknownUnit, at.key("unit")).with("unit", &household.unit));
            }
        }
        self.check_assignments(&org, &households, &mut issues);
        self.check_reports(&org, &households, &mut issues);
        issues
    }

    fn check_assignments(&self, org: &OrgIndex<'_>, households: &HashMap<&str, usize>, issues: &mut Vec<Issue>) {
        let mut seen: HashMap<(&str, &str), Vec<&Assignment>> = HashMap::new();
        for (i, assignment) in self.assignments.iter().enumerate() {
            let at = Path::root().key("assignments").index(i);
            let member = org.member(&assignment.member);
            if member.is_none() {
                issues.push(Issue::new(IssueCode::UnknownMember, at.key("member")).with("member", &assignment.member));
            }
            if !households.contains_key(assignment.household.as_str()) {
                let issue = Issue::new(IssueCode::UnknownHousehold, at.key("household"));
                issues.push(issue.with("household", &assignment.household));
            }
            if let Some(until) = assignment.until.filter(|u| *u < assignment.from) {
                issues.push(
                    Issue::new(IssueCode::InvalidDateRange, at.key("until"))
                        .with("from", assignment.from)
                        .with("until", until),
                );
                continue;
            }
            let earlier = seen.entry((assignment.member.as_str(), assignment.household.as_str())).or_default();
            if earlier.iter().any(|e| overlaps(e, assignment)) {
                issues.push(
                    Issue::new(IssueCode::AssignmentOverlap, at.clone())
                        .with("member", &assignment.member)
                        .with("household", &assignment.household),
                );
            }
            earlier.push(assignment);
            if let Some(day) = member.and_then(|m| first_day_outside(m, assignment.from, assignment.until)) {
                issues.push(
                    Issue::new(IssueCode::AssigneeNotMember, at)
                        .with("member", &assignment.member)
                        .with("household", &assignment.household)
                        .with("day", day),
                );
            }
        }
    }

    fn check_reports(&self, org: &OrgIndex<'_>, households: &HashMap<&str, usize>, issues: &mut Vec<Issue>) {
        let mut assigned: HashMap<&str, Vec<&Assignment>> = HashMap::new();
        for assignment in &self.assignments {
            assigned.entry(assignment.member.as_str()).or_default().push(assignment);
        }
        let mut seen = HashSet::new();
        for (i, report) in self.reports.iter().enumerate() {
            let at = Path::root().key("reports").index(i);
            if org.member(&report.member).is_none() {
                issues.push(Issue::new(IssueCode::UnknownMember, at.key("member")).with("member", &report.member));
            }
            if !seen.insert((report.member.as_str(), report.month)) {
                issues.push(
                    Issue::new(IssueCode::DuplicateHouseholdReport, at.clone())
                        .with("member", &report.member)
                        .with("month", report.month),
                );
            }
            let mine = assigned.get(report.member.as_str()).map(Vec::as_slice).unwrap_or_default();
            for (j, household) in report.households.iter().enumerate() {
                let at = at.key("households").index(j);
                if report.households.iter().take(j).any(|h| h == household) {
                    issues.push(Issue::new(IssueCode::DuplicateCode, at).with("code", household));
                } else if !households.contains_key(household.as_str()) {
                    issues.push(Issue::new(IssueCode::UnknownHousehold, at).with("household", household));
                } else if !mine.iter().any(|a| a.household == *household && a.is_active_in(report.month)) {
                    issues.push(
                        Issue::new(IssueCode::HouseholdNotAssigned, at)
                            .with("member", &report.member)
                            .with("household", household)
                            .with("month", report.month),
                    );
                }
            }
        }
    }
}

fn overlaps(a: &Assignment, b: &Assignment) -> bool {
    a.from <= b.until.unwrap_or(NaiveDate::MAX) && b.from <= a.until.unwrap_or(NaiveDate::MAX)
}

/// The first day from `from` to `until` (open: for ever) on which the member belongs to no unit.
fn first_day_outside(member: &Member, from: NaiveDate, until: Option<NaiveDate>) -> Option<NaiveDate> {
    let mut spans: Vec<(NaiveDate, NaiveDate)> =
        member.memberships.iter().map(|m| (m.from, m.until.unwrap_or(NaiveDate::MAX))).collect();
    spans.sort();
    let end = until.unwrap_or(NaiveDate::MAX);
    let mut day = from;
    for (start, last) in spans {
        if start > day {
            break;
        }
        if last >= day {
            if last >= end {
                return None;
            }
            day = last.succ_opt()?;
        }
    }
    (day <= end).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(spans: &[(&str, Option<&str>)]) -> Member {
        let memberships: Vec<serde_json::Value> =
            spans.iter().map(|(f, u)| serde_json::json!({"unit": "C", "from": f, "until": u})).collect();
        serde_json::from_value(serde_json::json!({"id": "M", "status": "full", "memberships": memberships})).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_outside_membership() {
        let m = member(&[("2010-01-01", Some("2020-05-31")), ("2020-06-01", None)]);
        assert_eq!(first_day_outside(&m, d("2015-01-01"), None), None);
        assert_eq!(first_day_outside(&m, d("2009-12-01"), None), Some(d("2009-12-01")));
        let gap = member(&[("2010-01-01", Some("2020-05-30")), ("2020-06-01", None)]);
        assert_eq!(first_day_outside(&gap, d("2015-01-01"), None), Some(d("2020-05-31")));
        assert_eq!(first_day_outside(&gap, d("2015-01-01"), Some(d("2020-05-30"))), None);
        let left = member(&[("2010-01-01", Some("2020-05-30"))]);
        assert_eq!(first_day_outside(&left, d("2015-01-01"), None), Some(d("2020-05-31")));
    }
}
