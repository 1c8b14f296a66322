"""Directives and how they cascade: document types, document numbers, references in text.

A higher body issues a document; lower bodies issue their own implementing plans "căn cứ"
(based on) it. This module models the pieces of that chain the way Decree 30/2020/NĐ-CP on
clerical work (Appendix I and III) writes them:

- :class:`DocumentType` — the types of administrative documents and their abbreviations
  (Kế hoạch ``KH``, Quyết định ``QĐ``, Quy định ``QyĐ`` …; công văn has none);
- :class:`DocumentNumber` — the number and symbol (số, ký hiệu) such as ``138/KH-UBND``,
  ``33/2021/QĐ-UBND``, ``7946/UBND-NCPC`` or the Party style ``08-NQ/TU``;
- :class:`Directive` — one issued document and the documents it implements;
- :class:`Cascade` — a graph of directives: parents, children, lineages, roots;
- :func:`missing_implementations` — which units have not (or not in time) issued their plan;
- :func:`find_references` — every directive reference in free Vietnamese text.

>>> n = DocumentNumber.parse("Số: 33/2021/QĐ-UBND")
>>> n
DocumentNumber(number=33, doc_type=DocumentType.QD, issuer=('UBND',), year=2021)
>>> str(n)
'33/2021/QĐ-UBND'
>>> n.doc_type.vi
'Quyết định'
>>> [str(r.number) for r in find_references("Thực hiện Kế hoạch số 273/KH-UBND ngày 22 "
...                                          "tháng 9 năm 2021 của Ủy ban nhân dân tỉnh.")]
['273/KH-UBND']
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from cchc._fields import (
    CodedEnum,
    enum_member,
    instance_of,
    is_bool,
    is_code,
    is_name,
    is_optional_text,
    is_text,
    sequence,
    to_nfc,
    whole,
)
from cchc._fields import text as read_text
from cchc.calendar import format_numeric_date, parse_date, working_days_between
from cchc.errors import (
    AmbiguousError,
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.text import fold, normalize, strip_marks
from cchc.units import Unit, UnitTree

__all__ = [
    "LINEAGE_LIMIT",
    "NUMBER_TEXT_LIMIT",
    "TREE_DEPTH_LIMIT",
    "Cascade",
    "Citation",
    "Directive",
    "DocumentNumber",
    "DocumentType",
    "Reference",
    "find_references",
    "missing_implementations",
]


class DocumentType(CodedEnum):
    """A type of document (thể loại văn bản); the value is its Vietnamese name.

    Member names are the Decree 30 abbreviations written in ASCII: ``Đ`` becomes ``D``
    (``QD`` for ``QĐ``, ``QYD`` for ``QyĐ``), except where that would clash with another
    abbreviation, where ``Đ`` is written ``DD`` as in Telex typing: ``DDA`` is Đề án (``ĐA``)
    beside ``DA`` Dự án, ``HDD`` is Hợp đồng (``HĐ``) beside ``HD`` Hướng dẫn.

    >>> DocumentType.KH.abbreviation, DocumentType.KH.vi
    ('KH', 'Kế hoạch')
    >>> DocumentType.from_abbreviation("QyĐ")
    DocumentType.QYD
    >>> DocumentType.from_name("quyết định")
    DocumentType.QD
    >>> DocumentType.CONG_VAN.abbreviation is None
    True
    """

    # Appendix III of Decree 30/2020/NĐ-CP: administrative documents
    NQ = "Nghị quyết"
    QD = "Quyết định"
    CT = "Chỉ thị"
    QC = "Quy chế"
    QYD = "Quy định"
    TC = "Thông cáo"
    TB = "Thông báo"
    HD = "Hướng dẫn"
    CTR = "Chương trình"
    KH = "Kế hoạch"
    PA = "Phương án"
    DDA = "Đề án"
    DA = "Dự án"
    BC = "Báo cáo"
    BB = "Biên bản"
    TTR = "Tờ trình"
    HDD = "Hợp đồng"
    CD = "Công điện"
    BGN = "Bản ghi nhớ"
    BTT = "Bản thỏa thuận"
    GUQ = "Giấy ủy quyền"
    GM = "Giấy mời"
    GGT = "Giấy giới thiệu"
    GNP = "Giấy nghỉ phép"
    PG = "Phiếu gửi"
    PC = "Phiếu chuyển"
    PB = "Phiếu báo"
    # copies (bản sao)
    SY = "Bản sao y"
    TRS = "Bản trích sao"
    SL = "Bản sao lục"
    # no abbreviation
    CONG_VAN = "Công văn"
    THU_CONG = "Thư công"
    # beyond Decree 30's appendix: legal normative documents (Law 80/2015/QH13) and the
    # Party's conclusions (Guidance 36-HD/VPTW), which the same texts cite
    ND = "Nghị định"
    TT = "Thông tư"
    KL = "Kết luận"
    # joint documents of several bodies (Law 80/2015/QH13 before 2016, still cited) and laws,
    # whose numbers carry no type (06/2022/QH15)
    TTLT = "Thông tư liên tịch"
    NQLT = "Nghị quyết liên tịch"
    LUAT = "Luật"

    @property
    def vi(self) -> str:
        """The Vietnamese name (``"Kế hoạch"``)."""
        return self.value

    @property
    def abbreviation(self) -> str | None:
        """The official abbreviation (``"KH"``, ``"QyĐ"``), or None for công văn, thư công
        and laws."""
        return _ABBREVIATIONS.get(self)

    @property
    def in_decree_30(self) -> bool:
        """True for the types Decree 30/2020/NĐ-CP lists; False for Nghị định, Thông tư,
        Kết luận, the joint Thông tư liên tịch and Nghị quyết liên tịch, and Luật, which are
        read because texts cite them.

        >>> DocumentType.KH.in_decree_30, DocumentType.ND.in_decree_30
        (True, False)
        """
        return self not in _CITED_ONLY

    @classmethod
    def from_abbreviation(cls, text: str) -> DocumentType:
        """Return the type with this abbreviation.

        An exact match wins (``"QĐ"`` and ``"QyĐ"`` are different types; so are ``"DA"`` and
        ``"ĐA"``); otherwise letter case is ignored, and then a missing stroke on ``Đ``, when
        only one type fits. ``"CV"``, the symbol Party documents give công văn, is read too.

        >>> DocumentType.from_abbreviation("QD"), DocumentType.from_abbreviation("ĐA")
        (DocumentType.QD, DocumentType.DDA)
        >>> DocumentType.from_abbreviation("ttr")
        DocumentType.TTR
        >>> DocumentType.from_abbreviation("XY")
        Traceback (most recent call last):
        ...
        cchc.errors.NotFoundError: abbreviation = 'XY': no document type has this abbreviation
        """
        found = _type_from_symbol(text, loose=True)
        if found is None:
            raise NotFoundError(
                "no document type has this abbreviation",
                vi="không có loại văn bản nào viết tắt như vậy",
                field="abbreviation",
                value=text,
            )
        return found

    @classmethod
    def from_name(cls, value: object, field: str | None = None) -> DocumentType:
        """Return the type with this Vietnamese name (case- and tone-placement-insensitive),
        or this member name (``"QD"``). ``"Văn bản"``, the word texts use for a công văn,
        gives :attr:`CONG_VAN`.

        >>> DocumentType.from_name("Văn bản"), DocumentType.from_name("Bản thoả thuận")
        (DocumentType.CONG_VAN, DocumentType.BTT)
        >>> DocumentType.from_name("Thư mời")
        Traceback (most recent call last):
        ...
        cchc.errors.NotFoundError: name = 'Thư mời': no document type has this name
        """
        if isinstance(value, DocumentType):
            return value
        found = _BY_NAME.get(fold(value)) if isinstance(value, str) and len(value) <= 200 else None
        if found is None:
            try:
                found = enum_member(cls, value, field or "name")
            except CchcError:
                raise NotFoundError(
                    "no document type has this name",
                    vi="không có loại văn bản nào có tên như vậy",
                    field=field or "name",
                    value=value,
                ) from None
        return found


# the abbreviations that are not simply the member's name
_SPELLED: dict[DocumentType, str] = {
    DocumentType.QD: "QĐ",
    DocumentType.QYD: "QyĐ",
    DocumentType.CTR: "CTr",
    DocumentType.DDA: "ĐA",
    DocumentType.TTR: "TTr",
    DocumentType.HDD: "HĐ",
    DocumentType.CD: "CĐ",
    DocumentType.TRS: "TrS",
    DocumentType.ND: "NĐ",
}
_ABBREVIATIONS: dict[DocumentType, str] = {
    t: _SPELLED.get(t, t.name)
    for t in DocumentType
    if t not in (DocumentType.CONG_VAN, DocumentType.THU_CONG, DocumentType.LUAT)
}
_CITED_ONLY = frozenset(
    {
        DocumentType.ND,
        DocumentType.TT,
        DocumentType.KL,
        DocumentType.TTLT,
        DocumentType.NQLT,
        DocumentType.LUAT,
    }
)
# symbol text -> type: exact (plus "CV", the Party symbol of công văn); then without the stroke
# on Đ; then, for lookups, ignoring case too. A loose key that two types share is left out.
_EXACT: dict[str, DocumentType] = {a: t for t, a in _ABBREVIATIONS.items()}
_EXACT["CV"] = DocumentType.CONG_VAN


def _loose_index(keyer: Callable[[str], str]) -> dict[str, DocumentType]:
    seen: dict[str, list[DocumentType]] = {}
    for a, t in _EXACT.items():
        seen.setdefault(keyer(a), []).append(t)
    return {k: ts[0] for k, ts in seen.items() if len(ts) == 1}


_CASELESS = _loose_index(str.casefold)
_STROKELESS = _loose_index(lambda a: strip_marks(a).casefold())
_NO_STROKE_SAME_CASE = _loose_index(strip_marks)

# names, plus the longer names texts give some types ("Chương trình hành động số 12-CTr/TU")
_OTHER_NAMES: dict[str, DocumentType] = {
    "Văn bản": DocumentType.CONG_VAN,
    "Chương trình hành động": DocumentType.CTR,
    "Kế hoạch hành động": DocumentType.KH,
    "Thông báo kết luận": DocumentType.TB,
}
_BY_NAME: dict[str, DocumentType] = {fold(t.vi): t for t in DocumentType}
_BY_NAME.update({fold(name): t for name, t in _OTHER_NAMES.items()})


def _type_from_symbol(text: str, *, loose: bool) -> DocumentType | None:
    """The type a symbol group names: exact, or without the stroke on Đ (same case); when
    ``loose`` also ignoring case."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    key = unicodedata.normalize("NFC", text.strip())
    found = _EXACT.get(key) or _NO_STROKE_SAME_CASE.get(key)
    if found is None and loose:
        found = _CASELESS.get(key.casefold()) or _STROKELESS.get(strip_marks(key).casefold())
    return found


