"""Properties of composite indices: ranges, directions, means, weights and ranks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.indices import (
    Aggregation,
    Direction,
    IndexSpec,
    Indicator,
    Node,
    NodeLevel,
    Normalisation,
    NormalisationMethod,
    Panel,
    ZeroRule,
    aggregate,
    build,
    competition_ranks,
    normalise,
)

F = Fraction

values = st.fractions(min_value=-1000, max_value=1000, max_denominator=100)
positive = st.fractions(min_value=F(1, 100), max_value=1000, max_denominator=100)
columns = st.lists(st.one_of(values, st.none()), min_size=1, max_size=12)
weights = st.fractions(min_value=F(1, 10), max_value=100, max_denominator=10)


@st.composite
def ranges(draw: st.DrawFn) -> tuple[Fraction, Fraction]:
    low = draw(st.fractions(min_value=-10, max_value=10, max_denominator=4))
    return low, low + draw(st.fractions(min_value=F(1, 4), max_value=100, max_denominator=4))


@st.composite
def bounded_normalisations(draw: st.DrawFn) -> Normalisation:
    low, high = draw(ranges())
    method = draw(
        st.sampled_from(
            [
                NormalisationMethod.MIN_MAX,
                NormalisationMethod.WINDOW_MIN_MAX,
                NormalisationMethod.GOALPOSTS,
                NormalisationMethod.PERCENTILE,
                NormalisationMethod.DISTANCE_TO_TARGET,
            ]
        )
    )
    lower = draw(values)
    return Normalisation(
        method,
        low=low,
        high=high,
        lower=lower,
        upper=lower + draw(positive),
        window=draw(st.integers(1, 4)),
        target=draw(values),
    )


@given(bounded_normalisations(), columns, st.lists(values, max_size=6), st.sampled_from([1, -1]))
def test_normalised_values_stay_in_their_target_range(
    norm: Normalisation, column: list[Fraction | None], window: list[Fraction], sign: int
) -> None:
    got = normalise(column, norm, sign, window=window)
    for raw, value in zip(column, got, strict=True):
        assert (raw is None) == (value is None)
        if value is not None:
            assert norm.low <= value <= norm.high


@given(st.lists(positive, min_size=1, max_size=12), ranges(), st.sampled_from([1, -1]))
def test_distance_to_best_stays_in_its_range(
    column: list[Fraction], bounds: tuple[Fraction, Fraction], sign: int
) -> None:
    norm = Normalisation.distance_to_best(*bounds)
    assert all(norm.low <= v <= norm.high for v in normalise(column, norm, sign))  # type: ignore[operator]


@given(
    st.sampled_from(
        [
            Normalisation.min_max(1, 10),
            Normalisation.goalposts(-100, 100, 0, 1),
            Normalisation.percentile(),
            Normalisation.rank(),
            Normalisation.z_score(),
            Normalisation.distance_to_target(500),
        ]
    ),
    st.lists(values, min_size=2, max_size=12),
)
def test_a_negative_direction_reverses_the_order(
    norm: Normalisation, column: list[Fraction]
) -> None:
    up = normalise(column, norm, Direction.POSITIVE)
    down = normalise(column, norm, Direction.NEGATIVE)
    for i in range(len(column)):
        for j in range(len(column)):
            if column[i] < column[j]:
                assert up[i] <= up[j]  # type: ignore[operator]
                assert down[i] >= down[j]  # type: ignore[operator]


@given(st.lists(values, min_size=2, max_size=12), ranges())
def test_min_max_of_a_negative_indicator_mirrors_the_positive_one(
    column: list[Fraction], bounds: tuple[Fraction, Fraction]
) -> None:
    assume(len(set(column)) > 1)
    norm = Normalisation.min_max(*bounds)
    up = normalise(column, norm, 1)
    down = normalise(column, norm, -1)
    assert all(u + d == norm.low + norm.high for u, d in zip(up, down, strict=True))  # type: ignore[operator]


@given(
    positive,
    st.lists(weights, min_size=1, max_size=8),
    st.sampled_from(
        [
            Aggregation.arithmetic(),
            Aggregation.geometric(),
            Aggregation.harmonic(),
            Aggregation.generalised(3),
            Aggregation.generalised(F(-1, 2)),
            Aggregation.geometric(ZeroRule.SHIFT, shift=1),
        ]
    ),
)
def test_aggregating_equal_sub_scores_returns_that_score(
    score: Fraction, ws: list[Fraction], how: Aggregation
) -> None:
    got = aggregate([score] * len(ws), ws, how)
    if how.exact:
        assert got == score
    else:
        assert got == pytest.approx(float(score), rel=1e-9)


@given(
    st.lists(st.tuples(values, weights), min_size=1, max_size=8),
    st.fractions(min_value=F(1, 100), max_value=1000, max_denominator=100),
)
def test_weights_rescale_within_their_parent(
    pairs: list[tuple[Fraction, Fraction]], factor: Fraction
) -> None:
    xs = [x for x, _ in pairs]
    ws = [w for _, w in pairs]
    assert aggregate(xs, ws) == aggregate(xs, [w * factor for w in ws])
    node = Node("I", "I", "I", NodeLevel.INDEX, [f"c{i}" for i in range(len(ws))], weights=ws)
    scaled = Node("I", "I", "I", NodeLevel.INDEX, node.children, weights=[w * factor for w in ws])
    assert node.rescaled() == scaled.rescaled()
    assert sum(node.rescaled().values()) == 1


@st.composite
def panels(draw: st.DrawFn) -> tuple[IndexSpec, Panel]:
    n_units = draw(st.integers(1, 8))
    n_ind = draw(st.integers(1, 4))
    n_years = draw(st.integers(1, 3))
    codes = [f"c{i}" for i in range(n_ind)]
    spec = IndexSpec(
        "p",
        "P",
        "P",
        indicators=[Indicator(c, c, direction=draw(st.sampled_from([1, -1]))) for c in codes],
        nodes=[
            Node(
                "I",
                "I",
                "I",
                "index",
                codes,
                weights=draw(st.lists(weights, min_size=n_ind, max_size=n_ind)),
            )
        ],
        normalisation=Normalisation.min_max(1, 10),
    )
    cells = draw(
        st.lists(
            st.one_of(st.integers(0, 20), st.none()),
            min_size=n_units * n_ind * n_years,
            max_size=n_units * n_ind * n_years,
        )
    )
    array = np.array(cells, dtype=object).reshape(n_units, n_ind, n_years)
    units = [f"u{i}" for i in range(n_units)]
    return spec, Panel.from_array(units, codes, list(range(2020, 2020 + n_years)), array)


@given(panels(), st.randoms(use_true_random=False))
def test_ranks_do_not_depend_on_the_order_of_the_units(
    case: tuple[IndexSpec, Panel], random: object
) -> None:
    spec, panel = case
    order = list(range(len(panel.units)))
    random.shuffle(order)  # type: ignore[attr-defined]
    shuffled = Panel(
        [panel.units[i] for i in order], panel.indicators, panel.years, panel.values[order].copy()
    )
    a, b = build(spec, panel), build(spec, shuffled)
    for unit in panel.units:
        for year in panel.years:
            assert a.rank(unit, year) == b.rank(unit, year)
            assert a.score(unit, year) == b.score(unit, year)


@given(st.lists(st.one_of(values, st.none()), max_size=15))
def test_a_competition_rank_is_one_more_than_the_count_of_better_values(
    column: list[Fraction | None],
) -> None:
    ranks = competition_ranks(column)
    for value, rank in zip(column, ranks, strict=True):
        if value is None:
            assert rank is None
        else:
            assert rank == 1 + sum(1 for v in column if v is not None and v > value)


@given(st.lists(st.one_of(values, st.none()), min_size=2, max_size=12), ranges())
def test_min_max_is_the_textbook_formula_in_exact_arithmetic(
    column: list[Fraction | None], bounds: tuple[Fraction, Fraction]
) -> None:
    present = [v for v in column if v is not None]
    assume(len(set(present)) > 1)
    low, high = bounds
    lo, hi = min(present), max(present)
    expected = [None if x is None else low + (high - low) * (x - lo) / (hi - lo) for x in column]
    assert normalise(column, Normalisation.min_max(low, high)) == expected


@given(
    st.lists(st.tuples(st.one_of(values, st.none()), weights), min_size=1, max_size=8),
    st.fractions(min_value=F(1, 10), max_value=100, max_denominator=10),
)
def test_the_weighted_arithmetic_mean_is_the_textbook_formula(
    pairs: list[tuple[Fraction | None, Fraction]], scale: Fraction
) -> None:
    present = [(x, w) for x, w in pairs if x is not None]
    got = aggregate([x for x, _ in pairs], [w for _, w in pairs], scale=scale)
    if not present:
        assert got is None
    else:
        total = sum((w for _, w in present), F(0))
        assert got == sum((x * w for x, w in present), F(0)) / total * scale


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e11, max_value=1e11))
def test_a_float_cell_is_read_as_the_decimal_it_prints_as(number: float) -> None:
    from decimal import Decimal

    from cchc.errors import ValidationError

    try:
        expected = Fraction(Decimal(repr(number)))
        panel = Panel.from_array(["X"], ["a"], 2024, [[number]])
    except ValidationError:  # more decimals than the library reads
        assert -Decimal(repr(number)).as_tuple().exponent > 12  # type: ignore[operator]
        return
    assert panel.value("X", "a", 2024) == expected
