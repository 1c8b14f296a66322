"""Criteria frameworks: the criterion tree, scoring rules as data, bands and the checks."""

from __future__ import annotations

import contextlib
import pickle
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest

from cchc import _fields, criteria
from cchc._fields import CodedEnum
from cchc.areas import ReformArea
from cchc.criteria import (
    MAX_DEPTH,
    Band,
    BandBasis,
    Criterion,
    Framework,
    Level,
    Rule,
    RuleKind,
    bundled_frameworks,
    format_framework,
    load_bundled,
    load_framework,
    parse_framework,
    round_ratio,
    to_scaled,
)
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.export.json import from_json, to_json

P = Decimal("0.01")


def leaf(code: str, maximum: str | int, rule: Rule | None = None, **kw: object) -> Criterion:
    return Criterion(code, f"Tiêu chí {code}", Decimal(maximum), rule=rule, **kw)  # type: ignore[arg-type]


def ca_mau_114() -> Rule:
    """Cà Mau 1880/QĐ-UBND (2013) 1.1.4: > 90 % gives 2, 70 – 90 % gives 1, < 70 % gives 0."""
    return Rule.banded(
        [
            Level(2, lower=90, lower_inclusive=False),
            Level(1, lower=70, upper=90, upper_inclusive=True),
            Level(0, upper=70),
        ]
    )


# --- levels and bands ----------------------------------------------------------------------


def test_a_level_includes_its_lower_bound_and_excludes_its_upper_by_default() -> None:
    level = Level(Decimal("0.5"), lower=95, upper=100)
    assert level.contains(Decimal(95))
    assert level.contains(Decimal("99.99"))
    assert not level.contains(Decimal(100))


def test_a_level_with_open_bounds_reaches_to_infinity() -> None:
    assert Level(1, lower=90).contains(Decimal(10**9))
    assert Level(0, upper=70).contains(Decimal(-5))


def test_an_empty_interval_is_refused() -> None:
    with pytest.raises(ValidationError, match="empty"):
        Level(1, lower=90, upper=80)
    with pytest.raises(ValidationError, match="empty"):
        Band("A", 90, 90)


def test_a_band_boundary_is_compared_exactly() -> None:
    a = Band("A", 90, 100, upper_inclusive=True)
    assert a.contains(Fraction(90))
    assert not a.contains(Fraction(8999999, 100000))
    assert a.contains(Fraction(100))


def test_floats_are_never_accepted_as_points() -> None:
    with pytest.raises(CchcTypeError, match="floats"):
        Level(0.5)
    with pytest.raises(CchcTypeError):
        Criterion("1", "A", 1.5)


def test_numbers_may_be_written_with_a_decimal_comma() -> None:
    assert Level("0,5").points == Decimal("0.5")


# --- rules ---------------------------------------------------------------------------------


def test_manual_points_must_be_on_the_step() -> None:
    rule = Rule.manual("0.5")
    assert rule.points("1.5", Decimal(2), P) == Decimal("1.50")
    with pytest.raises(ValidationError, match="step"):
        rule.points("1.25", Decimal(2), P)


def test_yes_no_gives_everything_or_nothing() -> None:
    rule = Rule.yes_no()
    assert rule.points("có", Decimal(3), P) == Decimal("3.00")
    assert rule.points("không", Decimal(3), P) == Decimal("0.00")
    with pytest.raises(ParseError):
        rule.points("maybe", Decimal(3), P)


@pytest.mark.parametrize(
    ("value", "points"),
    [("100", "2.00"), ("90.01", "2.00"), ("90", "1.00"), ("70", "1.00"), ("69.99", "0.00")],
)
def test_banded_rule_honours_inclusive_and_exclusive_bounds(value: str, points: str) -> None:
    assert ca_mau_114().points(value, Decimal(2), P) == Decimal(points)


def test_a_value_in_no_level_scores_nothing() -> None:
    rule = Rule.banded([Level(1, lower=50)])
    assert rule.points("10", Decimal(1), P) == Decimal("0.00")


def test_overlapping_levels_are_refused() -> None:
    with pytest.raises(ValidationError, match="overlaps"):
        Rule.banded([Level(1, lower=50), Level(0, upper=50, upper_inclusive=True)])


def test_proportional_rule_rounds_half_up_at_the_precision() -> None:
    rule = Rule.proportional()
    assert rule.points((1, 3), Decimal(1), P) == Decimal("0.33")
    assert rule.points((2, 3), Decimal(1), P) == Decimal("0.67")
    assert rule.points((1, 8), Decimal(1), P, ROUND_HALF_UP) == Decimal("0.13")
    assert rule.points((1, 8), Decimal(1), P, ROUND_HALF_EVEN) == Decimal("0.12")


def test_proportional_rule_with_nothing_to_settle_gives_the_stated_points() -> None:
    assert Rule.proportional().points("0/0", Decimal(2), P) == Decimal("2.00")
    assert Rule.proportional(0).points("0/0", Decimal(2), P) == Decimal("0.00")


def test_a_ratio_above_one_is_refused() -> None:
    with pytest.raises(ValidationError, match="numerator"):
        Rule.proportional().points((5, 4), Decimal(2), P)


