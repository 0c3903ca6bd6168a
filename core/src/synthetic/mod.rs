//! Synthetic data, deterministic from a seed and never reading a clock: an organisation shaped
//! like the article's district (scalable to a province and the nation), a local catalogue shaped
//! like the article's 82 / 23 / 22 lists, and months of reviews with realistic rates.
//!
//! Everything here is labelled synthetic: names are made up, and the local catalogue's texts are
//! labels, never official wording.

use serde::{Deserialize, Serialize};

/// How big an organisation to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// The article's district: 60 units directly under the district committee (22 grassroots
    /// committees, 38 sector cells), 280 cells under the grassroots committees, about 6,300 members.
    District,
    /// A province of about 70,000 members (eleven districts).
    Province,
    /// The nation: about 5.3 million members.
    Nation,
}

impl Scale {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::District => "district",
            Scale::Province => "province",
            Scale::Nation => "nation",
        }
    }
}

impl std::str::FromStr for Scale {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        match s {
            "district" => Ok(Scale::District),
            "province" => Ok(Scale::Province),
            "nation" => Ok(Scale::Nation),
            _ => Err(crate::Error::Unknown { what: "scale", what_vi: "quy mô", name: s.chars().take(40).collect() }),
        }
    }
}

/// Rates of findings in synthetic reviews.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    /// Share of members with at least one adverse cell conclusion in a month (default 0.05).
    pub member_with_finding: f64,
    /// Share of members whose self-assessment disagrees with the cell on one item (default 0.01).
    pub disagreement: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Rates { member_with_finding: 0.05, disagreement: 0.01 }
    }
}

use crate::{Catalogue, Month, Organisation, ReviewBatch};

pub mod accountability;
pub mod dialogue;
pub mod emulation;
pub mod household;
pub mod meeting;
pub mod names;
mod org;
pub mod petition;
pub mod rating;
pub mod register;
mod reviews;
pub mod rng;

/// A synthetic organisation of the given scale, the same for the same seed: the article's district
/// (60 units directly under the district committee, 280 cells under its 22 grassroots committees,
/// about 6,300 members), a province of eleven such districts, or a nation of 77 provinces (about
/// 5.3 million members). It validates without errors.
///
/// Ids: the district committee `HU`; grassroots committees `DB-01` … `DB-22` (18 communes and the
/// town, then army, police and a public-service unit); sector cells `CB-01` … `CB-38`; cells under
/// the grassroots committees `DB-01-CB-01` …; members `DV000001` …. A province's districts are
/// prefixed `H01-` … under `TU`; the nation's provinces `T01-` … under `TW` (members `DV0000001` …).
/// Units have no opening or closing dates; a handful of members per district transfer between
/// cells in 2020; the district committee has type `agency`.
///
/// ```
/// use soisua::synthetic::{organisation, Scale};
/// let org = organisation(Scale::District, 1);
/// assert!((6_000..=6_600).contains(&org.members.len()));
/// assert!(!soisua::has_errors(&org.validate()));
/// assert_eq!(org, organisation(Scale::District, 1));
/// ```
pub fn organisation(scale: Scale, seed: u64) -> Organisation {
    org::organisation(scale, seed)
}

mod catalogue;
pub use self::catalogue::local_catalogue;

/// A synthetic month of final reviews: one per member who belongs to a unit in `month`, at the
/// unit of the membership covering the month's last day (else the latest one overlapping the
/// month), under `catalogue`, with the cell's conclusion on every applicable item.
///
/// Conclusions are clean (`none`, `clear`, `good`; rarely `not_applicable`) and the
/// self-assessment equals the cell's, except that a `rates.member_with_finding` share of members
/// get one to three adverse conclusions and a `rates.disagreement` share a self-assessment that
/// differs from the cell on one item. The same inputs give the same batch.
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
/// let batch = reviews(&org, &catalogue, month, 7, Rates::default());
/// assert_eq!(batch.reviews.len(), org.members.len());
/// assert_eq!(batch, reviews(&org, &catalogue, month, 7, Rates::default()));
/// ```
pub fn reviews(
    organisation: &Organisation,
    catalogue: &Catalogue,
    month: Month,
    seed: u64,
    rates: Rates,
) -> ReviewBatch {
    reviews::reviews(organisation, catalogue, month, seed, rates)
}
