//! Reports: what a unit's months of evaluation add up to, per unit and period, rolled up the tree
//! as it stood each month and broken down by type of organisation.
//!
//! A [`Report`] is a *mergeable partial aggregate*. It states what it covers (units × months, the
//! catalogue and policy versions), and two reports whose coverages are disjoint merge exactly:
//! counts of member-months add up, and counts of *distinct* members are unions of member sets
//! (kept in the report's [`Detail`]), never sums. Merging is associative and commutative; merging
//! reports that overlap is an error (`report_overlap`), not a double count. So an offline unit can
//! compute its report, [`lift`](Report::lift) it into a row of its parent, and send only that.
//!
//! A report of a quarter merged from its three monthly reports equals the quarter built at once.
//! [`Report::seal`] drops the member-level detail (what a report reveals beyond its numbers); a
//! sealed report can be read and exported but no longer merged.
//!
//! ```
//! use soisua::evaluation::{Evaluator, History, Ledger};
//! use soisua::report::Report;
//! use soisua::synthetic::{self, Rates, Scale};
//! use soisua::{Catalogue, Month, Policy};
//! let central = Catalogue::central_2020()?;
//! let local = synthetic::local_catalogue(&central);
//! let district = synthetic::organisation(Scale::District, 7);
//! // One grassroots committee and its cells, as it would work offline.
//! let top = &district.units[0].id;
//! let grassroots = district.units.iter().find(|u| u.parent.as_ref() == Some(top) && u.kind == soisua::UnitKind::Committee).unwrap();
//! let org = district.subtree(&grassroots.id)?;
//! let policy = Policy::default_2020()?;
//! let evaluator = Evaluator::new(&local, &policy, &org)?;
//! let (jul, aug): (Month, Month) = ("2020-07".parse()?, "2020-08".parse()?);
//! let mut history = History::default();
//! for m in [jul, aug] {
//!     history.reviews.extend(synthetic::reviews(&org, &local, m, 7, Rates::default()).reviews);
//! }
//! let mut ledger = Ledger::new();
//! let months = evaluator.replay(&mut ledger, &history, jul, aug, None)?;
//! // The two months at once, and each month on its own then merged: the same report.
//! let both = Report::build(&evaluator, &months, &ledger, &history, None)?;
//! let july = Report::build(&evaluator, &months[..1], &ledger, &history, None)?;
//! let august = Report::build(&evaluator, &months[1..], &ledger, &history, None)?;
//! assert_eq!(july.merge(&august)?, both);
//! // Distinct members are not sums of monthly counts.
//! let evaluated = both.total.distinct.evaluated;
//! assert!(evaluated <= both.total.member_months.evaluated);
//! // Merging a report with itself would count it twice: refused.
//! assert_eq!(july.merge(&july).unwrap_err().code(), "report_overlap");
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{Error, Month, UnitKind};

mod build;
pub(crate) use build::{label, place_on};
mod export;
mod figures;
mod office;
mod rollup;
mod template;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use export::{CSV_HEADER, to_csv, to_html, to_markdown};
pub use figures::{Comparison, Delta, Figures, compare};
pub use office::{OfficeFigures, Source};
pub use rollup::{Rollup, RollupRow, Tally, add_counts};
pub use template::{
    Cell, Column, Document, Override, RenderOptions, Section, SectionKind, Table, TableRow, TemplateRow, Templates,
    check_scopes, render, render_office,
};
#[cfg(feature = "xlsx")]
pub use xlsx::to_xlsx;

