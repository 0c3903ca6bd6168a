//! # soisua-wasm — the WebAssembly binding of soisua
//!
//! A thin shell over the `soisua` core, built into an ES module for browsers and Node (see
//! `scripts/build-wasm.sh`). Each function converts its JS arguments, calls the core, and converts
//! the result: no domain logic and no defaults live here.
//!
//! - Classes `Catalogue`, `Organisation` and `ReviewBatch` keep a loaded document in WebAssembly
//!   memory so it is parsed once and reused.
//! - Results are plain JS objects and arrays in the wire JSON shape (`snake_case` keys); findings
//!   are `{code, level, path, message_vi, message_en, params?}`.
//! - Failures throw a real `Error` with `name = "SoisuaError"`, the core's stable `code`,
//!   `messageVi`, `messageEn` and `location` when known. JS values that are not JSON (`NaN`,
//!   `Map`, functions, nesting deeper than JSON text allows) are refused with `invalid_argument`.
//! - `call(op, input)` is the core's JSON api, answering `{ok}` or `{error}` without throwing;
//!   the shared test vectors run through it.
//!
//! ```js
//! import init, { Catalogue, call } from "./pkg/soisua_wasm.js";
//! await init();
//! const central = Catalogue.central2020();
//! console.log(central.counts(), central.validate());
//! ```

// The form's module (`--no-default-features`) leaves some readers of the full module unused.
#![cfg_attr(not(feature = "full"), allow(dead_code))]

#[cfg(feature = "full")]
mod api;
mod catalogue;
mod error;
mod evaluator;
mod meeting;
#[cfg(feature = "full")]
mod office;
mod organisation;
#[cfg(feature = "full")]
mod report;
mod review;
mod types;
mod value;

#[cfg(feature = "full")]
pub use api::{call, operations, parse_period};
pub use catalogue::Catalogue;
pub use evaluator::Evaluator;
pub use meeting::{default_meeting_scheme, preview_meeting, rate_meeting};
#[cfg(feature = "full")]
pub use office::{
    assess_targets, invoke, merge_office, petition_status, rate_members, rate_scenario, rating_scheme, target_fixture,
    target_report,
};
pub use organisation::Organisation;
#[cfg(feature = "full")]
pub use report::{
    build_report, compare_reports, default_report_templates, lift_report, merge_reports, notice_board, radio_list,
    redact, render_report, seal_report, synthetic_year_reports, validate_report_templates,
};
pub use review::ReviewBatch;

use wasm_bindgen::JsValue;

/// Turns a core failure into the `SoisuaError` thrown to JavaScript.
trait OrThrow<T> {
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T> OrThrow<T> for Result<T, soisua::Error> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|error| error::to_js(&error))
    }
}
