"""Target- and leader-relative criteria (định lượng theo chỉ tiêu giao): a group-level step of
scoring, parametrised, exact, explained, and the same for a batch and for one unit given its
group."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pytest

from cchc.criteria import (
    Band,
    Criterion,
    ExcessBasis,
    Framework,
    NoTargetPolicy,
    Rule,
    RuleKind,
    format_framework,
    parse_framework,
)
from cchc.errors import CchcError, CchcTypeError, InvalidDocumentError, ValidationError
from cchc.export.json import from_json, to_json
from cchc.scoring import (
    Adjustment,
    Appraisal,
    ScoreTable,
    SelfAssessment,
    Source,
    council_change_report,
    council_changes,
    score_self_assessment,
    score_table,
    score_unit,
)

P = Decimal("0.01")
BANDS = [Band("Đạt", 0, 100, upper_inclusive=True)]


def framework(rule: Rule | None = None, rounding: str = "ROUND_HALF_UP") -> Framework:
    """Criterion 1 (10 points) against the targets, criterion 2 (90 points) a yes/no."""
    return Framework(
        "thi-dua",
        "Thi đua theo chỉ tiêu giao",
        [
            Criterion("1", "Thu ngân sách", Decimal(10), rule=rule or Rule.target_relative()),
            Criterion("2", "Báo cáo đúng hạn", Decimal(90), rule=Rule.yes_no()),
        ],
        bands=BANDS,
        rounding=rounding,
    )


# The worked example: five units with targets and one without (figures illustrative).
REPORTED = {
    "A": "200/300",  # below its target: 1/2 × 10 × 200/300 = 3.333… → 3.33
    "B": "200/200",  # exactly on target: 1/2 × 10 = 5.00
    "C": "150/100",  # 50 % above: the largest excess share, the leader → 10.00
    "D": "120/100",  # 20 % above: 5 + 5 × 20/50 = 7.00
    "E": "1100/1000",  # 10 % above: 5 + 5 × 10/50 = 6.00
    "F": "90",  # no target: 10 × 90 / 1100 (the group's best, E) = 0.818… → 0.82
}
EXPECTED = {"A": "3.33", "B": "5.00", "C": "10.00", "D": "7.00", "E": "6.00", "F": "0.82"}


def table(fw: Framework, reported: Mapping[str, object] = REPORTED) -> ScoreTable:
    return ScoreTable.from_wide(fw, [{"unit": u, "1": v} for u, v in reported.items()])


def points_of(result: object, code: str = "1") -> dict[str, str]:
    return {u: str(result.scorecard(u).line(code).points) for u in result.units}  # type: ignore[attr-defined]


# -- the formula, branch by branch ------------------------------------------------------------


def test_the_worked_example_scores_every_branch_of_the_formula() -> None:
    assert points_of(score_table(table(framework()))) == EXPECTED


def test_rule_group_points_gives_the_same_numbers_as_the_batch() -> None:
    got = Rule.target_relative().group_points(REPORTED.values(), Decimal(10), P)
    assert [str(p) for p in got] == list(EXPECTED.values())


def test_the_leader_is_found_within_each_group() -> None:
    groups = {"A": "K1", "B": "K1", "C": "K2", "D": "K2", "E": "K1", "F": "K1"}
    got = points_of(score_table(table(framework()), groups))
    # K1: E (10 %) leads; F is compared with E's 1100. K2: C leads, D as before.
    assert got == {
        "A": "3.33",
        "B": "5.00",
        "C": "10.00",
        "D": "7.00",
        "E": "10.00",
        "F": "0.82",
    }


def test_units_sharing_the_largest_excess_all_get_the_maximum() -> None:
    got = Rule.target_relative().group_points(["150/100", "30/20", "110/100"], 10, P)
    assert got == (Decimal("10.00"), Decimal("10.00"), Decimal("6.00"))


def test_the_shares_are_parameters() -> None:
    rule = Rule.target_relative(Fraction(2, 5), below_share="0.3")
    got = rule.group_points(["50/100", "100/100", "150/100", "125/100"], 10, P)
    # below: 0.3 × 10 × 1/2; on: 0.4 × 10; leader 10; others 4 + 6 × 25/50
    assert got == (Decimal("1.50"), Decimal("4.00"), Decimal("10.00"), Decimal("7.00"))


def test_excess_by_amount_can_crown_another_leader() -> None:
    rule = Rule.target_relative(excess="amount")
    got = dict(zip(REPORTED, rule.group_points(REPORTED.values(), 10, P), strict=True))
    # excess amounts: C 50, D 20, E 100: E leads; C 5 + 5 × 50/100, D 5 + 5 × 20/100
    assert {u: str(got[u]) for u in "CDE"} == {"C": "7.50", "D": "6.00", "E": "10.00"}


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (NoTargetPolicy.GROUP_BEST, ("0.82", "1.82")),  # 90 / 1100, 200 / 1100
        (NoTargetPolicy.UNTARGETED_BEST, ("4.50", "10.00")),  # 90 / 200, 200 / 200
        (NoTargetPolicy.ZERO, ("0.00", "0.00")),
    ],
)
def test_units_without_a_target_follow_the_rules_fallback(
    policy: NoTargetPolicy, expected: tuple[str, str]
) -> None:
    rule = Rule.target_relative(no_target=policy)
    got = rule.group_points([*REPORTED.values(), (200, None)], 10, P)
    assert (str(got[5]), str(got[6])) == expected


def test_a_group_whose_best_achieved_nothing_gives_no_points_without_a_target() -> None:
    assert Rule.target_relative().group_points(["0", "0/100"], 10, P) == (
        Decimal("0.00"),
        Decimal("0.00"),
    )


def test_points_are_rounded_once_by_the_frameworks_rule_and_precision() -> None:
    down = points_of(score_table(table(framework(rounding="ROUND_DOWN"))))
    up = points_of(score_table(table(framework(rounding="ROUND_UP"))))
    assert (down["A"], down["F"]) == ("3.33", "0.81")
    assert (up["A"], up["F"]) == ("3.34", "0.82")
    coarse = Rule.target_relative().group_points(["200/300"], 10, Decimal("0.1"))
    assert coarse == (Decimal("3.3"),)


def test_huge_values_are_scored_exactly() -> None:
    # close to the number limit: products overflow 64 bits and are done in Python integers
    big = 10**11
    values = [f"{big + 7}/{big}", f"{big + 3}/{big - 1}", f"{big - 1}/{big}", str(big)]
    got = Rule.target_relative().group_points(values, 10, P)
    lead = Fraction(7, big)
    second = Fraction(big + 3 - (big - 1), big - 1)
    exact = [
        Fraction(10),
        5 + 5 * second / lead,
        5 * Fraction(big - 1, big),
        10 * Fraction(big, big + 7),
    ]
    expected = [
        (Decimal(x.numerator) / Decimal(x.denominator)).quantize(P, "ROUND_HALF_UP") for x in exact
    ]
    assert list(got) == expected


# -- who takes part ---------------------------------------------------------------------------


def test_units_that_did_not_report_or_do_not_apply_take_no_part() -> None:
    fw = Framework(
        "na",
        "N/A",
        [
            Criterion(
                "1", "Thu", Decimal(10), rule=Rule.target_relative(), not_applicable_allowed=True
            )
        ],
        bands=BANDS,
    )
    t = ScoreTable.from_wide(
        fw,
        [
            {"unit": "A", "1": "120/100"},
            {"unit": "B", "1": "N/A"},
            {"unit": "C"},
            {"unit": "D", "1": "110/100"},
        ],
    )
    result = score_table(t)
    assert points_of(result) == {"A": "10.00", "B": "0.00", "C": "0.00", "D": "7.50"}
    assert result.scorecard("B").maximum == Decimal("0.00")


def test_a_group_mapping_must_name_every_unit() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        score_table(table(framework()), {"A": "K1"})
    assert {f.code for f in caught.value.findings} == {"rank.no-group"}


# -- one unit ---------------------------------------------------------------------------------


def test_one_unit_alone_is_refused_with_a_clear_error_in_both_languages() -> None:
    fw = framework()
    with pytest.raises(ValidationError) as caught:
        score_unit(fw, SelfAssessment.of("A", {"1": "120/100", "2": "có"}))
    error = caught.value
    assert error.field == "1"
    assert error.value == "120/100"
    assert "scored against the unit's group" in error.message
    assert error.vi is not None
    assert "cả khối" in error.vi
    with pytest.raises(ValidationError):
        score_self_assessment(fw, SelfAssessment.of("A", {"1": "120/100"}))
    with pytest.raises(CchcError, match="scored with its group"):
        fw.find("1").effective_rule.points("120/100", Decimal(10), P)


def test_one_unit_that_does_not_report_the_criterion_needs_no_group() -> None:
    card = score_unit(framework(), SelfAssessment.of("A", {"2": "có"}))
    assert card.points == Decimal("90.00")


def test_one_unit_with_its_groups_values_gets_the_batch_card() -> None:
    fw = framework()
    batch = score_table(table(fw))
    for unit, value in REPORTED.items():
        others = {u: v for u, v in REPORTED.items() if u != unit}
        card = score_unit(fw, SelfAssessment.of(unit, {"1": value}), group={"1": others})
        assert card == batch.scorecard(unit)
        own = score_self_assessment(fw, SelfAssessment.of(unit, {"1": value}), group={"1": others})
        assert own.lines == card.lines


def test_the_council_changes_a_target_relative_entry_like_any_other() -> None:
    fw = framework()
    others = {u: v for u, v in REPORTED.items() if u != "D"}
    council = Appraisal("D", [Adjustment("1", "110/100", "số liệu thu chưa được xác nhận")])
    card = score_unit(fw, SelfAssessment.of("D", {"1": "120/100"}), council, group={"1": others})
    line = card.line("1")
    assert (line.points, line.source, line.reason) == (
        Decimal("6.00"),
        Source.APPRAISAL,
        "số liệu thu chưa được xác nhận",
    )


def test_a_groups_values_are_checked() -> None:
    fw = framework()
    own = SelfAssessment.of("A", {"1": "120/100"})
    with pytest.raises(InvalidDocumentError) as caught:
        score_unit(
            fw,
            own,
            group={"2": {"B": "có"}, "1": {"A": "1/1", "B": "x/100"}, "9": {"C": "1"}},
        )
    found = sorted((f.code, f.path) for f in caught.value.findings)
    assert found == [
        ("group.criterion", "group['2']"),
        ("group.criterion", "group['9']"),
        ("group.unit", "group['1']['A']"),
    ]
    with pytest.raises(InvalidDocumentError) as bad_cell:
        score_unit(fw, own, group={"1": {"B": "x/100"}})
    assert [f.path for f in bad_cell.value.findings] == ["group['1']['B']"]


# -- what a unit reports ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "second"),
    [
        ("120/100", 12000, 10000),
        ("120,5/100", 12050, 10000),
        ((120, 100), 12000, 10000),
        ("90", 9000, 0),
        (90, 9000, 0),
        ("90/", 9000, 0),
        ((90, None), 9000, 0),
        ("90/0", 9000, 0),
    ],
)
def test_achieved_and_target_are_read_in_every_form(value: object, first: int, second: int) -> None:
    t = ScoreTable.from_wide(framework(), [{"unit": "A", "1": value}])
    assert (int(t.first[0, 0]), int(t.second[0, 0])) == (first, second)
    assert framework().find("1").effective_rule.read(value, P) == (first, second)


@pytest.mark.parametrize("value", ["1/2/3", "-5/100", "120/-1", "x/100", 1.5, True, "0.001/1"])
def test_bad_entries_are_refused_with_what_was_expected(value: object) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_wide(framework(), [{"unit": "A", "1": value}])
    (finding,) = caught.value.findings
    assert finding.path == "rows[0]['1']"
    assert "đạt được" in finding.message_vi or "số" in finding.message_vi
    with pytest.raises(CchcError):
        framework().find("1").effective_rule.read(value, P)


def test_arrays_give_achieved_values_and_targets_as_a_pair() -> None:
    fw = framework()
    arrays = (np.array([12000, 9000]), np.array([10000, 0]))
    t = ScoreTable.from_arrays(fw, ["A", "B"], {"1": arrays})
    assert points_of(score_table(t)) == {"A": "10.00", "B": "7.50"}
    with pytest.raises(InvalidDocumentError):
        ScoreTable.from_arrays(fw, ["A", "B"], {"1": np.array([1, 2])})
    with pytest.raises(InvalidDocumentError) as caught:
        ScoreTable.from_arrays(fw, ["A", "B"], {"1": (np.array([1, 2]), np.array([-1, 2]))})
    assert "negative target" in caught.value.findings[0].message_en


# -- explained --------------------------------------------------------------------------------


def test_explanations_say_how_the_points_were_computed() -> None:
    result = score_table(table(framework()), dict.fromkeys(REPORTED, "K1"))
    detail = {u: result.scorecard(u).line("1").detail for u in REPORTED}
    assert detail["A"] == (
        "achieved 200, below the target 300: 1/2 × 10 × 200/300 → 3.33 (ROUND_HALF_UP)"
    )
    assert detail["B"] == "achieved 200, exactly the target: 1/2 × 10 → 5.00"
    assert detail["C"] == (
        "achieved 150 against the target 100: 50 % above it, the largest excess of group K1 "
        "→ 10.00 (the maximum)"
    )
    assert detail["D"] == (
        "achieved 120 against the target 100: 20 % above it; the leader of group K1 (C) 50 % "
        "above its target: 1/2 × 10 + 1/2 × 10 × 20 % / 50 % → 7.00 (ROUND_HALF_UP)"
    )
    assert detail["F"] == (
        "achieved 90, no target assigned; the best of group K1 (E) achieved 1100: "
        "10 × 90/1100 → 0.82 (ROUND_HALF_UP)"
    )
    line = result.scorecard("D").explain("en").lines[0]
    assert line.points == Decimal("7.00")
    assert "leader of group K1 (C)" in line.why.en
    assert "reported 120/100" in line.why.en


def test_an_excess_share_that_does_not_terminate_is_shown_approximately() -> None:
    result = score_table(table(framework(), {"A": "130/90", "B": "100/90"}))
    assert "≈ 44.44 % above it" in (result.scorecard("A").line("1").detail or "")


def test_units_sharing_a_place_are_all_named_whatever_their_order() -> None:
    reported = {"Z": "90", "D": "120/100", "C": "150/100", "B": "30/20", "A": "90"}
    result = score_table(
        table(framework(rule=Rule.target_relative(no_target="untargeted_best")), reported)
    )
    assert "the leader of the group (B, C) 50 % above" in (
        result.scorecard("D").line("1").detail or ""
    )
    assert result.scorecard("A").line("1").detail == (
        "achieved 90, no target assigned, the best of the group without a target → 10.00 "
        "(the maximum)"
    )


def test_the_standing_names_each_groups_leader_and_best() -> None:
    result = score_table(table(framework()))
    standing = result.standing("1")
    assert [result.units[j] for j in standing.leader] == ["C"] * 6
    assert standing.best.tolist() == [-1, -1, -1, -1, -1, 4]
    assert standing.share(3) == Fraction(7, 10)
    with pytest.raises(CchcError):
        result.standing("2")


# -- as data ----------------------------------------------------------------------------------


RULES = [
    Rule.target_relative(),
    Rule.target_relative(Fraction(2, 5), below_share="0.3", excess="amount", no_target="zero"),
    Rule.target_relative(Fraction(1, 3), no_target=NoTargetPolicy.UNTARGETED_BEST),
]


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_the_rule_round_trips_through_toml_json_pickle_and_repr(rule: Rule) -> None:
    fw = framework(rule)
    assert parse_framework(format_framework(fw)) == fw
    assert from_json(to_json(fw), Framework) == fw
    assert pickle.loads(pickle.dumps(rule)) == rule
    namespace = {
        "Rule": Rule,
        "RuleKind": RuleKind,
        "Fraction": Fraction,
        "ExcessBasis": ExcessBasis,
        "NoTargetPolicy": NoTargetPolicy,
        "Decimal": Decimal,
    }
    assert eval(repr(rule), namespace) == rule


def test_a_rule_is_written_in_toml_as_an_officer_would() -> None:
    fw = parse_framework(
        """
