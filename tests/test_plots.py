"""Charts: each is rendered to PNG and what it draws is read back from its artists (bars and
their colours, tick labels, threshold lines, cells, markers), against values computed here
from the exact results; Vietnamese text in a font that has it; pyplot and the global settings
left alone."""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import attrs
import matplotlib
import numpy as np
import numpy.typing as npt
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from cchc import display, plots
from cchc.calendar import Period
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import Band, Criterion, Framework, load_bundled
from cchc.errors import CchcTypeError, MissingExtraError, NotFoundError, ValidationError
from cchc.examples import load
from cchc.plans import Plan, ProgressReport, TaskState, progress
from cchc.scoring import (
    BatchResult,
    CouncilChange,
    Ranking,
    ScoreTable,
    YearChange,
    compare_years,
    rank,
    score_table,
)
from tests.office import chau_thanh_result

FW = load_bundled("cchc-campaign-6")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chau_thanh() -> CampaignResult:
    return chau_thanh_result()


@pytest.fixture(scope="module")
def gia_lam() -> ProgressReport:
    return load("gia-lam-9m-2021").report()


def rendered(fig: Figure) -> bytes:
    """The figure as PNG, drawn by the Agg canvas (which also lays out every text)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)  # every artist drawn, few pixels to fill
    data = buf.getvalue()
    assert data.startswith(PNG)
    return data


def only_axes(fig: Figure) -> Axes:
    rendered(fig)
    return fig.axes[0]


def patches(ax: Axes, prefix: str) -> dict[str, Rectangle]:
    """The bars whose gid starts with ``prefix:``, by the rest of the gid, in drawing order."""
    out = {}
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith(f"{prefix}:"):
            assert isinstance(patch, Rectangle)
            out[gid[len(prefix) + 1 :]] = patch
    return out


def colour(patch: Any) -> str:
    return to_hex(patch.get_facecolor())


def xs(line: Line2D) -> list[float]:
    return np.asarray(line.get_xdata(), dtype=float).tolist()  # type: ignore[no-any-return]


def ys(line: Line2D) -> list[float]:
    return np.asarray(line.get_ydata(), dtype=float).tolist()  # type: ignore[no-any-return]


def ticks(labels: list[Text]) -> list[str]:
    return [label.get_text() for label in labels]


def two_places(value: Fraction) -> str:
    """An index as a Vietnamese reader writes it to two decimals, worked out here."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def every_chart(result: CampaignResult, report: ProgressReport) -> Iterator[Figure]:
    """One figure of every kind, from the Châu Thành campaign and the Gia Lâm report."""
    yield plots.ranking_bars(result)
    yield plots.field_heatmap(result)
    yield plots.field_radar(result, "CT-VH")
    yield plots.year_slopes(compare_years(rank(result.own), result.ranking))
    yield plots.council_bars(result)
    yield plots.council_bars(council_changes_of(result))
    yield plots.progress_bars(report)
    yield plots.structure_bars(result.final.framework, depth=1)
    yield plots.rank_intervals(uncertainty(("CT-NV", "CT-TC"), (1, 2), (1, 2), (1, 1), (2, 2)))


class Uncertainty(NamedTuple):
    units: tuple[str, ...]
    nominal: tuple[int, ...]
    median: tuple[Any, ...]
    p05: tuple[Any, ...]
    p95: tuple[Any, ...]


def uncertainty(*columns: tuple[Any, ...]) -> Uncertainty:
    return Uncertainty(*columns)


# --- the ranking --------------------------------------------------------------------------------


def test_ranking_has_one_bar_per_unit_in_its_bands_colour(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.ranking_bars(chau_thanh))
    bars = patches(ax, "unit")
    entries = chau_thanh.ranking.entries
    assert list(bars) == [e.unit for e in entries]
    colours = display.band_colours(chau_thanh.final.framework)
    for e in entries:
        assert e.band is not None
        assert colour(bars[e.unit]) == colours[e.band]
        assert bars[e.unit].get_width() == pytest.approx(float(e.index))
    # the value written beside each bar is the exact index to two decimals
    written = {t.get_text() for t in ax.texts}
    assert {f"{two_places(e.index)}%" for e in entries} <= written


