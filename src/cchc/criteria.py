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
import json
import os
import tomllib
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
    InvalidOperation,
)
from fractions import Fraction
from typing import Any, TypeVar, cast

import attrs
import numpy as np
import numpy.typing as npt

from cchc.areas import ReformArea
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    ValidationError,
)
from cchc.text import fold, nfc

__all__ = [
    "NUMBER_LIMIT",
    "ROUNDINGS",
    "Band",
    "BandBasis",
    "Criterion",
    "Framework",
    "Level",
    "Rule",
    "RuleKind",
    "bundled_frameworks",
    "format_framework",
    "framework_findings",
    "load_bundled",
    "load_framework",
    "parse_framework",
    "round_ratio",
    "to_scaled",
]

Int64Array = npt.NDArray[np.int64]
_IntOrArray = TypeVar("_IntOrArray", int, Int64Array)
_T = TypeVar("_T")

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
# exact numbers


#: The largest magnitude and the finest step a number in a framework or a score may have:
#: scores are given to at most two decimals in practice, and no count reaches a trillion.
NUMBER_LIMIT = 10**12


def _decimal(value: object) -> Decimal:
    """Read an exact number: int, Decimal or numeric text (a decimal comma is accepted)."""
    number = _decimal_unchecked(value)
    if abs(number) >= NUMBER_LIMIT:
        raise ValidationError(f"is too large (the limit is {NUMBER_LIMIT:,})", value=value)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -12:
        raise ValidationError("has more than 12 decimals", value=value)
    return number


