//! The indicator catalogue: groups of items of three kinds (manifestations of degradation,
//! exemplary conduct, prohibited acts), each item with its source, wording status and severity.
//!
//! A catalogue is data: loaded from JSON or CSV, validated, versioned by effective date. The
//! embedded default is the central framework of 2020 ([`Catalogue::central_2020`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::org::RoleKind;
use crate::text::Text;

/// A catalogue of items against which members are evaluated each month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Stable identifier, shared by every version (`central-2020`, `giong-rieng-2020`).
    pub id: String,
    /// Version label, unique within the id (`2020.1`).
    pub version: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// Whether this is a central framework, a local breakdown, or synthetic test data.
    pub origin: Origin,
    /// Who issued the document the catalogue comes from.
    pub issuer: String,
    /// The document's number (`04-NQ/TW`), or several separated by `; `.
    pub document_number: String,
    /// The document's date.
    #[schemars(with = "String")]
    pub document_date: NaiveDate,
    /// First day the catalogue is in force.
    #[schemars(with = "String")]
    pub effective_from: NaiveDate,
    /// Last day the catalogue is in force, if it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub effective_until: Option<NaiveDate>,
    /// The catalogue whose items this one's items refine (a local breakdown of the central lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refines: Option<CatalogueRef>,
    /// Free notes (provenance, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The groups, each of one kind.
    pub groups: Vec<Group>,
}

/// A reference to one version of a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRef {
    /// The catalogue's id.
    pub id: String,
    /// The catalogue's version.
    pub version: String,
}

impl std::fmt::Display for CatalogueRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// Where a catalogue comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Central documents (resolutions and regulations of the Central Committee or Politburo).
    Central,
    /// A local committee's own breakdown of the central lists.
    Local,
    /// Made up for tests and benchmarks; never to be read as real content.
    Synthetic,
}

/// The three kinds of content evaluated each month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Biểu hiện suy thoái: a manifestation of degradation (`none` / `present`).
    Manifestation,
    /// Nội dung nêu gương: exemplary conduct (`good` / `not_yet_good` / `not_applicable`).
    Exemplary,
    /// Điều không được làm: a prohibited act (`clear` / `violated`).
    Prohibition,
}

impl ItemKind {
    /// All kinds, in the article's order.
    pub const ALL: [ItemKind; 3] = [ItemKind::Manifestation, ItemKind::Exemplary, ItemKind::Prohibition];

    /// The `snake_case` name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Manifestation => "manifestation",
            ItemKind::Exemplary => "exemplary",
            ItemKind::Prohibition => "prohibition",
        }
    }

    /// Vietnamese and English labels.
    pub fn label(self) -> Text {
        match self {
            ItemKind::Manifestation => Text::new("Biểu hiện suy thoái", "Manifestation of degradation"),
            ItemKind::Exemplary => Text::new("Nội dung nêu gương", "Exemplary conduct"),
            ItemKind::Prohibition => Text::new("Điều không được làm", "Prohibited act"),
        }
    }
}

/// How grave an item is when found: drives the remedy window and escalation (policy data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nhẹ.
    Minor,
    /// Nghiêm trọng.
    Serious,
    /// Rất nghiêm trọng.
    Grave,
}

impl Severity {
    /// All severities, from least to most grave.
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Serious, Severity::Grave];

    /// The `snake_case` name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Serious => "serious",
            Severity::Grave => "grave",
        }
    }
}

/// How far an item's Vietnamese text can be trusted as official wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    /// The official wording, as verified from public copies.
    Verbatim,
    /// The beginning or a fragment of the official wording (marked with `…`).
    Partial,
    /// A neutral label, not official wording (the official text was not available).
    Label,
}

impl Wording {
    /// The `snake_case` name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Wording::Verbatim => "verbatim",
            Wording::Partial => "partial",
            Wording::Label => "label",
        }
    }
}

/// A group of items of one kind, possibly split into sub-groups (the 9 + 9 + 9 of Resolution 04).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Code, unique among groups and sub-groups of the catalogue.
    pub code: String,
    /// The kind of every item in the group.
    pub kind: ItemKind,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// The document the group comes from, when it has one of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// How many items the group must have (its sub-groups' included); checked by validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_count: Option<u32>,
    /// Sub-groups, each with its items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subgroups: Vec<Subgroup>,
    /// Items directly in the group (outside any sub-group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// A sub-group of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subgroup {
    /// Code, unique among groups and sub-groups of the catalogue.
    pub code: String,
    /// Title in Vietnamese and English.
    pub title: Text,
    /// How many items the sub-group must have; checked by validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_count: Option<u32>,
    /// The items.
    pub items: Vec<Item>,
}

