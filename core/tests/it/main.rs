//! soisua's integration tests: one binary, one module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, reason = "test code")]

mod evaluation;
mod foundation;
mod invariants;
mod office_reports;
mod reports;
mod schemas;
mod vectors;
