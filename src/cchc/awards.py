"""Awards at the end of an emulation campaign (khen thưởng): prizes per group, eligibility
gates, ties, quotas, titles, and a decision that says why.

Law 06/2022/QH15 on Emulation and Commendation (Art. 16–17) ends every emulation campaign
(phong trào thi đua) with a final review and commendation. Seed plan 138/KH-UBND of Châu
Thành district (2021) is typical: prizes **per group** (khối) — one first, one second, one
third and one encouragement prize for the district's offices and the same for its communes —
plus commendation of eight individuals.

Everything here is data and pure functions. A :class:`PrizeStructure` names the groups, each
with its ordered :class:`PrizeLevel`\\ s, its :class:`Eligibility` gates and its
:class:`PrizeTiePolicy`; :class:`Title`\\ s (Lao động tiên tiến, Chiến sĩ thi đua cơ sở) may be
capped by a :class:`Quota`. :func:`allocate` walks each group's ranking and returns an
:class:`AwardDecision`; :func:`explain` reads it out.

>>> prizes = PrizeStructure(
...     groups=[PrizeGroup("XA", "UBND xã, thị trấn", [
...         PrizeLevel("nhat", "Giải Nhất"), PrizeLevel("nhi", "Giải Nhì")])],
...     name="Thi đua CCHC 2021")
>>> str(prizes.groups[0])
'UBND xã, thị trấn (01 Giải Nhất và 01 Giải Nhì)'
>>> decision = allocate(prizes, [
...     Candidate("xa-an-hiep", "XA", Decimal("91.50"), name="Xã An Hiệp"),
...     Candidate("tt-chau-thanh", "XA", Decimal("88.25"), name="Thị trấn Châu Thành"),
...     Candidate("xa-an-khanh", "XA", Decimal("79.00"), name="Xã An Khánh"),
... ])
>>> [(a.recipient, a.prize) for a in decision.awards]
[('xa-an-hiep', 'nhat'), ('tt-chau-thanh', 'nhi')]
>>> print(explain(decision, lang="en"))
Award decision: Thi đua CCHC 2021
<BLANKLINE>
Group XA — UBND xã, thị trấn
  Giải Nhất: Xã An Hiệp (xa-an-hiep), 91.50 points, rank 1 — ranked 1 in the group
  Giải Nhì: Thị trấn Châu Thành (tt-chau-thanh), 88.25 points, rank 2 — ranked 2 in the group

The candidate value
-------------------
:class:`Candidate` is deliberately flat so that any scoring result converts to it in a line
or two: the unit (or person) id, the ranking group's code, the final points, optionally the
index in per cent and the classification band's label, and what the gates and tie-breaks look
at (staff and participation, flags, evidence, priorities, per-field points, the appraisal
council's points, the number of deductions).
"""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc.criteria import NUMBER_LIMIT
from cchc.errors import CchcError, CchcTypeError, NotFoundError, ValidationError
from cchc.text import fold, nfc

__all__ = [
    # candidates
    "Candidate",
    "Priority",
    # rules
    "Eligibility",
    "SizeBracket",
    "Quota",
    "Rounding",
    "FORMER_CSTDCS_QUOTA",
    "TieBreak",
    "TieBreakKind",
    "TieMode",
    "PrizeTiePolicy",
    "RankBy",
    # structures
    "PrizeLevel",
    "PrizeGroup",
    "Title",
    "PrizeStructure",
    "CHAU_THANH_2021",
    # decisions
    "Reason",
    "Award",
    "Unfilled",
    "UnresolvedTie",
    "Exclusion",
    "AwardDecision",
    "allocate",
    "explain",
]

# ---------------------------------------------------------------------------------------------
# converters and checks


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise CchcTypeError("must be text", field=field, value=value)
    return nfc(value)


def _nfc_if_text(value: Any) -> Any:
    """Converter: text to NFC; anything else is left for the validator to refuse."""
    return nfc(value) if isinstance(value, str) else value


def _is_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _text(value, attribute.name)


def _is_optional_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(value, attribute.name)


