"""Text folding: the same name however it was typed, different names kept apart."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.text import fold, nfc, strip_marks


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hòa", "Hoà"),
        ("Thủy", "Thuỷ"),
        ("Khánh Hòa", "KHÁNH HOÀ"),
        ("Quận  Hoàn Kiếm ", "quận hoàn kiếm"),
        ("Thành phố Hồ Chí Minh", unicodedata.normalize("NFD", "Thành phố Hồ Chí Minh")),
    ],
)
def test_same_name_folds_to_the_same_key(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hòa", "Hóa"), ("Hòa", "Hoa"), ("Đông", "Dong"), ("Bắc", "Bác"), ("Thủy", "Thúy")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_nfc_composes_and_collapses_white_space() -> None:
    assert nfc("  Thu\u0309y \n  Nguye\u0302\u0303n ") == "Thủy Nguyễn"


def test_strip_marks_gives_plain_ascii_letters() -> None:
    assert strip_marks("Đắk Lắk") == "Dak Lak"
