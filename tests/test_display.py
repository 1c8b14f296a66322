"""Notebook displays: the HTML tables and the short summaries of the result types.

Every HTML page is parsed with the standard library's parser and checked for what a reader
sees: headings, rows, the count of rows not shown, the colour of each band, and text from
files shown as text, never as markup.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import plots, strategies
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import Band, Criterion, Framework, Rule, load_bundled
from cchc.display import (
    BAND_PALETTE,
    MAX_ROWS,
    NO_BAND_COLOUR,
    SUMMARY_LINES,
    band_colour,
    band_colours,
    html,
    ink,
    summary,
)
from cchc.errors import CchcError, CchcTypeError, ValidationError
from cchc.examples import load
from cchc.plans import ProgressReport, TaskState
from cchc.scoring import (
    BatchResult,
    Ranking,
    Scorecard,
    ScoreTable,
    SelfAssessedScorecard,
    Source,
    rank,
    score_table,
)
from cchc.tables import band_order
from tests.office import chau_thanh_result

# ---------------------------------------------------------------------------------------------
# reading a page as a browser would


class Table:
    """One parsed table: its headings, its rows (the text of each cell), the band badges of
    each row (label and style) and the text of a last row that counts rows not shown."""

    def __init__(self) -> None:
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.cell_styles: list[list[str]] = []
        self.badges: list[list[tuple[str, str]]] = []
        self.more: str | None = None


class Page(HTMLParser):
    """The structure of a display: every tag seen, every attribute, the tables, and the text
    outside tables (title and lines about the result)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.tables: list[Table] = []
        self.outside: list[str] = []
        self.pre: list[str] = []
        self._in: list[str] = []
        self._cell: list[str] | None = None
        self._colspan = False
        self._badge: tuple[str, str] | None = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        given_ = {k: v or "" for k, v in attrs}
        self.attributes += list(given_.items())
        self._in.append(tag)
        if tag == "table":
            self.tables.append(Table())
        elif tag == "tr" and "tbody" in self._in:
            self.tables[-1].rows.append([])
            self.tables[-1].cell_styles.append([])
            self.tables[-1].badges.append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._colspan = "colspan" in given_
            if tag == "td" and not self._colspan:
                self.tables[-1].cell_styles[-1].append(given_.get("style", ""))
        elif tag == "span" and "data-band" in given_:
            self._badge = (given_["data-band"], given_.get("style", ""))

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            table = self.tables[-1]
            if tag == "th":
                table.headers.append(text)
            elif self._colspan:
                table.more = text
                table.rows.pop()
                table.cell_styles.pop()
                table.badges.pop()
            else:
                table.rows[-1].append(text)
            self._cell = None
        elif tag == "span" and self._badge is not None:
            if self._cell is not None:  # a badge in a cell (not in the lines above a table)
                self.tables[-1].badges[-1].append(self._badge)
            self._badge = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif "pre" in self._in:
            self.pre.append(data)
        elif data.strip():
            self.outside.append(data)

    def column(self, table: int, heading: str) -> list[str]:
        """The cells of one column of a table, by its heading."""
        t = self.tables[table]
        at = t.headers.index(heading)
        return [row[at] for row in t.rows]


def background(style: str) -> str:
    """The background colour an inline style gives."""
    found = re.search(r"background:(#[0-9a-fA-F]{6})", style)
    assert found, style
    return found.group(1)


def colour_of(style: str) -> str:
    found = re.search(r"(?<!-)color:(#[0-9a-fA-F]{6})", style)
    assert found, style
    return found.group(1)


# ---------------------------------------------------------------------------------------------
# results to show


