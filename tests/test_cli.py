"""The ``cchc`` command as a user types it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest

from cchc.cli import main
from cchc.examples import load, names, results_names
from tests.office import fill


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_shows_the_cascade_of_every_seed_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    for name in names():
        example = load(name)
        assert f"## {example.title}" in out
        for directive in example.cascade().directives:
            assert str(directive) in out
    assert "├── Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ" in out


def test_demo_shows_plans_and_progress(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "demo")
    assert "Kế hoạch số 138/KH-UBND ngày 05/5/2021" in out
    assert "Tiến độ thực hiện (progress)" in out


def test_demo_runs_the_campaign_and_says_the_results_are_illustrative(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "demo")
    assert "1. Phòng Nội vụ: 97,10/100,00 điểm, 97,10%, Xuất sắc — Giải Nhất" in out
    assert "illustrative results, not from the article" in out


def test_demo_writes_each_issued_plan_as_a_document(
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
    chau_thanh = docx.Document(io.BytesIO((tmp_path / "chau-thanh-2021.docx").read_bytes()))
    number_cell = chau_thanh.tables[0].rows[1].cells[0].text  # "Số" beside the date line
    assert "Số: 138/KH-UBND" in number_cell
    assert "chau-thanh-2021.docx: Kế hoạch Số: 138/KH-UBND" in out
    decision = docx.Document(
        io.BytesIO((tmp_path / "chau-thanh-2021-khen-thuong.docx").read_bytes())
    )
    listed = sum(len(table.rows) - 1 for table in decision.tables[2:])  # the appendix lists
    assert listed == 16  # every award, collectives and individuals apart
    assert "BẢN MINH HỌA" in "\n".join(p.text for p in decision.paragraphs)


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


def test_workdays_skips_tet(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "workdays", "09/02/2021", "1")[:2] == (0, "2021-02-17\n")


def test_a_bad_date_is_reported_with_exit_code_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "workdays", "31/02/2021", "1")
    assert (code, out) == (1, "")
    assert err.startswith("cchc: ")
    assert "31/02/2021" in err


def test_a_missing_file_is_reported_with_exit_code_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "refs", str(tmp_path / "none.txt"))
    assert code == 1
    assert "none.txt" in err


def test_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_is_reported_with_exit_code_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "cp1258.txt"
    text.write_bytes("Kế hoạch số 138/KH-UBND".encode("utf-16"))
    code, out, err = run(capsys, "refs", str(text))
    assert (code, out) == (1, "")
    assert err.startswith("cchc: ")
    assert "UTF-8" in err


# --- the Excel path: cchc template, cchc score ---------------------------------------------

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
    code, said, err = run(capsys, "score", "cchc-campaign-6", str(forms), "--out", str(out))
    assert (code, said) == (1, "")
    assert '"X01.xlsx", "Tự đánh giá"!F6: 16 is above the maximum 8 of 1.1' in err
    assert '"X01.xlsx", "Tự đánh giá"!F13' in err
    assert out.read_bytes() == b"last year's results"
    assert [p.name for p in forms.parent.iterdir() if p.name.startswith(".cchc-")] == []


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
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert said in err
    assert list(tmp_path.iterdir()) == []
