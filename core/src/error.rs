//! The two channels of bad news: [`Error`] for input the library cannot use at all, and [`Issue`]
//! for findings about user data, returned as data.
//!
//! Every error and every finding has a stable snake_case `code`, an English message (its
//! `Display`) and a Vietnamese one ([`Error::message_vi`], [`Issue::message_vi`]).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::path::Path;

/// A failure: the caller passed something the library cannot use (malformed JSON or CSV, a
/// period that does not parse, an unknown operation).
///
/// Findings about otherwise usable data are not errors: they are [`Issue`]s returned in `Ok`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON, or not JSON of the expected shape.
    #[error("invalid {document} JSON at {location}: {detail}")]
    Json {
        /// What was being read (`catalogue`, `organisation`, `review batch`, …).
        document: &'static str,
        /// Where: JSON path, line and column.
        location: Location,
        /// What the parser said.
        detail: String,
    },
    /// A CSV file that cannot be read as CSV at all (not a row with a bad value: that is a finding).
    #[error("invalid CSV at {location}: {detail}")]
    Csv {
        /// Where: row and column.
        location: Location,
        /// What the reader said.
        detail: String,
    },
    /// A value that does not parse (a period, a date, an enum member).
    #[error("cannot read `{input}` as {expected}")]
    Parse {
        /// The text given.
        input: String,
        /// What was expected, in English (`a month such as 2020-09`).
        expected: &'static str,
        /// The same in Vietnamese.
        expected_vi: &'static str,
    },
    /// A request named something that does not exist (an operation, a catalogue id, a scale).
    #[error("unknown {what} `{name}`")]
    Unknown {
        /// The kind of thing (`operation`, `catalogue`, …).
        what: &'static str,
        /// The same in Vietnamese.
        what_vi: &'static str,
        /// The name given.
        name: String,
    },
    /// A document (a policy, a catalogue) that has errors and cannot be used until they are fixed;
    /// `issues` says what they are, located like every finding.
    #[error("the {document} cannot be used: {} error(s), the first: {}", issues.len(), first_message_en(issues))]
    Invalid {
        /// What was checked (`policy`, `catalogue`).
        document: &'static str,
        /// The findings, errors first.
        issues: Vec<Issue>,
    },
    /// Reports that cannot be combined: they overlap (`report_overlap`), are of different scopes
    /// (`report_scope_mismatch`) or were sealed (`report_sealed`).
    #[error("{detail}")]
    Report {
        /// The stable code.
        code: &'static str,
        /// Why, in English.
        detail: String,
        /// Why, in Vietnamese.
        detail_vi: String,
    },
    /// A request whose arguments are out of the accepted range.
    #[error("invalid argument `{name}`: {detail}")]
    Argument {
        /// The argument's name.
        name: &'static str,
        /// Why it is refused, in English.
        detail: String,
        /// Why it is refused, in Vietnamese.
        detail_vi: String,
    },
}

impl Error {
    /// The stable snake_case code of this error, the same in every language binding.
    ///
    /// ```
    /// let err = "2020-13".parse::<soisua::Month>().unwrap_err();
    /// assert_eq!(err.code(), "invalid_value");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "invalid_json",
            Error::Csv { .. } => "invalid_csv",
            Error::Parse { .. } => "invalid_value",
            Error::Unknown { .. } => "unknown_name",
            Error::Argument { .. } => "invalid_argument",
            Error::Invalid { .. } => "invalid_document",
            Error::Report { code, .. } => code,
        }
    }

    /// The message in English (the same text as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Vietnamese.
    ///
    /// ```
    /// let err = "2020-13".parse::<soisua::Month>().unwrap_err();
    /// assert_eq!(err.message_vi(), "không đọc được `2020-13` là một tháng, ví dụ 2020-09");
    /// ```
    pub fn message_vi(&self) -> String {
        match self {
            Error::Json { document, location, detail } => {
                let detail = json_detail_vi(detail);
                format!("JSON {} không hợp lệ tại {}: {detail}", document_vi(document), location.to_vi())
            }
            Error::Csv { location, detail } => {
                format!("CSV không hợp lệ tại {}: {detail}", location.to_vi())
            }
            Error::Parse { input, expected_vi, .. } => format!("không đọc được `{input}` là {expected_vi}"),
            Error::Unknown { what_vi, name, .. } => format!("không có {what_vi} `{name}`"),
            Error::Argument { name, detail_vi, .. } => format!("tham số `{name}` không hợp lệ: {detail_vi}"),
            Error::Report { detail_vi, .. } => detail_vi.clone(),
            Error::Invalid { document, issues } => format!(
                "không dùng được {}: {} lỗi, lỗi đầu tiên: {}",
                document_vi(document).trim_start_matches("của "),
                issues.len(),
                issues.first().map_or("", |i| i.message_vi.as_str())
            ),
        }
    }

    /// Where the error is, when it has a location.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Json { location, .. } | Error::Csv { location, .. } => Some(location),
            _ => None,
        }
    }
}

