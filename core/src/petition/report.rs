//! The monthly report to the standing committee: a [`Rollup`] of [`PetitionTally`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Petition, PetitionPolicy, State, status_on};
use crate::report::{Rollup, Tally, add_counts};
use crate::{Error, Organisation, Period};

/// What a unit's petitions add up to over a period. Flows (`received` … `replied`) count what
/// happened in the period; stocks (`open_at_start`, `open_at_end`, `overdue_at_end`,
/// `escalated_at_end`) count petitions on the period's first or last day, so a roll-up merged
/// from several periods adds them up as petition-periods (like member-months): a quarter's stocks
/// are those of a report built over the quarter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionTally {
    /// Petitions received in the period.
    pub received: u64,
    /// Received, by petitioner kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_petitioner: BTreeMap<String, u64>,
    /// Received, by channel.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_channel: BTreeMap<String, u64>,
    /// Received, by topic.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_topic: BTreeMap<String, u64>,
    /// Petitions forwarded in the period.
    pub forwarded: u64,
    /// Petitions resolved in the period.
    pub resolved: u64,
    /// Of those, resolved after their deadline.
    pub resolved_late: u64,
    /// Petitioners replied to in the period.
    pub replied: u64,
    /// Petitions open (received, not replied to) on the period's first day: carried in.
    pub open_at_start: u64,
    /// Petitions open on the period's last day: carried over to the next period.
    pub open_at_end: u64,
    /// Of those, with a step past its deadline (escalated ones included).
    pub overdue_at_end: u64,
    /// Overdue at the end, by the step that is late.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_late_step: BTreeMap<String, u64>,
    /// Of the overdue, escalated.
    pub escalated_at_end: u64,
    /// Escalated at the end, by level.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_escalation: BTreeMap<String, u64>,
}

impl Tally for PetitionTally {
    fn absorb(&mut self, other: &Self) {
        self.received += other.received;
        add_counts(&mut self.by_petitioner, &other.by_petitioner);
        add_counts(&mut self.by_channel, &other.by_channel);
        add_counts(&mut self.by_topic, &other.by_topic);
        self.forwarded += other.forwarded;
        self.resolved += other.resolved;
        self.resolved_late += other.resolved_late;
        self.replied += other.replied;
        self.open_at_start += other.open_at_start;
        self.open_at_end += other.open_at_end;
        self.overdue_at_end += other.overdue_at_end;
        add_counts(&mut self.by_late_step, &other.by_late_step);
        self.escalated_at_end += other.escalated_at_end;
        add_counts(&mut self.by_escalation, &other.by_escalation);
    }
}

impl PetitionTally {
    /// Counts one petition over the days `first..=last`.
    pub fn count(&mut self, petition: &Petition, policy: &PetitionPolicy, first: NaiveDate, last: NaiveDate) {
        let within = |day: Option<NaiveDate>| day.is_some_and(|d| first <= d && d <= last);
        if within(Some(petition.received_on)) {
            self.received += 1;
            *self.by_petitioner.entry(petition.petitioner.as_str().to_owned()).or_default() += 1;
            *self.by_channel.entry(petition.channel.clone()).or_default() += 1;
            *self.by_topic.entry(petition.topic.clone()).or_default() += 1;
        }
        if within(petition.forwarded_on) {
            self.forwarded += 1;
        }
        if let Some(resolved) = petition.resolved_on.filter(|d| within(Some(*d))) {
            self.resolved += 1;
            if resolved > status_on(petition, policy, resolved).resolve_due {
                self.resolved_late += 1;
            }
        }
        if petition.resolved_on.is_some() && within(petition.replied_on) {
            self.replied += 1;
        }
        let replied_by =
            |day: NaiveDate| petition.resolved_on.is_some() && petition.replied_on.is_some_and(|r| r <= day);
        if petition.received_on < first && first.pred_opt().is_some_and(|eve| !replied_by(eve)) {
            self.open_at_start += 1;
        }
        if petition.received_on <= last {
            let status = status_on(petition, policy, last);
            if status.stage != State::Replied {
                self.open_at_end += 1;
            }
            if let Some(step) = status.late_step {
                self.overdue_at_end += 1;
                *self.by_late_step.entry(step.as_str().to_owned()).or_default() += 1;
            }
            if let Some(level) = status.escalated_to {
                self.escalated_at_end += 1;
                *self.by_escalation.entry(level).or_default() += 1;
            }
        }
    }
}

/// The report on `petitions` over `period` for the unit `scope` and what is under it (absent:
/// the whole organisation), each petition counted at its receiving unit, placed as the tree stood
/// on the period's last day, which is also the day the stocks are taken ("as of"). Every unit open
/// during the period is covered, with or without petitions, so that overlapping reports are
/// refused when merged.
///
/// Errors: `unknown_name` for an unknown scope; `invalid_document` when the policy or the
/// petitions have errors (see [`validate`](super::validate)).
///
/// ```
/// use soisua::petition::{PetitionPolicy, report};
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let policy = PetitionPolicy::default_2020()?;
/// let period = "2020-09".parse()?;
/// let petitions = soisua::synthetic::petition::generate(&org, period, 7);
/// let all = report(&org, &petitions, &policy, period, None)?;
/// assert!(all.total.received > 100);
/// let commune = report(&org, &petitions, &policy, period, Some("DB-01"))?;
/// assert!(commune.total.received < all.total.received);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn report(
    org: &Organisation,
    petitions: &[Petition],
    policy: &PetitionPolicy,
    period: Period,
    scope: Option<&str>,
) -> Result<Rollup<PetitionTally>, Error> {
    let index = org.index();
    let mut rollup = Rollup::of(&index, scope)?;
    let policy_issues = policy.validate();
    if crate::has_errors(&policy_issues) {
        return Err(Error::Invalid { document: "petition policy", issues: policy_issues });
    }
    let issues: Vec<_> =
        super::validate(org, petitions, None, policy).into_iter().filter(crate::Issue::is_error).collect();
    if !issues.is_empty() {
        return Err(Error::Invalid { document: "petitions", issues });
    }
    let (first, last) = (period.first_month().first_day(), period.last_month().last_day());
    let mut tallies: BTreeMap<&str, PetitionTally> = BTreeMap::new();
    for petition in petitions {
        tallies.entry(petition.unit.as_str()).or_default().count(petition, policy, first, last);
    }
    rollup.add_open_units(org, &index, &tallies, &period.to_string(), (first, last));
    Ok(rollup)
}
