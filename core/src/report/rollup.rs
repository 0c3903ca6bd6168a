//! The committee office's reports beyond the monthly evaluation (cell meetings, petitions,
//! dialogues, household follow-up, accountability, emulation, term targets, quality ratings)
//! share one shape: a [`Rollup`] of a [`Tally`] per unit and period.
//!
//! Like [`Report`](super::Report), a roll-up states what it covers (unit × period), and two
//! roll-ups with disjoint coverage merge exactly: tallies add up, sets of distinct ids are unions.
//! Merging is associative and commutative; merging roll-ups that overlap is refused
//! (`report_overlap`), and [`Rollup::lift`] turns a unit's roll-up into a row of its parent, so an
//! offline unit can send only its numbers.
//!
//! ```
//! use soisua::report::{Rollup, Tally, UnitLabel};
//! use soisua::UnitKind;
//! #[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
//! struct Held(u64);
//! impl Tally for Held {
//!     fn absorb(&mut self, other: &Self) { self.0 += other.0; }
//! }
//! let cell = |id: &str| UnitLabel { unit: id.into(), name: id.into(), kind: UnitKind::Cell, org_type: "xa".into() };
//! let mut a = Rollup::new(None);
//! a.add(&cell("cb-1"), &cell("cb-1"), "2020-09", &Held(1));
//! let mut b = Rollup::new(None);
//! b.add(&cell("cb-2"), &cell("cb-2"), "2020-09", &Held(2));
//! let both = a.merge(&b)?;
//! assert_eq!(both.total, Held(3));
//! assert_eq!(both, b.merge(&a)?);
//! assert_eq!(a.merge(&a).unwrap_err().code(), "report_overlap");
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{UnitLabel, label, place_on};
use crate::Error;
use crate::org::OrgIndex;

/// Counts that merge by addition (and sets that merge by union). `absorb` must be associative
/// and commutative, with `Default` as its identity.
pub trait Tally: Clone + Default + PartialEq {
    /// Adds `other` into `self`.
    fn absorb(&mut self, other: &Self);
}

/// A tally per unit and period, rolled up to a scope: the total, one row per unit directly under
/// the scope, and one block per type of organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollup<T> {
    /// The unit reported on (absent: the whole organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<UnitLabel>,
    /// What is counted: per unit, the periods (`2020-09`, `2020-Q3`, `2020`, a term `2015-2020`).
    pub coverage: BTreeMap<String, BTreeSet<String>>,
    /// Everything counted.
    pub total: T,
    /// Per type of organisation of the unit counted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_org_type: BTreeMap<String, T>,
    /// Per unit directly under the scope (or per top unit for the whole organisation).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rows: BTreeMap<String, RollupRow<T>>,
}

/// One row of a [`Rollup`]: a unit and what it adds up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollupRow<T> {
    /// The unit.
    pub label: UnitLabel,
    /// Its tally.
    pub tally: T,
}

impl<T: Tally> Rollup<T> {
    /// An empty roll-up of `scope`.
    pub fn new(scope: Option<UnitLabel>) -> Self {
        Rollup {
            scope,
            coverage: BTreeMap::new(),
            total: T::default(),
            by_org_type: BTreeMap::new(),
            rows: BTreeMap::new(),
        }
    }

    /// An empty roll-up of the unit `scope` of `org` (absent: the whole organisation).
    ///
    /// Errors: `unknown_name` when the organisation has no such unit.
    pub fn of(org: &OrgIndex<'_>, scope: Option<&str>) -> Result<Self, Error> {
        let label = match scope {
            Some(id) => Some(org.unit(id).map(label).ok_or_else(|| Error::Unknown {
                what: "unit",
                what_vi: "đơn vị",
                name: id.to_owned(),
            })?),
            None => None,
        };
        Ok(Rollup::new(label))
    }

    /// Counts `tally` for `unit` in `period`, in the row `row` (the unit directly under the scope
    /// that contains it). Adding the same unit and period twice adds up (coverage is a set).
    pub fn add(&mut self, row: &UnitLabel, unit: &UnitLabel, period: &str, tally: &T) {
        self.coverage.entry(unit.unit.clone()).or_default().insert(period.to_owned());
        self.total.absorb(tally);
        self.by_org_type.entry(unit.org_type.clone()).or_default().absorb(tally);
        self.rows
            .entry(row.unit.clone())
            .or_insert_with(|| RollupRow { label: row.clone(), tally: T::default() })
            .tally
            .absorb(tally);
    }

