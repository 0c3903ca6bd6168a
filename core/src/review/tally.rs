//! What a batch of reviews holds, counted: reviews, conclusions, members with findings by kind,
//! disagreements between self-assessment and cell. (Reports proper, rolled up the organisation,
//! are built on evaluation results; this is a plain count of the raw answers.)

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ReviewBatch;
use crate::catalogue::{Catalogue, ItemKind};

/// Counts over a batch of reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tally {
    /// Reviews in the batch.
    pub reviews: usize,
    /// Of which final.
    pub final_reviews: usize,
    /// Distinct members reviewed.
    pub members: usize,
    /// Cell conclusions given (answers with a `cell` finding).
    pub cell_conclusions: usize,
    /// Adverse cell conclusions by kind (present / not yet good / violated).
    pub adverse: ByKind,
    /// Members with at least one adverse cell conclusion, by kind.
    pub members_with_adverse: ByKind,
    /// Members with at least one adverse cell conclusion of any kind.
    pub members_with_any_adverse: usize,
    /// Answers where the self-assessment and the cell's conclusion differ (both given).
    pub disagreements: usize,
    /// Answers for items the catalogue does not have (not counted above).
    pub unknown_items: usize,
}

/// A count for each kind of item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ByKind {
    /// Manifestations of degradation.
    pub manifestation: usize,
    /// Exemplary conduct.
    pub exemplary: usize,
    /// Prohibited acts.
    pub prohibition: usize,
}

impl ByKind {
    fn add(&mut self, kind: ItemKind) {
        match kind {
            ItemKind::Manifestation => self.manifestation += 1,
            ItemKind::Exemplary => self.exemplary += 1,
            ItemKind::Prohibition => self.prohibition += 1,
        }
    }
}

impl ReviewBatch {
    /// Counts what the batch holds, reading item kinds from `catalogue`.
    ///
    /// ```
    /// use soisua::{Catalogue, ReviewBatch};
    /// let batch = ReviewBatch { reviews: vec![] };
    /// let tally = batch.tally(&Catalogue::central_2020()?);
    /// assert_eq!(tally.reviews, 0);
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn tally(&self, catalogue: &Catalogue) -> Tally {
        let kinds: std::collections::HashMap<&str, ItemKind> =
            catalogue.items().map(|p| (p.item.code.as_str(), p.kind())).collect();
        let mut tally = Tally { reviews: self.reviews.len(), ..Tally::default() };
        let mut members = BTreeSet::new();
        let mut with_adverse: [BTreeSet<&str>; 3] = Default::default();
        let mut with_any = BTreeSet::new();
        for review in &self.reviews {
            members.insert(review.member.as_str());
            if review.status == super::ReviewStatus::Final {
                tally.final_reviews += 1;
            }
            for answer in &review.answers {
                let Some(&kind) = kinds.get(answer.item.as_str()) else {
                    tally.unknown_items += 1;
                    continue;
                };
                if let (Some(own), Some(cell)) = (answer.self_assessment, answer.cell) {
                    if own != cell {
                        tally.disagreements += 1;
                    }
                }
                let Some(cell) = answer.cell else { continue };
                tally.cell_conclusions += 1;
                if cell.is_adverse() {
                    tally.adverse.add(kind);
                    let set = match kind {
                        ItemKind::Manifestation => &mut with_adverse[0],
                        ItemKind::Exemplary => &mut with_adverse[1],
                        ItemKind::Prohibition => &mut with_adverse[2],
                    };
                    set.insert(review.member.as_str());
                    with_any.insert(review.member.as_str());
                }
            }
        }
        tally.members = members.len();
        let [m, e, p] = with_adverse;
        tally.members_with_adverse = ByKind { manifestation: m.len(), exemplary: e.len(), prohibition: p.len() };
        tally.members_with_any_adverse = with_any.len();
        tally
    }
}
