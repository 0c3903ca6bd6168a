//! What a form shows as a review is filled in: the review evaluated as it stands, its outlook
//! (decided or still open), and its findings placed on the form's fields.

use serde::Serialize;

use super::{Evaluator, Outlook, ReviewResult};
use crate::path::Segment;
use crate::review::MonthlyReview;
use crate::{Error, Issue, Path};

/// A review previewed (see [`Evaluator::preview`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Preview {
    /// The review evaluated as it stands, with its fingerprint.
    pub evaluation: ReviewResult,
    /// Whether the verdict is already decided, and which unanswered items could still change it.
    pub outlook: Outlook,
    /// The findings of `evaluation.issues`, in the same order, each placed on a form field.
    pub fields: Vec<FormFinding>,
}

/// A finding about a review, placed on the form field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FormFinding {
    /// The field: `member`, `unit`, `month`, `catalogue`, `status` or `notes`; `answers.<item>`
    /// for an answer as a whole, `answers.<item>.cell` or `answers.<item>.self` for one of its
    /// findings; `answers` for the list; the empty string for the whole form.
    pub field: String,
    /// The finding itself: code, level, path within the review, messages, parameters.
    #[serde(flatten)]
    pub issue: Issue,
}

impl Evaluator<'_> {
    /// Previews a review as a form shows it while it is being filled in: its evaluation on its
    /// own (verdict, explanation, the cases it opens, findings, fingerprint), its
    /// [`outlook`](Evaluator::outlook), and each finding placed on a form field.
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
    ///     "month": "2020-09", "catalogue": {"id": "central-2020", "version": "2020.1"},
    ///     "status": "draft", "answers": [{"item": "QD47-1", "cell": "violated"},
    ///                                    {"item": "TTCT-3", "cell": "good"}]}"#)?;
    /// let preview = evaluator.preview(&review)?;
    /// assert_eq!(preview.outlook.verdict, Some(Verdict::Inspect));   // decided, whatever comes next
    /// let wrong = preview.fields.iter().find(|f| f.issue.code == "finding_wrong_kind").unwrap();
    /// assert_eq!(wrong.field, "answers.TTCT-3.cell");
    /// assert!(preview.evaluation.fingerprint.starts_with("sha256:"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn preview(&self, review: &MonthlyReview) -> Result<Preview, Error> {
        let evaluation = self.evaluate_review(review)?;
        Ok(self.preview_evaluated(review, evaluation))
    }

    /// [`Evaluator::preview`] of a review already evaluated by [`Evaluator::evaluate_review`]
    /// (`evaluation` must be that review's evaluation by this evaluator): for a caller that keeps
    /// evaluations (a form checking and previewing the same review) and evaluates once.
    pub fn preview_evaluated(&self, review: &MonthlyReview, evaluation: ReviewResult) -> Preview {
        let outlook = self.outlook_evaluated(review, &evaluation);
        let fields = form_fields(review, &evaluation.issues);
        Preview { evaluation, outlook, fields }
    }
}

/// Each of `issues` (findings about `review`) placed on its form field, in the same order.
fn form_fields(review: &MonthlyReview, issues: &[Issue]) -> Vec<FormFinding> {
    issues.iter().map(|issue| FormFinding { field: form_field(review, issue), issue: issue.clone() }).collect()
}

/// The form field a finding about `review` is about (see [`FormFinding::field`]).
pub fn form_field(review: &MonthlyReview, issue: &Issue) -> String {
    field_of(review, &issue.path, issue.params.get("item").map(String::as_str))
}

fn field_of(review: &MonthlyReview, path: &Path, item: Option<&str>) -> String {
    match path.segments() {
        [Segment::Key(answers)] if answers == "answers" => match item {
            // A conclusion missing for an item: its cell field.
            Some(item) => format!("answers.{item}.cell"),
            None => "answers".to_owned(),
        },
        [Segment::Key(answers), Segment::Index(j), rest @ ..] if answers == "answers" => {
            let answer = usize::try_from(*j).ok().and_then(|j| review.answers.get(j));
            let Some(answer) = answer else { return "answers".to_owned() };
            match rest.first() {
                Some(Segment::Key(part)) if part == "cell" || part == "self" => {
                    format!("answers.{}.{part}", answer.item)
                }
                _ => format!("answers.{}", answer.item),
            }
        }
        [Segment::Key(first), ..] => first.clone(),
        [] | [Segment::Index(_), ..] => String::new(),
    }
}
