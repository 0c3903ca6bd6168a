//! Evaluation: from the cell's monthly conclusions to a verdict per member, the remedy cases it
//! opens, remedies and escalates, and an explanation of every rule that fired.
//!
//! An [`Evaluator`] is built once from a catalogue, a policy and an organisation (all indexed, none
//! cloned) and evaluates any number of member-months. The cases live in a [`Ledger`] carried from
//! month to month; [`Evaluator::replay`] evaluates a range of months for the whole organisation or
//! a unit, and replaying month by month gives the same results as replaying the range at once.
//!
//! ```
//! use soisua::evaluation::{Evaluator, History, Ledger};
//! use soisua::{Catalogue, Policy, Verdict};
//! # let org = soisua::Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
//! #   "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
//! #   "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
//! #     "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
//! let catalogue = Catalogue::central_2020()?;
//! let policy = Policy::default_2020()?;
//! let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
//! let history = History::from_json(r#"{"reviews": [{"member": "DV1", "unit": "CB",
//!     "month": "2020-07", "catalogue": {"id": "central-2020", "version": "2020.1"},
//!     "status": "draft", "answers": [{"item": "TTCT-3", "cell": "present"}]}]}"#)?;
//! let mut ledger = Ledger::new();
//! let months = evaluator.replay(&mut ledger, &history, "2020-07".parse()?, "2020-08".parse()?, None)?;
//! assert_eq!(months[0].results[0].verdict, Verdict::Help);
//! assert_eq!(months[1].results[0].verdict, Verdict::NotEvaluated);
//! assert_eq!(ledger.cases()[0].deadline.to_string(), "2020-10");
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::{CatalogueRef, ItemKind, Severity};
use crate::org::{OrgIndex, RoleKind};
use crate::policy::{Action, Policy};
use crate::review::{Finding, MonthlyReview};
use crate::verdict::{Firing, Verdict};
use crate::{Catalogue, Error, Issue, IssueCode, Month, Organisation, Path};

mod compare;
mod explanation;
mod fingerprint;
mod ledger;
mod member;
mod month;
mod outlook;
mod preview;

pub use compare::{Change, compare};
pub use fingerprint::FORMAT as FINGERPRINT_FORMAT;
pub use ledger::Ledger;
pub use month::ReviewResult;
pub use outlook::Outlook;
pub use preview::{FormFinding, Preview, form_field};

/// The evaluation of a catalogue under a policy for an organisation, built once.
#[derive(Debug)]
pub struct Evaluator<'a> {
    catalogue: &'a Catalogue,
    policy: &'a Policy,
    org: OrgIndex<'a>,
    reference: CatalogueRef,
    items: Vec<ItemRule<'a>>,
    positions: HashMap<&'a str, usize>,
}

/// What the policy says about one item, resolved once.
#[derive(Debug, Clone, Copy)]
struct ItemRule<'a> {
    code: &'a str,
    kind: ItemKind,
    window: u32,
    action: Action,
    applies_to: &'a [RoleKind],
}

/// Everything recorded over the months: reviews, supervision findings, inspection outcomes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Monthly reviews, any months, any order.
    #[serde(default)]
    pub reviews: Vec<MonthlyReview>,
    /// Shortcomings found by supervision.
    #[serde(default)]
    pub supervision: Vec<SupervisionFinding>,
    /// Inspection outcomes recorded by people.
    #[serde(default)]
    pub outcomes: Vec<crate::case::OutcomeRecord>,
    /// Supervision visits: whom a supervising body supervised in a month, whatever it found
    /// (its findings are in `supervision`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<SupervisionVisit>,
}

/// A body that supervises members monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupervisingBody {
    /// Ủy ban kiểm tra: the inspection commission of a committee.
    InspectionCommission,
    /// Mặt trận Tổ quốc: the Fatherland Front.
    FatherlandFront,
    /// Đoàn thể chính trị - xã hội: a mass organisation (youth union, women's union, veterans, farmers…).
    MassOrganisation,
    /// Cấp ủy cấp trên: a superior party committee.
    Committee,
}

impl SupervisingBody {
    /// Every body, in report order.
    pub const ALL: [SupervisingBody; 4] = [
        SupervisingBody::InspectionCommission,
        SupervisingBody::FatherlandFront,
        SupervisingBody::MassOrganisation,
        SupervisingBody::Committee,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SupervisingBody::InspectionCommission => "inspection_commission",
            SupervisingBody::FatherlandFront => "fatherland_front",
            SupervisingBody::MassOrganisation => "mass_organisation",
            SupervisingBody::Committee => "committee",
        }
    }

    /// Label in Vietnamese and English (a label, not official wording).
    pub fn label(self) -> crate::Text {
        let (vi, en) = match self {
            SupervisingBody::InspectionCommission => ("Ủy ban kiểm tra", "Inspection commission"),
            SupervisingBody::FatherlandFront => ("Mặt trận Tổ quốc", "Fatherland Front"),
            SupervisingBody::MassOrganisation => ("Đoàn thể chính trị - xã hội", "Mass organisations"),
            SupervisingBody::Committee => ("Cấp ủy cấp trên", "Superior committee"),
        };
        crate::Text::new(vi, en)
    }
}

/// A supervision visit: the members a body supervised in a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionVisit {
    /// The supervising body.
    pub body: SupervisingBody,
    /// Its name (`UBKT Huyện ủy`, `MTTQ xã Thạnh Hòa`), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The month.
    pub month: Month,
    /// The members supervised.
    pub members: Vec<String>,
}

