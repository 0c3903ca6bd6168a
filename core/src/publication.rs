//! Publication after the cell meeting: the unit's notice board (every member of the unit and the
//! month's verdict per group of content) and the radio list (members of the top committee and
//! secretaries of the units directly under it). How much is shown is policy
//! ([`Publication`](crate::Publication); default: verdicts per group, no item details).
//!
//! ```
//! use soisua::evaluation::{Evaluator, History, Ledger};
//! use soisua::publication::{GroupStatus, notice_board};
//! use soisua::{Catalogue, Policy, Verdict};
//! # let org = soisua::Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
//! #   "units": [{"id": "CB", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}],
//! #   "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
//! #     "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
//! let catalogue = Catalogue::central_2020()?;
//! let policy = Policy::default_2020()?;
//! let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
//! let history = History::from_json(r#"{"reviews": [{"member": "DV1", "unit": "CB",
//!     "month": "2020-07", "catalogue": {"id": "central-2020", "version": "2020.1"},
//!     "status": "draft", "answers": [{"item": "TTCT-3", "cell": "present"}]}]}"#)?;
//! let month = "2020-07".parse()?;
//! let results = evaluator.replay(&mut Ledger::new(), &history, month, month, None)?;
//! let board = notice_board(&evaluator, &results[0], "CB")?;
//! assert_eq!(board.entries[0].verdict, Verdict::Help);
//! assert_eq!(board.entries[0].groups.manifestation, GroupStatus::Found);
//! assert!(board.entries[0].items.is_none()); // the default policy publishes no item details
//! # Ok::<(), soisua::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::evaluation::{Evaluator, MemberResult, MonthResult};
use crate::report::UnitLabel;
use crate::{Error, ItemKind, Month, PublicationDetail, RoleKind, Verdict};

/// A member's standing in one group of content, as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    /// Nothing found in the group.
    Clear,
    /// Something found (a manifestation present, an exemplary duty not yet done well, a prohibition
    /// violated).
    Found,
    /// The month was not evaluated.
    NotEvaluated,
}

impl GroupStatus {
    /// Label in Vietnamese and English (a label, not official wording).
    pub fn label(self, kind: ItemKind) -> crate::Text {
        let (vi, en) = match (self, kind) {
            (GroupStatus::NotEvaluated, _) => ("chưa đánh giá", "not evaluated"),
            (GroupStatus::Clear, ItemKind::Manifestation) => ("không có biểu hiện", "no manifestation"),
            (GroupStatus::Found, ItemKind::Manifestation) => ("có biểu hiện", "manifestation found"),
            (GroupStatus::Clear, ItemKind::Exemplary) => ("tốt", "good"),
            (GroupStatus::Found, ItemKind::Exemplary) => ("chưa tốt", "not yet good"),
            (GroupStatus::Clear, ItemKind::Prohibition) => ("không vi phạm", "no violation"),
            (GroupStatus::Found, ItemKind::Prohibition) => ("có vi phạm", "violation"),
        };
        crate::Text::new(vi, en)
    }
}

/// The status per group of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Groups {
    /// Manifestations of degradation.
    pub manifestation: GroupStatus,
    /// Exemplary conduct.
    pub exemplary: GroupStatus,
    /// Prohibited acts.
    pub prohibition: GroupStatus,
}

/// A published line: a member, the month's verdict, the status per group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The member's id.
    pub member: String,
    /// The member's name, when the organisation has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Why the member is on the radio list (their role), for radio lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RoleKind>,
    /// The unit of the role, for radio lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The status per group.
    pub groups: Groups,
    /// The codes of the items found, only when the policy publishes items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
}

/// A unit's notice board for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeBoard {
    /// The unit.
    pub unit: UnitLabel,
    /// The month.
    pub month: Month,
    /// The detail published.
    pub detail: PublicationDetail,
    /// One entry per member of the unit evaluated that month, in the organisation's order.
    pub entries: Vec<Entry>,
}

/// The radio list for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RadioList {
    /// The top unit (the committee whose members are listed).
    pub top: UnitLabel,
    /// The month.
    pub month: Month,
    /// The detail published.
    pub detail: PublicationDetail,
    /// Members of the top committee, then secretaries of the units directly under it.
    pub entries: Vec<Entry>,
}

