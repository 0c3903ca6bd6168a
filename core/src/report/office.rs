//! The committee office's roll-ups in rendered reports: a template section names its `source`
//! (`meeting`, `petition`, `dialogue`, `household`, `accountability`, `emulation`, `target`,
//! `rating`; `evaluation` when absent) and reads that area's [`Rollup`] through the same kinds of
//! table as the evaluation's sections.
//!
//! A figure of an office section is a field of the area's tally, by its JSON name:
//! - a count (`held`, `received`) is itself;
//! - a set of ids (`members_assigned`, `units_due`) counts its members;
//! - a breakdown by code (`by_level`, `titles`) is the sum of its counts, and `by_level.good` one of
//!   them; a `keys` section shows one row per code.
//!
//! ```
//! use soisua::report::{OfficeFigures, Rollup, Source, UnitLabel};
//! use soisua::target::TargetTally;
//! use soisua::UnitKind;
//! let unit = UnitLabel { unit: "HU".into(), name: "Huyện".into(), kind: UnitKind::Committee, org_type: "xa".into() };
//! let mut rollup = Rollup::new(None);
//! rollup.add(&unit, &unit, "2015-2020", &TargetTally { targets: 34, achieved: 31, exceeded: 22, ..Default::default() });
//! let figures = OfficeFigures::of(Source::Target, &rollup);
//! assert_eq!(figures.total("achieved"), Some(31));
//! assert_eq!(figures.total("no_such_figure"), None);
//! assert_eq!(figures.periods(), ["2015-2020"]);
//! assert!(Source::Target.knows("exceeded") && !Source::Target.knows("held"));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Rollup, Tally, UnitLabel};
use crate::{Error, Text};

/// Where a template section's figures come from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The monthly evaluation's [`Report`](super::Report) (the default).
    #[default]
    Evaluation,
    /// Cell meetings: a roll-up of [`MeetingTally`](crate::meeting::MeetingTally).
    Meeting,
    /// Petitions: [`PetitionTally`](crate::petition::PetitionTally).
    Petition,
    /// Dialogues and household visits: [`DialogueTally`](crate::dialogue::DialogueTally).
    Dialogue,
    /// Household follow-up: [`HouseholdTally`](crate::household::HouseholdTally).
    Household,
    /// Accountability of unit heads: [`AccountabilityTally`](crate::accountability::AccountabilityTally).
    Accountability,
    /// Emulation and rewards: [`EmulationTally`](crate::emulation::EmulationTally).
    Emulation,
    /// Term targets: [`TargetTally`](crate::target::TargetTally).
    Target,
    /// Member quality ratings: [`RatingTally`](crate::rating::RatingTally).
    Rating,
}

/// The shape of a tally's field, as a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A count.
    Count,
    /// A set of ids: its size.
    Set,
    /// Counts by code: their sum, or one of them (`name.code`).
    Breakdown,
}

impl Source {
    /// The committee office's areas, in the order the default templates show them.
    pub const OFFICE: [Source; 8] = [
        Source::Meeting,
        Source::Petition,
        Source::Dialogue,
        Source::Household,
        Source::Accountability,
        Source::Emulation,
        Source::Target,
        Source::Rating,
    ];