macro_rules! measures {
    ($($(#[$doc:meta])* $name:ident / $variant:ident: $vi:literal, $en:literal;)*) => {
        /// What a report counts about members, both as member-months and as distinct members.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum Measure {
            $($(#[$doc])* $variant,)*
        }

        impl Measure {
            /// Every measure, in report order.
            pub const ALL: &'static [Measure] = &[$(Measure::$variant,)*];

            /// The snake_case name.
            pub fn as_str(self) -> &'static str {
                match self { $(Measure::$variant => stringify!($name),)* }
            }

            /// Label in Vietnamese and English (a label, not official wording).
            pub fn label(self) -> crate::Text {
                match self { $(Measure::$variant => crate::Text::new($vi, $en),)* }
            }
        }

        /// A count per measure.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Counts {
            $($(#[$doc])* pub $name: u64,)*
        }

        impl Counts {
            /// The count of a measure.
            pub fn get(&self, measure: Measure) -> u64 {
                match measure { $(Measure::$variant => self.$name,)* }
            }

            fn slot(&mut self, measure: Measure) -> &mut u64 {
                match measure { $(Measure::$variant => &mut self.$name,)* }
            }

            fn add(&mut self, other: &Counts) {
                $(self.$name += other.$name;)*
            }
        }

        /// The members counted per measure (what makes distinct counts mergeable).
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Members {
            $($(#[$doc])* #[serde(default, skip_serializing_if = "BTreeSet::is_empty")] pub $name: BTreeSet<String>,)*
        }

        impl Members {
            /// The members of a measure.
            pub fn get(&self, measure: Measure) -> &BTreeSet<String> {
                match measure { $(Measure::$variant => &self.$name,)* }
            }

            fn slot(&mut self, measure: Measure) -> &mut BTreeSet<String> {
                match measure { $(Measure::$variant => &mut self.$name,)* }
            }
        }
    };
}

measures! {
    /// Evaluated (a verdict of commend, help or inspect).
    evaluated / Evaluated: "Được đánh giá", "Evaluated";
    /// Not evaluated (no conclusion, incomplete, another catalogue, duplicate review).
    not_evaluated / NotEvaluated: "Chưa đánh giá", "Not evaluated";
    /// Commended.
    commend / Commend: "Biểu dương", "Commended";
    /// Helped (a remedy case opened or continuing).
    help / Help: "Giúp đỡ", "Helped";
    /// Sent to inspection.
    inspect / Inspect: "Kiểm tra", "Inspected";
    /// At least one manifestation of degradation found.
    manifestation / Manifestation: "Có biểu hiện suy thoái", "With a manifestation of degradation";
    /// At least one exemplary duty not yet done well.
    exemplary / Exemplary: "Chưa tốt về nêu gương", "With an exemplary duty not yet done well";
    /// At least one prohibition violated.
    prohibition / Prohibition: "Vi phạm điều không được làm", "With a prohibition violated";
    /// The self-assessment and the cell's conclusion differ on at least one item.
    disagreement / Disagreement: "Tự đánh giá khác kết luận của chi bộ", "Self-assessment differs from the cell";
}

/// A report: the aggregate of a unit's (or the whole organisation's) member-months over the months
/// it covers, with a row per unit directly under it and a breakdown by type of organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The unit reported on (absent: the whole organisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<UnitLabel>,
    /// What the report covers.
    pub coverage: Coverage,
    /// The whole scope.
    pub total: Block,
    /// By type of organisation (of the unit each member-month was counted in).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_org_type: BTreeMap<String, Block>,
    /// One row per unit directly under the scope (as the tree stood each month), by unit id; members
    /// attached to the scope itself are a row under the scope's own id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rows: BTreeMap<String, Row>,
    /// Whether the member-level detail was dropped ([`Report::seal`]): a sealed report cannot merge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sealed: bool,
}

/// A unit as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitLabel {
    /// The unit's id.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// Committee, cell or group.
    pub kind: UnitKind,
    /// Its type of organisation.
    pub org_type: String,
}

/// A row of a report: a unit directly under the scope, and its block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The unit.
    pub label: UnitLabel,
    /// Its figures.
    pub block: Block,
}

/// What a report covers: the units whose members' months it counts, month by month, and the
/// catalogue and policy versions they were evaluated under.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Unit id → the months counted for it, in order.
    pub units: BTreeMap<String, BTreeSet<Month>>,
    /// Catalogues (`id@version`).
    pub catalogues: BTreeSet<String>,
    /// Policies (`id@version`).
    pub policies: BTreeSet<String>,
}

impl Coverage {
    /// The first and last months covered, if any.
    pub fn span(&self) -> Option<(Month, Month)> {
        let first = self.units.values().filter_map(|m| m.first()).min()?;
        let last = self.units.values().filter_map(|m| m.last()).max()?;
        Some((*first, *last))
    }

    /// How many unit-months are covered.
    pub fn unit_months(&self) -> usize {
        self.units.values().map(BTreeSet::len).sum()
    }

    /// The unit-months covered by both, in order.
    pub fn overlap(&self, other: &Coverage) -> Vec<(String, Month)> {
        let mut both = Vec::new();
        for (unit, months) in &self.units {
            if let Some(theirs) = other.units.get(unit) {
                both.extend(months.intersection(theirs).map(|m| (unit.clone(), *m)));
            }
        }
        both
    }
}

/// The figures of a scope, a row or a type of organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// The last month with a member-month counted here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_month: Option<Month>,
    /// Member-months per measure.
    pub member_months: Counts,
    /// Distinct members per measure (over the months covered; never a sum of monthly counts).
    pub distinct: Counts,
    /// Member-months with a shortcoming found, per item.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, u64>,
    /// Member-months where the self-assessment differs from the cell, per item.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub disagreement_items: BTreeMap<String, u64>,
    /// Remedy cases.
    pub cases: CaseCounts,
    /// Inspection outcomes recorded, per decision.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outcomes: BTreeMap<String, u64>,
    /// Discipline decided, per form.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub forms: BTreeMap<String, u64>,
    /// Supervision per body.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub supervision: BTreeMap<String, SupervisionCounts>,
    /// The member-level detail that makes merging exact (absent once sealed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
}

