//! Report templates: which sections and rows a report shows, per type of organisation, as data;
//! and rendering a report through them into labelled tables that every export writes.
//!
//! The embedded default ([`Templates::default_2020`], `core/data/report-templates-default.json`)
//! is the project's reading of the monthly, quarterly and yearly forms the article mentions; its
//! headings are labels, not official wording. A committee office replaces it with its own file.
//!
//! ```
//! use soisua::report::Templates;
//! let templates = Templates::default_2020()?;
//! assert!(templates.validate().is_empty());
//! let army = templates.sections_for(Some("army"));
//! let commune = templates.sections_for(Some("commune"));
//! assert!(army.iter().map(|s| s.rows.len()).sum::<usize>() < commune.iter().map(|s| s.rows.len()).sum::<usize>());
//! # Ok::<(), soisua::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::office::{OfficeFigures, Source};
use super::{Block, Comparison, Report};
use crate::{Catalogue, Error, Issue, IssueCode, OrgType, Path, Period, Text};

const DEFAULT: &str = include_str!("../../data/report-templates-default.json");

/// A set of report templates: the sections every report shows, and what each type of
/// organisation leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Templates {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// First day in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// What types of organisation leave out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
}

/// A section of a report: one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Identifier, unique in the templates (also the XLSX sheet name).
    pub id: String,
    /// Heading.
    pub title: Text,
    /// What the rows are.
    pub kind: SectionKind,
    /// Where the figures come from: the monthly evaluation (the default) or an office area's
    /// roll-up. A section whose roll-up is not given to [`render`] is left out.
    #[serde(default, skip_serializing_if = "Source::is_evaluation")]
    pub source: Source,
    /// The columns. For `figures` sections, labels of the row figures; for `units` and `org_types`,
    /// the figure each column shows (its id is the figure name); for `top_items`, one column.
    pub columns: Vec<Column>,
    /// The rows of a `figures` section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<TemplateRow>,
    /// How many rows a `top_items` section shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The breakdown a `keys` section shows, one row per code (an office figure such as
    /// `by_level` or `by_topic`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<String>,
    /// Labels of a `keys` section's codes (a code without one is shown as itself).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Text>,
}

/// What the rows of a section are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Fixed rows, each naming its figures.
    Figures,
    /// The items with the most findings.
    TopItems,
    /// One row per unit directly under the scope.
    Units,
    /// One row per type of organisation.
    OrgTypes,
    /// One row per code of an office area's breakdown (`breakdown`), in one column.
    Keys,
}

impl SectionKind {
    fn as_str(self) -> &'static str {
        match self {
            SectionKind::Figures => "figures",
            SectionKind::TopItems => "top_items",
            SectionKind::Units => "units",
            SectionKind::OrgTypes => "org_types",
            SectionKind::Keys => "keys",
        }
    }
}

/// A column of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Identifier (for `units` and `org_types` sections: the figure name).
    pub id: String,
    /// Heading.
    pub label: Text,
}

/// A fixed row of a `figures` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateRow {
    /// Identifier, unique in its section.
    pub id: String,
    /// Label.
    pub label: Text,
    /// One figure name per column (`null`: an empty cell).
    pub figures: Vec<Option<String>>,
}

/// What some types of organisation leave out of the common sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The types of organisation (codes).
    pub org_types: Vec<String>,
    /// Sections left out, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omit_sections: Vec<String>,
    /// Rows left out, as `section.row`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omit_rows: Vec<String>,
}

/// A rendered report: labelled tables, what every export writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title.
    pub title: Text,
    /// The unit reported on.
    pub scope: Text,
    /// The period (`2020-09`, `2020-Q3`, `2020`, `2020-2025`, or the months covered).
    pub period: String,
    /// What the report covers, in words.
    pub coverage: Text,
    /// The templates used (`id@version`) and the type of organisation they were applied for.
    pub template: String,
    /// The tables, in the templates' order.
    pub tables: Vec<Table>,
}

/// A table of a rendered report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The section's id.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// Where the figures come from (absent: the monthly evaluation).
    #[serde(default, skip_serializing_if = "Source::is_evaluation")]
    pub source: Source,
    /// The periods an office area's roll-up covers, when they are not the document's (a
    /// quarter's ratings in a monthly report, the term of the targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Column headings (the row label column not included).
    pub columns: Vec<Text>,
    /// The rows.
    pub rows: Vec<TableRow>,
}

/// A row of a rendered table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// A stable key (row id, unit id, org type code, item code).
    pub key: String,
    /// Label.
    pub label: Text,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// A cell: a count, a signed change, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// A count.
    Count(u64),
    /// A change against an earlier period.
    Change(i64),
    /// No value.
    Empty,
}

