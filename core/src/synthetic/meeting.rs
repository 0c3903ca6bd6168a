//! Synthetic cell meetings: for every cell open in each month of a period, most hold a good or
//! fair regular meeting, a few an average or poor one, a few none; about one cell in twenty also
//! holds a thematic meeting, and a few good meetings are model meetings. Deterministic from the
//! seed; contents and conclusions are labels, never real minutes.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::rng::{Rng, hash_text};
use crate::meeting::{CriterionRule, Excused, Meeting, MeetingKind, MeetingRater, MeetingScheme};
use crate::{Month, Organisation, Period, UnitKind};

/// Share of cell-months without a regular meeting.
const NOT_HELD: f64 = 0.03;
/// Share of cell-months with a thematic meeting as well.
const THEMATIC: f64 = 0.05;
/// Share of good regular meetings that are model meetings.
const MODEL: f64 = 0.02;

const REASONS: &[&str] = &["Ốm", "Đi công tác", "Việc gia đình", "Đi làm ăn xa"];

/// The quality a synthetic meeting is made to have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    Good,
    Fair,
    Average,
    Poor,
}

/// Synthetic meetings of every cell of `org` over `period`, rated under the default scheme
/// (their judged scores name its criteria). The same inputs give the same meetings; they
/// validate without errors.
///
/// ```
/// use soisua::meeting::{MeetingRater, MeetingScheme};
/// use soisua::synthetic::{self, Scale};
/// let org = synthetic::organisation(Scale::District, 1);
/// let month: soisua::Month = "2020-09".parse()?;
/// let meetings = synthetic::meeting::generate(&org, month.into(), 7);
/// assert!((300..=400).contains(&meetings.len()));
/// let scheme = MeetingScheme::default_2018()?;
/// assert!(!soisua::has_errors(&MeetingRater::new(&scheme, &org)?.validate(&meetings)));
/// assert_eq!(meetings, synthetic::meeting::generate(&org, month.into(), 7));
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn generate(org: &Organisation, period: Period, seed: u64) -> Vec<Meeting> {
    let Ok(scheme) = MeetingScheme::default_2018() else { return Vec::new() };
    let Ok(rater) = MeetingRater::new(&scheme, org) else { return Vec::new() };
    let judged: Vec<(&str, u32)> = scheme
        .criteria
        .iter()
        .filter(|c| c.rule == CriterionRule::Judged)
        .map(|c| (c.code.as_str(), c.max_points))
        .collect();
    let mut out = Vec::new();
    for month in period.months() {
        for cell in org.units.iter().filter(|u| u.kind == UnitKind::Cell && u.is_open_in(month)) {
            let index = u64::try_from(month.index()).unwrap_or(0);
            let mut rng = Rng::derive(&[seed, 0x5348_4342, index, hash_text(&cell.id)]);
            let maker = Maker { rater: &rater, judged: &judged, unit: &cell.id, month };
            if !rng.chance(NOT_HELD) {
                let profile = match rng.below(100) {
                    0..62 => Profile::Good,
                    62..88 => Profile::Fair,
                    88..96 => Profile::Average,
                    _ => Profile::Poor,
                };
                let day = day_in(month, rng.between(3, 12));
                if cell.is_open_on(day) {
                    out.extend(maker.meeting(&mut rng, day, MeetingKind::Regular, profile));
                }
            }
            if rng.chance(THEMATIC) {
                let day = day_in(month, rng.between(15, 28));
                if cell.is_open_on(day) {
                    out.extend(maker.meeting(&mut rng, day, MeetingKind::Thematic, Profile::Good));
                }
            }
        }
    }
    out
}

fn day_in(month: Month, day: u64) -> NaiveDate {
    let day = u32::try_from(day).unwrap_or(1);
    NaiveDate::from_ymd_opt(month.year(), month.month(), day).unwrap_or_else(|| month.first_day())
}

struct Maker<'a> {
    rater: &'a MeetingRater<'a>,
    judged: &'a [(&'a str, u32)],
    unit: &'a str,
    month: Month,
}

