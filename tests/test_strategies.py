"""``cchc.strategies``: its public face, the batch strategies, the strategies of indices,
surveys, uncertainty models and explanations, and the message without the ``testing`` extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc.strategies as S
from cchc.campaigns import Campaign, CampaignInputs, CampaignResult
from cchc.criteria import Framework, RuleKind, bundled_frameworks, load_bundled
from cchc.errors import CchcError, NotFoundError
from cchc.explanations import Explanation, ExplanationLine
from cchc.indices import (
    Aggregation,
    Direction,
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
    normalise,
    rebuild,
)
from cchc.lang import Lang, Words, number
from cchc.scoring import BatchResult, Ranking, ScoreTable, Source, rank, score_table
from cchc.sensitivity import Model, Variation, uncertainty
from cchc.surveys import (
    LIKERT_5,
    YES_NO,
    Element,
    NonAnswer,
    Question,
    Responses,
    Scale,
    Survey,
    SurveyEstimates,
)
from cchc.text import fold

UNITS = ["XA-01", "XA-02", "Hòa Bình", "Tân Phú"]

#: Each example draws a framework, a table and its scores (about 0.1 s): these tests check
#: the strategies themselves, so a few dozen examples are enough, in CI too.
few = settings(max_examples=25)


# --- the public face ---------------------------------------------------------------------


def test_all_lists_every_public_strategy_and_constant_once() -> None:
    public = {
        name
        for name, value in vars(S).items()
        if not name.startswith("_")
        and (
            (callable(value) and getattr(value, "__module__", "") == "cchc.strategies")
            or name.isupper()
        )
    }
    assert len(S.__all__) == len(set(S.__all__))
    assert sorted(public - set(S.__all__)) == []
    assert sorted(set(S.__all__) - public) == []


def test_star_import_gives_the_strategies_and_not_the_types_they_draw() -> None:
    names: dict[str, object] = {}
    exec("from cchc.strategies import *", names)
    assert "score_tables" in names
    assert "rankings" in names
    assert "ScoreTable" not in names
    assert "ReformArea" not in names


def test_sample_that_finds_nothing_is_a_not_found_error_in_both_languages() -> None:
    with pytest.raises(NotFoundError) as caught:
        S.sample(S.reform_areas(), lambda _: False, max_examples=3)
    assert isinstance(caught.value, LookupError)
    assert caught.value.field == "max_examples"
    assert "3 lần" in caught.value.message_vi


# --- without the testing extra ----------------------------------------------------------

WITHOUT_HYPOTHESIS = textwrap.dedent(
    """
    import sys
    sys.modules["hypothesis"] = None  # as if the testing extra were not installed
    import cchc  # the library itself does not need it
    from cchc.errors import CchcError
    try:
        import cchc.strategies
    except ImportError as exc:
        print(type(exc).__mro__[1:3])
        print(isinstance(exc, CchcError), exc.name, exc.code)
        print(exc)
        print(exc.message_vi)
    else:
        print("imported")
    """
)


def test_without_hypothesis_the_import_says_to_install_the_testing_extra() -> None:
    out = subprocess.run(
        [sys.executable, "-c", WITHOUT_HYPOTHESIS], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] != "imported"
    assert out[1] == "True hypothesis extra.missing"
    assert 'pip install "cchc[testing]"' in out[2]
    assert "Hypothesis" in out[2]
    assert 'pip install "cchc[testing]"' in out[3]
    assert "cần gói bổ sung testing" in out[3]


def test_without_hypothesis_the_error_is_caught_as_import_error_or_cchc_error() -> None:
    code = WITHOUT_HYPOTHESIS.replace("except ImportError", "except CchcError")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[1] == "True hypothesis extra.missing"


# --- score tables ------------------------------------------------------------------------


def _survey_rows(fw: Framework) -> np.ndarray:
    return np.array([leaf.effective_rule.kind is RuleKind.SURVEY for leaf in fw.leaves()])


@few
@given(S.score_tables(units=UNITS))
def test_a_self_assessment_table_holds_the_units_given_and_no_survey_cell(
    table: ScoreTable,
) -> None:
    assert table.units == tuple(UNITS)
    assert table.first.shape == (len(table.framework.leaves()), len(UNITS))
    assert set(np.unique(table.source[table.given]).tolist()) <= {Source.SELF.value}
    assert not table.given[_survey_rows(table.framework)].any()
    assert dict(table.reasons) == {}


@few
@given(S.frameworks().flatmap(lambda fw: S.score_tables(fw, stage=Source.APPRAISAL)))
def test_every_cell_the_council_changes_has_its_reason(table: ScoreTable) -> None:
    changed = {(int(i), int(j)) for i, j in np.argwhere(table.given)}
    assert set(table.reasons) == changed
    assert all(reason.strip() for reason in table.reasons.values())
    assert set(np.unique(table.source[table.given]).tolist()) <= {Source.APPRAISAL.value}


@few
@given(S.score_tables(stage="survey"))
def test_a_survey_table_reports_only_survey_leaves(table: ScoreTable) -> None:
    assert not table.given[~_survey_rows(table.framework)].any()


@few
@given(
    st.sampled_from(["self", "appraisal", "survey"]).flatmap(
        lambda stage: S.score_tables(stage=stage)
    )
)
def test_a_drawn_table_is_the_table_of_its_units_reported_cells(table: ScoreTable) -> None:
    stage = Source(int(table.source[table.given][0])) if table.given.any() else Source.SELF
    leaves = table.framework.leaves()
    rows = [
        (unit, leaf.code, shown, table.reasons.get((i, j), ""))
        for j, unit in enumerate(table.units)
        for i, leaf in enumerate(leaves)
        if (shown := table.reported(i, j)) is not None
    ]
    again = ScoreTable.from_long(table.framework, rows, stage=stage, units=table.units)
    for name in ("first", "second", "given", "na", "source"):
        assert np.array_equal(getattr(again, name), getattr(table, name)), name
    assert dict(again.reasons) == dict(table.reasons)


@few
@given(S.score_tables(max_units=3))
def test_drawn_unit_codes_stay_within_bounds_and_distinct(table: ScoreTable) -> None:
    assert 1 <= len(table.units) <= 3
    assert len({fold(u) for u in table.units}) == len(table.units)


@pytest.mark.parametrize("name", bundled_frameworks())
@settings(max_examples=10)
@given(data=st.data())
def test_tables_and_rankings_of_every_bundled_framework(name: str, data: st.DataObject) -> None:
    fw = load_bundled(name)
    inputs = data.draw(S.campaign_inputs(fw, UNITS))
    assert inputs.self_assessment.framework is fw
    ranking = data.draw(S.rankings(fw, UNITS))
    assert sorted(e.unit for e in ranking.entries) == sorted(UNITS)


# --- campaign inputs ---------------------------------------------------------------------


@few
@given(S.campaign_inputs())
def test_campaign_inputs_share_one_framework_and_one_list_of_units(
    inputs: CampaignInputs,
) -> None:
    own = inputs.self_assessment
    for stage in (inputs.appraisal, inputs.survey):
        if stage is not None:
            assert stage.framework is own.framework
            assert stage.units == own.units
    final = inputs.final_table()
    assert final.units == own.units
    assert (final.given >= own.given).all()
    assert inputs.individuals == ()


@few
@given(S.campaign_inputs(individual_groups=("CN", "TT")))
def test_individuals_are_nominated_in_the_groups_asked_for(inputs: CampaignInputs) -> None:
    assert 1 <= len(inputs.individuals) <= 4
    assert {p.group for p in inputs.individuals} <= {"CN", "TT"}
    keys = [(fold(p.group), fold(p.id)) for p in inputs.individuals]
    assert len(keys) == len(set(keys))


@few
@given(campaign=S.campaigns(), fw=S.frameworks(), data=st.data())
def test_inputs_drawn_for_a_campaigns_members_cover_every_group(
    campaign: Campaign, fw: Framework, data: st.DataObject
) -> None:
    members = [m for g in campaign.groups for m in g]
    inputs = data.draw(S.campaign_inputs(fw, members))
    assert [fold(u) for u in inputs.self_assessment.units] == [fold(m) for m in members]


# --- batch results and rankings ----------------------------------------------------------


@few
@given(S.batch_results())
def test_a_batch_result_scores_every_unit_within_its_maximum(result: BatchResult) -> None:
    assert len(result.rows()) == len(result.units)
    assert (result.total >= 0).all()
    assert (result.total <= result.total_max).all()  # generated frameworks have no extras
    assert set(result.groups) <= set(S.BATCH_GROUPS)
    assert result.groups == () or len(result.groups) == len(result.units)


@few
@given(S.batch_results(units=UNITS))
def test_a_batch_result_is_what_score_table_gives_for_its_table(result: BatchResult) -> None:
    groups = dict(zip(result.units, result.groups, strict=True)) if result.groups else None
    again = score_table(result.table, groups)
    assert again.total.tolist() == result.total.tolist()
    assert again.band_of.tolist() == result.band_of.tolist()


@few
@given(S.rankings())
def test_a_ranking_ranks_every_unit_once_from_one_in_each_group(ranking: Ranking) -> None:
    entries = ranking.entries
    assert sorted(e.unit for e in entries) == sorted(ranking.result.units)
    for group in set(ranking.groups):
        ranks = [e.rank for e in ranking.group(group)]
        assert min(ranks) == 1
        assert max(ranks) <= len(ranks)
        assert ranks == sorted(ranks)


@few
@given(S.rankings(units=UNITS))
def test_a_ranking_is_what_rank_gives_for_its_result(ranking: Ranking) -> None:
    groups = dict(zip(ranking.result.units, ranking.groups, strict=True))
    again = rank(ranking.result, groups, ranking.policy)
    assert again.ranks.tolist() == ranking.ranks.tolist()


@few
@given(S.campaign_results())
def test_a_campaign_result_ranks_every_member_and_awards_only_them(
    result: CampaignResult,
) -> None:
    members = sorted(fold(m) for g in result.campaign.groups for m in g)
    assert sorted(fold(str(row["unit"])) for row in result.rows()) == members
    assert {fold(a.recipient) for a in result.decision.awards} <= set(members)
    assert result.final.framework is result.campaign.framework


def test_the_batch_strategies_are_strategies() -> None:
    fw = S.sample(S.frameworks())
    for strategy in (
        S.score_tables(fw),
        S.campaign_inputs(fw),
        S.batch_results(fw),
        S.rankings(fw),
        S.campaign_results(fw),
    ):
        assert isinstance(strategy, st.SearchStrategy)
    with pytest.raises(CchcError):  # a bad stage is the library's own error, at once
        S.sample(S.score_tables(fw, stage="vote"))


def _is(name: str | None, value: object) -> Callable[[object], bool]:
    """Whether a drawn value (or its attribute ``name``) is ``value``."""
    return lambda v: (v if name is None else getattr(v, name)) is value


# --- languages and explanations ----------------------------------------------------------


def test_both_languages_are_drawn() -> None:
    assert {S.sample(S.langs(), _is(None, want)) for want in Lang} == set(Lang)


@given(S.words())
def test_drawn_words_construct_again_and_give_each_language(w: Words) -> None:
    assert attrs.evolve(w) == w
    assert (w.text("vi"), w.text("en")) == (w.vi, w.en)


def test_words_include_empty_texts_and_texts_that_differ_by_language() -> None:
    assert S.sample(S.words(), lambda w: w.vi == "" and w.en == "").text("en") == ""
    assert S.sample(S.words(), lambda w: w.vi != w.en and w.vi != "").vi != ""


@given(S.explanation_lines())
def test_drawn_explanation_lines_construct_again_and_show_in_both_languages(
    line: ExplanationLine,
) -> None:
    assert attrs.evolve(line) == line
    for lang in Lang:
        shown = line.text(lang)
        assert line.code in shown
        if line.points is None:
            assert line.maximum is None


@few
@given(S.explanations())
def test_drawn_explanations_construct_again_and_show_subject_and_total(why: Explanation) -> None:
    assert attrs.evolve(why) == why
    for lang in Lang:
        shown = why.text(lang)
        assert shown.startswith(why.subject.text(lang))
        if why.total is not None:
            word = "tổng" if lang is Lang.VI else "total"
            assert shown.endswith(f"\n  {word} {number(why.total, lang)}")


def test_explanations_include_totals_that_are_the_sum_of_the_lines_and_others() -> None:
    # sample() raises when no drawn value fits: each kind of total must be drawn
    def accounted(e: Explanation) -> bool:
        return e.total is not None and sum(1 for x in e.lines if x.points) > 1

    summed = S.sample(S.explanations(), lambda e: accounted(e) and e.total == e.line_total())
    other = S.sample(S.explanations(), lambda e: accounted(e) and e.total != e.line_total())
    assert summed.total == summed.line_total()
    assert other.total != other.line_total()


# --- composite indices: settings ---------------------------------------------------------


@given(S.normalisations())
def test_drawn_normalisations_construct_again(norm: Normalisation) -> None:
    assert attrs.evolve(norm) == norm
    assert norm.low < norm.high


@pytest.mark.parametrize("method", list(NormalisationMethod))
def test_every_normalisation_method_is_drawn(method: NormalisationMethod) -> None:
    assert S.sample(S.normalisations(), lambda n: n.method is method).method is method


@given(S.normalisations(positive=True))
def test_positive_normalisations_start_above_zero(norm: Normalisation) -> None:
    assert norm.low > 0


@given(
    S.bounded_normalisations(),
    st.lists(st.none() | st.integers(0, 1000).map(Fraction), min_size=1, max_size=8),
    S.directions(),
)
def test_bounded_normalisations_keep_values_of_zero_or_more_in_their_range(
    norm: Normalisation, column: list[Fraction | None], direction: Direction
) -> None:
    assert norm.bounded
    assert norm.method in S.BOUNDED_NORMALISATIONS
    if direction is Direction.NEGATIVE and norm.method is NormalisationMethod.DISTANCE_TO_BEST:
        column = [None if v is None else v + 1 for v in column]  # less is better: no zero
    for value in normalise(column, norm, direction):
        assert value is None or norm.low <= value <= norm.high


def test_the_bounded_methods_are_those_normalisation_says_are_bounded() -> None:
    bounded = {
        m for m in NormalisationMethod if Normalisation(m, lower=0, upper=1, target=1).bounded
    }
    assert set(S.BOUNDED_NORMALISATIONS) == bounded


@given(S.aggregations())
def test_drawn_aggregations_construct_again(how: Aggregation) -> None:
    assert attrs.evolve(how) == how


def test_every_mean_and_every_rule_for_zeros_is_drawn() -> None:
    for method in Method:
        assert S.sample(S.aggregations(), _is("method", method)).method is method
    for rule in ZeroRule:
        geometric = S.aggregations([Method.GEOMETRIC])
        assert S.sample(geometric, _is("zeros", rule)).zeros is rule
    assert S.sample(S.aggregations(), lambda a: a.method is Method.GENERALISED and (a.p or 0) < 0)


@given(S.aggregations(), st.integers(1, 100).map(Fraction), st.lists(st.integers(1, 9), min_size=1))
def test_drawn_aggregations_of_equal_positive_scores_give_that_score(
    how: Aggregation, score: Fraction, weights: list[int]
) -> None:
    got = aggregate([score] * len(weights), [Fraction(w) for w in weights], how)
    assert got == pytest.approx(float(score), rel=1e-9)


def test_aggregations_keep_to_the_means_asked_for() -> None:
    assert S.sample(S.aggregations([Method.HARMONIC]), lambda a: True).method is Method.HARMONIC


@given(S.imputations(), S.outlier_treatments(), S.screenings())
def test_drawn_imputations_outlier_treatments_and_screenings_construct_again(
    imputation: Imputation, outliers: OutlierTreatment, screening: Screening
) -> None:
    assert attrs.evolve(imputation) == imputation
    assert attrs.evolve(outliers) == outliers
    assert attrs.evolve(screening) == screening
    assert 0 <= screening.minimum <= 1


def test_every_imputation_outlier_method_and_direction_is_drawn() -> None:
    for method in ImputationMethod:
        assert S.sample(S.imputations(), _is("method", method))
    for outlier in OutlierMethod:
        assert S.sample(S.outlier_treatments(), _is("method", outlier))
    for direction in Direction:
        assert S.sample(S.indicators(), _is("direction", direction))
    assert S.sample(S.screenings(), lambda s: len(s.per_level) == 2)


# --- composite indices: the tree ---------------------------------------------------------


@given(S.indicators())
def test_drawn_indicators_construct_again(indicator: Indicator) -> None:
    assert attrs.evolve(indicator) == indicator


def test_indicators_sometimes_carry_settings_of_their_own() -> None:
    own = S.sample(S.indicators("x"), lambda i: i.normalisation is not None)
    assert own.code == "x"
    assert S.sample(S.indicators(), lambda i: i.imputation is not None and i.outliers is None)


@given(S.index_nodes(["a", "b", "c"]))
def test_drawn_nodes_construct_again_and_rescale_to_one(node: Node) -> None:
    assert attrs.evolve(node) == node
    assert node.children == ("a", "b", "c")
    assert sum(node.rescaled().values()) == 1


def test_nodes_have_unknown_weights_only_when_asked() -> None:
    node = S.sample(S.index_nodes(known_weights=False), lambda n: not n.weights_known)
    assert node.weights == (None, None)


@few
@given(S.index_specs())
def test_drawn_index_specs_construct_again(spec: IndexSpec) -> None:
    assert attrs.evolve(spec) == spec
    assert sum(spec.effective_weights().values()) == 1
    assert 1 <= len(spec.indicators) <= 6
    assert len({fold(c) for c in (*spec.codes, *(n.code for n in spec.nodes))}) == len(
        spec.indicators
    ) + len(spec.nodes)


def test_index_specs_have_zero_one_or_two_levels_below_the_index() -> None:
    flat = S.sample(S.index_specs(), lambda s: len(s.nodes) == 1 and len(s.indicators) > 1)
    assert flat.root.children == flat.codes
    deep = S.sample(
        S.index_specs(), lambda s: any(n.level is NodeLevel.SUB_DIMENSION for n in s.nodes)
    )
    assert any(n.level is NodeLevel.DIMENSION for n in deep.nodes)
    mixed = S.sample(S.index_specs(), lambda s: len({n.aggregation.method for n in s.nodes}) > 1)
    assert len(mixed.nodes) > 1


@few
@given(S.index_specs(max_indicators=2, known_weights=False))
def test_specs_with_unknown_weights_build_once_the_weights_are_given(spec: IndexSpec) -> None:
    given_weights = {n.code: [1] * len(n.children) for n in spec.nodes if not n.weights_known}
    assert spec.with_weights(given_weights).weights_known


# --- composite indices: data and results ------------------------------------------------


@few
@given(S.panels())
def test_drawn_panels_construct_again(panel: Panel) -> None:
    assert attrs.evolve(panel) == panel
    assert list(panel.years) == sorted(set(panel.years))
    assert all(v is None or v >= 0 for v in panel.values.flat)


@given(S.panels(["a", "b"], ["XA-01"], max_years=2, missing=False))
def test_panels_keep_the_indicators_units_and_sizes_asked_for(panel: Panel) -> None:
    assert (panel.units, panel.indicators) == (("XA-01",), ("a", "b"))
    assert 1 <= len(panel.years) <= 2
    assert panel.missing == 0


def test_panels_hold_missing_cells_and_gaps_between_years() -> None:
    panel = S.sample(
        S.panels(), lambda p: p.missing > 0 and len(p.years) > 1 and p.years[1] > p.years[0] + 1
    )
    assert panel.missing > 0


@few
@given(S.index_results())
def test_a_drawn_index_result_rebuilds_from_its_log(result: IndexResult) -> None:
    assert rebuild(result) == result
    for year in result.years:
        ranked = {unit for unit, _, _ in result.ranking(year)}
        excluded = {e.unit for e in result.exclusions if e.year == year}
        assert ranked.isdisjoint(excluded)


@few
@given(S.index_specs(normalisations=st.just(Normalisation.min_max(1, 10))), st.data())
def test_index_results_build_the_spec_given(spec: IndexSpec, data: st.DataObject) -> None:
    result = data.draw(S.index_results(spec, max_units=3, max_years=1))
    assert result.spec == spec
    assert len(result.units) <= 3
    assert len(result.years) == 1


def test_index_results_include_imputed_cells_and_exclusions() -> None:
    assert S.sample(S.index_results(), lambda r: r.imputed != ()).imputed[0].unit
    assert S.sample(S.index_results(), lambda r: r.exclusions != ()).exclusions[0].unit


# --- surveys -----------------------------------------------------------------------------


@given(S.scales())
def test_drawn_scales_construct_again(scale: Scale) -> None:
    assert attrs.evolve(scale) == scale
    assert scale.satisfied <= set(scale.values)


def test_scales_include_the_bundled_ones_and_others() -> None:
    assert S.sample(S.scales(), lambda s: s == LIKERT_5) is LIKERT_5
    assert S.sample(S.scales(), lambda s: s == YES_NO) is YES_NO
    other = S.sample(S.scales(max_levels=3), lambda s: s not in (LIKERT_5, YES_NO))
    assert 2 <= len(other.levels) <= 3


@given(S.questions(), S.survey_elements())
def test_drawn_questions_and_elements_construct_again(question: Question, element: Element) -> None:
    assert attrs.evolve(question) == question
    assert attrs.evolve(element) == element


@few
@given(S.surveys())
def test_drawn_surveys_construct_again(survey: Survey) -> None:
    assert attrs.evolve(survey) == survey
    assert survey.illustrative
    assert sum(survey.weights()) == 1


@given(S.surveys(max_elements=2, max_questions=1, weighted=False))
def test_surveys_keep_to_the_sizes_and_weighting_asked_for(survey: Survey) -> None:
    assert 1 <= len(survey.elements) <= 2
    assert all(len(e.questions) == 1 for e in survey.elements)
    assert survey.element_weights is None


@few
@given(S.survey_responses())
def test_drawn_responses_construct_again_with_answers_on_their_scales(
    responses: Responses,
) -> None:
    again = attrs.evolve(responses)
    assert again.units == responses.units
    assert again.weights == responses.weights
    non = {m.value for m in NonAnswer}
    for question in responses.survey.questions:
        column = responses.answers[question.code]
        assert np.array_equal(again.answers[question.code], column)
        assert set(column.tolist()) <= set(question.scale.values) | non


@few
@given(S.survey_responses(units=["XA-01"], min_respondents=2, max_respondents=4, weighted=True))
def test_responses_keep_to_the_units_sizes_and_weights_asked_for(responses: Responses) -> None:
    assert set(responses.units) == {"XA-01"}
    assert 2 <= len(responses) <= 4
    assert responses.weights is not None


def test_responses_hold_every_kind_of_non_answer() -> None:
    for kind in NonAnswer:

        def holds(r: Responses, code: int = kind.value) -> bool:
            return any(bool((c == code).any()) for c in r.answers.values())

        found = S.sample(S.survey_responses(), holds)
        assert found.matrix().min() < 0


@few
@given(S.survey_estimates())
def test_drawn_estimates_construct_again_and_cover_every_unit_and_item(
    found: SurveyEstimates,
) -> None:
    items = found.survey.items()
    assert len(found.estimates) == len(found.units) * len(items)
    assert found.replicates.shape[0] == len(items)
    assert found.replicates.shape[2] == len(found.units)
    for e in found.estimates:
        assert attrs.evolve(e) == e


# --- uncertainty and sensitivity ---------------------------------------------------------


@given(S.models())
def test_drawn_models_rank_every_unit_as_the_model_of_their_spec_does(model: Model) -> None:
    ranks = model.nominal_ranks()
    assert sorted(ranks)[0] == 1
    assert max(ranks) <= len(model.units)
    again = Model.of(model.spec, model.units, model.values)
    assert again.nominal_ranks() == ranks


@few
@given(S.variations(indicators=["x0", "x1"], nodes=["D0", "index"]))
def test_drawn_variations_construct_again(variation: Variation) -> None:
    # a mapping alternative is kept as (code, setting) pairs; it is given again as a mapping
    again = Variation(
        variation.weights,
        variation.concentration,
        *(
            [dict(a) if isinstance(a, tuple) else a for a in options]
            for options in (
                variation.normalisations,
                variation.aggregations,
                variation.imputations,
            )
        ),
    )
    assert again == variation
    assert not (variation.weights and variation.concentration is not None)


@few
@given(
    S.models().flatmap(
        lambda m: st.tuples(st.just(m), S.variations(indicators=m.indicators, nodes=m.nodes))
    )
)
def test_every_drawn_variation_runs_on_a_drawn_model(case: tuple[Model, Variation]) -> None:
    model, variation = case
    result = uncertainty(model, variation, runs=4, seed=0)
    assert result.ranks.shape == (4, len(model.units))
    assert result.ranks.min() >= 1


def test_variations_move_weights_both_ways_and_replace_single_settings() -> None:
    assert S.sample(S.variations(), lambda v: v.concentration is not None)
    assert S.sample(S.variations(), lambda v: v.weights > 0)
    assert S.sample(S.variations(), lambda v: not v.varies_weights)
    mapped = S.sample(
        S.variations(indicators=["x0"]), lambda v: any(isinstance(a, tuple) for a in v.imputations)
    )
    assert any(isinstance(a, tuple) and a[0][0] == "x0" for a in mapped.imputations)