    /// The snake_case name (as in templates and in the JSON api).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Evaluation => "evaluation",
            Source::Meeting => "meeting",
            Source::Petition => "petition",
            Source::Dialogue => "dialogue",
            Source::Household => "household",
            Source::Accountability => "accountability",
            Source::Emulation => "emulation",
            Source::Target => "target",
            Source::Rating => "rating",
        }
    }

    /// The source for its snake_case name.
    ///
    /// Errors: `parse_error` for a name that is not a source.
    pub fn parse(name: &str) -> Result<Source, Error> {
        [Source::Evaluation].into_iter().chain(Source::OFFICE).find(|s| s.as_str() == name).ok_or_else(|| {
            Error::Parse {
                input: name.chars().take(60).collect(),
                expected: "a report source: evaluation, meeting, petition, dialogue, household, accountability, \
                           emulation, target or rating",
                expected_vi: "một nguồn số liệu: evaluation, meeting, petition, dialogue, household, accountability, \
                              emulation, target hoặc rating",
            }
        })
    }

    /// A label, in Vietnamese and English.
    pub fn label(self) -> Text {
        let (vi, en) = match self {
            Source::Evaluation => ("Tự soi, tự sửa hằng tháng", "Monthly evaluation"),
            Source::Meeting => ("Sinh hoạt chi bộ", "Cell meetings"),
            Source::Petition => ("Phản ánh, kiến nghị", "Petitions"),
            Source::Dialogue => ("Đối thoại, thăm hộ", "Dialogues and household visits"),
            Source::Household => ("Đảng viên theo dõi hộ", "Household follow-up"),
            Source::Accountability => ("Giải trình của người đứng đầu", "Accountability of unit heads"),
            Source::Emulation => ("Thi đua, khen thưởng", "Emulation and rewards"),
            Source::Target => ("Chỉ tiêu nhiệm kỳ", "Term targets"),
            Source::Rating => ("Xếp loại chất lượng đảng viên", "Member quality rating"),
        };
        Text::new(vi, en)
    }

    #[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's `skip_serializing_if` passes a reference")]
    pub(crate) fn is_evaluation(&self) -> bool {
        *self == Source::Evaluation
    }

    /// Whether `figure` names a figure of this office area's tally (`false` for the evaluation,
    /// whose figures are the [`Block`](super::Block)'s).
    pub fn knows(self, figure: &str) -> bool {
        knows(&self.fields(), figure)
    }

    /// Whether `figure` names a breakdown by code (what a `keys` section shows).
    pub fn is_breakdown(self, figure: &str) -> bool {
        is_breakdown(&self.fields(), figure)
    }

    /// The fields of the area's tally and their shapes, read from its JSON Schema so that they
    /// cannot drift from the types.
    pub(crate) fn fields(self) -> BTreeMap<String, Shape> {
        use schemars::schema_for;
        let schema = match self {
            Source::Evaluation => return BTreeMap::new(),
            Source::Meeting => schema_for!(crate::meeting::MeetingTally),
            Source::Petition => schema_for!(crate::petition::PetitionTally),
            Source::Dialogue => schema_for!(crate::dialogue::DialogueTally),
            Source::Household => schema_for!(crate::household::HouseholdTally),
            Source::Accountability => schema_for!(crate::accountability::AccountabilityTally),
            Source::Emulation => schema_for!(crate::emulation::EmulationTally),
            Source::Target => schema_for!(crate::target::TargetTally),
            Source::Rating => schema_for!(crate::rating::RatingTally),
        };
        let Some(properties) = schema.as_value().get("properties").and_then(Value::as_object) else {
            return BTreeMap::new();
        };
        properties
            .iter()
            .filter_map(|(name, property)| {
                let shape = match property.get("type").and_then(Value::as_str) {
                    Some("integer") => Shape::Count,
                    Some("array") => Shape::Set,
                    Some("object") => Shape::Breakdown,
                    _ => return None,
                };
                Some((name.clone(), shape))
            })
            .collect()
    }
}

/// An office area's roll-up as a rendered report reads it: its figures by name, for the whole
/// scope, per unit directly under it and per type of organisation, and the periods it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeFigures {
    source: Source,
    fields: BTreeMap<String, Shape>,
    scope: Option<UnitLabel>,
    periods: BTreeSet<String>,
    total: Value,
    rows: Vec<(String, UnitLabel, Value)>,
    by_org_type: Vec<(String, Value)>,
}

impl OfficeFigures {
    /// The figures of `rollup`, read as `source` (the caller names the area the tally is of).
    pub fn of<T: Tally + Serialize>(source: Source, rollup: &Rollup<T>) -> Self {
        let json = |tally: &T| serde_json::to_value(tally).unwrap_or(Value::Null);
        OfficeFigures {
            source,
            fields: source.fields(),
            scope: rollup.scope.clone(),
            periods: rollup.coverage.values().flatten().cloned().collect(),
            total: json(&rollup.total),
            rows: rollup.rows.iter().map(|(unit, row)| (unit.clone(), row.label.clone(), json(&row.tally))).collect(),
            by_org_type: rollup.by_org_type.iter().map(|(code, tally)| (code.clone(), json(tally))).collect(),
        }
    }

    /// Reads an office area's roll-up from JSON (strictly: the area's [`Rollup`] format, unknown
    /// fields refused, errors located).
    ///
    /// Errors: `invalid_argument` for the evaluation (its report is not a roll-up); `invalid_json`
    /// located under `rollups.<source>` for a roll-up that is not the area's.
    pub fn from_value(source: Source, value: Value) -> Result<Self, Error> {
        fn read<T>(source: Source, value: Value) -> Result<OfficeFigures, Error>
        where
            T: Tally + Serialize + for<'de> Deserialize<'de>,
        {
            let rollup: Rollup<T> = crate::json::from_value("roll-up", value).map_err(|error| match error {
                Error::Json { document, location, detail } => {
                    let mut path = crate::Path::root().key("rollups").key(source.as_str());
                    path.0.extend(location.path.0);
                    Error::Json { document, location: crate::Location { path, ..location }, detail }
                }
                other => other,
            })?;
            Ok(OfficeFigures::of(source, &rollup))
        }
        match source {
            Source::Evaluation => Err(crate::api::argument(
                "source",
                "must be an office area: the evaluation's report is not a roll-up",
                "phải là một lĩnh vực công tác văn phòng: báo cáo đánh giá không phải bảng tổng hợp",
            )),
            Source::Meeting => read::<crate::meeting::MeetingTally>(source, value),
            Source::Petition => read::<crate::petition::PetitionTally>(source, value),
            Source::Dialogue => read::<crate::dialogue::DialogueTally>(source, value),
            Source::Household => read::<crate::household::HouseholdTally>(source, value),
            Source::Accountability => read::<crate::accountability::AccountabilityTally>(source, value),
            Source::Emulation => read::<crate::emulation::EmulationTally>(source, value),
            Source::Target => read::<crate::target::TargetTally>(source, value),
            Source::Rating => read::<crate::rating::RatingTally>(source, value),
        }
    }

