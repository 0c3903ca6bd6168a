//! The `Organisation` class: a tree of party units and their members, built once and reused.

use wasm_bindgen::prelude::*;

use crate::OrThrow;
use crate::value::{self, to_js};

/// An organisation: its units (of any depth) and members over time.
///
/// ```js
/// const org = Organisation.synthetic("district", 7);
/// org.summary();   // { id, units: { committee, cell, group }, members }
/// org.validate();  // []
/// ```
#[wasm_bindgen]
pub struct Organisation {
    inner: soisua::Organisation,
}

impl Organisation {
    /// The core organisation.
    pub fn as_core(&self) -> &soisua::Organisation {
        &self.inner
    }
}

impl From<soisua::Organisation> for Organisation {
    fn from(inner: soisua::Organisation) -> Self {
        Organisation { inner }
    }
}

#[wasm_bindgen]
impl Organisation {
    /// Reads an organisation from JSON text (strict: unknown fields are refused).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<Organisation, JsValue> {
        let text = value::text("text", text).or_throw()?;
        soisua::Organisation::from_json(&text).map(Organisation::from).or_throw()
    }

    /// Reads an organisation from a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] object: &JsValue,
    ) -> Result<Organisation, JsValue> {
        let json = value::document("object", object).or_throw()?;
        soisua::Organisation::from_value(json).map(Organisation::from).or_throw()
    }

    /// Identifier of the organisation as a whole.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The findings about this organisation.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn validate(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.validate()).or_throw()
    }

    /// The organisation as pretty-printed JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The organisation as a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "OrganisationObject")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner).or_throw()
    }
}

/// What only the full module has (the Node build): synthetic data, CSV import, summaries.
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Organisation {
    /// A synthetic organisation (`district`, `province` or `nation`), the same for the same seed
    /// (a number up to 2^53-1, or a `BigInt` up to 2^64-1).
    pub fn synthetic(
        #[wasm_bindgen(unchecked_param_type = "Scale")] scale: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: &JsValue,
    ) -> Result<Organisation, JsValue> {
        let scale: soisua::synthetic::Scale = value::text("scale", scale).or_throw()?.parse().or_throw()?;
        let seed = value::seed("seed", seed).or_throw()?;
        Ok(soisua::synthetic::organisation(scale, seed).into())
    }

    /// Counts of units by kind and of members, as the JSON api's `organisation.summary` gives them.
    #[wasm_bindgen(unchecked_return_type = "OrganisationSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        let object = serde_json::to_value(&self.inner).map_err(|e| crate::error::output(&e.to_string())).or_throw()?;
        crate::api::answer("organisation.summary", serde_json::json!({ "organisation": object }))
    }
}
