//! Long-format review tables (`member`, `month`, `item`, `assessor`, `finding` [, `unit`,
//! `status`]) read through the Arrow PyCapsule interface: any object with `__arrow_c_stream__`
//! (a pyarrow Table or RecordBatchReader, a polars DataFrame, a pandas DataFrame from pandas 2.2
//! with pyarrow) or `__arrow_c_array__` (a record batch, a struct array).
//!
//! The C data import is arrow-rs's own (`arrow_array::ffi`, `ffi_stream`); the few `unsafe` calls
//! that take its structs out of their capsules are in [`capsule`], the crate's only `unsafe` code.
//! Here the schema is checked before any row is read (columns found by name; text columns of any
//! string layout or dictionary of strings; `month` may also be a date, or a timestamp without a
//! time zone, in UTC or at a fixed offset), then the batches are read without the GIL into the
//! core's [`LongReader`], rows numbered continuously across batches. No Python object is made per
//! row: strings are borrowed from the Arrow buffers.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::ArrowArrayStreamReader;
use arrow_array::temporal_conversions::{
    as_datetime, as_datetime_with_timezone, date32_to_datetime, date64_to_datetime,
};
use arrow_array::timezone::Tz;
use arrow_array::types::{
    ArrowDictionaryKeyType, ArrowTimestampType, Date32Type, Date64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayAccessor, RecordBatch, RecordBatchIterator, RecordBatchOptions, RecordBatchReader};
use arrow_schema::{DataType, Schema, TimeUnit};
use chrono::NaiveDate;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use soisua::org::OrgIndex;
use soisua::review::long::{LONG_COLUMNS, LongBatch, LongReader, LongRow};
use soisua::{Catalogue, Error, Issue, IssueCode, Path, ReviewStatus};

use crate::convert::wrong_type;
use crate::error::{Failure, run};

/// The columns of the long format, in [`LongRow`]'s order (and `to_long`'s).
pub(crate) const FIELDS: [&str; 7] = ["member", "month", "item", "assessor", "finding", "unit", "status"];

/// The position of `month` in [`FIELDS`]: the one column that may hold dates.
const MONTH: usize = 1;

/// What `Error::Invalid` names: the same document as the CSV reader's.
const DOCUMENT: &str = "long-format reviews";

/// Reads a long-format table given as any object implementing the Arrow PyCapsule interface
/// (`__arrow_c_stream__`, or `__arrow_c_array__` for a single record batch / struct array):
/// a pyarrow Table / RecordBatch / RecordBatchReader, a polars DataFrame, a pandas DataFrame
/// (pandas >= 2.2 with pyarrow).
///
/// A missing or unknown column is an `Error::Invalid` listing them all (`missing_column`,
/// `unknown_column`); a column of a type the format cannot read, or given twice, is an
/// `invalid_argument` naming `name` and the column. Both are raised before any row is read.
/// Columns pandas adds for an unnamed index (`__index_level_0__`) are ignored.
pub(crate) fn read_long(
    py: Python<'_>,
    name: &'static str,
    table: &Bound<'_, PyAny>,
    catalogue: &Catalogue,
    org: &OrgIndex<'_>,
    status: ReviewStatus,
) -> Result<LongBatch, Failure> {
    // In `run`: arrow-rs asserts that an imported array matches its schema, and a producer
    // breaking the interface must not surface as pyo3's PanicException.
    let reader = run(|| import(name, table))?;
    let plans = layout(name, &reader.schema())?;
    // The reader is `Send` (arrow-rs's stream import, or one in-memory batch); a producer that
    // needs Python to make its next batch (a pyarrow reader over a generator) takes the GIL itself.
    py.detach(move || run(move || read_rows(name, reader, &plans, catalogue, org, status)))
}

