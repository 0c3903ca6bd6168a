//! What a form can say before it is complete: whether the verdict is already decided whatever the
//! unanswered items turn out to be, the range it can still take, and which unanswered items could
//! still change it.
//!
//! The reasoning is exact for the rules a review evaluated on its own can fire (see
//! [`Evaluator::evaluate_review`]): the verdict is the highest of the levels its adverse items
//! reach one by one, and of the breadth rule's level when enough manifestations are present. So
//! the lowest verdict is the one with every unanswered item answered clean, the highest the one
//! with every unanswered item adverse, and an unanswered item can change the verdict exactly when
//! some answers to the others leave it pivotal: alone above the lowest verdict, or the
//! manifestation that completes the breadth threshold. A property test checks this against every
//! completion of small forms.

use serde::{Deserialize, Serialize};

use super::{Evaluator, ItemRule, MemberResult};
use crate::catalogue::ItemKind;
use crate::review::MonthlyReview;
use crate::verdict::{Rule, Verdict};
use crate::{Text, policy::Action};

/// The outlook of a review as it stands (see [`Evaluator::outlook`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    /// Whether every way of answering the unanswered items gives the same verdict.
    pub decided: bool,
    /// The verdict, when it is decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The lowest verdict the review can still come to (every unanswered item answered clean).
    pub least: Verdict,
    /// The highest verdict the review can still come to (every unanswered item adverse).
    pub most: Verdict,
    /// The items that apply to the member and lack the cell's conclusion, in catalogue order.
    pub unanswered: Vec<String>,
    /// Of those, the ones whose answer could still change the verdict.
    pub open_items: Vec<String>,
    /// The outlook as one sentence in each language.
    pub explanation: Text,
}

