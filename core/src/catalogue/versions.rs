//! Versions of catalogues over time: which one is in force on a day, and overlaps.

use chrono::NaiveDate;

use super::Catalogue;
use crate::{Issue, IssueCode, Path};

/// Findings about a set of catalogues taken together, each at the path `[i]` of the later of the
/// two catalogues involved: the same id and version given twice (`duplicate_code`), and two
/// versions of one id in force on the same day (`overlapping_validity`).
///
/// ```
/// use soisua::catalogue::check_versions;
///
/// let first = soisua::Catalogue::central_2020()?;
/// let mut second = first.clone();
/// second.version = "2021.1".into();
/// second.effective_from = "2021-01-01".parse().unwrap();
/// second.effective_until = None;
/// let issues = check_versions(&[first.clone(), second.clone()]);
/// assert_eq!(issues[0].code, "overlapping_validity");
/// assert_eq!(issues[0].path.to_string(), "[1]");
///
/// second.effective_from = "2021-10-25".parse().unwrap();
/// assert!(check_versions(&[first, second]).is_empty());
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn check_versions(catalogues: &[Catalogue]) -> Vec<Issue> {
    check_versions_of(catalogues, IssueCode::OverlappingValidity, "catalogue")
}

/// A document versioned by effective date: a catalogue or a policy.
pub(crate) trait Versioned {
    fn id(&self) -> &str;
    fn version(&self) -> &str;
    fn effective_from(&self) -> NaiveDate;
    fn effective_until(&self) -> Option<NaiveDate>;
}

/// Implements [`Versioned`] for documents with `id`, `version`, `effective_from` and
/// `effective_until` fields.
macro_rules! versioned {
    ($($document:ty),* $(,)?) => {
        $(impl $crate::catalogue::Versioned for $document {
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> &str {
                &self.version
            }
            fn effective_from(&self) -> chrono::NaiveDate {
                self.effective_from
            }
            fn effective_until(&self) -> Option<chrono::NaiveDate> {
                self.effective_until
            }
        })*
    };
}

versioned!(
    Catalogue,
    crate::Policy,
    crate::petition::PetitionPolicy,
    crate::household::HouseholdPolicy,
    crate::accountability::AccountabilityPolicy,
    crate::emulation::Scheme,
    crate::meeting::MeetingScheme,
    crate::rating::RatingScheme,
);

/// Refuses a policy whose findings (`found`, its own validation) have errors, or one not in force
/// in some month of `period` (neither on its first nor on its last day): `invalid_document`.
pub(crate) fn usable_for<T: Versioned>(
    policy: &T,
    found: Vec<Issue>,
    period: crate::Period,
) -> Result<(), crate::Error> {
    let mut issues: Vec<Issue> = found.into_iter().filter(Issue::is_error).collect();
    let in_force =
        |day: NaiveDate| policy.effective_from() <= day && policy.effective_until().is_none_or(|until| day <= until);
    if let Some(month) = period.months().find(|m| !in_force(m.first_day()) && !in_force(m.last_day())) {
        issues.push(
            Issue::new(IssueCode::PolicyNotInForce, Path::root().key("effective_from"))
                .with("policy", policy.id())
                .with("month", month),
        );
    }
    if issues.is_empty() { Ok(()) } else { Err(crate::Error::Invalid { document: "policy", issues }) }
}

/// The identity and dates every versioned policy or scheme has.
pub(crate) struct Header<'a> {
    pub(crate) id: &'a str,
    pub(crate) version: &'a str,
    pub(crate) title: &'a crate::Text,
    pub(crate) issuer: &'a str,
    pub(crate) from: NaiveDate,
    pub(crate) until: Option<NaiveDate>,
}

/// Findings about a versioned document's identity and dates (shared by the policies and schemes).
pub(crate) fn header_issues(header: &Header<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    if !crate::is_valid_code(header.id) {
        issues.push(Issue::new(IssueCode::InvalidCode, Path::root().key("id")).with("code", header.id));
    }
    for (field, text) in [
        ("version", header.version),
        ("issuer", header.issuer),
        ("title.vi", header.title.vi.as_str()),
        ("title.en", header.title.en.as_str()),
    ] {
        if text.trim().is_empty() {
            let at = Path::root().key(field.split('.').next().unwrap_or(field));
            issues.push(Issue::new(IssueCode::EmptyText, at).with("field", field));
        }
    }
    if let Some(until) = header.until.filter(|u| *u < header.from) {
        issues.push(
            Issue::new(IssueCode::InvalidDateRange, Path::root().key("effective_until"))
                .with("from", header.from)
                .with("until", until),
        );
    }
    issues
}

