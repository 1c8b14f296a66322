"""Self-assessment in Excel (``cchc[xlsx]``): the workbook a unit fills in, the council's
workbook, and reading both back, exactly and safely.

A province sends each unit a **template** made from its framework: an instructions sheet and
a scoring sheet (*Tự đánh giá*) with the criterion tree, the maximum and how each criterion is
scored, one input cell per sub-criterion (two where the rule needs a ratio or a target), a
"not applicable" cell where the framework allows it, and columns for evidence (tài liệu kiểm
chứng) and the unit's explanation (giải trình). Only the input cells are open; the structure
is locked; every input cell has data validation; live formulas show the person filling it the
points and subtotals (the reader never trusts them: the engine recomputes). The workbook
carries the framework's fingerprint, so one filled against another version is refused.

>>> import tempfile, pathlib
>>> from cchc.criteria import load_bundled
>>> fw = load_bundled("cchc-campaign-6")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_templates(fw, ["XA-01", "XA-02"], folder, period="năm 2024")]
['XA-01.xlsx', 'XA-02.xlsx']

Reading a workbook gives the unit's :class:`~cchc.scoring.SelfAssessment`; reading many gives
the :class:`~cchc.scoring.ScoreTable` the engine scores. A blank template is not a
self-assessment: every problem is a :class:`~cchc.errors.Finding` naming the file, the sheet
and the cell, all of them at once, and nothing is scored:

>>> read_workbook(fw, folder / "XA-01.xlsx")
Traceback (most recent call last):
...
cchc.errors.InvalidDocumentError: XA-01.xlsx: 12 problems
  error workbook.blank at "XA-01.xlsx", "Tự đánh giá"!F6: missing the points of 1.1 ...
...

Numbers a person types in Excel are binary floats: each is read as the shortest decimal that
gives it back (13.5 is 13.5) and must be a whole number of the framework's precision steps, so
13.499999999 left by a formula is a finding, never rounded (see
:func:`cchc._fields.spreadsheet_number`). Files are opened by :mod:`cchc._xlsx`: no formula is
evaluated, no macro run, zip and XML bombs and oversized sheets are refused.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from cchc._fields import require, spreadsheet_number, text
from cchc._xlsx import Xlsx, open_xlsx
from cchc.criteria import Criterion, Extra, Framework, Level, RuleKind
from cchc.errors import CchcError, Finding, InvalidDocumentError, ValidationError
from cchc.scoring import (
    Adjustment,
    Appraisal,
    CouncilChange,
    Entry,
    ScoreTable,
    SelfAssessment,
    Source,
    council_change_report,
    score_table,
)
from cchc.text import fold
from cchc.units import Unit

__all__ = [
    "COUNCIL_SHEET_PREFIX",
    "INSTRUCTIONS_SHEET",
    "SCORING_SHEET",
    "CouncilReading",
    "WorkbookBatch",
    "fingerprint",
    "read_council",
    "read_workbook",
    "read_workbooks",
    "write_council_workbook",
    "write_template",
    "write_templates",
]

#: The sheet a unit fills in.
SCORING_SHEET = "Tự đánh giá"
#: The sheet that explains how to fill it.
INSTRUCTIONS_SHEET = "Hướng dẫn"
#: Council workbooks have one sheet per unit; a sheet's name is the unit's code.
COUNCIL_SHEET_PREFIX = ""
_META_SHEET = "_cchc"
_FORMAT = "cchc-workbook/1"
_SELF, _COUNCIL = "self-assessment", "council"

_HEADER_ROW = 4
_FIRST_ROW = 5
# columns, from 1
_STT, _CODE, _TITLE, _MAX, _RULE = 1, 2, 3, 4, 5
_VALUE, _SECOND, _NA, _POINTS, _EVIDENCE, _EXPLANATION = 6, 7, 8, 9, 10, 11
_A_VALUE, _A_SECOND, _A_NA, _A_REASON = 12, 13, 14, 15

_HEADERS = {
    _STT: "STT",
    _CODE: "Mã",
    _TITLE: "Lĩnh vực, tiêu chí, tiêu chí thành phần",
    _MAX: "Điểm tối đa",
    _RULE: "Cách chấm điểm",
    _VALUE: "Số liệu / điểm tự chấm",
    _SECOND: "Mẫu số / chỉ tiêu giao",
    _NA: "Không áp dụng",
    _POINTS: "Điểm (tạm tính)",
    _EVIDENCE: "Tài liệu kiểm chứng",
    _EXPLANATION: "Giải trình",
}
_COUNCIL_HEADERS = {
    _A_VALUE: "Thẩm định: số liệu / điểm",
    _A_SECOND: "Thẩm định: mẫu số / chỉ tiêu",
    _A_NA: "Thẩm định: không áp dụng",
    _A_REASON: "Lý do điều chỉnh",
}
_NA_TEXT = "Không áp dụng"
_YES, _NO = "Có", "Không"
_YES_WORDS = frozenset(fold(w) for w in ("có", "co", "yes", "đạt", "x", "1", "true"))
_NO_WORDS = frozenset(fold(w) for w in ("không", "khong", "no", "không đạt", "0", "false"))
_NA_WORDS = frozenset(fold(w) for w in (_NA_TEXT, "N/A", "NA", "KAD", "x"))


# ---------------------------------------------------------------------------------------------
# small helpers


def fingerprint(framework: Framework) -> str:
    """The framework's fingerprint: SHA-256 of its canonical JSON. A workbook records the
    fingerprint of the framework it was made from, and is read only against the same one.

    >>> from cchc.criteria import load_bundled
    >>> len(fingerprint(load_bundled("cchc-campaign-6")))
    64
    """
    from cchc.export.json import to_json

    return hashlib.sha256(to_json(framework).encode("utf-8")).hexdigest()


def _letter(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _ref(row: int, column: int) -> str:
    return f"{_letter(column)}{row}"


def _vn(number: Decimal | int) -> str:
    """A number as an officer writes it: ``0,5``, ``15``, ``1.000``."""
    number = Decimal(number)
    plain = f"{number.normalize():f}" if number == number else str(number)
    whole, _, decimals = plain.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = f"{int(digits):,}".replace(",", ".") if digits.isdigit() else digits
    return sign + grouped + ("," + decimals if decimals else "")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _nodes(framework: Framework) -> list[tuple[int, Criterion]]:
    """Every criterion with its depth (0 for a field), in the order the sheet lists them."""
    return [(path.count("."), node) for path, node in framework.walk()]


def _unit_of(unit: str | Unit, *, file: bool = False) -> tuple[str, str]:
    """The unit's code and name; with ``file``, the code must be one a file can be named
    after."""
    code, name = (unit.code, unit.name) if isinstance(unit, Unit) else (text(unit, "unit"),) * 2
    if not code.strip():
        raise ValidationError(
            "must not be empty", vi="mã đơn vị không được để trống", field="unit", value=code
        )
    if file and (any(ch in code for ch in '\\/:*?"<>|') or code in (".", "..")):
        raise ValidationError(
            "is not a unit code a file can be named after",
            vi="mã đơn vị không hợp lệ để đặt tên tệp (không được để trống hoặc chứa \\ / : * ? "
            "“ < > |)",
            field="unit",
            value=code,
        )
    return code, name


# ---------------------------------------------------------------------------------------------
# rules in words


def _interval(level: Level) -> str:
    parts = []
    if level.lower is not None:
        parts.append(("từ " if level.lower_inclusive else "trên ") + _vn(level.lower))
    if level.upper is not None:
        parts.append(("đến " if level.upper_inclusive else "dưới ") + _vn(level.upper))
    return " ".join(parts) or "mọi giá trị"


def _rule_words(node: Criterion) -> str:
    """How the criterion gives points, in Vietnamese, and what to type."""
    rule, top = node.effective_rule, _vn(node.maximum)
    kind = rule.kind
    if kind is RuleKind.MANUAL:
        step = f", theo bước {_vn(rule.step)} điểm" if rule.step is not None else ""
        words = f"Tự chấm từ 0 đến {top} điểm{step}. Nhập số điểm ở cột F."
    elif kind is RuleKind.YES_NO:
        words = f"Có: {top} điểm; Không: 0 điểm. Chọn Có hoặc Không ở cột F."
    elif kind is RuleKind.BANDED:
        levels = "; ".join(f"{_interval(lv)}: {_vn(lv.points)} điểm" for lv in rule.levels)
        words = f"Theo mức: {levels}. Nhập tỷ lệ (%) ở cột F; hoặc tử số ở cột F và mẫu số ở cột G."
    elif kind is RuleKind.PROPORTIONAL:
        zero = top if rule.zero_denominator_points is None else _vn(rule.zero_denominator_points)
        words = (
            f"Điểm = {top} × tử số / mẫu số (không có hồ sơ: {zero} điểm). Nhập tử số ở cột F, "
            "mẫu số ở cột G."
        )
    elif kind is RuleKind.DEDUCTION:
        words = (
            f"{top} điểm, trừ {_vn(rule.per or 0)} điểm cho mỗi lần, không thấp hơn "
            f"{_vn(min(rule.floor, node.maximum))} điểm. Nhập số lần ở cột F."
        )
    elif kind is RuleKind.BONUS:
        words = (
            f"{_vn(rule.per or 0)} điểm cho mỗi kết quả, tối đa {top} điểm. Nhập số lượng ở cột F."
        )
    elif kind is RuleKind.SURVEY:
        words = "Điểm do điều tra xã hội học; đơn vị không tự chấm."
    else:
        words = (
            "Chấm theo chỉ tiêu giao, so với đơn vị dẫn đầu trong khối (tính khi tổng hợp cả "
            "khối). Nhập giá trị đạt được ở cột F và chỉ tiêu được giao ở cột G (để trống nếu "
            "không được giao chỉ tiêu)."
        )
    if node.evidence:
        words += " Tài liệu kiểm chứng: " + "; ".join(node.evidence) + "."
    return words


def _inputs(node: Criterion) -> tuple[bool, bool]:
    """Whether the node has an input in column F, and one in column G."""
    if not node.is_leaf:
        return False, False
    rule = node.effective_rule
    if rule.kind is RuleKind.SURVEY:
        return False, False
    return True, rule.kind.input_kind in ("ratio", "target") or rule.kind is RuleKind.BANDED


# ---------------------------------------------------------------------------------------------
# writing


def _points_formula(
    node: Criterion, row: int, first: int, second: int, na: int | None, digits: int
) -> str:
    """A live estimate of a leaf's points for the person filling (never read back)."""
    rule, top = node.effective_rule, f"{node.maximum}"
    f, g = _ref(row, first), _ref(row, second)
    kind = rule.kind
    if kind is RuleKind.MANUAL:
        expr = f"{f}"
    elif kind is RuleKind.YES_NO:
        expr = f'IF({f}="{_YES}",{top},0)'
    elif kind is RuleKind.BANDED:
        value = f"IF(N({g})>0,{f}*100/{g},{f})"
        expr = "0"
        for level in reversed(rule.levels):
            tests = []
            if level.lower is not None:
                tests.append(f"{value}{'>=' if level.lower_inclusive else '>'}{level.lower}")
            if level.upper is not None:
                tests.append(f"{value}{'<=' if level.upper_inclusive else '<'}{level.upper}")
            test = f"AND({','.join(tests)})" if tests else "TRUE"
            expr = f"IF({test},{level.points},{expr})"
    elif kind is RuleKind.PROPORTIONAL:
        zero = top if rule.zero_denominator_points is None else f"{rule.zero_denominator_points}"
        expr = f"IF(N({g})=0,{zero},ROUND({top}*{f}/{g},{digits}))"
    elif kind is RuleKind.DEDUCTION:
        expr = f"MAX({top}-{rule.per}*{f},{min(rule.floor, node.maximum)})"
    elif kind is RuleKind.BONUS:
        expr = f"MIN({rule.per}*{f},{top})"
    else:
        return ""
    guard = f'OR({f}=""' + (f',{_ref(row, na)}<>""' if na is not None else "") + ")"
    return f'=IF({guard},"",{expr})'


