"""Properties of target- and leader-relative criteria: within 0 and the maximum, the leader
gets the maximum, more achieved never means fewer points, the batch equals a direct exact
computation group by group, and one unit given its group gets the batch's card."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cchc.criteria import (
    Band,
    Criterion,
    ExcessBasis,
    Framework,
    NoTargetPolicy,
    Rule,
    format_framework,
    parse_framework,
)
from cchc.export.json import from_json, to_json
from cchc.scoring import ScoreTable, SelfAssessment, score_table, score_unit

ROUNDINGS = ["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP"]

shares = st.fractions(min_value=0, max_value=1, max_denominator=12)


@st.composite
def rules(draw: st.DrawFn) -> Rule:
    """Any target-relative rule."""
    on, below = sorted((draw(shares), draw(shares)), reverse=True)
    return Rule.target_relative(
        on,
        below_share=below,
        excess=draw(st.sampled_from(list(ExcessBasis))),
        no_target=draw(st.sampled_from(list(NoTargetPolicy))),
    )


#: (achieved, target) in hundredths; target 0: none; None: the unit did not report.
Cell = tuple[int, int] | None

small = st.integers(0, 400)
large = st.integers(0, 10**14 - 1)  # below a trillion: products no longer fit in 64 bits


@st.composite
def columns(draw: st.DrawFn, max_units: int = 12) -> list[Cell]:
    numbers = draw(st.sampled_from([small, large]))
    cell = st.tuples(numbers, st.one_of(st.just(0), numbers))
    return draw(st.lists(st.none() | cell, min_size=1, max_size=max_units))


def quantize(value: Fraction, rounding: str, precision: Decimal = Decimal("0.01")) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 200
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            precision, rounding=rounding
        )


def reference(rule: Rule, cells: list[Cell], maximum: int, rounding: str) -> list[Decimal]:
    """The formula written out directly for one group, in fractions."""
    live = [c for c in cells if c is not None]

    def excess(a: int, t: int) -> Fraction:
        return Fraction(a - t, t) if rule.excess is ExcessBasis.SHARE else Fraction(a - t)

    over = [excess(a, t) for a, t in live if t > 0 and a > t]
    lead = max(over, default=None)
    if rule.no_target is NoTargetPolicy.GROUP_BEST:
        best = max((a for a, _ in live), default=0)
    else:
        best = max((a for a, t in live if t == 0), default=0)
    out = []
    for cell in cells:
        share = Fraction(0)
        if cell is not None:
            a, t = cell
            if t > 0 and a < t:
                share = rule.below_share * Fraction(a, t)
            elif t > 0 and a == t:
                share = rule.on_target_share
            elif t > 0:
                assert lead is not None
                s = rule.on_target_share
                share = s + (1 - s) * excess(a, t) / lead
            elif rule.no_target is not NoTargetPolicy.ZERO and best > 0:
                share = Fraction(a, best)
        out.append(quantize(maximum * share, rounding))
    return out


def framework(rule: Rule, maximum: int, rounding: str) -> Framework:
    return Framework(
        "g",
        "Nhóm",
        [Criterion("1", "Chỉ tiêu", Decimal(maximum), rule=rule)],
        bands=[Band("Đạt", 0, 100, upper_inclusive=True)],
        rounding=rounding,
    )


def table_of(fw: Framework, cells: list[Cell]) -> ScoreTable:
    units = [f"U{i:02d}" for i in range(len(cells))]
    a = np.array([0 if c is None else c[0] for c in cells], dtype=np.int64)
    t = np.array([0 if c is None else c[1] for c in cells], dtype=np.int64)
    present = np.array([c is not None for c in cells])
    return ScoreTable.from_arrays(fw, units, {"1": (a, t)}, present={"1": present})


def batch_points(rule: Rule, cells: list[Cell], maximum: int, rounding: str) -> list[Decimal]:
    result = score_table(table_of(framework(rule, maximum, rounding), cells))
    row = result.codes.index("1")
    return [Decimal(int(p)) / 100 for p in result.points[row]]


maxima = st.integers(0, 100)
roundings = st.sampled_from(ROUNDINGS)


@given(rules(), columns(), maxima, roundings)
def test_points_stay_within_zero_and_the_maximum_and_the_leader_gets_it(
    rule: Rule, cells: list[Cell], maximum: int, rounding: str
) -> None:
    got = batch_points(rule, cells, maximum, rounding)
    assert all(0 <= p <= maximum for p in got)
    live = [(i, c) for i, c in enumerate(cells) if c is not None and c[1] > 0 and c[0] > c[1]]
    if live:

        def excess(c: tuple[int, int]) -> Fraction:
            a, t = c
            return Fraction(a - t, t) if rule.excess is ExcessBasis.SHARE else Fraction(a - t)

        top = max(excess(c) for _, c in live)
        for i, c in live:
            if excess(c) == top:
                assert got[i] == maximum


@given(rules(), columns(), maxima, roundings)
def test_the_batch_equals_a_direct_exact_computation(
    rule: Rule, cells: list[Cell], maximum: int, rounding: str
) -> None:
    assert batch_points(rule, cells, maximum, rounding) == reference(rule, cells, maximum, rounding)


@given(rules(), st.lists(columns(max_units=6), min_size=1, max_size=4), maxima, roundings)
def test_groups_are_scored_each_on_its_own(
    rule: Rule, groups: list[list[Cell]], maximum: int, rounding: str
) -> None:
    cells = [c for group in groups for c in group]
    names = [f"K{k}" for k, group in enumerate(groups) for _ in group]
    fw = framework(rule, maximum, rounding)
    t = table_of(fw, cells)
    result = score_table(t, dict(zip(t.units, names, strict=True)))
    got = [Decimal(int(p)) / 100 for p in result.points[result.codes.index("1")]]
    expected = [p for group in groups for p in reference(rule, group, maximum, rounding)]
    assert got == expected


@given(rules(), columns(), maxima, roundings, st.data())
def test_more_achieved_never_means_fewer_points(
    rule: Rule, cells: list[Cell], maximum: int, rounding: str, data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(cells) - 1))
    cell = cells[i]
    if cell is None:
        return
    raised = list(cells)
    raised[i] = (cell[0] + data.draw(st.integers(1, 10**6)), cell[1])
    before = batch_points(rule, cells, maximum, rounding)[i]
    after = batch_points(rule, raised, maximum, rounding)[i]
    assert after >= before


@given(rules(), columns(max_units=6), st.integers(0, 20), roundings)
def test_one_unit_given_its_group_gets_the_batch_card(
    rule: Rule, cells: list[Cell], maximum: int, rounding: str
) -> None:
    fw = framework(rule, maximum, rounding)
    t = table_of(fw, cells)
    result = score_table(t)

    def text(c: tuple[int, int]) -> str:
        a, target = (Decimal(x) / 100 for x in c)
        return f"{a}/{target}" if target else str(a)

    values = {u: text(c) for u, c in zip(t.units, cells, strict=True) if c is not None}
    for unit, value in values.items():
        others = {u: v for u, v in values.items() if u != unit}
        card = score_unit(fw, SelfAssessment.of(unit, {"1": value}), group={"1": others})
        assert card.line("1").points == result.scorecard(unit).line("1").points
        assert card.line("1").detail == result.scorecard(unit).line("1").detail


@given(rules())
def test_any_rule_round_trips_through_toml_and_json(rule: Rule) -> None:
    fw = framework(rule, 10, "ROUND_HALF_UP")
    assert parse_framework(format_framework(fw)) == fw
    assert from_json(to_json(fw), Framework) == fw
