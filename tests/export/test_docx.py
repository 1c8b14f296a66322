"""Decree 30/2020 documents: layout, fonts, numbering, determinism, and refusals."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from decimal import Decimal

import attrs
import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length

from cchc.calendar import Period
from cchc.campaigns import CampaignResult, run_campaign
from cchc.directives import Directive, DocumentType
from cchc.errors import CchcTypeError, ParseError, ValidationError
from cchc.examples import load, load_results
from cchc.export.docx import (
    OfficialDocument,
    Section,
    Signature,
    Table,
    award_decision_document,
    plan_document,
    render,
    roman,
)
from cchc.plans import Measure, Plan, ReviewKind, ReviewPoint, Target, Task
from cchc.units import Unit, UnitKind, UnitTree

D = datetime.date


def chau_thanh(**changes: object) -> OfficialDocument:
    fields: dict[str, object] = {
        "number": "138/KH-UBND",
        "agency": "Ủy ban nhân dân huyện Châu Thành",
        "place": "Châu Thành",
        "issued": D(2021, 5, 5),
        "summary": "Phát động phong trào thi đua chuyên đề “Thực hiện cải cách hành chính”",
        "sections": [
            Section("Mục đích, yêu cầu", ["Nâng cao trách nhiệm của người đứng đầu."]),
            Section(
                "Cơ cấu giải thưởng",
                [],
                Table(["Khối", "Giải nhất"], [["Phòng, ban, ngành huyện", "01"]]),
            ),
        ],
        "signature": Signature(
            "Chủ tịch", "Nguyễn Văn A", authority="Ủy ban nhân dân", prefix="TM"
        ),
        "recipients": ["UBND tỉnh"],
        "archive": ["VT", "PNV"],
    }
    fields.update(changes)
    return OfficialDocument(DocumentType.KH, **fields)  # type: ignore[arg-type]


def mm(*lengths: Length | None) -> tuple[int, ...]:
    """Lengths in whole millimetres (DOCX stores them in twentieths of a point)."""
    return tuple(round(length.mm) if length is not None else -1 for length in lengths)


def opened(doc: OfficialDocument) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(doc)))


def all_text(document: docx.document.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


class TestLayout:
    def test_page_is_a4_portrait_with_decree_30_margins(self) -> None:
        section = opened(chau_thanh()).sections[0]
        assert mm(section.page_width, section.page_height) == (210, 297)
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert mm(*margins) == (20, 20, 30, 15)

    def test_landscape_for_wide_tables(self) -> None:
        section = opened(chau_thanh(landscape=True)).sections[0]
        assert mm(section.page_width, section.page_height) == (297, 210)

    def test_header_has_agency_number_national_title_motto_and_date_line(self) -> None:
        left, right = opened(chau_thanh()).tables[0].rows[0].cells
        assert [p.text for p in left.paragraphs if p.text] == [
            "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
            "Số: 138/KH-UBND",
        ]
        assert [p.text for p in right.paragraphs if p.text] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Châu Thành, ngày 05 tháng 5 năm 2021",
        ]
        date_line = next(p for p in right.paragraphs if p.text.startswith("Châu Thành"))
        assert all(run.font.italic for run in date_line.runs)

    def test_title_and_summary_follow_the_header_in_bold(self) -> None:
        paragraphs = [p for p in opened(chau_thanh()).paragraphs if p.text]
        assert paragraphs[0].text == "KẾ HOẠCH"
        assert paragraphs[1].text.startswith("Phát động phong trào")
        assert all(r.font.bold for p in paragraphs[:2] for r in p.runs)

    def test_parts_are_numbered_in_roman_numerals(self) -> None:
        texts = all_text(opened(chau_thanh()))
        assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
        assert "II. CƠ CẤU GIẢI THƯỞNG" in texts

    def test_signature_block_and_recipients(self) -> None:
        left, right = opened(chau_thanh()).tables[-1].rows[0].cells
        assert [p.text for p in left.paragraphs] == ["Nơi nhận:", "- UBND tỉnh;", "- Lưu: VT, PNV."]
        assert [p.text for p in right.paragraphs if p.text] == [
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn A",
        ]

    def test_cong_van_carries_its_summary_as_v_v_and_has_no_title(self) -> None:
        letter = chau_thanh(number="7946/UBND-NCPC", summary="triển khai Chương trình tổng thể")
        letter = OfficialDocument(
            DocumentType.CONG_VAN,
            **{
                k: getattr(letter, k)
                for k in ("number", "agency", "place", "issued", "summary", "signature")
            },
        )
        document = opened(letter)
        left = document.tables[0].rows[0].cells[0]
        assert "V/v triển khai Chương trình tổng thể" in [p.text for p in left.paragraphs]
        assert "CÔNG VĂN" not in all_text(document)

    def test_body_table_rows_are_written_and_the_header_repeats(self) -> None:
        rows = [[str(i), f"Nhiệm vụ {i}"] for i in range(1, 201)]
        doc = chau_thanh(sections=[Section("Nhiệm vụ", [], Table(["STT", "Nhiệm vụ"], rows))])
        table = opened(doc).tables[1]
        assert len(table.rows) == 201
        assert table.rows[200].cells[1].text == "Nhiệm vụ 200"
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


class TestFontsAndPages:
    def test_every_run_is_times_new_roman_in_all_four_slots_and_vietnamese(self) -> None:
        xml = opened(chau_thanh()).element.xml
        fonts = list(opened(chau_thanh()).element.iter(qn("w:rFonts")))
        assert fonts
        for el in fonts:
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                assert el.get(qn(slot)) == "Times New Roman"
            assert el.get(qn("w:asciiTheme")) is None
        assert 'w:val="vi-VN"' in xml

    def test_style_defaults_carry_the_font_too(self) -> None:
        styles = opened(chau_thanh()).styles.element
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = defaults.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
        assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"

    def test_page_numbers_in_the_header_but_not_on_the_first_page(self) -> None:
        section = opened(chau_thanh()).sections[0]
        assert section.different_first_page_header_footer
        header_xml = section.header._element.xml
        assert "PAGE" in header_xml
        assert "fldChar" in header_xml
        assert section.first_page_header.paragraphs[0].text == ""


class TestDeterminism:
    def test_the_same_document_gives_the_same_bytes(self) -> None:
        assert (
            hashlib.sha256(render(chau_thanh())).digest()
            == hashlib.sha256(render(chau_thanh())).digest()
        )

    def test_a_different_document_gives_different_bytes(self) -> None:
        assert render(chau_thanh()) != render(chau_thanh(summary="Kế hoạch khác"))

    def test_properties_and_zip_entries_carry_fixed_dates(self) -> None:
        data = render(chau_thanh())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        props = docx.Document(io.BytesIO(data)).core_properties
        assert props.created == datetime.datetime(2021, 5, 5, tzinfo=datetime.UTC)
        assert props.language == "vi-VN"


class TestRefusals:
    def test_a_number_of_another_type_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="number"):
            chau_thanh(number="33/2021/QĐ-UBND")

    def test_a_bad_number_text_is_a_parse_error(self) -> None:
        with pytest.raises(ParseError):
            chau_thanh(number="138 KH UBND")

    def test_an_unknown_authority_prefix_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="prefix = 'XX'"):
            Signature("Chủ tịch", "A", authority="UBND", prefix="XX")

    def test_prefix_and_authority_go_together(self) -> None:
        with pytest.raises(ValidationError, match="go together"):
            Signature("Chủ tịch", "A", prefix="TM.")

    def test_a_ragged_table_names_the_row(self) -> None:
        with pytest.raises(ValidationError, match=r"rows\[0\]"):
            Table(["a", "b"], [["1"]])

    def test_a_section_that_is_not_a_section_is_a_type_error(self) -> None:
        with pytest.raises(CchcTypeError, match=r"sections\[0\]"):
            chau_thanh(sections=["I. Mục đích"])

    def test_an_empty_summary_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="summary"):
            chau_thanh(summary="  ")

    def test_roman_numerals_have_a_range(self) -> None:
        assert [roman(n) for n in (3, 19, 2024)] == ["III", "XIX", "MMXXIV"]
        with pytest.raises(ValidationError):
            roman(0)


class TestPlanDocument:
    def plan(self) -> Plan:
        return Plan(
            "Triển khai phong trào thi đua Cải cách hành chính năm 2023",
            Period.year(2023),
            number="15/KH-UBND",
            issuer="UBND huyện Văn Bàn",
            issued=D(2023, 2, 1),
            implements=[
                Directive(
                    number="33/2021/QĐ-UBND", issuer="UBND tỉnh Lào Cai", issued=D(2021, 6, 28)
                )
            ],
            objectives=[
                Target(
                    "Hồ sơ TTHC giải quyết đúng hạn",
                    Measure.PERCENT,
                    98,
                    due=D(2023, 12, 31),
                    baseline=95,
                    baseline_year=2022,
                )
            ],
            contents=["Cải cách thể chế", "Cải cách thủ tục hành chính"],
            tasks=[
                Task(
                    "1",
                    "Rà soát TTHC",
                    lead="VP",
                    partners=["NV"],
                    output="Báo cáo",
                    due=D(2023, 6, 30),
                ),
                Task("2", "Số hóa hồ sơ", lead="NV", output="Kho dữ liệu", due=D(2023, 11, 30)),
            ],
            reviews=[ReviewPoint(ReviewKind.FINAL, D(2023, 12, 15))],
        )

    def test_plan_becomes_a_ke_hoach_with_its_basis_parts_and_task_table(self) -> None:
        units = UnitTree(
            [
                Unit("VP", "Văn phòng HĐND và UBND huyện", UnitKind.DISTRICT_OFFICE),
                Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE),
            ]
        )
        doc = plan_document(
            self.plan(),
            agency="Ủy ban nhân dân huyện Văn Bàn",
            place="Văn Bàn",
            signature=Signature("Chủ tịch", "Nguyễn Văn A"),
            units=units,
        )
        assert doc.basis[0] == (
            "Căn cứ Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai;"
        )
        assert [s.heading for s in doc.sections] == [
            "Mục đích, yêu cầu",
            "Nội dung",
            "Nhiệm vụ",
            "Tổ chức thực hiện",
        ]
        assert doc.sections[0].paragraphs == (
            "- Hồ sơ TTHC giải quyết đúng hạn: 98% vào ngày 31/12/2023 (năm 2022: 95).",
        )
        table = doc.sections[2].table
        assert table is not None
        assert table.rows[0] == (
            "1",
            "Rà soát TTHC",
            "Báo cáo",
            "Văn phòng HĐND và UBND huyện",
            "Phòng Nội vụ",
            "30/6/2023",
        )
        assert "- Tổng kết: ngày 15/12/2023." in doc.sections[3].paragraphs
        texts = all_text(opened(doc))
        assert "Số: 15/KH-UBND" in texts
        assert "Kho dữ liệu" in texts

    def test_a_plan_not_yet_issued_cannot_be_laid_out(self) -> None:
        draft = attrs.evolve(self.plan(), issued=None, number=None)
        with pytest.raises(ValidationError, match="issued"):
            plan_document(
                draft, agency="UBND", place="Văn Bàn", signature=Signature("Chủ tịch", "A")
            )


class TestAwardDecisionDocument:
    @staticmethod
    def result() -> CampaignResult:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        return run_campaign(ex.campaign, load_results("chau-thanh-2021"))

    def document(self, result: CampaignResult | None = None) -> OfficialDocument:
        return award_decision_document(
            result or self.result(),
            agency="Ủy ban nhân dân huyện Châu Thành",
            place="Châu Thành",
            issued=D(2022, 1, 10),
            signature=Signature("Chủ tịch", "Nguyễn Văn A"),
            recipients=["UBND tỉnh"],
        )

    def test_every_award_is_listed_once_in_article_1(self) -> None:
        result = self.result()
        table = self.document(result).sections[0].table
        assert table is not None
        assert len(table.rows) == len(result.decision.awards) == 16
        assert [r[0] for r in table.rows] == [str(i) for i in range(1, 17)]
        assert (
            "4",
            "Phòng Tư pháp",
            "Phòng, ban, ngành huyện",
            "Giải Khuyến khích",
            "76.99",
        ) in table.rows

    def test_laid_out_as_a_decision_with_articles(self) -> None:
        texts = all_text(opened(self.document()))
        assert "QUYẾT ĐỊNH" in texts
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH" in texts
        assert "QUYẾT ĐỊNH:" in texts
        articles = [t for t in texts if t.startswith("Điều ")]
        assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
        assert "Số:      /QĐ-UBND" in texts
        assert "- Như Điều 3;" in texts

    def test_the_basis_is_the_launching_plan(self) -> None:
        assert (
            self.document()
            .basis[0]
            .startswith("Căn cứ Kế hoạch số 138/KH-UBND ngày 05/5/2021 của UBND huyện Châu Thành")
        )

    def test_the_same_decision_gives_the_same_bytes(self) -> None:
        assert render(self.document()) == render(self.document())

    def test_a_decision_with_unresolved_ties_is_refused(self) -> None:
        result = self.result()
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        tied = attrs.evolve(
            load_results("chau-thanh-2021"),
            individuals=[
                attrs.evolve(c, points=Decimal(90))
                for c in load_results("chau-thanh-2021").individuals
            ],
        )
        result = run_campaign(ex.campaign, tied)
        assert result.decision.ties
        with pytest.raises(ValidationError, match="ties"):
            self.document(result)