# --- document numbers -----------------------------------------------------------------------

_UPPER = "".join(
    ch
    for ch in map(chr, range(0x41, 0x1F00))
    if ch.isupper() and unicodedata.name(ch, "").startswith("LATIN")
)
_LOWER = "".join(
    ch
    for ch in map(chr, range(0x61, 0x1F00))
    if ch.islower() and unicodedata.name(ch, "").startswith("LATIN")
)
_U = f"[{re.escape(_UPPER)}]"
_L = f"[{re.escape(_LOWER)}]"
# A symbol group: an upper-case letter, then upper-case letters, digits and single lower-case
# letters (TTg, CTr, QyĐ, TrS) -- two lower-case letters in a row end the group, so that
# "NCPCngày" reads as the group NCPC glued to the word "ngày".
_GROUP = f"{_U}(?:{_U}|[0-9]|{_L}(?!{_L})){{0,23}}"
_SYMBOL = f"{_GROUP}(?:-{_GROUP}){{0,7}}"
_NUMBER_RE = re.compile(
    rf"(?P<num>[0-9]{{1,7}})(?:"
    rf"(?:/(?P<year>[0-9]{{4}}))?/(?P<symbol>{_SYMBOL})"
    rf"|-(?P<ptype>{_GROUP})/(?P<psymbol>{_SYMBOL}))"
)
_PREFIX_RE = re.compile(r"(?:số|Số|SỐ)\s*:?\s*")


#: The longest text :meth:`DocumentNumber.parse` reads: a number, a year and eight symbol groups
#: of up to 24 characters fit well inside; anything longer is refused before it is read.
NUMBER_TEXT_LIMIT = 250


def _doc_number(value: object) -> int:
    return whole(value, "number", minimum=1, maximum=9_999_999)


def _year(value: object) -> int | None:
    return None if value is None else whole(value, "year", minimum=1000, maximum=9999)


