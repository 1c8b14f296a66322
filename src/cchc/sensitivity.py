"""How much a composite index's ranking depends on the choices made in building it: Monte
Carlo uncertainty, variance-based sensitivity, and the analysis of a unit's strengths and
weaknesses, correlations and Cronbach's alpha.

The index is the one :mod:`cchc.indices` describes and builds (an
:class:`~cchc.indices.IndexSpec` with its :class:`~cchc.indices.Normalisation`,
:class:`~cchc.indices.Aggregation` and :class:`~cchc.indices.Imputation` settings). A
:class:`Model` is that index in one year, reduced to float arrays the analysis can rebuild
thousands of times: :meth:`Model.from_result` takes a built :class:`~cchc.indices.IndexResult`
(its screening, its data and its exactly normalised values); :meth:`Model.of` and
:meth:`Model.build` take a spec or plain data. A :class:`Variation` says what may change:
each weight within ±x % (or drawn from a Dirichlet around its nominal share), and alternative
normalisations, aggregations and imputations.

:func:`uncertainty` draws ``runs`` settings from the variation with a seeded
:class:`numpy.random.Generator` and ranks the units under each; the result gives every unit's
nominal rank, median rank and 5th-95th percentile interval, and keeps every run's parameters.
The discrete choices (a handful of combinations) are looped over; the runs within each are
one batch of array operations, never a Python loop of rebuilds. Every combination the
variation allows is checked before any run is drawn: a choice that cannot run (a geometric
mean over a zero with no rule for zeros, a z-score feeding a geometric mean) is a
:class:`~cchc.errors.ValidationError` naming the choice, never a silent fallback.

:func:`sensitivity` estimates first-order and total variance-based (Sobol) indices of the
ranks with respect to each varying choice, as in Saisana, Saltelli and Tarantola (2005),
"Uncertainty and sensitivity analysis techniques as tools for the quality assessment of
composite indicators", J. R. Stat. Soc. A 168(2), 307-323.

**Floats.** Everything here is statistics and uses binary floats: the published ranking,
bands and prizes are decided exactly by :func:`cchc.indices.build`. The float kernels follow
the exact build's rules (min-max, goalposts, ranks and the rest, each mean and its rule for
zeros), so that the nominal run ranks as the exact build does; scores closer than a billionth
of the largest score are taken as tied (see :func:`rank_scores`), so that rounding noise in
the last bits never orders two units.

A small generated example (illustrative numbers, not official data): four provinces, four
indicators in two dimensions, the fourth one where lower is better, scaled 1-10 as PCI is:

>>> from cchc.indices import Aggregation, Normalisation
>>> m = Model.build(
...     units=["AG", "BL", "CM", "DT"],
...     indicators=["i1", "i2", "i3", "i4"],
...     values=[[7, 3, 5, 2], [4, 6, 6, 1], [9, 2, 1, 4], [5, 5, 7, 3]],
...     structure=[{"i1": "D1", "i2": "D1", "i3": "D2", "i4": "D2"}],
...     directions={"i4": -1},
...     normalisation=Normalisation.min_max(1, 10),
... )
>>> m.nominal_ranks()
(3, 1, 4, 2)
>>> u = uncertainty(m, Variation(weights="0.5", aggregations=[Aggregation.geometric()]),
...                 runs=200, seed=1)
>>> for row in u.rows():
...     print(row)
{'unit': 'AG', 'nominal': 3, 'median': 3.0, 'p05': 1.0, 'p95': 3.0}
{'unit': 'BL', 'nominal': 1, 'median': 1.0, 'p05': 1.0, 'p95': 3.0}
{'unit': 'CM', 'nominal': 4, 'median': 4.0, 'p05': 4.0, 'p95': 4.0}
{'unit': 'DT', 'nominal': 2, 'median': 2.0, 'p05': 1.0, 'p95': 3.0}
>>> u.run(0).aggregation
'nominal'
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

from cchc._fields import fraction, of_type, one_of, sequence, text, texts, whole, wrong_type
from cchc.errors import CchcTypeError, NotFoundError, ValidationError
from cchc.indices import (
    Aggregation,
    Imputation,
    ImputationMethod,
    IndexResult,
    IndexSpec,
    Indicator,
    Method,
    Node,
    NodeLevel,
    Normalisation,
    NormalisationMethod,
    ZeroRule,
)
from cchc.text import fold

__all__ = [
    # the model and what may vary
    "TIE_TOLERANCE",
    "Model",
    "Variation",
    # kernels over arrays
    "aggregate_array",
    "impute_array",
    "normalise_array",
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
BoolArray = npt.NDArray[np.bool_]

#: Scores within this fraction of the largest absolute score are ranked as tied.
TIE_TOLERANCE = 1e-9
#: Runs evaluated in one batch: the memory a batch takes does not grow with the runs asked for.
CHUNK = 2048
#: The most cells of results a call may ask for (runs × (units + weights)): about 400 MB.
CELL_LIMIT = 50_000_000

_METHODS_PC = {"pearson": "hệ số tương quan Pearson", "spearman": "hệ số tương quan hạng Spearman"}


def _not_numbers(values: object, field: str) -> CchcTypeError:
    return CchcTypeError(
        "must be an array of numbers", vi="phải là một bảng số", field=field, value=values
    )


def _as_float(
    values: object,
    field: str,
    *,
    copy: bool = False,
    ndim: tuple[int, ...] | None = None,
    infinite: bool = False,
) -> FloatArray:
    """``values`` as a float array (``nan`` where missing), or a CchcError naming ``field``:
    text, mappings, huge ints and other non-numbers are refused, and so is an infinite value
    (unless ``infinite``) or an array of dimensions other than ``ndim``."""
    if isinstance(values, str | bytes | bytearray | Mapping):
        raise _not_numbers(values, field)
    try:
        array = np.asarray(values)
        if array.dtype.kind == "O":
            if any(isinstance(v, str | bytes | bytearray) for v in array.flat):
                raise _not_numbers(values, field)
        elif array.dtype.kind not in "biuf":
            raise _not_numbers(values, field)
        array = np.array(array, dtype=np.float64) if copy else np.asarray(array, np.float64)
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        raise _not_numbers(values, field) from None
    if ndim is not None and array.ndim not in ndim:
        raise ValidationError(
            f"must have {' or '.join(str(n) for n in ndim)} dimensions, not {array.ndim}",
            vi=f"phải có {' hoặc '.join(str(n) for n in ndim)} chiều, không phải {array.ndim}",
            field=field,
            value=array.shape,
        )
    if not infinite and np.isinf(array).any():
        raise ValidationError(
            "holds an infinite value", vi="chứa giá trị vô hạn", field=field, value=values
        )
    return array


def _signs(directions: object, count: int, field: str = "directions") -> FloatArray:
    """One direction per column (1, or -1 where less is better) as floats; ``None``: all 1."""
    if directions is None:
        return np.ones(count)
    sign = _as_float(directions, field, ndim=(1,))
    if len(sign) != count or not np.isin(sign, (-1.0, 1.0)).all():
        raise ValidationError(
            f"must give 1 or -1 for each of the {count} columns",
            vi=f"phải cho 1 hoặc -1 cho mỗi cột trong {count} cột",
            field=field,
            value=directions,
        )
    return sign


def _mapping(value: object, field: str) -> dict[str, str]:
    """A mapping of texts to texts (units to their groups); ``None``: empty."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise wrong_type(dict, value, field)
    return {text(k, field): text(v, f"{field}[{k!r}]") for k, v in value.items()}


def _labels(value: object, count: int, field: str) -> list[str]:
    """``count`` texts, one per row (``groups``)."""
    labels = list(texts(value, field))
    if len(labels) != count:
        raise ValidationError(
            f"must give one entry for each of the {count} units, not {len(labels)}",
            vi=f"phải có đúng một mục cho mỗi đơn vị trong {count} đơn vị",
            field=field,
            value=value,
        )
    return labels


# ---------------------------------------------------------------------------------------------
# kernels: the exact build's rules, in floats, over whole arrays


def _column_min(x: FloatArray, present: BoolArray) -> FloatArray:
    return cast(FloatArray, np.min(np.where(present, x, np.inf), axis=0))


def _column_max(x: FloatArray, present: BoolArray) -> FloatArray:
    return cast(FloatArray, np.max(np.where(present, x, -np.inf), axis=0))


