//! The `Evaluator` class: a catalogue, a policy and an organisation loaded once, then any number of
//! reviews validated, previewed and fingerprinted as a form is filled in.

use std::cell::{RefCell, RefMut};

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
    /// The last review evaluated, with its evaluation: a form checks and previews the same review
    /// (`validateForm`, then `preview`, and again whenever it redraws), and evaluating is a pure
    /// function of the evaluator and the review.
    last: RefCell<Option<Memo>>,
}

/// A review and its evaluation.
struct Memo {
    /// The review as it was given when it was text: the same text is not read again.
    text: Option<String>,
    review: soisua::MonthlyReview,
    evaluation: soisua::evaluation::ReviewResult,
}

/// A review argument, read: JSON text, or a plain object already read into a review.
enum Given {
    Text(String),
    Review(soisua::MonthlyReview),
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
        Ok(Evaluator { owned, last: RefCell::new(None) })
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
        to_js(&self.memo(review)?.evaluation).or_throw()
    }

    /// Everything a form shows as it is filled in: the evaluation, the outlook (decided, or the
    /// verdicts still possible and the unanswered items that could change it), and every finding
    /// placed on a form field (`answers.QD47-1.cell`).
    #[wasm_bindgen(unchecked_return_type = "Preview")]
    pub fn preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let memo = self.memo(review)?;
        to_js(&self.owned.evaluator().preview_evaluated(&memo.review, memo.evaluation.clone())).or_throw()
    }

    /// Whether the review's verdict is already decided, and if not what could still change it.
    #[wasm_bindgen(unchecked_return_type = "Outlook")]
    pub fn outlook(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let memo = self.memo(review)?;
        to_js(&self.owned.evaluator().outlook_evaluated(&memo.review, &memo.evaluation)).or_throw()
    }

    /// The findings about a whole form, each placed on its field.
    #[wasm_bindgen(js_name = validateForm, unchecked_return_type = "FormFinding[]")]
    pub fn validate_form(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MonthlyReviewObject | string")] review: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let memo = self.memo(review)?;
        to_js(&form_fields(&memo.review, &memo.evaluation.issues)).or_throw()
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
        // Not kept as the last review: the form's own review stays the one remembered.
        let mut review = review_of(form)?;
        let answer = soisua::Answer::from_value(crate::value::object("answer", answer)?).or_throw()?;
        let field = format!("answers.{}", answer.item);
        review.answers = vec![answer];
        let evaluation = self.owned.evaluator().evaluate_review(&review).or_throw()?;
        let fields = form_fields(&review, &evaluation.issues);
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
        Ok(self.memo(review)?.evaluation.fingerprint.clone())
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
    fn verification(&self, review: &JsValue, fingerprint: &JsValue) -> Result<Verification, JsValue> {
        let claimed = value::text("fingerprint", fingerprint).or_throw()?;
        let fingerprint = self.memo(review)?.evaluation.fingerprint.clone();
        Ok(Verification { matches: claimed == fingerprint, fingerprint })
    }

    /// The memo of `review` (a plain object or its JSON text): the last one when it is the same
    /// review, otherwise the review read and evaluated, kept as the last one.
    ///
    /// The review is read from JS before anything is borrowed; a call back into this evaluator
    /// while the memo is held (from a setter run by the result's conversion) finds it taken and
    /// works without it.
    fn memo(&self, review: &JsValue) -> Result<Kept<'_>, JsValue> {
        let given = given(review)?;
        let Ok(mut slot) = self.last.try_borrow_mut() else {
            // Only when called back from inside a call: nothing is kept.
            return self.evaluate_given(given).map(|memo| Kept::Own(Box::new(memo)));
        };
        let fresh = match given {
            Given::Text(text) => {
                if slot.as_ref().is_some_and(|memo| memo.text.as_deref() == Some(text.as_str())) {
                    None
                } else {
                    // A text not seen before may still be the review last given as an object.
                    let review = review_from_text(&text)?;
                    match slot.as_mut().filter(|memo| memo.review == review) {
                        Some(memo) => {
                            memo.text = Some(text);
                            None
                        }
                        None => Some(self.evaluate_read(Some(text), review)?),
                    }
                }
            }
            Given::Review(review) => match slot.as_ref().filter(|memo| memo.review == review) {
                Some(_) => None,
                None => Some(self.evaluate_read(None, review)?),
            },
        };
        if let Some(memo) = fresh {
            *slot = Some(memo);
        }
        RefMut::filter_map(slot, Option::as_mut)
            .map(Kept::Slot)
            .map_err(|_| crate::error::to_js(&crate::error::output("no review kept")))
    }

    fn evaluate_given(&self, given: Given) -> Result<Memo, JsValue> {
        match given {
            Given::Text(text) => {
                let review = review_from_text(&text)?;
                self.evaluate_read(Some(text), review)
            }
            Given::Review(review) => self.evaluate_read(None, review),
        }
    }

    fn evaluate_read(&self, text: Option<String>, review: soisua::MonthlyReview) -> Result<Memo, JsValue> {
        let evaluation = self.owned.evaluator().evaluate_review(&review).or_throw()?;
        Ok(Memo { text, review, evaluation })
    }
}

