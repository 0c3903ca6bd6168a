//! Discipline: the forms, who can receive which, and the statute of limitations.
//!
//! The library never decides discipline: people record an inspection's outcome and the library
//! checks that the form fits the subject (brief §4.4).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::policy::Limitation;
use crate::text::Text;

/// A form of party discipline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineForm {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Cách chức (a member holding a post).
    RemovalFromPost,
    /// Khai trừ (a full member).
    Expulsion,
    /// Giải tán (a party organisation).
    Dissolution,
}

/// Who is disciplined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Subject {
    /// A full member; removal from post only if they hold one.
    FullMember {
        /// Whether the member holds a post.
        holds_post: bool,
    },
    /// A probationary member.
    ProbationaryMember,
    /// A party organisation.
    Organisation,
}

impl DisciplineForm {
    /// Every form, from the lightest.
    pub const ALL: [DisciplineForm; 5] = [
        DisciplineForm::Reprimand,
        DisciplineForm::Warning,
        DisciplineForm::RemovalFromPost,
        DisciplineForm::Expulsion,
        DisciplineForm::Dissolution,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DisciplineForm::Reprimand => "reprimand",
            DisciplineForm::Warning => "warning",
            DisciplineForm::RemovalFromPost => "removal_from_post",
            DisciplineForm::Expulsion => "expulsion",
            DisciplineForm::Dissolution => "dissolution",
        }
    }

    /// Vietnamese and English labels.
    pub fn label(self) -> Text {
        match self {
            DisciplineForm::Reprimand => Text::new("khiển trách", "reprimand"),
            DisciplineForm::Warning => Text::new("cảnh cáo", "warning"),
            DisciplineForm::RemovalFromPost => Text::new("cách chức", "removal from post"),
            DisciplineForm::Expulsion => Text::new("khai trừ", "expulsion"),
            DisciplineForm::Dissolution => Text::new("giải tán", "dissolution"),
        }
    }

    /// The forms a subject can receive, mildest first.
    ///
    /// ```
    /// use soisua::discipline::{DisciplineForm, Subject};
    /// assert_eq!(DisciplineForm::allowed_for(Subject::ProbationaryMember),
    ///            [DisciplineForm::Reprimand, DisciplineForm::Warning]);
    /// assert!(!DisciplineForm::RemovalFromPost.is_allowed_for(Subject::FullMember { holds_post: false }));
    /// ```
    pub fn allowed_for(subject: Subject) -> &'static [DisciplineForm] {
        use DisciplineForm::{Dissolution, Expulsion, RemovalFromPost, Reprimand, Warning};
        match subject {
            Subject::FullMember { holds_post: true } => &[Reprimand, Warning, RemovalFromPost, Expulsion],
            Subject::FullMember { holds_post: false } => &[Reprimand, Warning, Expulsion],
            Subject::ProbationaryMember => &[Reprimand, Warning],
            Subject::Organisation => &[Reprimand, Warning, Dissolution],
        }
    }

    /// Whether the subject can receive this form.
    pub fn is_allowed_for(self, subject: Subject) -> bool {
        DisciplineForm::allowed_for(subject).contains(&self)
    }

    /// The limitation period of violations at this level, in years (none: no limitation).
    pub fn limitation_years(self, limitation: &Limitation) -> Option<u32> {
        match self {
            DisciplineForm::Reprimand => limitation.reprimand,
            DisciplineForm::Warning => limitation.warning,
            DisciplineForm::RemovalFromPost => limitation.removal_from_post,
            DisciplineForm::Dissolution => limitation.dissolution,
            DisciplineForm::Expulsion => limitation.expulsion,
        }
    }
}

impl Subject {
    /// Vietnamese and English names of the subject, for messages.
    pub fn label(self) -> Text {
        match self {
            Subject::FullMember { holds_post: true } => {
                Text::new("đảng viên chính thức có giữ chức vụ", "a full member holding a post")
            }
            Subject::FullMember { holds_post: false } => {
                Text::new("đảng viên chính thức không giữ chức vụ", "a full member holding no post")
            }
            Subject::ProbationaryMember => Text::new("đảng viên dự bị", "a probationary member"),
            Subject::Organisation => Text::new("tổ chức đảng", "a party organisation"),
        }
    }
}

/// When the statute of limitations ends for a violation at a level of discipline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "on")]
pub enum Expiry {
    /// No limitation at this level: the violation can always be disciplined.
    Never,
    /// From this day on, discipline is time-barred.
    On(#[schemars(with = "String")] NaiveDate),
}

/// The end of the limitation period for the first of `violations` at the level of `form`: the
/// period runs from the violation; a new violation within the period restarts it from the new
/// violation's day; a violation after the period has ended does not revive it. The dates may come
/// in any order.
///
/// ```
/// use soisua::discipline::{limitation_expiry, DisciplineForm, Expiry};
/// let limitation = soisua::Policy::default_2020()?.limitation;
/// let day = |s: &str| s.parse().unwrap();
/// assert_eq!(limitation_expiry(DisciplineForm::Reprimand, &[day("2020-03-10")], &limitation)?,
///            Expiry::On(day("2025-03-10")));
/// // a new violation in 2023 restarts the clock
/// assert_eq!(limitation_expiry(DisciplineForm::Reprimand, &[day("2020-03-10"), day("2023-01-05")], &limitation)?,
///            Expiry::On(day("2028-01-05")));
/// assert_eq!(limitation_expiry(DisciplineForm::Expulsion, &[day("2020-03-10")], &limitation)?, Expiry::Never);
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn limitation_expiry(
    form: DisciplineForm,
    violations: &[NaiveDate],
    limitation: &Limitation,
) -> Result<Expiry, Error> {
    let mut days = violations.to_vec();
    days.sort_unstable();
    let Some((&first, rest)) = days.split_first() else {
        return Err(Error::Argument {
            name: "violations",
            detail: "needs at least one violation date".into(),
            detail_vi: "cần ít nhất một ngày vi phạm".into(),
        });
    };
    let Some(years) = form.limitation_years(limitation) else {
        return Ok(Expiry::Never);
    };
    let add = |day: NaiveDate| day.checked_add_months(Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MAX);
    let mut expiry = add(first);
    for &day in rest {
        if day >= expiry {
            break;
        }
        expiry = add(day);
    }
    Ok(Expiry::On(expiry))
}

/// Whether discipline at the level of `form` is time-barred on `on` for the first of `violations`.
///
/// ```
/// use soisua::discipline::{is_time_barred, DisciplineForm};
/// let limitation = soisua::Policy::default_2020()?.limitation;
/// let day = |s: &str| s.parse().unwrap();
/// assert!(is_time_barred(DisciplineForm::Reprimand, &[day("2015-01-01")], &limitation, day("2020-01-01"))?);
/// assert!(!is_time_barred(DisciplineForm::Warning, &[day("2015-01-01")], &limitation, day("2020-01-01"))?);
/// # Ok::<(), soisua::Error>(())
/// ```
pub fn is_time_barred(
    form: DisciplineForm,
    violations: &[NaiveDate],
    limitation: &Limitation,
    on: NaiveDate,
) -> Result<bool, Error> {
    Ok(match limitation_expiry(form, violations, limitation)? {
        Expiry::Never => false,
        Expiry::On(day) => on >= day,
    })
}
