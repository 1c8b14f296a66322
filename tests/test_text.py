"""Text folding: the same name however it was typed, different names kept apart."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from cchc.errors import CchcTypeError
from cchc.text import fold, nfc, normalize, strip_marks


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


@pytest.mark.parametrize("function", [fold, nfc, strip_marks])
@pytest.mark.parametrize("value", [None, 3, b"Hoa", ["Hòa"]])
def test_text_functions_reject_non_text_with_a_cchc_type_error(
    function: Callable[[str], str], value: object
) -> None:
    with pytest.raises(CchcTypeError) as info:
        function(value)  # type: ignore[arg-type]
    assert info.value.field == "text"


def test_a_tone_moves_to_the_end_of_its_own_word_only() -> None:
    assert fold("Hòa Bình") == fold("Hoà Bình")
    assert fold("hoà bình") != fold("hoa bìnhf")
    assert fold("Khoẻ") == fold("khỏe")
    assert fold("Thuỷ lợi") == fold("thủy lợi")
    assert fold("Hòa") != fold("Hoa")


def test_a_mark_of_another_script_leaves_the_other_words_as_they_were() -> None:
    assert fold("Hòa Bình \u05b0") == fold("Hoà Bình") + " \u05b0"
    assert fold("Thủy\u05b0") == fold("Thuỷ\u05b0")


def test_tones_move_to_the_end_of_a_word_that_holds_marks_of_other_scripts() -> None:
    assert fold("Ho\u0300a\u0591") == fold("Hoa\u0300\u0591") == fold("hoa\u0591\u0300")


def test_a_word_with_tones_in_two_places_keeps_both_in_their_order() -> None:
    assert fold("hòá") == fold("hoà\u0301") != fold("hoá\u0300")


def test_long_runs_of_marks_normalise_as_python_does() -> None:
    text = "a" + "\u0301\u0323" * 40 + "\u0f73" * 40 + "b"
    assert nfc(text) == unicodedata.normalize("NFC", text)
    assert fold(fold(text)) == fold(text)


def test_fold_keeps_the_keys_names_always_had() -> None:
    assert fold("Hòa Bình") == "hoà binh\u0300"
    assert fold("Thủy") == "thuỷ"


def test_type_errors_say_so_in_vietnamese() -> None:
    with pytest.raises(CchcTypeError) as info:
        fold(3)  # type: ignore[arg-type]
    assert info.value.vi == "phải là văn bản (chuỗi ký tự)"


def test_normalize_keeps_white_space_and_agrees_with_python() -> None:
    text = " a\u0301\u0323  b\t" + "\u0301\u0323" * 40
    assert normalize(text) == unicodedata.normalize("NFC", text)
    assert normalize(text, "NFD") == unicodedata.normalize("NFD", text)
    with pytest.raises(CchcTypeError):
        normalize(text, "NFKC")  # type: ignore[arg-type]
