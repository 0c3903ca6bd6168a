//! Synthetic accountability: a month of unit heads' explanations under the default policy.

use std::collections::HashMap;

use chrono::Datelike;

use super::names;
use super::rng::{Rng, hash_text};
use crate::accountability::{Acceptance, AccountabilityPolicy, Explanation, Head, Pending};
use crate::{Month, Organisation, RoleKind};

/// A month of explanations for `org`: every unit open in `month` explains each topic the default
/// policy makes due with probability 0.92, and a quarterly topic early in its quarter with
/// probability 0.2; the head is the member heading the agency or, failing that, the unit's
/// secretary that month (a made-up name when there is none); the inspection commission (`ubkt`)
/// asks for about 30%, the standing committee (`btv`) for the rest; about 85% accepted, 5% not,
/// 10% pending. Summaries are labelled synthetic. The same inputs give the same list, and it
/// validates without errors.
///
/// ```
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let month = "2020-09".parse()?;
/// let list = soisua::synthetic::accountability::generate(&org, month, 7);
/// assert!(list.len() > 150);
/// assert!(soisua::accountability::validate(&org, &list).is_empty());
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn generate(org: &Organisation, month: Month, seed: u64) -> Vec<Explanation> {
    let Ok(policy) = AccountabilityPolicy::default_2020() else { return Vec::new() };
    let mut heads: HashMap<&str, (RoleKind, &str)> = HashMap::new();
    for member in &org.members {
        for role in member.roles_in(month) {
            if matches!(role.kind, RoleKind::HeadOfAgency | RoleKind::Secretary) {
                let entry = heads.entry(role.unit.as_str()).or_insert((role.kind, member.id.as_str()));
                if role.kind == RoleKind::HeadOfAgency {
                    *entry = (role.kind, member.id.as_str());
                }
            }
        }
    }
    let mut rng = Rng::derive(&[seed, hash_text("accountability"), u64::try_from(month.index()).unwrap_or(0)]);
    let mut out = Vec::new();
    for unit in org.units.iter().filter(|u| u.is_open_in(month)) {
        let due = policy.due(unit.kind, &unit.org_type, month);
        let early: Vec<_> = if month.month() % 3 == 0 {
            Vec::new()
        } else {
            crate::accountability::Topic::ALL
                .into_iter()
                .filter(|t| {
                    policy.cadence(unit.kind, &unit.org_type, *t) == Some(crate::accountability::Cadence::Quarterly)
                })
                .collect()
        };
        let topics: Vec<_> = due.into_iter().filter(|_| rng.chance(0.92)).collect();
        let topics: Vec<_> = topics.into_iter().chain(early.into_iter().filter(|_| rng.chance(0.2))).collect();
        for topic in topics {
            let head = match heads.get(unit.id.as_str()) {
                Some((_, id)) => Head::Member((*id).to_owned()),
                None => Head::Name(names::person(&mut rng)),
            };
            let day = u32::try_from(rng.between(20, 28)).unwrap_or(20);
            let draw = rng.below(100);
            let accepted = match draw {
                0..85 => Acceptance::Decided(true),
                85..90 => Acceptance::Decided(false),
                _ => Acceptance::Pending(Pending::Pending),
            };
            out.push(Explanation {
                unit: unit.id.clone(),
                head,
                month,
                topic,
                requested_by: if rng.chance(0.3) { "ubkt" } else { "btv" }.to_owned(),
                given_on: month.first_day().with_day(day).unwrap_or(month.first_day()),
                summary: format!("giải trình về {} tháng {month} (giả lập)", topic.label().vi),
                accepted,
            });
        }
    }
    out
}
