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
>>> print(decision.explain(lang="en"))
Award decision: Thi đua CCHC 2021
<BLANKLINE>
Group XA — UBND xã, thị trấn
  Giải Nhất: Xã An Hiệp, 91.50 points, rank 1 — ranked 1 in the group
  Giải Nhì: Thị trấn Châu Thành, 88.25 points, rank 2 — ranked 2 in the group

The candidate value
-------------------
:class:`Candidate` is deliberately flat so that any scoring result converts to it in a line
or two: the unit (or person) id, the ranking group's code, the final points, optionally the
index in per cent and the classification band's label, and what the gates and tie-breaks look
at (staff and participation, flags, evidence, priorities, per-field points, the appraisal
council's points, the number of deductions).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from cchc._fields import (
    CodedEnum,
    decimal,
    deprecated,
    fraction,
    instance_of,
    is_bool,
    is_decimal,
    is_name,
    is_optional_decimal,
    is_optional_text,
    is_text,
    items_of,
    sequence,
    text,
    text_set,
    texts,
    to_decimal,
    to_nfc,
    whole,
)
from cchc.criteria import Band, Framework
from cchc.directives import Citation, DocumentNumber
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.explanations import Explanation
from cchc.lang import Lang, LangLike, Words, lang_of
from cchc.letterhead import vi_number
from cchc.text import fold
from cchc.ties import Priority, TieBreak, TieBreakKind

__all__ = [
    # candidates
    "Candidate",
    "Priority",
    # rules
    "Eligibility",
    "band_labels",
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
    "MemberRequirement",
    "MemberGate",
    "PrizeStructure",
    "CHAU_THANH_2021",
    # decisions
    "Reason",
    "Award",
    "Unfilled",
    "UnresolvedTie",
    "TieSettlement",
    "Exclusion",
    "AwardDecision",
    "allocate",
]

# ---------------------------------------------------------------------------------------------
# converters and checks


def _reader(read: Callable[[object, str], Any], field: str) -> Callable[[Any], Any]:
    """Converter from a reader of :mod:`cchc._fields`: what it refuses is passed on unchanged
    for the validator, which names the field (so that ``None`` stays ``None``)."""

    def convert(value: Any) -> Any:
        try:
            return read(value, field)
        except CchcError:
            return value

    return convert


def _to_fraction(value: Any) -> Any:
    """Converter: exact numbers and text to Fraction; anything refused is passed on for the
    validator, which names the field."""
    if value is None or isinstance(value, bool | float):
        return value
    try:
        return fraction(value, "")
    except CchcError:
        return value


