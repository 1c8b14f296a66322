"""Extra points outside the scale (điểm thưởng, điểm cộng, điểm trừ), the clamp on bonus minus
penalty, the index cap, and re-basing when a unit's survey was not run.

The worked example follows Ho Chi Minh City's template (DOMAIN.md): a base of 100, +10 for an
emulation flag of the city or a ministry, +15 for the Government's flag. The split of the base
into fields, the penalty (2 points per violation, at most 10) and the bands are illustrative.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from cchc.criteria import (
    Absent,
    Band,
    BandBasis,
    Criterion,
    Extra,
    Framework,
    Rule,
    RuleKind,
    format_framework,
    parse_framework,
)
from cchc.errors import CchcError, InvalidDocumentError, ValidationError
from cchc.export.json import from_json, to_json
from cchc.scoring import (
    Adjustment,
    Appraisal,
    Scorecard,
    ScoreTable,
    SelfAssessment,
    Source,
    SurveyResult,
    rank,
    score_table,
    score_unit,
    weakest_criteria,
)

D = Decimal

BANDS = [
    Band("Xuất sắc", 90, 125, upper_inclusive=True),
    Band("Tốt", 80, 90),
    Band("Khá", 0, 80),
]


def hcm(**settings: Any) -> Framework:
    """The worked example: 60 appraised points, a survey of 40, the two flags as yes/no bonus
    criteria and violations as a penalty (2 per violation, at most 10)."""
    base = [
        Criterion("1", "Công tác chỉ đạo, điều hành", D(60), rule=Rule.manual()),
        Criterion("2", "Khảo sát sự hài lòng", D(40), rule=Rule.survey()),
    ]
    flags = Criterion(
        "T",
        "Điểm thưởng",
        D(25),
        extra=Extra.BONUS,
        children=[
            Criterion("T.1", "Cờ thi đua của Thành phố hoặc Bộ", D(10), rule=Rule.yes_no()),
            Criterion("T.2", "Cờ thi đua của Chính phủ", D(15), rule=Rule.yes_no()),
        ],
    )
    cut = Criterion("Tr", "Điểm trừ: vi phạm", D(10), rule=Rule.bonus(2), extra=Extra.PENALTY)
    bands = settings.pop("bands", BANDS)
    return Framework(
        "hcm-demo", "Mẫu TP.HCM (minh họa)", [*base, flags, cut], bands=bands, **settings
    )


def card_of(fw: Framework, own: dict[str, object], survey: object = "100") -> Scorecard:
    result = None if survey is None else SurveyResult.of("Q1", {"2": survey})
    return score_unit(fw, SelfAssessment.of("Q1", own), survey=result)


# --- the framework -----------------------------------------------------------------------------


def test_the_base_maximum_leaves_bonus_and_penalty_out() -> None:
    fw = hcm()
    assert (fw.maximum, fw.bonus_maximum, fw.penalty_maximum) == (D(100), D(25), D(10))
    assert fw.has_extras
    assert fw.index_top == 125


def test_a_perfect_base_without_a_flag_is_100_per_cent_not_86_96() -> None:
    # before extras, the flags' 15 counted into the maximum: 100 / 115 = 86.96 %
    fw = hcm()
    card = card_of(fw, {"1": "60"})
    assert (card.points, card.maximum, card.index) == (D("100.00"), D("100.00"), Fraction(100))
    assert card.band == "Xuất sắc"


def test_a_bonus_criterion_not_declared_extra_still_counts_in_the_maximum() -> None:
    flag = Criterion("T", "Cờ", D(15), rule=Rule.yes_no())
    fw = Framework("old", "Cũ", [Criterion("1", "A", D(100)), flag])
    card = score_unit(fw, SelfAssessment.of("U", {"1": "100"}))
    assert card.maximum == D(115)
    assert card.index_rounded == D("86.96")


def test_extra_is_read_from_its_vietnamese_names_and_written_as_its_value() -> None:
    assert Criterion("T", "Cờ", 10, extra="Điểm cộng").extra is Extra.BONUS
    assert Criterion("T", "Cờ", 10, extra="điểm thưởng").extra is Extra.BONUS
    assert Criterion("P", "Vi phạm", 10, extra="ĐIỂM TRỪ").extra is Extra.PENALTY
    assert "extra='bonus'" in repr(Criterion("T", "Cờ", 10, extra="bonus"))
    with pytest.raises(ValidationError) as caught:
        Criterion("T", "Cờ", 10, extra="thêm")
    assert caught.value.field == "extra"
    assert caught.value.vi


def test_extra_is_declared_on_a_top_level_criterion_only() -> None:
    inner = Criterion("1.2", "Cờ", D(10), rule=Rule.yes_no(), extra="bonus")
    field = Criterion("1", "A", D(20), children=[Criterion("1.1", "B", D(10)), inner])
    with pytest.raises(InvalidDocumentError) as caught:
        Framework("x", "X", [field])
    (finding,) = caught.value.findings
    assert finding.code == "criteria.extra-nested"
    assert finding.path == "criteria[0].children[1].extra"
    assert "cấp cao nhất" in finding.message_vi


def test_a_child_may_repeat_its_fields_kind() -> None:
    leaf = Criterion("T.1", "Cờ", D(10), rule=Rule.yes_no(), extra="bonus")
    fw = Framework(
        "x", "X", [Criterion("1", "A", 100), Criterion("T", "T", 10, [leaf], extra="bonus")]
    )
    assert fw.bonus_maximum == 10


@pytest.mark.parametrize(
    ("settings", "code", "path"),
    [
        ({"extra_min": 1}, "framework.extra-range", "extra_min"),
        ({"extra_max": -1}, "framework.extra-range", "extra_max"),
        ({"extra_max": "0.001"}, "framework.precision", "extra_max"),
        ({"index_cap": 99}, "framework.index-cap", "index_cap"),
    ],
)
def test_limits_that_do_not_fit_are_refused_with_their_path(
    settings: dict[str, object], code: str, path: str
) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        hcm(**settings)
    assert [(f.code, f.path) for f in caught.value.findings] == [(code, path)]
    assert all(f.message_vi for f in caught.value.findings)


def test_bands_must_reach_the_highest_index_a_bonus_allows() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        hcm(bands=[Band("A", 90, 100, upper_inclusive=True), Band("B", 0, 90)])
    (finding,) = caught.value.findings
    assert finding.code == "bands.gap"
    assert "125" in finding.message_en
    # a cap at 100 % means bands up to 100 are enough again
    fw = hcm(index_cap=100, bands=[Band("A", 90, 100, upper_inclusive=True), Band("B", 0, 90)])
    assert fw.index_top == 100
    # so is a clamp: at most +10 over the base
    fw = hcm(extra_max=10, bands=[Band("A", 90, 110, upper_inclusive=True), Band("B", 0, 90)])
    assert fw.index_top == 110


def test_a_re_basing_policy_without_a_survey_is_a_warning() -> None:
    fw = Framework("x", "X", [Criterion("1", "A", 10)], absent_survey="rebase")
    (finding,) = fw.findings()
    assert (finding.code, finding.severity.value) == ("framework.absent-survey", "warning")


def test_toml_and_json_round_trip_a_framework_with_extras() -> None:
    fw = hcm(extra_min=-5, extra_max=20, index_cap=110, absent_survey=Absent.REBASE)
    text = format_framework(fw)
    assert 'extra = "bonus"' in text
    assert 'extra = "penalty"' in text
    assert 'index_cap = "110"' in text
    assert 'absent_survey = "rebase"' in text
    assert parse_framework(text) == fw
    assert from_json(to_json(fw), Framework) == fw
    assert pickle.loads(pickle.dumps(fw)) == fw
    # a framework without extras writes none of the new keys
    plain = Framework("p", "P", [Criterion("1", "A", 10)])
    assert "extra" not in format_framework(plain)
    assert "absent" not in format_framework(plain)


def test_toml_reads_vietnamese_names_and_reports_a_bad_kind_at_its_path() -> None:
    text = """
