"""A national scoreboard as a Decree 30 document: 3,321 communes in 34 provincial groups.

The ranking of the national scoring benchmark (``bench_scoring``: the same seeded framework
and data) is laid out as a landscape report whose tables list every commune with its field
points, total, index, band and rank (:func:`cchc.export.docx.scoreboard_document`), and the
DOCX bytes are written. Two ways, on the same rows, in one run:

* ``cchc``: from the ranking to the bytes (building the document, with its checks, and
  rendering it: header, title, tables, signature), and the rendering alone;
* ``python-docx``: the usual idiom on the same cell texts: ``table.add_row().cells`` and
  ``cell.text = …`` for each cell, styled the same way (Times New Roman in all four font slots,
  as Vietnamese needs, 12 pt, Vietnamese as the language, bold header, bordered grid), then
  ``Document.save``.

Both files must hold the same cells, in the same order. The idiom spends its time in
python-docx's element-by-element API (a dozen elements made and looked up per cell) and in
``.cells``, which builds the whole table's grid on each call, so that its time grows faster
than a table's rows; ``cchc`` writes each row as one string into the saved document part.

Each figure is printed beside its target: ``cchc`` from the ranking to the bytes under
:data:`TARGET_S`, and at least :data:`TARGET_RATIO` times faster than the idiom measured in
the same run (a ratio, so that a slow or busy machine does not move it much).
"""

from __future__ import annotations

import datetime
import io
import os
import time
from collections.abc import Callable
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from benchmarks.bench_scoring import N_GROUPS, engine_table, generate, national_framework
from cchc.export.docx import Letterhead, OfficialDocument, render, scoreboard_document
from cchc.scoring import Ranking, rank, score_table

#: From the ranking to the bytes of the document, in seconds.
TARGET_S = 1.5
#: The idiom's time over ``cchc``'s, from the ranking to the bytes.
TARGET_RATIO = 4.0
ROUNDS = 3
FONT = "Times New Roman"
HEAD = Letterhead.of_issuer("UBND tỉnh Bắc Kạn", signer="Nguyễn Văn A")
ISSUED = datetime.date(2025, 1, 6)


def national_ranking() -> Ranking:
    """The national benchmark's communes, scored and ranked within their provinces."""
    framework = national_framework()
    data = generate(framework)
    return rank(score_table(engine_table(framework, data)), data.groups)


def ours(ranking: Ranking) -> bytes:
    """``cchc``: the scoreboard document built from the ranking and rendered."""
    return render(scoreboard_document(ranking, HEAD, issued=ISSUED))


def _style(run: Any, *, bold: bool) -> None:
    """A run in Times New Roman in all four slots, 12 pt, Vietnamese (python-docx's
    ``font.name`` sets two of the four slots only)."""
    run.font.name = FONT
    run.font.size = Pt(12)
    run.font.bold = bold
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.rFonts
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "vi-VN")
    rpr.append(lang)


def idiom(doc: OfficialDocument) -> bytes:
    """python-docx's usual way: each group's heading and table, row by row with
    ``add_row().cells``, every cell styled, then saved."""
    document = docx.Document()
    for part in doc.sections:
        table_ = part.table
        if table_ is None:
            continue
        _style(document.add_paragraph().add_run(part.heading.upper()), bold=True)
        table = document.add_table(rows=1, cols=len(table_.header))
        table.style = "Table Grid"
        for cell, value in zip(table.rows[0].cells, table_.header, strict=True):
            cell.text = value
            _style(cell.paragraphs[0].runs[0], bold=True)
        for row in table_.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
                _style(cell.paragraphs[0].runs[0], bold=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def cells_of(data: bytes, columns: int) -> list[str]:
    """The text of every cell of the tables with ``columns`` columns, in order."""
    body = docx.Document(io.BytesIO(data)).element.body
    found = []
    for tbl in body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        if grid is None or len(grid) != columns:
            continue
        for tc in tbl.iter(qn("w:tc")):
            found.append("".join(t.text or "" for t in tc.iter(qn("w:t"))))
    return found


def fastest(fn: Callable[[], bytes], rounds: int = ROUNDS) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(rounds):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def run() -> dict[str, Any]:
    """Measure both ways on the national scoreboard and check they hold the same cells."""
    ranking = national_ranking()
    doc = scoreboard_document(ranking, HEAD, issued=ISSUED)
    tables = [part.table for part in doc.sections if part.table is not None]
    columns = len(tables[0].header)
    t_ours, mine = fastest(lambda: ours(ranking))
    t_render, _ = fastest(lambda: render(doc))
    t_idiom, theirs = fastest(lambda: idiom(doc), rounds=1)
    same = cells_of(mine, columns) == cells_of(theirs, columns)
    rows = sum(len(t.rows) for t in tables)
    return {
        "units": len(ranking.entries),
        "rows": rows,
        "cells": rows * columns,
        "groups": len(tables),
        "ours_s": t_ours,
        "render_s": t_render,
        "idiom_s": t_idiom,
        "ratio": t_idiom / t_ours,
        "render_ratio": t_idiom / t_render,
        "same_cells": same,
        "same_bytes": mine == ours(ranking),
        "checks_pass": same and t_ours < TARGET_S and t_idiom / t_ours >= TARGET_RATIO,
    }


def main() -> int:
    """Print the figures of :func:`run`; 0 if the checks pass."""
    before = os.getloadavg()[0]
    r = run()
    after = os.getloadavg()[0]
    print(
        f"{r['units']:,} communes in {r['groups']} groups (of {N_GROUPS}), {r['rows']:,} rows, "
        f"{r['cells']:,} cells; fastest of {ROUNDS} runs (the idiom: one)"
    )
    print(f"  machine load (1-minute average) before / after: {before:.1f} / {after:.1f}")
    print(f"  cchc, ranking -> bytes:   {r['ours_s']:6.2f} s (target < {TARGET_S} s)")
    print(f"  cchc, render alone:       {r['render_s']:6.2f} s")
    print(f"  python-docx add_row():    {r['idiom_s']:6.2f} s")
    print(
        f"  idiom / cchc:             {r['ratio']:6.1f}x (target >= {TARGET_RATIO:.0f}x); "
        f"render alone {r['render_ratio']:.1f}x"
    )
    print(f"  the same cells in both files: {'yes' if r['same_cells'] else 'NO'}")
    print(f"  the same bytes on a second run: {'yes' if r['same_bytes'] else 'NO'}")
    print(f"  checks: {'pass' if r['checks_pass'] else 'FAIL'}")
    return 0 if r["checks_pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
