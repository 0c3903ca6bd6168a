//! Operations on cell meetings.

use serde_json::Value;

use super::Input;
use crate::Error;

/// The operations on cell meetings, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[];

/// Answers `op` if it is an operation on cell meetings.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let _ = (op, input);
    None
}
