"""How much a composite index's ranking depends on the choices made in building it: Monte
Carlo uncertainty, variance-based sensitivity, and the analysis of a unit's strengths and
weaknesses, correlations and Cronbach's alpha.

A :class:`Model` is a composite index reduced to what the analysis varies: the units, the
indicators (one value per unit, ``nan`` where missing, each with its direction), the tree
from indicators to the index with the weights of every level, and the nominal choices: a
:class:`Normalisation`, an :class:`Aggregation` per level and an imputation rule. A
:class:`Variation` says what may change: each weight within ±x % (or drawn from a Dirichlet
around its nominal share), and the alternative normalisations, aggregations and imputations.

:func:`uncertainty` draws ``runs`` settings from the variation with a seeded
:class:`numpy.random.Generator` and rebuilds the ranking for each; the result gives every
unit's nominal rank, median rank and 5th-95th percentile interval, and keeps every run's
parameters. The discrete choices (a handful of combinations) are looped over; the runs within
each are one batch of array operations, never a Python loop of rebuilds. Every combination the
variation allows is checked before any run: a choice that cannot run (a geometric mean over a
zero with no zero rule, a z-score feeding a geometric mean) is a
:class:`~cchc.errors.ValidationError` naming the choice, never a silent fallback.

:func:`sensitivity` estimates first-order and total variance-based (Sobol) indices of the
ranks with respect to each varying choice, as in Saisana, Saltelli and Tarantola (2005),
"Uncertainty and sensitivity analysis techniques as tools for the quality assessment of
composite indicators", J. R. Stat. Soc. A 168(2), 307-323.

**Floats.** Everything here is statistics and uses binary floats: the published ranking,
bands and prizes are decided exactly elsewhere (:mod:`cchc.scoring`, :mod:`cchc.indices`).
Scores closer than a billionth of the largest score are taken as tied when ranked (see
:func:`rank_scores`), so that rounding noise in the last bits never orders two units.

A small generated example (illustrative numbers, not official data): four provinces, four
indicators in two dimensions, the fourth one where lower is better, scaled 1-10 as PCI is:

>>> m = Model.build(
...     units=["AG", "BL", "CM", "DT"],
...     indicators=["i1", "i2", "i3", "i4"],
...     values=[[7, 3, 5, 2], [4, 6, 6, 1], [9, 2, 1, 4], [5, 5, 7, 3]],
...     structure=[{"i1": "D1", "i2": "D1", "i3": "D2", "i4": "D2"}],
...     directions={"i4": -1},
...     normalisation=Normalisation("minmax", low=1, high=10),
... )
>>> m.nominal_ranks()
(3, 1, 4, 2)
>>> u = uncertainty(m, Variation(weights="0.5", aggregations=[Aggregation("geometric")]),
...                 runs=200, seed=1)
>>> for row in u.rows():
...     print(row)
{'unit': 'AG', 'nominal': 3, 'median': 2.0, 'p05': 1.0, 'p95': 3.0}
{'unit': 'BL', 'nominal': 1, 'median': 1.0, 'p05': 1.0, 'p95': 3.0}
{'unit': 'CM', 'nominal': 4, 'median': 4.0, 'p05': 4.0, 'p95': 4.0}
{'unit': 'DT', 'nominal': 2, 'median': 2.0, 'p05': 1.0, 'p95': 3.0}
>>> u.run(0).aggregation
(Aggregation('arithmetic'), Aggregation('arithmetic'))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from cchc._fields import (
    constructor_repr,
    fraction,
    of_type,
    one_of,
    sequence,
    text,
    texts,
    whole,
)
from cchc.errors import CchcTypeError, NotFoundError, ValidationError

__all__ = [
    # the model and its choices
    "AGGREGATIONS",
    "IMPUTATIONS",
    "NORMALISATIONS",
    "TIE_TOLERANCE",
    "Aggregation",
    "Model",
    "Normalisation",
    "Variation",
    # kernels over arrays
    "aggregate",
    "impute",
    "normalise",
    "rank_scores",
    # uncertainty and sensitivity
    "RunParameters",
    "Sensitivity",
    "Uncertainty",
    "sensitivity",
    "sobol_indices",
    "uncertainty",
    # analysis
    "Correlations",
    "Placing",
    "Profile",
    "correlations",
    "cronbach",
    "cronbach_alpha",
    "profile",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Scores within this fraction of the largest absolute score are ranked as tied.
TIE_TOLERANCE = 1e-9

#: The normalisations, each with what it means in Vietnamese.
NORMALISATIONS: Mapping[str, str] = {
    "minmax": "chuẩn hoá min-max về khoảng đích",
    "zscore": "điểm chuẩn z (trung bình 0, độ lệch chuẩn 1)",
    "rank": "thứ hạng (1 là thấp nhất, hạng bằng nhau lấy trung bình)",
    "percentile": "bách phân vị, co về khoảng đích",
    "goalposts": "cột mốc (goalposts), co về khoảng đích",
}
#: The aggregations, each with what it means in Vietnamese.
AGGREGATIONS: Mapping[str, str] = {
    "arithmetic": "trung bình cộng có trọng số",
    "geometric": "trung bình nhân có trọng số",
    "harmonic": "trung bình điều hoà có trọng số",
    "generalised": "trung bình tổng quát bậc p có trọng số",
}
#: The imputation rules, each with what it means in Vietnamese.
IMPUTATIONS: Mapping[str, str] = {
    "none": "để trống và chia lại trọng số cho các chỉ tiêu còn lại",
    "mean": "điền bằng trung bình của chỉ tiêu",
    "median": "điền bằng trung vị của chỉ tiêu",
}
_DRAWS = {"uniform": "ngẫu nhiên đều trong ±x %", "dirichlet": "phân phối Dirichlet"}
_METHODS_PC = {"pearson": "hệ số tương quan Pearson", "spearman": "hệ số tương quan hạng Spearman"}


def _number(value: object, field: str) -> float:
    return float(fraction(value, field))


def _optional_fraction(value: object) -> Any:
    if value is None or isinstance(value, Fraction | float | bool):
        return value
    try:
        return fraction(value, "")
    except Exception:
        return value


def _is_fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        fraction(value, attribute.name)
        if not isinstance(value, Fraction):
            raise CchcTypeError(
                "must be a number", vi="phải là một số", field=attribute.name, value=value
            )


# ---------------------------------------------------------------------------------------------
# choices


def _goalposts(value: object) -> tuple[tuple[str, Fraction, Fraction], ...]:
    if isinstance(value, Mapping):
        items: Iterable[Any] = [(k, *sequence(v, f"goalposts[{k!r}]")) for k, v in value.items()]
    else:
        items = sequence(value, "goalposts")
    result = []
    for i, item in enumerate(items):
        parts = sequence(item, f"goalposts[{i}]")
        if len(parts) != 3:
            raise ValidationError(
                "must be (indicator, lowest, highest)",
                vi="phải gồm (chỉ tiêu, mốc thấp, mốc cao)",
                field=f"goalposts[{i}]",
                value=item,
            )
        code = text(parts[0], f"goalposts[{i}][0]")
        lo = fraction(parts[1], f"goalposts[{code}].lowest")
        hi = fraction(parts[2], f"goalposts[{code}].highest")
        if hi <= lo:
            raise ValidationError(
                f"the highest goalpost {hi} must be above the lowest {lo}",
                vi=f"mốc cao {hi} phải lớn hơn mốc thấp {lo}",
                field=f"goalposts[{code}]",
                value=item,
            )
        result.append((code, lo, hi))
    return tuple(sorted(result))


def _normalisation_method(value: object) -> str:
    return one_of(value, "normalisation.method", NORMALISATIONS)


@attrs.frozen(repr=False)
class Normalisation:
    """How each indicator is brought to a common scale across units (before aggregation).

    ``minmax`` maps the lowest unit to ``low`` and the highest to ``high`` (PCI and DDCI use 1
    to 10); ``zscore`` subtracts the mean and divides by the standard deviation (``n - 1``, as
    R's ``sd``); ``rank`` gives ranks from 1 (lowest) to n, ties sharing their mean rank;
    ``percentile`` is that rank mapped onto ``low``..``high``; ``goalposts`` maps each
    indicator's ``(lowest, highest)`` goalposts onto ``low``..``high``, values beyond them
    clipped. A negative-direction indicator is turned round first, so higher is always better.

    >>> Normalisation("minmax", low=1, high=10)
    Normalisation('minmax', low=Fraction(1, 1), high=Fraction(10, 1))
    >>> Normalisation("softmax")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: normalisation.method = 'softmax': must be 'minmax', 'zscore', \
'rank', 'percentile' or 'goalposts'
    """

    method: str = attrs.field(converter=_normalisation_method)
    low: Fraction = attrs.field(default=Fraction(0), converter=_optional_fraction)
    high: Fraction = attrs.field(default=Fraction(1), converter=_optional_fraction)
    goalposts: tuple[tuple[str, Fraction, Fraction], ...] = attrs.field(
        default=(), converter=_goalposts
    )

    def __attrs_post_init__(self) -> None:
        fraction(self.low, "normalisation.low")
        fraction(self.high, "normalisation.high")
        if self.high <= self.low:
            raise ValidationError(
                f"the target range must rise: low {self.low} is not below high {self.high}",
                vi=f"khoảng đích phải tăng dần: cận dưới {self.low} không nhỏ hơn cận trên "
                f"{self.high}",
                field="normalisation.high",
                value=self.high,
            )
        if self.method == "goalposts" and not self.goalposts:
            raise ValidationError(
                "goalposts need each indicator's (lowest, highest)",
                vi="chuẩn hoá theo cột mốc cần mốc thấp và mốc cao của từng chỉ tiêu",
                field="normalisation.goalposts",
                value=self.goalposts,
            )

    __repr__ = constructor_repr

    def __str__(self) -> str:
        if self.method in ("minmax", "percentile", "goalposts"):
            return f"{self.method} {self.low}-{self.high}"
        return self.method


def _aggregation_method(value: object) -> str:
    return one_of(value, "aggregation.method", AGGREGATIONS)


@attrs.frozen(repr=False)
class Aggregation:
    """How the children of a node of the tree are combined, with their weights re-scaled
    within the node (a child missing for a unit gives its weight to the others).

    ``arithmetic`` is the weighted mean; ``geometric`` the weighted geometric mean;
    ``harmonic`` the weighted harmonic mean; ``generalised`` the weighted power mean of order
    ``p`` (1 arithmetic, -1 harmonic; ``p`` = 0 is refused: use ``geometric``). The means other
    than the arithmetic are defined on positive values only. A zero is an error unless ``zero``
    is given, the positive value put in its place (the rule for zeros is then explicit); a
    negative value (from a z-score, say) is always an error, since no rule makes it mean
    anything.

    >>> Aggregation("geometric", zero="0.1")
    Aggregation('geometric', zero=Fraction(1, 10))
    >>> Aggregation("generalised")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: aggregation.p = None: the generalised mean needs its order p
    """

    method: str = attrs.field(converter=_aggregation_method)
    p: Fraction | None = attrs.field(
        default=None, converter=_optional_fraction, validator=_is_fraction, kw_only=True
    )
    zero: Fraction | None = attrs.field(
        default=None, converter=_optional_fraction, validator=_is_fraction, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.method == "generalised" and (self.p is None or self.p == 0):
            raise ValidationError(
                "the generalised mean needs its order p" + (" (not 0)" if self.p == 0 else ""),
                vi="trung bình tổng quát cần bậc p khác 0",
                field="aggregation.p",
                value=self.p,
            )
        if self.method != "generalised" and self.p is not None:
            raise ValidationError(
                f"an order p is for the generalised mean, not the {self.method} one",
                vi="bậc p chỉ dùng cho trung bình tổng quát",
                field="aggregation.p",
                value=self.p,
            )
        if self.zero is not None and self.zero <= 0:
            raise ValidationError(
                "the value put in place of a zero must be positive",
                vi="giá trị thay cho số 0 phải là số dương",
                field="aggregation.zero",
                value=self.zero,
            )

    @property
    def needs_positive(self) -> bool:
        """Whether the mean is defined on positive values only."""
        return self.method != "arithmetic" and not (self.method == "generalised" and self.p == 1)

    __repr__ = constructor_repr

    def __str__(self) -> str:
        name = f"generalised (p = {self.p})" if self.method == "generalised" else self.method
        return name + (f", zeros as {self.zero}" if self.zero is not None else "")


def _imputation(value: object, field: str = "imputation") -> str:
    return one_of(value, field, IMPUTATIONS)


# ---------------------------------------------------------------------------------------------
# kernels


def _as_float(values: object, field: str) -> FloatArray:
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise CchcTypeError(
            "must be an array of numbers", vi="phải là một bảng số", field=field, value=values
        ) from None
    if np.isinf(array).any():
        raise ValidationError(
            "holds an infinite value", vi="chứa giá trị vô hạn", field=field, value=values
        )
    return array


def _average_ranks(column: FloatArray) -> FloatArray:
    """Ranks 1..n of the present values of ``column`` (ties share their mean rank)."""
    out = np.full(column.shape, np.nan)
    present = ~np.isnan(column)
    values = column[present]
    ordered = np.sort(values)
    left = np.searchsorted(ordered, values, "left")
    right = np.searchsorted(ordered, values, "right")
    out[present] = (left + right + 1) / 2
    return out


def normalise(
    values: object,
    normalisation: Normalisation,
    directions: Sequence[int] | None = None,
    indicators: Sequence[str] | None = None,
) -> FloatArray:
    """``values`` (units × indicators, ``nan`` where missing) normalised column by column
    across units, negative-direction columns (``directions[j] == -1``) turned round first.
    ``indicators`` names the columns, for goalposts and for errors. Floats.

    >>> normalise([[1, 10], [3, 30], [5, 20]], Normalisation("minmax", low=1, high=10),
    ...           directions=[1, -1]).tolist()
    [[1.0, 10.0], [5.5, 1.0], [10.0, 5.5]]
    >>> normalise([[1], [1]], Normalisation("minmax"))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: normalisation = 'minmax 0-1': indicator 0 has the same value \
for every unit, so minmax cannot scale it
    """
    x = _as_float(values, "values")
    if x.ndim != 2:
        raise ValidationError(
            "must be a table of units × indicators",
            vi="phải là bảng đơn vị × chỉ tiêu",
            field="values",
            value=x.shape,
        )
    n_ind = x.shape[1]
    names = [str(j) for j in range(n_ind)] if indicators is None else list(indicators)
    signs = np.ones(n_ind) if directions is None else np.asarray(directions, dtype=np.float64)
    x = x * signs
    low, high = float(normalisation.low), float(normalisation.high)
    method = normalisation.method

    def flat(j: int, why: str) -> ValidationError:
        return ValidationError(
            f"indicator {names[j]} {why}, so {method} cannot scale it",
            vi=f"chỉ tiêu {names[j]} {_FLAT_VI.get(why, why)}, nên không chuẩn hoá {method} được",
            field="normalisation",
            value=str(normalisation),
        )

    with np.errstate(all="ignore"):
        if method in ("minmax", "zscore"):
            for j in range(n_ind):
                column = x[:, j]
                if np.isnan(column).all():
                    raise flat(j, "has no value for any unit")
                if method == "minmax" and np.nanmax(column) == np.nanmin(column):
                    raise flat(j, "has the same value for every unit")
                if method == "zscore" and np.count_nonzero(~np.isnan(column)) < 2:
                    raise flat(j, "has fewer than two values")
                if method == "zscore" and np.nanstd(column) == 0:
                    raise flat(j, "has the same value for every unit")
            if method == "minmax":
                lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
                return cast(FloatArray, low + (x - lo) / (hi - lo) * (high - low))
            mean = np.nanmean(x, axis=0)
            sd = np.nanstd(x, axis=0, ddof=1)
            return cast(FloatArray, (x - mean) / sd)
        if method in ("rank", "percentile"):
            out = np.empty_like(x)
            for j in range(n_ind):
                out[:, j] = _average_ranks(x[:, j])
            if method == "rank":
                return out
            counts = np.count_nonzero(~np.isnan(x), axis=0)
            for j in range(n_ind):
                if counts[j] < 2:
                    raise flat(j, "has fewer than two values")
            return cast(FloatArray, low + (out - 1) / (counts - 1) * (high - low))
        # goalposts
        posts = {code: (float(lo_), float(hi_)) for code, lo_, hi_ in normalisation.goalposts}
        missing = [name for name in names if name not in posts]
        if missing:
            raise ValidationError(
                f"no goalposts for {', '.join(missing)}",
                vi=f"chưa có cột mốc cho {', '.join(missing)}",
                field="normalisation.goalposts",
                value=tuple(missing),
            )
        lo_arr = np.array([posts[name][0] for name in names])
        hi_arr = np.array([posts[name][1] for name in names])
        # a reversed column was negated: its goalposts are negated and swapped
        lo_s = np.where(signs < 0, -hi_arr, lo_arr)
        hi_s = np.where(signs < 0, -lo_arr, hi_arr)
        share = np.clip((x - lo_s) / (hi_s - lo_s), 0, 1)
        return cast(FloatArray, low + share * (high - low))


_FLAT_VI = {
    "has the same value for every unit": "có cùng một giá trị ở mọi đơn vị",
    "has no value for any unit": "không có số liệu ở đơn vị nào",
    "has fewer than two values": "có ít hơn hai giá trị",
}


def impute(values: object, imputation: str, indicators: Sequence[str] | None = None) -> FloatArray:
    """``values`` (units × indicators) with each missing cell filled by the rule: ``none``
    leaves it missing (the aggregation re-weights), ``mean`` and ``median`` fill it with the
    indicator's mean or median over the units that have it. Floats.

    >>> impute([[1, np.nan], [3, 4], [np.nan, 8]], "mean").tolist()
    [[1.0, 6.0], [3.0, 4.0], [2.0, 8.0]]
    """
    rule = _imputation(imputation)
    x = _as_float(values, "values").copy()
    if rule == "none":
        return x
    gaps = np.isnan(x)
    if not gaps.any():
        return x
    names = [str(j) for j in range(x.shape[1])] if indicators is None else list(indicators)
    for j in np.flatnonzero(gaps.all(axis=0)):
        raise ValidationError(
            f"indicator {names[j]} has no value for any unit, so there is nothing to impute from",
            vi=f"chỉ tiêu {names[j]} không có số liệu ở đơn vị nào nên không điền được",
            field="imputation",
            value=rule,
        )
    fill = np.nanmean(x, axis=0) if rule == "mean" else np.nanmedian(x, axis=0)
    return cast(FloatArray, np.where(gaps, fill, x))


def _check_domain(
    x: FloatArray, aggregation: Aggregation, what: Callable[[int, int], str]
) -> FloatArray:
    """``x`` with zeros replaced by the zero rule; a value the mean cannot take is an error
    naming the aggregation and, through ``what(unit, child)``, the cell."""
    if not aggregation.needs_positive:
        return x
    bad = x < 0
    if bad.any():
        where = np.argwhere(bad)[0]
        cell = what(int(where[-2]), int(where[-1]))
        raise ValidationError(
            f"{cell} is negative ({float(x[tuple(where)]):.6g}); a {aggregation.method} mean "
            "is defined on positive values only: choose a normalisation with a positive range "
            "(min-max or goalposts to 1-10, say)",
            vi=f"{cell} mang giá trị âm; trung bình {AGGREGATIONS[aggregation.method]} chỉ "
            "tính được với giá trị dương: hãy chọn cách chuẩn hoá cho khoảng dương "
            "(min-max hoặc cột mốc về 1-10)",
            field="aggregation",
            value=str(aggregation),
        )
    zeros = x == 0
    if zeros.any():
        if aggregation.zero is None:
            where = np.argwhere(zeros)[0]
            cell = what(int(where[-2]), int(where[-1]))
            raise ValidationError(
                f"{cell} is 0 and the {aggregation.method} mean has no rule for zeros: give "
                "Aggregation(..., zero=<a small positive value>) or a range above 0",
                vi=f"{cell} bằng 0 mà trung bình {AGGREGATIONS[aggregation.method]} chưa có "
                "quy tắc cho số 0: hãy cho giá trị thay thế (zero=...) hoặc chuẩn hoá về "
                "khoảng lớn hơn 0",
                field="aggregation",
                value=str(aggregation),
            )
        x = np.where(zeros, float(aggregation.zero), x)
    return x


def aggregate(
    values: object,
    weights: object,
    aggregation: Aggregation,
    parents: Sequence[int] | None = None,
    *,
    what: Callable[[int, int], str] | None = None,
) -> FloatArray:
    """Combine the children (last axis of ``values``: ``(..., units, children)``, ``nan``
    where missing) into their parents by the weighted mean ``aggregation``.

    ``weights`` holds one weight per child, or one row per run (``(runs, children)``, with
    ``values`` then ``(units, children)`` or ``(runs, units, children)``); ``parents[c]`` is
    the index of child ``c``'s parent (all one parent when None). Weights are re-scaled within
    each parent over the children present for the unit; a parent with no child present is
    ``nan``. The result is ``(..., units, parents)``. Floats.

    >>> aggregate([[1, 4, 2]], [1, 1, 2], Aggregation("arithmetic"), parents=[0, 0, 1]).tolist()
    [[2.5, 2.0]]
    >>> aggregate([[1, 4]], [1, 1], Aggregation("geometric")).tolist()
    [[2.0]]
    >>> aggregate([[0, 4]], [1, 1], Aggregation("geometric"))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: aggregation = 'geometric': unit 0, child 0 is 0 and the \
geometric mean has no rule for zeros: ...
    """
    x = _as_float(values, "values")
    w = _as_float(weights, "weights")
    n_children = x.shape[-1]
    parent_index = np.zeros(n_children, dtype=np.int64) if parents is None else np.asarray(parents)
    n_parents = int(parent_index.max()) + 1 if n_children else 0
    onehot = np.zeros((n_children, n_parents))
    onehot[np.arange(n_children), parent_index] = 1.0
    if what is None:

        def what(unit: int, child: int) -> str:
            return f"unit {unit}, child {child}"

    if (w < 0).any() or np.isnan(w).any():
        raise ValidationError(
            "weights must be numbers of 0 or more",
            vi="trọng số phải là số không âm",
            field="weights",
            value=w.tolist() if w.size < 50 else w.shape,
        )
    present = ~np.isnan(x)
    filled = np.where(present, x, 1.0)
    filled = _check_domain(filled, aggregation, what)
    with np.errstate(divide="ignore", invalid="ignore"):
        if aggregation.method == "arithmetic":
            terms = filled
        elif aggregation.method == "geometric":
            terms = np.log(filled)
        elif aggregation.method == "harmonic":
            terms = 1.0 / filled
        else:
            terms = filled ** float(cast(Fraction, aggregation.p))
        terms = np.where(present, terms, 0.0)
        mask = present.astype(np.float64)
        # (children, parents), or (runs, children, parents)
        wg = w[:, None] * onehot if w.ndim == 1 else w[..., :, None] * onehot
        num = np.matmul(terms, wg)
        den = np.matmul(mask, wg)
        mean = num / den
        if aggregation.method == "geometric":
            out = np.exp(mean)
        elif aggregation.method == "harmonic":
            out = 1.0 / mean
        elif aggregation.method == "generalised":
            out = mean ** (1.0 / float(cast(Fraction, aggregation.p)))
        else:
            out = mean
    return cast(FloatArray, np.where(den > 0, out, np.nan))


def rank_scores(scores: object, tolerance: float = TIE_TOLERANCE) -> IntArray:
    """Competition ranks (1 best, equal scores share a rank, the next rank skips: 1, 2, 2, 4)
    of the scores along the last axis, higher first. Scores less than ``tolerance`` times the
    largest absolute score apart (chained, in order) count as equal, so float noise never
    splits a tie. A missing score (``nan``) ranks last. Floats in, whole numbers out.

    >>> rank_scores([0.3, 0.1 + 0.2, 0.5, 0.1]).tolist()
    [2, 2, 1, 4]
    >>> rank_scores([[1, 2], [2, 1]]).tolist()
    [[2, 1], [1, 2]]
    """
    s = np.asarray(scores, dtype=np.float64)
    filled = np.where(np.isnan(s), -np.inf, s)
    order = np.argsort(-filled, axis=-1, kind="stable")
    ordered = np.take_along_axis(filled, order, axis=-1)
    finite = np.where(np.isfinite(filled), np.abs(filled), 0.0)
    scale = np.max(finite, axis=-1, keepdims=True) if s.shape[-1] else np.zeros(s.shape[:-1])
    gap = tolerance * np.maximum(scale, np.finfo(np.float64).tiny)
    with np.errstate(invalid="ignore"):
        steps = ordered[..., :-1] - ordered[..., 1:]
        new = ~((steps <= gap) | (np.isneginf(ordered[..., :-1]) & np.isneginf(ordered[..., 1:])))
    positions = np.broadcast_to(np.arange(s.shape[-1]), s.shape)
    starts = np.concatenate(
        [np.zeros((*s.shape[:-1], 1), dtype=np.int64), np.where(new, positions[..., 1:], 0)],
        axis=-1,
    )
    starts = np.maximum.accumulate(starts, axis=-1)
    ranks = np.empty(s.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, starts + 1, axis=-1)
    return ranks


# ---------------------------------------------------------------------------------------------
# the model


def _one_level(
    mapping: object, children: tuple[str, ...], level: int
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    if not isinstance(mapping, Mapping):
        raise CchcTypeError(
            "must map each child to its parent",
            vi="phải ghép mỗi thành phần với nhóm cha của nó",
            field=f"structure[{level}]",
            value=mapping,
        )
    given = {
        text(k, f"structure[{level}] key"): text(v, f"structure[{level}][{k!r}]")
        for k, v in mapping.items()
    }
    missing = [c for c in children if c not in given]
    extra = [c for c in given if c not in children]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"no parent for {', '.join(missing)}")
        if extra:
            parts.append(f"unknown {', '.join(extra)}")
        raise ValidationError(
            "; ".join(parts),
            vi="mỗi thành phần phải có đúng một nhóm cha: "
            + "; ".join(
                ([f"thiếu nhóm cha của {', '.join(missing)}"] if missing else [])
                + ([f"không có {', '.join(extra)}"] if extra else [])
            ),
            field=f"structure[{level}]",
            value=tuple(missing or extra),
        )
    parents = tuple(dict.fromkeys(given[c] for c in children))
    index = {p: i for i, p in enumerate(parents)}
    return parents, tuple(index[given[c]] for c in children)


@attrs.frozen(eq=False, repr=False)
class Model:
    """A composite index as the analysis sees it (build one with :meth:`build`).

    ``values`` is units × indicators (floats, ``nan`` where missing, read-only);
    ``levels[k]`` names the nodes that level ``k`` aggregates into (the last level is the
    index itself, ``("index",)``); ``parents[k][c]`` is the index of child ``c``'s node in
    ``levels[k]``; ``weights[k]`` the nominal weights of level ``k``'s children (indicators
    for ``k`` = 0), re-scaled within each parent when used; ``aggregations[k]`` the mean of
    level ``k``.
    """

    units: tuple[str, ...]
    indicators: tuple[str, ...]
    values: FloatArray
    directions: tuple[int, ...]
    levels: tuple[tuple[str, ...], ...]
    parents: tuple[tuple[int, ...], ...]
    weights: tuple[tuple[float, ...], ...]
    normalisation: Normalisation
    aggregations: tuple[Aggregation, ...]
    imputation: str

    def __repr__(self) -> str:
        return (
            f"Model({len(self.units)} units, {len(self.indicators)} indicators, "
            f"levels {[len(level) for level in self.levels]})"
        )

    @classmethod
    def build(
        cls,
        units: Iterable[str],
        indicators: Iterable[str],
        values: object,
        structure: Sequence[Mapping[str, str]] = (),
        *,
        weights: Mapping[str, object] | None = None,
        directions: Mapping[str, int] | None = None,
        normalisation: Normalisation | None = None,
        aggregation: Aggregation | Sequence[Aggregation] | None = None,
        imputation: str = "none",
    ) -> Model:
        """A model from plain data.

        ``values`` is one row per unit, one column per indicator (numbers or None/nan where
        missing). ``structure`` maps, level by level, each child to its parent (indicator →
        dimension, dimension → pillar, ...); the last level's nodes are aggregated into the
        index. ``weights`` maps any indicator or node to its weight (1 when not given);
        ``directions`` maps an indicator to -1 where lower is better. ``aggregation`` is one
        for all levels or one per level (the last for the index); arithmetic by default.
        Nominal normalisation: min-max to 0-1.

        >>> Model.build(["a", "b"], ["x"], [[1], [None]], weights={"y": 2})
        Traceback (most recent call last):
        ...
        cchc.errors.NotFoundError: weights = 'y': is neither an indicator nor a node
        """
        unit_codes = texts(units, "units")
        codes = texts(indicators, "indicators")
        for field, names in (("units", unit_codes), ("indicators", codes)):
            if not names:
                raise ValidationError(
                    "must not be empty", vi="không được để trống", field=field, value=names
                )
            seen: set[str] = set()
            for name in names:
                if name in seen:
                    raise ValidationError(
                        "is given twice", vi="bị lặp lại", field=field, value=name
                    )
                seen.add(name)
        rows = [
            [math.nan if v is None else v for v in sequence(row, f"values[{i}]")]
            for i, row in enumerate(sequence(values, "values"))
        ]
        x = _as_float(rows, "values") if rows else np.zeros((0, len(codes)))
        if x.shape != (len(unit_codes), len(codes)):
            raise ValidationError(
                f"must have {len(unit_codes)} rows of {len(codes)} values (units × indicators)",
                vi=f"phải có {len(unit_codes)} dòng, mỗi dòng {len(codes)} giá trị "
                "(đơn vị × chỉ tiêu)",
                field="values",
                value=x.shape,
            )
        x.setflags(write=False)
        levels: list[tuple[str, ...]] = []
        parents: list[tuple[int, ...]] = []
        children = codes
        for k, mapping in enumerate(sequence(structure, "structure")):
            names, index = _one_level(mapping, children, k)
            levels.append(names)
            parents.append(index)
            children = names
        levels.append(("index",))
        parents.append(tuple(0 for _ in children))
        known = set(codes).union(*levels[:-1])
        given_weights = dict(weights or {})
        for name in given_weights:
            if name not in known:
                raise NotFoundError(
                    "is neither an indicator nor a node",
                    vi="không phải là chỉ tiêu hay nhóm nào trong bộ chỉ số",
                    field="weights",
                    value=name,
                )
        level_children = [codes, *levels[:-1]]
        level_weights = tuple(
            tuple(_number(given_weights.get(c, 1), f"weights[{c!r}]") for c in kids)
            for kids in level_children
        )
        for k, ws in enumerate(level_weights):
            for c, wt in zip(level_children[k], ws, strict=True):
                if wt < 0:
                    raise ValidationError(
                        "is negative", vi="là số âm", field=f"weights[{c!r}]", value=wt
                    )
            for p, parent in enumerate(levels[k]):
                if sum(wt for wt, q in zip(ws, parents[k], strict=True) if q == p) <= 0:
                    raise ValidationError(
                        "its children's weights sum to 0",
                        vi="tổng trọng số các thành phần bằng 0",
                        field=f"weights of {parent}",
                        value=0,
                    )
        signs = dict(directions or {})
        for name, sign in signs.items():
            if name not in codes:
                raise NotFoundError(
                    "is not an indicator",
                    vi="không phải là chỉ tiêu",
                    field="directions",
                    value=name,
                )
            if sign not in (1, -1) or isinstance(sign, bool):
                raise ValidationError(
                    "must be 1 (higher is better) or -1 (lower is better)",
                    vi="phải là 1 (càng cao càng tốt) hoặc -1 (càng thấp càng tốt)",
                    field=f"directions[{name!r}]",
                    value=sign,
                )
        norm = Normalisation("minmax") if normalisation is None else normalisation
        of_type(norm, Normalisation, "normalisation")
        return cls(
            unit_codes,
            codes,
            x,
            tuple(signs.get(c, 1) for c in codes),
            tuple(levels),
            tuple(parents),
            level_weights,
            norm,
            _per_level(aggregation, len(levels), "aggregation"),
            _imputation(imputation),
        )

    def scores(self) -> FloatArray:
        """The nominal index score of every unit (floats)."""
        plan = _Plan(self, (self.imputation,), (self.normalisation,), (self.aggregations,))
        weights = tuple(np.asarray([w]) for w in self.weights)
        scores: FloatArray = plan.scores(0, 0, 0, weights)[0]
        return scores

    def nominal_ranks(self) -> tuple[int, ...]:
        """Each unit's rank under the nominal choices (1 best, ties share a rank)."""
        return tuple(int(r) for r in rank_scores(self.scores()))


