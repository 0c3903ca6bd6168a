//! Verdicts and the rules that reach them: what a member-month comes to, and why.

use serde::{Deserialize, Serialize};

use crate::case::CaseSource;
use crate::catalogue::ItemKind;
use crate::period::Month;
use crate::text::Text;

/// What a member's month comes to, from lowest to highest (the order is the derived `Ord`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No usable cell conclusion for the month (never a silent commend).
    NotEvaluated,
    /// Biểu dương: nothing adverse, no open case.
    Commend,
    /// Giúp đỡ, khắc phục: a remedy case is open.
    Help,
    /// Kiểm tra, xử lý: escalated to inspection.
    Inspect,
}

impl Verdict {
    /// Every verdict, lowest first.
    pub const ALL: [Verdict; 4] = [Verdict::NotEvaluated, Verdict::Commend, Verdict::Help, Verdict::Inspect];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NotEvaluated => "not_evaluated",
            Verdict::Commend => "commend",
            Verdict::Help => "help",
            Verdict::Inspect => "inspect",
        }
    }

    /// Vietnamese and English labels.
    ///
    /// ```
    /// assert_eq!(soisua::Verdict::Inspect.label().vi, "kiểm tra, xử lý");
    /// ```
    pub fn label(self) -> Text {
        match self {
            Verdict::NotEvaluated => Text::new("chưa đánh giá", "not evaluated"),
            Verdict::Commend => Text::new("biểu dương", "commend"),
            Verdict::Help => Text::new("giúp đỡ, khắc phục", "help and remedy"),
            Verdict::Inspect => Text::new("kiểm tra, xử lý", "inspect and handle"),
        }
    }
}

/// A rule of the policy that can fire for a member-month. The string form is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Rule {
    /// Nothing adverse, no open case, every applicable item concluded.
    #[serde(rename = "commend")]
    Commend,
    /// No cell conclusion for the month.
    #[serde(rename = "not_evaluated.no_conclusion")]
    NoConclusion,
    /// Nothing adverse, but applicable items lack the cell's conclusion.
    #[serde(rename = "not_evaluated.incomplete")]
    Incomplete,
    /// The review was made under another catalogue than the evaluation's.
    #[serde(rename = "not_evaluated.catalogue_mismatch")]
    CatalogueMismatch,
    /// Two reviews for the member and month: which one counts is for people to say.
    #[serde(rename = "not_evaluated.duplicate_review")]
    DuplicateReview,
    /// A manifestation present: a remedy case opens or continues.
    #[serde(rename = "help.manifestation")]
    Manifestation,
    /// An exemplary item not yet good, helped.
    #[serde(rename = "help.exemplary")]
    ExemplaryHelp,
    /// A prohibition violated whose severity the policy helps.
    #[serde(rename = "help.prohibition")]
    ProhibitionHelp,
    /// A case still open though its item is not found adverse this month.
    #[serde(rename = "help.open_case")]
    OpenCase,
    /// A case escalated earlier waits for its outcome, and the policy helps meanwhile.
    #[serde(rename = "help.pending")]
    PendingHelp,
    /// An exemplary item not yet good, inspected.
    #[serde(rename = "inspect.exemplary")]
    ExemplaryInspect,
    /// A prohibition violated whose severity the policy inspects.
    #[serde(rename = "inspect.prohibition")]
    ProhibitionInspect,
    /// A case not remedied by its deadline.
    #[serde(rename = "inspect.overdue")]
    Overdue,
    /// The k-th case on one item within n months.
    #[serde(rename = "inspect.relapse")]
    Relapse,
    /// At least b distinct manifestations present in the month.
    #[serde(rename = "inspect.breadth")]
    Breadth,
    /// A case escalated earlier waits for its outcome.
    #[serde(rename = "inspect.pending")]
    PendingInspect,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 16] = [
        Rule::Commend,
        Rule::NoConclusion,
        Rule::Incomplete,
        Rule::CatalogueMismatch,
        Rule::DuplicateReview,
        Rule::Manifestation,
        Rule::ExemplaryHelp,
        Rule::ProhibitionHelp,
        Rule::OpenCase,
        Rule::PendingHelp,
        Rule::ExemplaryInspect,
        Rule::ProhibitionInspect,
        Rule::Overdue,
        Rule::Relapse,
        Rule::Breadth,
        Rule::PendingInspect,
    ];

    /// The stable id (`inspect.overdue`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Commend => "commend",
            Rule::NoConclusion => "not_evaluated.no_conclusion",
            Rule::Incomplete => "not_evaluated.incomplete",
            Rule::CatalogueMismatch => "not_evaluated.catalogue_mismatch",
            Rule::DuplicateReview => "not_evaluated.duplicate_review",
            Rule::Manifestation => "help.manifestation",
            Rule::ExemplaryHelp => "help.exemplary",
            Rule::ProhibitionHelp => "help.prohibition",
            Rule::OpenCase => "help.open_case",
            Rule::PendingHelp => "help.pending",
            Rule::ExemplaryInspect => "inspect.exemplary",
            Rule::ProhibitionInspect => "inspect.prohibition",
            Rule::Overdue => "inspect.overdue",
            Rule::Relapse => "inspect.relapse",
            Rule::Breadth => "inspect.breadth",
            Rule::PendingInspect => "inspect.pending",
        }
    }

    /// The verdict the rule reaches.
    ///
    /// ```
    /// use soisua::{Rule, Verdict};
    /// assert_eq!(Rule::Overdue.verdict(), Verdict::Inspect);
    /// ```
    pub fn verdict(self) -> Verdict {
        match self {
            Rule::Commend => Verdict::Commend,
            Rule::NoConclusion | Rule::Incomplete | Rule::CatalogueMismatch | Rule::DuplicateReview => {
                Verdict::NotEvaluated
            }
            Rule::Manifestation | Rule::ExemplaryHelp | Rule::ProhibitionHelp | Rule::OpenCase | Rule::PendingHelp => {
                Verdict::Help
            }
            Rule::ExemplaryInspect
            | Rule::ProhibitionInspect
            | Rule::Overdue
            | Rule::Relapse
            | Rule::Breadth
            | Rule::PendingInspect => Verdict::Inspect,
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule that fired for a member-month: the items and months involved, and the threshold and
/// value compared where the rule compares one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Firing {
    /// The rule.
    pub rule: Rule,
    /// The items involved, in catalogue order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The kind of the items, when the rule is about items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    /// The months involved (when the cases opened; the month itself for breadth).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<Month>,
    /// The threshold of the policy (window in months, cases, manifestations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u32>,
    /// The value compared with the threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
    /// The case's deadline, for rules about a case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Month>,
    /// Where the case came from, for rules about a case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<CaseSource>,
}

impl Firing {
    /// A firing of `rule` with nothing else said.
    pub fn new(rule: Rule) -> Self {
        Firing {
            rule,
            items: Vec::new(),
            kind: None,
            months: Vec::new(),
            threshold: None,
            value: None,
            deadline: None,
            source: None,
        }
    }
}
