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

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cchc.calendar import format_numeric_date, format_place_date
from cchc.campaigns import CampaignResult
from cchc.directives import DocumentNumber, DocumentType
from cchc.errors import CchcTypeError, ValidationError
from cchc.plans import Measure, Plan, Target
from cchc.text import fold, nfc
from cchc.units import UnitTree

__all__ = [
    "OfficialDocument",
    "Section",
    "Signature",
    "Table",
    "award_decision_document",
    "plan_document",
    "render",
    "roman",
    "save",
]

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
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
    if not isinstance(n, int) or isinstance(n, bool) or not 0 < n < 4000:
        raise ValidationError("must be a whole number from 1 to 3999", field="n", value=n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise CchcTypeError("must be text", value=value)
    return nfc(value)


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise CchcTypeError("must be a collection of texts (not one text)", value=value)
    return tuple(_text(v) for v in value)


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise ValidationError("must not be empty", field=attribute.name, value=value)


def _rows(value: object) -> tuple[tuple[str, ...], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise CchcTypeError("must be a collection of rows", field="rows", value=value)
    return tuple(_texts(row) for row in value)


def _floats(value: Iterable[float]) -> tuple[float, ...]:
    return tuple(value)


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


@attrs.frozen
class Table:
    """A table inside a section: a ``header`` row and body ``rows`` of text, each as wide as
    the header; ``widths`` in centimetres, one per column, or empty for equal columns.

    >>> Table(["STT", "Nhiệm vụ"], [["1", "Rà soát TTHC"], ["2"]])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: rows[1] = ('2',): has 1 cells; the header has 2
    """

    header: tuple[str, ...] = attrs.field(converter=_texts)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    widths: tuple[float, ...] = attrs.field(default=(), converter=_floats)

    def __attrs_post_init__(self) -> None:
        if not self.header:
            raise ValidationError("a table needs at least one column", field="header", value=())
        for i, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValidationError(
                    f"has {len(row)} cells; the header has {len(self.header)}",
                    field=f"rows[{i}]",
                    value=row,
                )
        if self.widths and len(self.widths) != len(self.header):
            raise ValidationError("needs one width per column", field="widths", value=self.widths)


@attrs.frozen
class Section:
    """A part of the document body: a ``heading`` (numbered I, II, … when rendered), its
    ``paragraphs`` and an optional ``table`` after them."""

    heading: str = attrs.field(converter=_text, validator=_not_blank)
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    table: Table | None = attrs.field(default=None)


def _prefix(value: object) -> str | None:
    if value is None:
        return None
    text = _text(value).upper()
    if not text.endswith("."):
        text += "."
    if text not in _PREFIXES:
        raise ValidationError(
            f"is not an authority prefix of Decree 30 ({', '.join(_PREFIXES)})",
            field="prefix",
            value=value,
        )
    return text


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


@attrs.frozen
class Signature:
    """Who signs: ``position`` ("Chủ tịch"), the ``signer``'s name, and, when someone signs
    for a collective or for the head, the ``prefix`` (TM., KT., TL., TUQ. or Q.) with the
    ``authority`` it names ("TM. Ủy ban nhân dân", "KT. Chủ tịch").

    >>> Signature("Phó Chủ tịch", "Trần Thị B", authority="Chủ tịch", prefix="KT").lines()
    ('KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
    """

    position: str = attrs.field(converter=_text, validator=_not_blank)
    signer: str = attrs.field(converter=_text, validator=_not_blank)
    authority: str | None = attrs.field(default=None, kw_only=True, converter=_optional_text)
    prefix: str | None = attrs.field(default=None, kw_only=True, converter=_prefix)

    def __attrs_post_init__(self) -> None:
        if (self.prefix is None) != (self.authority is None):
            raise ValidationError(
                "a prefix and the authority it names go together",
                field="prefix",
                value=self.prefix,
            )

    def lines(self) -> tuple[str, ...]:
        """The upper-case lines above the signature."""
        head = () if self.prefix is None else (f"{self.prefix} {self.authority}".upper(),)
        return (*head, self.position.upper())


def _number(value: object) -> DocumentNumber | None:
    if value is None or isinstance(value, DocumentNumber):
        return value
    if isinstance(value, str):
        return DocumentNumber.parse(value)
    raise CchcTypeError("must be a DocumentNumber, its text or None", field="number", value=value)


def _date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise CchcTypeError("must be a datetime.date", field=attribute.name, value=value)


@attrs.frozen
class OfficialDocument:
    """An administrative document as Decree 30/2020/NĐ-CP lays it out.

    ``agency`` is the issuing body and ``parent_agency`` the body above it, if the format
    names one; ``basis`` holds the "Căn cứ …" lines (or the opening sentence) before the parts;
    ``recipients`` are listed under "Nơi nhận" and ``archive`` ends that list ("Lưu: VT, …").
    A công văn (``DocumentType.CONG_VAN``) carries its summary as "V/v …" under the number
    instead of a title.
    """

    doc_type: DocumentType = attrs.field(validator=attrs.validators.instance_of(DocumentType))
    agency: str = attrs.field(kw_only=True, converter=_text, validator=_not_blank)
    place: str = attrs.field(kw_only=True, converter=_text, validator=_not_blank)
    issued: datetime.date = attrs.field(kw_only=True, validator=_date)
    summary: str = attrs.field(kw_only=True, converter=_text, validator=_not_blank)
    signature: Signature = attrs.field(
        kw_only=True, validator=attrs.validators.instance_of(Signature)
    )
    number: DocumentNumber | None = attrs.field(default=None, kw_only=True, converter=_number)
    parent_agency: str | None = attrs.field(default=None, kw_only=True, converter=_optional_text)
    basis: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    sections: tuple[Section, ...] = attrs.field(default=(), kw_only=True, converter=_sections)
    recipients: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_texts)
    archive: tuple[str, ...] = attrs.field(default=("VT",), kw_only=True, converter=_texts)
    landscape: bool = attrs.field(default=False, kw_only=True)
    #: The line naming who decides, between the summary and the basis of a decision
    #: ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH").
    authority: str | None = attrs.field(default=None, kw_only=True, converter=_optional_text)
    #: Number the parts as articles ("Điều 1.", "Điều 2.") after a "QUYẾT ĐỊNH:" line, as a
    #: decision does, instead of I, II, …
    articles: bool = attrs.field(default=False, kw_only=True)
    #: The issuer's symbol for the number line of a draft that has no number yet ("UBND"
    #: gives "Số:      /QĐ-UBND").
    issuer_symbol: str | None = attrs.field(default=None, kw_only=True, converter=_optional_text)

    def __attrs_post_init__(self) -> None:
        for i, section in enumerate(self.sections):
            if not isinstance(section, Section):
                raise CchcTypeError("must be a Section", field=f"sections[{i}]", value=section)
        if self.number is not None and self.number.doc_type not in (None, self.doc_type):
            raise ValidationError(
                f"names the type {self.number.doc_type.vi!r}, not {self.doc_type.vi!r}",
                field="number",
                value=str(self.number),
            )

    def number_line(self) -> str:
        """ "Số: 138/KH-UBND", or a blank to fill in for a draft with no number yet.

        >>> import datetime
        >>> draft = OfficialDocument(DocumentType.QD, agency="UBND huyện", place="Châu Thành",
        ...     issued=datetime.date(2022, 1, 10), summary="Về việc khen thưởng",
        ...     signature=Signature("Chủ tịch", "A"), issuer_symbol="UBND")
        >>> draft.number_line()
        'Số:      /QĐ-UBND'
        """
        if self.number is not None:
            return f"Số: {self.number}"
        symbol = "-".join(s for s in (self.doc_type.abbreviation, self.issuer_symbol) if s)
        return f"Số:      /{symbol}"

    def header_lines(self) -> tuple[tuple[str, str], ...]:
        """The header's two columns, line by line (left, right); an empty string where a
        column has no line."""
        left = [self.agency.upper(), "", self.number_line()]
        if self.parent_agency:
            left.insert(0, self.parent_agency.upper())
        right = [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            format_place_date(self.place, self.issued),
        ]
        if self.parent_agency:
            right.insert(2, "")
        width = max(len(left), len(right))
        left += [""] * (width - len(left))
        right += [""] * (width - len(right))
        return tuple(zip(left, right, strict=True))


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
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, size=14)
    normal = document.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), size=14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


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


