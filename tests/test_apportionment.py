"""Apportionment of a fixed number of commendations: the rules each method follows, exact
arithmetic, caps, minimum seats, reported ties, and agreement with votelib and the
apportionment package."""

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
from hypothesis import assume, given
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
    apportion({"a": 60, "b": 28, "c": 2}, 6, ApportionmentMethod.HAMILTON, minimums={"c": 1}),
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


# --- minimum seats -----------------------------------------------------------------------------

#: Illustrative figures, not a real district's: twelve commendations of a district chair spread
#: over a town and six communes by the number of their staff, each at least one.
COMMUNE_STAFF = {
    "tt-tan-hiep": 38,
    "xa-binh-duc": 21,
    "xa-than-cuu-nghia": 19,
    "xa-long-hung": 14,
    "xa-tam-hiep": 11,
    "xa-dong-hoa": 6,
    "xa-phu-phong": 4,
}


def test_every_commune_gets_its_minimum_and_the_total_stays_exact() -> None:
    plain = apportion(COMMUNE_STAFF, 12)
    assert plain["xa-phu-phong"] == 0  # a quota of 0.42 is not enough for a seat
    result = apportion(COMMUNE_STAFF, 12, minimums=1)
    # xa-phu-phong (quota 0.42) and xa-dong-hoa (0.58 once it is held) are held at 1; the
    # other 10 seats go by quotas 10 x staff / 103: 3.69, 2.04, 1.84, 1.36, 1.07, so wholes
    # 3, 2, 1, 1, 1 and the two largest remainders (.84, .69) take the last two seats.
    assert result.as_dict() == {
        "tt-tan-hiep": 4,
        "xa-binh-duc": 2,
        "xa-dong-hoa": 1,
        "xa-long-hung": 1,
        "xa-phu-phong": 1,
        "xa-tam-hiep": 1,
        "xa-than-cuu-nghia": 2,
    }
    assert result.assigned == 12
    assert result.minimums == tuple((unit, 1) for unit in sorted(COMMUNE_STAFF))
    assert result.given_first == 7
    # the seat comes from the commune whose remainder was smallest once the minimum was held
    assert plain["xa-long-hung"] == 2


@pytest.mark.parametrize("method", list(ApportionmentMethod))
def test_every_method_honours_the_communes_minimum(method: ApportionmentMethod) -> None:
    result = apportion(COMMUNE_STAFF, 12, method, minimums=1)
    assert min(result.as_dict().values()) >= 1
    assert result.assigned + sum(t.seats for t in result.ties) == 12


def test_minimums_are_counted_in_the_share_not_added_to_it() -> None:
    # a's share (8 of 10) is far above its minimum of 1: it gets 8, not 9
    result = apportion({"a": 90, "b": 6, "c": 4}, 10, ApportionmentMethod.DHONDT, minimums=1)
    assert result.as_dict() == {"a": 8, "b": 1, "c": 1}


def test_divisor_methods_continue_their_sequence_from_the_minimums() -> None:
    # D'Hondt with 2 seats held each: averages 60/3, 28/3, 12/3, then 60/4, 60/5 take the
    # three seats left
    result = apportion({"a": 60, "b": 28, "c": 12}, 9, ApportionmentMethod.DHONDT, minimums=2)
    assert result.as_dict() == {"a": 5, "b": 2, "c": 2}


def test_huntington_hill_with_a_minimum_starts_from_the_seats_held() -> None:
    # held 1 each: claims 60²/2, 28²/2, 2²/2; then 60²/6 and 60²/12 against 28²/2 = 392
    result = apportion(
        {"a": 60, "b": 28, "c": 2}, 6, ApportionmentMethod.HUNTINGTON_HILL, minimums=1
    )
    assert result.as_dict() == {"a": 3, "b": 2, "c": 1}


def test_minimums_per_unit_leave_the_others_unbounded() -> None:
    result = apportion({"a": 60, "b": 28, "c": 12}, 9, minimums={"c": 3})
    # c is held at 3; a and b share 6 by quotas 4.09 and 1.91
    assert result.as_dict() == {"a": 4, "b": 2, "c": 3}
    assert result.minimums == (("c", 3),)


