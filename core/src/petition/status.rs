//! The status of a petition on a given day, with its deadlines and an explanation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Petition, PetitionPolicy, add_days, days_between};
use crate::text::Text;

/// A step of a petition's handling, each with a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Forwarding to the competent body (*chuyển đến cơ quan có thẩm quyền*).
    Forward,
    /// Resolution (*giải quyết*).
    Resolve,
    /// The reply to the petitioner (*phản hồi cho người phản ánh*).
    Reply,
}

impl Step {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Forward => "forward",
            Step::Resolve => "resolve",
            Step::Reply => "reply",
        }
    }

    /// The step in words.
    pub fn label(self) -> Text {
        match self {
            Step::Forward => Text::new("chuyển đến cơ quan có thẩm quyền", "forwarding to the competent body"),
            Step::Resolve => Text::new("giải quyết", "resolution"),
            Step::Reply => Text::new("trả lời người phản ánh", "the reply to the petitioner"),
        }
    }
}

/// Where a petition stands on a day: the last step done, or overdue, or escalated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Received, not yet forwarded, within the deadline.
    Received,
    /// Forwarded, not yet resolved, within the deadline.
    Forwarded,
    /// Resolved, the petitioner not yet replied to, within the deadline.
    Resolved,
    /// Replied to: closed.
    Replied,
    /// A step is past its deadline.
    Overdue,
    /// A step is so far past its deadline that the petition has escalated.
    Escalated,
}

impl State {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Forwarded => "forwarded",
            State::Resolved => "resolved",
            State::Replied => "replied",
            State::Overdue => "overdue",
            State::Escalated => "escalated",
        }
    }
}

/// A petition's status on a day: one flat row, ready for a data frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PetitionStatus {
    /// The petition.
    pub id: String,
    /// The unit that received it.
    pub unit: String,
    /// Its topic.
    pub topic: String,
    /// The day the status is for.
    #[schemars(with = "String")]
    pub on: NaiveDate,
    /// The status.
    pub state: State,
    /// The last step done by that day: `received`, `forwarded`, `resolved` or `replied`.
    pub stage: State,
    /// The step waiting to be done (absent once replied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<Step>,
    /// Its deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub next_due: Option<NaiveDate>,
    /// The forwarding deadline.
    #[schemars(with = "String")]
    pub forward_due: NaiveDate,
    /// The resolution deadline (the petition's own, else from the forwarding day — or, while not
    /// forwarded, from the forwarding deadline — by the topic's days).
    #[schemars(with = "String")]
    pub resolve_due: NaiveDate,
    /// The reply deadline, once resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub reply_due: Option<NaiveDate>,
    /// The step that is late, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_step: Option<Step>,
    /// Days past its deadline (0 when none is late).
    pub days_overdue: u32,
    /// The level it has escalated to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated_to: Option<String>,
    /// Why, in Vietnamese and English.
    pub explanation: Text,
}

