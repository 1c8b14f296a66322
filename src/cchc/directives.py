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
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

import attrs

from cchc.calendar import format_numeric_date, parse_date, working_days_between
from cchc.errors import (
    AmbiguousError,
    CchcError,
    CchcTypeError,
    Finding,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.text import fold, nfc, strip_marks
from cchc.units import Unit, UnitTree

__all__ = [
    "Cascade",
    "Citation",
    "Directive",
    "DocumentNumber",
    "DocumentType",
    "Reference",
    "find_references",
    "missing_implementations",
]


class DocumentType(enum.Enum):
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

    def __repr__(self) -> str:
        return f"DocumentType.{self.name}"

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
                "no document type has this abbreviation", field="abbreviation", value=text
            )
        return found

    @classmethod
    def from_name(cls, text: str) -> DocumentType:
        """Return the type with this Vietnamese name (case- and tone-placement-insensitive).
        ``"Văn bản"``, the word texts use for a công văn, gives :attr:`CONG_VAN`.

        >>> DocumentType.from_name("Văn bản"), DocumentType.from_name("Bản thoả thuận")
        (DocumentType.CONG_VAN, DocumentType.BTT)
        """
        found = _BY_NAME.get(fold(text)) if isinstance(text, str) else None
        if found is None:
            raise NotFoundError("no document type has this name", field="name", value=text)
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
    if not isinstance(text, str):
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


