//! A month of a whole organisation or unit, and ranges of months.

use std::collections::HashMap;

use super::member::{MemberInput, Scratch};
use super::{Evaluator, History, Ledger, MonthResult};
use crate::discipline::Subject;
use crate::org::{Member, MemberStatus};
use crate::review::validate::role_mask;
use crate::{Error, Issue, IssueCode, Month, Path};

/// The history's records of one month, by member: `(reviews, supervision, outcomes)` indices.
type ByMember<'h> = HashMap<&'h str, (Vec<usize>, Vec<usize>, Vec<usize>)>;

impl Evaluator<'_> {
    /// Evaluates the months `from ..= to` in order for every member of the organisation (or of the
    /// unit `scope` and the units under it), carrying the cases in `ledger`.
    ///
    /// Months must follow the ledger's last month: evaluating a month again, or an earlier one, is
    /// refused (`invalid_argument`), since the cases already moved on; to evaluate an amended past,
    /// replay from a ledger of that time (see [`crate::evaluation::compare`]). Replaying
    /// `from ..= to` at once equals replaying it in consecutive pieces with the same ledger.
    ///
    /// A member is evaluated in a month when a membership of theirs covers a day of it at a unit
    /// in scope. Records of the month that no member in scope takes up are reported
    /// (`unknown_member`, or `member_not_in_unit` for a member outside the scope), never dropped
    /// silently.
    pub fn replay(
        &self,
        ledger: &mut Ledger,
        history: &History,
        from: Month,
        to: Month,
        scope: Option<&str>,
    ) -> Result<Vec<MonthResult>, Error> {
        if to < from {
            return Err(Error::Argument {
                name: "to",
                detail: format!("the range ends ({to}) before it starts ({from})"),
                detail_vi: format!("khoảng kết thúc ({to}) trước khi bắt đầu ({from})"),
            });
        }
        if let Some(last) = ledger.last_month().filter(|last| from <= *last) {
            return Err(Error::Argument {
                name: "from",
                detail: format!(
                    "month {from} is not after the last month evaluated ({last}): months must come in order"
                ),
                detail_vi: format!(
                    "tháng {from} không sau tháng đã đánh giá gần nhất ({last}): phải đánh giá theo thứ tự"
                ),
            });
        }
        if let Some(unit) = scope.filter(|u| self.org.unit(u).is_none()) {
            return Err(Error::Unknown { what: "unit", what_vi: "đơn vị", name: unit.to_owned() });
        }
        let by_month = index_by_month(history, from, to);
        let mut scratch = Scratch::new(self.items.len());
        let mut out = Vec::new();
        for month in from.through(to) {
            let records = by_month.get(&month);
            out.push(self.one_month(ledger, history, month, records, scope, &mut scratch));
            ledger.set_last(month);
        }
        Ok(out)
    }

    fn one_month(
        &self,
        ledger: &mut Ledger,
        history: &History,
        month: Month,
        records: Option<&ByMember<'_>>,
        scope: Option<&str>,
        scratch: &mut Scratch,
    ) -> MonthResult {
        let mut issues = Vec::new();
        let mut results = Vec::new();
        let empty: (Vec<usize>, Vec<usize>, Vec<usize>) = Default::default();
        let mut taken = 0usize;
        if !self.policy.is_in_force(month.last_day()) && !self.policy.is_in_force(month.first_day()) {
            issues.push(
                Issue::new(IssueCode::PolicyNotInForce, Path::root())
                    .with("policy", self.policy.reference())
                    .with("month", month),
            );
        }
        for member in &self.org.organisation().members {
            let Some(unit) = self.unit_in_scope(member, month, scope) else { continue };
            let mine = records.and_then(|r| r.get(member.id.as_str())).unwrap_or(&empty);
            taken += mine.0.len() + mine.1.len() + mine.2.len();
            let input = MemberInput {
                member: &member.id,
                month,
                unit: Some(unit),
                roles: role_mask(member, month),
                subject: subject(member, month),
                reviews: &mine.0,
                supervision: &mine.1,
                outcomes: &mine.2,
            };
            let mut cases = ledger.take(&member.id);
            results.push(self.member(&input, history, &mut cases, scratch, &mut issues));
            ledger.put(&member.id, cases);
        }
        let total = records.map_or(0, |r| r.values().map(|(a, b, c)| a.len() + b.len() + c.len()).sum());
        if taken < total {
            self.report_untaken(month, records, scope, &mut issues);
        }
        self.check_visits(history, month, &mut issues);
        MonthResult { month, results, issues }
    }

    /// The unit through which the member is in scope this month: the unit of their membership
    /// covering the month's last day, else of the latest membership overlapping the month.
    fn unit_in_scope<'m>(&self, member: &'m Member, month: Month, scope: Option<&str>) -> Option<&'m str> {
        let Some(scope) = scope else { return member.unit_in(month) };
        let (first, last) = (month.first_day(), month.last_day());
        member
            .memberships
            .iter()
            .filter(|m| m.overlaps(first, last) && self.is_under(&m.unit, scope, last))
            .max_by_key(|m| m.from)
            .map(|m| m.unit.as_str())
    }

    /// Whether `unit` is `scope` or under it on `day`.
    fn is_under(&self, unit: &str, scope: &str, day: chrono::NaiveDate) -> bool {
        self.org.is_within(unit, scope, day)
    }

    /// Supervision visits of the month that name a member the organisation does not have.
    fn check_visits(&self, history: &History, month: Month, issues: &mut Vec<Issue>) {
        for (i, visit) in history.visits.iter().enumerate().filter(|(_, v)| v.month == month) {
            for (j, member) in visit.members.iter().enumerate() {
                if self.org.member(member).is_none() {
                    let at = Path::root().key("visits").index(i).key("members").index(j);
                    issues.push(Issue::new(IssueCode::UnknownMember, at).with("member", member));
                }
            }
        }
    }

    fn report_untaken(
        &self,
        month: Month,
        records: Option<&ByMember<'_>>,
        scope: Option<&str>,
        issues: &mut Vec<Issue>,
    ) {
        let Some(records) = records else { return };
        let mut untaken: Vec<(&str, Path)> = Vec::new();
        for (member, (reviews, supervision, outcomes)) in records {
            let in_scope = self.org.member(member).and_then(|m| self.unit_in_scope(m, month, scope)).is_some();
            if in_scope {
                continue;
            }
            let paths = reviews
                .iter()
                .map(|i| Path::root().key("reviews").index(*i))
                .chain(supervision.iter().map(|i| Path::root().key("supervision").index(*i)))
                .chain(outcomes.iter().map(|i| Path::root().key("outcomes").index(*i)));
            untaken.extend(paths.map(|p| (*member, p)));
        }
        untaken.sort_by_key(|a| a.1.to_string());
        for (member, path) in untaken {
            let issue = if self.org.member(member).is_none() {
                Issue::new(IssueCode::UnknownMember, path.key("member")).with("member", member)
            } else {
                Issue::new(IssueCode::MemberNotInUnit, path.key("member"))
                    .with("member", member)
                    .with("unit", scope.unwrap_or("?"))
                    .with("month", month)
            };
            issues.push(issue);
        }
    }
}

