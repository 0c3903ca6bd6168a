//! `soisua._native.RegisterCore`: the register (`soisua::register`), whole months in columns.
//!
//! The pure-Python `soisua.Register` (python/soisua/register.py) wraps this class: it turns NumPy
//! arrays into Arrow arrays viewing the same memory and passes them here.
//!
//! - **Inputs** are Arrow arrays, imported through the PyCapsule interface (`crate::arrow`) and
//!   *borrowed*: the core reads the producer's buffers, so a month's cells (127 × 5.3 million bytes
//!   at national scale) are never copied. Only columns that arrive in several chunks are joined
//!   into one vector (a copy), and the carried cases are copied into the core's [`CaseTable`]
//!   (which owns its columns; a few percent of the members). Types are checked, never converted:
//!   a column of another type, or with nulls, is an `invalid_argument` naming it.
//! - **Outputs** are read-only NumPy arrays viewing the core's vectors through NumPy's
//!   `__array_interface__` ([`NativeBuffer`] owns each vector; the array keeps it alive as its
//!   `base`): no copy either. Arrays of at most 16 KiB are copied into a `bytes` object instead,
//!   which NumPy makes an array of faster.
//!
//! The month is evaluated without the GIL.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{ArrowPrimitiveType, Int32Type, UInt8Type, UInt16Type, UInt32Type};
use arrow_array::{Array, ArrayRef, PrimitiveArray, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use soisua::register::{self, CaseTable, RosterData, Rules, Sheet, Tally};
use soisua::synthetic::{Rates, Scale};
use soisua::{Catalogue, Error, Evaluator, Issue, IssueCode, ItemKind, Month, Organisation, Path, Policy};

use crate::catalogue::PyCatalogue;
use crate::convert::{to_py, to_seed, to_string, wrong_type};
use crate::error::{Failure, detached, raise, run};
use crate::evaluation::PyPolicy;
use crate::organisation::PyOrganisation;

fn argument(name: &'static str, en: String, vi: String) -> Error {
    Error::Argument { name, detail: en, detail_vi: vi }
}

// ---------------------------------------------------------------------------------------------
// Outputs: vectors lent to NumPy

/// A vector of the core's, lent to NumPy through `__array_interface__` (version 3): NumPy reads the
/// memory in place and keeps this object alive as the array's `base`, so the vector lives as long
/// as any array viewing it. The memory is never written after the vector is moved in, and is
/// offered read-only.
#[pyclass(frozen, module = "soisua._native", name = "_NativeBuffer")]
struct NativeBuffer {
    /// The vector (its heap block does not move when the vector is moved in here).
    _owner: Box<dyn Any + Send + Sync>,
    /// The address of its first element.
    address: usize,
    /// The array's shape (C order).
    shape: Vec<usize>,
    /// NumPy's type string (`<u4`, `|u1`…).
    typestr: &'static str,
}

#[pymethods]
impl NativeBuffer {
    /// NumPy's array interface: a read-only, C-contiguous view of the vector.
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let interface = PyDict::new(py);
        interface.set_item("shape", PyTuple::new(py, &self.shape)?)?;
        interface.set_item("typestr", self.typestr)?;
        interface.set_item("data", (self.address, true))?;
        interface.set_item("version", 3)?;
        Ok(interface)
    }
}

/// A little-endian type string on little-endian machines, its big-endian twin elsewhere.
const fn typestr(little: &'static str, big: &'static str) -> &'static str {
    if cfg!(target_endian = "little") { little } else { big }
}

/// Arrays of at most this many bytes are copied into a `bytes` object that NumPy views
/// (`numpy.frombuffer`): a few microseconds less per array than the array interface, which counts
/// when a call returns 17 small arrays. Larger ones are lent without a copy.
const SMALL: usize = 16 * 1024;

/// An element of an output array, written as its bytes (native order) when the array is small.
trait Element: Copy + Send + Sync + 'static {
    fn put(self, out: &mut Vec<u8>);
}

macro_rules! element {
    ($($t:ty),*) => {$(
        impl Element for $t {
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_ne_bytes());
            }
        }
    )*};
}
element!(u8, u16, u32, i32, u64);

impl Element for bool {
    fn put(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
}

impl Element for [u64; 4] {
    fn put(self, out: &mut Vec<u8>) {
        for value in self {
            value.put(out);
        }
    }
}

/// A read-only NumPy array of the vector's elements: lent without a copy ([`NativeBuffer`]), or
/// copied when it is at most [`SMALL`] bytes. `typestr` describes one element of `T` (or, for an
/// array of arrays, one of its elements: `element` bytes); `shape` must cover the vector exactly.
fn numpy<'py, T: Element>(
    py: Python<'py>,
    values: Vec<T>,
    shape: &[usize],
    typestr: &'static str,
    element: usize,
) -> PyResult<Bound<'py, PyAny>> {
    static ASARRAY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static FROMBUFFER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let bytes = shape.iter().product::<usize>() * element;
    if bytes != values.len() * size_of::<T>() {
        return Err(crate::error::internal(
            py,
            format!("an array of shape {shape:?} does not cover its {} values", values.len()),
            format!("mảng có kích thước {shape:?} không khớp với {} giá trị", values.len()),
        ));
    }
    if bytes <= SMALL {
        let mut copy = Vec::with_capacity(bytes);
        for value in values {
            value.put(&mut copy);
        }
        let array = FROMBUFFER.import(py, "numpy", "frombuffer")?.call1((PyBytes::new(py, &copy), typestr))?;
        return match shape {
            [_] => Ok(array),
            _ => array.call_method1(intern!(py, "reshape"), (PyTuple::new(py, shape)?,)),
        };
    }
    let address = values.as_ptr().expose_provenance();
    let buffer = NativeBuffer { _owner: Box::new(values), address, shape: shape.to_vec(), typestr };
    let buffer = Bound::new(py, buffer)?;
    ASARRAY.import(py, "numpy", "asarray")?.call1((buffer,))
}