fn first_message_en(issues: &[Issue]) -> &str {
    issues.first().map_or("", |i| i.message_en.as_str())
}

impl Error {
    /// The findings that make a document unusable ([`Error::Invalid`]); empty for other errors.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Invalid { issues, .. } => issues,
            _ => &[],
        }
    }
}

fn document_vi(document: &str) -> &'static str {
    match document {
        "catalogue" => "của danh mục",
        "catalogue header" => "của phần đầu danh mục",
        "organisation" => "của tổ chức",
        "review batch" | "review" => "của phiếu đánh giá",
        "answer" => "của câu trả lời",
        "fingerprint" => "của dấu vân tay kết quả",
        "request" => "của yêu cầu",
        "policy" => "của chính sách",
        "scenario" => "của kịch bản",
        "report" => "của báo cáo",
        "report templates" => "của mẫu báo cáo",
        "viewer" => "của người xem",
        "long-format reviews" => "của bảng phiếu đánh giá dạng dài",
        "history" => "của lịch sử",
        "register" => "của sổ đánh giá dạng cột",
        "cases" => "của danh sách trường hợp",
        "target sheet" | "target sheets" => "của bảng chỉ tiêu nhiệm kỳ",
        "target reports" => "của báo cáo chỉ tiêu nhiệm kỳ",
        "rating scheme" => "của khung xếp loại",
        "rating inputs" | "rating input" => "của điểm xếp loại",
        "rating evidence" => "của căn cứ xếp loại",
        "rating reports" => "của báo cáo xếp loại",
        "meeting" | "meetings" => "của biên bản sinh hoạt chi bộ",
        "meeting scheme" => "của thang đánh giá sinh hoạt chi bộ",
        "meeting report" => "của báo cáo sinh hoạt chi bộ",
        "petitions" => "của danh sách phản ánh, kiến nghị",
        "petition policy" => "của chính sách xử lý phản ánh, kiến nghị",
        "dialogues" => "của danh sách đối thoại, thăm hộ",
        "roll-up" => "của bảng tổng hợp",
        _ => "của tài liệu",
    }
}

/// Where an error is: a path into the input and, for text formats, a line (or CSV row) and column.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// Keys and indices into the input (JSON), or `[row, column name]` for CSV.
    pub path: Path,
    /// 1-based line (JSON) or record number (CSV, the header being row 1), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
}

impl Location {
    fn to_vi(&self) -> String {
        let mut out = self.path.to_string();
        if let Some(line) = self.line {
            out.push_str(" (dòng ");
            out.push_str(&line.to_string());
            if let Some(column) = self.column {
                out.push_str(", cột ");
                out.push_str(&column.to_string());
            }
            out.push(')');
        }
        out
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, " (line {line}")?;
            if let Some(column) = self.column {
                write!(f, ", column {column}")?;
            }
            write!(f, ")")?;
        }
        Ok(())
    }
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Worth knowing; the data is usable as it is (a draft that is not finished yet).
    Warning,
    /// The data is wrong and must be fixed before it is used.
    Error,
}