class _Sheet:
    """Writes the criterion rows of one scoring sheet (a unit's, or one sheet of the council's
    workbook)."""

    def __init__(self, ws: Any, framework: Framework, title: str, subtitle: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.worksheet.datavalidation import DataValidation

        self.ws, self.fw = ws, framework
        self.Alignment, self.Font, self.PatternFill = Alignment, Font, PatternFill
        self.DataValidation = DataValidation
        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.input_fill = PatternFill("solid", fgColor="FFF2CC")
        self.closed_fill = PatternFill("solid", fgColor="E7E6E6")
        self.validations: dict[tuple[str, str, str, str], Any] = {}
        self.digits = -int(framework.precision.as_tuple().exponent)
        self.top = Alignment(vertical="top")
        ws["A1"] = title
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = subtitle
        ws["A2"].font = Font(italic=True)

    def header(self, headers: Mapping[int, str]) -> None:
        ws = self.ws
        for column, label in headers.items():
            cell = ws.cell(_HEADER_ROW, column, label)
            cell.font = self.Font(bold=True)
            cell.alignment = self.Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = self.border
            cell.fill = self.PatternFill("solid", fgColor="D9E1F2")
        widths = {
            _STT: 6,
            _CODE: 9,
            _TITLE: 48,
            _MAX: 9,
            _RULE: 44,
            _VALUE: 13,
            _SECOND: 13,
            _NA: 12,
            _POINTS: 10,
            _EVIDENCE: 30,
            _EXPLANATION: 30,
            _A_VALUE: 13,
            _A_SECOND: 13,
            _A_NA: 12,
            _A_REASON: 30,
        }
        for column in headers:
            ws.column_dimensions[_letter(column)].width = widths[column]
        ws.freeze_panes = ws.cell(_FIRST_ROW, _MAX)
        ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False

    def validate(self, ref: str, node: Criterion, which: str) -> None:
        """Data validation for an input cell: ``which`` is "value", "second" or "na"."""
        rule = node.effective_rule
        kind = rule.kind.input_kind
        precision = self.fw.precision
        if which == "na":
            key = ("list", f'"{_NA_TEXT}"', "", "Chọn “Không áp dụng” nếu tiêu chí không áp dụng")
        elif which == "value" and kind == "yes_no":
            key = ("list", f'"{_YES},{_NO}"', "", "Chọn Có hoặc Không")
        elif kind in ("count", "ratio") or (which == "second" and rule.kind is RuleKind.BANDED):
            key = ("whole", "0", "1000000000", "Nhập số nguyên từ 0 trở lên")
        elif kind == "points":
            top = f"{node.maximum}"
            key = (
                "decimal",
                "0",
                top,
                (
                    f"Nhập số điểm từ 0 đến {_vn(node.maximum)}, tối đa "
                    f"{-int(precision.as_tuple().exponent)} chữ số thập phân"
                ),
            )
        elif kind == "value":
            key = ("decimal", "0", f"{rule.scale_max}", f"Nhập số từ 0 đến {_vn(rule.scale_max)}")
        else:  # target: achieved value and target
            key = ("decimal", "0", "1000000000000", "Nhập một số từ 0 trở lên")
        dv = self.validations.get(key)
        if dv is None:
            kind_, f1, f2, prompt = key
            dv = self.DataValidation(
                type=kind_,  # type: ignore[arg-type]
                operator="between" if f2 else None,
                formula1=f1,
                formula2=f2 or None,
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=prompt,
                promptTitle="Hướng dẫn nhập",
                prompt=prompt,
            )
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)

    def rows(
        self,
        values: Mapping[str, Entry] | None,
        *,
        open_self: bool,
        council: bool,
    ) -> int:
        """Write one row per criterion and the total row; returns the total row's number."""
        from openpyxl.styles import Protection

        ws, fw = self.ws, self.fw
        nodes = _nodes(fw)
        row_of = {id(node): _FIRST_ROW + i for i, (_, node) in enumerate(nodes)}
        unlocked = Protection(locked=False)
        last = _A_REASON if council else _EXPLANATION
        stt = 0
        for i, (depth, node) in enumerate(nodes):
            row = _FIRST_ROW + i
            is_field = depth == 0
            if is_field:
                stt += 1
            ws.cell(row, _STT, stt if is_field else None)
            ws.cell(row, _CODE, node.code)
            title = ws.cell(row, _TITLE, node.title)
            title.alignment = self.Alignment(indent=depth * 2, wrap_text=True, vertical="top")
            ws.cell(row, _MAX, node.maximum).number_format = "0.00"
            if node.is_leaf:
                ws.cell(row, _RULE, _rule_words(node)).alignment = self.Alignment(
                    wrap_text=True, vertical="top"
                )
            elif node.capped:
                ws.cell(row, _RULE, f"Tổng điểm các tiêu chí con, tối đa {_vn(node.maximum)}")
            if is_field:
                for column in range(_STT, last + 1):
                    ws.cell(row, column).font = self.Font(bold=True)
            if node.extra is not Extra.BASE and is_field:
                kind = "điểm thưởng" if node.extra is Extra.BONUS else "điểm trừ"
                ws.cell(row, _TITLE).value = f"{node.title} ({kind})"
            first, second = _inputs(node)
            na_open = node.is_leaf and node.not_applicable_allowed and first
            entry = values.get(fold(node.code)) if values is not None else None
            self._fill_self(row, node, entry)
            for column, is_open, which in (
                (_VALUE, first, "value"),
                (_SECOND, second, "second"),
                (_NA, na_open, "na"),
            ):
                cell = ws.cell(row, column)
                if is_open and open_self:
                    cell.protection = unlocked
                    cell.fill = self.input_fill
                    self.validate(cell.coordinate, node, which)
                elif not is_open:
                    cell.fill = self.closed_fill
            for column in (_EVIDENCE, _EXPLANATION):
                cell = ws.cell(row, column)
                cell.alignment = self.Alignment(wrap_text=True, vertical="top")
                if node.is_leaf and first and open_self:
                    cell.protection = unlocked
                    cell.fill = self.input_fill
            if council:
                for column, is_open, which in (
                    (_A_VALUE, first, "value"),
                    (_A_SECOND, second, "second"),
                    (_A_NA, na_open, "na"),
                    (_A_REASON, first, ""),
                ):
                    cell = ws.cell(row, column)
                    if is_open:
                        cell.protection = unlocked
                        cell.fill = self.input_fill
                        if which:
                            self.validate(cell.coordinate, node, which)
                    else:
                        cell.fill = self.closed_fill
            points = ws.cell(row, _POINTS)
            points.number_format = "0.00"
            if node.is_leaf:
                formula = _points_formula(
                    node, row, _VALUE, _SECOND, _NA if na_open else None, self.digits
                )
                if formula:
                    points.value = formula
            else:
                cells = ",".join(_ref(row_of[id(c)], _POINTS) for c in node.children)
                total = f"SUM({cells})"
                points.value = f"=MIN({node.maximum},{total})" if node.capped else f"={total}"
            for column in range(_STT, last + 1):
                cell = ws.cell(row, column)
                cell.border = self.border
                if not cell.alignment.wrap_text:
                    cell.alignment = self.top
            ws.row_dimensions[row].height = _height(
                ws, row, (_TITLE, _RULE, _EVIDENCE, _EXPLANATION), depth * 2
            )
        ws.row_dimensions[_HEADER_ROW].height = 45
        total_row = _FIRST_ROW + len(nodes)
        ws.cell(total_row, _TITLE, "TỔNG ĐIỂM").font = self.Font(bold=True)
        ws.cell(total_row, _MAX, fw.maximum).number_format = "0.00"
        terms = []
        for top in fw.criteria:
            sign = "-" if top.extra is Extra.PENALTY else "+"
            terms.append(f"{sign}N({_ref(row_of[id(top)], _POINTS)})")
        total = ws.cell(total_row, _POINTS, "=" + "".join(terms).lstrip("+"))
        total.number_format = "0.00"
        total.font = self.Font(bold=True)
        for column in range(_STT, last + 1):
            ws.cell(total_row, column).border = self.border
        ws.protection.sheet = True
        ws.protection.formatRows = False  # a person may widen rows to read long text
        ws.protection.formatColumns = False
        return total_row

    def _fill_self(self, row: int, node: Criterion, entry: Entry | None) -> None:
        if entry is None:
            return
        ws = self.ws
        if entry.not_applicable:
            ws.cell(row, _NA, _NA_TEXT)
        else:
            first, second = _cells_of(node, entry.value)
            ws.cell(row, _VALUE, first)
            if second is not None:
                ws.cell(row, _SECOND, second)
        if entry.evidence:
            ws.cell(row, _EVIDENCE, "\n".join(entry.evidence))
        if entry.explanation:
            ws.cell(row, _EXPLANATION, entry.explanation)


