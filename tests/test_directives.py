"""Specification of ``cchc.directives``: document types, numbers, directives, cascades and
references in text (Decree 30/2020/NĐ-CP; the seed articles)."""

from __future__ import annotations

import pickle
import unicodedata
from datetime import date
from typing import Any

import attrs
import pytest

from cchc.calendar import add_working_days
from cchc.directives import (
    LINEAGE_LIMIT,
    TREE_DEPTH_LIMIT,
    Cascade,
    Citation,
    Directive,
    DocumentNumber,
    DocumentType,
    Reference,
    find_references,
    missing_implementations,
)
from cchc.errors import (
    AmbiguousError,
    CchcError,
    CchcTypeError,
    InvalidDocumentError,
    NotFoundError,
    ParseError,
    Severity,
    ValidationError,
)
from cchc.export.json import from_json, to_json
from cchc.units import Unit, UnitKind, UnitTree

# --- excerpts of the seed articles (copied, so the tests need nothing outside the repo) ------

SEED_VAN_BAN = (
    "Thực hiện Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai về việc "
    "ban hành quy định phong trào thi đua “Cải cách hành chính trên địa bàn tỉnh Lào Cai” giai "
    "đoạn 2021-2025, Ủy ban nhân dân huyện Văn Bàn ban hành Kế hoạch triển khai phong trào thi "
    "đua Cải cách hành chính năm 2023 trên địa bàn huyện Văn Bàn với các nội dung như sau:"
)
SEED_CHAU_THANH = (
    "Ngày 05/5/2021, Hội đồng Thi đua - Khen thưởng huyện Châu Thành tham mưu Ủy ban nhân dân "
    "Huyện ban hành kế hoạch phát động phong trào thi đua chuyên đề “Thực hiện cải cách hành "
    "chính” huyện Châu Thành năm 2021.\n"
    "Thời gian thi đua từ ngày phát động thi đua đến ngày 31/12/2021.\n"
    "                                        Nguồn: KH 138/KH-UBND\n"
)
SEED_BAC_KAN = (
    "ngày 25/11/2021 Uỷ ban nhân dân tỉnh Bắc Kạn ban hành văn bản chỉ đạo các cơ quan, đơn vị "
    "trên địa bàn tỉnh tổ chức thực hiện Chương trình hành động thực hiện Nghị quyết số "
    "76/NQ-CP ngày 15/7/2021 của Chính phủ và Nghị quyết số 08-NQ/TU ngày 22/4/2021 của Ban "
    "Chấp hành Đảng bộ tỉnh, giai đoạn 2021 – 2025(Văn bản số 7946/UBND-NCPC).\n"
    "Văn bản chỉ đạo còn yêu cầu các cơ quan, đơn vị triển khai thực hiện hiệu quả Chỉ thị số "
    "23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện Chương trình "
    "tổng thể CCHC nhà nước giai đoạn 2021 – 2030, trong đó:\n"
    "(Nguồn: theo Văn bản số 7946/UBND-NCPCngày 25/11/2021của UBND tỉnh).\n"
)
SEED_273 = (
    "Thực hiện Kế hoạch số 273/KH-UBND ngày 22 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh về "
    "nâng cao Chỉ số Cải cách hành chính, Chỉ số Hiệu quả Quản trị và Hành chính công và Chỉ "
    "số Năng lực cạnh tranh của tỉnh năm 2021 và những năm tiếp theo. Ngày 19/10/2021, Ủy ban "
    "nhân dân huyện ban hành kế hoạch tổ chức triển khai, thực hiện kế hoạch của tỉnh năm 2021 "
    "và những năm tiếp theo trên địa bàn huyện với những nhiệm vụ như: Tổ chức quán triệt sâu "
    "sắc và thực hiện nghiêm túc có hiệu quả Kế hoạch của Ủy ban nhân dân tỉnh cho lãnh đạo. "
    "Xác định nội dung, nhiệm vụ cụ thể thuộc phạm vi triển khai của huyện để chỉ đạo, phân "
    "công các cơ quan, đơn vị tổ chức thực hiện thắng lợi Kế hoạch số 273/KH-UBND ngày 22 tháng "
    "9 năm 2021 của Ủy ban nhân dân tỉnh. Khắc phục những tồn tại, hạn chế của những năm qua."
)
SEED_GIA_LAM = (
    "Ngày 19/10/2021, UBND huyện Gia Lâm tổ chức Hội nghị giao ban công tác cải cách hành "
    "chính (CCHC) 9 tháng năm 2021, triển khai Kế hoạch cải cách hành chính gia đoạn 2021-2025. "
    "Ngay từ đầu năm, UBND huyện đã ban hành Kế hoạch cụ thể, triển khai 06 nội dung, 21 nhiệm "
    "vụ; xây dựng kế hoạch thuộc lĩnh vực CCHC giai đoạn 2021-2025; ban hành 62 văn bản chỉ đạo"
)


def summary(text: str) -> list[tuple[str | None, str | None, date | None, str | None]]:
    return [
        (r.type_word, str(r.number) if r.number else None, r.date, r.issuer)
        for r in find_references(text)
    ]


# --- DocumentType --------------------------------------------------------------------------


class TestDocumentType:
    def test_every_decree_30_abbreviation_is_there(self) -> None:
        decree_30 = [
            "NQ",
            "QĐ",
            "CT",
            "QC",
            "QyĐ",
            "TC",
            "TB",
            "HD",
            "CTr",
            "KH",
            "PA",
            "ĐA",
            "DA",
            "BC",
            "BB",
            "TTr",
            "HĐ",
            "CĐ",
            "BGN",
            "BTT",
            "GUQ",
            "GM",
            "GGT",
            "GNP",
            "PG",
            "PC",
            "PB",
            "SY",
            "TrS",
            "SL",
        ]
        assert [t.abbreviation for t in DocumentType if t.in_decree_30 and t.abbreviation] == (
            decree_30
        )

    def test_cong_van_and_thu_cong_have_no_abbreviation(self) -> None:
        assert DocumentType.CONG_VAN.abbreviation is None
        assert DocumentType.THU_CONG.abbreviation is None
        assert DocumentType.CONG_VAN.vi == "Công văn"

    def test_abbreviations_and_names_are_unique(self) -> None:
        abbreviations = [t.abbreviation for t in DocumentType if t.abbreviation]
        assert len(set(abbreviations)) == len(abbreviations)
        assert len({t.vi for t in DocumentType}) == len(DocumentType)

    def test_qyd_and_qd_are_told_apart_by_case(self) -> None:
        assert DocumentType.from_abbreviation("QyĐ") is DocumentType.QYD
        assert DocumentType.from_abbreviation("QĐ") is DocumentType.QD

    def test_a_missing_stroke_on_d_is_forgiven_only_when_unambiguous(self) -> None:
        assert DocumentType.from_abbreviation("QD") is DocumentType.QD
        assert DocumentType.from_abbreviation("CD") is DocumentType.CD
        assert DocumentType.from_abbreviation("DA") is DocumentType.DA  # Dự án, not Đề án
        assert DocumentType.from_abbreviation("ĐA") is DocumentType.DDA
        assert DocumentType.from_abbreviation("HD") is DocumentType.HD  # Hướng dẫn
        assert DocumentType.from_abbreviation("HĐ") is DocumentType.HDD

    def test_abbreviation_lookup_ignores_case_and_unicode_form(self) -> None:
        assert DocumentType.from_abbreviation("kh") is DocumentType.KH
        assert DocumentType.from_abbreviation(unicodedata.normalize("NFD", "QĐ")) is (
            DocumentType.QD
        )

    def test_party_cv_reads_as_cong_van(self) -> None:
        assert DocumentType.from_abbreviation("CV") is DocumentType.CONG_VAN

    def test_unknown_abbreviation_raises_not_found_naming_it(self) -> None:
        with pytest.raises(NotFoundError, match="'XYZ'"):
            DocumentType.from_abbreviation("XYZ")

    @pytest.mark.parametrize(
        ("word", "expected"),
        [
            ("Kế hoạch", DocumentType.KH),
            ("Quyết định", DocumentType.QD),
            ("Nghị quyết", DocumentType.NQ),
            ("Chỉ thị", DocumentType.CT),
            ("Văn bản", DocumentType.CONG_VAN),
            ("Công văn", DocumentType.CONG_VAN),
            ("KẾ HOẠCH", DocumentType.KH),
            ("Giấy uỷ quyền", DocumentType.GUQ),  # the other tone placement
        ],
    )
    def test_lookup_by_vietnamese_word(self, word: str, expected: DocumentType) -> None:
        assert DocumentType.from_name(word) is expected

    def test_unknown_name_raises_not_found(self) -> None:
        with pytest.raises(NotFoundError, match="Thư mời"):
            DocumentType.from_name("Thư mời")

    def test_repr_names_the_member(self) -> None:
        assert repr(DocumentType.QYD) == "DocumentType.QYD"

    def test_json_travels_by_member_name_and_reads_the_vietnamese_name_too(self) -> None:
        assert to_json(DocumentType.KH) == '"KH"'
        assert from_json('"QYD"', DocumentType) is DocumentType.QYD
        assert from_json('"Quy định"', DocumentType) is DocumentType.QYD


