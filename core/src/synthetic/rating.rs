//! Synthetic rating inputs: the points and attested conditions people give each member for a
//! quarter or a year. Most members score 70–95 with the conditions of their level attested; a few
//! score lower or leave a condition unattested. Deterministic from the seed.

use super::rng::{Rng, hash_text};
use crate::rating::RatingInput;
use crate::{Organisation, Period};

/// Share of members whose top-level conditions are not attested.
const UNATTESTED: f64 = 0.15;
/// Share of members scored below 70.
const LOW: f64 = 0.05;

/// One input per member who belongs to a unit in the period's last month.
///
/// ```
/// use soisua::synthetic::{self, Scale};
/// let org = synthetic::organisation(Scale::District, 1);
/// let inputs = synthetic::rating::inputs(&org, "2020-Q3".parse()?, 7);
/// assert!(inputs.len() > 6_000);
/// let scheme = soisua::rating::RatingScheme::embedded_on(chrono::NaiveDate::from_ymd_opt(2020, 9, 30).unwrap())?;
/// let (ratings, issues) = soisua::rating::rate_all(&scheme, &inputs, &Default::default());
/// assert!(issues.is_empty() && ratings.len() == inputs.len());
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn inputs(org: &Organisation, period: Period, seed: u64) -> Vec<RatingInput> {
    let last = period.last_month();
    let mut rng = Rng::derive(&[seed, hash_text(&period.to_string()), 0x7261_7469_6e67]);
    let mut out = Vec::new();
    for member in org.members.iter().filter(|m| m.unit_in(last).is_some()) {
        let low = rng.chance(LOW);
        let common = if low { rng.between(12, 24) } else { rng.between(22, 30) };
        let tasks = if low { rng.between(25, 45) } else { rng.between(50, 70) };
        let mut input =
            RatingInput::new(&member.id, period, [("common", as_points(common)), ("tasks", as_points(tasks))]);
        let attested = !rng.chance(UNATTESTED);
        input.conditions.insert("all_tasks_on_time".into(), attested);
        input.conditions.insert("tasks_exceeded_30".into(), attested && rng.chance(0.5));
        input.conditions.insert("at_most_20_late".into(), true);
        out.push(input);
    }
    out
}

fn as_points(value: u64) -> f64 {
    f64::from(u32::try_from(value).unwrap_or(0))
}
