"""The Excel path: the self-assessment template, filling it as a unit does, reading it back,
every defect a finding at its cell, the council's workbook, and hostile files."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

from cchc import _xlsx
from cchc.criteria import Criterion, Framework, Rule, load_bundled
from cchc.errors import CchcError, InvalidDocumentError
from cchc.scoring import Entry, ScoreTable, SelfAssessment, score_table
from cchc.units import Unit, UnitKind
from cchc.workbooks import (
    INSTRUCTIONS_SHEET,
    SCORING_SHEET,
    fingerprint,
    read_council,
    read_workbook,
    read_workbooks,
    write_council_workbook,
    write_template,
    write_templates,
)
from tests.office import fill, rows_of

FW = load_bundled("cchc-campaign-6")

#: What XA-01 types into its workbook: code -> {column: value}, as a person types in Excel.
TYPED: dict[str, dict[str, object]] = {
    "1.1": {"F": 7.5, "J": "Báo cáo số 12/BC-UBND\nQuyết định số 15/QĐ-UBND"},
    "1.2": {"F": 1},
    "2.1": {"F": 45, "G": 50},
    "2.2": {"F": "Có"},
    "2.3": {"H": "Không áp dụng", "K": "Xã chưa có dịch vụ công trực tuyến"},
    "3.1": {"F": 9.5},
    "3.2": {"F": "Không"},
    "4.1": {"F": 0},
    "4.2": {"F": 2},
    "5.1": {"F": 9, "G": 10},
    "5.2": {"F": 4.5},
    "6.1": {"F": 80, "G": 100},
}

EXPECTED = SelfAssessment(
    "XA-01",
    [
        Entry("1.1", Decimal("7.5"), ["Báo cáo số 12/BC-UBND", "Quyết định số 15/QĐ-UBND"]),
        Entry("1.2", 1),
        Entry("2.1", (45, 50)),
        Entry("2.2", True),
        Entry("2.3", "N/A", explanation="Xã chưa có dịch vụ công trực tuyến"),
        Entry("3.1", Decimal("9.5")),
        Entry("3.2", False),
        Entry("4.1", 0),
        Entry("4.2", 2),
        Entry("5.1", (9, 10)),
        Entry("5.2", Decimal("4.5")),
        Entry("6.1", (80, 100)),
    ],
)


def edit(path: Path, change: Any, sheet: str = SCORING_SHEET) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb, wb[sheet])
    wb.save(path)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = write_template(FW, "XA-01", tmp_path / "XA-01.xlsx", period="năm 2024")
    fill(path, TYPED)
    return path


def findings_of(path: Path, framework: Framework = FW) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbook(framework, path)
    return [(f.code, f.path, f.message_en) for f in caught.value.findings]


# ---------------------------------------------------------------------------------------------
# the template


def test_template_has_instructions_scoring_sheet_and_a_hidden_record(tmp_path: Path) -> None:
    unit = Unit("XA-01", "Xã Hòa Bình", UnitKind.COMMUNE)
    path = write_template(FW, unit, tmp_path / "x.xlsx", period="năm 2024")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, SCORING_SHEET, "_cchc"]
    assert wb["_cchc"].sheet_state == "veryHidden"
    record = {row[0]: row[1] for row in wb["_cchc"].iter_rows(values_only=True)}
    assert record["fingerprint"] == fingerprint(FW)
    assert record["unit"] == "XA-01"
    assert record["period"] == "năm 2024"
    notes = "\n".join(str(c.value) for c in wb[INSTRUCTIONS_SHEET]["A"] if c.value)
    assert "Xã Hòa Bình (XA-01)" in notes
    assert "năm 2024" in notes
    assert "không dùng công thức" in notes  # how to write numbers
    assert "- Trừ điểm: điểm tối đa trừ đi số điểm cho mỗi lần vi phạm" in notes  # each rule
    assert "Theo chỉ tiêu giao" not in notes  # a rule the framework does not use
    assert wb.security.lockStructure


def test_scoring_sheet_lists_the_tree_with_maxima_and_rules_in_words(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_template(FW, "X", tmp_path / "x.xlsx"))[SCORING_SHEET]
    headers = [ws.cell(4, c).value for c in range(1, 12)]
    assert headers[:5] == ["STT", "Mã", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa",
                           "Cách chấm điểm"]  # fmt: skip
    assert headers[9:] == ["Tài liệu kiểm chứng", "Giải trình"]
    rows = rows_of(ws)
    assert list(rows) == [node.code for _, node in FW.walk()]
    field, leaf = rows["1"], rows["1.2"]
    assert ws.cell(field, 3).font.b
    assert not ws.cell(leaf, 3).font.b
    assert ws.cell(leaf, 3).alignment.indent > ws.cell(field, 3).alignment.indent
    assert ws.cell(leaf, 4).value == 7
    assert "trừ 1 điểm cho mỗi lần" in str(ws.cell(leaf, 5).value)
    assert "Có: 4 điểm" in str(ws.cell(rows["2.2"], 5).value)
    assert "điều tra xã hội học" in str(ws.cell(rows["6.2"], 5).value)
    assert str(ws.cell(rows["1.1"], 5).value).endswith(
        "Tài liệu kiểm chứng: Báo cáo rà soát văn bản."
    )


def test_only_input_cells_are_open_and_each_has_data_validation(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_template(FW, "X", tmp_path / "x.xlsx"))[SCORING_SHEET]
    assert ws.protection.sheet
    rows = rows_of(ws)
    open_cells = {
        cell.coordinate
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=11)
        for cell in row
        if not cell.protection.locked
    }
    r = rows
    expected = (
        {f"F{r[c]}" for c in TYPED} | {f"J{r[c]}" for c in TYPED} | {f"K{r[c]}" for c in TYPED}
    )
    expected |= {f"G{r[c]}" for c in ("2.1", "2.3", "5.1", "6.1")}  # ratios, the banded rate
    expected |= {f"H{r[c]}" for c in ("2.3", "3.2")}  # not applicable allowed
    assert open_cells == expected
    validated: dict[str, Any] = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            validated[ref] = dv
    for ref in expected - {f"J{r[c]}" for c in TYPED} - {f"K{r[c]}" for c in TYPED}:
        assert ref in validated, ref
    assert validated[f"F{r['1.1']}"].type == "decimal"
    assert validated[f"F{r['1.1']}"].formula2 == "8"
    assert validated[f"F{r['2.2']}"].formula1 == '"Có,Không"'
    assert validated[f"F{r['1.2']}"].type == "whole"
    assert validated[f"H{r['3.2']}"].formula1 == '"Không áp dụng"'


def test_live_formulas_and_print_setup(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_template(FW, "X", tmp_path / "x.xlsx"))[SCORING_SHEET]
    rows = rows_of(ws)
    assert ws.cell(rows["1"], 9).value == f"=SUM(I{rows['1.1']},I{rows['1.2']})"
    assert ws.cell(rows["1.1"], 9).value == f'=IF(OR(F{rows["1.1"]}=""),"",F{rows["1.1"]})'
    total = max(rows.values()) + 1
    assert ws.cell(total, 3).value == "TỔNG ĐIỂM"
    assert str(ws.cell(total, 9).value).startswith("=N(I")
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$4:$4"
    assert ws.freeze_panes == "D5"


def test_write_templates_one_file_per_unit_and_refuses_bad_codes(tmp_path: Path) -> None:
    paths = write_templates(
        FW, ["XA-01", Unit("XA-02", "Xã Hai", UnitKind.COMMUNE)], tmp_path / "o"
    )
    assert [p.name for p in paths] == ["XA-01.xlsx", "XA-02.xlsx"]
    with pytest.raises(CchcError, match="listed twice"):
        write_templates(FW, ["A", "a"], tmp_path / "p")
    with pytest.raises(CchcError, match="file can be named after"):
        write_templates(FW, [Unit("P/1", "Phường 1", UnitKind.WARD)], tmp_path / "q")
    with pytest.raises(CchcError) as caught:
        write_templates(FW, ["../A"], tmp_path / "q")
    assert "tên tệp" in caught.value.message_vi
    assert not (tmp_path / "p").exists()
    assert not (tmp_path / "q").exists()


# ---------------------------------------------------------------------------------------------
# reading back


def test_a_filled_workbook_reads_back_exactly(filled: Path) -> None:
    assert read_workbook(FW, filled) == EXPECTED


def test_a_template_prefilled_with_a_self_assessment_reads_it_back(tmp_path: Path) -> None:
    path = write_template(FW, "XA-01", tmp_path / "x.xlsx", filled=EXPECTED)
    assert read_workbook(FW, path) == EXPECTED


def test_reading_in_several_processes_gives_the_same_batch(filled: Path, tmp_path: Path) -> None:
    for unit in ("XA-02", "XA-03"):
        write_template(FW, unit, tmp_path / f"{unit}.xlsx", filled=EXPECTED)
    alone, together = (read_workbooks(FW, [tmp_path], workers=n) for n in (1, 2))
    assert together.units == alone.units == ("XA-01", "XA-02", "XA-03")
    assert together.assessments == alone.assessments
    assert (together.table.first == alone.table.first).all()


def test_read_from_bytes(filled: Path) -> None:
    assert read_workbook(FW, filled.read_bytes(), name="XA-01.xlsx") == EXPECTED


def test_many_workbooks_give_the_score_table(filled: Path, tmp_path: Path) -> None:
    other = write_template(FW, "XA-02", tmp_path / "XA-02.xlsx")
    fill(other, {**TYPED, "1.1": {"F": 8}})
    batch = read_workbooks(FW, [tmp_path])
    assert batch.files == ("XA-01.xlsx", "XA-02.xlsx")
    assert batch.table.units == ("XA-01", "XA-02")
    assert batch.assessment("xa-01") == EXPECTED
    points = [Decimal(str(row["points"])) for row in score_table(batch.table).rows()]
    assert points[1] - points[0] == Decimal("0.5")
    expected = ScoreTable.from_assessments(FW, [EXPECTED])
    assert (batch.table.first[:, :1] == expected.first).all()


def test_typed_decimals_are_exact_and_formula_results_refused(filled: Path) -> None:
    fill(filled, {"5.2": {"F": 13.5 / 3}})  # 4.5 exactly
    assert read_workbook(FW, filled).entries[10].value == "4.5"
    fill(filled, {"5.2": {"F": 4.499999999}})
    [(_code, path, message)] = findings_of(filled)
    assert path == '"XA-01.xlsx", "Tự đánh giá"!F20'
    assert message.startswith("4.499999999 is not a multiple of 0.01")


def test_the_message_names_file_sheet_cell_value_maximum_and_criterion(filled: Path) -> None:
    fill(filled, {"1.1": {"F": 16}})
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbook(FW, filled)
    [finding] = caught.value.findings
    assert f"{finding.path}: {finding.message_en}" == (
        '"XA-01.xlsx", "Tự đánh giá"!F6: 16 is above the maximum 8 of 1.1'
    )
    assert finding.message_vi == "16 vượt điểm tối đa 8 của tiêu chí 1.1"


def test_every_fault_of_a_workbook_at_once(filled: Path) -> None:
    fill(
        filled,
        {
            "1.1": {"F": "bảy"},  # text in a number cell
            "1.2": {"F": None},  # blank
            "2.1": {"F": 51},  # numerator above the denominator
            "2.2": {"F": "Chưa"},  # neither yes nor no
            "3.1": {"F": "=9+1"},  # a formula
            "3.2": {"H": "Không áp dụng"},  # not applicable and a value
            "4.2": {"F": 2.5},  # a count that is not whole
            "5.1": {"G": None},  # a ratio without its denominator
        },
    )
    found = {(path.split("!")[1], code) for code, path, _ in findings_of(filled)}
    assert found == {
        ("F6", "workbook.cell"),
        ("F7", "workbook.blank"),
        ("F9", "workbook.cell"),
        ("F10", "workbook.cell"),
        ("F13", "workbook.formula"),
        ("F14", "workbook.not-applicable"),
        ("F17", "workbook.cell"),
        ("G19", "workbook.blank"),
    }


def test_blank_says_what_is_missing(filled: Path) -> None:
    fill(filled, {"2.1": {"F": "  ", "G": None}})  # a space alone is blank too
    [(code, path, message)] = findings_of(filled)
    assert code == "workbook.blank"
    assert path.endswith("!F9")
    assert message == "missing the numerator of 2.1 (Tỷ lệ hồ sơ giải quyết đúng hạn)"


def test_not_applicable_only_where_the_framework_allows(filled: Path) -> None:
    fill(filled, {"1.1": {"F": None, "H": "Không áp dụng"}})
    [(code, path, _)] = findings_of(filled)
    assert (code, path.split("!")[1]) == ("workbook.not-applicable", "H6")


def test_a_date_or_a_survey_value_is_refused(filled: Path) -> None:
    import datetime

    fill(filled, {"1.1": {"F": datetime.datetime(2024, 1, 5)}, "6.2": {"F": 9}})
    found = {(path.split("!")[1], code) for code, path, _ in findings_of(filled)}
    assert found == {("F6", "workbook.cell"), ("F23", "workbook.closed")}


def swap(a: int, b: int) -> Any:
    def change(wb: Any, ws: Any) -> None:
        for column in range(1, 12):
            x, y = ws.cell(a, column), ws.cell(b, column)
            x.value, y.value = y.value, x.value

    return change


@pytest.mark.parametrize(
    ("change", "code", "cell"),
    [
        (swap(9, 10), "workbook.row", "B9"),  # two rows moved
        (lambda wb, ws: ws.delete_rows(9), "workbook.row", "B9"),
        (lambda wb, ws: ws.insert_rows(12), "workbook.row", "B12"),
        (lambda wb, ws: ws.cell(10, 2, "2.2a"), "workbook.row", "B10"),  # a code edited
        (lambda wb, ws: ws.cell(10, 4, 3), "workbook.maximum", "D10"),  # a maximum edited
        (lambda wb, ws: ws.merge_cells("J6:K6"), "workbook.merged", "J6"),
        (lambda wb, ws: ws.cell(6, 12, "ghi chú"), "workbook.outside", "L6"),
        (lambda wb, ws: ws.insert_cols(6), "workbook.columns", "F4"),
    ],
)
def test_structural_changes_are_found_at_their_cell(
    filled: Path, change: Any, code: str, cell: str
) -> None:
    edit(filled, change)
    found = findings_of(filled)
    assert (code, f'"XA-01.xlsx", "Tự đánh giá"!{cell}') in {(c, p) for c, p, _ in found}


def test_extra_and_missing_sheets(filled: Path) -> None:
    edit(filled, lambda wb, ws: wb.create_sheet("Ghi chú"))
    assert [(c, p) for c, p, _ in findings_of(filled)] == [
        ("workbook.extra-sheet", '"XA-01.xlsx", "Ghi chú"')
    ]
    edit(filled, lambda wb, ws: setattr(ws, "title", "Sheet1"))
    codes = {c for c, _, _ in findings_of(filled)}
    assert codes == {"workbook.sheet-missing", "workbook.extra-sheet"}


def test_a_workbook_of_another_framework_version_is_refused(filled: Path) -> None:
    changed = Framework(
        FW.id, FW.title, FW.criteria, bands=FW.bands, precision=FW.precision, note="sửa đổi"
    )
    [(code, path, message)] = findings_of(filled, changed)
    assert code == "workbook.framework"
    assert path == '"XA-01.xlsx"'
    assert "another version" in message


def test_a_plain_workbook_is_not_a_template(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.worksheets[0]["A1"] = "điểm"
    wb.save(tmp_path / "plain.xlsx")
    assert [c for c, _, _ in findings_of(tmp_path / "plain.xlsx")] == ["workbook.not-template"]


def test_all_files_reported_together_and_nothing_scored(filled: Path, tmp_path: Path) -> None:
    blank = write_template(FW, "XA-02", tmp_path / "XA-02.xlsx")
    twin = tmp_path / "XA-01-copy.xlsx"
    twin.write_bytes(filled.read_bytes())
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbooks(FW, [tmp_path])
    files = {f.path.split(",")[0] for f in caught.value.findings}
    assert files == {'"XA-02.xlsx"', '"XA-01.xlsx"', '"broken.xlsx"'}
    assert blank.exists()
    codes = {f.code for f in caught.value.findings}
    assert {"workbook.duplicate-unit", "workbook.blank", "xlsx.corrupt"} <= codes


def test_no_workbook_to_read(tmp_path: Path) -> None:
    with pytest.raises(InvalidDocumentError, match=r"no \.xlsx file"):
        read_workbooks(FW, [tmp_path])


def test_a_target_relative_criterion_takes_the_achieved_value_and_the_target(
    tmp_path: Path,
) -> None:
    fw = Framework(
        "t",
        "Chỉ tiêu",
        [
            Criterion("1", "Thu ngân sách", Decimal(10), rule=Rule.target_relative(Decimal("0.5"))),
            Criterion("2", "Khác", Decimal(90)),
        ],
    )
    path = write_template(fw, "A", tmp_path / "A.xlsx")
    fill(path, {"1": {"F": 120.5, "G": 100}, "2": {"F": 80}})
    assert read_workbook(fw, path).entries[0].value == "120.5/100"
    fill(path, {"1": {"G": None}})
    assert read_workbook(fw, path).entries[0].value == "120.5"


# ---------------------------------------------------------------------------------------------
# the council's workbook


def test_council_workbook_round_trip(tmp_path: Path) -> None:
    other = SelfAssessment("XA-02", [*EXPECTED.entries[:1], Entry("2.2", False)])
    path = write_council_workbook(FW, [EXPECTED, other], tmp_path / "hd.xlsx", period="2024")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [INSTRUCTIONS_SHEET, "XA-01", "XA-02", "_cchc"]
    ws = wb["XA-01"]
    rows = rows_of(ws)
    assert ws.cell(rows["2.1"], 6).value == 45
    assert ws.cell(rows["2.1"], 7).value == 50
    assert ws.cell(rows["2.1"], 6).protection.locked
    assert not ws.cell(rows["2.1"], 12).protection.locked
    fill(path, {"3.1": {"L": 8, "O": "Đề án chưa được phê duyệt"}}, sheet="XA-01")
    fill(path, {"2.2": {"L": "Có", "O": "Đã công khai đủ"}}, sheet="XA-02")
    reading = read_council(FW, path)
    assert reading.assessments[0] == EXPECTED
    assert [(a.unit, [(j.code, j.value, j.reason) for j in a.adjustments])
            for a in reading.appraisals] == [
        ("XA-01", [("3.1", "8", "Đề án chưa được phê duyệt")]),
        ("XA-02", [("2.2", "yes", "Đã công khai đủ")]),
    ]  # fmt: skip
    assert [str(c) for c in reading.changes()] == [
        "XA-01 3.1: 9.50 → 8.00 (-1.50) — Đề án chưa được phê duyệt",
        "XA-02 2.2: 0.00 → 4.00 (+4.00) — Đã công khai đủ",
    ]
    table = reading.over(ScoreTable.from_assessments(FW, reading.assessments))
    assert table.reasons


def test_council_changes_need_reasons_and_reasons_need_values(tmp_path: Path) -> None:
    path = write_council_workbook(FW, [EXPECTED], tmp_path / "hd.xlsx")
    fill(path, {"3.1": {"L": 8}, "1.1": {"O": "Thiếu tài liệu"}}, sheet="XA-01")
    with pytest.raises(InvalidDocumentError) as caught:
        read_council(FW, path)
    assert {(f.code, f.path.split("!")[1]) for f in caught.value.findings} == {
        ("council.no-reason", "O13"),
        ("council.no-value", "O6"),
    }


def test_a_self_assessment_is_not_a_council_workbook(filled: Path) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        read_council(FW, filled)
    assert [f.code for f in caught.value.findings] == ["workbook.kind"]


# ---------------------------------------------------------------------------------------------
# hostile files


def rezip(source: bytes, replace: dict[str, bytes], *, level: int = 6) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename, replace.pop(info.filename, old.read(info.filename)))
        for name, data in replace.items():
            new.writestr(name, data)
    return out.getvalue()


def refused(data: bytes) -> str:
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbook(FW, data, name="X.xlsx")
    [finding] = caught.value.findings
    assert finding.path == '"X.xlsx"'
    return finding.code


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"%PDF-1.7\n", b"PK\x03\x04" + bytes(100), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
)
def test_what_is_not_an_xlsx_is_refused(data: bytes) -> None:
    assert refused(data) in {"xlsx.not-xlsx", "xlsx.corrupt"}


def test_a_zip_without_a_workbook(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert refused(out.getvalue()) == "xlsx.not-xlsx"


def test_macros_are_refused(filled: Path) -> None:
    data = rezip(filled.read_bytes(), {"xl/vbaProject.bin": b"\x00" * 64})
    assert refused(data) == "xlsx.macros"


def test_xml_bombs_and_external_entities_are_refused(filled: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol2;</t></si></sst>"
    )
    assert refused(rezip(filled.read_bytes(), {"xl/sharedStrings.xml": laughs})) == "xlsx.xml"
    external = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>'
    assert refused(rezip(filled.read_bytes(), {"xl/workbook.xml": external})) == "xlsx.xml"


def test_a_zip_bomb_is_refused(filled: Path) -> None:
    data = rezip(filled.read_bytes(), {"xl/media/big.bin": bytes(30 * 1024 * 1024)}, level=9)
    assert len(data) < 1024 * 1024
    assert refused(data) == "xlsx.too-large"


def test_a_member_that_lies_about_its_size_is_caught_while_inflating(filled: Path) -> None:
    data = bytearray(rezip(filled.read_bytes(), {"xl/media/pad.bin": bytes(200_000)}))
    name = b"xl/media/pad.bin"
    # shrink the declared size in the local header and the central directory to 10 bytes
    patched = 0
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_len = struct.unpack_from(
                "<H", data, at + (26 if signature == b"PK\x03\x04" else 28)
            )[0]
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[start : start + name_len]) == name:
                struct.pack_into("<I", data, at + size_at, 10)
                patched += 1
            at += 4
    assert patched == 2
    assert refused(bytes(data)) in {"xlsx.too-large", "xlsx.corrupt"}


def test_limits_on_size_members_and_cells(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = filled.read_bytes()
    monkeypatch.setattr(_xlsx, "MAX_CELLS", 50)
    assert refused(data) == "xlsx.too-large"
    monkeypatch.setattr(_xlsx, "MAX_CELLS", 10**6)
    monkeypatch.setattr(_xlsx, "MAX_MEMBERS", 5)
    assert refused(data) == "xlsx.too-large"
    monkeypatch.setattr(_xlsx, "MAX_MEMBERS", 1000)
    monkeypatch.setattr(_xlsx, "MAX_FILE_BYTES", 1000)
    assert refused(data) == "xlsx.too-large"
    with pytest.raises(InvalidDocumentError, match=r"is .* bytes; the limit is 1,000"):
        read_workbook(FW, filled)


def test_an_encrypted_member_is_refused(filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
    assert refused(bytes(data)) in {"xlsx.not-xlsx", "xlsx.corrupt"}


@pytest.mark.parametrize(("offset", "field"), [(6, "version needed"), (10, "compression method")])
def test_a_zip_version_or_method_python_cannot_read_is_corrupt(
    filled: Path, offset: int, field: str
) -> None:
    # zipfile raises NotImplementedError for these, while reading the directory or a member
    data = bytearray(filled.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        struct.pack_into("<H", data, at + offset, 64 if offset == 6 else 99)
        at += 4
    assert refused(bytes(data)) == "xlsx.corrupt", field


def test_a_missing_file_is_a_finding(tmp_path: Path) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbook(FW, tmp_path / "none.xlsx")
    assert caught.value.findings[0].code == "xlsx.unreadable"


def test_damaged_bytes_give_a_cchc_error_never_a_traceback(filled: Path) -> None:
    data = filled.read_bytes()
    for at in range(0, len(data), max(1, len(data) // 60)):
        broken = bytearray(data)
        broken[at] ^= 0xFF
        with contextlib.suppress(CchcError):
            read_workbook(FW, bytes(broken), name="X.xlsx")
    for cut in range(0, len(data), max(1, len(data) // 20)):
        with pytest.raises(CchcError):
            read_workbook(FW, data[:cut], name="X.xlsx")


def test_a_formula_is_found_at_its_cell_whatever_the_xml_prefix(filled: Path) -> None:
    fill(filled, {"4.2": {"F": "=1+1"}})
    with zipfile.ZipFile(filled) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet2"))
        xml = z.read(sheet)
    prefixed = xml.replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>").replace(b"<f>", b"<x:f>")
    prefixed = prefixed.replace(b"</f>", b"</x:f>").replace(
        b"<worksheet ",
        b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
    )
    book = _xlsx.open_xlsx(rezip(filled.read_bytes(), {sheet: prefixed}), "X.xlsx")
    formulas = book.formula_cells(SCORING_SHEET)
    assert "F17" in formulas
    assert all(ref.startswith("I") for ref in formulas - {"F17"})


def test_the_council_must_have_appraised_the_self_assessments_being_scored(
    tmp_path: Path,
) -> None:
    path = write_council_workbook(FW, [EXPECTED], tmp_path / "hd.xlsx")
    reading = read_council(FW, path)
    newer = SelfAssessment("XA-01", [*EXPECTED.entries[1:], Entry("1.1", 8)])
    other = attrs.evolve(EXPECTED, unit="B")
    for table in (ScoreTable.from_assessments(FW, [u]) for u in (newer, other)):
        with pytest.raises(InvalidDocumentError) as caught:
            reading.over(table)
        assert [f.code for f in caught.value.findings] == ["council.stale"]
    assert reading.over(ScoreTable.from_assessments(FW, [EXPECTED])).units == ("XA-01",)


def test_what_the_engine_refuses_after_the_reader_is_still_named_by_file(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc import workbooks

    # a reader that let a value through would still meet the engine's own checks
    monkeypatch.setattr(workbooks._Reader, "_value", lambda self, leaf, *_: "99")
    with pytest.raises(InvalidDocumentError) as caught:
        read_workbooks(FW, [filled])
    rows = rows_of(openpyxl.load_workbook(filled)[SCORING_SHEET])
    paths = [f.path for f in caught.value.findings]
    assert f'"XA-01.xlsx", "Tự đánh giá"!F{rows["1.1"]}' in paths
    assert all(p.startswith('"XA-01.xlsx", "Tự đánh giá"!F') for p in paths), paths
