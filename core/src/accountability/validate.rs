//! Checking explanations against an organisation.

use std::collections::HashSet;

use super::{Explanation, Head};
use crate::{Issue, IssueCode, Organisation, Path};

/// The findings about explanations, located by path (`explanations[3].unit`, …): units known
/// (`unknown_unit`) and open in the month (`unit_not_open`); a head who is a member known
/// (`unknown_member`) and in the organisation that month (`no_unit_in_month`), a head's name,
/// the requesting body and the summary not empty (`empty_text`); the day given not before the
/// month (`explanation_before_month`); one explanation per unit, month, topic and requesting
/// body (`duplicate_explanation`).
///
/// ```
/// use soisua::accountability::{validate, Explanation};
/// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
///   "units": [{"id": "CB-1", "name": "Chi bộ Văn phòng", "kind": "cell", "org_type": "agency"}],
///   "members": []}"#)?;
/// let explanations: Vec<Explanation> = serde_json::from_str(r#"[{"unit": "CB-1",
///   "head": {"name": "Nguyễn Văn A"}, "month": "2020-09", "topic": "land", "requested_by": "ubkt",
///   "given_on": "2020-08-30", "summary": "giao đất", "accepted": "pending"}]"#).unwrap();
/// let issues = validate(&org, &explanations);
/// assert_eq!(issues[0].code, "explanation_before_month");
/// assert_eq!(issues[0].message_vi, "giải trình tháng 2020-09 ghi ngày 2020-08-30, trước tháng đó");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn validate(organisation: &Organisation, explanations: &[Explanation]) -> Vec<Issue> {
    let org = organisation.index();
    let mut issues = Vec::new();
    let mut seen = HashSet::new();
    for (i, e) in explanations.iter().enumerate() {
        let at = Path::root().key("explanations").index(i);
        match org.unit(&e.unit) {
            None => issues.push(Issue::new(IssueCode::UnknownUnit, at.key("unit")).with("unit", &e.unit)),
            Some(unit) if !unit.is_open_in(e.month) => issues
                .push(Issue::new(IssueCode::UnitNotOpen, at.key("unit")).with("unit", &e.unit).with("month", e.month)),
            Some(_) => {}
        }
        match &e.head {
            Head::Member(id) => match org.member(id) {
                None => {
                    issues.push(Issue::new(IssueCode::UnknownMember, at.key("head").key("member")).with("member", id));
                }
                Some(member) if !member.is_member_in(e.month) => issues.push(
                    Issue::new(IssueCode::NoUnitInMonth, at.key("head").key("member"))
                        .with("member", id)
                        .with("month", e.month),
                ),
                Some(_) => {}
            },
            Head::Name(name) if name.trim().is_empty() => {
                issues.push(Issue::new(IssueCode::EmptyText, at.key("head").key("name")).with("field", "head.name"));
            }
            Head::Name(_) => {}
        }
        for (field, text) in [("requested_by", &e.requested_by), ("summary", &e.summary)] {
            if text.trim().is_empty() {
                issues.push(Issue::new(IssueCode::EmptyText, at.key(field)).with("field", field));
            }
        }
        if e.given_on < e.month.first_day() {
            issues.push(
                Issue::new(IssueCode::ExplanationBeforeMonth, at.key("given_on"))
                    .with("month", e.month)
                    .with("given_on", e.given_on),
            );
        }
        let key = (e.unit.as_str(), e.month, e.topic, crate::nfc(&e.requested_by).into_owned());
        if !seen.insert(key) {
            issues.push(
                Issue::new(IssueCode::DuplicateExplanation, at)
                    .with("unit", &e.unit)
                    .with("topic", e.topic.as_str())
                    .with("month", e.month)
                    .with("requested_by", &e.requested_by),
            );
        }
    }
    issues
}