/// Remedy cases in a block: what happened in the months covered, and what stands at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseCounts {
    /// Cases opened.
    pub opened: u64,
    /// Cases remedied in time.
    pub remedied: u64,
    /// Cases escalated to inspection.
    pub escalated: u64,
    /// Inspections concluded (an outcome recorded).
    pub closed: u64,
    /// Cases still being remedied at the end (members still here in the last month).
    pub open_at_end: u64,
    /// Cases escalated and awaiting an inspection outcome at the end.
    pub pending_at_end: u64,
}

/// Supervision by one body in a block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionCounts {
    /// Distinct members supervised (visited or found against).
    pub members: u64,
    /// Shortcomings found.
    pub findings: u64,
}

/// Member-level detail of a block: the members behind each distinct count, each member's cases
/// standing at their last month here, and the members each body supervised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Detail {
    /// The members per measure.
    pub members: Members,
    /// Member → their cases standing at the last month they were counted here (only members with
    /// at least one open or pending case).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub standing: BTreeMap<String, Standing>,
    /// Body → the members it supervised.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub supervised: BTreeMap<String, BTreeSet<String>>,
}

/// A member's cases standing at the end of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standing {
    /// The month.
    pub month: Month,
    /// Cases being remedied.
    pub open: u64,
    /// Cases awaiting an inspection outcome.
    pub pending: u64,
}