def normalise_array(
    values: object,
    normalisation: Normalisation,
    directions: Sequence[int] | None = None,
    *,
    window: object = None,
) -> FloatArray:
    """Columns of ``values`` (units × indicators, ``nan`` where missing) normalised across
    the units by the rule of :func:`cchc.indices.normalise` (read there what each method
    does), in floats. ``directions[j]`` is -1 where less is better; ``window`` holds the rows
    (units of earlier years) a windowed min-max takes its minimum and maximum over as well.

    >>> from cchc.indices import Normalisation
    >>> normalise_array([[1, 10], [3, 30], [5, 20]], Normalisation.min_max(1, 10),
    ...                 directions=[1, -1]).tolist()
    [[1.0, 10.0], [5.5, 1.0], [10.0, 5.5]]
    >>> normalise_array([[1], [5], [3]], Normalisation.rank()).tolist()
    [[1.0], [3.0], [2.0]]
    """
    x = _as_float(values, "values")
    if x.ndim != 2:
        raise ValidationError(
            "must be a table of units × indicators",
            vi="phải là bảng đơn vị × chỉ tiêu",
            field="values",
            value=x.shape,
        )
    of_type(normalisation, Normalisation, "normalisation")
    n_ind = x.shape[1]
    sign = _signs(directions, n_ind)
    low, high = float(normalisation.low), float(normalisation.high)
    span = high - low
    method = normalisation.method
    present = ~np.isnan(x)
    live = present.any(axis=0)
    if method is NormalisationMethod.NONE or not live.any():
        return x
    if method is NormalisationMethod.DISTANCE_TO_BEST:
        bad = (present & (x < 0)) | (present & (sign < 0) & (x == 0))
        if bad.any():
            where = np.argwhere(bad)[0]
            raise ValidationError(
                "distance to the best needs positive values",
                vi="chuẩn hoá theo khoảng cách tới đơn vị tốt nhất cần giá trị dương",
                field=f"values[{where[0]}][{where[1]}]",
                value=float(x[tuple(where)]),
            )
        with np.errstate(all="ignore"):
            best = np.where(sign > 0, _column_max(x, present), _column_min(x, present))
            share = np.where(sign > 0, x / best, best / x)
            out = np.where(best == 0, high, low + span * share)
        return cast(FloatArray, np.where(present, out, np.nan))
    s = x * sign
    with np.errstate(all="ignore"):
        if method in (NormalisationMethod.MIN_MAX, NormalisationMethod.WINDOW_MIN_MAX):
            pool = s
            if method is NormalisationMethod.WINDOW_MIN_MAX and window is not None:
                extra = _as_float(window, "window")
                if extra.size and (n_ind == 0 or extra.size % n_ind):
                    raise ValidationError(
                        f"must hold rows of {n_ind} values, one per indicator",
                        vi=f"phải gồm các hàng {n_ind} giá trị, mỗi chỉ tiêu một giá trị",
                        field="window",
                        value=extra.shape,
                    )
                if extra.size:
                    pool = np.vstack([s, extra.reshape(-1, n_ind) * sign])
            known = ~np.isnan(pool)
            lo, hi = _column_min(pool, known), _column_max(pool, known)
            out = np.where(hi == lo, high, low + span * (s - lo) / (hi - lo))
        elif method is NormalisationMethod.GOALPOSTS:
            lower = float(cast(Fraction, normalisation.lower))
            upper = float(cast(Fraction, normalisation.upper))
            lo = np.where(sign < 0, -upper, lower)
            hi = np.where(sign < 0, -lower, upper)
            out = low + span * np.clip((s - lo) / (hi - lo), 0.0, 1.0)
        elif method is NormalisationMethod.DISTANCE_TO_TARGET:
            target = sign * float(cast(Fraction, normalisation.target))
            lo = _column_min(s, present)
            share = np.where(target <= lo, 1.0, np.clip((s - lo) / (target - lo), 0.0, 1.0))
            out = low + span * share
        elif method in (NormalisationMethod.RANK, NormalisationMethod.PERCENTILE):
            # competition rank from the bottom: 1 + how many present values are below
            filled = np.where(present, s, np.inf)
            ordered = np.sort(filled, axis=0)
            below = np.empty_like(s)
            for j in range(n_ind):
                below[:, j] = np.searchsorted(ordered[:, j], s[:, j], "left")
            rank = 1.0 + below
            if method is NormalisationMethod.RANK:
                out = rank
            else:
                n = present.sum(axis=0)
                out = np.where(n == 1, high, low + span * (rank - 1) / (n - 1))
        else:  # Z_SCORE
            n = present.sum(axis=0)
            zeroed = np.where(present, s, 0.0)
            mean = zeroed.sum(axis=0) / np.maximum(n, 1)
            squares = np.where(present, (s - mean) ** 2, 0.0).sum(axis=0)
            sd = np.where(n > 1, np.sqrt(squares / np.maximum(n - 1, 1)), 0.0)
            out = np.where(sd == 0, 0.0, (s - mean) / sd)
    return cast(FloatArray, np.where(present, out, np.nan))


def impute_array(
    values: object,
    imputation: Imputation,
    *,
    included: object = None,
    groups: Sequence[str] | None = None,
    years: Sequence[int] | None = None,
) -> FloatArray:
    """``values`` (units × indicators × years, ``nan`` where missing) with the missing cells
    of the included unit-years filled by the rule of :class:`cchc.indices.Imputation`, in
    floats: the mean or median of the unit's group in the same year, the unit's latest earlier
    year, or the straight line between its nearest years before and after. ``included``
    (units × years) says which units count in a year (all by default); ``groups`` gives each
    unit's group (one group by default); ``years`` the years, for the straight line.

    >>> from cchc.indices import Imputation
    >>> x = np.array([[[1.0], [np.nan]], [[3.0], [4.0]], [[np.nan], [8.0]]])
    >>> impute_array(x, Imputation("trung bình nhóm"))[:, :, 0].tolist()
    [[1.0, 6.0], [3.0, 4.0], [2.0, 8.0]]
    """
    x = _as_float(values, "values")
    if x.ndim != 3:
        raise ValidationError(
            "must be an array of units × indicators × years",
            vi="phải là mảng đơn vị × chỉ tiêu × năm",
            field="values",
            value=x.shape,
        )
    of_type(imputation, Imputation, "imputation")
    n_units, _, n_years = x.shape
    keep = np.ones((n_units, n_years), dtype=bool)
    if included is not None:
        if isinstance(included, str | bytes | bytearray | Mapping):
            raise wrong_type(list, included, "included")
        try:
            keep = np.asarray(included)
        except (TypeError, ValueError, OverflowError):
            raise wrong_type(list, included, "included") from None
        if keep.dtype.kind != "b" or keep.shape != (n_units, n_years):
            raise ValidationError(
                f"must be a table of True/False of the shape {(n_units, n_years)} (units × years)",
                vi=f"phải là bảng đúng/sai kích thước {(n_units, n_years)} (đơn vị × năm)",
                field="included",
                value=included,
            )
    labels = [""] * n_units if groups is None else _labels(groups, n_units, "groups")
    t = np.arange(n_years, dtype=np.float64)
    if years is not None:
        t = _as_float(years, "years", ndim=(1,))
        if len(t) != n_years or np.isnan(t).any():
            raise ValidationError(
                f"must give each of the {n_years} years",
                vi=f"phải cho đủ {n_years} năm",
                field="years",
                value=years,
            )
    method = imputation.method
    gaps = np.isnan(x) & keep[:, None, :]
    if method is ImputationMethod.NONE or not gaps.any():
        return x
    out = x.copy()
    if method in (ImputationMethod.GROUP_MEAN, ImputationMethod.GROUP_MEDIAN):
        pick = np.nanmean if method is ImputationMethod.GROUP_MEAN else np.nanmedian
        for label in dict.fromkeys(labels):
            rows = np.array([g == label for g in labels])
            for y in range(n_years):
                members = rows & keep[:, y]
                block = x[members, :, y]
                if not block.size:
                    continue
                has = ~np.isnan(block).all(axis=0)
                if not has.any():
                    continue
                fill = np.full(block.shape[1], np.nan)
                with np.errstate(all="ignore"):
                    fill[has] = pick(block[:, has], axis=0)
                target = gaps[:, :, y] & members[:, None]
                out[:, :, y] = np.where(target, fill[None, :], out[:, :, y])
        return out
    index = np.arange(n_years)
    known = ~np.isnan(x)
    before = np.maximum.accumulate(np.where(known, index, -1), axis=2)
    if method is ImputationMethod.LATEST_YEAR:
        take = gaps & (before >= 0)
        latest = np.take_along_axis(x, np.maximum(before, 0), axis=2)
        out[take] = latest[take]
        return out
    after = np.minimum.accumulate(np.where(known, index, n_years)[:, :, ::-1], axis=2)[:, :, ::-1]
    take = gaps & (before >= 0) & (after < n_years)
    a, b = np.maximum(before, 0), np.minimum(after, n_years - 1)
    va, vb = np.take_along_axis(x, a, axis=2), np.take_along_axis(x, b, axis=2)
    ta, tb = t[a], t[b]
    with np.errstate(all="ignore"):
        line = va + (vb - va) * (t[None, None, :] - ta) / (tb - ta)
    out[take] = line[take]
    return out


