"""A province's self-assessments in Excel: reading and scoring 3,321 filled workbooks of 100
sub-criteria, against reading the same files with plain openpyxl in the same run.

The framework is the national benchmark's (``bench_scoring.national_framework``: 100
sub-criteria of every rule kind, one scored against targets, a bonus flag). One template is
written and filled a few ways with seeded values, as a unit types them (floats for decimals,
*Có / Không*, numerator and denominator); each unit's file is one of these with the unit's
code written in, made once into a temporary folder (not timed).

Two figures are printed, each beside its target:

* ``engine``: :func:`cchc.workbooks.read_workbooks` over the folder (every safety check, every
  cell checked, ``workers=os.cpu_count()``), then :func:`~cchc.scoring.score_table` and
  :func:`~cchc.scoring.rank`. Target: under :data:`TARGET_SECONDS` for 3,321 workbooks.
* ``openpyxl``: ``openpyxl.load_workbook(read_only=True, data_only=True)`` and every value of
  the scoring sheet, one process, no checks, no scoring: the baseline, reported as a ratio
  (engine time per file over openpyxl time per file). It reads a sample of the files (every
  :data:`SAMPLE_EVERY`-th) to keep the default run short; the per-file figure is what is
  compared.
* CPU time per workbook of both in one process on that sample, which a machine busy with
  other work does not inflate as it does wall-clock time, and the wall-clock time it implies
  on idle CPUs.

``CCHC_BENCH_WORKBOOKS=N`` runs N units instead of 3,321 (the run says what it ran).
"""

from __future__ import annotations

import io
import os
import random
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

from benchmarks.bench_scoring import national_framework
from cchc.criteria import Framework, RuleKind
from cchc.scoring import rank, score_table
from cchc.workbooks import SCORING_SHEET, read_workbooks, write_template

N_UNITS = 3321
VARIANTS = 8
SEED = 20250701
SAMPLE_EVERY = 10
TARGET_SECONDS = 30.0


def _typed(framework: Framework, rng: random.Random) -> dict[str, dict[str, object]]:
    """Values a unit types for each leaf, by its rule."""
    out: dict[str, dict[str, object]] = {}
    for leaf in framework.leaves():
        rule = leaf.effective_rule
        kind = rule.kind
        if kind is RuleKind.SURVEY:
            continue
        if leaf.not_applicable_allowed and rng.random() < 0.05:
            out[leaf.code] = {"H": "Không áp dụng"}
        elif kind is RuleKind.MANUAL:
            step = rule.step or framework.precision
            steps = rng.randint(0, int(leaf.maximum / step))
            out[leaf.code] = {"F": float(steps * step)}
        elif kind is RuleKind.YES_NO:
            out[leaf.code] = {"F": rng.choice(["Có", "Không"])}
        elif kind is RuleKind.BANDED:
            out[leaf.code] = {"F": rng.randint(0, 1000) / 10}
        elif kind is RuleKind.PROPORTIONAL:
            den = rng.randint(1, 400)
            out[leaf.code] = {"F": rng.randint(0, den), "G": den}
        elif kind is RuleKind.TARGET_RELATIVE:
            out[leaf.code] = {"F": rng.randint(50, 150), "G": 100}
        else:
            out[leaf.code] = {"F": rng.randint(0, 4)}
    return out


def generate(framework: Framework, n: int, folder: Path) -> list[Path]:
    """``n`` filled workbooks in ``folder``, U0000.xlsx … ."""
    rng = random.Random(SEED)
    blank = write_template(framework, "U0000", folder / "blank.xlsx", period="năm 2024")
    variants: list[dict[str, bytes]] = []
    for _ in range(VARIANTS):
        wb = openpyxl.load_workbook(blank)
        ws = wb[SCORING_SHEET]
        rows = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1)}
        for code, cells in _typed(framework, rng).items():
            for column, value in cells.items():
                ws[f"{column}{rows[code]}"] = value  # type: ignore[assignment]
        buffer = io.BytesIO()
        wb.save(buffer)
        with zipfile.ZipFile(buffer) as z:
            variants.append({name: z.read(name) for name in z.namelist()})
    blank.unlink()
    paths = []
    for i in range(n):
        unit = f"U{i:04d}".encode()
        path = folder / f"U{i:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for name, data in variants[i % VARIANTS].items():
                z.writestr(name, data.replace(b"U0000", unit) if name.endswith(".xml") else data)
        paths.append(path)
    return paths


def plain_openpyxl(paths: list[Path]) -> int:
    """Every value of every scoring sheet, with openpyxl alone; the count of cells read."""
    cells = 0
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for row in wb[SCORING_SHEET].iter_rows(values_only=True):
            cells += len(row)
        wb.close()
    return cells


def main() -> int:
    """Generate, time both, print the figures; 0 if the engine read every workbook."""
    n = int(os.environ.get("CCHC_BENCH_WORKBOOKS", N_UNITS))
    framework = national_framework()
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-workbooks-"))
    try:
        start = time.perf_counter()
        paths = generate(framework, n, folder)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
        print(
            f"{n} filled workbooks of {len(framework.leaves()) - 1} sub-criteria and a bonus "
            f"flag ({size:.0f} KB each, made in {made:.1f} s, not timed), {os.cpu_count()} CPUs"
        )
        start = time.perf_counter()
        batch = read_workbooks(framework, [folder], workers=os.cpu_count() or 1)
        read = time.perf_counter() - start
        ranking = rank(score_table(batch.table))
        engine = time.perf_counter() - start
        sample = paths[::SAMPLE_EVERY]
        start, cpu = time.perf_counter(), time.process_time()
        plain_openpyxl(sample)
        baseline = (time.perf_counter() - start) / len(sample)
        baseline_cpu = (time.process_time() - cpu) / len(sample)
        cpu = time.process_time()
        sample_dir = folder / "sample"
        sample_dir.mkdir()
        for path in sample:
            shutil.copy(path, sample_dir / path.name)
        cpu = time.process_time()
        read_workbooks(framework, [sample_dir], workers=1)
        engine_cpu = (time.process_time() - cpu) / len(sample)
        per_file = engine / n
        print(
            f"  engine   {engine:7.2f} s in all ({read:.2f} s reading, "
            f"{engine - read:.2f} s scoring and ranking), {per_file * 1000:.1f} ms a workbook"
        )
        print(
            f"  openpyxl {baseline * 1000:7.1f} ms a workbook (reading alone, {len(sample)} files)"
        )
        print(f"  engine / openpyxl per workbook: {per_file / baseline:5.2f}x")
        cpus = os.cpu_count() or 1
        print(
            f"  CPU time a workbook, one process, the same {len(sample)} files: engine "
            f"{engine_cpu * 1000:.1f} ms, openpyxl {baseline_cpu * 1000:.1f} ms "
            f"({engine_cpu / baseline_cpu:.2f}x); on {cpus} idle CPUs 3,321 workbooks would take "
            f"about {engine_cpu * N_UNITS / cpus:.0f} s (a busy machine shows more above)"
        )
        scaled = per_file * N_UNITS
        print(
            f"  3,321 workbooks: {scaled:.1f} s (aim: under {TARGET_SECONDS:.0f} s)"
            + ("" if n == N_UNITS else f", scaled from {n}")
        )
        ok = len(ranking.entries) == n
        print(f"  every workbook read and ranked: {'yes' if ok else 'NO'}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
