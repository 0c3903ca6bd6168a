//! The committee office's other records (term targets, quality ratings, cell meetings, petitions,
//! dialogues, household follow-up, accountability, emulation): `invoke` for any operation, and
//! typed functions for the common ones. Each converts its arguments, runs the core's operation and
//! returns its answer or throws a `SoisuaError`; none holds a rule of its own.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::api::answer;
use crate::value::{document, object, text};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The areas of the committee office's other records, as `mergeOffice` names them. */
export type OfficeArea =
  | "target" | "rating" | "meeting" | "petition" | "dialogue" | "household" | "accountability" | "emulation";

/** A text in Vietnamese and English. */
export interface BilingualText { vi: string; en: string }

/** An area's report: a tally per unit and period, rolled up to a scope (merges exactly). */
export interface Rollup<T> {
  scope?: { unit: string; name: string; kind: UnitKind; org_type: string };
  /** Per unit, the periods counted (`2020-09`, `2020-Q3`, `2020`, `2015-2020`). */
  coverage: Record<string, string[]>;
  total: T;
  by_org_type?: Record<string, T>;
  rows?: Record<string, { label: { unit: string; name: string; kind: UnitKind; org_type: string }; tally: T }>;
}

/** One term target. */
export interface Target {
  code: string;
  label: BilingualText;
  measure: string;
  direction: "higher" | "lower";
  baseline?: number;
  target: number;
  actual?: number;
  source?: string;
}

/** The targets a unit's congress resolution set for a term (`2015-2020`). */
export interface TargetSheet {
  id: string;
  unit: string;
  term: string;
  title: BilingualText;
  source?: string;
  targets: Target[];
}

export type TargetStatus = "not_reported" | "not_achieved" | "achieved" | "exceeded";

export interface TargetTally {
  sheets: number;
  targets: number;
  reported: number;
  /** Achieved or exceeded. */
  achieved: number;
  exceeded: number;
  not_achieved: number;
  not_reported: number;
}

export interface TargetAssessment {
  sheet: string;
  unit: string;
  term: string;
  targets: (Target & { attainment?: number; progress?: number; status: TargetStatus; why: BilingualText })[];
  tally: TargetTally;
}

/** A rating scheme: the points frame, the levels (highest first) and the caps. */
export interface RatingScheme {
  id: string;
  version: string;
  title: BilingualText;
  issuer: string;
  document_number?: string;
  status: string;
  effective_from: string;
  effective_until?: string;
  frame: { code: string; label: BilingualText; max: number }[];
  levels: { code: string; label: BilingualText; min_points: number; requires?: { code: string; label: BilingualText }[] }[];
  caps?: { when: RatingCapWhen; level: string; source: string }[];
}

export type RatingCapWhen = "manifestation_concluded" | "prohibition_violated" | "case_escalated" | "disciplined";

/** What people give for one member and period (a quarter or a year). */
export interface RatingInput {
  member: string;
  period: string;
  points: Record<string, number>;
  conditions?: Record<string, boolean>;
}

/** What the monthly evaluation found about a member in the period. */
export interface RatingEvidence {
  manifestation_concluded?: { month: string; item: string }[];
  prohibition_violated?: { month: string; item: string }[];
  case_escalated?: { month: string; item: string }[];
  disciplined?: { month: string; item: string }[];
  verdicts?: Record<string, number>;
}

export interface Rating {
  member: string;
  period: string;
  points: number;
  points_level: string;
  level: string;
  label: BilingualText;
  verdicts?: Record<string, number>;
  steps: { kind: "points" | "condition" | "cap"; level: string; why: BilingualText }[];
}

export interface RatingTally { rated: number; levels?: Record<string, number>; capped: number; conditioned: number }

export interface RatingAnswer { scheme: string; ratings: Rating[]; issues: Finding[] }

export interface RatingScenarioAnswer extends RatingAnswer {
  months_evaluated: string[];
  evidence: Record<string, RatingEvidence>;
  report: Rollup<RatingTally>;
  left_out: string[];
}
"#;

/// A request built field by field; absent optional arguments are left out.
struct Request(Map<String, Value>);

impl Request {
    fn new() -> Self {
        Request(Map::new())
    }

    fn with(mut self, name: &str, value: Value) -> Self {
        self.0.insert(name.to_owned(), value);
        self
    }

    fn maybe(self, name: &'static str, value: Option<JsValue>) -> Result<Self, JsValue> {
        match value.filter(|v| !v.is_undefined() && !v.is_null()) {
            None => Ok(self),
            Some(v) => Ok(self.with(name, document(name, &v).map_err(|e| crate::error::to_js(&e))?)),
        }
    }

