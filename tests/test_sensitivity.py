"""Uncertainty and sensitivity of a composite index's ranking, and its analysis: the float
kernels against direct formulas and scipy/pymcdm, Monte Carlo runs that are seeded, keep their
parameters and refuse a choice that cannot run, Sobol indices against an analytic case, and
strengths, correlations and Cronbach's alpha against hand computations."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from pymcdm.normalizations import minmax_normalization
from scipy import stats

from cchc.errors import CchcError, CchcTypeError, NotFoundError, ValidationError
from cchc.sensitivity import (
    Aggregation,
    Model,
    Normalisation,
    Variation,
    aggregate,
    correlations,
    cronbach,
    cronbach_alpha,
    impute,
    normalise,
    profile,
    rank_scores,
    sensitivity,
    sobol_indices,
    uncertainty,
)

# --------------------------------------------------------------------------------------------
# generated data (illustrative, not official figures)


def generated(
    units: int = 12, indicators: int = 9, seed: int = 7, missing: float = 0.0
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    values = rng.normal(50, 12, (units, indicators))
    values[rng.random((units, indicators)) < missing] = np.nan
    return values


def three_level_model(values: np.ndarray | None = None, **kwargs: object) -> Model:
    """9 indicators in 3 dimensions in 2 pillars; the last indicator lower-is-better."""
    x = generated() if values is None else values
    codes = [f"i{j}" for j in range(x.shape[1])]
    structure = [
        {c: f"D{j // 3}" for j, c in enumerate(codes)},
        {"D0": "P0", "D1": "P0", "D2": "P1"},
    ]
    options: dict[str, object] = {
        "directions": {codes[-1]: -1},
        "normalisation": Normalisation("minmax", low=1, high=10),
        "weights": {"i0": 2, "D1": 3, "P1": "0.5"},
    }
    options.update(kwargs)
    return Model.build(
        [f"U{u:02d}" for u in range(x.shape[0])],
        codes,
        [[None if math.isnan(v) else float(v) for v in row] for row in x],
        structure,
        **options,  # type: ignore[arg-type]
    )


def by_hand_scores(model: Model, normalised: np.ndarray) -> np.ndarray:
    """The arithmetic index, unit by unit, in plain Python loops over the tree."""
    out = []
    for u in range(len(model.units)):
        level = list(normalised[u])
        for k, parents in enumerate(model.parents):
            weights = model.weights[k]
            nxt = []
            for p in range(len(model.levels[k])):
                pairs = [
                    (w, v)
                    for w, v, q in zip(weights, level, parents, strict=True)
                    if q == p and not math.isnan(v)
                ]
                total = sum(w for w, _ in pairs)
                nxt.append(sum(w * v for w, v in pairs) / total if pairs else math.nan)
            level = nxt
        out.append(level[0])
    return np.array(out)


# --------------------------------------------------------------------------------------------
# normalisation


def test_minmax_maps_lowest_and_highest_to_the_target_range() -> None:
    x = generated()
    out = normalise(x, Normalisation("minmax", low=1, high=10))
    assert np.allclose(out.min(axis=0), 1)
    assert np.allclose(out.max(axis=0), 10)
    assert np.allclose(out, 1 + 9 * (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0)))


def test_minmax_agrees_with_pymcdm_for_benefit_and_cost_indicators() -> None:
    x = generated(units=8, indicators=4) + 100  # pymcdm expects positive values
    ours = normalise(x, Normalisation("minmax"), directions=[1, -1, 1, -1])
    for j, cost in enumerate([False, True, False, True]):
        assert np.allclose(ours[:, j], minmax_normalization(x[:, j], cost=cost))


def test_a_negative_direction_turns_the_order_round() -> None:
    x = generated()
    up = normalise(x, Normalisation("minmax"))
    down = normalise(x, Normalisation("minmax"), directions=[-1] * x.shape[1])
    assert np.allclose(up + down, 1)


def test_zscore_has_mean_zero_and_sample_standard_deviation_one() -> None:
    out = normalise(generated(), Normalisation("zscore"))
    assert np.allclose(out.mean(axis=0), 0)
    assert np.allclose(out.std(axis=0, ddof=1), 1)


def test_rank_gives_average_ranks_as_scipy_does() -> None:
    x = np.array([[3.0, 1.0], [1.0, 1.0], [3.0, 2.0], [2.0, np.nan]])
    out = normalise(x, Normalisation("rank"))
    assert out[:, 0].tolist() == stats.rankdata(x[:, 0]).tolist()
    assert out[:3, 1].tolist() == stats.rankdata(x[:3, 1]).tolist()
    assert math.isnan(out[3, 1])


def test_percentile_spreads_ranks_over_the_target_range() -> None:
    out = normalise([[5], [1], [3]], Normalisation("percentile", low=1, high=10))
    assert out[:, 0].tolist() == [10.0, 1.0, 5.5]


def test_goalposts_clip_beyond_the_posts_and_turn_round_a_negative_indicator() -> None:
    norm = Normalisation("goalposts", low=0, high=100, goalposts={"a": (0, 10), "b": (0, 50)})
    out = normalise([[5, 10], [20, 60], [-3, 0]], norm, directions=[1, -1], indicators=["a", "b"])
    assert out.tolist() == [[50.0, 80.0], [100.0, 0.0], [0.0, 100.0]]


def test_goalposts_missing_for_an_indicator_are_named() -> None:
    norm = Normalisation("goalposts", goalposts={"a": (0, 10)})
    with pytest.raises(ValidationError, match="no goalposts for b") as info:
        normalise([[1, 2], [2, 3]], norm, indicators=["a", "b"])
    assert info.value.field == "normalisation.goalposts"
    assert info.value.vi is not None


def test_a_constant_indicator_cannot_be_scaled_and_the_error_names_it() -> None:
    with pytest.raises(ValidationError, match="indicator b has the same value") as info:
        normalise([[1, 2], [3, 2]], Normalisation("minmax"), indicators=["a", "b"])
    assert info.value.value == "minmax 0-1"
    assert "chỉ tiêu b" in (info.value.vi or "")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"method": "softmax"}, "normalisation.method"),
        ({"method": "minmax", "low": 10, "high": 1}, "normalisation.high"),
        ({"method": "goalposts"}, "normalisation.goalposts"),
        ({"method": "minmax", "low": 0.5}, "normalisation.low"),
    ],
)
def test_bad_normalisations_are_refused_naming_the_field(
    arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(CchcError) as info:
        Normalisation(**arguments)
    assert info.value.field == field


# --------------------------------------------------------------------------------------------
# imputation


def test_mean_and_median_fill_only_the_gaps() -> None:
    x = [[1.0, np.nan], [3.0, 4.0], [np.nan, 8.0], [8.0, 9.0]]
    assert impute(x, "mean").tolist() == [[1.0, 7.0], [3.0, 4.0], [4.0, 8.0], [8.0, 9.0]]
    assert impute(x, "median").tolist() == [[1.0, 8.0], [3.0, 4.0], [3.0, 8.0], [8.0, 9.0]]
    assert np.isnan(impute(x, "none")).sum() == 2


def test_an_indicator_with_no_value_at_all_cannot_be_imputed() -> None:
    with pytest.raises(ValidationError, match="indicator b has no value"):
        impute([[1, np.nan], [2, np.nan]], "mean", indicators=["a", "b"])


# --------------------------------------------------------------------------------------------
# aggregation


def test_arithmetic_rescales_weights_within_each_parent() -> None:
    out = aggregate([[2.0, 4.0, 10.0]], [1, 3, 7], Aggregation("arithmetic"), parents=[0, 0, 1])
    assert out.tolist() == [[(2 + 12) / 4, 10.0]]


def test_a_missing_child_gives_its_weight_to_the_others() -> None:
    out = aggregate([[2.0, np.nan, 5.0]], [1, 3, 1], Aggregation("arithmetic"))
    assert out.tolist() == [[3.5]]
    empty = aggregate([[np.nan, np.nan, 5.0]], [1, 1, 1], Aggregation("arithmetic"), [0, 0, 1])
    assert math.isnan(empty[0, 0])
    assert empty[0, 1] == 5.0


def test_geometric_harmonic_and_generalised_means_follow_their_formulas() -> None:
    x, w = [2.0, 8.0, 5.0], [1.0, 2.0, 1.0]
    geo = aggregate([x], w, Aggregation("geometric"))[0, 0]
    assert geo == pytest.approx((2 * 8 * 8 * 5) ** (1 / 4))
    har = aggregate([x], w, Aggregation("harmonic"))[0, 0]
    assert har == pytest.approx(4 / (1 / 2 + 2 / 8 + 1 / 5))
    cubic = aggregate([x], w, Aggregation("generalised", p=3))[0, 0]
    assert cubic == pytest.approx(((8 + 2 * 512 + 125) / 4) ** (1 / 3))
    one = aggregate([x], w, Aggregation("generalised", p=1))[0, 0]
    minus = aggregate([x], w, Aggregation("generalised", p=-1))[0, 0]
    assert one == pytest.approx(aggregate([x], w, Aggregation("arithmetic"))[0, 0])
    assert minus == pytest.approx(har)


def test_a_zero_under_a_geometric_mean_needs_an_explicit_rule() -> None:
    with pytest.raises(ValidationError, match="no rule for zeros") as info:
        aggregate([[0.0, 4.0]], [1, 1], Aggregation("geometric"))
    assert info.value.value == "geometric"
    ruled = aggregate([[0.0, 4.0]], [1, 1], Aggregation("geometric", zero="0.25"))
    assert ruled[0, 0] == pytest.approx(1.0)


def test_a_negative_value_under_a_geometric_mean_is_always_refused() -> None:
    with pytest.raises(ValidationError, match="negative"):
        aggregate([[-1.0, 4.0]], [1, 1], Aggregation("geometric", zero="0.1"))
    assert aggregate([[-1.0, 4.0]], [1, 1], Aggregation("arithmetic"))[0, 0] == 1.5


def test_runs_of_weights_are_one_batch_equal_to_each_run_alone() -> None:
    x = normalise(generated(), Normalisation("minmax", low=1, high=10))
    weights = np.random.default_rng(1).uniform(0.5, 1.5, (20, x.shape[1]))
    parents = [j // 3 for j in range(x.shape[1])]
    batch = aggregate(x, weights, Aggregation("geometric"), parents)
    assert batch.shape == (20, x.shape[0], 3)
    for r in range(20):
        alone = aggregate(x, weights[r], Aggregation("geometric"), parents)
        assert np.allclose(batch[r], alone, rtol=1e-12)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"method": "generalised"}, "aggregation.p"),
        ({"method": "generalised", "p": 0}, "aggregation.p"),
        ({"method": "arithmetic", "p": 2}, "aggregation.p"),
        ({"method": "geometric", "zero": 0}, "aggregation.zero"),
        ({"method": "median"}, "aggregation.method"),
    ],
)
def test_bad_aggregations_are_refused_naming_the_field(
    arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        Aggregation(**arguments)
    assert info.value.field == field
    assert info.value.vi


# --------------------------------------------------------------------------------------------
# ranking


def test_competition_ranks_match_scipy_min_ranks_of_the_negated_scores() -> None:
    scores = np.round(np.random.default_rng(3).normal(size=(5, 40)), 1)  # many ties
    ours = rank_scores(scores)
    for row, mine in zip(scores, ours, strict=True):
        assert mine.tolist() == stats.rankdata(-row, method="min").astype(int).tolist()


def test_float_noise_never_splits_a_tie_and_a_missing_score_ranks_last() -> None:
    assert rank_scores([1 / 3, 1 - 2 / 3, np.nan, 0.2]).tolist() == [1, 1, 4, 3]
    assert rank_scores([np.nan, np.nan, 1.0]).tolist() == [2, 2, 1]


# --------------------------------------------------------------------------------------------
# the model


def test_the_model_scores_as_a_hand_computed_tree() -> None:
    model = three_level_model(generated(missing=0.1))
    normalised = normalise(model.values, model.normalisation, model.directions)
    assert np.allclose(model.scores(), by_hand_scores(model, normalised))
    order = np.argsort(-model.scores())
    assert [model.nominal_ranks()[i] for i in order] == list(range(1, len(model.units) + 1))


def test_the_model_keeps_its_tree_and_weights() -> None:
    model = three_level_model()
    assert model.levels == (("D0", "D1", "D2"), ("P0", "P1"), ("index",))
    assert model.parents[1] == (0, 0, 1)
    assert model.weights[0][0] == 2.0
    assert model.weights[1] == (1.0, 3.0, 1.0)
    assert model.weights[2] == (1.0, 0.5)
    assert model.directions[-1] == -1
    with pytest.raises(ValueError, match="read-only"):
        model.values[0, 0] = 1.0


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"units": ["a", "a"]}, ValidationError, "units"),
        ({"values": [[1, 2], [3]]}, CchcError, None),
        ({"values": [[1, 2]]}, ValidationError, "values"),
        ({"weights": {"zz": 1}}, NotFoundError, "weights"),
        ({"weights": {"x": -1}}, ValidationError, "weights['x']"),
        ({"weights": {"x": 0, "y": 0}}, ValidationError, "weights of D"),
        ({"directions": {"x": 2}}, ValidationError, "directions['x']"),
        ({"directions": {"q": -1}}, NotFoundError, "directions"),
        ({"structure": [{"x": "D"}]}, ValidationError, "structure[0]"),
        ({"imputation": "latest"}, ValidationError, "imputation"),
        ({"normalisation": "minmax"}, CchcTypeError, "normalisation"),
        ({"aggregation": [Aggregation("arithmetic")] * 3}, ValidationError, "aggregation"),
    ],
)
def test_a_bad_model_is_refused_naming_the_field(
    change: dict[str, object], error: type[CchcError], field: str | None
) -> None:
    arguments: dict[str, object] = {
        "units": ["a", "b"],
        "indicators": ["x", "y"],
        "values": [[1, 2], [3, 4]],
        "structure": [{"x": "D", "y": "D"}],
    }
    arguments.update(change)
    with pytest.raises(error) as info:
        Model.build(**arguments)  # type: ignore[arg-type]
    if field is not None:
        assert info.value.field == field


def test_a_unit_with_no_data_must_be_screened_out_first() -> None:
    model = Model.build(["a", "b", "c"], ["x", "y"], [[1, 2], [None, None], [3, 1]])
    with pytest.raises(ValidationError, match="unit b has no data") as info:
        model.scores()
    assert "loại đơn vị này" in (info.value.vi or "")


# --------------------------------------------------------------------------------------------
# uncertainty

VARIED = Variation(
    weights="0.3",
    normalisations=[Normalisation("percentile", low=1, high=10), Normalisation("rank")],
    aggregations=[Aggregation("geometric")],
    imputations=["mean", "median"],
)


def test_the_same_seed_gives_the_same_runs_and_another_seed_other_runs() -> None:
    model = three_level_model(generated(missing=0.1))
    first = uncertainty(model, VARIED, runs=300, seed=11)
    again = uncertainty(model, VARIED, runs=300, seed=11)
    other = uncertainty(model, VARIED, runs=300, seed=12)
    assert np.array_equal(first.ranks, again.ranks)
    assert first.median == again.median
    assert first.p95 == again.p95
    assert not np.array_equal(first.ranks, other.ranks)
    assert first.seed == 11
    assert first.runs == 300
    assert first.variation == VARIED


def test_the_summary_is_each_units_median_and_5_to_95_percentiles_of_its_ranks() -> None:
    model = three_level_model()
    result = uncertainty(model, VARIED, runs=400, seed=2)
    assert result.units == model.units
    assert result.nominal == model.nominal_ranks()
    for u in range(len(model.units)):
        column = result.ranks[:, u]
        assert result.median[u] == np.median(column)
        assert result.p05[u] == pytest.approx(np.percentile(column, 5))
        assert result.p05[u] <= result.median[u] <= result.p95[u]
    assert result.rows()[3]["p95"] == result.p95[3]
    assert np.allclose(result.shift, np.abs(result.ranks - np.array(result.nominal)).mean(axis=1))


def test_every_runs_parameters_are_kept_and_rebuild_its_scores() -> None:
    model = three_level_model(generated(missing=0.1))
    result = uncertainty(model, VARIED, runs=60, seed=5)
    drawn = {(result.run(i).imputation, str(result.run(i).normalisation)) for i in range(60)}
    assert len(drawn) > 3  # the discrete choices are really drawn
    for i in (0, 17, 59):
        run = result.run(i)
        weights = [dict(level) for level in run.weights]
        rebuilt = Model.build(
            model.units,
            model.indicators,
            [[None if math.isnan(v) else float(v) for v in row] for row in model.values],
            [
                {c: model.levels[k][p] for c, p in zip(kids, model.parents[k], strict=True)}
                for k, kids in enumerate((model.indicators, *model.levels[:-2]))
            ],
            weights={c: _exact(w) for level in weights for c, w in level.items()},
            directions={"i8": -1},
            normalisation=run.normalisation,
            aggregation=run.aggregation,
            imputation=run.imputation,
        )
        assert np.allclose(rebuilt.scores(), result.scores[i], rtol=1e-9)


def _exact(weight: float) -> str:
    return f"{weight:.12f}"


def test_uniform_weights_stay_within_the_spread_and_dirichlet_keeps_each_parents_total() -> None:
    model = three_level_model()
    spread = uncertainty(model, Variation(weights="0.2"), runs=200, seed=1)
    for i in range(200):
        for k, level in enumerate(spread.run(i).weights):
            for (_, w), nominal in zip(level, model.weights[k], strict=True):
                assert 0.8 * nominal <= w <= 1.2 * nominal
    drawn = uncertainty(model, Variation(concentration=40), runs=50, seed=1)
    for i in range(50):
        weights = drawn.run(i).weights[0]
        for p in range(3):
            got = sum(w for (_, w), q in zip(weights, model.parents[0], strict=True) if q == p)
            want = sum(w for w, q in zip(model.weights[0], model.parents[0], strict=True) if q == p)
            assert got == pytest.approx(want)


def test_zero_variation_returns_the_nominal_ranks_in_every_run() -> None:
    model = three_level_model(generated(missing=0.15))
    result = uncertainty(model, Variation(), runs=50, seed=3)
    assert (result.ranks == np.array(model.nominal_ranks())).all()
    assert result.median == tuple(float(r) for r in model.nominal_ranks())
    assert (result.shift == 0).all()


def test_a_choice_that_cannot_run_is_an_error_naming_it_even_if_never_drawn() -> None:
    model = three_level_model(normalisation=Normalisation("minmax"))  # 0-1: zeros
    with pytest.raises(ValidationError) as info:
        uncertainty(model, Variation(aggregations=[Aggregation("geometric")]), runs=1, seed=0)
    assert "aggregation geometric at level 1" in str(info.value)
    assert "cannot run" in str(info.value)
    assert info.value.code == "analysis.choice-cannot-run"
    assert "không chạy được" in (info.value.vi or "")


def test_a_zscore_feeding_a_geometric_mean_is_refused_not_skipped() -> None:
    model = three_level_model()
    variation = Variation(
        normalisations=[Normalisation("zscore")], aggregations=[Aggregation("geometric")]
    )
    with pytest.raises(ValidationError, match=r"normalisation zscore, aggregation geometric"):
        uncertainty(model, variation, runs=10)


def test_geometric_only_at_the_top_level_runs_on_arithmetic_dimensions() -> None:
    model = three_level_model(normalisation=Normalisation("zscore"))
    mixed = (Aggregation("arithmetic"), Aggregation("arithmetic"), Aggregation("geometric"))
    with pytest.raises(ValidationError, match="at level 3"):
        uncertainty(model, Variation(aggregations=[mixed]), runs=10)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"runs": 0}, "runs"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_run_settings_are_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(CchcError) as info:
        uncertainty(three_level_model(), Variation(), **arguments)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"weights": 1}, "variation.weights"),
        ({"weights": "-0.1"}, "variation.weights"),
        ({"concentration": 0}, "variation.concentration"),
        ({"imputations": ["latest"]}, "variation.imputations[0]"),
        ({"normalisations": ["rank"]}, "variation.normalisations[0]"),
        ({"aggregations": "geometric"}, "variation.aggregations"),
    ],
)
def test_a_bad_variation_is_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(CchcError) as info:
        Variation(**arguments)
    assert info.value.field == field


def test_a_result_pickles_and_its_arrays_are_read_only() -> None:
    result = uncertainty(three_level_model(), VARIED, runs=20, seed=1)
    back = pickle.loads(pickle.dumps(result))
    assert back.median == result.median
    assert back.run(3) == result.run(3)
    with pytest.raises(ValueError, match="read-only"):
        result.ranks[0, 0] = 0


# --------------------------------------------------------------------------------------------
# sensitivity


def test_sobol_first_order_indices_of_an_additive_function_match_the_analytic_values() -> None:
    # Y = sum a_i X_i, X_i independent uniform: S_i = ST_i = a_i^2 / sum a_j^2
    a = np.array([1.0, 2.0, 3.0, 0.5])
    rng = np.random.default_rng(2024)
    n = 50_000
    sample_a, sample_b = rng.random((n, 4)), rng.random((n, 4))
    mixed = [np.where(np.arange(4) == i, sample_b, sample_a) for i in range(4)]
    first, total = sobol_indices(sample_a @ a, sample_b @ a, [m @ a for m in mixed])
    analytic = a**2 / (a**2).sum()
    assert np.allclose(first, analytic, atol=0.02)
    assert np.allclose(total, analytic, atol=0.02)


def test_sobol_total_indices_see_an_interaction_the_first_order_ones_miss() -> None:
    # Y = X1 X2 with X uniform on [-1, 1]: no first-order effect, all of it interaction
    rng = np.random.default_rng(5)
    n = 40_000
    sample_a, sample_b = rng.uniform(-1, 1, (n, 2)), rng.uniform(-1, 1, (n, 2))
    mixed = [np.where(np.arange(2) == i, sample_b, sample_a) for i in range(2)]

    def f(x: np.ndarray) -> np.ndarray:
        product: np.ndarray = x[:, 0] * x[:, 1]
        return product

    first, total = sobol_indices(f(sample_a), f(sample_b), [f(m) for m in mixed])
    assert np.allclose(first, 0, atol=0.03)
    assert np.allclose(total, 1, atol=0.05)


def test_sensitivity_names_the_varying_factors_and_finds_the_one_that_matters() -> None:
    # five units trade one indicator against the other (the weights decide their order), a
    # sixth leads on both; nothing is missing, so the imputation can change nothing
    model = Model.build(
        ["a", "b", "c", "d", "e", "f"],
        ["x", "y"],
        [[1, 5], [2, 4], [3, 3], [4, 2], [5, 1], [9, 9]],
        weights={"x": 2},
    )
    variation = Variation(weights="0.5", imputations=["mean"])
    result = sensitivity(model, variation, samples=4000)
    assert result.factors == ("weights", "imputation")
    # one factor explains everything: S = ST = 1, within the estimate's Monte Carlo error
    assert result.first[0] == pytest.approx(1, abs=0.1)
    assert result.total[0] == pytest.approx(1, abs=0.05)
    assert result.first[1] == 0
    assert result.total[1] == 0
    assert result.unit_first.shape == (6, 2)
    assert np.isnan(result.unit_total[5]).all()  # f leads whatever happens
    assert result.rows()[1] == {"factor": "imputation", "first": 0.0, "total": 0.0}


def test_the_imputation_matters_once_data_are_missing() -> None:
    model = Model.build(
        ["a", "b", "c", "d"],
        ["x", "y", "z"],
        [[2, 2, None], [1, 1, 8], [3, 3, 0], [4, 4, 10]],
    )
    # left missing, a is third; given z's median (8), a passes c
    assert model.nominal_ranks() == (3, 4, 2, 1)
    result = sensitivity(model, Variation(imputations=["median"]), samples=200, seed=1)
    assert result.factors == ("imputation",)
    assert result.total[0] == pytest.approx(1, abs=0.1)


def test_sensitivity_is_seeded_and_refuses_a_choice_that_cannot_run() -> None:
    model = three_level_model()
    one = sensitivity(model, VARIED, samples=50, seed=9)
    two = sensitivity(model, VARIED, samples=50, seed=9)
    assert one.first == two.first
    assert one.samples == 50
    with pytest.raises(ValidationError, match="cannot run"):
        sensitivity(
            model,
            Variation(
                normalisations=[Normalisation("zscore")], aggregations=[Aggregation("harmonic")]
            ),
            samples=10,
        )


def test_sobol_indices_refuse_mismatched_shapes() -> None:
    with pytest.raises(ValidationError, match="same shape"):
        sobol_indices([1.0, 2.0], [1.0, 2.0, 3.0], [[1.0, 2.0]])


# --------------------------------------------------------------------------------------------
# analysis


def test_a_units_strengths_and_weaknesses_are_its_best_and_worst_placed_indicators() -> None:
    model = Model.build(
        ["a", "b", "c", "d"],
        ["x", "y", "z", "w"],
        [[9, 1, 5, 3], [5, 5, 5, 4], [1, 9, 4, 1], [2, 2, None, 2]],
        directions={"z": -1},
    )
    p = profile(model, "a", count=2)
    assert [(s.indicator, s.rank, s.among) for s in p.strengths] == [("x", 1, 4), ("w", 2, 4)]
    assert [(s.indicator, s.rank, s.among) for s in p.weaknesses] == [("y", 4, 4), ("z", 2, 3)]
    assert profile(model, "d", count=4).strengths[-1].indicator != "z"  # d has no z
    with pytest.raises(NotFoundError, match="not a unit"):
        profile(model, "e")


def test_correlations_agree_with_scipy_pearson_and_spearman() -> None:
    model = three_level_model(generated(units=30))
    pearson = correlations(model, "pearson")
    spearman = correlations(model, "spearman")
    signed = model.values * np.array(model.directions)
    for i, j in ((0, 1), (2, 8), (4, 7)):
        assert pearson.between[i, j] == pytest.approx(
            stats.pearsonr(signed[:, i], signed[:, j]).statistic
        )
        assert spearman.between[i, j] == pytest.approx(
            stats.spearmanr(signed[:, i], signed[:, j]).statistic
        )
    dims = aggregate(
        normalise(model.values, model.normalisation, model.directions),
        model.weights[0],
        Aggregation("arithmetic"),
        model.parents[0],
    )
    assert pearson.parents[8] == "D2"
    assert pearson.with_parent[8] == pytest.approx(stats.pearsonr(signed[:, 8], dims[:, 2])[0])
    assert pearson.pair("i3", "i5") == pearson.between[3, 5]
    with pytest.raises(NotFoundError):
        pearson.pair("i3", "nope")
    with pytest.raises(ValidationError, match="'pearson' or 'spearman'"):
        correlations(model, "kendall")


def test_correlations_use_the_units_that_have_both_values() -> None:
    model = Model.build(["a", "b", "c", "d"], ["x", "y"], [[1, 2], [2, None], [3, 5], [4, 9]])
    kept = [[1, 2], [3, 5], [4, 9]]
    want = stats.pearsonr([r[0] for r in kept], [r[1] for r in kept]).statistic
    assert correlations(model).pair("x", "y") == pytest.approx(want)


def test_cronbach_alpha_matches_a_hand_computed_case() -> None:
    # three units, three items (sample variances, n - 1):
    # items 1, 2, 3 | 2, 3, 4 | 3, 5, 6: variances 1, 1 and (25 + 1 + 16) / 9 / 2 = 7/3
    # sums 6, 10, 13: variance (121 + 1 + 100) / 9 / 2 = 37/3
    # alpha = 3/2 (1 - (13/3) / (37/3)) = 3/2 * 24/37 = 36/37
    items = [[1, 2, 3], [2, 3, 5], [3, 4, 6]]
    assert cronbach_alpha(items) == pytest.approx(36 / 37)


def test_cronbach_alpha_matches_the_direct_formula_on_generated_answers() -> None:
    rng = np.random.default_rng(8)
    trait = rng.normal(size=(200, 1))
    items = trait + rng.normal(scale=0.8, size=(200, 6))
    k = items.shape[1]
    direct = k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1))
    assert cronbach_alpha(items) == pytest.approx(direct)
    assert 0.8 < cronbach_alpha(items) < 1  # six items of one trait agree well
    with_gap = np.vstack([items, [[np.nan] * 6]])
    assert cronbach_alpha(with_gap) == pytest.approx(direct)  # incomplete units left out


def test_cronbach_per_dimension_uses_the_normalised_indicators() -> None:
    model = three_level_model(generated(units=40))
    alphas = cronbach(model)
    data = normalise(model.values, model.normalisation, model.directions)
    assert list(alphas) == ["D0", "D1", "D2"]
    assert alphas["D2"] == pytest.approx(cronbach_alpha(data[:, 6:9]))
    assert math.isnan(cronbach_alpha([[1.0], [2.0]]))  # one item: alpha undefined