# --- DocumentNumber ------------------------------------------------------------------------

STYLES = [
    ("138/KH-UBND", DocumentNumber(number=138, doc_type=DocumentType.KH, issuer=("UBND",))),
    (
        "33/2021/QĐ-UBND",
        DocumentNumber(number=33, doc_type=DocumentType.QD, issuer=("UBND",), year=2021),
    ),
    ("7946/UBND-NCPC", DocumentNumber(number=7946, issuer=("UBND", "NCPC"))),
    ("76/NQ-CP", DocumentNumber(number=76, doc_type=DocumentType.NQ, issuer=("CP",))),
    ("23/CT-TTg", DocumentNumber(number=23, doc_type=DocumentType.CT, issuer=("TTg",))),
    (
        "08-NQ/TU",
        DocumentNumber(number=8, doc_type=DocumentType.NQ, issuer=("TU",), party=True),
    ),
    ("05/KH-UBND", DocumentNumber(number=5, doc_type=DocumentType.KH, issuer=("UBND",))),
    ("12/QyĐ-UBND", DocumentNumber(number=12, doc_type=DocumentType.QYD, issuer=("UBND",))),
    (
        "36-HD/VPTW",
        DocumentNumber(number=36, doc_type=DocumentType.HD, issuer=("VPTW",), party=True),
    ),
    ("06/2022/QH15", DocumentNumber(number=6, issuer=("QH15",), year=2022)),
    (
        "09/2019/NĐ-CP",
        DocumentNumber(number=9, doc_type=DocumentType.ND, issuer=("CP",), year=2019),
    ),
]


class TestDocumentNumber:
    @pytest.mark.parametrize(("text", "number"), STYLES)
    def test_every_style_parses_to_its_fields(self, text: str, number: DocumentNumber) -> None:
        assert DocumentNumber.parse(text) == number

    @pytest.mark.parametrize(("text", "number"), STYLES)
    def test_str_gives_back_the_official_text_exactly(
        self, text: str, number: DocumentNumber
    ) -> None:
        assert str(number) == text
        assert str(DocumentNumber.parse(text)) == text

    @pytest.mark.parametrize("prefix", ["Số: ", "Số:", "Số ", "số ", "SỐ: "])
    def test_the_so_prefix_is_optional(self, prefix: str) -> None:
        assert DocumentNumber.parse(prefix + "138/KH-UBND") == STYLES[0][1]

    def test_numbers_below_ten_take_a_leading_zero(self) -> None:
        assert str(DocumentNumber(number=5, doc_type=DocumentType.KH, issuer=("UBND",))) == (
            "05/KH-UBND"
        )
        assert str(DocumentNumber(number=10, doc_type=DocumentType.KH, issuer=("UBND",))) == (
            "10/KH-UBND"
        )

    def test_a_missing_leading_zero_is_read_and_then_written(self) -> None:
        assert str(DocumentNumber.parse("5/KH-UBND")) == "05/KH-UBND"

    def test_symbol_joins_type_and_issuer_groups(self) -> None:
        assert DocumentNumber.parse("138/KH-UBND").symbol == "KH-UBND"
        assert DocumentNumber.parse("7946/UBND-NCPC").symbol == "UBND-NCPC"
        assert DocumentNumber.parse("08-NQ/TU").symbol == "TU"

    def test_decomposed_unicode_is_read(self) -> None:
        text = unicodedata.normalize("NFD", "33/2021/QĐ-UBND")
        assert DocumentNumber.parse(text) == STYLES[1][1]

    def test_qd_without_stroke_is_read_as_quyet_dinh(self) -> None:
        assert DocumentNumber.parse("33/2021/QD-UBND").doc_type is DocumentType.QD

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("", "no number and symbol"),
            ("Số:", "no number and symbol"),
            ("138 / KH-UBND", "no spaces"),
            ("KH-UBND", "no '/'"),
            ("012/KH-UBND", "leading 0"),
            ("0/KH-UBND", "start at 1"),
            ("12/21/QĐ-UBND", "four digits"),
            ("12/KH-", "empty"),
            ("12/kh-ubnd", "upper-case"),
            ("12/KH", "no issuer"),
            ("12-XX/TU", "not a document type"),
            ("một/KH-UBND", "Arabic digits"),
            ("1/2/3/KH-UBND", "too many"),
        ],
    )
    def test_bad_text_raises_parse_error_naming_the_problem(self, text: str, problem: str) -> None:
        with pytest.raises(ParseError, match=problem) as info:
            DocumentNumber.parse(text)
        assert info.value.field == "text"
        assert info.value.value == text

    def test_parse_rejects_non_text_with_a_type_error(self) -> None:
        with pytest.raises(CchcTypeError):
            DocumentNumber.parse(138)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"number": 0, "doc_type": DocumentType.KH, "issuer": ("UBND",)}, "number"),
            ({"number": True, "doc_type": DocumentType.KH, "issuer": ("UBND",)}, "number"),
            ({"number": 1, "doc_type": DocumentType.KH, "issuer": ()}, "issuer"),
            ({"number": 1, "doc_type": DocumentType.KH, "issuer": ("ubnd",)}, "issuer[0]"),
            ({"number": 1, "issuer": ("KH", "UBND")}, "issuer[0]"),
            ({"number": 1, "doc_type": DocumentType.KH, "issuer": ("U",), "year": 21}, "year"),
            ({"number": 1, "issuer": ("TU",), "party": True}, "doc_type"),
            (
                {
                    "number": 1,
                    "doc_type": DocumentType.NQ,
                    "issuer": ("TU",),
                    "party": True,
                    "year": 2021,
                },
                "year",
            ),
            ({"number": 1, "doc_type": DocumentType.THU_CONG, "issuer": ("UBND",)}, "doc_type"),
            ({"number": 1, "doc_type": "KH", "issuer": ("UBND",)}, "doc_type"),
        ],
    )
    def test_constructor_rejects_invalid_numbers(
        self, fields: dict[str, object], field: str
    ) -> None:
        with pytest.raises(CchcError) as info:
            DocumentNumber(**fields)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_repr_reads_like_the_constructor_call(self) -> None:
        n = DocumentNumber.parse("08-NQ/TU")
        assert repr(n) == (
            "DocumentNumber(number=8, doc_type=DocumentType.NQ, issuer=('TU',), party=True)"
        )
        assert eval(repr(n)) == n

    def test_contract_equality_hash_frozen_evolve_pickle_json(self) -> None:
        n = DocumentNumber.parse("33/2021/QĐ-UBND")
        same = DocumentNumber.parse("Số: 33/2021/QĐ-UBND")
        assert n == same
        assert hash(n) == hash(same)
        assert n != DocumentNumber.parse("34/2021/QĐ-UBND")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            n.number = 34  # type: ignore[misc]
        later = attrs.evolve(n, number=34)
        assert str(later) == "34/2021/QĐ-UBND"
        assert str(n) == "33/2021/QĐ-UBND"
        assert pickle.loads(pickle.dumps(n)) == n
        assert from_json(to_json(n), DocumentNumber) == n


# --- Directive -----------------------------------------------------------------------------

