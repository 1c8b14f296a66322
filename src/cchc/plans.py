"""Reform plans (kế hoạch): their objectives, tasks and review points; the checks a plan must
pass; and the progress report of its tasks on any date.

A provincial or district reform office writes a plan that implements a higher directive
("căn cứ"), assigns each task (nhiệm vụ) to a lead unit (đơn vị chủ trì) with cooperating
units (đơn vị phối hợp), names its output (sản phẩm) and completion time, and reports
progress every quarter, six and nine months and year.

>>> from datetime import date
>>> from cchc.areas import REFORM_CONTENTS
>>> from cchc.calendar import Period
>>> from cchc.directives import Directive
>>> nq76 = Directive(number="76/NQ-CP", issuer="Chính phủ", issued=date(2021, 7, 15))
>>> tasks = [Task(f"T{i}", f"Nhiệm vụ {area.vi.lower()}", area=area, lead="NV",
...               output="Báo cáo", due=date(2021, 12, 15))
...          for i, area in enumerate(REFORM_CONTENTS, start=1)]
>>> plan = Plan("Kế hoạch CCHC năm 2022", Period.year(2021), number="12/KH-UBND",
...             issuer="UBND huyện", issued=date(2021, 11, 30), implements=[nq76],
...             objectives=[Target("TTHC đúng hạn", Measure.PERCENT, 98, due=date(2021, 12, 31))],
...             tasks=tasks)
>>> plan.findings()
()

A task left without a lead unit and due after the plan ends is reported, every problem with
its place in the plan:

>>> import attrs
>>> bad = attrs.evolve(tasks[2], lead=None, due=date(2022, 3, 1))
>>> for f in attrs.evolve(plan, tasks=[*tasks[:2], bad, *tasks[3:]]).findings():
...     print(f.code, f.path)
task.no-lead tasks[2].lead
task.deadline-outside-period tasks[2].due

Progress on a given day, per reform area and lead unit:

>>> done = StatusUpdate(date(2021, 12, 10), TaskStatus.DONE)
>>> report = progress(plan, {"T1": [done]}, as_of=date(2021, 12, 20))
>>> report.totals
Tally(done_on_time=1, overdue=5)
"""

from __future__ import annotations

import datetime
import enum
import types
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc._fields import (
    CodedEnum,
    deprecated,
    enum_member,
    instance_of,
    is_code,
    is_decimal,
    is_name,
    is_optional_decimal,
    is_text,
    items_of,
    sequence,
    texts,
    to_decimal,
    to_nfc,
    whole,
)
from cchc.areas import REFORM_CONTENTS, ReformArea
from cchc.calendar import (
    VIETNAM,
    Period,
    ReportingPeriod,
    WorkingCalendar,
    format_numeric_date,
    working_days_between,
)
from cchc.directives import (
    Cascade,
    Citation,
    Directive,
    DocumentNumber,
    DocumentType,
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
from cchc.letterhead import vi_number
from cchc.text import fold
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree

__all__ = [
    # targets
    "Measure",
    "Actual",
    "Target",
    # tasks
    "Milestone",
    "TaskStatus",
    "StatusUpdate",
    "Task",
    # plans
    "ReviewKind",
    "ReviewPoint",
    "Plan",
    # validation
    "RULES",
    "Rule",
    "RuleSet",
    "BAC_KAN_7946",
    # progress
    "TaskState",
    "TaskProgress",
    "Tally",
    "TargetProgress",
    "ActivityKind",
    "Activity",
    "ActivityTotal",
    "ProgressReport",
    "progress",
    "effective_deadline",
    # cascade compliance
    "LatePlan",
    "Compliance",
    "cascade_compliance",
    # text
    "format_plan",
    "format_progress",
    "join_names",
    # deprecated (kept one minor version): Plan.findings and Plan.check
    "validate_plan",
    "check_plan",
]


# --- converters and checks shared by the value types ------------------------------------------
# The text, number, list and enum readers are those of cchc._fields, so that every value type
# of the library refuses bad input the same way, naming the field, in English and Vietnamese.


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime.datetime)


def _date_error(field: str, value: object) -> CchcTypeError:
    return CchcTypeError(
        "must be a datetime.date",
        vi="phải là một ngày (ngày, tháng, năm)",
        field=field,
        value=value,
    )


def _a_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_date(value):
        raise _date_error(attribute.name, value)


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _a_date(instance, attribute, value)


def _code_or_none(value: object) -> Any:
    """Converter: text to NFC, empty text to None; anything else for the validator."""
    converted = to_nfc(value)
    return (converted or None) if isinstance(converted, str) else converted


def _is_optional_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        is_code(instance, attribute, value)


def _items(value: object, kind: type[Any], field: str, key: str | None = None) -> Any:
    """A list of ``kind`` as a tuple (sorted by the attribute ``key`` when given); text, a
    mapping or an item of another kind is refused, naming the field and the item. Used in
    converters of the fields."""
    items = items_of(value, kind, field)
    if key is None:
        return items
    return tuple(sorted(items, key=lambda x: getattr(x, key)))


def _member(value: object, kind: type[enum.Enum], field: str) -> Any:
    """An enum member from its value or name in text (as data files give them); unknown text
    is refused listing the members, anything else left for the validator."""
    return enum_member(kind, value, field) if isinstance(value, str) else value


def _optional_whole(value: object, field: str, minimum: int, maximum: int) -> int | None:
    return None if value is None else whole(value, field, minimum=minimum, maximum=maximum)


# the converters of the fields, each naming its field


def _to_measure(v: object) -> Any:
    return _member(v, Measure, "measure")


def _to_baseline_year(v: object) -> int | None:
    return _optional_whole(v, "baseline_year", 1, 9999)


def _to_actuals(v: object) -> Any:
    return _items(v, Actual, "actuals", "period")


def _to_status(v: object) -> Any:
    return _member(v, TaskStatus, "status")


def _to_percent(v: object) -> int:
    return whole(v, "percent", minimum=0, maximum=100)


def _to_partners(v: object) -> tuple[str, ...]:
    return texts(v, "partners")


def _to_milestones(v: object) -> Any:
    return _items(v, Milestone, "milestones", "due")


def _to_updates(v: object) -> Any:
    return _items(v, StatusUpdate, "updates", "on")


def _to_review_kind(v: object) -> Any:
    return _member(v, ReviewKind, "kind")


def _to_implements(v: object) -> Any:
    return _items(v, Directive, "implements")


def _to_objectives(v: object) -> Any:
    return _items(v, Target, "objectives")


def _to_contents(v: object) -> tuple[str, ...]:
    return texts(v, "contents")


def _to_tasks(v: object) -> Any:
    return _items(v, Task, "tasks")


def _to_participants(v: object) -> tuple[str, ...]:
    return texts(v, "participants")


def _to_reviews(v: object) -> Any:
    return _items(v, ReviewPoint, "reviews", "on")


def _to_severity(v: object) -> Any:
    return _member(v, Severity, "severity")


def _to_rules(v: object) -> Any:
    return _items(v, Rule, "rules")


def _to_done_on_time(v: object) -> int:
    return whole(v, "done_on_time", minimum=0)


def _to_done_late(v: object) -> int:
    return whole(v, "done_late", minimum=0)


def _to_in_progress(v: object) -> int:
    return whole(v, "in_progress", minimum=0)


def _to_overdue(v: object) -> int:
    return whole(v, "overdue", minimum=0)


def _to_not_started(v: object) -> int:
    return whole(v, "not_started", minimum=0)


def _to_due_soon(v: object) -> int:
    return whole(v, "due_soon", minimum=0)


def _to_milestones_missed(v: object) -> int:
    return whole(v, "milestones_missed", minimum=0)


def _to_activity_kind(v: object) -> Any:
    return _member(v, ActivityKind, "kind")


def _to_count(v: object) -> int:
    return whole(v, "count", minimum=0)


def _to_state(v: object) -> Any:
    return _member(v, TaskState, "state")


def _to_working_days_late(v: object) -> int:
    return whole(v, "working_days_late", minimum=0)


def _to_milestone_days_late(v: object) -> int:
    return whole(v, "milestone_days_late", minimum=0)


def _to_working_days(v: object) -> int:
    return whole(v, "working_days", minimum=0)


def _to_due_within(v: object) -> int:
    return whole(v, "due_within", minimum=0)


def _to_missed(v: object) -> tuple[date, ...]:
    days = items_of(v, date, "milestones_missed")
    for i, day in enumerate(days):
        if not _is_date(day):
            raise _date_error(f"milestones_missed[{i}]", day)
    return days


def _to_task_progress(v: object) -> Any:
    return _items(v, TaskProgress, "tasks")


def _to_targets(v: object) -> Any:
    return _items(v, TargetProgress, "targets")


def _to_totals(v: object) -> Any:
    return _items(v, ActivityTotal, "activities")


def _to_late(v: object) -> Any:
    return _items(v, LatePlan, "late")


def _to_units(v: object) -> tuple[str, ...]:
    return texts(v, "units")


def _to_missing(v: object) -> tuple[str, ...]:
    return texts(v, "missing")


def _to_pending(v: object) -> tuple[str, ...]:
    return texts(v, "pending")


def _to_before_parent(v: object) -> tuple[str, ...]:
    return texts(v, "before_parent")


def _area(value: object) -> Any:
    """Converter: a reform area from its code or label; anything else for the validator."""
    if isinstance(value, str) and len(value) <= 200:
        try:
            return ReformArea.from_code(value)
        except CchcError:
            try:
                return ReformArea.from_text(value)
            except CchcError:
                return value
    return value


def _area_error(field: str, value: object) -> CchcError:
    codes = ", ".join(a.code for a in ReformArea)
    if isinstance(value, str):
        return NotFoundError(
            f"names no reform area; one of: {codes}",
            vi=f"không phải là nội dung cải cách hành chính nào; chọn một trong: {codes}",
            field=field,
            value=value,
        )
    return CchcTypeError(
        f"must be a ReformArea or its code, not {type(value).__name__}",
        vi=f"phải là một nội dung cải cách hành chính (mã: {codes})",
        field=field,
        value=value,
    )


def _optional_area(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ReformArea):
        codes = ", ".join(a.code for a in ReformArea)
        raise CchcTypeError(
            "must be a ReformArea, its code or None",
            vi=f"phải là một nội dung cải cách hành chính (mã: {codes}) hoặc để trống",
            field=attribute.name,
            value=value,
        )


def _type_error(what_en: str, what_vi: str, field: str, value: object) -> CchcTypeError:
    return CchcTypeError(f"must be {what_en}", vi=f"phải là {what_vi}", field=field, value=value)


def _dmy(d: date | None) -> str:
    return "—" if d is None else format_numeric_date(d)


# --- targets (mục tiêu) -------------------------------------------------------------------------


