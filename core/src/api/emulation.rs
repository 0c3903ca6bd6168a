//! Operations on emulation.

use serde_json::Value;

use super::Input;
use crate::Error;

/// The operations on emulation, with a one-line description each.
pub(super) const OPERATIONS: &[(&str, &str)] = &[];

/// Answers `op` if it is an operation on emulation.
pub(super) fn dispatch(op: &str, input: &Input) -> Option<Result<Value, Error>> {
    let _ = (op, input);
    None
}