def _rule(container: Any, *, inset: Any) -> None:
    """A short horizontal rule: an empty, one-point-high paragraph whose bottom border runs
    between its indents."""
    paragraph = _paragraph(container)
    fmt = paragraph.paragraph_format
    fmt.left_indent = inset
    fmt.right_indent = inset
    fmt.line_spacing = Pt(1)
    fmt.space_after = Pt(6)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _page_field(paragraph: Paragraph) -> None:
    for kind, text in (
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
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


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


def _cell_text(cell: _Cell, lines: Sequence[tuple[str, dict[str, Any]]]) -> None:
    first = cell.paragraphs[0]
    for i, (text, style) in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        rule = style.pop("rule", None)
        _paragraph(cell, text, existing=p, **style)
        if rule is not None:
            _rule(cell, inset=rule)


def _header(document: Any, doc: OfficialDocument, width: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left_w, right_w = Cm(6.5), width - Cm(6.5)
    _widths(table, (left_w, right_w))
    left: list[tuple[str, dict[str, Any]]] = []
    if doc.parent_agency:
        left.append((doc.parent_agency.upper(), {"size": 13}))
    left.append((doc.agency.upper(), {"size": 13, "bold": True, "rule": Cm(2.0)}))
    if doc.doc_type is DocumentType.CONG_VAN:
        left.append((doc.number_line(), {"size": 13}))
        left.append((f"V/v {doc.summary}", {"size": 12}))
    else:
        left.append((doc.number_line(), {"size": 13}))
    right: list[tuple[str, dict[str, Any]]] = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"size": 12.5, "bold": True}),
        ("Độc lập - Tự do - Hạnh phúc", {"size": 13, "bold": True, "rule": Cm(2.4)}),
        (format_place_date(doc.place, doc.issued), {"size": 14, "italic": True}),
    ]
    if doc.parent_agency:
        right.insert(2, ("", {"size": 13}))
    _cell_text(table.rows[0].cells[0], left)
    _cell_text(table.rows[0].cells[1], right)
    # the place-date line sits a little apart from the motto
    table.rows[0].cells[1].paragraphs[-1].paragraph_format.space_before = Pt(6)