def test_deductions_stop_at_the_floor() -> None:
    rule = Rule.deduction("0.5", floor="0.5")
    assert rule.points(1, Decimal(2), P) == Decimal("1.50")
    assert rule.points(10**11, Decimal(2), P) == Decimal("0.50")


def test_a_bonus_is_capped_at_the_maximum() -> None:
    rule = Rule.bonus("0.25")
    assert rule.points(3, Decimal(1), P) == Decimal("0.75")
    assert rule.points(10**11, Decimal(1), P) == Decimal("1.00")


def test_survey_points_scale_the_index() -> None:
    assert Rule.survey(10).points("7.5", Decimal(4), P) == Decimal("3.00")
    assert Rule.survey().points("33.33", Decimal(1), P) == Decimal("0.33")


def test_deduction_and_bonus_need_an_amount_per_occurrence() -> None:
    with pytest.raises(ValidationError, match="per"):
        Rule(RuleKind.DEDUCTION)
    with pytest.raises(ValidationError, match="per"):
        Rule(RuleKind.BONUS, per=0)


def test_numbers_beyond_the_limits_are_refused_not_wrapped() -> None:
    with pytest.raises(ValidationError, match="too large"):
        Rule.deduction(1).points(10**12, Decimal(1), P)
    with pytest.raises(ValidationError, match="too large"):
        Level("1e15")
    with pytest.raises(ValidationError, match="decimals"):
        Level("1e-13")
    with pytest.raises(ParseError):
        Rule.bonus(1).points("mười", Decimal(1), P)
    with pytest.raises(ValidationError, match="million"):
        leaf("1", 10**6 + 1)
    # a large ratio is computed in exact integers, never wrapped around 64 bits
    third = Rule.proportional().points((33_333_333_333, 99_999_999_999), Decimal(10**6), P)
    assert third == Decimal("333333.33")


def test_negative_counts_and_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        Rule.deduction(1).points(-1, Decimal(1), P)
    with pytest.raises(ValidationError):
        Rule.manual().points("-1", Decimal(1), P)


def test_rule_problems_name_levels_above_the_maximum() -> None:
    problems = ca_mau_114().problems(Decimal(1), P)
    assert [field for field, _, _ in problems] == ["levels[0].points"]


def test_rules_describe_themselves() -> None:
    assert Rule.bonus("0.5").describe(Decimal(1)) == "bonus: 0.5 per item, capped at 1"
    assert ca_mau_114().describe(Decimal(2)).startswith("banded: > 90: 2; ≥ 70 and ≤ 90: 1")


@pytest.mark.parametrize(
    "rounding", ["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN", "ROUND_DOWN", "ROUND_UP"]
)
def test_round_ratio_agrees_with_the_decimal_module(rounding: str) -> None:
    for numerator in range(40):
        for denominator in (1, 2, 3, 4, 7, 8):
            expected = (Decimal(numerator) / Decimal(denominator)).quantize(
                Decimal(1), rounding=rounding
            )
            assert round_ratio(numerator, denominator, rounding) == int(expected)


def test_an_unknown_rounding_rule_is_refused() -> None:
    with pytest.raises(ValidationError, match="rounding"):
        round_ratio(1, 2, "ROUND_SOMETIMES")


def test_to_scaled_refuses_values_finer_than_the_precision() -> None:
    assert to_scaled(Decimal("1.5"), P) == 150
    with pytest.raises(ValidationError, match="precision"):
        to_scaled(Decimal("1.005"), P)


# --- criteria ------------------------------------------------------------------------------


def test_children_maxima_must_add_up_to_the_parent() -> None:
    with pytest.raises(ValidationError, match="add up to 3, not 4"):
        Criterion("1", "A", Decimal(4), children=[leaf("1.1", 1), leaf("1.2", 2)])


def test_a_capped_parent_may_offer_more_than_its_maximum() -> None:
    parent = Criterion("1", "A", Decimal(2), children=[leaf("1.1", 2), leaf("1.2", 2)], capped=True)
    assert parent.maximum == Decimal(2)
    assert [c.code for c in parent.leaves()] == ["1.1", "1.2"]


def test_only_a_leaf_carries_a_rule() -> None:
    with pytest.raises(ValidationError, match="only a leaf"):
        Criterion("1", "A", Decimal(1), children=[leaf("1.1", 1)], rule=Rule.yes_no())


def test_a_leaf_without_a_rule_is_scored_manually() -> None:
    assert leaf("1", 1).effective_rule.kind is RuleKind.MANUAL


def test_criterion_reads_its_area_from_a_code_and_normalises_text() -> None:
    c = Criterion("1", "Ca\u0300i \u0111a\u0323t", Decimal(1), area="tthc", evidence="Báo cáo")
    assert c.area is ReformArea.PROCEDURES
    assert c.title == "Cài đạt"
    assert c.evidence == ("Báo cáo",)


def test_criterion_refuses_negative_maximum_and_empty_code() -> None:
    with pytest.raises(ValidationError, match="negative"):
        leaf("1", -1)
    with pytest.raises(ValidationError, match="empty"):
        leaf("", 1)


def test_criterion_str_gives_code_title_and_maximum() -> None:
    assert str(leaf("1.2", 3)) == "1.2. Tiêu chí 1.2 (3)"


