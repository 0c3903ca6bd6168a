//! One member's month: outcomes recorded, cases remedied or escalated, new cases opened, the
//! thresholds compared, and the verdict.

use super::{Disagreement, Evaluator, History, ItemRule, MemberResult};
use crate::case::{Case, CaseSource, CaseState, Decision, Outcome};
use crate::catalogue::ItemKind;
use crate::discipline::{DisciplineForm, Subject};
use crate::policy::Action;
use crate::review::validate::applies_to_roles;
use crate::review::{MonthlyReview, ReviewStatus};
use crate::verdict::{Firing, Rule, Verdict};
use crate::{Issue, IssueCode, Month, Path};

/// What is known of a member for the month, gathered by the month loop.
pub(super) struct MemberInput<'r> {
    pub member: &'r str,
    pub month: Month,
    pub unit: Option<&'r str>,
    pub roles: u8,
    pub subject: Subject,
    /// Indices into the history's reviews, supervision findings and outcomes for this member-month.
    pub reviews: &'r [usize],
    pub supervision: &'r [usize],
    pub outcomes: &'r [usize],
}

/// Per-item stamps reused from member to member, so that nothing is cleared or allocated per member.
pub(super) struct Scratch {
    stamp: u64,
    concluded: Vec<u64>,
    clean: Vec<u64>,
    adverse: Vec<(usize, CaseSource)>,
}

impl Scratch {
    pub(super) fn new(items: usize) -> Self {
        Scratch { stamp: 0, concluded: vec![0; items], clean: vec![0; items], adverse: Vec::new() }
    }

    fn mark(slots: &mut [u64], position: usize, stamp: u64) -> bool {
        slots.get_mut(position).is_some_and(|slot| {
            let fresh = *slot != stamp;
            *slot = stamp;
            fresh
        })
    }
}

/// Whether a review can be evaluated, and if not why.
enum Standing<'r> {
    Evaluated(usize, &'r MonthlyReview),
    Not(Rule),
}

