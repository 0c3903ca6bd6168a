"""HTML for Jupyter (`soisua._display`): bilingual labels, escaped values, numbers that match."""

from __future__ import annotations

import copy
import html
from html.parser import HTMLParser
from typing import Any, Dict, List, Optional, Tuple

import pytest

import soisua
from soisua import _display

from conftest import MINI_CATALOGUE, MINI_ORGANISATION, MINI_REVIEWS

#: Tags the display may use: no script, style, link, iframe, image or form.
ALLOWED_TAGS = {
    "div", "h3", "p", "br", "code", "em", "strong", "small", "span", "ul", "li", "details",
    "summary", "table", "caption", "thead", "tbody", "tr", "th", "td", "section", "h2",
}

MARKUP = '<script>alert("x")</script> & <b>'


class Page(HTMLParser):
    """The tags, attributes and tables (rows of cell texts) of an HTML fragment."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: List[Tuple[str, Dict[str, Optional[str]]]] = []
        self.tables: List[List[List[str]]] = []
        self.text: List[str] = []
        self._row: Optional[List[str]] = None
        self._cell: Optional[List[str]] = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())

    def table_with(self, heading: str) -> List[List[str]]:
        """The first table whose first row contains ``heading``."""
        for table in self.tables:
            if table and any(heading in cell for cell in table[0]):
                return table
        raise AssertionError(f"no table headed {heading!r}")


def check_page(text: str) -> Page:
    """Well-formed enough to parse, only allowed tags, a `lang="vi"` box around everything."""
    page = Page(text)
    assert page.tags, text
    first_tag, first_attrs = page.tags[0]
    assert first_tag == "div" and first_attrs.get("lang") == "vi"
    assert "soisua" in (first_attrs.get("class") or "")
    used = {tag for tag, _ in page.tags}
    assert used <= ALLOWED_TAGS, used - ALLOWED_TAGS
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "href" not in attrs and "src" not in attrs
    return page


# ---------------------------------------------------------------------------------------------
# Helpers


def test_bilingual_escapes_both_sides() -> None:
    assert _display.bilingual("A & <b>", '"x"') == 'A &amp; &lt;b&gt; <span lang="en">/ &quot;x&quot;</span>'


def test_label_of_unknown_key_is_the_key_escaped() -> None:
    assert _display.label(_display.VERDICT_LABELS, "<new>") == '&lt;new&gt; <span lang="en">/ &lt;new&gt;</span>'
    assert _display.label(_display.VERDICT_LABELS, "commend") == 'Biểu dương <span lang="en">/ Commend</span>'


# ---------------------------------------------------------------------------------------------
# Catalogue


def test_catalogue_html_central(central: soisua.Catalogue) -> None:
    text = _display.catalogue_html(central)
    page = check_page(text)
    assert f"{central.id}@{central.version}" in page.plain
    assert central.title["vi"] in page.plain and central.title["en"] in page.plain
    kinds = page.table_with("Loại")
    assert kinds[1:] == [
        ["Biểu hiện suy thoái / Manifestation of degradation", "27"],
        ["Nội dung nêu gương / Exemplary conduct", "16"],
        ["Điều không được làm / Prohibited act", "19"],
    ]
    assert [int(n) for _, n in kinds[1:]] == list(central.counts().values())
    # One collapsed table per group, each row an item with its wording status.
    groups = central.to_dict()["groups"]
    assert sum(1 for tag, _ in page.tags if tag == "details") == len(groups)
    item_rows = [row for table in page.tables[1:] for row in table[1:]]
    assert len(item_rows) == len(central) == 62
    by_code = {row[0]: row for row in item_rows}
    for item in central.items():
        row = by_code[item["code"]]
        assert row[1] == " ".join(item["text_vi"].split())
        assert row[2] == item["text_en"]
        assert row[3] == " / ".join(_display.WORDING_LABELS[item["wording"]])
    # Labels are shown as labels: italic Vietnamese text and the status spelled out.
    assert "Nhãn, không phải văn bản chính thức / Label, not official text" in page.plain
    label_item = next(i for i in central.items() if i["wording"] == "label")
    assert f"<em>{html.escape(label_item['text_vi'])}</em>" in text
    verbatim = next(i for i in central.items() if i["wording"] == "verbatim")
    assert f"<em>{html.escape(verbatim['text_vi'])}</em>" not in text
    # Quotes in group titles ("tự diễn biến") are escaped.
    assert "&quot;tự diễn biến&quot;" in text


def test_catalogue_html_escapes_everything() -> None:
    document = copy.deepcopy(MINI_CATALOGUE)
    document["title"] = {"vi": f"Danh mục {MARKUP}", "en": f"Catalogue {MARKUP}"}
    document["groups"][0]["title"] = {"vi": MARKUP, "en": MARKUP}
    document["groups"][0]["items"][0]["text"] = {"vi": f"Biểu hiện {MARKUP}", "en": MARKUP}
    text = _display.catalogue_html(soisua.Catalogue.from_dict(document))
    page = check_page(text)
    assert "<script" not in text and "<b>" not in text
    assert html.escape(MARKUP) in text
    assert f"Danh mục {MARKUP}" in page.plain
    assert f"Biểu hiện {MARKUP}" in page.plain


def test_catalogue_repr_html(central: soisua.Catalogue) -> None:
    assert central._repr_html_() == _display.catalogue_html(central)


# ---------------------------------------------------------------------------------------------
# Policy


def test_policy_html_default() -> None:
    policy = soisua.Policy.default_2020()
    page = check_page(_display.policy_html(policy))
    rows = {row[0]: row[1] for row in page.table_with("Ngưỡng")[1:]}
    assert rows["Thời hạn khắc phục — mức nhẹ / Remedy window — minor"] == "3 tháng / months"
    assert rows["Thời hạn khắc phục — mức nghiêm trọng / Remedy window — serious"] == "1 tháng / months"
    assert rows["Thời hạn khắc phục — mức rất nghiêm trọng / Remedy window — grave"] == "0 tháng / months"
    assert rows["Vi phạm điều không được làm — mức nhẹ / Prohibition violated — minor"] == (
        "Giúp đỡ, khắc phục / Help and remedy"
    )
    assert rows["Vi phạm điều không được làm — mức nghiêm trọng / Prohibition violated — serious"] == (
        "Kiểm tra, xử lý / Inspect and handle"
    )
    assert rows["Tái phạm (cùng một nội dung) / Relapse (same item)"] == (
        "trường hợp thứ 3 trong 6 tháng → kiểm tra / case no. 3 within 6 months → inspect"
    )
    assert rows["Nhiều biểu hiện trong một tháng / Many manifestations in one month"] == (
        "từ 3 biểu hiện → kiểm tra / 3 or more → inspect"
    )
    assert rows["Trong khi chờ kết luận kiểm tra / While an inspection is pending"] == (
        "Kiểm tra, xử lý / Inspect and handle"
    )
    assert "Khai trừ / Expulsion: không áp dụng / none" in rows[
        "Thời hiệu kỷ luật / Statute of limitations"
    ]
    assert "Mức chi tiết khi công khai / Publication detail" in rows
    assert f"{policy.id}@{policy.version}" in page.plain


def test_policy_html_shows_changes() -> None:
    policy = soisua.Policy.default_2020().with_changes(
        {"recurrence": {"cases": 2}, "remedy_windows": [
            {"severity": "minor", "months": 2}, {"severity": "serious", "months": 1},
            {"severity": "grave", "months": 0},
        ]}
    )
    rows = {row[0]: row[1] for row in check_page(_display.policy_html(policy)).table_with("Ngưỡng")[1:]}
    assert rows["Tái phạm (cùng một nội dung) / Relapse (same item)"].startswith("trường hợp thứ 2 trong 6 tháng")
    assert rows["Thời hạn khắc phục — mức nhẹ / Remedy window — minor"] == "2 tháng / months"


def test_policy_html_escapes_the_title() -> None:
    document = soisua.Policy.default_2020().to_dict()
    document["title"] = {"vi": f"Chính sách {MARKUP}", "en": MARKUP}
    text = _display.policy_html(soisua.Policy.from_dict(document))
    assert "<script" not in text and html.escape(MARKUP) in text
    assert f"Chính sách {MARKUP}" in check_page(text).plain


def test_policy_repr_html() -> None:
    policy = soisua.Policy.default_2020()
    assert policy._repr_html_() == _display.policy_html(policy)


# ---------------------------------------------------------------------------------------------
# Evaluation


def test_evaluation_html_counts(commune_evaluation: soisua.Evaluation) -> None:
    e = commune_evaluation
    page = check_page(_display.evaluation_html(e))
    assert "2020-01 – 2020-03 (3)" in page.plain and "DB-01" in page.plain
    table = page.table_with("Tháng")
    assert table[0] == [
        "Tháng / Month",
        "Chưa đánh giá / Not evaluated",
        "Biểu dương / Commend",
        "Giúp đỡ, khắc phục / Help and remedy",
        "Kiểm tra, xử lý / Inspect and handle",
        "Tổng / Total",
    ]
    counts = e.counts()
    assert [row[0] for row in table[1:]] == e.months
    for row in table[1:]:
        month = counts[row[0]]
        verdicts = ["not_evaluated", "commend", "help", "inspect"]
        assert [int(n) for n in row[1:]] == [month[v] for v in verdicts] + [sum(month.values())]
    states = page.table_with("Trạng thái")
    by_state = {row[0]: int(row[1]) for row in states[1:]}
    assert sum(by_state.values()) == len(e.cases()) > 0
    opened = sum(1 for c in e.cases() if c["state"] == "open")
    assert by_state["Đang khắc phục / Being remedied"] == opened
    assert f"Vấn đề về dữ liệu / Issues in the data: {len(e.issues())}" in page.plain


def test_evaluation_html_without_scope(sample_evaluation: soisua.Evaluation) -> None:
    page = check_page(_display.evaluation_html(sample_evaluation))
    assert "toàn bộ tổ chức / whole organisation" in page.plain
    table = page.table_with("Tháng")
    not_evaluated = [int(row[1]) for row in table[1:]]
    assert not_evaluated == [sample_evaluation.counts()[m]["not_evaluated"] for m in sample_evaluation.months]
    assert min(not_evaluated) > 0


def test_evaluation_html_lists_the_first_issues_escaped() -> None:
    catalogue = soisua.Catalogue.from_dict(MINI_CATALOGUE)
    organisation = soisua.Organisation.from_dict(MINI_ORGANISATION)
    reviews = copy.deepcopy(MINI_REVIEWS)
    strangers = [f"<DV{i}>" for i in range(7)]
    reviews["reviews"] += [{**reviews["reviews"][1], "member": who} for who in strangers]
    e = soisua.Evaluator(catalogue, organisation).evaluate(soisua.ReviewBatch.from_dict(reviews), "2020-09")
    assert len(e.issues()) == 7
    text = _display.evaluation_html(e)
    page = check_page(text)
    assert "<DV0>" not in text and "&lt;DV0&gt;" in text
    items = [t for t in page.plain.split("unknown_member")[1:]]
    assert len(items) == _display.FIRST_ISSUES
    assert "`<DV0>`" in page.plain  # the message, as the core wrote it
    assert "và 2 vấn đề khác / and 2 more" in page.plain


def test_evaluation_repr_html(commune_evaluation: soisua.Evaluation) -> None:
    assert commune_evaluation._repr_html_() == _display.evaluation_html(commune_evaluation)


# ---------------------------------------------------------------------------------------------
# Report


def test_report_html_embeds_the_rendering(commune_evaluation: soisua.Evaluation) -> None:
    report = commune_evaluation.report("2020-Q1")
    text = _display.report_html(report)
    page = check_page(text)
    assert report.render("html") in text
    verdicts = page.table_with("Lượt đảng viên-tháng")
    assert verdicts[1] == ["Được đánh giá / Evaluated",
                           str(report.figures()["evaluated.member_months"]),
                           str(report.figures()["evaluated.distinct"])]
    assert "Đảng bộ xã Thạnh Tây" in page.plain
    assert report._repr_html_() == text


def test_report_html_marks_a_sealed_report(commune_evaluation: soisua.Evaluation) -> None:
    sealed = commune_evaluation.report("2020-01").seal()
    assert "Đã khóa sổ / Sealed" in check_page(_display.report_html(sealed)).plain


def test_report_html_keeps_only_the_body_of_a_document() -> None:
    class Whole:
        sealed = False

        def render(self, format: str) -> str:
            return '<!doctype html><html><head><style>p{}</style></head><body class="x"><p>1 &amp; 2</p></body></html>'

    text = _display.report_html(Whole())  # type: ignore[arg-type]
    assert "<style>" not in text and "<p>1 &amp; 2</p>" in text


def test_report_html_escapes_unit_names() -> None:
    catalogue = soisua.Catalogue.from_dict(MINI_CATALOGUE)
    document = copy.deepcopy(MINI_ORGANISATION)
    document["units"][2]["name"] = f"Chi bộ {MARKUP}"
    organisation = soisua.Organisation.from_dict(document)
    batch = soisua.ReviewBatch.from_dict(MINI_REVIEWS)
    e = soisua.Evaluator(catalogue, organisation).evaluate(batch, "2020-09")
    text = _display.report_html(e.report(scope="DB-1"))
    assert "<script" not in text and "&lt;script&gt;" in text
    assert f"Chi bộ {MARKUP}" in check_page(text).plain


# ---------------------------------------------------------------------------------------------
# One result


def test_result_html(commune_evaluation: soisua.Evaluation) -> None:
    month = commune_evaluation.month("2020-01")
    result = next(r for r in month["results"] if r.get("disagreements") and r["verdict"] == "help")
    page = check_page(_display.result_html(result))
    assert page.plain.startswith("Giúp đỡ, khắc phục / Help and remedy — ")
    for key in ("member", "month", "unit"):
        assert result[key] in page.plain
    assert result["explanation"]["vi"] in page.plain and result["explanation"]["en"] in page.plain
    rules = page.table_with("Quy tắc")
    assert [row[0] for row in rules[1:]] == [r["rule"] for r in result["rules"]]
    assert [row[2] for row in rules[1:]] == [", ".join(r["items"]) for r in result["rules"]]
    assert [row[6] for row in rules[1:]] == [r.get("deadline", "") for r in result["rules"]]
    assert all(row[7] == "Chi bộ / Cell" for row in rules[1:])
    disagreements = page.table_with("Tự đánh giá")
    assert [row[0] for row in disagreements[1:]] == [d["item"] for d in result["disagreements"]]


def test_result_html_of_a_commend(commune_evaluation: soisua.Evaluation) -> None:
    result = commune_evaluation.result("DV000001", "2020-01")
    assert result is not None and result["verdict"] == "commend"
    page = check_page(_display.result_html(result))
    assert page.plain.startswith("Biểu dương / Commend — DV000001 · 2020-01 · DB-01-CB-01")
    assert "Tự đánh giá" not in page.plain


def test_result_html_escapes_everything() -> None:
    result: Dict[str, Any] = {
        "member": MARKUP,
        "month": "2020-09",
        "unit": MARKUP,
        "verdict": "inspect",
        "provisional": True,
        "rules": [{"rule": "inspect.breadth", "items": [MARKUP], "months": ["2020-09"], "threshold": 3, "value": 4}],
        "found": [MARKUP],
        "explanation": {"vi": f"Đồng chí {MARKUP}", "en": f"Comrade {MARKUP}"},
    }
    text = _display.result_html(result)
    assert "<script" not in text and "<b>" not in text
    page = check_page(text)
    assert "tạm thời / provisional" in page.plain
    assert page.table_with("Quy tắc")[1][4:6] == ["3", "4"]


@pytest.mark.parametrize("key", sorted(_display.VERDICT_LABELS))
def test_every_verdict_has_a_label(key: str) -> None:
    vi, en = _display.VERDICT_LABELS[key]
    assert vi and en and vi != en
