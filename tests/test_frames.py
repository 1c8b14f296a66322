"""DataFrames: float columns beside exact ones, bands as ordered categories, and score inputs
read from frames as pandas reads spreadsheets, with the spreadsheet float rule and findings in
the frame's own terms."""

from __future__ import annotations

import builtins
import io
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import strategies as cst
from cchc.campaigns import CampaignResult
from cchc.criteria import Criterion, Framework, Rule, RuleKind, load_bundled
from cchc.errors import CchcError, CchcTypeError, InvalidDocumentError, Severity, ValidationError
from cchc.examples import load, load_results
from cchc.frames import table_from_frame, to_frame
from cchc.plans import progress
from cchc.scoring import ScoreTable, Source, score_table
from cchc.tables import Column, Table, input_table
from tests.office import chau_thanh_result, same_cells

FW = load_bundled("cchc-campaign-6")


@pytest.fixture(scope="module")
def chau_thanh() -> CampaignResult:
    return chau_thanh_result()


def problems(exc: pytest.ExceptionInfo[InvalidDocumentError]) -> list[tuple[str, str]]:
    return [(f.code, f.path) for f in exc.value.findings]


# --- results -> frames --------------------------------------------------------------------------


def test_numbers_are_floats_beside_their_exact_values(chau_thanh: CampaignResult) -> None:
    frame = to_frame(chau_thanh.ranking, names=chau_thanh.campaign.units)
    for name in ("points", "maximum", "index"):
        assert frame[name].dtype == np.float64
        assert list(frame.columns).index(f"{name}_exact") == list(frame.columns).index(name) + 1
    exact = dict(zip(frame["unit"], frame["index_exact"], strict=True))
    for entry in chau_thanh.ranking.entries:
        assert exact[entry.unit] == entry.index
        assert isinstance(exact[entry.unit], Fraction)
    assert all(isinstance(p, Decimal) for p in frame["points_exact"])
    assert frame["rank"].dtype == np.int64
    assert frame.attrs["table"] == "ranking"


def test_exact_false_leaves_the_exact_columns_out(chau_thanh: CampaignResult) -> None:
    frame = to_frame(chau_thanh.final, exact=False)
    assert not [c for c in frame.columns if str(c).endswith("_exact")]
    with pytest.raises(CchcTypeError):
        to_frame(chau_thanh.final, exact="no")  # type: ignore[arg-type]


def test_bands_are_ordered_categories_lowest_first(chau_thanh: CampaignResult) -> None:
    frame = to_frame(chau_thanh)
    band = frame["band"]
    assert isinstance(band.dtype, pd.CategoricalDtype)
    assert band.cat.ordered
    assert list(band.cat.categories) == ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]
    good = frame[band >= "Tốt"]
    assert set(good["index"]) == {i for i in frame["index"] if i >= 80}
    assert frame.sort_values("band", ascending=False)["band"].iloc[0] == "Xuất sắc"


def test_the_float_of_a_point_gives_back_its_decimal(chau_thanh: CampaignResult) -> None:
    frame = to_frame(chau_thanh.final)
    for shown, exact in zip(frame["points"], frame["points_exact"], strict=True):
        assert Decimal(repr(float(shown))) == exact


def test_blanks_make_nullable_columns() -> None:
    table = Table(
        "t",
        "",
        [Column("rank", "whole"), Column("done", "flag"), Column("points", "number")],
        [(1, True, None), (None, None, Decimal("2.5"))],
    )
    frame = to_frame(table)
    assert str(frame["rank"].dtype) == "Int64"
    assert str(frame["done"].dtype) == "boolean"
    assert np.isnan(frame["points"][0])
    assert frame["points_exact"][0] is None


def test_dates_are_datetimes() -> None:
    example = load("gia-lam-9m-2021")
    assert example.plan is not None
    assert example.report_as_of is not None
    frame = to_frame(progress(example.plan, as_of=example.report_as_of))
    assert str(frame["deadline"].dtype).startswith("datetime64")
    assert frame["due_soon"].dtype == bool
    assert frame["percent"].dtype == np.int64


def test_every_table_kind_makes_a_frame(chau_thanh: CampaignResult) -> None:
    for value in (
        chau_thanh,
        chau_thanh.final,
        chau_thanh.own,
        chau_thanh.ranking,
        chau_thanh.decision,
        chau_thanh.final.scorecard("CT-NV"),
        chau_thanh.final.table,
    ):
        frame = to_frame(value)
        assert len(frame) > 0


# --- frames -> score tables ---------------------------------------------------------------------


