//! Validation of monthly reviews against the catalogue and the organisation.

use super::ReviewBatch;
use crate::{Catalogue, Issue, Organisation};

impl ReviewBatch {
    /// The findings about these reviews, located as `reviews[i].answers[j].cell`.
    pub fn validate(&self, catalogue: &Catalogue, organisation: &Organisation) -> Vec<Issue> {
        let _ = (catalogue, organisation);
        Vec::new()
    }
}