LAO_CAI = Directive(
    number="33/2021/QĐ-UBND",
    issuer="UBND tỉnh Lào Cai",
    issued=date(2021, 6, 28),
    summary="Ban hành quy định phong trào thi đua “Cải cách hành chính trên địa bàn tỉnh Lào Cai”"
    " giai đoạn 2021-2025",
)
VAN_BAN_2023 = Directive(
    number=None,
    doc_type=DocumentType.KH,
    issuer="UBND huyện Văn Bàn",
    issuer_unit="VANBAN",
    issued=date(2023, 1, 1),  # illustrative: the article gives neither number nor date
    implements=["33/2021/QĐ-UBND"],
)


class TestDirective:
    def test_str_is_the_running_text_reference(self) -> None:
        assert str(LAO_CAI) == "Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai"

    def test_str_without_a_number_leaves_it_out(self) -> None:
        assert str(VAN_BAN_2023) == "Kế hoạch ngày 01/01/2023 của UBND huyện Văn Bàn"

    def test_cong_van_reads_as_cong_van(self) -> None:
        d = Directive(
            number="7946/UBND-NCPC", issuer="UBND tỉnh Bắc Kạn", issued=date(2021, 11, 25)
        )
        assert d.doc_type is DocumentType.CONG_VAN
        assert str(d) == "Công văn số 7946/UBND-NCPC ngày 25/11/2021 của UBND tỉnh Bắc Kạn"

    def test_type_defaults_to_the_type_in_the_number(self) -> None:
        assert LAO_CAI.doc_type is DocumentType.QD

    def test_type_must_be_given_when_the_number_is_unknown(self) -> None:
        with pytest.raises(ValidationError) as info:
            Directive(number=None, issuer="UBND huyện", issued=date(2021, 10, 19))
        assert info.value.field == "doc_type"

    def test_type_must_agree_with_the_number(self) -> None:
        with pytest.raises(ValidationError, match="Kế hoạch"):
            Directive(
                number="138/KH-UBND",
                doc_type=DocumentType.QD,
                issuer="UBND huyện Châu Thành",
                issued=date(2021, 5, 5),
            )

    def test_a_year_in_the_number_is_the_year_of_issue(self) -> None:
        with pytest.raises(ValidationError) as info:
            Directive(number="33/2021/QĐ-UBND", issuer="UBND tỉnh", issued=date(2022, 6, 28))
        assert info.value.field == "issued"

    def test_a_directive_cannot_implement_itself(self) -> None:
        with pytest.raises(ValidationError) as info:
            attrs.evolve(LAO_CAI, implements=["33/2021/QĐ-UBND"])
        assert info.value.field == "implements[0]"

    def test_a_document_is_listed_once_in_implements(self) -> None:
        with pytest.raises(ValidationError):
            attrs.evolve(LAO_CAI, implements=["76/NQ-CP", "Số 76/NQ-CP"])

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"issuer": ""}, "issuer"),
            ({"issued": "2021-06-28"}, "issued"),
            ({"issuer_unit": ""}, "issuer_unit"),
            ({"implements": [138]}, "implements[0]"),
            ({"implements": 138}, "implements"),
        ],
    )
    def test_bad_fields_are_rejected_by_name(self, change: dict[str, object], field: str) -> None:
        with pytest.raises(CchcError) as info:
            attrs.evolve(LAO_CAI, **change)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_a_bad_number_text_raises_parse_error(self) -> None:
        with pytest.raises(ParseError):
            attrs.evolve(LAO_CAI, number="33-2021-QĐ")

    def test_text_fields_are_nfc(self) -> None:
        d = attrs.evolve(LAO_CAI, issuer=unicodedata.normalize("NFD", "UBND tỉnh Lào Cai"))
        assert d.issuer == "UBND tỉnh Lào Cai"

    def test_key_is_the_number_text_or_the_description(self) -> None:
        assert LAO_CAI.key == "33/2021/QĐ-UBND"
        assert VAN_BAN_2023.key == str(VAN_BAN_2023)

    def test_contract_equality_hash_frozen_evolve_pickle_json(self) -> None:
        copy = attrs.evolve(LAO_CAI)
        assert copy == LAO_CAI
        assert hash(copy) == hash(LAO_CAI)
        assert attrs.evolve(LAO_CAI, summary="") != LAO_CAI
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            LAO_CAI.issuer = "x"  # type: ignore[misc]
        changed = attrs.evolve(LAO_CAI, issuer_unit="LAOCAI")
        assert changed.issuer_unit == "LAOCAI"
        assert LAO_CAI.issuer_unit is None
        assert pickle.loads(pickle.dumps(VAN_BAN_2023)) == VAN_BAN_2023
        assert from_json(to_json(VAN_BAN_2023), Directive) == VAN_BAN_2023
        assert repr(LAO_CAI).startswith("Directive(number=DocumentNumber(number=33, ")


# --- Cascade -------------------------------------------------------------------------------

NQ76 = Directive(number="76/NQ-CP", issuer="Chính phủ", issued=date(2021, 7, 15))
CT23 = Directive(
    number="23/CT-TTg",
    issuer="Thủ tướng Chính phủ",
    issued=date(2021, 9, 2),
    implements=["76/NQ-CP"],
)
NQ08 = Directive(
    number="08-NQ/TU", issuer="Ban Chấp hành Đảng bộ tỉnh Bắc Kạn", issued=date(2021, 4, 22)
)
BK7946 = Directive(
    number="7946/UBND-NCPC",
    issuer="UBND tỉnh Bắc Kạn",
    issued=date(2021, 11, 25),
    implements=["76/NQ-CP", "23/CT-TTg", "08-NQ/TU"],
)


def agency_plan(number: str, unit: str, issued: date) -> Directive:
    return Directive(
        number=number,
        issuer=f"Sở {unit}",
        issuer_unit=unit,
        issued=issued,
        implements=["7946/UBND-NCPC"],
    )


BAC_KAN = Cascade([NQ76, CT23, NQ08, BK7946])


class TestCascade:
    def test_parents_are_the_directives_implemented(self) -> None:
        assert BAC_KAN.parents("7946/UBND-NCPC") == (NQ76, CT23, NQ08)
        assert BAC_KAN.parents(NQ76) == ()

    def test_children_are_the_directives_implementing_it(self) -> None:
        assert BAC_KAN.children("76/NQ-CP") == (CT23, BK7946)
        assert BAC_KAN.children(BK7946.number) == ()  # type: ignore[arg-type]

    def test_roots_implement_nothing_in_the_cascade(self) -> None:
        assert BAC_KAN.roots == (NQ76, NQ08)

    def test_lineages_run_from_every_root_down(self) -> None:
        chains = [[d.key for d in chain] for chain in BAC_KAN.lineages("7946/UBND-NCPC")]
        assert chains == [
            ["76/NQ-CP", "7946/UBND-NCPC"],
            ["76/NQ-CP", "23/CT-TTg", "7946/UBND-NCPC"],
            ["08-NQ/TU", "7946/UBND-NCPC"],
        ]
        assert BAC_KAN.lineages(NQ76) == ((NQ76,),)

    def test_ancestors_and_descendants_are_listed_once_nearest_first(self) -> None:
        assert BAC_KAN.ancestors("7946/UBND-NCPC") == (NQ76, CT23, NQ08)
        assert BAC_KAN.descendants("76/NQ-CP") == (CT23, BK7946)

    def test_lookup_accepts_number_text_in_any_form(self) -> None:
        assert BAC_KAN.get("Số: 08-NQ/TU") is NQ08
        assert "76/NQ-CP" in BAC_KAN
        assert "77/NQ-CP" not in BAC_KAN
        assert len(BAC_KAN) == 4

    def test_unknown_directive_raises_not_found(self) -> None:
        with pytest.raises(NotFoundError, match="77/NQ-CP"):
            BAC_KAN.get("77/NQ-CP")

    def test_references_outside_the_cascade_are_allowed_and_reported(self) -> None:
        c = Cascade([BK7946])
        assert c.roots == (BK7946,)
        assert [str(n) for _, n in c.unknown_references()] == [
            "76/NQ-CP",
            "23/CT-TTg",
            "08-NQ/TU",
        ]
        assert BAC_KAN.unknown_references() == ()

    def test_cycles_are_rejected_naming_the_cycle(self) -> None:
        a = Directive(
            number="1/KH-UBND", issuer="A", issued=date(2021, 1, 4), implements=["2/KH-UBND"]
        )
        b = Directive(
            number="2/KH-UBND", issuer="B", issued=date(2021, 1, 5), implements=["3/KH-UBND"]
        )
        c = Directive(
            number="3/KH-UBND", issuer="C", issued=date(2021, 1, 6), implements=["01/KH-UBND"]
        )
        with pytest.raises(ValidationError, match="cycle") as info:
            Cascade([a, b, c])
        cycle = info.value.value
        assert isinstance(cycle, tuple)
        assert set(cycle) == {"01/KH-UBND", "02/KH-UBND", "03/KH-UBND"}
        assert cycle[0] == cycle[-1]
        assert len(cycle) == 4

    def test_duplicate_keys_are_rejected(self) -> None:
        with pytest.raises(ValidationError, match="two directives"):
            Cascade([NQ76, attrs.evolve(NQ76, summary="again")])

    def test_members_must_be_directives(self) -> None:
        with pytest.raises(CchcTypeError):
            Cascade([NQ76, "76/NQ-CP"])  # type: ignore[list-item]
        with pytest.raises(CchcTypeError):
            Cascade(NQ76)  # type: ignore[arg-type]

    def test_contract_equality_hash_frozen_evolve_pickle_json(self) -> None:
        same = Cascade([NQ76, CT23, NQ08, BK7946])
        assert same == BAC_KAN
        assert hash(same) == hash(BAC_KAN)
        assert Cascade([NQ76]) != BAC_KAN
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            BAC_KAN.directives = ()  # type: ignore[misc]
        smaller = attrs.evolve(BAC_KAN, directives=[NQ76])
        assert len(smaller) == 1
        assert len(BAC_KAN) == 4
        restored = pickle.loads(pickle.dumps(BAC_KAN))
        assert restored == BAC_KAN
        assert restored.children("76/NQ-CP") == (CT23, BK7946)
        from_text: Cascade = from_json(to_json(BAC_KAN), Cascade)
        assert from_text == BAC_KAN
        assert from_text.roots == (NQ76, NQ08)
        assert repr(Cascade([NQ76])).startswith("Cascade(directives=(Directive(")


