//! Each unit's quarterly list of pressing issues (*vấn đề bức xúc*, "hot issues") with its plan.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Petition;
use crate::{Issue, IssueCode, Organisation, Path, Quarter};

/// A pressing issue a unit has identified for a quarter, and its plan to resolve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PressingIssue {
    /// The unit whose issue it is.
    pub unit: String,
    /// The quarter of the list.
    pub quarter: Quarter,
    /// What the issue is.
    pub title: String,
    /// The plan to resolve it.
    pub plan: String,
    /// Who is in charge (a name, a post or a body).
    pub owner: String,
    /// The day it is to be resolved by (inside the quarter or after it).
    #[schemars(with = "String")]
    pub due_on: NaiveDate,
    /// The day it was resolved, if it has been.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub done_on: Option<NaiveDate>,
    /// The petitions it answers (ids of petitions received by the unit or under it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub petitions: Vec<String>,
}

/// The findings about pressing issues, located at `issues[i]`: `unknown_unit`, `unit_not_open`
/// (for the whole quarter), `empty_text` (title, plan, owner), `pressing_issue_due_before_quarter`,
/// `duplicate_row` (the same unit, quarter and title twice) and, when `petitions` are given,
/// `unknown_petition` and `pressing_issue_petition_other_unit` (a petition received outside the
/// unit and what is under it on the quarter's last day).
///
/// ```
/// use soisua::petition::{PressingIssue, validate_pressing_issues};
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let issue: PressingIssue = serde_json::from_value(serde_json::json!({
///     "unit": "DB-01", "quarter": "2020-Q3", "title": "Sạt lở bờ kênh", "plan": "",
///     "owner": "Bí thư Đảng ủy", "due_on": "2020-06-30"
/// }))?;
/// let codes: Vec<_> = validate_pressing_issues(&org, &[issue], None).into_iter().map(|i| i.code).collect();
/// assert_eq!(codes, ["empty_text", "pressing_issue_due_before_quarter"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_pressing_issues(
    org: &Organisation,
    issues: &[PressingIssue],
    petitions: Option<&[Petition]>,
) -> Vec<Issue> {
    let index = org.index();
    let by_id: Option<BTreeMap<&str, &Petition>> =
        petitions.map(|list| list.iter().map(|p| (p.id.as_str(), p)).collect());
    let mut found = Vec::new();
    let mut seen: BTreeMap<(&str, Quarter, String), usize> = BTreeMap::new();
    for (i, issue) in issues.iter().enumerate() {
        let at = Path::root().key("issues").index(i);
        let (first, last) = (issue.quarter.first_month().first_day(), issue.quarter.first_month().plus(2).last_day());
        match index.unit(&issue.unit) {
            None => found.push(Issue::new(IssueCode::UnknownUnit, at.clone().key("unit")).with("unit", &issue.unit)),
            Some(unit) if !(unit.opened.is_none_or(|o| o <= last) && unit.closed.is_none_or(|c| first <= c)) => found
                .push(
                    Issue::new(IssueCode::UnitNotOpen, at.clone().key("unit"))
                        .with("unit", &issue.unit)
                        .with("month", issue.quarter),
                ),
            Some(_) => {}
        }
        for (field, text) in [("title", &issue.title), ("plan", &issue.plan), ("owner", &issue.owner)] {
            if text.trim().is_empty() {
                found.push(Issue::new(IssueCode::EmptyText, at.clone().key(field)).with("field", field));
            }
        }
        if issue.due_on < first {
            found.push(
                Issue::new(IssueCode::PressingIssueDueBeforeQuarter, at.clone().key("due_on"))
                    .with("due", issue.due_on)
                    .with("quarter", issue.quarter),
            );
        }
        let key = (issue.unit.as_str(), issue.quarter, crate::nfc(issue.title.trim()).to_lowercase());
        if let Some(first_row) = seen.get(&key) {
            found.push(Issue::new(IssueCode::DuplicateRow, at.clone().key("title")).with("first", first_row));
        } else {
            seen.insert(key, i);
        }
        let Some(by_id) = &by_id else { continue };
        for (j, id) in issue.petitions.iter().enumerate() {
            let here = at.clone().key("petitions").index(j);
            match by_id.get(id.as_str()) {
                None => found.push(Issue::new(IssueCode::UnknownPetition, here).with("petition", id)),
                Some(petition) if !index.is_within(&petition.unit, &issue.unit, last) => found.push(
                    Issue::new(IssueCode::PressingIssuePetitionOtherUnit, here)
                        .with("petition", id)
                        .with("petition_unit", &petition.unit)
                        .with("unit", &issue.unit),
                ),
                Some(_) => {}
            }
        }
    }
    found
}

/// Where a pressing issue stands at the end of its quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PressingState {
    /// Not resolved, not yet due.
    Open,
    /// Resolved by its due day.
    Done,
    /// Resolved after its due day.
    DoneLate,
    /// Not resolved and past its due day.
    Overdue,
}

/// One pressing issue of a quarter's list, flat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PressingRow {
    /// The unit.
    pub unit: String,
    /// Its name (empty for an unknown unit).
    pub unit_name: String,
    /// The issue.
    pub title: String,
    /// The plan.
    pub plan: String,
    /// Who is in charge.
    pub owner: String,
    /// Due day.
    #[schemars(with = "String")]
    pub due_on: NaiveDate,
    /// Day resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub done_on: Option<NaiveDate>,
    /// Where it stands on the quarter's last day.
    pub state: PressingState,
    /// The petitions it answers.
    pub petitions: u64,
    /// Of those, not yet replied to on the quarter's last day (only when petitions are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub petitions_open: Option<u64>,
}

