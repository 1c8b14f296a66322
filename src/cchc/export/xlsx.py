"""The results workbook (``pip install cchc[xlsx]``; openpyxl is imported only when a
workbook is written).

:func:`write_results` writes what a reform office publishes after a campaign: one sheet per
group (khối) with its units, best first: rank, code, name, the points of each field, total,
maximum, index, band and the prize won; a sheet of the council's changes with their reasons;
a sheet of the award decision. :func:`write_tables` writes any :class:`~cchc.tables.Table` s,
one per sheet, the same way.

Each sheet has a title row, a header row that stays in view (frozen panes) and repeats on
every printed page, filters on the header, and prints on A4 landscape, one page wide.
Numbers are written as numbers, never as text: points with the number format ``#,##0.00``,
which Excel and LibreOffice show in the reader's own locale (``1.234,50`` on a Vietnamese
system, ``1,234.50`` on an English one); an index (an exact fraction) is written rounded to
two decimals, half up, as the library shows an index everywhere; dates as dates
(``dd/mm/yyyy``). The exact values are in :mod:`cchc.tables`, JSON and the frames' exact
columns, not in the workbook.

>>> import io, openpyxl
>>> from cchc.examples import load, load_results, load_settlements
>>> from cchc.campaigns import run_campaign
>>> ex = load("chau-thanh-2021")
>>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
...                       settlements=load_settlements("chau-thanh-2021"))
>>> out = io.BytesIO()
>>> write_results(out, result)
>>> book = openpyxl.load_workbook(out)
>>> book.sheetnames
['PB', 'XA', 'Điều chỉnh', 'Khen thưởng']
>>> sheet = book["PB"]
>>> sheet["A1"].value
'Kết quả chấm điểm và xếp hạng: Phòng, ban, ngành huyện'
>>> [c.value for c in sheet[3]][:4], sheet.freeze_panes
([1, 'CT-NV', 'Phòng Nội vụ', 15], 'A3')
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import IO, TYPE_CHECKING, Any

import attrs

from cchc._fields import require
from cchc.awards import AwardDecision
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.errors import CchcTypeError
from cchc.scoring import CouncilChange, Ranking
from cchc.tables import (
    Column,
    ColumnKind,
    Names,
    Table,
    award_table,
    council_table,
    standings_table,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["NUMBER_FORMAT", "write_results", "write_tables"]

#: The display format of points: two decimals with digit grouping, shown by Excel and
#: LibreOffice in the reader's locale (``1.234,50`` in Vietnamese).
NUMBER_FORMAT = "#,##0.00"
_WHOLE_FORMAT = "0"
_DATE_FORMAT = "dd/mm/yyyy"
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _openpyxl() -> Any:
    return require("openpyxl", "xlsx", "Excel workbooks", "Tệp Excel")


def _cell_value(value: object, column: Column) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    if isinstance(value, Decimal):
        return float(value)  # the shortest decimal of the float is the Decimal's digits
    return value


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET.sub("-", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def _fill_sheet(sheet: Worksheet, table: Table, title: str, styles: Any) -> None:
    """Write ``table`` into ``sheet``: title row, header row, values, formats, filters,
    frozen header and A4 landscape print setup."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    columns = list(table.columns)
    width = max(len(columns), 1)
    sheet.append([title])
    sheet.cell(1, 1).font = styles.Font(bold=True, size=13)
    sheet.append([c.header for c in columns])
    thin = styles.Side(style="thin", color="808080")
    header_fill = styles.PatternFill("solid", fgColor="D9E1F2")
    for j in range(1, width + 1):
        cell = sheet.cell(2, j)
        cell.font = styles.Font(bold=True)
        cell.fill = header_fill
        cell.alignment = styles.Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = styles.Border(top=thin, bottom=thin, left=thin, right=thin)
    formats = {
        ColumnKind.NUMBER: NUMBER_FORMAT,
        ColumnKind.WHOLE: _WHOLE_FORMAT,
        ColumnKind.DATE: _DATE_FORMAT,
    }
    widths = [min(max(len(c.header) // 2, 8), 40) for c in columns]
    for row in table.rows:
        sheet.append([_cell_value(v, c) for v, c in zip(row, columns, strict=True)])
        for j, value in enumerate(row):
            if value is not None and not isinstance(value, Decimal | Fraction | int):
                shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
                widths[j] = min(max(widths[j], len(shown) + 2), 60)
    last = sheet.max_row
    for j, column in enumerate(columns, start=1):
        number_format = formats.get(column.kind)
        if number_format is not None:
            for (cell,) in sheet.iter_rows(min_row=3, max_row=last, min_col=j, max_col=j):
                cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(j)].width = max(widths[j - 1], 10)
    end = get_column_letter(width)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{end}{max(last, 2)}"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _save(book: Any, target: str | os.PathLike[str] | IO[bytes]) -> None:
    book.properties.creator = "cchc"
    if isinstance(target, str | os.PathLike):
        book.save(os.fspath(target))
    elif hasattr(target, "write"):
        book.save(target)
    else:
        raise CchcTypeError(
            f"must be a path or an open binary file, not {type(target).__name__}",
            vi="phải là đường dẫn tệp hoặc tệp nhị phân đang mở",
            field="target",
            value=target,
        )


def write_tables(
    target: str | os.PathLike[str] | IO[bytes],
    tables: Iterable[Table],
) -> None:
    """Write each table to its own sheet (named after the table, its title in the first
    row), formatted as the module describes.

    >>> import io, openpyxl
    >>> from decimal import Decimal
    >>> t = Table("Điểm", "Điểm các xã", [Column("unit", "text", "Mã đơn vị"),
    ...                                   Column("points", "number", "Điểm")],
    ...           [("X01", Decimal("1234.5"))])
    >>> out = io.BytesIO()
    >>> write_tables(out, [t])
    >>> cell = openpyxl.load_workbook(out)["Điểm"]["B3"]
    >>> cell.value, cell.number_format
    (1234.5, '#,##0.00')
    """
    openpyxl = _openpyxl()
    from openpyxl import styles

    items = list(tables) if not isinstance(tables, Table) else [tables]
    for i, table in enumerate(items):
        if not isinstance(table, Table):
            raise CchcTypeError(
                f"must be a Table, not {type(table).__name__}",
                vi="phải là một bảng",
                field=f"tables[{i}]",
                value=table,
            )
    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in items:
        sheet = book.create_sheet(_sheet_name(table.name, used))
        _fill_sheet(sheet, table, table.title, styles)
    if not items:
        book.create_sheet("Trống")
    _save(book, target)


def write_results(
    target: str | os.PathLike[str] | IO[bytes],
    result: CampaignResult | Ranking,
    *,
    names: Names | None = None,
    changes: Iterable[CouncilChange] | None = None,
    decision: AwardDecision | None = None,
    depth: int = 0,
) -> None:
    """Write the results workbook of a campaign's ``result`` (or of a ``Ranking``): one sheet
    per group, units best first, with the points of each field (criteria down to ``depth``),
    total, maximum, index, band and prize; then the council's changes; then the award
    decision. For a campaign's result, ``names``, ``changes`` and ``decision`` default to the
    campaign's units, the council's changes and the result's decision; for a ranking, the
    sheets of changes and awards are written when they are given.
    """
    group_names: dict[str, str] = {}
    if isinstance(result, CampaignResult):
        ranking = result.ranking
        names = result.campaign.units if names is None else names
        changes = council_changes_of(result) if changes is None else changes
        decision = result.decision if decision is None else decision
        group_names = {g.code: g.name for g in result.campaign.groups}
    elif isinstance(result, Ranking):
        ranking = result
    else:
        raise CchcTypeError(
            f"must be a campaign's result or a Ranking, not {type(result).__name__}",
            vi="phải là kết quả một phong trào thi đua hoặc một bảng xếp hạng",
            field="result",
            value=result,
        )
    standings = standings_table(ranking, names=names, decision=decision, depth=depth)
    keep = [c.name for c in standings.columns if c.name != "group"]
    if decision is None:
        keep.remove("prize")
    tables: list[Table] = []
    groups = list(dict.fromkeys(str(g) for g in standings.column("group")))
    for group in groups:
        rows = standings.where("group", group)
        picked = [rows.index_of(n) for n in keep]
        tables.append(
            Table(
                group or "Kết quả",
                f"Kết quả chấm điểm và xếp hạng: {group_names.get(group, group)}"
                if group
                else "Kết quả chấm điểm và xếp hạng",
                [rows.columns[j] for j in picked],
                [[row[j] for j in picked] for row in rows.rows],
            )
        )
    if changes is not None:
        tables.append(attrs.evolve(council_table(changes, names=names), name="Điều chỉnh"))
    if decision is not None:
        tables.append(attrs.evolve(award_table(decision), name="Khen thưởng"))
    write_tables(target, tables)
