//! Dialogues and household visits (*đối thoại, thăm hộ*): each unit's monthly plans and what was
//! held — the members who took part, whom they met, the issues raised and the petitions opened.
//!
//! The article has the district's secretary, the chairs of the people's committee and of the
//! Fatherland Front meet citizens and members of the mass organisations, communes do the same
//! every month, and committee members and heads of departments visit households monthly. A
//! [`Dialogue`] records one such meeting or visit, planned for a month and held (or not); its
//! petitions link both ways with [`Petition::dialogue`](crate::petition::Petition::dialogue).
//!
//! ```
//! use soisua::dialogue::{Dialogue, validate};
//! let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
//! let dialogue: Dialogue = serde_json::from_value(serde_json::json!({
//!     "id": "DT-1", "unit": "DB-01", "month": "2020-09", "kind": "dialogue",
//!     "planned_on": "2020-09-15", "held_on": "2020-10-02", "members": ["DV000001"],
//!     "met": "Nhân dân ấp 1", "met_count": 40, "issues": ["Đường ngập"]
//! }))?;
//! let issues = validate(&org, &[dialogue], None);
//! assert_eq!(issues[0].code, "dialogue_outside_month");
//! assert_eq!(issues[0].message_en, "the date `held_on` (2020-10-02) is not in the month 2020-09");
//! assert_eq!(issues[0].message_vi, "ngày `held_on` (2020-10-02) không thuộc tháng 2020-09");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::petition::Petition;
use crate::{Error, Issue, IssueCode, Month, Organisation, Path, is_valid_code};

mod month;

pub use month::{DialogueMonth, DialogueRow, DialogueState, DialogueTally, UnitMonth, month_status, report};

/// A dialogue with citizens or a visit to households.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DialogueKind {
    /// A meeting and dialogue with citizens, members of the mass organisations (*gặp gỡ, đối thoại*).
    Dialogue,
    /// A visit to households (*xuống hộ dân*): `met_count` counts households.
    HouseholdVisit,
}

impl DialogueKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DialogueKind::Dialogue => "dialogue",
            DialogueKind::HouseholdVisit => "household_visit",
        }
    }
}

/// A dialogue or household visit: planned for a month, held on a day or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dialogue {
    /// Identifier, unique among dialogues.
    pub id: String,
    /// The unit that plans and holds it.
    pub unit: String,
    /// The month of the plan.
    pub month: Month,
    /// Dialogue or household visit.
    pub kind: DialogueKind,
    /// The day planned.
    #[schemars(with = "String")]
    pub planned_on: NaiveDate,
    /// The day held (absent: not held).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub held_on: Option<NaiveDate>,
    /// The members taking part (member ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Whom they met (citizens of a hamlet, members of an association, households of a street).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub met: String,
    /// How many people (a dialogue) or households (a visit) they met.
    #[serde(default)]
    pub met_count: u64,
    /// The issues raised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// The petitions opened from it (petition ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub petitions: Vec<String>,
}

/// Reads a list of dialogues from a JSON value (strict; errors located by path).
///
/// ```
/// let err = soisua::dialogue::dialogues_from_value(serde_json::json!([{"id": "D"}])).unwrap_err();
/// assert_eq!(err.code(), "invalid_json");
/// ```
pub fn dialogues_from_value(value: serde_json::Value) -> Result<Vec<Dialogue>, Error> {
    crate::json::from_value("dialogues", value)
}

/// The findings about `dialogues`, located at `dialogues[i]`: ids (`invalid_code`,
/// `duplicate_code`); the unit (`unknown_unit`, `unit_not_open` in the month); members
/// (`unknown_member`); the planned and held days outside the month (`dialogue_outside_month`);
/// a dialogue not held that records members, people met, issues or petitions
/// (`dialogue_not_held_with_record`, a warning); a dialogue held with no members
/// (`dialogue_held_without_members`, a warning); and, when `petitions` are given, petitions
/// unknown (`unknown_petition`) or not naming the dialogue back (`link_not_returned`).
pub fn validate(org: &Organisation, dialogues: &[Dialogue], petitions: Option<&[Petition]>) -> Vec<Issue> {
    let index = org.index();
    let by_id: Option<BTreeMap<&str, &Petition>> =
        petitions.map(|list| list.iter().map(|p| (p.id.as_str(), p)).collect());
    let mut seen = BTreeSet::new();
    let mut issues = Vec::new();
    for (i, dialogue) in dialogues.iter().enumerate() {
        let at = Path::root().key("dialogues").index(i);
        let key = |field: &str| at.clone().key(field);
        if !is_valid_code(&dialogue.id) {
            issues.push(Issue::new(IssueCode::InvalidCode, key("id")).with("code", &dialogue.id));
        } else if !seen.insert(dialogue.id.as_str()) {
            issues.push(Issue::new(IssueCode::DuplicateCode, key("id")).with("code", &dialogue.id));
        }
        match index.unit(&dialogue.unit) {
            None => issues.push(Issue::new(IssueCode::UnknownUnit, key("unit")).with("unit", &dialogue.unit)),
            Some(unit) if !unit.is_open_in(dialogue.month) => issues.push(
                Issue::new(IssueCode::UnitNotOpen, key("unit"))
                    .with("unit", &dialogue.unit)
                    .with("month", dialogue.month),
            ),
            Some(_) => {}
        }
        for (j, member) in dialogue.members.iter().enumerate() {
            if index.member(member).is_none() {
                issues.push(Issue::new(IssueCode::UnknownMember, key("members").index(j)).with("member", member));
            }
        }
        for (field, date) in [("planned_on", Some(dialogue.planned_on)), ("held_on", dialogue.held_on)] {
            if let Some(date) = date.filter(|d| Month::from_date(*d) != dialogue.month) {
                issues.push(
                    Issue::new(IssueCode::DialogueOutsideMonth, key(field))
                        .with("field", field)
                        .with("date", date)
                        .with("month", dialogue.month),
                );
            }
        }
        record(dialogue, &at, &mut issues);
        if let Some(by_id) = &by_id {
            for (j, id) in dialogue.petitions.iter().enumerate() {
                let here = key("petitions").index(j);
                match by_id.get(id.as_str()) {
                    None => issues.push(Issue::new(IssueCode::UnknownPetition, here).with("petition", id)),
                    Some(p) if p.dialogue.as_deref() != Some(dialogue.id.as_str()) => issues
                        .push(Issue::new(IssueCode::LinkNotReturned, here).with("from", &dialogue.id).with("to", id)),
                    Some(_) => {}
                }
            }
        }
    }
    issues
}

/// What a held or not-held dialogue records.
fn record(dialogue: &Dialogue, at: &Path, issues: &mut Vec<Issue>) {
    if dialogue.held_on.is_some() {
        if dialogue.members.is_empty() {
            issues.push(
                Issue::new(IssueCode::DialogueHeldWithoutMembers, at.clone().key("members"))
                    .with("dialogue", &dialogue.id),
            );
        }
        return;
    }
    let recorded = [
        ("members", !dialogue.members.is_empty()),
        ("met_count", dialogue.met_count > 0),
        ("issues", !dialogue.issues.is_empty()),
        ("petitions", !dialogue.petitions.is_empty()),
    ];
    for (field, _) in recorded.into_iter().filter(|(_, present)| *present) {
        issues.push(
            Issue::new(IssueCode::DialogueNotHeldWithRecord, at.clone().key(field))
                .with("dialogue", &dialogue.id)
                .with("field", field),
        );
    }
}

#[cfg(test)]
mod tests;
