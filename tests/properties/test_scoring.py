"""Properties of scoring: exact totals, bounds, re-basing, rankings that do not depend on
input order and never punish a better score, explanations that account for every point, and
input tables that fail only with CchcErrors."""

from __future__ import annotations

import contextlib
import json
import random
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.criteria import Framework, RuleKind
from cchc.errors import CchcError, InvalidDocumentError
from cchc.export.json import from_json, to_json
from cchc.scoring import (
    Adjustment,
    Appraisal,
    BatchResult,
    Entry,
    Marker,
    Ranking,
    Scorecard,
    ScoreTable,
    SelfAssessment,
    Source,
    TiePolicy,
    _AssessmentReader,
    _bulk_readings,
    _quick_cell,
    _read_cell,
    rank,
    score_table,
    score_unit,
)
from cchc.strategies import (
    batch_results,
    frameworks,
    ranking_tie_policies,
    score_tables,
    scorecards,
    self_assessments,
)


@st.composite
def batches(draw: st.DrawFn) -> Batch:
    """A framework, long rows for 1–6 units (own entries and survey results), and groups."""
    fw = draw(frameworks())
    count = draw(st.integers(1, 6))
    rows: Rows = []
    groups = {}
    for i in range(count):
        unit = f"U{i}"
        groups[unit] = draw(st.sampled_from(["K1", "K2"]))
        for survey in (False, True):
            assessment = draw(self_assessments(fw, unit, survey=survey))
            rows += [(unit, e.code, e.value) for e in assessment.entries]
    return fw, rows, groups


Rows = list[tuple[str, str, object]]
Batch = tuple[Framework, Rows, dict[str, str]]


def table_of(fw: Framework, rows: Rows, units: list[str] | None = None) -> ScoreTable:
    """The units' own entries, with the survey results laid over them."""
    units = units or sorted({r[0] for r in rows}) or ["U0"]
    survey = {leaf.code for leaf in fw.leaves() if leaf.effective_rule.kind is RuleKind.SURVEY}
    own = ScoreTable.from_long(fw, [r for r in rows if r[1] not in survey], units=units)
    results = ScoreTable.from_long(
        fw, [r for r in rows if r[1] in survey], units=units, stage=Source.SURVEY
    )
    return own.overlay(results)


def scored(fw: Framework, rows: Rows, units: list[str] | None = None) -> BatchResult:
    return score_table(table_of(fw, rows, units))


def cards_of(batch: Batch) -> Iterator[Scorecard]:
    """Each unit's scorecard, the batch scored at once."""
    fw, rows, _ = batch
    result = scored(fw, rows)
    return (result.scorecard(unit) for unit in result.units)


def ranks_of(ranking: Ranking) -> dict[str, int]:
    return {e.unit: e.rank for e in ranking.entries}


@given(batches())
def test_totals_equal_the_sum_of_their_parts(batch: Batch) -> None:
    fw = batch[0]
    for card in cards_of(batch):
        lines = {line.code: line for line in card.lines}
        for _, node in fw.walk():
            if node.children:
                offered = sum((lines[c.code].points for c in node.children), Decimal(0))
                expected = min(offered, node.maximum) if node.capped else offered
                assert lines[node.code].points == expected
        assert card.points == sum((f.points for f in card.fields), Decimal(0))


@given(batches())
def test_no_points_above_a_maximum_or_below_a_floor(batch: Batch) -> None:
    fw = batch[0]
    for card in cards_of(batch):
        for line in card.lines:
            assert Decimal(0) <= line.points <= line.maximum
            node = fw.find(line.code)
            rule = node.effective_rule
            if node.is_leaf and line.entry is not None and not line.not_applicable:
                if rule.kind is RuleKind.DEDUCTION:
                    assert line.points >= min(rule.floor, node.maximum)
                # one rule scored alone gives what the column engine gave
                assert rule.points(line.entry, node.maximum, fw.precision, fw.rounding) == (
                    line.points
                )