/// The record batches of a Python object, through its `__arrow_c_stream__` (preferred: a chunked
/// table stays chunked) or its `__arrow_c_array__`.
pub(crate) fn import(name: &'static str, table: &Bound<'_, PyAny>) -> Result<Box<dyn RecordBatchReader + Send>, Error> {
    let py = table.py();
    let stream = intern!(py, "__arrow_c_stream__");
    let array = intern!(py, "__arrow_c_array__");
    if table.hasattr(stream).unwrap_or(false) {
        stream_reader(table).map_err(|e| refused(name, "__arrow_c_stream__", &e))
    } else if table.hasattr(array).unwrap_or(false) {
        let batch = record_batch(table).map_err(|e| refused(name, "__arrow_c_array__", &e))?;
        let schema = batch.schema();
        Ok(Box::new(RecordBatchIterator::new([Ok(batch)], schema)))
    } else {
        Err(wrong_type(
            name,
            "an Arrow table: a pyarrow Table, RecordBatch or RecordBatchReader, a polars DataFrame, a pandas \
             DataFrame (pandas 2.2 or later, with pyarrow installed), or any object with `__arrow_c_stream__` or \
             `__arrow_c_array__`",
            "một bảng Arrow: Table, RecordBatch hoặc RecordBatchReader của pyarrow, DataFrame của polars, \
             DataFrame của pandas (pandas 2.2 trở lên, có cài pyarrow), hoặc đối tượng bất kỳ có \
             `__arrow_c_stream__` hay `__arrow_c_array__`",
            table,
        ))
    }
}

/// The batches of `table.__arrow_c_stream__()` (no requested schema: the types are checked after).
fn stream_reader(table: &Bound<'_, PyAny>) -> PyResult<Box<dyn RecordBatchReader + Send>> {
    let capsule = table.call_method0(intern!(table.py(), "__arrow_c_stream__"))?.cast_into::<PyCapsule>()?;
    let reader = ArrowArrayStreamReader::try_new(capsule::stream(&capsule)?).map_err(value_error)?;
    Ok(Box::new(reader))
}

/// The one record batch of `table.__arrow_c_array__()`: a struct array without nulls (a record
/// batch exports as one), its fields the columns. Any other array is refused.
fn record_batch(table: &Bound<'_, PyAny>) -> PyResult<RecordBatch> {
    struct_batch(&array_of(table)?)
}

/// The array of `obj.__arrow_c_array__()`, moved out of its capsule: its buffers are the
/// producer's, borrowed (not copied) until the array is dropped. Not validated: see
/// `ArrayData::validate_full`.
pub(crate) fn array_of(obj: &Bound<'_, PyAny>) -> PyResult<arrow_array::ArrayRef> {
    let pair = obj.call_method0(intern!(obj.py(), "__arrow_c_array__"))?.cast_into::<PyTuple>()?;
    let schema = pair.get_item(0)?.cast_into::<PyCapsule>()?;
    let array = pair.get_item(1)?.cast_into::<PyCapsule>()?;
    capsule::array(&schema, &array)
}

/// A struct array without nulls (as a record batch exports itself) as that record batch.
pub(crate) fn struct_batch(array: &arrow_array::ArrayRef) -> PyResult<RecordBatch> {
    let Some(structs) = array.as_struct_opt() else {
        return Err(PyValueError::new_err(format!("Unexpected data type {}", array.data_type())));
    };
    let rows = structs.len();
    let (fields, columns, nulls) = structs.clone().into_parts();
    if nulls.is_some_and(|nulls| nulls.null_count() != 0) {
        return Err(PyValueError::new_err("Cannot import a StructArray with a non-zero null count as a RecordBatch"));
    }
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), columns, &options).map_err(value_error)
}