def _groups(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (read_text(value, "issuer"),)
    items = sequence(value, "issuer")
    if len(items) > 8:
        raise ValidationError(
            "a symbol has at most 8 groups, the type included",
            vi="ký hiệu văn bản có nhiều nhất 8 nhóm, kể cả nhóm loại văn bản",
            field="issuer",
            value=items,
        )
    return tuple(read_text(g, f"issuer[{i}]") for i, g in enumerate(items))


def _is_doc_type(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, DocumentType):
        raise CchcTypeError(
            "must be a DocumentType or None",
            vi="phải là một loại văn bản (Kế hoạch, Quyết định…) hoặc để trống",
            field=attribute.name,
            value=value,
        )


@attrs.frozen(repr=False)
class DocumentNumber:
    """A document's number and symbol (số, ký hiệu), as Decree 30/2020/NĐ-CP writes it.

    - ``number``: from 1; printed with a leading 0 below 10 (``05/KH-UBND``);
    - ``doc_type``: the type in the symbol, or None where there is none (công văn:
      ``7946/UBND-NCPC``; laws: ``06/2022/QH15``);
    - ``issuer``: the symbol groups after the type, issuer first (``("UBND", "NCPC")``);
    - ``year``: given only by legal normative documents (``33/2021/QĐ-UBND``);
    - ``party``: the Party style ``08-NQ/TU`` (Guidance 36-HD/VPTW), number and type joined by
      a hyphen.

    >>> n = DocumentNumber(number=138, doc_type=DocumentType.KH, issuer=("UBND",))
    >>> str(n)
    '138/KH-UBND'
    >>> str(DocumentNumber(number=8, doc_type=DocumentType.NQ, issuer=("TU",), party=True))
    '08-NQ/TU'
    >>> DocumentNumber.parse(str(n)) == n
    True
    """

    number: int = attrs.field(converter=_doc_number)
    doc_type: DocumentType | None = attrs.field(default=None, validator=_is_doc_type)
    issuer: tuple[str, ...] = attrs.field(default=(), converter=_groups)
    year: int | None = attrs.field(default=None, converter=_year)
    party: bool = attrs.field(default=False, validator=is_bool)

    def __attrs_post_init__(self) -> None:
        if not self.issuer:
            raise ValidationError(
                "the symbol needs at least one issuer group",
                vi="ký hiệu văn bản phải có ít nhất một nhóm chữ chỉ cơ quan ban hành",
                field="issuer",
                value=self.issuer,
            )
        if len(self.issuer) + (self.doc_type is not None and not self.party) > 8:
            raise ValidationError(
                "a symbol has at most 8 groups, the type included",
                vi="ký hiệu văn bản có nhiều nhất 8 nhóm, kể cả nhóm loại văn bản",
                field="issuer",
                value=self.issuer,
            )
        for i, group in enumerate(self.issuer):
            if not re.fullmatch(_GROUP, group):
                raise ValidationError(
                    "a symbol group is an upper-case letter followed by upper-case letters, "
                    "digits and single lower-case letters",
                    vi="mỗi nhóm của ký hiệu bắt đầu bằng một chữ in hoa, tiếp theo là chữ in "
                    "hoa, chữ số hoặc chữ thường đứng riêng lẻ (UBND, TTg, QyĐ)",
                    field=f"issuer[{i}]",
                    value=group,
                )
        if self.party:
            if self.doc_type is None:
                raise ValidationError(
                    "Party numbers carry a type (08-NQ/TU)",
                    vi="số văn bản của Đảng phải có loại văn bản (08-NQ/TU)",
                    field="doc_type",
                    value=None,
                )
            if self.year is not None:
                raise ValidationError(
                    "Party numbers run per committee term and carry no year",
                    vi="số văn bản của Đảng đánh theo nhiệm kỳ, không ghi năm",
                    field="year",
                    value=self.year,
                )
        if self.doc_type is DocumentType.CONG_VAN and not self.party:
            raise ValidationError(
                "a state công văn carries no type in its symbol (7946/UBND-NCPC); "
                "leave doc_type None",
                vi="ký hiệu công văn không ghi loại văn bản (7946/UBND-NCPC); để trống loại "
                "văn bản",
                field="doc_type",
                value=self.doc_type,
            )
        if self.doc_type is not None and _symbol_of(self.doc_type) is None:
            raise ValidationError(
                "this type has no abbreviation to put in a symbol",
                vi=f"{self.doc_type.vi} không có chữ viết tắt để ghi vào ký hiệu",
                field="doc_type",
                value=self.doc_type,
            )
        if self.doc_type is None and _type_from_symbol(self.issuer[0], loose=False) not in (
            None,
            DocumentType.CONG_VAN,
        ):
            raise ValidationError(
                "the first issuer group reads as a document type; pass it as doc_type",
                vi="nhóm đầu của ký hiệu là loại văn bản; hãy ghi nó ở loại văn bản",
                field="issuer[0]",
                value=self.issuer[0],
            )

    @property
    def symbol(self) -> str:
        """The symbol (ký hiệu): type and issuer groups joined by ``-`` (``"KH-UBND"``); for
        Party numbers the part after ``/`` (``"TU"``)."""
        if self.party:
            return "-".join(self.issuer)
        groups = ([_symbol_of(self.doc_type) or ""] if self.doc_type else []) + list(self.issuer)
        return "-".join(groups)

    def __str__(self) -> str:
        if self.party:
            return f"{self.number:02d}-{_symbol_of(self.doc_type)}/{self.symbol}"
        year = f"/{self.year}" if self.year is not None else ""
        return f"{self.number:02d}{year}/{self.symbol}"

    def __repr__(self) -> str:
        parts = [f"number={self.number!r}"]
        if self.doc_type is not None:
            parts.append(f"doc_type={self.doc_type!r}")
        parts.append(f"issuer={self.issuer!r}")
        if self.year is not None:
            parts.append(f"year={self.year!r}")
        if self.party:
            parts.append("party=True")
        return f"DocumentNumber({', '.join(parts)})"

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Read a number and symbol, with or without a leading ``Số:``/``Số``/``số``.

        A number below 10 may come without its leading 0 (``5/KH-UBND``); ``str`` writes it
        with one. Anything else that breaks the Decree 30 form raises :class:`ParseError`
        naming the problem.

        >>> DocumentNumber.parse("Số: 7946/UBND-NCPC")
        DocumentNumber(number=7946, issuer=('UBND', 'NCPC'))
        >>> DocumentNumber.parse("08-NQ/TU")
        DocumentNumber(number=8, doc_type=DocumentType.NQ, issuer=('TU',), party=True)
        >>> DocumentNumber.parse("138 / KH-UBND")
        Traceback (most recent call last):
        ...
        cchc.errors.ParseError: text = '138 / KH-UBND': no spaces are allowed inside a number \
and symbol
        """
        if not isinstance(text, str):
            raise CchcTypeError(
                f"must be text, not {type(text).__name__}",
                vi="số, ký hiệu văn bản phải là văn bản (chuỗi ký tự)",
                field="text",
                value=text,
            )
        if len(text) > NUMBER_TEXT_LIMIT:
            raise ParseError(
                f"is too long for a number and symbol ({len(text):,} characters; at most "
                f"{NUMBER_TEXT_LIMIT})",
                vi=f"quá dài để là số, ký hiệu văn bản (tối đa {NUMBER_TEXT_LIMIT} ký tự)",
                field="text",
                value=text,
            )
        try:
            body = unicodedata.normalize("NFC", read_text(text, "text"))
        except CchcError as exc:
            raise ParseError(exc.message, vi=exc.vi, field="text", value=text) from None
        prefix = _PREFIX_RE.match(body)
        if prefix:
            body = body[prefix.end() :]
        if not body:
            raise ParseError(
                "no number and symbol",
                vi="chưa có số và ký hiệu văn bản",
                field="text",
                value=text,
            )
        if any(ch.isspace() for ch in body):
            raise ParseError(
                "no spaces are allowed inside a number and symbol",
                vi="số và ký hiệu văn bản không được có khoảng trắng",
                field="text",
                value=text,
            )
        match = _NUMBER_RE.fullmatch(body)
        if match is None:
            en, vi = _explain(body)
            raise ParseError(en, vi=vi, field="text", value=text)
        try:
            return _from_match(match)
        except CchcError as exc:
            raise ParseError(exc.message, vi=exc.vi, field="text", value=text) from None


def _symbol_of(doc_type: DocumentType | None) -> str | None:
    if doc_type is DocumentType.CONG_VAN:
        return "CV"
    return doc_type.abbreviation if doc_type is not None else None


def _explain(body: str) -> tuple[str, str]:
    """Say what is wrong with text that is not a number and symbol, in English and
    Vietnamese, naming the part that is wrong."""
    if "/" not in body:
        return (
            "no '/' between the number and the symbol (138/KH-UBND)",
            "thiếu dấu “/” giữa số và ký hiệu (138/KH-UBND)",
        )
    head = re.split(r"[/-]", body, maxsplit=1)[0]
    if not head.isdigit() or not head.isascii():
        return (
            f"the number {head!r} is not written in Arabic digits",
            f"số “{head}” không viết bằng chữ số Ả Rập",
        )
    if len(head) > 7:
        return (
            f"the number {head[:12]!r}{'…' if len(head) > 12 else ''} has more than 7 digits",
            f"số văn bản có {len(head)} chữ số, nhiều hơn 7",
        )
    if body.endswith(("/", "-")) or "//" in body or "--" in body or "-/" in body:
        return ("a symbol group is empty", "ký hiệu có một nhóm bị bỏ trống")
    parts = body.split("/")
    if len(parts) > 3:
        return (
            "too many '/' (at most number/year/symbol)",
            "thừa dấu “/” (nhiều nhất là số/năm/ký hiệu)",
        )
    if len(parts) == 3 and not re.fullmatch("[0-9]{4}", parts[1]):
        if re.fullmatch("[0-9]+", parts[1]) or not re.fullmatch("[0-9]+", parts[2]):
            return (
                f"the year {parts[1]!r} must have four digits",
                f"năm “{parts[1]}” phải có bốn chữ số",
            )
        return (
            f"the year {parts[2]!r} comes between the number and the symbol (33/2021/QĐ-UBND)",
            f"năm “{parts[2]}” phải ghi giữa số và ký hiệu (33/2021/QĐ-UBND)",
        )
    return (
        (
            "the symbol must be groups of upper-case letters and digits joined by '-' "
            "(KH-UBND, UBND-NCPC)"
        ),
        (
            "ký hiệu phải gồm các nhóm chữ in hoa và chữ số nối với nhau bằng dấu “-” "
            "(KH-UBND, UBND-NCPC)"
        ),
    )


def _checked(
    number: int,
    doc_type: DocumentType | None,
    issuer: tuple[str, ...],
    year: int | None = None,
    party: bool = False,
) -> DocumentNumber:
    """A number whose parts the parser has already checked: built without running the
    constructor's checks again (reading a long text makes many of them)."""
    made = object.__new__(DocumentNumber)
    for name, value in (
        ("number", number),
        ("doc_type", doc_type),
        ("issuer", issuer),
        ("year", year),
        ("party", party),
    ):
        object.__setattr__(made, name, value)
    return made


def _from_match(match: re.Match[str]) -> DocumentNumber:
    """The number a match of :data:`_NUMBER_RE` (in NFC text) stands for; every rule of the
    constructor is checked here."""
    digits = match["num"]
    if len(digits) > 1 and digits.startswith("0") and (len(digits) > 2 or digits == "00"):
        raise ParseError(
            f"the number {digits} has a leading 0; only numbers below 10 take one",
            vi=f"số “{digits}” thừa số 0 ở đầu; chỉ số nhỏ hơn 10 mới viết thêm số 0",
            field="number",
            value=digits,
        )
    number = int(digits)
    if number < 1:
        raise ParseError(
            "the number is 0; document numbers start at 1",
            vi="số văn bản bắt đầu từ 1",
            field="number",
            value=digits,
        )
    if match["ptype"] is not None:
        doc_type = _type_from_symbol(match["ptype"], loose=False)
        if doc_type is None:
            raise ParseError(
                f"the group {match['ptype']!r} after '-' is not a document type",
                vi=f"nhóm “{match['ptype']}” sau dấu “-” không phải là loại văn bản",
                field="type",
                value=match["ptype"],
            )
        return _checked(number, doc_type, tuple(match["psymbol"].split("-")), party=True)
    groups = match["symbol"].split("-")
    year = int(match["year"]) if match["year"] is not None else None
    if year is not None and year < 1000:
        raise ParseError(
            f"the year {match['year']} must have four digits",
            vi=f"năm “{match['year']}” phải có bốn chữ số",
            field="year",
            value=match["year"],
        )
    doc_type = _type_from_symbol(groups[0], loose=False)
    if doc_type is not None and doc_type is not DocumentType.CONG_VAN:
        if len(groups) == 1:
            raise ParseError(
                f"no issuer after the type {groups[0]}",
                vi=f"thiếu cơ quan ban hành sau loại văn bản “{groups[0]}” (KH-UBND)",
                field="symbol",
                value=match["symbol"],
            )
        return _checked(number, doc_type, tuple(groups[1:]), year)
    return _checked(number, None, tuple(groups), year)


# --- directives ----------------------------------------------------------------------------


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _a_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_date(value):
        raise CchcTypeError(
            "must be a datetime.date",
            vi="phải là một ngày (ngày, tháng, năm)",
            field=attribute.name,
            value=value,
        )


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _a_date(instance, attribute, value)


def _number(value: object, field: str = "number") -> DocumentNumber | None:
    if isinstance(value, str):
        try:
            return DocumentNumber.parse(value)
        except CchcError as exc:  # the same fault, named by the field it was given for
            raise ParseError(exc.message, vi=exc.vi, field=field, value=value) from None
    if value is None or isinstance(value, DocumentNumber):
        return value
    raise CchcTypeError(
        "must be a DocumentNumber, its text or None",
        vi="phải là số, ký hiệu văn bản (138/KH-UBND) hoặc để trống",
        field=field,
        value=value,
    )


def _number_or_none(value: object) -> DocumentNumber | None:
    return _number(value)


def _is_optional_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        is_name(instance, attribute, value)


def _is_optional_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        is_code(instance, attribute, value)


def _citation_type(self: Citation) -> DocumentType | None:
    return self.number.doc_type if self.number is not None else None


def _agrees_with_number(
    n: DocumentNumber | None, doc_type: DocumentType | None, issued: datetime.date | None
) -> None:
    """Refuse a type or an issue year that the number contradicts."""
    if n is not None and n.doc_type is not None and doc_type is not n.doc_type:
        raise ValidationError(
            f"the number {n} is a {n.doc_type.vi}",
            vi=f"số {n} là số của {n.doc_type.vi}",
            field="doc_type",
            value=doc_type,
        )
    year = n.year if n is not None else None
    if year is not None and issued is not None and year != issued.year:
        raise ValidationError(
            f"the number {n} carries the year {year}",
            vi=f"số {n} ghi năm {year}, khác năm ban hành",
            field="issued",
            value=issued,
        )


@attrs.frozen(kw_only=True)
class Citation:
    """A reference to a document as a directive cites it (căn cứ): its number, or, for a
    document whose number is not known, its type and issue date; issuer and date narrow a
    number that several issuers or years share (numbers restart every year at every issuer).

    ``issuer`` is compared (by :func:`cchc.text.fold`) with a directive's ``issuer`` text and
    its ``issuer_unit`` code.

    >>> province = Directive(number="01/KH-UBND", issuer="UBND tỉnh Lào Cai",
    ...                      issued=datetime.date(2021, 1, 5))
    >>> c = Citation(number="01/KH-UBND", issuer="UBND tỉnh Lào Cai")
    >>> c.matches(province), str(c)
    (True, 'Kế hoạch số 01/KH-UBND của UBND tỉnh Lào Cai')
    >>> unnumbered = Citation(doc_type=DocumentType.KH, issued=datetime.date(2021, 10, 19),
    ...                       issuer="UBND huyện Gia Lâm")
    >>> print(unnumbered)
    Kế hoạch ngày 19/10/2021 của UBND huyện Gia Lâm
    """

    number: DocumentNumber | None = attrs.field(default=None, converter=_number_or_none)
    doc_type: DocumentType | None = attrs.field(
        default=attrs.Factory(_citation_type, takes_self=True),
        validator=_is_doc_type,
    )
    issued: datetime.date | None = attrs.field(default=None, validator=_optional_date)
    issuer: str | None = attrs.field(default=None, converter=to_nfc, validator=_is_optional_name)

    def __attrs_post_init__(self) -> None:
        if self.number is None and (self.doc_type is None or self.issued is None):
            raise ValidationError(
                "a document without its number is cited by its type and issue date",
                vi="văn bản không có số thì phải trích dẫn bằng loại văn bản và ngày ban hành",
                field="number",
                value=None,
            )
        _agrees_with_number(self.number, self.doc_type, self.issued)

    @classmethod
    def of(cls, directive: Directive) -> Citation:
        """The citation that names ``directive`` alone: number (if any), type, date and issuer.

        >>> d = Directive(number=None, doc_type=DocumentType.KH, issuer="UBND huyện Gia Lâm",
        ...               issued=datetime.date(2021, 3, 1))
        >>> Citation.of(d).matches(d)
        True
        """
        _check_directive(directive)
        return cls(
            number=directive.number,
            doc_type=directive.doc_type,
            issued=directive.issued,
            issuer=directive.issuer,
        )

    def matches(self, directive: Directive) -> bool:
        """True when ``directive`` fits every part this citation gives."""
        _check_directive(directive)
        if self.number is not None and self.number != directive.number:
            return False
        if self.doc_type is not None and self.doc_type is not directive.doc_type:
            return False
        if self.issued is not None and self.issued != directive.issued:
            return False
        if self.issuer is not None:
            names = {fold(directive.issuer)}
            if directive.issuer_unit is not None:
                names.add(fold(directive.issuer_unit))
            if fold(self.issuer) not in names:
                return False
        return True

    def __str__(self) -> str:
        doc_type = self.doc_type or (
            DocumentType.CONG_VAN if self.number is not None else DocumentType.KH
        )
        parts = [doc_type.vi]
        if self.number is not None:
            parts.append(f"số {self.number}")
        if self.issued is not None:
            parts.append(f"ngày {format_numeric_date(self.issued)}")
        if self.issuer is not None:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


def _check_directive(directive: object, field: str = "directive") -> None:
    if not isinstance(directive, Directive):
        raise CchcTypeError(
            "must be a Directive", vi="phải là một văn bản chỉ đạo", field=field, value=directive
        )


Implemented = DocumentNumber | Citation


def _numbers(value: object) -> tuple[Implemented, ...]:
    if isinstance(value, str | DocumentNumber | Citation | Directive):
        value = [value]
    refs: list[Implemented] = []
    for i, item in enumerate(sequence(value, "implements")):
        if isinstance(item, Citation):
            refs.append(item)
        elif isinstance(item, Directive):
            refs.append(Citation.of(item))
        else:
            number = _number(item, f"implements[{i}]")
            if number is None:
                raise CchcTypeError(
                    "must be a document number or a Citation",
                    vi="phải là số, ký hiệu văn bản hoặc một trích dẫn văn bản",
                    field=f"implements[{i}]",
                    value=None,
                )
            refs.append(number)
    return tuple(refs)


def _default_type(self: Directive) -> DocumentType:
    if self.number is not None and self.number.doc_type is not None:
        return self.number.doc_type
    if self.number is not None:
        return DocumentType.CONG_VAN
    raise ValidationError(
        "give doc_type when the number is unknown",
        vi="văn bản không có số thì phải ghi loại văn bản",
        field="doc_type",
    )


@attrs.frozen(kw_only=True)
class Directive:
    """One issued document in a cascade: its number (None where a source does not give it),
    type, issuer, issue date, summary (trích yếu), and the documents it implements (căn cứ).

    ``issuer`` is free text ("UBND tỉnh Lào Cai"); ``issuer_unit`` is an optional unit code
    used to match a unit's plan to the unit (:func:`missing_implementations`). ``doc_type``
    defaults to the type in the number (công văn when the number has none).

    ``implements`` holds document numbers (``"76/NQ-CP"``) and :class:`Citation` values,
    which cite a document without a number, or a number that other issuers or years share:
    a district plan 01/KH-UBND implementing the province's 01/KH-UBND cites it with its
    issuer. A :class:`Directive` given there is cited by :meth:`Citation.of`.

    >>> d = Directive(number="33/2021/QĐ-UBND", issuer="UBND tỉnh Lào Cai",
    ...               issued=datetime.date(2021, 6, 28))
    >>> print(d)
    Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai
    >>> d.doc_type
    DocumentType.QD
    """

    number: DocumentNumber | None = attrs.field(converter=_number)
    issuer: str = attrs.field(converter=to_nfc, validator=is_name)
    issued: datetime.date = attrs.field(validator=_a_date)
    doc_type: DocumentType = attrs.field(
        default=attrs.Factory(_default_type, takes_self=True),
        validator=_is_doc_type,
    )
    summary: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    implements: tuple[Implemented, ...] = attrs.field(default=(), converter=_numbers)
    issuer_unit: str | None = attrs.field(
        default=None, converter=to_nfc, validator=_is_optional_code
    )

    def __attrs_post_init__(self) -> None:
        if self.doc_type is None:
            raise CchcTypeError(
                "must be a DocumentType",
                vi="phải là một loại văn bản (Kế hoạch, Quyết định…)",
                field="doc_type",
                value=None,
            )
        number = self.number
        _agrees_with_number(number, self.doc_type, self.issued)
        for i, ref in enumerate(self.implements):
            if ref == number or (
                isinstance(ref, Citation) and ref.matches(self) and ref.issued is not None
            ):
                raise ValidationError(
                    "a directive cannot implement itself (cite another issuer's document of the "
                    "same number with a Citation giving its issuer)",
                    vi="văn bản không thể căn cứ chính nó (văn bản cùng số của cơ quan khác thì "
                    "trích dẫn kèm tên cơ quan ban hành)",
                    field=f"implements[{i}]",
                    value=ref,
                )
        if len(set(self.implements)) != len(self.implements):
            raise ValidationError(
                "lists a document twice",
                vi="một văn bản được căn cứ hai lần",
                field="implements",
                value=self.implements,
            )

    @property
    def key(self) -> str:
        """The name of this directive in a :class:`Cascade`: its number text, or its
        running-text description when the number is not known. Numbers restart every year at
        every issuer, so two directives of a cascade may share a key; :attr:`identity` tells
        them apart."""
        return str(self.number) if self.number is not None else str(self)

    @property
    def identity(self) -> str:
        """What makes this directive one document in a cascade: the number with its issuer
        (unit code, else issuer text) and year; without a number, type, date, issuer and
        summary.

        >>> Directive(number="01/KH-UBND", issuer="UBND huyện Văn Bàn", issuer_unit="VB",
        ...           issued=datetime.date(2022, 1, 5)).identity
        '01/KH-UBND · VB · 2022'
        """
        if self.number is not None:
            return f"{self.number} · {self.issuer_unit or self.issuer} · {self.issued.year}"
        summary = f" · {self.summary}" if self.summary else ""
        return f"{self}{summary}"

    def __str__(self) -> str:
        number = f" số {self.number}" if self.number is not None else ""
        return (
            f"{self.doc_type.vi}{number} ngày {format_numeric_date(self.issued)} của {self.issuer}"
        )


# --- the cascade ---------------------------------------------------------------------------

DirectiveRef = Directive | DocumentNumber | Citation | str


#: The most directives, counted with repeats, that :meth:`Cascade.lineages` returns: a lattice
#: where each level implements both documents of the level above has 2**depth lineages.
LINEAGE_LIMIT = 1_000_000
#: How deep :meth:`Cascade.tree` indents: a deeper document is replaced by a line saying how
#: many documents below it were left out.
TREE_DEPTH_LIMIT = 64


def _directives(value: Iterable[Directive]) -> tuple[Directive, ...]:
    items = sequence(value, "directives")
    for i, directive in enumerate(items):
        _check_directive(directive, f"directives[{i}]")
    return items


def _cites(ref: Implemented, directive: Directive) -> bool:
    return ref.matches(directive) if isinstance(ref, Citation) else ref == directive.number


@attrs.frozen
class Cascade:
    """A graph of directives: a directive's parents are the directives of the cascade it
    implements. Two directives may share a number (numbers restart every year at every
    issuer) but not an :attr:`Directive.identity`; cycles are rejected.

    A number in ``implements`` is resolved against the cascade leaving out the citing
    directive itself, and, when several directives carry it, keeping those issued on or
    before the citing one; what stays ambiguous links nothing and is reported by
    :meth:`ambiguous_references`. References to documents outside the cascade are allowed
    and reported by :meth:`unknown_references`; :meth:`findings` lists both, and directives
    that implement a document issued after them; :meth:`check` refuses the cascade when one
    of these is an error.

    Lookups take a :class:`Directive`, a :class:`Citation`, a number (text) or a key; a
    number several directives share raises :class:`~cchc.errors.AmbiguousError` naming them.

    >>> d = datetime.date
    >>> top = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=d(2021, 9, 22))
    >>> plan = Directive(number=None, doc_type=DocumentType.KH, issuer="UBND huyện",
    ...                  issued=d(2021, 10, 19), implements=["273/KH-UBND"])
    >>> c = Cascade([top, plan])
    >>> [str(x) for x in c.children("273/KH-UBND")]
    ['Kế hoạch ngày 19/10/2021 của UBND huyện']
    >>> [x.key for x in c.roots]
    ['273/KH-UBND']
    """

    directives: tuple[Directive, ...] = attrs.field(converter=_directives)
    _parents: tuple[tuple[int, ...], ...] = attrs.field(init=False, repr=False, eq=False)
    _children: tuple[tuple[int, ...], ...] = attrs.field(init=False, repr=False, eq=False)
    _unresolved: tuple[tuple[int, Implemented, tuple[int, ...]], ...] = attrs.field(
        init=False, repr=False, eq=False
    )
    _by_name: dict[str, tuple[int, ...]] = attrs.field(init=False, repr=False, eq=False)
    _by_identity: dict[str, int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_identity: dict[str, int] = {}
        by_name: dict[str, list[int]] = {}
        by_day: dict[datetime.date, list[int]] = {}
        for i, directive in enumerate(self.directives):
            ident = fold(directive.identity)
            if ident in by_identity:
                first = by_identity[ident]
                raise ValidationError(
                    f"two directives have this identity (directives[{first}] and directives[{i}])",
                    vi=f"văn bản thứ {first + 1} và thứ {i + 1} là cùng một văn bản "
                    "(trùng số, cơ quan ban hành và năm)",
                    field=f"directives[{i}]",
                    value=directive.identity,
                )
            by_identity[ident] = i
            by_name.setdefault(directive.key, []).append(i)
            by_day.setdefault(directive.issued, []).append(i)
            if directive.number is None:
                by_name.setdefault(directive.identity, []).append(i)
        parents: list[list[int]] = [[] for _ in self.directives]
        children: list[list[int]] = [[] for _ in self.directives]
        unresolved: list[tuple[int, Implemented, tuple[int, ...]]] = []
        for i, directive in enumerate(self.directives):
            for ref in directive.implements:
                if isinstance(ref, DocumentNumber):
                    pool = by_name.get(str(ref), [])
                    found = [j for j in pool if j != i]
                else:
                    # a citation gives a number or an issue date: look only among those
                    pool = (
                        by_name.get(str(ref.number), [])
                        if ref.number is not None
                        else by_day.get(ref.issued, [])
                        if ref.issued is not None
                        else []
                    )
                    found = [j for j in pool if j != i and ref.matches(self.directives[j])]
                if len(found) > 1:
                    earlier = [j for j in found if self.directives[j].issued <= directive.issued]
                    found = earlier if len(earlier) == 1 else found
                if len(found) == 1:
                    if found[0] not in parents[i]:
                        parents[i].append(found[0])
                        children[found[0]].append(i)
                else:
                    unresolved.append((i, ref, tuple(found)))
        object.__setattr__(self, "_by_identity", by_identity)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})
        object.__setattr__(self, "_parents", tuple(tuple(p) for p in parents))
        object.__setattr__(self, "_children", tuple(tuple(c) for c in children))
        object.__setattr__(self, "_unresolved", tuple(unresolved))
        cycle = self._find_cycle()
        if cycle:
            keys = [self.directives[i].key for i in cycle]
            shown = keys if len(keys) <= 12 else [*keys[:6], "…", *keys[-6:]]
            raise ValidationError(
                "directives implement each other in a cycle: " + " -> ".join(shown),
                vi="các văn bản căn cứ lẫn nhau thành vòng: " + " → ".join(shown),
                field="directives",
                value=tuple(keys),
            )

    def _find_cycle(self) -> list[int]:
        # iterative depth-first search over parent edges; colour 1 = on the path, 2 = done
        colour: dict[int, int] = {}
        for start in range(len(self.directives)):
            if start in colour:
                continue
            path: list[int] = [start]
            stack: list[Iterator[int]] = [iter(self._parents[start])]
            colour[start] = 1
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    colour[path.pop()] = 2
                    stack.pop()
                    continue
                if colour.get(step) == 1:
                    cycle = [*path[path.index(step) :], step]
                    return cycle[::-1]
                if step not in colour:
                    colour[step] = 1
                    path.append(step)
                    stack.append(iter(self._parents[step]))
        return []

    def _find(self, which: DirectiveRef) -> int:
        if isinstance(which, Directive):
            found = self._by_identity.get(fold(which.identity))
            if found is None or self.directives[found] != which:
                raise NotFoundError(
                    "this directive is not in the cascade",
                    vi="văn bản này không có trong chuỗi văn bản",
                    field="which",
                    value=which.key,
                )
            return found
        if isinstance(which, Citation):
            hits = tuple(i for i, d in enumerate(self.directives) if which.matches(d))
            name = str(which)
        elif isinstance(which, DocumentNumber):
            name = str(which)
            hits = self._by_name.get(name, ())
        elif isinstance(which, str):
            try:
                name = str(DocumentNumber.parse(which))
            except CchcError:
                name = read_text(which, "which")
            hits = self._by_name.get(name, ())
        else:
            raise CchcTypeError(
                "must be a Directive, Citation, DocumentNumber or number text",
                vi="phải là một văn bản, một trích dẫn hoặc số, ký hiệu văn bản",
                field="which",
                value=which,
            )
        if not hits:
            raise NotFoundError(
                "no directive in the cascade has this key",
                vi="không có văn bản nào như vậy trong chuỗi văn bản",
                field="which",
                value=name,
            )
        if len(hits) > 1:
            names = "; ".join(self.directives[i].identity for i in hits[:10])
            more = f"; … ({len(hits)} in all)" if len(hits) > 10 else ""
            raise AmbiguousError(
                "several directives fit; cite one with its issuer or date (Citation): "
                + names
                + more,
                vi="có nhiều văn bản cùng số; hãy trích dẫn kèm cơ quan ban hành hoặc ngày: "
                + names
                + (f"; … (tất cả {len(hits)} văn bản)" if more else ""),
                field="which",
                value=name,
            )
        return hits[0]

    def _all(self, indices: Iterable[int]) -> tuple[Directive, ...]:
        return tuple(self.directives[i] for i in indices)

    def __len__(self) -> int:
        return len(self.directives)

    def __contains__(self, which: object) -> bool:
        try:
            self._find(which)  # type: ignore[arg-type]
        except CchcError:
            return False
        return True

    def get(self, which: DirectiveRef) -> Directive:
        """The directive with this number (or key, or fitting this citation);
        :class:`NotFoundError` if there is none, :class:`AmbiguousError` if there are several."""
        return self.directives[self._find(which)]

    def parents(self, which: DirectiveRef) -> tuple[Directive, ...]:
        """The directives of the cascade that ``which`` implements, in its ``implements`` order."""
        return self._all(self._parents[self._find(which)])

    def children(self, which: DirectiveRef) -> tuple[Directive, ...]:
        """The directives of the cascade that implement ``which``, in cascade order."""
        return self._all(self._children[self._find(which)])

    @property
    def roots(self) -> tuple[Directive, ...]:
        """The directives that implement nothing in the cascade."""
        return tuple(d for i, d in enumerate(self.directives) if not self._parents[i])

    def ancestors(self, which: DirectiveRef) -> tuple[Directive, ...]:
        """Every directive ``which`` descends from, nearest first, each once."""
        return self._walk(self._find(which), self._parents)

    def descendants(self, which: DirectiveRef) -> tuple[Directive, ...]:
        """Every directive that descends from ``which``, nearest first, each once."""
        return self._walk(self._find(which), self._children)

    def _walk(self, start: int, step: tuple[tuple[int, ...], ...]) -> tuple[Directive, ...]:
        return self._all(self._indices(start, step))

    def _lineage_sizes(self, start: int) -> tuple[int, int]:
        """(number of lineages, directives in all of them) of ``start``, each at most
        ``LINEAGE_LIMIT + 1``: counted over its ancestors in an order where parents come
        first, each visited once, so a lattice of any depth costs linear time and memory."""
        cap = LINEAGE_LIMIT + 1
        order = [start, *self._indices(start, self._parents)]
        count: dict[int, int] = {}
        size: dict[int, int] = {}
        for i in self._parents_first(order):
            parents = self._parents[i]
            if not parents:
                count[i], size[i] = 1, 1
            else:
                count[i] = min(cap, sum(count[p] for p in parents))
                size[i] = min(cap, sum(size[p] for p in parents) + count[i])
        return count[start], size[start]

    def _parents_first(self, nodes: list[int]) -> list[int]:
        """``nodes`` (closed under parents) ordered so that every parent comes before its
        children: Kahn's algorithm over the parent links, without recursion."""
        inside = set(nodes)
        waiting = {i: sum(p in inside for p in self._parents[i]) for i in nodes}
        ready = [i for i in nodes if waiting[i] == 0]
        out: list[int] = []
        while ready:
            i = ready.pop()
            out.append(i)
            for child in self._children[i]:
                if child in inside:
                    waiting[child] -= 1
                    if waiting[child] == 0:
                        ready.append(child)
        return out

    def _indices(self, start: int, step: tuple[tuple[int, ...], ...]) -> list[int]:
        seen: dict[int, None] = {}
        frontier = [start]
        while frontier:
            following: list[int] = []
            for k in frontier:
                for j in step[k]:
                    if j not in seen and j != start:
                        seen[j] = None
                        following.append(j)
            frontier = following
        return list(seen)

    def lineages(self, which: DirectiveRef) -> tuple[tuple[Directive, ...], ...]:
        """Every chain from a root of the cascade down to ``which`` (a root's only lineage is
        itself), in the order of each directive's ``implements``.

        The number of chains can grow exponentially with depth when documents implement
        several parents (a lattice 60 levels deep where each level implements both documents
        of the level above has 2**60); when all of them together would hold more than
        :data:`LINEAGE_LIMIT` directives, a :class:`~cchc.errors.ValidationError` (code
        ``cascade.too-many-lineages``) says so, and :meth:`ancestors` lists each ancestor
        once. Built without recursion, so a chain of any length is read.

        >>> d = datetime.date
        >>> c = Cascade([
        ...     Directive(number="76/NQ-CP", issuer="Chính phủ", issued=d(2021, 7, 15)),
        ...     Directive(number="23/CT-TTg", issuer="Thủ tướng Chính phủ",
        ...               issued=d(2021, 9, 2), implements=["76/NQ-CP"]),
        ...     Directive(number="7946/UBND-NCPC", issuer="UBND tỉnh Bắc Kạn",
        ...               issued=d(2021, 11, 25), implements=["76/NQ-CP", "23/CT-TTg"]),
        ... ])
        >>> [" -> ".join(x.key for x in chain) for chain in c.lineages("7946/UBND-NCPC")]
        ['76/NQ-CP -> 7946/UBND-NCPC', '76/NQ-CP -> 23/CT-TTg -> 7946/UBND-NCPC']
        """
        start = self._find(which)
        _, size = self._lineage_sizes(start)
        if size > LINEAGE_LIMIT:
            key = self.directives[start].key
            raise ValidationError(
                f"its lineages hold more than {LINEAGE_LIMIT:,} directives in all; list each "
                "ancestor once with ancestors()",
                vi=f"các chuỗi căn cứ của văn bản này có tổng cộng hơn {LINEAGE_LIMIT:,} văn "
                "bản, vượt giới hạn; hãy liệt kê các văn bản cấp trên, mỗi văn bản một lần",
                field="which",
                value=key,
                code="cascade.too-many-lineages",
            )
        # depth first up the parent links, parents in order; a path reaching a root is one
        # lineage (read top down)
        out: list[tuple[Directive, ...]] = []
        path = [start]
        stack: list[Iterator[int]] = [iter(self._parents[start])]
        while stack:
            if not self._parents[path[-1]]:
                out.append(tuple(self.directives[i] for i in reversed(path)))
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                path.pop()
                continue
            path.append(step)
            stack.append(iter(self._parents[step]))
        return tuple(out)

    def tree(self) -> str:
        """The cascade as an indented tree, each root at the left and each document under every
        document it implements (so a document that implements two appears twice).

        The documents below a document are written out once, the first time it appears; where
        it appears again, one line marked ``(xem ở trên)`` stands for it and them, so that the
        text grows with the number of links, not with the number of paths. Indentation stops
        at :data:`TREE_DEPTH_LIMIT` levels: a line there says how many documents implementing
        the last one shown were left out. Built without recursion.

        >>> d = datetime.date
        >>> print(Cascade([
        ...     Directive(number="76/NQ-CP", issuer="Chính phủ", issued=d(2021, 7, 15)),
        ...     Directive(number="23/CT-TTg", issuer="Thủ tướng Chính phủ",
        ...               issued=d(2021, 9, 2), implements=["76/NQ-CP"]),
        ...     Directive(number="7946/UBND-NCPC", issuer="UBND tỉnh Bắc Kạn",
        ...               issued=d(2021, 11, 25), implements=["76/NQ-CP", "23/CT-TTg"]),
        ... ]).tree())
        Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ
        ├── Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ
        │   └── Công văn số 7946/UBND-NCPC ngày 25/11/2021 của UBND tỉnh Bắc Kạn
        └── Công văn số 7946/UBND-NCPC ngày 25/11/2021 của UBND tỉnh Bắc Kạn
        """
        return "\n".join(self._tree_lines())

    def _tree_lines(self) -> Iterator[str]:
        shown: set[int] = set()
        # each entry: (index, lead before the branch, lead of the lines below, depth, top)
        stack: list[tuple[int, str, str, int]] = []
        for i in reversed(range(len(self.directives))):
            if not self._parents[i]:
                stack.append((i, "", "", 0))
        while stack:
            i, lead, inner, depth = stack.pop()
            below = self._children[i]
            label = str(self.directives[i])
            if below and i in shown:
                yield f"{lead}{label} (xem ở trên)"
                continue
            yield lead + label
            if not below:
                continue
            if depth >= TREE_DEPTH_LIMIT:
                yield (
                    f"{inner}└── … {len(below)} văn bản triển khai không hiển thị "
                    f"(quá {TREE_DEPTH_LIMIT} cấp)"
                )
                continue
            shown.add(i)
            for n in reversed(range(len(below))):
                last = n == len(below) - 1
                stack.append(
                    (
                        below[n],
                        inner + ("└── " if last else "├── "),
                        inner + ("    " if last else "│   "),
                        depth + 1,
                    )
                )

    def unknown_references(self) -> tuple[tuple[Directive, Implemented], ...]:
        """Each (directive, number or citation) where a directive implements a document not
        in the cascade."""
        return tuple((self.directives[i], ref) for i, ref, hits in self._unresolved if not hits)

    def ambiguous_references(
        self,
    ) -> tuple[tuple[Directive, Implemented, tuple[Directive, ...]], ...]:
        """Each (directive, reference, candidates) where a reference fits several directives
        of the cascade and none is linked.

        >>> d = datetime.date
        >>> a = Directive(number="01/KH-UBND", issuer="UBND huyện A", issued=d(2021, 1, 5))
        >>> b = Directive(number="01/KH-UBND", issuer="UBND huyện B", issued=d(2021, 1, 6))
        >>> x = Directive(number="02/KH-X", issuer="Xã X", issued=d(2021, 2, 1),
        ...               implements=["01/KH-UBND"])
        >>> [(c.key, len(hits)) for c, _, hits in Cascade([a, b, x]).ambiguous_references()]
        [('02/KH-X', 2)]
        """
        return tuple(
            (self.directives[i], ref, self._all(hits)) for i, ref, hits in self._unresolved if hits
        )

    def findings(self) -> tuple[Finding, ...]:
        """What a reader should check: a directive implementing a document issued after it
        (error), a reference that fits several directives (warning), and references to
        documents outside the cascade (info).

        >>> d = datetime.date
        >>> top = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=d(2021, 9, 22))
        >>> early = Directive(number="05/KH-UBND", issuer="UBND huyện", issued=d(2021, 9, 1),
        ...                   implements=["273/KH-UBND"])
        >>> [f.code for f in Cascade([top, early]).findings()]
        ['cascade.parent-issued-later']
        """
        out: list[Finding] = []
        for i, d in enumerate(self.directives):
            for p in self._parents[i]:
                parent = self.directives[p]
                if parent.issued > d.issued:
                    out.append(
                        Finding(
                            "cascade.parent-issued-later",
                            f"directives[{i}].implements[{self._ref_index(i, p)}]",
                            f"{d} căn cứ {parent}, văn bản ban hành sau nó",
                            f"{d.key} ({d.issued}) implements {parent.key}, issued later "
                            f"({parent.issued})",
                        )
                    )
        for i, ref, hits in self._unresolved:
            d = self.directives[i]
            path = f"directives[{i}].implements[{d.implements.index(ref)}]"
            if hits:
                names = "; ".join(self.directives[h].identity for h in hits[:10])
                if len(hits) > 10:
                    names += f"; … ({len(hits)})"
                out.append(
                    Finding(
                        "cascade.ambiguous-reference",
                        path,
                        f"{d.key}: căn cứ {ref} không rõ là văn bản nào ({names})",
                        f"{d.key}: {ref} fits several directives ({names})",
                        Severity.WARNING,
                    )
                )
            else:
                out.append(
                    Finding(
                        "cascade.unknown-reference",
                        path,
                        f"{d.key}: văn bản được căn cứ {ref} không có trong chuỗi văn bản",
                        f"{d.key}: {ref} is not in the cascade",
                        Severity.INFO,
                    )
                )
        return tuple(out)

    def check(self) -> tuple[Finding, ...]:
        """Like :meth:`findings`, but raise :class:`~cchc.errors.InvalidDocumentError` with
        every finding when any is an error (a directive implementing a document issued after
        it); otherwise return the warnings and notes.

        >>> d = datetime.date
        >>> top = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=d(2021, 9, 22))
        >>> early = Directive(number="05/KH-UBND", issuer="UBND huyện", issued=d(2021, 9, 1),
        ...                   implements=["273/KH-UBND"])
        >>> Cascade([top, early]).check()
        Traceback (most recent call last):
        ...
        cchc.errors.InvalidDocumentError: cascade of 2 directives: 1 problem
          error cascade.parent-issued-later at directives[1].implements[0]: ...
        >>> [f.code for f in Cascade([early]).check()]
        ['cascade.unknown-reference']
        """
        found = self.findings()
        if any(f.severity is Severity.ERROR for f in found):
            n = len(self.directives)
            raise InvalidDocumentError(f"cascade of {n} directive{'s' if n != 1 else ''}", found)
        return found

    def _ref_index(self, child: int, parent: int) -> int:
        """Which item of the child's ``implements`` links it to ``parent``."""
        target = self.directives[parent]
        for n, ref in enumerate(self.directives[child].implements):
            if _cites(ref, target):
                return n
        return 0  # pragma: no cover - every link comes from an item


