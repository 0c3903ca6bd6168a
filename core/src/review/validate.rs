//! Validation of monthly reviews against the catalogue and the organisation.
//!
//! The catalogue and the organisation are indexed once per call, and each answer costs O(1), so a
//! nation's month (five million reviews) validates in time linear in its size.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Finding, MonthlyReview, ReviewBatch, ReviewStatus};
use crate::catalogue::{CatalogueRef, Item, ItemKind, Placed};
use crate::org::{Member, OrgIndex, RoleKind};
use crate::{Catalogue, Issue, IssueCode, Level, Month, Organisation, Path};

impl ReviewBatch {
    /// The findings about these reviews, located as `reviews[i].answers[j].cell`.
    ///
    /// Per review, in this order: the catalogue it names (it must be `catalogue`, in force on at
    /// least one day of the month: a catalogue that takes effect mid-month governs that month's
    /// meeting), the member, a second review of the same member and month (reported on the second),
    /// the unit (known, open in the month, and one the member belonged to in the month), then each
    /// answer (known item, answered once, findings of the item's kind, item applicable to the
    /// member's roles in the month), then each applicable item without the cell's conclusion (an
    /// error on a final review, a warning on a draft).
    ///
    /// A review naming another catalogue gets only `catalogue_mismatch` for its answers: they
    /// cannot be checked against a catalogue they were not made under. For a member the
    /// organisation does not have, items limited to some roles are not required.
    ///
    /// ```
    /// use soisua::synthetic::{organisation, reviews, Rates, Scale};
    /// # let catalogue = soisua::Catalogue::from_json(r#"{"id": "c", "version": "1",
    /// #   "title": {"vi": "C", "en": "C"}, "origin": "synthetic", "issuer": "x",
    /// #   "document_number": "1", "document_date": "2019-01-01", "effective_from": "2019-01-01",
    /// #   "groups": [{"code": "G", "kind": "manifestation", "title": {"vi": "G", "en": "G"},
    /// #     "source": {"document": "x"}, "items": [{"code": "M-1", "text": {"vi": "M", "en": "M"},
    /// #     "severity": "minor", "source": {"document": "x"}, "wording": "label"}]}]}"#).unwrap();
    /// let org = organisation(Scale::District, 1);
    /// let month = "2020-09".parse().unwrap();
    /// let mut batch = reviews(&org, &catalogue, month, 1, Rates::default());
    /// assert!(!soisua::has_errors(&batch.validate(&catalogue, &org)));
    ///
    /// batch.reviews[0].answers.clear();
    /// let issues = batch.validate(&catalogue, &org);
    /// assert_eq!(issues[0].code, "missing_cell_conclusion");
    /// assert_eq!(issues[0].path.to_string(), "reviews[0].answers");
    /// ```
    pub fn validate(&self, catalogue: &Catalogue, organisation: &Organisation) -> Vec<Issue> {
        self.validate_indexed(catalogue, &OrgIndex::new(organisation))
    }

    /// [`ReviewBatch::validate`] with an organisation already indexed (an evaluator's).
    pub(crate) fn validate_indexed(&self, catalogue: &Catalogue, org: &OrgIndex<'_>) -> Vec<Issue> {
        let context = Context::new(catalogue, org);
        let mut scratch = Scratch { answered: vec![0; context.items.len()], concluded: vec![0; context.items.len()] };
        let mut seen: HashMap<(&str, Month), usize> = HashMap::with_capacity(self.reviews.len());
        let mut issues = Vec::new();
        for (i, review) in self.reviews.iter().enumerate() {
            let first = *seen.entry((review.member.as_str(), review.month)).or_insert(i);
            context.check(review, i, first != i, &mut scratch, &mut issues);
        }
        issues
    }
}