/// An Arrow error as pyo3-arrow raised it (a `ValueError`).
#[allow(clippy::needless_pass_by_value)] // used as `map_err(value_error)`
fn value_error(error: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// The Arrow PyCapsule interface
/// (<https://arrow.apache.org/docs/format/CDataInterface/PyCapsuleInterface.html>): the structs of
/// the Arrow C data interface taken out of their capsules, as pyo3-arrow 0.20 does. The crate's
/// only `unsafe` code (the crate denies `unsafe_code`; see bindings-python/Cargo.toml).
///
/// A capsule holds a struct the producer made; the consumer moves it out (a bitwise copy, then
/// `release` set to NULL in the capsule's copy, which the capsule's destructor then leaves alone)
/// and from then on owns it. A capsule already consumed (a Python object handing the same capsule
/// out twice) holds a released struct: refused here, as arrow-rs would panic or read null
/// pointers. No Python code runs between getting a capsule's pointer and using it, and the GIL is
/// held: the pointer is still the capsule's.
#[allow(unsafe_code)]
mod capsule {
    use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi};
    use arrow_array::ffi_stream::FFI_ArrowArrayStream;
    use arrow_array::{ArrayRef, make_array};
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::types::PyCapsule;

    /// Moves the stream out of a capsule named `arrow_array_stream`; the stream returned releases
    /// itself when dropped. (A released stream is refused by `ArrowArrayStreamReader::try_new`.)
    pub(super) fn stream(capsule: &Bound<'_, PyCapsule>) -> PyResult<FFI_ArrowArrayStream> {
        let stream = capsule.pointer_checked(Some(c"arrow_array_stream"))?.cast::<FFI_ArrowArrayStream>();
        // SAFETY: by the Arrow PyCapsule interface, a capsule named `arrow_array_stream` (checked
        // above) points to a valid, aligned, initialised C `ArrowArrayStream` (`FFI_ArrowArrayStream`
        // is its `repr(C)` layout), which the consumer moves out, marking the source released:
        // `from_raw` does exactly that.
        Ok(unsafe { FFI_ArrowArrayStream::from_raw(stream.as_ptr()) })
    }

    /// Imports the array of an (`arrow_schema`, `arrow_array`) capsule pair: the array is moved
    /// out of its capsule, the schema only read (its capsule keeps owning it).
    pub(super) fn array(
        schema_capsule: &Bound<'_, PyCapsule>,
        array_capsule: &Bound<'_, PyCapsule>,
    ) -> PyResult<ArrayRef> {
        let schema = schema_capsule.pointer_checked(Some(c"arrow_schema"))?.cast::<FFI_ArrowSchema>();
        // SAFETY: by the Arrow PyCapsule interface, a capsule named `arrow_schema` (checked above)
        // points to a valid, aligned, initialised C `ArrowSchema`, owned by the capsule: it lives
        // as long as `schema_capsule`, which this function borrows, and is only read here.
        let schema: &FFI_ArrowSchema = unsafe { schema.as_ref() };
        if schema.release.is_none() {
            return Err(PyValueError::new_err("the `arrow_schema` capsule holds a released schema"));
        }
        let array = array_capsule.pointer_checked(Some(c"arrow_array"))?.cast::<FFI_ArrowArray>();
        // SAFETY: by the same interface, a capsule named `arrow_array` (checked above) points to a
        // valid, aligned, initialised C `ArrowArray`, which the consumer moves out, marking the
        // source released: `from_raw` does exactly that.
        let array = unsafe { FFI_ArrowArray::from_raw(array.as_ptr()) };
        if array.is_released() {
            return Err(PyValueError::new_err("the `arrow_array` capsule was already imported"));
        }
        // SAFETY: `array` and `schema` are valid and not released (checked above), and the schema
        // describes the array: the interface pairs them in one `__arrow_c_array__` tuple.
        // `from_ffi` copies the data type out of the schema and keeps the array's buffers alive
        // through the `FFI_ArrowArray` it takes, released when the last of them is dropped.
        let data = unsafe { from_ffi(array, schema) }.map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(make_array(data))
    }
}

pub(crate) fn refused(name: &'static str, dunder: &str, error: &PyErr) -> Error {
    argument(
        name,
        format!("cannot be read through `{dunder}`: {error}"),
        format!("không đọc được qua `{dunder}`: {error}"),
    )
}

fn argument(name: &'static str, detail: String, detail_vi: String) -> Error {
    Error::Argument { name, detail, detail_vi }
}

