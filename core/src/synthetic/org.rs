//! The synthetic organisation: the article's district, eleven of them in a province, or enough
//! provinces for a nation.
//!
//! A district (ids without prefix at district scale):
//!
//! - `HU`: the district committee, kind `committee`, type `agency` (the district committee's own
//!   apparatus is an agency; reports on the district as a whole use the units under it);
//! - `DB-01` … `DB-22`: 22 grassroots committees under it: `DB-01` … `DB-18` communes and `DB-19`
//!   the town (type `commune`), `DB-20` the district's military command (`army`), `DB-21` its
//!   police (`police`), `DB-22` its health centre (`public_service`);
//! - `CB-01` … `CB-38`: 38 sector cells directly under `HU` (24 agencies, 8 public-service units,
//!   2 state and 2 non-state enterprises, 2 cooperatives);
//! - `DB-01-CB-01` …: 280 cells under the grassroots committees (12 to 14 per commune, 12, 11 and
//!   11 under the army, police and health centre), each of the committee's type;
//! - about 6,300 members (`DV000001` …) in cells of 8 to 40, about 3% probationary, admitted
//!   before 2020; a handful transferred between cells during 2020;
//! - roles from the 2015 congresses: a secretary and a deputy in every cell; a head of agency in
//!   every agency and public-service sector cell; 5 to 9 committee members in every grassroots
//!   committee, among them its secretary and one or two deputies; 33 to 37 members of the district
//!   committee (the 22 grassroots secretaries and members of the agency cells), 11 of them
//!   standing, among whom the secretary and two deputies.
//!
//! A province (`TU`) has eleven districts with ids prefixed `H01-` …; the nation (`TW`) has 77
//! provinces with ids prefixed `T01-H01-` …. Every unit has always existed (no opening or closing
//! dates), so that the data is valid for any month.

use std::ops::Range;

use chrono::{Days, NaiveDate};

use super::Scale;
use super::names::{self, AGENCIES, ENTERPRISES, PUBLIC_SERVICES};
use super::rng::Rng;
use crate::Text;
use crate::org::{Member, MemberStatus, Membership, Organisation, Role, RoleKind, Unit, UnitKind};

/// Districts in a province, provinces in the nation.
const DISTRICTS_PER_PROVINCE: usize = 11;
const PROVINCES: usize = 77;

/// Cells under the army, police and public-service grassroots committees.
const OTHER_COMMITTEES: [(&str, &str, usize); 3] = [
    ("army", "Đảng bộ Quân sự huyện", 12),
    ("police", "Đảng bộ Công an huyện", 11),
    ("public_service", "Đảng bộ Trung tâm Y tế huyện", 11),
];

/// Cells of a commune other than its hamlets'.
const COMMUNE_CELLS: &[&str] = &[
    "Chi bộ cơ quan Đảng - Mặt trận - Đoàn thể",
    "Chi bộ cơ quan Chính quyền",
    "Chi bộ Quân sự",
    "Chi bộ Công an",
    "Chi bộ Trường Tiểu học",
    "Chi bộ Trường THCS",
    "Chi bộ Trạm Y tế",
];

/// `DV` and the number padded with zeros to `width` digits (`format!` is slow for millions).
fn member_id(number: usize, width: usize) -> String {
    let (mut divisor, mut len) = (1, 1);
    while divisor <= number / 10 {
        divisor *= 10;
        len += 1;
    }
    let mut id = String::with_capacity(2 + width.max(len));
    id.push_str("DV");
    for _ in len..width {
        id.push('0');
    }
    while divisor > 0 {
        let digit = u32::try_from(number / divisor % 10).unwrap_or(0);
        id.push(char::from_digit(digit, 10).unwrap_or('0'));
        divisor /= 10;
    }
    id
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// The first day of the 2015–2020 term of the units' committees.
fn term_start() -> NaiveDate {
    day(2015, 10, 1)
}

/// A committee's roles to hand out: how many members, how many of them standing, how many deputies.
struct Committee<'a> {
    unit: &'a str,
    /// Members who sit on the committee by position (e.g. the grassroots secretaries).
    ex_officio: &'a [usize],
    /// Full members among whom the others are drawn; the secretary, deputies and standing members
    /// come from here.
    pool: &'a [usize],
    size: usize,
    standing: usize,
    deputies: usize,
}

