"""soisua — tự soi, tự sửa.

The monthly evaluation of Vietnamese party members as a library: indicator catalogues
(manifestations of degradation, exemplary conduct, prohibited acts), organisation trees and
monthly reviews, with findings in Vietnamese and English; reports per unit and period that
merge exactly, the notice board and radio list, and what each viewer may see.

>>> import soisua
>>> soisua.parse_period("2020-Q3")["first_month"]
'2020-07'
"""

from soisua._native import (
    Catalogue,
    Evaluation,
    Evaluator,
    History,
    Ledger,
    Organisation,
    Policy,
    Report,
    ReviewBatch,
    __version__,
    build_report,
    call,
    invoke,
    compare_reports,
    default_policy,
    default_report_templates,
    labels,
    lift_report,
    merge_reports,
    notice_board,
    parse_period,
    radio_list,
    redact,
    render_report,
    run_scenario,
    seal_report,
    synthetic_year_reports,
    validate_policy,
    validate_report_templates,
)
from soisua.errors import (
    InternalError,
    InvalidArgumentError,
    InvalidCsvError,
    InvalidDocumentError,
    InvalidJsonError,
    InvalidValueError,
    ReportError,
    ReportOverlapError,
    ReportScopeMismatchError,
    ReportSealedError,
    SoisuaError,
    UnknownNameError,
)
from soisua import office
from soisua.register import Register

__all__ = [
    "__version__",
    "Catalogue",
    "Organisation",
    "ReviewBatch",
    "Policy",
    "History",
    "Ledger",
    "Evaluator",
    "Evaluation",
    "Report",
    "Register",
    "parse_period",
    "labels",
    "call",
    "invoke",
    "office",
    "run_scenario",
    "default_policy",
    "validate_policy",
    "build_report",
    "merge_reports",
    "lift_report",
    "seal_report",
    "compare_reports",
    "render_report",
    "default_report_templates",
    "validate_report_templates",
    "notice_board",
    "radio_list",
    "redact",
    "synthetic_year_reports",
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
