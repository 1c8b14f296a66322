"""Charts of the library's results with matplotlib (``pip install cchc[plot]``; matplotlib is
imported only when a function here is called).

Every function returns a :class:`matplotlib.figure.Figure`. Given ``ax=`` (a matplotlib
``Axes``), it draws into that Axes and returns the figure the Axes belongs to; otherwise it
makes a new figure with ``matplotlib.figure.Figure``, never through ``pyplot``, so that
pyplot's figure registry and its global state are left alone (nothing is shown, nothing
stays open). Save a figure with ``fig.savefig("ranking.png")``; in a notebook it shows itself.

========================  =====================================================================
:func:`ranking_bars`      each group's units, best first, coloured by band, the band thresholds
                          drawn
:func:`field_heatmap`     units × fields: each field's component index (per cent)
:func:`field_radar`       one unit's fields against its group's mean
:func:`year_slopes`       two years' index (or rank) per unit
                          (:func:`cchc.scoring.compare_years`)
:func:`council_bars`      self-assessment against the council's appraisal, per unit or
                          per change
:func:`progress_bars`     a plan's tasks by reform area, stacked by state on the report day
:func:`structure_bars`    a framework's fields and criteria with their maximum points
:func:`rank_intervals`    each unit's nominal and median rank with its 5th–95th
                          percentile interval (any :class:`RankUncertainty`)
========================  =====================================================================

Labels are Vietnamese by default; ``lang="en"`` gives English. Text is set in
:data:`FONT` (DejaVu Sans, which ships with matplotlib and has every Vietnamese letter), per
figure, so a notebook whose default font lacks "ệ" or "ư" still draws unit names whole.

Numbers are drawn as floats, and only drawn: bands, ranks and the values written on the bars
come from the exact results (an index is written to two decimals, ROUND_HALF_UP, as
:attr:`cchc.scoring.RankedUnit.index_rounded` gives it). Nothing is decided here.

>>> from cchc.examples import load, load_results, load_settlements
>>> from cchc.campaigns import run_campaign
>>> ex = load("chau-thanh-2021")
>>> result = run_campaign(ex.campaign, load_results("chau-thanh-2021"),
...                       settlements=load_settlements("chau-thanh-2021"))
>>> fig = ranking_bars(result)
>>> ax = fig.axes[0]
>>> [label.get_text() for label in ax.get_yticklabels()][:2]
['1. Phòng Nội vụ', '2. Phòng Tài chính - Kế hoạch']
>>> from cchc.display import band_colours
>>> band_colours(result.final.framework)["Xuất sắc"]
'#4575b4'

**Colours.** Bands take the colours a notebook table gives them, from one palette kept in
:mod:`cchc.display`: :data:`cchc.display.BAND_PALETTE`, the nine-class diverging "RdYlBu"
scheme of ColorBrewer 2.0 (Cynthia Brewer and Mark Harrower, https://colorbrewer2.org/,
also shipped by matplotlib as ``RdYlBu``), which ColorBrewer marks as safe for colour-blind
readers: the highest band is blue, the lowest red, and the bands between are spread evenly
over the nine colours (:func:`cchc.display.band_colours`). A unit without a band is
:data:`cchc.display.NO_BAND_COLOUR`. Task states take :data:`STATE_COLOURS`, from the same
palette. The band's name is always written beside its colour (a legend), so colour is never
the only cue.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import numbers
import textwrap
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

from cchc._fields import items_of, of_type, one_of, require, text, whole
from cchc.areas import ReformArea
from cchc.campaigns import CampaignResult
from cchc.criteria import Band, BandBasis, Criterion, Extra, Framework
from cchc.display import BAND_PALETTE, NO_BAND_COLOUR, band_colours
from cchc.errors import CchcTypeError, NotFoundError, ValidationError
from cchc.lang import Lang, LangLike, lang_of
from cchc.letterhead import vi_number
from cchc.plans import ProgressReport, TaskState
from cchc.scoring import (
    BatchResult,
    CouncilChange,
    RankedUnit,
    Ranking,
    YearChange,
    council_change_report,
    rank,
)
from cchc.tables import Names, band_order, name_lookup
from cchc.text import fold
from cchc.units import UnitGroup

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    # colours and type
    "FONT",
    "GroupNames",
    "MAX_ROWS",
    "STATE_COLOURS",
    # results of one year
    "council_bars",
    "field_heatmap",
    "field_radar",
    "ranking_bars",
    # over time and under uncertainty
    "RankUncertainty",
    "rank_intervals",
    "year_slopes",
    # plans and frameworks
    "progress_bars",
    "structure_bars",
]

#: The font every text of a chart is set in: DejaVu Sans ships with matplotlib and covers
#: Vietnamese (every vowel with its tone and its hat, horn or breve, and Đ).
FONT = "DejaVu Sans"

#: The colour of each task state in :func:`progress_bars` (and in a notebook table), from
#: :data:`cchc.display.BAND_PALETTE`: done on time blue, overdue red, not started grey.
STATE_COLOURS: Mapping[TaskState, str] = types.MappingProxyType(
    {
        TaskState.DONE_ON_TIME: BAND_PALETTE[8],
        TaskState.DONE_LATE: BAND_PALETTE[6],
        TaskState.IN_PROGRESS: BAND_PALETTE[3],
        TaskState.OVERDUE: BAND_PALETTE[0],
        TaskState.NOT_STARTED: NO_BAND_COLOUR,
    }
)

#: The most rows (units, criteria, changes) one chart draws: a province's communes fit, a
#: national batch of 3,321 does not (choose some with ``units=``, or draw group by group).
MAX_ROWS = 250

_EDGE = "#555555"
_SELF = "#fdae61"
_COUNCIL = "#4575b4"
_UP, _DOWN, _SAME = "#4575b4", "#d73027", "#969696"


_WORDS: dict[str, tuple[str, str]] = {
    "index": ("Chỉ số (%)", "Index (%)"),
    "points": ("Điểm", "Points"),
    "rank": ("Thứ hạng", "Rank"),
    "no band": ("Chưa xếp loại", "No band"),
    "ranking": ("Kết quả xếp hạng", "Ranking"),
    "heatmap": ("Chỉ số thành phần theo lĩnh vực (%)", "Component index by field (%)"),
    "group mean": ("Bình quân khối", "Mean of group"),
    "all units": ("Bình quân các đơn vị", "Mean of all units"),
    "before": ("Năm trước", "Previous year"),
    "after": ("Năm nay", "This year"),
    "slopes": ("So sánh giữa hai năm", "Year over year"),
    "self": ("Tự đánh giá", "Self-assessed"),
    "council": ("Sau thẩm định", "After appraisal"),
    "council title": (
        "Điểm tự đánh giá và điểm sau thẩm định của hội đồng",
        "Self-assessed and appraised points",
    ),
    "tasks": ("Số nhiệm vụ", "Tasks"),
    "progress": ("Tiến độ thực hiện", "Progress of"),
    "as of": ("đến ngày", "as of"),
    "no area": ("Chưa gắn lĩnh vực", "No reform area"),
    "no tasks": ("Kế hoạch chưa có nhiệm vụ", "The plan has no tasks"),
    "maximum": ("Điểm tối đa", "Maximum points"),
    "total": ("Tổng điểm tối đa", "Total maximum"),
    "bonus": ("Điểm thưởng", "Bonus"),
    "penalty": ("Điểm trừ", "Penalty"),
    "uncertainty": ("Độ bất định của thứ hạng", "Rank uncertainty"),
    "rank axis": ("Thứ hạng (1 = cao nhất)", "Rank (1 = best)"),
    "nominal": ("Thứ hạng theo phương án gốc", "Nominal rank"),
    "median": ("Trung vị thứ hạng", "Median rank"),
    "interval": ("Khoảng 5%–95%", "5th–95th percentile"),
}


def _say(key: str, vi: bool) -> str:
    return _WORDS[key][0 if vi else 1]


def _is_vi(lang: object) -> bool:
    return lang_of(lang) is Lang.VI


# ---------------------------------------------------------------------------------------------
# figures, axes and type


def _matplotlib() -> types.ModuleType:
    """matplotlib, or the :class:`~cchc.errors.MissingExtraError` that says how to install it."""
    return require("matplotlib", "plot", "Plots", "Biểu đồ")  # type: ignore[no-any-return]


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """Draw in :data:`FONT`, for this figure only (the global settings are left alone)."""
    with _matplotlib().rc_context({"font.family": [FONT]}):
        yield


def _axes(ax: object, size: tuple[float, float], *, polar: bool = False) -> tuple[Figure, Axes]:
    """A new figure and its Axes, or the figure of the given ``ax``."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=size, layout="constrained")
        return fig, fig.add_subplot(projection="polar" if polar else None)
    if not isinstance(ax, Axes):
        raise CchcTypeError(
            f"must be a matplotlib Axes, not {type(ax).__name__}",
            vi="phải là một vùng vẽ (Axes) của matplotlib",
            field="ax",
            value=ax,
        )
    if polar and ax.name != "polar":
        raise ValidationError(
            f"must be a polar Axes for a radar chart, not a {ax.name!r} one "
            "(fig.add_subplot(projection='polar'))",
            vi="biểu đồ mạng nhện cần vùng vẽ dạng cực (projection='polar')",
            field="ax",
            value=ax.name,
        )
    try:
        root = ax.get_figure(root=True)
    except TypeError:  # matplotlib before 3.10: a subfigure's ``figure`` is the root
        parent: Any = ax.figure
        root = getattr(parent, "figure", parent)
    if root is None:
        raise ValidationError(
            "belongs to no figure", vi="vùng vẽ không thuộc hình vẽ nào", field="ax", value=ax
        )
    return root, ax