def _decimal_unchecked(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CchcTypeError("a yes/no is not a number", value=value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError("must be a finite number", value=value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Fraction):
        digits = 0
        while (10**digits) % value.denominator and digits <= 12:
            digits += 1
        if (10**digits) % value.denominator:
            raise ValidationError("has no exact decimal form", value=value)
        return Decimal(value.numerator * (10**digits // value.denominator)).scaleb(-digits)
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ParseError("is not a number", value=value) from None
        if not result.is_finite():
            raise ParseError("must be a finite number", value=value)
        return result
    if isinstance(value, float):
        raise CchcTypeError("floats are not exact; give an int, a Decimal or text", value=value)
    raise CchcTypeError(f"expected a number, got {type(value).__name__}", value=value)


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)


# ---------------------------------------------------------------------------------------------
# type checks at the door: anything odd is a CchcError, never a bare TypeError


def _text(value: object, field: str = "value") -> str:
    """``value`` in NFC, refusing anything that is not text."""
    if not isinstance(value, str):
        raise CchcTypeError(f"must be text, got {type(value).__name__}", field=field, value=value)
    return nfc(value)


def _nfc_any(value: str) -> str:
    """An attrs converter: text in NFC; anything else is left for :func:`_is_text` to refuse."""
    return nfc(value) if isinstance(value, str) else value


def _is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field must be text."""
    if not isinstance(value, str):
        raise CchcTypeError(
            f"must be text, got {type(value).__name__}", field=attribute.name, value=value
        )


def _sequence(value: object, field: str) -> tuple[Any, ...]:
    """The items of a list-like ``value`` (not text, bytes or a mapping)."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        raise CchcTypeError(f"must be a list, got {type(value).__name__}", field=field, value=value)
    return tuple(value)


def _items_of(value: object, kind: type[_T], field: str) -> tuple[_T, ...]:
    items = _sequence(value, field)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise CchcTypeError(
                f"must be a {kind.__name__}, got {type(item).__name__}",
                field=f"{field}[{i}]",
                value=item,
            )
    return cast(tuple[_T, ...], items)


def _is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a flag must be True or False, not 1, "yes" or None."""
    if not isinstance(value, bool):
        raise CchcTypeError(
            f"must be True or False, got {type(value).__name__}", field=attribute.name, value=value
        )


def _enum_missing(cls: type[enum.Enum], value: object) -> enum.Enum:
    """Look an enum member up by its value or name, folded; refuse anything else."""
    if isinstance(value, str):
        key = fold(value).replace("-", "_").replace(" ", "_")
        for member in cls:
            if key in (fold(str(member.value)), member.name.casefold()):
                return member
    known = ", ".join(repr(m.value) for m in cls)
    raise ValidationError(f"is not a {cls.__name__}; known: {known}", value=value)


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
    value, precision = _decimal(value), _precision(precision)
    steps = value / precision
    if steps != steps.to_integral_value():
        raise ValidationError(
            f"has more decimals than the precision {precision}", field=field, value=value
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
                f"must be a whole number or an int64 array, got {type(part).__name__}",
                field=name,
                value=part,
            )
        if isinstance(part, np.ndarray) and part.dtype.kind not in "iu":
            raise CchcTypeError("must hold whole numbers", field=name, value=str(part.dtype))
    if np.any(np.asarray(denominator) <= 0) or np.any(np.asarray(numerator) < 0):
        raise ValidationError(
            "needs a non-negative numerator and a positive denominator",
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
        raise ValidationError("is not a known rounding rule", field="rounding", value=rounding)
    return quotient + up


# ---------------------------------------------------------------------------------------------
# intervals: levels of a banded rule, and classification bands


def _check_interval(
    lower: Decimal | None, upper: Decimal | None, lower_inclusive: bool, upper_inclusive: bool
) -> None:
    if lower is not None and upper is not None:
        empty = lower > upper or (lower == upper and not (lower_inclusive and upper_inclusive))
        if empty:
            raise ValidationError(
                f"the interval from {lower} to {upper} is empty", field="upper", value=upper
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
    lower: Decimal | None, upper: Decimal | None, lower_inclusive: bool, upper_inclusive: bool
) -> str:
    parts = []
    if lower is not None:
        parts.append(f"{'≥' if lower_inclusive else '>'} {lower}")
    if upper is not None:
        parts.append(f"{'≤' if upper_inclusive else '<'} {upper}")
    return " and ".join(parts) or "any value"


@attrs.frozen
class Level:
    """One level of a banded rule: ``points`` for a measured value inside the interval.

    Bounds are inclusive or exclusive as the decision states them ("từ 95 % đến dưới 100 %"
    is ``lower=95, upper=100, upper_inclusive=False``); a missing bound is open.

    >>> level = Level(Decimal("0.5"), lower=Decimal(95), upper=Decimal(100))
    >>> level.contains(Decimal(95)), level.contains(Decimal(100))
    (True, False)
    >>> str(level)
    '≥ 95 and < 100: 0.5'
    """

    points: Decimal = attrs.field(converter=_decimal)
    lower: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    upper: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    lower_inclusive: bool = attrs.field(default=True, validator=_is_bool)
    upper_inclusive: bool = attrs.field(default=False, validator=_is_bool)
    label: str = attrs.field(default="", converter=_nfc_any, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        if self.points < 0:
            raise ValidationError("must not be negative", field="points", value=self.points)
        _check_interval(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive)

    def contains(self, value: Decimal | Fraction) -> bool:
        """True if ``value`` lies in this level's interval."""
        return _contains(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive, value)

    def __str__(self) -> str:
        interval = _interval_text(
            self.lower, self.upper, self.lower_inclusive, self.upper_inclusive
        )
        return f"{interval}: {self.points}"


class BandBasis(enum.Enum):
    """What classification bands are measured on: the index in per cent or the points.

    >>> BandBasis("points")
    BandBasis.POINTS
    """

    PERCENT = "percent"
    POINTS = "points"

    def __repr__(self) -> str:
        return f"BandBasis.{self.name}"

    @classmethod
    def _missing_(cls, value: object) -> BandBasis:
        return cast(BandBasis, _enum_missing(cls, value))


@attrs.frozen
class Band:
    """A classification band (xếp loại), e.g. national 2023 group A ≥ 90 %, group B 80 – < 90 %.

    >>> a = Band("A", Decimal(90), Decimal(100), upper_inclusive=True)
    >>> a.contains(Fraction(90)), a.contains(Fraction(8999, 100))
    (True, False)
    """

    label: str = attrs.field(converter=_nfc_any, validator=_is_text)
    lower: Decimal = attrs.field(converter=_decimal)
    upper: Decimal = attrs.field(converter=_decimal)
    lower_inclusive: bool = attrs.field(default=True, validator=_is_bool)
    upper_inclusive: bool = attrs.field(default=False, validator=_is_bool)

    def __attrs_post_init__(self) -> None:
        if not self.label:
            raise ValidationError("must not be empty", field="label", value=self.label)
        _check_interval(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive)

    def contains(self, value: Decimal | Fraction) -> bool:
        """True if ``value`` (an index or points, exact) falls in this band."""
        return _contains(self.lower, self.upper, self.lower_inclusive, self.upper_inclusive, value)

    def __str__(self) -> str:
        interval = _interval_text(
            self.lower, self.upper, self.lower_inclusive, self.upper_inclusive
        )
        return f"{self.label} ({interval})"


# ---------------------------------------------------------------------------------------------
# rules


class RuleKind(enum.Enum):
    """How a leaf criterion turns what a unit reports into points.

    ======================  =====================================================================
    ``MANUAL``              the scorer gives points from 0 to the maximum, in steps of ``step``
    ``YES_NO``              the maximum for yes, nothing for no (đạt / không đạt)
    ``BANDED``              the points of the :class:`Level` the measured value falls in
    ``PROPORTIONAL``        maximum × numerator / denominator (e.g. dossiers settled on time)
    ``DEDUCTION``           maximum less ``per`` for each occurrence, never below ``floor``
    ``BONUS``               ``per`` for each item, capped at the maximum (điểm thưởng)
    ``SURVEY``              maximum × survey index / ``scale_max`` (SIPAS, leaders' survey)
    ======================  =====================================================================

    >>> [kind.input_kind for kind in (RuleKind.BANDED, RuleKind.PROPORTIONAL, RuleKind.BONUS)]
    ['value', 'ratio', 'count']
    """

    MANUAL = "manual"
    YES_NO = "yes_no"
    BANDED = "banded"
    PROPORTIONAL = "proportional"
    DEDUCTION = "deduction"
    BONUS = "bonus"
    SURVEY = "survey"

    def __repr__(self) -> str:
        return f"RuleKind.{self.name}"

    @classmethod
    def _missing_(cls, value: object) -> RuleKind:
        return cast(RuleKind, _enum_missing(cls, value))

    @property
    def input_kind(self) -> str:
        """What the unit reports: ``"points"``, ``"yes_no"``, ``"value"``, ``"ratio"`` (two
        whole numbers) or ``"count"``."""
        return _INPUT_KINDS[self]


_INPUT_KINDS = {
    RuleKind.MANUAL: "points",
    RuleKind.YES_NO: "yes_no",
    RuleKind.BANDED: "value",
    RuleKind.PROPORTIONAL: "ratio",
    RuleKind.DEDUCTION: "count",
    RuleKind.BONUS: "count",
    RuleKind.SURVEY: "value",
}


def _levels(value: Iterable[Level]) -> tuple[Level, ...]:
    return _items_of(value, Level, "levels")


def _rule_kind(value: RuleKind | str) -> RuleKind:
    if isinstance(value, RuleKind):
        return value
    try:
        return RuleKind(value)
    except CchcError as exc:
        raise ValidationError(
            str(exc.args[0]) if exc.args else "is not a rule kind", field="kind", value=value
        ) from None


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
    """

    kind: RuleKind = attrs.field(converter=_rule_kind)
    step: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_levels)
    per: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    floor: Decimal = attrs.field(default=Decimal(0), converter=_decimal)
    zero_denominator_points: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    scale_max: Decimal = attrs.field(default=Decimal(100), converter=_decimal)

    def __attrs_post_init__(self) -> None:
        if self.step is not None and self.step <= 0:
            raise ValidationError("must be positive", field="step", value=self.step)
        if self.kind in (RuleKind.DEDUCTION, RuleKind.BONUS) and (
            self.per is None or self.per <= 0
        ):
            raise ValidationError(
                f"a {self.kind.value} rule needs a positive 'per'", field="per", value=self.per
            )
        if self.kind is RuleKind.BANDED and not self.levels:
            raise ValidationError(
                "a banded rule needs at least one level", field="levels", value=self.levels
            )
        if self.floor < 0:
            raise ValidationError("must not be negative", field="floor", value=self.floor)
        if self.scale_max <= 0:
            raise ValidationError("must be positive", field="scale_max", value=self.scale_max)
        for i, a in enumerate(self.levels):
            for b in self.levels[i + 1 :]:
                if _overlap(a, b):
                    raise ValidationError(
                        f"overlaps the level {b}", field=f"levels[{i}]", value=str(a)
                    )

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
    def banded(cls, levels: Iterable[Level]) -> Rule:
        """The points of the level the measured value falls in; 0 if it falls in none.

        The value may also be reported as a ratio (``"199/200"`` or ``(199, 200)``), read as
        the per cent ``199 × 100 / 200`` and compared with the levels exactly, never rounded
        first: 2/3 is below a level that starts at 66.67.

        >>> rule = Rule.banded([Level(1, lower=Decimal("66.67")), Level(0, upper=Decimal("66.67"))])
        >>> P = Decimal("0.01")
        >>> rule.points("2/3", Decimal(1), P), rule.points("66.67", Decimal(1), P)
        (Decimal('0.00'), Decimal('1.00'))
        """
        return cls(RuleKind.BANDED, levels=levels)

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
                        f"{amount} có nhiều chữ số thập phân hơn độ chính xác {precision}",
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
                        f"mức {level.points} vượt điểm tối đa {maximum}",
                        f"level points {level.points} exceed the maximum {maximum}",
                    )
                )
            for bound in (level.lower, level.upper):
                if bound is not None:
                    fits(f"levels[{i}]", bound)
        if self.per is not None:
            fits("per", self.per)
        fits("floor", self.floor)
        if self.floor > maximum:
            out.append(
                (
                    "floor",
                    f"điểm sàn {self.floor} vượt điểm tối đa {maximum}",
                    f"floor {self.floor} exceeds the maximum {maximum}",
                )
            )
        if self.zero_denominator_points is not None:
            fits("zero_denominator_points", self.zero_denominator_points)
            if not 0 <= self.zero_denominator_points <= maximum:
                out.append(
                    (
                        "zero_denominator_points",
                        "ngoài khoảng 0 đến điểm tối đa",
                        "outside 0 to the maximum",
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
        """Points for one reported ``value`` under ``maximum``, quantized to ``precision``.
        Raises a :class:`~cchc.errors.CchcError` if the value does not fit the rule."""
        maximum, precision = _decimal(maximum), _precision(precision)
        rounding = _rounding(rounding)
        if maximum < 0:
            raise ValidationError("must not be negative", field="maximum", value=maximum)
        problems = self.problems(maximum, precision)
        if problems:  # e.g. a level bound finer than the precision would be cut, not compared
            field, _, en = problems[0]
            raise ValidationError(
                f"the rule does not fit maximum {maximum} at precision {precision}: {en}",
                field=field,
                value=maximum,
            )
        scale = _scale(precision)
        raw, second = self.read(value, precision)
        got = self.evaluate(
            np.array([raw], dtype=np.int64),
            np.array([second], dtype=np.int64),
            to_scaled(maximum, precision, field="maximum"),
            scale,
            rounding,
        )
        return Decimal(int(got[0])) * precision

    def read(self, value: object, precision: Decimal) -> tuple[int, int]:
        """Check one reported value and return it in the column form :meth:`evaluate` takes:
        points and measured values in ``precision`` steps, yes/no as 1/0, counts and ratio
        parts as whole numbers (the second number is the ratio's denominator, else 0)."""
        kind = self.kind.input_kind
        if kind == "yes_no":
            return _read_yes_no(value), 0
        if kind == "ratio":
            return _read_ratio(value)
        if kind == "count":
            return _read_count(value), 0
        if self.kind is RuleKind.BANDED and _looks_like_ratio(value):
            num, den = _read_ratio(value)
            if den == 0:
                raise ValidationError("a measured ratio needs a denominator above 0", value=value)
            return num, den
        number = _decimal(value)
        if number < 0:
            raise ValidationError("must not be negative", value=value)
        if kind == "points" and self.step is not None and number % self.step != 0:
            raise ValidationError(f"is not a multiple of the step {self.step}", value=value)
        return to_scaled(number, precision), 0

    def evaluate(
        self,
        first: Int64Array,
        second: Int64Array,
        maximum: int,
        scale: int,
        rounding: str = ROUND_HALF_UP,
    ) -> Int64Array:
        """Points for a whole column of units at once, in steps of ``1 / scale``; ``first`` and
        ``second`` are what :meth:`read` returns, one element per unit. Inputs must already be
        checked (see :meth:`column_problems`)."""
        kind = self.kind
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
        """Rows whose inputs do not fit this rule, with the reason (English)."""
        kind = self.kind.input_kind
        bad: npt.NDArray[np.bool_]
        checks: list[tuple[npt.NDArray[np.bool_], str]] = [(first < 0, "is negative")]
        if kind == "points":
            checks.append((first > maximum, f"exceeds the maximum {Decimal(maximum) / scale}"))
            if self.step is not None:
                step = int(self.step * scale)
                checks.append((first % step != 0, f"is not a multiple of the step {self.step}"))
        elif kind == "yes_no":
            checks.append((first > 1, "is not yes (1) or no (0)"))
        elif kind == "ratio":
            checks.append((second < 0, "has a negative denominator"))
            checks.append((first > second, "has a numerator above its denominator"))
        elif kind == "value" and self.kind is RuleKind.SURVEY:
            limit = int(self.scale_max * scale)
            checks.append((first > limit, f"exceeds the survey scale {self.scale_max}"))
        for bad, why in checks:
            for row in np.flatnonzero(bad):
                yield int(row), why

    def describe(self, maximum: Decimal) -> str:
        """The rule in words (English), as :func:`cchc.scoring.explain` quotes it.

        >>> Rule.deduction(Decimal("0.5")).describe(Decimal(2))
        'deduction: 2 less 0.5 per occurrence, not below 0'
        """
        kind = self.kind
        if kind is RuleKind.MANUAL:
            return f"manual: 0 to {maximum}" + (f" in steps of {self.step}" if self.step else "")
        if kind is RuleKind.YES_NO:
            return f"yes/no: {maximum} for yes, 0 for no"
        if kind is RuleKind.BANDED:
            return "banded: " + "; ".join(str(level) for level in self.levels)
        if kind is RuleKind.PROPORTIONAL:
            return f"proportional: {maximum} × numerator / denominator"
        if kind is RuleKind.DEDUCTION:
            return f"deduction: {maximum} less {self.per} per occurrence, not below {self.floor}"
        if kind is RuleKind.BONUS:
            return f"bonus: {self.per} per item, capped at {maximum}"
        return f"survey: {maximum} × index / {self.scale_max}"


def _times(values: Int64Array, factor: int | Int64Array) -> Int64Array:
    """values × factor, exactly: in Python integers where 64 bits could overflow."""
    top = int(np.abs(values).max(initial=0)) * int(np.abs(factor).max(initial=0))
    if top < 2**62:
        return cast(Int64Array, values * factor)
    return cast(Int64Array, values.astype(object) * factor)  # Python ints, never wrapping


def _overlap(a: Level, b: Level) -> bool:
    # two levels are disjoint when one ends before the other starts
    def before(x: Level, y: Level) -> bool:
        if x.upper is None or y.lower is None:
            return False
        return x.upper < y.lower or (
            x.upper == y.lower and not (x.upper_inclusive and y.lower_inclusive)
        )

    return not (before(a, b) or before(b, a))


def _scale(precision: Decimal) -> int:
    exponent = precision.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    scale: int = 10 ** max(0, -exponent)
    if Decimal(1) / scale != precision or scale > 10**6:
        raise ValidationError(
            "must be a power of ten from 1 to 0.000001, such as 0.01",
            field="precision",
            value=precision,
        )
    return scale


_YES = frozenset({"1", "yes", "y", "true", "có", "co", "đạt", "x"})
_NO = frozenset({"0", "no", "n", "false", "không", "khong", "không đạt", ""})


def _read_yes_no(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    if isinstance(value, str):
        key = fold(value)
        if key in {fold(v) for v in _YES}:
            return 1
        if key in {fold(v) for v in _NO}:
            return 0
    raise ParseError("is not yes or no (có / không)", value=value)


def _read_count(value: object) -> int:
    if isinstance(value, bool):
        raise CchcTypeError("a yes/no is not a count", value=value)
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()):
            raise ParseError("is not a whole number", value=value)
        value = int(text)
    if isinstance(value, int | np.integer):
        if value < 0:
            raise ValidationError("must not be negative", value=value)
        if value >= NUMBER_LIMIT:
            raise ValidationError(f"is too large (the limit is {NUMBER_LIMIT:,})", value=value)
        return int(value)
    raise CchcTypeError(f"expected a whole number, got {type(value).__name__}", value=value)


def _looks_like_ratio(value: object) -> bool:
    return (isinstance(value, str) and "/" in value) or (
        isinstance(value, tuple | list) and len(value) == 2
    )


def _read_ratio(value: object) -> tuple[int, int]:
    if isinstance(value, str):
        parts = value.split("/")
        if len(parts) != 2:
            raise ParseError("is not a ratio such as '45/50'", value=value)
        num, den = _read_count(parts[0]), _read_count(parts[1])
    elif isinstance(value, tuple | list) and len(value) == 2:
        num, den = _read_count(value[0]), _read_count(value[1])
    else:
        raise CchcTypeError("expected a pair (numerator, denominator) or '45/50'", value=value)
    if num > den:
        raise ValidationError("numerator is above the denominator", value=value)
    return num, den


# ---------------------------------------------------------------------------------------------
# criteria


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return _items_of(value, Criterion, "children")


def _top_criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return _items_of(value, Criterion, "criteria")


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (nfc(value),)
    return tuple(_text(v, f"[{i}]") for i, v in enumerate(_sequence(value, "value")))


def _optional_text(value: str | None) -> str | None:
    return None if value is None else _text(value, "lead_unit")


def _area(value: ReformArea | str | None) -> ReformArea | None:
    if value is None or isinstance(value, ReformArea):
        return value
    return ReformArea.from_code(_text(value, "area"))


def _optional_rule(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Rule):
        raise CchcTypeError(
            f"must be a Rule, got {type(value).__name__}", field=attribute.name, value=value
        )


@attrs.frozen
class Criterion:
    """A node of a framework: a field, criterion or sub-criterion.

    A leaf carries a :class:`Rule` (manual points if none is given). An inner node's maximum
    is the sum of its children's, unless it is ``capped``: then the children may offer more
    and the node's points stop at its maximum. ``lead_unit`` is the unit responsible for
    improving it (cơ quan chủ trì); ``evidence`` the documents a unit must upload (tài liệu
    kiểm chứng); ``not_applicable_allowed`` lets a unit be exempt, its maximum then re-based.

    >>> c = Criterion("1.1", "Kế hoạch CCHC năm", Decimal(1), rule=Rule.yes_no(),
    ...               area="CĐĐH", lead_unit="Sở Nội vụ", evidence=["Kế hoạch"])
    >>> c.area, c.is_leaf
    (ReformArea.DIRECTION, True)
    >>> Criterion("1", "Tổng", Decimal(1), children=[c, attrs.evolve(c, code="1.2")])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: maximum = Decimal('1'): children's maxima add up to 2, not 1 ...
    """

    code: str = attrs.field(converter=_nfc_any, validator=_is_text)
    title: str = attrs.field(converter=_nfc_any, validator=_is_text)
    maximum: Decimal = attrs.field(converter=_decimal)
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    rule: Rule | None = attrs.field(default=None, validator=_optional_rule)
    area: ReformArea | None = attrs.field(default=None, converter=_area)
    lead_unit: str | None = attrs.field(default=None, converter=_optional_text)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    capped: bool = attrs.field(default=False, validator=_is_bool)
    not_applicable_allowed: bool = attrs.field(default=False, validator=_is_bool)
    illustrative: bool = attrs.field(default=False, validator=_is_bool)
    note: str = attrs.field(default="", converter=_nfc_any, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        if not self.code:
            raise ValidationError("must not be empty", field="code", value=self.code)
        if self.maximum < 0:
            raise ValidationError("must not be negative", field="maximum", value=self.maximum)
        if self.maximum > 10**6:
            raise ValidationError("is above a million points", field="maximum", value=self.maximum)
        if self.children and self.rule is not None:
            raise ValidationError(
                "only a leaf criterion has a rule; this one has children",
                field="rule",
                value=self.rule.kind.value,
            )
        if self.children:
            total = sum((c.maximum for c in self.children), Decimal(0))
            if total != self.maximum and not (self.capped and total > self.maximum):
                raise ValidationError(
                    f"children's maxima add up to {total}, not {self.maximum}"
                    + ("" if self.capped else " (mark the criterion capped if that is meant)"),
                    field="maximum",
                    value=self.maximum,
                )

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
        yield path, self
        for i, child in enumerate(self.children):
            yield from child.walk(f"{path}.children[{i}]")

    def leaves(self) -> Iterator[Criterion]:
        """The leaf criteria under (or equal to) this one, in order."""
        for _, node in self.walk():
            if node.is_leaf:
                yield node

    def __str__(self) -> str:
        return f"{self.code}. {self.title} ({self.maximum})"


# ---------------------------------------------------------------------------------------------
# frameworks


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    return _items_of(value, Band, "bands")


def _year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"must be a whole year, got {type(value).__name__}", field="year", value=value
        )
    if not 1900 <= value <= 2200:
        raise ValidationError("is not a plausible year", field="year", value=value)


def _precision(value: object) -> Decimal:
    precision = _decimal(value)
    _scale(precision)
    return precision


def _rounding(value: str) -> str:
    if not isinstance(value, str) or value not in ROUNDINGS:
        raise ValidationError(f"is not one of {sorted(ROUNDINGS)}", field="rounding", value=value)
    return value


def _band_basis(value: BandBasis | str) -> BandBasis:
    try:
        return BandBasis(value)
    except ValueError:
        raise ValidationError(
            "must be 'percent' or 'points'", field="band_basis", value=value
        ) from None


@attrs.frozen
class Framework:
    """A criteria framework: what units are scored against.

    ``source`` cites the decision it comes from ("Quyết định số 1880/QĐ-UBND năm 2013 của
    UBND tỉnh Cà Mau"); ``applies_to`` names unit kinds (``"so"``, ``"xa"`` …); ``bands``
    classify the index (per cent) or the points. Points are kept at ``precision`` (0.01 unless
    the framework says otherwise) and ``rounding`` applies where a rule yields a fraction.
    The constructor runs :func:`framework_findings` and refuses a framework with any error.

    >>> fw = load_bundled("cchc-campaign-6")
    >>> fw.maximum, len(fw.criteria)
    (Decimal('100'), 6)
    """

    id: str = attrs.field(converter=_nfc_any, validator=_is_text)
    title: str = attrs.field(converter=_nfc_any, validator=_is_text)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_top_criteria)
    source: str = attrs.field(default="", converter=_nfc_any, validator=_is_text)
    source_url: str = attrs.field(default="", converter=_nfc_any, validator=_is_text)
    year: int | None = attrs.field(default=None, validator=_year)
    applies_to: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_bands)
    band_basis: BandBasis = attrs.field(default=BandBasis.PERCENT, converter=_band_basis)
    precision: Decimal = attrs.field(default=Decimal("0.01"), converter=_precision)
    rounding: str = attrs.field(default=ROUND_HALF_UP, converter=_rounding)
    illustrative: bool = attrs.field(default=False, validator=_is_bool)
    note: str = attrs.field(default="", converter=_nfc_any, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        findings = [f for f in framework_findings(self) if f.severity.value == "error"]
        if findings:
            raise InvalidDocumentError(f"framework {self.id!r}", findings)

    @property
    def maximum(self) -> Decimal:
        """The framework's total maximum (usually 100)."""
        return sum((c.maximum for c in self.criteria), Decimal(0))

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
        key = fold(_text(code, "code"))
        for _, node in self.walk():
            if fold(node.code) == key:
                return node
        raise NotFoundError(
            f"no criterion of framework {self.id!r} has this code", field="code", value=code
        )

    def band_for(self, value: Fraction | Decimal) -> Band | None:
        """The band an exact index (or points, by ``band_basis``) falls in, if any.

        >>> fw = load_bundled("cchc-campaign-6")
        >>> fw.band_for(Fraction(90)).label, fw.band_for(Fraction(8999, 100)).label
        ('Xuất sắc', 'Tốt')
        """
        if isinstance(value, bool) or not isinstance(value, Fraction | Decimal | int):
            raise CchcTypeError(
                f"must be an exact number, got {type(value).__name__}", field="value", value=value
            )
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValidationError("must be a finite number", field="value", value=value)
        for band in self.bands:
            if band.contains(value):
                return band
        return None

    def __str__(self) -> str:
        return self.title


def framework_findings(framework: Framework) -> list[Finding]:
    """Every problem of a framework: duplicate codes, rules that do not fit their maximum,
    bands with gaps or overlaps or not reaching across the range.

    Children's maxima are checked when each :class:`Criterion` is built; :func:`parse_framework`
    reports those too, with their paths. A framework that exists has none (its constructor
    refuses any):

    >>> framework_findings(load_bundled("cchc-campaign-6"))
    []
    """
    _framework(framework)
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    precision = framework.precision
    for path, node in framework.walk():
        key = fold(node.code)
        if key in seen:
            findings.append(
                Finding(
                    "criteria.duplicate-code",
                    f"{path}.code",
                    f"Mã tiêu chí {node.code!r} trùng với {seen[key]}",
                    f"code {node.code!r} is already used at {seen[key]}",
                )
            )
        else:
            seen[key] = path
        if node.maximum != node.maximum.quantize(precision, rounding=ROUND_DOWN):
            findings.append(
                Finding(
                    "criteria.precision",
                    f"{path}.maximum",
                    f"Điểm tối đa {node.maximum} lẻ hơn độ chính xác {precision}",
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
    findings.extend(_band_findings(framework.bands, framework.band_basis, framework.maximum))
    return findings


def _framework(value: object) -> Framework:
    if not isinstance(value, Framework):
        raise CchcTypeError(
            f"must be a Framework, got {type(value).__name__}", field="framework", value=value
        )
    return value


def _mismatch(path: str, maximum: Decimal, total: Decimal) -> Finding:
    return Finding(
        "criteria.maximum-mismatch",
        f"{path}.maximum",
        f"Tổng điểm tối đa của các tiêu chí con là {total}, không bằng {maximum}",
        f"children's maxima add up to {total}, not {maximum}",
    )


def _band_findings(bands: Sequence[Band], basis: BandBasis, maximum: Decimal) -> list[Finding]:
    if not bands:
        return []
    top = Decimal(100) if basis is BandBasis.PERCENT else maximum
    order = sorted(range(len(bands)), key=lambda i: (bands[i].lower, not bands[i].lower_inclusive))
    findings = []
    first, last = bands[order[0]], bands[order[-1]]
    if first.lower > 0 or (first.lower == 0 and not first.lower_inclusive):
        findings.append(
            Finding(
                "bands.gap",
                f"bands[{order[0]}].lower",
                f"Không có loại nào cho giá trị từ 0 đến {first.lower}",
                f"no band covers 0 up to {first.lower}",
            )
        )
    if last.upper < top or (last.upper == top and not last.upper_inclusive):
        findings.append(
            Finding(
                "bands.gap",
                f"bands[{order[-1]}].upper",
                f"Không có loại nào cho giá trị {last.upper} đến {top}",
                f"no band covers {last.upper} up to {top}",
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
                    f"Khoảng trống giữa {a.label!r} và {b.label!r} tại {a.upper}",
                    f"gap between {a.label!r} and {b.label!r} at {a.upper}",
                )
            )
        elif a.upper > b.lower or (a.upper_inclusive and b.lower_inclusive):
            findings.append(
                Finding(
                    "bands.overlap",
                    f"bands[{b_i}].lower",
                    f"Loại {a.label!r} và {b.label!r} chồng lên nhau",
                    f"bands {a.label!r} and {b.label!r} overlap at {b.lower}",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# loading from TOML


def _path_join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _finding_from(exc: CchcError, path: str) -> Finding:
    where = _path_join(path, exc.field) if exc.field else path
    code = "framework.parse" if isinstance(exc, ParseError | CchcTypeError) else "framework.value"
    return Finding(code, where, f"Giá trị không hợp lệ: {exc}", str(exc))


def _number(value: object) -> object:
    # TOML floats are written as decimal literals; their shortest repr is the literal.
    return repr(value) if isinstance(value, float) else value


_RULE_KEYS = frozenset(
    {"kind", "step", "levels", "per", "floor", "zero_denominator_points", "scale_max"}
)
_LEVEL_KEYS = frozenset({"points", "lower", "upper", "lower_inclusive", "upper_inclusive", "label"})
_CRITERION_KEYS = frozenset(
    {
        "code",
        "title",
        "maximum",
        "children",
        "rule",
        "area",
        "lead_unit",
        "evidence",
        "capped",
        "not_applicable_allowed",
        "illustrative",
        "note",
    }
)
_BAND_KEYS = frozenset({"label", "lower", "upper", "lower_inclusive", "upper_inclusive"})
_FRAMEWORK_KEYS = frozenset(
    {
        "id",
        "title",
        "source",
        "source_url",
        "year",
        "applies_to",
        "bands",
        "band_basis",
        "precision",
        "rounding",
        "illustrative",
        "note",
    }
)


class _Collector:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def table(self, data: object, path: str, keys: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.findings.append(
                Finding(
                    "framework.type",
                    path,
                    "Phải là một bảng",
                    f"must be a table, got {type(data).__name__}",
                )
            )
            return None
        for key in data:
            if key not in keys:
                self.findings.append(
                    Finding(
                        "framework.unknown-key",
                        _path_join(path, key),
                        f"Khóa lạ {key!r}",
                        f"unknown key {key!r}",
                    )
                )
        return {k: _number(v) for k, v in data.items() if k in keys}

    def build(self, path: str, factory: Any, **kwargs: Any) -> Any:
        try:
            return factory(**kwargs)
        except CchcError as exc:
            self.findings.append(_finding_from(exc, path))
        except TypeError as exc:  # a missing or ill-typed key
            self.findings.append(
                Finding(
                    "framework.type",
                    path,
                    f"Thiếu hoặc sai khóa: {exc}",
                    f"missing or ill-typed key: {exc}",
                )
            )
        return None

    def items(self, data: object, path: str) -> list[object]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.findings.append(
                Finding(
                    "framework.type",
                    path,
                    "Phải là một danh sách",
                    f"must be a list, got {type(data).__name__}",
                )
            )
            return []
        return data

    def rule(self, data: object, path: str) -> Rule | None:
        table = self.table(data, path, _RULE_KEYS)
        if table is None:
            return None
        levels = []
        for i, item in enumerate(self.items(table.pop("levels", None), f"{path}.levels")):
            level_data = self.table(item, f"{path}.levels[{i}]", _LEVEL_KEYS)
            if level_data is not None:
                level_data = {k: _number(v) for k, v in level_data.items()}
                levels.append(self.build(f"{path}.levels[{i}]", Level, **level_data))
        if None in levels:
            return None
        kind = table.pop("kind", None)
        try:
            rule_kind = RuleKind(kind)
        except ValueError:
            self.findings.append(
                Finding(
                    "framework.rule-kind",
                    f"{path}.kind",
                    f"Loại quy tắc không hợp lệ {kind!r}",
                    f"unknown rule kind {kind!r}; known: {', '.join(k.value for k in RuleKind)}",
                )
            )
            return None
        result: Rule | None = self.build(path, Rule, kind=rule_kind, levels=levels, **table)
        return result

    def criterion(self, data: object, path: str) -> Criterion | None:
        table = self.table(data, path, _CRITERION_KEYS)
        if table is None:
            return None
        children = [
            self.criterion(item, f"{path}.children[{i}]")
            for i, item in enumerate(self.items(table.pop("children", None), f"{path}.children"))
        ]
        rule = None
        if "rule" in table:
            rule = self.rule(table.pop("rule"), f"{path}.rule")
            if rule is None:
                return None
        if None in children:
            return None
        if children and "maximum" in table:
            try:
                maximum = _decimal(table["maximum"])
            except CchcError:
                pass
            else:
                total = sum((c.maximum for c in children if c is not None), Decimal(0))
                if total != maximum and not (table.get("capped") is True and total > maximum):
                    self.findings.append(_mismatch(path, maximum, total))
                    return None
        result: Criterion | None = self.build(
            path, Criterion, children=children, rule=rule, **table
        )
        return result


def parse_framework(text: str) -> Framework:
    """Read a framework from TOML text; raise :class:`~cchc.errors.InvalidDocumentError` with
    every problem found (bad TOML gives a :class:`~cchc.errors.ParseError`).

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
      error framework.value at criteria[0].maximum: maximum = Decimal('-1'): must not be ...
    """
    if not isinstance(text, str):
        raise CchcTypeError("framework text must be a str", value=type(text).__name__)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"not valid TOML: {exc}") from None
    collector = _Collector()
    head = collector.table(data.get("framework", {}), "framework", _FRAMEWORK_KEYS) or {}
    for key in data:
        if key not in ("framework", "criteria"):
            collector.findings.append(
                Finding("framework.unknown-key", key, f"Khóa lạ {key!r}", f"unknown key {key!r}")
            )
    bands = []
    for i, item in enumerate(collector.items(head.pop("bands", None), "framework.bands")):
        band_data = collector.table(item, f"framework.bands[{i}]", _BAND_KEYS)
        if band_data is not None:
            bands.append(collector.build(f"framework.bands[{i}]", Band, **band_data))
    criteria = [
        collector.criterion(item, f"criteria[{i}]")
        for i, item in enumerate(collector.items(data.get("criteria"), "criteria"))
    ]
    if not criteria and not collector.findings:
        collector.findings.append(
            Finding(
                "framework.empty",
                "criteria",
                "Chưa có tiêu chí nào",
                "the framework has no criteria",
            )
        )
    if collector.findings or None in criteria or None in bands:
        raise InvalidDocumentError("framework file", collector.findings)
    result: Framework | None = collector.build(
        "framework", Framework, criteria=criteria, bands=bands, **head
    )
    if result is None:
        raise InvalidDocumentError("framework file", collector.findings)
    return result


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    if isinstance(value, enum.Enum):
        return json.dumps(value.value, ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise CchcTypeError("cannot be written as TOML", value=type(value).__name__)


def _changed(instance: Any, skip: tuple[str, ...] = ()) -> dict[str, object]:
    """The fields of an attrs instance that differ from their defaults, in field order."""
    out: dict[str, object] = {}
    for field in attrs.fields(type(instance)):
        if field.name in skip:
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

    def write(node: Criterion, header: str) -> None:
        lines.extend(["", f"[[{header}]]"])
        for key, value in _changed(node, skip=("children", "rule")).items():
            lines.append(f"{key} = {_toml_value(value)}")
        if node.rule is not None:
            lines.append(f"rule = {_toml_value(_rule_table(node.rule))}")
        for child in node.children:
            write(child, f"{header}.children")

    for top in framework.criteria:
        write(top, "criteria")
    return "\n".join(lines) + "\n"


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a framework from a TOML file.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "fw.toml"
    >>> _ = path.write_text(format_framework(load_bundled("cchc-campaign-6")), encoding="utf-8")
    >>> load_framework(path).id
    'cchc-campaign-6'
    """
    if not isinstance(path, str | os.PathLike):
        raise CchcTypeError(f"must be a path, got {type(path).__name__}", field="path", value=path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise NotFoundError("no such file", field="path", value=str(path)) from None
    except (OSError, ValueError) as exc:
        raise ParseError(f"cannot be read: {exc}", field="path", value=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"the file is not UTF-8: {exc}", field="path", value=str(path)) from None
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
    key = fold(_text(name, "name"))
    matches = [n for n in names if fold(n) == key]
    if not matches:
        raise NotFoundError(
            f"no bundled framework has this name; known: {', '.join(names)}",
            field="name",
            value=name,
        )
    resource = importlib.resources.files("cchc.frameworks") / f"{matches[0]}.toml"
    return parse_framework(resource.read_text(encoding="utf-8"))
