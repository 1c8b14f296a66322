"""The engine against a NumPy floor written over 2-D arrays, measured three ways.

On the national benchmark's data (``bench_scoring``), the whole campaign is scored from the
same inputs (each criterion's column of self-assessments, the council's changes, the survey):

* ``engine``: ``cchc`` (:func:`~benchmarks.bench_scoring.run_engine`: checked tables, the
  stages laid over each other, the group step, totals, bands, ranks as value types);
* ``2-D floor``: the same integer arithmetic on criteria x communes arrays, one block of rows
  per rule kind, with no checks and no objects (the columns stacked into the arrays inside the
  timed run, as the engine builds its tables inside its own);
* ``loop floor``: the floor of ``bench_scoring``, one criterion at a time, for reference.

Three ways, because which ran before changes the figures on a shared machine: *interleaved*
(the ways in turns, :data:`ROUNDS` rounds), *back to back* (each way :data:`ROUNDS` times in a
row, one way after the other), and *cold* (each way once, first thing in a fresh interpreter,
after generating the data). Each figure is a median, wall clock with the process's CPU time
and its minor page faults beside it (memory touched for the first time: whether a way's
arrays land on memory the allocator already holds or on fresh pages moves its time by as
much as half, so the faults say how much of a difference between runs is the allocator's).
Target: the engine within :data:`TARGET` times the 2-D floor. The three ways must agree
exactly on every commune's points, maximum, index, band, rank, target-relative points and
bonus (asserted).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.bench_scoring import (
    I64,
    TARGET_LEAF,
    Data,
    Outcome,
    generate,
    national_framework,
    outcome,
    run_engine,
    run_numpy,
    target_points,
)
from cchc.criteria import Framework, RuleKind

TARGET = 2.0
ROUNDS = 9
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Plan:
    """What the floor knows of the framework before it sees any data (as the engine keeps its
    layout of the framework): the rows of each rule kind, the maxima, the bonus rows."""

    codes: list[str]  # the criteria the units and the council report, in row order
    survey: list[str]
    rows: dict[RuleKind, I64]
    maxima: I64  # a column: one maximum per row
    survey_max: int
    base: I64  # rows on the base scale
    extra: I64  # rows of the bonus
    na_rows: I64
    na_codes: list[str]
    target: int  # the row of the target-relative criterion


def plan(data: Data) -> Plan:
    codes = [c for c in data.codes if c in data.self_first]
    row = {c: i for i, c in enumerate(codes)}
    kinds = dict(zip(data.codes, data.kinds, strict=True))
    maxima = dict(zip(data.codes, data.maxima, strict=True))
    extra = dict(zip(data.codes, data.extra, strict=True))
    rows: dict[RuleKind, list[int]] = {}
    for c in codes:
        rows.setdefault(kinds[c], []).append(row[c])
    na_codes = [c for c in codes if c in data.na]
    return Plan(
        codes,
        list(data.survey),
        {k: np.array(v, dtype=np.intp) for k, v in rows.items()},
        np.array([maxima[c] for c in codes], dtype=np.int64)[:, None],
        sum(maxima[c] for c in data.survey),
        np.array([row[c] for c in codes if not extra[c]], dtype=np.intp),
        np.array([row[c] for c in codes if extra[c]], dtype=np.intp),
        np.array([row[c] for c in na_codes], dtype=np.intp),
        na_codes,
        row[data.codes[TARGET_LEAF]],
    )


def run_floor(data: Data, p: Plan) -> Outcome:
    """The floor over 2-D arrays: criteria x communes, one block of rows per rule kind."""
    n = len(data.units)
    present = np.stack([data.appraisal_present[c] for c in p.codes])
    a = np.where(present, np.stack([data.appraisal_first[c] for c in p.codes]), 0)
    a += np.where(present, 0, np.stack([data.self_first[c] for c in p.codes]))
    b = np.where(present, np.stack([data.appraisal_second[c] for c in p.codes]), 0)
    b += np.where(present, 0, np.stack([data.self_second[c] for c in p.codes]))
    na = np.zeros(a.shape, dtype=bool)
    na[p.na_rows] = np.stack([data.na[c] for c in p.na_codes]) & ~present[p.na_rows]
    points = np.empty(a.shape, dtype=np.int64)
    m = p.maxima
    for kind, r in p.rows.items():
        x, y, top = a[r], b[r], m[r]
        if kind is RuleKind.MANUAL:
            points[r] = x
        elif kind is RuleKind.YES_NO:
            points[r] = x * top
        elif kind is RuleKind.BANDED:
            points[r] = np.where(x >= 9000, 100, np.where(x >= 7000, 50, 0))
        elif kind is RuleKind.PROPORTIONAL:
            points[r] = np.where(y == 0, top, (2 * top * x + y) // np.maximum(2 * y, 1))
        elif kind is RuleKind.DEDUCTION:
            points[r] = np.maximum(top - x * 25, 0)
        elif kind is RuleKind.BONUS:
            points[r] = np.minimum(x * 50, top)
    t = p.target
    target = target_points(a[t], b[t], ~na[t], data.group_index, int(m[t, 0]))
    points[t] = target
    points[na] = 0
    survey = np.stack([data.survey[c] for c in p.survey])
    survey_max = np.array([data.maxima[data.codes.index(c)] for c in p.survey])[:, None]
    base = points[p.base].sum(axis=0) + ((2 * survey_max * survey + 10000) // 20000).sum(axis=0)
    top = np.where(na[p.base], 0, m[p.base]).sum(axis=0) + p.survey_max
    bonus = points[p.extra].sum(axis=0) if p.extra.size else np.zeros(n, dtype=np.int64)
    return outcome(data, base, bonus, top, target)


def _ways(framework: Framework, data: Data) -> dict[str, Callable[[], Outcome]]:
    p = plan(data)
    return {
        "engine": lambda: run_engine(framework, data),
        "2-D floor": lambda: run_floor(data, p),
        "loop floor": lambda: run_numpy(data),
    }


Times = tuple[float, float, float]  # wall clock, CPU time, page faults


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _timed(fn: Callable[[], Outcome]) -> tuple[float, float, float, Outcome]:
    """Wall clock, CPU time and the pages the system had to provide (minor page faults: memory
    touched for the first time, a cost that depends on what the allocator holds from before)."""
    start, cpu, faults = time.perf_counter(), time.process_time(), _faults()
    got = fn()
    return time.perf_counter() - start, time.process_time() - cpu, _faults() - faults, got


def interleaved(ways: dict[str, Callable[[], Outcome]]) -> dict[str, Times]:
    times: dict[str, list[Times]] = {name: [] for name in ways}
    for _ in range(ROUNDS):
        for name, fn in ways.items():
            times[name].append(_timed(fn)[:3])
    return {n: _medians(t) for n, t in times.items()}


def back_to_back(ways: dict[str, Callable[[], Outcome]]) -> dict[str, Times]:
    out = {}
    for name, fn in ways.items():
        out[name] = _medians([_timed(fn)[:3] for _ in range(ROUNDS)])
    return out


def _medians(times: list[Times]) -> Times:
    wall, cpu, faults = zip(*times, strict=True)
    return statistics.median(wall), statistics.median(cpu), statistics.median(faults)


def first_run(name: str) -> Times:
    """In this process: generate the data, then run one way once."""
    framework = national_framework()
    data = generate(framework)
    return _timed(_ways(framework, data)[name])[:3]


def cold(name: str) -> Times:
    """:func:`first_run` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    code = (
        "import json; from benchmarks.bench_engine import first_run; "
        f"print(json.dumps(first_run({name!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    wall, cpu, faults = json.loads(done.stdout)
    return float(wall), float(cpu), float(faults)


def main() -> int:
    """Print the three ways' figures; 0 if all agree and the engine is within the target."""
    framework = national_framework()
    data = generate(framework)
    ways = _ways(framework, data)
    results = {name: fn() for name, fn in ways.items()}
    agree = results["engine"] == results["2-D floor"] == results["loop floor"]
    assert agree, "the engine and the floors disagree"
    load = os.getloadavg()
    print(
        f"{len(data.units):,} communes x {len(data.codes) - 1} sub-criteria and a bonus; medians "
        f"(machine load {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}); all three agree exactly"
    )
    measured = {
        "interleaved": interleaved(ways),
        "back to back": back_to_back(ways),
        "cold": {
            name: _medians([cold(name) for _ in range(3)]) for name in ("engine", "2-D floor")
        },
    }
    status = 0
    for how, figures in measured.items():
        floor_wall, floor_cpu, _ = figures["2-D floor"]
        engine_wall, engine_cpu, _ = figures["engine"]
        ok = engine_wall / floor_wall <= TARGET
        status |= not ok
        line = ", ".join(
            f"{name} {wall * 1000:.1f} ms (CPU {cpu * 1000:.1f}, {faults:.0f} page faults)"
            for name, (wall, cpu, faults) in figures.items()
        )
        print(f"  {how:12}: {line}")
        print(
            f"  {'':12}  engine / 2-D floor {engine_wall / floor_wall:.2f}x (CPU "
            f"{engine_cpu / floor_cpu:.2f}x; target <= {TARGET:.0f}x): {'ok' if ok else 'MISSED'}"
        )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