/// A value out of its accepted range, as a `policy_value_out_of_range` finding at `at` (shared by
/// the policies and schemes that bound their numbers).
pub(crate) fn range(at: Path, field: &str, value: u32, min: u32, max: u32, issues: &mut Vec<Issue>) {
    if value < min || value > max {
        issues.push(
            Issue::new(IssueCode::PolicyValueOutOfRange, at)
                .with("field", field)
                .with("value", value)
                .with("min", min)
                .with("max", max),
        );
    }
}

/// The findings of [`check_versions`] for any versioned document; `overlap` is the code for two
/// versions in force on one day, whose message names the document as `{name}`.
pub(crate) fn check_versions_of<T: Versioned>(documents: &[T], overlap: IssueCode, name: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (index, later) in documents.iter().enumerate() {
        let earlier = documents.iter().take(index).filter(|c| c.id() == later.id());
        for other in earlier {
            let path = Path::root().index(index);
            if other.version() == later.version() {
                issues.push(
                    Issue::new(IssueCode::DuplicateCode, path)
                        .with("code", format!("{}@{}", later.id(), later.version())),
                );
            } else if overlaps(other, later) {
                issues.push(
                    Issue::new(overlap, path)
                        .with(name, later.id())
                        .with("version", later.version())
                        .with("other", other.version()),
                );
            }
        }
    }
    issues
}

/// Whether two documents are both in force on at least one day.
fn overlaps<T: Versioned>(a: &T, b: &T) -> bool {
    let until = |c: &T| c.effective_until().unwrap_or(NaiveDate::MAX);
    a.effective_from() <= until(b) && b.effective_from() <= until(a)
}

/// The version of catalogue `id` in force on `day`, if any (the first one given, if several are:
/// [`check_versions`] reports that).
///
/// ```
/// use soisua::catalogue::in_force;
///
/// let catalogues = [soisua::Catalogue::central_2020()?];
/// let day = |s: &str| s.parse().unwrap();
/// assert!(in_force(&catalogues, "central-2020", day("2020-09-16")).is_some());
/// assert!(in_force(&catalogues, "central-2020", day("2021-10-25")).is_none());
/// assert!(in_force(&catalogues, "giong-rieng", day("2020-09-16")).is_none());
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn in_force<'a>(catalogues: &'a [Catalogue], id: &str, day: NaiveDate) -> Option<&'a Catalogue> {
    catalogues.iter().find(|c| c.id == id && c.is_in_force(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(id: &str, version: &str, from: &str, until: Option<&str>) -> Catalogue {
        let mut c = Catalogue::central_2020().unwrap();
        c.id = id.to_owned();
        c.version = version.to_owned();
        c.effective_from = from.parse().unwrap();
        c.effective_until = until.map(|u| u.parse().unwrap());
        c
    }

    #[test]
    fn disjoint_versions_and_other_ids_are_fine() {
        let set = [
            version("a", "1", "2018-01-01", Some("2020-12-31")),
            version("a", "2", "2021-01-01", None),
            version("b", "1", "2018-01-01", None),
        ];
        assert!(check_versions(&set).is_empty());
    }

    #[test]
    fn duplicates_and_overlaps() {
        let set = [
            version("a", "1", "2018-01-01", Some("2020-12-31")),
            version("a", "2", "2020-12-31", None),
            version("a", "1", "2030-01-01", None),
        ];
        let issues = check_versions(&set);
        let found: Vec<(&str, String)> = issues.iter().map(|i| (i.code.as_str(), i.path.to_string())).collect();
        assert_eq!(
            found,
            [
                ("overlapping_validity", "[1]".to_owned()),
                ("duplicate_code", "[2]".to_owned()),
                ("overlapping_validity", "[2]".to_owned()),
            ]
        );
        assert_eq!(issues[0].message_en, "the catalogue `a` version `2` is in force at the same time as version `1`");
        assert_eq!(issues[0].message_vi, "danh mục `a` phiên bản `2` có hiệu lực trùng với phiên bản `1`");
        assert_eq!(issues[1].message_en, "the code `a@1` is used more than once");
    }

    #[test]
    fn in_force_picks_the_version_of_the_day() {
        let set = [version("a", "1", "2018-01-01", Some("2020-12-31")), version("a", "2", "2021-01-01", None)];
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(in_force(&set, "a", day("2020-12-31")).unwrap().version, "1");
        assert_eq!(in_force(&set, "a", day("2021-01-01")).unwrap().version, "2");
        assert!(in_force(&set, "a", day("2017-12-31")).is_none());
    }
}
