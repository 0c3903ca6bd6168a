//! Coverage of a month and the roll-up over a period.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{Household, HouseholdPolicy, HouseholdRecords, HouseholdReport};
use crate::org::OrgIndex;
use crate::period::{Month, Period};
use crate::report::{Rollup, Tally};
use crate::{Error, Issue, Organisation};

/// Counts of household follow-up for units and months. Household and member counts are summed
/// over months (household-months, member-months); the sets of member ids give distinct counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseholdTally {
    /// Distinct members following at least one household.
    pub members_assigned: BTreeSet<String>,
    /// Members following at least one household, summed over months (member-months).
    pub member_months: u64,
    /// Households, summed over months (counted at the household's unit).
    pub households: u64,
    /// Households followed by at least one member.
    pub covered: u64,
    /// Households nobody follows.
    pub uncovered: u64,
    /// Member-months over the policy's load.
    pub over_load: u64,
    /// Distinct members over the load in some month.
    pub over_load_members: BTreeSet<String>,
    /// Reports expected: one per member following households, per month.
    pub reports_expected: u64,
    /// Reports received from those members.
    pub reports_received: u64,
    /// Followed households that a member following them reported on.
    pub households_reported: u64,
    /// Visits reported.
    pub visits: u64,
}

impl Tally for HouseholdTally {
    fn absorb(&mut self, other: &Self) {
        self.members_assigned.extend(other.members_assigned.iter().cloned());
        self.over_load_members.extend(other.over_load_members.iter().cloned());
        self.member_months += other.member_months;
        self.households += other.households;
        self.covered += other.covered;
        self.uncovered += other.uncovered;
        self.over_load += other.over_load;
        self.reports_expected += other.reports_expected;
        self.reports_received += other.reports_received;
        self.households_reported += other.households_reported;
        self.visits += other.visits;
    }
}

/// A member following more households than the policy allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Load {
    /// The member.
    pub member: String,
    /// Households followed in the month.
    pub households: u64,
    /// The policy's maximum.
    pub max: u32,
}

/// The coverage of one month: the gaps, by id, and the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The month.
    pub month: Month,
    /// The policy applied, as `id@version`.
    pub policy: String,
    /// Households nobody follows in the month.
    pub uncovered: Vec<String>,
    /// Members over the load.
    pub over_load: Vec<Load>,
    /// Members following households who sent no report for the month.
    pub members_not_reporting: Vec<String>,
    /// Followed households that none of their members reported on.
    pub households_not_reported: Vec<String>,
    /// The counts.
    pub tally: HouseholdTally,
}

/// The coverage of `month`: which households nobody follows, which members follow more than
/// `policy` allows, who did not report and which followed households nobody reported on.
///
/// An assignment counts in a month when it covers a day of it.
///
/// Errors: `invalid_document` when the policy has errors or is not in force in the month, or
/// when the records have errors ([`HouseholdRecords::validate`]; warnings are no obstacle).
pub fn coverage(
    organisation: &Organisation,
    records: &HouseholdRecords,
    month: Month,
    policy: &HouseholdPolicy,
) -> Result<Coverage, Error> {
    check_policy(policy, Period::Month(month))?;
    check_records(organisation, records)?;
    let index = organisation.index();
    let view = MonthView::new(&index, records, month, policy.max_households_per_member);
    let mut tally = HouseholdTally::default();
    for unit_tally in view.units.values() {
        tally.absorb(unit_tally);
    }
    Ok(Coverage {
        month,
        policy: format!("{}@{}", policy.id, policy.version),
        uncovered: view.uncovered,
        over_load: view.over_load,
        members_not_reporting: view.not_reporting,
        households_not_reported: view.not_reported,
        tally,
    })
}