fn index_by_month(history: &History, from: Month, to: Month) -> HashMap<Month, ByMember<'_>> {
    let mut by_month: HashMap<Month, ByMember<'_>> = HashMap::new();
    let slot = |month: Month, member: &str| -> bool { from <= month && month <= to && !member.is_empty() };
    for (i, review) in history.reviews.iter().enumerate() {
        if slot(review.month, &review.member) {
            by_month.entry(review.month).or_default().entry(review.member.as_str()).or_default().0.push(i);
        }
    }
    for (i, found) in history.supervision.iter().enumerate() {
        if slot(found.month, &found.member) {
            by_month.entry(found.month).or_default().entry(found.member.as_str()).or_default().1.push(i);
        }
    }
    for (i, record) in history.outcomes.iter().enumerate() {
        let month = record.outcome.month;
        if slot(month, &record.member) {
            by_month.entry(month).or_default().entry(record.member.as_str()).or_default().2.push(i);
        }
    }
    by_month
}

/// Who would be disciplined: the member as they stand in the month.
fn subject(member: &Member, month: Month) -> Subject {
    match member.status {
        MemberStatus::Probationary => Subject::ProbationaryMember,
        MemberStatus::Full => Subject::FullMember { holds_post: member.roles_in(month).next().is_some() },
    }
}