def test_a_unit_of_weight_zero_gets_exactly_its_minimum() -> None:
    for method in ApportionmentMethod:
        result = apportion({"a": 3, "b": 0}, 5, method, minimums={"b": 2})
        assert result.as_dict() == {"a": 3, "b": 2}


def test_minimums_that_fill_the_total_give_each_unit_its_minimum() -> None:
    for method in ApportionmentMethod:
        result = apportion({"a": 99, "b": 1, "c": 0}, 6, method, minimums=2)
        assert result.as_dict() == {"a": 2, "b": 2, "c": 2}


def test_minimums_and_caps_together() -> None:
    weights = {"a": 70, "b": 20, "c": 6, "d": 4}
    caps = {"a": 5}
    for method in ApportionmentMethod:
        result = apportion(weights, 10, method, caps=caps, minimums=1)
        assert result["a"] == 5  # held at its cap
        assert all(seats >= 1 for seats in result.as_dict().values())
        assert result.assigned == 10
    # Hamilton: a at its cap, c and d at their minimum, b takes the remaining 3
    assert apportion(weights, 10, caps=caps, minimums=1).as_dict() == {
        "a": 5,
        "b": 3,
        "c": 1,
        "d": 1,
    }


def test_a_minimum_equal_to_the_cap_fixes_the_unit() -> None:
    result = apportion({"a": 1, "b": 9}, 6, caps={"a": 2}, minimums={"a": 2})
    assert result.as_dict() == {"a": 2, "b": 4}


def test_ties_after_the_minimums_are_reported() -> None:
    result = apportion({"x": 2, "y": 2, "z": 2, "w": 0}, 5, minimums={"w": 1})
    assert result.as_dict() == {"w": 1, "x": 1, "y": 1, "z": 1}
    assert result.ties == (ApportionmentTie(units=("x", "y", "z"), seats=1),)


def test_minimums_alone_above_the_total_are_refused_with_the_figures() -> None:
    with pytest.raises(ValidationError) as info:
        apportion(COMMUNE_STAFF, 6, minimums=1)
    error = info.value
    assert error.field == "total"
    assert error.value == 6
    assert "the minimums alone need 7 seats for 7 units, more than the total of 6" in str(error)
    assert error.vi == (
        "riêng số suất tối thiểu của 7 đơn vị đã cần 7 suất, nhiều hơn tổng số 6 suất được phân bổ"
    )


def test_large_figures_in_the_vietnamese_message_use_a_thousands_dot() -> None:
    units = {f"xa-{i:04}": 1 for i in range(1_200)}
    with pytest.raises(ValidationError) as info:
        apportion(units, 1_000, minimums=1)
    assert "1.200 đơn vị đã cần 1.200 suất, nhiều hơn tổng số 1.000 suất" in (info.value.vi or "")
    assert "need 1,200 seats" in str(info.value)


def test_a_minimum_above_the_cap_is_refused_naming_the_unit() -> None:
    with pytest.raises(ValidationError) as info:
        apportion({"xa-an-hiep": 5, "xa-phu-an": 3}, 6, caps={"xa-phu-an": 1}, minimums=2)
    error = info.value
    assert error.field == "minimums"  # one number for all: the field as the caller gave it
    assert "unit 'xa-phu-an': the minimum of 2 seats is above its cap of 1" in str(error)
    assert error.vi == "đơn vị xa-phu-an: số suất tối thiểu 2 lớn hơn số suất tối đa 1"
    with pytest.raises(ValidationError) as info:
        apportion({"a": 5, "b": 3}, 6, caps=2, minimums={"b": 3})
    assert info.value.field == "minimums['b']"


def test_a_minimum_for_an_unknown_unit_is_refused() -> None:
    with pytest.raises(NotFoundError, match="minimums = 'zz'") as info:
        apportion({"a": 1}, 1, minimums={"zz": 1})
    assert info.value.vi == "có số suất tối thiểu cho một đơn vị không có trọng số"


def test_a_minimum_given_twice_in_two_unicode_forms_is_refused() -> None:
    with pytest.raises(ValidationError, match="twice"):
        apportion({"Hòa": 1}, 3, minimums={"Hòa": 1, "Ho\u0300a": 2})