def _per_level(value: object, n_levels: int, field: str) -> tuple[Aggregation, ...]:
    if value is None:
        return (Aggregation("arithmetic"),) * n_levels
    if isinstance(value, Aggregation):
        return (value,) * n_levels
    items = tuple(sequence(value, field))
    for i, item in enumerate(items):
        of_type(item, Aggregation, f"{field}[{i}]")
    if len(items) != n_levels:
        raise ValidationError(
            f"must give one aggregation, or one for each of the {n_levels} levels",
            vi=f"phải cho một cách tổng hợp, hoặc một cách cho mỗi cấp trong {n_levels} cấp",
            field=field,
            value=items,
        )
    return cast(tuple[Aggregation, ...], items)


# ---------------------------------------------------------------------------------------------
# variation


def _spread(value: object) -> Fraction:
    share = fraction(value, "variation.weights")
    if not 0 <= share < 1:
        raise ValidationError(
            "must be a share from 0 up to (not including) 1: 0.25 lets each weight move ±25 %",
            vi="phải là tỷ lệ từ 0 đến dưới 1: 0,25 cho mỗi trọng số dao động ±25 %",
            field="variation.weights",
            value=value,
        )
    return share


def _normalisations(value: object) -> tuple[Normalisation, ...]:
    return tuple(sequence(value, "variation.normalisations"))