def test_ranking_labels_units_by_name_with_their_diacritics(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.ranking_bars(chau_thanh))
    units = chau_thanh.campaign.units
    assert units is not None
    expected = [f"{e.rank}. {units.get(e.unit).name}" for e in chau_thanh.ranking.entries]
    assert ticks(ax.get_yticklabels()) == expected
    assert "5. Phòng Văn hóa và Thông tin" in expected
    headings = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("group:")]
    assert headings == [g.name for g in chau_thanh.campaign.groups]


def test_ranking_draws_a_threshold_at_each_bands_lower_bound(chau_thanh: CampaignResult) -> None:
    fw = chau_thanh.final.framework
    ax = only_axes(plots.ranking_bars(chau_thanh))
    lines = {
        line.get_gid(): xs(line)
        for line in ax.lines
        if (line.get_gid() or "").startswith("threshold:")
    }
    expected = {f"threshold:{b.label}": float(b.lower) for b in fw.bands if b.lower > 0}
    assert lines == {gid: [x, x] for gid, x in expected.items()}
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[0].startswith("Xuất sắc (≥ 90")
    assert len(labels) == len(fw.bands)  # every unit has a band: no "no band" entry
    # the legend's swatches are the palette's colours, best band first, blue down to red
    swatches = [colour(h) for h in legend.legend_handles]
    assert swatches == list(display.band_colours(fw).values())
    assert swatches == ["#4575b4", "#abd9e9", "#ffffbf", "#fdae61", "#d73027"]


def test_ranking_of_a_batch_ranks_it_within_its_groups(chau_thanh: CampaignResult) -> None:
    final = chau_thanh.final
    ax = only_axes(plots.ranking_bars(final, names={"CT-NV": "Phòng Nội vụ huyện"}))
    ranked = rank(final, dict(zip(final.units, final.groups, strict=True)))
    assert list(patches(ax, "unit")) == [e.unit for e in ranked.entries]
    labels = ticks(ax.get_yticklabels())
    assert labels[0] == "1. Phòng Nội vụ huyện"
    assert "4. CT-TP" in labels  # a unit without a name keeps its code
    # no group names were given: each group is headed by its code
    assert [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("group:")] == [
        "PB",
        "XA",
    ]


def test_ranking_draws_only_the_units_chosen(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.ranking_bars(chau_thanh.ranking, units=["ct-x04", "CT-NV"]))
    assert list(patches(ax, "unit")) == ["CT-NV", "CT-X04"]
    with pytest.raises(NotFoundError) as caught:
        plots.ranking_bars(chau_thanh, units=["CT-NV", "CT-XX"])
    assert caught.value.field == "units"
    assert "CT-XX" in caught.value.message_vi


def small_framework(**kwargs: Any) -> Framework:
    return Framework(
        "t",
        "Thử nghiệm",
        [
            Criterion(
                "1",
                "Cải cách thể chế",
                Decimal(60),
                children=[
                    Criterion("1.1", "Văn bản", Decimal(60), not_applicable_allowed=True),
                ],
            ),
            Criterion("2", "Thủ tục hành chính", Decimal(40)),
        ],
        **kwargs,
    )


def test_bands_on_points_draw_points_and_thresholds_in_points() -> None:
    fw = small_framework(
        band_basis="points",
        bands=[Band("Đạt", 70, 100, upper_inclusive=True), Band("Chưa đạt", 0, 70)],
    )
    t = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "50", "2": "30"}, {"unit": "B", "2": "5"}])
    ax = only_axes(plots.ranking_bars(score_table(t), lang="en"))
    bars = patches(ax, "unit")
    assert {u: b.get_width() for u, b in bars.items()} == {"A": 80.0, "B": 5.0}
    colours = display.band_colours(fw)
    assert (colour(bars["A"]), colour(bars["B"])) == (colours["Đạt"], colours["Chưa đạt"])
    assert [xs(line) for line in ax.lines] == [[70.0, 70.0]]
    assert ax.get_xlabel() == "Points"
    assert ticks(ax.get_yticklabels()) == ["1. A", "2. B"]
    assert not [t for t in ax.texts if (t.get_gid() or "").startswith("group:")]  # one group


def test_units_of_a_framework_without_bands_are_grey_and_the_legend_says_so() -> None:
    fw = small_framework()
    t = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "50", "2": "30"}, {"unit": "B", "2": "5"}])
    ax = only_axes(plots.ranking_bars(score_table(t)))
    assert {colour(b) for b in patches(ax, "unit").values()} == {display.NO_BAND_COLOUR}
    assert not [line for line in ax.lines if (line.get_gid() or "").startswith("threshold:")]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Chưa xếp loại"]