# --- frameworks ----------------------------------------------------------------------------


def small(**kw: object) -> Framework:
    tree = Criterion(
        "1",
        "Chỉ đạo, điều hành",
        Decimal(3),
        children=[leaf("1.1", 1, Rule.yes_no()), leaf("1.2", 2, ca_mau_114())],
    )
    args: dict[str, object] = {
        "bands": [Band("Đạt", 50, 100, upper_inclusive=True), Band("Chưa đạt", 0, 50)]
    }
    args.update(kw)
    return Framework("small", "Nhỏ", [tree], **args)  # type: ignore[arg-type]


def test_framework_maximum_is_the_sum_of_its_fields() -> None:
    assert small().maximum == Decimal(3)


def test_framework_finds_codes_whatever_the_case() -> None:
    fw = Framework("f", "F", [leaf("1.a", 1)])
    assert fw.find("1.A").code == "1.a"
    with pytest.raises(NotFoundError):
        fw.find("9")


def test_duplicate_codes_are_reported_with_their_path() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        Framework("f", "F", [leaf("1", 1), leaf("1", 1)])
    (finding,) = caught.value.findings
    assert (finding.code, finding.path) == ("criteria.duplicate-code", "criteria[1].code")


def test_bands_must_cover_the_range_without_gap_or_overlap() -> None:
    gap = [Band("A", 60, 100, upper_inclusive=True), Band("B", 0, 50)]
    overlap = [
        Band("A", 50, 100, upper_inclusive=True),
        Band("B", 0, 50, upper_inclusive=True),
    ]
    short = [Band("A", 0, 100)]
    codes = {
        "gap": [f.code for f in _findings(gap)],
        "overlap": [f.code for f in _findings(overlap)],
        "short": [(f.code, f.path) for f in _findings(short)],
    }
    assert codes == {
        "gap": ["bands.gap"],
        "overlap": ["bands.overlap"],
        "short": [("bands.gap", "bands[0].upper")],
    }


def _findings(bands: list[Band]) -> list[Finding]:
    with pytest.raises(InvalidDocumentError) as caught:
        small(bands=bands)
    return list(caught.value.findings)


def test_bands_in_points_cover_zero_to_the_framework_maximum() -> None:
    fw = small(
        band_basis="points",
        bands=[Band("Đạt", 2, 3, upper_inclusive=True), Band("Chưa đạt", 0, 2)],
    )
    assert fw.band_basis is BandBasis.POINTS
    assert fw.band_for(Decimal(2)).label == "Đạt"  # type: ignore[union-attr]


def test_band_for_compares_the_exact_index() -> None:
    fw = small()
    assert fw.band_for(Fraction(50)).label == "Đạt"  # type: ignore[union-attr]
    assert fw.band_for(Fraction(4999999, 100000)).label == "Chưa đạt"  # type: ignore[union-attr]
    assert Framework("nb", "No bands", [leaf("1", 1)]).band_for(Fraction(1)) is None


def test_a_rule_that_does_not_fit_its_maximum_is_reported_at_its_path() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        Framework("f", "F", [leaf("1", 1, ca_mau_114())])
    assert [f.path for f in caught.value.findings] == ["criteria[0].rule.levels[0].points"]


def test_a_maximum_finer_than_the_precision_is_reported() -> None:
    with pytest.raises(InvalidDocumentError, match=r"criteria\.precision"):
        Framework("f", "F", [leaf("1", "0.125")])
    assert Framework("f", "F", [leaf("1", "0.125")], precision="0.001").scale == 1000


def test_precision_must_be_a_power_of_ten_and_rounding_a_known_rule() -> None:
    with pytest.raises(ValidationError, match="power of ten"):
        small(precision="0.05")
    with pytest.raises(ValidationError, match="rounding"):
        small(rounding="ROUND_NICELY")


@pytest.mark.parametrize(
    "call",
    [
        lambda: small(rounding="ROUND_NICELY"),
        lambda: round_ratio(1, 2, "ROUND_NICELY"),
        lambda: Rule.proportional().evaluate(
            np.array([1], dtype=np.int64), np.array([3], dtype=np.int64), 200, 100, "ROUND_NICELY"
        ),
    ],
)
def test_an_unknown_rounding_rule_is_refused_with_the_valid_ones_listed(call: Any) -> None:
    with pytest.raises(ValidationError) as err:
        call()
    assert err.value.field == "rounding"
    assert err.value.value == "ROUND_NICELY"
    for known in ("ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"):
        assert known in str(err.value)
        assert known in err.value.message_vi


# --- one convention for checking: findings() returns every finding, check() raises ----------


def test_a_good_framework_has_no_findings_and_check_returns_none() -> None:
    assert small().findings() == small().check() == ()


def test_a_framework_with_only_warnings_passes_check_which_returns_them() -> None:
    fw = small(absent_survey="rebase")
    found = fw.findings()
    assert [(f.code, f.path, f.severity) for f in found] == [
        ("framework.absent-survey", "absent_survey", Severity.WARNING)
    ]
    assert fw.check() == found


