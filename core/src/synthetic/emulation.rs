//! Synthetic emulation: a year of units' score sheets under the default scheme, and "good
//! people, good deeds" nominations.

use chrono::{Datelike, Days, NaiveDate};

use super::names;
use super::rng::{Rng, hash_text};
use crate::emulation::{
    CriterionPoints, Decision, EmulationRecords, Nomination, Nominee, Person, Scheme, ScoreSheet, Subject,
};
use crate::{Month, Organisation, Period, UnitKind};

/// Deeds of the synthetic nominations (labels, made up).
const DEEDS: &[&str] = &[
    "trả lại tài sản nhặt được cho người đánh rơi (giả lập)",
    "hiến đất làm đường giao thông nông thôn (giả lập)",
    "cứu người gặp nạn trên sông (giả lập)",
    "giúp đỡ hộ nghèo sửa nhà (giả lập)",
    "vận động bà con xây dựng cầu nông thôn (giả lập)",
    "phát hiện, báo tin cho công an về tội phạm (giả lập)",
];

/// A year of emulation for `org`: one sheet for `year` under the default scheme for every unit
/// below the top that is open in December (each criterion at full marks with probability 0.55,
/// else between half and one point short of it), and nominations — about 2% of the members and
/// one person for about half of the hamlets' cells (`Chi bộ ấp …`), on days spread over the
/// year; decisions: mostly commended (grassroots 70%, district 25%, province 5%) or pending
/// late in the year, some not commended. The same inputs give the same records, and they
/// validate without errors.
///
/// ```
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let records = soisua::synthetic::emulation::generate(&org, 2020, 7);
/// assert!(records.scores.len() > 300 && records.nominations.len() > 100);
/// let scheme = soisua::emulation::Scheme::default_2020()?;
/// assert!(soisua::emulation::validate_scores(Some(&org), &scheme, &records.scores).is_empty());
/// assert!(soisua::emulation::validate_nominations(&org, &scheme, &records.nominations).is_empty());
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn generate(org: &Organisation, year: i32, seed: u64) -> EmulationRecords {
    let Ok(scheme) = Scheme::default_2020() else { return EmulationRecords::default() };
    let mut rng = Rng::derive(&[seed, hash_text("emulation"), u64::try_from(year).unwrap_or(0)]);
    let december = Period::Year(year).last_month();
    let mut records = EmulationRecords::default();
    for unit in org.units.iter().filter(|u| u.parent.is_some() && u.is_open_in(december)) {
        let points = scheme
            .criteria
            .iter()
            .map(|c| {
                let points = if rng.chance(0.55) {
                    c.max_points
                } else {
                    u32::try_from(rng.between(u64::from(c.max_points / 2), u64::from(c.max_points.saturating_sub(1))))
                        .unwrap_or(0)
                };
                CriterionPoints { criterion: c.code.clone(), points }
            })
            .collect();
        records.scores.push(ScoreSheet { subject: Subject::Unit(unit.id.clone()), period: Period::Year(year), points });
    }
    let day = |rng: &mut Rng| -> NaiveDate {
        let month =
            Month::new(year, u32::try_from(1 + rng.below(12)).unwrap_or(1)).map_or(NaiveDate::MIN, Month::first_day);
        month.checked_add_days(Days::new(rng.below(28))).unwrap_or(month)
    };
    let mut nominees = Vec::new();
    for member in &org.members {
        if rng.chance(0.02) {
            let on = day(&mut rng);
            if let Some(unit) = member.unit_in(Month::from_date(on)) {
                nominees.push((Nominee::Member(member.id.clone()), unit.to_owned(), on));
            }
        }
    }
    for unit in org.units.iter().filter(|u| u.kind == UnitKind::Cell && u.name.starts_with("Chi bộ ấp")) {
        if rng.chance(0.5) {
            let person = Person { name: names::person(&mut rng), unit: unit.id.clone() };
            nominees.push((Nominee::Person(person), unit.id.clone(), day(&mut rng)));
        }
    }
    nominees.sort_by_key(|(_, _, on)| *on);
    for (i, (nominee, unit, on)) in nominees.into_iter().enumerate() {
        let late = on.month() >= 11;
        let decided_on = on.checked_add_days(Days::new(10 + rng.below(30)));
        let draw = rng.below(100);
        let decision = match draw {
            _ if late && draw < 60 => Decision::Pending,
            0..20 => Decision::Pending,
            20..35 => Decision::NotCommended { decided_on },
            _ => {
                let level = match rng.below(100) {
                    0..70 => "co-so",
                    70..95 => "huyen",
                    _ => "tinh",
                };
                Decision::Commended { level: level.to_owned(), decided_on }
            }
        };
        records.nominations.push(Nomination {
            id: format!("NTVT-{year}-{:04}", i + 1),
            nominee,
            deed: rng.pick(DEEDS).copied().unwrap_or("việc tốt (giả lập)").to_owned(),
            nominated_on: on,
            nominated_by: unit,
            decision,
        });
    }
    records
}