def _aggregations(value: object) -> tuple[Aggregation | tuple[Aggregation, ...], ...]:
    return tuple(
        a if isinstance(a, Aggregation) else tuple(sequence(a, "variation.aggregations"))
        for a in sequence(value, "variation.aggregations")
    )


def _imputations(value: object) -> tuple[str, ...]:
    return tuple(
        _imputation(x, f"variation.imputations[{i}]")
        for i, x in enumerate(sequence(value, "variation.imputations"))
    )


@attrs.frozen
class Variation:
    """What a Monte Carlo run may change.

    ``weights`` is the share each weight may move either way (``"0.25"``: each weight is
    multiplied by a factor drawn uniformly from 0.75 to 1.25); or, with ``concentration``
    given instead, the weights within each parent are drawn from a Dirichlet distribution with
    parameters ``concentration`` × their nominal shares (the larger, the closer to the
    nominal), then scaled back to the parent's nominal total. ``normalisations``,
    ``aggregations`` (one for all levels or a tuple per level) and ``imputations`` are
    alternatives drawn with equal chance beside the nominal choice, which is always one of
    them. An empty variation changes nothing: every run is the nominal ranking.

    >>> Variation(weights="0.2", normalisations=[Normalisation("rank")])
    Variation(weights=Fraction(1, 5), normalisations=(Normalisation('rank'),))
    >>> Variation(weights="0.2", concentration=50)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: variation.concentration = Fraction(50, 1): give either a \
spread of the weights or a Dirichlet concentration, not both
    """

    weights: Fraction = attrs.field(default=Fraction(0), converter=_spread)
    concentration: Fraction | None = attrs.field(
        default=None, converter=_optional_fraction, validator=_is_fraction
    )
    normalisations: tuple[Normalisation, ...] = attrs.field(default=(), converter=_normalisations)
    aggregations: tuple[Aggregation | tuple[Aggregation, ...], ...] = attrs.field(
        default=(), converter=_aggregations
    )
    imputations: tuple[str, ...] = attrs.field(default=(), converter=_imputations)

    def __attrs_post_init__(self) -> None:
        if self.concentration is not None:
            if self.weights:
                raise ValidationError(
                    "give either a spread of the weights or a Dirichlet concentration, not both",
                    vi="chỉ cho một trong hai: biên độ dao động trọng số hoặc tham số Dirichlet",
                    field="variation.concentration",
                    value=self.concentration,
                )
            if self.concentration <= 0:
                raise ValidationError(
                    "must be positive",
                    vi="phải là số dương",
                    field="variation.concentration",
                    value=self.concentration,
                )
        for i, n in enumerate(self.normalisations):
            of_type(n, Normalisation, f"variation.normalisations[{i}]")
        for i, a in enumerate(self.aggregations):
            for b in (a,) if isinstance(a, Aggregation) else a:
                of_type(b, Aggregation, f"variation.aggregations[{i}]")

    def __repr__(self) -> str:
        parts = []
        for field in attrs.fields(Variation):
            value = getattr(self, field.name)
            if value != field.default:
                parts.append(f"{field.name}={value!r}")
        return f"Variation({', '.join(parts)})"