def test_a_framework_with_an_error_is_refused_with_every_finding() -> None:
    # a framework that exists has no error: its constructor raises what check would
    gap = [Band("Đạt", 60, 100, upper_inclusive=True), Band("Chưa đạt", 10, 50)]
    with pytest.raises(InvalidDocumentError) as err:
        small(bands=gap, absent_survey="rebase")
    assert [(f.code, f.severity) for f in err.value.findings] == [
        ("bands.gap", Severity.ERROR),
        ("bands.gap", Severity.ERROR),
    ]
    assert "'small'" in str(err.value)


def test_the_old_framework_check_warns_and_answers_as_the_method() -> None:
    fw = small(absent_survey="rebase")
    with pytest.warns(DeprecationWarning, match=r"framework_findings.*framework\.findings"):
        old = criteria.framework_findings(fw)
    assert old == list(fw.findings()) != []
    assert isinstance(old, list)  # as it was: a list
    with pytest.warns(DeprecationWarning, match="framework_findings"), pytest.raises(CchcTypeError):
        criteria.framework_findings("framework")  # type: ignore[arg-type]


# --- TOML ----------------------------------------------------------------------------------

GOOD = """
[framework]
id = "mini"
title = "Mini"
year = 2023
applies_to = ["xa"]

[[framework.bands]]
label = "Đạt"
lower = 50
upper = 100
upper_inclusive = true

[[framework.bands]]
label = "Chưa đạt"
lower = 0
upper = 50

[[criteria]]
code = "1"
title = "Thủ tục hành chính"
maximum = 3
area = "TTHC"

  [[criteria.children]]
  code = "1.1"
  title = "Hồ sơ đúng hạn"
  maximum = 2.5
  rule = { kind = "proportional" }

  [[criteria.children]]
  code = "1.2"
  title = "Công khai"
  maximum = 0.5
  rule = { kind = "yes_no" }
"""


def test_a_framework_loads_from_toml_with_decimal_literals_kept_exact() -> None:
    fw = parse_framework(GOOD)
    assert fw.find("1.1").maximum == Decimal("2.5")
    assert fw.find("1").area is ReformArea.PROCEDURES
    assert fw.applies_to == ("xa",)
    assert fw.year == 2023


def test_a_bad_framework_file_reports_every_problem_with_its_path() -> None:
    bad = (
        GOOD.replace('kind = "yes_no"', 'kind = "coin_flip"')
        .replace("maximum = 3\n", "maximum = 4\n")
        .replace("year = 2023", 'year = 2023\ncolour = "red"')
        .replace('label = "Chưa đạt"\nlower = 0', 'label = "Chưa đạt"\nlower = "abc"')
    )
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(bad)
    found = {(f.code, f.path) for f in caught.value.findings}
    assert found == {
        ("data.unknown-key", "framework.colour"),
        ("data.unreadable", "framework.bands[1].lower"),
        ("data.invalid", "criteria[0].children[1].rule.kind"),
    }


def test_children_that_do_not_add_up_in_a_file_are_reported() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(GOOD.replace("maximum = 3\n", "maximum = 4\n"))
    # the criterion's constructor refuses it, as it refuses the same criterion built in Python
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("criteria.maximum-mismatch", "criteria[0].maximum")
    ]
    assert "add up to 3.0, not 4" in caught.value.findings[0].message_en


def test_text_that_is_not_toml_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="TOML"):
        parse_framework("[framework\nid=")
    with pytest.raises(CchcTypeError):
        parse_framework(b"[framework]")  # type: ignore[arg-type]


def test_a_file_without_criteria_is_refused() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework('[framework]\nid = "x"\ntitle = "X"')
    assert [(f.code, f.path) for f in caught.value.findings] == [("data.missing-key", "criteria")]
    with pytest.raises(InvalidDocumentError, match=r"framework\.empty"):
        parse_framework('criteria = []\n[framework]\nid = "x"\ntitle = "X"')


def test_a_framework_loads_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_framework(path) == parse_framework(GOOD)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(ParseError, match="UTF-8"):
        load_framework(path)


def test_a_framework_written_as_toml_reads_back_equal() -> None:
    for name in bundled_frameworks():
        fw = load_bundled(name)
        assert parse_framework(format_framework(fw)) == fw
    text = format_framework(small(precision="0.001", rounding="ROUND_HALF_EVEN"))
    assert 'precision = "0.001"' in text
    assert 'rounding = "ROUND_HALF_EVEN"' in text


# --- bundled frameworks --------------------------------------------------------------------


def test_bundled_frameworks_load_by_name() -> None:
    assert set(bundled_frameworks()) >= {"ca-mau-1880-2013", "cchc-campaign-6"}
    for name in bundled_frameworks():
        assert load_bundled(name).id == name
    with pytest.raises(NotFoundError, match="known"):
        load_bundled("atlantis")


def test_ca_mau_framework_transcribes_field_one_and_marks_what_was_not_read() -> None:
    fw = load_bundled("ca-mau-1880-2013")
    assert "1880/QĐ-UBND" in fw.source
    assert fw.maximum == Decimal(20)
    assert [c.maximum for c in fw.find("1.1").children] == [1, 1, 1, 2]
    assert fw.find("1.2").maximum == Decimal(2)
    assert {c.code for _, c in fw.walk() if c.illustrative} == {"1.3", "1.x"}
    rule = fw.find("1.1.4").effective_rule
    assert rule.points("90", Decimal(2), P) == Decimal("1.00")
    assert rule.points("90.5", Decimal(2), P) == Decimal("2.00")


