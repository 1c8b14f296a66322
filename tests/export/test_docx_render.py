"""Every document the library writes, opened in a real office suite.

The documents are converted to PDF by LibreOffice (headless) in one call, then read back with
poppler's ``pdftotext -bbox-layout``, which gives each word with its box on its page. What an
officer checks before signing is checked here on the rendered pages: "Số" and the date on one
line, no page number on page 1 and a number on page 2, the signer's name on the page of the
position and of the last lines of the body, all text present, no empty page.

Without LibreOffice or poppler the tests skip, unless ``CCHC_REQUIRE_LIBREOFFICE=1`` (set in
CI), where they fail.
"""

from __future__ import annotations

import datetime
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import attrs
import docx
import pytest

from cchc.calendar import Period, next_working_day
from cchc.campaigns import run_campaign
from cchc.directives import Directive, DocumentType
from cchc.examples import load, load_results, names, results_names
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
    report_document,
    save,
    scoreboard_document,
)
from cchc.plans import Plan
from tests.office import convert, soffice_or_skip

# one worker renders the documents once when `make test` spreads the tests (pytest-xdist)
pytestmark = pytest.mark.xdist_group("docx-render")

D = datetime.date
XHTML = "{http://www.w3.org/1999/xhtml}"
#: poppler's word box reaches 0.95 of the font size above the baseline and 0.35 below it (its
#: defaults for the fonts LibreOffice embeds), so the baseline is 0.95/1.3 of the way down.
BASELINE = 0.95 / 1.3
#: Two baselines closer than this (in points) are on the same line.
SAME_LINE = 1.0
#: Top margin of Decree 30 pages (20 mm) in points: page numbers stand above it.
TOP_MARGIN = 20 / 25.4 * 72


@attrs.frozen
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def baseline(self) -> float:
        return self.y0 + (self.y1 - self.y0) * BASELINE


@attrs.frozen
class Pdf:
    pages: int
    width: float
    words: tuple[Word, ...]
    widths: tuple[float, ...] = ()
    heights: tuple[float, ...] = ()

    def on(self, page: int) -> list[Word]:
        return [w for w in self.words if w.page == page]

    def find(self, phrase: str) -> list[Word]:
        """The first word of each place where ``phrase``'s words follow one another."""
        wanted = phrase.split()
        found = []
        for i in range(len(self.words) - len(wanted) + 1):
            if [w.text for w in self.words[i : i + len(wanted)]] == wanted:
                found.append(self.words[i])
        return found

    def last(self, phrase: str) -> Word:
        wanted = phrase.split()
        hits = [
            self.words[i + len(wanted) - 1]
            for i in range(len(self.words) - len(wanted) + 1)
            if [w.text for w in self.words[i : i + len(wanted)]] == wanted
        ]
        assert hits, f"{phrase!r} is not on any page"
        return hits[-1]


def read_pdf(path: Path) -> Pdf:
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    root = ET.fromstring(out)
    words = []
    pages = root.iter(f"{XHTML}page")
    widths: list[float] = []
    heights: list[float] = []
    count = 0
    for number, page in enumerate(pages, start=1):
        count = number
        widths.append(float(page.get("width", "0")))
        heights.append(float(page.get("height", "0")))
        for word in page.iter(f"{XHTML}word"):
            words.append(
                Word(
                    number,
                    unicodedata.normalize("NFC", word.text or ""),
                    float(word.get("xMin", "0")),
                    float(word.get("yMin", "0")),
                    float(word.get("xMax", "0")),
                    float(word.get("yMax", "0")),
                )
            )
    return Pdf(count, widths[0] if widths else 0.0, tuple(words), tuple(widths), tuple(heights))


# --- the documents ----------------------------------------------------------------------------