impl Block {
    /// Adds `other` into this block (both with detail), then settles the derived counts.
    fn absorb(&mut self, other: &Block) {
        self.last_month = self.last_month.max(other.last_month);
        self.member_months.add(&other.member_months);
        add_map(&mut self.items, &other.items);
        add_map(&mut self.disagreement_items, &other.disagreement_items);
        self.cases.opened += other.cases.opened;
        self.cases.remedied += other.cases.remedied;
        self.cases.escalated += other.cases.escalated;
        self.cases.closed += other.cases.closed;
        add_map(&mut self.outcomes, &other.outcomes);
        add_map(&mut self.forms, &other.forms);
        for (body, theirs) in &other.supervision {
            self.supervision.entry(body.clone()).or_default().findings += theirs.findings;
        }
        if let (Some(mine), Some(theirs)) = (self.detail.as_mut(), other.detail.as_ref()) {
            for &measure in Measure::ALL {
                mine.members.slot(measure).extend(theirs.members.get(measure).iter().cloned());
            }
            for (member, standing) in &theirs.standing {
                let slot = mine.standing.entry(member.clone()).or_insert(*standing);
                *slot = (*slot).max(*standing);
            }
            for (body, members) in &theirs.supervised {
                mine.supervised.entry(body.clone()).or_default().extend(members.iter().cloned());
            }
        }
        self.settle();
    }

    /// Recomputes the counts derived from the detail: distinct members, cases standing at the end,
    /// members supervised.
    fn settle(&mut self) {
        let Some(detail) = &self.detail else { return };
        for &measure in Measure::ALL {
            *self.distinct.slot(measure) = len64(detail.members.get(measure).len());
        }
        let at_end = detail.standing.values().filter(|s| Some(s.month) == self.last_month);
        let (open, pending) = at_end.fold((0, 0), |(o, p), s| (o + s.open, p + s.pending));
        self.cases.open_at_end = open;
        self.cases.pending_at_end = pending;
        for (body, members) in &detail.supervised {
            self.supervision.entry(body.clone()).or_default().members = len64(members.len());
        }
    }

    /// The number of a figure of this block (see [`Figures`] for the names), if it has one.
    pub fn figure(&self, name: &str) -> Option<u64> {
        figures::lookup(self, name)
    }
}

impl Report {
    /// Merges two reports of the same scope that cover disjoint unit-months.
    ///
    /// Errors: `report_overlap` when a unit-month is covered by both (it would be counted twice),
    /// `report_scope_mismatch` when the scopes differ ([`lift`](Report::lift) a unit's report into a
    /// row of its parent first), `report_sealed` when either has no member-level detail.
    pub fn merge(&self, other: &Report) -> Result<Report, Error> {
        if self.sealed || other.sealed {
            return Err(Error::Report {
                code: "report_sealed",
                detail: "a sealed report has no member-level detail and cannot be merged exactly".into(),
                detail_vi: "báo cáo đã niêm phong không còn chi tiết theo đảng viên nên không gộp chính xác được"
                    .into(),
            });
        }
        let (mine, theirs) = (self.scope.as_ref().map(|s| &s.unit), other.scope.as_ref().map(|s| &s.unit));
        if mine != theirs {
            return Err(scope_mismatch(mine, theirs));
        }
        let overlap = self.coverage.overlap(&other.coverage);
        if let Some((unit, month)) = overlap.first() {
            return Err(overlapping(
                overlap.len(),
                unit,
                &month.to_string(),
                ("unit-month(s)", "đơn vị-tháng", "tháng"),
            ));
        }
        let mut merged = self.clone();
        for (unit, months) in &other.coverage.units {
            merged.coverage.units.entry(unit.clone()).or_default().extend(months.iter().copied());
        }
        merged.coverage.catalogues.extend(other.coverage.catalogues.iter().cloned());
        merged.coverage.policies.extend(other.coverage.policies.iter().cloned());
        merged.total.absorb(&other.total);
        for (org_type, block) in &other.by_org_type {
            merged.by_org_type.entry(org_type.clone()).or_insert_with(Block::empty).absorb(block);
        }
        for (unit, row) in &other.rows {
            match merged.rows.get_mut(unit) {
                Some(mine) => {
                    mine.label = mine.label.clone().min(row.label.clone());
                    mine.block.absorb(&row.block);
                }
                None => {
                    merged.rows.insert(unit.clone(), row.clone());
                }
            }
        }
        if let (Some(a), Some(b)) = (&mut merged.scope, &other.scope) {
            *a = a.clone().min(b.clone());
        }
        Ok(merged)
    }

