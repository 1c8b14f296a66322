"""Apportionment of a fixed number of commendations: the rules each method follows, exact
arithmetic, caps, reported ties, and agreement with votelib and the apportionment package."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
import votelib.evaluate.core
import votelib.evaluate.proportional as vl
from apportionment.methods import compute
from hypothesis import given
from hypothesis import strategies as st

from cchc.apportionment import (
    SEAT_LIMIT,
    Apportionment,
    ApportionmentMethod,
    ApportionmentTie,
    apportion,
    exact_weight,
)
from cchc.errors import CchcError, CchcTypeError, NotFoundError, ValidationError
from cchc.export.json import from_json, to_json
from tests.test_awards import _within

# --- value contracts ---------------------------------------------------------------------------

VALUES = [
    ApportionmentTie(units=("b", "a", "c"), seats=2),
    apportion({"a": 60, "b": 28, "c": 12}, 9, ApportionmentMethod.DHONDT),
    apportion({"a": 1, "b": 1, "c": 1}, 2, ApportionmentMethod.SAINTE_LAGUE),
]
NAMESPACE = {
    "Apportionment": Apportionment,
    "ApportionmentTie": ApportionmentTie,
    "ApportionmentMethod": ApportionmentMethod,
}


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_value_contract(value: Any) -> None:
    copy = eval(repr(value), NAMESPACE)
    assert copy == value
    assert hash(copy) == hash(value)
    assert pickle.loads(pickle.dumps(value)) == value
    assert from_json(to_json(value), type(value)) == value
    first = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, first, None)


def test_evolve_leaves_the_original_unchanged() -> None:
    tie = ApportionmentTie(units=("a", "b", "c"), seats=1)
    changed = attrs.evolve(tie, seats=2)
    assert tie.seats == 1
    assert changed.seats == 2


# --- the methods -------------------------------------------------------------------------------


def test_hamilton_gives_whole_quotas_then_largest_remainders() -> None:
    # quotas 5.4, 2.52, 1.08: wholes 5, 2, 1; the one seat left goes to remainder .52
    assert apportion({"a": 60, "b": 28, "c": 12}, 9).as_dict() == {"a": 5, "b": 3, "c": 1}


def test_dhondt_favours_the_largest_unit() -> None:
    assert apportion({"a": 60, "b": 28, "c": 12}, 9, ApportionmentMethod.DHONDT).as_dict() == {
        "a": 6,
        "b": 2,
        "c": 1,
    }


def test_sainte_lague_uses_odd_divisors() -> None:
    # averages 60, 20, 12, 8.57, 6.67 | 28, 9.33, 5.6 | 12, 4: nine best give 5, 3, 1
    assert apportion(
        {"a": 60, "b": 28, "c": 12}, 9, ApportionmentMethod.SAINTE_LAGUE
    ).as_dict() == {
        "a": 5,
        "b": 3,
        "c": 1,
    }


def test_huntington_hill_gives_every_unit_a_first_seat_before_any_second() -> None:
    result = apportion({"big": 1000, "small": 1}, 2, ApportionmentMethod.HUNTINGTON_HILL)
    assert result.as_dict() == {"big": 1, "small": 1}
    # D'Hondt gives both to the big unit
    assert apportion({"big": 1000, "small": 1}, 2, ApportionmentMethod.DHONDT).as_dict() == {
        "big": 2,
        "small": 0,
    }


def test_huntington_hill_with_fewer_seats_than_units_seats_the_largest() -> None:
    result = apportion({"a": 5, "b": 9, "c": 7}, 2, ApportionmentMethod.HUNTINGTON_HILL)
    assert result.as_dict() == {"a": 0, "b": 1, "c": 1}


def test_huntington_hill_compares_geometric_means_exactly() -> None:
    # a (weight 1) holding 1 seat and b (weight 6) holding 8 have equal claims,
    # 1/sqrt(1*2) == 6/sqrt(8*9), although floats say 0.7071067811865475 < ...476.
    assert 1 / 2**0.5 != 6 / 72**0.5
    result = apportion({"a": 1, "b": 6}, 10, ApportionmentMethod.HUNTINGTON_HILL)
    assert result.as_dict() == {"a": 1, "b": 8}
    assert result.ties == (ApportionmentTie(units=("a", "b"), seats=1),)


def test_decimal_and_fraction_weights_are_exact() -> None:
    # 0.1 + 0.2 style weights would tie in floats only by accident; exactly they tie
    result = apportion({"a": Decimal("0.1"), "b": Fraction(1, 10)}, 1)
    assert result.ties == (ApportionmentTie(units=("a", "b"), seats=1),)


def test_units_of_weight_zero_never_get_a_seat() -> None:
    for method in ApportionmentMethod:
        assert apportion({"a": 3, "b": 0}, 5, method)["b"] == 0


def test_zero_seats_give_nothing() -> None:
    assert apportion({"a": 3, "b": 1}, 0).as_dict() == {"a": 0, "b": 0}


# --- caps --------------------------------------------------------------------------------------


def test_a_capped_unit_takes_its_cap_and_the_rest_is_spread_over_the_others() -> None:
    result = apportion({"a": 60, "b": 28, "c": 12}, 9, caps={"a": 3})
    assert result.as_dict() == {"a": 3, "b": 4, "c": 2}


def test_one_cap_for_every_unit() -> None:
    for method in ApportionmentMethod:
        result = apportion({"a": 90, "b": 5, "c": 5}, 6, method, caps=2)
        assert result.as_dict() == {"a": 2, "b": 2, "c": 2}


def test_caps_too_small_to_place_the_seats_are_refused() -> None:
    with pytest.raises(ValidationError, match="only 4"):
        apportion({"a": 1, "b": 1, "c": 0}, 5, caps=2)


# --- ties are reported -------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(ApportionmentMethod))
def test_equal_claims_to_the_last_seat_are_reported_not_decided(
    method: ApportionmentMethod,
) -> None:
    result = apportion({"x": 2, "y": 2, "z": 2}, 4, method)
    assert result.as_dict() == {"x": 1, "y": 1, "z": 1}
    assert result.ties == (ApportionmentTie(units=("x", "y", "z"), seats=1),)


def test_a_tie_that_fits_the_seats_left_is_no_tie() -> None:
    result = apportion({"x": 2, "y": 2, "z": 4}, 4, ApportionmentMethod.DHONDT)
    assert result.ties == ()
    assert result.as_dict() == {"x": 1, "y": 1, "z": 2}


def test_a_tie_must_contest_fewer_seats_than_it_has_units() -> None:
    with pytest.raises(ValidationError, match="seats"):
        ApportionmentTie(units=("a", "b"), seats=2)


def test_assigned_and_contested_seats_must_make_the_total() -> None:
    with pytest.raises(ValidationError, match="total"):
        Apportionment(method=ApportionmentMethod.HAMILTON, total=3, seats={"a": 1})


# --- bad input ---------------------------------------------------------------------------------


def test_float_weights_are_refused_by_type() -> None:
    with pytest.raises(CchcTypeError, match=r"weights\['a'\] = 0.5"):
        apportion({"a": 0.5, "b": 1}, 1)  # type: ignore[dict-item]


def test_negative_weights_and_totals_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"weights\['a'\] = -1"):
        apportion({"a": -1}, 1)
    with pytest.raises(ValidationError, match="total = -1"):
        apportion({"a": 1}, -1)


def test_a_cap_for_an_unknown_unit_is_refused() -> None:
    with pytest.raises(NotFoundError, match="caps = 'zz'"):
        apportion({"a": 1}, 1, caps={"zz": 1})


def test_a_unit_given_twice_in_two_unicode_forms_is_refused() -> None:
    with pytest.raises(ValidationError, match="twice"):
        apportion({"Hòa": 1, "Ho\u0300a": 2}, 1)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: apportion([1, 2], 1), "weights"),  # type: ignore[arg-type]
        (lambda: apportion({1: 1}, 1), "weights"),  # type: ignore[dict-item]
        (lambda: apportion({"a": 1}, 1.0), "total"),  # type: ignore[arg-type]
        (lambda: apportion({"a": 1}, 1, caps=[1]), "caps"),  # type: ignore[arg-type]
        (lambda: apportion({"a": 1}, 1, caps=True), "caps"),
        (lambda: apportion({"a": 1}, 1, caps={"a": -1}), "caps['a']"),
        (lambda: ApportionmentTie(units="ab", seats=1), "units"),
        (lambda: ApportionmentTie(units=("a", "b"), seats="1"), "seats"),  # type: ignore[arg-type]
        (lambda: Apportionment("borda", 0, {}), "method"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, -1, {}), "total"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 1, 5), "seats"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": -1}), "seats['a']"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 0, {}, ties=[1]), "ties[0]"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 0, {}, ties="ab"), "ties"),
        (lambda: apportion({"a": 1}, 1, "borda"), "method"),  # type: ignore[arg-type]
        (lambda: apportion({"\ud800": 1}, 1), "weights"),
        (lambda: ApportionmentTie(units=("a", "\udfff"), seats=1), "units[1]"),
    ],
)
def test_bad_arguments_raise_cchc_errors_naming_the_field(call: Any, field: str) -> None:
    with pytest.raises(CchcError) as info:
        call()
    assert info.value.field == field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: apportion({"a": Decimal("1e999999999"), "b": 1}, 3), "weights['a']"),
        (lambda: apportion({"a": Decimal("1e-999999999"), "b": 1}, 3), "weights['a']"),
        (lambda: apportion({"a": 10**5000, "b": 1}, 3), "weights['a']"),
        (lambda: apportion({"a": Fraction(1, 10**5000), "b": 1}, 3), "weights['a']"),
        (lambda: apportion({"a": 1, "b": 1}, 10**5000), "total"),
        (lambda: apportion({"a": 1, "b": 1}, SEAT_LIMIT + 1), "total"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 10**5000, {}), "total"),
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 10**5000}), "seats['a']"),
        (lambda: ApportionmentTie(units=("a", "b"), seats=10**5000), "seats"),
    ],
)
def test_numbers_beyond_the_limits_are_refused_at_once(call: Any, field: str) -> None:
    # weights as large as a trillion or finer than 12 decimals, and more seats than any
    # campaign gives, are refused rather than expanded or counted out for hours
    with _within(2), pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field


def test_the_largest_total_still_runs_quickly_enough_to_finish() -> None:
    result = apportion({"a": 3, "b": 2}, SEAT_LIMIT, ApportionmentMethod.HAMILTON)
    assert result.as_dict() == {"a": SEAT_LIMIT * 3 // 5, "b": SEAT_LIMIT * 2 // 5}


def test_exact_weight_rejects_non_finite_decimals() -> None:
    with pytest.raises(ValidationError, match="finite"):
        exact_weight(Decimal("NaN"), field="w")


def test_looking_up_an_unknown_unit_raises_not_found() -> None:
    with pytest.raises(NotFoundError):
        apportion({"a": 1}, 1)["b"]


def test_method_labels_exist_in_both_languages() -> None:
    assert all(
        m.vi and m.en and repr(m) == f"ApportionmentMethod.{m.name}" for m in ApportionmentMethod
    )


# --- agreement with votelib and the apportionment package --------------------------------------

_VOTELIB = {
    ApportionmentMethod.HAMILTON: vl.LargestRemainder("hare"),
    ApportionmentMethod.DHONDT: vl.HighestAverages("d_hondt"),
    ApportionmentMethod.SAINTE_LAGUE: vl.HighestAverages("sainte_lague"),
}
_PACKAGE = {
    ApportionmentMethod.HAMILTON: "largest_remainder",
    ApportionmentMethod.DHONDT: "dhondt",
    ApportionmentMethod.SAINTE_LAGUE: "saintelague",
    ApportionmentMethod.HUNTINGTON_HILL: "huntington",
}

weight_lists = st.lists(st.integers(min_value=1, max_value=5_000), min_size=1, max_size=12)


def _certain_seats(votelib_result: dict[object, int]) -> dict[str, int]:
    return {
        str(k): v
        for k, v in votelib_result.items()
        if not isinstance(k, votelib.evaluate.core.Tie) and v
    }


@pytest.mark.parametrize("method", list(_VOTELIB))
@given(weights=weight_lists, total=st.integers(min_value=1, max_value=60))
def test_agrees_with_votelib(method: ApportionmentMethod, weights: list[int], total: int) -> None:
    votes = {f"u{i}": w for i, w in enumerate(weights)}
    ours = apportion(votes, total, method)
    theirs = _VOTELIB[method].evaluate(votes, total)
    certain = {k: v for k, v in ours.as_dict().items() if v}
    assert certain == _certain_seats(theirs)
    contested = [k for k in theirs if isinstance(k, votelib.evaluate.core.Tie)]
    assert bool(contested) == bool(ours.ties)


@pytest.mark.parametrize("method", [ApportionmentMethod.DHONDT, ApportionmentMethod.SAINTE_LAGUE])
@given(
    weights=weight_lists,
    total=st.integers(min_value=1, max_value=40),
    cap=st.integers(min_value=1, max_value=6),
)
def test_caps_agree_with_votelib_max_seats(
    method: ApportionmentMethod, weights: list[int], total: int, cap: int
) -> None:
    votes = {f"u{i}": w for i, w in enumerate(weights)}
    total = min(total, cap * len(votes))
    ours = apportion(votes, total, method, caps=cap)
    theirs = _VOTELIB[method].evaluate(votes, total, max_seats=dict.fromkeys(votes, cap))
    assert {k: v for k, v in ours.as_dict().items() if v} == _certain_seats(theirs)


@pytest.mark.parametrize("method", list(_PACKAGE))
@given(weights=weight_lists, total=st.integers(min_value=1, max_value=60))
def test_agrees_with_the_apportionment_package_when_nothing_is_tied(
    method: ApportionmentMethod, weights: list[int], total: int
) -> None:
    ours = apportion({f"u{i:02}": w for i, w in enumerate(weights)}, total, method)
    if ours.ties:  # the package breaks ties by list order; we report them instead
        return
    theirs = compute(
        _PACKAGE[method],
        weights,
        total,
        fractions=method is not ApportionmentMethod.HUNTINGTON_HILL,
    )
    assert [seats for _, seats in ours.seats] == list(theirs)


def test_a_known_case_agrees_with_both_libraries() -> None:
    votes = {"a": 60, "b": 28, "c": 12}
    assert apportion(votes, 9, ApportionmentMethod.DHONDT).as_dict() == vl.HighestAverages(
        "d_hondt"
    ).evaluate(votes, 9)
    assert list(apportion(votes, 9).as_dict().values()) == compute(
        "largest_remainder", [60, 28, 12], 9
    )