fn u8s(py: Python<'_>, values: Vec<u8>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], "|u1", 1)
}

fn u16s(py: Python<'_>, values: Vec<u16>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], typestr("<u2", ">u2"), 2)
}

fn u32s(py: Python<'_>, values: Vec<u32>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], typestr("<u4", ">u4"), 4)
}

fn i32s(py: Python<'_>, values: Vec<i32>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], typestr("<i4", ">i4"), 4)
}

fn bools(py: Python<'_>, values: Vec<bool>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], "|b1", 1)
}

/// Counts as `int64` (the same bytes as the core's `u64`: counts of members never reach 2^63).
fn counts(py: Python<'_>, values: Vec<u64>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n], typestr("<i8", ">i8"), 8)
}

/// Counts per unit and verdict, `int64[U, 4]`.
fn unit_counts(py: Python<'_>, values: Vec<[u64; 4]>) -> PyResult<Bound<'_, PyAny>> {
    let n = values.len();
    numpy(py, values, &[n, 4], typestr("<i8", ">i8"), 8)
}

/// The cases as a dict of `case_*` arrays.
fn case_columns<'py>(py: Python<'py>, cases: CaseTable, into: &Bound<'py, PyDict>) -> PyResult<()> {
    let CaseTable { member, item, opened, deadline, state, escalated, remedied } = cases;
    into.set_item("case_member", u32s(py, member)?)?;
    into.set_item("case_item", u16s(py, item)?)?;
    into.set_item("case_opened", i32s(py, opened)?)?;
    into.set_item("case_deadline", i32s(py, deadline)?)?;
    into.set_item("case_state", u8s(py, state)?)?;
    into.set_item("case_escalated", i32s(py, escalated)?)?;
    into.set_item("case_remedied", i32s(py, remedied)?)?;
    Ok(())
}

/// `item_kind`'s code of a kind.
fn kind_code(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Manifestation => 0,
        ItemKind::Exemplary => 1,
        ItemKind::Prohibition => 2,
    }
}

/// The rules' columns and scalars, under register_spec.md's names.
fn rule_columns<'py>(py: Python<'py>, rules: &Rules, into: &Bound<'py, PyDict>) -> PyResult<()> {
    let mut windows = Vec::with_capacity(rules.items.len());
    for (code, rule) in rules.codes.iter().zip(&rules.items) {
        let window = u8::try_from(rule.window).map_err(|_| {
            raise(
                py,
                argument(
                    "policy",
                    format!(
                        "the remedy window of `{code}` ({} months) does not fit `item_window` (uint8)",
                        rule.window
                    ),
                    format!("thời hạn khắc phục của `{code}` ({} tháng) không vừa `item_window` (uint8)", rule.window),
                ),
            )
        })?;
        windows.push(window);
    }
    into.set_item("item_kind", u8s(py, rules.items.iter().map(|r| kind_code(r.kind)).collect())?)?;
    into.set_item("item_window", u8s(py, windows)?)?;
    into.set_item("item_inspect", bools(py, rules.items.iter().map(|r| r.inspect).collect())?)?;
    into.set_item("item_applies", u8s(py, rules.items.iter().map(|r| r.applies).collect())?)?;
    into.set_item("recurrence_cases", rules.recurrence_cases)?;
    into.set_item("recurrence_months", rules.recurrence_months)?;
    into.set_item("breadth", rules.breadth)?;
    into.set_item("pending_inspect", rules.pending_inspect)?;
    into.set_item("commend_requires_complete", rules.commend_requires_complete)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Inputs: Arrow arrays borrowed

/// A column of fixed-width integers: an imported Arrow array (borrowed), or a vector joined from
/// several chunks.
enum Column<T: ArrowPrimitiveType> {
    Arrow(PrimitiveArray<T>),
    Owned(Vec<T::Native>),
}

impl<T: ArrowPrimitiveType> Column<T> {
    fn values(&self) -> &[T::Native] {
        match self {
            Column::Arrow(array) => array.values(),
            Column::Owned(values) => values,
        }
    }
}

/// NumPy's name of an Arrow type, when there is one.
fn numpy_name(data_type: &DataType) -> Option<&'static str> {
    Some(match data_type {
        DataType::Boolean => "bool",
        DataType::Int8 => "int8",
        DataType::Int16 => "int16",
        DataType::Int32 => "int32",
        DataType::Int64 => "int64",
        DataType::UInt8 => "uint8",
        DataType::UInt16 => "uint16",
        DataType::UInt32 => "uint32",
        DataType::UInt64 => "uint64",
        DataType::Float16 => "float16",
        DataType::Float32 => "float32",
        DataType::Float64 => "float64",
        _ => return None,
    })
}

fn type_label(data_type: &DataType) -> String {
    match numpy_name(data_type) {
        Some(numpy) => format!("`{data_type}` (NumPy `{numpy}`)"),
        None => format!("`{data_type}`"),
    }
}