/// The status of `petition` on `on` under `policy`. Dates after `on` are not yet known that day
/// and are ignored (a petition resolved later is unresolved on `on`).
///
/// A step is late from the day after its deadline; while a petition is not forwarded, both its
/// forwarding and (from the forwarding deadline) its resolution are waiting, and the later-overdue
/// of the two is the late step. The escalation is the highest rung of the policy's ladder whose
/// `after_days` the late step has reached.
///
/// ```
/// use soisua::petition::{Petition, PetitionPolicy, State, status_on};
/// let policy = PetitionPolicy::default_2020()?;
/// let petition: Petition = serde_json::from_value(serde_json::json!({
///     "id": "PA-2", "unit": "DB-01", "received_on": "2020-09-01", "petitioner": "member",
///     "channel": "committee_office", "subject": "Chậm cấp sổ đỏ", "topic": "land",
///     "forwarded_to": "UBND xã", "forwarded_on": "2020-09-03"
/// }))?;
/// let status = status_on(&petition, &policy, "2020-09-30".parse().unwrap());
/// assert_eq!(status.state, State::Forwarded);
/// assert_eq!(status.resolve_due.to_string(), "2020-10-18");
/// assert_eq!(status.explanation.en, "forwarded to UBND xã on 2020-09-03; resolution due by 2020-10-18");
/// assert_eq!(status.explanation.vi, "đã chuyển UBND xã ngày 2020-09-03; hạn giải quyết: 2020-10-18");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn status_on(petition: &Petition, policy: &PetitionPolicy, on: NaiveDate) -> PetitionStatus {
    let known = |day: Option<NaiveDate>| day.filter(|d| *d <= on);
    let forwarded = known(petition.forwarded_on);
    let resolved = known(petition.resolved_on);
    let replied = known(petition.replied_on).filter(|_| resolved.is_some());
    let forward_due = policy.forward_due(petition.received_on);
    let resolve_due = petition
        .deadline
        .unwrap_or_else(|| add_days(forwarded.unwrap_or(forward_due), policy.resolve_days_for(&petition.topic)));
    let reply_due = resolved.map(|r| add_days(r, policy.reply_days));
    let (stage, waiting): (State, Vec<(Step, NaiveDate)>) = match (forwarded, resolved, replied, reply_due) {
        (_, _, Some(_), _) => (State::Replied, vec![]),
        (_, Some(_), None, Some(due)) => (State::Resolved, vec![(Step::Reply, due)]),
        (Some(_), None, _, _) => (State::Forwarded, vec![(Step::Resolve, resolve_due)]),
        _ => (State::Received, vec![(Step::Forward, forward_due), (Step::Resolve, resolve_due)]),
    };
    let next = waiting.first().copied();
    let late = waiting
        .iter()
        .map(|(step, due)| (*step, *due, days_between(*due, on)))
        .filter(|(_, _, days)| *days > 0)
        .fold(None, |best: Option<(Step, NaiveDate, i64)>, item| match best {
            Some(b) if b.2 >= item.2 => Some(b),
            _ => Some(item),
        });
    let escalation = late.and_then(|(_, _, days)| policy.escalation_after(days));
    let shown = match (late, escalation) {
        (_, Some(_)) => State::Escalated,
        (Some(_), None) => State::Overdue,
        (None, None) => stage,
    };
    let mut vi = vec![stage_text(petition, stage, forwarded, resolved, replied, true)];
    let mut en = vec![stage_text(petition, stage, forwarded, resolved, replied, false)];
    match (late, next) {
        (Some((step, due, days)), _) => {
            let label = step.label();
            vi.push(format!("quá hạn {} {days} ngày (hạn {due})", label.vi));
            en.push(format!("{} overdue by {days} days (due {due})", label.en));
        }
        (None, Some((step, due))) => {
            let label = step.label();
            vi.push(format!("hạn {}: {due}", label.vi));
            en.push(format!("{} due by {due}", label.en));
        }
        (None, None) => {}
    }
    if let Some(step) = escalation {
        vi.push(format!("quá hạn từ {} ngày: chuyển lên {}", step.after_days, step.label.vi));
        en.push(format!("{} days or more past the deadline: escalated to {}", step.after_days, lower(&step.label.en)));
    }
    PetitionStatus {
        id: petition.id.clone(),
        unit: petition.unit.clone(),
        topic: petition.topic.clone(),
        on,
        state: shown,
        stage,
        next_step: next.map(|(step, _)| step),
        next_due: next.map(|(_, due)| due),
        forward_due,
        resolve_due,
        reply_due,
        late_step: late.map(|(step, _, _)| step),
        days_overdue: late.map_or(0, |(_, _, days)| u32::try_from(days).unwrap_or(u32::MAX)),
        escalated_to: escalation.map(|s| s.level.clone()),
        explanation: Text::new(vi.join("; "), en.join("; ")),
    }
}

/// The status on `on` of every petition received by then, in the order given.
///
/// ```
/// let policy = soisua::petition::PetitionPolicy::default_2020()?;
/// let rows = soisua::petition::statuses_on(&[], &policy, "2020-09-30".parse().unwrap());
/// assert!(rows.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn statuses_on(petitions: &[Petition], policy: &PetitionPolicy, on: NaiveDate) -> Vec<PetitionStatus> {
    petitions.iter().filter(|p| p.received_on <= on).map(|p| status_on(p, policy, on)).collect()
}

/// An English label used inside a sentence ("The parent committee" → "the parent committee").
fn lower(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if text.chars().nth(1).is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

fn stage_text(
    petition: &Petition,
    stage: State,
    forwarded: Option<NaiveDate>,
    resolved: Option<NaiveDate>,
    replied: Option<NaiveDate>,
    vi: bool,
) -> String {
    let to = petition.forwarded_to.as_deref().unwrap_or("?");
    let show = |d: Option<NaiveDate>| d.map_or_else(|| "?".to_owned(), |d| d.to_string());
    match (stage, vi) {
        (State::Replied, true) => format!("đã trả lời người phản ánh ngày {}", show(replied)),
        (State::Replied, false) => format!("replied to the petitioner on {}", show(replied)),
        (State::Resolved, true) => format!("đã giải quyết ngày {}", show(resolved)),
        (State::Resolved, false) => format!("resolved on {}", show(resolved)),
        (State::Forwarded, true) => format!("đã chuyển {to} ngày {}", show(forwarded)),
        (State::Forwarded, false) => format!("forwarded to {to} on {}", show(forwarded)),
        (_, true) => format!("đã tiếp nhận ngày {}", petition.received_on),
        (_, false) => format!("received on {}", petition.received_on),
    }
}
