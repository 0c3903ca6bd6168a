"""HTML for Jupyter: what ``_repr_html_`` of the native handles returns.

Vietnamese first, English beside it (``Biểu dương <span lang="en">/ Commend</span>``), every value
escaped, no external CSS or JavaScript. The native classes call these functions by name
(``catalogue_html``, ``policy_html``, ``evaluation_html``, ``report_html``); ``result_html`` takes
one result dict of ``Evaluation.result`` / ``Evaluation.month(...)["results"]``.

>>> print(bilingual("Tháng", "Month"))
Tháng <span lang="en">/ Month</span>
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from soisua._frames import KINDS, STATES, VERDICTS
from soisua._native import labels as core_labels

if TYPE_CHECKING:  # the native module imports this one: no import cycle at run time
    from soisua._native import Catalogue, Evaluation, Policy, Report

#: A label in Vietnamese and English.
Label = Tuple[str, str]



def _capitalised(labels: Mapping[str, Mapping[str, str]]) -> Dict[str, Label]:
    def first_upper(text: str) -> str:
        return text[:1].upper() + text[1:]

    return {code: (first_upper(t["vi"]), first_upper(t["en"])) for code, t in labels.items()}


# The core's own words (`Verdict::label`, `ItemKind::label`, the default types of organisation).
_CORE_LABELS = core_labels()
VERDICT_LABELS: Dict[str, Label] = _capitalised(_CORE_LABELS["verdicts"])
KIND_LABELS: Dict[str, Label] = _capitalised(_CORE_LABELS["kinds"])
ORG_TYPE_LABELS: Dict[str, Label] = _capitalised(_CORE_LABELS["org_types"])
# The rest are labels of this display (the core has no words for them as data).
STATE_LABELS: Dict[str, Label] = {
    "open": ("Đang khắc phục", "Being remedied"),
    "remedied": ("Đã khắc phục", "Remedied"),
    "escalated": ("Chuyển kiểm tra", "Escalated to inspection"),
    "closed": ("Đã có kết luận kiểm tra", "Inspection concluded"),
}
SEVERITY_LABELS: Dict[str, Label] = {
    "minor": ("Nhẹ", "Minor"),
    "serious": ("Nghiêm trọng", "Serious"),
    "grave": ("Rất nghiêm trọng", "Grave"),
}
WORDING_LABELS: Dict[str, Label] = {
    "verbatim": ("Nguyên văn", "Verbatim"),
    "partial": ("Trích đoạn", "Partial"),
    "label": ("Nhãn, không phải văn bản chính thức", "Label, not official text"),
}
DISCIPLINE_LABELS: Dict[str, Label] = {
    "reprimand": ("Khiển trách", "Reprimand"),
    "warning": ("Cảnh cáo", "Warning"),
    "removal_from_post": ("Cách chức", "Removal from post"),
    "dissolution": ("Giải tán", "Dissolution"),
    "expulsion": ("Khai trừ", "Expulsion"),
}
PUBLICATION_LABELS: Dict[str, Label] = {
    "verdicts": ("Kết quả và tình trạng từng nhóm nội dung", "Verdict and status per group"),
    "items": ("Thêm mã các nội dung có thiếu sót", "Also the codes of the items found"),
}
SOURCE_LABELS: Dict[str, Label] = {
    "cell": ("Chi bộ", "Cell"),
    "supervision": ("Giám sát", "Supervision"),
}

#: Issues listed in full by `evaluation_html` (the rest are counted).
FIRST_ISSUES = 5

_BOX = 'class="soisua {kind}" lang="vi" style="max-width:72em;overflow-x:auto"'
_NUM = ' style="text-align:right"'


def escape(value: object) -> str:
    """``value`` as text, HTML-escaped (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def bilingual(vi: object, en: object) -> str:
    """Vietnamese, then English in a ``lang="en"`` span; both escaped."""
    return f'{escape(vi)} <span lang="en">/ {escape(en)}</span>'


def label(labels: Mapping[str, Label], key: str) -> str:
    """The bilingual label of ``key`` in ``labels``; the key itself, escaped, when unknown."""
    vi, en = labels.get(key, (key, key))
    return bilingual(vi, en)


def text_of(value: Any) -> Label:
    """A ``{"vi", "en"}`` dict as a pair (a plain string stands for both)."""
    if isinstance(value, Mapping):
        vi = str(value.get("vi", ""))
        return vi, str(value.get("en", vi))
    return str(value), str(value)


def _box(kind: str, body: str) -> str:
    return f"<div {_BOX.format(kind=kind)}>{body}</div>"


def _table(
    head: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "", numeric: Sequence[int] = ()
) -> str:
    """A table of HTML fragments (already escaped); columns in ``numeric`` aligned right."""
    parts = ['<table style="border-collapse:collapse;margin:0.3em 0">']
    if caption:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{caption}</caption>')
    parts.append("<thead><tr>")
    for i, cell in enumerate(head):
        parts.append(f'<th scope="col"{_NUM if i in numeric else ""}>{cell}</th>')
    parts.append("</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>")
        for i, cell in enumerate(row):
            parts.append(f"<td{_NUM if i in numeric else ''}>{cell}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _ordered(known: Sequence[str], keys: Iterable[str]) -> List[str]:
    """``known`` first in its order, then any other key in the order met."""
    extra: List[str] = []
    for key in keys:
        if key not in known and key not in extra:
            extra.append(key)
    return list(known) + extra


# ---------------------------------------------------------------------------------------------
# Catalogue


def catalogue_html(catalogue: Catalogue) -> str:
    """Title, ``id@version``, items per kind and wording, and the items of each group (collapsed)."""
    document = catalogue.to_dict()
    vi, en = text_of(catalogue.title)
    counts = catalogue.counts()
    wording = catalogue.wording_counts()
    parts = [
        f"<h3>{bilingual(vi, en)}</h3>",
        f"<p><code>{escape(catalogue.id)}@{escape(catalogue.version)}</code> · "
        f"{bilingual('Nguồn', 'Origin')}: {escape(catalogue.origin)} · "
        f"{bilingual('Số nội dung', 'Items')}: {sum(counts.values())}</p>",
        _table(
            [bilingual("Loại", "Kind"), bilingual("Số nội dung", "Items")],
            ([label(KIND_LABELS, k), escape(counts.get(k, 0))] for k in _ordered(KINDS, counts)),
            numeric=[1],
        ),
        "<p>" + bilingual("Câu chữ", "Wording") + ": "
        + "; ".join(f"{label(WORDING_LABELS, k)}: {escape(n)}" for k, n in wording.items())
        + ". <em>" + bilingual(
            "Nội dung có trạng thái «nhãn» chỉ là nhãn trung tính, không phải câu chữ của văn bản",
            "items marked “label” carry a neutral label, not the document's wording",
        ) + "</em></p>",
    ]
    items = catalogue.items()
    for group in document.get("groups", []):
        code = str(group.get("code", ""))
        rows = [_item_row(item) for item in items if item.get("group") == code]
        gvi, gen = text_of(group.get("title", code))
        summary = (
            f"<code>{escape(code)}</code> — {bilingual(gvi, gen)} "
            f"({len(rows)} {bilingual('nội dung', 'items')})"
        )
        head = [
            bilingual("Mã", "Code"),
            bilingual("Nội dung", "Vietnamese"),
            bilingual("Nhãn tiếng Anh", "English label"),
            bilingual("Câu chữ", "Wording"),
        ]
        parts.append(f"<details><summary>{summary}</summary>{_table(head, rows)}</details>")
    return _box("soisua-catalogue", "".join(parts))


def _item_row(item: Mapping[str, Any]) -> List[str]:
    status = str(item.get("wording", ""))
    text_vi = escape(item.get("text_vi", ""))
    if status == "label":  # never shown as if it were the document's wording
        text_vi = f"<em>{text_vi}</em>"
    return [
        f"<code>{escape(item.get('code', ''))}</code>",
        text_vi,
        f'<span lang="en">{escape(item.get("text_en", ""))}</span>',
        label(WORDING_LABELS, status),
    ]


# ---------------------------------------------------------------------------------------------
# Policy


def policy_html(policy: Policy) -> str:
    """The policy's thresholds in one small table."""
    doc = policy.to_dict()
    vi, en = text_of(doc.get("title", policy.id))
    rows: List[List[str]] = []

    def row(what_vi: str, what_en: str, value: str) -> None:
        rows.append([bilingual(what_vi, what_en), value])

    months = bilingual("tháng", "months")
    for window in doc.get("remedy_windows", []):
        severity = str(window.get("severity", ""))
        svi, sen = SEVERITY_LABELS.get(severity, (severity, severity))
        row(f"Thời hạn khắc phục — mức {svi.lower()}", f"Remedy window — {sen.lower()}",
            f"{escape(window.get('months'))} {months}")
    for rule in doc.get("prohibitions", []):
        severity = str(rule.get("severity", ""))
        svi, sen = SEVERITY_LABELS.get(severity, (severity, severity))
        row(f"Vi phạm điều không được làm — mức {svi.lower()}",
            f"Prohibition violated — {sen.lower()}", label(VERDICT_LABELS, str(rule.get("action", ""))))
    exemplary = doc.get("exemplary")
    if isinstance(exemplary, Mapping):
        window = str(exemplary.get("window", ""))
        row("Nội dung nêu gương chưa tốt", "Exemplary item not yet good",
            f"{label(VERDICT_LABELS, str(exemplary.get('action', '')))}; "
            f"{bilingual('thời hạn như mức', 'window of')} {label(SEVERITY_LABELS, window)}")
    recurrence = doc.get("recurrence")
    if isinstance(recurrence, Mapping):
        cases, within = escape(recurrence.get("cases")), escape(recurrence.get("within_months"))
        row("Tái phạm (cùng một nội dung)", "Relapse (same item)",
            bilingual(f"trường hợp thứ {cases} trong {within} tháng → kiểm tra",
                      f"case no. {cases} within {within} months → inspect"))
    breadth = doc.get("breadth")
    if isinstance(breadth, Mapping):
        count = escape(breadth.get("manifestations"))
        row("Nhiều biểu hiện trong một tháng", "Many manifestations in one month",
            bilingual(f"từ {count} biểu hiện → kiểm tra", f"{count} or more → inspect"))
    if "pending_inspection" in doc:
        row("Trong khi chờ kết luận kiểm tra", "While an inspection is pending",
            label(VERDICT_LABELS, str(doc["pending_inspection"])))
    if "commend_requires_complete" in doc:
        yes = bilingual("Có", "Yes") if doc["commend_requires_complete"] else bilingual("Không", "No")
        row("Biểu dương cần kết luận đủ mọi nội dung", "Commend needs every item concluded", yes)
    limitation = doc.get("limitation")
    if isinstance(limitation, Mapping):
        years = "; ".join(
            f"{label(DISCIPLINE_LABELS, str(form))}: "
            + (f"{escape(n)} {bilingual('năm', 'years')}" if n is not None
               else bilingual("không áp dụng", "none"))
            for form, n in limitation.items()
        )
        row("Thời hiệu kỷ luật", "Statute of limitations", years)
    publication = doc.get("publication")
    if isinstance(publication, Mapping):
        row("Mức chi tiết khi công khai", "Publication detail",
            label(PUBLICATION_LABELS, str(publication.get("detail", ""))))
    parts = [
        f"<h3>{bilingual(vi, en)}</h3>",
        f"<p><code>{escape(policy.id)}@{escape(policy.version)}</code>"
        + (f" · {bilingual('hiệu lực từ', 'effective from')} {escape(doc['effective_from'])}"
           if doc.get("effective_from") else "")
        + "</p>",
        _table([bilingual("Ngưỡng", "Threshold"), bilingual("Giá trị", "Value")], rows),
    ]
    return _box("soisua-policy", "".join(parts))


# ---------------------------------------------------------------------------------------------
# Evaluation


def evaluation_html(evaluation: Evaluation) -> str:
    """Months covered, verdict counts per month, cases by state, and the issues (the first few)."""
    months = evaluation.months
    counts = evaluation.counts()
    scope = evaluation.scope
    span = f"{months[0]} – {months[-1]}" if months else "–"
    verdicts = _ordered(VERDICTS, (v for c in counts.values() for v in c))
    month_rows = []
    for month in months:
        row = counts.get(month, {})
        cells = [escape(row.get(v, 0)) for v in verdicts]
        month_rows.append([escape(month), *cells, escape(sum(row.values()))])
    head = [
        bilingual("Tháng", "Month"),
        *(label(VERDICT_LABELS, v) for v in verdicts),
        bilingual("Tổng", "Total"),
    ]
    by_state: Dict[str, int] = {}
    for case in evaluation.cases():
        state = str(case.get("state", ""))
        by_state[state] = by_state.get(state, 0) + 1
    states = _ordered(STATES, by_state)
    issues = evaluation.issues()
    parts = [
        f"<h3>{bilingual('Kết quả đánh giá', 'Evaluation')}</h3>",
        f"<p>{bilingual('Tháng', 'Months')}: {escape(span)} ({len(months)}) · "
        f"{bilingual('Phạm vi', 'Scope')}: "
        + (f"<code>{escape(scope)}</code>" if scope else bilingual("toàn bộ tổ chức", "whole organisation"))
        + "</p>",
        _table(head, month_rows, caption=bilingual("Kết quả theo tháng", "Verdicts per month"),
               numeric=range(1, len(head))),
        _table(
            [bilingual("Trạng thái", "State"), bilingual("Số trường hợp", "Cases")],
            ([label(STATE_LABELS, s), escape(by_state.get(s, 0))] for s in states),
            caption=bilingual("Trường hợp khắc phục cuối kỳ", "Remedy cases at the end"),
            numeric=[1],
        ),
        f"<p>{bilingual('Vấn đề về dữ liệu', 'Issues in the data')}: <strong>{len(issues)}</strong></p>",
    ]
    if issues:
        parts.append("<ul>")
        for issue in issues[:FIRST_ISSUES]:
            path = "/".join(str(p) for p in issue.get("path", []))
            parts.append(
                f"<li><code>{escape(issue.get('code', ''))}</code> "
                f"{bilingual(issue.get('message_vi', ''), issue.get('message_en', ''))}"
                + (f" <small>(<code>{escape(path)}</code>)</small>" if path else "")
                + "</li>"
            )
        if len(issues) > FIRST_ISSUES:
            more = len(issues) - FIRST_ISSUES
            parts.append(f"<li>… {bilingual(f'và {more} vấn đề khác', f'and {more} more')}</li>")
        parts.append("</ul>")
    return _box("soisua-evaluation", "".join(parts))


# ---------------------------------------------------------------------------------------------
# Report

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)


def report_html(report: Report) -> str:
    """The report through the default templates (``report.render("html")``), in a box."""
    rendered = report.render("html")
    found = _BODY.search(rendered)  # a full document: keep only its body
    body = found.group(1) if found else rendered
    if report.sealed:
        body = f"<p><strong>{bilingual('Đã khóa sổ', 'Sealed')}</strong></p>" + body
    return _box("soisua-report-view", body)


# ---------------------------------------------------------------------------------------------
# One result


def result_html(result: Mapping[str, Any]) -> str:
    """One member-month: the verdict, the explanation (vi, en) and the rules that fired."""
    verdict = str(result.get("verdict", ""))
    vi, en = text_of(result.get("explanation", ""))
    where = " · ".join(
        f"<code>{escape(result[k])}</code>" for k in ("member", "month", "unit") if result.get(k)
    )
    flags = ""
    if result.get("provisional"):
        flags += " · " + bilingual("tạm thời", "provisional")
    disagreements = result.get("disagreements") or []
    rule_rows = []
    for rule in result.get("rules", []):
        rule_rows.append([
            f"<code>{escape(rule.get('rule', ''))}</code>",
            label(KIND_LABELS, str(rule["kind"])) if rule.get("kind") else "",
            escape(", ".join(rule.get("items", []))),
            escape(", ".join(rule.get("months", []))),
            escape(rule.get("threshold", "")),
            escape(rule.get("value", "")),
            escape(rule.get("deadline", "")),
            label(SOURCE_LABELS, str(rule["source"])) if rule.get("source") else "",
        ])
    head = [
        bilingual("Quy tắc", "Rule"), bilingual("Loại", "Kind"), bilingual("Nội dung", "Items"),
        bilingual("Tháng", "Months"), bilingual("Ngưỡng", "Threshold"), bilingual("Giá trị", "Value"),
        bilingual("Hạn khắc phục", "Deadline"), bilingual("Nguồn", "Source"),
    ]
    parts = [
        f"<p><strong>{label(VERDICT_LABELS, verdict)}</strong> — {where}{flags}</p>",
        f'<p>{escape(vi)}<br><span lang="en">{escape(en)}</span></p>',
        _table(head, rule_rows, numeric=[4, 5]),
    ]
    if result.get("found"):
        parts.append(
            f"<p>{bilingual('Nội dung có thiếu sót', 'Items found')}: "
            f"{escape(', '.join(str(i) for i in result['found']))}</p>"
        )
    if disagreements:
        rows = (
            [f"<code>{escape(d.get('item', ''))}</code>", escape(d.get("self", "")), escape(d.get("cell", ""))]
            for d in disagreements
        )
        parts.append(_table(
            [bilingual("Nội dung", "Item"), bilingual("Tự đánh giá", "Self"), bilingual("Chi bộ", "Cell")],
            rows,
            caption=bilingual("Tự đánh giá khác kết luận của chi bộ", "Self-assessment differs from the cell"),
        ))
    return _box("soisua-result", "".join(parts))


__all__ = [
    "VERDICT_LABELS",
    "KIND_LABELS",
    "STATE_LABELS",
    "SEVERITY_LABELS",
    "WORDING_LABELS",
    "DISCIPLINE_LABELS",
    "PUBLICATION_LABELS",
    "SOURCE_LABELS",
    "escape",
    "bilingual",
    "label",
    "text_of",
    "catalogue_html",
    "policy_html",
    "evaluation_html",
    "report_html",
    "result_html",
]


class Result(Dict[str, Any]):
    """A member-month's result (a plain dict: ``member``, ``month``, ``unit``, ``verdict``, ``rules``,
    ``found``, ``explanation`` …) that shows as its verdict, explanation and rules in a notebook."""

    def _repr_html_(self) -> str:
        return result_html(self)
