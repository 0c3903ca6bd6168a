//! Synthetic petitions and pressing issues for a district period, linked to the synthetic
//! dialogues of [`synthetic::dialogue`](super::dialogue). Every text is a made-up label.
//!
//! Every month the top unit (the district committee, through its office and the Fatherland Front)
//! receives 50 to 90 petitions, each grassroots committee under it 5 to 14, each sector cell 0
//! to 2, and each dialogue held opens up to two: a few hundred a month. Most steps are on time
//! (forwarding 94%, resolution 90%, reply 95%, against the default policy's days); the rest are
//! late by up to a few weeks, so a few petitions are overdue and some escalate. Dates after the
//! period's last day are left out, as the office's records stood that day.

use chrono::NaiveDate;

use super::dialogue::{SUBJECTS, day_of, office_units, topic_of};
use super::rng::{Rng, hash_text};
use crate::petition::{Petition, Petitioner, PressingIssue, add_days};
use crate::{Month, Organisation, Period, Quarter, UnitKind};

/// The default policy's days, which the synthetic timings follow (a test checks they agree).
pub(crate) const FORWARD_DAYS: u32 = 5;
pub(crate) const REPLY_DAYS: u32 = 7;
pub(crate) fn resolve_days(topic: &str) -> u32 {
    match topic {
        "land" | "compensation" => 45,
        "procedures" => 15,
        _ => 30,
    }
}

/// Synthetic petitions received in the months of `period` (and those opened at the synthetic
/// dialogues of the same seed), the same for the same inputs. They validate without errors
/// against `org`, the default policy and [`super::dialogue::generate`]'s dialogues.
///
/// ```
/// use soisua::synthetic::{dialogue, petition};
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let month: soisua::Period = "2020-09".parse()?;
/// let petitions = petition::generate(&org, month, 7);
/// assert!((200..=500).contains(&petitions.len()));
/// let dialogues = dialogue::generate(&org, month, 7);
/// let policy = soisua::petition::PetitionPolicy::default_2020()?;
/// assert!(soisua::petition::validate(&org, &petitions, Some(&dialogues), &policy).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(org: &Organisation, period: Period, seed: u64) -> Vec<Petition> {
    let end = period.last_month().last_day();
    let mut out = Vec::new();
    for dialogue in super::dialogue::generate(org, period, seed) {
        let Some(held) = dialogue.held_on else { continue };
        for (id, subject) in dialogue.petitions.iter().zip(&dialogue.issues) {
            let mut rng = Rng::derive(&[seed, hash_text(id)]);
            let petitioner = if rng.chance(0.75) { Petitioner::Citizen } else { Petitioner::MassOrgMember };
            let mut petition = blank(id.clone(), &dialogue.unit, held, petitioner, "dialogue", subject);
            petition.dialogue = Some(dialogue.id.clone());
            handle(&mut rng, &mut petition, end, false);
            out.push(petition);
        }
    }
    let index = org.index();
    for month in period.months() {
        let (roots, under) = office_units(org, month.last_day());
        let units = roots.iter().map(|u| (*u, true)).chain(under.iter().map(|u| (*u, false)));
        for (unit, top) in units {
            let committee = index.unit(unit).is_some_and(|u| u.kind == UnitKind::Committee);
            let mut rng = Rng::derive(&[
                seed,
                0x5041,
                hash_text(unit),
                u64::from(month.month()),
                month.year().unsigned_abs().into(),
            ]);
            let count = match (top, committee) {
                (true, _) => rng.between(50, 90),
                (false, true) => rng.between(5, 14),
                (false, false) => rng.between(0, 2),
            };
            for n in 1..=count {
                out.push(one(&mut rng, unit, month, n, top, end));
            }
        }
    }
    out
}

fn blank(
    id: String,
    unit: &str,
    received_on: NaiveDate,
    petitioner: Petitioner,
    channel: &str,
    subject: &str,
) -> Petition {
    Petition {
        id,
        unit: unit.to_owned(),
        received_on,
        petitioner,
        channel: channel.to_owned(),
        subject: subject.to_owned(),
        topic: topic_of(subject).to_owned(),
        forwarded_to: None,
        forwarded_on: None,
        deadline: None,
        resolved_on: None,
        result: None,
        replied_on: None,
        dialogue: None,
    }
}

fn one(rng: &mut Rng, unit: &str, month: Month, n: u64, top: bool, end: NaiveDate) -> Petition {
    let id = format!("PA-{unit}-{:04}{:02}-{n:03}", month.year(), month.month());
    let received = day_of(month, rng.between(1, 31));
    let petitioner = match rng.below(10) {
        0 => Petitioner::Member,
        1 | 2 => Petitioner::MassOrgMember,
        _ => Petitioner::Citizen,
    };
    let channel = match (top, rng.below(20)) {
        (true, 0..=8) | (false, 0..=6) => "fatherland_front",
        (true, 9..=15) => "committee_office",
        (false, 7..=11) => "mass_organisation",
        (_, 16..=18) | (false, 12..=17) => "direct",
        _ => "other",
    };
    let subject = rng.pick(SUBJECTS).map_or("Đề nghị lắp đặt đèn đường", |(_, text)| text);
    let mut petition = blank(id, unit, received, petitioner, channel, subject);
    handle(rng, &mut petition, end, top);
    petition
}

