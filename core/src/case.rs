//! Remedy cases: one per member and item, from the month a shortcoming is found to its remedy or
//! its inspection and outcome.

use serde::{Deserialize, Serialize};

use crate::discipline::DisciplineForm;
use crate::period::Month;
use crate::verdict::Rule;

/// A remedy case on one item of one member.
///
/// Its state is exactly one of `open`, `remedied`, `escalated` (inspection pending) and `closed`
/// (inspection outcome recorded); [`Case::is_consistent`] says whether the dates agree with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The member (cases follow a member who transfers).
    pub member: String,
    /// The item's code.
    pub item: String,
    /// The month the case opened.
    pub opened: Month,
    /// Who found the shortcoming.
    pub source: CaseSource,
    /// The unit whose review opened the case, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The month by whose conclusion the item must be remedied.
    pub deadline: Month,
    /// The state.
    pub state: CaseState,
    /// The month a cell conclusion found the item remedied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedied: Option<Month>,
    /// When and by which rule the case went to inspection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated: Option<Escalation>,
    /// The inspection's outcome, recorded by people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// Who found the shortcoming that opened a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseSource {
    /// The cell's monthly conclusion.
    Cell,
    /// A supervision finding (inspection commission, Fatherland Front, mass organisations).
    Supervision,
}

/// The state of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Being remedied, before its deadline.
    Open,
    /// Remedied in time.
    Remedied,
    /// Escalated to inspection; the outcome is pending.
    Escalated,
    /// The inspection's outcome is recorded.
    Closed,
}

impl CaseState {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Open => "open",
            CaseState::Remedied => "remedied",
            CaseState::Escalated => "escalated",
            CaseState::Closed => "closed",
        }
    }
}

/// A case's escalation to inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// The month.
    pub month: Month,
    /// The rule that escalated it.
    pub rule: Rule,
}

/// The outcome of an inspection, recorded by people and validated by the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The month it was decided.
    pub month: Month,
    /// The decision.
    pub decision: Decision,
    /// The discipline form, for a discipline decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<DisciplineForm>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What an inspection decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// No violation found.
    NoViolation,
    /// A reminder, lessons drawn (nhắc nhở, rút kinh nghiệm).
    Reminder,
    /// A discipline form (the `form` says which).
    Discipline,
}

impl Decision {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::NoViolation => "no_violation",
            Decision::Reminder => "reminder",
            Decision::Discipline => "discipline",
        }
    }
}

/// An outcome to record on a case, as people enter it: the case (member, item, month opened) and
/// the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRecord {
    /// The member.
    pub member: String,
    /// The item of the case.
    pub item: String,
    /// The month the case opened.
    pub opened: Month,
    /// The outcome.
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Case {
    /// A new open case.
    pub fn open(member: &str, item: &str, opened: Month, deadline: Month, source: CaseSource) -> Case {
        Case {
            member: member.to_owned(),
            item: item.to_owned(),
            opened,
            source,
            unit: None,
            deadline,
            state: CaseState::Open,
            remedied: None,
            escalated: None,
            outcome: None,
        }
    }

    /// Whether the state agrees with the dates: `open` has none of remedied / escalated / outcome;
    /// `remedied` only a remedy month within `opened+1 ..= deadline`; `escalated` only an
    /// escalation (not before it opened); `closed` an escalation and an outcome not before it; and
    /// the deadline is not before the opening.
    ///
    /// ```
    /// use soisua::case::{Case, CaseSource, CaseState};
    /// let m = |s: &str| s.parse().unwrap();
    /// let mut case = Case::open("DV1", "TTCT-3", m("2020-07"), m("2020-10"), CaseSource::Cell);
    /// assert!(case.is_consistent());
    /// case.state = CaseState::Remedied;
    /// assert!(!case.is_consistent());
    /// case.remedied = Some(m("2020-08"));
    /// assert!(case.is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        if self.deadline < self.opened {
            return false;
        }
        let escalation_ok = self.escalated.is_some_and(|e| e.month >= self.opened);
        match self.state {
            CaseState::Open => self.remedied.is_none() && self.escalated.is_none() && self.outcome.is_none(),
            CaseState::Remedied => {
                self.remedied.is_some_and(|m| m > self.opened && m <= self.deadline)
                    && self.escalated.is_none()
                    && self.outcome.is_none()
            }
            CaseState::Escalated => self.remedied.is_none() && escalation_ok && self.outcome.is_none(),
            CaseState::Closed => {
                self.remedied.is_none()
                    && escalation_ok
                    && matches!((&self.outcome, self.escalated), (Some(o), Some(e)) if o.month >= e.month)
            }
        }
    }

    /// Whether the case still counts against the member: open, or escalated without an outcome.
    pub fn is_active(&self) -> bool {
        matches!(self.state, CaseState::Open | CaseState::Escalated)
    }

    pub(crate) fn escalate(&mut self, month: Month, rule: Rule) {
        self.state = CaseState::Escalated;
        self.escalated = Some(Escalation { month, rule });
    }
}