@attrs.frozen
class _Options:
    """The discrete options of a variation for one model: each list starts with the nominal."""

    imputations: tuple[str, ...]
    normalisations: tuple[Normalisation, ...]
    aggregations: tuple[tuple[Aggregation, ...], ...]

    @classmethod
    def of(cls, model: Model, variation: Variation) -> _Options:
        n_levels = len(model.levels)
        aggs = [model.aggregations]
        for i, a in enumerate(variation.aggregations):
            aggs.append(_per_level(a, n_levels, f"variation.aggregations[{i}]"))
        return cls(
            tuple(dict.fromkeys((model.imputation, *variation.imputations))),
            tuple(dict.fromkeys((model.normalisation, *variation.normalisations))),
            tuple(dict.fromkeys(aggs)),
        )

    def sizes(self) -> tuple[int, int, int]:
        return len(self.imputations), len(self.normalisations), len(self.aggregations)


class _Plan:
    """The evaluation of runs: normalised data cached per (imputation, normalisation)."""

    def __init__(
        self,
        model: Model,
        imputations: tuple[str, ...],
        normalisations: tuple[Normalisation, ...],
        aggregations: tuple[tuple[Aggregation, ...], ...],
    ):
        self.model = model
        self.imputations = imputations
        self.normalisations = normalisations
        self.aggregations = aggregations
        self._data: dict[tuple[int, int], FloatArray] = {}

    def data(self, imp: int, norm: int) -> FloatArray:
        key = (imp, norm)
        if key not in self._data:
            m = self.model
            filled = impute(m.values, self.imputations[imp], m.indicators)
            try:
                self._data[key] = normalise(
                    filled, self.normalisations[norm], m.directions, m.indicators
                )
            except ValidationError as exc:
                raise _naming(exc, self.imputations[imp], self.normalisations[norm], None) from None
        return self._data[key]

    def scores(self, imp: int, norm: int, agg: int, weights: Sequence[FloatArray]) -> FloatArray:
        """Index scores (runs × units) for the runs whose weights are given per level."""
        m = self.model
        x: FloatArray = self.data(imp, norm)
        aggs = self.aggregations[agg]
        level_children = (m.indicators, *m.levels[:-1])
        for k, aggregation in enumerate(aggs):
            kids = level_children[k]

            def what(unit: int, child: int, kids: tuple[str, ...] = kids) -> str:
                return f"{kids[child]} of unit {m.units[unit]}"

            try:
                x = aggregate(x, weights[k], aggregation, m.parents[k], what=what)
            except ValidationError as exc:
                raise _naming(
                    exc, self.imputations[imp], self.normalisations[norm], aggs, level=k
                ) from None
        scores = x[..., 0]
        if scores.ndim == 1:
            scores = scores[None, :]
        gaps = np.isnan(scores[0])
        if gaps.any():
            unit = m.units[int(np.flatnonzero(gaps)[0])]
            raise ValidationError(
                f"unit {unit} has no data to build its index from: screen it out first",
                vi=f"đơn vị {unit} không có số liệu để tính chỉ số: hãy loại đơn vị này khi "
                "sàng lọc",
                field="units",
                value=unit,
            )
        return scores