/// Checks one imported array of column `label` (of argument `name`): its type (`T`'s, exactly),
/// its buffers (the C data interface imports them unchecked), no nulls.
fn check<T: ArrowPrimitiveType>(name: &'static str, label: &str, array: &dyn Array) -> Result<(), Error> {
    if array.data_type() != &T::DATA_TYPE {
        let (given, expected) = (type_label(array.data_type()), type_label(&T::DATA_TYPE));
        let numpy = numpy_name(&T::DATA_TYPE).unwrap_or("?");
        return Err(argument(
            name,
            format!(
                "the column `{label}` has the type {given}, expected {expected}; the register never converts \
                 its columns (a conversion would copy them): convert it first (NumPy `.astype(np.{numpy})`, \
                 pyarrow `.cast(pa.{numpy}())`, polars `.cast(pl.{})`)",
                polars_name(numpy)
            ),
            format!(
                "cột `{label}` có kiểu {given}, cần {expected}; sổ đánh giá không tự chuyển kiểu các cột (chuyển \
                 kiểu là sao chép): hãy chuyển trước (NumPy `.astype(np.{numpy})`, pyarrow `.cast(pa.{numpy}())`, \
                 polars `.cast(pl.{})`)",
                polars_name(numpy)
            ),
        ));
    }
    array.to_data().validate_full().map_err(|e| {
        argument(
            name,
            format!("the column `{label}` is not valid Arrow data: {e}"),
            format!("cột `{label}` không phải dữ liệu Arrow hợp lệ: {e}"),
        )
    })?;
    let nulls = array.null_count();
    if nulls > 0 {
        return Err(argument(
            name,
            format!("the column `{label}` has {nulls} null(s); the register's columns have no nulls"),
            format!("cột `{label}` có {nulls} giá trị rỗng (null); các cột của sổ đánh giá không có giá trị rỗng"),
        ));
    }
    Ok(())
}

/// Polars' name of a NumPy integer type (`uint8` → `UInt8`).
fn polars_name(numpy: &str) -> String {
    let (unsigned, digits) = match numpy.strip_prefix('u') {
        Some(rest) => (true, rest),
        None => (false, numpy),
    };
    let digits = digits.trim_start_matches("int");
    format!("{}Int{digits}", if unsigned { "U" } else { "" })
}

/// One imported array as a column of `T`.
fn column<T: ArrowPrimitiveType>(name: &'static str, label: &str, array: &dyn Array) -> Result<Column<T>, Error> {
    check::<T>(name, label, array)?;
    array.as_primitive_opt::<T>().cloned().map(Column::Arrow).ok_or_else(|| {
        argument(
            name,
            format!("the column `{label}` is not of the type its schema declares"),
            format!("cột `{label}` không đúng kiểu mà lược đồ khai báo"),
        )
    })
}

const ARRAY_EN: &str = "an Arrow array (a pyarrow Array, or any object with `__arrow_c_array__`; `soisua.Register` \
                        takes NumPy arrays and views them as Arrow arrays)";
const ARRAY_VI: &str = "một mảng Arrow (Array của pyarrow, hoặc đối tượng bất kỳ có `__arrow_c_array__`; \
                        `soisua.Register` nhận mảng NumPy và xem chúng như mảng Arrow)";

fn has(obj: &Bound<'_, PyAny>, dunder: &Bound<'_, PyString>) -> bool {
    obj.hasattr(dunder).unwrap_or(false)
}

