"""Who issues a document and who signs it, as Decree 30/2020/NĐ-CP writes them: the
:class:`Letterhead` every document builder takes, and the :class:`Signature` block in every form
the decree allows.

A letterhead is derived from the issuer as plans and directives name it: the issuing body, the
body above it (named on the line over it in the header), the place of the date line, who signs
and under which authority, and the unit that drafted the document (it ends "Lưu: VT, …").

>>> head = Letterhead.of_issuer("UBND huyện Văn Bàn")
>>> head.issuer, head.place, head.parent, head.drafting_unit
('Ủy ban nhân dân huyện Văn Bàn', 'Văn Bàn', None, 'PNV')
>>> head.signature.lines()
('TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH')
>>> office = Letterhead.of_issuer("Sở Nội vụ tỉnh Bắc Kạn")
>>> office.parent, office.issuer, office.place, office.symbol
('UBND tỉnh Bắc Kạn', 'Sở Nội vụ', 'Bắc Kạn', 'SNV')

A deputy signs for a People's Committee in three lines; a deputy "on behalf of" the committee
without the chair's "KT." is not a form the decree allows:

>>> Letterhead.of_issuer("UBND huyện Văn Bàn", deputy=True).signature.lines()
('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
>>> Signature("Phó Chủ tịch", "Trần Thị B", authority="Ủy ban nhân dân", prefix="TM.")
Traceback (most recent call last):
...
cchc.errors.ValidationError: position = 'Phó Chủ tịch': a deputy does not sign on behalf of a \
collective (TM.) in their own name; write TM. Ủy ban nhân dân, KT. Chủ tịch, then Phó Chủ tịch
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs

from cchc._fields import constructor_repr, decimal, is_bool, optional_text, text
from cchc.errors import CchcTypeError, ValidationError
from cchc.text import fold

__all__ = [
    "PARTY_PREFIXES",
    "PREFIXES",
    "Letterhead",
    "Signature",
    "check_signature",
    "document_text",
    "under_parent",
    "vi_number",
]

#: The authority prefixes of Decree 30 (Appendix I): on behalf of a collective (thay mặt),
#: signing for the head (ký thay), by order (thừa lệnh), by delegation (thừa ủy quyền), acting
#: (quyền).
PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
#: The same authorities as the Communist Party's documents write them (Guidance 36-HD/VPTW):
#: "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L BAN THƯỜNG VỤ".
PARTY_PREFIXES = ("T/M", "K/T", "T/L")
#: What each Party prefix means, for the rules of :func:`check_signature`.
_AS_STATE = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL."}

#: A name left for the signer to write in.
BLANK_NAME = "……………………"
#: A place not known from the issuer, left for the clerk to write in.
BLANK_PLACE = "……"

# Characters XML 1.0 cannot hold: C0 controls other than tab, line feed and carriage return,
# surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def document_text(value: object, field: str, *, required: bool = False) -> None:
    """``value`` is text that a document file can hold (and, when ``required``, not blank).

    >>> document_text("Báo cáo\\x00", "summary")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: summary = 'Báo cáo\\x00': holds the control character U+0000 \