def test_campaign_framework_covers_the_six_reform_contents_and_is_illustrative() -> None:
    fw = load_bundled("cchc-campaign-6")
    assert fw.illustrative
    assert [c.area.code for c in fw.criteria if c.area] == [
        "TC",
        "TTHC",
        "TCBM",
        "CV",
        "TCC",
        "CQS",
    ]
    kinds = {c.effective_rule.kind for c in fw.leaves()}
    # every kind a unit can be scored by alone (a group-relative kind needs a group)
    assert kinds == {kind for kind in RuleKind if not kind.needs_group}


# --- contracts -----------------------------------------------------------------------------


VALUES = [
    Level(Decimal("0.5"), lower=95, upper=100, label="95 – < 100 %"),
    Band("A", 90, 100, upper_inclusive=True),
    ca_mau_114(),
    Rule.deduction("0.25", floor=1),
    leaf("1.1", 2, Rule.yes_no(), area=ReformArea.DIRECTION, lead_unit="Sở Nội vụ"),
    small(),
    load_bundled("cchc-campaign-6"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_value_types_keep_their_contract(value: Any) -> None:
    twin = pickle.loads(pickle.dumps(value))
    assert twin == value
    assert hash(twin) == hash(value)
    assert from_json(to_json(value), type(value)) == value
    namespace = {
        "Decimal": Decimal,
        "Level": Level,
        "Band": Band,
        "Rule": Rule,
        "RuleKind": RuleKind,
        "Criterion": Criterion,
        "Framework": Framework,
        "BandBasis": BandBasis,
        "ReformArea": ReformArea,
    }
    if isinstance(value, Framework):  # a framework's repr is a short summary
        assert repr(value).startswith(f"Framework {value.id!r}: ")
    else:
        assert eval(repr(value), namespace) == value
    field = attrs.fields(type(value))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field.name, getattr(value, field.name))


def test_evolve_leaves_the_original_unchanged() -> None:
    original = leaf("1.1", 2)
    changed = attrs.evolve(original, maximum=Decimal(3))
    assert (original.maximum, changed.maximum) == (Decimal(2), Decimal(3))
    fw = small()
    assert attrs.evolve(fw, title="Khác").title == "Khác"
    assert fw.title == "Nhỏ"


def test_evolve_runs_the_checks_again() -> None:
    with pytest.raises(InvalidDocumentError):
        attrs.evolve(small(), bands=[Band("A", 10, 100, upper_inclusive=True)])


# --- odd values at the door: only CchcError, with the field named ------------------------------

ODD: list[object] = [
    None,
    True,
    1.5,
    float("nan"),
    Decimal("NaN"),
    Decimal("Infinity"),
    10**30,
    [[1]],
    {"a": 1},
    b"x",
    object(),
]

_FW = load_bundled("cchc-campaign-6")

CRITERIA_CALLS: dict[str, Any] = {
    "Level(points)": lambda v: Level(v),
    "Level(label)": lambda v: Level(1, label=v),
    "Level(lower_inclusive)": lambda v: Level(1, lower=1, upper=2, lower_inclusive=v),
    "Band(label)": lambda v: Band(v, 0, 100),
    "Band(upper_inclusive)": lambda v: Band("A", 0, 100, upper_inclusive=v),
    "Rule(kind)": lambda v: Rule(v),
    "Rule.banded(levels)": lambda v: Rule.banded(v),
    "Rule.manual(step)": lambda v: Rule.manual(v),
    "Rule.points(maximum)": lambda v: Rule.manual().points(1, v, P),
    "Rule.points(precision)": lambda v: Rule.manual().points(1, Decimal(1), v),
    "Rule.points(rounding)": lambda v: Rule.survey().points(1, Decimal(1), P, v),
    "Criterion(code)": lambda v: Criterion(v, "t", 1),
    "Criterion(title)": lambda v: Criterion("1", v, 1),
    "Criterion(children)": lambda v: Criterion("1", "t", 1, children=v),
    "Criterion(rule)": lambda v: Criterion("1", "t", 1, rule=v),
    "Criterion(area)": lambda v: Criterion("1", "t", 1, area=v),
    "Criterion(lead_unit)": lambda v: Criterion("1", "t", 1, lead_unit=v),
    "Criterion(evidence)": lambda v: Criterion("1", "t", 1, evidence=v),
    "Criterion(capped)": lambda v: Criterion("1", "t", 1, capped=v),
    "Framework(id)": lambda v: Framework(v, "t", _FW.criteria),
    "Framework(criteria)": lambda v: Framework("x", "t", v),
    "Framework(year)": lambda v: Framework("x", "t", _FW.criteria, year=v),
    "Framework(applies_to)": lambda v: Framework("x", "t", _FW.criteria, applies_to=v),
    "Framework(bands)": lambda v: Framework("x", "t", _FW.criteria, bands=v),
    "Framework(rounding)": lambda v: Framework("x", "t", _FW.criteria, rounding=v),
    "Framework(illustrative)": lambda v: Framework("x", "t", _FW.criteria, illustrative=v),
    "Framework.find": lambda v: _FW.find(v),
    "Framework.band_for": lambda v: _FW.band_for(v),
    "load_bundled": lambda v: load_bundled(v),
    "load_framework": lambda v: load_framework(v),
    "format_framework": lambda v: format_framework(v),
    "Framework.findings": lambda v: Framework.findings(v),
    "Framework.check": lambda v: Framework.check(v),
    "to_scaled(value)": lambda v: to_scaled(v, P),
    "to_scaled(precision)": lambda v: to_scaled(Decimal(1), v),
    "round_ratio(numerator)": lambda v: round_ratio(v, 2, "ROUND_HALF_UP"),
    "round_ratio(rounding)": lambda v: round_ratio(1, 2, v),
}


@pytest.mark.parametrize("name", sorted(CRITERIA_CALLS))
def test_odd_values_raise_only_cchc_errors(name: str) -> None:
    call = CRITERIA_CALLS[name]
    for value in ODD:
        with contextlib.suppress(CchcError):  # any other exception fails the test
            call(value)


def test_a_text_field_given_something_else_names_the_field() -> None:
    with pytest.raises(CchcTypeError, match="title"):
        Criterion("1", None, 1)
    with pytest.raises(CchcTypeError, match="label"):
        Band(7, 0, 100)


def test_flags_must_be_true_or_false_not_truthy_values() -> None:
    with pytest.raises(CchcTypeError, match="capped"):
        leaf("1", 1, capped="no")
    with pytest.raises(CchcTypeError, match="upper_inclusive"):
        Band("A", 0, 100, upper_inclusive=1)  # type: ignore[arg-type]


def test_a_framework_year_is_a_whole_plausible_year() -> None:
    with pytest.raises(CchcTypeError, match="year"):
        attrs.evolve(small(), year="2013")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="year"):
        attrs.evolve(small(), year=13)
    assert attrs.evolve(small(), year=2013).year == 2013


