"""Properties of the column engine's short cuts: the quick look of the table check misses no
bad cell, a stage laid on with ``updated`` is the overlay of its own table, and banded points
of plain values are the rule's own."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.criteria import Framework, Level, Rule, RuleKind
from cchc.errors import CchcError
from cchc.scoring import (
    ScoreTable,
    Source,
    _banded,
    _Cells,
    _check_cells,
    _check_table,
    _layout,
)
from cchc.strategies import frameworks, score_tables

#: Cell values: the everyday ones, and the extremes of 64 bits (a negative number read as
#: unsigned is the largest of all: the quick look must still see it).
VALUES = st.integers(-3, 12000) | st.sampled_from([-(2**63), -(2**62), 2**62, 2**63 - 1])


@given(frameworks(), st.sampled_from(list(Source)), st.data())
def test_the_quick_look_of_the_table_check_misses_no_bad_cell(
    fw: Framework, stage: Source, data: st.DataObject
) -> None:
    # _check_cells looks at every reported cell one by one; _check_table looks quickly first
    # and closer only where the quick look sees something
    layout = _layout(fw)
    n = data.draw(st.integers(1, 4))
    table = _Cells(fw, tuple(f"U{i}" for i in range(n)), layout)
    cells = st.lists(VALUES, min_size=n, max_size=n)
    flags = st.lists(st.booleans(), min_size=n, max_size=n)
    for i in range(len(layout.leaf_rows)):
        table.first[i] = data.draw(cells)
        table.second[i] = data.draw(cells)
        table.given[i] = data.draw(flags)
        table.na[i] = table.given[i] & data.draw(flags) & layout.na_allowed[i]
    one_by_one = _check_cells(layout, table, table.given & ~table.na, stage)
    quick = [f for f in _check_table(layout, table, stage) if f.code == "table.cell"]
    assert quick == one_by_one


def _columns(table: ScoreTable) -> tuple[dict[str, object], dict[str, object], dict[str, object]]:
    """A stage's table as the arrays a caller gives: columns, present and not applicable."""
    columns: dict[str, object] = {}
    present: dict[str, object] = {}
    not_applicable: dict[str, object] = {}
    for i, leaf in enumerate(table.framework.leaves()):
        if not table.given[i].any():
            continue
        pair = leaf.effective_rule.kind in (RuleKind.PROPORTIONAL, RuleKind.TARGET_RELATIVE)
        columns[leaf.code] = (table.first[i], table.second[i]) if pair else table.first[i]
        present[leaf.code] = table.given[i] & ~table.na[i]
        if table.na[i].any():
            not_applicable[leaf.code] = table.na[i]
    return columns, present, not_applicable


@given(score_tables(max_units=4), st.sampled_from([Source.APPRAISAL, Source.SURVEY]), st.data())
def test_a_stage_laid_on_with_updated_is_the_overlay_of_its_own_table(
    own: ScoreTable, stage: Source, data: st.DataObject
) -> None:
    later = data.draw(score_tables(own.framework, own.units, stage=stage))
    columns, present, not_applicable = _columns(later)
    kept = {"columns": columns, "present": present, "not_applicable": not_applicable}
    one_step = own.updated(**kept, stage=stage)  # type: ignore[arg-type]
    two_steps = own.overlay(own.stage_arrays(**kept, stage=stage))
    for name in ("first", "second", "given", "na", "source"):
        assert np.array_equal(getattr(one_step, name), getattr(two_steps, name)), name


@st.composite
def levels(draw: st.DrawFn) -> tuple[Level, ...]:
    """One to four levels of a banded rule (per cents, two decimals), disjoint."""
    bounds = sorted(draw(st.sets(st.integers(0, 12000), min_size=1, max_size=5)))
    out = []
    for k in range(len(bounds) + 1):
        lower = bounds[k - 1] if k > 0 else None
        upper = bounds[k] if k < len(bounds) else None
        if draw(st.booleans()):
            out.append(
                Level(
                    Decimal(draw(st.integers(0, 300))) / 100,
                    lower=None if lower is None else Decimal(lower) / 100,
                    upper=None if upper is None else Decimal(upper) / 100,
                    lower_inclusive=draw(st.booleans()),
                    upper_inclusive=draw(st.booleans()),
                )
            )
    assume(out)
    return tuple(draw(st.permutations(out)))


@given(levels(), st.data())
def test_banded_points_of_plain_values_are_the_rules_own(
    chosen: tuple[Level, ...], data: st.DataObject
) -> None:
    try:
        rule = Rule.banded(list(chosen))
    except CchcError:  # two levels share a bound both include: refused, nothing to compare
        assume(False)
        raise
    edges = [
        int(bound * 100) + step
        for level in chosen
        for bound in (level.lower, level.upper)
        if bound is not None
        for step in (-1, 0, 1)
    ]
    near = st.sampled_from(edges) if edges else st.nothing()
    values = data.draw(st.lists(st.integers(-100, 13000) | near, min_size=1, max_size=30))
    column = np.array([values], dtype=np.int64)
    expected = rule.evaluate(column, np.zeros_like(column), 0, 100)
    assert _banded(rule.levels, column, 100).tolist() == expected.tolist()
