"""The ``cchc`` command as a user types it: through Typer's runner, and a few times as a real
process."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from cchc import formats
from cchc.cli import app, main
from cchc.errors import Severity
from cchc.examples import load, names, results_names
from tests.office import chau_thanh_result, fill

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def invoke(*argv: str, stdin: str | None = None) -> Any:
    """The command run through Typer's runner: exit code, standard output and error apart."""
    return CliRunner().invoke(app, list(argv), input=stdin)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def opened(path: Path) -> Any:
    return docx.Document(io.BytesIO(path.read_bytes()))


def all_text(document: Any) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --- demo -------------------------------------------------------------------------------------


def test_demo_is_short_and_ends_with_what_to_try_next(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert len(out.splitlines()) < 40
    for name in names():
        assert f"- {name}: {load(name).plan}" in out
    tail = out.split("# Thử tiếp (try next)")[1].splitlines()
    tried = [line.split("#")[0].strip() for line in tail if line.strip()]
    assert "cchc demo --verbose" in tried
    for command in tried:  # every command it suggests runs
        assert main(command.split()[1:]) == 0
    capsys.readouterr()


def test_demo_verbose_shows_the_cascade_of_every_seed_article(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "demo", "--verbose")
    assert code == 0
    for name in names():
        example = load(name)
        assert f"## {example.title}" in out
        for directive in example.cascade().directives:
            assert str(directive) in out
    assert "├── Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ" in out
    assert "Kế hoạch số 138/KH-UBND ngày 05/5/2021" in out
    assert "Tiến độ thực hiện (progress)" in out
    assert "1. Phòng Nội vụ: 97,10/100,00 điểm, 97,10%, Xuất sắc — Giải Nhất" in out
    assert "illustrative results, not from the article" in out


def test_demo_shows_each_groups_winner_with_a_vietnamese_decimal_comma(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "demo")
    result = chau_thanh_result()
    first = next(row for row in result.rows() if row["rank"] == 1)
    assert f"{first['group']}: {first['unit']} {str(first['index']).replace('.', ',')}%" in out
    assert f"{len(result.decision.awards)} giải và danh hiệu" in out


def test_demo_writes_each_issued_plan_as_a_document_and_lists_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path))
    assert code == 0
    written = sorted(p.stem for p in tmp_path.glob("*.docx"))
    issued = [n for n in names() if load(n).plan.issued is not None]
    reports = [f"{n}-bao-cao" for n in issued if load(n).plan.tasks]
    decisions = [
        f"{n}-{kind}"
        for n in results_names()
        for kind in ("bang-tong-hop", "cong-bo", "khen-thuong")
    ]
    assert written == sorted(issued + reports + decisions)
    assert f"# Đã ghi {len(written)} văn bản vào {tmp_path}" in out
    for stem in written:  # one line each in the summary
        assert sum(f"{tmp_path / stem}.docx:" in line for line in out.splitlines()) == 1
    chau_thanh = opened(tmp_path / "chau-thanh-2021.docx")
    number_cell = chau_thanh.tables[0].rows[1].cells[0].text  # "Số" beside the date line
    assert "Số: 138/KH-UBND" in number_cell
    assert "chau-thanh-2021.docx: Kế hoạch Số: 138/KH-UBND" in out
    decision = opened(tmp_path / "chau-thanh-2021-khen-thuong.docx")
    listed = sum(len(table.rows) - 1 for table in decision.tables[2:])  # the appendix lists
    assert listed == 16  # every award, collectives and individuals apart
    assert "BẢN MINH HỌA" in "\n".join(p.text for p in decision.paragraphs)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cchc-")] == []


def test_demo_speaks_english_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "demo", "--lang", "en")
    assert "# Try next" in out
    assert "Thử tiếp" not in out


# --- refs, workdays, period ------------------------------------------------------------------


def test_refs_lists_references_in_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "bai-viet.txt"
    text.write_text(
        "(Nguồn: theo Văn bản số 7946/UBND-NCPCngày 25/11/2021của UBND tỉnh).", encoding="utf-8"
    )
    code, out, _ = run(capsys, "refs", str(text))
    assert code == 0
    assert out.split("\t")[1:] == ["Văn bản", "7946/UBND-NCPC ngày 25/11/2021 của UBND tỉnh\n"]


