"""A real spreadsheet client: the template opened in LibreOffice Calc (headless), saved back as
.xlsx and read again gives the same structure and the same inputs.

Skipped when ``soffice`` is not installed, unless ``CCHC_REQUIRE_LIBREOFFICE=1`` (CI sets it):
then a missing LibreOffice fails the test instead of hiding it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cchc.errors import InvalidDocumentError
from cchc.workbooks import (
    INSTRUCTIONS_SHEET,
    SCORING_SHEET,
    read_council,
    read_workbook,
    write_council_workbook,
    write_template,
)
from tests.office import convert, fill, rows_of
from tests.test_workbooks import EXPECTED, FW, TYPED


def through_calc(path: Path, tmp_path: Path) -> Path:
    """Open ``path`` in LibreOffice Calc and save it as .xlsx again; the new file's path."""
    (saved,) = convert(path, "xlsx:Calc Office Open XML", tmp_path / "calc", tmp_path / "profile")
    return saved


def test_a_filled_template_saved_by_calc_reads_the_same(tmp_path: Path) -> None:
    path = write_template(FW, "XA-01", tmp_path / "XA-01.xlsx", period="năm 2024")
    fill(path, TYPED)
    saved = through_calc(path, tmp_path)
    assert read_workbook(FW, saved) == EXPECTED
    before, after = openpyxl.load_workbook(path), openpyxl.load_workbook(saved)
    assert after.sheetnames == before.sheetnames == [INSTRUCTIONS_SHEET, SCORING_SHEET, "_cchc"]
    assert after["_cchc"].sheet_state != "visible"
    old, new = before[SCORING_SHEET], after[SCORING_SHEET]
    assert rows_of(new) == rows_of(old)
    assert new.protection.sheet
    rows = rows_of(new)
    assert not new[f"F{rows['1.1']}"].protection.locked
    assert new[f"D{rows['1.1']}"].protection.locked
    validated = {ref for dv in new.data_validations.dataValidation for ref in str(dv.sqref).split()}
    assert f"F{rows['2.2']}" in validated


def test_a_blank_template_saved_by_calc_still_says_what_is_missing(tmp_path: Path) -> None:
    path = write_template(FW, "XA-01", tmp_path / "XA-01.xlsx")
    saved = through_calc(path, tmp_path)
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbook(FW, saved)
    codes = {f.code for f in caught.value.findings}
    assert codes == {"workbook.blank"}


def test_the_council_workbook_saved_by_calc_reads_the_same(tmp_path: Path) -> None:
    path = write_council_workbook(FW, [EXPECTED], tmp_path / "hd.xlsx")
    fill(path, {"3.1": {"L": 8, "O": "Đề án chưa được phê duyệt"}}, sheet="XA-01")
    reading = read_council(FW, through_calc(path, tmp_path))
    assert reading.assessments == (EXPECTED,)
    assert [str(c) for c in reading.changes()] == [
        "XA-01 3.1: 9.50 → 8.00 (-1.50) — Đề án chưa được phê duyệt"
    ]
