"""Spreading a fixed number of commendations over units in proportion to their size or results
(phân bổ chỉ tiêu khen thưởng), in exact arithmetic.

A province that may commend 1,000 people this year and wants each unit's share to follow its
staff count, or its results, faces the apportionment problem of electoral law. Four classic
methods are offered, all computed exactly (weights are read as :class:`fractions.Fraction`
and scaled to whole numbers over a common denominator) so that no rounding error can move a
seat:

- **Hamilton** (largest remainder, Hare quota; *phương pháp số dư lớn nhất*): each unit gets the
  whole part of its exact quota, the seats left go to the largest remainders. It always stays
  within quota (every unit gets its quota rounded down or up; with minimums or caps, its quota
  held within them).
- **D'Hondt** (Jefferson): highest averages with divisors 1, 2, 3, …; leans to large units.
- **Sainte-Laguë** (Webster): divisors 1, 3, 5, …; the most even-handed between large and small.
- **Huntington-Hill** (equal proportions, used for the US House): divisors √(s(s+1)). The
  square root is never taken: priorities are compared through their squares, w²/(s(s+1)),
  which is exact. Every unit with a positive weight gets its first seat before anyone gets a
  second one; when there are fewer seats than units, those first seats go to the largest
  weights (the usual convention, also that of the ``apportionment`` package).

Ties are never broken silently. When the last seats cannot be told apart (equal remainders,
equal averages), the seats that are certain are given and the contested ones are reported in
:attr:`Apportionment.ties`; the council decides them.

>>> staff = {"xa-an-hiep": 60, "xa-an-khanh": 28, "tt-chau-thanh": 12}
>>> result = apportion(staff, 9)
>>> result.as_dict()
{'tt-chau-thanh': 1, 'xa-an-hiep': 5, 'xa-an-khanh': 3}
>>> apportion(staff, 9, ApportionmentMethod.DHONDT).as_dict()
{'tt-chau-thanh': 1, 'xa-an-hiep': 6, 'xa-an-khanh': 2}

Caps per unit (no unit takes more than its cap; the rest is spread over the others):

>>> apportion(staff, 9, ApportionmentMethod.DHONDT, caps={"xa-an-hiep": 5}).as_dict()
{'tt-chau-thanh': 1, 'xa-an-hiep': 5, 'xa-an-khanh': 3}

Minimum seats (*số suất tối thiểu*, one number for all or per unit): every unit first takes its
minimum, and the method hands out the rest counting those seats as already held, so a unit whose
proportional share is above its minimum gets no more than that share:

>>> apportion(staff, 9, ApportionmentMethod.DHONDT, minimums=2).as_dict()
{'tt-chau-thanh': 2, 'xa-an-hiep': 5, 'xa-an-khanh': 2}

A tie is reported, not decided:

>>> tied = apportion({"a": 1, "b": 1, "c": 1}, 2)
>>> tied.as_dict(), tied.ties
({'a': 0, 'b': 0, 'c': 0}, (ApportionmentTie(units=('a', 'b', 'c'), seats=2),))

Sources: M. L. Balinski and H. P. Young, *Fair Representation* (2nd ed., 2001); the methods
agree with the ``votelib`` and ``apportionment`` packages on the same inputs (see the tests).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc._fields import CodedEnum, fraction, items_of, sequence, text, texts, whole
from cchc.errors import CchcTypeError, NotFoundError, ValidationError
from cchc.lang import Lang, LangLike, lang_of

__all__ = [
    "Apportionment",
    "ApportionmentTie",
    "ApportionmentMethod",
    "apportion",
    "exact_weight",
    "SEAT_LIMIT",
]

#: The most seats (commendations) one apportionment may spread: far above any campaign's
#: numbers (the national benchmark spreads 1,000), and low enough that every method runs in
#: moments. A larger total is refused rather than left to run for hours.
SEAT_LIMIT = 1_000_000


class ApportionmentMethod(CodedEnum):
    """An apportionment method; the value is the code used in data files."""

    HAMILTON = "hamilton"
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte-lague"
    HUNTINGTON_HILL = "huntington-hill"

    @property
    def vi(self) -> str:
        """The Vietnamese label.

        >>> ApportionmentMethod.HAMILTON.vi
        'Phương pháp số dư lớn nhất (Hamilton)'
        """
        return _METHOD_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label.

        >>> ApportionmentMethod.HUNTINGTON_HILL.en
        'Huntington-Hill (equal proportions)'
        """
        return _METHOD_LABELS[self][1]


