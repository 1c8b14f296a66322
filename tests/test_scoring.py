"""Scoring: stages, exact scorecards, the column engine, ranking, comparison and explanations."""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest

from cchc._fields import CodedEnum
from cchc.criteria import Band, Criterion, Framework, Level, Rule, load_bundled
from cchc.errors import (
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    Severity,
    ValidationError,
)
from cchc.explanations import Explanation, ExplanationLine
from cchc.export.json import from_json, to_json
from cchc.lang import Lang, Words
from cchc.scoring import (
    NOT_APPLICABLE,
    Adjustment,
    Appraisal,
    CouncilChange,
    CriterionScore,
    Entry,
    Marker,
    RankedUnit,
    Ranking,
    Scorecard,
    ScoreTable,
    SelfAssessedScorecard,
    SelfAssessment,
    Source,
    SurveyResult,
    Tie,
    TieOrder,
    TiePolicy,
    WeakCriterion,
    YearChange,
    compare_years,
    council_change_report,
    council_changes,
    explain,
    rank,
    score_self_assessment,
    score_table,
    score_unit,
    weakest_criteria,
)
from cchc.ties import TieBreak, TieBreakKind, lot_draw

CAMPAIGN = load_bundled("cchc-campaign-6")
CA_MAU = load_bundled("ca-mau-1880-2013")

OWN = {
    "1.1": "8",
    "1.2": 1,
    "2.1": (45, 50),
    "2.2": True,
    "2.3": "55",
    "3.1": "9.5",
    "3.2": NOT_APPLICABLE,
    "4.1": 0,
    "4.2": 1,
    "5.1": "9/10",
    "5.2": "4.5",
    "6.1": (80, 100),
}
EXPECTED = {  # worked by hand from the rules in cchc-campaign-6.toml
    "1.1": "8.00",  # manual
    "1.2": "6.00",  # 7 less 1 per occurrence
    "2.1": "9.00",  # 10 x 45/50
    "2.2": "4.00",  # yes
    "2.3": "6.00",  # 55 % is in the level "from 50 %"
    "3.1": "8.00",  # the council's 8, not the unit's 9.5
    "3.2": "0.00",  # not applicable
    "4.1": "10.00",  # no breach
    "4.2": "2.50",  # one initiative at 2.5
    "5.1": "9.00",  # 10 x 9/10
    "5.2": "4.50",
    "6.1": "8.00",  # 10 x 80/100
    "6.2": "8.75",  # 10 x 87.5 / 100 from the survey
}


def final_card() -> Scorecard:
    council = Appraisal("XA-01", [Adjustment("3.1", "8", "thiếu quyết định phê duyệt")])
    survey = SurveyResult.of("XA-01", {"6.2": "87.5"})
    return score_unit(CAMPAIGN, SelfAssessment.of("XA-01", OWN), council, survey)


# --- entries and stages --------------------------------------------------------------------


def test_entries_keep_what_was_reported_as_canonical_text() -> None:
    assert [Entry("x", v).value for v in (True, 3, Decimal("1.50"), (4, 5), NOT_APPLICABLE)] == [
        "yes",
        "3",
        "1.50",
        "4/5",
        "N/A",
    ]
    assert Entry("x", "không áp dụng").not_applicable


def test_floats_cannot_be_reported() -> None:
    with pytest.raises(CchcTypeError, match="floats"):
        Entry("1.1", 0.5)


def test_a_criterion_may_be_reported_only_once() -> None:
    with pytest.raises(ValidationError, match="twice"):
        SelfAssessment("U", [Entry("1.1", "1"), Entry("1.1", "2")])
    with pytest.raises(ValidationError, match="twice"):
        Appraisal("U", [Adjustment("1.1", "1", "a"), Adjustment("1.1", "2", "b")])


def test_every_council_change_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="reason"):
        Adjustment("1.1", "7", "  ")


def test_evidence_travels_with_the_entry() -> None:
    sa = SelfAssessment.of("U", {"1.1": "8"}, evidence={"1.1": ["Báo cáo số 12/BC-UBND"]})
    assert sa.entries[0].evidence == ("Báo cáo số 12/BC-UBND",)


# --- one unit ------------------------------------------------------------------------------


def test_each_criterion_gets_the_points_its_rule_gives() -> None:
    card = final_card()
    got = {line.code: str(line.points) for line in card.lines if "." in line.code}
    assert got == EXPECTED


def test_totals_index_and_band_of_the_worked_example() -> None:
    card = final_card()
    total = sum(Decimal(v) for v in EXPECTED.values())
    assert card.points == total == Decimal("83.75")
    assert card.maximum == Decimal(95)  # 100 less the 5 points of 3.2, not applicable
    assert card.index == Fraction(8375, 95)
    assert card.index_rounded == Decimal("88.16")
    assert card.band == "Tốt"


def test_component_index_of_each_field() -> None:
    card = final_card()
    assert [str(f.points) for f in card.fields] == [
        "14.00",
        "19.00",
        "8.00",
        "12.50",
        "13.50",
        "16.75",
    ]
    assert card.component_index("3") == Fraction(80)  # 8 of the 10 applicable points
    with pytest.raises(NotFoundError):
        card.component_index("9")


def test_the_council_changes_report_lists_every_change_with_its_reason() -> None:
    own = score_self_assessment(CAMPAIGN, SelfAssessment.of("XA-01", OWN))
    assert isinstance(own, SelfAssessedScorecard)
    changes = council_changes(own, final_card())
    assert changes == (
        CouncilChange(
            "XA-01", "3.1", Decimal("9.50"), Decimal("8.00"), "thiếu quyết định phê duyệt"
        ),
    )
    assert changes[0].change == Decimal("-1.50")
    assert str(changes[0]) == "XA-01 3.1: 9.50 → 8.00 (-1.50) — thiếu quyết định phê duyệt"


def test_the_batch_council_report_matches_the_units_one_by_one() -> None:
    second = {**OWN, "2.1": (50, 50), "4.1": 2}
    own = ScoreTable.from_long(
        CAMPAIGN,
        [
            (u, code, v)
            for u, vals in (("XA-01", OWN), ("XA-02", second))
            for code, v in vals.items()
        ],
    )
    adjust = [("XA-01", "3.1", "8", "thiếu quyết định"), ("XA-02", "2.1", (40, 50), "sai số liệu")]
    council = ScoreTable.from_long(CAMPAIGN, adjust, stage=Source.APPRAISAL)
    report = council_change_report(score_table(own), score_table(own.overlay(council)))
    one_by_one: list[CouncilChange] = []
    for unit, vals in (("XA-01", OWN), ("XA-02", second)):
        mine = SelfAssessment.of(unit, vals)
        ours = Appraisal(unit, [Adjustment(c, v, r) for u, c, v, r in adjust if u == unit])
        one_by_one += council_changes(
            score_self_assessment(CAMPAIGN, mine), score_unit(CAMPAIGN, mine, ours)
        )
    assert report == tuple(one_by_one)
    assert [str(c.change) for c in report] == ["-1.50", "-2.00"]


def test_a_council_that_confirms_a_score_changes_nothing() -> None:
    own = score_self_assessment(CAMPAIGN, SelfAssessment.of("U", {"1.1": "8"}))
    confirm = Appraisal("U", [Adjustment("1.1", "8.0", "đúng")])
    final = score_unit(CAMPAIGN, SelfAssessment.of("U", {"1.1": "8"}), confirm)
    assert council_changes(own, final) == ()


def test_stages_must_be_for_the_same_unit() -> None:
    with pytest.raises(ValidationError, match="another unit"):
        score_unit(CAMPAIGN, SelfAssessment.of("A", {}), Appraisal("B"))


def test_a_unit_cannot_score_its_own_survey() -> None:
    with pytest.raises(InvalidDocumentError, match="survey-in-self"):
        score_unit(CAMPAIGN, SelfAssessment.of("U", {"6.2": "90"}))


def test_not_applicable_is_allowed_only_where_the_framework_says() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        score_unit(CAMPAIGN, SelfAssessment.of("U", {"1.1": "N/A"}))
    assert [f.code for f in caught.value.findings] == ["table.not-applicable"]


def test_criteria_not_reported_score_nothing_and_say_so() -> None:
    card = score_unit(CA_MAU, SelfAssessment.of("SNV", {"1.1.1": "1"}))
    assert card.points == Decimal("1.00")
    assert card.line("1.2.1").entry is None
    assert "not reported" in str(card.line("1.2.1").explain("en"))


def test_a_band_boundary_is_reached_exactly() -> None:
    fw = Framework(
        "edge",
        "Edge",
        [Criterion("1", "A", Decimal(100), rule=Rule.manual())],
        bands=[Band("A", 90, 100, upper_inclusive=True), Band("B", 0, 90)],
    )
    assert score_unit(fw, SelfAssessment.of("U", {"1": "90.00"})).band == "A"
    assert score_unit(fw, SelfAssessment.of("U", {"1": "89.99"})).band == "B"


def test_a_capped_criterion_stops_at_its_cap_and_explain_shows_the_cap() -> None:
    capped = Criterion(
        "1",
        "Điểm thưởng",
        Decimal(2),
        children=[
            Criterion("1.1", "Sáng kiến", Decimal(2), rule=Rule.bonus(1)),
            Criterion("1.2", "Mô hình", Decimal(2), rule=Rule.bonus(1)),
        ],
        capped=True,
    )
    fw = Framework("cap", "Cap", [capped, Criterion("2", "B", Decimal(8))])
    card = score_unit(fw, SelfAssessment.of("U", {"1.1": 2, "1.2": 1, "2": "5"}))
    assert card.line("1").points == Decimal("2.00")
    assert card.points == Decimal("7.00")
    why = card.explain("en")
    assert why.line_total() == card.points
    assert any("cap" in line.why.en for line in why.lines)


def test_explain_gives_the_rule_the_entry_and_the_councils_reason() -> None:
    why = final_card().explain("en")
    text = {line.code: line.why.en for line in why.lines}
    assert text["3.1"] == (
        "manual: 0 to 10 in steps of 0.5; reported 8 (appraisal); council: thiếu quyết định "
        "phê duyệt"
    )
    assert text["3.2"] == "not applicable: taken out of the unit's maximum"
    assert text["6.2"] == (
        "survey: 10 × index / 100; reported 87.5 (survey): 10 × 87.5 / 100 → 8.75 (ROUND_HALF_UP)"
    )
    assert text["1.2"].endswith("7 − 1 × 1, not below 0 → 6.00")
    assert text["4.2"].endswith("1 × 2.5, capped at 5 → 2.50")
    assert why.line_total() == why.total == Decimal("83.75")
    assert str(why).startswith("XA-01: final scorecard (cchc-campaign-6)")


