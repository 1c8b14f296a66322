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

# --- units ---

from cchc.text import fold as _fold  # noqa: E402
from cchc.units import Unit, UnitGroup, UnitKind, UnitTree  # noqa: E402

# Syllables of real place names, with tone marks, so that lookups meet "Hòa"/"Hoà" and the like
_PLACE_SYLLABLES = (
    "An", "Bình", "Châu", "Thành", "Hòa", "Hiệp", "Khánh", "Tân", "Phú", "Thủy", "Đông",
    "Lấp", "Vò", "Văn", "Bàn", "Sa", "Pa", "Cái", "Tàu", "Hạ", "Mỹ", "Long", "Quý", "Xuân",
)  # fmt: skip


def unit_kinds() -> st.SearchStrategy[UnitKind]:
    """Any kind of unit."""
    return st.sampled_from(list(UnitKind))


def unit_codes() -> st.SearchStrategy[str]:
    """A unit or group code: letters (Vietnamese ones included), digits and hyphens."""
    return st.text(alphabet="ABCDĐHKLNPSTXabcdđhklnpstx0123456789-", min_size=1, max_size=8).filter(
        lambda c: c.strip("-") != ""
    )


def unit_names() -> st.SearchStrategy[str]:
    """A Vietnamese place name of one to three syllables."""
    return st.lists(st.sampled_from(_PLACE_SYLLABLES), min_size=1, max_size=3).map(" ".join)


def units(parent: st.SearchStrategy[str | None] | None = None) -> st.SearchStrategy[Unit]:
    """A single unit (its parent code, if any, need not exist anywhere)."""
    return st.builds(
        Unit,
        code=unit_codes(),
        name=unit_names(),
        kind=unit_kinds(),
        parent=parent if parent is not None else st.none() | unit_codes(),
        staff=st.none() | st.integers(min_value=0, max_value=5000),
        tags=st.frozensets(st.sampled_from(["remote", "border", "island", "pilot"]), max_size=2),
    ).filter(lambda u: u.parent is None or _fold(u.parent) != _fold(u.code))


@st.composite
def unit_trees(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 20) -> UnitTree:
    """A valid unit tree (one or several roots, any depth)."""
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
    """A group whose members are units of ``tree`` (or of a generated tree)."""
    pool = tree if tree is not None else draw(unit_trees())
    members = draw(st.lists(st.sampled_from([u.code for u in pool]), min_size=1, unique=True))
    return UnitGroup(draw(unit_codes()), draw(unit_names()), members)


# --- directives ---

# --- plans ---

# --- criteria and scoring ---

# --- awards ---