/// What rendering needs besides the report and the templates.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions<'a> {
    /// The catalogue, for the labels of items (codes only without it).
    pub catalogue: Option<&'a Catalogue>,
    /// The types of organisation, for their labels (the defaults without them).
    pub org_types: Option<&'a [OrgType]>,
    /// The period to name (the months covered without it).
    pub period: Option<Period>,
    /// Earlier reports to compare with, each with its label (`Kỳ trước` / `Previous period`).
    pub comparisons: Vec<(Text, Comparison)>,
    /// The committee office's roll-ups, for the sections whose `source` is an office area (one
    /// per area; a later one of the same area replaces an earlier one).
    pub office: Vec<OfficeFigures>,
}

impl Table {
    /// The heading with the table's own period, when it has one: `Xếp loại chất lượng (2020-Q3)`.
    pub fn heading(&self) -> Text {
        match &self.period {
            Some(period) => Text::new(format!("{} ({period})", self.title.vi), format!("{} ({period})", self.title.en)),
            None => self.title.clone(),
        }
    }
}

impl Templates {
    /// The embedded default templates.
    pub fn default_2020() -> Result<Templates, Error> {
        Templates::from_json(DEFAULT)
    }

    /// Reads templates from JSON text (strict; structure errors located).
    pub fn from_json(text: &str) -> Result<Templates, Error> {
        crate::json::parse("report templates", text)
    }

    /// Reads templates from a JSON value already in memory.
    pub fn from_value(value: serde_json::Value) -> Result<Templates, Error> {
        crate::json::from_value("report templates", value)
    }