def demo_documents() -> Iterator[tuple[str, OfficialDocument]]:
    """What ``cchc demo --out`` writes: each bundled plan that was issued, and on the Châu
    Thành campaign's illustrative results its scoreboard, the decision announcing them and the
    commendation decision."""
    for name in names():
        example = load(name)
        plan = example.plan
        if plan.issued is None:
            continue
        head = Letterhead.of_issuer(plan.issuer)
        yield (
            name,
            plan_document(
                plan,
                head,
                units=example.units,
                campaign=example.campaign,
                recipients=["UBND tỉnh"],
            ),
        )
    for name in results_names():
        campaign = load(name).campaign
        assert campaign is not None
        result = run_campaign(campaign, load_results(name))
        head = Letterhead.of_issuer(load(name).plan.issuer)
        issued = next_working_day(campaign.window.end + datetime.timedelta(days=1))
        decision = award_decision_document(
            result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
        )
        yield f"{name}-khen-thuong", decision
        council = Letterhead.of_issuer(
            f"Phòng Nội vụ {load(name).plan.issuer.split(' ', 1)[1]}", signer="Trần Thị B"
        )
        yield (
            f"{name}-to-trinh",
            award_proposal_document(
                result,
                council,
                decider=head,
                issued=issued - datetime.timedelta(days=1),
                recipients=["Hội đồng Thi đua - Khen thưởng huyện"],
                illustrative=True,
            ),
        )
        yield (
            f"{name}-bang-tong-hop",
            scoreboard_document(
                result,
                head,
                issued=issued - datetime.timedelta(days=3),
                recipients=["UBND tỉnh"],
                illustrative=True,
            ),
        )
        yield (
            f"{name}-cong-bo",
            announcement_document(
                result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
            ),
        )
        deputy = Letterhead.of_issuer(load(name).plan.issuer, deputy=True, signer="Lò Văn Em")
        yield (
            f"{name}-khen-thuong-kt",
            award_decision_document(
                result,
                deputy,
                issued=issued,
                prize_money={"Giải Nhất": 3_000_000, "Giải Nhì": 2_000_000},
                recipients=["UBND tỉnh", "Ban Thi đua - Khen thưởng tỉnh"],
            ),
        )


def filled(lines: int) -> OfficialDocument:
    """A plan whose body is ``lines`` one-line paragraphs: some of these put the signature
    block where page 1 or page 2 ends."""
    return OfficialDocument(
        DocumentType.KH,
        number="138/KH-UBND",
        agency="Ủy ban nhân dân huyện Châu Thành",
        place="Châu Thành",
        issued=D(2021, 5, 5),
        summary="Phát động phong trào thi đua chuyên đề “Thực hiện cải cách hành chính”",
        sections=[
            Section(
                "Nội dung",
                [f"Nội dung thứ {i}: rà soát thủ tục." for i in range(1, lines + 1)]
                + ["Các cơ quan, đơn vị báo cáo kết quả thực hiện đúng thời hạn."],
            )
        ],
        signature=Signature("Chủ tịch", "Nguyễn Văn An", authority="Ủy ban nhân dân", prefix="TM."),
        recipients=["UBND tỉnh", "Các cơ quan, đơn vị"],
        archive=["VT", "PNV"],
    )


#: Body lengths that walk the signature block across the end of page 1, then of page 2.
FILLED = tuple(range(16, 30)) + tuple(range(52, 62, 2))


def with_appendix() -> OfficialDocument:
    """A portrait report with a landscape appendix (Phụ lục I) whose table runs over pages."""
    rows = [
        [str(i), f"Ủy ban nhân dân xã số {i}", "Khối xã", f"{80 + i % 20},{i % 100:02d}", str(i)]
        for i in range(1, 61)
    ]
    table = Table(["STT", "Đơn vị", "Khối", "Chỉ số", "Xếp hạng"], rows, widths=[1, 6, 3, 2, 2])
    return attrs.evolve(
        filled(4),
        appendices=[
            Appendix(
                "Kết quả Chỉ số cải cách hành chính năm 2024",
                "(Kèm theo Kế hoạch số 138/KH-UBND ngày 05 tháng 5 năm 2021)",
                [Section("Bảng tổng hợp", [], table)],
                label="Phụ lục I",
                landscape=True,
            )
        ],
    )


def party_plan() -> OfficialDocument:
    """A Party committee's plan: the Party's header and number, signed for the standing
    committee."""
    plan = Plan(
        "Lãnh đạo thực hiện cải cách hành chính năm 2023",
        Period.year(2023),
        number="25-KH/HU",
        issuer="Huyện ủy Văn Bàn",
        issued=D(2023, 2, 10),
        implements=[Directive(number="08-NQ/TU", issuer="Tỉnh ủy Lào Cai", issued=D(2021, 4, 22))],
        contents=["Lãnh đạo, chỉ đạo cải cách hành chính"] * 3,
    )
    head = Letterhead.of_issuer(
        "Huyện ủy Văn Bàn", parent="Đảng bộ tỉnh Lào Cai", signer="Vũ Văn G"
    )
    return plan_document(plan, head, recipients=["Ban Thường vụ Tỉnh ủy", "Các chi bộ"])