/// The Arrow array behind argument `name` (through `__arrow_c_array__`), not yet checked.
fn import_array(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<ArrayRef, Failure> {
    if !has(obj, intern!(obj.py(), "__arrow_c_array__")) {
        return Err(Failure::Core(wrong_type(name, ARRAY_EN, ARRAY_VI, obj)));
    }
    // In `run`: arrow-rs asserts that an imported array matches its schema, and a producer
    // breaking the interface must not surface as pyo3's PanicException.
    run(|| crate::arrow::array_of(obj).map_err(|e| crate::arrow::refused(name, "__arrow_c_array__", &e)))
}

/// Argument `name`, an Arrow array of `T`.
fn array_argument<T: ArrowPrimitiveType>(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Column<T>, Failure> {
    let array = import_array(name, obj)?;
    Ok(column::<T>(name, name, array.as_ref())?)
}

/// Entry `key` of dict argument `name`, an Arrow array of `T`; `None` when the key is absent.
fn dict_column<T: ArrowPrimitiveType>(
    name: &'static str,
    dict: &Bound<'_, PyDict>,
    key: &str,
) -> Result<Option<Column<T>>, Failure> {
    let Some(obj) = dict.get_item(key).map_err(|e| Failure::Core(argument(name, e.to_string(), e.to_string())))? else {
        return Ok(None);
    };
    let array = import_array(name, &obj)?;
    Ok(Some(column::<T>(name, key, array.as_ref())?))
}

fn missing_key(name: &'static str, key: &str) -> Error {
    argument(name, format!("the key `{key}` is missing"), format!("thiếu khóa `{key}`"))
}

/// A table given as any object with `__arrow_c_stream__` (a pyarrow Table, a polars DataFrame…)
/// or a record batch (`__arrow_c_array__` of a struct array): its record batches, read.
struct Table {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl Table {
    fn read(name: &'static str, obj: &Bound<'_, PyAny>) -> Result<Table, Failure> {
        // In `run`: arrow-rs asserts that each imported batch matches the stream's schema, and a
        // producer breaking the interface must not surface as pyo3's PanicException.
        run(|| {
            let reader = crate::arrow::import(name, obj)?;
            let schema = reader.schema();
            let mut batches = Vec::new();
            for (number, batch) in reader.enumerate() {
                batches.push(batch.map_err(|e| {
                    argument(
                        name,
                        format!("the record batch {number} cannot be read: {e}"),
                        format!("không đọc được lô bản ghi {number}: {e}"),
                    )
                })?);
            }
            Ok(Table { schema, batches })
        })
    }

    fn of_batch(batch: RecordBatch) -> Table {
        Table { schema: batch.schema(), batches: vec![batch] }
    }

    /// The position of the column named one of `names` (spellings of one column), `None` when
    /// there is none; an error when it is given more than once.
    fn position(&self, name: &'static str, names: &[&str]) -> Result<Option<usize>, Error> {
        let found: Vec<usize> = self
            .schema
            .fields()
            .iter()
            .enumerate()
            .filter(|(_, f)| names.contains(&f.name().as_str()))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            _ => {
                let label = names.join("` / `");
                Err(argument(
                    name,
                    format!("the column `{label}` is given {} times", found.len()),
                    format!("cột `{label}` xuất hiện {} lần", found.len()),
                ))
            }
        }
    }

    /// The column at `position` as one column of `T`: borrowed when the table has one batch, the
    /// batches' chunks joined (a copy) otherwise.
    fn column<T: ArrowPrimitiveType>(
        &self,
        name: &'static str,
        label: &str,
        position: usize,
    ) -> Result<Column<T>, Error> {
        let chunk = |batch: &RecordBatch| -> Result<ArrayRef, Error> {
            batch.columns().get(position).cloned().ok_or_else(|| {
                argument(
                    name,
                    format!("a record batch lacks the column `{label}` its schema declares"),
                    format!("một lô bản ghi thiếu cột `{label}` mà lược đồ khai báo"),
                )
            })
        };
        match self.batches.as_slice() {
            [one] => column::<T>(name, label, chunk(one)?.as_ref()),
            many => {
                if let Some(field) = self.schema.fields().get(position).filter(|f| f.data_type() != &T::DATA_TYPE) {
                    // The schema's type, reported even when there are no batches.
                    let empty = arrow_array::new_empty_array(field.data_type());
                    check::<T>(name, label, empty.as_ref())?;
                }
                let mut values = Vec::with_capacity(many.iter().map(RecordBatch::num_rows).sum());
                for batch in many {
                    let part = column::<T>(name, label, chunk(batch)?.as_ref())?;
                    values.extend_from_slice(part.values());
                }
                Ok(Column::Owned(values))
            }
        }
    }
}

/// The month's cell conclusions as given.
enum Cells {
    /// One column per item, in the rules' order.
    Dense(Vec<Column<UInt8Type>>),
    /// All the items' columns one after another in one array (item-major: NumPy's C order of an
    /// `[items, members]` matrix).
    Flat(Column<UInt8Type>),
    /// The rows of the cells that are not clean.
    Sparse { member: Column<UInt32Type>, item: Column<UInt16Type>, code: Column<UInt8Type> },
}

impl Cells {
    /// `cells`: a table with a column per item code (by name), a list of one array per item (in
    /// order), or one item-major array of `items × members` codes.
    fn dense(rules: &Rules, members: usize, obj: &Bound<'_, PyAny>) -> Result<Cells, Failure> {
        const NAME: &str = "cells";
        let py = obj.py();
        if let Ok(list) = obj.cast::<PyList>() {
            return Self::rows(rules, list.iter());
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return Self::rows(rules, tuple.iter());
        }
        let table = if has(obj, intern!(py, "__arrow_c_stream__")) {
            Table::read(NAME, obj)?
        } else if has(obj, intern!(py, "__arrow_c_array__")) {
            let array = import_array(NAME, obj)?;
            if !matches!(array.data_type(), DataType::Struct(_)) {
                let flat = column::<UInt8Type>(NAME, NAME, array.as_ref())?;
                let items = rules.items.len();
                let given = flat.values().len();
                if Some(given) != items.checked_mul(members) {
                    return Err(Failure::Core(argument(
                        NAME,
                        format!(
                            "one array of {given} codes is read item by item, and must hold items × members = \
                             {items} × {members} codes"
                        ),
                        format!(
                            "một mảng {given} mã được đọc theo từng mục, và phải có số mục × số đảng viên = \
                             {items} × {members} mã"
                        ),
                    )));
                }
                return Ok(Cells::Flat(flat));
            }
            let batch = run(|| {
                crate::arrow::struct_batch(&array).map_err(|e| crate::arrow::refused(NAME, "__arrow_c_array__", &e))
            })?;
            Table::of_batch(batch)
        } else {
            return Err(Failure::Core(wrong_type(
                NAME,
                "a table with one UInt8 column per item (a pyarrow Table, a polars DataFrame, any object with \
                 `__arrow_c_stream__`), or a list of one UInt8 array per item",
                "một bảng có một cột UInt8 cho mỗi mục (Table của pyarrow, DataFrame của polars, đối tượng bất kỳ \
                 có `__arrow_c_stream__`), hoặc danh sách gồm một mảng UInt8 cho mỗi mục",
                obj,
            )));
        };
        let mut columns = Vec::with_capacity(rules.codes.len());
        let mut missing = Vec::new();
        for code in &rules.codes {
            match table.position(NAME, &[code.as_str()])? {
                Some(position) => columns.push(table.column::<UInt8Type>(NAME, code, position)?),
                None => missing.push(
                    Issue::new(IssueCode::MissingColumn, Path::root().key("cells").key(code.as_str()))
                        .with("column", code),
                ),
            }
        }
        if !missing.is_empty() {
            return Err(Failure::Core(Error::Invalid { document: "register", issues: missing }));
        }
        Ok(Cells::Dense(columns))
    }

    fn rows<'py>(rules: &Rules, rows: impl Iterator<Item = Bound<'py, PyAny>>) -> Result<Cells, Failure> {
        let mut columns = Vec::new();
        for (p, row) in rows.enumerate() {
            let array = import_array("cells", &row)?;
            let label = rules.codes.get(p).cloned().unwrap_or_else(|| format!("cells[{p}]"));
            columns.push(column::<UInt8Type>("cells", &label, array.as_ref())?);
        }
        Ok(Cells::Dense(columns))
    }

    /// `entries`: a dict of `entry_member`, `entry_item`, `entry_code` arrays, or a table with the
    /// columns `member`, `item`, `code` (or `entry_member`, `entry_item`, `entry_code`).
    fn sparse(obj: &Bound<'_, PyAny>) -> Result<Cells, Failure> {
        const NAME: &str = "entries";
        const KEYS: [&str; 3] = ["entry_member", "entry_item", "entry_code"];
        let py = obj.py();
        if let Ok(dict) = obj.cast::<PyDict>() {
            let member = dict_column::<UInt32Type>(NAME, dict, KEYS[0])?.ok_or_else(|| missing_key(NAME, KEYS[0]))?;
            let item = dict_column::<UInt16Type>(NAME, dict, KEYS[1])?.ok_or_else(|| missing_key(NAME, KEYS[1]))?;
            let code = dict_column::<UInt8Type>(NAME, dict, KEYS[2])?.ok_or_else(|| missing_key(NAME, KEYS[2]))?;
            return Ok(Cells::Sparse { member, item, code });
        }
        let table = if has(obj, intern!(py, "__arrow_c_stream__")) || has(obj, intern!(py, "__arrow_c_array__")) {
            Table::read(NAME, obj)?
        } else {
            return Err(Failure::Core(wrong_type(
                NAME,
                "a dict of `entry_member`, `entry_item`, `entry_code` arrays, or a table with the columns `member`, \
                 `item`, `code` (a pyarrow Table, a polars DataFrame, any object with `__arrow_c_stream__`)",
                "một dict gồm các mảng `entry_member`, `entry_item`, `entry_code`, hoặc một bảng có các cột \
                 `member`, `item`, `code` (Table của pyarrow, DataFrame của polars, đối tượng bất kỳ có \
                 `__arrow_c_stream__`)",
                obj,
            )));
        };
        let mut positions = [0usize; 3];
        let mut missing = Vec::new();
        for ((short, key), slot) in ["member", "item", "code"].iter().zip(KEYS).zip(&mut positions) {
            match table.position(NAME, &[short, key])? {
                Some(position) => *slot = position,
                None => missing.push(
                    Issue::new(IssueCode::MissingColumn, Path::root().key("entries").key(short)).with("column", short),
                ),
            }
        }
        if !missing.is_empty() {
            return Err(Failure::Core(Error::Invalid { document: "register", issues: missing }));
        }
        let [member, item, code] = positions;
        Ok(Cells::Sparse {
            member: table.column(NAME, "member", member)?,
            item: table.column(NAME, "item", item)?,
            code: table.column(NAME, "code", code)?,
        })
    }

    /// The core's view of the cells, for `members` members.
    fn sheet(&self, items: usize, members: usize) -> Sheet<'_> {
        match self {
            Cells::Dense(columns) => Sheet::Dense(columns.iter().map(Column::values).collect()),
            Cells::Flat(_) if members == 0 => Sheet::Dense(vec![&[] as &[u8]; items]),
            Cells::Flat(flat) => Sheet::Dense(flat.values().chunks_exact(members).collect()),
            Cells::Sparse { member, item, code } => {
                Sheet::Sparse { member: member.values(), item: item.values(), code: code.values() }
            }
        }
    }
}

