"""Composite indices (chỉ số tổng hợp) described as data and built in explicit, recorded steps:
PAPI, PCI, DDCI and any index of the same shape.

An index is a tree: indicators (chỉ tiêu) → sub-dimensions (chỉ số thành phần cấp dưới) →
dimensions (chỉ số thành phần, lĩnh vực nội dung) → the index. Each indicator carries its
direction (+1: more is better; −1: less is better), its unit and its source; each node its
children, their weights (which need not sum to one: they are re-scaled within their parent)
and its aggregation. How the data are screened, imputed, treated for outliers and normalised
are settings of the spec, per level or per indicator.

>>> from fractions import Fraction
>>> spec = IndexSpec(
...     "demo", "Chỉ số mẫu", "Demo index",
...     indicators=[
...         Indicator("x1", "Tỷ lệ hồ sơ trực tuyến", "Online filings", unit="%"),
...         Indicator("x2", "Số ngày giải quyết", "Days to decide", direction=-1, unit="ngày"),
...     ],
...     nodes=[Node("I", "Chỉ số", "Index", NodeLevel.INDEX, ["x1", "x2"], weights=[3, 1])],
...     normalisation=Normalisation.min_max(1, 10),
... )
>>> spec.effective_weights()
{'x1': Fraction(3, 4), 'x2': Fraction(1, 4)}
>>> spec.indicator("x2").direction
Direction.NEGATIVE

The build (:func:`build`) reads a panel of units × indicators × years and keeps the log of
every step; ranks are decided on exact fractions wherever the arithmetic allows it (min-max,
goalposts, ranks and percentiles, weighted arithmetic means). Geometric, harmonic and
generalised means, z-scores, log transforms and the skewness and kurtosis that decide outlier
treatment are computed in floats, since they are irrational or statistical by nature: a score
they touch is a float and the result says so (:attr:`IndexResult.exact`).

The step order and its vocabulary follow the EU JRC / OECD *Handbook on Constructing Composite
Indicators* (2008) and the JRC's COINr package (https://bluefoxr.github.io/COINr/).
"""

from __future__ import annotations

import bisect
import importlib.resources
import math
import statistics
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import attrs
import numpy as np

from cchc._fields import (
    FINEST_DIGITS,
    NUMBER_LIMIT,
    CodedEnum,
    constructor_repr,
    fraction,
    is_code,
    is_name,
    is_optional_text,
    is_text,
    items_of,
    of_type,
    sequence,
    text,
    to_nfc,
    whole,
    wrong_type,
)
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    ValidationError,
)
from cchc.text import fold

__all__ = [
    # closed choices
    "Direction",
    "NodeLevel",
    "Method",
    "ZeroRule",
    "NormalisationMethod",
    "ImputationMethod",
    "OutlierMethod",
    # the spec
    "Aggregation",
    "Normalisation",
    "Imputation",
    "OutlierTreatment",
    "Screening",
    "Indicator",
    "Node",
    "IndexSpec",
    # data and the build
    "Panel",
    "Step",
    "ImputedCell",
    "TreatedIndicator",
    "Exclusion",
    "IndexResult",
    "UnitDifference",
    "build",
    "rebuild",
    "compare",
    "competition_ranks",
    "normalise",
    "aggregate",
    # bundled indices
    "bundled_indices",
    "load_index",
    "parse_index",
]

Number = Fraction | float


# ---------------------------------------------------------------------------------------------
# closed choices


class Direction(CodedEnum):
    """Whether more of an indicator is better (+1, ``POSITIVE``) or worse (−1, ``NEGATIVE``).
    ``1``, ``-1``, ``"+1"`` and ``"-1"`` are read too.

    >>> Direction(-1), Direction("tích cực"), Direction.NEGATIVE.sign
    (Direction.NEGATIVE, Direction.POSITIVE, -1)
    """

    POSITIVE = "tích cực"
    NEGATIVE = "tiêu cực"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value in (1, -1):
            return cls.POSITIVE if value == 1 else cls.NEGATIVE
        if isinstance(value, str) and value.strip() in ("1", "+1", "-1", "−1"):
            return cls.POSITIVE if value.strip() in ("1", "+1") else cls.NEGATIVE
        return super()._missing_(value)

    @property
    def sign(self) -> int:
        """+1 or −1."""
        return 1 if self is Direction.POSITIVE else -1


class NodeLevel(CodedEnum):
    """The level of a node in an index tree, from the indicators up to the index.

    >>> NodeLevel("chỉ số thành phần") < NodeLevel.INDEX
    True
    """

    INDICATOR = "chỉ tiêu"
    SUB_DIMENSION = "chỉ số thành phần cấp dưới"
    DIMENSION = "chỉ số thành phần"
    INDEX = "chỉ số"

    @property
    def depth(self) -> int:
        """0 for indicators, 3 for the index."""
        return list(NodeLevel).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, NodeLevel):
            return NotImplemented
        return self.depth < other.depth


class Method(CodedEnum):
    """How a node combines its children's scores (weights re-scaled to sum to one):

    - ``ARITHMETIC``: Σ wᵢxᵢ, exact when the children are exact;
    - ``GEOMETRIC``: Π xᵢ^wᵢ (float), needs positive scores (see :class:`ZeroRule`);
    - ``HARMONIC``: 1 / Σ (wᵢ/xᵢ) (float), needs positive scores;
    - ``GENERALISED``: (Σ wᵢxᵢᵖ)^(1/p) (float) for a given p ≠ 0.
    """

    ARITHMETIC = "trung bình cộng"
    GEOMETRIC = "trung bình nhân"
    HARMONIC = "trung bình điều hoà"
    GENERALISED = "trung bình tổng quát"


class ZeroRule(CodedEnum):
    """What a geometric or harmonic mean does with a score of zero or below:

    - ``REFUSE``: the build stops with an error naming the unit, year and node;
    - ``ZERO``: the mean is zero (a zero in a product);
    - ``SHIFT``: every score is moved up by :attr:`Aggregation.shift` before the mean and the
      mean moved back after it.
    """

    REFUSE = "từ chối"
    ZERO = "bằng không"
    SHIFT = "dịch chuyển"


class NormalisationMethod(CodedEnum):
    """How an indicator's raw values become comparable scores (see :class:`Normalisation`)."""

    NONE = "giữ nguyên"
    MIN_MAX = "min-max"
    GOALPOSTS = "ngưỡng cố định"
    WINDOW_MIN_MAX = "min-max nhiều năm"
    Z_SCORE = "điểm z"
    RANK = "thứ hạng"
    PERCENTILE = "phân vị"
    DISTANCE_TO_TARGET = "khoảng cách tới mục tiêu"
    DISTANCE_TO_BEST = "khoảng cách tới đơn vị tốt nhất"


class ImputationMethod(CodedEnum):
    """What is put in a missing cell (see :class:`Imputation`)."""

    NONE = "để trống"
    GROUP_MEAN = "trung bình nhóm"
    GROUP_MEDIAN = "trung vị nhóm"
    LATEST_YEAR = "năm gần nhất"
    LINEAR = "nội suy tuyến tính"


class OutlierMethod(CodedEnum):
    """How an indicator whose distribution is too skewed is treated (see
    :class:`OutlierTreatment`)."""

    NONE = "không xử lý"
    WINSORISE = "winsor hoá"
    LOG = "lấy logarit"


# ---------------------------------------------------------------------------------------------
# small readers


def _fraction_or_none(value: object, field: str) -> Fraction | None:
    return None if value is None else fraction(value, field)


def _to_fraction(field: str) -> Any:
    def convert(value: object) -> Any:
        return fraction(value, field)

    return convert


def _to_optional_fraction(field: str) -> Any:
    def convert(value: object) -> Any:
        return _fraction_or_none(value, field)

    return convert


def _enum_converter(cls: type[CodedEnum], field: str) -> Any:
    def convert(value: object) -> Any:
        return cls.from_name(value, field) if not isinstance(value, int | bool) else cls(value)

    return convert


def _method_method(value: object) -> Method:
    return Method.from_name(value, "method") if not isinstance(value, int) else Method(value)


def _zerorule_zeros(value: object) -> ZeroRule:
    return ZeroRule.from_name(value, "zeros") if not isinstance(value, int) else ZeroRule(value)


def _normalisationmethod_method(value: object) -> NormalisationMethod:
    return (
        NormalisationMethod.from_name(value, "method")
        if not isinstance(value, int)
        else NormalisationMethod(value)
    )


def _imputationmethod_method(value: object) -> ImputationMethod:
    return (
        ImputationMethod.from_name(value, "method")
        if not isinstance(value, int)
        else ImputationMethod(value)
    )


def _outliermethod_method(value: object) -> OutlierMethod:
    return (
        OutlierMethod.from_name(value, "method")
        if not isinstance(value, int)
        else OutlierMethod(value)
    )


def _direction_direction(value: object) -> Direction:
    return (
        Direction.from_name(value, "direction") if not isinstance(value, int) else Direction(value)
    )


def _level_level(value: object) -> NodeLevel:
    return NodeLevel.from_name(value, "level") if not isinstance(value, int) else NodeLevel(value)


def _opt_upper(value: object) -> Fraction | None:
    return _fraction_or_none(value, "upper")


def _opt_lower(value: object) -> Fraction | None:
    return _fraction_or_none(value, "lower")


def _opt_p(value: object) -> Fraction | None:
    return _fraction_or_none(value, "p")


def _opt_target(value: object) -> Fraction | None:
    return _fraction_or_none(value, "target")


def _frac_kurtosis(value: object) -> Fraction:
    return fraction(value, "kurtosis")


def _frac_low(value: object) -> Fraction:
    return fraction(value, "low")


def _frac_skew(value: object) -> Fraction:
    return fraction(value, "skew")


def _frac_shift(value: object) -> Fraction:
    return fraction(value, "shift")


def _frac_high(value: object) -> Fraction:
    return fraction(value, "high")


def _frac_scale(value: object) -> Fraction:
    return fraction(value, "scale")


def _window(value: object) -> int:
    return whole(value, "window", minimum=1, maximum=1000)


def _max_points(value: object) -> int:
    return whole(value, "max_points", minimum=0, maximum=10**6)


def _minimum_share(value: object) -> Fraction:
    return _share(value, "minimum")


def _children(value: object) -> tuple[str, ...]:
    return tuple(text(c, f"children[{i}]") for i, c in enumerate(sequence(value, "children")))


def _node_weights(value: object) -> tuple[Fraction | None, ...] | None:
    return () if value == () else _weights(value)


def _indicator_items(value: object) -> tuple[Indicator, ...]:
    return items_of(value, Indicator, "indicators")


def _node_items(value: object) -> tuple[Node, ...]:
    return items_of(value, Node, "nodes")


def _imputation_per_level(value: object) -> dict[NodeLevel, Imputation]:
    return cast(
        dict[NodeLevel, Imputation], _level_settings(Imputation, "imputation_per_level")(value)
    )


def _unit_names(value: object) -> tuple[str, ...]:
    return _names(value, "units")


def _indicator_names(value: object) -> tuple[str, ...]:
    return _names(value, "indicators")


def _years(value: object) -> tuple[int, ...]:
    return tuple(_year(y, f"years[{i}]") for i, y in enumerate(sequence(value, "years")))


def _records(value: object) -> tuple[Any, ...]:
    return sequence(value, "records")


def _steps(value: object) -> tuple[Step, ...]:
    return items_of(value, Step, "steps")


# ---------------------------------------------------------------------------------------------
# settings


