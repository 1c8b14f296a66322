"""Uncertainty and sensitivity of a composite index's ranking, and its analysis: the float
kernels against the exact build of cchc.indices, scipy and pymcdm; Monte Carlo runs that are
seeded, keep their parameters and refuse a choice that cannot run; Sobol indices against an
analytic case; strengths, correlations and Cronbach's alpha against hand computations."""

from __future__ import annotations

import math
import pickle
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from pymcdm.normalizations import minmax_normalization
from scipy import stats

from cchc.errors import CchcError, CchcTypeError, NotFoundError, ValidationError
from cchc.indices import (
    Aggregation,
    Imputation,
    ImputationMethod,
    IndexSpec,
    Indicator,
    Node,
    Normalisation,
    OutlierTreatment,
    Panel,
    Screening,
    ZeroRule,
    build,
    normalise,
)
from cchc.indices import aggregate as exact_aggregate
from cchc.sensitivity import (
    Model,
    Variation,
    aggregate_array,
    correlations,
    cronbach,
    cronbach_alpha,
    impute_array,
    normalise_array,
    profile,
    rank_scores,
    sensitivity,
    sobol_indices,
    uncertainty,
)

MEAN = Imputation(ImputationMethod.GROUP_MEAN)
MEDIAN = Imputation(ImputationMethod.GROUP_MEDIAN)
LATEST = Imputation(ImputationMethod.LATEST_YEAR)
LINEAR = Imputation(ImputationMethod.LINEAR)
ONE_TO_TEN = Normalisation.min_max(1, 10)

# --------------------------------------------------------------------------------------------
# generated data (illustrative, not official figures)


