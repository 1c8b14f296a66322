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

__all__ = ["fold", "nfc", "strip_marks"]

# The five tone marks (dấu thanh). Vowel-quality marks (circumflex, breve, horn) are letters of
# their own in Vietnamese and stay where they are.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"\w+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs of
    white space collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fold_word(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", match.group(0))
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    # the tone is moved to the end of the syllable, so its placement no longer matters
    return unicodedata.normalize("NFC", base) + tones


def fold(text: str) -> str:
    """Return the comparison key of ``text``: NFC, case-folded, white space collapsed, each
    syllable's tone mark moved to a fixed place."""
    return _WORD.sub(_fold_word, nfc(text).casefold())


def strip_marks(text: str) -> str:
    """Return ``text`` without any diacritics and with đ/Đ as d/D (for file names and codes).

    >>> strip_marks("Châu Thành – Đồng Tháp")
    'Chau Thanh – Dong Thap'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