def _issuer_code(directive: Directive, tree: UnitTree | None) -> str | None:
    if directive.issuer_unit is not None:
        return directive.issuer_unit
    if tree is None:
        return None
    try:
        return tree.find(directive.issuer).code
    except CchcError:
        return None


def missing_implementations(
    cascade: Cascade,
    directive: DirectiveRef,
    units: Iterable[str | Unit],
    *,
    within_working_days: int | None = None,
    as_of: datetime.date | None = None,
    tree: UnitTree | None = None,
) -> tuple[str, ...]:
    """The unit codes, in the order given, that have not issued a directive implementing
    ``directive`` (a child in ``cascade`` whose ``issuer_unit`` is the code, compared by
    :func:`cchc.text.fold`). ``units`` holds codes or :class:`cchc.units.Unit` values. With a
    unit ``tree``, a child without ``issuer_unit`` is matched by finding its ``issuer`` phrase
    in the tree (:meth:`cchc.units.UnitTree.find`).

    With ``as_of``, only directives issued on or before that date count. With
    ``within_working_days=N``, a unit whose first implementing directive came more than N
    working days after ``directive`` was issued is listed too, and so is one whose directive
    is dated before ``directive`` (it cannot have implemented it; see
    :meth:`Cascade.findings`).

    >>> d = datetime.date
    >>> top = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=d(2021, 9, 22))
    >>> a = Directive(number="12/KH-UBND", issuer="UBND huyện A", issuer_unit="A",
    ...               issued=d(2021, 10, 19), implements=["273/KH-UBND"])
    >>> c = Cascade([top, a])
    >>> missing_implementations(c, "273/KH-UBND", ["A", "B"])
    ('B',)
    >>> missing_implementations(c, "273/KH-UBND", ["A", "B"], within_working_days=10)
    ('A', 'B')
    """
    if not isinstance(cascade, Cascade):
        raise CchcTypeError(
            "must be a Cascade",
            vi="phải là một chuỗi văn bản chỉ đạo",
            field="cascade",
            value=cascade,
        )
    parent = cascade.get(directive)
    if within_working_days is not None:
        within_working_days = whole(within_working_days, "within_working_days", minimum=0)
    if as_of is not None and not _is_date(as_of):
        raise CchcTypeError(
            "must be a datetime.date",
            vi="phải là một ngày (ngày, tháng, năm)",
            field="as_of",
            value=as_of,
        )
    if tree is not None and not isinstance(tree, UnitTree):
        raise CchcTypeError(
            "must be a UnitTree or None",
            vi="phải là cây đơn vị hành chính hoặc để trống",
            field="tree",
            value=tree,
        )
    first: dict[str, datetime.date] = {}
    for child in cascade.children(parent):
        code = _issuer_code(child, tree)
        if code is None or (as_of is not None and child.issued > as_of):
            continue
        key = fold(code)
        if key not in first or child.issued < first[key]:
            first[key] = child.issued
    missing: list[str] = []
    for n, item in enumerate(sequence(units, "units")):
        unit = item.code if isinstance(item, Unit) else item
        if not isinstance(unit, str) or len(unit) > 200:
            raise CchcTypeError(
                "must be a unit code or Unit",
                vi="phải là mã đơn vị hoặc một đơn vị",
                field=f"units[{n}]",
                value=item,
            )
        issued = first.get(fold(unit))
        if issued is None or (
            within_working_days is not None
            and (
                issued < parent.issued
                or working_days_between(parent.issued, issued) > within_working_days
            )
        ):
            missing.append(unit)
    return tuple(missing)