class TestDirectiveTypes:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"number": True}, "number"),
            ({"implements": [5]}, "implements[0]"),
            ({"implements": ["76/NQ-CP", None]}, "implements[1]"),
        ],
    )
    def test_a_number_of_the_wrong_type_is_a_type_error_naming_the_field(
        self, changes: dict[str, object], field: str
    ) -> None:
        fields: dict[str, object] = {
            "number": "1/KH-UBND",
            "issuer": "UBND",
            "issued": date(2021, 1, 4),
        }
        with pytest.raises(CchcTypeError) as info:
            Directive(**(fields | changes))  # type: ignore[arg-type]
        assert info.value.field == field


class TestTree:
    def test_every_document_stands_under_each_document_it_implements(self) -> None:
        lines = BAC_KAN.tree().splitlines()
        assert lines[0] == str(NQ76)
        assert sum(str(BK7946) in line for line in lines) == 3  # under 76, under 23, under 08
        assert lines.count(f"└── {BK7946}") + lines.count(f"├── {BK7946}") == 2
        assert f"│   └── {BK7946}" in lines  # under 23/CT-TTg, itself under 76/NQ-CP

    def test_roots_start_at_the_left_margin(self) -> None:
        roots = [line for line in BAC_KAN.tree().splitlines() if line[0] not in "│├└ "]
        assert roots == [str(NQ76), str(NQ08)]


class TestMissingImplementations:
    def cascade(self) -> Cascade:
        return attrs.evolve(
            BAC_KAN,
            directives=[
                *BAC_KAN.directives,
                agency_plan("10/KH-SNV", "SNV", date(2021, 12, 1)),
                agency_plan("20/KH-STC", "STC", date(2022, 2, 15)),
                # implements something else: does not count for 7946
                Directive(
                    number="30/KH-SYT",
                    issuer="Sở Y tế",
                    issuer_unit="SYT",
                    issued=date(2021, 12, 1),
                    implements=["76/NQ-CP"],
                ),
            ],
        )

    def test_units_without_an_implementing_plan_are_listed_in_the_order_given(self) -> None:
        assert missing_implementations(
            self.cascade(), "7946/UBND-NCPC", ["SYT", "SNV", "STC", "SXD"]
        ) == (
            "SYT",
            "SXD",
        )

    def test_unit_codes_compare_case_insensitively(self) -> None:
        assert missing_implementations(self.cascade(), "7946/UBND-NCPC", ["snv"]) == ()

    def test_late_plans_count_as_missing_when_a_deadline_is_given(self) -> None:
        c = self.cascade()
        # SNV on 01/12/2021 is 4 working days after 25/11/2021; STC in February is far later
        assert missing_implementations(
            c, "7946/UBND-NCPC", ["SNV", "STC"], within_working_days=10
        ) == ("STC",)
        assert missing_implementations(
            c, "7946/UBND-NCPC", ["SNV", "STC"], within_working_days=3
        ) == ("SNV", "STC")

    def test_the_deadline_counts_working_days_not_calendar_days(self) -> None:
        deadline = add_working_days(BK7946.issued, 5)
        on_time = agency_plan("40/KH-SCT", "SCT", deadline)
        c = Cascade([BK7946, on_time])
        assert (deadline - BK7946.issued).days > 5  # a weekend lies in between
        assert missing_implementations(c, BK7946, ["SCT"], within_working_days=5) == ()
        assert missing_implementations(c, BK7946, ["SCT"], within_working_days=4) == ("SCT",)

    def test_as_of_ignores_plans_issued_later(self) -> None:
        c = self.cascade()
        assert missing_implementations(
            c, "7946/UBND-NCPC", ["SNV", "STC"], as_of=date(2021, 12, 31)
        ) == ("STC",)

    def test_the_earliest_plan_of_a_unit_decides_lateness(self) -> None:
        c = Cascade(
            [
                BK7946,
                agency_plan("50/KH-SNV", "SNV", date(2022, 3, 1)),
                agency_plan("51/KH-SNV", "SNV", date(2021, 11, 26)),
            ]
        )
        assert missing_implementations(c, BK7946, ["SNV"], within_working_days=1) == ()

    def test_units_may_be_given_as_unit_values(self) -> None:
        units = [
            Unit(code="SNV", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT),
            Unit(code="SXD", name="Sở Xây dựng", kind=UnitKind.DEPARTMENT),
        ]
        assert missing_implementations(self.cascade(), "7946/UBND-NCPC", units) == ("SXD",)

    def test_a_single_code_is_not_taken_for_a_list_of_letters(self) -> None:
        with pytest.raises(CchcTypeError) as info:
            missing_implementations(self.cascade(), "7946/UBND-NCPC", "SNV")
        assert info.value.field == "units"

    def test_bad_arguments_are_rejected(self) -> None:
        c = self.cascade()
        with pytest.raises(ValidationError):
            missing_implementations(c, BK7946, ["SNV"], within_working_days=-1)
        with pytest.raises(CchcTypeError):
            missing_implementations(c, BK7946, [42])  # type: ignore[list-item]
        with pytest.raises(CchcTypeError):
            missing_implementations(c, BK7946, ["SNV"], as_of="2021-12-31")  # type: ignore[arg-type]
        with pytest.raises(NotFoundError):
            missing_implementations(c, "99/KH-UBND", ["SNV"])


# --- find_references -----------------------------------------------------------------------