    /// Counts each unit's tally (by unit id) for the period named `name` (`first` to `last`), and
    /// an empty tally for every other unit of `org` open in it, so that units with nothing to
    /// count still show as covered.
    pub(crate) fn add_open_units(
        &mut self,
        org: &crate::Organisation,
        index: &OrgIndex<'_>,
        tallies: &BTreeMap<&str, T>,
        name: &str,
        (first, last): (NaiveDate, NaiveDate),
    ) {
        let empty = T::default();
        for unit in &org.units {
            let open = unit.opened.is_none_or(|o| o <= last) && unit.closed.is_none_or(|c| first <= c);
            match tallies.get(unit.id.as_str()) {
                Some(tally) => {
                    self.add_unit(index, &unit.id, name, last, tally);
                }
                None if open => {
                    self.add_unit(index, &unit.id, name, last, &empty);
                }
                None => {}
            }
        }
    }

    /// Counts `tally` for the unit `unit` of `org` in `period`, placed as the tree stood on `day`.
    /// Returns `false` (and counts nothing) when the unit is unknown or outside the scope that day.
    pub fn add_unit(&mut self, org: &OrgIndex<'_>, unit: &str, period: &str, day: NaiveDate, tally: &T) -> bool {
        let scope = self.scope.as_ref().map(|s| s.unit.clone());
        let Some((row, _)) = place_on(org, unit, scope.as_deref(), day) else { return false };
        let (Some(row), Some(unit)) = (org.unit(&row).map(label), org.unit(unit).map(label)) else { return false };
        self.add(&row, &unit, period, tally);
        true
    }

    /// The two roll-ups as one. Errors: `report_scope_mismatch` for different scopes,
    /// `report_overlap` when both count the same unit and period.
    pub fn merge(&self, other: &Rollup<T>) -> Result<Rollup<T>, Error> {
        let (mine, theirs) = (self.scope.as_ref().map(|s| &s.unit), other.scope.as_ref().map(|s| &s.unit));
        if mine != theirs {
            return Err(super::scope_mismatch(mine, theirs));
        }
        let overlap: Vec<(&String, &String)> = self
            .coverage
            .iter()
            .filter_map(|(unit, periods)| other.coverage.get(unit).map(|theirs| (unit, periods, theirs)))
            .flat_map(|(unit, periods, theirs)| periods.intersection(theirs).map(move |p| (unit, p)))
            .collect();
        if let Some((unit, period)) = overlap.first() {
            return Err(super::overlapping(overlap.len(), unit, period, ("unit-period(s)", "đơn vị-kỳ", "kỳ")));
        }
        let mut merged = self.clone();
        for (unit, periods) in &other.coverage {
            merged.coverage.entry(unit.clone()).or_default().extend(periods.iter().cloned());
        }
        merged.total.absorb(&other.total);
        for (org_type, tally) in &other.by_org_type {
            merged.by_org_type.entry(org_type.clone()).or_default().absorb(tally);
        }
        for (unit, row) in &other.rows {
            merged
                .rows
                .entry(unit.clone())
                .or_insert_with(|| RollupRow { label: row.label.clone(), tally: T::default() })
                .tally
                .absorb(&row.tally);
        }
        Ok(merged)
    }

    /// Merges a list of roll-ups in order (`None` for an empty list).
    ///
    /// Errors: those of [`Rollup::merge`].
    pub fn merge_all(rollups: &[Rollup<T>]) -> Result<Option<Rollup<T>>, Error> {
        let mut iter = rollups.iter();
        let Some(first) = iter.next() else { return Ok(None) };
        iter.try_fold(first.clone(), |merged, next| merged.merge(next)).map(Some)
    }

    /// This unit's roll-up as one row of its parent's, ready to merge with its siblings'.
    ///
    /// Errors: `invalid_argument` for a roll-up of the whole organisation.
    pub fn lift(&self, parent: UnitLabel) -> Result<Rollup<T>, Error> {
        let Some(scope) = &self.scope else {
            return Err(Error::Argument {
                name: "report",
                detail: "a report of the whole organisation has no parent to lift into".into(),
                detail_vi: "báo cáo của toàn tổ chức không có đơn vị cấp trên để đưa vào".into(),
            });
        };
        let mut rows = BTreeMap::new();
        rows.insert(scope.unit.clone(), RollupRow { label: scope.clone(), tally: self.total.clone() });
        Ok(Rollup {
            scope: Some(parent),
            coverage: self.coverage.clone(),
            total: self.total.clone(),
            by_org_type: self.by_org_type.clone(),
            rows,
        })
    }
}

/// Adds the counts of `other` into `mine`, key by key (a helper for [`Tally::absorb`]).
pub fn add_counts<K: Ord + Clone>(mine: &mut BTreeMap<K, u64>, other: &BTreeMap<K, u64>) {
    for (key, count) in other {
        *mine.entry(key.clone()).or_default() += count;
    }
}
