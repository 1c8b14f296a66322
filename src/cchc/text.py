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

Every function here takes time linear in the length of its text, whatever the text holds
(Python's own normaliser sorts a long run of combining marks by insertion, which is quadratic;
such runs are put in order here first, in linear time), and :func:`fold` is idempotent:
``fold(fold(x)) == fold(x)`` for every text ``x``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

from cchc.errors import CchcTypeError

__all__ = ["fold", "nfc", "normalize", "strip_marks"]

# The five tone marks (dấu thanh). Vowel-quality marks (circumflex, breve, horn) are letters of
# their own in Vietnamese and stay where they are.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ANY_TONE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise CchcTypeError(
            "must be a str",
            vi="phải là văn bản (chuỗi ký tự)",
            field="text",
            value=text,
        )
    return text


# --------------------------------------------------------------------------- linear normalising

#: Runs of combining marks at least this long are put in canonical order before Python's
#: normaliser sees them; shorter runs cost it at most this many steps a character.
_RUN = 32
_ASTRAL = "\\U00010000-\\U0010ffff"
#: Every character that may be a combining mark is outside ASCII: text without this many
#: non-ASCII characters in a row (all Vietnamese prose) has no long run to put in order.
_NON_ASCII_RUN = re.compile(f"[^\\x00-\\x7f]{{{_RUN},}}")


def _ranges(codes: list[int]) -> str:
    """A regular-expression class body for the code points ``codes`` (sorted)."""
    ranges: list[str] = []
    start = previous = codes[0]
    for c in [*codes[1:], -1]:
        if c != previous + 1:
            ranges.append(f"\\u{start:04x}-\\u{previous:04x}")
            start = c
        previous = c
    return "".join(ranges)


@functools.cache
def _marks() -> str:
    """A regular-expression class body of the combining marks of the Basic Multilingual Plane
    but the tones, from the Unicode database of this Python (built on first use)."""
    category = unicodedata.category
    return _ranges(
        [c for c in range(0x10000) if category(chr(c))[0] == "M" and chr(c) not in _TONES]
    )


@functools.cache
def _long_run() -> re.Pattern[str]:
    """A run of at least :data:`_RUN` characters that may be combining marks (built on first
    use: only text with such a run needs it). Characters outside the Basic Multilingual Plane
    count as marks (a class of ranges there is slow to test, and taking them all in is safe: a
    run is sorted only between its starters)."""
    to_marks = _ranges(
        [c for c in range(0x10000) if all(map(unicodedata.combining, _decomposed(chr(c))))]
    )
    return re.compile(f"[{to_marks}{_ASTRAL}]{{{_RUN},}}")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Built on first use: a run of tones with the rest of its word up to the next tone; a
    word with a tone before a later letter.

    A word is a run of letters, digits, underscores and combining marks of any script.
    Characters outside the Basic Multilingual Plane count as marks and as word characters, so
    that a word holds every mark and putting marks in canonical order never moves one into
    another word."""
    marks = _marks()
    tones = "".join(sorted(_TONES))
    plain = f"[\\w{marks}{_ASTRAL}]"  # a word character but a tone
    word = f"[\\w{marks}{_ASTRAL}{tones}]"
    return (
        re.compile(f"([{tones}]++)({plain}*+)"),
        # the lazy prefix stops at the first tone followed by a letter, or fails at the word's
        # end; a match starts only at the start of a word
        re.compile(f"(?<!{word}){word}*?[{tones}]{plain}{word}*+"),
    )


@functools.lru_cache(maxsize=4096)
def _decomposed(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)


def _sorted_marks(marks: str) -> str:
    """Combining marks stably sorted by combining class (the canonical order), in time linear
    in their number: one pass of ``str.translate`` for each class present (a few at most)."""
    if len(marks) < _RUN:
        return "".join(sorted(marks, key=unicodedata.combining))
    by_class: dict[int, list[str]] = {}
    for ch in set(marks):
        by_class.setdefault(unicodedata.combining(ch), []).append(ch)
    if len(by_class) == 1:
        return marks
    out = []
    for _, chars in sorted(by_class.items()):
        if len(chars) == 1:
            out.append(chars[0] * marks.count(chars[0]))
        else:
            keep = set(chars)
            out.append(marks.translate({ord(ch): None for ch in set(marks) - keep}))
    return "".join(out)


def _in_order(match: re.Match[str]) -> str:
    """A long run, decomposed, each stretch of combining marks between starters in canonical
    order."""
    run = match.group(0)
    distinct = set(run)
    chars = run.translate({ord(ch): _decomposed(ch) for ch in distinct if _decomposed(ch) != ch})
    starters = {ch for ch in set(chars) if not unicodedata.combining(ch)}
    if not starters:
        return _sorted_marks(chars)
    split = re.compile("([" + "".join(map(re.escape, sorted(starters))) + "])")
    return "".join(
        piece if i % 2 else _sorted_marks(piece) for i, piece in enumerate(split.split(chars))
    )


def _normalize(form: Literal["NFC", "NFD"], text: str) -> str:
    """``unicodedata.normalize(form, text)`` in linear time: long runs of combining marks are
    put in canonical order first (a stable sort of a run of marks keeps its meaning), so the
    normaliser's own insertion sort finds them in order."""
    if len(text) >= _RUN and not text.isascii() and _NON_ASCII_RUN.search(text):
        text = _long_run().sub(_in_order, text)
    return unicodedata.normalize(form, text)


