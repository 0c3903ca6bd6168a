//! A month's plans against what was held, and the roll-up of dialogues over a period.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Dialogue, DialogueKind};
use crate::org::OrgIndex;
use crate::report::{Rollup, Tally, add_counts};
use crate::{Error, Month, Organisation, Period};

/// Where a planned dialogue stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DialogueState {
    /// Planned for a later day.
    Planned,
    /// Held.
    Held,
    /// Its planned day has passed and it was not held.
    NotHeld,
}

/// One dialogue of the month, flat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DialogueRow {
    /// The dialogue.
    pub id: String,
    /// Its unit.
    pub unit: String,
    /// Dialogue or household visit.
    pub kind: DialogueKind,
    /// The day planned.
    #[schemars(with = "String")]
    pub planned_on: NaiveDate,
    /// The day held, if held by the day of the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub held_on: Option<NaiveDate>,
    /// Where it stands.
    pub state: DialogueState,
    /// Days between the planned and the held day (negative: held early).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_from_plan: Option<i64>,
    /// People or households met.
    pub met_count: u64,
    /// Issues raised.
    pub issues: u64,
    /// Petitions opened.
    pub petitions: u64,
}

/// A unit's month: planned against held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitMonth {
    /// The unit.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Dialogues and visits planned for the month.
    pub planned: u64,
    /// Of those, held.
    pub held: u64,
    /// Of those, not held though their day has passed.
    pub not_held: u64,
    /// Of those, planned for a later day.
    pub upcoming: u64,
}

/// A month of dialogues: one row per dialogue, one per unit, and the units with no plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DialogueMonth {
    /// The month.
    pub month: Month,
    /// The day the status is for.
    #[schemars(with = "String")]
    pub on: NaiveDate,
    /// The month's dialogues, unit by unit in the organisation's order, then by planned day.
    pub rows: Vec<DialogueRow>,
    /// Per unit with a plan.
    pub units: Vec<UnitMonth>,
    /// Units expected to plan — those directly under a top unit on the month's last day, as
    /// the article's communes — that planned nothing this month.
    pub units_without_plan: Vec<String>,
}

/// The month's plans against what was held by `on` (absent: the month's last day), for the units
/// at and under `scope` (absent: all). A dialogue held after `on` is not yet held; one whose
/// planned day is after `on` is `planned`.
///
/// Errors: `unknown_name` for an unknown scope.
///
/// ```
/// use soisua::dialogue::month_status;
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let month: soisua::Month = "2020-09".parse()?;
/// let dialogues = soisua::synthetic::dialogue::generate(&org, month.into(), 7);
/// let status = month_status(&org, &dialogues, month, None, None)?;
/// let planned: u64 = status.units.iter().map(|u| u.planned).sum();
/// assert_eq!(planned as usize, status.rows.len());
/// assert!(status.units.iter().any(|u| u.held > 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn month_status(
    org: &Organisation,
    dialogues: &[Dialogue],
    month: Month,
    on: Option<NaiveDate>,
    scope: Option<&str>,
) -> Result<DialogueMonth, Error> {
    let index = org.index();
    check_scope(&index, scope)?;
    let on = on.unwrap_or_else(|| month.last_day());
    let last = month.last_day();
    let order: BTreeMap<&str, usize> = org.units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    let mut chosen: Vec<&Dialogue> = dialogues
        .iter()
        .filter(|d| d.month == month && scope.is_none_or(|s| index.is_within(&d.unit, s, last)))
        .collect();
    chosen.sort_by_key(|d| (order.get(d.unit.as_str()).copied().unwrap_or(usize::MAX), d.planned_on));
    let mut units: Vec<UnitMonth> = Vec::new();
    let mut rows = Vec::new();
    for dialogue in chosen {
        let held = dialogue.held_on.filter(|h| *h <= on);
        let state = match held {
            Some(_) => DialogueState::Held,
            None if dialogue.planned_on > on => DialogueState::Planned,
            None => DialogueState::NotHeld,
        };
        if units.last().is_none_or(|u| u.unit != dialogue.unit) {
            let name = index.unit(&dialogue.unit).map(|u| u.name.clone()).unwrap_or_default();
            units.push(UnitMonth { unit: dialogue.unit.clone(), name, ..UnitMonth::default() });
        }
        if let Some(row) = units.last_mut() {
            row.planned += 1;
            match state {
                DialogueState::Held => row.held += 1,
                DialogueState::NotHeld => row.not_held += 1,
                DialogueState::Planned => row.upcoming += 1,
            }
        }
        rows.push(DialogueRow {
            id: dialogue.id.clone(),
            unit: dialogue.unit.clone(),
            kind: dialogue.kind,
            planned_on: dialogue.planned_on,
            held_on: held,
            state,
            days_from_plan: held.map(|h| crate::petition::days_between(dialogue.planned_on, h)),
            met_count: dialogue.met_count,
            issues: dialogue.issues.len() as u64,
            petitions: dialogue.petitions.len() as u64,
        });
    }
    let planned: BTreeSet<&str> = units.iter().map(|u| u.unit.as_str()).collect();
    let units_without_plan = expected_units(&index, last)
        .into_iter()
        .filter(|u| !planned.contains(u) && scope.is_none_or(|s| index.is_within(u, s, last)))
        .map(str::to_owned)
        .collect();
    Ok(DialogueMonth { month, on, rows, units, units_without_plan })
}

