"""The register: a month of a whole organisation in columns (``soisua::register``).

The monthly statistics form is a table, one row per member and one column per item of the
catalogue. :class:`Register` evaluates such a month for every member at once — **dense** (every
cell, a ``uint8`` matrix ``[items, members]`` or a table with one column per item) or **sparse**
(only the cells that are not clean) — with the members' units, the tree of units and the cases
carried from earlier months, and gives every member's verdict, the verdicts counted per unit
(rolled up the tree) and the cases for the next month. It gives what :meth:`Evaluator.evaluate`
gives on the same month, on arrays instead of reviews, at national scale.

The columns are those of ``bindings-python/bench/register_spec.md``:

- codes of the cells: ``0`` no conclusion, ``1`` clean (none / clear / good), ``2`` not applicable
  (exemplary items only), ``4`` adverse (present / not yet good / violated); any other byte is an
  error;
- ``unit_parent`` (``uint32``, ``0xFFFFFFFF`` for a top unit, parents before children),
  ``member_unit`` (``uint32``, the unit a member is counted under this month, ``0xFFFFFFFF`` when
  not counted), ``member_roles`` (``uint8`` role mask);
- sparse rows ``entry_member`` (``uint32``), ``entry_item`` (``uint16``), ``entry_code``
  (``uint8``), sorted by member then item;
- cases ``case_member`` (``uint32``), ``case_item`` (``uint16``), ``case_opened``,
  ``case_deadline``, ``case_escalated``, ``case_remedied`` (``int32`` month indices, ``-1`` for
  none), ``case_state`` (``uint8``: 0 open, 1 remedied, 2 escalated, 3 closed);
- months as indices ``year * 12 + month - 1`` (2020-09 is 24248); verdicts ``0`` not evaluated,
  ``1`` commend, ``2`` help, ``3`` inspect, ``255`` not counted this month.

**No copies.** NumPy arrays are handed to the native module as Arrow arrays over the same memory
(pyarrow), and Arrow tables (a pyarrow Table, a polars DataFrame) are read in place through the
Arrow PyCapsule interface; the results are NumPy arrays over the native vectors (those of at most
16 KiB are copied, which is faster than lending them). Types are checked,
never converted: a column of another dtype is an :class:`~soisua.InvalidArgumentError` naming it
and its type (convert it yourself, knowing it copies). The results are **read-only** arrays
(``.copy()`` one to change it). The month is evaluated without the GIL, on ``threads`` threads.

Needs NumPy and pyarrow (``pip install soisua[register]``).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union, cast

from soisua import _native
from soisua._native import Catalogue, Organisation, Policy
from soisua.errors import InvalidArgumentError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import numpy.typing as npt

__all__ = ["Register", "Cases", "MonthTally", "NONE", "VERDICTS"]

#: ``unit_parent`` of a top unit, ``member_unit`` of a member not counted this month.
NONE = 0xFFFF_FFFF
#: The verdicts by index (the columns of ``units``).
VERDICTS: Tuple[str, str, str, str] = ("not_evaluated", "commend", "help", "inspect")

#: The dtype of every column the register reads.
_DTYPES: Dict[str, str] = {
    "unit_parent": "uint32",
    "member_unit": "uint32",
    "member_roles": "uint8",
    "cells": "uint8",
    "entry_member": "uint32",
    "entry_item": "uint16",
    "entry_code": "uint8",
    "case_member": "uint32",
    "case_item": "uint16",
    "case_opened": "int32",
    "case_deadline": "int32",
    "case_state": "uint8",
    "case_escalated": "int32",
    "case_remedied": "int32",
    "outcome_member": "uint32",
    "outcome_item": "uint16",
    "outcome_opened": "int32",
}
_ENTRY_KEYS = ("entry_member", "entry_item", "entry_code")
_OUTCOME_KEYS = ("outcome_member", "outcome_item", "outcome_opened")
_CASE_KEYS = (
    "case_member",
    "case_item",
    "case_opened",
    "case_deadline",
    "case_state",
    "case_escalated",
    "case_remedied",
)


class Cases(TypedDict):
    """Cases in columns, one row per case, sorted by member (then month opened, then item)."""

    case_member: npt.NDArray[np.uint32]
    case_item: npt.NDArray[np.uint16]
    case_opened: npt.NDArray[np.int32]
    case_deadline: npt.NDArray[np.int32]
    case_state: npt.NDArray[np.uint8]
    case_escalated: npt.NDArray[np.int32]
    case_remedied: npt.NDArray[np.int32]


class MonthTally(TypedDict):
    """A month evaluated by :meth:`Register.evaluate` (every array read-only)."""

    #: The month's index (``year * 12 + month - 1``).
    month: int
    #: Each member's verdict index, ``255`` when not counted this month (``uint8[M]``).
    verdicts: npt.NDArray[np.uint8]
    #: Members per verdict per unit, counting the units under it (``int64[U, 4]``).
    units: npt.NDArray[np.int64]
    #: Members per item found adverse (``int64[I]``).
    items: npt.NDArray[np.int64]
    #: Cases opened this month.
    opened: int
    #: Cases remedied this month.
    remedied: int
    #: Cases escalated to inspection this month (including cases escalated as they opened).
    escalated: int
    #: The cases for the next month (``cases=`` of the next call).
    cases: Cases
    #: Remedied and closed cases no later month needs.
    retired: Cases
    #: Findings that did not stop the evaluation (dicts with ``code``, ``path``, messages).
    notes: List[Dict[str, Any]]


def _modules() -> Tuple[Any, Any]:
    """NumPy and pyarrow, imported when first needed."""
    try:
        import numpy
        import pyarrow  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "soisua.Register needs numpy and pyarrow: `pip install soisua[register]`"
        ) from error
    return numpy, pyarrow


def _argument(name: str, en: str, vi: str) -> InvalidArgumentError:
    """The error for a bad argument, worded as the native module words its own."""
    return InvalidArgumentError(
        "invalid_argument", f"invalid argument `{name}`: {en}", f"tham số `{name}` không hợp lệ: {vi}"
    )


def _type_name(obj: Any) -> str:
    return type(obj).__name__


def _wrap(pa: Any, values: Any, dtype: str) -> Any:
    """A contiguous 1-D NumPy array as an Arrow array over its buffer (no copy).

    ``pa.py_buffer`` takes the array's memory through the buffer protocol (keeping the array
    alive); unlike ``pa.array``, it never imports pandas (two seconds on a first call).
    """
    return pa.Array.from_buffers(getattr(pa, dtype)(), len(values), [None, pa.py_buffer(values)])


def _arrow_view(name: str, values: Any, column: Optional[str] = None) -> Any:
    """``values`` as one Arrow array over the same memory, for the native module.

    A NumPy array must have the column's dtype exactly, one dimension and contiguous memory: it is
    viewed (its buffer wrapped by pyarrow), never converted. An Arrow
    array (anything with ``__arrow_c_array__``) is passed as it is, and checked by the native
    module. A chunked column (a pyarrow ChunkedArray, a polars Series: anything with
    ``__arrow_c_stream__``) is its one chunk, or its chunks joined (a copy) when there are several.
    """
    np, pa = _modules()
    column = column or name
    dtype = _DTYPES[column]
    if isinstance(values, np.ndarray):
        if values.dtype != np.dtype(dtype):
            raise _argument(
                name,
                f"the column `{column}` has the NumPy dtype `{values.dtype}`, expected `{dtype}`; the register "
                f"never converts its columns (a conversion would copy them): convert it first "
                f"(`.astype(np.{dtype})`)",
                f"cột `{column}` có kiểu NumPy `{values.dtype}`, cần `{dtype}`; sổ đánh giá không tự chuyển "
                f"kiểu các cột (chuyển kiểu là sao chép): hãy chuyển trước (`.astype(np.{dtype})`)",
            )
        if values.ndim != 1:
            raise _argument(
                name,
                f"the column `{column}` has {values.ndim} dimensions, expected 1",
                f"cột `{column}` có {values.ndim} chiều, cần 1",
            )
        if not values.flags.c_contiguous:
            raise _argument(
                name,
                f"the column `{column}` is a strided view (not contiguous), which cannot be read in place; "
                f"`np.ascontiguousarray` copies it",
                f"cột `{column}` là một khung nhìn cách quãng (không liền), không đọc tại chỗ được; "
                f"`np.ascontiguousarray` sao chép nó",
            )
        return _wrap(pa, values, dtype)
    if isinstance(values, pa.ChunkedArray) or (
        not hasattr(values, "__arrow_c_array__") and hasattr(values, "__arrow_c_stream__")
    ):
        chunked = values if isinstance(values, pa.ChunkedArray) else pa.chunked_array(values)
        return chunked.chunk(0) if chunked.num_chunks == 1 else chunked.combine_chunks()
    if hasattr(values, "__arrow_c_array__"):
        return values
    raise _argument(
        name,
        f"the column `{column}` must be a NumPy array of {dtype} or an Arrow array (pyarrow, polars), "
        f"not `{_type_name(values)}`",
        f"cột `{column}` phải là mảng NumPy kiểu {dtype} hoặc mảng Arrow (pyarrow, polars), "
        f"không phải `{_type_name(values)}`",
    )


def _columns(name: str, given: Mapping[str, Any], keys: Sequence[str]) -> Dict[str, Any]:
    """The ``keys`` present in a dict of columns (others ignored), each viewed as Arrow."""
    return {key: _arrow_view(name, given[key], key) for key in keys if key in given}


def _index(value: Any) -> Any:
    """A NumPy integer as a Python int (anything else as it is, for the native module to check)."""
    if isinstance(value, (str, bool, int)):
        return value
    try:
        return operator.index(value)
    except TypeError:
        return value


class Register:
    """A catalogue under a policy, for whole months in columns (``soisua::register``).

    Built once (the policy's rules resolved per item), then evaluates any number of months of any
    organisation given as arrays. ``policy`` defaults to the embedded default policy; a policy with
    errors, or made for another catalogue, is refused.

    >>> import soisua
    >>> register = soisua.Register(soisua.Catalogue.synthetic_local())
    >>> len(register.items), register.items[0]
    (127, 'ST-1')
    >>> month = register.synthetic("district")  # a month in the register's columns
    >>> result = register.evaluate(
    ...     month["month"],
    ...     unit_parent=month["unit_parent"],
    ...     member_unit=month["member_unit"],
    ...     member_roles=month["member_roles"],
    ...     cells=month["cells"],  # uint8[items, members]
    ...     cases=month,  # the case_* columns of the dict
    ... )
    >>> top = month["unit_parent"] == soisua.register.NONE
    >>> dict(zip(soisua.register.VERDICTS, result["units"][top].sum(axis=0).tolist()))
    {'not_evaluated': 12, 'commend': 5905, 'help': 299, 'inspect': 62}
    >>> result["opened"], result["remedied"], result["escalated"]
    (670, 54, 65)
    """

    __slots__ = ("_core", "_items")

    def __init__(self, catalogue: Catalogue, policy: Optional[Policy] = None) -> None:
        self._core = _native.RegisterCore(catalogue, policy)
        self._items = len(self._core.items)

    @property
    def items(self) -> List[str]:
        """The item codes in column order (the catalogue's): row ``i`` of ``cells`` is ``items[i]``.

        >>> import soisua
        >>> soisua.Register(soisua.Catalogue.synthetic_local()).items[-1]
        'KDL-22'
        """
        return self._core.items

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue.

        >>> import soisua
        >>> soisua.Register(soisua.Catalogue.central_2020()).catalogue.id
        'central-2020'
        """
        return self._core.catalogue

    @property
    def policy(self) -> Policy:
        """The policy.

        >>> import soisua
        >>> soisua.Register(soisua.Catalogue.central_2020()).policy.id
        'soisua-default'
        """
        return self._core.policy

    def rules(self) -> Dict[str, Any]:
        """The rules as the register reads them, under register_spec.md's names.

        ``item_kind`` (``uint8``: 0 manifestation, 1 exemplary, 2 prohibition), ``item_window``
        (``uint8``: the remedy window in months, 0 escalates at once), ``item_inspect`` (``bool``:
        finding the item inspects at once), ``item_applies`` (``uint8`` role mask, 0 = every member),
        one per item in column order; and the policy's ``recurrence_cases``,
        ``recurrence_months``, ``breadth`` (ints), ``pending_inspect``,
        ``commend_requires_complete`` (bools).

        >>> import soisua
        >>> rules = soisua.Register(soisua.Catalogue.central_2020()).rules()
        >>> rules["item_kind"].dtype, rules["item_kind"].tolist().count(0)
        (dtype('uint8'), 27)
        >>> rules["recurrence_cases"], rules["recurrence_months"], rules["breadth"]
        (3, 6, 3)
        """
        return self._core.rules()

    @staticmethod
    def roster(organisation: Organisation, month: Union[str, int]) -> Dict[str, Any]:
        """An organisation in the register's columns as it stands in ``month``.

        ``month`` (its index), ``unit_ids`` (parents before children), ``unit_parent``
        (``uint32``), ``unit_org_type`` (list of str), ``member_ids`` (the organisation's order),
        ``member_unit`` (``uint32``: the unit the member is counted under this month, or
        :data:`NONE`), ``member_roles`` (``uint8`` role mask). Row ``m`` of every member column is
        ``member_ids[m]``: the order of the cells' columns.

        >>> import soisua
        >>> roster = soisua.Register.roster(soisua.Organisation.synthetic("district", 2020), "2020-09")
        >>> roster["unit_ids"][0], int(roster["unit_parent"][0]) == soisua.register.NONE
        ('HU', True)
        >>> len(roster["member_ids"]) == len(roster["member_unit"]) == len(roster["member_roles"])
        True
        """
        return _native.RegisterCore.roster(organisation, _index(month))

    def synthetic(
        self, scale: str, month: Union[str, int] = "2020-09", seed: int = 2020, form: str = "dense"
    ) -> Dict[str, Any]:
        """A whole synthetic month in register_spec.md's format, for :meth:`evaluate` and benchmarks.

        The synthetic organisation of ``scale`` (``district``: about 6,300 members, ``province``:
        70,000, ``nation``: 5.3 million) with ``seed``, its month's conclusions and the cases carried
        into it, drawn under this register's rules (the same data as ``cargo bench -p soisua
        --bench national`` for the same scale, month and seed, with the synthetic local catalogue).
        Keys: ``month`` (index), the :meth:`rules` keys, ``unit_ids``, ``unit_parent``,
        ``unit_org_type`` (``uint8`` codes into ``org_types``), ``org_types``, ``member_unit``,
        ``member_roles``; ``cells`` (``uint8[items, members]``, C-contiguous) when ``form`` is
        ``dense``, else ``entry_member``, ``entry_item``, ``entry_code``; and the ``case_*``
        columns. Member ids are not given (5.3 million strings at national scale): members are
        the synthetic organisation's, in order.

        >>> import soisua
        >>> register = soisua.Register(soisua.Catalogue.synthetic_local())
        >>> dense = register.synthetic("district")
        >>> dense["cells"].shape, dense["cells"].flags.c_contiguous
        ((127, 6278), True)
        >>> sparse = register.synthetic("district", form="sparse")
        >>> len(sparse["entry_member"]) == int((dense["cells"] != 1).sum())
        True
        """
        return self._core.synthetic(scale, _index(month), _index(seed), form)

    def evaluate(
        self,
        month: Union[str, int],
        *,
        unit_parent: Any,
        member_unit: Any,
        member_roles: Any,
        cells: Any = None,
        entries: Any = None,
        cases: Optional[Mapping[str, Any]] = None,
        threads: int = 1,
        outcomes: Optional[Mapping[str, Any]] = None,
    ) -> MonthTally:
        """Evaluates a month for every member: verdicts, counts per unit rolled up, the cases after it.

        ``month``: ``"2020-09"`` or its index. ``unit_parent``, ``member_unit``, ``member_roles``:
        NumPy arrays (``uint32``, ``uint32``, ``uint8``) or Arrow arrays of those types. The month's
        conclusions, exactly one of:

        - ``cells`` (dense): a ``uint8`` NumPy array ``[items, members]`` (row ``i`` is
          ``items[i]``; C-contiguous, or at least each row contiguous), a list of one ``uint8``
          array per item (NumPy or Arrow, in ``items`` order), or any Arrow table (a
          pyarrow Table, a polars DataFrame: anything with ``__arrow_c_stream__``) with one
          ``UInt8`` column per item code, matched by name (other columns, such as a member id, are
          ignored; a missing item column is an :class:`~soisua.InvalidDocumentError` listing them);
        - ``entries`` (sparse): a dict with ``entry_member``, ``entry_item``, ``entry_code``
          arrays (other keys ignored), or a table with the columns ``member``, ``item``, ``code``
          (``UInt32``, ``UInt16``, ``UInt8``), sorted by member then item, one row per cell that is
          not clean.

        ``cases``: the cases carried in, a dict of ``case_*`` arrays (a previous result's
        ``cases``; other keys ignored, ``case_remedied`` may be left out), or ``None`` for none.
        ``threads``: how many threads share the members (the GIL is released meanwhile).
        ``outcomes``: inspection outcomes decided this month, a dict of ``outcome_member``
        (``uint32``), ``outcome_item`` (``uint16``) and ``outcome_opened`` (``int32``, the case's
        month opened) arrays naming carried cases: each must be escalated (in this month or
        earlier) and is closed before the month is evaluated, so it no longer keeps its member at
        help or inspect. A case that is not there, not escalated, or already closed is an
        :class:`~soisua.InvalidDocumentError` located at ``["outcomes", <row>]``, and nothing is
        recorded.

        Nothing large is copied: NumPy arrays are viewed as Arrow arrays, tables are read in place
        (a table column in several chunks is joined into one, a copy), and the results view the
        native vectors (read-only; results of at most 16 KiB are copies). Only the carried cases are copied (a few percent of the members). The
        arrays are read while the GIL is released: do not change them from another thread until
        the call returns. Columns
        of another dtype, with nulls, or strided, are refused with an
        :class:`~soisua.InvalidArgumentError` naming them; columns that do not fit together
        (lengths, indices, order) and codes other than 0, 1, 2, 4 with an
        :class:`~soisua.InvalidDocumentError` whose ``issues`` locate them
        (``["cells", "<item>", <member>]``, ``["entries", <row>]``…).

        Returns a :class:`MonthTally` dict: ``month``, ``verdicts`` (``uint8[M]``, 255 = not
        counted), ``units`` (``int64[U, 4]``, rolled up the tree), ``items`` (``int64[I]``),
        ``opened``, ``remedied``, ``escalated``, ``cases``, ``retired``, ``notes``.

        >>> import numpy as np
        >>> import soisua
        >>> register = soisua.Register(soisua.Catalogue.central_2020())
        >>> cells = np.ones((len(register.items), 3), dtype=np.uint8)  # 3 members, all clean
        >>> cells[0, 1] = 4  # member 1: the first item (a manifestation) present
        >>> cells[:, 2] = 0  # member 2: no conclusion at all
        >>> result = register.evaluate(
        ...     "2020-09",
        ...     unit_parent=np.array([soisua.register.NONE, 0], dtype=np.uint32),  # a committee over a cell
        ...     member_unit=np.array([1, 1, 1], dtype=np.uint32),
        ...     member_roles=np.zeros(3, dtype=np.uint8),
        ...     cells=cells,
        ... )
        >>> result["verdicts"].tolist(), result["units"].tolist()
        ([1, 2, 0], [[1, 1, 1, 0], [1, 1, 1, 0]])
        >>> result["opened"], result["cases"]["case_item"].tolist(), result["cases"]["case_opened"].tolist()
        (1, [0], [24248])
        """
        np, _ = _modules()
        parent = _arrow_view("unit_parent", unit_parent)
        unit = _arrow_view("member_unit", member_unit)
        roles = _arrow_view("member_roles", member_roles)
        dense = None if cells is None else self._cells(cells, len(unit), np)
        if entries is None:
            sparse = None
        elif isinstance(entries, Mapping):
            sparse = _columns("entries", entries, _ENTRY_KEYS)
        else:
            sparse = entries
        if cases is None:
            carried = None
        elif isinstance(cases, Mapping):
            carried = _columns("cases", cases, _CASE_KEYS)
        else:
            raise _argument(
                "cases",
                f"must be a dict of `case_*` arrays (a result's `cases`) or None, not `{_type_name(cases)}`",
                f"phải là một dict gồm các mảng `case_*` (`cases` của một kết quả) hoặc None, "
                f"không phải `{_type_name(cases)}`",
            )
        if outcomes is None:
            decided = None
        elif isinstance(outcomes, Mapping):
            decided = _columns("outcomes", outcomes, _OUTCOME_KEYS)
        else:
            raise _argument(
                "outcomes",
                f"must be a dict of `outcome_*` arrays or None, not `{_type_name(outcomes)}`",
                f"phải là một dict gồm các mảng `outcome_*` hoặc None, không phải `{_type_name(outcomes)}`",
            )
        result = self._core.evaluate(
            _index(month),
            parent,
            unit,
            roles,
            cells=dense,
            entries=sparse,
            cases=carried,
            threads=_index(threads),
            outcomes=decided,
        )
        return cast(MonthTally, result)

    def _cells(self, cells: Any, members: int, np: Any) -> Any:
        """``cells`` for the native module: a 2-D NumPy matrix as one item-major Arrow array over its
        memory (or one per row when only the rows are contiguous); a table as it is."""
        _, pa = _modules()
        if isinstance(cells, np.ndarray):
            items = self._items
            if cells.dtype != np.uint8:
                raise _argument(
                    "cells",
                    f"has the NumPy dtype `{cells.dtype}`, expected `uint8`; the register never converts its "
                    f"columns (a conversion would copy them): convert it first (`.astype(np.uint8)`)",
                    f"có kiểu NumPy `{cells.dtype}`, cần `uint8`; sổ đánh giá không tự chuyển kiểu các cột "
                    f"(chuyển kiểu là sao chép): hãy chuyển trước (`.astype(np.uint8)`)",
                )
            if cells.shape != (items, members):
                raise _argument(
                    "cells",
                    f"has the shape {cells.shape}, expected (items, members) = {(items, members)}: one row per "
                    f"item of `Register.items`, one column per member",
                    f"có kích thước {cells.shape}, cần (số mục, số đảng viên) = {(items, members)}: mỗi mục của "
                    f"`Register.items` một dòng, mỗi đảng viên một cột",
                )
            if cells.flags.c_contiguous:
                return _wrap(pa, cells.reshape(-1), "uint8")
            if members <= 1 or cells.strides[1] == 1:
                return [_wrap(pa, np.ascontiguousarray(row), "uint8") for row in cells]
            raise _argument(
                "cells",
                "its rows are not contiguous (a Fortran-ordered matrix, or a transposed [members, items] one), "
                "so they cannot be read in place; `np.ascontiguousarray(cells)` copies it into [items, members] "
                "rows",
                "các dòng của nó không liền (ma trận thứ tự Fortran, hoặc ma trận [đảng viên, mục] đã chuyển vị) "
                "nên không đọc tại chỗ được; `np.ascontiguousarray(cells)` sao chép nó thành các dòng "
                "[mục, đảng viên]",
            )
        if isinstance(cells, (list, tuple)):
            return [_arrow_view("cells", row) for row in cells]
        if hasattr(cells, "__arrow_c_stream__") or hasattr(cells, "__arrow_c_array__"):
            return cells
        raise _argument(
            "cells",
            f"must be a uint8 NumPy array [items, members] or an Arrow table with one UInt8 column per item "
            f"(a pyarrow Table, a polars DataFrame), not `{_type_name(cells)}`",
            f"phải là mảng NumPy uint8 [mục, đảng viên] hoặc bảng Arrow có một cột UInt8 cho mỗi mục (Table "
            f"của pyarrow, DataFrame của polars), không phải `{_type_name(cells)}`",
        )

    def __repr__(self) -> str:
        catalogue, policy = self.catalogue, self.policy
        return (
            f"Register(catalogue={catalogue.id + '@' + catalogue.version!r}, "
            f"policy={policy.id + '@' + policy.version!r}, items={len(self.items)})"
        )
