//! Who sees what: a viewer's role decides which members' records they may see, and
//! [`redact`] cuts any output of the library down to that.
//!
//! | viewer | member results and cases | reports | publication lists |
//! |---|---|---|---|
//! | a member | their own | none | as published |
//! | the secretary of a unit | members of the unit and the units under it | of that unit or below | as published |
//! | the inspection commission of a committee | members under the committee | of that committee or below | as published |
//! | the public | none | none | as published |
//!
//! "Under" is as the tree stood in the month concerned (the month's last day). Findings about
//! inputs (`issues`) are kept only when every member they name is visible.
//!
//! ```
//! use soisua::visibility::{Viewer, redact};
//! # use soisua::evaluation::{Evaluator, History, Ledger};
//! # use soisua::{Catalogue, Policy};
//! # let org = soisua::Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
//! #   "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
//! #   "members": [
//! #     {"id": "DV1", "status": "full", "memberships": [{"unit": "CB", "from": "2010-01-01"}]},
//! #     {"id": "DV2", "status": "full", "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
//! # let catalogue = Catalogue::central_2020()?;
//! # let policy = Policy::default_2020()?;
//! let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
//! let month = "2020-07".parse()?;
//! let results = evaluator.replay(&mut Ledger::new(), &History::default(), month, month, None)?;
//! let own = redact(&results[0], &Viewer::Member { member: "DV1".into() }, &evaluator.organisation());
//! assert_eq!(own.map(|r| r.results.len()), Some(1));
//! let public = redact(&results[0], &Viewer::Public, &evaluator.organisation());
//! assert_eq!(public.map(|r| r.results.len()), Some(0));
//! # Ok::<(), soisua::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::evaluation::{MemberResult, MonthResult};
use crate::org::OrgIndex;
use crate::publication::{NoticeBoard, RadioList};
use crate::report::Report;
use crate::{Case, Month};

/// Who is looking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "role", deny_unknown_fields)]
pub enum Viewer {
    /// A member: their own record.
    Member {
        /// The member's id.
        member: String,
    },
    /// The secretary of a unit: the unit and the units under it.
    Secretary {
        /// The unit's id.
        unit: String,
    },
    /// The inspection commission of a committee: everything under the committee.
    InspectionCommission {
        /// The committee's unit id.
        committee: String,
    },
    /// The public: only what was published.
    Public,
}

impl Viewer {
    /// Reads a viewer from JSON text (`{"role": "secretary", "unit": "CB-1"}`).
    pub fn from_json(text: &str) -> Result<Viewer, crate::Error> {
        crate::json::parse("viewer", text)
    }

    /// Reads a viewer from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<Viewer, crate::Error> {
        crate::json::from_value("viewer", value)
    }

    /// The unit whose subtree the viewer oversees, if any.
    fn oversees(&self) -> Option<&str> {
        match self {
            Viewer::Secretary { unit } => Some(unit),
            Viewer::InspectionCommission { committee } => Some(committee),
            Viewer::Member { .. } | Viewer::Public => None,
        }
    }
}

/// What a viewer can see, against an organisation.
pub struct Access<'v, 'o> {
    viewer: &'v Viewer,
    org: &'v OrgIndex<'o>,
}

impl<'v, 'o> Access<'v, 'o> {
    /// The access of `viewer` to the records of `org`.
    pub fn new(viewer: &'v Viewer, org: &'v OrgIndex<'o>) -> Self {
        Access { viewer, org }
    }

    /// Whether `unit` is the viewer's unit or under it on the last day of `month`.
    pub fn oversees_unit(&self, unit: &str, month: Month) -> bool {
        let Some(top) = self.viewer.oversees() else { return false };
        self.org.is_within(unit, top, month.last_day())
    }

    /// Whether the viewer may see the record of `member` for `month`, counted at `unit` if known
    /// (otherwise at any unit of the member's that month).
    pub fn sees_member(&self, member: &str, unit: Option<&str>, month: Month) -> bool {
        match self.viewer {
            Viewer::Member { member: me } => me == member,
            Viewer::Public => false,
            Viewer::Secretary { .. } | Viewer::InspectionCommission { .. } => match unit {
                Some(unit) => self.oversees_unit(unit, month),
                None => {
                    self.org.member(member).is_some_and(|m| m.units_in(month).any(|u| self.oversees_unit(u, month)))
                }
            },
        }
    }
}

/// An output that can be cut down to what a viewer may see.
pub trait Redact: Sized {
    /// The part of `self` the viewer may see; `None` when they may see none of it.
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self>;
}

/// Cuts `value` down to what `viewer` may see in `org` (`None`: nothing).
pub fn redact<T: Redact>(value: &T, viewer: &Viewer, org: &OrgIndex<'_>) -> Option<T> {
    value.redact(&Access::new(viewer, org))
}

impl Redact for MemberResult {
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self> {
        access.sees_member(&self.member, self.unit.as_deref(), self.month).then(|| self.clone())
    }
}

impl Redact for MonthResult {
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self> {
        let results: Vec<MemberResult> = self.results.iter().filter_map(|r| r.redact(access)).collect();
        let issues = self
            .issues
            .iter()
            .filter(|issue| {
                access.viewer.oversees().is_some()
                    && issue.params.get("member").is_none_or(|m| access.sees_member(m, None, self.month))
            })
            .cloned()
            .collect();
        Some(MonthResult { month: self.month, results, issues })
    }
}

impl Redact for Case {
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self> {
        let month = self.escalated.map_or(self.opened, |e| e.month);
        let seen = access.sees_member(&self.member, self.unit.as_deref(), self.opened)
            || access.sees_member(&self.member, None, month);
        seen.then(|| self.clone())
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self> {
        Some(self.iter().filter_map(|x| x.redact(access)).collect())
    }
}

impl Redact for Report {
    /// A report of a unit the viewer oversees, whole; any other report, nothing. A report of the
    /// whole organisation is seen only by whoever oversees every unit it covers.
    fn redact(&self, access: &Access<'_, '_>) -> Option<Self> {
        let covered = |unit: &str, months: &std::collections::BTreeSet<Month>| {
            months.iter().all(|m| access.oversees_unit(unit, *m))
        };
        access.viewer.oversees()?;
        let scope_ok = match &self.scope {
            Some(scope) => self.span().is_none_or(|(_, last)| access.oversees_unit(&scope.unit, last)),
            None => true,
        };
        (scope_ok && self.coverage.units.iter().all(|(u, m)| covered(u, m))).then(|| self.clone())
    }
}

impl Redact for NoticeBoard {
    /// Published: everyone sees it as the policy published it.
    fn redact(&self, _access: &Access<'_, '_>) -> Option<Self> {
        Some(self.clone())
    }
}

impl Redact for RadioList {
    /// Published: everyone sees it as the policy published it.
    fn redact(&self, _access: &Access<'_, '_>) -> Option<Self> {
        Some(self.clone())
    }
}