/// `cases`: `None` (no cases carried), or a dict of `case_*` arrays as a result's `cases` (copied
/// into the core's table: a few percent of the members). `case_remedied` may be left out (every
/// case's month remedied unknown, `-1`).
fn case_table(obj: Option<&Bound<'_, PyAny>>) -> Result<CaseTable, Failure> {
    const NAME: &str = "cases";
    fn required<T: ArrowPrimitiveType>(dict: &Bound<'_, PyDict>, key: &str) -> Result<Vec<T::Native>, Failure> {
        let column = dict_column::<T>(NAME, dict, key)?.ok_or_else(|| missing_key(NAME, key))?;
        Ok(column.values().to_vec())
    }
    let Some(obj) = obj else { return Ok(CaseTable::new()) };
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Err(Failure::Core(wrong_type(
            NAME,
            "a dict of `case_*` arrays (a result's `cases`), or None",
            "một dict gồm các mảng `case_*` (`cases` của một kết quả), hoặc None",
            obj,
        )));
    };
    let mut table = CaseTable {
        member: required::<UInt32Type>(dict, "case_member")?,
        item: required::<UInt16Type>(dict, "case_item")?,
        opened: required::<Int32Type>(dict, "case_opened")?,
        deadline: required::<Int32Type>(dict, "case_deadline")?,
        state: required::<UInt8Type>(dict, "case_state")?,
        escalated: required::<Int32Type>(dict, "case_escalated")?,
        remedied: Vec::new(),
    };
    table.remedied = match dict_column::<Int32Type>(NAME, dict, "case_remedied")? {
        Some(column) => column.values().to_vec(),
        None => vec![register::NO_MONTH; table.member.len()],
    };
    Ok(table)
}

/// `outcomes`: a dict of `outcome_member`, `outcome_item`, `outcome_opened` arrays, the inspection
/// outcomes decided in `month`, recorded on the carried cases before the month is evaluated.
fn record_outcomes(cases: &mut CaseTable, month: Month, obj: &Bound<'_, PyAny>) -> Result<(), Failure> {
    const NAME: &str = "outcomes";
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Err(Failure::Core(wrong_type(
            NAME,
            "a dict of `outcome_member`, `outcome_item`, `outcome_opened` arrays, or None",
            "một dict gồm các mảng `outcome_member`, `outcome_item`, `outcome_opened`, hoặc None",
            obj,
        )));
    };
    let member =
        dict_column::<UInt32Type>(NAME, dict, "outcome_member")?.ok_or_else(|| missing_key(NAME, "outcome_member"))?;
    let item =
        dict_column::<UInt16Type>(NAME, dict, "outcome_item")?.ok_or_else(|| missing_key(NAME, "outcome_item"))?;
    let opened =
        dict_column::<Int32Type>(NAME, dict, "outcome_opened")?.ok_or_else(|| missing_key(NAME, "outcome_opened"))?;
    let rows = register::Outcomes { member: member.values(), item: item.values(), opened: opened.values() };
    cases.record_outcomes(month, &rows)?;
    Ok(())
}