@functools.cache
def national() -> BatchResult:
    """A generated national batch: 3,321 communes scored on the illustrative six-content
    framework, with survey points, spread over several bands (fixed seed)."""
    fw = load_bundled("cchc-campaign-6")
    n = 3321
    rng = np.random.default_rng(2021)

    def draw(low: int, high: int) -> np.ndarray:
        return rng.integers(low, high + 1, n)

    per_cent = np.full(n, 100)
    columns = {
        "1.1": draw(8, 16) * 50,
        "1.2": draw(0, 3),
        "2.1": (draw(60, 100), per_cent),
        "2.2": draw(0, 1),
        "2.3": draw(2000, 10000),
        "3.1": draw(10, 20) * 50,
        "3.2": draw(0, 1),
        "4.1": draw(0, 3),
        "4.2": draw(0, 2),
        "5.1": (draw(50, 100), per_cent),
        "5.2": draw(200, 500),
        "6.1": (draw(50, 100), per_cent),
    }
    units = [f"XA-{i:04d}" for i in range(n)]
    table = ScoreTable.from_arrays(fw, units, columns)
    survey = table.stage_arrays({"6.2": draw(4000, 10000)}, stage=Source.SURVEY)
    return score_table(table.overlay(survey))


@functools.cache
def national_ranking() -> Ranking:
    units = national().units
    return rank(national(), groups={u: f"K{i % 7}" for i, u in enumerate(units)})


def result() -> CampaignResult:
    return chau_thanh_result()


def gia_lam() -> ProgressReport:
    return load("gia-lam-9m-2021").report()


# ---------------------------------------------------------------------------------------------
# a campaign's result


def test_a_campaign_result_shows_its_standings_with_vietnamese_headings() -> None:
    page = Page(html(result()))
    standings = page.tables[0]
    assert standings.headers == [
        "Khối",
        "Xếp hạng",
        "Đơn vị",
        "Tổng điểm",
        "Điểm tối đa",
        "Chỉ số (%)",
        "Xếp loại",
        "Khen thưởng",
    ]
    entries = result().ranking.entries
    assert len(standings.rows) == len(entries) == 10
    assert standings.more is None
    # names from the campaign's units, exact points with a decimal comma, the index rounded
    assert page.column(0, "Đơn vị")[0] == "Phòng Nội vụ"
    assert page.column(0, "Tổng điểm")[0] == "97,10"
    assert page.column(0, "Chỉ số (%)")[3] == "81,04"  # 7699/95 = 81.0421…
    assert page.column(0, "Khen thưởng")[0] == "Giải Nhất"
    assert page.column(0, "Xếp hạng") == [str(e.rank) for e in entries]
    assert page.outside[0].startswith("Phong trào thi đua chuyên đề")


def test_a_campaign_result_colours_each_row_by_its_band() -> None:
    page = Page(html(result()))
    entries = result().ranking.entries
    bands = list(page.tables[0].badges)
    assert [b[0][0] for b in bands] == [e.band for e in entries]
    colours = band_colours(result().final.framework)
    for (_label, style), entry in zip((b[0] for b in bands), entries, strict=True):
        assert background(style) == colours[entry.band or ""]
        assert colour_of(style) == ink(colours[entry.band or ""])
    # the palette's own colours: five bands spread over nine, blue at the top, red at the foot
    assert background(bands[0][0][1]) == "#4575b4"  # Xuất sắc
    # four different bands among the ten units, four different colours
    assert len({background(b[0][1]) for b in bands}) == len({e.band for e in entries}) == 4


def test_a_campaign_result_lists_the_council_changes_with_their_reasons() -> None:
    page = Page(html(result()))
    changes = council_changes_of(result())
    table = page.tables[1]
    assert table.headers[:2] == ["Đơn vị", "Tiêu chí"]
    assert len(table.rows) == len(changes) == 3
    assert page.column(1, "Lý do") == [c.reason for c in changes]
    assert page.column(1, "Chênh lệch") == ["-1,00", "-4,00", "2,50"]


def test_a_campaign_result_in_english() -> None:
    page = Page(html(result(), lang="en"))
    assert page.tables[0].headers == [
        "Group",
        "Rank",
        "Unit",
        "Points",
        "Maximum",
        "Index (%)",
        "Band",
        "Prize",
    ]
    assert page.column(0, "Points")[0] == "97.10"
    assert page.column(0, "Index (%)")[3] == "81.04"
    assert page.tables[1].headers[-1] == "Reason"


# ---------------------------------------------------------------------------------------------
# long results


def test_a_national_batch_shows_twenty_rows_and_counts_the_rest() -> None:
    batch = national()
    page = Page(html(batch))
    table = page.tables[0]
    assert len(table.rows) == MAX_ROWS == 20
    assert table.more == "… và 3.301 đơn vị khác"
    assert page.column(0, "Đơn vị") == list(batch.units[:20])
    assert Page(html(batch, lang="en")).tables[0].more == "… and 3,301 more units"