def test_rule_kinds_and_band_bases_read_their_names_in_any_case() -> None:
    assert Rule("Banded", levels=[Level(1)]).kind is RuleKind.BANDED
    assert RuleKind("yes-no") is RuleKind.YES_NO
    assert BandBasis("POINTS") is BandBasis.POINTS
    with pytest.raises(ValidationError, match="kind"):
        Rule("percentage")


def test_round_ratio_refuses_a_zero_denominator_and_negative_numerators() -> None:
    with pytest.raises(ValidationError):
        round_ratio(1, 0, "ROUND_HALF_UP")
    with pytest.raises(ValidationError):
        round_ratio(-1, 2, "ROUND_HALF_UP")
    with pytest.raises(ValidationError):
        round_ratio(1, 2, "ROUND_SIDEWAYS")


def test_a_missing_framework_file_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        load_framework("/nonexistent/framework.toml")


def test_a_rule_scored_alone_refuses_a_precision_coarser_than_its_levels() -> None:
    rule = Rule.banded([Level(1, lower=Decimal("95.5"))])
    assert rule.points(Decimal(95), Decimal(1), P) == 0  # 95 < 95.5 at 0.01
    with pytest.raises(ValidationError, match="levels"):
        rule.points(Decimal(95), Decimal(1), Decimal(1))  # 95.5 would be cut to 95


def test_a_framework_whose_criteria_are_not_criteria_names_the_one_at_fault() -> None:
    with pytest.raises(CchcTypeError, match=r"criteria\[1\]"):
        Framework("x", "X", [leaf("1", 1), "2"])


# --- one home for the field helpers ------------------------------------------------------------


def test_number_limit_is_the_shared_limit_re_exported() -> None:
    assert criteria.NUMBER_LIMIT is _fields.NUMBER_LIMIT


def test_rule_kinds_and_band_bases_are_coded_enums_that_list_their_members() -> None:
    assert issubclass(RuleKind, CodedEnum)
    assert issubclass(BandBasis, CodedEnum)
    assert repr(BandBasis.PERCENT) == "BandBasis.PERCENT"
    with pytest.raises(ValidationError, match="one of: manual") as caught:
        Rule("percentage")
    assert caught.value.field == "kind"
    with pytest.raises(ValidationError, match="band_basis"):
        small(band_basis="per mille")


def test_an_error_is_never_wrapped_in_itself() -> None:
    with pytest.raises(ValidationError) as caught:
        Rule("percentage")
    assert str(caught.value).count("percentage") == 1


# --- no rule gives more than the maximum ----------------------------------------------------


def test_manual_points_above_the_maximum_are_refused_naming_value_and_maximum() -> None:
    with pytest.raises(ValidationError) as caught:
        Rule.manual().points(99, Decimal(8), P)
    assert "99 is above the maximum of 8 points" in str(caught.value)
    assert caught.value.message_vi.endswith("99 vượt điểm tối đa 8 điểm")
    assert Rule.manual().points("8", Decimal(8), P) == Decimal("8.00")


def test_a_survey_index_above_its_scale_is_refused() -> None:
    assert Rule.survey(10).points("10", Decimal(4), P) == Decimal("4.00")
    with pytest.raises(ValidationError, match=r"survey index 10\.5 is above the top of its scale"):
        Rule.survey(10).points("10.5", Decimal(4), P)


