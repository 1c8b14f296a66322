"""The PNG previews of docs/docx.md: the first page of each document type ``cchc demo --out``
writes, rendered from real exports.

Each document is saved as DOCX, converted to PDF by LibreOffice (headless, in one call, with a
profile of its own), and its first page drawn by poppler in shades of grey at 60 dots per inch
(``pdftoppm -gray -r 60 -f 1 -l 1``) into ``docs/previews/<type>.png``. Run it after a change
to the layout, from the repository's root::

    python tools/previews.py            # or: make previews

It needs LibreOffice (``soffice``) and poppler (``pdftoppm``) and the ``docx`` extra.
"""

from __future__ import annotations

import datetime
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from cchc.calendar import next_working_day
from cchc.campaigns import run_campaign
from cchc.examples import load, load_results
from cchc.export.docx import (
    Letterhead,
    OfficialDocument,
    announcement_document,
    award_decision_document,
    plan_document,
    report_document,
    save,
    scoreboard_document,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "previews"
#: Dots per inch: an A4 page of about 500 by 700 pixels, small enough to check in.
RESOLUTION = 60


def documents() -> Iterator[tuple[str, OfficialDocument]]:
    """One document of each type the demo writes, as the demo writes it: the Châu Thành
    campaign's plan, its scoreboard, the decision announcing its results and the commendation
    decision (on its illustrative results), and Gia Lâm's 9-month report."""
    example = load("chau-thanh-2021")
    campaign = example.campaign
    assert campaign is not None
    head = Letterhead.of_issuer(example.plan.issuer)
    yield (
        "ke-hoach",
        plan_document(
            example.plan,
            head,
            units=example.units,
            campaign=campaign,
            recipients=["Các cơ quan, đơn vị có liên quan"],
        ),
    )
    result = run_campaign(campaign, load_results("chau-thanh-2021"))
    issued = next_working_day(campaign.window.end + datetime.timedelta(days=1))
    yield (
        "bang-tong-hop",
        scoreboard_document(
            result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
        ),
    )
    yield (
        "cong-bo-ket-qua",
        announcement_document(
            result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
        ),
    )
    yield (
        "khen-thuong",
        award_decision_document(
            result, head, issued=issued, recipients=["UBND tỉnh"], illustrative=True
        ),
    )
    gia_lam = load("gia-lam-9m-2021")
    report = gia_lam.report()
    yield (
        "bao-cao",
        report_document(
            report,
            Letterhead.of_issuer(gia_lam.plan.issuer),
            units=gia_lam.units,
            issued=next_working_day(report.as_of + datetime.timedelta(days=1)),
            recipients=["UBND thành phố Hà Nội"],
        ),
    )


def gray_png(pgm: bytes) -> bytes:
    """A binary PGM image (``P5``, 8 bits, as ``pdftoppm -gray`` writes it) as a grayscale PNG:
    a third of the size of the colour PNG of a page of black text."""
    fields = pgm.split(maxsplit=4)
    if fields[0] != b"P5" or fields[3] != b"255":
        raise ValueError("not an 8-bit binary PGM image")
    width, height, pixels = int(fields[1]), int(fields[2]), fields[4]
    rows = b"".join(
        b"\x00" + pixels[y * width : (y + 1) * width] for y in range(height)
    )  # filter type 0 (none) before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def main() -> int:
    """Write every preview; 1 if LibreOffice or poppler is missing."""
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"needs {' and '.join(missing)}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        names = []
        for name, doc in documents():
            save(doc, folder / f"{name}.docx")
            names.append(name)
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *(str(folder / f"{name}.docx") for name in names),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        for name in names:
            subprocess.run(
                [
                    "pdftoppm",
                    "-gray",
                    "-r",
                    str(RESOLUTION),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(folder / f"{name}.pdf"),
                    str(folder / name),
                ],
                check=True,
                timeout=120,
            )
            png = OUT / f"{name}.png"
            png.write_bytes(gray_png((folder / f"{name}.pgm").read_bytes()))
            print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
