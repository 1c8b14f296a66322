"""Composite indices: the spec as data, each build step, the log, and the bundled indices."""

from __future__ import annotations

import math
import pickle
import warnings
from fractions import Fraction
from typing import ClassVar

import attrs
import numpy as np
import pytest

from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    ValidationError,
)
from cchc.indices import (
    Aggregation,
    Direction,
    Exclusion,
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
    OutlierMethod,
    OutlierTreatment,
    Panel,
    Screening,
    ZeroRule,
    aggregate,
    build,
    bundled_indices,
    compare,
    competition_ranks,
    load_index,
    normalise,
    parse_index,
    rebuild,
)

F = Fraction


def flat_spec(
    codes: tuple[str, ...] = ("a", "b"),
    weights: list[object] | None = None,
    normalisation: Normalisation | None = None,
    **kwargs: object,
) -> IndexSpec:
    """One index node over the indicators ``codes``."""
    return IndexSpec(
        "t",
        "Chỉ số thử",
        "Test index",
        indicators=[Indicator(c, f"Chỉ tiêu {c}") for c in codes],
        nodes=[
            Node(
                "I",
                "Chỉ số",
                "Index",
                NodeLevel.INDEX,
                list(codes),
                weights=[1] * len(codes) if weights is None else weights,
            )
        ],
        normalisation=normalisation or Normalisation.min_max(0, 100),
        **kwargs,  # type: ignore[arg-type]
    )


def two_level_spec() -> IndexSpec:
    """Two dimensions of two indicators each, weighted 3:1 at the top."""
    return IndexSpec(
        "two",
        "Chỉ số hai cấp",
        "Two levels",
        indicators=[Indicator(c, c.upper()) for c in ("a1", "a2", "b1", "b2")],
        nodes=[
            Node("A", "Thành phần A", "A", "dimension", ["a1", "a2"], weights=[1, 1]),
            Node("B", "Thành phần B", "B", "dimension", ["b1", "b2"], weights=[2, 6]),
            Node("I", "Chỉ số", "Index", "index", ["A", "B"], weights=[30, 10]),
        ],
        normalisation=Normalisation.min_max(0, 10),
    )


# ---------------------------------------------------------------------------------------------
# the spec