def _finish(ax: Axes) -> None:
    """Every text of ``ax`` in :data:`FONT`, also in an Axes made under another font."""
    ax.tick_params(labelfontfamily=FONT)
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
    legend = ax.get_legend()
    if legend is not None:
        texts += [*legend.get_texts(), legend.get_title()]
    for item in texts:
        item.set_fontfamily(FONT)


def _height(rows: int) -> float:
    return 1.4 + 0.32 * rows


def _rows(n: int, what: str, what_vi: str, field: str) -> None:
    if n > MAX_ROWS:
        raise ValidationError(
            f"has {n} {what}; a chart draws at most {MAX_ROWS}: choose fewer",
            vi=f"có {n} {what_vi}, một biểu đồ chỉ vẽ được tối đa {MAX_ROWS}; hãy chọn bớt",
            field=field,
            value=n,
        )


#: Titles are wrapped at this many characters, to stay over their Axes.
_TITLE = 55


def _wrap(value: str, width: int) -> str:
    return textwrap.fill(value, width, break_long_words=False) or value


# ---------------------------------------------------------------------------------------------
# numbers as written on a chart


def _decimal(value: Fraction | Decimal | int, places: int) -> Decimal:
    exact = Fraction(value)
    number = Decimal(exact.numerator) / Decimal(exact.denominator)
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value: Fraction | Decimal | int, vi: bool, places: int = 2) -> str:
    """``value`` to ``places`` decimals (ROUND_HALF_UP), as a reader of the language writes it."""
    rounded = _decimal(value, places)
    return vi_number(rounded, places) if vi else f"{rounded:f}"


def _plain(value: Decimal, vi: bool) -> str:
    """A Decimal without trailing zeros (a maximum, a band's bound): 90, 14,5."""
    normal = value.normalize()
    shown = normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
    return vi_number(shown) if vi else f"{shown:f}"


# ---------------------------------------------------------------------------------------------
# what the charts of results take


_RESULTS = "a CampaignResult, a Ranking or a BatchResult"
_RESULTS_VI = "kết quả phong trào thi đua, bảng xếp hạng hoặc kết quả chấm điểm"


def _not_results(value: object, field: str = "result") -> CchcTypeError:
    return CchcTypeError(
        f"must be {_RESULTS}, not {type(value).__name__}",
        vi=f"phải là {_RESULTS_VI}",
        field=field,
        value=value,
    )


def _ranking_of(result: object) -> Ranking:
    if isinstance(result, CampaignResult):
        return result.ranking
    if isinstance(result, Ranking):
        return result
    if isinstance(result, BatchResult):
        groups = dict(zip(result.units, result.groups, strict=True)) if result.groups else None
        return rank(result, groups)
    raise _not_results(result)


