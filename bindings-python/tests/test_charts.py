"""Charts (`soisua.charts`): what is drawn equals the numbers of the evaluation and the report."""

from __future__ import annotations

import sys
from typing import Iterator, List

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pd = pytest.importorskip("pandas")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402

import soisua  # noqa: E402
from soisua import charts  # noqa: E402

VERDICTS = ["not_evaluated", "commend", "help", "inspect"]


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def bars(ax: Axes) -> List[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


# ---------------------------------------------------------------------------------------------
# Verdicts over months


def test_verdict_bars_equal_the_counts(commune_evaluation: soisua.Evaluation) -> None:
    e = commune_evaluation
    ax = charts.verdicts_over_months(e)
    containers = bars(ax)
    assert len(containers) == len(VERDICTS)
    counts = e.counts()
    for verdict, container in zip(VERDICTS, containers):
        assert [p.get_height() for p in container] == [counts[m][verdict] for m in e.months]
    # Stacked: each bar starts where the one below ends, and the stack is every member-month.
    tops = [p.get_y() + p.get_height() for p in containers[-1]]
    assert tops == [sum(counts[m].values()) for m in e.months]
    assert [t.get_text() for t in ax.get_xticklabels()] == e.months
    assert ax.get_xlabel() == "Tháng / Month"
    assert ax.get_ylabel() == "Số đảng viên / Members"
    assert "Kết quả đánh giá theo tháng — DB-01" in ax.get_title()
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "Chưa đánh giá / Not evaluated",
        "Biểu dương / Commend",
        "Giúp đỡ, khắc phục / Help and remedy",
        "Kiểm tra, xử lý / Inspect and handle",
    ]


def test_verdict_bars_of_one_cell(commune_evaluation: soisua.Evaluation) -> None:
    results = commune_evaluation.to_pandas("results")
    cell = results[results["unit"] == "DB-01-CB-02"]
    expected = cell.groupby(["month", "verdict"], observed=False).size().unstack(fill_value=0)
    ax = charts.verdicts_over_months(commune_evaluation, unit="DB-01-CB-02")
    for verdict, container in zip(VERDICTS, bars(ax)):
        heights = [p.get_height() for p in container]
        assert heights == [int(expected.loc[m, verdict]) for m in commune_evaluation.months]
    assert sum(p.get_height() for c in bars(ax) for p in c) == len(cell) > 0


def test_verdict_bars_of_a_committee_take_the_units_under_it(
    sample_evaluation: soisua.Evaluation, district: soisua.Organisation
) -> None:
    # DB-01's results sit in its cells: an exact match on the committee finds none of them.
    exact = charts.verdicts_per_month(sample_evaluation, unit="DB-01")
    assert int(exact.to_numpy().sum()) == 0
    under = charts.verdicts_per_month(sample_evaluation, unit="DB-01", organisation=district)
    results = sample_evaluation.to_pandas("results")
    cells = results[results["unit"].str.startswith("DB-01-")]
    assert len(cells) > 0
    for month in sample_evaluation.months:
        in_month = cells[cells["month"] == month]
        assert int(under.loc[month].sum()) == len(in_month)
        assert int(under.loc[month, "help"]) == int((in_month["verdict"] == "help").sum())


def test_verdicts_per_month_equal_the_results_frame(commune_evaluation: soisua.Evaluation) -> None:
    results = commune_evaluation.to_pandas("results")
    expected = pd.crosstab(results["month"], results["verdict"], dropna=False)
    expected = expected.reindex(index=commune_evaluation.months, columns=VERDICTS, fill_value=0)
    table = charts.verdicts_per_month(commune_evaluation)
    assert list(table.index) == commune_evaluation.months and list(table.columns) == VERDICTS
    assert table.to_numpy().tolist() == expected.to_numpy().tolist()
    # The evaluation's own scope keeps everything.
    assert charts.verdicts_per_month(commune_evaluation, unit="DB-01").equals(table)


def test_verdict_bars_of_chosen_verdicts(commune_evaluation: soisua.Evaluation) -> None:
    ax = charts.verdicts_over_months(commune_evaluation, verdicts=["help", "inspect"])
    help_bars, inspect_bars = bars(ax)
    counts = commune_evaluation.counts()
    assert [p.get_height() for p in inspect_bars] == [counts[m]["inspect"] for m in commune_evaluation.months]
    assert [p.get_y() for p in inspect_bars] == [counts[m]["help"] for m in commune_evaluation.months]
    with pytest.raises(soisua.UnknownNameError) as caught:
        charts.verdicts_over_months(commune_evaluation, verdicts=["praise"])
    assert caught.value.code == "unknown_name"


def test_charts_draw_on_the_given_axes(commune_evaluation: soisua.Evaluation) -> None:
    figure, (left, right) = plt.subplots(1, 2)
    assert charts.verdicts_over_months(commune_evaluation, ax=left) is left
    assert charts.findings_heatmap(commune_evaluation, ax=right) is right
    assert bars(left) and right.images


