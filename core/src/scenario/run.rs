//! Running a scenario.

use std::collections::HashSet;

use serde_json::Value;

use super::{MonthRange, MonthReport, Rest, Scenario, ScenarioReport, ScenarioReview, WhatIf};
use crate::evaluation::{Evaluator, History, MonthResult, compare};
use crate::review::validate::{applies_to_roles, role_mask};
use crate::review::{Answer, MonthlyReview, ReviewBatch, ReviewStatus};
use crate::{Catalogue, Error, Finding, Issue, IssueCode, Month, Path, Policy};

/// Months evaluated, the cases at the end, and the findings on the way.
type Evaluated = (Vec<MonthResult>, Vec<crate::Case>, Vec<Issue>);

impl Scenario {
    /// Runs the scenario: validates the inputs, evaluates the months, applies amendments and the
    /// other policy if any, and checks the expectations.
    ///
    /// Findings about the inputs are in the report's `issues`; the evaluation goes on with what
    /// is usable and each finding says what was set aside. A policy with errors, a catalogue or
    /// policy that cannot be read, or months that cannot be determined are errors.
    pub fn run(&self) -> Result<ScenarioReport, Error> {
        let catalogue = resolve_catalogue(&self.catalogue)?;
        let policy = resolve_policy("policy", &self.policy)?;
        let evaluator = Evaluator::new(&catalogue, &policy, &self.organisation)?;
        let history = self.history(&catalogue, &self.reviews);
        let range = self.range()?;
        let mut issues = self.organisation.validate();
        issues.extend(policy.validate());
        let batch = ReviewBatch { reviews: history.reviews.clone() };
        issues.extend(batch.validate(&catalogue, &self.organisation));
        let (months, cases, mut found) = self.evaluate(&evaluator, &history, range)?;
        issues.append(&mut found);
        issues.extend(outside_range(&history, range));
        let mut report = ScenarioReport {
            name: self.name.clone(),
            catalogue: catalogue.reference(),
            policy: policy.reference(),
            range,
            months: months.iter().map(|m| self.month_report(m)).collect(),
            cases,
            issues: Vec::new(),
            changes: None,
            what_if: None,
            expect: None,
        };
        if !self.amendments.is_empty() {
            let amended = self.amended(&catalogue, &history);
            let (after, _, mut found) = self.evaluate(&evaluator, &amended, range)?;
            issues.append(&mut found);
            report.changes = Some(compare(&months, &after));
        }
        if let Some(other) = &self.what_if {
            let other = resolve_policy("what_if", other)?;
            let evaluator = Evaluator::new(&catalogue, &other, &self.organisation)?;
            let (after, _, _) = self.evaluate(&evaluator, &history, range)?;
            let differences =
                compare(&months, &after).into_iter().filter(crate::evaluation::Change::verdict_changed).collect();
            report.what_if = Some(WhatIf { policy: other.reference(), differences });
        }
        let mut seen = HashSet::new();
        issues.retain(|i| seen.insert((i.code.clone(), i.path.clone(), i.params.clone())));
        report.issues = issues;
        if let Some(expect) = &self.expect {
            report.expect = Some(expect.check(&report));
        }
        Ok(report)
    }

    fn evaluate(&self, evaluator: &Evaluator<'_>, history: &History, range: MonthRange) -> Result<Evaluated, Error> {
        let (mut ledger, case_issues) = evaluator.ledger(self.cases.clone());
        let mut issues: Vec<Issue> = case_issues
            .into_iter()
            .map(|mut i| {
                let mut path = Path::root().key("cases");
                path.0.extend(i.path.0);
                i.path = path;
                i
            })
            .collect();
        let months = evaluator.replay(&mut ledger, history, range.from, range.to, self.unit.as_deref())?;
        for month in &months {
            issues.extend(month.issues.iter().cloned());
        }
        let cases = ledger.cases().into_iter().cloned().collect();
        Ok((months, cases, issues))
    }

    fn month_report(&self, month: &MonthResult) -> MonthReport {
        MonthReport::of(month, &self.organisation.index())
    }

    /// The months to evaluate: given, or from the first to the last month any record names.
    fn range(&self) -> Result<MonthRange, Error> {
        if let Some(range) = self.months {
            if range.to < range.from {
                return Err(Error::Argument {
                    name: "months",
                    detail: format!("the range ends ({}) before it starts ({})", range.to, range.from),
                    detail_vi: format!("khoảng kết thúc ({}) trước khi bắt đầu ({})", range.to, range.from),
                });
            }
            return Ok(range);
        }
        let months: Vec<Month> = self
            .reviews
            .iter()
            .chain(&self.amendments)
            .map(|r| r.month)
            .chain(self.supervision.iter().map(|s| s.month))
            .chain(self.visits.iter().map(|v| v.month))
            .chain(self.outcomes.iter().map(|o| o.outcome.month))
            .collect();
        match (months.iter().min(), months.iter().max()) {
            (Some(&from), Some(&to)) => Ok(MonthRange { from, to }),
            _ => Err(Error::Argument {
                name: "months",
                detail: "the scenario has no records and no `months`: nothing to evaluate".into(),
                detail_vi: "kịch bản không có bản ghi và không có `months`: không có gì để đánh giá".into(),
            }),
        }
    }

    fn history(&self, catalogue: &Catalogue, reviews: &[ScenarioReview]) -> History {
        History {
            reviews: reviews.iter().map(|r| self.expand(catalogue, r)).collect(),
            supervision: self.supervision.clone(),
            outcomes: self.outcomes.clone(),
            visits: self.visits.clone(),
        }
    }

