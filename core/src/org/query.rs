//! Questions asked of an organisation: who is where, when.
//!
//! The methods on [`Organisation`] scan lists and suit one-off questions; for many questions
//! (validating a batch, evaluating a month) build an [`OrgIndex`] once: its lookups are O(1).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Member, OrgType, Organisation, Role, Unit};
use crate::period::Month;

impl Organisation {
    /// The types of organisation in force: the organisation's own list, or the defaults
    /// ([`OrgType::defaults`]) when it gives none.
    ///
    /// ```
    /// let org = soisua::Organisation::from_json(
    ///     r#"{"id": "x", "name": {"vi": "X", "en": "X"}, "units": [], "members": []}"#,
    /// ).unwrap();
    /// assert_eq!(org.org_types().len(), 8);
    /// assert_eq!(org.org_types()[0].code, "commune");
    /// ```
    pub fn org_types(&self) -> Cow<'_, [OrgType]> {
        match &self.org_types {
            Some(types) => Cow::Borrowed(types.as_slice()),
            None => Cow::Owned(OrgType::defaults()),
        }
    }

    /// The first unit with this id (a linear scan: for many lookups use [`OrgIndex`]).
    ///
    /// ```
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// assert_eq!(org.unit("HU").unwrap().kind, soisua::UnitKind::Committee);
    /// assert!(org.unit("nope").is_none());
    /// ```
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The first member with this id (a linear scan: for many lookups use [`OrgIndex`]).
    ///
    /// ```
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// assert!(org.member("DV000001").is_some());
    /// assert!(org.member("nope").is_none());
    /// ```
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// The members who belong to `unit` on at least one day of `month`, in the organisation's
    /// order: the people a cell's form lists for the month.
    ///
    /// ```
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// let month = "2020-09".parse().unwrap();
    /// let cell = &org.members[0].memberships[0].unit;
    /// assert!(org.members_in(cell, month).any(|m| m.id == org.members[0].id));
    /// assert_eq!(org.members_in("nope", month).count(), 0);
    /// ```
    pub fn members_in<'o>(&'o self, unit: &'o str, month: Month) -> impl Iterator<Item = &'o Member> + 'o {
        self.members.iter().filter(move |m| m.units_in(month).any(|u| u == unit))
    }

    /// An index of this organisation for O(1) lookups (built in linear time).
    ///
    /// ```
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// let index = org.index();
    /// assert_eq!(index.member("DV000001").unwrap().id, "DV000001");
    /// ```
    pub fn index(&self) -> OrgIndex<'_> {
        OrgIndex::new(self)
    }
}

impl Unit {
    /// Whether the unit is open on at least one day of the month.
    ///
    /// ```
    /// let unit: soisua::Unit = serde_json::from_str(
    ///     r#"{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell", "org_type": "commune",
    ///         "closed": "2020-09-01"}"#,
    /// ).unwrap();
    /// assert!(unit.is_open_in("2020-09".parse().unwrap()));
    /// assert!(!unit.is_open_in("2020-10".parse().unwrap()));
    /// ```
    pub fn is_open_in(&self, month: Month) -> bool {
        self.opened.is_none_or(|o| o <= month.last_day()) && self.closed.is_none_or(|c| month.first_day() <= c)
    }
}

impl Member {
    /// The units of the memberships that overlap the month, in the member's order: a member
    /// transferred during the month belongs to two.
    ///
    /// ```
    /// let member: soisua::Member = serde_json::from_str(
    ///     r#"{"id": "DV1", "status": "full", "memberships": [
    ///         {"unit": "CB-1", "from": "2010-01-01", "until": "2020-09-14"},
    ///         {"unit": "CB-2", "from": "2020-09-15"}]}"#,
    /// ).unwrap();
    /// let units: Vec<&str> = member.units_in("2020-09".parse().unwrap()).collect();
    /// assert_eq!(units, ["CB-1", "CB-2"]);
    /// let units: Vec<&str> = member.units_in("2020-10".parse().unwrap()).collect();
    /// assert_eq!(units, ["CB-2"]);
    /// ```
    pub fn units_in(&self, month: Month) -> impl Iterator<Item = &str> {
        let (first, last) = (month.first_day(), month.last_day());
        self.memberships.iter().filter(move |m| m.overlaps(first, last)).map(|m| m.unit.as_str())
    }

    /// The roles held on at least one day of the month.
    ///
    /// ```
    /// let member: soisua::Member = serde_json::from_str(
    ///     r#"{"id": "DV1", "status": "full",
    ///         "memberships": [{"unit": "CB-1", "from": "2010-01-01"}],
    ///         "roles": [{"kind": "secretary", "unit": "CB-1", "from": "2020-10-01"}]}"#,
    /// ).unwrap();
    /// assert_eq!(member.roles_in("2020-09".parse().unwrap()).count(), 0);
    /// let role = member.roles_in("2020-10".parse().unwrap()).next().unwrap();
    /// assert_eq!(role.kind, soisua::RoleKind::Secretary);
    /// ```
    pub fn roles_in(&self, month: Month) -> impl Iterator<Item = &Role> {
        let (first, last) = (month.first_day(), month.last_day());
        self.roles.iter().filter(move |r| r.overlaps(first, last))
    }