/// Forwarding, resolution and reply, mostly on time, with the dates after `end` left out.
fn handle(rng: &mut Rng, petition: &mut Petition, end: NaiveDate, top: bool) {
    let late = |rng: &mut Rng, on_time: f64, days: u32, lateness: u64| -> u32 {
        let delay = if rng.chance(on_time) {
            rng.between(0, u64::from(days))
        } else {
            rng.between(u64::from(days) + 1, u64::from(days) + lateness)
        };
        u32::try_from(delay).unwrap_or(days)
    };
    let forwarded = add_days(petition.received_on, late(rng, 0.94, FORWARD_DAYS, 25));
    let resolved = add_days(forwarded, late(rng, 0.9, resolve_days(&petition.topic), 50).max(1));
    let replied = add_days(resolved, late(rng, 0.95, REPLY_DAYS, 20));
    let body = match (top, petition.topic.as_str()) {
        (true, "land" | "compensation" | "environment") => "Phòng Tài nguyên và Môi trường huyện",
        (true, "policies") => "Phòng Lao động - Thương binh và Xã hội huyện",
        (true, _) => "Ủy ban nhân dân huyện",
        (false, _) => "Ủy ban nhân dân xã",
    };
    if forwarded > end {
        return;
    }
    petition.forwarded_to = Some(body.to_owned());
    petition.forwarded_on = Some(forwarded);
    if resolved > end {
        return;
    }
    petition.resolved_on = Some(resolved);
    let result =
        if rng.chance(0.7) { "Đã giải quyết theo đề nghị" } else { "Đã giải thích, hướng dẫn" };
    petition.result = Some(format!("{result} (tổng hợp)"));
    if replied <= end {
        petition.replied_on = Some(replied);
    }
}

/// Synthetic pressing issues for `quarter`: most units directly under the top unit (85%) list one
/// to three, each on a topic of the petitions they received in the quarter and citing up to five
/// of them, with a plan, an owner and a due day at the quarter's end or a month later; about 60%
/// are done by the due day. They validate without errors against `org` and `petitions`.
///
/// ```
/// use soisua::synthetic::petition;
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let quarter: soisua::Quarter = "2020-Q3".parse()?;
/// let petitions = petition::generate(&org, quarter.into(), 7);
/// let issues = petition::pressing_issues(&org, &petitions, quarter, 7);
/// assert!(issues.len() > 30);
/// assert!(soisua::petition::validate_pressing_issues(&org, &issues, Some(&petitions)).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pressing_issues(org: &Organisation, petitions: &[Petition], quarter: Quarter, seed: u64) -> Vec<PressingIssue> {
    let last = quarter.first_month().plus(2).last_day();
    let first = quarter.first_month().first_day();
    let index = org.index();
    let (_, under) = office_units(org, last);
    let mut out = Vec::new();
    for unit in under {
        let mut rng = Rng::derive(&[seed, 0x5049, hash_text(unit), u64::from(quarter.quarter())]);
        if !rng.chance(0.85) {
            continue;
        }
        let name = index.unit(unit).map_or(unit, |u| u.name.as_str());
        let mine: Vec<&Petition> = petitions
            .iter()
            .filter(|p| first <= p.received_on && p.received_on <= last && index.is_within(&p.unit, unit, last))
            .collect();
        let mut topics: Vec<&str> = Vec::new();
        for _ in 0..rng.between(1, 3) {
            let topic = rng.pick(&mine).map_or("other", |p| p.topic.as_str());
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        for topic in topics {
            let cited: Vec<String> = mine.iter().filter(|p| p.topic == topic).take(5).map(|p| p.id.clone()).collect();
            let subject = SUBJECTS.iter().find(|(t, _)| *t == topic).map_or("Vấn đề khác", |(_, text)| text);
            let due_on = if rng.chance(0.5) { last } else { add_days(last, 30) };
            let done_on = rng.chance(0.6).then(|| add_days(first, u32::try_from(rng.between(20, 85)).unwrap_or(60)));
            out.push(PressingIssue {
                unit: unit.to_owned(),
                quarter,
                title: format!("{subject} (tổng hợp)"),
                plan: format!(
                    "Kiểm tra, rà soát và giải quyết dứt điểm trong quý; báo cáo Ban Thường vụ (tổng hợp, {name})"
                ),
                owner: format!("Bí thư {name}"),
                due_on,
                done_on: done_on.filter(|d| *d <= due_on),
                petitions: cited,
            });
        }
    }
    out
}
