//! The policy's rules resolved per item, in the register's terms.

use crate::catalogue::ItemKind;
use crate::policy::Action;
use crate::{Evaluator, RoleKind};

/// What the policy does with one item of the catalogue, resolved once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRule {
    /// Manifestation, exemplary or prohibition.
    pub kind: ItemKind,
    /// The remedy window in months (0: escalated at once).
    pub window: u32,
    /// Whether finding the item escalates to inspection at once (an exemplary item the policy
    /// inspects, a prohibition whose severity it inspects; never a manifestation).
    pub inspect: bool,
    /// The roles the item is limited to, as a mask (0: every member).
    pub applies: u8,
}

/// A catalogue under a policy, resolved for the register: one [`ItemRule`] per item in catalogue
/// order, and the policy's thresholds. Built from an [`Evaluator`], so from a checked policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// The items' codes, in catalogue order (the order of the register's columns).
    pub codes: Vec<String>,
    /// The items' rules, in the same order.
    pub items: Vec<ItemRule>,
    /// Recurrence: the `cases`-th case on one item …
    pub recurrence_cases: u32,
    /// … within this many months is inspected.
    pub recurrence_months: u32,
    /// At least this many distinct manifestations in a month is inspected.
    pub breadth: u32,
    /// A case escalated in an earlier month and still waiting for its outcome inspects (`true`)
    /// or helps (`false`).
    pub pending_inspect: bool,
    /// Commend only members whose every applicable item is concluded.
    pub commend_requires_complete: bool,
}

impl Rules {
    /// The evaluator's catalogue and policy, resolved.
    ///
    /// ```
    /// # use soisua::{Catalogue, Evaluator, Organisation, Policy};
    /// # let org = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
    /// #   "units": [], "members": []}"#)?;
    /// let (catalogue, policy) = (Catalogue::central_2020()?, Policy::default_2020()?);
    /// let rules = soisua::register::Rules::new(&Evaluator::new(&catalogue, &policy, &org)?);
    /// assert_eq!(rules.items.len(), catalogue.items().count());
    /// assert_eq!((rules.recurrence_cases, rules.recurrence_months, rules.breadth), (3, 6, 3));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn new(evaluator: &Evaluator<'_>) -> Rules {
        let policy = evaluator.policy();
        let (codes, items) = evaluator
            .item_rules()
            .map(|(code, kind, window, action, applies_to)| {
                let rule = ItemRule {
                    kind,
                    window,
                    inspect: action == Action::Inspect && kind != ItemKind::Manifestation,
                    applies: applies_to.iter().fold(0, |mask, k| mask | role_bit(*k)),
                };
                (code.to_owned(), rule)
            })
            .unzip();
        Rules {
            codes,
            items,
            recurrence_cases: policy.recurrence.cases,
            recurrence_months: policy.recurrence.within_months,
            breadth: policy.breadth.manifestations,
            pending_inspect: policy.pending_inspection == Action::Inspect,
            commend_requires_complete: policy.commend_requires_complete,
        }
    }

    /// Whether the item at `position` applies to a member holding `roles`.
    pub(super) fn applies(&self, position: usize, roles: u8) -> bool {
        self.items.get(position).is_some_and(|r| r.applies == 0 || r.applies & roles != 0)
    }

    /// Whether every item applies to every member.
    pub(super) fn universal(&self) -> bool {
        self.items.iter().all(|r| r.applies == 0)
    }
}

/// The bit of a role in a role mask (the same bits as [`crate::review`]'s).
pub fn role_bit(kind: RoleKind) -> u8 {
    crate::review::validate::role_bit(kind)
}
