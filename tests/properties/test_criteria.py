"""Properties of criteria frameworks: checks, exact rules, round trips, and loaders that never
fail with anything but a CchcError."""

from __future__ import annotations

import contextlib
import importlib.resources
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cchc.criteria import (
    Criterion,
    Framework,
    Level,
    Rule,
    RuleKind,
    format_framework,
    framework_findings,
    parse_framework,
    round_ratio,
)
from cchc.errors import CchcError
from cchc.export.json import from_json, to_json
from cchc.strategies import criterion_trees, frameworks, leaf_values, scoring_rules

P = Decimal("0.01")
ROUNDINGS = ["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_HALF_DOWN", "ROUND_DOWN", "ROUND_UP"]


@given(frameworks())
def test_generated_frameworks_pass_their_own_checks(fw: Framework) -> None:
    assert framework_findings(fw) == []


@given(frameworks())
def test_frameworks_round_trip_through_json(fw: Framework) -> None:
    assert from_json(to_json(fw), Framework) == fw


@given(frameworks())
def test_frameworks_round_trip_through_toml(fw: Framework) -> None:
    assert parse_framework(format_framework(fw)) == fw


@given(frameworks(), st.integers(0, 10**6), st.integers(1, 10**4))
def test_every_index_from_0_to_100_falls_in_exactly_one_band(
    fw: Framework, numerator: int, denominator: int
) -> None:
    index = min(Fraction(numerator, denominator), Fraction(100))
    assert sum(band.contains(index) for band in fw.bands) == 1


@given(criterion_trees())
def test_a_parent_never_offers_less_than_its_maximum(node: Criterion) -> None:
    for _, c in node.walk():
        if c.children:
            total = sum((child.maximum for child in c.children), Decimal(0))
            assert total == c.maximum or (c.capped and total > c.maximum)


@given(st.data(), st.integers(0, 40).map(lambda q: Decimal(q) / 4))
def test_rule_points_stay_within_floor_and_maximum(data: st.DataObject, maximum: Decimal) -> None:
    rule = data.draw(scoring_rules(maximum))
    node = Criterion("1", "A", maximum, rule=rule)
    points = rule.points(data.draw(leaf_values(node)), maximum, P)
    assert Decimal(0) <= points <= maximum
    if rule.kind is RuleKind.DEDUCTION:
        assert points >= min(rule.floor, maximum)
    assert points == points.quantize(P)


@given(st.integers(0, 10**9), st.integers(1, 10**6), st.sampled_from(ROUNDINGS))
def test_round_ratio_is_the_decimal_modules_rounding(
    numerator: int, denominator: int, rounding: str
) -> None:
    expected = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=rounding)
    assert round_ratio(numerator, denominator, rounding) == int(expected)


@given(st.text())
def test_parsing_any_text_raises_nothing_but_cchc_errors(text: str) -> None:
    with contextlib.suppress(CchcError):
        parse_framework(text)


BUNDLED = (
    importlib.resources.files("cchc.frameworks")
    .joinpath("cchc-campaign-6.toml")
    .read_text(encoding="utf-8")
    .split("\n")
)


@given(st.lists(st.tuples(st.integers(0, len(BUNDLED) - 1), st.text(max_size=12)), max_size=6))
def test_mangled_framework_files_raise_nothing_but_cchc_errors(
    edits: list[tuple[int, str]],
) -> None:
    lines = list(BUNDLED)
    for where, text in edits:
        lines[where] = text
    try:
        fw = parse_framework("\n".join(lines))
    except CchcError:
        return
    assert framework_findings(fw) == []  # what loads has passed every check


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.fractions(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.lists(st.lists(st.integers(), max_size=2), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


@given(st.sampled_from(["points", "lower", "upper", "label", "lower_inclusive"]), ODD_VALUES)
def test_a_level_given_any_value_is_built_or_refused_with_cchc_errors_only(
    field: str, value: object
) -> None:
    with contextlib.suppress(CchcError):
        Level(**{"points": 1, field: value})  # type: ignore[arg-type]


@given(
    st.sampled_from(
        ["code", "title", "maximum", "children", "rule", "area", "lead_unit", "evidence", "capped"]
    ),
    ODD_VALUES,
)
def test_a_criterion_given_any_value_is_built_or_refused_with_cchc_errors_only(
    field: str, value: object
) -> None:
    with contextlib.suppress(CchcError):
        Criterion(**{"code": "1", "title": "T", "maximum": 1, field: value})  # type: ignore[arg-type]


@given(
    frameworks(),
    st.sampled_from(
        ["id", "criteria", "year", "applies_to", "bands", "band_basis", "precision", "rounding"]
    ),
    ODD_VALUES,
)
def test_a_framework_given_any_value_is_built_or_refused_with_cchc_errors_only(
    fw: Framework, field: str, value: object
) -> None:
    with contextlib.suppress(CchcError):
        attrs.evolve(fw, **{field: value})  # type: ignore[arg-type]


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_a_banded_ratio_scores_the_level_its_exact_per_cent_falls_in(num: int, den: int) -> None:
    num = min(num, den)
    rule = Rule.banded(
        [
            Level(2, lower=90, lower_inclusive=False),
            Level(1, lower=70, upper=90, upper_inclusive=True),
            Level(0, upper=70),
        ]
    )
    percent = Fraction(num * 100, den)
    expected = next(level.points for level in rule.levels if level.contains(percent))
    assert rule.points((num, den), Decimal(2), P) == expected
