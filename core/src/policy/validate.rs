//! Checking a policy before use: every severity covered once, values in range, the ladder in order.

use chrono::NaiveDate;

use super::{Action, Policy};
use crate::catalogue::{Header, Severity, check_versions_of, header_issues, range};
use crate::{Issue, IssueCode, Path};

/// The longest remedy window accepted, in months.
const MAX_WINDOW: u32 = 24;
/// The longest span a relapse may be counted over, in months.
const MAX_WITHIN: u32 = 60;

impl Policy {
    /// The findings about this policy, located by path: identity and dates, then for
    /// `remedy_windows` and `prohibitions` every severity present exactly once (a hole is
    /// `policy_severity_missing`, an overlap `policy_severity_repeated`), values in range
    /// (`policy_value_out_of_range`), and the ladder in order: a more severe item never gets a
    /// longer window or a milder action than a less severe one (`policy_ladder_inverted`, a warning).
    ///
    /// ```
    /// let mut policy = soisua::Policy::default_2020()?;
    /// policy.remedy_windows.pop();
    /// let issues = policy.validate();
    /// assert_eq!(issues[0].code, "policy_severity_missing");
    /// assert_eq!(issues[0].path.to_string(), "remedy_windows");
    /// assert_eq!(issues[0].message_en, "the policy's `remedy_windows` has no entry for the severity `grave`");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = header_issues(&Header {
            id: &self.id,
            version: &self.version,
            title: &self.title,
            issuer: &self.issuer,
            from: self.effective_from,
            until: self.effective_until,
        });
        let windows: Vec<(Severity, u32)> = self.remedy_windows.iter().map(|w| (w.severity, w.months)).collect();
        ladder("remedy_windows", &windows, &mut issues);
        for (i, window) in self.remedy_windows.iter().enumerate() {
            let at = Path::root().key("remedy_windows").index(i).key("months");
            range(at, "remedy_windows.months", window.months, 0, MAX_WINDOW, &mut issues);
        }
        let actions: Vec<(Severity, Action)> = self.prohibitions.iter().map(|p| (p.severity, p.action)).collect();
        ladder("prohibitions", &actions, &mut issues);
        self.check_order(&mut issues);
        let recurrence = Path::root().key("recurrence");
        range(recurrence.clone().key("cases"), "recurrence.cases", self.recurrence.cases, 2, 12, &mut issues);
        let within = self.recurrence.within_months;
        range(recurrence.key("within_months"), "recurrence.within_months", within, 1, MAX_WITHIN, &mut issues);
        let breadth = self.breadth.manifestations;
        range(
            Path::root().key("breadth").key("manifestations"),
            "breadth.manifestations",
            breadth,
            1,
            100,
            &mut issues,
        );
        let limitation = self.limitation;
        for (field, years) in [
            ("reprimand", limitation.reprimand),
            ("warning", limitation.warning),
            ("removal_from_post", limitation.removal_from_post),
            ("dissolution", limitation.dissolution),
            ("expulsion", limitation.expulsion),
        ] {
            if let Some(years) = years {
                let at = Path::root().key("limitation").key(field);
                range(at, &format!("limitation.{field}"), years, 1, 100, &mut issues);
            }
        }
        issues
    }

    /// A more severe item must not get a longer window or a milder action.
    fn check_order(&self, issues: &mut Vec<Issue>) {
        for pair in Severity::ALL.windows(2) {
            let [lower, higher] = pair else { continue };
            if let (Some(a), Some(b)) = (self.window(*lower), self.window(*higher)) {
                if b > a {
                    issues.push(inverted("remedy_windows", *lower, *higher));
                }
            }
            if let (Some(a), Some(b)) = (self.prohibition(*lower), self.prohibition(*higher)) {
                if b < a {
                    issues.push(inverted("prohibitions", *lower, *higher));
                }
            }
        }
    }
}

fn inverted(field: &str, lower: Severity, higher: Severity) -> Issue {
    Issue::new(IssueCode::PolicyLadderInverted, Path::root().key(field))
        .with("field", field)
        .with("lower", lower.as_str())
        .with("higher", higher.as_str())
}

/// Every severity once in a severity-keyed list.
fn ladder<T>(field: &str, entries: &[(Severity, T)], issues: &mut Vec<Issue>) {
    for (i, (severity, _)) in entries.iter().enumerate() {
        if entries.iter().take(i).any(|(s, _)| s == severity) {
            issues.push(
                Issue::new(IssueCode::PolicySeverityRepeated, Path::root().key(field).index(i).key("severity"))
                    .with("field", field)
                    .with("severity", severity.as_str()),
            );
        }
    }
    for severity in Severity::ALL {
        if !entries.iter().any(|(s, _)| *s == severity) {
            issues.push(
                Issue::new(IssueCode::PolicySeverityMissing, Path::root().key(field))
                    .with("field", field)
                    .with("severity", severity.as_str()),
            );
        }
    }
}

/// Findings about several versions of policies together, at `[i]` of the later one: the same id
/// and version twice (`duplicate_code`), two versions of one id in force on one day
/// (`policy_overlapping_validity`).
///
/// ```
/// let first = soisua::Policy::default_2020()?;
/// let mut second = first.clone();
/// second.version = "2021.1".into();
/// let issues = soisua::policy::check_versions(&[first, second]);
/// assert_eq!(issues[0].code, "policy_overlapping_validity");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_versions(policies: &[Policy]) -> Vec<Issue> {
    check_versions_of(policies, IssueCode::PolicyOverlappingValidity, "policy")
}

/// The version of policy `id` in force on `day`, if any (the first one given, if several are).
pub fn in_force<'a>(policies: &'a [Policy], id: &str, day: NaiveDate) -> Option<&'a Policy> {
    policies.iter().find(|p| p.id == id && p.is_in_force(day))
}
