use serde_json::json;

use crate::{Level, Organisation};

#[expect(clippy::needless_pass_by_value, reason = "callers build the values inline")]
fn org(units: serde_json::Value, members: serde_json::Value) -> Organisation {
    Organisation::from_value(json!({
        "id": "t",
        "name": {"vi": "Đảng bộ thử", "en": "Test"},
        "units": units,
        "members": members,
    }))
    .unwrap()
}

fn unit(id: &str, kind: &str, parent: Option<&str>) -> serde_json::Value {
    let mut value = json!({"id": id, "name": format!("Đơn vị {id}"), "kind": kind, "org_type": "commune"});
    if let Some(parent) = parent {
        value["parent"] = json!(parent);
    }
    value
}

fn member(id: &str, unit: &str) -> serde_json::Value {
    json!({"id": id, "status": "full", "memberships": [{"unit": unit, "from": "2010-01-01"}]})
}

/// `(code, path, English message)` of each finding.
fn found(org: &Organisation) -> Vec<(String, String, String)> {
    org.validate().into_iter().map(|i| (i.code, i.path.to_string(), i.message_en)).collect()
}

fn triple(code: &str, path: &str, message: &str) -> (String, String, String) {
    (code.to_owned(), path.to_owned(), message.to_owned())
}

fn tree() -> Vec<serde_json::Value> {
    vec![unit("DB", "committee", None), unit("CB-1", "cell", Some("DB")), unit("CB-2", "cell", Some("DB"))]
}

#[test]
fn a_clean_tree_has_no_findings() {
    let o = org(json!(tree()), json!([member("DV1", "CB-1"), member("DV2", "CB-2")]));
    assert_eq!(found(&o), []);
}

#[test]
fn header_ids_names_and_types() {
    let mut o = org(json!(tree()), json!([member("DV1", "CB-1")]));
    o.id = "có dấu cách".into();
    o.name.vi = " ".into();
    o.org_types = Some(vec![
        crate::OrgType { code: "commune".into(), label: crate::Text::new("Xã", "Commune") },
        crate::OrgType { code: "commune".into(), label: crate::Text::new("", "Again") },
    ]);
    o.units[2].org_type = "agency".into();
    assert_eq!(
        found(&o),
        [
            triple(
                "invalid_code",
                "id",
                "the code `có dấu cách` is not valid: use letters, digits, `-`, `_`, `.`, at most 64 characters"
            ),
            triple("empty_text", "name.vi", "the field `name` must not be empty"),
            triple("duplicate_code", "org_types[1].code", "the code `commune` is used more than once"),
            triple("empty_text", "org_types[1].label.vi", "the field `label` must not be empty"),
            triple("unknown_org_type", "units[2].org_type", "the type of organisation `agency` is not in the list"),
        ]
    );
}

#[test]
fn unit_ids_names_and_parents() {
    let mut units = tree();
    units.push(unit("CB-1", "cell", Some("DB")));
    units.push(unit("", "cell", Some("DB")));
    units.push(unit("CB-3", "cell", Some("DB-X")));
    units.push(unit("CB-4", "committee", Some("CB-1")));
    units.push(unit("G-1", "group", Some("DB")));
    units[1]["name"] = json!("");
    units[2]["moves"] = json!([{"on": "2020-01-01", "parent": "NOWHERE"}]);
    let o = org(json!(units), json!([member("DV1", "CB-1")]));
    let issues = found(&o);
    assert_eq!(
        issues,
        [
            triple("empty_text", "units[1].name", "the field `name` must not be empty"),
            triple("unknown_parent", "units[2].moves[0].parent", "the parent `NOWHERE` of `CB-2` does not exist"),
            triple("duplicate_code", "units[3].id", "the code `CB-1` is used more than once"),
            triple(
                "invalid_code",
                "units[4].id",
                "the code `` is not valid: use letters, digits, `-`, `_`, `.`, at most 64 characters"
            ),
            triple("unknown_parent", "units[5].parent", "the parent `DB-X` of `CB-3` does not exist"),
            triple(
                "invalid_parent_kind",
                "units[6].parent",
                "the unit `CB-4` (committee) cannot be under `CB-1` (cell)"
            ),
            triple("invalid_parent_kind", "units[7].parent", "the unit `G-1` (group) cannot be under `DB` (committee)"),
        ]
    );
    let vi = o.validate().into_iter().find(|i| i.code == "invalid_parent_kind").unwrap().message_vi;
    assert_eq!(vi, "đơn vị `CB-4` (committee) không thể trực thuộc `CB-1` (cell)");
}