def test_refs_as_json_from_standard_input() -> None:
    from cchc.directives import find_references

    text = "Thực hiện Kế hoạch số 273/KH-UBND ngày 22 tháng 9 năm 2021 của Ủy ban nhân dân tỉnh"
    result = invoke("refs", "-", "--format", "json", stdin=text)
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    ref = find_references(text)[0]
    assert found == [
        {
            "start": ref.span[0],
            "end": ref.span[1],
            "type": "Kế hoạch",
            "number": "273/KH-UBND",
            "date": "2021-09-22",
            "issuer": ref.issuer,
        }
    ]


def test_workdays_skips_tet(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "workdays", "09/02/2021", "1")[:2] == (0, "2021-02-17\n")


def test_a_bad_date_is_reported_with_exit_code_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "workdays", "31/02/2021", "1")
    assert (code, out) == (1, "")
    assert err.startswith("cchc: DATE = “31/02/2021”")
    code, out, err = run(capsys, "workdays", "31/02/2021", "1", "--lang", "en")
    assert err.startswith("cchc: DATE = '31/02/2021'")


def test_period_gives_a_report_s_days_as_csv() -> None:
    from cchc.calendar import ReportKind, reporting_period

    result = invoke("period", "quarter", "2021", "3", "--format", "csv", "--lang", "en")
    assert result.exit_code == 0
    days = reporting_period(ReportKind.QUARTER, 2021, 3)
    assert csv_rows(result.stdout) == [
        {"report": "quý III năm 2021", "start": str(days.start), "end": str(days.end)}
    ]


def test_period_reads_a_report_s_title_and_lists_the_reports_of_a_day() -> None:
    from datetime import date

    from cchc.calendar import reporting_periods_containing

    titled = invoke("period", "quý III năm 2021", "--format", "json")
    assert json.loads(titled.stdout)[0]["start"] == "2021-06-15"
    on = invoke("period", "--on", "20/6/2021", "--format", "json")
    assert [r["report"] for r in json.loads(on.stdout)] == [
        str(r) for r in reporting_periods_containing(date(2021, 6, 20))
    ]


def test_period_text_is_a_table_with_vietnamese_headings() -> None:
    result = invoke("period", "year", "2021")
    assert result.exit_code == 0
    assert "Kỳ báo cáo" in result.stdout
    assert "Từ ngày" in result.stdout
    assert "15/12/2020" in result.stdout
    assert "14/12/2021" in result.stdout


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["period", "week", "2021"], "KIND YEAR NUMBER = “week 2021”"),
        (["period", "quarter", "2021", "9"], "KIND YEAR NUMBER = “quarter 2021 9”"),
        (["period", "--on", "hôm qua"], "--on = “hôm qua”"),
    ],
)
def test_a_bad_period_names_what_was_typed(argv: list[str], field: str) -> None:
    result = invoke(*argv)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"cchc: {field}")


# --- usage errors: exit code 2 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],
        ["workdays", "2021-02-09"],  # a missing argument
        ["workdays", "2021-02-09", "một"],  # not a whole number
        ["period", "year", "2021", "--format", "pdf"],
        ["demo", "--lang", "fr"],
        ["frameworks", "list", "--colour"],
        ["period"],
        ["awards", "ket-qua.json", "r.toml", "--prizes", "giai.toml"],
    ],
)
def test_a_wrong_command_line_exits_with_code_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "Usage: cchc" in err
    assert "Traceback" not in err


def test_an_unknown_command_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "no-such-command")[2].endswith("No such command 'no-such-command'.\n")


def test_every_command_has_help() -> None:
    result = invoke("--help")
    for command in ("demo", "frameworks", "template", "score", "rank", "awards", "validate",
                    "progress", "export", "refs", "workdays", "period"):  # fmt: skip
        assert f"  {command} " in result.stdout
        assert invoke(*command.split(), "--help").exit_code == 0
    assert "--install-completion" in result.stdout  # shell completion comes with Typer