def test_explain_refuses_what_it_does_not_know() -> None:
    with pytest.raises(CchcTypeError):
        explain(42)


def test_weakest_criteria_of_a_unit_name_their_lead_units() -> None:
    weak = weakest_criteria(final_card(), count=3)
    assert [(w.code, w.share, w.lead_unit) for w in weak] == [
        ("4.2", Fraction(1, 2), None),
        ("3.1", Fraction(4, 5), "Phòng Nội vụ"),
        ("6.1", Fraction(4, 5), "Văn phòng HĐND và UBND"),
    ]


# --- many units ----------------------------------------------------------------------------

WIDE = [
    {"unit": "SNV", "1.1.1": "1", "1.1.4": "95", "1.2.1": "có", "1.3": "3"},
    {"unit": "STP", "1.1.1": "0,5", "1.1.4": "90", "1.2.1": "không", "1.3": "2.5"},
    {"unit": "SYT", "1.1.1": "0", "1.1.4": "69.99", "1.2.1": "có", "1.3": "3"},
]


def test_long_wide_and_array_tables_give_the_same_scores() -> None:
    long = [(r["unit"], code, v) for r in WIDE for code, v in r.items() if code != "unit"]
    arrays = {
        "1.1.1": np.array([100, 50, 0]),
        "1.1.4": np.array([9500, 9000, 6999]),
        "1.2.1": np.array([1, 0, 1]),
        "1.3": np.array([300, 250, 300]),
    }
    results = [
        score_table(ScoreTable.from_wide(CA_MAU, WIDE)).rows(),
        score_table(ScoreTable.from_long(CA_MAU, long)).rows(),
        score_table(ScoreTable.from_arrays(CA_MAU, ["SNV", "STP", "SYT"], arrays)).rows(),
    ]
    assert results[0] == results[1] == results[2]
    assert [r["points"] for r in results[0]] == [Decimal(7), Decimal(4), Decimal(4)]


def test_a_batch_scorecard_is_the_same_as_scoring_the_unit_alone() -> None:
    result = score_table(ScoreTable.from_wide(CA_MAU, WIDE))
    alone = score_unit(
        CA_MAU, SelfAssessment.of("STP", {k: v for k, v in WIDE[1].items() if k != "unit"})
    )
    assert result.scorecard("STP") == alone


def test_criterion_rows_are_the_long_form_of_the_result() -> None:
    rows = score_table(ScoreTable.from_wide(CA_MAU, WIDE)).criterion_rows()
    assert len(rows) == 3 * len(list(CA_MAU.walk()))
    first = rows[0]
    assert first == {
        "unit": "SNV",
        "criterion": "1",
        "points": Decimal("7.00"),
        "maximum": Decimal("20.00"),
        "index": Decimal("35.00"),  # the component index of field 1: 7 of 20
    }


def test_a_batch_gives_each_units_component_index_as_the_scorecard_does() -> None:
    result = score_table(ScoreTable.from_wide(CA_MAU, WIDE))
    for code in ("1", "1.1", "1.3"):
        alone = [result.scorecard(u).component_index(code) for u in result.units]
        assert list(result.component_index(code)) == alone
    with pytest.raises(NotFoundError):
        result.component_index("9")


def test_bad_inputs_are_reported_all_at_once_with_their_paths() -> None:
    rows = [
        {"unit": "A", "1.1.1": "2", "9.9": "1", "1.2.1": "hmm"},
        {"unit": "A", "1.1.2": "1"},
        {"unit": "B", "1": "3", "1.1.4": "N/A"},
    ]
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(CA_MAU, rows)
    found = [(f.code, f.path) for f in caught.value.findings]
    assert found == [
        ("table.duplicate-unit", "units[1]"),
        ("table.unknown-criterion", "rows[0]['9.9']"),
        ("table.cell", "rows[0]['1.2.1']"),
        ("table.not-a-leaf", "rows[2]['1']"),
        ("table.not-applicable", "rows[2]['1.1.4']"),
        ("table.cell", "rows[0]['1.1.1']"),
    ]


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("1.1", "99"),  # above the maximum: found when the whole table is checked
        ("1.1", "7.3"),  # off the criterion's steps of 0.5
        ("2.1", "60/50"),  # a numerator above its denominator
        ("1.1", "abc"),  # not a number: found as the cell is read
        ("2.3", "150"),  # above the top of the rule's scale
        ("1.2", "N/A"),  # not applicable where the criterion does not allow it
    ],
)
def test_a_wide_rows_bad_cell_is_named_by_the_callers_row_and_column(code: str, value: str) -> None:
    rows: list[Any] = ["not a row", {"unit": "A", "1.1": "8"}, {"unit": "B", code: value}]
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(CAMPAIGN, rows)
    found = [(f.code, f.path) for f in caught.value.findings]
    assert found[0] == ("table.row", "rows[0]")
    assert [path for _, path in found[1:]] == [f"rows[2]['{code}']"], found


@pytest.mark.parametrize(
    ("code", "value"),
    [("1.1", "99"), ("1.1", "7.3"), ("2.1", "60/50"), ("1.1", "abc"), ("1.2", "N/A")],
)
def test_a_sheet_read_by_columns_still_names_a_bad_cell_by_row_and_column(
    code: str, value: str
) -> None:
    # every row has the same columns (as a CSV file gives them): the sheet is read a column at
    # a time, and a bad cell is still named where the caller wrote it
    rows = [{"unit": u, "1.1": "8", "2.1": "45/50", "1.2": "1"} for u in ("A", "B", "C")]
    rows[2][code] = value
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(CAMPAIGN, rows)
    assert [f.path for f in caught.value.findings] == [f"rows[2]['{code}']"]


def test_a_sheet_reads_the_same_whatever_the_order_of_its_columns() -> None:
    rows = [
        {"unit": "A", "1.1": "8", "2.1": "45/50"},
        {"unit": "B", "1.1": "7.5", "2.1": "10/50"},
        {"unit": "C", "1.1": "8", "2.1": "45/50"},
    ]
    shuffled = [dict(reversed(list(row.items()))) for row in rows]
    ragged = [rows[0], shuffled[1], {"unit": "C", "2.1": "45/50", "1.1": "8"}]
    tables = [ScoreTable.from_wide(CAMPAIGN, r) for r in (rows, shuffled, ragged)]
    for table in tables[1:]:
        assert table.units == tables[0].units
        assert (table.first == tables[0].first).all()
        assert (table.second == tables[0].second).all()
        assert (table.given == tables[0].given).all()


def test_rows_that_are_not_rows_are_reported() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(CA_MAU, [["SNV", "1"], {"unit": "STP"}])  # type: ignore[list-item]
    assert [(f.code, f.path) for f in caught.value.findings] == [("table.row", "rows[0]")]
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_long(CA_MAU, [("SNV", "1.3"), (1, "1.3", "2")])
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("table.row", "rows[0]"),
        ("table.row", "rows[1]"),
    ]


def test_bad_arrays_are_reported_with_their_paths() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_arrays(
            CA_MAU,
            ["A", "B"],
            {"1.1.1": np.array([100, 75]), "1.1.2": np.array([0.5, 1.0]), "1.1.3": [1, 2, 3]},
        )
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("table.column", "columns['1.1.2']"),
        ("table.column", "columns['1.1.3']"),
        ("table.cell", "B['1.1.1']"),
    ]


def test_a_value_given_twice_and_units_differing_only_in_case_are_refused() -> None:
    with pytest.raises(InvalidDocumentError, match="already has a value"):
        ScoreTable.from_long(CA_MAU, [("A", "1.1.1", "1"), ("A", "1.1.1", "0")])
    with pytest.raises(InvalidDocumentError, match="duplicate-unit"):
        ScoreTable.from_long(CA_MAU, [("A", "1.1.1", "1"), ("a", "1.1.1", "1")])


def test_stages_overlay_a_batch_and_keep_the_councils_reasons() -> None:
    own = ScoreTable.from_wide(CA_MAU, WIDE)
    council = ScoreTable.from_long(
        CA_MAU, [("STP", "1.3", "2", "biên bản kiểm tra thiếu")], stage=Source.APPRAISAL
    )
    result = score_table(own.overlay(council))
    line = result.scorecard("STP").line("1.3")
    assert (line.points, line.source, line.reason) == (
        Decimal("2.00"),
        Source.APPRAISAL,
        "biên bản kiểm tra thiếu",
    )
    with pytest.raises(NotFoundError):
        own.overlay(ScoreTable.from_long(CA_MAU, [("XYZ", "1.3", "1")]))


def test_updating_with_a_stage_is_the_same_as_overlaying_it() -> None:
    units = ["X1", "X2", "X3"]
    own = ScoreTable.from_arrays(
        CAMPAIGN,
        units,
        {"2.3": np.array([5500, 4000, 2000]), "3.1": np.array([900, 850, 1000])},
        not_applicable={"3.2": np.array([True, False, False])},
    )
    change = {"3.1": np.array([0, 800, 700]), "3.2": np.array([0, 1, 1])}
    present = {"3.1": np.array([False, True, True]), "3.2": np.array([True, False, False])}
    na = {"2.3": np.array([False, False, True])}
    one = own.updated(change, present=present, not_applicable=na)
    two = own.overlay(
        own.stage_arrays(change, present=present, not_applicable=na, stage=Source.APPRAISAL)
    )
    assert score_table(one).rows() == score_table(two).rows()
    for a, b in zip((one.given, one.na, one.source), (two.given, two.na, two.source), strict=True):
        assert (a == b).all()
    live = one.given & ~one.na  # what a "not applicable" cell holds does not matter
    assert (one.first[live] == two.first[live]).all()
    assert (one.second[live] == two.second[live]).all()


def test_tables_and_results_cannot_be_changed_in_place() -> None:
    table = ScoreTable.from_wide(CA_MAU, WIDE)
    with pytest.raises(ValueError, match="read-only"):
        table.first[0, 0] = 1
    with pytest.raises(ValueError, match="read-only"):
        score_table(table).leaf_points[0, 0] = 1


def test_bad_stage_arrays_are_reported() -> None:
    own = ScoreTable.from_wide(CA_MAU, WIDE)
    with pytest.raises(InvalidDocumentError) as caught:
        own.updated(
            {"1.3": np.array([900, 0, 0]), "1.1.1": np.array([1.0, 0.0, 0.0]), "7": [1, 2, 3]},
            reasons={("XYZ", "1.3"): "?"},
        )
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("table.column", "columns['1.1.1']"),
        ("table.unknown-criterion", "columns['7']"),
        ("table.reason", "reasons[('XYZ', '1.3')]"),
        ("table.cell", "SNV['1.3']"),
    ]


