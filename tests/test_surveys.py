"""Surveys: definitions, respondents' answers checked all at once, exact shares and means with
their counts, intervals cross-checked with SciPy, survey values entering scoring, and the
survey's uncertainty carried into bands, ranks and prizes."""

from __future__ import annotations

import math
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import attrs
import numpy as np
import pytest
import scipy.stats

from cchc.campaigns import run_campaign
from cchc.criteria import Band, Criterion, Framework, Rule, load_bundled
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ValidationError,
)
from cchc.examples import load, load_results
from cchc.scoring import ScoreTable, score_table
from cchc.surveys import (
    LIKERT_5,
    SIPAS,
    YES_NO,
    Element,
    EstimateLevel,
    NonAnswer,
    Question,
    Responses,
    Scale,
    ScaleLevel,
    Survey,
    SurveyEstimates,
    campaign_outcomes,
    draw_survey_values,
    estimate,
    survey_outcomes,
    survey_results,
    survey_table,
    wilson_interval,
)

NA, DK, BLANK = (m.value for m in NonAnswer)
CAMPAIGN_6 = load_bundled("cchc-campaign-6")

#: Two questions in one element, a yes/no question in another; the overall share weights the
#: elements 3 : 1.
TWO = Survey(
    "T",
    "Khảo sát thử",
    "Test survey",
    [
        Element("E1", "Yếu tố 1", "", [Question("a", "Câu a"), Question("b", "Câu b")]),
        Element("E2", "Yếu tố 2", "", [Question("c", "Câu c", scale=YES_NO)]),
    ],
    element_weights={"E1": 3, "E2": 1},
)

#: Half manual points, half survey points; A from 90 %.
HALF = Framework(
    "half",
    "Nửa khảo sát",
    [
        Criterion("1", "Chỉ đạo, điều hành", Decimal(50)),
        Criterion("2", "Mức độ hài lòng", Decimal(50), rule=Rule.survey()),
    ],
    bands=[Band("A", 90, 100, upper_inclusive=True), Band("B", 80, 90), Band("C", 0, 80)],
)


def sipas_answers(rows: list[int]) -> dict[str, Any]:
    """Every SIPAS question answered ``rows`` (one answer per respondent)."""
    return {q.code: np.array(rows) for q in SIPAS.questions}


def problems(exc: pytest.ExceptionInfo[InvalidDocumentError]) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in exc.value.findings]


# --- definitions ----------------------------------------------------------------------------


def test_sipas_has_the_five_elements_of_scheme_2640() -> None:
    assert [e.vi for e in SIPAS.elements] == [
        "Tiếp cận dịch vụ",
        "Thủ tục hành chính",
        "Công chức trực tiếp giải quyết công việc",
        "Kết quả dịch vụ",
        "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
    ]
    assert all(e.en for e in SIPAS.elements)
    assert "2640/QĐ-BNV" in SIPAS.source
    assert SIPAS.illustrative  # the questions and the combination are not the official ones
    assert SIPAS.weights() == (Fraction(1, 5),) * 5


def test_likert_counts_the_top_two_levels_as_satisfied() -> None:
    assert LIKERT_5.satisfied == {4, 5}
    assert [level.vi for level in LIKERT_5.levels][3:] == ["Hài lòng", "Rất hài lòng"]
    assert YES_NO.satisfied == {1}