impl MonthlyReview {
    /// The codes of the catalogue's items that apply to the member this month (by their roles at
    /// any unit) and have no cell conclusion in this review, in catalogue order.
    ///
    /// It looks the member up by a linear scan: for many reviews, [`ReviewBatch::validate`]
    /// reports the same as `missing_cell_conclusion` findings, with an index built once.
    ///
    /// ```
    /// use soisua::synthetic::{organisation, reviews, Rates, Scale};
    /// # let catalogue = soisua::Catalogue::from_json(r#"{"id": "c", "version": "1",
    /// #   "title": {"vi": "C", "en": "C"}, "origin": "synthetic", "issuer": "x",
    /// #   "document_number": "1", "document_date": "2019-01-01", "effective_from": "2019-01-01",
    /// #   "groups": [{"code": "G", "kind": "manifestation", "title": {"vi": "G", "en": "G"},
    /// #     "source": {"document": "x"}, "items": [{"code": "M-1", "text": {"vi": "M", "en": "M"},
    /// #     "severity": "minor", "source": {"document": "x"}, "wording": "label"}]}]}"#).unwrap();
    /// let org = organisation(Scale::District, 1);
    /// let batch = reviews(&org, &catalogue, "2020-09".parse().unwrap(), 1, Rates::default());
    /// let mut review = batch.reviews[0].clone();
    /// assert!(review.missing_items(&catalogue, &org).is_empty());
    /// review.answers.clear();
    /// assert_eq!(review.missing_items(&catalogue, &org), ["M-1"]);
    /// ```
    pub fn missing_items<'c>(&self, catalogue: &'c Catalogue, organisation: &Organisation) -> Vec<&'c str> {
        let member = organisation.member(&self.member);
        let roles = member.map(|m| role_mask(m, self.month));
        let given: HashSet<&str> = self.answers.iter().filter(|a| a.cell.is_some()).map(|a| a.item.as_str()).collect();
        catalogue
            .items()
            .filter(|p| applies(p.item, roles) && !given.contains(p.item.code.as_str()))
            .map(|p| p.item.code.as_str())
            .collect()
    }
}

/// The bit of a role kind in a set of roles held.
pub(crate) fn role_bit(kind: RoleKind) -> u8 {
    match kind {
        RoleKind::CommitteeMember => 1,
        RoleKind::StandingCommitteeMember => 2,
        RoleKind::Secretary => 4,
        RoleKind::DeputySecretary => 8,
        RoleKind::HeadOfAgency => 16,
    }
}

/// The kinds of role the member holds, at any unit, on at least one day of the month.
pub(crate) fn role_mask(member: &Member, month: Month) -> u8 {
    member.roles_in(month).fold(0, |mask, role| mask | role_bit(role.kind))
}

/// Whether an item applies to a member holding `roles` (`None`: a member we do not know, to whom
/// only the items for every member are known to apply).
fn applies(item: &Item, roles: Option<u8>) -> bool {
    item.applies_to.is_empty() || roles.is_some_and(|mask| applies_to_roles(&item.applies_to, mask))
}

/// Whether an item limited to `applies_to` (empty: every member) applies to a member holding `roles`.
pub(crate) fn applies_to_roles(applies_to: &[RoleKind], roles: u8) -> bool {
    applies_to.is_empty() || applies_to.iter().any(|k| roles & role_bit(*k) != 0)
}

/// `` `none`, `present` ``: the findings an item of a kind accepts, for messages.
fn expected(kind: ItemKind) -> String {
    Finding::for_kind(kind).iter().map(|f| format!("`{}`", f.as_str())).collect::<Vec<_>>().join(", ")
}

/// `Issue::new(code, path).with(name, value)…` with every parameter at once: the messages are
/// rendered once, with all of them, instead of once per parameter added.
fn issue<const N: usize>(code: IssueCode, path: Path, params: [(&str, String); N]) -> Issue {
    let params: BTreeMap<String, String> = params.into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
    let (message_vi, message_en) = crate::message::render(code, &params);
    Issue { code: code.as_str().to_owned(), level: code.level(), path, message_vi, message_en, params }
}

/// What is built once per call.
struct Context<'a, 'o> {
    reference: CatalogueRef,
    catalogue: &'a Catalogue,
    items: Vec<Placed<'a>>,
    /// Positions by item code, built the first time an answer is not where the previous one
    /// leads to guess (answers usually come in catalogue order, and a blank form has none).
    positions: OnceCell<HashMap<&'a str, usize>>,
    org: &'o OrgIndex<'a>,
}

/// Per-item stamps reused across reviews: slot `p` holds `i + 1` when review `i` answered item `p`
/// (or gave its cell conclusion), so nothing is cleared between reviews.
struct Scratch {
    answered: Vec<usize>,
    concluded: Vec<usize>,
}

impl<'a, 'o> Context<'a, 'o> {
    fn new(catalogue: &'a Catalogue, org: &'o OrgIndex<'a>) -> Self {
        let items: Vec<Placed<'a>> = catalogue.items().collect();
        Context { reference: catalogue.reference(), catalogue, items, positions: OnceCell::new(), org }
    }

    /// The position of an item, trying first the one after the previous answer's (answers
    /// usually come in catalogue order) to spare a hash lookup.
    fn position(&self, code: &str, guess: usize) -> Option<usize> {
        if self.items.get(guess).is_some_and(|p| p.item.code == code) {
            return Some(guess);
        }
        let positions = self.positions.get_or_init(|| {
            let mut positions = HashMap::with_capacity(self.items.len());
            for (p, placed) in self.items.iter().enumerate() {
                positions.entry(placed.item.code.as_str()).or_insert(p);
            }
            positions
        });
        positions.get(code).copied()
    }

