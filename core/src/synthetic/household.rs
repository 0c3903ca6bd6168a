//! Synthetic household follow-up for a district month: the article's 2,940 members following
//! 54,382 households, a few households nobody follows and a few members over the load.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::rng::{Rng, hash_text};
use crate::household::{Assignment, Household, HouseholdRecords, HouseholdReport};
use crate::{Month, Organisation, UnitKind};

/// Share of a commune's members who follow households (about 2,900 of a district's ~4,900
/// members in commune cells).
const FOLLOWING: f64 = 0.6;
/// Share of households nobody follows.
const UNCOVERED: f64 = 0.002;
/// Share of following members given more than the default load of 30.
const OVER_LOAD: f64 = 0.005;

/// Households for the communes of `org` (units of type `commune` that are committees), spread
/// over their hamlets' cells (`Chi bộ ấp …`; all the committee's cells when none is named so),
/// 390 to 590 a hamlet (about 54,000 in the synthetic district), followed by about 60% of the
/// members who belong to the commune's cells in `month`, about 18 households each; about 0.2% of
/// households left unfollowed and about 0.5% of the members given 31 to 36 (over the default
/// load of 30). Assignments start on 2019-01-01 or the member's first day, open-ended; for
/// `month`, about 96% of the following members report, on almost all their households. The same
/// inputs give the same records, and they validate without errors.
///
/// ```
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let month = "2020-09".parse()?;
/// let records = soisua::synthetic::household::generate(&org, month, 7);
/// assert!((50_000..60_000).contains(&records.households.len()));
/// assert!(records.validate(&org).iter().all(|i| !i.is_error()));
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn generate(org: &Organisation, month: Month, seed: u64) -> HouseholdRecords {
    let mut cells: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut committees: Vec<&str> = Vec::new();
    for unit in &org.units {
        if unit.org_type != "commune" {
            continue;
        }
        match (unit.kind, unit.parent.as_deref()) {
            (UnitKind::Committee, _) => committees.push(unit.id.as_str()),
            (UnitKind::Cell, Some(parent)) => cells.entry(parent).or_default().push(unit.id.as_str()),
            _ => {}
        }
    }
    let mut pools: HashMap<&str, Vec<&crate::Member>> = HashMap::new();
    let parents: HashMap<&str, &str> =
        org.units.iter().filter_map(|u| u.parent.as_deref().map(|p| (u.id.as_str(), p))).collect();
    for member in &org.members {
        if let Some(parent) = member.unit_in(month).and_then(|u| parents.get(u)) {
            pools.entry(parent).or_default().push(member);
        }
    }
    let mut records = HouseholdRecords::default();
    for committee in committees {
        let units = cells.get(committee).map(Vec::as_slice).unwrap_or_default();
        let hamlets: Vec<&str> =
            units.iter().copied().filter(|id| org.unit(id).is_some_and(|u| u.name.starts_with("Chi bộ ấp"))).collect();
        let hamlets = if hamlets.is_empty() { units.to_vec() } else { hamlets };
        let pool = pools.get(committee).map(Vec::as_slice).unwrap_or_default();
        let mut rng = Rng::derive(&[seed, hash_text("household"), hash_text(committee)]);
        commune(&mut rng, &hamlets, pool, &mut records);
    }
    reports(&mut records, month, seed);
    records
}

/// One commune's households and assignments.
fn commune(rng: &mut Rng, hamlets: &[&str], pool: &[&crate::Member], records: &mut HouseholdRecords) {
    let mut open = Vec::new();
    for hamlet in hamlets {
        for n in 1..=rng.between(390, 590) {
            let id = format!("H-{hamlet}-{n:04}");
            if !rng.chance(UNCOVERED) {
                open.push(id.clone());
            }
            records.households.push(Household { id, unit: (*hamlet).to_owned(), label: None });
        }
    }
    let following: Vec<&crate::Member> = pool.iter().copied().filter(|_| rng.chance(FOLLOWING)).collect();
    if following.is_empty() {
        return;
    }
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or(NaiveDate::MIN);
    let assign = |member: &crate::Member, household: String| Assignment {
        member: member.id.clone(),
        household,
        from: member.memberships.iter().map(|m| m.from).min().map_or(start, |first| first.max(start)),
        until: None,
    };
    let mut households = open.into_iter();
    let mut regular = Vec::new();
    for member in following {
        if rng.chance(OVER_LOAD) {
            let load = rng.between(31, 36);
            records
                .assignments
                .extend(households.by_ref().take(usize::try_from(load).unwrap_or(0)).map(|h| assign(member, h)));
        } else {
            regular.push(member);
        }
    }
    if regular.is_empty() {
        return;
    }
    for (i, household) in households.enumerate() {
        if let Some(member) = regular.get(i % regular.len()) {
            records.assignments.push(assign(member, household));
        }
    }
}

/// The month's reports: about 96% of the following members, naming about 98% of their households.
fn reports(records: &mut HouseholdRecords, month: Month, seed: u64) {
    let mut followed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in &records.assignments {
        followed.entry(a.member.as_str()).or_default().push(a.household.as_str());
    }
    let mut rng = Rng::derive(&[seed, hash_text("household-reports"), u64::try_from(month.index()).unwrap_or(0)]);
    let mut out = Vec::new();
    for (member, households) in followed {
        if !rng.chance(0.96) {
            continue;
        }
        let named: Vec<String> = households.iter().filter(|_| rng.chance(0.98)).map(|h| (*h).to_owned()).collect();
        let visits = u32::try_from(rng.between(0, named.len().min(12) as u64)).unwrap_or(0);
        out.push(HouseholdReport { member: member.to_owned(), month, households: named, visits, notes: None });
    }
    records.reports = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::household::{HouseholdPolicy, coverage};
    use crate::synthetic::{Scale, organisation};

    #[test]
    fn a_district_month_looks_like_the_article() {
        let org = organisation(Scale::District, 1);
        let month: Month = "2020-09".parse().unwrap();
        let records = generate(&org, month, 7);
        assert!(records.validate(&org).is_empty());
        let found = coverage(&org, &records, month, &HouseholdPolicy::default_2020().unwrap()).unwrap();
        let t = &found.tally;
        assert!((50_000..60_000).contains(&t.households), "{}", t.households);
        assert!((2_600..3_300).contains(&t.members_assigned.len()), "{}", t.members_assigned.len());
        assert!((20..300).contains(&found.uncovered.len()), "{}", found.uncovered.len());
        assert!((3..60).contains(&found.over_load.len()), "{}", found.over_load.len());
        assert!(t.reports_received < t.reports_expected);
        assert_eq!(records, generate(&org, month, 7));
    }
}