/// A shortcoming found by supervision (inspection commission, Fatherland Front, mass organisations):
/// it opens a case like a cell conclusion does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionFinding {
    /// The member.
    pub member: String,
    /// The month.
    pub month: Month,
    /// The item.
    pub item: String,
    /// The finding: a shortcoming (`present`, `violated`, `not_yet_good`).
    pub finding: Finding,
    /// The supervising body.
    pub body: SupervisingBody,
    /// Its name (`UBKT Huyện ủy`, `MTTQ xã Thạnh Hòa`), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// The evaluation of one member for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberResult {
    /// The member.
    pub member: String,
    /// The month.
    pub month: Month,
    /// The unit the member belonged to (the review's unit when there is one and the organisation
    /// has it, otherwise the membership's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The verdict: the highest level any rule reached.
    pub verdict: Verdict,
    /// Every rule that fired.
    pub rules: Vec<Firing>,
    /// The items with a shortcoming this month (the cell's conclusions and supervision findings),
    /// in catalogue order: what reports count per item and per group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub found: Vec<String>,
    /// Items where the self-assessment and the cell's conclusion differ.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// Whether the review was a draft (the verdict may change when it is final).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

/// A disagreement between the member's self-assessment and the cell's conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    /// The item.
    pub item: String,
    /// The member's own finding.
    #[serde(rename = "self")]
    pub self_assessment: Finding,
    /// The cell's conclusion (the one that counts).
    pub cell: Finding,
}

/// The evaluation of one month: a result per member in scope, and findings about the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthResult {
    /// The month.
    pub month: Month,
    /// One result per member in scope, in the organisation's order.
    pub results: Vec<MemberResult>,
    /// Findings about the month's inputs (located in the [`History`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
}

impl MonthResult {
    /// How many members got each verdict, in the order of [`Verdict::ALL`].
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for result in &self.results {
            if let Some(slot) = counts.get_mut(result.verdict as usize) {
                *slot += 1;
            }
        }
        counts
    }
}

impl History {
    /// Reads a history from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<History, Error> {
        crate::json::parse("history", text)
    }

    /// Reads a history from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<History, Error> {
        crate::json::from_value("history", value)
    }
}

impl<'a> Evaluator<'a> {
    /// Builds the evaluator, checking the policy first: a policy with errors, or one not made for
    /// this catalogue, is refused with [`Error::Invalid`] carrying the located findings.
    pub fn new(catalogue: &'a Catalogue, policy: &'a Policy, organisation: &'a Organisation) -> Result<Self, Error> {
        let mut issues: Vec<Issue> = policy.validate().into_iter().filter(Issue::is_error).collect();
        let reference = catalogue.reference();
        if !policy.accepts(&reference) {
            issues.push(
                Issue::new(IssueCode::PolicyCatalogueMismatch, Path::root().key("catalogues"))
                    .with("policy", policy.reference())
                    .with("catalogue", &reference),
            );
        }
        if !issues.is_empty() {
            return Err(Error::Invalid { document: "policy", issues });
        }
        let window = |severity: Severity| policy.window(severity).unwrap_or(0);
        let mut items = Vec::new();
        let mut positions = HashMap::new();
        for placed in catalogue.items() {
            let kind = placed.kind();
            let severity = placed.item.severity;
            let (window, action) = match kind {
                ItemKind::Manifestation => (window(severity), Action::Help),
                ItemKind::Exemplary => (window(policy.exemplary.window), policy.exemplary.action),
                ItemKind::Prohibition => (window(severity), policy.prohibition(severity).unwrap_or(Action::Inspect)),
            };
            positions.entry(placed.item.code.as_str()).or_insert(items.len());
            items.push(ItemRule {
                code: placed.item.code.as_str(),
                kind,
                window,
                action,
                applies_to: &placed.item.applies_to,
            });
        }
        Ok(Evaluator { catalogue, policy, org: OrgIndex::new(organisation), reference, items, positions })
    }

    /// The catalogue evaluated against.
    pub fn catalogue_full(&self) -> &'a Catalogue {
        self.catalogue
    }

    /// The policy evaluated under.
    pub fn policy(&self) -> &'a Policy {
        self.policy
    }

    /// The catalogue evaluated against (id and version).
    pub fn catalogue(&self) -> &CatalogueRef {
        &self.reference
    }

    /// The organisation evaluated, indexed.
    pub fn organisation(&self) -> &OrgIndex<'a> {
        &self.org
    }

    /// The kind of an item of the catalogue, if the catalogue has it.
    pub fn item_kind(&self, code: &str) -> Option<ItemKind> {
        self.position(code).and_then(|p| self.item(p)).map(|r| r.kind)
    }

    /// Each item's code, kind, remedy window, action and roles, in catalogue order.
    pub(crate) fn item_rules(&self) -> impl Iterator<Item = (&'a str, ItemKind, u32, Action, &'a [RoleKind])> + '_ {
        self.items.iter().map(|r| (r.code, r.kind, r.window, r.action, r.applies_to))
    }

    fn position(&self, code: &str) -> Option<usize> {
        self.positions.get(code).copied()
    }

    fn item(&self, position: usize) -> Option<&ItemRule<'a>> {
        self.items.get(position)
    }
}