impl Evaluator<'_> {
    /// The outlook of a review that may still be incomplete: whether its verdict is decided
    /// (a `grave` prohibition violated means `inspect` whatever comes next), and if not, between
    /// which verdicts it can still land and which unanswered items could move it.
    ///
    /// The review is evaluated on its own, as [`Evaluator::evaluate_review`] does.
    ///
    /// ```
    /// # use soisua::{Catalogue, Evaluator, MonthlyReview, Organisation, Policy, Verdict};
    /// # let org = Organisation::from_json(r#"{"id": "o", "name": {"vi": "O", "en": "O"},
    /// #   "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
    /// #   "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
    /// #     "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#)?;
    /// let (catalogue, policy) = (Catalogue::central_2020()?, Policy::default_2020()?);
    /// let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
    /// let blank = r#"{"member": "DV1", "unit": "CB", "month": "2020-09",
    ///     "catalogue": {"id": "central-2020", "version": "2020.1"}, "status": "draft", "answers": []}"#;
    /// let outlook = evaluator.outlook(&serde_json::from_str(blank)?)?;
    /// assert!(!outlook.decided);
    /// assert_eq!((outlook.least, outlook.most), (Verdict::Commend, Verdict::Inspect));
    /// assert_eq!(outlook.open_items.len(), outlook.unanswered.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outlook(&self, review: &MonthlyReview) -> Result<Outlook, crate::Error> {
        let evaluated = self.evaluate_review(review)?;
        Ok(self.outlook_evaluated(review, &evaluated))
    }

    /// [`Evaluator::outlook`] of a review already evaluated by [`Evaluator::evaluate_review`]
    /// (`evaluated` must be that review's evaluation by this evaluator): for a caller that shows
    /// both without evaluating the review twice.
    pub fn outlook_evaluated(&self, review: &MonthlyReview, evaluated: &super::ReviewResult) -> Outlook {
        let roles = self.org.member(&review.member).map_or(0, |m| crate::review::validate::role_mask(m, review.month));
        self.outlook_of(review, roles, &evaluated.result)
    }

    /// The codes of the catalogue's items that apply to `member` in `month` (every item, save
    /// those reserved for roles the member does not hold), in catalogue order: the items a form
    /// asks about. An unknown member is an `unknown` error.
    ///
    /// ```
    /// # use soisua::{Catalogue, Evaluator, Organisation, Policy};
    /// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    /// let (catalogue, policy) = (Catalogue::central_2020()?, Policy::default_2020()?);
    /// let evaluator = Evaluator::new(&catalogue, &policy, &org)?;
    /// assert_eq!(evaluator.applicable_items("DV000001", "2020-09".parse()?)?.len(), 62);
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn applicable_items(&self, member: &str, month: crate::Month) -> Result<Vec<&str>, crate::Error> {
        let Some(member) = self.org.member(member) else {
            return Err(crate::Error::Unknown { what: "member", what_vi: "đảng viên", name: member.to_owned() });
        };
        let roles = crate::review::validate::role_mask(member, month);
        Ok(self.items.iter().filter(|rule| super::member::applies(rule, roles)).map(|rule| rule.code).collect())
    }

    /// The outlook of a review already evaluated to `result`, for a member holding `roles`.
    pub(super) fn outlook_of(&self, review: &MonthlyReview, roles: u8, result: &MemberResult) -> Outlook {
        let mut answered = vec![false; self.items.len()];
        // Answers usually come in catalogue order: the item after the previous answer's is tried
        // before the index.
        let mut guess = 0;
        for answer in &review.answers {
            let position = if self.item(guess).is_some_and(|rule| rule.code == answer.item) {
                Some(guess)
            } else {
                self.position(&answer.item)
            };
            if let Some(p) = position {
                guess = p + 1;
            }
            let (Some(p), Some(cell)) = (position, answer.cell) else { continue };
            if self.item(p).is_some_and(|rule| cell.fits(rule.kind)) {
                if let Some(slot) = answered.get_mut(p) {
                    *slot = true;
                }
            }
        }
        let unanswered: Vec<&ItemRule<'_>> = self
            .items
            .iter()
            .zip(&answered)
            .filter(|(rule, done)| !**done && super::member::applies(rule, roles))
            .map(|(rule, _)| rule)
            .collect();
        let codes = |rules: &[&ItemRule<'_>]| rules.iter().map(|r| r.code.to_owned()).collect::<Vec<_>>();
        // A review that cannot be evaluated whatever its answers (made under another catalogue).
        let blocked = result.verdict == Verdict::NotEvaluated
            && result.rules.iter().any(|f| !matches!(f.rule, Rule::Incomplete | Rule::NoConclusion));
        if blocked {
            return outlook(Verdict::NotEvaluated, Verdict::NotEvaluated, codes(&unanswered), Vec::new());
        }
        let least = result
            .rules
            .iter()
            .map(|f| f.rule.verdict())
            .filter(|v| *v > Verdict::Commend)
            .max()
            .unwrap_or(Verdict::Commend);
        let present = result
            .found
            .iter()
            .filter(|code| {
                self.position(code).and_then(|p| self.item(p)).is_some_and(|r| r.kind == ItemKind::Manifestation)
            })
            .count();
        let threshold = usize::try_from(self.policy.breadth.manifestations).unwrap_or(usize::MAX);
        let breadth = Rule::Breadth.verdict();
        let manifestations: Vec<&ItemRule<'_>> =
            unanswered.iter().copied().filter(|r| r.kind == ItemKind::Manifestation).collect();
        let mut most = unanswered.iter().map(|r| self.fresh_verdict(r)).fold(least, Verdict::max);
        if present + manifestations.len() >= threshold {
            most = most.max(breadth);
        }
        // Manifestations that can be present without reaching the breadth rule's level alone.
        let below = manifestations.iter().filter(|r| self.fresh_verdict(r) < breadth).count();
        let open: Vec<&ItemRule<'_>> = unanswered
            .iter()
            .copied()
            .filter(|rule| {
                if self.fresh_verdict(rule) > least {
                    return true;
                }
                // Pivotal for breadth: enough other manifestations below its level make it the
                // one that completes the threshold.
                let others = below.saturating_sub(usize::from(self.fresh_verdict(rule) < breadth));
                rule.kind == ItemKind::Manifestation
                    && breadth > least
                    && present < threshold
                    && present + others + 1 >= threshold
            })
            .collect();
        outlook(least, most, codes(&unanswered), codes(&open))
    }

    /// The level an adverse conclusion on one item reaches in a month with no case before it: its
    /// case opens and escalates at once when the policy inspects it, when its remedy window is
    /// zero, or when one case is already a relapse; otherwise it is helped. (The same conditions
    /// as the month's case opening, without history.)
    pub(super) fn fresh_verdict(&self, rule: &ItemRule<'_>) -> Verdict {
        let inspect_at_once = rule.action == Action::Inspect && rule.kind != ItemKind::Manifestation;
        if inspect_at_once || rule.window == 0 || self.policy.recurrence.cases <= 1 {
            Verdict::Inspect
        } else {
            super::member::help_rule(rule.kind).verdict()
        }
    }
}