# --- references in text ---------------------------------------------------------------------


def _span(value: Iterable[int]) -> tuple[int, int]:
    items = sequence(value, "span")
    if len(items) != 2:
        raise CchcTypeError(
            "must be a (start, end) pair",
            vi="phải là một cặp vị trí (đầu, cuối)",
            field="span",
            value=value,
        )
    start, end = items
    if not (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start <= end
    ):
        raise ValidationError(
            "must be offsets with 0 <= start <= end",
            vi="phải là hai vị trí, vị trí đầu không lớn hơn vị trí cuối",
            field="span",
            value=value,
        )
    return (start, end)


@attrs.frozen(kw_only=True)
class Reference:
    """A directive reference found in text by :func:`find_references`.

    ``span`` is (start, end) in the NFC form of the text (the same offsets when the text
    already is NFC, as it nearly always is); ``type_word`` is the type as written before the
    number ("Kế hoạch", "KH", "Văn bản"); ``doc_type`` comes from the number's symbol, else
    from the type word; ``issuer`` is the phrase after "của".
    """

    text: str = attrs.field(validator=is_text)
    span: tuple[int, int] = attrs.field(converter=_span)
    type_word: str | None = attrs.field(default=None, validator=is_optional_text)
    doc_type: DocumentType | None = attrs.field(default=None, validator=_is_doc_type)
    number: DocumentNumber | None = attrs.field(
        default=None, validator=instance_of(DocumentNumber, optional=True)
    )
    date: datetime.date | None = attrs.field(default=None, validator=_optional_date)
    issuer: str | None = attrs.field(default=None, validator=is_optional_text)


