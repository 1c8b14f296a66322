"""Properties of the uncertainty analysis and its kernels: zero variation gives the nominal
ranks, normalised values stay in their target range, a negative direction reverses the order,
equal children aggregate to themselves, and ranks do not depend on the order of the units."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cchc.indices import Aggregation, Normalisation, ZeroRule, competition_ranks
from cchc.sensitivity import (
    Model,
    Variation,
    aggregate_array,
    normalise_array,
    rank_scores,
    uncertainty,
)

# values as data are published: hundredths, within a plausible range
cent = st.integers(-100_000, 100_000).map(lambda v: v / 100)


@st.composite
def tables(
    draw: st.DrawFn, min_units: int = 2, max_units: int = 8, missing: bool = False
) -> list[list[float | None]]:
    units = draw(st.integers(min_units, max_units))
    indicators = draw(st.integers(1, 5))
    cell = st.one_of(st.none(), cent) if missing else cent
    rows = draw(
        st.lists(
            st.lists(cell, min_size=indicators, max_size=indicators),
            min_size=units,
            max_size=units,
        )
    )
    for row in rows:  # every unit has something to be ranked on
        if all(v is None for v in row):
            row[0] = 0.0
    return rows


@st.composite
def models(draw: st.DrawFn) -> Model:
    rows = draw(tables(missing=True))
    n = len(rows[0])
    codes = [f"x{j}" for j in range(n)]
    structure = [{c: f"D{j % 2}" for j, c in enumerate(codes)}]
    weights = {c: draw(st.integers(1, 5)) for c in codes}
    directions = {c: draw(st.sampled_from([1, -1])) for c in codes}
    normalisation = draw(
        st.sampled_from(
            [Normalisation.min_max(1, 10), Normalisation.percentile(1, 10), Normalisation.rank()]
        )
    )
    aggregation = draw(st.sampled_from([Aggregation(), Aggregation.geometric()]))
    return Model.build(
        [f"U{u}" for u in range(len(rows))],
        codes,
        rows,
        structure,
        weights=weights,
        directions=directions,
        normalisation=normalisation,
        aggregation=aggregation,
    )


@given(models(), st.integers(0, 2**32 - 1))
def test_zero_variation_returns_the_nominal_ranks(model: Model, seed: int) -> None:
    result = uncertainty(model, Variation(), runs=7, seed=seed)
    assert result.nominal == model.nominal_ranks()
    assert all(tuple(int(r) for r in run) == result.nominal for run in result.ranks)
    assert result.median == result.p05 == result.p95 == tuple(float(r) for r in result.nominal)


@given(models(), st.integers(0, 2**32 - 1))
def test_ranks_under_variation_stay_between_1_and_the_number_of_units(
    model: Model, seed: int
) -> None:
    result = uncertainty(model, Variation(weights="0.5"), runs=20, seed=seed)
    n = len(model.units)
    assert result.ranks.min() >= 1
    assert result.ranks.max() <= n
    assert all(
        lo <= md <= hi for lo, md, hi in zip(result.p05, result.median, result.p95, strict=True)
    )


BOUNDED = [
    Normalisation.min_max(1, 10),
    Normalisation.percentile(0, 100),
    Normalisation.goalposts(-200, 300, 1, 10),
    Normalisation.distance_to_target(50, 0, 10),
]


@given(tables(missing=True), st.sampled_from(BOUNDED), st.sampled_from([1, -1]))
def test_normalised_values_stay_in_their_target_range(
    rows: list[list[float | None]], setting: Normalisation, direction: int
) -> None:
    x = np.array([[np.nan if v is None else v for v in row] for row in rows])
    out = normalise_array(x, setting, [direction] * x.shape[1])
    present = ~np.isnan(out)
    assert (present == ~np.isnan(x)).all()
    assert (out[present] >= float(setting.low) - 1e-9).all()
    assert (out[present] <= float(setting.high) + 1e-9).all()


@given(tables(), st.sampled_from([*BOUNDED, Normalisation.z_score(), Normalisation.rank()]))
def test_a_negative_direction_reverses_the_order(
    rows: list[list[float | None]], setting: Normalisation
) -> None:
    x = np.array(rows, dtype=float)
    up = normalise_array(x, setting, [1] * x.shape[1])
    down = normalise_array(x, setting, [-1] * x.shape[1])
    for j in range(x.shape[1]):
        for a in range(x.shape[0]):
            for b in range(x.shape[0]):
                if up[a, j] > up[b, j] + 1e-9:
                    assert down[a, j] <= down[b, j] + 1e-9


MEANS = [
    Aggregation(),
    Aggregation.geometric(),
    Aggregation.harmonic(),
    Aggregation.generalised(2),
    Aggregation.generalised(-1),
    Aggregation.geometric(ZeroRule.SHIFT, 1),
]


@given(
    st.integers(1, 10_000).map(lambda v: v / 100),
    st.lists(st.integers(1, 9), min_size=1, max_size=6),
    st.sampled_from(MEANS),
)
def test_aggregating_equal_children_returns_their_score(
    score: float, weights: list[int], setting: Aggregation
) -> None:
    out = aggregate_array([[score] * len(weights)], weights, setting)
    assert abs(out[0, 0] - score) <= 1e-9 * score


@given(models(), st.randoms(use_true_random=False))
def test_ranks_do_not_depend_on_the_order_of_the_units(model: Model, random: object) -> None:
    order = list(range(len(model.units)))
    random.shuffle(order)  # type: ignore[attr-defined]
    values = model.values[order]
    shuffled = Model.of(model.spec, [model.units[i] for i in order], values)
    ranks = dict(zip(model.units, model.nominal_ranks(), strict=True))
    again = dict(zip(shuffled.units, shuffled.nominal_ranks(), strict=True))
    assert ranks == again


@given(st.lists(st.integers(-50, 50), min_size=1, max_size=30))
def test_float_ranks_of_whole_scores_are_the_exact_competition_ranks(scores: list[int]) -> None:
    exact = competition_ranks([Fraction(s) for s in scores])
    assert rank_scores(np.array(scores, dtype=float)).tolist() == exact