def _naming(
    exc: ValidationError,
    imputation: str,
    normalisation: Normalisation,
    aggregations: tuple[Aggregation, ...] | None,
    level: int | None = None,
) -> ValidationError:
    """``exc`` with the choice that cannot run named in front."""
    choice = f"imputation {imputation}, normalisation {normalisation}"
    choice_vi = f"điền số liệu {imputation}, chuẩn hoá {normalisation}"
    if aggregations is not None and level is not None:
        choice += f", aggregation {aggregations[level]} at level {level + 1}"
        choice_vi += f", tổng hợp {aggregations[level]} ở cấp {level + 1}"
    return ValidationError(
        f"the choice ({choice}) cannot run: {exc.message}",
        vi=f"phương án ({choice_vi}) không chạy được: {exc.vi or exc.message}",
        field=exc.field,
        value=exc.value,
        code="analysis.choice-cannot-run",
    )


def _draw_weights(
    model: Model, variation: Variation, runs: int, rng: np.random.Generator
) -> tuple[FloatArray, ...]:
    out = []
    for k, nominal in enumerate(model.weights):
        w = np.asarray(nominal, dtype=np.float64)
        if variation.concentration is not None:
            parent = np.asarray(model.parents[k])
            totals = np.bincount(parent, weights=w)
            share = w / totals[parent]
            shape = float(variation.concentration) * share
            draws = np.zeros((runs, len(w)))
            live = shape > 0
            draws[:, live] = rng.gamma(shape[live], size=(runs, int(live.sum())))
            sums = np.zeros((runs, len(totals)))
            for p in range(len(totals)):
                sums[:, p] = draws[:, parent == p].sum(axis=1)
            out.append(draws / sums[:, parent] * totals[parent])
        else:
            spread = float(variation.weights)
            out.append(w * (1 + spread * rng.uniform(-1.0, 1.0, size=(runs, len(w)))))
    return tuple(out)


