"""The two languages the library speaks, and the one place that picks a text by language.

Everything a user reads comes in Vietnamese and English: error messages, explanations,
reasons in an award decision. A function that writes text takes ``lang``, a :class:`Lang`
(``"vi"`` and ``"en"`` are accepted too), Vietnamese by default; a bilingual text is a
:class:`Words`, and :meth:`Words.text` is where the choice is made.

>>> Words("điểm", "points").text(Lang.EN)
'points'
>>> Lang("vi"), lang_of("EN")
(Lang.VI, Lang.EN)
>>> lang_of("fr")
Traceback (most recent call last):
...
cchc.errors.ValidationError: lang = 'fr': is not a Lang; one of: vi (VI), en (EN)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypeAlias, cast

import attrs

from cchc._fields import CodedEnum, is_text

__all__ = ["Lang", "LangLike", "Words", "lang_of", "number"]


class Lang(CodedEnum):
    """A language the library writes: Vietnamese (the default everywhere) or English.

    >>> Lang.VI.value, Lang("en"), Lang("VI")
    ('vi', Lang.EN, Lang.VI)
    """

    VI = "vi"
    EN = "en"


LangLike: TypeAlias = Lang | Literal["vi", "en"]
"""What a ``lang`` parameter accepts: a :class:`Lang`, or its code."""


def lang_of(value: object, field: str = "lang") -> Lang:
    """``value`` as a :class:`Lang`; anything else is refused, naming the languages.

    >>> lang_of(Lang.EN), lang_of("vi")
    (Lang.EN, Lang.VI)
    """
    return cast(Lang, Lang.from_name(value, field))


@attrs.frozen
class Words:
    """One text in both languages.

    >>> w = Words("hạng {rank}", "rank {rank}")
    >>> w.text("vi").format(rank=2), str(Words("xã", "commune"))
    ('hạng 2', 'xã')
    """

    vi: str = attrs.field(validator=is_text)
    en: str = attrs.field(validator=is_text)

    @classmethod
    def same(cls, text: str) -> Words:
        """A text that reads the same in both languages (a code, a name, a number).

        >>> Words.same("1.1").en
        '1.1'
        """
        return cls(text, text)

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The text in ``lang``."""
        return self.vi if lang_of(lang) is Lang.VI else self.en

    def __add__(self, other: Words) -> Words:
        if not isinstance(other, Words):
            return NotImplemented
        return Words(self.vi + other.vi, self.en + other.en)

    def __str__(self) -> str:
        return self.vi


def number(value: Decimal | int, lang: LangLike = Lang.VI, places: int | None = None) -> str:
    """``value`` as a reader of ``lang`` writes numbers: in Vietnamese a dot between thousands
    and a decimal comma, in English as Python writes a ``Decimal``. ``places`` pads the
    decimals with zeros (a value with more decimals is refused, never rounded).

    >>> number(Decimal("1234.5")), number(Decimal("1234.5"), "en")
    ('1.234,5', '1234.5')
    >>> number(Decimal("97.1"), places=2)
    '97,10'
    """
    from cchc.letterhead import vi_number

    if lang_of(lang) is Lang.VI:
        return vi_number(value, places)
    if places is None:
        return f"{Decimal(value)}"
    return f"{Decimal(vi_number(value, places).replace('.', '').replace(',', '.')):f}"