def test_max_rows_sets_the_cut_and_none_shows_every_row() -> None:
    batch = national()
    assert Page(html(batch, max_rows=5)).tables[0].more == "… và 3.316 đơn vị khác"
    every = Page(html(batch, max_rows=None)).tables[0]
    assert len(every.rows) == 3321
    assert every.more is None
    exact = Page(html(batch, max_rows=3321)).tables[0]
    assert len(exact.rows) == 3321
    assert exact.more is None


def test_each_row_of_a_national_batch_has_its_band_and_colour() -> None:
    batch = national()
    expected = [str(row["band"]) for row in batch.rows()[:MAX_ROWS]]
    badges = [b[0] for b in Page(html(batch)).tables[0].badges]
    assert [label for label, _ in badges] == expected
    assert len(set(expected)) >= 2  # the rows shown are not all alike
    order = band_order(batch.framework)
    assert [background(style) for _, style in badges] == [
        band_colour(label, order) for label in expected
    ]


def test_a_batch_counts_its_units_in_every_band() -> None:
    batch = national()
    page = Page(html(batch))
    counted = " ".join(page.outside)
    for label in band_order(batch.framework):
        n = sum(1 for row in batch.rows() if row["band"] == label)
        assert f"{n:,}".replace(",", ".") in counted


def test_a_national_ranking_shows_groups_ranks_and_the_count() -> None:
    ranking = national_ranking()
    page = Page(html(ranking))
    table = page.tables[0]
    assert table.headers[:3] == ["Khối", "Xếp hạng", "Đơn vị"]
    assert table.more == "… và 3.301 đơn vị khác"
    first = [ranking.entry(j) for j in ranking.order.tolist()[:MAX_ROWS]]
    assert page.column(0, "Đơn vị") == [e.unit for e in first]
    assert page.column(0, "Xếp hạng") == [str(e.rank) for e in first]
    assert "7 khối" in " ".join(page.outside)


# ---------------------------------------------------------------------------------------------
# text from files stays text


SCRIPT = "<script>alert('x')</script>"


def test_a_unit_named_script_is_shown_as_text() -> None:
    fw = load_bundled("cchc-campaign-6")
    table = ScoreTable.from_wide(fw, [{"unit": SCRIPT, "1.1": "8"}, {"unit": "B&C", "1.1": "4"}])
    batch = score_table(table)
    markup = html(batch, names={"B&C": 'Xã "B" & <b>C</b>'})
    page = Page(markup)
    assert "script" not in page.tags
    assert "b" not in page.tags
    assert page.column(0, "Đơn vị") == [SCRIPT, 'Xã "B" & <b>C</b>']
    assert SCRIPT not in markup
    assert not any(name.startswith("on") for name, _ in page.attributes)
    summary_text = summary(batch)
    assert SCRIPT in summary_text  # plain text keeps the name as it is


def test_a_council_reason_with_markup_is_escaped() -> None:
    fw = load_bundled("cchc-campaign-6")
    own = ScoreTable.from_long(fw, [("A", "1.1", "8")])
    reason = '<img src=x onerror="alert(1)">thiếu hồ sơ'
    council = ScoreTable.from_long(fw, [("A", "1.1", "5", reason)], stage=Source.APPRAISAL)
    card = score_table(own.overlay(council)).scorecard("A")
    page = Page(html(card))
    assert "img" not in page.tags
    assert page.column(0, "Lý do điều chỉnh")[1] == reason


@given(strategies.unit_names())
def test_any_unit_name_reads_back_as_the_same_text(name: str) -> None:
    fw = load_bundled("cchc-campaign-6")
    batch = score_table(ScoreTable.from_wide(fw, [{"unit": "U", "1.1": "8"}]))
    page = Page(html(batch, names={"U": name}))
    assert page.tags.count("tr") == 2  # the heading and the unit: nothing added by the name
    shown = page.column(0, "Đơn vị")[0]
    assert shown == (name if len(name) <= 200 else name[:199] + "…").strip()


# ---------------------------------------------------------------------------------------------
# the other result types