/// How a column's values are read, decided from the schema once.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Arrow's `Null` type (a column with nothing in it): every value is missing.
    Null,
    /// Utf8, LargeUtf8 or Utf8View.
    Text,
    /// A dictionary of text, with keys of this integer type.
    Dictionary(Key),
    /// `month` only: days since 1970-01-01.
    Date32,
    /// `month` only: milliseconds since 1970-01-01.
    Date64,
    /// `month` only: the day of the timestamp, in its time zone when it has one (UTC or a fixed
    /// offset: see [`fixed_zone`]).
    Timestamp(TimeUnit, Option<Tz>),
}

/// The integer types a dictionary's keys may have.
#[derive(Debug, Clone, Copy)]
enum Key {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
}

/// Whether a type is one of Arrow's string layouts.
fn is_text(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The plan for a column of this type, or `None` when the format cannot read it.
fn plan(data_type: &DataType, month: bool) -> Option<Plan> {
    match data_type {
        DataType::Null => Some(Plan::Null),
        text if is_text(text) => Some(Plan::Text),
        DataType::Dictionary(key, value) if is_text(value) => {
            let key = match key.as_ref() {
                DataType::Int8 => Key::I8,
                DataType::Int16 => Key::I16,
                DataType::Int32 => Key::I32,
                DataType::Int64 => Key::I64,
                DataType::UInt8 => Key::U8,
                DataType::UInt16 => Key::U16,
                DataType::UInt32 => Key::U32,
                DataType::UInt64 => Key::U64,
                _ => return None,
            };
            Some(Plan::Dictionary(key))
        }
        DataType::Date32 if month => Some(Plan::Date32),
        DataType::Date64 if month => Some(Plan::Date64),
        DataType::Timestamp(unit, None) if month => Some(Plan::Timestamp(*unit, None)),
        DataType::Timestamp(unit, Some(zone)) if month => fixed_zone(zone).map(|tz| Plan::Timestamp(*unit, Some(tz))),
        _ => None,
    }
}

/// The names of UTC in the time-zone database (all but the `Etc/GMT±N` ones).
const UTC_NAMES: [&str; 15] = [
    "UTC",
    "UCT",
    "Universal",
    "Zulu",
    "GMT",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "Greenwich",
    "Etc/UTC",
    "Etc/UCT",
    "Etc/Universal",
    "Etc/Zulu",
    "Etc/GMT",
    "Etc/Greenwich",
];

/// A timestamp's time zone when it is a fixed offset (`+07:00`, `+0700`, `+07`), UTC under one of
/// its names, or `Etc/GMT±N` (POSIX signs: `Etc/GMT-7` is `+07:00`). Any other name
/// (`Asia/Ho_Chi_Minh`) is `None`: without chrono-tz's database, kept out of the build for its
/// compile time, its offsets (and their history) are unknown.
fn fixed_zone(zone: &str) -> Option<Tz> {
    if let Ok(tz) = zone.parse::<Tz>() {
        return Some(tz);
    }
    if UTC_NAMES.contains(&zone) {
        return "+00:00".parse().ok();
    }
    let hours = zone.strip_prefix("Etc/GMT")?;
    let (sign, digits) =
        hours.strip_prefix('+').map(|d| ('-', d)).or_else(|| hours.strip_prefix('-').map(|d| ('+', d)))?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: u8 = digits.parse().ok()?;
    (hours <= 14).then(|| format!("{sign}{hours:02}:00").parse().ok()).flatten()
}

/// The column an Arrow field stands for, by name, or `None` for a field the format does not know.
fn slot(name: &str) -> Option<usize> {
    FIELDS.iter().position(|field| *field == name)
}

/// A column pandas adds for an unnamed index that is not a `RangeIndex` (after filtering or
/// shuffling rows): `__index_level_0__`, `__index_level_1__`…
fn is_pandas_index(name: &str) -> bool {
    name.strip_prefix("__index_level_")
        .and_then(|rest| rest.strip_suffix("__"))
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Where each column of the format is in the schema, and how to read it.
type Layout = [Option<(usize, Plan)>; 7];

/// Checks the schema: every required column present, no unknown column, none twice, every type
/// readable.
fn layout(name: &'static str, schema: &Schema) -> Result<Layout, Error> {
    let mut found: [Vec<usize>; 7] = Default::default();
    let mut issues = Vec::new();
    for (position, field) in schema.fields().iter().enumerate() {
        let column = field.name().as_str();
        if is_pandas_index(column) {
            continue;
        }
        match slot(column).and_then(|s| found.get_mut(s)) {
            Some(positions) => positions.push(position),
            None => issues.push(
                Issue::new(IssueCode::UnknownColumn, Path::root().key("columns").key(column)).with("column", column),
            ),
        }
    }
    for column in LONG_COLUMNS {
        if slot(column).and_then(|s| found.get(s)).is_none_or(Vec::is_empty) {
            issues.push(
                Issue::new(IssueCode::MissingColumn, Path::root().key("columns").key(column)).with("column", column),
            );
        }
    }
    if !issues.is_empty() {
        return Err(Error::Invalid { document: DOCUMENT, issues });
    }

    let mut layout: Layout = Default::default();
    let mut wrong: Vec<(String, String)> = Vec::new();
    for (s, ((column, positions), out)) in FIELDS.iter().zip(&found).zip(&mut layout).enumerate() {
        let month = s == MONTH;
        match positions.as_slice() {
            [] => {}
            [position] => {
                let Some(data_type) = schema.fields().get(*position).map(|f| f.data_type()) else { continue };
                match plan(data_type, month) {
                    Some(plan) => *out = Some((*position, plan)),
                    None => wrong.push(unreadable(column, data_type, month)),
                }
            }
            twice => wrong.push((
                format!("the column `{column}` is given {} times", twice.len()),
                format!("cột `{column}` xuất hiện {} lần", twice.len()),
            )),
        }
    }
    if wrong.is_empty() {
        return Ok(layout);
    }
    let (en, vi): (Vec<String>, Vec<String>) = wrong.into_iter().unzip();
    Err(argument(name, en.join("; "), vi.join("; ")))
}

/// Why a column cannot be read, in English and Vietnamese. A `month` of timestamps with a named
/// time zone is told how to convert it.
fn unreadable(column: &str, data_type: &DataType, month: bool) -> (String, String) {
    let (expected_en, expected_vi) = if month {
        (
            "text (Utf8, LargeUtf8, Utf8View or a dictionary of them) or dates (Date32, Date64, Timestamp with no \
             time zone, UTC or a fixed offset such as +07:00)",
            "văn bản (Utf8, LargeUtf8, Utf8View hoặc dictionary của chúng) hoặc ngày (Date32, Date64, Timestamp \
             không có múi giờ, UTC hoặc độ lệch cố định như +07:00)",
        )
    } else {
        (
            "text (Utf8, LargeUtf8, Utf8View or a dictionary of them)",
            "văn bản (Utf8, LargeUtf8, Utf8View hoặc dictionary của chúng)",
        )
    };
    let mut en = format!("the column `{column}` has the Arrow type `{data_type}`, expected {expected_en}");
    let mut vi = format!("cột `{column}` có kiểu Arrow `{data_type}`, cần {expected_vi}");
    if let (true, DataType::Timestamp(_, Some(zone))) = (month, data_type) {
        let _ = write!(
            en,
            ": the time zone `{zone}` is a named zone, which is not read; convert the column to dates first \
             (pandas `.dt.date`, polars `.dt.date()`, pyarrow `.cast(pa.date32())`: the day as written in that \
             zone) or to a fixed offset such as `+07:00`"
        );
        let _ = write!(
            vi,
            ": múi giờ `{zone}` là múi giờ theo tên, không đọc được; hãy chuyển cột sang ngày trước \
             (`.dt.date` của pandas, `.dt.date()` của polars, `.cast(pa.date32())` của pyarrow: ngày như ghi ở \
             múi giờ đó) hoặc sang độ lệch cố định như `+07:00`"
        );
    }
    (en, vi)
}

/// Reads every batch into the core's reader.
fn read_rows(
    name: &'static str,
    reader: Box<dyn RecordBatchReader + Send>,
    layout: &Layout,
    catalogue: &Catalogue,
    org: &OrgIndex<'_>,
    status: ReviewStatus,
) -> Result<LongBatch, Error> {
    let mut long = LongReader::new(catalogue, org, status);
    let mut month = String::new();
    for (number, batch) in reader.enumerate() {
        let batch = batch.map_err(|e| {
            argument(
                name,
                format!("the record batch {number} cannot be read: {e}"),
                format!("không đọc được lô bản ghi {number}: {e}"),
            )
        })?;
        // The C data interface imports buffers as the producer describes them, unchecked: check
        // offsets, dictionary keys and UTF-8 before any value is read (a producer that breaks the
        // format is refused, never trusted).
        for (column, array) in batch.schema().fields().iter().zip(batch.columns()) {
            array.to_data().validate_full().map_err(|e| {
                argument(
                    name,
                    format!("the column `{}` of record batch {number} is not valid Arrow data: {e}", column.name()),
                    format!("cột `{}` của lô bản ghi {number} không phải dữ liệu Arrow hợp lệ: {e}", column.name()),
                )
            })?;
        }
        let columns = columns(name, layout, &batch, number)?;
        let [member, month_column, item, assessor, finding, unit, status] = &columns;
        for row in 0..batch.num_rows() {
            let month = match month_column {
                Column::Dates(days) => match days.get(row).copied().flatten() {
                    Some(day) => {
                        month.clear();
                        let _ = write!(month, "{day}");
                        Some(month.as_str())
                    }
                    None => None,
                },
                other => other.text(row),
            };
            long.push(LongRow {
                member: member.text(row),
                month,
                item: item.text(row),
                assessor: assessor.text(row),
                finding: finding.text(row),
                unit: unit.text(row),
                status: status.text(row),
            });
        }
    }
    Ok(long.finish())
}

/// The columns of one batch, as the layout reads them.
fn columns<'b>(
    name: &'static str,
    layout: &Layout,
    batch: &'b RecordBatch,
    number: usize,
) -> Result<[Column<'b>; 7], Error> {
    let mut out: [Column<'b>; 7] = Default::default();
    for ((column, place), out) in FIELDS.iter().zip(layout).zip(&mut out) {
        let Some((position, plan)) = place else { continue };
        let array = batch.columns().get(*position).map(AsRef::as_ref);
        *out = array.and_then(|array| Column::of(*plan, array)).ok_or_else(|| {
            argument(
                name,
                format!("the column `{column}` of record batch {number} is not of the type its schema declares"),
                format!("cột `{column}` của lô bản ghi {number} không đúng kiểu mà lược đồ khai báo"),
            )
        })?;
    }
    Ok(out)
}

/// One of Arrow's string arrays.
#[derive(Clone, Copy)]
enum Text<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> Text<'a> {
    fn of(array: &'a dyn Array) -> Option<Self> {
        match array.data_type() {
            DataType::Utf8 => array.as_string_opt::<i32>().map(Text::Utf8),
            DataType::LargeUtf8 => array.as_string_opt::<i64>().map(Text::Large),
            DataType::Utf8View => array.as_string_view_opt().map(Text::View),
            _ => None,
        }
    }

    /// The text at `i`, `None` when null (or past the end).
    fn get(self, i: usize) -> Option<&'a str> {
        match self {
            Text::Utf8(array) => at(array, i),
            Text::Large(array) => at(array, i),
            Text::View(array) => at(array, i),
        }
    }
}

