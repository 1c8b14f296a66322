"""Criteria frameworks (bộ tiêu chí, bộ chỉ số): the criterion tree, scoring rules as data,
classification bands, and the whole-document checks a framework file must pass.

A framework is a tree: field (lĩnh vực) → criterion (tiêu chí) → sub-criterion (tiêu chí
thành phần), to any depth. Each node has a maximum (điểm tối đa); each leaf has a
:class:`Rule` that turns what the unit reports into points. Rules are data, so a framework
lives in a TOML file and is checked before use.

>>> plan = Criterion("1.1", "Ban hành kế hoạch CCHC năm", Decimal(1), rule=Rule.yes_no())
>>> done = Criterion("1.2", "Mức độ thực hiện kế hoạch", Decimal(2), rule=Rule.banded([
...     Level(Decimal(2), lower=Decimal(90), lower_inclusive=False),
...     Level(Decimal(1), lower=Decimal(70), upper=Decimal(90), upper_inclusive=True),
...     Level(Decimal(0), upper=Decimal(70)),
... ]))
>>> field = Criterion("1", "Công tác chỉ đạo, điều hành", Decimal(3), children=[plan, done])
>>> fw = Framework("demo", "Bộ tiêu chí mẫu", [field], bands=[
...     Band("Tốt", Decimal(90), Decimal(100), upper_inclusive=True),
...     Band("Chưa tốt", Decimal(0), Decimal(90)),
... ])
>>> fw.maximum
Decimal('3')
>>> [c.code for c in fw.leaves()]
['1.1', '1.2']
>>> fw.find("1.2").rule.points(Decimal("90"), Decimal(2), fw.precision, fw.rounding)
Decimal('1.00')

A framework whose parts do not add up is refused, with every problem and where it is:

>>> Framework("bad", "Sai", [Criterion("1", "A", Decimal(2), children=[plan, plan])],
...           bands=[Band("Tốt", Decimal(50), Decimal(100))])
Traceback (most recent call last):
...
cchc.errors.InvalidDocumentError: framework 'bad': 3 problems
  error criteria.duplicate-code at criteria[0].children[1].code: ...
  error bands.gap at bands[0].lower: no band covers 0 up to 50 (...)
  error bands.gap at bands[0].upper: no band covers 100 up to 100 (...)
"""

from __future__ import annotations

import enum
import importlib.resources
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs
import numpy as np
import numpy.typing as npt

from cchc._fields import (
    NUMBER_LIMIT,
    CodedEnum,
    constructor_repr,
    decimal,
    deprecated,
    enum_member,
    fraction,
    is_bool,
    is_name,
    is_text,
    items_of,
    optional_decimal,
    optional_text,
    text,
    texts,
    to_nfc,
    whole,
)
from cchc.areas import ReformArea
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
from cchc.lang import Lang, LangLike, lang_of, number
from cchc.text import fold

__all__ = [
    "MAX_DEPTH",
    "NUMBER_LIMIT",
    "ROUNDINGS",
    "Absent",
    "Band",
    "BandBasis",
    "Criterion",
    "ExcessBasis",
    "Extra",
    "Framework",
    "GroupStanding",
    "Level",
    "NoTargetPolicy",
    "Rule",
    "RuleKind",
    "bundled_frameworks",
    "format_framework",
    "load_bundled",
    "load_framework",
    "parse_framework",
    "round_ratio",
    "to_scaled",
    # deprecated (kept one minor version): Framework.findings
    "framework_findings",
]

Int64Array = npt.NDArray[np.int64]
_IntOrArray = TypeVar("_IntOrArray", int, Int64Array)

#: The rounding rules a framework may name (the names of :mod:`decimal`'s constants).
ROUNDINGS: frozenset[str] = frozenset(
    {
        ROUND_HALF_UP,
        ROUND_HALF_EVEN,
        ROUND_HALF_DOWN,
        ROUND_DOWN,
        ROUND_UP,
        ROUND_FLOOR,
        ROUND_CEILING,
    }
)


# ---------------------------------------------------------------------------------------------
# limits

#: The deepest a criterion tree may be: a field, its criteria and sub-criteria are three
#: levels; a deeper tree, in code or in a file, is refused with the path where it goes too deep.
MAX_DEPTH = 32


