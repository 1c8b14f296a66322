"""The file formats of the bundled examples, as attrs classes that :mod:`cchc.formats` reads and
writes like every other kind (``example`` and ``example-results`` in :data:`cchc.formats.KINDS`,
with their JSON Schemas shipped in ``cchc/schemas/``).

An example file is an :class:`ExampleFile`: an ``[example]`` table with its provenance
(:class:`Provenance`: name, title, source, notes, and the paths of what is illustrative), the
rules its plan is checked by (:class:`Rules`), and then the library's own forms of the
directives, units, groups, plan, campaign (:class:`CampaignPart`, its framework named by its
bundled id), progress report (:class:`ReportPart`) and cascade check (:class:`CompliancePart`).
A results file is a :class:`ResultsFile`: a ``[results]`` table with its provenance, then the
units' self-assessments, the council's appraisals, the survey results, the individuals
nominated and the council's settlements of ties.

Every cross-reference is checked when the file is read, so that a problem is a finding at its
place in the file:

>>> from cchc import formats
>>> text = '''
... [example]
... name = "x"
... title = "Ví dụ"
... source = "—"
... illustrative = ["plan.number"]
... [rules]
... [plan]
... summary = "Kế hoạch"
... period = { start = 2021-01-01, end = 2021-12-31 }
... '''
>>> try:
...     formats.loads(text, "example")
... except formats.ParseError as exc:
...     for f in exc.findings:
...         print(f.code, f.path, "|", f.message_vi[:40])
example.not-illustrated example.illustrative[0] | Giá trị “plan.number” không chỉ tới mục
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

import attrs

from cchc._fields import is_name, is_text, items_of, texts, to_nfc
from cchc.areas import ReformArea
from cchc.awards import Candidate, PrizeStructure, TieSettlement
from cchc.calendar import Period, ReportingPeriod, ReportKind
from cchc.campaigns import Campaign, CampaignKind
from cchc.criteria import Framework, load_bundled
from cchc.directives import Directive
from cchc.errors import CchcError, Finding, InvalidDocumentError, Severity, ValidationError
from cchc.plans import BAC_KAN_7946, Activity, Plan, ReviewPoint, RuleSet
from cchc.scoring import Appraisal, SelfAssessment, SurveyResult
from cchc.text import fold
from cchc.units import Unit, UnitGroup, UnitTree

T = TypeVar("T")

__all__ = [
    "CampaignPart",
    "CompliancePart",
    "ExampleFile",
    "Provenance",
    "ReportPart",
    "ResultsFile",
    "ResultsProvenance",
    "Rules",
]


def _activities(value: object) -> tuple[Activity, ...]:
    return items_of(value, Activity, "activities")


def _directives(value: object) -> tuple[Directive, ...]:
    return items_of(value, Directive, "directives")


def _implementing(value: object) -> tuple[Directive, ...]:
    return items_of(value, Directive, "implementing")


def _units(value: object) -> tuple[Unit, ...]:
    return items_of(value, Unit, "units")


def _groups(value: object) -> tuple[UnitGroup, ...]:
    return items_of(value, UnitGroup, "groups")


def _self_assessments(value: object) -> tuple[SelfAssessment, ...]:
    return items_of(value, SelfAssessment, "self_assessments")


def _appraisals(value: object) -> tuple[Appraisal, ...]:
    return items_of(value, Appraisal, "appraisals")


def _survey(value: object) -> tuple[SurveyResult, ...]:
    return items_of(value, SurveyResult, "survey")


def _individuals(value: object) -> tuple[Candidate, ...]:
    return items_of(value, Candidate, "individuals")


def _settlements(value: object) -> tuple[TieSettlement, ...]:
    return items_of(value, TieSettlement, "settlements")


def _reviews(value: object) -> tuple[ReviewPoint, ...] | None:
    return None if value is None else items_of(value, ReviewPoint, "reviews")


def _areas(value: object) -> tuple[ReformArea, ...] | None:
    return None if value is None else items_of(value, ReformArea, "areas")


def _texts(value: object) -> tuple[str, ...]:
    return texts(value, "value")


def _optional_texts(value: object) -> tuple[str, ...] | None:
    return None if value is None else texts(value, "value")


def _count(optional: bool = False) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(
                "must be a whole number from 0",
                vi="phải là số nguyên không âm",
                field=attribute.name,
                value=value,
            )

    return check


@attrs.frozen
class Provenance:
    """Where an example comes from (the ``[example]`` table): its ``name``, ``title`` and
    ``source`` (the article it models), ``notes`` on how it was modelled, and the paths in the
    file of everything ``illustrative`` (added to complete the example, not in the article):
    ``"units[2]"`` for a whole item, ``"plan.tasks[0].due"`` for one field."""

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    title: str = attrs.field(converter=to_nfc, validator=is_name)
    source: str = attrs.field(converter=to_nfc, validator=is_name)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    illustrative: tuple[str, ...] = attrs.field(default=(), converter=_texts)


@attrs.frozen
class Rules:
    """The rules an example's plan is checked by: the ``base`` rule set (only
    ``"bac-kan-7946"``, :data:`cchc.plans.BAC_KAN_7946`), the reform ``areas`` its tasks must
    cover (when given), the rules switched ``off`` and rules at another ``severity``."""

    base: str = attrs.field(default=BAC_KAN_7946.name, converter=to_nfc, validator=is_name)
    areas: tuple[ReformArea, ...] | None = attrs.field(default=None, converter=_areas)
    off: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        self.rule_set()

    def rule_set(self) -> RuleSet:
        """The :class:`~cchc.plans.RuleSet` these rules stand for."""
        if fold(self.base) != fold(BAC_KAN_7946.name):
            raise ValidationError(
                f"is not a rule set; known: {BAC_KAN_7946.name}",
                vi=f"không phải là bộ quy tắc đã biết (chỉ có {BAC_KAN_7946.name})",
                field="base",
                value=self.base,
            )
        rules = BAC_KAN_7946
        if self.areas is not None:
            rules = rules.requiring(*self.areas)
        for i, code in enumerate(self.off):
            rules = _moved(lambda: rules.without(code), f"off[{i}]")  # noqa: B023
        for code, level in self.severity.items():
            rules = _moved(lambda: rules.with_severity(code, level), f"severity.{code}")  # noqa: B023
        return rules


def _moved(make: Any, field: str) -> Any:
    """``make()``, its error reported at ``field``."""
    try:
        return make()
    except CchcError as exc:
        raise ValidationError(
            exc.message, vi=exc.vi, field=field, value=exc.value, code=exc.code
        ) from None


@attrs.frozen
class CampaignPart:
    """An example's campaign (the ``[campaign]`` table): as a
    :class:`~cchc.campaigns.Campaign`, except that its plan, units and groups are the file's
    own (``groups`` names them by code) and its ``framework`` is named by its bundled id."""

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    window: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    groups: tuple[str, ...] = attrs.field(converter=_texts)
    kind: CampaignKind = attrs.field(default=CampaignKind.THEMATIC, converter=CampaignKind)
    framework: str | None = attrs.field(default=None, converter=attrs.converters.optional(to_nfc))
    prizes: PrizeStructure | None = None
    reviews: tuple[ReviewPoint, ...] | None = attrs.field(default=None, converter=_reviews)

    def __attrs_post_init__(self) -> None:
        self.bundled_framework()

    def bundled_framework(self) -> Framework | None:
        """The bundled framework the campaign names, if any."""
        if self.framework is None:
            return None
        found: Framework = _moved(lambda: load_bundled(self.framework or ""), "framework")
        return found


@attrs.frozen
class ReportPart:
    """An example's progress report (the ``[report]`` table): the day it is made
    (``as_of``; default: the end of the plan period), the periodic report it is (``kind``,
    ``year`` and ``number``, as a :class:`~cchc.calendar.ReportingPeriod`), the days within
    which a task counts as due soon, and the activities reported."""

    as_of: date | None = None
    kind: ReportKind | None = None
    year: int | None = None
    number: int | None = None
    due_within: int = attrs.field(default=5, validator=_count())
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_activities)

    def __attrs_post_init__(self) -> None:
        self.reporting()

    def reporting(self) -> ReportingPeriod | None:
        """The periodic report, when the table names one."""
        if self.kind is None:
            if self.year is not None or self.number is not None:
                raise ValidationError(
                    "a report year or number needs the report's kind",
                    vi="có năm hoặc kỳ báo cáo nhưng thiếu loại báo cáo (kind)",
                    field="kind",
                    value=None,
                )
            return None
        return ReportingPeriod(self.kind, self.year, self.number)  # type: ignore[arg-type]


@attrs.frozen
class CompliancePart:
    """An example's cascade check (the ``[compliance]`` table): the document whose
    implementing plans are checked (``of``; default: the example's plan), the units expected
    to issue one (default: the plan's participants) and the working days they have."""

    of: str | None = attrs.field(default=None, converter=attrs.converters.optional(to_nfc))
    units: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_texts)
    within_working_days: int | None = attrs.field(default=None, validator=_count(optional=True))


_STEP = re.compile(r"\.([A-Za-z_]\w*)|\[(\d+)\]")


def _names_something(root: object, path: str) -> bool:
    """Whether ``path`` (``plan.tasks[0].due``) names a part of ``root`` that is given."""
    node, pos, steps = root, 0, "." + path
    while pos < len(steps):
        step = _STEP.match(steps, pos)
        if step is None:
            return False
        pos = step.end()
        if step.group(1) is not None:
            kind = type(node)
            if not attrs.has(kind) or step.group(1) not in attrs.fields_dict(kind):
                return False
            node = getattr(node, step.group(1))
        else:
            index = int(step.group(2))
            if not isinstance(node, tuple) or index >= len(node):
                return False
            node = node[index]
        if node is None:
            return False
    return True


@attrs.frozen
class ExampleFile:
    """One bundled example as its file holds it: provenance, rules, and the library's own
    forms of what the article describes. :meth:`parts` builds the resolved objects (the unit
    tree, the campaign with its plan, groups and framework)."""

    example: Provenance
    rules: Rules
    plan: Plan
    directives: tuple[Directive, ...] = attrs.field(default=(), converter=_directives)
    implementing: tuple[Directive, ...] = attrs.field(default=(), converter=_implementing)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)
    groups: tuple[UnitGroup, ...] = attrs.field(default=(), converter=_groups)
    campaign: CampaignPart | None = None
    report: ReportPart = ReportPart()
    compliance: CompliancePart = CompliancePart()

    def __attrs_post_init__(self) -> None:
        findings: list[Finding] = []
        for j, path in enumerate(self.example.illustrative):
            if not _names_something(self, path):
                findings.append(
                    Finding(
                        "example.not-illustrated",
                        f"example.illustrative[{j}]",
                        f"Giá trị “{path}” không chỉ tới mục nào có trong tệp",
                        f"example.illustrative[{j}] = {path!r}: names nothing in the file",
                    )
                )
        tree = None
        if self.units:
            try:
                tree = UnitTree(self.units)
            except CchcError as exc:
                findings.append(_finding(exc, "units"))
        if self.campaign is not None:
            known = {fold(g.code) for g in self.groups}
            for i, code in enumerate(self.campaign.groups):
                if fold(code) not in known:
                    findings.append(
                        Finding(
                            "data.unknown-group",
                            f"campaign.groups[{i}]",
                            f"Khối “{code}” không có trong danh sách khối [[groups]]",
                            f"campaign.groups[{i}] = {code!r}: is not among the [[groups]]",
                        )
                    )
            if not findings:
                try:
                    self._campaign(tree)
                except CchcError as exc:
                    findings.append(_finding(exc, "campaign"))
        if findings:
            raise InvalidDocumentError("example", findings)

    def unit_tree(self) -> UnitTree | None:
        """The units as a tree, when the file lists any."""
        return UnitTree(self.units) if self.units else None

    def campaign_of(self) -> Campaign | None:
        """The campaign, with the file's plan, groups and units and its bundled framework."""
        return self._campaign(self.unit_tree())

    def _campaign(self, tree: UnitTree | None) -> Campaign | None:
        part = self.campaign
        if part is None:
            return None
        by_code = {fold(g.code): g for g in self.groups}
        extra: dict[str, Any] = {} if part.reviews is None else {"reviews": part.reviews}
        return Campaign(
            part.name,
            self.plan,
            [by_code[fold(code)] for code in part.groups],
            part.window,
            kind=part.kind,
            units=tree,
            framework=part.bundled_framework(),
            prizes=part.prizes,
            **extra,
        )