class Measure(CodedEnum):
    """How a target is measured, as IATI result indicators do (``measure``): a percentage,
    a count, yes or no, or an ordinal rank.

    >>> Measure.PERCENT.vi, Measure.YES_NO.en
    ('tỷ lệ (%)', 'yes / no')
    """

    PERCENT = "percent"
    COUNT = "count"
    YES_NO = "yes-no"
    ORDINAL = "ordinal"

    @property
    def vi(self) -> str:
        """The Vietnamese name."""
        return _MEASURE_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English name."""
        return _MEASURE_LABELS[self][1]

    def check(self, value: Decimal, field: str) -> None:
        """Deprecated: use :meth:`validate` (``check`` is the name of the raising form of a
        document's :meth:`findings`)."""
        deprecated("Measure.check(value, field)", "Measure.validate(value, field)")
        self.validate(value, field)

    def validate(self, value: Decimal, field: str) -> None:
        """Raise :class:`~cchc.errors.ValidationError` if ``value`` cannot be a value of this
        measure (a percentage outside 0–100, a fractional count, a yes/no other than 0 or 1,
        a rank below 1).

        >>> Measure.PERCENT.validate(Decimal("100.5"), "target")
        Traceback (most recent call last):
        ...
        cchc.errors.ValidationError: target = Decimal('100.5'): a percentage lies between 0 and 100
        """
        if self is Measure.PERCENT and not 0 <= value <= 100:
            raise ValidationError(
                "a percentage lies between 0 and 100",
                vi="tỷ lệ phần trăm phải từ 0 đến 100",
                field=field,
                value=value,
            )
        if self is Measure.COUNT and (value < 0 or value != value.to_integral_value()):
            raise ValidationError(
                "a count is a whole number from 0",
                vi="số lượng phải là số nguyên không âm",
                field=field,
                value=value,
            )
        if self is Measure.YES_NO and value not in (0, 1):
            raise ValidationError(
                "yes/no is 1 (yes) or 0 (no)",
                vi="chỉ tiêu có/không nhận giá trị 1 (có) hoặc 0 (không)",
                field=field,
                value=value,
            )
        if self is Measure.ORDINAL and (value < 1 or value != value.to_integral_value()):
            raise ValidationError(
                "a rank is a whole number from 1",
                vi="thứ hạng phải là số nguyên từ 1 trở lên",
                field=field,
                value=value,
            )


_MEASURE_LABELS = {
    Measure.PERCENT: ("tỷ lệ (%)", "percentage"),
    Measure.COUNT: ("số lượng", "count"),
    Measure.YES_NO: ("có / không", "yes / no"),
    Measure.ORDINAL: ("thứ hạng", "rank"),
}


@attrs.frozen
class Actual:
    """The value a target's indicator actually reached over a period (IATI ``period`` with
    its ``actual``).

    >>> Actual(Period.year(2021), "92.5")
    Actual(period=Period(start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31)), \
value=Decimal('92.5'), note='')
    """

    period: Period = attrs.field(validator=instance_of(Period))
    value: Decimal = attrs.field(converter=to_decimal, validator=is_decimal)
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)


def _check_target(target: Target) -> None:
    target.measure.validate(target.target, "target")
    if target.baseline is not None:
        target.measure.validate(target.baseline, "baseline")
    for i, actual in enumerate(target.actuals):
        target.measure.validate(actual.value, f"actuals[{i}].value")
        if i and actual.period == target.actuals[i - 1].period:
            raise ValidationError(
                "two actual values are given for the same period",
                vi=f"kỳ {actual.period} có hai giá trị thực hiện",
                field=f"actuals[{i}].period",
                value=actual.period,
            )
    if (target.baseline is None) != (target.baseline_year is None):
        raise ValidationError(
            "a baseline needs both its value and its year",
            vi="giá trị cơ sở phải có cả giá trị và năm",
            field="baseline_year",
            value=target.baseline_year,
        )
    if target.baseline_year is not None and target.baseline_year > target.due.year:
        raise ValidationError(
            f"is after the year the target is due ({target.due.year})",
            vi=f"năm cơ sở sau năm đến hạn của mục tiêu ({target.due.year})",
            field="baseline_year",
            value=target.baseline_year,
        )
    if target.baseline is not None:
        if target.ascending and target.target < target.baseline:
            raise ValidationError(
                f"an ascending target cannot be below its baseline {target.baseline}",
                vi=f"mục tiêu tăng không thể thấp hơn giá trị cơ sở {target.baseline}",
                field="target",
                value=target.target,
            )
        if not target.ascending and target.target > target.baseline:
            raise ValidationError(
                f"a descending target cannot be above its baseline {target.baseline}",
                vi=f"mục tiêu giảm không thể cao hơn giá trị cơ sở {target.baseline}",
                field="target",
                value=target.target,
            )


def _higher_is_better(target: Target) -> bool:
    """The default direction: up for every measure but a rank, where 1 is best."""
    return target.measure is not Measure.ORDINAL


@attrs.frozen
class Target:
    """A quantified objective (mục tiêu định lượng), shaped like an IATI result indicator:
    the indicator's ``name``, its ``measure``, the ``target`` value due on ``due``, an
    optional ``baseline`` with its year, whether higher is better (``ascending``; by default
    yes, except for a rank, where 1 is best) and the ``actuals`` reached per period.

    >>> t = Target("Hồ sơ TTHC giải quyết đúng hạn", Measure.PERCENT, 98, due=date(2025, 12, 31),
    ...            baseline=90, baseline_year=2020,
    ...            actuals=[Actual(Period.year(2021), 94)])
    >>> t.share()
    Fraction(1, 2)
    >>> Target("Xếp hạng PAR Index", Measure.ORDINAL, 20, due=date(2025, 12, 31),
    ...        baseline=15, baseline_year=2020)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: target = Decimal('20'): a descending target cannot be above \
its baseline 15
    """

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    measure: Measure = attrs.field(converter=_to_measure, validator=instance_of(Measure))
    target: Decimal = attrs.field(converter=to_decimal, validator=is_decimal)
    due: date = attrs.field(kw_only=True, validator=_a_date)
    baseline: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=to_decimal, validator=is_optional_decimal
    )
    baseline_year: int | None = attrs.field(default=None, kw_only=True, converter=_to_baseline_year)
    ascending: bool = attrs.field(
        default=attrs.Factory(_higher_is_better, takes_self=True),
        kw_only=True,
        validator=instance_of(bool),
    )
    actuals: tuple[Actual, ...] = attrs.field(
        default=(),
        kw_only=True,
        converter=_to_actuals,
    )
    area: ReformArea | None = attrs.field(
        default=None, kw_only=True, converter=_area, validator=_optional_area
    )

    def __attrs_post_init__(self) -> None:
        _check_target(self)

    def latest(self, as_of: date | None = None) -> Actual | None:
        """The actual value whose period ends last among those ended by ``as_of`` (among all,
        without it); of two periods ending on the same day, the longer one.

        >>> t = Target("Số sáng kiến", Measure.COUNT, 10, due=date(2021, 12, 31),
        ...            actuals=[Actual(Period.year(2021), 4)])
        >>> t.latest(date(2021, 6, 30)) is None, t.latest().value
        (True, Decimal('4'))
        """
        found = [a for a in self.actuals if as_of is None or a.period.end <= as_of]
        # the period that ends last; of two ending on the same day, the longer one
        return max(found, key=lambda a: (a.period.end, -a.period.start.toordinal()), default=None)

    def share(self, as_of: date | None = None) -> Fraction | None:
        """The exact share of the way from baseline to target covered by the latest actual
        (None when there is none yet). 0 is the baseline (0 when none is given for an
        ascending target), 1 the target; it goes below 0 when the indicator moved away and
        above 1 when the target was exceeded. A yes/no target, a target equal to its
        baseline and a descending target without a baseline count 1 when met and 0 when not.

        >>> t = Target("Chỉ số PAR Index", Measure.PERCENT, 90, due=date(2025, 12, 31),
        ...            actuals=[Actual(Period.year(2021), "85.5")])
        >>> t.share()
        Fraction(19, 20)
        """
        latest = self.latest(as_of)
        if latest is None:
            return None
        value = latest.value
        if self.measure is Measure.YES_NO:
            return Fraction(int(self.met(as_of)))
        base = self.baseline
        if base is None and self.ascending:
            base = Decimal(0)
        if base is None or base == self.target:
            return Fraction(int(self.met(as_of)))
        return (Fraction(value) - Fraction(base)) / (Fraction(self.target) - Fraction(base))

    def met(self, as_of: date | None = None) -> bool:
        """True if the latest actual reaches the target (at or above it when ascending, at or
        below it otherwise).

        >>> Target("Có Cổng dịch vụ công", Measure.YES_NO, 1, due=date(2021, 12, 31),
        ...        actuals=[Actual(Period.year(2021), 1)]).met()
        True
        """
        latest = self.latest(as_of)
        if latest is None:
            return False
        if self.ascending:
            return latest.value >= self.target
        return latest.value <= self.target


# --- tasks (nhiệm vụ) -------------------------------------------------------------------------


@attrs.frozen
class Milestone:
    """One step of a task's yearly roadmap (lộ trình từng năm): what is to be delivered by
    ``due``.

    >>> Milestone(date(2022, 12, 31), "Số hóa 50% hồ sơ").year
    2022
    """

    due: date = attrs.field(validator=_a_date)
    output: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    @property
    def year(self) -> int:
        """The calendar year of the milestone."""
        return self.due.year


class TaskStatus(CodedEnum):
    """What a status update says of a task.

    >>> TaskStatus.DONE.vi
    'Đã hoàn thành'
    """

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    @property
    def vi(self) -> str:
        """The Vietnamese wording used in progress reports."""
        return _STATUS_VI[self]


_STATUS_VI = {
    TaskStatus.NOT_STARTED: "Chưa triển khai",
    TaskStatus.IN_PROGRESS: "Đang thực hiện",
    TaskStatus.DONE: "Đã hoàn thành",
}


def _default_percent(update: StatusUpdate) -> int:
    return 100 if update.status is TaskStatus.DONE else 0


@attrs.frozen
class StatusUpdate:
    """A report on one task: the date, the status, the percentage done, a note, a reference
    to the evidence (tài liệu kiểm chứng: a document number, a link) and, optionally, the
    ``milestone`` (by its due date) of the task's roadmap that the update reports delivered.

    A task that is done is 100 % done; one not started is at 0 %; one in progress is below
    100 %.

    >>> StatusUpdate(date(2021, 9, 14), TaskStatus.IN_PROGRESS, 60, note="Đã số hóa 60%")
    StatusUpdate(on=datetime.date(2021, 9, 14), status=TaskStatus.IN_PROGRESS, percent=60, \
note='Đã số hóa 60%', evidence='', milestone=None)
    >>> StatusUpdate(date(2021, 9, 14), TaskStatus.DONE, 80)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: percent = 80: a task that is done is 100 % done
    """

    on: date = attrs.field(validator=_a_date)
    status: TaskStatus = attrs.field(converter=_to_status, validator=instance_of(TaskStatus))
    percent: int = attrs.field(
        default=attrs.Factory(_default_percent, takes_self=True),
        converter=_to_percent,
    )
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    evidence: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    #: The due date of the roadmap milestone this update reports delivered, if any.
    milestone: date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)

    @percent.validator
    def _check_percent(self, attribute: attrs.Attribute[int], value: int) -> None:
        if self.status is TaskStatus.DONE and value != 100:
            raise ValidationError(
                "a task that is done is 100 % done",
                vi="nhiệm vụ đã hoàn thành thì đạt 100%",
                field="percent",
                value=value,
            )
        if self.status is TaskStatus.NOT_STARTED and value != 0:
            raise ValidationError(
                "a task not started is 0 % done",
                vi="nhiệm vụ chưa triển khai thì đạt 0%",
                field="percent",
                value=value,
            )
        if self.status is TaskStatus.IN_PROGRESS and value == 100:
            raise ValidationError(
                "a task 100 % done is reported as done",
                vi="nhiệm vụ đạt 100% thì báo cáo là đã hoàn thành",
                field="percent",
                value=value,
            )


def _check_task(task: Task) -> None:
    seen: set[str] = set()
    for i, partner in enumerate(task.partners):
        if not partner or any(ch.isspace() for ch in partner) or len(partner) > 200:
            raise ValidationError(
                "a unit code is not empty and has no white space",
                vi="mã đơn vị không được để trống và không có khoảng trắng",
                field=f"partners[{i}]",
                value=partner,
            )
        if fold(partner) in seen:
            raise ValidationError(
                "is listed twice",
                vi="đơn vị phối hợp bị ghi hai lần",
                field=f"partners[{i}]",
                value=partner,
            )
        seen.add(fold(partner))
    stones = {m.due for m in task.milestones}
    for i, update in enumerate(task.updates):
        if update.milestone is not None and update.milestone not in stones:
            raise ValidationError(
                "names no milestone of the task",
                vi=f"nhiệm vụ không có mốc lộ trình ngày {_dmy(update.milestone)}",
                field=f"updates[{i}].milestone",
                value=update.milestone,
            )
    if task.due is not None:
        for i, milestone in enumerate(task.milestones):
            if milestone.due > task.due:
                raise ValidationError(
                    f"is after the task's due date {task.due.isoformat()}",
                    vi=f"mốc lộ trình sau thời hạn của nhiệm vụ ({_dmy(task.due)})",
                    field=f"milestones[{i}].due",
                    value=milestone.due,
                )


