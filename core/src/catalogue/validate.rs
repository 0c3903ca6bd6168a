//! Validation of a catalogue's content.

use std::collections::{HashMap, HashSet};

use super::{Catalogue, Group, Item, ItemKind};
use crate::text::is_valid_code;
use crate::{Issue, IssueCode, Path};

impl Catalogue {
    /// The findings about this catalogue's content, in document order. `refined` is the
    /// catalogue named by `refines`, when the caller has it, to check each item's `refines` target.
    ///
    /// Checked: codes (valid, unique among items, and unique among groups and sub-groups), text
    /// fields that must not be empty, the validity dates, declared counts (a group's count includes
    /// its sub-groups' items), empty groups (a warning), and each item's `refines`. When `refined`
    /// is missing or is not the catalogue `refines` names, one `refined_catalogue_unavailable`
    /// warning replaces the checks of the targets.
    ///
    /// ```
    /// let central = soisua::Catalogue::central_2020()?;
    /// assert!(central.validate(None).is_empty());
    ///
    /// let mut broken = central.clone();
    /// broken.groups[0].declared_count = Some(28);
    /// let issues = broken.validate(None);
    /// assert_eq!(issues[0].code, "count_mismatch");
    /// assert_eq!(issues[0].path.to_string(), "groups[0].declared_count");
    /// assert_eq!(issues[0].message_en, "the group `NQ04` declares 28 items but has 27");
    /// # Ok::<(), soisua::Error>(())
    /// ```
    pub fn validate(&self, refined: Option<&Catalogue>) -> Vec<Issue> {
        let mut validator = Validator {
            issues: Vec::new(),
            group_codes: HashSet::new(),
            item_codes: HashSet::new(),
            refines: Refines::new(self, refined),
        };
        validator.catalogue(self);
        validator.issues
    }
}

/// How the items' `refines` can be checked.
enum Refines<'a> {
    /// The catalogue declares no `refines`: any item naming a target is a finding.
    Undeclared,
    /// The refined catalogue was not given (or another one was): targets are not checked.
    Unavailable(String),
    /// The refined catalogue is at hand: the kind of each of its items, by code.
    Available { name: String, kinds: HashMap<&'a str, ItemKind> },
}

impl<'a> Refines<'a> {
    fn new(catalogue: &Catalogue, refined: Option<&'a Catalogue>) -> Self {
        let Some(declared) = &catalogue.refines else {
            return Refines::Undeclared;
        };
        match refined {
            Some(refined) if refined.reference() == *declared => Refines::Available {
                name: declared.to_string(),
                kinds: refined.items().map(|placed| (placed.item.code.as_str(), placed.kind())).collect(),
            },
            _ => Refines::Unavailable(declared.to_string()),
        }
    }
}

struct Validator<'a> {
    issues: Vec<Issue>,
    /// Codes of groups and sub-groups seen so far (one namespace).
    group_codes: HashSet<&'a str>,
    /// Codes of items seen so far.
    item_codes: HashSet<&'a str>,
    refines: Refines<'a>,
}

/// A value as shown in a message: long user input is cut so that a message stays one short line.
pub(super) fn shown(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let mut cut: String = value.chars().take(MAX).collect();
        cut.push('…');
        cut
    }
}

/// Whether a text field counts as empty (nothing but white space).
pub(super) fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

impl<'a> Validator<'a> {
    fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    fn text(&mut self, value: &str, path: &Path, field: &str) {
        if is_blank(value) {
            self.push(Issue::new(IssueCode::EmptyText, path.clone()).with("field", field));
        }
    }

    /// An identifier (`id`, `version`): not empty, and usable as a code.
    fn identifier(&mut self, value: &str, field: &str) {
        let path = Path::root().key(field);
        if is_blank(value) {
            self.push(Issue::new(IssueCode::EmptyText, path).with("field", field));
        } else if !is_valid_code(value) {
            self.push(Issue::new(IssueCode::InvalidCode, path).with("code", shown(value)));
        }
    }