def scored(rows: Sequence[Mapping[str, object]]) -> Any:
    return score_table(ScoreTable.from_wide(CA_MAU, rows))


TIES: list[Mapping[str, object]] = [
    {"unit": "A", "1.1.1": "1", "1.2.1": "no"},
    {"unit": "B", "1.1.1": "0", "1.2.1": "yes"},
    {"unit": "C", "1.1.1": "0.5"},
    {"unit": "D", "1.1.1": "0", "1.2.1": "no"},
]


def test_competition_ranking_skips_after_a_tie() -> None:
    assert [(e.unit, e.rank) for e in rank(scored(TIES)).entries] == [
        ("A", 1),
        ("B", 1),
        ("C", 3),
        ("D", 4),
    ]


def test_dense_ranking_does_not_skip() -> None:
    ranking = rank(scored(TIES), policy=TiePolicy.dense())
    assert [e.rank for e in ranking.entries] == [1, 1, 2, 3]
    assert ranking.of("B").tied_with == ("A",)


def test_a_tie_break_chain_separates_and_is_recorded() -> None:
    ranking = rank(
        scored(TIES),
        policy=TiePolicy.chain_of(TieBreak.field_points("1.2"), TieBreak.field_points("1.1")),
    )
    entries = ranking.entries
    assert [(e.unit, e.rank) for e in entries] == [("B", 1), ("A", 2), ("C", 3), ("D", 4)]
    assert entries[1].tie_break == "placed below B by 1.2: 0.00 < 1.00"
    assert "placed below B by 1.2" in str(entries[1].explain("en"))


def test_ranking_is_within_groups() -> None:
    groups = {"A": "sở", "B": "huyện", "C": "sở", "D": "huyện"}
    ranking = rank(scored(TIES), groups)
    assert [(e.group, e.unit, e.rank) for e in ranking.entries] == [
        ("huyện", "B", 1),
        ("huyện", "D", 2),
        ("sở", "A", 1),
        ("sở", "C", 2),
    ]
    assert [e.unit for e in ranking.group("sở")] == ["A", "C"]


def test_ranking_rows_are_ready_for_a_dataframe() -> None:
    row = rank(scored(TIES)).rows()[0]
    assert row == {
        "unit": "A",
        "group": "",
        "rank": 1,
        "points": Decimal("1.00"),
        "maximum": Decimal("20.00"),
        "index": Decimal("5.00"),
        "band": None,
        "tie_break": None,
    }


def test_a_tie_break_must_name_a_criterion() -> None:
    with pytest.raises(NotFoundError, match="tie-break"):
        rank(scored(TIES), policy=TiePolicy.chain_of(TieBreak.field_points("9.9")))


# --- tie-break links: one vocabulary with prizes (cchc.ties) ---------------------------------


def _entries(ranking: Any) -> list[tuple[str, int, str | None]]:
    return [(e.unit, e.rank, e.tie_break) for e in ranking.entries]


@pytest.mark.parametrize(
    ("texts", "links"),
    [
        (("1.2", "1.1"), (TieBreak.field_points("1.2"), TieBreak.field_points("1.1"))),
        (("points", "1.1"), (TieBreak.total_points(), TieBreak.field_points("1.1"))),
        (("1.1", "POINTS"), (TieBreak.field_points("1.1"), TieBreak.total_points())),
        (("1.1.1",), (TieBreak.field_points("1.1.1"),)),
    ],
)
@pytest.mark.parametrize("order", list(TieOrder))
def test_a_chain_of_texts_still_ranks_as_the_links_it_stands_for_with_a_warning(
    texts: tuple[str, ...], links: tuple[TieBreak, ...], order: TieOrder
) -> None:
    with pytest.warns(DeprecationWarning, match="TieBreak.field_points"):
        old = TiePolicy.chain_of(*texts, order=order)
    with pytest.warns(DeprecationWarning, match="tie-break chain of texts"):
        built = TiePolicy(order, texts)
    new = TiePolicy.chain_of(*links, order=order)
    assert old == built == new
    assert old.chain == links
    assert _entries(rank(scored(TIES), policy=old)) == _entries(rank(scored(TIES), policy=new))


def test_total_points_break_ties_of_the_index_where_maxima_differ() -> None:
    rows = [
        {"unit": "A", "3.2": "N/A", "2.1": (76, 100)},  # 7.60 of 95 points: 8 %
        {"unit": "B", "2.1": (80, 100)},  # 8.00 of 100 points: 8 %
    ]
    result = score_table(ScoreTable.from_wide(CAMPAIGN, rows))
    assert [(e.unit, e.rank) for e in rank(result).entries] == [("A", 1), ("B", 1)]
    by_total = rank(result, policy=TiePolicy.chain_of(TieBreak.total_points()))
    assert _entries(by_total) == [("B", 1, None), ("A", 2, "placed below B by points: 7.60 < 8.00")]


@pytest.mark.parametrize(
    "link", [TieBreak.fewer_deductions(), TieBreak.appraisal(), TieBreak.priority()]
)
def test_a_ranking_refuses_links_it_has_no_data_for_naming_the_kind(link: TieBreak) -> None:
    with pytest.raises(ValidationError) as err:
        TiePolicy.chain_of(TieBreak.field_points("1.1"), link)
    assert err.value.field == "chain[1]"
    assert err.value.value == link
    assert {"fewer-deductions": "deductions", "appraisal": "appraisal", "priority": "priority"}[
        link.kind.value
    ] in str(err.value)
    assert err.value.vi
    assert not link.kind.in_rankings


def test_a_chain_link_must_be_a_tie_break() -> None:
    with pytest.raises(CchcTypeError) as err:
        TiePolicy(TieOrder.DENSE, [TieBreak.total_points(), 1.1])  # type: ignore[list-item]
    assert err.value.field == "chain[1]"


LOTTERY = [{"unit": u, "1.1.1": "1"} for u in ("P", "Q", "R", "S", "T", "U")]


@pytest.mark.parametrize("seed", ["138/KH-UBND", "2021", "x"])
def test_a_lot_orders_units_that_stay_equal_by_their_draws(seed: str) -> None:
    policy = TiePolicy.chain_of(TieBreak.lot(seed))
    ranking = rank(scored(LOTTERY), policy=policy)
    expected = sorted((str(r["unit"]) for r in LOTTERY), key=lambda u: lot_draw(seed, u))
    assert [e.unit for e in ranking.entries] == expected
    assert [e.rank for e in ranking.entries] == [1, 2, 3, 4, 5, 6]
    assert ranking.entries[1].tie_break == f"placed below {expected[0]} by lot seeded with {seed}"
    again = rank(scored(LOTTERY[::-1]), policy=policy)
    assert _entries(again) == _entries(ranking)


def test_a_lot_only_orders_what_the_index_leaves_equal() -> None:
    ranking = rank(scored(TIES), policy=TiePolicy.chain_of(TieBreak.lot("2021")))
    assert [e.unit for e in ranking.entries][2:] == ["C", "D"]
    assert {e.unit for e in ranking.entries[:2]} == {"A", "B"}
    assert [e.rank for e in ranking.entries] == [1, 2, 3, 4]


def test_a_ranking_and_a_prize_draw_the_same_lot() -> None:
    from cchc.awards import (
        Candidate,
        PrizeGroup,
        PrizeLevel,
        PrizeStructure,
        PrizeTiePolicy,
        TieMode,
        allocate,
    )

    seed = "138/KH-UBND"
    units = [str(r["unit"]) for r in LOTTERY]
    ranked = [
        e.unit for e in rank(scored(LOTTERY), policy=TiePolicy.chain_of(TieBreak.lot(seed))).entries
    ]
    levels = [PrizeLevel(f"p{i}", f"Giải {i}") for i in range(len(units))]
    ties = PrizeTiePolicy(TieMode.BREAK, [TieBreak.lot(seed)])
    structure = PrizeStructure([PrizeGroup("G", "Khối", levels, ties=ties)])
    decision = allocate(structure, [Candidate(u, "G", Decimal(1)) for u in units])
    assert [a.recipient for a in decision.awards] == ranked


def test_the_explanation_of_a_ranking_names_its_links_in_both_languages() -> None:
    policy = TiePolicy.chain_of(
        TieBreak.field_points("1.1"), TieBreak.total_points(), TieBreak.lot("2021")
    )
    why = rank(scored(TIES), policy=policy).explain("en")
    assert why.subject.en.endswith("ties broken by 1.1, points, lot 2021")
    assert why.subject.vi.endswith("phân định đồng hạng theo 1.1, tổng điểm, bốc thăm 2021")


def test_ranking_by_index_respects_not_applicable() -> None:
    rows = [
        {"unit": "A", "2.3": "N/A", "2.1": (1, 1)},  # 10 of 94 applicable points
        {"unit": "B", "2.1": (1, 1)},  # 10 of 100
    ]
    result = score_table(ScoreTable.from_wide(CAMPAIGN, rows))
    assert [e.unit for e in rank(result).entries] == ["A", "B"]


def test_comparison_with_the_previous_year() -> None:
    before = rank(scored(TIES))
    after = rank(scored([{"unit": "D", "1.1.1": "1", "1.2.1": "yes"}, *TIES[:2]]))
    changes = {c.unit: c for c in compare_years(before, after)}
    assert (changes["D"].rank_before, changes["D"].rank_after, changes["D"].places_moved) == (
        4,
        1,
        3,
    )
    assert changes["D"].index_change == Fraction(10)
    assert changes["C"].rank_after is None
    assert changes["C"].places_moved is None


def test_weakest_criteria_of_a_group() -> None:
    result = scored(TIES)
    weak = weakest_criteria(result, units=["A", "C"], count=2)
    assert [(w.code, w.points) for w in weak] == [("1.1.2", Decimal(0)), ("1.1.3", Decimal(0))]
    weak_all = weakest_criteria(result, leaves_only=False, count=50)
    assert {w.code for w in weak_all} >= {"1", "1.1"}
    with pytest.raises(ValidationError):
        weakest_criteria(result, count=-1)


# --- contracts -----------------------------------------------------------------------------


