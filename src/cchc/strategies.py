"""Hypothesis strategies for every public value type of ``cchc``.

Downstream projects use them in their own property tests (install ``cchc[testing]``):

>>> from hypothesis import given
>>> from cchc.strategies import reform_areas
>>> @given(reform_areas())
... def test_codes_round_trip(area):
...     assert ReformArea.from_code(area.code) is area
>>> test_codes_round_trip()
"""

from __future__ import annotations

from hypothesis import strategies as st

from cchc.areas import ReformArea


def reform_areas() -> st.SearchStrategy[ReformArea]:
    """Any reform area or PAR Index field."""
    return st.sampled_from(list(ReformArea))


# --- calendar ---

import datetime as _dt  # noqa: E402

from cchc.calendar import (  # noqa: E402
    FIRST_YEAR as _FIRST_YEAR,
)
from cchc.calendar import (  # noqa: E402
    LAST_YEAR as _LAST_YEAR,
)
from cchc.calendar import (  # noqa: E402
    Period,
    ReportingPeriod,
    ReportKind,
    WorkingCalendar,
)


def calendar_dates(
    min_value: _dt.date = _dt.date(_FIRST_YEAR, 1, 1),
    max_value: _dt.date = _dt.date(_LAST_YEAR, 12, 31),
) -> st.SearchStrategy[_dt.date]:
    """Plain dates in the years the working-day calendar covers (1901–2100 by default)."""
    return st.dates(min_value=min_value, max_value=max_value)


def periods(
    min_value: _dt.date = _dt.date(_FIRST_YEAR, 1, 1),
    max_value: _dt.date = _dt.date(_LAST_YEAR, 12, 31),
) -> st.SearchStrategy[Period]:
    """Any period between the bounds: single days, windows, whole years and multi-year
    stages."""
    any_span = st.tuples(
        calendar_dates(min_value, max_value), calendar_dates(min_value, max_value)
    ).map(lambda ab: Period(min(ab), max(ab)))
    years = st.tuples(
        st.integers(min_value.year + 1, max_value.year - 1),
        st.integers(min_value.year + 1, max_value.year - 1),
    ).map(lambda ab: Period.years_between(min(ab), max(ab)))
    return st.one_of(any_span, years)


def report_kinds() -> st.SearchStrategy[ReportKind]:
    """Any kind of periodic report."""
    return st.sampled_from(list(ReportKind))


def reporting_periods(
    min_year: int = _FIRST_YEAR + 1, max_year: int = _LAST_YEAR
) -> st.SearchStrategy[ReportingPeriod]:
    """Any periodic report (kind, year and, for months and quarters, a number)."""
    years = st.integers(min_year, max_year)
    return st.one_of(
        st.builds(ReportingPeriod, st.just(ReportKind.MONTH), years, st.integers(1, 12)),
        st.builds(ReportingPeriod, st.just(ReportKind.QUARTER), years, st.integers(1, 4)),
        st.builds(
            ReportingPeriod,
            st.sampled_from([ReportKind.HALF_YEAR, ReportKind.NINE_MONTHS, ReportKind.YEAR]),
            years,
        ),
    )


def working_calendars(
    min_value: _dt.date = _dt.date(2019, 1, 1), max_value: _dt.date = _dt.date(2027, 12, 31)
) -> st.SearchStrategy[WorkingCalendar]:
    """Working calendars with a few local extra holidays and make-up working days."""
    days = st.frozensets(calendar_dates(min_value, max_value), max_size=6)
    return st.tuples(days, days).map(
        lambda ab: WorkingCalendar(extra_holidays=ab[0], extra_working_days=ab[1] - ab[0])
    )


# --- units ---

from cchc.text import fold as _fold  # noqa: E402
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree  # noqa: E402

# Syllables of real place names, with tone marks, so that lookups meet "Hòa"/"Hoà" and the like
_PLACE_SYLLABLES = (
    "An", "Bình", "Châu", "Thành", "Hòa", "Hiệp", "Khánh", "Tân", "Phú", "Thủy", "Đông",
    "Lấp", "Vò", "Văn", "Bàn", "Sa", "Pa", "Cái", "Tàu", "Hạ", "Mỹ", "Long", "Quý", "Xuân",
)  # fmt: skip


def unit_kinds() -> st.SearchStrategy[UnitKind]:
    """Any kind of unit.

    >>> from hypothesis import find
    >>> find(unit_kinds(), lambda k: k.is_commune_level).is_commune_level
    True
    """
    return st.sampled_from(list(UnitKind))


def unit_codes() -> st.SearchStrategy[str]:
    """A unit or group code: letters (Vietnamese ones included), digits and hyphens.

    >>> from hypothesis import find
    >>> " " in find(unit_codes(), lambda c: len(c) > 3)
    False
    """
    return st.text(alphabet="ABCDĐHKLNPSTXabcdđhklnpstx0123456789-", min_size=1, max_size=8).filter(
        lambda c: c.strip("-") != ""
    )


def unit_names() -> st.SearchStrategy[str]:
    """A Vietnamese place name of one to three syllables.

    >>> from hypothesis import find
    >>> len(find(unit_names(), lambda n: " " in n).split()) >= 2
    True
    """
    return st.lists(st.sampled_from(_PLACE_SYLLABLES), min_size=1, max_size=3).map(" ".join)


@st.composite
def units(draw: st.DrawFn, parent: st.SearchStrategy[str | None] | None = None) -> Unit:
    """A single unit (its parent code, if any, need not exist anywhere).

    >>> from hypothesis import find
    >>> find(units(), lambda u: u.staff is not None).staff >= 0
    True
    """
    code = draw(unit_codes())
    parents = parent if parent is not None else st.none() | unit_codes()
    return Unit(
        code,
        draw(unit_names()),
        draw(unit_kinds()),
        parent=draw(parents.filter(lambda p: p is None or _fold(p) != _fold(code))),
        staff=draw(st.none() | st.integers(min_value=0, max_value=5000)),
        tags=draw(st.frozensets(st.sampled_from(["remote", "border", "island", "pilot"]))),
    )


@st.composite
def unit_trees(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 20) -> UnitTree:
    """A valid unit tree (one or several roots, any depth).

    >>> from hypothesis import find
    >>> tree = find(unit_trees(), lambda t: any(t.depth(u.code) >= 2 for u in t))
    >>> max(tree.depth(u.code) for u in tree) >= 2
    True
    """
    codes = draw(st.lists(unit_codes(), min_size=min_size, max_size=max_size, unique_by=_fold))
    made: list[Unit] = []
    for i, code in enumerate(codes):
        parent = draw(st.none() | st.sampled_from(codes[:i])) if i else None
        made.append(
            Unit(
                code,
                draw(unit_names()),
                draw(unit_kinds()),
                parent=parent,
                staff=draw(st.none() | st.integers(min_value=0, max_value=5000)),
            )
        )
    return UnitTree(made)


@st.composite
def unit_groups(draw: st.DrawFn, tree: UnitTree | None = None) -> UnitGroup:
    """A group whose members are units of ``tree`` (or of a generated tree).

    >>> from hypothesis import find
    >>> tree = find(unit_trees(), lambda t: len(t) >= 3)
    >>> group = find(unit_groups(tree), lambda g: len(g) >= 2)
    >>> all(code in tree for code in group)
    True
    """
    pool = tree if tree is not None else draw(unit_trees())
    members = draw(st.lists(st.sampled_from([u.code for u in pool]), min_size=1, unique=True))
    return UnitGroup(draw(unit_codes()), draw(unit_names()), members)


# --- directives ---

# --- plans ---

# --- criteria and scoring ---

# --- awards ---
