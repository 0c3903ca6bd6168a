//! Validation of an organisation.
//!
//! Every check runs in time linear in the size of the organisation (ids are looked up in hash
//! maps built once), so that a nation of five million members validates in seconds. Findings
//! come in document order: the organisation's own fields, its types, then unit by unit and
//! member by member, each in the order of its fields.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Member, OrgIndex, Organisation, Unit, UnitKind};
use crate::{Issue, IssueCode, Path, is_valid_code};

impl Organisation {
    /// The findings about this organisation: invalid or duplicate ids, empty names, unknown types,
    /// dangling parents, cycles, parents of the wrong kind, units open while their parent is
    /// not, memberships and roles at unknown or closed units, overlapping memberships.
    ///
    /// A cycle is looked for across every parent a unit ever has (its first parent and those of
    /// its moves), so a unit may never be under one of its own descendants, even at another time.
    /// It is reported once, on the unit with the smallest id in it.
    ///
    /// ```
    /// let org = soisua::Organisation::from_json(r#"{
    ///     "id": "t", "name": {"vi": "T", "en": "T"},
    ///     "units": [{"id": "CB-1", "name": "Chi bộ 1", "kind": "cell",
    ///                "org_type": "commune", "parent": "DB-9"}],
    ///     "members": []}"#).unwrap();
    /// let issues = org.validate();
    /// assert_eq!(issues.len(), 1);
    /// assert_eq!(issues[0].code, "unknown_parent");
    /// assert_eq!(issues[0].path.to_string(), "units[0].parent");
    /// assert_eq!(issues[0].message_en, "the parent `DB-9` of `CB-1` does not exist");
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let index = OrgIndex::new(self);
        let mut issues = Vec::new();
        check_header(self, &mut issues);
        let types = self.org_types();
        let known_types: HashSet<&str> = types.iter().map(|t| t.code.as_str()).collect();
        let cycles = cycles(self, &index);
        for (i, unit) in self.units.iter().enumerate() {
            check_unit(unit, i, &index, &known_types, &mut issues);
            if let Some(&link) = cycles.get(&i) {
                issues.push(Issue::new(IssueCode::ParentCycle, link_path(i, link)).with("unit", &unit.id));
            }
            check_unit_life(unit, i, &index, &mut issues);
        }
        for (i, member) in self.members.iter().enumerate() {
            check_member(member, i, &index, &mut issues);
        }
        issues
    }
}

fn check_code(code: &str, unique: bool, path: Path, issues: &mut Vec<Issue>) {
    if !is_valid_code(code) {
        issues.push(Issue::new(IssueCode::InvalidCode, path).with("code", code));
    } else if !unique {
        issues.push(Issue::new(IssueCode::DuplicateCode, path).with("code", code));
    }
}

fn check_text(text: &str, field: &str, path: Path, issues: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        issues.push(Issue::new(IssueCode::EmptyText, path).with("field", field));
    }
}

fn check_header(org: &Organisation, issues: &mut Vec<Issue>) {
    let root = Path::root();
    check_code(&org.id, true, root.key("id"), issues);
    check_text(&org.name.vi, "name", root.key("name").key("vi"), issues);
    let Some(types) = &org.org_types else { return };
    let mut seen = HashSet::with_capacity(types.len());
    for (k, org_type) in types.iter().enumerate() {
        let path = root.key("org_types").index(k);
        let unique = seen.insert(org_type.code.as_str());
        check_code(&org_type.code, unique, path.key("code"), issues);
        check_text(&org_type.label.vi, "label", path.key("label").key("vi"), issues);
    }
}

/// Whether a unit of kind `kind` may be directly under a unit of kind `parent`: a committee under
/// a committee, a cell under a committee, a group under a cell (any kind may be a root).
fn may_be_under(kind: UnitKind, parent: UnitKind) -> bool {
    matches!(
        (kind, parent),
        (UnitKind::Committee | UnitKind::Cell, UnitKind::Committee) | (UnitKind::Group, UnitKind::Cell)
    )
}

