"""Tidy tables: what each result becomes, exact numbers kept exact, names beside codes, and CSV
that Excel opens in Vietnamese."""

from __future__ import annotations

import datetime
import io
import pickle
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import strategies as cst
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import load_bundled
from cchc.errors import CchcError, CchcTypeError, ValidationError
from cchc.examples import load
from cchc.plans import progress
from cchc.scoring import ScoreTable, Source, rank, score_table
from cchc.tables import (
    Column,
    ColumnKind,
    Table,
    award_table,
    band_order,
    council_table,
    criterion_table,
    input_table,
    plan_table,
    progress_table,
    ranking_table,
    results_table,
    scorecard_table,
    standings_table,
    table_of,
    write_csv,
)
from cchc.units import Unit, UnitKind
from tests.office import chau_thanh_result, same_cells


@pytest.fixture(scope="module")
def chau_thanh() -> CampaignResult:
    return chau_thanh_result()


# --- the Table value type -----------------------------------------------------------------------


def small() -> Table:
    return Table(
        "demo",
        "Ví dụ",
        [Column("unit", "text", "Đơn vị"), Column("points", "number", "Điểm")],
        [("A", Decimal("9.5")), ("B", None)],
    )


def test_a_table_is_a_frozen_value_that_pickles_and_evolves() -> None:
    table = small()
    assert table == small()
    assert hash(table) == hash(small())
    assert pickle.loads(pickle.dumps(table)) == table
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        table.name = "x"  # type: ignore[misc]
    other = attrs.evolve(table, rows=[("C", Decimal(1))])
    assert table.column("unit") == ("A", "B")
    assert other.column("unit") == ("C",)


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Table("t", "", [Column("unit", "text")], [("A", "B")])
    assert caught.value.field == "rows[0]"
    assert "1 cột" in caught.value.message_vi


