//! The explanation of a member-month as one sentence in Vietnamese and in English.

use super::MemberResult;
use crate::catalogue::ItemKind;
use crate::text::Text;
use crate::verdict::{Firing, Rule, Verdict};

impl MemberResult {
    /// The verdict and the reasons at its level, as one sentence in each language, naming the
    /// member as `name` (their name, or their id when names must not be shown).
    ///
    /// ```
    /// use soisua::evaluation::MemberResult;
    /// use soisua::verdict::{Firing, Rule, Verdict};
    /// use soisua::ItemKind;
    /// let m = |s: &str| s.parse().unwrap();
    /// let result = MemberResult {
    ///     member: "DV1".into(), month: m("2020-08"), unit: None, verdict: Verdict::Inspect,
    ///     rules: vec![Firing { items: vec!["TTCT-3".into()], kind: Some(ItemKind::Manifestation),
    ///         months: vec![m("2020-07")], threshold: Some(1), value: Some(1), deadline: Some(m("2020-08")),
    ///         ..Firing::new(Rule::Overdue) }],
    ///     found: vec![], disagreements: vec![], provisional: false,
    /// };
    /// let text = result.sentence("Nguyễn Văn An");
    /// assert_eq!(text.vi, "Đồng chí Nguyễn Văn An: kiểm tra vì biểu hiện TTCT-3 chưa được khắc phục sau 1 tháng (hạn 2020-08)");
    /// assert_eq!(text.en, "Comrade Nguyễn Văn An: inspect because manifestation TTCT-3 was not remedied after 1 month(s) (deadline 2020-08)");
    /// ```
    pub fn sentence(&self, name: &str) -> Text {
        let (verdict_vi, verdict_en) = match self.verdict {
            Verdict::NotEvaluated => ("chưa đánh giá", "not evaluated"),
            Verdict::Commend => ("biểu dương", "commend"),
            Verdict::Help => ("giúp đỡ", "help"),
            Verdict::Inspect => ("kiểm tra", "inspect"),
        };
        let (mut vi, mut en) = (Vec::new(), Vec::new());
        for firing in self.rules.iter().filter(|f| f.rule.verdict() == self.verdict) {
            let reason = reason(firing, self);
            vi.push(reason.vi);
            en.push(reason.en);
        }
        Text::new(
            format!("Đồng chí {name}: {verdict_vi} vì {}", vi.join("; ")),
            format!("Comrade {name}: {verdict_en} because {}", en.join("; ")),
        )
    }
}

fn kind_label(kind: Option<ItemKind>) -> (&'static str, &'static str) {
    match kind {
        Some(ItemKind::Manifestation) => ("biểu hiện", "manifestation"),
        Some(ItemKind::Exemplary) => ("nội dung nêu gương", "exemplary item"),
        Some(ItemKind::Prohibition) => ("điều không được làm", "prohibited item"),
        None => ("nội dung", "item"),
    }
}

fn list<T: ToString>(values: &[T]) -> String {
    values.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

fn reason(f: &Firing, result: &MemberResult) -> Text {
    let (kind_vi, kind_en) = kind_label(f.kind);
    let items = list(&f.items);
    let months = list(&f.months);
    let deadline = f.deadline.map(|m| m.to_string()).unwrap_or_default();
    let threshold = f.threshold.unwrap_or_default();
    let value = f.value.unwrap_or_default();
    let month = result.month;
    match f.rule {
        Rule::Commend => Text::new(
            "không có thiếu sót và không có trường hợp đang khắc phục",
            "nothing is adverse and no case is open",
        ),
        Rule::NoConclusion => Text::new(
            format!("chưa có kết luận của chi bộ tháng {month}"),
            format!("there is no cell conclusion for {month}"),
        ),
        Rule::Incomplete => Text::new(
            format!("còn {} nội dung chưa có kết luận của chi bộ", threshold.saturating_sub(value)),
            format!("{} item(s) lack the cell's conclusion", threshold.saturating_sub(value)),
        ),
        Rule::CatalogueMismatch => {
            Text::new("phiếu đánh giá dùng danh mục khác", "the review was made under another catalogue")
        }
        Rule::DuplicateReview => Text::new(
            format!("có nhiều phiếu đánh giá tháng {month}"),
            format!("there is more than one review for {month}"),
        ),
        Rule::Manifestation => Text::new(
            format!("có biểu hiện {items}, hạn khắc phục {deadline}"),
            format!("manifestation {items} present, to be remedied by {deadline}"),
        ),
        Rule::ExemplaryHelp => Text::new(
            format!("nội dung nêu gương {items} chưa tốt, hạn khắc phục {deadline}"),
            format!("exemplary item {items} not yet good, to be remedied by {deadline}"),
        ),
        Rule::ProhibitionHelp => Text::new(
            format!("vi phạm điều không được làm {items}, hạn khắc phục {deadline}"),
            format!("prohibited item {items} violated, to be remedied by {deadline}"),
        ),
        Rule::OpenCase => Text::new(
            format!("{kind_vi} {items} (mở tháng {months}) đang khắc phục, hạn {deadline}"),
            format!("{kind_en} {items} (opened {months}) is being remedied, deadline {deadline}"),
        ),
        Rule::PendingHelp | Rule::PendingInspect => Text::new(
            format!("{kind_vi} {items} (mở tháng {months}) đang chờ kết quả kiểm tra"),
            format!("{kind_en} {items} (opened {months}) awaits the inspection's outcome"),
        ),
        Rule::ExemplaryInspect => {
            Text::new(format!("{kind_vi} {items} chưa tốt"), format!("{kind_en} {items} not yet good"))
        }
        Rule::ProhibitionInspect => {
            Text::new(format!("vi phạm điều không được làm {items}"), format!("prohibited item {items} violated"))
        }
        Rule::Overdue => Text::new(
            format!("{kind_vi} {items} chưa được khắc phục sau {threshold} tháng (hạn {deadline})"),
            format!("{kind_en} {items} was not remedied after {threshold} month(s) (deadline {deadline})"),
        ),
        Rule::Relapse => Text::new(
            format!("{kind_vi} {items} tái diễn: trường hợp thứ {value} (ngưỡng {threshold}), mở các tháng {months}"),
            format!("{kind_en} {items} recurred: case {value} (threshold {threshold}), opened {months}"),
        ),
        Rule::Breadth => Text::new(
            format!("có {value} biểu hiện trong tháng ({items}), ngưỡng {threshold}"),
            format!("{value} manifestations present in the month ({items}), threshold {threshold}"),
        ),
    }
}
