//! The roll-up of emulation: sheets scored and titles, nominations and decisions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Decision, EmulationRecords, Nominee, Scheme, Subject, validate_nominations, validate_scores};
use crate::period::Period;
use crate::report::{Rollup, Tally, add_counts};
use crate::{Error, Issue, Organisation};

/// Counts of emulation for units and periods.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmulationTally {
    /// Sheets scored.
    pub scored: u64,
    /// Their points, added up (the mean is `points / scored`).
    pub points: u64,
    /// Titles awarded, by title code.
    pub titles: BTreeMap<String, u64>,
    /// Sheets that earned no title.
    pub untitled: u64,
    /// Nominations by decision: `pending`, `commended`, `not_commended`.
    pub nominations: BTreeMap<String, u64>,
    /// Commendations by level.
    pub commendations: BTreeMap<String, u64>,
}

impl Tally for EmulationTally {
    fn absorb(&mut self, other: &Self) {
        self.scored += other.scored;
        self.points += other.points;
        add_counts(&mut self.titles, &other.titles);
        self.untitled += other.untitled;
        add_counts(&mut self.nominations, &other.nominations);
        add_counts(&mut self.commendations, &other.commendations);
    }
}

/// The roll-up of emulation over `period` for `scope` (absent: the whole organisation): the
/// sheets whose period lies within it (a unit's at the unit, a member's at the unit they belong to
/// in the sheet's last month) and the nominations made in it (a member's at their unit that
/// month, a person's at the unit given). A unit's coverage is the periods of its sheets and the
/// months of its nominations.
///
/// Errors: `unknown_name` for an unknown scope; `invalid_document` when the scheme, a sheet or a
/// nomination has errors (the findings say which).
///
/// ```
/// use soisua::emulation::{report, EmulationRecords, Scheme};
/// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
///   "units": [{"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}], "members": []}"#)?;
/// let records: EmulationRecords = serde_json::from_str(r#"{"nominations": [{"id": "N1",
///   "nominee": {"person": {"name": "Trần Thị B", "unit": "CB-1"}}, "deed": "trả lại của rơi",
///   "nominated_on": "2020-05-02", "nominated_by": "CB-1",
///   "decision": {"status": "commended", "level": "co-so"}}]}"#).unwrap();
/// let rollup = report(&org, &Scheme::default_2020()?, &records, "2020".parse()?, None)?;
/// assert_eq!(rollup.total.commendations["co-so"], 1);
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn report(
    organisation: &Organisation,
    scheme: &Scheme,
    records: &EmulationRecords,
    period: Period,
    scope: Option<&str>,
) -> Result<Rollup<EmulationTally>, Error> {
    super::score::usable(scheme)?;
    let mut errors = validate_scores(Some(organisation), scheme, &records.scores);
    errors.extend(validate_nominations(organisation, scheme, &records.nominations));
    errors.retain(Issue::is_error);
    if !errors.is_empty() {
        return Err(Error::Invalid { document: "request", issues: errors });
    }
    let index = organisation.index();
    let mut rollup = Rollup::of(&index, scope)?;
    let (first, last) = (period.first_month(), period.last_month());
    for sheet in records.scores.iter().filter(|s| first <= s.period.first_month() && s.period.last_month() <= last) {
        let month = sheet.period.last_month();
        let unit = match &sheet.subject {
            Subject::Unit(id) => Some(id.as_str()),
            Subject::Member(id) => index.member(id).and_then(|m| m.unit_in(month)),
        };
        let result = scheme.score(sheet);
        let mut tally = EmulationTally { scored: 1, points: u64::from(result.total), ..EmulationTally::default() };
        match result.title {
            Some(title) => {
                tally.titles.insert(title, 1);
            }
            None => tally.untitled = 1,
        }
        if let Some(unit) = unit {
            rollup.add_unit(&index, unit, &sheet.period.to_string(), month.last_day(), &tally);
        }
    }
    for n in records.nominations.iter().filter(|n| period.contains(n.month())) {
        let month = n.month();
        let unit = match &n.nominee {
            Nominee::Member(id) => index.member(id).and_then(|m| m.unit_in(month)),
            Nominee::Person(person) => Some(person.unit.as_str()),
        };
        let mut tally = EmulationTally::default();
        tally.nominations.insert(n.decision.as_str().to_owned(), 1);
        if let Decision::Commended { level, .. } = &n.decision {
            tally.commendations.insert(level.clone(), 1);
        }
        if let Some(unit) = unit {
            rollup.add_unit(&index, unit, &month.to_string(), month.last_day(), &tally);
        }
    }
    Ok(rollup)
}
