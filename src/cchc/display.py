"""How the library's results show in a notebook: a compact HTML table (:func:`html`) and a
short text summary (:func:`summary`).

:func:`html` is what Jupyter shows for a result (``display(result)``, or a result as the
last expression of a cell): a table with Vietnamese headings (``lang="en"`` for English),
bands coloured as the charts of :mod:`cchc.plots` colour them (:func:`band_colour`), long
results cut after :data:`MAX_ROWS` rows with a count of the rest ("… và 3.301 đơn vị
khác"), every text from a file HTML-escaped, inline styles only and no JavaScript. It
takes a :class:`~cchc.criteria.Framework`, :class:`~cchc.plans.Plan`,
:class:`~cchc.plans.ProgressReport`, :class:`~cchc.scoring.Scorecard`,
:class:`~cchc.scoring.BatchResult`,
:class:`~cchc.scoring.Ranking`, :class:`~cchc.awards.AwardDecision`,
:class:`~cchc.campaigns.CampaignResult`, an :class:`~cchc.explanations.Explanation` (shown as
its text) or a :class:`~cchc.tables.Table`. The rows are those of :func:`cchc.tables.table_of`,
so a notebook, a CSV file and a workbook show the same figures.

:func:`summary` is a few lines of plain text for a large result: what it is, its counts and
its first lines, never every cell (at most :data:`SUMMARY_LINES` lines).

Exact values are shown exactly: points as the Decimal holds them, with a decimal comma and a
thousands dot in Vietnamese (:func:`cchc.letterhead.vi_number`); an index, an exact fraction,
is shown to two decimals (ROUND_HALF_UP, for display only: bands and ranks use the exact
value).

>>> from cchc.examples import load, load_results, load_settlements
>>> from cchc.campaigns import run_campaign
>>> ex = load("chau-thanh-2021")
>>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
...                       settlements=load_settlements("chau-thanh-2021"))
>>> print(summary(result.ranking))
Ranking: 10 units in 2 groups, framework 'cchc-campaign-6'
  bands: Xuất sắc 5, Tốt 2, Khá 1, Trung bình 2, Yếu 0
  group PB (5 units): 1. CT-NV 97.10 %, 2. CT-TC 93.40 %, 3. CT-VP 90.85 %, …
  group XA (5 units): 1. CT-X03 93.41 %, 2. CT-TT 91.64 %, 3. CT-X01 85.63 %, …
>>> page = html(result)  # the standings (10 units), then the council's 3 changes
>>> page.count("<tr>"), page.count("<th ")
(15, 14)
>>> "Xếp loại" in page, 'data-band="Xuất sắc" style="background:#4575b4' in page
(True, True)
"""

from __future__ import annotations

import functools
import html as _html
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs
import numpy as np

from cchc._fields import of_type, whole
from cchc.areas import ReformArea
from cchc.awards import AwardDecision
from cchc.calendar import Period, format_numeric_date
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import (
    Band,
    BandBasis,
    Extra,
    Framework,
    RuleKind,
    bundled_frameworks,
    load_bundled,
)
from cchc.errors import CchcTypeError
from cchc.explanations import Explanation
from cchc.lang import Lang, LangLike, lang_of, number
from cchc.letterhead import vi_number
from cchc.plans import Plan, ProgressReport, TaskState
from cchc.scoring import (
    BatchResult,
    Ranking,
    Scorecard,
    ScoreTable,
    SelfAssessedScorecard,
)
from cchc.tables import (
    ColumnKind,
    Names,
    Table,
    band_order,
    campaign_changes,
    table_of,
)
from cchc.text import fold

__all__ = [
    # displays
    "html",
    "summary",
    # limits
    "MAX_ROWS",
    "SUMMARY_LINES",
    # the band palette (the charts of cchc.plots use it too)
    "BAND_PALETTE",
    "NO_BAND_COLOUR",
    "band_colour",
    "band_colours",
    "ink",
]

#: Rows a table shows before it stops and counts the rest.
MAX_ROWS = 20
#: The most lines a :func:`summary` has.
SUMMARY_LINES = 15
#: The most characters one cell or one summary line shows (unit names come from files).
_CELL_LIMIT = 200
_LINE_LIMIT = 160

# ---------------------------------------------------------------------------------------------
# the band palette

#: The colours of the bands, from the lowest band to the highest: ColorBrewer 2.0's diverging
#: scheme RdYlBu with nine classes (Cynthia Brewer, Mark Harrower, The Pennsylvania State
#: University; https://colorbrewer2.org, Apache licence 2.0; matplotlib ships it as
#: ``RdYlBu``), from red to blue, marked by ColorBrewer as safe for colour-blind readers.
#: The charts of :mod:`cchc.plots` and the tables here both take their band colours from it.
BAND_PALETTE: tuple[str, ...] = (
    "#d73027",
    "#f46d43",
    "#fdae61",
    "#fee090",
    "#ffffbf",
    "#e0f3f8",
    "#abd9e9",
    "#74add1",
    "#4575b4",
)
#: The colour of a unit that falls in no band (a framework without bands), or of a band
#: whose framework is not at hand to place it.
NO_BAND_COLOUR = "#bdbdbd"


def _band_labels(bands: Framework | Sequence[str]) -> tuple[str, ...]:
    """Band labels from the lowest band to the highest (:func:`cchc.tables.band_order`)."""
    if isinstance(bands, Framework):
        return band_order(bands)
    if isinstance(bands, str) or not isinstance(bands, Sequence):
        raise CchcTypeError(
            "must be a framework or its band labels, lowest first",
            vi="phải là bộ tiêu chí hoặc danh sách các mức xếp loại, mức thấp nhất trước",
            field="bands",
            value=bands,
        )
    return tuple(of_type(b, str, f"bands[{i}]") for i, b in enumerate(bands))