    /// Reads an object of roll-ups by area, `{"meeting": …, "petition": …}`, as the JSON api, the
    /// CLI and the bindings take them.
    ///
    /// Errors: `invalid_argument` when it is not an object; `invalid_value` for a key that is not
    /// an office area; the errors of [`OfficeFigures::from_value`].
    pub fn from_rollups(value: Value) -> Result<Vec<OfficeFigures>, Error> {
        let Value::Object(rollups) = value else {
            return Err(crate::api::argument(
                "rollups",
                "must be an object of roll-ups by area (meeting, petition, …)",
                "phải là một đối tượng gồm các bảng tổng hợp theo lĩnh vực (meeting, petition, …)",
            ));
        };
        rollups.into_iter().map(|(area, rollup)| OfficeFigures::from_value(Source::parse(&area)?, rollup)).collect()
    }

    /// The area.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The unit reported on (absent: the whole organisation).
    pub fn scope(&self) -> Option<&UnitLabel> {
        self.scope.as_ref()
    }

    /// The periods the roll-up covers, in order, leaving out those inside another one (an
    /// emulation year's nominations counted by month show as the year).
    pub fn periods(&self) -> Vec<&str> {
        let parsed: Vec<(&str, Option<crate::Period>)> =
            self.periods.iter().map(|p| (p.as_str(), p.parse::<crate::Period>().ok())).collect();
        let inside = |p: crate::Period, q: crate::Period| {
            p != q && q.first_month() <= p.first_month() && p.last_month() <= q.last_month()
        };
        parsed
            .iter()
            .filter(|(_, p)| !p.is_some_and(|p| parsed.iter().any(|(_, q)| q.is_some_and(|q| inside(p, q)))))
            .map(|(text, _)| *text)
            .collect()
    }

    /// A figure of the whole scope (`None`: no such figure).
    pub fn total(&self, figure: &str) -> Option<u64> {
        self.figure(&self.total, figure)
    }

    /// A figure of a tally of this area: what [`read`] finds, or 0 for a known set or breakdown
    /// left out of the JSON because it is empty.
    pub(crate) fn figure(&self, tally: &Value, figure: &str) -> Option<u64> {
        read(tally, figure).or_else(|| {
            let field = figure.split_once('.').map_or(figure, |(field, _)| field);
            match self.fields.get(field) {
                Some(Shape::Set | Shape::Breakdown) => Some(0),
                _ => None,
            }
        })
    }

    /// A breakdown of the whole scope: each code and its count (empty when `figure` is not one).
    pub fn breakdown(&self, figure: &str) -> Vec<(String, u64)> {
        match self.total.get(figure) {
            Some(Value::Object(map)) => map.iter().filter_map(|(k, v)| Some((k.clone(), v.as_u64()?))).collect(),
            _ => Vec::new(),
        }
    }

    pub(crate) fn total_tally(&self) -> &Value {
        &self.total
    }

    pub(crate) fn rows(&self) -> impl Iterator<Item = (&str, &UnitLabel, &Value)> {
        self.rows.iter().map(|(unit, label, tally)| (unit.as_str(), label, tally))
    }

    pub(crate) fn by_org_type(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.by_org_type.iter().map(|(code, tally)| (code.as_str(), tally))
    }
}

/// Whether `figure` names one of `fields`: a field, or a code of a breakdown (`by_level.good`).
pub(crate) fn knows(fields: &BTreeMap<String, Shape>, figure: &str) -> bool {
    match figure.split_once('.') {
        None => fields.contains_key(figure),
        Some((field, code)) => fields.get(field) == Some(&Shape::Breakdown) && !code.is_empty(),
    }
}

/// Whether `figure` is a breakdown among `fields`.
pub(crate) fn is_breakdown(fields: &BTreeMap<String, Shape>, figure: &str) -> bool {
    fields.get(figure) == Some(&Shape::Breakdown)
}

/// A figure of a tally in JSON: a count, the size of a set, the sum of a breakdown or one of its
/// codes (`name.code`, 0 for a code not counted).
pub(crate) fn read(tally: &Value, figure: &str) -> Option<u64> {
    let (field, code) = match figure.split_once('.') {
        Some((field, code)) => (field, Some(code)),
        None => (figure, None),
    };
    match (tally.get(field), code) {
        (Some(Value::Number(n)), None) => n.as_u64(),
        (Some(Value::Array(items)), None) => u64::try_from(items.len()).ok(),
        (Some(Value::Object(map)), None) => Some(map.values().filter_map(Value::as_u64).sum()),
        (Some(Value::Object(map)), Some(code)) => Some(map.get(code).and_then(Value::as_u64).unwrap_or(0)),
        _ => None,
    }
}