class TestSpec:
    def test_weights_rescale_within_their_parent_and_multiply_up_the_tree(self) -> None:
        spec = two_level_spec()
        assert spec.node("B").rescaled() == {"b1": F(1, 4), "b2": F(3, 4)}
        assert spec.effective_weights() == {
            "a1": F(3, 8),
            "a2": F(3, 8),
            "b1": F(1, 16),
            "b2": F(3, 16),
        }
        assert sum(spec.effective_weights().values()) == 1

    def test_every_problem_of_a_tree_is_reported_at_once(self) -> None:
        with pytest.raises(InvalidDocumentError) as caught:
            IndexSpec(
                "bad",
                "Sai",
                "Bad",
                indicators=[Indicator("a", "A"), Indicator("A", "A lặp"), Indicator("c", "C")],
                nodes=[
                    Node("D", "D", "D", "dimension", ["a", "x"]),
                    Node("E", "E", "E", "dimension", ["a", "D"]),
                ],
            )
        codes = {f.code for f in caught.value.findings}
        assert codes == {
            "index.duplicate-code",
            "index.unknown-child",
            "index.two-parents",
            "index.level-order",
            "index.root",
            "index.orphan",
        }
        paths = {f.path for f in caught.value.findings}
        assert "nodes[0].children[1]" in paths
        assert "indicators[1].code" in paths

    def test_direction_reads_signs_and_words(self) -> None:
        assert Direction(1) is Direction.POSITIVE
        assert Direction("-1") is Direction.NEGATIVE
        assert Direction("tiêu cực") is Direction.NEGATIVE
        assert Indicator("x", "X", direction=-1).direction.sign == -1
        with pytest.raises(ValidationError) as caught:
            Direction(2)
        assert caught.value.vi

    def test_levels_are_ordered_from_indicator_to_index(self) -> None:
        assert sorted(
            [NodeLevel.INDEX, NodeLevel.INDICATOR, NodeLevel.DIMENSION, NodeLevel.SUB_DIMENSION]
        ) == [
            NodeLevel.INDICATOR,
            NodeLevel.SUB_DIMENSION,
            NodeLevel.DIMENSION,
            NodeLevel.INDEX,
        ]

    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: Node("N", "N", "N", "index", ["a", "b"], weights=[1]), "weights"),
            (lambda: Node("N", "N", "N", "index", ["a"], weights=[-1]), "weights[0]"),
            (lambda: Node("N", "N", "N", "index", []), "children"),
            (lambda: Node("N", "N", "N", "index", ["a", "a"]), "children"),
            (lambda: Node("N", "N", "N", "indicator", ["a"]), "level"),
            (lambda: Node("N", "N", "N", "index", ["a"], scale=0), "scale"),
            (lambda: Normalisation.min_max(5, 5), "high"),
            (lambda: Normalisation.goalposts(10, 0), "upper"),
            (lambda: Normalisation(NormalisationMethod.DISTANCE_TO_TARGET), "target"),
            (lambda: Normalisation.windowed(0), "window"),
            (lambda: Aggregation(Method.GENERALISED, p=0), "p"),
            (lambda: Aggregation.geometric(ZeroRule.SHIFT, shift=0), "shift"),
            (lambda: Screening(minimum="1.5"), "minimum"),
            (lambda: Indicator("a", ""), "name_vi"),
            (lambda: Indicator("a", "A", normalisation="min-max"), "normalisation"),  # type: ignore[arg-type]
        ],
    )
    def test_bad_settings_name_the_field_in_both_languages(self, make, field) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(CchcError) as caught:
            make()
        assert caught.value.field == field
        assert caught.value.vi

    def test_settings_resolve_from_the_indicator_then_the_level_then_the_default(self) -> None:
        spec = IndexSpec(
            "s",
            "S",
            "S",
            indicators=[
                Indicator("a", "A", imputation=Imputation(ImputationMethod.LINEAR)),
                Indicator("b", "B"),
                Indicator("c", "C", normalisation=Normalisation.z_score()),
            ],
            nodes=[
                Node("D", "D", "D", "dimension", ["a", "b"]),
                Node("I", "I", "I", "index", ["D", "c"]),
            ],
            imputation=Imputation(ImputationMethod.GROUP_MEAN),
            imputation_per_level={"dimension": Imputation(ImputationMethod.LATEST_YEAR)},
        )
        assert spec.imputation_of("a").method is ImputationMethod.LINEAR
        assert spec.imputation_of("b").method is ImputationMethod.LATEST_YEAR
        assert spec.imputation_of("c").method is ImputationMethod.GROUP_MEAN
        assert spec.normalisation_of("c").method is NormalisationMethod.Z_SCORE
        assert spec.normalisation_of("a") == spec.normalisation

    def test_value_type_contracts(self) -> None:
        spec = two_level_spec()
        again = two_level_spec()
        assert spec == again
        assert hash(spec) == hash(again)
        assert pickle.loads(pickle.dumps(spec)) == spec
        assert repr(Aggregation.generalised(2)) == (
            "Aggregation(method=Method.GENERALISED, p=Fraction(2, 1))"
        )
        changed = attrs.evolve(spec.root, weights=[1, 1])
        assert changed != spec.root
        assert spec.root.weights == (F(30), F(10))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            spec.root.scale = F(2)  # type: ignore[misc]
        for value in (Normalisation.windowed(3, 1, 10), OutlierTreatment.log(), Screening()):
            assert pickle.loads(pickle.dumps(value)) == value
            assert hash(value) == hash(attrs.evolve(value))

    def test_unknown_weights_must_be_given_before_building(self) -> None:
        spec = flat_spec(weights=[None, "unknown"])
        panel = Panel.from_array(["X", "Y"], ["a", "b"], 2024, [[1, 2], [3, 4]])
        with pytest.raises(ValidationError) as caught:
            build(spec, panel)
        assert caught.value.field == "weights"
        assert "I" in str(caught.value)
        result = build(spec, panel, weights={"I": [1, 3]})
        assert result.effective_weights == {"a": F(1, 4), "b": F(3, 4)}


# ---------------------------------------------------------------------------------------------
# panels


