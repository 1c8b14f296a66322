"""Why a result is what it is: the one :class:`Explanation` every explainable result returns.

Every result a user may ask about (a scorecard, a criterion's points, a rank, a council's
change, a year's change, a weak criterion, a ranking, an award decision, a campaign) has an
``explain(lang=...)`` method. It returns an :class:`Explanation`: a subject, lines (each with
its code, points, the rule, the source and the reason), notes and a total, held in both
languages. Its text form is in the language asked for; ``str()``, ``print()`` and a notebook
show that text.

>>> from decimal import Decimal
>>> why = Explanation(
...     Words("Xã A: phiếu điểm", "A: scorecard"),
...     Decimal("1.5"),
...     (ExplanationLine("1.1", Decimal("1.5"), Decimal(2), Words("có", "yes")),),
...     lang="en",
... )
>>> print(why)
A: scorecard
  1.1  1.5 / 2  yes
  total 1.5
>>> print(why.text("vi"))
Xã A: phiếu điểm
  1.1  1,5 / 2  có
  tổng 1,5
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from cchc._fields import is_text, of_type, sequence, to_nfc
from cchc.errors import ValidationError
from cchc.lang import Lang, LangLike, Words, lang_of, number

__all__ = ["Explanation", "ExplanationLine"]


def _words(value: Words | str) -> Words:
    return value if isinstance(value, Words) else Words.same(value)


def _lang(value: LangLike) -> Lang:
    return lang_of(value)


def _lines(value: Iterable[ExplanationLine]) -> tuple[ExplanationLine, ...]:
    return tuple(value)


def _notes(value: Any) -> tuple[Words, ...]:
    return tuple(_words(v) for v in value)


@attrs.frozen
class ExplanationLine:
    """One accounted part of a result: its code, its points out of its maximum, and why (the
    rule, the stage whose entry counted, the reason). A line without a code or points is a
    line of text; ``depth`` is its indentation in steps of two spaces.

    >>> line = ExplanationLine("1.1", Decimal("1.00"), Decimal("1.00"), Words("có", "yes"))
    >>> line.text("en"), line.text("vi")
    ('1.1  1.00 / 1.00  yes', '1.1  1,00 / 1,00  có')
    """

    code: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    points: Decimal | None = None
    maximum: Decimal | None = None
    why: Words = attrs.field(default=Words("", ""), converter=_words)
    depth: int = 1

    def text(self, lang: LangLike = Lang.VI) -> str:
        """The line in ``lang``, without its indentation."""
        parts = [self.code] if self.code else []
        if self.points is not None:
            shown = number(self.points, lang)
            if self.maximum is not None:
                shown += f" / {number(self.maximum, lang)}"
            parts.append(shown)
        why = self.why.text(lang)
        if why:
            parts.append(why)
        return "  ".join(parts)

    def __str__(self) -> str:
        return self.text(Lang.EN)


@attrs.frozen
class Explanation:
    """Why a result is what it is, in both languages; shown in ``lang``.

    For a scorecard the lines account for every point: they add up to ``total`` (a cap, if
    any, is a line of its own). ``text(lang)`` gives the other language of the same
    explanation.

    >>> why = Explanation(Words("Đơn vị U", "Unit U"), Decimal(1),
    ...                   (ExplanationLine("1", Decimal(1), Decimal(2), "x"),), lang="en")
    >>> print(why)
    Unit U
      1  1 / 2  x
      total 1
    >>> why.lines[0].why.vi
    'x'
    """

    subject: Words = attrs.field(converter=_words)
    total: Decimal | None = None
    lines: tuple[ExplanationLine, ...] = attrs.field(default=(), converter=_lines)
    notes: tuple[Words, ...] = attrs.field(default=(), converter=_notes)
    lang: Lang = attrs.field(default=Lang.VI, converter=_lang, kw_only=True)

    @classmethod
    def of_lines(cls, vi: list[str], en: list[str], *, lang: LangLike = Lang.VI) -> Explanation:
        """An explanation from the same text written in both languages, line by line: the
        first line is the subject, each line's leading spaces its depth.

        >>> why = Explanation.of_lines(["Kết quả", "  Giải Nhất: Xã A"], ["Result", "  First: A"])
        >>> print(why.text("en"))
        Result
          First: A
        """
        vi = [of_type(line, str, f"vi[{i}]") for i, line in enumerate(sequence(vi, "vi"))]
        en = [of_type(line, str, f"en[{i}]") for i, line in enumerate(sequence(en, "en"))]
        if len(vi) != len(en) or not vi:
            raise ValidationError(
                "the two languages must have the same lines",
                vi="hai bản tiếng Việt và tiếng Anh phải có cùng số dòng",
                field="en",
                value=len(en),
            )
        return cls(
            Words(vi[0], en[0]),
            lines=[
                ExplanationLine(
                    why=Words(v.lstrip(), e.lstrip()), depth=(len(v) - len(v.lstrip())) // 2
                )
                for v, e in zip(vi[1:], en[1:], strict=True)
            ],
            lang=lang,
        )

    def text(self, lang: LangLike | None = None) -> str:
        """The explanation as text, in ``lang`` (its own language by default)."""
        chosen = self.lang if lang is None else lang_of(lang)
        parts = [self.subject.text(chosen)]
        for line in self.lines:
            shown = line.text(chosen)
            parts.append(f"{'  ' * line.depth}{shown}" if shown else "")
        parts += [f"  {note.text(chosen)}" for note in self.notes]
        if self.total is not None:
            word = "tổng" if chosen is Lang.VI else "total"
            parts.append(f"  {word} {number(self.total, chosen)}")
        return "\n".join(parts)

    def line_total(self) -> Decimal:
        """The points of the lines added up; for a scorecard, its total.

        >>> Explanation("U", Decimal(3), [ExplanationLine("1", Decimal(1)),
        ...                               ExplanationLine("2", Decimal(2))]).line_total()
        Decimal('3')
        """
        return sum((line.points for line in self.lines if line.points is not None), Decimal(0))

    def in_lang(self, lang: LangLike) -> Explanation:
        """The same explanation, shown in ``lang``."""
        return attrs.evolve(self, lang=lang_of(lang))

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython shows an explanation as its text
        printer.text(self.text())

    def _repr_html_(self) -> str:
        from html import escape

        return f"<pre>{escape(self.text())}</pre>"