def test_a_result_below_its_minimum_cannot_be_built() -> None:
    with pytest.raises(ValidationError, match="below its minimum of 2") as info:
        Apportionment(ApportionmentMethod.HAMILTON, 2, {"a": 1, "b": 1}, minimums={"b": 2})
    assert info.value.field == "minimums['b']"
    with pytest.raises(ValidationError, match="not in the apportionment"):
        Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 1}, minimums={"b": 1})


def test_a_minimum_of_zero_is_no_minimum() -> None:
    built = Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 1}, minimums={"a": 0})
    assert built.minimums == ()
    assert built == Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 1})


def test_minimums_round_trip_through_json_and_repr() -> None:
    result = apportion(COMMUNE_STAFF, 12, ApportionmentMethod.SAINTE_LAGUE, minimums=1)
    assert from_json(to_json(result), Apportionment) == result
    assert eval(repr(result), NAMESPACE) == result
    assert '"minimums"' in to_json(result)


def test_the_text_shows_the_minimums_first() -> None:
    result = apportion(COMMUNE_STAFF, 12, minimums={"xa-phu-phong": 1, "xa-dong-hoa": 1})
    vi = result.text().splitlines()
    assert vi[:3] == [
        "12 suất, theo Phương pháp số dư lớn nhất (Hamilton)",
        "Số suất tối thiểu giao trước: 2 suất (xa-dong-hoa 1, xa-phu-phong 1)",
        (
            "10 suất còn lại phân bổ theo phương pháp, số suất tối thiểu tính trong phần của "
            "từng đơn vị"
        ),
    ]
    assert "  xa-phu-phong: 1 (tối thiểu 1)" in vi
    assert "  tt-tan-hiep: 4" in vi
    en = str(result).splitlines()
    assert en[1] == "Minimums given first: 2 seats (xa-dong-hoa 1, xa-phu-phong 1)"
    assert "  xa-dong-hoa: 1 (minimum 1)" in en


def test_the_text_without_minimums_lists_seats_and_ties_only() -> None:
    tied = apportion({"a": 1, "b": 1, "c": 1}, 2)
    assert tied.text("en").splitlines() == [
        "2 seats by Hamilton (largest remainder)",
        "  a: 0",
        "  b: 0",
        "  c: 0",
        "  Tie: a, b, c contest 2 seats, left to the council",
    ]
    assert (
        tied.text().splitlines()[-1] == "  Đồng hạng: a, b, c tranh 2 suất, do Hội đồng quyết định"
    )
    with pytest.raises(ValidationError) as info:
        tied.text("fr")  # type: ignore[arg-type]
    assert info.value.field == "lang"


# --- minimum seats: properties -----------------------------------------------------------------


@st.composite
def bounded_cases(
    draw: st.DrawFn, *, caps: bool = True
) -> tuple[dict[str, int], int, dict[str, int], dict[str, int] | None]:
    """Weights (some 0), minimums, perhaps caps, and a total that the bounds can place."""
    weights = draw(st.lists(st.integers(0, 500), min_size=1, max_size=10))
    units = {f"u{i}": w for i, w in enumerate(weights)}
    minimums = {u: draw(st.integers(0, 3)) for u in units}
    limits: dict[str, int] | None = None
    if caps and draw(st.booleans()):
        limits = {u: minimums[u] + draw(st.integers(0, 4)) for u in units}
    low = sum(minimums.values())
    if limits is None:
        high = low + 40 if any(units.values()) else low
    else:
        high = sum(limits[u] if w else minimums[u] for u, w in units.items())
    total = draw(st.integers(low, high))
    return units, total, minimums, limits


@given(bounded_cases(), st.sampled_from(list(ApportionmentMethod)))
def test_minimums_and_caps_are_honoured_and_the_total_is_exact(
    case: tuple[dict[str, int], int, dict[str, int], dict[str, int] | None],
    method: ApportionmentMethod,
) -> None:
    weights, total, minimums, caps = case
    result = apportion(weights, total, method, caps=caps, minimums=minimums)
    assert result.assigned + sum(t.seats for t in result.ties) == total
    for unit, seats in result.seats:
        assert seats >= minimums[unit]
        assert caps is None or seats <= caps[unit]
        if weights[unit] == 0:
            assert seats == minimums[unit]
    tied = {u: t.seats for t in result.ties for u in t.units}
    # a tied unit can take at most one contested seat, and still within its cap
    assert all(caps is None or result[u] + 1 <= caps[u] for u in tied)
    assert result.minimums == tuple((u, m) for u, m in sorted(minimums.items()) if m)