def _needs_positive(aggregation: Aggregation) -> bool:
    return aggregation.method in (Method.GEOMETRIC, Method.HARMONIC) or (
        aggregation.method is Method.GENERALISED and cast(Fraction, aggregation.p) < 0
    )


def _describe(aggregation: Aggregation) -> str:
    name = aggregation.method.name.lower()
    if aggregation.method is Method.GENERALISED:
        name += f" (p = {aggregation.p})"
    if aggregation.method is not Method.ARITHMETIC and aggregation.method is not Method.GENERALISED:
        name += f", zeros: {aggregation.zeros.name.lower()}"
        if aggregation.zeros is ZeroRule.SHIFT:
            name += f" {aggregation.shift}"
    return name


def aggregate_array(
    values: object,
    weights: object,
    aggregation: Aggregation,
    parents: Sequence[int] | None = None,
    *,
    what: Callable[[int, int], str] | None = None,
) -> FloatArray:
    """Combine the children (last axis of ``values``: ``(..., units, children)``, ``nan``
    where missing) into their parents by the weighted mean of ``aggregation``, by the rules of
    :func:`cchc.indices.aggregate` (its rule for zeros included), in floats.

    ``weights`` holds one weight per child, or one row per run (``(runs, children)``, with
    ``values`` then ``(units, children)`` or ``(runs, units, children)``); ``parents[c]`` is
    the index of child ``c``'s parent (one parent when None). Weights are re-scaled within each
    parent over the children present for the unit; a parent with no child present is ``nan``.
    The result is ``(..., units, parents)``. ``what(unit, child)`` names a cell in an error.

    >>> from cchc.indices import Aggregation
    >>> aggregate_array([[1, 4, 2]], [1, 1, 2], Aggregation(), parents=[0, 0, 1]).tolist()
    [[2.5, 2.0]]
    >>> aggregate_array([[1, 4]], [1, 1], Aggregation.geometric()).tolist()
    [[2.0]]
    >>> aggregate_array([[0, 4]], [1, 1], Aggregation.geometric())
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: aggregation = 'geometric, zeros: refuse': unit 0, child 0 is \
0, and a geometric mean refuses scores of zero or below: ...
    """
    x = _as_float(values, "values")
    w = _as_float(weights, "weights", ndim=(1, 2))
    of_type(aggregation, Aggregation, "aggregation")
    if what is not None and not callable(what):
        raise CchcTypeError(
            f"must be a function of (unit, child), not {type(what).__name__}",
            vi="phải là một hàm của (đơn vị, thành phần)",
            field="what",
            value=what,
        )
    if x.ndim < 2 or x.shape[-1] != w.shape[-1] or (w.ndim == 2 and x.ndim > 3):
        raise ValidationError(
            "must be (..., units, children), with one weight per child (or a row of them per run)",
            vi="phải có dạng (..., đơn vị, thành phần), mỗi thành phần một trọng số",
            field="values",
            value=(x.shape, w.shape),
        )
    if w.ndim == 2 and x.ndim == 3 and x.shape[0] != w.shape[0]:
        raise ValidationError(
            f"must have a row of weights for each of the {x.shape[0]} runs",
            vi=f"phải có một hàng trọng số cho mỗi lần chạy trong {x.shape[0]} lần",
            field="weights",
            value=w.shape,
        )
    n_children = x.shape[-1]
    parent_index = np.zeros(n_children, dtype=np.int64)
    if parents is not None:
        given = _as_float(parents, "parents", ndim=(1,))
        if (
            len(given) != n_children
            or not ((given >= 0) & (given < max(n_children, 1)) & (given == np.round(given))).all()
        ):
            raise ValidationError(
                f"must give each of the {n_children} children the number of its parent, "
                f"from 0 to {n_children - 1}",
                vi=f"phải cho mỗi thành phần trong {n_children} thành phần số thứ tự của nhóm cha",
                field="parents",
                value=parents,
            )
        parent_index = given.astype(np.int64)
    n_parents = int(parent_index.max()) + 1 if n_children else 0
    onehot = np.zeros((n_children, n_parents))
    onehot[np.arange(n_children), parent_index] = 1.0
    name = what or (lambda unit, child: f"unit {unit}, child {child}")
    if (w < 0).any() or np.isnan(w).any():
        raise ValidationError(
            "weights must be numbers of 0 or more",
            vi="trọng số phải là số không âm",
            field="weights",
            value=w.tolist() if w.size < 50 else w.shape,
        )
    present = ~np.isnan(x)
    filled = np.where(present, x, 1.0)
    method = aggregation.method
    zeroed = None
    shift: Any = 0.0

    def refuse(mask: BoolArray, why: str, why_vi: str) -> ValidationError:
        where = np.argwhere(mask)[0]
        cell = name(int(where[-2]), int(where[-1]))
        return ValidationError(
            f"{cell} is {float(x[tuple(where)]):.6g}, and {why}",
            vi=f"{cell} bằng {float(x[tuple(where)]):.6g}, mà {why_vi}",
            field="aggregation",
            value=_describe(aggregation),
        )

    if method is Method.GENERALISED and (present & (filled < 0)).any():
        raise refuse(
            present & (filled < 0),
            "a generalised mean refuses negative scores: choose a normalisation with a "
            "positive range (min-max or goalposts to 1-10, say)",
            "trung bình tổng quát không nhận điểm âm: hãy chuẩn hoá về khoảng dương",
        )
    if _needs_positive(aggregation):
        low = present & (filled <= 0)
        if low.any():
            if aggregation.zeros is ZeroRule.REFUSE:
                raise refuse(
                    low,
                    f"a {method.name.lower()} mean refuses scores of zero or below: give it a "
                    "rule for zeros, or choose a normalisation with a range above 0 (min-max "
                    "or goalposts to 1-10, say)",
                    f"trung bình {method.value} không nhận điểm bằng 0 hoặc âm: cần quy tắc "
                    "xử lý điểm 0, hoặc chuẩn hoá về khoảng lớn hơn 0",
                )
            if aggregation.zeros is ZeroRule.ZERO:
                zeroed = low
                filled = np.where(low, 1.0, filled)
            else:
                # as the exact build: a node's children are shifted where one of them is low
                moved = np.matmul(low.astype(np.float64), onehot) > 0
                shift = np.where(moved, float(aggregation.shift), 0.0)
                by_child = shift[..., parent_index]
                if (present & (filled + by_child <= 0)).any():
                    raise refuse(
                        present & (filled + by_child <= 0),
                        f"is still zero or below after the shift of {aggregation.shift}",
                        f"vẫn bằng 0 hoặc âm sau khi dịch {aggregation.shift}",
                    )
                filled = filled + by_child
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if method is Method.ARITHMETIC:
            terms = filled
        elif method is Method.GEOMETRIC:
            terms = np.log(filled)
        elif method is Method.HARMONIC:
            terms = 1.0 / filled
        else:
            terms = filled ** float(cast(Fraction, aggregation.p))
        terms = np.where(present, terms, 0.0)
        mask = present.astype(np.float64)
        num, den = _weighted_sums(terms, mask, w, parent_index, n_parents)
        mean = num / den
        if method is Method.GEOMETRIC:
            out = np.exp(mean)
        elif method is Method.HARMONIC:
            out = 1.0 / mean
        elif method is Method.GENERALISED:
            out = mean ** (1.0 / float(cast(Fraction, aggregation.p)))
        else:
            out = mean
        out = out - shift
        if zeroed is not None:
            hit = np.matmul(zeroed.astype(np.float64), onehot) > 0
            out = np.where(hit, 0.0, out)
    return cast(FloatArray, np.where(den > 0, out, np.nan))