def test_an_award_decision_lists_every_award_with_its_grounds() -> None:
    decision = result().decision
    page = Page(html(decision))
    table = page.tables[0]
    assert table.headers == [
        "Tình trạng",
        "Khối",
        "Giải thưởng",
        "Đơn vị, cá nhân",
        "Điểm",
        "Hạng",
        "Căn cứ",
    ]
    assert len(table.rows) == len(decision.awards) == 16
    assert page.column(0, "Đơn vị, cá nhân")[0] == "Phòng Nội vụ"
    assert page.column(0, "Khối")[0] == "Phòng, ban, ngành huyện"
    assert page.column(0, "Căn cứ")[0] == "xếp hạng 1 trong khối"
    assert page.column(0, "Điểm")[-1] == "90,5"  # as the decision holds it
    english = Page(html(decision, lang="en", max_rows=4))
    assert english.column(0, "Grounds")[0] == "ranked 1 in the group"
    assert english.tables[0].more == "… and 12 more rows"


def test_a_scorecard_shows_its_lines_indented_and_its_band() -> None:
    card = result().final.scorecard("CT-TP")
    page = Page(html(card, names=result().campaign.units))
    assert page.outside[0] == "Phiếu điểm: Phòng Tư pháp"
    assert "81,04%" in page.outside[1]
    table = page.tables[0]
    assert table.headers[:2] == ["Mã", "Tiêu chí"]
    assert page.column(0, "Mã") == [line.code for line in card.lines]
    # a field's title sits at the left, a criterion's is indented under it
    depth = {line.code: line.depth for line in card.lines}
    for code, styles in zip(page.column(0, "Mã"), table.cell_styles, strict=True):
        assert ("padding-left" in styles[1]) == (depth[code] > 0)


def test_a_scorecard_of_a_bundled_framework_colours_its_band_by_its_place() -> None:
    card = result().final.scorecard("CT-TP")
    markup = html(card)
    assert card.band == "Tốt"
    colour = band_colours(load_bundled(card.framework_id))["Tốt"]
    assert colour == BAND_PALETTE[6]  # the fourth of five bands
    assert f'data-band="Tốt" style="background:{colour};' in markup


def test_a_scorecard_of_another_framework_writes_its_band_on_grey() -> None:
    card = attrs.evolve(result().final.scorecard("CT-TP"), framework_id="own-2024")
    markup = html(card)
    assert re.findall(r'data-band="Tốt" style="background:(#[0-9a-f]{6});', markup) == [
        NO_BAND_COLOUR
    ]


def test_a_framework_shows_its_tree_and_its_bands() -> None:
    fw = load_bundled("cchc-campaign-6")
    page = Page(html(fw))
    criteria, bands = page.tables
    assert criteria.headers == ["Mã", "Tiêu chí", "Điểm tối đa", "Cách chấm"]
    assert page.column(0, "Mã") == [node.code for _, node in fw.walk()]
    assert page.column(0, "Cách chấm")[1] == "chấm trực tiếp"
    assert [label for b in bands.badges for label, _ in b] == list(band_colours(fw))
    assert [background(style) for b in bands.badges for _, style in b] == list(
        band_colours(fw).values()
    )
    assert page.column(1, "Khoảng")[0] == "≥ 90% và ≤ 100%"
    short = Page(html(fw, max_rows=3))
    assert short.tables[0].more == "… và 16 tiêu chí khác"


def test_a_plan_shows_its_tasks_and_counts_the_rest() -> None:
    plan = load("gia-lam-9m-2021").plan
    page = Page(html(plan))
    table = page.tables[0]
    assert table.headers[:3] == ["Mã", "Nhiệm vụ", "Nội dung cải cách"]
    assert len(table.rows) == 20
    assert len(plan.tasks) == 21
    assert table.more == "… và 1 nhiệm vụ khác"
    assert page.column(0, "Nội dung cải cách")[0] == plan.tasks[0].area.vi  # type: ignore[union-attr]
    assert page.outside[0] == str(plan)
    english = Page(html(plan, lang="en"))
    assert english.tables[0].more == "… and 1 more task"
    assert english.column(0, "Reform area")[0] == plan.tasks[0].area.en  # type: ignore[union-attr]


