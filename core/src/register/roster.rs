//! An organisation and its reviews turned into the register's columns.

use std::collections::HashMap;

use super::{ADVERSE, CLEAN, MISSING, NONE, NOT_APPLICABLE, Roster, Rules};
use crate::review::validate::role_mask;
use crate::{Error, Finding, Issue, IssueCode, Month, MonthlyReview, Organisation, Path};

/// An organisation in the register's columns for one month, with the ids the indices stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterData {
    /// The month.
    pub month: Month,
    /// Unit ids, parents before children (as the tree stands on the month's last day).
    pub unit_ids: Vec<String>,
    /// Each unit's parent index, or [`NONE`].
    pub unit_parent: Vec<u32>,
    /// Each unit's type of organisation.
    pub unit_org_type: Vec<String>,
    /// Member ids, in the organisation's order.
    pub member_ids: Vec<String>,
    /// Each member's unit index this month (the membership covering the month's last day, else
    /// the latest one overlapping the month, as [`crate::Member::unit_in`] says), or [`NONE`].
    pub member_unit: Vec<u32>,
    /// Each member's roles this month.
    pub member_roles: Vec<u8>,
}

impl RosterData {
    /// The organisation as it stands in `month`.
    pub fn new(organisation: &Organisation, month: Month) -> RosterData {
        let day = month.last_day();
        let position: HashMap<&str, usize> =
            organisation.units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
        let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut roots = Vec::new();
        for (i, unit) in organisation.units.iter().enumerate() {
            match unit.parent_on(day).and_then(|p| position.get(p)) {
                Some(p) => children.entry(*p).or_default().push(i),
                None => roots.push(i),
            }
        }
        // Breadth first from the top units; a unit in a cycle (a validation error) is a top unit.
        let mut order: Vec<(usize, u32)> = Vec::with_capacity(organisation.units.len());
        let mut queued = vec![false; organisation.units.len()];
        let push = |order: &mut Vec<(usize, u32)>, queued: &mut [bool], u: usize, parent: u32| {
            if let Some(q) = queued.get_mut(u).filter(|q| !**q) {
                *q = true;
                order.push((u, parent));
            }
        };
        for r in &roots {
            push(&mut order, &mut queued, *r, NONE);
        }
        let mut next = 0;
        loop {
            while let Some(&(u, _)) = order.get(next) {
                let at = u32::try_from(next).unwrap_or(NONE);
                for c in children.get(&u).into_iter().flatten() {
                    push(&mut order, &mut queued, *c, at);
                }
                next += 1;
            }
            // Units left only in a cycle (a validation error): the first becomes a top unit.
            match queued.iter().position(|q| !q) {
                Some(u) => push(&mut order, &mut queued, u, NONE),
                None => break,
            }
        }
        let mut index = vec![NONE; organisation.units.len()];
        for (i, (u, _)) in order.iter().enumerate() {
            if let Some(slot) = index.get_mut(*u) {
                *slot = u32::try_from(i).unwrap_or(NONE);
            }
        }
        let unit = |u: usize| organisation.units.get(u);
        let mut data = RosterData {
            month,
            unit_ids: order.iter().filter_map(|(u, _)| unit(*u)).map(|u| u.id.clone()).collect(),
            unit_parent: order.iter().map(|(_, p)| *p).collect(),
            unit_org_type: order.iter().filter_map(|(u, _)| unit(*u)).map(|u| u.org_type.clone()).collect(),
            member_ids: Vec::with_capacity(organisation.members.len()),
            member_unit: Vec::with_capacity(organisation.members.len()),
            member_roles: Vec::with_capacity(organisation.members.len()),
        };
        for member in &organisation.members {
            let at = member
                .unit_in(month)
                .and_then(|u| position.get(u))
                .and_then(|u| index.get(*u).copied())
                .unwrap_or(NONE);
            data.member_ids.push(member.id.clone());
            data.member_unit.push(at);
            data.member_roles.push(role_mask(member, month));
        }
        data
    }

