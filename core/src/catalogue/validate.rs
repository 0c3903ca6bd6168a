//! Validation of a catalogue's content.

use super::Catalogue;
use crate::Issue;

impl Catalogue {
    /// The findings about this catalogue's content. `refined` is the catalogue named by
    /// `refines`, when the caller has it, to check each item's `refines` target.
    pub fn validate(&self, refined: Option<&Catalogue>) -> Vec<Issue> {
        let _ = refined;
        Vec::new()
    }
}