# --- the palette --------------------------------------------------------------------------------


def test_the_highest_band_is_blue_and_the_lowest_red() -> None:
    colours = display.band_colours(FW)
    assert colours["Xuất sắc"] == display.BAND_PALETTE[-1] == "#4575b4"
    assert colours["Yếu"] == display.BAND_PALETTE[0] == "#d73027"
    assert len(set(colours.values())) == len(FW.bands)


def test_the_palette_is_kept_in_one_place() -> None:
    # plots draws with the notebook display's palette and exports no copy of its own
    assert getattr(plots, "band_colours") is display.band_colours  # noqa: B009
    assert getattr(plots, "BAND_PALETTE") is display.BAND_PALETTE  # noqa: B009
    assert not {"BAND_PALETTE", "NO_BAND_COLOUR", "band_colours"} & set(plots.__all__)
    assert set(plots.STATE_COLOURS.values()) <= {*display.BAND_PALETTE, display.NO_BAND_COLOUR}


def test_a_chart_and_a_notebook_table_colour_each_band_alike(chau_thanh: CampaignResult) -> None:
    bars = patches(only_axes(plots.ranking_bars(chau_thanh)), "unit")
    page = display.html(chau_thanh.ranking, max_rows=None)
    for e in chau_thanh.ranking.entries:
        assert e.band is not None
        badge = f'data-band="{e.band}" style="background:{colour(bars[e.unit])};'
        assert badge in page, e.unit


@pytest.mark.parametrize("n", [1, 2, 3, 9, 12])
def test_band_colours_follow_the_bands_order_over_the_palette(n: int) -> None:
    bands = [Band(f"Hạng {i}", 100 * i // n, 100 * (i + 1) // n) for i in range(n)]
    bands[-1] = attrs.evolve(bands[-1], upper_inclusive=True)
    fw = attrs.evolve(FW, bands=bands)
    colours = display.band_colours(fw)
    positions = [display.BAND_PALETTE.index(colours[f"Hạng {i}"]) for i in range(n)]
    assert positions == sorted(positions)  # a higher band never takes a lower colour
    assert positions[-1] == len(display.BAND_PALETTE) - 1
    if n > 1:
        assert positions[0] == 0
    if n <= len(display.BAND_PALETTE):
        assert len(set(positions)) == n  # up to nine bands, every band its own colour


# --- fields -------------------------------------------------------------------------------------


def test_heatmap_shows_each_fields_component_index(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.field_heatmap(chau_thanh))
    final = chau_thanh.final
    order = [e.unit for e in chau_thanh.ranking.entries]
    fields = [c.code for c in final.framework.criteria]
    (image,) = ax.images
    data = image.get_array()
    assert data is not None
    assert data.shape == (len(order), len(fields))
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    for r, unit in enumerate(order):
        card = final.scorecard(unit)
        for k, code in enumerate(fields):
            exact = card.component_index(code)
            assert exact is not None
            assert float(data[r, k]) == pytest.approx(float(exact))
            one_place = Decimal(exact.numerator) / Decimal(exact.denominator)
            shown = str(one_place.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            assert texts[f"cell:{unit}:{code}"] == shown.replace(".", ",")
    units = chau_thanh.campaign.units
    assert units is not None
    assert ticks(ax.get_yticklabels()) == [units.get(u).name for u in order]
    assert ticks(ax.get_xticklabels())[0] == "1. Cải cách thể\nchế"


def test_heatmap_greys_out_a_field_that_does_not_apply() -> None:
    fw = small_framework(bands=[Band("Đạt", 0, 100, upper_inclusive=True)])
    t = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "N/A", "2": "30"}, {"unit": "B"}])
    ax = only_axes(plots.field_heatmap(score_table(t), lang="en"))
    data = ax.images[0].get_array()
    assert isinstance(data, np.ma.MaskedArray)
    assert data.mask.tolist() == [[True, False], [False, False]]
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert (texts["cell:A:1"], texts["cell:A:2"], texts["cell:B:1"]) == ("—", "75.0", "0.0")


