"""The paths people use, against the engine's own figures: a sheet of text, one unit at a time,
and ranking as the nation grows.

On the national benchmark's data (``bench_scoring``: 3,321 communes, 100 sub-criteria of every
rule kind and a bonus flag; its seeded self-assessments):

* ``from_wide``: the self-assessments as a spreadsheet or a CSV file gives them, one row of
  text per commune (``"0.75"``, ``"có"``, ``"45/50"``, ``"N/A"``), read by
  :meth:`ScoreTable.from_wide <cchc.scoring.ScoreTable.from_wide>`, against
  :meth:`~cchc.scoring.ScoreTable.from_arrays` of the same cells as whole numbers (target:
  within :data:`WIDE_TARGET` times it, and under :data:`WIDE_SECONDS`); both tables must be
  equal cell for cell;
* ``score_unit``: :func:`~cchc.scoring.score_unit` one commune at a time, on
  :data:`UNIT_SAMPLE` communes not scored before in each round (target:
  :data:`UNIT_TARGET_MS` ms a unit, the nation one unit at a time in under a second); every
  card must agree with the batch of the same units;
* ``rank``: :func:`~cchc.scoring.rank` at 1x, 4x and 16x the national number of communes
  (target: 16x the units within :data:`RANK_GROWTH` times the time, so no worse than linear).

Each figure is the median of :data:`ROUNDS` runs (wall clock), taken in turns; the machine's
load is printed with them.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.bench_batch import _value
from benchmarks.bench_scoring import (
    N_UNITS,
    PAIRS,
    Data,
    engine_table,
    generate,
    national_framework,
)
from cchc.criteria import Framework, RuleKind
from cchc.scoring import ScoreTable, SelfAssessment, rank, score_table, score_unit

WIDE_TARGET = 10.0
WIDE_SECONDS = 0.1
UNIT_TARGET_MS = 0.3
UNIT_SAMPLE = 200
RANK_GROWTH = 20.0
ROUNDS = 7


#: The CPU time of the last :func:`medians`, beside its wall times: on a busy machine the
#: wall clock measures the neighbours too, the CPU time (of this process) much less so.
CPU: dict[str, float] = {}


def medians(runs: dict[str, Callable[[], Any]], rounds: int = ROUNDS) -> dict[str, float]:
    """The median wall time of each run, the runs taken in turns ``rounds`` times (their
    median CPU times are left in :data:`CPU`)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    CPU.update({name: statistics.median(t) for name, t in cpu.items()})
    return {name: statistics.median(t) for name, t in times.items()}


def sheet(data: Data) -> list[dict[str, object]]:
    """The self-assessments as rows of text, one per commune (a sheet read as text)."""
    kinds = dict(zip(data.codes, data.kinds, strict=True))
    rows: list[dict[str, object]] = []
    for j, unit in enumerate(data.units):
        row: dict[str, object] = {"unit": unit}
        for code, first in data.self_first.items():
            na = data.na.get(code)
            if na is not None and na[j]:
                row[code] = "N/A"
            else:
                row[code] = _value(kinds[code], int(first[j]), int(data.self_second[code][j]))
        rows.append(row)
    return rows


def arrays(data: Data) -> dict[str, Any]:
    """The same cells as whole-number columns (0 where not applicable, as text gives them)."""
    columns: dict[str, Any] = {}
    for i, code in enumerate(data.codes):
        if code not in data.self_first:
            continue
        na = data.na.get(code)
        first, second = data.self_first[code], data.self_second[code]
        if na is not None:
            first, second = np.where(na, 0, first), np.where(na, 0, second)
        columns[code] = (first, second) if data.kinds[i] in PAIRS else first
    return columns


def _same(a: ScoreTable, b: ScoreTable) -> bool:
    names = ("first", "second", "given", "na", "source")
    return a.units == b.units and all(np.array_equal(getattr(a, n), getattr(b, n)) for n in names)


def run_wide(framework: Framework, data: Data) -> dict[str, Any]:
    rows = sheet(data)
    columns = arrays(data)

    def wide() -> ScoreTable:
        return ScoreTable.from_wide(framework, rows)

    def from_arrays() -> ScoreTable:
        return ScoreTable.from_arrays(framework, data.units, columns, not_applicable=data.na)

    t = medians({"arrays": from_arrays, "wide": wide})
    return {
        "arrays": t["arrays"],
        "wide": t["wide"],
        "arrays_cpu": CPU["arrays"],
        "wide_cpu": CPU["wide"],
        "agree": _same(wide(), from_arrays()),
    }