#[test]
fn parent_kinds_that_are_allowed() {
    let units = json!([
        unit("TU", "committee", None),
        unit("HU", "committee", Some("TU")),
        unit("CB", "cell", Some("HU")),
        unit("TO", "group", Some("CB")),
        unit("ROOT-CELL", "cell", None),
    ]);
    let o = org(units, json!([member("DV1", "TO"), member("DV2", "ROOT-CELL")]));
    assert_eq!(found(&o), []);
}

#[test]
fn cycles_are_reported_once_on_the_smallest_id() {
    let units = json!([
        unit("C", "committee", Some("A")),
        unit("B", "committee", Some("C")),
        unit("A", "committee", Some("B")),
        unit("SELF", "committee", Some("SELF")),
        unit("D", "committee", Some("C")),
        unit("X", "committee", None),
        {"id": "Y", "name": "Y", "kind": "committee", "org_type": "commune", "parent": "X",
         "moves": [{"on": "2020-01-01", "parent": "Z"}]},
        unit("Z", "committee", Some("Y")),
    ]);
    let o = org(units, json!([]));
    assert_eq!(
        found(&o),
        [
            triple("parent_cycle", "units[2].parent", "the unit `A` is its own ancestor"),
            triple("parent_cycle", "units[3].parent", "the unit `SELF` is its own ancestor"),
            triple("parent_cycle", "units[6].moves[0].parent", "the unit `Y` is its own ancestor"),
        ]
    );
    assert_eq!(o.validate()[0].message_vi, "đơn vị `A` nằm trong một vòng cấp trên");
}

#[test]
fn a_long_chain_does_not_overflow_the_stack() {
    let mut units = vec![unit("U0", "committee", None)];
    for i in 1..50_000 {
        units.push(unit(&format!("U{i}"), "committee", Some(&format!("U{}", i - 1))));
    }
    units[0]["parent"] = json!("U49999");
    let o = org(json!(units), json!([]));
    assert_eq!(found(&o), [triple("parent_cycle", "units[0].parent", "the unit `U0` is its own ancestor")]);
}

#[test]
fn unit_dates_and_parent_life() {
    let units = json!([
        {"id": "DB", "name": "DB", "kind": "committee", "org_type": "commune",
         "opened": "2000-01-01", "closed": "2020-06-30"},
        {"id": "DB-2", "name": "DB-2", "kind": "committee", "org_type": "commune",
         "opened": "2020-07-01"},
        {"id": "CB-1", "name": "CB-1", "kind": "cell", "org_type": "commune", "parent": "DB",
         "opened": "2010-01-01", "closed": "2009-01-01"},
        {"id": "CB-2", "name": "CB-2", "kind": "cell", "org_type": "commune", "parent": "DB"},
        {"id": "CB-3", "name": "CB-3", "kind": "cell", "org_type": "commune", "parent": "DB",
         "opened": "2001-01-01", "moves": [{"on": "2020-07-01", "parent": "DB-2"}]},
        {"id": "CB-4", "name": "CB-4", "kind": "cell", "org_type": "commune", "parent": "DB",
         "opened": "2001-01-01", "moves": [{"on": "2020-08-01", "parent": "DB-2"}]},
        {"id": "CB-5", "name": "CB-5", "kind": "cell", "org_type": "commune", "parent": "DB",
         "opened": "2001-01-01", "closed": "2020-06-30"},
    ]);
    let o = org(units, json!([]));
    assert_eq!(
        found(&o),
        [
            triple(
                "invalid_date_range",
                "units[2].closed",
                "the end date `2009-01-01` is before the start date `2010-01-01`"
            ),
            triple("unit_outlives_parent", "units[3].parent", "the unit `CB-2` is open while its parent `DB` is not"),
            triple("unit_outlives_parent", "units[5].parent", "the unit `CB-4` is open while its parent `DB` is not"),
        ]
    );
    let vi = o.validate()[1].message_vi.clone();
    assert_eq!(vi, "đơn vị `CB-2` hoạt động ngoài thời gian hoạt động của `DB`");
}