@attrs.frozen
class Task:
    """One task (nhiệm vụ) of a plan: its ``code`` and ``title``, the reform ``area`` it
    serves, the ``lead`` unit (chủ trì) and ``partners`` (phối hợp) as unit codes, its
    ``output`` (sản phẩm), a ``due`` date and/or a yearly roadmap of ``milestones``, and the
    status ``updates`` reported so far.

    What a plan merely lacks (an output, a lead, a date) is allowed here and reported by
    :meth:`Plan.findings`; what cannot be (a milestone after the due date, a partner listed
    twice) is refused.

    >>> t = Task("2.1", "Rà soát, đơn giản hóa TTHC", area="TTHC", lead="VP",
    ...          partners=["TP", "NV"], output="Quyết định công bố TTHC",
    ...          milestones=[Milestone(date(2022, 12, 15)), Milestone(date(2021, 12, 15))])
    >>> t.area, t.deadline, [m.year for m in t.milestones]
    (ReformArea.PROCEDURES, datetime.date(2022, 12, 15), [2021, 2022])
    >>> t.completion(date(2022, 1, 1))
    0
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    title: str = attrs.field(converter=to_nfc, validator=is_name)
    area: ReformArea | None = attrs.field(
        default=None, kw_only=True, converter=_area, validator=_optional_area
    )
    lead: str | None = attrs.field(
        default=None, kw_only=True, converter=_code_or_none, validator=_is_optional_code
    )
    partners: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_partners)
    output: str = attrs.field(default="", kw_only=True, converter=to_nfc, validator=is_text)
    due: date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_milestones
    )
    updates: tuple[StatusUpdate, ...] = attrs.field(default=(), kw_only=True, converter=_to_updates)

    def __attrs_post_init__(self) -> None:
        _check_task(self)

    @property
    def deadline(self) -> date | None:
        """When the task must be complete: its due date, else its last milestone's."""
        if self.due is not None:
            return self.due
        return self.milestones[-1].due if self.milestones else None

    def with_updates(self, *updates: StatusUpdate) -> Task:
        """A copy of the task with more status updates.

        >>> t = Task("1", "Ban hành kế hoạch").with_updates(
        ...     StatusUpdate(date(2021, 3, 1), TaskStatus.DONE))
        >>> t.done_on()
        datetime.date(2021, 3, 1)
        """
        return attrs.evolve(self, updates=(*self.updates, *updates))

    def _known(self, as_of: date | None) -> tuple[StatusUpdate, ...]:
        return tuple(u for u in self.updates if as_of is None or u.on <= as_of)

    def done_on(self, as_of: date | None = None) -> date | None:
        """The date of the first update reporting the task done (by ``as_of``), or None."""
        for update in self._known(as_of):
            if update.status is TaskStatus.DONE:
                return update.on
        return None

    def completion(self, as_of: date | None = None) -> int:
        """The furthest percentage reported by ``as_of``: 100 once the task was reported
        done. A later, lower figure does not undo work already reported, so adding an update
        never lowers completion.

        >>> t = Task("1", "Số hóa hồ sơ", updates=[
        ...     StatusUpdate(date(2021, 6, 1), TaskStatus.IN_PROGRESS, 60),
        ...     StatusUpdate(date(2021, 7, 1), TaskStatus.IN_PROGRESS, 40)])
        >>> t.completion(date(2021, 6, 30)), t.completion()
        (60, 60)
        """
        return max((u.percent for u in self._known(as_of)), default=0)

    def delivered(self, milestone: Milestone, as_of: date | None = None) -> date | None:
        """The day ``milestone`` was reported delivered by ``as_of``: the first update naming
        it, or the day the whole task was reported done, whichever came first (None if
        neither).

        >>> m = Milestone(date(2022, 12, 30), "30% hồ sơ")
        >>> t = Task("1", "Số hóa", due=date(2023, 12, 29), milestones=[m], updates=[
        ...     StatusUpdate(date(2022, 12, 20), TaskStatus.IN_PROGRESS, 30, milestone=m.due)])
        >>> t.delivered(m), t.delivered(m, date(2022, 12, 1))
        (datetime.date(2022, 12, 20), None)
        """
        days = [
            u.on
            for u in self._known(as_of)
            if u.milestone == milestone.due or u.status is TaskStatus.DONE
        ]
        return min(days, default=None)

    def started(self, as_of: date | None = None) -> bool:
        """True if an update by ``as_of`` reports the task under way or done."""
        return any(u.status is not TaskStatus.NOT_STARTED for u in self._known(as_of))


# --- plans (kế hoạch) -------------------------------------------------------------------------


class ReviewKind(CodedEnum):
    """A review point of a plan or campaign: preliminary (sơ kết) or final (tổng kết).

    >>> ReviewKind.FINAL.vi
    'Tổng kết'
    """

    PRELIMINARY = "so-ket"
    FINAL = "tong-ket"

    @property
    def vi(self) -> str:
        """The Vietnamese word."""
        return "Sơ kết" if self is ReviewKind.PRELIMINARY else "Tổng kết"

    @property
    def en(self) -> str:
        """The English word."""
        return "Preliminary review" if self is ReviewKind.PRELIMINARY else "Final review"


@attrs.frozen
class ReviewPoint:
    """A review of a plan or campaign (sơ kết, tổng kết) on a given date.

    >>> ReviewPoint(ReviewKind.PRELIMINARY, date(2023, 6, 30), "Sơ kết 6 tháng")
    ReviewPoint(kind=ReviewKind.PRELIMINARY, on=datetime.date(2023, 6, 30), note='Sơ kết 6 tháng')
    """

    kind: ReviewKind = attrs.field(converter=_to_review_kind, validator=instance_of(ReviewKind))
    on: date = attrs.field(validator=_a_date)
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)


def _number(value: object) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return DocumentNumber.parse(value)
    except CchcError as exc:  # the same fault, named by the plan's field
        raise ParseError(exc.message, vi=exc.vi, field="number", value=value) from None


def _optional_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, DocumentNumber):
        raise _type_error(
            "a DocumentNumber, its text or None",
            "số, ký hiệu văn bản (12/KH-UBND) hoặc để trống",
            attribute.name,
            value,
        )


# --- validation: rule sets as data ------------------------------------------------------------

#: Every rule :meth:`Plan.findings` knows, by code: what it asks, in Vietnamese and English.
RULES: Mapping[str, tuple[str, str]] = types.MappingProxyType(
    {
        "plan.no-directive": (
            "Kế hoạch phải căn cứ ít nhất một văn bản chỉ đạo",
            "the plan implements at least one directive",
        ),
        "plan.not-issued": (
            "Kế hoạch có ngày ban hành",
            "the plan has an issue date",
        ),
        "plan.issued-before-directive": (
            "Kế hoạch ban hành không sớm hơn văn bản mà nó triển khai",
            "the plan is issued on or after each directive it implements",
        ),
        "plan.areas-uncovered": (
            "Nhiệm vụ bao quát đủ các nội dung CCHC được yêu cầu",
            "the tasks cover every required reform content",
        ),
        "plan.objectives-unquantified": (
            "Mục tiêu cụ thể, có tính định lượng",
            "the plan has quantified objectives",
        ),
        "plan.duplicate-task-code": (
            "Mã nhiệm vụ không trùng nhau",
            "task codes are unique",
        ),
        "plan.review-outside-period": (
            "Thời điểm sơ kết, tổng kết nằm trong thời gian của kế hoạch",
            "review points lie inside the plan period",
        ),
        "task.no-output": (
            "Nhiệm vụ xác định rõ kết quả, sản phẩm đầu ra",
            "every task names its output",
        ),
        "task.no-area": (
            "Nhiệm vụ thuộc một nội dung cải cách hành chính",
            "every task serves a reform area",
        ),
        "task.milestone-no-output": (
            "Mỗi mốc lộ trình xác định rõ sản phẩm đầu ra",
            "every roadmap milestone names its output",
        ),
        "task.no-lead": (
            "Nhiệm vụ gắn với trách nhiệm của đơn vị chủ trì",
            "every task has a lead unit",
        ),
        "task.no-deadline": (
            "Nhiệm vụ có thời gian hoàn thành",
            "every task has a completion time",
        ),
        "task.deadline-outside-period": (
            "Thời gian hoàn thành nằm trong thời gian của kế hoạch",
            "completion times lie inside the plan period",
        ),
        "task.roadmap-gap": (
            "Kế hoạch nhiều năm: thời gian hoàn thành chi tiết theo lộ trình từng năm",
            "in a multi-year plan each task has a milestone in every year up to its deadline",
        ),
        "task.lead-is-partner": (
            "Đơn vị chủ trì không đồng thời là đơn vị phối hợp",
            "a lead unit is not also its own partner",
        ),
        "task.lead-for-every-unit": (
            (
                "Nhiệm vụ giao cho tất cả các cơ quan, đơn vị thực hiện thì không giao riêng "
                "một cơ quan chủ trì"
            ),
            "a task that tells every unit to act is not led by one office alone",
        ),
        "task.unknown-unit": (
            "Đơn vị chủ trì, phối hợp có trong danh sách đơn vị (khi có)",
            "lead and partner units are units of the given unit tree",
        ),
        "target.due-outside-period": (
            "Mục tiêu đến hạn trong thời gian của kế hoạch",
            "objectives fall due inside the plan period",
        ),
    }
)


