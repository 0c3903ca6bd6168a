use serde_json::json;

use crate::{Catalogue, Level, Organisation, ReviewBatch};

fn catalogue() -> Catalogue {
    let item = |code: &str, applies: &[&str]| {
        json!({"code": code, "text": {"vi": code, "en": code}, "severity": "minor",
               "source": {"document": "x"}, "wording": "label", "applies_to": applies})
    };
    let group = |code: &str, kind: &str, items: Vec<serde_json::Value>| {
        json!({"code": code, "kind": kind, "title": {"vi": code, "en": code},
               "source": {"document": "x"}, "items": items})
    };
    Catalogue::from_value(json!({
        "id": "thu", "version": "1", "title": {"vi": "Thử", "en": "Test"},
        "origin": "synthetic", "issuer": "x", "document_number": "1",
        "document_date": "2020-01-01", "effective_from": "2020-01-01",
        "effective_until": "2020-12-31",
        "groups": [
            group("BH", "manifestation", vec![item("BH-1", &[]), item("BH-2", &[])]),
            group("NG", "exemplary", vec![item("NG-1", &[]), item("NG-2", &["secretary", "head_of_agency"])]),
            group("KL", "prohibition", vec![item("KL-1", &[])]),
        ],
    }))
    .unwrap()
}

fn org() -> Organisation {
    Organisation::from_value(json!({
        "id": "t", "name": {"vi": "T", "en": "T"},
        "units": [
            {"id": "DB", "name": "DB", "kind": "committee", "org_type": "commune"},
            {"id": "CB-1", "name": "CB-1", "kind": "cell", "org_type": "commune", "parent": "DB"},
            {"id": "CB-2", "name": "CB-2", "kind": "cell", "org_type": "commune", "parent": "DB",
             "closed": "2020-08-31"},
        ],
        "members": [
            {"id": "DV1", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}],
             "roles": [{"kind": "secretary", "unit": "CB-1", "from": "2015-01-01", "until": "2020-09-01"}]},
            {"id": "DV2", "status": "full", "memberships": [{"unit": "CB-1", "from": "2010-01-01"}]},
        ],
    }))
    .unwrap()
}

fn full(member: &str) -> serde_json::Value {
    json!({"member": member, "unit": "CB-1", "month": "2020-09",
    "catalogue": {"id": "thu", "version": "1"}, "status": "final",
    "answers": [
        {"item": "BH-1", "self": "none", "cell": "none"},
        {"item": "BH-2", "cell": "none"},
        {"item": "NG-1", "cell": "good"},
        {"item": "KL-1", "cell": "clear"},
    ]})
}

#[expect(clippy::needless_pass_by_value, reason = "callers build the values inline")]
fn found(reviews: Vec<serde_json::Value>) -> Vec<(String, String, String)> {
    let batch = ReviewBatch::from_value(json!({ "reviews": reviews })).unwrap();
    batch.validate(&catalogue(), &org()).into_iter().map(|i| (i.code, i.path.to_string(), i.message_en)).collect()
}

fn triple(code: &str, path: &str, message: &str) -> (String, String, String) {
    (code.to_owned(), path.to_owned(), message.to_owned())
}

#[test]
fn complete_reviews_are_clean() {
    let mut dv1 = full("DV1");
    dv1["answers"].as_array_mut().unwrap().push(json!({"item": "NG-2", "cell": "good"}));
    assert_eq!(found(vec![dv1, full("DV2")]), []);
}

#[test]
fn the_secretary_must_be_concluded_on_role_items() {
    assert_eq!(
        found(vec![full("DV1")]),
        [triple(
            "missing_cell_conclusion",
            "reviews[0].answers",
            "the cell's conclusion on the item `NG-2` is missing"
        )]
    );
    let batch = ReviewBatch::from_value(json!({ "reviews": [full("DV1")] })).unwrap();
    let review = &batch.reviews[0];
    assert_eq!(review.missing_items(&catalogue(), &org()), ["NG-2"]);
    let issue = &batch.validate(&catalogue(), &org())[0];
    assert_eq!(issue.message_vi, "chưa có kết luận của chi bộ về nội dung `NG-2`");
    assert_eq!(issue.params["item"], "NG-2");
    assert_eq!(issue.level, Level::Error);
}

#[test]
fn drafts_get_warnings_for_missing_conclusions() {
    let mut draft = full("DV2");
    draft["status"] = json!("draft");
    draft["answers"] = json!([{"item": "BH-1", "self": "none"}]);
    let batch = ReviewBatch::from_value(json!({ "reviews": [draft] })).unwrap();
    let issues = batch.validate(&catalogue(), &org());
    let items: Vec<(&str, Level)> = issues.iter().map(|i| (i.params["item"].as_str(), i.level)).collect();
    assert_eq!(
        items,
        [("BH-1", Level::Warning), ("BH-2", Level::Warning), ("NG-1", Level::Warning), ("KL-1", Level::Warning)]
    );
    assert_eq!(batch.reviews[0].missing_items(&catalogue(), &org()), ["BH-1", "BH-2", "NG-1", "KL-1"]);
}