/// The units directly under a top unit on `day`.
fn expected_units<'a>(index: &OrgIndex<'a>, day: NaiveDate) -> Vec<&'a str> {
    let org = index.organisation();
    let roots = org.units.iter().filter(|u| u.is_open_on(day) && u.parent_on(day).is_none());
    roots.flat_map(|root| index.children_on(&root.id, day).map(|u| u.id.as_str()).collect::<Vec<_>>()).collect()
}

fn check_scope(index: &OrgIndex<'_>, scope: Option<&str>) -> Result<(), Error> {
    match scope {
        Some(id) if index.unit(id).is_none() => {
            Err(Error::Unknown { what: "unit", what_vi: "đơn vị", name: id.chars().take(60).collect() })
        }
        _ => Ok(()),
    }
}

/// What a unit's dialogues add up to over a period, each counted in the month it was planned
/// for and "held" when held by the period's last day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DialogueTally {
    /// Dialogues and visits planned.
    pub planned: u64,
    /// Of those, held.
    pub held: u64,
    /// Of those, not held.
    pub not_held: u64,
    /// Planned, by kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub planned_by_kind: BTreeMap<String, u64>,
    /// Held, by kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub held_by_kind: BTreeMap<String, u64>,
    /// People met at dialogues held.
    pub people_met: u64,
    /// Households visited at visits held.
    pub households_visited: u64,
    /// Issues raised at dialogues and visits held.
    pub issues_raised: u64,
    /// Petitions opened from them.
    pub petitions_opened: u64,
    /// Members taking part, counted once per dialogue (member-dialogues).
    pub member_participations: u64,
    /// The distinct members who took part (ids), so distinct counts merge.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub members: BTreeSet<String>,
}

impl Tally for DialogueTally {
    fn absorb(&mut self, other: &Self) {
        self.planned += other.planned;
        self.held += other.held;
        self.not_held += other.not_held;
        add_counts(&mut self.planned_by_kind, &other.planned_by_kind);
        add_counts(&mut self.held_by_kind, &other.held_by_kind);
        self.people_met += other.people_met;
        self.households_visited += other.households_visited;
        self.issues_raised += other.issues_raised;
        self.petitions_opened += other.petitions_opened;
        self.member_participations += other.member_participations;
        self.members.extend(other.members.iter().cloned());
    }
}

impl DialogueTally {
    /// Counts one dialogue, held if held by `as_of`.
    pub fn count(&mut self, dialogue: &Dialogue, as_of: NaiveDate) {
        let kind = dialogue.kind.as_str().to_owned();
        self.planned += 1;
        *self.planned_by_kind.entry(kind.clone()).or_default() += 1;
        if dialogue.held_on.is_none_or(|h| h > as_of) {
            self.not_held += 1;
            return;
        }
        self.held += 1;
        *self.held_by_kind.entry(kind).or_default() += 1;
        match dialogue.kind {
            DialogueKind::Dialogue => self.people_met += dialogue.met_count,
            DialogueKind::HouseholdVisit => self.households_visited += dialogue.met_count,
        }
        self.issues_raised += dialogue.issues.len() as u64;
        self.petitions_opened += dialogue.petitions.len() as u64;
        self.member_participations += dialogue.members.len() as u64;
        self.members.extend(dialogue.members.iter().cloned());
    }
}

/// The roll-up of `dialogues` planned for months of `period`, for the unit `scope` and what is
/// under it (absent: the whole organisation), as of the period's last day; every unit open during
/// the period is covered.
///
/// Errors: `unknown_name` for an unknown scope; `invalid_document` when the dialogues have errors.
///
/// ```
/// use soisua::dialogue::report;
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let q3: soisua::Period = "2020-Q3".parse()?;
/// let dialogues = soisua::synthetic::dialogue::generate(&org, q3, 7);
/// let months = q3.months().map(|m| report(&org, &dialogues, m.into(), None)).collect::<Result<Vec<_>, _>>()?;
/// let merged = months[0].merge(&months[1])?.merge(&months[2])?;
/// assert_eq!(merged.total.planned, report(&org, &dialogues, q3, None)?.total.planned);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn report(
    org: &Organisation,
    dialogues: &[Dialogue],
    period: Period,
    scope: Option<&str>,
) -> Result<Rollup<DialogueTally>, Error> {
    let index = org.index();
    let mut rollup = Rollup::of(&index, scope)?;
    let issues: Vec<_> = super::validate(org, dialogues, None).into_iter().filter(crate::Issue::is_error).collect();
    if !issues.is_empty() {
        return Err(Error::Invalid { document: "dialogues", issues });
    }
    let (first, last) = (period.first_month().first_day(), period.last_month().last_day());
    let mut tallies: BTreeMap<&str, DialogueTally> = BTreeMap::new();
    for dialogue in dialogues.iter().filter(|d| period.contains(d.month)) {
        tallies.entry(dialogue.unit.as_str()).or_default().count(dialogue, last);
    }
    rollup.add_open_units(org, &index, &tallies, &period.to_string(), (first, last));
    Ok(rollup)
}