def test_radar_draws_the_unit_against_its_groups_mean(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.field_radar(chau_thanh, "ct-x04"))
    assert ax.name == "polar"
    final = chau_thanh.final
    fields = [c.code for c in final.framework.criteria]
    group = [e.unit for e in chau_thanh.ranking.entries if e.group == "XA"]
    lines = {line.get_gid(): line for line in ax.lines}
    own = [final.scorecard("CT-X04").component_index(f) for f in fields]
    mean = [
        sum((final.scorecard(u).component_index(f) or Fraction(0)) for u in group) / len(group)
        for f in fields
    ]
    unit_y = ys(lines["unit"])
    mean_y = ys(lines["group-mean"])
    assert unit_y == pytest.approx([float(v or 0) for v in [*own, own[0]]])
    assert mean_y == pytest.approx([float(v) for v in [*mean, mean[0]]])
    assert lines["unit"].get_label() == "Xã minh họa 04"
    assert lines["group-mean"].get_label() == "Bình quân khối Ủy ban nhân dân xã, thị trấn"
    assert len(ax.get_xticklabels()) == len(fields)


def test_radar_wants_a_polar_axes_and_a_unit_of_the_result(chau_thanh: CampaignResult) -> None:
    fig = Figure()
    flat = fig.add_subplot()
    with pytest.raises(ValidationError) as caught:
        plots.field_radar(chau_thanh, "CT-VH", ax=flat)
    assert caught.value.field == "ax"
    with pytest.raises(NotFoundError):
        plots.field_radar(chau_thanh, "CT-KHÔNG-CÓ")
    polar = fig.add_subplot(projection="polar")
    assert plots.field_radar(chau_thanh.final, "CT-VH", ax=polar) is fig
    labels = [line.get_label() for line in polar.lines]
    assert labels == ["CT-VH", "Bình quân khối PB"]  # a batch knows its group codes only


# --- over time ----------------------------------------------------------------------------------


def two_years() -> tuple[Ranking, Ranking]:
    def year(rows: list[dict[str, str]]) -> Ranking:
        return rank(score_table(ScoreTable.from_wide(FW, rows)))

    before = year([{"unit": "A", "1.1": "5"}, {"unit": "B", "1.1": "8"}, {"unit": "C", "1.1": "3"},
                   {"unit": "Đ", "1.1": "1"}])  # fmt: skip
    after = year([{"unit": "A", "1.1": "7"}, {"unit": "B", "1.1": "4"}, {"unit": "C", "1.1": "3"},
                  {"unit": "E", "1.1": "6"}])  # fmt: skip
    return before, after


def test_slopes_rise_in_blue_fall_in_red_and_stay_grey() -> None:
    changes = compare_years(*two_years())
    ax = only_axes(plots.year_slopes(changes, years=(2022, "2023"), names={"Đ": "Xã Đồng Tâm"}))
    lines = {line.get_gid(): line for line in ax.lines}
    assert set(lines) == {"unit:A", "unit:B", "unit:C", "unit:Đ", "unit:E"}
    assert to_hex(lines["unit:A"].get_color()) == "#4575b4"
    assert to_hex(lines["unit:B"].get_color()) == "#d73027"
    assert to_hex(lines["unit:C"].get_color()) == "#969696"
    for c in changes:
        line = lines[f"unit:{c.unit}"]
        drawn = (xs(line), ys(line))
        if c.index_before is not None and c.index_after is not None:
            assert drawn == ([0.0, 1.0], [float(c.index_before), float(c.index_after)])
        elif c.index_after is None:  # dropped out: one point on the left
            assert c.index_before is not None
            assert drawn == ([0.0], [float(c.index_before)])
        else:  # new this year: one point on the right
            assert drawn == ([1.0], [float(c.index_after)])
    assert ticks(ax.get_xticklabels()) == ["2022", "2023"]
    assert "7,00  A" in {t.get_text() for t in ax.texts}


def test_slopes_of_ranks_put_rank_one_on_top() -> None:
    changes = compare_years(*two_years())
    ax = only_axes(plots.year_slopes(changes, measure="rank", lang="en"))
    low, high = ax.get_ylim()
    assert low > high  # inverted: rank 1 at the top
    lines = {line.get_gid(): line for line in ax.lines}
    assert ys(lines["unit:B"]) == [1.0, 3.0]
    assert to_hex(lines["unit:B"].get_color()) == "#d73027"  # 1st to 3rd is a fall
    assert ticks(ax.get_xticklabels()) == ["Previous year", "This year"]
    assert ax.get_ylabel() == "Rank"


