//! Checking "good people, good deeds" nominations.

use std::collections::HashSet;

use super::{Decision, Nomination, Nominee, Scheme};
use crate::{Issue, IssueCode, Organisation, Path, is_valid_code};

/// The findings about nominations, located by path (`nominations[1].nominee.member`, …): ids valid and
/// unique (`invalid_code`, `duplicate_code`); a member nominee known (`unknown_member`) and in
/// the organisation in the month of the nomination (`no_unit_in_month`); a person nominee's name
/// not empty and unit known (`empty_text`, `unknown_unit`); the deed and who nominated not empty
/// (`empty_text`); a commendation at a level of the scheme (`unknown_commendation_level`);
/// a decision not dated before the nomination (`decision_before_nomination`).
///
/// ```
/// use soisua::emulation::{validate_nominations, Nomination, Scheme};
/// let org = soisua::Organisation::from_json(r#"{"id": "x", "name": {"vi": "X", "en": "X"},
///   "units": [{"id": "CB-1", "name": "Chi bộ ấp 1", "kind": "cell", "org_type": "commune"}], "members": []}"#)?;
/// let list: Vec<Nomination> = serde_json::from_str(r#"[{"id": "N1",
///   "nominee": {"person": {"name": "Trần Thị B", "unit": "CB-1"}}, "deed": "trả lại của rơi",
///   "nominated_on": "2020-05-02", "nominated_by": "CB-1",
///   "decision": {"status": "commended", "level": "xa"}}]"#).unwrap();
/// let issues = validate_nominations(&org, &Scheme::default_2020()?, &list);
/// assert_eq!(issues[0].code, "unknown_commendation_level");
/// assert_eq!(issues[0].path.to_string(), "nominations[0].decision.level");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn validate_nominations(organisation: &Organisation, scheme: &Scheme, nominations: &[Nomination]) -> Vec<Issue> {
    let org = organisation.index();
    let mut issues = Vec::new();
    let mut ids = HashSet::new();
    for (i, n) in nominations.iter().enumerate() {
        let at = Path::root().key("nominations").index(i);
        if !is_valid_code(&n.id) {
            issues.push(Issue::new(IssueCode::InvalidCode, at.key("id")).with("code", &n.id));
        } else if !ids.insert(n.id.as_str()) {
            issues.push(Issue::new(IssueCode::DuplicateCode, at.key("id")).with("code", &n.id));
        }
        match &n.nominee {
            Nominee::Member(id) => {
                let at = at.key("nominee").key("member");
                match org.member(id) {
                    None => issues.push(Issue::new(IssueCode::UnknownMember, at).with("member", id)),
                    Some(m) if !m.is_member_in(n.month()) => issues
                        .push(Issue::new(IssueCode::NoUnitInMonth, at).with("member", id).with("month", n.month())),
                    Some(_) => {}
                }
            }
            Nominee::Person(person) => {
                let at = at.key("nominee").key("person");
                if person.name.trim().is_empty() {
                    issues.push(Issue::new(IssueCode::EmptyText, at.key("name")).with("field", "nominee.person.name"));
                }
                if org.unit(&person.unit).is_none() {
                    issues.push(Issue::new(IssueCode::UnknownUnit, at.key("unit")).with("unit", &person.unit));
                }
            }
        }
        for (field, text) in [("deed", &n.deed), ("nominated_by", &n.nominated_by)] {
            if text.trim().is_empty() {
                issues.push(Issue::new(IssueCode::EmptyText, at.key(field)).with("field", field));
            }
        }
        let decided_on = match &n.decision {
            Decision::Pending => None,
            Decision::Commended { level, decided_on } => {
                if !scheme.commendation_levels.iter().any(|l| l.code == *level) {
                    issues.push(
                        Issue::new(IssueCode::UnknownCommendationLevel, at.key("decision").key("level"))
                            .with("level", level)
                            .with("scheme", &scheme.id),
                    );
                }
                *decided_on
            }
            Decision::NotCommended { decided_on } => *decided_on,
        };
        if let Some(day) = decided_on.filter(|d| *d < n.nominated_on) {
            issues.push(
                Issue::new(IssueCode::DecisionBeforeNomination, at.key("decision").key("decided_on"))
                    .with("nomination", &n.id)
                    .with("decided_on", day)
                    .with("nominated_on", n.nominated_on),
            );
        }
    }
    issues
}
