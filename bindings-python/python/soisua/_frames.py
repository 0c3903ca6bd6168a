"""Data frames from the columns the native module builds (dicts of equal-length lists).

pandas and polars are optional: each is imported when first asked for, and a missing one raises
``ImportError`` saying which extra to install.
"""

from __future__ import annotations

from typing import Any, Dict, List

#: Verdicts, lowest first: frames order them this way (a pandas ordered categorical, a polars Enum).
VERDICTS: List[str] = ["not_evaluated", "commend", "help", "inspect"]
#: Item kinds in catalogue order.
KINDS: List[str] = ["manifestation", "exemplary", "prohibition"]
#: Case states.
STATES: List[str] = ["open", "remedied", "escalated", "closed"]

_CATEGORIES: Dict[str, Dict[str, List[str]]] = {
    "results": {"verdict": VERDICTS},
    "findings": {"kind": KINDS},
    "cases": {},
    "report": {},
    "reviews": {},
}


def _need(module: str) -> Any:
    try:
        return __import__(module)
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"soisua: {module} is not installed; `pip install soisua[{module}]` or `pip install {module}`"
        ) from error


def to_pandas(columns: Dict[str, List[Any]], kind: str) -> Any:
    """A pandas DataFrame of the columns, with the categorical columns of ``kind`` ordered."""
    pd = _need("pandas")
    frame = pd.DataFrame(columns)
    for name, categories in _CATEGORIES.get(kind, {}).items():
        if name in frame.columns:
            frame[name] = pd.Categorical(frame[name], categories=categories, ordered=True)
    return frame


def to_polars(columns: Dict[str, List[Any]], kind: str) -> Any:
    """A polars DataFrame of the columns, with the categorical columns of ``kind`` as Enums."""
    pl = _need("polars")
    frame = pl.DataFrame(columns)
    for name, categories in _CATEGORIES.get(kind, {}).items():
        if name in frame.columns:
            frame = frame.with_columns(pl.col(name).cast(pl.Enum(categories)))
    return frame


def records_to_pandas(records: List[Dict[str, Any]]) -> Any:
    """A pandas DataFrame of a list of flat dicts (catalogue items)."""
    return _need("pandas").DataFrame.from_records(records)


def records_to_polars(records: List[Dict[str, Any]]) -> Any:
    """A polars DataFrame of a list of flat dicts (catalogue items)."""
    return _need("polars").DataFrame(records)
