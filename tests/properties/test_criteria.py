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
    assert fw.findings() == ()


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
    assert fw.findings() == ()  # what loads has passed every check


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


# --- no rule gives more than the maximum, whatever it is given ---------------------------------

REPORTED = st.one_of(
    st.integers(-5, 10**4),
    st.decimals(min_value=-5, max_value=10**4, places=2),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.booleans(),
    st.text(max_size=10),
    st.integers(0, 10**4).map(str),
    st.tuples(st.integers(-2, 200), st.integers(-2, 200)),
    st.tuples(st.integers(0, 200), st.integers(0, 200)).map(lambda p: f"{p[0]}/{p[1]}"),
    st.none(),
)


@given(st.data(), st.integers(0, 40).map(lambda q: Decimal(q) / 4), REPORTED)
def test_points_never_exceed_the_maximum_for_any_accepted_input(
    data: st.DataObject, maximum: Decimal, value: object
) -> None:
    rule = data.draw(scoring_rules(maximum))
    try:
        points = rule.points(value, maximum, P)
    except CchcError:
        return
    assert Decimal(0) <= points <= maximum


# --- TOML holds every text a framework may hold ----------------------------------------------

CONTROL = st.sampled_from([chr(i) for i in range(0x20)] + ["\x7f", '"', "\\", "'''", '"""'])
ODD_TEXT = st.lists(CONTROL | st.characters(exclude_categories=["Cs"]), max_size=12).map("".join)


@st.composite
def frameworks_with_odd_texts(draw: st.DrawFn) -> Framework:
    """A framework whose texts hold control characters, quotes and backslashes."""
    fw = draw(frameworks())
    criteria = [
        attrs.evolve(
            top,
            title=draw(ODD_TEXT),
            note=draw(ODD_TEXT),
            lead_unit=draw(st.none() | ODD_TEXT),
            evidence=draw(st.lists(ODD_TEXT, max_size=2)),
        )
        for top in fw.criteria
    ]
    bands = [attrs.evolve(band, label=f"L{draw(ODD_TEXT)}") for band in fw.bands]
    return attrs.evolve(
        fw,
        title=draw(ODD_TEXT),
        source=draw(ODD_TEXT),
        note=draw(ODD_TEXT),
        applies_to=draw(st.lists(ODD_TEXT, max_size=2)),
        criteria=criteria,
        bands=bands,
    )


@given(frameworks_with_odd_texts())
def test_frameworks_with_any_text_round_trip_through_toml(fw: Framework) -> None:
    assert parse_framework(format_framework(fw)) == fw


# --- fuzz: text that looks like TOML -------------------------------------------------------

TOML_ISH = st.text(alphabet=st.sampled_from(list("[]{}\"'#=.,\n\\ \tabc019-_+eE:")), max_size=200)


@given(TOML_ISH)
def test_toml_like_text_raises_nothing_but_cchc_errors(text: str) -> None:
    with contextlib.suppress(CchcError):
        parse_framework(text)


WHOLE = "\n".join(BUNDLED)


@given(
    st.lists(
        st.tuples(
            st.integers(0, len(WHOLE)),
            st.integers(0, 3),
            st.text(alphabet=st.sampled_from(list("[]{}\"'#=.\n\\x9")), max_size=3),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_framework_file_mutated_character_by_character_raises_only_cchc_errors(
    edits: list[tuple[int, int, str]],
) -> None:
    text = WHOLE
    for where, cut, insert in edits:
        where = min(where, len(text))
        text = text[:where] + insert + text[where + cut :]
    try:
        fw = parse_framework(text)
    except CchcError:
        return
    assert fw.findings() == ()


@given(st.integers(1, 400), st.sampled_from(["[", "{ a = ", "[[criteria.children", "a.b."]))
def test_any_nesting_raises_nothing_but_cchc_errors(depth: int, opener: str) -> None:
    with contextlib.suppress(CchcError):
        parse_framework(f"a = {opener * depth}")