def _height(ws: Any, row: int, columns: Sequence[int], indent: int) -> float:
    """A row height that shows the wrapped text of its widest cell (spreadsheet programs do
    not grow a row for wrapped text written by a program)."""
    lines = 1
    for column in columns:
        value = ws.cell(row, column).value
        if not isinstance(value, str) or not value:
            continue
        width = max(8, int(ws.column_dimensions[_letter(column)].width or 10) - 2)
        width -= indent if column == _TITLE else 0
        lines = max(lines, sum(-(-len(part) // width) or 1 for part in value.split("\n")))
    return 15.0 * lines + 2


def _number_cell(value: str) -> int | float | str:
    """A canonical number as a cell holds it: an int, or the float whose shortest form is the
    number (read back exactly by :func:`cchc._fields.spreadsheet_number`)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return int(number)
    shown = float(number)
    return shown if Decimal(repr(shown)) == number else value


def _cells_of(node: Criterion, value: str) -> tuple[object, object]:
    """The cells F and G for an entry's canonical text (``"45/50"``, ``"yes"``, ``"8.5"``)."""
    kind = node.effective_rule.kind.input_kind
    if kind == "yes_no":
        return (_YES if value == "yes" else _NO), None
    if "/" in value:
        first, second = value.split("/")
        return _number_cell(first), _number_cell(second)
    return _number_cell(value), None


def _meta(wb: Any, rows: Sequence[Sequence[object]]) -> None:
    ws = wb.create_sheet(_META_SHEET)
    for row in rows:
        ws.append(list(row))
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def _instructions(wb: Any, framework: Framework, lines: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 110
    for i, line in enumerate(lines, start=1):
        cell = ws.cell(i, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 1:
            cell.font = Font(bold=True, size=13)
    ws.protection.sheet = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _how_to(framework: Framework) -> list[str]:
    digits = -int(framework.precision.as_tuple().exponent)
    return [
        "",
        "Cách điền:",
        (
            f"1. Điền vào các ô màu vàng của trang “{SCORING_SHEET}”; các ô khác đã được khóa. "
            "Không thêm, xóa, di chuyển hay gộp dòng, cột; không đổi mã tiêu chí hay điểm tối đa; "
            "không thêm trang tính."
        ),
        (
            "2. Cột F: số liệu hoặc điểm tự chấm, theo “Cách chấm điểm” ở cột E. Cột G: mẫu số "
            "hoặc chỉ tiêu được giao, khi tiêu chí cần. Cột H: chọn “Không áp dụng” nếu tiêu chí "
            "không áp dụng với đơn vị (chỉ ở những tiêu chí được phép)."
        ),
        (
            f"3. Cách ghi số: gõ trực tiếp con số (ví dụ 13,5), không dùng công thức, không kèm "
            f"chữ hay dấu %; điểm có tối đa {digits} chữ số thập phân. Giá trị có nhiều chữ số "
            "thập phân hơn (ví dụ kết quả của một phép tính) sẽ không được chấp nhận: hãy làm "
            "tròn trước khi nhập. Số lần, số lượng, tử số, mẫu số là số nguyên."
        ),
        "4. Tiêu chí có/không: chọn Có hoặc Không trong danh sách.",
        (
            "5. Cột J: tài liệu kiểm chứng (số, ký hiệu văn bản), mỗi tài liệu một dòng "
            "(Alt+Enter). Cột K: giải trình, nếu có."
        ),
        "6. Cột I chỉ tạm tính điểm để tham khảo; điểm chính thức do hệ thống tính lại.",
        (
            "7. Tiêu chí chấm theo điều tra xã hội học để trống; tiêu chí chấm theo chỉ tiêu giao "
            "được tính khi tổng hợp cả khối."
        ),
        "8. Lưu tệp dưới dạng Excel Workbook (.xlsx), giữ nguyên tên tệp, và gửi lại.",
        "",
        "Các cách chấm điểm trong bộ tiêu chí này:",
        *(
            f"- {_KIND_WORDS[kind]}"
            for kind in _KIND_WORDS
            if any(leaf.effective_rule.kind is kind for leaf in framework.leaves())
        ),
    ]


_KIND_WORDS = {
    RuleKind.MANUAL: "Tự chấm điểm: nhập số điểm, từ 0 đến điểm tối đa (theo bước chấm nếu có).",
    RuleKind.YES_NO: "Có/không: Có được điểm tối đa, Không được 0 điểm.",
    RuleKind.BANDED: (
        "Theo mức: điểm của mức mà số liệu (tỷ lệ %) rơi vào; nhập tỷ lệ, hoặc tử số và mẫu số."
    ),
    RuleKind.PROPORTIONAL: (
        "Theo tỷ lệ: điểm tối đa × tử số / mẫu số (ví dụ hồ sơ đúng hạn / tổng số hồ sơ); "
        "nhập tử số và mẫu số."
    ),
    RuleKind.DEDUCTION: ("Trừ điểm: điểm tối đa trừ đi số điểm cho mỗi lần vi phạm; nhập số lần."),
    RuleKind.BONUS: "Cộng điểm: số điểm cho mỗi kết quả, không quá điểm tối đa; nhập số lượng.",
    RuleKind.SURVEY: "Điều tra xã hội học: điểm do kết quả điều tra; đơn vị không nhập.",
    RuleKind.TARGET_RELATIVE: (
        "Theo chỉ tiêu giao: so giá trị đạt được với chỉ tiêu được giao và với đơn vị dẫn đầu "
        "trong khối; nhập giá trị đạt được và chỉ tiêu."
    ),
}


def _workbook() -> Any:
    """A new openpyxl workbook; without the xlsx extra, the error that says to install it."""
    return require("openpyxl", "xlsx", "Excel workbooks", "tệp Excel").Workbook()


def _template_book(
    framework: Framework, code: str, name: str, period: str, entries: Iterable[Entry] = ()
) -> Any:
    wb = _workbook()
    label = f"{name} ({code})" if name != code else code
    lines = [
        f"PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM: {framework.title}",
        f"Đơn vị: {label}",
        f"Kỳ đánh giá: {period or '…'}",
        f"Bộ tiêu chí: {framework.id}" + (f" ({framework.source})" if framework.source else ""),
        f"Điểm tối đa: {_vn(framework.maximum)} điểm.",
        *_how_to(framework),
    ]
    _instructions(wb, framework, lines)
    ws = wb.create_sheet(SCORING_SHEET)
    sheet = _Sheet(
        ws,
        framework,
        f"PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM — {framework.title}",
        f"Đơn vị: {label}. Kỳ đánh giá: {period or '…'}.",
    )
    sheet.header(_HEADERS)
    values = {fold(e.code): e for e in entries}
    sheet.rows(values, open_self=True, council=False)
    _meta(
        wb,
        [
            ("format", _FORMAT),
            ("kind", _SELF),
            ("framework", framework.id),
            ("fingerprint", _layout(framework).fingerprint),
            ("period", period),
            ("unit", code),
            ("unit_name", name),
        ],
    )
    wb.security.lockStructure = True
    wb.active = 1
    return wb


def _save(wb: Any, path: str | os.PathLike[str] | None) -> bytes | Path:
    if path is None:
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()
    wb.save(os.fspath(path))
    return Path(path)


def write_template(
    framework: Framework,
    unit: str | Unit,
    path: str | os.PathLike[str],
    *,
    period: str = "",
    filled: SelfAssessment | None = None,
) -> Path:
    """Write the self-assessment workbook for one unit (a code, or a
    :class:`~cchc.units.Unit` whose name is shown too) to ``path``. ``filled`` pre-fills it
    with a self-assessment (last year's, or for tests)."""
    if not isinstance(framework, Framework):
        raise ValidationError(
            "must be a Framework", vi="phải là một bộ tiêu chí", field="framework", value=framework
        )
    code, name = _unit_of(unit)
    wb = _template_book(
        framework, code, name, text(period, "period"), filled.entries if filled else ()
    )
    result = _save(wb, path)
    assert isinstance(result, Path)
    return result


def write_templates(
    framework: Framework,
    units: Iterable[str | Unit],
    out_dir: str | os.PathLike[str],
    *,
    period: str = "",
) -> tuple[Path, ...]:
    """Write ``out_dir/<unit code>.xlsx`` for each unit (the folder is made if need be); the
    paths written, in order. Two units with the same code are refused before anything is
    written."""
    folder = Path(out_dir)
    seen: dict[str, str] = {}
    pairs = []
    for i, unit in enumerate(units):
        code, _ = _unit_of(unit, file=True)
        if fold(code) in seen:
            raise ValidationError(
                "is listed twice",
                vi=f"đơn vị “{code}” có tên hai lần trong danh sách",
                field=f"units[{i}]",
                value=code,
            )
        seen[fold(code)] = code
        pairs.append((unit, code))
    folder.mkdir(parents=True, exist_ok=True)
    return tuple(
        write_template(framework, unit, folder / f"{code}.xlsx", period=period)
        for unit, code in pairs
    )


def _sheet_name(code: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", code).strip("'")[:28] or "DV"
    name, n = base, 1
    while fold(name) in taken:
        n += 1
        name = f"{base}~{n}"
    taken.add(fold(name))
    return name


def write_council_workbook(
    framework: Framework,
    assessments: Iterable[SelfAssessment],
    path: str | os.PathLike[str],
    *,
    period: str = "",
    council: str = "Hội đồng thẩm định",
) -> Path:
    """Write the appraisal council's workbook: one sheet per unit with its self-assessment
    (locked) beside the council's columns, value and reason (open). Read it back with
    :func:`read_council`."""
    items = list(assessments)
    wb = _workbook()
    _instructions(
        wb,
        framework,
        [
            f"BIỂU THẨM ĐỊNH KẾT QUẢ TỰ ĐÁNH GIÁ: {framework.title}",
            f"{council}. Kỳ đánh giá: {period or '…'}",
            "",
            (
                "Mỗi đơn vị một trang tính, mang mã của đơn vị. Các cột F đến K là kết quả đơn vị "
                "tự đánh giá (đã khóa)."
            ),
            (
                "Chỉ điền ở những tiêu chí hội đồng điều chỉnh: cột L (số liệu hoặc điểm thẩm "
                "định, ghi như cột F), cột M (mẫu số, chỉ tiêu), cột N (không áp dụng) và cột O "
                "(lý do điều chỉnh, bắt buộc). Để trống là giữ nguyên kết quả tự đánh giá."
            ),
            "Cách ghi số như phiếu tự đánh giá: gõ trực tiếp, không dùng công thức.",
        ],
    )
    taken = {fold(INSTRUCTIONS_SHEET), fold(_META_SHEET)}
    meta: list[tuple[object, ...]] = [
        ("format", _FORMAT),
        ("kind", _COUNCIL),
        ("framework", framework.id),
        ("fingerprint", _layout(framework).fingerprint),
        ("period", text(period, "period")),
        ("council", text(council, "council")),
    ]
    units: set[str] = set()
    for i, assessment in enumerate(items):
        if not isinstance(assessment, SelfAssessment):
            raise ValidationError(
                "must be a SelfAssessment",
                vi="phải là kết quả tự đánh giá của một đơn vị",
                field=f"assessments[{i}]",
                value=assessment,
            )
        if fold(assessment.unit) in units:
            raise ValidationError(
                "is listed twice",
                vi=f"đơn vị “{assessment.unit}” có hai kết quả tự đánh giá",
                field=f"assessments[{i}].unit",
                value=assessment.unit,
            )
        units.add(fold(assessment.unit))
        name = _sheet_name(assessment.unit, taken)
        ws = wb.create_sheet(name)
        sheet = _Sheet(
            ws,
            framework,
            f"THẨM ĐỊNH — {assessment.unit}",
            f"{framework.title}. Kỳ đánh giá: {period or '…'}.",
        )
        sheet.header({**_HEADERS, **_COUNCIL_HEADERS})
        values = {fold(e.code): e for e in assessment.entries}
        sheet.rows(values, open_self=False, council=True)
        meta.append(("sheet", name, assessment.unit))
    _meta(wb, meta)
    wb.security.lockStructure = True
    result = _save(wb, path)
    assert isinstance(result, Path)
    return result


# ---------------------------------------------------------------------------------------------
# reading


@attrs.frozen(eq=False)
class _Leaf:
    """What the reader needs of one leaf row."""

    row: int
    node: Criterion
    kind: RuleKind
    input_kind: str
    first_open: bool
    second_open: bool
    na_allowed: bool
    maximum: Decimal
    step: Decimal | None
    scale_max: Decimal


@attrs.frozen(eq=False)
class _Layout:
    """Where everything of a framework sits in a scoring sheet, computed once per framework."""

    framework: Framework
    fingerprint: str
    nodes: tuple[tuple[int, Criterion], ...]
    keys: tuple[str, ...]  # each node's code, folded
    maxima: tuple[float, ...]  # each node's maximum as a cell holds it
    leaves: tuple[_Leaf, ...]
    total_row: int
    #: Cell references of a row's input columns, made once: (row, columns) -> ["F12", …].
    refs: dict[tuple[int, tuple[int, int, int]], list[str]] = attrs.field(factory=dict)


_LAYOUTS: dict[int, _Layout] = {}


def _layout(framework: Framework) -> _Layout:
    cached = _LAYOUTS.get(id(framework))
    if cached is not None and cached.framework is framework:
        return cached
    nodes = tuple(_nodes(framework))
    leaves = []
    for i, (_, node) in enumerate(nodes):
        if not node.is_leaf:
            continue
        rule = node.effective_rule
        first, second = _inputs(node)
        leaves.append(
            _Leaf(
                _FIRST_ROW + i,
                node,
                rule.kind,
                rule.kind.input_kind,
                first,
                second,
                node.not_applicable_allowed and first,
                node.maximum,
                rule.step,
                rule.scale_max,
            )
        )
    layout = _Layout(
        framework,
        fingerprint(framework),
        nodes,
        tuple(fold(node.code) for _, node in nodes),
        tuple(float(node.maximum) for _, node in nodes),
        tuple(leaves),
        _FIRST_ROW + len(nodes),
    )
    if len(_LAYOUTS) > 16:
        _LAYOUTS.clear()
    _LAYOUTS[id(framework)] = layout
    return layout


class _Findings:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[Finding] = []

    def at(self, sheet: str | None, cell: str | None) -> str:
        where = f'"{self.name}"'
        if sheet is not None:
            where += f', "{sheet}"' + (f"!{cell}" if cell else "")
        return where

    def add(self, code: str, sheet: str | None, cell: str | None, en: str, vi: str) -> None:
        self.items.append(Finding(code, self.at(sheet, cell), vi, en))


def _meta_of(book: Xlsx, found: _Findings) -> dict[str, Any] | None:
    if _META_SHEET not in book.sheets:
        found.add(
            "workbook.not-template",
            None,
            None,
            "is not a workbook made from a framework template (its hidden record is missing)",
            "không phải là biểu mẫu được tạo từ bộ tiêu chí (thiếu phần nhận dạng ẩn); hãy dùng "
            "đúng biểu mẫu đã được gửi",
        )
        return None
    meta: dict[str, Any] = {"sheet": []}
    for row in book.rows(_META_SHEET):
        if not row or _blank(row[0]):
            continue
        key = str(row[0])
        if key == "sheet":
            meta["sheet"].append(
                (str(row[1]) if len(row) > 1 else "", str(row[2]) if len(row) > 2 else "")
            )
        else:
            meta[key] = "" if len(row) < 2 or row[1] is None else str(row[1])
    return meta


def _check_meta(meta: Mapping[str, Any], layout: _Layout, kind: str, found: _Findings) -> bool:
    framework = layout.framework
    if meta.get("format") != _FORMAT:
        found.add(
            "workbook.not-template",
            None,
            None,
            "is not a workbook made from a framework template",
            "không phải là biểu mẫu được tạo từ bộ tiêu chí",
        )
        return False
    if meta.get("kind") != kind:
        want = "a unit's self-assessment" if kind == _SELF else "the council's workbook"
        want_vi = "phiếu tự đánh giá của đơn vị" if kind == _SELF else "biểu thẩm định của hội đồng"
        found.add("workbook.kind", None, None, f"is not {want}", f"không phải là {want_vi}")
        return False
    if meta.get("fingerprint") != layout.fingerprint:
        found.add(
            "workbook.framework",
            None,
            None,
            f"was made for another framework or another version of it ({meta.get('framework')!r}"
            f"), not {framework.id!r} as it stands: fill in a new template",
            f"được tạo theo bộ tiêu chí khác hoặc phiên bản khác (“{meta.get('framework')}”), "
            f"không phải bộ tiêu chí “{framework.title}” hiện hành: hãy điền vào biểu mẫu mới",
        )
        return False
    return True


def _sheets_check(book: Xlsx, expected: Sequence[str], found: _Findings) -> bool:
    ok = True
    for sheet in expected:
        if sheet not in book.sheets:
            found.add(
                "workbook.sheet-missing",
                sheet,
                None,
                "the sheet is missing (renamed or deleted?)",
                "thiếu trang tính này (bị đổi tên hoặc bị xóa?)",
            )
            ok = False
    for sheet in book.sheets:
        if sheet not in expected:
            found.add(
                "workbook.extra-sheet",
                sheet,
                None,
                "is a sheet the template does not have: remove it",
                "là trang tính không có trong biểu mẫu: hãy xóa trang này",
            )
    return ok


def _cell(rows: list[list[Any]], row: int, column: int) -> Any:
    """The cell at (row, column), counted from 1; None when blank or beyond the sheet."""
    if row - 1 < len(rows):
        values = rows[row - 1]
        if column - 1 < len(values):
            value = values[column - 1]
            return None if isinstance(value, str) and value == "" else value
    return None


def _structure(
    book: Xlsx,
    sheet: str,
    rows: list[list[Any]],
    layout: _Layout,
    headers: Mapping[int, str],
    found: _Findings,
) -> bool:
    """Check the sheet's layout against the framework: header, codes, maxima, merged cells,
    content outside the table. True if the rows can be read."""
    ok = True
    for column, label in headers.items():
        value = _cell(rows, _HEADER_ROW, column)
        if not isinstance(value, str) or (value != label and fold(value) != fold(label)):
            found.add(
                "workbook.columns",
                sheet,
                _ref(_HEADER_ROW, column),
                f"expected the column heading {label!r}: columns were moved, inserted or deleted",
                f"cần tiêu đề cột “{label}”: cột đã bị di chuyển, chèn thêm hoặc xóa",
            )
            ok = False
    for r0, c0, r1, c1 in book.merged(sheet):
        span = f"{_ref(r0 + 1, c0 + 1)}:{_ref(r1 + 1, c1 + 1)}"
        found.add(
            "workbook.merged",
            sheet,
            _ref(r0 + 1, c0 + 1),
            f"cells {span} are merged: unmerge them",
            f"các ô {span} bị gộp: hãy bỏ gộp ô",
        )
        ok = False
    moved = 0
    for i, (_, node) in enumerate(layout.nodes):
        row = _FIRST_ROW + i
        code = _cell(rows, row, _CODE)
        shown = code if isinstance(code, str) else _shown(code)
        if code is None or (shown != node.code and fold(shown) != layout.keys[i]):
            moved += 1
            if moved <= 5:
                found.add(
                    "workbook.row",
                    sheet,
                    _ref(row, _CODE),
                    f"expected criterion {node.code} on this row, found "
                    f"{'nothing' if code is None else repr(shown)}: rows were moved, inserted, "
                    "deleted or a code was changed",
                    f"dòng này phải là tiêu chí {node.code}, nhưng "
                    + ("để trống" if code is None else f"ghi “{shown}”")
                    + ": dòng đã bị di chuyển, chèn thêm, xóa hoặc mã tiêu chí bị sửa",
                )
            ok = False
            continue
        maximum = _cell(rows, row, _MAX)
        if isinstance(maximum, bool) or not isinstance(maximum, int | float):
            same = False
        elif maximum == layout.maxima[i]:  # the float of the maximum: is it exactly it?
            same = Decimal(repr(maximum) if isinstance(maximum, float) else maximum) == node.maximum
        else:
            same = False
        if not same:
            found.add(
                "workbook.maximum",
                sheet,
                _ref(row, _MAX),
                f"the maximum of {node.code} is {node.maximum}, not "
                f"{'blank' if maximum is None else _shown(maximum)}: maxima must not be changed",
                f"điểm tối đa của tiêu chí {node.code} là {_vn(node.maximum)}, không phải "
                f"{'để trống' if maximum is None else _shown(maximum)}: không được sửa điểm tối đa",
            )
            ok = False
    if moved > 5:
        found.add(
            "workbook.row",
            sheet,
            None,
            f"{moved - 5} more rows do not hold the criterion expected",
            f"còn {moved - 5} dòng khác không đúng tiêu chí",
        )
    total_row = layout.total_row
    label = _cell(rows, total_row, _TITLE)
    if not (isinstance(label, str) and fold(label) == fold("TỔNG ĐIỂM")):
        if moved == 0:
            found.add(
                "workbook.row",
                sheet,
                _ref(total_row, _TITLE),
                "expected the total row here: rows were inserted or deleted",
                "dòng này phải là dòng tổng điểm: dòng đã bị chèn thêm hoặc xóa",
            )
        ok = False
    last = max(headers)
    for r, values in enumerate(rows, start=1):
        if r < _HEADER_ROW:
            start = 2
        elif r > total_row:
            start = 1
        else:
            start = last + 1
        for c in range(start, len(values) + 1):
            if not _blank(values[c - 1]):
                found.add(
                    "workbook.outside",
                    sheet,
                    _ref(r, c),
                    "holds something outside the table: remove it",
                    "có nội dung nằm ngoài bảng: hãy xóa",
                )
                ok = False
                break
    return ok


def _shown(value: object) -> str:
    """A cell's value as a message shows it: a float as typed (``16``, ``13.5``)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _quoted(value: object) -> tuple[str, str]:
    """A bad cell's value in an English and a Vietnamese message."""
    if isinstance(value, str):
        return repr(value), f"“{value}”"
    return _shown(value), _shown(value)


class _Faulty(Exception):
    """A cell was at fault (already recorded)."""


class _Reader:
    """Reads the input cells of criterion rows (the unit's columns, or the council's) into
    entry values in their canonical text (``"7.5"``, ``"yes"``, ``"45/50"``, ``"N/A"``),
    checking each against its rule; the engine checks them all again when it builds the
    score table."""

    def __init__(self, layout: _Layout, sheet: str, found: _Findings) -> None:
        self.layout, self.sheet, self.found = layout, sheet, found
        self.precision = layout.framework.precision
        self.refs = layout.refs

    def fault(self, ref: str, value: object, leaf: _Leaf, en: str, vi: str) -> _Faulty:
        shown_en, shown_vi = _quoted(value)
        code = leaf.node.code
        self.found.add(
            "workbook.cell",
            self.sheet,
            ref,
            f"{shown_en} {en} (criterion {code})",
            f"giá trị {shown_vi} {vi} (tiêu chí {code})",
        )
        return _Faulty()

    def number(self, ref: str, value: object, leaf: _Leaf, whole: bool) -> Decimal:
        """A number cell, exactly: the float rule of :func:`cchc._fields.spreadsheet_number`;
        text, dates and yes/no refused; never negative."""
        if isinstance(value, bool):
            raise self.fault(
                ref, value, leaf, "is a yes/no, not a number", "là có/không, không phải là số"
            )
        if isinstance(value, str):
            raise self.fault(
                ref,
                value,
                leaf,
                "is text, not a number: type the number alone, without words or a % sign",
                "là chữ, không phải là số: chỉ gõ con số, không kèm chữ hay dấu %",
            )
        if not isinstance(value, int | float):
            raise self.fault(
                ref,
                value,
                leaf,
                "is a date or a time, not a number (format the cell as a number)",
                "là ngày hoặc giờ, không phải là số (hãy định dạng ô là số)",
            )
        try:
            number = spreadsheet_number(value, _ONE if whole else self.precision, "")
        except CchcError as exc:
            if whole and "multiple of" in exc.message:
                raise self.fault(
                    ref, value, leaf, "is not a whole number", "không phải là số nguyên"
                ) from None
            raise self.fault(ref, value, leaf, exc.message, exc.vi or exc.message) from None
        if number < 0:
            raise self.fault(ref, value, leaf, "is negative", "là số âm")
        if number == number.to_integral_value():
            number = Decimal(int(number))  # 8.0 in a cell is 8
        return number

    def value(
        self,
        rows: list[list[Any]],
        leaf: _Leaf,
        columns: tuple[int, int, int],
        formulas: frozenset[str],
        *,
        required: bool,
    ) -> str | None:
        """The entry value of a leaf's input cells (None if blank or at fault: a fault is
        recorded)."""
        row, node = leaf.row, leaf.node
        c_value, c_second, _ = columns
        refs = self.refs.get((row, columns))
        if refs is None:
            refs = self.refs[(row, columns)] = [_ref(row, c) for c in columns]
        values = rows[row - 1] if row - 1 < len(rows) else []
        cells = [
            None if c > len(values) or _blank(values[c - 1]) else values[c - 1] for c in columns
        ]
        if formulas:
            for ref in refs:
                if ref in formulas:
                    self.found.add(
                        "workbook.formula",
                        self.sheet,
                        ref,
                        f"holds a formula; type the value of {node.code} itself (formulas are "
                        "never evaluated)",
                        f"chứa công thức; hãy gõ trực tiếp giá trị của tiêu chí {node.code} "
                        "(công thức không được tính)",
                    )
                    return None
        first, second, na = cells
        if first is None and second is None and na is None:
            if required and leaf.first_open:
                what, what_vi = _missing(leaf.input_kind)
                self.found.add(
                    "workbook.blank",
                    self.sheet,
                    refs[0],
                    f"missing {what} of {node.code} ({node.title})",
                    f"chưa nhập {what_vi} của tiêu chí {node.code} “{node.title}”",
                )
            return None
        try:
            return self._value(leaf, refs, first, second, na, c_value, c_second, required)
        except _Faulty:
            return None

    def _closed(self, ref: str, leaf: _Leaf, en: str, vi: str) -> _Faulty:
        self.found.add("workbook.closed", self.sheet, ref, en, vi)
        return _Faulty()

    def _value(
        self,
        leaf: _Leaf,
        refs: list[str],
        first: object,
        second: object,
        na: object,
        c_value: int,
        c_second: int,
        required: bool,
    ) -> str:
        node, code = leaf.node, leaf.node.code
        if not leaf.first_open:
            survey = leaf.kind is RuleKind.SURVEY
            for ref, given in zip(refs, (first, second, na), strict=True):
                if given is not None:
                    raise self._closed(
                        ref,
                        leaf,
                        f"criterion {code} takes no input here"
                        + (" (it is scored by the survey)" if survey else ""),
                        f"tiêu chí {code} không nhập ở ô này"
                        + (" (chấm theo điều tra xã hội học)" if survey else ""),
                    )
        if not leaf.second_open and second is not None:
            raise self._closed(
                refs[1],
                leaf,
                f"criterion {code} takes one value, in column {_letter(c_value)}",
                f"tiêu chí {code} chỉ nhập một giá trị, ở cột {_letter(c_value)}",
            )
        if na is not None:
            if not (isinstance(na, str) and fold(na) in _NA_WORDS):
                raise self.fault(
                    refs[2],
                    na,
                    leaf,
                    f"is not {_NA_TEXT!r} (leave it blank if the criterion applies)",
                    f"không phải là “{_NA_TEXT}” (để trống nếu tiêu chí có áp dụng)",
                )
            if not leaf.na_allowed:
                self.found.add(
                    "workbook.not-applicable",
                    self.sheet,
                    refs[2],
                    f"criterion {code} cannot be marked not applicable",
                    f"tiêu chí {code} không được đánh dấu “không áp dụng”",
                )
                raise _Faulty
            if first is not None or second is not None:
                self.found.add(
                    "workbook.not-applicable",
                    self.sheet,
                    refs[0],
                    f"criterion {code} is marked not applicable and also has a value: keep one",
                    f"tiêu chí {code} vừa đánh dấu “không áp dụng” vừa có giá trị: chỉ giữ một",
                )
                raise _Faulty
            return "N/A"
        if first is None:
            what, what_vi = _missing(leaf.input_kind)
            self.found.add(
                "workbook.blank",
                self.sheet,
                refs[0],
                f"missing {what} of {code} ({node.title}), given column {_letter(c_second)}",
                f"chưa nhập {what_vi} của tiêu chí {code} “{node.title}” (đã có cột "
                f"{_letter(c_second)})",
            )
            raise _Faulty
        kind = leaf.input_kind
        if kind == "yes_no":
            if isinstance(first, bool):
                return "yes" if first else "no"
            if isinstance(first, str) and fold(first) in _YES_WORDS:
                return "yes"
            if isinstance(first, str) and fold(first) in _NO_WORDS:
                return "no"
            if isinstance(first, int | float) and first in (0, 1):
                return "yes" if first else "no"
            raise self.fault(
                refs[0],
                first,
                leaf,
                "is not yes or no: choose Có or Không",
                "không phải là có hoặc không: chọn Có hoặc Không",
            )
        if kind == "count":
            return str(self.number(refs[0], first, leaf, whole=True))
        if kind == "ratio" or (leaf.kind is RuleKind.BANDED and second is not None):
            num = self.number(refs[0], first, leaf, whole=True)
            if second is None:
                self.found.add(
                    "workbook.blank",
                    self.sheet,
                    refs[1],
                    f"missing the denominator of {code}",
                    f"chưa nhập mẫu số của tiêu chí {code}",
                )
                raise _Faulty
            den = self.number(refs[1], second, leaf, whole=True)
            if num > den:
                raise self.fault(
                    refs[0],
                    first,
                    leaf,
                    f"is above its denominator {den}",
                    f"lớn hơn mẫu số {den}",
                )
            if den == 0 and kind != "ratio":
                raise self.fault(refs[1], second, leaf, "is a denominator of 0", "là mẫu số bằng 0")
            return f"{num}/{den}"
        if kind == "target":
            achieved = self.number(refs[0], first, leaf, whole=False)
            if second is None:
                return str(achieved)
            return f"{achieved}/{self.number(refs[1], second, leaf, whole=False)}"
        number = self.number(refs[0], first, leaf, whole=False)
        if kind == "points":
            if number > leaf.maximum:
                self.found.add(
                    "workbook.cell",
                    self.sheet,
                    refs[0],
                    f"{_shown(first)} is above the maximum {leaf.maximum} of {code}",
                    f"{_vn(number)} vượt điểm tối đa {_vn(leaf.maximum)} của tiêu chí {code}",
                )
                raise _Faulty
            if leaf.step is not None and number % leaf.step:
                raise self.fault(
                    refs[0],
                    first,
                    leaf,
                    f"is not a multiple of the step {_vn(leaf.step).replace(',', '.')}",
                    f"không phải là bội số của bước chấm {_vn(leaf.step)} điểm",
                )
        elif number > leaf.scale_max:
            raise self.fault(
                refs[0],
                first,
                leaf,
                f"is above the top of the scale, {leaf.scale_max}",
                f"vượt mức cao nhất của thang đo ({_vn(leaf.scale_max)})",
            )
        return str(number)


_ONE = Decimal(1)


def _missing(kind: str) -> tuple[str, str]:
    return {
        "points": ("the points", "số điểm tự chấm"),
        "yes_no": ("yes or no", "có hoặc không"),
        "ratio": ("the numerator", "tử số"),
        "count": ("the count", "số lần, số lượng"),
        "target": ("the achieved value", "giá trị đạt được"),
    }.get(kind, ("the measured value", "số liệu"))


def _text_cell(value: object) -> str | None:
    if _blank(value):
        return None
    return text(_shown(value), "cell")


def _evidence(value: object) -> tuple[str, ...]:
    """One document a line (Alt+Enter in a cell)."""
    if _blank(value):
        return ()
    return tuple(text(line, "evidence") for line in _shown(value).splitlines() if line.strip())


#: One entry as read: (code, value in its canonical text, evidence, explanation).
_Raw = tuple[str, str, tuple[str, ...], str | None]


def _entries(
    layout: _Layout,
    rows: list[list[Any]],
    reader: _Reader,
    formulas: frozenset[str],
    *,
    required: bool,
) -> list[_Raw]:
    out: list[_Raw] = []
    for leaf in layout.leaves:
        value = reader.value(rows, leaf, (_VALUE, _SECOND, _NA), formulas, required=required)
        if value is None:
            continue
        row = leaf.row
        out.append(
            (
                leaf.node.code,
                value,
                _evidence(_cell(rows, row, _EVIDENCE)),
                _text_cell(_cell(rows, row, _EXPLANATION)),
            )
        )
    return out


def _assessment(unit: str, raw: Sequence[_Raw]) -> SelfAssessment:
    return SelfAssessment(
        unit,
        [Entry(code, value, evidence, explanation=note) for code, value, evidence, note in raw],
    )


def _name_of(path: str | os.PathLike[str] | bytes) -> str:
    return "workbook.xlsx" if isinstance(path, bytes) else os.path.basename(os.fspath(path))


def _unreadable(name: str, exc: CchcError) -> Finding:
    return Finding(exc.code or "xlsx.unreadable", f'"{name}"', exc.vi or exc.message, exc.message)


def _read_self(
    layout: _Layout, path: str | os.PathLike[str] | bytes, name: str | None = None
) -> tuple[str, list[_Raw], list[Finding]]:
    """(unit, entries, findings) of one self-assessment workbook; entries only when there is
    no finding."""
    name = name or _name_of(path)
    try:
        book = open_xlsx(path, name)
    except CchcError as exc:
        return "", [], [_unreadable(name, exc)]
    found = _Findings(name)
    meta = _meta_of(book, found)
    if meta is None or not _check_meta(meta, layout, _SELF, found):
        return "", [], found.items
    if not _sheets_check(book, (INSTRUCTIONS_SHEET, SCORING_SHEET, _META_SHEET), found):
        return "", [], found.items
    rows = book.rows(SCORING_SHEET)
    if not _structure(book, SCORING_SHEET, rows, layout, _HEADERS, found):
        return "", [], found.items
    reader = _Reader(layout, SCORING_SHEET, found)
    raw = _entries(layout, rows, reader, book.formula_cells(SCORING_SHEET), required=True)
    unit = meta.get("unit") or ""
    if not unit.strip():
        found.add(
            "workbook.unit",
            None,
            None,
            "names no unit",
            "không ghi đơn vị nào; hãy dùng đúng biểu mẫu đã được gửi",
        )
    return unit, ([] if found.items else raw), found.items


def read_workbook(
    framework: Framework, path: str | os.PathLike[str] | bytes, *, name: str | None = None
) -> SelfAssessment:
    """Read one filled self-assessment workbook (a path, or the file's bytes with ``name``
    for messages) into the unit's :class:`~cchc.scoring.SelfAssessment`, evidence and
    explanations included. Any problem raises :class:`~cchc.errors.InvalidDocumentError`
    with every finding, each naming the file, sheet and cell."""
    unit, raw, findings = _read_self(_layout(_framework(framework)), path, name)
    if findings:
        raise InvalidDocumentError(name or _name_of(path), findings)
    return _assessment(unit, raw)


def _framework(value: object) -> Framework:
    if not isinstance(value, Framework):
        raise ValidationError(
            "must be a Framework", vi="phải là một bộ tiêu chí", field="framework", value=value
        )
    return value


@attrs.frozen(eq=False)
class WorkbookBatch:
    """Filled workbooks read together: the units in the order read, the file each came from,
    the score table of them all, and each unit's self-assessment (built when asked for)."""

    framework: Framework
    units: tuple[str, ...]
    files: tuple[str, ...]
    table: ScoreTable
    _raw: tuple[tuple[_Raw, ...], ...] = attrs.field(repr=False, alias="raw")

    @property
    def assessments(self) -> tuple[SelfAssessment, ...]:
        """Every unit's :class:`~cchc.scoring.SelfAssessment`, evidence and explanations
        included (built on each access)."""
        return tuple(_assessment(u, raw) for u, raw in zip(self.units, self._raw, strict=True))

    def assessment(self, unit: str) -> SelfAssessment:
        """The self-assessment of one unit (codes compared after folding)."""
        key = fold(unit)
        for code, raw in zip(self.units, self._raw, strict=True):
            if fold(code) == key:
                return _assessment(code, raw)
        raise ValidationError(
            "no workbook of this unit was read",
            vi="không có phiếu tự đánh giá của đơn vị này",
            field="unit",
            value=unit,
        )


def _paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$")
                )
            )
        else:
            out.append(path)
    return out


_WORKER: list[_Layout] = []


def _start_worker(framework: Framework) -> None:
    _WORKER[:] = [_layout(framework)]


def _read_in_worker(path: Path) -> tuple[str, list[_Raw], list[Finding]]:
    return _read_self(_WORKER[0], path)


_ENTRY = re.compile(r"units\[(\d+)\](?:\.entries\[(\d+)\])?")


def _at_cell(
    finding: Finding, layout: _Layout, files: Sequence[str], raws: Sequence[Sequence[_Raw]]
) -> Finding:
    """A finding of the table built from workbooks (at ``units[i].entries[k]…``), moved to
    the file and the input cell the entry was read from."""
    match = _ENTRY.match(finding.path)
    if match is None:
        return finding
    unit, entry = int(match.group(1)), match.group(2)
    where = _Findings(files[unit])
    if entry is None:
        return attrs.evolve(finding, path=where.at(None, None))
    code = raws[unit][int(entry)][0]
    row = next(leaf.row for leaf in layout.leaves if leaf.node.code == code)
    return attrs.evolve(finding, path=where.at(SCORING_SHEET, _ref(row, _VALUE)))


def read_workbooks(
    framework: Framework,
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
) -> WorkbookBatch:
    """Read filled workbooks (files, or folders whose .xlsx files are read in name order) into
    a :class:`WorkbookBatch`. Every problem of every file is collected; if there is any, an
    :class:`~cchc.errors.InvalidDocumentError` holds them all and nothing is scored. Two
    workbooks of the same unit are a problem too.

    ``workers`` processes read the files (one by default); a province's thousands of files
    read about ``workers`` times faster with ``workers=os.cpu_count()``, and the result does
    not depend on it. Processes are started with the ``forkserver`` method, which imports
    the main module again: call it from a script under ``if __name__ == "__main__":``, a
    console command or a notebook."""
    layout = _layout(_framework(framework))
    files = _paths(paths)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValidationError(
            "must be a whole number from 1",
            vi="số tiến trình đọc tệp phải là số nguyên từ 1 trở lên",
            field="workers",
            value=workers,
        )
    if workers > 1 and len(files) > 1:
        import concurrent.futures
        import multiprocessing

        context = multiprocessing.get_context("forkserver" if os.name != "nt" else "spawn")
        if os.name != "nt":  # workers start with the reader imported, not each on its own
            context.set_forkserver_preload(["cchc.workbooks"])
        try:
            with concurrent.futures.ProcessPoolExecutor(
                workers, mp_context=context, initializer=_start_worker, initargs=(framework,)
            ) as pool:
                results = list(pool.map(_read_in_worker, files, chunksize=32))
        except (OSError, concurrent.futures.process.BrokenProcessPool):
            results = [_read_self(layout, path) for path in files]  # no processes here
    else:
        results = [_read_self(layout, path) for path in files]
    units: list[str] = []
    raws: list[tuple[_Raw, ...]] = []
    names: list[str] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for path, (unit, raw, problems) in zip(files, results, strict=True):
        findings.extend(problems)
        if problems:
            continue
        key = fold(unit)
        if key in seen:
            findings.append(
                Finding(
                    "workbook.duplicate-unit",
                    f'"{path.name}"',
                    f"đơn vị “{unit}” đã có phiếu tự đánh giá trong tệp “{seen[key]}”",
                    f"unit {unit!r} already has a workbook, {seen[key]!r}",
                )
            )
            continue
        seen[key] = path.name
        units.append(unit)
        raws.append(tuple(raw))
        names.append(path.name)
    if not files:
        findings.append(
            Finding(
                "workbook.none", "paths", "không có tệp .xlsx nào để đọc", "no .xlsx file to read"
            )
        )
    if not findings:
        data = [
            {"unit": u, "entries": [{"code": code, "value": value} for code, value, _, _ in raw]}
            for u, raw in zip(units, raws, strict=True)
        ]
        try:
            table = ScoreTable.from_assessments(framework, data)
        except InvalidDocumentError as exc:  # a check the reader does not repeat
            findings.extend(_at_cell(f, layout, names, raws) for f in exc.findings)
    if findings:
        bad = len({f.path.split(",")[0] for f in findings})
        raise InvalidDocumentError(f"{bad} of {len(files)} workbooks", findings)
    return WorkbookBatch(framework, tuple(units), tuple(names), table, tuple(raws))


@attrs.frozen(eq=False)
class CouncilReading:
    """The council's workbook read back: each unit's self-assessment as the council saw it and
    the council's :class:`~cchc.scoring.Appraisal` (its adjustments, each with a reason)."""

    framework: Framework
    assessments: tuple[SelfAssessment, ...]
    appraisals: tuple[Appraisal, ...]

    def over(self, table: ScoreTable) -> ScoreTable:
        """``table`` (the units' own scores) with the council's adjustments laid over it. The
        council must have appraised the same self-assessments the table holds: a unit whose
        self-assessment differs, or is missing from the table, is refused (the council's
        workbook was made from other files)."""
        own = ScoreTable.from_assessments(self.framework, self.assessments)
        column = {fold(u): j for j, u in enumerate(table.units)}
        findings = []
        for i, unit in enumerate(own.units):
            j = column.get(fold(unit))
            same = j is not None and all(
                (getattr(own, name)[:, i] == getattr(table, name)[:, j]).all()
                for name in ("first", "second", "given", "na")
            )
            if not same:
                findings.append(
                    Finding(
                        "council.stale",
                        f"units[{i}]",
                        f"hội đồng đã thẩm định một bản tự đánh giá khác của đơn vị “{unit}” "
                        "(hoặc đơn vị không có trong bảng điểm): hãy lập lại biểu thẩm định",
                        f"the council appraised another self-assessment of {unit!r} than the "
                        "table holds (or the unit is not in it): make the council's workbook again",
                    )
                )
        if findings:
            raise InvalidDocumentError("council workbook", findings)
        rows = [
            (a.unit, adj.code, adj.value, adj.reason)
            for a in self.appraisals
            for adj in a.adjustments
        ]
        council = ScoreTable.from_long(
            self.framework, rows, stage=Source.APPRAISAL, units=list(table.units)
        )
        return table.overlay(council)

    def changes(self, groups: Mapping[str, str] | None = None) -> tuple[CouncilChange, ...]:
        """Every criterion where the council's points differ from the unit's own, with the
        council's reason (``groups`` for criteria scored against the group)."""
        own = ScoreTable.from_assessments(self.framework, self.assessments)
        return council_change_report(score_table(own, groups), score_table(self.over(own), groups))


def read_council(
    framework: Framework, path: str | os.PathLike[str] | bytes, *, name: str | None = None
) -> CouncilReading:
    """Read the council's workbook (see :func:`write_council_workbook`): the council's
    adjustments with their reasons. A changed value without a reason, a reason without a
    value, and every fault of a self-assessment workbook are findings, all raised together."""
    layout = _layout(_framework(framework))
    name = name or _name_of(path)
    try:
        book = open_xlsx(path, name)
    except CchcError as exc:
        raise InvalidDocumentError(name, [_unreadable(name, exc)]) from None
    found = _Findings(name)
    meta = _meta_of(book, found)
    if meta is None or not _check_meta(meta, layout, _COUNCIL, found):
        raise InvalidDocumentError(name, found.items)
    sheets = list(meta["sheet"])
    if not _sheets_check(book, (INSTRUCTIONS_SHEET, *(s for s, _ in sheets), _META_SHEET), found):
        raise InvalidDocumentError(name, found.items)
    headers = {**_HEADERS, **_COUNCIL_HEADERS}
    assessments, appraisals = [], []
    for sheet, unit in sheets:
        rows = book.rows(sheet)
        if not _structure(book, sheet, rows, layout, headers, found):
            continue
        formulas = book.formula_cells(sheet)
        reader = _Reader(layout, sheet, found)
        own = _entries(layout, rows, reader, formulas, required=False)
        adjustments = []
        for leaf in layout.leaves:
            row, node = leaf.row, leaf.node
            value = reader.value(rows, leaf, (_A_VALUE, _A_SECOND, _A_NA), formulas, required=False)
            reason = _text_cell(_cell(rows, row, _A_REASON))
            if value is None:
                if reason and all(
                    _cell(rows, row, c) is None for c in (_A_VALUE, _A_SECOND, _A_NA)
                ):
                    found.add(
                        "council.no-value",
                        sheet,
                        _ref(row, _A_REASON),
                        f"a reason without the council's value for {node.code}",
                        f"có lý do nhưng chưa ghi kết quả thẩm định của tiêu chí {node.code}",
                    )
                continue
            if not reason:
                found.add(
                    "council.no-reason",
                    sheet,
                    _ref(row, _A_REASON),
                    f"the council changed {node.code} without a reason",
                    f"hội đồng điều chỉnh tiêu chí {node.code} nhưng chưa ghi lý do",
                )
                continue
            adjustments.append(Adjustment(node.code, value, reason))
        if found.items:
            continue
        try:
            assessments.append(_assessment(unit, own))
            appraisals.append(Appraisal(unit, adjustments, meta.get("council", "")))
        except CchcError as exc:
            found.add("workbook.unit", sheet, None, exc.message, exc.vi or exc.message)
    if found.items:
        raise InvalidDocumentError(name, found.items)
    return CouncilReading(_framework(framework), tuple(assessments), tuple(appraisals))