def test_a_long_frame_reads_floats_by_the_spreadsheet_rule() -> None:
    frame = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B"],
            "criterion": ["1.1", "2.2", "1.1", "2.1"],
            "value": [7.5, "có", 0.5, "45/50"],
        }
    )
    table = table_from_frame(FW, frame)
    assert table.units == ("A", "B")
    assert input_table(table).rows == (
        ("A", "1.1", Decimal("7.5"), None),
        ("A", "2.2", True, None),
        ("B", "1.1", Decimal("0.5"), None),
        ("B", "2.1", "45/50", None),
    )


def test_a_float_off_the_precision_is_a_finding_never_rounded() -> None:
    frame = pd.DataFrame({"unit": ["A", "B"], "criterion": ["1.1", "1.1"], "value": [7.5, 0.0]})
    frame.loc[1, "value"] = 7.499999999
    with pytest.raises(InvalidDocumentError) as caught:
        table_from_frame(FW, frame)
    assert problems(caught) == [("frame.cell", "loc[1, 'value']")]
    finding = caught.value.findings[0]
    assert "0.01" in finding.message_en
    assert "độ chính xác" in finding.message_vi


def test_findings_name_the_frames_own_labels() -> None:
    frame = pd.DataFrame(
        {
            "unit": ["A", "B", None, "D"],
            "criterion": ["1.1", "1.1", "1.1", "9.9"],
            "value": ["tám", 9.0, 1.0, 1.0],
        },
        index=[10, 20, 30, 40],
    )
    with pytest.raises(InvalidDocumentError) as caught:
        table_from_frame(FW, frame)
    found = problems(caught)
    assert ("frame.unit", "loc[30, 'unit']") in found
    paths = {path for _, path in found}
    assert "loc[10, 'value']" in paths  # text in a number cell
    assert "loc[20, 'value']" in paths  # 9 is above the maximum 8 of 1.1
    assert "loc[40, 'value']" in paths  # no criterion 9.9
    assert str(caught.value).startswith("data frame:")


def test_a_wide_frame_names_rows_and_columns() -> None:
    frame = pd.DataFrame(
        {"unit": ["A", "B"], "name": ["Xã A", "Xã B"], "1.1": [7.5, 99.0], "tổng": [1.0, 2.0]},
        index=["r1", "r2"],
    )
    with pytest.raises(InvalidDocumentError) as caught:
        table_from_frame(FW, frame, layout="wide", ignore=["name"])
    found = problems(caught)
    assert ("frame.column", "columns['tổng']") in found
    assert any(path == "loc['r2', '1.1']" for _, path in found)
    assert not any("name" in path for _, path in found)


def test_blank_cells_are_not_reported_and_a_blank_unit_is_warned() -> None:
    frame = pd.DataFrame({"unit": ["A", "B"], "1.1": [7.5, np.nan], "2.2": ["có", "  "]})
    table = table_from_frame(FW, frame, layout="wide")
    assert table.given[:, 1].sum() == 0
    (warning,) = table.findings
    assert warning.severity is Severity.WARNING
    assert warning.path == "loc[1]"
    long = pd.DataFrame({"unit": ["A", "B"], "criterion": ["1.1", "1.1"], "value": [7.5, None]})
    table = table_from_frame(FW, long)
    assert table.units == ("A", "B")
    assert [f.path for f in table.findings] == ["loc[1, 'unit']"]


def test_codes_read_as_numbers_are_codes_again() -> None:
    frame = pd.DataFrame({"unit": [101, 102], "criterion": [1.1, 1.1], "value": [8, 7.5]})
    table = table_from_frame(FW, frame)
    assert table.units == ("101", "102")
    assert table.first[0].tolist() == [800, 750]


def test_the_councils_reasons_are_read() -> None:
    frame = pd.DataFrame(
        {"unit": ["A"], "criterion": ["1.1"], "value": [6.0], "reason": ["thiếu hồ sơ"]}
    )
    table = table_from_frame(FW, frame, stage=Source.APPRAISAL)
    assert dict(table.reasons) == {(0, 0): "thiếu hồ sơ"}
    frame["reason"] = [3.0]
    with pytest.raises(InvalidDocumentError) as caught:
        table_from_frame(FW, frame, stage=Source.APPRAISAL)
    assert problems(caught) == [("frame.reason", "loc[0, 'reason']")]