@given(batches())
def test_not_applicable_never_lifts_an_index_above_100(batch: Batch) -> None:
    for card in cards_of(batch):
        assert Fraction(0) <= card.index <= 100
        for line in card.lines:
            assert line.share is None or line.share <= 1


@given(batches())
def test_explain_accounts_for_every_point(batch: Batch) -> None:
    for card in cards_of(batch):
        why = card.explain("en")
        assert why.line_total() == card.points == why.total


#: A number written the English way: a digit, a point, a digit.
DECIMAL_POINT = re.compile(r"\d\.\d")


@given(batches())
def test_a_vietnamese_explanation_writes_every_number_with_a_decimal_comma(batch: Batch) -> None:
    rounding = str(batch[0].rounding)
    for card in cards_of(batch):
        for line in card.lines:
            said = f"{line.rule_vi or ''} {line.detail_vi or ''}"
            # the rounding mode is a code, not a number; criterion codes are not in these texts
            assert not DECIMAL_POINT.search(said.replace(rounding, "")), said


@given(batches(), st.randoms(use_true_random=False), st.data())
def test_ranking_does_not_depend_on_input_order(
    batch: Batch,
    rnd: random.Random,
    data: st.DataObject,
) -> None:
    fw, rows, groups = batch
    policy = data.draw(ranking_tie_policies(fw))
    units = sorted(groups)  # every unit has a group, reported or not
    shuffled_rows, shuffled_units = list(rows), list(units)
    rnd.shuffle(shuffled_rows)
    rnd.shuffle(shuffled_units)
    first = rank(scored(fw, rows, units), groups, policy)
    second = rank(score_table(table_of(fw, shuffled_rows, shuffled_units)), groups, policy)
    assert ranks_of(first) == ranks_of(second)
    assert first.entries == second.entries


@given(batches(), st.data())
def test_raising_one_units_points_never_lowers_its_rank(
    batch: Batch,
    data: st.DataObject,
) -> None:
    fw, rows, groups = batch
    policy: TiePolicy = data.draw(ranking_tie_policies(fw))
    manual = [leaf for leaf in fw.leaves() if leaf.effective_rule.kind is RuleKind.MANUAL]
    assume(manual)
    units = sorted(groups)
    unit = data.draw(st.sampled_from(units))
    leaf = data.draw(st.sampled_from(manual))
    before = rank(scored(fw, rows, units), groups, policy)
    raised = [r for r in rows if not (r[0] == unit and r[1] == leaf.code)]
    raised.append((unit, leaf.code, leaf.maximum))
    after = rank(score_table(table_of(fw, raised, units)), groups, policy)
    assert after.of(unit).rank <= before.of(unit).rank
    assert after.of(unit).points >= before.of(unit).points


#: Cells an adversary or a careless spreadsheet sends: numbers past every limit, NaNs of every
#: kind, exponents that would expand to millions of digits, per cents, bools, nested pairs.
ADVERSARIAL = st.sampled_from(
    [
        "1E+1000000",
        "1e999999999",
        "1e-9999999",
        "-0",
        "NaN",
        "sNaN",
        "-Infinity",
        "9" * 5000,
        "95%",
        "mười",
        "1/0",
        "3/2",
        "-1/2",
        "4/5/6",
        " 7 ",
        "١٢",
        "\ud800",
        Decimal("sNaN"),
        Decimal("-NaN"),
        Decimal("1E+1000000"),
        Decimal("1E-1000000"),
        10**5000,
        -(10**30),
        (10**30, 10**31),
        (True, False),
        ((1, 2), 3),
        [1, [2]],
        Marker.NOT_APPLICABLE,
    ]
)
CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.integers(),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.text(max_size=8),
    st.tuples(st.integers(-3, 50), st.integers(-3, 50)),
    st.sampled_from(["N/A", "có", "0,5", "45/50", "1e3", "nan", "-1"]),
    ADVERSARIAL,
)