#[test]
fn header_findings() {
    let mut other = full("DV2");
    other["catalogue"] = json!({"id": "thu", "version": "2"});
    let mut late = full("DV2");
    late["month"] = json!("2021-01");
    let mut stranger = full("DV9");
    stranger["unit"] = json!("CB-9");
    let mut closed = full("DV1");
    closed["unit"] = json!("CB-2");
    closed["month"] = json!("2020-10");
    closed["answers"].as_array_mut().unwrap().truncate(0);
    assert_eq!(
        found(vec![other, late, full("DV2"), stranger, closed]),
        [
            triple("catalogue_mismatch", "reviews[0].catalogue", "the review uses the catalogue `thu@2`, not `thu@1`"),
            triple("catalogue_not_in_force", "reviews[1].month", "the catalogue `thu@1` is not in force in 2021-01"),
            triple("duplicate_review", "reviews[2]", "the member `DV2` has two reviews for 2020-09"),
            triple("unknown_member", "reviews[3].member", "the member `DV9` is not in the organisation"),
            triple("unknown_unit", "reviews[3].unit", "the unit `CB-9` does not exist"),
            triple("unit_not_open", "reviews[4].unit", "the unit `CB-2` is not open in 2020-10"),
            triple("member_not_in_unit", "reviews[4].unit", "the member `DV1` does not belong to `CB-2` in 2020-10"),
            triple(
                "missing_cell_conclusion",
                "reviews[4].answers",
                "the cell's conclusion on the item `BH-1` is missing"
            ),
            triple(
                "missing_cell_conclusion",
                "reviews[4].answers",
                "the cell's conclusion on the item `BH-2` is missing"
            ),
            triple(
                "missing_cell_conclusion",
                "reviews[4].answers",
                "the cell's conclusion on the item `NG-1` is missing"
            ),
            triple(
                "missing_cell_conclusion",
                "reviews[4].answers",
                "the cell's conclusion on the item `KL-1` is missing"
            ),
        ]
    );
}

#[test]
fn vietnamese_messages_of_header_findings() {
    let mut other = full("DV2");
    other["catalogue"] = json!({"id": "thu", "version": "2"});
    let batch = ReviewBatch::from_value(json!({ "reviews": [other, full("DV2")] })).unwrap();
    let vi: Vec<String> = batch.validate(&catalogue(), &org()).into_iter().map(|i| i.message_vi).collect();
    assert_eq!(
        vi,
        ["phiếu dùng danh mục `thu@2`, không phải `thu@1`", "đảng viên `DV2` có hai phiếu đánh giá tháng 2020-09"]
    );
}

#[test]
fn answer_findings() {
    let mut review = full("DV2");
    review["answers"] = json!([
        {"item": "BH-1", "self": "violated", "cell": "none"},
        {"item": "BH-2", "cell": "good"},
        {"item": "NG-1", "cell": "good"},
        {"item": "NOPE", "cell": "good"},
        {"item": "KL-1", "cell": "clear"},
        {"item": "BH-1", "cell": "none"},
        {"item": "NG-2", "self": "good"},
    ]);
    let issues = found(vec![review]);
    assert_eq!(
        issues,
        [
            triple(
                "finding_wrong_kind",
                "reviews[0].answers[0].self",
                "the finding `violated` does not apply to the item `BH-1` (a `manifestation`), expected one of: `none`, `present`"
            ),
            triple(
                "finding_wrong_kind",
                "reviews[0].answers[1].cell",
                "the finding `good` does not apply to the item `BH-2` (a `manifestation`), expected one of: `none`, `present`"
            ),
            triple("unknown_item", "reviews[0].answers[3].item", "the item `NOPE` is not in the catalogue"),
            triple("duplicate_answer", "reviews[0].answers[5].item", "the item `BH-1` is answered twice"),
            triple(
                "item_not_applicable",
                "reviews[0].answers[6].item",
                "the item `NG-2` does not apply to the member `DV2`"
            ),
        ]
    );
}

#[test]
fn exemplary_expected_list_and_vietnamese() {
    let mut review = full("DV2");
    review["answers"][2]["cell"] = json!("present");
    let batch = ReviewBatch::from_value(json!({ "reviews": [review] })).unwrap();
    let issue = &batch.validate(&catalogue(), &org())[0];
    assert_eq!(issue.params["expected"], "`good`, `not_yet_good`, `not_applicable`");
    assert_eq!(
        issue.message_vi,
        "kết quả `present` không dùng cho nội dung `NG-1` (loại `exemplary`), cần một trong: `good`, `not_yet_good`, `not_applicable`"
    );
}

#[test]
fn roles_count_in_any_day_of_the_month() {
    // DV1's secretary role ends on 2020-09-01: NG-2 still applies in September, not in October.
    let mut october = full("DV1");
    october["month"] = json!("2020-10");
    october["answers"].as_array_mut().unwrap().push(json!({"item": "NG-2", "cell": "good"}));
    assert_eq!(
        found(vec![october]),
        [triple(
            "item_not_applicable",
            "reviews[0].answers[4].item",
            "the item `NG-2` does not apply to the member `DV1`"
        )]
    );
}

#[test]
fn unknown_members_are_not_asked_for_role_items() {
    let mut review = full("DV9");
    review["answers"] = json!([{"item": "NG-2", "cell": "good"}]);
    let codes: Vec<(String, String)> =
        found(vec![review]).into_iter().map(|(code, _, message)| (code, message)).collect();
    assert_eq!(
        codes,
        [
            ("unknown_member".to_owned(), "the member `DV9` is not in the organisation".to_owned()),
            ("missing_cell_conclusion".to_owned(), "the cell's conclusion on the item `BH-1` is missing".to_owned()),
            ("missing_cell_conclusion".to_owned(), "the cell's conclusion on the item `BH-2` is missing".to_owned()),
            ("missing_cell_conclusion".to_owned(), "the cell's conclusion on the item `NG-1` is missing".to_owned()),
            ("missing_cell_conclusion".to_owned(), "the cell's conclusion on the item `KL-1` is missing".to_owned()),
        ]
    );
}