    /// The templates as JSON text (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// `id@version`.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// Findings about the templates: repeated ids, unknown figures, rows whose figures do not
    /// match their section's columns, overrides naming what does not exist.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let probe = Block::default();
        let evaluation_knows = |name: &str| probe.figure(name).is_some();
        let mut ids = BTreeSet::new();
        let mut parts = BTreeSet::new();
        for (i, section) in self.sections.iter().enumerate() {
            let at = Path::root().key("sections").index(i);
            if !ids.insert(section.id.as_str()) {
                issues.push(Issue::new(IssueCode::DuplicateCode, at.key("id")).with("code", &section.id));
            }
            parts.insert(section.id.clone());
            let source = section.source;
            let office_fields = (!source.is_evaluation()).then(|| source.fields());
            let known = |name: &str| match &office_fields {
                Some(fields) => super::office::knows(fields, name),
                None => evaluation_knows(name),
            };
            let kind_fits = match section.kind {
                SectionKind::TopItems => source.is_evaluation(),
                SectionKind::Keys => !source.is_evaluation(),
                _ => true,
            };
            if !kind_fits {
                issues.push(
                    Issue::new(IssueCode::TemplateKindSource, at.key("kind"))
                        .with("section", &section.id)
                        .with("kind", section.kind.as_str())
                        .with("source", source.as_str()),
                );
            } else if section.kind == SectionKind::Keys {
                let breakdown = section.breakdown.as_deref().unwrap_or_default();
                let is_breakdown = office_fields.as_ref().is_some_and(|f| super::office::is_breakdown(f, breakdown));
                if !is_breakdown {
                    issues.push(
                        Issue::new(IssueCode::TemplateBreakdown, at.key("breakdown"))
                            .with("section", &section.id)
                            .with("figure", breakdown),
                    );
                }
                if section.columns.len() != 1 {
                    issues.push(
                        Issue::new(IssueCode::TemplateColumnMismatch, at.key("columns"))
                            .with("row", &section.id)
                            .with("given", 1)
                            .with("expected", section.columns.len()),
                    );
                }
            }
            if matches!(section.kind, SectionKind::Units | SectionKind::OrgTypes) {
                for (j, column) in section.columns.iter().enumerate() {
                    if !known(&column.id) {
                        let at = at.key("columns").index(j).key("id");
                        issues.push(Issue::new(IssueCode::TemplateUnknownFigure, at).with("figure", &column.id));
                    }
                }
            }
            let mut rows = BTreeSet::new();
            for (j, row) in section.rows.iter().enumerate() {
                let at = at.key("rows").index(j);
                if !rows.insert(row.id.as_str()) {
                    issues.push(Issue::new(IssueCode::DuplicateCode, at.key("id")).with("code", &row.id));
                }
                parts.insert(format!("{}.{}", section.id, row.id));
                if row.figures.len() != section.columns.len() {
                    issues.push(
                        Issue::new(IssueCode::TemplateColumnMismatch, at.key("figures"))
                            .with("row", &row.id)
                            .with("given", row.figures.len())
                            .with("expected", section.columns.len()),
                    );
                }
                for (k, figure) in row.figures.iter().enumerate() {
                    if let Some(name) = figure.as_deref().filter(|n| !known(n)) {
                        let at = at.key("figures").index(k);
                        issues.push(Issue::new(IssueCode::TemplateUnknownFigure, at).with("figure", name));
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        for (i, over) in self.overrides.iter().enumerate() {
            let at = Path::root().key("overrides").index(i);
            for (j, org_type) in over.org_types.iter().enumerate() {
                if !seen.insert(org_type.as_str()) {
                    let at = at.key("org_types").index(j);
                    issues.push(Issue::new(IssueCode::TemplateRepeatedOrgType, at).with("org_type", org_type));
                }
            }
            let named = over.omit_sections.iter().map(|p| ("omit_sections", p));
            for (j, (field, part)) in named.chain(over.omit_rows.iter().map(|p| ("omit_rows", p))).enumerate() {
                if !parts.contains(part.as_str()) {
                    let index = if field == "omit_rows" { j - over.omit_sections.len() } else { j };
                    let at = at.key(field).index(index);
                    issues.push(Issue::new(IssueCode::TemplateUnknownPart, at).with("part", part));
                }
            }
        }
        issues
    }

    /// The sections a report of a unit of this type shows (all of them for no type, or a type
    /// without an override).
    pub fn sections_for(&self, org_type: Option<&str>) -> Vec<Section> {
        let over = org_type.and_then(|t| self.overrides.iter().find(|o| o.org_types.iter().any(|x| x == t)));
        let mut sections: Vec<Section> = self.sections.clone();
        if let Some(over) = over {
            sections.retain(|s| !over.omit_sections.contains(&s.id));
            for section in &mut sections {
                let id = section.id.clone();
                section.rows.retain(|r| !over.omit_rows.iter().any(|p| *p == format!("{id}.{}", r.id)));
            }
        }
        sections
    }
}

/// Renders a report through templates: the sections the scope's type of organisation shows, as
/// labelled tables, with a comparison table when earlier reports are given. Sections of an office
/// area show when its roll-up is in `options.office`.
pub fn render(report: &Report, templates: &Templates, options: &RenderOptions<'_>) -> Document {
    compose(Some(report), templates, options)
}

/// Renders only the committee office's sections, from the roll-ups in `options.office` (no
/// evaluation report: its sections are left out, not shown as zeros). The scope is the roll-ups'.
///
/// ```
/// use soisua::report::{OfficeFigures, RenderOptions, Source, Templates, render_office};
/// let org = soisua::synthetic::organisation(soisua::synthetic::Scale::District, 1);
/// let sheet = soisua::target::TargetSheet::giong_rieng_2015_2020()?;
/// let targets = soisua::target::report(&org, &[sheet], None)?;
/// let options = RenderOptions { office: vec![OfficeFigures::of(Source::Target, &targets)], ..Default::default() };
/// let document = render_office(&Templates::default_2020()?, &options);
/// assert_eq!(document.tables.len(), 1);
/// assert_eq!(document.period, "2015-2020");
/// assert!(soisua::report::to_markdown(&document).contains("### Chỉ tiêu nhiệm kỳ / Term targets (2015-2020)"));
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn render_office(templates: &Templates, options: &RenderOptions<'_>) -> Document {
    compose(None, templates, options)
}

/// Checks that the office roll-ups in `options` report on the unit `report` does (and, without a
/// report, on one unit between them): a document shows one unit.
///
/// Errors: `report_scope_mismatch`, naming the area and both units.
pub fn check_scopes(report: Option<&Report>, options: &RenderOptions<'_>) -> Result<(), Error> {
    let unit = |scope: Option<&super::UnitLabel>| scope.map(|s| s.unit.clone());
    let expected = match report {
        Some(report) => unit(report.scope.as_ref()),
        None => match options.office.first() {
            Some(first) => unit(first.scope()),
            None => return Ok(()),
        },
    };
    for office in &options.office {
        let scope = unit(office.scope());
        if scope != expected {
            let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "(toàn tổ chức / whole organisation)".into());
            let area = office.source().as_str();
            return Err(Error::Report {
                code: "report_scope_mismatch",
                detail: format!(
                    "the {area} roll-up is of {} but the document reports on {}: build it for the same unit",
                    show(&scope),
                    show(&expected)
                ),
                detail_vi: format!(
                    "bảng tổng hợp {area} là của {} nhưng báo cáo là của {}: hãy lập cho cùng đơn vị",
                    show(&scope),
                    show(&expected)
                ),
            });
        }
    }
    Ok(())
}

fn compose(report: Option<&Report>, templates: &Templates, options: &RenderOptions<'_>) -> Document {
    let scope = match report {
        Some(report) => report.scope.as_ref(),
        None => options.office.iter().find_map(OfficeFigures::scope),
    };
    let org_type = scope.map(|s| s.org_type.as_str());
    let sections = templates.sections_for(org_type);
    let defaults = OrgType::defaults();
    let org_types = options.org_types.unwrap_or(&defaults);
    let mut tables: Vec<Table> = Vec::with_capacity(sections.len());
    for section in &sections {
        if section.source.is_evaluation() {
            if let Some(report) = report {
                tables.push(table(report, section, options.catalogue, org_types));
            }
        } else if let Some(office) = options.office.iter().rev().find(|o| o.source() == section.source) {
            tables.push(office_table(office, section, org_types));
        }
    }
    if let (Some(report), false) = (report, options.comparisons.is_empty()) {
        tables.push(comparison_table(report, &sections, &options.comparisons));
    }
    let office_periods: BTreeSet<&str> = options.office.iter().flat_map(OfficeFigures::periods).collect();
    let period = match (options.period, report.and_then(Report::span)) {
        (Some(p), _) => p.to_string(),
        (None, Some((a, b))) if a == b => a.to_string(),
        (None, Some((a, b))) => format!("{a} – {b}"),
        (None, None) => office_periods.into_iter().collect::<Vec<_>>().join(", "),
    };
    let scope = scope.map_or_else(|| Text::new("Toàn tổ chức", "Whole organisation"), |s| Text::new(&s.name, &s.name));
    let coverage = if let Some(report) = report {
        let units = report.coverage.units.len();
        let unit_months = report.coverage.unit_months();
        let versions: Vec<&str> =
            report.coverage.catalogues.iter().chain(&report.coverage.policies).map(String::as_str).collect();
        Text::new(
            format!("{units} đơn vị, {unit_months} đơn vị-tháng; {}", versions.join(", ")),
            format!("{units} units, {unit_months} unit-months; {}", versions.join(", ")),
        )
    } else {
        let areas = |en: bool| -> String {
            let parts: Vec<String> = options
                .office
                .iter()
                .map(|o| {
                    let label = o.source().label();
                    format!("{} {}", if en { label.en } else { label.vi }, o.periods().join(", "))
                })
                .collect();
            parts.join("; ")
        };
        Text::new(areas(false), areas(true))
    };
    Document {
        title: templates.title.clone(),
        scope,
        period,
        coverage,
        template: format!("{} ({})", templates.reference(), org_type.unwrap_or("-")),
        tables,
    }
}

/// What a section's rows read, for the kinds every source has: the whole scope, the units directly
/// under it (id, name, tally) and the types of organisation, and how a figure is read from a tally.
struct Rows<'a, T, F: Fn(&T, &str) -> Option<u64>> {
    total: &'a T,
    units: Vec<(&'a str, &'a str, &'a T)>,
    org_types: Vec<(&'a str, &'a T)>,
    figure: F,
}

impl<T, F: Fn(&T, &str) -> Option<u64>> Rows<'_, T, F> {
    /// The rows of a `figures`, `units` or `org_types` section (`None` for the other kinds, which
    /// each source shows its own way).
    fn of(&self, section: &Section, org_types: &[OrgType]) -> Option<Vec<TableRow>> {
        let cell = |tally: &T, name: &str| (self.figure)(tally, name).map_or(Cell::Empty, Cell::Count);
        let by_columns = |tally: &T| -> Vec<Cell> { section.columns.iter().map(|c| cell(tally, &c.id)).collect() };
        let rows = match section.kind {
            SectionKind::Figures => section
                .rows
                .iter()
                .map(|row| TableRow {
                    key: row.id.clone(),
                    label: row.label.clone(),
                    cells: row
                        .figures
                        .iter()
                        .map(|f| f.as_deref().map_or(Cell::Empty, |n| cell(self.total, n)))
                        .collect(),
                })
                .collect(),
            SectionKind::Units => self
                .units
                .iter()
                .map(|(unit, name, tally)| TableRow {
                    key: (*unit).to_owned(),
                    label: Text::new(*name, *name),
                    cells: by_columns(tally),
                })
                .collect(),
            SectionKind::OrgTypes => self
                .org_types
                .iter()
                .map(|(code, tally)| TableRow {
                    key: (*code).to_owned(),
                    label: org_types
                        .iter()
                        .find(|t| t.code == *code)
                        .map_or_else(|| Text::new(*code, *code), |t| t.label.clone()),
                    cells: by_columns(tally),
                })
                .collect(),
            SectionKind::TopItems | SectionKind::Keys => return None,
        };
        Some(rows)
    }
}

/// A section of the evaluation, read from its report.
fn table(report: &Report, section: &Section, catalogue: Option<&Catalogue>, org_types: &[OrgType]) -> Table {
    let common = Rows {
        total: &report.total,
        units: report.rows.iter().map(|(unit, row)| (unit.as_str(), row.label.name.as_str(), &row.block)).collect(),
        org_types: report.by_org_type.iter().map(|(code, block)| (code.as_str(), block)).collect(),
        figure: |block: &Block, name: &str| block.figure(name),
    };
    let rows = common.of(section, org_types).unwrap_or_else(|| match section.kind {
        SectionKind::TopItems => {
            let mut items: Vec<(&String, &u64)> = report.total.items.iter().collect();
            items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let limit = section.limit.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
            items
                .into_iter()
                .take(limit)
                .map(|(code, n)| {
                    let label = catalogue.and_then(|c| c.item(code)).map_or_else(
                        || Text::new(code, code),
                        |item| {
                            Text::new(
                                format!("{code} — {}", item.item.text.vi),
                                format!("{code} — {}", item.item.text.en),
                            )
                        },
                    );
                    TableRow { key: code.clone(), label, cells: vec![Cell::Count(*n)] }
                })
                .collect()
        }
        // `keys` is refused by `Templates::validate`: the evaluation has no breakdown by code to show.
        _ => Vec::new(),
    });
    Table {
        id: section.id.clone(),
        title: section.title.clone(),
        source: Source::Evaluation,
        period: None,
        columns: section.columns.iter().map(|c| c.label.clone()).collect(),
        rows,
    }
}

/// A section of an office area, read from its roll-up.
fn office_table(office: &OfficeFigures, section: &Section, org_types: &[OrgType]) -> Table {
    let common = Rows {
        total: office.total_tally(),
        units: office.rows().map(|(unit, label, tally)| (unit, label.name.as_str(), tally)).collect(),
        org_types: office.by_org_type().collect(),
        figure: |tally: &serde_json::Value, name: &str| office.figure(tally, name),
    };
    let rows = common.of(section, org_types).unwrap_or_else(|| match section.kind {
        SectionKind::Keys => {
            let breakdown = section.breakdown.as_deref().unwrap_or_default();
            office
                .breakdown(breakdown)
                .into_iter()
                .map(|(code, n)| TableRow {
                    label: section.labels.get(&code).cloned().unwrap_or_else(|| Text::new(&code, &code)),
                    key: code,
                    cells: vec![Cell::Count(n)],
                })
                .collect()
        }
        // `top_items` is refused by `Templates::validate`: the evaluation's items are not an area's.
        _ => Vec::new(),
    });
    let periods = office.periods();
    Table {
        id: section.id.clone(),
        title: section.title.clone(),
        source: section.source,
        period: (!periods.is_empty()).then(|| periods.join(", ")),
        columns: section.columns.iter().map(|c| c.label.clone()).collect(),
        rows,
    }
}

fn comparison_table(report: &Report, sections: &[Section], comparisons: &[(Text, Comparison)]) -> Table {
    let mut columns = vec![Text::new("Kỳ này", "This period")];
    for (label, _) in comparisons {
        columns.push(label.clone());
        columns.push(Text::new(format!("Tăng/giảm so với {}", label.vi), format!("Change against {}", label.en)));
    }
    let mut rows = Vec::new();
    for section in sections.iter().filter(|s| s.kind == SectionKind::Figures && s.source.is_evaluation()) {
        for row in &section.rows {
            for (column, figure) in section.columns.iter().zip(&row.figures) {
                let Some(name) = figure else { continue };
                let mut cells = vec![report.total.figure(name).map_or(Cell::Empty, Cell::Count)];
                for (_, comparison) in comparisons {
                    match comparison.figures.iter().find(|d| d.figure == *name) {
                        Some(delta) => cells.extend([Cell::Count(delta.previous), Cell::Change(delta.change)]),
                        None => cells.extend([Cell::Empty, Cell::Empty]),
                    }
                }
                rows.push(TableRow {
                    key: name.clone(),
                    label: Text::new(
                        format!("{} — {}", row.label.vi, column.label.vi),
                        format!("{} — {}", row.label.en, column.label.en),
                    ),
                    cells,
                });
            }
        }
    }
    Table {
        id: "comparison".into(),
        title: Text::new("So sánh", "Comparison"),
        source: Source::Evaluation,
        period: None,
        columns,
        rows,
    }
}