@given(
    frameworks(),
    st.lists(
        st.dictionaries(st.sampled_from(["unit", "1", "1.1", "1.2", "2", "2.1.1", "x"]), CELLS),
        max_size=5,
    ),
)
def test_any_table_is_read_or_refused_with_cchc_errors_only(
    fw: Framework,
    rows: list[dict[str, object]],
) -> None:
    with contextlib.suppress(CchcError):
        score_table(ScoreTable.from_wide(fw, rows))
    with contextlib.suppress(CchcError):
        long = [(r.get("unit"), k, v) for r in rows for k, v in r.items()]
        score_table(ScoreTable.from_long(fw, long))


@given(frameworks(), st.lists(st.text(max_size=6), max_size=6))
def test_entries_of_any_text_are_scored_or_refused_with_cchc_errors_only(
    fw: Framework, values: list[str]
) -> None:
    leaves = fw.leaves()
    entries = [Entry(leaves[i % len(leaves)].code, v) for i, v in enumerate(values)]
    with contextlib.suppress(CchcError):
        ScoreTable.from_long(fw, [("U", e.code, e.value) for e in entries])


@given(frameworks(), st.data())
def test_sparse_and_dense_checks_find_the_same_problems(fw: Framework, data: st.DataObject) -> None:
    # the engine checks a full table block by block and a sparse stage cell by cell
    from cchc.scoring import _Cells, _check_cells, _check_table, _layout

    layout = _layout(fw)
    n = data.draw(st.integers(1, 4))
    units = tuple(f"U{i}" for i in range(n))
    table = _Cells(fw, units, layout)
    cells = st.lists(st.integers(-2, 3000), min_size=n, max_size=n)
    for i in range(len(layout.leaf_rows)):
        table.first[i] = data.draw(cells)
        table.second[i] = data.draw(cells)
        table.given[i] = True
    live = table.given & ~table.na
    # the stage's own rules (which leaves a survey may score) are checked before either path
    dense = [f for f in _check_table(layout, table, Source.SURVEY) if f.code == "table.cell"]
    assert _check_cells(layout, table, live, Source.SURVEY) == dense


@given(scorecards())
def test_scorecards_round_trip_through_json_and_explain_every_point(card: Scorecard) -> None:
    assert from_json(to_json(card), Scorecard) == card
    assert card.explain("en").line_total() == card.points
    changed = {line.code for line in card.lines if line.source is Source.APPRAISAL}
    assert all(card.line(code).reason for code in changed)


def _read_or_refuse(build: object) -> BatchResult | None:
    """What the table reader gives, or None where it refused with a CchcError; a table it
    accepts must score, and every scorecard of it must pass its own checks, without any error.
    """
    try:
        table = build()  # type: ignore[operator]
    except CchcError:
        return None
    result = score_table(table)
    for unit in result.units:
        result.scorecard(unit)
    return result


@given(
    frameworks(),
    st.lists(
        st.dictionaries(st.sampled_from(["unit", "1", "1.1", "1.2", "2", "2.1.1"]), CELLS),
        max_size=4,
    ),
)
def test_any_cell_is_read_or_refused_and_what_is_read_scores_cleanly(
    fw: Framework, rows: list[dict[str, object]]
) -> None:
    _read_or_refuse(lambda: ScoreTable.from_wide(fw, rows))
    long = [(r.get("unit", "U"), k, v) for r in rows for k, v in r.items() if k != "unit"]
    _read_or_refuse(lambda: ScoreTable.from_long(fw, long, units=["U"]))


@given(frameworks(), st.dictionaries(st.sampled_from(["1", "1.1", "1.2", "2", "2.1"]), CELLS))
def test_score_unit_of_any_values_scores_or_refuses_with_cchc_errors_only(
    fw: Framework, values: dict[str, object]
) -> None:
    try:
        own = SelfAssessment.of("U", values)
    except CchcError:
        return
    with contextlib.suppress(CchcError):
        card = score_unit(fw, own)
        assert from_json(to_json(card), Scorecard) == card


