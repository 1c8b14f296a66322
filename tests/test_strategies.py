"""``cchc.strategies``: its public face, the batch strategies, and the message without the
``testing`` extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc.strategies as S
from cchc.campaigns import Campaign, CampaignInputs, CampaignResult
from cchc.criteria import Framework, RuleKind, bundled_frameworks, load_bundled
from cchc.errors import CchcError, NotFoundError
from cchc.scoring import BatchResult, Ranking, ScoreTable, Source, rank, score_table
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