def test_a_progress_report_colours_each_task_by_its_state() -> None:
    report = gia_lam()
    page = Page(html(report, max_rows=None))
    table = page.tables[0]
    assert len(table.rows) == len(report.tasks) == 21
    states = [b[0] for b in table.badges]
    assert [label for label, _ in states] == [t.state.vi for t in report.tasks]
    colours = {
        t.state: background(style) for t, (_, style) in zip(report.tasks, states, strict=True)
    }
    # as the progress chart draws them: done on time blue, overdue red
    assert colours == dict(plots.STATE_COLOURS)
    assert colours[TaskState.DONE_ON_TIME] == BAND_PALETTE[-1]
    assert colours[TaskState.OVERDUE] == BAND_PALETTE[0]
    assert len(set(colours.values())) == len(colours) == 5
    activities = page.tables[1]
    assert activities.headers == ["Hoạt động", "Kênh", "Số lượng"]
    assert page.column(1, "Số lượng") == ["62", "255", "1.700", "2", "22"]
    tally = report.totals
    assert f"{tally.overdue} quá hạn" in page.outside[1]


def test_an_explanation_is_shown_as_its_text() -> None:
    why = result().final.scorecard("CT-NV").explain()
    page = Page(html(why))
    assert page.tables == []
    assert page.tags == ["pre"]
    assert "".join(page.pre) == why.text("vi")
    assert "tổng 97,10" in "".join(page.pre)


def test_an_explanation_keeps_its_language_unless_another_is_asked() -> None:
    why = result().explain(lang="en")
    assert "".join(Page(html(why)).pre) == why.text("en") == str(why)
    assert "".join(Page(html(why, lang="vi")).pre) == why.text("vi")
    assert summary(why).splitlines()[0] == str(why).splitlines()[0]
    assert len(summary(why).splitlines()) <= SUMMARY_LINES < len(str(why).splitlines())
    assert summary(why).splitlines()[-1].startswith("  … and ")


def test_a_table_of_the_library_is_shown_with_its_own_headings() -> None:
    from cchc.tables import table_of

    table = table_of(result().ranking)
    page = Page(html(table, max_rows=2))
    assert page.tables[0].headers == [c.header for c in table.columns]
    assert page.tables[0].more == "… và 8 dòng khác"


# ---------------------------------------------------------------------------------------------
# as IPython calls it


class Shown:
    """What the lead's wiring gives each class: ``_repr_html_`` returning :func:`html`."""

    def __init__(self, value: object) -> None:
        self.value = value

    def _repr_html_(self) -> str:
        return html(self.value)

    def __repr__(self) -> str:
        return summary(self.value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda: result(), id="CampaignResult"),
        pytest.param(lambda: result().ranking, id="Ranking"),
        pytest.param(lambda: result().final, id="BatchResult"),
        pytest.param(lambda: result().decision, id="AwardDecision"),
        pytest.param(lambda: result().final.scorecard("CT-NV"), id="Scorecard"),
        pytest.param(lambda: load("gia-lam-9m-2021").plan, id="Plan"),
        pytest.param(lambda: gia_lam(), id="ProgressReport"),
        pytest.param(lambda: load_bundled("cchc-campaign-6"), id="Framework"),
    ],
)
def test_ipython_shows_the_html_and_the_summary(value: object) -> None:
    from IPython.core.formatters import DisplayFormatter

    made = value()  # type: ignore[operator]
    data, _ = DisplayFormatter().format(Shown(made))  # type: ignore[no-untyped-call]
    assert data["text/html"] == html(made)
    assert data["text/plain"] == summary(made)
    page = Page(data["text/html"])
    assert page.tags[0] == "div"
    assert page.tables
    assert "script" not in page.tags
    assert "style" not in page.tags


# ---------------------------------------------------------------------------------------------
# summaries


def test_a_campaign_result_summary_is_short_and_names_the_counts() -> None:
    text = summary(result())
    lines = text.splitlines()
    assert len(lines) <= SUMMARY_LINES
    assert len(text) < 1000
    assert repr(result()) == text  # the result's repr is its summary
    assert lines[0].startswith("CampaignResult: Phong trào thi đua")
    assert "10 units in 2 groups" in lines[1]
    assert "16 awards" in lines[1]
    assert "3 council changes" in lines[1]
    assert "1. Phòng Nội vụ 97.10 %" in text
    vi = summary(result(), lang="vi")
    assert "10 đơn vị trong 2 khối" in vi
    assert "97,10%" in vi