/// Every parent a unit ever has: `None` for its first parent, `Some(k)` for its move `k`.
fn parent_links(unit: &Unit) -> impl Iterator<Item = (Option<usize>, &str)> {
    let first = unit.parent.iter().map(|p| (None, p.as_str()));
    let moves = unit.moves.iter().enumerate().map(|(k, m)| (Some(k), m.parent.as_str()));
    first.chain(moves)
}

/// The path of the field naming a parent: `units[i].parent` or `units[i].moves[k].parent`.
fn link_path(unit: usize, link: Option<usize>) -> Path {
    let path = Path::root().key("units").index(unit);
    match link {
        None => path.key("parent"),
        Some(k) => path.key("moves").index(k).key("parent"),
    }
}

fn check_unit(unit: &Unit, i: usize, index: &OrgIndex<'_>, known_types: &HashSet<&str>, issues: &mut Vec<Issue>) {
    let path = || Path::root().key("units").index(i);
    let unique = !index.is_repeated_unit(i);
    if !unique || !is_valid_code(&unit.id) {
        check_code(&unit.id, unique, path().key("id"), issues);
    }
    if unit.name.trim().is_empty() {
        check_text(&unit.name, "name", path().key("name"), issues);
    }
    if !known_types.contains(unit.org_type.as_str()) {
        issues.push(Issue::new(IssueCode::UnknownOrgType, path().key("org_type")).with("org_type", &unit.org_type));
    }
    if let (Some(opened), Some(closed)) = (unit.opened, unit.closed) {
        if closed < opened {
            issues.push(date_range(path().key("closed"), opened, closed));
        }
    }
    for (link, parent_id) in parent_links(unit) {
        let at = || link_path(i, link);
        let issue = match index.unit(parent_id) {
            None => Some(Issue::new(IssueCode::UnknownParent, at()).with("parent", parent_id).with("unit", &unit.id)),
            Some(parent) if !may_be_under(unit.kind, parent.kind) => Some(
                Issue::new(IssueCode::InvalidParentKind, at())
                    .with("unit", &unit.id)
                    .with("kind", unit.kind.as_str())
                    .with("parent", parent_id)
                    .with("parent_kind", parent.kind.as_str()),
            ),
            Some(_) => None,
        };
        issues.extend(issue);
    }
}

fn date_range(path: Path, from: NaiveDate, until: NaiveDate) -> Issue {
    Issue::new(IssueCode::InvalidDateRange, path).with("from", from).with("until", until)
}

/// Days under one parent: first and last day (`None`: unbounded), the parent, and the link
/// naming it (see [`parent_links`]).
type Span<'u> = (Option<NaiveDate>, Option<NaiveDate>, Option<&'u str>, Option<usize>);

/// Checks that each parent the unit has over its life is open over the days the unit is under it.
fn check_unit_life(unit: &Unit, i: usize, index: &OrgIndex<'_>, issues: &mut Vec<Issue>) {
    if let (Some(opened), Some(closed)) = (unit.opened, unit.closed) {
        if closed < opened {
            return;
        }
    }
    // Spans of days under one parent; `None` as a start or end means unbounded.
    let mut spans: Vec<Span<'_>> = Vec::with_capacity(unit.moves.len() + 1);
    let mut start = None;
    let mut parent = unit.parent.as_deref();
    let mut link = None;
    if !unit.moves.is_empty() {
        let mut moves: Vec<(usize, &super::Move)> = unit.moves.iter().enumerate().collect();
        moves.sort_by_key(|(_, m)| m.on);
        for (k, m) in moves {
            spans.push((start, m.on.pred_opt(), parent, link));
            start = Some(m.on);
            parent = Some(m.parent.as_str());
            link = Some(k);
        }
    }
    spans.push((start, None, parent, link));
    for (start, end, parent, link) in spans {
        let Some(parent) = parent.and_then(|id| index.unit(id)) else {
            continue;
        };
        if parent.id == unit.id {
            continue;
        }
        let start = later(start, unit.opened);
        let end = earlier(end, unit.closed);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                continue;
            }
        }
        let opens_in_time = parent.opened.is_none_or(|po| start.is_some_and(|s| po <= s));
        let closes_in_time = parent.closed.is_none_or(|pc| end.is_some_and(|e| e <= pc));
        if !(opens_in_time && closes_in_time) {
            issues.push(
                Issue::new(IssueCode::UnitOutlivesParent, link_path(i, link))
                    .with("unit", &unit.id)
                    .with("parent", &parent.id),
            );
        }
    }
}

