//! A few tests run inside WebAssembly itself (`wasm-bindgen-test`, under Node): the classes and
//! functions as compiled for `wasm32-unknown-unknown`, with real `JsValue`s, so that what only
//! happens on that target (the JS value reader, thrown errors, the embedded catalogue) is covered
//! in Rust as well as by the Node tests. Run by `scripts/test-wasm.sh`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs, reason = "tests")]

use js_sys::{Array, Reflect};
use soisua_wasm::{Catalogue, Evaluator, Organisation, call};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ORG: &str = r#"{"id": "o", "name": {"vi": "Xã An Bình", "en": "An Binh"},
  "units": [{"id": "CB1", "name": "Chi bộ thôn Đông", "kind": "cell", "org_type": "commune"}],
  "members": [{"id": "DV1", "name": "Nguyễn Văn An", "status": "full",
    "memberships": [{"unit": "CB1", "from": "2010-01-01"}]}]}"#;

fn review(answers: &str) -> JsValue {
    let text = format!(
        r#"{{"member": "DV1", "unit": "CB1", "month": "2020-09",
            "catalogue": {{"id": "central-2020", "version": "2020.1"}}, "status": "draft", "answers": {answers}}}"#
    );
    js_sys::JSON::parse(&text).unwrap()
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| Reflect::get(&v, &JsValue::from_str(key)).unwrap())
}

fn evaluator() -> Evaluator {
    let org = Organisation::from_json(&JsValue::from_str(ORG)).unwrap();
    Evaluator::new(&Catalogue::central_2020().unwrap(), &org, None).unwrap()
}

#[wasm_bindgen_test]
fn the_embedded_catalogue_loads_and_validates_clean() {
    let central = Catalogue::central_2020().unwrap();
    assert_eq!(central.id(), "central-2020");
    let findings = central.validate(None).unwrap();
    assert_eq!(Array::from(&findings).length(), 0);
}

#[wasm_bindgen_test]
fn a_violated_prohibition_decides_inspect_in_the_preview() {
    let preview = evaluator().preview(&review(r#"[{"item": "QD47-1", "cell": "violated"}]"#)).unwrap();
    assert_eq!(get(&preview, &["outlook", "verdict"]).as_string().as_deref(), Some("inspect"));
    assert_eq!(get(&preview, &["outlook", "decided"]).as_bool(), Some(true));
    let explanation = get(&preview, &["evaluation", "explanation", "vi"]).as_string().unwrap();
    assert!(explanation.starts_with("Đồng chí Nguyễn Văn An: kiểm tra"), "{explanation}");
}

#[wasm_bindgen_test]
fn a_fingerprint_is_the_one_the_json_api_gives_and_verifies() {
    let evaluator = evaluator();
    let form = review(r#"[{"item": "TTCT-3", "cell": "present"}]"#);
    let fingerprint = evaluator.fingerprint(&form).unwrap();
    assert!(fingerprint.starts_with("sha256:") && fingerprint.len() == 71, "{fingerprint}");
    assert!(evaluator.verify(&form, &JsValue::from_str(&fingerprint)).unwrap());
    let input = js_sys::Object::new();
    Reflect::set(&input, &"catalogue".into(), &"central-2020".into()).unwrap();
    Reflect::set(&input, &"organisation".into(), &js_sys::JSON::parse(ORG).unwrap()).unwrap();
    Reflect::set(&input, &"review".into(), &form).unwrap();
    let answer = call(&JsValue::from_str("evaluation.review"), Some(input.into()));
    assert_eq!(get(&answer, &["ok", "fingerprint"]).as_string(), Some(fingerprint));
}

#[wasm_bindgen_test]
fn bad_values_are_thrown_as_typed_errors() {
    let evaluator = evaluator();
    for bad in [JsValue::UNDEFINED, JsValue::NULL, JsValue::from_f64(f64::NAN), JsValue::from_str("{")] {
        let error = evaluator.preview(&bad).unwrap_err();
        assert!(error.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&error, &["name"]).as_string().as_deref(), Some("SoisuaError"));
        assert!(get(&error, &["code"]).as_string().is_some_and(|c| !c.is_empty()));
    }
    let unknown = evaluator.preview(&review("[]").into()).map(|_| ());
    assert!(unknown.is_ok());
}