class TestPanel:
    def test_floats_are_read_as_the_decimals_they_print_as(self) -> None:
        panel = Panel.from_array(["X"], ["a", "b"], [2023], np.array([[[0.1], [np.nan]]]))
        assert panel.value("X", "a", 2023) == F(1, 10)
        assert panel.value("x", "B", 2023) is None
        assert panel.missing == 1

    def test_a_long_table_gives_the_same_panel_as_the_array(self) -> None:
        rows = [
            {"unit": "X", "indicator": "a", "year": 2023, "value": "1.5"},
            ("Y", "a", 2023, 2),
            ("X", "a", 2024, 3),
        ]
        panel = Panel.from_long(rows)
        expected = Panel.from_array(["X", "Y"], ["a"], [2023, 2024], [[["1.5", 3]], [[2, None]]])
        assert panel == expected

    @pytest.mark.parametrize(
        ("make", "error", "field"),
        [
            (
                lambda: Panel.from_long([("X", "a", 2023, 1), ("x", "a", 2023, 2)]),
                ValidationError,
                "rows[1]",
            ),
            (lambda: Panel.from_long([("X", "a", 2023)]), ValidationError, "rows[0]"),
            (lambda: Panel.from_long([("X", "a", "năm", 1)]), ParseError, "rows[0].year"),
            (
                lambda: Panel.from_array(["X"], ["a"], 2023, [[math.inf]]),
                ValidationError,
                "values[X, a, 2023]",
            ),
            (
                lambda: Panel.from_array(["X"], ["a"], 2023, [[True]]),
                CchcTypeError,
                "values[X, a, 2023]",
            ),
            (lambda: Panel.from_array(["X"], ["a"], 2023, [[1, 2]]), ValidationError, "values"),
            (
                lambda: Panel.from_array(["X", "x"], ["a"], 2023, [[1], [2]]),
                ValidationError,
                "units[1]",
            ),
            (
                lambda: Panel(["X"], ["a"], [2024, 2023], np.full((1, 1, 2), None)),
                ValidationError,
                "years",
            ),
            (lambda: Panel(["X"], ["a"], [2023], np.ones((1, 1, 1))), CchcTypeError, "values"),
        ],
    )
    def test_bad_data_is_refused_naming_the_cell(self, make, error, field) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(error) as caught:
            make()
        assert caught.value.field == field

    def test_the_data_must_hold_every_indicator_of_the_spec(self) -> None:
        panel = Panel.from_array(["X"], ["a"], 2023, [[1]])
        with pytest.raises(NotFoundError) as caught:
            build(flat_spec(), panel)
        assert caught.value.value == ["b"]


# ---------------------------------------------------------------------------------------------
# normalisation