# --- bad files: exit code 1, never a traceback ----------------------------------------------


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "rong.toml"
    empty.write_bytes(b"")
    junk = tmp_path / "rac.toml"
    junk.write_bytes(bytes(range(256)) * 4)
    junk_json = tmp_path / "rac.json"
    junk_json.write_bytes(b"\x00\xff" * 100)
    junk_xlsx = tmp_path / "rac.xlsx"
    junk_xlsx.write_bytes(b"PK\x03\x04" + bytes(200))
    prizes = tmp_path / "giai.toml"  # a prize structure: not what any of these commands reads
    prizes.write_text(PRIZES, encoding="utf-8")
    return {
        "empty": empty,
        "junk": junk,
        "junk-json": junk_json,
        "junk-xlsx": junk_xlsx,
        "wrong-kind": prizes,
        "missing": tmp_path / "khong-co.toml",
    }


BAD_FILE_COMMANDS = [
    ["validate", "plan", "{file}"],
    ["validate", "campaign", "{file}"],
    ["frameworks", "check", "{file}"],
    ["frameworks", "show", "{file}"],
    ["rank", "{file}"],
    ["awards", "{file}"],
    ["awards", "chau-thanh-2021", "{file}"],
    ["progress", "{file}"],
    ["progress", "chau-thanh-2021", "--updates", "{file}"],
    ["export", "plan", "{file}", "--out", "x.docx"],
    ["export", "scoreboard", "{file}", "--issuer", "UBND huyện A", "--out", "x.docx"],
    ["score", "cchc-campaign-6", "{file}", "--out", "r.json"],
    ["template", "{file}", "--unit", "X01", "--out", "d"],
    ["refs", "{file}"],
]


BAD_FILES = ["empty", "junk", "junk-json", "junk-xlsx", "wrong-kind", "missing"]


def _fits(argv: list[str], which: str) -> bool:
    """Whether the file is, after all, one the command reads: an empty file, TOML and NUL
    bytes are UTF-8 text (refs finds nothing there), and an empty TOML table is a file of no
    status updates."""
    if argv[0] == "refs":
        return which in ("empty", "wrong-kind", "junk-xlsx")
    return "--updates" in argv and which == "empty"