@given(
    st.lists(st.sampled_from(["A", "B", "C", "a", "D", " ", "\ud800"]), max_size=4),
    st.dictionaries(
        st.one_of(st.sampled_from(["A", "B", "C", "X", "b"]), st.integers()),
        st.one_of(st.sampled_from(["K1", "K2", ""]), st.none(), st.integers()),
        max_size=4,
    ),
)
def test_any_group_mapping_ranks_or_is_refused_with_cchc_errors_only(
    units: list[str], groups: dict[object, object]
) -> None:
    from cchc.criteria import load_bundled

    fw = load_bundled("ca-mau-1880-2013")
    result = _read_or_refuse(lambda: ScoreTable.empty(fw, units))
    if result is None:
        return
    with contextlib.suppress(CchcError):
        ranking = rank(result, groups)  # type: ignore[arg-type]
        # what was accepted names every unit once, and nothing else
        assert sorted(e.unit for e in ranking.entries) == sorted(result.units)


# --- a batch from assessments: the fast reader and the constructors agree --------------------


def _outcome(read: Callable[[], ScoreTable]) -> tuple[object, ...]:
    """A table as plain data, or the findings of its refusal."""
    try:
        table = read()
    except InvalidDocumentError as exc:
        return ("refused", exc.findings)
    arrays = [getattr(table, n).tolist() for n in ("first", "second", "given", "na", "source")]
    return ("table", table.units, arrays, dict(table.reasons), table.findings)


#: What a client may put where a batch expects something else.
_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(allow_nan=True),
    st.text(alphabet="0123456789.,/ -eaNA%có\u0301\ud800", max_size=8),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from(["a", "code"]), st.integers(0, 3), max_size=2),
)


@st.composite
def _damaged(
    draw: st.DrawFn, data: list[dict[str, Any]], fw: Framework, part: str = "entries"
) -> list[Any]:
    """The JSON form of a batch with up to three defects of any kind (``part``: the key of
    its entries)."""
    data = json.loads(json.dumps(data))
    codes = [code for _, node in fw.walk() for code in (node.code,)] + ["9.9", " 1 "]
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(data) - 1))
        item = data[i]
        if not isinstance(item, dict) or not isinstance(item.get(part), list):
            continue  # damaged already
        entries = item[part]
        where = draw(st.sampled_from(["value", "code", "key", "entry", "unit", "evidence"]))
        if where == "unit":
            item["unit"] = draw(st.one_of(_ODD, st.sampled_from([f"U{n}" for n in range(4)])))
        elif where == "key":
            target = entries[0] if entries and draw(st.booleans()) else item
            if not isinstance(target, dict):
                continue  # an entry damaged already
            if draw(st.booleans()):
                target[draw(st.sampled_from(["x", "units", "reason"]))] = 1
            elif target:
                del target[draw(st.sampled_from(sorted(target)))]
        elif not entries:
            data[i] = draw(_ODD)
        else:
            k = draw(st.integers(0, len(entries) - 1))
            if not isinstance(entries[k], dict):
                continue
            if where == "value":
                entries[k]["value"] = draw(_ODD)
            elif where == "code":
                entries[k]["code"] = draw(st.one_of(st.sampled_from(codes), _ODD))
            elif where == "evidence":
                key = draw(st.sampled_from(["evidence", "explanation", "reason"]))
                entries[k][key] = draw(st.one_of(_ODD, st.lists(_ODD, max_size=2)))
            elif draw(st.booleans()):
                entries.append(dict(entries[k]))  # the same criterion twice
            else:
                entries[k] = draw(_ODD)
    return data


@st.composite
def _assessed(draw: st.DrawFn) -> tuple[Framework, list[SelfAssessment]]:
    fw = draw(frameworks())
    count = draw(st.integers(1, 4))
    return fw, [draw(self_assessments(fw, f"U{i}")) for i in range(count)]