    /// Merges any number of reports (in any order: the result is the same).
    pub fn merge_all<'r>(reports: impl IntoIterator<Item = &'r Report>) -> Result<Option<Report>, Error> {
        let mut merged: Option<Report> = None;
        for report in reports {
            merged = Some(match merged {
                None => report.clone(),
                Some(m) => m.merge(report)?,
            });
        }
        Ok(merged)
    }

    /// This unit's report as its parent sees it: the parent's scope, this report's total as the
    /// parent's row for this unit. Merging the lifted reports of a parent's units gives the
    /// parent's report.
    pub fn lift(&self, parent: UnitLabel) -> Result<Report, Error> {
        let Some(scope) = &self.scope else {
            return Err(Error::Argument {
                name: "report",
                detail: "a report of the whole organisation has no parent to lift into".into(),
                detail_vi: "báo cáo của toàn tổ chức không có đơn vị cấp trên để đưa vào".into(),
            });
        };
        let mut rows = BTreeMap::new();
        rows.insert(scope.unit.clone(), Row { label: scope.clone(), block: self.total.clone() });
        Ok(Report {
            scope: Some(parent),
            coverage: self.coverage.clone(),
            total: self.total.clone(),
            by_org_type: self.by_org_type.clone(),
            rows,
            sealed: self.sealed,
        })
    }

    /// The report without its member-level detail: the numbers stay, the member ids go. A sealed
    /// report can be exported and compared but not merged.
    #[must_use]
    pub fn seal(&self) -> Report {
        let mut sealed = self.clone();
        sealed.sealed = true;
        sealed.total.detail = None;
        for block in sealed.by_org_type.values_mut() {
            block.detail = None;
        }
        for row in sealed.rows.values_mut() {
            row.block.detail = None;
        }
        sealed
    }

    /// The first and last months covered, if any.
    pub fn span(&self) -> Option<(Month, Month)> {
        self.coverage.span()
    }

    /// Reads a report from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<Report, Error> {
        crate::json::parse("report", text)
    }

    /// Reads a report from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<Report, Error> {
        crate::json::from_value("report", value)
    }

    /// The report as JSON text (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Block {
    /// An empty block that keeps member-level detail.
    pub fn empty() -> Block {
        Block { detail: Some(Detail::default()), ..Block::default() }
    }
}

fn add_map(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (key, n) in from {
        *into.entry(key.clone()).or_default() += n;
    }
}

fn len64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// `report_scope_mismatch`: two reports (or roll-ups) of different scopes.
pub(crate) fn scope_mismatch(mine: Option<&String>, theirs: Option<&String>) -> Error {
    let show = |s: Option<&String>| s.map_or_else(|| "(toàn tổ chức / whole organisation)".to_owned(), Clone::clone);
    Error::Report {
        code: "report_scope_mismatch",
        detail: format!(
            "reports of {} and {} cannot merge: lift a unit's report into its parent first",
            show(mine),
            show(theirs)
        ),
        detail_vi: format!(
            "không gộp được báo cáo của {} và {}: hãy đưa báo cáo của đơn vị vào đơn vị cấp trên trước",
            show(mine),
            show(theirs)
        ),
    }
}

/// `report_overlap`: `count` unit-periods counted by both, the first `unit` in `period`; `nouns` names
/// them in English, in Vietnamese, and the Vietnamese word before a period.
pub(crate) fn overlapping(count: usize, unit: &str, period: &str, nouns: (&str, &str, &str)) -> Error {
    let (en, vi, before) = nouns;
    Error::Report {
        code: "report_overlap",
        detail: format!(
            "the reports overlap on {count} {en}, the first {unit} in {period}: merging would count them twice"
        ),
        detail_vi: format!("hai báo cáo trùng {count} {vi}, đầu tiên là {unit} {before} {period}: gộp sẽ đếm hai lần"),
    }
}