impl Maker<'_> {
    fn meeting(&self, rng: &mut Rng, day: NaiveDate, kind: MeetingKind, profile: Profile) -> Option<Meeting> {
        let roster: Vec<&str> = self.rater.members_on(self.unit, day).into_iter().collect();
        let n = roster.len();
        if n == 0 {
            return None;
        }
        let model = kind == MeetingKind::Regular && profile == Profile::Good && rng.chance(MODEL);
        // Absences that keep attendance above 85%, all excused; a model meeting has none.
        let most = (n * 15).saturating_sub(1) / 100;
        let mut absent = if model { 0 } else { usize::try_from(rng.between(0, most as u64)).unwrap_or(0) };
        let fails_attendance = matches!(profile, Profile::Average | Profile::Poor) && n >= 2;
        if fails_attendance {
            absent = absent.max(1);
        }
        let mut order: Vec<&str> = roster.clone();
        rng.shuffle(&mut order);
        let (away, _) = order.split_at(absent.min(n));
        let present: Vec<String> = roster.iter().filter(|m| !away.contains(m)).map(|m| (*m).to_owned()).collect();
        let excused: Vec<Excused> = away
            .iter()
            .enumerate()
            // Average and poor meetings leave the first absence without a reason.
            .filter(|(i, _)| !(fails_attendance && *i == 0))
            .map(|(_, m)| Excused {
                member: (*m).to_owned(), reason: (*rng.pick(REASONS).unwrap_or(&"Ốm")).to_owned()
            })
            .collect();
        let fair_slip = if profile == Profile::Fair { rng.below(4) } else { 4 };
        let short_meeting = fair_slip == 0 || profile == Profile::Poor;
        let duration = if short_meeting { rng.between(45, 85) } else { rng.between(90, 150) };
        let few_speak = fair_slip == 1;
        let minutes_complete = fair_slip != 2 && profile != Profile::Poor;
        let share = if few_speak { rng.between(5, 25) } else { rng.between(35, 80) };
        let speakers_n = (present.len() as u64 * share).div_ceil(100);
        let speakers_n = usize::try_from(speakers_n).unwrap_or(0).min(present.len());
        let speakers: Vec<String> = if few_speak && present.len() > 1 {
            present.iter().take(speakers_n.min(present.len() * 29 / 100)).cloned().collect()
        } else {
            present.iter().take(speakers_n.max(1)).cloned().collect()
        };
        let deduction = match profile {
            Profile::Good => rng.between(0, 6),
            Profile::Fair if fair_slip == 3 => rng.between(12, 24),
            Profile::Fair => rng.between(0, 8),
            Profile::Average => rng.between(12, 28),
            Profile::Poor => rng.between(15, 35),
        };
        let scores = self.scores(rng, deduction);
        let (suffix, contents) = match kind {
            MeetingKind::Regular => (
                "TK",
                vec![
                    format!("Đánh giá kết quả thực hiện nhiệm vụ tháng {} (nội dung tổng hợp)", self.month),
                    "Kiểm điểm việc tự soi, tự sửa của đảng viên trong tháng (nội dung tổng hợp)".to_owned(),
                    "Triển khai nhiệm vụ tháng tới (nội dung tổng hợp)".to_owned(),
                ],
            ),
            MeetingKind::Thematic => ("CD", vec!["Sinh hoạt chuyên đề (nội dung tổng hợp)".to_owned()]),
        };
        Some(Meeting {
            id: format!("{}-{}-{suffix}", self.unit, self.month),
            unit: self.unit.to_owned(),
            date: day,
            kind,
            duration_minutes: u32::try_from(duration).unwrap_or(90),
            present,
            excused,
            exempt: Vec::new(),
            speakers,
            minutes_complete,
            contents,
            conclusions: vec!["Chi bộ thống nhất các nội dung đã thảo luận (nội dung tổng hợp)".to_owned()],
            model,
            scores,
        })
    }

    /// Full marks on every judged criterion, less `deduction` points taken one by one at random.
    fn scores(&self, rng: &mut Rng, deduction: u64) -> BTreeMap<String, u32> {
        let mut scores: BTreeMap<String, u32> = self.judged.iter().map(|(c, max)| ((*c).to_owned(), *max)).collect();
        for _ in 0..deduction {
            let open: Vec<String> = scores.iter().filter(|(_, p)| **p > 0).map(|(c, _)| c.clone()).collect();
            let Some(code) = rng.pick(&open) else { break };
            if let Some(points) = scores.get_mut(code) {
                *points -= 1;
            }
        }
        scores
    }
}