def _known_rule(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _type_error("a rule code (text)", "mã quy tắc", attribute.name, value)
    if value not in RULES:
        raise NotFoundError(
            f"no such rule; known: {', '.join(RULES)}",
            vi=f"không có quy tắc này; các quy tắc: {', '.join(RULES)}",
            field=attribute.name,
            value=value,
        )


@attrs.frozen
class Rule:
    """One rule of a :class:`RuleSet`, by its code in :data:`RULES`, and the severity its
    findings carry.

    >>> Rule("task.no-output")
    Rule(code='task.no-output', severity=<Severity.ERROR: 'error'>)
    """

    code: str = attrs.field(converter=to_nfc, validator=_known_rule)
    severity: Severity = attrs.field(
        default=Severity.ERROR,
        converter=_to_severity,
        validator=instance_of(Severity),
    )


def _to_areas(value: object) -> tuple[ReformArea, ...]:
    """Converter: reform areas from codes or labels, each once, in the order given; anything
    that names no area is refused, naming its place in the list."""
    out: list[ReformArea] = []
    for i, item in enumerate(sequence(value, "required_areas")):
        area = _area(item)
        if not isinstance(area, ReformArea):
            raise _area_error(f"required_areas[{i}]", item)
        if area not in out:
            out.append(area)
    return tuple(out)


@attrs.frozen
class RuleSet:
    """The rules a plan is checked against, as data: which rules apply, at which severity,
    and which reform areas the tasks must cover.

    :data:`BAC_KAN_7946` is the default. Derive others with :meth:`without`,
    :meth:`with_severity` and :meth:`requiring`; a thematic plan can require only some areas:

    >>> thematic = BAC_KAN_7946.requiring("TTHC", "CQS").without("task.roadmap-gap")
    >>> [a.code for a in thematic.required_areas], thematic.severity("task.roadmap-gap")
    (['TTHC', 'CQS'], None)
    """

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    required_areas: tuple[ReformArea, ...] = attrs.field(
        default=REFORM_CONTENTS,
        converter=_to_areas,
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for i, rule in enumerate(self.rules):
            if rule.code in seen:
                raise ValidationError(
                    "is listed twice",
                    vi="quy tắc bị ghi hai lần",
                    field=f"rules[{i}].code",
                    value=rule.code,
                )
            seen.add(rule.code)

    def severity(self, code: str) -> Severity | None:
        """The severity of the rule, or None when the set does not apply it."""
        for rule in self.rules:
            if rule.code == code:
                return rule.severity
        return None

    def without(self, *codes: str) -> RuleSet:
        """The same set with these rules switched off."""
        for code in codes:
            _known_rule(None, attrs.fields(Rule).code, code)
        return attrs.evolve(self, rules=[r for r in self.rules if r.code not in codes])

    def with_severity(self, code: str, severity: Severity) -> RuleSet:
        """The same set with one rule at another severity (switched on if it was off).

        >>> BAC_KAN_7946.with_severity("task.no-output", Severity.WARNING).severity(
        ...     "task.no-output")
        <Severity.WARNING: 'warning'>
        """
        rule = Rule(code, severity)
        if self.severity(code) is None:
            return attrs.evolve(self, rules=[*self.rules, rule])
        return attrs.evolve(self, rules=[rule if r.code == code else r for r in self.rules])

    def requiring(self, *areas: ReformArea | str) -> RuleSet:
        """The same set requiring the tasks to cover exactly these areas."""
        return attrs.evolve(self, required_areas=areas)


#: The rules :data:`BAC_KAN_7946` reports as warnings: an officer reads the task again.
_WARNINGS = ("target.due-outside-period", "task.lead-for-every-unit")

#: Seed 002: what Bắc Kạn's official letter 7946/UBND-NCPC (25/11/2021) requires of the plans
#: agencies issue to implement Resolution 76/NQ-CP and Party resolution 08-NQ/TU: tasks that
#: cover all six reform contents, each with an output, a completion time on a yearly roadmap
#: and a responsible unit; quantified objectives. The other rules keep a plan coherent.
BAC_KAN_7946 = RuleSet(
    "bac-kan-7946",
    [Rule(code) for code in RULES if code not in _WARNINGS]
    + [Rule(code, Severity.WARNING) for code in _WARNINGS],
)


# --- plans ------------------------------------------------------------------------------------

_PLAN_TYPES = (DocumentType.KH, DocumentType.QD, DocumentType.CTR, DocumentType.DA)


def _check_plan(plan: Plan) -> None:
    number = plan.number
    if number is None:
        return
    if plan.issued is not None and number.year is not None and number.year != plan.issued.year:
        raise ValidationError(
            f"the number {number} carries the year {number.year}",
            vi=f"số {number} ghi năm {number.year}, khác năm ban hành",
            field="issued",
            value=plan.issued,
        )
    # a plan is issued as a Kế hoạch, or by a decision (QĐ ban hành kế hoạch), a programme
    # or a scheme; a công văn number carries no type
    if number.doc_type is not None and number.doc_type not in _PLAN_TYPES:
        raise ValidationError(
            f"a plan is issued as a Kế hoạch, Quyết định, Chương trình or Đề án, "
            f"not a {number.doc_type.vi}",
            vi=f"kế hoạch được ban hành dưới hình thức Kế hoạch, Quyết định, Chương trình "
            f"hoặc Đề án, không phải {number.doc_type.vi}",
            field="number",
            value=number,
        )


def _in_sentence(summary: str) -> str:
    """A summary as it reads after "về": its first letter in lower case, unless it opens with
    an acronym (CCHC, UBND) or a name (two capitalised words: "Gia Lâm", "Hà Nội").

    >>> _in_sentence("Phát động phong trào"), _in_sentence("CCHC năm 2021")
    ('phát động phong trào', 'CCHC năm 2021')
    """
    words = summary.split()
    first = words[0] if words else ""
    acronym = len(first) > 1 and first[1:2].isupper()
    name = len(words) > 1 and first[:1].isupper() and words[1][:1].isupper()
    if not first or acronym or name:
        return summary
    return summary[:1].lower() + summary[1:]


@attrs.frozen
class Plan:
    """A reform plan (kế hoạch): its ``summary`` (trích yếu) and ``period``; its document
    ``number``, ``issuer`` (with an optional unit code ``issuer_unit``) and ``issued`` date;
    the directives it ``implements`` (căn cứ); its quantified ``objectives``; its
    ``contents`` (nội dung) as text; its ``tasks``; its ``participants`` (unit or group
    codes); and its ``reviews`` (sơ kết, tổng kết).

    The constructor refuses what cannot be (values of the wrong type, a plan number whose
    year is not the issue year); :meth:`findings` reports everything a good plan should
    have and this one lacks, and :meth:`check` refuses the plan when any of it is an error.

    >>> p = Plan("Kế hoạch CCHC năm 2021", Period.year(2021), number="05/KH-UBND",
    ...          issuer="UBND huyện Gia Lâm", issued=date(2021, 1, 8))
    >>> str(p)
    'Kế hoạch số 05/KH-UBND ngày 08/01/2021 của UBND huyện Gia Lâm về kế hoạch CCHC năm 2021'
    >>> p.task("T1")
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: code = 'T1': no task of the plan has this code
    """

    summary: str = attrs.field(converter=to_nfc, validator=is_name)
    period: Period = attrs.field(validator=instance_of(Period))
    number: DocumentNumber | None = attrs.field(
        default=None, kw_only=True, converter=_number, validator=_optional_number
    )
    issuer: str = attrs.field(default="", kw_only=True, converter=to_nfc, validator=is_text)
    issuer_unit: str | None = attrs.field(
        default=None, kw_only=True, converter=_code_or_none, validator=_is_optional_code
    )
    issued: date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    implements: tuple[Directive, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_implements
    )
    objectives: tuple[Target, ...] = attrs.field(default=(), kw_only=True, converter=_to_objectives)
    contents: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_contents)
    tasks: tuple[Task, ...] = attrs.field(default=(), kw_only=True, converter=_to_tasks)
    participants: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_participants
    )
    reviews: tuple[ReviewPoint, ...] = attrs.field(default=(), kw_only=True, converter=_to_reviews)

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def __attrs_post_init__(self) -> None:
        _check_plan(self)

    def __str__(self) -> str:
        kind = (
            "Kế hoạch"
            if self.number is None or self.number.doc_type is None
            else (self.number.doc_type.vi)
        )
        number = f" số {self.number}" if self.number is not None else ""
        issued = f" ngày {_dmy(self.issued)}" if self.issued is not None else ""
        issuer = f" của {self.issuer}" if self.issuer else ""
        return f"{kind}{number}{issued}{issuer} về {_in_sentence(self.summary)}"

    def task(self, code: str) -> Task:
        """The task with this code (compared by :func:`cchc.text.fold`)."""
        if isinstance(code, str) and len(code) <= 200:
            key = fold(code)
            for task in self.tasks:
                if fold(task.code) == key:
                    return task
        raise NotFoundError(
            "no task of the plan has this code",
            vi="kế hoạch không có nhiệm vụ mang mã này",
            field="code",
            value=code,
        )

    @property
    def areas(self) -> tuple[ReformArea, ...]:
        """The reform areas the tasks serve, in the order of Resolution 76/NQ-CP then the PAR
        fields.

        >>> Plan("KH", Period.year(2021), tasks=[Task("1", "A", area="CQS"),
        ...                                      Task("2", "B", area="TC")]).areas
        (ReformArea.INSTITUTIONS, ReformArea.DIGITAL_GOVERNMENT)
        """
        used = {t.area for t in self.tasks}
        return tuple(a for a in ReformArea if a in used)

    def with_updates(self, updates: Mapping[str, Iterable[StatusUpdate]]) -> Plan:
        """A copy with status updates added to the tasks named by the mapping's keys (task
        codes); :class:`~cchc.errors.NotFoundError` for a code the plan lacks.

        >>> p = Plan("KH", Period.year(2021), tasks=[Task("1", "A")])
        >>> p.with_updates({"1": [StatusUpdate(date(2021, 5, 1), TaskStatus.DONE)]}
        ...                ).task("1").completion()
        100
        """
        if not isinstance(updates, Mapping):
            raise _type_error(
                "a mapping of task codes to lists of StatusUpdate",
                "bảng mã nhiệm vụ kèm danh sách báo cáo tiến độ",
                "updates",
                updates,
            )
        extra: dict[str, list[StatusUpdate]] = {}
        for code, items in updates.items():
            task = self.task(code)
            sharing = sum(fold(t.code) == fold(task.code) for t in self.tasks)
            if sharing > 1:
                raise ValidationError(
                    f"is the code of {sharing} tasks, so the update is ambiguous",
                    vi=f"mã này là mã của {sharing} nhiệm vụ nên không rõ báo cáo thuộc "
                    "nhiệm vụ nào",
                    field="updates",
                    value=code,
                )
            listed = items_of(items, StatusUpdate, f"updates[{code!r}]")
            extra.setdefault(fold(task.code), []).extend(listed)
        tasks = [
            t.with_updates(*extra[fold(t.code)]) if fold(t.code) in extra else t for t in self.tasks
        ]
        return attrs.evolve(self, tasks=tasks)

    def findings(
        self, rules: RuleSet = BAC_KAN_7946, *, units: UnitTree | None = None
    ) -> tuple[Finding, ...]:
        """Every finding of ``rules`` (default :data:`BAC_KAN_7946`) on the plan: each with
        its code, severity, path (``tasks[3].due``) and message in Vietnamese and English. An
        empty result means the plan passes. With ``units``, lead and partner codes must be
        units of that tree (rule ``task.unknown-unit``). Nothing found is raised; only an
        argument of the wrong type is.

        >>> p = Plan("KH", Period.year(2021), tasks=[Task("1", "A", lead="NV", partners=["NV"])])
        >>> [f.code for f in p.findings(BAC_KAN_7946.requiring())]
        ['plan.no-directive', 'plan.not-issued', 'plan.objectives-unquantified', 'task.no-output', \
'task.no-area', 'task.lead-is-partner', 'task.no-deadline']
        """
        return _plan_findings(self, rules, units)

    def check(
        self, rules: RuleSet = BAC_KAN_7946, *, units: UnitTree | None = None
    ) -> tuple[Finding, ...]:
        """Like :meth:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
        every finding when any is an error; otherwise return the warnings and notes.

        >>> Plan("KH", Period.year(2021)).check(BAC_KAN_7946.requiring())
        Traceback (most recent call last):
        ...
        cchc.errors.InvalidDocumentError: Kế hoạch về KH: 3 problems
          error plan.no-directive at implements: ...
          error plan.not-issued at issued: ...
          error plan.objectives-unquantified at objectives: ...
        """
        found = _plan_findings(self, rules, units)
        if any(f.severity is Severity.ERROR for f in found):
            raise InvalidDocumentError(str(self), found)
        return found

    def as_directive(self) -> Directive:
        """The plan as a document of a directive :class:`~cchc.directives.Cascade` (it needs
        an issuer and an issue date).

        >>> d = Plan("KH", Period.year(2021), number="138/KH-UBND", issuer="UBND huyện",
        ...          issued=date(2021, 5, 5)).as_directive()
        >>> print(d)
        Kế hoạch số 138/KH-UBND ngày 05/5/2021 của UBND huyện
        """
        if self.issued is None:
            raise ValidationError(
                "a plan not yet issued has no place in a cascade",
                vi="kế hoạch chưa ban hành thì chưa thể đưa vào chuỗi văn bản",
                field="issued",
            )
        # a number alone cites a document unless it is the plan's own number (a district's
        # 01/KH-UBND under the province's 01/KH-UBND) or there is none: then cite in full
        cited = [
            d.number if d.number is not None and d.number != self.number else Citation.of(d)
            for d in self.implements
        ]
        return Directive(
            number=self.number,
            doc_type=DocumentType.KH
            if self.number is None
            else (self.number.doc_type or DocumentType.KH),
            issuer=self.issuer or "—",
            issued=self.issued,
            summary=self.summary,
            implements=cited,
            issuer_unit=self.issuer_unit,
        )


def _check_plan_arg(plan: object) -> None:
    if not isinstance(plan, Plan):
        raise _type_error("a Plan", "một kế hoạch", "plan", plan)


def _q(text: str) -> str:
    """Text quoted as a Vietnamese message quotes it."""
    return f"“{text}”"


def _find(rules: RuleSet, code: str, path: str, vi: str, en: str, out: list[Finding]) -> None:
    severity = rules.severity(code)
    if severity is not None:
        out.append(Finding(code, path, vi, en, severity))


