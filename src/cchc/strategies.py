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

# --- directives ---

# --- plans ---

# --- criteria and scoring ---

# --- awards ---
