//! Reporting periods: month (`2020-09`), quarter (`2020-Q3`), year (`2020`) and party term
//! (`2020-2025`), parsed, printed and iterated without reading any clock.
//!
//! A term is written with the years of the two congresses that bound it, and covers the five
//! calendar years from the first: `2020-2025` is 2020-01 … 2024-12 (see `DESIGN.md`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 9999;

/// A calendar month, the unit of evaluation.
///
/// ```
/// use soisua::Month;
/// let m: Month = "2020-12".parse().unwrap();
/// assert_eq!(m.next().to_string(), "2021-01");
/// assert_eq!(m.plus(-12).to_string(), "2019-12");
/// assert_eq!(m.months_since("2020-09".parse().unwrap()), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Months since year 0: `year * 12 + (month - 1)`.
    index: i32,
}

impl Month {
    /// The month of a year (1–12), if both are in range (years 1900–9999).
    ///
    /// ```
    /// assert!(soisua::Month::new(2020, 9).is_ok());
    /// assert_eq!(soisua::Month::new(2020, 13).unwrap_err().code(), "invalid_value");
    /// ```
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return Err(parse_error(&format!("{year}-{month:02}"), Kind::Month));
        }
        Ok(Month { index: year * 12 + small(month) - 1 })
    }

    /// The month a date falls in.
    ///
    /// ```
    /// let d = chrono::NaiveDate::from_ymd_opt(2020, 9, 16).unwrap();
    /// assert_eq!(soisua::Month::from_date(d).to_string(), "2020-09");
    /// ```
    pub fn from_date(date: NaiveDate) -> Self {
        Month { index: date.year() * 12 + small(date.month0()) }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// The month of the year, 1–12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12).unsigned_abs() + 1
    }

    /// The following month.
    #[must_use]
    pub fn next(self) -> Self {
        self.plus(1)
    }

    /// The previous month.
    #[must_use]
    pub fn prev(self) -> Self {
        self.plus(-1)
    }

    /// This month moved by `n` months (negative: back).
    #[must_use]
    pub fn plus(self, n: i32) -> Self {
        Month { index: self.index.saturating_add(n) }
    }

    /// How many months from `earlier` to `self` (negative when `earlier` is later).
    pub fn months_since(self, earlier: Month) -> i32 {
        self.index - earlier.index
    }

    /// Months since year 0, `year * 12 + (month - 1)`: the form columnar data (the
    /// [`crate::register`]) stores months in.
    ///
    /// ```
    /// let m: soisua::Month = "2020-09".parse().unwrap();
    /// assert_eq!(m.index(), 24248);
    /// assert_eq!(soisua::Month::from_index(24248).unwrap(), m);
    /// ```
    pub fn index(self) -> i32 {
        self.index
    }

    /// The month of an [`index`](Month::index), if its year is in range (1900–9999).
    pub fn from_index(index: i32) -> Result<Self, Error> {
        let month = Month { index };
        if (MIN_YEAR..=MAX_YEAR).contains(&month.year()) {
            Ok(month)
        } else {
            Err(parse_error(&index.to_string(), Kind::Month))
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The quarter the month is in.
    pub fn quarter(self) -> Quarter {
        Quarter { year: self.year(), quarter: (self.month() - 1) / 3 + 1 }
    }

    /// The months from `self` to `last`, both included (empty when `last` is earlier).
    ///
    /// ```
    /// let a: soisua::Month = "2020-11".parse().unwrap();
    /// let months: Vec<String> = a.through(a.plus(2)).map(|m| m.to_string()).collect();
    /// assert_eq!(months, ["2020-11", "2020-12", "2021-01"]);
    /// ```
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        (self.index..=last.index).map(|index| Month { index })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for Month {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let (y, m) = s.split_once('-').ok_or_else(|| parse_error(s, Kind::Month))?;
        if y.len() != 4 || m.len() != 2 {
            return Err(parse_error(s, Kind::Month));
        }
        let year = parse_digits(y).ok_or_else(|| parse_error(s, Kind::Month))?;
        let month = parse_digits(m).ok_or_else(|| parse_error(s, Kind::Month))?;
        Month::new(year, month.unsigned_abs()).map_err(|_| parse_error(s, Kind::Month))
    }
}

/// A quarter of a year.
///
/// ```
/// let q: soisua::Quarter = "2020-Q3".parse().unwrap();
/// assert_eq!(q.first_month().to_string(), "2020-07");
/// assert_eq!(q.months().count(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

impl Quarter {
    /// Quarter `quarter` (1–4) of `year`.
    pub fn new(year: i32, quarter: u32) -> Result<Self, Error> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=4).contains(&quarter) {
            return Err(parse_error(&format!("{year}-Q{quarter}"), Kind::Quarter));
        }
        Ok(Quarter { year, quarter })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter of the year, 1–4.
    pub fn quarter(self) -> u32 {
        self.quarter
    }

    /// The first month of the quarter.
    pub fn first_month(self) -> Month {
        Month { index: self.year * 12 + (small(self.quarter) - 1) * 3 }
    }

    /// The three months of the quarter.
    pub fn months(self) -> impl Iterator<Item = Month> {
        let first = self.first_month();
        first.through(first.plus(2))
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl FromStr for Quarter {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let (y, q) = s.split_once("-Q").ok_or_else(|| parse_error(s, Kind::Quarter))?;
        if y.len() != 4 || q.len() != 1 {
            return Err(parse_error(s, Kind::Quarter));
        }
        let year = parse_digits(y).ok_or_else(|| parse_error(s, Kind::Quarter))?;
        let quarter = parse_digits(q).ok_or_else(|| parse_error(s, Kind::Quarter))?;
        Quarter::new(year, quarter.unsigned_abs()).map_err(|_| parse_error(s, Kind::Quarter))
    }
}

/// A reporting period: a month, a quarter, a year or a party term.
///
/// ```
/// use soisua::Period;
/// for text in ["2020-09", "2020-Q3", "2020", "2020-2025"] {
///     let p: Period = text.parse().unwrap();
///     assert_eq!(p.to_string(), text);
/// }
/// let term: Period = "2020-2025".parse().unwrap();
/// assert_eq!(term.months().count(), 60);
/// assert_eq!(term.last_month().to_string(), "2024-12");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// One month.
    Month(Month),
    /// Three months.
    Quarter(Quarter),
    /// A calendar year.
    Year(i32),
    /// A party term of five calendar years, from the year of its congress.
    Term(i32),
}