def _spread(i: int, n: int) -> str:
    """The colour of band ``i`` of ``n`` (0: the lowest): positions spread evenly over
    :data:`BAND_PALETTE`, rounded half up; a lone band is blue."""
    if n == 1:
        return BAND_PALETTE[-1]
    steps = len(BAND_PALETTE) - 1
    # round(i × steps / (n − 1)) half up, in whole numbers
    return BAND_PALETTE[(2 * i * steps + n - 1) // (2 * (n - 1))]


def band_colour(label: str | None, bands: Framework | Sequence[str]) -> str:
    """The colour of a band by its position among ``bands`` (a framework, or its labels from
    the lowest band to the highest as :func:`cchc.tables.band_order` gives them): the highest
    band blue, the lowest red, the others spread evenly over :data:`BAND_PALETTE` in between
    (with more than nine bands, neighbouring bands share a colour; the label is always written
    beside it). :data:`NO_BAND_COLOUR` for no band or a label not among ``bands``. Labels are
    compared after :func:`~cchc.text.fold` (case and tone placement do not matter).

    A colour belongs to a position, not to a label: "Khá" is the middle of five bands in one
    framework and the second of four in another, and takes the colour of its place in each,
    so that the highest band is always blue and the lowest always red.

    >>> [band_colour(b, ["Thấp", "Vừa", "Cao"]) for b in ("Cao", "VỪA", "Thấp")]
    ['#4575b4', '#ffffbf', '#d73027']
    >>> band_colour(None, ["Thấp", "Cao"]), band_colour("Khá", ["Thấp", "Cao"])
    ('#bdbdbd', '#bdbdbd')
    """
    order = [fold(b) for b in _band_labels(bands)]
    if label is None:
        return NO_BAND_COLOUR
    key = fold(of_type(label, str, "label"))
    if key not in order:
        return NO_BAND_COLOUR
    return _spread(order.index(key), len(order))


def band_colours(framework: Framework) -> dict[str, str]:
    """Each band label of ``framework`` with its colour (:func:`band_colour`), the highest
    band first: what a chart's legend and a table's badges share.

    >>> from cchc.criteria import load_bundled
    >>> band_colours(load_bundled("cchc-campaign-6"))
    {'Xuất sắc': '#4575b4', 'Tốt': '#abd9e9', 'Khá': '#ffffbf', 'Trung bình': '#fdae61', \
'Yếu': '#d73027'}
    """
    order = band_order(of_type(framework, Framework, "framework"))
    n = len(order)
    return {order[i]: _spread(i, n) for i in reversed(range(n))}


def ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (``"#rrggbb"``), by the YIQ
    brightness (0.299 R + 0.587 G + 0.114 B, in whole numbers, at least 128: black).

    >>> ink("#4575b4"), ink("#fee090")
    ('#ffffff', '#000000')
    """
    code = of_type(colour, str, "colour")
    digits = code[1:]
    if len(code) != 7 or code[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise CchcTypeError(
            "must be a colour written #rrggbb",
            vi="phải là mã màu dạng #rrggbb",
            field="colour",
            value=colour,
        )
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if 299 * r + 587 * g + 114 * b >= 128_000 else "#ffffff"


# ---------------------------------------------------------------------------------------------
# words


@attrs.frozen
class _Options:
    lang: Lang
    max_rows: int | None
    names: Names | None
    #: The language was asked for (else an explanation keeps its own).
    asked: bool = True

    @property
    def vi(self) -> bool:
        return self.lang is Lang.VI

    def w(self, vi: str, en: str) -> str:
        return vi if self.vi else en


def _options(
    lang: object, max_rows: object, names: Names | None, default: Lang = Lang.VI
) -> _Options:
    rows = None if max_rows is None else whole(max_rows, "max_rows", minimum=1, maximum=100_000)
    if lang is None:
        return _Options(default, rows, names, asked=False)
    return _Options(lang_of(lang), rows, names)


def _explanation_text(why: Explanation, options: _Options) -> str:
    """An explanation's text: in the language asked for, else in its own."""
    if not hasattr(why, "text"):
        return str(why)
    return str(why.text(options.lang) if options.asked else why.text())


def _cut(value: str, limit: int = _CELL_LIMIT) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _number(value: Decimal | int, vi: bool) -> str:
    """A number as the language writes it (:func:`cchc.lang.number`: a Decimal as it is
    held, in Vietnamese with a decimal comma and a thousands dot); a count in English with
    thousands commas ("3,301")."""
    if isinstance(value, int) and not vi:
        return f"{value:,}"
    return number(value, Lang.VI if vi else Lang.EN)


def _two_places(value: Fraction) -> Decimal:
    """An exact index to two decimals, ROUND_HALF_UP: for display only."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _percent(value: Fraction, vi: bool) -> str:
    """An index in per cent as the language writes it: "97,10%", "97.10 %"."""
    shown = _number(_two_places(value), vi)
    return f"{shown}%" if vi else f"{shown} %"


def _date(value: date, vi: bool) -> str:
    return format_numeric_date(value) if vi else value.isoformat()


def _period(value: Period, vi: bool) -> str:
    return str(value) if vi else f"{value.start.isoformat()} – {value.end.isoformat()}"


def _count(n: int, vi_noun: str, en_noun: str, vi: bool) -> str:
    """``n`` things: "3.321 đơn vị", "3,321 units" (English nouns given in the plural)."""
    if vi:
        return f"{vi_number(n)} {vi_noun}"
    return f"{n:,} {_english(n, en_noun)}"


#: The singular of the English phrases counted here whose plural is not the last "s".
_SINGULAR = {
    "criteria": "criterion",
    "criteria scored": "criterion scored",
    "places unfilled": "place unfilled",
    "cells reported": "cell reported",
    "council changes": "council change",
    "council reasons": "council reason",
    "activity counts": "activity count",
    "reform areas": "reform area",
    "working days": "working day",
    "ties": "tie",
}


def _english(n: int, noun: str) -> str:
    """An English plural noun, or its singular for one thing: "1 task", "1 criterion"."""
    if n != 1:
        return noun
    if noun in _SINGULAR:
        return _SINGULAR[noun]
    if " " in noun or not noun.endswith("s"):
        return noun
    return noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]


def _more(n: int, vi_noun: str, en_noun: str, vi: bool) -> str:
    """The line that stands for rows not shown: "… và 3.301 đơn vị khác"."""
    if vi:
        return f"… và {vi_number(n)} {vi_noun} khác"
    return f"… and {n:,} more {_english(n, en_noun)}"


# ---------------------------------------------------------------------------------------------
# HTML pieces

_BOX = "font-size:13px;line-height:1.4;max-width:100%;overflow-x:auto;margin:2px 0"
_TABLE = "border-collapse:collapse;margin:4px 0 8px 0"
_TH = "text-align:left;padding:2px 8px;border-bottom:1px solid #888;font-weight:600"
_TD = "text-align:left;padding:2px 8px;border-bottom:1px solid #ddd"
_TD_NUMBER = "text-align:right;padding:2px 8px;border-bottom:1px solid #ddd;white-space:nowrap"
_TD_MORE = "text-align:left;padding:2px 8px;font-style:italic;color:#555"
_TITLE = "font-weight:600;margin-bottom:2px"
_META = "color:#555;margin-bottom:2px"


def _escape(value: str) -> str:
    return _html.escape(_cut(value), quote=True)


def _badge(label: str, colour: str) -> str:
    """A band label on its colour."""
    return (
        f'<span data-band="{_escape(label)}" style="background:{colour};color:{ink(colour)};'
        f'padding:0 6px;border-radius:3px;white-space:nowrap">{_escape(label)}</span>'
    )


@attrs.frozen
class _Cell:
    """One cell: its markup (already escaped), right-aligned for a number, indented by
    ``indent`` levels."""

    markup: str
    number: bool = False
    indent: int = 0

    def td(self) -> str:
        style = _TD_NUMBER if self.number else _TD
        if self.indent:
            style += f";padding-left:{8 + 16 * self.indent}px"
        return f'<td style="{style}">{self.markup}</td>'


def _text_cell(value: object) -> _Cell:
    return _Cell("" if value is None else _escape(str(value)))


def _number_cell(markup: str) -> _Cell:
    return _Cell(_escape(markup), number=True)


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[_Cell]],
    total: int,
    more: tuple[str, str],
    options: _Options,
) -> str:
    """A table of the first rows (already cut to :data:`MAX_ROWS` by the caller) and, where
    ``total`` is larger, a last row counting the rest."""
    head = "".join(f'<th style="{_TH}">{_escape(h)}</th>' for h in headers)
    body = ["<tr>" + "".join(cell.td() for cell in row) + "</tr>" for row in rows]
    if total > len(body):
        text = _more(total - len(body), more[0], more[1], options.vi)
        body.append(
            f'<tr><td colspan="{len(headers)}" style="{_TD_MORE}">{_escape(text)}</td></tr>'
        )
    rows_html = "".join(body)
    return (
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table>'
    )


def _page(title: str, meta: Sequence[str], parts: Sequence[str], options: _Options) -> str:
    """The whole display: a title, lines about it (markup) and the tables."""
    lines = [f'<div style="{_TITLE}">{_escape(title)}</div>']
    lines += [f'<div style="{_META}">{m}</div>' for m in meta if m]
    body = "".join(lines + list(parts))
    return f'<div class="cchc-display" lang="{options.lang.value}" style="{_BOX}">{body}</div>'


def _shown(total: int, options: _Options) -> int:
    return total if options.max_rows is None else min(total, options.max_rows)


def _band_counts(labels: Sequence[str], counts: Sequence[int], none: int, options: _Options) -> str:
    """The number of units in each band, best first, each label on its colour."""
    parts = [
        f"{_badge(label, band_colour(label, labels))} {_escape(_number(n, options.vi))}"
        for label, n in reversed(list(zip(labels, counts, strict=True)))
    ]
    if none:
        parts.append(
            f"{_escape(options.w('không xếp loại', 'no band'))} {_number(none, options.vi)}"
        )
    return " · ".join(parts)


def _batch_band_counts(result: BatchResult, options: _Options) -> str:
    labels = band_order(result.framework)
    if not labels:
        return ""
    by_position = {b.label: i for i, b in enumerate(result.framework.bands)}
    band_of = np.asarray(result.band_of)
    tally = np.bincount(band_of[band_of >= 0], minlength=len(by_position)).tolist()
    counts = [int(tally[by_position[label]]) for label in labels]
    return _band_counts(labels, counts, int((band_of < 0).sum()), options)


# ---------------------------------------------------------------------------------------------
# tables of cchc.tables, shown


#: A column shown: the table's column names to take the value from (the first that is not
#: blank: a unit's name, else its code), its English heading, and its Vietnamese heading
#: where it differs from the column's title.
@attrs.frozen
class _Show:
    names: tuple[str, ...]
    en: str
    vi: str = ""
    #: Left out when every row shown is blank in it.
    optional: bool = False
    #: Text of a value instead of the usual form (an area code as its name, a state).
    text: Callable[[object, bool], str] | None = None
    #: Colour of a value (a task's state), as a badge.
    colour: Callable[[object], str] | None = None


def _value_text(value: object, kind: ColumnKind, vi: bool) -> tuple[str, bool]:
    """The text of a table value and whether it is a number."""
    if isinstance(value, bool):
        return ("có" if value else "không") if vi else ("yes" if value else "no"), False
    if isinstance(value, Fraction):
        return _number(_two_places(value), vi), True
    if isinstance(value, Decimal | int):
        return _number(value, vi), True
    if isinstance(value, date):
        return _date(value, vi), False
    return str(value), False


def _table_html(
    table: Table,
    shows: Sequence[_Show],
    options: _Options,
    more: tuple[str, str],
    indent: str | None = None,
) -> str:
    """The first rows of a :class:`~cchc.tables.Table`, in the columns ``shows`` picks."""
    index = {name: i for i, name in enumerate(table.names)}
    rows = table.rows[: _shown(len(table.rows), options)]
    picked: list[tuple[_Show, list[int], ColumnKind, tuple[str, ...]]] = []
    for show in shows:
        at = [index[n] for n in show.names if n in index]
        if not at:
            continue
        if show.optional and all(row[i] is None for row in rows for i in at):
            continue
        column = table.columns[at[0]]
        picked.append((show, at, column.kind, column.categories))
    depth_at = index.get(indent) if indent is not None else None
    cells: list[list[_Cell]] = []
    for row in rows:
        line = []
        for k, (show, at, kind, categories) in enumerate(picked):
            value = next((row[i] for i in at if row[i] is not None), None)
            if value is None:
                line.append(_Cell(""))
            elif kind is ColumnKind.BAND:
                label = str(value)
                line.append(_Cell(_badge(label, band_colour(label, categories))))
            elif show.colour is not None:
                shown = show.text(value, options.vi) if show.text else str(value)
                line.append(_Cell(_badge(shown, show.colour(value))))
            elif show.text is not None:
                line.append(_text_cell(show.text(value, options.vi)))
            else:
                shown, is_number = _value_text(value, kind, options.vi)
                line.append(_number_cell(shown) if is_number else _text_cell(shown))
            depth = row[depth_at] if depth_at is not None else None
            if k == 1 and isinstance(depth, int):
                line[-1] = attrs.evolve(line[-1], indent=depth)
        cells.append(line)
    headers = [
        (show.vi or table.columns[at[0]].header) if options.vi else show.en
        for show, at, _, _ in picked
    ]
    return _table(headers, cells, len(table.rows), more, options)


def _area_text(value: object, vi: bool) -> str:
    area = ReformArea.from_code(str(value))
    return area.vi if vi else area.en


def _state_text(value: object, vi: bool) -> str:
    state = TaskState(value)
    return state.vi if vi else state.en


#: The colour of each task state, as :data:`cchc.plots.STATE_COLOURS` draws it.
_STATE_COLOURS = {
    TaskState.DONE_ON_TIME: BAND_PALETTE[8],
    TaskState.DONE_LATE: BAND_PALETTE[6],
    TaskState.IN_PROGRESS: BAND_PALETTE[3],
    TaskState.OVERDUE: BAND_PALETTE[0],
    TaskState.NOT_STARTED: NO_BAND_COLOUR,
}


def _state_colour(value: object) -> str:
    return _STATE_COLOURS[TaskState(value)]


_UNIT = _Show(("name", "unit"), "Unit", "Đơn vị")
_POINTS = _Show(("points",), "Points")
_MAXIMUM = _Show(("maximum",), "Maximum")
_INDEX = _Show(("index",), "Index (%)")
_BAND = _Show(("band",), "Band")
_GROUP = _Show(("group",), "Group")
_RANK = _Show(("rank",), "Rank")


# ---------------------------------------------------------------------------------------------
# one display per type


def _explanation_html(why: Explanation, options: _Options) -> str:
    shown = _explanation_text(why, options)
    style = "white-space:pre-wrap;font-family:monospace;font-size:12px;margin:2px 0"
    return f'<pre style="{style}">{_html.escape(str(shown))}</pre>'


_RULE_WORDS = {
    RuleKind.MANUAL: ("chấm trực tiếp", "scored directly"),
    RuleKind.YES_NO: ("đạt / không đạt", "yes / no"),
    RuleKind.BANDED: ("theo mức", "by level"),
    RuleKind.PROPORTIONAL: ("theo tỷ lệ", "by ratio"),
    RuleKind.DEDUCTION: ("trừ điểm theo số lần", "deduction per occurrence"),
    RuleKind.BONUS: ("cộng điểm theo số lượng", "points per item"),
    RuleKind.SURVEY: ("theo kết quả khảo sát", "by survey"),
    RuleKind.TARGET_RELATIVE: ("theo chỉ tiêu giao", "against the assigned target"),
}
_EXTRA_WORDS = {
    Extra.BONUS: ("điểm thưởng", "bonus"),
    Extra.PENALTY: ("điểm trừ", "penalty"),
}


def _best_first(fw: Framework) -> list[Band]:
    """The framework's bands, the best first (the reverse of :func:`cchc.tables.band_order`)."""
    return sorted(fw.bands, key=lambda b: (b.lower, not b.lower_inclusive), reverse=True)


def _interval(
    lower: Decimal, upper: Decimal, lower_in: bool, upper_in: bool, basis: BandBasis, vi: bool
) -> str:
    unit = ("%" if vi else " %") if basis is BandBasis.PERCENT else (" điểm" if vi else " points")
    low = f"{'≥' if lower_in else '>'} {_number(lower, vi)}{unit}"
    high = f"{'≤' if upper_in else '<'} {_number(upper, vi)}{unit}"
    return f"{low} {'và' if vi else 'and'} {high}"


def _framework_html(fw: Framework, options: _Options) -> str:
    vi, w = options.vi, options.w
    nodes = [(path.count("children"), node) for path, node in fw.walk()]
    leaves = sum(1 for _, node in nodes if node.is_leaf)
    meta = [
        _escape(
            " · ".join(
                part
                for part in (
                    f"{w('Mã', 'Id')}: {fw.id}",
                    f"{w('Điểm tối đa', 'Maximum')}: {_number(fw.maximum, vi)}",
                    _count(len(fw.criteria), "lĩnh vực", "fields", vi)
                    + ", "
                    + _count(leaves, "tiêu chí được chấm điểm", "criteria scored", vi),
                    w("minh họa", "illustrative") if fw.illustrative else "",
                )
                if part
            )
        ),
        _escape(f"{w('Nguồn', 'Source')}: {fw.source}") if fw.source else "",
    ]
    shown = nodes[: _shown(len(nodes), options)]
    rows = []
    for depth, node in shown:
        how = ""
        if node.is_leaf:
            how = _RULE_WORDS[node.effective_rule.kind][0 if vi else 1]
        if node.extra in _EXTRA_WORDS:
            how = ", ".join(p for p in (_EXTRA_WORDS[node.extra][0 if vi else 1], how) if p)
        rows.append(
            [
                _text_cell(node.code),
                _Cell(_escape(node.title), indent=depth),
                _number_cell(_number(node.maximum, vi)),
                _text_cell(how),
            ]
        )
    headers = (
        ["Mã", "Tiêu chí", "Điểm tối đa", "Cách chấm"]
        if vi
        else ["Code", "Criterion", "Maximum", "Rule"]
    )
    parts = [_table(headers, rows, len(nodes), ("tiêu chí", "criteria"), options)]
    if fw.bands:
        order = band_order(fw)
        ranked = _best_first(fw)
        band_rows = [
            [
                _Cell(_badge(b.label, band_colour(b.label, order))),
                _text_cell(
                    _interval(
                        b.lower, b.upper, b.lower_inclusive, b.upper_inclusive, fw.band_basis, vi
                    )
                ),
            ]
            for b in ranked
        ]
        band_headers = ["Xếp loại", "Khoảng"] if vi else ["Band", "Range"]
        parts.append(_table(band_headers, band_rows, len(band_rows), ("mức", "bands"), options))
    return _page(f"{w('Bộ tiêu chí', 'Framework')}: {fw.title}", meta, parts, options)


def _plan_html(plan: Plan, options: _Options) -> str:
    vi = options.vi
    meta = [
        _escape(
            " · ".join(
                (
                    _period(plan.period, vi),
                    _count(len(plan.tasks), "nhiệm vụ", "tasks", vi),
                    _count(len(plan.objectives), "mục tiêu", "objectives", vi),
                    _count(len(plan.participants), "đơn vị tham gia", "participants", vi),
                )
            )
        )
    ]
    shows = [
        _Show(("code",), "Code", "Mã"),
        _Show(("title",), "Task"),
        _Show(("area",), "Reform area", text=_area_text, optional=True),
        _Show(("lead_name", "lead"), "Lead unit", "Chủ trì", optional=True),
        _Show(("output",), "Output", optional=True),
        _Show(("deadline",), "Deadline", "Thời hạn", optional=True),
    ]
    table = _table_html(table_of(plan, names=options.names), shows, options, ("nhiệm vụ", "tasks"))
    return _page(str(plan) if vi else f"Plan: {plan.summary}", meta, [table], options)


_TALLY_WORDS = (
    ("done_on_time", "hoàn thành đúng hạn", "done on time"),
    ("done_late", "hoàn thành trễ hạn", "done late"),
    ("overdue", "quá hạn", "overdue"),
    ("in_progress", "đang thực hiện", "in progress"),
    ("not_started", "chưa triển khai", "not started"),
)


def _progress_html(report: ProgressReport, options: _Options) -> str:
    vi, w = options.vi, options.w
    tally = report.totals
    counts = _tally_text(report, vi)
    meta = [
        _escape(
            f"{w('Đến ngày', 'As of')} {_date(report.as_of, vi)} · "
            f"{_count(tally.total, 'nhiệm vụ', 'tasks', vi)}: {counts}"
        )
    ]
    shows = [
        _Show(("code",), "Code", "Mã"),
        _Show(("title",), "Task"),
        _Show(("state",), "State", "Tình trạng", text=_state_text, colour=_state_colour),
        _Show(("percent",), "Done (%)", "Hoàn thành (%)"),
        _Show(("deadline",), "Deadline", "Thời hạn", optional=True),
        _Show(("working_days_late",), "Working days late", "Số ngày làm việc trễ"),
    ]
    parts = [
        _table_html(table_of(report, names=options.names), shows, options, ("nhiệm vụ", "tasks"))
    ]
    if report.activities:
        rows = [
            [
                _text_cell(a.kind.vi if vi else a.kind.en),
                _text_cell(a.channel),
                _number_cell(_number(a.count, vi)),
            ]
            for a in report.activities[: _shown(len(report.activities), options)]
        ]
        headers = ["Hoạt động", "Kênh", "Số lượng"] if vi else ["Activity", "Channel", "Count"]
        parts.append(
            _table(headers, rows, len(report.activities), ("hoạt động", "activities"), options)
        )
    title = f"{w('Tiến độ', 'Progress of')}: {report.plan}"
    return _page(title, meta, parts, options)


@functools.lru_cache(maxsize=8)
def _bundled_bands(framework_id: str) -> tuple[str, ...] | None:
    """The band labels of the bundled framework of this id, lowest first; ``None`` if none
    is bundled under it."""
    if framework_id not in bundled_frameworks():
        return None
    return band_order(load_bundled(framework_id))


def _card_band_colour(card: Scorecard | SelfAssessedScorecard) -> str:
    """The colour of a scorecard's band. A scorecard names its framework but does not hold
    its bands, so the band is placed among those of the bundled framework of that id
    (:func:`cchc.criteria.bundled_frameworks`); for another framework it is written on
    :data:`NO_BAND_COLOUR` rather than on a guessed colour."""
    bands = _bundled_bands(card.framework_id)
    return NO_BAND_COLOUR if bands is None else band_colour(card.band, bands)


def _card_html(card: Scorecard | SelfAssessedScorecard, options: _Options) -> str:
    vi, w = options.vi, options.w
    table = table_of(card, names=options.names)
    name = next((row[1] for row in table.rows[:1] if row[1]), None)
    own = isinstance(card, SelfAssessedScorecard)
    kind = (
        w("Phiếu tự chấm điểm", "Self-assessed scorecard") if own else w("Phiếu điểm", "Scorecard")
    )
    band = (
        f" · {w('Xếp loại', 'Band')} {_badge(card.band, _card_band_colour(card))}"
        if card.band
        else ""
    )
    meta = [
        _escape(
            f"{w('Bộ tiêu chí', 'Framework')} {card.framework_id} · "
            f"{w('Tổng điểm', 'Points')} {_number(card.points, vi)}/{_number(card.maximum, vi)} · "
            f"{w('Chỉ số', 'Index')} {_percent(card.index, vi)}"
        )
        + band
    ]
    shows = [
        _Show(("criterion",), "Code", "Mã"),
        _Show(("title",), "Criterion"),
        _Show(("points",), "Points"),
        _Show(("maximum",), "Maximum"),
        _Show(("index",), "Share (%)"),
        _Show(("reason",), "Council's reason", optional=True),
    ]
    part = _table_html(table, shows, options, ("tiêu chí", "criteria"), indent="depth")
    return _page(f"{kind}: {name or card.unit}", meta, [part], options)


def _batch_html(result: BatchResult, options: _Options) -> str:
    vi, w = options.vi, options.w
    fw = result.framework
    meta = [
        _escape(
            f"{_count(len(result.units), 'đơn vị', 'units', vi)} · "
            f"{w('Bộ tiêu chí', 'Framework')} {fw.id}"
        ),
        _batch_band_counts(result, options),
    ]
    shows = [_UNIT, _Show(("group",), "Group", optional=True), _POINTS, _MAXIMUM, _INDEX, _BAND]
    table = table_of(result, names=options.names)
    part = _table_html(table, shows, options, ("đơn vị", "units"))
    return _page(f"{w('Kết quả chấm điểm', 'Scores')}: {fw.title}", meta, [part], options)


def _group_count(groups: Iterable[str]) -> int:
    return len({fold(g) for g in groups})


def _ranking_html(ranking: Ranking, options: _Options) -> str:
    vi, w = options.vi, options.w
    fw = ranking.result.framework
    meta = [
        _escape(
            f"{_count(len(ranking.groups), 'đơn vị', 'units', vi)}, "
            f"{_count(_group_count(ranking.groups), 'khối', 'groups', vi)} · "
            f"{w('Bộ tiêu chí', 'Framework')} {fw.id}"
        ),
        _batch_band_counts(ranking.result, options),
    ]
    shows = [
        _GROUP,
        _RANK,
        _UNIT,
        _POINTS,
        _MAXIMUM,
        _INDEX,
        _BAND,
        _Show(("tie_break",), "Tie-break", "Tiêu chí phụ", optional=True),
    ]
    part = _table_html(table_of(ranking, names=options.names), shows, options, ("đơn vị", "units"))
    return _page(f"{w('Bảng xếp hạng', 'Ranking')}: {fw.title}", meta, [part], options)


def _campaign_html(result: CampaignResult, options: _Options) -> str:
    vi, w = options.vi, options.w
    campaign = result.campaign
    changes = council_changes_of(result)
    decision = result.decision
    meta = [
        _escape(
            f"{_count(len(result.ranking.groups), 'đơn vị', 'units', vi)}, "
            f"{_count(len(campaign.groups), 'khối', 'groups', vi)} · "
            f"{w('Bộ tiêu chí', 'Framework')} {result.final.framework.id} · "
            f"{_count(len(decision.awards), 'khen thưởng', 'awards', vi)} · "
            f"{_count(len(changes), 'điều chỉnh của Hội đồng', 'council changes', vi)}"
        ),
        _batch_band_counts(result.final, options),
    ]
    names = options.names if options.names is not None else campaign.units
    standings = table_of(result, names=names)
    shows = [
        _GROUP,
        _RANK,
        _UNIT,
        _POINTS,
        _MAXIMUM,
        _INDEX,
        _BAND,
        _Show(("prize",), "Prize", "Khen thưởng", optional=True),
    ]
    parts = [_table_html(standings, shows, options, ("đơn vị", "units"))]
    if changes:
        change_shows = [
            _UNIT,
            _Show(("criterion",), "Criterion", "Tiêu chí"),
            _Show(("self_points",), "Self-assessed"),
            _Show(("appraised_points",), "Appraised"),
            _Show(("change",), "Change"),
            _Show(("reason",), "Reason", optional=True),
        ]
        table = campaign_changes(result)
        if options.names is not None:
            table = table_of(list(changes), names=options.names)
        parts.append(
            f'<div style="{_TITLE}">'
            f"{_escape(w('Hội đồng thẩm định điều chỉnh', 'Council changes'))}</div>"
            + _table_html(table, change_shows, options, ("điều chỉnh", "changes"))
        )
    return _page(str(campaign) if vi else f"Campaign: {campaign}", meta, parts, options)


def _decision_html(decision: AwardDecision, options: _Options) -> str:
    vi, w = options.vi, options.w
    lang = options.lang
    level_names = {
        (fold(g.code), fold(level.code)): level.name
        for g in decision.structure.groups
        for level in g.levels
    }
    group_names = {fold(g.code): g.name for g in decision.structure.groups}
    rows: list[list[_Cell]] = []
    total = (
        len(decision.awards) + len(decision.unfilled) + len(decision.ties) + len(decision.excluded)
    )
    limit = _shown(total, options)

    def add(
        status: str, group: str, prize: str, who: str, points: str, rank: str, why: str
    ) -> None:
        if len(rows) < limit:
            rows.append(
                [
                    _text_cell(status),
                    _text_cell(group_names.get(fold(group), group)),
                    _text_cell(prize),
                    _text_cell(who),
                    _number_cell(points),
                    _number_cell(rank),
                    _text_cell(why),
                ]
            )

    for a in decision.awards:
        add(
            w("Khen thưởng", "Awarded"),
            a.group,
            a.prize_name or a.prize,
            a.name or a.recipient,
            _number(a.points, vi),
            _number(a.rank, vi),
            a.reason.text(lang),
        )
    for u in decision.unfilled:
        add(
            w("Chưa trao", "Unfilled"),
            u.group,
            f"{level_names.get((fold(u.group), fold(u.prize)), u.prize)} × {u.count}",
            "",
            "",
            "",
            u.reason.text(lang),
        )
    for t in decision.ties:
        add(
            w("Bằng điểm, chờ Hội đồng quyết định", "Tie left to the council"),
            t.group,
            ", ".join(level_names.get((fold(t.group), fold(p)), p) for p, _ in t.slots),
            ", ".join(t.names or t.candidates),
            "",
            _number(t.rank, vi),
            t.reason.text(lang),
        )
    for x in decision.excluded:
        add(
            w("Không đủ điều kiện", "Excluded"),
            x.group,
            x.prize or "",
            x.name or x.candidate,
            "",
            "",
            "; ".join(r.text(lang) for r in x.reasons),
        )
    headers = (
        ["Tình trạng", "Khối", "Giải thưởng", "Đơn vị, cá nhân", "Điểm", "Hạng", "Căn cứ"]
        if vi
        else ["Status", "Group", "Prize", "Recipient", "Points", "Rank", "Grounds"]
    )
    meta = [_escape(" · ".join(_decision_counts(decision, vi)))]
    part = _table(headers, rows, total, ("dòng", "rows"), options)
    name = decision.structure.name
    title = w("Kết quả xét khen thưởng", "Award decision") + (f": {name}" if name else "")
    return _page(title, meta, [part], options)


def _table_page(table: Table, options: _Options) -> str:
    shows = [_Show((c.name,), c.header, c.header) for c in table.columns]
    part = _table_html(table, shows, options, ("dòng", "rows"))
    return _page(table.title or table.name, [], [part], options)


_Renderer = Callable[[Any, _Options], str]

#: Each type with its display, tried in order.
_HTML: tuple[tuple[type | tuple[type, ...], _Renderer], ...] = (
    (Explanation, _explanation_html),
    (CampaignResult, _campaign_html),
    (Ranking, _ranking_html),
    (BatchResult, _batch_html),
    ((Scorecard, SelfAssessedScorecard), _card_html),
    (AwardDecision, _decision_html),
    (ProgressReport, _progress_html),
    (Plan, _plan_html),
    (Framework, _framework_html),
    (Table, _table_page),
)

_KNOWN_TYPES_VI = (
    "kết quả phong trào, bảng xếp hạng, kết quả chấm điểm, phiếu điểm, quyết định khen thưởng, "
    "báo cáo tiến độ, kế hoạch, bộ tiêu chí, giải trình hoặc bảng"
)


def html(
    obj: object,
    *,
    lang: LangLike | None = None,
    max_rows: int | None = MAX_ROWS,
    names: Names | None = None,
) -> str:
    """The notebook display of a result: compact HTML with Vietnamese headings (``lang="en"``
    for English), bands coloured, rows past ``max_rows`` counted rather than shown (``None``:
    every row), unit names beside codes where ``names`` is given (a campaign's result uses its
    own units). Self-contained: inline styles, no script; every text is HTML-escaped. An
    :class:`~cchc.explanations.Explanation` is a ``<pre>`` of its text, in its own language
    unless ``lang`` asks for another.

    >>> from cchc.criteria import load_bundled
    >>> page = html(load_bundled("cchc-campaign-6"), max_rows=3)
    >>> "<th" in page, "… và 16 tiêu chí khác" in page, "<script" in page
    (True, True, False)
    >>> html(3.5)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: obj = 3.5: has no notebook display (a float)
    """
    options = _options(lang, max_rows, names)
    for kind, render in _HTML:
        if isinstance(obj, kind):
            return render(obj, options)
    raise CchcTypeError(
        f"has no notebook display (a {type(obj).__name__})",
        vi=f"không hiển thị được dạng bảng (cần {_KNOWN_TYPES_VI})",
        field="obj",
        value=obj,
    )


# ---------------------------------------------------------------------------------------------
# summaries


def _line(value: str) -> str:
    return _cut(value.replace("\n", " "), _LINE_LIMIT)


def _finish(lines: list[str]) -> str:
    """At most :data:`SUMMARY_LINES` lines, each cut to a readable length."""
    if len(lines) > SUMMARY_LINES:
        lines = [*lines[: SUMMARY_LINES - 1], f"  … ({len(lines) - SUMMARY_LINES + 1} more)"]
    return "\n".join(_line(line) for line in lines)


def _listed(
    items: Sequence[str], total: int, more: tuple[str, str], options: _Options, keep: int = 3
) -> str:
    shown = list(items[:keep])
    if total > len(shown):
        shown.append(
            "…" if total - len(shown) < 2 else _more(total - len(shown), *more, options.vi)
        )
    return ", ".join(shown)


def _band_line(result: BatchResult, options: _Options) -> list[str]:
    labels = band_order(result.framework)
    if not labels:
        return []
    by_position = {b.label: i for i, b in enumerate(result.framework.bands)}
    band_of = np.asarray(result.band_of)
    tally = np.bincount(band_of[band_of >= 0], minlength=len(by_position)).tolist()
    parts = [
        f"{label} {_number(int(tally[by_position[label]]), options.vi)}"
        for label in reversed(labels)
    ]
    none = int((band_of < 0).sum())
    if none:
        parts.append(f"{options.w('không xếp loại', 'no band')} {_number(none, options.vi)}")
    return [f"  {options.w('xếp loại', 'bands')}: {', '.join(parts)}"]


def _head(*parts: str) -> str:
    """A summary line from its parts."""
    return "".join(parts)


def _batch_summary(result: BatchResult, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    fw = result.framework
    n = len(result.units)
    criteria = _count(len(result.codes), "tiêu chí", "criteria", vi)
    lines = [
        _head(
            f"BatchResult: {_count(n, 'đơn vị', 'units', vi)}, ",
            f"{w('bộ tiêu chí', 'framework')} {fw.id!r} ({criteria})",
        )
    ]
    lines += _band_line(result, options)
    total, top = result.totals()
    indices = result.indices()
    keep = min(n, 5)
    for j in range(keep):
        band = int(result.band_of[j])
        label = fw.bands[band].label if band >= 0 else "—"
        points = _number(Decimal(int(total[j])) * fw.precision, vi)
        maximum = _number(Decimal(int(top[j])) * fw.precision, vi)
        lines.append(
            f"  {result.units[j]}: {points}/{maximum}, {_percent(indices[j], vi)}, {label}"
        )
    if n > keep:
        lines.append("  " + _more(n - keep, "đơn vị", "units", vi))
    return lines


def _ranking_lines(ranking: Ranking, options: _Options, label: Callable[[str], str]) -> list[str]:
    """One line per group (at most eight): its first three units."""
    vi = options.vi
    firsts: dict[str, list[int]] = {}
    sizes: dict[str, int] = {}
    for j in ranking.order.tolist():
        group = ranking.groups[j]
        sizes[group] = sizes.get(group, 0) + 1
        if len(firsts.setdefault(group, [])) < 3:
            firsts[group].append(j)
    lines = []
    for group in list(firsts)[:8]:
        entries = [ranking.entry(j) for j in firsts[group]]
        shown = [f"{e.rank}. {label(e.unit)} {_percent(e.index, vi)}" for e in entries]
        head = options.w("khối", "group")
        count = _count(sizes[group], "đơn vị", "units", vi)
        listed = ", ".join(shown) + (", …" if sizes[group] > len(shown) else "")
        lines.append(f"  {head} {group or '—'} ({count}): {listed}")
    if len(firsts) > 8:
        lines.append("  " + _more(len(firsts) - 8, "khối", "groups", vi))
    return lines


def _ranking_summary(ranking: Ranking, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    units = _count(len(ranking.groups), "đơn vị", "units", vi)
    groups = _count(_group_count(ranking.groups), "khối", "groups", vi)
    lines = [
        _head(
            f"Ranking: {units} {w('trong', 'in')} {groups}, ",
            f"{w('bộ tiêu chí', 'framework')} {ranking.framework_id!r}",
        )
    ]
    lines += _band_line(ranking.result, options)
    return lines + _ranking_lines(ranking, options, lambda unit: unit)


def _campaign_summary(result: CampaignResult, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    campaign = result.campaign
    units = campaign.units

    def name(unit: str) -> str:
        return units.get(unit).name if units is not None and unit in units else unit

    changes = len(council_changes_of(result))
    lines = [
        f"CampaignResult: {campaign}",
        _head(
            f"  {_count(len(result.ranking.groups), 'đơn vị', 'units', vi)} {w('trong', 'in')} ",
            f"{_count(len(campaign.groups), 'khối', 'groups', vi)}, ",
            f"{w('bộ tiêu chí', 'framework')} {result.final.framework.id!r}; ",
            f"{_count(len(result.decision.awards), 'khen thưởng', 'awards', vi)}, ",
            _count(changes, "điều chỉnh của Hội đồng", "council changes", vi),
        ),
    ]
    lines += _band_line(result.final, options)
    return lines + _ranking_lines(result.ranking, options, name)


def _decision_counts(decision: AwardDecision, vi: bool) -> list[str]:
    unfilled = sum(u.count for u in decision.unfilled)
    return [
        _count(len(decision.awards), "khen thưởng", "awards", vi),
        _count(unfilled, "giải chưa trao", "places unfilled", vi),
        _count(len(decision.ties), "trường hợp bằng điểm", "ties", vi),
        _count(len(decision.excluded), "trường hợp không đủ điều kiện", "exclusions", vi),
    ]


def _decision_summary(decision: AwardDecision, options: _Options) -> list[str]:
    lines = ["AwardDecision: " + ", ".join(_decision_counts(decision, options.vi))]
    for group in decision.structure.groups[:10]:
        awards = decision.awards_in(group.code)
        if not awards:
            continue
        shown = [f"{a.prize_name or a.prize} {a.name or a.recipient}" for a in awards]
        listed = _listed(shown, len(awards), ("khen thưởng", "awards"), options)
        lines.append(f"  {group.code}: {listed}")
    return lines


def _card_summary(card: Scorecard | SelfAssessedScorecard, options: _Options) -> list[str]:
    vi = options.vi
    lines = [
        _head(
            f"{type(card).__name__} {card.unit!r}, {options.w('bộ tiêu chí', 'framework')} ",
            f"{card.framework_id!r}: {_number(card.points, vi)}/{_number(card.maximum, vi)}, ",
            f"{_percent(card.index, vi)}, {card.band or '—'}",
        )
    ]
    fields = card.fields
    for line in fields[:10]:
        lines.append(
            f"  {line.code} {line.title}: {_number(line.points, vi)}/{_number(line.maximum, vi)}"
        )
    if len(fields) > 10:
        lines.append("  " + _more(len(fields) - 10, "lĩnh vực", "fields", vi))
    return lines


def _plan_summary(plan: Plan, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    lines = [
        f"Plan: {plan}",
        _head(
            f"  {_period(plan.period, vi)}; {_count(len(plan.tasks), 'nhiệm vụ', 'tasks', vi)} ",
            f"{w('thuộc', 'in')} {_count(len(plan.areas), 'nội dung', 'reform areas', vi)}; ",
            f"{_count(len(plan.objectives), 'mục tiêu', 'objectives', vi)}; ",
            _count(len(plan.participants), "đơn vị tham gia", "participants", vi),
        ),
    ]
    for task in plan.tasks[:5]:
        lines.append(f"  {task.code}. {task.title}")
    if len(plan.tasks) > 5:
        lines.append("  " + _more(len(plan.tasks) - 5, "nhiệm vụ", "tasks", vi))
    return lines


def _tally_text(report: ProgressReport, vi: bool) -> str:
    tally = report.totals
    return ", ".join(
        f"{_number(getattr(tally, name), vi)} {vi_word if vi else en_word}"
        for name, vi_word, en_word in _TALLY_WORDS
    )


def _progress_summary(report: ProgressReport, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    tasks = _count(report.totals.total, "nhiệm vụ", "tasks", vi)
    lines = [
        f"ProgressReport: {report.plan}",
        _head(
            f"  {w('đến ngày', 'as of')} {_date(report.as_of, vi)}: ",
            f"{tasks} ({_tally_text(report, vi)})",
        ),
    ]
    overdue = report.overdue
    if overdue:
        shown = [
            f"{t.code} ({_count(t.working_days_late, 'ngày làm việc', 'working days', vi)})"
            for t in overdue
        ]
        listed = _listed(shown, len(overdue), ("nhiệm vụ", "tasks"), options, keep=5)
        lines.append(f"  {w('quá hạn', 'overdue')}: {listed}")
    met = sum(1 for t in report.targets if t.met)
    lines.append(
        _head(
            f"  {_count(len(report.targets), 'chỉ tiêu', 'targets', vi)} ",
            f"({_number(met, vi)} {w('đạt', 'met')}), ",
            _count(len(report.activities), "loại hoạt động", "activity counts", vi),
        )
    )
    return lines


def _framework_summary(fw: Framework, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    nodes = list(fw.walk())
    leaves = sum(1 for _, node in nodes if node.is_leaf)
    illustrative = w(" (minh họa)", " (illustrative)") if fw.illustrative else ""
    lines = [
        f"Framework {fw.id!r}: {fw.title}{illustrative}",
        _head(
            f"  {_count(len(fw.criteria), 'lĩnh vực', 'fields', vi)}, ",
            f"{_count(len(nodes), 'tiêu chí', 'criteria', vi)} ",
            f"({_number(leaves, vi)} {w('được chấm điểm', 'scored')}); ",
            f"{w('tối đa', 'maximum')} {_number(fw.maximum, vi)}",
        ),
    ]
    if fw.bands:
        unit = "%" if fw.band_basis is BandBasis.PERCENT else ""
        parts = [
            f"{b.label} {'≥' if b.lower_inclusive else '>'} {_number(b.lower, vi)}{unit}"
            for b in _best_first(fw)
        ]
        lines.append(f"  {w('xếp loại', 'bands')}: {', '.join(parts)}")
    for top in fw.criteria[:8]:
        lines.append(f"  {top.code} {top.title}: {_number(top.maximum, vi)}")
    if len(fw.criteria) > 8:
        lines.append("  " + _more(len(fw.criteria) - 8, "lĩnh vực", "fields", vi))
    return lines


def _score_table_summary(table: ScoreTable, options: _Options) -> list[str]:
    vi, w = options.vi, options.w
    n = len(table.units)
    units = _count(n, "đơn vị", "units", vi)
    criteria = _count(len(table.framework.leaves()), "tiêu chí", "criteria", vi)
    given = int(np.count_nonzero(table.given))
    na = int(np.count_nonzero(table.na))
    lines = [
        _head(
            f"ScoreTable: {units} × {criteria}, ",
            f"{w('bộ tiêu chí', 'framework')} {table.framework.id!r}",
        ),
        _head(
            f"  {_count(given, 'ô đã kê khai', 'cells reported', vi)}, ",
            f"{_count(na, 'ô không áp dụng', 'not applicable', vi)}, ",
            f"{_count(len(table.reasons), 'lý do điều chỉnh', 'council reasons', vi)}, ",
            _count(len(table.findings), "cảnh báo", "findings", vi),
        ),
    ]
    if n:
        listed = _listed(list(table.units[:5]), n, ("đơn vị", "units"), options, keep=5)
        lines.append(f"  {w('đơn vị', 'units')}: {listed}")
    return lines


def _explanation_summary(why: Explanation, options: _Options) -> list[str]:
    shown = _explanation_text(why, options)
    lines = str(shown).splitlines()
    if len(lines) > SUMMARY_LINES:
        rest = len(lines) - SUMMARY_LINES + 1
        lines = [*lines[: SUMMARY_LINES - 1], "  " + _more(rest, "dòng", "lines", options.vi)]
    return lines


def _table_summary(table: Table, options: _Options) -> list[str]:
    rows = _count(len(table), "dòng", "rows", options.vi)
    return [f"Table {table.name!r}: {rows}, {options.w('cột', 'columns')} {', '.join(table.names)}"]


#: Each type with its summary, tried in order.
_SUMMARY: tuple[tuple[type | tuple[type, ...], Callable[[Any, _Options], list[str]]], ...] = (
    (Explanation, _explanation_summary),
    (CampaignResult, _campaign_summary),
    (Ranking, _ranking_summary),
    (BatchResult, _batch_summary),
    ((Scorecard, SelfAssessedScorecard), _card_summary),
    (AwardDecision, _decision_summary),
    (ProgressReport, _progress_summary),
    (Plan, _plan_summary),
    (Framework, _framework_summary),
    (ScoreTable, _score_table_summary),
    (Table, _table_summary),
)


def summary(obj: object, *, lang: LangLike | None = None) -> str:
    """A short text of a large result, for its ``repr``: what it is, its counts and its first
    lines, at most :data:`SUMMARY_LINES` lines however large it is. English by default (a
    repr is read by a programmer; an explanation keeps its own language); ``lang="vi"``
    words it in Vietnamese, numbers with a decimal comma. Names and codes are shown as the
    data gives them.

    >>> from cchc.criteria import load_bundled
    >>> print(summary(load_bundled("cchc-campaign-6")))  # doctest: +ELLIPSIS
    Framework 'cchc-campaign-6': Bộ tiêu chí thi đua chuyên đề ... (illustrative)
      6 fields, 19 criteria (13 scored); maximum 100
      bands: Xuất sắc ≥ 90%, Tốt ≥ 80%, Khá ≥ 65%, Trung bình ≥ 50%, Yếu ≥ 0%
      1 Cải cách thể chế: 15
    ...
    >>> summary([1, 2])
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: obj = [1, 2]: has no summary (a list)
    """
    options = _options(lang, None, None, default=Lang.EN)
    for kind, lines in _SUMMARY:
        if isinstance(obj, kind):
            return _finish(lines(obj, options))
    raise CchcTypeError(
        f"has no summary (a {type(obj).__name__})",
        vi=f"không tóm tắt được (cần {_KNOWN_TYPES_VI})",
        field="obj",
        value=obj,
    )