class TestFindReferences:
    def test_van_ban_seed_decision_with_date_and_issuer(self) -> None:
        assert summary(SEED_VAN_BAN) == [
            ("Quyết định", "33/2021/QĐ-UBND", date(2021, 6, 28), "UBND tỉnh Lào Cai")
        ]

    def test_chau_thanh_seed_source_line(self) -> None:
        assert summary(SEED_CHAU_THANH) == [("KH", "138/KH-UBND", None, None)]

    def test_bac_kan_seed_every_reference(self) -> None:
        assert summary(SEED_BAC_KAN) == [
            ("Nghị quyết", "76/NQ-CP", date(2021, 7, 15), "Chính phủ"),
            ("Nghị quyết", "08-NQ/TU", date(2021, 4, 22), "Ban Chấp hành Đảng bộ tỉnh"),
            ("Văn bản", "7946/UBND-NCPC", None, None),
            ("Chỉ thị", "23/CT-TTg", date(2021, 9, 2), "Thủ tướng Chính phủ"),
            ("Văn bản", "7946/UBND-NCPC", date(2021, 11, 25), "UBND tỉnh"),
        ]

    def test_glued_text_is_split_at_the_words(self) -> None:
        (ref,) = find_references("Văn bản số 7946/UBND-NCPCngày 25/11/2021của UBND tỉnh")
        assert ref.number == DocumentNumber(number=7946, issuer=("UBND", "NCPC"))
        assert ref.doc_type is DocumentType.CONG_VAN

    def test_long_date_form_and_full_issuer(self) -> None:
        assert summary(SEED_273) == [
            ("Kế hoạch", "273/KH-UBND", date(2021, 9, 22), "Ủy ban nhân dân tỉnh"),
            ("Kế hoạch", "273/KH-UBND", date(2021, 9, 22), "Ủy ban nhân dân tỉnh"),
        ]

    def test_text_without_numbers_or_dated_types_has_no_references(self) -> None:
        assert find_references(SEED_GIA_LAM) == ()

    def test_span_locates_the_reference_in_the_text(self) -> None:
        for text in (SEED_VAN_BAN, SEED_BAC_KAN, SEED_273, SEED_CHAU_THANH):
            for ref in find_references(text):
                start, end = ref.span
                assert text[start:end] == ref.text
        (ref,) = find_references(SEED_VAN_BAN)
        assert ref.text == ("Quyết định số 33/2021/QĐ-UBND ngày 28/6/2021 của UBND tỉnh Lào Cai")

    def test_references_come_in_text_order(self) -> None:
        starts = [r.span[0] for r in find_references(SEED_BAC_KAN)]
        assert starts == sorted(starts)

    def test_unnumbered_type_with_date_is_a_reference(self) -> None:
        (ref,) = find_references("căn cứ Quyết định ngày 28/6/2021 của UBND tỉnh Lào Cai.")
        assert ref.number is None
        assert ref.doc_type is DocumentType.QD
        assert ref.date == date(2021, 6, 28)
        assert ref.issuer == "UBND tỉnh Lào Cai"

    def test_lower_case_type_words_and_bare_numbers(self) -> None:
        assert summary("theo kế hoạch số 5/KH-UBND; xem thêm 09/2019/NĐ-CP.") == [
            ("kế hoạch", "05/KH-UBND", None, None),
            (None, "09/2019/NĐ-CP", None, None),
        ]

    def test_longer_type_names_are_read_whole(self) -> None:
        assert summary("Chương trình hành động số 12-CTr/TU ngày 05/01/2022 của Tỉnh ủy.") == [
            ("Chương trình hành động", "12-CTr/TU", date(2022, 1, 5), "Tỉnh ủy")
        ]

    def test_dates_and_ranges_are_not_numbers(self) -> None:
        assert find_references("từ 05/5/2021 đến 31/12/2021, giai đoạn 2021-2025") == ()

    def test_an_impossible_date_leaves_the_date_empty(self) -> None:
        (ref,) = find_references("Văn bản số 12/UBND-VP ngày 31/2/2021")
        assert ref.date is None
        assert str(ref.number) == "12/UBND-VP"

    def test_decomposed_text_is_read(self) -> None:
        (ref,) = find_references(unicodedata.normalize("NFD", SEED_VAN_BAN))
        assert ref.issuer == "UBND tỉnh Lào Cai"

    def test_rejects_non_text(self) -> None:
        with pytest.raises(CchcTypeError):
            find_references(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "piece",
        [
            "1/A-",
            "Kế hoạch số ",
            "ngày ",
            "1",
            "Quyết định ngày 1/1/2021 của ",
            "1/2021/",
            "KH-",
            "1/" + "AbAb" * 6,
            "của A ",
            "Văn bản số 7946/UBND-NCPCngày",
        ],
    )
    def test_a_megabyte_of_adversarial_text_is_scanned(self, piece: str) -> None:
        # a scan that backtracks would make this test take minutes, not milliseconds
        text = piece * (1_000_000 // len(piece))
        refs = find_references(text)
        assert all(text[r.span[0] : r.span[1]] == r.text for r in refs[:100])

    @pytest.mark.parametrize("span", [(5, 2), (-1, 3), (1, 2, 3), "ab", 7])
    def test_a_reference_span_is_an_ordered_pair_of_offsets(self, span: object) -> None:
        with pytest.raises(CchcError) as info:
            Reference(text="x", span=span)  # type: ignore[arg-type]
        assert info.value.field == "span"

    def test_contract_equality_hash_frozen_pickle_json(self) -> None:
        (ref,) = find_references(SEED_VAN_BAN)
        (again,) = find_references(SEED_VAN_BAN)
        assert ref == again
        assert hash(ref) == hash(again)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            ref.issuer = None  # type: ignore[misc]
        moved = attrs.evolve(ref, span=(0, 1))
        assert moved.span == (0, 1)
        assert ref.span != (0, 1)
        assert pickle.loads(pickle.dumps(ref)) == ref
        assert from_json(to_json(ref), Reference) == ref
        assert repr(ref).startswith("Reference(text='Quyết định số 33/2021/QĐ-UBND")


# --- numbers that several issuers share; citations; review fixes -----------------------------

PROVINCE_01 = Directive(
    number="01/KH-UBND", issuer="UBND tỉnh Lào Cai", issuer_unit="LC", issued=date(2021, 1, 5)
)
DISTRICT_01 = Directive(
    number="01/KH-UBND",
    issuer="UBND huyện Văn Bàn",
    issuer_unit="VB",
    issued=date(2022, 1, 5),
    implements=[Citation(number="01/KH-UBND", issuer="UBND tỉnh Lào Cai")],
)


class TestSharedNumbers:
    def test_two_issuers_may_use_the_same_number(self) -> None:
        c = Cascade([PROVINCE_01, DISTRICT_01])
        assert c.parents(DISTRICT_01) == (PROVINCE_01,)
        assert c.children(PROVINCE_01) == (DISTRICT_01,)
        assert PROVINCE_01.key == DISTRICT_01.key == "01/KH-UBND"
        assert PROVINCE_01.identity != DISTRICT_01.identity

    def test_a_plain_number_shared_with_the_citing_directive_resolves_to_the_other(self) -> None:
        child = attrs.evolve(DISTRICT_01, implements=[])
        # a plain number equal to the directive's own is refused: cite it with its issuer
        with pytest.raises(ValidationError, match="itself"):
            attrs.evolve(DISTRICT_01, implements=["01/KH-UBND"])
        commune = Directive(
            number="03/KH-UBND", issuer="UBND xã A", issued=date(2022, 2, 1), implements=[child]
        )
        assert Cascade([PROVINCE_01, child, commune]).parents(commune) == (child,)

    def test_the_same_number_of_one_issuer_in_two_years_is_two_documents(self) -> None:
        again = attrs.evolve(PROVINCE_01, issued=date(2022, 1, 4))
        c = Cascade([PROVINCE_01, again])
        assert len(c) == 2

    def test_the_same_document_twice_is_rejected(self) -> None:
        with pytest.raises(ValidationError, match="identity"):
            Cascade([PROVINCE_01, attrs.evolve(PROVINCE_01, summary="again")])

    def test_a_shared_number_lookup_names_the_candidates(self) -> None:
        c = Cascade([PROVINCE_01, DISTRICT_01])
        with pytest.raises(AmbiguousError, match="LC") as info:
            c.get("01/KH-UBND")
        assert isinstance(info.value, NotFoundError)
        assert "VB" in str(info.value)
        assert c.get(Citation(number="01/KH-UBND", issuer="VB")) is DISTRICT_01
        assert "01/KH-UBND" not in c  # ambiguous, so not one directive
        assert DISTRICT_01 in c

    def test_a_number_resolves_to_the_only_earlier_candidate(self) -> None:
        later = attrs.evolve(PROVINCE_01, issuer="UBND tỉnh Yên Bái", issued=date(2023, 1, 5))
        commune = Directive(
            number="07/KH-UBND", issuer="UBND xã", issued=date(2022, 3, 1), implements=["1/KH-UBND"]
        )
        assert Cascade([PROVINCE_01, later, commune]).parents(commune) == (PROVINCE_01,)

    def test_an_ambiguous_reference_links_nothing_and_is_reported(self) -> None:
        other = attrs.evolve(PROVINCE_01, issuer="UBND tỉnh Yên Bái", issuer_unit="YB")
        commune = Directive(
            number="07/KH-UBND", issuer="UBND xã", issued=date(2022, 3, 1), implements=["1/KH-UBND"]
        )
        c = Cascade([PROVINCE_01, other, commune])
        assert c.parents(commune) == ()
        [(who, ref, hits)] = c.ambiguous_references()
        assert who is commune
        assert str(ref) == "01/KH-UBND"
        assert hits == (PROVINCE_01, other)
        assert c.unknown_references() == ()
        assert [f.code for f in c.findings()] == ["cascade.ambiguous-reference"]
        assert c.findings()[0].severity is Severity.WARNING


class TestCitation:
    GIA_LAM_PLAN = Directive(
        number=None,
        doc_type=DocumentType.KH,
        issuer="UBND huyện Gia Lâm",
        issued=date(2021, 1, 15),
        summary="cải cách hành chính giai đoạn 2021-2025",
    )

    def test_an_unnumbered_document_can_be_a_parent(self) -> None:
        cite = Citation(
            doc_type=DocumentType.KH, issued=date(2021, 1, 15), issuer="UBND huyện Gia Lâm"
        )
        commune = Directive(
            number="05/KH-UBND",
            issuer="UBND xã Đặng Xá",
            issued=date(2021, 2, 1),
            implements=[cite],
        )
        c = Cascade([self.GIA_LAM_PLAN, commune])
        assert c.roots == (self.GIA_LAM_PLAN,)
        assert c.parents(commune) == (self.GIA_LAM_PLAN,)
        assert c.get(cite) is self.GIA_LAM_PLAN

    def test_a_directive_in_implements_is_cited_in_full(self) -> None:
        commune = Directive(
            number="05/KH-UBND",
            issuer="UBND xã Đặng Xá",
            issued=date(2021, 2, 1),
            implements=[self.GIA_LAM_PLAN],
        )
        assert commune.implements == (Citation.of(self.GIA_LAM_PLAN),)
        assert Cascade([self.GIA_LAM_PLAN, commune]).parents(commune) == (self.GIA_LAM_PLAN,)

    def test_without_a_number_type_and_date_are_needed(self) -> None:
        with pytest.raises(ValidationError) as info:
            Citation(doc_type=DocumentType.KH, issuer="UBND huyện")
        assert info.value.field == "number"

    def test_the_type_must_agree_with_the_number(self) -> None:
        with pytest.raises(ValidationError) as info:
            Citation(number="76/NQ-CP", doc_type=DocumentType.KH)
        assert info.value.field == "doc_type"

    def test_issuer_matches_the_issuer_text_or_unit_code_whatever_the_tone_placement(
        self,
    ) -> None:
        d = attrs.evolve(PROVINCE_01, issuer="UBND huyện Hòa Vang")
        assert Citation(number="01/KH-UBND", issuer="ubnd huyện hoà vang").matches(d)
        assert Citation(number="01/KH-UBND", issuer="lc").matches(d)
        assert not Citation(number="01/KH-UBND", issuer="VB").matches(d)
        assert not Citation(number="01/KH-UBND", issued=date(2021, 1, 6)).matches(d)

    def test_bad_fields_are_rejected_by_name(self) -> None:
        for fields, field in [
            ({"number": "1/KH-UBND", "issued": "2021-01-01"}, "issued"),
            ({"number": "1/KH-UBND", "issuer": 5}, "issuer"),
            ({"number": 5}, "number"),
            ({"number": "1/KH-UBND", "doc_type": "KH"}, "doc_type"),
        ]:
            with pytest.raises(CchcError) as info:
                Citation(**fields)  # type: ignore[arg-type]
            assert info.value.field == field

    def test_contract_equality_hash_frozen_evolve_pickle_json(self) -> None:
        c = Citation(number="01/KH-UBND", issuer="UBND tỉnh Lào Cai", issued=date(2021, 1, 5))
        same = Citation(number="Số 1/KH-UBND", issuer="UBND tỉnh Lào Cai", issued=date(2021, 1, 5))
        assert c == same
        assert hash(c) == hash(same)
        assert c != attrs.evolve(c, issuer="UBND tỉnh Yên Bái")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            c.issuer = "x"  # type: ignore[misc]
        assert c.issuer == "UBND tỉnh Lào Cai"
        assert pickle.loads(pickle.dumps(c)) == c
        assert from_json(to_json(c), Citation) == c
        assert (
            eval(
                repr(c),
                {
                    "Citation": Citation,
                    "DocumentNumber": DocumentNumber,
                    "DocumentType": DocumentType,
                    "datetime": __import__("datetime"),
                },
            )
            == c
        )
        assert str(c) == "Kế hoạch số 01/KH-UBND ngày 05/01/2021 của UBND tỉnh Lào Cai"

    def test_a_directive_with_citations_round_trips_through_json(self) -> None:
        assert from_json(to_json(DISTRICT_01), Directive) == DISTRICT_01
        c = Cascade([PROVINCE_01, DISTRICT_01])
        back: Cascade = from_json(to_json(c), Cascade)
        assert back == c
        assert back.parents(DISTRICT_01) == (PROVINCE_01,)


class TestIssueOrder:
    EARLY = Directive(
        number="05/KH-UBND",
        issuer="UBND huyện",
        issuer_unit="H",
        issued=date(2021, 11, 1),
        implements=["7946/UBND-NCPC"],
    )

    def test_implementing_a_later_document_is_an_error_finding(self) -> None:
        findings = Cascade([BK7946, self.EARLY]).findings()
        assert [(f.code, f.severity) for f in findings] == [
            ("cascade.parent-issued-later", Severity.ERROR),
            ("cascade.unknown-reference", Severity.INFO),
            ("cascade.unknown-reference", Severity.INFO),
            ("cascade.unknown-reference", Severity.INFO),
        ]
        assert "05/KH-UBND" in findings[0].message_en
        assert "7946/UBND-NCPC" in findings[0].message_en

    def test_a_plan_dated_before_its_parent_is_never_on_time(self) -> None:
        c = Cascade([BK7946, self.EARLY])
        assert missing_implementations(c, BK7946, ["H"], within_working_days=0) == ("H",)
        assert missing_implementations(c, BK7946, ["H"]) == ()


class TestReviewFixes:
    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"number": 10**7, "doc_type": DocumentType.KH, "issuer": ("UBND",)}, "number"),
            ({"number": 5, "doc_type": DocumentType.KH, "issuer": tuple("ABCDEFGH")}, "issuer"),
            ({"number": 5, "issuer": tuple("ABCDEFGHI")}, "issuer"),
            ({"number": 5, "doc_type": DocumentType.CONG_VAN, "issuer": ("UBND",)}, "doc_type"),
        ],
    )
    def test_the_constructor_accepts_only_what_parse_reads(
        self, fields: dict[str, object], field: str
    ) -> None:
        with pytest.raises(ValidationError) as info:
            DocumentNumber(**fields)  # type: ignore[arg-type]
        assert info.value.field == field

    def test_the_largest_numbers_and_symbols_round_trip(self) -> None:
        for n in [
            DocumentNumber(9_999_999, DocumentType.KH, tuple("ABCDEFG")),
            DocumentNumber(5, None, tuple("ABCDEFGH")),
            DocumentNumber(5, DocumentType.NQ, tuple("ABCDEFGH"), party=True),
            DocumentNumber(12, DocumentType.CONG_VAN, ("VPTW",), party=True),
        ]:
            assert DocumentNumber.parse(str(n)) == n
            assert from_json(to_json(n), DocumentNumber) == n

    def test_a_cv_group_in_a_state_number_is_part_of_the_symbol(self) -> None:
        n = DocumentNumber.parse("5/CV-UBND")
        assert n == DocumentNumber(5, None, ("CV", "UBND"))
        assert str(n) == "05/CV-UBND"
        assert Directive(number=n, issuer="UBND", issued=date(2021, 1, 1)).doc_type is (
            DocumentType.CONG_VAN
        )

    def test_a_year_after_the_symbol_is_named_as_misplaced(self) -> None:
        with pytest.raises(ParseError, match="'2021' comes between the number and the symbol"):
            DocumentNumber.parse("12/NQ-CP/2021")

    def test_an_issuer_of_the_wrong_type_is_a_type_error(self) -> None:
        with pytest.raises(CchcTypeError) as info:
            Directive(number="76/NQ-CP", issuer=None, issued=date(2021, 7, 15))
        assert info.value.field == "issuer"

    def test_a_megabyte_of_text_gives_a_short_message(self) -> None:
        with pytest.raises(ParseError) as info:
            DocumentNumber.parse("1/" + "x" * 1_000_000)
        assert len(str(info.value)) < 400

    def test_bad_cascade_and_units_arguments_are_cchc_errors(self) -> None:
        c = Cascade([BK7946])
        with pytest.raises(CchcTypeError) as info:
            missing_implementations("x", "7946/UBND-NCPC", ["A"])  # type: ignore[arg-type]
        assert info.value.field == "cascade"
        with pytest.raises(CchcTypeError) as info:
            missing_implementations(c, "7946/UBND-NCPC", None)  # type: ignore[arg-type]
        assert info.value.field == "units"
        with pytest.raises(CchcTypeError):
            Cascade("76/NQ-CP")  # type: ignore[arg-type]

    def test_issuer_phrases_are_resolved_with_a_unit_tree(self) -> None:
        tree = UnitTree(
            [
                Unit(code="BK", name="UBND tỉnh Bắc Kạn", kind=UnitKind.PROVINCE),
                Unit(code="SNV", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT, parent="BK"),
            ]
        )
        plan = Directive(
            number="10/KH-SNV",
            issuer="Sở Nội vụ",
            issued=date(2021, 12, 1),
            implements=["7946/UBND-NCPC"],
        )
        c = Cascade([BK7946, plan])
        assert missing_implementations(c, BK7946, ["SNV"]) == ("SNV",)
        assert missing_implementations(c, BK7946, ["SNV"], tree=tree) == ()
        with pytest.raises(CchcTypeError):
            missing_implementations(c, BK7946, ["SNV"], tree="x")  # type: ignore[arg-type]


