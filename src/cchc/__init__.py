"""cchc: Vietnam's administrative reform campaigns (cải cách hành chính) as exact, immutable
value types.

>>> import cchc
>>> str(cchc.DocumentNumber.parse("Số: 33/2021/QĐ-UBND"))
'33/2021/QĐ-UBND'
>>> cchc.ReformArea.PROCEDURES.vi
'Cải cách thủ tục hành chính'
"""

from cchc.areas import PAR_INDEX_FIELDS, REFORM_CONTENTS, ReformArea, areas_in
from cchc.calendar import (
    VIETNAM,
    DateMention,
    Period,
    ReportingPeriod,
    ReportKind,
    WorkingCalendar,
    add_working_days,
    find_dates,
    format_date,
    format_numeric_date,
    format_place_date,
    is_working_day,
    next_working_day,
    parse_date,
    parse_place_date,
    reporting_period,
    reporting_periods_containing,
    today,
    working_days_between,
)
from cchc.directives import (
    Cascade,
    Directive,
    DocumentNumber,
    DocumentType,
    Reference,
    find_references,
    missing_implementations,
)
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
from cchc.units import Grouping, Unit, UnitGroup, UnitKind, UnitTree, group_by_kind

__version__ = "0.1.0.dev0"

__all__ = [
    # errors and findings
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
    # units and ranking groups
    "Grouping",
    "Unit",
    "UnitGroup",
    "UnitKind",
    "UnitTree",
    "group_by_kind",
    # calendar: periods, reporting cut-offs, date text, working days
    "Period",
    "ReportKind",
    "ReportingPeriod",
    "reporting_period",
    "reporting_periods_containing",
    "DateMention",
    "find_dates",
    "format_date",
    "format_numeric_date",
    "format_place_date",
    "parse_date",
    "parse_place_date",
    "VIETNAM",
    "WorkingCalendar",
    "add_working_days",
    "is_working_day",
    "next_working_day",
    "working_days_between",
    "today",
    # directives and their cascade
    "Cascade",
    "Directive",
    "DocumentNumber",
    "DocumentType",
    "Reference",
    "find_references",
    "missing_implementations",
]
