"""The ``cchc`` command as a user types it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from cchc.cli import main
from cchc.examples import load, names, results_names


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
    assert "1. Phòng Nội vụ: 97.10/100.00 điểm, 97.10 %, Xuất sắc — Giải Nhất" in out
    assert "illustrative results, not from the article" in out


def test_demo_writes_each_issued_plan_as_a_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "demo", "--out", str(tmp_path))
    assert code == 0
    written = sorted(p.stem for p in tmp_path.glob("*.docx"))
    issued = [n for n in names() if load(n).plan.issued is not None]
    decisions = [f"{n}-khen-thuong" for n in results_names()]
    assert written == sorted(issued + decisions)
    chau_thanh = docx.Document(io.BytesIO((tmp_path / "chau-thanh-2021.docx").read_bytes()))
    header = chau_thanh.tables[0].rows[0].cells[0].text
    assert "Số: 138/KH-UBND" in header
    assert "chau-thanh-2021.docx: Kế hoạch Số: 138/KH-UBND" in out
    decision = docx.Document(
        io.BytesIO((tmp_path / "chau-thanh-2021-khen-thuong.docx").read_bytes())
    )
    assert len(decision.tables[1].rows) == 1 + 16  # header row and every award


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