def test_slope_labels_close_together_are_moved_apart() -> None:
    moves = [YearChange(u, None, None, Fraction(50), Fraction(90 + i, 1) / 10 + 80, 1, 1)
             for i, u in enumerate("ABCD")]  # fmt: skip
    ax = only_axes(plots.year_slopes(moves))
    right = sorted(t.get_position()[1] for t in ax.texts if t.get_position()[0] > 1)
    low, high = ax.get_ylim()
    gaps = [b - a for a, b in itertools.pairwise(right)]
    assert min(gaps) >= (high - low) * 0.035 * 0.999


def test_slopes_refuse_what_they_cannot_draw() -> None:
    changes = compare_years(*two_years())
    with pytest.raises(ValidationError) as caught:
        plots.year_slopes(changes, years=(2021, 2022, 2023))  # type: ignore[arg-type]
    assert caught.value.field == "years"
    with pytest.raises(ValidationError) as measure:
        plots.year_slopes(changes, measure="điểm")
    assert measure.value.field == "measure"
    with pytest.raises(CchcTypeError) as item:
        plots.year_slopes([*changes, "A"])  # type: ignore[list-item]
    assert str(item.value.field).startswith("changes")


# --- the council --------------------------------------------------------------------------------


def test_council_bars_per_unit_apply_the_councils_changes(chau_thanh: CampaignResult) -> None:
    ax = only_axes(plots.council_bars(chau_thanh))
    own, step = chau_thanh.own, chau_thanh.own.framework.precision
    changes = council_changes_of(chau_thanh)
    mine, councils = patches(ax, "self"), patches(ax, "council")
    assert list(mine) == list(councils) == [e.unit for e in chau_thanh.ranking.entries]
    for j, unit in enumerate(own.units):
        before = Decimal(int(own.total[j])) * step
        after = before + sum((c.change for c in changes if c.unit == unit), Decimal(0))
        assert mine[unit].get_width() == pytest.approx(float(before))
        assert councils[unit].get_width() == pytest.approx(float(after))
        assert colour(mine[unit]) == "#fdae61"
        assert colour(councils[unit]) == "#4575b4"
    notes = {t.get_text() for t in ax.texts}
    assert {"-1", "-4", "+2,5"} <= notes  # the three changes of the Châu Thành council


def test_council_bars_per_change(chau_thanh: CampaignResult) -> None:
    changes = council_changes_of(chau_thanh)
    ax = only_axes(plots.council_bars(changes, names=chau_thanh.campaign.units, lang="en"))
    mine, councils = patches(ax, "self"), patches(ax, "council")
    assert list(mine) == [f"{c.unit}:{c.code}" for c in changes]
    for c in changes:
        assert mine[f"{c.unit}:{c.code}"].get_width() == float(c.self_points)
        assert councils[f"{c.unit}:{c.code}"].get_width() == float(c.appraised_points)
    assert ticks(ax.get_yticklabels())[0] == "Văn phòng HĐND và UBND huyện · 3.1"
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Self-assessed", "After appraisal"]


def test_council_bars_take_two_batches_or_changes_but_not_a_mixture(
    chau_thanh: CampaignResult,
) -> None:
    ax = only_axes(plots.council_bars(chau_thanh.own, chau_thanh.final))
    assert list(patches(ax, "self")) == list(chau_thanh.own.units)  # column order
    with pytest.raises(CchcTypeError) as missing:
        plots.council_bars(chau_thanh.own)
    assert missing.value.field == "final"
    with pytest.raises(ValidationError):
        plots.council_bars(chau_thanh, chau_thanh.final)
    with pytest.raises(ValidationError):
        plots.council_bars(council_changes_of(chau_thanh), chau_thanh.final)
    with pytest.raises(CchcTypeError) as wrong:
        plots.council_bars("CT-VP")  # type: ignore[arg-type]
    assert wrong.value.field == "value"
    change = CouncilChange("A", "1.1", Decimal(2), Decimal(1), None)
    with pytest.raises(CchcTypeError):
        plots.council_bars([change, 3])  # type: ignore[list-item]


# --- plans --------------------------------------------------------------------------------------


