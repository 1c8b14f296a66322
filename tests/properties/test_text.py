"""Properties of text folding."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from cchc.areas import REFORM_CONTENTS, ReformArea, areas_in
from cchc.text import fold, nfc

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
VOWELS = "aeiouyâêôăơư"
syllables = st.tuples(
    st.sampled_from(["", "h", "th", "ng", "qu", "đ", "kh"]),
    st.text(alphabet=VOWELS, min_size=1, max_size=3),
    st.sampled_from(["", "n", "ng", "c", "t", "m"]),
    st.sampled_from(TONES),
)


@given(st.lists(syllables, min_size=1, max_size=4), st.data())
def test_tone_placement_never_changes_the_key(
    words: list[tuple[str, str, str, str]], data: st.DataObject
) -> None:
    def spell(place_of: list[int]) -> str:
        out = []
        for (onset, vowels, coda, tone), at in zip(words, place_of, strict=True):
            marked = vowels[: at + 1] + tone + vowels[at + 1 :]
            out.append(onset + marked + coda)
        return unicodedata.normalize("NFC", " ".join(out))

    first = [data.draw(st.integers(0, len(v) - 1)) for _, v, _, _ in words]
    second = [data.draw(st.integers(0, len(v) - 1)) for _, v, _, _ in words]
    assert fold(spell(first)) == fold(spell(second))


@given(st.text())
@example("Àヷ0")  # a combining mark of another script between a tone and the end of a word
def test_fold_is_blind_to_normal_form(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert fold(fold(text)) == fold(text)


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


@given(st.text(alphabet=VIETNAMESE + " ,-0123456789", max_size=40))
def test_fold_is_blind_to_letter_case_in_any_normal_form(text: str) -> None:
    key = fold(text)
    assert fold(text.upper()) == key
    assert fold(text.title()) == key
    assert fold(unicodedata.normalize("NFD", text.swapcase())) == key


@given(st.text())
def test_nfc_is_idempotent(text: str) -> None:
    assert nfc(nfc(text)) == nfc(text)


# Combining marks of many scripts, some that decompose or change under case folding, and
# characters outside the Basic Multilingual Plane: the texts where a fold is easiest to break.
MARKS = [chr(c) for c in range(0x300, 0x370)] + [
    "\u0591",  # Hebrew accent etnahta
    "\u05b0",  # Hebrew point sheva
    "\u0f73",  # Tibetan vowel sign, decomposes to two marks
    "\u0344",  # decomposes to two marks
    "\u0345",  # Greek ypogegrammeni, case-folds to a letter
    "\u0e48",  # Thai tone mark
    "\u093c",  # Devanagari nukta
    "\u3099",  # Japanese voiced sound mark
    "\u0338",  # long solidus overlay, composes with = and <
    "\U0001d165",  # musical stem, outside the BMP
]
AWKWARD = st.one_of(
    st.characters(),
    st.sampled_from(MARKS),
    st.sampled_from(list("aăâeêoôơuưyđĐ İßᾳǰ=<Σς\u2000\u00a0,.-")),
)


@given(st.one_of(st.text(), st.text(AWKWARD), st.text(AWKWARD, min_size=30, max_size=120)))
@example("hòa\u05b0 bình")
@example("a" + "\u0301\u0323" * 20 + "\u0302" * 20)
@example("=\u0301\u0338ạ")
def test_fold_is_idempotent_on_any_text(text: str) -> None:
    key = fold(text)
    assert fold(key) == key
    assert unicodedata.is_normalized("NFC", key)
    assert fold(unicodedata.normalize("NFD", text)) == key


@given(st.text(AWKWARD, max_size=60))
def test_nfc_is_python_nfc_with_white_space_collapsed(text: str) -> None:
    assert nfc(text) == " ".join(unicodedata.normalize("NFC", text).split())


@given(st.lists(syllables, min_size=1, max_size=4), st.data())
def test_tone_placement_never_changes_the_key_beside_marks_of_other_scripts(
    words: list[tuple[str, str, str, str]], data: st.DataObject
) -> None:
    def spell(place_of: list[int]) -> str:
        out = []
        for (onset, vowels, coda, tone), at in zip(words, place_of, strict=True):
            out.append(onset + vowels[: at + 1] + tone + vowels[at + 1 :] + coda)
        return " ".join(out)

    first = [data.draw(st.integers(0, len(v) - 1)) for _, v, _, _ in words]
    second = [data.draw(st.integers(0, len(v) - 1)) for _, v, _, _ in words]
    noise = data.draw(st.text(AWKWARD, max_size=5))
    assert fold(spell(first) + " " + noise) == fold(spell(second) + " " + noise)
    assert fold(noise + " " + spell(first)) == fold(noise + " " + spell(second))


#: Text a file can hold: any character but a lone surrogate (those are refused, see test_areas).
STORABLE = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(MARKS))


@given(
    st.sampled_from(sorted(REFORM_CONTENTS, key=lambda a: a.code)), st.text(STORABLE, max_size=8)
)
@example(ReformArea.INSTITUTIONS, "\u05b0")
def test_areas_in_finds_an_area_whatever_else_the_text_holds(area: ReformArea, noise: str) -> None:
    assert area in areas_in(f"{noise} . {area.vi} . {noise}")


@given(st.sampled_from(TONES), st.sampled_from(TONES))
def test_different_tones_keep_different_keys(a: str, b: str) -> None:
    assert (fold("thu" + a + "y") == fold("thuy" + b)) == (a == b)