def _weighted_sums(
    terms: FloatArray, mask: FloatArray, w: FloatArray, parents: IntArray, n_parents: int
) -> tuple[FloatArray, FloatArray]:
    """Σ w·term and Σ w over each parent's present children, parent by parent (each a small
    matrix product over its own children, never a dense children × parents one), for one
    weight vector or a row of weights per run: ``(..., units, parents)``."""
    shape = np.broadcast_shapes(terms.shape[:-1], (w.shape[0], 1) if w.ndim == 2 else ())
    num = np.empty((*shape, n_parents))
    den = np.empty((*shape, n_parents))
    for p in range(n_parents):
        kids = np.flatnonzero(parents == p)
        t, m = terms[..., kids], mask[..., kids]
        if w.ndim == 1:
            num[..., p], den[..., p] = t @ w[kids], m @ w[kids]
        elif t.ndim == 2:  # data shared by the runs: (units, kids) @ (kids, runs)
            wk = w[:, kids].T
            num[..., p], den[..., p] = (t @ wk).T, (m @ wk).T
        else:  # data per run: (runs, units, kids) with (runs, kids)
            wk = w[:, kids]
            num[..., p] = np.einsum("ruk,rk->ru", t, wk)
            den[..., p] = np.einsum("ruk,rk->ru", m, wk)
    return num, den


def rank_scores(scores: object, tolerance: float = TIE_TOLERANCE) -> IntArray:
    """Competition ranks (1 best, equal scores share a rank, the next rank skips: 1, 2, 2, 4)
    of the scores along the last axis, higher first, as :func:`cchc.indices.competition_ranks`
    gives them for exact scores. Scores less than ``tolerance`` times the largest absolute
    score apart (chained, in order) count as equal, so float noise never splits a tie. A
    missing score (``nan``) ranks last. Floats in, whole numbers out.

    >>> rank_scores([0.3, 0.1 + 0.2, 0.5, 0.1]).tolist()
    [2, 2, 1, 4]
    >>> rank_scores([[1, 2], [2, 1]]).tolist()
    [[2, 1], [1, 2]]
    """
    s = _as_float(scores, "scores", infinite=True)
    if s.ndim == 0:
        raise ValidationError(
            "must be a list of scores, not a single number",
            vi="phải là danh sách điểm, không phải một số",
            field="scores",
            value=scores,
        )
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float):
        raise wrong_type(float, tolerance, "tolerance")
    if not 0 <= tolerance < 1:  # a huge int compares without being turned into a float
        raise ValidationError(
            "must be a share from 0 up to (not including) 1",
            vi="phải là tỷ lệ từ 0 đến dưới 1",
            field="tolerance",
            value=tolerance,
        )
    filled = np.where(np.isnan(s), -np.inf, s)
    order = np.argsort(-filled, axis=-1, kind="stable")
    ordered = np.take_along_axis(filled, order, axis=-1)
    finite = np.where(np.isfinite(filled), np.abs(filled), 0.0)
    scale = np.max(finite, axis=-1, keepdims=True) if s.shape[-1] else np.zeros((*s.shape[:-1], 1))
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


def _unit_count_error(unit: str) -> ValidationError:
    return ValidationError(
        f"unit {unit} has no data to build its index from: screen it out first",
        vi=f"đơn vị {unit} không có số liệu để tính chỉ số: hãy loại đơn vị này khi sàng lọc",
        field="units",
        value=unit,
    )