at character 8, which a document cannot hold; remove it
    """
    if not isinstance(value, str):
        raise CchcTypeError(
            f"must be text, not {type(value).__name__}",
            vi="phải là văn bản (chuỗi ký tự)",
            field=field,
            value=value,
        )
    bad = _NOT_XML.search(value)
    if bad is not None:
        char = bad.group()
        code = f"U+{ord(char):04X}"
        if "\ud800" <= char <= "\udfff":
            kind, kind_vi = f"a lone surrogate {code}", f"ký tự không hợp lệ (mã {code})"
        elif char in "\ufffe\uffff":
            kind, kind_vi = f"the non-character {code}", f"ký tự không hợp lệ (mã {code})"
        else:
            kind, kind_vi = (
                f"the control character {code}",
                f"ký tự điều khiển không in được (mã {code})",
            )
        place = bad.start() + 1
        raise ValidationError(
            f"holds {kind} at character {place}, which a document cannot hold; remove it",
            vi=f"chứa {kind_vi} ở ký tự thứ {place}; văn bản Word không chứa được ký tự này, "
            "hãy xóa ký tự đó",
            field=field,
            value=value,
        )
    if required and not value.strip():
        raise ValidationError(
            "must not be empty", vi="không được để trống", field=field, value=value
        )


def _optional(value: object, field: str) -> None:
    if value is not None:
        document_text(value, field, required=True)


# --- the signature block -----------------------------------------------------------------------


def _bad_prefix(value: object, field: str) -> ValidationError:
    return ValidationError(
        f"is not an authority prefix of Decree 30 ({', '.join(PREFIXES)}) or of the Party "
        f"({', '.join(PARTY_PREFIXES)})",
        vi=f"không phải là chữ viết tắt thẩm quyền ký theo Nghị định 30 ({', '.join(PREFIXES)}) "
        f"hoặc của văn bản Đảng ({', '.join(PARTY_PREFIXES)})",
        field=field,
        value=value,
    )


def _prefix(value: object) -> str | None:
    if value is None:
        return None
    prefix = text(value, "prefix").upper().replace(" ", "")
    if prefix in PARTY_PREFIXES:
        return prefix
    if not prefix.endswith("."):
        prefix += "."
    if prefix not in PREFIXES:
        raise _bad_prefix(value, "prefix")
    return prefix


def _position_of(value: object) -> str:
    return text(value, "position")


def _signer_of(value: object) -> str:
    return text(value, "signer")


def _authority_of(value: object) -> str | None:
    return optional_text(value, "authority")


def _collective_of(value: object) -> str | None:
    return optional_text(value, "collective")


def _is_deputy(position: str) -> bool:
    return fold(position).startswith(fold("Phó "))


def _form_error(message: str, vi: str, field: str, value: object) -> ValidationError:
    return ValidationError(message, vi=vi, field=field, value=value, code="signature.form")


def check_signature(signature: object, at: str = "") -> None:
    """Everything ``signature`` holds, with the path of each field, and its form: one Decree 30
    allows (see :class:`Signature`)."""
    if not isinstance(signature, Signature):
        raise CchcTypeError(
            f"must be a Signature, not {type(signature).__name__}",
            vi="phải là phần chữ ký (chức vụ và họ tên người ký)",
            field=at or "signature",
            value=signature,
        )
    path = f"{at}." if at else ""
    document_text(signature.position, f"{path}position", required=True)
    document_text(signature.signer, f"{path}signer", required=True)
    _optional(signature.authority, f"{path}authority")
    _optional(signature.collective, f"{path}collective")
    written, authority, position = signature.prefix, signature.authority, signature.position
    if written is not None and written not in PREFIXES + PARTY_PREFIXES:
        raise _bad_prefix(written, f"{path}prefix")
    prefix = _AS_STATE.get(written, written) if written is not None else None
    if (prefix is None) != (authority is None):
        raise ValidationError(
            "a prefix and the authority it names go together",
            vi="chữ viết tắt thẩm quyền ký (TM., KT., TL., TUQ., Q.) và tên tập thể hoặc người "
            "đứng đầu mà nó ghi phải đi cùng nhau",
            field=f"{path}prefix",
            value=written,
        )
    if signature.collective is not None and prefix != "KT.":
        raise _form_error(
            "a collective is named above the authority only when a deputy signs for its head "
            "(TM. …, KT. …, then the deputy's position)",
            "chỉ ghi “TM.” tập thể ở dòng trên khi cấp phó ký thay người đứng đầu (TM. Ủy ban "
            "nhân dân, KT. Chủ tịch, Phó Chủ tịch)",
            f"{path}collective",
            signature.collective,
        )
    if authority is None:
        return
    if prefix == "TM." and _is_deputy(position):
        raise _form_error(
            "a deputy does not sign on behalf of a collective (TM.) in their own name; write "
            f"TM. {authority}, KT. Chủ tịch, then {position}",
            f"cấp phó không ký “TM.” tập thể trực tiếp; ghi TM. {authority}, KT. Chủ tịch, rồi "
            f"{position}",
            f"{path}position",
            position,
        )
    if prefix == "KT." and fold(position) != fold(f"Phó {authority}"):
        raise _form_error(
            f"signs for the {authority} (KT.) only as its deputy, Phó {authority}",
            f"người ký thay (KT.) {authority} phải là cấp phó: Phó {authority}",
            f"{path}position",
            position,
        )
    if prefix in ("TL.", "TUQ.") and (
        fold(position) == fold(authority) or fold(position) == fold(f"Phó {authority}")
    ):
        raise _form_error(
            f"{prefix} is signed by the head of a unit on the {authority}'s behalf, not by the "
            f"{authority} or a deputy (a deputy signs KT.)",
            f"ký {prefix} là người đứng đầu đơn vị được giao, không phải {authority} hay cấp "
            "phó (cấp phó ký KT.)",
            f"{path}position",
            position,
        )
    if prefix == "Q." and fold(position) != fold(authority):
        raise _form_error(
            "an acting head (Q.) signs as the head: the position is the office held",
            "người được giao quyền (Q.) ký với chức danh của người đứng đầu: chức vụ và chức "
            "danh được giao quyền phải trùng nhau",
            f"{path}position",
            position,
        )


@attrs.frozen(repr=False)
class Signature:
    """Who signs: ``position`` ("Chủ tịch"), the ``signer``'s name and, when someone signs for a
    collective or for the head, the ``prefix`` (TM., KT., TL., TUQ. or Q.) with the
    ``authority`` it names; a deputy signing for a People's Committee also names the
    ``collective`` above ("TM. Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch").

    The forms Decree 30 allows, and only those: the head alone; TM. a collective, then its head;
    TM. a collective, KT. its head, then the deputy; KT. the head, then the deputy; TL. or TUQ.
    the head, then the position of the unit head signing; Q. the office held. A Party
    committee's documents write T/M, K/T and T/L, under the same rules.

    >>> Signature("Phó Chủ tịch", "Trần Thị B", authority="Chủ tịch", prefix="KT").lines()
    ('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    >>> Signature("Chánh Văn phòng", "Lê Văn C", authority="Chủ tịch", prefix="TL.").lines()
    ('TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG')
    >>> Signature("Giám đốc", "Hà Văn D", authority="Giám đốc", prefix="Q.").lines()
    ('Q. GIÁM ĐỐC',)
    >>> Signature("Bí thư", "Vũ Văn G", authority="Ban Thường vụ", prefix="T/M").lines()
    ('T/M BAN THƯỜNG VỤ', 'BÍ THƯ')
    >>> Signature("Giám đốc", "Hà Văn D", authority="Chủ tịch", prefix="KT.")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: position = 'Giám đốc': signs for the Chủ tịch (KT.) only as \
its deputy, Phó Chủ tịch
    """

    position: str = attrs.field(converter=_position_of)
    signer: str = attrs.field(converter=_signer_of)
    authority: str | None = attrs.field(default=None, kw_only=True, converter=_authority_of)
    prefix: str | None = attrs.field(default=None, kw_only=True, converter=_prefix)
    collective: str | None = attrs.field(default=None, kw_only=True, converter=_collective_of)

    def __attrs_post_init__(self) -> None:
        check_signature(self)

    def __repr__(self) -> str:
        return constructor_repr(self)

    def lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature."""
        if self.prefix == "Q.":
            return (f"Q. {self.position}".upper(),)
        lines = []
        if self.collective is not None:
            on_behalf = "T/M" if self.prefix in PARTY_PREFIXES else "TM."
            lines.append(f"{on_behalf} {self.collective}")
        if self.prefix is not None:
            lines.append(f"{self.prefix} {self.authority}")
        lines.append(self.position)
        return tuple(line.upper() for line in lines)


# --- the letterhead ----------------------------------------------------------------------------

# The levels of local government, longest first ("thành phố" before "thành"); a name follows.
_LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_COMMITTEE = "Ủy ban nhân dân"
_SHORT = {"UBND": _COMMITTEE, "HĐND": "Hội đồng nhân dân"}
#: The reform office that drafts a People's Committee's documents, by level (unverified beyond
#: the seeds: Phòng Nội vụ for a district, Sở Nội vụ for a province).
_DRAFTING = {"tỉnh": "SNV", "thành phố": "SNV", "huyện": "PNV", "quận": "PNV", "thị xã": "PNV"}


def _split(issuer: str) -> tuple[str, str | None, str]:
    """``issuer`` as (body, level, name): "Sở Nội vụ tỉnh Bắc Kạn" gives ("Sở Nội vụ",
    "tỉnh", "Bắc Kạn"); an issuer without a level gives (issuer, None, "")."""
    words = issuer.split()
    first, *rest = words if words else [""]
    if first.upper() in _SHORT:
        words = [*_SHORT[first.upper()].split(), *rest]
    folded = [fold(w) for w in words]
    for start in range(1, len(words)):
        for level in _LEVELS:
            parts = level.split()
            if folded[start : start + len(parts)] == [fold(p) for p in parts]:
                body = " ".join(words[:start])
                return body, level, " ".join(words[start + len(parts) :])
    return " ".join(words), None, ""


def under_parent(agency: str, parent: str | None) -> str:
    """``agency`` as the header names it under ``parent``: a unit inside the parent's area is
    not suffixed with the area's name again.

    >>> under_parent("Sở Nội vụ tỉnh Bắc Kạn", "UBND tỉnh Bắc Kạn")
    'Sở Nội vụ'
    >>> under_parent("Phòng Nội vụ huyện Gia Lâm", "Ủy ban nhân dân huyện Gia Lâm")
    'Phòng Nội vụ'
    >>> under_parent("Sở Nội vụ tỉnh Bắc Kạn", None), under_parent("Sở Nội vụ", "UBND tỉnh")
    ('Sở Nội vụ tỉnh Bắc Kạn', 'Sở Nội vụ')
    """
    agency = text(agency, "agency")
    if parent is None:
        return agency
    parent = text(parent, "parent")
    if not parent:
        return agency
    _, level, locality = _split(parent)
    if level is None or not locality:
        return agency
    suffix = fold(f"{level} {locality}")
    words = agency.split()
    for cut in range(1, len(words)):
        if fold(" ".join(words[cut:])) == suffix:
            return " ".join(words[:cut])
    return agency


#: Party committees and the symbols of their documents (Guidance 36-HD/VPTW): Tỉnh ủy TU,
#: Thành ủy TU, Huyện ủy HU, Quận ủy QU, Thị ủy TU, Đảng ủy ĐU.
_PARTY_COMMITTEES = (
    ("Tỉnh ủy", "TU"),
    ("Thành ủy", "TU"),
    ("Huyện ủy", "HU"),
    ("Quận ủy", "QU"),
    ("Thị ủy", "TU"),
    ("Đảng ủy", "ĐU"),
)


def _party_committee(issuer: str) -> tuple[str, str] | None:
    """(symbol, place) of a Party committee named ``issuer``, or None: "Huyện ủy Văn Bàn" gives
    ("HU", "Văn Bàn"); "Đảng ủy xã Tân Phú" gives ("ĐU", "Tân Phú")."""
    words = issuer.split()
    folded = fold(" ".join(words[:2]))
    for committee, symbol in _PARTY_COMMITTEES:
        if folded == fold(committee):
            rest = words[2:]
            if rest and fold(" ".join(rest[:2])) in {fold(w) for w in _LEVELS if " " in w}:
                rest = rest[2:]
            elif rest and fold(rest[0]) in {fold(w) for w in _LEVELS}:
                rest = rest[1:]
            return symbol, " ".join(rest)
    return None


def _symbol(body: str) -> str:
    """The issuer's symbol in a document number: its initials ("Sở Nội vụ" gives "SNV")."""
    return "".join(w[0].upper() for w in body.replace("-", " ").split() if w[0].isalpha())


def _head_of(body: str) -> str:
    """The position of the head of ``body``: Giám đốc of a Sở, Trưởng phòng of a Phòng, Chánh
    Văn phòng of an office, Chủ tịch of a committee, Thủ trưởng cơ quan otherwise."""
    key = fold(body)
    for start, position in (
        ("Sở", "Giám đốc"),
        ("Phòng", "Trưởng phòng"),
        ("Văn phòng", "Chánh Văn phòng"),
        ("Ban", "Trưởng ban"),
        ("Ủy ban", "Chủ tịch"),
    ):
        if key == fold(start) or key.startswith(fold(start) + " "):
            return position
    return "Thủ trưởng cơ quan"


def _issuer_of(value: object) -> str:
    return text(value, "issuer")


def _place_of(value: object) -> str:
    return text(value, "place")


def _parent_of(value: object) -> str | None:
    return optional_text(value, "parent")


def _drafting_of(value: object) -> str | None:
    return optional_text(value, "drafting_unit")


def _symbol_of(value: object) -> str | None:
    return optional_text(value, "symbol")


def _signature_of(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_signature(value, attribute.name)


@attrs.frozen(repr=False)
class Letterhead:
    """Who issues a document: the ``issuer`` ("Ủy ban nhân dân huyện Văn Bàn", "Sở Nội vụ"),
    the ``parent`` body named above it ("UBND tỉnh Bắc Kạn"; none for a People's Committee),
    the ``place`` of the date line, the ``signature`` (who signs, under which authority), the
    ``drafting_unit`` whose symbol ends "Lưu: VT, …" and the issuer's ``symbol`` in document
    numbers ("UBND", "SNV").

    Every text is checked when the letterhead is built, so a document built from it never meets
    text a file cannot hold.
    """

    issuer: str = attrs.field(converter=_issuer_of)
    place: str = attrs.field(converter=_place_of)
    signature: Signature = attrs.field(validator=_signature_of)
    parent: str | None = attrs.field(default=None, kw_only=True, converter=_parent_of)
    drafting_unit: str | None = attrs.field(default=None, kw_only=True, converter=_drafting_of)
    symbol: str | None = attrs.field(default=None, kw_only=True, converter=_symbol_of)
    #: A Party committee's letterhead: "ĐẢNG CỘNG SẢN VIỆT NAM" stands top right.
    party: bool = attrs.field(default=False, kw_only=True, validator=is_bool)

    def __attrs_post_init__(self) -> None:
        document_text(self.issuer, "issuer", required=True)
        document_text(self.place, "place", required=True)
        _optional(self.parent, "parent")
        _optional(self.drafting_unit, "drafting_unit")
        _optional(self.symbol, "symbol")

    def __repr__(self) -> str:
        return constructor_repr(self)

    @property
    def archive(self) -> tuple[str, ...]:
        """What "Lưu:" lists: the clerical office (VT) and the drafting unit.

        >>> Letterhead.of_issuer("UBND huyện Châu Thành").archive
        ('VT', 'PNV')
        """
        return ("VT",) if self.drafting_unit is None else ("VT", self.drafting_unit)

    @classmethod
    def of_issuer(
        cls,
        issuer: str,
        *,
        signer: str = BLANK_NAME,
        deputy: bool = False,
        drafting_unit: str | None = None,
        parent: str | None = None,
    ) -> Letterhead:
        """The letterhead of ``issuer`` as a plan or directive names it ("UBND huyện Văn Bàn",
        "Sở Nội vụ tỉnh Bắc Kạn"): a People's Committee signs "TM." with its chair (or, when
        ``deputy``, "TM.", "KT. Chủ tịch" and the vice-chair); a department or office is
        headed by its parent committee ("UBND tỉnh Bắc Kạn" over "Sở Nội vụ", the province
        not repeated) and signed by its head. ``signer`` is the name (a blank to fill in by
        default); ``drafting_unit`` defaults to the reform office of a committee's level.

        >>> Letterhead.of_issuer("Phòng Nội vụ huyện Châu Thành").signature.lines()
        ('TRƯỞNG PHÒNG',)
        >>> Letterhead.of_issuer("UBND thị trấn Tân Phú").place
        'Tân Phú'
        >>> Letterhead.of_issuer("Ủy ban nhân dân huyện").place   # the clerk writes it in
        '……'

        A Party committee ("Huyện ủy Văn Bàn") gets the Party's letterhead, signed "T/M BAN
        THƯỜNG VỤ" by its secretary; ``parent`` names the Party organisation above it:

        >>> party = Letterhead.of_issuer("Huyện ủy Văn Bàn", parent="Đảng bộ tỉnh Lào Cai")
        >>> party.party, party.place, party.symbol, party.signature.lines()
        (True, 'Văn Bàn', 'HU', ('T/M BAN THƯỜNG VỤ', 'BÍ THƯ'))
        """
        name = text(issuer, "issuer")
        document_text(name, "issuer", required=True)
        committee_of_party = _party_committee(name)
        if committee_of_party is not None:
            symbol, place = committee_of_party
            secretary = (
                Signature("Phó Bí thư", signer, authority="Bí thư", prefix="K/T")
                if deputy
                else Signature("Bí thư", signer, authority="Ban Thường vụ", prefix="T/M")
            )
            return cls(
                " ".join(name.split()),
                place or BLANK_PLACE,
                secretary,
                parent=parent,
                drafting_unit=drafting_unit,
                symbol=symbol,
                party=True,
            )
        body, level, locality = _split(name)
        place = locality or BLANK_PLACE
        head = _head_of(body)
        committee = fold(body) == fold(_COMMITTEE)
        if committee:
            agency, default_parent, symbol = " ".join(name.split()), None, "UBND"
            if fold(name.split()[0]) == fold("UBND"):
                agency = f"{_COMMITTEE} {name.split(None, 1)[1]}" if " " in name else _COMMITTEE
            default_drafting = _DRAFTING.get(level or "")
        else:
            agency = body
            default_parent = f"UBND {level} {locality}" if level and locality else None
            symbol = _symbol(body)
            default_drafting = None
        if deputy:
            signature = (
                Signature(
                    f"Phó {head}", signer, authority=head, prefix="KT.", collective=_COMMITTEE
                )
                if committee
                else Signature(f"Phó {head}", signer, authority=head, prefix="KT.")
            )
        elif committee:
            signature = Signature(head, signer, authority=_COMMITTEE, prefix="TM.")
        else:
            signature = Signature(head, signer)
        return cls(
            agency,
            place=place,
            signature=signature,
            parent=parent if parent is not None else default_parent,
            drafting_unit=drafting_unit if drafting_unit is not None else default_drafting,
            symbol=symbol,
        )


def vi_number(value: Decimal | int, places: int | None = None) -> str:
    """``value`` as Vietnamese text writes a number: a dot between thousands and a decimal
    comma; ``places`` pads the decimals with zeros (a value with more decimals is refused, never
    rounded).

    >>> vi_number(Decimal("97.1"), 2), vi_number(1700), vi_number(Decimal("-1234567.5"))
    ('97,10', '1.700', '-1.234.567,5')
    """
    number = decimal(value, "value")
    text_ = f"{abs(number):f}"
    whole, _, decimals = text_.partition(".")
    if places is not None:
        if len(decimals.rstrip("0")) > places:
            raise ValidationError(
                f"has more than {places} decimals",
                vi=f"có quá {places} chữ số thập phân",
                field="value",
                value=value,
            )
        decimals = (decimals.rstrip("0") + "0" * places)[:places]
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if number < 0 and any(c not in "0.," for c in text_) else ""
    return f"{sign}{grouped}{',' + decimals if decimals else ''}"
