//! The `Catalogue` class: a loaded catalogue kept in WebAssembly memory, built once and reused.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::OrThrow;
use crate::value::{self, to_js};

/// An indicator catalogue (manifestations of degradation, exemplary conduct, prohibited acts).
///
/// ```js
/// const central = Catalogue.central2020();
/// central.counts();          // { manifestation: 27, exemplary: 16, prohibition: 19 }
/// central.validate();        // []
/// ```
#[wasm_bindgen]
pub struct Catalogue {
    inner: soisua::Catalogue,
}

impl Catalogue {
    /// The core catalogue.
    pub fn as_core(&self) -> &soisua::Catalogue {
        &self.inner
    }
}

impl From<soisua::Catalogue> for Catalogue {
    fn from(inner: soisua::Catalogue) -> Self {
        Catalogue { inner }
    }
}

/// One item as a flat row, for tables: the keys of the wire JSON, in `snake_case`.
#[derive(Serialize)]
struct Row<'a> {
    code: &'a str,
    kind: soisua::ItemKind,
    group: &'a str,
    subgroup: Option<&'a str>,
    text_vi: &'a str,
    text_en: &'a str,
    severity: soisua::Severity,
    wording: soisua::Wording,
    source_document: &'a str,
    source_point: Option<&'a str>,
    applies_to: &'a [soisua::RoleKind],
    refines: Option<&'a str>,
}

impl<'a> From<soisua::Placed<'a>> for Row<'a> {
    fn from(placed: soisua::Placed<'a>) -> Self {
        let item = placed.item;
        Row {
            code: &item.code,
            kind: placed.kind(),
            group: &placed.group.code,
            subgroup: placed.subgroup.map(|s| s.code.as_str()),
            text_vi: &item.text.vi,
            text_en: &item.text.en,
            severity: item.severity,
            wording: item.wording,
            source_document: &item.source.document,
            source_point: item.source.point.as_deref(),
            applies_to: &item.applies_to,
            refines: item.refines.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct Counts {
    manifestation: usize,
    exemplary: usize,
    prohibition: usize,
}

#[derive(Serialize)]
struct WordingCounts {
    verbatim: usize,
    partial: usize,
    label: usize,
}

#[wasm_bindgen]
impl Catalogue {
    /// The embedded central framework of 2020.
    #[wasm_bindgen(js_name = central2020)]
    pub fn central_2020() -> Result<Catalogue, JsValue> {
        soisua::Catalogue::central_2020().map(Catalogue::from).or_throw()
    }

    /// Reads a catalogue from JSON text (strict: unknown fields are refused).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(#[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue) -> Result<Catalogue, JsValue> {
        let text = value::text("text", text).or_throw()?;
        soisua::Catalogue::from_json(&text).map(Catalogue::from).or_throw()
    }

    /// Reads a catalogue from a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "CatalogueObject")] object: &JsValue,
    ) -> Result<Catalogue, JsValue> {
        let json = value::document("object", object).or_throw()?;
        soisua::Catalogue::from_value(json).map(Catalogue::from).or_throw()
    }

    /// Stable identifier, shared by every version.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Version label.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// `central`, `local` or `synthetic`.
    #[wasm_bindgen(getter, unchecked_return_type = "Origin")]
    pub fn origin(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.origin).or_throw()
    }

    /// Title in Vietnamese and English.
    #[wasm_bindgen(getter, unchecked_return_type = "Text")]
    pub fn title(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.title).or_throw()
    }

    /// This catalogue's id and version.
    #[wasm_bindgen(getter, unchecked_return_type = "CatalogueRef")]
    pub fn reference(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.reference()).or_throw()
    }

    /// How many items of each kind.
    #[wasm_bindgen(unchecked_return_type = "ItemCounts")]
    pub fn counts(&self) -> Result<JsValue, JsValue> {
        let [manifestation, exemplary, prohibition] = self.inner.counts();
        to_js(&Counts { manifestation, exemplary, prohibition }).or_throw()
    }

    /// How many items have official wording, a fragment of it, or a label.
    #[wasm_bindgen(js_name = wordingCounts, unchecked_return_type = "WordingCounts")]
    pub fn wording_counts(&self) -> Result<JsValue, JsValue> {
        let [verbatim, partial, label] = self.inner.wording_counts();
        to_js(&WordingCounts { verbatim, partial, label }).or_throw()
    }

    /// Every item as a flat row, in catalogue order.
    #[wasm_bindgen(unchecked_return_type = "CatalogueItem[]")]
    pub fn items(&self) -> Result<JsValue, JsValue> {
        let rows: Vec<Row<'_>> = self.inner.items().map(Row::from).collect();
        to_js(&rows).or_throw()
    }

    /// The item with this code as a flat row, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "CatalogueItem | undefined")]
    pub fn item(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: &JsValue) -> Result<JsValue, JsValue> {
        let code = value::text("code", code).or_throw()?;
        match self.inner.item(&code) {
            Some(placed) => to_js(&Row::from(placed)).or_throw(),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The findings about this catalogue's content; `refined` is the catalogue named by its
    /// `refines`, when the caller has it.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Catalogue | CatalogueObject | null")] refined: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let refined = refined.unwrap_or(JsValue::UNDEFINED);
        let refined = value::catalogue("refined", &refined).or_throw()?;
        to_js(&self.inner.validate(refined.as_ref())).or_throw()
    }

    /// The catalogue as pretty-printed JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The catalogue as a plain JS object of the wire shape.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "CatalogueObject")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner).or_throw()
    }
}

/// What only the full module has (the Node build): synthetic data, CSV import, summaries.
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Catalogue {
    /// The synthetic local catalogue shaped like the article's 82 / 23 / 22 lists (labels, never
    /// official wording), refining the central one.
    #[wasm_bindgen(js_name = syntheticLocal)]
    pub fn synthetic_local() -> Result<Catalogue, JsValue> {
        let central = soisua::Catalogue::central_2020().or_throw()?;
        Ok(soisua::synthetic::local_catalogue(&central).into())
    }

    /// Builds a catalogue from a JSON header (the catalogue without items) and a CSV of items;
    /// returns the catalogue and the findings about the CSV rows.
    #[wasm_bindgen(js_name = fromCsv, unchecked_return_type = "FromCsvResult")]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] header: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] csv: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let header = value::text("header", header).or_throw()?;
        let csv = value::text("csv", csv).or_throw()?;
        let (catalogue, issues) = soisua::Catalogue::from_csv(&header, &csv).or_throw()?;
        let out = js_sys::Object::new();
        let issues = to_js(&issues).or_throw()?;
        // Properties of a fresh plain object have no setters: these cannot fail.
        let _ = js_sys::Reflect::set(&out, &"catalogue".into(), &Catalogue::from(catalogue).into());
        let _ = js_sys::Reflect::set(&out, &"issues".into(), &issues);
        Ok(out.into())
    }
}
