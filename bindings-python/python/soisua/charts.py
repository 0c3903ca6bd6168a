"""Charts of evaluations and reports, with matplotlib (an optional dependency).

Each function draws on ``ax`` when given, else on a new figure from ``matplotlib.pyplot.subplots``
(so that a notebook shows it), and returns the ``Axes``. Labels are Vietnamese with English beside
them. matplotlib and pandas are imported when a chart is first drawn; a missing one raises
``ImportError`` saying what to install.

- :func:`verdicts_over_months`: stacked bars of verdicts per month (optionally for one unit).
- :func:`findings_heatmap`: the items most often found, by unit, type of organisation or month.
- :func:`org_type_breakdown`: one figure of a report per type of party organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from soisua._display import VERDICT_LABELS, text_of
from soisua._frames import VERDICTS, _need
from soisua._native import default_report_templates
from soisua.errors import InvalidArgumentError, UnknownNameError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from soisua._native import Evaluation, Organisation, Report

__all__ = [
    "verdicts_over_months",
    "findings_heatmap",
    "org_type_breakdown",
    "verdicts_per_month",
    "findings_table",
    "org_type_table",
    "figure_label",
    "units_under",
    "VERDICT_COLOURS",
    "HEATMAP_COLUMNS",
]

#: Bar colours per verdict (colour-blind-safe Okabe–Ito hues; grey for not evaluated).
VERDICT_COLOURS: Dict[str, str] = {
    "not_evaluated": "#999999",
    "commend": "#009E73",
    "help": "#E69F00",
    "inspect": "#D55E00",
}

#: What `findings_heatmap` can put in columns: a column of the findings frame, with its label.
HEATMAP_COLUMNS: Dict[str, Tuple[str, str]] = {
    "unit": ("Đơn vị", "Unit"),
    "org_type": ("Loại hình tổ chức đảng", "Type of party organisation"),
    "month": ("Tháng", "Month"),
}


def _text(vi: str, en: str) -> str:
    return f"{vi} / {en}"


def _title(vi: str, en: str, where: Optional[str] = None) -> str:
    """A title on two lines (Vietnamese, then English), so that narrow axes do not clip it."""
    suffix = f" — {where}" if where else ""
    return f"{vi}{suffix}\n{en}{suffix}"


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "soisua.charts needs matplotlib: `pip install soisua[charts]` or `pip install matplotlib`"
        ) from error
    return plt


def _ticker() -> Any:
    import matplotlib.ticker

    return matplotlib.ticker


def _axes(ax: Optional[Axes], size: Tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=size, layout="constrained")
    result: Axes = new
    return result


def units_under(organisation: Organisation, unit: str) -> List[str]:
    """The ids of ``unit`` and of every unit under it at any time (the core's ``subtree``)."""
    return [str(u["id"]) for u in organisation.subtree(unit).to_dict()["units"]]


def verdicts_per_month(
    evaluation: Evaluation,
    unit: Optional[str] = None,
    organisation: Optional[Organisation] = None,
) -> Any:
    """Members per month and verdict as a pandas DataFrame (months × verdicts, every month of the
    evaluation, zeros included): the numbers :func:`verdicts_over_months` draws.

    ``unit`` keeps the results of that unit; with ``organisation``, also of the units under it.
    The evaluation's own scope keeps everything.
    """
    pd = _need("pandas")
    if unit is None or unit == evaluation.scope:
        # The evaluation's own counts: no need for the (costly) frame of every result.
        table = pd.DataFrame.from_dict(evaluation.counts(), orient="index")
    else:
        frame = evaluation.to_pandas("results")
        units = units_under(organisation, unit) if organisation is not None else [unit]
        frame = frame[frame["unit"].isin(units)]
        table = pd.crosstab(frame["month"], frame["verdict"], dropna=False)
    table = table.reindex(index=evaluation.months, columns=VERDICTS, fill_value=0)
    table.index.name, table.columns.name = "month", "verdict"
    return table.astype("int64")


def verdicts_over_months(
    evaluation: Evaluation,
    unit: Optional[str] = None,
    ax: Optional[Axes] = None,
    *,
    organisation: Optional[Organisation] = None,
    verdicts: Optional[Sequence[str]] = None,
) -> Axes:
    """Stacked bars: members per verdict, month by month.

    ``unit``: only that unit's results (with ``organisation``, the units under it too).
    ``verdicts``: which verdicts to stack, lowest first (all by default; ``("help", "inspect")``
    shows what commendations would dwarf).
    """
    chosen = list(verdicts) if verdicts is not None else list(VERDICTS)
    for verdict in chosen:
        if verdict not in VERDICTS:
            raise UnknownNameError(
                "unknown_name", f"unknown verdict `{verdict}`", f"không có kết quả đánh giá `{verdict}`"
            )
    table = verdicts_per_month(evaluation, unit, organisation)
    ax = _axes(ax, (max(6.0, 0.6 * len(table.index) + 2) + 3.0, 4.0))
    positions = list(range(len(table.index)))
    bottom = [0] * len(positions)
    for verdict in chosen:
        heights = [int(v) for v in table[verdict]]
        ax.bar(
            positions, heights, bottom=bottom, label=_text(*VERDICT_LABELS[verdict]),
            color=VERDICT_COLOURS[verdict],
        )
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(positions, [str(m) for m in table.index], rotation=45, ha="right")
    ax.set_xlabel(_text("Tháng", "Month"))
    ax.set_ylabel(_text("Số đảng viên", "Members"))
    where = unit if unit is not None else evaluation.scope
    ax.set_title(_title("Kết quả đánh giá theo tháng", "Verdicts per month", where))
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def findings_table(evaluation: Evaluation, by: str = "unit", top: int = 20) -> Any:
    """Findings per item (the ``top`` items most often found, most first) and ``by`` (``unit``,
    ``org_type`` or ``month``), as a pandas DataFrame: the numbers :func:`findings_heatmap` draws.
    """
    if by not in HEATMAP_COLUMNS:
        choices = ", ".join(f"`{c}`" for c in HEATMAP_COLUMNS)
        raise InvalidArgumentError(
            "invalid_argument",
            f"invalid argument `by`: must be one of {choices}, not `{by}`",
            f"đối số `by` không hợp lệ: phải là một trong {choices}, không phải `{by}`",
        )
    if top < 1:
        raise InvalidArgumentError(
            "invalid_argument",
            f"invalid argument `top`: must be at least 1, not `{top}`",
            f"đối số `top` không hợp lệ: phải từ 1 trở lên, không phải `{top}`",
        )
    pd = _need("pandas")
    frame = evaluation.to_pandas("findings")
    items = frame["item"].value_counts(sort=True)
    # Ties broken by item code so that the chart is the same from run to run.
    ordered = sorted(items.items(), key=lambda pair: (-int(pair[1]), str(pair[0])))
    keep = [str(item) for item, _ in ordered[:top]]
    frame = frame[frame["item"].isin(keep)]
    table = pd.crosstab(frame["item"], frame[by].astype(str))
    columns = list(evaluation.months) if by == "month" else sorted(str(c) for c in table.columns)
    table = table.reindex(index=keep, columns=columns, fill_value=0)
    table.index.name, table.columns.name = "item", by
    return table.astype("int64")


def findings_heatmap(
    evaluation: Evaluation, by: str = "unit", top: int = 20, ax: Optional[Axes] = None
) -> Axes:
    """Heat map of findings: the ``top`` items most often found (rows, most first) by ``by``
    (columns: ``unit``, ``org_type`` or ``month``). A finding is one member-month with the item
    found adverse by the cell. Small maps carry their counts in the cells.
    """
    table = findings_table(evaluation, by, top)
    rows, cols = table.shape
    ax = _axes(ax, (min(max(6.5, 3.5 + 0.45 * cols), 18.0), 1.8 + 0.3 * rows))
    image = ax.imshow(table.to_numpy(), aspect="auto", cmap="Reds", interpolation="nearest")
    ax.set_yticks(range(rows), [str(i) for i in table.index])
    ax.set_xticks(range(cols), [str(c) for c in table.columns], rotation=60, ha="right")
    ax.set_ylabel(_text("Nội dung", "Item"))
    ax.set_xlabel(_text(*HEATMAP_COLUMNS[by]))
    ax.set_title(_title("Nội dung có thiếu sót nhiều nhất", "Items most often found"))
    if rows * cols <= 400:
        peak = int(table.to_numpy().max()) if rows and cols else 0
        for r in range(rows):
            for c in range(cols):
                value = int(table.iat[r, c])
                if value:
                    colour = "white" if value > peak / 2 else "black"
                    ax.text(c, r, str(value), ha="center", va="center", fontsize="x-small", color=colour)
    bar = ax.figure.colorbar(image, ax=ax, label=_text("Lượt phát hiện", "Findings (member-months)"))
    bar.locator = _ticker().MaxNLocator(integer=True)
    bar.update_ticks()
    return ax


def figure_label(figure: str) -> Tuple[str, str]:
    """The bilingual label of a report figure (``help.distinct`` → ``Giúp đỡ — Số đảng viên``),
    from the default report templates; the figure's name when they do not name it.
    """
    templates = default_report_templates()
    for section in templates.get("sections", []):
        columns = section.get("columns", [])
        for row in section.get("rows", []):
            for i, name in enumerate(row.get("figures", [])):
                if name == figure and i < len(columns):
                    rvi, ren = text_of(row.get("label", name))
                    cvi, cen = text_of(columns[i].get("label", ""))
                    return f"{rvi} — {cvi}", f"{ren} — {cen}"
    return figure, figure


def org_type_table(report: Report, figure: str = "help.distinct") -> Any:
    """One figure of the report per type of organisation, as a pandas DataFrame (``org_type``,
    ``label_vi``, ``label_en``, ``value``), in the report's order: what :func:`org_type_breakdown`
    draws. Labels come from the rendered report (its templates), codes where it has none.
    """
    pd = _need("pandas")
    frame = report.to_pandas()
    part = frame[frame["part"] == "org_type"]
    if figure not in set(part["figure"]):
        raise UnknownNameError(
            "unknown_name",
            f"unknown figure `{figure}` in the report's types of organisation",
            f"không có số liệu `{figure}` trong phần loại hình tổ chức của báo cáo",
        )
    part = part[part["figure"] == figure]
    labels: Dict[str, Tuple[str, str]] = {}
    for table in report.render("document").get("tables", []):
        if table.get("id") == "org_types":
            labels = {str(r["key"]): text_of(r.get("label", r["key"])) for r in table.get("rows", [])}
    keys = [str(k) for k in part["key"]]
    return pd.DataFrame({
        "org_type": keys,
        "label_vi": [labels.get(k, (k, k))[0] for k in keys],
        "label_en": [labels.get(k, (k, k))[1] for k in keys],
        "value": [int(v) for v in part["value"]],
    })


def org_type_breakdown(report: Report, figure: str = "help.distinct", ax: Optional[Axes] = None) -> Axes:
    """Horizontal bars: one figure of the report (``help.distinct``, ``inspect.member_months``,
    ``cases.opened``, … — see ``report.figures()``) per type of party organisation.
    """
    table = org_type_table(report, figure)
    ax = _axes(ax, (9.0, 1.6 + 0.45 * len(table)))
    # The report's order from the top down; positions rather than an inverted axis, so that
    # axes sharing y (``plt.subplots(..., sharey=True)``) stay the right way up.
    positions = list(range(len(table) - 1, -1, -1))
    ax.barh(positions, [int(v) for v in table["value"]], color="#0072B2")
    ax.set_yticks(positions, [_text(vi, en) for vi, en in zip(table["label_vi"], table["label_en"])])
    ax.set_xlabel(_title(*figure_label(figure)))
    ax.set_title(_title("Theo loại hình tổ chức đảng", "By type of party organisation"))
    ax.margins(x=0.12)
    for y, value in zip(positions, table["value"]):
        ax.annotate(str(int(value)), (int(value), y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize="small")
    return ax