_TYPE_WORDS = sorted({t.vi for t in DocumentType} | set(_OTHER_NAMES), key=len, reverse=True)
_WORDS_ALT = "|".join(re.escape(w) for w in _TYPE_WORDS)
_CAP_WORDS_ALT = "|".join(re.escape(w[0].upper() + w[1:]) for w in _TYPE_WORDS)
_ABBR_ALT = "|".join(re.escape(a) for a in sorted(_EXACT, key=len, reverse=True))
_SP = r"[ \t\u00a0]"
# words that end an issuer phrase ("của UBND tỉnh Lào Cai về việc …")
# "Ủy ban nhân dân" is an issuer, "ban hành" is not
_ISSUER_STOP = (
    "về",
    "và",
    "với",
    "để",
    "nhằm",
    "theo",
    "tại",
    "trong",
    "giai",
    "năm",
    "ngày",
    "đã",
    "đến",
    "cho",
    "trên",
    "thì",
    "là",
    "được",
    "số",
    "của",
    "thực",
    "đối",
    "qua",
    "từ",
    "do",
    "có",
    "nay",
    "này",
    "đó",
    "ban hành",
)
_STOP_ALT = "|".join(
    re.escape(w).replace("\\ ", _SP) for w in sorted(_ISSUER_STOP, key=len, reverse=True)
)
_WORD = rf"(?!(?:{_STOP_ALT})(?![^\W_]))[^\W\d_][^\W_]{{0,23}}"