def test_progress_stacks_each_areas_tasks_by_state(gia_lam: ProgressReport) -> None:
    ax = only_axes(plots.progress_bars(gia_lam))
    segments: dict[str, list[Rectangle]] = {}
    for patch in ax.patches:
        state, _, area = (patch.get_gid() or "").partition(":")
        assert isinstance(patch, Rectangle)
        assert colour(patch) == plots.STATE_COLOURS[TaskState(state)]
        segments.setdefault(area, []).append(patch)
    assert list(segments) == [code for code, _ in gia_lam.by_area]
    for code, tally in gia_lam.by_area:
        drawn = segments[code]
        assert sum(p.get_width() for p in drawn) == tally.total
        lefts = [p.get_x() for p in drawn]
        rights = [p.get_x() + p.get_width() for p in drawn]
        assert lefts[0] == 0
        assert lefts[1:] == rights[:-1]  # stacked, no gap, no overlap
        counts = {(p.get_gid() or "").partition(":")[0]: p.get_width() for p in drawn}
        assert counts == {s.value: tally.count(s) for s in TaskState if tally.count(s)}
    labels = ticks(ax.get_yticklabels())
    assert labels[0] == "Cải cách thể chế"
    assert labels[-1] == "Công tác chỉ đạo, điều hành cải cách hành chính"


def test_progress_in_english_and_of_a_plan_without_tasks(gia_lam: ProgressReport) -> None:
    ax = only_axes(plots.progress_bars(gia_lam, lang="en"))
    assert ticks(ax.get_yticklabels())[0] == "Institutional reform"
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()][3] == "overdue"
    empty = progress(Plan("KH-01", Period.year(2021)), as_of=gia_lam.as_of)
    ax = only_axes(plots.progress_bars(empty))
    assert not ax.patches
    assert "Kế hoạch chưa có nhiệm vụ" in {t.get_text() for t in ax.texts}
    with pytest.raises(CchcTypeError):
        plots.progress_bars(load("gia-lam-9m-2021").plan)  # type: ignore[arg-type]


# --- frameworks ---------------------------------------------------------------------------------


