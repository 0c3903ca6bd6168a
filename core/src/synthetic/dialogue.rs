//! Synthetic dialogues and household visits for a district period, linked to the synthetic
//! petitions of [`synthetic::petition`](super::petition). Every text is a made-up label.
//!
//! Each unit directly under the top unit (the article's communes and sector cells) plans a
//! dialogue in most months (90%) and a household visit in many (60%); the top unit plans one of
//! each every month. Most are held (92%), within the month, two to five members taking part;
//! a held dialogue raises up to four issues and opens a petition for up to two of them, with the
//! ids `PA-<dialogue id>-<n>`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::rng::{Rng, hash_text};
use crate::dialogue::{Dialogue, DialogueKind};
use crate::{Month, Organisation, Period};

/// Issues raised at dialogues and the subjects of synthetic petitions: (topic, text). Made up.
pub(crate) const SUBJECTS: &[(&str, &str)] = &[
    ("land", "Tranh chấp ranh đất giữa các hộ"),
    ("land", "Chậm cấp giấy chứng nhận quyền sử dụng đất"),
    ("compensation", "Bồi thường giải phóng mặt bằng chưa thỏa đáng"),
    ("policies", "Chậm chi trả trợ cấp cho hộ nghèo"),
    ("policies", "Bình xét hộ cận nghèo chưa đúng"),
    ("infrastructure", "Đường liên ấp xuống cấp"),
    ("infrastructure", "Cầu dân sinh hư hỏng"),
    ("environment", "Ô nhiễm từ cơ sở chăn nuôi"),
    ("environment", "Rác thải chưa được thu gom"),
    ("public_order", "Tụ tập gây mất trật tự ban đêm"),
    ("officials", "Cán bộ tiếp dân chưa đúng mực"),
    ("procedures", "Thủ tục chứng thực kéo dài"),
    ("other", "Đề nghị lắp đặt đèn đường"),
];

/// The topic of a synthetic subject text (`other` for a text not in [`SUBJECTS`]).
pub(crate) fn topic_of(text: &str) -> &'static str {
    SUBJECTS.iter().find(|(_, t)| *t == text).map_or("other", |(topic, _)| topic)
}

/// The units directly under a top unit on `day`, and the top units themselves.
pub(crate) fn office_units(org: &Organisation, day: NaiveDate) -> (Vec<&str>, Vec<&str>) {
    let index = org.index();
    let roots: Vec<&str> =
        org.units.iter().filter(|u| u.is_open_on(day) && u.parent_on(day).is_none()).map(|u| u.id.as_str()).collect();
    let under =
        roots.iter().flat_map(|r| index.children_on(r, day).map(|u| u.id.as_str()).collect::<Vec<_>>()).collect();
    (roots, under)
}

/// A day of `month`, clamped into it.
pub(crate) fn day_of(month: Month, day: u64) -> NaiveDate {
    let last = u64::from(month.last_day().day());
    let day = u32::try_from(day.clamp(1, last)).unwrap_or(1);
    NaiveDate::from_ymd_opt(month.year(), month.month(), day).unwrap_or_else(|| month.first_day())
}

/// Synthetic dialogues and household visits planned for the months of `period`, the same for the
/// same inputs. They validate without errors against `org`.
///
/// ```
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let dialogues = soisua::synthetic::dialogue::generate(&org, "2020-09".parse()?, 7);
/// assert!((60..=140).contains(&dialogues.len()));
/// assert!(soisua::dialogue::validate(&org, &dialogues, None).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(org: &Organisation, period: Period, seed: u64) -> Vec<Dialogue> {
    let mut out = Vec::new();
    for month in period.months() {
        let (roots, under) = office_units(org, month.last_day());
        let index = org.index();
        let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for member in &org.members {
            let Some(unit) = member.unit_in(month) else { continue };
            let Some(top) = under.iter().find(|u| index.is_within(unit, u, month.last_day())) else { continue };
            members.entry(top).or_default().push(member.id.as_str());
        }
        let everyone: Vec<&str> = org.members.iter().filter(|m| m.is_member_in(month)).map(|m| m.id.as_str()).collect();
        for unit in roots.iter().map(|u| (*u, true)).chain(under.iter().map(|u| (*u, false))) {
            let (unit, top) = unit;
            let pool = if top { everyone.as_slice() } else { members.get(unit).map_or(&[][..], Vec::as_slice) };
            let mut rng =
                Rng::derive(&[seed, u64::from(month.month()), hash_text(unit), month.year().unsigned_abs().into()]);
            let plans = [
                (DialogueKind::Dialogue, top || rng.chance(0.9)),
                (DialogueKind::HouseholdVisit, top || rng.chance(0.6)),
            ];
            for (n, (kind, planned)) in plans.into_iter().enumerate() {
                if planned {
                    out.push(one(&mut rng, unit, month, kind, n + 1, pool));
                }
            }
        }
    }
    out
}

fn one(rng: &mut Rng, unit: &str, month: Month, kind: DialogueKind, n: usize, pool: &[&str]) -> Dialogue {
    let id = format!("DT-{unit}-{:04}{:02}-{n}", month.year(), month.month());
    let planned_on = day_of(month, rng.between(3, 26));
    let held = rng.chance(0.92);
    let mut dialogue = Dialogue {
        id,
        unit: unit.to_owned(),
        month,
        kind,
        planned_on,
        held_on: None,
        members: Vec::new(),
        met: String::new(),
        met_count: 0,
        issues: Vec::new(),
        petitions: Vec::new(),
    };
    if !held || pool.is_empty() {
        return dialogue;
    }
    let shift = rng.between(0, 6);
    dialogue.held_on = Some(day_of(month, u64::from(planned_on.day()) + shift).max(planned_on));
    let mut chosen: Vec<String> = Vec::new();
    for _ in 0..rng.between(2, 5) {
        if let Some(member) = rng.pick(pool) {
            if !chosen.iter().any(|c| c == member) {
                chosen.push((*member).to_owned());
            }
        }
    }
    dialogue.members = chosen;
    let hamlet = rng.between(1, 9);
    (dialogue.met, dialogue.met_count) = match kind {
        DialogueKind::Dialogue => {
            (format!("Nhân dân, đoàn viên, hội viên ấp {hamlet} (tổng hợp)"), rng.between(30, 120))
        }
        DialogueKind::HouseholdVisit => (format!("Hộ dân ấp {hamlet} (tổng hợp)"), rng.between(5, 25)),
    };
    for _ in 0..rng.between(0, 4) {
        if let Some((_, text)) = rng.pick(SUBJECTS) {
            if !dialogue.issues.iter().any(|i| i == text) {
                dialogue.issues.push((*text).to_owned());
            }
        }
    }
    let opened = usize::try_from(rng.between(0, 2)).unwrap_or(0).min(dialogue.issues.len());
    dialogue.petitions = (1..=opened).map(|k| format!("PA-{}-{k}", dialogue.id)).collect();
    dialogue
}