/// The memo a call works on: the evaluator's own, or one made for this call alone.
enum Kept<'a> {
    Slot(RefMut<'a, Memo>),
    Own(Box<Memo>),
}

impl std::ops::Deref for Kept<'_> {
    type Target = Memo;
    fn deref(&self) -> &Memo {
        match self {
            Kept::Slot(memo) => memo,
            Kept::Own(memo) => memo,
        }
    }
}

impl std::ops::DerefMut for Kept<'_> {
    fn deref_mut(&mut self) -> &mut Memo {
        match self {
            Kept::Slot(memo) => memo,
            Kept::Own(memo) => memo,
        }
    }
}

/// The review's findings placed on form fields, as `preview` gives them.
fn form_fields(review: &soisua::MonthlyReview, issues: &[soisua::Issue]) -> Vec<soisua::evaluation::FormFinding> {
    issues
        .iter()
        .map(|issue| soisua::evaluation::FormFinding {
            field: soisua::evaluation::form_field(review, issue),
            issue: issue.clone(),
        })
        .collect()
}

/// A review argument read from JS: its text as is, or the plain object read and checked.
fn given(review: &JsValue) -> Result<Given, JsValue> {
    match review.as_string() {
        Some(text) => Ok(Given::Text(text)),
        None => review_from_value(crate::value::object("review", review)?).map(Given::Review),
    }
}

/// A review from its JSON text, as `MonthlyReview::from_json` reads it: parsed directly (the text
/// in NFC), and only when that fails read again by `from_json`, for its located error.
fn review_from_text(text: &str) -> Result<soisua::MonthlyReview, JsValue> {
    match serde_json::from_str(&soisua::nfc(text)) {
        Ok(review) => Ok(review),
        Err(_) => soisua::MonthlyReview::from_json(text).or_throw(),
    }
}

impl Owned {
    fn evaluator(&self) -> &soisua::Evaluator<'_> {
        self.borrow_dependent()
    }
}

/// A review given as a plain object or its JSON text (strict: unknown fields refused; text in NFC).
fn review_of(review: &JsValue) -> Result<soisua::MonthlyReview, JsValue> {
    match given(review)? {
        Given::Text(text) => review_from_text(&text),
        Given::Review(review) => Ok(review),
    }
}

/// A review from a JSON value read from JS, as `MonthlyReview::from_value` reads it: when all its
/// text is ASCII (so already in NFC) it is deserialised as it is, and only when that fails read
/// by `from_value`, for its located error.
fn review_from_value(value: serde_json::Value) -> Result<soisua::MonthlyReview, JsValue> {
    if value::is_ascii(&value) {
        if let Ok(review) = <soisua::MonthlyReview as serde::Deserialize>::deserialize(&value) {
            return Ok(review);
        }
    }
    soisua::MonthlyReview::from_value(value).or_throw()
}

fn month_of(month: &JsValue) -> Result<soisua::Month, JsValue> {
    value::text("month", month).or_throw()?.parse().or_throw()
}