def _finding(exc: CchcError, path: str) -> Finding:
    field = exc.field
    where = f"{path}.{field}" if field else path
    shown = f"“{exc.value}” " if exc.has_value and exc.value is not None else ""
    return Finding(
        exc.code or "data.invalid",
        where,
        f"Giá trị {shown}{exc.vi or 'không hợp lệ'}".replace("Giá trị  ", "Giá trị "),
        f"{where}: {exc.message}",
    )


@attrs.frozen
class ResultsProvenance:
    """What a results file belongs to (the ``[results]`` table): the ``example``, the bundled
    ``framework`` its scores are of, whether the figures are ``illustrative`` (made up, not
    to be cited) and a ``note``."""

    framework: str = attrs.field(converter=to_nfc, validator=is_name)
    example: str | None = attrs.field(default=None, converter=attrs.converters.optional(to_nfc))
    illustrative: bool = False
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    def __attrs_post_init__(self) -> None:
        self.bundled_framework()

    def bundled_framework(self) -> Framework:
        """The bundled framework the results are scored by."""
        found: Framework = _moved(lambda: load_bundled(self.framework), "framework")
        return found


@attrs.frozen
class ResultsFile:
    """A campaign's results as its file holds them: the units' ``self_assessments``, the
    council's ``appraisals`` (only what it changed, with reasons) and the ``survey``, each
    unit at most once per list (as in a ``score-inputs`` file); the ``individuals`` nominated
    for commendation (:class:`~cchc.awards.Candidate`) and the council's ``settlements`` of
    ties."""

    results: ResultsProvenance
    self_assessments: tuple[SelfAssessment, ...] = attrs.field(
        default=(), converter=_self_assessments
    )
    appraisals: tuple[Appraisal, ...] = attrs.field(default=(), converter=_appraisals)
    survey: tuple[SurveyResult, ...] = attrs.field(default=(), converter=_survey)
    individuals: tuple[Candidate, ...] = attrs.field(default=(), converter=_individuals)
    settlements: tuple[TieSettlement, ...] = attrs.field(default=(), converter=_settlements)