def test_a_national_batch_summary_is_a_few_lines() -> None:
    text = summary(national())
    lines = text.splitlines()
    assert lines[0] == "BatchResult: 3,321 units, framework 'cchc-campaign-6' (19 criteria)"
    assert lines[-1] == "  … and 3,316 more units"
    assert len(lines) <= SUMMARY_LINES
    assert len(text) < 800
    assert summary(national(), lang="vi").splitlines()[-1] == "  … và 3.316 đơn vị khác"


def test_a_national_ranking_summary_has_one_line_per_group() -> None:
    text = summary(national_ranking())
    lines = text.splitlines()
    assert lines[0] == "Ranking: 3,321 units in 7 groups, framework 'cchc-campaign-6'"
    assert sum(1 for line in lines if line.startswith("  group K")) == 7
    assert len(lines) <= SUMMARY_LINES


def test_many_groups_are_cut_to_a_count() -> None:
    units = national().units
    ranking = rank(national(), groups={u: f"G{i % 40:02d}" for i, u in enumerate(units)})
    lines = summary(ranking).splitlines()
    assert len(lines) <= SUMMARY_LINES
    assert lines[-1] == "  … and 32 more groups"


def test_a_score_table_summary_counts_its_cells() -> None:
    table = result().final.table
    text = summary(table)
    assert text.splitlines()[0].startswith("ScoreTable: 10 units × 13 criteria")
    assert f"{int(table.given.sum())} cells reported" in text
    assert f"{len(table.reasons)} council reasons" in text


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda: result().decision, id="AwardDecision"),
        pytest.param(lambda: gia_lam(), id="ProgressReport"),
        pytest.param(lambda: load("gia-lam-9m-2021").plan, id="Plan"),
        pytest.param(lambda: load_bundled("ca-mau-1880-2013"), id="Framework"),
        pytest.param(lambda: result().final.scorecard("CT-NV"), id="Scorecard"),
        pytest.param(lambda: national(), id="BatchResult"),
    ],
)
def test_every_summary_is_short(value: object) -> None:
    made = value()  # type: ignore[operator]
    text = summary(made)
    lines = text.splitlines()
    assert lines[0].startswith(type(made).__name__)
    assert len(lines) <= SUMMARY_LINES
    assert all(len(line) <= 160 for line in lines)
    if not isinstance(made, Scorecard | SelfAssessedScorecard):  # a card keeps its full repr
        assert repr(made) == text  # a large result's repr is its summary


def test_a_progress_summary_names_the_overdue_tasks() -> None:
    report = gia_lam()
    text = summary(report)
    tally = report.totals
    assert f"{tally.total} tasks ({tally.done_on_time} done on time" in text
    overdue = report.overdue
    assert f"overdue: {overdue[0].code} ({overdue[0].working_days_late} working days)" in text


def test_a_long_unit_name_is_cut_in_a_summary_line() -> None:
    fw = load_bundled("cchc-campaign-6")
    long_code = "X" * 400
    batch = score_table(ScoreTable.from_wide(fw, [{"unit": long_code, "1.1": "8"}]))
    assert all(len(line) <= 160 for line in summary(batch).splitlines())


# ---------------------------------------------------------------------------------------------
# the palette


def test_the_palette_is_colorbrewer_rdylbu_with_nine_classes() -> None:
    assert BAND_PALETTE == (
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
    assert NO_BAND_COLOUR not in BAND_PALETTE


def test_a_label_takes_the_colour_of_its_place_not_of_its_name() -> None:
    five = ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]
    four = ["Trung bình", "Khá", "Tốt", "Xuất sắc"]
    assert band_colour("Xuất sắc", five) == band_colour("XUẤT SẮC", four) == BAND_PALETTE[-1]
    assert band_colour("Yếu", five) == band_colour("trung bình", four) == BAND_PALETTE[0]
    # "Khá" is the middle of five and the second of four
    assert (band_colour("Khá", five), band_colour("Khá", four)) == ("#ffffbf", "#fee090")
    assert band_colour("Hoà", five) == band_colour(None, five) == NO_BAND_COLOUR
    assert band_colour("Cao", ["Cao"]) == BAND_PALETTE[-1]  # a lone band is blue


