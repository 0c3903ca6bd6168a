//! The organisation: a tree of party units of any depth (committees, cells, groups) whose units
//! open, move and close on given dates, and the members who belong to them over time.
//!
//! The article's district → grassroots committee → cell is one historical shape; since
//! 1/7/2025 there is no district level. Nothing here assumes a depth.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// An organisation: its types of organisation, units and members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Identifier of the organisation as a whole (`giong-rieng`).
    pub id: String,
    /// Its name.
    pub name: Text,
    /// The types of party organisation units may have. When absent, the default list
    /// ([`OrgType::defaults`]) applies; when present it replaces the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_types: Option<Vec<OrgType>>,
    /// The units.
    pub units: Vec<Unit>,
    /// The members.
    pub members: Vec<Member>,
}

/// A type of party organisation (commune, agency, enterprise, …): reports are broken down by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgType {
    /// Code (`commune`, `agency`, …).
    pub code: String,
    /// Label in Vietnamese and English.
    pub label: Text,
}

impl OrgType {
    /// The default list: commune or ward, agency, public-service unit, state enterprise,
    /// non-state enterprise, cooperative, army, police.
    ///
    /// ```
    /// let types = soisua::OrgType::defaults();
    /// assert_eq!(types.len(), 8);
    /// assert_eq!(types[0].code, "commune");
    /// ```
    pub fn defaults() -> Vec<OrgType> {
        [
            ("commune", "Xã, phường, thị trấn", "Commune, ward or town"),
            ("agency", "Cơ quan", "Agency"),
            ("public_service", "Đơn vị sự nghiệp", "Public-service unit"),
            ("state_enterprise", "Doanh nghiệp nhà nước", "State enterprise"),
            ("non_state_enterprise", "Doanh nghiệp ngoài khu vực nhà nước", "Non-state enterprise"),
            ("cooperative", "Hợp tác xã", "Cooperative"),
            ("army", "Quân đội", "Army"),
            ("police", "Công an", "Police"),
        ]
        .into_iter()
        .map(|(code, vi, en)| OrgType { code: code.to_owned(), label: Text::new(vi, en) })
        .collect()
    }
}

/// The kind of a party unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Đảng bộ / đảng ủy: a party committee (grassroots, commune, district, province…).
    Committee,
    /// Chi bộ: a party cell.
    Cell,
    /// Tổ đảng: a party group inside a large cell.
    Group,
}

impl UnitKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Committee => "committee",
            UnitKind::Cell => "cell",
            UnitKind::Group => "group",
        }
    }
}

/// A party unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Identifier, unique among units.
    pub id: String,
    /// Name (Vietnamese, as the unit calls itself).
    pub name: String,
    /// Committee, cell or group.
    pub kind: UnitKind,
    /// Type of organisation (a code from the organisation's list).
    pub org_type: String,
    /// The unit it is directly under from its opening, if any (none for the top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Later changes of parent: from `on`, the unit is under `parent`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
    /// The day it opened, if known (unknown: it has always existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub opened: Option<NaiveDate>,
    /// The last day it was open, if it has closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub closed: Option<NaiveDate>,
}

/// A unit's move under another parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The first day under the new parent.
    #[schemars(with = "String")]
    pub on: NaiveDate,
    /// The new parent.
    pub parent: String,
}

impl Unit {
    /// The parent on a given day (after any moves up to that day).
    pub fn parent_on(&self, day: NaiveDate) -> Option<&str> {
        let moved = self.moves.iter().filter(|m| m.on <= day).max_by_key(|m| m.on);
        moved.map(|m| m.parent.as_str()).or(self.parent.as_deref())
    }

    /// Whether the unit is open on a day.
    pub fn is_open_on(&self, day: NaiveDate) -> bool {
        self.opened.is_none_or(|o| o <= day) && self.closed.is_none_or(|c| day <= c)
    }
}

/// A member's standing in the party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Đảng viên chính thức.
    Full,
    /// Đảng viên dự bị.
    Probationary,
}

/// A party member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Identifier, unique among members (a party card number or a system id).
    pub id: String,
    /// Full name. Optional: a file may carry ids only, to reveal less.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Full or probationary.
    pub status: MemberStatus,
    /// The units the member belongs to over time (a transfer ends one and starts another).
    pub memberships: Vec<Membership>,
    /// Roles held over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

/// A member's belonging to a unit (the unit where they attend meetings) over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The unit (a cell or a group).
    pub unit: String,
    /// First day.
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// Last day, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub until: Option<NaiveDate>,
}

impl Membership {
    /// Whether the membership covers a day.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|u| day <= u)
    }

    /// Whether the membership covers at least one day between `first` and `last` (inclusive).
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.from <= last && self.until.is_none_or(|u| first <= u)
    }
}

/// The kind of a role a member holds at a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// Cấp ủy viên: member of the unit's committee.
    CommitteeMember,
    /// Ủy viên ban thường vụ: member of the unit's standing committee.
    StandingCommitteeMember,
    /// Bí thư: secretary of the unit.
    Secretary,
    /// Phó bí thư: deputy secretary of the unit.
    DeputySecretary,
    /// Người đứng đầu cơ quan, đơn vị: head of the agency or unit the party unit belongs to.
    HeadOfAgency,
}

impl RoleKind {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::CommitteeMember => "committee_member",
            RoleKind::StandingCommitteeMember => "standing_committee_member",
            RoleKind::Secretary => "secretary",
            RoleKind::DeputySecretary => "deputy_secretary",
            RoleKind::HeadOfAgency => "head_of_agency",
        }
    }
}

/// A role held by a member at a unit over a span of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The kind of role.
    pub kind: RoleKind,
    /// The unit the role is held at.
    pub unit: String,
    /// First day.
    #[schemars(with = "String")]
    pub from: NaiveDate,
    /// Last day, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub until: Option<NaiveDate>,
}

impl Role {
    /// Whether the role covers at least one day between `first` and `last` (inclusive).
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.from <= last && self.until.is_none_or(|u| first <= u)
    }
}

mod query;
mod validate;

pub use query::OrgIndex;

impl Organisation {
    /// Reads an organisation from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<Organisation, crate::Error> {
        crate::json::parse("organisation", text)
    }

    /// Reads an organisation from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<Organisation, crate::Error> {
        crate::json::from_value("organisation", value)
    }

    /// The organisation as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