def all_documents() -> dict[str, OfficialDocument]:
    documents = dict(demo_documents())
    documents["phu-luc"] = with_appendix()
    documents["dang-uy"] = party_plan()
    gia_lam = load("gia-lam-9m-2021")
    documents["bao-cao"] = report_document(
        gia_lam.report(),
        Letterhead.of_issuer(gia_lam.plan.issuer, signer="Nguyễn Văn An"),
        issued=D(2021, 10, 19),
        units=gia_lam.units,
        recipients=["UBND thành phố Hà Nội", "Sở Nội vụ thành phố Hà Nội"],
    )
    documents["cong-van"] = OfficialDocument(
        DocumentType.CONG_VAN,
        number="7946/UBND-NCPC",
        agency="Ủy ban nhân dân tỉnh Bắc Kạn",
        place="Bắc Kạn",
        issued=D(2021, 11, 25),
        summary="tổ chức thực hiện Chương trình tổng thể cải cách hành chính nhà nước",
        sections=[Section("Nhiệm vụ", ["Các cơ quan, đơn vị ban hành kế hoạch thực hiện."])],
        signature=Signature("Phó Chủ tịch", "Hà Văn D", authority="Chủ tịch", prefix="KT."),
        addressees=["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thành phố"],
        recipients=["Như trên", "Thường trực Tỉnh ủy"],
    )
    for lines in FILLED:
        documents[f"filled-{lines}"] = filled(lines)
    return documents


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[OfficialDocument, Pdf]]:
    """Every document, saved and converted to PDF in one LibreOffice call (it is slow to
    start), each read back."""
    soffice_or_skip("pdftotext")
    folder = tmp_path_factory.mktemp("rendered")
    profile = tmp_path_factory.mktemp("lo-profile")
    documents = all_documents()
    paths = []
    for name, doc in documents.items():
        path = folder / f"{name}.docx"
        save(doc, path)
        paths.append(path)
    convert(paths, "pdf", folder, profile)
    return {name: (doc, read_pdf(folder / f"{name}.pdf")) for name, doc in documents.items()}


DOCUMENTS = sorted(all_documents())
DEMO = sorted(name for name, _ in demo_documents())


def docx_words(doc: OfficialDocument) -> Counter[str]:
    """Every word the DOCX file holds in its body, header columns, tables and signature."""
    import io

    from cchc.export.docx import render

    opened = docx.Document(io.BytesIO(render(doc)))
    body = opened.element.body
    text_tag, tab_tag = docx.oxml.ns.qn("w:t"), docx.oxml.ns.qn("w:tab")
    texts = [
        "".join(" " if el.tag == tab_tag else (el.text or "") for el in p.iter(text_tag, tab_tag))
        for p in body.iter(docx.oxml.ns.qn("w:p"))
    ]
    return Counter(unicodedata.normalize("NFC", w) for t in texts for w in t.split())