_METHOD_LABELS = {
    ApportionmentMethod.HAMILTON: (
        "Phương pháp số dư lớn nhất (Hamilton)",
        "Hamilton (largest remainder)",
    ),
    ApportionmentMethod.DHONDT: ("Phương pháp D'Hondt (thương số lớn nhất)", "D'Hondt (Jefferson)"),
    ApportionmentMethod.SAINTE_LAGUE: ("Phương pháp Sainte-Laguë", "Sainte-Laguë (Webster)"),
    ApportionmentMethod.HUNTINGTON_HILL: (
        "Phương pháp Huntington-Hill (tỷ lệ cân bằng)",
        "Huntington-Hill (equal proportions)",
    ),
}


def exact_weight(value: object, *, field: str) -> Fraction:
    """Return ``value`` (int, Decimal or Fraction, not negative) as a Fraction; raise
    :class:`~cchc.errors.CchcTypeError` for floats and other types, naming ``field``.

    >>> exact_weight(Decimal("12.5"), field="weight")
    Fraction(25, 2)
    >>> exact_weight(0.1, field="weights['a']")
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: weights['a'] = 0.1: must be exact (...), not float
    """
    field = text(field, "field")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise CchcTypeError(
            f"must be exact (int, Decimal or Fraction), not {type(value).__name__}",
            vi="phải là một số chính xác (số nguyên, số thập phân hoặc phân số)",
            field=field,
            value=value,
        )
    result = fraction(value, field)  # finite, within NUMBER_LIMIT, never expanded
    if result < 0:
        raise ValidationError(
            "must not be negative", vi="không được là số âm", field=field, value=value
        )
    return result


def _sorted_ids(units: Any) -> tuple[str, ...]:
    return tuple(sorted(texts(units, "units")))


