//! # soisua — tự soi, tự sửa
//!
//! The monthly evaluation of party members used by Vietnamese party committees, as a pure library:
//! an indicator catalogue (manifestations of degradation, exemplary conduct, prohibited acts), the
//! organisation tree, monthly reviews, and the findings that say what is wrong with any of them.
//!
//! The library does no I/O, reads no clock and no environment: callers pass text or values in and
//! get values out. Failures are [`Error`]s with stable codes; findings about user data are
//! [`Issue`]s returned as data, in Vietnamese and English.
//!
//! ```
//! use soisua::Catalogue;
//!
//! let catalogue = Catalogue::central_2020()?;
//! assert_eq!(catalogue.counts(), [27, 16, 19]);
//! assert!(catalogue.validate(None).is_empty());
//! # Ok::<(), soisua::Error>(())
//! ```

pub mod accountability;
pub mod api;
pub mod case;
pub mod catalogue;
pub mod dialogue;
pub mod discipline;
pub mod emulation;
pub mod error;
pub mod evaluation;
pub mod household;
mod json;
pub mod meeting;
mod message;
pub mod org;
pub mod path;
pub mod period;
pub mod petition;
pub mod policy;
pub mod publication;
pub mod rating;
pub mod register;
pub mod report;
pub mod review;
pub mod scenario;
pub mod schema;
pub mod synthetic;
pub mod target;
pub mod text;
pub mod verdict;
pub mod visibility;

pub use case::{Case, CaseSource, CaseState, Decision, Outcome, OutcomeRecord};
pub use catalogue::{
    Catalogue, CatalogueRef, Group, Item, ItemKind, Origin, Placed, Severity, Source, Subgroup, Wording,
};
pub use discipline::{DisciplineForm, Subject};
pub use error::{Error, Issue, IssueCode, Level, Location, has_errors};
pub use evaluation::{Evaluator, History, Ledger, MemberResult, MonthResult};
pub use org::{Member, MemberStatus, Membership, Move, OrgType, Organisation, Role, RoleKind, Unit, UnitKind};
pub use path::{Path, Segment};
pub use period::{Month, Period, Quarter};
pub use policy::{Action, Policy, Publication, PublicationDetail};
pub use review::{Answer, Assessor, Finding, MonthlyReview, ReviewBatch, ReviewStatus};
pub use text::{Text, is_valid_code, nfc};
pub use verdict::{Firing, Rule, Verdict};

/// The README's Rust quickstart, compiled and run as a doctest so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