class TestReferencesFromTheReview:
    @pytest.mark.parametrize(
        ("text", "numbers"),
        [
            (SEED_VAN_BAN, ["33/2021/QĐ-UBND"]),
            (SEED_CHAU_THANH, ["138/KH-UBND"]),
            (
                SEED_BAC_KAN,
                ["76/NQ-CP", "08-NQ/TU", "7946/UBND-NCPC", "23/CT-TTg", "7946/UBND-NCPC"],
            ),
            (SEED_273, ["273/KH-UBND", "273/KH-UBND"]),
            (SEED_GIA_LAM, []),
        ],
    )
    def test_every_numbered_reference_of_the_five_seeds_is_found(
        self, text: str, numbers: list[str]
    ) -> None:
        assert [str(r.number) for r in find_references(text) if r.number] == numbers

    def test_a_comma_before_the_date_keeps_date_and_issuer(self) -> None:
        assert summary(
            "Quyết định số 33/2021/QĐ-UBND, ngày 28/6/2021 của UBND tỉnh Lào Cai về việc"
        ) == [("Quyết định", "33/2021/QĐ-UBND", date(2021, 6, 28), "UBND tỉnh Lào Cai")]

    def test_a_law_is_cited_by_its_name(self) -> None:
        [ref] = find_references(
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 của Quốc hội;"
        )
        assert ref.type_word == "Luật Thi đua, khen thưởng"
        assert ref.doc_type is DocumentType.LUAT
        assert str(ref.number) == "06/2022/QH15"
        assert (ref.date, ref.issuer) == (date(2022, 6, 15), "Quốc hội")
        assert summary("Luật số 06/2022/QH15") == [("Luật", "06/2022/QH15", None, None)]

    def test_joint_circulars_and_resolutions_carry_their_type(self) -> None:
        n = DocumentNumber.parse("01/2015/TTLT-BNV-BTC")
        assert (n.doc_type, n.issuer) == (DocumentType.TTLT, ("BNV", "BTC"))
        assert DocumentNumber.parse("09/2008/NQLT-CP-UBTƯMTTQVN").doc_type is DocumentType.NQLT
        assert not DocumentType.TTLT.in_decree_30
        assert DocumentType.LUAT.abbreviation is None


