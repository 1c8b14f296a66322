"""Official documents in the Decree 30/2020/NĐ-CP format, as DOCX files that open in Word and
LibreOffice (install ``cchc[docx]``).

An :class:`OfficialDocument` holds what a Vietnamese administrative document says and
:func:`render` lays it out as Appendix I of Decree 30/2020 asks: A4 portrait, Times New Roman
in every font slot with Vietnamese as the language, the two-column header (agency and number
on the left; national title, motto and place-date line on the right), the document type and
its summary, Roman-numbered parts, the signature block and "Nơi nhận". Page numbers are PAGE
fields centred in the top margin, with none on the first page. The same document always gives
the same bytes, so an exported decision can be checked by its hash.

>>> import datetime
>>> from cchc.directives import DocumentType
>>> doc = OfficialDocument(
...     doc_type=DocumentType.KH, number="138/KH-UBND", agency="Ủy ban nhân dân huyện Châu Thành",
...     place="Châu Thành", issued=datetime.date(2021, 5, 5),
...     summary="Phát động phong trào thi đua chuyên đề “Thực hiện cải cách hành chính” năm 2021",
...     sections=[Section("Mục đích, yêu cầu", ["Nâng cao trách nhiệm của người đứng đầu."])],
...     signature=Signature("Chủ tịch", "Nguyễn Văn A", authority="Ủy ban nhân dân", prefix="TM."),
...     recipients=["UBND tỉnh", "Các phòng, ban, ngành huyện"], archive=["VT", "PNV"])
>>> data = render(doc)
>>> data[:2], render(doc) == data
(b'PK', True)
>>> doc.header_lines()[0]
('ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import io
import math
import os
import re
import secrets
import stat
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs
import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cchc._fields import (
    NUMBER_LIMIT,
    decimal,
    fraction,
    is_bool,
    optional_text,
    sequence,
    text,
    texts,
)
from cchc.areas import ReformArea
from cchc.awards import Award, AwardDecision
from cchc.calendar import format_date, format_numeric_date, format_place_date
from cchc.campaigns import Campaign, CampaignResult
from cchc.directives import Directive, DocumentNumber, DocumentType
from cchc.errors import CchcError, CchcTypeError, NotFoundError, ValidationError
from cchc.letterhead import (
    Letterhead,
    Signature,
    check_signature,
    document_text,
    under_parent,
    vi_number,
)
from cchc.plans import Measure, Plan, ProgressReport, Target, TaskState
from cchc.scoring import Ranking
from cchc.tables import Names, band_order, standings_table
from cchc.text import fold
from cchc.units import UnitTree

__all__ = [
    "Appendix",
    "Letterhead",
    "OfficialDocument",
    "Section",
    "Signature",
    "Table",
    "COMMENDATION_BASES",
    "award_decision_document",
    "award_proposal_document",
    "announcement_document",
    "scoreboard_appendix",
    "scoreboard_document",
    "report_document",
    "commendation_bases",
    "plan_document",
    "render",
    "roman",
    "save",
    "text_width",
    "vi_number",
]

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
#: The largest number written in Roman numerals.
_ROMAN_LIMIT = 3999
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """``n`` in Roman numerals, as Decree 30 numbers the parts of a document.

    >>> [roman(n) for n in (1, 4, 9, 14, 40)]
    ['I', 'IV', 'IX', 'XIV', 'XL']
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 0 < n <= _ROMAN_LIMIT:
        raise ValidationError(
            f"must be a whole number from 1 to {_ROMAN_LIMIT}",
            vi=f"phải là số nguyên từ 1 đến {_ROMAN_LIMIT}",
            field="n",
            value=n,
        )
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# --- font metrics --------------------------------------------------------------------------------
#
# The rules under the agency, the motto and the summary are as long as Appendix I asks only if
# the text they go under is measured. python-docx has no font metrics, so the advance widths of
# Times New Roman Bold are carried here, in units of 1/2048 em, as read from Liberation Serif
# Bold 2.1 (fonts-liberation2), which is metric-compatible with Times New Roman by design. A
# Vietnamese letter is as wide as its base letter (tone marks and the circumflex, breve and dot
# take no room; the horn of Ơ and Ư does, and those letters are in the table).

_METRIC_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz"
    "{|}~ĐđƠơƯư“”‘’–—…"
)
_METRIC_TEXT = (
    "512 682 1137 1024 1024 2048 1706 569 682 682 1024 1167 512 682 512 569 1024 1024 1024 "
    "1024 1024 1024 1024 1024 1024 1024 682 682 1167 1167 1167 1024 1905 1479 1366 1479 1479 "
    "1366 1251 1593 1593 797 1024 1593 1366 1933 1479 1593 1251 1593 1479 1139 1366 1479 1479 "
    "2048 1479 1479 1366 682 569 682 1190 1024 682 1024 1139 909 1139 909 682 1024 1139 569 "
    "682 1139 569 1706 1139 1024 1139 1139 909 797 682 1139 1024 1479 1024 1024 909 807 451 "
    "807 1065 1479 1139 1593 1134 1630 1229 1024 1024 682 682 1024 2048 2048"
)
_METRIC_WIDTHS = tuple(int(w) for w in _METRIC_TEXT.split())
_BOLD_WIDTHS = dict(zip(_METRIC_CHARS, _METRIC_WIDTHS, strict=True))
#: A character outside the table is counted as wide as "M", the widest capital, so that a rule
#: measured from it errs long rather than short.
_WIDEST_LETTER = _BOLD_WIDTHS["M"]
_HORN = "\u031b"


