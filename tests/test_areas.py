"""Reform areas: the six contents of Resolution 76/NQ-CP and the PAR Index fields."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.areas import PAR_INDEX_FIELDS, REFORM_CONTENTS, ReformArea, areas_in
from cchc.errors import CchcError, CchcTypeError, NotFoundError
from cchc.export.json import from_json, to_json


def test_there_are_six_reform_contents_and_eight_par_fields() -> None:
    assert len(REFORM_CONTENTS) == 6
    assert len(PAR_INDEX_FIELDS) == 8
    assert set(REFORM_CONTENTS) < set(PAR_INDEX_FIELDS)
    assert [a.is_reform_content for a in PAR_INDEX_FIELDS].count(False) == 2


def test_codes_and_labels_are_unique() -> None:
    assert len({a.code for a in ReformArea}) == len(ReformArea)
    assert len({a.vi for a in ReformArea}) == len(ReformArea)
    assert len({a.en for a in ReformArea}) == len(ReformArea)


def test_seed_004_lists_all_six_contents() -> None:
    text = (
        "Kết quả trên từng lĩnh vực (Cải cách thể chế, cải cách thủ tục hành chính, cải cách tổ"
        " chức bộ máy, cải cách chế độ công vụ, cải cách tài chính công, xây dựng và phát triển"
        " chính quyền điện tử, chính quyền số)"
    )
    assert areas_in(text) == REFORM_CONTENTS


def test_every_vietnamese_label_names_its_own_area() -> None:
    for area in ReformArea:
        assert ReformArea.from_text(area.vi) is area


def test_lookup_ignores_tone_placement_and_case() -> None:
    assert ReformArea.from_text("CẢI CÁCH TÀI CHÍNH CÔNG") is ReformArea.PUBLIC_FINANCE
    assert ReformArea.from_code("cđđh") is ReformArea.DIRECTION


def test_text_naming_no_area_or_several_is_an_error() -> None:
    with pytest.raises(NotFoundError, match="no reform area"):
        ReformArea.from_text("phong trào thi đua")
    with pytest.raises(NotFoundError, match="2 reform areas"):
        ReformArea.from_text("thể chế và tài chính công")
    with pytest.raises(NotFoundError, match="'XYZ'"):
        ReformArea.from_code("XYZ")


def test_areas_round_trip_through_json() -> None:
    assert from_json(to_json(list(ReformArea)), list[ReformArea]) == list(ReformArea)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # generic phrases that name an audience or a plain effect are not areas
        ("Bồi dưỡng cán bộ, công chức, viên chức", []),
        ("Tác động tích cực đến kinh tế", []),
        ("thể chế hóa các chủ trương của Đảng", []),
        ("thể chế hoá các chủ trương của Đảng", []),
        ("bảo đảm tài chính công khai, minh bạch", []),
        # the areas under the names plans give them
        ("Cải cách công vụ, công chức", ["CV"]),
        ("rà soát văn bản quy phạm pháp luật", ["TC"]),
        ("thực hiện cơ chế một cửa, một cửa liên thông", ["TTHC"]),
        ("tăng tỷ lệ dịch vụ công trực tuyến toàn trình", ["CQS"]),
        ("Chuyển đổi số", ["CQS"]),
        ("Hiện đại hóa hành chính", ["CQS"]),
        ("Đánh giá tác động của cải cách hành chính", ["TĐ"]),
    ],
)
def test_areas_are_read_by_their_names_not_by_generic_words(text: str, codes: list[str]) -> None:
    assert [a.code for a in areas_in(text)] == codes


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hiện đại hóa hành chính", "HIỆN ĐẠI HOÁ HÀNH CHÍNH"),
        ("cải cách thể chế hóa", "cải cách thể chế hoá"),
        ("Chính quyền số của huyện Hòa Vang", "chính quyền số của huyện Hoà Vang"),
    ],
)
def test_oa_oe_uy_tone_placement_gives_the_same_areas(a: str, b: str) -> None:
    assert a != b
    assert areas_in(a) == areas_in(b)
    assert areas_in(unicodedata.normalize("NFD", a)) == areas_in(b)


def test_codes_with_d_stroke_are_read_in_ascii() -> None:
    assert ReformArea.from_code("CDDH") is ReformArea.DIRECTION
    assert ReformArea.from_code("td") is ReformArea.IMPACT
    assert ReformArea.from_code("TĐ") is ReformArea.IMPACT


@pytest.mark.parametrize("value", [None, 3, ["TC"]])
def test_non_text_is_a_cchc_type_error(value: object) -> None:
    for lookup in (ReformArea.from_code, ReformArea.from_text, areas_in):
        with pytest.raises(CchcTypeError):
            lookup(value)  # type: ignore[arg-type]


def test_text_with_a_lone_surrogate_is_a_cchc_error() -> None:
    for call in (areas_in, ReformArea.from_text, ReformArea.from_code):
        with pytest.raises(CchcError):
            call("thủ tục hành chính\ud800")


def test_errors_speak_vietnamese() -> None:
    with pytest.raises(NotFoundError) as info:
        ReformArea.from_code("XYZ")
    assert "mã hợp lệ" in (info.value.vi or "")
    with pytest.raises(NotFoundError) as info:
        ReformArea.from_text("Cải cách thể chế, cải cách tài chính công")
    assert "nêu 2 lĩnh vực" in (info.value.vi or "")


def test_the_enum_reads_its_codes_and_names() -> None:
    assert ReformArea("tthc") is ReformArea.PROCEDURES is ReformArea("procedures")
    assert repr(ReformArea.DIRECTION) == "ReformArea.DIRECTION"


def test_an_area_is_found_beside_a_mark_of_another_script() -> None:
    assert areas_in("\u05b0 Cải cách thủ tục hành chính") == (ReformArea.PROCEDURES,)