@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=10),
    st.integers(0, 40),
    st.sampled_from(list(ApportionmentMethod)),
    st.one_of(st.none(), st.integers(1, 6)),
)
def test_minimums_of_zero_change_nothing(
    weights: list[int], total: int, method: ApportionmentMethod, cap: int | None
) -> None:
    units = {f"u{i}": w for i, w in enumerate(weights)}
    assume(any(weights))
    if cap is not None:
        total = min(total, cap * sum(1 for w in weights if w))
    plain = apportion(units, total, method, caps=cap)
    assert apportion(units, total, method, caps=cap, minimums=0) == plain
    assert apportion(units, total, method, caps=cap, minimums=dict.fromkeys(units, 0)) == plain


@given(
    st.lists(st.integers(1, 500), min_size=1, max_size=10),
    st.integers(0, 3),
    st.integers(0, 30),
    st.sampled_from(list(ApportionmentMethod)),
)
def test_with_one_minimum_for_all_a_larger_weight_never_gets_fewer_certain_seats(
    weights: list[int], minimum: int, extra: int, method: ApportionmentMethod
) -> None:
    units = {f"u{i}": w for i, w in enumerate(weights)}
    result = apportion(units, minimum * len(units) + extra, method, minimums=minimum)
    tied = {u for t in result.ties for u in t.units}
    for a, wa in units.items():
        for b, wb in units.items():
            if wa > wb and a not in tied and b not in tied:
                assert result[a] >= result[b]


@given(
    st.lists(st.integers(1, 500), min_size=2, max_size=10),
    st.integers(1, 40),
    st.sampled_from(list(ApportionmentMethod)),
    st.data(),
)
def test_minimums_no_unit_needs_change_nothing(
    weights: list[int], total: int, method: ApportionmentMethod, data: st.DataObject
) -> None:
    units = {f"u{i}": w for i, w in enumerate(weights)}
    plain = apportion(units, total, method)
    assume(not plain.ties)
    whole = sum(weights)
    # what each unit is sure of: its seats for a divisor method, its whole quota for Hamilton
    # (a minimum above the whole quota moves the quotas of the others)
    sure = {
        u: (w * total // whole if method is ApportionmentMethod.HAMILTON else plain[u])
        for u, w in units.items()
    }
    minimums = {u: data.draw(st.integers(0, s)) for u, s in sure.items()}
    bounded = apportion(units, total, method, minimums=minimums)
    assert bounded.as_dict() == plain.as_dict()


@given(bounded_cases(caps=False), st.sampled_from(list(ApportionmentMethod)), st.data())
def test_raising_a_units_minimum_never_lowers_its_seats(
    case: tuple[dict[str, int], int, dict[str, int], dict[str, int] | None],
    method: ApportionmentMethod,
    data: st.DataObject,
) -> None:
    weights, total, minimums, _ = case
    unit = data.draw(st.sampled_from(sorted(weights)))
    room = total - sum(minimums.values())
    raised = {**minimums, unit: minimums[unit] + data.draw(st.integers(0, room))}
    before = apportion(weights, total, method, minimums=minimums)
    after = apportion(weights, total, method, minimums=raised)
    tied = {u for r in (before, after) for t in r.ties for u in t.units}
    if unit not in tied:
        assert after[unit] >= before[unit]


@given(
    bounded_cases(caps=False),
    st.sampled_from(
        [
            ApportionmentMethod.DHONDT,
            ApportionmentMethod.SAINTE_LAGUE,
            ApportionmentMethod.HUNTINGTON_HILL,
        ]
    ),
)
def test_with_minimums_one_more_seat_never_takes_a_seat_from_anyone(
    case: tuple[dict[str, int], int, dict[str, int], dict[str, int] | None],
    method: ApportionmentMethod,
) -> None:
    # divisor methods are house-monotone (no Alabama paradox), minimums or not
    weights, total, minimums, _ = case
    assume(any(weights.values()))
    before = apportion(weights, total, method, minimums=minimums)
    after = apportion(weights, total + 1, method, minimums=minimums)
    tied = {u for r in (before, after) for t in r.ties for u in t.units}
    for unit, seats in before.seats:
        if unit not in tied:
            assert after[unit] >= seats


#: What a careless caller or a tampered file passes as minimums.
ODD_MINIMUMS = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(
        st.one_of(st.sampled_from(["a", "b", "zz", "\ud800"]), st.integers()),
        st.one_of(st.integers(-(10**20), 10**20), st.floats(), st.text(max_size=3), st.none()),
        max_size=3,
    ),
)