    fn check(&self, review: &MonthlyReview, i: usize, duplicate: bool, scratch: &mut Scratch, issues: &mut Vec<Issue>) {
        let path = || Path::root().key("reviews").index(i);
        let month = review.month;
        let matches = review.catalogue == self.reference;
        if !matches {
            issues.push(issue(
                IssueCode::CatalogueMismatch,
                path().key("catalogue"),
                [("given", review.catalogue.to_string()), ("expected", self.reference.to_string())],
            ));
        } else if !self.in_force_in(month) {
            issues.push(issue(
                IssueCode::CatalogueNotInForce,
                path().key("month"),
                [("catalogue", self.reference.to_string()), ("month", month.to_string())],
            ));
        }
        let member = self.org.member(&review.member);
        if member.is_none() {
            issues.push(issue(IssueCode::UnknownMember, path().key("member"), [("member", review.member.clone())]));
        }
        if duplicate {
            issues.push(issue(
                IssueCode::DuplicateReview,
                path(),
                [("member", review.member.clone()), ("month", month.to_string())],
            ));
        }
        self.check_unit(review, member, i, issues);
        if !matches {
            return;
        }
        let roles = member.map(|m| role_mask(m, month));
        self.check_answers(review, roles, i, scratch, issues);
        let stamp = i + 1;
        let level = match review.status {
            ReviewStatus::Final => Level::Error,
            ReviewStatus::Draft => Level::Warning,
        };
        for (p, placed) in self.items.iter().enumerate() {
            let concluded = scratch.concluded.get(p) == Some(&stamp);
            if !concluded && applies(placed.item, roles) {
                issues.push(
                    issue(
                        IssueCode::MissingCellConclusion,
                        path().key("answers"),
                        [("item", placed.item.code.clone())],
                    )
                    .at_level(level),
                );
            }
        }
    }

    fn in_force_in(&self, month: Month) -> bool {
        self.catalogue.effective_from <= month.last_day()
            && self.catalogue.effective_until.is_none_or(|until| month.first_day() <= until)
    }

    fn check_unit(&self, review: &MonthlyReview, member: Option<&Member>, i: usize, issues: &mut Vec<Issue>) {
        let at = || Path::root().key("reviews").index(i).key("unit");
        let Some(unit) = self.org.unit(&review.unit) else {
            issues.push(issue(IssueCode::UnknownUnit, at(), [("unit", review.unit.clone())]));
            return;
        };
        if !unit.is_open_in(review.month) {
            issues.push(issue(
                IssueCode::UnitNotOpen,
                at(),
                [("unit", unit.id.clone()), ("month", review.month.to_string())],
            ));
        }
        if let Some(member) = member {
            if !member.units_in(review.month).any(|u| u == unit.id) {
                issues.push(issue(
                    IssueCode::MemberNotInUnit,
                    at(),
                    [("member", member.id.clone()), ("unit", unit.id.clone()), ("month", review.month.to_string())],
                ));
            }
        }
    }

    fn check_answers(
        &self,
        review: &MonthlyReview,
        roles: Option<u8>,
        i: usize,
        scratch: &mut Scratch,
        issues: &mut Vec<Issue>,
    ) {
        let stamp = i + 1;
        let mut guess = 0;
        for (j, answer) in review.answers.iter().enumerate() {
            let at = || Path::root().key("reviews").index(i).key("answers").index(j);
            let Some(p) = self.position(&answer.item, guess) else {
                issues.push(issue(IssueCode::UnknownItem, at().key("item"), [("item", answer.item.clone())]));
                continue;
            };
            guess = p + 1;
            let Some(placed) = self.items.get(p) else {
                continue;
            };
            if let Some(slot) = scratch.answered.get_mut(p) {
                if *slot == stamp {
                    issues.push(issue(IssueCode::DuplicateAnswer, at().key("item"), [("item", answer.item.clone())]));
                }
                *slot = stamp;
            }
            let kind = placed.kind();
            for (field, finding) in [("self", answer.self_assessment), ("cell", answer.cell)] {
                if let Some(finding) = finding.filter(|f| !f.fits(kind)) {
                    issues.push(issue(
                        IssueCode::FindingWrongKind,
                        at().key(field),
                        [
                            ("finding", finding.as_str().to_owned()),
                            ("item", answer.item.clone()),
                            ("kind", kind.as_str().to_owned()),
                            ("expected", expected(kind)),
                        ],
                    ));
                }
            }
            if roles.is_some() && !applies(placed.item, roles) {
                issues.push(issue(
                    IssueCode::ItemNotApplicable,
                    at().key("item"),
                    [("item", answer.item.clone()), ("member", review.member.clone())],
                ));
            }
            if answer.cell.is_some() {
                if let Some(slot) = scratch.concluded.get_mut(p) {
                    *slot = stamp;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
