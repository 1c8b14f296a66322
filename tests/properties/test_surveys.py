"""Properties of survey estimates and of the uncertainty they carry: shares stay in [0, 1], the
order of respondents never matters, all satisfied gives a share of 1 with Wilson's upper bound
at 1, equal weights give the unweighted result exactly, and a survey with no spread gives the
nominal band with probability 1."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cchc.criteria import Band, Criterion, Framework, Rule
from cchc.scoring import ScoreTable
from cchc.surveys import (
    YES_NO,
    Element,
    NonAnswer,
    Question,
    Responses,
    Survey,
    draw_survey_values,
    estimate,
    survey_outcomes,
)

SURVEY = Survey(
    "T",
    "Khảo sát thử",
    "Test survey",
    [
        Element("E1", "Yếu tố 1", "", [Question("a", "Câu a"), Question("b", "Câu b")]),
        Element("E2", "Yếu tố 2", "", [Question("c", "Câu c", scale=YES_NO)]),
    ],
    element_weights={"E1": 2, "E2": 1},
)
NON_ANSWERS = [m.value for m in NonAnswer]
UNITS = ["A", "B", "C"]

FRAMEWORK = Framework(
    "half",
    "Nửa khảo sát",
    [
        Criterion("1", "Chỉ đạo, điều hành", Decimal(50)),
        Criterion("2", "Mức độ hài lòng", Decimal(50), rule=Rule.survey()),
    ],
    bands=[Band("A", 90, 100, upper_inclusive=True), Band("B", 80, 90), Band("C", 0, 80)],
)


@st.composite
def respondents(draw: st.DrawFn, weighted: bool | None = None) -> dict[str, Any]:
    """Units, answers and (sometimes) exact design weights of up to 20 respondents."""
    n = draw(st.integers(1, 20))
    units = draw(st.lists(st.sampled_from(UNITS), min_size=n, max_size=n))
    likert = st.sampled_from([1, 2, 3, 4, 5, *NON_ANSWERS])
    yes_no = st.sampled_from([0, 1, *NON_ANSWERS])
    answers = {
        "a": draw(st.lists(likert, min_size=n, max_size=n)),
        "b": draw(st.lists(likert, min_size=n, max_size=n)),
        "c": draw(st.lists(yes_no, min_size=n, max_size=n)),
    }
    use_weights = draw(st.booleans()) if weighted is None else weighted
    weights = (
        draw(
            st.lists(
                st.fractions(min_value=0, max_value=10, max_denominator=8), min_size=n, max_size=n
            )
        )
        if use_weights
        else None
    )
    return {"units": units, "answers": answers, "weights": weights}


def responses_of(data: dict[str, Any]) -> Responses:
    return Responses(SURVEY, data["units"], data["answers"], weights=data["weights"])


@given(respondents())
def test_shares_stay_between_zero_and_one_and_means_on_the_scale(data: dict[str, Any]) -> None:
    for e in estimate(responses_of(data), replicates=10).estimates:
        if e.share is not None:
            assert 0 <= e.share <= 1
            assert e.wilson is not None
            assert 0 <= e.wilson[0] <= float(e.share) <= e.wilson[1] <= 1
        if e.bootstrap is not None:
            assert 0 <= e.bootstrap[0] <= e.bootstrap[1] <= 1
        if e.mean is not None and e.item in ("a", "b", "E1"):
            assert 1 <= e.mean <= 5


@given(respondents(), st.randoms(use_true_random=False))
def test_the_order_of_respondents_changes_nothing(data: dict[str, Any], rnd: Any) -> None:
    order = list(range(len(data["units"])))
    rnd.shuffle(order)
    shuffled = {
        "units": [data["units"][i] for i in order],
        "answers": {q: [column[i] for i in order] for q, column in data["answers"].items()},
        "weights": None if data["weights"] is None else [data["weights"][i] for i in order],
    }
    one = estimate(responses_of(data), replicates=15, seed=3)
    two = estimate(responses_of(shuffled), replicates=15, seed=3)
    assert one.units == two.units
    assert one.estimates == two.estimates
    assert np.array_equal(one.replicates, two.replicates, equal_nan=True)


@given(st.lists(st.sampled_from([4, 5]), min_size=1, max_size=30))
def test_all_satisfied_gives_a_share_of_one_and_a_wilson_upper_bound_of_one(
    levels: list[int],
) -> None:
    n = len(levels)
    answers = {"a": levels, "b": levels[::-1], "c": [1] * n}
    for e in estimate(Responses(SURVEY, ["A"] * n, answers), replicates=10).estimates:
        assert e.share == 1
        assert e.wilson is not None
        assert e.wilson[1] == 1.0
        assert e.bootstrap == (1.0, 1.0)


@given(respondents(weighted=False), st.fractions(min_value=Fraction(1, 8), max_value=50))
def test_equal_weights_give_the_unweighted_result_exactly(
    data: dict[str, Any], weight: Fraction
) -> None:
    plain = estimate(responses_of(data), replicates=0)
    weighted = estimate(
        responses_of({**data, "weights": [weight] * len(data["units"])}), replicates=0
    )
    for p, w in zip(plain.estimates, weighted.estimates, strict=True):
        assert (p.share, p.mean, p.n_valid) == (w.share, w.mean, w.n_valid)
        assert abs(p.effective_n - w.effective_n) <= 1e-9 * max(1.0, p.effective_n)


@given(
    st.lists(st.sampled_from([1, 2, 3, 4, 5]), min_size=1, max_size=3),
    st.lists(st.integers(0, 5000).map(lambda x: Decimal(x) / 100), min_size=3, max_size=3),
    st.sampled_from(["bootstrap", "normal", "beta"]),
    st.integers(1, 6),
)
def test_a_survey_with_no_spread_gives_the_nominal_band_with_probability_one(
    level_of_unit: list[int], manual: list[Decimal], method: str, per_unit: int
) -> None:
    units = UNITS[: len(level_of_unit)]
    unit_of = [u for u in units for _ in range(per_unit)]
    levels = [level for level in level_of_unit for _ in range(per_unit)]
    answers = {"a": levels, "b": levels, "c": [1 if x >= 4 else 0 for x in levels]}
    est = estimate(Responses(SURVEY, unit_of, answers), replicates=20, seed=1)
    table = ScoreTable.from_wide(
        FRAMEWORK, [{"unit": u, "1": str(p)} for u, p in zip(units, manual, strict=False)]
    )
    draws = draw_survey_values(est, {"T": "2"}, draws=10, seed=2, method=method)
    out = survey_outcomes(table, draws)
    for j, unit in enumerate(units):
        assert out.band_probability(unit, out.nominal_band[j]) == 1
        assert out.rank_interval(unit, "1") == (out.nominal_rank[j],) * 2