    /// A group, sub-group or item code: not empty, valid, and not seen before in its namespace.
    fn code(&mut self, code: &'a str, path: &Path, is_item: bool) {
        let path = path.key("code");
        if is_blank(code) {
            self.push(Issue::new(IssueCode::EmptyText, path).with("field", "code"));
            return;
        }
        if !is_valid_code(code) {
            self.push(Issue::new(IssueCode::InvalidCode, path).with("code", shown(code)));
            return;
        }
        let seen = if is_item { &mut self.item_codes } else { &mut self.group_codes };
        if !seen.insert(code) {
            self.push(Issue::new(IssueCode::DuplicateCode, path).with("code", code));
        }
    }

    fn catalogue(&mut self, catalogue: &'a Catalogue) {
        self.identifier(&catalogue.id, "id");
        self.identifier(&catalogue.version, "version");
        let root = Path::root();
        self.text(&catalogue.title.vi, &root.key("title").key("vi"), "title.vi");
        self.text(&catalogue.title.en, &root.key("title").key("en"), "title.en");
        self.text(&catalogue.issuer, &root.key("issuer"), "issuer");
        self.text(&catalogue.document_number, &root.key("document_number"), "document_number");
        if let Some(until) = catalogue.effective_until {
            if until < catalogue.effective_from {
                self.push(
                    Issue::new(IssueCode::InvalidDateRange, root.key("effective_until"))
                        .with("from", catalogue.effective_from)
                        .with("until", until),
                );
            }
        }
        if let Refines::Unavailable(name) = &self.refines {
            if catalogue.items().any(|placed| placed.item.refines.is_some()) {
                let issue =
                    Issue::new(IssueCode::RefinedCatalogueUnavailable, root.key("refines")).with("catalogue", name);
                self.push(issue);
            }
        }
        for (index, group) in catalogue.groups.iter().enumerate() {
            self.group(group, &root.key("groups").index(index));
        }
    }

    fn group(&mut self, group: &'a Group, path: &Path) {
        self.code(&group.code, path, false);
        self.text(&group.title.vi, &path.key("title").key("vi"), "title.vi");
        self.text(&group.title.en, &path.key("title").key("en"), "title.en");
        if let Some(source) = &group.source {
            let at = path.key("source").key("document");
            self.text(&source.document, &at, "source.document");
        }
        let actual = group.items.len() + group.subgroups.iter().map(|s| s.items.len()).sum::<usize>();
        self.count(&group.code, group.declared_count, actual, path);
        if actual == 0 {
            self.push(Issue::new(IssueCode::EmptyGroup, path.clone()).with("group", &group.code));
        }
        for (index, subgroup) in group.subgroups.iter().enumerate() {
            let path = path.key("subgroups").index(index);
            self.code(&subgroup.code, &path, false);
            self.text(&subgroup.title.vi, &path.key("title").key("vi"), "title.vi");
            self.text(&subgroup.title.en, &path.key("title").key("en"), "title.en");
            self.count(&subgroup.code, subgroup.declared_count, subgroup.items.len(), &path);
            // An empty group already has its warning; only say it of a sub-group when the rest
            // of the group has items.
            if subgroup.items.is_empty() && actual > 0 {
                let issue = Issue::new(IssueCode::EmptyGroup, path.clone()).with("group", &subgroup.code);
                self.push(issue);
            }
            for (index, item) in subgroup.items.iter().enumerate() {
                self.item(item, group.kind, &path.key("items").index(index));
            }
        }
        for (index, item) in group.items.iter().enumerate() {
            self.item(item, group.kind, &path.key("items").index(index));
        }
    }

    fn count(&mut self, code: &str, declared: Option<u32>, actual: usize, path: &Path) {
        let Some(declared) = declared else { return };
        if usize::try_from(declared).ok() != Some(actual) {
            self.push(
                Issue::new(IssueCode::CountMismatch, path.key("declared_count"))
                    .with("group", code)
                    .with("declared", declared)
                    .with("actual", actual),
            );
        }
    }