def _is_fraction(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    checked = fraction(value, attribute.name)  # names what is wrong with it
    if not isinstance(value, Fraction) or checked != value:
        raise CchcTypeError(
            "must be an exact number",
            vi="phải là một số chính xác",
            field=attribute.name,
            value=value,
        )


def _is_optional_fraction(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _is_fraction(instance, attribute, value)


def _flags(value: Any) -> frozenset[str]:
    return text_set(value, "flags")


def _optional_flags(value: Any) -> frozenset[str] | None:
    return None if value is None else text_set(value, "disqualifying_flags")


def _priorities(value: Any) -> frozenset[Priority]:
    items = sequence(value, "priorities")
    return frozenset(Priority.from_name(v, f"priorities[{i}]") for i, v in enumerate(items))


def _field_points(value: Any) -> tuple[tuple[str, Decimal], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else sequence(value, "field_points")
    pairs: list[tuple[str, Decimal]] = []
    for i, item in enumerate(items):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise CchcTypeError(
                "must map field codes to points",
                vi="phải ghi theo cặp mã lĩnh vực và số điểm",
                field=f"field_points[{i}]",
                value=item,
            )
        code = text(item[0], f"field_points[{i}]")
        pairs.append((code, decimal(item[1], f"field_points[{code!r}]")))
    pairs.sort()
    keys = [fold(k) for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValidationError(
            "a field is given twice",
            vi="một lĩnh vực được ghi hai lần",
            field="field_points",
            value=value,
        )
    return tuple(pairs)


def _count(*, optional: bool = False, minimum: int = 0) -> Callable[[object, Any, Any], None]:
    """A validator: a whole number from ``minimum``, below the number limit (or None)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise CchcTypeError(
                f"must be a whole number, not {type(value).__name__}",
                vi="phải là số nguyên",
                field=attribute.name,
                value=value,
            )
        whole(value, attribute.name, minimum=minimum)  # negative or too large: named

    return check


def _slots(value: Any) -> tuple[tuple[str, int], ...]:
    """Converter: the (prize code, count) pairs a tie contests."""
    out = []
    for i, pair in enumerate(sequence(value, "slots")):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise CchcTypeError(
                "must be a pair of a prize code and a count",
                vi="phải ghi theo cặp mã giải và số suất",
                field=f"slots[{i}]",
                value=pair,
            )
        code = text(pair[0], f"slots[{i}][0]")
        if isinstance(pair[1], bool) or not isinstance(pair[1], int):
            raise CchcTypeError(
                "must be a whole number",
                vi="phải là số nguyên",
                field=f"slots[{i}][1]",
                value=pair[1],
            )
        out.append((code, whole(pair[1], f"slots[{i}][1]", minimum=1)))
    return tuple(out)


# named converters (the attrs plugin of mypy reads only named functions)


def _to_awards(value: Any) -> tuple[Award, ...]:
    return items_of(value, Award, "awards")


def _to_candidate_ids(value: Any) -> tuple[str, ...]:
    return texts(value, "candidates")


def _to_names(value: Any) -> tuple[str, ...]:
    return texts(value, "names")


def _to_chain(value: Any) -> tuple[TieBreak, ...]:
    return items_of(value, TieBreak, "chain")


def _to_excluded(value: Any) -> tuple[Exclusion, ...]:
    return items_of(value, Exclusion, "excluded")


def _to_groups(value: Any) -> tuple[PrizeGroup, ...]:
    return items_of(value, PrizeGroup, "groups")


def _to_levels(value: Any) -> tuple[PrizeLevel, ...]:
    return items_of(value, PrizeLevel, "levels")


def _to_rank_by(value: Any) -> RankBy:
    return RankBy.from_name(value, "rank_by")  # type: ignore[no-any-return]


def _to_reasons(value: Any) -> tuple[Reason, ...]:
    return items_of(value, Reason, "reasons")


def _to_conditions(value: Any) -> tuple[Reason, ...]:
    return items_of(value, Reason, "conditions")


def _to_rounding(value: Any) -> Rounding:
    return Rounding.from_name(value, "rounding")  # type: ignore[no-any-return]


def _to_tie_mode(value: Any) -> TieMode:
    return TieMode.from_name(value, "mode")  # type: ignore[no-any-return]


def _to_ties(value: Any) -> tuple[UnresolvedTie, ...]:
    return items_of(value, UnresolvedTie, "ties")


def _to_titles(value: Any) -> tuple[Title, ...]:
    return items_of(value, Title, "titles")


def _to_unfilled(value: Any) -> tuple[Unfilled, ...]:
    return items_of(value, Unfilled, "unfilled")


def _share(instance: object, attribute: attrs.Attribute[Any], value: Fraction | None) -> None:
    if value is not None and not 0 <= value <= 1:
        raise ValidationError(
            "a share must lie between 0 and 1",
            vi="tỷ lệ phải nằm trong khoảng từ 0 đến 1",
            field=attribute.name,
            value=value,
        )


def _key_text(value: object, field: str) -> str:
    """A code or id looked up by the caller, read as text (anything else is refused)."""
    return text(value, field)


def _fmt(value: Decimal | Fraction) -> str:
    """Display form of a number: Decimals as given, Fractions to two decimals (display only)."""
    if isinstance(value, Decimal):
        return str(value)
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return str(shown)


def _number(value: Decimal | Fraction, lang: LangLike = Lang.EN) -> str:
    """:func:`_fmt` as the language writes it: Vietnamese text with a decimal comma and a
    thousands dot (:func:`~cchc.letterhead.vi_number`: "90,5"), English with a point."""
    shown = _fmt(value)
    return vi_number(Decimal(shown)) if lang_of(lang) is Lang.VI else shown


def _percent(share: Fraction, lang: LangLike = Lang.EN) -> str:
    """A share in per cent without trailing zeros: "80 %" in English, "80%" or "87,5%" in
    Vietnamese (the documents' rule: no space before "%")."""
    shown = _fmt(share * 100)
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    if lang_of(lang) is Lang.VI:
        return f"{vi_number(Decimal(shown))}%"
    return f"{shown} %"


# ---------------------------------------------------------------------------------------------
# candidates


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
    ``deductions`` (how many deductions the unit received). A person's ``position`` (chức vụ,
    "Công chức Văn phòng - Thống kê") is carried to their :class:`Award` for the documents'
    lists.

    Converting a scoring result is one call: ``Candidate(unit.code, group.code, result.points,
    index=result.index, band=result.band.label, staff=unit.staff, field_points={...})``.

    >>> c = Candidate("xa-an-hiep", "XA", Decimal("91.50"), band="A",
    ...               priorities=[Priority.REMOTE_AREA], field_points={"TTHC": Decimal("18")})
    >>> c.field("tthc"), c.unit_id, c.display_name
    (Decimal('18'), 'xa-an-hiep', 'xa-an-hiep')
    >>> Candidate("x", "XA", 91.5)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: points = 91.5: floats are not exact; give an int, a Decimal or text
    """

    id: str = attrs.field(converter=to_nfc, validator=is_name)
    group: str = attrs.field(converter=to_nfc, validator=is_name)
    points: Decimal = attrs.field(converter=to_decimal, validator=is_decimal)
    name: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    unit: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    index: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=_is_optional_fraction
    )
    band: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    staff: int | None = attrs.field(default=None, validator=_count(optional=True))
    participation: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=[_is_optional_fraction, _share]
    )
    flags: frozenset[str] = attrs.field(factory=frozenset, converter=_flags)
    evidence: bool = attrs.field(default=True, validator=is_bool)
    priorities: frozenset[Priority] = attrs.field(factory=frozenset, converter=_priorities)
    field_points: tuple[tuple[str, Decimal], ...] = attrs.field(default=(), converter=_field_points)
    appraisal_points: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=is_optional_decimal
    )
    deductions: int = attrs.field(default=0, validator=_count())
    position: str | None = attrs.field(
        default=None, kw_only=True, converter=to_nfc, validator=is_optional_text
    )

    @property
    def unit_id(self) -> str:
        """The unit this candidate counts against: ``unit`` for a person, else its own id."""
        return self.unit if self.unit is not None else self.id

    @property
    def display_name(self) -> str:
        """``name`` if given, else the id."""
        return self.name or self.id

    def has_field(self, code: str) -> bool:
        """Whether the candidate has points for the field or criterion ``code``.

        >>> Candidate("x", "XA", 90, field_points={"TTHC": 18}).has_field("tthc")
        True
        """
        key = fold(text(code, "field_points"))
        return any(fold(name) == key for name, _ in self.field_points)

    def field(self, code: str) -> Decimal:
        """Points for one field or criterion (tone-placement- and case-insensitive); raises
        :class:`~cchc.errors.NotFoundError` when the candidate has none."""
        key = fold(text(code, "field_points"))
        for name, points in self.field_points:
            if fold(name) == key:
                return points
        raise NotFoundError(
            f"candidate {self.id!r} has no points for this field",
            vi=f"ứng viên {self.id} chưa có điểm của lĩnh vực này",
            field="field_points",
            value=code,
        )


# ---------------------------------------------------------------------------------------------
# reasons


@attrs.frozen
class Reason:
    """Why something happened, with a stable ``code`` and the text in Vietnamese and English.

    >>> r = Reason("points", "điểm 68,50 thấp hơn mức tối thiểu 70", "points 68.50 below 70")
    >>> r.text("vi")
    'điểm 68,50 thấp hơn mức tối thiểu 70'
    >>> str(r)
    'points 68.50 below 70'
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    vi: str = attrs.field(converter=to_nfc, validator=is_text)
    en: str = attrs.field(converter=to_nfc, validator=is_text)

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The text in ``lang`` ("vi" or "en")."""
        return Words(self.vi, self.en).text(lang)

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

    min_staff: int = attrs.field(validator=_count())
    share: Fraction = attrs.field(converter=_to_fraction, validator=[_is_fraction, _share])


def _brackets(value: Any) -> tuple[SizeBracket, ...]:
    brackets = tuple(
        sorted(items_of(value, SizeBracket, "participation"), key=lambda b: b.min_staff)
    )
    sizes = [b.min_staff for b in brackets]
    if len(set(sizes)) != len(sizes):
        raise ValidationError(
            "two brackets start at the same staff size",
            vi="hai mức quy mô đơn vị bắt đầu từ cùng một số người",
            field="participation",
            value=sizes,
        )
    return brackets


def _band_order(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    order = texts(value, "band_order")
    for i, band in enumerate(order):
        if not band:
            raise ValidationError(
                "a band label must not be empty",
                vi="tên mức xếp loại không được để trống",
                field=f"band_order[{i}]",
                value=band,
            )
    if len({fold(v) for v in order}) != len(order):
        raise ValidationError(
            "a band is listed twice",
            vi="một mức xếp loại được ghi hai lần",
            field="band_order",
            value=order,
        )
    return order


#: Where the band order of a gate comes from: a framework, its bands, or labels best first.
BandSource = Framework | Iterable[Band | str]


def band_labels(bands: object, field: str = "bands") -> tuple[str, ...]:
    """The labels of a framework's classification bands, best first (the band with the
    highest lower bound first), as :class:`Eligibility` compares them; labels given as text
    are taken in the order given.

    >>> from cchc.criteria import load_bundled
    >>> band_labels(load_bundled("cchc-campaign-6"))
    ('Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu')
    >>> band_labels(["Đạt", "Không đạt"])
    ('Đạt', 'Không đạt')
    """
    field = text(field, "field")  # a name given as anything else is refused, not formatted
    if isinstance(bands, Framework):
        field, bands = f"{field}.bands", bands.bands
    items: tuple[Band | str, ...] = items_of(bands, (Band, str), field)
    if all(isinstance(b, Band) for b in items):
        ordered = sorted(
            (b for b in items if isinstance(b, Band)), key=lambda b: (-b.lower, -b.upper)
        )
        labels = tuple(b.label for b in ordered)
    elif all(isinstance(b, str) for b in items):
        labels = tuple(str(b) for b in items)
    else:
        raise CchcTypeError(
            "must be bands or band labels, not a mixture",
            vi="phải là danh sách các mức xếp loại hoặc danh sách tên mức xếp loại",
            field=field,
            value=bands,
        )
    checked = _band_order(labels)
    assert checked is not None
    return checked


@attrs.frozen
class Eligibility:
    """The gates a candidate must pass before any prize (điều kiện xét khen thưởng).

    ``min_band`` sets the lowest acceptable classification band. The order of the bands is the
    framework's (the band with the highest lower bound is the best): give the framework to
    :func:`allocate` (or to :meth:`reasons`) as ``bands``; ``band_order`` (best first) fixes
    an order of the gate's own instead. ``min_points`` and ``min_index`` (per cent) set
    thresholds, compared exactly; ``participation`` gives the share of staff that must take
    part, by size bracket (the bracket with the largest ``min_staff`` not above the unit's
    staff applies); ``disqualifying_flags`` lists the flags that disqualify (``None``: any
    flag does); ``evidence_required`` demands evidence.

    >>> gate = Eligibility(min_band="B", min_points=Decimal(70),
    ...                    participation=[SizeBracket(0, Fraction(1, 2)),
    ...                                   SizeBracket(20, Fraction(4, 5))])
    >>> weak = Candidate("x", "XA", Decimal("68.5"), band="C", staff=25,
    ...                  participation=Fraction(3, 5), flags={"kỷ luật"})
    >>> bands = ["A", "B", "C", "D"]
    >>> [r.code for r in gate.reasons(weak, bands)]
    ['band', 'points', 'participation', 'flag']
    >>> print(gate.reasons(weak, bands)[2].text("vi"))
    tỷ lệ tham gia 60% thấp hơn yêu cầu 80% (đơn vị từ 20 người)
    >>> gate.reasons(Candidate("y", "XA", Decimal(90), band="A", staff=8,
    ...                        participation=Fraction(1, 2)), bands)
    ()
    >>> gate.reasons(weak, ["Xuất sắc", "Tốt", "Khá"])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: min_band = 'B': is not a band of the framework; its bands: ...
    """

    min_band: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    band_order: tuple[str, ...] | None = attrs.field(default=None, converter=_band_order)
    min_points: Decimal | None = attrs.field(
        default=None, converter=to_decimal, validator=is_optional_decimal
    )
    min_index: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=_is_optional_fraction
    )
    participation: tuple[SizeBracket, ...] = attrs.field(default=(), converter=_brackets)
    disqualifying_flags: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_flags
    )
    evidence_required: bool = attrs.field(default=True, validator=is_bool)
    # folded forms, computed once (not part of the value)
    _flag_keys: frozenset[str] | None = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        flags = self.disqualifying_flags
        object.__setattr__(self, "_flag_keys", None if flags is None else {fold(f) for f in flags})
        if self.min_band is not None and self.band_order is not None:
            self._scale(None)
        if self.min_index is not None and not 0 <= self.min_index <= 100:
            raise ValidationError(
                "an index lies between 0 and 100 %",
                vi="chỉ số phải nằm trong khoảng từ 0 đến 100 %",
                field="min_index",
                value=self.min_index,
            )

    def _scale(self, bands: object) -> tuple[tuple[str, ...], int] | None:
        """The folded band labels, best first, and the position of ``min_band`` among them;
        None when the gate sets no band. Refuses a minimum that is not one of the bands."""
        if self.min_band is None:
            return None
        if self.band_order is not None:
            order, own = self.band_order, True
        elif bands is not None:
            order, own = band_labels(bands), False
        else:
            raise ValidationError(
                "the order of the bands is unknown: give the framework's bands "
                "(allocate(..., bands=framework)) or band_order",
                vi="chưa biết thứ tự các mức xếp loại: cần chỉ rõ bộ tiêu chí được áp dụng",
                field="min_band",
                value=self.min_band,
            )
        keys = tuple(fold(b) for b in order)
        if fold(self.min_band) not in keys:
            shown = ", ".join(order)
            if own:
                en, vi = (
                    f"is not one of the bands {shown}",
                    f"không có trong các mức xếp loại đã nêu: {shown}",
                )
            else:
                en, vi = (
                    f"is not a band of the framework; its bands: {shown}",
                    f"không phải là mức xếp loại của bộ tiêu chí; các mức xếp loại: {shown}",
                )
            raise ValidationError(en, vi=vi, field="min_band", value=self.min_band)
        return keys, keys.index(fold(self.min_band))

    def check_bands(self, bands: BandSource | None = None) -> None:
        """Refuse the gate under ``bands`` (a framework, its bands, or labels best first) when
        its ``min_band`` is not one of them, or when no band order is known at all."""
        self._scale(bands)

    def required_share(self, staff: int) -> SizeBracket | None:
        """The bracket that applies to a unit of ``staff`` people, if any.

        >>> Eligibility(participation=[SizeBracket(10, Fraction(1, 2))]).required_share(5)
        """
        staff = whole(staff, "staff")
        found = None
        for bracket in self.participation:
            if bracket.min_staff <= staff:
                found = bracket
        return found

    def reasons(self, candidate: Candidate, bands: BandSource | None = None) -> tuple[Reason, ...]:
        """Every gate ``candidate`` fails, in the order above; empty when it is eligible.
        ``bands`` gives the band order (see the class) when the gate sets ``min_band``."""
        if not isinstance(candidate, Candidate):
            raise CchcTypeError(
                "must be a Candidate",
                vi="phải là một ứng viên",
                field="candidate",
                value=candidate,
            )
        return tuple(self._failures(candidate, self._scale(bands)))

    def _failures(
        self, c: Candidate, scale: tuple[tuple[str, ...], int] | None
    ) -> Iterator[Reason]:
        if scale is not None:
            keys, min_rank = scale
            rank = None if c.band is None else fold(c.band)
            if c.band is None:
                yield Reason("band", "chưa được xếp loại", "has no band")
            elif rank not in keys:
                yield Reason(
                    "band", f"xếp loại {c.band} không có trong thang", f"unknown band {c.band}"
                )
            elif keys.index(rank) > min_rank:
                yield Reason(
                    "band",
                    f"xếp loại {c.band} thấp hơn mức tối thiểu {self.min_band}",
                    f"band {c.band} is below the minimum {self.min_band}",
                )
        if self.min_points is not None and c.points < self.min_points:
            yield Reason(
                "points",
                f"điểm {vi_number(c.points)} thấp hơn mức tối thiểu {vi_number(self.min_points)}",
                f"points {c.points} are below the minimum {self.min_points}",
            )
        if self.min_index is not None and c.index is None:
            yield Reason(
                "index",
                f"chưa có chỉ số (yêu cầu tối thiểu {_number(self.min_index, 'vi')}%)",
                f"has no index (the minimum is {_fmt(self.min_index)} %)",
            )
        elif self.min_index is not None and c.index is not None and c.index < self.min_index:
            yield Reason(
                "index",
                f"chỉ số {_number(c.index, 'vi')}% thấp hơn mức tối thiểu "
                f"{_number(self.min_index, 'vi')}%",
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
                f"tỷ lệ tham gia {_percent(c.participation, 'vi')} thấp hơn yêu cầu "
                f"{_percent(bracket.share, 'vi')} (đơn vị từ {bracket.min_staff} người)",
                f"participation {_percent(c.participation)} is below the required "
                f"{_percent(bracket.share)} (units of {bracket.min_staff} or more)",
            )


# ---------------------------------------------------------------------------------------------
# quotas


class Rounding(CodedEnum):
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
        value = fraction(value, "value")
        if value < 0:
            raise ValidationError(
                "must not be negative", vi="không được là số âm", field="value", value=value
            )
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
    rounding: Rounding = attrs.field(default=Rounding.FLOOR, converter=_to_rounding)
    of: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValidationError(
                "a quota lies between 0 and 100 %",
                vi="hạn mức phải nằm trong khoảng từ 0 đến 100 %",
                field="percent",
                value=self.percent,
            )

    def limit(self, base: int) -> int:
        """The most awards this quota allows over ``base``."""
        return self.rounding.apply(self.percent * whole(base, "base") / 100)

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The quota in words."""
        vi = lang_of(lang) is Lang.VI
        base_vi = f"số đạt {self.of}" if self.of else "số ứng viên trong khối"
        base_en = self.of if self.of else "the candidates in the group"
        if vi:
            return f"không quá {_percent(self.percent / 100, 'vi')} {base_vi}, {self.rounding.vi}"
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


class TieMode(CodedEnum):
    """What happens when candidates with equal results straddle a prize boundary.

    >>> PrizeTiePolicy().mode
    TieMode.COUNCIL
    """

    SHARE = "share"  # all of them receive the prize (đồng giải)
    BREAK = "break"  # the chain decides; what it cannot separate goes to the council
    COUNCIL = "council"  # the council decides; the tie is returned unresolved


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

    mode: TieMode = attrs.field(default=TieMode.COUNCIL, converter=_to_tie_mode)
    chain: tuple[TieBreak, ...] = attrs.field(default=(), converter=_to_chain)
    shrink_next: bool = attrs.field(default=True, validator=is_bool)

    def __attrs_post_init__(self) -> None:
        if self.mode is TieMode.BREAK and not self.chain:
            raise ValidationError(
                "breaking ties needs at least one tie-break",
                vi="phân định đồng hạng cần ít nhất một tiêu chí phụ",
                field="chain",
                value=self.chain,
            )
        if self.mode is not TieMode.BREAK and self.chain:
            raise ValidationError(
                f"a chain is used only with TieMode.BREAK, not {self.mode!r}",
                vi="chỉ ghi các tiêu chí phụ khi chọn phân định đồng hạng bằng tiêu chí phụ",
                field="chain",
                value=self.chain,
            )


# ---------------------------------------------------------------------------------------------
# structures


class RankBy(CodedEnum):
    """What a group is ranked on: final points, or the index (when maxima differ).

    >>> PrizeGroup("PB", "Phòng, ban").rank_by
    RankBy.POINTS
    """

    POINTS = "points"
    INDEX = "index"


@attrs.frozen
class PrizeLevel:
    """One prize level (giải) with how many are given, optionally capped by a quota.

    >>> PrizeLevel("kk", "Giải Khuyến khích", 2)
    PrizeLevel(code='kk', name='Giải Khuyến khích', count=2, quota=None)
    >>> PrizeLevel("kk", "Giải Khuyến khích", -1)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: count = -1: is negative (expected a whole number from 0)
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    name: str = attrs.field(converter=to_nfc, validator=is_name)
    count: int = attrs.field(default=1, validator=_count())
    quota: Quota | None = attrs.field(default=None, validator=instance_of(Quota, optional=True))

    def __str__(self) -> str:
        return f"{self.count:02d} {self.name}"


def _check_codes(what: str, codes: Sequence[str]) -> None:
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if fold(code) in seen:
            raise ValidationError(
                "code used twice", vi="mã bị dùng hai lần", field=f"{what}[{i}].code", value=code
            )
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

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    name: str = attrs.field(converter=to_nfc, validator=is_name)
    levels: tuple[PrizeLevel, ...] = attrs.field(default=(), converter=_to_levels)
    eligibility: Eligibility = attrs.field(
        default=Eligibility(), validator=instance_of(Eligibility)
    )
    ties: PrizeTiePolicy = attrs.field(
        default=PrizeTiePolicy(), validator=instance_of(PrizeTiePolicy)
    )
    rank_by: RankBy = attrs.field(default=RankBy.POINTS, converter=_to_rank_by)
    per_unit_cap: int | None = attrs.field(default=None, validator=_count(optional=True))

    def __attrs_post_init__(self) -> None:
        _check_codes("levels", [lv.code for lv in self.levels])
        for i, level in enumerate(self.levels):
            of = level.quota.of if level.quota else None
            earlier = {fold(lv.code) for lv in self.levels[:i]}
            if of is not None and fold(of) not in earlier:
                raise ValidationError(
                    "a level's quota must be based on an earlier level of the same group",
                    vi="hạn mức của một giải phải tính theo một giải xếp trên trong cùng khối",
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


def _to_requirements(value: Any) -> tuple[MemberRequirement, ...]:
    return items_of(value, MemberRequirement, "requirements")


@attrs.frozen
class MemberRequirement:
    """What share of a collective's members, or how many of them, must hold an individual
    ``title`` (by its code): ``min_share`` (0–1, exact) and/or ``min_count``.

    >>> r = MemberRequirement("LĐTT", min_share=Fraction(7, 10))
    >>> r.text("vi")
    '≥ 70% thành viên đạt LĐTT'
    >>> MemberRequirement("CSTĐCS", min_count=1).text("en")
    '≥ 1 member holding CSTĐCS'
    >>> MemberRequirement("LĐTT")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: min_share = None: give a minimum share of members, a minimum ...
    """

    title: str = attrs.field(converter=to_nfc, validator=is_name)
    min_share: Fraction | None = attrs.field(
        default=None, converter=_to_fraction, validator=[_is_optional_fraction, _share]
    )
    min_count: int | None = attrs.field(default=None, validator=_count(optional=True))

    def __attrs_post_init__(self) -> None:
        if self.min_share is None and self.min_count is None:
            raise ValidationError(
                "give a minimum share of members, a minimum count, or both",
                vi="cần ghi tỷ lệ thành viên tối thiểu hoặc số thành viên tối thiểu",
                field="min_share",
                value=None,
            )

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The requirement in words."""
        vi = lang_of(lang) is Lang.VI
        parts = []
        if self.min_share is not None:
            parts.append(f"≥ {_percent(self.min_share, 'vi' if vi else 'en')}")
        if self.min_count is not None:
            parts.append(f"≥ {self.min_count}")
        if vi:
            return f"{' và '.join(parts)} thành viên đạt {self.title}"
        plural = "s" if self.min_share is not None or self.min_count != 1 else ""
        return f"{' and '.join(parts)} member{plural} holding {self.title}"

    def __str__(self) -> str:
        return self.text("en")


@attrs.frozen
class MemberGate:
    """A collective title's gate on its members' individual titles (Tập thể lao động xuất sắc:
    at least 70 % of the members Lao động tiên tiến and at least one Chiến sĩ thi đua cơ sở).

    The members of a collective are the candidates of ``group`` (the individuals' group) whose
    ``unit`` is the collective's id. The share is taken over the collective's ``staff`` when
    its candidate gives it (every member, nominated or not), otherwise over its members among
    the candidates. The gate is decided after the individual titles it names, which must be
    listed earlier in the :class:`PrizeStructure`; the award shows the figures.

    >>> gate = MemberGate("CN", [MemberRequirement("LĐTT", min_share=Fraction(7, 10)),
    ...                          MemberRequirement("CSTĐCS", min_count=1)])
    >>> print(gate.text("vi"))
    ≥ 70% thành viên đạt LĐTT; ≥ 1 thành viên đạt CSTĐCS (xét sau danh hiệu cá nhân của khối CN)
    >>> MemberGate("CN", [])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: requirements = (): a member gate needs at least one requirement
    """

    group: str = attrs.field(converter=to_nfc, validator=is_name)
    requirements: tuple[MemberRequirement, ...] = attrs.field(converter=_to_requirements)

    def __attrs_post_init__(self) -> None:
        if not self.requirements:
            raise ValidationError(
                "a member gate needs at least one requirement",
                vi="điều kiện về thành viên cần ít nhất một yêu cầu",
                field="requirements",
                value=self.requirements,
            )
        seen: set[str] = set()
        for i, r in enumerate(self.requirements):
            if fold(r.title) in seen:
                raise ValidationError(
                    "a title is required twice; give its share and count in one requirement",
                    vi="một danh hiệu được yêu cầu hai lần; ghi tỷ lệ và số lượng trong cùng "
                    "một yêu cầu",
                    field=f"requirements[{i}].title",
                    value=r.title,
                )
            seen.add(fold(r.title))

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The gate in words, with the order in which it is decided."""
        rules = "; ".join(r.text(lang) for r in self.requirements)
        if lang_of(lang) is Lang.VI:
            return f"{rules} (xét sau danh hiệu cá nhân của khối {self.group})"
        return f"{rules} (decided after the individual titles of group {self.group})"

    def __str__(self) -> str:
        return self.text("en")


@attrs.frozen
class Title:
    """An emulation title (danh hiệu thi đua) given to every eligible candidate of a group, up
    to its quota: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến.

    ``requires`` names a title the candidate must already hold; titles are decided in the
    order listed, after the prizes, and do not count against "one achievement, one
    commendation". ``members`` makes it a collective title that depends on the titles of the
    collective's members (see :class:`MemberGate`).

    >>> cstd = Title("CSTDCS", "Chiến sĩ thi đua cơ sở", "CN", quota=FORMER_CSTDCS_QUOTA,
    ...              requires="LDTT")
    >>> cstd.quota.limit(27)
    4
    """

    code: str = attrs.field(converter=to_nfc, validator=is_name)
    name: str = attrs.field(converter=to_nfc, validator=is_name)
    group: str = attrs.field(converter=to_nfc, validator=is_name)
    eligibility: Eligibility = attrs.field(
        default=Eligibility(), validator=instance_of(Eligibility)
    )
    quota: Quota | None = attrs.field(default=None, validator=instance_of(Quota, optional=True))
    requires: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    ties: PrizeTiePolicy = attrs.field(
        default=PrizeTiePolicy(), validator=instance_of(PrizeTiePolicy)
    )
    rank_by: RankBy = attrs.field(default=RankBy.POINTS, converter=_to_rank_by)
    members: MemberGate | None = attrs.field(
        default=None, validator=instance_of(MemberGate, optional=True)
    )


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

    groups: tuple[PrizeGroup, ...] = attrs.field(converter=_to_groups)
    titles: tuple[Title, ...] = attrs.field(default=(), converter=_to_titles)
    one_prize_per_recipient: bool = attrs.field(default=True, validator=is_bool)
    name: str = attrs.field(default="", converter=to_nfc, validator=is_text)

    def __attrs_post_init__(self) -> None:
        _check_codes("groups", [g.code for g in self.groups])
        _check_codes("titles", [t.code for t in self.titles])
        known = {fold(g.code) for g in self.groups}
        for i, title in enumerate(self.titles):
            if fold(title.group) not in known:
                listed = ", ".join(g.code for g in self.groups)
                raise ValidationError(
                    f"unknown group; known: {listed}",
                    vi=f"không có khối thi đua này; các khối: {listed}",
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
                    vi="mã danh hiệu phải khác mã các giải của khối",
                    field=f"titles[{i}].code",
                    value=title.code,
                )
            earlier = {fold(t.code) for t in self.titles[:i]}
            for name, ref in (("requires", title.requires), ("quota.of", _quota_of(title))):
                if ref is not None and fold(ref) not in earlier:
                    raise ValidationError(
                        "must name a title listed earlier",
                        vi="phải là một danh hiệu được xét trước",
                        field=f"titles[{i}].{name}",
                        value=ref,
                    )
            if title.members is not None:
                self._check_members(i, title, title.members, known)

    def _check_members(self, i: int, title: Title, gate: MemberGate, known: set[str]) -> None:
        path = f"titles[{i}].members"
        listed = ", ".join(g.code for g in self.groups)
        if fold(gate.group) not in known:
            raise ValidationError(
                f"unknown group; known: {listed}",
                vi=f"không có khối thi đua này; các khối: {listed}",
                field=f"{path}.group",
                value=gate.group,
            )
        if fold(gate.group) == fold(title.group):
            raise ValidationError(
                "the members are individuals of another group than the collectives'",
                vi="thành viên phải là cá nhân thuộc khối khác với khối của các tập thể",
                field=f"{path}.group",
                value=gate.group,
            )
        earlier = {fold(t.code): t for t in self.titles[:i]}
        for j, r in enumerate(gate.requirements):
            member_title = earlier.get(fold(r.title))
            if member_title is None:
                raise ValidationError(
                    "must name an individual title listed earlier (it is decided first)",
                    vi="phải là một danh hiệu cá nhân được xét trước",
                    field=f"{path}.requirements[{j}].title",
                    value=r.title,
                )
            if fold(member_title.group) != fold(gate.group):
                raise ValidationError(
                    f"the title is given in group {member_title.group}, not to the members' "
                    f"group {gate.group}",
                    vi=f"danh hiệu này xét ở khối {member_title.group}, không phải khối "
                    f"{gate.group} của các thành viên",
                    field=f"{path}.requirements[{j}].title",
                    value=r.title,
                )

    def findings(self, bands: BandSource | None = None) -> tuple[Finding, ...]:
        """Every problem of the structure under ``bands`` (the framework, its bands, or labels
        best first), each a :class:`~cchc.errors.Finding` with its path; empty when there is
        none. Nothing found is raised; only ``bands`` of the wrong kind is.

        A structure is checked when it is built (unknown groups in titles, repeated codes,
        titles required before they are decided...): it cannot hold those problems, so what is
        found here is what needs the bands, and what is allowed but probably a slip:

        - ``prizes.unknown-band`` (error): a gate's ``min_band`` is not one of the bands;
        - ``prizes.band-order-unknown`` (warning): a gate sets ``min_band`` but no bands are
          given and it has no ``band_order``; :func:`allocate` will need ``bands``;
        - ``prizes.group-without-prizes`` (warning): a group has neither prize levels nor
          titles, so nothing is ever given in it.

        >>> gate = Eligibility(min_band="A")
        >>> prizes = PrizeStructure([PrizeGroup("XA", "Xã", [PrizeLevel("nhat", "Giải Nhất")],
        ...                                     eligibility=gate), PrizeGroup("PB", "Phòng")])
        >>> [(f.code, f.path) for f in prizes.findings(["Xuất sắc", "Tốt"])]
        [('prizes.unknown-band', 'groups[0].eligibility.min_band'), \
('prizes.group-without-prizes', 'groups[1]')]
        >>> [f.code for f in prizes.findings()]
        ['prizes.band-order-unknown', 'prizes.group-without-prizes']
        """
        if bands is not None:
            band_labels(bands)  # refuse bands of the wrong kind before looking at any gate
        out: list[Finding] = []
        gates = [(f"groups[{i}]", g.eligibility) for i, g in enumerate(self.groups)]
        gates += [(f"titles[{i}]", t.eligibility) for i, t in enumerate(self.titles)]
        for path, gate in gates:
            if gate.min_band is None:
                continue
            if bands is None and gate.band_order is None:
                out.append(
                    Finding(
                        "prizes.band-order-unknown",
                        f"{path}.eligibility.min_band",
                        f"mức xếp loại tối thiểu {gate.min_band}: chưa biết thứ tự các mức "
                        "xếp loại; khi xét giải cần chỉ rõ bộ tiêu chí được áp dụng",
                        f"minimum band {gate.min_band}: the order of the bands is unknown; "
                        "allocate needs the framework's bands",
                        Severity.WARNING,
                    )
                )
                continue
            try:
                gate.check_bands(bands)
            except ValidationError as exc:
                out.append(
                    Finding(
                        "prizes.unknown-band",
                        f"{path}.eligibility.min_band",
                        f"{gate.min_band}: {exc.vi}",
                        f"{gate.min_band}: {exc.message}",
                    )
                )
        with_titles = {fold(t.group) for t in self.titles}
        for i, g in enumerate(self.groups):
            if not g.levels and fold(g.code) not in with_titles:
                out.append(
                    Finding(
                        "prizes.group-without-prizes",
                        f"groups[{i}]",
                        f"khối {g.code} không có giải thưởng hay danh hiệu nào để xét",
                        f"group {g.code} has no prize levels and no titles: nothing is given",
                        Severity.WARNING,
                    )
                )
        return tuple(out)

    def check(self, bands: BandSource | None = None) -> tuple[Finding, ...]:
        """Like :meth:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
        every finding when any is an error; otherwise return the warnings and notes.

        >>> PrizeStructure([PrizeGroup("XA", "Xã", [PrizeLevel("nhat", "Giải Nhất")],
        ...                            eligibility=Eligibility(min_band="A"))]).check(["Tốt"])
        Traceback (most recent call last):
        ...
        cchc.errors.InvalidDocumentError: Cơ cấu giải thưởng: 1 problem
          error prizes.unknown-band at groups[0].eligibility.min_band: ...
        """
        found = self.findings(bands)
        if any(f.severity is Severity.ERROR for f in found):
            raise InvalidDocumentError(f"Cơ cấu giải thưởng {self.name}".strip(), found)
        return found

    def group(self, code: str) -> PrizeGroup:
        """The group with this code; raises :class:`~cchc.errors.NotFoundError`."""
        key = fold(text(code, "group"))
        for group in self.groups:
            if fold(group.code) == key:
                return group
        known = ", ".join(g.code for g in self.groups)
        raise NotFoundError(
            f"unknown group; known: {known}",
            vi=f"không có khối thi đua này; các khối: {known}",
            field="group",
            value=code,
        )


def _quota_of(title: Title) -> str | None:
    return title.quota.of if title.quota else None


if TYPE_CHECKING:
    #: The prize structure of seed plan 138/KH-UBND (Châu Thành district, 2021): for the
    #: district's offices and for the communes and the town, one first, second, third and
    #: encouragement prize each; and commendation "theo Nghị định" of the eight most
    #: outstanding individuals. Its one definition is the ``[campaign.prizes]`` table of the
    #: bundled example file ``cchc/examples/chau-thanh-2021.toml``, read on first use.
    CHAU_THANH_2021: PrizeStructure


def __getattr__(name: str) -> Any:
    # CHAU_THANH_2021 is read from the bundled campaign file when first asked for, so that
    # importing this module parses no file
    if name == "CHAU_THANH_2021":
        return _chau_thanh_2021()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _chau_thanh_2021() -> PrizeStructure:
    from cchc.examples import load  # the seed data, above this module: imported on first use

    campaign = load("chau-thanh-2021").campaign
    if campaign is None or campaign.prizes is None:  # pragma: no cover - the file has both
        raise NotFoundError(
            "the bundled Châu Thành campaign has no prize structure",
            vi="tệp ví dụ Châu Thành không có cơ cấu giải thưởng",
            field="name",
            value="chau-thanh-2021",
        )
    return campaign.prizes


# ---------------------------------------------------------------------------------------------
# decisions


@attrs.frozen
class Award:
    """One prize or title given: to whom, in which group, what, on what result, and why;
    ``conditions`` shows the figures of the gates that needed them (a collective's members).
    For a person, ``unit`` is the code of the unit they belong to and ``position`` their
    position (chức vụ), both from the :class:`Candidate`; a unit's award leaves them ``None``.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5"))])
    >>> a = d.awards[0]
    >>> a.prize_name, a.points, a.rank, a.reason.vi
    ('Giải Nhất', Decimal('94.5'), 1, 'xếp hạng 1 trong khối')
    """

    recipient: str = attrs.field(converter=to_nfc, validator=is_name)
    name: str = attrs.field(converter=to_nfc, validator=is_text)
    group: str = attrs.field(converter=to_nfc, validator=is_name)
    prize: str = attrs.field(converter=to_nfc, validator=is_name)
    prize_name: str = attrs.field(converter=to_nfc, validator=is_text)
    points: Decimal = attrs.field(converter=to_decimal, validator=is_decimal)
    rank: int = attrs.field(validator=_count(minimum=1))
    reason: Reason = attrs.field(validator=instance_of(Reason))
    shared: bool = attrs.field(default=False, validator=is_bool)
    conditions: tuple[Reason, ...] = attrs.field(default=(), converter=_to_conditions)
    unit: str | None = attrs.field(
        default=None, kw_only=True, converter=to_nfc, validator=is_optional_text
    )
    position: str | None = attrs.field(
        default=None, kw_only=True, converter=to_nfc, validator=is_optional_text
    )


@attrs.frozen
class Unfilled:
    """Prizes of one level left without a recipient, and why.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5"))])
    >>> u = d.unfilled[0]
    >>> u.group, u.prize, u.count, u.reason.en
    ('PB', 'nhi', 1, 'not enough eligible candidates')
    """

    group: str = attrs.field(converter=to_nfc, validator=is_name)
    prize: str = attrs.field(converter=to_nfc, validator=is_name)
    count: int = attrs.field(validator=_count())
    reason: Reason = attrs.field(validator=instance_of(Reason))


@attrs.frozen
class UnresolvedTie:
    """Candidates with equal standing contesting ``slots`` (prize code, count), returned for
    the council to decide. ``rank`` is their shared rank in the group.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
    >>> d = allocate(CHAU_THANH_2021, [Candidate("a", "XA", Decimal(90)),
    ...                                Candidate("b", "XA", Decimal(90)),
    ...                                Candidate("c", "XA", Decimal(90))])
    >>> tie = d.ties[0]
    >>> tie.candidates, tie.slots, tie.contested
    (('a', 'b', 'c'), (('nhat', 1), ('nhi', 1), ('ba', 1)), 3)
    """

    group: str = attrs.field(converter=to_nfc, validator=is_name)
    candidates: tuple[str, ...] = attrs.field(converter=_to_candidate_ids)
    slots: tuple[tuple[str, int], ...] = attrs.field(converter=_slots)
    rank: int = attrs.field(validator=_count(minimum=1))
    reason: Reason = attrs.field(validator=instance_of(Reason))
    names: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_names)

    @property
    def contested(self) -> int:
        """The number of places contested."""
        return sum(count for _, count in self.slots)


def _to_places(value: Any) -> tuple[tuple[str, str], ...]:
    """Converter: the (candidate id, prize code) pairs the council settled."""
    items = tuple(value.items()) if isinstance(value, Mapping) else sequence(value, "places")
    out = []
    for i, pair in enumerate(items):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise CchcTypeError(
                "must be a pair of a candidate id and a prize code",
                vi="phải ghi theo cặp mã ứng viên và mã giải",
                field=f"places[{i}]",
                value=pair,
            )
        out.append((text(pair[0], f"places[{i}][0]"), text(pair[1], f"places[{i}][1]")))
    return tuple(out)


def _to_document_number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return DocumentNumber.parse(value)
        except CchcError as exc:
            raise ParseError(exc.message, vi=exc.vi, field="number", value=value) from None
    return value


def _is_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise CchcTypeError(
            f"must be a date, not {type(value).__name__}",
            vi="phải là một ngày (ngày, tháng, năm)",
            field=attribute.name,
            value=value,
        )


@attrs.frozen
class TieSettlement:
    """The council's choice on a tie it was left (:class:`UnresolvedTie`): who takes which
    place, by its decision ``number`` of ``issued`` (a record, biên bản, or a decision).

    Give it to :func:`allocate` (``settlements=[...]``) and the decision issues with the
    settlement, each award saying so. ``places`` maps candidate ids to prize (or title)
    codes; the tie's candidates the council did not place receive nothing from it, and a
    place it left unused stays unfilled. A settlement must match an actual unresolved tie:
    the same group, only its candidates, only its places.

    >>> s = TieSettlement("XA", {"xa-an-khanh": "nhi", "tt-chau-thanh": "ba"},
    ...                   "12/BB-HĐTĐKT", datetime.date(2021, 12, 5))
    >>> print(s.text("vi"))
    Biên bản số 12/BB-HĐTĐKT ngày 05/12/2021 của Hội đồng Thi đua - Khen thưởng
    >>> TieSettlement("XA", {}, "12/BB-HĐTĐKT", datetime.date(2021, 12, 5))
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: places = (): the council's settlement places no one
    """

    group: str = attrs.field(converter=to_nfc, validator=is_name)
    places: tuple[tuple[str, str], ...] = attrs.field(converter=_to_places)
    number: DocumentNumber = attrs.field(
        converter=_to_document_number, validator=instance_of(DocumentNumber)
    )
    issued: datetime.date = attrs.field(validator=_is_date)
    council: str = attrs.field(
        default="Hội đồng Thi đua - Khen thưởng", converter=to_nfc, validator=is_name
    )

    def __attrs_post_init__(self) -> None:
        if not self.places:
            raise ValidationError(
                "the council's settlement places no one",
                vi="quyết định của Hội đồng chưa ghi ai nhận giải nào",
                field="places",
                value=self.places,
            )
        seen: set[str] = set()
        for i, (candidate, prize) in enumerate(self.places):
            for j, part in ((0, candidate), (1, prize)):
                if not part:
                    raise ValidationError(
                        "must not be empty",
                        vi="không được để trống",
                        field=f"places[{i}][{j}]",
                        value=part,
                    )
            if fold(candidate) in seen:
                raise ValidationError(
                    "a candidate is placed twice",
                    vi="một ứng viên được xếp hai lần",
                    field=f"places[{i}][0]",
                    value=candidate,
                )
            seen.add(fold(candidate))
        self.citation()  # the number must agree with the date (a year in it)

    def citation(self) -> Citation:
        """The council's document as a :class:`~cchc.directives.Citation`."""
        try:
            return Citation(number=self.number, issued=self.issued, issuer=self.council)
        except CchcError as exc:
            raise ValidationError(
                exc.message, vi=exc.vi, field="issued", value=self.issued
            ) from None

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The council's document in words ("Biên bản số … ngày … của …")."""
        if lang_of(lang) is Lang.VI:
            return str(self.citation())
        return f"document {self.number} of {self.issued.isoformat()} by {self.council}"

    def __str__(self) -> str:
        return self.text("en")


@attrs.frozen
class Exclusion:
    """A candidate kept from a group's prizes (``prize`` is ``None``) or from one title, with
    every reason.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
    >>> d = allocate(CHAU_THANH_2021, [Candidate("a", "XA", Decimal(90), evidence=False)])
    >>> d.excluded[0].candidate, [r.code for r in d.excluded[0].reasons]
    ('a', ['evidence'])
    """

    candidate: str = attrs.field(converter=to_nfc, validator=is_name)
    group: str = attrs.field(converter=to_nfc, validator=is_name)
    reasons: tuple[Reason, ...] = attrs.field(converter=_to_reasons)
    prize: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    name: str = attrs.field(default="", kw_only=True, converter=to_nfc, validator=is_text)


@attrs.frozen
class AwardDecision:
    """The outcome of :func:`allocate`: every award, every unfilled prize, every unresolved tie
    and every exclusion, in the structure's order.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
    >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("94.5")),
    ...                                Candidate("xa-an-hiep", "XA", Decimal("92"))])
    >>> [a.recipient for a in d.awards_in("xa")], d.prizes_of("PB-NOI-VU")[0].prize
    (['xa-an-hiep'], 'nhat')
    """

    structure: PrizeStructure = attrs.field(validator=instance_of(PrizeStructure))
    awards: tuple[Award, ...] = attrs.field(default=(), converter=_to_awards)
    unfilled: tuple[Unfilled, ...] = attrs.field(default=(), converter=_to_unfilled)
    ties: tuple[UnresolvedTie, ...] = attrs.field(default=(), converter=_to_ties)
    excluded: tuple[Exclusion, ...] = attrs.field(default=(), converter=_to_excluded)

    def _repr_html_(self) -> str:
        from cchc.display import html

        return html(self)

    def __repr__(self) -> str:
        from cchc.display import summary

        return summary(self)

    def explain(self, lang: LangLike = Lang.VI) -> Explanation:
        """Walk through the decision group by group: awards, unfilled prizes with their
        reasons, unresolved ties and exclusions; names of groups and prizes as the structure
        states them.

        >>> from cchc.awards import CHAU_THANH_2021  # read from its file
        >>> d = allocate(CHAU_THANH_2021, [Candidate("pb-noi-vu", "PB", Decimal("92"), band="A")])
        >>> print(d.explain().text().splitlines()[4])
          Giải Nhì: không trao 1 — không đủ ứng viên đủ điều kiện
        >>> print(d.explain("en").text().splitlines()[4])
          Giải Nhì: not awarded 1 — not enough eligible candidates
        """
        return _explain_decision(self).in_lang(lang)

    def awards_in(self, group: str, prize: str | None = None) -> tuple[Award, ...]:
        """The awards of one group (and prize or title code)."""
        group_key = fold(text(group, "group"))
        prize_key = None if prize is None else fold(text(prize, "prize"))
        return tuple(
            a
            for a in self.awards
            if fold(a.group) == group_key and (prize_key is None or fold(a.prize) == prize_key)
        )

    def prizes_of(self, candidate: str) -> tuple[Award, ...]:
        """Everything one candidate received."""
        key = fold(text(candidate, "candidate"))
        return tuple(a for a in self.awards if fold(a.recipient) == key)


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
    assert candidate.index is not None  # allocate refuses a candidate without one
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
    #: folded candidate id -> the figures of the gates it met (a collective's members)
    conditions: Mapping[str, tuple[Reason, ...]] = attrs.field(factory=dict)


class _Decider:
    """Collects the decision while groups and titles are walked (internal to allocate)."""

    def __init__(
        self, structure: PrizeStructure, settlements: Sequence[TieSettlement] = ()
    ) -> None:
        self.structure = structure
        self.settlements = settlements
        self.settled: set[int] = set()  # the settlements applied
        self.by_group: dict[str, list[Candidate]] = {}  # folded group code -> candidates
        self.awards: list[Award] = []
        self.ties: list[UnresolvedTie] = []
        self.unfilled: list[Unfilled] = []
        self.excluded: list[Exclusion] = []
        self.prized: dict[str, Award] = {}  # folded id -> the prize it holds (one per recipient)
        self.titled: dict[str, set[str]] = {}  # folded title code -> folded ids holding it
        self.held: Counter[tuple[str, str]] = Counter()  # (group, code) -> places held by ties
        self.position: dict[tuple[str, str], int] = {}  # (group, id), folded -> place in input
        self._keys: dict[str, str] = {}

    def key(self, text: str) -> str:
        """``fold(text)``, computed once per distinct text during one allocation."""
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = fold(text)
        return found

    def where(self, c: Candidate) -> str:
        """The path of a candidate in the list given to :func:`allocate`."""
        return f"candidates[{self.position[(self.key(c.group), self.key(c.id))]}]"

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
                        name=c.name,
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
            for sub, reason in _break(cls, policy.chain, self.where):
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
        tie = UnresolvedTie(
            contest.group,
            tuple(c.id for c in cls),
            tuple((lv.code, n) for lv, n in held),
            min(ranks[c.id] for c in cls),
            why,
            names=tuple(c.display_name for c in cls),
        )
        found = self._settlement_for(tie)
        if found is not None:
            self._settle(contest, walk, found, tie, held, cls, ranks, held_by_unit)
            return
        for lv, n in held:  # the council will give these places: quotas based on them count them
            self.held[(self.key(contest.group), self.key(lv.code))] += n
        if contest.per_unit_cap is not None:
            places = sum(n for _, n in held)
            for unit, n in Counter(self.key(c.unit_id) for c in cls).items():
                held_by_unit[unit] += min(n, contest.per_unit_cap - held_by_unit[unit], places)
        self.ties.append(tie)

    def _settlement_for(self, tie: UnresolvedTie) -> int | None:
        """The index of the first unused settlement of this tie: the same group, only its
        candidates and only the prizes it holds."""
        group = self.key(tie.group)
        candidates = {self.key(c) for c in tie.candidates}
        prizes = {self.key(p) for p, _ in tie.slots}
        for i, settlement in enumerate(self.settlements):
            if i in self.settled or self.key(settlement.group) != group:
                continue
            if all(
                self.key(c) in candidates and self.key(p) in prizes for c, p in settlement.places
            ):
                return i
        return None

    def _settle(
        self,
        contest: _Contest,
        walk: _Walk,
        index: int,
        tie: UnresolvedTie,
        held: Sequence[tuple[PrizeLevel, int]],
        cls: Sequence[Candidate],
        ranks: dict[str, int],
        held_by_unit: Counter[str],
    ) -> None:
        """Give the places a tie holds as the council settled them."""
        settlement = self.settlements[index]
        path = f"settlements[{index}]"
        wanted = Counter(self.key(p) for _, p in settlement.places)
        for level, n in held:
            if wanted[self.key(level.code)] > n:
                raise ValidationError(
                    f"gives {wanted[self.key(level.code)]} × {level.code}, the tie holds "
                    f"{n} (candidates {', '.join(tie.candidates)})",
                    vi=f"Hội đồng trao {wanted[self.key(level.code)]} suất {level.name} nhưng "
                    f"đồng hạng chỉ giữ {n} suất",
                    field=f"{path}.places",
                    value=settlement.places,
                    code="settlement.over",
                )
        by_id = {self.key(c.id): c for c in cls}
        placed = [(by_id[self.key(c)], self.key(p)) for c, p in settlement.places]
        if contest.per_unit_cap is not None:
            units = Counter(self.key(c.unit_id) for c, _ in placed)
            for unit, n in units.items():
                if held_by_unit[unit] + n > contest.per_unit_cap:
                    raise ValidationError(
                        f"gives unit {unit} more than its cap of {contest.per_unit_cap}",
                        vi=f"Hội đồng trao cho đơn vị {unit} quá {contest.per_unit_cap} suất "
                        "tối đa của một đơn vị",
                        field=f"{path}.places",
                        value=settlement.places,
                        code="settlement.over",
                    )
        self.settled.add(index)
        vi_doc, en_doc = settlement.text("vi"), settlement.text("en")
        for level, n in held:
            takers = [c for c, p in placed if p == self.key(level.code)]
            for c in sorted(takers, key=lambda c: c.id):
                rank = ranks[c.id]
                award = Award(
                    c.id,
                    c.display_name,
                    contest.group,
                    level.code,
                    level.name,
                    c.points,
                    rank,
                    Reason(
                        "council-settled",
                        f"đồng hạng {rank}; phân định theo {vi_doc}",
                        f"tied at rank {rank}; settled by the council, {en_doc}",
                    ),
                    conditions=contest.conditions.get(self.key(c.id), ()),
                    unit=c.unit,
                    position=c.position,
                )
                self.awards.append(award)
                held_by_unit[self.key(c.unit_id)] += 1
                if not contest.is_title:
                    self.prized.setdefault(self.key(c.id), award)
            if n > len(takers):
                walk.given[self.key(level.code)] -= n - len(takers)
                self.unfilled.append(
                    Unfilled(
                        contest.group,
                        level.code,
                        n - len(takers),
                        Reason(
                            "council-settled",
                            f"Hội đồng không trao ({vi_doc})",
                            f"not given by the council ({en_doc})",
                        ),
                    )
                )
        chosen = {id(c) for c, _ in placed}
        prize = tie.slots[0][0] if contest.is_title and tie.slots else None
        for c in cls:
            if id(c) not in chosen:
                self.excluded.append(
                    Exclusion(
                        c.id,
                        contest.group,
                        (
                            Reason(
                                "council-settled",
                                f"đồng hạng {ranks[c.id]}, Hội đồng không chọn ({vi_doc})",
                                f"tied at rank {ranks[c.id]}; not chosen by the council ({en_doc})",
                            ),
                        ),
                        prize,
                        name=c.name,
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
                contest.conditions.get(self.key(c.id), ()),
                unit=c.unit,
                position=c.position,
            )
            self.awards.append(award)
            held_by_unit[self.key(c.unit_id)] += 1
            walk.given[self.key(level.code)] += 1
            if not contest.is_title:
                self.prized.setdefault(self.key(c.id), award)
        walk.left -= len(cls)


def _link_key(link: TieBreak, c: Candidate, where: Callable[[Candidate], str]) -> Any:
    """The candidate's standing on one link, or None when it has no points in the link's
    field: such a candidate comes last in that step (and level with others who have none)."""
    if link.kind is TieBreakKind.FIELD and not c.has_field(str(link.code)):
        return None
    try:
        return link.key(c)
    except CchcError as exc:  # say which candidate, by its place in the list given
        raise type(exc)(
            exc.message, vi=exc.vi, field=f"{where(c)}.{exc.field}", value=exc.value
        ) from None


def _descending(keys: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Sort key for a candidate's standings, best first; a missing standing (None) last."""
    return tuple((1, 0) if k is None else (0, -k) for k in keys)


def _break(
    cls: Sequence[Candidate], chain: Sequence[TieBreak], where: Callable[[Candidate], str]
) -> list[tuple[list[Candidate], Reason]]:
    """Split a class of equal standing by the chain, best first; each part with its reason.
    A candidate without points in a field the chain compares comes last in that step."""
    keyed = sorted(
        ((tuple(_link_key(link, c, where) for link in chain), c) for c in cls),
        key=lambda kc: (_descending(kc[0]), kc[1].id),
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
        step = (
            next(j for j, (a, b) in enumerate(zip(k, other, strict=True)) if a != b)
            if other is not None
            else None
        )
        if step is None:
            reason = Reason("rank", "đồng hạng", "tied")
        else:
            link = chain[step]
            place = f"{i + 1}/{len(parts)}"
            vi = f"đồng điểm; phân định theo {link.text('vi')} (thứ tự {place}"
            en = f"tied on the ranking; separated by {link.text('en')} (place {place}"
            if k[step] is None:
                vi += f"; không có điểm {link.code} nên xếp sau"
                en += f"; no {link.code} points, so placed last"
            reason = Reason("tie-break", vi + ")", en + ")")
        out.append((members, reason))
    return out


def allocate(
    structure: PrizeStructure,
    candidates: Iterable[Candidate],
    *,
    bands: BandSource | None = None,
    settlements: Iterable[TieSettlement] = (),
) -> AwardDecision:
    """Decide every group's prizes and every title from the candidates' results.

    Each group is walked from its best candidate down: ineligible candidates are excluded
    with their reasons, candidates already holding a prize of the campaign are skipped
    (one achievement, one commendation), and each class of equal standing either fits in
    the places left at the current level or meets the group's tie policy. Titles follow, in
    the order listed. The input order never matters.

    ``bands`` is the framework the candidates were classified by (or its bands, or their
    labels best first): a gate's ``min_band`` is compared in its order, and a ``min_band``
    that is not one of its bands is refused.

    ``settlements`` are the council's choices on ties it was left (:class:`TieSettlement`):
    run again with them, the decision gives those places as the council settled them. A
    settlement that matches no tie left to the council is refused, naming it.

    >>> from cchc.awards import CHAU_THANH_2021  # read from its file
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
    if not isinstance(structure, PrizeStructure):
        raise CchcTypeError(
            "must be a PrizeStructure",
            vi="phải là một cơ cấu giải thưởng",
            field="structure",
            value=structure,
        )
    settled = items_of(settlements, TieSettlement, "settlements")
    decider = _Decider(structure, settled)
    for i, settlement in enumerate(settled):
        try:
            structure.group(settlement.group)
        except NotFoundError as exc:
            raise NotFoundError(
                exc.message, vi=exc.vi, field=f"settlements[{i}].group", value=exc.value
            ) from None
    scales = _scales(structure, bands)
    by_index = {decider.key(g.code) for g in structure.groups if g.rank_by is RankBy.INDEX}
    by_index |= {decider.key(t.group) for t in structure.titles if t.rank_by is RankBy.INDEX}
    by_group = decider.by_group = {decider.key(g.code): [] for g in structure.groups}
    for i, c in enumerate(sequence(candidates, "candidates")):
        if not isinstance(c, Candidate):
            raise CchcTypeError(
                f"must be a Candidate, not {type(c).__name__}",
                vi="phải là một ứng viên",
                field=f"candidates[{i}]",
                value=c,
            )
        key = decider.key(c.group)
        if key not in by_group:
            known = ", ".join(g.code for g in structure.groups)
            raise NotFoundError(
                f"unknown group; known: {known}",
                vi=f"không có khối thi đua này; các khối: {known}",
                field=f"candidates[{i}].group",
                value=c.group,
            )
        if (key, decider.key(c.id)) in decider.position:
            raise ValidationError(
                "candidate listed twice in its group",
                vi="ứng viên được ghi hai lần trong cùng một khối",
                field=f"candidates[{i}].id",
                value=c.id,
            )
        if key in by_index and c.index is None:
            raise ValidationError(
                "the group ranks by index and this candidate has none",
                vi="khối xếp hạng theo chỉ số nhưng ứng viên chưa có chỉ số",
                field=f"candidates[{i}].index",
                value=None,
            )
        decider.position[(key, decider.key(c.id))] = i
        by_group[key].append(c)
    for group, scale in zip(structure.groups, scales, strict=False):
        _decide_group(decider, group, by_group[decider.key(group.code)], scale)
    for title, scale in zip(structure.titles, scales[len(structure.groups) :], strict=True):
        _decide_title(decider, title, by_group[decider.key(title.group)], scale)
    _check_settled(decider)
    return AwardDecision(
        structure,
        tuple(decider.awards),
        tuple(decider.unfilled),
        tuple(decider.ties),
        tuple(decider.excluded),
    )


def _check_settled(decider: _Decider) -> None:
    """Refuse the settlements that matched no tie left to the council, naming each."""
    findings = []
    for i, settlement in enumerate(decider.settlements):
        if i in decider.settled:
            continue
        ties = [t for t in decider.ties if fold(t.group) == fold(settlement.group)]
        left_en = "; ".join(
            f"{', '.join(t.candidates)} for " + ", ".join(f"{p} × {n}" for p, n in t.slots)
            for t in ties
        )
        left_vi = left_en.replace(" for ", " tranh ")
        places = ", ".join(f"{c} → {p}" for c, p in settlement.places)
        en = (
            f"the settlement ({places}, {settlement.text('en')}) matches no tie left to the "
            f"council in group {settlement.group}; "
            + (f"ties left: {left_en}" if ties else "none is left there")
        )
        vi = (
            f"quyết định của Hội đồng ({places}, {settlement.text('vi')}) không ứng với "
            f"trường hợp đồng hạng nào chờ Hội đồng phân định ở khối {settlement.group}; "
            + (
                f"các trường hợp còn chờ: {left_vi}"
                if ties
                else "khối này không còn trường hợp nào"
            )
        )
        findings.append(Finding("settlement.unmatched", f"settlements[{i}]", vi, en))
    if findings:
        first = findings[0]
        raise ValidationError(
            first.message_en,
            vi=first.message_vi,
            field=first.path,
            code="settlement.unmatched",
            findings=findings,
        )


_Scale = tuple[tuple[str, ...], int] | None


def _scales(structure: PrizeStructure, bands: object) -> list[_Scale]:
    """Each group's and then each title's band scale, checked once: a ``min_band`` that is not
    one of the bands is refused with the path of the gate."""
    gates = [(f"groups[{i}]", g.eligibility) for i, g in enumerate(structure.groups)]
    gates += [(f"titles[{i}]", t.eligibility) for i, t in enumerate(structure.titles)]
    out: list[_Scale] = []
    for path, gate in gates:
        try:
            out.append(gate._scale(bands))
        except CchcError as exc:
            raise type(exc)(
                exc.message,
                vi=exc.vi,
                field=f"structure.{path}.eligibility.{exc.field}"
                if exc.field == "min_band"
                else exc.field,
                value=exc.value,
            ) from None
    return out


def _eligible(
    decider: _Decider,
    group: str,
    gate: Eligibility,
    members: Sequence[Candidate],
    prize: str | None,
    scale: _Scale,
) -> list[Candidate]:
    ok: list[Candidate] = []
    for c in sorted(members, key=lambda c: c.id):
        reasons = tuple(gate._failures(c, scale))
        if reasons:
            decider.excluded.append(Exclusion(c.id, group, reasons, prize, name=c.name))
        else:
            ok.append(c)
    return ok


def _decide_group(
    decider: _Decider, group: PrizeGroup, members: Sequence[Candidate], scale: _Scale
) -> None:
    ranks = _competition_ranks(members, lambda c: _rank_key(group.rank_by, c))
    eligible = _eligible(decider, group.code, group.eligibility, members, None, scale)
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
                    name=c.name,
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


def _member_gate(
    decider: _Decider,
    title: Title,
    gate: MemberGate,
    eligible: Sequence[Candidate],
    conditions: dict[str, tuple[Reason, ...]],
) -> list[Candidate]:
    """The collectives whose members hold enough of the titles the gate names (decided
    earlier); each passing one's figures go into ``conditions``, the others are excluded."""
    group = decider.key(gate.group)
    members: dict[str, list[Candidate]] = {}
    for m in decider.by_group.get(group, ()):
        if m.unit is not None:
            members.setdefault(decider.key(m.unit), []).append(m)
    keep = []
    for c in eligible:
        mine = members.get(decider.key(c.id), [])
        if c.staff is not None and len(mine) > c.staff:
            raise ValidationError(
                f"{len(mine)} members of {c.id} are candidates in group {gate.group}, more "
                f"than its staff of {c.staff}",
                vi=f"có {len(mine)} thành viên của {c.id} là ứng viên ở khối {gate.group}, "
                f"nhiều hơn số người của đơn vị ({c.staff})",
                field=f"{decider.where(c)}.staff",
                value=c.staff,
            )
        headcount = len(mine) if c.staff is None else c.staff
        met_vi: list[str] = []
        met_en: list[str] = []
        failed: list[Reason] = []
        for r in gate.requirements:
            code = decider.key(r.title)
            holders = decider.titled.get(code, set())
            held = sum(decider.key(m.id) in holders for m in mine)
            waiting = {
                decider.key(x)
                for t in decider.ties
                if decider.key(t.group) == group and decider.key(t.slots[0][0]) == code
                for x in t.candidates
            }
            open_ = sum(decider.key(m.id) in waiting for m in mine)
            share = Fraction(held, headcount) if headcount else Fraction(0)
            vi, en, want_vi, want_en = _member_figures(r, held, headcount, share)
            if _reaches(r, held, share):
                met_vi.append(f"{vi} {want_vi}")
                met_en.append(f"{en} {want_en}")
                continue
            vi, en = f"{vi}, chưa đạt yêu cầu {want_vi}", f"{en}, short of {want_en}"
            upper = held + open_
            if open_ and _reaches(r, upper, Fraction(upper, headcount) if headcount else share):
                failed.append(
                    Reason(
                        "members-pending",
                        f"{vi}; còn {open_} thành viên chờ Hội đồng phân định đồng hạng "
                        f"danh hiệu {r.title}",
                        f"{en}; {open_} member(s) await the council's decision on a tie for "
                        f"{r.title}",
                    )
                )
            else:
                failed.append(Reason("members", vi, en))
        if failed:
            decider.excluded.append(
                Exclusion(c.id, title.group, tuple(failed), title.code, name=c.name)
            )
            continue
        keep.append(c)
        order_vi = ", ".join(r.title for r in gate.requirements)
        conditions[decider.key(c.id)] = (
            Reason(
                "members",
                f"xét sau danh hiệu cá nhân {order_vi} (khối {gate.group}): " + "; ".join(met_vi),
                f"decided after the individual titles {order_vi} (group {gate.group}): "
                + "; ".join(met_en),
            ),
        )
    return keep


def _reaches(r: MemberRequirement, held: int, share: Fraction) -> bool:
    if r.min_share is not None and share < r.min_share:
        return False
    return r.min_count is None or held >= r.min_count


def _member_figures(
    r: MemberRequirement, held: int, headcount: int, share: Fraction
) -> tuple[str, str, str, str]:
    """What the members hold (28/35 thành viên (80%) đạt LĐTT) and what is required
    (≥ 70%), in Vietnamese and English."""
    wants_vi, wants_en = [], []
    if r.min_share is not None:
        wants_vi.append(f"≥ {_percent(r.min_share, 'vi')}")
        wants_en.append(f"≥ {_percent(r.min_share)}")
    if r.min_count is not None:
        wants_vi.append(f"≥ {r.min_count}")
        wants_en.append(f"≥ {r.min_count}")
    if r.min_share is not None:
        vi = f"{held}/{headcount} thành viên ({_percent(share, 'vi')}) đạt {r.title}"
        en = f"{held}/{headcount} members ({_percent(share)}) hold {r.title}"
    else:
        vi = f"{held} thành viên đạt {r.title}"
        en = f"{held} member{'s' if held != 1 else ''} hold{'s' if held == 1 else ''} {r.title}"
    return vi, en, " và ".join(wants_vi), " and ".join(wants_en)


def _decide_title(
    decider: _Decider, title: Title, members: Sequence[Candidate], scale: _Scale
) -> None:
    ranks = _competition_ranks(members, lambda c: _rank_key(title.rank_by, c))
    eligible = _eligible(decider, title.group, title.eligibility, members, title.code, scale)
    conditions: dict[str, tuple[Reason, ...]] = {}
    if title.members is not None:
        eligible = _member_gate(decider, title, title.members, eligible, conditions)
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
            decider.excluded.append(Exclusion(c.id, title.group, (why,), title.code, name=c.name))
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
    contest = _Contest(title.group, title.ties, None, title.rank_by, True, conditions)
    start, settled_out = len(decider.awards), len(decider.excluded)
    decider.walk(contest, walk, eligible, ranks)
    placed = {decider.key(a.recipient) for a in decider.awards[start:]}
    placed |= {decider.key(e.candidate) for e in decider.excluded[settled_out:]}  # the council's
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
                    name=c.name,
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
        "members": "Điều kiện về thành viên",
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
        "members": "Members",
    },
}


def _who(name: str, recipient: str, ambiguous: Collection[str]) -> str:
    """A unit or person by name; the code in parentheses only when the name is missing or
    another recipient in the decision bears it too."""
    if not name or name == recipient:
        return recipient
    return f"{name} ({recipient})" if fold(name) in ambiguous else name


def _ambiguous_names(decision: AwardDecision) -> frozenset[str]:
    """The names (folded) that the decision gives to more than one id."""
    ids: dict[str, set[str]] = {}
    pairs = [(a.name, a.recipient) for a in decision.awards]
    pairs += [(e.name, e.candidate) for e in decision.excluded]
    pairs += [p for t in decision.ties for p in zip(t.names, t.candidates, strict=False)]
    for name, id_ in pairs:
        if name:
            ids.setdefault(fold(name), set()).add(fold(id_))
    return frozenset(name for name, held in ids.items() if len(held) > 1)


def explain(decision: AwardDecision, lang: LangLike = Lang.VI) -> str:
    """Deprecated: use ``decision.explain(lang)`` (:meth:`AwardDecision.explain`), which
    returns an :class:`~cchc.explanations.Explanation`; this returns its text."""
    if not isinstance(decision, AwardDecision):
        raise CchcTypeError(
            "must be an AwardDecision",
            vi="phải là một kết quả xét khen thưởng",
            field="decision",
            value=decision,
        )
    deprecated("cchc.awards.explain(decision, lang)", "decision.explain(lang)")
    return decision.explain(lang).text()


def _explain_decision(decision: AwardDecision) -> Explanation:
    return Explanation.of_lines(
        _decision_lines(decision, Lang.VI), _decision_lines(decision, Lang.EN)
    )


def _decision_lines(decision: AwardDecision, lang: Lang) -> list[str]:
    w = _WORDS[lang.value]
    vi = lang_of(lang) is Lang.VI
    ambiguous = _ambiguous_names(decision)
    structure = decision.structure
    lines = [f"{w['decision']}: {structure.name}" if structure.name else w["decision"]]
    level_names: dict[tuple[str, str], str] = {}
    for g in structure.groups:
        for lv in g.levels:
            level_names[(fold(g.code), fold(lv.code))] = lv.name
    title_gates: dict[tuple[str, str], MemberGate] = {}
    for t in structure.titles:
        level_names[(fold(t.group), fold(t.code))] = t.name
        if t.members is not None:
            title_gates[(fold(t.group), fold(t.code))] = t.members

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

        gate = title_gates.get((fold(group), fold(title))) if title is not None else None
        if gate is not None:
            lines.append(f"  {w['members']}: {gate.text(lang)}")
        for a in decision.awards:
            if here(a.group, a.prize):
                why = "; ".join(r.text(lang) for r in (a.reason, *a.conditions))
                lines.append(
                    f"  {a.prize_name}: {_who(a.name, a.recipient, ambiguous)}, "
                    f"{vi_number(a.points) if vi else a.points} {w['points']}, "
                    f"{w['rank']} {a.rank} — {why}"
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
                names = tie.names if len(tie.names) == len(tie.candidates) else tie.candidates
                who = ", ".join(
                    _who(n, c, ambiguous) for n, c in zip(names, tie.candidates, strict=True)
                )
                lines.append(
                    f"  {w['tie']} ({w['rank']} {tie.rank}): {who} "
                    f"{w['contest']} {slots} — {tie.reason.text(lang)}"
                )
        for e in decision.excluded:
            if here(e.group, e.prize) and (e.prize is None) == (title is None):
                why = "; ".join(r.text(lang) for r in e.reasons)
                lines.append(f"  {w['excluded']}: {_who(e.name, e.candidate, ambiguous)} — {why}")
    return lines