    /// The history with the amendments applied: each replaces the review of its member and month.
    fn amended(&self, catalogue: &Catalogue, history: &History) -> History {
        let mut amended = history.clone();
        for review in &self.amendments {
            let review = self.expand(catalogue, review);
            match amended.reviews.iter_mut().find(|r| r.member == review.member && r.month == review.month) {
                Some(slot) => *slot = review,
                None => amended.reviews.push(review),
            }
        }
        amended
    }

    /// A compact review in full.
    fn expand(&self, catalogue: &Catalogue, review: &ScenarioReview) -> MonthlyReview {
        let mut answers = review.answers.clone();
        for (item, finding) in &review.cell.0 {
            answers.push(Answer { item: item.clone(), self_assessment: None, cell: Some(*finding) });
        }
        for (item, finding) in &review.self_assessment.0 {
            match answers.iter_mut().find(|a| a.item == *item && a.self_assessment.is_none()) {
                Some(answer) => answer.self_assessment = Some(*finding),
                None => answers.push(Answer { item: item.clone(), self_assessment: Some(*finding), cell: None }),
            }
        }
        if review.rest == Some(Rest::Clean) {
            let roles = self.organisation.member(&review.member).map_or(0, |m| role_mask(m, review.month));
            for placed in catalogue.items() {
                let item = placed.item;
                if applies_to_roles(&item.applies_to, roles) && !answers.iter().any(|a| a.item == item.code) {
                    let clean = Finding::clean(placed.kind());
                    answers.push(Answer { item: item.code.clone(), self_assessment: Some(clean), cell: Some(clean) });
                }
            }
        }
        MonthlyReview {
            member: review.member.clone(),
            unit: review.unit.clone(),
            month: review.month,
            catalogue: review.catalogue.clone().unwrap_or_else(|| catalogue.reference()),
            status: review.status.unwrap_or(ReviewStatus::Final),
            answers,
            notes: review.notes.clone(),
        }
    }
}

fn outside_range(history: &History, range: MonthRange) -> Vec<Issue> {
    let outside = |month: Month| month < range.from || month > range.to;
    let warn = |path: Path, month: Month| {
        Issue::new(IssueCode::OutsideRange, path).with("month", month).with("from", range.from).with("to", range.to)
    };
    let mut issues = Vec::new();
    for (i, r) in history.reviews.iter().enumerate().filter(|(_, r)| outside(r.month)) {
        issues.push(warn(Path::root().key("reviews").index(i), r.month));
    }
    for (i, s) in history.supervision.iter().enumerate().filter(|(_, s)| outside(s.month)) {
        issues.push(warn(Path::root().key("supervision").index(i), s.month));
    }
    for (i, o) in history.outcomes.iter().enumerate().filter(|(_, o)| outside(o.outcome.month)) {
        issues.push(warn(Path::root().key("outcomes").index(i), o.outcome.month));
    }
    issues
}

/// A catalogue given inline or by the id of an embedded one.
pub(crate) fn resolve_catalogue(value: &Value) -> Result<Catalogue, Error> {
    match value {
        Value::String(id) => crate::api::embedded_catalogue(id),
        other => crate::json::nested("scenario", "catalogue", other.clone()),
    }
}

/// A policy given inline or as `"default"`.
pub(crate) fn resolve_policy(key: &str, value: &Value) -> Result<Policy, Error> {
    match value {
        Value::String(id) if id == "default" || id == "soisua-default" => Policy::default_2020(),
        Value::String(id) => Err(Error::Unknown { what: "policy", what_vi: "chính sách", name: id.clone() }),
        other => crate::json::nested("scenario", key, other.clone()),
    }
}

/// What a scenario's evaluation leaves for reports and publication: the evaluator, the history,
/// the months of results and the ledger at the end.
pub struct Evaluation<'e> {
    /// The evaluator (catalogue, policy, organisation).
    pub evaluator: &'e Evaluator<'e>,
    /// The history evaluated.
    pub history: &'e History,
    /// Month by month.
    pub months: &'e [MonthResult],
    /// The cases at the end.
    pub ledger: &'e crate::Ledger,
}

impl Scenario {
    /// Evaluates the scenario's history (as [`Scenario::run`] does, without amendments or what-if)
    /// and hands the results to `then`: for reports, publication lists and redaction.
    pub fn with_evaluation<R>(&self, then: impl FnOnce(&Evaluation<'_>) -> Result<R, Error>) -> Result<R, Error> {
        let catalogue = resolve_catalogue(&self.catalogue)?;
        let policy = resolve_policy("policy", &self.policy)?;
        let evaluator = Evaluator::new(&catalogue, &policy, &self.organisation)?;
        let history = self.history(&catalogue, &self.reviews);
        let range = self.range()?;
        let (mut ledger, _) = evaluator.ledger(self.cases.clone());
        let months = evaluator.replay(&mut ledger, &history, range.from, range.to, self.unit.as_deref())?;
        then(&Evaluation { evaluator: &evaluator, history: &history, months: &months, ledger: &ledger })
    }
}

impl Evaluation<'_> {
    /// The report of `scope` over the months of `period` (all months evaluated when `None`).
    pub fn report(&self, period: Option<crate::Period>, scope: Option<&str>) -> Result<crate::report::Report, Error> {
        let months: Vec<MonthResult> =
            self.months.iter().filter(|m| period.is_none_or(|p| p.contains(m.month))).cloned().collect();
        crate::report::Report::build(self.evaluator, &months, self.ledger, self.history, scope)
    }

    /// The results of one month, if it was evaluated.
    pub fn month(&self, month: crate::Month) -> Result<&MonthResult, Error> {
        self.months.iter().find(|m| m.month == month).ok_or_else(|| Error::Argument {
            name: "month",
            detail: format!("the month {month} was not evaluated"),
            detail_vi: format!("tháng {month} không được đánh giá"),
        })
    }
}
