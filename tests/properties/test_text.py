"""Properties of text folding."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

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
