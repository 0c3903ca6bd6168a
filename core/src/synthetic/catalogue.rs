//! The synthetic local catalogue, shaped like the article's district lists (82 manifestations,
//! 23 exemplary items, 22 prohibitions), each item refining an item of a central catalogue.
//!
//! The real local lists are not public: every text here is a label marked synthetic.

use crate::Text;
use crate::catalogue::{Catalogue, Group, Item, ItemKind, Origin, Placed, Severity, Source, Subgroup, Wording};

/// The id of the synthetic local catalogue.
const ID: &str = "synthetic-local-82-23-22";
/// The "document" every synthetic item cites.
const DOCUMENT: &str = "SYNTHETIC-82-23-22";

/// The manifestation sub-groups: central sub-group code, item count, Vietnamese and English title.
const MANIFESTATIONS: [(&str, usize, &str, &str); 3] = [
    ("TTCT", 28, "Tư tưởng chính trị (giả lập)", "Political ideology (synthetic)"),
    ("DDLS", 27, "Đạo đức, lối sống (giả lập)", "Ethics and lifestyle (synthetic)"),
    (
        "TDB",
        27,
        "\"Tự diễn biến\", \"tự chuyển hóa\" (giả lập)",
        "\"Self-evolution\", \"self-transformation\" (synthetic)",
    ),
];
const EXEMPLARY: usize = 23;
const PROHIBITIONS: usize = 22;

/// The synthetic local catalogue shaped like the article's (82 / 23 / 22 items), each item
/// refining an item of `central`. Its texts are labels, marked synthetic.
///
/// Groups: `SUY-THOAI` (manifestations; sub-groups `TTCT` 28, `DDLS` 27, `TDB` 27, each item
/// refining a central item of the sub-group of the same code, round-robin), `NEU-GUONG`
/// (23 exemplary items refining the central exemplary items round-robin) and `KHONG-DUOC-LAM`
/// (22 prohibitions refining the central prohibitions round-robin). Manifestations and exemplary
/// items are `minor`; prohibitions are mostly `serious`, a few `grave` and a few `minor`, so that
/// every severity occurs. An item whose central counterpart is missing refines nothing.
///
/// ```
/// use soisua::Catalogue;
///
/// let central = Catalogue::central_2020()?;
/// let local = soisua::synthetic::local_catalogue(&central);
/// assert_eq!(local.counts(), [82, 23, 22]);
/// assert!(local.validate(Some(&central)).is_empty());
/// let item = local.item("ST-5").unwrap().item;
/// assert_eq!(item.text.vi, "Nội dung tổng hợp (giả lập) ST-5, cụ thể hóa TTCT-5");
/// assert_eq!(item.text.en, "Synthetic item ST-5, refines TTCT-5");
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn local_catalogue(central: &Catalogue) -> Catalogue {
    let mut numbering = Numbering::default();
    let subgroups = MANIFESTATIONS
        .iter()
        .map(|&(code, count, vi, en)| {
            let targets =
                targets(central, |p| p.kind() == ItemKind::Manifestation && p.subgroup.is_some_and(|s| s.code == code));
            Subgroup {
                code: code.to_owned(),
                title: Text::new(vi, en),
                declared_count: u32::try_from(count).ok(),
                items: (0..count).map(|j| numbering.item("ST", round_robin(&targets, j), Severity::Minor)).collect(),
            }
        })
        .collect();
    let exemplary = targets(central, |p| p.kind() == ItemKind::Exemplary);
    let prohibitions = targets(central, |p| p.kind() == ItemKind::Prohibition);
    Catalogue {
        id: ID.to_owned(),
        version: "1".to_owned(),
        title: Text::new(
            "Danh mục địa phương giả lập 82/23/22 (dữ liệu thử, không phải văn bản thật)",
            "Synthetic local catalogue 82/23/22 (test data, not a real document)",
        ),
        origin: Origin::Synthetic,
        issuer: "soisua (dữ liệu giả lập / synthetic data)".to_owned(),
        document_number: DOCUMENT.to_owned(),
        document_date: central.effective_from,
        effective_from: central.effective_from,
        effective_until: central.effective_until,
        refines: Some(central.reference()),
        notes: Some(
            "Dữ liệu giả lập để thử nghiệm, có hình dạng như danh mục 82/23/22 của bài báo; nội \
             dung là nhãn, không phải câu chữ của văn bản nào. — Synthetic test data shaped like \
             the article's 82/23/22 lists; texts are labels, not the wording of any document."
                .to_owned(),
        ),
        groups: vec![
            Group {
                code: "SUY-THOAI".to_owned(),
                kind: ItemKind::Manifestation,
                title: Text::new(
                    "Biểu hiện suy thoái (giả lập, 82 nội dung)",
                    "Manifestations of degradation (synthetic, 82 items)",
                ),
                source: None,
                declared_count: Some(82),
                subgroups,
                items: Vec::new(),
            },
            Group {
                code: "NEU-GUONG".to_owned(),
                kind: ItemKind::Exemplary,
                title: Text::new(
                    "Nội dung nêu gương (giả lập, 23 nội dung)",
                    "Exemplary conduct (synthetic, 23 items)",
                ),
                source: None,
                declared_count: u32::try_from(EXEMPLARY).ok(),
                subgroups: Vec::new(),
                items: (0..EXEMPLARY)
                    .map(|j| numbering.item("NG", round_robin(&exemplary, j), Severity::Minor))
                    .collect(),
            },
            Group {
                code: "KHONG-DUOC-LAM".to_owned(),
                kind: ItemKind::Prohibition,
                title: Text::new("Điều không được làm (giả lập, 22 nội dung)", "Prohibited acts (synthetic, 22 items)"),
                source: None,
                declared_count: u32::try_from(PROHIBITIONS).ok(),
                subgroups: Vec::new(),
                items: (0..PROHIBITIONS)
                    .map(|j| {
                        let target = round_robin(&prohibitions, j);
                        numbering.item("KDL", target, prohibition_severity(j))
                    })
                    .collect(),
            },
        ],
    }
}