def normalize(text: str, form: Literal["NFC", "NFD"] = "NFC") -> str:
    """``unicodedata.normalize(form, text)`` in time linear in the length of ``text`` (white
    space kept as it is, so that spans in the result match spans in the text).

    >>> marked = "a" + "\u0301\u0323" * 40
    >>> normalize(marked) == unicodedata.normalize("NFC", marked)
    True
    """
    if form not in ("NFC", "NFD"):
        raise CchcTypeError(
            "must be 'NFC' or 'NFD'", vi="phải là NFC hoặc NFD", field="form", value=form
        )
    return _normalize(form, _check(text))


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding white space removed and inner runs of
    white space collapsed to one space."""
    return " ".join(_normalize("NFC", _check(text)).split())


# --------------------------------------------------------------------------- folding


def _tones_last(match: re.Match[str]) -> str:
    """A decomposed word with its tone marks moved, in their order, to its end."""
    word = match.group(0)
    return _ANY_TONE.sub("", word) + "".join(_ANY_TONE.findall(word))


def _move_tones(text: str) -> str:
    """Decomposed ``text`` with each word's tones moved to the word's end.

    Splitting at each run of tones and the letters after it gives ``[before, tones, letters,
    between, tones, letters, ...]``; swapping every ``tones`` with its ``letters`` (slices, no
    code run per word) moves a word's only run of tones to its end. A word with tones in
    several places (never in real Vietnamese) shows as an empty ``between``, and only then
    are such words mended one by one."""
    tone_run, several = _patterns()
    parts = tone_run.split(text)
    parts[1::3], parts[2::3] = parts[2::3], parts[1::3]
    moved = "".join(parts)
    if "" in parts[3:-1:3]:
        moved = several.sub(_tones_last, moved)
    return moved


def fold(text: str) -> str:
    """Return the comparison key of ``text``: NFC, case-folded, white space collapsed, each
    word's tone mark moved to its end (so its placement no longer matters).

    A word is a run of letters, digits and combining marks of any script. The text is
    decomposed and case-folded, the tones of each word moved, and the result composed again:
    a few passes over the text, each linear, and the key of a key is the key itself.

    >>> fold("Thủy") == fold("Thuỷ") == "thuỷ"
    True
    """
    _check(text)
    if text.isascii():  # no marks to move: the common case of codes
        return " ".join(text.split()).casefold()
    decomposed = _normalize("NFD", _normalize("NFD", text).casefold())
    spaced = " ".join(decomposed.split())
    if _ANY_TONE.search(spaced) is not None:
        spaced = _move_tones(spaced)
    return _normalize("NFC", spaced)


def strip_marks(text: str) -> str:
    """Return ``text`` without any diacritics and with đ/Đ as d/D (for file names and codes).

    >>> strip_marks("Châu Thành – Đồng Tháp")
    'Chau Thanh – Dong Thap'
    """
    _check(text)
    decomposed = _normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