def generated(
    units: int = 12, indicators: int = 9, seed: int = 7, missing: float = 0.0, years: int = 1
) -> np.ndarray:
    """Values with two decimals (as data are published), ``nan`` where missing."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.normal(50, 12, (units, indicators, years)), 2)
    values[rng.random((units, indicators, years)) < missing] = np.nan
    return values if years > 1 else values[:, :, 0]


def spec_of(indicators: int = 9, **settings: object) -> IndexSpec:
    """9 indicators in 3 dimensions under 2 pillars (the last pillar has one dimension); the
    last indicator lower-is-better; weights that do not sum to one."""
    codes = [f"i{j}" for j in range(indicators)]
    dims = [
        Node(
            f"D{k}",
            f"Lĩnh vực {k}",
            "",
            "sub-dimension",
            codes[3 * k : 3 * k + 3],
            weights=[2, 1, 1] if k == 0 else [1, 1, 1],
        )
        for k in range(indicators // 3)
    ]
    pillars = [
        Node("P0", "Trụ cột 0", "", "dimension", ["D0", "D1"], weights=[1, 3]),
        Node("P1", "Trụ cột 1", "", "dimension", ["D2"]),
    ]
    root = Node("I", "Chỉ số", "", "index", ["P0", "P1"], weights=[1, "0.5"])
    options: dict[str, object] = {"normalisation": ONE_TO_TEN}
    options.update(settings)
    return IndexSpec(
        "test",
        "Chỉ số thử",
        "Test index",
        indicators=[
            Indicator(c, c, direction=-1 if j == indicators - 1 else 1) for j, c in enumerate(codes)
        ],
        nodes=[*dims, *pillars, root],
        **options,  # type: ignore[arg-type]
    )


def model_of(values: np.ndarray | None = None, **settings: object) -> Model:
    x = generated() if values is None else values
    spec = spec_of(**settings)  # type: ignore[arg-type]
    return Model.of(spec, [f"U{u:02d}" for u in range(x.shape[0])], x)


def panel_of(values: np.ndarray, years: list[int]) -> Panel:
    units = [f"U{u:02d}" for u in range(values.shape[0])]
    return Panel.from_array(units, [f"i{j}" for j in range(values.shape[1])], years, values)


# --------------------------------------------------------------------------------------------
# normalisation: the exact build's rules in floats


@pytest.mark.parametrize(
    "setting",
    [
        Normalisation.min_max(1, 10),
        Normalisation.goalposts(30, 70, 0, 100),
        Normalisation.z_score(),
        Normalisation.rank(),
        Normalisation.percentile(1, 10),
        Normalisation.distance_to_target(60, 0, 10),
        Normalisation.distance_to_best(0, 100),
        Normalisation.none(),
    ],
)
@pytest.mark.parametrize("direction", [1, -1])
def test_each_normalisation_agrees_with_the_exact_one(
    setting: Normalisation, direction: int
) -> None:
    x = generated(units=15, indicators=1, missing=0.2)
    x[[3, 7], 0] = x[5, 0]  # ties
    column = [None if math.isnan(v) else Fraction(str(v)) for v in x[:, 0]]
    exact = normalise(column, setting, direction)
    ours = normalise_array(x, setting, [direction])[:, 0]
    for mine, theirs in zip(ours, exact, strict=True):
        if theirs is None:
            assert math.isnan(mine)
        else:
            assert mine == pytest.approx(float(theirs), abs=1e-12)


def test_minmax_agrees_with_pymcdm_for_benefit_and_cost_indicators() -> None:
    x = generated(units=8, indicators=4) + 100  # pymcdm expects positive values
    ours = normalise_array(x, Normalisation.min_max(0, 1), directions=[1, -1, 1, -1])
    for j, cost in enumerate([False, True, False, True]):
        assert np.allclose(ours[:, j], minmax_normalization(x[:, j], cost=cost))


def test_a_windowed_minmax_takes_its_range_over_the_earlier_rows_too() -> None:
    out = normalise_array([[5.0], [6.0]], Normalisation.windowed(3, 0, 10), window=[[0.0], [10.0]])
    assert out[:, 0].tolist() == [5.0, 6.0]


def test_distance_to_the_best_refuses_a_negative_value() -> None:
    with pytest.raises(ValidationError, match="positive values"):
        normalise_array([[-1.0], [2.0]], Normalisation.distance_to_best())


# --------------------------------------------------------------------------------------------
# imputation


def test_group_mean_and_median_fill_only_the_gaps_within_each_group() -> None:
    x = np.array([[1.0, np.nan], [3.0, 4.0], [np.nan, 8.0], [8.0, 9.0], [np.nan, 1.0]])[:, :, None]
    groups = ["a", "a", "a", "a", "b"]
    mean = impute_array(x, MEAN, groups=groups)[:, :, 0]
    assert mean.tolist()[:4] == [[1.0, 7.0], [3.0, 4.0], [4.0, 8.0], [8.0, 9.0]]
    assert math.isnan(mean[4, 0])  # group b has no x at all: left missing
    median = impute_array(x, MEDIAN, groups=groups)[:, :, 0]
    assert median[0, 1] == 8.0
    assert median[2, 0] == 3.0


def test_latest_year_and_linear_fill_from_the_units_own_years() -> None:
    x = np.array([[[1.0, np.nan, np.nan, 7.0]], [[np.nan, 2.0, np.nan, np.nan]]])
    latest = impute_array(x, LATEST, years=[2020, 2021, 2022, 2023])
    assert latest[0, 0].tolist() == [1.0, 1.0, 1.0, 7.0]
    assert latest[1, 0, 0] != latest[1, 0, 0]  # nothing before: still missing
    line = impute_array(x, LINEAR, years=[2020, 2021, 2022, 2023])
    assert line[0, 0].tolist() == [1.0, 3.0, 5.0, 7.0]
    assert np.isnan(line[1, 0, 2])  # nothing after: still missing


def test_an_excluded_unit_year_is_not_imputed() -> None:
    x = np.array([[[np.nan]], [[2.0]]])
    out = impute_array(x, MEAN, included=[[False], [True]])
    assert np.isnan(out[0, 0, 0])


# --------------------------------------------------------------------------------------------
# aggregation


@pytest.mark.parametrize(
    "setting",
    [
        Aggregation(),
        Aggregation.geometric(),
        Aggregation.harmonic(),
        Aggregation.generalised(3),
        Aggregation.generalised(-2),
        Aggregation.geometric(ZeroRule.ZERO),
        Aggregation.geometric(ZeroRule.SHIFT, 1),
    ],
)
def test_each_mean_agrees_with_the_exact_one(setting: Aggregation) -> None:
    rows = [[2.0, 8.0, 5.0], [1.0, np.nan, 4.0], [3.0, 3.0, 3.0]]
    if setting.zeros is not ZeroRule.REFUSE:
        rows.append([0.0, 2.0, 6.0])
    weights = [Fraction(1), Fraction(2), Fraction(3, 2)]
    ours = aggregate_array(rows, [float(w) for w in weights], setting)[:, 0]
    for mine, row in zip(ours, rows, strict=True):
        cells = [None if math.isnan(v) else Fraction(v) for v in row]
        exact = exact_aggregate(cells, weights, setting)
        assert exact is not None
        assert mine == pytest.approx(float(exact), rel=1e-12)


def test_weights_are_rescaled_within_each_parent_and_a_missing_child_gives_its_weight_away() -> (
    None
):
    out = aggregate_array([[2.0, 4.0, 10.0]], [1, 3, 7], Aggregation(), parents=[0, 0, 1])
    assert out.tolist() == [[(2 + 12) / 4, 10.0]]
    gap = aggregate_array([[2.0, np.nan, 5.0]], [1, 3, 1], Aggregation())
    assert gap.tolist() == [[3.5]]
    empty = aggregate_array([[np.nan, np.nan, 5.0]], [1, 1, 1], Aggregation(), [0, 0, 1])
    assert math.isnan(empty[0, 0])
    assert empty[0, 1] == 5.0


def test_a_zero_under_a_geometric_mean_that_refuses_zeros_is_an_error() -> None:
    with pytest.raises(ValidationError, match="refuses scores of zero or below") as info:
        aggregate_array([[0.0, 4.0]], [1, 1], Aggregation.geometric())
    assert info.value.field == "aggregation"
    assert info.value.value == "geometric, zeros: refuse"
    assert info.value.vi


def test_a_negative_value_under_a_generalised_mean_is_refused() -> None:
    with pytest.raises(ValidationError, match="negative"):
        aggregate_array([[-1.0, 4.0]], [1, 1], Aggregation.generalised(2))
    assert aggregate_array([[-1.0, 4.0]], [1, 1], Aggregation())[0, 0] == 1.5


def test_runs_of_weights_are_one_batch_equal_to_each_run_alone() -> None:
    x = normalise_array(generated(), ONE_TO_TEN)
    weights = np.random.default_rng(1).uniform(0.5, 1.5, (20, x.shape[1]))
    parents = [j // 3 for j in range(x.shape[1])]
    batch = aggregate_array(x, weights, Aggregation.geometric(), parents)
    assert batch.shape == (20, x.shape[0], 3)
    for r in range(20):
        alone = aggregate_array(x, weights[r], Aggregation.geometric(), parents)
        assert np.allclose(batch[r], alone, rtol=1e-12)


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
# the model and the exact build


def test_the_nominal_model_ranks_and_scores_as_the_exact_build() -> None:
    values = generated(units=20, missing=0.1)
    spec = spec_of(imputation=MEAN)
    result = build(spec, panel_of(values[:, :, None], [2024]))
    model = Model.from_result(result)
    assert model.units == result.units
    exact = [result.rank(u, 2024) for u in model.units]
    assert list(model.nominal_ranks()) == exact
    scores = [float(result.score(u, 2024)) for u in model.units]  # type: ignore[arg-type]
    assert np.allclose(model.scores(), scores, rtol=1e-12)
    for node in ("D1", "P0"):
        want = [float(result.score(u, 2024, node)) for u in model.units]  # type: ignore[arg-type]
        assert np.allclose(model.node_scores()[node], want, rtol=1e-12)


def test_the_float_pipeline_rebuilds_the_builds_normalised_values() -> None:
    # the nominal data come from the build; the same settings through the float kernels (as
    # any alternative goes) must give them back, imputations across years included
    values = generated(units=10, missing=0.15, years=4)
    for imputation in (MEAN, LATEST, LINEAR):
        spec = spec_of(
            imputation=imputation,
            normalisation=Normalisation.windowed(2, 1, 10),
            screening=Screening(minimum=0),  # every unit kept: Model.of does not screen
        )
        result = build(spec, panel_of(values, [2021, 2022, 2023, 2024]))
        model = Model.from_result(result, 2023)
        rebuilt = uncertainty(model, Variation(imputations=[MEDIAN]), runs=1)
        assert rebuilt.nominal == model.nominal_ranks()
        from_kernels = Model.of(
            spec, result.units, values, years=[2021, 2022, 2023, 2024], year=2023
        )
        assert np.allclose(from_kernels.scores(), model.scores(), rtol=1e-12)


def test_screened_out_units_are_left_out_of_the_analysis() -> None:
    values = generated(units=6, indicators=9)
    values[2, :5] = np.nan  # under 65 % of the indicators
    result = build(spec_of(), panel_of(values[:, :, None], [2024]))
    model = Model.from_result(result)
    assert "U02" not in model.units
    assert len(model.units) == 5
    with pytest.raises(NotFoundError, match="not a unit"):
        profile(model, "U02")


def test_outliers_treated_by_the_build_forbid_alternative_data_choices() -> None:
    values = generated(units=30, indicators=9)
    values[0, 0] = 10_000  # far out: winsorised
    spec = spec_of(outliers=OutlierTreatment.winsorise())
    result = build(spec, panel_of(values[:, :, None], [2024]))
    assert result.treated
    model = Model.from_result(result)
    assert uncertainty(model, Variation(weights="0.2"), runs=5).runs == 5  # weights: fine
    with pytest.raises(ValidationError, match="does not redo") as info:
        uncertainty(model, Variation(normalisations=[Normalisation.rank()]), runs=5)
    assert info.value.code == "analysis.choice-cannot-run"


def test_the_model_keeps_its_tree_bottom_up() -> None:
    model = model_of()
    assert model.nodes == ("D0", "D1", "P0", "D2", "P1", "I")
    assert model.children[0] == (0, 1, 2)
    assert model.children[-1] == (9 + 2, 9 + 4)
    assert model.weights[0] == (2.0, 1.0, 1.0)
    assert model.weights[-1] == (1.0, 0.5)
    assert model.directions[-1] == -1
    with pytest.raises(ValueError, match="read-only"):
        model.raw[0, 0, 0] = 1.0


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"values": [[1, 2], [3]]}, CchcError, None),
        ({"values": [[1, 2]]}, ValidationError, "values"),
        ({"weights": {"zz": 1}}, NotFoundError, "weights"),
        ({"weights": {"x": -1}}, ValidationError, None),
        ({"directions": {"x": 2}}, ValidationError, None),
        ({"directions": {"q": -1}}, NotFoundError, "directions"),
        ({"structure": [{"x": "D"}]}, ValidationError, "structure[0]"),
        ({"structure": [{"x": "D", "y": "D"}, {"D": "E"}, {"E": "F"}]}, ValidationError, None),
        ({"normalisation": "min-max"}, CchcTypeError, None),
        ({"aggregation": "geometric"}, CchcTypeError, "aggregation"),
    ],
)
def test_a_bad_model_is_refused(
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


def test_unknown_weights_must_be_given() -> None:
    spec = spec_of()
    unknown = spec.with_weights({"I": [None, None]})
    with pytest.raises(ValidationError, match="not known"):
        Model.of(unknown, ["a"], [[1.0] * 9])
    given = Model.of(unknown, ["a", "b"], generated(units=2), weights={"I": [1, 1]})
    assert given.weights[-1] == (1.0, 1.0)


# --------------------------------------------------------------------------------------------
# uncertainty

VARIED = Variation(
    weights="0.3",
    normalisations=[Normalisation.percentile(1, 10), {"i8": Normalisation.rank()}],
    aggregations=[Aggregation.geometric()],
    imputations=[MEAN, MEDIAN],
)


def test_the_same_seed_gives_the_same_runs_and_another_seed_other_runs() -> None:
    model = model_of(generated(missing=0.1))
    first = uncertainty(model, VARIED, runs=300, seed=11)
    again = uncertainty(model, VARIED, runs=300, seed=11)
    other = uncertainty(model, VARIED, runs=300, seed=12)
    assert np.array_equal(first.ranks, again.ranks)
    assert first.median == again.median
    assert first.p95 == again.p95
    assert not np.array_equal(first.ranks, other.ranks)
    assert (first.seed, first.runs, first.variation) == (11, 300, VARIED)


def test_the_summary_is_each_units_median_and_5_to_95_percentiles_of_its_ranks() -> None:
    model = model_of()
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
    values = generated(missing=0.1)
    model = model_of(values)
    result = uncertainty(model, VARIED, runs=60, seed=5)
    labels = {(result.run(i).imputation, result.run(i).normalisation) for i in range(60)}
    assert len(labels) > 3  # the discrete choices are really drawn
    normalisations = {
        "nominal": ONE_TO_TEN,
        repr(Normalisation.percentile(1, 10)): Normalisation.percentile(1, 10),
    }
    imputations = {"nominal": Imputation(), repr(MEAN): MEAN, repr(MEDIAN): MEDIAN}
    aggregations = {
        "nominal": Aggregation(),
        repr(Aggregation.geometric()): Aggregation.geometric(),
    }
    checked = 0
    for i in range(60):
        run = result.run(i)
        if run.normalisation not in normalisations:
            continue  # the mapping alternative (i8 alone) is checked by its label below
        weights = {node: [w for _, w in pairs] for node, pairs in run.weights}
        spec = spec_of(
            normalisation=normalisations[run.normalisation],
            imputation=imputations[run.imputation],
        )
        aggregation = aggregations[run.aggregation]
        spec = IndexSpec(
            spec.code,
            spec.name_vi,
            spec.name_en,
            indicators=spec.indicators,
            nodes=[
                Node(
                    n.code,
                    n.name_vi,
                    n.name_en,
                    n.level,
                    n.children,
                    weights=[Fraction(repr(w)) for w in weights[n.code]],
                    aggregation=aggregation,
                )
                for n in spec.nodes
            ],
            normalisation=spec.normalisation,
            imputation=spec.imputation,
        )
        rebuilt = Model.of(spec, model.units, values)
        assert np.allclose(rebuilt.scores(), result.scores[i], rtol=1e-9)
        checked += 1
    assert checked > 20
    assert any("i8" in result.run(i).normalisation for i in range(60))


def test_uniform_weights_stay_within_the_spread_and_dirichlet_keeps_each_nodes_total() -> None:
    model = model_of()
    spread = uncertainty(model, Variation(weights="0.2"), runs=200, seed=1)
    for i in range(200):
        for k, (_, pairs) in enumerate(spread.run(i).weights):
            for (_, w), nominal in zip(pairs, model.weights[k], strict=True):
                assert 0.8 * nominal <= w <= 1.2 * nominal
    drawn = uncertainty(model, Variation(concentration=40), runs=50, seed=1)
    for i in range(50):
        for k, (_, pairs) in enumerate(drawn.run(i).weights):
            assert sum(w for _, w in pairs) == pytest.approx(sum(model.weights[k]))


def test_zero_variation_returns_the_nominal_ranks_in_every_run() -> None:
    model = model_of(generated(missing=0.15))
    result = uncertainty(model, Variation(), runs=50, seed=3)
    assert (result.ranks == np.array(model.nominal_ranks())).all()
    assert result.median == tuple(float(r) for r in model.nominal_ranks())
    assert (result.shift == 0).all()


def test_a_choice_that_cannot_run_is_an_error_naming_it_even_if_never_drawn() -> None:
    model = model_of(normalisation=Normalisation.min_max(0, 1))  # zeros
    with pytest.raises(ValidationError) as info:
        uncertainty(model, Variation(aggregations=[Aggregation.geometric()]), runs=1, seed=0)
    assert "aggregation Aggregation(method=Method.GEOMETRIC)" in str(info.value)
    assert "cannot run" in str(info.value)
    assert info.value.code == "analysis.choice-cannot-run"
    assert "không chạy được" in (info.value.vi or "")


def test_a_zscore_feeding_a_geometric_mean_is_refused_not_skipped() -> None:
    variation = Variation(
        normalisations=[Normalisation.z_score()], aggregations=[Aggregation.geometric()]
    )
    with pytest.raises(ValidationError, match=r"normalisation Normalisation\(method="):
        uncertainty(model_of(), variation, runs=10)


def test_a_zero_rule_lets_the_geometric_mean_run() -> None:
    model = model_of(normalisation=Normalisation.min_max(0, 1))
    ruled = Aggregation.geometric(ZeroRule.SHIFT, 1)
    result = uncertainty(model, Variation(aggregations=[ruled]), runs=40, seed=1)
    assert {result.run(i).aggregation for i in range(40)} == {"nominal", repr(ruled)}


def test_an_alternative_for_one_node_alone_leaves_the_others_nominal() -> None:
    model = model_of()
    only_root = Variation(aggregations=[{"I": Aggregation.harmonic()}])
    result = uncertainty(model, only_root, runs=30, seed=1)
    assert {result.run(i).aggregation for i in range(30)} == {
        "nominal",
        "{I: Aggregation(method=Method.HARMONIC)}",
    }
    with pytest.raises(NotFoundError, match="not a code"):
        uncertainty(model, Variation(aggregations=[{"Z9": Aggregation.harmonic()}]), runs=1)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"runs": 0}, "runs"), ({"seed": -1}, "seed"), ({"seed": 1.5}, "seed")],
)
def test_bad_run_settings_are_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(CchcError) as info:
        uncertainty(model_of(), Variation(), **arguments)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"weights": 1}, "variation.weights"),
        ({"weights": "-0.1"}, "variation.weights"),
        ({"concentration": 0}, "variation.concentration"),
        ({"imputations": ["mean"]}, "variation.imputations[0]"),
        ({"normalisations": [{"i1": "rank"}]}, "variation.normalisations[0]['i1']"),
        ({"aggregations": "geometric"}, "variation.aggregations"),
    ],
)
def test_a_bad_variation_is_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(CchcError) as info:
        Variation(**arguments)
    assert info.value.field == field


def test_a_result_pickles_and_its_arrays_are_read_only() -> None:
    result = uncertainty(model_of(), VARIED, runs=20, seed=1)
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
    result = sensitivity(model, Variation(weights="0.5", imputations=[MEAN]), samples=4000)
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
    result = sensitivity(model, Variation(imputations=[MEDIAN]), samples=200, seed=1)
    assert result.factors == ("imputation",)
    assert result.total[0] == pytest.approx(1, abs=0.1)


def test_sensitivity_is_seeded_and_refuses_a_choice_that_cannot_run() -> None:
    model = model_of()
    one = sensitivity(model, VARIED, samples=50, seed=9)
    two = sensitivity(model, VARIED, samples=50, seed=9)
    assert one.first == two.first
    assert one.samples == 50
    bad = Variation(normalisations=[Normalisation.z_score()], aggregations=[Aggregation.harmonic()])
    with pytest.raises(ValidationError, match="cannot run"):
        sensitivity(model, bad, samples=10)


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
    assert "z" not in [s.indicator for s in profile(model, "d", count=4).strengths]
    with pytest.raises(NotFoundError, match="not a unit"):
        profile(model, "e")


def test_correlations_agree_with_scipy_pearson_and_spearman() -> None:
    model = model_of(generated(units=30))
    pearson = correlations(model, "pearson")
    spearman = correlations(model, "spearman")
    signed = model.values * np.array(model.directions)
    for i, j in ((0, 1), (2, 8), (4, 7)):
        want_p = stats.pearsonr(signed[:, i], signed[:, j]).statistic
        want_s = stats.spearmanr(signed[:, i], signed[:, j]).statistic
        assert pearson.between[i, j] == pytest.approx(want_p)
        assert spearman.between[i, j] == pytest.approx(want_s)
    assert pearson.parents[8] == "D2"
    d2 = model.node_scores()["D2"]
    assert pearson.with_parent[8] == pytest.approx(stats.pearsonr(signed[:, 8], d2).statistic)
    assert pearson.pair("i3", "I5") == pearson.between[3, 5]
    with pytest.raises(NotFoundError):
        pearson.pair("i3", "nope")
    with pytest.raises(ValidationError, match="'pearson' or 'spearman'"):
        correlations(model, "kendall")


def test_correlations_use_the_units_that_have_both_values() -> None:
    model = Model.build(["a", "b", "c", "d"], ["x", "y"], [[1, 2], [2, None], [3, 5], [4, 9]])
    want = stats.pearsonr([1, 3, 4], [2, 5, 9]).statistic
    assert correlations(model).pair("x", "y") == pytest.approx(want)


def test_cronbach_alpha_matches_a_hand_computed_case() -> None:
    # three units, three items (sample variances, n - 1):
    # items 1, 2, 3 | 2, 3, 4 | 3, 5, 6: variances 1, 1 and (25 + 1 + 16) / 9 / 2 = 7/3
    # sums 6, 10, 13: variance (121 + 1 + 100) / 9 / 2 = 37/3
    # alpha = 3/2 (1 - (13/3) / (37/3)) = 3/2 * 24/37 = 36/37
    assert cronbach_alpha([[1, 2, 3], [2, 3, 5], [3, 4, 6]]) == pytest.approx(36 / 37)


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
    assert math.isnan(cronbach_alpha([[1.0], [2.0]]))  # one item: alpha undefined


def test_cronbach_per_node_uses_the_normalised_indicators_under_it() -> None:
    model = model_of(generated(units=40))
    alphas = cronbach(model)
    data = normalise_array(model.values, ONE_TO_TEN, model.directions)
    assert list(alphas) == list(model.nodes)
    assert alphas["D2"] == pytest.approx(cronbach_alpha(data[:, 6:9]))
    assert alphas["P0"] == pytest.approx(cronbach_alpha(data[:, 0:6]))


def test_runs_in_small_batches_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    import cchc.sensitivity

    model = model_of(generated(missing=0.1))
    whole_batch = uncertainty(model, VARIED, runs=50, seed=4)
    monkeypatch.setattr(cchc.sensitivity, "CHUNK", 7)
    batched = uncertainty(model, VARIED, runs=50, seed=4)
    assert np.array_equal(whole_batch.ranks, batched.ranks)
    assert np.allclose(whole_batch.scores, batched.scores, rtol=1e-12)


def test_a_request_too_large_for_memory_is_refused_before_any_work() -> None:
    with pytest.raises(ValidationError, match="fewer runs") as info:
        uncertainty(model_of(), Variation(weights="0.1"), runs=10_000_000)
    assert info.value.field == "runs"
    with pytest.raises(ValidationError, match="fewer runs") as info:
        sensitivity(model_of(), Variation(weights="0.1"), samples=5_000_000)
    assert info.value.field == "samples"


_HUGE = 10**4000


def _any(value: object) -> Any:
    """``value``, passed where the signature asks for something else."""
    return value


_ROWS = [[1.0, 2.0], [3.0, 1.0]]
_CUBE = [[[1.0]], [[2.0]]]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: normalise_array(None, Normalisation()), "values"),
        (lambda: normalise_array([[_HUGE]], Normalisation()), "values"),
        (lambda: normalise_array([["1", "2"]], Normalisation()), "values"),
        (lambda: normalise_array("NaN", Normalisation()), "values"),
        (lambda: normalise_array(_ROWS, _any(None)), "normalisation"),
        (lambda: normalise_array(_ROWS, Normalisation(), directions=[1]), "directions"),
        (lambda: normalise_array(_ROWS, Normalisation(), directions=[1, 2]), "directions"),
        (lambda: normalise_array(_ROWS, Normalisation.windowed(3), window=[1.0]), "window"),
        (lambda: impute_array(_HUGE, MEAN), "values"),
        (lambda: impute_array(_CUBE, _any(None)), "imputation"),
        (lambda: impute_array(_CUBE, MEAN, included=[[1], [0]]), "included"),
        (lambda: impute_array(_CUBE, MEAN, included="yes"), "included"),
        (lambda: impute_array(_CUBE, MEAN, groups=["a"]), "groups"),
        (lambda: impute_array(_CUBE, MEAN, groups="ab"), "groups"),
        (lambda: impute_array(_CUBE, LINEAR, years=_any([None])), "years"),
        (lambda: aggregate_array(None, None, _any(None)), "weights"),
        (lambda: aggregate_array([1.0, 2.0], [1, 1], Aggregation()), "values"),
        (lambda: aggregate_array(_ROWS, [1, 1, 1], Aggregation()), "values"),
        (lambda: aggregate_array(_ROWS, [1, 1], _any(None)), "aggregation"),
        (lambda: aggregate_array(_ROWS, [1, 1], Aggregation(), parents=[0, 5]), "parents"),
        (lambda: aggregate_array(_ROWS, [1, 1], Aggregation(), parents=_any([0, 0.5])), "parents"),
        (lambda: aggregate_array([_ROWS], [[1, 1]] * 3, Aggregation()), "weights"),
        (lambda: aggregate_array(_ROWS, [1, 1], Aggregation(), what=_any("x")), "what"),
        (lambda: rank_scores(None), "scores"),
        (lambda: rank_scores([_HUGE]), "scores"),
        (lambda: rank_scores([1.0, 2.0], tolerance=math.nan), "tolerance"),
        (lambda: rank_scores([1.0, 2.0], tolerance=_HUGE), "tolerance"),
        (lambda: rank_scores([1.0, 2.0], tolerance=_any("0")), "tolerance"),
        (lambda: sobol_indices(None, None, None), "y_a"),
        (lambda: sobol_indices({}, [1.0], [[1.0]]), "y_a"),
        (lambda: sobol_indices([1.0], [1.0], _HUGE), "y_ab"),
        (lambda: sobol_indices([], [], [[]]), "y_ab"),
        (lambda: cronbach_alpha(_HUGE), "items"),
        (lambda: cronbach_alpha([[b"1", 2]]), "items"),
        (lambda: Model.build(["a"], ["x"], [[1]], weights=_any([1])), "weights"),
        (lambda: Model.build(["a"], ["x"], [[1]], directions=_any("x")), "directions"),
        (lambda: Model.of(spec_of(), ["a"], [1.0] * 9), "values"),
        (lambda: Model.of(spec_of(), ["a"], [[1.0] * 9], years=_any(5)), "years"),
        (lambda: Model.of(spec_of(), ["a"], [[1.0] * 9], years=_any([None])), "years[0]"),
        (lambda: Model.of(spec_of(), ["a"], [[1.0] * 9], year=_HUGE), "year"),
        (lambda: Model.of(spec_of(), ["a"], [[1.0] * 9], groups=_any(["g"])), "groups"),
    ],
)
def test_hostile_arguments_are_refused_with_the_field_named(call: object, field: str) -> None:
    with pytest.raises(CchcError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field
    assert info.value.vi


def test_floats_too_large_to_sum_give_nan_not_a_warning() -> None:
    assert math.isnan(cronbach_alpha([[1e308, -1e308], [1e308, 1e308], [0.0, 1.0]]))
    first, total = sobol_indices([1e308, -1e308], [1e308, 1e308], [[1e308, 0.0]])
    assert first.shape == total.shape == (1,)


def test_empty_rows_of_scores_rank_to_empty_rows() -> None:
    assert rank_scores(np.zeros((2, 0))).shape == (2, 0)
    assert rank_scores([np.inf, 1.0, -np.inf]).tolist() == [1, 2, 3]