    /// The unit the member counts under in a month: the latest membership overlapping the month
    /// (the one covering its last day, when there is one), as evaluations and reports place
    /// members; `None` when the member belongs nowhere that month.
    ///
    /// ```
    /// let member: soisua::Member = serde_json::from_str(
    ///     r#"{"id": "DV1", "status": "full", "memberships": [
    ///         {"unit": "CB-1", "from": "2010-01-01", "until": "2020-09-14"},
    ///         {"unit": "CB-2", "from": "2020-09-15"}]}"#,
    /// ).unwrap();
    /// assert_eq!(member.unit_in("2020-09".parse().unwrap()), Some("CB-2"));
    /// assert_eq!(member.unit_in("2020-08".parse().unwrap()), Some("CB-1"));
    /// assert_eq!(member.unit_in("2009-12".parse().unwrap()), None);
    /// ```
    pub fn unit_in(&self, month: Month) -> Option<&str> {
        let (first, last) = (month.first_day(), month.last_day());
        self.memberships.iter().filter(|m| m.overlaps(first, last)).max_by_key(|m| m.from).map(|m| m.unit.as_str())
    }

    /// Whether the member belongs to some unit on at least one day of the month.
    ///
    /// ```
    /// let member: soisua::Member = serde_json::from_str(
    ///     r#"{"id": "DV1", "status": "full",
    ///         "memberships": [{"unit": "CB-1", "from": "2020-09-30"}]}"#,
    /// ).unwrap();
    /// assert!(member.is_member_in("2020-09".parse().unwrap()));
    /// assert!(!member.is_member_in("2020-08".parse().unwrap()));
    /// ```
    pub fn is_member_in(&self, month: Month) -> bool {
        self.units_in(month).next().is_some()
    }
}

/// An index of an organisation, built once in linear time, for O(1) lookups of units and members
/// by id and of the units under a unit.
///
/// When an id is used twice (an error that validation reports), the index keeps the first.
///
/// ```
/// use chrono::NaiveDate;
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let index = org.index();
/// let day = NaiveDate::from_ymd_opt(2020, 9, 30).unwrap();
/// assert_eq!(index.children_on("HU", day).count(), 60);
/// assert_eq!(index.unit("DB-01").unwrap().kind, soisua::UnitKind::Committee);
/// ```
#[derive(Debug, Clone)]
pub struct OrgIndex<'a> {
    organisation: &'a Organisation,
    units: HashMap<&'a str, usize>,
    members: HashMap<&'a str, usize>,
    /// Per parent id: the positions of the units that are under it at some time, in unit order.
    children: HashMap<&'a str, Vec<usize>>,
    /// Positions of units and members whose id an earlier one already has, in order.
    repeated_units: Vec<usize>,
    repeated_members: Vec<usize>,
}