@attrs.frozen(eq=False, repr=False)
class Model:
    """An index in one year as the analysis sees it: make one with :meth:`from_result`,
    :meth:`of` or :meth:`build`.

    ``units`` are the units analysed (those the screening kept that year); ``raw`` holds the
    data of every unit of the panel (units × indicators × years, floats, ``nan`` where missing,
    read-only) with ``included`` (units × years) saying which units count in each year, and
    ``rows`` which of them are ``units``. The tree is ``nodes`` (codes, every node after its
    children, the index last), each with its ``children`` (positions among the indicators,
    then among the nodes: indicator ``j`` is ``j``, node ``k`` is ``len(indicators) + k``),
    their nominal ``weights``, its ``aggregations`` and its ``scales``. ``normalisations``,
    ``imputations`` and ``directions`` are per indicator. ``nominal_data`` is the build's own
    normalised values (floats of its exact ones), used for the nominal choices.
    """

    spec: IndexSpec
    units: tuple[str, ...]
    years: tuple[int, ...]
    year: int
    raw: FloatArray
    included: BoolArray
    rows: IntArray
    groups: tuple[str, ...]
    directions: tuple[int, ...]
    normalisations: tuple[Normalisation, ...]
    imputations: tuple[Imputation, ...]
    nodes: tuple[str, ...]
    children: tuple[tuple[int, ...], ...]
    weights: tuple[tuple[float, ...], ...]
    aggregations: tuple[Aggregation, ...]
    scales: tuple[float, ...]
    nominal_data: FloatArray | None = None
    treated: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Model({self.spec.code!r}, {self.year}, {len(self.units)} units, "
            f"{len(self.indicators)} indicators, {len(self.nodes)} nodes)"
        )

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators' codes, in the spec's order."""
        return self.spec.codes

    @property
    def values(self) -> FloatArray:
        """The analysed units' data in the analysed year (units × indicators)."""
        y = self.years.index(self.year)
        return self.raw[self.rows, :, y]

    # --- making one ----------------------------------------------------------------------

    @classmethod
    def of(
        cls,
        spec: IndexSpec,
        units: Iterable[str],
        values: object,
        *,
        years: Sequence[int] | None = None,
        year: int | None = None,
        weights: Mapping[str, object] | None = None,
        groups: Mapping[str, str] | None = None,
    ) -> Model:
        """The model of ``spec`` on float data: ``values`` is units × indicators (in the
        spec's order), or units × indicators × ``years`` with ``year`` the one analysed (the
        last by default; earlier years serve the windowed min-max and the imputations that
        look across years). No screening is done (use :meth:`from_result` for a screened
        build); ``weights`` gives unknown node weights as :func:`cchc.indices.build` reads
        them; ``groups`` maps units to the groups whose mean or median imputes their gaps.
        """
        of_type(spec, IndexSpec, "spec")
        used = spec.with_weights(weights) if weights else spec
        if not used.weights_known:
            unknown = [n.code for n in used.nodes if not n.weights_known]
            raise ValidationError(
                f"the weights of {', '.join(unknown)} are not known; give them with "
                "weights={node: [...]}",
                vi=f"chưa biết trọng số của {', '.join(unknown)}; cần cung cấp trọng số",
                field="weights",
                value=unknown,
            )
        unit_codes = texts(units, "units")
        x = _as_float(values, "values", copy=True, ndim=(2, 3))
        if x.ndim == 2:
            x = x[:, :, None]
        all_years = (
            tuple(whole(y, f"years[{i}]") for i, y in enumerate(sequence(years, "years")))
            if years is not None
            else tuple(range(x.shape[2]))
        )
        if len(set(all_years)) != len(all_years):
            raise ValidationError(
                "names a year twice", vi="có năm bị lặp lại", field="years", value=years
            )
        shape = (len(unit_codes), len(used.indicators), len(all_years))
        if x.shape != shape:
            raise ValidationError(
                f"must have the shape {shape} (units × indicators × years)",
                vi=f"phải có kích thước {shape} (đơn vị × chỉ tiêu × năm)",
                field="values",
                value=x.shape,
            )
        analysed = all_years[-1] if year is None and all_years else year
        if analysed not in all_years:
            raise NotFoundError(
                "is not one of the years", vi="không có năm này", field="year", value=year
            )
        included = np.ones((len(unit_codes), len(all_years)), dtype=bool)
        return cls._make(
            used, unit_codes, all_years, analysed, x, included, _mapping(groups, "groups")
        )

    @classmethod
    def from_result(cls, result: IndexResult, year: int | None = None) -> Model:
        """The model of a built index in ``year`` (the last by default): its spec and weights,
        the units its screening kept that year, and its own normalised values for the nominal
        choices, so that the nominal ranking is the build's. Groups of the build's group
        imputation are carried over.
        """
        of_type(result, IndexResult, "result")
        analysed = result.years[-1] if year is None else year
        (y,) = result.panel.position(year=analysed)
        spec = result.spec
        groups = dict(result.step("data").settings.get("groups", {}))
        raw = result.panel.restricted(list(spec.codes)).to_float()
        included = np.ones((len(result.units), len(result.years)), dtype=bool)
        for exclusion in result.exclusions:
            u, z = result.panel.position(unit=exclusion.unit, year=exclusion.year)
            included[u, z] = False
        nominal = np.array(
            [
                [math.nan if v is None else float(v) for v in row]
                for row in result.normalised[:, :, y]
            ]
        )
        treated = tuple(sorted({t.indicator for t in result.treated if t.year <= analysed}))
        model = cls._make(spec, result.units, result.years, analysed, raw, included, groups)
        rows = model.rows
        return attrs.evolve(model, nominal_data=nominal[rows], treated=treated)

    @classmethod
    def _make(
        cls,
        spec: IndexSpec,
        units: tuple[str, ...],
        years: tuple[int, ...],
        year: int,
        raw: FloatArray,
        included: BoolArray,
        groups: Mapping[str, str],
    ) -> Model:
        y = years.index(year)
        rows = np.flatnonzero(included[:, y]).astype(np.int64)
        codes = spec.codes
        position = {fold(c): j for j, c in enumerate(codes)}
        nodes = spec.nodes_bottom_up()
        for k, node in enumerate(nodes):
            position[fold(node.code)] = len(codes) + k
        raw.setflags(write=False)
        included.setflags(write=False)
        rows.setflags(write=False)
        return cls(
            spec,
            tuple(units[r] for r in rows),
            years,
            year,
            raw,
            included,
            rows,
            tuple(groups.get(u, "") for u in units),
            tuple(i.direction.sign for i in spec.indicators),
            tuple(spec.normalisation_of(c) for c in codes),
            tuple(spec.imputation_of(c) for c in codes),
            tuple(n.code for n in nodes),
            tuple(tuple(position[fold(c)] for c in n.children) for n in nodes),
            tuple(tuple(float(cast(Fraction, w)) for w in n.weights) for n in nodes),
            tuple(n.aggregation for n in nodes),
            tuple(float(n.scale) for n in nodes),
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
        aggregation: Aggregation | None = None,
        imputation: Imputation | None = None,
    ) -> Model:
        """A model from plain data, for a quick analysis: ``values`` is one row per unit, one
        column per indicator (numbers, or None where missing). ``structure`` maps, level by
        level, each child to its parent (indicator → dimension, dimension → pillar); the last
        level's nodes make the index. ``weights`` maps an indicator or node to its weight (1
        when not given); ``directions`` maps an indicator to -1 where less is better. The
        normalisation (min-max to 0-100 by default), aggregation (arithmetic) and imputation
        (none) apply to every indicator and node; for anything finer, write an
        :class:`~cchc.indices.IndexSpec` and use :meth:`of`.

        >>> Model.build(["a", "b"], ["x"], [[1], [2]], weights={"y": 2})
        Traceback (most recent call last):
        ...
        cchc.errors.NotFoundError: weights = 'y': is neither an indicator nor a node
        """
        codes = texts(indicators, "indicators")
        levels = sequence(structure, "structure")
        if len(levels) > 2:
            raise ValidationError(
                "has more than two levels below the index; write an IndexSpec instead",
                vi="có quá hai cấp dưới chỉ số; hãy khai báo bằng IndexSpec",
                field="structure",
                value=len(levels),
            )
        depth = (
            [NodeLevel.DIMENSION]
            if len(levels) == 1
            else [NodeLevel.SUB_DIMENSION, NodeLevel.DIMENSION]
        )
        given: dict[str, object] = {}
        if weights is not None:
            given = dict(of_type(weights, Mapping, "weights"))
        signs: dict[str, object] = {}
        if directions is not None:
            signs = dict(of_type(directions, Mapping, "directions"))
        for name in signs:
            if name not in codes:
                raise NotFoundError(
                    "is not an indicator",
                    vi="không phải là chỉ tiêu",
                    field="directions",
                    value=name,
                )
        agg = Aggregation() if aggregation is None else aggregation
        of_type(agg, Aggregation, "aggregation")
        nodes: list[Node] = []
        children = list(codes)
        for k, mapping in enumerate(levels):
            if not isinstance(mapping, Mapping):
                raise CchcTypeError(
                    "must map each child to its parent",
                    vi="phải ghép mỗi thành phần với nhóm cha của nó",
                    field=f"structure[{k}]",
                    value=mapping,
                )
            parent_of = {
                text(c, f"structure[{k}]"): text(p, f"structure[{k}][{c!r}]")
                for c, p in mapping.items()
            }
            missing = [c for c in children if c not in parent_of]
            unknown = [c for c in parent_of if c not in children]
            if missing or unknown:
                raise ValidationError(
                    f"gives no parent for {', '.join(missing)}"
                    if missing
                    else f"names {', '.join(unknown)}, which is not a child of this level",
                    vi="mỗi thành phần phải có đúng một nhóm cha",
                    field=f"structure[{k}]",
                    value=tuple(missing or unknown),
                )
            parents = list(dict.fromkeys(parent_of[c] for c in children))
            for p in parents:
                kids = [c for c in children if parent_of[c] == p]
                nodes.append(Node(p, p, p, depth[k], kids, [given.get(c, 1) for c in kids], agg))
            children = parents
        nodes.append(
            Node(
                "index",
                "Chỉ số",
                "Index",
                NodeLevel.INDEX,
                children,
                [given.get(c, 1) for c in children],
                agg,
            )
        )
        known = set(codes) | {n.code for n in nodes}
        for name in given:
            if name not in known:
                raise NotFoundError(
                    "is neither an indicator nor a node",
                    vi="không phải là chỉ tiêu hay nhóm nào trong bộ chỉ số",
                    field="weights",
                    value=name,
                )
        spec = IndexSpec(
            "model",
            "Mô hình phân tích",
            "Analysis model",
            indicators=[Indicator(c, c, direction=signs.get(c, 1)) for c in codes],
            nodes=nodes,
            normalisation=Normalisation() if normalisation is None else normalisation,
            imputation=Imputation() if imputation is None else imputation,
        )
        rows = [
            [math.nan if v is None else v for v in sequence(row, f"values[{i}]")]
            for i, row in enumerate(sequence(values, "values"))
        ]
        return cls.of(spec, units, rows)

    # --- the nominal index ----------------------------------------------------------------

    def node_scores(self) -> dict[str, FloatArray]:
        """Every node's nominal score, by node code (units; floats)."""
        plan = _Plan(self, _Options.nominal(self))
        return {k: v[0] for k, v in plan.evaluate(0, 0, 0, self._nominal_weights()).items()}

    def scores(self) -> FloatArray:
        """The nominal index score of every unit (floats)."""
        return self.node_scores()[self.nodes[-1]]

    def nominal_ranks(self) -> tuple[int, ...]:
        """Each unit's rank under the nominal choices (1 best, ties share a rank)."""
        return tuple(int(r) for r in rank_scores(self.scores()))

    def _nominal_weights(self) -> FloatArray:
        return np.asarray([[w for ws in self.weights for w in ws]], dtype=np.float64)


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


def _optional_fraction(value: object) -> Fraction | None:
    return None if value is None else fraction(value, "variation.concentration")


def _alternatives(value: object, kind: type, field: str) -> tuple[Any, ...]:
    out: list[Any] = []
    for i, item in enumerate(sequence(value, field)):
        if isinstance(item, tuple) and all(
            isinstance(pair, tuple) and len(pair) == 2 for pair in item
        ):
            item = dict(item)  # the stored form of a mapping, given back (``attrs.evolve``)
        if isinstance(item, Mapping):
            checked: dict[str, Any] = {}
            for code, setting in item.items():
                checked[text(code, f"{field}[{i}]")] = of_type(
                    setting, kind, f"{field}[{i}][{code!r}]"
                )
            out.append(tuple(sorted(checked.items())))
        else:
            out.append(of_type(item, kind, f"{field}[{i}]"))
    return tuple(out)


def _normalisation_options(value: object) -> tuple[Any, ...]:
    return _alternatives(value, Normalisation, "variation.normalisations")


def _aggregation_options(value: object) -> tuple[Any, ...]:
    return _alternatives(value, Aggregation, "variation.aggregations")


def _imputation_options(value: object) -> tuple[Any, ...]:
    return _alternatives(value, Imputation, "variation.imputations")