def _exact(value: object, field: str) -> Decimal | Fraction:
    """An exact number to compare with a band or a level: an int, a Decimal or a Fraction."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise CchcTypeError(
            f"must be an exact number (an int, a Decimal or a Fraction), not "
            f"{type(value).__name__}",
            vi="phải là một số chính xác (số nguyên, Decimal hoặc phân số)",
            field=field,
            value=value,
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValidationError(
            "must be a finite number", vi="phải là một số hữu hạn", field=field, value=value
        )
    return Decimal(value) if isinstance(value, int) else value


def to_scaled(value: Decimal, precision: Decimal, *, field: str = "value") -> int:
    """Return ``value`` as a whole number of ``precision`` steps; refuse values that need more
    decimals than the precision allows.

    >>> to_scaled(Decimal("12.5"), Decimal("0.01"))
    1250
    >>> to_scaled(Decimal("0.125"), Decimal("0.01"))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: value = Decimal('0.125'): has more decimals than the precision 0.01
    """
    value, precision = decimal(value, field), _precision(precision)
    steps = value / precision
    if steps != steps.to_integral_value():
        raise ValidationError(
            f"has more decimals than the precision {precision}",
            vi=f"có nhiều chữ số thập phân hơn độ chính xác {precision}",
            field=field,
            value=value,
        )
    return int(steps)


def round_ratio(numerator: _IntOrArray, denominator: _IntOrArray, rounding: str) -> _IntOrArray:
    """Divide non-negative integers (or int64 arrays) and round to a whole number by the named
    :mod:`decimal` rounding rule, exactly. The scalar and the column engine share it, so one
    unit scored alone and the same unit in a national batch get the same points.

    >>> round_ratio(5, 2, "ROUND_HALF_UP"), round_ratio(5, 2, "ROUND_HALF_EVEN")
    (3, 2)
    >>> round_ratio(np.array([1, 3, 5], dtype=np.int64), np.int64(2), "ROUND_DOWN").tolist()
    [0, 1, 2]
    """
    for name, part in (("numerator", numerator), ("denominator", denominator)):
        if isinstance(part, bool) or not isinstance(part, int | np.integer | np.ndarray):
            raise CchcTypeError(
                f"must be a whole number or an int64 array, not {type(part).__name__}",
                vi="phải là số nguyên hoặc mảng số nguyên",
                field=name,
                value=part,
            )
        if isinstance(part, np.ndarray) and part.dtype.kind not in "iu":
            raise CchcTypeError(
                "must hold whole numbers",
                vi="phải chứa các số nguyên",
                field=name,
                value=str(part.dtype),
            )
    if np.any(np.asarray(denominator) <= 0) or np.any(np.asarray(numerator) < 0):
        raise ValidationError(
            "needs a non-negative numerator and a positive denominator",
            vi="tử số không được âm và mẫu số phải lớn hơn 0",
            field="denominator",
            value=denominator if isinstance(denominator, int) else None,
        )
    return _round_ratio(numerator, denominator, _rounding(rounding))


def _round_ratio(numerator: _IntOrArray, denominator: _IntOrArray, rounding: str) -> _IntOrArray:
    """:func:`round_ratio` without the checks, for the column engine (inputs already checked)."""
    quotient = numerator // denominator
    twice_rest = 2 * (numerator % denominator)
    if rounding == ROUND_HALF_UP:
        up = twice_rest >= denominator
    elif rounding == ROUND_HALF_DOWN:
        up = twice_rest > denominator
    elif rounding == ROUND_HALF_EVEN:
        up = (twice_rest > denominator) | ((twice_rest == denominator) & (quotient % 2 == 1))
    elif rounding in (ROUND_UP, ROUND_CEILING):
        up = twice_rest > 0
    elif rounding in (ROUND_DOWN, ROUND_FLOOR):
        return quotient
    else:
        raise _rounding_error(rounding)
    return quotient + up


# ---------------------------------------------------------------------------------------------
# converters that name their field


def _dec_floor(value: object) -> Decimal:
    return decimal(value, "floor")


def _dec_lower(value: object) -> Decimal:
    return decimal(value, "lower")


def _dec_maximum(value: object) -> Decimal:
    return decimal(value, "maximum")


def _dec_points(value: object) -> Decimal:
    return decimal(value, "points")


def _dec_scale_max(value: object) -> Decimal:
    return decimal(value, "scale_max")


def _dec_upper(value: object) -> Decimal:
    return decimal(value, "upper")


def _opt_lower(value: object) -> Decimal | None:
    return optional_decimal(value, "lower")


def _opt_per(value: object) -> Decimal | None:
    return optional_decimal(value, "per")


def _opt_step(value: object) -> Decimal | None:
    return optional_decimal(value, "step")


def _opt_text_lead_unit(value: object) -> str | None:
    return optional_text(value, "lead_unit")


def _opt_upper(value: object) -> Decimal | None:
    return optional_decimal(value, "upper")


def _opt_zero_denominator_points(value: object) -> Decimal | None:
    return optional_decimal(value, "zero_denominator_points")


def _texts_evidence(value: object) -> tuple[str, ...]:
    return _field_texts(value, "evidence")


def _texts_applies_to(value: object) -> tuple[str, ...]:
    return _field_texts(value, "applies_to")


def _field_texts(value: object, field: str) -> tuple[str, ...]:
    """A list of texts, or one text as a list of one (never split into letters)."""
    if isinstance(value, str):
        return (text(value, field),)
    return texts(value, field)


# ---------------------------------------------------------------------------------------------
# intervals: levels of a banded rule, and classification bands


def _check_interval(
    lower: Decimal | None, upper: Decimal | None, lower_inclusive: bool, upper_inclusive: bool
) -> None:
    if lower is not None and upper is not None:
        empty = lower > upper or (lower == upper and not (lower_inclusive and upper_inclusive))
        if empty:
            raise ValidationError(
                f"the interval from {lower} to {upper} is empty",
                vi=f"khoảng từ {lower} đến {upper} không chứa giá trị nào",
                field="upper",
                value=upper,
            )


def _contains(
    lower: Decimal | None,
    upper: Decimal | None,
    lower_inclusive: bool,
    upper_inclusive: bool,
    value: Decimal | Fraction,
) -> bool:
    if lower is not None and (value < lower or (value == lower and not lower_inclusive)):
        return False
    return not (upper is not None and (value > upper or (value == upper and not upper_inclusive)))


def _interval_text(
    lower: Decimal | None,
    upper: Decimal | None,
    lower_inclusive: bool,
    upper_inclusive: bool,
    lang: LangLike = Lang.EN,
) -> str:
    parts = []
    if lower is not None:
        parts.append(f"{'≥' if lower_inclusive else '>'} {number(lower, lang)}")
    if upper is not None:
        parts.append(f"{'≤' if upper_inclusive else '<'} {number(upper, lang)}")
    if lang_of(lang) is Lang.VI:
        return " và ".join(parts) or "mọi giá trị"
    return " and ".join(parts) or "any value"


@attrs.frozen
class Level:
    """One level of a banded rule: ``points`` for a measured value inside the interval.

    Bounds are inclusive or exclusive as the decision states them ("từ 95 % đến dưới 100 %"
    is ``lower=95, upper=100, upper_inclusive=False``); a missing bound is open.

    >>> level = Level(Decimal("0.5"), lower=Decimal(95), upper=Decimal(100))
    >>> level.contains(Decimal(95)), level.contains(Decimal(100))
    (True, False)
    >>> str(level), level.describe("vi")
    ('≥ 95 and < 100: 0.5', '≥ 95 và < 100: 0,5')
    """

    points: Decimal = attrs.field(converter=_dec_points)
    lower: Decimal | None = attrs.field(default=None, converter=_opt_lower)
    upper: Decimal | None = attrs.field(default=None, converter=_opt_upper)
    lower_inclusive: bool = attrs.field(default=True, validator=is_bool)
    upper_inclusive: bool = attrs.field(default=False, validator=is_bool)
    label: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    def __attrs_post_init__(self) -> None:
        if self.points < 0:
            raise _negative("points", self.points)
        _check_interval(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive)

    def contains(self, value: Decimal | Fraction | int) -> bool:
        """True if ``value`` (exact: an int, a Decimal or a Fraction) lies in this level's
        interval."""
        return _contains(
            self.lower,
            self.upper,
            self.lower_inclusive,
            self.upper_inclusive,
            _exact(value, "value"),
        )

    def describe(self, lang: LangLike = Lang.EN) -> str:
        """The level in words: its interval and its points, numbers written as in ``lang``."""
        interval = _interval_text(
            self.lower, self.upper, self.lower_inclusive, self.upper_inclusive, lang
        )
        return f"{interval}: {number(self.points, lang)}"

    def __str__(self) -> str:
        return self.describe()


class Extra(CodedEnum):
    """Whether a criterion's points belong to the base scale or are extra points outside it.

    ======================  =====================================================================
    ``BASE``                counted in the framework's maximum (the scale, usually 100)
    ``BONUS``               điểm thưởng, điểm cộng: added above the base, outside its maximum
    ``PENALTY``             điểm trừ: the points it scores are subtracted, outside the maximum
    ======================  =====================================================================

    A bonus or penalty is declared on a top-level criterion (a field, or a criterion standing at
    the top) and covers everything under it. The index is points over the base maximum only.

    >>> Extra("điểm thưởng"), Extra("penalty")
    (Extra.BONUS, Extra.PENALTY)
    """

    BASE = "base"
    BONUS = "bonus"
    PENALTY = "penalty"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str) and len(value) <= 64:
            key = fold(value)
            for member, words in _EXTRA_WORDS.items():
                if key in words:
                    return member
        return super()._missing_(value)


_EXTRA_WORDS = {
    Extra.BONUS: frozenset(fold(w) for w in ("điểm thưởng", "điểm cộng", "thưởng", "cộng")),
    Extra.PENALTY: frozenset(fold(w) for w in ("điểm trừ", "trừ")),
    Extra.BASE: frozenset(fold(w) for w in ("điểm chuẩn", "cơ bản")),
}


class Absent(CodedEnum):
    """What a framework does when a unit's survey component was not run (no survey-scored
    criterion reported for it).

    ======================  =====================================================================
    ``ZERO``                the survey criteria score 0 and stay in the maximum (as not reported)
    ``REBASE``              they are taken out of the unit's maximum and the index is re-based
                            over what was assessed ("quy về thang điểm 100, đơn vị tính là %")
    ======================  =====================================================================

    >>> Absent("rebase")
    Absent.REBASE
    """

    ZERO = "zero"
    REBASE = "rebase"


class BandBasis(CodedEnum):
    """What classification bands are measured on: the index in per cent or the points.

    >>> BandBasis("points")
    BandBasis.POINTS
    """

    PERCENT = "percent"
    POINTS = "points"


@attrs.frozen
class Band:
    """A classification band (xếp loại), e.g. national 2023 group A ≥ 90 %, group B 80 – < 90 %.

    Boundaries are exact numbers and are compared exactly; a float is refused, since 89.5 as a
    float is not 89.5:

    >>> a = Band("A", Decimal(90), Decimal(100), upper_inclusive=True)
    >>> a.contains(Fraction(90)), a.contains(Fraction(8999, 100))
    (True, False)
    >>> Band("A", 89.5, 100)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: lower = 89.5: floats are not exact; give an int, a Decimal or text
    """

    label: str = attrs.field(converter=to_nfc, validator=is_name)
    lower: Decimal = attrs.field(converter=_dec_lower)
    upper: Decimal = attrs.field(converter=_dec_upper)
    lower_inclusive: bool = attrs.field(default=True, validator=is_bool)
    upper_inclusive: bool = attrs.field(default=False, validator=is_bool)

    def __attrs_post_init__(self) -> None:
        _check_interval(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive)

    def contains(self, value: Decimal | Fraction | int) -> bool:
        """True if ``value`` (an index or points: an int, a Decimal or a Fraction) falls in this
        band."""
        return _contains(
            self.lower,
            self.upper,
            self.lower_inclusive,
            self.upper_inclusive,
            _exact(value, "value"),
        )

    def __str__(self) -> str:
        interval = _interval_text(
            self.lower, self.upper, self.lower_inclusive, self.upper_inclusive
        )
        return f"{self.label} ({interval})"


# ---------------------------------------------------------------------------------------------
# rules


class RuleKind(CodedEnum):
    """How a leaf criterion turns what a unit reports into points.

    ======================  =====================================================================
    ``MANUAL``              the scorer gives points from 0 to the maximum, in steps of ``step``
    ``YES_NO``              the maximum for yes, nothing for no (đạt / không đạt)
    ``BANDED``              the points of the :class:`Level` the measured value falls in
    ``PROPORTIONAL``        maximum × numerator / denominator (e.g. dossiers settled on time)
    ``DEDUCTION``           maximum less ``per`` for each occurrence, never below ``floor``
    ``BONUS``               ``per`` for each item, capped at the maximum (điểm thưởng)
    ``SURVEY``              maximum × survey index / ``scale_max`` (SIPAS, leaders' survey)
    ``TARGET_RELATIVE``     against the unit's assigned target and the group's leader (định
                            lượng theo chỉ tiêu giao): a group-level step, see
                            :meth:`Rule.target_relative`
    ======================  =====================================================================

    >>> [kind.input_kind for kind in (RuleKind.BANDED, RuleKind.PROPORTIONAL, RuleKind.BONUS)]
    ['value', 'ratio', 'count']
    >>> RuleKind.TARGET_RELATIVE.input_kind, RuleKind.TARGET_RELATIVE.needs_group
    ('target', True)
    >>> RuleKind("Yes-No")
    RuleKind.YES_NO
    """

    MANUAL = "manual"
    YES_NO = "yes_no"
    BANDED = "banded"
    PROPORTIONAL = "proportional"
    DEDUCTION = "deduction"
    BONUS = "bonus"
    SURVEY = "survey"
    TARGET_RELATIVE = "target_relative"

    @property
    def input_kind(self) -> str:
        """What the unit reports: ``"points"``, ``"yes_no"``, ``"value"``, ``"ratio"`` (two
        whole numbers), ``"count"`` or ``"target"`` (achieved value and assigned target)."""
        return _INPUT_KINDS[self]

    @property
    def needs_group(self) -> bool:
        """True for a rule whose points depend on the other units of the group (the leader,
        the group's best): it is scored for a whole group at once, never for one unit alone."""
        return self is RuleKind.TARGET_RELATIVE


_INPUT_KINDS = {
    RuleKind.MANUAL: "points",
    RuleKind.YES_NO: "yes_no",
    RuleKind.BANDED: "value",
    RuleKind.PROPORTIONAL: "ratio",
    RuleKind.DEDUCTION: "count",
    RuleKind.BONUS: "count",
    RuleKind.SURVEY: "value",
    RuleKind.TARGET_RELATIVE: "target",
}


class ExcessBasis(CodedEnum):
    """What "exceeding the target" is measured by in a target-relative rule, to find the
    group's leader and to compare the others with it.

    ==========  ===================================================================
    ``SHARE``   the excess as a share of the target, (achieved − target) / target
    ``AMOUNT``  the excess itself, achieved − target
    ==========  ===================================================================

    >>> ExcessBasis("share"), ExcessBasis("AMOUNT")
    (ExcessBasis.SHARE, ExcessBasis.AMOUNT)
    """

    SHARE = "share"
    AMOUNT = "amount"


class NoTargetPolicy(CodedEnum):
    """How a target-relative rule scores a unit that has no assigned target.

    ===================  ==============================================================
    ``GROUP_BEST``       maximum × achieved / the best achieved value of the group
    ``UNTARGETED_BEST``  maximum × achieved / the best of the group's units without a
                         target
    ``ZERO``             no points
    ===================  ==============================================================

    >>> NoTargetPolicy("group_best")
    NoTargetPolicy.GROUP_BEST
    """

    GROUP_BEST = "group_best"
    UNTARGETED_BEST = "untargeted_best"
    ZERO = "zero"


def _levels(value: object) -> tuple[Level, ...]:
    return items_of(value, Level, "levels")


def _rule_kind(value: object) -> RuleKind:
    return enum_member(RuleKind, value, "kind")


def _on_target_share(value: object) -> Fraction:
    return fraction(value, "on_target_share")


def _below_share(value: object) -> Fraction:
    return fraction(value, "below_share")


def _excess_basis(value: object) -> ExcessBasis:
    return enum_member(ExcessBasis, value, "excess")


def _no_target_policy(value: object) -> NoTargetPolicy:
    return enum_member(NoTargetPolicy, value, "no_target")


def _negative(field: str, value: object) -> ValidationError:
    return ValidationError(
        "must not be negative", vi="không được là số âm", field=field, value=value
    )


def _positive(field: str, value: object) -> ValidationError:
    return ValidationError("must be positive", vi="phải lớn hơn 0", field=field, value=value)


def _plain(number: Decimal | int) -> str:
    """A number as a person writes it: ``8``, not ``8.00`` or ``1E+1`` (a number far beyond
    the limits as it is)."""
    number = Decimal(number)
    if not number.is_finite() or not -40 < number.adjusted() < 40:
        return str(number)
    return f"{number.normalize():f}"


@attrs.frozen
class Rule:
    """A scoring rule, as data. Build one with the class methods:

    >>> Rule.manual(Decimal("0.25")).points(Decimal("0.75"), Decimal(1), Decimal("0.01"))
    Decimal('0.75')
    >>> Rule.yes_no().points(True, Decimal(2), Decimal("0.01"))
    Decimal('2.00')
    >>> Rule.proportional().points((45, 50), Decimal(2), Decimal("0.01"))
    Decimal('1.80')
    >>> Rule.deduction(Decimal("0.5")).points(3, Decimal(1), Decimal("0.01"))
    Decimal('0.00')
    >>> Rule.bonus(Decimal("0.25")).points(3, Decimal("0.5"), Decimal("0.01"))
    Decimal('0.50')
    >>> Rule.survey().points(Decimal("87.5"), Decimal(10), Decimal("0.01"))
    Decimal('8.75')

    No rule gives more than the maximum: points above it, a survey index above its scale or a
    per cent above 100 are refused, not cut down:

    >>> Rule.manual().points(99, Decimal(8), Decimal("0.01"))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: value = 99: 99 is above the maximum of 8 points

    ``scale_max`` is the top of what a survey index or a banded rule's measured value may be:
    100 (per cent) unless the framework says otherwise.
    """

    kind: RuleKind = attrs.field(converter=_rule_kind)
    step: Decimal | None = attrs.field(default=None, converter=_opt_step)
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels)
    per: Decimal | None = attrs.field(default=None, converter=_opt_per)
    floor: Decimal = attrs.field(default=Decimal(0), converter=_dec_floor)
    zero_denominator_points: Decimal | None = attrs.field(
        default=None, converter=_opt_zero_denominator_points
    )
    scale_max: Decimal = attrs.field(default=Decimal(100), converter=_dec_scale_max)
    #: Target-relative rules (:meth:`target_relative`): the share of the maximum at exactly
    #: the target, the share that scales achieved / target below it, what exceeding is
    #: measured by, and how a unit without a target is scored.
    on_target_share: Fraction = attrs.field(default=Fraction(1, 2), converter=_on_target_share)
    below_share: Fraction = attrs.field(default=Fraction(1, 2), converter=_below_share)
    excess: ExcessBasis = attrs.field(default=ExcessBasis.SHARE, converter=_excess_basis)
    no_target: NoTargetPolicy = attrs.field(
        default=NoTargetPolicy.GROUP_BEST, converter=_no_target_policy
    )

    def __attrs_post_init__(self) -> None:
        if self.step is not None and self.step <= 0:
            raise _positive("step", self.step)
        for name, share in (
            ("on_target_share", self.on_target_share),
            ("below_share", self.below_share),
        ):
            if not 0 <= share <= 1:
                raise ValidationError(
                    "must be a share from 0 to 1",
                    vi="phải là tỷ lệ từ 0 đến 1",
                    field=name,
                    value=share,
                )
        if self.below_share > self.on_target_share:
            raise ValidationError(
                f"is above the share on target ({self.on_target_share}): reaching the target "
                "would lower the points",
                vi=f"lớn hơn tỷ lệ điểm khi đạt đúng chỉ tiêu ({self.on_target_share}): đạt chỉ "
                "tiêu lại bị ít điểm hơn",
                field="below_share",
                value=self.below_share,
            )
        if self.kind in (RuleKind.DEDUCTION, RuleKind.BONUS) and (
            self.per is None or self.per <= 0
        ):
            what = "điểm trừ" if self.kind is RuleKind.DEDUCTION else "điểm thưởng"
            raise ValidationError(
                f"a {self.kind.value} rule needs a positive amount per occurrence",
                vi=f"quy tắc {what} cần số điểm cho mỗi lần, lớn hơn 0",
                field="per",
                value=self.per,
            )
        if self.kind is RuleKind.BANDED and not self.levels:
            raise ValidationError(
                "a banded rule needs at least one level",
                vi="quy tắc chấm theo mức cần ít nhất một mức",
                field="levels",
                value=self.levels,
            )
        if self.floor < 0:
            raise _negative("floor", self.floor)
        if self.scale_max <= 0:
            raise _positive("scale_max", self.scale_max)
        # sorted by where they start, the levels are disjoint when each neighbour pair is
        order = sorted(range(len(self.levels)), key=lambda i: _start(self.levels[i]))
        for i, j in itertools.pairwise(order):
            if _overlap(self.levels[i], self.levels[j]):
                first, second = min(i, j), max(i, j)
                raise ValidationError(
                    f"overlaps the level {self.levels[second]}",
                    vi=f"chồng lên mức {self.levels[second]}",
                    field=f"levels[{first}]",
                    value=str(self.levels[first]),
                )

    def __repr__(self) -> str:
        """The constructor call, fields at their defaults left out."""
        return constructor_repr(self)

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def manual(cls, step: Decimal | int | str | None = None) -> Rule:
        """Points given by the scorer, from 0 to the maximum in steps of ``step`` (default: the
        framework's precision)."""
        return cls(RuleKind.MANUAL, step=step)

    @classmethod
    def yes_no(cls) -> Rule:
        """All the points for yes, none for no."""
        return cls(RuleKind.YES_NO)

    @classmethod
    def banded(cls, levels: Iterable[Level], scale_max: Decimal | int | str = 100) -> Rule:
        """The points of the level the measured value falls in; 0 if it falls in none. The
        value is a per cent unless ``scale_max`` says otherwise: above 100 it is refused.

        The value may also be reported as a ratio (``"199/200"`` or ``(199, 200)``), read as
        the per cent ``199 × 100 / 200`` and compared with the levels exactly, never rounded
        first: 2/3 is below a level that starts at 66.67.

        >>> rule = Rule.banded([Level(1, lower=Decimal("66.67")), Level(0, upper=Decimal("66.67"))])
        >>> P = Decimal("0.01")
        >>> rule.points("2/3", Decimal(1), P), rule.points("66.67", Decimal(1), P)
        (Decimal('0.00'), Decimal('1.00'))
        """
        return cls(RuleKind.BANDED, levels=levels, scale_max=scale_max)

    @classmethod
    def proportional(cls, zero_denominator_points: Decimal | int | str | None = None) -> Rule:
        """Maximum × numerator / denominator; when the denominator is 0 (nothing to settle),
        ``zero_denominator_points`` (default: the maximum)."""
        return cls(RuleKind.PROPORTIONAL, zero_denominator_points=zero_denominator_points)

    @classmethod
    def deduction(cls, per: Decimal | int | str, floor: Decimal | int | str = 0) -> Rule:
        """The maximum, less ``per`` for each occurrence, never below ``floor``."""
        return cls(RuleKind.DEDUCTION, per=per, floor=floor)

    @classmethod
    def bonus(cls, per: Decimal | int | str) -> Rule:
        """``per`` for each item, capped at the maximum."""
        return cls(RuleKind.BONUS, per=per)

    @classmethod
    def survey(cls, scale_max: Decimal | int | str = 100) -> Rule:
        """Maximum × survey index / ``scale_max``."""
        return cls(RuleKind.SURVEY, scale_max=scale_max)

    @classmethod
    def target_relative(
        cls,
        on_target_share: Fraction | Decimal | int | str = Fraction(1, 2),
        *,
        below_share: Fraction | Decimal | int | str | None = None,
        excess: ExcessBasis | str = ExcessBasis.SHARE,
        no_target: NoTargetPolicy | str = NoTargetPolicy.GROUP_BEST,
    ) -> Rule:
        """Scored against the target T assigned to each unit and the group's leader (định
        lượng theo chỉ tiêu giao). With maximum MS, achieved A and s = ``on_target_share``:

        - below the target: ``below_share`` (default s) × MS × A / T;
        - exactly on it: s × MS;
        - the unit of the group exceeding its target the most (by ``excess``: the share
          (A − T) / T, or the amount A − T): the full MS;
        - the others exceeding: s × MS + (1 − s) × MS × their excess / the leader's excess;
        - no target (none reported, or 0): by ``no_target``, MS × A / the group's best A.

        One published variant (s = 1/2 throughout) is the default. The points depend on the
        whole group, so a value is scored with its group (:meth:`group_points`, or a batch
        with :func:`cchc.scoring.score_table`), never alone. A unit reports ``"A/T"``, the
        pair ``(A, T)``, or ``A`` alone where no target was assigned.

        >>> rule = Rule.target_relative()
        >>> P = Decimal("0.01")
        >>> rule.group_points(["80/100", "100/100", "150/100", "120/100", "90"], Decimal(10), P)
        (Decimal('4.00'), Decimal('5.00'), Decimal('10.00'), Decimal('7.00'), Decimal('6.00'))
        >>> rule.points("80/100", Decimal(10), P)
        Traceback (most recent call last):
        ...
        cchc.errors.ValidationError: value = '80/100': a target-relative criterion is scored \
with its group (the leader, the group's best): give the group's values
        """
        return cls(
            RuleKind.TARGET_RELATIVE,
            on_target_share=on_target_share,
            below_share=on_target_share if below_share is None else below_share,
            excess=excess,
            no_target=no_target,
        )

    # -- checks against a criterion's maximum ------------------------------------------------

    def problems(self, maximum: Decimal, precision: Decimal) -> list[tuple[str, str, str]]:
        """Problems of this rule under ``maximum`` at ``precision``, as (field, Vietnamese,
        English) triples; empty when the rule fits."""
        out: list[tuple[str, str, str]] = []

        def fits(field: str, amount: Decimal) -> None:
            if amount != amount.quantize(precision, rounding=ROUND_DOWN):
                out.append(
                    (
                        field,
                        (
                            f"{_plain(amount)} có nhiều chữ số thập phân hơn độ chính xác "
                            f"{_plain(precision)}"
                        ),
                        f"{amount} has more decimals than the precision {precision}",
                    )
                )

        if self.step is not None:
            fits("step", self.step)
        for i, level in enumerate(self.levels):
            fits(f"levels[{i}].points", level.points)
            if level.points > maximum:
                out.append(
                    (
                        f"levels[{i}].points",
                        (
                            f"Điểm của mức ({_plain(level.points)}) vượt điểm tối đa "
                            f"{_plain(maximum)} điểm"
                        ),
                        f"level points {level.points} exceed the maximum {maximum}",
                    )
                )
            for name, bound in (("lower", level.lower), ("upper", level.upper)):
                if bound is not None:
                    fits(f"levels[{i}].{name}", bound)
        if self.per is not None:
            fits("per", self.per)
        fits("floor", self.floor)
        if self.floor > maximum:
            out.append(
                (
                    "floor",
                    f"Điểm sàn {_plain(self.floor)} vượt điểm tối đa {_plain(maximum)} điểm",
                    f"floor {self.floor} exceeds the maximum {maximum}",
                )
            )
        if self.zero_denominator_points is not None:
            fits("zero_denominator_points", self.zero_denominator_points)
            if not 0 <= self.zero_denominator_points <= maximum:
                out.append(
                    (
                        "zero_denominator_points",
                        f"Điểm khi không có hồ sơ phải từ 0 đến điểm tối đa {_plain(maximum)}",
                        f"must be from 0 to the maximum {maximum}",
                    )
                )
        fits("scale_max", self.scale_max)
        return out

    # -- scoring one value -------------------------------------------------------------------

    def points(
        self,
        value: object,
        maximum: Decimal,
        precision: Decimal,
        rounding: str = ROUND_HALF_UP,
    ) -> Decimal:
        """Points for one reported ``value`` under ``maximum``, quantized to ``precision``:
        never below 0 nor above ``maximum``. Raises a :class:`~cchc.errors.CchcError` if the
        value does not fit the rule, with the same checks a score table applies to a column.
        A rule whose points depend on the group (:attr:`RuleKind.needs_group`) is refused:
        use :meth:`group_points`."""
        if self.kind.needs_group:
            raise ValidationError(
                "a target-relative criterion is scored with its group (the leader, the group's "
                "best): give the group's values",
                vi="tiêu chí chấm theo chỉ tiêu giao được chấm so với cả khối (đơn vị dẫn đầu, "
                "đơn vị cao nhất): cần số liệu của cả khối",
                field="value",
                value=value,
            )
        maximum, precision = decimal(maximum, "maximum"), _precision(precision)
        rounding = _rounding(rounding)
        if maximum < 0:
            raise _negative("maximum", maximum)
        problems = self.problems(maximum, precision)
        if problems:  # e.g. a level bound finer than the precision would be cut, not compared
            field, vi, en = problems[0]
            raise ValidationError(
                f"the rule does not fit maximum {maximum} at precision {precision}: {en}",
                vi=f"quy tắc không phù hợp với điểm tối đa {_plain(maximum)}: {vi}",
                field=field,
                value=maximum,
            )
        scale = _scale(precision)
        top = to_scaled(maximum, precision, field="maximum")
        raw, second = self.read(value, precision)
        first_col = np.array([raw], dtype=np.int64)
        second_col = np.array([second], dtype=np.int64)
        for bad, en, vi in self._checks(first_col, second_col, top, scale):
            if bad[0]:
                shown = _plain(Decimal(raw) / scale)
                raise ValidationError(
                    en.replace("{value}", shown),
                    vi=vi.replace("{value}", shown),
                    field="value",
                    value=value,
                )
        got = self.evaluate(first_col, second_col, top, scale, rounding)
        return Decimal(int(got[0])) * precision

    def read(self, value: object, precision: Decimal) -> tuple[int, int]:
        """Check one reported value and return it in the column form :meth:`evaluate` takes:
        points and measured values in ``precision`` steps, yes/no as 1/0, counts and ratio
        parts as whole numbers (the second number is the ratio's denominator, else 0). What
        depends on the criterion's maximum is checked by :meth:`column_problems`."""
        kind = self.kind.input_kind
        if kind == "yes_no":
            return _read_yes_no(value), 0
        if kind == "ratio":
            return _read_ratio(value)
        if kind == "count":
            return _read_count(value, "value"), 0
        if kind == "target":
            return _read_target(value, precision)
        if self.kind is RuleKind.BANDED and _looks_like_ratio(value):
            num, den = _read_ratio(value)
            if den == 0:
                raise ValidationError(
                    "a measured ratio needs a denominator above 0",
                    vi="tỷ lệ đo được cần mẫu số lớn hơn 0",
                    field="value",
                    value=value,
                )
            return num, den
        number = decimal(value, "value")
        if number < 0:
            raise _negative("value", value)
        if kind == "points" and self.step is not None and number % self.step != 0:
            raise ValidationError(
                f"is not a multiple of the step {_plain(self.step)}",
                vi=f"không phải là bội số của bước chấm {_plain(self.step)} điểm",
                field="value",
                value=value,
            )
        return to_scaled(number, precision, field="value"), 0

    def evaluate(
        self,
        first: Int64Array,
        second: Int64Array,
        maximum: int,
        scale: int,
        rounding: str = ROUND_HALF_UP,
        *,
        groups: npt.NDArray[np.intp] | None = None,
        present: npt.NDArray[np.bool_] | None = None,
    ) -> Int64Array:
        """Points for a whole column of units at once, in steps of ``1 / scale``; ``first`` and
        ``second`` are what :meth:`read` returns, one element per unit. Inputs must already be
        checked (see :meth:`column_problems`).

        A rule that needs its group is evaluated group by group: ``groups`` holds each unit's
        group number (default: the whole column is one group) and ``present`` the units that
        reported a value (default: all); the others score 0 and take no part in finding the
        leader or the group's best."""
        kind = self.kind
        if kind is RuleKind.TARGET_RELATIVE:
            return self.group_leaders(first, second, groups=groups, present=present).points(
                maximum, rounding
            )
        if kind is RuleKind.MANUAL:
            return first.astype(np.int64, copy=False)
        if kind is RuleKind.YES_NO:
            return (first * maximum).astype(np.int64, copy=False)
        if kind is RuleKind.BANDED:
            out = np.zeros(first.shape, dtype=np.int64)
            free = np.ones(first.shape, dtype=bool)
            # a ratio num/den (second > 0) is the per cent num × 100 / den, compared exactly:
            # num × 100 × scale against bound × den, never divided
            is_ratio = second > 0
            has_ratio = bool(is_ratio.any())
            scaled_num = _times(first, 100 * scale) if has_ratio else first
            den = np.where(is_ratio, second, 1) if has_ratio else second

            def compare(bound: int, above: bool, inclusive: bool) -> npt.NDArray[np.bool_]:
                plain = (
                    (first >= bound if inclusive else first > bound)
                    if above
                    else (first <= bound if inclusive else first < bound)
                )
                if not has_ratio:
                    return plain
                right = _times(den, bound)
                cross = (
                    (scaled_num >= right if inclusive else scaled_num > right)
                    if above
                    else (scaled_num <= right if inclusive else scaled_num < right)
                )
                return np.where(is_ratio, cross, plain).astype(bool)

            for level in self.levels:
                mask = free.copy()
                if level.lower is not None:
                    mask &= compare(int(level.lower * scale), True, level.lower_inclusive)
                if level.upper is not None:
                    mask &= compare(int(level.upper * scale), False, level.upper_inclusive)
                out[mask] = int(level.points * scale)
                free &= ~mask
            return out
        if kind is RuleKind.PROPORTIONAL:
            zero = (
                maximum
                if self.zero_denominator_points is None
                else int(self.zero_denominator_points * scale)
            )
            safe = np.where(second == 0, 1, second)
            ratio = _round_ratio(_times(first, maximum), safe, rounding)
            return np.where(second == 0, zero, ratio).astype(np.int64, copy=False)
        if kind is RuleKind.DEDUCTION:
            per = int(self.per * scale)  # type: ignore[operator]
            floor = int(self.floor * scale)
            counts = np.minimum(first, maximum // per + 1)
            return np.asarray(
                np.maximum(maximum - counts * per, min(floor, maximum)), dtype=np.int64
            )
        if kind is RuleKind.BONUS:
            per = int(self.per * scale)  # type: ignore[operator]
            counts = np.minimum(first, maximum // per + 1)
            return np.asarray(np.minimum(counts * per, maximum), dtype=np.int64)
        # SURVEY
        limit = np.full_like(first, int(self.scale_max * scale))
        return np.asarray(_round_ratio(_times(first, maximum), limit, rounding), dtype=np.int64)

    def column_problems(
        self, first: Int64Array, second: Int64Array, maximum: int, scale: int
    ) -> Iterator[tuple[int, str]]:
        """Rows whose inputs do not fit this rule, with the reason (English): the checks
        :meth:`points` applies to one value, over a column."""
        for bad, en, _ in self._checks(first, second, maximum, scale):
            for row in np.flatnonzero(bad):
                yield int(row), en.replace("{value}", _plain(Decimal(int(first[row])) / scale))

    def _checks(
        self, first: Int64Array, second: Int64Array, maximum: int, scale: int
    ) -> list[tuple[npt.NDArray[np.bool_], str, str]]:
        """(rows at fault, English, Vietnamese) for each check of read values; a message
        names the row's points or measured value as ``{value}``."""
        kind = self.kind.input_kind
        shown = "{value}"
        top = _plain(Decimal(maximum) / scale)
        checks: list[tuple[npt.NDArray[np.bool_], str, str]] = [
            (first < 0, "is negative", "không được là số âm")
        ]
        if kind == "points":
            checks.append(
                (
                    first > maximum,
                    f"{shown} is above the maximum of {top} points",
                    f"{shown} vượt điểm tối đa {top} điểm",
                )
            )
            if self.step is not None:
                step = int(self.step * scale)
                checks.append(
                    (
                        first % step != 0,
                        f"is not a multiple of the step {_plain(self.step)}",
                        f"không phải là bội số của bước chấm {_plain(self.step)} điểm",
                    )
                )
        elif kind == "yes_no":
            checks.append((first > 1, "is not yes (1) or no (0)", "không phải là có hoặc không"))
        elif kind == "target":
            checks.append((second < 0, "has a negative target", "có chỉ tiêu giao là số âm"))
        elif kind == "ratio":
            checks.append(
                (second < 0, "has a negative denominator", "có mẫu số âm"),
            )
            checks.append(
                (first > second, "has a numerator above its denominator", "có tử số lớn hơn mẫu số")
            )
        elif kind == "value":
            limit = int(self.scale_max * scale)
            plain = (second == 0) & (first > limit)  # a ratio is never above 100 %
            scale_max = _plain(self.scale_max)
            if self.kind is RuleKind.SURVEY:
                en = f"the survey index {shown} is above the top of its scale, {scale_max}"
                vi = f"chỉ số khảo sát {shown} vượt mức cao nhất của thang đo ({scale_max})"
            elif self.scale_max == 100:
                en = f"{shown} % is above 100 %"
                vi = f"{shown} % vượt quá 100 %"
            else:
                en = f"{shown} is above the top of the scale, {scale_max}"
                vi = f"{shown} vượt mức cao nhất của thang đo ({scale_max})"
            checks.append((plain, en, vi))
        return checks

    def describe(self, maximum: Decimal, lang: LangLike = Lang.EN) -> str:
        """The rule in words, as a scorecard's explanation quotes it; English by default, numbers
        written as in the language.

        >>> Rule.deduction(Decimal("0.5")).describe(Decimal(2))
        'deduction: 2 less 0.5 per occurrence, not below 0'
        >>> Rule.deduction(Decimal("0.5")).describe(Decimal(2), "vi")
        'trừ điểm: 2 trừ 0,5 mỗi lần, không dưới 0'
        """
        vi = lang_of(lang) is Lang.VI
        kind = self.kind
        top = number(maximum, lang)
        if kind is RuleKind.MANUAL:
            step = number(self.step, lang) if self.step else ""
            if vi:
                return f"chấm điểm: 0 đến {top}" + (f", mỗi bước {step}" if step else "")
            return f"manual: 0 to {top}" + (f" in steps of {step}" if step else "")
        if kind is RuleKind.YES_NO:
            if vi:
                return f"có/không: có được {top}, không được 0"
            return f"yes/no: {top} for yes, 0 for no"
        if kind is RuleKind.BANDED:
            return ("theo mức: " if vi else "banded: ") + "; ".join(
                level.describe(lang) for level in self.levels
            )
        if kind is RuleKind.PROPORTIONAL:
            if vi:
                return f"theo tỷ lệ: {top} × tử số / mẫu số"
            return f"proportional: {top} × numerator / denominator"
        if kind is RuleKind.DEDUCTION:
            per, floor = number(self.per or 0, lang), number(self.floor, lang)
            if vi:
                return f"trừ điểm: {top} trừ {per} mỗi lần, không dưới {floor}"
            return f"deduction: {top} less {per} per occurrence, not below {floor}"
        if kind is RuleKind.BONUS:
            per = number(self.per or 0, lang)
            if vi:
                return f"điểm thưởng: {per} mỗi nội dung, tối đa {top}"
            return f"bonus: {per} per item, capped at {top}"
        if kind is RuleKind.TARGET_RELATIVE:
            return self._describe_target(maximum, vi)
        if vi:
            return f"điều tra xã hội học: {top} × chỉ số / {self.scale_max}"
        return f"survey: {top} × index / {self.scale_max}"

    def _describe_target(self, maximum: Decimal, vi: bool) -> str:
        top = number(maximum, Lang.VI if vi else Lang.EN)
        s, below = self.on_target_share, self.below_share
        if vi:
            what = "tỷ lệ vượt" if self.excess is ExcessBasis.SHARE else "mức vượt"
            fallback_vi = {
                NoTargetPolicy.GROUP_BEST: f"{top} × kết quả / kết quả tốt nhất của khối",
                NoTargetPolicy.UNTARGETED_BEST: (
                    f"{top} × kết quả / kết quả tốt nhất của các đơn vị không được giao "
                    "chỉ tiêu trong khối"
                ),
                NoTargetPolicy.ZERO: "0",
            }[self.no_target]
            return (
                f"theo chỉ tiêu: dưới chỉ tiêu {below} × {top} × kết quả / chỉ tiêu; "
                f"đạt chỉ tiêu {s} × {top}; {what} lớn nhất khối {top}; vượt chỉ tiêu "
                f"{s} × {top} + {1 - s} × {top} × {what} / của đơn vị dẫn đầu; "
                f"không được giao chỉ tiêu: {fallback_vi}"
            )
        what = "excess share" if self.excess is ExcessBasis.SHARE else "excess"
        fallback = {
            NoTargetPolicy.GROUP_BEST: f"{top} × achieved / the group's best",
            NoTargetPolicy.UNTARGETED_BEST: (
                f"{top} × achieved / the best of the group without a target"
            ),
            NoTargetPolicy.ZERO: "0",
        }[self.no_target]
        return (
            f"target-relative: below target {below} × {top} × achieved / target; "
            f"on target {s} × {top}; the group's largest {what} {top}; others "
            f"above target {s} × {top} + {1 - s} × {top} × {what} / the leader's; "
            f"no target: {fallback}"
        )

    # -- a group at once ---------------------------------------------------------------------

    def group_leaders(
        self,
        first: Int64Array,
        second: Int64Array,
        *,
        groups: npt.NDArray[np.intp] | None = None,
        present: npt.NDArray[np.bool_] | None = None,
    ) -> GroupStanding:
        """Where each unit stands in its group under a target-relative rule: the group's
        leader (the largest excess over its target) and the group's best achieved value for
        the units without a target. ``first`` holds achieved values, ``second`` targets (0:
        none), both in the same steps, as :meth:`read` returns them; ``groups`` each unit's
        group number (default: one group) and ``present`` the units that reported (default:
        all)."""
        if self.kind is not RuleKind.TARGET_RELATIVE:
            raise ValidationError(
                "only a target-relative rule compares a unit with its group",
                vi="chỉ quy tắc chấm theo chỉ tiêu giao mới so sánh đơn vị với cả khối",
                field="kind",
                value=self.kind.value,
            )
        return _standing(self, first, second, groups, present)

    def group_points(
        self,
        values: Iterable[object],
        maximum: Decimal | int | str,
        precision: Decimal | str,
        rounding: str = ROUND_HALF_UP,
    ) -> tuple[Decimal, ...]:
        """Points for each of a group's reported values under a rule that needs its group,
        quantized to ``precision``; the same numbers the batch engine gives that group.

        >>> Rule.target_relative().group_points(["50/100", (120, 100)], Decimal(4), Decimal("0.01"))
        (Decimal('1.00'), Decimal('4.00'))
        """
        if not self.kind.needs_group:
            raise ValidationError(
                "scores one value at a time: use points()",
                vi="quy tắc này chấm từng giá trị riêng, không cần số liệu của cả khối",
                field="kind",
                value=self.kind.value,
            )
        maximum, precision = decimal(maximum, "maximum"), _precision(precision)
        rounding = _rounding(rounding)
        if maximum < 0:
            raise _negative("maximum", maximum)
        top = to_scaled(maximum, precision, field="maximum")
        read = [self.read(value, precision) for value in _group_values(values)]
        first = np.array([a for a, _ in read], dtype=np.int64)
        second = np.array([t for _, t in read], dtype=np.int64)
        got = self.evaluate(first, second, top, _scale(precision), rounding)
        return tuple(Decimal(int(p)) * precision for p in got)


def _times(values: Int64Array, factor: int | Int64Array) -> Int64Array:
    """values × factor, exactly: in Python integers where 64 bits could overflow."""
    top = int(np.abs(values).max(initial=0)) * int(np.abs(factor).max(initial=0))
    if top < 2**62:
        return cast(Int64Array, values * factor)
    return cast(Int64Array, values.astype(object) * factor)  # Python ints, never wrapping


# ---------------------------------------------------------------------------------------------
# target- and leader-relative rules: a group at once


@attrs.frozen(eq=False)
class GroupStanding:
    """Where each unit stands in its group under a target-relative rule (a container of
    columns, as :meth:`Rule.group_leaders` gives it): achieved values ``first`` and targets
    ``second`` (0: no target) in steps of the precision, each unit's group number, whether it
    reported, and for each unit the column of its group's ``leader`` (the largest excess over
    the target; -1 if no unit of the group exceeds its target) and of its group's ``best``
    achieved value for the units without a target (-1 if none counts, or the rule gives them
    nothing).

    >>> rule = Rule.target_relative()
    >>> a, t = np.array([80, 150, 120, 90]), np.array([100, 100, 100, 0])
    >>> standing = rule.group_leaders(a, t, groups=np.array([0, 0, 0, 1]))
    >>> standing.leader.tolist(), standing.best.tolist()
    ([1, 1, 1, -1], [-1, -1, -1, 3])
    >>> standing.points(1000, "ROUND_HALF_UP").tolist()
    [400, 1000, 700, 1000]
    """

    rule: Rule
    first: Int64Array
    second: Int64Array
    groups: npt.NDArray[np.intp]
    present: npt.NDArray[np.bool_]
    leader: npt.NDArray[np.intp]
    best: npt.NDArray[np.intp]

    def excess(self, column: int) -> Fraction:
        """The excess of one unit over its target, as the rule measures it (a share of the
        target, or the amount in steps of the precision); 0 at or below the target."""
        a, t = int(self.first[column]), int(self.second[column])
        if t <= 0 or a <= t:
            return Fraction(0)
        return Fraction(a - t, t) if self.rule.excess is ExcessBasis.SHARE else Fraction(a - t)

    def share(self, column: int) -> Fraction:
        """The exact share of the maximum one unit earns (before rounding to the precision)."""
        if not self.present[column]:
            return Fraction(0)
        rule = self.rule
        a, t = int(self.first[column]), int(self.second[column])
        if t > 0:
            if a < t:
                return rule.below_share * Fraction(a, t)
            if a == t:
                return rule.on_target_share
            lead = self.excess(int(self.leader[column]))
            s = rule.on_target_share
            return s + (1 - s) * self.excess(column) / lead
        best = int(self.best[column])
        top = int(self.first[best]) if best >= 0 else 0
        return Fraction(a, top) if top > 0 else Fraction(0)

    def points(self, maximum: int, rounding: str = ROUND_HALF_UP) -> Int64Array:
        """Points of every unit in steps of the precision (``maximum`` in the same steps),
        each rounded once by ``rounding`` from its exact value; 0 for units not present."""
        return _standing_points(self, maximum, _rounding(rounding))


def _group_numbers(groups: object, n: int) -> npt.NDArray[np.intp]:
    if groups is None:
        return np.zeros(n, dtype=np.intp)
    array = np.asarray(groups)
    if array.shape != (n,) or array.dtype.kind not in "iu" or (n and int(array.min()) < 0):
        raise ValidationError(
            "must hold one group number (0 or more) for each unit",
            vi="phải có số thứ tự khối (từ 0) cho mỗi đơn vị",
            field="groups",
            value=array.shape,
        )
    return array.astype(np.intp, copy=False)


def _present(present: object, n: int) -> npt.NDArray[np.bool_]:
    if present is None:
        return np.ones(n, dtype=bool)
    array = np.asarray(present)
    if array.shape != (n,) or array.dtype.kind != "b":
        raise ValidationError(
            "must mark each unit present or not (booleans)",
            vi="phải đánh dấu có hoặc không cho mỗi đơn vị",
            field="present",
            value=array.shape,
        )
    return array


def _first_per_group(
    mask: npt.NDArray[np.bool_], groups: npt.NDArray[np.intp], count: int
) -> npt.NDArray[np.intp]:
    """For each group, the first column where ``mask`` holds (-1 where none)."""
    out = np.full(count, -1, dtype=np.intp)
    idx = np.flatnonzero(mask)
    if idx.size:
        found, pos = np.unique(groups[idx], return_index=True)
        out[found] = idx[pos]
    return out


def _standing(
    rule: Rule, first: object, second: object, groups: object, present: object
) -> GroupStanding:
    a = np.asarray(first)
    t = np.asarray(second)
    if a.ndim != 1 or a.shape != t.shape or a.dtype.kind not in "iu" or t.dtype.kind not in "iu":
        raise ValidationError(
            "achieved values and targets must be two columns of whole numbers of one length",
            vi="giá trị đạt được và chỉ tiêu giao phải là hai cột số nguyên cùng độ dài",
            field="first",
            value=a.shape,
        )
    a, t = a.astype(np.int64, copy=False), t.astype(np.int64, copy=False)
    n = a.shape[0]
    g = _group_numbers(groups, n)
    live = _present(present, n)
    count = int(g.max()) + 1 if n else 0
    has_t = t > 0
    over = live & has_t & (a > t)
    leader_of = np.full(count, -1, dtype=np.intp)
    if over.any():
        n_ex = np.where(over, a - t, 0).astype(object if _wide(a, t) else np.int64)
        if rule.excess is ExcessBasis.SHARE:
            d_max = int(t[over].max())
            key = n_ex * (d_max * d_max) // np.where(over, t, 1).astype(n_ex.dtype)
        else:
            key = n_ex
        # the largest excess per group, compared exactly (a gap between two shares with
        # denominators at most D is at least 1/D², which the key keeps)
        if key.dtype == object:
            top: dict[int, int] = {}
            for j in np.flatnonzero(over).tolist():
                k, grp = key[j], int(g[j])
                if grp not in top or k > top[grp]:
                    top[grp] = k
            lead = np.zeros(n, dtype=bool)
            for j in np.flatnonzero(over).tolist():
                lead[j] = key[j] == top[int(g[j])]
        else:
            gmax = np.full(count, np.iinfo(np.int64).min, dtype=np.int64)
            np.maximum.at(gmax, g[over], key[over])
            lead = over & (key == gmax[g])
        leader_of = _first_per_group(lead, g, count)
    best_of = np.full(count, -1, dtype=np.intp)
    if rule.no_target is not NoTargetPolicy.ZERO:
        pool = live if rule.no_target is NoTargetPolicy.GROUP_BEST else live & ~has_t
        if pool.any():
            gbest = np.full(count, -1, dtype=np.int64)
            np.maximum.at(gbest, g[pool], a[pool].astype(np.int64))
            best_of = _first_per_group(pool & (a == gbest[g]), g, count)
    no_one = np.full(n, -1, dtype=np.intp)
    return GroupStanding(
        rule,
        a,
        t,
        g,
        live,
        leader_of[g] if count else no_one,
        np.where(live & ~has_t, best_of[g], -1) if count else no_one,
    )


def _wide(*columns: npt.NDArray[Any]) -> bool:
    """True when products of three of these values could overflow 64 bits."""
    top = max((int(np.abs(c).max(initial=0)) for c in columns), default=0)
    return top**3 >= 2**62


def _standing_points(standing: GroupStanding, maximum: int, rounding: str) -> Int64Array:
    rule = standing.rule
    a, t, live = standing.first, standing.second, standing.present
    n = a.shape[0]
    out = np.zeros(n, dtype=np.int64)
    s, b = rule.on_target_share, rule.below_share
    wide = _wide(a, t, np.array([maximum * max(s.denominator, b.denominator)]))
    kind: Any = object if wide else np.int64
    has_t = t > 0
    below = live & has_t & (a < t)
    if below.any():
        num = a[below].astype(kind) * (maximum * b.numerator)
        den = t[below].astype(kind) * b.denominator
        out[below] = _round_ratio(num, den, rounding)
    on = live & has_t & (a == t)
    out[on] = _round_ratio(maximum * s.numerator, s.denominator, rounding)
    over = live & has_t & (a > t)
    if over.any():
        lead = standing.leader[over]
        n_ex = (a[over] - t[over]).astype(kind)
        n_lead = (a[lead] - t[lead]).astype(kind)
        if rule.excess is ExcessBasis.SHARE:
            d, d_lead = t[over].astype(kind), t[lead].astype(kind)
        else:
            d = d_lead = np.ones(n_ex.shape, dtype=kind)
        # s + (1 − s) × (n / d) / (n_lead / d_lead), over one denominator
        num = maximum * (s.numerator * d * n_lead + (s.denominator - s.numerator) * n_ex * d_lead)
        out[over] = _round_ratio(num, s.denominator * d * n_lead, rounding)
    none = live & ~has_t
    best = standing.best
    counted = none & (best >= 0)
    if counted.any():
        top = a[best[counted]]
        positive = top > 0
        num = a[counted].astype(kind) * maximum
        got = _round_ratio(num, np.where(positive, top, 1).astype(kind), rounding)
        out[counted] = np.where(positive, got, 0)
    return out


def _read_target(value: object, precision: Decimal) -> tuple[int, int]:
    """An achieved value and its target, ``"A/T"``, ``(A, T)`` or ``A`` alone (no target;
    a target given as 0, blank or None is none either), in ``precision`` steps."""
    achieved: object
    target: object = None
    if isinstance(value, str) and "/" in value:
        achieved, _, target = value.partition("/")
        if "/" in target:
            raise ParseError(
                "is not an achieved value and a target such as 120/100",
                vi="không phải là giá trị đạt được và chỉ tiêu giao dạng 120/100",
                field="value",
                value=value,
            )
        if not target.strip():
            target = None
    elif isinstance(value, tuple | list):
        if len(value) != 2:
            raise CchcTypeError(
                "must be a pair (achieved, target) or a value such as 120/100",
                vi="phải là cặp giá trị đạt được và chỉ tiêu giao dạng 120/100",
                field="value",
                value=value,
            )
        achieved, target = value
    else:
        achieved = value
    numbers = []
    for part in (achieved, target):
        if part is None:
            numbers.append(0)
            continue
        if isinstance(part, np.integer):
            part = int(part)
        number = decimal(part, "value")
        if number < 0:
            raise _negative("value", value)
        numbers.append(to_scaled(number, precision, field="value"))
    return numbers[0], numbers[1]


def _group_values(values: object) -> tuple[object, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise CchcTypeError(
            f"must be the list of the group's values, not {type(values).__name__}",
            vi="phải là danh sách số liệu của các đơn vị trong khối",
            field="values",
            value=values,
        )
    return tuple(values)


def _overlap(a: Level, b: Level) -> bool:
    # two levels are disjoint when one ends before the other starts
    def before(x: Level, y: Level) -> bool:
        if x.upper is None or y.lower is None:
            return False
        return x.upper < y.lower or (
            x.upper == y.lower and not (x.upper_inclusive and y.lower_inclusive)
        )

    return not (before(a, b) or before(b, a))


def _start(level: Level) -> tuple[bool, Decimal, bool]:
    """Where a level starts, for sorting: an open lower bound first."""
    if level.lower is None:
        return (False, Decimal(0), False)
    return (True, level.lower, not level.lower_inclusive)


def _scale(precision: Decimal) -> int:
    exponent = precision.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    scale: int = 10 ** max(0, -exponent)
    if Decimal(1) / scale != precision or scale > 10**6:
        raise ValidationError(
            "must be a power of ten from 1 to 0.000001, such as 0.01",
            vi="phải là 1, 0,1, 0,01 … đến 0,000001 (ví dụ 0,01)",
            field="precision",
            value=precision,
        )
    return scale


_YES = frozenset(fold(v) for v in ("1", "yes", "y", "true", "có", "co", "đạt", "x"))
_NO = frozenset(fold(v) for v in ("0", "no", "n", "false", "không", "khong", "không đạt", ""))


def _read_yes_no(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    if isinstance(value, str) and len(value) <= 64:
        key = fold(value)
        if key in _YES:
            return 1
        if key in _NO:
            return 0
    raise ParseError(
        "is not yes or no (có / không)",
        vi="không phải là có hoặc không",
        field="value",
        value=value,
    )


def _read_count(value: object, field: str) -> int:
    if isinstance(value, np.integer):
        value = int(value)
    if isinstance(value, bool):
        raise CchcTypeError(
            "a yes/no is not a count",
            vi="giá trị có/không không phải là số lượng",
            field=field,
            value=value,
        )
    return whole(value, field)


def _looks_like_ratio(value: object) -> bool:
    return (isinstance(value, str) and "/" in value) or (
        isinstance(value, tuple | list) and len(value) == 2
    )


def _read_ratio(value: object) -> tuple[int, int]:
    if isinstance(value, str):
        parts = value.split("/")
        if len(parts) != 2:
            raise ParseError(
                "is not a ratio such as 45/50",
                vi="không phải là tỷ lệ dạng 45/50",
                field="value",
                value=value,
            )
        num, den = _read_count(parts[0], "value"), _read_count(parts[1], "value")
    elif isinstance(value, tuple | list) and len(value) == 2:
        num, den = _read_count(value[0], "value"), _read_count(value[1], "value")
    else:
        raise CchcTypeError(
            "must be a pair (numerator, denominator) or a ratio such as 45/50",
            vi="phải là tỷ lệ dạng 45/50",
            field="value",
            value=value,
        )
    if num > den:
        raise ValidationError(
            f"the numerator {num} is above the denominator {den}",
            vi=f"tử số {num} lớn hơn mẫu số {den}",
            field="value",
            value=value,
        )
    return num, den


# ---------------------------------------------------------------------------------------------
# criteria


def _criteria(value: object) -> tuple[Criterion, ...]:
    return items_of(value, Criterion, "children")


def _top_criteria(value: object) -> tuple[Criterion, ...]:
    return items_of(value, Criterion, "criteria")


def _area(value: object) -> ReformArea | None:
    if value is None or isinstance(value, ReformArea):
        return value
    code = text(value, "area")
    try:
        return ReformArea.from_code(code)
    except CchcError:
        known = ", ".join(area.code for area in ReformArea)
        raise ValidationError(
            f"is not the code of a reform area; one of: {known}",
            vi=f"không phải là mã nội dung cải cách hành chính; chọn một trong: {known}",
            field="area",
            value=value,
        ) from None


def _optional_rule(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Rule):
        raise CchcTypeError(
            f"must be a Rule, not {type(value).__name__}",
            vi="phải là một quy tắc chấm điểm",
            field=attribute.name,
            value=value,
        )


def _value_repr(member: enum.Enum) -> str:
    """An enum field in a repr as its value (``extra='bonus'``), which the field reads back."""
    return repr(member.value)


def _extra_kind(value: object) -> Extra:
    """An attrs converter: a member of :class:`Extra`, also from its Vietnamese name."""
    if isinstance(value, str) and len(value) <= 64:
        key = fold(value)
        for member, words in _EXTRA_WORDS.items():
            if key in words:
                return member
    return enum_member(Extra, value, "extra")


def _height(node: Criterion) -> int:
    return 1 + max((child.height for child in node.children), default=0)


@attrs.frozen
class Criterion:
    """A node of a framework: a field, criterion or sub-criterion.

    A leaf carries a :class:`Rule` (manual points if none is given). An inner node's maximum
    is the sum of its children's, unless it is ``capped``: then the children may offer more
    and the node's points stop at its maximum. ``lead_unit`` is the unit responsible for
    improving it (cơ quan chủ trì); ``evidence`` the documents a unit must upload (tài liệu
    kiểm chứng); ``not_applicable_allowed`` lets a unit be exempt, its maximum then re-based.
    A tree is at most :data:`MAX_DEPTH` levels deep.

    >>> c = Criterion("1.1", "Kế hoạch CCHC năm", Decimal(1), rule=Rule.yes_no(),
    ...               area="CĐĐH", lead_unit="Sở Nội vụ", evidence=["Kế hoạch"])
    >>> c.area, c.is_leaf, c.height
    (ReformArea.DIRECTION, True, 1)
    >>> Criterion("1", "Tổng", Decimal(1), children=[c, attrs.evolve(c, code="1.2")])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: maximum = Decimal('1'): children's maxima add up to 2, not 1 ...
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    title: str = attrs.field(converter=to_nfc, validator=is_text)
    maximum: Decimal = attrs.field(converter=_dec_maximum)
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    rule: Rule | None = attrs.field(default=None, validator=_optional_rule)
    area: ReformArea | None = attrs.field(default=None, converter=_area)
    lead_unit: str | None = attrs.field(default=None, converter=_opt_text_lead_unit)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_texts_evidence)
    capped: bool = attrs.field(default=False, validator=is_bool)
    not_applicable_allowed: bool = attrs.field(default=False, validator=is_bool)
    illustrative: bool = attrs.field(default=False, validator=is_bool)
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    #: Base points, or extra points outside the scale (see :class:`Extra`).
    extra: Extra = attrs.field(default=Extra.BASE, converter=_extra_kind, repr=_value_repr)
    #: How many levels the tree has from here down: 1 for a leaf.
    height: int = attrs.field(
        init=False, eq=False, hash=False, repr=False, default=attrs.Factory(_height, True)
    )

    def __attrs_post_init__(self) -> None:
        if self.height > MAX_DEPTH:
            raise ValidationError(
                f"the tree is {self.height} levels deep; the limit is {MAX_DEPTH}",
                vi=f"cây tiêu chí lồng nhau {self.height} cấp, vượt giới hạn {MAX_DEPTH} cấp",
                field=self._deepest_path(),
                value=self.code,
                code="criteria.too-deep",
            )
        if self.maximum < 0:
            raise _negative("maximum", self.maximum)
        if self.maximum > 10**6:
            raise ValidationError(
                "is above a million points",
                vi="vượt quá một triệu điểm",
                field="maximum",
                value=self.maximum,
            )
        if self.children and self.rule is not None:
            raise ValidationError(
                "only a leaf criterion has a rule; this one has children",
                vi="chỉ tiêu chí không có tiêu chí con mới có quy tắc chấm điểm",
                field="rule",
                value=self.rule.kind.value,
            )
        if self.children:
            total = sum((c.maximum for c in self.children), Decimal(0))
            if total != self.maximum and not (self.capped and total > self.maximum):
                raise ValidationError(
                    f"children's maxima add up to {total}, not {self.maximum}"
                    + ("" if self.capped else " (mark the criterion capped if that is meant)"),
                    vi=f"tổng điểm tối đa của các tiêu chí con là {_plain(total)}, không bằng "
                    f"{_plain(self.maximum)}",
                    field="maximum",
                    value=self.maximum,
                    code="criteria.maximum-mismatch",
                )

    def _deepest_path(self) -> str:
        """The path to the criterion that is one level too deep (``children[0].children[2]…``)."""
        parts, node = [], self
        for _ in range(MAX_DEPTH):
            i = max(range(len(node.children)), key=lambda k: node.children[k].height)
            parts.append(f"children[{i}]")
            node = node.children[i]
        return ".".join(parts)

    @property
    def is_leaf(self) -> bool:
        """True for a criterion scored directly by a rule."""
        return not self.children

    @property
    def effective_rule(self) -> Rule:
        """The leaf's rule (manual points when none was given)."""
        return self.rule if self.rule is not None else Rule.manual()

    def walk(self, path: str = "") -> Iterator[tuple[str, Criterion]]:
        """This criterion and every descendant, depth first, with their paths."""
        stack = [(path, self)]
        while stack:
            where, node = stack.pop()
            yield where, node
            children = node.children
            stack.extend(
                (f"{where}.children[{i}]", children[i]) for i in range(len(children) - 1, -1, -1)
            )

    def leaves(self) -> Iterator[Criterion]:
        """The leaf criteria under (or equal to) this one, in order."""
        for _, node in self.walk():
            if node.is_leaf:
                yield node

    def __str__(self) -> str:
        return f"{self.code}. {self.title} ({self.maximum})"


# ---------------------------------------------------------------------------------------------
# frameworks


def _bands(value: object) -> tuple[Band, ...]:
    return items_of(value, Band, "bands")


def _year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"must be a whole year, not {type(value).__name__}",
            vi="phải là một năm (số nguyên)",
            field="year",
            value=value,
        )
    if not 1900 <= value <= 2200:
        raise ValidationError(
            "is not a plausible year (1900 to 2200)",
            vi="không phải là năm hợp lệ (từ 1900 đến 2200)",
            field="year",
            value=value,
        )


def _precision(value: object) -> Decimal:
    precision = decimal(value, "precision")
    _scale(precision)
    return precision


def _rounding_error(value: object) -> ValidationError:
    known = ", ".join(sorted(ROUNDINGS))
    return ValidationError(
        f"is not a rounding rule; one of: {known}",
        vi=f"không phải là quy tắc làm tròn hợp lệ; chọn một trong: {known}",
        field="rounding",
        value=value,
    )


def _rounding(value: object) -> str:
    if not isinstance(value, str) or value not in ROUNDINGS:
        raise _rounding_error(value)
    return value


def _band_basis(value: object) -> BandBasis:
    return enum_member(BandBasis, value, "band_basis")


def _opt_extra_min(value: object) -> Decimal | None:
    return optional_decimal(value, "extra_min")


def _opt_extra_max(value: object) -> Decimal | None:
    return optional_decimal(value, "extra_max")


def _opt_index_cap(value: object) -> Decimal | None:
    return optional_decimal(value, "index_cap")


def _absent_policy(value: object) -> Absent:
    return enum_member(Absent, value, "absent_survey")


@attrs.frozen
class Framework:
    """A criteria framework: what units are scored against.

    ``source`` cites the decision it comes from ("Quyết định số 1880/QĐ-UBND năm 2013 của
    UBND tỉnh Cà Mau"); ``applies_to`` names unit kinds (``"so"``, ``"xa"`` …); ``bands``
    classify the index (per cent) or the points. Points are kept at ``precision`` (0.01 unless
    the framework says otherwise) and ``rounding`` applies where a rule yields a fraction.
    The constructor runs the checks of :meth:`findings` and refuses a framework with any
    error, so what :meth:`findings` returns of a framework that exists are warnings.

    >>> fw = load_bundled("cchc-campaign-6")
    >>> fw.maximum, len(fw.criteria)
    (Decimal('100'), 6)
    """

    id: str = attrs.field(converter=to_nfc, validator=is_text)
    title: str = attrs.field(converter=to_nfc, validator=is_text)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_top_criteria)
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    source_url: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    year: int | None = attrs.field(default=None, validator=_year)
    applies_to: tuple[str, ...] = attrs.field(default=(), converter=_texts_applies_to)
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_bands)
    band_basis: BandBasis = attrs.field(default=BandBasis.PERCENT, converter=_band_basis)
    precision: Decimal = attrs.field(default=Decimal("0.01"), converter=_precision)
    rounding: str = attrs.field(default=ROUND_HALF_UP, converter=_rounding)
    illustrative: bool = attrs.field(default=False, validator=is_bool)
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    #: The least and the most that bonus minus penalty may add to the base points (a clamp
    #: range; None: no limit). The least is 0 or below, the most 0 or above.
    extra_min: Decimal | None = attrs.field(default=None, converter=_opt_extra_min)
    extra_max: Decimal | None = attrs.field(default=None, converter=_opt_extra_max)
    #: The highest index (per cent) a unit may reach with bonus points (None: no cap).
    index_cap: Decimal | None = attrs.field(default=None, converter=_opt_index_cap)
    #: What happens to the survey criteria of a unit whose survey was not run.
    absent_survey: Absent = attrs.field(
        default=Absent.ZERO, converter=_absent_policy, repr=_value_repr
    )

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def __attrs_post_init__(self) -> None:
        findings = [f for f in _framework_findings(self) if f.severity is Severity.ERROR]
        if findings:
            raise InvalidDocumentError(f"framework {self.id!r}", findings)

    @property
    def maximum(self) -> Decimal:
        """The framework's base maximum (usually 100): the sum of its top-level criteria, bonus
        and penalty criteria left out (they are outside the scale)."""
        return sum((c.maximum for c in self.criteria if c.extra is Extra.BASE), Decimal(0))

    @property
    def bonus_maximum(self) -> Decimal:
        """The most bonus points its bonus criteria offer (0 without any).

        >>> base = Criterion("1", "Công tác chỉ đạo", Decimal(100))
        >>> flag = Criterion("T", "Cờ thi đua", Decimal(15), rule=Rule.yes_no(), extra="bonus")
        >>> cut = Criterion("Tr", "Vi phạm", Decimal(10), rule=Rule.bonus(2), extra="điểm trừ")
        >>> fw = Framework("x", "X", [base, flag, cut])
        >>> fw.maximum, fw.bonus_maximum, fw.penalty_maximum, fw.index_top
        (Decimal('100'), Decimal('15'), Decimal('10'), Fraction(115, 1))
        """
        return sum((c.maximum for c in self.criteria if c.extra is Extra.BONUS), Decimal(0))

    @property
    def penalty_maximum(self) -> Decimal:
        """The most penalty points its penalty criteria can take away (0 without any)."""
        return sum((c.maximum for c in self.criteria if c.extra is Extra.PENALTY), Decimal(0))

    @property
    def has_extras(self) -> bool:
        """True if any top-level criterion is a bonus or a penalty."""
        return any(c.extra is not Extra.BASE for c in self.criteria)

    @property
    def index_top(self) -> Fraction:
        """The highest index (per cent) a unit scoring every base point and every bonus can
        reach, by the framework's nominal maxima: 100 without bonus, never above
        ``index_cap``. Percent bands must reach it."""
        base, bonus = self.maximum, self.bonus_maximum
        if self.extra_max is not None:
            bonus = min(bonus, self.extra_max)
        top = Fraction(100) if not base else Fraction(base + bonus) * 100 / Fraction(base)
        return top if self.index_cap is None else min(top, Fraction(self.index_cap))

    @property
    def points_top(self) -> Decimal:
        """The most points a unit can count with every bonus (for bands on points)."""
        bonus = self.bonus_maximum
        if self.extra_max is not None:
            bonus = min(bonus, self.extra_max)
        top = self.maximum + bonus
        if self.index_cap is not None:
            top = min(top, self.index_cap * self.maximum / 100)
        return top

    @property
    def scale(self) -> int:
        """Steps per point at this precision (100 for 0.01)."""
        return _scale(self.precision)

    def walk(self) -> Iterator[tuple[str, Criterion]]:
        """Every criterion with its path (``criteria[0].children[2]``), depth first."""
        for i, top in enumerate(self.criteria):
            yield from top.walk(f"criteria[{i}]")

    def leaves(self) -> tuple[Criterion, ...]:
        """The leaf criteria, in order: the columns of a score table."""
        return tuple(node for _, node in self.walk() if node.is_leaf)

    def find(self, code: str) -> Criterion:
        """The criterion with this code (compared after :func:`~cchc.text.fold`)."""
        key = fold(text(code, "code"))
        for _, node in self.walk():
            if fold(node.code) == key:
                return node
        raise NotFoundError(
            f"no criterion of framework {self.id!r} has this code",
            vi=f"không có tiêu chí nào mang mã này trong bộ tiêu chí “{self.title}”",
            field="code",
            value=code,
        )

    def band_for(self, value: Fraction | Decimal) -> Band | None:
        """The band an exact index (or points, by ``band_basis``) falls in, if any.

        >>> fw = load_bundled("cchc-campaign-6")
        >>> fw.band_for(Fraction(90)).label, fw.band_for(Fraction(8999, 100)).label
        ('Xuất sắc', 'Tốt')
        """
        exact = _exact(value, "value")
        for band in self.bands:
            if band.contains(exact):
                return band
        return None

    def __str__(self) -> str:
        return self.title

    def findings(self) -> tuple[Finding, ...]:
        """Every finding on the framework: the errors (duplicate codes, maxima finer than the
        precision, rules that do not fit their maximum, extra-point limits that do not fit,
        bands with gaps or overlaps or not reaching across the range) and the warnings (a
        penalty scored by deduction, a policy for an absent survey in a framework without a
        survey). Nothing found is raised.

        Children's maxima are checked when each :class:`Criterion` is built;
        :func:`parse_framework` and :func:`cchc.formats.findings` report those too, with their
        paths. A framework that exists has no error (its constructor refuses any), so what
        remains are warnings:

        >>> load_bundled("cchc-campaign-6").findings()
        ()
        >>> yes = Criterion("1", "Ban hành kế hoạch", Decimal(1), rule=Rule.yes_no())
        >>> [f.code for f in Framework("x", "X", [yes], absent_survey="rebase").findings()]
        ['framework.absent-survey']
        """
        return tuple(_framework_findings(self))

    def check(self) -> tuple[Finding, ...]:
        """Like :meth:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
        every finding when any is an error; otherwise return the warnings and notes (for a
        framework that exists, always the latter: its constructor refuses an error).

        >>> yes = Criterion("1", "Ban hành kế hoạch", Decimal(1), rule=Rule.yes_no())
        >>> [f.severity.value for f in Framework("x", "X", [yes], absent_survey="rebase").check()]
        ['warning']
        """
        found = tuple(_framework_findings(self))
        if any(f.severity is Severity.ERROR for f in found):
            raise InvalidDocumentError(f"framework {self.id!r}", found)
        return found


def framework_findings(framework: Framework) -> list[Finding]:
    """Deprecated: use :meth:`Framework.findings` (``framework.findings()``, a tuple)."""
    deprecated("cchc.criteria.framework_findings(framework)", "framework.findings()")
    return _framework_findings(framework)


def _framework_findings(framework: Framework) -> list[Finding]:
    """The findings of :meth:`Framework.findings`, the argument checked."""
    _framework(framework)
    findings: list[Finding] = []
    if not framework.criteria:
        findings.append(Finding("framework.empty", "criteria", _EMPTY_VI, _EMPTY_EN))
    seen: dict[str, tuple[str, Criterion]] = {}
    precision = framework.precision
    for path, node in framework.walk():
        key = fold(node.code)
        if key in seen:
            first_path, first = seen[key]
            findings.append(
                Finding(
                    "criteria.duplicate-code",
                    f"{path}.code",
                    f"Mã tiêu chí “{node.code}” trùng với mã của tiêu chí “{first.title}”",
                    f"code {node.code!r} is already used at {first_path}",
                )
            )
        else:
            seen[key] = (path, node)
        if node.maximum != node.maximum.quantize(precision, rounding=ROUND_DOWN):
            findings.append(
                Finding(
                    "criteria.precision",
                    f"{path}.maximum",
                    f"Điểm tối đa {_plain(node.maximum)} có nhiều chữ số thập phân hơn độ "
                    f"chính xác {_plain(precision)}",
                    f"maximum {node.maximum} is finer than the precision {precision}",
                )
            )
        if node.children:
            total = sum((c.maximum for c in node.children), Decimal(0))
            if total != node.maximum and not (node.capped and total > node.maximum):
                findings.append(_mismatch(path, node.maximum, total))
        else:
            for field, vi, en in node.effective_rule.problems(node.maximum, precision):
                findings.append(Finding("criteria.rule", f"{path}.rule.{field}", vi, en))
    findings.extend(_extra_findings(framework))
    top: Decimal | Fraction = (
        framework.index_top if framework.band_basis is BandBasis.PERCENT else framework.points_top
    )
    findings.extend(_band_findings(framework.bands, top))
    return findings


def _extra_findings(framework: Framework) -> list[Finding]:
    """Extra points declared where they cannot be counted, limits that do not fit, and a
    policy for an absent survey in a framework without a survey."""
    findings: list[Finding] = []
    for i, top in enumerate(framework.criteria):
        for path, node in top.walk(f"criteria[{i}]"):
            if node is not top and node.extra not in (Extra.BASE, top.extra):
                findings.append(
                    Finding(
                        "criteria.extra-nested",
                        f"{path}.extra",
                        "Điểm thưởng, điểm trừ chỉ khai ở lĩnh vực hoặc tiêu chí cấp cao nhất; "
                        f"tiêu chí “{node.code}” nằm trong “{top.code}” nên theo loại điểm của "
                        f"“{top.code}”",
                        f"extra points are declared on a top-level criterion; {node.code!r} "
                        f"sits under {top.code!r} and takes its kind ({top.extra.value})",
                    )
                )
            if (
                top.extra is Extra.PENALTY
                and node.is_leaf
                and node.effective_rule.kind is RuleKind.DEDUCTION
            ):
                findings.append(
                    Finding(
                        "criteria.penalty-deduction",
                        f"{path}.rule.kind",
                        f"Tiêu chí điểm trừ “{node.code}” chấm theo cách trừ dần nên đơn vị không "
                        "vi phạm lại bị trừ nhiều nhất; hãy chấm theo số lần vi phạm nhân số điểm "
                        "mỗi lần (bonus)",
                        f"penalty {node.code!r} uses a deduction rule, so a unit with no fault "
                        "loses the most; a penalty counts faults × points each (a bonus rule)",
                        Severity.WARNING,
                    )
                )
    precision = framework.precision
    for name, value, sign in (
        ("extra_min", framework.extra_min, -1),
        ("extra_max", framework.extra_max, 1),
    ):
        if value is None:
            continue
        if value * sign < 0:
            word = "không được lớn hơn 0" if sign < 0 else "không được nhỏ hơn 0"
            findings.append(
                Finding(
                    "framework.extra-range",
                    name,
                    f"Giới hạn điểm thưởng trừ điểm trừ {_plain(value)} {word}",
                    f"{value} must be {'0 or below' if sign < 0 else '0 or above'}",
                )
            )
        if value != value.quantize(precision, rounding=ROUND_DOWN):
            findings.append(
                Finding(
                    "framework.precision",
                    name,
                    f"{_plain(value)} có nhiều chữ số thập phân hơn độ chính xác "
                    f"{_plain(precision)}",
                    f"{value} is finer than the precision {precision}",
                )
            )
    cap = framework.index_cap
    if cap is not None and cap < 100:
        findings.append(
            Finding(
                "framework.index-cap",
                "index_cap",
                f"Chỉ số tối đa {_plain(cap)} % phải từ 100 % trở lên",
                f"the index cap {cap} % must be 100 % or above",
            )
        )
    if framework.absent_survey is Absent.REBASE and not any(
        node.effective_rule.kind is RuleKind.SURVEY for node in framework.leaves()
    ):
        findings.append(
            Finding(
                "framework.absent-survey",
                "absent_survey",
                "Bộ tiêu chí không có tiêu chí chấm theo kết quả điều tra xã hội học nên quy "
                "định quy về thang điểm 100 khi không điều tra không có tác dụng",
                "the framework has no survey-scored criterion, so re-basing an absent survey "
                "does nothing",
                Severity.WARNING,
            )
        )
    return findings


def _framework(value: object) -> Framework:
    if not isinstance(value, Framework):
        raise CchcTypeError(
            f"must be a Framework, not {type(value).__name__}",
            vi="phải là một bộ tiêu chí",
            field="framework",
            value=value,
        )
    return value


def _top_text(top: Decimal | Fraction) -> str:
    """The top of the band range as a person writes it (a fraction to two decimals, ≈)."""
    if isinstance(top, Decimal):
        return _plain(top)
    shown = (Decimal(top.numerator) / Decimal(top.denominator)).quantize(Decimal("0.01"))
    return _plain(shown) if shown == top else f"≈ {shown}"


def _mismatch(path: str, maximum: Decimal, total: Decimal) -> Finding:
    return Finding(
        "criteria.maximum-mismatch",
        f"{path}.maximum",
        f"Tổng điểm tối đa của các tiêu chí con là {_plain(total)}, không bằng {_plain(maximum)}",
        f"children's maxima add up to {total}, not {maximum}",
    )


def _band_findings(bands: Sequence[Band], top: Decimal | Fraction) -> list[Finding]:
    """Gaps and overlaps of bands that must cover 0 up to ``top`` (the highest index, or the
    most points, a unit can reach)."""
    if not bands:
        return []
    order = sorted(range(len(bands)), key=lambda i: (bands[i].lower, not bands[i].lower_inclusive))
    findings = []
    first, last = bands[order[0]], bands[order[-1]]
    if first.lower > 0 or (first.lower == 0 and not first.lower_inclusive):
        findings.append(
            Finding(
                "bands.gap",
                f"bands[{order[0]}].lower",
                f"Không có loại xếp hạng nào cho giá trị từ 0 đến {_plain(first.lower)}",
                f"no band covers 0 up to {first.lower}",
            )
        )
    if last.upper < top or (last.upper == top and not last.upper_inclusive):
        findings.append(
            Finding(
                "bands.gap",
                f"bands[{order[-1]}].upper",
                f"Không có loại xếp hạng nào cho giá trị từ {_plain(last.upper)} đến "
                f"{_top_text(top)}",
                f"no band covers {last.upper} up to {_top_text(top)}",
            )
        )
    for a_i, b_i in itertools.pairwise(order):
        a, b = bands[a_i], bands[b_i]
        if a.upper < b.lower or (
            a.upper == b.lower and not (a.upper_inclusive or b.lower_inclusive)
        ):
            findings.append(
                Finding(
                    "bands.gap",
                    f"bands[{b_i}].lower",
                    f"Không có loại xếp hạng nào cho giá trị giữa loại “{a.label}” và loại "
                    f"“{b.label}” (tại {_plain(a.upper)})",
                    f"gap between {a.label!r} and {b.label!r} at {a.upper}",
                )
            )
        elif a.upper > b.lower or (a.upper_inclusive and b.lower_inclusive):
            findings.append(
                Finding(
                    "bands.overlap",
                    f"bands[{b_i}].lower",
                    f"Loại “{a.label}” và loại “{b.label}” chồng lên nhau tại {_plain(b.lower)}",
                    f"bands {a.label!r} and {b.label!r} overlap at {b.lower}",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# loading from TOML


def parse_framework(text: str) -> Framework:
    """Read a framework from TOML text, through :func:`cchc.formats.loads` (the one reader of
    the library's formats); raise :class:`~cchc.errors.InvalidDocumentError` with every
    problem found, each at the path of the field at fault (bad TOML, or nesting deeper than
    :data:`cchc.formats.MAX_DEPTH`, gives a :class:`~cchc.errors.ParseError`).

    The framework's own fields may sit in a ``[framework]`` table, as in the bundled files, or
    at the top, as :func:`cchc.formats.dumps` writes them.

    >>> fw = parse_framework('''
    ... [framework]
    ... id = "mini"
    ... title = "Mini"
    ... [[criteria]]
    ... code = "1"
    ... title = "Báo cáo"
    ... maximum = 2
    ... rule = { kind = "yes_no" }
    ... ''')
    >>> fw.find("1").effective_rule.kind
    RuleKind.YES_NO
    >>> parse_framework('[framework]\\nid = "x"\\ntitle = "X"\\n[[criteria]]\\ncode = "1"\\n'
    ...                 'title = "A"\\nmaximum = -1')
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: framework file: 1 problem
      error data.invalid at criteria[0].maximum: criteria[0].maximum = -1: must not be negative ...
    """
    from cchc import formats  # the edge reads the domain; the domain reaches it only here

    if not isinstance(text, str):
        raise CchcTypeError(
            f"framework text must be a str, not {type(text).__name__}",
            vi="nội dung bộ tiêu chí phải là văn bản",
            field="text",
            value=type(text).__name__,
        )
    try:
        return formats.loads(text, Framework, format="toml")
    except ParseError as exc:
        if exc.code != "data.invalid":  # the text itself: not TOML, nested too deep
            raise
        raise InvalidDocumentError("framework file", exc.findings) from None


_EMPTY_VI = "Bộ tiêu chí chưa có tiêu chí nào"
_EMPTY_EN = "the framework has no criteria"

# TOML basic strings hold any character but the quotation mark, the backslash and the control
# characters other than tab (U+0000 to U+001F, U+007F): those are written as escapes.
_TOML_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_TOML_ESCAPES.update(
    {ord('"'): '\\"', ord("\\"): "\\\\", 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}
)


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string that reads back as exactly ``value``.

    >>> print(_toml_string('a "b"\\x7f\\n'))
    "a \\"b\\"\\u007F\\n"
    """
    return f'"{value.translate(_TOML_ESCAPES)}"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal | Fraction):
        return _toml_string(str(value))
    if isinstance(value, enum.Enum):
        return _toml_string(str(value.value))
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise CchcTypeError(
        "cannot be written as TOML",
        vi="không ghi được vào tệp TOML",
        field="value",
        value=type(value).__name__,
    )


def _changed(instance: Any, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """The fields of an attrs instance that differ from their defaults, in field order."""
    out: dict[str, object] = {}
    for field in attrs.fields(type(instance)):
        if field.name in skip or not field.init:
            continue
        value = getattr(instance, field.name)
        default: Any = field.default
        convert: Any = field.converter
        has_default = default is not attrs.NOTHING and not isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        if has_default and (
            value == default or (convert is not None and value == convert(default))
        ):
            continue
        out[field.name] = value
    return out


def _rule_table(rule: Rule) -> dict[str, object]:
    data = _changed(rule)
    if "levels" in data:
        data["levels"] = [_changed(level) for level in rule.levels]
    return data


def format_framework(framework: Framework) -> str:
    """Write a framework as TOML that :func:`parse_framework` reads back to an equal framework
    (numbers as exact decimal strings, defaults left out).

    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> parse_framework(format_framework(fw)) == fw
    True
    >>> print(format_framework(fw).splitlines()[0])
    [framework]
    """
    _framework(framework)
    lines = ["[framework]"]
    for key, value in _changed(framework, skip=("criteria", "bands")).items():
        lines.append(f"{key} = {_toml_value(value)}")
    for band in framework.bands:
        lines += ["", "[[framework.bands]]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in _changed(band).items()]

    for path, node in framework.walk():  # depth first: each table after its parent's
        header = "criteria" + ".children" * path.count(".children[")
        lines.extend(["", f"[[{header}]]"])
        for key, value in _changed(node, skip=("children", "rule")).items():
            lines.append(f"{key} = {_toml_value(value)}")
        if node.rule is not None:
            lines.append(f"rule = {_toml_value(_rule_table(node.rule))}")
    return "\n".join(lines) + "\n"


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a framework from a TOML file (or, for a name ending in ``.json``, a JSON file),
    through :mod:`cchc.formats`.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "fw.toml"
    >>> _ = path.write_text(format_framework(load_bundled("cchc-campaign-6")), encoding="utf-8")
    >>> load_framework(path).id
    'cchc-campaign-6'
    >>> from cchc import formats
    >>> formats.dump(load_bundled("cchc-campaign-6"), path.with_suffix(".json"))
    >>> load_framework(path.with_suffix(".json")) == load_bundled("cchc-campaign-6")
    True
    """
    if isinstance(path, str | os.PathLike) and os.fspath(path).casefold().endswith(".json"):
        from cchc import formats

        try:
            return formats.load(path, Framework)
        except ParseError as exc:
            if exc.code != "data.invalid":
                raise
            raise InvalidDocumentError("framework file", exc.findings) from None
    if not isinstance(path, str | os.PathLike):
        raise CchcTypeError(
            f"must be a path, not {type(path).__name__}",
            vi="phải là đường dẫn tới tệp",
            field="path",
            value=path,
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise NotFoundError(
            "no such file", vi="không tìm thấy tệp", field="path", value=str(path)
        ) from None
    except (OSError, ValueError) as exc:
        raise ParseError(
            f"cannot be read: {exc}", vi="không đọc được tệp", field="path", value=str(path)
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"the file is not UTF-8: {exc}",
            vi="tệp không được lưu theo bảng mã UTF-8",
            field="path",
            value=str(path),
        ) from None
    return parse_framework(text)


def bundled_frameworks() -> tuple[str, ...]:
    """Names of the frameworks shipped with ``cchc``.

    >>> "cchc-campaign-6" in bundled_frameworks()
    True
    """
    folder = importlib.resources.files("cchc.frameworks")
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def load_bundled(name: str) -> Framework:
    """Load a framework shipped with ``cchc`` by name (see :func:`bundled_frameworks`).

    >>> load_bundled("CA-MAU-1880-2013").year
    2013
    """
    names = bundled_frameworks()
    key = fold(text(name, "name")) if len(text(name, "name")) <= 200 else ""
    matches = [n for n in names if fold(n) == key]
    if not matches:
        raise NotFoundError(
            f"no bundled framework has this name; known: {', '.join(names)}",
            vi=f"không có bộ tiêu chí kèm theo nào mang tên này; có: {', '.join(names)}",
            field="name",
            value=name,
        )
    resource = importlib.resources.files("cchc.frameworks") / f"{matches[0]}.toml"
    return parse_framework(resource.read_text(encoding="utf-8"))