struct Builder {
    rng: Rng,
    width: usize,
    units: Vec<Unit>,
    members: Vec<Member>,
}

/// A cell of a district: its id, its type, whether it is a sector cell directly under the
/// district committee, and the positions of its first members.
struct CellPlan {
    id: String,
    org_type: &'static str,
    sector: bool,
    members: Range<usize>,
}

impl CellPlan {
    fn new(id: String, org_type: &'static str, sector: bool) -> Self {
        CellPlan { id, org_type, sector, members: 0..0 }
    }
}

/// A grassroots committee and the positions of its cells in the district's list.
struct CommitteePlan {
    id: String,
    cells: Range<usize>,
}

/// What a district or province hands up to the level above.
struct Level {
    secretary: Option<usize>,
    /// Full members of the agency cells: where the level above draws its committee from.
    agency_members: Vec<usize>,
}

pub(super) fn organisation(scale: Scale, seed: u64) -> Organisation {
    // Room for every district's units and members up front: at nation scale, growing the
    // vectors would copy gigabytes.
    let districts = match scale {
        Scale::District => 1,
        Scale::Province => DISTRICTS_PER_PROVINCE,
        Scale::Nation => DISTRICTS_PER_PROVINCE * PROVINCES,
    };
    let mut b = Builder {
        rng: Rng::derive(&[seed, 0x6f72_6761_6e69_7361]),
        width: if scale == Scale::Nation { 7 } else { 6 },
        units: Vec::with_capacity(districts * 342 + districts / 10 + 1),
        members: Vec::with_capacity(districts * 6_350),
    };
    let (id, name) = match scale {
        Scale::District => {
            b.district("", None, "Mẫu");
            ("synthetic-district", Text::new("Đảng bộ huyện Mẫu (giả lập)", "Mẫu district party committee (synthetic)"))
        }
        Scale::Province => {
            b.province("", None, "Mẫu");
            ("synthetic-province", Text::new("Đảng bộ tỉnh Mẫu (giả lập)", "Mẫu province party committee (synthetic)"))
        }
        Scale::Nation => {
            b.nation();
            ("synthetic-nation", Text::new("Toàn Đảng (giả lập)", "The whole Party (synthetic)"))
        }
    };
    Organisation { id: id.to_owned(), name, org_types: None, units: b.units, members: b.members }
}

#[cfg(test)]
#[test]
fn member_ids_are_padded() {
    assert_eq!(member_id(1, 6), "DV000001");
    assert_eq!(member_id(1_234_567, 6), "DV1234567");
    assert_eq!(member_id(100, 7), "DV0000100");
    assert_eq!(member_id(0, 2), "DV00");
}

impl Builder {
    fn unit(&mut self, id: &str, name: String, kind: UnitKind, org_type: &str, parent: Option<&str>) {
        self.units.push(Unit {
            id: id.to_owned(),
            name,
            kind,
            org_type: org_type.to_owned(),
            parent: parent.map(str::to_owned),
            moves: Vec::new(),
            opened: None,
            closed: None,
        });
    }

    fn nation(&mut self) {
        let top = "TW";
        self.unit(top, "Ban Chấp hành Trung ương".to_owned(), UnitKind::Committee, "agency", None);
        let places = names::places(&mut self.rng, PROVINCES);
        let mut secretaries = Vec::new();
        let mut pool = Vec::new();
        for (t, place) in places.iter().enumerate() {
            let province = self.province(&format!("T{:02}-", t + 1), Some(top), place);
            secretaries.extend(province.secretary);
            // A sample of each province's agency members is enough to draw from.
            pool.extend(province.agency_members.iter().take(50));
        }
        let size = 180 + self.rng.index(21);
        self.committee_roles(&Committee {
            unit: top,
            ex_officio: &secretaries,
            pool: &pool,
            size,
            standing: 18,
            deputies: 0,
        });
    }