@pytest.mark.parametrize(
    ("argv", "which"),
    [(a, w) for a in BAD_FILE_COMMANDS for w in BAD_FILES if not _fits(a, w)],
    ids=lambda v: " ".join(v[:2]) if isinstance(v, list) else v,
)
def test_a_bad_file_is_refused_with_code_1_and_no_traceback(
    argv: list[str], which: str, bad_files: dict[str, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    bad = bad_files[which]
    result = invoke(*(a.replace("{file}", str(bad)) for a in argv))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("cchc: ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()
    assert not (tmp_path / "r.json").exists()


def test_a_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "refs", str(tmp_path / "none.txt"))
    assert code == 1
    assert "none.txt" in err


def test_a_file_that_is_not_utf8_is_reported_with_exit_code_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "cp1258.txt"
    text.write_bytes("Kế hoạch số 138/KH-UBND".encode("utf-16"))
    code, out, err = run(capsys, "refs", str(text), "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith("cchc: ")
    assert "UTF-8" in err


# --- validate, frameworks ------------------------------------------------------------------


@pytest.fixture
def faulty_plan(tmp_path: Path) -> Path:
    from cchc.calendar import Period
    from cchc.plans import Plan, Task

    path = tmp_path / "ke-hoach.toml"
    plan = Plan("KH", Period.year(2021), tasks=[Task("1", "A", lead="NV", partners=["NV"])])
    formats.dump(plan, path)
    return path


def test_validate_prints_every_finding_of_a_plan_with_its_path(faulty_plan: Path) -> None:
    findings = formats.load(faulty_plan, "plan").findings()
    assert any(f.severity is Severity.ERROR for f in findings)
    result = invoke("validate", "plan", str(faulty_plan))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"cchc: {faulty_plan}: {len(findings)} lỗi"
    for finding in findings:
        assert f"  {finding.path}: {finding.message_vi}" in lines
    english = invoke("validate", "plan", str(faulty_plan), "--lang", "en").stderr
    for finding in findings:
        assert f"  {finding.path}: {finding.message_en}" in english.splitlines()


def test_validate_passes_a_sound_file(tmp_path: Path) -> None:
    from cchc.examples import load as load_example

    path = tmp_path / "phong-trao.json"
    formats.dump(load_example("chau-thanh-2021").campaign, path)
    result = invoke("validate", "campaign", str(path), "--lang", "en")
    campaign = load_example("chau-thanh-2021").campaign
    assert campaign is not None
    findings = campaign.findings()
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert result.exit_code == (1 if errors else 0)
    if not errors:
        assert result.stdout.endswith(f"{path}: valid ({len(findings)} notes)\n")


def test_validate_refuses_an_unknown_kind(faulty_plan: Path) -> None:
    result = invoke("validate", "timetable", str(faulty_plan))
    assert result.exit_code == 1
    assert result.stderr.startswith("cchc: KIND = “timetable”: phải là")


def test_a_file_of_another_kind_lists_each_field_that_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "khung.toml"
    path.write_text(
        (ROOT / "src/cchc/frameworks/cchc-campaign-6.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = invoke("validate", "plan", str(path), "--lang", "en")
    assert result.exit_code == 1
    paths = [line.split(":")[0].strip() for line in result.stderr.splitlines()[1:]]
    assert {"summary", "period", "framework"} <= set(paths)


def test_frameworks_list_names_every_bundled_framework() -> None:
    from cchc.criteria import bundled_frameworks, load_bundled

    rows = json.loads(invoke("frameworks", "list", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [load_bundled(b).id for b in bundled_frameworks()]
    assert [r["maximum"] for r in rows] == [
        str(load_bundled(b).maximum) for b in bundled_frameworks()
    ]


def test_frameworks_show_writes_toml_that_reads_back_equal() -> None:
    from cchc.criteria import load_bundled, parse_framework

    result = invoke("frameworks", "show", "cchc-campaign-6")
    assert result.exit_code == 0
    assert parse_framework(result.stdout) == load_bundled("cchc-campaign-6")
    as_json = invoke("frameworks", "show", "cchc-campaign-6", "--format", "json").stdout
    assert formats.loads(as_json, "framework", format="json") == load_bundled("cchc-campaign-6")


def test_frameworks_check_passes_a_bundled_framework_file(tmp_path: Path) -> None:
    result = invoke("frameworks", "check", str(ROOT / "src/cchc/frameworks/cchc-campaign-6.toml"))
    assert result.exit_code == 0
    assert "hợp lệ" in result.stdout


def test_frameworks_check_names_the_criterion_whose_maxima_do_not_add_up(tmp_path: Path) -> None:
    text = (ROOT / "src/cchc/frameworks/cchc-campaign-6.toml").read_text(encoding="utf-8")
    broken = text.replace("  maximum = 8\n", "  maximum = 80\n", 1)
    assert broken != text
    path = tmp_path / "khung.toml"
    path.write_text(broken, encoding="utf-8")
    result = invoke("frameworks", "check", str(path), "--lang", "en")
    assert result.exit_code == 1
    assert "criteria[0].maximum" in result.stderr
    assert str(path) in result.stderr


# --- the Excel path: template -> score -> rank -> awards -> export ---------------------------

FILLED: dict[str, dict[str, Any]] = {
    "1.1": {"F": 7.5},
    "1.2": {"F": 1},
    "2.1": {"F": 45, "G": 50},
    "2.2": {"F": "Có"},
    "2.3": {"F": 80},
    "3.1": {"F": 9.5},
    "3.2": {"F": "Không"},
    "4.1": {"F": 0},
    "4.2": {"F": 2},
    "5.1": {"F": 9, "G": 10},
    "5.2": {"F": 4.5},
    "6.1": {"F": 80, "G": 100},
}

PRIZES = """\
name = "Giải thưởng (minh họa)"

[[groups]]
code = "phuong"
name = "Phường"
levels = [{ code = "nhat", name = "Giải Nhất" }]

[[groups]]
code = "xa"
name = "Xã"
levels = [{ code = "nhat", name = "Giải Nhất" }, { code = "nhi", name = "Giải Nhì" }]
"""


@pytest.fixture
def forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(
        capsys, "template", "cchc-campaign-6", "--unit", "X01", "--unit", "X02",
        "--out", str(tmp_path / "forms"), "--period", "năm 2024",
    )  # fmt: skip
    assert code == 0
    assert out.split() == [
        str(tmp_path / "forms" / "X01.xlsx"),
        str(tmp_path / "forms" / "X02.xlsx"),
    ]
    fill(tmp_path / "forms" / "X01.xlsx", FILLED)
    fill(tmp_path / "forms" / "X02.xlsx", {**FILLED, "1.1": {"F": 8}, "2.2": {"F": "Không"}})
    return tmp_path / "forms"


@pytest.fixture
def ranking(forms: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The ranking of three units in two groups, as `cchc score` writes it."""
    fill_x03 = forms / "X03.xlsx"
    assert main(["template", "cchc-campaign-6", "--unit", "X03", "--out", str(forms)]) == 0
    fill(fill_x03, {**FILLED, "3.1": {"F": 10}})
    groups = forms.parent / "khoi.csv"
    groups.write_text("unit,group\nX01,phuong\nX02,xa\nX03,xa\n", encoding="utf-8")
    out = forms.parent / "ket-qua.json"
    assert main(["score", "cchc-campaign-6", str(forms), "--groups", str(groups),
                 "--out", str(out)]) == 0  # fmt: skip
    (forms.parent / "giai.toml").write_text(PRIZES, encoding="utf-8")
    capsys.readouterr()
    return out


def test_score_writes_the_ranking_as_json_that_reads_back(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.criteria import load_bundled
    from cchc.formats import load as load_file
    from cchc.scoring import Ranking, rank, score_table
    from cchc.workbooks import read_workbooks

    out = forms.parent / "ket-qua.json"
    code, said, _ = run(capsys, "score", "cchc-campaign-6", str(forms), "--out", str(out))
    assert (code, said.strip()) == (0, f"2 đơn vị (units) -> {out}")
    expected = rank(score_table(read_workbooks(load_bundled("cchc-campaign-6"), [forms]).table))
    assert load_file(out, Ranking).entries == expected.entries
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's 0600
    assert [(e.unit, e.rank) for e in expected.entries] == [("X01", 1), ("X02", 2)]


def test_score_ranks_within_the_groups_of_a_toml_file(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    groups = forms.parent / "khoi.toml"
    groups.write_text('X01 = "phuong"\nX02 = "xa"\n', encoding="utf-8")
    out = forms.parent / "ket-qua.csv"
    code, _, err = run(
        capsys, "score", "cchc-campaign-6", str(forms), "--groups", str(groups), "--out", str(out)
    )
    assert (code, err) == (0, "")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = [line.split(",")[:3] for line in raw.decode("utf-8-sig").splitlines()[1:]]
    assert rows == [["phuong", "1", "X01"], ["xa", "1", "X02"]]


def test_a_bad_workbook_prints_every_finding_and_writes_nothing(
    forms: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(forms / "X01.xlsx", {"1.1": {"F": 16}, "3.1": {"F": "mười"}})
    out = forms.parent / "ket-qua.xlsx"
    out.write_bytes(b"last year's results")
    code, said, err = run(
        capsys, "score", "cchc-campaign-6", str(forms), "--out", str(out), "--lang", "en"
    )
    assert (code, said) == (1, "")
    assert err.startswith("cchc: 1 of 2 workbooks: 2 problems\n")
    assert '  "X01.xlsx", "Tự đánh giá"!F6: 16 is above the maximum 8 of 1.1' in err
    assert '  "X01.xlsx", "Tự đánh giá"!F13: ' in err
    assert out.read_bytes() == b"last year's results"
    assert [p.name for p in forms.parent.iterdir() if p.name.startswith(".cchc-")] == []
    _, _, vi = run(capsys, "score", "cchc-campaign-6", str(forms), "--out", str(out))
    assert vi.startswith("cchc: 1 of 2 workbooks: 2 lỗi\n")
    assert '  "X01.xlsx", "Tự đánh giá"!F6: ' in vi


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["score", "no-such-framework", ".", "--out", "r.xlsx"], "FRAMEWORK = 'no-such-framework'"),
        (["score", "cchc-campaign-6", ".", "--out", "r.pdf"], "--out = 'r.pdf': must end in"),
        (["template", "cchc-campaign-6", "--unit", "X", "--unit", "x", "--out", "d"], "units[1]"),
    ],
)
def test_wrong_arguments_are_named(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv, "--lang", "en")
    assert code == 1
    assert said in err
    assert list(tmp_path.iterdir()) == []


def test_rank_shows_a_ranking_file_as_csv_json_and_text(ranking: Path) -> None:
    from cchc.scoring import Ranking

    expected = formats.load(ranking, Ranking).entries
    rows = csv_rows(invoke("rank", str(ranking), "--format", "csv", "--lang", "en").stdout)
    assert [(r["group"], r["rank"], r["unit"]) for r in rows] == [
        (e.group, str(e.rank), e.unit) for e in expected
    ]
    assert [r["points"] for r in rows] == [str(e.points) for e in expected]
    as_json = json.loads(invoke("rank", str(ranking), "--format", "json").stdout)
    assert [(r["unit"], r["band"]) for r in as_json] == [(e.unit, e.band) for e in expected]
    text = invoke("rank", str(ranking)).stdout
    assert "Xếp hạng" in text
    assert "Điểm" in text
    for e in expected:
        assert str(e.points).replace(".", ",") in text  # a Vietnamese decimal comma
    xa = csv_rows(invoke("rank", str(ranking), "--group", "xa", "-f", "csv", "--lang", "en").stdout)
    assert {r["group"] for r in xa} == {"xa"}
    assert len(xa) == 2


def test_awards_from_a_ranking_and_a_prize_structure(ranking: Path) -> None:
    from cchc.awards import Candidate, PrizeStructure, allocate
    from cchc.scoring import Ranking

    prizes = ranking.parent / "giai.toml"
    ranked = formats.load(ranking, Ranking)
    decision = allocate(
        formats.load(prizes, PrizeStructure),
        [Candidate(e.unit, e.group, e.points, index=e.index, band=e.band) for e in ranked.entries],
        bands=ranked.result.framework,
    )
    rows = json.loads(invoke("awards", str(ranking), "--prizes", str(prizes), "-f", "json").stdout)
    awarded = [(r["group"], r["prize"], r["recipient"]) for r in rows if r["status"] == "awarded"]
    assert awarded == [(a.group, a.prize, a.recipient) for a in decision.awards]
    assert len(awarded) == 3  # one prize in "phuong", two in "xa"
    text = invoke("awards", str(ranking), "--prizes", str(prizes)).stdout
    assert "Giải Nhất" in text
    assert "Giải Nhì" in text
    out = ranking.parent / "quyet-dinh.json"
    said = invoke("awards", str(ranking), "--prizes", str(prizes), "--out", str(out))
    assert said.exit_code == 0
    from cchc.awards import AwardDecision

    assert formats.load(out, AwardDecision).awards == decision.awards


def test_awards_refuses_a_docx_without_a_campaign(ranking: Path) -> None:
    prizes = ranking.parent / "giai.toml"
    result = invoke(
        "awards", str(ranking), "--prizes", str(prizes), "--out", str(ranking.parent / "q.docx")
    )
    assert result.exit_code == 2
    assert "campaign" in result.stderr
    assert not (ranking.parent / "q.docx").exists()


def test_awards_of_a_bundled_campaign_as_csv_and_as_a_decision_document(tmp_path: Path) -> None:
    result = chau_thanh_result()
    rows = csv_rows(invoke("awards", "chau-thanh-2021", "-f", "csv", "--lang", "en").stdout)
    assert [r["recipient"] for r in rows if r["status"] == "awarded"] == [
        a.recipient for a in result.decision.awards
    ]
    out = tmp_path / "khen-thuong.docx"
    said = invoke("awards", "chau-thanh-2021", "--out", str(out), "--issued", "10/01/2022")
    assert said.exit_code == 0
    assert said.stdout.startswith(f"{out}: Quyết định")
    text = all_text(opened(out))
    assert "Phòng Nội vụ" in text
    assert "BẢN MINH HỌA" in text
    assert "10 tháng 01 năm 2022" in text


def test_awards_runs_a_campaign_on_its_inputs_file(tmp_path: Path) -> None:
    from cchc.campaigns import run_campaign
    from cchc.examples import load_results

    example = load("chau-thanh-2021")
    assert example.campaign is not None
    campaign, inputs = tmp_path / "phong-trao.toml", tmp_path / "ket-qua.json"
    formats.dump(example.campaign, campaign)
    formats.dump(load_results("chau-thanh-2021"), inputs)
    result = invoke("awards", str(campaign), str(inputs), "-f", "json")
    assert result.exit_code == 0, result.output
    expected = run_campaign(example.campaign, load_results("chau-thanh-2021"))
    awarded = [r["recipient"] for r in json.loads(result.stdout) if r["status"] == "awarded"]
    assert awarded == [a.recipient for a in expected.decision.awards]


def test_export_scoreboard_of_a_ranking_lists_every_unit(ranking: Path) -> None:
    from cchc.scoring import Ranking

    out = ranking.parent / "bang-tong-hop.docx"
    result = invoke(
        "export", "scoreboard", str(ranking), "--issuer", "UBND huyện Châu Thành",
        "--prizes", str(ranking.parent / "giai.toml"), "--issued", "2024-12-20", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = all_text(opened(out))
    for entry in formats.load(ranking, Ranking).entries:
        assert entry.unit in text
    assert "HUYỆN CHÂU THÀNH" in text.upper()


def test_export_plan_report_and_decision(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.docx"
    assert invoke("export", "plan", "chau-thanh-2021", "--out", str(plan)).exit_code == 0
    assert "Số: 138/KH-UBND" in all_text(opened(plan))
    report = tmp_path / "bao-cao.docx"
    said = invoke("export", "report", "gia-lam-9m-2021", "--out", str(report))
    assert said.exit_code == 0
    assert "9 tháng năm 2021" in all_text(opened(report))
    decision = tmp_path / "quyet-dinh.docx"
    assert invoke("export", "decision", "chau-thanh-2021", "--out", str(decision)).exit_code == 0
    assert "Giải Nhất" in all_text(opened(decision))


def test_export_refuses_another_suffix_and_writes_nothing(tmp_path: Path) -> None:
    result = invoke("export", "plan", "chau-thanh-2021", "--out", str(tmp_path / "kh.pdf"))
    assert result.exit_code == 1
    assert "--out" in result.stderr
    assert ".docx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_plan_without_an_issuer_asks_for_one(tmp_path: Path) -> None:
    from datetime import date

    from cchc.calendar import Period
    from cchc.plans import Plan

    faulty_plan = tmp_path / "ke-hoach.toml"
    formats.dump(Plan("Kế hoạch CCHC", Period.year(2024), issued=date(2024, 1, 5)), faulty_plan)
    result = invoke("export", "plan", str(faulty_plan), "--out", str(tmp_path / "kh.docx"))
    assert result.exit_code == 1
    assert result.stderr.startswith("cchc: --issuer: ")
    named = invoke(
        "export", "plan", str(faulty_plan), "--issuer", "UBND huyện A",
        "--out", str(tmp_path / "kh.docx"),
    )  # fmt: skip
    assert named.exit_code == 0, named.output
    assert "ỦY BAN NHÂN DÂN HUYỆN A" in all_text(opened(tmp_path / "kh.docx")).upper()


# --- progress ---------------------------------------------------------------------------------


def test_progress_of_a_bundled_plan_as_text_and_csv() -> None:
    from cchc.plans import format_progress

    example = load("gia-lam-9m-2021")
    report = example.report()
    text = invoke("progress", "gia-lam-9m-2021")
    assert text.exit_code == 0
    assert text.stdout == format_progress(report, units=example.units) + "\n"
    rows = csv_rows(invoke("progress", "gia-lam-9m-2021", "-f", "csv", "--lang", "en").stdout)
    assert [r["code"] for r in rows] == [t.code for t in report.tasks]


def test_progress_of_a_plan_file_with_its_status_updates(tmp_path: Path) -> None:
    from datetime import date

    from cchc.calendar import Period
    from cchc.plans import Plan, Task

    plan = Plan(
        "Kế hoạch CCHC", Period.year(2024), issuer="UBND huyện A",
        tasks=[Task("1", "Rà soát thủ tục", due=date(2024, 3, 31)),
               Task("2", "Số hóa hồ sơ", due=date(2024, 9, 30))],
    )  # fmt: skip
    path = tmp_path / "ke-hoach.toml"
    formats.dump(plan, path)
    updates = tmp_path / "tien-do.toml"
    updates.write_text(
        '[[1]]\non = 2024-03-20\nstatus = "done"\nevidence = "QĐ 12/QĐ-UBND"\n', encoding="utf-8"
    )
    result = invoke(
        "progress", str(path), "--updates", str(updates), "--as-of", "2024-06-30",
        "-f", "json", "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    from cchc.plans import StatusUpdate, progress

    expected = progress(
        plan, {"1": [StatusUpdate(date(2024, 3, 20), "done", evidence="QĐ 12/QĐ-UBND")]},
        date(2024, 6, 30),
    )  # fmt: skip
    states = {r["code"]: r["state"] for r in json.loads(result.stdout)}
    assert states == {t.code: t.state.value for t in expected.tasks}
    assert states["1"] == "done-on-time"
    docx_out = tmp_path / "bao-cao.docx"
    said = invoke("progress", str(path), "--updates", str(updates), "--as-of", "2024-06-30",
                  "--out", str(docx_out))  # fmt: skip
    assert said.exit_code == 0, said.output
    assert "Rà soát thủ tục" in all_text(opened(docx_out))


# --- as a real process ----------------------------------------------------------------------


def process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, encoding="utf-8",
        timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        check=False,
    )  # fmt: skip


def test_python_m_cchc_runs_the_command() -> None:
    done = process("-m", "cchc", "workdays", "09/02/2021", "1")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2021-02-17\n", "")


def test_a_real_process_exits_2_on_a_usage_error_and_1_on_bad_input(tmp_path: Path) -> None:
    usage = process("-m", "cchc", "workdays")
    assert usage.returncode == 2
    assert "Usage: cchc" in usage.stderr
    junk = tmp_path / "rac.json"
    junk.write_bytes(b"\xff\xfe\x00junk")
    bad = process("-m", "cchc", "rank", str(junk))
    assert bad.returncode == 1
    assert bad.stderr.startswith("cchc: ")
    assert "Traceback" not in bad.stderr


def test_a_real_process_writes_csv_that_reads_back() -> None:
    done = process("-m", "cchc", "awards", "chau-thanh-2021", "--format", "csv", "--lang", "en")
    assert done.returncode == 0, done.stderr
    rows = csv_rows(done.stdout)
    assert rows[0]["status"] == "awarded"
    assert rows[0]["recipient"] == "CT-NV"


def test_without_the_cli_extra_the_command_says_how_to_install_it() -> None:
    script = (
        "import sys; sys.modules['typer'] = None\n"
        "from cchc.cli import main\n"
        "raise SystemExit(main(['workdays', '2021-02-09', '1']))\n"
    )
    done = process("-c", script)
    assert done.returncode == 1
    assert 'pip install "cchc[cli]"' in done.stderr
    assert "Traceback" not in done.stderr