def test_a_per_cent_above_100_is_refused_by_a_banded_rule() -> None:
    rule = ca_mau_114()
    assert rule.points("100", Decimal(2), P) == Decimal("2.00")
    assert rule.points((7, 7), Decimal(2), P) == Decimal("2.00")
    with pytest.raises(ValidationError, match="120 % is above 100 %") as caught:
        rule.points("120", Decimal(2), P)
    assert "120 % vượt quá 100 %" in caught.value.message_vi


def test_a_banded_rule_of_something_other_than_a_per_cent_states_its_scale() -> None:
    days = Rule.banded(
        [Level(1, upper=30, upper_inclusive=True), Level(0, lower=30, lower_inclusive=False)], 365
    )
    assert days.points("120", Decimal(1), P) == Decimal("0.00")
    with pytest.raises(ValidationError, match="above the top of the scale, 365"):
        days.points("400", Decimal(1), P)
    fw = Framework("d", "D", [leaf("1", 1, days)])
    assert parse_framework(format_framework(fw)) == fw


def test_the_column_checks_are_the_checks_of_one_value() -> None:
    first = np.array([800, 9900], dtype=np.int64)
    second = np.zeros(2, dtype=np.int64)
    problems = list(Rule.manual().column_problems(first, second, 800, 100))
    assert problems == [(1, "99 is above the maximum of 8 points")]


# --- bands are exact ----------------------------------------------------------------------------


def test_a_float_band_boundary_names_the_field_and_says_floats_are_not_exact() -> None:
    with pytest.raises(CchcTypeError, match="floats are not exact") as caught:
        Band("A", 89.5, 100)
    assert caught.value.field == "lower"
    assert caught.value.vi


def test_bands_and_levels_compare_only_exact_numbers() -> None:
    band = Band("A", 90, 100, upper_inclusive=True)
    with pytest.raises(CchcTypeError, match="exact"):
        band.contains(89.99999999999999)  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        Level(1, lower=90).contains(90.0)  # type: ignore[arg-type]
    assert band.contains(90)
    assert not band.contains(Decimal("89.999999999999"))


# --- a framework has criteria -----------------------------------------------------------------


def test_a_framework_without_criteria_is_refused_by_its_constructor() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        Framework("x", "X", [])
    assert [(f.code, f.path) for f in caught.value.findings] == [("framework.empty", "criteria")]
    with pytest.raises(InvalidDocumentError, match=r"framework\.empty"):
        attrs.evolve(small(), criteria=())


# --- TOML holds every text ----------------------------------------------------------------------


def test_format_framework_escapes_characters_toml_cannot_hold() -> None:
    odd = 'A\x7fB\x00C\x1bD"E\\F\x08G\tH'
    level = Level(1, lower=50, label=odd)
    node = leaf("1", 1, Rule.banded([level, Level(0, upper=50)]), lead_unit=odd, evidence=[odd])
    fw = Framework(
        "f\x7f", odd, [attrs.evolve(node, title=odd, note=odd)], source=odd, applies_to=[odd]
    )
    fw = attrs.evolve(fw, bands=[Band(odd, 0, 100, upper_inclusive=True)])
    written = format_framework(fw)
    assert "\x7f" not in written
    assert "\x00" not in written
    assert "\\u007F" in written
    assert parse_framework(written) == fw


# --- depth ------------------------------------------------------------------------------------


def chain(levels: int) -> Criterion:
    """A criterion tree ``levels`` deep, one child under each node."""
    node = leaf("c0", 1)
    for i in range(1, levels):
        node = Criterion(f"c{i}", "T", Decimal(1), children=[node])
    return node


def test_a_tree_deeper_than_the_limit_is_refused_with_the_path() -> None:
    assert chain(MAX_DEPTH).height == MAX_DEPTH
    with pytest.raises(ValidationError, match=f"the limit is {MAX_DEPTH}") as caught:
        Criterion("top", "T", Decimal(1), children=[chain(MAX_DEPTH)])
    assert caught.value.field == ".".join(["children[0]"] * MAX_DEPTH)
    assert caught.value.vi


def test_a_tree_at_the_limit_is_walked_printed_pickled_and_written() -> None:
    fw = Framework("deep", "Sâu", [chain(MAX_DEPTH)])
    assert fw.find("c0").is_leaf
    assert len(list(fw.walk())) == MAX_DEPTH
    assert repr(fw).startswith("Framework 'deep'")
    assert pickle.loads(pickle.dumps(fw)) == fw
    assert parse_framework(format_framework(fw)) == fw
    assert from_json(to_json(fw), Framework) == fw  # JSON's depth limit leaves room for it


def _nested_file(levels: int) -> str:
    lines = ['[framework]\nid = "d"\ntitle = "D"']
    for depth in range(levels):
        lines.append(f'[[criteria{".children" * depth}]]\ncode = "{depth}"\ntitle = "T"')
        lines.append("maximum = 1")
    return "\n".join(lines)


def test_criteria_nested_too_deep_in_a_file_are_a_finding_at_their_path() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(_nested_file(MAX_DEPTH + 5))
    (finding,) = caught.value.findings
    assert finding.code == "criteria.too-deep"
    assert finding.path.startswith("criteria[0]" + ".children[0]" * MAX_DEPTH)
    assert f"the limit is {MAX_DEPTH}" in finding.message_en