def _batch_of(result: object) -> tuple[BatchResult, tuple[str, ...], Sequence[int]]:
    """The batch, each unit's group code in column order, and the columns in the order to
    draw them (ranking order where there is a ranking)."""
    if isinstance(result, CampaignResult):
        result = result.ranking
    if isinstance(result, Ranking):
        return result.result, result.groups, result.order.tolist()
    if isinstance(result, BatchResult):
        groups = result.groups or ("",) * len(result.units)
        return result, groups, range(len(result.units))
    raise _not_results(result)


def _default_names(result: object, names: Names | None) -> Names | None:
    if names is None and isinstance(result, CampaignResult):
        return result.campaign.units
    return names


GroupNames = Mapping[str, str] | Iterable[UnitGroup]
"""Where a chart finds group names: the campaign's groups, or a mapping code → name."""


def _group_lookup(result: object, group_names: GroupNames | None) -> dict[str, str]:
    if group_names is None and isinstance(result, CampaignResult):
        group_names = result.campaign.groups
    if group_names is None:
        return {}
    if isinstance(group_names, Mapping):
        return {
            fold(text(code, "group_names")): text(name, f"group_names[{code!r}]")
            for code, name in group_names.items()
        }
    return {
        fold(group.code): group.name for group in items_of(group_names, UnitGroup, "group_names")
    }


def _chosen(codes: Sequence[str], units: Iterable[str] | None) -> list[int]:
    """Positions of the ``units`` chosen (all where None), in the order of ``codes``."""
    if units is None:
        return list(range(len(codes)))
    wanted = {fold(text(u, f"units[{i}]")): u for i, u in enumerate(items_of(units, str, "units"))}
    known = {fold(c) for c in codes}
    missing = [u for key, u in wanted.items() if key not in known]
    if missing:
        raise NotFoundError(
            "names units not in the result",
            vi="có đơn vị không có trong kết quả: " + ", ".join(missing),
            field="units",
            value=missing,
        )
    return [i for i, c in enumerate(codes) if fold(c) in wanted]


def _label(code: str, name_of: Any) -> str:
    name = name_of(code)
    return str(name) if name else code


def _bound_label(band: Band, vi: bool) -> str:
    sign = "≥" if band.lower_inclusive else ">"
    return f"{band.label} ({sign} {_plain(band.lower, vi)})"