def validate_plan(
    plan: Plan, rules: RuleSet = BAC_KAN_7946, *, units: UnitTree | None = None
) -> tuple[Finding, ...]:
    """Deprecated: use :meth:`Plan.findings` (``plan.findings(rules, units=...)``)."""
    deprecated("cchc.plans.validate_plan(plan, ...)", "plan.findings(...)")
    return _plan_findings(plan, rules, units)


def _plan_findings(plan: Plan, rules: RuleSet, units: UnitTree | None) -> tuple[Finding, ...]:
    """The findings of :meth:`Plan.findings`, its arguments checked."""
    _check_plan_arg(plan)
    if not isinstance(rules, RuleSet):
        raise _type_error("a RuleSet", "một bộ quy tắc kiểm tra kế hoạch", "rules", rules)
    if units is not None and not isinstance(units, UnitTree):
        raise _type_error(
            "a UnitTree or None", "cây đơn vị hành chính hoặc để trống", "units", units
        )
    out: list[Finding] = []
    period = plan.period

    if not plan.implements:
        _find(
            rules,
            "plan.no-directive",
            "implements",
            "Kế hoạch chưa căn cứ văn bản chỉ đạo nào",
            "the plan implements no directive",
            out,
        )
    if plan.issued is None:
        _find(
            rules,
            "plan.not-issued",
            "issued",
            "Kế hoạch chưa có ngày ban hành",
            "the plan has no issue date",
            out,
        )
    else:
        for j, directive in enumerate(plan.implements):
            if plan.issued < directive.issued:
                _find(
                    rules,
                    "plan.issued-before-directive",
                    "issued",
                    f"Kế hoạch ban hành ngày {_dmy(plan.issued)}, trước {directive} mà kế "
                    "hoạch căn cứ",
                    f"the plan is issued on {plan.issued.isoformat()}, before "
                    f"implements[{j}] {directive.key} of {directive.issued.isoformat()}",
                    out,
                )
    covered = {t.area for t in plan.tasks}
    for area in rules.required_areas:
        if area not in covered:
            _find(
                rules,
                "plan.areas-uncovered",
                "tasks",
                f"Chưa có nhiệm vụ thuộc nội dung {area.vi}",
                f"no task serves {area.en} ({area.code})",
                out,
            )
    if not plan.objectives:
        _find(
            rules,
            "plan.objectives-unquantified",
            "objectives",
            "Kế hoạch chưa có mục tiêu định lượng",
            "the plan has no quantified objective",
            out,
        )
    for i, target in enumerate(plan.objectives):
        if target.due not in period:
            _find(
                rules,
                "target.due-outside-period",
                f"objectives[{i}].due",
                f"Mục tiêu {_q(target.name)} đến hạn {_dmy(target.due)}, ngoài thời gian "
                f"của kế hoạch ({period})",
                f"objective {target.name!r} is due {target.due.isoformat()}, outside "
                f"the plan period",
                out,
            )
    first: dict[str, int] = {}
    for i, task in enumerate(plan.tasks):
        key = fold(task.code)
        if key in first:
            _find(
                rules,
                "plan.duplicate-task-code",
                f"tasks[{i}].code",
                f"Mã nhiệm vụ {_q(task.code)} trùng với mã của nhiệm vụ thứ {first[key] + 1}",
                f"task code {task.code!r} is already used by tasks[{first[key]}]",
                out,
            )
        first.setdefault(key, i)
        _validate_task(plan, rules, i, task, out)
        _check_lead_for_every_unit(rules, i, task, units, out)
        if units is not None:
            _check_units(rules, i, task, units, out)
    for i, review in enumerate(plan.reviews):
        if review.on not in period:
            _find(
                rules,
                "plan.review-outside-period",
                f"reviews[{i}].on",
                f"{review.kind.vi} ngày {_dmy(review.on)} nằm ngoài thời gian của kế hoạch "
                f"({period})",
                f"{review.kind.en.lower()} on {review.on.isoformat()} is outside the plan period",
                out,
            )
    return tuple(out)


def _check_units(rules: RuleSet, i: int, task: Task, units: UnitTree, out: list[Finding]) -> None:
    named = [(f"tasks[{i}].lead", task.lead)] if task.lead is not None else []
    named += [(f"tasks[{i}].partners[{j}]", p) for j, p in enumerate(task.partners)]
    for path, code in named:
        if code not in units:
            _find(
                rules,
                "task.unknown-unit",
                path,
                f"Nhiệm vụ {_q(task.code)}: không có đơn vị nào mang mã {_q(code)}",
                f"task {task.code!r}: no unit has the code {code!r}",
                out,
            )


def _check_lead_for_every_unit(
    rules: RuleSet, i: int, task: Task, units: UnitTree | None, out: list[Finding]
) -> None:
    """A task whose text tells every unit to act ("Các cơ quan, đơn vị … xây dựng kế hoạch")
    but whose lead is one office (a district's phòng, a province's sở; any lead ``units`` does
    not know): the units act, the office guides and reports. The office is named by its name
    where ``units`` knows it."""
    lead = task.lead
    if lead is None or not _tells_every_unit(task.title):
        return
    known = units.get(lead) if units is not None and lead in units else None
    if known is not None and known.kind not in _OFFICES:
        return  # the committee itself directs its units
    office = known.name if known is not None else _q(lead)
    _find(
        rules,
        "task.lead-for-every-unit",
        f"tasks[{i}].lead",
        f"Nhiệm vụ {_q(task.code)} giao cho tất cả các cơ quan, đơn vị thực hiện nhưng chỉ "
        f"giao {office} chủ trì; hãy ghi đơn vị chủ trì là các cơ quan, đơn vị, hoặc giao "
        f"{office} hướng dẫn, đôn đốc, tổng hợp kết quả",
        f"task {task.code!r} tells every unit to act, but its lead is {lead!r} alone; make "
        "the units the lead, or give the office the guiding, following up and reporting",
        out,
    )


def _validate_task(plan: Plan, rules: RuleSet, i: int, task: Task, out: list[Finding]) -> None:
    period = plan.period
    where = f"tasks[{i}]"
    name = f"Nhiệm vụ {_q(task.code)}"
    if not task.output:
        _find(
            rules,
            "task.no-output",
            f"{where}.output",
            f"{name} chưa xác định sản phẩm",
            f"task {task.code!r} names no output",
            out,
        )
    if task.area is None:
        _find(
            rules,
            "task.no-area",
            f"{where}.area",
            f"{name} chưa xác định nội dung cải cách hành chính",
            f"task {task.code!r} serves no reform area",
            out,
        )
    for j, milestone in enumerate(task.milestones):
        if not milestone.output:
            _find(
                rules,
                "task.milestone-no-output",
                f"{where}.milestones[{j}].output",
                f"{name}: mốc {_dmy(milestone.due)} chưa xác định sản phẩm",
                f"task {task.code!r}: the milestone of {milestone.due.isoformat()} names no output",
                out,
            )
    if task.lead is None:
        _find(
            rules,
            "task.no-lead",
            f"{where}.lead",
            f"{name} chưa có đơn vị chủ trì",
            f"task {task.code!r} has no lead unit",
            out,
        )
    elif fold(task.lead) in {fold(p) for p in task.partners}:
        _find(
            rules,
            "task.lead-is-partner",
            f"{where}.partners",
            f"{name}: đơn vị chủ trì {_q(task.lead)} cũng là đơn vị phối hợp",
            f"task {task.code!r}: lead unit {task.lead!r} is also a partner",
            out,
        )
    deadline = task.deadline
    if deadline is None:
        _find(
            rules,
            "task.no-deadline",
            f"{where}.due",
            f"{name} chưa có thời gian hoàn thành",
            f"task {task.code!r} has no completion time",
            out,
        )
        return
    dated = [(f"{where}.due", task.due)] if task.due is not None else []
    dated += [(f"{where}.milestones[{j}].due", m.due) for j, m in enumerate(task.milestones)]
    for path, day in dated:
        if day is not None and day not in period:
            _find(
                rules,
                "task.deadline-outside-period",
                path,
                f"{name}: thời hạn {_dmy(day)} nằm ngoài thời gian của kế hoạch ({period})",
                f"task {task.code!r}: {day.isoformat()} is outside the plan period "
                f"{period.start.isoformat()} … {period.end.isoformat()}",
                out,
            )
    years = period.years
    if len(years) > 1:
        last = min(deadline.year, years[-1])
        have = {m.year for m in task.milestones} | {d.year for _, d in dated if d is not None}
        missing = [y for y in years if y <= last and y not in have]
        if missing:
            listed = ", ".join(str(y) for y in missing)
            _find(
                rules,
                "task.roadmap-gap",
                f"{where}.milestones",
                f"{name} chưa có mốc lộ trình năm {listed}",
                f"task {task.code!r} has no milestone in {listed}",
                out,
            )


#: How a task addressed to every unit opens: the units are the ones who act ("Các cơ quan,
#: đơn vị … xây dựng kế hoạch", "UBND các xã, thị trấn …", "100% cơ quan, đơn vị …").
_EVERY_UNIT = tuple(
    fold(opening)
    for opening in (
        "các cơ quan",
        "các phòng",
        "các đơn vị",
        "các sở",
        "các ban",
        "các xã",
        "các huyện",
        "các địa phương",
        "các ngành",
        "ubnd các",
        "ủy ban nhân dân các",
        "thủ trưởng các",
        "người đứng đầu các",
        "tất cả các",
        "toàn bộ các",
        "100% các",
        "100% cơ quan",
        "100% đơn vị",
    )
)


#: The offices a task addressed to every unit should not be led by alone.
_OFFICES = frozenset({UnitKind.DISTRICT_OFFICE, UnitKind.DEPARTMENT})


def _tells_every_unit(title: str) -> bool:
    """Whether a task's text opens by telling every unit to act.

    >>> _tells_every_unit("Các cơ quan, đơn vị, UBND các xã xây dựng kế hoạch của đơn vị")
    True
    >>> _tells_every_unit("Phân công các cơ quan, đơn vị tổ chức thực hiện")
    False
    """
    return fold(title).lstrip(" -–•+*").startswith(_EVERY_UNIT)


def check_plan(
    plan: Plan, rules: RuleSet = BAC_KAN_7946, *, units: UnitTree | None = None
) -> tuple[Finding, ...]:
    """Deprecated: use :meth:`Plan.check` (``plan.check(rules, units=...)``)."""
    deprecated("cchc.plans.check_plan(plan, ...)", "plan.check(...)")
    _check_plan_arg(plan)
    return plan.check(rules, units=units)


# --- progress ---------------------------------------------------------------------------------


class TaskState(CodedEnum):
    """Where a task stands on a given day. The five states are exclusive, so a report's
    counts add up to the number of tasks.

    - ``DONE_ON_TIME``: reported done on or before its deadline (or it has none);
    - ``DONE_LATE``: reported done after its deadline;
    - ``OVERDUE``: not done and its deadline is before the day (quá hạn);
    - ``IN_PROGRESS``: under way and not yet due;
    - ``NOT_STARTED``: no work reported and not yet due.

    >>> TaskState.OVERDUE.vi
    'Quá hạn'
    """

    DONE_ON_TIME = "done-on-time"
    DONE_LATE = "done-late"
    OVERDUE = "overdue"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"

    @property
    def vi(self) -> str:
        """The Vietnamese wording."""
        return _STATE_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English wording."""
        return _STATE_LABELS[self][1]

    @property
    def done(self) -> bool:
        """True for the two done states."""
        return self in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)


_STATE_LABELS = {
    TaskState.DONE_ON_TIME: ("Hoàn thành đúng hạn", "done on time"),
    TaskState.DONE_LATE: ("Hoàn thành trễ hạn", "done late"),
    TaskState.OVERDUE: ("Quá hạn", "overdue"),
    TaskState.IN_PROGRESS: ("Đang thực hiện", "in progress"),
    TaskState.NOT_STARTED: ("Chưa triển khai", "not started"),
}


@attrs.frozen
class TaskProgress:
    """One task in a progress report: its state on the report day, completion (%), deadline,
    the day it was done, working days late (for a task done late or overdue; 0 otherwise),
    for a task still open and not overdue its next date (``next_due``: the last day for the
    next undelivered milestone of its roadmap or for its due date, moved off days off),
    whether that date falls within the report's horizon, and the roadmap milestones it
    missed.

    >>> TaskProgress("1", "Ban hành kế hoạch", None, "NV", TaskState.IN_PROGRESS, 50,
    ...              deadline=date(2021, 3, 1)).late
    False
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    title: str = attrs.field(converter=to_nfc, validator=is_name)
    area: ReformArea | None = attrs.field(converter=_area, validator=_optional_area)
    lead: str | None = attrs.field(converter=_code_or_none, validator=_is_optional_code)
    state: TaskState = attrs.field(converter=_to_state, validator=instance_of(TaskState))
    percent: int = attrs.field(converter=_to_percent)
    deadline: date | None = attrs.field(default=None, validator=_optional_date)
    done_on: date | None = attrs.field(default=None, validator=_optional_date)
    working_days_late: int = attrs.field(default=0, converter=_to_working_days_late)
    due_soon: bool = attrs.field(default=False, validator=instance_of(bool))
    next_due: date | None = attrs.field(default=None, validator=_optional_date)
    #: The roadmap milestones before the deadline that were missed (delivered late or not
    #: at all by their due date), by due date, and the most working days any of them is late.
    milestones_missed: tuple[date, ...] = attrs.field(default=(), converter=_to_missed)
    milestone_days_late: int = attrs.field(default=0, converter=_to_milestone_days_late)

    @property
    def late(self) -> bool:
        """True when the task is overdue or was done late."""
        return self.state in (TaskState.OVERDUE, TaskState.DONE_LATE)