/// Mostly `serious`; every seventh from the first `grave`, every seventh from the fourth `minor`.
fn prohibition_severity(index: usize) -> Severity {
    match index % 7 {
        0 => Severity::Grave,
        3 => Severity::Minor,
        _ => Severity::Serious,
    }
}

/// The codes of the central items a group refines, in catalogue order.
fn targets(central: &Catalogue, keep: impl Fn(&Placed<'_>) -> bool) -> Vec<String> {
    central.items().filter(|p| keep(p)).map(|p| p.item.code.clone()).collect()
}

fn round_robin(targets: &[String], index: usize) -> Option<&str> {
    index.checked_rem(targets.len()).and_then(|i| targets.get(i)).map(String::as_str)
}

/// Item numbers within each prefix (`ST-1` … `ST-82`).
#[derive(Default)]
struct Numbering {
    manifestation: usize,
    exemplary: usize,
    prohibition: usize,
}

impl Numbering {
    fn item(&mut self, prefix: &str, refines: Option<&str>, severity: Severity) -> Item {
        let counter = match prefix {
            "ST" => &mut self.manifestation,
            "NG" => &mut self.exemplary,
            _ => &mut self.prohibition,
        };
        *counter += 1;
        let code = format!("{prefix}-{counter}");
        let text = match refines {
            Some(target) => Text::new(
                format!("Nội dung tổng hợp (giả lập) {code}, cụ thể hóa {target}"),
                format!("Synthetic item {code}, refines {target}"),
            ),
            None => Text::new(format!("Nội dung tổng hợp (giả lập) {code}"), format!("Synthetic item {code}")),
        };
        Item {
            code,
            text,
            severity,
            source: Source { document: DOCUMENT.to_owned(), point: None },
            wording: Wording::Label,
            applies_to: Vec::new(),
            refines: refines.map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shaped_like_the_article_and_clean_against_central() {
        let central = Catalogue::central_2020().unwrap();
        let local = local_catalogue(&central);
        assert_eq!(local.counts(), [82, 23, 22]);
        assert_eq!(local.validate(Some(&central)), Vec::new());
        assert_eq!(local.refines, Some(central.reference()));
        assert_eq!(local.origin, Origin::Synthetic);
        assert_eq!(local.id, "synthetic-local-82-23-22");
        let sizes: Vec<(&str, usize)> =
            local.groups[0].subgroups.iter().map(|s| (s.code.as_str(), s.items.len())).collect();
        assert_eq!(sizes, [("TTCT", 28), ("DDLS", 27), ("TDB", 27)]);
        assert_eq!(local.wording_counts(), [0, 0, 127]);
    }

    #[test]
    fn refines_round_robin_within_each_list() {
        let central = Catalogue::central_2020().unwrap();
        let local = local_catalogue(&central);
        let refines = |code: &str| local.item(code).unwrap().item.refines.clone().unwrap();
        assert_eq!(refines("ST-1"), "TTCT-1");
        assert_eq!(refines("ST-10"), "TTCT-1");
        assert_eq!(refines("ST-28"), "TTCT-1");
        assert_eq!(refines("ST-29"), "DDLS-1");
        assert_eq!(refines("ST-82"), "TDB-9");
        assert_eq!(refines("NG-1"), "QD08-GM-1");
        assert_eq!(refines("NG-9"), "QD08-KQC-1");
        assert_eq!(refines("NG-17"), "QD08-GM-1");
        assert_eq!(refines("KDL-20"), "QD47-1");
        for placed in local.items() {
            let target = central.item(placed.item.refines.as_deref().unwrap()).unwrap();
            assert_eq!(target.kind(), placed.kind());
        }
    }

    #[test]
    fn every_severity_occurs_and_texts_say_synthetic() {
        let local = local_catalogue(&Catalogue::central_2020().unwrap());
        let severities: Vec<Severity> = local.groups[2].items.iter().map(|i| i.severity).collect();
        for severity in Severity::ALL {
            assert!(severities.contains(&severity), "{severity:?}");
        }
        assert_eq!(severities.iter().filter(|s| **s == Severity::Grave).count(), 4);
        for placed in local.items() {
            assert!(placed.item.text.vi.contains("(giả lập)"));
            assert!(placed.item.text.en.starts_with("Synthetic item "));
        }
        assert_eq!(local.item("KDL-2").unwrap().item.text.vi, "Nội dung tổng hợp (giả lập) KDL-2, cụ thể hóa QD47-2");
    }

    #[test]
    fn deterministic_and_total_on_odd_input() {
        let central = Catalogue::central_2020().unwrap();
        assert_eq!(local_catalogue(&central), local_catalogue(&central));
        // A central catalogue without items still gives the shape, refining nothing.
        let mut empty = central.clone();
        empty.groups.clear();
        let local = local_catalogue(&empty);
        assert_eq!(local.counts(), [82, 23, 22]);
        assert!(local.items().all(|p| p.item.refines.is_none()));
    }
}
