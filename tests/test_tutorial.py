"""The "your own campaign" tutorial (docs/your-own-campaign.ipynb), executed on a real Jupyter
kernel, and its outputs checked against what is computed here, independently of the library,
from the files the notebook wrote: the filled workbooks (read with openpyxl), the council's
workbook and the survey's answers (CSV), scored by the framework file's own rules."""

from __future__ import annotations

import base64
import csv
import re
import sys
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

# one worker executes the notebook once when `make test` spreads the tests (pytest-xdist)
pytestmark = pytest.mark.xdist_group("tutorial")

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "your-own-campaign.ipynb"
PNG = b"\x89PNG\r\n\x1a\n"
HUNDREDTH = Decimal("0.01")
GROUPS = {
    "PB": ("MH-NV", "MH-TP", "MH-VP", "MH-TC"),
    "XA": ("MH-TT", *tuple(f"MH-X{i:02}" for i in range(1, 8))),
}


def _kernel_manager_class(tmp: Path) -> type[Any]:
    """Kernels of this very interpreter (the one cchc is installed in), from a kernel spec
    written to a temporary folder: nothing is installed anywhere."""
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    kernels = tmp / "kernels"
    kernels.mkdir()
    write_kernel_spec(kernels / "python3")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])
    assert Path(specs.get_kernel_spec("python3").argv[0]) == Path(sys.executable)

    class HereKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _specs(self) -> KernelSpecManager:
            return specs

    return HereKernelManager


@pytest.fixture(scope="module")
def executed() -> Iterator[Any]:
    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            nb,
            kernel_manager_class=_kernel_manager_class(Path(tmp)),
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": tmp}},
        )
        client.execute()
        yield nb


def _cell(nb: Any, marker: str) -> Any:
    found = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    assert len(found) == 1, marker
    return found[0]


def _stdout(cell: Any) -> str:
    return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def _data(cell: Any, mime: str) -> str:
    found = [o.data[mime] for o in cell.outputs if mime in o.get("data", {})]
    assert len(found) == 1, mime
    return str(found[0])


@pytest.fixture(scope="module")
def work(executed: Any) -> Path:
    match = re.fullmatch(r"working folder: (.+)\n", _stdout(_cell(executed, "mkdtemp")))
    assert match is not None
    folder = Path(match.group(1))
    assert folder.is_relative_to(tempfile.gettempdir())
    assert not folder.is_relative_to(NOTEBOOK.parents[1])  # never into the repository
    return folder


# --- scoring by hand, from the framework file's own words -------------------------------------


def _round(value: Fraction | Decimal) -> Decimal:
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        HUNDREDTH, rounding=ROUND_HALF_UP
    )