_TALLY_FIELDS = (
    "done_on_time",
    "done_late",
    "in_progress",
    "overdue",
    "not_started",
    "due_soon",
    "milestones_missed",
)


@attrs.frozen(repr=False)
class Tally:
    """Counts of tasks by state; ``due_soon`` counts the not-done tasks falling due within
    the report's horizon (they are also counted in their state); ``milestones_missed`` counts
    the roadmap milestones missed. ``total`` is the number of tasks.

    >>> t = Tally(done_on_time=3, overdue=1, due_soon=2)
    >>> t
    Tally(done_on_time=3, overdue=1, due_soon=2)
    >>> t.total, t.done, (t + t).done_on_time
    (4, 3, 6)
    """

    done_on_time: int = attrs.field(default=0, converter=_to_done_on_time)
    done_late: int = attrs.field(default=0, converter=_to_done_late)
    in_progress: int = attrs.field(default=0, converter=_to_in_progress)
    overdue: int = attrs.field(default=0, converter=_to_overdue)
    not_started: int = attrs.field(default=0, converter=_to_not_started)
    due_soon: int = attrs.field(default=0, converter=_to_due_soon)
    milestones_missed: int = attrs.field(default=0, converter=_to_milestones_missed)

    def __repr__(self) -> str:
        parts = [f"{name}={getattr(self, name)}" for name in _TALLY_FIELDS if getattr(self, name)]
        return f"Tally({', '.join(parts)})"

    def __add__(self, other: Tally) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(*(getattr(self, n) + getattr(other, n) for n in _TALLY_FIELDS))

    @property
    def total(self) -> int:
        """The number of tasks counted."""
        return (
            self.done_on_time
            + self.done_late
            + self.in_progress
            + self.overdue
            + (self.not_started)
        )

    @property
    def done(self) -> int:
        """Tasks done, on time or late."""
        return self.done_on_time + self.done_late

    def count(self, state: TaskState) -> int:
        """The number of tasks in ``state``."""
        return int(getattr(self, state.value.replace("-", "_")))

    @classmethod
    def of(cls, tasks: Iterable[TaskProgress]) -> Tally:
        """Count the tasks of a report.

        >>> Tally.of([TaskProgress("1", "A", None, None, TaskState.NOT_STARTED, 0)])
        Tally(not_started=1)
        """
        counts = dict.fromkeys(_TALLY_FIELDS, 0)
        for task in items_of(tasks, TaskProgress, "tasks"):
            counts[task.state.value.replace("-", "_")] += 1
            counts["due_soon"] += task.due_soon
            counts["milestones_missed"] += len(task.milestones_missed)
        return cls(**counts)


@attrs.frozen
class TargetProgress:
    """A target in a progress report: its latest actual value by the report day, the share
    of the way from baseline to target (:meth:`Target.share`), whether it is met, its
    ``due`` date and whether it is ``missed`` (not met when the report day is past it)."""

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    measure: Measure = attrs.field(converter=_to_measure, validator=instance_of(Measure))
    target: Decimal = attrs.field(converter=to_decimal, validator=is_decimal)
    latest: Decimal | None = attrs.field(converter=to_decimal, validator=is_optional_decimal)
    share: Fraction | None = attrs.field(validator=instance_of(Fraction, optional=True))
    met: bool = attrs.field(validator=instance_of(bool))
    due: date | None = attrs.field(default=None, validator=_optional_date)
    missed: bool = attrs.field(default=False, validator=instance_of(bool))


class ActivityKind(CodedEnum):
    """Kinds of activity that progress reports count (seed 004: documents issued, items
    broadcast, inspection teams and the units they inspected).

    >>> ActivityKind.BROADCASTS.vi
    'Tin, bài tuyên truyền'
    """

    DOCUMENTS = "documents"
    BROADCASTS = "broadcasts"
    INSPECTION_TEAMS = "inspection-teams"
    INSPECTED_UNITS = "inspected-units"
    TRAININGS = "trainings"
    OTHER = "other"

    @property
    def vi(self) -> str:
        """The Vietnamese wording."""
        return _ACTIVITY_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English wording."""
        return _ACTIVITY_LABELS[self][1]


_ACTIVITY_LABELS = {
    ActivityKind.DOCUMENTS: ("Văn bản chỉ đạo, điều hành", "directive documents issued"),
    ActivityKind.BROADCASTS: ("Tin, bài tuyên truyền", "items broadcast or published"),
    ActivityKind.INSPECTION_TEAMS: ("Tổ, đoàn kiểm tra", "inspection teams"),
    ActivityKind.INSPECTED_UNITS: ("Đơn vị được kiểm tra", "units inspected"),
    ActivityKind.TRAININGS: ("Lớp tập huấn, bồi dưỡng", "training courses"),
    ActivityKind.OTHER: ("Hoạt động khác", "other activities"),
}


@attrs.frozen
class Activity:
    """A count of activity recorded on a day: ``count`` items of ``kind`` through ``channel``
    (e.g. "đài truyền thanh xã, thị trấn"), optionally by ``unit``.

    >>> Activity(ActivityKind.BROADCASTS, 255, date(2021, 9, 14),
    ...          channel="hệ thống phát thanh huyện").count
    255
    >>> Activity(ActivityKind.DOCUMENTS, -1, date(2021, 9, 14))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: count = -1: is negative (expected a whole number from 0)
    """

    kind: ActivityKind = attrs.field(
        converter=_to_activity_kind, validator=instance_of(ActivityKind)
    )
    count: int = attrs.field(converter=_to_count)
    on: date = attrs.field(validator=_a_date)
    channel: str = attrs.field(default="", kw_only=True, converter=to_nfc, validator=is_text)
    unit: str | None = attrs.field(
        default=None, kw_only=True, converter=_code_or_none, validator=_is_optional_code
    )
    note: str = attrs.field(default="", kw_only=True, converter=to_nfc, validator=is_text)


@attrs.frozen
class ActivityTotal:
    """The sum of the activity of one kind and channel over a reporting period."""

    kind: ActivityKind = attrs.field(
        converter=_to_activity_kind, validator=instance_of(ActivityKind)
    )
    channel: str = attrs.field(converter=to_nfc, validator=is_text)
    count: int = attrs.field(converter=_to_count)


@attrs.frozen
class ProgressReport:
    """The progress of a plan's tasks and targets on ``as_of``, with the activity recorded
    in the reporting ``period`` (and the periodic report it is, ``reporting``, when the
    period was given as a :class:`~cchc.calendar.ReportingPeriod`). ``tasks`` keeps the
    plan's order; ``by_area`` and
    ``by_lead`` pair each area code (``""`` for tasks without one) and each lead unit code
    (``""`` for none) with its :class:`Tally`."""

    plan: str = attrs.field(converter=to_nfc, validator=is_name)
    as_of: date = attrs.field(validator=_a_date)
    period: Period = attrs.field(validator=instance_of(Period))
    due_within: int = attrs.field(converter=_to_due_within)
    tasks: tuple[TaskProgress, ...] = attrs.field(converter=_to_task_progress)
    targets: tuple[TargetProgress, ...] = attrs.field(default=(), converter=_to_targets)
    activities: tuple[ActivityTotal, ...] = attrs.field(default=(), converter=_to_totals)
    #: The periodic report this is (báo cáo 9 tháng…), when the period was given as one.
    reporting: ReportingPeriod | None = attrs.field(
        default=None, validator=instance_of(ReportingPeriod, optional=True)
    )

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    @property
    def totals(self) -> Tally:
        """All tasks counted by state."""
        return Tally.of(self.tasks)

    @property
    def by_area(self) -> tuple[tuple[str, Tally], ...]:
        """Per reform area (by code, in the order of Resolution 76/NQ-CP then the PAR
        fields; ``""`` last for tasks without an area)."""
        order = {a: i for i, a in enumerate(ReformArea)}
        areas = sorted(
            {t.area for t in self.tasks}, key=lambda a: len(order) if a is None else order[a]
        )
        return tuple(
            ("" if a is None else a.code, Tally.of(t for t in self.tasks if t.area is a))
            for a in areas
        )

    @property
    def by_lead(self) -> tuple[tuple[str, Tally], ...]:
        """Per lead unit code, in order of first appearance (``""`` for tasks without one)."""
        leads: dict[str, str] = {}
        for t in self.tasks:
            leads.setdefault(fold(t.lead or ""), t.lead or "")
        return tuple(
            (code, Tally.of(t for t in self.tasks if fold(t.lead or "") == key))
            for key, code in leads.items()
        )

    def area(self, area: ReformArea | str) -> Tally:
        """The tally of one reform area (an empty tally if no task serves it);
        :class:`~cchc.errors.NotFoundError` for a code that names no reform area."""
        wanted = _area(area)
        if not isinstance(wanted, ReformArea):
            raise _area_error("area", area)
        return Tally.of(t for t in self.tasks if t.area is wanted)

    def lead(self, unit: str) -> Tally:
        """The tally of the tasks one unit leads (an empty tally if it leads none)."""
        if not isinstance(unit, str) or len(unit) > 200:
            raise _type_error("a unit code", "mã đơn vị", "unit", unit)
        return Tally.of(t for t in self.tasks if fold(t.lead or "") == fold(unit))

    def in_state(self, state: TaskState) -> tuple[TaskProgress, ...]:
        """The tasks in ``state``, in the plan's order."""
        return tuple(t for t in self.tasks if t.state is state)

    @property
    def overdue(self) -> tuple[TaskProgress, ...]:
        """The overdue tasks, most working days late first."""
        return tuple(sorted(self.in_state(TaskState.OVERDUE), key=lambda t: -t.working_days_late))

    @property
    def missed_milestones(self) -> tuple[TaskProgress, ...]:
        """The tasks that missed a roadmap milestone, most working days late first."""
        missed = [t for t in self.tasks if t.milestones_missed]
        return tuple(sorted(missed, key=lambda t: -t.milestone_days_late))

    @property
    def due_soon(self) -> tuple[TaskProgress, ...]:
        """The open tasks whose next date (a milestone or the due date) falls within the
        horizon, soonest first."""
        soon = [t for t in self.tasks if t.due_soon]
        return tuple(sorted(soon, key=lambda t: t.next_due or date.max))

    def activity(self, kind: ActivityKind | str, channel: str | None = None) -> int:
        """The total of one kind of activity (over every channel unless one is named);
        :class:`~cchc.errors.NotFoundError` for a kind that does not exist."""
        if not isinstance(kind, ActivityKind | str):
            raise _type_error("an ActivityKind or its name", "một loại hoạt động", "kind", kind)
        try:
            wanted = enum_member(ActivityKind, kind, "kind")
        except CchcError as exc:
            raise NotFoundError(
                f"no such kind of activity; known: {', '.join(k.value for k in ActivityKind)}",
                vi=exc.vi,
                field="kind",
                value=kind,
            ) from None
        if channel is not None and (not isinstance(channel, str) or len(channel) > 1000):
            raise _type_error("text or None", "văn bản hoặc để trống", "channel", channel)
        return sum(
            a.count
            for a in self.activities
            if a.kind is wanted and (channel is None or fold(a.channel) == fold(channel))
        )


