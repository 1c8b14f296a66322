"""Criteria frameworks: the criterion tree, scoring rules as data, bands and the checks."""

from __future__ import annotations

import contextlib
import pickle
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc.areas import ReformArea
from cchc.criteria import (
    Band,
    BandBasis,
    Criterion,
    Framework,
    Level,
    Rule,
    RuleKind,
    bundled_frameworks,
    format_framework,
    framework_findings,
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


def test_framework_findings_of_a_good_framework_are_empty() -> None:
    assert framework_findings(small()) == []


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
        ("framework.unknown-key", "framework.colour"),
        ("framework.parse", "framework.bands[1].lower"),
        ("framework.rule-kind", "criteria[0].children[1].rule.kind"),
    }


def test_children_that_do_not_add_up_in_a_file_are_reported() -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        parse_framework(GOOD.replace("maximum = 3\n", "maximum = 4\n"))
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("criteria.maximum-mismatch", "criteria[0].maximum")
    ]


def test_text_that_is_not_toml_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="TOML"):
        parse_framework("[framework\nid=")
    with pytest.raises(CchcTypeError):
        parse_framework(b"[framework]")  # type: ignore[arg-type]


def test_a_file_without_criteria_is_refused() -> None:
    with pytest.raises(InvalidDocumentError, match=r"framework\.empty"):
        parse_framework('[framework]\nid = "x"\ntitle = "X"')


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
    assert kinds == set(RuleKind)


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
    "framework_findings": lambda v: framework_findings(v),
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
        Criterion("1", None, 1)  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError, match="label"):
        Band(7, 0, 100)  # type: ignore[arg-type]


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
        Framework("x", "X", [leaf("1", 1), "2"])  # type: ignore[list-item]
