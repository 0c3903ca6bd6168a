"""The exceptions soisua raises: one class per stable error code, all subclasses of
:class:`SoisuaError`, itself a :class:`ValueError`.

Every exception carries the same fields in every language binding: ``code`` (stable, snake_case),
``message_en`` and ``message_vi``, and ``location`` (``{"path": [...], "line": n, "column": n}``
for errors in JSON or CSV input, otherwise ``None``). ``str(error)`` is the English message.

Findings about otherwise usable data are not exceptions: ``validate()`` returns them as dicts.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Optional, Tuple, Type

__all__ = [
    "SoisuaError",
    "InvalidJsonError",
    "InvalidCsvError",
    "InvalidValueError",
    "UnknownNameError",
    "InvalidArgumentError",
    "InvalidDocumentError",
    "ReportError",
    "ReportOverlapError",
    "ReportScopeMismatchError",
    "ReportSealedError",
    "InternalError",
]


class SoisuaError(ValueError):
    """A failure: the input cannot be used at all. Catch this to catch every soisua error."""

    #: The code of the class's errors (instances of the base class may carry any code).
    default_code: ClassVar[str] = "error"

    code: str
    message_en: str
    message_vi: str
    location: Optional[Dict[str, Any]]
    issues: List[Dict[str, Any]]

    def __init__(
        self,
        code: str,
        message_en: str,
        message_vi: str,
        location: Optional[Dict[str, Any]] = None,
        issues: Optional[List[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_en = message_en
        self.message_vi = message_vi
        self.location = location
        self.issues = list(issues) if issues else []

    def __str__(self) -> str:
        return self.message_en

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message_en={self.message_en!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.code, self.message_en, self.message_vi, self.location, self.issues))


class InvalidJsonError(SoisuaError):
    """The text is not JSON, or not JSON of the expected shape (``location`` says where)."""

    default_code = "invalid_json"


class InvalidCsvError(SoisuaError):
    """A CSV file that cannot be read as CSV at all (``location`` says where)."""

    default_code = "invalid_csv"


class InvalidValueError(SoisuaError):
    """A value that does not parse (a period, a month, a date)."""

    default_code = "invalid_value"


class UnknownNameError(SoisuaError):
    """A name that does not exist (an operation, a catalogue id, a scale)."""

    default_code = "unknown_name"


class InvalidArgumentError(SoisuaError):
    """An argument of the wrong type or out of range (the message names it, and where inside it)."""

    default_code = "invalid_argument"


class InvalidDocumentError(SoisuaError):
    """A document (a policy) with errors that make it unusable; ``issues`` lists the findings."""

    default_code = "invalid_document"


class ReportError(SoisuaError):
    """Reports that cannot be combined (catch this for all three reasons, the subclasses below)."""

    default_code = "report_error"


class ReportOverlapError(ReportError):
    """Reports that cover the same unit-month: merging them would count it twice."""

    default_code = "report_overlap"


class ReportScopeMismatchError(ReportError):
    """Reports of different scopes (lift a unit's report into a row of its parent first)."""

    default_code = "report_scope_mismatch"


class ReportSealedError(ReportError):
    """A sealed report (its member-level detail dropped), which can no longer be merged."""

    default_code = "report_sealed"


class InternalError(SoisuaError):
    """A bug in soisua (the core panicked); please report it with the message."""

    default_code = "internal_error"


_BY_CODE: Dict[str, Type[SoisuaError]] = {
    cls.default_code: cls
    for cls in (
        InvalidJsonError,
        InvalidCsvError,
        InvalidValueError,
        UnknownNameError,
        InvalidArgumentError,
        InvalidDocumentError,
        ReportOverlapError,
        ReportScopeMismatchError,
        ReportSealedError,
        InternalError,
    )
}


def _from_native(
    code: str,
    message_en: str,
    message_vi: str,
    location: Optional[Dict[str, Any]],
    issues: Optional[List[Dict[str, Any]]] = None,
) -> SoisuaError:
    """The exception for an error of the native module (called from Rust)."""
    cls = _BY_CODE.get(code, SoisuaError)
    return cls(code, message_en, message_vi, location, issues)
