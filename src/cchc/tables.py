"""Tidy tables of the library's results, and CSV: no pandas needed.

A :class:`Table` is column names plus rows of plain values, one row per observation: a unit,
a unit and a criterion, a task. Exact numbers stay exact in the rows (points are
:class:`~decimal.Decimal`, an index is a :class:`~fractions.Fraction`); each :class:`Column`
says what it holds (:class:`ColumnKind`), so that :mod:`cchc.frames` can make numbers of
numbers and ordered categories of bands, and :mod:`cchc.export.xlsx` can format them.

:func:`table_of` makes the table of any result: a scorecard, a batch result (one row per
unit), a ranking, a campaign's standings, council changes, an award decision, a plan's tasks,
a progress report, or a score table's inputs. :func:`criterion_table` gives the per-criterion
rows (long, or wide: one column per field). Where ``names`` is given (a
:class:`~cchc.units.UnitTree`, units, or a mapping code → name) each unit code has its name
beside it.

>>> from cchc.examples import load, load_results, load_settlements
>>> from cchc.campaigns import run_campaign
>>> ex = load("chau-thanh-2021")
>>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
...                       settlements=load_settlements("chau-thanh-2021"))
>>> table = table_of(result.ranking, names=ex.campaign.units)
>>> table.names[:6]
('group', 'rank', 'unit', 'name', 'points', 'maximum')
>>> table.records()[0]["name"], table.records()[0]["index"]
('Phòng Nội vụ', Fraction(971, 10))

:func:`write_csv` writes any table as UTF-8 with a byte-order mark, so that Excel shows
Vietnamese correctly when the file is opened with a double click.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import attrs

from cchc._fields import (
    CodedEnum,
    is_code,
    is_name,
    is_text,
    of_type,
    one_of,
    sequence,
    text,
    texts,
    to_nfc,
)
from cchc.awards import AwardDecision
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import Framework
from cchc.errors import CchcTypeError, ValidationError
from cchc.plans import Plan, ProgressReport
from cchc.scoring import (
    BatchResult,
    CouncilChange,
    Ranking,
    Scorecard,
    ScoreTable,
    SelfAssessedScorecard,
)
from cchc.text import fold
from cchc.units import Unit, UnitTree

__all__ = [
    "Column",
    "ColumnKind",
    "LAYOUTS",
    "Names",
    "Table",
    "award_table",
    "band_order",
    "campaign_changes",
    "council_table",
    "criterion_table",
    "input_table",
    "plan_table",
    "progress_table",
    "ranking_table",
    "results_table",
    "scorecard_table",
    "standings_table",
    "table_of",
    "write_csv",
    "name_lookup",
]


class ColumnKind(CodedEnum):
    """What a column holds. ``None`` is allowed in every kind (a blank).

    - ``TEXT``: text;
    - ``NUMBER``: an exact number, a :class:`~decimal.Decimal` or a
      :class:`~fractions.Fraction` (an index);
    - ``WHOLE``: a whole number (a rank, a count);
    - ``BAND``: a band label, one of the column's ``categories``;
    - ``DATE``: a :class:`datetime.date`;
    - ``FLAG``: True or False;
    - ``VALUE``: a reported value as a unit gives it: a number, yes/no or text (``"45/50"``,
      ``"N/A"``).

    >>> ColumnKind("number"), ColumnKind("BAND")
    (ColumnKind.NUMBER, ColumnKind.BAND)
    """

    TEXT = "text"
    NUMBER = "number"
    WHOLE = "whole"
    BAND = "band"
    DATE = "date"
    FLAG = "flag"
    VALUE = "value"


def _kind(value: object) -> ColumnKind:
    return ColumnKind.from_name(value, "kind")  # type: ignore[no-any-return]


def _labels(value: object) -> tuple[str, ...]:
    return texts(value, "categories")


@attrs.frozen
class Column:
    """One column of a :class:`Table`: its ``name`` (a code, as pandas and CSV headers show
    it), what it holds (``kind``), its Vietnamese ``title`` (the header of a workbook) and,
    for a band, the band labels from the lowest to the highest (``categories``; none where the
    framework has no bands, and the column is blank).

    >>> Column("points", ColumnKind.NUMBER, "Điểm")
    Column(name='points', kind=ColumnKind.NUMBER, title='Điểm', categories=())
    >>> Column("band", "band", categories=["Yếu", "Khá"]).categories
    ('Yếu', 'Khá')
    """

    name: str = attrs.field(converter=to_nfc, validator=is_code)
    kind: ColumnKind = attrs.field(converter=_kind)
    title: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_labels)

    @property
    def header(self) -> str:
        """The title, or the name where there is none."""
        return self.title or self.name


_ACCEPTS: dict[ColumnKind, tuple[type, ...]] = {
    ColumnKind.TEXT: (str,),
    ColumnKind.NUMBER: (Decimal, Fraction),
    ColumnKind.WHOLE: (int,),
    ColumnKind.BAND: (str,),
    ColumnKind.DATE: (datetime.date,),
    ColumnKind.FLAG: (bool,),
    ColumnKind.VALUE: (str, Decimal, int, bool),
}
_KIND_VI = {
    ColumnKind.TEXT: "văn bản",
    ColumnKind.NUMBER: "số chính xác (Decimal hoặc Fraction)",
    ColumnKind.WHOLE: "số nguyên",
    ColumnKind.BAND: "mức xếp loại",
    ColumnKind.DATE: "ngày",
    ColumnKind.FLAG: "có/không",
    ColumnKind.VALUE: "giá trị kê khai (số, có/không hoặc văn bản)",
}


def _check_cell(column: Column, value: object, path: str) -> None:
    if value is None:
        return
    kind = column.kind
    ok = isinstance(value, _ACCEPTS[kind])
    if ok and kind in (ColumnKind.NUMBER, ColumnKind.WHOLE) and isinstance(value, bool):
        ok = False
    if ok and kind is ColumnKind.DATE and isinstance(value, datetime.datetime):
        ok = False
    if not ok:
        raise CchcTypeError(
            f"a {kind.value} column cannot hold a {type(value).__name__}",
            vi=f"cột “{column.header}” chỉ chứa {_KIND_VI[kind]}",
            field=path,
            value=value,
        )
    if kind is ColumnKind.BAND and value not in column.categories:
        raise ValidationError(
            f"is not one of the column's bands: {', '.join(column.categories)}",
            vi=f"không phải là mức xếp loại của cột: {', '.join(column.categories)}",
            field=path,
            value=value,
        )


def _columns(value: object) -> tuple[Column, ...]:
    columns = sequence(value, "columns")
    seen: set[str] = set()
    for i, column in enumerate(columns):
        if not isinstance(column, Column):
            raise CchcTypeError(
                f"must be a Column, not {type(column).__name__}",
                vi="phải là một cột của bảng",
                field=f"columns[{i}]",
                value=column,
            )
        if column.name in seen:
            raise ValidationError(
                "two columns have this name",
                vi=f"có hai cột cùng tên “{column.name}”",
                field=f"columns[{i}].name",
                value=column.name,
            )
        seen.add(column.name)
    return columns


def _rows(value: object) -> tuple[tuple[object, ...], ...]:
    rows = sequence(value, "rows")
    return tuple(
        row if type(row) is tuple else sequence(row, f"rows[{i}]") for i, row in enumerate(rows)
    )


def _fits(column: Column, kinds: set[type]) -> bool:
    """True if values of these types may all stand in ``column`` (checked once per type, so
    that a table of a national batch is checked column by column, not cell by cell)."""
    kind = column.kind
    for t in kinds:
        if t is type(None):
            continue
        if not issubclass(t, _ACCEPTS[kind]):
            return False
        if kind in (ColumnKind.NUMBER, ColumnKind.WHOLE) and issubclass(t, bool):
            return False
        if kind is ColumnKind.DATE and issubclass(t, datetime.datetime):
            return False
    return True


@attrs.frozen
class Table:
    """A tidy table: ``columns`` and ``rows`` of plain values (one value per column in each
    row), with a ``name`` (the file or sheet it becomes) and a Vietnamese ``title``. Every
    value is checked against its column's kind as the table is built.

    >>> t = Table("demo", "Ví dụ", [Column("unit", "text", "Đơn vị"),
    ...                             Column("points", "number", "Điểm")],
    ...           [("A", Decimal("9.5")), ("B", None)])
    >>> len(t), t.names, t.column("points")
    (2, ('unit', 'points'), (Decimal('9.5'), None))
    >>> Table("demo", "", [Column("points", "number")], [(9.5,)])
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: rows[0][0] = 9.5: a number column cannot hold a float
    """

    name: str = attrs.field(converter=to_nfc, validator=is_name)
    title: str = attrs.field(converter=to_nfc, validator=is_text)
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[object, ...], ...] = attrs.field(converter=_rows, repr=False)

    def __attrs_post_init__(self) -> None:
        width = len(self.columns)
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValidationError(
                    f"has {len(row)} values for {width} columns",
                    vi=f"dòng có {len(row)} giá trị trong khi bảng có {width} cột",
                    field=f"rows[{i}]",
                    value=len(row),
                )
        for j, column in enumerate(self.columns):
            values = [row[j] for row in self.rows]
            fits = _fits(column, set(map(type, values)))
            if fits and column.kind is ColumnKind.BAND:
                fits = set(values) <= {None, *column.categories}
            if not fits:  # find the first cell that does not fit, and say why
                for i, value in enumerate(values):
                    _check_cell(column, value, f"rows[{i}][{j}]")

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def index_of(self, name: str) -> int:
        """The position of the column ``name``."""
        for j, column in enumerate(self.columns):
            if column.name == name:
                return j
        raise ValidationError(
            f"no such column; the columns are {', '.join(self.names)}",
            vi=f"bảng không có cột này; các cột là {', '.join(self.names)}",
            field="name",
            value=name,
        )

    def column(self, name: str) -> tuple[object, ...]:
        """The values of one column, top to bottom."""
        j = self.index_of(name)
        return tuple(row[j] for row in self.rows)

    def records(self) -> list[dict[str, object]]:
        """One mapping column name → value per row."""
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def where(self, name: str, value: object) -> Table:
        """The rows whose column ``name`` holds ``value`` (a group's units, say)."""
        j = self.index_of(name)
        return attrs.evolve(self, rows=[row for row in self.rows if row[j] == value])


# ---------------------------------------------------------------------------------------------
# unit names


#: The layouts of a table of many units: one row per cell, or one row per unit.
LAYOUTS = {"long": "dạng dọc", "wide": "dạng ngang"}

#: Where a table finds unit names: a unit tree, units, or a mapping code → name.
Names = UnitTree | Iterable[Unit] | Mapping[str, str]


_Lookup = Callable[[str | None], str | None]


def name_lookup(names: Names | None) -> _Lookup:
    """A function from a unit code to its name (``None`` when unknown), from ``names``: a
    mapping of codes to names, units, or a :class:`~cchc.units.UnitTree`. Codes are compared
    as the library compares them (case and tone-mark placement do not matter).

    >>> name_lookup({"XA-01": "Xã An Hiệp"})("xa-01")
    'Xã An Hiệp'
    """
    if names is None:
        return lambda code: None
    known: dict[str, str] = {}
    if isinstance(names, Mapping):
        for code, name in names.items():
            known[fold(text(code, "names"))] = text(name, f"names[{code!r}]")
    elif isinstance(names, UnitTree | Iterable) and not isinstance(names, str | bytes):
        for i, item in enumerate(names):
            unit = of_type(item, Unit, f"names[{i}]")
            known[fold(unit.code)] = unit.name
    else:
        raise CchcTypeError(
            f"must be a UnitTree, units or a mapping code → name, not {type(names).__name__}",
            vi="phải là cây đơn vị, danh sách đơn vị hoặc bảng mã đơn vị → tên đơn vị",
            field="names",
            value=names,
        )

    def lookup(code: str | None) -> str | None:
        return None if code is None else known.get(fold(code))

    return lookup


# ---------------------------------------------------------------------------------------------
# the columns the tables share

_UNIT = Column("unit", ColumnKind.TEXT, "Mã đơn vị")
_NAME = Column("name", ColumnKind.TEXT, "Tên đơn vị")
_GROUP = Column("group", ColumnKind.TEXT, "Khối")
_CRITERION = Column("criterion", ColumnKind.TEXT, "Mã tiêu chí")
_POINTS = Column("points", ColumnKind.NUMBER, "Điểm")
_MAXIMUM = Column("maximum", ColumnKind.NUMBER, "Điểm tối đa")
_INDEX = Column("index", ColumnKind.NUMBER, "Chỉ số (%)")
_RANK = Column("rank", ColumnKind.WHOLE, "Xếp hạng")
_TITLE = Column("title", ColumnKind.TEXT, "Tiêu chí")
_DEPTH = Column("depth", ColumnKind.WHOLE, "Cấp")
_SHARE = Column("index", ColumnKind.NUMBER, "Tỷ lệ đạt (%)")  # of one criterion


def band_order(framework: Framework) -> tuple[str, ...]:
    """The framework's band labels from the lowest band to the highest: the order of a band
    column's categories, so that a higher band compares greater.

    >>> from cchc.criteria import load_bundled
    >>> band_order(load_bundled("cchc-campaign-6"))
    ('Yếu', 'Trung bình', 'Khá', 'Tốt', 'Xuất sắc')
    """
    of_type(framework, Framework, "framework")
    ordered = sorted(framework.bands, key=lambda b: (b.lower, not b.lower_inclusive))
    return tuple(b.label for b in ordered)


def _band(framework: Framework) -> Column:
    return Column("band", ColumnKind.BAND, "Xếp loại", band_order(framework))


#: A column and how to read its value from one item (a task, a ranked unit, a change), given
#: the lookup of unit names.
_Field = tuple[Column, Callable[[Any, _Lookup], object]]


def _table_of(
    name: str, title: str, fields: Sequence[_Field], items: Iterable[object], names: Names | None
) -> Table:
    """The table of ``items``, one row each, one column per field."""
    lookup = name_lookup(names)
    rows = [tuple(read(item, lookup) for _, read in fields) for item in items]
    return Table(name, title, [column for column, _ in fields], rows)


def _require(value: object, kind: type | tuple[type, ...], field: str, vi: str) -> None:
    if not isinstance(value, kind):
        raise CchcTypeError(
            f"cannot make a table of a {type(value).__name__}",
            vi=f"phải là {vi}",
            field=field,
            value=value,
        )


def _top_codes(result: BatchResult, depth: int) -> list[tuple[int, str, str]]:
    """(row in the result, code, title) of every criterion down to ``depth`` (0: fields)."""
    out = []
    for path, node in result.framework.walk():
        if path.count("children") <= depth:
            out.append((result.codes.index(node.code), node.code, node.title))
    return out


def _field_points(
    result: BatchResult, chosen: list[tuple[int, str, str]], j: int
) -> tuple[Decimal, ...]:
    """Unit ``j``'s points on each chosen criterion (see :func:`_top_codes`)."""
    precision = result.framework.precision
    return tuple(Decimal(int(result.points[i, j])) * precision for i, _, _ in chosen)


def _field_columns(result: BatchResult, chosen: list[tuple[int, str, str]]) -> list[Column]:
    """A column of points per chosen criterion, then the unit's total, maximum, index, band."""
    return [
        *(Column(code, ColumnKind.NUMBER, f"{code}. {title}") for _, code, title in chosen),
        Column("points", ColumnKind.NUMBER, "Tổng điểm"),
        _MAXIMUM,
        _INDEX,
        _band(result.framework),
    ]


# ---------------------------------------------------------------------------------------------
# the tables


def results_table(result: BatchResult, *, names: Names | None = None) -> Table:
    """One row per unit of a batch: unit, name, group (where the batch was scored in groups),
    points, maximum, exact index (capped as the framework caps it) and band.

    >>> from cchc.criteria import load_bundled
    >>> from cchc.scoring import score_table
    >>> fw = load_bundled("cchc-campaign-6")
    >>> t = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "8"},
    ...                               {"unit": "B", "1.1": "7.5", "2.2": "có"}])
    >>> results_table(score_table(t), names={"B": "Xã B"}).records()[1]
    {'unit': 'B', 'name': 'Xã B', 'group': None, 'points': Decimal('11.50'), \
'maximum': Decimal('100.00'), 'index': Fraction(23, 2), 'band': 'Yếu'}
    """
    _require(result, BatchResult, "result", "kết quả chấm điểm")
    name = name_lookup(names)
    fw = result.framework
    total, top = result.totals()
    labels = [b.label for b in fw.bands]
    indices = result.indices()
    rows = []
    for j, unit in enumerate(result.units):
        p, m = int(total[j]), int(top[j])
        band = int(result.band_of[j])
        rows.append(
            (
                unit,
                name(unit),
                result.groups[j] if result.groups else None,
                Decimal(p) * fw.precision,
                Decimal(m) * fw.precision,
                indices[j],
                labels[band] if band >= 0 else None,
            )
        )
    return Table(
        "results",
        f"Kết quả chấm điểm theo {fw.title}" if fw.title else "Kết quả chấm điểm",
        [_UNIT, _NAME, _GROUP, _POINTS, _MAXIMUM, _INDEX, _band(fw)],
        rows,
    )


def criterion_table(
    result: BatchResult, *, names: Names | None = None, layout: str = "long", depth: int = 0
) -> Table:
    """The points of every unit on every criterion.

    ``layout="long"``: one row per unit and criterion (unit, name, criterion, title, depth,
    points, maximum, the criterion's own exact index, None where nothing of it applies).
    ``layout="wide"``: one row per unit, one column of points per criterion down to ``depth``
    (0: the fields, lĩnh vực), then the unit's points, maximum, index and band.

    >>> from cchc.criteria import load_bundled
    >>> from cchc.scoring import score_table
    >>> fw = load_bundled("cchc-campaign-6")
    >>> result = score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "7.5"}]))
    >>> [(r["criterion"], r["points"], r["index"]) for r in criterion_table(result).records()][:2]
    [('1', Decimal('7.50'), Fraction(50, 1)), ('1.1', Decimal('7.50'), Fraction(375, 4))]
    >>> wide = criterion_table(result, layout="wide")
    >>> wide.names
    ('unit', 'name', '1', '2', '3', '4', '5', '6', 'points', 'maximum', 'index', 'band')
    >>> wide.rows[0][2:4]
    (Decimal('7.50'), Decimal('0.00'))
    """
    _require(result, BatchResult, "result", "kết quả chấm điểm")
    one_of(layout, "layout", LAYOUTS)
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ValidationError(
            "must be a whole number from 0", vi="phải là số nguyên từ 0", field="depth", value=depth
        )
    name = name_lookup(names)
    fw = result.framework
    precision = fw.precision
    points, maxima = result.points, result.maxima
    if layout == "long":
        nodes = {node.code: (node.title, path.count("children")) for path, node in fw.walk()}
        names_of = [name(unit) for unit in result.units]
        # a national batch repeats a few hundred distinct points: each is made once
        numbers: dict[int, Decimal] = {}
        shares: dict[tuple[int, int], Fraction | None] = {}
        rows = []
        for i, code in enumerate(result.codes):
            title, level = nodes[code]
            for j, (p, m) in enumerate(zip(points[i].tolist(), maxima[i].tolist(), strict=True)):
                share = shares.get((p, m), False)
                if share is False:
                    share = shares[(p, m)] = Fraction(p * 100, m) if m else None
                if p not in numbers:
                    numbers[p] = Decimal(p) * precision
                if m not in numbers:
                    numbers[m] = Decimal(m) * precision
                rows.append(
                    (
                        result.units[j],
                        names_of[j],
                        code,
                        title,
                        level,
                        numbers[p],
                        numbers[m],
                        share,
                    )
                )
        columns = [
            _UNIT,
            _NAME,
            _CRITERION,
            _TITLE,
            _DEPTH,
            _POINTS,
            _MAXIMUM,
            _SHARE,
        ]
        return Table("criteria", "Điểm theo tiêu chí", columns, rows)
    chosen = _top_codes(result, depth)
    summary = results_table(result, names=names)
    wide_rows = []
    for j, unit in enumerate(result.units):
        _, _, _, total_points, top, index, band = summary.rows[j]
        wide_rows.append(
            (
                unit,
                name(unit),
                *_field_points(result, chosen, j),
                total_points,
                top,
                index,
                band,
            )
        )
    columns = [_UNIT, _NAME, *_field_columns(result, chosen)]
    return Table("fields", "Điểm theo lĩnh vực", columns, wide_rows)


def scorecard_table(
    card: Scorecard | SelfAssessedScorecard, *, names: Names | None = None
) -> Table:
    """One row per line of a unit's scorecard: the criterion, its depth, what was reported,
    by which stage, the points, the maximum, the exact share in per cent, the council's
    reason and whether the criterion applies.

    >>> from cchc.criteria import load_bundled
    >>> from cchc.scoring import SelfAssessment, score_unit
    >>> card = score_unit(load_bundled("cchc-campaign-6"), SelfAssessment.of("U", {"1.1": "8"}))
    >>> row = scorecard_table(card, names={"U": "Xã U"}).records()[1]
    >>> row["name"], row["criterion"], row["entry"], row["points"], row["index"]
    ('Xã U', '1.1', '8', Decimal('8.00'), Fraction(100, 1))
    """
    _require(card, (Scorecard, SelfAssessedScorecard), "card", "một phiếu điểm")
    name = name_lookup(names)(card.unit)
    rows = [
        (
            card.unit,
            name,
            line.code,
            line.title,
            line.depth,
            line.entry,
            line.source.vi if line.entry is not None else None,
            line.points,
            line.maximum,
            line.share * 100 if line.share is not None else None,
            line.not_applicable,
            line.reason,
        )
        for line in card.lines
    ]
    columns = [
        _UNIT,
        _NAME,
        _CRITERION,
        _TITLE,
        _DEPTH,
        Column("entry", ColumnKind.TEXT, "Số liệu kê khai"),
        Column("source", ColumnKind.TEXT, "Nguồn"),
        _POINTS,
        _MAXIMUM,
        _SHARE,
        Column("not_applicable", ColumnKind.FLAG, "Không áp dụng"),
        Column("reason", ColumnKind.TEXT, "Lý do điều chỉnh"),
    ]
    return Table("scorecard", f"Phiếu điểm của {name or card.unit}", columns, rows)


def ranking_table(ranking: Ranking, *, names: Names | None = None) -> Table:
    """One row per unit, best first in each group: group, rank, unit, name, points, maximum,
    exact index, band, the tie-break that placed it and the units it stays tied with."""
    _require(ranking, Ranking, "ranking", "một bảng xếp hạng")
    fields: list[_Field] = [
        (_GROUP, lambda e, name: e.group),
        (_RANK, lambda e, name: e.rank),
        (_UNIT, lambda e, name: e.unit),
        (_NAME, lambda e, name: name(e.unit)),
        (_POINTS, lambda e, name: e.points),
        (_MAXIMUM, lambda e, name: e.maximum),
        (_INDEX, lambda e, name: e.index),
        (_band(ranking.result.framework), lambda e, name: e.band),
        (Column("tie_break", ColumnKind.TEXT, "Tiêu chí phụ xếp hạng"),
         lambda e, name: e.tie_break),
        (Column("tied_with", ColumnKind.TEXT, "Đồng hạng với"),
         lambda e, name: ", ".join(e.tied_with) or None),
    ]  # fmt: skip
    return _table_of("ranking", "Bảng xếp hạng", fields, ranking.entries, names)


def standings_table(
    ranking: Ranking,
    *,
    names: Names | None = None,
    decision: AwardDecision | None = None,
    depth: int = 0,
) -> Table:
    """The results as a council publishes them: one row per unit, best first in each group:
    group, rank, unit, name, the points of each field (criteria down to ``depth``), points,
    maximum, exact index, band and, with an award ``decision``, the prize won.

    >>> from cchc.examples import load, load_results, load_settlements
    >>> from cchc.campaigns import run_campaign
    >>> ex = load("chau-thanh-2021")
    >>> r = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
    ...                  settlements=load_settlements("chau-thanh-2021"))
    >>> t = standings_table(r.ranking, names=ex.campaign.units, decision=r.decision)
    >>> t.names
    ('group', 'rank', 'unit', 'name', '1', '2', '3', '4', '5', '6', 'points', 'maximum', \
'index', 'band', 'prize')
    >>> row = t.records()[0]
    >>> row["name"], row["points"], row["band"], row["prize"]
    ('Phòng Nội vụ', Decimal('97.10'), 'Xuất sắc', 'Giải Nhất')
    """
    _require(ranking, Ranking, "ranking", "một bảng xếp hạng")
    if decision is not None:
        _require(decision, AwardDecision, "decision", "một quyết định khen thưởng")
    result = ranking.result
    name = name_lookup(names)
    chosen = _top_codes(result, depth)
    won: dict[str, list[str]] = {}
    for award in decision.awards if decision is not None else ():
        won.setdefault(fold(award.recipient), []).append(award.prize_name or award.prize)
    rows = []
    for j in ranking.order.tolist():
        e = ranking.entry(j)
        prize = "; ".join(won.get(fold(e.unit), ())) or None
        rows.append(
            (
                e.group,
                e.rank,
                e.unit,
                name(e.unit),
                *_field_points(result, chosen, j),
                e.points,
                e.maximum,
                e.index,
                e.band,
                prize,
            )
        )
    columns = [
        _GROUP,
        _RANK,
        _UNIT,
        _NAME,
        *_field_columns(result, chosen),
        Column("prize", ColumnKind.TEXT, "Khen thưởng"),
    ]
    return Table("standings", "Kết quả chấm điểm và xếp hạng", columns, rows)


_COUNCIL_FIELDS: tuple[_Field, ...] = (
    (_UNIT, lambda c, name: c.unit),
    (_NAME, lambda c, name: name(c.unit)),
    (_CRITERION, lambda c, name: c.code),
    (Column("self_points", ColumnKind.NUMBER, "Điểm tự chấm"), lambda c, name: c.self_points),
    (Column("appraised_points", ColumnKind.NUMBER, "Điểm thẩm định"),
     lambda c, name: c.appraised_points),
    (Column("change", ColumnKind.NUMBER, "Chênh lệch"), lambda c, name: c.change),
    (Column("reason", ColumnKind.TEXT, "Lý do"), lambda c, name: c.reason),
)  # fmt: skip


def council_table(changes: Iterable[CouncilChange], *, names: Names | None = None) -> Table:
    """One row per score the council changed: unit, name, criterion, the unit's own points,
    the council's, the change and the reason."""
    items = tuple(changes) if not isinstance(changes, str | bytes) else changes
    for i, change in enumerate(items):
        _require(change, CouncilChange, f"changes[{i}]", "một điều chỉnh của hội đồng")
    title = "Điều chỉnh của Hội đồng thẩm định"
    return _table_of("council", title, _COUNCIL_FIELDS, items, names)


def award_table(decision: AwardDecision) -> Table:
    """The award decision, one row per place: a prize or title given (``status``
    ``"awarded"``), places left unfilled (``"unfilled"``, with their count) and ties left to
    the council (``"tie"``, the candidates in ``recipient``), each with its reason in
    Vietnamese."""
    _require(decision, AwardDecision, "decision", "một quyết định khen thưởng")
    names = {
        (fold(g.code), fold(level.code)): level.name
        for g in decision.structure.groups
        for level in g.levels
    }
    rows: list[tuple[object, ...]] = [
        ("awarded", a.group, a.prize, a.prize_name, a.recipient, a.name or None, a.points,
         a.rank, 1, a.shared, a.reason.vi)
        for a in decision.awards
    ]  # fmt: skip
    rows += [
        ("unfilled", u.group, u.prize, names.get((fold(u.group), fold(u.prize))), None, None,
         None, None, u.count, False, u.reason.vi)
        for u in decision.unfilled
    ]  # fmt: skip
    rows += [
        ("tie", t.group, ", ".join(p for p, _ in t.slots), None, ", ".join(t.candidates), None,
         None, t.rank, t.contested, False, t.reason.vi)
        for t in decision.ties
    ]  # fmt: skip
    columns = [
        Column("status", ColumnKind.TEXT, "Tình trạng"),
        _GROUP,
        Column("prize", ColumnKind.TEXT, "Mã giải"),
        Column("prize_name", ColumnKind.TEXT, "Giải thưởng"),
        Column("recipient", ColumnKind.TEXT, "Mã đơn vị"),
        _NAME,
        _POINTS,
        _RANK,
        Column("count", ColumnKind.WHOLE, "Số giải"),
        Column("shared", ColumnKind.FLAG, "Đồng giải"),
        Column("reason", ColumnKind.TEXT, "Căn cứ"),
    ]
    return Table("awards", "Khen thưởng", columns, rows)


def _area(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


#: The columns that lead a plan's and a progress report's rows: the task and its lead unit.
_TASK_FIELDS: tuple[_Field, ...] = (
    (Column("code", ColumnKind.TEXT, "Mã nhiệm vụ"), lambda t, name: t.code),
    (Column("title", ColumnKind.TEXT, "Nhiệm vụ"), lambda t, name: t.title),
    (Column("area", ColumnKind.TEXT, "Nội dung cải cách"), lambda t, name: _area(t.area)),
    (Column("lead", ColumnKind.TEXT, "Đơn vị chủ trì"), lambda t, name: t.lead),
    (Column("lead_name", ColumnKind.TEXT, "Tên đơn vị chủ trì"), lambda t, name: name(t.lead)),
)
_PLAN_FIELDS: tuple[_Field, ...] = (
    *_TASK_FIELDS,
    (Column("partners", ColumnKind.TEXT, "Đơn vị phối hợp"),
     lambda t, name: ", ".join(t.partners) or None),
    (Column("output", ColumnKind.TEXT, "Sản phẩm"), lambda t, name: t.output or None),
    (Column("due", ColumnKind.DATE, "Thời hạn"), lambda t, name: t.due),
    (Column("deadline", ColumnKind.DATE, "Hạn hoàn thành"), lambda t, name: t.deadline),
    (Column("milestones", ColumnKind.WHOLE, "Số mốc lộ trình"),
     lambda t, name: len(t.milestones)),
)  # fmt: skip
_PROGRESS_FIELDS: tuple[_Field, ...] = (
    *_TASK_FIELDS,
    (Column("state", ColumnKind.TEXT, "Mã tình trạng"), lambda t, name: t.state.value),
    (Column("state_vi", ColumnKind.TEXT, "Tình trạng"), lambda t, name: t.state.vi),
    (Column("percent", ColumnKind.WHOLE, "Tỷ lệ hoàn thành (%)"), lambda t, name: t.percent),
    (Column("deadline", ColumnKind.DATE, "Hạn hoàn thành"), lambda t, name: t.deadline),
    (Column("done_on", ColumnKind.DATE, "Ngày hoàn thành"), lambda t, name: t.done_on),
    (Column("working_days_late", ColumnKind.WHOLE, "Số ngày làm việc trễ"),
     lambda t, name: t.working_days_late),
    (Column("due_soon", ColumnKind.FLAG, "Sắp đến hạn"), lambda t, name: t.due_soon),
    (Column("next_due", ColumnKind.DATE, "Hạn kế tiếp"), lambda t, name: t.next_due),
    (Column("milestones_missed", ColumnKind.WHOLE, "Số mốc trễ"),
     lambda t, name: len(t.milestones_missed)),
)  # fmt: skip


def plan_table(plan: Plan, *, names: Names | None = None) -> Table:
    """One row per task of a plan: code, title, reform area (its code), lead unit and its
    name, partners, output, due date, deadline (the due date or the last milestone) and the
    number of milestones.

    >>> from cchc.examples import load
    >>> t = plan_table(load("gia-lam-9m-2021").plan)
    >>> t.names[:4], len(t)
    (('code', 'title', 'area', 'lead'), 21)
    """
    _require(plan, Plan, "plan", "một kế hoạch")
    return _table_of("tasks", plan.summary, _PLAN_FIELDS, plan.tasks, names)


def progress_table(report: ProgressReport, *, names: Names | None = None) -> Table:
    """One row per task of a progress report: code, title, area, lead unit and its name, the
    state (its Vietnamese wording in ``state_vi``), completion (%), deadline, the day it was
    done, working days late, whether it falls due soon, its next date and the milestones it
    missed."""
    _require(report, ProgressReport, "report", "một báo cáo tiến độ")
    title = f"Tiến độ {report.plan} đến {report.as_of:%d/%m/%Y}"
    return _table_of("progress", title, _PROGRESS_FIELDS, report.tasks, names)


def _reported(kind: str, shown: str | None) -> object:
    """A reported value (:meth:`ScoreTable.reported`) as a person writes it in a spreadsheet
    cell: a number, True or False for yes or no, ``"N/A"``, a ratio or a target as text
    ``"45/50"``; ``kind`` is the rule's :attr:`~cchc.criteria.RuleKind.input_kind`."""
    if shown is None or shown == "N/A":
        return shown
    if kind == "yes_no":
        return shown == "yes"
    if kind == "count":
        return int(shown)
    return shown if "/" in shown else Decimal(shown)


def input_table(table: ScoreTable, *, layout: str = "long") -> Table:
    """What a score table holds, as the units reported it: ``layout="long"`` gives one row
    per reported cell (unit, criterion, value, the council's reason), ``"wide"`` one row per
    unit with one column per leaf criterion (blank where nothing was reported). A value is a
    number, True/False for yes/no, ``"N/A"`` where the criterion does not apply, or text for
    a ratio (``"45/50"``); reading the table back (:meth:`ScoreTable.from_long`,
    :func:`cchc.frames.table_from_frame`) gives the same cells.

    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("ca-mau-1880-2013")
    >>> t = ScoreTable.from_long(fw, [("A", "1.3", "2.5"), ("A", "1.2.1", "có")])
    >>> input_table(t).rows
    (('A', '1.2.1', True, None), ('A', '1.3', Decimal('2.5'), None))
    """
    _require(table, ScoreTable, "table", "một bảng điểm")
    one_of(layout, "layout", LAYOUTS)
    leaves = table.framework.leaves()
    kinds = [leaf.effective_rule.kind.input_kind for leaf in leaves]
    given = table.given.tolist()

    def value(leaf: int, j: int) -> object:
        return _reported(kinds[leaf], table.reported(leaf, j)) if given[leaf][j] else None

    if layout == "long":
        rows = [
            (unit, node.code, value(leaf, j), table.reasons.get((leaf, j)))
            for j, unit in enumerate(table.units)
            for leaf, node in enumerate(leaves)
            if given[leaf][j]
        ]
        columns = [
            _UNIT,
            _CRITERION,
            Column("value", ColumnKind.VALUE, "Số liệu kê khai"),
            Column("reason", ColumnKind.TEXT, "Lý do"),
        ]
        return Table("inputs", "Số liệu kê khai", columns, rows)
    wide = [
        (unit, *(value(leaf, j) for leaf in range(len(leaves))))
        for j, unit in enumerate(table.units)
    ]
    columns = [_UNIT, *(Column(n.code, ColumnKind.VALUE, f"{n.code}. {n.title}") for n in leaves)]
    return Table("inputs", "Số liệu kê khai", columns, wide)


def table_of(value: object, *, names: Names | None = None) -> Table:
    """The tidy table of any result: a :class:`Table` as it is; a scorecard
    (:func:`scorecard_table`); a batch result (:func:`results_table`); a ranking
    (:func:`ranking_table`); a campaign's result (:func:`standings_table`, with the
    campaign's unit names and prizes); council changes (:func:`council_table`); an award
    decision (:func:`award_table`); a plan (:func:`plan_table`); a progress report
    (:func:`progress_table`); a score table (:func:`input_table`, long).

    >>> table_of(3.5)
    Traceback (most recent call last):
    ...
    cchc.errors.CchcTypeError: value = 3.5: cannot make a table of a float
    """
    if isinstance(value, Table):
        return value
    if isinstance(value, Scorecard | SelfAssessedScorecard):
        return scorecard_table(value, names=names)
    if isinstance(value, BatchResult):
        return results_table(value, names=names)
    if isinstance(value, Ranking):
        return ranking_table(value, names=names)
    if isinstance(value, CampaignResult):
        units = names if names is not None else value.campaign.units
        return standings_table(value.ranking, names=units, decision=value.decision)
    if isinstance(value, AwardDecision):
        return award_table(value)
    if isinstance(value, Plan):
        return plan_table(value, names=names)
    if isinstance(value, ProgressReport):
        return progress_table(value, names=names)
    if isinstance(value, ScoreTable):
        return input_table(value)
    if isinstance(value, tuple | list) and all(isinstance(v, CouncilChange) for v in value):
        return council_table(value, names=names)
    raise CchcTypeError(
        f"cannot make a table of a {type(value).__name__}",
        vi="không lập được bảng từ giá trị này (cần phiếu điểm, kết quả chấm điểm, bảng xếp "
        "hạng, quyết định khen thưởng, kế hoạch hoặc báo cáo tiến độ)",
        field="value",
        value=value,
    )


def campaign_changes(result: CampaignResult) -> Table:
    """The council's changes of a campaign's result, with the campaign's unit names."""
    return council_table(council_changes_of(result), names=result.campaign.units)


# ---------------------------------------------------------------------------------------------
# CSV


def _csv_text(value: object, column: Column, titles: bool, decimal: str, digits: int) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        if titles:
            return "có" if value else "không"
        return "true" if value else "false"
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        value = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if isinstance(value, Decimal):
        shown = f"{value:f}"
        return shown.replace(".", decimal) if decimal != "." else shown
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}" if titles else value.isoformat()
    return str(value)


def write_csv(
    table: Table,
    target: str | os.PathLike[str] | IO[str],
    *,
    headers: str = "names",
    delimiter: str = ",",
    decimal: str = ".",
    index_digits: int = 2,
) -> None:
    """Write ``table`` as CSV in UTF-8 with a byte-order mark, so that Excel shows Vietnamese
    correctly on a double click; ``target`` is a path or an open text file.

    ``headers="names"`` (the default) heads the columns with their names (``points``), for
    pandas and other programs; ``"titles"`` with their Vietnamese titles (``Điểm``), dates as
    dd/mm/yyyy and yes/no as có/không, for people. Exact decimals are written as they are;
    an index (a :class:`~fractions.Fraction`) to ``index_digits`` decimals, half up, as the
    library shows an index everywhere. Excel set to Vietnamese expects ``delimiter=";"`` and
    ``decimal=","``.

    >>> import tempfile, pathlib
    >>> t = Table("demo", "", [Column("unit", "text", "Đơn vị"),
    ...                        Column("index", "number", "Chỉ số")],
    ...           [("Xã Hòa Bình", Fraction(2, 3) * 100)])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "demo.csv")
    ...     write_csv(t, path, headers="titles", delimiter=";", decimal=",")
    ...     path.read_bytes()[:3], path.read_bytes().decode("utf-8-sig")
    (b'\\xef\\xbb\\xbf', 'Đơn vị;Chỉ số\\r\\nXã Hòa Bình;66,67\\r\\n')
    """
    _require(table, Table, "table", "một bảng")
    one_of(headers, "headers", {"names": "tên cột", "titles": "tiêu đề tiếng Việt"})
    if decimal not in (".", ","):
        raise ValidationError(
            "must be '.' or ','",
            vi="dấu thập phân phải là “.” hoặc “,”",
            field="decimal",
            value=decimal,
        )
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in (decimal, '"'):
        raise ValidationError(
            "must be one character other than the decimal mark and the quote",
            vi="dấu phân cách phải là một ký tự, khác dấu thập phân và dấu ngoặc kép",
            field="delimiter",
            value=delimiter,
        )
    if (
        isinstance(index_digits, bool)
        or not isinstance(index_digits, int)
        or not (0 <= index_digits <= 12)
    ):
        raise ValidationError(
            "must be a whole number from 0 to 12",
            vi="phải là số nguyên từ 0 đến 12",
            field="index_digits",
            value=index_digits,
        )
    titles = headers == "titles"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([c.header if titles else c.name for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                _csv_text(v, c, titles, decimal, index_digits)
                for v, c in zip(row, table.columns, strict=True)
            ]
        )
    if isinstance(target, str | os.PathLike):
        Path(target).write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
        return
    if not hasattr(target, "write"):
        raise CchcTypeError(
            f"must be a path or an open text file, not {type(target).__name__}",
            vi="phải là đường dẫn tệp hoặc tệp văn bản đang mở",
            field="target",
            value=target,
        )
    target.write("\ufeff" + buffer.getvalue())
