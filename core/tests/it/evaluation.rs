//! Evaluation end to end: every shared scenario meets its expectations; the scenario vectors are
//! the scenario files (so the three languages run the same inputs); and the invariants hold.

use std::path::PathBuf;

use soisua::evaluation::{Evaluator, History, Ledger};
use soisua::scenario::Scenario;
use soisua::{Catalogue, Organisation, Policy, Verdict};

fn scenarios() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn every_scenario_meets_its_expectations() {
    let all = scenarios();
    assert!(all.len() >= 12);
    for (name, text) in all {
        let report = Scenario::from_json(&text).unwrap().run().unwrap();
        let expect = report.expect.unwrap();
        assert!(expect.passed, "{name}: {:?}", expect.failures);
    }
}

#[test]
fn the_scenario_vectors_run_the_scenario_files() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scenarios.json");
    let vectors: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    let files = scenarios();
    assert_eq!(cases.len(), files.len(), "regenerate with scripts/gen_scenario_vectors.py");
    for (case, (name, text)) in cases.iter().zip(files) {
        let scenario: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(case["op"], "scenario.run");
        assert_eq!(case["input"]["scenario"], scenario, "{name} drifted: run scripts/gen_scenario_vectors.py");
    }
}

#[test]
fn a_report_serialises_and_explains() {
    let (_, text) = scenarios().into_iter().find(|(n, _)| n.starts_with("03-")).unwrap();
    let report = Scenario::from_json(&text).unwrap().run().unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let august = &json["months"][0]["results"][0];
    assert_eq!(august["verdict"], "inspect");
    assert_eq!(august["explanation"]["vi"], "Đồng chí Nguyễn Văn An: kiểm tra vì vi phạm điều không được làm QD47-2");
    let back: soisua::scenario::ScenarioReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn months_must_come_in_order() {
    let catalogue = Catalogue::central_2020().unwrap();
    let policy = Policy::default_2020().unwrap();
    let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
    let mut ledger = Ledger::new();
    let history = History::default();
    let m = |s: &str| s.parse().unwrap();
    evaluator.replay(&mut ledger, &history, m("2020-08"), m("2020-08"), None).unwrap();
    let err = evaluator.replay(&mut ledger, &history, m("2020-08"), m("2020-09"), None).unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    assert_eq!(
        err.to_string(),
        "invalid argument `from`: month 2020-08 is not after the last month evaluated (2020-08): months must come in order"
    );
    let err = evaluator.replay(&mut Ledger::new(), &history, m("2020-08"), m("2020-08"), Some("nowhere")).unwrap_err();
    assert_eq!(err.code(), "unknown_name");
}

#[test]
fn a_policy_for_another_catalogue_is_refused_with_its_finding() {
    let catalogue = Catalogue::central_2020().unwrap();
    let mut policy = Policy::default_2020().unwrap();
    policy.catalogues = Some(vec![soisua::policy::CatalogueSelector { id: "giong-rieng".into(), version: None }]);
    let org: Organisation = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
    let err = Evaluator::new(&catalogue, &policy, &org).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(err.issues()[0].code, "policy_catalogue_mismatch");
    assert_eq!(
        err.message_vi(),
        "không dùng được chính sách: 1 lỗi, lỗi đầu tiên: chính sách `soisua-default@2020.1` không áp dụng cho danh mục `central-2020@2020.1`"
    );
}

#[test]
fn a_synthetic_district_month_is_evaluated_for_every_member() {
    let catalogue = Catalogue::central_2020().unwrap();
    let policy = Policy::default_2020().unwrap();
    let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 7);
    let month = "2020-09".parse().unwrap();
    let batch = soisua::synthetic::reviews(&org, &catalogue, month, 7, soisua::synthetic::Rates::default());
    let evaluator = Evaluator::new(&catalogue, &policy, &org).unwrap();
    let history = History { reviews: batch.reviews, ..History::default() };
    let months = evaluator.replay(&mut Ledger::new(), &history, month, month, None).unwrap();
    let counts = months[0].counts();
    assert_eq!(counts.iter().sum::<usize>(), months[0].results.len());
    assert!(counts[Verdict::Commend as usize] > counts[Verdict::Help as usize], "{counts:?}");
    assert!(counts[Verdict::Inspect as usize] > 0, "{counts:?}");
}