def _tail(n: str) -> str:
    """Date and issuer after a number or type word; ``n`` keeps the group names apart."""
    date = (
        rf"(?P<date{n}>[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-][0-9]{{4}}"
        rf"|[0-9]{{1,2}}{_SP}{{1,3}}tháng{_SP}{{1,3}}[0-9]{{1,2}}{_SP}{{1,3}}năm{_SP}{{1,3}}"
        rf"[0-9]{{4}})"
    )
    issuer = rf"(?P<issuer{n}>{_WORD}(?:{_SP}{{1,3}}{_WORD}){{0,11}})"
    when = rf"{_SP}{{0,3}},?{_SP}{{0,3}}(?:ban{_SP}hành{_SP}{{1,3}})?ngày{_SP}{{0,3}}{date}"
    return rf"(?:{when})" + ("?" if n == "" else "") + rf"(?:{_SP}{{0,3}}của{_SP}{{1,3}}{issuer})?"


# a law is cited by its name before "số": "Luật Thi đua, khen thưởng số 06/2022/QH15"
_LAW_NAME = rf"Luật(?:,?{_SP}{{1,2}}[^\W\d_]{{1,12}}){{1,8}}(?={_SP}{{1,3}}[Ss]ố)"
_NUMBERED_RE = re.compile(
    rf"(?:(?<!\w)(?P<word>{_LAW_NAME}|(?i:{_WORDS_ALT})|{_ABBR_ALT}){_SP}{{1,3}}"
    rf"(?:[Ss]ố{_SP}{{0,2}}:?{_SP}{{0,2}})?"
    rf"|(?<!\w)[Ss]ố{_SP}{{0,2}}:?{_SP}{{0,2}})?"
    rf"(?<![\w/-]){_NUMBER_RE.pattern}(?![0-9]|{_U}|{_L}(?!{_L})){_tail('')}"
)
_UNNUMBERED_RE = re.compile(rf"(?<!\w)(?P<word>{_CAP_WORDS_ALT}){_tail('2')}")
# Scanning: a fast pass finds where a reference can be (a number, or a capitalised type word
# followed by "ngày"); the type word and "số" before a number are read backwards from there
# with a reversed pattern, so every attempt costs a bounded amount and the whole scan is linear.
_ANCHOR_RE = re.compile(rf"(?<![\w/-])[0-9]{{1,7}}[/-]|(?<!\w)(?:{_CAP_WORDS_ALT}){_SP}{{1,3}}ngày")
_REV_SO = rf"{_SP}{{0,2}}:?{_SP}{{0,2}}ố[Ss]"
_REV_WORDS = "|".join(
    re.escape(w[::-1]) for w in sorted({*_TYPE_WORDS, *_EXACT}, key=len, reverse=True)
)
_REV_LAW = rf"{_REV_SO}{_SP}{{1,3}}(?:[^\W\d_]{{1,12}}{_SP}{{1,2}},?){{1,8}}tậuL(?!\w)"
_REV_PREFIX_RE = re.compile(
    rf"{_REV_LAW}|(?:{_REV_SO})?{_SP}{{1,3}}(?i:{_REV_WORDS})(?!\w)|{_REV_SO}(?!\w)"
)
_WINDOW = 160  # longer than a law's name or the longest type word, "số" and the spaces