fn outlook(least: Verdict, most: Verdict, unanswered: Vec<String>, open_items: Vec<String>) -> Outlook {
    let decided = least == most;
    let explanation = if decided {
        let label = least.label();
        if unanswered.is_empty() {
            Text::new(format!("Kết quả: “{}”.", label.vi), format!("Verdict: “{}”.", label.en))
        } else {
            Text::new(
                format!("Kết quả đã xác định: “{}”, dù các nội dung còn lại được trả lời thế nào.", label.vi),
                format!("The verdict is decided: “{}”, however the remaining items are answered.", label.en),
            )
        }
    } else {
        let (low, high) = (least.label(), most.label());
        let n = open_items.len();
        Text::new(
            format!(
                "Kết quả chưa xác định: từ “{}” đến “{}”; {n} nội dung chưa trả lời có thể thay đổi kết quả.",
                low.vi, high.vi
            ),
            format!(
                "Not decided yet: from “{}” to “{}”; {n} unanswered item{} could still change it.",
                low.en,
                high.en,
                if n == 1 { "" } else { "s" }
            ),
        )
    };
    Outlook { decided, verdict: decided.then_some(least), least, most, unanswered, open_items, explanation }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use proptest::prelude::*;

    use crate::catalogue::{ItemKind, Severity};
    use crate::policy::{Action, Policy};
    use crate::review::{Answer, Finding, MonthlyReview, ReviewStatus};
    use crate::{Catalogue, Evaluator, Organisation, Verdict};

    fn org() -> Organisation {
        Organisation::from_json(
            r#"{"id": "o", "name": {"vi": "O", "en": "O"},
              "units": [{"id": "CB", "name": "Chi bộ", "kind": "cell", "org_type": "commune"}],
              "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
                "memberships": [{"unit": "CB", "from": "2010-01-01"}]}]}"#,
        )
        .unwrap()
    }

    fn review(answers: Vec<Answer>) -> MonthlyReview {
        serde_json::from_value(serde_json::json!({"member": "DV1", "unit": "CB", "month": "2020-09",
            "catalogue": {"id": "central-2020", "version": "2020.1"}, "status": "draft", "answers": []}))
        .map(|r: MonthlyReview| MonthlyReview { answers, status: ReviewStatus::Draft, ..r })
        .unwrap()
    }

    fn clean(kind: ItemKind) -> Finding {
        match kind {
            ItemKind::Manifestation => Finding::None,
            ItemKind::Exemplary => Finding::Good,
            ItemKind::Prohibition => Finding::Clear,
        }
    }

    fn adverse(kind: ItemKind) -> Finding {
        match kind {
            ItemKind::Manifestation => Finding::Present,
            ItemKind::Exemplary => Finding::NotYetGood,
            ItemKind::Prohibition => Finding::Violated,
        }
    }

    /// A policy within the accepted ranges: windows, actions and the breadth threshold vary.
    fn policy(windows: [u32; 3], serious: bool, exemplary: bool, breadth: u32) -> Policy {
        let mut p = Policy::default_2020().unwrap();
        let minor = windows[0];
        let serious_months = windows[1].min(minor);
        let grave = windows[2].min(serious_months);
        for w in &mut p.remedy_windows {
            w.months = match w.severity {
                Severity::Minor => minor,
                Severity::Serious => serious_months,
                Severity::Grave => grave,
            };
        }
        for rule in &mut p.prohibitions {
            rule.action = match rule.severity {
                Severity::Minor => Action::Help,
                Severity::Serious => {
                    if serious {
                        Action::Inspect
                    } else {
                        Action::Help
                    }
                }
                Severity::Grave => Action::Inspect,
            };
        }
        p.exemplary.action = if exemplary { Action::Inspect } else { Action::Help };
        p.breadth.manifestations = breadth;
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// The outlook equals what every completion of the unanswered items gives: the lowest and
        /// highest verdicts, decided when they are equal, and open exactly the items whose answer
        /// changes the verdict for some answers to the others.
        #[test]
        fn outlook_matches_every_completion(
            windows in proptest::array::uniform3(0u32..4),
            serious in any::<bool>(),
            exemplary in any::<bool>(),
            breadth in 1u32..5,
            answers in proptest::collection::vec(0u8..4, 62),
            unanswered in proptest::collection::btree_set(0usize..62, 0..7),
            manifestations_first in any::<bool>(),
        ) {
            let catalogue = Catalogue::central_2020().unwrap();
            let policy = policy(windows, serious, exemplary, breadth);
            prop_assume!(policy.validate().iter().all(|i| i.level != crate::Level::Error));
            let org = org();
            let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
            let items: Vec<(String, ItemKind)> =
                catalogue.items().map(|p| (p.item.code.clone(), p.kind())).collect();
            // Unanswered positions, drawn among the manifestations when asked, so that breadth is tried.
            let mut order: Vec<usize> = (0..items.len()).collect();
            if manifestations_first {
                order.sort_by_key(|&p| items[p].1 != ItemKind::Manifestation);
            }
            let open_slots: Vec<usize> = unanswered.iter().map(|&k| order[k]).collect();
            // Answered items: mostly clean, some adverse, some left out of the list altogether
            // only when they are among the unanswered.
            let mut fixed = Vec::new();
            for (p, (code, kind)) in items.iter().enumerate() {
                if open_slots.contains(&p) {
                    continue;
                }
                let finding = match answers[p] {
                    0 => adverse(*kind),
                    3 if *kind == ItemKind::Exemplary => Finding::NotApplicable,
                    _ => clean(*kind),
                };
                fixed.push(Answer { item: code.clone(), self_assessment: None, cell: Some(finding) });
            }
            let partial = review(fixed.clone());
            let outlook = evaluator.outlook(&partial).unwrap();
            // Every completion, as a bit set over the unanswered items (bit set: adverse).
            let n = open_slots.len();
            let verdict_of = |bits: u32| -> Verdict {
                let mut answers = fixed.clone();
                for (b, &p) in open_slots.iter().enumerate() {
                    let (code, kind) = &items[p];
                    let finding = if bits & (1 << b) != 0 { adverse(*kind) } else { clean(*kind) };
                    answers.push(Answer { item: code.clone(), self_assessment: None, cell: Some(finding) });
                }
                evaluator.evaluate_review(&review(answers)).unwrap().result.verdict
            };
            let verdicts: Vec<Verdict> = (0..1u32 << n).map(verdict_of).collect();
            let least = *verdicts.iter().min().unwrap();
            let most = *verdicts.iter().max().unwrap();
            prop_assert_eq!(outlook.least, least);
            prop_assert_eq!(outlook.most, most);
            prop_assert_eq!(outlook.decided, least == most);
            prop_assert_eq!(outlook.verdict, (least == most).then_some(least));
            let mut expected_open = Vec::new();
            let mut slots: Vec<(usize, usize)> = open_slots.iter().copied().enumerate().collect();
            slots.sort_by_key(|&(_, p)| p);
            for (b, p) in slots {
                let pivotal = (0..1u32 << n).any(|bits| verdicts[(bits | 1 << b) as usize] != verdicts[(bits & !(1 << b)) as usize]);
                if pivotal {
                    expected_open.push(items[p].0.clone());
                }
            }
            prop_assert_eq!(&outlook.open_items, &expected_open);
            let mut expected_unanswered: Vec<usize> = open_slots.clone();
            expected_unanswered.sort_unstable();
            prop_assert_eq!(outlook.unanswered, expected_unanswered.iter().map(|&p| items[p].0.clone()).collect::<Vec<_>>());
            // A complete form is decided on its own verdict.
            if n == 0 {
                prop_assert_eq!(outlook.verdict, Some(evaluator.evaluate_review(&partial).unwrap().result.verdict));
            }
        }
    }

    #[test]
    fn a_violated_prohibition_decides_inspect_and_a_blank_form_is_open() {
        let (catalogue, policy, org) = (Catalogue::central_2020().unwrap(), Policy::default_2020().unwrap(), org());
        let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
        let blank = evaluator.outlook(&review(Vec::new())).unwrap();
        assert!(!blank.decided);
        assert_eq!((blank.least, blank.most), (Verdict::Commend, Verdict::Inspect));
        assert_eq!(blank.unanswered.len(), 62);
        assert_eq!(blank.open_items.len(), 62);
        assert!(
            blank.explanation.vi.starts_with("Kết quả chưa xác định: từ “biểu dương” đến “kiểm tra, xử lý”"),
            "{}",
            blank.explanation.vi
        );
        let violated = Answer { item: "QD47-1".into(), self_assessment: None, cell: Some(Finding::Violated) };
        let decided = evaluator.outlook(&review(vec![violated])).unwrap();
        assert_eq!(decided.verdict, Some(Verdict::Inspect));
        assert!(decided.open_items.is_empty());
        assert_eq!(decided.unanswered.len(), 61);
        assert_eq!(
            decided.explanation.en,
            "The verdict is decided: “inspect and handle”, however the remaining items are answered."
        );
        // Two manifestations present under the default breadth of 3: every other manifestation can
        // still tip it into inspection, every prohibition too, and the exemplary items (help) cannot.
        let present = ["TTCT-1", "TTCT-2"].map(|item| Answer {
            item: item.into(),
            self_assessment: None,
            cell: Some(Finding::Present),
        });
        let open = evaluator.outlook(&review(present.to_vec())).unwrap();
        assert_eq!((open.least, open.most), (Verdict::Help, Verdict::Inspect));
        assert_eq!(open.open_items.len(), 25 + 19, "{:?}", open.open_items);
        assert!(!open.open_items.iter().any(|i| i.starts_with("QD08-GM")));
    }
}