def test_structure_has_a_bar_per_field_and_criterion_as_long_as_its_maximum() -> None:
    ax = only_axes(plots.structure_bars(FW, depth=1))
    expected = [(c.code, c.maximum) for top in FW.criteria for c in (top, *top.children)]
    bars = patches(ax, "criterion")
    assert [(code, Decimal(str(b.get_width()))) for code, b in bars.items()] == expected
    fields = {c.code for c in FW.criteria}
    assert {colour(b) for code, b in bars.items() if code in fields} == {"#4575b4"}
    assert {colour(b) for code, b in bars.items() if code not in fields} == {"#abd9e9"}
    labels = ax.get_yticklabels()
    assert labels[0].get_text() == "1. Cải cách thể chế"
    assert [label.get_fontweight() for label in labels[:2]] == ["bold", "normal"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Tổng điểm tối đa: 100"]
    assert len(patches(only_axes(plots.structure_bars(FW, depth=0)), "criterion")) == 6


def test_structure_marks_bonus_and_penalty_fields() -> None:
    from cchc.criteria import Rule

    fw = Framework(
        "x",
        "Có điểm thưởng",
        [
            Criterion("1", "Công tác chỉ đạo", Decimal(100)),
            Criterion("T", "Cờ thi đua", Decimal(15), rule=Rule.yes_no(), extra="bonus"),
            Criterion("Tr", "Vi phạm", Decimal(10), rule=Rule.bonus(2), extra="điểm trừ"),
        ],
    )
    ax = only_axes(plots.structure_bars(fw, lang="en"))
    bars = patches(ax, "criterion")
    assert (colour(bars["T"]), colour(bars["Tr"])) == ("#fdae61", "#d73027")
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Total maximum: 100", "Bonus", "Penalty"]
    with pytest.raises(ValidationError) as caught:
        plots.structure_bars(fw, depth=-1)
    assert caught.value.field == "depth"


# --- rank uncertainty ---------------------------------------------------------------------------


def test_rank_intervals_draw_each_units_interval_median_and_nominal_rank() -> None:
    u = uncertainty(("A", "B", "C"), (3, 1, 2), (2.5, 1, 2), (2, 1, 1), (3, 2, 3))
    ax = only_axes(plots.rank_intervals(u, names={"B": "Sở Tư pháp"}))
    assert ticks(ax.get_yticklabels()) == ["Sở Tư pháp", "C", "A"]  # nominal order
    (intervals,) = ax.collections
    assert isinstance(intervals, LineCollection)
    assert [s[:, 0].tolist() for s in intervals.get_segments()] == [[1, 2], [1, 3], [2, 3]]
    lines = {line.get_gid(): line for line in ax.lines}
    assert xs(lines["median"]) == [1.0, 2.0, 2.5]
    assert xs(lines["nominal"]) == [1.0, 2.0, 3.0]
    low, high = ax.get_ylim()
    assert low > high  # the best unit on top


@attrs.frozen
class Simulated:
    """A result as the uncertainty analysis may give it: arrays and exact numbers."""

    units: tuple[str, ...]
    nominal: tuple[int, ...]
    median: tuple[Fraction, ...]
    p05: npt.NDArray[np.int64]
    p95: tuple[Decimal | float, ...]


def test_rank_intervals_take_any_object_with_the_five_columns() -> None:
    result = Simulated(
        ("X", "Y"), (1, 2), (Fraction(3, 2), Fraction(2)), np.array([1, 1]), (Decimal(2), 2.0)
    )
    ax = only_axes(plots.rank_intervals(result))  # a RankUncertainty, as mypy checks
    assert xs(ax.lines[0]) == [1.5, 2.0]
    assert xs(ax.lines[1]) == [1.0, 2.0]


@pytest.mark.parametrize(
    ("columns", "error", "field"),
    [
        ((("A", "B"), (1,), (1, 2), (1, 1), (2, 2)), ValidationError, "nominal"),
        ((("A",), (1,), (3,), (1,), (2,)), ValidationError, "median[0]"),
        ((("A",), (1,), ("1",), (1,), (2,)), CchcTypeError, "median[0]"),
        ((("A",), (1,), (1,), (True,), (2,)), CchcTypeError, "p05[0]"),
        ((("A",), (0,), (1,), (1,), (2,)), ValidationError, "nominal[0]"),
        ((("A",), (1,), (float("nan"),), (1,), (2,)), ValidationError, "median[0]"),
        ((("A", 2), (1, 2), (1, 2), (1, 1), (2, 2)), CchcTypeError, "units[1]"),
    ],
)
def test_rank_intervals_refuse_inconsistent_ranks(
    columns: tuple[tuple[Any, ...], ...], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        plots.rank_intervals(uncertainty(*columns))
    assert isinstance(caught.value, CchcTypeError | ValidationError)
    assert caught.value.field == field
    assert caught.value.vi


def test_rank_intervals_name_a_missing_column() -> None:
    class NoP95(NamedTuple):
        units: tuple[str, ...]
        nominal: tuple[int, ...]
        median: tuple[int, ...]
        p05: tuple[int, ...]

    with pytest.raises(CchcTypeError) as caught:
        plots.rank_intervals(NoP95(("A",), (1,), (1,), (1,)))  # type: ignore[arg-type]
    assert "'p95'" in str(caught.value)
    assert "“p95”" in caught.value.message_vi
    with pytest.raises(CchcTypeError):
        plots.rank_intervals(object())  # type: ignore[arg-type]


# --- every chart --------------------------------------------------------------------------------


def test_every_chart_draws_into_the_axes_it_is_given(
    chau_thanh: CampaignResult, gia_lam: ProgressReport
) -> None:
    fig = Figure(figsize=(12, 30))
    grid = fig.add_subfigure(fig.add_gridspec(1, 2)[0, 0])  # the root figure comes back
    calls: list[Callable[[Axes], Figure]] = [
        lambda ax: plots.ranking_bars(chau_thanh, ax=ax),
        lambda ax: plots.field_heatmap(chau_thanh, ax=ax),
        lambda ax: plots.year_slopes(
            compare_years(rank(chau_thanh.own), chau_thanh.ranking), ax=ax
        ),
        lambda ax: plots.council_bars(chau_thanh, ax=ax),
        lambda ax: plots.progress_bars(gia_lam, ax=ax),
        lambda ax: plots.structure_bars(FW, ax=ax),
        lambda ax: plots.rank_intervals(uncertainty(("A",), (1,), (1,), (1,), (1,)), ax=ax),
    ]
    axes = [grid.add_subplot(len(calls) + 1, 1, k + 1) for k in range(len(calls))]
    for ax, call in zip(axes, calls, strict=True):
        assert call(ax) is fig
        assert ax.has_data() or ax.images
    polar = grid.add_subplot(len(calls) + 1, 1, len(calls) + 1, projection="polar")
    assert plots.field_radar(chau_thanh, "CT-VH", ax=polar) is fig
    assert len(polar.lines) == 2
    rendered(fig)


def test_an_axes_must_be_a_matplotlib_axes(chau_thanh: CampaignResult) -> None:
    with pytest.raises(CchcTypeError) as caught:
        plots.ranking_bars(chau_thanh, ax="ax")  # type: ignore[arg-type]
    assert caught.value.field == "ax"
    assert "Axes" in caught.value.message_vi


def test_pyplot_and_the_global_settings_are_left_alone(
    chau_thanh: CampaignResult, gia_lam: ProgressReport
) -> None:
    import matplotlib.pyplot as plt  # imported by someone else, as in a notebook

    before = dict(matplotlib.rcParams)
    assert plt.get_fignums() == []
    for fig in every_chart(chau_thanh, gia_lam):
        rendered(fig)
    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before


def test_the_module_never_imports_pyplot_and_loads_matplotlib_only_when_drawing() -> None:
    script = textwrap.dedent(
        """
        import sys
        import cchc.plots
        assert "matplotlib" not in sys.modules
        from cchc.criteria import load_bundled
        cchc.plots.structure_bars(load_bundled("cchc-campaign-6")).savefig(
            __import__("io").BytesIO(), format="png")
        assert "matplotlib" in sys.modules
        assert "matplotlib.pyplot" not in sys.modules
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_vietnamese_text_renders_whatever_the_notebooks_font(
    chau_thanh: CampaignResult, gia_lam: ProgressReport
) -> None:
    # cmr10 has no Vietnamese letter: drawn in it, "ò" would warn (and the warning would
    # fail this test); every chart sets its own font instead
    with matplotlib.rc_context({"font.family": "cmr10", "axes.formatter.use_mathtext": True}):
        figures = list(every_chart(chau_thanh, gia_lam))
        borrowed = Figure()
        ax = borrowed.add_subplot()  # an Axes made under the notebook's font
        figures.append(plots.ranking_bars(chau_thanh, ax=ax))
        for fig in figures:
            rendered(fig)
            fonts = {t.get_fontname() for t in fig.findobj(Text) if t.get_text()}
            assert fonts == {"DejaVu Sans"}


def test_a_missing_matplotlib_says_how_to_install_it(
    chau_thanh: CampaignResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError) as caught:
        plots.ranking_bars(chau_thanh)
    assert 'pip install "cchc[plot]"' in str(caught.value)
    assert caught.value.name == "matplotlib"


def test_labels_come_in_vietnamese_or_english(chau_thanh: CampaignResult) -> None:
    vi = only_axes(plots.ranking_bars(chau_thanh))
    en = only_axes(plots.ranking_bars(chau_thanh, lang="en"))
    assert (vi.get_xlabel(), en.get_xlabel()) == ("Chỉ số (%)", "Index (%)")
    assert "97,10%" in {t.get_text() for t in vi.texts}
    assert "97.10%" in {t.get_text() for t in en.texts}
    with pytest.raises(ValidationError) as caught:
        plots.ranking_bars(chau_thanh, lang="fr")  # type: ignore[arg-type]
    assert caught.value.field == "lang"
    assert "vi (VI), en (EN)" in caught.value.message_vi


def test_results_of_the_wrong_kind_are_refused() -> None:
    for call in (plots.ranking_bars, plots.field_heatmap):
        with pytest.raises(CchcTypeError) as caught:
            call(FW)  # type: ignore[arg-type]
        assert caught.value.field == "result"
    with pytest.raises(CchcTypeError):
        plots.field_radar(FW, "A")  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError):
        plots.structure_bars("cchc-campaign-6")  # type: ignore[arg-type]


def test_a_chart_draws_at_most_max_rows_rows() -> None:
    rows = [{"unit": f"X{i:04d}", "1.1": "1"} for i in range(plots.MAX_ROWS + 1)]
    batch: BatchResult = score_table(ScoreTable.from_wide(FW, rows))
    for call in (plots.ranking_bars, plots.field_heatmap):
        with pytest.raises(ValidationError) as caught:
            call(batch)
        assert caught.value.field == "units"
        assert str(plots.MAX_ROWS) in caught.value.message_vi
    # a province's worth is drawn once chosen
    some = [f"X{i:04d}" for i in range(20)]
    assert len(patches(only_axes(plots.ranking_bars(batch, units=some)), "unit")) == 20
    many = uncertainty(*(tuple(range(1, plots.MAX_ROWS + 2)),) * 5)
    with pytest.raises(CchcTypeError):  # unit codes must be text
        plots.rank_intervals(many)
    codes = tuple(f"X{i}" for i in range(plots.MAX_ROWS + 1))
    with pytest.raises(ValidationError):
        plots.rank_intervals(uncertainty(codes, *(tuple(range(1, len(codes) + 1)),) * 4))