@given(_assessed(), st.data())
def test_a_batch_read_fast_is_the_batch_read_through_the_constructors(
    assessed: tuple[Framework, list[SelfAssessment]], data: st.DataObject
) -> None:
    fw, own = assessed
    plain = json.loads(to_json(own))
    fast = _outcome(lambda: ScoreTable.from_assessments(fw, plain))
    assert fast == _outcome(lambda: ScoreTable.from_assessments(fw, own))
    rows = [(a.unit, e.code, e.value) for a in own for e in a.entries]
    units = [a.unit for a in own]
    by_rows = _outcome(lambda: ScoreTable.from_long(fw, rows, units=units))
    assert by_rows[0] == fast[0]
    assert fast[0] == "refused" or by_rows[1:3] == fast[1:3]
    damaged = data.draw(_damaged(plain, fw))
    slow = _AssessmentReader(fw, Source.SELF, "units", fast=False)
    assert _outcome(lambda: ScoreTable.from_assessments(fw, damaged)) == _outcome(
        lambda: slow.table(damaged)
    )


@given(frameworks(), st.data())
def test_a_plain_number_is_read_as_the_bounded_reader_reads_it(
    fw: Framework, data: st.DataObject
) -> None:
    digits = len(str(fw.scale)) - 1
    for node in fw.leaves():
        value = data.draw(
            st.one_of(
                st.from_regex(
                    r"[0-9]{1,14}([.,][0-9]{0,14})?(/[0-9]{0,14}([.,][0-9]{0,4})?)?", fullmatch=True
                ),
                st.text(alphabet="0123456789.,/", max_size=12),
            )
        )
        quick = _quick_cell(node.effective_rule, value, digits)
        if quick is not None:
            assert quick == _read_cell(node, value, fw.precision)


