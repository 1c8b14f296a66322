"""Vietnamese text as the library reads it: NFC on the way in, and a folding key for comparing
names whatever their tone-mark placement, letter case or Unicode form.

Vietnamese has two conventions for where a tone mark sits ("Hòa" and "Hoà", "Thủy" and
"Thuỷ"), and text pasted from Word or PDFs is often decomposed (NFD). People see one name;
``==`` sees different strings. :func:`fold` gives a key that is equal exactly when a reader
would say the names are the same:

>>> fold("Hòa Bình") == fold("HOÀ BÌNH") == fold("hoa\u0300 bi\u0300nh")
True
>>> fold("Hòa") == fold("Hóa")   # a different tone is a different name
False
>>> fold("Đông") == fold("Dong")  # đ and the marks are letters, not decoration
False

:func:`nfc` is what constructors apply to every text field:

>>> nfc("Thu\u0309y") == "Thủy"
True
"""

from __future__ import annotations

import re
import unicodedata

from cchc.errors import CchcTypeError

__all__ = ["fold", "nfc", "strip_marks"]

# The five tone marks (dấu thanh). Vowel-quality marks (circumflex, breve, horn) are letters of
# their own in Vietnamese and stay where they are.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _check(text: object) -> None:
    if not isinstance(text, str):
        raise CchcTypeError("must be a str", field="text", value=text)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs of
    white space collapsed to one space."""
    _check(text)
    return " ".join(unicodedata.normalize("NFC", text).split())


# In NFD text: a tone mark and the rest of its word (letters, digits and the other combining
# marks); swapping the two moves the tone to the end of the word.
_TONE_CLASS = "[" + "".join(sorted(_TONES)) + "]"
# the word characters and every combining mark but the five tones
_REST_CLASS = "[\\w\u0302\u0304-\u0308\u030a-\u0322\u0324-\u036f]"
_MOVE = re.compile(f"({_TONE_CLASS}+)({_REST_CLASS}+)")


def _swap(match: re.Match[str]) -> str:
    return match[2] + match[1]


# characters that are neither ASCII, word characters, white space nor marks of the Latin
# combining block: punctuation such as “ – …, and combining marks of other scripts
_OTHER = re.compile("[^\\w\\s\x00-\x7f\u0300-\u036f]")
_WORD = re.compile(r"\w+")


def _fold_word(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", match.group(0))
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + tones


def fold(text: str) -> str:
    """Return the comparison key of ``text``: NFC, case-folded, white space collapsed, each
    word's tone mark moved to its end (so its placement no longer matters).

    The whole text is decomposed once and the marks moved by one regular-expression pass, so
    folding a long text costs little more than normalising it.
    """
    _check(text)
    if text.isascii():  # no marks to move: the common case of codes
        return " ".join(text.split()).casefold()
    folded = nfc(text).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    if any(unicodedata.combining(m[0]) for m in _OTHER.finditer(decomposed)):
        # marks of other scripts: word by word, so that every mark stays in its word
        return _WORD.sub(_fold_word, folded)
    moved = _MOVE.sub(_swap, decomposed)
    while moved != decomposed:  # a second tone inside one word (never in real Vietnamese)
        decomposed, moved = moved, _MOVE.sub(_swap, moved)
    return unicodedata.normalize("NFC", moved)


def strip_marks(text: str) -> str:
    """Return ``text`` without any diacritics and with đ/Đ as d/D (for file names and codes).

    >>> strip_marks("Châu Thành – Đồng Tháp")
    'Chau Thanh – Dong Thap'
    """
    _check(text)
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