def _xml_cell(text: str, width: int, *, bold: bool, center: bool) -> Any:
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), str(width // 635))  # EMU to twentieths of a point
    tcw.set(qn("w:type"), "dxa")
    tcpr.append(tcw)
    tc.append(tcpr)
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    ppr.append(spacing)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center" if center else "left")
    ppr.append(jc)
    p.append(ppr)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    _fonts(rpr, size=12)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    p.append(r)
    tc.append(p)
    return tc


def _body_table(document: Any, table: Table, width: int) -> None:
    """A bordered table, its rows written straight into the XML (python-docx's cell access
    rebuilds the grid on every call and turns quadratic on long tables); the header row
    repeats on every page."""
    grid = document.add_table(rows=0, cols=len(table.header))
    _grid_borders(grid)
    grid.autofit = False
    weights = table.widths or (1,) * len(table.header)
    total = sum(weights)
    widths = [int(width * w / total) for w in weights]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    tbl = grid._tbl
    for row_no, row in enumerate((table.header, *table.rows)):
        tr = OxmlElement("w:tr")
        trpr = OxmlElement("w:trPr")
        trpr.append(OxmlElement("w:cantSplit"))
        if row_no == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        tr.append(trpr)
        for text, w in zip(row, widths, strict=True):
            tr.append(_xml_cell(text, w, bold=row_no == 0, center=row_no == 0 or len(text) < 12))
        tbl.append(tr)


def _signature(document: Any, doc: OfficialDocument, width: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left_cell, right_cell = table.rows[0].cells
    _widths(table, (width // 2, width - width // 2))
    lines: list[tuple[str, dict[str, Any]]] = [
        ("Nơi nhận:", {"size": 12, "bold": True, "italic": True, "align": WD_ALIGN_PARAGRAPH.LEFT}),
    ]
    for recipient in doc.recipients:
        lines.append((f"- {recipient};", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT}))
    lines.append(
        (f"- Lưu: {', '.join(doc.archive)}.", {"size": 11, "align": WD_ALIGN_PARAGRAPH.LEFT})
    )
    _cell_text(left_cell, lines)
    right: list[tuple[str, dict[str, Any]]] = [
        (line, {"size": 14, "bold": True}) for line in doc.signature.lines()
    ]
    right += [("", {"size": 14})] * 4
    right.append((doc.signature.signer, {"size": 14, "bold": True}))
    _cell_text(right_cell, right)


def _build(doc: OfficialDocument) -> Any:
    document = docx.Document()
    _set_defaults(document)
    section = document.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    _page_field(_paragraph(section.header, existing=section.header.paragraphs[0]))
    width = section.page_width - section.left_margin - section.right_margin

    # the default document starts with one empty paragraph; the header table goes before it
    _header(document, doc, width)
    if doc.doc_type is not DocumentType.CONG_VAN:
        title = _paragraph(document, after=0)
        title.paragraph_format.space_before = Pt(18)
        _run(title, doc.doc_type.vi.upper(), size=14, bold=True)
        _paragraph(document, doc.summary, bold=True)
        _rule(document, inset=width * 3 // 8)
        _paragraph(document, after=6)
    else:
        _paragraph(document, after=6)
    justified: dict[str, Any] = {
        "align": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "after": 6,
        "first_line": Cm(1.27),
    }
    if doc.authority:
        _paragraph(document, doc.authority.upper(), bold=True, after=12)
    for line in doc.basis:
        _paragraph(document, line, italic=line.startswith("Căn cứ"), **justified)
    if doc.articles and doc.sections:
        _paragraph(document, "QUYẾT ĐỊNH:", bold=True, after=6)
    for n, part in enumerate(doc.sections, start=1):
        if doc.articles:
            article = _paragraph(document, **justified)
            _run(article, f"Điều {n}. ", size=14, bold=True)
            _run(article, part.heading, size=14)
        else:
            _paragraph(document, f"{roman(n)}. {part.heading.upper()}", bold=True, **justified)
        for text in part.paragraphs:
            _paragraph(document, text, **justified)
        if part.table is not None:
            _body_table(document, part.table, width)
            _paragraph(document, after=6)
    _paragraph(document, after=6)
    _signature(document, doc, width)
    props = document.core_properties
    stamp = datetime.datetime.combine(doc.issued, datetime.time())
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = doc.agency
    props.title = doc.summary
    props.language = LANGUAGE
    return document


def render(doc: OfficialDocument) -> bytes:
    """The DOCX file of ``doc``, as bytes that depend on ``doc`` alone (fixed timestamps in the
    document properties and in the zip entries)."""
    if not isinstance(doc, OfficialDocument):
        raise CchcTypeError("must be an OfficialDocument", field="doc", value=doc)
    raw = io.BytesIO()
    _build(doc).save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def save(doc: OfficialDocument, path: Any) -> None:
    """Write the DOCX file of ``doc`` to ``path`` (a path or a writable binary file)."""
    data = render(doc)
    if hasattr(path, "write"):
        path.write(data)
    else:
        with open(path, "wb") as fh:
            fh.write(data)


# --- documents built from the domain's values --------------------------------------------------


def _target_line(target: Target) -> str:
    value = f"{target.target.normalize():f}"
    if target.measure is Measure.PERCENT:
        value += "%"
    elif target.measure is Measure.YES_NO:
        value = "đạt" if target.target == 1 else "không"
    base = (
        f" (năm {target.baseline_year}: {target.baseline.normalize():f})"
        if target.baseline is not None and target.baseline_year is not None
        else ""
    )
    return f"- {target.name}: {value} vào ngày {format_numeric_date(target.due)}{base}."


def plan_document(
    plan: Plan,
    *,
    agency: str,
    place: str,
    signature: Signature,
    parent_agency: str | None = None,
    units: UnitTree | None = None,
    recipients: Iterable[str] = (),
    archive: Iterable[str] = ("VT",),
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
    >>> doc = plan_document(plan, agency="Ủy ban nhân dân huyện Văn Bàn", place="Văn Bàn",
    ...                     signature=Signature("Chủ tịch", "Nguyễn Văn A"))
    >>> [s.heading for s in doc.sections]
    ['Nhiệm vụ', 'Tổ chức thực hiện']
    >>> doc.sections[0].table.rows
    (('1', 'Rà soát TTHC', 'Báo cáo', 'VP', '', '30/6/2023'),)
    """
    if plan.issued is None:
        raise ValidationError("a plan must be issued to be laid out", field="issued", value=None)

    def name(code: str | None) -> str:
        if code is None:
            return ""
        if units is not None and code in units:
            return units.get(code).name
        return code

    basis = [f"Căn cứ {d};" for d in plan.implements]
    by = plan.issuer or agency
    basis.append(f"{by} ban hành Kế hoạch {plan.summary[0].lower()}{plan.summary[1:]} như sau:")
    sections = []
    if plan.objectives:
        sections.append(Section("Mục đích, yêu cầu", [_target_line(t) for t in plan.objectives]))
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
    organisation = [
        f"- {r.kind.vi}: ngày {format_numeric_date(r.on)}{f' ({r.note})' if r.note else ''}."
        for r in plan.reviews
    ]
    organisation.append(
        f"Thời gian thực hiện: {plan.period}. Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng "
        "kế hoạch của đơn vị và báo cáo kết quả thực hiện theo quy định."
    )
    sections.append(Section("Tổ chức thực hiện", organisation))
    return OfficialDocument(
        DocumentType.KH,
        number=plan.number,
        agency=agency,
        parent_agency=parent_agency,
        place=place,
        issued=plan.issued,
        summary=plan.summary,
        basis=basis,
        sections=sections,
        signature=signature,
        recipients=recipients,
        archive=archive,
        issuer_symbol=issuer_symbol,
    )


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
    *,
    agency: str,
    place: str,
    issued: datetime.date,
    signature: Signature,
    number: DocumentNumber | str | None = None,
    parent_agency: str | None = None,
    proposed_by: str = "Hội đồng Thi đua - Khen thưởng",
    issuer_symbol: str | None = "UBND",
    recipients: Iterable[str] = (),
    archive: Iterable[str] = ("VT",),
) -> OfficialDocument:
    """The decision (Quyết định) commending the winners of a campaign run: the launching plan
    as its basis, then Article 1 with the list of collectives and individuals and their
    prizes, Article 2 its entry into force and Article 3 who carries it out. Unfilled prizes
    and unresolved ties are not listed: a decision is issued once the council has settled
    them (an unresolved tie raises :class:`~cchc.errors.ValidationError`).

    >>> from cchc.campaigns import run_campaign
    >>> from cchc.examples import load, load_results
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> doc = award_decision_document(result, agency="Ủy ban nhân dân huyện Châu Thành",
    ...     place="Châu Thành", issued=datetime.date(2022, 1, 10),
    ...     signature=Signature("Chủ tịch", "(illustrative name)"))
    >>> doc.authority      # rendered in upper case
    'Chủ tịch Ủy ban nhân dân huyện Châu Thành'
    >>> doc.sections[0].heading
    'Khen thưởng 8 tập thể và 8 cá nhân có thành tích xuất sắc trong phong trào thi đua \
chuyên đề “Thực hiện cải cách hành chính” huyện Châu Thành năm 2021, gồm:'
    >>> doc.sections[0].table.rows[0]
    ('1', 'Phòng Nội vụ', 'Phòng, ban, ngành huyện', 'Giải Nhất', '97.10')
    """
    decision = result.decision
    if decision.ties:
        tie = decision.ties[0]
        raise ValidationError(
            "the council has ties to settle before the decision is issued",
            field="decision.ties",
            value=tie.candidates,
        )
    campaign = result.campaign
    group_names = {fold(g.code): g.name for g in decision.structure.groups}
    campaign_groups = {fold(g.code) for g in campaign.groups}
    collectives = sum(fold(a.group) in campaign_groups for a in decision.awards)
    people = len(decision.awards) - collectives
    rows = [
        (
            str(i),
            a.name or a.recipient,
            group_names.get(fold(a.group), a.group),
            a.prize_name,
            f"{a.points}",
        )
        for i, a in enumerate(decision.awards, start=1)
    ]
    table = Table(
        ("STT", "Tập thể, cá nhân", "Khối", "Giải thưởng", "Điểm"),
        rows,
        widths=(1.4, 5.5, 4.4, 3.5, 2),
    )
    whom = []
    if collectives:
        whom.append(f"{collectives} tập thể")
    if people:
        whom.append(f"{people} cá nhân")
    sections = [
        Section(
            f"Khen thưởng {' và '.join(whom) or 'các tập thể, cá nhân'} có thành tích xuất sắc "
            f"trong {_in_sentence(campaign.name)}, gồm:",
            (),
            table,
        ),
        Section("Quyết định này có hiệu lực kể từ ngày ký."),
        Section(
            "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại "
            "Điều 1 chịu trách nhiệm thi hành Quyết định này."
        ),
    ]
    basis = [f"Căn cứ {campaign.plan};", f"Xét đề nghị của {proposed_by}."]
    return OfficialDocument(
        DocumentType.QD,
        number=number,
        agency=agency,
        parent_agency=parent_agency,
        place=place,
        issued=issued,
        summary=f"Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
        f"{_in_sentence(campaign.name)}",
        issuer_symbol=issuer_symbol,
        authority=f"{signature.position} {agency}",
        basis=basis,
        sections=sections,
        articles=True,
        signature=signature,
        recipients=(*recipients, "Như Điều 3"),
        archive=archive,
    )