/// A quarter's lists of pressing issues across units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PressingList {
    /// The quarter.
    pub quarter: Quarter,
    /// Its issues, unit by unit in the organisation's order, then as given.
    pub rows: Vec<PressingRow>,
    /// Issues by state.
    pub by_state: BTreeMap<String, u64>,
    /// Units with at least one issue this quarter.
    pub units_with_list: u64,
    /// Units expected to keep a list — those directly under a top unit on the quarter's last day
    /// (the grassroots level of the article's district) — that have none this quarter.
    pub units_without_list: Vec<String>,
    /// The findings about all the issues given (every quarter), as [`validate_pressing_issues`].
    pub issues: Vec<Issue>,
}

/// The list of pressing issues of `quarter`, with where each stands on the quarter's last day,
/// the units that kept none, and the findings about the issues given.
///
/// ```
/// use soisua::petition::pressing_list;
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let quarter = "2020-Q3".parse()?;
/// let petitions = soisua::synthetic::petition::generate(&org, "2020".parse()?, 7);
/// let issues = soisua::synthetic::petition::pressing_issues(&org, &petitions, quarter, 7);
/// let list = pressing_list(&org, &issues, Some(&petitions), quarter);
/// assert!(list.issues.is_empty());
/// assert!(list.units_with_list > 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pressing_list(
    org: &Organisation,
    issues: &[PressingIssue],
    petitions: Option<&[Petition]>,
    quarter: Quarter,
) -> PressingList {
    let index = org.index();
    let last = quarter.first_month().plus(2).last_day();
    let by_id: Option<BTreeMap<&str, &Petition>> =
        petitions.map(|list| list.iter().map(|p| (p.id.as_str(), p)).collect());
    let order: BTreeMap<&str, usize> = org.units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    let mut of_quarter: Vec<&PressingIssue> = issues.iter().filter(|i| i.quarter == quarter).collect();
    of_quarter.sort_by_key(|i| order.get(i.unit.as_str()).copied().unwrap_or(usize::MAX));
    let mut by_state = BTreeMap::new();
    let mut with_list = BTreeSet::new();
    let rows: Vec<PressingRow> = of_quarter
        .into_iter()
        .map(|issue| {
            let state = match issue.done_on.filter(|d| *d <= last) {
                Some(done) if done <= issue.due_on => PressingState::Done,
                Some(_) => PressingState::DoneLate,
                None if issue.due_on < last => PressingState::Overdue,
                None => PressingState::Open,
            };
            *by_state.entry(state_name(state).to_owned()).or_insert(0u64) += 1;
            with_list.insert(issue.unit.as_str());
            let petitions_open = by_id.as_ref().map(|by_id| {
                let open = issue.petitions.iter().filter_map(|id| by_id.get(id.as_str())).filter(|p| {
                    p.received_on <= last && !(p.resolved_on.is_some() && p.replied_on.is_some_and(|r| r <= last))
                });
                open.count() as u64
            });
            PressingRow {
                unit: issue.unit.clone(),
                unit_name: index.unit(&issue.unit).map(|u| u.name.clone()).unwrap_or_default(),
                title: issue.title.clone(),
                plan: issue.plan.clone(),
                owner: issue.owner.clone(),
                due_on: issue.due_on,
                done_on: issue.done_on,
                state,
                petitions: issue.petitions.len() as u64,
                petitions_open,
            }
        })
        .collect();
    let roots = org.units.iter().filter(|u| u.is_open_on(last) && u.parent_on(last).is_none());
    let units_without_list = roots
        .flat_map(|root| index.children_on(&root.id, last))
        .filter(|u| !with_list.contains(u.id.as_str()))
        .map(|u| u.id.clone())
        .collect();
    PressingList {
        quarter,
        rows,
        by_state,
        units_with_list: with_list.len() as u64,
        units_without_list,
        issues: validate_pressing_issues(org, issues, petitions),
    }
}

fn state_name(state: PressingState) -> &'static str {
    match state {
        PressingState::Open => "open",
        PressingState::Done => "done",
        PressingState::DoneLate => "done_late",
        PressingState::Overdue => "overdue",
    }
}
