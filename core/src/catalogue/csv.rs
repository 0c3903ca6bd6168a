//! Catalogues kept in spreadsheets: a JSON header (metadata and groups) and a CSV file with one
//! row per item.

use super::Catalogue;
use crate::{Error, Issue};

/// The columns of the item CSV, in order.
pub const CSV_COLUMNS: &[&str] = &[];

impl Catalogue {
    /// Builds a catalogue from a JSON header (the catalogue without items) and a CSV of items.
    pub fn from_csv(header_json: &str, csv: &str) -> Result<(Catalogue, Vec<Issue>), Error> {
        let _ = (header_json, csv);
        Err(Error::Unknown {
            what: "operation",
            what_vi: "thao tác",
            name: "from_csv".into(),
        })
    }
}