@attrs.frozen(repr=False)
class Aggregation:
    """How one node combines its children: a :class:`Method`, the exponent ``p`` of a
    generalised mean, the rule for zeros of a geometric or harmonic mean and the shift it uses.

    >>> Aggregation()
    Aggregation()
    >>> Aggregation.generalised(2).p
    Fraction(2, 1)
    >>> Aggregation(Method.GENERALISED)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: p = None: a generalised mean needs an exponent p other than 0
    """

    method: Method = attrs.field(default=Method.ARITHMETIC, converter=_method_method)
    p: Fraction | None = attrs.field(default=None, converter=_opt_p)
    zeros: ZeroRule = attrs.field(default=ZeroRule.REFUSE, converter=_zerorule_zeros)
    shift: Fraction = attrs.field(default=Fraction(0), converter=_frac_shift)

    def __attrs_post_init__(self) -> None:
        if self.method is Method.GENERALISED and (self.p is None or self.p == 0):
            raise ValidationError(
                "a generalised mean needs an exponent p other than 0",
                vi="trung bình tổng quát cần số mũ p khác 0",
                field="p",
                value=self.p,
            )
        if self.zeros is ZeroRule.SHIFT and self.shift <= 0:
            raise ValidationError(
                "the SHIFT rule for zeros needs a positive shift",
                vi="quy tắc dịch chuyển cần một độ dịch dương",
                field="shift",
                value=self.shift,
            )

    __repr__ = constructor_repr

    @classmethod
    def arithmetic(cls) -> Aggregation:
        """The weighted arithmetic mean (exact)."""
        return cls()

    @classmethod
    def geometric(cls, zeros: ZeroRule | str = ZeroRule.REFUSE, shift: object = 0) -> Aggregation:
        """The weighted geometric mean (float) with its rule for zeros."""
        return cls(Method.GEOMETRIC, zeros=zeros, shift=shift)

    @classmethod
    def harmonic(cls, zeros: ZeroRule | str = ZeroRule.REFUSE, shift: object = 0) -> Aggregation:
        """The weighted harmonic mean (float) with its rule for zeros."""
        return cls(Method.HARMONIC, zeros=zeros, shift=shift)

    @classmethod
    def generalised(cls, p: object) -> Aggregation:
        """The weighted generalised (power) mean with exponent ``p`` (float)."""
        return cls(Method.GENERALISED, p=p)

    @property
    def exact(self) -> bool:
        """True when the mean of exact scores is exact (the arithmetic mean)."""
        return self.method is Method.ARITHMETIC


@attrs.frozen(repr=False)
class Normalisation:
    """How an indicator's values (after imputation and outlier treatment) become scores.

    - ``MIN_MAX``: ``low + (high − low)·(x − min)/(max − min)``, min and max over the units of
      the same year; exact. All units equal: every score is ``high``.
    - ``WINDOW_MIN_MAX``: the same, min and max over the year and the ``window − 1`` years
      before it (Quảng Ninh's DDCI takes three years); exact.
    - ``GOALPOSTS``: ``(x − lower)/(upper − lower)`` clipped to [0, 1], then to [low, high];
      exact.
    - ``Z_SCORE``: ``(x − mean)/sd`` with the sample standard deviation; float.
    - ``RANK``: the unit's competition rank from the bottom (the worst unit 1); exact.
    - ``PERCENTILE``: ``(rank − 1)/(n − 1)`` from the bottom, to [low, high]; exact.
    - ``DISTANCE_TO_TARGET``: ``(x − min)/(target − min)`` capped at 1, to [low, high]; exact.
    - ``DISTANCE_TO_BEST``: ``x/best`` (``best/x`` for a negative indicator), needs positive
      values, to [low, high]; exact.
    - ``NONE``: the value as it is, whatever the direction (an indicator already on its
      scale, such as a PCI sub-index).

    A negative-direction indicator is scored so that less is better, in every method.

    >>> Normalisation.min_max(1, 10)
    Normalisation(low=Fraction(1, 1), high=Fraction(10, 1))
    >>> Normalisation.windowed(3, 1, 10).window
    3
    >>> Normalisation.min_max(10, 1)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: high = Fraction(1, 1): must be above low (10)
    """

    method: NormalisationMethod = attrs.field(
        default=NormalisationMethod.MIN_MAX,
        converter=_normalisationmethod_method,
    )
    low: Fraction = attrs.field(default=Fraction(0), converter=_frac_low)
    high: Fraction = attrs.field(default=Fraction(100), converter=_frac_high)
    lower: Fraction | None = attrs.field(default=None, converter=_opt_lower)
    upper: Fraction | None = attrs.field(default=None, converter=_opt_upper)
    window: int = attrs.field(default=1, converter=_window)
    target: Fraction | None = attrs.field(default=None, converter=_opt_target)

    def __attrs_post_init__(self) -> None:
        if self.high <= self.low:
            raise ValidationError(
                f"must be above low ({self.low})",
                vi=f"phải lớn hơn cận dưới ({self.low})",
                field="high",
                value=self.high,
            )
        m = self.method
        if m is NormalisationMethod.GOALPOSTS and (
            self.lower is None or self.upper is None or self.upper <= self.lower
        ):
            raise ValidationError(
                "goalposts need a lower and a higher upper goalpost",
                vi="cần hai ngưỡng cố định, ngưỡng trên lớn hơn ngưỡng dưới",
                field="upper",
                value=(self.lower, self.upper),
            )
        if m is NormalisationMethod.DISTANCE_TO_TARGET and self.target is None:
            raise ValidationError(
                "distance to a target needs the target",
                vi="cần giá trị mục tiêu",
                field="target",
                value=None,
            )

    __repr__ = constructor_repr

    @classmethod
    def none(cls) -> Normalisation:
        """Values used as they are."""
        return cls(NormalisationMethod.NONE)

    @classmethod
    def min_max(cls, low: object = 0, high: object = 100) -> Normalisation:
        """Min-max over the units of each year, to [low, high]."""
        return cls(NormalisationMethod.MIN_MAX, low=low, high=high)

    @classmethod
    def windowed(cls, years: int, low: object = 0, high: object = 100) -> Normalisation:
        """Min-max with min and max over ``years`` years ending in the scored one."""
        return cls(NormalisationMethod.WINDOW_MIN_MAX, low=low, high=high, window=years)

    @classmethod
    def goalposts(
        cls, lower: object, upper: object, low: object = 0, high: object = 100
    ) -> Normalisation:
        """Fixed goalposts ``lower`` and ``upper``, to [low, high]."""
        return cls(NormalisationMethod.GOALPOSTS, low=low, high=high, lower=lower, upper=upper)

    @classmethod
    def z_score(cls) -> Normalisation:
        """Standard scores (float)."""
        return cls(NormalisationMethod.Z_SCORE)

    @classmethod
    def rank(cls) -> Normalisation:
        """Competition ranks from the bottom."""
        return cls(NormalisationMethod.RANK)

    @classmethod
    def percentile(cls, low: object = 0, high: object = 100) -> Normalisation:
        """Percentile ranks, to [low, high]."""
        return cls(NormalisationMethod.PERCENTILE, low=low, high=high)

    @classmethod
    def distance_to_target(
        cls, target: object, low: object = 0, high: object = 100
    ) -> Normalisation:
        """Progress from the worst unit to ``target``, capped at the target."""
        return cls(NormalisationMethod.DISTANCE_TO_TARGET, low=low, high=high, target=target)

    @classmethod
    def distance_to_best(cls, low: object = 0, high: object = 100) -> Normalisation:
        """The ratio to the best unit of the year."""
        return cls(NormalisationMethod.DISTANCE_TO_BEST, low=low, high=high)

    @property
    def exact(self) -> bool:
        """True unless the method works in floats (z-scores)."""
        return self.method is not NormalisationMethod.Z_SCORE

    @property
    def bounded(self) -> bool:
        """True when every score lies in [low, high]."""
        return self.method not in (
            NormalisationMethod.NONE,
            NormalisationMethod.Z_SCORE,
            NormalisationMethod.RANK,
        )


@attrs.frozen(repr=False)
class Imputation:
    """What fills a missing cell: nothing (``NONE``: the cell stays missing and its parent
    re-scales the weights of the children present), the mean or median of the unit's group in
    the same year (all units, or the groups given to :func:`build`), the unit's latest earlier
    year (``LATEST_YEAR``), or the straight line between its nearest years before and after
    (``LINEAR``). All exact.

    >>> Imputation(ImputationMethod.GROUP_MEDIAN)
    Imputation(method=ImputationMethod.GROUP_MEDIAN)
    """

    method: ImputationMethod = attrs.field(
        default=ImputationMethod.NONE, converter=_imputationmethod_method
    )

    __repr__ = constructor_repr


@attrs.frozen(repr=False)
class OutlierTreatment:
    """Outlier treatment of an indicator, in COINr's way: an indicator is treated when in some
    year its absolute skewness exceeds ``skew`` *and* its kurtosis (excess) exceeds
    ``kurtosis`` (both floats, as statistics are); ``WINSORISE`` then sets the most extreme
    value on the long side to the next one, at most ``max_points`` times, until the thresholds
    hold (exact: values are only copied); ``LOG`` replaces every value x by ln(x − min + 1)
    (float).

    >>> OutlierTreatment.winsorise()
    OutlierTreatment(method=OutlierMethod.WINSORISE)
    >>> OutlierTreatment().skew, OutlierTreatment().kurtosis
    (Fraction(2, 1), Fraction(7, 2))
    """

    method: OutlierMethod = attrs.field(default=OutlierMethod.NONE, converter=_outliermethod_method)
    skew: Fraction = attrs.field(default=Fraction(2), converter=_frac_skew)
    kurtosis: Fraction = attrs.field(default=Fraction(7, 2), converter=_frac_kurtosis)
    max_points: int = attrs.field(default=5, converter=_max_points)

    __repr__ = constructor_repr

    @classmethod
    def winsorise(
        cls, skew: object = 2, kurtosis: object = Fraction(7, 2), max_points: int = 5
    ) -> OutlierTreatment:
        """Winsorisation by the thresholds."""
        return cls(OutlierMethod.WINSORISE, skew=skew, kurtosis=kurtosis, max_points=max_points)

    @classmethod
    def log(cls, skew: object = 2, kurtosis: object = Fraction(7, 2)) -> OutlierTreatment:
        """A log transform by the thresholds."""
        return cls(OutlierMethod.LOG, skew=skew, kurtosis=kurtosis)


def _share(value: object, field: str) -> Fraction:
    share = fraction(value, field)
    if not 0 <= share <= 1:
        raise ValidationError(
            "must be a share from 0 to 1",
            vi="phải là một tỷ lệ từ 0 đến 1",
            field=field,
            value=value,
        )
    return share


def _level_shares(value: object) -> dict[NodeLevel, Fraction]:
    if not isinstance(value, Mapping):
        raise CchcTypeError(
            "must be a mapping of levels to shares",
            vi="phải là bảng ánh xạ cấp → tỷ lệ",
            field="per_level",
            value=value,
        )
    return {
        NodeLevel.from_name(k, "per_level"): _share(v, f"per_level[{k}]") for k, v in value.items()
    }


@attrs.frozen(repr=False)
class Screening:
    """Which units are kept in a year: a unit needs at least ``minimum`` of all indicators
    present that year (the JRC rule of thumb is 65 %), and, for each level named in
    ``per_level``, at least that share of the indicators under *every* node of that level.

    >>> Screening().minimum
    Fraction(13, 20)
    >>> Screening(per_level={"dimension": "1/2"}).per_level
    {NodeLevel.DIMENSION: Fraction(1, 2)}
    """

    minimum: Fraction = attrs.field(default=Fraction(65, 100), converter=_minimum_share)
    per_level: dict[NodeLevel, Fraction] = attrs.field(
        factory=dict, converter=_level_shares, hash=False
    )

    __repr__ = constructor_repr

    def __hash__(self) -> int:
        return hash((self.minimum, tuple(sorted((k.depth, v) for k, v in self.per_level.items()))))


# ---------------------------------------------------------------------------------------------
# the tree