def _check_int(value: int, *, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError("must be an int", field=field, value=value)


def _groups(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (nfc(value),)
    try:
        return tuple(nfc(g) if isinstance(g, str) else g for g in value)
    except TypeError:
        raise CchcTypeError(
            "must be a tuple of symbol groups", field="issuer", value=value
        ) from None


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

    number: int
    doc_type: DocumentType | None = None
    issuer: tuple[str, ...] = attrs.field(default=(), converter=_groups)
    year: int | None = None
    party: bool = False

    def __attrs_post_init__(self) -> None:
        _check_int(self.number, field="number")
        if not 1 <= self.number < 10**7:
            raise ValidationError(
                "document numbers run from 1 and have at most 7 digits",
                field="number",
                value=self.number,
            )
        if self.doc_type is not None and not isinstance(self.doc_type, DocumentType):
            raise CchcTypeError("must be a DocumentType", field="doc_type", value=self.doc_type)
        if not self.issuer:
            raise ValidationError(
                "the symbol needs at least one issuer group", field="issuer", value=self.issuer
            )
        if len(self.issuer) + (self.doc_type is not None and not self.party) > 8:
            raise ValidationError(
                "a symbol has at most 8 groups, the type included",
                field="issuer",
                value=self.issuer,
            )
        for i, group in enumerate(self.issuer):
            if not isinstance(group, str) or not re.fullmatch(_GROUP, group):
                raise ValidationError(
                    "a symbol group is an upper-case letter followed by upper-case letters, "
                    "digits and single lower-case letters",
                    field=f"issuer[{i}]",
                    value=group,
                )
        if self.year is not None:
            _check_int(self.year, field="year")
            if not 1000 <= self.year <= 9999:
                raise ValidationError("must have four digits", field="year", value=self.year)
        if not isinstance(self.party, bool):
            raise CchcTypeError("must be a bool", field="party", value=self.party)
        if self.party:
            if self.doc_type is None:
                raise ValidationError(
                    "Party numbers carry a type (08-NQ/TU)", field="doc_type", value=None
                )
            if self.year is not None:
                raise ValidationError(
                    "Party numbers run per committee term and carry no year",
                    field="year",
                    value=self.year,
                )
        if self.doc_type is DocumentType.CONG_VAN and not self.party:
            raise ValidationError(
                "a state công văn carries no type in its symbol (7946/UBND-NCPC); "
                "leave doc_type None",
                field="doc_type",
                value=self.doc_type,
            )
        if self.doc_type is not None and _symbol_of(self.doc_type) is None:
            raise ValidationError(
                "this type has no abbreviation to put in a symbol",
                field="doc_type",
                value=self.doc_type,
            )
        if self.doc_type is None and _type_from_symbol(self.issuer[0], loose=False) not in (
            None,
            DocumentType.CONG_VAN,
        ):
            raise ValidationError(
                "the first issuer group reads as a document type; pass it as doc_type",
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
            raise CchcTypeError("must be a str", field="text", value=text)
        body = unicodedata.normalize("NFC", text).strip()
        prefix = _PREFIX_RE.match(body)
        if prefix:
            body = body[prefix.end() :]
        if not body:
            raise ParseError("no number and symbol", field="text", value=text)
        if any(ch.isspace() for ch in body):
            raise ParseError(
                "no spaces are allowed inside a number and symbol", field="text", value=text
            )
        match = _NUMBER_RE.fullmatch(body)
        if match is None:
            raise ParseError(_explain(body), field="text", value=text)
        try:
            return _from_match(match)
        except CchcError as exc:
            raise ParseError(exc.message, field="text", value=text) from exc


def _symbol_of(doc_type: DocumentType | None) -> str | None:
    if doc_type is DocumentType.CONG_VAN:
        return "CV"
    return doc_type.abbreviation if doc_type is not None else None


def _explain(body: str) -> str:
    """Say what is wrong with text that is not a number and symbol."""
    if "/" not in body:
        return "no '/' between the number and the symbol (138/KH-UBND)"
    head = re.split(r"[/-]", body, maxsplit=1)[0]
    if not head.isdigit() or not head.isascii():
        return f"the number {head!r} is not written in Arabic digits"
    if len(head) > 7:
        return f"the number {head!r} has more than 7 digits"
    if body.endswith(("/", "-")) or "//" in body or "--" in body or "-/" in body:
        return "a symbol group is empty"
    parts = body.split("/")
    if len(parts) > 3:
        return "too many '/' (at most number/year/symbol)"
    if len(parts) == 3 and not re.fullmatch("[0-9]{4}", parts[1]):
        if re.fullmatch("[0-9]+", parts[1]) or not re.fullmatch("[0-9]+", parts[2]):
            return f"the year {parts[1]!r} must have four digits"
        return f"the year {parts[2]!r} comes between the number and the symbol (33/2021/QĐ-UBND)"
    return (
        "the symbol must be groups of upper-case letters and digits joined by '-' "
        "(KH-UBND, UBND-NCPC)"
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
        raise ParseError("only numbers below 10 take a leading 0", field="number", value=digits)
    number = int(digits)
    if number < 1:
        raise ParseError("document numbers start at 1", field="number", value=digits)
    if match["ptype"] is not None:
        doc_type = _type_from_symbol(match["ptype"], loose=False)
        if doc_type is None:
            raise ParseError(
                "the group after '-' is not a document type", field="type", value=match["ptype"]
            )
        return _checked(number, doc_type, tuple(match["psymbol"].split("-")), party=True)
    groups = match["symbol"].split("-")
    year = int(match["year"]) if match["year"] is not None else None
    if year is not None and year < 1000:
        raise ParseError("the year must have four digits", field="year", value=match["year"])
    doc_type = _type_from_symbol(groups[0], loose=False)
    if doc_type is not None and doc_type is not DocumentType.CONG_VAN:
        if len(groups) == 1:
            raise ParseError("no issuer after the type", field="symbol", value=match["symbol"])
        return _checked(number, doc_type, tuple(groups[1:]), year)
    return _checked(number, None, tuple(groups), year)


# --- directives ----------------------------------------------------------------------------


def _is_date(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _number(value: DocumentNumber | str | None, field: str = "number") -> DocumentNumber | None:
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    if value is None or isinstance(value, DocumentNumber):
        return value
    raise CchcTypeError("must be a DocumentNumber, its text or None", field=field, value=value)


def _number_or_none(value: DocumentNumber | str | None) -> DocumentNumber | None:
    return _number(value)


def _text(value: str) -> str:
    return nfc(value) if isinstance(value, str) else value


def _optional_nfc(value: str | None) -> str | None:
    return nfc(value) if isinstance(value, str) else value


def _citation_type(self: Citation) -> DocumentType | None:
    return self.number.doc_type if self.number is not None else None


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
        default=attrs.Factory(_citation_type, takes_self=True)
    )
    issued: datetime.date | None = None
    issuer: str | None = attrs.field(default=None, converter=_optional_nfc)

    def __attrs_post_init__(self) -> None:
        if self.doc_type is not None and not isinstance(self.doc_type, DocumentType):
            raise CchcTypeError("must be a DocumentType", field="doc_type", value=self.doc_type)
        if self.issued is not None and not _is_date(self.issued):
            raise CchcTypeError("must be a datetime.date", field="issued", value=self.issued)
        if self.issuer is not None and (not isinstance(self.issuer, str) or not self.issuer):
            raise CchcTypeError(
                "must be a non-empty str or None", field="issuer", value=self.issuer
            )
        if self.number is None and (self.doc_type is None or self.issued is None):
            raise ValidationError(
                "a document without its number is cited by its type and issue date",
                field="number",
                value=None,
            )
        n = self.number
        if n is not None and n.doc_type is not None and self.doc_type is not n.doc_type:
            raise ValidationError(
                f"the number {n} is a {n.doc_type.vi}", field="doc_type", value=self.doc_type
            )
        year = n.year if n is not None else None
        if year is not None and self.issued is not None and year != self.issued.year:
            raise ValidationError(
                f"the number {n} carries the year {year}", field="issued", value=self.issued
            )

    @classmethod
    def of(cls, directive: Directive) -> Citation:
        """The citation that names ``directive`` alone: number (if any), type, date and issuer.

        >>> d = Directive(number=None, doc_type=DocumentType.KH, issuer="UBND huyện Gia Lâm",
        ...               issued=datetime.date(2021, 3, 1))
        >>> Citation.of(d).matches(d)
        True
        """
        if not isinstance(directive, Directive):
            raise CchcTypeError("must be a Directive", field="directive", value=directive)
        return cls(
            number=directive.number,
            doc_type=directive.doc_type,
            issued=directive.issued,
            issuer=directive.issuer,
        )

    def matches(self, directive: Directive) -> bool:
        """True when ``directive`` fits every part this citation gives."""
        if not isinstance(directive, Directive):
            raise CchcTypeError("must be a Directive", field="directive", value=directive)
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


Implemented = DocumentNumber | Citation


def _numbers(value: Iterable[Implemented | str | Directive]) -> tuple[Implemented, ...]:
    if isinstance(value, str | DocumentNumber | Citation | Directive):
        value = [value]
    try:
        items = tuple(value)
    except TypeError:
        raise CchcTypeError(
            "must be an iterable of document numbers or citations",
            field="implements",
            value=value,
        ) from None
    refs: list[Implemented] = []
    for i, item in enumerate(items):
        if isinstance(item, Citation):
            refs.append(item)
        elif isinstance(item, Directive):
            refs.append(Citation.of(item))
        else:
            number = _number(item, f"implements[{i}]")
            if number is None:
                raise CchcTypeError(
                    "must be a document number or a Citation", field=f"implements[{i}]", value=None
                )
            refs.append(number)
    return tuple(refs)


def _default_type(self: Directive) -> DocumentType:
    if self.number is not None and self.number.doc_type is not None:
        return self.number.doc_type
    if self.number is not None:
        return DocumentType.CONG_VAN
    raise ValidationError("give doc_type when the number is unknown", field="doc_type")


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
    issuer: str = attrs.field(converter=_text)
    issued: datetime.date
    doc_type: DocumentType = attrs.field(default=attrs.Factory(_default_type, takes_self=True))
    summary: str = attrs.field(default="", converter=_text)
    implements: tuple[Implemented, ...] = attrs.field(default=(), converter=_numbers)
    issuer_unit: str | None = attrs.field(default=None, converter=_optional_nfc)

    def __attrs_post_init__(self) -> None:
        if self.number is not None and not isinstance(self.number, DocumentNumber):
            raise CchcTypeError(
                "must be a DocumentNumber or None", field="number", value=self.number
            )
        if not isinstance(self.issuer, str):
            raise CchcTypeError("must be a str", field="issuer", value=self.issuer)
        if not self.issuer:
            raise ValidationError("the issuer must be named", field="issuer", value=self.issuer)
        if not _is_date(self.issued):
            raise CchcTypeError("must be a datetime.date", field="issued", value=self.issued)
        if not isinstance(self.doc_type, DocumentType):
            raise CchcTypeError("must be a DocumentType", field="doc_type", value=self.doc_type)
        if not isinstance(self.summary, str):
            raise CchcTypeError("must be a str", field="summary", value=self.summary)
        if self.issuer_unit is not None and (
            not isinstance(self.issuer_unit, str) or not self.issuer_unit
        ):
            raise ValidationError(
                "must be a unit code or None", field="issuer_unit", value=self.issuer_unit
            )
        number = self.number
        if number is not None:
            if number.doc_type is not None and number.doc_type is not self.doc_type:
                raise ValidationError(
                    f"the number {number} is a {number.doc_type.vi}",
                    field="doc_type",
                    value=self.doc_type,
                )
            if number.year is not None and number.year != self.issued.year:
                raise ValidationError(
                    f"the number {number} carries the year {number.year}",
                    field="issued",
                    value=self.issued,
                )
        for i, ref in enumerate(self.implements):
            if not isinstance(ref, DocumentNumber | Citation):
                raise CchcTypeError(
                    "must be a DocumentNumber or a Citation", field=f"implements[{i}]", value=ref
                )
            if ref == number or (
                isinstance(ref, Citation) and ref.matches(self) and ref.issued is not None
            ):
                raise ValidationError(
                    "a directive cannot implement itself (cite another issuer's document of the "
                    "same number with a Citation giving its issuer)",
                    field=f"implements[{i}]",
                    value=ref,
                )
        if len(set(self.implements)) != len(self.implements):
            raise ValidationError(
                "lists a document twice", field="implements", value=self.implements
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


def _directives(value: Iterable[Directive]) -> tuple[Directive, ...]:
    if isinstance(value, str | bytes):
        raise CchcTypeError("must be an iterable of directives", field="directives", value=value)
    try:
        return tuple(value)
    except TypeError:
        raise CchcTypeError(
            "must be an iterable of directives", field="directives", value=value
        ) from None


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
    that implement a document issued after them.

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
        for i, directive in enumerate(self.directives):
            if not isinstance(directive, Directive):
                raise CchcTypeError(
                    "must be a Directive", field=f"directives[{i}]", value=directive
                )
            ident = fold(directive.identity)
            if ident in by_identity:
                raise ValidationError(
                    f"two directives have this identity (directives[{by_identity[ident]}] and "
                    f"directives[{i}])",
                    field=f"directives[{i}]",
                    value=directive.identity,
                )
            by_identity[ident] = i
            by_name.setdefault(directive.key, []).append(i)
            if directive.number is None:
                by_name.setdefault(nfc(directive.identity), []).append(i)
        parents: list[list[int]] = [[] for _ in self.directives]
        children: list[list[int]] = [[] for _ in self.directives]
        unresolved: list[tuple[int, Implemented, tuple[int, ...]]] = []
        for i, directive in enumerate(self.directives):
            for ref in directive.implements:
                if isinstance(ref, DocumentNumber):
                    pool = by_name.get(str(ref), [])
                    found = [j for j in pool if j != i]
                else:
                    found = [j for j, d in enumerate(self.directives) if j != i and ref.matches(d)]
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
            raise ValidationError(
                "directives implement each other in a cycle: " + " -> ".join(keys),
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
                    "this directive is not in the cascade", field="which", value=which.key
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
            except ParseError:
                name = nfc(which)
            hits = self._by_name.get(name, ())
        else:
            raise CchcTypeError(
                "must be a Directive, Citation, DocumentNumber or number text",
                field="which",
                value=which,
            )
        if not hits:
            raise NotFoundError(
                "no directive in the cascade has this key", field="which", value=name
            )
        if len(hits) > 1:
            raise AmbiguousError(
                "several directives fit; cite one with its issuer or date (Citation): "
                + "; ".join(self.directives[i].identity for i in hits),
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
        return self._all(seen)

    def lineages(self, which: DirectiveRef) -> tuple[tuple[Directive, ...], ...]:
        """Every chain from a root of the cascade down to ``which`` (a root's only lineage is
        itself).

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
        memo: dict[int, tuple[tuple[Directive, ...], ...]] = {}

        def up(i: int) -> tuple[tuple[Directive, ...], ...]:
            if i not in memo:
                d = self.directives[i]
                parents = self._parents[i]
                if not parents:
                    memo[i] = ((d,),)
                else:
                    memo[i] = tuple((*chain, d) for p in parents for chain in up(p))
            return memo[i]

        return up(self._find(which))

    def tree(self) -> str:
        """The cascade as an indented tree, each root at the left and each document under every
        document it implements (so a document that implements two appears twice).

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
        lines: list[str] = []

        def down(i: int, lead: str, last: bool, top: bool) -> None:
            d = self.directives[i]
            lines.append(str(d) if top else f"{lead}{'└── ' if last else '├── '}{d}")
            below = self._children[i]
            inner = "" if top else lead + ("    " if last else "│   ")
            for n, child in enumerate(below):
                down(child, inner, n == len(below) - 1, False)

        for i in range(len(self.directives)):
            if not self._parents[i]:
                down(i, "", True, True)
        return "\n".join(lines)

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
                            f"directives[{i}].implements",
                            f"{d} căn cứ {parent}, văn bản ban hành sau nó",
                            f"{d.key} ({d.issued}) implements {parent.key}, issued later "
                            f"({parent.issued})",
                        )
                    )
        for i, ref, hits in self._unresolved:
            d = self.directives[i]
            if hits:
                names = "; ".join(self.directives[h].identity for h in hits)
                out.append(
                    Finding(
                        "cascade.ambiguous-reference",
                        f"directives[{i}].implements",
                        f"{d.key}: căn cứ {ref} không rõ văn bản nào ({names})",
                        f"{d.key}: {ref} fits several directives ({names})",
                        Severity.WARNING,
                    )
                )
            else:
                out.append(
                    Finding(
                        "cascade.unknown-reference",
                        f"directives[{i}].implements",
                        f"{d.key}: căn cứ {ref} không có trong chuỗi văn bản",
                        f"{d.key}: {ref} is not in the cascade",
                        Severity.INFO,
                    )
                )
        return tuple(out)


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
        raise CchcTypeError("must be a Cascade", field="cascade", value=cascade)
    parent = cascade.get(directive)
    if within_working_days is not None:
        _check_int(within_working_days, field="within_working_days")
        if within_working_days < 0:
            raise ValidationError(
                "must not be negative", field="within_working_days", value=within_working_days
            )
    if as_of is not None and not _is_date(as_of):
        raise CchcTypeError("must be a datetime.date", field="as_of", value=as_of)
    if tree is not None and not isinstance(tree, UnitTree):
        raise CchcTypeError("must be a UnitTree or None", field="tree", value=tree)
    first: dict[str, datetime.date] = {}
    for child in cascade.children(parent):
        code = _issuer_code(child, tree)
        if code is None or (as_of is not None and child.issued > as_of):
            continue
        key = fold(code)
        if key not in first or child.issued < first[key]:
            first[key] = child.issued
    if isinstance(units, str | bytes) or not isinstance(units, Iterable):
        raise CchcTypeError("must be a collection of unit codes", field="units", value=units)
    missing: list[str] = []
    for item in units:
        unit = item.code if isinstance(item, Unit) else item
        if not isinstance(unit, str):
            raise CchcTypeError("must be a unit code or Unit", field="units", value=item)
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
    try:
        start, end = tuple(value)
    except (TypeError, ValueError):
        raise CchcTypeError("must be a (start, end) pair", field="span", value=value) from None
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise ValidationError("must be offsets with 0 <= start <= end", field="span", value=value)
    return (start, end)


@attrs.frozen(kw_only=True)
class Reference:
    """A directive reference found in text by :func:`find_references`.

    ``span`` is (start, end) in the NFC form of the text (the same offsets when the text
    already is NFC, as it nearly always is); ``type_word`` is the type as written before the
    number ("Kế hoạch", "KH", "Văn bản"); ``doc_type`` comes from the number's symbol, else
    from the type word; ``issuer`` is the phrase after "của".
    """

    text: str
    span: tuple[int, int] = attrs.field(converter=_span)
    type_word: str | None = None
    doc_type: DocumentType | None = None
    number: DocumentNumber | None = None
    date: datetime.date | None = None
    issuer: str | None = None


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
        raise CchcTypeError("must be a str", field="text", value=text)
    text = unicodedata.normalize("NFC", text)
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
