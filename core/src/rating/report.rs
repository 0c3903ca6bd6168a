//! Rating many members at once, and the ratings rolled up over units.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{Evidence, Rating, RatingInput, RatingScheme};
use crate::org::OrgIndex;
use crate::report::{Rollup, Tally, add_counts};
use crate::{Error, Issue, IssueCode, Organisation, Path, Period};

/// Counts of members rated, per level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingTally {
    /// Members rated.
    pub rated: u64,
    /// Per level given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<String, u64>,
    /// Members whose level a cap lowered.
    pub capped: u64,
    /// Members whose level a missing condition lowered.
    pub conditioned: u64,
}

impl Tally for RatingTally {
    fn absorb(&mut self, other: &Self) {
        self.rated += other.rated;
        add_counts(&mut self.levels, &other.levels);
        self.capped += other.capped;
        self.conditioned += other.conditioned;
    }
}

impl RatingTally {
    /// The tally of one rating.
    pub fn of(rating: &Rating) -> Self {
        let mut levels = BTreeMap::new();
        levels.insert(rating.level.clone(), 1);
        RatingTally {
            rated: 1,
            levels,
            capped: u64::from(rating.steps.iter().any(|s| s.kind == "cap")),
            conditioned: u64::from(rating.steps.iter().any(|s| s.kind == "condition")),
        }
    }
}

/// Rates every input with its member's evidence (no evidence: a member without results in the
/// period, rated on points alone). Inputs with findings are left out and their findings, located
/// at `inputs[n]`, returned; a member given twice for one period is a `duplicate_row`.
pub fn rate_all(
    scheme: &RatingScheme,
    inputs: &[RatingInput],
    evidence: &BTreeMap<String, Evidence>,
) -> (Vec<Rating>, Vec<Issue>) {
    let none = Evidence::default();
    let mut seen: BTreeMap<(&str, Period), usize> = BTreeMap::new();
    let (mut ratings, mut found) = (Vec::new(), Vec::new());
    for (i, input) in inputs.iter().enumerate() {
        let at = Path::root().key("inputs").index(i);
        if let Some(first) = seen.insert((input.member.as_str(), input.period), i) {
            found.push(Issue::new(IssueCode::DuplicateRow, at).with("first", first));
            continue;
        }
        let issues = scheme.check(input, &at);
        let refused = crate::has_errors(&issues);
        found.extend(issues);
        if refused {
            continue;
        }
        match scheme.rate(input, evidence.get(&input.member).unwrap_or(&none)) {
            Ok(rating) => ratings.push(rating),
            Err(error) => found.extend(error.issues().iter().cloned()),
        }
    }
    (ratings, found)
}

/// The ratings rolled up over the units of `scope` (absent: the whole organisation): each member
/// counts under their unit in the period's last month. Members without a unit then are left out;
/// their ids are returned beside the roll-up.
///
/// Errors: `unknown_name` for a scope the organisation does not have; `report_overlap` when one
/// member is rated twice for one period.
pub fn report(
    org: &Organisation,
    ratings: &[Rating],
    scope: Option<&str>,
) -> Result<(Rollup<RatingTally>, Vec<String>), Error> {
    let index = OrgIndex::new(org);
    let mut rollup = Rollup::of(&index, scope)?;
    let mut seen = BTreeSet::new();
    let mut left_out = Vec::new();
    for rating in ratings {
        if !seen.insert((rating.member.as_str(), rating.period.as_str())) {
            return Err(Error::Report {
                code: "report_overlap",
                detail: format!("{} is rated twice for {}: it would count twice", rating.member, rating.period),
                detail_vi: format!("{} được xếp loại hai lần kỳ {}: sẽ bị đếm hai lần", rating.member, rating.period),
            });
        }
        let period: Period = rating.period.parse()?;
        let last = period.last_month();
        let unit = index.member(&rating.member).and_then(|m| m.unit_in(last));
        let placed = unit.is_some_and(|unit| {
            rollup.add_unit(&index, unit, &rating.period, last.last_day(), &RatingTally::of(rating))
        });
        if !placed {
            left_out.push(rating.member.clone());
        }
    }
    Ok((rollup, left_out))
}