@attrs.frozen
class Variation:
    """What a Monte Carlo run may change.

    ``weights`` is the share each weight may move either way (``"0.25"``: each weight is
    multiplied by a factor drawn uniformly from 0.75 to 1.25); or, with ``concentration``
    given instead, the weights of each node's children are drawn from a Dirichlet distribution
    with parameters ``concentration`` × their nominal shares (the larger, the closer to the
    nominal), then scaled back to the node's nominal total.

    ``normalisations``, ``imputations`` and ``aggregations`` are alternatives, each drawn with
    the same chance as the nominal settings (always one of the options). An alternative is one
    setting for every indicator (or every node), or a mapping of codes to settings that
    replaces those alone. An empty variation changes nothing: every run is the nominal one.

    >>> from cchc.indices import Normalisation
    >>> Variation(weights="0.2", normalisations=[Normalisation.rank()])
    Variation(weights=Fraction(1, 5), concentration=None, \
normalisations=(Normalisation(method=NormalisationMethod.RANK),), aggregations=(), imputations=())
    >>> Variation(weights="0.2", concentration=50)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: variation.concentration = Fraction(50, 1): give either a \
spread of the weights or a Dirichlet concentration, not both
    """

    weights: Fraction = attrs.field(default=Fraction(0), converter=_spread)
    concentration: Fraction | None = attrs.field(default=None, converter=_optional_fraction)
    normalisations: tuple[Any, ...] = attrs.field(default=(), converter=_normalisation_options)
    aggregations: tuple[Any, ...] = attrs.field(default=(), converter=_aggregation_options)
    imputations: tuple[Any, ...] = attrs.field(default=(), converter=_imputation_options)

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

    @property
    def varies_weights(self) -> bool:
        """Whether the weights move."""
        return bool(self.weights) or self.concentration is not None


def _resolve(
    alternative: Any, nominal: tuple[Any, ...], codes: tuple[str, ...], field: str
) -> tuple[Any, ...]:
    if not isinstance(alternative, tuple):
        return (alternative,) * len(nominal)
    keys = {fold(c): i for i, c in enumerate(codes)}
    out = list(nominal)
    for code, setting in alternative:
        if fold(code) not in keys:
            raise NotFoundError(
                "is not a code of the index",
                vi="không phải là mã nào của bộ chỉ số",
                field=field,
                value=code,
            )
        out[keys[fold(code)]] = setting
    return tuple(out)


def _label(alternative: Any) -> str:
    if isinstance(alternative, tuple):
        return "{" + ", ".join(f"{c}: {s!r}" for c, s in alternative) + "}"
    return repr(alternative)


@attrs.frozen
class _Options:
    """The discrete options of a variation for one model, the nominal first: per indicator
    (imputations, normalisations) or per node (aggregations), each with its label."""

    imputations: tuple[tuple[Imputation, ...], ...]
    normalisations: tuple[tuple[Normalisation, ...], ...]
    aggregations: tuple[tuple[Aggregation, ...], ...]
    labels: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]

    @classmethod
    def nominal(cls, model: Model) -> _Options:
        return cls(
            (model.imputations,),
            (model.normalisations,),
            (model.aggregations,),
            (("nominal",), ("nominal",), ("nominal",)),
        )

    @classmethod
    def of(cls, model: Model, variation: Variation) -> _Options:
        codes = model.indicators
        found: list[dict[tuple[Any, ...], str]] = []
        for nominal, alternatives, names, field in (
            (model.imputations, variation.imputations, codes, "variation.imputations"),
            (model.normalisations, variation.normalisations, codes, "variation.normalisations"),
            (model.aggregations, variation.aggregations, model.nodes, "variation.aggregations"),
        ):
            options: dict[tuple[Any, ...], str] = {nominal: "nominal"}
            for alternative in alternatives:
                options.setdefault(
                    _resolve(alternative, nominal, names, field), _label(alternative)
                )
            found.append(options)
        return cls(
            tuple(found[0]),
            tuple(found[1]),
            tuple(found[2]),
            (tuple(found[0].values()), tuple(found[1].values()), tuple(found[2].values())),
        )

    def sizes(self) -> tuple[int, int, int]:
        return len(self.imputations), len(self.normalisations), len(self.aggregations)


def _naming(
    exc: ValidationError, options: _Options, imp: int, norm: int, agg: int | None
) -> ValidationError:
    """``exc`` with the choice that cannot run named in front."""
    choice = f"imputation {options.labels[0][imp]}, normalisation {options.labels[1][norm]}"
    if agg is not None:
        choice += f", aggregation {options.labels[2][agg]}"
    return ValidationError(
        f"the choice ({choice}) cannot run: {exc.message}",
        vi=f"phương án ({choice}) không chạy được: {exc.vi or exc.message}",
        field=exc.field,
        value=exc.value,
        code="analysis.choice-cannot-run",
    )


class _Plan:
    """The evaluation of runs: prepared data cached per (imputation, normalisation); the
    nodes evaluated stage by stage (a stage: the nodes whose children are all done)."""

    def __init__(self, model: Model, options: _Options):
        self.model = model
        self.options = options
        self._data: dict[tuple[int, int], FloatArray] = {}
        n_ind = len(model.indicators)
        height = [0] * (n_ind + len(model.nodes))
        for k, kids in enumerate(model.children):
            height[n_ind + k] = 1 + max(height[c] for c in kids)
        self.stages = [
            [k for k in range(len(model.nodes)) if height[n_ind + k] == h]
            for h in range(1, max(height) + 1)
        ]
        self.offsets = np.cumsum([0, *(len(ws) for ws in model.weights)])

    def data(self, imp: int, norm: int) -> FloatArray:
        key = (imp, norm)
        if key in self._data:
            return self._data[key]
        m = self.model
        if key == (0, 0) and m.nominal_data is not None:
            self._data[key] = m.nominal_data
            return m.nominal_data
        if m.treated:
            raise _naming(
                ValidationError(
                    "the build treated outliers of "
                    f"{', '.join(m.treated)}, which the analysis does not redo; vary the "
                    "weights and aggregations only, or build without outlier treatment",
                    vi=f"bản tính đã xử lý giá trị ngoại lai của {', '.join(m.treated)} mà "
                    "phân tích không làm lại được; chỉ thay đổi trọng số và cách tổng hợp, "
                    "hoặc tính chỉ số không xử lý ngoại lai",
                    field="outliers",
                    value=m.treated,
                ),
                self.options,
                imp,
                norm,
                None,
            )
        try:
            self._data[key] = self._prepare(imp, norm)
        except ValidationError as exc:
            raise _naming(exc, self.options, imp, norm, None) from None
        return self._data[key]

    def _prepare(self, imp: int, norm: int) -> FloatArray:
        m = self.model
        x = m.raw.copy()
        imputations = self.options.imputations[imp]
        for imputation in dict.fromkeys(imputations):
            cols = [j for j, s in enumerate(imputations) if s == imputation]
            x[:, cols, :] = impute_array(
                m.raw[:, cols, :], imputation, included=m.included, groups=m.groups, years=m.years
            )
        y = m.years.index(m.year)
        here = x[m.rows, :, y]
        out = np.empty_like(here)
        normalisations = self.options.normalisations[norm]
        signs = list(m.directions)
        for setting in dict.fromkeys(normalisations):
            cols = [j for j, s in enumerate(normalisations) if s == setting]
            window = None
            if setting.method is NormalisationMethod.WINDOW_MIN_MAX:
                earlier = [z for z, t in enumerate(m.years) if m.year - setting.window < t < m.year]
                window = (
                    np.concatenate([x[m.included[:, z]][:, cols, z] for z in earlier])
                    if earlier
                    else None
                )
            out[:, cols] = normalise_array(
                here[:, cols], setting, [signs[j] for j in cols], window=window
            )
        return out

    def evaluate(self, imp: int, norm: int, agg: int, weights: FloatArray) -> dict[str, FloatArray]:
        """Every node's scores (runs × units) for runs with these edge weights (runs × edges)."""
        m = self.model
        data = self.data(imp, norm)
        n_ind = len(m.indicators)
        runs = weights.shape[0]
        aggregations = self.options.aggregations[agg]
        done: dict[int, FloatArray] = {}
        names = (*m.indicators, *m.nodes)
        for stage in self.stages:
            cols = [c for k in stage for c in m.children[k]]
            edges = np.concatenate([np.arange(self.offsets[k], self.offsets[k + 1]) for k in stage])
            parent = np.concatenate([np.full(len(m.children[k]), i) for i, k in enumerate(stage)])
            if all(c < n_ind for c in cols):
                inputs: FloatArray = data[:, cols]
            else:
                inputs = np.stack(
                    [
                        np.broadcast_to(data[:, c], (runs, data.shape[0]))
                        if c < n_ind
                        else done[c - n_ind]
                        for c in cols
                    ],
                    axis=-1,
                )
            for setting in dict.fromkeys(aggregations[k] for k in stage):
                members = [i for i, k in enumerate(stage) if aggregations[k] == setting]
                sel = np.flatnonzero(np.isin(parent, members))
                local = np.searchsorted(members, parent[sel])

                def what(unit: int, child: int, sel: IntArray = sel, cols: list[int] = cols) -> str:
                    return f"{names[cols[sel[child]]]} of unit {m.units[unit]}"

                try:
                    out = aggregate_array(
                        inputs[..., sel], weights[:, edges[sel]], setting, local.tolist(), what=what
                    )
                except ValidationError as exc:
                    raise _naming(exc, self.options, imp, norm, agg) from None
                for i, member in enumerate(members):
                    k = stage[member]
                    done[k] = np.broadcast_to(out[..., i], (runs, data.shape[0])) * m.scales[k]
        root = done[len(m.nodes) - 1]
        gaps = np.isnan(root[0])
        if gaps.any():
            raise _unit_count_error(m.units[int(np.flatnonzero(gaps)[0])])
        return {m.nodes[k]: v for k, v in done.items()}

    def scores(self, imp: int, norm: int, agg: int, weights: FloatArray) -> FloatArray:
        return self.evaluate(imp, norm, agg, weights)[self.model.nodes[-1]]