def effective_deadline(deadline: date, calendar: WorkingCalendar = VIETNAM) -> date:
    """The last day a task due on ``deadline`` can be done on time: the deadline itself, or,
    when it falls on a day off, the next working day. Civil Code 2015 (Bộ luật Dân sự
    91/2015/QH13), Art. 148(5): when the last day of a time limit is a weekend day or a public
    holiday, the time limit ends at the end of the working day after it.

    >>> effective_deadline(date(2021, 3, 6))   # a Saturday
    datetime.date(2021, 3, 8)
    >>> effective_deadline(date(2021, 3, 5))
    datetime.date(2021, 3, 5)
    """
    if not _is_date(deadline):
        raise _date_error("deadline", deadline)
    _check_calendar(calendar)
    return calendar.next_working_day(deadline)


def _check_calendar(calendar: object) -> None:
    if not isinstance(calendar, WorkingCalendar):
        raise _type_error("a WorkingCalendar", "một lịch ngày làm việc", "calendar", calendar)


def _activities(value: object) -> tuple[Activity, ...]:
    return items_of(value, Activity, "activities")


def _task_progress(
    task: Task, as_of: date, due_within: int, calendar: WorkingCalendar
) -> TaskProgress:
    deadline = task.deadline
    last_day = None if deadline is None else effective_deadline(deadline, calendar)
    done_on = task.done_on(as_of)
    late = 0
    soon = False
    upcoming: date | None = None
    if done_on is not None:
        if last_day is not None and done_on > last_day:
            state = TaskState.DONE_LATE
            late = working_days_between(last_day, done_on, calendar)
        else:
            state = TaskState.DONE_ON_TIME
    elif last_day is not None and last_day < as_of:
        state = TaskState.OVERDUE
        late = working_days_between(last_day, as_of, calendar)
    else:
        state = TaskState.IN_PROGRESS if task.started(as_of) else TaskState.NOT_STARTED
        dates = [m.due for m in task.milestones if task.delivered(m, as_of) is None]
        dates += [deadline] if deadline is not None else []
        last_days = (effective_deadline(d, calendar) for d in dates)
        upcoming = min((d for d in last_days if d >= as_of), default=None)
        soon = upcoming is not None and (
            working_days_between(as_of, upcoming, calendar) <= due_within
        )
    missed: list[date] = []
    worst = 0
    for milestone in task.milestones:
        if deadline is not None and milestone.due >= deadline:
            continue  # the task's own state tells whether its deadline was met
        due = effective_deadline(milestone.due, calendar)
        if due >= as_of:
            continue
        delivered = task.delivered(milestone, as_of)
        if delivered is None or delivered > due:
            missed.append(milestone.due)
            end = as_of if delivered is None else delivered
            worst = max(worst, working_days_between(due, end, calendar))
    return TaskProgress(
        task.code,
        task.title,
        task.area,
        task.lead,
        state,
        task.completion(as_of),
        deadline=deadline,
        done_on=done_on,
        working_days_late=late,
        due_soon=soon,
        next_due=upcoming,
        milestones_missed=tuple(missed),
        milestone_days_late=worst,
    )


