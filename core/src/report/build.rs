//! Building a report from months of evaluation results.

use std::collections::{BTreeSet, HashMap};

use super::{Block, Detail, Measure, Report, Row, Standing, UnitLabel};
use crate::case::Case;
use crate::evaluation::{Evaluator, History, Ledger, MemberResult, MonthResult, SupervisingBody};
use crate::org::{OrgIndex, Unit};
use crate::{Error, ItemKind, Month, Verdict};

/// Where a member-month is counted: the row (unit directly under the scope) and the type of
/// organisation of the member's unit; `None` when the unit is outside the scope that month.
type Placement = Option<(String, String)>;

impl Report {
    /// The report of `scope` (a unit and the units under it, as the tree stood each month; absent:
    /// the whole organisation) over the given months of results, with the cases of `ledger` (the
    /// ledger after the last of those months, or later) and the supervision of `history`.
    ///
    /// Results of members outside the scope are left out (the coverage says what is counted).
    /// Errors: `unknown_name` for a scope the organisation does not have; `invalid_argument` for a
    /// result without a unit (results from [`Evaluator::replay`] always have one).
    pub fn build(
        evaluator: &Evaluator<'_>,
        months: &[MonthResult],
        ledger: &Ledger,
        history: &History,
        scope: Option<&str>,
    ) -> Result<Report, Error> {
        let org = evaluator.organisation();
        let scope_label = match scope {
            Some(id) => Some(org.unit(id).map(label).ok_or_else(|| Error::Unknown {
                what: "unit",
                what_vi: "đơn vị",
                name: id.to_owned(),
            })?),
            None => None,
        };
        let supervision = Supervision::index(evaluator, history);
        let mut report = Report {
            scope: scope_label,
            coverage: super::Coverage::default(),
            total: Block::empty(),
            by_org_type: std::collections::BTreeMap::new(),
            rows: std::collections::BTreeMap::new(),
            sealed: false,
        };
        report.coverage.catalogues.insert(evaluator.catalogue().to_string());
        report.coverage.policies.insert(evaluator.policy().reference());
        for month_result in months {
            let month = month_result.month;
            let mut placements: HashMap<&str, Placement> = HashMap::new();
            for result in &month_result.results {
                let Some(unit) = result.unit.as_deref() else {
                    return Err(Error::Argument {
                        name: "months",
                        detail: format!("the result of {} in {month} has no unit to count it under", result.member),
                        detail_vi: format!("kết quả của {} tháng {month} không có đơn vị để tính vào", result.member),
                    });
                };
                let placement = placements.entry(unit).or_insert_with(|| place(org, unit, scope, month));
                let Some((row, org_type)) = placement.clone() else { continue };
                let contribution = Contribution::of(evaluator, result, ledger.cases_of(&result.member), &supervision);
                report.coverage.units.entry(unit.to_owned()).or_default().insert(month);
                contribution.add_to(&mut report.total);
                contribution.add_to(report.by_org_type.entry(org_type).or_insert_with(Block::empty));
                let row_label = org.unit(&row).map(label);
                let entry = report.rows.entry(row.clone());
                let slot = entry.or_insert_with(|| Row {
                    label: row_label.unwrap_or(UnitLabel {
                        unit: row,
                        name: String::new(),
                        kind: crate::UnitKind::Cell,
                        org_type: String::new(),
                    }),
                    block: Block::empty(),
                });
                contribution.add_to(&mut slot.block);
            }
        }
        report.total.settle();
        for block in report.by_org_type.values_mut() {
            block.settle();
        }
        for row in report.rows.values_mut() {
            row.block.settle();
        }
        Ok(report)
    }
}

/// A unit as reports name it.
pub(crate) fn label(unit: &Unit) -> UnitLabel {
    UnitLabel { unit: unit.id.clone(), name: unit.name.clone(), kind: unit.kind, org_type: unit.org_type.clone() }
}

/// The row and type of organisation a unit's member-months count under in `month`, as the tree
/// stood on the month's last day.
fn place(org: &OrgIndex<'_>, unit: &str, scope: Option<&str>, month: Month) -> Placement {
    place_on(org, unit, scope, month.last_day())
}

/// [`place`] on a given day (the last day of a quarter, a year or a term).
pub(crate) fn place_on(org: &OrgIndex<'_>, unit: &str, scope: Option<&str>, day: chrono::NaiveDate) -> Placement {
    let org_type = org.unit(unit)?.org_type.clone();
    let mut chain: Vec<&str> = vec![unit];
    let limit = org.organisation().units.len() + 1;
    let mut current = unit;
    while let Some(parent) = org.unit(current).and_then(|u| u.parent_on(day)) {
        if chain.len() > limit {
            return None;
        }
        chain.push(parent);
        current = parent;
    }
    let row = match scope {
        None => chain.last().copied()?,
        Some(scope) => {
            let at = chain.iter().position(|u| *u == scope)?;
            match at.checked_sub(1) {
                None => scope,
                Some(below) => chain.get(below).copied()?,
            }
        }
    };
    Some((row.to_owned(), org_type))
}