#[test]
fn memberships() {
    let mut units = tree();
    units[2]["opened"] = json!("2015-01-01");
    units[2]["closed"] = json!("2020-12-31");
    let members = json!([
        {"id": "DV1", "status": "full", "memberships": [
            {"unit": "CB-1", "from": "2010-01-01", "until": "2020-03-31"},
            {"unit": "CB-1", "from": "2020-04-01", "until": "2020-03-01"},
            {"unit": "CB-9", "from": "2020-04-01"},
            {"unit": "DB", "from": "2020-01-01", "until": "2020-01-31"},
        ]},
        {"id": "DV2", "status": "probationary", "name": "", "memberships": [
            {"unit": "CB-2", "from": "2014-01-01", "until": "2020-06-30"},
            {"unit": "CB-2", "from": "2020-07-01"},
        ]},
        {"id": "DV1", "status": "full", "memberships": []},
    ]);
    let o = org(json!(units), members);
    assert_eq!(
        found(&o),
        [
            triple(
                "invalid_date_range",
                "members[0].memberships[1].until",
                "the end date `2020-03-01` is before the start date `2020-04-01`"
            ),
            triple("unknown_unit", "members[0].memberships[2].unit", "the unit `CB-9` does not exist"),
            triple(
                "membership_in_committee",
                "members[0].memberships[3].unit",
                "the member `DV1` belongs directly to the committee `DB`, not to a cell"
            ),
            triple(
                "membership_overlap",
                "members[0].memberships[3]",
                "the member `DV1` belongs to `DB` and `CB-1` at the same time"
            ),
            triple("empty_text", "members[1].name", "the field `name` must not be empty"),
            triple(
                "membership_outside_unit_life",
                "members[1].memberships[0]",
                "the member `DV2` belongs to `CB-2` outside the unit's life"
            ),
            triple(
                "membership_outside_unit_life",
                "members[1].memberships[1]",
                "the member `DV2` belongs to `CB-2` outside the unit's life"
            ),
            triple("duplicate_code", "members[2].id", "the code `DV1` is used more than once"),
            triple("member_without_unit", "members[2].memberships", "the member `DV1` belongs to no unit"),
        ]
    );
    let levels: Vec<Level> = o.validate().iter().map(|i| i.level).collect();
    assert_eq!(levels[2], Level::Warning);
    assert_eq!(levels[8], Level::Warning);
    assert_eq!(levels[3], Level::Error);
}

#[test]
fn overlaps_against_the_longest_running_membership() {
    let members = json!([
        {"id": "DV1", "status": "full", "memberships": [
            {"unit": "CB-2", "from": "2020-03-01", "until": "2020-03-31"},
            {"unit": "CB-1", "from": "2010-01-01"},
            {"unit": "CB-2", "from": "2020-05-01", "until": "2020-05-31"},
        ]},
        {"id": "DV2", "status": "full", "memberships": [
            {"unit": "CB-1", "from": "2010-01-01", "until": "2020-03-31"},
            {"unit": "CB-2", "from": "2020-04-01"},
        ]},
    ]);
    let o = org(json!(tree()), members);
    assert_eq!(
        found(&o),
        [
            triple(
                "membership_overlap",
                "members[0].memberships[0]",
                "the member `DV1` belongs to `CB-2` and `CB-1` at the same time"
            ),
            triple(
                "membership_overlap",
                "members[0].memberships[2]",
                "the member `DV1` belongs to `CB-2` and `CB-1` at the same time"
            ),
        ]
    );
}

#[test]
fn roles() {
    let mut units = tree();
    units[1]["closed"] = json!("2020-06-30");
    let members = json!([
        {"id": "DV1", "status": "full",
         "memberships": [{"unit": "CB-2", "from": "2010-01-01"}],
         "roles": [
            {"kind": "secretary", "unit": "CB-1", "from": "2015-01-01"},
            {"kind": "deputy_secretary", "unit": "CB-1", "from": "2015-01-01", "until": "2020-06-30"},
            {"kind": "committee_member", "unit": "DB-9", "from": "2015-01-01"},
            {"kind": "committee_member", "unit": "DB", "from": "2015-01-01", "until": "2014-01-01"},
         ]},
    ]);
    let o = org(json!(units), members);
    assert_eq!(
        found(&o),
        [
            triple(
                "role_at_closed_unit",
                "members[0].roles[0]",
                "the role `secretary` of `DV1` at `CB-1` falls when the unit is closed"
            ),
            triple("unknown_unit", "members[0].roles[2].unit", "the unit `DB-9` does not exist"),
            triple(
                "invalid_date_range",
                "members[0].roles[3].until",
                "the end date `2014-01-01` is before the start date `2015-01-01`"
            ),
        ]
    );
}
