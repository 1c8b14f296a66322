"""Opening an .xlsx file nobody vouches for: bounded, nothing evaluated, every fault a
:class:`~cchc.errors.CchcError` with a message an officer can act on.

An .xlsx file is a zip of XML parts. Before any cell is read, :func:`open_xlsx` checks:

- the file's size (:data:`MAX_FILE_BYTES`) and that it is a zip at all (an old .xls, an
  encrypted workbook, a renamed PDF or a truncated download are each named for what they are);
- the zip: how many members (:data:`MAX_MEMBERS`), their declared and their *actual*
  uncompressed sizes (:data:`MAX_UNCOMPRESSED`, read with a cap, so a member that lies about
  its size is caught while it is inflated) and the compression ratio (:data:`MAX_RATIO`);
- macros: a workbook with a VBA project (.xlsm, .xlsb) is refused, never opened;
- XML: a document type declaration or an entity definition (the billion-laughs and external
  entity attacks) is refused in every part; no legitimate workbook has one;
- cells: at most :data:`MAX_CELLS` per workbook, counted on the XML before it is parsed.

Values are then read by python-calamine, which returns what the file stores and never
evaluates a formula; :meth:`Xlsx.formula_cells` says which cells hold one, so that a reader can
refuse a formula where a person should have typed a value.

>>> open_xlsx(b"not a workbook", "X03.xlsx")
Traceback (most recent call last):
...
cchc.errors.ParseError: X03.xlsx: is not an Excel workbook (.xlsx)
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from typing import Any

import attrs

from cchc._fields import require
from cchc.errors import CchcError, ParseError

python_calamine = require("python_calamine", "xlsx", "Excel workbooks", "tệp Excel")
ElementTree = require("defusedxml.ElementTree", "xlsx", "Excel workbooks", "tệp Excel")

__all__ = [
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "Xlsx",
    "open_xlsx",
]

#: The largest file read: a filled self-assessment is tens of kilobytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: The most members the zip may hold.
MAX_MEMBERS = 1000
#: The most bytes all members may inflate to, together.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
#: The highest compression ratio of a member larger than a megabyte (XML compresses about 10
#: to 30 times; a zip bomb a thousand times or more).
MAX_RATIO = 200
#: The most cells a workbook may hold, all sheets together.
MAX_CELLS = 500_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REF = re.compile(rb' r="([A-Z]+[0-9]+)"')
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _refused(name: str, en: str, vi: str, code: str) -> ParseError:
    return ParseError(en, vi=vi, field=name, code=code)


@attrs.frozen(eq=False)
class Xlsx:
    """An opened, checked workbook: its sheets in order with their visibility, and their cells
    as calamine reads them (nothing evaluated)."""

    name: str
    sheets: tuple[str, ...]
    #: "visible", "hidden" or "veryhidden", by sheet name.
    states: dict[str, str]
    _book: Any = attrs.field(repr=False)
    _parts: dict[str, str] = attrs.field(repr=False)
    _xml: dict[str, bytes] = attrs.field(repr=False)
    _sheets: dict[str, Any] = attrs.field(factory=dict, repr=False, init=False)

    def _sheet(self, sheet: str) -> Any:
        found = self._sheets.get(sheet)
        if found is None:
            found = self._sheets[sheet] = self._book.get_sheet_by_name(sheet)
        return found

    def rows(self, sheet: str) -> list[list[Any]]:
        """The sheet's cells from A1, row by row (empty cells are ``""``)."""
        try:
            return list(self._sheet(sheet).to_python(skip_empty_area=False))
        except Exception as exc:  # calamine's own errors carry no type of ours
            raise _refused(
                self.name,
                f"sheet {sheet!r} cannot be read ({type(exc).__name__})",
                f"không đọc được trang tính “{sheet}”; tệp bị hỏng",
                "xlsx.corrupt",
            ) from None

    def merged(self, sheet: str) -> list[tuple[int, int, int, int]]:
        """Merged ranges of the sheet as (first row, first column, last row, last column),
        counted from 0."""
        try:
            ranges = self._sheet(sheet).merged_cell_ranges or []
        except Exception:
            return []
        return [(int(a[0]), int(a[1]), int(b[0]), int(b[1])) for a, b in ranges]

    def formula_cells(self, sheet: str) -> frozenset[str]:
        """References (``"F12"``) of the sheet's cells that hold a formula."""
        part = self._parts.get(sheet)
        if part is None:
            return frozenset()
        xml = self._xml[part]
        out = set()
        for found in _FORMULA_TAG.finditer(xml):
            # the nearest reference before the formula is its cell's (a row's holds no letter)
            start = xml.rfind(b' r="', 0, found.start())
            cell = _REF.match(xml, start) if start >= 0 else None
            if cell is not None:
                out.add(cell.group(1).decode())
        return frozenset(out)


#: What :mod:`zipfile` raises for a damaged archive: a bad header, an unsupported version or
#: compression method (NotImplementedError), a truncated or corrupt stream.
_ZIP_FAULTS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ValueError,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
)


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> bytes:
    """A member's bytes, read with a cap: a member inflating beyond what it declares, or beyond
    what is left of the budget, is refused while it is being read."""
    cap = min(info.file_size, budget)
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(65536):
            out += chunk
            if len(out) > cap:
                raise _bomb(name)
    return bytes(out)


def _bomb(name: str) -> ParseError:
    return _refused(
        name,
        "inflates far beyond its size (a zip bomb?)",
        "tệp giải nén ra quá lớn so với kích thước của nó (nghi là tệp độc hại)",
        "xlsx.too-large",
    )


