"""Decree 30/2020 documents: layout, fonts, numbering, determinism, and refusals."""

from __future__ import annotations

import datetime
import errno
import hashlib
import io
import math
import os
import pickle
import stat
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import docx
import docx.document
import pytest
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt
from hypothesis import given
from hypothesis import strategies as st

from cchc.calendar import Period
from cchc.campaigns import CampaignResult, run_campaign
from cchc.criteria import load_bundled
from cchc.directives import Directive, DocumentType
from cchc.errors import CchcError, CchcTypeError, NotFoundError, ParseError, ValidationError
from cchc.examples import load, load_results
from cchc.export.docx import (
    Appendix,
    Letterhead,
    OfficialDocument,
    Section,
    Signature,
    Table,
    announcement_document,
    award_decision_document,
    award_proposal_document,
    plan_document,
    render,
    report_document,
    roman,
    save,
    scoreboard_appendix,
    scoreboard_document,
    vi_number,
)
from cchc.plans import Measure, Plan, ReviewKind, ReviewPoint, Target, Task
from cchc.scoring import Ranking, ScoreTable, rank, score_table
from cchc.units import Unit, UnitKind, UnitTree

D = datetime.date
VAN_BAN = Letterhead.of_issuer("UBND huyện Văn Bàn", signer="Nguyễn Văn A")


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
        top, bottom = opened(chau_thanh()).tables[0].rows
        assert [p.text for p in top.cells[0].paragraphs if p.text] == [
            "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"
        ]
        assert [p.text for p in top.cells[1].paragraphs if p.text] == [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ]
        # "Số" and the place-and-date line share a row: they stand on one line
        assert [c.text for c in bottom.cells] == [
            "Số: 138/KH-UBND",
            "Châu Thành, ngày 05 tháng 5 năm 2021",
        ]
        date_line = bottom.cells[1].paragraphs[0]
        assert all(run.font.italic for run in date_line.runs)

    def test_so_and_the_date_line_are_set_in_one_size(self) -> None:
        bottom = opened(chau_thanh(parent_agency="UBND tỉnh Long An")).tables[0].rows[1]
        sizes = {run.font.size for cell in bottom.cells for run in cell.paragraphs[0].runs}
        assert sizes == {Pt(13)}

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
        number = document.tables[0].rows[1].cells[0]
        assert [p.text for p in number.paragraphs] == [
            "Số: 7946/UBND-NCPC",
            "V/v triển khai Chương trình tổng thể",
        ]
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

    def test_every_refusal_has_a_vietnamese_message(self) -> None:
        for make in (
            lambda: chau_thanh(number="33/2021/QĐ-UBND"),
            lambda: Signature("Chủ tịch", "A", authority="UBND", prefix="XX"),
            lambda: Signature("Chủ tịch", "A", prefix="TM."),
            lambda: Table(["a", "b"], [["1"]]),
            lambda: chau_thanh(sections=["I. Mục đích"]),
            lambda: chau_thanh(summary="  "),
            lambda: chau_thanh(issued="2021-05-05"),
            lambda: chau_thanh(landscape=1),
            lambda: roman(0),
        ):
            with pytest.raises(CchcError) as caught:
                make()
            assert caught.value.vi, caught.value
            assert "'" not in caught.value.vi


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
        doc = plan_document(self.plan(), VAN_BAN, units=units)
        assert doc.basis == (
            "Căn cứ Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của Ủy ban nhân dân tỉnh Lào Cai.",
            (
                "Ủy ban nhân dân huyện Văn Bàn ban hành Kế hoạch triển khai phong trào thi đua Cải "
                "cách hành chính năm 2023 như sau:"
            ),
        )
        assert [s.heading for s in doc.sections] == [
            "Mục tiêu, chỉ tiêu",
            "Nội dung",
            "Nhiệm vụ",
            "Tổ chức thực hiện",
        ]
        assert doc.sections[0].paragraphs == (
            (
                "- Đến hết năm 2023, hồ sơ thủ tục hành chính (TTHC) giải quyết đúng hạn đạt từ "
                "98% trở lên (năm 2022 đạt 95%)."
            ),
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
        assert (
            doc.sections[3]
            .paragraphs[0]
            .startswith(
                "- Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện: chủ trì thực hiện "
                "nhiệm vụ số 1"
            )
        )
        texts = all_text(opened(doc))
        assert "Số: 15/KH-UBND" in texts
        assert "Kho dữ liệu" in texts

    def test_a_plan_not_yet_issued_cannot_be_laid_out(self) -> None:
        draft = attrs.evolve(self.plan(), issued=None, number=None)
        with pytest.raises(ValidationError, match="issued"):
            plan_document(draft, VAN_BAN)


class TestAwardDecisionDocument:
    @staticmethod
    def result() -> CampaignResult:
        ex = load("chau-thanh-2021")
        assert ex.campaign is not None
        return run_campaign(ex.campaign, load_results("chau-thanh-2021"))

    def document(self, result: CampaignResult | None = None) -> OfficialDocument:
        return award_decision_document(
            result or self.result(),
            Letterhead.of_issuer("UBND huyện Châu Thành", signer="Nguyễn Văn A"),
            issued=D(2022, 1, 10),
            recipients=["UBND tỉnh"],
        )

    def test_every_award_is_listed_once_in_the_appendix_without_scores(self) -> None:
        result = self.result()
        (appendix,) = self.document(result).appendices
        teams, people = (part.table for part in appendix.sections)
        assert teams is not None
        assert people is not None
        assert len(teams.rows) + len(people.rows) == len(result.decision.awards) == 16
        assert teams.header == ("STT", "Tên tập thể", "Khối thi đua", "Giải thưởng")
        assert ("4", "Phòng Tư pháp", "Phòng, ban, ngành huyện", "Giải Khuyến khích") in teams.rows
        assert people.header == ("STT", "Họ và tên", "Chức vụ, đơn vị công tác")
        # an individual's award is the Giấy khen itself, never "Khen thưởng cá nhân"
        assert not any("Khen thưởng cá nhân" in cell for row in people.rows for cell in row)
        assert appendix.title == "Danh sách các tập thể, cá nhân được tặng Giấy khen"
        assert appendix.reference == (
            "(Kèm theo Quyết định số ……/QĐ-UBND ngày 10 tháng 01 năm 2022 của Chủ tịch Ủy ban "
            "nhân dân huyện Châu Thành)"
        )

    def test_an_individual_is_listed_by_name_then_position_and_unit(self) -> None:
        (appendix,) = self.document().appendices
        people = appendix.sections[1].table
        assert people is not None
        # the name, then the position (chức vụ) and the unit's name, never its code
        assert people.rows[1] == (
            "2",
            "Cá nhân minh họa 02",
            "Công chức Văn phòng - Thống kê, Thị trấn (minh họa)",
        )
        assert people.rows[0] == ("1", "Cá nhân minh họa 01", "Chuyên viên, Phòng Nội vụ")
        assert not any("CT-" in cell for row in people.rows for cell in row)

    def test_an_individual_without_position_or_known_unit_shows_what_there_is(self) -> None:
        result = self.result()
        awards = tuple(
            attrs.evolve(a, position=None, unit="XYZ") if a.recipient == "CN-01" else a
            for a in result.decision.awards
        )
        changed = attrs.evolve(result, decision=attrs.evolve(result.decision, awards=awards))
        (appendix,) = self.document(changed).appendices
        people = appendix.sections[1].table
        assert people is not None
        assert people.rows[0] == ("1", "Cá nhân minh họa 01", "XYZ")

    def test_laid_out_as_a_decision_with_articles(self) -> None:
        texts = all_text(opened(self.document()))
        assert "QUYẾT ĐỊNH" in texts
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH" in texts
        assert "QUYẾT ĐỊNH:" in texts
        articles = [t for t in texts if t.startswith("Điều ")]
        assert [a.split(".")[0] for a in articles] == ["Điều 1", "Điều 2", "Điều 3"]
        assert "Số:      /QĐ-UBND" in texts
        assert "- Như Điều 3;" in texts

    def test_the_bases_are_the_signers_authority_the_plan_and_the_proposal(self) -> None:
        basis = self.document().basis
        assert basis[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
        assert any("Nghị định số 91/2017/NĐ-CP" in line for line in basis)  # in force in 2022
        assert basis[-2].startswith(
            "Thực hiện Kế hoạch số 138/KH-UBND ngày 05/5/2021 của Ủy ban nhân dân huyện Châu Thành"
        )
        assert basis[-1] == (
            "Theo đề nghị của Trưởng phòng Nội vụ - Thường trực Hội đồng Thi đua - Khen thưởng "
            "huyện."
        )
        assert all(line.endswith(";") for line in basis[:-1])

    def test_the_decree_in_force_on_the_decision_date_is_cited(self) -> None:
        later = award_decision_document(
            self.result(), Letterhead.of_issuer("UBND huyện Châu Thành"), issued=D(2024, 1, 10)
        )
        assert any("Nghị định số 98/2023/NĐ-CP" in line for line in later.basis)
        assert not any("91/2017" in line for line in later.basis)
        assert any("ngày 15 tháng 6 năm 2022" in line for line in later.basis)

    def test_article_1_names_the_form_of_award_and_the_counts(self) -> None:
        article = self.document().sections[0].heading
        assert article.startswith(
            "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện Châu Thành cho 08 tập thể và 08 "
            "cá nhân đã có thành tích xuất sắc trong phong trào thi đua chuyên đề"
        )
        assert article.endswith("(có danh sách kèm theo).")

    def test_a_province_awards_bang_khen(self) -> None:
        doc = award_decision_document(
            self.result(), Letterhead.of_issuer("UBND tỉnh Bến Tre"), issued=D(2022, 1, 10)
        )
        assert doc.sections[0].heading.startswith("Tặng Bằng khen của Chủ tịch Ủy ban nhân dân")
        assert "Giám đốc Sở Nội vụ" in doc.sections[-1].heading

    def test_prize_money_is_an_article_of_its_own_in_vietnamese_numbers(self) -> None:
        doc = award_decision_document(
            self.result(),
            Letterhead.of_issuer("UBND huyện Châu Thành"),
            issued=D(2022, 1, 10),
            prize_money={"Giải Nhất": 3_000_000, "Giải Nhì": Decimal(2_000_000)},
        )
        assert len(doc.sections) == 4
        assert "Giải Nhất 3.000.000 đồng; Giải Nhì 2.000.000 đồng" in doc.sections[1].heading
        assert doc.recipients[0] == "Như Điều 4"
        with pytest.raises(ValidationError, match="đồng") as caught:
            award_decision_document(
                self.result(),
                Letterhead.of_issuer("UBND huyện Châu Thành"),
                issued=D(2022, 1, 10),
                prize_money={"Giải Nhất": Decimal("-1")},
            )
        assert caught.value.vi

    def test_article_3_names_the_officials_and_the_body_ends_with_the_closing_mark(self) -> None:
        doc = self.document()
        last = doc.sections[-1].heading
        assert last.startswith(
            "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ, "
            "Trưởng phòng Tài chính - Kế hoạch, Thủ trưởng các cơ quan, đơn vị có liên quan"
        )
        assert last.endswith("chịu trách nhiệm thi hành Quyết định này./.")
        assert doc.recipients == ("Như Điều 3", "UBND tỉnh")
        assert doc.archive == ("VT", "PNV")

    def test_a_decision_on_illustrative_results_says_so_on_its_first_page(self) -> None:
        plain = self.document()
        assert plain.notice is None
        marked = attrs.evolve(plain, notice=None)
        doc = award_decision_document(
            self.result(),
            Letterhead.of_issuer("UBND huyện Châu Thành"),
            issued=D(2022, 1, 10),
            illustrative=True,
        )
        assert doc.notice is not None
        assert "minh họa" in doc.notice
        texts = all_text(opened(doc))
        assert doc.notice in texts
        assert texts.index(doc.notice) < texts.index("QUYẾT ĐỊNH:")
        assert marked.notice is None

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


# --- text a document cannot hold ---------------------------------------------------------------

#: Characters XML 1.0 cannot hold and that survive white-space collapsing (tab, line feed,
#: carriage return, vertical tab, form feed and the separators U+001C-U+001F are white space).
NOT_XML = [*"\x00\x01\x07\x08\x0e\x10\x1b", "\ufffe", "\uffff", "\ud800", "\udfff"]


def holds_what_xml_cannot(value: str) -> bool:
    return any(
        ch in "\ufffe\uffff"
        or "\ud800" <= ch <= "\udfff"
        or (ord(ch) < 0x20 and ch not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")
        for ch in value
    )


class TestTextADocumentCannotHold:
    @pytest.mark.parametrize("char", NOT_XML, ids=lambda c: f"U+{ord(c):04X}")
    def test_is_refused_when_the_document_is_built_naming_the_field(self, char: str) -> None:
        with pytest.raises(ValidationError) as caught:
            chau_thanh(summary=f"Kế hoạch{char} cải cách")
        assert caught.value.field == "summary"
        if not "\ud800" <= char <= "\udfff":  # a lone surrogate is refused by the text reader
            assert f"U+{ord(char):04X} at character 9" in str(caught.value)
            assert f"mã U+{ord(char):04X}) ở ký tự thứ 9" in caught.value.message_vi
        assert caught.value.vi
        assert "ký tự" in caught.value.vi
        assert "'" not in caught.value.vi

    @pytest.mark.parametrize(
        ("build", "field"),
        [
            (lambda bad: chau_thanh(agency=bad), "agency"),
            (lambda bad: chau_thanh(place=bad), "place"),
            (lambda bad: chau_thanh(parent_agency=bad), "parent_agency"),
            (lambda bad: chau_thanh(basis=["Căn cứ Luật", bad]), "basis[1]"),
            (lambda bad: chau_thanh(recipients=["UBND tỉnh", bad]), "recipients[1]"),
            (lambda bad: chau_thanh(archive=[bad]), "archive[0]"),
            (lambda bad: chau_thanh(authority=bad), "authority"),
            (lambda bad: chau_thanh(issuer_symbol=bad), "issuer_symbol"),
            (lambda bad: Section(bad), "heading"),
            (lambda bad: Section("Mục đích", ["Một", bad]), "paragraphs[1]"),
            (lambda bad: Table(["STT", bad], []), "header[1]"),
            (lambda bad: Table(["STT", "Tên"], [["1", "A"], ["2", bad]]), "rows[1][1]"),
            (lambda bad: Signature(bad, "A"), "position"),
            (lambda bad: Signature("Chủ tịch", bad), "signer"),
            (lambda bad: Signature("Chủ tịch", "A", authority=bad, prefix="TM"), "authority"),
        ],
    )
    def test_every_text_field_is_checked(self, build: object, field: str) -> None:
        assert callable(build)
        with pytest.raises(ValidationError) as caught:
            build("Phòng\x00 Nội vụ")
        assert caught.value.field == field

    def test_a_lone_surrogate_is_refused_with_the_field(self) -> None:
        with pytest.raises(CchcError) as caught:
            Section("Mục đích", ["\ud83d trách nhiệm"])
        assert caught.value.field == "paragraphs[0]"

    def test_a_part_changed_after_it_was_built_is_caught_with_its_full_path(self) -> None:
        tampered = Section("Tổ chức thực hiện", ["Giao Phòng Nội vụ."])
        object.__setattr__(tampered, "paragraphs", ("Giao\x00 Phòng Nội vụ.",))
        sections = [Section("Mục đích"), Section("Nội dung"), tampered]
        with pytest.raises(ValidationError) as caught:
            chau_thanh(sections=sections)
        assert caught.value.field == "sections[2].paragraphs[0]"

    def test_render_checks_again_and_never_fails_inside_the_xml_writer(self) -> None:
        doc = chau_thanh()
        table = doc.sections[1].table
        assert table is not None
        object.__setattr__(table, "rows", (("Phòng\x1b", "01"),))
        with pytest.raises(ValidationError) as caught:
            render(doc)
        assert caught.value.field == "sections[1].table.rows[0][0]"
        object.__setattr__(doc.signature, "signer", "\ufffe")
        with pytest.raises(ValidationError, match=r"signature\.signer"):
            render(doc)

    def test_a_tampered_pickle_is_caught_when_unpickled_values_are_rendered(self) -> None:
        doc = pickle.loads(pickle.dumps(chau_thanh()))
        object.__setattr__(doc, "summary", "Kế hoạch\x00")
        with pytest.raises(ValidationError, match="summary"):
            render(doc)

    def test_tabs_and_line_breaks_are_white_space_and_render(self) -> None:
        doc = chau_thanh(summary="Kế hoạch\tcải cách\r\nhành chính\x0b\x0c\x1f năm 2021")
        assert doc.summary == "Kế hoạch cải cách hành chính năm 2021"
        assert render(doc)[:2] == b"PK"

    def test_control_characters_that_xml_holds_render(self) -> None:
        doc = chau_thanh(summary="Kế hoạch\x7f\x85\x9f năm 2021")
        assert render(doc)[:2] == b"PK"

    @given(
        st.text(
            st.one_of(
                st.characters(exclude_categories=()),  # surrogates too
                st.sampled_from([*NOT_XML, "\t", "\n", "\r", " ", "a", "ệ"]),
            ),
            max_size=30,
        )
    )
    def test_any_text_is_refused_when_built_or_renders(self, value: str) -> None:
        """The text goes into every kind of field at once: one render checks them all."""

        def build() -> OfficialDocument:
            named = f"Phòng {value}"  # never blank: blank names are refused on their own
            return chau_thanh(
                summary=named,
                agency=named,
                parent_agency=named,
                basis=[value],
                recipients=[value],
                sections=[
                    Section(named, [value], Table([value, "B"], [[value, "1"]])),
                ],
                signature=Signature("Chủ tịch", named, authority=named, prefix="TM."),
            )

        if holds_what_xml_cannot(value):
            with pytest.raises(CchcError) as caught:
                build()
            assert caught.value.vi
            assert caught.value.field
        else:
            assert render(build())[:2] == b"PK"


# --- long summaries and agency names -----------------------------------------------------------


WORDS = (
    "Phê duyệt danh sách các cơ quan, đơn vị, xã, phường, thị trấn hoàn thành xuất sắc "
    "nhiệm vụ cải cách hành chính và chuyển đổi số"
)


def long_summary(length: int = 600) -> str:
    words = WORDS.split(" ")
    out: list[str] = []
    i = 0
    while len(" ".join(out)) < length:
        out.append(words[i % len(words)])
        i += 1
    return " ".join(out)[:length].rstrip()


class TestLongSummaries:
    def test_a_600_character_summary_renders_whole_in_the_body(self) -> None:
        summary = long_summary(600)
        assert len(summary) >= 599
        document = opened(chau_thanh(summary=summary))
        assert summary in [p.text for p in document.paragraphs]

    def test_the_title_property_is_cut_at_a_word_boundary_with_an_ellipsis(self) -> None:
        summary = long_summary(600)
        title = opened(chau_thanh(summary=summary)).core_properties.title
        assert len(title) <= 255
        assert title.endswith("…")
        kept = title.removesuffix("…")
        assert len(kept) > 200
        assert summary.startswith(kept)
        assert summary[len(kept)] in " ,;:."  # a whole word was kept, not half of one

    def test_a_summary_of_255_characters_is_kept_whole_in_the_title(self) -> None:
        summary = long_summary(255)
        assert len(summary) == 255
        assert opened(chau_thanh(summary=summary)).core_properties.title == summary

    def test_one_long_word_is_cut_at_the_limit(self) -> None:
        title = opened(chau_thanh(summary="x" * 600)).core_properties.title
        assert title == "x" * 254 + "…"

    def test_a_long_agency_name_renders_and_the_author_is_shortened(self) -> None:
        agency = "Ủy ban nhân dân " + long_summary(400)
        document = opened(chau_thanh(agency=agency))
        assert agency.upper() in all_text(document)
        props = document.core_properties
        assert len(props.author) <= 255
        assert props.author.endswith("…")
        assert props.last_modified_by == props.author

    def test_a_cong_van_with_a_long_summary_renders(self) -> None:
        summary = long_summary(600)
        letter = OfficialDocument(
            DocumentType.CONG_VAN,
            number="7946/UBND-NCPC",
            agency="Ủy ban nhân dân tỉnh Bắc Kạn",
            place="Bắc Kạn",
            issued=D(2021, 11, 25),
            summary=summary,
            signature=Signature("Chủ tịch", "A"),
        )
        number = opened(letter).tables[0].rows[1].cells[0]
        assert f"V/v {summary}" in [p.text for p in number.paragraphs]

    def test_long_summaries_still_give_the_same_bytes(self) -> None:
        doc = chau_thanh(summary=long_summary(600), agency=long_summary(300))
        assert render(doc) == render(doc)


# --- tables ------------------------------------------------------------------------------------


class TestTables:
    @pytest.mark.parametrize(
        "width",
        [
            0,
            0.0,
            -1,
            -0.5,
            math.nan,
            math.inf,
            -math.inf,
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("Infinity"),
            Decimal("1E+1000000"),
            Decimal("-2"),
            10**400,
            "mười",
            "nan",
            True,
            None,
            [1],
        ],
        ids=repr,
    )
    def test_a_bad_width_is_refused_naming_the_column(self, width: object) -> None:
        with pytest.raises(CchcError) as caught:
            Table(["STT", "Nhiệm vụ", "Hạn"], [], widths=[1.4, width, 3])
        assert caught.value.field == "widths[1]"
        assert caught.value.vi

    def test_widths_may_be_given_as_any_exact_number_or_text(self) -> None:
        table = Table(["a", "b", "c", "d"], [], widths=[1, Decimal("2.5"), Fraction(1, 3), "1,5"])
        assert table.widths == (1.0, 2.5, 1 / 3, 1.5)
        assert all(type(w) is float for w in table.widths)

    def test_one_width_per_column(self) -> None:
        with pytest.raises(ValidationError, match="widths") as caught:
            Table(["a", "b"], [], widths=[1.0])
        assert caught.value.field == "widths"

    def test_widths_that_are_one_text_are_refused(self) -> None:
        with pytest.raises(CchcTypeError, match="widths"):
            Table(["a", "b"], [], widths="12")

    def test_a_table_without_columns_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="header"):
            Table([], [])

    def test_a_row_given_as_one_text_is_refused(self) -> None:
        with pytest.raises(CchcTypeError) as caught:
            Table(["a", "b"], ["ab"])
        assert caught.value.field == "rows[0]"

    @pytest.mark.parametrize("rows", [[["1", "2", "3"]], [["1"]], [["1", "2"], []]])
    def test_rows_of_another_length_than_the_header_name_the_row(
        self, rows: list[list[str]]
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            Table(["a", "b"], rows)
        assert caught.value.field == f"rows[{len(rows) - 1}]"
        assert caught.value.vi
        assert "tiêu đề" in caught.value.vi

    @pytest.mark.parametrize("table", ["STT | Nhiệm vụ", [["STT"]], {"header": ["STT"]}, 0])
    def test_a_section_whose_table_is_not_a_table_is_refused(self, table: object) -> None:
        with pytest.raises(CchcTypeError) as caught:
            Section("Nhiệm vụ", [], table)
        assert caught.value.field == "table"

    def test_a_table_changed_after_it_was_built_is_caught_with_its_path(self) -> None:
        section = Section("Nhiệm vụ", [], Table(["a"], [["1"]]))
        object.__setattr__(section, "table", "a table")
        with pytest.raises(CchcTypeError) as caught:
            chau_thanh(sections=[Section("Mục đích"), section])
        assert caught.value.field == "sections[1].table"
        table = Table(["a", "b"], [], widths=[1, 2])
        section = Section("Nhiệm vụ", [], table)
        object.__setattr__(table, "widths", (1.0, math.nan))
        with pytest.raises(ValidationError) as invalid:
            chau_thanh(sections=[section])
        assert invalid.value.field == "sections[0].table.widths[1]"
        with pytest.raises(ValidationError) as invalid:  # a part checks its own parts too
            Section("Nhiệm vụ", [], table)
        assert invalid.value.field == "table.widths[1]"

    @given(
        st.lists(
            st.one_of(
                st.floats(),
                st.integers(min_value=-(10**20), max_value=10**20),
                st.decimals(),
                st.fractions(),
                st.booleans(),
                st.none(),
            ),
            min_size=2,
            max_size=2,
        )
    )
    def test_any_widths_are_refused_naming_the_column_or_render(self, widths: list[object]) -> None:
        def never_a_width(w: object) -> bool:
            if w is None or isinstance(w, bool):
                return True
            if isinstance(w, float) and not math.isfinite(w):
                return True
            if isinstance(w, Decimal) and not w.is_finite():
                return True
            assert isinstance(w, int | float | Decimal | Fraction)
            return w <= 0

        try:
            table = Table(["STT", "Nhiệm vụ"], [["1", "Rà soát"]], widths=widths)
        except CchcError as error:
            refused: CchcError | None = error
        else:
            refused = None
        if refused is not None:
            assert refused.field in ("widths[0]", "widths[1]")
            assert refused.vi
            return
        assert not any(never_a_width(w) for w in widths)
        assert all(0 < w < 10**12 and math.isfinite(w) for w in table.widths)
        assert render(chau_thanh(sections=[Section("Nhiệm vụ", [], table)]))[:2] == b"PK"

    def test_more_parts_than_roman_numerals_reach_are_refused_when_built(self) -> None:
        parts = [Section(f"Phần {i}") for i in range(4000)]
        with pytest.raises(ValidationError, match="3999") as caught:
            chau_thanh(sections=parts)
        assert caught.value.field == "sections"
        assert chau_thanh(sections=parts, articles=True).articles


class TestBuildersRefuseWhatTheyCannotUse:
    def test_plan_document_needs_a_plan(self) -> None:
        with pytest.raises(CchcTypeError, match="plan"):
            plan_document("Kế hoạch 15", VAN_BAN)  # type: ignore[arg-type]

    def test_award_decision_document_needs_a_campaign_result(self) -> None:
        with pytest.raises(CchcTypeError, match="result"):
            award_decision_document(
                None,  # type: ignore[arg-type]
                VAN_BAN,
                issued=D(2022, 1, 10),
            )

    def test_a_builder_needs_a_letterhead(self) -> None:
        with pytest.raises(CchcTypeError, match="letterhead") as caught:
            plan_document(TestPlanDocument().plan(), "UBND huyện Văn Bàn")  # type: ignore[arg-type]
        assert caught.value.vi
        with pytest.raises(CchcTypeError, match="Letterhead"):
            plan_document(TestPlanDocument().plan())

    def test_a_letterhead_and_the_old_parameters_are_not_both_given(self) -> None:
        with pytest.raises(ValidationError, match="not both"):
            plan_document(TestPlanDocument().plan(), VAN_BAN, place="Văn Bàn")


class TestDeprecatedLetterheadParameters:
    def test_the_old_parameters_still_work_and_warn(self) -> None:
        plan = TestPlanDocument().plan()
        with pytest.warns(DeprecationWarning, match="Letterhead"):
            old = plan_document(
                plan,
                agency="Ủy ban nhân dân huyện Văn Bàn",
                place="Văn Bàn",
                signature=VAN_BAN.signature,
                issuer_symbol="UBND",
                archive=["VT", "PNV"],
            )
        assert render(old) == render(plan_document(plan, VAN_BAN))

    def test_the_decision_keeps_its_old_default_symbol(self) -> None:
        with pytest.warns(DeprecationWarning, match="award_decision_document"):
            old = award_decision_document(
                TestAwardDecisionDocument.result(),
                agency="Ủy ban nhân dân huyện Châu Thành",
                place="Châu Thành",
                issued=D(2022, 1, 10),
                signature=Signature("Chủ tịch", "A"),
            )
        assert old.number_line() == "Số:      /QĐ-UBND"


# --- saving ------------------------------------------------------------------------------------


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


class TestSave:
    def test_writes_the_rendered_bytes(self, tmp_path: Path) -> None:
        doc = chau_thanh()
        save(doc, tmp_path / "ke-hoach.docx")
        save(doc, str(tmp_path / "ke-hoach-2.docx"))
        assert (tmp_path / "ke-hoach.docx").read_bytes() == render(doc)
        assert (tmp_path / "ke-hoach-2.docx").read_bytes() == render(doc)
        assert folder_listing(tmp_path) == ["ke-hoach-2.docx", "ke-hoach.docx"]

    def test_replaces_an_earlier_file(self, tmp_path: Path) -> None:
        target = tmp_path / "ke-hoach.docx"
        target.write_bytes(b"old")
        save(chau_thanh(), target)
        assert target.read_bytes() == render(chau_thanh())
        assert folder_listing(tmp_path) == ["ke-hoach.docx"]

    def test_a_new_file_gets_the_usual_permissions(self, tmp_path: Path) -> None:
        umask = os.umask(0o022)
        os.umask(umask)
        save(chau_thanh(), tmp_path / "a.docx")
        assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o666 & ~umask

    def test_an_earlier_file_keeps_its_permissions(self, tmp_path: Path) -> None:
        target = tmp_path / "a.docx"
        target.write_bytes(b"old")
        target.chmod(0o640)
        save(chau_thanh(), target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def test_a_link_is_followed_and_kept(self, tmp_path: Path) -> None:
        (tmp_path / "signed").mkdir()
        real = tmp_path / "signed" / "ke-hoach.docx"
        real.write_bytes(b"old")
        link = tmp_path / "latest.docx"
        link.symlink_to(real)
        save(chau_thanh(), link)
        assert link.is_symlink()
        assert real.read_bytes() == render(chau_thanh())

    def test_a_name_as_long_as_the_system_allows_is_written(self, tmp_path: Path) -> None:
        target = tmp_path / ("k" * 250 + ".docx")
        save(chau_thanh(), target)
        assert folder_listing(tmp_path) == [target.name]

    def test_writes_to_a_binary_file(self) -> None:
        out = io.BytesIO()
        save(chau_thanh(), out)
        assert out.getvalue() == render(chau_thanh())

    def test_a_text_file_is_refused(self) -> None:
        with pytest.raises(CchcTypeError, match="binary"):
            save(chau_thanh(), io.StringIO())

    def test_a_failure_while_the_document_is_written_leaves_the_earlier_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "ke-hoach.docx"
        target.write_bytes(b"the signed version")

        def broken_save(self: object, stream: io.BytesIO) -> None:
            stream.write(b"PK\x03\x04 half a document")
            raise RuntimeError("interrupted")

        monkeypatch.setattr(docx.document.Document, "save", broken_save)
        with pytest.raises(RuntimeError, match="interrupted"):
            save(chau_thanh(), target)
        assert target.read_bytes() == b"the signed version"
        assert folder_listing(tmp_path) == ["ke-hoach.docx"]

    @pytest.mark.parametrize("step", ["fsync", "replace"])
    def test_a_failure_after_bytes_reach_the_disk_leaves_the_earlier_file_and_no_other(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
    ) -> None:
        target = tmp_path / "ke-hoach.docx"
        target.write_bytes(b"the signed version")
        written: list[int] = []

        def disk_full(*args: object) -> None:
            written.extend(p.stat().st_size for p in tmp_path.iterdir() if p != target)
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, step, disk_full)
        with pytest.raises(ValidationError, match="disk is full") as caught:
            save(chau_thanh(), target)
        monkeypatch.undo()
        assert written  # the new file had been written when it failed
        assert written[0] > 1000
        assert caught.value.field == "path"
        assert caught.value.value == str(target)
        assert caught.value.vi == "không ghi được tệp: ổ đĩa đã đầy"
        assert target.read_bytes() == b"the signed version"
        assert folder_listing(tmp_path) == ["ke-hoach.docx"]

    def test_a_missing_folder_names_the_path(self, tmp_path: Path) -> None:
        target = tmp_path / "chưa có" / "ke-hoach.docx"
        with pytest.raises(NotFoundError, match="folder does not exist") as caught:
            save(chau_thanh(), target)
        assert caught.value.field == "path"
        assert caught.value.value == str(target)
        assert caught.value.vi
        assert folder_listing(tmp_path) == []

    def test_a_read_only_folder_names_the_path(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def refused(*args: object, **kwargs: object) -> int:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(os, "open", refused)
        with pytest.raises(ValidationError, match="read-only") as caught:
            save(chau_thanh(), tmp_path / "ke-hoach.docx")
        assert caught.value.field == "path"
        assert caught.value.value == str(tmp_path / "ke-hoach.docx")
        assert caught.value.vi
        assert "quyền ghi" in caught.value.vi

    @pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not bind root"
    )
    def test_a_folder_without_write_permission_names_the_path(self, tmp_path: Path) -> None:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o500)
        try:
            with pytest.raises(ValidationError, match="read-only"):
                save(chau_thanh(), folder / "ke-hoach.docx")
            assert folder_listing(folder) == []
        finally:
            folder.chmod(0o700)

    def test_a_folder_as_the_target_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="is a folder"):
            save(chau_thanh(), tmp_path)

    @pytest.mark.parametrize("path", [1, 0, True, False, b"ke-hoach.docx", None, 2.5])
    def test_a_file_descriptor_a_flag_or_bytes_is_not_a_path(
        self, path: object, tmp_path: Path
    ) -> None:
        before = folder_listing(tmp_path)
        with pytest.raises(CchcTypeError) as caught:
            save(chau_thanh(), path)
        assert caught.value.field == "path"
        assert caught.value.vi
        assert folder_listing(tmp_path) == before

    def test_a_path_with_a_nul_character_names_the_path(self, tmp_path: Path) -> None:
        with pytest.raises(CchcError) as caught:
            save(chau_thanh(), str(tmp_path / "ke\x00hoach.docx"))
        assert caught.value.field == "path"

    def test_saving_twice_gives_the_same_bytes(self, tmp_path: Path) -> None:
        save(chau_thanh(), tmp_path / "a.docx")
        save(chau_thanh(), tmp_path / "b.docx")
        digest = [hashlib.sha256((tmp_path / f"{n}.docx").read_bytes()).digest() for n in "ab"]
        assert digest[0] == digest[1]


# --- measured layout -------------------------------------------------------------------------


def twips(element: object, tag: str, attr: str) -> int:
    found = element.find(qn(tag))  # type: ignore[attr-defined]
    return int(found.get(qn(attr)))


def rules(cell: object) -> list[float]:
    """The length in points of each rule (a bordered empty paragraph) in a header cell: the
    cell's width less Word's cell padding (0.19 cm each side) and the rule's indents."""
    width = Emu(cell.width).pt - 2 * 5.4  # type: ignore[attr-defined]
    found = []
    for p in cell.paragraphs:  # type: ignore[attr-defined]
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None:
            fmt = p.paragraph_format
            found.append(width - fmt.left_indent.pt - fmt.right_indent.pt)
    return found


def measured(text: str, size: float) -> float:
    """``text`` in Liberation Serif Bold (Times New Roman's metrics), read with fontTools."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    path = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")
    if not path.exists():
        pytest.skip("Liberation Serif Bold is not installed")
    font = ttlib.TTFont(str(path))
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    units = font["head"].unitsPerEm
    return float(sum(metrics[cmap[ord(c)]][0] for c in text) * size / units)


class TestMeasuredLayout:
    def test_every_margin_is_inside_its_decree_30_range(self) -> None:
        for doc in (chau_thanh(), chau_thanh(landscape=True)):
            section = opened(doc).sections[0]
            top, bottom, left, right = (
                float(getattr(section, f"{edge}_margin").mm)
                for edge in ("top", "bottom", "left", "right")
            )
            assert 20 <= top <= 25
            assert 20 <= bottom <= 25
            assert 30 <= left <= 35
            assert 15 <= right <= 20

    def test_a4_is_written_as_word_writes_it(self) -> None:
        pg = opened(chau_thanh()).sections[0]._sectPr.find(qn("w:pgSz"))
        assert (pg.get(qn("w:w")), pg.get(qn("w:h"))) == ("11906", "16838")

    def test_the_motto_rule_is_as_long_as_the_motto(self) -> None:
        right = opened(chau_thanh()).tables[0].rows[0].cells[1]
        (rule,) = rules(right)
        assert rule == pytest.approx(measured("Độc lập - Tự do - Hạnh phúc", 13), abs=1)

    @pytest.mark.parametrize(
        "agency", ["Ủy ban nhân dân xã Tân Phú", "Sở Nội vụ", "Ủy ban nhân dân huyện Châu Thành"]
    )
    def test_the_agency_rule_is_a_third_to_a_half_of_the_agency(self, agency: str) -> None:
        left = opened(chau_thanh(agency=agency)).tables[0].rows[0].cells[0]
        (rule,) = rules(left)
        room = Emu(left.width).pt - 2 * 5.4
        words, lines, line = agency.upper().split(), [], ""
        for word in words:  # the lines the agency takes in its column
            if line and measured(f"{line} {word}", 13) > room:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        longest = max(measured(x, 13) for x in [*lines, line])
        assert longest / 3 <= rule <= longest / 2

    @pytest.mark.parametrize("summary", ["Về việc khen thưởng", long_summary(200)])
    def test_the_summary_rule_is_a_third_to_a_half_of_the_summary(self, summary: str) -> None:
        document = opened(chau_thanh(summary=summary))
        body = document.element.body
        paragraphs = body.findall(qn("w:p"))
        texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in paragraphs]
        rule_p = paragraphs[texts.index(summary) + 1]
        ind = rule_p.find(qn("w:pPr")).find(qn("w:ind"))
        section = document.sections[0]
        page, left_m, right_m = (
            int(x or 0) for x in (section.page_width, section.left_margin, section.right_margin)
        )
        width = (page - left_m - right_m) / 12700
        rule = width - (int(ind.get(qn("w:left"))) + int(ind.get(qn("w:right")))) / 20
        longest = min(measured(summary, 14), width)
        assert longest / 3 <= rule <= longest / 2

    def test_every_style_and_the_theme_point_at_times_new_roman(self) -> None:
        data = render(chau_thanh())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in ("word/styles.xml", "word/stylesWithEffects.xml"):
                xml = z.read(part).decode()
                assert "Theme=" not in xml, part
                assert "theme=" not in xml, part
                assert 'w:eastAsia="Times New Roman"' in xml
            theme = z.read("word/theme/theme1.xml").decode()
            assert 'typeface="Calibri"' not in theme
            assert 'typeface="Cambria"' not in theme
            assert '<a:latin typeface="Times New Roman"' in theme
        heading = docx.Document(io.BytesIO(data)).styles["Heading 1"]
        fonts = heading.element.rPr.find(qn("w:rFonts"))
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == "Times New Roman"

    def test_one_alignment_per_column(self) -> None:
        rows = [["1", "Rà soát", "97,1"], ["2", "Rà soát, đơn giản hóa thủ tục hành chính", "95"]]
        doc = chau_thanh(
            sections=[Section("Kết quả", [], Table(["STT", "Nội dung", "Điểm"], rows))]
        )
        table = opened(doc).tables[1]
        for column in range(3):
            body = [row.cells[column].paragraphs[0].alignment for row in table.rows[1:]]
            assert len(set(body)) == 1, column

    def test_one_precision_per_column_of_numbers_padded_never_rounded(self) -> None:
        rows = [["1", "97,1", "1.700"], ["2", "95", "255"], ["3", "88,125", "12"]]
        doc = chau_thanh(sections=[Section("Kết quả", [], Table(["STT", "Điểm", "Tin"], rows))])
        table = opened(doc).tables[1]
        assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
            ["1", "97,100", "1.700"],
            ["2", "95,000", "255"],
            ["3", "88,125", "12"],
        ]

    def test_the_signature_row_never_splits_and_the_body_goes_with_it(self) -> None:
        document = opened(chau_thanh())
        signature = document.tables[-1].rows[0]._tr
        assert signature.trPr is not None
        assert signature.trPr.find(qn("w:cantSplit")) is not None
        before = signature.getparent().getprevious()
        assert before.tag == qn("w:p")
        assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
        last_line = before.getprevious()
        assert last_line.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


# --- wording -----------------------------------------------------------------------------------


def target_plan(*targets: Target, implements: tuple[Directive, ...] = ()) -> Plan:
    return Plan(
        "Cải cách hành chính giai đoạn 2021-2025",
        Period(D(2021, 1, 1), D(2025, 12, 31)),
        number="15/KH-UBND",
        issuer="UBND huyện Văn Bàn",
        issued=D(2021, 2, 1),
        objectives=list(targets),
        implements=list(implements),
    )


class TestTargetsAsOfficersWriteThem:
    @pytest.mark.parametrize(
        ("target", "line"),
        [
            (
                Target(
                    "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
                    Measure.PERCENT,
                    98,
                    due=D(2025, 12, 31),
                    baseline=95,
                    baseline_year=2021,
                ),
                (
                    "- Đến hết năm 2025, tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ "
                    "98% trở lên (năm 2021 đạt 95%)."
                ),
            ),
            (
                Target(
                    "Chỉ số CCHC của huyện",
                    Measure.PERCENT,
                    "85.5",
                    due=D(2025, 6, 30),
                    baseline="78.5",
                    baseline_year=2020,
                ),
                (
                    "- Đến ngày 30/6/2025, chỉ số cải cách hành chính (CCHC) của huyện đạt từ "
                    "85,5% trở lên (năm 2020 đạt 78,5%)."
                ),
            ),
            (
                Target(
                    "Xếp hạng Chỉ số DDCI trong tỉnh",
                    Measure.ORDINAL,
                    3,
                    due=D(2025, 12, 31),
                    baseline=6,
                    baseline_year=2020,
                    ascending=False,
                ),
                (
                    "- Đến hết năm 2025, xếp hạng Chỉ số DDCI trong tỉnh thuộc nhóm 03 đơn vị dẫn "
                    "đầu (năm 2020 xếp thứ 6)."
                ),
            ),
            (
                Target(
                    "Tỷ lệ hồ sơ trễ hạn",
                    Measure.PERCENT,
                    2,
                    due=D(2025, 12, 31),
                    ascending=False,
                ),
                "- Đến hết năm 2025, tỷ lệ hồ sơ trễ hạn không quá 2%.",
            ),
            (
                Target("Số thủ tục được cắt giảm", Measure.COUNT, 1700, due=D(2025, 12, 31)),
                "- Đến hết năm 2025, số thủ tục được cắt giảm đạt từ 1.700 trở lên.",
            ),
        ],
    )
    def test_the_direction_unit_and_baseline_are_kept(self, target: Target, line: str) -> None:
        doc = plan_document(target_plan(target), VAN_BAN)
        assert doc.sections[0].heading == "Mục tiêu, chỉ tiêu"
        assert doc.sections[0].paragraphs == (line,)

    def test_a_share_above_100_percent_cannot_be_a_target(self) -> None:
        with pytest.raises(ValidationError, match="100") as caught:
            Target("Tỷ lệ hồ sơ", Measure.PERCENT, 101, due=D(2025, 12, 31))
        assert caught.value.vi
        forced = Target("Tỷ lệ hồ sơ", Measure.PERCENT, 100, due=D(2025, 12, 31))
        object.__setattr__(forced, "target", Decimal(101))  # past the constructor's check
        with pytest.raises(ValidationError, match="100%"):
            plan_document(target_plan(forced), VAN_BAN)


def directive(number: str | None, issuer: str, **more: object) -> Directive:
    return Directive(number=number, issuer=issuer, issued=D(2020, 12, 31), **more)  # type: ignore[arg-type]


class TestBases:
    def test_legal_documents_are_bases_and_plans_and_letters_are_carried_out(self) -> None:
        plan = target_plan(
            implements=(
                directive("33/2020/QĐ-UBND", "UBND tỉnh Lào Cai", summary="Ban hành Quy định"),
                directive("7946/UBND-NCPC", "UBND tỉnh Bắc Kạn", summary="V/v tổ chức thực hiện"),
                directive("273/KH-UBND", "UBND tỉnh Lào Cai"),
            )
        )
        basis = plan_document(plan, VAN_BAN).basis
        assert basis[0] == (
            "Căn cứ Quyết định số 33/2020/QĐ-UBND ngày 31/12/2020 của Ủy ban nhân dân tỉnh "
            "Lào Cai về ban hành Quy định;"
        )
        assert basis[1].startswith(
            "Thực hiện Công văn số 7946/UBND-NCPC ngày 31/12/2020 của Ủy ban nhân dân tỉnh Bắc "
            "Kạn về việc tổ chức thực hiện; Kế hoạch số 273/KH-UBND ngày 31/12/2020 của Ủy ban "
            "nhân dân tỉnh Lào Cai, Ủy ban nhân dân huyện Văn Bàn ban hành Kế hoạch"
        )
        assert len(basis) == 2

    def test_a_party_resolution_is_carried_out_not_a_legal_basis(self) -> None:
        plan = target_plan(implements=(directive("08-NQ/TU", "Tỉnh ủy Bắc Kạn"),))
        assert plan_document(plan, VAN_BAN).basis[0].startswith("Thực hiện Nghị quyết số 08-NQ/TU")

    def test_a_basis_without_a_number_or_a_place_is_completed_for_the_clerk(self) -> None:
        plan = target_plan(implements=(directive(None, "UBND tỉnh", doc_type=DocumentType.KH),))
        assert (
            plan_document(plan, VAN_BAN)
            .basis[0]
            .startswith("Thực hiện Kế hoạch số …… ngày 31/12/2020 của Ủy ban nhân dân tỉnh ……,")
        )

    def test_bases_are_set_in_italics_and_the_opening_sentence_upright(self) -> None:
        plan = target_plan(implements=(directive("33/2020/QĐ-UBND", "UBND tỉnh Lào Cai"),))
        document = opened(plan_document(plan, VAN_BAN))
        paragraphs = {p.text: p for p in document.paragraphs if p.text}
        basis = next(p for t, p in paragraphs.items() if t.startswith("Căn cứ"))
        opening = next(p for t, p in paragraphs.items() if "ban hành Kế hoạch" in t)
        assert all(run.font.italic for run in basis.runs)
        assert not any(run.font.italic for run in opening.runs)


class TestOneSpellingPerDocument:
    def test_names_in_full_numbers_untouched_and_abbreviations_written_out_once(self) -> None:
        plan = attrs.evolve(
            target_plan(implements=(directive("273/KH-UBND", "UBND tỉnh Lào Cai"),)),
            contents=["Rà soát TTHC hàng năm", "Công khai TTHC; khen thưởng LĐTT"],
        )
        doc = plan_document(plan, VAN_BAN)
        assert "273/KH-UBND" in doc.basis[0]
        assert "của Ủy ban nhân dân tỉnh Lào Cai" in doc.basis[0]
        assert doc.summary == "Cải cách hành chính giai đoạn 2021 - 2025"
        assert doc.sections[0].paragraphs == (
            "1. Rà soát thủ tục hành chính (TTHC) hằng năm",
            "2. Công khai TTHC; khen thưởng Lao động tiên tiến",
        )

    def test_units_are_named_not_coded_in_the_organisation(self) -> None:
        units = UnitTree([Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE)])
        plan = attrs.evolve(
            target_plan(),
            tasks=[Task("1", "Rà soát", lead="NV", output="Báo cáo", due=D(2021, 6, 30))],
        )
        organisation = plan_document(plan, VAN_BAN, units=units).sections[-1].paragraphs
        assert organisation[0] == (
            "- Phòng Nội vụ: chủ trì thực hiện nhiệm vụ số 1 tại mục Nhiệm vụ của Kế hoạch này."
        )
        assert "(số liệu tính đến ngày 14/6)" in organisation[-1]
        assert "(2021 - 2025)" in organisation[-1]


class TestVietnameseNumbers:
    @pytest.mark.parametrize(
        ("value", "places", "text"),
        [
            (Decimal("97.1"), 2, "97,10"),
            (1700, None, "1.700"),
            (Decimal("1234567.25"), None, "1.234.567,25"),
            (Decimal("-0.5"), None, "-0,5"),
            (0, 2, "0,00"),
        ],
    )
    def test_decimal_comma_and_thousands_dot(
        self, value: Decimal | int, places: int | None, text: str
    ) -> None:
        assert vi_number(value, places) == text

    def test_never_rounds(self) -> None:
        with pytest.raises(ValidationError):
            vi_number(Decimal("97.105"), 2)

    @given(
        st.decimals(
            allow_nan=False, allow_infinity=False, places=4, max_value=10**9, min_value=-(10**9)
        )
    )
    def test_reads_back_as_the_same_number(self, value: Decimal) -> None:
        text = vi_number(value)
        assert Decimal(text.replace(".", "").replace(",", ".")) == value


class TestHeaderAndRecipients:
    def test_a_unit_under_its_parent_is_not_suffixed_with_the_parents_area(self) -> None:
        doc = chau_thanh(agency="Sở Nội vụ tỉnh Bắc Kạn", parent_agency="UBND tỉnh Bắc Kạn")
        top = opened(doc).tables[0].rows[0].cells[0]
        assert [p.text for p in top.paragraphs if p.text] == ["UBND TỈNH BẮC KẠN", "SỞ NỘI VỤ"]
        assert doc.header_lines()[1][0] == "SỞ NỘI VỤ"

    def test_nhu_tren_needs_a_kinh_gui_list(self) -> None:
        with pytest.raises(ValidationError, match="Kính gửi") as caught:
            chau_thanh(recipients=["UBND tỉnh", "Như trên"])
        assert caught.value.field == "recipients[1]"
        assert caught.value.vi
        letter = OfficialDocument(
            DocumentType.CONG_VAN,
            agency="Ủy ban nhân dân tỉnh Bắc Kạn",
            place="Bắc Kạn",
            issued=D(2021, 11, 25),
            summary="triển khai Chương trình tổng thể",
            signature=Signature("Chủ tịch", "A"),
            addressees=["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"],
            recipients=["Như trên"],
        )
        assert letter.recipients == ("Như trên",)
        with pytest.raises(ValidationError, match="Kính gửi"):
            attrs.evolve(letter, addressees=())


class TestLargeTables:
    def test_markup_characters_in_cells_are_text(self) -> None:
        rows = [["1", "Tỷ lệ < 50% & chưa đạt > 0", "A"]]
        doc = chau_thanh(sections=[Section("Kết quả", [], Table(["STT", "Nội dung", "X"], rows))])
        table = opened(doc).tables[1]
        assert table.rows[1].cells[1].text == "Tỷ lệ < 50% & chưa đạt > 0"

    def test_a_national_table_keeps_every_row_in_order_with_the_cell_fonts(self) -> None:
        rows = [[str(i), f"Xã số {i}", f"{i % 100},{i % 97:02d}"] for i in range(1, 3322)]
        doc = chau_thanh(
            sections=[Section("Kết quả", [], Table(["STT", "Đơn vị", "Chỉ số"], rows))]
        )
        table = opened(doc).tables[1]
        assert len(table.rows) == 3322
        assert [c.text for c in table.rows[3321].cells] == ["3321", "Xã số 3321", "21,23"]
        fonts = table.rows[5]._tr.find(".//" + qn("w:rFonts"))
        assert {fonts.get(qn(s)) for s in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
            "Times New Roman"
        }


class TestCampaignPlan:
    def test_participants_and_commendation_come_from_the_campaign(self) -> None:
        example = load("chau-thanh-2021")
        head = Letterhead.of_issuer(example.plan.issuer)
        doc = plan_document(example.plan, head, units=example.units, campaign=example.campaign)
        parts = {s.heading: s.paragraphs for s in doc.sections}
        assert parts["Đối tượng tham gia"] == (
            "Tập thể và cá nhân thuộc: Phòng, ban, ngành huyện; Ủy ban nhân dân xã, thị trấn.",
        )
        assert parts["Khen thưởng"][:3] == (
            (
                "- Phòng, ban, ngành huyện: 01 giải Nhất, 01 giải Nhì, 01 giải Ba, 01 giải Khuyến "
                "khích."
            ),
            (
                "- Ủy ban nhân dân xã, thị trấn: 01 giải Nhất, 01 giải Nhì, 01 giải Ba, 01 giải "
                "Khuyến khích."
            ),
            "- Cá nhân có thành tích xuất sắc: 08 cá nhân.",
        )
        assert parts["Khen thưởng"][3].startswith(
            "Hình thức khen thưởng: Giấy khen của Chủ tịch Ủy ban nhân dân huyện Châu Thành"
        )
        assert list(parts)[-1] == "Tổ chức thực hiện"

    def test_a_campaign_must_be_a_campaign(self) -> None:
        with pytest.raises(CchcTypeError, match="campaign"):
            plan_document(load("chau-thanh-2021").plan, VAN_BAN, campaign="PB")  # type: ignore[arg-type]


# --- properties so the faults cannot come back ---------------------------------------------------

exact = st.decimals(
    allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
)


@given(st.lists(exact, min_size=1, max_size=8))
def test_a_column_of_numbers_has_one_precision_and_keeps_every_value(
    values: list[Decimal],
) -> None:
    rows = [[str(i), vi_number(v)] for i, v in enumerate(values, start=1)]
    doc = chau_thanh(sections=[Section("Kết quả", [], Table(["STT", "Điểm"], rows))])
    cells = [row.cells[1].text for row in opened(doc).tables[1].rows[1:]]
    assert len({len(c.partition(",")[2]) for c in cells}) == 1
    read = [Decimal(c.replace(".", "").replace(",", ".")) for c in cells]
    assert read == values


SIGNING_WORDS = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Phó Giám đốc",
    "Ủy ban nhân dân",
    "Chánh Văn phòng",
]


@given(
    st.sampled_from(SIGNING_WORDS),
    st.one_of(st.none(), st.sampled_from(SIGNING_WORDS)),
    st.one_of(st.none(), st.sampled_from(["TM.", "KT.", "TL.", "TUQ.", "Q."])),
    st.one_of(st.none(), st.just("Ủy ban nhân dân")),
)
def test_every_signature_built_is_a_form_decree_30_allows(
    position: str, authority: str | None, prefix: str | None, collective: str | None
) -> None:
    try:
        signature = Signature(
            position, "A", authority=authority, prefix=prefix, collective=collective
        )
    except CchcError:
        return
    lines = signature.lines()
    deputy = position.startswith("Phó ")
    if prefix == "TM.":
        assert not deputy
    if prefix == "KT.":
        assert position == f"Phó {authority}"
    if collective is not None:
        assert lines[0] == "TM. ỦY BAN NHÂN DÂN"
        assert prefix == "KT."
    if prefix is None:
        assert lines == (position.upper(),)


@given(
    st.lists(
        st.sampled_from(
            ["UBND", "HĐND", "138/KH-UBND", "UBND-NCPC", "hàng năm", "2021-2025", "TTHC", "xã", ","]
        ),
        max_size=12,
    )
)
def test_the_house_style_spells_names_out_and_leaves_numbers_whole(words: list[str]) -> None:
    paragraph = " ".join(["Nội dung", *words])
    doc = plan_document(attrs.evolve(target_plan(), contents=[paragraph]), VAN_BAN)
    (styled,) = doc.sections[0].paragraphs
    assert styled.count("138/KH-UBND") == paragraph.count("138/KH-UBND")
    assert styled.count("UBND-NCPC") == paragraph.count("UBND-NCPC")
    bare = styled.replace("138/KH-UBND", "").replace("UBND-NCPC", "")
    assert "UBND" not in bare
    assert "HĐND" not in bare
    assert "hàng năm" not in styled
    assert "2021-2025" not in styled
    assert styled.count("(TTHC)") == min(1, paragraph.count("TTHC"))


class TestAppendices:
    def appendix(self, **changes: object) -> Appendix:
        fields: dict[str, object] = {
            "title": "Kết quả Chỉ số cải cách hành chính",
            "reference": "(Kèm theo Kế hoạch số 138/KH-UBND ngày 05 tháng 5 năm 2021)",
            "sections": [Section("Bảng tổng hợp", [], Table(["STT", "Đơn vị"], [["1", "Xã A"]]))],
            "label": "Phụ lục I",
        }
        fields.update(changes)
        return Appendix(**fields)  # type: ignore[arg-type]

    def test_an_appendix_is_a_section_of_its_own_numbered_from_one(self) -> None:
        document = opened(chau_thanh(appendices=[self.appendix(landscape=True)]))
        main, appendix = document.sections
        assert mm(main.page_width, main.page_height) == (210, 297)
        assert mm(appendix.page_width, appendix.page_height) == (297, 210)
        assert 15 <= float(appendix.right_margin.mm) <= 20  # type: ignore[union-attr]
        numbering = appendix._sectPr.find(qn("w:pgNumType"))
        assert numbering.get(qn("w:start")) == "1"
        assert appendix.different_first_page_header_footer
        texts = all_text(document)
        label = texts.index("Phụ lục I")
        assert texts[label + 1] == "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"
        assert texts[label + 2].startswith("(Kèm theo Kế hoạch số 138/KH-UBND")

    def test_a_portrait_appendix_stays_portrait(self) -> None:
        _, appendix = opened(chau_thanh(appendices=[self.appendix()])).sections
        assert mm(appendix.page_width, appendix.page_height) == (210, 297)

    @pytest.mark.parametrize(
        ("field", "value", "path"),
        [
            ("title", "Kết quả\x00", "title"),
            ("reference", "  ", "reference"),
            ("label", "Phụ lục\x07", "label"),
        ],
    )
    def test_text_an_appendix_cannot_hold_is_refused_naming_the_field(
        self, field: str, value: str, path: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            self.appendix(**{field: value})
        assert caught.value.field == path
        assert caught.value.vi

    def test_a_changed_appendix_is_caught_with_its_path(self) -> None:
        appendix = self.appendix()
        object.__setattr__(appendix, "title", "Kết quả\x00")
        with pytest.raises(ValidationError, match=r"appendices\[0\]\.title"):
            chau_thanh(appendices=[appendix])


def party_plan() -> Plan:
    return Plan(
        "Lãnh đạo thực hiện cải cách hành chính năm 2023",
        Period.year(2023),
        number="25-KH/HU",
        issuer="Huyện ủy Văn Bàn",
        issued=D(2023, 2, 10),
        implements=[Directive(number="08-NQ/TU", issuer="Tỉnh ủy Lào Cai", issued=D(2021, 4, 22))],
        contents=["Lãnh đạo, chỉ đạo cải cách hành chính"],
    )


class TestPartyDocuments:
    def document(self) -> OfficialDocument:
        head = Letterhead.of_issuer("Huyện ủy Văn Bàn", parent="Đảng bộ tỉnh Lào Cai")
        return plan_document(party_plan(), head)

    def test_the_party_header_star_and_hyphenated_number(self) -> None:
        doc = self.document()
        assert doc.is_party
        assert doc.number_line() == "Số 25-KH/HU"
        top, bottom = opened(doc).tables[0].rows
        assert [p.text for p in top.cells[0].paragraphs if p.text] == [
            "ĐẢNG BỘ TỈNH LÀO CAI",
            "HUYỆN ỦY VĂN BÀN",
            "*",
        ]
        assert [p.text for p in top.cells[1].paragraphs if p.text] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in all_text(opened(doc))
        assert [c.text for c in bottom.cells] == [
            "Số 25-KH/HU",
            "Văn Bàn, ngày 10 tháng 02 năm 2023",
        ]

    def test_the_party_title_is_underlined_its_whole_length(self) -> None:
        right = opened(self.document()).tables[0].rows[0].cells[1]
        (rule,) = rules(right)
        assert rule == pytest.approx(measured("ĐẢNG CỘNG SẢN VIỆT NAM", 14), abs=1)

    def test_the_secretary_signs_for_the_standing_committee(self) -> None:
        doc = self.document()
        assert doc.signature.lines() == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")
        assert doc.basis[0].startswith("Thực hiện Nghị quyết số 08-NQ/TU")
        deputy = Letterhead.of_issuer("Huyện ủy Văn Bàn", deputy=True).signature
        assert deputy.lines() == ("K/T BÍ THƯ", "PHÓ BÍ THƯ")

    def test_a_draft_party_number_is_left_blank_with_its_hyphen(self) -> None:
        draft = attrs.evolve(self.document(), number=None, issuer_symbol="HU", party=True)
        assert draft.number_line() == "Số      -KH/HU"

    def test_party_prefixes_follow_the_same_rules(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Signature("Phó Bí thư", "A", authority="Ban Thường vụ", prefix="T/M")
        assert caught.value.code == "signature.form"


def cong_van(*addressees: str) -> OfficialDocument:
    return OfficialDocument(
        DocumentType.CONG_VAN,
        number="7946/UBND-NCPC",
        agency="Ủy ban nhân dân tỉnh Bắc Kạn",
        place="Bắc Kạn",
        issued=D(2021, 11, 25),
        summary="tổ chức thực hiện Chương trình tổng thể cải cách hành chính",
        sections=[Section("Nhiệm vụ", ["Các cơ quan, đơn vị ban hành kế hoạch thực hiện."])],
        signature=Signature("Phó Chủ tịch", "A", authority="Chủ tịch", prefix="KT."),
        addressees=list(addressees),
        recipients=["Như trên", "Thường trực Tỉnh ủy"],
    )


class TestKinhGui:
    def test_one_addressee_stands_on_the_line_of_kinh_gui(self) -> None:
        texts = all_text(opened(cong_van("Bộ Nội vụ")))
        assert "Kính gửi: Bộ Nội vụ." in texts

    def test_several_addressees_are_aligned_under_the_first(self) -> None:
        document = opened(cong_van("Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện"))
        paragraphs = [p for p in document.paragraphs if p.text]
        first = next(p for p in paragraphs if p.text.startswith("Kính gửi:"))
        second = paragraphs[paragraphs.index(first) + 1]
        assert first.text == "Kính gửi:\t- Các sở, ban, ngành tỉnh;"
        assert second.text == "- Ủy ban nhân dân các huyện."
        hanging = first.paragraph_format
        assert hanging.first_line_indent is not None
        assert hanging.left_indent == second.paragraph_format.left_indent
        assert hanging.first_line_indent < 0

    def test_an_addressee_a_document_cannot_hold_is_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            cong_van("Bộ Nội vụ", "\x00")
        assert caught.value.field == "addressees[1]"


class TestAwardProposal:
    def document(self) -> OfficialDocument:
        return award_proposal_document(
            TestAwardDecisionDocument.result(),
            Letterhead.of_issuer("Phòng Nội vụ huyện Châu Thành", signer="Trần Thị B"),
            decider=Letterhead.of_issuer("UBND huyện Châu Thành"),
            issued=D(2022, 1, 3),
        )

    def test_the_council_proposes_the_awards_to_the_chair(self) -> None:
        doc = self.document()
        assert doc.doc_type is DocumentType.TTR
        assert doc.number_line() == "Số:      /TTr-PNV"
        assert doc.addressees == ("Chủ tịch Ủy ban nhân dân huyện Châu Thành",)
        assert doc.summary.startswith("Về việc đề nghị tặng Giấy khen cho các tập thể, cá nhân")
        assert doc.basis[0].startswith("Thực hiện Kế hoạch số 138/KH-UBND")
        assert "tặng Giấy khen cho 08 tập thể và 08 cá nhân" in doc.basis[1]
        assert doc.basis[-1].endswith("xem xét, quyết định./.")
        assert doc.recipients[0] == "Như trên"
        assert doc.signature.lines() == ("TRƯỞNG PHÒNG",)

    def test_the_list_gives_points_and_ranks_in_vietnamese_numbers(self) -> None:
        (appendix,) = self.document().appendices
        teams = appendix.sections[0].table
        assert teams is not None
        assert teams.rows[0] == (
            "1",
            "Phòng Nội vụ",
            "Phòng, ban, ngành huyện",
            "97,10",
            "1",
            "Giải Nhất",
        )
        assert appendix.reference.startswith("(Kèm theo Tờ trình số ……/TTr-PNV ngày 03 tháng 01")

    def test_the_individuals_are_listed_with_their_position_and_unit(self) -> None:
        (appendix,) = self.document().appendices
        people = appendix.sections[1].table
        assert people is not None
        assert people.header == ("STT", "Họ và tên", "Chức vụ, đơn vị công tác")
        assert people.rows[2] == (
            "3",
            "Cá nhân minh họa 03",
            "Công chức Tư pháp - Hộ tịch, Xã minh họa 03",
        )

    def test_renders_with_its_kinh_gui(self) -> None:
        texts = all_text(opened(self.document()))
        assert "TỜ TRÌNH" in texts
        assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Châu Thành." in texts


class TestReportDocument:
    def document(self) -> OfficialDocument:
        example = load("gia-lam-9m-2021")
        return report_document(
            example.report(),
            Letterhead.of_issuer("UBND huyện Gia Lâm"),
            issued=D(2021, 10, 19),
            units=example.units,
        )

    def test_titled_with_its_decree_09_period_and_cut_off(self) -> None:
        doc = self.document()
        assert doc.doc_type is DocumentType.BC
        assert doc.summary == "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2021"
        assert "(số liệu tính từ ngày 15/12/2020 đến ngày 14/9/2021)" in doc.basis[0]

    def test_tallies_areas_activities_and_overdue_tasks(self) -> None:
        doc = self.document()
        parts = {s.heading: s for s in doc.sections}
        results = parts["Kết quả thực hiện"]
        assert "Tổng số 21 nhiệm vụ" in results.paragraphs[0]
        assert results.table is not None
        assert results.table.rows[0][0] == "Cải cách thể chế"
        activities = parts["Công tác chỉ đạo, điều hành, tuyên truyền, kiểm tra"].paragraphs
        assert "- Tin, bài tuyên truyền (Đài truyền thanh xã, thị trấn): 1.700." in activities
        overdue = parts["Nhiệm vụ quá hạn"].paragraphs
        assert len(overdue) == 2
        assert "ngày làm việc" in overdue[0]
        assert "GL-" not in " ".join(overdue)  # names, not codes

    def test_every_task_is_in_a_landscape_appendix(self) -> None:
        (appendix,) = self.document().appendices
        assert appendix.landscape
        assert appendix.label == "Phụ lục"
        table = appendix.sections[0].table
        assert table is not None
        assert len(table.rows) == 21

    def test_needs_a_progress_report(self) -> None:
        with pytest.raises(CchcTypeError, match="report"):
            report_document(
                "báo cáo",  # type: ignore[arg-type]
                VAN_BAN,
                issued=D(2021, 10, 19),
            )


# --- the scoreboard and the decision announcing results ----------------------------------------


def chau_thanh_result() -> CampaignResult:
    ex = load("chau-thanh-2021")
    assert ex.campaign is not None
    return run_campaign(ex.campaign, load_results("chau-thanh-2021"))


def par_index(values: dict[str, tuple[str, str]] | None = None) -> Ranking:
    """A PAR Index ranking of communes (Cà Mau's field 1, no bands), in two groups: each
    commune's "1.1.1" (0 to 1) and "1.2.1" (yes or no)."""
    values = values or {
        "X1": ("1", "yes"),
        "X2": ("0.5", "yes"),
        "X3": ("0", "no"),
        "P1": ("0.5", "no"),
        "P2": ("1", "yes"),
    }
    framework = load_bundled("ca-mau-1880-2013")
    table = ScoreTable.from_wide(
        framework,
        [{"unit": unit, "1.1.1": a, "1.2.1": b} for unit, (a, b) in values.items()],
    )
    return rank(score_table(table), groups={u: "XA" if u[0] == "X" else "PH" for u in values})


def number_of(cell: str) -> Decimal:
    """A Vietnamese number read back: 1.700,50 is 1700.50."""
    return Decimal(cell.replace(".", "").replace(",", "."))


def decimals(cell: str) -> int:
    return len(cell.partition(",")[2])


COMMUNES = {
    "X1": "Xã Tân Phú",
    "X2": "Xã Phú Hòa",
    "X3": "Xã Hòa Bình",
    "P1": "Phường 1",
    "P2": "Phường 2",
}


class TestScoreboard:
    def test_every_unit_once_in_its_groups_table_best_first(self) -> None:
        result = chau_thanh_result()
        board = scoreboard_appendix(result, reference="(Kèm theo Báo cáo số 05/BC-UBND)")
        entries = result.ranking.entries
        names = {u.code: u.name for u in result.campaign.units or ()}
        groups = {g.code: g.name for g in result.campaign.groups}
        assert [s.heading for s in board.sections] == [groups["PB"], groups["XA"]]
        for section in board.sections:
            assert section.table is not None
            ranks = [int(row[-1]) for row in section.table.rows]
            assert ranks == sorted(ranks)
            assert [row[0] for row in section.table.rows] == [
                str(i) for i in range(1, len(ranks) + 1)
            ]
        listed = [row[1] for s in board.sections if s.table for row in s.table.rows]
        assert sorted(listed) == sorted(names[e.unit] for e in entries)

    def test_the_fields_add_up_to_the_total_and_the_index_is_the_rounded_exact_one(self) -> None:
        result = chau_thanh_result()
        board = scoreboard_appendix(result, reference="(Kèm theo)")
        names = {u.code: u.name for u in result.campaign.units or ()}
        by_name = {names[e.unit]: e for e in result.ranking.entries}
        for section in board.sections:
            assert section.table is not None
            header = section.table.header
            fields = [j for j, h in enumerate(header) if h.startswith("Lĩnh vực ")]
            assert len(fields) == 6
            total, index, band = (
                header.index("Tổng điểm"),
                header.index("Chỉ số (%)"),
                header.index("Xếp loại"),
            )
            for row in section.table.rows:
                entry = by_name[row[1]]
                assert sum(number_of(row[j]) for j in fields) == number_of(row[total])
                assert number_of(row[total]) == entry.points
                assert number_of(row[index]) == entry.index_rounded
                assert row[band] == entry.band

    def test_numbers_are_vietnamese_with_one_precision_per_column(self) -> None:
        board = scoreboard_appendix(chau_thanh_result(), reference="(Kèm theo)")
        for section in board.sections:
            table = section.table
            assert table is not None
            for j, head in enumerate(table.header):
                if head.startswith("Lĩnh vực") or head in ("Tổng điểm", "Chỉ số (%)"):
                    column = [row[j] for row in table.rows]
                    assert {decimals(c) for c in column} == {2}, head
                    assert all("." not in c for c in column)  # no decimal point
        assert board.sections[0].table is not None
        assert board.sections[0].table.rows[0][2:4] == ("15,00", "19,83")

    def test_the_maximum_is_shown_only_where_units_differ(self) -> None:
        board = scoreboard_appendix(chau_thanh_result(), reference="(Kèm theo)")
        assert board.sections[0].table is not None
        assert "Điểm tối đa" in board.sections[0].table.header  # some units have 95, some 100
        same = scoreboard_appendix(par_index(), reference="(Kèm theo)", names=COMMUNES)
        assert same.sections[0].table is not None
        assert "Điểm tối đa" not in same.sections[0].table.header

    def test_a_par_index_ranking_with_names_groups_and_criteria(self) -> None:
        board = scoreboard_appendix(
            par_index(),
            reference="(Kèm theo)",
            names=COMMUNES,
            groups={"XA": "Ủy ban nhân dân các xã", "PH": "Ủy ban nhân dân các phường"},
            depth=1,
        )
        headings = [s.heading for s in board.sections]
        assert sorted(headings) == ["Ủy ban nhân dân các phường", "Ủy ban nhân dân các xã"]
        table = board.sections[headings.index("Ủy ban nhân dân các xã")].table
        assert table is not None
        assert table.header[2:4] == ("Tiêu chí 1", "Tiêu chí 1.1")
        assert [row[1] for row in table.rows] == ["Xã Tân Phú", "Xã Phú Hòa", "Xã Hòa Bình"]
        assert {row[-2] for row in table.rows} == {""}  # no bands in this framework: blank
        assert "1.1. " in board.sections[0].paragraphs[0]  # the legend names the criteria

    def test_without_names_the_codes_stand_and_one_group_has_a_plain_heading(self) -> None:
        framework = load_bundled("ca-mau-1880-2013")
        table = ScoreTable.from_wide(framework, [{"unit": "A", "1.1.1": "1"}, {"unit": "B"}])
        board = scoreboard_appendix(rank(score_table(table)), reference="(Kèm theo)")
        assert [s.heading for s in board.sections] == ["Các cơ quan, đơn vị"]
        assert board.sections[0].table is not None
        assert [row[1] for row in board.sections[0].table.rows] == ["A", "B"]

    def test_with_the_award_decision_the_prize_is_shown(self) -> None:
        result = chau_thanh_result()
        board = scoreboard_appendix(result, reference="(Kèm theo)", decision=result.decision)
        table = board.sections[0].table
        assert table is not None
        assert table.header[-1] == "Khen thưởng"
        assert table.rows[0][-1] == "Giải Nhất"

    def test_the_report_is_landscape_and_ends_with_the_units_per_band(self) -> None:
        doc = scoreboard_document(
            chau_thanh_result(),
            Letterhead.of_issuer("UBND huyện Châu Thành", signer="Nguyễn Văn A"),
            issued=D(2022, 1, 5),
            recipients=["UBND tỉnh"],
            illustrative=True,
        )
        document = opened(doc)
        assert [mm(s.page_width, s.page_height) for s in document.sections] == [(297, 210)]
        assert doc.basis[0].startswith("Thực hiện Kế hoạch số 138/KH-UBND")
        assert doc.notice is not None
        last = doc.sections[-1]
        assert last.heading == "Tổng hợp xếp loại"
        assert last.paragraphs[0] == (
            "- Phòng, ban, ngành huyện (05 đơn vị): 03 đơn vị xếp loại Xuất sắc; 01 đơn vị xếp "
            "loại Tốt; 01 đơn vị xếp loại Trung bình; dẫn đầu là Phòng Nội vụ (chỉ số 97,10%)."
        )
        texts = all_text(document)
        assert "97,10" in texts
        assert "Số:      /BC-UBND" in texts

    def test_refuses_what_is_not_a_result_and_a_negative_depth(self) -> None:
        with pytest.raises(CchcTypeError) as caught:
            scoreboard_appendix("kết quả", reference="(Kèm theo)")  # type: ignore[arg-type]
        assert caught.value.field == "result"
        assert caught.value.vi
        with pytest.raises(ValidationError) as too_deep:
            scoreboard_appendix(par_index(), reference="(Kèm theo)", depth=-1)
        assert too_deep.value.field == "depth"
        with pytest.raises(CchcTypeError, match="groups"):
            scoreboard_appendix(
                par_index(),
                reference="(Kèm theo)",
                groups=["XA"],  # type: ignore[arg-type]
            )
        with pytest.raises(ValidationError, match="reference"):
            scoreboard_appendix(par_index(), reference="(Kèm theo\x01)")


class TestAnnouncement:
    HEAD = Letterhead.of_issuer("UBND huyện Châu Thành", signer="Nguyễn Văn A")

    def test_a_campaign_result_announced_with_bands_and_the_scoreboard_appended(self) -> None:
        doc = announcement_document(
            chau_thanh_result(), self.HEAD, issued=D(2022, 1, 7), recipients=["UBND tỉnh"]
        )
        assert doc.doc_type is DocumentType.QD
        assert doc.authority == "Chủ tịch Ủy ban nhân dân huyện Châu Thành"
        assert doc.summary.startswith("Về việc công bố kết quả chấm điểm, xếp hạng phong trào")
        assert [line.split(" ")[0] for line in doc.basis] == [
            "Căn",
            "Căn",
            "Thực",
            "Theo",
        ]
        first = doc.sections[0]
        assert "(chi tiết tại Phụ lục kèm theo)" in first.heading
        assert len(first.paragraphs) == 2  # one line per group
        assert doc.sections[-1].heading.endswith("chịu trách nhiệm thi hành Quyết định này./.")
        assert doc.recipients == ("Như Điều 4", "UBND tỉnh")
        (appendix,) = doc.appendices
        assert appendix.landscape
        assert appendix.label == "Phụ lục"
        assert appendix.reference == (
            "(Kèm theo Quyết định số ……/QĐ-UBND ngày 07 tháng 01 năm 2022 của Chủ tịch Ủy ban "
            "nhân dân huyện Châu Thành)"
        )
        assert sum(len(s.table.rows) for s in appendix.sections if s.table) == 10
        texts = all_text(opened(doc))
        assert [t.split(".")[0] for t in texts if t.startswith("Điều ")] == [
            "Điều 1",
            "Điều 2",
            "Điều 3",
            "Điều 4",
        ]
        assert "Phụ lục" in texts

    def test_a_par_index_cites_the_criteria_as_a_basis_and_the_reform_office_proposes(
        self,
    ) -> None:
        criteria = Directive(
            number="12/2023/QĐ-UBND",
            issuer="UBND huyện Châu Thành",
            issued=D(2023, 3, 1),
            summary="Ban hành Bộ chỉ số cải cách hành chính các xã, phường",
        )
        plan = Directive(
            number="20/KH-UBND",
            issuer="UBND huyện Châu Thành",
            doc_type=DocumentType.KH,
            issued=D(2023, 1, 10),
            summary="Cải cách hành chính năm 2023",
        )
        doc = announcement_document(
            par_index(),
            self.HEAD,
            issued=D(2024, 2, 1),
            subject="Chỉ số cải cách hành chính năm 2023 của Ủy ban nhân dân các xã, phường",
            names=COMMUNES,
            carries_out=[criteria, plan],
        )
        basis = doc.basis
        assert basis[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
        assert any(b.startswith("Căn cứ Quyết định số 12/2023/QĐ-UBND") for b in basis)
        assert any(b.startswith("Thực hiện Kế hoạch số 20/KH-UBND") for b in basis)
        assert basis[-1] == "Theo đề nghị của Trưởng phòng Nội vụ."
        assert doc.summary == (
            "Về việc công bố Chỉ số cải cách hành chính năm 2023 của Ủy ban nhân dân các xã, phường"
        )
        assert doc.appendices[0].title.startswith("Kết quả Chỉ số cải cách hành chính năm 2023")
        # no bands: each group's line names its leader
        assert "dẫn đầu là" in doc.sections[0].paragraphs[0]

    def test_a_province_announces_through_its_department_of_home_affairs(self) -> None:
        head = Letterhead.of_issuer("UBND tỉnh Bắc Kạn", signer="Nguyễn Văn A")
        doc = announcement_document(par_index(), head, issued=D(2024, 2, 1), names=COMMUNES)
        assert doc.basis[-1] == "Theo đề nghị của Giám đốc Sở Nội vụ."
        assert "Giám đốc Sở Nội vụ" in doc.sections[-1].heading
        assert "Sở Nội vụ theo dõi" in doc.sections[1].heading

    def test_the_law_in_force_on_the_date_and_bases_of_ones_own(self) -> None:
        late = announcement_document(par_index(), self.HEAD, issued=D(2025, 8, 1))
        assert late.basis[0] == (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        )
        own = announcement_document(
            par_index(),
            self.HEAD,
            issued=D(2024, 2, 1),
            legal_bases=["Luật A"],
            proposed_by="Trưởng phòng Nội vụ huyện",
            responsible=["Chánh Văn phòng"],
        )
        assert own.basis[0] == "Căn cứ Luật A;"
        assert own.basis[-1] == "Theo đề nghị của Trưởng phòng Nội vụ huyện."
        assert own.sections[-1].heading.startswith("Chánh Văn phòng và thủ trưởng")

    def test_illustrative_results_are_marked(self) -> None:
        doc = announcement_document(
            chau_thanh_result(), self.HEAD, issued=D(2022, 1, 7), illustrative=True
        )
        assert doc.notice is not None
        assert "minh họa" in doc.notice
        assert doc.notice in all_text(opened(doc))

    def test_refusals_name_the_field_in_both_languages(self) -> None:
        with pytest.raises(CchcTypeError) as caught:
            announcement_document(
                object(),  # type: ignore[arg-type]
                self.HEAD,
                issued=D(2024, 2, 1),
            )
        assert caught.value.field == "result"
        assert caught.value.vi
        with pytest.raises(CchcError) as bad_subject:
            announcement_document(par_index(), self.HEAD, issued=D(2024, 2, 1), subject="a\x00")
        assert bad_subject.value.vi
        with pytest.raises(CchcTypeError, match="letterhead"):
            announcement_document(
                par_index(),
                "UBND huyện",  # type: ignore[arg-type]
                issued=D(2024, 2, 1),
            )

    def test_same_input_same_bytes(self) -> None:
        one = announcement_document(chau_thanh_result(), self.HEAD, issued=D(2022, 1, 7))
        two = announcement_document(chau_thanh_result(), self.HEAD, issued=D(2022, 1, 7))
        assert render(one) == render(two)


@given(
    st.dictionaries(
        st.from_regex(r"[XP][0-9]{1,3}", fullmatch=True),
        st.tuples(st.sampled_from(["0", "0.5", "1"]), st.sampled_from(["yes", "no"])),
        min_size=1,
        max_size=12,
    )
)
def test_any_ranking_gives_a_scoreboard_of_every_unit_once_as_ranked(
    values: dict[str, tuple[str, str]],
) -> None:
    ranking = par_index(values)
    board = scoreboard_appendix(ranking, reference="(Kèm theo)", depth=1)
    entries = {e.unit: e for e in ranking.entries}
    listed = []
    for section in board.sections:
        table = section.table
        assert table is not None
        header = table.header
        ranks = [int(row[header.index("Xếp hạng")]) for row in table.rows]
        assert ranks == sorted(ranks)
        for row in table.rows:
            entry = entries[row[1]]
            listed.append(entry.unit)
            assert entry.group == section.heading
            assert int(row[header.index("Xếp hạng")]) == entry.rank
            assert number_of(row[header.index("Tổng điểm")]) == entry.points
            assert number_of(row[header.index("Chỉ số (%)")]) == entry.index_rounded
        for j, head in enumerate(header[2:], start=2):
            if head != "Xếp loại":
                assert len({decimals(row[j]) for row in table.rows}) == 1, head
    assert sorted(listed) == sorted(entries)