def _seat_count(value: object, field: str) -> int:
    """A number of seats: a whole number from 0 to :data:`SEAT_LIMIT` (an int, not text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"must be a whole number, not {type(value).__name__}",
            vi="phải là số nguyên",
            field=field,
            value=value,
        )
    if value > SEAT_LIMIT:
        raise ValidationError(
            f"is too large (at most {SEAT_LIMIT:,} seats)",
            vi=f"quá lớn (tối đa {SEAT_LIMIT:,} suất)".replace(",", "."),
            field=field,
            value=value,
        )
    return whole(value, field)


def _whole(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _seat_count(value, attribute.name)


@attrs.frozen
class ApportionmentTie:
    """Seats that two or more units have an equal claim to: ``seats`` seats for the ``units``
    (fewer seats than units), left for the council to decide.

    >>> ApportionmentTie(units=("b", "a"), seats=1)
    ApportionmentTie(units=('a', 'b'), seats=1)
    """

    units: tuple[str, ...] = attrs.field(converter=_sorted_ids)
    seats: int = attrs.field(validator=_whole)

    def __attrs_post_init__(self) -> None:
        if not 0 < self.seats < len(self.units):
            raise ValidationError(
                f"a tie contests at least one seat and fewer seats than its {len(self.units)} "
                "units",
                vi=f"một trường hợp đồng hạng phải tranh ít nhất 01 suất và ít suất hơn số "
                f"{len(self.units)} đơn vị đồng hạng",
                field="seats",
                value=self.seats,
            )


def _not_seats(value: object, field: str = "seats") -> CchcTypeError:
    return CchcTypeError(
        "must map unit ids to seats",
        vi="phải ghi số suất theo mã từng đơn vị",
        field=field,
        value=value,
    )


def _pairs(value: Any, name: str) -> tuple[tuple[str, int], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else sequence(value, name)
    pairs: dict[str, int] = {}
    for i, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise _not_seats(item, f"{name}[{i}]")
        unit = text(item[0], f"{name}[{i}]")
        if unit in pairs:
            raise ValidationError(
                "unit given twice", vi="đơn vị được ghi hai lần", field=f"{name}[{i}]", value=unit
            )
        pairs[unit] = _seat_count(item[1], f"{name}[{unit!r}]")
    return tuple(sorted(pairs.items()))


def _seat_pairs(value: Any) -> tuple[tuple[str, int], ...]:
    return _pairs(value, "seats")


def _minimum_pairs(value: Any) -> tuple[tuple[str, int], ...]:
    """Minimums per unit; a minimum of 0 is no minimum and is not kept, so that all-zero
    minimums give the same result as none."""
    return tuple((unit, seats) for unit, seats in _pairs(value, "minimums") if seats)


def _tie_tuple(value: Any) -> tuple[ApportionmentTie, ...]:
    return items_of(value, ApportionmentTie, "ties")


def _to_method(value: Any) -> ApportionmentMethod:
    return ApportionmentMethod.from_name(value, "method")  # type: ignore[no-any-return]


@attrs.frozen
class Apportionment:
    """The seats each unit receives, every unit listed (sorted by id), the seats left to the
    council by ties, and the minimum seats the units were given first (only the units with a
    minimum above 0). ``sum(seats) + sum(tie seats) == total`` always, and every unit holds at
    least its minimum.

    >>> a = apportion({"a": 3, "b": 1}, 4, ApportionmentMethod.SAINTE_LAGUE)
    >>> a
    Apportionment(method=ApportionmentMethod.SAINTE_LAGUE, total=4, seats=(('a', 3), ('b', 1)), ...)
    >>> a["a"], a.assigned
    (3, 4)
    >>> b = apportion({"a": 3, "b": 1}, 4, ApportionmentMethod.SAINTE_LAGUE, minimums={"b": 2})
    >>> b.as_dict(), b.minimums
    ({'a': 2, 'b': 2}, (('b', 2),))
    """

    method: ApportionmentMethod = attrs.field(converter=_to_method)
    total: int = attrs.field(validator=_whole)
    seats: tuple[tuple[str, int], ...] = attrs.field(converter=_seat_pairs)
    ties: tuple[ApportionmentTie, ...] = attrs.field(default=(), converter=_tie_tuple)
    minimums: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_minimum_pairs)

    def __attrs_post_init__(self) -> None:
        held = dict(self.seats)
        for unit, minimum in self.minimums:
            if unit not in held:
                raise ValidationError(
                    "minimum given for a unit not in the apportionment",
                    vi=f"có số suất tối thiểu cho đơn vị {unit} không có trong kết quả phân bổ",
                    field=f"minimums[{unit!r}]",
                    value=minimum,
                )
            if held[unit] < minimum:
                raise ValidationError(
                    f"unit {unit!r} holds {held[unit]} seats, below its minimum of {minimum}",
                    vi=f"đơn vị {unit} chỉ nhận {held[unit]} suất, ít hơn số suất tối thiểu "
                    f"{minimum}",
                    field=f"minimums[{unit!r}]",
                    value=minimum,
                )
        contested = sum(t.seats for t in self.ties)
        if self.assigned + contested != self.total:
            raise ValidationError(
                f"assigned seats ({self.assigned}) and contested seats ({contested}) must add "
                "up to the total",
                vi=f"số suất đã phân bổ ({self.assigned}) cộng số suất còn đồng hạng "
                f"({contested}) phải bằng tổng số suất",
                field="total",
                value=self.total,
            )

    def __getitem__(self, unit: str) -> int:
        key = text(unit, "unit")
        for name, seats in self.seats:
            if name == key:
                return seats
        raise NotFoundError(
            "no such unit in this apportionment",
            vi="không có đơn vị này trong kết quả phân bổ",
            field="unit",
            value=unit,
        )

    @property
    def assigned(self) -> int:
        """Seats given outright (the total less the seats held by ties)."""
        return sum(seats for _, seats in self.seats)

    def as_dict(self) -> dict[str, int]:
        """Seats per unit as a plain dict, sorted by unit id."""
        return dict(self.seats)

    @property
    def given_first(self) -> int:
        """The seats given as minimums before the method ran (0 without minimums)."""
        return sum(seats for _, seats in self.minimums)

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The apportionment in words, line by line: the method and the total, the minimums
        given first, then each unit's seats (with its minimum) and the ties left to the
        council. ``lang`` is "vi" (default) or "en".

        >>> staff = {"xa-an-hiep": 60, "xa-an-khanh": 28, "xa-phu-an": 2}
        >>> print(apportion(staff, 6, minimums=1).text("en"))
        6 seats by Hamilton (largest remainder)
        Minimums given first: 3 seats (xa-an-hiep 1, xa-an-khanh 1, xa-phu-an 1)
        The other 3 seats by the method, minimums counted in each unit's share
          xa-an-hiep: 3 (minimum 1)
          xa-an-khanh: 2 (minimum 1)
          xa-phu-an: 1 (minimum 1)
        >>> print(apportion(staff, 6, minimums=1).text().splitlines()[1])
        Số suất tối thiểu giao trước: 3 suất (xa-an-hiep 1, xa-an-khanh 1, xa-phu-an 1)
        """
        vi = lang_of(lang) is Lang.VI
        method = self.method.vi if vi else self.method.en
        lines = [f"{self.total} suất, theo {method}" if vi else f"{self.total} seats by {method}"]
        minimums = dict(self.minimums)
        if minimums:
            listed = ", ".join(f"{unit} {seats}" for unit, seats in self.minimums)
            rest = self.total - self.given_first
            if vi:
                lines.append(f"Số suất tối thiểu giao trước: {self.given_first} suất ({listed})")
                lines.append(
                    f"{rest} suất còn lại phân bổ theo phương pháp, số suất tối thiểu tính "
                    "trong phần của từng đơn vị"
                )
            else:
                lines.append(f"Minimums given first: {self.given_first} seats ({listed})")
                lines.append(
                    f"The other {rest} seats by the method, minimums counted in each unit's share"
                )
        for unit, seats in self.seats:
            line = f"  {unit}: {seats}"
            if unit in minimums:
                line += f" (tối thiểu {minimums[unit]})" if vi else f" (minimum {minimums[unit]})"
            lines.append(line)
        for tie in self.ties:
            units = ", ".join(tie.units)
            lines.append(
                f"  Đồng hạng: {units} tranh {tie.seats} suất, do Hội đồng quyết định"
                if vi
                else f"  Tie: {units} contest {tie.seats} seats, left to the council"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")


def _bound_map(
    value: object, name: str, units: dict[str, Fraction], what: tuple[str, str]
) -> dict[str, int]:
    """Caps or minimums: one whole number for every unit, or a mapping of unit ids to whole
    numbers (units not named are unbounded); ``what`` names the bound in English and
    Vietnamese for the messages."""
    if isinstance(value, int) and not isinstance(value, bool):
        bound = _bound(value, name)
        return dict.fromkeys(units, bound)
    if not isinstance(value, Mapping):
        raise CchcTypeError(
            f"must be a number or a mapping, not {type(value).__name__}",
            vi=f"phải là một số, hoặc {what[1]} theo mã từng đơn vị",
            field=name,
            value=value,
        )
    found: dict[str, int] = {}
    for unit, number in value.items():
        key = text(unit, name)
        if key not in units:
            raise NotFoundError(
                f"{what[0]} given for a unit without a weight",
                vi=f"có {what[1]} cho một đơn vị không có trọng số",
                field=name,
                value=unit,
            )
        if key in found:
            raise ValidationError(
                "unit given twice", vi="đơn vị được ghi hai lần", field=name, value=unit
            )
        found[key] = _bound(number, f"{name}[{unit!r}]")
    return found


def _check_inputs(
    weights: Mapping[str, object],
    total: int,
    caps: Mapping[str, int] | int | None,
    minimums: Mapping[str, int] | int | None,
) -> tuple[dict[str, Fraction], dict[str, int | None], dict[str, int]]:
    total = _seat_count(total, "total")
    if not isinstance(weights, Mapping):
        raise CchcTypeError(
            "must map unit ids to weights",
            vi="phải ghi trọng số theo mã từng đơn vị",
            field="weights",
            value=weights,
        )
    exact: dict[str, Fraction] = {}
    for unit, weight in weights.items():
        key = text(unit, "weights")
        if key in exact:
            raise ValidationError(
                "unit given twice", vi="đơn vị được ghi hai lần", field="weights", value=unit
            )
        exact[key] = exact_weight(weight, field=f"weights[{unit!r}]")
    limits: dict[str, int | None] = dict.fromkeys(exact)
    if caps is not None:
        limits.update(_bound_map(caps, "caps", exact, ("cap", "số suất tối đa")))
    floors = dict.fromkeys(exact, 0)
    if minimums is not None:
        floors.update(_bound_map(minimums, "minimums", exact, ("minimum", "số suất tối thiểu")))
    for unit, floor in floors.items():
        cap = limits[unit]
        if cap is not None and floor > cap:
            name = "minimums" if isinstance(minimums, int) else f"minimums[{unit!r}]"
            raise ValidationError(
                f"unit {unit!r}: the minimum of {floor} seats is above its cap of {cap}",
                vi=f"đơn vị {unit}: số suất tối thiểu {floor} lớn hơn số suất tối đa {cap}",
                field=name,
                value=floor,
            )
    given_first = sum(floors.values())
    if given_first > total:
        named = sum(1 for floor in floors.values() if floor)
        raise ValidationError(
            f"the minimums alone need {given_first:,} seats for {named:,} units, more than the "
            f"total of {total:,}",
            vi=f"riêng số suất tối thiểu của {_vi_number(named)} đơn vị đã cần "
            f"{_vi_number(given_first)} suất, nhiều hơn tổng số {_vi_number(total)} suất được "
            "phân bổ",
            field="total",
            value=total,
        )
    # a unit of weight 0 takes exactly its minimum; the others at most their cap (or the total)
    room = sum(
        (total if limits[u] is None else min(total, limits[u] or 0)) if w > 0 else floors[u]
        for u, w in exact.items()
    )
    if room < total:
        raise ValidationError(
            f"cannot place the seats: units with a positive weight can take only {room} "
            "within their caps",
            vi=f"không phân bổ hết được: trong giới hạn số suất tối đa, các đơn vị chỉ nhận "
            f"được {room} suất",
            field="total",
            value=total,
        )
    return exact, limits, floors


def _vi_number(number: int) -> str:
    """A whole number as Vietnamese text writes it, with a dot between thousands (1.200)."""
    return f"{number:,}".replace(",", ".")


def _bound(value: object, field: str) -> int:
    """A cap or a minimum on one unit's seats: a whole number, not negative (a cap above the
    total is no cap and is kept as given, up to the number limit)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            f"must be a whole number, not {type(value).__name__}",
            vi="phải là số nguyên",
            field=field,
            value=value,
        )
    return whole(value, field)


def apportion(
    weights: Mapping[str, int | Decimal | Fraction],
    total: int,
    method: ApportionmentMethod = ApportionmentMethod.HAMILTON,
    *,
    caps: Mapping[str, int] | int | None = None,
    minimums: Mapping[str, int] | int | None = None,
) -> Apportionment:
    """Spread ``total`` seats (commendations) over the units in proportion to ``weights``.

    ``weights`` are exact and not negative (staff counts, points); a unit of weight 0 gets no
    seat beyond its minimum. ``caps`` bounds each unit's seats from above and ``minimums`` from
    below (each one number for all, or per unit; a unit not named has no bound).

    Minimums are given first and counted in the total: each unit holds its minimum, and the
    method hands out the rest treating those seats as already held. For the highest-averages
    methods the sequence of claims simply continues from the seats held (as votelib's
    ``prev_gains``); for Hamilton, a unit whose exact quota falls below its minimum (or above
    its cap) is held there and the others share the remaining seats by largest remainders.
    So a unit gets ``max(minimum, its proportional share)``, never its minimum on top of it.

    Raises :class:`~cchc.errors.ValidationError` when the minimums alone exceed the total,
    when a minimum is above the unit's cap, and when the seats cannot be placed within the
    caps.

    >>> apportion({"a": 5, "b": 3, "c": 2}, 7, ApportionmentMethod.HUNTINGTON_HILL).as_dict()
    {'a': 4, 'b': 2, 'c': 1}
    >>> apportion({"a": 90, "b": 6, "c": 4}, 10, minimums=1).as_dict()
    {'a': 8, 'b': 1, 'c': 1}
    >>> apportion({"a": 5, "b": 3}, 9, caps=4)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: total = 9: cannot place the seats: ... only 8 within their caps
    >>> apportion({"a": 5, "b": 3, "c": 1}, 5, minimums=2)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: total = 5: the minimums alone need 6 seats for 3 units, more than the total of 5
    """  # noqa: E501
    exact, limits, floors = _check_inputs(weights, total, caps, minimums)
    method = _to_method(method)
    seats = dict(floors)
    if method is ApportionmentMethod.HAMILTON:
        ties = _hamilton(exact, limits, floors, total, seats)
    else:
        ties = _highest_averages(exact, limits, total, seats, method)
    return Apportionment(method=method, total=total, seats=seats, ties=ties, minimums=floors)


def _share_per_weight(
    weights: dict[str, int],
    limits: dict[str, int | None],
    floors: dict[str, int],
    left: int,
) -> Fraction:
    """The exact seats per unit of weight, λ, at which the units' quotas held within their
    bounds, ``Σ clamp(w·λ, minimum, cap)``, make ``left``. That sum grows with λ in straight
    pieces that bend where a unit leaves its minimum (λ = minimum / w) or reaches its cap
    (λ = cap / w); the bends are swept in order, so the whole search is one sort."""
    held = sum(floors[u] for u in weights)  # the sum at λ = 0: every unit at its minimum
    if held >= left:
        return Fraction(0)
    slope = sum(w for u, w in weights.items() if floors[u] == 0)
    bends: list[tuple[Fraction, int, str]] = []
    for unit, weight in weights.items():
        if floors[unit]:
            bends.append((Fraction(floors[unit], weight), 0, unit))  # 0: leaves its minimum
        cap = limits[unit]
        if cap is not None:
            bends.append((Fraction(cap, weight), 1, unit))  # 1: reaches its cap
    bends.sort()
    for at, kind, unit in bends:
        if held + slope * at >= left:
            break
        if kind == 0:
            held -= floors[unit]
            slope += weights[unit]
        else:
            held += limits[unit] or 0
            slope -= weights[unit]
    return Fraction(left - held, slope)


def _hamilton(
    weights: dict[str, Fraction],
    limits: dict[str, int | None],
    floors: dict[str, int],
    total: int,
    seats: dict[str, int],
) -> tuple[ApportionmentTie, ...]:
    # Scaled to whole numbers over a common denominator; units of weight 0 keep their minimum.
    scale = math.lcm(*(w.denominator for w in weights.values()))
    active = {u: w.numerator * (scale // w.denominator) for u, w in weights.items() if w > 0}
    left = total - sum(floors[u] for u in weights if u not in active)
    if not active or left == 0:
        return ()
    # A unit whose quota w·λ falls at or below its minimum, or at or above its cap, is held
    # there; the others share what remains by their exact quotas w·λ = w·p/q, whose whole part
    # is (w·p) // q and remainder (w·p) % q, all over the same q.
    share = _share_per_weight(active, limits, floors, left)
    free: dict[str, int] = {}
    for unit, weight in active.items():
        cap = limits[unit]
        if weight * share <= floors[unit]:
            seats[unit] = floors[unit]
        elif cap is not None and weight * share >= cap:
            seats[unit] = cap
        else:
            free[unit] = weight
    left -= sum(seats[u] for u in active if u not in free)
    if not free or left == 0:
        return ()
    remainders: dict[str, int] = {}
    for unit, weight in free.items():
        seats[unit], remainders[unit] = divmod(weight * share.numerator, share.denominator)
    rest = left - sum(seats[u] for u in free)
    if rest == 0:
        return ()
    cut = heapq.nlargest(rest, remainders.values())[-1]
    above = [u for u, r in remainders.items() if r > cut]
    at_cut = [u for u, r in remainders.items() if r == cut]
    for unit in above:
        seats[unit] += 1
    open_seats = rest - len(above)
    if len(at_cut) == open_seats:
        for unit in at_cut:
            seats[unit] += 1
        return ()
    return (ApportionmentTie(units=at_cut, seats=open_seats),)


class _Claim:
    """A unit's claim to its next seat, num / den within a tier (a higher tier beats any lower
    one), compared exactly by cross-multiplying whole numbers. Ordered strongest first, so
    that a min-heap pops the strongest claim."""

    __slots__ = ("den", "num", "tier", "unit")

    def __init__(self, unit: str, tier: int, num: int, den: int) -> None:
        self.unit, self.tier, self.num, self.den = unit, tier, num, den

    def __lt__(self, other: _Claim) -> bool:
        if self.tier != other.tier:
            return self.tier > other.tier
        return self.num * other.den > other.num * self.den

    def ties_with(self, other: _Claim) -> bool:
        return self.tier == other.tier and self.num * other.den == other.num * self.den


def _claim(method: ApportionmentMethod, unit: str, weight: int, held: int) -> _Claim:
    """The claim of a unit of (whole, scaled) ``weight`` holding ``held`` seats."""
    if method is ApportionmentMethod.DHONDT:
        return _Claim(unit, 0, weight, held + 1)
    if method is ApportionmentMethod.SAINTE_LAGUE:
        return _Claim(unit, 0, weight, 2 * held + 1)
    if held == 0:  # Huntington-Hill: the first seat has an infinite claim; larger weights first
        return _Claim(unit, 1, weight, 1)
    return _Claim(unit, 0, weight * weight, held * (held + 1))  # (w / sqrt(s(s+1)))^2


def _highest_averages(
    weights: dict[str, Fraction],
    limits: dict[str, int | None],
    total: int,
    seats: dict[str, int],
    method: ApportionmentMethod,
) -> tuple[ApportionmentTie, ...]:
    # ``seats`` already holds the minimums: the claims continue from the seats held.
    scale = math.lcm(*(w.denominator for w in weights.values()))
    whole = {u: w.numerator * (scale // w.denominator) for u, w in weights.items()}
    heap = [
        _claim(method, u, w, seats[u])
        for u, w in whole.items()
        if w > 0 and (limits[u] is None or seats[u] < (limits[u] or 0))
    ]
    heapq.heapify(heap)
    left = total - sum(seats.values())
    while left > 0:
        top = heapq.heappop(heap)
        best = [top]
        while heap and heap[0].ties_with(top):
            best.append(heapq.heappop(heap))
        if len(best) > left:
            return (ApportionmentTie(units=[c.unit for c in best], seats=left),)
        for claim in best:
            unit = claim.unit
            seats[unit] += 1
            left -= 1
            limit = limits[unit]
            if limit is None or seats[unit] < limit:
                heapq.heappush(heap, _claim(method, unit, whole[unit], seats[unit]))
    return ()