def _scan(text: str) -> Iterator[re.Match[str]]:
    pos = last_end = 0
    while (anchor := _ANCHOR_RE.search(text, pos)) is not None:
        start = anchor.start()
        match: re.Match[str] | None
        if "0" <= text[start] <= "9":
            window = text[max(0, start - _WINDOW) : start][::-1]
            prefix = _REV_PREFIX_RE.match(window)
            begin = start - prefix.end() if prefix else start
            match = _NUMBERED_RE.match(text, begin) if begin >= last_end else None
            if match is None and begin != start:
                match = _NUMBERED_RE.match(text, start)
        else:
            match = _UNNUMBERED_RE.match(text, start)
        if match is None:
            pos = anchor.end()
            continue
        yield match
        pos = last_end = match.end()


def find_references(text: str) -> tuple[Reference, ...]:
    """Every directive reference in ``text``, in order: a number and symbol, with the type
    word, ``số``, issue date and issuer phrase (after "của") where the text gives them; or a
    capitalised type word with an issue date and no number ("Quyết định ngày 28/6/2021 …").

    Runs in time linear in the length of the text; never raises on any string.

    >>> [(r.type_word, str(r.number), r.date, r.issuer) for r in find_references(
    ...     "(Nguồn: theo Văn bản số 7946/UBND-NCPCngày 25/11/2021của UBND tỉnh).")]
    [('Văn bản', '7946/UBND-NCPC', datetime.date(2021, 11, 25), 'UBND tỉnh')]
    """
    if not isinstance(text, str):
        raise CchcTypeError(
            f"must be text, not {type(text).__name__}",
            vi="phải là văn bản (chuỗi ký tự)",
            field="text",
            value=text,
        )
    text = normalize(text, "NFC")  # linear even on long runs of combining marks
    found: list[Reference] = []
    for match in _scan(text):
        groups = match.groupdict()
        number: DocumentNumber | None = None
        if groups.get("num") is not None:
            try:
                number = _from_match(match)
            except CchcError:
                continue
        type_word = groups["word"]
        doc_type = number.doc_type if number is not None else None
        if doc_type is None and type_word is not None:
            doc_type = (
                _type_from_symbol(type_word, loose=False)
                or _BY_NAME.get(fold(type_word))
                or (DocumentType.LUAT if type_word.startswith("Luật") else None)
            )
        day: datetime.date | None = None
        date_text = groups.get("date") or groups.get("date2")
        if date_text is not None:
            try:
                day = parse_date(re.sub(r"[.-]", "/", date_text))
            except CchcError:
                day = None
        found.append(
            Reference(
                text=match.group(0),
                span=match.span(),
                type_word=type_word,
                doc_type=doc_type,
                number=number,
                date=day,
                issuer=groups.get("issuer") or groups.get("issuer2"),
            )
        )
    return tuple(found)
