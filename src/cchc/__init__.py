"""cchc: Vietnam's administrative reform campaigns (cải cách hành chính) as exact, immutable
value types.

The top level holds the types and functions a user starts from, loaded on first use (``import
cchc`` itself imports almost nothing); everything else lives in its module (``cchc.scoring``,
``cchc.awards``, ``cchc.workbooks``, ...), listed in that module's ``__all__``.

>>> import cchc
>>> str(cchc.DocumentNumber.parse("Số: 33/2021/QĐ-UBND"))
'33/2021/QĐ-UBND'
>>> cchc.ReformArea.PROCEDURES.vi
'Cải cách thủ tục hành chính'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:  # what the lazy loader below gives, for type checkers and IDEs
    from cchc.areas import ReformArea
    from cchc.awards import (
        AwardDecision,
        Candidate,
        Eligibility,
        PrizeGroup,
        PrizeLevel,
        PrizeStructure,
        allocate,
    )
    from cchc.calendar import Period, WorkingCalendar, format_date, parse_date, reporting_period
    from cchc.campaigns import Campaign, CampaignInputs, CampaignResult, run_campaign
    from cchc.criteria import Band, Criterion, Framework, Rule, load_bundled, load_framework
    from cchc.directives import Cascade, Directive, DocumentNumber, find_references
    from cchc.errors import (
        CchcError,
        Finding,
        InvalidDocumentError,
        NotFoundError,
        ParseError,
        Severity,
        ValidationError,
    )
    from cchc.explanations import Explanation
    from cchc.formats import dump, dumps, load, loads
    from cchc.lang import Lang
    from cchc.letterhead import Letterhead
    from cchc.plans import Plan, ProgressReport, StatusUpdate, Target, Task, progress
    from cchc.scoring import (
        Adjustment,
        Appraisal,
        BatchResult,
        Entry,
        Ranking,
        Scorecard,
        ScoreTable,
        SelfAssessment,
        SurveyResult,
        TiePolicy,
        rank,
        score_table,
        score_unit,
    )
    from cchc.ties import TieBreak
    from cchc.units import Unit, UnitGroup, UnitTree

#: Where each top-level name lives.
_LAZY: dict[str, str] = {
    "CchcError": "cchc.errors",
    "ValidationError": "cchc.errors",
    "ParseError": "cchc.errors",
    "NotFoundError": "cchc.errors",
    "InvalidDocumentError": "cchc.errors",
    "Finding": "cchc.errors",
    "Severity": "cchc.errors",
    "Lang": "cchc.lang",
    "Explanation": "cchc.explanations",
    "Unit": "cchc.units",
    "UnitTree": "cchc.units",
    "UnitGroup": "cchc.units",
    "ReformArea": "cchc.areas",
    "Period": "cchc.calendar",
    "WorkingCalendar": "cchc.calendar",
    "reporting_period": "cchc.calendar",
    "parse_date": "cchc.calendar",
    "format_date": "cchc.calendar",
    "Directive": "cchc.directives",
    "DocumentNumber": "cchc.directives",
    "Cascade": "cchc.directives",
    "find_references": "cchc.directives",
    "Plan": "cchc.plans",
    "Task": "cchc.plans",
    "Target": "cchc.plans",
    "StatusUpdate": "cchc.plans",
    "ProgressReport": "cchc.plans",
    "progress": "cchc.plans",
    "Framework": "cchc.criteria",
    "Criterion": "cchc.criteria",
    "Rule": "cchc.criteria",
    "Band": "cchc.criteria",
    "load_bundled": "cchc.criteria",
    "load_framework": "cchc.criteria",
    "Entry": "cchc.scoring",
    "SelfAssessment": "cchc.scoring",
    "Appraisal": "cchc.scoring",
    "Adjustment": "cchc.scoring",
    "SurveyResult": "cchc.scoring",
    "ScoreTable": "cchc.scoring",
    "Scorecard": "cchc.scoring",
    "BatchResult": "cchc.scoring",
    "Ranking": "cchc.scoring",
    "TiePolicy": "cchc.scoring",
    "score_unit": "cchc.scoring",
    "score_table": "cchc.scoring",
    "rank": "cchc.scoring",
    "PrizeStructure": "cchc.awards",
    "PrizeGroup": "cchc.awards",
    "PrizeLevel": "cchc.awards",
    "Candidate": "cchc.awards",
    "Eligibility": "cchc.awards",
    "TieBreak": "cchc.ties",
    "AwardDecision": "cchc.awards",
    "allocate": "cchc.awards",
    "Campaign": "cchc.campaigns",
    "CampaignInputs": "cchc.campaigns",
    "CampaignResult": "cchc.campaigns",
    "run_campaign": "cchc.campaigns",
    "load": "cchc.formats",
    "loads": "cchc.formats",
    "dump": "cchc.formats",
    "dumps": "cchc.formats",
    "Letterhead": "cchc.letterhead",
}

#: Names the top level held before 0.2, now in their modules: they still work, with a
#: DeprecationWarning naming the new place, until 0.3 (docs/policy.md).
_MOVED: dict[str, str] = {
    "ANNOUNCED_THROUGH": "cchc.calendar:ANNOUNCED_THROUGH",
    "Absent": "cchc.criteria:Absent",
    "Activity": "cchc.plans:Activity",
    "ActivityKind": "cchc.plans:ActivityKind",
    "ActivityTotal": "cchc.plans:ActivityTotal",
    "Actual": "cchc.plans:Actual",
    "AmbiguousError": "cchc.errors:AmbiguousError",
    "Apportionment": "cchc.apportionment:Apportionment",
    "ApportionmentMethod": "cchc.apportionment:ApportionmentMethod",
    "ApportionmentTie": "cchc.apportionment:ApportionmentTie",
    "Award": "cchc.awards:Award",
    "BAC_KAN_7946": "cchc.plans:BAC_KAN_7946",
    "BandBasis": "cchc.criteria:BandBasis",
    "CHAU_THANH_2021": "cchc.awards:CHAU_THANH_2021",
    "CampaignKind": "cchc.campaigns:CampaignKind",
    "CchcTypeError": "cchc.errors:CchcTypeError",
    "Citation": "cchc.directives:Citation",
    "Compliance": "cchc.plans:Compliance",
    "CouncilChange": "cchc.scoring:CouncilChange",
    "CriterionScore": "cchc.scoring:CriterionScore",
    "DateMention": "cchc.calendar:DateMention",
    "DocumentType": "cchc.directives:DocumentType",
    "ExcessBasis": "cchc.criteria:ExcessBasis",
    "Exclusion": "cchc.awards:Exclusion",
    "ExplanationLine": "cchc.scoring:ExplanationLine",
    "Extra": "cchc.criteria:Extra",
    "FORMER_CSTDCS_QUOTA": "cchc.awards:FORMER_CSTDCS_QUOTA",
    "Grouping": "cchc.units:Grouping",
    "LatePlan": "cchc.plans:LatePlan",
    "Level": "cchc.criteria:Level",
    "Measure": "cchc.plans:Measure",
    "MemberGate": "cchc.awards:MemberGate",
    "MemberRequirement": "cchc.awards:MemberRequirement",
    "Milestone": "cchc.plans:Milestone",
    "NOT_APPLICABLE": "cchc.scoring:NOT_APPLICABLE",
    "NoTargetPolicy": "cchc.criteria:NoTargetPolicy",
    "PAR_INDEX_FIELDS": "cchc.areas:PAR_INDEX_FIELDS",
    "PlanRule": "cchc.plans:Rule",
    "Priority": "cchc.ties:Priority",
    "PrizeTiePolicy": "cchc.awards:PrizeTiePolicy",
    "Quota": "cchc.awards:Quota",
    "REFORM_CONTENTS": "cchc.areas:REFORM_CONTENTS",
    "RULES": "cchc.plans:RULES",
    "RankBy": "cchc.awards:RankBy",
    "RankedUnit": "cchc.scoring:RankedUnit",
    "Reason": "cchc.awards:Reason",
    "Reference": "cchc.directives:Reference",
    "ReportKind": "cchc.calendar:ReportKind",
    "ReportingPeriod": "cchc.calendar:ReportingPeriod",
    "ReviewKind": "cchc.plans:ReviewKind",
    "ReviewPoint": "cchc.plans:ReviewPoint",
    "Rounding": "cchc.awards:Rounding",
    "RuleKind": "cchc.criteria:RuleKind",
    "RuleSet": "cchc.plans:RuleSet",
    "SEAT_LIMIT": "cchc.apportionment:SEAT_LIMIT",
    "ScoreInputs": "cchc.formats:ScoreInputs",
    "ScoringRule": "cchc.criteria:Rule",
    "SelfAssessedScorecard": "cchc.scoring:SelfAssessedScorecard",
    "Signature": "cchc.letterhead:Signature",
    "SizeBracket": "cchc.awards:SizeBracket",
    "Source": "cchc.scoring:Source",
    "Tally": "cchc.plans:Tally",
    "TargetProgress": "cchc.plans:TargetProgress",
    "TaskProgress": "cchc.plans:TaskProgress",
    "TaskState": "cchc.plans:TaskState",
    "TaskStatus": "cchc.plans:TaskStatus",
    "Tie": "cchc.scoring:Tie",
    "TieBreakKind": "cchc.ties:TieBreakKind",
    "TieMode": "cchc.awards:TieMode",
    "TieOrder": "cchc.scoring:TieOrder",
    "TieSettlement": "cchc.awards:TieSettlement",
    "Title": "cchc.awards:Title",
    "Unfilled": "cchc.awards:Unfilled",
    "UnitKind": "cchc.units:UnitKind",
    "UnresolvedTie": "cchc.awards:UnresolvedTie",
    "VIETNAM": "cchc.calendar:VIETNAM",
    "WeakCriterion": "cchc.scoring:WeakCriterion",
    "YearChange": "cchc.scoring:YearChange",
    "add_working_days": "cchc.calendar:add_working_days",
    "apportion": "cchc.apportionment:apportion",
    "areas_in": "cchc.areas:areas_in",
    "band_labels": "cchc.awards:band_labels",
    "bundled_frameworks": "cchc.criteria:bundled_frameworks",
    "cascade_compliance": "cchc.plans:cascade_compliance",
    "check_plan": "cchc.plans:check_plan",
    "compare_years": "cchc.scoring:compare_years",
    "council_change_report": "cchc.scoring:council_change_report",
    "council_changes": "cchc.scoring:council_changes",
    "council_changes_of": "cchc.campaigns:council_changes_of",
    "effective_deadline": "cchc.plans:effective_deadline",
    "explain": "cchc.scoring:explain",
    "explain_decision": "cchc.awards:explain",
    "find_dates": "cchc.calendar:find_dates",
    "format_campaign": "cchc.campaigns:format_campaign",
    "format_framework": "cchc.criteria:format_framework",
    "format_numeric_date": "cchc.calendar:format_numeric_date",
    "format_place_date": "cchc.calendar:format_place_date",
    "format_plan": "cchc.plans:format_plan",
    "format_progress": "cchc.plans:format_progress",
    "framework_findings": "cchc.criteria:framework_findings",
    "group_by_kind": "cchc.units:group_by_kind",
    "is_working_day": "cchc.calendar:is_working_day",
    "missing_implementations": "cchc.directives:missing_implementations",
    "next_working_day": "cchc.calendar:next_working_day",
    "parse_framework": "cchc.criteria:parse_framework",
    "parse_place_date": "cchc.calendar:parse_place_date",
    "reporting_periods_containing": "cchc.calendar:reporting_periods_containing",
    "schema": "cchc.formats:schema",
    "score_self_assessment": "cchc.scoring:score_self_assessment",
    "structure": "cchc.formats:structure",
    "today": "cchc.calendar:today",
    "unstructure": "cchc.formats:unstructure",
    "validate_campaign": "cchc.campaigns:validate_campaign",
    "validate_plan": "cchc.plans:validate_plan",
    "weakest_criteria": "cchc.scoring:weakest_criteria",
    "working_days_between": "cchc.calendar:working_days_between",
}

#: The package's modules, reachable as attributes (``cchc.scoring``) without importing them first.
_MODULES = frozenset(
    {
        "apportionment",
        "areas",
        "awards",
        "calendar",
        "campaigns",
        "cli",
        "criteria",
        "directives",
        "display",
        "errors",
        "examples",
        "explanations",
        "export",
        "formats",
        "frames",
        "indices",
        "lang",
        "letterhead",
        "plans",
        "plots",
        "scoring",
        "sensitivity",
        "strategies",
        "surveys",
        "tables",
        "text",
        "ties",
        "units",
        "workbooks",
    }
)


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # once loaded, a plain attribute
        return value
    if name in _MOVED:
        from cchc._fields import moved_names

        return moved_names("cchc", _MOVED)(name)
    if name in _MODULES:
        return importlib.import_module(f"cchc.{name}")
    raise AttributeError(f"module 'cchc' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*__all__, *_MODULES, "__version__"})


__all__ = [
    # errors and findings
    "CchcError",
    "ValidationError",
    "ParseError",
    "NotFoundError",
    "InvalidDocumentError",
    "Finding",
    "Severity",
    # languages and explanations
    "Lang",
    "Explanation",
    # units and reform areas
    "Unit",
    "UnitTree",
    "UnitGroup",
    "ReformArea",
    # calendar
    "Period",
    "WorkingCalendar",
    "reporting_period",
    "parse_date",
    "format_date",
    # directives
    "Directive",
    "DocumentNumber",
    "Cascade",
    "find_references",
    # plans and progress
    "Plan",
    "Task",
    "Target",
    "StatusUpdate",
    "ProgressReport",
    "progress",
    # criteria frameworks
    "Framework",
    "Criterion",
    "Rule",
    "Band",
    "load_bundled",
    "load_framework",
    # scoring and ranking
    "Entry",
    "SelfAssessment",
    "Appraisal",
    "Adjustment",
    "SurveyResult",
    "ScoreTable",
    "Scorecard",
    "BatchResult",
    "Ranking",
    "TiePolicy",
    "score_unit",
    "score_table",
    "rank",
    # prizes
    "PrizeStructure",
    "PrizeGroup",
    "PrizeLevel",
    "Candidate",
    "Eligibility",
    "TieBreak",
    "AwardDecision",
    "allocate",
    # campaigns
    "Campaign",
    "CampaignInputs",
    "CampaignResult",
    "run_campaign",
    # files and documents
    "load",
    "loads",
    "dump",
    "dumps",
    "Letterhead",
]