def _evaluate(
    plan: _Plan,
    weights: Sequence[FloatArray],
    imp: IntArray,
    norm: IntArray,
    agg: IntArray,
) -> FloatArray:
    """Scores (runs × units): one batch per combination of discrete choices."""
    runs = len(imp)
    scores = np.empty((runs, len(plan.model.units)))
    combos = imp * (len(plan.normalisations) * len(plan.aggregations)) + (
        norm * len(plan.aggregations) + agg
    )
    for combo in np.unique(combos):
        rows = np.flatnonzero(combos == combo)
        i, n, a = int(imp[rows[0]]), int(norm[rows[0]]), int(agg[rows[0]])
        scores[rows] = plan.scores(i, n, a, [w[rows] for w in weights])
    return scores


def _check_all(plan: _Plan) -> None:
    """Run every combination once with the nominal weights: one that cannot run is an error
    before any run is drawn, whether or not the draw would have picked it."""
    weights = tuple(np.asarray([w]) for w in plan.model.weights)
    for i, n, a in itertools.product(
        range(len(plan.imputations)), range(len(plan.normalisations)), range(len(plan.aggregations))
    ):
        plan.scores(i, n, a, weights)


# ---------------------------------------------------------------------------------------------
# uncertainty


@attrs.frozen
class RunParameters:
    """The settings of one Monte Carlo run: the weights of every level (by code), and the
    imputation, normalisation and aggregations (one per level) it used."""

    run: int
    weights: tuple[tuple[tuple[str, float], ...], ...]
    imputation: str
    normalisation: Normalisation
    aggregation: tuple[Aggregation, ...]