def test_a_date_in_a_value_cell_is_a_finding() -> None:
    frame = pd.DataFrame(
        {"unit": ["A"], "criterion": ["1.1"], "value": [pd.Timestamp("2021-05-01")]}
    ).astype({"value": object})
    with pytest.raises(InvalidDocumentError) as caught:
        table_from_frame(FW, frame)
    assert "là một ngày" in caught.value.findings[0].message_vi


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"framework": "cchc-campaign-6"}, CchcTypeError),
        ({"frame": [{"unit": "A"}]}, CchcTypeError),
        ({"layout": "tall"}, ValidationError),
        ({"ignore": "name", "layout": "wide"}, CchcTypeError),
        ({"frame": pd.DataFrame({"unit": ["A"]})}, ValidationError),
        ({"frame": pd.DataFrame({"1.1": [1]}), "layout": "wide"}, ValidationError),
    ],
)
def test_bad_arguments_are_refused(arguments: dict[str, Any], error: type[CchcError]) -> None:
    call: dict[str, Any] = {"framework": FW, "frame": pd.DataFrame({"unit": ["A"]})}
    call.update(arguments)
    framework, frame = call.pop("framework"), call.pop("frame")
    with pytest.raises(error) as caught:
        table_from_frame(framework, frame, **call)
    assert caught.value.vi


def test_csv_and_excel_read_with_pandas_defaults(tmp_path: Path) -> None:
    text = "unit,1.1,2.2,2.1\nA,7.5,có,45/50\nB,8,,\n"
    table = table_from_frame(FW, pd.read_csv(io.StringIO(text)), layout="wide")
    assert input_table(table, layout="wide").records()[1]["1.1"] == Decimal(8)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["unit", "1.1", "2.2"], ["A", 7.5, "có"], ["B", 13 / 2, None]):
        sheet.append(row)
    book.save(tmp_path / "x.xlsx")
    table = table_from_frame(
        FW, pd.read_excel(tmp_path / "x.xlsx", engine="openpyxl"), layout="wide"
    )
    assert table.first[0].tolist() == [750, 650]


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pandas")
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(CchcError) as caught:
        to_frame(Table("t", "", [], []))
    assert "cchc[pandas]" in str(caught.value)
    assert "cchc[pandas]" in caught.value.message_vi


# --- round trips --------------------------------------------------------------------------------


@given(cst.score_tables())
def test_a_table_through_a_long_frame_is_the_same_table(table: ScoreTable) -> None:
    back = table_from_frame(table.framework, to_frame(table))
    if table.given.any(axis=0).all():
        assert same_cells(back, table)
    else:  # a unit with no cell has no row in a long frame
        kept = [j for j in range(len(table.units)) if table.given[:, j].any()]
        assert back.units == tuple(table.units[j] for j in kept)
        assert np.array_equal(back.first, table.first[:, kept])


@given(cst.score_tables())
def test_a_table_through_a_wide_frame_is_the_same_table(table: ScoreTable) -> None:
    frame = to_frame(input_table(table, layout="wide"))
    assert same_cells(table_from_frame(table.framework, frame, layout="wide"), table)


@given(cst.frameworks().flatmap(lambda fw: cst.score_tables(fw, stage=Source.APPRAISAL)))
def test_the_councils_table_through_a_frame_is_the_same_table(table: ScoreTable) -> None:
    back = table_from_frame(table.framework, to_frame(table), stage=Source.APPRAISAL)
    kept = [j for j in range(len(table.units)) if table.given[:, j].any()]
    assert back.units == tuple(table.units[j] for j in kept)
    assert np.array_equal(back.first, table.first[:, kept])
    assert sorted(back.reasons.values()) == sorted(table.reasons.values())


@given(st.sampled_from(["1", "0.1", "0.01", "0.001", "0.000001"]), st.data())
def test_a_number_of_the_precision_survives_its_float(precision: str, data: st.DataObject) -> None:
    step = Decimal(precision)
    top = Decimal(10**6)
    fw = Framework(
        "f", "F", [Criterion("1", "Tiêu chí 1", top, rule=Rule(RuleKind.MANUAL))], precision=step
    )
    steps = data.draw(st.integers(0, int(top / step)))
    value = steps * step
    frame = pd.DataFrame({"unit": ["A"], "criterion": ["1"], "value": [float(value)]})
    assert table_from_frame(fw, frame).first[0, 0] == steps


def test_scores_from_a_frame_equal_scores_from_the_table() -> None:
    inputs = load_results("chau-thanh-2021")
    for stage, table in (
        (Source.SELF, inputs.self_assessment),
        (Source.APPRAISAL, inputs.appraisal),
    ):
        assert table is not None
        back = table_from_frame(table.framework, to_frame(table), stage=stage)
        overlaid = inputs.self_assessment.overlay(back) if stage is Source.APPRAISAL else back
        expected = inputs.self_assessment.overlay(table) if stage is Source.APPRAISAL else table
        assert np.array_equal(score_table(overlaid).total, score_table(expected).total)