def framework_with(labels: list[str]) -> Framework:
    """A one-criterion framework whose bands, lowest first, carry ``labels``."""
    n = len(labels)
    bounds = [Decimal(100 * i // n) for i in range(n)] + [Decimal(100)]
    bands = [
        Band(label, bounds[i], bounds[i + 1], upper_inclusive=i == n - 1)
        for i, label in enumerate(labels)
    ]
    return Framework(
        "x", "X", [Criterion("1", "Một", Decimal(100), rule=Rule.manual())], bands=bands
    )


@given(st.integers(min_value=2, max_value=12))
def test_bands_spread_evenly_from_blue_to_red(n: int) -> None:
    labels = [f"Mức {i}" for i in range(n)]  # lowest first
    fw = framework_with(labels)
    colours = band_colours(fw)
    assert list(colours) == labels[::-1]  # best first
    listed = list(colours.values())
    assert listed[0] == BAND_PALETTE[-1]
    assert listed[-1] == BAND_PALETTE[0]
    positions = [BAND_PALETTE.index(c) for c in reversed(listed)]  # lowest first
    assert positions == sorted(positions)  # a lower band is never bluer
    # evenly: each place is its share of the palette, rounded half up
    assert positions == [(2 * i * 8 + n - 1) // (2 * (n - 1)) for i in range(n)]
    if n <= len(BAND_PALETTE):
        assert len(set(listed)) == n  # every band its own colour while the palette lasts
    assert [band_colour(label, fw) for label in colours] == listed


def test_ink_reads_on_every_colour_of_the_palette() -> None:
    assert [ink(c) for c in BAND_PALETTE] == ["#ffffff", *["#000000"] * 7, "#ffffff"]
    assert ink(NO_BAND_COLOUR) == "#000000"
    with pytest.raises(CchcTypeError) as caught:
        ink("green")
    assert caught.value.field == "colour"
    assert caught.value.vi


# ---------------------------------------------------------------------------------------------
# bad input


def test_a_value_without_a_display_is_refused_by_name() -> None:
    with pytest.raises(CchcTypeError) as caught:
        html({"unit": "A"})
    assert caught.value.field == "obj"
    assert "dict" in str(caught.value)
    assert caught.value.vi
    assert "bảng xếp hạng" in caught.value.vi
    with pytest.raises(CchcTypeError):
        summary(object())


@pytest.mark.parametrize("lang", ["fr", "", "vietnamese", 1])
def test_an_unknown_language_is_refused(lang: object) -> None:
    with pytest.raises(ValidationError) as caught:
        html(result(), lang=lang)  # type: ignore[arg-type]
    assert caught.value.field == "lang"
    with pytest.raises(ValidationError):
        summary(result(), lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("max_rows", [0, -1, "many", 1.5, True, 10**9])
def test_a_bad_row_limit_is_refused(max_rows: object) -> None:
    with pytest.raises(CchcError) as caught:
        html(result(), max_rows=max_rows)  # type: ignore[arg-type]
    assert caught.value.field == "max_rows"


def test_a_self_assessed_scorecard_says_what_it_is() -> None:
    own = result().own.self_assessed_scorecard("CT-VP")
    page = Page(html(own, names=result().campaign.units))
    assert page.outside[0] == "Phiếu tự chấm điểm: Văn phòng HĐND và UBND huyện"
    assert page.column(0, "Mã") == [line.code for line in own.lines]
    assert summary(own).startswith("SelfAssessedScorecard 'CT-VP'")


def test_a_band_colour_of_something_else_is_refused() -> None:
    with pytest.raises(CchcTypeError) as caught:
        band_colour(90, ["Tốt"])  # type: ignore[arg-type]
    assert caught.value.field == "label"
    with pytest.raises(CchcTypeError) as caught:
        band_colour("Tốt lắm", "Tốt")
    assert caught.value.field == "bands"
    assert caught.value.vi
    with pytest.raises(CchcTypeError):
        band_colours(["Tốt"])  # type: ignore[arg-type]
