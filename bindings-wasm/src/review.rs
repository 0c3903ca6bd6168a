//! The `ReviewBatch` class: a batch of monthly reviews, as a cell exports its month.

use wasm_bindgen::prelude::*;

use crate::value::{self, to_js};
use crate::{Catalogue, OrThrow, Organisation};

/// A batch of monthly reviews.
///
/// ```js
/// const batch = ReviewBatch.synthetic(org, catalogue, "2020-09", 7);
/// batch.length;                      // one review per member of the month
/// batch.validate(catalogue, org);    // findings, located as reviews[i].answers[j].cell
/// ```
#[wasm_bindgen]
pub struct ReviewBatch {
    inner: soisua::ReviewBatch,
}

impl From<soisua::ReviewBatch> for ReviewBatch {
    fn from(inner: soisua::ReviewBatch) -> Self {
        ReviewBatch { inner }
    }
}

#[wasm_bindgen]
impl ReviewBatch {
    /// Reads a batch from JSON text (strict: unknown fields are refused).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<ReviewBatch, JsValue> {
        let text = value::text("text", text).or_throw()?;
        soisua::ReviewBatch::from_json(&text).map(ReviewBatch::from).or_throw()
    }

    /// Reads a batch from a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "ReviewBatchObject")] object: &JsValue,
    ) -> Result<ReviewBatch, JsValue> {
        let json = value::document("object", object).or_throw()?;
        soisua::ReviewBatch::from_value(json).map(ReviewBatch::from).or_throw()
    }

    /// How many reviews the batch holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.reviews.len()
    }

    /// The findings about these reviews against a catalogue and an organisation.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn validate(&self, catalogue: &Catalogue, organisation: &Organisation) -> Result<JsValue, JsValue> {
        to_js(&self.inner.validate(catalogue.as_core(), organisation.as_core())).or_throw()
    }

    /// The batch as pretty-printed JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The batch as a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "ReviewBatchObject")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner).or_throw()
    }
}

/// What only the full module has (the Node build): synthetic data, CSV import, summaries.
#[cfg(feature = "full")]
#[wasm_bindgen]
impl ReviewBatch {
    /// A synthetic month (`2020-09`) of final reviews for every member, the same for the same
    /// seed, at the core's default rates.
    pub fn synthetic(
        organisation: &Organisation,
        catalogue: &Catalogue,
        #[wasm_bindgen(unchecked_param_type = "string")] month: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: &JsValue,
    ) -> Result<ReviewBatch, JsValue> {
        let month: soisua::Month = value::text("month", month).or_throw()?.parse().or_throw()?;
        let seed = value::seed("seed", seed).or_throw()?;
        Ok(soisua::synthetic::reviews(
            organisation.as_core(),
            catalogue.as_core(),
            month,
            seed,
            soisua::synthetic::Rates::default(),
        )
        .into())
    }
}