def _advance(char: str) -> int:
    width = _BOLD_WIDTHS.get(char)
    if width is not None:
        return width
    base = "".join(
        c for c in unicodedata.normalize("NFD", char) if c == _HORN or not unicodedata.combining(c)
    )
    return _BOLD_WIDTHS.get(unicodedata.normalize("NFC", base), _WIDEST_LETTER)


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` set in Times New Roman Bold at ``size`` points, from the
    font's advance widths (Vietnamese tone marks take no room).

    >>> round(text_width("Độc lập - Tự do - Hạnh phúc", 13), 1)
    159.1
    """
    return sum(_advance(c) for c in text) * size / 2048


def _wrapped_widths(text: str, size: float, room: float) -> list[float]:
    """The widths of the lines ``text`` breaks into in ``room`` points (at spaces, greedily,
    as word processors break centred text)."""
    space = text_width(" ", size)
    lines: list[float] = []
    current = -1.0
    for word in text.split():
        w = text_width(word, size)
        if current >= 0 and current + space + w <= room:
            current += space + w
        else:
            if current >= 0:
                lines.append(current)
            current = w
    if current >= 0:
        lines.append(current)
    return lines or [0.0]


# --- checks ------------------------------------------------------------------------------------
#
# Converters read what a caller gives (the shared readers of ``cchc._fields``: text in NFC, lists
# that are not one text). The checks below then look at what a value holds, with the full path of
# each field: every value checks itself when built, and a document checks everything it holds
# again (``sections[2].paragraphs[0]``), so a part that was changed after it was built is caught
# before rendering, never deep inside the XML writer.


def _check_optional_text(value: object, field: str) -> None:
    if value is not None:
        document_text(value, field, required=True)


def _check_texts(value: object, field: str) -> None:
    if not isinstance(value, tuple):
        raise CchcTypeError(
            f"must be a tuple of texts, not {type(value).__name__}",
            vi="phải là một danh sách các dòng văn bản",
            field=field,
            value=value,
        )
    for i, item in enumerate(value):
        document_text(item, f"{field}[{i}]")


def _row_texts(value: object) -> tuple[tuple[str, ...], ...]:
    return tuple(texts(row, f"rows[{i}]") for i, row in enumerate(sequence(value, "rows")))


#: The widest a column may be given (its width is a weight against the others).
_WIDEST = NUMBER_LIMIT


def _width(value: object, field: str) -> float:
    """A column width in centimetres: a finite number above zero. Widths are drawn, not
    decided, so a float is welcome here."""
    if isinstance(value, float):
        number = value
        if not math.isfinite(number):
            raise ValidationError(
                "is not a finite number",
                vi="không phải là một số hữu hạn",
                field=field,
                value=value,
            )
    elif isinstance(value, int | Decimal | Fraction | str) and not isinstance(value, bool):
        number = float(fraction(value, field))
    else:
        raise CchcTypeError(
            f"must be a number of centimetres, not {type(value).__name__}",
            vi="phải là một số (độ rộng tính bằng xentimét)",
            field=field,
            value=value,
        )
    if not 0 < number < _WIDEST:
        raise ValidationError(
            "must be above zero (a width in centimetres)"
            if number <= 0
            else f"is too large (the limit is {_WIDEST:,})",
            vi="độ rộng cột phải lớn hơn 0 (tính bằng xentimét)"
            if number <= 0
            else f"quá lớn (giới hạn là {_WIDEST:,})",
            field=field,
            value=value,
        )
    return number


def _widths_of(value: object) -> tuple[float, ...]:
    return tuple(_width(w, f"widths[{i}]") for i, w in enumerate(sequence(value, "widths")))


def _check_table(table: object, at: str) -> None:
    if not isinstance(table, Table):
        raise CchcTypeError(
            f"must be a Table, not {type(table).__name__}",
            vi="phải là một bảng (gồm dòng tiêu đề và các dòng)",
            field=at or "table",
            value=table,
        )
    prefix = f"{at}." if at else ""
    _check_texts(table.header, f"{prefix}header")
    if not table.header:
        raise ValidationError(
            "a table needs at least one column",
            vi="bảng phải có ít nhất một cột",
            field=f"{prefix}header",
            value=table.header,
        )
    if not isinstance(table.rows, tuple):
        raise CchcTypeError(
            "must be a tuple of rows",
            vi="phải là danh sách các dòng của bảng",
            field=f"{prefix}rows",
            value=table.rows,
        )
    columns = len(table.header)
    if not _rows_hold_text(table.rows, columns):
        for i, row in enumerate(table.rows):
            _check_texts(row, f"{prefix}rows[{i}]")
            if len(row) != columns:
                raise ValidationError(
                    f"has {len(row)} cells; the header has {columns}",
                    vi=f"có {len(row)} ô, trong khi dòng tiêu đề của bảng có {columns} ô",
                    field=f"{prefix}rows[{i}]",
                    value=row,
                )
    _check_widths(table, prefix, columns)


def _rows_hold_text(rows: tuple[object, ...], columns: int) -> bool:
    """True when every row is a tuple of ``columns`` texts a document can hold, checked at
    once (a national table has tens of thousands of cells); False sends the caller cell by
    cell, to name the first one at fault."""
    if not all(type(row) is tuple and len(row) == columns for row in rows):
        return False
    cells = [cell for row in rows for cell in row]  # type: ignore[attr-defined]
    if not all(type(cell) is str for cell in cells):
        return False
    try:
        document_text("\t".join(cells), "rows")
    except CchcError:
        return False
    return True


def _check_widths(table: Table, prefix: str, columns: int) -> None:
    if not isinstance(table.widths, tuple):
        raise CchcTypeError(
            "must be a tuple of widths",
            vi="phải là danh sách độ rộng các cột",
            field=f"{prefix}widths",
            value=table.widths,
        )
    for i, w in enumerate(table.widths):
        if not isinstance(w, float):
            raise CchcTypeError(
                f"must be a float, not {type(w).__name__}",
                vi="phải là một số (độ rộng tính bằng xentimét)",
                field=f"{prefix}widths[{i}]",
                value=w,
            )
        _width(w, f"{prefix}widths[{i}]")
    if table.widths and len(table.widths) != columns:
        raise ValidationError(
            f"needs one width per column ({columns})",
            vi=f"cần đúng một độ rộng cho mỗi cột (bảng có {columns} cột)",
            field=f"{prefix}widths",
            value=table.widths,
        )


def _check_section(section: object, at: str) -> None:
    if not isinstance(section, Section):
        raise CchcTypeError(
            f"must be a Section, not {type(section).__name__}",
            vi="phải là một phần (mục) của văn bản, có tiêu đề và nội dung",
            field=at or "section",
            value=section,
        )
    prefix = f"{at}." if at else ""
    document_text(section.heading, f"{prefix}heading", required=True)
    _check_texts(section.paragraphs, f"{prefix}paragraphs")
    if section.table is not None:
        _check_table(section.table, f"{prefix}table")


def _check_document(doc: OfficialDocument) -> None:
    """Everything ``doc`` holds, checked with its full path, before any XML is written."""
    if not isinstance(doc.doc_type, DocumentType):
        raise CchcTypeError(
            f"must be a DocumentType, not {type(doc.doc_type).__name__}",
            vi="phải là một loại văn bản hành chính (Quyết định, Kế hoạch, Báo cáo, công văn, …)",
            field="doc_type",
            value=doc.doc_type,
        )
    for name in ("agency", "place", "summary"):
        document_text(getattr(doc, name), name, required=True)
    for name in ("parent_agency", "authority", "issuer_symbol"):
        _check_optional_text(getattr(doc, name), name)
    _date(doc, "issued", doc.issued)
    for name in ("basis", "recipients", "archive", "addressees"):
        _check_texts(getattr(doc, name), name)
    for i, addressee in enumerate(doc.addressees):
        document_text(addressee, f"addressees[{i}]", required=True)
    if not doc.addressees:
        for i, recipient in enumerate(doc.recipients):
            if fold(recipient).strip(" ;.") == fold("Như trên"):
                raise ValidationError(
                    "'Như trên' refers to the 'Kính gửi' list, and the document has none; name "
                    "the recipients",
                    vi="“Như trên” chỉ dùng khi văn bản có phần “Kính gửi”; hãy ghi tên cơ quan, "
                    "đơn vị nhận",
                    field=f"recipients[{i}]",
                    value=recipient,
                )
    for name in ("landscape", "articles"):
        if not isinstance(getattr(doc, name), bool):
            raise CchcTypeError(
                f"must be True or False, not {type(getattr(doc, name)).__name__}",
                vi="phải là True hoặc False (có/không)",
                field=name,
                value=getattr(doc, name),
            )
    check_signature(doc.signature, "signature")
    if doc.number is not None:
        if not isinstance(doc.number, DocumentNumber):
            raise _bad_number(doc.number)
        document_text(str(doc.number), "number")
        if doc.number.doc_type not in (None, doc.doc_type):
            raise ValidationError(
                f"names the type {doc.number.doc_type.vi!r}, not {doc.doc_type.vi!r}",
                vi=f"là số, ký hiệu của loại văn bản “{doc.number.doc_type.vi}”, "
                f"không phải “{doc.doc_type.vi}”",
                field="number",
                value=str(doc.number),
            )
    if not isinstance(doc.sections, tuple):
        raise CchcTypeError(
            "must be a tuple of Sections",
            vi="phải là danh sách các phần của văn bản",
            field="sections",
            value=doc.sections,
        )
    if not doc.articles and len(doc.sections) > _ROMAN_LIMIT:
        raise ValidationError(
            f"has {len(doc.sections)} parts; at most {_ROMAN_LIMIT} can be numbered I, II, …",
            vi=f"có {len(doc.sections)} phần; đánh số La Mã (I, II, …) được tối đa "
            f"{_ROMAN_LIMIT} phần",
            field="sections",
            value=len(doc.sections),
        )
    for i, section in enumerate(doc.sections):
        _check_section(section, f"sections[{i}]")
    _check_optional_text(doc.notice, "notice")
    if not isinstance(doc.appendices, tuple):
        raise CchcTypeError(
            "must be a tuple of Appendix values",
            vi="phải là danh sách các phụ lục",
            field="appendices",
            value=doc.appendices,
        )
    for i, appendix in enumerate(doc.appendices):
        _check_appendix(appendix, f"appendices[{i}]")


def _bad_number(value: object) -> CchcTypeError:
    return CchcTypeError(
        "must be a DocumentNumber, its text or None",
        vi="phải là số, ký hiệu văn bản (ví dụ 138/KH-UBND) hoặc để trống",
        field="number",
        value=value,
    )


# --- values ------------------------------------------------------------------------------------


# named converters (the attrs plugin of mypy reads named functions only)


def _agency_of(value: object) -> str:
    return text(value, "agency")


def _archive_of(value: object) -> tuple[str, ...]:
    return texts(value, "archive")


def _authority_of(value: object) -> str | None:
    return optional_text(value, "authority")


def _basis_of(value: object) -> tuple[str, ...]:
    return texts(value, "basis")


def _header_of(value: object) -> tuple[str, ...]:
    return texts(value, "header")


def _heading_of(value: object) -> str:
    return text(value, "heading")


def _issuer_symbol_of(value: object) -> str | None:
    return optional_text(value, "issuer_symbol")


def _paragraphs_of(value: object) -> tuple[str, ...]:
    return texts(value, "paragraphs")


def _parent_agency_of(value: object) -> str | None:
    return optional_text(value, "parent_agency")


def _place_of(value: object) -> str:
    return text(value, "place")


def _recipients_of(value: object) -> tuple[str, ...]:
    return texts(value, "recipients")


def _summary_of(value: object) -> str:
    return text(value, "summary")


@attrs.frozen
class Table:
    """A table inside a section: a ``header`` row and body ``rows`` of text, each as wide as
    the header; ``widths`` in centimetres, one per column (each a finite number above zero),
    or empty for equal columns.

    >>> Table(["STT", "Nhiệm vụ"], [["1", "Rà soát TTHC"], ["2"]])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: rows[1] = ('2',): has 1 cells; the header has 2
    >>> Table(["STT", "Nhiệm vụ"], [], widths=[1.4, 0])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: widths[1] = 0: must be above zero (a width in centimetres)
    """

    header: tuple[str, ...] = attrs.field(converter=_header_of)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_row_texts)
    widths: tuple[float, ...] = attrs.field(default=(), converter=_widths_of)

    def __attrs_post_init__(self) -> None:
        _check_table(self, "")


def _table(value: object) -> Table | None:
    if value is None or isinstance(value, Table):
        return value
    raise CchcTypeError(
        f"must be a Table or None, not {type(value).__name__}",
        vi="phải là một bảng (gồm dòng tiêu đề và các dòng) hoặc để trống",
        field="table",
        value=value,
    )


@attrs.frozen
class Section:
    """A part of the document body: a ``heading`` (numbered I, II, … when rendered), its
    ``paragraphs`` and an optional ``table`` after them.

    >>> Section("Mục đích", ["Nâng cao\\x07 trách nhiệm"])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: paragraphs[0] = 'Nâng cao\\x07 trách nhiệm': holds the control \
character U+0007 at character 9, which a document cannot hold; remove it
    """

    heading: str = attrs.field(converter=_heading_of)
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_paragraphs_of)
    table: Table | None = attrs.field(default=None, converter=_table)

    def __attrs_post_init__(self) -> None:
        _check_section(self, "")


def _title_of(value: object) -> str:
    return text(value, "title")


def _reference_of(value: object) -> str:
    return text(value, "reference")


def _label_of(value: object) -> str | None:
    return optional_text(value, "label")


def _parts_of(value: object) -> tuple[Section, ...]:
    return sequence(value, "sections")


def _check_appendix(appendix: object, at: str) -> None:
    if not isinstance(appendix, Appendix):
        raise CchcTypeError(
            f"must be an Appendix, not {type(appendix).__name__}",
            vi="phải là một phụ lục của văn bản",
            field=at or "appendix",
            value=appendix,
        )
    prefix = f"{at}." if at else ""
    document_text(appendix.title, f"{prefix}title", required=True)
    document_text(appendix.reference, f"{prefix}reference", required=True)
    _check_optional_text(appendix.label, f"{prefix}label")
    if not isinstance(appendix.landscape, bool):
        raise CchcTypeError(
            f"must be True or False, not {type(appendix.landscape).__name__}",
            vi="phải là True hoặc False (có/không)",
            field=f"{prefix}landscape",
            value=appendix.landscape,
        )
    if not isinstance(appendix.sections, tuple):
        raise CchcTypeError(
            "must be a tuple of Sections",
            vi="phải là danh sách các phần của phụ lục",
            field=f"{prefix}sections",
            value=appendix.sections,
        )
    for i, section in enumerate(appendix.sections):
        _check_section(section, f"{prefix}sections[{i}]")


@attrs.frozen
class Appendix:
    """A list or table sent with a document, in a section of its own after the signature (its
    pages numbered from 1 again, landscape when ``landscape``): its ``label`` ("Phụ lục I",
    bold), its ``title`` (upper case, bold), the ``reference`` line "(Kèm theo Quyết định số …
    ngày …)" in italics, and its parts, numbered I, II, … when there are several.

    >>> Appendix("Danh sách", "(Kèm theo Quyết định số 15/QĐ-UBND)", ["Tập thể"])
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: sections[0] = 'Tập thể': must be a Section, not str
    """

    title: str = attrs.field(converter=_title_of)
    reference: str = attrs.field(converter=_reference_of)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_parts_of)
    #: The appendix's own heading, "Phụ lục I", above its title; none for a list that is
    #: headed by its title alone ("DANH SÁCH …").
    label: str | None = attrs.field(default=None, kw_only=True, converter=_label_of)
    #: A wide table is laid out on landscape pages (the document stays portrait).
    landscape: bool = attrs.field(default=False, kw_only=True, validator=is_bool)

    def __attrs_post_init__(self) -> None:
        _check_appendix(self, "")


def _number(value: object) -> DocumentNumber | None:
    if value is None or isinstance(value, DocumentNumber):
        return value
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    raise _bad_number(value)


def _date(instance: object, attribute: attrs.Attribute[Any] | str, value: object) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise CchcTypeError(
            f"must be a datetime.date, not {type(value).__name__}",
            vi="phải là một ngày (ngày, tháng, năm)",
            field=attribute if isinstance(attribute, str) else attribute.name,
            value=value,
        )


def _sections(value: object) -> tuple[Section, ...]:
    return sequence(value, "sections")


def _appendices(value: object) -> tuple[Appendix, ...]:
    return sequence(value, "appendices")


def _addressees_of(value: object) -> tuple[str, ...]:
    return texts(value, "addressees")


def _notice_of(value: object) -> str | None:
    return optional_text(value, "notice")


@attrs.frozen
class OfficialDocument:
    """An administrative document as Decree 30/2020/NĐ-CP lays it out.

    ``agency`` is the issuing body and ``parent_agency`` the body above it, if the format
    names one; ``basis`` holds the "Căn cứ …" lines (or the opening sentence) before the parts;
    ``recipients`` are listed under "Nơi nhận" and ``archive`` ends that list ("Lưu: VT, …").
    A công văn (``DocumentType.CONG_VAN``) carries its summary as "V/v …" under the number
    instead of a title.

    Every text is checked when the document is built, with the path of its field, so that
    :func:`render` never meets text a DOCX file cannot hold (control characters, U+FFFE,
    U+FFFF, lone surrogates). The summary and the agency may be as long as they need: the
    document properties, which Word limits to 255 characters, carry them shortened at a word
    boundary, and the body carries them whole.
    """

    doc_type: DocumentType
    agency: str = attrs.field(kw_only=True, converter=_agency_of)
    place: str = attrs.field(kw_only=True, converter=_place_of)
    issued: datetime.date = attrs.field(kw_only=True, validator=_date)
    summary: str = attrs.field(kw_only=True, converter=_summary_of)
    signature: Signature = attrs.field(kw_only=True)
    number: DocumentNumber | None = attrs.field(default=None, kw_only=True, converter=_number)
    parent_agency: str | None = attrs.field(default=None, kw_only=True, converter=_parent_agency_of)
    basis: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_basis_of)
    sections: tuple[Section, ...] = attrs.field(default=(), kw_only=True, converter=_sections)
    recipients: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_recipients_of)
    archive: tuple[str, ...] = attrs.field(default=("VT",), kw_only=True, converter=_archive_of)
    landscape: bool = attrs.field(default=False, kw_only=True, validator=is_bool)
    #: The line naming who decides, between the summary and the basis of a decision
    #: ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH").
    authority: str | None = attrs.field(default=None, kw_only=True, converter=_authority_of)
    #: Number the parts as articles ("Điều 1.", "Điều 2.") after a "QUYẾT ĐỊNH:" line, as a
    #: decision does, instead of I, II, …
    articles: bool = attrs.field(default=False, kw_only=True, validator=is_bool)
    #: The issuer's symbol for the number line of a draft that has no number yet ("UBND"
    #: gives "Số:      /QĐ-UBND").
    issuer_symbol: str | None = attrs.field(default=None, kw_only=True, converter=_issuer_symbol_of)
    #: Lists and tables sent with the document, each on pages of its own after the signature.
    appendices: tuple[Appendix, ...] = attrs.field(default=(), kw_only=True, converter=_appendices)
    #: A line shown in bold under the title, such as the mark of a draft on illustrative data.
    notice: str | None = attrs.field(default=None, kw_only=True, converter=_notice_of)
    #: A Party committee's document (Guidance 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" top right,
    #: a star under the committee, "Số 25-KH/HU". A Party number (``25-KH/HU``) implies it.
    party: bool = attrs.field(default=False, kw_only=True, validator=is_bool)
    #: Who the document is addressed to ("Kính gửi: …"), as a công văn or a tờ trình is: one
    #: on the line of "Kính gửi:", several as "- …;" lines aligned under the first.
    addressees: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_addressees_of)

    @property
    def is_party(self) -> bool:
        """Whether the document is laid out as a Party committee's."""
        return self.party or (self.number is not None and self.number.party)

    def __attrs_post_init__(self) -> None:
        _check_document(self)

    def number_line(self) -> str:
        """ "Số: 138/KH-UBND", or a blank to fill in for a draft with no number yet.

        >>> import datetime
        >>> draft = OfficialDocument(DocumentType.QD, agency="UBND huyện", place="Châu Thành",
        ...     issued=datetime.date(2022, 1, 10), summary="Về việc khen thưởng",
        ...     signature=Signature("Chủ tịch", "A"), issuer_symbol="UBND")
        >>> draft.number_line()
        'Số:      /QĐ-UBND'
        """
        if self.is_party:  # "Số 25-KH/HU": no colon, a hyphen before the type
            if self.number is not None:
                return f"Số {self.number}"
            symbol = "/".join(s for s in (self.doc_type.abbreviation, self.issuer_symbol) if s)
            return f"Số      -{symbol}"
        if self.number is not None:
            return f"Số: {self.number}"
        symbol = "-".join(s for s in (self.doc_type.abbreviation, self.issuer_symbol) if s)
        return f"Số:      /{symbol}"

    def header_lines(self) -> tuple[tuple[str, str], ...]:
        """The header's two columns, line by line (left, right); an empty string where a
        column has no line. "Số" and the place-and-date line share the last line (a công
        văn's "V/v" follows under the number)."""
        left = [under_parent(self.agency, self.parent_agency).upper()]
        if self.parent_agency:
            left.insert(0, self.parent_agency.upper())
        right = (
            [_PARTY_TITLE]
            if self.is_party
            else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        )
        if self.is_party:
            left.append("*")
        width = max(len(left), len(right))
        left += [""] * (width - len(left))
        right += [""] * (width - len(right))
        lines = [*zip(left, right, strict=True)]
        lines.append((self.number_line(), format_place_date(self.place, self.issued)))
        if self.doc_type is DocumentType.CONG_VAN:
            lines.append((f"V/v {self.summary}", ""))
        return tuple(lines)


# --- rendering ---------------------------------------------------------------------------------


def _fonts(rpr: Any, *, size: float | None = None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(round(size * 2)))


def _set_defaults(document: Any) -> None:
    """Times New Roman and Vietnamese everywhere a style could bring another font: the
    defaults, the Normal style, every built-in style (headings, title, captions, …) in both
    style parts, and the theme's heading and body fonts, so that a clerk who applies
    "Heading 1" to a line still gets Times New Roman, in Word and in LibreOffice."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, size=14)
    normal = document.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), size=14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for fonts in list(styles.iter(qn("w:rFonts"))):
        _fonts(fonts.getparent())
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/stylesWithEffects.xml":
            part._blob = _times_in_styles(part.blob)
        elif name.startswith("/word/theme/"):
            part._blob = _times_in_theme(part.blob)


_STYLE_FONTS = re.compile(rb"<w:rFonts\b[^>]*/>")
_TIMES_FONTS = (
    f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'.encode()
)


def _times_in_styles(blob: bytes) -> bytes:
    """A style part (Word 2010's stylesWithEffects.xml) with every font set to Times New Roman."""
    return _STYLE_FONTS.sub(_TIMES_FONTS, blob)


_THEME_FONT = re.compile(rb'(<a:(?:latin|ea|cs) typeface=")[^"]*(")')


def _times_in_theme(blob: bytes) -> bytes:
    """A theme whose heading and body fonts (latin, east Asian and complex script) are Times New
    Roman: styles that name the theme's fonts, as Word's built-in headings do, get it too."""
    return _THEME_FONT.sub(rb"\g<1>" + FONT.encode() + rb"\g<2>", blob)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    _fonts(run._r.get_or_add_rPr())


def _paragraph(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: float = 0,
    first_line: Any = None,
    existing: Paragraph | None = None,
) -> Paragraph:
    p = existing if existing is not None else container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if first_line is not None:
        fmt.first_line_indent = first_line
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _rule(container: Any, *, length: float, room: float, after: float = 6) -> None:
    """A horizontal rule ``length`` points long, centred in ``room`` points: an empty,
    one-point-high paragraph whose bottom border runs between its indents."""
    paragraph = _paragraph(container)
    fmt = paragraph.paragraph_format
    inset = Twips(max(0, round((room - length) * 10)))  # half the spare room, in twips
    fmt.left_indent = inset
    fmt.right_indent = inset
    fmt.line_spacing = Pt(1)
    fmt.space_after = Pt(after)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_BORDERS)


#: What follows a paragraph's borders in its properties (the order the file format fixes).
_AFTER_BORDERS_TEXT = (
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap "
    "outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_AFTER_BORDERS = tuple(f"w:{tag}" for tag in _AFTER_BORDERS_TEXT.split())


#: Appendix I: the rule under the agency and under the summary is 1/3 to 1/2 of the text.
_SHORT_RULE = 0.4


def _short_rule_length(text: str, size: float, room: float) -> float:
    """Two fifths of the longest line ``text`` takes in ``room`` points: inside the 1/3 to
    1/2 Appendix I asks for, with room on both sides for a word processor's own line breaks."""
    return _SHORT_RULE * max(_wrapped_widths(text, size, room))


def _page_field(paragraph: Paragraph) -> None:
    for kind, piece in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        _fonts(run._r.get_or_add_rPr(), size=14)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif piece == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = piece
            run._r.append(instr)
        else:
            run.text = piece or ""


def _no_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _grid_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "4"),
            ("w:space", "0"),
            ("w:color", "000000"),
        ):
            el.set(qn(key), value)
        borders.append(el)
    tblpr.append(borders)


def _widths(table: Any, widths: Sequence[int]) -> None:
    """Fix column widths in both places Word and LibreOffice read them: the grid and each
    cell."""
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w


def _cell_text(cell: _Cell, lines: Sequence[tuple[str, dict[str, Any]]], room: float) -> None:
    first = cell.paragraphs[0]
    for i, (line, style) in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        style = dict(style)
        rule = style.pop("rule", None)
        _paragraph(cell, line, existing=p, **style)
        if rule is not None:
            _rule(cell, length=rule, room=room)


_PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
#: The header's left column, and the padding Word and LibreOffice keep inside each cell.
_LEFT_COLUMN = Twips(3686)  # 6.5 cm
_CELL_PADDING = 2 * 5.4  # points: 0.19 cm on each side


def _header(document: Any, doc: OfficialDocument, width: int) -> None:
    """The two header columns as two rows: agency and national title above, "Số" and the
    place-and-date line beside each other below, so both stand on one line however the agency
    and title wrap."""
    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left_w, right_w = _LEFT_COLUMN, width - _LEFT_COLUMN
    _widths(table, (left_w, right_w))
    left_room = Emu(left_w).pt - _CELL_PADDING
    right_room = Emu(right_w).pt - _CELL_PADDING
    left: list[tuple[str, dict[str, Any]]] = []
    if doc.parent_agency:
        left.append((doc.parent_agency.upper(), {"size": 13}))
    agency = under_parent(doc.agency, doc.parent_agency).upper()
    right: list[tuple[str, dict[str, Any]]]
    if doc.is_party:  # Guidance 36-HD/VPTW: a star under the committee, the Party's name right
        left.append((agency, {"size": 14, "bold": True}))
        left.append(("*", {"size": 14}))
        right = [(_PARTY_TITLE, {"size": 14, "bold": True, "rule": text_width(_PARTY_TITLE, 14)})]
    else:
        left.append(
            (agency, {"size": 13, "bold": True, "rule": _short_rule_length(agency, 13, left_room)})
        )
        motto = "Độc lập - Tự do - Hạnh phúc"
        right = [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"size": 12.5, "bold": True}),
            (motto, {"size": 13, "bold": True, "rule": text_width(motto, 13)}),
        ]
    if doc.parent_agency:
        right.insert(2, ("", {"size": 13}))
    top, bottom = table.rows
    _cell_text(top.cells[0], left, left_room)
    _cell_text(top.cells[1], right, right_room)
    number: list[tuple[str, dict[str, Any]]] = [(doc.number_line(), {"size": 13})]
    if doc.doc_type is DocumentType.CONG_VAN:
        number.append((f"V/v {doc.summary}", {"size": 12}))
    _cell_text(bottom.cells[0], number, left_room)
    if doc.doc_type is DocumentType.CONG_VAN:  # "V/v" 6 pt below the number
        bottom.cells[0].paragraphs[-1].paragraph_format.space_before = Pt(6)
    date = [(format_place_date(doc.place, doc.issued), {"size": 13, "italic": True})]
    _cell_text(bottom.cells[1], date, right_room)


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: One run's properties in a body table (12 pt Times New Roman in all four slots, Vietnamese),
#: in the order the file format fixes.
_CELL_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
_CELL_SIZE = '<w:sz w:val="24"/><w:szCs w:val="24"/>'
_CELL_LANG = f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="{LANGUAGE}"/>'


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table_row(cells: Sequence[str], heads: Sequence[str], *, header: bool) -> str:
    """One table row as WordprocessingML text; ``heads`` holds each cell's opening (its width
    and alignment), so a row costs one string join."""
    bold = "<w:b/>" if header else ""
    rpr = f"<w:rPr>{_CELL_FONTS}{bold}{_CELL_SIZE}{_CELL_LANG}</w:rPr>"
    props = (
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        if header
        else ("<w:trPr><w:cantSplit/></w:trPr>")
    )
    body = "".join(
        f'{head}<w:r>{rpr}<w:t xml:space="preserve">{_xml_text(cell)}</w:t></w:r></w:p></w:tc>'
        for cell, head in zip(cells, heads, strict=True)
    )
    return f"<w:tr>{props}{body}</w:tr>"


def _cell_head(width: int, centred: bool) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width // 635}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
        f'<w:spacing w:before="0" w:after="0"/><w:jc w:val="{"center" if centred else "left"}"/>'
        "</w:pPr>"
    )


#: A number as Vietnamese text writes it: thousands grouped by dots, a decimal comma (1.700;
#: 97,10; -3,5).
_VI_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")
_NUMBER_STARTS = frozenset("-−0123456789")
#: A column whose cells are all this short is centred (numbers, dates, codes, ranks).
_SHORT_CELL = 12


def _columns(table: Table) -> tuple[list[bool], list[list[str]]]:
    """Each column's alignment (centred or not) and its cells, numbers given one precision:
    a column of numbers shows as many decimals in every cell as its finest cell has, padded
    with zeros (never rounded)."""
    columns = [list(cells) for cells in zip(*table.rows, strict=True)] or [[] for _ in table.header]
    centred = []
    for cells in columns:
        matches = []
        for cell in cells:
            if not cell:
                continue
            match = _VI_NUMBER.fullmatch(cell) if cell[0] in _NUMBER_STARTS else None
            if match is None:
                break
            matches.append(match)
        else:
            if matches:
                places = max(len(m.group(1) or "") for m in matches)
                found = iter(matches)
                for i, cell in enumerate(cells):
                    if cell:
                        have = len(next(found).group(1) or "")
                        pad = ("," if places and not have else "") + "0" * (places - have)
                        cells[i] = cell + pad
        centred.append(all(len(c) <= _SHORT_CELL for c in cells))
    return centred, columns


def _body_table(document: Any, table: Table, width: int, pending: list[str] | None = None) -> None:
    """A bordered table, its rows written straight into the XML (python-docx's cell access
    rebuilds the grid on every call and turns quadratic on long tables); the header row
    repeats on every page. Each column has one alignment and, for numbers, one precision.

    With ``pending``, the rows' XML is kept there as text and the table holds a marker (an XML
    comment) that :func:`render` replaces in the saved part: a national table's rows are then
    never parsed, moved between trees or serialised again."""
    grid = document.add_table(rows=0, cols=len(table.header))
    _grid_borders(grid)
    grid.autofit = False
    weights = table.widths or (1,) * len(table.header)
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    tbl = grid._tbl
    centred, columns = _columns(table)
    body_rows = list(zip(*columns, strict=True)) if table.rows else []
    # the rows are written as text: building them element by element costs some 70 calls per
    # cell, which a national table of 3,321 rows feels
    header_heads = [_cell_head(w, True) for w in widths]
    body_heads = [_cell_head(w, c) for w, c in zip(widths, centred, strict=True)]
    rows = "".join(
        [
            _table_row(table.header, header_heads, header=True),
            *(_table_row(row, body_heads, header=False) for row in body_rows),
        ]
    )
    if pending is not None:
        marker = f'<w:tbl xmlns:w="{_W_NS}"><!--{_ROWS_MARK}{len(pending)}--></w:tbl>'
        tbl.extend(list(parse_xml(marker.encode())))
        pending.append(rows)
        return
    for tr in parse_xml(f'<w:tbl xmlns:w="{_W_NS}">{rows}</w:tbl>'.encode()):
        tbl.append(tr)


#: The marker of a table's rows in a built document, replaced by the rows when it is saved.
_ROWS_MARK = "cchc-rows-"
_ROWS_MARKER = re.compile(rb"<!--" + _ROWS_MARK.encode() + rb"(\d+)-->")


def _put_rows(xml: bytes, pending: Sequence[str]) -> bytes:
    """The document part ``xml`` with each table's rows in place of its marker."""
    return _ROWS_MARKER.sub(lambda m: pending[int(m.group(1))].encode("utf-8"), xml)


def _signature(document: Any, doc: OfficialDocument, width: int) -> None:
    """ "Nơi nhận" on the left, level with the position on the right; one table row that never
    splits, so the position and the signer's name stay on one page."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left_cell, right_cell = row.cells
    half = width // 2
    _widths(table, (half, width - half))
    room = Emu(half).pt - _CELL_PADDING
    lines: list[tuple[str, dict[str, Any]]] = [
        ("Nơi nhận:", {"size": 12, "bold": True, "italic": True, "align": WD_ALIGN_PARAGRAPH.LEFT}),
    ]
    for recipient in doc.recipients:
        lines.append((f"- {recipient};", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}))
    lines.append(
        (f"- Lưu: {', '.join(doc.archive)}.", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT})
    )
    _cell_text(left_cell, lines, room)
    right: list[tuple[str, dict[str, Any]]] = [
        (line, {"size": 14, "bold": True}) for line in doc.signature.lines()
    ]
    right += [("", {"size": 14})] * 4
    right.append((doc.signature.signer, {"size": 14, "bold": True}))
    _cell_text(right_cell, right, room)


#: A4 in twips (1/1440 inch), as Word writes it, and Decree 30's margins rounded to the twip
#: inside their ranges (20-25 mm top and bottom, 30-35 mm left, 15-20 mm right): a millimetre
#: is 56.69 twips, so rounding down would give 14.99 mm.
_A4 = (Twips(11906), Twips(16838))
_MARGINS = {"top": Twips(1134), "bottom": Twips(1134), "left": Twips(1701), "right": Twips(851)}


_KINH_GUI = "Kính gửi:"


def _addressees(document: Any, addressees: Sequence[str], width: int) -> None:
    """ "Kính gửi: …" (14 pt): one addressee on its line, centred; several as "- …;" lines,
    the first on the line of "Kính gửi:" and the others aligned under it (a hanging indent as
    wide as "Kính gửi: ", measured from the font), the last ending "."."""
    if len(addressees) == 1:
        _paragraph(document, f"{_KINH_GUI} {addressees[0].rstrip('.;')}.", after=6)
        return
    lines = [f"- {a.rstrip('.;')};" for a in addressees]
    lines[-1] = lines[-1][:-1] + "."
    label = Pt(text_width(_KINH_GUI + " ", 14))  # the bold widths: never narrower than upright
    start = Emu(width // 5)
    for i, line in enumerate(lines):
        p = _paragraph(
            document, align=WD_ALIGN_PARAGRAPH.LEFT, after=6 if i == len(lines) - 1 else 0
        )
        fmt = p.paragraph_format
        fmt.left_indent = start + label
        if i == 0:
            fmt.first_line_indent = -label
            _run(p, f"{_KINH_GUI}\t{line}", size=14)
        else:
            _run(p, line, size=14)


def _is_basis_line(line: str, decision: bool) -> bool:
    """The bases are in italics: "Căn cứ …", "Theo đề nghị …" and, in a decision's list of
    bases, "Thực hiện …" (in a plan that is the opening sentence, set upright)."""
    starts = ("Căn cứ", "Theo đề nghị", "Xét đề nghị", *(("Thực hiện",) if decision else ()))
    return line.startswith(starts)


def _appendix(document: Any, appendix: Appendix, pending: list[str] | None = None) -> None:
    """An appendix in a section of its own: a new page (landscape if it asks), pages numbered
    from 1 again with no number on its first page, its label ("Phụ lục I") and title, the
    reference line, then its parts."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _orient(section, landscape=appendix.landscape)
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.insert_element_before(
            numbering,
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        )
    numbering.set(qn("w:start"), "1")
    section.different_first_page_header_footer = True
    width = _text_width_of(section)
    if appendix.label:
        _paragraph(document, appendix.label, bold=True, after=0)
    _paragraph(document, appendix.title.upper(), bold=True, after=0)
    _paragraph(document, appendix.reference, italic=True)
    room = Emu(width).pt
    _rule(document, length=_short_rule_length(appendix.title.upper(), 14, room), room=room)
    numbered = len(appendix.sections) > 1
    for n, part in enumerate(appendix.sections, start=1):
        heading = f"{roman(n)}. {part.heading.upper()}" if numbered else part.heading.upper()
        _paragraph(document, heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
        for paragraph in part.paragraphs:
            _paragraph(document, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        if part.table is not None:
            _body_table(document, part.table, width, pending)
            _paragraph(document, after=6)


def _text_width_of(section: Any) -> int:
    """The width between the margins, in EMU."""
    return int(section.page_width - section.left_margin - section.right_margin)


def _orient(section: Any, *, landscape: bool) -> None:
    """A4, portrait or landscape, with Decree 30's margins."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = _A4[1], _A4[0]
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = _A4
    section.top_margin = _MARGINS["top"]
    section.bottom_margin = _MARGINS["bottom"]
    section.left_margin = _MARGINS["left"]
    section.right_margin = _MARGINS["right"]


def _build(doc: OfficialDocument, pending: list[str] | None = None) -> Any:
    document = docx.Document()
    _set_defaults(document)
    section = document.sections[0]
    _orient(section, landscape=doc.landscape)
    section.header_distance = Twips(567)  # 10 mm
    section.different_first_page_header_footer = True
    _page_field(_paragraph(section.header, existing=section.header.paragraphs[0]))
    width = _text_width_of(section)

    # the default document starts with one empty paragraph; the header table goes before it
    _header(document, doc, width)
    if doc.doc_type is not DocumentType.CONG_VAN:
        title = _paragraph(document, after=0)
        title.paragraph_format.space_before = Pt(18)
        _run(title, doc.doc_type.vi.upper(), size=14, bold=True)
        _paragraph(document, doc.summary, bold=True)
        room = Emu(width).pt
        _rule(document, length=_short_rule_length(doc.summary, 14, room), room=room)
    if doc.notice:
        _paragraph(document, doc.notice, bold=True, italic=True, after=6)
        _paragraph(document, after=6)
    else:
        _paragraph(document, after=6)
    justified: dict[str, Any] = {
        "align": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "after": 6,
        "first_line": Cm(1.27),
    }
    if doc.addressees:
        _addressees(document, doc.addressees, width)
    if doc.authority:
        _paragraph(document, doc.authority.upper(), bold=True, after=12)
    for line in doc.basis:
        _paragraph(document, line, italic=_is_basis_line(line, doc.articles), **justified)
    if doc.articles and doc.sections:
        _paragraph(document, "QUYẾT ĐỊNH:", bold=True, after=6)
    for n, part in enumerate(doc.sections, start=1):
        if doc.articles:
            article = _paragraph(document, **justified)
            _run(article, f"Điều {n}. ", size=14, bold=True)
            _run(article, part.heading, size=14)
        else:
            _paragraph(document, f"{roman(n)}. {part.heading.upper()}", bold=True, **justified)
        for paragraph in part.paragraphs:
            _paragraph(document, paragraph, **justified)
        if part.table is not None:
            _body_table(document, part.table, width, pending)
            _paragraph(document, after=6)
    # the last lines of the body go with the signature to the next page, if one must
    body = document.element.body
    last = body.findall(qn("w:p"))[-1] if len(body) else None
    if last is not None:
        Paragraph(last, document).paragraph_format.keep_with_next = True
    _paragraph(document, after=6).paragraph_format.keep_with_next = True
    _signature(document, doc, width)
    for appendix in doc.appendices:
        _appendix(document, appendix, pending)
    props = document.core_properties
    stamp = datetime.datetime.combine(doc.issued, datetime.time())
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = _property(doc.agency)
    props.title = _property(doc.summary)
    props.language = LANGUAGE
    return document


def render(doc: OfficialDocument) -> bytes:
    """The DOCX file of ``doc``, as bytes that depend on ``doc`` alone (fixed timestamps in the
    document properties and in the zip entries)."""
    if not isinstance(doc, OfficialDocument):
        raise CchcTypeError(
            f"must be an OfficialDocument, not {type(doc).__name__}",
            vi="phải là một văn bản hành chính",
            field="doc",
            value=doc,
        )
    _check_document(doc)  # again: a part may have been changed since the document was built
    raw = io.BytesIO()
    pending: list[str] = []
    _build(doc, pending).save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if pending and info.filename == "word/document.xml":
                data = _put_rows(data, pending)
            dst.writestr(fixed, data)
    return out.getvalue()


def save(doc: OfficialDocument, path: str | os.PathLike[str] | Any) -> None:
    """Write the DOCX file of ``doc`` to ``path``, a path or a writable binary file.

    A path is written whole or not at all: the file is written beside it under a temporary
    name and then renamed over it, so a failure part-way leaves any earlier file as it was
    and no partial file behind. A missing or read-only folder is a
    :class:`~cchc.errors.CchcError` naming the path.

    >>> import datetime, pathlib, tempfile
    >>> doc = OfficialDocument(DocumentType.BC, agency="UBND xã", place="Tân Phú",
    ...     issued=datetime.date(2024, 1, 5), summary="Kết quả cải cách hành chính năm 2023",
    ...     signature=Signature("Chủ tịch", "A"))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> save(doc, folder / "bao-cao.docx")
    >>> [p.name for p in folder.iterdir()]
    ['bao-cao.docx']
    >>> save(doc, folder / "missing" / "bao-cao.docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cchc.errors.NotFoundError: path = '...bao-cao.docx': the folder does not exist
    """
    if isinstance(path, bool | int):
        raise CchcTypeError(
            f"must be a path or a file opened for writing in binary mode, not "
            f"{type(path).__name__} (a file descriptor is not accepted)",
            vi="phải là đường dẫn tệp hoặc một tệp đã mở để ghi",
            field="path",
            value=path,
        )
    if hasattr(path, "write"):
        if isinstance(path, io.TextIOBase):
            raise CchcTypeError(
                "must be opened in binary mode ('wb'), not as text",
                vi="tệp phải được mở để ghi dữ liệu nhị phân, không phải văn bản",
                field="path",
                value=path,
            )
        data = render(doc)
        try:
            path.write(data)
        except OSError as exc:
            raise _unwritable(path, exc) from None
        return
    if not isinstance(path, str | os.PathLike) or not isinstance(os.fspath(path), str):
        raise CchcTypeError(
            f"must be a path or a file opened for writing in binary mode, not "
            f"{type(path).__name__}",
            vi="phải là đường dẫn tệp hoặc một tệp đã mở để ghi",
            field="path",
            value=path,
        )
    data = render(doc)
    _write_atomically(os.fspath(path), data)


def _write_atomically(target: str, data: bytes) -> None:
    """Write ``data`` to a new file beside ``target``, flush it to disk, then rename it over
    ``target``; on any failure remove the new file and leave ``target`` as it was. A link is
    followed: the file it points to is replaced and the link kept. Errors name ``target`` as
    it was given."""
    try:
        real = os.path.realpath(target)
        folder = os.path.dirname(real)
        if os.path.isdir(real):
            raise ValidationError(
                "is a folder, not a file",
                vi="là một thư mục, không phải tệp",
                field="path",
                value=target,
            )
        if not os.path.isdir(folder):
            raise NotFoundError(
                "the folder does not exist",
                vi="thư mục chứa tệp không tồn tại",
                field="path",
                value=target,
            )
        mode = stat.S_IMODE(os.stat(real).st_mode) if os.path.isfile(real) else None
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        stem = os.path.basename(real)[:100]  # room for the suffix within a name's limit
        for _ in range(100):
            temporary = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp")
            try:
                handle = os.open(temporary, flags, 0o666)  # the umask applies, as for open()
            except FileExistsError:
                continue
            break
        else:  # pragma: no cover - a hundred random names all taken
            raise ValidationError(
                "cannot be written: no free temporary name beside it",
                vi="không ghi được tệp vào thư mục này",
                field="path",
                value=target,
            )
    except (OSError, ValueError) as exc:
        if isinstance(exc, CchcError):
            raise
        raise _unwritable(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk where the system allows it (POSIX); a failure here cannot
    undo the write and is not reported."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _unwritable(path: object, exc: BaseException) -> CchcError:
    """The error for a file that could not be written, in the words of the reason."""
    number = getattr(exc, "errno", None)
    shown = path if isinstance(path, str) else str(path)
    if number == errno.ENOENT:
        return NotFoundError(
            "the folder does not exist",
            vi="thư mục chứa tệp không tồn tại",
            field="path",
            value=shown,
        )
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ValidationError(
            "cannot be written: the folder or file is read-only",
            vi="không ghi được tệp: thư mục hoặc tệp chỉ cho phép đọc (không có quyền ghi)",
            field="path",
            value=shown,
        )
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ValidationError(
            "cannot be written: the disk is full",
            vi="không ghi được tệp: ổ đĩa đã đầy",
            field="path",
            value=shown,
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return ValidationError(
        f"cannot be written: {reason}",
        vi="không ghi được tệp vào vị trí này",
        field="path",
        value=shown,
    )


#: The longest text a document property (title, author) may hold in Word's files.
_PROPERTY_LIMIT = 255


def _property(value: str) -> str:
    """``value`` as a document property: on one line and, when longer than Word allows,
    shortened at a word boundary with an ellipsis.

    >>> _property("Về việc khen thưởng")
    'Về việc khen thưởng'
    >>> short = _property("Về việc phê duyệt danh sách " + "các xã, phường, thị trấn " * 20)
    >>> len(short), short[-21:]
    (253, 'xã, phường, thị trấn…')
    """
    flat = " ".join(value.split())
    if len(flat) <= _PROPERTY_LIMIT:
        return flat
    head = flat[: _PROPERTY_LIMIT - 1]
    if flat[_PROPERTY_LIMIT - 1] != " ":  # the cut falls inside a word: end before that word
        space = head.rfind(" ")
        if space > _PROPERTY_LIMIT // 2:
            head = head[:space]
    return head.rstrip(" ,;:.-–") + "…"


# --- documents built from the domain's values --------------------------------------------------


def _two_digits(n: int) -> str:
    """A count as officers write it in documents: a leading 0 below 10 ("03 đơn vị")."""
    return f"{n:02d}"


def _sentence_start(name: str) -> str:
    """``name`` inside a sentence: its first letter lower case, unless the first word is an
    acronym ("PAR", "UBND") or a proper name the caller keeps.

    >>> _sentence_start("Tỷ lệ hồ sơ"), _sentence_start("SIPAS năm 2021")
    ('tỷ lệ hồ sơ', 'SIPAS năm 2021')
    """
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return name
    return name[:1].lower() + name[1:]


def _by_when(due: datetime.date) -> str:
    if (due.month, due.day) == (12, 31):
        return f"Đến hết năm {due.year}"
    return f"Đến ngày {format_numeric_date(due)}"


def _target_line(target: Target) -> str:
    """A target as officers write it: the direction of the target kept ("từ 98% trở lên",
    "không quá 2%", "trong nhóm 03 đơn vị dẫn đầu"), the baseline in the same unit.

    >>> import datetime
    >>> print(_target_line(Target("Tỷ lệ hồ sơ đúng hạn", Measure.PERCENT, 98,
    ...     due=datetime.date(2025, 12, 31), baseline=95, baseline_year=2021)))
    - Đến hết năm 2025, tỷ lệ hồ sơ đúng hạn đạt từ 98% trở lên (năm 2021 đạt 95%).
    >>> print(_target_line(Target("Xếp hạng DDCI", Measure.ORDINAL, 3,
    ...     due=datetime.date(2025, 12, 31), baseline=6, baseline_year=2020, ascending=False)))
    - Đến hết năm 2025, xếp hạng DDCI thuộc nhóm 03 đơn vị dẫn đầu (năm 2020 xếp thứ 6).
    """
    measure, value = target.measure, target.target
    if measure is Measure.PERCENT and value > 100:
        raise ValidationError(
            "a share above 100% cannot be a target",
            vi="chỉ tiêu tỷ lệ không thể vượt quá 100%",
            field="objectives.target",
            value=value,
        )
    name = _sentence_start(target.name)
    if measure is Measure.ORDINAL:
        rank = int(value)
        goal = (
            "giữ vị trí dẫn đầu" if rank == 1 else f"thuộc nhóm {_two_digits(rank)} đơn vị dẫn đầu"
        )
        base = (
            f" (năm {target.baseline_year} xếp thứ {vi_number(target.baseline)})"
            if target.baseline is not None and target.baseline_year is not None
            else ""
        )
        return f"- {_by_when(target.due)}, {name} {goal}{base}."
    if measure is Measure.YES_NO:
        goal = "hoàn thành" if value == 1 else "không phát sinh"
        return f"- {_by_when(target.due)}, {name}: {goal}."
    unit = "%" if measure is Measure.PERCENT else ""
    shown = f"{vi_number(value)}{unit}"
    if measure is Measure.PERCENT and value == 100:
        goal = f"đạt {shown}"
    else:
        goal = f"đạt từ {shown} trở lên" if target.ascending else f"không quá {shown}"
    base = (
        f" (năm {target.baseline_year} đạt {vi_number(target.baseline)}{unit})"
        if target.baseline is not None and target.baseline_year is not None
        else ""
    )
    return f"- {_by_when(target.due)}, {name} {goal}{base}."


#: The documents cited as "Căn cứ": legal documents. Plans, công văn, directives (chỉ thị),
#: programmes and guidance being carried out are cited as "Thực hiện".
_LEGAL_TYPES = frozenset({DocumentType.NQ, DocumentType.QD, DocumentType.QC, DocumentType.QYD})
#: A level of local government with no name after it ("Ủy ban nhân dân tỉnh") is completed
#: with a blank for the clerk to fill in.
_LEVEL_WORDS = ("tỉnh", "huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "thành phố")


def _bare_level(issuer: str) -> bool:
    """The issuer ends in a level of local government with no name ("UBND tỉnh")."""
    folded = fold(issuer)
    return any(folded == fold(w) or folded.endswith(" " + fold(w)) for w in _LEVEL_WORDS)


_BLANK = "……"


def _is_legal(directive: Directive) -> bool:
    number = directive.number
    if number is not None and number.party:
        return False  # a Party resolution guides; it is carried out, not a legal basis
    if number is not None and number.year is not None:
        return True  # a legal normative document carries its year in its number
    return directive.doc_type in _LEGAL_TYPES


def _citation(directive: Directive) -> str:
    """How a document is cited in running text, completed where the record is short: a missing
    number or a bare issuer ("UBND tỉnh") gets a blank for the clerk.

    >>> import datetime
    >>> _citation(Directive(number=None, issuer="UBND thành phố Hà Nội",
    ...     doc_type=DocumentType.KH, issued=datetime.date(2020, 12, 31),
    ...     summary="Kế hoạch cải cách hành chính năm 2021"))
    'Kế hoạch số …… ngày 31/12/2020 của UBND thành phố Hà Nội về cải cách hành chính năm 2021'
    """
    number = f"số {directive.number}" if directive.number is not None else f"số {_BLANK}"
    issuer = directive.issuer
    if _bare_level(issuer):
        issuer = f"{issuer} {_BLANK}"
    about = ""
    summary = directive.summary
    kind = fold(directive.doc_type.vi) + " "
    if fold(summary).startswith(kind):  # "Kế hoạch số … về kế hoạch …" says it twice
        summary = summary[len(kind) :]
    if fold(summary).startswith("v/v "):
        summary = "Về việc " + summary[4:]
    if summary:
        about = (
            f" {_sentence_start(summary)}"
            if fold(summary).startswith(fold("về"))
            else f" về {_sentence_start(summary)}"
        )
    return (
        f"{directive.doc_type.vi} {number} ngày {format_numeric_date(directive.issued)} "
        f"của {issuer}{about}"
    )


def _bases(directives: Iterable[Directive]) -> tuple[list[str], list[str]]:
    """The legal bases ("Căn cứ …") and the documents carried out ("Thực hiện …")."""
    legal: list[str] = []
    carried: list[str] = []
    for directive in directives:
        (legal if _is_legal(directive) else carried).append(_citation(directive))
    return legal, carried


def _letterhead(
    letterhead: object,
    builder: str,
    *,
    agency: str | None,
    place: str | None,
    signature: Signature | None,
    parent_agency: str | None,
    issuer_symbol: str | None,
) -> Letterhead:
    """The builder's letterhead: the one given, or (deprecated) one made of the separate
    parameters the builders took before :class:`Letterhead`."""
    given = [
        name
        for name, value in (
            ("agency", agency),
            ("place", place),
            ("signature", signature),
            ("parent_agency", parent_agency),
            ("issuer_symbol", issuer_symbol),
        )
        if value is not None
    ]
    if letterhead is not None:
        if not isinstance(letterhead, Letterhead):
            raise CchcTypeError(
                f"must be a Letterhead, not {type(letterhead).__name__}",
                vi="phải là thông tin cơ quan ban hành và người ký (Letterhead)",
                field="letterhead",
                value=letterhead,
            )
        if given:
            raise ValidationError(
                f"give the letterhead or {', '.join(given)}, not both",
                vi="chỉ ghi cơ quan ban hành và người ký một lần (trong Letterhead)",
                field="letterhead",
                value=given,
            )
        return letterhead
    if agency is None or place is None or signature is None:
        raise CchcTypeError(
            "needs a Letterhead (Letterhead.of_issuer(...)): who issues and who signs",
            vi="cần thông tin cơ quan ban hành và người ký",
            field="letterhead",
            value=None,
        )
    warnings.warn(
        f"{builder}(agency=, place=, signature=, parent_agency=, issuer_symbol=) is deprecated; "
        "pass a Letterhead, e.g. Letterhead.of_issuer('UBND huyện Văn Bàn')",
        DeprecationWarning,
        stacklevel=3,
    )
    return Letterhead(
        agency, place=place, signature=signature, parent=parent_agency, symbol=issuer_symbol
    )


#: Abbreviations written out where a document first uses them ("thủ tục hành chính (TTHC)").
_SPELLED_OUT = {
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "CNTT": "công nghệ thông tin",
    "DVC": "dịch vụ công",
}
#: Names always written in full in the body of a document: one spelling per document.
_IN_FULL = (
    # not inside a document number ("138/KH-UBND")
    (re.compile(r"(?<![-/\w])UBND(?![-/\w])"), "Ủy ban nhân dân"),
    (re.compile(r"(?<![-/\w])HĐND(?![-/\w])"), "Hội đồng nhân dân"),
    (re.compile(r"\b(?:LĐTT|LDTT)\b"), "Lao động tiên tiến"),
    (re.compile(r"\bCSTĐCS\b"), "Chiến sĩ thi đua cơ sở"),
    (re.compile(r"\b([Hh])àng năm\b"), "\\1ằng năm"),
    # a range of years with one dash style: "2021 - 2025"
    (re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b"), "\\1 - \\2"),
)


def _abbreviated(table: Table, seen: set[str]) -> bool:
    """Whether a cell of ``table`` holds an abbreviation not yet written out (a table of
    numbers and names, as a scoreboard is, holds none and is left as it is)."""
    cells = "\n".join("\t".join(row) for row in table.rows)
    return any(short not in seen and re.search(rf"\b{short}\b", cells) for short in _SPELLED_OUT)


def _in_house_style(doc: OfficialDocument) -> OfficialDocument:
    """``doc`` written the way one office writes: names in full in the body ("Ủy ban nhân
    dân", "Lao động tiên tiến", "hằng năm"), one dash style in ranges of years, and each
    abbreviation written out where it is first used (tables keep their short forms after
    that, as space asks).

    >>> import datetime
    >>> doc = OfficialDocument(DocumentType.KH, agency="UBND xã", place="Tân Phú",
    ...     issued=datetime.date(2024, 1, 5), summary="Cải cách TTHC hàng năm 2021–2025",
    ...     sections=[Section("Nội dung", ["Rà soát TTHC của UBND xã."])],
    ...     signature=Signature("Chủ tịch", "A"))
    >>> styled = _in_house_style(doc)
    >>> styled.summary
    'Cải cách thủ tục hành chính (TTHC) hằng năm 2021 - 2025'
    >>> styled.sections[0].paragraphs
    ('Rà soát TTHC của Ủy ban nhân dân xã.',)
    """
    seen: set[str] = set()

    def first_use(text_: str) -> str:
        for short, full in _SPELLED_OUT.items():
            if f"({short})" in text_:
                seen.add(short)
            if short in seen:
                continue
            match = re.search(rf"\b{short}\b", text_)
            if match is not None:
                seen.add(short)
                text_ = f"{text_[: match.start()]}{full} ({short}){text_[match.end() :]}"
        return text_

    def body(text_: str) -> str:
        for pattern, replacement in _IN_FULL:
            text_ = pattern.sub(replacement, text_)
        return first_use(text_)

    summary = body(doc.summary)
    basis = [body(line) for line in doc.basis]
    sections = []
    for part in doc.sections:
        heading = body(part.heading)
        paragraphs = [body(p) for p in part.paragraphs]
        table = part.table
        if table is not None and _abbreviated(table, seen):
            rows = [[first_use(cell) for cell in row] for row in table.rows]
            table = Table(table.header, rows, widths=table.widths)
        sections.append(Section(heading, paragraphs, table))
    return attrs.evolve(doc, summary=summary, basis=basis, sections=sections)


def _participants(
    plan: Plan, campaign: Campaign | None, name: Callable[[str | None], str]
) -> list[str]:
    """Who takes part: the campaign's groups by name, else the plan's participants (unit or
    group codes written as names where known)."""
    groups = {fold(g.code): g.name for g in campaign.groups} if campaign is not None else {}
    codes = plan.participants or (
        tuple(g.code for g in campaign.groups) if campaign is not None else ()
    )
    if not codes:
        return []
    names = [groups.get(fold(code)) or name(code) for code in codes]
    return [f"Tập thể và cá nhân thuộc: {'; '.join(names)}."]


def _award_form(issuer: str) -> str:
    return "Bằng khen" if _level_of(issuer) in ("tỉnh", "thành phố") else "Giấy khen"


def _commendation(campaign: Campaign, head: Letterhead) -> list[str]:
    """The commendation section of a campaign plan, from the prize structure it holds: the
    prizes of each group and the form of award."""
    assert campaign.prizes is not None
    collective = {fold(g.code) for g in campaign.groups}
    lines = []
    for group in campaign.prizes.groups:
        if fold(group.code) in collective:
            prizes = ", ".join(
                f"{_two_digits(level.count)} {_sentence_start(level.name)}"
                for level in group.levels
            )
        else:
            prizes = f"{_two_digits(sum(level.count for level in group.levels))} cá nhân"
        lines.append(f"- {group.name}: {prizes}.")
    chief = head.signature.authority if head.signature.prefix == "KT." else None
    decides = f"{chief or head.signature.position} {head.issuer}"
    lines.append(
        f"Hình thức khen thưởng: {_award_form(head.issuer)} của {decides}, kèm theo tiền "
        "thưởng theo quy định."
    )
    return lines


def _inside(unit: str, issuer: str) -> str:
    """A unit's name in a document its own body issues: not suffixed with the issuer's name
    ("Phòng Tổ chức, biên chế (Sở Nội vụ)" in a plan of the Sở Nội vụ is "Phòng Tổ chức, biên
    chế").

    >>> _inside("Phòng Tổ chức, biên chế (Sở Nội vụ)", "Sở Nội vụ")
    'Phòng Tổ chức, biên chế'
    >>> _inside("Văn phòng Sở Nội vụ", "Sở Nội vụ"), _inside("Phòng Nội vụ", "Sở Nội vụ")
    ('Văn phòng Sở Nội vụ', 'Phòng Nội vụ')
    """
    folded, owner = fold(unit), fold(issuer)
    for suffix in (f" ({owner})", f" - {owner}", f", {owner}"):
        if folded.endswith(suffix):
            return unit[: len(unit) - len(suffix)].rstrip()
    return unit


def _people_list(people: Sequence[Award], units: UnitTree | None, issuer: str) -> Section:
    """The individuals of an award list as decisions list them: the name, then the position
    and the unit ("Công chức Văn phòng - Thống kê, Xã minh họa 01"); a unit the tree does not
    name is shown by its code."""
    rows = []
    for i, a in enumerate(people, start=1):
        unit = a.unit
        if unit is not None and units is not None and unit in units:
            unit = _inside(units.get(unit).name, issuer)
        where = ", ".join(part for part in (a.position, unit) if part)
        rows.append((str(i), a.name or a.recipient, where))
    return Section(
        "Cá nhân",
        (),
        Table(("STT", "Họ và tên", "Chức vụ, đơn vị công tác"), rows, widths=(1.4, 6.0, 9.3)),
    )


def _numbers_text(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _organisation(plan: Plan, name: Callable[[str | None], str]) -> list[str]:
    """ "Tổ chức thực hiện" from the plan's own data: who leads and who supports which tasks
    (by name), the review points, and the periodic reports with their Decree 09/2019 cut-offs
    (6 months to 14 June, the year to 14 December)."""
    leads: dict[str, list[int]] = {}
    partners: dict[str, list[int]] = {}
    for i, task in enumerate(plan.tasks, start=1):
        if task.lead is not None:
            leads.setdefault(name(task.lead), []).append(i)
        for partner in task.partners:
            partners.setdefault(name(partner), []).append(i)
    lines = []
    for unit, numbers in leads.items():
        duty = f"- {unit}: chủ trì thực hiện nhiệm vụ số {_numbers_text(numbers)}"
        if unit in partners:
            duty += f"; phối hợp thực hiện nhiệm vụ số {_numbers_text(partners.pop(unit))}"
        lines.append(duty + " tại mục Nhiệm vụ của Kế hoạch này.")
    for unit, numbers in partners.items():
        lines.append(f"- {unit}: phối hợp thực hiện nhiệm vụ số {_numbers_text(numbers)}.")
    for review in plan.reviews:
        note = f" ({review.note})" if review.note else ""
        lines.append(f"- {review.kind.vi}: ngày {format_numeric_date(review.on)}{note}.")
    first, last = plan.period.start.year, plan.period.end.year
    years = str(first) if first == last else f"{first} - {last}"
    lines.append(
        f"- Chế độ báo cáo: các cơ quan, đơn vị báo cáo kết quả thực hiện 6 tháng (số liệu tính "
        f"đến ngày 14/6) và hằng năm (số liệu tính đến ngày 14/12) trong thời gian thực hiện "
        f"Kế hoạch ({years}), gửi về cơ quan thường trực theo dõi, tổng hợp."
    )
    return lines


def plan_document(
    plan: Plan,
    letterhead: Letterhead | None = None,
    *,
    units: UnitTree | None = None,
    campaign: Campaign | None = None,
    recipients: Iterable[str] = (),
    archive: Iterable[str] | None = None,
    agency: str | None = None,
    place: str | None = None,
    signature: Signature | None = None,
    parent_agency: str | None = None,
    issuer_symbol: str | None = None,
) -> OfficialDocument:
    """The Decree 30 document of ``plan`` (Kế hoạch): the directives it implements as its
    basis, then I. objectives, II. contents, III. tasks as a table (STT, task, output, lead,
    partners, deadline), IV. organisation with the review points. Unit codes are written as
    names when ``units`` knows them. A plan without an issue date cannot be laid out.

    >>> import datetime
    >>> from cchc.calendar import Period
    >>> from cchc.plans import Task
    >>> plan = Plan("Triển khai phong trào thi đua CCHC năm 2023", Period.year(2023),
    ...             number="12/KH-UBND", issuer="UBND huyện Văn Bàn",
    ...             issued=datetime.date(2023, 2, 1),
    ...             tasks=[Task("1", "Rà soát TTHC", lead="VP", output="Báo cáo",
    ...                         due=datetime.date(2023, 6, 30))])
    >>> doc = plan_document(plan, Letterhead.of_issuer(plan.issuer, signer="Nguyễn Văn A"))
    >>> [s.heading for s in doc.sections]
    ['Nhiệm vụ', 'Tổ chức thực hiện']
    >>> doc.summary       # abbreviations are written out where first used
    'Triển khai phong trào thi đua cải cách hành chính (CCHC) năm 2023'
    >>> doc.sections[0].table.rows
    (('1', 'Rà soát thủ tục hành chính (TTHC)', 'Báo cáo', 'VP', '', '30/6/2023'),)
    """
    if not isinstance(plan, Plan):
        raise CchcTypeError(
            f"must be a Plan, not {type(plan).__name__}",
            vi="phải là một kế hoạch",
            field="plan",
            value=plan,
        )
    if units is not None and not isinstance(units, UnitTree):
        raise CchcTypeError(
            f"must be a UnitTree or None, not {type(units).__name__}",
            vi="phải là danh sách cơ quan, đơn vị (cây đơn vị) hoặc để trống",
            field="units",
            value=units,
        )
    head = _letterhead(
        letterhead,
        "plan_document",
        agency=agency,
        place=place,
        signature=signature,
        parent_agency=parent_agency,
        issuer_symbol=issuer_symbol,
    )
    if campaign is not None and not isinstance(campaign, Campaign):
        raise CchcTypeError(
            f"must be a Campaign or None, not {type(campaign).__name__}",
            vi="phải là một phong trào thi đua hoặc để trống",
            field="campaign",
            value=campaign,
        )
    if plan.issued is None:
        raise ValidationError(
            "a plan must be issued to be laid out",
            vi="kế hoạch chưa có ngày ban hành nên chưa thể trình bày thành văn bản",
            field="issued",
            value=None,
        )

    def name(code: str | None) -> str:
        if code is None:
            return ""
        if units is not None and code in units:
            return _inside(units.get(code).name, head.issuer)
        return code

    legal, carried = _bases(plan.implements)
    issues = f"{head.issuer} ban hành Kế hoạch {_sentence_start(plan.summary)} như sau:"
    basis = [f"Căn cứ {c};" for c in legal]
    if carried:
        basis.append(f"Thực hiện {'; '.join(carried)}, {issues}")
    else:
        if basis:
            basis[-1] = basis[-1][:-1] + "."
        basis.append(issues)
    sections = []
    if plan.objectives:
        sections.append(Section("Mục tiêu, chỉ tiêu", [_target_line(t) for t in plan.objectives]))
    participants = _participants(plan, campaign, name)
    if participants:
        sections.append(Section("Đối tượng tham gia", participants))
    if plan.contents:
        sections.append(
            Section("Nội dung", [f"{i}. {c}" for i, c in enumerate(plan.contents, start=1)])
        )
    if plan.tasks:
        rows = [
            (
                str(i),
                task.title,
                task.output,
                name(task.lead),
                ", ".join(name(p) for p in task.partners),
                format_numeric_date(task.due) if task.due is not None else "",
            )
            for i, task in enumerate(plan.tasks, start=1)
        ]
        header = ("STT", "Nhiệm vụ", "Sản phẩm", "Chủ trì", "Phối hợp", "Thời hạn")
        sections.append(
            Section("Nhiệm vụ", (), Table(header, rows, widths=(1.4, 5.2, 3.3, 2.9, 2.9, 3.0)))
        )
    if campaign is not None and campaign.prizes is not None:
        sections.append(Section("Khen thưởng", _commendation(campaign, head)))
    sections.append(Section("Tổ chức thực hiện", _organisation(plan, name)))
    plan_doc = OfficialDocument(
        DocumentType.KH,
        number=plan.number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=plan.issued,
        summary=plan.summary,
        basis=basis,
        sections=sections,
        signature=head.signature,
        recipients=recipients,
        archive=head.archive if archive is None else archive,
        issuer_symbol=head.symbol,
        party=head.party,
    )
    return _in_house_style(plan_doc)


def _in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "Phong trào thi đua …" becomes "phong trào thi
    đua …"; proper names and acronyms ("UBND …", "Hội đồng …") keep their capital.

    >>> _in_sentence("Phong trào thi đua chuyên đề"), _in_sentence("UBND huyện")
    ('phong trào thi đua chuyên đề', 'UBND huyện')
    """
    first = name.split(" ", 1)[0]
    if fold(first) in {fold("Phong"), fold("Kế"), fold("Chương"), fold("Cuộc")}:
        return name[0].lower() + name[1:]
    return name


def award_decision_document(
    result: CampaignResult,
    letterhead: Letterhead | None = None,
    *,
    issued: datetime.date,
    number: DocumentNumber | str | None = None,
    award_form: str | None = None,
    prize_money: Mapping[str, int | Decimal] | None = None,
    responsible: Iterable[str] | None = None,
    legal_bases: Iterable[str] | None = None,
    proposed_by: str | None = None,
    illustrative: bool = False,
    recipients: Iterable[str] = (),
    archive: Iterable[str] | None = None,
    agency: str | None = None,
    place: str | None = None,
    signature: Signature | None = None,
    parent_agency: str | None = None,
    issuer_symbol: str | None = None,
) -> OfficialDocument:
    """The decision (Quyết định) commending the winners of a campaign run, as the model
    decision is worded: the signer's authority (the laws and decree in force on ``issued``, see
    :func:`commendation_bases`, or ``legal_bases``), the launching plan carried out, "Theo đề
    nghị của …" the standing member of the emulation council; Article 1 awards the form of
    award (``award_form``: Giấy khen from a district or commune chair, Bằng khen from a
    province's) to the collectives and individuals "(có danh sách kèm theo)"; an optional
    article on ``prize_money`` (đồng per prize); entry into force; the officials responsible
    (``responsible``) and the recipients, ending "./.". The list is an appendix without scores.
    ``illustrative`` marks the first page of a decision built on illustrative results. Unfilled
    prizes and unresolved ties are not listed: a decision is issued once the council has settled
    them (an unresolved tie raises :class:`~cchc.errors.ValidationError`).

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> head = Letterhead.of_issuer("UBND huyện Châu Thành", signer="(illustrative name)")
    >>> doc = award_decision_document(result, head, issued=datetime.date(2022, 1, 10))
    >>> doc.authority      # rendered in upper case
    'Chủ tịch Ủy ban nhân dân huyện Châu Thành'
    >>> article = doc.sections[0].heading
    >>> article.split(" đã có")[0]
    'Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện Châu Thành cho 08 tập thể và 08 cá nhân'
    >>> article.endswith("năm 2021 (có danh sách kèm theo).")
    True
    >>> doc.basis[-1]
    'Theo đề nghị của Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng huyện.'
    >>> doc.appendices[0].sections[0].table.rows[0]
    ('1', 'Phòng Nội vụ', 'Phòng, ban, ngành huyện', 'Giải Nhất')
    >>> doc.recipients[0], doc.sections[-1].heading[-3:]
    ('Như Điều 3', './.')
    """
    if not isinstance(result, CampaignResult):
        raise CchcTypeError(
            f"must be a CampaignResult, not {type(result).__name__}",
            vi="phải là kết quả chấm điểm, xét thưởng của một phong trào thi đua",
            field="result",
            value=result,
        )
    head = _letterhead(
        letterhead,
        "award_decision_document",
        agency=agency,
        place=place,
        signature=signature,
        parent_agency=parent_agency,
        issuer_symbol=issuer_symbol,
    )
    if letterhead is None and issuer_symbol is None:  # the deprecated default
        head = attrs.evolve(head, symbol="UBND")
    signs = head.signature
    chief = signs.authority if signs.prefix == "KT." and signs.authority else signs.position
    decision = result.decision
    if decision.ties:
        tie = decision.ties[0]
        raise ValidationError(
            "the council has ties to settle before the decision is issued",
            vi="Hội đồng còn trường hợp bằng điểm chưa xét xong nên chưa thể ban hành quyết định",
            field="decision.ties",
            value=tie.candidates,
        )
    campaign = result.campaign
    level = _level_of(head.issuer)
    form = award_form or _award_form(head.issuer)
    decides = f"{chief} {head.issuer}"
    group_names = {fold(g.code): g.name for g in decision.structure.groups}
    campaign_groups = {fold(g.code) for g in campaign.groups}
    teams = [a for a in decision.awards if fold(a.group) in campaign_groups]
    people = [a for a in decision.awards if fold(a.group) not in campaign_groups]
    whom = []
    if teams:
        whom.append(f"{_two_digits(len(teams))} tập thể")
    if people:
        whom.append(f"{_two_digits(len(people))} cá nhân")
    named = _in_sentence(campaign.name)
    articles = [
        Section(
            f"Tặng {form} của {_sentence_chief(decides)} cho {' và '.join(whom)} đã có thành "
            f"tích xuất sắc trong {named} (có danh sách kèm theo)."
        )
    ]
    if prize_money:
        amounts = "; ".join(
            f"{prize} {vi_number(_money(amount, prize))} đồng"
            for prize, amount in prize_money.items()
        )
        articles.append(
            Section(
                f"Kèm theo {form}, các tập thể, cá nhân được thưởng tiền theo quy định: "
                f"{amounts}. Kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng theo quy định."
            )
        )
    articles.append(Section("Quyết định này có hiệu lực kể từ ngày ký."))
    officials = (
        tuple(texts(responsible, "responsible"))
        if responsible is not None
        else _RESPONSIBLE.get(level or "", _RESPONSIBLE["huyện"])
    )
    articles.append(
        Section(
            f"{', '.join((*officials, 'Thủ trưởng các cơ quan, đơn vị có liên quan'))} và các "
            "tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        )
    )
    listed = []
    if teams:
        rows = [
            (str(i), a.name or a.recipient, group_names.get(fold(a.group), a.group), a.prize_name)
            for i, a in enumerate(teams, start=1)
        ]
        listed.append(
            Section(
                "Tập thể",
                (),
                Table(
                    ("STT", "Tên tập thể", "Khối thi đua", "Giải thưởng"),
                    rows,
                    widths=(1.4, 7.0, 5.0, 3.3),
                ),
            )
        )
    if people:
        listed.append(_people_list(people, campaign.units, head.issuer))
    # a draft's number is left for the clerk: "số ……/QĐ-UBND"
    symbol = f"{DocumentType.QD.abbreviation}-{head.symbol or 'UBND'}"
    number_text = f"số {number}" if number is not None else f"số {_BLANK}/{symbol}"
    appendix = Appendix(
        f"Danh sách các tập thể, cá nhân được tặng {form}",
        f"(Kèm theo Quyết định {number_text} {format_date(issued)} của {_sentence_chief(decides)})",
        listed,
    )
    bases = [
        f"Căn cứ {b};"
        for b in (
            texts(legal_bases, "legal_bases")
            if legal_bases is not None
            else commendation_bases(issued)
        )
    ]
    bases.append(f"Thực hiện {campaign.plan};")
    proposer = proposed_by or _PROPOSER.get(level or "", "Hội đồng Thi đua - Khen thưởng")
    bases.append(f"Theo đề nghị của {proposer}.")
    doc = OfficialDocument(
        DocumentType.QD,
        number=number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=issued,
        summary=f"Về việc tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc trong "
        f"{named}",
        issuer_symbol=head.symbol,
        authority=decides,
        basis=bases,
        sections=articles,
        articles=True,
        signature=signs,
        recipients=(f"Như Điều {len(articles)}", *recipients),
        archive=head.archive if archive is None else archive,
        appendices=[appendix],
        notice=_ILLUSTRATIVE if illustrative else None,
    )
    return _in_house_style(doc)


def award_proposal_document(
    result: CampaignResult,
    letterhead: Letterhead,
    *,
    issued: datetime.date,
    decider: Letterhead,
    number: DocumentNumber | str | None = None,
    award_form: str | None = None,
    illustrative: bool = False,
    recipients: Iterable[str] = (),
) -> OfficialDocument:
    """The tờ trình in which the standing member of the emulation council (``letterhead``,
    the Phòng Nội vụ of a district) proposes the awards of a campaign run to the one who
    decides (``decider``'s head: "Kính gửi: Chủ tịch Ủy ban nhân dân huyện …"): the plan
    carried out, the council's result, the proposal "(có danh sách kèm theo)", ending "./.";
    the list, with points and ranks written as Vietnamese numbers, is its appendix.

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> doc = award_proposal_document(result, Letterhead.of_issuer("Phòng Nội vụ huyện Châu Thành"),
    ...     decider=Letterhead.of_issuer("UBND huyện Châu Thành"), issued=datetime.date(2022, 1, 3))
    >>> doc.doc_type.vi, doc.number_line(), doc.addressees
    ('Tờ trình', 'Số:      /TTr-PNV', ('Chủ tịch Ủy ban nhân dân huyện Châu Thành',))
    >>> doc.appendices[0].sections[0].table.rows[0]
    ('1', 'Phòng Nội vụ', 'Phòng, ban, ngành huyện', '97,10', '1', 'Giải Nhất')
    """
    if not isinstance(result, CampaignResult):
        raise CchcTypeError(
            f"must be a CampaignResult, not {type(result).__name__}",
            vi="phải là kết quả chấm điểm, xét thưởng của một phong trào thi đua",
            field="result",
            value=result,
        )
    head = _letterhead(
        letterhead,
        "award_proposal_document",
        agency=None,
        place=None,
        signature=None,
        parent_agency=None,
        issuer_symbol=None,
    )
    boss = _letterhead(
        decider,
        "award_proposal_document",
        agency=None,
        place=None,
        signature=None,
        parent_agency=None,
        issuer_symbol=None,
    )
    decision = result.decision
    if decision.ties:
        raise ValidationError(
            "the council has ties to settle before the awards are proposed",
            vi="Hội đồng còn trường hợp bằng điểm chưa xét xong nên chưa thể trình khen thưởng",
            field="decision.ties",
            value=decision.ties[0].candidates,
        )
    campaign = result.campaign
    signs = boss.signature
    chief = signs.authority if signs.prefix == "KT." and signs.authority else signs.position
    decides = f"{chief} {boss.issuer}"
    form = award_form or _award_form(boss.issuer)
    campaign_groups = {fold(g.code) for g in campaign.groups}
    group_names = {fold(g.code): g.name for g in decision.structure.groups}
    teams = [a for a in decision.awards if fold(a.group) in campaign_groups]
    people = [a for a in decision.awards if fold(a.group) not in campaign_groups]
    whom = []
    if teams:
        whom.append(f"{_two_digits(len(teams))} tập thể")
    if people:
        whom.append(f"{_two_digits(len(people))} cá nhân")
    named = _in_sentence(campaign.name)
    level = _level_of(boss.issuer) or "huyện"
    body = [
        f"Thực hiện {campaign.plan};",
        (
            f"Trên cơ sở kết quả chấm điểm, xét khen thưởng của Hội đồng Thi đua - Khen thưởng "
            f"{level}, {head.issuer} (cơ quan Thường trực Hội đồng) kính trình {decides} xem "
            f"xét, tặng {form} cho {' và '.join(whom)} đã có thành tích xuất sắc trong {named} "
            "(có danh sách kèm theo)."
        ),
        f"Kính trình {decides} xem xét, quyết định./.",
    ]
    listed = []
    if teams:
        rows = [
            (
                str(i),
                a.name or a.recipient,
                group_names.get(fold(a.group), a.group),
                vi_number(a.points),
                str(a.rank),
                a.prize_name,
            )
            for i, a in enumerate(teams, start=1)
        ]
        header = ("STT", "Tên tập thể", "Khối thi đua", "Điểm", "Xếp hạng", "Giải thưởng")
        listed.append(Section("Tập thể", (), Table(header, rows, widths=(1.4, 5, 4, 2, 1.8, 3))))
    if people:
        listed.append(_people_list(people, campaign.units, boss.issuer))
    symbol = f"{DocumentType.TTR.abbreviation}-{head.symbol or ''}".rstrip("-")
    number_text = f"số {number}" if number is not None else f"số {_BLANK}/{symbol}"
    doc = OfficialDocument(
        DocumentType.TTR,
        number=number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=issued,
        summary=f"Về việc đề nghị tặng {form} cho các tập thể, cá nhân có thành tích xuất sắc "
        f"trong {named}",
        issuer_symbol=head.symbol,
        addressees=[decides],
        basis=body,
        signature=head.signature,
        recipients=("Như trên", *recipients),
        archive=head.archive,
        appendices=[
            Appendix(
                f"Danh sách các tập thể, cá nhân đề nghị tặng {form}",
                f"(Kèm theo Tờ trình {number_text} {format_date(issued)} của {head.issuer})",
                listed,
            )
        ],
        notice=_ILLUSTRATIVE if illustrative else None,
    )
    return _in_house_style(doc)


def _tally_line(
    total: int, done: int, on_time: int, late: int, going: int, overdue: int, idle: int
) -> str:
    return (
        f"Tổng số {_two_digits(total)} nhiệm vụ; đã hoàn thành {_two_digits(done)} nhiệm vụ "
        f"({_two_digits(on_time)} đúng hạn, {_two_digits(late)} trễ hạn); đang thực hiện "
        f"{_two_digits(going)}; quá hạn chưa hoàn thành {_two_digits(overdue)}; chưa triển khai "
        f"{_two_digits(idle)}."
    )


def report_document(
    report: ProgressReport,
    letterhead: Letterhead,
    *,
    issued: datetime.date,
    units: UnitTree | None = None,
    number: DocumentNumber | str | None = None,
    recipients: Iterable[str] = (),
) -> OfficialDocument:
    """The periodic report (Báo cáo) of a plan's progress: titled with its Decree 09/2019
    period ("Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2021") and its data
    cut-off, then I. the tasks' tally, per reform area (a table) and the activities (documents
    issued, broadcasts, inspections) in Vietnamese numbers; II. the targets; III. the overdue
    tasks by lead unit; and an appendix listing every task with its state. Unit codes are
    written as names when ``units`` knows them.

    >>> from cchc.examples import load
    >>> example = load("gia-lam-9m-2021")
    >>> doc = report_document(example.report(), Letterhead.of_issuer("UBND huyện Gia Lâm"),
    ...                       issued=datetime.date(2021, 10, 19), units=example.units)
    >>> doc.summary
    'Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2021'
    >>> print(doc.sections[0].paragraphs[0])
    1. Tiến độ thực hiện nhiệm vụ: Tổng số 21 nhiệm vụ; đã hoàn thành 07 nhiệm vụ (06 đúng \
hạn, 01 trễ hạn); đang thực hiện 09; quá hạn chưa hoàn thành 02; chưa triển khai 03.
    """
    if not isinstance(report, ProgressReport):
        raise CchcTypeError(
            f"must be a ProgressReport, not {type(report).__name__}",
            vi="phải là báo cáo tiến độ thực hiện kế hoạch",
            field="report",
            value=report,
        )
    head = _letterhead(
        letterhead,
        "report_document",
        agency=None,
        place=None,
        signature=None,
        parent_agency=None,
        issuer_symbol=None,
    )

    def name(code: str | None) -> str:
        if code is None:
            return ""
        if units is not None and code in units:
            return _inside(units.get(code).name, head.issuer)
        return code

    def area_name(code: str) -> str:
        try:
            return str(ReformArea(code).vi)
        except CchcError:
            return code

    when = (
        f"{report.reporting}"
        if report.reporting is not None
        else f"đến ngày {format_numeric_date(report.as_of)}"
    )
    summary = f"Kết quả thực hiện công tác cải cách hành chính {when}"
    cut_off = (
        f"số liệu tính từ ngày {format_numeric_date(report.period.start)} đến ngày "
        f"{format_numeric_date(report.period.end)}"
    )
    opening = (
        f"Thực hiện {report.plan}, {head.issuer} báo cáo kết quả thực hiện công tác cải cách "
        f"hành chính {when} ({cut_off}) như sau:"
    )
    t = report.totals
    results = [
        "1. Tiến độ thực hiện nhiệm vụ: "
        + _tally_line(
            t.total, t.done, t.done_on_time, t.done_late, t.in_progress, t.overdue, t.not_started
        ),
        "2. Kết quả theo từng nội dung cải cách hành chính: chi tiết tại bảng sau.",
    ]
    rows = [
        (
            area_name(code),
            str(tally.total),
            str(tally.done),
            str(tally.in_progress),
            str(tally.overdue),
            str(tally.not_started),
        )
        for code, tally in report.by_area
    ]
    by_area = Table(
        ("Nội dung", "Tổng số", "Hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa triển khai"),
        rows,
        widths=(5.5, 1.8, 2.2, 2.4, 1.8, 2.6),
    )
    sections = [Section("Kết quả thực hiện", results, by_area)]
    if report.activities:
        lines = [
            f"- {a.kind.vi}{f' ({a.channel})' if a.channel else ''}: {vi_number(a.count)}."
            for a in report.activities
        ]
        sections.append(Section("Công tác chỉ đạo, điều hành, tuyên truyền, kiểm tra", lines))
    if report.targets:
        lines = []
        for target in report.targets:
            unit = "%" if target.measure is Measure.PERCENT else ""
            latest = (
                f"kết quả đạt {vi_number(target.latest)}{unit}"
                if target.latest is not None
                else "chưa có số liệu đánh giá"
            )
            state = "đã đạt" if target.met else ("không đạt" if target.missed else "chưa đạt")
            lines.append(
                f"- {target.name}: chỉ tiêu {vi_number(target.target)}{unit}; {latest} ({state})."
            )
        sections.append(Section("Thực hiện các mục tiêu, chỉ tiêu", lines))
    overdue = [task for task in report.tasks if task.state is TaskState.OVERDUE]
    if overdue:
        lines = [
            f"- {task.title} (chủ trì: {name(task.lead) or 'chưa giao'}; thời hạn "
            f"{format_numeric_date(task.deadline) if task.deadline else 'chưa xác định'}; "
            f"quá hạn {task.working_days_late} ngày làm việc)."
            for task in overdue
        ]
        sections.append(Section("Nhiệm vụ quá hạn", lines))
    rows = [
        (
            str(i),
            task.title,
            name(task.lead),
            format_numeric_date(task.deadline) if task.deadline else "",
            task.state.vi,
            f"{task.percent}%",
        )
        for i, task in enumerate(report.tasks, start=1)
    ]
    tasks = Table(
        ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng", "Tiến độ"),
        rows,
        widths=(1.4, 9, 5, 2.6, 3.6, 2.2),
    )
    symbol = f"{DocumentType.BC.abbreviation}-{head.symbol or ''}".rstrip("-")
    number_text = f"số {number}" if number is not None else f"số {_BLANK}/{symbol}"
    doc = OfficialDocument(
        DocumentType.BC,
        number=number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=issued,
        summary=summary,
        issuer_symbol=head.symbol,
        basis=[opening],
        sections=sections,
        signature=head.signature,
        recipients=recipients,
        archive=head.archive,
        party=head.party,
        appendices=[
            Appendix(
                "Tình hình thực hiện các nhiệm vụ",
                f"(Kèm theo Báo cáo {number_text} {format_date(issued)} của {head.issuer})",
                [Section("Danh mục nhiệm vụ", (), tasks)],
                label="Phụ lục",
                landscape=True,
            )
        ],
    )
    return _in_house_style(doc)


#: The mark of a decision built on illustrative results: visible on its first page.
_ILLUSTRATIVE = (
    "BẢN MINH HỌA: kết quả chấm điểm, xếp hạng trong văn bản này là số liệu minh họa, "
    "không dùng để ban hành."
)
#: Who carries out a commendation decision, by the level of the committee that decides.
_RESPONSIBLE = {
    "huyện": (
        "Chánh Văn phòng HĐND và UBND huyện",
        "Trưởng phòng Nội vụ",
        "Trưởng phòng Tài chính - Kế hoạch",
    ),
    "tỉnh": ("Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Nội vụ", "Giám đốc Sở Tài chính"),
    "xã": ("Văn phòng - Thống kê xã", "Công chức Tài chính - Kế toán xã"),
}
_RESPONSIBLE["quận"] = tuple(r.replace("huyện", "quận") for r in _RESPONSIBLE["huyện"])
_RESPONSIBLE["thị xã"] = tuple(r.replace("huyện", "thị xã") for r in _RESPONSIBLE["huyện"])
_RESPONSIBLE["thành phố"] = _RESPONSIBLE["tỉnh"]
#: Who proposes the awards, in the model's form, by level.
_PROPOSER = {
    "huyện": "Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng huyện",
    "quận": "Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng quận",
    "thị xã": "Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng thị xã",
    "tỉnh": "Giám đốc Sở Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng tỉnh",
    "thành phố": "Giám đốc Sở Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng thành phố",
}


def _level_of(issuer: str) -> str | None:
    """The level of local government named in ``issuer`` ("huyện" in "Ủy ban nhân dân huyện
    Châu Thành"), or None."""
    folded = f" {fold(issuer)} "
    for level in ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường"):
        if f" {fold(level)} " in folded:
            return level
    return None


def _sentence_chief(decides: str) -> str:
    """ "Chủ tịch Ủy ban nhân dân huyện …" as it reads inside a sentence (unchanged: titles
    keep their capital)."""
    return decides


def _money(value: object, prize: str) -> Decimal:
    amount = decimal(value, f"prize_money[{prize}]")
    if amount < 0 or amount != amount.to_integral_value():
        raise ValidationError(
            "must be a whole number of đồng, not negative",
            vi="số tiền thưởng phải là số nguyên đồng, không âm",
            field=f"prize_money[{prize}]",
            value=value,
        )
    return amount


#: The laws and decrees a commendation decision cites for the signer's authority, each with the
#: dates it applies (from, to; None for open). The Law on Emulation and Commendation 2022 and
#: Decree 98/2023/NĐ-CP apply from 1 January 2024; the Law on Organisation of Local Government
#: of 2025 from 1 July 2025 (its date as published; a decree after 98/2023 is not listed here:
#: pass ``legal_bases=`` where one applies).
COMMENDATION_BASES: tuple[tuple[datetime.date | None, datetime.date | None, str], ...] = (
    (
        None,
        datetime.date(2025, 6, 30),
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    ),
    (
        datetime.date(2020, 7, 1),
        datetime.date(2025, 6, 30),
        (
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
            "quyền địa phương ngày 22 tháng 11 năm 2019"
        ),
    ),
    (
        datetime.date(2025, 7, 1),
        None,
        "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    ),
    (
        None,
        datetime.date(2023, 12, 31),
        (
            "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số "
            "điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm "
            "2013"
        ),
    ),
    (
        datetime.date(2017, 8, 1),
        datetime.date(2023, 12, 31),
        (
            "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết "
            "thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
    ),
    (datetime.date(2024, 1, 1), None, "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"),
    (
        datetime.date(2024, 1, 1),
        None,
        (
            "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
            "thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
    ),
)


def commendation_bases(on: datetime.date) -> tuple[str, ...]:
    """The laws and decrees in force ``on`` a date that a commendation decision cites for its
    signer's authority (:data:`COMMENDATION_BASES`).

    >>> for basis in commendation_bases(datetime.date(2024, 3, 1)):
    ...     print(basis.split(" ngày")[0][:60])
    Luật Tổ chức chính quyền địa phương
    Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ
    Luật Thi đua, khen thưởng
    Nghị định số 98/2023/NĐ-CP
    """
    return tuple(
        basis
        for start, end, basis in COMMENDATION_BASES
        if (start is None or start <= on) and (end is None or on <= end)
    )


# --- results: the scoreboard and the decision announcing them ----------------------------------


def _results_of(
    result: object,
) -> tuple[Ranking, CampaignResult | None]:
    """The ranking a scoreboard shows, and the campaign run it comes from (if it does)."""
    if isinstance(result, CampaignResult):
        return result.ranking, result
    if isinstance(result, Ranking):
        return result, None
    raise CchcTypeError(
        f"must be a CampaignResult or a Ranking, not {type(result).__name__}",
        vi="phải là kết quả của một phong trào thi đua hoặc một bảng xếp hạng",
        field="result",
        value=result,
    )


def _group_names(groups: Mapping[str, str] | None, run: CampaignResult | None) -> dict[str, str]:
    """Group code (folded) → the group's name: ``groups`` as given, else the campaign's."""
    if groups is None:
        return {fold(g.code): g.name for g in run.campaign.groups} if run is not None else {}
    if not isinstance(groups, Mapping):
        raise CchcTypeError(
            f"must be a mapping group code → name, not {type(groups).__name__}",
            vi="phải là bảng mã khối → tên khối thi đua",
            field="groups",
            value=groups,
        )
    return {
        fold(text(code, "groups")): text(name, f"groups[{code!r}]") for code, name in groups.items()
    }


def _places_of(precision: Decimal) -> int:
    """The decimals a framework's precision gives points (0.01: 2; 0.5: 1; 1: 0)."""
    exponent = precision.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


#: The index is shown to two decimals (rounded half up, as :attr:`RankedUnit.index_rounded`);
#: the exact index decides ranks and bands, never the shown one.
_INDEX_PLACES = 2


@attrs.frozen
class _Board:
    """A scoreboard's parts: one (group name, table) per group, the legend of the field
    columns, and each group's count of units per band (highest band first)."""

    groups: tuple[tuple[str, Table], ...]
    legend: str
    bands: tuple[tuple[str, int, tuple[tuple[str, int], ...], str, str], ...]


def _board(
    ranking: Ranking,
    *,
    names: Any,
    groups: dict[str, str],
    decision: Any,
    depth: int,
    issuer: str | None,
) -> _Board:
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ValidationError(
            "must be a whole number, 0 or more (0: the fields)",
            vi="phải là số nguyên không âm (0: các lĩnh vực)",
            field="depth",
            value=depth,
        )
    table = standings_table(ranking, names=names, decision=decision, depth=depth)
    framework = ranking.result.framework
    places = _places_of(framework.precision)
    names_ = table.names
    fields = names_[names_.index("name") + 1 : names_.index("points")]
    at = {name: j for j, name in enumerate(names_)}
    maxima = set(table.column("maximum"))
    with_maximum = len(maxima) > 1
    with_prize = decision is not None
    word = "Lĩnh vực" if depth == 0 else "Tiêu chí"
    header = [
        "STT",
        "Tên cơ quan, đơn vị",
        *(f"{word} {code}" for code in fields),
        "Tổng điểm",
        *(("Điểm tối đa",) if with_maximum else ()),
        "Chỉ số (%)",
        "Xếp loại",
        "Xếp hạng",
        *(("Khen thưởng",) if with_prize else ()),
    ]
    widths = [
        1.4,
        5.4,
        *([1.7] * len(fields)),
        1.9,
        *((1.9,) if with_maximum else ()),
        1.9,
        2.8,
        1.6,
        *((2.6,) if with_prize else ()),
    ]
    band_labels = tuple(reversed(band_order(framework)))
    rows_of: dict[str, list[tuple[str, ...]]] = {}
    counts: dict[str, dict[str, int]] = {}
    leaders: dict[str, tuple[str, str]] = {}
    field_at = [at[code] for code in fields]
    j_group, j_unit, j_name, j_rank = at["group"], at["unit"], at["name"], at["rank"]
    j_points, j_max, j_index, j_band = at["points"], at["maximum"], at["index"], at["band"]
    j_prize = at["prize"]
    half = Decimal("0.01")
    for row in table.rows:
        group = str(row[j_group])
        unit_name = str(row[j_name] or row[j_unit])
        if issuer is not None:
            unit_name = _inside(unit_name, issuer)
        index = row[j_index]
        assert isinstance(index, Fraction)
        shown = (Decimal(index.numerator) / Decimal(index.denominator)).quantize(
            half, rounding=ROUND_HALF_UP
        )
        band = str(row[j_band] or "")
        rows = rows_of.setdefault(group, [])
        cells = [
            str(len(rows) + 1),
            unit_name,
            *(_cell_number(row[j], places) for j in field_at),
            _cell_number(row[j_points], places),
            *((_cell_number(row[j_max], places),) if with_maximum else ()),
            vi_number(shown, _INDEX_PLACES),
            band,
            str(row[j_rank]),
            *((str(row[j_prize] or ""),) if with_prize else ()),
        ]
        rows.append(tuple(cells))
        if band:
            tally = counts.setdefault(group, {})
            tally[band] = tally.get(band, 0) + 1
        if group not in leaders:
            leaders[group] = (unit_name, vi_number(shown, _INDEX_PLACES))
    parts = []
    summaries = []
    for group, rows in rows_of.items():
        title = groups.get(fold(group)) or group or "Các cơ quan, đơn vị"
        parts.append((title, Table(header, rows, widths=widths)))
        tally = counts.get(group, {})
        summaries.append(
            (
                title,
                len(rows),
                tuple((label, tally[label]) for label in band_labels if tally.get(label)),
                *leaders[group],
            )
        )
    titles = {
        node.code: node.title for path, node in framework.walk() if path.count("children") <= depth
    }
    span = f"“{word} {fields[0]}”" + (f" đến “{word} {fields[-1]}”" if len(fields) > 1 else "")
    legend = (
        f"Ghi chú: cột {span} ghi điểm đạt được ở từng {word.lower()}: "
        + "; ".join(f"{code}. {titles[code]}" for code in fields)
        + "."
    )
    return _Board(tuple(parts), legend, tuple(summaries))


def _cell_number(value: object, places: int) -> str:
    """A number of a standings table in Vietnamese form; a blank stays blank."""
    if value is None:
        return ""
    assert isinstance(value, Decimal | int)
    return vi_number(value, places)


def _band_line(
    title: str, count: int, bands: Sequence[tuple[str, int]], leader: str, index: str
) -> str:
    graded = "; ".join(f"{_two_digits(n)} đơn vị xếp loại {label}" for label, n in bands)
    graded = f": {graded}" if graded else ""
    return (
        f"- {title} ({_two_digits(count)} đơn vị){graded}; dẫn đầu là {leader} (chỉ số {index}%)."
    )


def scoreboard_appendix(
    result: CampaignResult | Ranking,
    *,
    reference: str,
    title: str = "Bảng tổng hợp kết quả chấm điểm, xếp hạng",
    label: str | None = "Phụ lục",
    names: Names | None = None,
    groups: Mapping[str, str] | None = None,
    decision: AwardDecision | None = None,
    depth: int = 0,
    issuer: str | None = None,
) -> Appendix:
    """The scoreboard (bảng tổng hợp kết quả) as a landscape appendix of a decision or a
    report: one part per group (khối, cụm), its units best first with the points of each field
    (criteria down to ``depth``), the total, the maximum where it differs between units, the
    index (two decimals), the band and the rank; with ``decision``, the prize won. Numbers are
    written in Vietnamese form, one precision per column; unit names come from ``names`` (the
    campaign's units by default), group names from ``groups`` (the campaign's groups).
    ``reference`` is the line "(Kèm theo … số … ngày …)"; ``issuer`` drops its own name from
    the units inside it.

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> board = scoreboard_appendix(result, reference="(Kèm theo Báo cáo số 05/BC-UBND)")
    >>> board.landscape, [part.heading for part in board.sections]
    (True, ['Phòng, ban, ngành huyện', 'Ủy ban nhân dân xã, thị trấn'])
    >>> table = board.sections[0].table
    >>> table.header[:3], table.header[-5:]
    (('STT', 'Tên cơ quan, đơn vị', 'Lĩnh vực 1'), ('Tổng điểm', 'Điểm tối đa', 'Chỉ số (%)', \
'Xếp loại', 'Xếp hạng'))
    >>> table.rows[0][1], table.rows[0][-5:]
    ('Phòng Nội vụ', ('97,10', '100,00', '97,10', 'Xuất sắc', '1'))
    """
    ranking, run = _results_of(result)
    if names is None and run is not None:
        names = run.campaign.units
    board = _board(
        ranking,
        names=names,
        groups=_group_names(groups, run),
        decision=decision,
        depth=depth,
        issuer=issuer,
    )
    sections = [
        Section(name, (board.legend,) if i == 0 else (), table)
        for i, (name, table) in enumerate(board.groups)
    ]
    return Appendix(title, reference, sections, label=label, landscape=True)


def _subject_of(ranking: Ranking, run: CampaignResult | None, subject: object) -> str:
    if subject is not None:
        return text(subject, "subject")
    if run is not None:
        return f"kết quả chấm điểm, xếp hạng {_in_sentence(run.campaign.name)}"
    return f"kết quả chấm điểm, xếp hạng theo {_sentence_start(ranking.result.framework.title)}"


def scoreboard_document(
    result: CampaignResult | Ranking,
    letterhead: Letterhead,
    *,
    issued: datetime.date,
    subject: str | None = None,
    names: Names | None = None,
    groups: Mapping[str, str] | None = None,
    decision: AwardDecision | None = None,
    depth: int = 0,
    carries_out: Iterable[Directive | str] = (),
    number: DocumentNumber | str | None = None,
    illustrative: bool = False,
    recipients: Iterable[str] = (),
) -> OfficialDocument:
    """The scoreboard (Bảng tổng hợp kết quả) as a report of its own, laid out landscape: the
    plan carried out, one part per group with its table (see :func:`scoreboard_appendix`),
    then the units per band and the leader of each group. ``subject`` names what was scored
    ("kết quả chấm điểm, xếp hạng phong trào thi đua …" by default); ``carries_out`` adds the
    documents carried out (a campaign's plan is one already).

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> doc = scoreboard_document(result, Letterhead.of_issuer("UBND huyện Châu Thành"),
    ...                           issued=datetime.date(2022, 1, 5), illustrative=True)
    >>> doc.landscape, doc.doc_type.vi, doc.summary[:40]
    (True, 'Báo cáo', 'Tổng hợp kết quả chấm điểm, xếp hạng pho')
    >>> doc.sections[0].table.rows[0][:2], doc.sections[-1].paragraphs[0][:40]
    (('1', 'Phòng Nội vụ'), '- Phòng, ban, ngành huyện (05 đơn vị): 0')
    """
    ranking, run = _results_of(result)
    head = _letterhead(
        letterhead,
        "scoreboard_document",
        agency=None,
        place=None,
        signature=None,
        parent_agency=None,
        issuer_symbol=None,
    )
    if names is None and run is not None:
        names = run.campaign.units
    what = _subject_of(ranking, run, subject)
    board = _board(
        ranking,
        names=names,
        groups=_group_names(groups, run),
        decision=decision,
        depth=depth,
        issuer=head.issuer,
    )
    carried = _carried(run, carries_out)
    opening = (
        f"Thực hiện {'; '.join(carried)}, {head.issuer} tổng hợp {what} như sau:"
        if carried
        else f"{head.issuer} tổng hợp {what} như sau:"
    )
    sections = [
        Section(name, (board.legend,) if i == 0 else (), table)
        for i, (name, table) in enumerate(board.groups)
    ]
    sections.append(Section("Tổng hợp xếp loại", [_band_line(*line) for line in board.bands]))
    doc = OfficialDocument(
        DocumentType.BC,
        number=number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=issued,
        summary=f"Tổng hợp {what}",
        issuer_symbol=head.symbol,
        basis=[opening],
        sections=sections,
        signature=head.signature,
        recipients=recipients,
        archive=head.archive,
        party=head.party,
        landscape=True,
        notice=_ILLUSTRATIVE if illustrative else None,
    )
    return _in_house_style(doc)


def _carried(run: CampaignResult | None, carries_out: Iterable[Directive | str]) -> list[str]:
    """The documents carried out, cited: the campaign's plan first, then ``carries_out``."""
    cited = [str(run.campaign.plan)] if run is not None else []
    for i, item in enumerate(sequence(carries_out, "carries_out")):
        if isinstance(item, Directive):
            cited.append(_citation(item))
        else:
            cited.append(text(item, f"carries_out[{i}]"))
    return cited


#: Who carries out a decision announcing results, by the level of the committee that decides.
_ANNOUNCES = {
    "huyện": ("Chánh Văn phòng HĐND và UBND huyện", "Trưởng phòng Nội vụ"),
    "quận": ("Chánh Văn phòng HĐND và UBND quận", "Trưởng phòng Nội vụ"),
    "thị xã": ("Chánh Văn phòng HĐND và UBND thị xã", "Trưởng phòng Nội vụ"),
    "tỉnh": ("Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Nội vụ"),
    "thành phố": ("Chánh Văn phòng UBND thành phố", "Giám đốc Sở Nội vụ"),
    "xã": ("Công chức Văn phòng - Thống kê xã",),
}
#: The reform office that proposes the results and follows them up, by level.
_REFORM_OFFICE = {
    "huyện": ("Trưởng phòng Nội vụ", "Phòng Nội vụ"),
    "quận": ("Trưởng phòng Nội vụ", "Phòng Nội vụ"),
    "thị xã": ("Trưởng phòng Nội vụ", "Phòng Nội vụ"),
    "tỉnh": ("Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    "thành phố": ("Giám đốc Sở Nội vụ", "Sở Nội vụ"),
    "xã": ("Công chức Văn phòng - Thống kê", "Công chức Văn phòng - Thống kê"),
}


def _authority_bases(on: datetime.date) -> tuple[str, ...]:
    """The laws on local government in force ``on`` a date: a committee chair's authority to
    decide (from :data:`COMMENDATION_BASES`)."""
    return tuple(b for b in commendation_bases(on) if "chính quyền địa phương" in b)


def announcement_document(
    result: CampaignResult | Ranking,
    letterhead: Letterhead,
    *,
    issued: datetime.date,
    subject: str | None = None,
    names: Names | None = None,
    groups: Mapping[str, str] | None = None,
    depth: int = 0,
    legal_bases: Iterable[str] | None = None,
    carries_out: Iterable[Directive | str] = (),
    proposed_by: str | None = None,
    responsible: Iterable[str] | None = None,
    number: DocumentNumber | str | None = None,
    illustrative: bool = False,
    recipients: Iterable[str] = (),
) -> OfficialDocument:
    """The decision announcing results (Quyết định công bố kết quả): a PAR Index (from a
    :class:`~cchc.scoring.Ranking`) or a campaign's scoring (from a campaign run), with the
    scoreboard as its landscape appendix (:func:`scoreboard_appendix`). Its bases are the
    signer's authority (the law on local government in force on ``issued``, or
    ``legal_bases``), the documents carried out (the campaign's plan, and ``carries_out``:
    a legal document such as the decision issuing the criteria is cited "Căn cứ …"), "Theo đề
    nghị của" the reform office (or ``proposed_by``). Article 1 announces ``subject`` with the
    units per band and the leader of each group "(chi tiết tại Phụ lục kèm theo)"; Article 2
    asks the units to act on it; then entry into force, and the officials responsible
    (``responsible``), ending "./."; recipients start with "Như Điều 4".

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> doc = announcement_document(result, Letterhead.of_issuer("UBND huyện Châu Thành"),
    ...                             issued=datetime.date(2022, 1, 7))
    >>> doc.summary[:60]
    'Về việc công bố kết quả chấm điểm, xếp hạng phong trào thi đ'
    >>> doc.basis[-1]
    'Theo đề nghị của Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng huyện.'
    >>> doc.sections[0].paragraphs[0][:60]
    '- Phòng, ban, ngành huyện (05 đơn vị): 03 đơn vị xếp loại Xu'
    >>> doc.recipients[0], doc.sections[-1].heading[-3:], doc.appendices[0].landscape
    ('Như Điều 4', './.', True)
    """
    ranking, run = _results_of(result)
    head = _letterhead(
        letterhead,
        "announcement_document",
        agency=None,
        place=None,
        signature=None,
        parent_agency=None,
        issuer_symbol=None,
    )
    if names is None and run is not None:
        names = run.campaign.units
    what = _subject_of(ranking, run, subject)
    signs = head.signature
    chief = signs.authority if signs.prefix == "KT." and signs.authority else signs.position
    decides = f"{chief} {head.issuer}"
    level = _level_of(head.issuer) or "huyện"
    proposer, office = _REFORM_OFFICE.get(level, _REFORM_OFFICE["huyện"])
    if run is not None and proposed_by is None:
        proposer = _PROPOSER.get(level, proposer)
    if proposed_by is not None:
        proposer = text(proposed_by, "proposed_by")
    board = _board(
        ranking,
        names=names,
        groups=_group_names(groups, run),
        decision=None,
        depth=depth,
        issuer=head.issuer,
    )
    legal = [
        f"Căn cứ {b};"
        for b in (
            texts(legal_bases, "legal_bases")
            if legal_bases is not None
            else _authority_bases(issued)
        )
    ]
    carried: list[str] = [str(run.campaign.plan)] if run is not None else []
    for i, item in enumerate(sequence(carries_out, "carries_out")):
        if isinstance(item, Directive):
            (legal if _is_legal(item) else carried).append(
                f"Căn cứ {_citation(item)};" if _is_legal(item) else _citation(item)
            )
        else:
            carried.append(text(item, f"carries_out[{i}]"))
    bases = [*legal, *(f"Thực hiện {c};" for c in carried), f"Theo đề nghị của {proposer}."]
    articles = [
        Section(
            f"Công bố {what} (chi tiết tại Phụ lục kèm theo), cụ thể như sau:",
            [_band_line(*line) for line in board.bands],
        ),
        Section(
            "Căn cứ kết quả được công bố, thủ trưởng các cơ quan, đơn vị phân tích, đánh giá "
            "những mặt đạt được, hạn chế, tồn tại ở từng lĩnh vực, tiêu chí và đề ra giải pháp "
            f"khắc phục, nâng cao hiệu quả công tác cải cách hành chính; {office} theo dõi, đôn "
            "đốc và tổng hợp kết quả thực hiện."
        ),
        Section("Quyết định này có hiệu lực kể từ ngày ký."),
    ]
    officials = (
        tuple(texts(responsible, "responsible"))
        if responsible is not None
        else _ANNOUNCES.get(level, _ANNOUNCES["huyện"])
    )
    articles.append(
        Section(
            f"{', '.join(officials)} và thủ trưởng các cơ quan, đơn vị có tên tại Phụ lục kèm "
            "theo chịu trách nhiệm thi hành Quyết định này./."
        )
    )
    symbol = f"{DocumentType.QD.abbreviation}-{head.symbol or 'UBND'}"
    number_text = f"số {number}" if number is not None else f"số {_BLANK}/{symbol}"
    appendix = Appendix(
        f"Kết quả {_without_ket_qua(what)}",
        f"(Kèm theo Quyết định {number_text} {format_date(issued)} của {decides})",
        [
            Section(name, (board.legend,) if i == 0 else (), table)
            for i, (name, table) in enumerate(board.groups)
        ],
        label="Phụ lục",
        landscape=True,
    )
    doc = OfficialDocument(
        DocumentType.QD,
        number=number,
        agency=head.issuer,
        parent_agency=head.parent,
        place=head.place,
        issued=issued,
        summary=f"Về việc công bố {what}",
        issuer_symbol=head.symbol,
        authority=decides,
        basis=bases,
        sections=articles,
        articles=True,
        signature=signs,
        recipients=(f"Như Điều {len(articles)}", *texts(recipients, "recipients")),
        archive=head.archive,
        party=head.party,
        appendices=[appendix],
        notice=_ILLUSTRATIVE if illustrative else None,
    )
    return _in_house_style(doc)


def _without_ket_qua(what: str) -> str:
    """What an appendix titled "Kết quả …" shows: ``what`` without a leading "kết quả"."""
    folded = fold(what)
    if folded.startswith(fold("kết quả ")):
        return what[len("kết quả ") :]
    return what