[framework]
id = "t"
title = "T"
[[criteria]]
code = "1"
title = "A"
maximum = 100
[[criteria]]
code = "T"
title = "Cờ thi đua"
maximum = 10
extra = "điểm thưởng"
rule = { kind = "yes_no" }
"""
    assert parse_framework(text).find("T").extra is Extra.BONUS
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(text.replace("điểm thưởng", "quà"))
    assert [f.path for f in caught.value.findings] == ["criteria[1].extra"]


# --- scoring ----------------------------------------------------------------------------------


def test_the_flags_add_above_100_and_the_penalty_subtracts() -> None:
    card = card_of(hcm(), {"1": "60", "T.1": "yes", "T.2": "yes", "Tr": 3}, survey="90")
    assert card.base == D("96.00")
    assert (card.bonus, card.penalty, card.extra_points) == (D("25.00"), D("6.00"), D("19.00"))
    assert card.points == D("115.00")
    assert card.maximum == D("100.00")
    assert card.index == Fraction(115)
    assert card.line("Tr").points == D("6.00")  # the line holds the amount taken away


def test_the_index_cap_stops_the_index_and_the_band_compares_the_capped_index() -> None:
    fw = hcm(index_cap=105)
    card = card_of(fw, {"1": "60", "T.2": "yes"})
    assert card.points == D("115.00")
    assert card.index == Fraction(105)
    assert card.index_cap == D(105)
    assert card.band == "Xuất sắc"
    why = card.explain("en")
    assert "capped at 105 %" in why.notes[0].en


def test_bands_on_points_compare_the_points_the_cap_stands_for() -> None:
    bands = [Band("A", 100, 110, upper_inclusive=True), Band("B", 0, 100)]
    fw = hcm(index_cap=110, bands=bands, band_basis=BandBasis.POINTS)
    card = card_of(fw, {"1": "60", "T.1": "yes", "T.2": "yes"})
    assert card.points == D("125.00")
    assert card.band == "A"


def test_bonus_minus_penalty_is_clamped_to_the_frameworks_range() -> None:
    fw = hcm(extra_min=-4, extra_max=12)
    high = card_of(fw, {"1": "60", "T.1": "yes", "T.2": "yes"})
    assert (high.bonus, high.extra_points, high.points) == (D("25.00"), D("12.00"), D("112.00"))
    low = card_of(fw, {"1": "60", "Tr": 5})
    assert (low.penalty, low.extra_points, low.points) == (D("10.00"), D("-4.00"), D("96.00"))
    for card in (high, low):
        why = card.explain("en")
        assert why.line_total() == why.total == card.points
        assert any(line.code == "extra" for line in why.lines)


def test_points_never_go_below_0_and_the_explanation_says_so() -> None:
    fw = hcm()
    card = card_of(fw, {"1": "2", "Tr": 5}, survey="0")
    assert (card.base, card.penalty, card.points, card.index) == (
        D("2.00"),
        D("10.00"),
        D("0.00"),
        Fraction(0),
    )
    why = card.explain("en")
    assert why.line_total() == why.total == D("0.00")
    assert why.lines[-1].why.en == "points never below 0"


def test_the_explanation_shows_base_bonus_and_penalty_separately() -> None:
    card = card_of(hcm(), {"1": "54", "T.1": "có", "Tr": 1}, survey="75")
    why = card.explain("en")
    by_code = {line.code: line for line in why.lines}
    assert by_code["T.1"].why.en.startswith("bonus (added, outside the maximum)")
    assert by_code["Tr"].points == D("-2.00")
    assert by_code["Tr"].why.en.startswith("penalty (subtracted, outside the maximum)")
    assert "base 84.00 / 100.00; bonus +10.00; penalty −2.00; counted +8.00" in why.notes[1].en
    assert why.line_total() == why.total == card.points == D("92.00")


def test_a_capped_bonus_field_gives_at_most_its_maximum() -> None:
    flags = Criterion(
        "T",
        "Điểm thưởng (tối đa 15)",
        D(15),
        capped=True,
        extra="bonus",
        children=[
            Criterion("T.1", "Cờ của Thành phố", D(10), rule=Rule.yes_no()),
            Criterion("T.2", "Cờ của Chính phủ", D(15), rule=Rule.yes_no()),
        ],
    )
    bands = [Band("A", 90, 115, upper_inclusive=True), Band("B", 0, 90)]
    fw = Framework("c", "C", [Criterion("1", "A", D(100)), flags], bands=bands)
    card = score_unit(fw, SelfAssessment.of("U", {"1": "100", "T.1": "yes", "T.2": "yes"}))
    assert (card.bonus, card.points, card.index) == (D("15.00"), D("115.00"), Fraction(115))
    why = card.explain("en")
    assert why.line_total() == why.total


def test_the_council_can_take_a_flag_away() -> None:
    fw = hcm()
    own = SelfAssessment.of("Q1", {"1": "60", "T.2": "yes"})
    council = Appraisal("Q1", [Adjustment("T.2", "no", "chưa có quyết định tặng cờ")])
    card = score_unit(fw, own, council, SurveyResult.of("Q1", {"2": "100"}))
    assert (card.bonus, card.index) == (D("0.00"), Fraction(100))
    assert card.line("T.2").source is Source.APPRAISAL


def test_a_batch_and_one_unit_agree_on_extras() -> None:
    fw = hcm(extra_max=20, index_cap=110)
    rows = [
        {"unit": "A", "1": "60", "T.1": "yes", "T.2": "yes"},
        {"unit": "B", "1": "30", "Tr": "2"},
        {"unit": "C", "1": "0", "Tr": "5"},
    ]
    result = score_table(ScoreTable.from_wide(fw, rows))
    for row in rows:
        unit = str(row.pop("unit"))
        one = score_unit(fw, SelfAssessment.of(unit, row))
        assert result.scorecard(unit) == one
    # the survey was not given and the framework does not re-base: it stays in the maximum
    assert [r["index"] for r in result.rows()] == [D("80.00"), D("26.00"), D("0.00")]


def test_units_above_the_cap_are_equal_in_the_ranking() -> None:
    fw = hcm(index_cap=100, absent_survey="rebase")  # no survey: over the 60 appraised
    rows = [
        {"unit": "A", "1": "60", "T.2": "yes"},
        {"unit": "B", "1": "50", "T.1": "yes"},
        {"unit": "C", "1": "59"},
    ]
    ranking = rank(score_table(ScoreTable.from_wide(fw, rows)))
    assert [(e.unit, e.rank, e.index) for e in ranking.entries] == [
        ("A", 1, Fraction(100)),
        ("B", 1, Fraction(100)),
        ("C", 3, Fraction(295, 3)),
    ]


def test_a_bonus_not_earned_is_not_a_weak_criterion() -> None:
    card = card_of(hcm(), {"1": "30"}, survey="50")
    assert {w.code for w in weakest_criteria(card, count=10)} == {"1", "2"}
    result = score_table(ScoreTable.from_wide(hcm(), [{"unit": "A", "1": "30"}]))
    assert {w.code for w in weakest_criteria(result, count=10)} == {"1", "2"}


def test_a_card_that_does_not_add_up_is_refused() -> None:
    card = card_of(hcm(), {"1": "60", "T.1": "yes", "Tr": 1})
    for change in (
        {"bonus": D("12.00")},
        {"penalty": D("0.00")},
        {"extra_points": D("9.00")},
        {"points": D("110.00")},
        {"index": Fraction(100)},
        {"survey_absent": True},
    ):
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(card, **change)
        assert caught.value.field == next(iter(change))
        assert caught.value.vi
    # a line under a bonus field that claims to be base points
    lines = list(card_of(hcm(), {"1": "60"}).lines)
    child = lines[3]
    assert child.code == "T.1"
    lines[3] = attrs.evolve(child, extra=Extra.BASE)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(card_of(hcm(), {"1": "60"}), lines=lines)
    assert caught.value.field == "lines[3].extra"


def test_a_scorecard_with_extras_round_trips_through_json_and_pickle() -> None:
    card = card_of(hcm(index_cap=110, extra_min=-5), {"1": "60", "T.2": "yes", "Tr": 5})
    assert from_json(to_json(card), Scorecard) == card
    assert pickle.loads(pickle.dumps(card)) == card


# --- a survey that was not run ----------------------------------------------------------------


def test_without_a_policy_an_absent_survey_scores_0() -> None:
    card = card_of(hcm(), {"1": "54"}, survey=None)
    assert (card.points, card.maximum, card.survey_absent) == (D("54.00"), D("100.00"), False)


def test_an_absent_survey_is_re_based_over_what_was_assessed() -> None:
    fw = hcm(absent_survey="rebase")
    card = card_of(fw, {"1": "54"}, survey=None)
    assert (card.points, card.maximum, card.index) == (D("54.00"), D("60.00"), Fraction(90))
    assert card.survey_absent
    line = card.line("2")
    assert (line.absent, line.maximum, line.entry) == (True, D("0.00"), None)
    why = card.explain("en")
    assert "survey not run" in why.lines[1].why.en
    notes = [note.en for note in why.notes]
    assert any("quy về thang điểm 100" in note and "2 taken out" in note for note in notes)


def test_a_survey_that_was_run_is_never_re_based() -> None:
    fw = hcm(absent_survey="rebase")
    card = card_of(fw, {"1": "54"}, survey="0")
    assert (card.maximum, card.survey_absent, card.index) == (D("100.00"), False, Fraction(54))


def test_re_basing_an_absent_survey_is_the_same_in_a_batch() -> None:
    fw = hcm(absent_survey="rebase")
    own = ScoreTable.from_wide(fw, [{"unit": "A", "1": "54"}, {"unit": "B", "1": "54"}])
    survey = ScoreTable.from_wide(fw, [{"unit": "B", "2": "50"}], stage=Source.SURVEY)
    result = score_table(own.overlay(survey))
    assert [(r["unit"], r["maximum"], r["index"]) for r in result.rows()] == [
        ("A", D("60.00"), D("90.00")),
        ("B", D("100.00"), D("74.00")),
    ]
    assert attrs.evolve(result.scorecard("A"), unit="Q1") == card_of(fw, {"1": "54"}, survey=None)
    assert attrs.evolve(result.scorecard("B"), unit="Q1") == card_of(fw, {"1": "54"}, survey="50")
    assert result.component_index("2") == (None, Fraction(50))


def test_a_stage_that_is_only_not_applicable_is_not_absent() -> None:
    survey = Criterion("2", "Khảo sát", D(40), rule=Rule.survey(), not_applicable_allowed=True)
    fw = Framework("n", "N", [Criterion("1", "A", D(60)), survey], absent_survey="rebase")
    card = score_unit(
        fw, SelfAssessment.of("U", {"1": "30"}), survey=SurveyResult.of("U", {"2": "N/A"})
    )
    assert (card.maximum, card.survey_absent, card.line("2").not_applicable) == (
        D("60.00"),
        False,
        True,
    )


def test_the_policy_is_data_and_refuses_an_unknown_word() -> None:
    assert hcm(absent_survey="REBASE").absent_survey is Absent.REBASE
    with pytest.raises(CchcError) as caught:
        hcm(absent_survey="skip")
    assert caught.value.field == "absent_survey"


def test_rule_kinds_for_counted_items_and_deductions_are_the_existing_ones() -> None:
    # "counted items × points per item, capped" is BONUS; a penalty outside the scale is a
    # BONUS rule on a criterion declared extra = penalty; DEDUCTION stays inside the base
    fw = hcm()
    assert fw.find("Tr").effective_rule.kind is RuleKind.BONUS
    assert fw.find("Tr").effective_rule.points(7, D(10), D("0.01")) == D("10.00")


def test_a_deduction_rule_in_a_penalty_field_is_a_warning() -> None:
    cut = Criterion("Tr", "Vi phạm", D(10), rule=Rule.deduction(2), extra="penalty")
    fw = Framework("w", "W", [Criterion("1", "A", D(100)), cut])
    (finding,) = fw.findings()
    assert (finding.code, finding.path, finding.severity.value) == (
        "criteria.penalty-deduction",
        "criteria[1].rule.kind",
        "warning",
    )