@given(frameworks(), st.data())
def test_a_column_of_plain_numbers_read_at_once_reads_as_each_text_alone(
    fw: Framework, data: st.DataObject
) -> None:
    # the distinct texts of a sheet's column are parsed together from their bytes; every
    # number must come out as the one-text reader gives it, and a column holding a text that
    # reader does not take plainly is left to be read text by text
    digits = len(str(fw.scale)) - 1
    plain = st.from_regex(
        r"[0-9]{1,13}([.,][0-9]{1,8})?(/[0-9]{0,13}([.,][0-9]{0,3})?)?", fullmatch=True
    )
    for node in fw.leaves():
        rule = node.effective_rule
        texts = data.draw(
            st.lists(
                plain | st.sampled_from(["0", "7", "1/2", "12.50"]),
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        bulk = _bulk_readings(rule, texts, digits)
        if bulk is None:
            continue
        first, second = bulk
        for k, value in enumerate(texts):
            assert _quick_cell(rule, value, digits) == (int(first[k]), int(second[k])), value


@given(_assessed(), st.data())
def test_a_batch_of_appraisals_read_fast_is_read_as_the_constructors_read_it(
    assessed: tuple[Framework, list[SelfAssessment]], data: st.DataObject
) -> None:
    fw, own = assessed
    reasons = st.sampled_from(["thiếu tài liệu kiểm chứng", "  số liệu chưa khớp ", "Hoa\u0300"])
    council = [
        Appraisal(a.unit, [Adjustment(e.code, e.value, data.draw(reasons)) for e in a.entries])
        for a in own
    ]
    plain = json.loads(to_json(council))
    fast = _outcome(lambda: ScoreTable.from_assessments(fw, plain, stage=Source.APPRAISAL))
    assert fast == _outcome(
        lambda: ScoreTable.from_assessments(fw, council, stage=Source.APPRAISAL)
    )
    damaged = data.draw(_damaged(plain, fw, "adjustments"))
    slow = _AssessmentReader(fw, Source.APPRAISAL, "units", fast=False)
    assert _outcome(
        lambda: ScoreTable.from_assessments(fw, damaged, stage=Source.APPRAISAL)
    ) == _outcome(lambda: slow.table(damaged))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["unit", "entries", "code", "value", "evidence", "reason", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(frameworks(), st.lists(_JSON, max_size=4), st.sampled_from(list(Source)[1:]))
def test_a_batch_of_anything_is_read_or_refused_with_a_cchc_error(
    fw: Framework, data: list[Any], stage: Source
) -> None:
    with contextlib.suppress(CchcError):
        ScoreTable.from_assessments(fw, data, stage=stage)


@given(score_tables(max_units=4))
def test_what_a_table_reports_reads_back_to_the_same_cells(table: ScoreTable) -> None:
    leaves = table.framework.leaves()
    rows = [
        (unit, leaf.code, shown)
        for j, unit in enumerate(table.units)
        for i, leaf in enumerate(leaves)
        if (shown := table.reported(i, j)) is not None
    ]
    again = ScoreTable.from_long(table.framework, rows, units=table.units)
    for name in ("first", "second", "given", "na"):
        assert getattr(again, name).tolist() == getattr(table, name).tolist(), name


@given(batch_results(max_units=4))
def test_a_batchs_indices_are_its_scorecards_indices(result: BatchResult) -> None:
    assert result.indices() == tuple(result.scorecard(u).index for u in result.units)
    assert [row["index"] for row in result.rows()] == [
        result.scorecard(u).index_rounded for u in result.units
    ]


@given(score_tables(max_units=4), st.data())
def test_every_bad_cell_of_wide_rows_is_named_by_the_callers_row_and_column(
    table: ScoreTable, data: st.DataObject
) -> None:
    leaves = [leaf.code for leaf in table.framework.leaves()]
    rows: list[dict[str, object]] = [
        {"unit": unit, **{code: table.reported(i, j) for i, code in enumerate(leaves)}}
        for j, unit in enumerate(table.units)
    ]
    junk = st.sampled_from(["99999", "-1", "N/A", "abc", "1/0", "7.333", "60/50", "2"])
    for _ in range(data.draw(st.integers(1, 3))):
        row = data.draw(st.integers(0, len(rows) - 1))
        rows[row][data.draw(st.sampled_from(leaves))] = data.draw(junk)
    try:
        ScoreTable.from_wide(table.framework, rows)
    except InvalidDocumentError as exc:
        cells = [f for f in exc.findings if f.code.startswith("table.") and "[" in f.path]
        for f in cells:
            assert any(
                f.path == f"rows[{i}]['{code}']" for i, row in enumerate(rows) for code in row
            ), f


def _sheet(table: ScoreTable) -> list[dict[str, object]]:
    """A table's cells as a sheet's rows of text: one row per unit, one key per reported cell."""
    codes = [node.code for node in table.framework.leaves()]
    rows: list[dict[str, object]] = []
    for j, unit in enumerate(table.units):
        row: dict[str, object] = {"unit": unit}
        for leaf, code in enumerate(codes):
            reported = table.reported(leaf, j)
            if reported is not None:
                row[code] = reported
        rows.append(row)
    return rows


def _same_cells(a: ScoreTable, b: ScoreTable) -> bool:
    names = ("first", "second", "given", "na", "source")
    return a.units == b.units and all((getattr(a, n) == getattr(b, n)).all() for n in names)


@given(score_tables(), st.booleans())
def test_from_wide_reads_a_sheet_as_its_cells_read_one_by_one(
    table: ScoreTable, every_column: bool
) -> None:
    # a sheet is read a column at a time (each distinct text once); the cells of the same
    # sheet read one by one (from_long) give the same table
    rows = _sheet(table)
    cells = [(r["unit"], k, v) for r in rows for k, v in r.items() if k != "unit"]
    if every_column:  # every row has every column, the empty ones blank, as in a CSV file
        blank = dict.fromkeys((node.code for node in table.framework.leaves()), "")
        rows = [{"unit": r["unit"], **blank, **r} for r in rows]
    wide = ScoreTable.from_wide(table.framework, rows)
    one_by_one = ScoreTable.from_long(table.framework, cells, units=table.units)
    assert _same_cells(wide, one_by_one)
    assert _same_cells(wide, table)
    assert [f.code for f in wide.findings] == [f.code for f in one_by_one.findings]