impl<'a> OrgIndex<'a> {
    /// Builds the index.
    pub fn new(organisation: &'a Organisation) -> Self {
        let mut units = HashMap::with_capacity(organisation.units.len());
        let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut repeated_units = Vec::new();
        for (i, unit) in organisation.units.iter().enumerate() {
            if *units.entry(unit.id.as_str()).or_insert(i) != i {
                repeated_units.push(i);
            }
            let parents = unit.parent.iter().chain(unit.moves.iter().map(|m| &m.parent));
            for parent in parents {
                let list = children.entry(parent.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut members = HashMap::with_capacity(organisation.members.len());
        let mut repeated_members = Vec::new();
        for (i, member) in organisation.members.iter().enumerate() {
            if *members.entry(member.id.as_str()).or_insert(i) != i {
                repeated_members.push(i);
            }
        }
        OrgIndex { organisation, units, members, children, repeated_units, repeated_members }
    }

    /// The organisation indexed.
    pub fn organisation(&self) -> &'a Organisation {
        self.organisation
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&'a Unit> {
        self.organisation.units.get(*self.units.get(id)?)
    }

    /// The position of the unit with this id in the organisation's list.
    pub fn unit_position(&self, id: &str) -> Option<usize> {
        self.units.get(id).copied()
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&'a Member> {
        self.organisation.members.get(*self.members.get(id)?)
    }

    /// The position of the member with this id in the organisation's list.
    pub fn member_position(&self, id: &str) -> Option<usize> {
        self.members.get(id).copied()
    }

    /// Whether the unit at position `i` repeats the id of an earlier unit.
    pub fn is_repeated_unit(&self, i: usize) -> bool {
        self.repeated_units.binary_search(&i).is_ok()
    }

    /// Whether the member at position `i` repeats the id of an earlier member.
    pub fn is_repeated_member(&self, i: usize) -> bool {
        self.repeated_members.binary_search(&i).is_ok()
    }

    /// Whether `unit` is `ancestor` or under it on `day` (following each unit's parent on that day;
    /// a cycle or an unknown unit ends the walk with `false`).
    pub fn is_within(&self, unit: &str, ancestor: &str, day: NaiveDate) -> bool {
        let mut current = Some(unit);
        let mut steps = 0;
        while let Some(id) = current {
            if id == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.organisation().units.len() {
                return false;
            }
            current = self.unit(id).and_then(|u| u.parent_on(day));
        }
        false
    }

    /// The units directly under `id` on `day` and open that day, in the organisation's order.
    pub fn children_on(&self, id: &str, day: NaiveDate) -> impl Iterator<Item = &'a Unit> + '_ {
        let units = &self.organisation.units;
        let id = id.to_owned();
        self.children
            .get(id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(move |&i| units.get(i))
            .filter(move |u| u.is_open_on(day) && u.parent_on(day) == Some(id.as_str()))
    }
}

impl Organisation {
    /// The part of the organisation at and under `unit` (under it at any time: its first parent
    /// or a later move), with the members who ever belonged there and only their roles there: what
    /// a unit holds when it works offline. Errors: `unknown_name` for a unit it does not have.
    ///
    /// ```
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// let first = org.units.iter().find(|u| u.parent.as_deref() == Some(org.units[0].id.as_str())).unwrap();
    /// let part = org.subtree(&first.id)?;
    /// assert!(part.units.len() < org.units.len() && part.units[0].parent.is_none());
    /// assert!(part.validate().iter().all(|i| !i.is_error()));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn subtree(&self, unit: &str) -> Result<Organisation, crate::Error> {
        if self.unit(unit).is_none() {
            return Err(crate::Error::Unknown { what: "unit", what_vi: "đơn vị", name: unit.to_owned() });
        }
        let mut inside: std::collections::HashSet<&str> = std::collections::HashSet::from([unit]);
        loop {
            let before = inside.len();
            for u in &self.units {
                let parents = u.parent.iter().chain(u.moves.iter().map(|m| &m.parent));
                if parents.into_iter().any(|p| inside.contains(p.as_str())) {
                    inside.insert(u.id.as_str());
                }
            }
            if inside.len() == before {
                break;
            }
        }
        let units = self
            .units
            .iter()
            .filter(|u| inside.contains(u.id.as_str()))
            .map(|u| {
                let mut u = u.clone();
                if u.id == unit {
                    u.parent = None;
                    u.moves.clear();
                } else {
                    u.moves.retain(|m| inside.contains(m.parent.as_str()));
                }
                u
            })
            .collect();
        let members = self
            .members
            .iter()
            .filter(|m| m.memberships.iter().any(|s| inside.contains(s.unit.as_str())))
            .map(|m| {
                let mut m = m.clone();
                m.memberships.retain(|s| inside.contains(s.unit.as_str()));
                m.roles.retain(|r| inside.contains(r.unit.as_str()));
                m
            })
            .collect();
        Ok(Organisation {
            id: format!("{}.{unit}", self.id).chars().take(64).collect(),
            name: self.name.clone(),
            org_types: self.org_types.clone(),
            units,
            members,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organisation {
        Organisation::from_json(
            r#"{"id": "t", "name": {"vi": "T", "en": "T"},
                "units": [
                  {"id": "A", "name": "A", "kind": "committee", "org_type": "agency"},
                  {"id": "B", "name": "B", "kind": "committee", "org_type": "agency", "parent": "A"},
                  {"id": "C", "name": "C", "kind": "cell", "org_type": "agency", "parent": "A",
                   "moves": [{"on": "2020-06-01", "parent": "B"}]},
                  {"id": "D", "name": "D", "kind": "cell", "org_type": "agency", "parent": "B",
                   "closed": "2020-03-31"}
                ],
                "members": [{"id": "M", "status": "full", "memberships": []}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn children_follow_moves_and_closings() {
        let org = org();
        let index = org.index();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let ids = |id, d| index.children_on(id, day(d)).map(|u| u.id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids("A", "2020-01-01"), ["B", "C"]);
        assert_eq!(ids("B", "2020-01-01"), ["D"]);
        assert_eq!(ids("A", "2020-07-01"), ["B"]);
        assert_eq!(ids("B", "2020-07-01"), ["C"]);
        assert!(ids("C", "2020-07-01").is_empty());
        assert_eq!(index.unit_position("C"), Some(2));
        assert_eq!(index.member_position("M"), Some(0));
        assert!(!index.is_repeated_unit(2));
        assert!(!index.is_repeated_member(0));
        assert!(index.member("X").is_none());
    }

    #[test]
    fn open_in_month_bounds() {
        let org = org();
        let d = org.unit("D").unwrap();
        assert!(d.is_open_in("2020-03".parse().unwrap()));
        assert!(!d.is_open_in("2020-04".parse().unwrap()));
        let own = Organisation { org_types: Some(Vec::new()), ..org.clone() };
        assert!(matches!(own.org_types(), Cow::Borrowed(&[])));
    }
}
