//! Findings about a list of petitions, located at `petitions[i].field`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Petition, PetitionPolicy};
use crate::dialogue::Dialogue;
use crate::{Issue, IssueCode, Month, Organisation, Path, is_valid_code};

/// The findings about `petitions`, located at `petitions[i]`:
///
/// - ids: `invalid_code`, `duplicate_code`; the receiving unit: `unknown_unit`, `unit_not_open`
///   (on the day of receipt); `empty_text` for the subject;
/// - codes: `petition_unknown_topic`, `petition_unknown_channel` (the policy's lists);
/// - dates in order — forwarded, deadline and resolved not before received, replied not before
///   resolved (`petition_dates_out_of_order`); a reply without resolution
///   (`petition_reply_without_resolution`); half a pair (`forwarded_on` without `forwarded_to` and
///   back, `result` without `resolved_on` and back: `petition_field_missing`);
/// - the policy not in force on the day of receipt (`policy_not_in_force`, a warning);
/// - when `dialogues` are given: a link to an unknown dialogue (`petition_unknown_dialogue`), to
///   a dialogue that does not list the petition back (`link_not_returned`), a petition received
///   before the dialogue it came from was held (`petition_dates_out_of_order`); the `dialogue`
///   channel without a dialogue link is `petition_field_missing`.
///
/// ```
/// use soisua::petition::{Petition, PetitionPolicy, validate};
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let policy = PetitionPolicy::default_2020()?;
/// let petition: Petition = serde_json::from_value(serde_json::json!({
///     "id": "PA-1", "unit": "DB-01", "received_on": "2020-09-10", "petitioner": "citizen",
///     "channel": "direct", "subject": "Đèn đường hỏng", "topic": "infrastructure",
///     "forwarded_to": "UBND xã", "forwarded_on": "2020-09-08"
/// }))?;
/// let issues = validate(&org, &[petition], None, &policy);
/// assert_eq!(issues[0].code, "petition_dates_out_of_order");
/// assert_eq!(issues[0].path.to_string(), "petitions[0].forwarded_on");
/// assert_eq!(issues[0].message_en, "the date `forwarded_on` (2020-09-08) is before `received_on` (2020-09-10)");
/// assert_eq!(issues[0].message_vi, "ngày `forwarded_on` (2020-09-08) trước ngày `received_on` (2020-09-10)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(
    org: &Organisation,
    petitions: &[Petition],
    dialogues: Option<&[Dialogue]>,
    policy: &PetitionPolicy,
) -> Vec<Issue> {
    let index = org.index();
    let by_id: Option<BTreeMap<&str, &Dialogue>> =
        dialogues.map(|list| list.iter().map(|d| (d.id.as_str(), d)).collect());
    let mut seen = BTreeSet::new();
    let mut issues = Vec::new();
    for (i, petition) in petitions.iter().enumerate() {
        let at = Path::root().key("petitions").index(i);
        let key = |field: &str| at.clone().key(field);
        if !is_valid_code(&petition.id) {
            issues.push(Issue::new(IssueCode::InvalidCode, key("id")).with("code", &petition.id));
        } else if !seen.insert(petition.id.as_str()) {
            issues.push(Issue::new(IssueCode::DuplicateCode, key("id")).with("code", &petition.id));
        }
        match index.unit(&petition.unit) {
            None => issues.push(Issue::new(IssueCode::UnknownUnit, key("unit")).with("unit", &petition.unit)),
            Some(unit) if !unit.is_open_on(petition.received_on) => issues.push(
                Issue::new(IssueCode::UnitNotOpen, key("unit"))
                    .with("unit", &petition.unit)
                    .with("month", Month::from_date(petition.received_on)),
            ),
            Some(_) => {}
        }
        if petition.subject.trim().is_empty() {
            issues.push(Issue::new(IssueCode::EmptyText, key("subject")).with("field", "subject"));
        }
        if !policy.has_topic(&petition.topic) {
            issues.push(
                Issue::new(IssueCode::PetitionUnknownTopic, key("topic"))
                    .with("topic", &petition.topic)
                    .with("policy", policy.reference()),
            );
        }
        if !policy.has_channel(&petition.channel) {
            issues.push(
                Issue::new(IssueCode::PetitionUnknownChannel, key("channel"))
                    .with("channel", &petition.channel)
                    .with("policy", policy.reference()),
            );
        }
        if !policy.is_in_force(petition.received_on) {
            issues.push(
                Issue::new(IssueCode::PolicyNotInForce, key("received_on"))
                    .with("policy", policy.reference())
                    .with("month", Month::from_date(petition.received_on))
                    .at_level(crate::Level::Warning),
            );
        }
        dates(petition, &at, &mut issues);
        if let Some(dialogues) = &by_id {
            link(petition, dialogues, &at, &mut issues);
        }
    }
    issues
}