    fn run(self, op: &str) -> Result<JsValue, JsValue> {
        answer(op, Value::Object(self.0))
    }
}

fn doc(name: &'static str, value: &JsValue) -> Result<Value, JsValue> {
    document(name, value).map_err(|e| crate::error::to_js(&e))
}

/// Runs any operation `call` accepts on a plain-object input and returns its `ok` part, throwing
/// a `SoisuaError` where `call` would answer `{error}`.
///
/// ```js
/// invoke("target.assess", { sheet }).tally.achieved;   // 31 for the article's sheet
/// ```
#[wasm_bindgen(unchecked_return_type = "unknown")]
pub fn invoke(
    #[wasm_bindgen(unchecked_param_type = "Operation")] op: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] input: &JsValue,
) -> Result<JsValue, JsValue> {
    let op = text("op", op).map_err(|e| crate::error::to_js(&e))?;
    answer(&op, object("input", input)?)
}

/// The article's term 2015–2020 targets (34, 31 achieved, 22 exceeded; 29 rows a labelled fixture).
#[wasm_bindgen(js_name = targetFixture, unchecked_return_type = "TargetSheet")]
pub fn target_fixture() -> Result<JsValue, JsValue> {
    Request::new().run("target.fixture")
}

/// Each target's attainment, progress and status, and the counts.
///
/// ```js
/// assessTargets(targetFixture()).tally;   // { targets: 34, achieved: 31, exceeded: 22, … }
/// ```
#[wasm_bindgen(js_name = assessTargets, unchecked_return_type = "TargetAssessment")]
pub fn assess_targets(
    #[wasm_bindgen(unchecked_param_type = "TargetSheet")] sheet: &JsValue,
) -> Result<JsValue, JsValue> {
    Request::new().with("sheet", object("sheet", sheet)?).run("target.assess")
}

/// Term targets rolled up over the units of `scope` (absent: the whole organisation).
#[wasm_bindgen(js_name = targetReport, unchecked_return_type = "Rollup<TargetTally>")]
pub fn target_report(
    #[wasm_bindgen(unchecked_param_type = "OrganisationObject")] organisation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TargetSheet[]")] sheets: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("organisation", object("organisation", organisation)?)
        .with("sheets", doc("sheets", sheets)?)
        .maybe("scope", scope)?
        .run("target.report")
}

/// The embedded rating scheme in force on a day (`YYYY-MM-DD`; absent: QĐ 366-QĐ/TW).
#[wasm_bindgen(js_name = ratingScheme, unchecked_return_type = "RatingScheme")]
pub fn rating_scheme(
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] on: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new().maybe("on", on)?.run("rating.scheme")
}

/// Members rated from points, attested conditions and evidence (per member).
#[wasm_bindgen(js_name = rateMembers, unchecked_return_type = "RatingAnswer")]
pub fn rate_members(
    #[wasm_bindgen(unchecked_param_type = "RatingInput[]")] inputs: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, RatingEvidence> | null")] evidence: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "RatingScheme | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("inputs", doc("inputs", inputs)?)
        .maybe("evidence", evidence)?
        .maybe("scheme", scheme)?
        .run("rating.rate")
}

/// Members rated with the evidence of a scenario's months in `period`, and the roll-up.
#[wasm_bindgen(js_name = rateScenario, unchecked_return_type = "RatingScenarioAnswer")]
pub fn rate_scenario(
    #[wasm_bindgen(unchecked_param_type = "ScenarioObject")] scenario: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] period: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RatingInput[]")] inputs: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] scope: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "RatingScheme | null")] scheme: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    Request::new()
        .with("scenario", object("scenario", scenario)?)
        .with("period", doc("period", period)?)
        .with("inputs", doc("inputs", inputs)?)
        .maybe("scope", scope)?
        .maybe("scheme", scheme)?
        .run("rating.scenario")
}

/// Reports of one area (`target`, `rating`, `meeting`, `petition`, `dialogue`, `household`,
/// `accountability`, `emulation`) with disjoint coverage merged.
#[wasm_bindgen(js_name = mergeOffice, unchecked_return_type = "Rollup<unknown>")]
pub fn merge_office(
    #[wasm_bindgen(unchecked_param_type = "OfficeArea")] area: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rollup<unknown>[]")] reports: &JsValue,
) -> Result<JsValue, JsValue> {
    let area = text("area", area).map_err(|e| crate::error::to_js(&e))?;
    Request::new().with("reports", doc("reports", reports)?).run(&format!("{area}.merge"))
}