def _leaves(framework: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {leaf["code"]: leaf for field in framework["criteria"] for leaf in field["children"]}


def _points(leaf: Mapping[str, Any], f: Any, g: Any, survey: Decimal) -> Decimal:
    rule, top = leaf["rule"], Decimal(leaf["maximum"])
    kind = rule["kind"]
    if kind == "yes_no":
        return top if f == "Có" else Decimal(0)
    if kind == "manual":
        return Decimal(str(f))
    if kind == "proportional":
        return _round(Fraction(top) * Fraction(int(f), int(g)))
    if kind == "banded":
        value = Decimal(str(f))
        for level in rule["levels"]:
            low, high = level.get("lower"), level.get("upper")
            if (low is None or value >= Decimal(low)) and (high is None or value < Decimal(high)):
                return Decimal(level["points"])
        raise AssertionError(f"no level for {value}")
    if kind == "deduction":
        return max(Decimal(0), top - Decimal(rule["per"]) * int(f))
    if kind == "bonus":
        return min(top, Decimal(rule["per"]) * int(f))
    assert kind == "survey"
    return _round(top * survey / 100)


def _typed(path: Path, sheet: str, columns: tuple[int, int]) -> dict[str, tuple[Any, Any]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {
        ws.cell(r, 2).value: (ws.cell(r, columns[0]).value, ws.cell(r, columns[1]).value)
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, 2).value
    }


def _sipas(work: Path) -> dict[str, Decimal]:
    """Each unit's SIPAS index in per cent: the mean over the questions of the share of valid
    answers (levels 1 to 5) that are 4 or 5, rounded to 0.01 half up."""
    with open(work / "khao-sat-sipas.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    questions = [q for q in rows[0] if q != "unit"]
    index = {}
    for unit in {r["unit"] for r in rows}:
        shares = []
        for q in questions:
            valid = [int(r[q]) for r in rows if r["unit"] == unit and 1 <= int(r[q]) <= 5]
            shares.append(Fraction(sum(a >= 4 for a in valid), len(valid)))
        index[unit] = _round(100 * sum(shares, Fraction(0)) / len(shares))
    return index


def _totals(work: Path, folder: Path, *, survey: bool) -> dict[str, Decimal]:
    with open(work / "bo-tieu-chi.toml", "rb") as f:
        leaves = _leaves(tomllib.load(f))
    sipas = _sipas(work) if survey else {}
    totals = {}
    for unit in [u for members in GROUPS.values() for u in members]:
        own = _typed(folder / f"{unit}.xlsx", "Tự đánh giá", (6, 7))
        council = _typed(work / "tham-dinh.xlsx", unit, (12, 13))
        total = Decimal(0)
        for code, leaf in leaves.items():
            f, g = own[code]
            if council[code][0] is not None:
                f, g = council[code][0], council[code][1] if council[code][1] is not None else g
            total += _points(leaf, f, g, sipas.get(unit, Decimal(0)))
        totals[unit] = total
    return totals


def _leaders(totals: Mapping[str, Decimal]) -> dict[str, list[str]]:
    """Each group's units with the highest total (several when tied)."""
    out = {}
    for group, members in GROUPS.items():
        best = max(totals[u] for u in members)
        out[group] = sorted(u for u in members if totals[u] == best)
    return out


# --- the notebook ------------------------------------------------------------------------------


def test_the_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_every_cell_runs_without_an_error_or_a_warning(executed: Any) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            kinds = [(o.output_type, o.get("name")) for o in cell.outputs]
            assert ("error", None) not in kinds, cell.source
            assert ("stream", "stderr") not in kinds, cell.source


def test_the_framework_file_reads_without_findings(executed: Any) -> None:
    out = _stdout(_cell(executed, "load_framework(work"))
    assert out.splitlines() == [
        "Bộ tiêu chí chấm điểm cải cách hành chính năm 2025 (minh họa) | 100 điểm | 9 tiêu chí",
        "findings: ()",
    ]


def test_a_template_is_written_for_each_of_the_12_units(executed: Any, work: Path) -> None:
    units = [u for members in GROUPS.values() for u in members]
    assert sorted(p.stem for p in (work / "phieu").glob("*.xlsx")) == sorted(units)
    listed = _data(_cell(executed, "write_templates("), "text/plain")
    assert re.findall(r"'([\w-]+)\.xlsx'", listed) == units


def test_reading_the_workbooks_gives_12_units(executed: Any) -> None:
    out = _stdout(_cell(executed, "read_workbooks(framework"))
    count, names = out.strip().split(" units read: ")
    assert count == "12"
    assert sorted(names.split(", ")) == sorted(u for m in GROUPS.values() for u in m)


def test_the_councils_changes_are_listed_with_their_reasons(executed: Any, work: Path) -> None:
    lines = _stdout(_cell(executed, "read_council(")).splitlines()
    changed = {}
    for unit in (u for m in GROUPS.values() for u in m):
        for code, (value, _) in _typed(work / "tham-dinh.xlsx", unit, (12, 13)).items():
            if value is not None:
                reason = _typed(work / "tham-dinh.xlsx", unit, (15, 15))[code][0]
                changed[f"{unit} {code}"] = reason
    assert len(lines) == len(changed) == 4
    for line in lines:
        where, rest = line.split(": ", 1)
        assert rest.endswith(f"— {changed[where]}")


def test_the_ranking_names_the_leaders_computed_here(executed: Any, work: Path) -> None:
    totals = _totals(work, work / "phieu", survey=True)
    leaders = _leaders(totals)
    assert len(leaders["PB"]) == 1
    assert len(leaders["XA"]) == 2
    ranked = {}
    for line in _stdout(_cell(executed, "rank(scores, group_of)")).splitlines():
        group, place, unit, points, _band = line.split(maxsplit=4)
        ranked[unit] = (group, int(place), Decimal(points))
    assert {u: p for u, (_, _, p) in ranked.items()} == totals
    for group, units in leaders.items():
        assert (
            sorted(u for u, (g, place, _) in ranked.items() if g == group and place == 1) == units
        )


def test_the_tie_is_left_to_the_council_then_settled(executed: Any, work: Path) -> None:
    tied = _leaders(_totals(work, work / "phieu", survey=True))["XA"]
    before = _stdout(_cell(executed, "decision.ties"))
    assert before.splitlines()[0] == f"XA {tuple(tied)!r} (('nhat', 1), ('nhi', 1))"
    assert "left to the council" in before
    after = _stdout(_cell(executed, "TieSettlement("))
    settled = [line.strip() for line in after.splitlines() if "07/BB-HĐTĐKT" in line]
    assert [line.split(":")[0] for line in settled] == ["Giải Nhất", "Giải Nhì"]
    assert "Xã minh họa 03" in settled[0]
    assert "Xã minh họa 04" in settled[1]
    assert "Đồng hạng chưa phân định" not in after


def test_the_results_display_as_html_with_vietnamese_headings(executed: Any) -> None:
    page = _data(_cell(executed, "print(summary(result"), "text/html")
    assert "<table" in page
    assert "Xếp loại" in page
    assert "Văn phòng HĐND và UBND huyện" in page
    assert 'data-band="Xuất sắc"' in page
    text = _stdout(_cell(executed, "print(summary(result"))
    assert text.startswith("CampaignResult: Phong trào thi đua cải cách hành chính")
    assert len(text.splitlines()) <= 15
    decision = _data(_cell(executed, "html(result.decision)"), "text/html")
    assert "Kết quả xét khen thưởng" in decision


def _docx_text(path: Path) -> str:
    document = docx.Document(path)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_decision_and_the_scoreboard_are_documents(executed: Any, work: Path) -> None:
    title = _stdout(_cell(executed, "award_decision_document(")).splitlines()[0]
    assert title.startswith("Về việc tặng Giấy khen")
    decision = _docx_text(work / "quyet-dinh-khen-thuong.docx")
    assert "QUYẾT ĐỊNH" in decision
    assert title in decision
    for name in ("Văn phòng HĐND và UBND huyện", "Xã minh họa 03", "Cá nhân minh họa 01"):
        assert name in decision
    board = _docx_text(work / "bang-tong-hop.docx")
    assert all(f"Xã minh họa {i:02}" in board for i in range(1, 8))


def test_the_ranking_plot_has_a_bar_per_unit(executed: Any, work: Path) -> None:
    png = base64.b64decode(_data(_cell(executed, "ranking_bars(result)"), "image/png"))
    assert png.startswith(PNG)
    assert (work / "xep-hang.png").read_bytes().startswith(PNG)
    svg = (work / "xep-hang.svg").read_text(encoding="utf-8")
    bars = re.findall(r'id="unit:([\w-]+)"', svg)
    assert sorted(bars) == sorted(u for m in GROUPS.values() for u in m)


def _commands(cell: Any) -> list[str]:
    return re.findall(r"^exit code (\d+)$", _stdout(cell), flags=re.M)


def test_the_command_line_writes_the_templates(executed: Any, work: Path) -> None:
    cell = _cell(executed, "cchc(f'template ../")
    assert _commands(cell) == ["0"]
    folder = (work / "dong-lenh").resolve()  # the commands run there
    paths = [folder / line for line in _stdout(cell).splitlines()[:-1]]
    assert [p.stem for p in paths] == [u for m in GROUPS.values() for u in m]
    assert all(p.is_file() and p.parent.resolve() == folder / "phieu" for p in paths)


def test_the_command_line_scores_and_ranks(executed: Any, work: Path) -> None:
    cell = _cell(executed, '"score ../')
    assert _commands(cell) == ["0", "0"]
    out = _stdout(cell)
    assert "\x1b[" not in out  # no progress bar or colour when not on a terminal
    rows = list(csv.DictReader(out.split("exit code 0\n")[1].splitlines()))
    # without a survey file, criterion 5.1 gives no points on the command line
    totals = _totals(work, work / "dong-lenh" / "phieu", survey=False)
    assert {r["unit"]: Decimal(r["points"]) for r in rows} == totals
    for group, units in _leaders(totals).items():
        assert [r["unit"] for r in rows if r["group"] == group and r["rank"] == "1"] == units


def test_the_command_line_gives_the_prizes_and_the_documents(executed: Any, work: Path) -> None:
    totals = _totals(work, work / "dong-lenh" / "phieu", survey=False)
    cell = _cell(executed, 'cchc("awards ')
    assert _commands(cell) == ["0", "0"]
    out = _stdout(cell)
    for group, (leader,) in _leaders(totals).items():
        assert f"Giải Nhất: {leader}, {totals[leader]} points, rank 1" in out, group
    board = _docx_text(work / "dong-lenh" / "bang-tong-hop.docx")
    assert all(unit in board for m in GROUPS.values() for unit in m)
    cell = _cell(executed, '"export decision ')
    assert _commands(cell) == ["0"]
    decision = _docx_text(work / "dong-lenh" / "quyet-dinh-khen-thuong.docx")
    assert "Về việc tặng Giấy khen" in decision
    assert "Xã minh họa 03" in decision


# --- the gallery of charts -------------------------------------------------------------------


def test_the_gallery_draws_every_chart_of_the_plots_module(tmp_path: Path) -> None:
    import importlib.util
    import struct

    from cchc import plots

    spec = importlib.util.spec_from_file_location(
        "gallery", NOTEBOOK.parents[1] / "tools" / "gallery.py"
    )
    assert spec is not None
    assert spec.loader is not None
    gallery = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gallery)
    drawn = {name.replace("-", "_") for name in gallery.charts()}
    functions = {
        name for name in plots.__all__ if callable(getattr(plots, name)) and name.islower()
    } - {"band_colours"}
    assert drawn == functions
    paths = gallery.render(tmp_path)
    assert [p.name for p in paths] == [f"{name}.png" for name in gallery.charts()]
    committed = sorted(p.name for p in (gallery.OUT).glob("*.png"))
    assert committed == sorted(p.name for p in paths)
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(PNG)
        width, height = struct.unpack(">II", data[16:24])
        assert 200 < width < 1200, path.name  # 80 dots per inch: small files
        assert 150 < height < 1200, path.name
        assert b"Software" not in data  # the same bytes on every run