/// Supervision of the history by member and month: findings per body, and the bodies that visited.
struct Supervision<'h> {
    findings: HashMap<(&'h str, Month), Vec<SupervisingBody>>,
    visits: HashMap<(&'h str, Month), Vec<SupervisingBody>>,
}

impl<'h> Supervision<'h> {
    fn index(evaluator: &Evaluator<'_>, history: &'h History) -> Self {
        let mut findings: HashMap<(&str, Month), Vec<SupervisingBody>> = HashMap::new();
        for found in &history.supervision {
            let counts =
                evaluator.item_kind(&found.item).is_some_and(|k| found.finding.is_adverse() && found.finding.fits(k));
            if counts {
                findings.entry((found.member.as_str(), found.month)).or_default().push(found.body);
            }
        }
        let mut visits: HashMap<(&str, Month), Vec<SupervisingBody>> = HashMap::new();
        for visit in &history.visits {
            for member in &visit.members {
                visits.entry((member.as_str(), visit.month)).or_default().push(visit.body);
            }
        }
        Supervision { findings, visits }
    }
}

/// What one member-month adds to a block.
struct Contribution<'r> {
    member: &'r str,
    month: Month,
    measures: Vec<Measure>,
    found: &'r [String],
    disagreements: Vec<&'r str>,
    opened: u64,
    remedied: u64,
    escalated: u64,
    outcomes: Vec<(&'static str, Option<&'static str>)>,
    standing: Option<Standing>,
    findings: Vec<SupervisingBody>,
    supervised: BTreeSet<SupervisingBody>,
}

impl<'r> Contribution<'r> {
    fn of(
        evaluator: &Evaluator<'_>,
        result: &'r MemberResult,
        cases: &'r [Case],
        supervision: &Supervision<'_>,
    ) -> Self {
        let month = result.month;
        let mut measures = Vec::with_capacity(4);
        match result.verdict {
            Verdict::NotEvaluated => measures.push(Measure::NotEvaluated),
            Verdict::Commend => measures.extend([Measure::Evaluated, Measure::Commend]),
            Verdict::Help => measures.extend([Measure::Evaluated, Measure::Help]),
            Verdict::Inspect => measures.extend([Measure::Evaluated, Measure::Inspect]),
        }
        for (kind, measure) in [
            (ItemKind::Manifestation, Measure::Manifestation),
            (ItemKind::Exemplary, Measure::Exemplary),
            (ItemKind::Prohibition, Measure::Prohibition),
        ] {
            if result.found.iter().any(|item| evaluator.item_kind(item) == Some(kind)) {
                measures.push(measure);
            }
        }
        if !result.disagreements.is_empty() {
            measures.push(Measure::Disagreement);
        }
        let (mut opened, mut remedied, mut escalated) = (0, 0, 0);
        let (mut open, mut pending) = (0, 0);
        let mut outcomes = Vec::new();
        for case in cases {
            opened += u64::from(case.opened == month);
            remedied += u64::from(case.remedied == Some(month));
            escalated += u64::from(case.escalated.is_some_and(|e| e.month == month));
            if let Some(outcome) = case.outcome.as_ref().filter(|o| o.month == month) {
                outcomes.push((outcome.decision.as_str(), outcome.form.map(crate::DisciplineForm::as_str)));
            }
            let remedied_by = case.remedied.is_some_and(|r| r <= month);
            let escalated_by = case.escalated.is_some_and(|e| e.month <= month);
            let closed_by = case.outcome.as_ref().is_some_and(|o| o.month <= month);
            open += u64::from(case.opened <= month && !remedied_by && !escalated_by);
            pending += u64::from(escalated_by && !closed_by);
        }
        let key = (result.member.as_str(), month);
        let findings = supervision.findings.get(&key).cloned().unwrap_or_default();
        let mut supervised: BTreeSet<SupervisingBody> = findings.iter().copied().collect();
        supervised.extend(supervision.visits.get(&key).into_iter().flatten().copied());
        Contribution {
            member: &result.member,
            month,
            measures,
            found: &result.found,
            disagreements: result.disagreements.iter().map(|d| d.item.as_str()).collect(),
            opened,
            remedied,
            escalated,
            outcomes,
            standing: (open + pending > 0).then_some(Standing { month, open, pending }),
            findings,
            supervised,
        }
    }

    /// Adds this member-month into a block (its derived counts are settled afterwards).
    fn add_to(&self, block: &mut Block) {
        block.last_month = block.last_month.max(Some(self.month));
        for &measure in &self.measures {
            *block.member_months.slot(measure) += 1;
        }
        for item in self.found {
            *block.items.entry(item.clone()).or_default() += 1;
        }
        for item in &self.disagreements {
            *block.disagreement_items.entry((*item).to_owned()).or_default() += 1;
        }
        block.cases.opened += self.opened;
        block.cases.remedied += self.remedied;
        block.cases.escalated += self.escalated;
        block.cases.closed += super::len64(self.outcomes.len());
        for (decision, form) in &self.outcomes {
            *block.outcomes.entry((*decision).to_owned()).or_default() += 1;
            if let Some(form) = form {
                *block.forms.entry((*form).to_owned()).or_default() += 1;
            }
        }
        for body in &self.findings {
            block.supervision.entry(body.as_str().to_owned()).or_default().findings += 1;
        }
        let detail = block.detail.get_or_insert_with(Detail::default);
        for &measure in &self.measures {
            detail.members.slot(measure).insert(self.member.to_owned());
        }
        if let Some(standing) = self.standing {
            let slot = detail.standing.entry(self.member.to_owned()).or_insert(standing);
            *slot = (*slot).max(standing);
        }
        for body in &self.supervised {
            detail.supervised.entry(body.as_str().to_owned()).or_default().insert(self.member.to_owned());
        }
    }
}
