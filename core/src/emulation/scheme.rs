//! Checking a scheme before use: codes, maxima that add up, bands without holes or overlaps.

use std::collections::HashSet;

use super::Scheme;
use crate::catalogue::{Header, header_issues};
use crate::{Issue, IssueCode, Path, is_valid_code};

impl Scheme {
    /// The findings about this scheme, located by path: identity and dates; criterion, title and
    /// level codes valid and unique (`invalid_code`, `duplicate_code`); every criterion worth at
    /// least a point (`policy_value_out_of_range`) and the maxima adding up to `total_points`
    /// (`scheme_total_mismatch`); every band inside 0 to the total (`scheme_band_invalid`), the
    /// bands covering every total once (`scheme_band_hole`, `scheme_band_overlap`); required
    /// criteria known (`unknown_criterion`).
    ///
    /// ```
    /// let mut scheme = soisua::emulation::Scheme::default_2020()?;
    /// scheme.titles[1].min_points = 75;
    /// let issues = scheme.validate();
    /// assert_eq!(issues[0].code, "scheme_band_hole");
    /// assert_eq!(issues[0].message_en, "no title covers the points from 70 to 74");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = header_issues(&Header {
            id: &self.id,
            version: &self.version,
            title: &self.title,
            issuer: &self.issuer,
            from: self.effective_from,
            until: self.effective_until,
        });
        let criteria = Path::root().key("criteria");
        codes(&criteria, self.criteria.iter().map(|c| c.code.as_str()), &mut issues);
        codes(&Path::root().key("titles"), self.titles.iter().map(|t| t.code.as_str()), &mut issues);
        let levels = Path::root().key("commendation_levels");
        codes(&levels, self.commendation_levels.iter().map(|l| l.code.as_str()), &mut issues);
        for (i, criterion) in self.criteria.iter().enumerate() {
            if criterion.max_points == 0 || criterion.max_points > self.total_points {
                issues.push(
                    Issue::new(IssueCode::PolicyValueOutOfRange, criteria.index(i).key("max_points"))
                        .with("field", "criteria.max_points")
                        .with("value", criterion.max_points)
                        .with("min", 1)
                        .with("max", self.total_points),
                );
            }
        }
        let sum: u64 = self.criteria.iter().map(|c| u64::from(c.max_points)).sum();
        if sum != u64::from(self.total_points) {
            issues.push(
                Issue::new(IssueCode::SchemeTotalMismatch, Path::root().key("total_points"))
                    .with("sum", sum)
                    .with("total", self.total_points),
            );
        }
        self.check_bands(&mut issues);
        issues
    }

    fn check_bands(&self, issues: &mut Vec<Issue>) {
        let titles = Path::root().key("titles");
        let mut bands = Vec::new();
        for (i, title) in self.titles.iter().enumerate() {
            for (j, code) in title.required.iter().enumerate() {
                if self.criterion(code).is_none() {
                    issues.push(
                        Issue::new(IssueCode::UnknownCriterion, titles.index(i).key("required").index(j))
                            .with("criterion", code)
                            .with("scheme", &self.id),
                    );
                }
            }
            if title.min_points > title.max_points || title.max_points > self.total_points {
                issues.push(
                    Issue::new(IssueCode::SchemeBandInvalid, titles.index(i))
                        .with("title", &title.code)
                        .with("from", title.min_points)
                        .with("to", title.max_points)
                        .with("total", self.total_points),
                );
            } else {
                bands.push((title.min_points, title.max_points, i, title.code.as_str()));
            }
        }
        bands.sort_unstable();
        // `next`: the lowest total not yet covered; `reach`: the band that covers furthest so far.
        let mut next: u32 = 0;
        let mut reach: Option<(u32, &str)> = None;
        for (min, max, i, code) in bands {
            if min > next {
                issues
                    .push(Issue::new(IssueCode::SchemeBandHole, titles.clone()).with("from", next).with("to", min - 1));
            }
            if let Some((far, other)) = reach.filter(|(far, _)| min <= *far) {
                issues.push(
                    Issue::new(IssueCode::SchemeBandOverlap, titles.index(i))
                        .with("title", code)
                        .with("other", other)
                        .with("from", min)
                        .with("to", far.min(max)),
                );
            }
            if reach.is_none_or(|(far, _)| max > far) {
                reach = Some((max, code));
            }
            next = next.max(max.saturating_add(1));
        }
        if next <= self.total_points {
            issues.push(Issue::new(IssueCode::SchemeBandHole, titles).with("from", next).with("to", self.total_points));
        }
    }
}

fn codes<'a>(at: &Path, codes: impl Iterator<Item = &'a str>, issues: &mut Vec<Issue>) {
    let mut seen = HashSet::new();
    for (i, code) in codes.enumerate() {
        if !is_valid_code(code) {
            issues.push(Issue::new(IssueCode::InvalidCode, at.index(i).key("code")).with("code", code));
        } else if !seen.insert(code) {
            issues.push(Issue::new(IssueCode::DuplicateCode, at.index(i).key("code")).with("code", code));
        }
    }
}