    /// The columns borrowed as a [`Roster`].
    pub fn roster(&self) -> Roster<'_> {
        Roster { unit_parent: &self.unit_parent, member_unit: &self.member_unit, member_roles: &self.member_roles }
    }

    /// The month's reviews as dense columns (one per item of `rules`, one code per member):
    /// each member's cell conclusions, [`MISSING`] where none. Reviews of other months are left
    /// out. Errors (document `register`, located at `reviews[i]`): a member the roster does not
    /// have, two reviews of one member, an item the rules do not have, a finding that does not fit
    /// its item's kind.
    pub fn dense(&self, rules: &Rules, reviews: &[MonthlyReview]) -> Result<Vec<Vec<u8>>, Error> {
        let members: HashMap<&str, usize> = self.member_ids.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
        let items: HashMap<&str, usize> = rules.codes.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
        let mut columns = vec![vec![MISSING; self.member_ids.len()]; rules.items.len()];
        let mut seen = vec![false; self.member_ids.len()];
        let mut issues = Vec::new();
        for (i, review) in reviews.iter().enumerate().filter(|(_, r)| r.month == self.month) {
            let at = Path::root().key("reviews").index(i);
            let Some(&m) = members.get(review.member.as_str()) else {
                issues.push(Issue::new(IssueCode::UnknownMember, at.key("member")).with("member", &review.member));
                continue;
            };
            if seen.get(m).copied().unwrap_or(true) {
                issues.push(
                    Issue::new(IssueCode::DuplicateReview, at)
                        .with("member", &review.member)
                        .with("month", review.month),
                );
                continue;
            }
            if let Some(s) = seen.get_mut(m) {
                *s = true;
            }
            for (j, answer) in review.answers.iter().enumerate() {
                let at = at.clone().key("answers").index(j);
                let Some(&p) = items.get(answer.item.as_str()) else {
                    issues.push(Issue::new(IssueCode::UnknownItem, at.key("item")).with("item", &answer.item));
                    continue;
                };
                let Some(cell) = answer.cell else { continue };
                let kind = rules.items.get(p).map(|r| r.kind);
                if !kind.is_some_and(|k| cell.fits(k)) {
                    issues.push(
                        Issue::new(IssueCode::FindingWrongKind, at.key("cell"))
                            .with("finding", cell.as_str())
                            .with("item", &answer.item)
                            .with("kind", kind.map_or("?", |k| k.as_str())),
                    );
                    continue;
                }
                if let Some(slot) = columns.get_mut(p).and_then(|c| c.get_mut(m)) {
                    *slot = code(cell);
                }
            }
        }
        if issues.is_empty() { Ok(columns) } else { Err(Error::Invalid { document: "register", issues }) }
    }
}

/// The register's code of a finding.
pub fn code(finding: Finding) -> u8 {
    match finding {
        Finding::None | Finding::Clear | Finding::Good => CLEAN,
        Finding::NotApplicable => NOT_APPLICABLE,
        Finding::Present | Finding::Violated | Finding::NotYetGood => ADVERSE,
    }
}

/// Dense columns as sparse rows: `(member, item, code)` for every cell that is not [`CLEAN`],
/// sorted by member then item.
pub fn sparse(columns: &[&[u8]]) -> (Vec<u32>, Vec<u16>, Vec<u8>) {
    let mut rows: Vec<(u32, u16, u8)> = Vec::new();
    for (p, column) in columns.iter().enumerate() {
        let Ok(p) = u16::try_from(p) else { continue };
        for (m, c) in column.iter().enumerate() {
            if *c != CLEAN {
                rows.push((u32::try_from(m).unwrap_or(NONE), p, *c));
            }
        }
    }
    rows.sort_unstable();
    let mut out = (Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()), Vec::with_capacity(rows.len()));
    for (m, p, c) in rows {
        out.0.push(m);
        out.1.push(p);
        out.2.push(c);
    }
    out
}