/// A month given as `"2020-09"` or as its index (`year * 12 + month - 1`).
fn month_of(obj: &Bound<'_, PyAny>) -> Result<Month, Error> {
    if obj.cast::<PyString>().is_ok() {
        return to_string("month", obj)?.parse();
    }
    if obj.cast::<PyBool>().is_err() && obj.cast::<PyInt>().is_ok() {
        let index: i32 = obj.extract().map_err(|_| {
            argument(
                "month",
                "is not a month index (year * 12 + month - 1)".to_owned(),
                "không phải chỉ số tháng (năm * 12 + tháng - 1)".to_owned(),
            )
        })?;
        return Month::from_index(index);
    }
    Err(wrong_type(
        "month",
        "a month (`\"2020-09\"`) or its index (`2020 * 12 + 8`)",
        "một tháng (`\"2020-09\"`) hoặc chỉ số của nó (`2020 * 12 + 8`)",
        obj,
    ))
}

fn threads_of(obj: &Bound<'_, PyAny>) -> Result<usize, Error> {
    if obj.cast::<PyBool>().is_ok() || obj.cast::<PyInt>().is_err() {
        return Err(wrong_type("threads", "an int", "một số nguyên", obj));
    }
    obj.extract::<usize>().map_err(|_| {
        argument("threads", "must be a whole number, at least 1".to_owned(), "phải là số nguyên, ít nhất 1".to_owned())
    })
}

/// The form of a synthetic month.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Dense,
    Sparse,
}

fn form_of(obj: &Bound<'_, PyAny>) -> Result<Form, Error> {
    match to_string("form", obj)?.as_str() {
        "dense" => Ok(Form::Dense),
        "sparse" => Ok(Form::Sparse),
        other => Err(Error::Parse {
            input: other.chars().take(60).collect(),
            expected: "a form: dense or sparse",
            expected_vi: "một dạng: dense (đầy đủ) hoặc sparse (thưa)",
        }),
    }
}

/// The `unit_org_type` strings as `uint8` codes into the sorted list of the types.
fn org_type_codes(types: &[String]) -> Result<(Vec<u8>, Vec<String>), Error> {
    let mut names: BTreeMap<&str, u8> = types.iter().map(|t| (t.as_str(), 0)).collect();
    if names.len() > 256 {
        return Err(argument(
            "organisation",
            format!("{} types of organisation do not fit `unit_org_type` (uint8)", names.len()),
            format!("{} loại hình tổ chức không vừa `unit_org_type` (uint8)", names.len()),
        ));
    }
    for (code, slot) in names.values_mut().enumerate() {
        *slot = u8::try_from(code).unwrap_or(u8::MAX);
    }
    let codes = types.iter().map(|t| names.get(t.as_str()).copied().unwrap_or(u8::MAX)).collect();
    Ok((codes, names.into_keys().map(str::to_owned).collect()))
}

/// What `synthetic` builds without the GIL.
struct Synthetic {
    roster: RosterData,
    org_types: (Vec<u8>, Vec<String>),
    cases: CaseTable,
    /// Dense: `[items × members]`, item-major.
    flat: Vec<u8>,
    entries: (Vec<u32>, Vec<u16>, Vec<u8>),
}

// ---------------------------------------------------------------------------------------------
// The class

/// A catalogue under a policy, resolved once into the register's rules (`soisua::register::Rules`),
/// for whole months in columns. Use `soisua.Register`, which takes NumPy arrays.
#[pyclass(frozen, module = "soisua._native", name = "RegisterCore")]
pub struct PyRegisterCore {
    rules: Arc<Rules>,
    catalogue: Arc<Catalogue>,
    policy: Arc<Policy>,
}

#[pymethods]
impl PyRegisterCore {
    /// The rules of a catalogue under a policy (the default policy when none is given). A policy
    /// with errors, or made for another catalogue, is refused.
    #[new]
    #[pyo3(signature = (catalogue, policy=None))]
    fn py_new(py: Python<'_>, catalogue: &Bound<'_, PyAny>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let convert = || -> Result<_, Error> {
            let catalogue = PyCatalogue::shared("catalogue", catalogue)?;
            let policy = match policy {
                Some(obj) if !obj.is_none() => match obj.cast::<PyPolicy>() {
                    Ok(p) => Arc::clone(&p.get().inner),
                    Err(_) => return Err(wrong_type("policy", "a Policy", "một Policy", obj)),
                },
                _ => Arc::new(Policy::default_2020()?),
            };
            Ok((catalogue, policy))
        };
        let (catalogue, policy) = convert().map_err(|e| raise(py, e))?;
        let rules = detached(py, || {
            // The rules read only the catalogue and the policy: an evaluator over no members.
            let nobody = Organisation::from_json(
                r#"{"id": "register", "name": {"vi": "Sổ", "en": "Register"}, "units": [], "members": []}"#,
            )?;
            Ok(Rules::new(&Evaluator::new(&catalogue, &policy, &nobody)?))
        })?;
        Ok(PyRegisterCore { rules: Arc::new(rules), catalogue, policy })
    }