def value_types() -> list[Any]:
    card = final_card()
    own = score_self_assessment(CAMPAIGN, SelfAssessment.of("XA-01", OWN))
    ranked = rank(scored(TIES), policy=TiePolicy.chain_of(TieBreak.field_points("1.2"))).entries[1]
    return [
        Entry("1.1", "8", ["Báo cáo"]),
        SelfAssessment.of("XA-01", OWN),
        Adjustment("3.1", "8", "thiếu hồ sơ"),
        Appraisal("XA-01", [Adjustment("3.1", "8", "thiếu hồ sơ")], council="Hội đồng"),
        SurveyResult.of("XA-01", {"6.2": "87.5"}),
        card.lines[1],
        card,
        own,
        council_changes(own, card)[0],
        ranked,
        rank(scored(TIES)).entries[0],  # tied with B
        Tie(("A", "B")),
        TiePolicy.chain_of(
            TieBreak.field_points("1.2"), TieBreak.total_points(), order=TieOrder.DENSE
        ),
        YearChange("A", Decimal(1), None, Fraction(1, 3), None, 2, None),
        WeakCriterion("1.1", "A", Decimal(1), Decimal(2), Fraction(1, 2), "Sở Nội vụ"),
        card.explain("en"),
    ]


NAMESPACE = {
    "TieBreak": TieBreak,
    "TieBreakKind": TieBreakKind,
    "Words": Words,
    "Lang": Lang,
    "Decimal": Decimal,
    "Fraction": Fraction,
    "Entry": Entry,
    "SelfAssessment": SelfAssessment,
    "Adjustment": Adjustment,
    "Appraisal": Appraisal,
    "SurveyResult": SurveyResult,
    "CriterionScore": CriterionScore,
    "Scorecard": Scorecard,
    "SelfAssessedScorecard": SelfAssessedScorecard,
    "CouncilChange": CouncilChange,
    "RankedUnit": RankedUnit,
    "TiePolicy": TiePolicy,
    "TieOrder": TieOrder,
    "Tie": Tie,
    "YearChange": YearChange,
    "WeakCriterion": WeakCriterion,
    "Explanation": Explanation,
    "ExplanationLine": ExplanationLine,
    "Source": Source,
}


@pytest.mark.parametrize("value", value_types(), ids=lambda v: type(v).__name__)
def test_value_types_keep_their_contract(value: Any) -> None:
    twin = pickle.loads(pickle.dumps(value))
    assert twin == value
    assert hash(twin) == hash(value)
    assert from_json(to_json(value), type(value)) == value
    assert eval(repr(value), NAMESPACE) == value
    field = attrs.fields(type(value))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field.name, getattr(value, field.name))


def test_evolve_leaves_the_original_unchanged() -> None:
    card = final_card()
    other = attrs.evolve(card, band="Khá")
    assert (card.band, other.band) == ("Tốt", "Khá")


def test_self_assessed_and_final_scorecards_are_different_types() -> None:
    own = score_self_assessment(CAMPAIGN, SelfAssessment.of("XA-01", OWN))
    final = score_unit(CAMPAIGN, SelfAssessment.of("XA-01", OWN))
    assert not isinstance(own, Scorecard)
    assert not isinstance(final, SelfAssessedScorecard)
    assert own != final  # type: ignore[comparison-overlap]
    assert "self-assessed" in own.explain("en").subject.en


def test_the_level_that_gave_points_is_explainable() -> None:
    fw = Framework(
        "lv",
        "Lv",
        [
            Criterion(
                "1",
                "Tỷ lệ",
                Decimal(1),
                rule=Rule.banded([Level(1, lower=95, label="từ 95 %"), Level(0, upper=95)]),
            )
        ],
    )
    line = score_unit(fw, SelfAssessment.of("U", {"1": "96"})).line("1")
    assert str(line.explain("en")) == (
        "1 Tỷ lệ\n  1  1.00 / 1.00  banded: ≥ 95: 1; < 95: 0; reported 96 (self-assessment): "
        "96 is in the level ≥ 95: 1 (từ 95 %) → 1.00\n  total 1.00"
    )


# --- odd values at the door: only CchcError, with the field named ------------------------------

ODD: list[object] = [
    None,
    True,
    1.5,
    float("nan"),
    Decimal("NaN"),
    Decimal("Infinity"),
    10**30,
    "e\u0301",
    [[1]],
    [1, [2]],
    {"a": 1},
    object(),
]


def _batch() -> Any:
    return score_table(ScoreTable.empty(CAMPAIGN, ["A"]))


SCORING_CALLS: dict[str, Any] = {
    "Entry(code)": lambda v: Entry(v, "1"),
    "Entry(value)": lambda v: Entry("1.1", v),
    "Entry(evidence)": lambda v: Entry("1.1", "1", v),
    "SelfAssessment.of(unit)": lambda v: SelfAssessment.of(v, {"1.1": "1"}),
    "SelfAssessment.of(values)": lambda v: SelfAssessment.of("U", v),
    "SelfAssessment(entries)": lambda v: SelfAssessment("U", v),
    "Adjustment(reason)": lambda v: Adjustment("1.1", "1", v),
    "Appraisal(adjustments)": lambda v: Appraisal("U", v),
    "Appraisal(council)": lambda v: Appraisal("U", (), v),
    "score_unit(framework)": lambda v: score_unit(v, SelfAssessment.of("U", {})),
    "score_unit(assessment)": lambda v: score_unit(CAMPAIGN, v),
    "score_unit(appraisal)": lambda v: score_unit(CAMPAIGN, SelfAssessment.of("U", {}), v),
    "score_unit(survey)": lambda v: score_unit(CAMPAIGN, SelfAssessment.of("U", {}), None, v),
    "score_self_assessment": lambda v: score_self_assessment(v, SelfAssessment.of("U", {})),
    "from_wide(rows)": lambda v: ScoreTable.from_wide(CAMPAIGN, v),
    "from_wide(cell)": lambda v: ScoreTable.from_wide(CAMPAIGN, [{"unit": "A", "1.1": v}]),
    "from_wide(unit)": lambda v: ScoreTable.from_wide(CAMPAIGN, [{"unit": v}]),
    "from_wide(unit_key)": lambda v: ScoreTable.from_wide(CAMPAIGN, [{"unit": "A"}], unit_key=v),
    "from_wide(stage)": lambda v: ScoreTable.from_wide(CAMPAIGN, [{"unit": "A"}], stage=v),
    "from_wide(framework)": lambda v: ScoreTable.from_wide(v, [{"unit": "A"}]),
    "from_long(rows)": lambda v: ScoreTable.from_long(CAMPAIGN, v),
    "from_long(row)": lambda v: ScoreTable.from_long(CAMPAIGN, [v]),
    "from_long(reason)": lambda v: ScoreTable.from_long(CAMPAIGN, [("A", "1.1", "1", v)]),
    "from_long(units)": lambda v: ScoreTable.from_long(CAMPAIGN, [("A", "1.1", "1")], units=v),
    "empty(units)": lambda v: ScoreTable.empty(CAMPAIGN, v),
    "from_arrays(columns)": lambda v: ScoreTable.from_arrays(CAMPAIGN, ["A"], v),
    "from_arrays(column)": lambda v: ScoreTable.from_arrays(CAMPAIGN, ["A"], {"1.1": v}),
    "from_arrays(not_applicable)": lambda v: ScoreTable.from_arrays(
        CAMPAIGN, ["A"], {}, not_applicable=v
    ),
    "from_arrays(present)": lambda v: ScoreTable.from_arrays(
        CAMPAIGN, ["A"], {"1.1": [100]}, present={"1.1": v}
    ),
    "from_arrays(stage)": lambda v: ScoreTable.from_arrays(CAMPAIGN, ["A"], {}, stage=v),
    "updated(columns)": lambda v: ScoreTable.empty(CAMPAIGN, ["A"]).updated({"1.1": v}),
    "updated(reasons)": lambda v: ScoreTable.empty(CAMPAIGN, ["A"]).updated(
        {"1.1": [100]}, reasons=v
    ),
    "updated(reason)": lambda v: ScoreTable.empty(CAMPAIGN, ["A"]).updated(
        {"1.1": [100]}, reasons={("A", "1.1"): v}
    ),
    "overlay": lambda v: ScoreTable.empty(CAMPAIGN, ["A"]).overlay(v),
    "score_table": lambda v: score_table(v),
    "rank(result)": lambda v: rank(v),
    "rank(groups)": lambda v: rank(_batch(), v),
    "rank(group)": lambda v: rank(_batch(), {"A": v}),
    "rank(policy)": lambda v: rank(_batch(), None, v),
    "TiePolicy(order)": lambda v: TiePolicy(v),
    "TiePolicy(chain)": lambda v: TiePolicy(TieOrder.DENSE, v),
    "BatchResult.scorecard": lambda v: _batch().scorecard(v),
    "Scorecard.line": lambda v: _batch().scorecard("A").line(v),
    "weakest_criteria(source)": lambda v: weakest_criteria(v),
    "weakest_criteria(count)": lambda v: weakest_criteria(_batch(), count=v),
    "weakest_criteria(units)": lambda v: weakest_criteria(_batch(), units=v),
    "compare_years": lambda v: compare_years(v, v),
    "council_changes": lambda v: council_changes(v, v),
    "council_change_report": lambda v: council_change_report(v, v),
    "explain": lambda v: explain(v),
}


@pytest.mark.parametrize("name", sorted(SCORING_CALLS))
def test_odd_values_raise_only_cchc_errors(name: str) -> None:
    call = SCORING_CALLS[name]
    for value in ODD:
        with contextlib.suppress(CchcError):  # any other exception fails the test
            call(value)


def test_a_stage_must_be_a_source_not_its_number() -> None:
    with pytest.raises(CchcTypeError, match="stage"):
        ScoreTable.from_wide(CAMPAIGN, [{"unit": "A", "1.1": "8"}], stage=2)  # type: ignore[arg-type]
    assert Source("appraisal") is Source.APPRAISAL  # by name, any case


def test_a_ragged_array_column_is_reported_not_crashed_on() -> None:
    with pytest.raises(InvalidDocumentError, match=r"columns\['1.1'\]"):
        ScoreTable.from_arrays(CAMPAIGN, ["A", "B"], {"1.1": [1, [2]]})


def test_a_count_of_weak_criteria_is_a_whole_number() -> None:
    with pytest.raises(CchcTypeError, match="count"):
        weakest_criteria(_batch(), count=2.0)  # type: ignore[arg-type]


def test_tie_policy_order_reads_its_name() -> None:
    assert TiePolicy("dense").order is TieOrder.DENSE
    with pytest.raises(ValidationError, match="order"):
        TiePolicy("olympic")