@given(ODD_MINIMUMS, st.sampled_from(list(ApportionmentMethod)))
def test_odd_minimums_give_a_cchc_error_or_a_result_that_honours_them(
    minimums: Any, method: ApportionmentMethod
) -> None:
    try:
        result = apportion({"a": 3, "b": 1}, 4, method, minimums=minimums)
    except CchcError:
        return
    for unit, floor in result.minimums:
        assert result[unit] >= floor


@given(bounded_cases(), st.sampled_from(list(ApportionmentMethod)), st.data())
def test_minimums_ignore_input_order(
    case: tuple[dict[str, int], int, dict[str, int], dict[str, int] | None],
    method: ApportionmentMethod,
    data: st.DataObject,
) -> None:
    weights, total, minimums, caps = case
    result = apportion(weights, total, method, caps=caps, minimums=minimums)
    order = data.draw(st.permutations(list(weights)))
    shuffled = apportion(
        {u: weights[u] for u in order},
        total,
        method,
        caps=caps,
        minimums={u: minimums[u] for u in reversed(order)},
    )
    assert shuffled == result


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
        (lambda: apportion({"a": 1}, 1, minimums=[1]), "minimums"),  # type: ignore[arg-type]
        (lambda: apportion({"a": 1}, 1, minimums=True), "minimums"),
        (lambda: apportion({"a": 1}, 1, minimums=1.0), "minimums"),  # type: ignore[arg-type]
        (lambda: apportion({"a": 1}, 1, minimums={"a": -1}), "minimums['a']"),
        (lambda: apportion({"a": 1}, 1, minimums={"a": "1"}), "minimums['a']"),  # type: ignore[dict-item]
        (lambda: apportion({"a": 1}, 1, minimums={1: 1}), "minimums"),  # type: ignore[dict-item]
        (lambda: Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 1}, minimums=5), "minimums"),
        (
            lambda: Apportionment(ApportionmentMethod.HAMILTON, 1, {"a": 1}, minimums={"a": -1}),
            "minimums['a']",
        ),
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


# --- minimum seats: agreement with votelib and the apportionment package ----------------------


@pytest.mark.parametrize("method", [ApportionmentMethod.DHONDT, ApportionmentMethod.SAINTE_LAGUE])
@given(
    weights=weight_lists,
    minimum=st.lists(st.integers(0, 3), min_size=12, max_size=12),
    extra=st.integers(0, 40),
    cap=st.one_of(st.none(), st.integers(3, 8)),
)
def test_minimums_agree_with_votelib_prev_gains(
    method: ApportionmentMethod, weights: list[int], minimum: list[int], extra: int, cap: int | None
) -> None:
    # votelib's highest averages take the seats already held (prev_gains) as the start of the
    # divisor sequence: the same option as a minimum
    votes = {f"u{i}": w for i, w in enumerate(weights)}
    held = {u: minimum[i] for i, u in enumerate(votes)}
    total = sum(held.values()) + extra
    if cap is not None:
        total = min(total, cap * len(votes))
    assume(total > sum(held.values()))  # votelib needs a seat to give and a unit to take it
    ours = apportion(votes, total, method, caps=cap, minimums=held)
    theirs = _VOTELIB[method].evaluate(
        votes,
        total,
        prev_gains=held,
        max_seats={} if cap is None else dict.fromkeys(votes, cap),
    )
    won = {k: v + held.get(k, 0) for k, v in _certain_seats(theirs).items()}
    assert {k: v for k, v in ours.as_dict().items() if v} == {
        k: v for k, v in {**held, **won}.items() if v
    }
    contested = [k for k in theirs if isinstance(k, votelib.evaluate.core.Tie)]
    assert bool(contested) == bool(ours.ties)