    /// The item codes, in the order of the columns (the catalogue's).
    #[getter]
    fn items(&self) -> Vec<String> {
        self.rules.codes.clone()
    }

    /// The catalogue.
    #[getter]
    fn catalogue(&self) -> PyCatalogue {
        PyCatalogue { inner: Arc::clone(&self.catalogue) }
    }

    /// The policy.
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy { inner: Arc::clone(&self.policy) }
    }

    /// The rules' columns (`item_kind`, `item_window`, `item_inspect`, `item_applies`) and the
    /// policy's thresholds, under register_spec.md's names.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        rule_columns(py, &self.rules, &dict)?;
        Ok(dict)
    }

    /// An organisation in the register's columns for a month: `month` (its index), `unit_ids`,
    /// `unit_parent`, `unit_org_type`, `member_ids`, `member_unit`, `member_roles`.
    #[staticmethod]
    fn roster<'py>(
        py: Python<'py>,
        organisation: &Bound<'py, PyAny>,
        month: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let organisation = PyOrganisation::shared("organisation", organisation).map_err(|e| raise(py, e))?;
        let month = month_of(month).map_err(|e| raise(py, e))?;
        let data = detached(py, || Ok(RosterData::new(&organisation, month)))?;
        let RosterData { month, unit_ids, unit_parent, unit_org_type, member_ids, member_unit, member_roles } = data;
        let dict = PyDict::new(py);
        dict.set_item("month", month.index())?;
        dict.set_item("unit_ids", unit_ids)?;
        dict.set_item("unit_parent", u32s(py, unit_parent)?)?;
        dict.set_item("unit_org_type", unit_org_type)?;
        dict.set_item("member_ids", member_ids)?;
        dict.set_item("member_unit", u32s(py, member_unit)?)?;
        dict.set_item("member_roles", u8s(py, member_roles)?)?;
        Ok(dict)
    }

    /// A whole synthetic month (`soisua::synthetic::register`) of the synthetic organisation of
    /// `scale`, in register_spec.md's format: the same data as `cargo bench --bench national`
    /// for the same scale, month and seed.
    /// `month` defaults to 2020-09, `seed` to 2020, `form` to `dense` (else `sparse`).
    #[pyo3(signature = (scale, month=None, seed=None, form=None))]
    fn synthetic<'py>(
        &self,
        py: Python<'py>,
        scale: &Bound<'py, PyAny>,
        month: Option<&Bound<'py, PyAny>>,
        seed: Option<&Bound<'py, PyAny>>,
        form: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let convert = || -> Result<_, Error> {
            let scale: Scale = to_string("scale", scale)?.parse()?;
            let month = match month.filter(|m| !m.is_none()) {
                Some(month) => month_of(month)?,
                None => "2020-09".parse()?,
            };
            let seed = match seed.filter(|s| !s.is_none()) {
                Some(seed) => to_seed("seed", seed)?,
                None => 2020,
            };
            let form = match form.filter(|f| !f.is_none()) {
                Some(form) => form_of(form)?,
                None => Form::Dense,
            };
            Ok((scale, month, seed, form))
        };
        let (scale, month, seed, form) = convert().map_err(|e| raise(py, e))?;
        let rules = &*self.rules;
        let made = detached(py, || {
            let organisation = soisua::synthetic::organisation(scale, seed);
            let mut roster = RosterData::new(&organisation, month);
            drop(organisation);
            // Member ids are not handed out (5.3 million strings at national scale).
            roster.member_ids = Vec::new();
            let org_types = org_type_codes(&roster.unit_org_type)?;
            let view = roster.roster();
            let cases = soisua::synthetic::register::cases(rules, &view, month, seed);
            let mut columns = Vec::new();
            soisua::synthetic::register::cells(rules, &view, month, seed, Rates::default(), &cases, &mut columns);
            let (mut flat, mut entries) = (Vec::new(), (Vec::new(), Vec::new(), Vec::new()));
            match form {
                Form::Dense => {
                    // One C-contiguous [items, members] block; each column is freed once copied.
                    flat.reserve_exact(columns.iter().map(Vec::len).sum());
                    for column in columns {
                        flat.extend_from_slice(&column);
                    }
                }
                Form::Sparse => {
                    let slices: Vec<&[u8]> = columns.iter().map(Vec::as_slice).collect();
                    entries = register::sparse(&slices);
                }
            }
            Ok(Synthetic { roster, org_types, cases, flat, entries })
        })?;
        let Synthetic { roster, org_types: (org_type, org_types), cases, flat, entries } = made;
        let members = roster.member_unit.len();
        let dict = PyDict::new(py);
        dict.set_item("month", month.index())?;
        rule_columns(py, rules, &dict)?;
        dict.set_item("unit_ids", roster.unit_ids)?;
        dict.set_item("unit_parent", u32s(py, roster.unit_parent)?)?;
        dict.set_item("unit_org_type", u8s(py, org_type)?)?;
        dict.set_item("org_types", org_types)?;
        dict.set_item("member_unit", u32s(py, roster.member_unit)?)?;
        dict.set_item("member_roles", u8s(py, roster.member_roles)?)?;
        match form {
            Form::Dense => dict.set_item("cells", numpy(py, flat, &[rules.items.len(), members], "|u1", 1)?)?,
            Form::Sparse => {
                let (member, item, code) = entries;
                dict.set_item("entry_member", u32s(py, member)?)?;
                dict.set_item("entry_item", u16s(py, item)?)?;
                dict.set_item("entry_code", u8s(py, code)?)?;
            }
        }
        case_columns(py, cases, &dict)?;
        Ok(dict)
    }

    /// Evaluates a month (`soisua::register::evaluate`) without the GIL. Every array argument is
    /// an Arrow array (anything with `__arrow_c_array__`), read in place. `cells`: a table with one
    /// UInt8 column per item code, a list of one UInt8 array per item (in `items` order), or one
    /// UInt8 array of `items × members` codes, item-major; `entries`: a dict of `entry_member`,
    /// `entry_item`, `entry_code` arrays or a table of `member`, `item`, `code`; exactly one of the
    /// two. `cases`: a dict of `case_*` arrays. Returns `month`, `verdicts`, `units`, `items`,
    /// `opened`, `remedied`, `escalated`, `cases`, `retired`, `notes`.
    #[pyo3(signature = (month, unit_parent, member_unit, member_roles, *, cells=None, entries=None, cases=None, threads=None, outcomes=None))]
    #[allow(clippy::too_many_arguments, reason = "the Python signature")]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        month: &Bound<'py, PyAny>,
        unit_parent: &Bound<'py, PyAny>,
        member_unit: &Bound<'py, PyAny>,
        member_roles: &Bound<'py, PyAny>,
        cells: Option<&Bound<'py, PyAny>>,
        entries: Option<&Bound<'py, PyAny>>,
        cases: Option<&Bound<'py, PyAny>>,
        threads: Option<&Bound<'py, PyAny>>,
        outcomes: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let given = |obj: Option<&Bound<'py, PyAny>>| obj.filter(|o| !o.is_none()).cloned();
        let (cells, entries, cases, threads) = (given(cells), given(entries), given(cases), given(threads));
        let outcomes = given(outcomes);
        let rules = &*self.rules;
        let read = || -> Result<_, Failure> {
            let month = month_of(month)?;
            let threads = match &threads {
                Some(obj) => threads_of(obj)?,
                None => 1,
            };
            let unit_parent = array_argument::<UInt32Type>("unit_parent", unit_parent)?;
            let member_unit = array_argument::<UInt32Type>("member_unit", member_unit)?;
            let member_roles = array_argument::<UInt8Type>("member_roles", member_roles)?;
            let members = member_unit.values().len();
            let sheet = match (&cells, &entries) {
                (Some(cells), None) => Cells::dense(rules, members, cells)?,
                (None, Some(entries)) => Cells::sparse(entries)?,
                (both, _) => {
                    let (en, vi) = if both.is_some() {
                        ("give either `cells` or `entries`, not both", "chỉ đưa `cells` hoặc `entries`, không cả hai")
                    } else {
                        (
                            "give the month's conclusions as `cells` (dense) or `entries` (sparse)",
                            "hãy đưa kết luận của tháng dưới dạng `cells` (đầy đủ) hoặc `entries` (thưa)",
                        )
                    };
                    return Err(Failure::Core(argument("cells", en.to_owned(), vi.to_owned())));
                }
            };
            let mut cases = case_table(cases.as_ref())?;
            if let Some(outcomes) = &outcomes {
                record_outcomes(&mut cases, month, outcomes)?;
            }
            Ok((month, threads, unit_parent, member_unit, member_roles, sheet, cases))
        };
        let (month, threads, unit_parent, member_unit, member_roles, cells, cases) =
            read().map_err(|f| f.into_py_err(py))?;
        let tally = detached(py, || {
            let roster = register::Roster {
                unit_parent: unit_parent.values(),
                member_unit: member_unit.values(),
                member_roles: member_roles.values(),
            };
            let sheet = cells.sheet(rules.items.len(), roster.member_unit.len());
            register::evaluate(rules, &roster, month, &sheet, &cases, threads)
        })?;
        tally_dict(py, tally)
    }

    fn __repr__(&self) -> String {
        format!(
            "RegisterCore(catalogue={:?}, policy={:?}, items={})",
            format!("{}@{}", self.catalogue.id, self.catalogue.version),
            format!("{}@{}", self.policy.id, self.policy.version),
            self.rules.items.len()
        )
    }
}

