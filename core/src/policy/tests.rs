use super::*;
use crate::Severity;

fn default() -> Policy {
    Policy::default_2020().unwrap()
}

#[test]
fn the_default_is_clean_and_says_what_the_brief_says() {
    let p = default();
    assert!(p.validate().is_empty(), "{:?}", p.validate());
    assert_eq!(
        [p.window(Severity::Minor), p.window(Severity::Serious), p.window(Severity::Grave)],
        [Some(3), Some(1), Some(0)]
    );
    assert_eq!(p.prohibition(Severity::Minor), Some(Action::Help));
    assert_eq!(p.prohibition(Severity::Serious), Some(Action::Inspect));
    assert_eq!((p.recurrence.cases, p.recurrence.within_months), (3, 6));
    assert_eq!(p.breadth.manifestations, 3);
    assert_eq!(p.limitation.expulsion, None);
}

#[test]
fn holes_overlaps_and_ranges_are_located() {
    let mut p = default();
    p.prohibitions[2].severity = Severity::Serious;
    p.recurrence.cases = 1;
    p.remedy_windows[0].months = 99;
    let issues = p.validate();
    let found: Vec<(String, String)> = issues.iter().map(|i| (i.code.clone(), i.path.to_string())).collect();
    assert!(found.contains(&("policy_severity_repeated".into(), "prohibitions[2].severity".into())), "{found:?}");
    assert!(found.contains(&("policy_severity_missing".into(), "prohibitions".into())), "{found:?}");
    assert!(found.contains(&("policy_value_out_of_range".into(), "recurrence.cases".into())), "{found:?}");
    assert!(found.contains(&("policy_value_out_of_range".into(), "remedy_windows[0].months".into())), "{found:?}");
    let range = issues.iter().find(|i| i.path.to_string() == "recurrence.cases").unwrap();
    assert_eq!(range.message_en, "the value 1 of `recurrence.cases` is outside the accepted range 2–12");
    assert_eq!(range.message_vi, "giá trị 1 của `recurrence.cases` ngoài khoảng cho phép 2–12");
}

#[test]
fn an_inverted_ladder_is_a_warning() {
    let mut p = default();
    p.remedy_windows[2].months = 6;
    let issues = p.validate();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(issues.iter().all(|i| i.code == "policy_ladder_inverted" && !i.is_error()));
    assert_eq!(
        issues[0].message_en,
        "in `remedy_windows`, the severity `grave` is treated more leniently than `serious`"
    );
}

#[test]
fn catalogue_selectors_match_id_and_optional_version() {
    let mut p = default();
    let reference = crate::CatalogueRef { id: "central-2020".into(), version: "2020.1".into() };
    assert!(p.accepts(&reference));
    p.catalogues = Some(vec![CatalogueSelector { id: "central-2020".into(), version: Some("2021.1".into()) }]);
    assert!(!p.accepts(&reference));
    p.catalogues = Some(vec![CatalogueSelector { id: "central-2020".into(), version: None }]);
    assert!(p.accepts(&reference));
}

#[test]
fn json_is_strict_and_located() {
    let err = Policy::from_json(r#"{"id": "x"}"#).unwrap_err();
    assert_eq!(err.code(), "invalid_json");
    let text = default().to_json().replace("\"breadth\"", "\"bredth\"");
    let err = Policy::from_json(&text).unwrap_err();
    assert!(err.to_string().contains("bredth"), "{err}");
}