def _draw_weights(
    model: Model, variation: Variation, runs: int, rng: np.random.Generator
) -> FloatArray:
    nominal = np.asarray([w for ws in model.weights for w in ws], dtype=np.float64)
    if variation.concentration is not None:
        owner = np.concatenate([np.full(len(ws), k) for k, ws in enumerate(model.weights)])
        totals = np.bincount(owner, weights=nominal)
        share = nominal / totals[owner]
        shape = float(variation.concentration) * share
        draws = np.zeros((runs, len(nominal)))
        live = shape > 0
        draws[:, live] = rng.gamma(shape[live], size=(runs, int(live.sum())))
        sums = np.zeros((runs, len(totals)))
        for k in range(len(totals)):
            sums[:, k] = draws[:, owner == k].sum(axis=1)
        return cast(FloatArray, draws / sums[:, owner] * totals[owner])
    spread = float(variation.weights)
    drawn: FloatArray = nominal * (1 + spread * rng.uniform(-1.0, 1.0, size=(runs, len(nominal))))
    return drawn


def _evaluate(plan: _Plan, weights: FloatArray, choices: IntArray) -> FloatArray:
    """Scores (runs × units): one batch per combination of discrete choices."""
    runs = len(choices)
    scores = np.empty((runs, len(plan.model.units)))
    _, n_norm, n_agg = plan.options.sizes()
    combos = choices[:, 0] * (n_norm * n_agg) + choices[:, 1] * n_agg + choices[:, 2]
    for combo in np.unique(combos):
        rows = np.flatnonzero(combos == combo)
        i, n, a = (int(c) for c in choices[rows[0]])
        for start in range(0, len(rows), CHUNK):  # memory bounded whatever the runs
            part = rows[start : start + CHUNK]
            scores[part] = plan.scores(i, n, a, weights[part])
    return scores


def _check_size(runs: int, model: Model, field: str) -> None:
    cells = runs * (len(model.units) + sum(len(w) for w in model.weights))
    if cells > CELL_LIMIT:
        raise ValidationError(
            f"asks for {cells:,} cells of results (runs × (units + weights)), more than the "
            f"limit of {CELL_LIMIT:,}; ask for fewer runs",
            vi=f"cần {cells:,} ô kết quả, vượt giới hạn {CELL_LIMIT:,}; "
            "hãy giảm số lần chạy".replace(",", "."),
            field=field,
            value=runs,
        )


def _check_all(plan: _Plan) -> None:
    """Run every combination once with the nominal weights: one that cannot run is an error
    before any run is drawn, whether or not the draw would have picked it."""
    weights = plan.model._nominal_weights()
    for i, n, a in itertools.product(*(range(k) for k in plan.options.sizes())):
        plan.scores(i, n, a, weights)


# ---------------------------------------------------------------------------------------------
# uncertainty


@attrs.frozen
class RunParameters:
    """The settings of one Monte Carlo run: the weights of every node's children (node code →
    ((child, weight), ...)), and the labels of the imputation, normalisation and aggregation
    options it used (``"nominal"``, or the alternative as given)."""

    run: int
    weights: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]
    imputation: str
    normalisation: str
    aggregation: str


@attrs.frozen(eq=False)
class Uncertainty:
    """The ranking under uncertainty: for each unit (in ``units`` order) its nominal rank,
    median rank and 5th and 95th percentile ranks over the runs (plain fields, for tables and
    plots). ``ranks`` and ``scores`` hold every run (runs × units, read-only); ``shift`` each
    run's mean absolute rank shift from the nominal ranking; ``weights`` every run's weights
    (runs × the edges of the tree, in node order) and ``choices`` its option numbers
    (imputation, normalisation, aggregation; 0 is the nominal). :meth:`run` reads one run's
    parameters. Percentiles are numpy's (linear between order statistics); floats.
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
    weights: FloatArray = attrs.field(repr=False)
    choices: IntArray = attrs.field(repr=False)
    model: Model = attrs.field(repr=False)
    options: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = attrs.field(repr=False)

    @property
    def runs(self) -> int:
        """How many runs were drawn."""
        return int(self.ranks.shape[0])

    def run(self, index: int) -> RunParameters:
        """The parameters of run ``index`` (from 0)."""
        i = whole(index, "run", maximum=self.runs - 1)
        m = self.model
        names = (*m.indicators, *m.nodes)
        weights = []
        start = 0
        for node, kids in zip(m.nodes, m.children, strict=True):
            ws = self.weights[i, start : start + len(kids)]
            weights.append(
                (node, tuple((names[c], float(w)) for c, w in zip(kids, ws, strict=True)))
            )
            start += len(kids)
        imp, norm, agg = (int(c) for c in self.choices[i])
        return RunParameters(
            i, tuple(weights), self.options[0][imp], self.options[1][norm], self.options[2][agg]
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


def _prepared(model: Model, variation: Variation) -> tuple[_Plan, IntArray]:
    of_type(model, Model, "model")
    of_type(variation, Variation, "variation")
    plan = _Plan(model, _Options.of(model, variation))
    _check_all(plan)
    nominal = rank_scores(plan.scores(0, 0, 0, model._nominal_weights()))[0]
    return plan, nominal


def uncertainty(
    model: Model, variation: Variation, *, runs: int = 1000, seed: int = 0
) -> Uncertainty:
    """Rank the units ``runs`` times under settings drawn from ``variation`` (seeded: the same
    seed gives the same runs) and summarise each unit's ranks.

    Every combination of choices the variation allows is first checked with the nominal
    weights; one that cannot run is a :class:`~cchc.errors.ValidationError` naming it.
    Floats (statistics).

    >>> from cchc.indices import Aggregation
    >>> m = Model.build(["a", "b", "c"], ["x", "y"], [[0, 3], [2, 1], [1, 2]])
    >>> uncertainty(m, Variation(aggregations=[Aggregation.geometric()]))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: aggregation = 'geometric, zeros: refuse': the choice \
