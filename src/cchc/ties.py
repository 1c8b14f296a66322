"""One tie-break vocabulary for rankings and for prizes.

Two units with the same result are separated by a chain of :class:`TieBreak` links, tried in
turn. The same links serve a ranking (:class:`cchc.scoring.TiePolicy`, given to
:func:`cchc.scoring.rank`) and a prize boundary (:class:`cchc.awards.PrizeTiePolicy`, used by
:func:`cchc.awards.allocate`). Each kind carries exactly the data it needs, as a typed field:

====================  ===========================  =========  =======  ======
kind                  constructor                  field      ranking  prizes
====================  ===========================  =========  =======  ======
``total``             ``TieBreak.total_points()``  —          yes      yes
``field``             ``.field_points(code)``      ``code``   yes      yes
``fewer-deductions``  ``.fewer_deductions()``      —          no       yes
``appraisal``         ``.appraisal()``             —          no       yes
``priority``          ``.priority(which=None)``    ``which``  no       yes
``lot``               ``.lot(seed)``               ``seed``   yes      yes
====================  ===========================  =========  =======  ======

A ranking holds points per criterion and nothing else, so it refuses the kinds that need
deductions, appraisal points or priorities.

>>> chain = (TieBreak.field_points("TTHC"), TieBreak.total_points(), TieBreak.lot("138/KH-UBND"))
>>> [link.text("vi") for link in chain]
['điểm TTHC cao hơn', 'tổng điểm cao hơn', 'bốc thăm với hạt giống 138/KH-UBND']
>>> TieBreak.priority(Priority.WOMAN)
TieBreak(TieBreakKind.PRIORITY, which=Priority.WOMAN)
>>> TieBreak(TieBreakKind.LOT, code="1.1")
Traceback (most recent call last):
...
cchc.errors.ValidationError: code = '1.1': only a field tie-break names a field or criterion

The lot is the same everywhere (:func:`lot_draw`): each unit or candidate draws the SHA-256
digest of the seed, a U+001F separator and its folded code; the smallest draw wins. Anyone can
redo it; nothing depends on Python's random state or on the order units come in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from decimal import Decimal
from typing import Any, Protocol, cast, runtime_checkable

import attrs

from cchc._fields import (
    CodedEnum,
    constructor_repr,
    deprecated,
    is_optional_text,
    text,
    to_nfc,
)
from cchc.errors import CchcTypeError, ValidationError
from cchc.lang import Lang, LangLike, Words
from cchc.text import fold

__all__ = [
    # the vocabulary
    "TieBreakKind",
    "TieBreak",
    "Priority",
    # the lot
    "lot_draw",
    # what a prize tie-break reads; what a ranking accepts
    "Contender",
    "ranking_link",
]


class Priority(CodedEnum):
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


_PRIORITY_LABELS = {
    Priority.FRONT_LINE: ("người trực tiếp công tác, lao động", "front-line worker"),
    Priority.WOMAN: ("nữ", "woman"),
    Priority.REMOTE_AREA: ("vùng sâu, vùng xa, vùng khó khăn", "remote or difficult area"),
}


class TieBreakKind(CodedEnum):
    """What one link of a tie-break chain compares.

    >>> TieBreakKind("fewer-deductions"), TieBreakKind.TOTAL.in_rankings
    (TieBreakKind.FEWER_DEDUCTIONS, True)
    >>> [k.value for k in TieBreakKind if not k.in_rankings]
    ['fewer-deductions', 'appraisal', 'priority']
    """

    TOTAL = "total"  # higher total points
    FIELD = "field"  # higher points in a named field or criterion
    FEWER_DEDUCTIONS = "fewer-deductions"
    APPRAISAL = "appraisal"  # higher appraisal council points
    PRIORITY = "priority"  # holds a priority (or more of them)
    LOT = "lot"  # a seeded, reproducible lot

    @property
    def in_rankings(self) -> bool:
        """Whether a ranking (:func:`cchc.scoring.rank`) can use this kind: it has total and
        per-criterion points and unit codes, but no deductions, appraisal or priorities."""
        return self in _RANKING_KINDS


_RANKING_KINDS = frozenset({TieBreakKind.TOTAL, TieBreakKind.FIELD, TieBreakKind.LOT})
_KIND_WORDS = {
    TieBreakKind.TOTAL: ("tổng điểm", "total points"),
    TieBreakKind.FIELD: ("điểm lĩnh vực, tiêu chí", "field points"),
    TieBreakKind.FEWER_DEDUCTIONS: ("ít lần bị trừ điểm", "fewer deductions"),
    TieBreakKind.APPRAISAL: ("điểm thẩm định", "appraisal points"),
    TieBreakKind.PRIORITY: ("đối tượng ưu tiên", "priority"),
    TieBreakKind.LOT: ("bốc thăm", "lot"),
}


def lot_draw(seed: str, code: str) -> int:
    """The draw of the unit or candidate ``code`` in the lot seeded with ``seed``: the SHA-256
    digest of the seed, a U+001F separator and the folded code (case and tone placement do not
    matter), read as a whole number. The smallest draw wins.

    >>> lot_draw("2021", "XA-01") == lot_draw("2021", "xa-01")
    True
    >>> sorted(["A", "B", "C"], key=lambda u: lot_draw("138/KH-UBND", u))
    ['C', 'A', 'B']
    """
    seed = text(seed, "seed")
    digest = hashlib.sha256(f"{seed}\x1f{fold(text(code, 'code'))}".encode()).digest()
    return int.from_bytes(digest, "big")


@runtime_checkable
class Contender(Protocol):
    """What a prize tie-break reads from a candidate (:class:`cchc.awards.Candidate` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def points(self) -> Decimal: ...
    @property
    def deductions(self) -> int: ...
    @property
    def appraisal_points(self) -> Decimal | None: ...
    @property
    def priorities(self) -> Collection[Priority]: ...

    def field(self, code: str) -> Decimal: ...


def _to_kind(value: Any) -> TieBreakKind:
    return TieBreakKind.from_name(value, "kind")  # type: ignore[no-any-return]


def _to_which(value: Any) -> Priority | None:
    if value is None:
        return None
    return cast(Priority, Priority.from_name(value, "which"))


_NEEDS = {TieBreakKind.FIELD: "code", TieBreakKind.LOT: "seed"}
_TAKES = {TieBreakKind.FIELD: "code", TieBreakKind.PRIORITY: "which", TieBreakKind.LOT: "seed"}
_WRONG_KIND = {
    "code": (
        "only a field tie-break names a field or criterion",
        "chỉ tiêu chí phụ theo điểm lĩnh vực mới ghi mã lĩnh vực, tiêu chí",
    ),
    "which": (
        "only a priority tie-break names a priority",
        "chỉ tiêu chí phụ theo đối tượng ưu tiên mới ghi đối tượng ưu tiên",
    ),
    "seed": ("only a lot has a seed", "chỉ bốc thăm mới cần hạt giống"),
}
_MISSING = {
    "code": (
        "a field tie-break needs the field or criterion code",
        "tiêu chí phụ theo điểm lĩnh vực cần ghi mã lĩnh vực, tiêu chí",
    ),
    "seed": ("a lot needs a seed", "bốc thăm cần có hạt giống"),
}


@attrs.frozen(init=False, repr=False)
class TieBreak:
    """One link of a tie-break chain, with the data its kind needs and no other: ``code`` the
    field or criterion (``FIELD`` only), ``which`` the priority held (``PRIORITY`` only; None
    means "holds more priorities"), ``seed`` the lot's seed (``LOT`` only). Build one with the
    constructors; in a file it reads ``{kind = "field", code = "TTHC"}``.

    ``TieBreak(kind, arg)`` with the old untyped argument still works for one minor version,
    with a :class:`DeprecationWarning`: ``arg`` becomes the field the kind takes.

    >>> TieBreak.field_points("TTHC"), str(TieBreak.lot("138/KH-UBND"))
    (TieBreak(TieBreakKind.FIELD, code='TTHC'), 'lot seeded with 138/KH-UBND')
    >>> TieBreak(TieBreakKind.LOT)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: seed = None: a lot needs a seed
    """

    kind: TieBreakKind = attrs.field(converter=_to_kind)
    code: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)
    which: Priority | None = attrs.field(default=None, converter=_to_which)
    seed: str | None = attrs.field(default=None, converter=to_nfc, validator=is_optional_text)

    def __init__(
        self,
        kind: TieBreakKind | str,
        arg: str | None = None,
        *,
        code: str | None = None,
        which: Priority | str | None = None,
        seed: str | None = None,
    ) -> None:
        if arg is not None:
            deprecated(
                "TieBreak(kind, arg)", "TieBreak.field_points(code), .priority(which), .lot(seed)"
            )
            kind, code, which, seed = _from_arg(kind, arg, code, which, seed)
        self.__attrs_init__(kind, code, which, seed)

    def __attrs_post_init__(self) -> None:
        taken = _TAKES.get(self.kind)
        for name in ("code", "which", "seed"):
            value = getattr(self, name)
            if value is not None and name != taken:
                en, vi = _WRONG_KIND[name]
                raise ValidationError(en, vi=vi, field=name, value=value)
        needed = _NEEDS.get(self.kind)
        if needed is not None and not (getattr(self, needed) or "").strip():
            en, vi = _MISSING[needed]
            raise ValidationError(en, vi=vi, field=needed, value=getattr(self, needed))

    __repr__ = constructor_repr

    @classmethod
    def total_points(cls) -> TieBreak:
        """Higher total points.

        >>> TieBreak.total_points().kind
        TieBreakKind.TOTAL
        """
        return cls(TieBreakKind.TOTAL)

    @classmethod
    def field_points(cls, code: str) -> TieBreak:
        """Higher points in the field or criterion ``code``."""
        return cls(TieBreakKind.FIELD, code=code)

    @classmethod
    def fewer_deductions(cls) -> TieBreak:
        """Fewer deductions (prizes only)."""
        return cls(TieBreakKind.FEWER_DEDUCTIONS)

    @classmethod
    def appraisal(cls) -> TieBreak:
        """Higher points from the appraisal council (prizes only)."""
        return cls(TieBreakKind.APPRAISAL)

    @classmethod
    def priority(cls, which: Priority | str | None = None) -> TieBreak:
        """Holding the priority ``which``; with ``None``, holding more priorities (prizes only).

        >>> TieBreak.priority("woman").which, TieBreak.priority().which
        (Priority.WOMAN, None)
        """
        return cls(TieBreakKind.PRIORITY, which=which)

    @classmethod
    def lot(cls, seed: str) -> TieBreak:
        """A lot seeded with ``seed`` (see :func:`lot_draw`)."""
        return cls(TieBreakKind.LOT, seed=seed)

    @property
    def arg(self) -> str:
        """Deprecated: the old untyped argument (the code, the priority's value or the seed;
        empty when the kind takes none). Read ``code``, ``which`` or ``seed``."""
        deprecated("TieBreak.arg", "TieBreak.code, .which or .seed")
        if self.which is not None:
            return self.which.value
        return self.code or self.seed or ""

    @property
    def name(self) -> str:
        """The short name a ranking uses in its notes: the code of a field, ``points`` for the
        total, ``lot <seed>`` for a lot, the kind's value otherwise.

        >>> TieBreak.field_points("1.1").name, TieBreak.total_points().name
        ('1.1', 'points')
        """
        if self.kind is TieBreakKind.FIELD:
            return str(self.code)
        if self.kind is TieBreakKind.TOTAL:
            return "points"
        if self.kind is TieBreakKind.LOT:
            return f"lot {self.seed}"
        return str(self.kind.value)

    def key(self, candidate: Contender) -> Any:
        """The candidate's standing on this link; larger is better."""
        if not isinstance(candidate, Contender):
            raise CchcTypeError(
                "must be a Candidate",
                vi="phải là một ứng viên",
                field="candidate",
                value=candidate,
            )
        if self.kind is TieBreakKind.TOTAL:
            return candidate.points
        if self.kind is TieBreakKind.FIELD:
            return candidate.field(str(self.code))
        if self.kind is TieBreakKind.FEWER_DEDUCTIONS:
            return -candidate.deductions
        if self.kind is TieBreakKind.APPRAISAL:
            if candidate.appraisal_points is None:
                raise ValidationError(
                    f"candidate {candidate.id!r} has no appraisal points, which the tie-break "
                    "needs",
                    vi=f"ứng viên {candidate.id} chưa có điểm thẩm định, cần để phân định "
                    "đồng hạng",
                    field="appraisal_points",
                    value=None,
                )
            return candidate.appraisal_points
        if self.kind is TieBreakKind.PRIORITY:
            if self.which is not None:
                return int(self.which in candidate.priorities)
            return len(candidate.priorities)
        return -lot_draw(str(self.seed), candidate.id)

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The link in words, in ``lang``.

        >>> TieBreak.priority().text("en"), TieBreak.fewer_deductions().text("vi")
        ('more priorities', 'ít lần bị trừ điểm hơn')
        """
        return self.words.text(lang)

    @property
    def words(self) -> Words:
        """The link in words, in both languages."""
        if self.kind is TieBreakKind.TOTAL:
            return Words("tổng điểm cao hơn", "higher total points")
        if self.kind is TieBreakKind.FIELD:
            return Words(f"điểm {self.code} cao hơn", f"higher {self.code} points")
        if self.kind is TieBreakKind.FEWER_DEDUCTIONS:
            return Words("ít lần bị trừ điểm hơn", "fewer deductions")
        if self.kind is TieBreakKind.APPRAISAL:
            return Words("điểm thẩm định cao hơn", "higher appraisal points")
        if self.kind is TieBreakKind.PRIORITY:
            if self.which is not None:
                return Words(f"ưu tiên {self.which.vi}", f"priority to {self.which.en}")
            return Words("nhiều đối tượng ưu tiên hơn", "more priorities")
        return Words(f"bốc thăm với hạt giống {self.seed}", f"lot seeded with {self.seed}")

    def __str__(self) -> str:
        return self.text(Lang.EN)


def _from_arg(
    kind: object, arg: object, code: str | None, which: Priority | str | None, seed: str | None
) -> tuple[TieBreakKind, str | None, Priority | str | None, str | None]:
    """The typed fields for the deprecated ``TieBreak(kind, arg)``; errors name ``arg``."""
    k = _to_kind(kind)
    if not isinstance(arg, str):
        raise CchcTypeError(
            f"must be text, not {type(arg).__name__}",
            vi="phải là văn bản",
            field="arg",
            value=arg,
        )
    if not arg:
        return k, code, which, seed
    if code is not None or which is not None or seed is not None:
        raise ValidationError(
            "give arg or the typed field (code, which, seed), not both",
            vi="chỉ ghi một trong hai: tham số cũ (arg) hoặc trường mới (code, which, seed)",
            field="arg",
            value=arg,
        )
    if k is TieBreakKind.FIELD:
        return k, arg, None, None
    if k is TieBreakKind.LOT:
        return k, None, None, arg
    if k is TieBreakKind.PRIORITY:
        return k, None, Priority.from_name(arg, "arg"), None
    raise ValidationError(
        f"a {k.value} tie-break takes no argument",
        vi=f"tiêu chí phụ “{_KIND_WORDS[k][0]}” không cần tham số",
        field="arg",
        value=arg,
    )


def ranking_link(value: object, field: str = "chain") -> TieBreak:
    """One link of a ranking's chain: a :class:`TieBreak` of a kind a ranking can use. A text
    (the old form, deprecated by the caller) is read as ``"points"`` (any case) for the total
    and as a criterion code otherwise.

    >>> ranking_link("POINTS"), ranking_link("1.2")
    (TieBreak(TieBreakKind.TOTAL), TieBreak(TieBreakKind.FIELD, code='1.2'))
    >>> ranking_link(TieBreak.appraisal(), "chain[0]")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: chain[0] = TieBreak(TieBreakKind.APPRAISAL): a ranking cannot \
break ties by appraisal points: it holds only total and criterion points and unit codes \
(use total, field or lot)
    """
    if isinstance(value, str):
        code = text(value, field)
        if fold(code) == "points":
            return TieBreak.total_points()
        return TieBreak.field_points(code)
    if not isinstance(value, TieBreak):
        raise CchcTypeError(
            f"must be a TieBreak, not {type(value).__name__}",
            vi="phải là một tiêu chí phụ (TieBreak)",
            field=field,
            value=value,
        )
    if not value.kind.in_rankings:
        vi, en = _KIND_WORDS[value.kind]
        raise ValidationError(
            f"a ranking cannot break ties by {en}: it holds only total and criterion points and "
            "unit codes (use total, field or lot)",
            vi=f"bảng xếp hạng không thể phân định đồng hạng theo {vi}: chỉ có tổng điểm, điểm "
            "từng tiêu chí và mã đơn vị (dùng tổng điểm, điểm tiêu chí hoặc bốc thăm)",
            field=field,
            value=value,
        )
    return value