# --- issue 8: deep cascades stay linear, messages in Vietnamese ------------------------------


def _chain(length: int) -> list[Directive]:
    """``length`` plans, each implementing the one before it."""
    day = date(2021, 1, 4)
    number = DocumentNumber(1, DocumentType.KH, ("UBND",))
    out = [Directive(number=number, issuer="UBND tỉnh", issued=day)]
    for n in range(2, length + 1):
        number = DocumentNumber(n, DocumentType.KH, ("UBND",))
        out.append(
            Directive(number=number, issuer="UBND tỉnh", issued=day, implements=[out[-1].number])
        )
    return out


def _lattice(levels: int) -> list[Directive]:
    """Two documents per level, each implementing both documents of the level above."""
    day = date(2021, 1, 4)
    out: list[Directive] = []
    for k in range(1, levels + 1):
        for side in ("A", "B"):
            cites = [] if k == 1 else [f"{k - 1}/KH-A", f"{k - 1}/KH-B"]
            out.append(
                Directive(number=f"{k}/KH-{side}", issuer=side, issued=day, implements=cites)
            )
    return out


def _shallow_stack(extra: int) -> int:
    """A recursion limit only ``extra`` frames above the current depth."""
    import sys

    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth + extra


class TestDeepCascades:
    def test_a_chain_of_1000_is_walked_without_recursion(self) -> None:
        import sys

        chain = _chain(1000)
        cascade = Cascade(chain)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(_shallow_stack(60))  # far less than the chain is long
        try:
            lineages = cascade.lineages(chain[-1])
            tree = cascade.tree()
            ancestors = cascade.ancestors(chain[-1])
            descendants = cascade.descendants(chain[0])
            findings = cascade.findings()
        finally:
            sys.setrecursionlimit(limit)
        assert [len(x) for x in lineages] == [1000]
        assert lineages[0][0] == chain[0]
        assert lineages[0][-1] == chain[-1]
        assert len(ancestors) == len(descendants) == 999
        assert findings == ()
        # the tree is indented to TREE_DEPTH_LIMIT levels, then one line says what was left out
        lines = tree.splitlines()
        assert len(lines) == TREE_DEPTH_LIMIT + 2
        assert lines[-1].endswith(
            f"1 văn bản triển khai không hiển thị (quá {TREE_DEPTH_LIMIT} cấp)"
        )
        assert max(len(line) for line in lines) < 4 * TREE_DEPTH_LIMIT + 100

    def test_a_chain_of_100000_gives_one_lineage_and_a_bounded_tree(self) -> None:
        chain = _chain(100_000)
        cascade = Cascade(chain)
        [lineage] = cascade.lineages(chain[-1])
        assert len(lineage) == 100_000
        assert len(cascade.ancestors(chain[-1])) == 99_999
        assert len(cascade.tree().splitlines()) == TREE_DEPTH_LIMIT + 2
        assert cascade.roots == (chain[0],)

    def test_a_lattice_of_60_levels_is_refused_by_lineages_and_shared_by_tree(self) -> None:
        lattice = _lattice(60)
        cascade = Cascade(lattice)
        bottom = lattice[-1]
        assert len(cascade.ancestors(bottom)) == 118
        assert len(cascade.descendants(lattice[0])) == 118
        with pytest.raises(ValidationError) as err:
            cascade.lineages(bottom)  # 2**59 chains: refused, never built
        assert err.value.code == "cascade.too-many-lineages"
        assert err.value.field == "which"
        assert "1.000.000" in err.value.message_vi or "1,000,000" in err.value.message_vi
        # every sub-tree is written once; a document met again is one line "(xem ở trên)"
        lines = cascade.tree().splitlines()
        links = sum(len(d.implements) for d in lattice)
        assert len(lines) <= len(lattice) + links + len(lattice)
        assert sum("(xem ở trên)" in line for line in lines) > 0
        assert cascade.findings() == ()

    def test_lineages_up_to_the_limit_are_listed(self) -> None:
        # 10 levels: 2**9 chains of 10 documents each, well within LINEAGE_LIMIT
        lattice = _lattice(10)
        chains = Cascade(lattice).lineages(lattice[-1])
        assert len(chains) == 2**9
        assert len(set(chains)) == len(chains)
        assert all(len(chain) == 10 for chain in chains)
        assert LINEAGE_LIMIT >= 2**9 * 10

    def test_citations_are_resolved_without_comparing_every_pair(self) -> None:
        # unnumbered plans cited by type and date: resolved by date, so a long chain of them
        # still builds (the citation lookup only compares directives of the same day)
        day = date(2021, 1, 1)
        plans = [Directive(number=None, doc_type=DocumentType.KH, issuer="Xã 0", issued=day)]
        for n in range(1, 300):
            previous = plans[-1]
            plans.append(
                Directive(
                    number=None,
                    doc_type=DocumentType.KH,
                    issuer=f"Xã {n}",
                    issued=day.replace(
                        day=1 + n % 28, month=1 + n // 28 % 12, year=2021 + n // 336
                    ),
                    implements=[Citation.of(previous)],
                )
            )
        cascade = Cascade(plans)
        assert [len(x) for x in cascade.lineages(plans[-1])] == [300]


