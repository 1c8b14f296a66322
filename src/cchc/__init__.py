"""cchc: Vietnam's administrative reform campaigns (cải cách hành chính) as exact, immutable
value types.

>>> import cchc
>>> str(cchc.DocumentNumber.parse("Số: 33/2021/QĐ-UBND"))
'33/2021/QĐ-UBND'
>>> cchc.ReformArea.PROCEDURES.vi
'Cải cách thủ tục hành chính'
"""

from cchc import examples  # the bundled seed examples: cchc.examples.load("chau-thanh-2021")
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
from cchc.campaigns import Campaign, CampaignKind, format_campaign, validate_campaign
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
from cchc.plans import (
    BAC_KAN_7946,
    RULES,
    Activity,
    ActivityKind,
    ActivityTotal,
    Actual,
    Compliance,
    LatePlan,
    Measure,
    Milestone,
    Plan,
    ProgressReport,
    ReviewKind,
    ReviewPoint,
    Rule,
    RuleSet,
    StatusUpdate,
    Tally,
    Target,
    TargetProgress,
    Task,
    TaskProgress,
    TaskState,
    TaskStatus,
    cascade_compliance,
    check_plan,
    format_plan,
    format_progress,
    progress,
    validate_plan,
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
    # plans: targets, tasks, validation, progress, cascade compliance
    "Measure",
    "Actual",
    "Target",
    "Milestone",
    "TaskStatus",
    "StatusUpdate",
    "Task",
    "ReviewKind",
    "ReviewPoint",
    "Plan",
    "RULES",
    "Rule",
    "RuleSet",
    "BAC_KAN_7946",
    "validate_plan",
    "check_plan",
    "TaskState",
    "TaskProgress",
    "Tally",
    "TargetProgress",
    "ActivityKind",
    "Activity",
    "ActivityTotal",
    "ProgressReport",
    "progress",
    "LatePlan",
    "Compliance",
    "cascade_compliance",
    "format_plan",
    "format_progress",
    # campaigns
    "Campaign",
    "CampaignKind",
    "format_campaign",
    "validate_campaign",
    # the bundled examples
    "examples",
]