[framework]
id = "t"
title = "T"
[[criteria]]
code = "1"
title = "Thu ngân sách"
maximum = 10
rule = { kind = "target_relative", on_target_share = 0.4, below_share = "3/10", excess = "amount" }
"""
    )
    rule = fw.find("1").effective_rule
    assert (rule.on_target_share, rule.below_share, rule.excess, rule.no_target) == (
        Fraction(2, 5),
        Fraction(3, 10),
        ExcessBasis.AMOUNT,
        NoTargetPolicy.GROUP_BEST,
    )


def test_bad_parameters_are_refused_with_their_paths() -> None:
    text = """
[framework]
id = "t"
title = "T"
[[criteria]]
code = "1"
title = "A"
maximum = 10
rule = { kind = "target_relative", on_target_share = "3/2" }
[[criteria]]
code = "2"
title = "B"
maximum = 10
rule = { kind = "target_relative", on_target_share = "1/4", below_share = "1/2" }
[[criteria]]
code = "3"
title = "C"
maximum = 10
rule = { kind = "target_relative", excess = "ratio" }
"""
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(text)
    paths = [f.path for f in caught.value.findings]
    assert paths == [
        "criteria[0].rule.on_target_share",
        "criteria[1].rule.below_share",
        "criteria[2].rule.excess",
    ]
    assert all(f.message_vi for f in caught.value.findings)


def test_rule_values_are_checked_in_python_too() -> None:
    with pytest.raises(ValidationError, match="share from 0 to 1"):
        Rule.target_relative(-1)
    with pytest.raises(ValidationError, match="reaching the target would lower"):
        Rule.target_relative(Fraction(1, 4), below_share=Fraction(1, 2))
    with pytest.raises(CchcTypeError):
        Rule.target_relative(0.5)  # type: ignore[arg-type]
    with pytest.raises(CchcError):
        Rule.yes_no().group_points(["1"], 1, P)
    with pytest.raises(CchcError):
        Rule.yes_no().group_leaders(np.array([1]), np.array([1]))


def test_a_batch_keeps_its_groups_through_pickling() -> None:
    groups = {"A": "K1", "B": "K1", "C": "K2", "D": "K2", "E": "K1", "F": "K1"}
    result = score_table(table(framework()), groups)
    twin = pickle.loads(pickle.dumps(result))
    assert twin.groups == result.groups == tuple(groups.values())
    assert twin.scorecard("F") == result.scorecard("F")
    with pytest.raises(ValidationError):
        attrs.evolve(result, groups=("K1",))


@pytest.mark.parametrize("groups", [np.array([1]), ["K1"], "K1", 7])
def test_groups_that_are_not_a_mapping_are_refused(groups: object) -> None:
    with pytest.raises(CchcTypeError):
        score_table(table(framework()), groups)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "group",
    [
        "1",
        ["1"],
        {"1": "B"},
        {1: {"B": "1/1"}},
        {"1": {2: "1/1"}},
        {"1": {"": "1/1"}},
        {"1": {"B": float("nan")}},
        {"1": {"B": ("1", "2", "3")}},
        {"\ud800": {"B": "1"}},
    ],
)
def test_hostile_group_values_are_refused_with_cchc_errors_only(group: object) -> None:
    with pytest.raises(CchcError):
        score_unit(framework(), SelfAssessment.of("A", {"1": "1/1"}), group=group)  # type: ignore[arg-type]


def test_the_council_report_names_only_entries_the_council_changed() -> None:
    fw = framework()
    own = table(fw)
    council = ScoreTable.from_long(
        fw, [("C", "1", "105/100", "số liệu thu chưa được xác nhận")], stage=Source.APPRAISAL
    )
    before, after = score_table(own), score_table(own.overlay(council))
    # C loses the lead, so D (now 20 % against E's 10 %) leads: its points move, but the
    # council did not change D's entry
    assert str(after.scorecard("D").line("1").points) == "10.00"
    report = council_change_report(before, after, require_reasons=True)
    assert [(c.unit, c.code, str(c.self_points), str(c.appraised_points)) for c in report] == [
        ("C", "1", "10.00", "6.25")
    ]
    cards = council_changes(
        before.self_assessed_scorecard("D"), after.scorecard("D")
    ) + council_changes(before.self_assessed_scorecard("C"), after.scorecard("C"))
    assert [(c.unit, c.reason) for c in cards] == [("C", "số liệu thu chưa được xác nhận")]