fn at<'a, A: ArrayAccessor<Item = &'a str> + Copy>(array: A, i: usize) -> Option<&'a str> {
    (i < array.len() && array.is_valid(i)).then(|| array.value(i))
}

/// A `month` value from a date or timestamp column.
#[derive(Debug, Clone, Copy)]
enum Day {
    /// The day, written `YYYY-MM-DD` (which the core reads as its month).
    Date(NaiveDate),
    /// A value outside the dates chrono can hold: written as the raw number, for the core to
    /// reject as an invalid month.
    OutOfRange(i64),
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Day::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            Day::OutOfRange(raw) => write!(f, "{raw}"),
        }
    }
}

/// One column of one batch, ready to be read row by row.
#[derive(Default)]
enum Column<'a> {
    /// Not in the table, or of the `Null` type.
    #[default]
    Absent,
    Text(Text<'a>),
    /// The keys (`None` for a null key) and the dictionary.
    Dictionary(Vec<Option<usize>>, Text<'a>),
    /// The days of a date or timestamp `month` column.
    Dates(Vec<Option<Day>>),
}

impl<'a> Column<'a> {
    fn of(plan: Plan, array: &'a dyn Array) -> Option<Self> {
        Some(match plan {
            Plan::Null => Column::Absent,
            Plan::Text => Column::Text(Text::of(array)?),
            Plan::Dictionary(key) => {
                let (keys, values) = match key {
                    Key::I8 => keys::<Int8Type>(array),
                    Key::I16 => keys::<Int16Type>(array),
                    Key::I32 => keys::<Int32Type>(array),
                    Key::I64 => keys::<Int64Type>(array),
                    Key::U8 => keys::<UInt8Type>(array),
                    Key::U16 => keys::<UInt16Type>(array),
                    Key::U32 => keys::<UInt32Type>(array),
                    Key::U64 => keys::<UInt64Type>(array),
                }?;
                Column::Dictionary(keys, Text::of(values)?)
            }
            Plan::Date32 => Column::Dates(
                array
                    .as_primitive_opt::<Date32Type>()?
                    .iter()
                    .map(|v| v.map(|v| day(date32_to_datetime(v).map(|t| t.date()), i64::from(v))))
                    .collect(),
            ),
            Plan::Date64 => Column::Dates(
                array
                    .as_primitive_opt::<Date64Type>()?
                    .iter()
                    .map(|v| v.map(|v| day(date64_to_datetime(v).map(|t| t.date()), v)))
                    .collect(),
            ),
            Plan::Timestamp(unit, tz) => Column::Dates(match unit {
                TimeUnit::Second => days::<TimestampSecondType>(array, tz)?,
                TimeUnit::Millisecond => days::<TimestampMillisecondType>(array, tz)?,
                TimeUnit::Microsecond => days::<TimestampMicrosecondType>(array, tz)?,
                TimeUnit::Nanosecond => days::<TimestampNanosecondType>(array, tz)?,
            }),
        })
    }

    /// The text at row `i`: `None` for a null, an empty string (as an empty CSV cell), or a column
    /// the table does not have.
    fn text(&self, i: usize) -> Option<&'a str> {
        let text = match self {
            Column::Absent | Column::Dates(_) => None,
            Column::Text(text) => text.get(i),
            Column::Dictionary(keys, values) => keys.get(i).copied().flatten().and_then(|k| values.get(k)),
        };
        text.filter(|t| !t.is_empty())
    }
}