def test_definitions_are_frozen_values() -> None:
    q = Question("q1", "Câu hỏi")
    assert q == Question("q1", "Câu hỏi")
    assert hash(q) == hash(Question("q1", "Câu hỏi"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.code = "q2"  # type: ignore[misc]
    changed = attrs.evolve(q, vi="Câu hỏi khác")
    assert q.vi == "Câu hỏi"
    assert changed.vi == "Câu hỏi khác"
    assert pickle.loads(pickle.dumps(SIPAS)) == SIPAS
    assert repr(q).startswith("Question(code='q1'")


def test_scale_refuses_a_satisfied_level_it_does_not_have() -> None:
    with pytest.raises(ValidationError) as exc:
        Scale("s", [ScaleLevel(1, "Có"), ScaleLevel(2, "Không")], [3])
    assert exc.value.field == "satisfied"
    assert exc.value.value == 3
    assert exc.value.vi is not None
    assert "thang đo" in exc.value.vi


def test_scale_refuses_two_levels_with_one_code() -> None:
    with pytest.raises(ValidationError) as exc:
        Scale("s", [ScaleLevel(1, "Có"), ScaleLevel(1, "Không")], [1])
    assert exc.value.field == "levels[1].value"


def test_scale_levels_are_not_negative_since_those_codes_are_non_answers() -> None:
    with pytest.raises(ValidationError) as exc:
        ScaleLevel(-1, "Không áp dụng")
    assert exc.value.field == "value"


def test_non_answers_are_found_by_their_vietnamese_or_english_names() -> None:
    assert NonAnswer("Không biết") is NonAnswer.DONT_KNOW
    assert NonAnswer("not applicable") is NonAnswer.NOT_APPLICABLE
    assert NonAnswer(-3).vi == "bỏ trống"
    with pytest.raises(ValidationError):
        NonAnswer("có lẽ")


def test_a_survey_reports_every_problem_of_its_definition() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Survey(
            "S",
            "Khảo sát",
            "",
            [
                Element("E", "Yếu tố", "", [Question("a", "A"), Question("A", "A hoa")]),
                Element("s", "Trùng mã phiếu", "", [Question("b", "B")]),
            ],
        )
    assert problems(exc) == [
        ("survey.duplicate-code", "elements[0].questions[1].code"),
        ("survey.duplicate-code", "elements[1].code"),
    ]


def test_an_element_weight_must_name_an_element_and_be_positive_somewhere() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        attrs.evolve(TWO, element_weights={"E1": 0, "E2": 0})
    assert problems(exc) == [("survey.zero-weights", "element_weights")]
    assert attrs.evolve(TWO, element_weights=[("E1", "1/3"), ("E2", "2/3")]).weights() == (
        Fraction(1, 3),
        Fraction(2, 3),
    )


# --- answers ----------------------------------------------------------------------------------


def test_bad_answers_are_all_reported_at_once_naming_where() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Responses(
            TWO,
            ["A", "A", "A"],
            {"a": [5, 0, 9], "b": [1, 2], "c": np.array([0.5, 1.0, 1.0]), "zz": [1, 1, 1]},
            weights=["1", "-1", 2],
        )
    assert problems(exc) == [
        ("survey.off-scale", "answers['a']"),
        ("survey.length", "answers['b']"),
        ("survey.answers-type", "answers['c']"),
        ("survey.unknown-question", "answers['zz']"),
        ("survey.negative-weight", "weights"),
    ]
    off_scale = exc.value.findings[0]
    assert "rows 1, 2" in off_scale.message_en
    assert "dòng 1, 2" in off_scale.message_vi
    assert isinstance(exc.value, CchcError)
    assert isinstance(exc.value, ValueError)


def test_a_question_without_answers_is_reported() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Responses(TWO, ["A"], {"a": [5], "b": [5]})
    assert problems(exc) == [("survey.missing-question", "answers['c']")]


def test_weights_of_another_length_are_refused() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Responses(TWO, ["A", "B"], {"a": [5, 4], "b": [5, 4], "c": [1, 0]}, weights=[1])
    assert problems(exc) == [("survey.length", "weights")]


def test_units_must_be_named() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Responses(TWO, ["A", "", 3], {"a": [5, 4, 3], "b": [5, 4, 3], "c": [1, 0, 1]})
    assert problems(exc) == [("survey.unit", "units")]
    with pytest.raises(InvalidDocumentError):
        Responses(TWO, "AB", {"a": [5, 4], "b": [5, 4], "c": [1, 0]})


def test_answers_that_are_not_a_mapping_are_refused() -> None:
    with pytest.raises(InvalidDocumentError) as exc:
        Responses(TWO, ["A"], [[5, 5, 1]])
    assert problems(exc) == [("survey.answers-type", "answers")]


def test_float_weights_are_read_as_typed() -> None:
    responses = Responses(
        TWO, ["A", "A"], {"a": [5, 1], "b": [5, 1], "c": [1, 0]}, weights=np.array([0.1, 0.3])
    )
    assert responses.weights == (Fraction(1, 10), Fraction(3, 10))


# --- estimates --------------------------------------------------------------------------------


def test_share_counts_only_valid_answers_and_counts_the_others_apart() -> None:
    answers = {"a": [5, 4, 3, NA, DK, BLANK, 1], "b": [4] * 7, "c": [1] * 7}
    e = estimate(Responses(TWO, ["A"] * 7, answers), replicates=0).of("A", "a")
    assert (e.share, e.n_valid) == (Fraction(2, 4), 4)
    assert (e.n_not_applicable, e.n_dont_know, e.n_blank) == (1, 1, 1)
    assert e.mean == Fraction(5 + 4 + 3 + 1, 4)
    assert e.level is EstimateLevel.QUESTION


def test_element_share_is_the_mean_of_its_questions_and_overall_weighs_the_elements() -> None:
    answers = {"a": [5, 5, 1, 1], "b": [4, 1, 1, 1], "c": [1, 1, 1, 0]}
    est = estimate(Responses(TWO, ["A"] * 4, answers), replicates=0)
    e1 = est.of("A", "E1")
    assert e1.share == (Fraction(2, 4) + Fraction(1, 4)) / 2
    assert e1.mean == (Fraction(12, 4) + Fraction(7, 4)) / 2
    assert est.of("A", "E2").share == Fraction(3, 4)
    overall = est.of("A", "T")
    assert e1.share is not None
    assert overall.share == (3 * e1.share + 1 * Fraction(3, 4)) / 4
    assert overall.mean is None  # the elements' scales differ
    assert overall.level is EstimateLevel.OVERALL
    assert overall.n_valid == 4


def test_design_weights_enter_shares_and_means_exactly() -> None:
    answers = {"a": [5, 1, 4], "b": [5, 5, 5], "c": [1, 1, 1]}
    responses = Responses(TWO, ["A"] * 3, answers, weights=[2, 1, "1.5"])
    e = estimate(responses, replicates=0).of("A", "a")
    assert e.share == Fraction(2 + Fraction(3, 2), 2 + 1 + Fraction(3, 2))
    assert e.mean == Fraction(10 + 1 + 6, Fraction(9, 2))
    assert math.isclose(e.effective_n, (4.5**2) / (4 + 1 + 2.25))


def test_a_question_nobody_answered_has_no_share_and_the_element_uses_the_others() -> None:
    answers = {"a": [DK, NA], "b": [5, 1], "c": [1, 1]}
    est = estimate(Responses(TWO, ["A", "A"], answers), replicates=20)
    assert est.of("A", "a").share is None
    assert est.of("A", "a").wilson is None
    assert est.of("A", "E1").share == Fraction(1, 2)


def test_units_are_estimated_apart_and_listed_by_code() -> None:
    answers = {"a": [5, 1, 1], "b": [5, 1, 1], "c": [1, 0, 0]}
    est = estimate(Responses(TWO, ["XA-02", "XA-01", "xa-01"], answers), replicates=0)
    assert est.units == ("XA-01", "XA-02")  # "XA-01" and "xa-01" are one unit
    assert est.of("xa-01", "T").share == 0
    assert est.of("XA-02", "T").share == 1
    with pytest.raises(NotFoundError):
        est.of("XA-03", "T")
    with pytest.raises(NotFoundError):
        est.of("XA-01", "nope")


def test_wilson_interval_agrees_with_scipy() -> None:
    for k, n in [(3, 5), (0, 7), (7, 7), (41, 50), (828, 1000)]:
        ours = wilson_interval(Fraction(k, n), n, "0.95")
        theirs = scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert ours == pytest.approx((theirs.low, theirs.high), abs=1e-12)
    ninety = wilson_interval(Fraction(41, 50), 50, "0.9")
    theirs = scipy.stats.binomtest(41, 50).proportion_ci(confidence_level=0.9, method="wilson")
    assert ninety == pytest.approx((theirs.low, theirs.high), abs=1e-12)


def test_estimates_carry_wilson_on_the_valid_answers() -> None:
    rows = [5, 4, 4, 2, 3, 1, 5, DK]
    e = estimate(Responses(SIPAS, ["A"] * 8, sipas_answers(rows)), replicates=0).of("A", "access")
    assert e.wilson == pytest.approx(wilson_interval(Fraction(4, 7), 7))


def test_weighted_wilson_uses_the_kish_effective_size() -> None:
    responses = Responses(SIPAS, ["A"] * 4, sipas_answers([5, 5, 1, 1]), weights=[1, 1, 2, 2])
    e = estimate(responses, replicates=0).of("A", "access")
    assert e.share == Fraction(2, 6)
    assert e.effective_n == pytest.approx(36 / 10)
    assert e.wilson == pytest.approx(wilson_interval(Fraction(1, 3), 3.6))


def test_standard_errors_match_the_textbook_ones_when_unweighted() -> None:
    x = np.array([5, 4, 4, 2, 3, 1, 5, 4, 3, 4])
    e = estimate(Responses(SIPAS, ["A"] * 10, sipas_answers(list(x))), replicates=0).of(
        "A", "access"
    )
    p = 6 / 10
    assert e.se == pytest.approx(math.sqrt(p * (1 - p) / 9))
    sem = scipy.stats.sem(x)
    assert e.mean_se == pytest.approx(sem)
    low, high = scipy.stats.norm.interval(0.95, loc=x.mean(), scale=sem)
    assert e.mean_interval == pytest.approx((low, high))


def test_bootstrap_is_seeded_and_reproducible() -> None:
    rng = np.random.default_rng(3)
    rows = list(rng.integers(1, 6, size=80))
    responses = Responses(SIPAS, ["A"] * 80, sipas_answers(rows))
    one = estimate(responses, replicates=300, seed=5)
    again = estimate(responses, replicates=300, seed=5)
    other = estimate(responses, replicates=300, seed=6)
    assert np.array_equal(one.replicates, again.replicates, equal_nan=True)
    assert not np.array_equal(one.replicates, other.replicates, equal_nan=True)
    e = one.of("A", "SIPAS")
    assert e.bootstrap is not None
    assert e.share is not None
    assert e.bootstrap[0] < float(e.share) < e.bootstrap[1]
    assert one.replicates.shape == (len(SIPAS.items()), 300, 1)


def test_a_unit_bootstrap_does_not_depend_on_the_other_units() -> None:
    rows = [5, 4, 2, 1, 3, 4, 5, 5]
    alone = estimate(Responses(SIPAS, ["A"] * 8, sipas_answers(rows)), replicates=100)
    both = estimate(
        Responses(SIPAS, ["A"] * 8 + ["B"] * 8, sipas_answers(rows + rows[::-1])), replicates=100
    )
    assert alone.of("A", "SIPAS") == both.of("A", "SIPAS")


def test_bad_estimation_settings_are_refused() -> None:
    responses = Responses(SIPAS, ["A"], sipas_answers([5]))
    with pytest.raises(ValidationError) as exc:
        estimate(responses, confidence="1.5")
    assert exc.value.field == "confidence"
    with pytest.raises(ValidationError):
        estimate(responses, replicates=-1)
    with pytest.raises(CchcTypeError):
        estimate("answers")  # type: ignore[arg-type]


def test_rows_give_one_row_per_unit_and_item() -> None:
    est = estimate(Responses(SIPAS, ["A", "B"], sipas_answers([5, 1])), replicates=0)
    rows = est.rows()
    assert len(rows) == 2 * len(SIPAS.items())
    assert rows[-1]["unit"] == "B"
    assert rows[-1]["item"] == "SIPAS"
    assert rows[-1]["share"] == 0


# --- into scoring -----------------------------------------------------------------------------


def test_survey_values_are_rounded_half_up_to_the_framework_precision() -> None:
    # 1 satisfied of 32: 3.125 % -> 3.13 (half up), as a published index is written
    rows = [5] + [1] * 31
    est = estimate(Responses(SIPAS, ["A"] * 32, sipas_answers(rows)), replicates=0)
    (result,) = survey_results(est, CAMPAIGN_6, {"SIPAS": "6.2"})
    assert result.unit == "A"
    assert [(e.code, e.value) for e in result.entries] == [("6.2", "3.13")]


def test_survey_results_refuse_items_and_criteria_that_do_not_fit() -> None:
    est = estimate(Responses(SIPAS, ["A"], sipas_answers([5])), replicates=0)
    with pytest.raises(InvalidDocumentError) as exc:
        survey_results(est, CAMPAIGN_6, {"nope": "6.2", "access": "1.1", "results": "9.9"})
    assert problems(exc) == [
        ("survey.unknown-item", "criteria['nope']"),
        ("survey.not-survey-criterion", "criteria['access']"),
        ("survey.unknown-criterion", "criteria['results']"),
    ]
    with pytest.raises(CchcTypeError):
        survey_results(est, CAMPAIGN_6, {})


def test_survey_table_scores_as_the_survey_rule_says() -> None:
    rows = [5, 4, 4, 1, 5, 5, 5, 5]
    est = estimate(Responses(SIPAS, ["A"] * 4 + ["B"] * 4, sipas_answers(rows)), replicates=0)
    table = survey_table(est, CAMPAIGN_6, {"SIPAS": "6.2"}, ["B", "A", "C"])
    points = {r["unit"]: r["points"] for r in score_table(table).rows()}
    # 6.2 is worth 10 points: 75 % -> 7.50, 100 % -> 10.00, no survey -> 0
    assert points == {"A": Decimal("7.50"), "B": Decimal("10.00"), "C": Decimal("0.00")}
    with pytest.raises(NotFoundError):
        survey_table(est, CAMPAIGN_6, {"SIPAS": "6.2"}, ["A"])  # B was surveyed, not listed


# --- draws and outcomes -----------------------------------------------------------------------


def varied(n: int, seed: int, satisfied: float, units: tuple[str, ...]) -> SurveyEstimates:
    rng = np.random.default_rng(seed)
    p_rest = (1 - satisfied) / 3
    rows = rng.choice([5, 4, 3, 2, 1], size=n * len(units), p=[satisfied / 2] * 2 + [p_rest] * 3)
    unit_of = [u for u in units for _ in range(n)]
    return estimate(Responses(SIPAS, unit_of, sipas_answers(list(rows))), replicates=400, seed=1)


def test_draws_stay_in_zero_one_and_keep_their_shape() -> None:
    est = varied(30, 1, 0.8, ("A", "B", "C"))
    for method in ("bootstrap", "normal", "beta"):
        d = draw_survey_values(est, {"SIPAS": "2", "access": "x"}, draws=64, method=method)
        assert d.values.shape == (64, 2, 3)
        assert d.draws == 64
        assert ((d.values >= 0) & (d.values <= 1)).all()
        assert d.criteria == ("2", "x")
        assert d.method == method


def test_draws_vary_around_the_point_estimate() -> None:
    est = varied(40, 2, 0.7, ("A",))
    d = draw_survey_values(est, {"SIPAS": "2"}, draws=400, seed=3, method="normal")
    share = est.of("A", "SIPAS").share
    assert share is not None
    assert d.values.std() > 0
    assert abs(d.values.mean() - float(share)) < 0.02


def test_bad_draw_settings_are_refused() -> None:
    est = estimate(Responses(SIPAS, ["A"], sipas_answers([5])), replicates=0)
    with pytest.raises(ValidationError) as exc:
        draw_survey_values(est, {"SIPAS": "2"})  # bootstrap without replicates
    assert exc.value.field == "method"
    with pytest.raises(ValidationError):
        draw_survey_values(est, {"SIPAS": "2"}, method="uniform")
    with pytest.raises(ValidationError):
        draw_survey_values(est, {"SIPAS": "2"}, method="normal", draws=0)
    with pytest.raises(NotFoundError):
        draw_survey_values(est, {"nope": "2"}, method="normal")


def half_table(units: tuple[str, ...], points: str) -> ScoreTable:
    return ScoreTable.from_wide(HALF, [{"unit": u, "1": points} for u in units])


def test_a_unit_near_a_band_boundary_gets_a_probability_between_zero_and_one() -> None:
    # 45 manual points; A needs the survey share at 90 % or more, and it is exactly 90 %
    rows = [5] * 30 + [4] * 24 + [3] * 4 + [1] * 2
    est = estimate(Responses(SIPAS, ["A"] * 60, sipas_answers(rows)), replicates=400)
    out = survey_outcomes(half_table(("A",), "45"), draw_survey_values(est, {"SIPAS": "2"}))
    p_a = out.band_probability("A", "A")
    assert 0 < p_a < 1
    assert sum(out.band_probabilities("A").values()) == 1
    assert out.band_probability("A", "A") + out.band_probability("A", "B") == 1
    assert out.nominal_band == ("A",)
    assert out.draws == 200
    assert p_a == Fraction(int(out.band_counts[0, 0]), 200)


def test_nominal_outcome_is_the_score_of_the_point_estimates() -> None:
    units = ("A", "B", "C")
    est = varied(50, 5, 0.8, units)
    base = half_table(units, "42")
    out = survey_outcomes(base, draw_survey_values(est, {"SIPAS": "2"}, draws=20))
    direct = score_table(base.overlay(survey_table(est, HALF, {"SIPAS": "2"}, units)))
    labels = [HALF.bands[b].label for b in direct.band_of]
    assert list(out.nominal_band) == labels


def test_a_survey_with_no_spread_leaves_every_outcome_as_it_is() -> None:
    units = ("A", "B")
    answers = sipas_answers([5, 5, 5, 4, 2, 2, 2, 2])  # A all satisfied, B none
    est = estimate(Responses(SIPAS, ["A"] * 4 + ["B"] * 4, answers), replicates=100)
    base = half_table(units, "40")
    for method in ("bootstrap", "normal", "beta"):
        draws = draw_survey_values(est, {"SIPAS": "2"}, draws=30, method=method)
        out = survey_outcomes(base, draws)
        assert out.band_probability("A", out.nominal_band[0]) == 1
        assert out.median_rank("A") == 1
        assert out.rank_interval("A") == (1, 1)
        assert out.band_probability("B", "C") == 1


def test_outcomes_refuse_a_criterion_that_is_not_scored_by_the_survey() -> None:
    est = varied(10, 6, 0.8, ("A",))
    with pytest.raises(InvalidDocumentError) as exc:
        survey_outcomes(half_table(("A",), "40"), draw_survey_values(est, {"SIPAS": "1"}))
    assert problems(exc) == [("survey.not-survey-criterion", "criteria['SIPAS']")]


def test_outcomes_refuse_surveyed_units_missing_from_the_table() -> None:
    est = varied(10, 7, 0.8, ("A", "Z"))
    with pytest.raises(NotFoundError) as exc:
        survey_outcomes(half_table(("A",), "40"), draw_survey_values(est, {"SIPAS": "2"}))
    assert exc.value.value == "Z"


def test_rank_summaries_are_exact_order_statistics() -> None:
    units = ("A", "B", "C", "D")
    est = varied(25, 8, 0.75, units)
    out = survey_outcomes(half_table(units, "40"), draw_survey_values(est, {"SIPAS": "2"}))
    for unit in units:
        j = units.index(unit)
        ranks = sorted(out.ranks[:, j].tolist())
        assert out.median_rank(unit) == Fraction(ranks[99] + ranks[100], 2)
        low, high = out.rank_interval(unit)
        assert (low, high) == (ranks[9], ranks[189])  # 5th and 95th of 200, nearest rank
    rows = out.rows()
    assert [r["unit"] for r in rows] == list(units)
    for r in rows:
        bands = [v for k, v in r.items() if k.startswith("P(") and k != "P(tie)"]
        assert sum(cast(list[Fraction], bands)) == 1


def test_campaign_outcomes_follow_run_campaign() -> None:
    campaign = load("chau-thanh-2021").campaign
    assert campaign is not None
    inputs = load_results("chau-thanh-2021")
    units = inputs.self_assessment.units
    rng = np.random.default_rng(11)
    unit_of = [u for u in units for _ in range(40)]
    rows = rng.choice([5, 4, 3, 2, 1, DK], size=len(unit_of), p=[0.3, 0.45, 0.12, 0.06, 0.05, 0.02])
    est = estimate(Responses(SIPAS, unit_of, sipas_answers(list(rows))), replicates=200)
    draws = draw_survey_values(est, {"SIPAS": "6.2"}, draws=12, seed=2)
    out = campaign_outcomes(campaign, inputs, draws)
    survey = survey_table(est, CAMPAIGN_6, {"SIPAS": "6.2"}, units)
    nominal = run_campaign(campaign, attrs.evolve(inputs, survey=survey))
    won = {a.recipient: f"{a.group}/{a.prize}" for a in nominal.decision.awards}
    assert list(out.nominal_prize) == [won.get(u) for u in units]
    assert list(out.nominal_rank) == [nominal.ranking.of(u).rank for u in units]
    for unit in units:
        assert sum(out.band_probabilities(unit).values()) == 1
        assert sum(out.prize_probabilities(unit).values()) + out.tie_probability(unit) <= 1
    # each prize goes to at most one unit in every draw
    firsts = sum(out.prize_probabilities(u).get("PB/nhat", Fraction(0)) for u in units)
    assert firsts <= 1


def test_campaign_outcomes_need_a_campaign() -> None:
    inputs = load_results("chau-thanh-2021")
    est = varied(5, 9, 0.8, ("CT-NV",))
    draws = draw_survey_values(est, {"SIPAS": "6.2"}, draws=2)
    with pytest.raises(CchcTypeError):
        campaign_outcomes("campaign", inputs, draws)  # type: ignore[arg-type]


def test_no_respondents_give_no_estimates() -> None:
    est = estimate(Responses(SIPAS, [], sipas_answers([])), replicates=10)
    assert est.units == ()
    assert est.estimates == ()
    assert est.replicates.shape == (len(SIPAS.items()), 10, 0)


def test_an_estimate_is_a_value_that_refuses_impossible_numbers() -> None:
    est = estimate(Responses(SIPAS, ["A", "A"], sipas_answers([5, 2])), replicates=10)
    e = est.of("A", "SIPAS")
    assert pickle.loads(pickle.dumps(e)) == e
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(e, share=Fraction(3, 2))
    assert exc.value.field == "share"
    with pytest.raises(ValidationError):
        attrs.evolve(e, n_valid=-1)
    with pytest.raises(CchcTypeError):
        attrs.evolve(e, share=0.5)  # type: ignore[arg-type]


def test_a_criterion_takes_one_survey_item() -> None:
    est = estimate(Responses(SIPAS, ["A"], sipas_answers([5])), replicates=0)
    with pytest.raises(ValidationError) as exc:
        draw_survey_values(est, {"SIPAS": "2", "access": "2"}, method="normal")
    assert exc.value.field == "criteria['access']"


# --- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "n", "field"),
    [
        (None, 10, "share"),
        ("0.5", 10, "share"),
        (b"\xff", 10, "share"),
        (Fraction(1, 2), None, "n"),
        (Fraction(1, 2), True, "n"),
        (Fraction(1, 2), 10**4000, "n"),
        (Fraction(1, 2), float("nan"), "n"),
        (Fraction(1, 2), Decimal("sNaN"), "n"),
        (Fraction(10**4000, 3), 10, "share"),
        (float("inf"), 10, "share"),
    ],
)
def test_wilson_interval_refuses_what_is_not_a_finite_number(
    share: object, n: object, field: str
) -> None:
    with pytest.raises(CchcError) as exc:
        wilson_interval(share, n)  # type: ignore[arg-type]
    assert exc.value.field == field
    assert exc.value.vi


def test_wilson_interval_takes_any_exact_or_float_number() -> None:
    expected = wilson_interval(Fraction(1, 2), 10)
    assert wilson_interval(Decimal("0.5"), Decimal(10)) == pytest.approx(expected)  # type: ignore[arg-type]
    assert wilson_interval(np.float64(0.5), np.int64(10)) == pytest.approx(expected)  # type: ignore[arg-type]


def test_an_estimate_refuses_intervals_and_sizes_that_are_not_numbers() -> None:
    est = estimate(Responses(SIPAS, ["A", "A"], sipas_answers([5, 2])), replicates=10)
    e = est.of("A", "SIPAS")
    for field, value in [
        ("wilson", (None, None)),
        ("wilson", ()),
        ("bootstrap", (10**4000, 1)),
        ("bootstrap", "ab"),
        ("mean_interval", (b"\xff", 1.0)),
        ("effective_n", float("nan")),
        ("se", -1.0),
        ("mean_se", "0.1"),
        ("confidence", Fraction(3, 2)),
    ]:
        changes: dict[str, Any] = {field: value}
        with pytest.raises(CchcError) as exc:
            attrs.evolve(e, **changes)
        assert exc.value.field is not None
        assert exc.value.field.startswith(field)


def test_estimates_and_draws_refuse_parts_that_do_not_fit() -> None:
    est = estimate(Responses(SIPAS, ["A", "B"], sipas_answers([5, 2])), replicates=10)
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(est, replicates=np.zeros((2, 10, 2)))
    assert exc.value.field == "replicates"
    with pytest.raises(CchcTypeError):
        attrs.evolve(est, replicates=[[0.5]])  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        attrs.evolve(est, estimates=est.estimates[:-1])
    draws = draw_survey_values(est, {"SIPAS": "6.2"}, draws=3)
    with pytest.raises(ValidationError) as exc:
        attrs.evolve(draws, values=np.full((3, 1, 2), 2.0))
    assert exc.value.field == "values"
    with pytest.raises(ValidationError):
        attrs.evolve(draws, values=np.zeros((0, 1, 2)))
    with pytest.raises(ValidationError):
        attrs.evolve(draws, method="guess")
    with pytest.raises(CchcTypeError):
        attrs.evolve(draws, nominal=((0.5, 0.5),))