def assessments(data: Data, count: int) -> list[SelfAssessment]:
    """The first ``count`` communes' self-assessments as objects (the target-relative criterion
    left out: one unit alone cannot be scored against its province)."""
    kinds = dict(zip(data.codes, data.kinds, strict=True))
    out = []
    for j, unit in enumerate(data.units[:count]):
        values: dict[str, object] = {}
        for code, first in data.self_first.items():
            if kinds[code] is RuleKind.TARGET_RELATIVE:
                continue
            na = data.na.get(code)
            if na is not None and na[j]:
                values[code] = "N/A"
            else:
                values[code] = _value(kinds[code], int(first[j]), int(data.self_second[code][j]))
        out.append(SelfAssessment.of(unit, values))
    return out


def run_units(framework: Framework, data: Data) -> dict[str, Any]:
    """Each round scores :data:`UNIT_SAMPLE` communes not scored before in this process (the
    lines of a card that two communes share are made once: a round over the same communes
    again would measure that memory, not the work)."""
    rounds = 3
    everyone = assessments(data, UNIT_SAMPLE * (rounds + 1))
    samples = iter(
        [everyone[k * UNIT_SAMPLE : (k + 1) * UNIT_SAMPLE] for k in range(1, rounds + 1)]
    )
    sample = everyone[:UNIT_SAMPLE]

    def one_by_one() -> list[Any]:
        return [score_unit(framework, a) for a in next(samples)]

    per_unit = medians({"units": one_by_one}, rounds)["units"] / UNIT_SAMPLE
    cpu = CPU["units"] / UNIT_SAMPLE
    cards = [score_unit(framework, a) for a in sample]
    batch = score_table(ScoreTable.from_assessments(framework, sample))
    agree = all(card == batch.scorecard(card.unit) for card in cards)
    return {"per_unit": per_unit, "cpu": cpu, "nation": per_unit * N_UNITS, "agree": agree}


def run_rank(framework: Framework) -> dict[int, tuple[float, float]]:
    """Wall and CPU time of ranking at 1x, 4x and 16x the national number of communes."""
    out = {}
    for times in (1, 4, 16):
        data = generate(framework, n=N_UNITS * times)
        result = score_table(engine_table(framework, data), data.groups)
        wall = medians({"rank": lambda: rank(result, data.groups)})["rank"]  # noqa: B023
        out[times] = (wall, CPU["rank"])
    return out


def main() -> int:
    """Print each figure beside its target; 0 if all are met and the results agree."""
    framework = national_framework()
    data = generate(framework)
    load = os.getloadavg()
    print(
        f"{N_UNITS:,} communes x {len(data.codes) - 1} sub-criteria and a bonus; medians of "
        f"{ROUNDS} runs (machine load {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f})"
    )
    status = 0
    w = run_wide(framework, data)
    ratio = w["wide"] / w["arrays"]
    ok = ratio <= WIDE_TARGET and w["wide"] < WIDE_SECONDS
    print(
        f"  from_arrays (baseline)        {w['arrays'] * 1000:8.1f} ms "
        f"(CPU {w['arrays_cpu'] * 1000:.1f})"
    )
    print(
        f"  from_wide, rows of text       {w['wide'] * 1000:8.1f} ms "
        f"(CPU {w['wide_cpu'] * 1000:.1f})"
        f"  {ratio:6.1f}x from_arrays (CPU {w['wide_cpu'] / w['arrays_cpu']:.1f}x; target <= "
        f"{WIDE_TARGET:.0f}x and < {WIDE_SECONDS * 1000:.0f} ms): "
        f"{'ok' if ok else 'MISSED'}; same table: {'yes' if w['agree'] else 'NO'}"
    )
    status |= not (ok and w["agree"])
    u = run_units(framework, data)
    ok = u["per_unit"] * 1000 <= UNIT_TARGET_MS
    print(
        f"  score_unit, one at a time     {u['per_unit'] * 1000:8.2f} ms a unit (CPU "
        f"{u['cpu'] * 1000:.2f}) "
        f"(target <= {UNIT_TARGET_MS} ms): {'ok' if ok else 'MISSED'}; the nation this way "
        f"{u['nation']:.1f} s (target < 1 s); cards agree with the batch: "
        f"{'yes' if u['agree'] else 'NO'}"
    )
    status |= not (ok and u["agree"])
    r = run_rank(framework)
    growth = r[16][0] / r[1][0]
    ok = growth <= RANK_GROWTH
    steps = " -> ".join(f"{r[k][0] * 1000:.1f}" for k in (1, 4, 16))
    cpu_steps = " -> ".join(f"{r[k][1] * 1000:.1f}" for k in (1, 4, 16))
    print(
        f"  rank at 1x, 4x, 16x units     {steps} ms (CPU {cpu_steps}): 16x units take "
        f"{growth:.1f}x the time (CPU {r[16][1] / r[1][1]:.1f}x; target <= {RANK_GROWTH:.0f}x): "
        f"{'ok' if ok else 'MISSED'}"
    )
    status |= not ok
    return int(status)


if __name__ == "__main__":
    raise SystemExit(main())