def _optional_setting(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise CchcTypeError(
                f"must be a {kind.__name__} or None, not {type(value).__name__}",
                vi=f"phải là {kind.__name__} hoặc để trống",
                field=attribute.name,
                value=value,
            )

    return check


@attrs.frozen(repr=False)
class Indicator:
    """One indicator (chỉ tiêu): its code, names in Vietnamese and English, direction, unit of
    measure, source, and the settings that override the spec's defaults for it alone
    (normalisation, imputation, outlier treatment).

    >>> Indicator("A1", "Tỷ lệ hài lòng", "Satisfaction rate", unit="%", source="SIPAS 2023")
    Indicator('A1', 'Tỷ lệ hài lòng', name_en='Satisfaction rate', unit='%', source='SIPAS 2023')
    >>> Indicator("A 1", "x", "x")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: code = 'A 1': must not contain white space
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    name_vi: str = attrs.field(converter=to_nfc, validator=is_name)
    name_en: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    direction: Direction = attrs.field(default=Direction.POSITIVE, converter=_direction_direction)
    unit: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    normalisation: Normalisation | None = attrs.field(
        default=None, validator=_optional_setting(Normalisation)
    )
    imputation: Imputation | None = attrs.field(
        default=None, validator=_optional_setting(Imputation)
    )
    outliers: OutlierTreatment | None = attrs.field(
        default=None, validator=_optional_setting(OutlierTreatment)
    )

    __repr__ = constructor_repr


def _weights(value: object) -> tuple[Fraction | None, ...] | None:
    if value is None:
        return None
    items = sequence(value, "weights")
    out: list[Fraction | None] = []
    for i, item in enumerate(items):
        if item is None or (isinstance(item, str) and item.strip().casefold() == "unknown"):
            out.append(None)
            continue
        w = fraction(item, f"weights[{i}]")
        if w < 0:
            raise ValidationError("is negative", vi="là số âm", field=f"weights[{i}]", value=item)
        out.append(w)
    return tuple(out)


@attrs.frozen(repr=False)
class Node:
    """A node of the index tree above the indicators: a sub-dimension, a dimension or the index.

    ``children`` are codes of indicators or of lower nodes; ``weights`` are one per child and
    need not sum to one (they are re-scaled within the node); ``None`` (or a weight written
    ``"unknown"``) says the weight is not known, and building then needs the weights from the
    user. ``aggregation`` is this node's own (nodes of one level may differ); ``scale``
    multiplies the mean (PCI's weighted mean of 10-point sub-indices times 10 gives its
    100-point index).

    >>> Node("D1", "Tham gia", "Participation", NodeLevel.DIMENSION, ["a", "b"]).weights
    (Fraction(1, 1), Fraction(1, 1))
    >>> Node("D1", "Tham gia", "Participation", "dimension", ["a", "b"], weights=None).weights
    (None, None)
    >>> Node("D1", "x", "x", NodeLevel.DIMENSION, ["a", "b"], weights=[1])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: weights = (Fraction(1, 1),): has 1 weights for 2 children
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    name_vi: str = attrs.field(converter=to_nfc, validator=is_name)
    name_en: str = attrs.field(converter=to_nfc, validator=is_text)
    level: NodeLevel = attrs.field(converter=_level_level)
    children: tuple[str, ...] = attrs.field(converter=_children)
    weights: tuple[Fraction | None, ...] = attrs.field(default=(), converter=_node_weights)
    aggregation: Aggregation = attrs.field(factory=Aggregation)
    scale: Fraction = attrs.field(default=Fraction(1), converter=_frac_scale)
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    def __attrs_post_init__(self) -> None:
        if self.level is NodeLevel.INDICATOR:
            raise ValidationError(
                "a node cannot be at the indicator level",
                vi="một nút không thể ở cấp chỉ tiêu",
                field="level",
                value=self.level,
            )
        if not self.children:
            raise ValidationError(
                "a node needs at least one child",
                vi="một nút cần ít nhất một thành phần",
                field="children",
                value=self.children,
            )
        if len(set(self.children)) != len(self.children):
            raise ValidationError(
                "names a child twice",
                vi="có thành phần bị lặp",
                field="children",
                value=self.children,
            )
        if self.weights == ():
            object.__setattr__(self, "weights", (Fraction(1),) * len(self.children))
        elif self.weights is None:
            object.__setattr__(self, "weights", (None,) * len(self.children))
        if len(self.weights) != len(self.children):
            raise ValidationError(
                f"has {len(self.weights)} weights for {len(self.children)} children",
                vi=f"có {len(self.weights)} trọng số cho {len(self.children)} thành phần",
                field="weights",
                value=self.weights,
            )
        if not isinstance(self.aggregation, Aggregation):
            raise CchcTypeError(
                "must be an Aggregation",
                vi="phải là một cách tổng hợp (Aggregation)",
                field="aggregation",
                value=self.aggregation,
            )
        if self.scale <= 0:
            raise ValidationError(
                "must be positive", vi="phải dương", field="scale", value=self.scale
            )

    __repr__ = constructor_repr

    @property
    def weights_known(self) -> bool:
        """True when every child's weight is known."""
        return all(w is not None for w in self.weights)

    def rescaled(self) -> dict[str, Fraction]:
        """The weights re-scaled to sum to one, by child.

        >>> Node("I", "x", "x", "index", ["a", "b"], weights=[20, 5]).rescaled()
        {'a': Fraction(4, 5), 'b': Fraction(1, 5)}
        """
        if not self.weights_known:
            raise ValidationError(
                f"node {self.code!r}: some weights are unknown; give them to build the index",
                vi=f"nút {self.code!r}: chưa biết một số trọng số; cần cung cấp trọng số",
                field="weights",
                value=self.weights,
            )
        known = cast(tuple[Fraction, ...], self.weights)
        total = sum(known, Fraction(0))
        if total == 0:
            raise ValidationError(
                f"node {self.code!r}: the weights sum to zero",
                vi=f"nút {self.code!r}: tổng trọng số bằng 0",
                field="weights",
                value=self.weights,
            )
        return {c: w / total for c, w in zip(self.children, known, strict=True)}


def _setting(kind: type, field: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise CchcTypeError(
                f"must be a {kind.__name__}",
                vi=f"phải là {kind.__name__}",
                field=field,
                value=value,
            )

    return check


def _level_settings(kind: type, field: str) -> Any:
    def convert(value: object) -> Any:
        if not isinstance(value, Mapping):
            raise CchcTypeError(
                "must be a mapping of levels to settings",
                vi="phải là bảng ánh xạ cấp → thiết lập",
                field=field,
                value=value,
            )
        out = {}
        for k, v in value.items():
            if not isinstance(v, kind):
                raise CchcTypeError(
                    f"must be a {kind.__name__}",
                    vi=f"phải là {kind.__name__}",
                    field=f"{field}[{k}]",
                    value=v,
                )
            out[NodeLevel.from_name(k, field)] = v
        return out

    return convert


@attrs.frozen(repr=False, eq=False)
class IndexSpec:
    """An index described as data: its indicators, its nodes (one of them at the
    :attr:`NodeLevel.INDEX` level, the root), and the default settings of the build steps.

    Settings resolve from the most specific: an indicator's own, then the one given for its
    parent's level in ``imputation_per_level``, then the spec's default.

    The whole tree is checked at once: every problem is a :class:`~cchc.errors.Finding` of the
    :class:`~cchc.errors.InvalidDocumentError` raised.

    >>> IndexSpec("bad", "Sai", "Bad", indicators=[Indicator("a", "A")],
    ...           nodes=[Node("I", "Chỉ số", "Index", "index", ["a", "b"])])
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: index 'bad': 1 problem
      error index.unknown-child at nodes[0].children[1]: ...
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    name_vi: str = attrs.field(converter=to_nfc, validator=is_name)
    name_en: str = attrs.field(converter=to_nfc, validator=is_text)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicator_items)
    nodes: tuple[Node, ...] = attrs.field(converter=_node_items)
    normalisation: Normalisation = attrs.field(
        factory=Normalisation, validator=_setting(Normalisation, "normalisation")
    )
    imputation: Imputation = attrs.field(
        factory=Imputation, validator=_setting(Imputation, "imputation")
    )
    imputation_per_level: dict[NodeLevel, Imputation] = attrs.field(
        factory=dict, converter=_imputation_per_level
    )
    outliers: OutlierTreatment = attrs.field(
        factory=OutlierTreatment, validator=_setting(OutlierTreatment, "outliers")
    )
    screening: Screening = attrs.field(
        factory=Screening, validator=_setting(Screening, "screening")
    )
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    version: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    note: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)

    def __attrs_post_init__(self) -> None:
        findings = list(self._problems())
        if findings:
            raise InvalidDocumentError(f"index {self.code!r}", findings)

    __repr__ = constructor_repr

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndexSpec):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in attrs.fields(IndexSpec))

    def __hash__(self) -> int:
        return hash((self.code, self.indicators, self.nodes))

    def _problems(self) -> Iterable[Finding]:
        def finding(code: str, path: str, en: str, vi: str) -> Finding:
            return Finding(code=f"index.{code}", path=path, message_vi=vi, message_en=en)

        seen: dict[str, str] = {}
        elements: tuple[tuple[str, tuple[Indicator | Node, ...]], ...] = (
            ("indicators", self.indicators),
            ("nodes", self.nodes),
        )
        for where, items in elements:
            for i, item in enumerate(items):
                key = fold(item.code)
                if key in seen:
                    yield finding(
                        "duplicate-code",
                        f"{where}[{i}].code",
                        f"{item.code!r} is already used at {seen[key]}",
                        f"mã {item.code!r} đã dùng ở {seen[key]}",
                    )
                else:
                    seen[key] = f"{where}[{i}]"
        levels = {fold(i.code): NodeLevel.INDICATOR for i in self.indicators}
        levels.update({fold(n.code): n.level for n in self.nodes})
        parents: dict[str, str] = {}
        for i, node in enumerate(self.nodes):
            for j, child in enumerate(node.children):
                key = fold(child)
                path = f"nodes[{i}].children[{j}]"
                if key not in levels:
                    yield finding(
                        "unknown-child",
                        path,
                        f"{child!r} is neither an indicator nor a node",
                        f"{child!r} không phải là chỉ tiêu hay nút nào",
                    )
                    continue
                if not levels[key] < node.level:
                    yield finding(
                        "level-order",
                        path,
                        f"{child!r} ({levels[key].name}) is not below "
                        f"{node.code!r} ({node.level.name})",
                        f"{child!r} không ở cấp thấp hơn {node.code!r}",
                    )
                if key in parents:
                    yield finding(
                        "two-parents",
                        path,
                        f"{child!r} is already a child of {parents[key]!r}",
                        f"{child!r} đã thuộc nút {parents[key]!r}",
                    )
                parents[key] = node.code
        roots = [n for n in self.nodes if n.level is NodeLevel.INDEX]
        if len(roots) != 1:
            yield finding(
                "root",
                "nodes",
                f"needs exactly one node at the index level, has {len(roots)}",
                f"cần đúng một nút ở cấp chỉ số, đang có {len(roots)}",
            )
        for where, items in elements:
            for i, item in enumerate(items):
                if (
                    getattr(item, "level", None) is not NodeLevel.INDEX
                    and fold(item.code) not in parents
                ):
                    yield finding(
                        "orphan",
                        f"{where}[{i}]",
                        f"{item.code!r} is not a child of any node",
                        f"{item.code!r} không thuộc nút nào",
                    )

    # --- lookups -------------------------------------------------------------------------

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicators' codes, in order: the columns a :class:`Panel` for this index holds."""
        return tuple(i.code for i in self.indicators)

    @property
    def root(self) -> Node:
        """The node at the index level."""
        return next(n for n in self.nodes if n.level is NodeLevel.INDEX)

    def indicator(self, code: str) -> Indicator:
        """The indicator of this code (case- and tone-placement-insensitive)."""
        key = fold(text(code, "code"))
        for item in self.indicators:
            if fold(item.code) == key:
                return item
        raise NotFoundError(
            f"index {self.code!r} has no indicator of this code",
            vi=f"chỉ số {self.code!r} không có chỉ tiêu mã này",
            field="code",
            value=code,
        )

    def node(self, code: str) -> Node:
        """The node of this code."""
        key = fold(text(code, "code"))
        for item in self.nodes:
            if fold(item.code) == key:
                return item
        raise NotFoundError(
            f"index {self.code!r} has no node of this code",
            vi=f"chỉ số {self.code!r} không có nút mã này",
            field="code",
            value=code,
        )

    def parent(self, code: str) -> Node | None:
        """The node whose child ``code`` is (None for the root)."""
        key = fold(code)
        for node in self.nodes:
            if any(fold(c) == key for c in node.children):
                return node
        return None

    def nodes_bottom_up(self) -> tuple[Node, ...]:
        """The nodes, every node after all of its children."""
        order: list[Node] = []

        def visit(node: Node) -> None:
            for child in node.children:
                if any(fold(n.code) == fold(child) for n in self.nodes):
                    visit(self.node(child))
            order.append(node)

        visit(self.root)
        return tuple(order)

    def leaves_of(self, code: str) -> tuple[str, ...]:
        """Codes of the indicators under the node ``code`` (in the spec's order)."""
        if any(fold(i.code) == fold(code) for i in self.indicators):
            return (self.indicator(code).code,)
        out: list[str] = []
        for child in self.node(code).children:
            out.extend(self.leaves_of(child))
        return tuple(out)

    # --- settings ------------------------------------------------------------------------

    def normalisation_of(self, code: str) -> Normalisation:
        """The normalisation used for indicator ``code``."""
        return self.indicator(code).normalisation or self.normalisation

    def imputation_of(self, code: str) -> Imputation:
        """The imputation used for indicator ``code``: its own, its parent's level's, or the
        default."""
        own = self.indicator(code).imputation
        if own is not None:
            return own
        parent = self.parent(code)
        if parent is not None and parent.level in self.imputation_per_level:
            return self.imputation_per_level[parent.level]
        return self.imputation

    def outliers_of(self, code: str) -> OutlierTreatment:
        """The outlier treatment used for indicator ``code``."""
        return self.indicator(code).outliers or self.outliers

    @property
    def weights_known(self) -> bool:
        """True when every weight of every node is known."""
        return all(n.weights_known for n in self.nodes)

    def with_weights(self, weights: Mapping[str, object]) -> IndexSpec:
        """A copy whose nodes have the weights given by node code, each a list in the order of
        the node's children (unknown weights must all be given before building).

        >>> spec = IndexSpec("s", "S", "S", indicators=[Indicator("a", "A"), Indicator("b", "B")],
        ...     nodes=[Node("I", "Chỉ số", "Index", "index", ["a", "b"], weights=None)])
        >>> spec.weights_known, spec.with_weights({"I": [2, 1]}).effective_weights()["a"]
        (False, Fraction(2, 3))
        """
        if not isinstance(weights, Mapping):
            raise CchcTypeError(
                "must be a mapping of node codes to weights",
                vi="phải là bảng ánh xạ mã nút → trọng số",
                field="weights",
                value=weights,
            )
        nodes = list(self.nodes)
        for code, ws in weights.items():
            node = self.node(code)
            index = nodes.index(node)
            nodes[index] = attrs.evolve(node, weights=ws)
        return attrs.evolve(self, nodes=nodes)

    def effective_weights(self) -> dict[str, Fraction]:
        """Each indicator's weight in the final index: the product of its re-scaled weights on
        the way up (exact). For an arithmetic tree it is the indicator's share of the index;
        where a node uses another mean it is the nominal weight that mean gives the child."""
        out: dict[str, Fraction] = {}

        def walk(code: str, share: Fraction) -> None:
            if any(fold(i.code) == fold(code) for i in self.indicators):
                out[self.indicator(code).code] = share
                return
            for child, w in self.node(code).rescaled().items():
                walk(child, share * w)

        walk(self.root.code, Fraction(1))
        return {i.code: out[i.code] for i in self.indicators if i.code in out}


# ---------------------------------------------------------------------------------------------
# data


def _year(value: object, field: str) -> int:
    return whole(value, field, minimum=1, maximum=9999)


def _cell(value: object, field: str) -> Fraction | None:
    """A cell read exactly: None, NaN and empty text are missing; a float is read as the
    shortest decimal that gives it back (``0.1`` is 1/10), as a user typed it."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            raise ValidationError(
                "is infinite", vi="là vô cùng, không phải một số", field=field, value=value
            )
        shown = repr(number)
        point = shown.find(".")
        if (
            "e" not in shown
            and abs(number) < NUMBER_LIMIT
            and point > 0
            and len(shown) - point - 1 <= FINEST_DIGITS
        ):
            # plain decimal text within the limits: its digits over a power of ten
            decimals = len(shown) - point - 1
            return Fraction(int(shown[:point] + shown[point + 1 :]), 10**decimals)
        return fraction(shown, field)
    if isinstance(value, np.integer):
        return fraction(int(value), field)
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, bool):
        raise CchcTypeError(
            "must be a number, not bool", vi="phải là một số", field=field, value=value
        )
    return fraction(value, field)


#: The most cells a panel may hold (units × indicators × years).
CELL_LIMIT = 20_000_000


def _names(value: object, field: str) -> tuple[str, ...]:
    items = tuple(text(v, f"{field}[{i}]") for i, v in enumerate(sequence(value, field)))
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if not item.strip():
            raise ValidationError(
                "must not be empty", vi="không được để trống", field=f"{field}[{i}]", value=item
            )
        key = fold(item)
        if key in seen:
            raise ValidationError(
                f"is given twice (also at {field}[{seen[key]}])",
                vi=f"bị lặp (đã có ở {field}[{seen[key]}])",
                field=f"{field}[{i}]",
                value=item,
            )
        seen[key] = i
    return items


def _same_cells(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and all(x == y for x, y in zip(a.flat, b.flat, strict=True))


@attrs.frozen(eq=False, repr=False)
class Panel:
    """The data of an index: units × indicators × years, each cell an exact
    :class:`~fractions.Fraction` or ``None`` (missing), held in a NumPy object array of that
    shape.

    Read it from an array (:meth:`from_array`: floats with NaN for missing are read as the
    decimals they print as) or from a tidy long table (:meth:`from_long`).

    >>> import numpy as np
    >>> p = Panel.from_array(["A", "B"], ["x"], [2023], np.array([[[1.5]], [[np.nan]]]))
    >>> p.value("A", "x", 2023), p.value("B", "x", 2023)
    (Fraction(3, 2), None)
    >>> p.to_float()[:, 0, 0]
    array([1.5, nan])
    """

    units: tuple[str, ...] = attrs.field(converter=_unit_names)
    indicators: tuple[str, ...] = attrs.field(converter=_indicator_names)
    years: tuple[int, ...] = attrs.field(converter=_years)
    values: np.ndarray = attrs.field()

    def __attrs_post_init__(self) -> None:
        if list(self.years) != sorted(set(self.years)):
            raise ValidationError(
                "must be increasing and each given once",
                vi="phải tăng dần, mỗi năm một lần",
                field="years",
                value=self.years,
            )
        shape = (len(self.units), len(self.indicators), len(self.years))
        if not isinstance(self.values, np.ndarray) or self.values.shape != shape:
            raise ValidationError(
                f"must be an array of shape {shape} (units, indicators, years)",
                vi=f"phải là mảng kích thước {shape} (đơn vị, chỉ tiêu, năm)",
                field="values",
                value=getattr(self.values, "shape", type(self.values).__name__),
            )
        if self.values.dtype != object or not all(
            v is None or isinstance(v, Fraction) for v in self.values.flat
        ):
            raise CchcTypeError(
                "must hold Fractions or None; read other data with Panel.from_array",
                vi="phải chứa phân số hoặc ô trống; hãy đọc dữ liệu bằng Panel.from_array",
                field="values",
                value=self.values.dtype,
            )
        self.values.setflags(write=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Panel):
            return NotImplemented
        return (self.units, self.indicators, self.years) == (
            other.units,
            other.indicators,
            other.years,
        ) and _same_cells(self.values, other.values)

    def __hash__(self) -> int:
        return hash((self.units, self.indicators, self.years))

    def __repr__(self) -> str:
        return (
            f"Panel({len(self.units)} units × {len(self.indicators)} indicators × "
            f"{len(self.years)} years, {self.missing} missing)"
        )

    @classmethod
    def from_array(
        cls,
        units: Sequence[str],
        indicators: Sequence[str],
        years: Sequence[int] | int,
        values: object,
    ) -> Panel:
        """A panel from an array of shape (units, indicators, years), or (units, indicators)
        for a single year given as an int. Missing cells are NaN or None; floats are read as
        the decimals they print as; Decimals, ints, Fractions and text are read exactly."""
        unit_names, indicator_names = _names(units, "units"), _names(indicators, "indicators")
        if isinstance(years, int) and not isinstance(years, bool):
            year_list = [_year(years, "years")]
        else:
            year_list = [_year(y, f"years[{i}]") for i, y in enumerate(sequence(years, "years"))]
        cells = len(unit_names) * len(indicator_names) * len(year_list)
        if cells > CELL_LIMIT:
            raise ValidationError(
                f"has more than {CELL_LIMIT:,} cells",
                vi=f"có quá {CELL_LIMIT:,} ô".replace(",", "."),
                field="values",
                value=cells,
            )
        if isinstance(values, np.ndarray) and values.size > CELL_LIMIT:
            raise ValidationError(
                f"has more than {CELL_LIMIT:,} cells",
                vi=f"có quá {CELL_LIMIT:,} ô".replace(",", "."),
                field="values",
                value=values.shape,
            )
        try:
            array = np.asarray(values, dtype=object)
        except (ValueError, TypeError) as exc:  # ragged nesting, or not array-like at all
            raise CchcTypeError(
                f"must be an array (nested lists of one shape), not {type(values).__name__} "
                f"({exc})",
                vi="phải là một mảng (các danh sách lồng nhau cùng kích thước)",
                field="values",
                value=values,
            ) from None
        if array.ndim == 2 and len(year_list) == 1:
            array = array[:, :, None]
        shape = (len(unit_names), len(indicator_names), len(year_list))
        if array.shape != shape:
            raise ValidationError(
                f"must be an array of shape {shape} (units, indicators, years)",
                vi=f"phải là mảng kích thước {shape} (đơn vị, chỉ tiêu, năm)",
                field="values",
                value=array.shape,
            )
        if array.size > CELL_LIMIT:
            raise ValidationError(
                f"has more than {CELL_LIMIT:,} cells",
                vi=f"có quá {CELL_LIMIT:,} ô".replace(",", "."),
                field="values",
                value=array.shape,
            )
        out = np.empty(shape, dtype=object)
        names_u, names_i = unit_names, indicator_names
        for index, cell in np.ndenumerate(array):
            try:
                out[index] = _cell(cell, "values")
            except CchcError:  # read again to name the cell in the error
                u, i, y = index
                _cell(cell, f"values[{names_u[u]}, {names_i[i]}, {year_list[y]}]")
                raise
        return cls(unit_names, indicator_names, year_list, out)

    @classmethod
    def from_long(cls, rows: Iterable[object]) -> Panel:
        """A panel from a tidy long table: rows of ``(unit, indicator, year, value)`` (tuples,
        or mappings with those keys). Units, indicators and years keep the order they first
        appear in (years sorted); a cell given twice is an error.

        >>> p = Panel.from_long([("A", "x", 2022, "1.5"), ("A", "x", 2023, 2), ("B", "x", 2023, 3)])
        >>> p.years, p.value("B", "x", 2022)
        ((2022, 2023), None)
        """
        if isinstance(rows, str | bytes | bytearray | Mapping) or not isinstance(rows, Iterable):
            raise CchcTypeError(
                f"must be a list of rows, not {type(rows).__name__}",
                vi="phải là danh sách các dòng (đơn vị, chỉ tiêu, năm, giá trị)",
                field="rows",
                value=rows,
            )
        read: dict[tuple[str, str, int], Fraction | None] = {}
        units: dict[str, str] = {}
        indicators: dict[str, str] = {}
        for n, row in enumerate(rows):
            if n >= CELL_LIMIT:
                raise ValidationError(
                    f"has more than {CELL_LIMIT:,} rows",
                    vi=f"có quá {CELL_LIMIT:,} dòng".replace(",", "."),
                    field="rows",
                    value=n,
                )
            if isinstance(row, Mapping):
                parts = tuple(row.get(k) for k in ("unit", "indicator", "year", "value"))
            else:
                parts = sequence(row, f"rows[{n}]")
            if len(parts) != 4:
                raise ValidationError(
                    "must be (unit, indicator, year, value)",
                    vi="phải gồm (đơn vị, chỉ tiêu, năm, giá trị)",
                    field=f"rows[{n}]",
                    value=row,
                )
            unit = text(parts[0], f"rows[{n}].unit")
            indicator = text(parts[1], f"rows[{n}].indicator")
            year = _year(parts[2], f"rows[{n}].year")
            unit = units.setdefault(fold(unit), unit)
            indicator = indicators.setdefault(fold(indicator), indicator)
            key = (unit, indicator, year)
            if key in read:
                raise ValidationError(
                    f"gives {unit} / {indicator} / {year} a second time",
                    vi=f"ô {unit} / {indicator} / {year} bị nhập hai lần",
                    field=f"rows[{n}]",
                    value=row,
                )
            read[key] = _cell(parts[3], f"rows[{n}].value")
        years = sorted({k[2] for k in read})
        u_index = {u: i for i, u in enumerate(units.values())}
        i_index = {x: i for i, x in enumerate(indicators.values())}
        y_index = {y: i for i, y in enumerate(years)}
        out = np.full((len(u_index), len(i_index), len(years)), None, dtype=object)
        for (u, x, y), v in read.items():
            out[u_index[u], i_index[x], y_index[y]] = v
        return cls(tuple(u_index), tuple(i_index), years, out)

    @property
    def missing(self) -> int:
        """How many cells are missing."""
        return sum(1 for v in self.values.flat if v is None)

    def position(
        self, unit: str | None = None, indicator: str | None = None, year: int | None = None
    ) -> tuple[int, ...]:
        """The array positions of the unit, indicator and year given (codes compared after
        folding case and tone placement)."""
        out: list[int] = []
        for value, names, field in (
            (unit, self.units, "unit"),
            (indicator, self.indicators, "indicator"),
        ):
            if value is None:
                continue
            key = fold(text(value, field))
            found = [i for i, n in enumerate(names) if fold(n) == key]
            if not found:
                raise NotFoundError(
                    "is not in the panel",
                    vi="không có trong bảng dữ liệu",
                    field=field,
                    value=value,
                )
            out.append(found[0])
        if year is not None:
            if year not in self.years:
                raise NotFoundError(
                    "is not a year of the panel",
                    vi="không phải là một năm của bảng dữ liệu",
                    field="year",
                    value=year,
                )
            out.append(self.years.index(year))
        return tuple(out)

    def value(self, unit: str, indicator: str, year: int) -> Fraction | None:
        """One cell."""
        return cast("Fraction | None", self.values[self.position(unit, indicator, year)])

    def to_float(self) -> np.ndarray:
        """The cells as floats, NaN where missing (for statistics and plots, never to decide a
        rank)."""
        return np.array(
            [math.nan if v is None else float(v) for v in self.values.flat], dtype=float
        ).reshape(self.values.shape)

    def restricted(self, indicators: Sequence[str]) -> Panel:
        """The panel of these indicators only, in this order."""
        index = [self.position(indicator=c)[0] for c in indicators]
        return Panel(
            self.units,
            [self.indicators[i] for i in index],
            self.years,
            self.values[:, index, :].copy(),
        )


# ---------------------------------------------------------------------------------------------
# the pieces of the build, usable alone


#: The most values :func:`competition_ranks` and :func:`normalise` take in one call (the
#: units of one indicator in one year, and the earlier years' values of a window).
VALUES_LIMIT = 100_000
#: The most children :func:`aggregate` combines in one call.
CHILD_LIMIT = 1_000
#: The largest common denominator (in bits) worked on whole numbers; past it, one value at a time.
_COMMON_BITS = 4096


def _score(value: object, field: str) -> Number | None:
    """A score given to one of the pieces of the build: None (missing), a finite float below
    the limit, or an exact number (an int, a Decimal or a Fraction within the limits), read as
    a Fraction."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        number = float(value)
        if not math.isfinite(number):
            raise ValidationError(
                "must be a finite number (not NaN or infinity); a missing value is None",
                vi="phải là một số hữu hạn; giá trị thiếu ghi là None",
                field=field,
                value=value,
            )
        if abs(number) >= NUMBER_LIMIT:
            raise ValidationError(
                f"is too large (the limit is {NUMBER_LIMIT:,})",
                vi=f"quá lớn (giới hạn là {NUMBER_LIMIT:,})".replace(",", "."),
                field=field,
                value=value,
            )
        return number
    if isinstance(value, np.integer):
        return fraction(int(value), field)
    if isinstance(value, bool) or not isinstance(value, int | Fraction | Decimal):
        raise wrong_type((Fraction, float), value, field)
    return fraction(value, field)


def _scores(value: object, field: str, limit: int) -> list[Number | None]:
    """A list of scores (see :func:`_score`), at most ``limit`` of them."""
    if isinstance(value, np.ndarray) and value.ndim != 1:
        raise ValidationError(
            "must be a one-dimensional list of values",
            vi="phải là một danh sách giá trị (một chiều)",
            field=field,
            value=value.shape,
        )
    items = sequence(value, field)
    if len(items) > limit:
        raise ValidationError(
            f"holds {len(items):,} values; the limit is {limit:,}",
            vi=f"có {len(items):,} giá trị; giới hạn là {limit:,}".replace(",", "."),
            field=field,
            value=len(items),
        )
    return [_score(v, f"{field}[{i}]") for i, v in enumerate(items)]


def competition_ranks(values: Sequence[Number | None]) -> list[int | None]:
    """Competition ranks, the highest value first: equal values share the better rank and the
    next rank skips ("1224"); a missing value has no rank. Exact for exact values, and
    independent of the order of the input. Values are None, finite floats or exact numbers,
    at most :data:`VALUES_LIMIT` of them.

    >>> competition_ranks([Fraction(7), Fraction(9), None, Fraction(7), Fraction(5)])
    [2, 1, None, 2, 4]
    >>> competition_ranks([Fraction(1), float("nan")])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: values[1] = nan: must be a finite number (not NaN or ...
    """
    return _ranks(_scores(values, "values", VALUES_LIMIT))


def _ranks(values: Sequence[Number | None]) -> list[int | None]:
    present = sorted((v for v in values if v is not None), reverse=True)
    first: dict[Number, int] = {}
    for i, v in enumerate(present):
        first.setdefault(v, i + 1)
    return [None if v is None else first[v] for v in values]


def _scaled(share: Fraction, norm: Normalisation) -> Fraction:
    return norm.low + (norm.high - norm.low) * share


def _clip(share: Fraction) -> Fraction:
    return min(Fraction(1), max(Fraction(0), share))


def normalise(
    values: Sequence[Number | None],
    normalisation: Normalisation,
    direction: Direction | int = Direction.POSITIVE,
    *,
    window: Sequence[Number | None] = (),
    field: str = "values",
) -> list[Number | None]:
    """One indicator's values in one year, normalised; ``window`` holds the values of the
    earlier years a ``WINDOW_MIN_MAX`` takes its minimum and maximum over as well. Missing
    values stay missing. Exact for exact input except ``Z_SCORE``.

    >>> x = [Fraction(2), Fraction(4), Fraction(10), None]
    >>> normalise(x, Normalisation.min_max(1, 10))
    [Fraction(1, 1), Fraction(13, 4), Fraction(10, 1), None]
    >>> normalise(x, Normalisation.min_max(1, 10), Direction.NEGATIVE)
    [Fraction(10, 1), Fraction(31, 4), Fraction(1, 1), None]
    >>> earlier = [Fraction(0), Fraction(10)]
    >>> normalise([Fraction(5)], Normalisation.windowed(3, 0, 10), window=earlier)
    [Fraction(5, 1)]

    Values are None, finite floats or exact numbers (ints and Decimals are read as Fractions),
    at most :data:`VALUES_LIMIT` of them in ``values`` and in ``window``.
    """
    name = text(field, "field")
    scores = _scores(values, name, VALUES_LIMIT)
    earlier = _scores(window, "window", VALUES_LIMIT)
    of_type(normalisation, Normalisation, "normalisation")
    if not isinstance(direction, Direction | int | str) or isinstance(direction, bool):
        raise wrong_type((Direction, int), direction, "direction")
    return _normalise(scores, normalisation, Direction(direction), window=earlier, field=name)


def _normalise(
    values: Sequence[Number | None],
    normalisation: Normalisation,
    direction: Direction | int = Direction.POSITIVE,
    *,
    window: Sequence[Number | None] = (),
    field: str = "values",
) -> list[Number | None]:
    sign = Direction(direction).sign
    method = normalisation.method
    present = [v for v in values if v is not None]
    if method is NormalisationMethod.NONE or not present:
        return list(values)
    if method is NormalisationMethod.DISTANCE_TO_BEST:
        return _distance_to_best(values, normalisation, sign, field)
    # everything else: negate a negative indicator, so that more is always better
    if sign > 0:
        xs: list[Number | None] = list(values)
        ps = present
    else:
        xs = [None if v is None else -v for v in values]
        ps = [-v for v in present]
    out: list[Number | None] = []
    if method in (NormalisationMethod.MIN_MAX, NormalisationMethod.WINDOW_MIN_MAX):
        pool = ps
        if method is NormalisationMethod.WINDOW_MIN_MAX:
            pool = ps + [v if sign > 0 else -v for v in window if v is not None]
        lo, hi = min(pool), max(pool)
        if hi != lo and all(isinstance(v, Fraction) for v in (*ps, lo, hi)):
            return _min_max_exact(xs, cast(Fraction, lo), cast(Fraction, hi), normalisation)
        for x in xs:
            if x is None:
                out.append(None)
            elif hi == lo:
                out.append(
                    normalisation.high if isinstance(x, Fraction) else float(normalisation.high)
                )
            else:
                out.append(_mix(normalisation, (x - lo) / (hi - lo)))
        return out
    if method is NormalisationMethod.GOALPOSTS:
        lower, upper = cast(Fraction, normalisation.lower), cast(Fraction, normalisation.upper)
        if sign < 0:
            lower, upper = -upper, -lower
        return [
            None if x is None else _mix(normalisation, (x - lower) / (upper - lower), clip=True)
            for x in xs
        ]
    if method is NormalisationMethod.DISTANCE_TO_TARGET:
        target = sign * cast(Fraction, normalisation.target)
        lo = min(ps)
        if target <= lo:
            return [None if x is None else _mix(normalisation, Fraction(1)) for x in xs]
        return [
            None if x is None else _mix(normalisation, (x - lo) / (target - lo), clip=True)
            for x in xs
        ]
    if method in (NormalisationMethod.RANK, NormalisationMethod.PERCENTILE):
        ordered = sorted(ps)
        n = len(ordered)
        for x in xs:
            if x is None:
                out.append(None)
                continue
            rank = 1 + bisect.bisect_left(ordered, x)
            if method is NormalisationMethod.RANK:
                out.append(Fraction(rank))
            elif n == 1:
                out.append(normalisation.high)
            else:
                out.append(_scaled(Fraction(rank - 1, n - 1), normalisation))
        return out
    # Z_SCORE: floats
    floats = [float(v) for v in ps]
    mean = math.fsum(floats) / len(floats)
    sd = statistics.stdev(floats) if len(floats) > 1 else 0.0
    return [None if x is None else (0.0 if sd == 0 else (float(x) - mean) / sd) for x in xs]


def _min_max_exact(
    xs: Sequence[Number | None], lo: Fraction, hi: Fraction, norm: Normalisation
) -> list[Number | None]:
    """``low + (high − low)·(x − lo)/(hi − lo)`` for exact values, on whole numbers over a
    common denominator: one Fraction made per value instead of five operations on them. When
    the values share no small common denominator, each is worked out alone (the same result)."""
    den = math.lcm(lo.denominator, hi.denominator)
    for x in xs:
        if isinstance(x, Fraction):
            den = math.lcm(den, x.denominator)
            if den.bit_length() > _COMMON_BITS:
                width = norm.high - norm.low
                return [None if x is None else norm.low + width * (x - lo) / (hi - lo) for x in xs]
    bottom = lo.numerator * (den // lo.denominator)
    span = hi.numerator * (den // hi.denominator) - bottom
    width = norm.high - norm.low
    a, b = norm.low.numerator, norm.low.denominator
    c, e = width.numerator, width.denominator
    base, step, whole_den = a * e * span, b * c, b * e * span
    return [
        None
        if x is None
        else Fraction(
            base + step * (x.numerator * (den // x.denominator) - bottom),  # type: ignore[union-attr]
            whole_den,
        )
        for x in xs
    ]


def _mix(norm: Normalisation, share: Number, *, clip: bool = False) -> Number:
    if isinstance(share, Fraction):
        return _scaled(_clip(share) if clip else share, norm)
    value = min(1.0, max(0.0, share)) if clip else share
    return float(norm.low) + float(norm.high - norm.low) * value


def _distance_to_best(
    values: Sequence[Number | None], norm: Normalisation, sign: int, field: str
) -> list[Number | None]:
    present = [v for v in values if v is not None]
    if any(v < 0 for v in present) or (sign < 0 and any(v == 0 for v in present)):
        bad = next(v for v in present if v < 0 or (sign < 0 and v == 0))
        raise ValidationError(
            "distance to the best needs positive values",
            vi="chuẩn hoá theo khoảng cách tới đơn vị tốt nhất cần giá trị dương",
            field=field,
            value=bad,
        )
    best = max(present) if sign > 0 else min(present)
    if best == 0:
        return [None if v is None else norm.high for v in values]
    return [
        None if v is None else _mix(norm, (v / best) if sign > 0 else (best / v)) for v in values
    ]


def aggregate(
    values: Sequence[Number | None],
    weights: Sequence[Fraction],
    aggregation: Aggregation = Aggregation(),
    *,
    scale: Fraction = Fraction(1),
    field: str = "values",
) -> Number | None:
    """The weighted mean of ``values`` (missing ones left out and the weights of the others
    re-scaled), times ``scale``; None when every value is missing. The arithmetic mean of
    exact values is exact; the other means are floats.

    >>> aggregate([Fraction(6), Fraction(9), None], [Fraction(1), Fraction(2), Fraction(5)])
    Fraction(8, 1)
    >>> two = [Fraction(1), Fraction(1)]
    >>> round(aggregate([Fraction(2), Fraction(8)], two, Aggregation.geometric()), 12)
    4.0
    >>> aggregate([Fraction(0), Fraction(8)], two, Aggregation.geometric())
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: values = Fraction(0, 1): a geometric mean of a score of zero ...

    Values are None, finite floats or exact numbers; weights exact and not negative, one per
    value, at most :data:`CHILD_LIMIT` of them.
    """
    name = text(field, "field")
    scores = _scores(values, name, CHILD_LIMIT)
    ws = sequence(weights, "weights")
    if len(ws) != len(scores):
        raise ValidationError(
            f"has {len(ws)} weights for {len(scores)} values",
            vi=f"có {len(ws)} trọng số cho {len(scores)} giá trị",
            field="weights",
            value=len(ws),
        )
    read = [fraction(w, f"weights[{i}]") for i, w in enumerate(ws)]
    for i, w in enumerate(read):
        if w < 0:
            raise ValidationError("is negative", vi="là số âm", field=f"weights[{i}]", value=w)
    of_type(aggregation, Aggregation, "aggregation")
    return _aggregate(scores, read, aggregation, scale=fraction(scale, "scale"), field=name)


def _aggregate(
    values: Sequence[Number | None],
    weights: Sequence[Fraction],
    aggregation: Aggregation = Aggregation(),
    *,
    scale: Fraction = Fraction(1),
    field: str = "values",
) -> Number | None:
    pairs = [(v, w) for v, w in zip(values, weights, strict=True) if v is not None]
    if not pairs:
        return None
    common = math.lcm(*(w.denominator for _, w in pairs))
    total = Fraction(sum(w.numerator * (common // w.denominator) for _, w in pairs), common)
    if total == 0:
        return None
    method = aggregation.method
    if method is Method.ARITHMETIC:
        if all(isinstance(v, Fraction) for v, _ in pairs):
            # Σ vᵢwᵢ on whole numbers over a common denominator, one Fraction made at the end
            exact = cast(list[tuple[Fraction, Fraction]], pairs)
            dens = [v.denominator * w.denominator for v, w in exact]
            den = math.lcm(*dens)
            num = sum(
                v.numerator * w.numerator * (den // d)
                for (v, w), d in zip(exact, dens, strict=True)
            )
            return Fraction(
                num * total.denominator * scale.numerator,
                den * total.numerator * scale.denominator,
            )
        return math.fsum(float(v) * float(w) for v, w in pairs) / float(total) * float(scale)
    shift = 0.0
    xs = [float(v) for v, _ in pairs]
    ws = [float(w / total) for _, w in pairs]
    needs_positive = method in (Method.GEOMETRIC, Method.HARMONIC) or (
        method is Method.GENERALISED and cast(Fraction, aggregation.p) < 0
    )
    if method is Method.GENERALISED and any(x < 0 for x in xs):
        bad = next(v for v, _ in pairs if v < 0)
        raise ValidationError(
            "a generalised mean of a negative score",
            vi="trung bình tổng quát của một điểm âm",
            field=field,
            value=bad,
        )
    if needs_positive and any(x <= 0 for x in xs):
        if aggregation.zeros is ZeroRule.REFUSE:
            bad = next(v for v, _ in pairs if v <= 0)
            raise ValidationError(
                f"a {method.name.lower()} mean of a score of zero or below; "
                "choose a rule for zeros",
                vi="trung bình có điểm bằng 0 hoặc âm; cần chọn quy tắc xử lý điểm 0",
                field=field,
                value=bad,
            )
        if aggregation.zeros is ZeroRule.ZERO:
            return 0.0
        shift = float(aggregation.shift)
        if any(x + shift <= 0 for x in xs):
            bad = next(v for v, _ in pairs if float(v) + shift <= 0)
            raise ValidationError(
                "is still zero or below after the shift",
                vi="vẫn bằng 0 hoặc âm sau khi dịch chuyển",
                field=field,
                value=bad,
            )
    xs = [x + shift for x in xs]
    try:
        if method is Method.GEOMETRIC:
            mean = math.exp(math.fsum(w * math.log(x) for x, w in zip(xs, ws, strict=True)))
        elif method is Method.HARMONIC:
            mean = 1.0 / math.fsum(w / x for x, w in zip(xs, ws, strict=True))
        else:
            p = float(cast(Fraction, aggregation.p))
            mean = math.fsum(w * x**p for x, w in zip(xs, ws, strict=True)) ** (1.0 / p)
    except (OverflowError, ZeroDivisionError):
        raise ValidationError(
            f"the {method.name.lower()} mean of these scores is beyond the range of floats",
            vi="giá trị trung bình vượt quá phạm vi tính toán số thực",
            field=field,
            value=[v for v, _ in pairs],
        ) from None
    return (mean - shift) * float(scale)


# ---------------------------------------------------------------------------------------------
# the record of a build


def _frozen_mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise CchcTypeError(
            "must be a mapping", vi="phải là bảng ánh xạ", field="settings", value=value
        )
    return dict(value)


def _node_arrays(field: str) -> Any:
    def convert(value: object) -> dict[str, np.ndarray]:
        if not isinstance(value, Mapping):
            raise CchcTypeError(
                "must be a mapping of node codes to arrays",
                vi="phải là bảng ánh xạ mã nút → mảng",
                field=field,
                value=value,
            )
        out = {}
        for code, array in value.items():
            out[text(code, f"{field} key")] = of_type(array, np.ndarray, f"{field}[{code}]")
        return out

    return convert


def _score_arrays(value: object) -> dict[str, np.ndarray]:
    return cast(dict[str, np.ndarray], _node_arrays("scores")(value))


def _rank_arrays(value: object) -> dict[str, np.ndarray]:
    return cast(dict[str, np.ndarray], _node_arrays("ranks")(value))


@attrs.frozen(repr=False)
class Step:
    """One step of a build, as it was run: its name, the settings it used and what it did
    (units excluded, cells imputed, indicators treated, ...)."""

    name: str = attrs.field(validator=is_name)
    settings: dict[str, Any] = attrs.field(converter=_frozen_mapping, hash=False)
    records: tuple[Any, ...] = attrs.field(converter=_records, hash=False)

    def __repr__(self) -> str:
        return f"Step({self.name!r}, {len(self.records)} records)"


@attrs.frozen
class Exclusion:
    """A unit left out of a year by screening: the share of indicators it has, overall or under
    ``node`` (None: overall), and the share required."""

    unit: str
    year: int
    share: Fraction
    required: Fraction
    node: str | None = None

    def __str__(self) -> str:
        where = "overall" if self.node is None else f"under {self.node}"
        return (
            f"{self.unit} {self.year}: {float(self.share):.0%} of indicators {where}, "
            f"needs {float(self.required):.0%}"
        )


@attrs.frozen
class ImputedCell:
    """A missing cell filled in, with the rule that filled it and the value put there."""

    unit: str
    indicator: str
    year: int
    method: ImputationMethod
    value: Fraction


@attrs.frozen
class TreatedIndicator:
    """An indicator treated for outliers in one year: the method, how many points were
    changed, and its skewness and (excess) kurtosis before and after (floats)."""

    indicator: str
    year: int
    method: OutlierMethod
    points: int
    skew_before: float
    kurtosis_before: float
    skew_after: float
    kurtosis_after: float


@attrs.frozen
class UnitDifference:
    """How one unit fares in two builds of an index in one year (see :func:`compare`)."""

    unit: str
    year: int
    score_a: Number | None
    score_b: Number | None
    rank_a: int | None
    rank_b: int | None

    @property
    def rank_change(self) -> int | None:
        """``rank_b − rank_a``: negative when the unit climbs in the second build."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_b - self.rank_a


@attrs.frozen(eq=False, repr=False)
class IndexResult:
    """A built index: every score of every node for every unit and year, the ranks, the
    effective weights, and the log of the steps that made it (:attr:`steps`), from which
    :func:`rebuild` makes it again.

    ``normalised`` is an object array (units × spec indicators × years) and ``scores`` maps
    each node's code to an object array (units × years): cells are Fractions where the
    arithmetic was exact, floats where a float step touched them, None where missing or
    excluded. ``ranks`` maps each node's code to an int array (units × years), 0 where the
    unit has no score.
    """

    spec: IndexSpec = attrs.field(validator=_setting(IndexSpec, "spec"))
    panel: Panel = attrs.field(validator=_setting(Panel, "panel"))
    steps: tuple[Step, ...] = attrs.field(converter=_steps)
    normalised: np.ndarray = attrs.field(validator=_setting(np.ndarray, "normalised"))
    scores: dict[str, np.ndarray] = attrs.field(converter=_score_arrays)
    ranks: dict[str, np.ndarray] = attrs.field(converter=_rank_arrays)

    def __attrs_post_init__(self) -> None:
        n_units, n_years = len(self.panel.units), len(self.panel.years)
        shape = (n_units, len(self.spec.indicators), n_years)
        if self.normalised.shape != shape:
            raise ValidationError(
                f"must be an array of shape {shape} (units, indicators, years)",
                vi=f"phải là mảng kích thước {shape} (đơn vị, chỉ tiêu, năm)",
                field="normalised",
                value=self.normalised.shape,
            )
        codes = {n.code for n in self.spec.nodes}
        for name, arrays in (("scores", self.scores), ("ranks", self.ranks)):
            if set(arrays) != codes:
                raise ValidationError(
                    "must hold one array for each node of the spec",
                    vi="phải có đúng một mảng cho mỗi nút của chỉ số",
                    field=name,
                    value=sorted(arrays),
                )
            for code, array in arrays.items():
                if array.shape != (n_units, n_years):
                    raise ValidationError(
                        f"must be an array of shape {(n_units, n_years)} (units, years)",
                        vi=f"phải là mảng kích thước {(n_units, n_years)} (đơn vị, năm)",
                        field=f"{name}[{code}]",
                        value=array.shape,
                    )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndexResult):
            return NotImplemented
        return (
            self.spec == other.spec
            and self.panel == other.panel
            and self.steps == other.steps
            and _same_cells(self.normalised, other.normalised)
            and self.scores.keys() == other.scores.keys()
            and all(_same_cells(v, other.scores[k]) for k, v in self.scores.items())
        )

    def __hash__(self) -> int:
        return hash((self.spec, self.panel))

    def __repr__(self) -> str:
        return (
            f"IndexResult({self.spec.code!r}, {len(self.units)} units, years {list(self.years)}, "
            f"{'exact' if self.exact else 'float'})"
        )

    @property
    def units(self) -> tuple[str, ...]:
        """The units, in the panel's order."""
        return self.panel.units

    @property
    def years(self) -> tuple[int, ...]:
        """The years, increasing."""
        return self.panel.years

    def step(self, name: str) -> Step:
        """The step of this name (``"screening"``, ``"imputation"``, ...)."""
        for s in self.steps:
            if s.name == name:
                return s
        raise NotFoundError(
            "is not a step of this build",
            vi="không phải là một bước của lần tính này",
            field="name",
            value=name,
        )

    @property
    def exclusions(self) -> tuple[Exclusion, ...]:
        """Units left out of a year by screening."""
        return cast(tuple[Exclusion, ...], self.step("screening").records)

    @property
    def included(self) -> np.ndarray:
        """Which units were kept in which year by screening: a bool array, units × years.

        >>> spec = IndexSpec("s", "S", "S", indicators=[Indicator("a", "A")],
        ...     nodes=[Node("I", "Chỉ số", "Index", "index", ["a"])])
        >>> build(spec, Panel.from_array(["X", "Y"], ["a"], 2024, [[1], [None]])).included
        array([[ True],
               [False]])
        """
        mask = np.ones((len(self.units), len(self.years)), dtype=bool)
        for e in self.exclusions:
            mask[self.panel.position(unit=e.unit, year=e.year)] = False
        return mask

    @property
    def imputed(self) -> tuple[ImputedCell, ...]:
        """Every imputed cell."""
        return cast(tuple[ImputedCell, ...], self.step("imputation").records)

    @property
    def treated(self) -> tuple[TreatedIndicator, ...]:
        """Every outlier treatment."""
        return cast(tuple[TreatedIndicator, ...], self.step("outliers").records)

    @property
    def effective_weights(self) -> dict[str, Fraction]:
        """Each indicator's weight in the final index (see :meth:`IndexSpec.effective_weights`)."""
        return dict(self.step("weighting").settings["effective"])

    @property
    def exact(self) -> bool:
        """True when every score of the index is exact (a Fraction)."""
        return all(
            v is None or isinstance(v, Fraction) for v in self.scores[self.spec.root.code].flat
        )

    def _node(self, node: str | None) -> str:
        return self.spec.root.code if node is None else self.spec.node(node).code

    def score(self, unit: str, year: int, node: str | None = None) -> Number | None:
        """A unit's score in a year, of the index or of ``node``."""
        u, y = self.panel.position(unit=unit, year=year)
        return cast("Number | None", self.scores[self._node(node)][u, y])

    def rank(self, unit: str, year: int, node: str | None = None) -> int | None:
        """A unit's competition rank in a year (1 best), of the index or of ``node``."""
        u, y = self.panel.position(unit=unit, year=year)
        r = int(self.ranks[self._node(node)][u, y])
        return r or None

    def ranking(self, year: int, node: str | None = None) -> list[tuple[str, Number, int]]:
        """``(unit, score, rank)`` of the units scored in ``year``, best first (ties in the
        panel's order)."""
        (y,) = self.panel.position(year=year)
        code = self._node(node)
        rows = [
            (u, self.scores[code][i, y], int(self.ranks[code][i, y]))
            for i, u in enumerate(self.units)
            if self.scores[code][i, y] is not None
        ]
        return sorted(rows, key=lambda r: r[2])

    def change(self, unit: str, year: int, node: str | None = None) -> Number | None:
        """A unit's score in ``year`` minus its score in the panel's year before (None in the
        first year or where either is missing)."""
        (y,) = self.panel.position(year=year)
        if y == 0:
            return None
        now = self.score(unit, year, node)
        before = self.score(unit, self.years[y - 1], node)
        if now is None or before is None:
            return None
        return now - before

    def normalised_value(self, unit: str, indicator: str, year: int) -> Number | None:
        """A unit's normalised value of an indicator in a year."""
        u, y = self.panel.position(unit=unit, year=year)
        i = [fold(c.code) for c in self.spec.indicators].index(
            fold(self.spec.indicator(indicator).code)
        )
        return cast("Number | None", self.normalised[u, i, y])

    def strengths(self, unit: str, year: int, count: int = 3) -> list[tuple[str, int]]:
        """The unit's ``count`` indicators of best rank among the units in ``year``, as
        ``(indicator, rank)``, best first."""
        return self._by_rank(unit, year, count, best=True)

    def weaknesses(self, unit: str, year: int, count: int = 3) -> list[tuple[str, int]]:
        """The unit's ``count`` indicators of worst rank among the units in ``year``."""
        return self._by_rank(unit, year, count, best=False)

    def _by_rank(self, unit: str, year: int, count: int, *, best: bool) -> list[tuple[str, int]]:
        u, y = self.panel.position(unit=unit, year=year)
        out = []
        for i, ind in enumerate(self.spec.indicators):
            r = _ranks(list(self.normalised[:, i, y]))[u]
            if r is not None:
                out.append((ind.code, r))
        out.sort(key=lambda t: t[1], reverse=not best)
        return out[: max(0, count)]

    def scores_float(self, node: str | None = None) -> np.ndarray:
        """A node's scores as floats (units × years, NaN where missing), for statistics and
        plots."""
        arr = self.scores[self._node(node)]
        return np.array([math.nan if v is None else float(v) for v in arr.flat]).reshape(arr.shape)


# ---------------------------------------------------------------------------------------------
# the build


def _moments(values: Sequence[Number]) -> tuple[float, float]:
    """Skewness g1 = m3/m2^1.5 and excess kurtosis g2 = m4/m2² − 3 (floats; 0, 0 when the
    values do not vary)."""
    xs = [float(v) for v in values]
    n = len(xs)
    if n < 3:
        return 0.0, 0.0
    mean = math.fsum(xs) / n
    m2 = math.fsum((x - mean) ** 2 for x in xs) / n
    if m2 == 0:
        return 0.0, 0.0
    m3 = math.fsum((x - mean) ** 3 for x in xs) / n
    m4 = math.fsum((x - mean) ** 4 for x in xs) / n
    return m3 / m2**1.5, m4 / m2**2 - 3


def _too_skewed(values: Sequence[Number], treatment: OutlierTreatment) -> bool:
    skew, kurt = _moments(values)
    return abs(skew) > treatment.skew and kurt > treatment.kurtosis


def _screen(
    spec: IndexSpec, values: np.ndarray, panel: Panel
) -> tuple[np.ndarray, list[Exclusion]]:
    """Included unit-years (a bool array, units × years) and the exclusions."""
    present = np.vectorize(lambda v: v is not None, otypes=[bool])(values)
    included = np.ones((len(panel.units), len(panel.years)), dtype=bool)
    exclusions: list[Exclusion] = []
    codes = [i.code for i in spec.indicators]
    groups: list[tuple[str | None, Fraction, list[int]]] = [
        (None, spec.screening.minimum, list(range(len(codes))))
    ]
    for level, share in sorted(spec.screening.per_level.items(), key=lambda t: t[0].depth):
        for node in spec.nodes:
            if node.level is level:
                leaves = [codes.index(c) for c in spec.leaves_of(node.code)]
                groups.append((node.code, share, leaves))
    for u, unit in enumerate(panel.units):
        for y, year in enumerate(panel.years):
            for node_code, required, columns in groups:
                have = Fraction(int(present[u, columns, y].sum()), len(columns))
                if have < required:
                    included[u, y] = False
                    exclusions.append(Exclusion(unit, year, have, required, node_code))
                    break
    return included, exclusions


def _median(values: list[Fraction]) -> Fraction:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _impute(
    spec: IndexSpec,
    values: np.ndarray,
    original: np.ndarray,
    included: np.ndarray,
    panel: Panel,
    groups: Mapping[str, str],
) -> list[ImputedCell]:
    records: list[ImputedCell] = []
    group_of = [groups.get(u, "") for u in panel.units]
    for i, ind in enumerate(spec.indicators):
        method = spec.imputation_of(ind.code).method
        if method is ImputationMethod.NONE:
            continue
        for y, year in enumerate(panel.years):
            filled: dict[str, Fraction | None] = {}
            for u, unit in enumerate(panel.units):
                if not included[u, y] or original[u, i, y] is not None:
                    continue
                value: Fraction | None = None
                if method in (ImputationMethod.GROUP_MEAN, ImputationMethod.GROUP_MEDIAN):
                    cached = filled.get(group_of[u])
                    if cached is not None:
                        values[u, i, y] = cached
                        records.append(ImputedCell(unit, ind.code, year, method, cached))
                        continue
                    pool = [
                        cast(Fraction, original[v, i, y])
                        for v in range(len(panel.units))
                        if included[v, y]
                        and original[v, i, y] is not None
                        and group_of[v] == group_of[u]
                    ]
                    if pool:
                        value = (
                            sum(pool, Fraction(0)) / len(pool)
                            if method is ImputationMethod.GROUP_MEAN
                            else _median(pool)
                        )
                    filled[group_of[u]] = value
                else:
                    before = [z for z in range(y) if original[u, i, z] is not None]
                    after = [
                        z for z in range(y + 1, len(panel.years)) if original[u, i, z] is not None
                    ]
                    if method is ImputationMethod.LATEST_YEAR and before:
                        value = cast(Fraction, original[u, i, before[-1]])
                    elif method is ImputationMethod.LINEAR and before and after:
                        a, b = before[-1], after[0]
                        ya, yb = panel.years[a], panel.years[b]
                        va, vb = (
                            cast(Fraction, original[u, i, a]),
                            cast(Fraction, original[u, i, b]),
                        )
                        value = va + (vb - va) * Fraction(year - ya, yb - ya)
                if value is not None:
                    values[u, i, y] = value
                    records.append(ImputedCell(unit, ind.code, year, method, value))
    return records


def _treat(
    spec: IndexSpec, values: np.ndarray, included: np.ndarray, panel: Panel
) -> list[TreatedIndicator]:
    records: list[TreatedIndicator] = []
    for i, ind in enumerate(spec.indicators):
        treatment = spec.outliers_of(ind.code)
        if treatment.method is OutlierMethod.NONE:
            continue
        for y, year in enumerate(panel.years):
            rows = [
                u for u in range(len(panel.units)) if included[u, y] and values[u, i, y] is not None
            ]
            column = [values[u, i, y] for u in rows]
            if not column or not _too_skewed(column, treatment):
                continue
            skew0, kurt0 = _moments(column)
            points = 0
            if treatment.method is OutlierMethod.WINSORISE:
                while points < treatment.max_points and _too_skewed(column, treatment):
                    skew, _ = _moments(column)
                    ordered = sorted(set(column))
                    if len(ordered) < 2:
                        break
                    extreme, nxt = (
                        (ordered[-1], ordered[-2]) if skew > 0 else (ordered[0], ordered[1])
                    )
                    changed = [k for k, v in enumerate(column) if v == extreme]
                    for k in changed:
                        column[k] = nxt
                    points += len(changed)
            else:
                lo = min(float(v) for v in column)
                column = [math.log(float(v) - lo + 1.0) for v in column]
                points = len(column)
            for k, u in enumerate(rows):
                values[u, i, y] = column[k]
            skew1, kurt1 = _moments(column)
            records.append(
                TreatedIndicator(
                    ind.code, year, treatment.method, points, skew0, kurt0, skew1, kurt1
                )
            )
    return records


def _normalise_all(
    spec: IndexSpec, values: np.ndarray, included: np.ndarray, panel: Panel
) -> np.ndarray:
    out = np.full(values.shape, None, dtype=object)
    for i, ind in enumerate(spec.indicators):
        norm = spec.normalisation_of(ind.code)
        for y, year in enumerate(panel.years):
            column = [values[u, i, y] if included[u, y] else None for u in range(len(panel.units))]
            window: list[Number | None] = []
            if norm.method is NormalisationMethod.WINDOW_MIN_MAX:
                for z in range(len(panel.years)):
                    if year - norm.window < panel.years[z] < year:
                        window.extend(
                            values[u, i, z] for u in range(len(panel.units)) if included[u, z]
                        )
            out[:, i, y] = _normalise(
                column, norm, ind.direction, window=window, field=f"{ind.code} {year}"
            )
    return out


def build(
    spec: IndexSpec,
    data: Panel | Iterable[object],
    *,
    weights: Mapping[str, object] | None = None,
    groups: Mapping[str, str] | None = None,
) -> IndexResult:
    """Build ``spec`` on ``data`` (a :class:`Panel`, or the rows of a long table), in recorded
    steps: data → screening → imputation → outliers → normalisation → weighting → aggregation
    → ranking. ``weights`` gives (or overrides) node weights by node code, as
    :meth:`IndexSpec.with_weights` reads them; ``groups`` maps units to the groups whose mean
    or median imputes their missing cells (all units form one group otherwise).

    >>> spec = IndexSpec("s", "Chỉ số mẫu", "Sample", indicators=[
    ...     Indicator("a", "A"), Indicator("b", "B", direction=-1)],
    ...     nodes=[Node("I", "Chỉ số", "Index", "index", ["a", "b"], weights=[1, 1])],
    ...     normalisation=Normalisation.min_max(1, 10))
    >>> panel = Panel.from_array(["X", "Y", "Z"], ["a", "b"], 2024, [[1, 5], [3, 5], [5, 1]])
    >>> result = build(spec, panel)
    >>> [(u, str(s), r) for u, s, r in result.ranking(2024)]
    [('Z', '10', 1), ('Y', '13/4', 2), ('X', '1', 3)]
    """
    if not isinstance(spec, IndexSpec):
        raise CchcTypeError(
            "must be an IndexSpec",
            vi="phải là một đặc tả chỉ số (IndexSpec)",
            field="spec",
            value=spec,
        )
    if weights is not None and not isinstance(weights, Mapping):
        raise CchcTypeError(
            "must be a mapping of node codes to weights",
            vi="phải là bảng ánh xạ mã nút → trọng số",
            field="weights",
            value=weights,
        )
    if groups is not None and not isinstance(groups, Mapping):
        raise CchcTypeError(
            "must be a mapping of units to groups",
            vi="phải là bảng ánh xạ đơn vị → nhóm",
            field="groups",
            value=groups,
        )
    panel = data if isinstance(data, Panel) else Panel.from_long(data)
    groups = {text(k, "groups key"): text(v, f"groups[{k}]") for k, v in dict(groups or {}).items()}
    used = spec.with_weights(weights) if weights else spec
    if not used.weights_known:
        unknown = [n.code for n in used.nodes if not n.weights_known]
        raise ValidationError(
            f"index {spec.code!r}: the weights of {', '.join(unknown)} are not known; "
            "give them with weights={node: [...]}",
            vi=f"chỉ số {spec.code!r}: chưa biết trọng số của {', '.join(unknown)}; "
            "cần cung cấp trọng số",
            field="weights",
            value=unknown,
        )
    steps: list[Step] = []
    # data
    missing = [
        i.code for i in used.indicators if fold(i.code) not in {fold(c) for c in panel.indicators}
    ]
    if missing:
        raise NotFoundError(
            f"the data have no column for the indicators {', '.join(missing)}",
            vi=f"dữ liệu thiếu các chỉ tiêu {', '.join(missing)}",
            field="indicators",
            value=missing,
        )
    data_panel = panel.restricted([i.code for i in used.indicators])
    ignored = tuple(
        c for c in panel.indicators if fold(c) not in {fold(i.code) for i in used.indicators}
    )
    steps.append(
        Step(
            "data",
            {"spec": spec, "panel": panel, "weights": dict(weights or {}), "groups": groups},
            ignored,
        )
    )
    original = data_panel.values
    values = original.copy()
    # screening
    included, exclusions = _screen(used, values, panel)
    for u in range(len(panel.units)):
        for y in range(len(panel.years)):
            if not included[u, y]:
                values[u, :, y] = None
    steps.append(Step("screening", {"screening": used.screening}, exclusions))
    # imputation
    imputed = _impute(used, values, original, included, panel, groups)
    steps.append(
        Step("imputation", {i.code: used.imputation_of(i.code) for i in used.indicators}, imputed)
    )
    # outliers
    treated = _treat(used, values, included, panel)
    steps.append(
        Step("outliers", {i.code: used.outliers_of(i.code) for i in used.indicators}, treated)
    )
    # normalisation
    normalised = _normalise_all(used, values, included, panel)
    steps.append(
        Step("normalisation", {i.code: used.normalisation_of(i.code) for i in used.indicators}, ())
    )
    # weighting
    effective = used.effective_weights()
    steps.append(
        Step(
            "weighting",
            {"effective": effective, "rescaled": {n.code: n.rescaled() for n in used.nodes}},
            tuple(effective.items()),
        )
    )
    # aggregation
    scores: dict[str, np.ndarray] = {}
    column_of = {fold(ind.code): i for i, ind in enumerate(used.indicators)}
    n_units, n_years = len(panel.units), len(panel.years)
    for node in used.nodes_bottom_up():
        rescaled = node.rescaled()
        arr = np.full((n_units, n_years), None, dtype=object)
        sources = []
        for child in node.children:
            key = fold(child)
            sources.append(
                normalised[:, column_of[key], :]
                if key in column_of
                else scores[used.node(child).code]
            )
        w = [rescaled[c] for c in node.children]
        for u in range(n_units):
            for y in range(n_years):
                if included[u, y]:
                    arr[u, y] = _aggregate(
                        [s[u, y] for s in sources],
                        w,
                        node.aggregation,
                        scale=node.scale,
                        field=f"{node.code} {panel.units[u]} {panel.years[y]}",
                    )
        scores[node.code] = arr
    steps.append(Step("aggregation", {n.code: n.aggregation for n in used.nodes}, ()))
    # ranking
    ranks: dict[str, np.ndarray] = {}
    for code, arr in scores.items():
        r = np.zeros(arr.shape, dtype=np.int64)
        for y in range(n_years):
            r[:, y] = [x or 0 for x in _ranks(list(arr[:, y]))]
        ranks[code] = r
    steps.append(Step("ranking", {"order": "competition"}, ()))
    for a in (normalised, *scores.values(), *ranks.values()):
        a.setflags(write=False)
    return IndexResult(used, panel, steps, normalised, scores, ranks)


def rebuild(steps: IndexResult | Sequence[Step]) -> IndexResult:
    """Build again from a result's log (or the steps of one): the same spec, data, weights and
    groups give the same result.

    >>> spec = IndexSpec("s", "S", "S", indicators=[Indicator("a", "A")],
    ...     nodes=[Node("I", "Chỉ số", "Index", "index", ["a"])])
    >>> result = build(spec, Panel.from_array(["X", "Y"], ["a"], 2024, [[1], [2]]))
    >>> rebuild(result) == result
    True
    """
    log = steps.steps if isinstance(steps, IndexResult) else items_of(steps, Step, "steps")
    first = next((s for s in log if s.name == "data"), None)
    if first is None or not {"spec", "panel"} <= first.settings.keys():
        raise ValidationError(
            "the log has no data step to rebuild from",
            vi="nhật ký không có bước dữ liệu để tính lại",
            field="steps",
            value=len(log),
        )
    s = first.settings
    return build(
        s["spec"], s["panel"], weights=s.get("weights") or None, groups=s.get("groups") or None
    )


def compare(a: IndexResult, b: IndexResult, node: str | None = None) -> tuple[UnitDifference, ...]:
    """Two builds compared unit by unit, for every unit and year both have.

    >>> spec = IndexSpec("s", "S", "S", indicators=[Indicator("a", "A"), Indicator("b", "B")],
    ...     nodes=[Node("I", "Chỉ số", "Index", "index", ["a", "b"], weights=[1, 1])])
    >>> panel = Panel.from_array(["X", "Y"], ["a", "b"], 2024, [[1, 3], [2, 1]])
    >>> a, b = (build(spec, panel, weights={"I": w}) for w in ([3, 1], [1, 3]))
    >>> diffs = compare(a, b)
    >>> [(d.unit, d.rank_a, d.rank_b) for d in diffs]
    [('X', 2, 1), ('Y', 1, 2)]
    """
    of_type(a, IndexResult, "a")
    of_type(b, IndexResult, "b")
    if node is not None:
        node = a.spec.node(text(node, "node")).code
        b.spec.node(node)
    out = []
    for unit in a.units:
        if not any(fold(unit) == fold(v) for v in b.units):
            continue
        for year in a.years:
            if year not in b.years:
                continue
            out.append(
                UnitDifference(
                    unit,
                    year,
                    a.score(unit, year, node),
                    b.score(unit, year, node),
                    a.rank(unit, year, node),
                    b.rank(unit, year, node),
                )
            )
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# index files and the bundled indices

#: The largest index file read (bytes of text).
FILE_LIMIT = 1_000_000


def _table(value: object, field: str, keys: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise CchcTypeError(
            "must be a table", vi="phải là một bảng (table)", field=field, value=value
        )
    allowed = set(keys)
    unknown = sorted(k for k in value if k not in allowed)
    if unknown:
        raise ValidationError(
            f"has unknown keys {', '.join(unknown)}; known: {', '.join(sorted(allowed))}",
            vi=f"có khoá không hợp lệ {', '.join(unknown)}",
            field=field,
            value=unknown,
        )
    return dict(value)


def _made(kind: type, table: dict[str, Any], field: str) -> Any:
    """``kind(**table)``, once every key ``kind`` requires is there."""
    required = [f.name for f in attrs.fields(kind) if f.init and f.default is attrs.NOTHING]
    missing = [k for k in required if k not in table]
    if missing:
        raise ValidationError(
            f"lacks the keys {', '.join(missing)}",
            vi=f"thiếu các khoá {', '.join(missing)}",
            field=field,
            value=missing,
        )
    return kind(**table)


def _setting_from(kind: type, value: object, field: str) -> Any:
    names = [f.name for f in attrs.fields(kind)]
    return _made(kind, _table(value, field, names), field)


def _indicator_from(value: object, field: str) -> Indicator:
    keys = [
        "code",
        "name_vi",
        "name_en",
        "direction",
        "unit",
        "source",
        "normalisation",
        "imputation",
        "outliers",
    ]
    t = _table(value, field, keys)
    for name, kind in (
        ("normalisation", Normalisation),
        ("imputation", Imputation),
        ("outliers", OutlierTreatment),
    ):
        if name in t:
            t[name] = _setting_from(kind, t[name], f"{field}.{name}")
    return cast(Indicator, _made(Indicator, t, field))


def _node_from(value: object, field: str) -> Node:
    keys = [
        "code",
        "name_vi",
        "name_en",
        "level",
        "children",
        "weights",
        "aggregation",
        "scale",
        "source",
    ]
    t = _table(value, field, keys)
    if "aggregation" in t:
        t["aggregation"] = _setting_from(Aggregation, t["aggregation"], f"{field}.aggregation")
    if isinstance(t.get("weights"), str):
        if t["weights"].strip().casefold() != "unknown":
            raise ValidationError(
                'must be a list of weights or "unknown"',
                vi='phải là danh sách trọng số hoặc "unknown" (chưa biết)',
                field=f"{field}.weights",
                value=t["weights"],
            )
        t["weights"] = None
    return cast(Node, _made(Node, t, field))


def parse_index(source: str) -> IndexSpec:
    """An :class:`IndexSpec` from the text of an index file (TOML). A node's weights are a list
    or ``"unknown"``.

    >>> spec = parse_index('''
    ... code = "mini"
    ... name_vi = "Chỉ số nhỏ"
    ... name_en = "Mini index"
    ... [[indicators]]
    ... code = "a"
    ... name_vi = "Chỉ tiêu A"
    ... [[nodes]]
    ... code = "I"
    ... name_vi = "Chỉ số"
    ... name_en = "Index"
    ... level = "index"
    ... children = ["a"]
    ... weights = "unknown"
    ... ''')
    >>> spec.root.weights
    (None,)
    """
    if not isinstance(source, str):
        raise CchcTypeError(
            "must be text", vi="phải là văn bản", field="source", value=type(source).__name__
        )
    if len(source) > FILE_LIMIT:
        raise ValidationError(
            f"is longer than {FILE_LIMIT:,} characters",
            vi="tệp quá dài",
            field="source",
            value=len(source),
        )
    try:
        data = tomllib.loads(source)
    except RecursionError:
        raise ParseError(
            "is nested too deeply to read",
            vi="lồng nhau quá sâu, không đọc được",
            field="source",
            value=len(source),
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(
            f"is not valid TOML ({exc})",
            vi="không phải là TOML hợp lệ",
            field="source",
            value=str(exc),
        ) from None
    keys = [
        "code",
        "name_vi",
        "name_en",
        "indicators",
        "nodes",
        "normalisation",
        "imputation",
        "imputation_per_level",
        "outliers",
        "screening",
        "source",
        "version",
        "note",
    ]
    t = _table(data, "index", keys)
    t["indicators"] = [
        _indicator_from(v, f"indicators[{i}]")
        for i, v in enumerate(sequence(t.get("indicators", []), "indicators"))
    ]
    t["nodes"] = [
        _node_from(v, f"nodes[{i}]") for i, v in enumerate(sequence(t.get("nodes", []), "nodes"))
    ]
    for name, kind in (
        ("normalisation", Normalisation),
        ("imputation", Imputation),
        ("outliers", OutlierTreatment),
        ("screening", Screening),
    ):
        if name in t:
            t[name] = _setting_from(kind, t[name], name)
    if "imputation_per_level" in t:
        per = _table(
            t["imputation_per_level"], "imputation_per_level", [lv.name.lower() for lv in NodeLevel]
        )
        t["imputation_per_level"] = {
            k: _setting_from(Imputation, v, f"imputation_per_level.{k}") for k, v in per.items()
        }
    return cast(IndexSpec, _made(IndexSpec, t, "index"))


def bundled_indices() -> tuple[str, ...]:
    """Names of the index definitions shipped with ``cchc``.

    >>> bundled_indices()
    ('ddci-dong-thap-2019', 'papi-2018', 'pci-2016')
    """
    folder = importlib.resources.files("cchc.index_data")
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def load_index(name: str) -> IndexSpec:
    """An index definition shipped with ``cchc`` (see :func:`bundled_indices`), each citing
    its source.

    >>> pci = load_index("pci-2016")
    >>> len(pci.indicators), sum(pci.root.weights)
    (10, Fraction(100, 1))
    """
    names = bundled_indices()
    key = fold(text(name, "name"))[:200]
    matches = [n for n in names if fold(n) == key]
    if not matches:
        raise NotFoundError(
            f"no bundled index has this name; known: {', '.join(names)}",
            vi=f"không có chỉ số kèm theo nào mang tên này; có: {', '.join(names)}",
            field="name",
            value=name,
        )
    resource = importlib.resources.files("cchc.index_data") / f"{matches[0]}.toml"
    return parse_index(resource.read_text(encoding="utf-8"))