    fn province(&mut self, prefix: &str, parent: Option<&str>, place: &str) -> Level {
        let top = format!("{prefix}TU");
        self.unit(&top, format!("Đảng bộ tỉnh {place}"), UnitKind::Committee, "agency", parent);
        let places = names::places(&mut self.rng, DISTRICTS_PER_PROVINCE);
        let mut secretaries = Vec::new();
        let mut pool = Vec::new();
        for (h, district_place) in places.iter().enumerate() {
            let district = self.district(&format!("{prefix}H{:02}-", h + 1), Some(&top), district_place);
            secretaries.extend(district.secretary);
            pool.extend(district.agency_members);
        }
        let size = 50 + self.rng.index(11);
        let secretary = self.committee_roles(&Committee {
            unit: &top,
            ex_officio: &secretaries,
            pool: &pool,
            size,
            standing: 15,
            deputies: 3,
        });
        Level { secretary, agency_members: pool }
    }

    /// One district; returns its secretary and its agency members.
    fn district(&mut self, prefix: &str, parent: Option<&str>, place: &str) -> Level {
        let top = format!("{prefix}HU");
        self.unit(&top, format!("Đảng bộ huyện {place}"), UnitKind::Committee, "agency", parent);
        let first_member = self.members.len();
        let (committees, mut cells) = self.district_units(prefix, &top, place);
        let target = 6_250 + self.rng.index(100);
        let sizes = self.cell_sizes(cells.len(), target);
        for (cell, size) in cells.iter_mut().zip(sizes) {
            let start = self.members.len();
            for _ in 0..size {
                self.member(&cell.id);
            }
            cell.members = start..self.members.len();
        }
        let agency_members = self.cell_roles(&cells);
        let mut secretaries = Vec::with_capacity(committees.len());
        for committee in &committees {
            let members: Vec<usize> =
                cells.get(committee.cells.clone()).unwrap_or_default().iter().flat_map(|c| c.members.clone()).collect();
            let pool = self.full_members(&members);
            let size = 5 + self.rng.index(5);
            let deputies = 1 + self.rng.index(2);
            secretaries.extend(self.committee_roles(&Committee {
                unit: &committee.id,
                ex_officio: &[],
                pool: &pool,
                size,
                standing: 0,
                deputies,
            }));
        }
        let size = 33 + self.rng.index(5);
        let secretary = self.committee_roles(&Committee {
            unit: &top,
            ex_officio: &secretaries,
            pool: &agency_members,
            size,
            standing: 11,
            deputies: 2,
        });
        let cell_ids: Vec<&str> = cells.iter().map(|c| c.id.as_str()).collect();
        self.transfers(first_member, &cell_ids);
        Level { secretary, agency_members }
    }