/// The roll-up of household follow-up over `period` for `scope` (absent: the whole
/// organisation): each month's counts, households at their unit and members at the unit they
/// belong to that month, placed as the tree stood on the month's last day.
///
/// Errors: `unknown_name` for an unknown scope, `invalid_document` when the policy has errors or
/// is not in force in a month of the period, or when the records have errors.
///
/// ```
/// use soisua::household::{report, HouseholdPolicy, HouseholdRecords};
/// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
///   "units": [{"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}],
///   "members": [{"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]}]}"#)?;
/// let records = HouseholdRecords::from_json(r#"{"households": [{"id": "H1", "unit": "CB-1"}],
///   "assignments": [{"member": "DV1", "household": "H1", "from": "2020-01-01"}]}"#)?;
/// let policy = HouseholdPolicy::default_2020()?;
/// let rollup = report(&org, &records, "2020-Q3".parse()?, None, &policy)?;
/// assert_eq!(rollup.total.households, 3);
/// assert_eq!(rollup.total.reports_expected, 3);
/// assert_eq!(rollup.total.members_assigned.len(), 1);
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn report(
    organisation: &Organisation,
    records: &HouseholdRecords,
    period: Period,
    scope: Option<&str>,
    policy: &HouseholdPolicy,
) -> Result<Rollup<HouseholdTally>, Error> {
    check_policy(policy, period)?;
    check_records(organisation, records)?;
    let index = organisation.index();
    let mut rollup = Rollup::of(&index, scope)?;
    for month in period.months() {
        let view = MonthView::new(&index, records, month, policy.max_households_per_member);
        let label = month.to_string();
        for (unit, tally) in &view.units {
            rollup.add_unit(&index, unit, &label, month.last_day(), tally);
        }
    }
    Ok(rollup)
}

/// Refuses a policy with errors, or one not in force in every month of `period`.
fn check_policy(policy: &HouseholdPolicy, period: Period) -> Result<(), Error> {
    crate::catalogue::usable_for(policy, policy.validate(), period)
}

/// Refuses records with errors.
fn check_records(organisation: &Organisation, records: &HouseholdRecords) -> Result<(), Error> {
    let errors: Vec<Issue> = records.validate(organisation).into_iter().filter(Issue::is_error).collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::Invalid { document: "request", issues: errors }) }
}

/// One month computed: the gaps and a tally per unit.
struct MonthView {
    uncovered: Vec<String>,
    over_load: Vec<Load>,
    not_reporting: Vec<String>,
    not_reported: Vec<String>,
    units: BTreeMap<String, HouseholdTally>,
}

impl MonthView {
    fn new(org: &OrgIndex<'_>, records: &HouseholdRecords, month: Month, max: u32) -> MonthView {
        let mut households: HashMap<&str, &Household> = HashMap::new();
        for household in &records.households {
            households.entry(household.id.as_str()).or_insert(household);
        }
        let mut followers: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        let mut loads: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for a in records.assignments.iter().filter(|a| a.is_active_in(month)) {
            let member_in = org.member(&a.member).is_some_and(|m| m.is_member_in(month));
            if member_in && households.contains_key(a.household.as_str()) {
                followers.entry(a.household.as_str()).or_default().insert(a.member.as_str());
                loads.entry(a.member.as_str()).or_default().insert(a.household.as_str());
            }
        }
        let mut reports: HashMap<&str, &HouseholdReport> = HashMap::new();
        for r in records.reports.iter().filter(|r| r.month == month) {
            reports.entry(r.member.as_str()).or_insert(r);
        }
        let mut view = MonthView {
            uncovered: Vec::new(),
            over_load: Vec::new(),
            not_reporting: Vec::new(),
            not_reported: Vec::new(),
            units: BTreeMap::new(),
        };
        let mut counted = BTreeSet::new();
        for household in records.households.iter().filter(|h| counted.insert(h.id.as_str())) {
            let tally = view.units.entry(household.unit.clone()).or_default();
            tally.households += 1;
            let Some(members) = followers.get(household.id.as_str()) else {
                tally.uncovered += 1;
                view.uncovered.push(household.id.clone());
                continue;
            };
            tally.covered += 1;
            let named = |m: &&str| reports.get(m).is_some_and(|r| r.households.contains(&household.id));
            if members.iter().any(named) {
                tally.households_reported += 1;
            } else {
                view.not_reported.push(household.id.clone());
            }
        }
        for (member, followed) in loads {
            let unit = org.member(member).and_then(|m| m.unit_in(month)).unwrap_or_default();
            let tally = view.units.entry(unit.to_owned()).or_default();
            tally.members_assigned.insert(member.to_owned());
            tally.member_months += 1;
            tally.reports_expected += 1;
            match reports.get(member) {
                Some(report) => {
                    tally.reports_received += 1;
                    tally.visits += u64::from(report.visits);
                }
                None => view.not_reporting.push(member.to_owned()),
            }
            let count = followed.len() as u64;
            if count > u64::from(max) {
                tally.over_load += 1;
                tally.over_load_members.insert(member.to_owned());
                view.over_load.push(Load { member: member.to_owned(), households: count, max });
            }
        }
        view
    }
}