/// A tally as the dict `evaluate` returns.
fn tally_dict(py: Python<'_>, tally: Tally) -> PyResult<Bound<'_, PyDict>> {
    let Tally { month, verdicts, units, items, opened, remedied, escalated, cases, retired, notes } = tally;
    let dict = PyDict::new(py);
    dict.set_item("month", month.index())?;
    dict.set_item("verdicts", u8s(py, verdicts)?)?;
    dict.set_item("units", unit_counts(py, units)?)?;
    dict.set_item("items", counts(py, items)?)?;
    dict.set_item("opened", opened)?;
    dict.set_item("remedied", remedied)?;
    dict.set_item("escalated", escalated)?;
    let carried = PyDict::new(py);
    case_columns(py, cases, &carried)?;
    dict.set_item("cases", carried)?;
    let done = PyDict::new(py);
    case_columns(py, retired, &done)?;
    dict.set_item("retired", done)?;
    if notes.is_empty() {
        dict.set_item("notes", PyList::empty(py))?;
    } else {
        dict.set_item("notes", to_py(py, &notes)?)?;
    }
    Ok(dict)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRegisterCore>()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polars_names() {
        assert_eq!(polars_name("uint8"), "UInt8");
        assert_eq!(polars_name("int32"), "Int32");
        assert_eq!(polars_name("uint16"), "UInt16");
    }

    #[test]
    fn org_types_are_coded_in_sorted_order() {
        let types: Vec<String> = ["ward", "commune", "ward", "army"].iter().map(|s| (*s).to_owned()).collect();
        let (codes, names) = org_type_codes(&types).ok().unwrap_or_default();
        assert_eq!(names, ["army", "commune", "ward"]);
        assert_eq!(codes, [2, 1, 2, 0]);
    }
}
