"""The results workbook: a sheet per group, the council's changes, the award decision; numbers
as numbers with a grouped two-decimal format, frozen header, filters, A4 landscape; and it
opens in LibreOffice."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from cchc.campaigns import CampaignResult, council_changes_of
from cchc.errors import CchcError, CchcTypeError
from cchc.export.xlsx import NUMBER_FORMAT, write_results, write_tables
from cchc.tables import Column, Table
from tests.office import chau_thanh_result, convert


@pytest.fixture(scope="module")
def chau_thanh() -> CampaignResult:
    return chau_thanh_result()


@pytest.fixture(scope="module")
def book(chau_thanh: CampaignResult) -> openpyxl.Workbook:
    out = io.BytesIO()
    write_results(out, chau_thanh)
    return openpyxl.load_workbook(out)


def sheet_of(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def header(sheet: Worksheet) -> list[object]:
    return [c.value for c in sheet[2]]


def column(sheet: Worksheet, title: str) -> list[object]:
    j = header(sheet).index(title) + 1
    return [sheet.cell(i, j).value for i in range(3, sheet.max_row + 1)]


def test_a_sheet_per_group_then_changes_then_awards(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["PB", "XA", "Điều chỉnh", "Khen thưởng"]


def test_a_group_sheet_lists_its_units_best_first(
    book: openpyxl.Workbook, chau_thanh: CampaignResult
) -> None:
    sheet = sheet_of(book, "XA")
    assert sheet["A1"].value == "Kết quả chấm điểm và xếp hạng: Ủy ban nhân dân xã, thị trấn"
    titles = header(sheet)
    assert titles[:3] == ["Xếp hạng", "Mã đơn vị", "Tên đơn vị"]
    assert titles[-5:] == ["Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Xếp loại", "Khen thưởng"]
    assert [str(t).split(".")[0] for t in titles[3:9]] == ["1", "2", "3", "4", "5", "6"]
    entries = chau_thanh.ranking.group("XA")
    assert column(sheet, "Mã đơn vị") == [e.unit for e in entries]
    assert column(sheet, "Xếp hạng") == [e.rank for e in entries]
    assert column(sheet, "Tổng điểm") == [float(e.points) for e in entries]
    assert column(sheet, "Chỉ số (%)") == [float(e.index_rounded) for e in entries]
    assert column(sheet, "Xếp loại") == [e.band for e in entries]


def test_field_points_add_up_to_the_total(book: openpyxl.Workbook) -> None:
    sheet = sheet_of(book, "PB")
    for row in sheet.iter_rows(min_row=3, values_only=True):
        fields = [Decimal(repr(v)) for v in row[3:9]]
        assert sum(fields) == Decimal(repr(row[9]))


def test_numbers_are_numbers_with_the_grouped_format(book: openpyxl.Workbook) -> None:
    sheet = sheet_of(book, "PB")
    titles = header(sheet)
    for title in ("Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "1. Cải cách thể chế"):
        j = titles.index(title) + 1
        for i in range(3, sheet.max_row + 1):
            cell = sheet.cell(i, j)
            assert cell.data_type == "n"
            assert cell.number_format == NUMBER_FORMAT
    rank = sheet.cell(3, titles.index("Xếp hạng") + 1)
    assert rank.data_type == "n"
    assert rank.number_format == "0"


def test_every_sheet_has_a_frozen_header_filters_and_a4_landscape(
    book: openpyxl.Workbook,
) -> None:
    for name in book.sheetnames:
        sheet = sheet_of(book, name)
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref is not None
        assert sheet.auto_filter.ref.startswith("A2:")
        assert sheet.auto_filter.ref.endswith(str(max(sheet.max_row, 2)))
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
        assert sheet.print_title_rows == "$2:$2"
        assert sheet["A2"].font.bold


def test_the_councils_changes_keep_their_reasons(
    book: openpyxl.Workbook, chau_thanh: CampaignResult
) -> None:
    sheet = sheet_of(book, "Điều chỉnh")
    changes = council_changes_of(chau_thanh)
    assert column(sheet, "Mã đơn vị") == [c.unit for c in changes]
    assert column(sheet, "Lý do") == [c.reason for c in changes]
    assert column(sheet, "Chênh lệch") == [float(c.change) for c in changes]
    assert "Văn phòng HĐND và UBND huyện" in column(sheet, "Tên đơn vị")


def test_the_award_decision_is_written(book: openpyxl.Workbook, chau_thanh: CampaignResult) -> None:
    sheet = sheet_of(book, "Khen thưởng")
    awarded = [
        (row[1], row[4])
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[0] == "awarded"
    ]
    assert awarded == [(a.group, a.recipient) for a in chau_thanh.decision.awards]


def test_a_ranking_alone_has_no_prize_column_or_extra_sheets(
    chau_thanh: CampaignResult, tmp_path: Path
) -> None:
    path = tmp_path / "ranking.xlsx"
    write_results(path, chau_thanh.ranking, names=chau_thanh.campaign.units)
    read = openpyxl.load_workbook(path)
    assert read.sheetnames == ["PB", "XA"]
    sheet = sheet_of(read, "PB")
    assert "Khen thưởng" not in header(sheet)
    assert sheet["C3"].value == "Phòng Nội vụ"
    path = tmp_path / "with-changes.xlsx"
    write_results(path, chau_thanh.ranking, changes=council_changes_of(chau_thanh))
    assert openpyxl.load_workbook(path).sheetnames == ["PB", "XA", "Điều chỉnh"]


def test_write_results_refuses_what_is_not_a_result(tmp_path: Path) -> None:
    with pytest.raises(CchcTypeError) as caught:
        write_results(tmp_path / "x.xlsx", "kết quả")  # type: ignore[arg-type]
    assert caught.value.field == "result"
    assert caught.value.vi


def test_tables_get_safe_distinct_sheet_names() -> None:
    columns = [Column("unit", "text", "Đơn vị"), Column("points", "number", "Điểm")]
    tables = [
        Table("Khối [A]: xã/phường?", "Tiêu đề", columns, [("A", Decimal("1234.5"))]),
        Table("Khối [A]: xã/phường?", "Tiêu đề", columns, []),
        Table("x" * 40, "", columns, []),
    ]
    out = io.BytesIO()
    write_tables(out, tables)
    read = openpyxl.load_workbook(out)
    assert read.sheetnames == ["Khối -A-- xã-phường-", "Khối -A-- xã-phường- (2)", "x" * 31]
    cell = sheet_of(read, read.sheetnames[0])["B3"]
    assert cell.value == 1234.5
    assert cell.number_format == NUMBER_FORMAT


def test_an_index_is_written_to_two_decimals_half_up() -> None:
    table = Table("t", "", [Column("index", "number")], [(Fraction(7699, 95),), (Fraction(1, 8),)])
    out = io.BytesIO()
    write_tables(out, [table])
    sheet = sheet_of(openpyxl.load_workbook(out), "t")
    assert [sheet["A3"].value, sheet["A4"].value] == [81.04, 0.13]


def test_write_tables_refuses_what_is_not_a_table() -> None:
    with pytest.raises(CchcTypeError) as caught:
        write_tables(io.BytesIO(), [{"unit": "A"}])  # type: ignore[list-item]
    assert caught.value.field == "tables[0]"
    with pytest.raises(CchcError):
        write_tables(42, [])  # type: ignore[arg-type]


# --- a real client ------------------------------------------------------------------------------


def test_libreoffice_opens_the_results_workbook(chau_thanh: CampaignResult, tmp_path: Path) -> None:
    path = tmp_path / "ket-qua.xlsx"
    write_results(path, chau_thanh)
    comma_quote_utf8 = "csv:Text - txt - csv (StarCalc):44,34,76"
    (saved,) = convert(path, comma_quote_utf8, tmp_path / "calc", tmp_path / "profile")
    rows = list(csv.reader(saved.read_text("utf-8").splitlines()))
    assert rows[0][0] == "Kết quả chấm điểm và xếp hạng: Phòng, ban, ngành huyện"
    assert rows[1][:3] == ["Xếp hạng", "Mã đơn vị", "Tên đơn vị"]
    first = rows[2]
    assert first[:3] == ["1", "CT-NV", "Phòng Nội vụ"]
    assert "97.10" in first  # a number, shown by its format