_PLAN: dict[str, Any] = {"number": "1/KH-UBND", "issuer": "U", "issued": date(2021, 1, 1)}


class TestVietnameseMessages:
    @pytest.mark.parametrize(
        ("text", "vi"),
        [
            ("", "chưa có số và ký hiệu"),
            ("138 / KH-UBND", "khoảng trắng"),
            ("KH-UBND", "thiếu dấu “/”"),
            ("012/KH-UBND", "thừa số 0"),
            ("0/KH-UBND", "bắt đầu từ 1"),
            ("12/21/QĐ-UBND", "năm “21” phải có bốn chữ số"),
            ("12/KH", "thiếu cơ quan ban hành"),
            ("12-XX/TU", "nhóm “XX”"),
            ("một/KH-UBND", "số “một” không viết bằng chữ số Ả Rập"),
            ("99999999999999999999/KH-UBND", "20 chữ số, nhiều hơn 7"),
            ("12/NQ-CP/2021", "năm “2021” phải ghi giữa số và ký hiệu"),
            ("x" * 1000, "quá dài"),
            ("12/KH-UBND\ud800", "nửa cặp thay thế"),
        ],
    )
    def test_parse_errors_say_in_vietnamese_which_part_is_wrong(self, text: str, vi: str) -> None:
        with pytest.raises(ParseError) as err:
            DocumentNumber.parse(text)
        assert err.value.field == "text"
        assert vi in err.value.message_vi
        assert "'" not in (err.value.vi or "")  # no Python quoting in the Vietnamese

    def test_a_bad_number_given_to_a_directive_is_named_by_its_field(self) -> None:
        with pytest.raises(ParseError) as err:
            Directive(number="012/KH-UBND", issuer="UBND", issued=date(2021, 1, 1))
        assert err.value.field == "number"
        with pytest.raises(ParseError) as err:
            Directive(
                number="1/KH-UBND", issuer="UBND", issued=date(2021, 1, 1), implements=["x/y"]
            )
        assert err.value.field == "implements[0]"

    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: Directive(number=None, issuer="UBND", issued=date(2021, 1, 1)), "doc_type"),
            (lambda: Directive(**{**_PLAN, "issuer": ""}), "issuer"),
            (lambda: Directive(**{**_PLAN, "issuer": "U\ud800"}), "issuer"),
            (lambda: Directive(**{**_PLAN, "issued": "2021-01-01"}), "issued"),
            (lambda: Directive(**_PLAN, summary=5), "summary"),
            (lambda: Directive(**_PLAN, issuer_unit="A B"), "issuer_unit"),
            (lambda: Directive(**_PLAN, implements=5), "implements"),
            (lambda: Citation(number=None), "number"),
            (lambda: Citation(number="1/KH-UBND", issuer=""), "issuer"),
            (lambda: Citation(number="1/KH-UBND", issued="2021"), "issued"),  # type: ignore[arg-type]
            (lambda: DocumentNumber(10**30, DocumentType.KH, ("UBND",)), "number"),
            (lambda: DocumentNumber(True, DocumentType.KH, ("UBND",)), "number"),
            (lambda: DocumentNumber(1, DocumentType.KH, "UBND", year=20210), "year"),
            (lambda: DocumentNumber(1, DocumentType.KH, ("UBND",), party="yes"), "party"),  # type: ignore[arg-type]
            (lambda: DocumentNumber(1, DocumentType.KH, ("A",) * 9), "issuer"),
            (lambda: Cascade("76/NQ-CP"), "directives"),  # type: ignore[arg-type]
            (lambda: Cascade([5]), "directives[0]"),  # type: ignore[list-item]
        ],
    )  # fmt: skip
    def test_every_constructor_error_names_its_field_in_both_languages(
        self, make: object, field: str
    ) -> None:
        with pytest.raises(CchcError) as err:
            make()  # type: ignore[operator]
        assert err.value.field == field
        assert err.value.vi  # a Vietnamese message is given
        assert err.value.message_vi != str(err.value)

    def test_findings_paths_point_at_the_reference(self) -> None:
        top = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=date(2021, 9, 22))
        early = Directive(
            number="05/KH-UBND",
            issuer="UBND huyện",
            issued=date(2021, 9, 1),
            implements=["76/NQ-CP", "273/KH-UBND"],
        )
        found = {f.code: f.path for f in Cascade([top, early]).findings()}
        assert found == {
            "cascade.parent-issued-later": "directives[1].implements[1]",
            "cascade.unknown-reference": "directives[1].implements[0]",
        }

    def test_enums_read_like_code_and_list_their_members(self) -> None:
        assert repr(DocumentType.QD) == "DocumentType.QD"
        assert DocumentType("quyết định") is DocumentType.QD
        assert DocumentType("qd") is DocumentType.QD
        with pytest.raises(ValidationError, match="Kế hoạch"):
            DocumentType("Thư mời")


def test_a_reference_is_checked_like_every_value_type() -> None:
    ok = Reference(text="KH số 1/KH-UBND", span=(0, 15))
    assert ok.number is None
    for bad, field in (
        ({"text": None, "span": (0, 1)}, "text"),
        ({"text": "x", "span": (2, 1)}, "span"),
        ({"text": "x", "span": (True, 1)}, "span"),
        ({"text": "x", "span": "01"}, "span"),
        ({"text": "x", "span": (0, 1), "number": "1/KH-UBND"}, "number"),
        ({"text": "x", "span": (0, 1), "date": "2021-01-01"}, "date"),
        ({"text": "x", "span": (0, 1), "doc_type": "KH"}, "doc_type"),
    ):
        with pytest.raises(CchcError) as err:
            Reference(**bad)
        assert err.value.field == field
        assert err.value.vi


# --- one convention for checking: findings() returns every finding, check() raises -------------


class TestCascadeCheck:
    TOP = Directive(number="273/KH-UBND", issuer="UBND tỉnh", issued=date(2021, 9, 22))

    def test_a_cascade_with_an_error_is_refused_with_every_finding(self) -> None:
        early = Directive(
            number="05/KH-UBND",
            issuer="UBND huyện",
            issued=date(2021, 9, 1),
            implements=["76/NQ-CP", "273/KH-UBND"],
        )
        cascade = Cascade([self.TOP, early])
        found = cascade.findings()
        assert [(f.code, f.severity) for f in found] == [
            ("cascade.parent-issued-later", Severity.ERROR),
            ("cascade.unknown-reference", Severity.INFO),
        ]
        with pytest.raises(InvalidDocumentError) as err:
            cascade.check()
        assert err.value.findings == found  # the note too, not only the error

    def test_a_cascade_with_only_warnings_and_notes_passes_check_which_returns_them(
        self,
    ) -> None:
        district = Directive(
            number="12/KH-UBND",
            issuer="UBND huyện",
            issued=date(2021, 10, 1),
            implements=["273/KH-UBND", "76/NQ-CP"],
        )
        cascade = Cascade([self.TOP, district])
        found = cascade.findings()
        assert [(f.code, f.severity) for f in found] == [
            ("cascade.unknown-reference", Severity.INFO)
        ]
        assert cascade.check() == found

    def test_a_clean_cascade_has_no_findings_and_check_returns_none(self) -> None:
        district = Directive(
            number="12/KH-UBND",
            issuer="UBND huyện",
            issued=date(2021, 10, 1),
            implements=["273/KH-UBND"],
        )
        cascade = Cascade([self.TOP, district])
        assert cascade.findings() == cascade.check() == ()
        assert Cascade([]).check() == ()