impl Period {
    /// The first month of the period.
    pub fn first_month(self) -> Month {
        match self {
            Period::Month(m) => m,
            Period::Quarter(q) => q.first_month(),
            Period::Year(y) | Period::Term(y) => Month { index: y * 12 },
        }
    }

    /// The last month of the period.
    pub fn last_month(self) -> Month {
        let len = match self {
            Period::Month(_) => 1,
            Period::Quarter(_) => 3,
            Period::Year(_) => 12,
            Period::Term(_) => 60,
        };
        self.first_month().plus(len - 1)
    }

    /// The months of the period, in order.
    pub fn months(self) -> impl Iterator<Item = Month> {
        self.first_month().through(self.last_month())
    }

    /// Whether the month falls in the period.
    pub fn contains(self, month: Month) -> bool {
        self.first_month() <= month && month <= self.last_month()
    }

    /// The period of the same length just before this one (the previous month, quarter, year or term).
    ///
    /// ```
    /// let q: soisua::Period = "2021-Q1".parse().unwrap();
    /// assert_eq!(q.previous().to_string(), "2020-Q4");
    /// ```
    #[must_use]
    pub fn previous(self) -> Period {
        match self {
            Period::Month(m) => Period::Month(m.prev()),
            Period::Quarter(q) => Period::Quarter(q.first_month().plus(-3).quarter()),
            Period::Year(y) => Period::Year(y - 1),
            Period::Term(y) => Period::Term(y - 5),
        }
    }

