"""Reform areas: the six contents of Resolution 76/NQ-CP and the PAR Index fields."""

from __future__ import annotations

import pytest

from cchc.areas import PAR_INDEX_FIELDS, REFORM_CONTENTS, ReformArea, areas_in
from cchc.errors import NotFoundError
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