/// A finding about user data: a stable code, where it is, and what is wrong in Vietnamese and
/// English. Returned as data (`Ok(Vec<Issue>)`), never thrown.
///
/// ```
/// use soisua::{Issue, IssueCode, Path};
/// let issue = Issue::new(IssueCode::DuplicateCode, Path::root().key("groups").index(0))
///     .with("code", "TTCT-1");
/// assert_eq!(issue.code, "duplicate_code");
/// assert_eq!(issue.message_en, "the code `TTCT-1` is used more than once");
/// assert_eq!(issue.message_vi, "mã `TTCT-1` bị trùng");
/// assert_eq!(issue.path.to_string(), "groups[0]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Stable snake_case code (see [`IssueCode`]).
    pub code: String,
    /// Error or warning.
    pub level: Level,
    /// Where in the input: keys and indices (JSON), or `[row, column]` (CSV).
    pub path: Path,
    /// The message in Vietnamese.
    pub message_vi: String,
    /// The message in English.
    pub message_en: String,
    /// The values the message speaks of, by name (for forms that map findings to fields).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Issue {
    /// A finding of the given code at the given path, at the code's default level.
    pub fn new(code: IssueCode, path: Path) -> Self {
        let mut issue = Issue {
            code: code.as_str().to_owned(),
            level: code.level(),
            path,
            message_vi: String::new(),
            message_en: String::new(),
            params: BTreeMap::new(),
        };
        issue.render(code);
        issue
    }

    /// Adds a parameter and re-renders the messages.
    #[must_use]
    #[allow(clippy::needless_pass_by_value, reason = "callers pass numbers and strings alike")]
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        if let Some(code) = IssueCode::from_code(&self.code) {
            self.render(code);
        }
        self
    }

    /// Changes the level (a missing conclusion is an error on a final review, a warning on a draft).
    #[must_use]
    pub fn at_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Whether this finding is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    fn render(&mut self, code: IssueCode) {
        let (vi, en) = crate::message::render(code, &self.params);
        self.message_vi = vi;
        self.message_en = en;
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.path, self.message_en, self.code)
    }
}

pub use crate::message::IssueCode;

/// Whether any of the findings is an error.
///
/// ```
/// assert!(!soisua::has_errors(&[]));
/// ```
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(Issue::is_error)
}

/// The Vietnamese form of a JSON reader's detail (serde's messages are English): the common
/// messages translated, names and values kept as written; anything else is given in English,
/// said to be so.
pub(crate) fn json_detail_vi(detail: &str) -> String {
    let tail = |rest: &str| -> String {
        // ", expected one of `a`, `b`" / ", expected `a` or `b`" / ", there are no fields"
        if let Some(list) = rest.strip_prefix(", expected one of ") {
            format!(", cần một trong: {list}")
        } else if let Some(list) = rest.strip_prefix(", expected ") {
            format!(", cần {}", list.replace(" or ", " hoặc "))
        } else if rest.starts_with(", there are no") {
            ", không có giá trị nào được nhận".to_owned()
        } else {
            rest.to_owned()
        }
    };
    let named = |rest: &str| -> Option<(String, String)> {
        // "`x`, expected …": the name in backticks and what follows it
        let rest = rest.strip_prefix('`')?;
        let end = rest.find('`')?;
        let (name, after) = rest.split_at(end);
        Some((name.to_owned(), after.get(1..).unwrap_or_default().to_owned()))
    };
    if let Some((name, after)) = detail.strip_prefix("unknown variant ").and_then(named) {
        return format!("giá trị `{name}` không được nhận{}", tail(&after));
    }
    if let Some((name, after)) = detail.strip_prefix("unknown field ").and_then(named) {
        return format!("trường `{name}` không được nhận{}", tail(&after));
    }
    if let Some((name, _)) = detail.strip_prefix("missing field ").and_then(named) {
        return format!("thiếu trường `{name}`");
    }
    if let Some((name, _)) = detail.strip_prefix("duplicate field ").and_then(named) {
        return format!("trường `{name}` bị lặp");
    }
    if let Some((input, after)) = detail.strip_prefix("cannot read ").and_then(named) {
        let expected = after.strip_prefix(" as ").unwrap_or(&after);
        let expected = crate::period::expected_vi(expected).unwrap_or(expected);
        return format!("không đọc được `{input}` là {expected}");
    }
    for (en, vi) in [("invalid type: ", "sai kiểu: "), ("invalid value: ", "giá trị không hợp lệ: ")] {
        if let Some(rest) = detail.strip_prefix(en) {
            return match rest.rsplit_once(", expected ") {
                Some((found, expected)) => format!("{vi}{}, cần {}", kind_vi(found), kind_vi(expected)),
                None => format!("{vi}{}", kind_vi(rest)),
            };
        }
    }
    if let Some(rest) = detail.strip_prefix("invalid length ") {
        return format!("độ dài không hợp lệ: {}", rest.replace(", expected ", ", cần "));
    }
    let syntax = [
        ("trailing characters after the document", "còn ký tự thừa sau tài liệu"),
        ("EOF while parsing", "văn bản kết thúc giữa chừng"),
        ("expected value", "cần một giá trị"),
        ("expected ident", "cần một giá trị (true, false hoặc null)"),
        ("expected `,` or `}`", "cần `,` hoặc `}`"),
        ("expected `,` or `]`", "cần `,` hoặc `]`"),
        ("expected `:`", "cần `:`"),
        ("key must be a string", "khóa phải là một chuỗi"),
        ("trailing comma", "dấu phẩy thừa"),
        ("trailing characters", "còn ký tự thừa"),
        ("invalid number", "số không hợp lệ"),
        ("number out of range", "số ngoài phạm vi"),
        ("recursion limit exceeded", "lồng nhau quá sâu"),
        ("invalid escape", "chuỗi thoát không hợp lệ"),
        ("invalid unicode code point", "mã Unicode không hợp lệ"),
        ("lone leading surrogate in hex escape", "nửa cặp thay thế UTF-16 đứng một mình"),
        ("control character", "ký tự điều khiển trong chuỗi"),
        // chrono's, for dates (YYYY-MM-DD)
        ("input is out of range", "không có ngày này (ngoài phạm vi)"),
        ("input contains invalid characters", "có ký tự không hợp lệ, cần một ngày dạng YYYY-MM-DD"),
        ("premature end of input", "thiếu phần cuối, cần một ngày dạng YYYY-MM-DD"),
        ("trailing input", "còn ký tự thừa, cần một ngày dạng YYYY-MM-DD"),
    ];
    for (en, vi) in syntax {
        if detail.starts_with(en) {
            return vi.to_owned();
        }
    }
    format!("(chi tiết bằng tiếng Anh) {detail}")
}

