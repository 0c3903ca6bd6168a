"""The analyst notebook (`examples/analyst.ipynb`) runs from top to bottom in a real kernel."""

from __future__ import annotations

import ast
import os
import pathlib
import shutil
import sys
from typing import Any, Dict, Iterator, List

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "analyst.ipynb"
KERNEL = "python3"


def outputs(cell: Any, kind: str = "") -> Iterator[Dict[str, Any]]:
    """The cell's outputs; with ``kind``, only those carrying that MIME type."""
    for output in cell.get("outputs", []):
        if not kind or kind in output.get("data", {}):
            yield output


def cell_with(nb: Any, text: str) -> Any:
    """The first code cell whose source contains ``text``."""
    for cell in nb.cells:
        if cell.cell_type == "code" and text in cell.source:
            return cell
    raise AssertionError(f"no code cell contains {text!r}")


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == KERNEL


def test_kernel_is_this_python() -> None:
    """`python3` must start the interpreter running the tests (the one with soisua installed):
    `python -m ipykernel install --sys-prefix` writes that spec into the venv."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    program = shutil.which(spec.argv[0]) or spec.argv[0]
    assert os.path.abspath(program) == os.path.abspath(sys.executable), (
        f"kernel {KERNEL!r} runs {program}, not {sys.executable}: "
        "run `python -m ipykernel install --sys-prefix` in the venv"
    )


@pytest.fixture(scope="module")
def executed() -> Any:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name=KERNEL, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def test_no_cell_errors(executed: Any) -> None:
    errors: List[str] = [
        f"{o.get('ename')}: {o.get('evalue')}"
        for cell in executed.cells
        for o in outputs(cell)
        if o.get("output_type") == "error"
    ]
    assert errors == []
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)


def test_four_charts_are_drawn(executed: Any) -> None:
    images = [o for cell in executed.cells for o in outputs(cell, "image/png")]
    assert len(images) == 4
    for cell in ("verdicts_over_months", "findings_heatmap", "org_type_breakdown", "ax.axvline(100"):
        assert list(outputs(cell_with(executed, cell), "image/png"))


def test_handles_display_as_html(executed: Any) -> None:
    evaluation = list(outputs(cell_with(executed, "evaluator.evaluate("), "text/html"))
    assert len(evaluation) == 1
    text = evaluation[0]["data"]["text/html"]
    assert 'lang="vi"' in text and "Biểu dương" in text and "Commend" in text
    assert "2020-01 – 2020-12 (12)" in text
    policy = list(outputs(cell_with(executed, "stricter = "), "text/html"))
    assert "trường hợp thứ 2 trong 6 tháng" in policy[0]["data"]["text/html"]


def test_long_table_round_trip_accepts_every_row(executed: Any) -> None:
    shown = list(outputs(cell_with(executed, "from_arrow(long,"), "text/plain"))
    rows, accepted, rejected = ast.literal_eval(shown[0]["data"]["text/plain"])
    assert rows == accepted > 0 and rejected == []
    typo = list(outputs(cell_with(executed, "from_arrow(typo,"), "text/plain"))
    accepted_with_typo, rejected_with_typo = ast.literal_eval(typo[0]["data"]["text/plain"])
    assert accepted_with_typo == rows - 1
    assert [r["code"] for r in rejected_with_typo] == ["invalid_value"]


def test_what_if_finds_changes(executed: Any) -> None:
    shown = list(outputs(cell_with(executed, "evaluator.what_if("), "text/plain"))
    assert shown and "inspect.relapse" in shown[0]["data"]["text/plain"]


def test_term_targets_match_the_article(executed: Any) -> None:
    cell = cell_with(executed, "office.assess_targets(")
    printed = "".join(o.get("text", "") for o in outputs(cell) if o.get("output_type") == "stream")
    assert "'targets': 34" in printed and "'achieved': 31" in printed and "'exceeded': 22" in printed
    assert list(outputs(cell_with(executed, "ax.axvline(100"), "image/png"))


def test_petitions_are_tabled_and_reported(executed: Any) -> None:
    table = list(outputs(cell_with(executed, "office.petition_status("), "text/html"))
    assert table, "the petitions' status table is shown"
    report = "".join(o["data"]["text/plain"] for o in outputs(cell_with(executed, "office.petition_report("), "text/plain"))
    assert "'received'" in report and "'overdue_at_end'" in report