@pytest.mark.parametrize(
    "text",
    [
        _nested_file(200),
        "a = " + "[" * 10_000 + "]" * 10_000,
        "a = " + "{ b = " * 10_000 + "1" + " }" * 10_000,
        "[" * 100_000,
        # the TOML reader takes time that grows with the square of a dotted key's parts
        GOOD + "\n[x]\n" + ".".join(["a"] * 20_000) + " = 1\n",
        "x = { " + " . ".join(['"a"'] * 20_000) + " = 1 }",
    ],
    ids=["headers", "arrays", "inline tables", "unclosed", "dotted key", "quoted dotted key"],
)
def test_deeply_nested_toml_is_refused_before_it_is_read(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_framework(text)
    assert caught.value.code == "data.too-deep"
    assert caught.value.vi


def test_brackets_in_strings_and_comments_are_not_nesting() -> None:
    deep = "[" * 100
    text = GOOD.replace(
        'title = "Mini"',
        f"title = \"{deep}\\\"{deep}\" # {deep}\nnote = '''{deep}'''\n"
        f'source = """{deep}\\""" {deep}"""\nsource_url = \'{deep}\'',
    )
    fw = parse_framework(text)
    assert fw.title == f'{deep}"{deep}'
    assert fw.source == f'{deep}""" {deep}'


def test_a_dotted_key_of_no_more_parts_than_the_limit_is_read_as_usual() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(GOOD + "\n[x]\n" + ".".join(["a"] * 100) + " = 1\n")
    assert [f.path for f in caught.value.findings] == ["x"]  # an unknown key, read and named


def test_dots_in_strings_and_numbers_are_not_key_parts() -> None:
    many = ".".join(["a"] * 300)
    text = GOOD.replace('title = "Mini"', f"title = \"{many}\"\nsource = '{many}'")
    assert parse_framework(text).title == many


def test_a_number_too_long_to_read_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_framework(GOOD.replace("year = 2023", "year = " + "9" * 5000))
    with pytest.raises(InvalidDocumentError, match="too large"):
        parse_framework(GOOD.replace("maximum = 0.5", "maximum = 1e999999999"))


# --- findings an officer can act on -------------------------------------------------------------


def test_file_findings_are_in_vietnamese_and_point_at_the_field() -> None:
    bad = (
        GOOD.replace("year = 2023", 'year = 2023\ncolour = "red"')
        .replace("maximum = 0.5", 'maximum = "ba"')
        .replace('title = "Hồ sơ đúng hạn"\n', "")
    )
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(bad)
    by_path = {f.path: f for f in caught.value.findings}
    assert set(by_path) == {
        "framework.colour",
        "criteria[0].children[1].maximum",
        "criteria[0].children[0].title",
    }
    assert by_path["framework.colour"].message_vi == (
        "Trường “colour” không hợp lệ (dữ liệu loại này không có trường đó)"
    )
    assert by_path["framework.colour"].message_en.startswith("framework.colour: is not a field")
    maximum = by_path["criteria[0].children[1].maximum"]
    assert maximum.message_vi == "Giá trị “ba” không phải là số"
    assert maximum.message_en == 'criteria[0].children[1].maximum = "ba": is not a number'
    assert by_path["criteria[0].children[0].title"].message_vi == "Thiếu trường bắt buộc “title”"
    for finding in caught.value.findings:
        assert "'" not in finding.message_vi
        assert "Khóa lạ" not in finding.message_vi


def test_the_findings_of_a_framework_in_a_file_name_paths_in_the_file() -> None:
    bad = GOOD.replace("lower = 50\nupper = 100", "lower = 60\nupper = 100")
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(bad)
    (finding,) = caught.value.findings
    assert (finding.code, finding.path) == ("bands.gap", "framework.bands[0].lower")
    assert finding.message_vi == (
        "Không có loại xếp hạng nào cho giá trị giữa loại “Chưa đạt” và loại “Đạt” (tại 50)"
    )


@pytest.mark.parametrize("name", sorted(CRITERIA_CALLS))
def test_every_error_carries_a_vietnamese_message(name: str) -> None:
    for value in ODD:
        try:
            CRITERIA_CALLS[name](value)
        except CchcError as exc:
            caught: CchcError | None = exc
        else:
            caught = None
        if isinstance(caught, InvalidDocumentError):
            assert all(f.message_vi for f in caught.findings)
        elif caught is not None:
            assert caught.vi, (name, value, str(caught))


def test_a_framework_loads_from_a_json_file_with_every_problem_a_finding(tmp_path: Path) -> None:
    from cchc import formats

    fw = parse_framework(GOOD)
    path = tmp_path / "mini.json"
    formats.dump(fw, path)
    assert load_framework(path) == fw
    data = formats.unstructure(fw)
    data["colour"] = "đỏ"
    path.write_text(formats.dumps(data, "json"), encoding="utf-8")
    with pytest.raises(InvalidDocumentError) as caught:
        load_framework(path)
    assert [(f.code, f.path) for f in caught.value.findings] == [("data.unknown-key", "colour")]