@given(
    weights=weight_lists,
    minimum=st.lists(st.integers(0, 3), min_size=12, max_size=12),
    extra=st.integers(0, 40),
)
def test_hamilton_with_minimums_stays_within_votelibs_bounded_quota(
    weights: list[int], minimum: list[int], extra: int
) -> None:
    # votelib's exact proportional shares with prev_gains hold a unit whose share falls
    # below what it holds at that number and share the rest over the others: the quota that
    # Hamilton with minimums rounds, up or down, with largest remainders
    votes = {f"u{i}": w for i, w in enumerate(weights)}
    held = {u: minimum[i] for i, u in enumerate(votes)}
    total = sum(held.values()) + extra
    assume(extra > 0)  # votelib divides by zero when every unit is held
    ours = apportion(votes, total, minimums=held)
    share = vl.PureProportionality().evaluate(votes, total, prev_gains=held)
    tied = {u for t in ours.ties for u in t.units}
    for unit, seats in ours.seats:
        quota = Fraction(share.get(unit, 0)) + held[unit]
        floor = quota.numerator // quota.denominator
        ceiling = -(-quota.numerator // quota.denominator)
        assert floor <= seats <= ceiling
        if unit not in tied:
            assert seats in (floor, ceiling)


@given(weights=weight_lists, extra=st.integers(0, 40))
def test_huntington_hill_with_a_minimum_of_one_agrees_with_the_apportionment_package(
    weights: list[int], extra: int
) -> None:
    # with at least as many seats as units, the package starts Huntington-Hill from one seat
    # for every unit: the same as a minimum of one
    total = len(weights) + extra
    ours = apportion(
        {f"u{i:02}": w for i, w in enumerate(weights)},
        total,
        ApportionmentMethod.HUNTINGTON_HILL,
        minimums=1,
    )
    if ours.ties:
        return
    assert [seats for _, seats in ours.seats] == list(
        compute("huntington", weights, total, fractions=False)
    )


def _bounded_quotas(
    weights: dict[str, int], left: int, minimums: dict[str, int], caps: dict[str, int] | None
) -> dict[str, Fraction]:
    """Each unit's exact quota held within its bounds, clamp(w·λ, minimum, cap), at the λ where
    they make ``left``: found by evaluating the sum at every bend and solving the straight
    piece that reaches ``left`` (a slow, plain reference for the sweep in the module)."""

    def quota(unit: str, at: Fraction) -> Fraction:
        high = caps[unit] if caps is not None else None
        share = max(Fraction(minimums[unit]), weights[unit] * at)
        return share if high is None else min(share, Fraction(high))

    def total(at: Fraction) -> Fraction:
        return sum((quota(u, at) for u in weights), Fraction(0))

    bends = {Fraction(0)}
    for unit, weight in weights.items():
        bends.add(Fraction(minimums[unit], weight))
        if caps is not None:
            bends.add(Fraction(caps[unit], weight))
    before = Fraction(0)
    for at in sorted(bends):
        if total(at) >= left:
            break
        before = at
    else:
        at = before + 1  # beyond the last bend the sum still grows straight
    rise = total(at) - total(before)
    found = before if rise == 0 else before + (left - total(before)) * (at - before) / rise
    return {u: quota(u, found) for u in weights}


@given(bounded_cases())
def test_hamilton_with_minimums_and_caps_rounds_the_bounded_quotas(
    case: tuple[dict[str, int], int, dict[str, int], dict[str, int] | None],
) -> None:
    weights, total, minimums, caps = case
    ours = apportion(weights, total, caps=caps, minimums=minimums)
    positive = {u: w for u, w in weights.items() if w}
    left = total - sum(minimums[u] for u in weights if u not in positive)
    assume(positive)
    quotas = _bounded_quotas(positive, left, minimums, caps)
    tied = {u for t in ours.ties for u in t.units}
    for unit, quota in quotas.items():
        floor = quota.numerator // quota.denominator
        ceiling = -(-quota.numerator // quota.denominator)
        assert floor <= ours[unit] <= ceiling
        if unit not in tied:
            assert ours[unit] in (floor, ceiling)