impl Evaluator<'_> {
    /// Evaluates one member-month, updating the member's cases in place.
    pub(super) fn member(
        &self,
        input: &MemberInput<'_>,
        history: &History,
        cases: &mut Vec<Case>,
        scratch: &mut Scratch,
        issues: &mut Vec<Issue>,
    ) -> MemberResult {
        let month = input.month;
        // Outcomes for cases that exist are recorded first (a closed case no longer counts this
        // month); those for a case that opens this month, after it has opened.
        let mut later = Vec::new();
        for &k in input.outcomes {
            if let Some(record) = history.outcomes.get(k) {
                if cases.iter().any(|c| c.item == record.item && c.opened == record.opened) {
                    Self::record_outcome(k, &record.item, record.opened, &record.outcome, input, cases, issues);
                } else {
                    later.push(k);
                }
            }
        }
        let standing = self.standing(input, history, issues);
        scratch.stamp += 1;
        let stamp = scratch.stamp;
        scratch.adverse.clear();
        let mut result = MemberResult {
            member: input.member.to_owned(),
            month,
            unit: input.unit.map(str::to_owned),
            verdict: Verdict::NotEvaluated,
            rules: Vec::new(),
            found: Vec::new(),
            disagreements: Vec::new(),
            provisional: false,
        };
        let mut concluded = 0u32;
        if let Standing::Evaluated(i, review) = standing {
            result.provisional = review.status == ReviewStatus::Draft;
            // The review's unit when the organisation has it (an unknown one is a validation
            // finding); otherwise the membership's, so that reports can always place the result.
            if self.org.unit(&review.unit).is_some() {
                result.unit = Some(review.unit.clone());
            }
            concluded = self.read_answers(i, review, input.roles, scratch, &mut result, issues);
        }
        for &k in input.supervision {
            let Some(found) = history.supervision.get(k) else { continue };
            let at = || Path::root().key("supervision").index(k);
            match self.position(&found.item) {
                None => issues.push(Issue::new(IssueCode::UnknownItem, at().key("item")).with("item", &found.item)),
                Some(p) if !found.finding.is_adverse() || !self.item(p).is_some_and(|r| found.finding.fits(r.kind)) => {
                    issues.push(
                        Issue::new(IssueCode::SupervisionNotAdverse, at().key("finding"))
                            .with("finding", found.finding.as_str()),
                    );
                }
                Some(p) => scratch.adverse.push((p, CaseSource::Supervision)),
            }
        }
        scratch.adverse.sort_by_key(|(p, _)| *p);
        scratch.adverse.dedup_by_key(|(p, _)| *p);
        result.found = scratch.adverse.iter().filter_map(|(p, _)| self.item(*p)).map(|r| r.code.to_owned()).collect();
        let evaluated = matches!(standing, Standing::Evaluated(..));
        if evaluated {
            self.progress(month, stamp, scratch, cases, &mut result.rules);
        }
        self.open_cases(input, scratch, cases, &mut result.rules);
        if evaluated {
            self.breadth(month, scratch, cases, &mut result.rules);
            self.still_open(month, scratch, stamp, cases, &mut result.rules);
        }
        for k in later {
            if let Some(record) = history.outcomes.get(k) {
                Self::record_outcome(k, &record.item, record.opened, &record.outcome, input, cases, issues);
            }
        }
        result.rules.sort_by(|a, b| (b.rule.verdict(), a.rule, &a.items).cmp(&(a.rule.verdict(), b.rule, &b.items)));
        result.verdict = match standing {
            Standing::Not(rule) => {
                result.rules.push(Firing::new(rule));
                Verdict::NotEvaluated
            }
            Standing::Evaluated(..) => match result.rules.iter().map(|f| f.rule.verdict()).max() {
                Some(verdict) => verdict,
                None => self.clean_month(input.roles, concluded, &mut result.rules),
            },
        };
        result
    }

    /// Nothing adverse and no open case: commend, unless conclusions are missing.
    fn clean_month(&self, held: u8, done: u32, rules: &mut Vec<Firing>) -> Verdict {
        let applicable = self.applicable(held);
        if self.policy.commend_requires_complete && done < applicable {
            rules.push(Firing { threshold: Some(applicable), value: Some(done), ..Firing::new(Rule::Incomplete) });
            Verdict::NotEvaluated
        } else {
            rules.push(Firing::new(Rule::Commend));
            Verdict::Commend
        }
    }

    fn applicable(&self, roles: u8) -> u32 {
        let count = self.items.iter().filter(|r| applies(r, roles)).count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    fn standing<'r>(&self, input: &MemberInput<'_>, history: &'r History, issues: &mut Vec<Issue>) -> Standing<'r> {
        let reviews = input.reviews;
        let Some((&first, rest)) = reviews.split_first() else { return Standing::Not(Rule::NoConclusion) };
        if !rest.is_empty() {
            for &i in rest {
                issues.push(
                    Issue::new(IssueCode::DuplicateReview, Path::root().key("reviews").index(i))
                        .with("member", input.member)
                        .with("month", input.month),
                );
            }
            return Standing::Not(Rule::DuplicateReview);
        }
        let Some(review) = history.reviews.get(first) else { return Standing::Not(Rule::NoConclusion) };
        if review.catalogue != self.reference {
            issues.push(
                Issue::new(IssueCode::CatalogueMismatch, Path::root().key("reviews").index(first).key("catalogue"))
                    .with("given", &review.catalogue)
                    .with("expected", &self.reference),
            );
            return Standing::Not(Rule::CatalogueMismatch);
        }
        if review.answers.iter().all(|a| a.cell.is_none()) {
            return Standing::Not(Rule::NoConclusion);
        }
        Standing::Evaluated(first, review)
    }

    /// Reads the cell's conclusions into the scratch; returns how many applicable items are concluded.
    fn read_answers(
        &self,
        i: usize,
        review: &MonthlyReview,
        roles: u8,
        scratch: &mut Scratch,
        result: &mut MemberResult,
        issues: &mut Vec<Issue>,
    ) -> u32 {
        let stamp = scratch.stamp;
        let mut concluded = 0;
        for (j, answer) in review.answers.iter().enumerate() {
            let at = || Path::root().key("reviews").index(i).key("answers").index(j);
            let Some(p) = self.position(&answer.item) else {
                issues.push(Issue::new(IssueCode::UnknownItem, at().key("item")).with("item", &answer.item));
                continue;
            };
            let Some(rule) = self.item(p) else { continue };
            let Some(cell) = answer.cell else { continue };
            if !cell.fits(rule.kind) {
                issues.push(
                    Issue::new(IssueCode::FindingWrongKind, at().key("cell"))
                        .with("finding", cell.as_str())
                        .with("item", &answer.item)
                        .with("kind", rule.kind.as_str()),
                );
                continue;
            }
            if let Some(own) = answer.self_assessment.filter(|own| *own != cell && own.fits(rule.kind)) {
                result.disagreements.push(Disagreement { item: answer.item.clone(), self_assessment: own, cell });
            }
            if Scratch::mark(&mut scratch.concluded, p, stamp) && applies(rule, roles) {
                concluded += 1;
            }
            if cell.is_adverse() {
                scratch.adverse.push((p, CaseSource::Cell));
            } else if cell != crate::Finding::NotApplicable {
                Scratch::mark(&mut scratch.clean, p, stamp);
            }
        }
        concluded
    }

    /// Open cases from earlier months: remedied by a clean conclusion in time, escalated at or
    /// after the deadline.
    fn progress(&self, month: Month, stamp: u64, scratch: &Scratch, cases: &mut [Case], rules: &mut Vec<Firing>) {
        for case in cases.iter_mut().filter(|c| c.state == CaseState::Open && c.opened < month) {
            let Some(p) = self.position(&case.item) else { continue };
            let clean = scratch.clean.get(p) == Some(&stamp);
            let adverse = scratch.adverse.iter().any(|(q, _)| *q == p);
            if clean && !adverse && month <= case.deadline {
                case.state = CaseState::Remedied;
                case.remedied = Some(month);
            } else if month >= case.deadline {
                case.escalate(month, Rule::Overdue);
                rules.push(Firing {
                    threshold: Some(window_of(case)),
                    value: Some(months_between(case.opened, month)),
                    deadline: Some(case.deadline),
                    ..self.case_firing(Rule::Overdue, p, case)
                });
            }
        }
    }

    /// New cases for this month's shortcomings, and the rules they fire.
    fn open_cases(&self, input: &MemberInput<'_>, scratch: &Scratch, cases: &mut Vec<Case>, rules: &mut Vec<Firing>) {
        let month = input.month;
        for &(p, source) in &scratch.adverse {
            let Some(rule) = self.item(p) else { continue };
            if let Some(case) = cases.iter().find(|c| c.item == rule.code && c.is_active()) {
                if case.state == CaseState::Open && case.opened < month {
                    let help = help_rule(rule.kind);
                    rules.push(Firing { deadline: Some(case.deadline), ..self.case_firing(help, p, case) });
                }
                continue;
            }
            let mut case = Case::open(input.member, rule.code, month, month.plus(window_i32(rule.window)), source);
            case.unit = input.unit.map(str::to_owned);
            let mut escalation = None;
            if rule.action == Action::Inspect && rule.kind != ItemKind::Manifestation {
                let inspect =
                    if rule.kind == ItemKind::Prohibition { Rule::ProhibitionInspect } else { Rule::ExemplaryInspect };
                rules.push(self.case_firing(inspect, p, &case));
                escalation = Some(inspect);
            }
            let recurrence = self.policy.recurrence;
            let earliest = month.plus(1 - window_i32(recurrence.within_months));
            let mut months: Vec<Month> =
                cases.iter().filter(|c| c.item == rule.code && c.opened >= earliest).map(|c| c.opened).collect();
            months.push(month);
            let count = u32::try_from(months.len()).unwrap_or(u32::MAX);
            if count >= recurrence.cases {
                rules.push(Firing {
                    months,
                    threshold: Some(recurrence.cases),
                    value: Some(count),
                    ..self.case_firing(Rule::Relapse, p, &case)
                });
                escalation.get_or_insert(Rule::Relapse);
            }
            if escalation.is_none() && rule.window == 0 {
                rules.push(Firing {
                    threshold: Some(0),
                    value: Some(0),
                    deadline: Some(month),
                    ..self.case_firing(Rule::Overdue, p, &case)
                });
                escalation = Some(Rule::Overdue);
            }
            match escalation {
                Some(by) => case.escalate(month, by),
                None => rules
                    .push(Firing { deadline: Some(case.deadline), ..self.case_firing(help_rule(rule.kind), p, &case) }),
            }
            cases.push(case);
        }
    }

    /// At least `b` distinct manifestations present: inspect, escalating their open cases.
    fn breadth(&self, month: Month, scratch: &Scratch, cases: &mut [Case], rules: &mut Vec<Firing>) {
        let present: Vec<usize> = scratch
            .adverse
            .iter()
            .filter(|(p, _)| self.item(*p).is_some_and(|r| r.kind == ItemKind::Manifestation))
            .map(|(p, _)| *p)
            .collect();
        let count = u32::try_from(present.len()).unwrap_or(u32::MAX);
        let threshold = self.policy.breadth.manifestations;
        if count < threshold {
            return;
        }
        let items: Vec<String> = present.iter().filter_map(|p| self.item(*p)).map(|r| r.code.to_owned()).collect();
        for case in cases.iter_mut().filter(|c| c.state == CaseState::Open && items.contains(&c.item)) {
            case.escalate(month, Rule::Breadth);
        }
        rules.push(Firing {
            items,
            kind: Some(ItemKind::Manifestation),
            months: vec![month],
            threshold: Some(threshold),
            value: Some(count),
            ..Firing::new(Rule::Breadth)
        });
    }

    /// Cases escalated in an earlier month still waiting for their outcome, and open cases whose
    /// item was not found adverse this month.
    fn still_open(&self, month: Month, scratch: &Scratch, stamp: u64, cases: &[Case], rules: &mut Vec<Firing>) {
        let pending = match self.policy.pending_inspection {
            Action::Help => Rule::PendingHelp,
            Action::Inspect => Rule::PendingInspect,
        };
        for case in cases {
            let Some(p) = self.position(&case.item) else { continue };
            match case.state {
                CaseState::Escalated if case.escalated.is_some_and(|e| e.month < month) => {
                    rules.push(self.case_firing(pending, p, case));
                }
                CaseState::Open if case.opened < month => {
                    let adverse = scratch.adverse.iter().any(|(q, _)| *q == p);
                    let clean = scratch.clean.get(p) == Some(&stamp);
                    if !adverse && !clean {
                        rules.push(Firing {
                            deadline: Some(case.deadline),
                            ..self.case_firing(Rule::OpenCase, p, case)
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn case_firing(&self, rule: Rule, position: usize, case: &Case) -> Firing {
        Firing {
            items: vec![case.item.clone()],
            kind: self.item(position).map(|r| r.kind),
            months: vec![case.opened],
            source: Some(case.source),
            ..Firing::new(rule)
        }
    }

    /// Records an inspection outcome on an escalated case, checking it first.
    #[allow(clippy::too_many_arguments, reason = "the pieces of one record, kept apart to spare a clone")]
    fn record_outcome(
        k: usize,
        item: &str,
        opened: Month,
        outcome: &Outcome,
        input: &MemberInput<'_>,
        cases: &mut [Case],
        issues: &mut Vec<Issue>,
    ) {
        let at = || Path::root().key("outcomes").index(k);
        let member = input.member;
        let Some(case) = cases.iter_mut().find(|c| c.item == item && c.opened == opened) else {
            issues.push(
                Issue::new(IssueCode::UnknownCase, at())
                    .with("item", item)
                    .with("member", member)
                    .with("opened", opened),
            );
            return;
        };
        match (outcome.decision, outcome.form) {
            (Decision::Discipline, None) => {
                issues.push(Issue::new(IssueCode::DisciplineFormMissing, at().key("form")));
                return;
            }
            (Decision::NoViolation | Decision::Reminder, Some(_)) => {
                issues.push(
                    Issue::new(IssueCode::DisciplineFormUnexpected, at().key("form"))
                        .with("decision", outcome.decision.as_str()),
                );
                return;
            }
            (Decision::Discipline, Some(form)) if !form.is_allowed_for(input.subject) => {
                issues.push(discipline_not_allowed(at().key("form"), form, input.subject));
                return;
            }
            _ => {}
        }
        let problem = match (case.state, case.escalated) {
            (CaseState::Closed, _) => Some(IssueCode::OutcomeAlreadyRecorded),
            (CaseState::Escalated, Some(e)) if e.month <= outcome.month => None,
            _ => Some(IssueCode::CaseNotEscalated),
        };
        if let Some(code) = problem {
            issues.push(Issue::new(code, at()).with("item", item).with("member", member).with("month", outcome.month));
            return;
        }
        case.state = CaseState::Closed;
        case.outcome = Some(outcome.clone());
    }
}

fn discipline_not_allowed(at: Path, form: DisciplineForm, subject: Subject) -> Issue {
    let allowed: Vec<&str> = DisciplineForm::allowed_for(subject).iter().map(|f| f.as_str()).collect();
    let label = subject.label();
    Issue::new(IssueCode::DisciplineNotAllowed, at)
        .with("form", form.as_str())
        .with("subject_vi", label.vi)
        .with("subject_en", label.en)
        .with("allowed", allowed.join(", "))
}

pub(super) fn help_rule(kind: ItemKind) -> Rule {
    match kind {
        ItemKind::Manifestation => Rule::Manifestation,
        ItemKind::Exemplary => Rule::ExemplaryHelp,
        ItemKind::Prohibition => Rule::ProhibitionHelp,
    }
}

pub(super) fn applies(rule: &ItemRule<'_>, roles: u8) -> bool {
    applies_to_roles(rule.applies_to, roles)
}

fn window_i32(months: u32) -> i32 {
    i32::try_from(months).unwrap_or(i32::MAX)
}

fn months_between(earlier: Month, later: Month) -> u32 {
    u32::try_from(later.months_since(earlier)).unwrap_or(0)
}

fn window_of(case: &Case) -> u32 {
    months_between(case.opened, case.deadline)
}
