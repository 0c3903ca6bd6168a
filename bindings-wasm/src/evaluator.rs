//! The `Evaluator` class: a catalogue, a policy and an organisation loaded once, then any number of
//! reviews validated, previewed and fingerprinted as a form is filled in.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::value::{self, to_js};
use crate::{Catalogue, OrThrow, Organisation};

/// The core evaluator, under a name `self_cell` can take with a lifetime.
type Core<'a> = soisua::Evaluator<'a>;

/// What an evaluator is built from, owned by it.
struct Inputs {
    catalogue: soisua::Catalogue,
    policy: soisua::Policy,
    organisation: soisua::Organisation,
}

self_cell::self_cell!(
    /// The inputs and the core evaluator borrowing them.
    struct Owned {
        owner: Inputs,
        #[covariant]
        dependent: Core,
    }
);

/// A catalogue, a policy and an organisation, loaded and indexed once, for a cell secretary's
/// form: the members of a cell, the items that apply to each, and every review checked and
/// previewed as it is entered, with the exact results the core gives everywhere.
///
/// ```js
/// const evaluator = new Evaluator(Catalogue.central2020(), organisation);   // default policy
/// const review = { member: "DV1", unit: "CB1", month: "2020-09",
///   catalogue: { id: "central-2020", version: "2020.1" }, status: "draft",
///   answers: [{ item: "QD47-1", cell: "violated" }] };
/// const preview = evaluator.preview(review);
/// preview.outlook.decided;                 // true: inspect, whatever comes next
/// preview.evaluation.explanation.vi;       // "Đồng chí …: kiểm tra vì vi phạm điều không được làm QD47-1"
/// preview.fields[0].field;                 // "answers.TTCT-1.cell" (a conclusion still missing)
/// evaluator.verify(review, preview.evaluation.fingerprint);   // true
/// ```
#[wasm_bindgen]
pub struct Evaluator {
    owned: Owned,
}

#[derive(Serialize)]
struct MemberRow<'a> {
    id: &'a str,
    name: Option<&'a str>,
    status: soisua::MemberStatus,
    roles: Vec<soisua::RoleKind>,
}

#[derive(Serialize)]
struct Verification {
    matches: bool,
    fingerprint: String,
}

#[wasm_bindgen]
impl Evaluator {
    /// Loads a catalogue and an organisation (copied: the arguments stay usable) under a policy:
    /// the embedded default when absent, otherwise a policy object or its JSON text, checked
    /// first (`invalid_document` with `issues` when it has errors).
    #[wasm_bindgen(constructor)]
    pub fn new(
        catalogue: &Catalogue,
        organisation: &Organisation,
        #[wasm_bindgen(unchecked_optional_param_type = "PolicyObject | string | null")] policy: Option<JsValue>,
    ) -> Result<Evaluator, JsValue> {
        let policy = match policy.filter(|p| !p.is_undefined() && !p.is_null()) {
            None => soisua::Policy::default_2020().or_throw()?,
            Some(p) => match p.as_string() {
                Some(text) => soisua::Policy::from_json(&text).or_throw()?,
                None => soisua::Policy::from_value(crate::value::object("policy", &p)?).or_throw()?,
            },
        };
        let inputs =
            Inputs { catalogue: catalogue.as_core().clone(), policy, organisation: organisation.as_core().clone() };
        let owned =
            Owned::try_new(inputs, |i| soisua::Evaluator::new(&i.catalogue, &i.policy, &i.organisation)).or_throw()?;
        Ok(Evaluator { owned })
    }

    /// The catalogue reference reviews must carry (`{id, version}`).
    #[wasm_bindgen(getter, unchecked_return_type = "CatalogueRef")]
    pub fn catalogue(&self) -> Result<JsValue, JsValue> {
        to_js(&self.owned.borrow_owner().catalogue.reference()).or_throw()
    }

    /// The policy in force, as a plain object.
    #[wasm_bindgen(getter, unchecked_return_type = "PolicyObject")]
    pub fn policy(&self) -> Result<JsValue, JsValue> {
        to_js(&self.owned.borrow_owner().policy).or_throw()
    }