/// serde's names of JSON kinds ("a string", "integer `5`", "struct Answer") in Vietnamese.
fn kind_vi(text: &str) -> String {
    let words = [
        ("a string", "một chuỗi"),
        ("a sequence", "một danh sách"),
        ("a map", "một đối tượng"),
        ("a boolean", "đúng hoặc sai"),
        ("a borrowed string", "một chuỗi"),
        ("unit value", "null"),
        ("struct ", "đối tượng "),
        ("string ", "chuỗi "),
        ("integer ", "số nguyên "),
        ("floating point ", "số thực "),
        ("boolean ", "giá trị "),
        ("sequence", "danh sách"),
        ("map", "đối tượng"),
        ("u8", "số nguyên từ 0 đến 255"),
        ("u16", "số nguyên không âm"),
        ("u32", "số nguyên không âm"),
        ("u64", "số nguyên không âm"),
        ("usize", "số nguyên không âm"),
        ("i32", "số nguyên"),
        ("i64", "số nguyên"),
        ("f64", "số"),
    ];
    for (en, vi) in words {
        if let Some(rest) = text.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    text.to_owned()
}

#[cfg(test)]
mod detail_tests {
    use super::json_detail_vi;

    #[test]
    fn serde_details_read_in_vietnamese() {
        let cases = [
            (
                "unknown variant `bogus`, expected one of `none`, `present`",
                "giá trị `bogus` không được nhận, cần một trong: `none`, `present`",
            ),
            (
                "unknown variant `x`, expected `draft` or `final`",
                "giá trị `x` không được nhận, cần `draft` hoặc `final`",
            ),
            (
                "unknown field `colour`, expected one of `id`, `name`",
                "trường `colour` không được nhận, cần một trong: `id`, `name`",
            ),
            ("missing field `member`", "thiếu trường `member`"),
            ("duplicate field `unit`", "trường `unit` bị lặp"),
            (
                "cannot read `2020-13` as a month such as 2020-09",
                "không đọc được `2020-13` là một tháng, ví dụ 2020-09",
            ),
            ("invalid type: integer `5`, expected a string", "sai kiểu: số nguyên `5`, cần một chuỗi"),
            ("invalid type: sequence, expected struct Answer", "sai kiểu: danh sách, cần đối tượng Answer"),
            ("EOF while parsing an object", "văn bản kết thúc giữa chừng"),
            ("something new", "(chi tiết bằng tiếng Anh) something new"),
        ];
        for (en, vi) in cases {
            assert_eq!(json_detail_vi(en), vi, "{en}");
        }
    }
}
