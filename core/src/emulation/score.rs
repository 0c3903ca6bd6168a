//! Scoring: a sheet's total and title under a scheme, explained; and the findings about sheets.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Scheme, ScoreSheet, Subject, Title};
use crate::period::Period;
use crate::text::Text;
use crate::{Error, Issue, IssueCode, Organisation, Path};

/// A sheet scored: the total, the title and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreResult {
    /// Who.
    pub subject: Subject,
    /// The period.
    pub period: Period,
    /// The scheme, as `id@version`.
    pub scheme: String,
    /// The points, criterion by criterion, in the scheme's order.
    pub criteria: Vec<CriterionLine>,
    /// The total.
    pub total: u32,
    /// The scheme's total.
    pub total_points: u32,
    /// The title's code (none when no band's requirements are met).
    pub title: Option<String>,
    /// Higher titles whose band holds the total but whose required criteria are not at full marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passed_over: Vec<PassedOver>,
    /// The reasoning in one sentence.
    pub explanation: Text,
}

/// One criterion's points against its maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionLine {
    /// The criterion.
    pub criterion: String,
    /// Points given (0 when the sheet leaves it out).
    pub points: u32,
    /// Its maximum.
    pub max_points: u32,
}

/// A title not awarded for want of full marks on required criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PassedOver {
    /// The title.
    pub title: String,
    /// The required criteria short of full marks.
    pub short_of: Vec<String>,
}

impl Scheme {
    /// Scores one sheet: the total of its points, and the title of the band holding the total —
    /// or, when that title's required criteria are not all at full marks, of the highest band
    /// below whose requirements are met (each title passed over is listed with the criteria it
    /// lacked). The sheet is taken as it is: check it first with [`validate_scores`].
    pub fn score(&self, sheet: &ScoreSheet) -> ScoreResult {
        let points = |code: &str| sheet.points.iter().find(|p| p.criterion == code).map_or(0, |p| p.points);
        let criteria: Vec<CriterionLine> = self
            .criteria
            .iter()
            .map(|c| CriterionLine { criterion: c.code.clone(), points: points(&c.code), max_points: c.max_points })
            .collect();
        let total = criteria.iter().map(|c| c.points).fold(0u32, u32::saturating_add);
        let mut bands: Vec<&Title> = self.titles.iter().filter(|t| t.min_points <= total).collect();
        bands.sort_by_key(|t| std::cmp::Reverse(t.min_points));
        let mut passed_over = Vec::new();
        let mut title = None;
        for band in bands {
            let short_of: Vec<String> = band
                .required
                .iter()
                .filter(|code| criteria.iter().find(|c| c.criterion == **code).is_none_or(|c| c.points < c.max_points))
                .cloned()
                .collect();
            if short_of.is_empty() {
                title = Some(band);
                break;
            }
            passed_over.push(PassedOver { title: band.code.clone(), short_of });
        }
        let explanation = explain(total, self.total_points, title, &passed_over);
        ScoreResult {
            subject: sheet.subject.clone(),
            period: sheet.period,
            scheme: format!("{}@{}", self.id, self.version),
            criteria,
            total,
            total_points: self.total_points,
            title: title.map(|t| t.code.clone()),
            passed_over,
            explanation,
        }
    }
}

fn explain(total: u32, max: u32, title: Option<&Title>, passed_over: &[PassedOver]) -> Text {
    use std::fmt::Write as _;
    let mut vi = format!("tổng {total}/{max} điểm");
    let mut en = format!("total {total}/{max} points");
    for p in passed_over {
        let list = p.short_of.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        let _ = write!(vi, "; không đạt `{}` vì chưa đạt tối đa tiêu chí {list}", p.title);
        let _ = write!(en, "; not `{}`: {list} short of full marks", p.title);
    }
    if let Some(t) = title {
        let _ = write!(vi, "; đạt `{}` ({})", t.code, t.label.vi);
        let _ = write!(en, "; awarded `{}` ({})", t.code, t.label.en);
    } else {
        vi.push_str("; không đạt danh hiệu nào");
        en.push_str("; no title");
    }
    Text::new(vi, en)
}