def _is_name(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not _text(value, attribute.name):
        raise ValidationError("must not be empty", field=attribute.name, value=value)


#: The finest step a number may have (12 decimals, as in :mod:`cchc.criteria`), and the
#: largest denominator of an exact share: a ratio of two numbers within the limits.
_FINEST = Decimal(1).scaleb(-12)
_DENOMINATOR_LIMIT = NUMBER_LIMIT**2


def _bounded_decimal(number: Decimal, field: str, value: object) -> Decimal:
    """``number`` if it is finite, below :data:`~cchc.criteria.NUMBER_LIMIT` in magnitude and
    has at most 12 decimals; checked without expanding huge exponents."""
    if not number.is_finite():
        raise ValidationError("must be a finite number", field=field, value=value)
    if number.copy_abs() >= NUMBER_LIMIT:
        raise ValidationError(
            f"is too large (the limit is {NUMBER_LIMIT:,})", field=field, value=value
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -12 and number.quantize(_FINEST) != number:
        raise ValidationError("has more than 12 decimals", field=field, value=value)
    return number


def _parse_decimal(value: str, field: str) -> Decimal:
    try:
        return Decimal(value)
    except ArithmeticError as exc:
        raise ValidationError("is not a number", field=field, value=value) from exc


def _exact_decimal(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise CchcTypeError(
            f"must be exact (int, Decimal or text), not {type(value).__name__}",
            field=field,
            value=value,
        )
    if isinstance(value, int) and abs(value) >= NUMBER_LIMIT:
        raise ValidationError(
            f"is too large (the limit is {NUMBER_LIMIT:,})", field=field, value=value
        )
    number = _parse_decimal(value, field) if isinstance(value, str) else Decimal(value)
    return _bounded_decimal(number, field, value)


def _to_decimal(value: Any) -> Any:
    """Converter: ints and text to Decimal; anything else (and anything refused) is left for
    the validator, which names the field."""
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return _exact_decimal(value, "")
        except CchcError:
            return value
    return value


def _is_decimal(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _exact_decimal(value, attribute.name)


def _is_optional_decimal(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _exact_decimal(value, attribute.name)


def _exact_fraction(value: object, field: str) -> Fraction:
    """Read an exact number as a Fraction, within the limits; never expands a huge exponent
    (``"1e999999999"`` is refused, not computed)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction | str):
        raise CchcTypeError(
            f"must be exact (int, Decimal, Fraction or text), not {type(value).__name__}",
            field=field,
            value=value,
        )
    if isinstance(value, Decimal):
        return Fraction(_bounded_decimal(value, field, value))
    if isinstance(value, str):
        text = value.strip()
        if "/" not in text:
            return Fraction(_bounded_decimal(_parse_decimal(text, field), field, value))
        try:
            result = Fraction(text)
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError("is not a finite number", field=field, value=value) from exc
    else:
        result = Fraction(value)
    if abs(result) >= NUMBER_LIMIT:
        raise ValidationError(
            f"is too large (the limit is {NUMBER_LIMIT:,})", field=field, value=value
        )
    if result.denominator > _DENOMINATOR_LIMIT:
        raise ValidationError(
            f"is finer than the limit (denominators up to {_DENOMINATOR_LIMIT:.0e})",
            field=field,
            value=value,
        )
    return result


def _to_fraction(value: Any) -> Any:
    """Converter: ints, Decimals and text to Fraction; anything else (and anything refused)
    is left for the validator, which names the field."""
    if isinstance(value, int | Decimal | str) and not isinstance(value, bool):
        try:
            return _exact_fraction(value, "")
        except CchcError:
            return value
    return value


def _is_fraction(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _exact_fraction(value, attribute.name)


def _is_optional_fraction(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _exact_fraction(value, attribute.name)


def _text_set(value: Any, field: str) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise CchcTypeError("must be a collection of texts", field=field, value=value)
    return frozenset(_text(v, field) for v in value)


def _flags(value: Any) -> frozenset[str]:
    return _text_set(value, "flags")


def _optional_flags(value: Any) -> frozenset[str] | None:
    return None if value is None else _text_set(value, "disqualifying_flags")


def _priorities(value: Any) -> frozenset[Priority]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise CchcTypeError("must be a collection of priorities", field="priorities", value=value)
    try:
        return frozenset(v if isinstance(v, Priority) else Priority(v) for v in value)
    except (ValueError, TypeError) as exc:
        known = ", ".join(p.value for p in Priority)
        raise ValidationError(
            f"unknown priority; known: {known}", field="priorities", value=value
        ) from exc


def _field_points(value: Any) -> tuple[tuple[str, Decimal], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise CchcTypeError("must map field codes to points", field="field_points", value=value)
    try:
        items = [(k, v) for k, v in items]
    except (TypeError, ValueError) as exc:
        raise CchcTypeError(
            "must map field codes to points", field="field_points", value=value
        ) from exc
    pairs = sorted(
        (_text(k, "field_points"), _exact_decimal(v, f"field_points[{k!r}]")) for k, v in items
    )
    keys = [fold(k) for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValidationError("a field is given twice", field="field_points", value=value)
    return tuple(pairs)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError("must be a whole number", field=attribute.name, value=value)
    if value < 0:
        raise ValidationError("must not be negative", field=attribute.name, value=value)
    if value >= NUMBER_LIMIT:
        raise ValidationError(
            f"is too large (the limit is {NUMBER_LIMIT:,})", field=attribute.name, value=value
        )


def _count(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        raise CchcTypeError("must be a whole number", field=attribute.name, value=value)
    _non_negative(instance, attribute, value)


def _of_type(kind: type, *, optional: bool = False) -> Callable[[object, Any, Any], None]:
    """A validator refusing anything but ``kind`` (or ``None`` when ``optional``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise CchcTypeError(f"must be a {kind.__name__}", field=attribute.name, value=value)

    return check


def _tuple(value: Any) -> Any:
    """Converter: any collection to a tuple; anything else is left for the validator."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _tuple_of(kind: type) -> Callable[[object, Any, Any], None]:
    """A validator for a tuple whose items are all ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise CchcTypeError(
                f"must be a collection of {kind.__name__}", field=attribute.name, value=value
            )
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                raise CchcTypeError(
                    f"must be a {kind.__name__}", field=f"{attribute.name}[{i}]", value=item
                )

    return check


def _share(instance: object, attribute: attrs.Attribute[Any], value: Fraction | None) -> None:
    if value is not None and not 0 <= value <= 1:
        raise ValidationError("a share must lie between 0 and 1", field=attribute.name, value=value)


def _fmt(value: Decimal | Fraction) -> str:
    """Display form of a number: Decimals as given, Fractions to two decimals (display only)."""
    if isinstance(value, Decimal):
        return str(value)
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return str(shown)


def _percent(share: Fraction) -> str:
    return f"{_fmt(share * 100).rstrip('0').rstrip('.')} %"


# ---------------------------------------------------------------------------------------------
# candidates


class Priority(enum.Enum):
    """Attributes the law asks to be given attention in commendation (Law 06/2022/QH15 Art. 5):
    workers directly on the front line, women, and people or units in remote, difficult areas.
    """

    FRONT_LINE = "front-line"
    WOMAN = "woman"
    REMOTE_AREA = "remote-area"

    @property
    def vi(self) -> str:
        """The Vietnamese label.

        >>> Priority.REMOTE_AREA.vi
        'vùng sâu, vùng xa, vùng khó khăn'
        """
        return _PRIORITY_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _PRIORITY_LABELS[self][1]

    def __repr__(self) -> str:
        return f"Priority.{self.name}"


_PRIORITY_CODES = tuple(p.value for p in Priority)
_PRIORITY_LABELS = {
    Priority.FRONT_LINE: ("người trực tiếp công tác, lao động", "front-line worker"),
    Priority.WOMAN: ("nữ", "woman"),
    Priority.REMOTE_AREA: ("vùng sâu, vùng xa, vùng khó khăn", "remote or difficult area"),
}


@attrs.frozen
class Candidate:
    """One unit or person competing for prizes in one ranking group.

    ``id`` is the unit code or person id; ``group`` the ranking group's code (khối, cụm);
    ``points`` the final points. For a person, ``unit`` names the unit they belong to (per-unit
    caps count by it); for a unit it is left ``None`` and the unit is its own. ``index`` is the
    index in per cent (points / maximum × 100) and ``band`` the classification label ("A").

    The rest feeds the gates and tie-breaks: ``staff`` (headcount) and ``participation`` (the
    share of staff taking part, 0–1), ``flags`` (disqualifying marks such as a disciplinary
    record), ``evidence`` (evidence files present), ``priorities``, ``field_points`` (points per
    field or criterion, by code), ``appraisal_points`` (the council's points) and
    ``deductions`` (how many deductions the unit received).

    Converting a scoring result is one call: ``Candidate(unit.code, group.code, result.points,
    index=result.index, band=result.band.label, staff=unit.staff, field_points={...})``.

    >>> c = Candidate("xa-an-hiep", "XA", Decimal("91.50"), band="A",
    ...               priorities=[Priority.REMOTE_AREA], field_points={"TTHC": Decimal("18")})
    >>> c.field("tthc"), c.unit_id, c.display_name
    (Decimal('18'), 'xa-an-hiep', 'xa-an-hiep')
    >>> Candidate("x", "XA", 91.5)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: points = 91.5: must be exact (int, Decimal or text), not float
    """

    id: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    group: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    points: Decimal = attrs.field(converter=_to_decimal, validator=_is_decimal)
    name: str = attrs.field(default="", converter=_nfc_if_text, validator=_is_text)
    unit: str | None = attrs.field(
        default=None, converter=_nfc_if_text, validator=_is_optional_text
    )
    index: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=_is_optional_fraction
    )
    band: str | None = attrs.field(
        default=None, converter=_nfc_if_text, validator=_is_optional_text
    )
    staff: int | None = attrs.field(default=None, validator=_non_negative)
    participation: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=[_is_optional_fraction, _share]
    )
    flags: frozenset[str] = attrs.field(factory=frozenset, converter=_flags)
    evidence: bool = attrs.field(default=True, validator=_of_type(bool))
    priorities: frozenset[Priority] = attrs.field(factory=frozenset, converter=_priorities)
    field_points: tuple[tuple[str, Decimal], ...] = attrs.field(default=(), converter=_field_points)
    appraisal_points: Decimal | None = attrs.field(
        default=None, converter=_to_decimal, validator=_is_optional_decimal
    )
    deductions: int = attrs.field(default=0, validator=_count)

    @property
    def unit_id(self) -> str:
        """The unit this candidate counts against: ``unit`` for a person, else its own id."""
        return self.unit if self.unit is not None else self.id

    @property
    def display_name(self) -> str:
        """``name`` if given, else the id."""
        return self.name or self.id

    def field(self, code: str) -> Decimal:
        """Points for one field or criterion (tone-placement- and case-insensitive); raises
        :class:`~cchc.errors.NotFoundError` when the candidate has none."""
        key = fold(code)
        for name, points in self.field_points:
            if fold(name) == key:
                return points
        raise NotFoundError(
            f"candidate {self.id!r} has no points for this field", field="field", value=code
        )


# ---------------------------------------------------------------------------------------------
# reasons


@attrs.frozen
class Reason:
    """Why something happened, with a stable ``code`` and the text in Vietnamese and English.

    >>> r = Reason("points", "điểm 68.50 thấp hơn mức tối thiểu 70", "points 68.50 below 70")
    >>> r.text("vi")
    'điểm 68.50 thấp hơn mức tối thiểu 70'
    >>> str(r)
    'points 68.50 below 70'
    """

    code: str
    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        """The text in ``lang`` ("vi" or "en")."""
        return self.vi if lang == "vi" else self.en

    def __str__(self) -> str:
        return self.en


# ---------------------------------------------------------------------------------------------
# eligibility


@attrs.frozen
class SizeBracket:
    """A participation requirement for units of at least ``min_staff`` staff: ``share`` of
    them (0–1) must take part.

    >>> SizeBracket(20, Fraction(4, 5))
    SizeBracket(min_staff=20, share=Fraction(4, 5))
    """

    min_staff: int = attrs.field(validator=_count)
    share: Fraction = attrs.field(converter=_to_fraction, validator=[_is_fraction, _share])


def _brackets(value: Any) -> tuple[SizeBracket, ...]:
    items = _tuple(value)
    if not isinstance(items, tuple):
        raise CchcTypeError(
            "must be a collection of SizeBracket", field="participation", value=value
        )
    for i, item in enumerate(items):
        if not isinstance(item, SizeBracket):
            raise CchcTypeError("must be a SizeBracket", field=f"participation[{i}]", value=item)
    brackets = tuple(sorted(items, key=lambda b: b.min_staff))
    sizes = [b.min_staff for b in brackets]
    if len(set(sizes)) != len(sizes):
        raise ValidationError(
            "two brackets start at the same staff size", field="participation", value=sizes
        )
    return brackets


def _band_order(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise CchcTypeError("must be a collection of band labels", field="band_order", value=value)
    order = tuple(_text(v, "band_order") for v in value)
    if len({fold(v) for v in order}) != len(order):
        raise ValidationError("a band is listed twice", field="band_order", value=order)
    return order


@attrs.frozen
class Eligibility:
    """The gates a candidate must pass before any prize (điều kiện xét khen thưởng).

    ``min_band`` with ``band_order`` (best first) sets the lowest acceptable band;
    ``min_points`` and ``min_index`` (per cent) set thresholds, compared exactly;
    ``participation`` gives the share of staff that must take part, by size bracket (the
    bracket with the largest ``min_staff`` not above the unit's staff applies);
    ``disqualifying_flags`` lists the flags that disqualify (``None``: any flag does);
    ``evidence_required`` demands evidence.

    >>> gate = Eligibility(min_band="B", min_points=Decimal(70),
    ...                    participation=[SizeBracket(0, Fraction(1, 2)),
    ...                                   SizeBracket(20, Fraction(4, 5))])
    >>> weak = Candidate("x", "XA", Decimal("68.5"), band="C", staff=25,
    ...                  participation=Fraction(3, 5), flags={"kỷ luật"})
    >>> [r.code for r in gate.reasons(weak)]
    ['band', 'points', 'participation', 'flag']
    >>> print(gate.reasons(weak)[2].text("vi"))
    tỷ lệ tham gia 60 % thấp hơn yêu cầu 80 % (đơn vị từ 20 người)
    >>> gate.reasons(Candidate("y", "XA", Decimal(90), band="A", staff=8,
    ...                        participation=Fraction(1, 2)))
    ()
    """

    min_band: str | None = attrs.field(
        default=None, converter=_nfc_if_text, validator=_is_optional_text
    )
    band_order: tuple[str, ...] = attrs.field(default=("A", "B", "C", "D"), converter=_band_order)
    min_points: Decimal | None = attrs.field(
        default=None, converter=_to_decimal, validator=_is_optional_decimal
    )
    min_index: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=_is_optional_fraction
    )
    participation: tuple[SizeBracket, ...] = attrs.field(default=(), converter=_brackets)
    disqualifying_flags: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_flags
    )
    evidence_required: bool = attrs.field(default=True, validator=_of_type(bool))
    # folded forms, computed once (not part of the value)
    _band_keys: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _flag_keys: frozenset[str] | None = attrs.field(init=False, repr=False, eq=False)
    _min_rank: int | None = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_band_keys", tuple(fold(b) for b in self.band_order))
        object.__setattr__(
            self, "_min_rank", None if self.min_band is None else self._band_rank(self.min_band)
        )
        flags = self.disqualifying_flags
        object.__setattr__(self, "_flag_keys", None if flags is None else {fold(f) for f in flags})
        if self.min_band is not None and self._min_rank is None:
            raise ValidationError(
                f"not one of the bands {', '.join(self.band_order)}",
                field="min_band",
                value=self.min_band,
            )
        if self.min_index is not None and not 0 <= self.min_index <= 100:
            raise ValidationError(
                "an index lies between 0 and 100 %", field="min_index", value=self.min_index
            )

    def _band_rank(self, band: str) -> int | None:
        key = fold(band)
        return self._band_keys.index(key) if key in self._band_keys else None

    def required_share(self, staff: int) -> SizeBracket | None:
        """The bracket that applies to a unit of ``staff`` people, if any.

        >>> Eligibility(participation=[SizeBracket(10, Fraction(1, 2))]).required_share(5)
        """
        found = None
        for bracket in self.participation:
            if bracket.min_staff <= staff:
                found = bracket
        return found

    def reasons(self, candidate: Candidate) -> tuple[Reason, ...]:
        """Every gate ``candidate`` fails, in the order above; empty when it is eligible."""
        return tuple(self._failures(candidate))

    def _failures(self, c: Candidate) -> Iterator[Reason]:
        if self.min_band is not None:
            rank = None if c.band is None else self._band_rank(c.band)
            if c.band is None:
                yield Reason("band", "chưa được xếp loại", "has no band")
            elif rank is None:
                yield Reason(
                    "band", f"xếp loại {c.band} không có trong thang", f"unknown band {c.band}"
                )
            elif rank > (self._min_rank or 0):
                yield Reason(
                    "band",
                    f"xếp loại {c.band} thấp hơn mức tối thiểu {self.min_band}",
                    f"band {c.band} is below the minimum {self.min_band}",
                )
        if self.min_points is not None and c.points < self.min_points:
            yield Reason(
                "points",
                f"điểm {c.points} thấp hơn mức tối thiểu {self.min_points}",
                f"points {c.points} are below the minimum {self.min_points}",
            )
        if self.min_index is not None and c.index is None:
            yield Reason(
                "index",
                f"chưa có chỉ số (yêu cầu tối thiểu {_fmt(self.min_index)} %)",
                f"has no index (the minimum is {_fmt(self.min_index)} %)",
            )
        elif self.min_index is not None and c.index is not None and c.index < self.min_index:
            yield Reason(
                "index",
                f"chỉ số {_fmt(c.index)} % thấp hơn mức tối thiểu {_fmt(self.min_index)} %",
                f"index {_fmt(c.index)} % is below the minimum {_fmt(self.min_index)} %",
            )
        yield from self._participation_failures(c)
        flags = (
            c.flags
            if self._flag_keys is None
            else {f for f in c.flags if fold(f) in self._flag_keys}
        )
        if flags:
            shown = ", ".join(sorted(flags))
            yield Reason("flag", f"thuộc trường hợp loại trừ: {shown}", f"disqualified: {shown}")
        if self.evidence_required and not c.evidence:
            yield Reason("evidence", "thiếu tài liệu kiểm chứng", "no evidence provided")

    def _participation_failures(self, c: Candidate) -> Iterator[Reason]:
        if not self.participation:
            return
        bracket = None if c.staff is None else self.required_share(c.staff)
        if c.staff is not None and bracket is None:
            return  # no bracket covers a unit this small: nothing is required
        if c.staff is None or c.participation is None:
            yield Reason(
                "participation",
                "thiếu số liệu về tỷ lệ tham gia",
                "no data on staff participation",
            )
            return
        if bracket is not None and c.participation < bracket.share:
            yield Reason(
                "participation",
                f"tỷ lệ tham gia {_percent(c.participation)} thấp hơn yêu cầu "
                f"{_percent(bracket.share)} (đơn vị từ {bracket.min_staff} người)",
                f"participation {_percent(c.participation)} is below the required "
                f"{_percent(bracket.share)} (units of {bracket.min_staff} or more)",
            )


# ---------------------------------------------------------------------------------------------
# quotas


class Rounding(enum.Enum):
    """How a quota's exact share becomes a whole number of awards.

    >>> [r.apply(Fraction(9, 4)) for r in Rounding]
    [2, 2, 3, 2]
    >>> Rounding.HALF_UP.apply(Fraction(5, 2)), Rounding.AT_LEAST_ONE.apply(Fraction(3, 20))
    (3, 1)
    """

    FLOOR = "floor"
    HALF_UP = "half-up"
    CEILING = "ceiling"
    AT_LEAST_ONE = "at-least-one"

    def apply(self, value: Fraction) -> int:
        """Round ``value`` (not negative) to a whole number by this rule. ``AT_LEAST_ONE``
        rounds down but gives 1 to any positive value below 1."""
        floor = value.numerator // value.denominator
        if self is Rounding.FLOOR:
            return floor
        if self is Rounding.CEILING:
            return -(-value.numerator // value.denominator)
        if self is Rounding.HALF_UP:
            return floor + (1 if value - floor >= Fraction(1, 2) else 0)
        return max(floor, 1) if value > 0 else 0

    @property
    def vi(self) -> str:
        """The Vietnamese wording."""
        return _ROUNDING_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English wording."""
        return _ROUNDING_LABELS[self][1]

    def __repr__(self) -> str:
        return f"Rounding.{self.name}"


_ROUNDING_LABELS = {
    Rounding.FLOOR: ("làm tròn xuống", "rounded down"),
    Rounding.HALF_UP: ("làm tròn theo quy tắc 0,5 lên", "rounded half up"),
    Rounding.CEILING: ("làm tròn lên", "rounded up"),
    Rounding.AT_LEAST_ONE: ("làm tròn xuống, tối thiểu 01", "rounded down, at least one"),
}


@attrs.frozen
class Quota:
    """A cap of ``percent`` % of a base count, rounded by ``rounding``.

    The base is the number of candidates in the group when ``of`` is ``None``, otherwise the
    number of recipients of the title (or, for a prize level, the earlier level of the same
    group) whose code ``of`` names. ``source`` cites the rule.

    >>> q = Quota(15, Rounding.FLOOR, of="LDTT")
    >>> q.limit(40), q.limit(6)
    (6, 0)
    >>> str(q)
    '≤ 15 % of LDTT, rounded down'
    >>> Quota(120)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: percent = Fraction(120, 1): a quota lies between 0 and 100 %
    """

    percent: Fraction = attrs.field(converter=_to_fraction, validator=_is_fraction)
    rounding: Rounding = attrs.field(default=Rounding.FLOOR, validator=_of_type(Rounding))
    of: str | None = attrs.field(default=None, converter=_nfc_if_text, validator=_is_optional_text)
    source: str = attrs.field(default="", converter=_nfc_if_text, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValidationError(
                "a quota lies between 0 and 100 %", field="percent", value=self.percent
            )

    def limit(self, base: int) -> int:
        """The most awards this quota allows over ``base``."""
        return self.rounding.apply(self.percent * base / 100)

    def text(self, lang: str = "vi") -> str:
        """The quota in words."""
        base_vi = f"số đạt {self.of}" if self.of else "số ứng viên trong khối"
        base_en = self.of if self.of else "the candidates in the group"
        if lang == "vi":
            return f"không quá {_percent(self.percent / 100)} {base_vi}, {self.rounding.vi}"
        return f"≤ {_percent(self.percent / 100)} of {base_en}, {self.rounding.en}"

    def __str__(self) -> str:
        return self.text("en")


#: The former rule for Chiến sĩ thi đua cơ sở: at most 15 % of those awarded Lao động tiên
#: tiến, under the former Decree 91/2017/NĐ-CP. It is a former rule, not current
#: law: the figures of the current Decree 152/2025/NĐ-CP have not been verified for this
#: library and are not encoded (sector rules differ as well); give a current quota as a
#: :class:`Quota` with its own ``source``.
FORMER_CSTDCS_QUOTA = Quota(
    15,
    Rounding.FLOOR,
    of="LDTT",
    source=(
        "Nghị định 91/2017/NĐ-CP (quy định cũ; mức theo Nghị định 152/2025/NĐ-CP "
        "hiện hành chưa được kiểm chứng)"
    ),
)

# ---------------------------------------------------------------------------------------------
# ties


class TieBreakKind(enum.Enum):
    """One link of a tie-break chain.

    >>> TieBreak.fewer_deductions().kind
    TieBreakKind.FEWER_DEDUCTIONS
    """

    FIELD = "field"  # higher points in a named field or criterion
    FEWER_DEDUCTIONS = "fewer-deductions"
    APPRAISAL = "appraisal"  # higher appraisal council points
    PRIORITY = "priority"  # holds a priority (or more of them)
    LOT = "lot"  # a seeded, reproducible lot

    def __repr__(self) -> str:
        return f"TieBreakKind.{self.name}"


@attrs.frozen
class TieBreak:
    """One link of a tie-break chain; ``arg`` is the field code (``FIELD``), the priority's value
    or empty for "more priorities" (``PRIORITY``), or the seed (``LOT``).

    The lot is deterministic: each candidate draws the SHA-256 digest of the seed, a U+001F
    separator and its folded id, and the smallest digest wins. Anyone can redo it; nothing
    depends on Python's random state or the input order.

    >>> str(TieBreak.field_points("TTHC")), str(TieBreak.lot("138/KH-UBND"))
    ('higher TTHC points', 'lot seeded with 138/KH-UBND')
    >>> TieBreak(TieBreakKind.LOT)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: arg = '': a lot needs a seed
    """

    kind: TieBreakKind = attrs.field(validator=_of_type(TieBreakKind))
    arg: str = attrs.field(default="", converter=_nfc_if_text, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        if self.kind is TieBreakKind.FIELD and not self.arg:
            raise ValidationError("a field tie-break needs the field code", field="arg", value="")
        if self.kind is TieBreakKind.LOT and not self.arg:
            raise ValidationError("a lot needs a seed", field="arg", value="")
        if self.kind is TieBreakKind.PRIORITY and self.arg not in ("", *_PRIORITY_CODES):
            raise ValidationError(
                f"unknown priority; known: {', '.join(_PRIORITY_CODES)}",
                field="arg",
                value=self.arg,
            )
        if self.kind in (TieBreakKind.FEWER_DEDUCTIONS, TieBreakKind.APPRAISAL) and self.arg:
            raise ValidationError("takes no argument", field="arg", value=self.arg)

    @classmethod
    def field_points(cls, code: str) -> TieBreak:
        """Higher points in the field or criterion ``code``."""
        return cls(TieBreakKind.FIELD, code)

    @classmethod
    def fewer_deductions(cls) -> TieBreak:
        """Fewer deductions."""
        return cls(TieBreakKind.FEWER_DEDUCTIONS)

    @classmethod
    def appraisal(cls) -> TieBreak:
        """Higher points from the appraisal council."""
        return cls(TieBreakKind.APPRAISAL)

    @classmethod
    def priority(cls, which: Priority | None = None) -> TieBreak:
        """Holding the priority ``which``; with ``None``, holding more priorities."""
        return cls(TieBreakKind.PRIORITY, which.value if which else "")

    @classmethod
    def lot(cls, seed: str) -> TieBreak:
        """A seeded lot (see the class docstring)."""
        return cls(TieBreakKind.LOT, seed)

    def key(self, candidate: Candidate) -> Any:
        """The candidate's standing on this link; larger is better."""
        if self.kind is TieBreakKind.FIELD:
            return candidate.field(self.arg)
        if self.kind is TieBreakKind.FEWER_DEDUCTIONS:
            return -candidate.deductions
        if self.kind is TieBreakKind.APPRAISAL:
            if candidate.appraisal_points is None:
                raise ValidationError(
                    "has no appraisal points, which the tie-break needs",
                    field=f"candidates[{candidate.id!r}].appraisal_points",
                    value=None,
                )
            return candidate.appraisal_points
        if self.kind is TieBreakKind.PRIORITY:
            if self.arg:
                return int(Priority(self.arg) in candidate.priorities)
            return len(candidate.priorities)
        digest = hashlib.sha256(f"{self.arg}\x1f{fold(candidate.id)}".encode()).digest()
        return -int.from_bytes(digest, "big")

    def text(self, lang: str = "vi") -> str:
        """The link in words."""
        if self.kind is TieBreakKind.FIELD:
            return f"điểm {self.arg} cao hơn" if lang == "vi" else f"higher {self.arg} points"
        if self.kind is TieBreakKind.FEWER_DEDUCTIONS:
            return "ít lần bị trừ điểm hơn" if lang == "vi" else "fewer deductions"
        if self.kind is TieBreakKind.APPRAISAL:
            return "điểm thẩm định cao hơn" if lang == "vi" else "higher appraisal points"
        if self.kind is TieBreakKind.PRIORITY:
            if self.arg:
                p = Priority(self.arg)
                return f"ưu tiên {p.vi}" if lang == "vi" else f"priority to {p.en}"
            return "nhiều đối tượng ưu tiên hơn" if lang == "vi" else "more priorities"
        return (
            f"bốc thăm với hạt giống {self.arg}" if lang == "vi" else f"lot seeded with {self.arg}"
        )

    def __str__(self) -> str:
        return self.text("en")


class TieMode(enum.Enum):
    """What happens when candidates with equal results straddle a prize boundary.

    >>> PrizeTiePolicy().mode
    TieMode.COUNCIL
    """

    SHARE = "share"  # all of them receive the prize (đồng giải)
    BREAK = "break"  # the chain decides; what it cannot separate goes to the council
    COUNCIL = "council"  # the council decides; the tie is returned unresolved

    def __repr__(self) -> str:
        return f"TieMode.{self.name}"


@attrs.frozen
class PrizeTiePolicy:
    """How ties at a prize boundary are handled; never by input order.

    With ``SHARE``, ``shrink_next`` says whether the levels below lose the extra places (two
    tied for first take both the first and the second place's prize count).

    >>> policy = PrizeTiePolicy(TieMode.BREAK,
    ...                         [TieBreak.field_points("TTHC"), TieBreak.lot("2021")])
    >>> [str(link) for link in policy.chain]
    ['higher TTHC points', 'lot seeded with 2021']
    >>> PrizeTiePolicy(TieMode.BREAK)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: chain = (): breaking ties needs at least one tie-break
    """

    mode: TieMode = attrs.field(default=TieMode.COUNCIL, validator=_of_type(TieMode))
    chain: tuple[TieBreak, ...] = attrs.field(
        default=(), converter=_tuple, validator=_tuple_of(TieBreak)
    )
    shrink_next: bool = attrs.field(default=True, validator=_of_type(bool))

    def __attrs_post_init__(self) -> None:
        if self.mode is TieMode.BREAK and not self.chain:
            raise ValidationError(
                "breaking ties needs at least one tie-break", field="chain", value=self.chain
            )
        if self.mode is not TieMode.BREAK and self.chain:
            raise ValidationError(
                f"a chain is used only with TieMode.BREAK, not {self.mode!r}",
                field="chain",
                value=self.chain,
            )


# ---------------------------------------------------------------------------------------------
# structures


class RankBy(enum.Enum):
    """What a group is ranked on: final points, or the index (when maxima differ).

    >>> PrizeGroup("PB", "Phòng, ban").rank_by
    RankBy.POINTS
    """

    POINTS = "points"
    INDEX = "index"

    def __repr__(self) -> str:
        return f"RankBy.{self.name}"


@attrs.frozen
class PrizeLevel:
    """One prize level (giải) with how many are given, optionally capped by a quota.

    >>> PrizeLevel("kk", "Giải Khuyến khích", 2)
    PrizeLevel(code='kk', name='Giải Khuyến khích', count=2, quota=None)
    >>> PrizeLevel("kk", "Giải Khuyến khích", -1)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: count = -1: must not be negative
    """

    code: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    name: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    count: int = attrs.field(default=1, validator=_count)
    quota: Quota | None = attrs.field(default=None, validator=_of_type(Quota, optional=True))

    def __str__(self) -> str:
        return f"{self.count:02d} {self.name}"


def _check_codes(what: str, codes: Sequence[str]) -> None:
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if fold(code) in seen:
            raise ValidationError("code used twice", field=f"{what}[{i}].code", value=code)
        seen.add(fold(code))


@attrs.frozen
class PrizeGroup:
    """A ranking group (khối, cụm) with its prize levels, best first, and its rules.

    ``per_unit_cap`` bounds the awards of this group that candidates of one unit may take
    (for groups of individuals).

    >>> g = PrizeGroup("PB", "Phòng, ban, ngành huyện",
    ...                [PrizeLevel("nhat", "Giải Nhất"), PrizeLevel("nhi", "Giải Nhì")])
    >>> str(g)
    'Phòng, ban, ngành huyện (01 Giải Nhất và 01 Giải Nhì)'
    >>> g.total
    2
    """

    code: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    name: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    levels: tuple[PrizeLevel, ...] = attrs.field(
        default=(), converter=_tuple, validator=_tuple_of(PrizeLevel)
    )
    eligibility: Eligibility = attrs.field(default=Eligibility(), validator=_of_type(Eligibility))
    ties: PrizeTiePolicy = attrs.field(default=PrizeTiePolicy(), validator=_of_type(PrizeTiePolicy))
    rank_by: RankBy = attrs.field(default=RankBy.POINTS, validator=_of_type(RankBy))
    per_unit_cap: int | None = attrs.field(default=None, validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        _check_codes("levels", [lv.code for lv in self.levels])
        for i, level in enumerate(self.levels):
            of = level.quota.of if level.quota else None
            earlier = {fold(lv.code) for lv in self.levels[:i]}
            if of is not None and fold(of) not in earlier:
                raise ValidationError(
                    "a level's quota must be based on an earlier level of the same group",
                    field=f"levels[{i}].quota.of",
                    value=of,
                )

    @property
    def total(self) -> int:
        """The number of prizes in the group."""
        return sum(level.count for level in self.levels)

    def __str__(self) -> str:
        parts = [str(level) for level in self.levels]
        if not parts:
            return self.name
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} và {parts[-1]}"
        return f"{self.name} ({listed})"


@attrs.frozen
class Title:
    """An emulation title (danh hiệu thi đua) given to every eligible candidate of a group, up
    to its quota: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến.

    ``requires`` names a title the candidate must already hold; titles are decided in the
    order listed, after the prizes, and do not count against "one achievement, one
    commendation".

    >>> cstd = Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "CN", quota=FORMER_CSTDCS_QUOTA,
    ...              requires="LDTT")
    >>> cstd.quota.limit(27)
    4
    """

    code: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    name: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    group: str = attrs.field(converter=_nfc_if_text, validator=_is_name)
    eligibility: Eligibility = attrs.field(default=Eligibility(), validator=_of_type(Eligibility))
    quota: Quota | None = attrs.field(default=None, validator=_of_type(Quota, optional=True))
    requires: str | None = attrs.field(
        default=None, converter=_nfc_if_text, validator=_is_optional_text
    )
    ties: PrizeTiePolicy = attrs.field(default=PrizeTiePolicy(), validator=_of_type(PrizeTiePolicy))
    rank_by: RankBy = attrs.field(default=RankBy.POINTS, validator=_of_type(RankBy))


@attrs.frozen
class PrizeStructure:
    """Every group with its prizes, every title, and the campaign-wide rules.

    ``one_prize_per_recipient`` applies the law's "one achievement, one commendation": no
    candidate takes two prizes in the same campaign (groups are decided in the order listed).

    >>> PrizeStructure([PrizeGroup("XA", "Xã")], titles=[Title("LDTT", "Lao động tiên tiến", "CN")])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: titles[0].group = 'CN': unknown group; known: XA
    """

    groups: tuple[PrizeGroup, ...] = attrs.field(converter=_tuple, validator=_tuple_of(PrizeGroup))
    titles: tuple[Title, ...] = attrs.field(
        default=(), converter=_tuple, validator=_tuple_of(Title)
    )
    one_prize_per_recipient: bool = attrs.field(default=True, validator=_of_type(bool))
    name: str = attrs.field(default="", converter=_nfc_if_text, validator=_is_text)

    def __attrs_post_init__(self) -> None:
        _check_codes("groups", [g.code for g in self.groups])
        _check_codes("titles", [t.code for t in self.titles])
        known = {fold(g.code) for g in self.groups}
        for i, title in enumerate(self.titles):
            if fold(title.group) not in known:
                raise ValidationError(
                    f"unknown group; known: {', '.join(g.code for g in self.groups)}",
                    field=f"titles[{i}].group",
                    value=title.group,
                )
            levels = {
                fold(lv.code)
                for g in self.groups
                if fold(g.code) == fold(title.group)
                for lv in g.levels
            }
            if fold(title.code) in levels:
                raise ValidationError(
                    "a title's code must differ from the prize levels of its group",
                    field=f"titles[{i}].code",
                    value=title.code,
                )
            earlier = {fold(t.code) for t in self.titles[:i]}
            for name, ref in (("requires", title.requires), ("quota.of", _quota_of(title))):
                if ref is not None and fold(ref) not in earlier:
                    raise ValidationError(
                        "must name a title listed earlier",
                        field=f"titles[{i}].{name}",
                        value=ref,
                    )

    def group(self, code: str) -> PrizeGroup:
        """The group with this code; raises :class:`~cchc.errors.NotFoundError`."""
        for group in self.groups:
            if fold(group.code) == fold(code):
                return group
        raise NotFoundError(
            f"unknown group; known: {', '.join(g.code for g in self.groups)}",
            field="group",
            value=code,
        )


def _quota_of(title: Title) -> str | None:
    return title.quota.of if title.quota else None


def _chau_thanh_levels() -> list[PrizeLevel]:
    return [
        PrizeLevel("nhat", "Giải Nhất"),
        PrizeLevel("nhi", "Giải Nhì"),
        PrizeLevel("ba", "Giải Ba"),
        PrizeLevel("kk", "Giải Khuyến khích"),
    ]


#: The prize structure of seed plan 138/KH-UBND (Châu Thành district, 2021): for the district's
#: offices and for the communes and the town, one first, second, third and encouragement prize
#: each; and commendation "theo Nghị định" of the eight most outstanding individuals.
CHAU_THANH_2021 = PrizeStructure(
    groups=[
        PrizeGroup("PB", "Phòng, ban, ngành huyện", _chau_thanh_levels()),
        PrizeGroup("XA", "Ủy ban nhân dân xã, thị trấn", _chau_thanh_levels()),
        PrizeGroup(
            "CN",
            "Cá nhân có thành tích xuất sắc",
            [PrizeLevel("khen", "Khen thưởng cá nhân", 8)],
        ),
    ],
    name="Phong trào thi đua chuyên đề “Thực hiện cải cách hành chính” huyện Châu Thành năm 2021",
)

# ---------------------------------------------------------------------------------------------
# decisions


@attrs.frozen
class Award:
    """One prize or title given: to whom, in which group, what, on what result, and why.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5"))])
    >>> a = d.awards[0]
    >>> a.prize_name, a.points, a.rank, a.reason.vi
    ('Giải Nhất', Decimal('94.5'), 1, 'xếp hạng 1 trong khối')
    """

    recipient: str
    name: str
    group: str
    prize: str
    prize_name: str
    points: Decimal
    rank: int
    reason: Reason
    shared: bool = False


@attrs.frozen
class Unfilled:
    """Prizes of one level left without a recipient, and why.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5"))])
    >>> u = d.unfilled[0]
    >>> u.group, u.prize, u.count, u.reason.en
    ('PB', 'nhi', 1, 'not enough eligible candidates')
    """

    group: str
    prize: str
    count: int
    reason: Reason


@attrs.frozen
class UnresolvedTie:
    """Candidates with equal standing contesting ``slots`` (prize code, count), returned for
    the council to decide. ``rank`` is their shared rank in the group.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("a", "XA", Decimal(90)),
    ...                                Candidate("b", "XA", Decimal(90)),
    ...                                Candidate("c", "XA", Decimal(90))])
    >>> tie = d.ties[0]
    >>> tie.candidates, tie.slots, tie.contested
    (('a', 'b', 'c'), (('nhat', 1), ('nhi', 1), ('ba', 1)), 3)
    """

    group: str
    candidates: tuple[str, ...]
    slots: tuple[tuple[str, int], ...]
    rank: int
    reason: Reason

    @property
    def contested(self) -> int:
        """The number of places contested."""
        return sum(count for _, count in self.slots)


@attrs.frozen
class Exclusion:
    """A candidate kept from a group's prizes (``prize`` is ``None``) or from one title, with
    every reason.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("a", "XA", Decimal(90), evidence=False)])
    >>> d.excluded[0].candidate, [r.code for r in d.excluded[0].reasons]
    ('a', ['evidence'])
    """

    candidate: str
    group: str
    reasons: tuple[Reason, ...]
    prize: str | None = None


@attrs.frozen
class AwardDecision:
    """The outcome of :func:`allocate`: every award, every unfilled prize, every unresolved tie
    and every exclusion, in the structure's order.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5")),
    ...                                Candidate("xa-an-hiep", "XA", Decimal("92"))])
    >>> [a.recipient for a in d.awards_in("xa")], d.prizes_of("PB-NOI-VU")[0].prize
    (['xa-an-hiep'], 'nhat')
    """

    structure: PrizeStructure
    awards: tuple[Award, ...] = ()
    unfilled: tuple[Unfilled, ...] = ()
    ties: tuple[UnresolvedTie, ...] = ()
    excluded: tuple[Exclusion, ...] = ()

    def awards_in(self, group: str, prize: str | None = None) -> tuple[Award, ...]:
        """The awards of one group (and prize or title code)."""
        return tuple(
            a
            for a in self.awards
            if fold(a.group) == fold(group) and (prize is None or fold(a.prize) == fold(prize))
        )

    def prizes_of(self, candidate: str) -> tuple[Award, ...]:
        """Everything one candidate received."""
        return tuple(a for a in self.awards if fold(a.recipient) == fold(candidate))


# ---------------------------------------------------------------------------------------------
# allocation


@attrs.define
class _Walk:
    """The mutable cursor over one group's prize places while it is being decided."""

    group: str
    levels: Sequence[PrizeLevel]
    cap_of: Callable[[PrizeLevel, Counter[str]], int | None]  # a level's cap by quota
    cap: int | None = None  # the current level's cap
    index: int = -1
    left: int = 0
    debt: int = 0  # places lost to shared prizes above, still to take off lower levels
    given: Counter[str] = attrs.field(factory=Counter)
    unfilled: list[Unfilled] = attrs.field(factory=list)

    def current(self) -> PrizeLevel | None:
        while self.left <= 0:
            if not self._advance():
                return None
        return self.levels[self.index]

    def _advance(self) -> bool:
        self.index += 1
        if self.index >= len(self.levels):
            return False
        level = self.levels[self.index]
        cap = self.cap = self.cap_of(level, self.given)
        count = level.count
        if cap is not None and cap < count:
            assert level.quota is not None
            self.unfilled.append(
                Unfilled(
                    self.group,
                    level.code,
                    count - cap,
                    Reason(
                        "quota",
                        f"hạn mức chỉ cho phép {cap} ({level.quota.text('vi')})",
                        f"the quota allows only {cap} ({level.quota.text('en')})",
                    ),
                )
            )
            count = cap
        absorbed = min(self.debt, count)
        if absorbed:
            self.debt -= absorbed
            self.unfilled.append(
                Unfilled(
                    self.group,
                    level.code,
                    absorbed,
                    Reason(
                        "shrunk",
                        "giảm vì giải trên được trao đồng hạng",
                        "shrunk because tied candidates shared a prize above",
                    ),
                )
            )
        self.left = count - absorbed
        return True

    def take(self, n: int) -> list[tuple[PrizeLevel, int]]:
        """Hold ``n`` places from here down (for an unresolved tie)."""
        held: list[tuple[PrizeLevel, int]] = []
        while n > 0:
            level = self.current()
            if level is None:
                break
            k = min(n, self.left)
            held.append((level, k))
            self.left -= k
            self.given[fold(level.code)] += k  # the council will give them: quotas count them
            n -= k
        return held

    def finish(self) -> list[Unfilled]:
        """Record the places nobody reached."""
        level = self.current()
        while level is not None:
            self.unfilled.append(
                Unfilled(
                    self.group,
                    level.code,
                    self.left,
                    Reason(
                        "no-candidates",
                        "không đủ ứng viên đủ điều kiện",
                        "not enough eligible candidates",
                    ),
                )
            )
            self.left = 0
            level = self.current()
        return self.unfilled


def _rank_key(rank_by: RankBy, candidate: Candidate) -> Decimal | Fraction:
    if rank_by is RankBy.POINTS:
        return candidate.points
    if candidate.index is None:
        raise ValidationError(
            "the group ranks by index and this candidate has none",
            field=f"candidates[{candidate.id!r}].index",
            value=None,
        )
    return candidate.index


def _classes(members: Iterable[Candidate], key: Any) -> list[list[Candidate]]:
    """Candidates in order, best first, as classes of equal standing (each sorted by id)."""
    ordered = sorted(members, key=lambda c: (-key(c), c.id))
    classes: list[list[Candidate]] = []
    for c in ordered:
        if classes and key(classes[-1][0]) == key(c):
            classes[-1].append(c)
        else:
            classes.append([c])
    return classes


def _competition_ranks(members: Sequence[Candidate], key: Any) -> dict[str, int]:
    ranks: dict[str, int] = {}
    position = 1
    for cls in _classes(members, key):
        for c in cls:
            ranks[c.id] = position
        position += len(cls)
    return ranks


@attrs.frozen
class _Contest:
    """Where one group's or title's walk reads its rules from."""

    group: str
    policy: PrizeTiePolicy
    per_unit_cap: int | None
    rank_by: RankBy
    is_title: bool


class _Decider:
    """Collects the decision while groups and titles are walked (internal to allocate)."""

    def __init__(self, structure: PrizeStructure) -> None:
        self.structure = structure
        self.awards: list[Award] = []
        self.ties: list[UnresolvedTie] = []
        self.unfilled: list[Unfilled] = []
        self.excluded: list[Exclusion] = []
        self.prized: dict[str, Award] = {}  # folded id -> the prize it holds (one per recipient)
        self.titled: dict[str, set[str]] = {}  # folded title code -> folded ids holding it
        self.held: Counter[tuple[str, str]] = Counter()  # (group, code) -> places held by ties
        self._keys: dict[str, str] = {}

    def key(self, text: str) -> str:
        """``fold(text)``, computed once per distinct text during one allocation."""
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = fold(text)
        return found

    def walk(
        self,
        contest: _Contest,
        walk: _Walk,
        members: Sequence[Candidate],
        ranks: dict[str, int],
    ) -> None:
        held_by_unit: Counter[str] = Counter()
        for cls in _classes(members, lambda c: _rank_key(contest.rank_by, c)):
            if walk.current() is None:
                break
            self._place(contest, walk, cls, ranks, held_by_unit, broken=None)
        self.unfilled.extend(walk.finish())

    def _cap_conflict(
        self, contest: _Contest, cls: Sequence[Candidate], held_by_unit: Counter[str]
    ) -> bool:
        if contest.per_unit_cap is None:
            return False
        wanted = Counter(self.key(c.unit_id) for c in cls)
        return any(held_by_unit[u] + n > contest.per_unit_cap for u, n in wanted.items())

    def _room(self, contest: _Contest, cls: Sequence[Candidate], held_by_unit: Counter[str]) -> int:
        """How many of ``cls`` can be awarded at all within the per-unit cap."""
        if contest.per_unit_cap is None:
            return len(cls)
        wanted = Counter(self.key(c.unit_id) for c in cls)
        return sum(min(n, contest.per_unit_cap - held_by_unit[u]) for u, n in wanted.items())

    def _place(
        self,
        contest: _Contest,
        walk: _Walk,
        cls: list[Candidate],
        ranks: dict[str, int],
        held_by_unit: Counter[str],
        *,
        broken: Reason | None,
    ) -> None:
        if contest.per_unit_cap is not None:
            full = [c for c in cls if held_by_unit[self.key(c.unit_id)] >= contest.per_unit_cap]
            for c in full:
                self.excluded.append(
                    Exclusion(
                        c.id,
                        contest.group,
                        (
                            Reason(
                                "unit-cap",
                                f"đơn vị {c.unit_id} đã nhận hoặc đang được xét đủ "
                                f"{contest.per_unit_cap} suất",
                                f"unit {c.unit_id} already holds or contests its "
                                f"{contest.per_unit_cap}",
                            ),
                        ),
                    )
                )
            cls = [c for c in cls if c not in full]
        level = walk.current()
        if not cls or level is None:
            return
        fits = len(cls) <= walk.left and not self._cap_conflict(contest, cls, held_by_unit)
        if fits:
            self._give(contest, walk, level, cls, ranks, held_by_unit, broken=broken)
            return
        policy = contest.policy
        if broken is None and policy.mode is TieMode.BREAK:
            for sub, reason in _break(cls, policy.chain):
                if walk.current() is None:
                    return
                self._place(contest, walk, sub, ranks, held_by_unit, broken=reason)
            return
        if broken is None and policy.mode is TieMode.SHARE:
            already = walk.given[self.key(level.code)]
            within_quota = walk.cap is None or already + len(cls) <= walk.cap
            if within_quota and not self._cap_conflict(contest, cls, held_by_unit):
                extra = len(cls) - walk.left
                self._give(contest, walk, level, cls, ranks, held_by_unit, shared=True)
                if policy.shrink_next:
                    walk.debt += extra
                return
            why = Reason(
                "share-over-cap",
                "trao đồng hạng sẽ vượt hạn mức, để Hội đồng quyết định",
                "sharing would exceed a quota or unit cap; left to the council",
            )
        elif broken is not None:
            why = Reason(
                "chain-exhausted",
                "các tiêu chí phụ không phân định được, để Hội đồng quyết định",
                "the tie-break chain did not separate them; left to the council",
            )
        else:
            why = Reason(
                "council", "đồng hạng, để Hội đồng quyết định", "tied; left to the council"
            )
        if self._cap_conflict(contest, cls, held_by_unit) and len(cls) <= walk.left:
            why = Reason(
                "unit-cap",
                "vượt số suất tối đa của một đơn vị, để Hội đồng chọn",
                "more than a unit's cap; the council chooses",
            )
        # hold only the places the tied candidates can take within their units' caps; and
        # count what each unit may still receive from the tie against its cap, so that no
        # later candidate of the unit can push it over once the council decides
        room = self._room(contest, cls, held_by_unit)
        held = walk.take(min(len(cls), room))
        for lv, n in held:  # the council will give these places: quotas based on them count them
            self.held[(self.key(contest.group), self.key(lv.code))] += n
        if contest.per_unit_cap is not None:
            places = sum(n for _, n in held)
            for unit, n in Counter(self.key(c.unit_id) for c in cls).items():
                held_by_unit[unit] += min(n, contest.per_unit_cap - held_by_unit[unit], places)
        self.ties.append(
            UnresolvedTie(
                contest.group,
                tuple(c.id for c in cls),
                tuple((lv.code, n) for lv, n in held),
                min(ranks[c.id] for c in cls),
                why,
            )
        )

    def _give(
        self,
        contest: _Contest,
        walk: _Walk,
        level: PrizeLevel,
        cls: Sequence[Candidate],
        ranks: dict[str, int],
        held_by_unit: Counter[str],
        *,
        broken: Reason | None = None,
        shared: bool = False,
    ) -> None:
        for c in cls:
            rank = ranks[c.id]
            if shared:
                reason = Reason(
                    "shared",
                    f"đồng hạng {rank}, cùng nhận giải theo quy định đồng giải",
                    f"tied at rank {rank}; shares the prize by policy",
                )
            elif broken is not None:
                reason = broken
            else:
                reason = Reason(
                    "rank", f"xếp hạng {rank} trong khối", f"ranked {rank} in the group"
                )
            award = Award(
                c.id,
                c.display_name,
                contest.group,
                level.code,
                level.name,
                c.points,
                rank,
                reason,
                shared,
            )
            self.awards.append(award)
            held_by_unit[self.key(c.unit_id)] += 1
            walk.given[self.key(level.code)] += 1
            if not contest.is_title:
                self.prized.setdefault(self.key(c.id), award)
        walk.left -= len(cls)


def _break(
    cls: Sequence[Candidate], chain: Sequence[TieBreak]
) -> list[tuple[list[Candidate], Reason]]:
    """Split a class of equal standing by the chain, best first; each part with its reason."""
    keyed = sorted(
        ((tuple(link.key(c) for link in chain), c) for c in cls),
        key=lambda kc: (tuple(-k for k in kc[0]), kc[1].id),
    )
    parts: list[tuple[tuple[Any, ...], list[Candidate]]] = []
    for k, c in keyed:
        if parts and parts[-1][0] == k:
            parts[-1][1].append(c)
        else:
            parts.append((k, [c]))
    out: list[tuple[list[Candidate], Reason]] = []
    for i, (k, members) in enumerate(parts):
        other = parts[i + 1][0] if i + 1 < len(parts) else (parts[i - 1][0] if i else None)
        link = (
            next(link for link, a, b in zip(chain, k, other, strict=True) if a != b)
            if other is not None
            else None
        )
        if link is None:
            reason = Reason("rank", "đồng hạng", "tied")
        else:
            place = f"{i + 1}/{len(parts)}"
            reason = Reason(
                "tie-break",
                f"đồng điểm; phân định theo {link.text('vi')} (thứ tự {place})",
                f"tied on the ranking; separated by {link.text('en')} (place {place})",
            )
        out.append((members, reason))
    return out


def allocate(structure: PrizeStructure, candidates: Iterable[Candidate]) -> AwardDecision:
    """Decide every group's prizes and every title from the candidates' results.

    Each group is walked from its best candidate down: ineligible candidates are excluded
    with their reasons, candidates already holding a prize of the campaign are skipped
    (one achievement, one commendation), and each class of equal standing either fits in
    the places left at the current level or meets the group's tie policy. Titles follow, in
    the order listed. The input order never matters.

    >>> d = allocate(CHAU_THANH_2021, [
    ...     Candidate("pb-noi-vu", "PB", Decimal("92")),
    ...     Candidate("pb-tu-phap", "PB", Decimal("92")),
    ...     Candidate("pb-vhtt", "PB", Decimal("85")),
    ... ])
    >>> d.ties[0].candidates, d.ties[0].slots
    (('pb-noi-vu', 'pb-tu-phap'), (('nhat', 1), ('nhi', 1)))
    >>> [(a.recipient, a.prize) for a in d.awards]
    [('pb-vhtt', 'ba')]
    >>> allocate(CHAU_THANH_2021, [Candidate("x", "KHOI-9", Decimal(1))])
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: candidates[0].group = 'KHOI-9': unknown group; known: PB, XA, CN
    """
    decider = _Decider(structure)
    by_group: dict[str, list[Candidate]] = {decider.key(g.code): [] for g in structure.groups}
    seen: set[tuple[str, str]] = set()
    for i, c in enumerate(candidates):
        if not isinstance(c, Candidate):
            raise CchcTypeError("must be a Candidate", field=f"candidates[{i}]", value=c)
        key = decider.key(c.group)
        if key not in by_group:
            known = ", ".join(g.code for g in structure.groups)
            raise NotFoundError(
                f"unknown group; known: {known}", field=f"candidates[{i}].group", value=c.group
            )
        if (key, decider.key(c.id)) in seen:
            raise ValidationError(
                "candidate listed twice in its group", field=f"candidates[{i}].id", value=c.id
            )
        seen.add((key, decider.key(c.id)))
        by_group[key].append(c)
    for group in structure.groups:
        _decide_group(decider, group, by_group[decider.key(group.code)])
    for title in structure.titles:
        _decide_title(decider, title, by_group[decider.key(title.group)])
    return AwardDecision(
        structure,
        tuple(decider.awards),
        tuple(decider.unfilled),
        tuple(decider.ties),
        tuple(decider.excluded),
    )


def _eligible(
    decider: _Decider,
    group: str,
    gate: Eligibility,
    members: Sequence[Candidate],
    prize: str | None,
) -> list[Candidate]:
    ok: list[Candidate] = []
    for c in sorted(members, key=lambda c: c.id):
        reasons = gate.reasons(c)
        if reasons:
            decider.excluded.append(Exclusion(c.id, group, reasons, prize))
        else:
            ok.append(c)
    return ok


def _decide_group(decider: _Decider, group: PrizeGroup, members: Sequence[Candidate]) -> None:
    ranks = _competition_ranks(members, lambda c: _rank_key(group.rank_by, c))
    eligible = _eligible(decider, group.code, group.eligibility, members, None)
    if decider.structure.one_prize_per_recipient:
        free = []
        for c in eligible:
            held = decider.prized.get(decider.key(c.id))
            if held is None:
                free.append(c)
                continue
            decider.excluded.append(
                Exclusion(
                    c.id,
                    group.code,
                    (
                        Reason(
                            "already-awarded",
                            f"đã nhận {held.prize_name} ở khối {held.group} "
                            "(một thành tích chỉ khen thưởng một lần)",
                            f"already holds {held.prize_name} in group {held.group} "
                            "(one achievement, one commendation)",
                        ),
                    ),
                )
            )
        eligible = free

    def cap_of(level: PrizeLevel, given: Counter[str]) -> int | None:
        if level.quota is None:
            return None
        of = level.quota.of
        return level.quota.limit(len(members) if of is None else given[decider.key(of)])

    walk = _Walk(group.code, group.levels, cap_of)
    contest = _Contest(group.code, group.ties, group.per_unit_cap, group.rank_by, False)
    decider.walk(contest, walk, eligible, ranks)


def _decide_title(decider: _Decider, title: Title, members: Sequence[Candidate]) -> None:
    ranks = _competition_ranks(members, lambda c: _rank_key(title.rank_by, c))
    eligible = _eligible(decider, title.group, title.eligibility, members, title.code)
    if title.requires is not None:
        required = decider.key(title.requires)
        holders = decider.titled.get(required, set())
        pending = {
            decider.key(c)
            for t in decider.ties
            if decider.key(t.group) == decider.key(title.group)
            and decider.key(t.slots[0][0]) == required
            for c in t.candidates
        }
        keep = []
        for c in eligible:
            if decider.key(c.id) in holders:
                keep.append(c)
                continue
            if decider.key(c.id) in pending:
                why = Reason(
                    "requires-pending",
                    f"danh hiệu {title.requires} còn chờ Hội đồng quyết định (đồng hạng)",
                    f"{title.requires} awaits the council's decision on a tie",
                )
            else:
                why = Reason(
                    "requires",
                    f"chưa đạt danh hiệu {title.requires}",
                    f"does not hold {title.requires}",
                )
            decider.excluded.append(Exclusion(c.id, title.group, (why,), title.code))
        eligible = keep
    cap = None
    if title.quota is not None:
        base = (
            len(members)
            if title.quota.of is None
            else len(decider.titled.get(decider.key(title.quota.of), set()))
            + decider.held[(decider.key(title.group), decider.key(title.quota.of))]
        )
        cap = title.quota.limit(base)
    count = len(eligible) if cap is None else min(cap, len(eligible))
    level = PrizeLevel(title.code, title.name, count)
    walk = _Walk(title.group, [level], lambda _level, _given: cap)
    contest = _Contest(title.group, title.ties, None, title.rank_by, True)
    start = len(decider.awards)
    decider.walk(contest, walk, eligible, ranks)
    placed = {decider.key(a.recipient) for a in decider.awards[start:]}
    placed |= {
        decider.key(c)
        for t in decider.ties
        if decider.key(t.group) == decider.key(title.group)
        and decider.key(t.slots[0][0]) == decider.key(title.code)
        for c in t.candidates
    }
    for c in eligible:
        if decider.key(c.id) not in placed and title.quota is not None:
            decider.excluded.append(
                Exclusion(
                    c.id,
                    title.group,
                    (
                        Reason(
                            "quota",
                            f"ngoài hạn mức {cap} ({title.quota.text('vi')})",
                            f"outside the quota of {cap} ({title.quota.text('en')})",
                        ),
                    ),
                    title.code,
                )
            )
    holders = decider.titled.setdefault(decider.key(title.code), set())
    for award in decider.awards[start:]:
        holders.add(decider.key(award.recipient))


# ---------------------------------------------------------------------------------------------
# explanation


_WORDS = {
    "vi": {
        "decision": "Kết quả xét khen thưởng",
        "group": "Khối",
        "points": "điểm",
        "rank": "hạng",
        "unfilled": "không trao",
        "tie": "Đồng hạng chưa phân định",
        "contest": "tranh",
        "excluded": "Không xét",
        "title": "Danh hiệu",
    },
    "en": {
        "decision": "Award decision",
        "group": "Group",
        "points": "points",
        "rank": "rank",
        "unfilled": "not awarded",
        "tie": "Unresolved tie",
        "contest": "for",
        "excluded": "Excluded",
        "title": "Title",
    },
}


def _who(name: str, recipient: str) -> str:
    return recipient if name == recipient else f"{name} ({recipient})"


def explain(decision: AwardDecision, lang: str = "vi") -> str:
    """Walk through a decision group by group: awards, unfilled prizes with their reasons,
    unresolved ties and exclusions. ``lang`` is "vi" (default) or "en"; names of groups and
    prizes are given as the structure states them.

    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("92"), band="A")])
    >>> print(explain(d).splitlines()[4])
      Giải Nhì: không trao 1 — không đủ ứng viên đủ điều kiện
    """
    if lang not in _WORDS:
        raise ValidationError('must be "vi" or "en"', field="lang", value=lang)
    w = _WORDS[lang]
    structure = decision.structure
    lines = [f"{w['decision']}: {structure.name}" if structure.name else w["decision"]]
    level_names: dict[tuple[str, str], str] = {}
    for g in structure.groups:
        for lv in g.levels:
            level_names[(fold(g.code), fold(lv.code))] = lv.name
    for t in structure.titles:
        level_names[(fold(t.group), fold(t.code))] = t.name

    def prize_name(group: str, prize: str) -> str:
        return level_names.get((fold(group), fold(prize)), prize)

    sections: list[tuple[str, str, str | None]] = [(g.code, g.name, None) for g in structure.groups]
    sections += [(t.group, t.name, t.code) for t in structure.titles]
    for group, name, title in sections:
        lines.append("")
        if title is None:
            lines.append(f"{w['group']} {group} — {name}")
        else:
            lines.append(f"{w['title']} {title} — {name} ({w['group']} {group})")

        def here(item_group: str, prize: str | None, g: str = group, t: str | None = title) -> bool:
            if fold(item_group) != fold(g):
                return False
            if t is None:
                return prize is None or (fold(g), fold(prize)) in {
                    (fold(x.code), fold(lv.code)) for x in structure.groups for lv in x.levels
                }
            return prize is not None and fold(prize) == fold(t)

        for a in decision.awards:
            if here(a.group, a.prize):
                lines.append(
                    f"  {a.prize_name}: {_who(a.name, a.recipient)}, {a.points} {w['points']}, "
                    f"{w['rank']} {a.rank} — {a.reason.text(lang)}"
                )
        for u in decision.unfilled:
            if here(u.group, u.prize):
                count = f" {u.count}" if u.count else ""
                lines.append(
                    f"  {prize_name(u.group, u.prize)}: {w['unfilled']}{count} — "
                    f"{u.reason.text(lang)}"
                )
        for tie in decision.ties:
            if here(tie.group, tie.slots[0][0] if tie.slots else None):
                slots = ", ".join(f"{prize_name(tie.group, p)} × {n}" for p, n in tie.slots)
                lines.append(
                    f"  {w['tie']} ({w['rank']} {tie.rank}): {', '.join(tie.candidates)} "
                    f"{w['contest']} {slots} — {tie.reason.text(lang)}"
                )
        for e in decision.excluded:
            if here(e.group, e.prize) and (e.prize is None) == (title is None):
                why = "; ".join(r.text(lang) for r in e.reasons)
                lines.append(f"  {w['excluded']}: {e.candidate} — {why}")
    return "\n".join(lines)
