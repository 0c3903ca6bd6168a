//! Synthetic monthly reviews: one final review per member, dense (every applicable item answered
//! by the cell, as on the statistics form), mostly clean, with a share of adverse findings and of
//! self-assessments that disagree with the cell.
//!
//! Each member's review is drawn from its own stream, derived from the seed, the month and the
//! member's id: the same inputs give the same batch, another month gives another, and adding a
//! member to the organisation does not change the others' reviews.

use chrono::NaiveDate;

use super::Rates;
use super::rng::{Rng, hash_text};
use crate::catalogue::{ItemKind, Placed};
use crate::org::{Member, RoleKind};
use crate::review::{Answer, Finding, MonthlyReview, ReviewBatch, ReviewStatus};
use crate::{Catalogue, Month, Organisation};

/// Chance that the cell marks an exemplary item `not_applicable` for a member.
const NOT_APPLICABLE: f64 = 0.002;

pub(super) fn reviews(
    organisation: &Organisation,
    catalogue: &Catalogue,
    month: Month,
    seed: u64,
    rates: Rates,
) -> ReviewBatch {
    let items: Vec<Placed<'_>> = catalogue.items().collect();
    let reference = catalogue.reference();
    // Months since chrono's earliest date: odd, but part of the stream's contract (shared vectors
    // pin its output), so it stays.
    let month_key = u64::try_from(month.months_since(Month::from_date(NaiveDate::MIN))).unwrap_or(0);
    let mut reviews = Vec::with_capacity(organisation.members.len());
    for member in &organisation.members {
        let Some(unit) = review_unit(member, month) else {
            continue;
        };
        let mut rng = Rng::derive(&[seed, month_key, hash_text(&member.id)]);
        let roles: Vec<RoleKind> = member.roles_in(month).map(|r| r.kind).collect();
        let mut answers: Vec<(ItemKind, Answer)> = items
            .iter()
            .filter(|p| p.item.applies_to.is_empty() || p.item.applies_to.iter().any(|k| roles.contains(k)))
            .map(|p| {
                let kind = p.kind();
                let clean = match kind {
                    ItemKind::Exemplary if rng.chance(NOT_APPLICABLE) => Finding::NotApplicable,
                    _ => Finding::for_kind(kind).first().copied().unwrap_or(Finding::None),
                };
                let answer = Answer { item: p.item.code.clone(), self_assessment: Some(clean), cell: Some(clean) };
                (kind, answer)
            })
            .collect();
        if rng.chance(rates.member_with_finding) {
            add_findings(&mut rng, &mut answers);
        }
        if rng.chance(rates.disagreement) {
            disagree(&mut rng, &mut answers);
        }
        reviews.push(MonthlyReview {
            member: member.id.clone(),
            unit: unit.to_owned(),
            month,
            catalogue: reference.clone(),
            status: ReviewStatus::Final,
            answers: answers.into_iter().map(|(_, a)| a).collect(),
            notes: None,
        });
    }
    ReviewBatch { reviews }
}

/// The unit of the membership covering the month's last day, else of the latest membership
/// overlapping the month; `None` when the member belongs nowhere that month.
fn review_unit(member: &Member, month: Month) -> Option<&str> {
    let (first, last) = (month.first_day(), month.last_day());
    let overlapping = member.memberships.iter().filter(|m| m.overlaps(first, last));
    overlapping.clone().find(|m| m.covers(last)).or_else(|| overlapping.max_by_key(|m| m.from)).map(|m| m.unit.as_str())
}

fn adverse(kind: ItemKind) -> Finding {
    match kind {
        ItemKind::Manifestation => Finding::Present,
        ItemKind::Exemplary => Finding::NotYetGood,
        ItemKind::Prohibition => Finding::Violated,
    }
}

/// One to three adverse conclusions (self-assessment alike): mostly exemplary `not_yet_good` and
/// manifestations `present`, rarely (4%) a prohibition `violated`.
fn add_findings(rng: &mut Rng, answers: &mut [(ItemKind, Answer)]) {
    let count = 1 + rng.index(3);
    for _ in 0..count {
        let kind = match rng.below(100) {
            0..48 => ItemKind::Manifestation,
            48..96 => ItemKind::Exemplary,
            _ => ItemKind::Prohibition,
        };
        let clean_of = |k: Option<ItemKind>| -> Vec<usize> {
            answers
                .iter()
                .enumerate()
                .filter(|(_, (kind, a))| k.is_none_or(|k| k == *kind) && !a.cell.is_some_and(Finding::is_adverse))
                .map(|(j, _)| j)
                .collect()
        };
        let mut candidates = clean_of(Some(kind));
        if candidates.is_empty() {
            candidates = clean_of(None);
        }
        let Some(&j) = rng.pick(&candidates) else {
            return;
        };
        if let Some((kind, answer)) = answers.get_mut(j) {
            let finding = adverse(*kind);
            answer.cell = Some(finding);
            answer.self_assessment = Some(finding);
        }
    }
}

/// The self-assessment of one item differs from the cell's conclusion.
fn disagree(rng: &mut Rng, answers: &mut [(ItemKind, Answer)]) {
    let j = rng.index(answers.len());
    if let Some((kind, answer)) = answers.get_mut(j) {
        let clean = Finding::for_kind(*kind).first().copied().unwrap_or(Finding::None);
        answer.self_assessment = match answer.cell {
            Some(f) if f == clean => Some(adverse(*kind)),
            _ => Some(clean),
        };
    }
}