/// One review evaluated on its own (see [`Evaluator::evaluate_review`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewResult {
    /// The member's result for the month.
    pub result: super::MemberResult,
    /// The verdict and its reasons as one sentence in each language.
    pub explanation: crate::Text,
    /// The remedy cases the review opens.
    pub cases: Vec<crate::Case>,
    /// Findings about the review.
    pub issues: Vec<Issue>,
    /// `sha256:…` over the catalogue and policy versions, the normalised review and the result
    /// above: equal fingerprints mean the same result from the same inputs (see
    /// [`crate::evaluation::FINGERPRINT_FORMAT`]).
    pub fingerprint: String,
}

/// What a review's fingerprint hashes of its result.
#[derive(serde::Serialize)]
struct Hashed<'a> {
    result: &'a super::MemberResult,
    explanation: &'a crate::Text,
    cases: &'a [crate::Case],
    issues: &'a [Issue],
}

impl Evaluator<'_> {
    /// Evaluates one review on its own: the member's month as if nothing came before it (no cases
    /// carried, no supervision, no outcomes). What a form shows while a review is being filled in;
    /// a month with its history is [`Evaluator::replay`]'s.
    ///
    /// The member must be in the organisation (`unknown` error otherwise). The review is checked
    /// as `ReviewBatch::validate` checks it (unit, catalogue, answers), and what is wrong is in
    /// `issues`, located within the review (`answers[2].cell`).
    ///
    /// ```
    /// # use soisua::{Catalogue, Evaluator, MonthlyReview, Organisation, Policy, Verdict};
    /// # let org = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
    /// #   "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
    /// #     "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
    /// let (catalogue, policy) = (Catalogue::central_2020()?, Policy::default_2020()?);
    /// let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
    /// let review: MonthlyReview = serde_json::from_str(r#"{"member": "DV1", "unit": "CB",
    ///     "month": "2020-07", "catalogue": {"id": "central-2020", "version": "2020.1"},
    ///     "status": "draft", "answers": [{"item": "TTCT-3", "cell": "present"}]}"#).unwrap();
    /// let one = evaluator.evaluate_review(&review)?;
    /// assert_eq!(one.result.verdict, Verdict::Help);
    /// assert_eq!(one.cases[0].deadline.to_string(), "2020-10");
    /// assert!(one.explanation.vi.starts_with("Đồng chí Nguyễn Văn An: giúp đỡ"));
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn evaluate_review(&self, review: &crate::MonthlyReview) -> Result<ReviewResult, Error> {
        let Some(member) = self.org.member(&review.member) else {
            return Err(Error::Unknown { what: "member", what_vi: "đảng viên", name: review.member.clone() });
        };
        let month = review.month;
        let history = History { reviews: vec![review.clone()], ..History::default() };
        let input = MemberInput {
            member: &member.id,
            month,
            unit: self.unit_in_scope(member, month, None),
            roles: role_mask(member, month),
            subject: subject(member, month),
            reviews: &[0],
            supervision: &[],
            outcomes: &[],
        };
        let (mut cases, mut issues) = (Vec::new(), Vec::new());
        let mut scratch = Scratch::new(self.items.len());
        let result = self.member(&input, &history, &mut cases, &mut scratch, &mut issues);
        // Paths within the review (`answers[2].cell`, not `reviews[0].answers[2].cell`): the
        // validation's findings first, then the evaluation's own that validation did not make.
        let batch = crate::ReviewBatch { reviews: history.reviews };
        let within =
            |issue: Issue| Issue { path: Path(issue.path.segments().iter().skip(2).cloned().collect()), ..issue };
        let mut found: Vec<Issue> = batch.validate_indexed(self.catalogue, &self.org).into_iter().map(within).collect();
        for issue in issues.into_iter().map(within) {
            if !found.iter().any(|i| i.code == issue.code && i.path == issue.path) {
                found.push(issue);
            }
        }
        let issues = found;
        let explanation = result.sentence(member.name.as_deref().unwrap_or(&member.id));
        let hashed = Hashed { result: &result, explanation: &explanation, cases: &cases, issues: &issues };
        let fingerprint = super::fingerprint::of_review(&self.reference, self.policy, review, &hashed)?;
        Ok(ReviewResult { result, explanation, cases, issues, fingerprint })
    }
}