    /// The district's grassroots committees and cells (grassroots cells first, then the sector
    /// cells), not yet populated.
    fn district_units(&mut self, prefix: &str, top: &str, place: &str) -> (Vec<CommitteePlan>, Vec<CellPlan>) {
        let communes = names::places(&mut self.rng, 18);
        let mut committees = Vec::with_capacity(22);
        let mut cells = Vec::with_capacity(318);
        for k in 0..22 {
            let id = format!("{prefix}DB-{:02}", k + 1);
            let (org_type, name, count) = match k {
                0..18 => {
                    let commune = communes.get(k).map_or("Mẫu", String::as_str);
                    ("commune", format!("Đảng bộ xã {commune}"), 12 + k % 3)
                }
                18 => ("commune", format!("Đảng bộ thị trấn {place}"), 12),
                _ => {
                    let (org_type, name, count) = OTHER_COMMITTEES.get(k - 19).copied().unwrap_or((
                        "public_service",
                        "Đảng bộ Trung tâm Y tế huyện",
                        11,
                    ));
                    (org_type, name.to_owned(), count)
                }
            };
            self.unit(&id, name, UnitKind::Committee, org_type, Some(top));
            let first = cells.len();
            for (c, cell_name) in self.cell_names(org_type, count).into_iter().enumerate() {
                let cell = format!("{id}-CB-{:02}", c + 1);
                self.unit(&cell, cell_name, UnitKind::Cell, org_type, Some(&id));
                cells.push(CellPlan::new(cell, org_type, false));
            }
            committees.push(CommitteePlan { id, cells: first..cells.len() });
        }
        let sector = AGENCIES
            .iter()
            .map(|n| (*n, "agency"))
            .chain(PUBLIC_SERVICES.iter().map(|n| (*n, "public_service")))
            .chain(ENTERPRISES.iter().copied());
        for (s, (name, org_type)) in sector.enumerate() {
            let id = format!("{prefix}CB-{:02}", s + 1);
            self.unit(&id, format!("Chi bộ {name}"), UnitKind::Cell, org_type, Some(top));
            cells.push(CellPlan::new(id, org_type, true));
        }
        (committees, cells)
    }

    fn full_members(&self, list: &[usize]) -> Vec<usize> {
        list.iter().copied().filter(|&m| self.members.get(m).is_some_and(|m| m.status == MemberStatus::Full)).collect()
    }

    /// A secretary and a deputy in every cell, a head of agency in the agency and public-service
    /// sector cells; returns the full members of the agency cells.
    fn cell_roles(&mut self, cells: &[CellPlan]) -> Vec<usize> {
        let mut agency_members = Vec::new();
        for cell in cells {
            let members: Vec<usize> = cell.members.clone().collect();
            let pool = self.full_members(&members);
            let leaders = self.sample(&pool, &[], 2);
            if let [secretary, deputy] = leaders.as_slice() {
                self.role(*secretary, RoleKind::Secretary, &cell.id);
                self.role(*deputy, RoleKind::DeputySecretary, &cell.id);
            }
            if cell.sector && matches!(cell.org_type, "agency" | "public_service") {
                for head in self.sample(&pool, &[], 1) {
                    self.role(head, RoleKind::HeadOfAgency, &cell.id);
                }
                if cell.org_type == "agency" {
                    agency_members.extend(pool);
                }
            }
        }
        agency_members
    }

    fn cell_names(&mut self, org_type: &str, count: usize) -> Vec<String> {
        match org_type {
            "commune" => {
                let hamlets = count.saturating_sub(COMMUNE_CELLS.len());
                let mut list: Vec<String> =
                    names::places(&mut self.rng, hamlets).into_iter().map(|p| format!("Chi bộ ấp {p}")).collect();
                list.extend(COMMUNE_CELLS.iter().take(count.saturating_sub(list.len())).map(|n| (*n).to_owned()));
                list
            }
            "army" => (1..=count)
                .map(|n| match n {
                    1 => "Chi bộ Cơ quan Ban Chỉ huy Quân sự".to_owned(),
                    _ => format!("Chi bộ Đại đội {}", n - 1),
                })
                .collect(),
            "police" => (1..=count).map(|n| format!("Chi bộ Đội {n}")).collect(),
            _ => (1..=count).map(|n| format!("Chi bộ Khoa {n}")).collect(),
        }
    }

    /// `count` cell sizes between 8 and 40 that add up to `target` (when it is reachable).
    fn cell_sizes(&mut self, count: usize, target: usize) -> Vec<usize> {
        const MIN: usize = 8;
        const MAX: usize = 40;
        let extras: Vec<usize> = (0..count).map(|_| self.rng.index(MAX - MIN + 1)).collect();
        let wanted = target.saturating_sub(MIN * count);
        let total: usize = extras.iter().sum::<usize>().max(1);
        let mut sizes: Vec<usize> = extras.iter().map(|e| MIN + e * wanted / total).collect();
        let mut sum: usize = sizes.iter().sum();
        let mut guard = 0;
        while sum < target && guard < count * (MAX - MIN) {
            if let Some(size) = sizes.get_mut(guard % count.max(1)) {
                if *size < MAX {
                    *size += 1;
                    sum += 1;
                }
            }
            guard += 1;
        }
        sizes
    }