(imputation nominal, normalisation nominal, aggregation Aggregation(method=Method.GEOMETRIC)) \
cannot run: x of unit a is 0, and a geometric mean refuses scores of zero or below: ...
    """
    plan, nominal = _prepared(model, variation)
    n_runs = whole(runs, "runs", minimum=1, maximum=CELL_LIMIT)
    _check_size(n_runs, model, "runs")
    s, rng = _generator(seed)
    weights = _draw_weights(model, variation, n_runs, rng)
    choices = np.stack([rng.integers(0, k, n_runs) for k in plan.options.sizes()], axis=1)
    choices = choices.astype(np.int64)
    scores = _evaluate(plan, weights, choices)
    ranks = rank_scores(scores)
    shift = np.abs(ranks - nominal).mean(axis=1)
    median = np.median(ranks, axis=0)
    p05, p95 = np.percentile(ranks, [5, 95], axis=0)
    for array in (ranks, scores, shift, choices, weights):
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
        weights,
        choices,
        model,
        plan.options.labels,
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
    fa = _as_float(y_a, "y_a", ndim=(1, 2))
    fb = _as_float(y_b, "y_b", ndim=(1, 2))
    fab = _as_float(y_ab, "y_ab", ndim=(2, 3))
    if fa.shape != fb.shape or fab.shape[1:] != fa.shape or not len(fa):
        raise ValidationError(
            "f(A), f(B) and each f(A_B^i) must have the same shape",
            vi="f(A), f(B) và các f(A_B^i) phải cùng kích thước",
            field="y_ab",
            value=(fa.shape, fb.shape, fab.shape),
        )
    with np.errstate(all="ignore"):  # overflow of huge outputs gives nan, not a warning
        both = np.concatenate([fa, fb])
        variance = np.var(both, axis=0)
        centre = np.mean(both, axis=0)
        fa, fb, fab = fa - centre, fb - centre, fab - centre
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
    of ``samples`` settings each and the matrices A_B^i. The factors are the weights (all of
    them together, as one group), the imputation, the normalisation and the aggregation, each
    discrete choice drawn uniformly among its options; a factor the variation leaves fixed is
    not listed. Seeded; floats (estimates whose error falls as 1/√samples).

    >>> from cchc.indices import Normalisation
    >>> m = Model.build(["a", "b", "c", "d"], ["x", "y"], [[1, 9], [4, 4], [9, 1], [3, 3]])
    >>> s = sensitivity(m, Variation(weights="0.9", normalisations=[Normalisation.rank()]),
    ...                 samples=400, seed=3)
    >>> s.factors
    ('weights', 'normalisation')
    >>> all(0 <= t <= 1.2 for t in s.total)
    True
    """
    plan, nominal = _prepared(model, variation)
    n = whole(samples, "samples", minimum=2, maximum=CELL_LIMIT)
    sizes = plan.options.sizes()
    factors = ["weights"] if variation.varies_weights else []
    kinds = ("imputation", "normalisation", "aggregation")
    factors += [name for name, size in zip(kinds, sizes, strict=True) if size > 1]
    _check_size(n * (len(factors) + 2), model, "samples")
    s, rng = _generator(seed)

    def draw() -> tuple[FloatArray, IntArray]:
        weights = _draw_weights(model, variation, n, rng)
        choices = np.stack([rng.integers(0, k, n) for k in sizes], axis=1).astype(np.int64)
        return weights, choices

    (wa, ca), (wb, cb) = draw(), draw()
    settings = [(wa, ca), (wb, cb)]
    for factor in factors:
        if factor == "weights":
            settings.append((wb, ca))
        else:
            mixed = ca.copy()
            column = kinds.index(factor)
            mixed[:, column] = cb[:, column]
            settings.append((wa, mixed))
    weights = np.concatenate([w for w, _ in settings])
    choices = np.concatenate([c for _, c in settings])
    ranks = rank_scores(_evaluate(plan, weights, choices))
    ranks_f = ranks.reshape(len(settings), n, -1).astype(np.float64)
    shift = np.abs(ranks_f - nominal).mean(axis=2)
    first, total = sobol_indices(shift[0], shift[1], shift[2:])
    unit_first, unit_total = sobol_indices(ranks_f[0], ranks_f[1], ranks_f[2:])
    return Sensitivity(
        tuple(factors),
        tuple(float(v) for v in first),
        tuple(float(v) for v in total),
        model.units,
        n,
        s,
        np.ascontiguousarray(unit_first.T),
        np.ascontiguousarray(unit_total.T),
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
    key = fold(text(unit, "unit"))
    for i, code in enumerate(model.units):
        if fold(code) == key:
            return i
    raise NotFoundError(
        "is not a unit of the model",
        vi="không có đơn vị này trong bộ số liệu (hoặc đơn vị đã bị loại khi sàng lọc)",
        field="unit",
        value=unit,
    )


def profile(model: Model, unit: str, count: int = 3) -> Profile:
    """``unit``'s ``count`` strongest and weakest indicators, placed by its competition rank
    among the units on each (a share of the units with the indicator, so that a rank among
    fewer units is not taken for a better one; a unit missing an indicator is not placed on
    it). Indicators of equal place keep the spec's order.

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
    values = model.values
    signed = values * np.asarray(model.directions, dtype=np.float64)
    placings = []
    for j, code in enumerate(model.indicators):
        column = signed[:, j]
        if math.isnan(column[u]):
            continue
        present = column[~np.isnan(column)]
        placings.append(
            Placing(
                code,
                float(values[u, j]),
                int(np.count_nonzero(present > column[u])) + 1,
                len(present),
            )
        )
    best = sorted(placings, key=lambda p: p.rank / p.among)
    worst = sorted(placings, key=lambda p: -p.rank / p.among)
    return Profile(model.units[u], tuple(best[:k]), tuple(worst[:k]))


def _pearson(x: FloatArray, y: FloatArray) -> float:
    keep = ~(np.isnan(x) | np.isnan(y))
    a, b = x[keep], y[keep]
    if len(a) < 2:
        return math.nan
    a, b = a - a.mean(), b - b.mean()
    den = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    return math.nan if den == 0 else float((a * b).sum()) / den


def _average_ranks(column: FloatArray) -> FloatArray:
    ordered = np.sort(column)
    left = np.searchsorted(ordered, column, "left")
    right = np.searchsorted(ordered, column, "right")
    ranks: FloatArray = (left + right + 1) / 2
    return ranks


def _spearman(x: FloatArray, y: FloatArray) -> float:
    keep = ~(np.isnan(x) | np.isnan(y))
    return _pearson(_average_ranks(x[keep]), _average_ranks(y[keep]))


@attrs.frozen(eq=False)
class Correlations:
    """Correlations between indicators (``between``: indicators × indicators, read-only) and
    of each indicator with the nominal score of its parent node (``parents``,
    ``with_parent``), by ``method``. Floats; ``nan`` where fewer than two units have both
    values or one of them does not vary."""

    method: str
    indicators: tuple[str, ...]
    parents: tuple[str, ...]
    between: FloatArray = attrs.field(repr=False)
    with_parent: tuple[float, ...]

    def pair(self, first: str, second: str) -> float:
        """The correlation of two indicators."""
        keys = [fold(c) for c in self.indicators]
        for code in (first, second):
            if fold(text(code, "indicator")) not in keys:
                raise NotFoundError(
                    "is not an indicator",
                    vi="không phải là chỉ tiêu",
                    field="indicator",
                    value=code,
                )
        return float(self.between[keys.index(fold(first)), keys.index(fold(second))])


def correlations(model: Model, method: str = "pearson") -> Correlations:
    """Pearson or Spearman correlations between the indicators, each turned round where less
    is better (so that a positive correlation means the two agree on who does well), over the
    units that have both; and of each indicator with its parent's nominal score. Floats.

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
    between.setflags(write=False)
    scores = model.node_scores()
    parents = []
    for code in model.indicators:
        node = model.spec.parent(code)
        parents.append("" if node is None else node.code)
    with_parent = tuple(
        corr(signed[:, j], scores[p]) if p else math.nan for j, p in enumerate(parents)
    )
    return Correlations(how, model.indicators, tuple(parents), between, with_parent)


def cronbach_alpha(items: object) -> float:
    """Cronbach's alpha of a set of items (a table: one row per unit, one column per item),
    over the units with every item: α = k/(k − 1) · (1 − Σ var(item) / var(sum of items)),
    with k items and sample variances (Cronbach 1951, Psychometrika 16(3), 297-334). Floats;
    ``nan`` where there are fewer than two items or two complete units, or the sum does not
    vary.

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
    with np.errstate(all="ignore"):  # sums too large for floats give nan, not a warning
        total = float(np.var(x.sum(axis=1), ddof=1))
        items = float(np.var(x, axis=0, ddof=1).sum())
    if total == 0 or not math.isfinite(total) or not math.isfinite(items):
        return math.nan
    return float(k / (k - 1) * (1 - items / total))


def cronbach(model: Model) -> dict[str, float]:
    """Cronbach's alpha of each node over the indicators under it, as the nominal
    normalisation scales them (alpha depends on the items' scales), counting only the units
    with every one of them (COINr computes it per aggregation group in the same way). Floats.

    >>> from cchc.indices import Normalisation
    >>> m = Model.build(["a", "b", "c"], ["x", "y", "z"], [[1, 2, 5], [2, 3, 1], [3, 3, 4]],
    ...                 structure=[{"x": "D1", "y": "D1", "z": "D2"}],
    ...                 normalisation=Normalisation.rank())
    >>> {name: round(alpha, 4) for name, alpha in cronbach(m).items()}
    {'D1': 0.8571, 'D2': nan, 'index': -1.125}

    (A negative alpha, as for the index here, says its indicators disagree more than they
    agree.)
    """
    of_type(model, Model, "model")
    plan = _Plan(model, _Options.nominal(model))
    data = plan.data(0, 0)
    codes = [fold(c) for c in model.indicators]
    return {
        node: cronbach_alpha(data[:, [codes.index(fold(c)) for c in model.spec.leaves_of(node)]])
        for node in model.nodes
    }