# --- the checks --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_so_and_the_date_line_stand_on_one_line(
    rendered: dict[str, tuple[OfficialDocument, Pdf]], name: str
) -> None:
    _, pdf = rendered[name]
    number = next(w for w in pdf.on(1) if w.text in ("Số:", "Số"))
    date_word = next(
        w for w in pdf.on(1) if w.text == "ngày" and w.x0 > pdf.width / 2 and w.y0 < 200
    )
    assert abs(number.baseline - date_word.baseline) < SAME_LINE, (
        f"Số at {number.baseline:.1f} pt, the date at {date_word.baseline:.1f} pt from the top"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_page_number_on_page_one_and_a_number_on_the_others(
    rendered: dict[str, tuple[OfficialDocument, Pdf]], name: str
) -> None:
    doc, pdf = rendered[name]
    # each appendix starts a section whose pages are numbered from 1 again
    starts = [1] + [
        pdf.find(" ".join(appendix.title.upper().split()[:4]))[0].page
        for appendix in doc.appendices
    ]
    for page in range(1, pdf.pages + 1):
        start = max(s for s in starts if s <= page)
        above = [w for w in pdf.on(page) if w.y1 < TOP_MARGIN]
        if page == start:
            assert above == [], f"page {page} opens a section and shows a number"
        else:
            assert [w.text for w in above] == [str(page - start + 1)], f"page {page}"
            (number,) = above
            centre = (number.x0 + number.x1) / 2
            width = pdf.widths[page - 1]
            left, right = 30 / 25.4 * 72, width - 15 / 25.4 * 72  # the text area
            assert abs(centre - (left + right) / 2) < 6


def test_a_landscape_appendix_is_laid_out_across_the_page(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    doc, pdf = rendered["phu-luc"]
    first = pdf.find("Phụ lục I")[0].page
    assert pdf.widths[0] < pdf.heights[0]  # the document itself stays portrait
    assert pdf.widths[first - 1] > pdf.heights[first - 1]
    assert doc.appendices[0].landscape


def test_some_documents_run_to_a_second_and_third_page(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    assert max(pdf.pages for _, pdf in rendered.values()) >= 3


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_signer_stands_on_the_page_of_the_position_and_the_last_lines(
    rendered: dict[str, tuple[OfficialDocument, Pdf]], name: str
) -> None:
    doc, pdf = rendered[name]
    lines = doc.signature.lines()
    first = pdf.last(lines[0])
    position = pdf.last(lines[-1])
    signer = pdf.last(doc.signature.signer)
    assert first.page == position.page == signer.page
    if doc.sections:
        last = doc.sections[-1]
        body_end = (last.paragraphs or (last.heading,))[-1]
    else:  # a tờ trình is all prose
        body_end = doc.basis[-1]
    last_words = " ".join(body_end.split()[-3:])
    assert pdf.last(last_words).page == signer.page


@pytest.mark.parametrize("name", DOCUMENTS)
def test_all_text_is_on_the_pages(
    rendered: dict[str, tuple[OfficialDocument, Pdf]], name: str
) -> None:
    doc, pdf = rendered[name]
    on_pages = Counter(w.text for w in pdf.words)
    # a word broken after its hyphen at the end of a line ("273/KH-" "UBND") is one word
    on_pages.update(
        a.text + b.text
        for a, b in zip(pdf.words, pdf.words[1:], strict=False)
        if a.text.endswith("-")
    )
    missing = docx_words(doc) - on_pages
    assert not missing, f"not on any page: {sorted(missing)[:20]}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_page_count_is_sane_and_no_page_is_empty(
    rendered: dict[str, tuple[OfficialDocument, Pdf]], name: str
) -> None:
    doc, pdf = rendered[name]
    words = sum(docx_words(doc).values())
    assert 1 <= pdf.pages <= 1 + words // 150
    for page in range(1, pdf.pages + 1):
        assert len([w for w in pdf.on(page) if w.y1 >= TOP_MARGIN]) >= 5, f"page {page} is empty"


def test_the_party_header_stands_in_its_place(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    _, pdf = rendered["dang-uy"]
    party = pdf.find("ĐẢNG CỘNG SẢN VIỆT NAM")[0]
    committee = pdf.find("HUYỆN ỦY VĂN BÀN")[0]
    assert party.page == committee.page == 1
    assert party.x0 > pdf.width / 2 > committee.x1
    assert not pdf.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_several_addressees_line_up_under_kinh_gui(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    _, pdf = rendered["cong-van"]
    label = pdf.find("Kính gửi:")[0]
    first = pdf.find("- Các sở,")[0]
    second = pdf.find("- Ủy ban nhân dân các")[0]
    assert abs(first.baseline - label.baseline) < SAME_LINE
    assert first.x0 > label.x1
    assert abs(first.x0 - second.x0) < 1
    assert second.y0 > first.y1 - 1


def test_the_demo_documents_are_all_checked() -> None:
    assert {
        "chau-thanh-2021",
        "chau-thanh-2021-khen-thuong",
        "chau-thanh-2021-bang-tong-hop",
        "chau-thanh-2021-cong-bo",
        "bac-kan-7946",
    } <= set(DEMO)


def test_the_scoreboard_is_laid_out_across_the_page_with_every_unit(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    doc, pdf = rendered["chau-thanh-2021-bang-tong-hop"]
    assert all(w > h for w, h in zip(pdf.widths, pdf.heights, strict=True))
    for part in doc.sections:
        if part.table is None:
            continue
        for row in part.table.rows:
            assert pdf.find(row[1]), f"{row[1]} is not on any page"
            # each unit's cells stand on the line of its name (a row never splits)
            name = pdf.find(row[1])[0]
            total = [w for w in pdf.on(name.page) if w.text == row[-4]]
            assert any(abs(w.y0 - name.y0) < 2 for w in total), row


def test_the_announcement_is_portrait_and_its_scoreboard_landscape(
    rendered: dict[str, tuple[OfficialDocument, Pdf]],
) -> None:
    _, pdf = rendered["chau-thanh-2021-cong-bo"]
    first = pdf.find("Phụ lục")[-1].page
    assert pdf.widths[0] < pdf.heights[0]
    assert pdf.widths[first - 1] > pdf.heights[first - 1]
    assert pdf.find("Điều 4.")[0].page < first
