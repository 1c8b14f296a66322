"""cchc: Vietnam's administrative reform campaigns (cải cách hành chính) as exact, immutable
value types.

>>> import cchc
>>> cchc.ReformArea.PROCEDURES.vi
'Cải cách thủ tục hành chính'
"""

from cchc.areas import PAR_INDEX_FIELDS, REFORM_CONTENTS, ReformArea, areas_in
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)

__version__ = "0.1.0.dev0"

__all__ = [
    # errors
    "CchcError",
    "CchcTypeError",
    "Finding",
    "InvalidDocumentError",
    "NotFoundError",
    "ParseError",
    "Severity",
    "ValidationError",
    # reform areas
    "PAR_INDEX_FIELDS",
    "REFORM_CONTENTS",
    "ReformArea",
    "areas_in",
]