def _band_legend(
    ax: Axes, framework: Framework, colours: Mapping[str, str], vi: bool, unbanded: bool
) -> None:
    from matplotlib.patches import Patch

    by_label = {band.label: band for band in framework.bands}
    handles = [
        Patch(facecolor=colours[label], edgecolor=_EDGE, label=_bound_label(by_label[label], vi))
        for label in reversed(band_order(framework))
    ]
    if unbanded:
        handles.append(Patch(facecolor=NO_BAND_COLOUR, edgecolor=_EDGE, label=_say("no band", vi)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


# ---------------------------------------------------------------------------------------------
# ranking


def ranking_bars(
    result: CampaignResult | Ranking | BatchResult,
    *,
    names: Names | None = None,
    group_names: GroupNames | None = None,
    units: Iterable[str] | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """Horizontal bars of each group's units, best first, coloured by band, with a dashed line
    at each band's lower bound (its threshold) and the band legend.

    ``result`` is a campaign's result (unit and group names come with it), a
    :class:`~cchc.scoring.Ranking`, or a :class:`~cchc.scoring.BatchResult` (ranked here by
    :func:`cchc.scoring.rank` within the groups it was scored in). Bars show the index (per
    cent), or the points where the framework's bands are on points. ``names`` (a unit tree,
    units, or a mapping code → name) labels units by name; ``group_names`` (the campaign's
    groups, or a mapping code → name) heads each group by its name; ``units`` draws only the
    units named. Each bar's ``gid`` is ``unit:<code>``, each threshold line's
    ``threshold:<band>``.

    >>> from cchc.examples import load, load_results
    >>> from cchc.campaigns import run_campaign
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> ax = ranking_bars(result, units=["CT-NV", "CT-VH"], lang="en").axes[0]
    >>> [(p.get_gid(), round(float(p.get_width()), 2)) for p in ax.patches]
    [('unit:CT-NV', 97.1), ('unit:CT-VH', 62.45)]
    >>> sorted(line.get_xdata()[0] for line in ax.lines)
    [50.0, 65.0, 80.0, 90.0]
    """
    vi = _is_vi(lang)
    ranking = _ranking_of(result)
    fw = ranking.result.framework
    name_of = name_lookup(_default_names(result, names))
    group_of = _group_lookup(result, group_names)
    entries = ranking.entries
    entries = tuple(entries[i] for i in _chosen([e.unit for e in entries], units))
    _rows(len(entries), "units", "đơn vị", "units")
    colours = band_colours(fw)
    on_points = fw.band_basis is BandBasis.POINTS
    top = float(fw.points_top if on_points else fw.index_top)

    def value(entry: RankedUnit) -> float:
        return float(entry.points if on_points else entry.index)

    groups = [(g, list(rows)) for g, rows in itertools.groupby(entries, key=lambda e: e.group)]
    headed = len(groups) > 1 or any(g for g, _ in groups)
    with _style():
        fig, ax = _axes(ax, (9.5, _height(len(entries) + (len(groups) if headed else 0))))
        from matplotlib.transforms import blended_transform_factory

        heading = blended_transform_factory(ax.transAxes, ax.transData)
        y = 0
        ys: list[int] = []
        labels: list[str] = []
        drawn: list[RankedUnit] = []
        for group, rows in groups:
            if headed:
                ax.text(
                    0.005,
                    y,
                    group_of.get(fold(group), group),
                    transform=heading,
                    fontweight="bold",
                    va="center",
                    gid=f"group:{group}",
                )
                y += 1
            for entry in rows:
                ys.append(y)
                labels.append(f"{entry.rank}. {_label(entry.unit, name_of)}")
                drawn.append(entry)
                y += 1
        bars = ax.barh(
            ys,
            [value(e) for e in drawn],
            color=[colours.get(e.band or "", NO_BAND_COLOUR) for e in drawn],
            edgecolor=_EDGE,
            linewidth=0.5,
        )
        for bar, entry in zip(bars, drawn, strict=True):
            bar.set_gid(f"unit:{entry.unit}")
            shown = (
                _plain(entry.points, vi) if on_points else _number(entry.index_rounded, vi) + "%"
            )
            ax.text(
                value(entry) + top * 0.01,
                bar.get_y() + bar.get_height() / 2,
                shown,
                va="center",
                fontsize="small",
                gid=f"value:{entry.unit}",
            )
        for band in fw.bands:
            if band.lower > 0:
                ax.axvline(
                    float(band.lower),
                    color=_EDGE,
                    linestyle="--",
                    linewidth=0.8,
                    gid=f"threshold:{band.label}",
                )
        ax.set_yticks(ys, labels)
        ax.set_ylim(y - 0.5, -0.5)
        ax.set_xlim(0, top * 1.12)
        ax.set_xlabel(_say("points" if on_points else "index", vi))
        ax.set_title(_wrap(f"{_say('ranking', vi)}: {fw.title}", _TITLE))
        _band_legend(ax, fw, colours, vi, any(e.band is None for e in drawn))
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# fields


def _base_fields(fw: Framework) -> tuple[Criterion, ...]:
    return tuple(c for c in fw.criteria if c.extra is Extra.BASE)


def _field_label(field: Criterion, width: int) -> str:
    return _wrap(f"{field.code}. {field.title}", width)


def field_heatmap(
    result: CampaignResult | Ranking | BatchResult,
    *,
    names: Names | None = None,
    units: Iterable[str] | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """A heatmap of units (rows, in ranking order where there is a ranking) by the
    framework's fields (columns): each field's component index, its points / its maximum ×
    100, written in its cell to one decimal. A field that does not apply to a unit is a grey
    cell marked "—". Bonus and penalty fields, outside the scale, are left out. Colours run
    from red (0 %) to blue (100 %) on matplotlib's ``RdYlBu``, the scale of
    :data:`cchc.display.BAND_PALETTE`. The image's ``gid`` is ``heatmap``, each cell's text
    ``cell:<unit>:<field>``.

    >>> from cchc.examples import load, load_results
    >>> from cchc.campaigns import run_campaign
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> ax = field_heatmap(result).axes[0]
    >>> ax.images[0].get_array().shape
    (10, 6)
    >>> result.final.scorecard("CT-VH").component_index("1")
    Fraction(220, 3)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "cell:CT-VH:1"]
    ['73,3']
    """
    vi = _is_vi(lang)
    batch, _, order = _batch_of(result)
    name_of = name_lookup(_default_names(result, names))
    columns = [order[i] for i in _chosen([batch.units[j] for j in order], units)]
    _rows(len(columns), "units", "đơn vị", "units")
    fields = _base_fields(batch.framework)
    indices = [batch.component_index(f.code) for f in fields]
    exact = [[indices[k][j] for k in range(len(fields))] for j in columns]
    import numpy as np

    data = np.ma.masked_invalid(
        np.array([[math.nan if v is None else float(v) for v in row] for row in exact], dtype=float)
    )
    with _style():
        mpl = _matplotlib()
        fig, ax = _axes(ax, (3.5 + 1.5 * len(fields), _height(len(columns)) + 0.6))
        cmap = mpl.colormaps["RdYlBu"].with_extremes(bad="#eeeeee")
        image = ax.imshow(data, cmap=cmap, vmin=0, vmax=100, aspect="auto")
        image.set_gid("heatmap")
        for r, (j, row) in enumerate(zip(columns, exact, strict=True)):
            for k, cell in enumerate(row):
                red, green, blue, _ = (
                    cmap(float(cell) / 100) if cell is not None else cmap.get_bad()
                )
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
                ax.text(
                    k,
                    r,
                    "—" if cell is None else _number(cell, vi, 1),
                    ha="center",
                    va="center",
                    fontsize="small",
                    color="white" if dark else "black",
                    gid=f"cell:{batch.units[j]}:{fields[k].code}",
                )
        ax.set_xticks(range(len(fields)), [_field_label(f, 16) for f in fields])
        ax.set_yticks(range(len(columns)), [_label(batch.units[j], name_of) for j in columns])
        ax.tick_params(axis="x", labelsize="small")
        colourbar = fig.colorbar(image, ax=ax, fraction=0.04)
        colourbar.set_label(_say("index", vi), fontfamily=FONT)
        ax.set_title(_wrap(f"{_say('heatmap', vi)}: {batch.framework.title}", _TITLE))
        _finish(ax)
    return fig


def _column_of(batch: BatchResult, unit: object) -> int:
    key = fold(text(unit, "unit"))
    for j, code in enumerate(batch.units):
        if fold(code) == key:
            return j
    raise NotFoundError(
        "unit not in this result",
        vi="đơn vị này không có trong kết quả chấm điểm",
        field="unit",
        value=unit,
    )


def _mean(values: Iterable[Fraction | None]) -> Fraction | None:
    present = [v for v in values if v is not None]
    return sum(present, Fraction(0)) / len(present) if present else None


def field_radar(
    result: CampaignResult | Ranking | BatchResult,
    unit: str,
    *,
    names: Names | None = None,
    group_names: GroupNames | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """A radar (spider) chart of one unit's component index on each field against the mean of
    its group (the units it is ranked with; every unit of the result where it was scored in no
    group). The mean of a field is taken exactly over the units it applies to. A field that
    does not apply to the unit leaves a gap. ``ax``, if given, must be polar
    (``fig.add_subplot(projection="polar")``). The unit's line has ``gid`` ``unit``, the
    mean's ``group-mean``.

    >>> from cchc.examples import load, load_results
    >>> from cchc.campaigns import run_campaign
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> ax = field_radar(result, "CT-VH").axes[0]
    >>> [line.get_label() for line in ax.lines]
    ['Phòng Văn hóa và Thông tin', 'Bình quân khối Phòng, ban, ngành huyện']
    """
    vi = _is_vi(lang)
    batch, groups, _ = _batch_of(result)
    j = _column_of(batch, unit)
    name_of = name_lookup(_default_names(result, names))
    group_of = _group_lookup(result, group_names)
    fields = _base_fields(batch.framework)
    members = [i for i, g in enumerate(groups) if g == groups[j]]
    own: list[float] = []
    mean: list[float] = []
    for field in fields:
        column = batch.component_index(field.code)
        mine, average = column[j], _mean(column[i] for i in members)
        own.append(math.nan if mine is None else float(mine))
        mean.append(math.nan if average is None else float(average))
    group = groups[j]
    if group:
        mean_label = f"{_say('group mean', vi)} {group_of.get(fold(group), group)}"
    else:
        mean_label = _say("all units", vi)
    angles = [2 * math.pi * k / len(fields) for k in range(len(fields))]
    with _style():
        fig, ax = _axes(ax, (7.5, 7.0), polar=True)
        closed = [*angles, angles[0]]
        ax.plot(
            closed,
            [*own, own[0]],
            color=_COUNCIL,
            linewidth=2,
            label=_label(batch.units[j], name_of),
            gid="unit",
        )
        ax.fill(closed, [*own, own[0]], color=_COUNCIL, alpha=0.2)
        ax.plot(
            closed,
            [*mean, mean[0]],
            color=_DOWN,
            linestyle="--",
            linewidth=1.5,
            label=mean_label,
            gid="group-mean",
        )
        ax.set_xticks(angles, [_field_label(f, 18) for f in fields])
        ax.tick_params(axis="x", labelsize="small", pad=8)
        ax.set_theta_offset(math.pi / 2)  # type: ignore[attr-defined]
        ax.set_theta_direction(-1)  # type: ignore[attr-defined]
        ax.set_ylim(0, 100)
        ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", "100"])
        ax.set_title(_wrap(_label(batch.units[j], name_of), _TITLE))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), frameon=False)
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# over time


_MEASURES = {"index": "chỉ số", "rank": "thứ hạng"}


def _apart(labels: Sequence[tuple[float, str]], gap: float) -> list[tuple[float, str]]:
    """The labels' heights moved apart so that no two are closer than ``gap``: each run of
    labels too close together is spread evenly about its mean height.

    >>> [y for y, _ in _apart([(1.0, "a"), (1.1, "b"), (5.0, "c")], 1.0)]
    [0.55, 1.55, 5.0]
    """
    ordered = sorted(labels, key=lambda item: item[0])
    runs: list[list[tuple[float, str]]] = []
    for item in ordered:
        runs.append([item])
        while len(runs) > 1:
            below, above = runs[-2], runs[-1]
            top_of_below = _centre(below) + gap * (len(below) - 1) / 2
            bottom_of_above = _centre(above) - gap * (len(above) - 1) / 2
            if bottom_of_above - top_of_below >= gap:
                break
            runs[-2:] = [below + above]
    out = []
    for run in runs:
        start = _centre(run) - gap * (len(run) - 1) / 2
        out += [(start + gap * k, shown) for k, (_, shown) in enumerate(run)]
    return out


def _centre(run: Sequence[tuple[float, str]]) -> float:
    return sum(y for y, _ in run) / len(run)


def year_slopes(
    changes: Iterable[YearChange],
    *,
    years: tuple[object, object] | None = None,
    measure: str = "index",
    names: Names | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """A slope chart of two years: each unit's index (``measure="index"``) or rank
    (``"rank"``, rank 1 on top) in the previous year on the left and this year on the right,
    from :func:`cchc.scoring.compare_years`. A line rises in blue, falls in red, stays grey;
    a unit ranked in one year only is a single grey point. ``years`` labels the two sides
    (``(2022, 2023)``). Each unit's line has ``gid`` ``unit:<code>``.

    >>> from cchc.criteria import load_bundled
    >>> from cchc.scoring import ScoreTable, compare_years, rank, score_table
    >>> fw = load_bundled("cchc-campaign-6")
    >>> def year(a, b):
    ...     return rank(score_table(ScoreTable.from_wide(fw, [{"unit": "A", "1.1": a},
    ...                                                       {"unit": "B", "1.1": b}])))
    >>> ax = year_slopes(compare_years(year("5", "8"), year("7", "4")), years=(2022, 2023)).axes[0]
    >>> [(line.get_gid(), [float(y) for y in line.get_ydata()]) for line in ax.lines]
    [('unit:A', [5.0, 7.0]), ('unit:B', [8.0, 4.0])]
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['2022', '2023']
    """
    vi = _is_vi(lang)
    moves = items_of(changes, YearChange, "changes")
    _rows(len(moves), "units", "đơn vị", "changes")
    by_rank = one_of(measure, "measure", _MEASURES) == "rank"
    name_of = name_lookup(names)
    if years is None:
        sides = (_say("before", vi), _say("after", vi))
    else:
        pair: tuple[str | int, ...] = items_of(years, (str, int), "years")
        if len(pair) != 2:
            raise ValidationError(
                f"must name two years, not {len(pair)}",
                vi="phải ghi đúng hai năm",
                field="years",
                value=years,
            )
        sides = (str(pair[0]), str(pair[1]))

    def value(index: Fraction | None, place: int | None) -> float | None:
        if by_rank:
            return None if place is None else float(place)
        return None if index is None else float(index)

    def written(index: Fraction | None, place: int | None) -> str:
        if by_rank:
            return str(place)
        return _number(index, vi) if index is not None else ""

    with _style():
        fig, ax = _axes(ax, (8.0, _height(len(moves)) + 1.0))
        left: list[tuple[float, str]] = []
        right: list[tuple[float, str]] = []
        for move in moves:
            before = value(move.index_before, move.rank_before)
            after = value(move.index_after, move.rank_after)
            label = _label(move.unit, name_of)
            gid = f"unit:{move.unit}"
            if before is not None and after is not None:
                better = after < before if by_rank else after > before
                colour = _SAME if after == before else _UP if better else _DOWN
                ax.plot([0, 1], [before, after], color=colour, marker="o", gid=gid)
            else:
                x, y = (0, before) if after is None else (1, after)
                if y is not None:  # a unit ranked in one year only
                    ax.plot([x], [y], color=_SAME, marker="o", linestyle="none", gid=gid)
            if before is not None:
                left.append((before, written(move.index_before, move.rank_before)))
            if after is not None:
                right.append((after, f"{written(move.index_after, move.rank_after)}  {label}"))
        ax.autoscale_view()
        low, high = ax.get_ylim()
        gap = abs(high - low) * 0.035
        for at, side, align in ((-0.04, left, "right"), (1.04, right, "left")):
            for height, shown in _apart(side, gap):
                ax.text(at, height, shown, ha=align, va="center", fontsize="small")
        ax.set_xticks([0, 1], list(sides))
        ax.set_xlim(-0.35, 2.2)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_ylabel(_say("rank" if by_rank else "index", vi))
        if by_rank:
            ax.invert_yaxis()
        ax.set_title(_say("slopes", vi))
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# the council


def council_bars(
    value: CampaignResult | BatchResult | Iterable[CouncilChange],
    final: BatchResult | None = None,
    *,
    names: Names | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """Self-assessment against the council's appraisal, as pairs of bars.

    - Given a campaign's result, or the self-assessed batch and the ``final`` one: one pair
      per unit, its self-assessed total points and the same total with the council's changes
      (:func:`cchc.scoring.council_change_report`) applied; the change is written beside.
      Both bars are totals of the self-assessment: survey points, which neither the unit nor
      the council gives, are on neither (the final total is in :func:`ranking_bars`).
    - Given council changes (:func:`cchc.scoring.council_changes`,
      :func:`cchc.campaigns.council_changes_of`): one pair per change, the criterion's
      points before and after.

    The self-assessed bar's ``gid`` is ``self:<unit>`` (``self:<unit>:<criterion>`` for a
    change), the council's ``council:…``.

    >>> from cchc.examples import load, load_results
    >>> from cchc.campaigns import run_campaign, council_changes_of
    >>> result = run_campaign(load("chau-thanh-2021").campaign, load_results("chau-thanh-2021"))
    >>> ax = council_bars(council_changes_of(result)).axes[0]
    >>> [(p.get_gid(), float(p.get_width())) for p in ax.patches][:2]
    [('self:CT-VP:3.1', 9.0), ('council:CT-VP:3.1', 8.0)]
    """
    vi = _is_vi(lang)
    name_of = name_lookup(_default_names(value, names))
    rows: list[tuple[str, str, Decimal, Decimal, str]] = []  # gid, label, self, council, note
    if isinstance(value, CampaignResult | BatchResult):
        if isinstance(value, CampaignResult):
            if final is not None:
                raise ValidationError(
                    "is taken from the campaign's result; give only the result",
                    vi="đã có trong kết quả phong trào thi đua; chỉ cần truyền kết quả",
                    field="final",
                    value=final,
                )
            own, final = value.own, value.final
            order: Sequence[int] = value.ranking.order.tolist()
        else:
            own = value
            final = of_type(final, BatchResult, "final")
            order = range(len(own.units))
        _rows(len(own.units), "units", "đơn vị", "value")
        net: dict[str, Decimal] = {}
        for change in council_change_report(own, final):
            net[fold(change.unit)] = net.get(fold(change.unit), Decimal(0)) + change.change
        step = own.framework.precision
        for j in order:
            code = own.units[j]
            before = Decimal(int(own.total[j])) * step
            moved = net.get(fold(code), Decimal(0))
            note = f"{'+' if moved > 0 else ''}{_plain(moved, vi)}" if moved else ""
            rows.append((code, _label(code, name_of), before, before + moved, note))
        axis = _say("points", vi)
    else:
        if final is not None:
            raise ValidationError(
                "is for two batch results; council changes need no second argument",
                vi="chỉ dùng khi so sánh hai kết quả chấm điểm",
                field="final",
                value=final,
            )
        if not isinstance(value, Iterable) or isinstance(value, str | bytes | Mapping):
            raise CchcTypeError(
                "must be a CampaignResult, a BatchResult or council changes, "
                f"not {type(value).__name__}",
                vi="phải là kết quả phong trào thi đua, kết quả chấm điểm hoặc danh sách "
                "điểm hội đồng thẩm định đã điều chỉnh",
                field="value",
                value=value,
            )
        changes = items_of(value, CouncilChange, "value")
        _rows(len(changes), "changes", "điểm điều chỉnh", "value")
        for c in changes:
            note = f"{'+' if c.change > 0 else ''}{_plain(c.change, vi)}"
            rows.append(
                (
                    f"{c.unit}:{c.code}",
                    f"{_label(c.unit, name_of)} · {c.code}",
                    c.self_points,
                    c.appraised_points,
                    note,
                )
            )
        axis = _say("points", vi)
    with _style():
        fig, ax = _axes(ax, (9.0, _height(len(rows)) + 0.4))
        ys = list(range(len(rows)))
        top = max([float(max(r[2], r[3])) for r in rows], default=1.0) or 1.0
        for y, (gid, _, before, after, note) in zip(ys, rows, strict=True):
            (own_bar,) = ax.barh(
                [y - 0.2], [float(before)], height=0.38, color=_SELF, edgecolor=_EDGE, linewidth=0.5
            )
            own_bar.set_gid(f"self:{gid}")
            (council,) = ax.barh(
                [y + 0.2],
                [float(after)],
                height=0.38,
                color=_COUNCIL,
                edgecolor=_EDGE,
                linewidth=0.5,
            )
            council.set_gid(f"council:{gid}")
            if note:
                ax.text(
                    float(after) + top * 0.01,
                    y + 0.2,
                    note,
                    va="center",
                    fontsize="small",
                    gid=f"change:{gid}",
                )
        ax.set_yticks(ys, [r[1] for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.12)
        ax.set_xlabel(axis)
        from matplotlib.patches import Patch

        ax.legend(
            handles=[
                Patch(facecolor=_SELF, edgecolor=_EDGE, label=_say("self", vi)),
                Patch(facecolor=_COUNCIL, edgecolor=_EDGE, label=_say("council", vi)),
            ],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
        ax.set_title(_say("council title", vi))
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# plans


def _area_label(code: str, vi: bool) -> str:
    if not code:
        return _say("no area", vi)
    area = ReformArea.from_code(code)
    return area.vi if vi else area.en


_STATES = (
    TaskState.DONE_ON_TIME,
    TaskState.DONE_LATE,
    TaskState.IN_PROGRESS,
    TaskState.OVERDUE,
    TaskState.NOT_STARTED,
)


def progress_bars(
    report: ProgressReport, *, lang: LangLike = Lang.VI, ax: Axes | None = None
) -> Figure:
    """A plan's tasks per reform area (:attr:`cchc.plans.ProgressReport.by_area`), one bar
    per area stacked by the tasks' state on the report day: done on time, done late, in
    progress, overdue, not started, in :data:`STATE_COLOURS`, each segment with its count.
    Each segment's ``gid`` is ``<state>:<area code>`` (``""`` for tasks without an area).

    >>> from cchc.examples import load
    >>> ax = progress_bars(load("gia-lam-9m-2021").report()).axes[0]
    >>> [label.get_text() for label in ax.get_yticklabels()][:2]
    ['Cải cách thể chế', 'Cải cách thủ tục hành chính']
    >>> [(p.get_gid(), int(p.get_width())) for p in ax.patches][:3]
    [('done-on-time:TC', 1), ('in-progress:TC', 1), ('not-started:TC', 1)]
    """
    vi = _is_vi(lang)
    of_type(report, ProgressReport, "report")
    areas = report.by_area
    with _style():
        from matplotlib.patches import Patch
        from matplotlib.ticker import MaxNLocator

        fig, ax = _axes(ax, (9.5, _height(max(len(areas), 2))))
        for y, (code, tally) in enumerate(areas):
            left = 0
            for state in _STATES:
                count = tally.count(state)
                if not count:
                    continue
                (bar,) = ax.barh(
                    [y],
                    [count],
                    left=[left],
                    color=STATE_COLOURS[state],
                    edgecolor=_EDGE,
                    linewidth=0.5,
                )
                bar.set_gid(f"{state.value}:{code}")
                colour = (
                    "white" if state in (TaskState.DONE_ON_TIME, TaskState.OVERDUE) else "black"
                )
                ax.text(
                    left + count / 2,
                    y,
                    str(count),
                    ha="center",
                    va="center",
                    color=colour,
                    fontsize="small",
                    gid=f"count:{state.value}:{code}",
                )
                left += count
        if not areas:
            ax.text(0.5, 0.5, _say("no tasks", vi), transform=ax.transAxes, ha="center")
        ax.set_yticks(range(len(areas)), [_area_label(code, vi) for code, _ in areas])
        ax.set_ylim(max(len(areas), 1) - 0.5, -0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(_say("tasks", vi))
        ax.legend(
            handles=[
                Patch(facecolor=STATE_COLOURS[s], edgecolor=_EDGE, label=s.vi if vi else s.en)
                for s in _STATES
            ],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
        day = report.as_of.strftime("%d/%m/%Y") if vi else report.as_of.isoformat()
        ax.set_title(
            _wrap(f"{_say('progress', vi)} {report.plan} {_say('as of', vi)} {day}", _TITLE)
        )
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# frameworks


def _nodes(fw: Framework, depth: int) -> list[tuple[int, Criterion]]:
    out: list[tuple[int, Criterion]] = []

    def visit(node: Criterion, level: int) -> None:
        out.append((level, node))
        if level < depth:
            for child in node.children:
                visit(child, level + 1)
            if len(out) > MAX_ROWS:
                _rows(len(out), "criteria", "tiêu chí", "depth")

    for top in fw.criteria:
        visit(top, 0)
    _rows(len(out), "criteria", "tiêu chí", "depth")
    return out


_LEVEL_COLOURS = ("#4575b4", "#abd9e9", "#e0f3f8")


def structure_bars(
    framework: Framework, *, depth: int = 1, lang: LangLike = Lang.VI, ax: Axes | None = None
) -> Figure:
    """A framework's structure: one horizontal bar per field (``depth=0``), or per field and
    its criteria down to ``depth`` levels below the fields, each as long as its maximum
    points and labelled with its code, title and maximum. Fields are dark blue, criteria
    lighter; bonus fields orange and penalty fields red (both outside the scale). Each bar's
    ``gid`` is ``criterion:<code>``.

    >>> from cchc.criteria import load_bundled
    >>> ax = structure_bars(load_bundled("cchc-campaign-6"), depth=0).axes[0]
    >>> [(p.get_gid(), float(p.get_width())) for p in ax.patches][:3]
    [('criterion:1', 15.0), ('criterion:2', 20.0), ('criterion:3', 15.0)]
    """
    vi = _is_vi(lang)
    of_type(framework, Framework, "framework")
    depth = whole(depth, "depth", minimum=0, maximum=10)
    nodes = _nodes(framework, depth)
    top = max((float(node.maximum) for _, node in nodes), default=1.0) or 1.0
    with _style():
        from matplotlib.patches import Patch

        fig, ax = _axes(ax, (10.0, _height(len(nodes))))
        for y, (level, node) in enumerate(nodes):
            if node.extra is Extra.BONUS:
                colour = _SELF
            elif node.extra is Extra.PENALTY:
                colour = _DOWN
            else:
                colour = _LEVEL_COLOURS[min(level, len(_LEVEL_COLOURS) - 1)]
            (bar,) = ax.barh(
                [y], [float(node.maximum)], color=colour, edgecolor=_EDGE, linewidth=0.5
            )
            bar.set_gid(f"criterion:{node.code}")
            ax.text(
                float(node.maximum) + top * 0.01,
                y,
                _plain(node.maximum, vi),
                va="center",
                fontsize="small",
                gid=f"maximum:{node.code}",
            )
        labels = [
            textwrap.shorten(f"{node.code}. {node.title}", 70, placeholder=" …")
            for _, node in nodes
        ]
        ax.set_yticks(range(len(nodes)), labels)
        for label, (level, _) in zip(ax.get_yticklabels(), nodes, strict=True):
            label.set_fontweight("bold" if level == 0 else "normal")
        ax.set_ylim(len(nodes) - 0.5, -0.5)
        ax.set_xlim(0, top * 1.12)
        ax.set_xlabel(_say("maximum", vi))
        handles = [
            Patch(
                facecolor=_LEVEL_COLOURS[0],
                edgecolor=_EDGE,
                label=f"{_say('total', vi)}: {_plain(framework.maximum, vi)}",
            )
        ]
        if framework.bonus_maximum:
            handles.append(Patch(facecolor=_SELF, edgecolor=_EDGE, label=_say("bonus", vi)))
        if framework.penalty_maximum:
            handles.append(Patch(facecolor=_DOWN, edgecolor=_EDGE, label=_say("penalty", vi)))
        ax.legend(handles=handles, loc="lower right", frameon=False)
        ax.set_title(_wrap(framework.title, _TITLE))
        _finish(ax)
    return fig


# ---------------------------------------------------------------------------------------------
# rank uncertainty


class RankUncertainty(Protocol):
    """What :func:`rank_intervals` draws: for each unit (``units``, its code), its
    ``nominal`` rank (under the index as built) and, over the simulated alternatives
    (weights, normalisations, imputations…), its ``median`` rank and the 5th and 95th
    percentiles ``p05`` and ``p95``. Any object with these five attributes will do (the
    uncertainty analysis of ``cchc.sensitivity``, a named tuple, a DataFrame's columns);
    each may be a sequence or a NumPy array, and a rank an int, a Fraction, a Decimal or a
    float (percentiles of a simulation are approximate by nature)."""

    @property
    def units(self) -> Sequence[str] | npt.NDArray[Any]: ...
    @property
    def nominal(self) -> Sequence[Any] | npt.NDArray[Any]: ...
    @property
    def median(self) -> Sequence[Any] | npt.NDArray[Any]: ...
    @property
    def p05(self) -> Sequence[Any] | npt.NDArray[Any]: ...
    @property
    def p95(self) -> Sequence[Any] | npt.NDArray[Any]: ...


def _ranks(uncertainty: object, name: str, n: int) -> list[float]:
    try:
        raw = getattr(uncertainty, name)
    except AttributeError:
        raise CchcTypeError(
            f"has no attribute {name!r} (it needs units, nominal, median, p05 and p95)",
            vi=f"thiếu thuộc tính “{name}” (cần có units, nominal, median, p05 và p95)",
            field="uncertainty",
            value=type(uncertainty).__name__,
        ) from None
    values = tuple(raw) if not isinstance(raw, str | bytes | Mapping) else None
    if values is None or len(values) != n:
        raise ValidationError(
            f"must give one rank per unit ({n})",
            vi=f"phải có đúng một thứ hạng cho mỗi đơn vị ({n} đơn vị)",
            field=name,
            value=len(values) if values is not None else raw,
        )
    out = []
    for i, v in enumerate(values):
        if isinstance(v, bool) or not isinstance(v, numbers.Real | Decimal):
            raise CchcTypeError(
                f"must be a number, not {type(v).__name__}",
                vi="phải là một số",
                field=f"{name}[{i}]",
                value=v,
            )
        number = float(v)
        if not math.isfinite(number) or number < 1:
            raise ValidationError(
                "must be a finite rank, 1 or more",
                vi="thứ hạng phải là số hữu hạn, từ 1 trở lên",
                field=f"{name}[{i}]",
                value=v,
            )
        out.append(number)
    return out


def rank_intervals(
    uncertainty: RankUncertainty,
    *,
    names: Names | None = None,
    lang: LangLike = Lang.VI,
    ax: Axes | None = None,
) -> Figure:
    """Each unit's rank under uncertainty (a :class:`RankUncertainty`): a bar from its 5th to
    its 95th percentile rank, a dot at the median and a diamond at the nominal rank; units
    best nominal first, rank 1 on the left. The intervals have ``gid`` ``intervals``, the
    medians ``median``, the nominal ranks ``nominal``.

    >>> from typing import NamedTuple
    >>> class Ranks(NamedTuple):
    ...     units: tuple[str, ...]
    ...     nominal: tuple[int, ...]
    ...     median: tuple[float, ...]
    ...     p05: tuple[float, ...]
    ...     p95: tuple[float, ...]
    >>> r = Ranks(("A", "B", "C"), (2, 1, 3), (2, 1.5, 3), (1, 1, 2), (3, 2, 3))
    >>> ax = rank_intervals(r, lang="en").axes[0]
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['B', 'A', 'C']
    >>> [s[:, 0].tolist() for s in ax.collections[0].get_segments()]
    [[1.0, 2.0], [1.0, 3.0], [2.0, 3.0]]
    """
    vi = _is_vi(lang)
    try:
        raw_units = uncertainty.units
    except AttributeError:
        raw_units = None
    if raw_units is None:
        raise CchcTypeError(
            "has no attribute 'units' (it needs units, nominal, median, p05 and p95)",
            vi="thiếu thuộc tính “units” (cần có units, nominal, median, p05 và p95)",
            field="uncertainty",
            value=type(uncertainty).__name__,
        )
    units = items_of(raw_units, str, "units")
    _rows(len(units), "units", "đơn vị", "units")
    n = len(units)
    nominal, median, low, high = (
        _ranks(uncertainty, name, n) for name in ("nominal", "median", "p05", "p95")
    )
    for i in range(n):
        if not low[i] <= median[i] <= high[i]:
            raise ValidationError(
                f"the median rank {median[i]:g} of {units[i]!r} is not between its 5th "
                f"({low[i]:g}) and 95th ({high[i]:g}) percentiles",
                vi=f"trung vị thứ hạng của “{units[i]}” ({median[i]:g}) không nằm giữa phân vị "
                f"5% ({low[i]:g}) và phân vị 95% ({high[i]:g})",
                field=f"median[{i}]",
                value=median[i],
            )
    name_of = name_lookup(names)
    order = sorted(range(n), key=lambda i: (nominal[i], median[i], fold(units[i])))
    with _style():
        fig, ax = _axes(ax, (8.5, _height(n)))
        ys = list(range(n))
        ax.hlines(
            ys,
            [low[i] for i in order],
            [high[i] for i in order],
            color="#abd9e9",
            linewidth=6,
            label=_say("interval", vi),
            gid="intervals",
        )
        ax.plot(
            [median[i] for i in order],
            ys,
            "o",
            color=_COUNCIL,
            label=_say("median", vi),
            gid="median",
        )
        ax.plot(
            [nominal[i] for i in order],
            ys,
            "D",
            color=_DOWN,
            markersize=5,
            label=_say("nominal", vi),
            gid="nominal",
        )
        ax.set_yticks(ys, [_label(units[i], name_of) for i in order])
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0.5, max([*high, *nominal, 1.0]) + 0.5)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(_say("rank axis", vi))
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.set_title(_say("uncertainty", vi))
        _finish(ax)
    return fig