    fn item(&mut self, item: &'a Item, kind: ItemKind, path: &Path) {
        self.code(&item.code, path, true);
        self.text(&item.text.vi, &path.key("text").key("vi"), "text.vi");
        self.text(&item.text.en, &path.key("text").key("en"), "text.en");
        let at = path.key("source").key("document");
        self.text(&item.source.document, &at, "source.document");
        let Some(target) = &item.refines else { return };
        let path = path.key("refines");
        let issue = match &self.refines {
            Refines::Undeclared => Issue::new(IssueCode::RefinesWithoutCatalogue, path)
                .with("item", &item.code)
                .with("target", shown(target)),
            Refines::Unavailable(_) => return,
            Refines::Available { name, kinds } => match kinds.get(target.as_str()) {
                None => Issue::new(IssueCode::UnknownRefines, path)
                    .with("item", &item.code)
                    .with("target", shown(target))
                    .with("catalogue", name),
                Some(&target_kind) if target_kind != kind => Issue::new(IssueCode::RefinesWrongKind, path)
                    .with("item", &item.code)
                    .with("kind", kind.as_str())
                    .with("target", target)
                    .with("target_kind", target_kind.as_str()),
                Some(_) => return,
            },
        };
        self.push(issue);
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::Text;
    use crate::catalogue::{CatalogueRef, Origin, Severity, Source, Subgroup, Wording};

    fn item(code: &str) -> Item {
        Item {
            code: code.to_owned(),
            text: Text::new(format!("Nội dung {code}"), format!("Item {code}")),
            severity: Severity::Minor,
            source: Source { document: "04-NQ/TW".to_owned(), point: None },
            wording: Wording::Label,
            applies_to: Vec::new(),
            refines: None,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Group `A` (manifestation) with sub-groups `A1` (A-1, A-2) and `A2` (A-3), group `B`
    /// (prohibition) with B-1 directly.
    fn sample() -> Catalogue {
        Catalogue {
            id: "mau".to_owned(),
            version: "1".to_owned(),
            title: Text::new("Danh mục mẫu", "Sample catalogue"),
            origin: Origin::Local,
            issuer: "Huyện ủy".to_owned(),
            document_number: "01-QĐ/HU".to_owned(),
            document_date: day(2020, 1, 1),
            effective_from: day(2020, 1, 1),
            effective_until: None,
            refines: None,
            notes: None,
            groups: vec![
                Group {
                    code: "A".to_owned(),
                    kind: ItemKind::Manifestation,
                    title: Text::new("Nhóm A", "Group A"),
                    source: None,
                    declared_count: Some(3),
                    subgroups: vec![
                        Subgroup {
                            code: "A1".to_owned(),
                            title: Text::new("Nhóm con A1", "Sub-group A1"),
                            declared_count: Some(2),
                            items: vec![item("A-1"), item("A-2")],
                        },
                        Subgroup {
                            code: "A2".to_owned(),
                            title: Text::new("Nhóm con A2", "Sub-group A2"),
                            declared_count: None,
                            items: vec![item("A-3")],
                        },
                    ],
                    items: Vec::new(),
                },
                Group {
                    code: "B".to_owned(),
                    kind: ItemKind::Prohibition,
                    title: Text::new("Nhóm B", "Group B"),
                    source: Some(Source { document: "47-QĐ/TW".to_owned(), point: None }),
                    declared_count: Some(1),
                    subgroups: Vec::new(),
                    items: vec![item("B-1")],
                },
            ],
        }
    }

    /// `(code, path)` of each finding.
    fn found(issues: &[Issue]) -> Vec<(String, String)> {
        issues.iter().map(|i| (i.code.clone(), i.path.to_string())).collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(c, p)| ((*c).to_owned(), (*p).to_owned())).collect()
    }

    #[test]
    fn the_sample_is_clean() {
        assert_eq!(sample().validate(None), Vec::new());
    }

    #[test]
    fn empty_and_invalid_codes() {
        let mut c = sample();
        c.groups[0].subgroups[1].items[0].code = String::new();
        c.groups[1].items[0].code = "B 1".to_owned();
        let issues = c.validate(None);
        assert_eq!(
            found(&issues),
            pairs(&[
                ("empty_text", "groups[0].subgroups[1].items[0].code"),
                ("invalid_code", "groups[1].items[0].code"),
            ])
        );
        assert_eq!(issues[0].message_en, "the field `code` must not be empty");
        assert_eq!(issues[0].message_vi, "trường `code` không được để trống");
        assert_eq!(
            issues[1].message_en,
            "the code `B 1` is not valid: use letters, digits, `-`, `_`, `.`, at most 64 characters"
        );
        assert_eq!(issues[1].message_vi, "mã `B 1` không hợp lệ: chỉ dùng chữ, số, `-`, `_`, `.`, tối đa 64 ký tự");
    }

    #[test]
    fn duplicate_codes_items_and_groups_apart() {
        let mut c = sample();
        c.groups[0].subgroups[1].items[0].code = "A-1".to_owned();
        c.groups[1].code = "A2".to_owned();
        // An item may share a code with a group: two namespaces.
        c.groups[1].items[0].code = "A".to_owned();
        let issues = c.validate(None);
        assert_eq!(
            found(&issues),
            pairs(&[("duplicate_code", "groups[0].subgroups[1].items[0].code"), ("duplicate_code", "groups[1].code"),])
        );
        assert_eq!(issues[0].message_en, "the code `A-1` is used more than once");
        assert_eq!(issues[1].message_vi, "mã `A2` bị trùng");
    }

    #[test]
    fn empty_text_fields_in_document_order() {
        let mut c = sample();
        c.id = " ".to_owned();
        c.version = String::new();
        c.title.vi = String::new();
        c.title.en = String::new();
        c.issuer = String::new();
        c.document_number = String::new();
        c.groups[0].title.en = String::new();
        c.groups[0].subgroups[0].title.vi = String::new();
        c.groups[0].subgroups[0].items[1].text.vi = String::new();
        c.groups[0].subgroups[0].items[1].text.en = "\t".to_owned();
        c.groups[1].source.as_mut().unwrap().document = String::new();
        c.groups[1].items[0].source.document = String::new();
        let issues = c.validate(None);
        assert_eq!(
            found(&issues),
            pairs(&[
                ("empty_text", "id"),
                ("empty_text", "version"),
                ("empty_text", "title.vi"),
                ("empty_text", "title.en"),
                ("empty_text", "issuer"),
                ("empty_text", "document_number"),
                ("empty_text", "groups[0].title.en"),
                ("empty_text", "groups[0].subgroups[0].title.vi"),
                ("empty_text", "groups[0].subgroups[0].items[1].text.vi"),
                ("empty_text", "groups[0].subgroups[0].items[1].text.en"),
                ("empty_text", "groups[1].source.document"),
                ("empty_text", "groups[1].items[0].source.document"),
            ])
        );
        let fields: Vec<&str> = issues.iter().map(|i| i.params["field"].as_str()).collect();
        assert_eq!(
            fields,
            [
                "id",
                "version",
                "title.vi",
                "title.en",
                "issuer",
                "document_number",
                "title.en",
                "title.vi",
                "text.vi",
                "text.en",
                "source.document",
                "source.document"
            ]
        );
        assert_eq!(issues[8].message_en, "the field `text.vi` must not be empty");
    }

    #[test]
    fn invalid_identifier() {
        let mut c = sample();
        c.id = "mẫu 1".to_owned();
        let issues = c.validate(None);
        assert_eq!(found(&issues), pairs(&[("invalid_code", "id")]));
    }

    #[test]
    fn date_range() {
        let mut c = sample();
        c.effective_until = Some(day(2019, 12, 31));
        let issues = c.validate(None);
        assert_eq!(found(&issues), pairs(&[("invalid_date_range", "effective_until")]));
        assert_eq!(issues[0].message_en, "the end date `2019-12-31` is before the start date `2020-01-01`");
        assert_eq!(issues[0].message_vi, "ngày kết thúc `2019-12-31` trước ngày bắt đầu `2020-01-01`");
        // Ending on the first day is a one-day catalogue, not an error.
        c.effective_until = Some(day(2020, 1, 1));
        assert!(c.validate(None).is_empty());
    }

    #[test]
    fn declared_counts_include_subgroups() {
        let mut c = sample();
        c.groups[0].declared_count = Some(2);
        c.groups[0].subgroups[0].declared_count = Some(3);
        let issues = c.validate(None);
        assert_eq!(
            found(&issues),
            pairs(&[
                ("count_mismatch", "groups[0].declared_count"),
                ("count_mismatch", "groups[0].subgroups[0].declared_count"),
            ])
        );
        assert_eq!(issues[0].message_en, "the group `A` declares 2 items but has 3");
        assert_eq!(issues[1].message_vi, "nhóm `A1` khai báo 3 nội dung nhưng có 2");
    }

    #[test]
    fn empty_groups_are_warnings() {
        let mut c = sample();
        c.groups[1].items.clear();
        c.groups[1].declared_count = None;
        c.groups[0].subgroups[1].items.clear();
        c.groups[0].declared_count = None;
        let issues = c.validate(None);
        assert_eq!(found(&issues), pairs(&[("empty_group", "groups[0].subgroups[1]"), ("empty_group", "groups[1]"),]));
        assert!(issues.iter().all(|i| !i.is_error()));
        assert_eq!(issues[1].message_en, "the group `B` has no items");
        assert_eq!(issues[1].message_vi, "nhóm `B` không có nội dung nào");
        // A wholly empty group gets one warning, not one per sub-group too.
        let mut c = sample();
        for sub in &mut c.groups[0].subgroups {
            sub.items.clear();
            sub.declared_count = None;
        }
        c.groups[0].declared_count = None;
        assert_eq!(found(&c.validate(None)), pairs(&[("empty_group", "groups[0]")]));
    }

    fn central_ref() -> CatalogueRef {
        CatalogueRef { id: "trung-uong".to_owned(), version: "1".to_owned() }
    }

    /// A "central" catalogue whose items the sample refines: C-1 a manifestation, C-2 a
    /// prohibition.
    fn central() -> Catalogue {
        let mut c = sample();
        c.id = "trung-uong".to_owned();
        c.groups[0].subgroups[0].items = vec![item("C-1"), item("X-1")];
        c.groups[0].subgroups[1].items = vec![item("X-2")];
        c.groups[1].items = vec![item("C-2")];
        c
    }

    #[test]
    fn refines_without_catalogue() {
        let mut c = sample();
        c.groups[0].subgroups[0].items[0].refines = Some("C-1".to_owned());
        let issues = c.validate(None);
        assert_eq!(found(&issues), pairs(&[("refines_without_catalogue", "groups[0].subgroups[0].items[0].refines")]));
        assert_eq!(issues[0].message_en, "the item `A-1` refines `C-1` but the catalogue does not declare `refines`");
    }

    #[test]
    fn refines_checked_against_the_refined_catalogue() {
        let mut c = sample();
        c.refines = Some(central_ref());
        c.groups[0].subgroups[0].items[0].refines = Some("C-1".to_owned());
        c.groups[0].subgroups[0].items[1].refines = Some("C-9".to_owned());
        c.groups[0].subgroups[1].items[0].refines = Some("C-2".to_owned());
        c.groups[1].items[0].refines = Some("C-2".to_owned());
        let issues = c.validate(Some(&central()));
        assert_eq!(
            found(&issues),
            pairs(&[
                ("unknown_refines", "groups[0].subgroups[0].items[1].refines"),
                ("refines_wrong_kind", "groups[0].subgroups[1].items[0].refines"),
            ])
        );
        assert_eq!(
            issues[0].message_en,
            "the item `A-2` refines `C-9`, which the catalogue `trung-uong@1` does not have"
        );
        assert_eq!(
            issues[0].message_vi,
            "nội dung `A-2` cụ thể hóa `C-9`, nhưng danh mục `trung-uong@1` không có nội dung này"
        );
        assert_eq!(issues[1].message_en, "the item `A-3` is a `manifestation` but refines `C-2`, a `prohibition`");
    }

    #[test]
    fn refined_catalogue_unavailable_once() {
        let mut c = sample();
        c.refines = Some(central_ref());
        c.groups[0].subgroups[0].items[1].refines = Some("C-9".to_owned());
        c.groups[1].items[0].refines = Some("C-9".to_owned());
        let expected = pairs(&[("refined_catalogue_unavailable", "refines")]);
        let issues = c.validate(None);
        assert_eq!(found(&issues), expected);
        assert!(!issues[0].is_error());
        assert_eq!(
            issues[0].message_en,
            "the catalogue `trung-uong@1` was not given, so refined items were not checked"
        );
        // Another version of the refined catalogue is not the one named.
        let mut other = central();
        other.version = "2".to_owned();
        assert_eq!(found(&c.validate(Some(&other))), expected);
        // Nothing to check: no warning.
        let mut quiet = sample();
        quiet.refines = Some(central_ref());
        assert!(quiet.validate(None).is_empty());
    }

    fn json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let words = [
            "manifestation",
            "exemplary",
            "prohibition",
            "minor",
            "grave",
            "verbatim",
            "label",
            "central",
            "2020-01-01",
            "TTCT-1",
            "",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            prop::sample::select(words.to_vec()).prop_map(Value::from),
        ];
        let keys = prop_oneof![
            prop::sample::select(vec![
                "id",
                "version",
                "title",
                "vi",
                "en",
                "origin",
                "groups",
                "subgroups",
                "items",
                "code",
                "kind",
                "text",
                "severity",
                "wording",
                "source",
                "document",
            ])
            .prop_map(str::to_owned),
            any::<String>(),
        ];
        leaf.prop_recursive(4, 64, 8, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..8)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    /// The embedded catalogue, as a value, and every JSON pointer into it (to mutate it one
    /// node at a time).
    fn central_pointers() -> &'static (Catalogue, serde_json::Value, Vec<String>) {
        fn walk(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
            out.push(at.to_owned());
            match value {
                serde_json::Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{at}/{i}"), out);
                    }
                }
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        walk(v, &format!("{at}/{k}"), out);
                    }
                }
                _ => {}
            }
        }
        static CENTRAL: std::sync::OnceLock<(Catalogue, serde_json::Value, Vec<String>)> = std::sync::OnceLock::new();
        CENTRAL.get_or_init(|| {
            let central = Catalogue::central_2020().unwrap();
            let value = serde_json::to_value(&central).unwrap();
            let mut pointers = Vec::new();
            walk(&value, "", &mut pointers);
            (central, value, pointers)
        })
    }

    fn lossy() -> impl Strategy<Value = String> {
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn a_mutated_catalogue_never_panics(at in any::<prop::sample::Index>(), new in json()) {
            let (central, value, pointers) = central_pointers();
            let mut value = value.clone();
            let pointer = at.get(pointers);
            if let Some(node) = value.pointer_mut(pointer) {
                *node = new;
            }
            let _ = Catalogue::from_json(&value.to_string());
            if let Ok(c) = Catalogue::from_value(value) {
                let _ = c.validate(Some(central));
                let _ = Catalogue::from_csv(&c.csv_header(), &c.to_csv());
            }
        }
    }

    proptest! {
        #[test]
        fn from_json_never_panics(text in prop_oneof![any::<String>(), lossy()]) {
            if let Ok(c) = Catalogue::from_json(&text) {
                let _ = c.validate(Some(&c));
            }
        }

        #[test]
        fn from_value_never_panics(value in json()) {
            let _ = Catalogue::from_json(&value.to_string());
            if let Ok(c) = Catalogue::from_value(value) {
                let _ = c.validate(None);
            }
        }
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let mut c = sample();
        c.groups[1].items[0].code = "x".repeat(100);
        let issues = c.validate(None);
        assert_eq!(issues[0].params["code"], format!("{}…", "x".repeat(80)));
    }
}
