"""soisua — tự soi, tự sửa.

The monthly evaluation of Vietnamese party members as a library: indicator catalogues
(manifestations of degradation, exemplary conduct, prohibited acts), organisation trees and
monthly reviews, with findings in Vietnamese and English.

>>> import soisua
>>> soisua.parse_period("2020-Q3")["first_month"]
'2020-07'
"""

from soisua._native import (
    Catalogue,
    Organisation,
    ReviewBatch,
    __version__,
    call,
    default_policy,
    parse_period,
    run_scenario,
    validate_policy,
)
from soisua.errors import (
    InternalError,
    InvalidArgumentError,
    InvalidCsvError,
    InvalidDocumentError,
    InvalidJsonError,
    InvalidValueError,
    SoisuaError,
    UnknownNameError,
)

__all__ = [
    "__version__",
    "Catalogue",
    "Organisation",
    "ReviewBatch",
    "parse_period",
    "call",
    "run_scenario",
    "default_policy",
    "validate_policy",
    "SoisuaError",
    "InvalidJsonError",
    "InvalidCsvError",
    "InvalidValueError",
    "UnknownNameError",
    "InvalidArgumentError",
    "InvalidDocumentError",
    "InternalError",
]