    /// The members of a unit in a month (`2020-09`), in the organisation's order, with the roles
    /// they hold that month: the people a cell's form lists.
    #[wasm_bindgen(unchecked_return_type = "FormMember[]")]
    pub fn members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let unit = value::text("unit", unit).or_throw()?;
        let month = month_of(month)?;
        let org = &self.owned.borrow_owner().organisation;
        if org.unit(&unit).is_none() {
            return Err(crate::error::to_js(&soisua::Error::Unknown {
                what: "unit", what_vi: "đơn vị", name: unit
            }));
        }
        let rows: Vec<MemberRow<'_>> = org
            .members_in(&unit, month)
            .map(|m| MemberRow {
                id: &m.id,
                name: m.name.as_deref(),
                status: m.status,
                roles: m.roles_in(month).map(|r| r.kind).collect(),
            })
            .collect();
        to_js(&rows).or_throw()
    }

    /// The codes of the items that apply to a member in a month, in catalogue order: the items
    /// the member's form asks about (the catalogue's `items()` gives their texts and sources).
    #[wasm_bindgen(js_name = applicableItems, unchecked_return_type = "string[]")]
    pub fn applicable_items(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] member: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let member = value::text("member", member).or_throw()?;
        let month = month_of(month)?;
        to_js(&self.owned.evaluator().applicable_items(&member, month).or_throw()?).or_throw()
    }

    /// Evaluates a review on its own (a plain object or its JSON text): the member's result,
    /// explanation, the cases it opens, findings located in the review, and the fingerprint.
    #[wasm_bindgen(unchecked_return_type = "ReviewResult")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let review = review_of(review)?;
        to_js(&self.owned.evaluator().evaluate_review(&review).or_throw()?).or_throw()
    }

    /// Everything a form shows as it is filled in: the evaluation, the outlook (decided, or the
    /// verdicts still possible and the unanswered items that could change it), and every finding
    /// placed on a form field (`answers.QD47-1.cell`).
    #[wasm_bindgen(unchecked_return_type = "Preview")]
    pub fn preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let review = review_of(review)?;
        to_js(&self.owned.evaluator().preview(&review).or_throw()?).or_throw()
    }

    /// Whether the review's verdict is already decided, and if not what could still change it.
    #[wasm_bindgen(unchecked_return_type = "Outlook")]
    pub fn outlook(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let review = review_of(review)?;
        to_js(&self.owned.evaluator().outlook(&review).or_throw()?).or_throw()
    }

    /// The findings about a whole form, each placed on its field.
    #[wasm_bindgen(js_name = validateForm, unchecked_return_type = "FormFinding[]")]
    pub fn validate_form(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let review = review_of(review)?;
        to_js(&self.fields(&review)?).or_throw()
    }

    /// The findings about one answer as it is entered (`{item, self?, cell?}`), for instant
    /// feedback on one field: an unknown item, a finding of the wrong kind, an item that does
    /// not apply to the member. `form` gives the member, unit, month and catalogue (its answers
    /// are ignored).
    #[wasm_bindgen(js_name = validateAnswer, unchecked_return_type = "FormFinding[]")]
    pub fn validate_answer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] form: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "AnswerObject")] answer: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut review = review_of(form)?;
        let answer = soisua::Answer::from_value(crate::value::object("answer", answer)?).or_throw()?;
        let field = format!("answers.{}", answer.item);
        review.answers = vec![answer];
        let fields = self.fields(&review)?;
        let own: Vec<&soisua::evaluation::FormFinding> = fields
            .iter()
            .filter(|f| f.issue.code != "missing_cell_conclusion")
            .filter(|f| f.field == field || f.field.strip_prefix(&field).is_some_and(|rest| rest.starts_with('.')))
            .collect();
        to_js(&own).or_throw()
    }

    /// The review's fingerprint (`sha256:…`): the same in Rust, Python and JS for the same
    /// catalogue, policy, review and result.
    pub fn fingerprint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<String, JsValue> {
        let review = review_of(review)?;
        Ok(self.owned.evaluator().evaluate_review(&review).or_throw()?.fingerprint)
    }

    /// Whether `fingerprint` is the one this evaluator gives the review (a server confirming a
    /// result computed in a browser).
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] fingerprint: &JsValue,
    ) -> Result<bool, JsValue> {
        Ok(self.verification(review, fingerprint)?.matches)
    }

    /// The check `verify` makes, with the fingerprint this evaluator computes.
    #[wasm_bindgen(js_name = verifyDetail, unchecked_return_type = "Verification")]
    pub fn verify_detail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] fingerprint: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.verification(review, fingerprint)?).or_throw()
    }
}

impl Evaluator {
    /// The review's findings placed on form fields, as `preview` gives them, without its outlook.
    fn fields(&self, review: &soisua::MonthlyReview) -> Result<Vec<soisua::evaluation::FormFinding>, JsValue> {
        let evaluation = self.owned.evaluator().evaluate_review(review).or_throw()?;
        Ok(evaluation
            .issues
            .into_iter()
            .map(|issue| soisua::evaluation::FormFinding {
                field: soisua::evaluation::form_field(review, &issue),
                issue,
            })
            .collect())
    }

    fn verification(&self, review: &JsValue, fingerprint: &JsValue) -> Result<Verification, JsValue> {
        let claimed = value::text("fingerprint", fingerprint).or_throw()?;
        let review = review_of(review)?;
        let fingerprint = self.owned.evaluator().evaluate_review(&review).or_throw()?.fingerprint;
        Ok(Verification { matches: claimed == fingerprint, fingerprint })
    }
}

impl Owned {
    fn evaluator(&self) -> &soisua::Evaluator<'_> {
        self.borrow_dependent()
    }
}

/// A review given as a plain object or its JSON text (strict: unknown fields refused; text in NFC).
fn review_of(review: &JsValue) -> Result<soisua::MonthlyReview, JsValue> {
    match review.as_string() {
        Some(text) => soisua::MonthlyReview::from_json(&text).or_throw(),
        None => soisua::MonthlyReview::from_value(crate::value::object("review", review)?).or_throw(),
    }
}

fn month_of(month: &JsValue) -> Result<soisua::Month, JsValue> {
    value::text("month", month).or_throw()?.parse().or_throw()
}