def test_a_unit_to_which_nothing_applies_has_no_band() -> None:
    only = Criterion(
        "1", "Chỉ một tiêu chí", Decimal(1), rule=Rule.yes_no(), not_applicable_allowed=True
    )
    fw = Framework("one", "Một", [only], bands=[Band("A", 0, 100, upper_inclusive=True)])
    result = score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1": "N/A"}, {"unit": "B"}]))
    assert result.scorecard("A").maximum == 0
    assert result.scorecard("A").band is None  # no index to classify
    assert result.scorecard("B").band == "A"  # nothing reported is 0 %, which is a band


def test_explain_says_how_a_unit_moved_between_years() -> None:
    y1 = rank(score_table(ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": "3"}, {"unit": "B"}])))
    y2 = rank(score_table(ScoreTable.from_wide(CA_MAU, [{"unit": "A"}, {"unit": "B", "1.3": "3"}])))
    moves = {c.unit: c for c in compare_years(y1, y2)}
    text = str(moves["B"].explain("en"))
    assert "rank 2 → 1 (up 1)" in text
    assert "points 0.00 → 3.00" in text
    assert moves["B"].explain("en").total == moves["B"].points_after
    assert "(down 1)" in str(moves["A"].explain("en"))


def test_explain_names_a_weak_criterion_share_and_its_lead_unit() -> None:
    card = score_unit(CAMPAIGN, SelfAssessment.of("X", {"2.1": (1, 2)}))
    weak = next(w for w in weakest_criteria(card, count=20) if w.code == "2.1")
    why = weak.explain("en")
    assert why.total == weak.points
    assert f"{weak.points} of {weak.maximum} points: 50.00 %" in why.notes[0].en
    assert str(weak.lead_unit or "not named") in why.notes[1].en


def test_explain_a_ranking_lists_every_unit_with_its_tie_break() -> None:
    t = ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.1.1": "1"}, {"unit": "B", "1.2.1": "yes"}])
    ranking = rank(score_table(t), policy=TiePolicy.chain_of(TieBreak.field_points("1.1")))
    why = ranking.explain("en")
    assert len(why.notes) == 2
    assert why.notes[1].en.startswith("#2 B")
    assert "placed below A by 1.1" in why.notes[1].en


def test_a_banded_criterion_reads_a_ratio_as_an_exact_per_cent() -> None:
    # Cà Mau 1.1.4: "trên 90%" gives 2, "từ 70% - 90%" gives 1, below 70 % gives 0
    rows: list[dict[str, object]] = [
        {"unit": "A", "1.1.4": "901/1000"},  # 90.1 %: above 90
        {"unit": "B", "1.1.4": (9, 10)},  # exactly 90 %: the middle level
        {"unit": "C", "1.1.4": "2/3"},  # 66.66… %: below 70, however it would be rounded
        {"unit": "D", "1.1.4": "7/10"},  # exactly 70 %
    ]
    result = score_table(ScoreTable.from_wide(CA_MAU, rows))
    got = [result.scorecard(u).line("1.1.4").points for u in "ABCD"]
    assert got == [Decimal(2), Decimal(1), Decimal(0), Decimal(1)]
    alone = score_unit(CA_MAU, SelfAssessment.of("C", {"1.1.4": "2/3"}))
    assert alone == result.scorecard("C")
    line = alone.line("1.1.4")
    assert line.entry == "2/3"
    assert line.detail == "2/3 ≈ 66.67 % is in the level < 70: 0 (Dưới 70% kế hoạch) → 0.00"


def test_a_banded_ratio_needs_a_denominator_and_a_part_no_larger_than_the_whole() -> None:
    for bad in ("1/0", "3/2", "-1/2"):
        with pytest.raises(InvalidDocumentError, match=r"1\.1\.4"):
            ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.1.4": bad}])


def test_a_per_cent_above_100_is_refused_by_the_table_as_by_one_unit() -> None:
    with pytest.raises(CchcError, match="above the top of the scale, 100"):
        score_unit(CA_MAU, SelfAssessment.of("A", {"1.1.4": "120"}))
    for rows in (
        [{"unit": "A", "1.1.4": "120"}],  # a dense table
        [{"unit": "A", "1.1.4": "120"}] + [{"unit": f"U{i}"} for i in range(20)],  # a sparse one
    ):
        with pytest.raises(InvalidDocumentError) as caught:
            ScoreTable.from_wide(CA_MAU, rows)
        (finding,) = [f for f in caught.value.findings if f.code == "table.cell"]
        assert "value 120 is above the top of the scale, 100" in finding.message_en
        assert "vượt mức cao nhất" in finding.message_vi


def test_large_ratios_in_arrays_are_multiplied_without_wrapping_around() -> None:
    big = np.array([10**17, 10**17], dtype=np.int64)
    half = np.array([10**17, 5 * 10**16], dtype=np.int64)
    result = score_table(ScoreTable.from_arrays(CAMPAIGN, ["A", "B"], {"2.1": (half, big)}))
    assert [result.scorecard(u).line("2.1").points for u in "AB"] == [Decimal(10), Decimal(5)]


def test_the_council_report_can_demand_a_reason_for_every_change() -> None:
    mine = ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": "3"}, {"unit": "B", "1.3": "3"}])
    council = ScoreTable.from_long(
        CA_MAU,
        [("A", "1.3", "2"), ("B", "1.3", "1", "thiếu biên bản"), ("B", "1.1.1", "0")],
        stage=Source.APPRAISAL,
    )
    own, final = score_table(mine), score_table(mine.overlay(council))
    assert len(council_change_report(own, final)) == 3  # reported, reasons or not
    with pytest.raises(InvalidDocumentError) as caught:
        council_change_report(own, final, require_reasons=True)
    assert [f.path for f in caught.value.findings] == ["A['1.3']", "B['1.1.1']"]


def test_the_council_report_refuses_the_results_the_wrong_way_round() -> None:
    mine = ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": "3"}])
    council = ScoreTable.from_long(CA_MAU, [("A", "1.3", "2", "x")], stage=Source.APPRAISAL)
    own, final = score_table(mine), score_table(mine.overlay(council))
    with pytest.raises(ValidationError, match="own scores"):
        council_change_report(final, own)


def test_a_council_scoring_what_the_unit_left_blank_is_a_change_in_batch_and_alone() -> None:
    own = SelfAssessment.of("B", {"1.3": "3"})
    council = Appraisal("B", [Adjustment("1.1.1", "0", "không có kế hoạch")])
    alone = council_changes(score_self_assessment(CA_MAU, own), score_unit(CA_MAU, own, council))
    mine = ScoreTable.from_wide(CA_MAU, [{"unit": "B", "1.3": "3"}])
    theirs = ScoreTable.from_long(
        CA_MAU, [("B", "1.1.1", "0", "không có kế hoạch")], stage=Source.APPRAISAL
    )
    batch = council_change_report(score_table(mine), score_table(mine.overlay(theirs)))
    assert batch == alone
    assert [c.code for c in batch] == ["1.1.1"]


def test_every_unit_a_tie_break_placed_lower_records_it_even_when_still_tied() -> None:
    # A, B and C have the same index; 1.1.1 puts A first, and B and C stay tied below it
    rows = [
        {"unit": "A", "1.1.1": "1", "1.2.1": "no"},
        {"unit": "B", "1.1.1": "0", "1.2.1": "yes"},
        {"unit": "C", "1.1.1": "0", "1.2.2": "yes"},
    ]
    ranking = rank(
        score_table(ScoreTable.from_wide(CA_MAU, rows)),
        policy=TiePolicy.chain_of(TieBreak.field_points("1.1.1")),
    )
    got = {e.unit: (e.rank, e.tie_break) for e in ranking.entries}
    note = "placed below A by 1.1.1: 0.00 < 1.00"
    assert got == {"A": (1, None), "B": (2, note), "C": (2, note)}
    assert ranking.of("C").tied_with == ("B",)


def test_empty_cells_of_a_dataframe_are_not_reported_values() -> None:
    import pandas as pd

    rows: list[dict[str, object]] = [
        {"unit": "A", "1.3": "2.5", "1.1.1": float("nan"), "1.2.1": pd.NA, "1.2.2": "  "},
        {"unit": "B", "1.3": None, "1.1.1": "1", "1.2.1": pd.NaT, "1.2.2": "có"},
    ]
    result = score_table(ScoreTable.from_wide(CA_MAU, rows))
    assert [str(p) for p in (result.scorecard(u).points for u in "AB")] == ["2.50", "2.00"]
    assert result.scorecard("A").line("1.1.1").entry is None
    with pytest.raises(InvalidDocumentError, match=r"a float, which is not exact \(write it as"):
        ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": 2.5}])  # a real float is refused


def test_a_criterion_that_does_not_apply_has_no_component_index() -> None:
    card = final_card()  # 3.2 is not applicable to XA-01
    assert card.line("3.2").maximum == 0
    assert card.component_index("3.2") is None
    result = score_table(
        ScoreTable.from_long(CAMPAIGN, [("XA-01", "3.2", "N/A"), ("XA-01", "3.1", "9")])
    )
    assert result.component_index("3.2") == (None,)
    assert card.component_index("3") == Fraction(80)  # the council's 8 of 10
    assert result.component_index("3") == (Fraction(90),)  # the unit's own 9 of 10


def test_each_stage_scores_only_what_is_its_own() -> None:
    # the council does not change survey points, and the survey gives nothing else
    with pytest.raises(InvalidDocumentError, match="survey-in-appraisal"):
        score_unit(
            CAMPAIGN,
            SelfAssessment.of("U", {}),
            Appraisal("U", [Adjustment("6.2", "50", "điều chỉnh")]),
        )
    with pytest.raises(InvalidDocumentError, match="not-survey"):
        score_unit(CAMPAIGN, SelfAssessment.of("U", {}), None, SurveyResult.of("U", {"1.1": "8"}))
    with pytest.raises(InvalidDocumentError, match="not-survey"):
        ScoreTable.empty(CAMPAIGN, ["U"]).updated({"1.1": [800]}, stage=Source.SURVEY)


def test_the_weakest_criteria_of_a_group_are_those_of_its_units() -> None:
    t = ScoreTable.from_wide(CA_MAU, WIDE)
    ranking = rank(score_table(t), {"SNV": "K1", "STP": "K2", "SYT": "K1"})
    by_group = weakest_criteria(ranking, group="K1", count=4)
    assert by_group == weakest_criteria(score_table(t), units=["SNV", "SYT"], count=4)
    assert by_group != weakest_criteria(score_table(t), count=4)  # STP is left out
    with pytest.raises(NotFoundError):
        weakest_criteria(ranking, group="K9")
    with pytest.raises(CchcTypeError):
        weakest_criteria(score_table(t), group="K1")  # a group needs a ranking


# --- ties are recorded once per run of tied units ------------------------------------------


def test_thousands_of_units_tied_at_zero_share_one_tie_record() -> None:
    units = [f"XA-{i:04d}" for i in range(5000)]
    ranking = rank(score_table(ScoreTable.empty(CA_MAU, units)))
    entries = ranking.entries
    assert {e.rank for e in entries} == {1}
    ties = {id(e.tie): e.tie for e in entries if e.tie is not None}
    assert len(ties) == 1  # one record for the whole run, shared by every entry
    (tie,) = ties.values()
    assert sum(len(t.units) for t in ties.values()) == len(units)  # n names stored, not n²
    assert tie.units == tuple(units)  # listed by unit code
    assert entries[0].tied_with == tuple(units[1:])  # each entry can still say with whom
    assert len(ranking.rows()) == len(units)


def test_separate_ties_get_separate_records_and_untied_units_none() -> None:
    rows = [
        {"unit": "A", "1.3": "3"},
        {"unit": "B", "1.3": "3"},
        {"unit": "C", "1.3": "2"},
        {"unit": "D", "1.3": "1"},
        {"unit": "E", "1.3": "1"},
    ]
    entries = {e.unit: e for e in rank(scored(rows)).entries}
    assert entries["A"].tie is entries["B"].tie == Tie(("A", "B"))
    assert entries["C"].tie is None
    assert entries["C"].tied_with == ()
    assert entries["E"].tied_with == ("D",)


def test_a_tie_must_hold_the_unit_itself_and_two_different_units() -> None:
    with pytest.raises(ValidationError, match="tie"):
        RankedUnit("C", "", 1, Decimal(0), Decimal(1), Fraction(0), tie=Tie(("A", "B")))
    with pytest.raises(ValidationError, match="units"):
        Tie(("A",))
    with pytest.raises(ValidationError, match="twice"):
        Tie(("A", "A"))


# --- frozen means frozen: read-only arrays, whatever the path -------------------------------


def _arrays(value: object) -> dict[str, np.ndarray[Any, Any]]:
    if isinstance(value, ScoreTable):
        return {n: getattr(value, n) for n in ("first", "second", "given", "na", "source")}
    if isinstance(value, Ranking):
        return {n: getattr(value, n) for n in ("ranks", "order", "run_of")}
    names = ("leaf_points", "total", "total_max", "band_of", "points", "maxima")
    return {n: getattr(value, n) for n in names}


def _frozen_things() -> list[Any]:
    table = ScoreTable.from_wide(CA_MAU, WIDE)
    result = score_table(table)
    return [table, result, rank(result, {"SNV": "K1", "STP": "K1", "SYT": "K2"})]


@pytest.mark.parametrize("path", ["built", "unpickled", "evolved"])
def test_every_array_of_tables_results_and_rankings_is_read_only(path: str) -> None:
    for thing in _frozen_things():
        if path == "unpickled":
            thing = pickle.loads(pickle.dumps(thing))
        elif path == "evolved":
            thing = attrs.evolve(thing)
        for name, array in _arrays(thing).items():
            assert array.flags.writeable is False, (type(thing).__name__, name, path)


@pytest.mark.parametrize("path", ["built", "unpickled", "evolved"])
def test_a_rank_cannot_be_changed_in_place(path: str) -> None:
    ranking = rank(scored(TIES))
    if path == "unpickled":
        ranking = pickle.loads(pickle.dumps(ranking))
    elif path == "evolved":
        ranking = attrs.evolve(ranking)
    with pytest.raises(ValueError, match="read-only"):
        ranking.ranks[0] = 42
    assert ranking.of("A").rank == 1


def test_the_engines_own_arrays_are_read_only_after_unpickling() -> None:
    table = pickle.loads(pickle.dumps(ScoreTable.from_wide(CA_MAU, WIDE)))
    layout = table.layout
    assert layout is not None
    assert not layout.leaf_max.flags.writeable
    assert not any(a.flags.writeable for a in layout.by_kind.values())


def test_a_view_handed_to_a_table_is_copied_so_its_base_cannot_change_the_table() -> None:
    own = ScoreTable.from_wide(CA_MAU, WIDE)
    base = np.array(own.first)  # a writable copy
    table = attrs.evolve(own, first=base[:, :])  # a view of it
    base[0, 0] = 99
    assert table.first[0, 0] == own.first[0, 0]
    assert not table.first.flags.writeable


def test_an_unpickled_table_scores_as_the_original() -> None:
    table = ScoreTable.from_wide(CA_MAU, WIDE)
    twin = pickle.loads(pickle.dumps(table))
    assert score_table(twin).rows() == score_table(table).rows()
    result = score_table(table)
    assert pickle.loads(pickle.dumps(result)).rows() == result.rows()


def test_arrays_of_the_wrong_shape_or_kind_are_refused_by_the_constructor() -> None:
    table = ScoreTable.from_wide(CA_MAU, WIDE)
    with pytest.raises(ValidationError, match="first"):
        attrs.evolve(table, first=np.zeros((2, 2), dtype=np.int64))
    with pytest.raises(CchcTypeError, match="given"):
        attrs.evolve(table, given=np.zeros(table.given.shape, dtype=np.int64))
    ranking = rank(score_table(table))
    with pytest.raises(ValidationError, match="order"):
        attrs.evolve(ranking, order=np.zeros(3, dtype=np.intp))


# --- a scorecard from anywhere is checked as if it were scored --------------------------------


def test_a_line_above_its_maximum_is_refused_naming_the_field() -> None:
    card = final_card()
    line = card.line("1.1")  # worth 8
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(line, points=Decimal("999.00"))
    assert caught.value.field == "points"
    assert "vượt điểm tối đa 8" in caught.value.message_vi
    with pytest.raises(ValidationError, match="points"):  # 2.3 is worth 6
        attrs.evolve(card, lines=[attrs.evolve(x, points=Decimal(8)) for x in card.lines[5:6]])


def test_a_total_that_disagrees_with_its_lines_is_refused() -> None:
    card = final_card()
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(card, points=card.points + 1, index=card.index + 1)
    assert caught.value.field == "points"
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(card, maximum=Decimal(100))
    assert caught.value.field == "maximum"
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(card, index=Fraction(100))
    assert caught.value.field == "index"


def test_a_field_that_disagrees_with_its_criteria_is_refused() -> None:
    card = final_card()
    lines = list(card.lines)
    i = next(k for k, x in enumerate(lines) if x.code == "1.1")
    lines[i] = attrs.evolve(lines[i], points=Decimal(7))  # field 1 still says 14
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(card, lines=lines)
    assert caught.value.field == "lines[0].points"
    with pytest.raises(ValidationError, match="depth"):
        attrs.evolve(card, lines=card.lines[1:])  # a criterion without its field


def test_a_tampered_json_scorecard_never_passes_as_a_real_one() -> None:
    card = final_card()
    text = to_json(card)
    assert from_json(text, Scorecard) == card
    for real, fake in (('"8.00"', '"999.00"'), ('"83.75"', '"93.75"')):
        assert real in text
        with pytest.raises(CchcError):
            from_json(text.replace(real, fake, 1), Scorecard)


def test_a_batch_scorecard_passes_its_own_checks() -> None:
    result = score_table(ScoreTable.from_wide(CA_MAU, WIDE))
    for unit in result.units:
        card = result.scorecard(unit)
        assert attrs.evolve(card) == card
        assert result.self_assessed_scorecard(unit).points == card.points


# --- messages a user can act on --------------------------------------------------------------


def _problems(rows: list[dict[str, object]], fw: Framework = CAMPAIGN) -> list[Any]:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(fw, rows)
    return list(caught.value.findings)


def test_a_bad_cell_echoes_its_value_and_says_what_was_expected() -> None:
    (found,) = _problems([{"unit": "A", "1.2": "mười"}])
    assert found.path == "rows[0]['1.2']"
    assert found.message_en == "1.2: 'mười' is not a number (expected a whole number from 0)"
    assert found.message_vi == (
        "Tiêu chí 1.2: giá trị “mười” không phải là số (cần một số nguyên từ 0 trở lên)"
    )


def test_a_negative_count_is_called_negative() -> None:
    for value in (-1, "-1"):
        (found,) = _problems([{"unit": "A", "1.2": value}])
        assert "is negative" in found.message_en
        assert "not a whole number" not in found.message_en
        assert "là số âm" in found.message_vi


def test_a_per_cent_sign_is_explained() -> None:
    (found,) = _problems([{"unit": "A", "2.3": "95%"}])
    assert "95, not 95%" in found.message_en
    assert "không kèm dấu %" in found.message_vi


def test_a_manual_score_says_its_range_and_step() -> None:
    (found,) = _problems([{"unit": "A", "3.1": "chín"}])
    assert found.message_en.endswith("(expected a number from 0 to 10 in steps of 0.5)")


def test_a_value_above_the_maximum_says_so_in_an_officers_words() -> None:
    (found,) = _problems([{"unit": "A", "1.1": "99"}])
    assert found.path == "rows[0]['1.1']"
    assert found.message_vi == "Giá trị 99 của tiêu chí 1.1 vượt điểm tối đa 8 điểm"
    assert found.message_en == "1.1: value 99 exceeds the maximum 8"


BAD_ROWS: list[dict[str, object]] = [
    {"unit": "A", "1.1": "99", "1.2": "mười", "2.2": "hmm", "2.1": "3/2", "9.9": "1", "1": "2"},
    {"unit": "A", "6.2": "50", "2.3": True, "3.1": Decimal("NaN"), "4.1": 1.5},
    {"unit": "B", "3.2": "N/A", "5.1": (1, 0), "4.2": -1},
    {"unit": "C", "1.1": "không áp dụng"},
    {"unit": 3},
]


def test_vietnamese_findings_are_wholly_vietnamese() -> None:
    found = _problems(BAD_ROWS)
    assert len(found) >= 10
    for f in found:
        vi = f.message_vi
        assert "'" not in vi, vi  # no Python quoting
        assert "rows[" not in vi, vi  # no internal paths
        assert "units[" not in vi, vi
        for english in ("is not", "must", "expected", "exceeds", "value", "Decimal"):
            assert english not in vi, vi


def test_paths_have_one_syntax_everywhere() -> None:
    found = _problems(BAD_ROWS)
    paths = {f.path for f in found}
    assert "rows[0]['1.2']" in paths  # a cell of a wide row
    assert "rows[0]['1.1']" in paths  # also when found by checking the whole table
    assert "rows[0]['9.9']" in paths
    own = SelfAssessment.of("U", {"1.1": "mười"})
    with pytest.raises(InvalidDocumentError) as caught:
        score_unit(CAMPAIGN, own)
    assert [f.path for f in caught.value.findings] == ["entries[0].value"]
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_long(CAMPAIGN, [("A", "1.2", "mười"), ("A", "1.1", "99")])
    assert [f.path for f in caught.value.findings] == ["A['1.2']", "A['1.1']"]


def test_every_error_of_the_module_speaks_vietnamese_too() -> None:
    calls: list[Any] = [
        lambda: weakest_criteria(_batch(), count=-1),
        lambda: _batch().scorecard("Z"),
        lambda: explain(42),
        lambda: score_unit(CAMPAIGN, SelfAssessment.of("A", {}), Appraisal("B")),
        lambda: TiePolicy("olympic"),
        lambda: Entry("1.1", 0.5),
        lambda: Entry("1.1", Decimal("sNaN")),
    ]
    for call in calls:
        with pytest.raises(CchcError) as caught:
            call()
        assert caught.value.vi, caught.value


# --- silent cases become findings or errors --------------------------------------------------


def test_a_group_mapping_must_name_every_scored_unit_and_nothing_else() -> None:
    result = scored(TIES)
    with pytest.raises(InvalidDocumentError) as caught:
        rank(result, {"A": "K1", "B": "K1", "C": "K2", "X": "K2"})
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("rank.unknown-unit", "groups['X']"),
        ("rank.no-group", "groups['D']"),
    ]
    assert "“X”" in caught.value.findings[0].message_vi
    ranking = rank(result, {"a": "K1", "b": "K1", "c": "K2", "d": "K2"})  # codes fold
    assert [e.group for e in ranking.entries] == ["K1", "K1", "K2", "K2"]


def test_a_unit_that_reports_nothing_is_warned_about_not_silently_scored() -> None:
    table = ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": "3"}, {"unit": "B", "1.3": ""}])
    assert [(f.code, f.path, f.severity) for f in table.findings] == [
        ("table.blank-row", "rows[1]", Severity.WARNING)
    ]
    assert "“B”" in table.findings[0].message_vi
    long = ScoreTable.from_long(CA_MAU, [("A", "1.3", "3")], units=["A", "B"])
    assert [(f.code, f.path) for f in long.findings] == [("table.blank-row", "units[1]")]
    assert score_table(long).scorecard("B").points == 0  # still scored, 0 points
    council = ScoreTable.from_long(CA_MAU, [("A", "1.3", "2", "x")], stage=Source.APPRAISAL)
    assert council.findings == ()  # a council changes only some units: no warning
    assert table.overlay(council).findings == table.findings


NUMBERS_REFUSED: list[object] = [
    "1E+1000000",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "9" * 5000,
    "1e-9999999",
    "1e-30",
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("1E+1000000"),
    10**30,
    True,
    float("inf"),
]


@pytest.mark.parametrize("value", NUMBERS_REFUSED, ids=repr)
def test_numbers_beyond_the_limits_are_refused_as_findings(value: object) -> None:
    for code in ("1.1", "1.2", "2.3", "6.1"):  # manual, deduction, banded, proportional
        found = _problems([{"unit": "A", code: value}])
        assert [f.code for f in found] == ["table.cell"]


@pytest.mark.parametrize("value", NUMBERS_REFUSED[8:], ids=repr)
def test_entries_refuse_numbers_beyond_the_limits(value: object) -> None:
    if isinstance(value, bool):
        assert Entry("2.2", value).value == "yes"  # a yes/no entry is a yes/no
        return
    with pytest.raises(CchcError):
        Entry("1.1", value)


def test_a_tiny_exponent_is_refused_like_any_number_too_fine() -> None:
    (tiny,) = _problems([{"unit": "A", "3.1": "1e-9999999"}])
    (fine,) = _problems([{"unit": "A", "3.1": "1e-30"}])
    assert tiny.message_en.replace("1e-9999999", "X") == fine.message_en.replace("1e-30", "X")


# --- one home for the shared helpers -------------------------------------------------------


def test_the_enums_are_coded_enums_read_from_their_names() -> None:
    for enum_type in (Marker, Source, TieOrder):
        assert issubclass(enum_type, CodedEnum)
    assert repr(NOT_APPLICABLE) == "Marker.NOT_APPLICABLE"
    assert Source("Appraisal") is Source.APPRAISAL
    assert TieOrder("DENSE") is TieOrder.DENSE
    with pytest.raises(ValidationError, match="competition") as caught:
        TiePolicy("olympic")
    assert caught.value.field == "order"


def test_a_view_of_a_tampered_table_is_refused_not_handed_out() -> None:
    table = ScoreTable.from_wide(CA_MAU, WIDE)
    first = np.array(table.first)
    first[CA_MAU.leaves().index(CA_MAU.find("1.3")), 0] = 99900  # 999.00 for a 3-point leaf
    result = score_table(attrs.evolve(table, first=first))
    with pytest.raises(ValidationError, match="points"):
        result.scorecard("SNV")
    assert result.scorecard("STP").points == Decimal(4)  # the other units are unharmed


@pytest.mark.parametrize("path", ["built", "unpickled", "evolved"])
def test_reasons_and_tie_breaks_cannot_be_changed_in_place(path: str) -> None:
    own = ScoreTable.from_wide(CA_MAU, WIDE)
    council = ScoreTable.from_long(CA_MAU, [("STP", "1.3", "2", "thiếu")], stage=Source.APPRAISAL)
    table = own.overlay(council)
    ranking = rank(score_table(table), policy=TiePolicy.chain_of(TieBreak.field_points("1.1")))
    if path == "unpickled":
        table, ranking = pickle.loads(pickle.dumps((table, ranking)))
    elif path == "evolved":
        table, ranking = attrs.evolve(table), attrs.evolve(ranking)
    with pytest.raises(TypeError):
        table.reasons[(0, 0)] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        ranking.tie_breaks[0] = "x"  # type: ignore[index]
    assert score_table(table).scorecard("STP").line("1.3").reason == "thiếu"


# --- a batch from many units' assessments ----------------------------------------------------


def _json_form(value: object) -> Any:
    """What a web service holds after json.loads of the body a client sent."""
    import json

    return json.loads(to_json(value))


def _same_tables(a: ScoreTable, b: ScoreTable) -> bool:
    return (
        a.units == b.units
        and all(
            np.array_equal(getattr(a, name), getattr(b, name))
            for name in ("first", "second", "given", "na", "source")
        )
        and dict(a.reasons) == dict(b.reasons)
    )


def _findings_of_batch(fw: Framework, data: Any, **options: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_assessments(fw, data, **options)
    return [(f.code, f.path) for f in caught.value.findings]


def test_a_batch_of_self_assessments_is_the_table_of_their_entries() -> None:
    own = [
        SelfAssessment.of("XA-01", OWN, evidence={"1.1": ["Báo cáo số 12/BC-UBND"]}),
        SelfAssessment.of("XA-02", {"1.1": "6", "3.2": "không áp dụng", "5.1": "3/10"}),
    ]
    rows = [(a.unit, e.code, e.value) for a in own for e in a.entries]
    by_rows = ScoreTable.from_long(CAMPAIGN, rows)
    assert _same_tables(ScoreTable.from_assessments(CAMPAIGN, own), by_rows)
    assert _same_tables(ScoreTable.from_assessments(CAMPAIGN, _json_form(own)), by_rows)
    mixed = [_json_form(own[0]), own[1]]
    assert _same_tables(ScoreTable.from_assessments(CAMPAIGN, mixed), by_rows)


def test_a_batch_reads_the_values_an_entry_takes() -> None:
    data = [
        {
            "unit": "XA-01",
            "entries": [
                {"code": "1.1", "value": 8},
                {"code": "2.1", "value": [45, 50]},
                {"code": "2.2", "value": True},
                {"code": "3.1", "value": " 9,5 "},
                {"code": "3.2", "value": "N/A"},
            ],
        }
    ]
    table = ScoreTable.from_assessments(CAMPAIGN, data)
    same = SelfAssessment(
        "XA-01",
        [
            Entry("1.1", 8),
            Entry("2.1", (45, 50)),
            Entry("2.2", True),
            Entry("3.1", " 9,5 "),
            Entry("3.2", "N/A"),
        ],
    )
    assert _same_tables(table, ScoreTable.from_assessments(CAMPAIGN, [same]))
    assert table.na.sum() == 1


def test_appraisals_and_surveys_come_in_batches_too() -> None:
    own = ScoreTable.from_assessments(
        CAMPAIGN, [SelfAssessment.of("A", {"3.1": "9.5"}), SelfAssessment.of("B", {"3.1": "9"})]
    )
    council = ScoreTable.from_assessments(
        CAMPAIGN,
        [{"unit": "B", "adjustments": [{"code": "3.1", "value": "8", "reason": "thiếu đề án"}]}],
        stage=Source.APPRAISAL,
    )
    survey = ScoreTable.from_assessments(
        CAMPAIGN,
        [
            SurveyResult.of("A", {"6.2": "90"}),
            {"unit": "B", "entries": [{"code": "6.2", "value": "80"}]},
        ],
        stage=Source.SURVEY,
    )
    final = own.overlay(council).overlay(survey)
    expected = (
        ScoreTable.from_long(CAMPAIGN, [("A", "3.1", "9.5"), ("B", "3.1", "9")])
        .overlay(
            ScoreTable.from_long(
                CAMPAIGN, [("B", "3.1", "8", "thiếu đề án")], stage=Source.APPRAISAL
            )
        )
        .overlay(
            ScoreTable.from_long(
                CAMPAIGN, [("A", "6.2", "90"), ("B", "6.2", "80")], stage=Source.SURVEY
            )
        )
    )
    assert _same_tables(final, expected)
    assert list(final.reasons.values()) == ["thiếu đề án"]
    card = score_table(final).scorecard("B")
    assert card.line("3.1").points == Decimal("8.00")


def test_every_problem_of_a_batch_is_found_at_once_in_the_callers_terms() -> None:
    data: list[object] = [
        {"unit": "XA-01", "entries": [{"code": "1.1", "value": "16"}]},  # above the maximum 8
        {"unit": "XA-02", "entries": [{"code": "1.1", "value": "tám"}]},  # text, not a number
        {"unit": "XA-03", "entries": [{"code": "9.9", "value": "1"}, {"code": "1", "value": "1"}]},
        {
            "unit": "XA-04",
            "entries": [{"code": "1.1", "value": "1"}, {"code": "1.1", "value": "2"}],
        },
        {"unit": "XA-05", "entries": [{"code": "1.1", "value": "1", "colour": "red"}]},
        {"unit": "XA-06", "entries": [{"code": "1.1"}]},
        {"unit": "XA-07", "entries": [{"code": "1.1", "value": 7.5}]},
        {"unit": "XA-08", "entries": [{"code": "1.1", "value": "1", "evidence": [12]}]},
        {"unit": " ", "entries": []},
        {"unit": "XA-01", "entries": []},
        ["XA-11"],
        {"unit": "XA-12", "entries": [{"code": "1.1", "value": "N/A"}]},  # not allowed
        {"unit": "XA-13", "entries": [{"code": "6.2", "value": "80"}]},  # the survey's
        {"entries": []},
    ]
    assert _findings_of_batch(CAMPAIGN, data) == [
        ("table.cell", "units[1].entries[0].value"),
        ("table.unknown-criterion", "units[2].entries[0].code"),
        ("table.not-a-leaf", "units[2].entries[1].code"),
        ("table.duplicate", "units[3].entries[1].code"),
        ("data.unknown-key", "units[4].entries[0].colour"),
        ("data.missing-key", "units[5].entries[0].value"),
        ("data.wrong-type", "units[6].entries[0].value"),
        ("data.wrong-type", "units[7].entries[0].evidence[0]"),
        ("data.invalid", "units[8].unit"),
        ("table.duplicate-unit", "units[9].unit"),
        ("data.not-a-table", "units[10]"),
        ("data.missing-key", "units[13].unit"),
        ("table.survey-in-self", "units[12].entries[0].value"),
        ("table.not-applicable", "units[11].entries[0].value"),
        ("table.cell", "units[0].entries[0].value"),
    ]


def test_a_batch_finding_says_what_is_wrong_in_both_languages() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_assessments(
            CAMPAIGN,
            [{"unit": "X03", "entries": [{"code": "1.1", "value": "16"}]}],
        )
    (finding,) = caught.value.findings
    assert finding.message_en == "1.1: value 16 exceeds the maximum 8"
    assert finding.message_vi == "Giá trị 16 của tiêu chí 1.1 vượt điểm tối đa 8 điểm"
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_assessments(
            CAMPAIGN, [{"unit": "X03", "entries": [{"code": "1.1", "value": 7.5}]}]
        )
    (finding,) = caught.value.findings
    assert finding.path == "units[0].entries[0].value"
    assert "không chính xác" in finding.message_vi
    assert "'" not in finding.message_vi


def test_a_batch_names_its_list_as_the_caller_does() -> None:
    data = {"communes": [{"unit": "A", "entries": [{"code": "1.1", "value": "x"}]}]}
    paths = _findings_of_batch(CAMPAIGN, data["communes"], path="communes")
    assert paths == [("table.cell", "communes[0].entries[0].value")]


def test_a_unit_that_reports_nothing_scores_zero_with_a_warning_at_its_place() -> None:
    table = ScoreTable.from_assessments(
        CAMPAIGN,
        [{"unit": "A", "entries": [{"code": "1.1", "value": "8"}]}, {"unit": "B", "entries": []}],
    )
    (warning,) = table.findings
    assert (warning.code, warning.path, warning.severity) == (
        "table.blank-row",
        "units[1]",
        Severity.WARNING,
    )


def test_a_batch_takes_only_its_stages_assessments() -> None:
    appraisal = Appraisal("A", [Adjustment("1.1", "7", "thiếu tài liệu")])
    assert _findings_of_batch(CAMPAIGN, [appraisal]) == [("data.not-a-table", "units[0]")]
    adjustment = {"unit": "A", "adjustments": [{"code": "1.1", "value": "7"}]}
    assert _findings_of_batch(CAMPAIGN, [adjustment], stage=Source.APPRAISAL) == [
        ("data.missing-key", "units[0].adjustments[0].reason")
    ]
    with pytest.raises(ValidationError, match="stage"):
        ScoreTable.from_assessments(CAMPAIGN, [], stage=Source.NONE)
    with pytest.raises(CchcTypeError):
        ScoreTable.from_assessments(CAMPAIGN, "XA-01")  # type: ignore[arg-type]


def test_a_batch_gives_the_codes_of_cchc_formats_for_the_same_faults() -> None:
    from cchc import formats
    from cchc.errors import ParseError

    body: list[dict[str, Any]] = [
        {"entries": [{"code": "1.1", "value": "1"}]},
        {"unit": "B", "entries": [{"code": "1.1", "value": "1", "colour": "đỏ"}]},
        {"unit": "C", "entries": [{"code": "1.1", "value": 1.5}]},
    ]
    with pytest.raises(InvalidDocumentError) as mine:
        ScoreTable.from_assessments(CAMPAIGN, body)
    with pytest.raises(ParseError) as theirs:
        formats.structure(body, list[SelfAssessment])
    ours = sorted((f.path.removeprefix("units"), f.code) for f in mine.value.findings)
    assert ours == sorted((f.path, f.code) for f in theirs.value.findings)
    for finding in mine.value.findings:
        assert finding.message_en.startswith(finding.path)


def test_one_units_every_bad_entry_is_named_by_its_place_in_what_it_sent() -> None:
    own = SelfAssessment.of("XA", {"1.1": "16", "1.2": "x", "6.2": "50"})
    with pytest.raises(InvalidDocumentError) as caught:
        score_unit(CAMPAIGN, own)
    assert sorted(f.path for f in caught.value.findings) == [
        "entries[0].value",  # above the maximum: found when the whole table is checked
        "entries[1].value",  # not a number: found when the cell is read
        "entries[2].value",  # the survey's criterion
    ]
    council = Appraisal("XA", [Adjustment("1.1", "9", "thiếu tài liệu")])
    with pytest.raises(InvalidDocumentError) as caught:
        score_unit(CAMPAIGN, SelfAssessment.of("XA", {"1.1": "6"}), council)
    assert [f.path for f in caught.value.findings] == ["adjustments[0].value"]


def test_the_same_text_is_read_for_each_criterion_by_its_own_rule() -> None:
    rows = [("A", "1.1", "7.5"), ("A", "1.2", "7.5"), ("B", "1.1", "7.5"), ("B", "2.2", "7.5")]
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_long(CAMPAIGN, rows)
    assert [(f.path, f.message_en.split(":")[0]) for f in caught.value.findings] == [
        ("A['1.2']", "1.2"),  # a count: not a whole number
        ("B['2.2']", "2.2"),  # yes or no
    ]
    table = ScoreTable.from_long(CAMPAIGN, [r for r in rows if r[1] == "1.1"])
    assert table.first[CAMPAIGN.leaves().index(CAMPAIGN.find("1.1"))].tolist() == [750, 750]


# --- what a table reports, and a batch's indices ------------------------------------------


def test_a_table_reports_each_cell_as_the_scorecard_shows_it() -> None:
    table = ScoreTable.from_assessments(CAMPAIGN, [SelfAssessment.of("XA-01", OWN)])
    codes = [leaf.code for leaf in CAMPAIGN.leaves()]
    reported = {code: table.reported(i, 0) for i, code in enumerate(codes)}
    assert reported == {
        "1.1": "8",
        "1.2": "1",
        "2.1": "45/50",
        "2.2": "yes",
        "2.3": "55",
        "3.1": "9.5",
        "3.2": "N/A",
        "4.1": "0",
        "4.2": "1",
        "5.1": "9/10",
        "5.2": "4.5",
        "6.1": "80/100",
        "6.2": None,  # not reported
    }
    card = score_table(table).scorecard("XA-01")
    assert all(card.line(c).entry == reported[c] for c in codes if c not in ("3.2", "6.2"))


@pytest.mark.parametrize("cell", [(13, 0), (0, 1), (-1, 0), (True, 0)])
def test_a_table_has_no_cell_outside_its_leaves_and_units(cell: tuple[int, int]) -> None:
    table = ScoreTable.from_assessments(CAMPAIGN, [SelfAssessment.of("XA-01", OWN)])
    with pytest.raises(CchcError) as caught:
        table.reported(*cell)
    assert caught.value.vi


def test_a_batchs_indices_are_exact_and_capped_as_its_scorecards() -> None:
    result = score_table(
        ScoreTable.from_wide(CA_MAU, [{"unit": "A", "1.3": "3"}, {"unit": "B", "1.3": "1.5"}])
    )
    assert result.indices() == (Fraction(15), Fraction(15, 2))
    assert result.indices() == tuple(result.scorecard(u).index for u in result.units)


def test_units_that_report_the_same_get_equal_lines_and_keep_their_own_stage_and_reason() -> None:
    # a card's lines are made once for all units that stand the same on a criterion; what is a
    # unit's own (the council's reason, the stage that gave the entry) stays its own
    own = {"1.1": "6", "2.1": (45, 50), "2.2": "có"}
    council = Appraisal("A", [Adjustment("2.1", (40, 50), "số liệu chưa khớp")])
    first = score_unit(CAMPAIGN, SelfAssessment.of("A", own), council)
    second = score_unit(CAMPAIGN, SelfAssessment.of("B", {**own, "2.1": (40, 50)}))
    third = score_unit(CAMPAIGN, SelfAssessment.of("C", own), attrs.evolve(council, unit="C"))
    changed, same = first.line("2.1"), second.line("2.1")
    assert (changed.points, changed.entry) == (same.points, same.entry)
    assert (changed.source, changed.reason) == (Source.APPRAISAL, "số liệu chưa khớp")
    assert (same.source, same.reason) == (Source.SELF, None)
    assert third.line("2.1") == changed
    other = Appraisal("D", [Adjustment("2.1", (40, 50), "thiếu tài liệu kiểm chứng")])
    fourth = score_unit(CAMPAIGN, SelfAssessment.of("D", own), other)
    assert fourth.line("2.1").reason == "thiếu tài liệu kiểm chứng"
    assert second.line("2.2") == first.line("2.2")
    batch = score_table(
        ScoreTable.from_assessments(CAMPAIGN, [SelfAssessment.of("A", own)]).overlay(
            ScoreTable.from_assessments(CAMPAIGN, [council], stage=Source.APPRAISAL)
        )
    )
    assert first == batch.scorecard("A")


def test_one_units_band_is_the_band_a_batch_gives_it() -> None:
    # one unit's band is compared as an exact fraction, a batch's column by column: the same
    for value in ("0", "4", "7.5", "8"):
        alone = score_unit(CAMPAIGN, SelfAssessment.of("A", {"1.1": value}))
        many = score_table(
            ScoreTable.from_wide(
                CAMPAIGN, [{"unit": u, "1.1": value} for u in ("A", "B", "C", "D", "E", "F")]
            )
        )
        assert alone.band == many.scorecard("A").band
        assert alone == many.scorecard("A")