def progress(
    plan: Plan,
    updates: Mapping[str, Iterable[StatusUpdate]] | None = None,
    as_of: date | None = None,
    *,
    due_within: int = 5,
    activities: Iterable[Activity] = (),
    period: Period | ReportingPeriod | None = None,
    calendar: WorkingCalendar = VIETNAM,
) -> ProgressReport:
    """The progress report of ``plan`` on ``as_of``: each task's state, per reform area and
    per lead unit; targets' progress; and the ``activities`` recorded in the reporting
    ``period`` (default: from the plan's start to ``as_of``), summed per kind and channel.

    ``updates`` maps task codes to status updates added to those the tasks carry; only
    updates dated on or before ``as_of`` count. A task is overdue exactly when its deadline
    is before ``as_of`` and it was not reported done by then; working days late are counted
    on ``calendar`` (the national calendar by default). ``due_within`` is the horizon in
    working days for open tasks whose next date (a yearly milestone or the due date) is near.

    ``period`` may be a :class:`~cchc.calendar.ReportingPeriod` (or the result of
    :func:`cchc.calendar.reporting_period`): a periodic report's cut-offs follow Decree
    09/2019/NĐ-CP, so the 9-month report of 2021 covers 15/12/2020 – 14/9/2021.

    >>> from cchc.calendar import ReportKind, reporting_period
    >>> plan = Plan("KH", Period.year(2021), tasks=[
    ...     Task("1", "A", lead="NV", due=date(2021, 3, 31)),
    ...     Task("2", "B", lead="VP", due=date(2021, 9, 20))])
    >>> r = progress(plan, {"1": [StatusUpdate(date(2021, 4, 2), TaskStatus.DONE)]},
    ...              as_of=date(2021, 9, 14),
    ...              period=reporting_period(ReportKind.NINE_MONTHS, 2021),
    ...              activities=[Activity(ActivityKind.DOCUMENTS, 62, date(2021, 9, 14))])
    >>> [(t.code, t.state.en, t.working_days_late, t.due_soon) for t in r.tasks]
    [('1', 'done late', 2, False), ('2', 'not started', 0, True)]
    >>> r.activity("documents")
    62
    """
    _check_plan_arg(plan)
    if as_of is None:
        raise CchcTypeError(
            "the report day is required",
            vi="phải ghi ngày tính đến của báo cáo",
            field="as_of",
            value=as_of,
        )
    if not _is_date(as_of):
        raise _date_error("as_of", as_of)
    due_within = whole(due_within, "due_within", minimum=0, maximum=10_000)
    _check_calendar(calendar)
    kind: ReportingPeriod | None = None
    if isinstance(period, ReportingPeriod):
        kind = period
        period = period.period
    if period is None:
        period = Period(min(plan.period.start, as_of), as_of)
    elif not isinstance(period, Period):
        raise _type_error("a Period", "một khoảng thời gian (kỳ báo cáo)", "period", period)
    items = _activities(activities)
    if updates is not None:
        plan = plan.with_updates(updates)
    tasks = tuple(_task_progress(t, as_of, due_within, calendar) for t in plan.tasks)
    targets = tuple(
        TargetProgress(
            t.name,
            t.measure,
            t.target,
            None if (a := t.latest(as_of)) is None else a.value,
            t.share(as_of),
            t.met(as_of),
            due=t.due,
            missed=as_of > t.due and not t.met(as_of),
        )
        for t in plan.objectives
    )
    totals: dict[tuple[ActivityKind, str], list[Any]] = {}
    for activity in items:
        if activity.on in period and activity.on <= as_of:
            entry = totals.setdefault(
                (activity.kind, fold(activity.channel)), [activity.channel, 0]
            )
            entry[1] += activity.count
    order = list(ActivityKind)
    summed = tuple(
        ActivityTotal(kind, channel, count)
        for (kind, _), (channel, count) in sorted(
            totals.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    )
    return ProgressReport(
        str(plan), as_of, period, due_within, tasks, targets, summed, reporting=kind
    )


# --- cascade compliance -----------------------------------------------------------------------


@attrs.frozen
class LatePlan:
    """A unit that issued its implementing plan, but later than allowed."""

    unit: str = attrs.field(converter=to_nfc, validator=is_name)
    directive: Directive = attrs.field(validator=instance_of(Directive))
    working_days: int = attrs.field(converter=_to_working_days)


@attrs.frozen
class Compliance:
    """Which participants of a plan have issued their own implementing plan (triển khai kế
    hoạch): which have not and can no longer do so in time (``missing``), which did so late
    (``late``), which have not yet but still have time (``pending``), and which issued a plan
    dated before the plan it implements (``before_parent``, a date to check)."""

    plan: str = attrs.field(converter=to_nfc, validator=is_name)
    units: tuple[str, ...] = attrs.field(converter=_to_units)
    missing: tuple[str, ...] = attrs.field(converter=_to_missing)
    late: tuple[LatePlan, ...] = attrs.field(converter=_to_late)
    pending: tuple[str, ...] = attrs.field(default=(), converter=_to_pending)
    before_parent: tuple[str, ...] = attrs.field(default=(), converter=_to_before_parent)

    @property
    def on_time(self) -> tuple[str, ...]:
        """The units that issued their plan in time."""
        other = {fold(x.unit) for x in self.late}
        other |= {fold(u) for u in (*self.missing, *self.pending, *self.before_parent)}
        return tuple(u for u in self.units if fold(u) not in other)


def _codes(units: object) -> list[str]:
    out: list[str] = []
    for i, item in enumerate(sequence(units, "units")):
        code = item.code if isinstance(item, Unit) else item
        if not isinstance(code, str) or len(code) > 200:
            raise _type_error(
                "a unit code or a Unit", "mã đơn vị hoặc một đơn vị", f"units[{i}]", item
            )
        out.append(code)
    return out


def cascade_compliance(
    plan: Plan | Directive,
    cascade: Cascade | Iterable[Directive],
    units: Iterable[str | Unit] | None = None,
    *,
    within_working_days: int | None = None,
    as_of: date | None = None,
    groups: Iterable[UnitGroup] = (),
    calendar: WorkingCalendar = VIETNAM,
) -> Compliance:
    """Which ``units`` (codes or :class:`~cchc.units.Unit` values; default: the plan's
    participants) have not issued a directive implementing ``plan`` by ``as_of``, and which
    issued theirs more than ``within_working_days`` working days (on ``calendar``) after it,
    as :func:`cchc.directives.missing_implementations` counts them; a unit's directive is
    matched by its ``issuer_unit``. A code that names one of ``groups`` (a plan's
    participants are often groups: "UBND các xã, thị trấn") stands for the group's members.

    With both ``within_working_days`` and ``as_of``, a unit that has not issued its plan
    while the time allowed is still running is ``pending``, not missing.

    >>> p = Plan("KH CCHC", Period.year(2023), number="20/KH-UBND", issuer="UBND huyện",
    ...          issued=date(2023, 2, 1), participants=["NV", "TP", "XA1"])
    >>> nv = Directive(number="05/KH-NV", issuer="Phòng Nội vụ", issuer_unit="NV",
    ...                issued=date(2023, 2, 6), implements=["20/KH-UBND"])
    >>> tp = Directive(number="07/KH-TP", issuer="Phòng Tư pháp", issuer_unit="TP",
    ...                issued=date(2023, 3, 20), implements=["20/KH-UBND"])
    >>> c = cascade_compliance(p, [nv, tp], within_working_days=10)
    >>> c.missing, [(x.unit, x.working_days) for x in c.late], c.on_time
    (('XA1',), [('TP', 33)], ('NV',))
    >>> cascade_compliance(p, [nv], within_working_days=10, as_of=date(2023, 2, 10)).pending
    ('TP', 'XA1')
    >>> p2 = attrs.evolve(p, participants=["PB", "XA1"])
    >>> cascade_compliance(p2, [nv, tp], groups=[UnitGroup("PB", "Phòng, ban", ["NV", "TP"])]
    ...                    ).units
    ('NV', 'TP', 'XA1')
    """
    top = plan.as_directive() if isinstance(plan, Plan) else plan
    if not isinstance(top, Directive):
        raise _type_error(
            "a Plan or a Directive", "một kế hoạch hoặc một văn bản chỉ đạo", "plan", plan
        )
    if within_working_days is not None:
        within_working_days = whole(
            within_working_days, "within_working_days", minimum=0, maximum=10_000
        )
    if as_of is not None and not _is_date(as_of):
        raise _date_error("as_of", as_of)
    _check_calendar(calendar)
    by_code: dict[str, UnitGroup] = {}
    for group in items_of(groups, UnitGroup, "groups"):
        by_code[fold(group.code)] = group
    if units is None:
        if not isinstance(plan, Plan):
            raise ValidationError(
                "name the units when checking a directive",
                vi="khi kiểm tra một văn bản chỉ đạo, phải nêu các đơn vị cần triển khai",
                field="units",
            )
        units = plan.participants
    wanted: list[str] = []
    for code in _codes(units):
        found = by_code.get(fold(code))
        for unit in found if found is not None else (code,):
            if unit not in wanted:
                wanted.append(unit)
    if not isinstance(cascade, Cascade):
        docs = items_of(cascade, Directive, "cascade")
        cascade = Cascade([top, *(d for d in docs if d.identity != top.identity)])
    elif top not in cascade:
        raise NotFoundError(
            "the plan is not in the cascade",
            vi="kế hoạch không có trong chuỗi văn bản",
            field="plan",
            value=top.key,
        )
    first: dict[str, Directive] = {}
    for child in cascade.children(top):
        if child.issuer_unit is None or (as_of is not None and child.issued > as_of):
            continue
        key = fold(child.issuer_unit)
        if key not in first or child.issued < first[key].issued:
            first[key] = child
    closes = (
        None
        if within_working_days is None
        else calendar.add_working_days(top.issued, within_working_days)
    )
    missing: list[str] = []
    pending: list[str] = []
    early: list[str] = []
    late: list[LatePlan] = []
    for unit in wanted:
        own = first.get(fold(unit))
        if own is None:
            still_open = closes is not None and as_of is not None and as_of <= closes
            (pending if still_open else missing).append(unit)
        elif own.issued < top.issued:
            early.append(unit)
        elif within_working_days is not None:
            days = calendar.working_days_between(top.issued, own.issued)
            if days > within_working_days:
                late.append(LatePlan(unit, own, days))
    return Compliance(
        top.key, tuple(wanted), tuple(missing), tuple(late), tuple(pending), tuple(early)
    )


# --- plain text -------------------------------------------------------------------------------


def _check_names(units: object, groups: object) -> tuple[UnitGroup, ...]:
    """Check the ``units`` and ``groups`` of a plain-text summary; the groups as a tuple."""
    if units is not None and not isinstance(units, UnitTree):
        raise _type_error("a UnitTree or None", "một cây đơn vị", "units", units)
    if isinstance(groups, str | bytes) or not isinstance(groups, Iterable):
        raise _type_error("a sequence of UnitGroup", "danh sách nhóm đơn vị", "groups", groups)
    found = tuple(groups)
    if not all(isinstance(g, UnitGroup) for g in found):
        raise _type_error("a sequence of UnitGroup", "danh sách nhóm đơn vị", "groups", groups)
    return found


def _namer(
    units: UnitTree | None, groups: tuple[UnitGroup, ...] = ()
) -> Callable[[str | None], str]:
    """A function writing a unit (or group) code as its name when ``units`` (or ``groups``)
    know it, the code itself otherwise (and ``—`` for none)."""
    by_group: dict[str, str] = {}
    for g in groups:
        by_group.setdefault(fold(g.code), g.name)

    def name(code: str | None) -> str:
        if not code:
            return "—"
        if units is not None and code in units:
            return units.get(code).name
        return by_group.get(fold(code), code)

    return name


def join_names(names: Iterable[str]) -> str:
    """Names as a list in a sentence: ``", "`` between them, ``"; "`` when a name holds a
    comma itself (``Phòng Tổ chức, biên chế``).

    >>> join_names(["Phòng Nội vụ", "Phòng Tư pháp"])
    'Phòng Nội vụ, Phòng Tư pháp'
    >>> join_names(["Phòng, ban, ngành huyện", "UBND xã, thị trấn"])
    'Phòng, ban, ngành huyện; UBND xã, thị trấn'
    """
    found = texts(names, "names")
    return ("; " if any("," in n for n in found) else ", ").join(found)


def _vi(value: Decimal | int | None) -> str:
    """A number as Vietnamese text writes it (``—`` for none)."""
    return "—" if value is None else vi_number(value)


def format_plan(
    plan: Plan, *, units: UnitTree | None = None, groups: Iterable[UnitGroup] = ()
) -> str:
    """A plain-text summary of a plan, in Vietnamese with English where it helps.

    With ``units`` (and ``groups`` for participants that are groups), a unit is written by its
    name, its code only where the name is unknown; numbers have a decimal comma.

    >>> p = Plan("Kế hoạch CCHC năm 2021", Period.year(2021), tasks=[
    ...     Task("1", "Rà soát TTHC", area="TTHC", lead="VP", output="Báo cáo",
    ...          due=date(2021, 6, 30))])
    >>> print(format_plan(p))
    Kế hoạch về kế hoạch CCHC năm 2021
      Thời gian (period): năm 2021
      Nhiệm vụ (tasks): 1
        [TTHC] 1. Rà soát TTHC — chủ trì VP; sản phẩm: Báo cáo; hạn 30/6/2021
    """
    _check_plan_arg(plan)
    name = _namer(units, _check_names(units, groups))
    lines = [str(plan), f"  Thời gian (period): {plan.period}"]
    if plan.implements:
        lines.append("  Căn cứ (implements):")
        lines += [f"    - {d}" for d in plan.implements]
    if plan.objectives:
        lines.append(f"  Mục tiêu (objectives): {len(plan.objectives)}")
        for target in plan.objectives:
            sign = "≥" if target.ascending else "≤"
            unit = "%" if target.measure is Measure.PERCENT else ""
            lines.append(
                f"    - {target.name}: {sign} {_vi(target.target)}{unit} đến {_dmy(target.due)}"
            )
    if plan.contents:
        lines.append(f"  Nội dung (contents): {len(plan.contents)}")
        lines += [f"    {i}. {c}" for i, c in enumerate(plan.contents, start=1)]
    if plan.participants:
        lines.append(f"  Đối tượng (participants): {join_names(map(name, plan.participants))}")
    if plan.tasks:
        lines.append(f"  Nhiệm vụ (tasks): {len(plan.tasks)}")
        for t in plan.tasks:
            area = f"[{t.area.code}] " if t.area is not None else ""
            parts = [f"chủ trì {name(t.lead)}"]
            if t.partners:
                parts.append(f"phối hợp {join_names(map(name, t.partners))}")
            if t.output:
                parts.append(f"sản phẩm: {t.output}")
            parts.append(f"hạn {_dmy(t.deadline)}")
            lines.append(f"    {area}{t.code}. {t.title} — {'; '.join(parts)}")
    if plan.reviews:
        lines.append("  Sơ kết, tổng kết (reviews):")
        lines += [
            f"    - {r.kind.vi} {_dmy(r.on)}" + (f": {r.note}" if r.note else "")
            for r in plan.reviews
        ]
    return "\n".join(lines)


def _percent(share: Fraction) -> str:
    """A share as a whole percentage, rounded half up (the project's rounding)."""
    hundred = share * 100
    whole = Decimal(hundred.numerator) / Decimal(hundred.denominator)
    return f"{whole.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


def _tally_line(label: str, t: Tally, width: int) -> str:
    v = vi_number
    return (
        f"    {label:<{width}} {v(t.total):>4} | {v(t.done_on_time):>7} {v(t.done_late):>6}"
        f" {v(t.in_progress):>4} {v(t.overdue):>7} {v(t.not_started):>4} | {v(t.due_soon):>7}"
    )


def format_progress(report: ProgressReport, *, units: UnitTree | None = None) -> str:
    """A plain-text progress report, in Vietnamese with English headings.

    With ``units``, a lead unit is written by its name, its code only where the name is
    unknown; numbers have a decimal comma and a thousands dot.

    >>> plan = Plan("KH", Period.year(2021), tasks=[
    ...     Task("1", "A", area="TC", lead="TP", due=date(2021, 3, 31))])
    >>> print(format_progress(progress(plan, as_of=date(2021, 4, 5))))
    Tiến độ thực hiện (progress) Kế hoạch về KH
      Tính đến ngày (as of) 05/4/2021; kỳ báo cáo (period) 01/01/2021 – 05/4/2021
      Tổng số nhiệm vụ (tasks): 1 — hoàn thành 0, quá hạn 1
                   Tổng | HT đúng HT trễ Đang Quá hạn Chưa | Sắp hạn
        Tất cả        1 |       0      0    0       1    0 |       0
      Theo lĩnh vực (by area):
        TC            1 |       0      0    0       1    0 |       0
      Theo đơn vị chủ trì (by lead unit):
        TP            1 |       0      0    0       1    0 |       0
      (HT đúng: hoàn thành đúng hạn; HT trễ: hoàn thành trễ hạn; Đang: đang thực hiện;
       Chưa: chưa triển khai)
      Quá hạn (overdue):
        - 1. A (TP): hạn 31/3/2021, chậm 3 ngày làm việc
    """
    if not isinstance(report, ProgressReport):
        raise _type_error("a ProgressReport", "một báo cáo tiến độ", "report", report)
    name = _namer(units, _check_names(units, ()))
    t = report.totals
    kind = "" if report.reporting is None else f"{report.reporting}: "
    labels = [code or "—" for code, _ in report.by_area] + [name(c) for c, _ in report.by_lead]
    width = max([10, *(len(label) for label in labels)])
    lines = [
        f"Tiến độ thực hiện (progress) {report.plan}",
        f"  Tính đến ngày (as of) {_dmy(report.as_of)}; kỳ báo cáo (period) {kind}{report.period}",
        (
            f"  Tổng số nhiệm vụ (tasks): {vi_number(t.total)} — hoàn thành "
            f"{vi_number(t.done)}, quá hạn {vi_number(t.overdue)}"
        ),
        f"    {'':<{width}} Tổng | HT đúng HT trễ Đang Quá hạn Chưa | Sắp hạn",
        _tally_line("Tất cả", t, width),
        "  Theo lĩnh vực (by area):",
        *(_tally_line(code or "—", tally, width) for code, tally in report.by_area),
        "  Theo đơn vị chủ trì (by lead unit):",
        *(_tally_line(name(code), tally, width) for code, tally in report.by_lead),
        "  (HT đúng: hoàn thành đúng hạn; HT trễ: hoàn thành trễ hạn; Đang: đang thực hiện;",
        "   Chưa: chưa triển khai)",
    ]
    if report.overdue:
        lines.append("  Quá hạn (overdue):")
        lines += [
            f"    - {x.code}. {x.title} ({name(x.lead)}): hạn {_dmy(x.deadline)}, "
            f"chậm {vi_number(x.working_days_late)} ngày làm việc"
            for x in report.overdue
        ]
    if report.missed_milestones:
        lines.append("  Mốc lộ trình chưa đạt (missed milestones):")
        lines += [
            f"    - {x.code}. {x.title} ({name(x.lead)}): mốc "
            f"{', '.join(_dmy(d) for d in x.milestones_missed)}, "
            f"chậm {vi_number(x.milestone_days_late)} ngày làm việc"
            for x in report.missed_milestones
        ]
    if report.due_soon:
        lines.append(f"  Sắp đến hạn trong {report.due_within} ngày làm việc (due soon):")
        lines += [f"    - {x.code}. {x.title}: hạn {_dmy(x.next_due)}" for x in report.due_soon]
    if report.targets:
        lines.append("  Mục tiêu (targets):")
        for target in report.targets:
            share = "chưa có số liệu" if target.share is None else _percent(target.share)
            latest = _vi(target.latest)
            met = " (đạt)" if target.met else ""
            if target.missed and target.due is not None:
                met = f" (hạn {_dmy(target.due)}, không đạt)"
            lines.append(f"    - {target.name}: {latest} / {_vi(target.target)}; {share}{met}")
    if report.activities:
        lines.append("  Kết quả hoạt động (activities):")
        for a in report.activities:
            channel = f" — {a.channel}" if a.channel else ""
            count = vi_number(a.count)
            lines.append(f"    - {a.kind.vi}{channel}: {count}")
    return "\n".join(lines)