/// The later of two starts, `None` being the beginning of time.
fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The earlier of two ends, `None` being the end of time.
fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether the days from `from` to `until` (unbounded when `None`) fall within the unit's life.
fn within_life(unit: &Unit, from: NaiveDate, until: Option<NaiveDate>) -> bool {
    unit.opened.is_none_or(|o| o <= from) && unit.closed.is_none_or(|c| until.is_some_and(|u| u <= c))
}

fn check_member(member: &Member, i: usize, index: &OrgIndex<'_>, issues: &mut Vec<Issue>) {
    let path = || Path::root().key("members").index(i);
    let unique = !index.is_repeated_member(i);
    if !unique || !is_valid_code(&member.id) {
        check_code(&member.id, unique, path().key("id"), issues);
    }
    if let Some(name) = member.name.as_deref().filter(|n| n.trim().is_empty()) {
        check_text(name, "name", path().key("name"), issues);
    }
    if member.memberships.is_empty() {
        issues.push(Issue::new(IssueCode::MemberWithoutUnit, path().key("memberships")).with("member", &member.id));
    }
    for (k, membership) in member.memberships.iter().enumerate() {
        let at = || path().key("memberships").index(k);
        if let Some(until) = membership.until.filter(|u| *u < membership.from) {
            issues.push(date_range(at().key("until"), membership.from, until));
        }
        let Some(unit) = index.unit(&membership.unit) else {
            issues.push(Issue::new(IssueCode::UnknownUnit, at().key("unit")).with("unit", &membership.unit));
            continue;
        };
        if unit.kind == UnitKind::Committee {
            issues.push(
                Issue::new(IssueCode::MembershipInCommittee, at().key("unit"))
                    .with("member", &member.id)
                    .with("unit", &unit.id),
            );
        }
        if !within_life(unit, membership.from, membership.until) {
            issues.push(
                Issue::new(IssueCode::MembershipOutsideUnitLife, at())
                    .with("member", &member.id)
                    .with("unit", &unit.id),
            );
        }
    }
    check_overlaps(member, i, issues);
    for (r, role) in member.roles.iter().enumerate() {
        let at = || path().key("roles").index(r);
        if let Some(until) = role.until.filter(|u| *u < role.from) {
            issues.push(date_range(at().key("until"), role.from, until));
        }
        match index.unit(&role.unit) {
            None => issues.push(Issue::new(IssueCode::UnknownUnit, at().key("unit")).with("unit", &role.unit)),
            Some(unit) if !within_life(unit, role.from, role.until) => issues.push(
                Issue::new(IssueCode::RoleAtClosedUnit, at())
                    .with("role", role.kind.as_str())
                    .with("member", &member.id)
                    .with("unit", &unit.id),
            ),
            Some(_) => {}
        }
    }
}