/// The notice board of `unit` for the month of `results`: every member whose result was counted
/// at the unit that month. Errors: `unknown_name` for a unit the organisation does not have.
pub fn notice_board(evaluator: &Evaluator<'_>, results: &MonthResult, unit: &str) -> Result<NoticeBoard, Error> {
    let org = evaluator.organisation();
    let label = org.unit(unit).map(crate::report::label).ok_or_else(|| Error::Unknown {
        what: "unit",
        what_vi: "đơn vị",
        name: unit.to_owned(),
    })?;
    let detail = evaluator.policy().publication.detail;
    let entries = results
        .results
        .iter()
        .filter(|r| r.unit.as_deref() == Some(unit))
        .map(|r| entry(evaluator, r, detail, None))
        .collect();
    Ok(NoticeBoard { unit: label, month: results.month, detail, entries })
}

/// The radio list for the month of `results`: the members holding a committee role at the top
/// unit (the unit with no parent on the month's last day; `top` chooses one when there are
/// several), then the secretaries of the units directly under it. A member is listed once per
/// role; a member without a result that month is listed as not evaluated.
pub fn radio_list(evaluator: &Evaluator<'_>, results: &MonthResult, top: Option<&str>) -> Result<RadioList, Error> {
    let org = evaluator.organisation();
    let month = results.month;
    let day = month.last_day();
    let all = &org.organisation().units;
    let top_unit = match top {
        Some(id) => {
            org.unit(id).ok_or_else(|| Error::Unknown { what: "unit", what_vi: "đơn vị", name: id.to_owned() })?
        }
        None => {
            all.iter().find(|u| u.parent_on(day).is_none() && u.is_open_on(day)).ok_or_else(|| Error::Argument {
                name: "top",
                detail: format!("no unit is at the top of the organisation in {month}"),
                detail_vi: format!("không có đơn vị cấp cao nhất trong tháng {month}"),
            })?
        }
    };
    let detail = evaluator.policy().publication.detail;
    let under: Vec<&str> =
        all.iter().filter(|u| u.parent_on(day) == Some(top_unit.id.as_str())).map(|u| u.id.as_str()).collect();
    let committee_roles =
        [RoleKind::Secretary, RoleKind::DeputySecretary, RoleKind::StandingCommitteeMember, RoleKind::CommitteeMember];
    let mut entries = Vec::new();
    let by_member = |id: &str| results.results.iter().find(|r| r.member == id);
    for pass in 0..2 {
        for member in &org.organisation().members {
            for role in member.roles_in(month) {
                let listed = if pass == 0 {
                    role.unit == top_unit.id && committee_roles.contains(&role.kind)
                } else {
                    role.kind == RoleKind::Secretary && under.contains(&role.unit.as_str())
                };
                if !listed {
                    continue;
                }
                let mut line = match by_member(&member.id) {
                    Some(result) => entry(evaluator, result, detail, Some(role.kind)),
                    None => Entry {
                        member: member.id.clone(),
                        name: None,
                        role: Some(role.kind),
                        unit: None,
                        verdict: Verdict::NotEvaluated,
                        groups: Groups {
                            manifestation: GroupStatus::NotEvaluated,
                            exemplary: GroupStatus::NotEvaluated,
                            prohibition: GroupStatus::NotEvaluated,
                        },
                        items: None,
                    },
                };
                line.name.clone_from(&member.name);
                line.unit = Some(role.unit.clone());
                entries.push(line);
            }
        }
    }
    Ok(RadioList { top: crate::report::label(top_unit), month, detail, entries })
}

fn entry(evaluator: &Evaluator<'_>, result: &MemberResult, detail: PublicationDetail, role: Option<RoleKind>) -> Entry {
    let status = |kind: ItemKind| {
        if result.verdict == Verdict::NotEvaluated {
            GroupStatus::NotEvaluated
        } else if result.found.iter().any(|i| evaluator.item_kind(i) == Some(kind)) {
            GroupStatus::Found
        } else {
            GroupStatus::Clear
        }
    };
    let name = evaluator.organisation().member(&result.member).and_then(|m| m.name.clone());
    Entry {
        member: result.member.clone(),
        name,
        role,
        unit: None,
        verdict: result.verdict,
        groups: Groups {
            manifestation: status(ItemKind::Manifestation),
            exemplary: status(ItemKind::Exemplary),
            prohibition: status(ItemKind::Prohibition),
        },
        items: (detail == PublicationDetail::Items).then(|| result.found.clone()),
    }
}
