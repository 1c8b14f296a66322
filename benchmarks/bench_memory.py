"""Resident memory of a whole campaign scored at once: the national case and 16x the communes
with 4x the sub-criteria.

Each case runs in a fresh interpreter, which reports its peak resident set
(``resource.getrusage(...).ru_maxrss``) twice: after generating the inputs only (the baseline:
the arrays a caller holds anyway, held compactly as 32-bit numbers: ``generate(...,
compact=True)``; the same inputs as 64-bit arrays add about 340 MB to the large case) and after
scoring them end to end (the three stages laid over
each other, the group step, totals, bands and ranks within provinces). Targets: the national
case (3,321 communes x 100 sub-criteria) under :data:`NATIONAL_MB`, the large one (53,136 x
400) under :data:`LARGE_MB`. Each case is run :data:`ROUNDS` times and the median kept.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

NATIONAL_MB = 100
LARGE_MB = 1000
ROUNDS = 3
CASES = {"national": (3321, 100, NATIONAL_MB), "large": (53136, 400, LARGE_MB)}
ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(units: int, sub_criteria: int, score: bool) -> float:
    """In this process: generate, score if asked; the peak resident memory in MB."""
    from benchmarks.bench_scoring import engine_table, generate, national_framework
    from cchc.scoring import rank, score_table

    framework = national_framework(sub_criteria)
    data = generate(framework, n=units, compact=True)
    if score:
        result = score_table(engine_table(framework, data), data.groups)
        rank(result, data.groups)
    return _peak_mb()


def fresh(units: int, sub_criteria: int, score: bool) -> float:
    """:func:`measure` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    code = (
        "import json; from benchmarks.bench_memory import measure; "
        f"print(json.dumps(measure({units}, {sub_criteria}, {score})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return float(json.loads(done.stdout))


def main() -> int:
    """Print each case's peak beside its target; 0 if all are met."""
    load = os.getloadavg()
    print(
        f"peak resident memory, each case in a fresh interpreter, median of {ROUNDS} "
        f"(machine load {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f})"
    )
    status = 0
    for name, (units, subs, target) in CASES.items():
        inputs = statistics.median(fresh(units, subs, False) for _ in range(ROUNDS))
        scored = statistics.median(fresh(units, subs, True) for _ in range(ROUNDS))
        ok = scored < target
        status |= not ok
        print(
            f"  {name:8} {units:>6,} units x {subs} sub-criteria: inputs alone {inputs:6.0f} MB, "
            f"scored {scored:6.0f} MB ({scored / inputs:4.1f}x the inputs; target < {target} MB): "
            f"{'ok' if ok else 'MISSED'}"
        )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