/// Reports each membership that starts while an earlier-starting one still runs, against the
/// running one that ends last. Memberships with an invalid date range are left out.
fn check_overlaps(member: &Member, i: usize, issues: &mut Vec<Issue>) {
    if member.memberships.len() < 2 {
        return;
    }
    let mut spans: Vec<(usize, &super::Membership)> =
        member.memberships.iter().enumerate().filter(|(_, m)| m.until.is_none_or(|u| m.from <= u)).collect();
    spans.sort_by_key(|(k, m)| (m.from, *k));
    let mut running: Option<&super::Membership> = None;
    for (k, membership) in spans {
        if let Some(other) = running {
            if other.until.is_none_or(|u| membership.from <= u) {
                issues.push(
                    Issue::new(
                        IssueCode::MembershipOverlap,
                        Path::root().key("members").index(i).key("memberships").index(k),
                    )
                    .with("member", &member.id)
                    .with("unit", &membership.unit)
                    .with("other_unit", &other.unit),
                );
            }
            let ends_later = match (other.until, membership.until) {
                (Some(a), Some(b)) => b > a,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if ends_later {
                running = Some(membership);
            }
        } else {
            running = Some(membership);
        }
    }
}

/// The units on a cycle of parents, one per cycle (strongly connected component of the graph of
/// every parent a unit ever has): the position of the unit with the smallest id, with its parent
/// link (see [`parent_links`]) that leads into the cycle.
fn cycles(org: &Organisation, index: &OrgIndex<'_>) -> HashMap<usize, Option<usize>> {
    let n = org.units.len();
    // Edges in compressed form: the targets of unit `v` are `targets[starts[v]..starts[v + 1]]`.
    let mut starts = Vec::with_capacity(n + 1);
    let mut targets = Vec::with_capacity(n);
    for unit in &org.units {
        starts.push(targets.len());
        let parents = unit.parent.iter().chain(unit.moves.iter().map(|m| &m.parent));
        targets.extend(parents.filter_map(|p| index.unit_position(p)));
    }
    starts.push(targets.len());
    let edges = |v: usize| -> &[usize] {
        let (from, to) = (at(&starts, v), at(&starts, v + 1));
        targets.get(from..to).unwrap_or_default()
    };
    let mut found = HashMap::new();
    for component in strongly_connected(n, edges) {
        let members: HashSet<usize> = component.iter().copied().collect();
        let Some((pos, unit)) =
            component.iter().filter_map(|&v| org.units.get(v).map(|u| (v, u))).min_by(|a, b| a.1.id.cmp(&b.1.id))
        else {
            continue;
        };
        let link = parent_links(unit)
            .find(|(_, p)| index.unit_position(p).is_some_and(|v| members.contains(&v)))
            .and_then(|(link, _)| link);
        found.insert(pos, link);
    }
    found
}

fn at(values: &[usize], i: usize) -> usize {
    values.get(i).copied().unwrap_or_default()
}

fn put(values: &mut [usize], i: usize, value: usize) {
    if let Some(slot) = values.get_mut(i) {
        *slot = value;
    }
}

/// Tarjan's strongly connected components, iterative (a chain of a million units must not
/// overflow the stack). Only the components that hold a cycle (more than one unit, or a unit
/// that is its own parent) are returned; their order does not matter to callers.
fn strongly_connected<'e>(n: usize, edges: impl Fn(usize) -> &'e [usize]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    let mut components = Vec::new();
    for root in 0..n {
        if at(&order, root) != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        put(&mut order, root, next);
        put(&mut low, root, next);
        next += 1;
        stack.push(root);
        if let Some(flag) = on_stack.get_mut(root) {
            *flag = true;
        }
        while let Some((v, edge)) = calls.last_mut() {
            let v = *v;
            if let Some(&w) = edges(v).get(*edge) {
                *edge += 1;
                if at(&order, w) == UNSEEN {
                    put(&mut order, w, next);
                    put(&mut low, w, next);
                    next += 1;
                    stack.push(w);
                    if let Some(flag) = on_stack.get_mut(w) {
                        *flag = true;
                    }
                    calls.push((w, 0));
                } else if on_stack.get(w).copied().unwrap_or(false) {
                    let lowest = at(&low, v).min(at(&order, w));
                    put(&mut low, v, lowest);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                let lowest = at(&low, parent).min(at(&low, v));
                put(&mut low, parent, lowest);
            }
            if at(&low, v) == at(&order, v) {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    if let Some(flag) = on_stack.get_mut(w) {
                        *flag = false;
                    }
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || edges(v).contains(&v) {
                    components.push(component);
                }
            }
        }
    }
    components
}

#[cfg(test)]
mod tests;
