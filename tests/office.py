"""What the tests of tables, frames and workbooks share: the Châu Thành campaign run end to
end, score tables compared cell by cell, a self-assessment workbook filled in as a unit types
into it, and LibreOffice (headless) converting files.

The LibreOffice tests are skipped where ``soffice`` is not installed, unless
``CCHC_REQUIRE_LIBREOFFICE=1`` (CI sets it): then a missing office suite fails the test
instead of hiding it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cchc.campaigns import CampaignResult, run_campaign
from cchc.examples import load, load_results, load_settlements
from cchc.scoring import ScoreTable
from cchc.workbooks import SCORING_SHEET

__all__ = ["chau_thanh_result", "convert", "fill", "rows_of", "same_cells", "soffice_or_skip"]


@functools.cache
def chau_thanh_result() -> CampaignResult:
    """The Châu Thành 2021 campaign run end to end on its bundled results and settlements."""
    example = load("chau-thanh-2021")
    assert example.campaign is not None
    return run_campaign(
        example.campaign,
        load_results("chau-thanh-2021"),
        settlements=load_settlements("chau-thanh-2021"),
    )


def same_cells(a: ScoreTable, b: ScoreTable) -> bool:
    """Two score tables hold the same cells (tables compare by identity)."""
    return (
        a.framework == b.framework
        and a.units == b.units
        and all(
            np.array_equal(getattr(a, name), getattr(b, name))
            for name in ("first", "second", "given", "na", "source")
        )
        and dict(a.reasons) == dict(b.reasons)
    )


# --- a workbook filled in as a person does ----------------------------------------------------


def rows_of(ws: Any) -> dict[str, int]:
    """Row of each criterion code in a scoring sheet (column B)."""
    return {
        str(ws.cell(r, 2).value): r
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, 2).value is not None
    }


def fill(path: Path, typed: Mapping[str, Mapping[str, object]], sheet: str = SCORING_SHEET) -> None:
    """Type values into a workbook with openpyxl, as a unit does in Excel: ``typed`` maps a
    criterion code to ``{column letter: value}`` on its row of ``sheet``."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = rows_of(ws)
    for code, cells in typed.items():
        for column, value in cells.items():
            ws[f"{column}{rows[code]}"] = value  # type: ignore[assignment]
    wb.save(path)


# --- LibreOffice ------------------------------------------------------------------------------


def soffice_or_skip(*also: str) -> str:
    """The path of ``soffice`` (LibreOffice), checking that the tools ``also`` named are
    installed too; skip the test where one is missing, or fail it under
    ``CCHC_REQUIRE_LIBREOFFICE=1``."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    missing = ([] if found else ["soffice"]) + [t for t in also if shutil.which(t) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed"
        if os.environ.get("CCHC_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"{message}, and CCHC_REQUIRE_LIBREOFFICE=1 requires it")
        pytest.skip(message)
    assert found is not None
    return found


def convert(
    paths: Path | Sequence[Path], to: str, outdir: Path, profile: Path, *, timeout: int = 600
) -> list[Path]:
    """Open each of ``paths`` in LibreOffice (headless, one call: it is slow to start) and
    save it in ``outdir`` by the filter ``to`` (``"pdf"``, ``"xlsx:Calc Office Open XML"``,
    ``"csv:Text - txt - csv (StarCalc):44,34,76"``); the new files' paths, in order.
    ``profile`` is a folder for LibreOffice's user profile, so that runs do not share one."""
    soffice = soffice_or_skip()
    items = [paths] if isinstance(paths, Path) else list(paths)
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, items),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    extension = to.partition(":")[0]
    saved = [outdir / f"{path.stem}.{extension}" for path in items]
    missing = [str(p) for p in saved if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}: {result.stdout}{result.stderr}"
    return saved
