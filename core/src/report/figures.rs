//! A block's numbers by name, and comparisons of two reports.
//!
//! Figure names are stable: `<measure>.member_months` and `<measure>.distinct` for every
//! [`Measure`](super::Measure) (`evaluated.distinct`, `help.member_months`, …); `cases.opened`,
//! `cases.remedied`, `cases.escalated`, `cases.closed`, `cases.open_at_end`, `cases.pending_at_end`;
//! `outcomes.<decision>`; `forms.<discipline form>`; `supervision.<body>.members` and
//! `supervision.<body>.findings`; `items.<item code>`; `disagreement_items.<item code>`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Block, Measure, Report};
use crate::Month;

/// A block's numbers by figure name.
pub type Figures = BTreeMap<String, u64>;

impl Block {
    /// Every figure of the block by name (zero figures of fixed rows included, per-item figures
    /// only for items counted).
    pub fn figures(&self) -> Figures {
        let mut out = Figures::new();
        for &m in Measure::ALL {
            out.insert(format!("{}.member_months", m.as_str()), self.member_months.get(m));
            out.insert(format!("{}.distinct", m.as_str()), self.distinct.get(m));
        }
        let c = &self.cases;
        for (name, n) in [
            ("opened", c.opened),
            ("remedied", c.remedied),
            ("escalated", c.escalated),
            ("closed", c.closed),
            ("open_at_end", c.open_at_end),
            ("pending_at_end", c.pending_at_end),
        ] {
            out.insert(format!("cases.{name}"), n);
        }
        for decision in ["no_violation", "reminder", "discipline"] {
            out.insert(format!("outcomes.{decision}"), self.outcomes.get(decision).copied().unwrap_or(0));
        }
        for form in crate::DisciplineForm::ALL {
            out.insert(format!("forms.{}", form.as_str()), self.forms.get(form.as_str()).copied().unwrap_or(0));
        }
        for body in crate::evaluation::SupervisingBody::ALL {
            let s = self.supervision.get(body.as_str()).cloned().unwrap_or_default();
            out.insert(format!("supervision.{}.members", body.as_str()), s.members);
            out.insert(format!("supervision.{}.findings", body.as_str()), s.findings);
        }
        for (item, n) in &self.items {
            out.insert(format!("items.{item}"), *n);
        }
        for (item, n) in &self.disagreement_items {
            out.insert(format!("disagreement_items.{item}"), *n);
        }
        out
    }
}

/// One figure of a block by name; `None` for a name that is not a figure.
pub(super) fn lookup(block: &Block, name: &str) -> Option<u64> {
    let (head, tail) = name.split_once('.')?;
    match head {
        "cases" => {
            let c = &block.cases;
            Some(match tail {
                "opened" => c.opened,
                "remedied" => c.remedied,
                "escalated" => c.escalated,
                "closed" => c.closed,
                "open_at_end" => c.open_at_end,
                "pending_at_end" => c.pending_at_end,
                _ => return None,
            })
        }
        "outcomes" => Some(block.outcomes.get(tail).copied().unwrap_or(0)),
        "forms" => Some(block.forms.get(tail).copied().unwrap_or(0)),
        "items" => Some(block.items.get(tail).copied().unwrap_or(0)),
        "disagreement_items" => Some(block.disagreement_items.get(tail).copied().unwrap_or(0)),
        "supervision" => {
            let (body, what) = tail.split_once('.')?;
            let s = block.supervision.get(body).cloned().unwrap_or_default();
            match what {
                "members" => Some(s.members),
                "findings" => Some(s.findings),
                _ => None,
            }
        }
        _ => {
            let measure = Measure::ALL.iter().find(|m| m.as_str() == head)?;
            match tail {
                "member_months" => Some(block.member_months.get(*measure)),
                "distinct" => Some(block.distinct.get(*measure)),
                _ => None,
            }
        }
    }
}

/// The change of every figure of a report's total against an earlier report (the previous period,
/// the same period a year before, the previous term).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The months of the current report.
    pub current: Option<(Month, Month)>,
    /// The months of the earlier report.
    pub previous: Option<(Month, Month)>,
    /// One entry per figure either report has, by name.
    pub figures: Vec<Delta>,
}

/// A figure in two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delta {
    /// The figure's name.
    pub figure: String,
    /// Its value now.
    pub current: u64,
    /// Its value in the earlier report.
    pub previous: u64,
    /// `current - previous`.
    pub change: i64,
}

/// Compares the totals of two reports figure by figure.
///
/// ```
/// use soisua::report::{Report, compare};
/// # let report = Report::from_json(r#"{"coverage": {"units": {}, "catalogues": [], "policies": []},
/// #   "total": {"member_months": {"evaluated": 0, "not_evaluated": 0, "commend": 0, "help": 0, "inspect": 0,
/// #   "manifestation": 0, "exemplary": 0, "prohibition": 0, "disagreement": 0}, "distinct": {"evaluated": 0,
/// #   "not_evaluated": 0, "commend": 0, "help": 0, "inspect": 0, "manifestation": 0, "exemplary": 0,
/// #   "prohibition": 0, "disagreement": 0}, "cases": {"opened": 0, "remedied": 0, "escalated": 0,
/// #   "closed": 0, "open_at_end": 0, "pending_at_end": 0}}}"#)?;
/// let comparison = compare(&report, &report);
/// assert!(comparison.figures.iter().all(|d| d.change == 0));
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn compare(current: &Report, previous: &Report) -> Comparison {
    let now = current.total.figures();
    let before = previous.total.figures();
    let mut names: Vec<&String> = now.keys().chain(before.keys()).collect();
    names.sort();
    names.dedup();
    let figures = names
        .into_iter()
        .map(|name| {
            let current = now.get(name).copied().unwrap_or(0);
            let previous = before.get(name).copied().unwrap_or(0);
            let change = i64::try_from(current).unwrap_or(i64::MAX) - i64::try_from(previous).unwrap_or(i64::MAX);
            Delta { figure: name.clone(), current, previous, change }
        })
        .collect();
    Comparison { current: current.span(), previous: previous.span(), figures }
}