@pytest.mark.parametrize(
    ("kind", "bad"),
    [
        ("number", 9.5),
        ("number", True),
        ("number", 3),
        ("whole", Decimal(3)),
        ("whole", False),
        ("text", 3),
        ("date", datetime.datetime(2021, 1, 1)),
        ("flag", 1),
        ("value", 1.5),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused(kind: str, bad: object) -> None:
    with pytest.raises(CchcTypeError) as caught:
        Table("t", "", [Column("x", kind, "Cột X")], [(bad,)])
    assert caught.value.field == "rows[0][0]"
    assert "Cột X" in caught.value.message_vi


def test_a_band_column_holds_only_its_bands() -> None:
    column = Column("band", "band", "Xếp loại", ["Yếu", "Khá"])
    assert Table("t", "", [column], [("Khá",), (None,)]).column("band") == ("Khá", None)
    with pytest.raises(ValidationError, match="Yếu, Khá"):
        Table("t", "", [column], [("Tốt",)])


def test_two_columns_of_one_name_are_refused() -> None:
    with pytest.raises(ValidationError, match="two columns"):
        Table("t", "", [Column("a", "text"), Column("a", "number")], [])


def test_an_unknown_column_names_the_columns() -> None:
    with pytest.raises(ValidationError) as caught:
        small().column("total")
    assert "unit, points" in str(caught.value)
    assert "unit, points" in caught.value.message_vi


def test_a_column_kind_is_read_from_its_name_or_value() -> None:
    assert ColumnKind("NUMBER") is ColumnKind.NUMBER
    with pytest.raises(ValidationError, match="one of"):
        Column("x", "money")


# --- results ------------------------------------------------------------------------------------


def test_results_keep_exact_numbers_and_the_capped_index(chau_thanh: CampaignResult) -> None:
    table = results_table(chau_thanh.final, names=chau_thanh.campaign.units)
    by_unit = {row["unit"]: row for row in table.records()}
    for entry in chau_thanh.ranking.entries:
        row = by_unit[entry.unit]
        assert row["points"] == entry.points
        assert isinstance(row["points"], Decimal)
        assert row["index"] == entry.index
        assert isinstance(row["index"], Fraction)
        assert row["band"] == entry.band
    assert by_unit["CT-TP"]["name"] == "Phòng Tư pháp"
    assert by_unit["CT-TP"]["index"] == Fraction(7699, 95)  # no finite decimal: kept exact


def test_results_of_a_batch_in_groups_name_the_groups(chau_thanh: CampaignResult) -> None:
    groups = results_table(chau_thanh.final).column("group")
    assert set(groups) == {"PB", "XA"}
    assert set(results_table(chau_thanh.own).column("group")) == {"PB", "XA"}


def test_bands_are_ordered_from_the_lowest_to_the_highest() -> None:
    fw = load_bundled("cchc-campaign-6")
    assert band_order(fw) == ("Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc")
    reversed_bands = attrs.evolve(fw, bands=tuple(reversed(fw.bands)))
    assert band_order(reversed_bands) == band_order(fw)
    with pytest.raises(CchcTypeError):
        band_order("cchc-campaign-6")  # type: ignore[arg-type]


def test_criterion_rows_long_sum_to_the_totals(chau_thanh: CampaignResult) -> None:
    result = chau_thanh.final
    long = criterion_table(result)
    assert len(long) == len(result.codes) * len(result.units)
    fields = {c.code for c in result.framework.criteria}
    totals = {row["unit"]: row["points"] for row in results_table(result).records()}
    sums: dict[object, Decimal] = {}
    for row in long.records():
        if row["criterion"] in fields:
            assert row["depth"] == 0
            sums[row["unit"]] = sums.get(row["unit"], Decimal(0)) + row["points"]  # type: ignore[operator]
    assert sums == totals


def test_criterion_rows_wide_have_a_column_per_field(chau_thanh: CampaignResult) -> None:
    result = chau_thanh.final
    wide = criterion_table(result, layout="wide", names=chau_thanh.campaign.units)
    codes = [c.code for c in result.framework.criteria]
    assert wide.names == ("unit", "name", *codes, "points", "maximum", "index", "band")
    for row in wide.records():
        assert sum(row[c] for c in codes) == row["points"]  # type: ignore[misc]
    deeper = criterion_table(result, layout="wide", depth=1)
    assert "1.1" in deeper.names
    assert "1" in deeper.names


@pytest.mark.parametrize(("layout", "depth"), [("tall", 0), ("wide", -1), ("wide", True)])
def test_criterion_rows_refuse_a_bad_layout(
    chau_thanh: CampaignResult, layout: str, depth: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        criterion_table(chau_thanh.final, layout=layout, depth=depth)
    assert caught.value.vi


def test_a_scorecard_table_has_a_row_per_line(chau_thanh: CampaignResult) -> None:
    card = chau_thanh.final.scorecard("CT-VP")
    table = scorecard_table(card, names=chau_thanh.campaign.units)
    assert len(table) == len(card.lines)
    assert set(table.column("name")) == {"Văn phòng HĐND và UBND huyện"}
    changed = [r for r in table.records() if r["reason"]]
    assert changed
    assert all(r["source"] == "thẩm định" for r in changed)
    assert table_of(card) == scorecard_table(card)


def test_a_ranking_table_lists_units_best_first(chau_thanh: CampaignResult) -> None:
    table = ranking_table(chau_thanh.ranking, names=chau_thanh.campaign.units)
    rows = table.records()
    assert [r["unit"] for r in rows] == [e.unit for e in chau_thanh.ranking.entries]
    for group in ("PB", "XA"):
        ranks = [int(str(r["rank"])) for r in rows if r["group"] == group]
        assert ranks == sorted(ranks)
        assert ranks[0] == 1


def test_ties_name_the_units_tied_with() -> None:
    fw = load_bundled("ca-mau-1880-2013")
    t = ScoreTable.from_wide(fw, [{"unit": "A", "1.3": "1"}, {"unit": "B", "1.3": "1"}])
    rows = ranking_table(rank(score_table(t))).records()
    assert [(r["unit"], r["rank"], r["tied_with"]) for r in rows] == [
        ("A", 1, "B"),
        ("B", 1, "A"),
    ]


def test_standings_carry_field_points_and_prizes(chau_thanh: CampaignResult) -> None:
    table = table_of(chau_thanh)
    assert table == standings_table(
        chau_thanh.ranking, names=chau_thanh.campaign.units, decision=chau_thanh.decision
    )
    prizes = {r["unit"]: r["prize"] for r in table.records()}
    for award in chau_thanh.decision.awards:
        if award.recipient in prizes:
            assert award.prize_name in str(prizes[award.recipient])
    assert prizes["CT-VH"] is None


def test_council_changes_keep_their_reasons(chau_thanh: CampaignResult) -> None:
    changes = council_changes_of(chau_thanh)
    table = council_table(changes, names=chau_thanh.campaign.units)
    assert len(table) == len(changes) > 0
    for row, change in zip(table.records(), changes, strict=True):
        assert row["change"] == change.change == row["appraised_points"] - row["self_points"]  # type: ignore[operator]
        assert row["reason"] == change.reason
    assert table_of(list(changes)) == council_table(changes)
    with pytest.raises(CchcTypeError) as caught:
        council_table(["XA 1.1"])  # type: ignore[list-item]
    assert caught.value.field == "changes[0]"


def test_an_award_table_has_every_place(chau_thanh: CampaignResult) -> None:
    decision = chau_thanh.decision
    table = award_table(decision)
    statuses = table.column("status")
    assert statuses.count("awarded") == len(decision.awards)
    assert statuses.count("unfilled") == len(decision.unfilled)
    assert statuses.count("tie") == len(decision.ties)
    first = table.records()[0]
    assert first["recipient"] == decision.awards[0].recipient
    assert first["reason"] == decision.awards[0].reason.vi


@given(cst.award_decisions())
def test_any_award_decision_makes_a_table(decision: object) -> None:
    table = table_of(decision)
    assert table.name == "awards"


def test_plans_and_progress_reports_make_tables() -> None:
    example = load("gia-lam-9m-2021")
    assert example.plan is not None
    assert example.report_as_of is not None
    tasks = plan_table(example.plan, names=example.units)
    assert len(tasks) == len(example.plan.tasks)
    assert tasks.column("code") == tuple(t.code for t in example.plan.tasks)
    assert all(isinstance(d, datetime.date) or d is None for d in tasks.column("deadline"))
    report = progress(example.plan, as_of=example.report_as_of)
    rows = progress_table(report, names=example.units)
    assert len(rows) == len(report.tasks)
    assert set(rows.column("state_vi")) <= {
        "Hoàn thành đúng hạn",
        "Hoàn thành trễ hạn",
        "Quá hạn",
        "Đang thực hiện",
        "Chưa triển khai",
    }
    assert table_of(report) == progress_table(report)


@given(cst.plans(max_tasks=4))
def test_any_plan_makes_a_table(plan: object) -> None:
    assert len(table_of(plan)) == len(plan.tasks)  # type: ignore[attr-defined]


# --- names --------------------------------------------------------------------------------------


def test_names_come_from_a_tree_units_or_a_mapping(chau_thanh: CampaignResult) -> None:
    result = chau_thanh.final
    tree = chau_thanh.campaign.units
    assert tree is not None
    by_tree = results_table(result, names=tree).column("name")
    by_units = results_table(result, names=list(tree)).column("name")
    by_map = results_table(result, names={u.code.lower(): u.name for u in tree}).column("name")
    assert by_tree == by_units == by_map
    assert "Phòng Nội vụ" in by_tree
    assert set(results_table(result).column("name")) == {None}


def test_names_of_the_wrong_kind_are_refused(chau_thanh: CampaignResult) -> None:
    with pytest.raises(CchcTypeError) as caught:
        results_table(chau_thanh.final, names=[Unit("A", "A", UnitKind.COMMUNE), "B"])  # type: ignore[list-item]
    assert caught.value.field == "names[1]"
    with pytest.raises(CchcTypeError):
        results_table(chau_thanh.final, names=42)  # type: ignore[arg-type]


def test_table_of_refuses_what_it_cannot_tabulate() -> None:
    with pytest.raises(CchcTypeError) as caught:
        table_of({"unit": "A"})
    assert "kết quả chấm điểm" in caught.value.message_vi


@pytest.mark.parametrize(
    "builder",
    [results_table, criterion_table, ranking_table, award_table, plan_table, progress_table],
)
def test_each_builder_refuses_a_value_of_another_type(builder: object) -> None:
    with pytest.raises(CchcTypeError) as caught:
        builder("XA-01")  # type: ignore[operator]
    assert caught.value.vi


# --- score inputs -------------------------------------------------------------------------------


def test_input_table_gives_values_as_reported() -> None:
    fw = load_bundled("cchc-campaign-6")
    table = ScoreTable.from_long(
        fw, [("A", "1.1", "7,5"), ("A", "2.2", "không"), ("B", "2.1", "45/50")]
    )
    assert input_table(table).rows == (
        ("A", "1.1", Decimal("7.5"), None),
        ("A", "2.2", False, None),
        ("B", "2.1", "45/50", None),
    )
    wide = input_table(table, layout="wide")
    assert wide.names[0] == "unit"
    assert len(wide) == 2
    assert wide.records()[1]["2.1"] == "45/50"
    assert wide.records()[1]["1.1"] is None


@given(cst.score_tables())
def test_input_rows_read_back_to_the_same_table(table: ScoreTable) -> None:
    rows = input_table(table).rows
    back = ScoreTable.from_long(
        table.framework, [(u, c, v, r or "") for u, c, v, r in rows], units=table.units
    )
    assert same_cells(back, table)


@given(cst.frameworks().flatmap(lambda fw: cst.score_tables(fw, stage=Source.APPRAISAL)))
def test_the_councils_reasons_read_back(table: ScoreTable) -> None:
    rows = input_table(table).rows
    back = ScoreTable.from_long(
        table.framework,
        [(u, c, v, r or "") for u, c, v, r in rows],
        units=table.units,
        stage=Source.APPRAISAL,
    )
    assert same_cells(back, table)


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_starts_with_a_byte_order_mark_and_reads_back(
    tmp_path: Path, chau_thanh: CampaignResult
) -> None:
    import pandas as pd

    table = table_of(chau_thanh)
    path = tmp_path / "ket-qua.csv"
    write_csv(table, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert tuple(frame.columns) == table.names
    assert frame.loc[0, "name"] == "Phòng Nội vụ"
    assert [Decimal(repr(p)) for p in frame["points"]] == list(table.column("points"))


def test_csv_for_people_has_vietnamese_headers_and_numbers(tmp_path: Path) -> None:
    table = Table(
        "t",
        "",
        [
            Column("unit", "text", "Đơn vị"),
            Column("points", "number", "Điểm"),
            Column("index", "number", "Chỉ số"),
            Column("due", "date", "Hạn"),
            Column("done", "flag", "Xong"),
        ],
        [("Xã Hòa Bình", Decimal("1234.50"), Fraction(7699, 95), datetime.date(2021, 12, 5), True)],
    )
    out = io.StringIO()
    write_csv(table, out, headers="titles", delimiter=";", decimal=",")
    assert out.getvalue() == (
        "\ufeffĐơn vị;Điểm;Chỉ số;Hạn;Xong\r\nXã Hòa Bình;1234,50;81,04;05/12/2021;có\r\n"
    )
    out = io.StringIO()
    write_csv(table, out, index_digits=6)
    assert out.getvalue().splitlines()[1] == "Xã Hòa Bình,1234.50,81.042105,2021-12-05,true"


@pytest.mark.parametrize(
    "options",
    [
        {"headers": "vi"},
        {"decimal": ";"},
        {"delimiter": ","},  # the same as decimal="," below
        {"delimiter": ";;"},
        {"index_digits": 13},
        {"index_digits": True},
    ],
)
def test_csv_options_are_checked(options: dict[str, object]) -> None:
    if options.get("delimiter") == ",":
        options = {**options, "decimal": ","}
    with pytest.raises(ValidationError) as caught:
        write_csv(small(), io.StringIO(), **options)  # type: ignore[arg-type]
    assert caught.value.vi


def test_csv_needs_a_table_and_a_target() -> None:
    with pytest.raises(CchcTypeError):
        write_csv([("A", 1)], io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(CchcTypeError) as caught:
        write_csv(small(), 42)  # type: ignore[arg-type]
    assert caught.value.field == "target"


@given(st.lists(st.text(), max_size=5))
def test_any_text_survives_csv(texts: list[str]) -> None:
    import csv

    try:
        table = Table("t", "", [Column("text", "text")], [(t,) for t in texts])
    except CchcError:
        return  # text no file can hold (a lone surrogate) is refused by the table
    out = io.StringIO()
    write_csv(table, out)
    body = out.getvalue()
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))
    assert [r[0] for r in rows[1:]] == [t for (t,) in table.rows]


@given(st.integers(0, 50), st.integers(0, 50))
def test_a_bad_value_among_many_is_found_at_its_row(before: int, after: int) -> None:
    column = Column("points", "number", "Điểm")
    numbers: list[tuple[object]] = [(Decimal(i),) for i in range(before)]
    with pytest.raises(CchcTypeError) as caught:
        Table("t", "", [column], [*numbers, (1.5,), *[(None,)] * after])
    assert caught.value.field == f"rows[{before}][0]"
    band = Column("band", "band", "Xếp loại", ["Yếu", "Khá"])
    with pytest.raises(ValidationError) as refused:
        Table("t", "", [band], [("Khá",)] * before + [("Giỏi",)] + [("Yếu",)] * after)
    assert refused.value.field == f"rows[{before}][0]"