/// The findings about score sheets under `scheme`, located by path (`scores[2].points[1].points`, …):
/// a subject of the kind the scheme scores (`scheme_subject_mismatch`) and known to the
/// organisation (`unknown_unit`, `unknown_member`), a member in a unit in the period's last month
/// (`no_unit_in_month`); the scheme in force in the period
/// (`scheme_not_in_force`); criteria known (`unknown_criterion`), each once (`duplicate_code`),
/// within their maximum (`points_above_max`), none left out (`missing_criterion`); one sheet per
/// subject and period (`duplicate_score`).
///
/// ```
/// use soisua::emulation::{validate_scores, Scheme, ScoreSheet};
/// let scheme = Scheme::default_2020()?;
/// let sheet: ScoreSheet = serde_json::from_str(r#"{"subject": {"unit": "CB-1"}, "period": "2020",
///   "points": [{"criterion": "nhiem-vu-chinh-tri", "points": 31}]}"#).unwrap();
/// let issues = validate_scores(None, &scheme, &[sheet]);
/// assert_eq!(issues[0].message_en, "the criterion `nhiem-vu-chinh-tri` has 31 points, above its maximum of 30");
/// assert_eq!(issues[1].code, "missing_criterion");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn validate_scores(organisation: Option<&Organisation>, scheme: &Scheme, sheets: &[ScoreSheet]) -> Vec<Issue> {
    let index = organisation.map(Organisation::index);
    let mut issues = Vec::new();
    let mut seen = HashSet::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let at = Path::root().key("scores").index(i);
        let kind = sheet.subject.kind();
        if kind != scheme.applies_to {
            issues.push(
                Issue::new(IssueCode::SchemeSubjectMismatch, at.key("subject"))
                    .with("scheme", &scheme.id)
                    .with("applies_to", scheme.applies_to.as_str())
                    .with("subject", kind.as_str()),
            );
        }
        if let Some(org) = &index {
            match &sheet.subject {
                Subject::Unit(id) => {
                    if org.unit(id).is_none() {
                        let at = at.key("subject").key("unit");
                        issues.push(Issue::new(IssueCode::UnknownUnit, at).with("unit", id));
                    }
                }
                Subject::Member(id) => {
                    let at = at.key("subject").key("member");
                    let last = sheet.period.last_month();
                    match org.member(id) {
                        None => issues.push(Issue::new(IssueCode::UnknownMember, at).with("member", id)),
                        Some(m) if m.unit_in(last).is_none() => {
                            issues
                                .push(Issue::new(IssueCode::NoUnitInMonth, at).with("member", id).with("month", last));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        if !scheme.is_in_force_in(sheet.period) {
            issues.push(
                Issue::new(IssueCode::SchemeNotInForce, at.key("period"))
                    .with("scheme", &scheme.id)
                    .with("period", sheet.period),
            );
        }
        for (j, p) in sheet.points.iter().enumerate() {
            let at = at.key("points").index(j);
            match scheme.criterion(&p.criterion) {
                None => issues.push(
                    Issue::new(IssueCode::UnknownCriterion, at.key("criterion"))
                        .with("criterion", &p.criterion)
                        .with("scheme", &scheme.id),
                ),
                Some(_) if sheet.points.iter().take(j).any(|q| q.criterion == p.criterion) => {
                    issues.push(Issue::new(IssueCode::DuplicateCode, at.key("criterion")).with("code", &p.criterion));
                }
                Some(c) if p.points > c.max_points => issues.push(
                    Issue::new(IssueCode::PointsAboveMax, at.key("points"))
                        .with("criterion", &p.criterion)
                        .with("points", p.points)
                        .with("max", c.max_points),
                ),
                Some(_) => {}
            }
        }
        for c in scheme.criteria.iter().filter(|c| !sheet.points.iter().any(|p| p.criterion == c.code)) {
            issues.push(Issue::new(IssueCode::MissingCriterion, at.key("points")).with("criterion", &c.code));
        }
        if !seen.insert((&sheet.subject, sheet.period)) {
            issues.push(
                Issue::new(IssueCode::DuplicateScore, at)
                    .with("subject", sheet.subject.id())
                    .with("period", sheet.period),
            );
        }
    }
    issues
}

/// Every sheet scored, after checking the scheme and the sheets.
///
/// Errors: `invalid_document` when the scheme or a sheet has errors (the findings say which).
pub fn score_all(
    organisation: Option<&Organisation>,
    scheme: &Scheme,
    sheets: &[ScoreSheet],
) -> Result<Vec<ScoreResult>, Error> {
    usable(scheme)?;
    let errors: Vec<Issue> =
        validate_scores(organisation, scheme, sheets).into_iter().filter(Issue::is_error).collect();
    if !errors.is_empty() {
        return Err(Error::Invalid { document: "request", issues: errors });
    }
    Ok(sheets.iter().map(|s| scheme.score(s)).collect())
}

/// Refuses a scheme with errors.
pub(super) fn usable(scheme: &Scheme) -> Result<(), Error> {
    let errors: Vec<Issue> = scheme.validate().into_iter().filter(Issue::is_error).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid { document: "request", issues: crate::household::prefixed("scheme", errors) })
    }
}