fn out_of_order(at: &Path, field: &str, date: NaiveDate, before: &str, before_date: NaiveDate) -> Issue {
    Issue::new(IssueCode::PetitionDatesOutOfOrder, at.clone().key(field))
        .with("field", field)
        .with("date", date)
        .with("before", before)
        .with("before_date", before_date)
}

fn missing(at: &Path, petition: &Petition, field: &str, needs: &str) -> Issue {
    Issue::new(IssueCode::PetitionFieldMissing, at.clone().key(field))
        .with("petition", &petition.id)
        .with("field", field)
        .with("missing", needs)
}

fn dates(petition: &Petition, at: &Path, issues: &mut Vec<Issue>) {
    let received = petition.received_on;
    for (field, date) in [
        ("forwarded_on", petition.forwarded_on),
        ("deadline", petition.deadline),
        ("resolved_on", petition.resolved_on),
    ] {
        if let Some(date) = date.filter(|d| *d < received) {
            issues.push(out_of_order(at, field, date, "received_on", received));
        }
    }
    if let (Some(forwarded), Some(resolved)) = (petition.forwarded_on, petition.resolved_on) {
        if resolved < forwarded && forwarded >= received {
            issues.push(out_of_order(at, "resolved_on", resolved, "forwarded_on", forwarded));
        }
    }
    match (petition.resolved_on, petition.replied_on) {
        (Some(resolved), Some(replied)) if replied < resolved => {
            issues.push(out_of_order(at, "replied_on", replied, "resolved_on", resolved));
        }
        (None, Some(_)) => issues.push(
            Issue::new(IssueCode::PetitionReplyWithoutResolution, at.clone().key("replied_on"))
                .with("petition", &petition.id),
        ),
        _ => {}
    }
    if petition.forwarded_on.is_some() && petition.forwarded_to.as_deref().is_none_or(|t| t.trim().is_empty()) {
        issues.push(missing(at, petition, "forwarded_on", "forwarded_to"));
    }
    if petition.forwarded_to.is_some() && petition.forwarded_on.is_none() {
        issues.push(missing(at, petition, "forwarded_to", "forwarded_on"));
    }
    if petition.resolved_on.is_some() && petition.result.as_deref().is_none_or(|t| t.trim().is_empty()) {
        issues.push(missing(at, petition, "resolved_on", "result"));
    }
    if petition.result.is_some() && petition.resolved_on.is_none() {
        issues.push(missing(at, petition, "result", "resolved_on"));
    }
}

fn link(petition: &Petition, dialogues: &BTreeMap<&str, &Dialogue>, at: &Path, issues: &mut Vec<Issue>) {
    let Some(id) = petition.dialogue.as_deref() else {
        if petition.channel == "dialogue" {
            issues.push(missing(at, petition, "channel", "dialogue"));
        }
        return;
    };
    let Some(dialogue) = dialogues.get(id) else {
        issues.push(Issue::new(IssueCode::PetitionUnknownDialogue, at.clone().key("dialogue")).with("dialogue", id));
        return;
    };
    if !dialogue.petitions.contains(&petition.id) {
        issues.push(
            Issue::new(IssueCode::LinkNotReturned, at.clone().key("dialogue"))
                .with("from", &petition.id)
                .with("to", id),
        );
    }
    if let Some(held) = dialogue.held_on.filter(|held| petition.received_on < *held) {
        issues.push(out_of_order(at, "received_on", petition.received_on, "dialogue.held_on", held));
    }
}