    fn member(&mut self, cell: &str) {
        let id = member_id(self.members.len() + 1, self.width);
        let name = names::person(&mut self.rng);
        let probationary = self.rng.chance(0.03);
        let from = if probationary {
            plus_days(day(2019, 10, 1), self.rng.below(92))
        } else {
            // Admission years lean to recent ones: the younger of two uniform draws.
            let back = self.rng.below(45).min(self.rng.below(45));
            let year = 2019 - i32::try_from(back).unwrap_or(0);
            plus_days(day(year, 1, 1), self.rng.below(if year == 2019 { 180 } else { 365 }))
        };
        self.members.push(Member {
            id,
            name: Some(name),
            status: if probationary { MemberStatus::Probationary } else { MemberStatus::Full },
            memberships: vec![Membership { unit: cell.to_owned(), from, until: None }],
            roles: Vec::new(),
        });
    }

    fn role(&mut self, member: usize, kind: RoleKind, unit: &str) {
        if let Some(m) = self.members.get_mut(member) {
            let joined = m.memberships.first().map_or(term_start(), |s| s.from);
            m.roles.push(Role { kind, unit: unit.to_owned(), from: term_start().max(joined), until: None });
        }
    }

    /// Up to `count` distinct members of `pool` not in `exclude`, in the order drawn.
    fn sample(&mut self, pool: &[usize], exclude: &[usize], count: usize) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        let mut attempts = 0;
        while chosen.len() < count && attempts < 20 * count + 20 {
            attempts += 1;
            if let Some(&m) = self.rng.pick(pool) {
                if !chosen.contains(&m) && !exclude.contains(&m) {
                    chosen.push(m);
                }
            }
        }
        chosen
    }

    /// Hands out a committee's roles; returns its secretary.
    fn committee_roles(&mut self, c: &Committee<'_>) -> Option<usize> {
        let ex_officio: Vec<usize> = c.ex_officio.iter().copied().take(c.size).collect();
        let drawn = self.sample(c.pool, &ex_officio, c.size - ex_officio.len());
        for &m in ex_officio.iter().chain(&drawn) {
            self.role(m, RoleKind::CommitteeMember, c.unit);
        }
        for &m in drawn.iter().take(c.standing) {
            self.role(m, RoleKind::StandingCommitteeMember, c.unit);
        }
        let secretary = drawn.first().copied();
        if let Some(s) = secretary {
            self.role(s, RoleKind::Secretary, c.unit);
        }
        for &m in drawn.iter().skip(1).take(c.deputies) {
            self.role(m, RoleKind::DeputySecretary, c.unit);
        }
        secretary
    }

    /// A handful of members without roles move to another cell of the district during 2020:
    /// one membership ends, the next starts the following day.
    fn transfers(&mut self, first_member: usize, cells: &[&str]) {
        let count = 4 + self.rng.index(5);
        let last_member = self.members.len();
        for _ in 0..count {
            let m = first_member + self.rng.index(last_member - first_member);
            let target = self.rng.pick(cells).copied().unwrap_or_default().to_owned();
            let on = plus_days(day(2020, 2, 1), self.rng.below(300));
            let Some(member) = self.members.get_mut(m) else {
                continue;
            };
            let movable = member.roles.is_empty()
                && member.memberships.len() == 1
                && member.memberships.first().is_some_and(|s| s.unit != target && s.from < on);
            if !movable {
                continue;
            }
            if let Some(current) = member.memberships.first_mut() {
                current.until = Some(on);
            }
            member.memberships.push(Membership { unit: target, from: plus_days(on, 1), until: None });
        }
    }
}
