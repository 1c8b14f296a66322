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

import datetime as _dt  # noqa: E402

import attrs as _attrs  # noqa: E402

from cchc.directives import (  # noqa: E402
    Cascade,
    Directive,
    DocumentNumber,
    DocumentType,
    Reference,
)

_SYMBOL_UPPER = "ABCDEGHIKLMNOPQRSTUVXYĐƯ"
_SYMBOL_LOWER = "giry"
_TYPES_WITH_SYMBOL = [t for t in DocumentType if t.abbreviation or t is DocumentType.CONG_VAN]


def document_types() -> st.SearchStrategy[DocumentType]:
    """Any document type, with or without an abbreviation."""
    return st.sampled_from(list(DocumentType))


@st.composite
def symbol_groups(draw: st.DrawFn) -> str:
    """One group of a document symbol: "UBND", "TTg", "QH15", "NCPC"."""
    text = draw(st.sampled_from(_SYMBOL_UPPER))
    for _ in range(draw(st.integers(0, 6))):
        pool = _SYMBOL_UPPER + "0123456789" + ("" if text[-1] in _SYMBOL_LOWER else _SYMBOL_LOWER)
        text += draw(st.sampled_from(pool))
    return text


@st.composite
def document_numbers(draw: st.DrawFn) -> DocumentNumber:
    """A document number in any of the styles: administrative (138/KH-UBND), legal normative
    with its year (33/2021/QĐ-UBND), công văn (7946/UBND-NCPC) and Party (08-NQ/TU)."""
    number = draw(st.integers(1, 99_999))
    issuer = tuple(draw(st.lists(symbol_groups(), min_size=1, max_size=3)))
    if draw(st.booleans()):
        doc_type = draw(st.sampled_from(_TYPES_WITH_SYMBOL))
        return DocumentNumber(number=number, doc_type=doc_type, issuer=issuer, party=True)
    doc_type_or_none = draw(st.none() | st.sampled_from(_TYPES_WITH_SYMBOL))
    if doc_type_or_none is None:
        issuer = (draw(symbol_groups().filter(lambda g: not _is_type_symbol(g))), *issuer[1:])
    year = draw(st.none() | st.integers(1945, 2099))
    return DocumentNumber(number=number, doc_type=doc_type_or_none, issuer=issuer, year=year)


def _is_type_symbol(group: str) -> bool:
    try:
        DocumentNumber(number=1, issuer=(group,))
    except ValueError:
        return True
    return False


_ISSUERS = ("UBND tỉnh Lào Cai", "UBND huyện Văn Bàn", "Chính phủ", "Sở Nội vụ", "UBND xã A")


@st.composite
def directives(
    draw: st.DrawFn,
    number: st.SearchStrategy[DocumentNumber | None] | None = None,
    implements: st.SearchStrategy[list[DocumentNumber]] | None = None,
) -> Directive:
    """A directive; its number (or None), issue date (2015-2030, in the number's year when it
    has one) and the numbers it implements are drawn unless given."""
    n = draw(number if number is not None else st.none() | document_numbers())
    if n is not None and n.year is not None and not 2015 <= n.year <= 2030:
        n = _attrs.evolve(n, year=draw(st.integers(2015, 2030)))
    lo, hi = (n.year, n.year) if n is not None and n.year is not None else (2015, 2030)
    issued = draw(st.dates(_dt.date(lo, 1, 1), _dt.date(hi, 12, 31)))
    doc_type = n.doc_type if n is not None and n.doc_type else None
    if doc_type is None:
        doc_type = draw(document_types()) if n is None else DocumentType.CONG_VAN
    refs = draw(
        implements
        if implements is not None
        else st.lists(document_numbers(), max_size=3, unique_by=str)
    )
    return Directive(
        number=n,
        doc_type=doc_type,
        issuer=draw(st.sampled_from(_ISSUERS)),
        issued=issued,
        summary=draw(st.sampled_from(("", "về cải cách hành chính năm 2023"))),
        implements=[r for r in refs if r != n],
        issuer_unit=draw(st.none() | st.sampled_from(("A", "B", "C"))),
    )


@st.composite
def cascades(draw: st.DrawFn, max_size: int = 8) -> Cascade:
    """A cascade of directives with unique numbers; each implements some earlier ones and
    possibly a document outside the cascade."""
    numbers = draw(st.lists(document_numbers(), max_size=max_size, unique_by=str))
    made: list[Directive] = []
    for n in numbers:
        parents = (
            draw(st.lists(st.sampled_from([d.number for d in made]), max_size=3, unique_by=str))
            if made
            else []
        )
        outside = draw(st.lists(document_numbers(), max_size=1))
        refs = [p for p in parents if p is not None]
        refs += [o for o in outside if o not in refs and all(o != m for m in numbers)]
        made.append(draw(directives(number=st.just(n), implements=st.just(refs))))
    return Cascade(made)


@st.composite
def references(draw: st.DrawFn) -> Reference:
    """A reference as :func:`cchc.directives.find_references` returns it."""
    n = draw(document_numbers())
    text = str(n)
    start = draw(st.integers(0, 1000))
    return Reference(
        text=text,
        span=(start, start + len(text)),
        doc_type=n.doc_type,
        number=n,
        date=draw(st.none() | st.dates(_dt.date(2015, 1, 1), _dt.date(2030, 12, 31))),
        issuer=draw(st.none() | st.sampled_from(_ISSUERS)),
    )


# --- plans ---

# --- criteria and scoring ---

# --- awards ---