class TestNormalisation:
    x: ClassVar[list[Fraction | None]] = [F(2), F(4), F(10), None]

    def test_min_max_to_one_ten_is_exact(self) -> None:
        assert normalise(self.x, Normalisation.min_max(1, 10)) == [F(1), F(13, 4), F(10), None]

    def test_a_negative_indicator_is_scored_so_that_less_is_better(self) -> None:
        got = normalise(self.x, Normalisation.min_max(1, 10), Direction.NEGATIVE)
        assert got == [F(10), F(31, 4), F(1), None]

    def test_all_equal_values_score_the_top_of_the_range(self) -> None:
        assert normalise([F(3), F(3)], Normalisation.min_max(1, 10)) == [F(10), F(10)]

    def test_goalposts_clip_outside_values(self) -> None:
        norm = Normalisation.goalposts(0, 8, 0, 100)
        assert normalise(self.x, norm) == [F(25), F(50), F(100), None]
        assert normalise(self.x, norm, -1) == [F(75), F(50), F(0), None]

    def test_window_min_max_takes_min_and_max_over_earlier_years(self) -> None:
        norm = Normalisation.windowed(3, 1, 10)
        got = normalise([F(4), F(6)], norm, window=[F(0), F(10), None])
        assert got == [1 + 9 * F(4, 10), 1 + 9 * F(6, 10)]

    def test_rank_and_percentile_count_from_the_bottom_with_ties(self) -> None:
        values = [F(5), F(1), F(5), F(3)]
        assert normalise(values, Normalisation.rank()) == [F(3), F(1), F(3), F(2)]
        assert normalise(values, Normalisation.percentile(0, 100)) == [
            F(200, 3),
            F(0),
            F(200, 3),
            F(100, 3),
        ]

    def test_distance_to_target_is_capped_at_the_target(self) -> None:
        norm = Normalisation.distance_to_target(6, 0, 1)
        assert normalise(self.x, norm) == [F(0), F(1, 2), F(1), None]

    def test_distance_to_best_is_a_ratio_to_the_best_unit(self) -> None:
        norm = Normalisation.distance_to_best(0, 1)
        assert normalise(self.x, norm) == [F(1, 5), F(2, 5), F(1), None]
        assert normalise(self.x, norm, -1) == [F(1), F(1, 2), F(1, 5), None]
        with pytest.raises(ValidationError):
            normalise([F(0), F(2)], norm, -1)

    def test_z_scores_are_floats_with_the_sample_deviation(self) -> None:
        got = normalise([F(1), F(2), F(3)], Normalisation.z_score())
        assert got == pytest.approx([-1.0, 0.0, 1.0])
        assert all(isinstance(v, float) for v in got)

    def test_min_max_and_its_reverse_agree_with_pymcdm(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pymcdm.normalizations import minmax_normalization
        rng = np.random.default_rng(14)
        data = rng.integers(0, 1000, size=40) / 10
        values = [F(str(v)) for v in data]
        for direction, cost in ((1, False), (-1, True)):
            ours = normalise(values, Normalisation.min_max(0, 1), direction)
            theirs = minmax_normalization(data, cost=cost)
            assert [float(v) for v in ours] == pytest.approx(theirs, abs=1e-12)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# aggregation


class TestAggregation:
    ws: ClassVar[list[Fraction]] = [F(1), F(3)]

    def test_arithmetic_is_exact_and_skips_missing_children(self) -> None:
        assert aggregate([F(2), F(6)], self.ws) == F(5)
        assert aggregate([F(2), None], self.ws) == F(2)
        assert aggregate([None, None], self.ws) is None

    def test_geometric_harmonic_and_generalised_means(self) -> None:
        x = [F(2), F(8)]
        assert aggregate(x, self.ws, Aggregation.geometric()) == pytest.approx(2**0.25 * 8**0.75)
        assert aggregate(x, self.ws, Aggregation.harmonic()) == pytest.approx(
            1 / (0.25 / 2 + 0.75 / 8)
        )
        assert aggregate(x, self.ws, Aggregation.generalised(1)) == pytest.approx(6.5)
        assert aggregate(x, self.ws, Aggregation.generalised(2)) == pytest.approx(
            math.sqrt(0.25 * 4 + 0.75 * 64)
        )

    def test_zeros_follow_the_rule_given(self) -> None:
        x = [F(0), F(8)]
        with pytest.raises(ValidationError) as caught:
            aggregate(x, self.ws, Aggregation.geometric(), field="D1 X 2024")
        assert caught.value.field == "D1 X 2024"
        assert caught.value.vi
        assert aggregate(x, self.ws, Aggregation.geometric(ZeroRule.ZERO)) == 0.0
        shifted = aggregate(x, self.ws, Aggregation.geometric(ZeroRule.SHIFT, shift=1))
        assert shifted == pytest.approx(1**0.25 * 9**0.75 - 1)

    def test_the_scale_multiplies_the_mean(self) -> None:
        assert aggregate([F(7)], [F(1)], scale=F(10)) == F(70)

    def test_weighted_sums_agree_with_pymcdm(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pymcdm.methods import WPM, WSM
            from pymcdm.normalizations import minmax_normalization
        rng = np.random.default_rng(7)
        matrix = rng.integers(1, 100, size=(12, 4)).astype(float)
        types = np.array([1, -1, 1, 1])
        weights = np.array([0.1, 0.2, 0.3, 0.4])
        spec = IndexSpec(
            "x",
            "X",
            "X",
            indicators=[Indicator(f"c{j}", f"C{j}", direction=int(types[j])) for j in range(4)],
            nodes=[Node("I", "I", "I", "index", [f"c{j}" for j in range(4)], weights=[1, 2, 3, 4])],
            normalisation=Normalisation.min_max(0, 1),
        )
        units = [f"u{i}" for i in range(12)]
        result = build(spec, Panel.from_array(units, spec.codes, 2024, matrix))
        ours = [float(result.score(u, 2024) or 0) for u in units]
        assert ours == pytest.approx(WSM(minmax_normalization)(matrix, weights, types), abs=1e-12)
        # a geometric index over strictly positive normalised values matches the weighted product
        geo = attrs.evolve(
            spec,
            nodes=[attrs.evolve(spec.root, aggregation=Aggregation.geometric())],
            normalisation=Normalisation.min_max(1, 2),
        )
        shifted = build(geo, Panel.from_array(units, geo.codes, 2024, matrix))
        expected = WPM(lambda x, cost: 1 + minmax_normalization(x, cost))(matrix, weights, types)
        got = [float(shifted.score(u, 2024) or 0) for u in units]
        assert got == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------------------------------------
# the build, step by step


def panel_of(values: dict[str, list[list[object]]], years: list[int]) -> Panel:
    """units -> [indicator][year] values."""
    units = list(values)
    n_ind = len(values[units[0]])
    codes = [chr(ord("a") + i) for i in range(n_ind)]
    return Panel.from_array(units, codes, years, [values[u] for u in units])


class TestBuild:
    def test_scores_and_ranks_of_a_two_level_index(self) -> None:
        spec = two_level_spec()
        panel = Panel.from_array(
            ["X", "Y", "Z"],
            ["a1", "a2", "b1", "b2"],
            2024,
            [[0, 0, 10, 10], [10, 10, 0, 0], [5, 5, 5, 5]],
        )
        result = build(spec, panel)
        assert result.score("X", 2024, "A") == 0
        assert result.score("X", 2024, "B") == 10
        assert result.score("X", 2024) == F(30 * 0 + 10 * 10, 40)
        assert result.score("Y", 2024) == F(30 * 10, 40)
        assert result.score("Z", 2024) == 5
        assert [u for u, _, _ in result.ranking(2024)] == ["Y", "Z", "X"]
        assert result.exact

    def test_ties_share_the_better_rank_and_never_round_before_ranking(self) -> None:
        assert competition_ranks([F(5), F(7), F(7), None, F(1)]) == [3, 1, 1, None, 4]
        # 2/3 and 0.6667 print alike to two decimals; the exact scores still rank them apart
        spec = flat_spec(("a",), normalisation=Normalisation.none())
        panel = Panel.from_array(["X", "Y", "Z"], ["a"], 2024, [["2/3"], ["0.6667"], ["0.6667"]])
        result = build(spec, panel)
        assert [(u, r) for u, _, r in result.ranking(2024)] == [("Y", 1), ("Z", 1), ("X", 3)]

    def test_screening_reports_the_units_it_leaves_out(self) -> None:
        spec = flat_spec(("a", "b", "c"), screening=Screening(minimum=F(2, 3)))
        panel = Panel.from_array(
            ["X", "Y", "Z"], ["a", "b", "c"], 2024, [[1, 2, 3], [1, None, None], [3, None, 1]]
        )
        result = build(spec, panel)
        assert result.exclusions == (Exclusion("Y", 2024, F(1, 3), F(2, 3)),)
        assert result.score("Y", 2024) is None
        assert result.rank("Y", 2024) is None
        assert result.rank("X", 2024) is not None
        assert result.score("Z", 2024) is not None

    def test_screening_per_level_needs_the_share_under_every_node(self) -> None:
        spec = attrs.evolve(
            two_level_spec(), screening=Screening(minimum=F(1, 2), per_level={"dimension": 1})
        )
        panel = Panel.from_array(
            ["X", "Y"], ["a1", "a2", "b1", "b2"], 2024, [[1, 1, 1, 1], [1, 1, 1, None]]
        )
        result = build(spec, panel)
        assert [(e.unit, e.node) for e in result.exclusions] == [("Y", "B")]

    @pytest.mark.parametrize(
        ("method", "expected"),
        [
            (ImputationMethod.GROUP_MEAN, F(3)),  # mean of X's 2 and Z's 4 in 2024
            (ImputationMethod.GROUP_MEDIAN, F(3)),
            (ImputationMethod.LATEST_YEAR, F(7)),  # Y's 2023 value
            (ImputationMethod.LINEAR, F(8)),  # halfway from 7 (2023) to 9 (2025)
        ],
    )
    def test_each_imputation_rule_fills_and_records_the_cell(self, method, expected) -> None:  # type: ignore[no-untyped-def]
        spec = flat_spec(("a",), imputation=Imputation(method), screening=Screening(minimum=0))
        panel = Panel.from_array(
            ["X", "Y", "Z"],
            ["a"],
            [2023, 2024, 2025],
            [[[1, 2, 3]], [[7, None, 9]], [[5, 4, 6]]],
        )
        result = build(spec, panel)
        (cell,) = result.imputed
        assert (cell.unit, cell.indicator, cell.year, cell.method) == ("Y", "a", 2024, method)
        assert cell.value == expected
        assert result.score("Y", 2024) is not None

    def test_group_means_impute_within_the_groups_given(self) -> None:
        spec = flat_spec(
            ("a",),
            imputation=Imputation(ImputationMethod.GROUP_MEAN),
            screening=Screening(minimum=0),
        )
        panel = Panel.from_array(["X", "Y", "Z", "W"], ["a"], 2024, [[1], [None], [10], [20]])
        result = build(spec, panel, groups={"X": "phường", "Y": "phường", "Z": "xã", "W": "xã"})
        assert result.imputed[0].value == 1

    def test_without_imputation_a_missing_child_leaves_its_weight_to_the_others(self) -> None:
        spec = flat_spec(("a", "b"), weights=[1, 3], screening=Screening(minimum=F(1, 2)))
        panel = Panel.from_array(["X", "Y", "Z"], ["a", "b"], 2024, [[0, 0], [10, None], [5, 10]])
        result = build(spec, panel)
        assert result.imputed == ()
        assert result.score("Y", 2024) == result.normalised_value("Y", "a", 2024) == 100

    def test_winsorising_a_skewed_indicator_is_recorded(self) -> None:
        values = [[v] for v in [1, 2, 2, 3, 3, 3, 4, 4, 5, 200]]
        spec = flat_spec(
            ("a",),
            normalisation=Normalisation.none(),
            outliers=OutlierTreatment.winsorise(),
        )
        result = build(spec, Panel.from_array([f"u{i}" for i in range(10)], ["a"], 2024, values))
        (treated,) = result.treated
        assert treated.method is OutlierMethod.WINSORISE
        assert treated.points == 1
        assert treated.skew_before > 2
        assert treated.skew_after < treated.skew_before
        assert result.score("u9", 2024) == 5  # set to the next value
        assert result.exact

    def test_a_log_transform_is_recorded_and_makes_the_scores_floats(self) -> None:
        values = [[v] for v in [1, 2, 2, 3, 3, 3, 4, 4, 5, 200]]
        spec = flat_spec(
            ("a",), normalisation=Normalisation.none(), outliers=OutlierTreatment.log()
        )
        result = build(spec, Panel.from_array([f"u{i}" for i in range(10)], ["a"], 2024, values))
        assert result.treated[0].method is OutlierMethod.LOG
        assert result.score("u0", 2024) == 0.0
        assert not result.exact
        assert result.score("u9", 2024) == pytest.approx(math.log(200))

    def test_an_indicator_without_skew_is_left_alone(self) -> None:
        spec = flat_spec(("a",), outliers=OutlierTreatment.winsorise())
        result = build(spec, Panel.from_array(["X", "Y", "Z"], ["a"], 2024, [[1], [2], [3]]))
        assert result.treated == ()

    def test_nodes_of_one_level_may_aggregate_differently(self) -> None:
        spec = two_level_spec()
        geometric_b = attrs.evolve(spec.node("B"), aggregation=Aggregation.geometric(ZeroRule.ZERO))
        spec = attrs.evolve(spec, nodes=[spec.node("A"), geometric_b, spec.root])
        panel = Panel.from_array(
            ["X", "Y"], ["a1", "a2", "b1", "b2"], 2024, [[0, 10, 0, 10], [10, 0, 10, 0]]
        )
        result = build(spec, panel)
        assert result.score("X", 2024, "A") == 5
        assert isinstance(result.score("X", 2024, "A"), F)
        assert result.score("X", 2024, "B") == 0.0
        assert isinstance(result.score("X", 2024, "B"), float)

    def test_window_normalisation_over_three_years_like_quang_ninh_ddci(self) -> None:
        spec = flat_spec(("a",), normalisation=Normalisation.windowed(3, 1, 10))
        panel = Panel.from_array(
            ["X", "Y"], ["a"], [2019, 2020, 2021, 2022], [[[0, 4, 6, 8]], [[10, 5, 7, 9]]]
        )
        result = build(spec, panel)
        # 2021: min 0 and max 10 over 2019-2021
        assert result.score("X", 2021) == 1 + 9 * F(6, 10)
        # 2022: the window 2020-2022 holds 4 ... 9
        assert result.score("X", 2022) == 1 + 9 * F(8 - 4, 9 - 4)

    def test_year_on_year_change_per_unit(self) -> None:
        spec = flat_spec(("a",), normalisation=Normalisation.none())
        panel = Panel.from_array(["X"], ["a"], [2023, 2024], [[[F(61, 2), 33]]])
        result = build(spec, panel)
        assert result.change("X", 2024) == F(5, 2)
        assert result.change("X", 2023) is None

    def test_the_log_rebuilds_the_same_result(self) -> None:
        spec = attrs.evolve(two_level_spec(), imputation=Imputation(ImputationMethod.GROUP_MEAN))
        panel = Panel.from_array(
            ["X", "Y", "Z"],
            ["a1", "a2", "b1", "b2"],
            [2023, 2024],
            [
                [[1, 2], [3, 4], [5, 6], [7, 8]],
                [[2, 2], [None, 1], [6, 6], [1, 9]],
                [[3, 1], [1, 1], [7, 5], [8, None]],
            ],
        )
        result = build(spec, panel, weights={"I": [1, 1]})
        again = rebuild(result.steps)
        assert again == result
        assert [s.name for s in result.steps] == [
            "data",
            "screening",
            "imputation",
            "outliers",
            "normalisation",
            "weighting",
            "aggregation",
            "ranking",
        ]
        assert rebuild(result) != build(spec, panel)  # other weights, another result

    def test_two_variants_compared_unit_by_unit(self) -> None:
        spec = flat_spec(("a", "b"))
        panel = Panel.from_array(["X", "Y"], ["a", "b"], 2024, [[10, 0], [0, 10]])
        a = build(spec, panel, weights={"I": [2, 1]})
        b = build(spec, panel, weights={"I": [1, 2]})
        diffs = {d.unit: d for d in compare(a, b)}
        assert diffs["X"].rank_change == 1
        assert diffs["Y"].rank_change == -1
        assert diffs["X"].score_a == F(200, 3)

    def test_strengths_and_weaknesses_are_the_best_and_worst_ranked_indicators(self) -> None:
        spec = flat_spec(("a", "b", "c"))
        panel = Panel.from_array(
            ["X", "Y", "Z"], ["a", "b", "c"], 2024, [[9, 1, 5], [5, 5, 9], [1, 9, 1]]
        )
        result = build(spec, panel)
        assert result.strengths("X", 2024, 1) == [("a", 1)]
        assert result.weaknesses("X", 2024, 1) == [("b", 3)]

    def test_a_build_of_something_else_is_refused(self) -> None:
        with pytest.raises(CchcTypeError):
            build("PCI", [])  # type: ignore[arg-type]
        assert isinstance(build(flat_spec(("a",)), [("X", "a", 2024, 1)]), IndexResult)


# ---------------------------------------------------------------------------------------------
# files and the bundled indices


class TestFiles:
    def test_pci_2016_holds_the_ten_sub_indices_and_their_weights(self) -> None:
        pci = load_index("PCI-2016")
        assert len(pci.indicators) == 10
        weights = dict(zip(pci.root.children, pci.root.weights, strict=True))
        assert weights == {
            "entry": 5,
            "land": 5,
            "transparency": 20,
            "time": 5,
            "informal": 10,
            "competition": 5,
            "proactivity": 5,
            "support": 20,
            "labour": 20,
            "legal": 5,
        }
        assert pci.root.scale == 10
        assert "2016" in pci.source

    # Tiền Giang's published sub-indices and PCI, 2013-2016 (pcivietnam.org/tien-giang).
    TIEN_GIANG: ClassVar[dict[int, tuple[tuple[float, ...], str]]] = {
        # year: (entry, land, transparency, time, informal, competition, proactivity,
        #        support, labour, legal), published PCI
        2013: ((7.31, 7.04, 5.43, 7.40, 8.17, 6.39, 5.61, 3.68, 5.13, 7.30), "57.19"),
        2014: ((8.61, 6.04, 5.71, 7.13, 5.71, 3.72, 4.13, 5.44, 4.67, 5.88), "55.11"),
        2015: ((8.23, 5.97, 5.51, 7.02, 5.54, 6.37, 4.53, 5.18, 5.41, 5.91), "56.74"),
        2016: ((8.88, 5.61, 6.07, 6.61, 5.34, 5.69, 4.08, 5.53, 5.40, 4.95), "57.25"),
    }

    def test_a_published_pci_is_reproduced_from_its_published_sub_indices(self) -> None:
        pci = load_index("pci-2016")
        years = sorted(self.TIEN_GIANG)
        values = [[[self.TIEN_GIANG[y][0][i] for y in years] for i in range(10)]]
        result = build(pci, Panel.from_array(["Tiền Giang"], pci.codes, years, values))
        # 2016, the year of the weights: to the cent
        assert result.score("Tiền Giang", 2016) == F("57.25")
        # earlier years: within the rounding of the published two-decimal sub-indices
        # (each off by at most 0.005, times the weights' sum 100 / 10) and of the total
        for year in (2013, 2014, 2015):
            published = F(self.TIEN_GIANG[year][1])
            assert abs(F(result.score("Tiền Giang", year)) - published) <= F("0.055")  # type: ignore[arg-type]

    def test_papi_has_eight_dimensions_and_twenty_eight_sub_dimensions(self) -> None:
        papi = load_index("papi-2018")
        dimensions = [n for n in papi.nodes if n.level is NodeLevel.DIMENSION]
        assert len(dimensions) == 8
        assert len(papi.indicators) == 28
        assert dimensions[7].name_vi == "Quản trị điện tử"
        assert dimensions[0].name_en == "Participation at local levels"
        assert all(i.name_vi and i.name_en for i in papi.indicators)
        assert not papi.weights_known

    def test_ddci_dong_thap_has_nine_components_and_no_invented_weights(self) -> None:
        ddci = load_index("ddci-dong-thap-2019")
        assert len(ddci.indicators) == 9
        assert ddci.indicators[7].name_vi == "Tính ứng dụng công nghệ thông tin"
        assert "843/QĐ-UBND" in ddci.source
        assert ddci.root.weights == (None,) * 9
        panel = Panel.from_array(["H1", "H2"], ddci.codes, 2024, [[5] * 9, [6] * 9])
        with pytest.raises(ValidationError):
            build(ddci, panel)
        assert build(ddci, panel, weights={"DDCI": [1] * 9}).score("H2", 2024) == 6

    def test_bundled_names_and_an_unknown_one(self) -> None:
        assert {"pci-2016", "papi-2018", "ddci-dong-thap-2019"} <= set(bundled_indices())
        with pytest.raises(NotFoundError) as caught:
            load_index("sipas")
        assert "pci-2016" in str(caught.value)

    @pytest.mark.parametrize(
        ("source", "error", "field"),
        [
            ("code = ", ParseError, "source"),
            ('code = "x"\nname_vi = "X"\nname_en = "X"\nweight = 1', ValidationError, "index"),
            (
                (
                    'code = "x"\nname_vi = "X"\nname_en = "X"\n[[indicators]]\ncode = "a"\n'
                    'name_vi = "A"\n[[nodes]]\ncode = "I"\nname_vi = "I"\nname_en = "I"\n'
                    'level = "index"\nchildren = ["a"]\nweights = "some"'
                ),
                ValidationError,
                "nodes[0].weights",
            ),
            ("x" * 1_000_001, ValidationError, "source"),
        ],
    )
    def test_bad_index_files_are_refused(self, source, error, field) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(error) as caught:
            parse_index(source)
        assert caught.value.field == field

    def test_settings_in_a_file(self) -> None:
        spec = parse_index(
            """
            code = "f"
            name_vi = "F"
            name_en = "F"
            [screening]
            minimum = "0.5"
            [normalisation]
            method = "min-max"
            low = 1
            high = 10
            [[indicators]]
            code = "a"
            name_vi = "A"
            direction = -1
            normalisation = { method = "GOALPOSTS", lower = 0, upper = 5 }
            [[nodes]]
            code = "I"
            name_vi = "I"
            name_en = "I"
            level = "index"
            children = ["a"]
            aggregation = { method = "geometric", zeros = "ZERO" }
            """
        )
        assert spec.screening.minimum == F(1, 2)
        assert spec.normalisation == Normalisation.min_max(1, 10)
        assert spec.indicator("a").direction is Direction.NEGATIVE
        assert spec.normalisation_of("a").upper == 5
        assert spec.root.aggregation == Aggregation.geometric(ZeroRule.ZERO)


# ---------------------------------------------------------------------------------------------
# hostile input: every entry point answers or raises a CchcError naming the field


class TestHostileInput:
    def test_the_pieces_refuse_what_is_not_a_list_of_scores(self) -> None:
        with pytest.raises(CchcTypeError, match="values"):
            competition_ranks(None)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match=r"values\[1\]"):
            competition_ranks([F(1), math.nan])
        with pytest.raises(ValidationError, match="too large"):
            normalise([1e300], Normalisation.z_score())
        with pytest.raises(CchcTypeError, match="normalisation"):
            normalise([F(1)], None)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="2 weights for 1 values"):
            aggregate([F(1)], [F(1), F(1)])
        with pytest.raises(CchcTypeError, match="aggregation"):
            aggregate([F(1)], [F(1)], "mean")  # type: ignore[arg-type]

    def test_ints_and_decimals_are_read_exactly(self) -> None:
        from decimal import Decimal

        assert competition_ranks([1, Decimal("2.5"), None]) == [2, 1, None]  # type: ignore[list-item]
        assert normalise([0, 5, 10], Normalisation.min_max(0, 1)) == [F(0), F(1, 2), F(1)]

    def test_sizes_are_bounded(self) -> None:
        from cchc.indices import CHILD_LIMIT, VALUES_LIMIT

        with pytest.raises(ValidationError, match="the limit is"):
            competition_ranks([F(1)] * (VALUES_LIMIT + 1))
        with pytest.raises(ValidationError, match="the limit is"):
            aggregate([F(1)] * (CHILD_LIMIT + 1), [F(1)] * (CHILD_LIMIT + 1))

    def test_a_mean_beyond_floats_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="beyond the range of floats"):
            aggregate([F(10**6), F(1)], [F(1), F(1)], Aggregation.generalised(1000))

    def test_panels_refuse_hostile_input(self) -> None:
        with pytest.raises(CchcTypeError, match="units"):
            Panel.from_array(None, ["x"], 2024, [[1]])  # type: ignore[arg-type]
        with pytest.raises(CchcError, match="values"):
            Panel.from_array(["A", "B"], ["x"], 2024, [[1], [[1], 2, 3]])
        with pytest.raises(CchcTypeError, match="rows"):
            Panel.from_long(None)  # type: ignore[arg-type]
        with pytest.raises(CchcTypeError, match="rows"):
            Panel.from_long("A,x,2024,1")

    def test_results_and_logs_are_checked(self) -> None:
        from cchc.indices import Step

        with pytest.raises(CchcTypeError, match="records"):
            Step("data", {}, None)
        with pytest.raises(CchcError):
            IndexResult(None, None, (), None, {}, {})  # type: ignore[arg-type]
        with pytest.raises(CchcTypeError, match="steps"):
            rebuild(None)  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="no data step"):
            rebuild([Step("data", {}, ())])
        with pytest.raises(CchcTypeError, match="a = None"):
            compare(None, None)  # type: ignore[arg-type]

    def test_an_index_file_lacking_a_key_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="lacks the keys code, name_vi, name_en"):
            parse_index("")
        with pytest.raises(ValidationError, match=r"nodes\[0\]"):
            parse_index('code = "x"\nname_vi = "X"\nname_en = "X"\n[[nodes]]\ncode = "I"\n')