@attrs.frozen(eq=False)
class Uncertainty:
    """The ranking under uncertainty: for each unit (in ``units`` order) its nominal rank,
    median rank and 5th and 95th percentile ranks over the runs (plain fields, for tables and
    plots). ``ranks`` and ``scores`` hold every run (runs × units, read-only); ``shift`` each
    run's mean absolute rank shift from the nominal ranking. Every run's parameters are kept
    (:meth:`run`). Percentiles are numpy's (linear between order statistics); floats.
    """

    units: tuple[str, ...]
    nominal: tuple[int, ...]
    median: tuple[float, ...]
    p05: tuple[float, ...]
    p95: tuple[float, ...]
    seed: int
    variation: Variation
    ranks: IntArray = attrs.field(repr=False)
    scores: FloatArray = attrs.field(repr=False)
    shift: FloatArray = attrs.field(repr=False)
    _model: Model = attrs.field(repr=False, alias="model")
    _options: _Options = attrs.field(repr=False, alias="options")
    _weights: tuple[FloatArray, ...] = attrs.field(repr=False, alias="weights")
    _choices: IntArray = attrs.field(repr=False, alias="choices")

    @property
    def runs(self) -> int:
        """How many runs were drawn."""
        return int(self.ranks.shape[0])

    def run(self, index: int) -> RunParameters:
        """The parameters of run ``index`` (from 0)."""
        i = whole(index, "run", maximum=self.runs - 1)
        m = self._model
        level_children = (m.indicators, *m.levels[:-1])
        imp, norm, agg = (int(c) for c in self._choices[i])
        return RunParameters(
            i,
            tuple(
                tuple((c, float(w)) for c, w in zip(kids, ws[i], strict=True))
                for kids, ws in zip(level_children, self._weights, strict=True)
            ),
            self._options.imputations[imp],
            self._options.normalisations[norm],
            self._options.aggregations[agg],
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per unit: unit, nominal, median, p05, p95 (a table, a plot, a frame).

        >>> m = Model.build(["a", "b"], ["x"], [[1], [2]])
        >>> uncertainty(m, Variation(), runs=10).rows()[0]
        {'unit': 'a', 'nominal': 2, 'median': 2.0, 'p05': 2.0, 'p95': 2.0}
        """
        return [
            {"unit": u, "nominal": n, "median": md, "p05": lo, "p95": hi}
            for u, n, md, lo, hi in zip(
                self.units, self.nominal, self.median, self.p05, self.p95, strict=True
            )
        ]


def _generator(seed: object) -> tuple[int, np.random.Generator]:
    s = whole(seed, "seed")
    return s, np.random.default_rng(s)


def uncertainty(
    model: Model, variation: Variation, *, runs: int = 1000, seed: int = 0
) -> Uncertainty:
    """Rebuild the ranking ``runs`` times under settings drawn from ``variation`` (seeded:
    the same seed gives the same runs) and summarise each unit's ranks.

    Every combination of choices the variation allows is first checked with the nominal
    weights; one that cannot run is a :class:`~cchc.errors.ValidationError` naming it.
    Floats (statistics).

    >>> m = Model.build(["a", "b", "c"], ["x", "y"], [[0, 3], [2, 1], [1, 2]])
    >>> uncertainty(m, Variation(aggregations=[Aggregation("geometric")]))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: aggregation = 'geometric': the choice (imputation none, \
normalisation minmax 0-1, aggregation geometric at level 1) cannot run: x of unit a is 0 ...
    """
    of_type(model, Model, "model")
    of_type(variation, Variation, "variation")
    n_runs = whole(runs, "runs", minimum=1, maximum=10_000_000)
    s, rng = _generator(seed)
    options = _Options.of(model, variation)
    plan = _Plan(model, options.imputations, options.normalisations, options.aggregations)
    _check_all(plan)
    nominal = rank_scores(plan.scores(0, 0, 0, tuple(np.asarray([w]) for w in model.weights)))[0]
    weights = _draw_weights(model, variation, n_runs, rng)
    sizes = options.sizes()
    choices = np.stack([rng.integers(0, k, n_runs) for k in sizes], axis=1).astype(np.int64)
    scores = _evaluate(plan, weights, choices[:, 0], choices[:, 1], choices[:, 2])
    ranks = rank_scores(scores)
    shift = np.abs(ranks - nominal).mean(axis=1)
    median = np.median(ranks, axis=0)
    p05, p95 = np.percentile(ranks, [5, 95], axis=0)
    for array in (ranks, scores, shift, choices, *weights):
        array.setflags(write=False)
    return Uncertainty(
        model.units,
        tuple(int(r) for r in nominal),
        tuple(float(v) for v in median),
        tuple(float(v) for v in p05),
        tuple(float(v) for v in p95),
        s,
        variation,
        ranks,
        scores,
        shift,
        model=model,
        options=options,
        weights=weights,
        choices=choices,
    )


# ---------------------------------------------------------------------------------------------
# sensitivity


def sobol_indices(y_a: object, y_b: object, y_ab: object) -> tuple[FloatArray, FloatArray]:
    """First-order and total Sobol indices from the outputs on two independent samples A and
    B (``y_a``, ``y_b``: N, or N × outputs) and on the k matrices A_B^i (``y_ab``: k × N, or
    k × N × outputs), where A_B^i is A with factor i (a column, or a group of columns) taken
    from B.

    First order: S_i = mean(f(B) (f(A_B^i) − f(A))) / V (Saltelli et al. 2010, Comput. Phys.
    Commun. 181(2), table 2 (b)); total: ST_i = mean((f(A) − f(A_B^i))²) / (2V) (Jansen 1999,
    table 2 (f)); V is the variance of f over A and B together. The outputs are first centred
    on their mean over A and B, which leaves the estimators' expectations as they are and makes
    the first-order one far less noisy when the mean is large (as a mean rank is). Where V is
    0 the indices are ``nan`` (nothing to explain). Floats; Monte Carlo estimates, whose error
    falls as 1/√N.

    >>> rng = np.random.default_rng(0)
    >>> a, b = rng.random((20000, 2)), rng.random((20000, 2))
    >>> f = lambda x: x[:, 0] + 2 * x[:, 1]
    >>> ab = [np.where(np.arange(2) == i, b, a) for i in range(2)]
    >>> s, st = sobol_indices(f(a), f(b), [f(m) for m in ab])
    >>> [round(float(v), 1) for v in s], [round(float(v), 1) for v in st]
    ([0.2, 0.8], [0.2, 0.8])
    """
    fa = np.asarray(y_a, dtype=np.float64)
    fb = np.asarray(y_b, dtype=np.float64)
    fab = np.asarray(y_ab, dtype=np.float64)
    if fa.shape != fb.shape or fab.shape[1:] != fa.shape:
        raise ValidationError(
            "f(A), f(B) and each f(A_B^i) must have the same shape",
            vi="f(A), f(B) và các f(A_B^i) phải cùng kích thước",
            field="y_ab",
            value=(fa.shape, fb.shape, fab.shape),
        )
    both = np.concatenate([fa, fb])
    variance = np.var(both, axis=0)
    centre = np.mean(both, axis=0)
    fa, fb, fab = fa - centre, fb - centre, fab - centre
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.mean(fb * (fab - fa), axis=1) / variance
        total = np.mean((fa - fab) ** 2, axis=1) / (2 * variance)
    zero = variance == 0
    return (
        cast(FloatArray, np.where(zero, np.nan, first)),
        cast(FloatArray, np.where(zero, np.nan, total)),
    )


@attrs.frozen(eq=False)
class Sensitivity:
    """Variance-based sensitivity of the ranking to each varying choice (``factors``: some of
    ``weights``, ``imputation``, ``normalisation``, ``aggregation``).

    ``first`` and ``total`` are the first-order and total indices of the mean absolute rank
    shift from the nominal ranking (one per factor, in ``factors`` order); ``unit_first`` and
    ``unit_total`` those of each unit's rank (units × factors; ``nan`` for a unit whose rank
    never moves). ``samples`` is N; the model was run N (k + 2) times. Floats (estimates).
    """

    factors: tuple[str, ...]
    first: tuple[float, ...]
    total: tuple[float, ...]
    units: tuple[str, ...]
    samples: int
    seed: int
    unit_first: FloatArray = attrs.field(repr=False)
    unit_total: FloatArray = attrs.field(repr=False)

    def rows(self) -> list[dict[str, object]]:
        """One row per factor: factor, first, total."""
        return [
            {"factor": f, "first": s, "total": t}
            for f, s, t in zip(self.factors, self.first, self.total, strict=True)
        ]


def sensitivity(
    model: Model, variation: Variation, *, samples: int = 500, seed: int = 0
) -> Sensitivity:
    """First-order and total sensitivity indices of the ranks to each choice the variation
    varies, by the Saltelli/Jansen estimators (:func:`sobol_indices`) on two samples A and B
    of ``samples`` settings each and the matrices A_B^i. The factors are the weights (all
    levels together, as one group), the imputation, the normalisation and the aggregation,
    each discrete choice drawn uniformly among its options; a factor the variation leaves
    fixed is not listed. Seeded; floats (estimates whose error falls as 1/√samples).

    >>> m = Model.build(["a", "b", "c", "d"], ["x", "y"], [[1, 9], [4, 4], [9, 1], [3, 3]])
    >>> s = sensitivity(m, Variation(weights="0.9", normalisations=[Normalisation("rank")]),
    ...                 samples=400, seed=3)
    >>> s.factors
    ('weights', 'normalisation')
    >>> all(0 <= t <= 1.2 for t in s.total)
    True
    """
    of_type(model, Model, "model")
    of_type(variation, Variation, "variation")
    n = whole(samples, "samples", minimum=2, maximum=1_000_000)
    s, rng = _generator(seed)
    options = _Options.of(model, variation)
    plan = _Plan(model, options.imputations, options.normalisations, options.aggregations)
    _check_all(plan)
    nominal = rank_scores(plan.scores(0, 0, 0, tuple(np.asarray([w]) for w in model.weights)))[0]
    sizes = options.sizes()
    factors = []
    if variation.weights or variation.concentration is not None:
        factors.append("weights")
    for name, size in zip(("imputation", "normalisation", "aggregation"), sizes, strict=True):
        if size > 1:
            factors.append(name)

    def draw() -> tuple[tuple[FloatArray, ...], IntArray]:
        weights = _draw_weights(model, variation, n, rng)
        choices = np.stack([rng.integers(0, k, n) for k in sizes], axis=1).astype(np.int64)
        return weights, choices

    (wa, ca), (wb, cb) = draw(), draw()
    settings = [(wa, ca), (wb, cb)]
    for factor in factors:
        if factor == "weights":
            settings.append((wb, ca))
        else:
            column = ("imputation", "normalisation", "aggregation").index(factor)
            mixed = ca.copy()
            mixed[:, column] = cb[:, column]
            settings.append((wa, mixed))
    weights = tuple(np.concatenate([w[k] for w, _ in settings]) for k in range(len(wa)))
    choices = np.concatenate([c for _, c in settings])
    ranks = rank_scores(_evaluate(plan, weights, choices[:, 0], choices[:, 1], choices[:, 2]))
    ranks = ranks.reshape(len(settings), n, -1).astype(np.float64)
    shift = np.abs(ranks - nominal).mean(axis=2)
    first, total = sobol_indices(shift[0], shift[1], shift[2:])
    unit_first, unit_total = sobol_indices(ranks[0], ranks[1], ranks[2:])
    return Sensitivity(
        tuple(factors),
        tuple(float(v) for v in first),
        tuple(float(v) for v in total),
        model.units,
        n,
        s,
        np.asarray(unit_first.T),
        np.asarray(unit_total.T),
    )


# ---------------------------------------------------------------------------------------------
# analysis


@attrs.frozen
class Placing:
    """An indicator's value for a unit, and the unit's rank on it among the ``among`` units
    that have it (1 best, the indicator's direction taken into account)."""

    indicator: str
    value: float
    rank: int
    among: int


@attrs.frozen
class Profile:
    """A unit's strengths (its best-placed indicators, best first) and weaknesses (its
    worst-placed, worst first), placed by rank among the units."""

    unit: str
    strengths: tuple[Placing, ...]
    weaknesses: tuple[Placing, ...]


def _unit_index(model: Model, unit: object) -> int:
    code = text(unit, "unit")
    try:
        return model.units.index(code)
    except ValueError:
        raise NotFoundError(
            "is not a unit of the model",
            vi="không có đơn vị này trong bộ số liệu",
            field="unit",
            value=code,
        ) from None


def profile(model: Model, unit: str, count: int = 3) -> Profile:
    """``unit``'s ``count`` strongest and weakest indicators, by its rank among the units on
    each (competition ranks; a unit missing an indicator is not placed on it). Indicators of
    equal rank are listed in the model's order.

    >>> m = Model.build(["a", "b", "c"], ["x", "y", "z"],
    ...                 [[9, 1, 5], [5, 5, 5], [1, 9, 4]], directions={"z": -1})
    >>> p = profile(m, "a", count=1)
    >>> p.strengths[0].indicator, p.weaknesses[0].indicator
    ('x', 'y')
    >>> p.weaknesses[0]
    Placing(indicator='y', value=1.0, rank=3, among=3)
    """
    of_type(model, Model, "model")
    u = _unit_index(model, unit)
    k = whole(count, "count", minimum=1)
    signed = model.values * np.asarray(model.directions, dtype=np.float64)
    placings = []
    for j, code in enumerate(model.indicators):
        column = signed[:, j]
        if math.isnan(column[u]):
            continue
        present = column[~np.isnan(column)]
        placings.append(
            Placing(
                code,
                float(model.values[u, j]),
                int(np.count_nonzero(present > column[u])) + 1,
                len(present),
            )
        )
    by_rank = sorted(placings, key=lambda p: p.rank / p.among)
    worst = sorted(placings, key=lambda p: -p.rank / p.among)
    return Profile(model.units[u], tuple(by_rank[:k]), tuple(worst[:k]))


def _pearson(x: FloatArray, y: FloatArray) -> float:
    keep = ~(np.isnan(x) | np.isnan(y))
    a, b = x[keep], y[keep]
    if len(a) < 2:
        return math.nan
    a, b = a - a.mean(), b - b.mean()
    den = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    return math.nan if den == 0 else float((a * b).sum()) / den


def _spearman(x: FloatArray, y: FloatArray) -> float:
    keep = ~(np.isnan(x) | np.isnan(y))
    return _pearson(_average_ranks(x[keep]), _average_ranks(y[keep]))


@attrs.frozen(eq=False)
class Correlations:
    """Correlations between indicators (``between``: indicators × indicators) and of each
    indicator with the score of its parent node (``with_parent``), by ``method``. Floats;
    ``nan`` where fewer than two units have both values or one of them does not vary."""

    method: str
    indicators: tuple[str, ...]
    parents: tuple[str, ...]
    between: FloatArray = attrs.field(repr=False)
    with_parent: tuple[float, ...]

    def pair(self, first: str, second: str) -> float:
        """The correlation of two indicators."""
        try:
            i, j = self.indicators.index(first), self.indicators.index(second)
        except ValueError:
            raise NotFoundError(
                "is not an indicator",
                vi="không phải là chỉ tiêu",
                field="indicator",
                value=first if first not in self.indicators else second,
            ) from None
        return float(self.between[i, j])


def correlations(model: Model, method: str = "pearson") -> Correlations:
    """Pearson or Spearman correlations between the indicators, each turned round where lower
    is better (so that a positive correlation means the two agree on who does well), over the
    units that have both; and of each indicator with its parent's nominal score (a dimension,
    built by the model's nominal choices). Floats.

    >>> m = Model.build(["a", "b", "c", "d"], ["x", "y", "z"],
    ...                 [[1, 2, 9], [2, 4, 7], [3, 5, 3], [4, 9, 1]],
    ...                 structure=[{"x": "D", "y": "D", "z": "D"}], directions={"z": -1})
    >>> c = correlations(m, "spearman")
    >>> c.pair("x", "y"), c.pair("x", "z")
    (1.0, 1.0)
    """
    of_type(model, Model, "model")
    how = one_of(method, "method", _METHODS_PC)
    corr = _pearson if how == "pearson" else _spearman
    signed = model.values * np.asarray(model.directions, dtype=np.float64)
    n = len(model.indicators)
    between = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            between[i, j] = between[j, i] = corr(signed[:, i], signed[:, j])
    plan = _Plan(model, (model.imputation,), (model.normalisation,), (model.aggregations,))
    weights = np.asarray(model.weights[0])
    dims = aggregate(plan.data(0, 0), weights, model.aggregations[0], model.parents[0])
    with_parent = tuple(corr(signed[:, j], dims[:, model.parents[0][j]]) for j in range(n))
    between.setflags(write=False)
    return Correlations(
        how,
        model.indicators,
        tuple(model.levels[0][p] for p in model.parents[0]),
        between,
        with_parent,
    )


def cronbach_alpha(items: object) -> float:
    """Cronbach's alpha of a set of items (a table: one row per unit, one column per item),
    over the units with every item: α = k/(k − 1) · (1 − Σ var(item) / var(sum of items)),
    with k items (Cronbach 1951, Psychometrika 16(3)). Floats; ``nan`` where fewer than two
    items or two complete units, or the sum does not vary.

    >>> round(cronbach_alpha([[1, 2], [2, 3], [3, 3]]), 4)  # 2 (1 - (1 + 1/3) / (7/3)) = 6/7
    0.8571
    """
    x = _as_float(items, "items")
    if x.ndim != 2:
        raise ValidationError(
            "must be a table of units × items",
            vi="phải là bảng đơn vị × câu hỏi",
            field="items",
            value=x.shape,
        )
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return math.nan
    total = float(np.var(x.sum(axis=1), ddof=1))
    if total == 0:
        return math.nan
    return float(k / (k - 1) * (1 - float(np.var(x, axis=0, ddof=1).sum()) / total))


def cronbach(model: Model) -> dict[str, float]:
    """Cronbach's alpha of each first-level node (dimension), over its indicators as the
    model's nominal normalisation scales them (alpha depends on the items' scales), counting
    only the units with every one of them. Floats.

    >>> m = Model.build(["a", "b", "c"], ["x", "y", "z"], [[1, 2, 5], [2, 3, 1], [3, 3, 4]],
    ...                 structure=[{"x": "D1", "y": "D1", "z": "D2"}],
    ...                 normalisation=Normalisation("rank"))
    >>> {name: round(alpha, 4) for name, alpha in cronbach(m).items()}  # D1: 12/13
    {'D1': 0.9231, 'D2': nan}
    """
    of_type(model, Model, "model")
    plan = _Plan(model, (model.imputation,), (model.normalisation,), (model.aggregations,))
    data = plan.data(0, 0)
    parents = np.asarray(model.parents[0])
    return {name: cronbach_alpha(data[:, parents == p]) for p, name in enumerate(model.levels[0])}