# ---------------------------------------------------------------------------------------------
# Findings heat map


@pytest.mark.parametrize("by", ["unit", "org_type", "month"])
def test_heatmap_equals_a_crosstab(sample_evaluation: soisua.Evaluation, by: str) -> None:
    top = 8
    findings = sample_evaluation.to_pandas("findings")
    totals = findings["item"].value_counts()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    items = [item for item, _ in ranked]
    expected = pd.crosstab(findings["item"], findings[by]).loc[items]
    if by == "month":  # every month of the evaluation
        expected = expected.reindex(columns=sample_evaluation.months, fill_value=0)
    else:  # the units (types) where one of these items was found
        expected = expected.loc[:, expected.sum() > 0]
        expected = expected.reindex(columns=sorted(expected.columns))
    ax = charts.findings_heatmap(sample_evaluation, by=by, top=top)
    drawn = ax.images[0].get_array()
    assert drawn is not None
    assert drawn.tolist() == expected.to_numpy().tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == items
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(c) for c in expected.columns]
    assert ax.get_ylabel() == "Nội dung / Item"
    # Rows run from the item most often found down.
    assert list(expected.sum(axis=1)) == sorted(expected.sum(axis=1), reverse=True)


def test_heatmap_by_org_type_has_the_four_types(sample_evaluation: soisua.Evaluation) -> None:
    table = charts.findings_table(sample_evaluation, by="org_type", top=100)
    assert list(table.columns) == ["army", "commune", "police", "public_service"]
    assert int(table.to_numpy().sum()) == len(sample_evaluation.to_pandas("findings"))
    ax = charts.findings_heatmap(sample_evaluation, by="org_type")
    assert ax.get_xlabel() == "Loại hình tổ chức đảng / Type of party organisation"


def test_small_heatmaps_carry_their_counts(commune_evaluation: soisua.Evaluation) -> None:
    ax = charts.findings_heatmap(commune_evaluation, by="month", top=5)
    table = charts.findings_table(commune_evaluation, by="month", top=5)
    written = sorted(int(t.get_text()) for t in ax.texts)
    assert written == sorted(int(v) for v in table.to_numpy().ravel() if v)


def test_heatmap_arguments_are_checked(commune_evaluation: soisua.Evaluation) -> None:
    with pytest.raises(soisua.InvalidArgumentError) as caught:
        charts.findings_heatmap(commune_evaluation, by="member")
    assert caught.value.code == "invalid_argument"
    assert "`by`" in caught.value.message_vi and "`member`" in str(caught.value)
    with pytest.raises(soisua.InvalidArgumentError):
        charts.findings_heatmap(commune_evaluation, top=0)


# ---------------------------------------------------------------------------------------------
# By type of organisation


def test_org_type_bars_equal_the_report(sample_evaluation: soisua.Evaluation) -> None:
    report = sample_evaluation.report()
    by_type = report.to_dict()["by_org_type"]
    ax = charts.org_type_breakdown(report)
    widths = [p.get_width() for p in bars(ax)[0]]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(widths) == len(by_type) == 8
    assert "Xã, phường, thị trấn / Commune, ward or town" in labels
    assert "Công an / Police" in labels
    drawn = dict(zip(labels, widths))
    table = charts.org_type_table(report)
    for code, label_vi, label_en in zip(table["org_type"], table["label_vi"], table["label_en"]):
        assert drawn[f"{label_vi} / {label_en}"] == by_type[code]["distinct"]["help"]
    assert sum(widths) == report.figures()["help.distinct"] > 0
    # The report's order from the top down, on an axis that is not inverted (so sharey works).
    ys = [p.get_y() for p in bars(ax)[0]]
    assert ys == sorted(ys, reverse=True)
    low, high = ax.get_ylim()
    assert low < high
    assert ax.get_xlabel() == "Giúp đỡ — Số đảng viên\nHelped — Distinct members"


def test_org_type_bars_of_another_figure(sample_evaluation: soisua.Evaluation) -> None:
    report = sample_evaluation.report()
    frame = report.to_pandas()
    expected = frame[(frame["part"] == "org_type") & (frame["figure"] == "cases.opened")]
    ax = charts.org_type_breakdown(report, figure="cases.opened")
    assert [p.get_width() for p in bars(ax)[0]] == [int(v) for v in expected["value"]]
    assert ax.get_xlabel() == "Mở trong kỳ — Số lượng\nOpened in the period — Count"
    with pytest.raises(soisua.UnknownNameError):
        charts.org_type_breakdown(report, figure="help.everything")


def test_figure_label_falls_back_to_the_name() -> None:
    assert charts.figure_label("items.TTCT-1") == ("items.TTCT-1", "items.TTCT-1")


# ---------------------------------------------------------------------------------------------
# matplotlib is optional


def test_missing_matplotlib_says_what_to_install(
    commune_evaluation: soisua.Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        charts.verdicts_over_months(commune_evaluation)