def open_xlsx(source: str | os.PathLike[str] | bytes, name: str | None = None) -> Xlsx:
    """Open and check an .xlsx file (a path or its bytes); see the module's docs for what is
    refused. ``name`` is how messages call the file (its base name by default)."""
    if isinstance(source, bytes):
        data, name = source, name or "workbook.xlsx"
    else:
        name = name or os.path.basename(os.fspath(source))
        try:
            size = os.stat(source).st_size
            if size > MAX_FILE_BYTES:
                raise _refused(
                    name,
                    f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                    f"tệp quá lớn ({size:,} byte, giới hạn {MAX_FILE_BYTES:,} byte)".replace(
                        ",", "."
                    ),
                    "xlsx.too-large",
                )
            with open(source, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _refused(
                name,
                f"cannot be opened ({exc.strerror or type(exc).__name__})",
                "không mở được tệp",
                "xlsx.unreadable",
            ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _refused(
            name,
            f"is larger than {MAX_FILE_BYTES:,} bytes",
            "tệp quá lớn",
            "xlsx.too-large",
        )
    if data.startswith(_OLE):
        raise _refused(
            name,
            "is an old .xls file or an encrypted workbook: save it as an Excel Workbook (.xlsx) "
            "without a password",
            "là tệp .xls cũ hoặc tệp có mật khẩu: hãy lưu lại dưới dạng Excel Workbook (.xlsx), "
            "không đặt mật khẩu",
            "xlsx.not-xlsx",
        )
    if not data.startswith(b"PK"):
        raise _refused(
            name,
            "is not an Excel workbook (.xlsx)",
            "không phải là tệp Excel (.xlsx)",
            "xlsx.not-xlsx",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_FAULTS:
        raise _corrupt(name) from None
    if len(infos) > MAX_MEMBERS:
        raise _refused(
            name,
            f"holds {len(infos)} parts; the limit is {MAX_MEMBERS}",
            f"tệp chứa quá nhiều thành phần ({len(infos)}, giới hạn {MAX_MEMBERS})",
            "xlsx.too-large",
        )
    names = {info.filename for info in infos}
    if "xl/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refused(
            name,
            "contains macros (.xlsm): save it as an Excel Workbook (.xlsx); macros are never run",
            "tệp có chứa macro (.xlsm): hãy lưu lại dưới dạng Excel Workbook (.xlsx); "
            "macro không bao giờ được chạy",
            "xlsx.macros",
        )
    if "xl/workbook.xml" not in names:
        raise _refused(
            name,
            "is not an Excel workbook (.xlsx): it has no workbook part",
            "không phải là tệp Excel (.xlsx)",
            "xlsx.not-xlsx",
        )
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED:
        raise _bomb(name)
    xml: dict[str, bytes] = {}
    budget = MAX_UNCOMPRESSED
    cells = 0
    try:
        for info in infos:
            if info.flag_bits & 0x1:
                raise _refused(
                    name,
                    "is encrypted: save it without a password",
                    "tệp bị mã hóa: hãy lưu lại không đặt mật khẩu",
                    "xlsx.not-xlsx",
                )
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _bomb(name)
            if not (info.filename.endswith((".xml", ".rels")) or info.filename.startswith("xl/")):
                continue
            part = _inflate(archive, info, budget, name)
            budget -= len(part)
            if info.filename.endswith((".xml", ".rels")):
                if _DOCTYPE.search(part):
                    raise _refused(
                        name,
                        f"part {info.filename} declares a document type or entities, which no "
                        "workbook needs (an XML bomb?)",
                        "tệp chứa khai báo XML bất thường (nghi là tệp độc hại)",
                        "xlsx.xml",
                    )
                if info.filename.startswith("xl/worksheets/"):
                    cells += len(_CELL.findall(part))
                    if cells > MAX_CELLS:
                        raise _refused(
                            name,
                            f"holds more than {MAX_CELLS:,} cells",
                            f"tệp có quá nhiều ô (giới hạn {MAX_CELLS:,} ô)".replace(",", "."),
                            "xlsx.too-large",
                        )
                xml[info.filename] = part
    except CchcError:
        raise
    except _ZIP_FAULTS:
        raise _corrupt(name) from None
    sheets, states, parts = _sheets(xml, name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:
        raise _corrupt(name) from None
    return Xlsx(name, sheets, states, book, parts, xml)


def _corrupt(name: str) -> ParseError:
    return _refused(
        name,
        "is damaged or not an Excel workbook (.xlsx)",
        "tệp bị hỏng hoặc không phải là tệp Excel (.xlsx)",
        "xlsx.corrupt",
    )


def _sheets(
    xml: dict[str, bytes], name: str
) -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """Sheet names in order, their visibility and the part holding each."""
    try:
        book = ElementTree.fromstring(xml["xl/workbook.xml"])
        rels_xml = xml.get("xl/_rels/workbook.xml.rels")
        rels = ElementTree.fromstring(rels_xml) if rels_xml is not None else None
    except Exception:
        raise _corrupt(name) from None
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter(f"{{{_NS['p']}}}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id", "")] = os.path.normpath(target).replace(os.sep, "/")
    names: list[str] = []
    states: dict[str, str] = {}
    parts: dict[str, str] = {}
    for sheet in book.iter(f"{{{_NS['m']}}}sheet"):
        sheet_name = sheet.get("name", "")
        names.append(sheet_name)
        states[sheet_name] = (sheet.get("state") or "visible").lower()
        part = targets.get(sheet.get(f"{{{_NS['r']}}}id", ""), "")
        if part in xml:
            parts[sheet_name] = part
    if not names:
        raise _corrupt(name)
    return tuple(names), states, parts