/// One item of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable code, unique in the catalogue (`TTCT-3`).
    pub code: String,
    /// The item's text: Vietnamese (official wording or label, see `wording`) and English.
    pub text: Text,
    /// How grave the item is when found.
    pub severity: Severity,
    /// The document and article or point the item comes from.
    pub source: Source,
    /// Whether `text.vi` is official wording, a fragment of it, or a label.
    pub wording: Wording,
    /// The roles the item applies to; empty means every member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<RoleKind>,
    /// The code of the item it refines in the catalogue named by the catalogue's `refines`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refines: Option<String>,
}

/// Where an item or group comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document (`04-NQ/TW`).
    pub document: String,
    /// The article, section or point within it (`mục 2.1, ý 3`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<String>,
}

/// One item seen with its place in the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// The group the item is in.
    pub group: &'a Group,
    /// The sub-group, if any.
    pub subgroup: Option<&'a Subgroup>,
    /// The item.
    pub item: &'a Item,
}

impl Placed<'_> {
    /// The item's kind (its group's).
    pub fn kind(&self) -> ItemKind {
        self.group.kind
    }
}

impl Catalogue {
    /// This catalogue's reference (id and version).
    pub fn reference(&self) -> CatalogueRef {
        CatalogueRef { id: self.id.clone(), version: self.version.clone() }
    }

    /// Every item with its group and sub-group, in catalogue order (sub-groups first, then the
    /// group's own items).
    ///
    /// ```
    /// let c = soisua::Catalogue::central_2020().unwrap();
    /// assert_eq!(c.items().count(), 27 + 16 + 19);
    /// ```
    pub fn items(&self) -> impl Iterator<Item = Placed<'_>> {
        self.groups.iter().flat_map(|group| {
            group
                .subgroups
                .iter()
                .flat_map(move |sub| sub.items.iter().map(move |item| Placed { group, subgroup: Some(sub), item }))
                .chain(group.items.iter().map(move |item| Placed { group, subgroup: None, item }))
        })
    }

    /// The item with this code, with its place.
    ///
    /// ```
    /// let c = soisua::Catalogue::central_2020().unwrap();
    /// let placed = c.item("TTCT-1").unwrap();
    /// assert_eq!(placed.kind(), soisua::ItemKind::Manifestation);
    /// assert!(c.item("NOPE").is_none());
    /// ```
    pub fn item(&self, code: &str) -> Option<Placed<'_>> {
        self.items().find(|p| p.item.code == code)
    }

    /// Whether the catalogue is in force on a day.
    pub fn is_in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|until| day <= until)
    }

    /// How many items of each kind: `[manifestations, exemplary, prohibitions]`.
    ///
    /// ```
    /// let c = soisua::Catalogue::central_2020().unwrap();
    /// assert_eq!(c.counts(), [27, 16, 19]);
    /// ```
    pub fn counts(&self) -> [usize; 3] {
        let (mut manifestations, mut exemplary, mut prohibitions) = (0, 0, 0);
        for placed in self.items() {
            match placed.kind() {
                ItemKind::Manifestation => manifestations += 1,
                ItemKind::Exemplary => exemplary += 1,
                ItemKind::Prohibition => prohibitions += 1,
            }
        }
        [manifestations, exemplary, prohibitions]
    }
}

mod central;
mod csv;
pub(crate) use csv::csv_error;
mod validate;
mod versions;

pub use self::csv::CSV_COLUMNS;
pub(crate) use versions::{Header, Versioned, check_versions_of, header_issues, range, usable_for};
pub use versions::{check_versions, in_force};

impl Catalogue {
    /// Reads a catalogue from JSON text (strict: unknown fields are refused). Structure errors are
    /// [`Error`](crate::Error)s located by path, line and column; call [`Catalogue::validate`] for
    /// the findings about content.
    ///
    /// ```
    /// let c = soisua::Catalogue::central_2020().unwrap();
    /// let again = soisua::Catalogue::from_json(&c.to_json()).unwrap();
    /// assert_eq!(c, again);
    /// ```
    pub fn from_json(text: &str) -> Result<Catalogue, crate::Error> {
        crate::json::parse("catalogue", text)
    }

    /// Reads a catalogue from a JSON value already in memory (bindings use this).
    pub fn from_value(value: serde_json::Value) -> Result<Catalogue, crate::Error> {
        crate::json::from_value("catalogue", value)
    }

    /// The catalogue as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// How many items have official wording, a fragment of it, or a label:
    /// `[verbatim, partial, label]`.
    ///
    /// ```
    /// let c = soisua::Catalogue::central_2020().unwrap();
    /// let [verbatim, partial, label] = c.wording_counts();
    /// assert_eq!(verbatim + partial + label, 62);
    /// ```
    pub fn wording_counts(&self) -> [usize; 3] {
        let (mut verbatim, mut partial, mut label) = (0, 0, 0);
        for placed in self.items() {
            match placed.item.wording {
                Wording::Verbatim => verbatim += 1,
                Wording::Partial => partial += 1,
                Wording::Label => label += 1,
            }
        }
        [verbatim, partial, label]
    }
}