fn day(date: Option<NaiveDate>, raw: i64) -> Day {
    date.map_or(Day::OutOfRange(raw), Day::Date)
}

/// The keys of a dictionary array with keys of type `K` (a negative key reads past the
/// dictionary, hence as a null), and its values.
fn keys<K: ArrowDictionaryKeyType>(array: &dyn Array) -> Option<(Vec<Option<usize>>, &dyn Array)> {
    let dictionary = array.as_dictionary_opt::<K>()?;
    let keys = (0..dictionary.len()).map(|i| dictionary.key(i)).collect();
    Some((keys, dictionary.values().as_ref()))
}

/// The days of a timestamp array: the date as written, in the column's time zone when it has one.
fn days<T: ArrowTimestampType>(array: &dyn Array, tz: Option<Tz>) -> Option<Vec<Option<Day>>> {
    let array = array.as_primitive_opt::<T>()?;
    Some(
        array
            .iter()
            .map(|v| {
                v.map(|v| {
                    let date = match tz {
                        Some(tz) => as_datetime_with_timezone::<T>(v, tz).map(|t| t.date_naive()),
                        None => as_datetime::<T>(v).map(|t| t.date()),
                    };
                    day(date, v)
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use soisua::review::long::LONG_OPTIONAL_COLUMNS;

    #[test]
    fn fields_are_the_core_columns() {
        let mut core: Vec<&str> = LONG_COLUMNS.iter().chain(LONG_OPTIONAL_COLUMNS.iter()).copied().collect();
        let mut ours = FIELDS.to_vec();
        core.sort_unstable();
        ours.sort_unstable();
        assert_eq!(core, ours);
        assert_eq!(FIELDS.get(MONTH), Some(&"month"));
    }

    #[test]
    fn pandas_index_columns_are_recognised() {
        assert!(is_pandas_index("__index_level_0__"));
        assert!(is_pandas_index("__index_level_12__"));
        assert!(!is_pandas_index("__index_level__"));
        assert!(!is_pandas_index("__index_level_x__"));
        assert!(!is_pandas_index("member"));
    }

    #[test]
    fn types_are_planned() {
        let dict = |k: DataType, v: DataType| DataType::Dictionary(Box::new(k), Box::new(v));
        assert!(plan(&DataType::Utf8View, false).is_some());
        assert!(plan(&dict(DataType::UInt32, DataType::LargeUtf8), false).is_some());
        assert!(plan(&dict(DataType::Utf8, DataType::Utf8), false).is_none());
        assert!(plan(&dict(DataType::Int8, DataType::Int64), false).is_none());
        assert!(plan(&DataType::Int64, false).is_none());
        assert!(plan(&DataType::Date32, false).is_none());
        assert!(plan(&DataType::Date32, true).is_some());
        let ts = |tz: &str| DataType::Timestamp(TimeUnit::Nanosecond, Some(tz.into()));
        assert!(plan(&DataType::Timestamp(TimeUnit::Second, None), true).is_some());
        for fixed in ["+07:00", "+0700", "-03", "UTC", "Etc/UTC", "GMT", "Etc/GMT-7", "Etc/GMT+0"] {
            assert!(plan(&ts(fixed), true).is_some(), "{fixed}");
        }
        for named in ["Asia/Ho_Chi_Minh", "America/New_York", "Mars/Olympus", "utc", "Etc/GMT+15", "Etc/GMT-"] {
            assert!(plan(&ts(named), true).is_none(), "{named}");
        }
    }

    #[test]
    fn fixed_zones_are_their_offsets() {
        use chrono::{Offset, TimeZone};
        let offset = |zone: &str| fixed_zone(zone).map(|tz| tz.offset_from_utc_date(&NaiveDate::MIN).fix());
        let east = |hours: i32| chrono::FixedOffset::east_opt(hours * 3600);
        assert_eq!(offset("+07:00"), east(7));
        assert_eq!(offset("Zulu"), east(0));
        assert_eq!(offset("Etc/GMT-7"), east(7));
        assert_eq!(offset("Etc/GMT+10"), east(-10));
        assert_eq!(offset("Etc/GMT-14"), east(14));
        assert_eq!(offset("Asia/Ho_Chi_Minh"), None);
    }

    #[test]
    fn a_named_zone_is_told_how_to_convert() {
        let ts = DataType::Timestamp(TimeUnit::Millisecond, Some("Asia/Ho_Chi_Minh".into()));
        let (en, vi) = unreadable("month", &ts, true);
        assert!(en.contains("the time zone `Asia/Ho_Chi_Minh` is a named zone"), "{en}");
        assert!(en.contains(".dt.date") && en.contains("pa.date32()") && en.contains("+07:00"), "{en}");
        assert!(vi.contains("múi giờ `Asia/Ho_Chi_Minh`"), "{vi}");
        let (en, _) = unreadable("unit", &ts, false);
        assert!(!en.contains("named zone"), "{en}");
    }
}