    /// The same period one year earlier (for a term: the previous term).
    #[must_use]
    pub fn year_before(self) -> Period {
        match self {
            Period::Month(m) => Period::Month(m.plus(-12)),
            Period::Quarter(q) => Period::Quarter(Quarter { year: q.year - 1, quarter: q.quarter }),
            Period::Year(y) => Period::Year(y - 1),
            Period::Term(y) => Period::Term(y - 5),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => m.fmt(f),
            Period::Quarter(q) => q.fmt(f),
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Term(y) => write!(f, "{:04}-{:04}", y, y + 5),
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || parse_error(s, Kind::Period);
        if s.contains("-Q") {
            return s.parse().map(Period::Quarter).map_err(|_| bad());
        }
        match s.len() {
            4 => {
                let y = parse_digits(s).ok_or_else(bad)?;
                if (MIN_YEAR..=MAX_YEAR).contains(&y) { Ok(Period::Year(y)) } else { Err(bad()) }
            }
            7 => s.parse().map(Period::Month).map_err(|_| bad()),
            9 => {
                let (a, b) = s.split_once('-').ok_or_else(bad)?;
                let (a, b) = (parse_digits(a).ok_or_else(bad)?, parse_digits(b).ok_or_else(bad)?);
                if b == a + 5 && (MIN_YEAR..=MAX_YEAR - 5).contains(&a) { Ok(Period::Term(a)) } else { Err(bad()) }
            }
            _ => Err(bad()),
        }
    }
}

impl From<Month> for Period {
    fn from(m: Month) -> Self {
        Period::Month(m)
    }
}

impl From<Quarter> for Period {
    fn from(q: Quarter) -> Self {
        Period::Quarter(q)
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Month,
    Quarter,
    Period,
}

/// What each kind of period text should look like, in English and Vietnamese.
const EXPECTED: [(&str, &str); 3] = [
    ("a month such as 2020-09", "một tháng, ví dụ 2020-09"),
    ("a quarter such as 2020-Q3", "một quý, ví dụ 2020-Q3"),
    ("a period such as 2020-09, 2020-Q3, 2020 or 2020-2025", "một kỳ, ví dụ 2020-09, 2020-Q3, 2020 hoặc 2020-2025"),
];

/// The Vietnamese of an English `expected` of a period parse error (for messages that reached
/// the JSON reader in English).
pub(crate) fn expected_vi(expected: &str) -> Option<&'static str> {
    EXPECTED.iter().find(|(en, _)| *en == expected).map(|(_, vi)| *vi)
}

fn parse_error(input: &str, kind: Kind) -> Error {
    let (expected, expected_vi) = match kind {
        Kind::Month => EXPECTED[0],
        Kind::Quarter => EXPECTED[1],
        Kind::Period => EXPECTED[2],
    };
    let mut shown: String = input.chars().take(40).collect();
    if input.chars().count() > 40 {
        shown.push('…');
    }
    Error::Parse { input: shown, expected, expected_vi }
}

/// A month or quarter number (already range-checked) as `i32`.
fn small(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn parse_digits(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

macro_rules! string_serde {
    ($t:ty, $pattern:literal, $desc:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = Cow::<str>::deserialize(d)?;
                text.parse().map_err(|e: Error| serde::de::Error::custom(e.to_string()))
            }
        }
        impl schemars::JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($t))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "pattern": $pattern, "description": $desc })
            }
        }
    };
}

string_serde!(Month, "^[0-9]{4}-(0[1-9]|1[0-2])$", "a month, YYYY-MM");
string_serde!(Quarter, "^[0-9]{4}-Q[1-4]$", "a quarter, YYYY-Qn");
string_serde!(
    Period,
    "^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-[0-9]{4})?$",
    "a month (YYYY-MM), quarter (YYYY-Qn), year (YYYY) or term (YYYY-YYYY)"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_print_and_parse() {
        let m: Month = "2020-09".parse().unwrap();
        assert_eq!((m.year(), m.month()), (2020, 9));
        assert_eq!(m.to_string(), "2020-09");
        assert_eq!(m.first_day().to_string(), "2020-09-01");
        assert_eq!(m.last_day().to_string(), "2020-09-30");
        assert_eq!("2020-02".parse::<Month>().unwrap().last_day().to_string(), "2020-02-29");
    }

    #[test]
    fn bad_months_are_refused_with_messages() {
        for bad in ["2020-9", "2020-00", "2020-13", "20-09", "", "２０２０-09", "2020-09-01", "+020-09"] {
            let err = bad.parse::<Month>().unwrap_err();
            assert_eq!(err.code(), "invalid_value", "{bad}");
        }
        let err = "2020-13".parse::<Month>().unwrap_err();
        assert_eq!(err.to_string(), "cannot read `2020-13` as a month such as 2020-09");
    }

    #[test]
    fn quarters_and_years() {
        let q: Quarter = "2020-Q4".parse().unwrap();
        let months: Vec<_> = q.months().map(|m| m.to_string()).collect();
        assert_eq!(months, ["2020-10", "2020-11", "2020-12"]);
        assert_eq!("2020-11".parse::<Month>().unwrap().quarter(), q);
        assert_eq!(Period::Year(2020).months().count(), 12);
        assert_eq!("2020-Q5".parse::<Quarter>().unwrap_err().code(), "invalid_value");
        assert_eq!("2020-2024".parse::<Period>().unwrap_err().code(), "invalid_value");
    }

    #[test]
    fn comparisons() {
        let q: Period = "2020-Q1".parse().unwrap();
        assert_eq!(q.previous().to_string(), "2019-Q4");
        assert_eq!(q.year_before().to_string(), "2019-Q1");
        let t: Period = "2020-2025".parse().unwrap();
        assert_eq!(t.previous().to_string(), "2015-2020");
        assert!(t.contains("2024-12".parse().unwrap()));
        assert!(!t.contains("2025-01".parse().unwrap()));
    }

    #[test]
    fn serde_as_strings() {
        let m: Month = serde_json::from_str("\"2021-01\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"2021-01\"");
        assert!(serde_json::from_str::<Month>("\"2021-1\"").is_err());
    }
}
